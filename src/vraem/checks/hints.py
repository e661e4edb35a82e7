"""``hint("1.2")``: the exercise's hints one at a time, from a nudge to nearly the method, never the answer."""

from __future__ import annotations

from ..i18n import N_, _
from .arguments import MISSING, example_id, exercise_named

_hints_shown: dict[str, int] = {}


def hint(exercise_id: str = MISSING, number: int | None = None) -> None:
    """Print the next hint for an exercise: ``hint("1.2")``, again for the one after.

    ``hint("1.2", 1)`` shows a given hint again. Hints go from a nudge to
    nearly the method; they never give the answer itself.
    """
    try:
        _hint(exercise_id, number)
    except Exception:  # arguments of a kind nobody foresaw: say what to type, never a traceback
        print(
            _(
                "hint() takes the exercise id in quotes and, if you like, a hint number: "
                "{next} or {numbered}."
            ).format(next=f'hint("{example_id()}")', numbered=f'hint("{example_id()}", 2)')
        )


def _hint(exercise_id, number) -> None:
    exercise = exercise_named(
        exercise_id, "hint", N_("Say which exercise you want a hint for, e.g. {call}.")
    )
    if exercise is None:
        return
    total = len(exercise.hints)
    if number is None:
        if _hints_shown.get(exercise.id, 0) >= total:  # every hint shown: say so, and what is left
            print(
                _(
                    "Exercise {id} has no more hints: hint {total} of {total} was the last "
                    "({again} shows it again). When you are done trying, {solution} shows the "
                    "worked solution."
                ).format(
                    id=exercise.id,
                    total=total,
                    again=f'hint("{exercise.id}", {total})',
                    solution=f'solution("{exercise.id}")',
                )
            )
            return
        number = _hints_shown.get(exercise.id, 0) + 1
    else:
        wanted = _whole_number(number)
        if wanted is None:
            print(
                _(
                    "The hint number is a whole number from 1 to {total}, e.g. {numbered}; "
                    "{next} alone shows the next one."
                ).format(
                    total=total,
                    numbered=f'hint("{exercise.id}", 2)',
                    next=f'hint("{exercise.id}")',
                )
            )
            return
        if not 1 <= wanted <= total:
            print(
                _("Exercise {id} has hints 1 to {total}; showing the nearest one.").format(
                    id=exercise.id, total=total
                )
            )
        number = max(1, min(wanted, total))
    _hints_shown[exercise.id] = max(number, _hints_shown.get(exercise.id, 0))
    more = (
        _("Run {call} again for the next one.").format(call=f'hint("{exercise.id}")')
        if number < total
        else _("That is the last hint; {call} shows the worked solution.").format(
            call=f'solution("{exercise.id}")'
        )
    )
    print(
        _("Hint {number} of {total} for exercise {id}: {hint} {more}").format(
            number=number,
            total=total,
            id=exercise.id,
            hint=_(exercise.hints[number - 1]),
            more=more,
        )
    )


def _whole_number(number) -> int | None:
    if isinstance(number, bool):
        return None
    if isinstance(number, int):
        return number
    if isinstance(number, float) and number.is_integer():
        return int(number)
    if type(number) is str and number.strip().isdigit() and len(number.strip()) < 6:
        return int(number.strip())
    return None
