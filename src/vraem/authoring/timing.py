"""How long a lesson takes, from what it asks of a learner: ``lesson_time(notebook, "05-militarization-vs-development")``.

Every time the course states (a lesson's header, each exercise's heading, the README's
lesson table, the instructor notes) comes from this model; :mod:`vraem.authoring.stated_times`
writes them and ``tests/test_timing.py`` fails when one parts from the model by more than
15 %. A time typed by hand came out short three times; a model of the work does not drift.

**What it counts.** Only what a learner sees and does, read from the solution notebook:
cells tagged ``instructor`` are left out (except an open exercise's model answer, which
sets how much the learner is asked to write).

- *Prose*: the words of every Markdown cell, read at :attr:`Rates.reading_wpm`. Text a
  cell asks the learner to read elsewhere (an article printed in full, sections of the
  codebook) is named in the cell's metadata, ``"vraem_timing": {"reads": [...]}``, and
  its words are counted from the data files, never typed in: ``"article:004"`` is that
  article's body, ``"data/codebook.md#`frame`"`` the codebook section whose heading starts so.
- *Code to read and run*: each code cell costs :attr:`Rates.cell_minutes` (run it, look at
  the table or chart it shows) plus :attr:`Rates.code_line_minutes` per non-blank line read.
- *A checked exercise*: :attr:`Rates.exercise_minutes` (try, read the feedback, try again)
  plus :attr:`Rates.solution_line_minutes` per line of the model solution the learner has to
  write, plus its prompt as prose and any code cell inside it.
- *An open exercise*: its prompt and rubric as prose, plus the model answer's words written
  at :attr:`Rates.writing_wpm`.

**The rates, and why.** The learner the course is written for knows a little Python and
no pandas, and reads English carefully, often as a second language. So: prose at 130 words
a minute, about half a fluent reader's pace, because the text must be understood well
enough to act on, with tables and outputs to look back at; a code cell costs half a minute
to run and look at what it shows, and each line 6 seconds to read, since most lines hold a
pandas or Altair idea met recently; a checked exercise costs 3 minutes of trying and reading
feedback, plus 36 seconds for each line of the model solution, to work out and type; an
open answer is drafted at 12 words a minute, from the data and the rubric.

**Calibration.** Three lessons were walked by a self-learner with a little Python, in
JupyterLab, before their open exercises (issue 17): lesson 04 took 80-100 minutes, lesson 05
110-130 and lesson 06 90-110, on the texts of commit 7f64d89. :data:`CALIBRATION` records
what this module counts in those three texts (``python tools/calibrate_timing.py`` recounts
them from git, with today's reading notes) and ``tests/test_timing.py`` checks that the model
puts each inside its measured range. The rates were first set by the reasoning above; the
reading pace and the per-line rates were then moved within what that reasoning allows until
all three walks fell inside their ranges: 86, 122 and 99 minutes. Three walks do not pin five
rates down (other combinations fit as well), so the rates are a reasoned choice that the walks
confirm, not a fit. Open exercises were not walked: the writing rate is reasoned, not measured.

**Class and alone.** A Markdown cell tagged ``after-class`` (the divider "## After class")
ends a lesson's *in-class* part: every cell after it, up to the key points, is *after class*.
The model times the in-class part at the same self-learner pace (no class was measured: an
instructor unblocks learners faster, and discussion takes time). *Working alone* is the whole
lesson, both parts, rounded to 5 minutes as it is stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..contract import (
    BEGIN_SOLUTION,
    END_SOLUTION,
    EXERCISE_NAMED,
    TAG_AFTER_CLASS,
    TAG_CHECK,
    TAG_EXERCISE,
    TAG_INSTRUCTOR,
    TAG_KEYPOINTS,
    TAG_OPEN_EXERCISE,
    TAG_SOLUTION,
    tags_of,
)

#: A word, as the model counts them: "8,000", "VRAEM's" and "`pd.concat`" are one word each.
WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][\w'’.,%/()-]*")
SECTION = re.compile(r"^## (\d+)\. ", re.MULTILINE)


@dataclass(frozen=True)
class Rates:
    """The model's rates; see the module's docstring for the reasoning behind each."""

    reading_wpm: float = 130.0  # words of prose read a minute
    cell_minutes: float = 0.5  # to run a code cell and look at what it shows
    code_line_minutes: float = 0.1  # to read one line of code (6 seconds)
    exercise_minutes: float = 3.0  # to try a checked exercise and read its feedback
    solution_line_minutes: float = 0.6  # to work out and type one line of a solution (36 seconds)
    writing_wpm: float = 12.0  # words of an open answer drafted a minute


RATES = Rates()

#: What the model counts in the three walked lessons (commit 7f64d89), and the walks' minutes.
#: ``python tools/calibrate_timing.py`` recounts these from git; the test checks the model's
#: minutes for each fall inside the walk's range.
CALIBRATION = {
    "04-figures-across-dates": {
        "walked": (80, 100),
        "counts": dict(words=3227, cells=30, code_lines=129, exercises=7, solution_lines=21),
    },
    "05-militarization-vs-development": {
        "walked": (110, 130),
        "counts": dict(words=5717, cells=40, code_lines=181, exercises=9, solution_lines=22),
    },
    "06-capstone": {
        "walked": (90, 110),
        "counts": dict(words=3545, cells=38, code_lines=169, exercises=5, solution_lines=35),
    },
}


@dataclass
class Counts:
    """What one part of a lesson asks of a learner, in the units the rates apply to."""

    words: int = 0
    cells: int = 0
    code_lines: int = 0
    exercises: int = 0
    solution_lines: int = 0
    written_words: int = 0

    def add(self, other: Counts) -> None:
        """Add another part's counts to these, unit by unit."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def minutes(self, rates: Rates = RATES) -> float:
        """The minutes these counts take at ``rates``: each unit times its rate, added up."""
        return (
            self.words / rates.reading_wpm
            + self.cells * rates.cell_minutes
            + self.code_lines * rates.code_line_minutes
            + self.exercises * rates.exercise_minutes
            + self.solution_lines * rates.solution_line_minutes
            + self.written_words / rates.writing_wpm
        )


@dataclass
class Part:
    """A section's reading and examples, or one exercise, with what it asks and whether it is after class."""

    kind: str  # "teaching", "exercise" or "open exercise"
    name: str  # "3" (section 3), "3.2" (exercise 3.2), "0" (header and setup), "key points"
    section: str  # the section it belongs to: "0", "1", …, "key points"
    after_class: bool
    counts: Counts = field(default_factory=Counts)

    def minutes(self, rates: Rates = RATES) -> float:
        """The minutes this part takes at ``rates``."""
        return self.counts.minutes(rates)


@dataclass
class LessonTime:
    """A lesson's parts and the minutes the model gives them."""

    name: str
    parts: list[Part]
    rates: Rates = RATES

    def _sum(self, kinds, after_class=None) -> float:
        return sum(
            part.minutes(self.rates)
            for part in self.parts
            if part.kind in kinds and (after_class is None or part.after_class == after_class)
        )

    @property
    def teaching(self) -> int:
        """Minutes of reading and examples in class."""
        return round(self._sum(("teaching",), after_class=False))

    @property
    def exercises(self) -> int:
        """Minutes of exercises, checked and open, in class."""
        return round(self._sum(("exercise", "open exercise"), after_class=False))

    @property
    def in_class(self) -> int:
        """Minutes in class: reading and examples plus exercises, each rounded first."""
        return self.teaching + self.exercises

    @property
    def after_class(self) -> int:
        """Minutes of reading, examples and exercises after class."""
        return round(self._sum(("teaching", "exercise", "open exercise"), after_class=True))

    @property
    def alone(self) -> int:
        """Minutes for a self-learner doing the whole lesson, rounded to 5 as it is stated."""
        return 5 * round(self._sum(("teaching", "exercise", "open exercise")) / 5)

    @property
    def alone_before_open_exercises(self) -> float:
        """The whole lesson without its open exercises: what the walks of issue 17 measured."""
        return self._sum(("teaching", "exercise"))

    def exercise(self, exercise_id: str) -> Part:
        """The exercise, checked or open, with this id: ``timed.exercise("4.2")``."""
        return next(
            part for part in self.parts if part.kind != "teaching" and part.name == exercise_id
        )

    def section_minutes(self, section: str) -> tuple[float, list[Part]]:
        """A section's reading minutes and its exercises."""
        teaching = sum(
            part.minutes(self.rates)
            for part in self.parts
            if part.kind == "teaching" and part.section == section
        )
        return teaching, [
            part for part in self.parts if part.kind != "teaching" and part.section == section
        ]

    def section_after_class(self, section: str) -> bool:
        """Say whether a section is wholly after class (False for a section with no parts)."""
        parts = [part for part in self.parts if part.section == section]
        return bool(parts) and all(part.after_class for part in parts)


def words(text: str) -> int:
    """How many words the model counts in a text: ``words("Read 8,000 `pd.concat` calls.") == 4``."""
    return len(WORD.findall(text))


def _code_lines(source: str, solution: bool = False) -> int:
    lines = [line for line in source.splitlines() if line.strip()]
    if solution:  # the markers are not the learner's work
        lines = [line for line in lines if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION)]
    return len(lines)


def _tags(cell) -> list[str]:
    return list(tags_of(cell))


def reading_words(reference: str, root: Path | None = None) -> int:
    """Words of a text a cell asks the learner to read: ``reading_words("article:004")``.

    ``"article:NNN"`` is the article's body as the course parses it; ``"path#Heading"`` is
    the section of a Markdown file (relative to the course folder) whose ``## `` heading
    starts with ``Heading``, up to the next ``## `` heading.
    """
    if reference.startswith("article:"):
        from ..corpus import load_article

        return words(load_article(reference.split(":", 1)[1]).text)
    path, _, heading = reference.partition("#")
    from ..paths import course_root

    base = root or course_root()
    text = (base / path).read_text(encoding="utf-8")
    if not heading:
        return words(text)
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    found = [section for section in sections[1:] if section.startswith(heading)]
    if len(found) != 1:
        raise ValueError(f"{reference!r}: {len(found)} sections of {path} start with {heading!r}")
    return words(found[0].split("\n", 1)[1] if "\n" in found[0] else "")


def lesson_time(
    notebook, name: str = "", rates: Rates = RATES, root: Path | None = None
) -> LessonTime:
    """Time a solution notebook (a path or a notebook): what each part asks, and its minutes."""
    if not hasattr(notebook, "cells"):
        name = name or Path(notebook).stem
        notebook = nbformat.read(notebook, as_version=4)
    cells = notebook.cells
    parts: list[Part] = []
    section, after = "0", False
    teaching = Part("teaching", section, section, False)
    parts.append(teaching)
    block: Part | None = None  # the exercise being read, until its check (or the next heading)

    def start_teaching(new_section: str) -> Part:
        part = Part("teaching", new_section, new_section, after)
        parts.append(part)
        return part

    for index, cell in enumerate(cells):
        tags = _tags(cell)
        source = cell.get("source", "")
        if TAG_INSTRUCTOR in tags:
            continue
        heading = SECTION.search(source) if cell.cell_type == "markdown" else None
        if cell.cell_type == "markdown" and (
            TAG_KEYPOINTS in tags or heading or TAG_AFTER_CLASS in tags
        ):
            block = None
            if TAG_KEYPOINTS in tags:
                section, after = "key points", False
            elif TAG_AFTER_CLASS in tags:
                section, after = (
                    "after class",
                    True,
                )  # the divider's own words, until the next section
            if heading and TAG_KEYPOINTS not in tags:
                section = heading[1]
            teaching = start_teaching(section)
        if TAG_EXERCISE in tags or TAG_OPEN_EXERCISE in tags:
            found = EXERCISE_NAMED.search(source)
            kind = "exercise" if TAG_EXERCISE in tags else "open exercise"
            block = Part(kind, found[1] if found else f"cell {index + 1}", section, after)
            parts.append(block)
            if kind == "exercise":
                block.counts.exercises += 1
            else:
                block.counts.written_words += _model_answer_words(cells, index)
        elif cell.cell_type == "markdown" and block is not None and source.lstrip().startswith("#"):
            block = None  # a new heading ends the exercise
        target = block if block is not None else teaching
        counts = target.counts
        for reference in cell.get("metadata", {}).get("vraem_timing", {}).get("reads", []):
            counts.words += reading_words(reference, root)
        if cell.cell_type == "markdown":
            if (
                block is not None
                and block.kind == "open exercise"
                and TAG_OPEN_EXERCISE not in tags
            ):
                continue  # the answer cell under an open exercise: the learner writes there
            counts.words += words(source)
        elif TAG_SOLUTION in tags:
            counts.solution_lines += _code_lines(source, solution=True)
        elif TAG_CHECK in tags:
            if block is not None and block.kind == "exercise":
                block = None  # the check closes the exercise
        else:
            counts.cells += 1
            counts.code_lines += _code_lines(source)
    return LessonTime(name, parts, rates)


def _model_answer_words(cells, index: int) -> int:
    """Words of the model answer that follows an open exercise (in an instructor cell)."""
    for cell in cells[index + 1 : index + 4]:
        if TAG_INSTRUCTOR in _tags(cell) and "Model answer" in cell.get("source", ""):
            return words(cell["source"])
    return 0


def course_times(root: Path | None = None, rates: Rates = RATES) -> dict[str, LessonTime]:
    """Every lesson of ``solutions/`` timed: ``course_times()["05-militarization-vs-development"].in_class``."""
    from ..paths import course_root

    base = root or course_root()
    return {
        path.stem: lesson_time(path, path.stem, rates, base)
        for path in sorted((base / "solutions").glob("[0-9][0-9]-*.ipynb"))
    }
