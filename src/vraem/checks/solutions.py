"""``solution("1.2")``: the worked solution, read from the solution notebook in ``solutions/``."""

from __future__ import annotations

import json

from ..contract import (
    BLOCK_MARKER_LINE,
    CHECK_CALL,
    ONE_LINE_MARKER_END,
    TAG_SOLUTION,
    lesson_number,
    tags_of,
)
from ..i18n import N_, _
from ..paths import CourseDataError, course_root
from .arguments import MISSING, example_id, exercise_named, safe_text

#: Lines of a solution cell that only the build needs.
_BUILD_MARKER, _SOLUTION_COMMENT = BLOCK_MARKER_LINE, ONE_LINE_MARKER_END


def solution(exercise_id: str = MISSING) -> None:
    """Print the worked solution of an exercise, from the solution notebook.

    ``solution("1.2")`` is for when you are done trying: the model answer
    teaches most after your own attempt.
    """
    try:
        _solution(exercise_id)
    except Exception:  # an argument of a kind nobody foresaw: say what to type, never a traceback
        print(
            _("solution() takes the exercise id in quotes, e.g. {call}.").format(
                call=f'solution("{example_id()}")'
            )
        )


def _solution(exercise_id) -> None:
    exercise = exercise_named(
        exercise_id, "solution", N_("Say which exercise's solution you want, e.g. {call}.")
    )
    if exercise is None:
        return
    try:
        code = solution_code(exercise.id)
    except (LookupError, CourseDataError, OSError, ValueError) as error:
        print(safe_text(error))
        return
    print(
        _("Worked solution for exercise {id} (from solutions/):").format(id=exercise.id)
        + f"\n\n{code}"
    )


def clean_solution(source: str) -> str:
    """Solution code as a learner should read it: without the build's markers.

    ``clean_solution("answer = 3  # SOLUTION")`` is ``"answer = 3"``; the
    ``### BEGIN SOLUTION`` and ``### END SOLUTION`` lines are dropped.
    """
    lines = [
        _SOLUTION_COMMENT.sub("", line)
        for line in source.splitlines()
        if not _BUILD_MARKER.match(line)
    ]
    return "\n".join(lines).strip("\n")


def solution_code(exercise_id: str) -> str:
    """Return the source of the solution cell(s) for an exercise, read from ``solutions/``."""
    folder = course_root() / "solutions"
    lesson = lesson_number(exercise_id)
    notebooks = sorted(folder.glob(f"{lesson:02d}-*.ipynb"))
    if not notebooks:
        raise LookupError(
            _(
                "No solution notebook for lesson {lesson} was found in {folder}. "
                "The solutions come with the course repository."
            ).format(lesson=f"{lesson:02d}", folder=folder)
        )
    try:
        cells = json.loads(notebooks[0].read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        raise LookupError(
            _("{path} cannot be read as a notebook. Restore it with {command}.").format(
                path=notebooks[0], command=f"`git checkout -- solutions/{notebooks[0].name}`"
            )
        ) from None
    for index, cell in enumerate(cells):
        calls = CHECK_CALL.finditer("".join(cell["source"])) if cell["cell_type"] == "code" else ()
        if any(call["id"] == exercise_id for call in calls):
            parts = []
            for before in reversed(cells[:index]):
                if TAG_SOLUTION not in tags_of(before):
                    break
                parts.insert(0, clean_solution("".join(before["source"])))
            if parts:
                return "\n\n".join(parts)
    raise LookupError(
        _("{name} has no solution cell before {call}.").format(
            name=notebooks[0].name, call=f'check("{exercise_id}", ...)'
        )
    )
