"""Judging an answer without printing: ``evaluate("1.2", answer)`` gives a :class:`Feedback`.

The order of the judgement: the answer's format first (what to type instead, or how a
slip was read), then whether it is right, then an answer outside what the exercise is
about, then a number rounded too far, then the feedback for a wrong answer
(:mod:`vraem.checks.wrong_answers`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..answers import AnswerTypeError, read_answer, type_name
from ..contract import CORRECT, UNANSWERED, UNREADABLE, WRONG
from ..exercises import Exercise
from ..i18n import _
from ..paths import CourseDataError
from .arguments import MISSING, data_sentence, find_exercise, safe_text
from .wrong_answers import stuck_sentence, wrong_answer_message

_SYMBOLS = {CORRECT: "✓", WRONG: "✗", UNANSWERED: "…", UNREADABLE: "?"}


@dataclass(frozen=True)
class Feedback:
    """What :func:`check` says about one answer: a status and a sentence."""

    exercise_id: str
    status: str
    message: str
    #: The catalogued misreading the answer matched ("2.3#1"; "1.3#b" for a wrong option), if any.
    misreading: str | None = None
    #: How slips in the answer were read ('"19" as the number 19'), as the message says them.
    read_as: tuple[str, ...] = ()

    def __str__(self) -> str:
        """The result as one line: its symbol, the exercise and the message."""
        return _("{symbol} Exercise {id}: {message}").format(
            symbol=_SYMBOLS[self.status], id=self.exercise_id, message=self.message
        )


def evaluate(exercise_id: str, answer: object = MISSING, *, keys: dict | None = None) -> Feedback:
    """Judge an answer without printing: ``evaluate("1.2", 3).status``.

    Never raises: an unknown id, an answer of the wrong type or a broken data
    file each come back as a sentence in ``Feedback.message``. The order:
    the format of the answer first (what to type instead, or how a slip was
    read), then whether it is right, then an answer outside what the exercise
    is about, then a number rounded too far, then the known misreadings, then
    the exercise's general advice.

    ``keys`` (a dictionary, empty at first) keeps each key once worked out, for
    a caller that judges many answers with the same data (the class gradebook).
    """
    shown, exercise, problem = find_exercise(exercise_id)
    if exercise is None:
        return Feedback(shown, UNREADABLE, problem)
    if answer is MISSING:
        return Feedback(
            shown,
            UNREADABLE,
            _("no answer was given: put it after the id, as in {call}.").format(
                call=f'check("{shown}", answer)'
            ),
        )
    if answer is ...:
        return Feedback(
            shown,
            UNANSWERED,
            _("not answered yet. Replace the ... with your answer and run the cell again."),
        )
    try:
        expected = _key(exercise, keys)
    except CourseDataError as error:
        return Feedback(shown, UNREADABLE, data_sentence(error))
    except (
        Exception
    ) as error:  # the key is a function of the data: name what broke, never a traceback
        return Feedback(
            shown,
            UNREADABLE,
            _(
                "the answer key could not be worked out ({type}: {error}). "
                "Run doctor() to check the course data."
            ).format(type=type_name(error), error=safe_text(error)),
        )
    return judge(exercise, answer, expected)


def judge(exercise: Exercise, answer: object, expected: object) -> Feedback:
    """Judge ``answer`` against a key already worked out: what :func:`evaluate` does once it has the key.

    The tests call it to try many answers on one exercise without working out the key each time.
    """
    shown = exercise.id
    try:
        value, notes = read_answer(exercise.answer, answer)
    except AnswerTypeError as error:
        return Feedback(
            shown,
            UNREADABLE,
            _("this answer cannot be checked yet: {problem}.").format(problem=safe_text(error)),
        )
    except CourseDataError as error:
        return Feedback(shown, UNREADABLE, data_sentence(error))
    except Exception as error:  # an answer of a kind nobody foresaw must not stop the lesson
        return Feedback(
            shown,
            UNREADABLE,
            _(
                "this answer ({type}) cannot be read ({error}). "
                "Give it in the form the exercise asks for; {call} shows how."
            ).format(type=type_name(answer), error=safe_text(error), call=f'hint("{shown}")'),
        )
    try:
        return _judge(exercise, value, expected, notes)
    except CourseDataError as error:
        return Feedback(shown, UNREADABLE, data_sentence(error))


def _key(exercise: Exercise, keys: dict | None):
    """The exercise's key: worked out each time, or once per ``keys`` dictionary (a copy each time)."""
    if keys is None:
        return exercise.expected()
    if exercise.id not in keys:
        keys[exercise.id] = exercise.expected()
    return copy.deepcopy(keys[exercise.id])


def accepts(exercise: Exercise, answer: object, expected: object) -> bool:
    """Whether the check judges ``answer`` right against the key ``expected``, without any feedback.

    The same reading and comparison as :func:`judge`, and cheap: no misreading is tried.
    An answer that cannot be read is not right.
    """
    try:
        answer_type = exercise.answer
        value, _notes = read_answer(answer_type, answer)
        value, _notes = answer_type.align(value, expected)
        if answer_type.incomplete(value, expected):
            return False
        return bool(answer_type.same(value, expected))
    except Exception:  # an answer the check cannot read is not a right one
        return False


def read_as_note(notes) -> str:
    """How slips were read, as a bracket after the verdict: ' (read "19" as the number 19)'."""
    return " " + _("(read {notes})").format(notes="; ".join(notes)) if notes else ""


def _judge(exercise: Exercise, value, expected, notes=()) -> Feedback:
    answer_type = exercise.answer
    value, aligned = answer_type.align(
        value, expected
    )  # ids in the key's capitals: a slip, read with a note
    notes = (*notes, *aligned)
    read_as = read_as_note(notes)

    def said(status, message, misreading=None):
        return Feedback(exercise.id, status, message, misreading, tuple(notes))

    if gap := answer_type.incomplete(value, expected):
        return said(
            UNREADABLE,
            _("this answer cannot be checked yet{read_as}: {gap}.").format(
                read_as=read_as, gap=gap
            ),
        )
    if answer_type.same(value, expected):
        return said(CORRECT, _("correct{read_as}. Well done.").format(read_as=read_as))
    not_yet = _("not yet{read_as}.").format(read_as=read_as)
    if outside := answer_type.out_of_range(value):
        return said(WRONG, f"{not_yet} {outside} {stuck_sentence(exercise)}")
    if rounded := answer_type.rounded(value, expected):
        return said(WRONG, f"{not_yet} {rounded}")
    message, misreading = wrong_answer_message(exercise, value, expected)
    return said(WRONG, f"{not_yet} {message}", misreading)
