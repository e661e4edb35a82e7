"""``hint("1.2")``: the exercise's hints one at a time, from a nudge to nearly the method, never the answer."""

from __future__ import annotations

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
            f"hint() takes the exercise id in quotes and, if you like, a hint number: "
            f'hint("{example_id()}") or hint("{example_id()}", 2).'
        )


def _hint(exercise_id, number) -> None:
    exercise = exercise_named(exercise_id, "hint", "which exercise you want a hint for")
    if exercise is None:
        return
    total = len(exercise.hints)
    if number is None:
        if _hints_shown.get(exercise.id, 0) >= total:  # every hint shown: say so, and what is left
            print(
                f"Exercise {exercise.id} has no more hints: hint {total} of {total} was the last "
                f'(hint("{exercise.id}", {total}) shows it again). When you are done trying, '
                f'solution("{exercise.id}") shows the worked solution.'
            )
            return
        number = _hints_shown.get(exercise.id, 0) + 1
    else:
        wanted = _whole_number(number)
        if wanted is None:
            print(
                f'The hint number is a whole number from 1 to {total}, e.g. hint("{exercise.id}", 2); '
                f'hint("{exercise.id}") alone shows the next one.'
            )
            return
        if not 1 <= wanted <= total:
            print(f"Exercise {exercise.id} has hints 1 to {total}; showing the nearest one.")
        number = max(1, min(wanted, total))
    _hints_shown[exercise.id] = max(number, _hints_shown.get(exercise.id, 0))
    more = (
        f' Run hint("{exercise.id}") again for the next one.'
        if number < total
        else f' That is the last hint; solution("{exercise.id}") shows the worked solution.'
    )
    print(
        f"Hint {number} of {total} for exercise {exercise.id}: {exercise.hints[number - 1]}{more}"
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
