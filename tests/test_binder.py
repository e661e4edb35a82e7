"""The repository launches on Binder: repo2docker picks the pip route with a stated Python, and
binder/postBuild finishes the set-up as `course.py lab` does.

`repo2docker --no-build` only writes the image's recipe (a Dockerfile), so no Docker is needed.
"""

import json
import os
import shutil
import subprocess
import sys
import tomllib

import pytest
from packaging.specifiers import SpecifierSet

from .conftest import REPO


@pytest.fixture(scope="module")
def recipe():
    """What `repo2docker --no-build --debug .` prints for this repository."""
    command = shutil.which("repo2docker") or str(
        os.path.join(os.path.dirname(sys.executable), "repo2docker")
    )
    if not os.path.exists(command):
        pytest.fail('repo2docker is missing: it is in the test extra (pip install -e ".[test]")')
    result = subprocess.run(
        [command, "--no-build", "--debug", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout + result.stderr


def test_binder_is_told_which_python(recipe):
    """Does repo2docker read the Python version (no 'unspecified'), and is it one the course allows?"""
    assert "Python version unspecified" not in recipe
    version = (
        (REPO / "binder" / "runtime.txt")
        .read_text(encoding="utf-8")
        .strip()
        .removeprefix("python-")
    )
    assert f"python={version}" in recipe
    floor = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    assert SpecifierSet(floor).contains(version), (
        f"binder/runtime.txt asks for {version}; the course needs {floor}"
    )


def test_binder_uses_the_pip_route_and_the_lock(recipe):
    """Is it the Python buildpack installing binder/requirements.txt (the lock), not a conda solve?"""
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in recipe
    assert "env update" not in recipe and "environment.yml" not in recipe
    assert "-r ../requirements.lock" in (REPO / "binder" / "requirements.txt").read_text(
        encoding="utf-8"
    )


def test_postbuild_installs_the_course_and_copies_the_lessons(tmp_path):
    """Run binder/postBuild in a copy of the course with a stand-in pip: what does it do?"""
    course = tmp_path / "course"
    shutil.copytree(REPO / "lessons", course / "lessons")
    shutil.copy(REPO / "course.py", course)
    tools = tmp_path / "bin"
    tools.mkdir()
    calls = tmp_path / "pip-calls.txt"
    (tools / "pip").write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n', encoding="utf-8")
    (tools / "pip").chmod(0o755)
    (tools / "python3").symlink_to(sys.executable)
    prefix = tmp_path / "notebook-env"
    environment = {
        **os.environ,
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "NB_PYTHON_PREFIX": str(prefix),
    }
    result = subprocess.run(
        ["bash", str(REPO / "binder" / "postBuild")],
        cwd=course,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert calls.read_text(encoding="utf-8").splitlines() == [
        "install --no-cache-dir --no-deps -e .",
        "uninstall --yes rfc3987-syntax",
    ]
    settings = json.loads(
        (prefix / "share/jupyter/lab/settings/overrides.json").read_text(encoding="utf-8")
    )
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    copied = sorted(path.name for path in (course / "my-notebooks").glob("*.ipynb"))
    assert copied == sorted(path.name for path in (REPO / "lessons").glob("*.ipynb"))
    spanish = sorted(path.name for path in (course / "my-notebooks" / "es").glob("*.ipynb"))
    assert spanish == sorted(path.name for path in (REPO / "lessons" / "es").glob("*.ipynb"))
