"""The website's command line, ``python -m vraem.authoring.site``: stage the book, build its HTML, report.

The build fails (exit 1) on any Sphinx warning that :data:`EXPLAINED_WARNINGS` does not account for.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from ...paths import CourseDataError, course_root
from .book import SiteError
from .staging import STAGING, stage

#: Sphinx warnings that are expected, each with why (a pattern matched against the line).
#: Empty: a warning in the build is a fault to fix, and tests/test_site.py fails on it.
EXPLAINED_WARNINGS: dict[str, str] = {}


def build(source: Path | None = None) -> tuple[Path, list[str]]:
    """Build the HTML from a staged source; return the index page and every Sphinx warning."""
    source = source or course_root() / STAGING
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from jupyter_book.cli.main import main; main()",
            "build",
            str(source),
            "--keep-going",
        ],
        capture_output=True,
        text=True,
    )
    output = re.sub(
        r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr
    )  # Sphinx colours its lines
    warnings = [
        line.strip() for line in output.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)
    ]
    index = source / "_build" / "html" / "index.html"
    if result.returncode or not index.exists():
        raise SiteError(f"jupyter-book build failed (exit {result.returncode}):\n{output[-3000:]}")
    return index, warnings


def unexplained(warnings: list[str]) -> list[str]:
    """The warnings that ``EXPLAINED_WARNINGS`` does not account for."""
    return [
        line
        for line in warnings
        if not any(re.search(pattern, line) for pattern in EXPLAINED_WARNINGS)
    ]


def main(argv: list[str] | None = None) -> int:
    """Stage and build the site; exit 1 if it fails or warns."""
    parser = argparse.ArgumentParser(
        prog="python -m vraem.authoring.site", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="where to stage the book; the HTML goes to its _build/html, and what an "
        "earlier build there made is reused where nothing changed",
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=None,
        help="the course folder to build from (default: the one the course is installed from)",
    )
    arguments = parser.parse_args(argv)
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        print(
            "[site] Jupyter Book is not installed: run `python3 course.py site`, which installs it "
            '(the course\'s `site` extra), or `pip install -e ".[site]"`.',
            file=sys.stderr,
        )
        return 1
    try:
        repo = (arguments.repo or course_root()).resolve()
        source = stage(
            repo,
            (arguments.source or repo / STAGING).resolve(),
            log=lambda message: print(f"[site] {message}", flush=True),
        )
        print("[site] building the HTML with Jupyter Book …", flush=True)
        index, warnings = build(source)
    except (SiteError, CourseDataError) as error:
        print(f"[site] {error}", file=sys.stderr)
        return 1
    for line in warnings:
        print(f"[site] {line}")
    print(f"[site] the site is in {index.parent}; open {index} in a browser.")
    return 1 if unexplained(warnings) else 0
