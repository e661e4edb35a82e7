"""The learner's private record of attempts."""

import json

import pytest

from vraem import progress
from vraem.checks import check
from vraem.progress import FILE_VARIABLE


@pytest.fixture
def record_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv(FILE_VARIABLE, str(path))
    monkeypatch.delenv("VRAEM_CHECK_MODE", raising=False)
    return path


def test_attempts_are_recorded_and_the_best_result_kept(record_file, capsys):
    """Does a right answer after a wrong one show as solved, with two attempts?"""
    check("0.1", ["000"])
    check("0.1", ["001", "004"])
    check("0.1", ["000"])
    table = progress().set_index("exercise")
    assert table.loc["0.1", "status"] == "solved"
    assert table.loc["0.1", "attempts"] == 3
    assert (table.drop(index="0.1")["status"] == "open").all()


def test_unanswered_and_test_runs_leave_no_record(record_file, monkeypatch, capsys):
    """Do 'not answered yet' and the test suite's notebook runs write nothing?"""
    check("0.1", ...)
    monkeypatch.setenv("VRAEM_CHECK_MODE", "solutions")
    check("0.1", ["001", "004"])
    assert not record_file.exists()


def test_an_unreadable_record_is_kept_aside_not_lost(record_file, capsys):
    """Is a damaged progress file renamed, not overwritten, before a new record starts?"""
    record_file.write_text("{not json", encoding="utf-8")
    check("0.1", ["000"])
    kept = list(record_file.parent.glob("progress.json.unreadable-*"))
    assert kept and kept[0].read_text(encoding="utf-8") == "{not json"
    assert json.loads(record_file.read_text(encoding="utf-8"))["0.1"]["best"] == "wrong"


def test_a_record_that_cannot_be_written_does_not_stop_the_lesson(tmp_path, monkeypatch, capsys):
    """Does check() still answer when the record's folder is not writable?"""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(FILE_VARIABLE, str(blocker / "progress.json"))
    monkeypatch.delenv("VRAEM_CHECK_MODE", raising=False)
    check("0.1", ["001", "004"])
    assert "correct" in capsys.readouterr().out
