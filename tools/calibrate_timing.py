"""Recount the walked lessons and show how the timing model meets the walks: ``python tools/calibrate_timing.py``.

Issue 17 measured three lessons as a self-learner with a little Python worked them, before
their open exercises: 04 in 80-100 minutes, 05 in 110-130, 06 in 90-110, on the texts of
commit 7f64d89. This script reads those texts from git, applies the current lessons'
``vraem_timing`` reading notes (by cell id: the walked texts asked for the same reading),
counts them with ``vraem.authoring.timing`` (the files those notes name, such as the codebook, as they
were at that commit too: the codebook has grown since) and prints the counts (to paste into
``vraem.authoring.timing.CALIBRATION``), the model's minutes and the walked range. It reports; it
never fails. ``--rates reading_wpm=110,code_line_minutes=0.2`` tries other rates.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from vraem.authoring.timing import CALIBRATION, RATES, lesson_time

ROOT = Path(__file__).resolve().parents[1]
WALKED = "7f64d89"


def walked_notebook(name: str) -> nbformat.NotebookNode:
    """The solution notebook as it was walked, with today's reading notes copied by cell id."""
    text = subprocess.run(
        ["git", "show", f"{WALKED}:solutions/{name}.ipynb"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    walked = nbformat.reads(text, as_version=4)
    current = {
        cell.id: cell
        for cell in nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4).cells
    }
    for cell in walked.cells:
        notes = current.get(cell.id, {}).get("metadata", {}).get("vraem_timing")
        if notes:
            cell.metadata["vraem_timing"] = notes
    return walked


def walked_files(notebook: nbformat.NotebookNode, folder: Path) -> Path:
    """Copy the files the notebook's reading notes name, as they were at the walked commit, into ``folder``."""
    for cell in notebook.cells:
        for reference in cell.get("metadata", {}).get("vraem_timing", {}).get("reads", []):
            if reference.startswith("article:"):
                continue  # the articles are data kept as scraped: unchanged since the walk
            path = reference.partition("#")[0]
            text = subprocess.run(
                ["git", "show", f"{WALKED}:{path}"],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    """Recount the walked lessons and print the model's minutes for each beside the walk's range."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rates", default="", help="name=value,… to override vraem.authoring.timing.RATES"
    )
    args = parser.parse_args(argv)
    overrides = dict(item.split("=") for item in args.rates.split(",") if item)
    rates = dataclasses.replace(RATES, **{key: float(value) for key, value in overrides.items()})
    print(f"rates: {rates}")
    for name, walk in CALIBRATION.items():
        notebook = walked_notebook(name)
        with tempfile.TemporaryDirectory() as folder:
            timed = lesson_time(notebook, name, rates, walked_files(notebook, Path(folder)))
        counts = {}
        for part in timed.parts:
            if part.kind != "open exercise":
                for key, value in dataclasses.asdict(part.counts).items():
                    counts[key] = counts.get(key, 0) + value
        low, high = walk["walked"]
        minutes = timed.alone_before_open_exercises
        verdict = "inside" if low <= minutes <= high else "OUTSIDE"
        print(f"{name}: model {minutes:.1f} min, walked {low}-{high} ({verdict}); counts {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
