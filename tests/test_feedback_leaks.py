"""Nothing a learner sees before solution() gives the answer away.

Over every exercise, everything the course shows about it before ``solution()``:
the exercise's own text in the lesson (its format example), its hints (and what
``hint()`` prints past the last one), its ``look_again``, every misreading's
feedback (and its words in ``progress()``), the feedback for each wrong option, and every message ``check`` prints
for answers built from the key (format slips of the key, odd answers, wrong
answers). Two rules:

- no message holds the key as it could be written (its ids, its number rounded
  any usual way), unless the learner typed those words themselves (the note on how
  a slip was read, "(read [1, 4] as the list [...])", repeats the learner's answer);
- nothing in a message that looks like an answer to copy (a text in quotes, a
  list, a dictionary, a distinctive number) is judged correct by the check.

Keys and accepted values are derived from the exercise specs, never typed in.

Both rules hold in each language the helpers speak (the ``language`` fixture): in Spanish
every text is the one a Spanish learner sees (the exercise's cell in ``lessons/es``, the
translated hints and feedback), and the key is looked for in its Spanish forms too (a
decimal comma, a month in Spanish).
"""

import contextlib
import functools
import io
import re

import nbformat
import pytest

from vraem.answers import Choice, Number
from vraem.checks import CORRECT, accepts, hint, judge
from vraem.checks import hints as hint_steps
from vraem.checks.judging import read_as_note
from vraem.contract import CHECKED_HEADING
from vraem.exercises import all_exercises
from vraem.i18n import _, current_language

from .conftest import REPO
from .slips import (
    ODD_ANSWERS,
    forms,
    literals,
    right_options,
    slips,
    spanish_forms,
    wrong_answers,
)

EXERCISES = all_exercises()


@functools.cache
def key_of(exercise_id):
    return EXERCISES[exercise_id].expected()


@functools.cache
def _exercise_cells(language: str = "en") -> dict[str, str]:
    """The text of each checked exercise's cell in lessons/, by id: what a learner reads first.

    In Spanish, the cell of ``lessons/es`` with the same cell id (the build keeps the ids).
    """
    found = {}
    for path in sorted((REPO / "lessons").glob("[0-9][0-9]-*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        if language != "en":
            translated = {
                cell.id: cell.source
                for cell in nbformat.read(
                    REPO / "lessons" / language / path.name, as_version=4
                ).cells
            }
        for cell in cells:
            heading = CHECKED_HEADING.match(cell.source)
            if cell.cell_type == "markdown" and heading:
                found[heading["id"]] = cell.source if language == "en" else translated[cell.id]
    return found


def _key_forms(key) -> set[str]:
    """The key as it could be written in a message in the current language."""
    return forms(key) | (spanish_forms(key) if current_language() == "es" else set())


#: A line of a choice question's option list, "- (b) ..." or "(b) ...": the question itself.
_OPTION_LINE = re.compile(r"^\s*(?:- )?\([a-z]\)\s", re.MULTILINE)


def _without_options(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not _OPTION_LINE.match(line))


def _printed(call) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        call()
    return out.getvalue()


def _shown(exercise) -> list[tuple[str, str, object]]:
    """Every text shown before solution(): (where it comes from, the text, the answer typed or None)."""
    key = key_of(exercise.id)
    shown = [
        (
            "the exercise's text in the lesson",
            _without_options(_exercise_cells(current_language())[exercise.id]),
            None,
        ),
        ("look_again", _(exercise.look_again), None),
    ]
    shown += [
        (f"hint {number}", _(text), None) for number, text in enumerate(exercise.hints, start=1)
    ]
    shown += [
        (f"misreading {number}", _(misreading.feedback), None)
        for number, misreading in enumerate(exercise.misreadings, start=1)
    ]
    shown += [
        (f"misreading {number} in progress()", misreading.in_words(), None)
        for number, misreading in enumerate(exercise.misreadings, start=1)
    ]
    if isinstance(exercise.answer, Choice):
        right = right_options(exercise, key)
        shown += [
            (f"why not ({letter})", _(text), None)
            for letter, text in exercise.answer.why_not.items()
            if letter not in right
        ]
    saved = dict(hint_steps._hints_shown)
    try:
        hint_steps._hints_shown.pop(exercise.id, None)
        printed = "".join(
            _printed(lambda: hint(exercise.id)) for _call in range(len(exercise.hints) + 1)
        )
    finally:
        hint_steps._hints_shown.clear()
        hint_steps._hints_shown.update(saved)
    shown.append(("hint() called past the last hint", printed, None))
    answers = (
        [answer for answer, _kind in slips(exercise, key)]
        + ODD_ANSWERS
        + wrong_answers(exercise, key)
    )
    for answer in answers:
        feedback = judge(exercise, answer, key)
        if feedback.status != CORRECT:  # how the learner's own answer was read is an echo, no leak
            message = feedback.message.replace(read_as_note(feedback.read_as), "", 1)
            shown.append((f"check with {_typed(answer)[:60]}", message, answer))
    return shown


def _typed(answer) -> str:
    """What the learner typed, as text (an echo of it in a message is no leak)."""
    try:
        return f"{answer!r} {answer!s}"
    except Exception:
        return ""


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_nothing_shown_before_solution_holds_the_key(exercise, language):
    """Does no hint, explanation, format message or example hold the key as it could be written?"""
    key = key_of(exercise.id)
    leaks = []
    for where, text, answer in _shown(exercise):
        typed = _typed(answer) if answer is not None else ""
        leaks += [
            f"{where}: {form!r} in {text!r}"
            for form in _key_forms(key)
            if form in text and form not in typed
        ]
    assert not leaks, "\n".join(leaks[:10])


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_no_example_shown_before_solution_is_a_right_answer(exercise, language):
    """Is every text in quotes, list, dictionary or distinctive number shown before solution()
    judged not correct (0.1's format message printed its key as the example)?"""
    key = key_of(exercise.id)
    numbers = isinstance(exercise.answer, Number)
    leaks = []
    for where, text, _answer in _shown(exercise):
        for candidate in literals(text, numbers, decimal_comma=language == "es"):
            if accepts(exercise, candidate, key):
                leaks.append(f"{where}: {candidate!r} is a right answer, in {text!r}")
    assert not leaks, "\n".join(leaks[:10])


def test_the_spanish_rule_catches_the_key_with_a_decimal_comma_or_a_spanish_month():
    """Would a Spanish message that wrote a number key with a decimal comma, or a date key
    with its month in Spanish, be caught? (the Spanish side of the rule can fail)"""
    number = next(e for e in EXERCISES.values() if isinstance(e.answer, Number))
    key = key_of(number.id)
    with_comma = f"{float(key):.2f}".replace(".", ",")
    assert with_comma in spanish_forms(key)
    assert any(
        accepts(number, candidate, key)
        for candidate in literals(f"la respuesta es {with_comma}", True, decimal_comma=True)
    )
    from datetime import date

    assert "5 de octubre de 2011" in spanish_forms((date(2011, 10, 5), date(2011, 10, 9)))


def test_the_spanish_run_speaks_spanish(language):
    """Is the catalogue filled for the feedback path, so that the Spanish runs above are Spanish?"""
    feedback = judge(EXERCISES["0.1"], ..., key_of("0.1"))
    said = str(feedback) + _(EXERCISES["0.1"].hints[0])
    english = ("Exercise 0.1", EXERCISES["0.1"].hints[0])
    assert all((text in said) == (language == "en") for text in english), said


def test_the_rule_catches_a_format_example_that_is_the_key(monkeypatch):
    """Would a format message that prints the key as its example be caught? (the rule can fail)"""
    exercise = EXERCISES["0.1"]
    key = key_of("0.1")
    example = "[" + ", ".join(f'"{item}"' for item in sorted(key)) + "]"
    assert any(
        accepts(exercise, candidate, key)
        for candidate in literals(f"give the ids as a list, e.g. {example}", numbers=False)
    )


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_accepts_agrees_with_the_check(exercise):
    """Does the cheap test above (accepts) say "right" exactly when check() does, on the key's slips?"""
    key = key_of(exercise.id)
    for answer in [answer for answer, _kind in slips(exercise, key)] + wrong_answers(exercise, key)[
        :3
    ]:
        assert accepts(exercise, answer, key) == (judge(exercise, answer, key).status == CORRECT), (
            answer
        )


@functools.cache
def _format_lessons() -> list[tuple[str, str]]:
    """The text cells outside any exercise that show how answers are typed and how the check reads
    them (lesson 00's "How exercises work"): ``(where, text)``."""
    found = []
    for path in sorted((REPO / "lessons").glob("[0-9][0-9]-*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
            if (
                cell.cell_type == "markdown"
                and not cell.source.startswith("### Exercise")
                and "check(" in cell.source
                and "correct" in cell.source
            ):
                found.append((f"{path.name} cell {number}", cell.source))
    return found


def test_the_course_explains_answer_formats_somewhere():
    """Does the test below find lesson 00's explanation of how answers are read?"""
    assert any(where.startswith("00-") and "read" in text for where, text in _format_lessons())


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_no_format_example_outside_the_exercises_is_a_right_answer(exercise):
    """Is no example in the course's own explanation of answer formats a right answer to some
    exercise (lesson 00 showed a number slip with the key of 4.4 as its example)? A lone option letter
    ("b") is not counted: every multiple-choice key is one."""
    key = key_of(exercise.id)
    numbers = isinstance(exercise.answer, Number)
    leaks = [
        f"{where}: {candidate!r}"
        for where, text in _format_lessons()
        for candidate in literals(text, numbers)
        if not (isinstance(candidate, str) and len(candidate.strip()) <= 1)
        and accepts(exercise, candidate, key)
    ]
    assert not leaks, f"examples that are right answers to {exercise.id}: {leaks}"
