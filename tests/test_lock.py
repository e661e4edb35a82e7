"""The lock files pin what pyproject.toml asks for, are up to date with it, agree with each other,
and name no index: one lock per command of course.py (lab, test, site), all made by tools/lock.py."""

import re
import sys
import tomllib

import pytest
from packaging.requirements import Requirement

from .conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import lock  # noqa: E402  (tools/lock.py: how the locks are made)

PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)(?:\s*;\s*(?P<marker>.+))?$"
)
USES = sorted(lock.USES)


def _lines(use: str) -> list[str]:
    return lock.USES[use][0].read_text(encoding="utf-8").splitlines()


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(use: str) -> dict[str, set[tuple[str, str]]]:
    """Each locked package's (version, marker) pairs (one per platform or Python range it is split by)."""
    pins: dict[str, set[tuple[str, str]]] = {}
    for line in _lines(use):
        match = PIN.match(line)
        if match:
            pins.setdefault(_name(match["name"]), set()).add(
                (match["version"], match["marker"] or "")
            )
    return pins


def test_every_command_of_course_py_has_a_lock_and_one_of_them_has_every_extra():
    """Does course.py name a lock for lab, test and site, and does one lock (the tests') cover all extras?"""
    assert set(USES) == {"lab", "test", "site"}
    assert lock.USES["lab"][1] == (), "the learner's lock must hold the learner's packages only"
    assert any(set(extras) == set(lock.EXTRAS) for _, extras in lock.USES.values())
    for path, _ in lock.USES.values():
        assert path.exists(), f"{path.name} is missing: run `python tools/lock.py`"


@pytest.mark.parametrize("use", USES)
def test_the_lock_is_up_to_date_with_pyproject(use):
    """Was each lock made from the dependencies pyproject.toml lists now?"""
    recorded = next(line for line in _lines(use) if line.startswith("# inputs: "))
    assert recorded == f"# inputs: {lock.fingerprint()}", (
        f"{lock.USES[use][0].name} is out of date with pyproject.toml: run `python tools/lock.py` and commit it"
    )


def test_a_changed_dependency_changes_the_fingerprint(tmp_path):
    """Would raising a lower bound in pyproject.toml, or in an extra, make the test above fail?"""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for old, new in (
        ('"pandas>=', '"pandas>=9!'),
        ('"pytest>=', '"pytest>=9!'),
        ('"jupyter-book>=', '"jupyter-book>=9!'),
    ):
        assert old in text
        changed = tmp_path / "pyproject.toml"
        changed.write_text(text.replace(old, new), encoding="utf-8")
        assert lock.fingerprint(changed) != lock.fingerprint(), old


@pytest.mark.parametrize("use", USES)
def test_every_requirement_is_pinned_to_a_version_it_allows(use):
    """Does each dependency, and each extra the command adds, have a pin inside its bounds?"""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins(use)
    wanted = project["dependencies"] + [
        item for name in lock.USES[use][1] for item in project["optional-dependencies"][name]
    ]
    for item in wanted:
        requirement = Requirement(item)
        versions = [version for version, _ in pins.get(_name(requirement.name), ())]
        assert any(
            requirement.specifier.contains(version, prereleases=True) for version in versions
        ), f"{requirement} is not pinned in {lock.USES[use][0].name} (found {versions})"


def test_the_locks_agree_and_the_learners_is_inside_every_other():
    """Is a package in two locks pinned the same in both, and does every command's lock hold the
    learner's packages, so that one .venv can take lab, then test, then site?"""
    learner = _pins("lab")
    for use in USES:
        pins = _pins(use)
        assert learner.keys() <= pins.keys(), f"{use} lacks {sorted(learner.keys() - pins.keys())}"
        for other in USES:
            shared = pins.keys() & _pins(other).keys()
            differ = {
                name: (pins[name], _pins(other)[name])
                for name in shared
                if pins[name] != _pins(other)[name]
            }
            assert not differ, f"{use} and {other} pin differently: {differ}"


def test_the_learners_lock_leaves_out_the_test_and_website_tools():
    """Does `course.py lab` install none of the maintainers' tools: no test runner, browser driver,
    website builder, Binder checker or hub (Playwright alone is 161 MB), and is no package listed
    both for learners and in an extra?"""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    learners = {_name(Requirement(item).name) for item in project["dependencies"]}
    for extra in lock.EXTRAS:
        tools = {_name(Requirement(item).name) for item in project["optional-dependencies"][extra]}
        assert not learners & tools, (
            f"listed for learners and in the {extra} extra: {learners & tools}"
        )
    pinned = _pins("lab").keys()
    heavy = {
        "pytest",
        "nbval",
        "playwright",
        "jupyter-book",
        "sphinx",
        "jupyter-repo2docker",
        "jupyterhub",
    }
    assert not heavy & pinned, (
        f"requirements.lock installs maintainers' tools: {sorted(heavy & pinned)}"
    )


@pytest.mark.parametrize("use", USES)
def test_the_lock_is_plain_pins_with_no_address(use):
    """Is every line a comment or `name==version [; marker]`, with no index, link or host name?"""
    for line in _lines(use):
        if line.strip() and not line.lstrip().startswith("#"):
            assert PIN.match(line), line
        assert "://" not in line and not re.search(
            r"--(extra-)?index-url|--find-links|\s@\s", line
        ), line
