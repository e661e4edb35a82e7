"""environment.yml (conda) and pyproject.toml (pip) ask for the same packages."""

import tomllib

import yaml
from packaging.requirements import Requirement

from .conftest import REPO


def _pyproject_requirements():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    listed = project["dependencies"] + extras["test"] + extras["site"]
    return {Requirement(item).name.lower(): str(Requirement(item).specifier) for item in listed}


def _conda_requirements(environment):
    found = {}
    for item in environment["dependencies"]:
        if isinstance(item, str):
            requirement = Requirement(item)
            found[requirement.name.lower()] = str(requirement.specifier)
    return found


def test_environment_yml_matches_pyproject():
    """Does every package appear in both files with the same lower bound, and nothing extra?"""
    environment = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert set(environment) <= {"name", "channels", "dependencies"}
    assert "conda-forge" in environment["channels"]
    conda = _conda_requirements(environment)
    assert conda.pop("python") == ">=3.10"
    assert conda.pop("pip") == ""
    assert conda == _pyproject_requirements()
    pip_part = next(item for item in environment["dependencies"] if isinstance(item, dict))
    assert pip_part == {"pip": ["-e ."]}


def test_python_floor_is_the_same():
    """Do both files ask for the same Python?"""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.10"
