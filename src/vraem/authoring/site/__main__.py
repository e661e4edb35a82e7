"""``python -m vraem.authoring.site``: build the course website (see :mod:`vraem.authoring.site.command`)."""

import sys

from .command import main

if __name__ == "__main__":
    sys.exit(main())
