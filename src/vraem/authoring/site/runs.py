"""Run a lesson for its page, or reuse its last run: ``run_lesson(notebook, source / RUNS, name)``.

A lesson's run is kept under a hash of what it depends on (:func:`run_key`: the staged
lesson and :func:`shared_inputs`), so a rebuild runs a lesson again only when that changed.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import nbformat

from ...contract import (
    CHECK_MODE_VARIABLE,
    DATA_VARIABLE,
    PROGRESS_FILE_VARIABLE,
    RENDERER_VARIABLE,
)
from ...paths import data_dir

#: Where, under the book's source, each lesson's last run is kept (``_build`` holds what
#: the build makes; deleting it starts afresh).
RUNS = Path("_build") / "lesson-runs"


#: The course package, whose files a lesson's run depends on (all but ``TOOLS_ONLY``).
PACKAGE = Path(__file__).parents[2]


#: The package's maintainer and instructor tools: no lesson imports them
#: (``tests/test_package_boundary.py``), so they do not change what a lesson computes.
TOOLS_ONLY = ("authoring", "gradebook")


@contextmanager
def _kernel_environment(data: Path):
    """Run lessons as a learner would (no check mode), recording no progress in the home folder."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.pop(CHECK_MODE_VARIABLE, None)
        os.environ.pop(RENDERER_VARIABLE, None)  # the static SVG pictures, not the widget
        os.environ[PROGRESS_FILE_VARIABLE] = str(Path(scratch) / "progress.json")
        os.environ[DATA_VARIABLE] = str(
            data
        )  # the data run_key() hashed, wherever the kernel starts
        try:
            yield Path(scratch)
        finally:
            os.environ.clear()
            os.environ.update(saved)


def execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a scratch folder (a lesson must run without an error)."""
    from nbclient import NotebookClient

    with _kernel_environment(data_dir()) as scratch:
        # The kernel warns that it talks "over TCP without encryption". Harmless here: it listens
        # on 127.0.0.1 only, every message is signed with a key that only this process and the
        # kernel know (in a connection file only this user can read), and the kernel runs a lesson
        # of the course and is shut down. Its log is set to errors only so the build's output is
        # not seven copies of that warning; errors in the lesson itself still stop the build.
        NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            resources={"metadata": {"path": str(scratch)}},
        ).execute()
    return notebook


def _hash_files(digest, folder: Path, skip: tuple[str, ...] = ()) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and "__pycache__" not in relative.parts and relative.parts[0] not in skip:
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def _installed_packages() -> str:
    """Every package installed for this Python, by its metadata folder's name (``pandas-3.1.1.dist-info``).

    Reading the folder names is much faster than reading each package's metadata.
    """
    folders = (Path(entry) for entry in sys.path if entry and Path(entry).is_dir())
    return "\n".join(sorted(info.name for folder in folders for info in folder.glob("*.dist-info")))


def shared_inputs() -> str:
    """A hash of what every lesson's run depends on besides the lesson itself.

    Every file of the course data (a changed data file runs every lesson again), the helper
    package the lessons import (all of it but the maintainers' tools, ``TOOLS_ONLY``), the
    code that runs a lesson, and the Python and packages installed.
    """
    digest = hashlib.sha256()
    _hash_files(digest, data_dir())
    _hash_files(digest, PACKAGE, skip=TOOLS_ONLY)
    digest.update(
        inspect.getsource(_kernel_environment).encode() + inspect.getsource(execute).encode()
    )
    digest.update(sys.version.encode() + _installed_packages().encode())
    return digest.hexdigest()


def run_key(notebook: nbformat.NotebookNode, shared: str | None = None) -> str:
    """The hash a lesson's run is kept under: the staged lesson and :func:`shared_inputs`.

    The glossary links and the credit cell are part of the staged lesson, so a new glossary
    term or credit line runs the lesson again too.
    """
    digest = hashlib.sha256(json.dumps(notebook, sort_keys=True).encode())
    digest.update((shared or shared_inputs()).encode())
    return digest.hexdigest()


def run_lesson(
    notebook: nbformat.NotebookNode,
    runs: Path,
    name: str,
    *,
    run=execute,
    log=print,
    shared: str | None = None,
) -> nbformat.NotebookNode:
    """The lesson run, from ``runs/`` if an earlier build ran the same lesson on the same inputs.

    ``run_lesson(notebook, source / RUNS, "03-coca-trends")`` runs it (with ``run``) only when
    :func:`run_key` differs from the last run's; the new run replaces the old one. ``name`` is
    the lesson's path under ``lessons/`` without ``.ipynb``: ``"es/03-coca-trends"`` for the
    Spanish lesson, kept in ``runs/es/``.
    """
    key = run_key(notebook, shared)
    kept = runs / f"{name}.{key[:20]}.ipynb"
    if kept.exists():
        try:
            executed = nbformat.read(kept, as_version=4)
        except Exception as error:  # a damaged copy is run again, not trusted
            log(
                f"the last run of lessons/{name}.ipynb cannot be read ({type(error).__name__}): running it again"
            )
        else:
            log(f"lessons/{name}.ipynb is unchanged: its last run is reused")
            return executed
    log(f"running lessons/{name}.ipynb …")
    executed = run(notebook)
    kept.parent.mkdir(parents=True, exist_ok=True)
    for old in runs.glob(f"{name}.*.ipynb"):
        old.unlink()
    partial = kept.with_suffix(
        ".partial"
    )  # renamed when complete: an interrupted build leaves no half run
    nbformat.write(executed, partial)
    partial.replace(kept)
    return executed
