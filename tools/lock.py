"""Refresh the lock files after changing dependencies in pyproject.toml: ``python tools/lock.py``.

Each command of ``course.py`` installs from a lock file that pins every package it needs to one
version, so that every student's ``.venv``, Binder and CI get the same versions:

- ``requirements.lock``: the learner's packages (``course.py lab``, Binder, a JupyterHub image);
- ``requirements-test.lock``: those and the ``test`` and ``site`` extras (``course.py test``);
- ``requirements-site.lock``: those and the ``site`` extra (``course.py site``).

All are made in one run, from one resolution: uv resolves every extra together first (the test
lock), then each other lock with that one as a constraint, so a package pinned in two locks has the
same version in both (one ``.venv`` can take them one after another). Each is resolved for every platform at
once (``--universal``: Windows- or macOS-only packages carry a marker) and holds plain
``name==version`` lines: no index address or download link. Their first lines record a fingerprint
of pyproject.toml's dependency lists; ``tests/test_lock.py`` fails when they have changed since the
locks were made, or when two locks disagree.

Needs uv: on PATH, in ``.venv``, or the copy ``course.py`` keeps (run ``python3 course.py install``
once). To move every pin to the newest versions allowed, run with ``--upgrade``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
course = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(course)

#: Each command's lock file and the extras it adds to the learner's packages (from course.py).
USES = {use: (ROOT / name, extras) for use, (name, extras) in course.USES.items()}
#: Every extra some command installs.
EXTRAS = tuple(sorted({extra for _, extras in USES.values() for extra in extras}))
#: The lowest Python the locks must work on (the course's floor; pandas 3.1 needs 3.11).
PYTHON = "3.11"
HEADER = """\
# {what}, pinned for every platform.
# Installed exactly by {who}.
# Do not edit by hand: after changing dependencies in pyproject.toml, run
#   python tools/lock.py
# (it rewrites every requirements*.lock together, so their versions agree)
# inputs: {fingerprint}
"""
WHAT = {
    "lab": ("The learner's packages", "`course.py lab`, Binder (binder/) and a JupyterHub image"),
    "test": ("The learner's packages with the test and website tools", "`course.py test` and CI"),
    "site": ("The learner's packages with the website tools", "`course.py site`"),
}


def fingerprint(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """A hash of what the locks are made from: requires-python, the dependencies and the extras."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    inputs = {
        "requires-python": project.get("requires-python"),
        "dependencies": sorted(project["dependencies"]),
        "extras": {name: sorted(project["optional-dependencies"][name]) for name in EXTRAS},
        "python": PYTHON,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


def uv_command() -> list[str]:
    """uv: on PATH, in .venv, or course.py's own copy (fetched if need be)."""
    found = course.find_uv()
    if not found:
        sys.exit("uv is needed: run `python3 course.py install` once, or `pip install uv`")
    return [str(found)]


def compile_lock(lock: Path, extras: tuple[str, ...], options: list[str]) -> str:
    """The resolution by uv of the dependencies with these extras, as requirements lines.

    uv reads the lock it rewrites (``-o``) and keeps each version there that still fits, so a
    refresh changes only what it must; ``--upgrade`` moves every pin instead.
    """
    command = [
        *uv_command(),
        "pip",
        "compile",
        "pyproject.toml",
        "--universal",
        "--python-version",
        PYTHON,
        "--no-header",
        "--quiet",
        "-o",
        str(lock),
    ]
    for extra in extras:
        command += ["--extra", extra]
    result = subprocess.run(command + options, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        sys.exit(result.returncode)
    return lock.read_text(encoding="utf-8")


def write(use: str, body: str) -> None:
    """Write the lock of one use, with its header; refuse one that names a package index."""
    if "://" in body:  # the repository keeps no package-index addresses
        sys.exit(f"the resolved lock for `{use}` contains an address; nothing was written")
    what, who = WHAT[use]
    path = USES[use][0]
    path.write_text(
        HEADER.format(what=what, who=who, fingerprint=fingerprint()) + body, encoding="utf-8"
    )
    pins = sum(1 for line in body.splitlines() if re.match(r"[A-Za-z0-9]", line) and "==" in line)
    print(f"wrote {path.name}: {pins} pinned packages ({use})")


def main(argv: list[str]) -> int:
    """Write every lock: the one with every extra first, then the others within its versions."""
    # the command that installs every extra (the tests: they cover everything) is resolved first;
    # every other lock is resolved within its versions, and says so ('-c' in its notes)
    whole = next(use for use, (_, extras) in USES.items() if set(extras) == set(EXTRAS))
    write(whole, compile_lock(USES[whole][0], EXTRAS, argv))
    for use, (lock, extras) in USES.items():
        if use != whole:
            write(use, compile_lock(lock, extras, ["-c", USES[whole][0].name]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
