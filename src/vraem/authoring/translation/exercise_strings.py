"""The exercises' own text for the ``vraem`` catalogue: ``exercise_strings()`` lists each string and where.

An exercise's title, its "look again" advice, its hints, each misreading's feedback and
summary, and a choice question's reason for each option are English strings built when the
lesson modules are imported (some formatted from the data), so the extractor of ``_()``
calls cannot see them. The checks show them through ``_()``; this walk hands the same
strings, exactly as built, to the catalogue, each with the exercises it comes from.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...answers import Choice
from ...contract import lesson_number
from ...exercises import Exercise, all_exercises


def _strings_of(exercise: Exercise) -> Iterator[tuple[str, str]]:
    """``(string, kind)`` for every string of one exercise a learner may be shown."""
    yield exercise.title, "title"
    yield exercise.look_again, "look_again"
    for number, hint in enumerate(exercise.hints, start=1):
        yield hint, f"hint {number}"
    for number, misreading in enumerate(exercise.misreadings, start=1):
        yield misreading.feedback, f"misreading {number}"
        if misreading.summary:
            yield misreading.summary, f"misreading {number} summary"
    if isinstance(exercise.answer, Choice):
        for letter, why_not in exercise.answer.why_not.items():
            yield why_not, f"why not ({letter})"


def exercise_strings() -> dict[str, list[str]]:
    """Every exercise string a learner may be shown, each once, with where it is used.

    ``{"Which scrapes print no date?": ["exercise 0.1: title"], ...}``, in the exercises'
    registration order.
    """
    found: dict[str, list[str]] = {}
    # In lesson order, whatever order the lesson modules happened to be imported in (a test or a
    # notebook that imports lesson 06 first registers its exercises first); stable within a lesson.
    exercises = sorted(all_exercises().values(), key=lambda exercise: lesson_number(exercise.id))
    for exercise in exercises:
        for text, kind in _strings_of(exercise):
            if text:
                found.setdefault(text, []).append(f"exercise {exercise.id}: {kind}")
    return found
