"""Time the notebook validation against its floor: ``python tools/benchmark.py``.

Three runs, each a fresh pytest process, serial (one kernel at a time):

1. full: every notebook in solutions/ and lessons/ under nbval, as the test suite runs them;
2. floor: the same number of notebooks holding only each lesson's setup cell (kernel start,
   imports, data loading), i.e. what no lesson can go below;
3. import: ``import pandas, altair, vraem`` in a fresh interpreter.

It prints the times and the ratio full / floor. Not a test: nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NBVAL = ["-p", "no:cacheprovider", "-q", "-o", "addopts=", "--nbval-lax", "--nbval-current-env"]


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def floor_notebooks(folder: Path) -> list[Path]:
    """Write, for every notebook, a copy that keeps only its setup cell."""
    notebooks = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "lessons").glob("*.ipynb"))
    written = []
    for number, path in enumerate(notebooks):
        notebook = nbformat.read(path, as_version=4)
        notebook.cells = [cell for cell in notebook.cells if "setup" in cell.metadata.get("tags", [])]
        target = folder / f"{number:02d}-{path.stem}.ipynb"
        nbformat.write(notebook, target)
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1, help="pytest-xdist workers (default 1)")
    args = parser.parse_args()
    parallel = ["-n", str(args.workers), "--dist", "loadfile"] if args.workers > 1 else []
    env = {key: value for key, value in os.environ.items() if key != "VRAEM_CHECK_MODE"}
    notebooks = sorted(ROOT.glob("solutions/*.ipynb")) + sorted(ROOT.glob("lessons/*.ipynb"))
    full = timed([sys.executable, "-m", "pytest", *NBVAL, *parallel, "solutions", "lessons"], env=env)
    with tempfile.TemporaryDirectory() as folder:
        floors = floor_notebooks(Path(folder))
        floor = timed([sys.executable, "-m", "pytest", *NBVAL, *parallel, "--rootdir", folder,
                       *map(str, floors)], env=env)
    imports = timed([sys.executable, "-c", "import pandas, altair, vraem"])
    try:
        from importlib.metadata import version
        slow_extra = f"rfc3987-syntax {version('rfc3987-syntax')} installed"
    except Exception:
        slow_extra = "rfc3987-syntax not installed"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{slow_extra}; workers: {args.workers}")
    print(f"full validation ({len(notebooks)} notebooks): {full:6.1f} s")
    print(f"floor (setup cells only, {len(floors)} notebooks): {floor:6.1f} s")
    print(f"ratio full / floor: {full / floor:.2f}")
    print(f"import pandas, altair, vraem: {imports:.2f} s")


if __name__ == "__main__":
    main()
