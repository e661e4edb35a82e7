"""Set up the course and open it, or run its tests: one command each, on any OS.

    python3 course.py lab     # first time: installs everything into .venv, then opens JupyterLab
    python3 course.py test    # installs if needed, then runs every test and every notebook
    python3 course.py site    # builds the course website into build/site/_build/html (offline)

Uses only the Python standard library, so it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "vraem-installed.txt"
WORK = ROOT / "my-notebooks"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
UV = BIN / ("uv.exe" if os.name == "nt" else "uv")
#: Every package pinned (tools/lock.py makes it), so that every student gets the same versions.
LOCK = ROOT / "requirements.lock"
#: The course with its test tools and its website tools.
COURSE = ".[test,site]"


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def run(*command: str | Path) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT)
    if result.returncode:
        sys.exit(f"[course] this step failed (exit {result.returncode}): {' '.join(map(str, command))}")


def install() -> None:
    """Create .venv and install the course into it, unless that is already done."""
    if sys.version_info < (3, 10):
        sys.exit("[course] Python 3.10 or newer is needed; this is " + sys.version.split()[0])
    # a changed pyproject.toml or lock file means installing again
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        say("creating the virtual environment .venv …")
        try:
            venv.create(VENV, with_pip=True)
        except Exception as error:  # e.g. Debian without python3-venv
            sys.exit(f"[course] could not create .venv ({error}). On Debian or Ubuntu, "
                     "install it with `sudo apt install python3-venv` and run this again.")
    install_packages()
    STAMP.write_text(wanted + "\n")
    say("installed.")


def find_uv() -> Path | None:
    """uv, a fast pip-compatible installer: in .venv (from PyPI with pip) or on PATH; None if neither."""
    if UV.exists():
        return UV
    on_path = shutil.which("uv")
    if on_path:
        return Path(on_path)
    quiet = subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "uv"], cwd=ROOT,
                           capture_output=True, text=True)
    return UV if quiet.returncode == 0 and UV.exists() else None


def install_packages() -> None:
    """Install the locked packages and the course into .venv: with uv in seconds, else with pip."""
    uv = find_uv()
    if uv:
        say("installing the course and its packages with uv …")
        run(uv, "pip", "install", "--quiet", "--python", PYTHON, "-r", LOCK, "-e", COURSE)
        # rfc3987-syntax (an optional extra of jsonschema that no Jupyter schema needs) compiles
        # grammars at import time and makes every kernel start about 2 s slower; see README.
        run(uv, "pip", "uninstall", "--quiet", "--python", PYTHON, "rfc3987-syntax")
        return
    say("uv could not be installed, so pip installs the course instead (a few minutes) …")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", LOCK, "-e", COURSE)
    run(PYTHON, "-m", "pip", "uninstall", "--quiet", "--yes", "rfc3987-syntax")  # as above


def copy_lessons() -> list[str]:
    """Copy each lesson into my-notebooks/ unless a copy is already there (never overwrite)."""
    WORK.mkdir(exist_ok=True)
    copied = []
    for lesson in sorted((ROOT / "lessons").glob("*.ipynb")):
        target = WORK / lesson.name
        if not target.exists():
            shutil.copy2(lesson, target)
            copied.append(lesson.name)
    return copied


def lab(extra: list[str]) -> None:
    install()
    copied = copy_lessons()
    if copied:
        say(f"copied {len(copied)} new lesson(s) into my-notebooks/ (your existing copies are untouched)")
    say("opening JupyterLab; stop it with Ctrl+C in this window.")
    first = "my-notebooks/00-start-here.ipynb"
    run(PYTHON, "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}", first, *extra)


def test(extra: list[str]) -> None:
    install()
    workers = str(min(4, os.cpu_count() or 1))
    # loadfile keeps each notebook's cells on one worker (nbval needs them in order)
    run(PYTHON, "-m", "pytest", "-n", workers, "--dist", "loadfile", *extra)


def site(extra: list[str]) -> None:
    """Build the course website with Jupyter Book (the `site` extra): see src/vraem/site.py."""
    install()
    run(PYTHON, "-m", "vraem.site", *extra)


def main() -> None:
    commands = {"lab": lab, "test": test, "site": site}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
