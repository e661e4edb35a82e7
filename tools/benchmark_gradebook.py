"""How fast does the gradebook grade a class? ``python tools/benchmark_gradebook.py [--learners 30]``.

Builds a synthetic class (each learner hands in lessons 00-03: the solution
notebooks, so every check runs and every answer is right) in a temporary
folder, grades it and prints notebooks per minute. A report, not a test.

``--against PYTHON`` also times another installation of the course (say the
``.venv`` of an older checkout: ``--against ../main/.venv/bin/python``) on the
same class, in the same run: the two take turns (this one, the other, this
one, …, ``--rounds`` each) so that a machine that gets busier or quieter
affects both alike. Each grading runs in a fresh process of its Python, which
imports that installation's gradebook; the figure is the wall time of
``grade()`` and the share of exercises it graded "solved" (all of them, when
it works).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Run in each timed process: grade the class with that installation's gradebook.
GRADE = """
import json, sys, time
try:
    from vraem.gradebook.grade import grade
except ImportError:  # an older checkout, from before the gradebook became a subpackage
    from vraem.gradebook import grade
started = time.perf_counter()
summary = grade([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
print(json.dumps({"seconds": time.perf_counter() - started, "notebooks": summary["notebooks"]}))
"""


def build_class(folder: Path, learners: int, lessons: list[str]) -> int:
    """Copy the solution notebooks of ``lessons`` once per learner; return the number of notebooks."""
    solutions = ROOT / "solutions"
    notebooks = [next(solutions.glob(f"{number}-*.ipynb")) for number in lessons]
    for learner in range(learners):
        for notebook in notebooks:
            target = folder / f"learner{learner:02d}" / notebook.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(notebook, target)
    return learners * len(notebooks)


def solved_share(out: Path) -> float:
    """The share of exercise cells in grades.csv that say "solved"."""
    with open(out / "grades.csv", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    cells = [
        value
        for row in rows
        for key, value in row.items()
        if key not in ("learner", "problems") and value != "not handed in"
    ]
    return sum(value == "solved" for value in cells) / max(1, len(cells))


def time_one(python: str, classroom: Path, workers: int) -> dict:
    """Grade the class once with one installation's Python: its seconds, notebooks and solved share."""
    with tempfile.TemporaryDirectory(prefix="benchmark-out-") as out:
        done = subprocess.run(
            [python, "-c", GRADE, str(classroom), out, str(workers)],
            capture_output=True,
            text=True,
            cwd=tempfile.gettempdir(),
        )
        if done.returncode:
            sys.exit(f"{python} failed: {done.stderr.strip().splitlines()[-1:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["solved"] = solved_share(Path(out))
    return result


def main() -> int:
    """Build a class, grade it with each installation in turn, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lessons", default="00,01,02,03")
    parser.add_argument(
        "--against", help="another installation's Python, timed on the same class in turn"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="gradings per installation (default 1)"
    )
    args = parser.parse_args()
    pythons = {"this checkout": sys.executable}
    if args.against:
        pythons["--against"] = args.against
    with tempfile.TemporaryDirectory(prefix="benchmark-class-") as folder:
        classroom = Path(folder) / "class"
        count = build_class(classroom, args.learners, args.lessons.split(","))
        runs: dict[str, list[dict]] = {name: [] for name in pythons}
        for _ in range(args.rounds):
            for name, python in pythons.items():
                runs[name].append(time_one(python, classroom, args.workers))
    print(
        f"{args.learners} learners × lessons {args.lessons} ({count} notebooks), {args.workers} workers, "
        f"{args.rounds} round(s):"
    )
    for name, python in pythons.items():
        seconds = statistics.median(run["seconds"] for run in runs[name])
        each = ", ".join(f"{run['seconds']:.1f} s" for run in runs[name])
        first = runs[name][0]
        print(
            f"  {name} ({python}): {seconds:.1f} s median, {60 * count / seconds:.1f} notebooks per minute; "
            f"graded {first['notebooks']} notebooks, {first['solved']:.0%} of exercises solved; each run: {each}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
