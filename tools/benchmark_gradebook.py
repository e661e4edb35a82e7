"""How long does the gradebook take for a class? ``python tools/benchmark_gradebook.py [--learners 30]``

Builds a synthetic class (each learner hands in lessons 00-03: the solution
notebooks, so every check runs) in a temporary folder, grades it with
``vraem.gradebook.grade`` and prints the time. A report, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from vraem.gradebook import grade
from vraem.paths import data_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lessons", default="00,01,02,03")
    args = parser.parse_args()
    solutions = data_dir().parent / "solutions"
    lessons = [next(solutions.glob(f"{number}-*.ipynb")) for number in args.lessons.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for learner in range(args.learners):
            for lesson in lessons:
                target = folder / "class" / f"learner{learner:02d}" / lesson.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(lesson, target)
        started = time.perf_counter()
        summary = grade([folder / "class"], folder / "out", workers=args.workers)
        seconds = time.perf_counter() - started
    print(f"{args.learners} learners × lessons {args.lessons}: {summary['notebooks']} notebooks graded in "
          f"{seconds:.1f} s with {args.workers} workers ({seconds / max(1, summary['notebooks']):.2f} s per "
          f"notebook); {summary['problems']} problem(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
