"""The shape of every lesson: header, exercises with checks, key points, clean storage."""

import re

import nbformat
import pytest

from vraem.contract import (
    BEGIN_SOLUTION,
    CHECK_CALL,
    CHECKED_HEADING,
    ONE_LINE_SOLUTION,
    TAG_CHECK,
    TAG_EXERCISE,
    TAG_INSTRUCTOR,
    TAG_KEYPOINTS,
    TAG_LESSON_HEADER,
    TAG_OPEN_EXERCISE,
    TAG_SETUP,
    TAG_SOLUTION,
    lesson_number,
)
from vraem.exercises import all_exercises

from .conftest import REPO

SOLUTIONS = sorted((REPO / "solutions").glob("[0-9][0-9]-*.ipynb"))
ALL_NOTEBOOKS = SOLUTIONS + sorted((REPO / "lessons").glob("*.ipynb"))


def _tags(cell):
    return cell.metadata.get("tags", [])


def _read(path):
    return nbformat.read(path, as_version=4)


def test_there_are_lessons():
    """Is there at least lesson 00 in solutions/?"""
    assert SOLUTIONS and SOLUTIONS[0].name.startswith("00-")


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_lesson_opens_with_title_summary_time_questions_objectives(path):
    """Does the first cell give the title, a summary, the time, questions and objectives?"""
    first, second = _read(path).cells[:2]
    assert TAG_LESSON_HEADER in _tags(first)
    number = path.name[:2]
    lines = [line for line in first.source.splitlines() if line.strip()]
    assert lines[0].startswith(f"# {number} · ")
    assert not lines[1].startswith(("**", "#", "-")), "the second line should be a one-line summary"
    assert re.search(r"\*\*Time:\*\* \d+ min teaching · \d+ min exercises", first.source)
    assert "**Questions**" in first.source and "**Objectives**" in first.source
    assert TAG_SETUP in _tags(second) and second.cell_type == "code"


@pytest.mark.parametrize(
    "path", [p for p in SOLUTIONS if not p.name.startswith("00-")], ids=lambda p: p.stem
)
def test_teaching_lessons_fit_a_class_and_have_enough_exercises(path):
    """Do lessons 01+ take 45–75 minutes, with 4+ checked and 1+ open exercises with model answers?"""
    notebook = _read(path)
    minutes = [
        int(n) for n in re.findall(r"(\d+) min (?:teaching|exercises)", notebook.cells[0].source)
    ]
    assert 45 <= sum(minutes) <= 75
    checked = [cell for cell in notebook.cells if TAG_EXERCISE in _tags(cell)]
    assert len(checked) >= 4
    cells = notebook.cells
    opens = [i for i, cell in enumerate(cells) if TAG_OPEN_EXERCISE in _tags(cell)]
    assert opens, "no open exercise"
    for index in opens:
        assert "Rubric" in cells[index].source
        following = cells[index + 1 : index + 4]
        assert any(
            TAG_INSTRUCTOR in _tags(cell) and "Model answer" in cell.source for cell in following
        )


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_lesson_ends_with_key_points_and_the_next_lesson(path):
    """Does the last cell list key points and point to what comes next?"""
    last = _read(path).cells[-1]
    assert TAG_KEYPOINTS in _tags(last)
    assert "## Key points" in last.source and "**Next:**" in last.source


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_exercise_is_followed_by_its_own_check(path):
    """Is each exercise heading followed by solution cells and a check with the same id?"""
    cells = _read(path).cells
    for index, cell in enumerate(cells):
        if TAG_EXERCISE not in _tags(cell):
            continue
        heading = CHECKED_HEADING.search(cell.source)
        assert heading, (
            f"{path.name} cell {index + 1}: heading must read '### Exercise N.M · Title (X min)'"
        )
        assert lesson_number(heading["id"]) == int(path.name[:2])
        rest = cells[index + 1 :]
        check_at = next(i for i, c in enumerate(rest) if TAG_CHECK in _tags(c))
        assert CHECK_CALL.search(rest[check_at].source)["id"] == heading["id"]
        assert any(TAG_SOLUTION in _tags(c) for c in rest[:check_at])


def test_exercise_ids_are_unique_and_registered():
    """Is every exercise id used once in the course and known to check()?"""
    ids = [
        CHECK_CALL.search(cell.source)["id"]
        for path in SOLUTIONS
        for cell in _read(path).cells
        if TAG_CHECK in _tags(cell)
    ]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(all_exercises())


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebooks_are_stored_without_outputs(path):
    """Are outputs and execution counts stripped (the tests run the notebooks instead)?"""
    for number, cell in enumerate(_read(path).cells, start=1):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} cell {number}"


@pytest.mark.parametrize("path", sorted((REPO / "lessons").glob("*.ipynb")), ids=lambda p: p.stem)
def test_lessons_hold_no_solutions_or_instructor_notes(path):
    """Do learner notebooks keep only stubs, with no model answers?"""
    text = path.read_text(encoding="utf-8")
    assert ONE_LINE_SOLUTION not in text and BEGIN_SOLUTION.lstrip("# ") not in text
    assert "Model answer" not in text and f'"{TAG_INSTRUCTOR}"' not in text


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_markdown_images_have_alt_text(path):
    """Does every image in the text carry a description?"""
    for cell in _read(path).cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"!\[\s*\]\(", cell.source)


def test_the_readme_lists_every_lesson():
    """Does the README's lesson table name each lesson file?"""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in SOLUTIONS:
        assert path.stem in readme, f"README does not list {path.stem}"


def test_instructor_notes_exist_for_every_lesson():
    """Is there an instructor note for each lesson?"""
    for path in SOLUTIONS:
        assert (REPO / "instructors" / f"{path.stem}.md").is_file(), (
            f"no instructors/{path.stem}.md"
        )


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_setup_cell_imports_progress(path):
    """Does each lesson's setup cell import progress(), as the README promises?"""
    setup = next(cell for cell in _read(path).cells if TAG_SETUP in _tags(cell))
    assert re.search(r"\bprogress\b", setup.source)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_open_exercise_answer_cells_say_how_to_edit_them(path):
    """Does the answer cell under each open exercise tell a newcomer how to type into it?"""
    cells = _read(path).cells
    for index, cell in enumerate(cells):
        if TAG_OPEN_EXERCISE in _tags(cell):
            answer = cells[index + 1]
            assert answer.cell_type == "markdown" and "double-click" in answer.source.lower(), (
                path.name
            )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_text_that_introduces_a_cell_stands_right_above_it(path):
    """Is each text cell that ends with a colon ("Article 003, from 2020:") followed by the cell it
    introduces, not by another paragraph (lesson 00 put the glossary between a question and its quote)?"""
    cells = _read(path).cells
    for index, cell in enumerate(cells[:-1]):
        if cell.cell_type == "markdown" and cell.source.rstrip().endswith(":"):
            following = cells[index + 1]
            assert following.cell_type == "code" and TAG_INSTRUCTOR not in _tags(following), (
                f"{path.name} cell {index + 1} ends with a colon but is followed by "
                f"{following.cell_type}: {cell.source.strip()[-80:]!r}"
            )
