"""Every helper the course tells a learner to use is at hand in every lesson it is told in.

The advice is read from the course itself, never listed here:

- lesson 00's table of "the course helpers" that "the first code cell of every lesson
  loads" (a row marked "(lesson 02)" from that lesson on);
- any text cell of any lesson that says to keep a helper at hand "in every lesson" (its
  prose, not a table in it);
- the messages the helpers print in any lesson (``Run doctor() …``, ``hint("1.2")``);
- a lesson's own text cells, and its exercises' hints and feedback, for that lesson.

A helper is at hand when the lesson's setup cell imports or defines it: the cells
between are not run by a learner who jumps to an exercise after a restart.
"""

import ast
import re

import nbformat
import pytest

import vraem
from vraem.contract import TAG_SETUP, lesson_number
from vraem.exercises import all_exercises

from .conftest import REPO

LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]-*.ipynb"))
#: The course's helpers: what ``from vraem import …`` offers a learner.
HELPERS = {name for name in vraem.__all__ if callable(getattr(vraem, name)) and name[0].islower()}
CALLED = re.compile(r"\b([a-z_][a-z0-9_]*)\(")
#: Modules (or packages: all their modules) whose messages a learner meets in every lesson.
EVERYWHERE = ("checks", "progress", "answers")


def _number(path) -> int:
    return int(path.name[:2])


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _helpers_in(text: str) -> set[str]:
    return {name for name in CALLED.findall(text) if name in HELPERS}


def _messages(module: str) -> str:
    """The string constants of a module or package that are not docstrings: what it can print."""
    path = REPO / "src" / "vraem" / module
    files = sorted(path.glob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    return "\n".join(_strings_of(file) for file in files)


def _strings_of(file) -> str:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return "\n".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    )


def advised() -> dict[int, dict[str, str]]:
    """For each lesson number, the helpers the course tells a learner to use there, and where it says so."""
    lessons = [_number(path) for path in LESSONS]
    wanted: dict[int, dict[str, str]] = {number: {} for number in lessons}

    def want(names, since, why, only=None):
        for number in lessons:
            if number >= since and (only is None or number == only):
                for name in names:
                    wanted[number].setdefault(name, why)

    for cell in _cells(LESSONS[0]):
        if cell.cell_type == "markdown" and "first code cell of every lesson" in cell.source:
            for row in (line for line in cell.source.splitlines() if line.startswith("|")):
                since = re.search(r"\(lesson (\d\d)\)", row)
                want(
                    _helpers_in(row), int(since[1]) if since else 0, "lesson 00's table of helpers"
                )
    for path in LESSONS:
        for cell in _cells(path):
            if cell.cell_type != "markdown":
                continue
            prose = "\n".join(line for line in cell.source.splitlines() if not line.startswith("|"))
            if (
                "every lesson" in prose
            ):  # "… `glossary()` lists every term. Keep it at hand in every lesson."
                want(_helpers_in(prose), 0, f'{path.name}: a paragraph that says "every lesson"')
            want(_helpers_in(prose), 0, f"{path.name}'s text", only=_number(path))
    for module in EVERYWHERE:
        want(_helpers_in(_messages(module)), 0, f"a message of {module}")
    for exercise_id, exercise in all_exercises().items():
        told = " ".join(
            [
                *exercise.hints,
                exercise.look_again,
                *(m.feedback for m in exercise.misreadings),
                *getattr(exercise.answer, "why_not", {}).values(),
            ]
        )
        want(
            _helpers_in(told),
            0,
            f"exercise {exercise_id}'s hints and feedback",
            only=lesson_number(exercise_id),
        )
    return wanted


def at_hand(path) -> set[str]:
    """The names the lesson's setup cell imports or defines."""
    setup = next(cell for cell in _cells(path) if TAG_SETUP in cell.metadata.get("tags", []))
    names = set()
    for node in ast.walk(ast.parse(setup.source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def test_the_advice_is_found():
    """Does the reader of the advice find lesson 00's table and the glossary's "every lesson"?"""
    wanted = advised()
    assert {"check", "hint", "solution", "progress", "quote"} <= set(wanted[0])
    assert "glossary" in wanted[max(wanted)], (
        "lesson 00 says to keep glossary() at hand in every lesson"
    )
    assert "doctor" in wanted[max(wanted)], (
        "check() tells learners to run doctor() when the data is damaged"
    )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_advised_helper_is_imported_by_the_setup_cell(path):
    """Does the setup cell provide every helper the course tells a learner to use in this lesson
    (glossary() raised NameError in lessons 01-06)?"""
    wanted = advised()[_number(path)]
    missing = {name: why for name, why in wanted.items() if name not in at_hand(path)}
    assert not missing, f"{path.name}'s setup cell lacks: {missing}"
