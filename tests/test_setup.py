"""The learner-facing set-up: course.py keeps learners' work, doctor() names fixes."""

import importlib
import importlib.util

from .conftest import REPO

doctor_module = importlib.import_module("vraem.doctor")  # the module, not the function of the same name


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


def _install_commands(monkeypatch, uv):
    """The commands install_packages() runs when find_uv() gives ``uv``."""
    course = _course_module()
    commands = []
    monkeypatch.setattr(course, "run", lambda *command: commands.append([str(part) for part in command]))
    monkeypatch.setattr(course, "find_uv", lambda: uv)
    course.install_packages()
    return course, commands


def test_the_course_is_installed_from_the_lock_with_uv(monkeypatch, tmp_path):
    """With uv: the locked packages and the course (test and site extras), then the speed-up?"""
    uv = tmp_path / "uv"
    course, commands = _install_commands(monkeypatch, uv)
    install, uninstall = commands
    assert install[:3] == [str(uv), "pip", "install"]
    assert ["-r", str(course.LOCK)] == install[install.index("-r"):install.index("-r") + 2]
    assert install[-2:] == ["-e", ".[test,site]"] and str(course.PYTHON) in install
    assert uninstall[:3] == [str(uv), "pip", "uninstall"] and uninstall[-1] == "rfc3987-syntax"


def test_without_uv_pip_installs_the_same(monkeypatch, capsys):
    """Without uv: one line says so, and pip installs the same lock and course, then the speed-up."""
    course, commands = _install_commands(monkeypatch, None)
    install, uninstall = commands
    assert install[:4] == [str(course.PYTHON), "-m", "pip", "install"]
    assert "-r" in install and str(course.LOCK) in install and install[-2:] == ["-e", ".[test,site]"]
    assert uninstall[-1] == "rfc3987-syntax" and "--yes" in uninstall
    assert "uv could not be installed" in capsys.readouterr().out


def test_a_changed_lock_file_installs_again(monkeypatch, tmp_path):
    """Is the course installed again when requirements.lock changes, and not when nothing did?"""
    course = _course_module()
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    (tmp_path / "requirements.lock").write_text("pandas==3.1.1\n", encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    monkeypatch.setattr(course, "ROOT", tmp_path)
    monkeypatch.setattr(course, "LOCK", tmp_path / "requirements.lock")
    monkeypatch.setattr(course, "PYTHON", python)
    monkeypatch.setattr(course, "STAMP", tmp_path / ".venv" / "stamp.txt")
    installs = []
    monkeypatch.setattr(course, "install_packages", lambda: installs.append(1))
    course.install()
    course.install()
    assert len(installs) == 1
    (tmp_path / "requirements.lock").write_text("pandas==3.1.2\n", encoding="utf-8")
    course.install()
    assert len(installs) == 2
