"""environment.yml (conda) and pyproject.toml (pip) ask for the same packages and the same
Python, and that Python is the real floor of what gets installed."""

import importlib.util
import re
import tomllib
from importlib import metadata

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from .conftest import REPO

PYTHON_LINE = re.compile(r"python\s*(>=|==|=)\s*(3\.\d+)$")


def _project():
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pyproject_requirements():
    project = _project()
    extras = project["optional-dependencies"]
    listed = project["dependencies"] + extras["test"] + extras["site"]
    return {Requirement(item).name.lower(): str(Requirement(item).specifier) for item in listed}


def _environment():
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def _conda_requirements(environment):
    found = {}
    for item in environment["dependencies"]:
        if isinstance(item, str) and not PYTHON_LINE.match(item):
            requirement = Requirement(item)
            found[requirement.name.lower()] = str(requirement.specifier)
    return found


def _conda_python(environment):
    """The Python version environment.yml names (`python>=3.x`, or `python=3.x` as Binder reads it)."""
    lines = [
        item
        for item in environment["dependencies"]
        if isinstance(item, str) and PYTHON_LINE.match(item)
    ]
    assert len(lines) == 1, f"environment.yml should name python once: {lines}"
    return PYTHON_LINE.match(lines[0]).group(2)


#: Test tools that environment.yml takes from PyPI (its pip part): not on conda-forge under that
#: name, or that name is another program there (conda-forge's configurable-http-proxy is Node.js's).
FROM_PYPI = {"configurable-http-proxy", "axe-playwright-python"}


def test_environment_yml_matches_pyproject():
    """Does every package appear in both files with the same lower bound, and nothing extra? Only
    the tools named in FROM_PYPI come through pip, and pip installs the course last."""
    environment = _environment()
    assert set(environment) <= {"name", "channels", "dependencies"}
    assert "conda-forge" in environment["channels"]
    conda = _conda_requirements(environment)
    assert conda.pop("pip") == ""
    pip_part = next(item for item in environment["dependencies"] if isinstance(item, dict))["pip"]
    assert pip_part[-1] == "-e ."
    from_pypi = {
        Requirement(item).name.lower(): str(Requirement(item).specifier) for item in pip_part[:-1]
    }
    assert set(from_pypi) == FROM_PYPI
    assert not set(from_pypi) & set(conda)
    assert {**conda, **from_pypi} == _pyproject_requirements()


def _installed_dependencies():
    """The installed distribution of every package pyproject.toml asks for (runtime and test).

    Only direct dependencies set the floor: their lower bounds are our pins, while pip picks
    an older release of an indirect one for an older Python (soupsieve 4.1.2 wants 3.11.5,
    earlier releases run on 3.11.0).
    """
    project = _project()
    listed = [
        Requirement(item)
        for item in project["dependencies"] + project["optional-dependencies"]["test"]
    ]
    return {canonicalize_name(item.name): metadata.distribution(item.name) for item in listed}


def _derived_floor(installed):
    """The lowest Python 3.x that the Requires-Python of every installed dependency admits."""
    specifiers = {
        name: SpecifierSet(dist.metadata.get("Requires-Python") or "")
        for name, dist in installed.items()
    }
    for minor in range(6, 30):
        if all(specifier.contains(f"3.{minor}") for specifier in specifiers.values()):
            return f"3.{minor}", specifiers
    raise AssertionError(f"no Python 3.x satisfies every dependency: {specifiers}")


def test_the_python_floor_is_derived_from_what_is_installed():
    """Do requires-python, environment.yml and course.py all claim exactly the Python that every
    installed dependency (pandas, Altair and the rest) admits, no lower and no higher?"""
    installed = _installed_dependencies()
    assert {"pandas", "altair", "jupyterlab"} <= set(installed)
    floor, specifiers = _derived_floor(installed)
    needing_it = sorted(
        name
        for name, spec in specifiers.items()
        if not spec.contains(f"3.{int(floor.split('.')[1]) - 1}")
    )
    claimed = _project()["requires-python"]
    assert claimed == f">={floor}", (
        f"requires-python says {claimed}; {needing_it} need Python {floor}"
    )
    for name, specifier in specifiers.items():
        assert specifier.contains(floor), f"{name} does not run on Python {floor} ({specifier})"
    assert _conda_python(_environment()) == floor
    spec = importlib.util.spec_from_file_location("course", REPO / "course.py")
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    assert ".".join(map(str, course.FLOOR)) == floor
