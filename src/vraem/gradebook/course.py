"""The course's open exercises as the gradebook reads them: ``open_exercises("es")["2.a"].rubric``.

An open exercise is found by its tag (``open-exercise``) and its cell id, never by the words
of its heading: the Spanish lessons have the same cell ids, tags and exercise ids as the
English ones and other words, so a class that handed in either edition is read alike. The
exercise id ("2.a") is the one written in the English heading of the same cell; the title and
rubric are read from the solutions of the language the report is written in
(``solutions/`` or ``solutions/es/``); the answer cell as handed out (its placeholder text) is
the cell after the heading, in every language.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..contract import OPEN_HEADING, TAG_OPEN_EXERCISE, tags_of
from ..i18n import DEFAULT, LANGUAGES
from ..paths import CourseDataError, course_root

#: How the English source opens an open exercise's rubric: the paragraph the rubric starts at.
#: A translation keeps the paragraphs (a test checks its structure), so the rubric of any
#: language starts at the same paragraph.
RUBRIC_OPENS = "**Rubric.**"
#: A rubric's opening label in any language ("**Rubric.**", "**Rúbrica.**"), which the report shows itself.
_LABEL = re.compile(r"^\*\*[^*\n]+\*\*\s*")


@dataclass(frozen=True)
class OpenExercise:
    """One open exercise of the course: its id, its heading cell's id, title and rubric in one language."""

    id: str
    cell: str
    title: str
    rubric: str


def solutions_folder(language: str = DEFAULT) -> Path:
    """Where the solutions of ``language`` are: ``solutions/`` for English, ``solutions/es/`` for Spanish."""
    folder = course_root() / "solutions"
    return folder if language == DEFAULT else folder / language


def _open_cells(language: str) -> dict[str, tuple[str, str]]:
    """Each open exercise's heading cell in ``language``'s solutions: ``{cell id: (heading, answer cell)}``."""
    found = {}
    for path in sorted(solutions_folder(language).glob("[0-9][0-9]-*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue  # the report then shows the exercise without its rubric
        for index, cell in enumerate(cells):
            if TAG_OPEN_EXERCISE in tags_of(cell) and isinstance(cell.get("id"), str):
                after = cells[index + 1] if index + 1 < len(cells) else {}
                found[cell["id"]] = (_source(cell), _source(after))
    return found


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _rubric(english: str, text: str) -> str:
    """The rubric of ``text``: its paragraphs from the one where the English cell's rubric starts."""
    paragraphs = english.split("\n\n")
    start = next((i for i, p in enumerate(paragraphs) if p.startswith(RUBRIC_OPENS)), None)
    if start is None:
        return ""
    return _LABEL.sub("", "\n\n".join(text.split("\n\n")[start:]), count=1).strip()


@functools.cache
def open_exercises(language: str = DEFAULT) -> dict[str, OpenExercise]:
    """Every open exercise, keyed by id, with its title and rubric in ``language`` (English where missing)."""
    try:
        english = _open_cells(DEFAULT)
        shown = english if language == DEFAULT else _open_cells(language)
    except CourseDataError:  # no course folder: the report shows ids without titles or rubrics
        return {}
    found = {}
    for cell_id, (heading_cell, _) in english.items():
        heading = OPEN_HEADING.search(heading_cell)
        if heading is None:
            continue
        text = shown.get(cell_id, (heading_cell, ""))[0]
        in_language = OPEN_HEADING.search(text)
        title = (in_language or heading)["title"] or ""
        found[heading["id"]] = OpenExercise(
            heading["id"], cell_id, title.strip(), _rubric(heading_cell, text)
        )
    return found


def exercise_of_cell() -> dict[str, str]:
    """Which open exercise each heading cell is, by cell id: ``{"l02-124": "2.a"}``."""
    return {exercise.cell: exercise.id for exercise in open_exercises().values()}


@functools.cache
def placeholders() -> frozenset[str]:
    """The answer cells' text as handed out, in every language: an answer that is only this is blank."""
    found = set()
    for language in LANGUAGES:
        try:
            found |= {answer.strip() for _, answer in _open_cells(language).values()}
        except CourseDataError:
            continue
    return frozenset(text for text in found if text)


def is_blank(answer: str) -> bool:
    """Whether an open answer says nothing: empty, or the handed-out placeholder in any language."""
    text = answer.strip()
    for placeholder in placeholders():
        text = text.replace(placeholder, "")
    return not text.strip()
