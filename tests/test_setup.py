"""The learner-facing set-up: course.py keeps learners' work, doctor() names fixes."""

import importlib
import importlib.util
from pathlib import Path

import pytest

from .conftest import REPO

doctor_module = importlib.import_module(
    "vraem.doctor"
)  # the module, not the function of the same name


def _course_module():
    spec = importlib.util.spec_from_file_location("course", REPO / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lab_copies_lessons_once_and_never_overwrites_a_learners_copy(tmp_path, monkeypatch):
    """Does `course.py lab` copy new lessons but leave an edited copy alone?"""
    course = _course_module()
    monkeypatch.setattr(course, "WORK", tmp_path / "my-notebooks")
    first = course.copy_lessons()
    assert "00-start-here.ipynb" in first
    mine = tmp_path / "my-notebooks" / "00-start-here.ipynb"
    mine.write_text("my own work", encoding="utf-8")
    assert course.copy_lessons() == []
    assert mine.read_text(encoding="utf-8") == "my own work"


def test_a_learners_copy_holds_what_jupyterlab_writes_on_opening(tmp_path, monkeypatch):
    """Does each copy carry the kernel's language_info (JupyterLab writes it into a notebook when
    its kernel starts, which marked every lesson modified before anything was run), and else
    exactly the lesson?"""
    import json
    import sys

    from ipykernel.ipkernel import IPythonKernel

    course = _course_module()
    monkeypatch.setattr(course, "WORK", tmp_path / "my-notebooks")
    assert course.copy_lessons(sys.executable)
    for lesson in sorted((REPO / "lessons").glob("*.ipynb")):
        copy = json.loads((tmp_path / "my-notebooks" / lesson.name).read_text(encoding="utf-8"))
        original = json.loads(lesson.read_text(encoding="utf-8"))
        assert copy["metadata"]["language_info"] == IPythonKernel.language_info, lesson.name
        copy["metadata"]["language_info"] = original["metadata"]["language_info"]
        assert copy == original, f"{lesson.name}: the copy differs in more than language_info"


def test_a_copy_is_made_as_it_is_when_the_kernel_cannot_be_asked(tmp_path, monkeypatch):
    """With a Python that has no ipykernel (or none at all), is the lesson copied unchanged?"""
    course = _course_module()
    monkeypatch.setattr(course, "WORK", tmp_path / "my-notebooks")
    assert course.copy_lessons(tmp_path / "no-such-python")
    lesson = sorted((REPO / "lessons").glob("*.ipynb"))[0]
    assert (tmp_path / "my-notebooks" / lesson.name).read_bytes() == lesson.read_bytes()


def test_doctor_names_a_missing_package_and_its_fix(monkeypatch):
    """Does the environment check flag a missing package with what to run?"""
    monkeypatch.setitem(doctor_module.REQUIRED, "surely-not-installed-package", "1.0")
    rows = {item: (ok, detail) for item, ok, detail in doctor_module.diagnose()}
    ok, detail = rows["surely-not-installed-package"]
    assert not ok and "course.py lab" in detail
    assert rows["course data"][0]


def test_doctor_flags_the_online_only_renderer(monkeypatch):
    """Does it warn when charts would need the internet, and say to call setup_charts()?"""
    import altair as alt

    from vraem import setup_charts

    alt.renderers.enable("default")
    try:
        rows = {item: (ok, detail) for item, ok, detail in doctor_module.diagnose()}
        assert not rows["charts"][0] and "setup_charts()" in rows["charts"][1]
    finally:
        setup_charts()


def test_a_missing_dependency_says_how_to_install_it():
    """Does importing vraem without one of its packages explain the fix?"""
    import subprocess
    import sys

    blocker = "import sys; sys.modules['vl_convert'] = None; import vraem"
    result = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True)
    assert result.returncode != 0
    assert "course.py lab" in result.stderr and "vl_convert" in result.stderr


def test_ci_runs_exactly_the_readme_test_command():
    """Does .ci/run run the Quickstart's test command, so a green CI proves the README?"""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 course.py test" in readme
    assert "\npython3 course.py test\n" in ci


# --- course.py: the launch (issue 8 §5) and the Python floor (issue 9 §1) ---


def test_lab_serves_my_notebooks_opens_lesson_00_and_uses_the_course_settings(monkeypatch):
    """Is the server's root the learner's folder, its address lesson 00, its config the course's?"""
    course = _course_module()
    monkeypatch.setattr(course.os, "geteuid", lambda: 1000, raising=False)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/somewhere/else")
    command, env = course.lab_command("python", ["--port=9999"])
    assert f"--ServerApp.root_dir={course.WORK}" in command
    assert "--LabApp.default_url=/lab/tree/00-start-here.ipynb" in command
    assert "--allow-root" not in command and command[-1] == "--port=9999"
    assert env["JUPYTER_CONFIG_PATH"].split(course.os.pathsep) == [
        str(course.CONFIG),
        "/somewhere/else",
    ]
    assert (course.CONFIG / "jupyter_lab_config.json").exists()


def test_lab_as_root_passes_allow_root_and_says_so(monkeypatch, capsys):
    """Run as root (a container), does it add --allow-root with a one-line note?"""
    course = _course_module()
    monkeypatch.setattr(course.os, "geteuid", lambda: 0, raising=False)
    command, _ = course.lab_command("python", [])
    assert "--allow-root" in command
    assert "running as root" in capsys.readouterr().out


def test_the_course_settings_switch_off_news_and_update_checks():
    """Do the course's own JupyterLab settings turn off the news question and update checks?"""
    import json

    server = json.loads(
        (REPO / "jupyter-config" / "jupyter_lab_config.json").read_text(encoding="utf-8")
    )
    assert server["LabApp"]["news_url"] is None
    assert server["LabApp"]["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"
    assert server["LabApp"]["extension_manager"] == "readonly"
    client = json.loads(
        (REPO / "jupyter-config" / "labconfig" / "default_setting_overrides.json").read_text(
            encoding="utf-8"
        )
    )
    assert client["@jupyterlab/apputils-extension:notification"] == {
        "fetchNews": "false",
        "checkForUpdates": False,
    }


def _venv_python(folder):
    import os

    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def test_an_interrupted_first_install_is_repaired_on_the_next_run(tmp_path, monkeypatch):
    """Ctrl+C while the first install sets up pip leaves .venv with Python but no pip: does the
    next run (the pip route, where pip is needed) repair it and go on to install, instead of
    failing on every rerun? The interruption waits for an event, not a clock: the child says
    when pip's set-up has begun, and holds there until the Ctrl+C arrives."""
    import signal
    import subprocess
    import sys
    import time

    course = _course_module()
    folder = tmp_path / ".venv"
    started = tmp_path / "pip-set-up-started"
    monkeypatch.setattr(course, "VENV", folder)
    monkeypatch.setattr(course, "PYTHON", _venv_python(folder))
    monkeypatch.setattr(course, "STAMP", folder / "vraem-installed.txt")
    # venv.create(with_pip=True), stopped at the step that installs pip: the moment the old
    # one-second sleep aimed at, now observed instead of guessed
    first = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import pathlib, sys, time, venv\n"
                "class Interrupted(venv.EnvBuilder):\n"
                "    def _setup_pip(self, context):\n"
                f"        pathlib.Path({str(started)!r}).touch()\n"
                "        time.sleep(300)  # stands for pip being installed; Ctrl+C comes first\n"
                f"Interrupted(with_pip=True).create({str(folder)!r})\n"
            ),
        ],
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not started.exists():
        assert first.poll() is None and time.monotonic() < deadline, (
            "venv creation never reached pip"
        )
        time.sleep(0.05)
    first.send_signal(signal.SIGINT)
    assert first.wait(timeout=60) != 0
    assert course.PYTHON.exists(), "the interruption came before the environment's Python was made"
    assert not course._works(course.PYTHON, "-m", "pip", "--version"), (
        "the interruption left a working pip"
    )
    commands = []
    monkeypatch.setattr(
        course, "run", lambda *command, **_: commands.append([str(part) for part in command])
    )
    monkeypatch.setattr(course, "find_uv", lambda: None)  # the pip route: no download in the test
    monkeypatch.setattr(course, "uv_from_pip", lambda: None)
    course.install("lab")
    assert course._works(course.PYTHON, "-m", "pip", "--version")
    assert commands[0][:4] == [str(course.PYTHON), "-m", "pip", "install"] and commands[0][-2:] == [
        "-e",
        ".",
    ]
    assert "lab" in course._read_stamp()


def test_a_package_missing_after_a_good_install_is_reinstalled_by_the_recommended_command(
    tmp_path, monkeypatch
):
    """doctor() and `import vraem` say `course.py lab`; does that command reinstall a package
    removed after a complete install (the install stamp still in place)?"""
    import hashlib
    import json
    import sys
    from pathlib import Path

    course = _course_module()
    assert "course.py lab" in doctor_module.FIX_INSTALL
    stamp = tmp_path / "vraem-installed.txt"
    stamp.write_text(
        json.dumps(
            {
                "lab": hashlib.sha256(
                    (REPO / "pyproject.toml").read_bytes()
                    + (REPO / "requirements.lock").read_bytes()
                ).hexdigest()
            }
        )
    )
    monkeypatch.setattr(course, "STAMP", stamp)
    monkeypatch.setattr(course, "PYTHON", Path(sys.executable))  # a complete environment: this one
    monkeypatch.setattr(course, "ensure_venv", lambda **_: None)
    monkeypatch.setattr(course, "find_uv", lambda: None)
    monkeypatch.setattr(course, "uv_from_pip", lambda: None)
    commands = []
    monkeypatch.setattr(
        course, "run", lambda *command, **_: commands.append([str(part) for part in command])
    )
    course.python_to_use([])  # what `course.py lab` does first
    assert commands == [], "nothing is missing, so nothing should be installed"
    wanted = course.requirements("lab")
    monkeypatch.setattr(
        course, "requirements", lambda use: [*wanted, "surely-not-installed-package"]
    )
    assert course.missing_packages() == ["surely-not-installed-package"]
    course.python_to_use([])
    assert any(command[-2:] == ["-e", "."] for command in commands)


def test_no_install_uses_this_python_and_names_what_it_lacks(monkeypatch):
    """The conda route: does --no-install use the running Python, or say what it lacks and how to fix it?"""
    import sys

    course = _course_module()
    extra = ["--no-install", "--port=1"]
    assert str(course.python_to_use(extra)) == sys.executable and extra == ["--port=1"]
    wanted = course.requirements()
    monkeypatch.setattr(
        course, "requirements", lambda use: [*wanted, "surely-not-installed-package"]
    )
    try:
        course.python_to_use(["--no-install"])
    except SystemExit as stop:
        assert "surely-not-installed-package" in str(stop.code) and "environment.yml" in str(
            stop.code
        )
    else:
        raise AssertionError("a Python without the course's packages was accepted")


def test_on_too_old_a_python_course_py_says_which_version_and_how_to_get_one(monkeypatch):
    """Instead of a resolver traceback, is the needed version named with ways to get it?"""
    import sys

    course = _course_module()
    monkeypatch.setattr(sys, "version_info", (3, 10, 13, "final", 0))
    monkeypatch.setattr(sys, "argv", ["course.py", "lab"])
    try:
        course.main()
    except SystemExit as stop:
        message = str(stop.code)
    else:
        raise AssertionError("course.py went on with Python 3.10")
    assert "needs Python 3.11 or newer" in message and "uv python install 3.11" in message


def test_course_py_reads_on_old_pythons_and_stops_there_with_the_message():
    """Does course.py parse as Python 3.6, and do the older Pythons on this machine get the message?"""
    import ast
    import glob
    import shutil
    import subprocess

    source = (REPO / "course.py").read_text(encoding="utf-8")
    ast.parse(source, feature_version=(3, 6))
    course = _course_module()
    found = {shutil.which(f"python3.{minor}") for minor in range(6, course.FLOOR[1])}
    found |= set(glob.glob(str(Path.home() / ".pyenv" / "versions" / "3.*" / "bin" / "python")))
    for python in sorted(filter(None, found)):
        version = subprocess.run(
            [
                python,
                "-c",
                "import sys; print(sys.version_info[:2] >= (3, 6), "
                f"sys.version_info[:2] < {course.FLOOR})",
            ],
            capture_output=True,
            text=True,
        ).stdout
        if version.split() != ["True", "True"]:
            continue  # only Pythons from 3.6 up to below the floor
        result = subprocess.run(
            [python, str(REPO / "course.py"), "lab"], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr, (python, result.stderr)
        assert "uv python install 3.11" in result.stderr


def _install_commands(monkeypatch, uv, use="test"):
    """The commands install_packages() runs for a command (lab, test, site) with ``uv`` (or None)."""
    course = _course_module()
    commands = []
    monkeypatch.setattr(
        course, "run", lambda *command, **_: commands.append([str(part) for part in command])
    )
    course.install_packages(use, uv)
    return course, commands


@pytest.mark.parametrize(
    "use, lock, extras",
    [
        ("lab", "requirements.lock", "."),
        ("test", "requirements-test.lock", ".[test,site]"),
        ("site", "requirements-site.lock", ".[site]"),
    ],
)
def test_each_command_installs_its_own_lock_with_uv(monkeypatch, tmp_path, use, lock, extras):
    """With uv: `lab` the learner's lock and the course alone, `test` the test lock with the test
    and website tools (the suite builds the site), `site` the website's; then the speed-up."""
    uv = tmp_path / "uv"
    course, commands = _install_commands(monkeypatch, uv, use)
    install, uninstall = commands
    assert install[:3] == [str(uv), "pip", "install"]
    assert ["-r", str(REPO / lock)] == install[install.index("-r") : install.index("-r") + 2]
    assert install[-2:] == ["-e", extras] and str(course.PYTHON) in install
    assert uninstall[:3] == [str(uv), "pip", "uninstall"] and uninstall[-1] == "rfc3987-syntax"


def test_each_command_checks_for_its_own_packages():
    """Does `lab` look only for the learner's packages, and `test` for the test tools as well?"""
    import tomllib

    course = _course_module()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert len(course.requirements("lab")) == len(project["dependencies"])
    assert "pytest" not in course.requirements("lab") and "pytest" in course.requirements("test")
    assert "jupyter-book" in course.requirements("site") and "pytest" not in course.requirements(
        "site"
    )


def test_without_uv_pip_installs_the_same(monkeypatch, capsys):
    """Without uv: one line says so, and pip installs the same lock and course, then the speed-up."""
    course, commands = _install_commands(monkeypatch, None)
    install, uninstall = commands
    assert install[:4] == [str(course.PYTHON), "-m", "pip", "install"]
    assert "-r" in install and str(REPO / "requirements-test.lock") in install
    assert install[-2:] == ["-e", ".[test,site]"]
    assert uninstall[-1] == "rfc3987-syntax" and "--yes" in uninstall
    assert "uv could not be installed" in capsys.readouterr().out


def test_uv_is_found_without_pip_in_the_venv(monkeypatch, tmp_path):
    """The bootstrap: uv on PATH is used as it is; else the copy in the cache folder; else it is
    fetched there. Only when none works does .venv get pip (the old route)."""
    course = _course_module()
    monkeypatch.setenv("VRAEM_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(course, "UV", tmp_path / "no-venv" / "uv")
    fetched = []
    monkeypatch.setattr(course, "fetch_uv", lambda: fetched.append(1))
    on_path = tmp_path / "path" / course.UV_NAME
    on_path.parent.mkdir()
    on_path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    on_path.chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path.parent))
    assert course.find_uv() == on_path and not fetched
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    cached = course.cached_uv()
    assert cached.is_relative_to(tmp_path / "cache") and course.UV_VERSION in str(cached)
    cached.parent.mkdir(parents=True)
    cached.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    cached.chmod(0o755)
    assert course.find_uv() == cached and not fetched
    cached.unlink()
    course.find_uv()
    assert fetched == [1]


def test_a_changed_lock_file_installs_again(monkeypatch, tmp_path):
    """Is a command's set-up done again when its lock changes, and not when nothing did; and does
    installing the test tools count for the learner's packages and the website's, which come with
    them, without forgetting them when the learner's lock changes?"""
    import json

    course = _course_module()
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    for name in ("requirements.lock", "requirements-test.lock", "requirements-site.lock"):
        (tmp_path / name).write_text("pandas==3.1.1\n", encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    monkeypatch.setattr(course, "ROOT", tmp_path)
    monkeypatch.setattr(course, "PYTHON", python)
    monkeypatch.setattr(course, "STAMP", tmp_path / ".venv" / "stamp.txt")
    installs = []
    monkeypatch.setattr(course, "install_packages", lambda use, uv: installs.append(use))
    # never touch the real .venv: the environment is complete, and made already
    monkeypatch.setattr(course, "find_uv", lambda: tmp_path / "uv")
    monkeypatch.setattr(course, "ensure_venv", lambda **_: None)
    monkeypatch.setattr(course, "missing_packages", lambda *_, **__: [])
    course.install("lab")
    course.install("lab")
    assert installs == ["lab"]
    course.install("test")
    course.install("lab")
    course.install("site")  # the website tools come with the test tools
    assert installs == ["lab", "test"] and set(json.loads(course.STAMP.read_text())) == {
        "lab",
        "test",
        "site",
    }
    (tmp_path / "requirements.lock").write_text("pandas==3.1.2\n", encoding="utf-8")
    course.install("lab")
    course.install("test")
    assert installs == ["lab", "test", "lab"]
    # the test tools come with the learner's packages: after `test`, `lab` installs nothing
    course.STAMP.unlink()
    course.install("test")
    course.install("lab")
    assert installs == ["lab", "test", "lab", "test"]


def test_doctor_prints_its_report_and_returns_nothing(capsys):
    """In a notebook, does doctor() show only its report (no stray True/False output)?"""
    from vraem import doctor

    assert doctor() is None
    assert capsys.readouterr().out.strip()


def test_a_first_lab_set_up_gets_uv_without_pip_and_installs_the_learners_packages_only(tmp_path):
    """The real bootstrap, in a copy of the course with no uv on PATH and an empty cache folder:
    is uv fetched into the cache (by a pip outside .venv), .venv made without pip, and are the
    lessons' packages installed, and no test tool? A second run installs nothing."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    course = tmp_path / "course"
    course.mkdir()
    for name in (
        "course.py",
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "LICENSE-TEXT.md",
        *(path.name for path in REPO.glob("requirements*.lock")),
    ):
        shutil.copy(REPO / name, course / name)
    for folder in ("src", "data"):
        shutil.copytree(
            REPO / folder, course / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("VIRTUAL_ENV")
    }
    environment["PATH"] = os.pathsep.join(
        part for part in environment["PATH"].split(os.pathsep) if not (Path(part) / "uv").exists()
    )
    environment["VRAEM_CACHE"] = str(tmp_path / "cache")
    first = subprocess.run(
        [sys.executable, "course.py", "install"],
        cwd=course,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert first.returncode == 0, first.stdout + first.stderr
    assert "fetching uv" in first.stdout and "uv could not be installed" not in first.stdout
    assert list((tmp_path / "cache").glob("uv-*/bin/uv"))
    python = course / ".venv" / "bin" / "python"
    assert subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode != 0
    lessons = subprocess.run(
        [python, "-c", "import vraem, pandas, altair, jupyterlab, filelock"],
        capture_output=True,
        text=True,
    )
    assert lessons.returncode == 0, lessons.stderr
    for tool in ("pytest", "playwright", "jupyter_book", "jupyterhub"):
        found = subprocess.run(
            [python, "-c", f"import importlib.util as u; print(u.find_spec({tool!r}))"],
            capture_output=True,
            text=True,
        )
        assert found.stdout.strip() == "None", f"{tool} was installed for learners"
    assert set(json.loads((course / ".venv" / "vraem-installed.txt").read_text())) == {"lab"}
    again = subprocess.run(
        [sys.executable, "course.py", "install"],
        cwd=course,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (
        again.returncode == 0
        and "installed." not in again.stdout
        and "fetching" not in again.stdout
    )


# --- the Spanish edition (issue 22) ---


def test_lab_lang_es_copies_the_spanish_lessons_once_into_their_own_folder(tmp_path, monkeypatch):
    """Does `course.py lab --lang es` copy lessons/es into my-notebooks/es/, never overwriting a copy?"""
    course = _course_module()
    monkeypatch.setattr(course, "WORK", tmp_path / "my-notebooks")
    first = course.copy_lessons(tmp_path / "no-such-python", lang="es")
    assert first == sorted(path.name for path in (REPO / "lessons" / "es").glob("*.ipynb"))
    mine = tmp_path / "my-notebooks" / "es" / "00-start-here.ipynb"
    assert mine.read_bytes() == (REPO / "lessons" / "es" / "00-start-here.ipynb").read_bytes()
    mine.write_text("mi propio trabajo", encoding="utf-8")
    assert course.copy_lessons(tmp_path / "no-such-python", lang="es") == []
    assert mine.read_text(encoding="utf-8") == "mi propio trabajo"
    assert not list((tmp_path / "my-notebooks").glob("*.ipynb")), "no English lesson was asked for"


def test_lab_lang_es_opens_spanish_lesson_00_and_passes_the_rest_on(monkeypatch):
    course = _course_module()
    lang, rest = course.language_option(["--lang", "es", "--port=9999"])
    assert (lang, rest) == ("es", ["--port=9999"])
    assert course.language_option(["--lang=es"]) == ("es", [])
    command, _ = course.lab_command("python", rest, lang)
    assert "--LabApp.default_url=/lab/tree/es/00-start-here.ipynb" in command
    with pytest.raises(SystemExit, match="--lang takes one of"):
        course.language_option(["--lang", "fr"])
