"""The class gradebook on a synthetic class the test builds: every failure kind reported, nothing changed."""

import hashlib
import json
import os
import time
import zipfile

import nbformat
import pandas as pd
import pytest

from vraem.exercises import all_exercises
from vraem.gradebook import ERROR, NOT_ANSWERED, SOLVED, collect, grade, learner_name, lesson_of

from .conftest import REPO

LESSON = REPO / "lessons" / "00-start-here.ipynb"
SOLUTION = REPO / "solutions" / "00-start-here.ipynb"


def _notebook(path=LESSON):
    return nbformat.read(path, as_version=4)


def _with_answer(code: str):
    """Lesson 00 with the exercise's stub replaced by ``code``."""
    notebook = _notebook()
    for cell in notebook.cells:
        if "solution" in cell.metadata.get("tags", []):
            cell.source = code
    return notebook


def _add_cell(notebook, code, where=2):
    notebook.cells.insert(where, nbformat.v4.new_code_cell(code))
    return notebook


def _write(path, notebook, age=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    if age:
        stamp = time.time() - age
        os.utime(path, (stamp, stamp))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Build a class of right, wrong, half-done, broken and looping notebooks, and grade it once."""
    root = tmp_path_factory.mktemp("class")
    folder = root / "submissions"
    misreading = all_exercises()["0.1"].misreadings[1]
    expected = all_exercises()["0.1"].expected()
    _write(folder / "alice" / "00-start-here.ipynb", _notebook(SOLUTION))
    _write(folder / "bob" / "00-start-here.ipynb", _notebook())  # handed in untouched
    half = _notebook(SOLUTION)  # the first exercise answered, the second left as the lesson gives it
    last_solution = [c for c in half.cells if "solution" in c.metadata.get("tags", [])][-1]
    last_solution.source = "answer = ..."
    _write(folder / "hana" / "00-start-here.ipynb", half)
    _write(folder / "carol" / "00-start-here.ipynb", _with_answer(f"answer = {sorted(misreading.example(expected))!r}"))
    (folder / "dave").mkdir(parents=True)
    (folder / "dave" / "00-start-here.ipynb").write_text("{ this is not json", encoding="utf-8")
    _write(folder / "erin" / "00-start-here.ipynb", _add_cell(_notebook(SOLUTION), "while True:\n    pass"))
    vandal = ("import glob, os\nfor name in glob.glob('*'):\n    os.remove(name)\n"
              "from vraem.paths import data_dir\n"
              "try:\n    (data_dir() / 'claims.csv').write_text('gone')\nexcept OSError as e:\n    print('refused', e)")
    _write(folder / "frank" / "00-start-here.ipynb", _add_cell(_notebook(SOLUTION), vandal))
    _write(folder / "gina" / "old.ipynb", _with_answer(f"answer = {sorted(misreading.example(expected))!r}"), age=3600)
    _write(folder / "gina" / "00-start-here.ipynb", _notebook(SOLUTION))
    duplicated = _notebook(SOLUTION)
    check_cell = next(c for c in duplicated.cells if "check" in c.metadata.get("tags", []))
    duplicated.cells.append(nbformat.v4.new_code_cell(check_cell.source))
    _write(folder / "hank" / "00-start-here.ipynb", duplicated)
    _write(folder / "ivan" / "00-start-here.ipynb",
           _add_cell(_notebook(SOLUTION), 'from vraem import check\ncheck("0.9", 1)', where=len(_notebook(SOLUTION).cells)))
    export = root / "export.zip"
    with zipfile.ZipFile(export, "w") as bundle:
        bundle.writestr("jane_4711_00-start-here.ipynb", nbformat.writes(_notebook(SOLUTION)))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}
    data_before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "data").rglob("*") if p.is_file()}
    out = root / "out"
    summary = grade([folder, export], out, pattern=r"^(?P<learner>[a-z]+)_\d+_", cell_limit=8,
                    notebook_limit=60)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file() and out not in p.parents}
    data_after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "data").rglob("*") if p.is_file()}
    return {"out": out, "summary": summary, "unchanged": before == after and data_before == data_after,
            "grades": pd.read_csv(out / "grades.csv", dtype=str).set_index("learner"),
            "attempts": pd.read_csv(out / "attempts.csv", dtype=str, keep_default_na=False),
            "report": (out / "report.html").read_text(encoding="utf-8")}


def test_nothing_submitted_or_in_the_course_data_is_changed(graded):
    """Are the submissions and data/ byte for byte as before, even after a notebook deleted files?"""
    assert graded["unchanged"]


def test_each_learner_gets_the_outcome_of_their_last_check(graded):
    """Right → solved, untouched → not answered, a catalogued wrong answer → its misreading id."""
    grades = graded["grades"]
    assert grades.loc["alice", "0.1"] == SOLVED
    assert grades.loc["bob", "0.1"] == NOT_ANSWERED
    assert grades.loc["hana", "0.1"] == SOLVED and grades.loc["hana", "0.2"] == NOT_ANSWERED
    assert grades.loc["carol", "0.1"] == "0.1#2"
    assert grades.loc["jane", "0.1"] == SOLVED  # named from the platform's file name, inside a zip


def test_a_broken_notebook_and_an_endless_loop_are_reported_and_the_run_goes_on(graded):
    """Do a non-JSON notebook and a looping cell each get a line, while the others are graded?"""
    report, grades = graded["report"], graded["grades"]
    assert "dave" in report and "not a readable notebook" in report
    assert "erin" in report and "time limit" in report
    assert grades.loc["erin", "0.1"] in (SOLVED, ERROR)
    assert grades.loc["frank", "0.1"] == SOLVED  # deleting its working folder harmed nobody else


def test_two_submissions_from_one_learner_newest_wins_both_listed(graded):
    """Does the newer of two notebooks count, with the older listed as replaced?"""
    assert graded["grades"].loc["gina", "0.1"] == SOLVED
    assert "old.ipynb" in graded["report"] and "replaced by" in graded["report"]


def test_duplicated_and_unknown_exercise_cells_are_reported(graded):
    """Do a duplicated check cell and an id from another course version each get a line?"""
    report = graded["report"]
    assert "hank" in report and "checked 2 times" in report
    assert "ivan" in report and "0.9" in report and "unknown exercise ids" in report


def test_attempts_keep_the_feedback_each_learner_saw(graded):
    """Does the long table hold, per learner and exercise, the misreading id and its feedback?"""
    attempts = graded["attempts"]
    carol = attempts[attempts["learner"] == "carol"].iloc[0]
    assert carol["misreading"] == "0.1#2"
    assert all_exercises()["0.1"].misreadings[1].feedback in carol["feedback"]


def test_the_report_has_charts_with_descriptions_and_no_scripts(graded):
    """Is the report static, with inline SVG charts whose text alternative is their description?"""
    report = graded["report"]
    assert "<svg" in report and 'role="img" aria-label="Bar chart of lesson 00' in report
    assert "<script" not in report and "http://" not in report.split("<svg", 1)[0]
    assert "Misreadings, commonest first" in report


def test_learner_names_come_from_folders_files_or_a_pattern(tmp_path):
    """Is a learner named by folder, by file name, or by a platform's pattern?"""
    path = tmp_path / "maria" / "02-claims-and-sources.ipynb"
    assert learner_name(path, tmp_path, "folder", None) == "maria"
    assert learner_name(tmp_path / "pedro_02-claims.ipynb", tmp_path, "file", None) == "pedro"
    assert learner_name(tmp_path / "x9_123_a.ipynb", tmp_path, "file", r"^(?P<learner>\w+?)_\d+_") == "x9"


def test_a_notebook_names_its_lesson_by_the_exercises_it_checks():
    """Is the lesson read from the check() calls, so a renamed file still counts?"""
    assert lesson_of(json.loads(LESSON.read_text(encoding="utf-8"))) == 0
    assert lesson_of({"cells": []}) is None


def test_unreadable_sources_are_listed(tmp_path):
    """Are a broken zip and a stray file listed, not fatal?"""
    (tmp_path / "bad.zip").write_text("no zip", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    submissions, problems = collect([tmp_path / "bad.zip", tmp_path / "notes.txt"], tmp_path / "work")
    assert submissions == [] and len(problems) == 2


def test_a_runner_that_cannot_start_is_a_reported_problem(tmp_path, monkeypatch):
    """If the notebook runner itself fails, is that a problem line, not a silent 'not answered'?"""
    from vraem import gradebook

    monkeypatch.setattr(gradebook, "RUNNER", tmp_path / "missing_runner.py")
    folder = tmp_path / "class" / "zoe"
    _write(folder / "00-start-here.ipynb", _notebook(SOLUTION))
    grade([tmp_path / "class"], tmp_path / "out", notebook_limit=60)
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "could not be run" in report
    assert pd.read_csv(tmp_path / "out" / "grades.csv", dtype=str).set_index("learner").loc["zoe", "0.1"] == ERROR
