"""Set up the course and open it, or run its tests: one command each, on any OS.

    python3 course.py lab     # first time: installs the learner's packages into .venv, opens lesson 00
    python3 course.py lab --lang es   # the Spanish edition: lessons copied into my-notebooks/es/
    python3 course.py test    # adds the test tools if needed, then runs every test and every notebook
    python3 course.py site    # adds the website tools, builds the website into build/site/_build/html
    python3 course.py install [lab|test|site]   # only the set-up (default: lab), e.g. before class

With conda (or any Python that already has the course installed), add --no-install:
course.py then uses the Python that runs it and installs nothing, e.g.
    conda activate vraem-course && python course.py lab --no-install

Other arguments go to JupyterLab or pytest. Uses only the Python standard library, so it
runs before anything is installed, and its first lines run on old Pythons too, to say
which version is needed instead of failing on the way.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

#: The oldest Python the course runs on: pandas 3.1 and Altair 6.3 need 3.11.
#: pyproject.toml (requires-python) and environment.yml say the same; a test checks.
FLOOR = (3, 11)
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "vraem-installed.txt"
WORK = ROOT / "my-notebooks"
#: The course's own Jupyter settings (no news, no update checks); nothing in ~/.jupyter changes.
CONFIG = ROOT / "jupyter-config"
FIRST = "00-start-here.ipynb"
#: The languages of the lessons: English in lessons/, Spanish in lessons/es/ (``course.py lab --lang es``).
LANGUAGES = ("en", "es")
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
UV_NAME = "uv.exe" if os.name == "nt" else "uv"
UV = BIN / UV_NAME
#: The uv that course.py fetches when none is on PATH: pinned, so that everyone installs the same way.
UV_VERSION = "0.13.9"
#: What each command installs: a lock file pinning every package (tools/lock.py makes them all from
#: one resolution, so a package has the same version in each) and the course with these extras of
#: pyproject.toml. The learner's packages are in every lock; the tests also build the website.
USES = {
    "lab": ("requirements.lock", ()),
    "test": ("requirements-test.lock", ("test", "site")),
    "site": ("requirements-site.lock", ("site",)),
}


def say(message):
    """Tell the learner one step: ``say("copied 2 lessons")`` prints ``[course] copied 2 lessons``."""
    print("[course] " + message, flush=True)


def too_old_message(version=None, executable=None):
    """What to tell someone whose Python is older than FLOOR (which version, how to get one)."""
    version = version or sys.version.split()[0]
    floor = "{}.{}".format(*FLOOR)
    return "\n".join(
        [
            f"[course] The course needs Python {floor} or newer; this is Python {version} ({executable or sys.executable}).",
            f"[course] Get Python {floor} in one of these ways, then run this command again with it:",
            f"[course]   - with uv (https://docs.astral.sh/uv/):  uv python install {floor}",
            f"[course]       then:  uv run --no-project --python {floor} course.py lab",
            f"[course]   - from https://www.python.org/downloads/ (on Windows, then:  py -{floor} course.py lab)",
            '[course]   - with conda:  conda env create -f environment.yml  (see README, "With conda")',
        ]
    )


def run(*command, env=None, stoppable=False):
    """Run a command in the course folder; stop with a clear line if it fails or is interrupted.

    ``stoppable`` commands (JupyterLab, pytest) end quietly with Ctrl+C; an
    interrupted set-up step says how to carry on. A request to stop course.py
    itself (SIGTERM, SIGHUP) is passed on, so no JupyterLab is left running.
    """
    process = subprocess.Popen([str(part) for part in command], cwd=ROOT, env=env)
    stopped = []

    def pass_on(signum, frame):
        stopped.append(signum)
        process.terminate()

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            previous[name] = signal.signal(getattr(signal, name), pass_on)
    interrupted = False
    try:
        while True:
            try:
                code = process.wait()
                break
            except KeyboardInterrupt:
                # Ctrl+C reaches the child too (same terminal): let it stop in its own way
                interrupted = True
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
    if stopped:
        sys.exit(1)
    if interrupted and (stoppable or code == 0):
        sys.exit(code)
    if interrupted:
        sys.exit("[course] stopped by Ctrl+C. Run the same command again: it finishes the set-up.")
    if code:
        sys.exit(
            "[course] this step failed (exit {}): {}".format(code, " ".join(map(str, command)))
        )


def _works(*command):
    """True when a quick command runs and exits 0 (its output is not shown)."""
    try:
        return (
            subprocess.run(
                [str(part) for part in command],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=120,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def _create_venv(clear=False, with_pip=True):
    try:
        venv.create(VENV, with_pip=with_pip, clear=clear)
    except Exception as error:  # e.g. Debian without python3-venv
        sys.exit(
            f"[course] could not create .venv ({error}). On Debian or Ubuntu, install it with "
            "`sudo apt install python3-venv` and run this again."
        )


def ensure_venv(with_pip=True):
    """Create .venv, or repair one that an interrupted install left without Python (or pip).

    With uv, .venv needs no pip (uv installs into it from outside), which saves making one;
    only the pip route asks for it.
    """
    floor_check = f"import sys; sys.exit(sys.version_info[:2] < {FLOOR!r})"
    if not VENV.exists():
        say("creating the virtual environment .venv …")
        _create_venv(with_pip=with_pip)
    elif not (PYTHON.exists() and _works(PYTHON, "-c", floor_check)):
        say(
            ".venv is incomplete (an interrupted first install?) or was made by an older Python: "
            "making it again …"
        )
        _create_venv(clear=True, with_pip=with_pip)
    if with_pip and not _works(PYTHON, "-m", "pip", "--version"):
        say(
            "pip is missing from .venv (an interrupted first install, or made for uv): putting it back …"
        )
        if not (
            _works(PYTHON, "-m", "ensurepip", "--upgrade")
            and _works(PYTHON, "-m", "pip", "--version")
        ):
            say("pip could not be repaired: making .venv again …")
            _create_venv(clear=True)


def lock_file(use):
    """The lock file of a command (lab, test or site)."""
    return ROOT / USES[use][0]


def course_spec(use):
    """The course as pip names it, with the extras of a command: '.' or '.[test,site]'."""
    extras = USES[use][1]
    return ".[{}]".format(",".join(extras)) if extras else "."


def requirements(use="lab"):
    """Names of the packages pyproject.toml asks for in a command (as pip spells them)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = list(project["dependencies"])
    for extra in USES[use][1]:
        listed += project.get("optional-dependencies", {}).get(extra, [])
    return [re.match(r"[A-Za-z0-9._-]+", item).group(0) for item in listed]


# Run by the Python to check: print each wanted package it does not have, and the course
# itself when `import vraem` would fail (not installed, or installed from a folder since moved).
MISSING_SCRIPT = """
import sys
from importlib import metadata, util
for name in sys.argv[1:]:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        print(name)
if util.find_spec("vraem") is None:
    print("vraem-course")
"""


def missing_packages(python=None, use="lab"):
    """Packages a command needs that ``python`` (default .venv's) cannot find; [] when all are there."""
    try:
        result = subprocess.run(
            [str(python or PYTHON), "-c", MISSING_SCRIPT, *requirements(use)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return ["python"]
    if result.returncode:
        return ["python"]
    return result.stdout.split()


def _read_stamp():
    """What is installed in .venv: {command: fingerprint of pyproject.toml and its lock}."""
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _fingerprint(use):
    """A hash of what a command installs: pyproject.toml and the command's lock."""
    return hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + lock_file(use).read_bytes()
    ).hexdigest()


def install(use="lab"):
    """Install a command's packages into .venv, unless that is already done and complete.

    Each command's packages are recorded in the stamp with a fingerprint of pyproject.toml and
    the lock: a changed file means installing again. The locks agree on every version, so adding
    the test or website tools never changes a package the lessons use.
    """
    wanted = _fingerprint(use)
    stamp = _read_stamp()
    if PYTHON.exists() and stamp.get(use) == wanted:
        missing = missing_packages(use=use)
        if not missing:
            return
        say("missing from .venv: {}; installing again …".format(", ".join(missing)))
    uv = find_uv()
    ensure_venv(with_pip=uv is None)  # pip only for the route without uv
    install_packages(use, uv or uv_from_pip())
    stamp = _read_stamp()  # as it is now: a venv made again has none
    for other, (_, extras) in USES.items():
        # the test tools come with the learner's packages (every lock holds them, at the same versions)
        if set(extras) <= set(USES[use][1]):
            stamp[other] = _fingerprint(other)
    STAMP.write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    say("installed.")


def cache_folder():
    """Where course.py keeps the uv it fetched, for every course folder of this user.

    It is the user's cache folder, as pip and uv use theirs; VRAEM_CACHE moves it.
    """
    if os.environ.get("VRAEM_CACHE"):
        return Path(os.environ["VRAEM_CACHE"])
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vraem-course"


def cached_uv():
    """The uv that course.py fetched into the cache folder (it may not be there yet)."""
    folder = cache_folder() / f"uv-{UV_VERSION}"
    return folder / ("Scripts" if os.name == "nt" else "bin") / UV_NAME


def find_uv():
    """The uv to install with, a fast pip-compatible installer; None if none can be had.

    It is the one on PATH, in .venv, or the copy course.py keeps in the user's cache
    folder (fetched there once, with no pip in .venv).
    """
    on_path = shutil.which("uv")
    if on_path:
        return Path(on_path)
    for found in (UV, cached_uv()):
        if found.exists() and _works(found, "--version"):
            return found
    return fetch_uv()


def pip_outside_venv():
    """A pip that runs without one in .venv: this Python's own, or the copy bundled with it."""
    import importlib.util

    if importlib.util.find_spec("pip"):
        return [sys.executable, "-m", "pip"]
    try:
        import ensurepip

        bundled = sorted(Path(ensurepip.__file__).parent.glob("_bundled/pip-*.whl"))
    except ImportError:  # e.g. Debian's Python without python3-venv
        return None
    # pip runs from its own wheel: the way ensurepip itself installs it
    return [sys.executable, str(bundled[-1] / "pip")] if bundled else None


def fetch_uv():
    """Install uv's wheel into the cache folder with a pip from outside .venv; None if that fails.

    A half-fetched copy (an interrupted first run) stays in a folder of its own and is never used.
    """
    pip = pip_outside_venv()
    if not pip:
        return None
    target = cached_uv().parents[1]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + f".partial-{os.getpid()}")
    say(f"fetching uv {UV_VERSION} (once for every copy of the course on this computer) …")
    try:
        fetched = subprocess.run(
            pip
            + [
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(partial),
                f"uv=={UV_VERSION}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if fetched.returncode == 0:
            shutil.rmtree(str(target), ignore_errors=True)
            os.replace(str(partial), str(target))
    except (OSError, subprocess.SubprocessError):
        pass
    finally:
        shutil.rmtree(str(partial), ignore_errors=True)
    uv = cached_uv()
    return uv if uv.exists() and _works(uv, "--version") else None


def uv_from_pip():
    """The uv that .venv's pip installs there (the way before the cache); None if that fails too."""
    quiet = subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return UV if quiet.returncode == 0 and UV.exists() else None


def install_packages(use, uv):
    """Install a command's locked packages and the course into .venv: with uv in seconds, else with pip."""
    lock, course = lock_file(use), course_spec(use)
    if uv:
        say(f"installing the course and its packages for `{use}` with uv …")
        run(uv, "pip", "install", "--quiet", "--python", PYTHON, "-r", lock, "-e", course)
        # rfc3987-syntax (an optional extra of jsonschema that no Jupyter schema needs) compiles
        # grammars at import time and makes every kernel start about 2 s slower; see README.
        run(uv, "pip", "uninstall", "--quiet", "--python", PYTHON, "rfc3987-syntax")
        return
    say("uv could not be installed, so pip installs the course instead (a few minutes) …")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", lock, "-e", course)
    run(PYTHON, "-m", "pip", "uninstall", "--quiet", "--yes", "rfc3987-syntax")  # as above


def python_to_use(extra, use="lab"):
    """The Python to run: .venv's (installed first), or with --no-install the one running this."""
    if "--no-install" not in extra:
        install(use)
        return PYTHON
    extra.remove("--no-install")
    missing = missing_packages(sys.executable, use)
    if missing:
        sys.exit(
            "[course] this Python ({}) lacks {}. With conda: `conda env create -f environment.yml`, "
            "then `conda activate vraem-course`; or drop --no-install to let course.py "
            "install into .venv.".format(sys.executable, ", ".join(missing))
        )
    return Path(sys.executable)


#: Asks a Python what its kernel tells JupyterLab about its language (ipykernel's language_info).
LANGUAGE_INFO = (
    "import json; from ipykernel.ipkernel import IPythonKernel; "
    "print(json.dumps(IPythonKernel.language_info))"
)


def kernel_language_info(python):
    """What JupyterLab writes into a notebook's ``language_info`` when ``python``'s kernel starts.

    It includes the Python version, so lessons/ cannot carry it: a copy made for this Python
    does, and opens unmodified. None when it cannot be asked (the copy is then made as it is).
    """
    try:
        found = subprocess.run(
            [str(python), "-c", LANGUAGE_INFO],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            timeout=300,
        )
        info = json.loads(found.stdout) if found.returncode == 0 else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return info if isinstance(info, dict) and info.get("name") == "python" else None


def copy_lesson(lesson, target, language_info=None):
    """Write a learner's copy of a lesson, with the kernel's language_info when it is known.

    JupyterLab sets a notebook's language_info from the kernel as it opens it, and a changed
    value marks the notebook modified before anything is run; a copy that already holds the
    kernel's value opens clean. The file keeps nbformat's layout (what JupyterLab saves).
    """
    if not language_info:
        shutil.copy2(str(lesson), str(target))
        return
    notebook = json.loads(lesson.read_text(encoding="utf-8"))
    notebook.setdefault("metadata", {})["language_info"] = language_info
    text = json.dumps(
        notebook, indent=1, sort_keys=True, ensure_ascii=False, separators=(",", ": ")
    )
    target.write_text(text + "\n", encoding="utf-8")


def copy_lessons(python=None, lang="en"):
    """Copy each lesson into my-notebooks/ unless a copy is already there (never overwrite).

    ``python`` is the Python whose kernel will run the lessons (this one if None); ``lang="es"``
    copies the Spanish lessons (lessons/es/) into my-notebooks/es/.
    """
    sub = "" if lang == "en" else lang
    work = WORK / sub
    work.mkdir(parents=True, exist_ok=True)
    copied, language_info = [], None
    for lesson in sorted((ROOT / "lessons" / sub).glob("*.ipynb")):
        target = work / lesson.name
        if not target.exists():
            if language_info is None:  # asked once, and only when there is something to copy
                language_info = kernel_language_info(python or sys.executable) or {}
            copy_lesson(lesson, target, language_info)
            copied.append(lesson.name)
    return copied


def language_option(extra):
    """Take ``--lang en|es`` out of the arguments: ``("es", rest)``; English when not given."""
    rest, lang, args = [], "en", iter(extra)
    for arg in args:
        if arg == "--lang" or arg.startswith("--lang="):
            lang = arg.partition("=")[2] or next(args, "")
            if lang not in LANGUAGES:
                sys.exit(f"[course] --lang takes one of: {', '.join(LANGUAGES)} (not {lang!r})")
        else:
            rest.append(arg)
    return lang, rest


def lab_command(python, extra, lang="en"):
    """The JupyterLab command and environment: lesson 00 first, my-notebooks/ as the root."""
    command = [
        python,
        "-m",
        "jupyter",
        "lab",
        # the learner's folder is the whole file browser: solutions/ stays out of sight,
        # and the helpers still find data/ through the installed package
        f"--ServerApp.root_dir={WORK}",
        # the address JupyterLab prints (and opens) is lesson 00 itself
        "--LabApp.default_url=/lab/tree/" + (FIRST if lang == "en" else lang + "/" + FIRST),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        say("running as root (as in a container): starting JupyterLab with --allow-root.")
        command.append("--allow-root")
    env = dict(os.environ)
    # the course's settings: no news, no update checks, nothing fetched from outside
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        part for part in (str(CONFIG), os.environ.get("JUPYTER_CONFIG_PATH", "")) if part
    )
    return command + list(extra), env


def lab(extra):
    """Open the lessons in JupyterLab (``course.py lab``), copying new ones into my-notebooks/ first."""
    lang, extra = language_option(extra)
    python = python_to_use(extra)
    copied = copy_lessons(python, lang)
    folder = "my-notebooks/" if lang == "en" else f"my-notebooks/{lang}/"
    if copied:
        say(
            f"copied {len(copied)} new lesson(s) into {folder} (your existing copies are untouched)"
        )
    say(f"opening lesson 00 ({folder}) in JupyterLab; stop it with Ctrl+C in this window.")
    command, env = lab_command(python, extra, lang)
    run(*command, env=env, stoppable=True)


def test(extra):
    """Run every test and notebook with pytest (``course.py test``), a notebook's cells on one worker."""
    python = python_to_use(extra, "test")
    workers = str(min(4, os.cpu_count() or 1))
    # loadfile keeps each notebook's cells on one worker (nbval needs them in order)
    run(python, "-m", "pytest", "-n", workers, "--dist", "loadfile", *extra, stoppable=True)


def site(extra):
    """Build the course website with Jupyter Book (the `site` extra): see src/vraem/authoring/site/."""
    python = python_to_use(extra, "site")
    run(python, "-m", "vraem.authoring.site", *extra)


def install_only(extra):
    """Set up .venv for a command without running it (default lab), e.g. to prepare machines."""
    use = extra[0] if extra else "lab"
    if use not in USES or len(extra) > 1:
        sys.exit("[course] usage: python3 course.py install [{}]".format("|".join(USES)))
    install(use)


def main():
    """Run the command named on the command line (lab, test, site, install), or show the usage."""
    if sys.version_info[:2] < FLOOR:
        sys.exit(too_old_message())
    commands = {"lab": lab, "test": test, "site": site, "install": install_only}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    try:
        commands[sys.argv[1]](sys.argv[2:])
    except KeyboardInterrupt:  # Ctrl+C between two steps (JupyterLab and pytest stop on their own)
        sys.exit("[course] stopped by Ctrl+C. Run the same command again: it finishes the set-up.")


if __name__ == "__main__":
    main()
