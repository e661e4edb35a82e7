"""Fixtures for the unit tests: the course folder, a throw-away copy of the data folder, and the
headless Chromium that the browser, hub and site tests start (:func:`launch_chromium`)."""

import shutil

import pytest
from babel.messages.mofile import write_mo

from vraem import i18n
from vraem.contract import DATA_VARIABLE, PROGRESS_FILE_VARIABLE
from vraem.i18n import DEFAULT, LANGUAGES, set_language
from vraem.paths import course_root, data_dir

#: The course folder the tests read (found as the package finds it, before any test moves data/).
REPO = course_root()

#: Debian's Chromium, which the browser tests drive (Playwright downloads no browser of its own).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

#: How the tests start Chromium: no sandbox (CI runs as root), no GPU, and none of the
#: browser's own traffic (updates, sync, first-run pages, QUIC), so that every request a test
#: records is one the page made.
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch_chromium(playwright, executable: str = CHROMIUM):
    """Start headless Chromium for a test: ``browser = launch_chromium(playwright)``."""
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGUMENTS
    )


@pytest.fixture(autouse=True)
def private_progress_file(tmp_path_factory, monkeypatch):
    """Keep check()'s record of attempts out of the real home folder during tests."""
    monkeypatch.setenv(
        PROGRESS_FILE_VARIABLE, str(tmp_path_factory.mktemp("progress") / "progress.json")
    )


@pytest.fixture
def spanish():
    """The helpers speak Spanish for the test, and English again after it (whatever the test does)."""
    set_language("es")
    yield
    set_language(DEFAULT)


@pytest.fixture(params=LANGUAGES)
def language(request):
    """Run the test once in each language the helpers speak ("en", "es"); English again after.

    A test that takes ``language`` sees every message of check(), hint() and progress() in it.
    """
    set_language(request.param)
    yield request.param
    set_language(DEFAULT)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """Copy data/ to a temporary folder and point the package at it (VRAEM_DATA)."""
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    monkeypatch.setenv(DATA_VARIABLE, str(copy))
    return copy  # nothing to forget: what was read from data/ is remembered per folder and file version


def speak_spanish_from(catalog, tmp_path, monkeypatch) -> None:
    """Compile a Spanish ``catalog`` (Babel) in tmp, make the helpers read it, and select Spanish.

    For a fixture that yields after it and sets English back: nothing read here outlives the test.
    """
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "vraem.mo").open("wb") as handle:
        write_mo(handle, catalog)
    original = i18n.translations.__wrapped__  # uncached
    monkeypatch.setattr(i18n, "translations", lambda lang: original(lang, tmp_path / "locale"))
    set_language("es")
