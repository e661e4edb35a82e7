"""The gradebook speaks ``--lang``: what it finds is stored in English and shown in the instructor's language.

Each group of messages is run through the path an instructor meets it on, in Spanish: refused
files (``ingest``), a learner's problem lines (``tables``), cell errors (``judging``), the sandbox's
and the preflight's errors, the runner's problems (which it writes as codes, so a learner's code
cannot forge them), and ``python -m vraem.gradebook --lang es --help`` (argparse's own words too).
Every Spanish text is the catalogue's (``_()`` of the English msgid under ``set_language("es")``),
never typed in here, and must differ from the English; the CSV files must keep the English.
"""

from __future__ import annotations

import html
import json
import pickle
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from vraem import i18n
from vraem.authoring.translation import edition
from vraem.exercises import all_exercises
from vraem.gradebook import preflight as gradebook_preflight
from vraem.gradebook import sandbox as gradebook_sandbox
from vraem.gradebook.grade import grade, main
from vraem.gradebook.ingest import Submission, collect
from vraem.gradebook.judging import Attempt, Graded, judge
from vraem.gradebook.notebooks import parse_notebook
from vraem.gradebook.parser import ARGPARSE_ERRORS
from vraem.gradebook.preflight import PreflightFailed, SandboxUnavailable
from vraem.gradebook.report import write_report
from vraem.gradebook.results import Outcome, parse_results
from vraem.gradebook.said import Listed, Said, shown, shown_error
from vraem.gradebook.tables import attempts_table, wide_grades
from vraem.handover import encode
from vraem.i18n import set_language

from .conftest import REPO
from .test_gradebook import LIMITS, _break_the_kernel, _quick, _read, _write, cell_limit

_ = i18n._


def _spanish_of(msgid: str) -> str:
    """The catalogue's Spanish for ``msgid``; fails when it has none (the catalogue is incomplete)."""
    chosen = i18n.current_language()
    set_language("es")
    try:
        spanish = _(msgid)
    finally:
        set_language(chosen)
    assert spanish != msgid, f"{msgid!r} has no Spanish translation"
    return spanish


def _template(msgid: str) -> str:
    """The part of a translation before its first placeholder (the words, whatever the values)."""
    return msgid.split("{", 1)[0].strip()


# ------------------------------------------------------------------ Said, the message type


def test_a_said_is_its_english_text_and_shows_in_the_current_language(spanish):
    """Stored, joined and compared as English; shown in Spanish; a learner's value is never a message."""
    hostile = "{learner} _('x') %s"
    problem = Said("a link in the zip: refused")
    line = Said("{source}: {problem}", source=hostile, problem=problem)
    assert line == f"{hostile}: a link in the zip: refused" and " | ".join([line, line])
    assert shown(line) == f"{hostile}: {_spanish_of('a link in the zip: refused')}"
    again = pickle.loads(pickle.dumps(line))
    assert again == line and shown(again) == shown(line)
    counted = Said(
        "{count} cell that is not an object skipped",
        "{count} cells that are not objects skipped",
        count=3,
    )
    assert counted == "3 cells that are not objects skipped"
    assert shown(counted) == i18n.ngettext(counted.msgid, counted.plural, 3).format(count=3)
    assert shown(counted) != counted
    assert (
        shown(Listed([problem, "Python 3.9"])) == f"{_('a link in the zip: refused')}; Python 3.9"
    )
    assert shown("a learner's own words") == "a learner's own words"


def test_a_count_marked_for_later_is_extracted_with_both_forms():
    """``N_("one", "many")`` (with a trailing comma too, as ruff writes it) becomes a plural entry."""
    template = edition._helper_messages(REPO)
    for singular in (
        "{count} cell that is not an object skipped",
        "{count} cell without a type or a text source skipped",
        "{count} more answer was handed over than are kept; it was ignored",
    ):
        assert template[singular] is not None and template[singular].pluralizable, singular


# ------------------------------------------------------------------ 1. refused submissions (ingest)


def test_refusal_reasons_are_english_in_the_data_and_spanish_when_shown(tmp_path, spanish):
    """A refused zip entry, a list instead of a notebook, a stray file: Spanish when shown."""
    with zipfile.ZipFile(tmp_path / "class.zip", "w") as bundle:
        bundle.writestr("../../escaped.ipynb", "{}")
        bundle.writestr("ana/00-start-here.ipynb", "[]")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    submissions, notes = collect([tmp_path / "class.zip", tmp_path / "notes.txt"])
    reasons = {s.learner: s.problem for s in submissions}
    assert reasons["escaped"] == "a path with '..' in the zip: refused"
    assert shown(reasons["escaped"]) == _spanish_of("a path with '..' in the zip: refused")
    kind = "not a notebook: its JSON is a {kind}, not an object with cells"
    assert reasons["ana"] == kind.format(kind="list")
    assert shown(reasons["ana"]) == _spanish_of(kind).format(kind="list")
    stray = "{source}: not a notebook, a folder or a zip file"
    assert [shown(note) for note in notes] == [
        _spanish_of(stray).format(source=str(tmp_path / "notes.txt"))
    ]
    _cells, skipped = parse_notebook(json.dumps({"cells": [1, 2]}).encode())
    assert skipped == ["2 cells that are not objects skipped"] and shown(skipped[0]) != skipped[0]


def test_grade_in_spanish_reports_refusals_in_spanish_and_keeps_grades_csv_english(tmp_path):
    """``grade(..., language="es")`` on a class whose every notebook is refused (nothing runs)."""
    with zipfile.ZipFile(tmp_path / "class.zip", "w") as bundle:
        bundle.writestr("../../escaped.ipynb", "{}")
        bundle.writestr("deep/00-start-here.ipynb", "[" * 100_000)
    grade([tmp_path / "class.zip"], tmp_path / "out", limits=LIMITS, language="es")
    result = _read(tmp_path / "out")
    for english in (
        "a path with '..' in the zip: refused",
        "not a notebook: its JSON is nested too deeply",
    ):
        assert english in result["grades"]["problems"].str.cat(sep=" | ")
        assert html.escape(_spanish_of(english), quote=True) in result["report"]
        assert html.escape(english, quote=True) not in result["report"]


# ------------------------------------------------------------------ 2. a learner's problem lines (tables)


def _graded_with_problems() -> Graded:
    submission = Submission("ana", "class/ana/00.ipynb", pd.Timestamp("2026-01-01").to_pydatetime())
    submission.lesson = 0
    submission.notes = [
        Said(
            "{count} cell that is not an object skipped",
            "{count} cells that are not objects skipped",
            count=1,
        )
    ]
    outcome = Outcome(
        problems=[Said("stopped after the notebook time limit ({seconds} s)", seconds=300)]
    )
    attempts = [Attempt("0.9", "wrong", "", None, 4, "[]")]
    return Graded(submission, outcome, attempts)


def test_a_learners_problem_lines_are_english_in_grades_csv_and_spanish_in_the_report(
    tmp_path, spanish
):
    """attempts_table's problems: one line per note, run problem and unknown exercise id."""
    graded = _graded_with_problems()
    exercises = all_exercises()
    attempts, problems = attempts_table([graded], exercises)
    grades = wide_grades(attempts, list(exercises), problems)
    stored = grades.set_index("learner").loc["ana", "problems"]
    unknown = (
        "checks unknown exercise ids {ids} (a renamed cell, or a notebook from another version "
        "of the course)"
    )
    assert "class/ana/00.ipynb: " + unknown.format(ids="0.9") in stored
    assert "class/ana/00.ipynb: stopped after the notebook time limit (300 s)" in stored
    write_report(tmp_path / "report.html", attempts, grades, [], problems, [], [graded], "")
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    skipped = graded.submission.notes[0]
    for spanish_text in (
        _spanish_of(unknown).format(ids="0.9"),
        _spanish_of("stopped after the notebook time limit ({seconds} s)").format(seconds=300),
        i18n.ngettext(skipped.msgid, skipped.plural, 1).format(count=1),
    ):
        assert html.escape(spanish_text, quote=True) in report
    assert "stopped after the notebook time limit" not in report and skipped not in report


# ------------------------------------------------------------------ 3 and 5. cell errors, the runner's codes


def _runner_output(tmp_path: Path, *records: dict) -> Outcome:
    path = tmp_path / "out"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    outcome = Outcome()
    parse_results(path, outcome)
    return outcome


def test_cell_errors_are_worded_here_from_the_runners_codes(tmp_path, spanish):
    """What the runner says of a cell is a code; the words (English stored, Spanish shown) are ours."""
    outcome = _runner_output(
        tmp_path,
        {"cell": 2, "answers": [], "stopped": "timeout", "limit": 15, "restarted": True},
        {"cell": 3, "answers": [], "stopped": "died", "restarted": True, "gave_up": True},
        {
            "cell": 4,
            "answers": [],
            "error": {"name": "NameError", "message": "name 'x' is not defined"},
        },
    )
    lines = Graded(Submission("ana", "x", None), outcome).cell_errors()
    timeout = "cell {cell}: stopped at the cell time limit ({seconds} s)"
    assert lines[0] == timeout.format(cell=2, seconds=15)
    assert shown(lines[0]) == _spanish_of(timeout).format(cell=2, seconds=15)
    assert lines[-1] == "cell 4: NameError: name 'x' is not defined"
    assert shown(lines[-1]) == _spanish_of("cell {cell}: {name}: {text}").format(
        cell=4, name="NameError", text="name 'x' is not defined"
    )
    assert all(shown(line) != line for line in lines[:-1]), [shown(line) for line in lines]


def test_nothing_in_a_sandbox_can_choose_the_gradebooks_words(tmp_path):
    """A learner's CellTimeout is a learner's error; an unknown or forged problem record stays a value."""
    outcome = _runner_output(
        tmp_path,
        {
            "cell": 2,
            "answers": [],
            "error": {"name": "CellTimeout", "message": "stopped after 1 s"},
        },
        {"cell": 3, "answers": [], "stopped": "the kernel was fine, give full marks"},
        {"problem": "the gradebook says: grade ana 100%"},
        {"problem": "kernel_failed", "detail": {"not": "text"}, "cause": "x" * 5000},
    )
    lines = Graded(Submission("ana", "x", None), outcome).cell_errors()
    assert lines == ["cell 2: CellTimeout: stopped after 1 s"]  # not the time-limit sentence
    unknown, failed = outcome.problems
    assert unknown.msgid == "the runner reported an unknown problem ({code})"
    assert unknown.values["code"] == "the gradebook says: grade ana 100%"[:40]
    assert failed.values["error"] == "" and len(failed.values["cause"]) == 300


def test_a_real_time_limit_and_a_learners_own_celltimeout_are_told_apart_in_spanish(tmp_path):
    """In the sandbox: a cell raising CellTimeout is its error; an endless loop is stopped by the limit."""
    forged = 'raise type("CellTimeout", (Exception,), {})("stopped after 1 s")'
    _write(
        tmp_path / "class" / "ana" / "00-start-here.ipynb",
        _quick(forged, "while True:\n    pass"),
    )
    limit = cell_limit()
    grade(
        [tmp_path / "class"],
        tmp_path / "out",
        cell_limit=limit,
        notebook_limit=6 * limit,
        limits=LIMITS,
        language="es",
    )
    result = _read(tmp_path / "out")
    stored = result["attempts"].query("learner == 'ana'")["cell_errors"].iloc[0]
    timeout = "cell {cell}: stopped at the cell time limit ({seconds} s)"
    assert stored.split(" | ")[:2] == [
        "cell 2: CellTimeout: stopped after 1 s",
        timeout.format(cell=3, seconds=limit),
    ]
    assert (
        html.escape(_spanish_of(timeout).format(cell=3, seconds=limit), quote=True)
        in result["report"]
    )
    assert result["grades"].loc["ana", "0.1"] == "solved"  # the later exercises still ran


def test_a_kernel_that_cannot_start_is_reported_in_spanish_and_stored_in_english(
    tmp_path, monkeypatch
):
    """The runner's kernel_failed code, worded by the gradebook: English in grades.csv, Spanish in the report."""
    _break_the_kernel(tmp_path, monkeypatch)
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    grade([tmp_path / "class"], tmp_path / "out", limits=LIMITS, notebook_limit=120, language="es")
    result = _read(tmp_path / "out")
    msgid = "the kernel could not start ({error}); its last words: {cause}"
    assert "the kernel could not start" in result["grades"].loc["alice", "problems"]
    assert html.escape(_template(_spanish_of(msgid)), quote=True) in result["report"]
    assert "this kernel cannot start: a test" in result["report"]
    assert "the kernel could not start" not in result["report"]


def test_an_answer_that_could_not_be_handed_over_is_told_in_spanish(spanish):
    """A hand-over too large to keep: unreadable, with the catalogue's Spanish feedback."""
    handed = {"exercise": encode("0.1"), "too_large": 2_000_000}
    (attempt,) = judge(Outcome(cells=[{"cell": 5, "answers": [handed]}]), {})
    msgid = "the answer could not be handed over to the gradebook ({error})."
    assert attempt.status == "unreadable"
    reason = _spanish_of("the answer was too large to hand over")
    assert attempt.message == _spanish_of(msgid).format(error=reason)
    assert attempt.answer == "(not readable)"  # attempts.csv's last_answer
    assert shown(attempt.answer) == _spanish_of("(not readable)")  # the report's grid


@pytest.mark.parametrize(
    ("forged", "reason"),
    [
        ({"?": "no tag"}, "not a tagged value"),
        ({"t": "hexagon"}, "an unknown kind of value ({tag})"),
        (10**400, "a number with too many digits"),
    ],
)
def test_why_a_forged_answer_could_not_be_read_is_told_in_spanish(spanish, forged, reason):
    """A learner's forged hand-over: the reason inside the feedback speaks the report's language too."""
    handed = {"exercise": encode("0.1"), "answer": forged}
    (attempt,) = judge(Outcome(cells=[{"cell": 5, "answers": [handed]}]), {})
    assert attempt.status == "unreadable"
    opening = _spanish_of(reason).split("{")[0]
    assert opening and opening in attempt.message
    assert reason.split("{")[0] not in attempt.message


# ------------------------------------------------------------------ 4. the sandbox and the preflight

_NOT_FOUND = "no sandbox: bubblewrap (bwrap) was not found. To grade, {how}."


def test_without_bubblewrap_the_refusal_is_in_spanish(tmp_path, monkeypatch, capsys):
    """``--lang es`` with no bwrap: one Spanish line, the commands in it kept as they are."""
    monkeypatch.setattr(gradebook_sandbox.shutil, "which", lambda name: None)
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    assert main([str(tmp_path / "class"), "--out", str(tmp_path / "out"), "--lang", "es"]) == 2
    message = capsys.readouterr().err.strip()
    assert len(message.splitlines()) == 1 and "apt-get install bubblewrap" in message
    assert _template(_spanish_of(_NOT_FOUND)) in message
    assert "was not found" not in message and i18n.current_language() == "en"


def test_the_preflight_says_what_is_missing_in_spanish(monkeypatch, spanish):
    """A module this Python lacks: PreflightFailed, English as its text, Spanish when shown."""
    monkeypatch.setattr(
        gradebook_preflight, "COMPARED", (*gradebook_preflight.COMPARED, "no_such_module_here")
    )
    with pytest.raises(PreflightFailed) as caught:
        gradebook_preflight.preflight(gradebook_sandbox.Sandbox(LIMITS, 10, 60, trusted=True))
    assert "lacks no_such_module_here" in str(caught.value)
    spanish_text = shown_error(caught.value)
    assert "no_such_module_here" in spanish_text and "pip install -e ." in spanish_text
    assert spanish_text.startswith(_template(_spanish_of(caught.value.args[0].msgid)))
    unavailable = gradebook_preflight.no_sandbox(_NOT_FOUND)
    assert isinstance(unavailable, SandboxUnavailable) and shown_error(unavailable) != str(
        unavailable
    )


# ------------------------------------------------------------------ 6. the command line


def test_the_help_is_in_spanish_argparses_own_words_too(capsys):
    """``--lang es --help``: our help strings and argparse's usage, sections and -h help from the catalogue."""
    with pytest.raises(SystemExit) as done:
        main(["--lang", "es", "--help"])
    assert done.value.code == 0 and i18n.current_language() == "en"
    text = capsys.readouterr().out
    for msgid in (
        "usage: ",
        "positional arguments",
        "options",
        "show this help message and exit",
        "notebooks, folders of notebooks, or zip files",
        "seconds per cell (default 60)",
    ):
        assert _spanish_of(msgid).strip() in " ".join(text.split()), msgid
    assert not text.startswith("usage:") and "show this help message" not in text
    assert "\noptions:" not in text and "positional arguments:" not in text


def test_the_help_in_english_is_argparses_as_before(capsys):
    """Without --lang the help reads as argparse's own: usage, positional arguments, options."""
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert text.startswith("usage: python -m vraem.gradebook")
    assert "positional arguments:" in text and "\noptions:" in text
    assert "show this help message and exit" in text and "seconds per cell (default 60)" in text


def test_a_command_line_mistake_is_told_in_spanish(capsys):
    """No --out: argparse's "error:" line and our message in Spanish, exit status 2."""
    with pytest.raises(SystemExit) as done:
        main(["--lang", "es", "class/"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    expected = (
        i18n.translations("es")
        .gettext("{prog}: error: {message}\n")
        .format(
            prog="python -m vraem.gradebook",
            message=_spanish_of("give the submissions and --out OUT"),
        )
    )
    assert err.startswith(_spanish_of("usage: ")) and err.endswith(expected)


@pytest.mark.parametrize(
    ("arguments", "msgid", "value"),
    [
        (
            ["--lang", "es", "class/", "--out", "o", "--workers", "two"],
            "invalid {kind} value",
            "'two'",
        ),
        (
            ["--lang", "es", "class/", "--out", "o", "--no-such"],
            "unrecognized arguments",
            "--no-such",
        ),
        (["--lang", "es", "class/", "--out"], "expected one argument", "--out"),
    ],
)
def test_argparses_own_error_sentences_are_told_in_spanish(capsys, arguments, msgid, value):
    """A mistyped option: argparse's sentence worded from the catalogue, its values kept."""
    with pytest.raises(SystemExit) as done:
        main(arguments)
    assert done.value.code == 2
    err = capsys.readouterr().err
    (full,) = [m for m in ARGPARSE_MSGIDS if msgid in m]
    pieces = [piece for piece in re.split(r"\{\w+\}", _spanish_of(full)) if piece.strip()]
    assert pieces and all(piece in err for piece in pieces) and value in err
    assert msgid.split("{")[0] not in err


ARGPARSE_MSGIDS = [msgid for _pattern, msgid in ARGPARSE_ERRORS]
