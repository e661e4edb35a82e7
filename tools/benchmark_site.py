"""Time the course website's builds, first and again: ``python tools/benchmark_site.py``.

Three builds of the site (``python -m vraem.authoring.site``, what ``python3 course.py site`` runs) from
a copy of the course (the files the build itself stages, :func:`vraem.authoring.site.staging.copy_course`;
the data is read from the installed course, as the site does) into one temporary folder, one after
the other:

1. first build: every lesson runs;
2. no change: nothing changed since the first build (the target: 20 s or less on an idle machine);
3. one lesson edited: a sentence added to one lesson of the copy.

For each it prints the wall time, the CPU time (the build and the kernels it started), how many
lessons ran, and the load average before it started: the machine may be shared, so a wall time
is worth only as much as the load it was measured under. Not a test: nothing fails on a slow
machine. ``--repeat N`` repeats the no-change build N times (the figures of each are printed).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from vraem.authoring.site.staging import copy_course

ROOT = Path(__file__).resolve().parents[1]


def edit_one_lesson(course: Path) -> str:
    """Add a sentence to the first text cell of the fourth lesson of the copy; return its name."""
    lesson = sorted((course / "lessons").glob("*.ipynb"))[3]
    notebook = nbformat.read(lesson, as_version=4)
    cell = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
    cell.source += "\n\nA sentence added by the benchmark."
    nbformat.write(notebook, lesson)
    return lesson.name


def build(course: Path, source: Path) -> dict:
    """One build; its wall and CPU seconds, the lessons it ran, and the load average before it."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vraem.authoring.site",
            "--repo",
            str(course),
            "--source",
            str(source),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "VRAEM_CHECK_MODE"},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"the build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    ran = [
        line.split("running ", 1)[1].split()[0]
        for line in result.stdout.splitlines()
        if "running lessons/" in line
    ]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "ran": ran, "load": load}


def report(label: str, figures: dict) -> None:
    """Print one build's line: wall and CPU seconds, the load, and the lessons it ran."""
    # "03-coca-trends", "es/03-coca-trends": the Spanish edition's lessons run too
    ran = (
        ", ".join(
            Path(name).relative_to("lessons").with_suffix("").as_posix() for name in figures["ran"]
        )
        or "none"
    )
    print(
        f"{label:<28} {figures['wall']:7.1f} s wall {figures['cpu']:7.1f} s CPU   "
        f"load {figures['load']:4.1f}   lessons run: {len(figures['ran'])} ({ran})",
        flush=True,
    )


def main() -> None:
    """Time a first build of the website, then with nothing changed and with one lesson edited."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=1, help="how many no-change builds (default 1)"
    )
    arguments = parser.parse_args()
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    # Python's default is to cache compiled modules; with PYTHONDONTWRITEBYTECODE set, every build
    # compiles the imports of Sphinx, pandas and Altair again (several seconds of CPU).
    bytecode = (
        "off (PYTHONDONTWRITEBYTECODE set)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"bytecode cache {bytecode}"
    )
    print(f"uptime before: {uptime}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        course = copy_course(ROOT, Path(scratch) / "course")
        source = Path(scratch) / "site"
        report("first build", build(course, source))
        for _ in range(arguments.repeat):
            report("no change", build(course, source))
        edited = edit_one_lesson(course)
        report(f"{Path(edited).stem[:2]} edited", build(course, source))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime after: {uptime}")


if __name__ == "__main__":
    main()
