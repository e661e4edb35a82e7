"""Refresh the lock file after changing dependencies in pyproject.toml: ``python tools/lock.py``.

``requirements.lock`` pins every package the course installs (the runtime dependencies and
the ``test`` and ``site`` extras) to one version, so that every student's ``.venv``
(``python3 course.py``), Binder and CI get the same versions. It is resolved by uv for every
platform at once (``--universal``: Windows- or macOS-only packages carry a marker), and holds
plain ``name==version`` lines: no index address or download link. Its first lines record a
fingerprint of pyproject.toml's dependency lists; ``tests/test_lock.py`` fails when they have
changed since the lock was made.

Needs uv (``pip install uv``; ``.venv`` has it after ``python3 course.py``) and the package
index. To move every pin to the newest versions allowed, run with ``--upgrade``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
#: The extras locked with the runtime dependencies.
EXTRAS = ("test", "site")
#: The lowest Python the lock must work on (the course's floor; pandas 3.1 needs 3.11).
PYTHON = "3.11"
HEADER = """\
# The course's packages, pinned for every platform: course.py, Binder (binder/) and CI install
# exactly these. Do not edit by hand: after changing dependencies in pyproject.toml, run
#   python tools/lock.py
# inputs: {fingerprint}
"""


def fingerprint(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """A hash of what the lock is made from: requires-python, the dependencies and the extras."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    inputs = {"requires-python": project.get("requires-python"),
              "dependencies": sorted(project["dependencies"]),
              "extras": {name: sorted(project["optional-dependencies"][name]) for name in EXTRAS},
              "python": PYTHON}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


def uv_command() -> list[str]:
    """uv beside this Python (a venv's bin folder) or on PATH."""
    beside = Path(sys.executable).with_name("uv.exe" if sys.platform == "win32" else "uv")
    found = str(beside) if beside.exists() else shutil.which("uv")
    if not found:
        sys.exit("uv is needed: pip install uv")
    return [found]


def main(argv: list[str]) -> int:
    command = [*uv_command(), "pip", "compile", "pyproject.toml", "--universal",
               "--python-version", PYTHON, "--no-header"]
    for extra in EXTRAS:
        command += ["--extra", extra]
    with tempfile.TemporaryDirectory() as scratch:
        # uv keeps the versions of an existing output file where they still fit (moving them only
        # with --upgrade); a copy of the lock is that file, so that adding one package does not
        # move every other pin. The lock itself is written below, with its header.
        previous = Path(scratch) / LOCK.name
        if LOCK.exists():
            shutil.copy(LOCK, previous)
        result = subprocess.run(command + ["--output-file", str(previous), *argv], cwd=ROOT,
                                capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        return result.returncode
    if "://" in result.stdout:  # the repository keeps no package-index addresses
        sys.exit("the resolved lock contains an address; it was not written")
    LOCK.write_text(HEADER.format(fingerprint=fingerprint()) + result.stdout, encoding="utf-8")
    pins = sum(1 for line in result.stdout.splitlines() if "==" in line and not line.startswith(" "))
    print(f"wrote {LOCK.name}: {pins} pinned packages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
