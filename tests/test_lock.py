"""requirements.lock pins what pyproject.toml asks for, is up to date with it, and names no index."""

import re
import sys

from packaging.requirements import Requirement

from .conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import lock  # noqa: E402  (tools/lock.py: how the lock is made)

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)(?:\s*;\s*(?P<marker>.+))?$")


def _lines() -> list[str]:
    return (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()


def _pins() -> dict[str, list[str]]:
    """Each locked package's versions (one per platform or Python range it is split by)."""
    pins: dict[str, list[str]] = {}
    for line in _lines():
        match = PIN.match(line)
        if match:
            name = re.sub(r"[-_.]+", "-", match["name"]).lower()
            pins.setdefault(name, []).append(match["version"])
    return pins


def test_the_lock_is_up_to_date_with_pyproject():
    """Was the lock made from the dependencies pyproject.toml lists now?"""
    recorded = next(line for line in _lines() if line.startswith("# inputs: "))
    assert recorded == f"# inputs: {lock.fingerprint()}", (
        "requirements.lock is out of date with pyproject.toml: run `python tools/lock.py` and commit it")


def test_a_changed_dependency_changes_the_fingerprint(tmp_path):
    """Would raising a lower bound in pyproject.toml make the test above fail?"""
    changed = tmp_path / "pyproject.toml"
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    changed.write_text(text.replace('"pandas>=', '"pandas>=9!'), encoding="utf-8")
    assert lock.fingerprint(changed) != lock.fingerprint()


def test_every_requirement_is_pinned_to_a_version_it_allows():
    """Does each dependency and extra of pyproject.toml have a pin inside its bounds?"""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins()
    wanted = project["dependencies"] + [item for name in lock.EXTRAS
                                        for item in project["optional-dependencies"][name]]
    for item in wanted:
        requirement = Requirement(item)
        versions = pins.get(re.sub(r"[-_.]+", "-", requirement.name).lower(), [])
        assert any(requirement.specifier.contains(version, prereleases=True) for version in versions), (
            f"{requirement} is not pinned in requirements.lock (found {versions})")


def test_the_lock_is_plain_pins_with_no_address():
    """Is every line a comment or `name==version [; marker]`, with no index, link or host name?"""
    for line in _lines():
        if line.strip() and not line.lstrip().startswith("#"):
            assert PIN.match(line), line
        assert "://" not in line and not re.search(r"--(extra-)?index-url|--find-links|\s@\s", line), line
