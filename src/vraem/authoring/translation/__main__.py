"""Command line: ``python -m vraem.authoring.translation [update|build|check] [--root DIR] [--force]``.

``update`` re-reads the English and updates every catalogue; ``build`` writes the Spanish
notebooks, notes and compiled messages (``python -m vraem.authoring.build`` does both after the
English build); ``check`` lists every untranslated or fuzzy entry, every structure or
terminology problem and every stale Spanish file, and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import BuildError
from ...paths import course_root
from . import edition


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 when it succeeded (for ``check``: when the edition is complete and current)."""
    parser = argparse.ArgumentParser(
        prog="python -m vraem.authoring.translation", description=__doc__.splitlines()[0]
    )
    parser.add_argument("command", nargs="?", default="check", choices=("update", "build", "check"))
    parser.add_argument(
        "--root", type=Path, default=None, help="course folder (default: found from the package)"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite Spanish lessons someone has changed"
    )
    args = parser.parse_args(argv)
    root = args.root or course_root()
    try:
        if args.command == "update":
            for path in edition.update(root):
                print(f"updated {path}")
            return 0
        if args.command == "build":
            return 1 if edition.build(root, force=args.force) else 0
        problems = edition.problems(root)
    except (BuildError, ValueError) as error:
        print(f"stopped: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if problems:
        print(f"the Spanish edition is not complete and current ({len(problems)} problems above).")
        return 1
    print("the Spanish edition is complete and current.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
