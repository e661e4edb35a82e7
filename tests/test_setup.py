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
