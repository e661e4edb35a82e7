"""What a learner types as arguments: ``find_exercise("1.2")`` names the exercise or says what to type.

Shared by ``check``, ``hint`` and ``solution``, so an unknown id, an id of the wrong
type and a missing argument get the same sentence from each, and an error is told
in a short sentence, never a traceback.
"""

from __future__ import annotations

from ..answers import type_name
from ..contract import lesson_order
from ..exercises import Exercise, all_exercises, get
from ..i18n import _
from ..paths import CourseDataError

#: Stands for "no answer given" (``check("1.2")``), which differs from ``answer = ...``.
MISSING = object()


def example_id() -> str:
    """The first exercise id in lesson order, for the examples in messages ("0.1")."""
    return next(iter(sorted(all_exercises(), key=lesson_order)), "1.2")


def _call(function: str, exercise_id: str | None = None) -> str:
    """How to type a call, e.g. ``check("0.1", answer)``."""
    shown = exercise_id or example_id()
    return f'{function}("{shown}", answer)' if function == "check" else f'{function}("{shown}")'


def find_exercise(exercise_id, function: str = "check") -> tuple[str, Exercise | None, str | None]:
    """``(id text, exercise, None)`` for a registered id, else ``(shown id, None, sentence)``.

    The sentence says what to type, in the form ``function`` is called.
    """
    call = _call(function)
    if isinstance(exercise_id, bool) or not isinstance(exercise_id, str | int | float):
        return (
            "?",
            None,
            _(
                "give the exercise id as text in quotes, as in its heading: {call}; "
                "this id is of type {type}."
            ).format(call=call, type=type_name(exercise_id)),
        )
    try:
        text = str(exercise_id).strip()
    except Exception:
        return (
            "?",
            None,
            _(
                "this id cannot be read as text: give the exercise id as text in quotes, "
                "as in its heading: {call}."
            ).format(call=call),
        )
    if not 0 < len(text) <= 20:
        return (
            "?",
            None,
            _(
                "that is not an exercise id: give the exercise id as text in quotes, "
                "as in its heading: {call}."
            ).format(call=call),
        )
    try:
        return text, get(text), None
    except KeyError as error:
        return (
            text,
            None,
            _("{problem}. Type it as in {call}.").format(
                problem=str(error.args[0]).rstrip("."), call=call
            ),
        )


def data_sentence(error: CourseDataError) -> str:
    """What a learner is told when a course data file is damaged: the file and the fix, in a sentence."""
    return _(
        "this answer cannot be checked, because a course data file is damaged: {summary}"
    ).format(summary=error.summary)


def safe_text(error: BaseException) -> str:
    """An error as one short line of text (at most 300 characters); its type's name if it has none."""
    try:
        text = str(error)
    except Exception:
        text = ""
    text = " ".join(text.split())
    return (text[:300] + "…" if len(text) > 300 else text) or type_name(error)


def exercise_named(exercise_id, function: str, which: str) -> Exercise | None:
    """The exercise ``hint`` or ``solution`` was given; None once it has printed what to type instead.

    ``which`` is the whole sentence for a call with no id, marked with ``N_`` where it is
    written: "Say which exercise you want a hint for, e.g. {call}." (``{call}`` is the example).
    """
    if exercise_id is MISSING:
        print(_(which).format(call=f'{function}("{example_id()}")'))
        return None
    _shown, exercise, problem = find_exercise(exercise_id, function)
    if exercise is None:
        print(problem[0].upper() + problem[1:])
    return exercise
