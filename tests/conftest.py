"""Fixtures for the unit tests: a throw-away copy of the data folder."""

import shutil
from pathlib import Path

import pytest

from vraem.paths import data_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def private_progress_file(tmp_path_factory, monkeypatch):
    """Keep check()'s record of attempts out of the real home folder during tests."""
    monkeypatch.setenv("VRAEM_PROGRESS_FILE", str(tmp_path_factory.mktemp("progress") / "progress.json"))


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """Copy data/ to a temporary folder and point the package at it (VRAEM_DATA)."""
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    monkeypatch.setenv("VRAEM_DATA", str(copy))
    return copy  # nothing to forget: what was read from data/ is remembered per folder and file version
