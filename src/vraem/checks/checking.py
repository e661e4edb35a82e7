"""``check("1.2", answer)``: print the verdict, note it in the progress file, never raise in a lesson.

Under the test suite (:data:`MODE_VARIABLE`) a wrong answer in a solution notebook, or
any answer in a lesson, raises :class:`CheckFailed`; in the class gradebook's sandbox
the answer is handed over as data instead of judged.
"""

from __future__ import annotations

import os

from ..answers import type_name
from ..contract import CHECK_MODE_VARIABLE, CORRECT, GRADEBOOK_VARIABLE, UNANSWERED, UNREADABLE
from ..exercises import all_exercises
from ..i18n import _
from ..progress import record
from .arguments import MISSING, example_id
from .judging import Feedback, evaluate

#: Set by the test suite (see vraem.contract.CHECK_MODE_VARIABLE).
MODE_VARIABLE = CHECK_MODE_VARIABLE


class CheckFailed(AssertionError):
    """Raised only under the test suite, when a notebook's answer is not what it should be."""


def check(exercise_id: str = MISSING, answer: object = MISSING) -> None:
    """Check an answer and print what to do next.

    ``check("1.2", answer)`` prints "✓ Exercise 1.2: correct" or says what to
    look at again, never the expected answer. ``answer = ...`` prints "not
    answered yet". In a lesson it never raises, whatever it is given, so
    "Run All" reaches the end.

    Parameters
    ----------
    exercise_id
        The id in the exercise heading, e.g. ``"1.2"``.
    answer
        Your answer; ``...`` means "not answered yet".

    Returns nothing (so the message is not shown twice); ``evaluate`` gives
    the same judgement as a :class:`Feedback` object.
    """
    if _handed_to_gradebook(exercise_id, answer):
        return
    if exercise_id is MISSING:
        feedback = Feedback(
            "?",
            UNREADABLE,
            _("say which exercise, then your answer: {call}.").format(
                call=f'check("{example_id()}", answer)'
            ),
        )
    else:
        try:
            feedback = evaluate(exercise_id, answer)
        except Exception as error:  # evaluate() answers everything; this is the last safety net
            feedback = Feedback(
                "?",
                UNREADABLE,
                _(
                    "this answer cannot be checked ({type}). Give it as the exercise asks: {call}."
                ).format(type=type_name(error), call=f'check("{example_id()}", answer)'),
            )
    print(feedback)
    if feedback.exercise_id in all_exercises():  # an unknown id is never written down
        record(feedback.exercise_id, feedback.status, feedback.misreading)
    mode = os.environ.get(MODE_VARIABLE, "")
    if mode == "solutions" and feedback.status != CORRECT:
        raise CheckFailed(_("solution notebook: {feedback}").format(feedback=feedback))
    if mode == "lessons" and feedback.status != UNANSWERED:
        raise CheckFailed(
            _("lesson notebook should leave exercises unanswered: {feedback}").format(
                feedback=feedback
            )
        )


# GRADEBOOK_VARIABLE is set only inside the class gradebook's sandbox: check() then hands the answer
# over as data and judges nothing; the gradebook judges it in its own process (vraem.handover).


def _handed_to_gradebook(exercise_id, answer) -> bool:
    """Under the class gradebook, hand the answer over instead of judging it; True if so."""
    if not os.environ.get(GRADEBOOK_VARIABLE):
        return False
    from ..handover import hand_over

    hand_over(
        None if exercise_id is MISSING else exercise_id,
        None if answer is MISSING else answer,
        missing=answer is MISSING,
    )
    return True
