"""The course has a version a user can name: pyproject.toml's, shown by doctor() and
vraem.__version__, with CHANGELOG.md's latest entry saying what changed in it."""

import re
import tomllib
from datetime import date

from packaging.version import Version

import vraem
from vraem.doctor import diagnose

from .conftest import REPO

ENTRY = re.compile(
    r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$", re.MULTILINE
)
#: The kinds of change Keep a Changelog names.
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def _pyproject_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def _entries() -> list[tuple[str, str | None, str]]:
    """(version, date, text) of each entry of CHANGELOG.md, newest first."""
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    found = list(ENTRY.finditer(text))
    return [
        (
            match["version"],
            match["date"],
            text[match.end() : following.start() if following else len(text)],
        )
        for match, following in zip(found, found[1:] + [None], strict=True)
    ]


def test_the_changelogs_latest_release_is_the_version_in_pyproject():
    """Is the newest released entry of CHANGELOG.md the version pyproject.toml gives?"""
    released = [entry for entry in _entries() if entry[0] != "Unreleased"]
    assert released, "CHANGELOG.md has no released entry"
    assert released[0][0] == _pyproject_version(), (
        f"CHANGELOG.md's latest entry is {released[0][0]}, pyproject.toml says {_pyproject_version()}: "
        "add an entry for the new version (or set the version back)"
    )


def test_the_changelog_is_in_keep_a_changelog_form():
    """Unreleased first; then versions newest first, each dated (not in the future, not out of
    order) and each with at least one kind of change under a heading Keep a Changelog uses."""
    entries = _entries()
    assert entries[0][0] == "Unreleased"
    released = entries[1:]
    versions = [Version(version) for version, _, _ in released]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    dates = [date.fromisoformat(day) for _, day, _ in released]
    assert dates == sorted(dates, reverse=True) and dates[0] <= date.today()
    for version, _, text in released:
        kinds = set(re.findall(r"^### (\w+)\s*$", text, re.MULTILINE))
        assert kinds and kinds <= KINDS, (
            f"{version}: sections {kinds}; Keep a Changelog uses {sorted(KINDS)}"
        )
        assert re.search(r"^- \S", text, re.MULTILINE), f"{version} lists no change"


def test_learners_and_the_website_can_name_the_version():
    """Does vraem.__version__ give pyproject.toml's version, and doctor() show it on its first line?"""
    assert vraem.__version__ == _pyproject_version()
    item, ok, detail = diagnose()[0]
    assert item == "course" and ok and _pyproject_version() in detail
