"""``python -m vraem.gradebook SUBMISSIONS… --out OUT``: grade a class (see :mod:`vraem.gradebook.grade`)."""

import sys

from .grade import main

if __name__ == "__main__":
    sys.exit(main())
