"""The register of checked exercises: one :class:`Exercise` per id, keyed like ``"3.2"``.

Each lesson's exercises live in their own module (``lesson03.py``). Expected
answers are functions of the data files, so a corrected data file corrects
the key with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import import_module
from typing import Any

from ..answers import AnswerType
from ..answers.reading_helpers import and_list
from ..contract import lesson_order
from ..datacache import remembered
from ..i18n import _

LESSON_MODULES = (
    "lesson00",
    "lesson01",
    "lesson02",
    "lesson03",
    "lesson04",
    "lesson05",
    "lesson06",
)


@dataclass(frozen=True)
class Misreading:
    """A known wrong answer, what it tells us and an example of it for the tests.

    ``matches(answer, expected)`` says whether a learner's (already read)
    answer shows this misreading; ``feedback`` says what to look at again,
    without the expected value; ``example(expected)`` builds such a wrong answer.
    """

    matches: Callable[[Any, Any], bool]
    feedback: str
    example: Callable[[Any], Any]
    #: For an answer of labels (a dictionary): the ids this misreading is about (or a function of the
    #: data giving them), so that feedback can speak of every wrong id, each once.
    about: tuple[str, ...] | Callable[[], Any] = ()
    #: What the misreading was, in a few words, for ``progress()``; the feedback's first sentence if empty.
    summary: str = ""

    def ids(self) -> set[str]:
        """The ids this misreading is about (``about``, worked out if it is a function)."""
        return set(self.about() if callable(self.about) else self.about)

    def in_words(self) -> str:
        """What this misreading was, in a few words: ``summary``, else the feedback's first sentence.

        Shown in the learner's language. A first sentence that only points ("Look again at C021.") says where, not what: a
        misreading about ids then reads "a wrong label for C021". The sentence is cut from
        the feedback as it is shown (translated), so a translated feedback gives a translated
        summary; whether it only points is decided on the English, which never changes.
        """
        if self.summary:
            return _(self.summary)
        english = re.split(r"(?<=[.?!])\s", self.feedback.strip(), maxsplit=1)[0]
        if english.startswith("Look again at") and (ids := self.ids()):
            named = [f"({key})" if len(key) == 1 else key for key in sorted(ids)]
            return _("a wrong label for {ids}").format(ids=and_list(named))
        first = re.split(r"(?<=[.?!])\s", _(self.feedback).strip(), maxsplit=1)[0]
        return first if len(first) <= 90 else first[:89].rstrip() + "…"


@dataclass(frozen=True)
class Exercise:
    """One checked exercise: its id, answer type, key, feedback and hints."""

    id: str
    title: str
    answer: AnswerType
    expected: Callable[[], Any]
    look_again: str
    hints: tuple[str, ...]
    misreadings: tuple[Misreading, ...] = field(default_factory=tuple)


REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the register; ids must be unique across the course."""
    if exercise.id in REGISTRY:
        raise ValueError(f"exercise {exercise.id} is registered twice")
    if not exercise.hints:
        raise ValueError(f"exercise {exercise.id} has no hints")
    # The key is worked out once, and again only after a data file it read changes.
    exercise = replace(exercise, expected=remembered(exercise.expected))
    REGISTRY[exercise.id] = exercise
    return exercise


def all_exercises() -> dict[str, Exercise]:
    """Return every registered exercise, keyed by id (loading the lesson modules once)."""
    for name in LESSON_MODULES:
        import_module(f"{__name__}.{name}")
    return dict(REGISTRY)


def get(exercise_id: str) -> Exercise:
    """Return the exercise registered under ``exercise_id`` (e.g. ``"1.3"``)."""
    exercises = all_exercises()
    key = str(exercise_id).strip()
    if key not in exercises:
        known = ", ".join(sorted(exercises, key=lesson_order))
        raise KeyError(
            _(
                'There is no exercise {id}. Exercise ids look like "1.2"; '
                "the registered ones are: {known}."
            ).format(id=repr(key), known=known)
        )
    return exercises[key]


def misreading_in_words(name: str, exercises: dict | None = None) -> str:
    """What a misreading id stands for, in words: ``"0.1#3"`` gives its feedback's first sentence.

    A wrong option of a choice question (``"1.3#b"``) reads "chose (b)"; an id the
    course no longer has is shown as it is.
    """
    exercises = all_exercises() if exercises is None else exercises
    exercise_id, _hash, which = name.partition("#")
    exercise = exercises.get(exercise_id)
    if exercise is None or not which:
        return name
    if which.isdigit():
        number = int(which)
        return (
            exercise.misreadings[number - 1].in_words()
            if 1 <= number <= len(exercise.misreadings)
            else name
        )
    if which == "missing":
        return _("left out an option that fits")
    options = getattr(exercise.answer, "options", {})
    if all(letter in options for letter in which):
        return _("chose {options}").format(options=and_list([f"({letter})" for letter in which]))
    return name
