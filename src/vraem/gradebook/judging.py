"""Judge what a notebook handed over, with the course's keys: ``attempts = judge(outcome, keys)``.

Each answer ``check()`` handed over in the sandbox is rebuilt here (:mod:`.answers`) and judged
by :func:`vraem.checks.evaluate` in the gradebook's own process, so no notebook can forge a
verdict. Which check counts when an exercise is checked more than once: :func:`counted`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks import evaluate
from ..contract import (
    CORRECT,
    ERROR,
    NOT_ANSWERED,
    SOLVED,
    STATUS_RANK,
    UNANSWERED,
    UNREADABLE,
    WRONG,
    WRONG_ANSWER,
)
from ..i18n import N_, _
from .answers import HandOverError, decode, shown
from .ingest import Submission
from .results import Outcome
from .said import Said

# What a cell of grades.csv can say (SOLVED, WRONG_ANSWER, ...) is the notebook contract's.
#: Which check counts: the best status; among equals, the latest.
_RANK = STATUS_RANK


@dataclass
class Attempt:
    """One check() a notebook made, judged here: which exercise, in which cell, with what result."""

    exercise: str
    status: str
    message: str
    misreading: str | None
    cell: int
    answer: str


@dataclass
class Graded:
    """A submission with what running it gave and the checks it made."""

    submission: Submission
    outcome: Outcome = field(default_factory=Outcome)
    attempts: list[Attempt] = field(default_factory=list)
    open_answers: dict[str, str] = field(default_factory=dict)

    @property
    def learner(self) -> str:
        """The learner whose submission this is."""
        return self.submission.learner

    def cell_errors(self) -> list[Said]:
        """Each error a cell raised, with its number: ``["cell 7: NameError: name 'x' is not defined"]``.

        English as attempts.csv stores them; ``said.shown(line)`` in the report's language. A
        learner's error name and message are values only: raising ``CellTimeout`` says nothing of
        a time limit (only the runner's ``stopped`` does).
        """
        lines = []
        for cell in self.outcome.cells:
            number, error, stopped = cell["cell"], cell.get("error"), cell.get("stopped")
            if stopped:
                seconds, why = cell["limit"], cell["garbled"]
                lines.append(Said(_STOPPED[stopped], cell=number, seconds=seconds, error=why))
            if error and error["message"]:
                lines.append(Said(_ERROR, cell=number, name=error["name"], text=error["message"]))
            elif error:
                lines.append(Said(N_("cell {cell}: {name}"), cell=number, name=error["name"]))
            if cell.get("restarted"):
                lines.append(Said(_GAVE_UP if cell.get("gave_up") else _RESTARTED, cell=number))
        return lines


_ERROR = N_("cell {cell}: {name}: {text}")
#: What the runner stopped a cell for, in words (``results.STOPPED``).
_STOPPED = {
    "timeout": N_("cell {cell}: stopped at the cell time limit ({seconds} s)"),
    "died": N_(
        "cell {cell}: the kernel stopped while running this cell (out of memory, or the code ended it)"
    ),
    "garbled": N_("cell {cell}: the kernel sent what the gradebook could not read ({error})"),
}
_RESTARTED = N_(
    "cell {cell}: the kernel no longer answered and was restarted; the cells before it that had "
    "run cleanly were run again"
)
_GAVE_UP = N_(
    "cell {cell}: the kernel no longer answered and was restarted; the rest of the notebook was "
    "given up"
)


def judge(outcome: Outcome, keys: dict) -> list[Attempt]:
    """Judge every answer a notebook handed over, here, with the course's keys."""
    attempts = []
    for cell in outcome.cells:
        for handed in cell["answers"]:
            attempt = _judge_one(handed, cell["cell"], keys)
            if attempt is not None:
                attempts.append(attempt)
    return attempts


def _judge_one(handed, cell: int, keys: dict) -> Attempt | None:
    if not isinstance(handed, dict):
        return None
    try:
        exercise_id = decode(handed.get("exercise"))
    except HandOverError:
        return None
    try:
        if "too_large" in handed:
            raise HandOverError(_("the answer was too large to hand over"))
        answer = decode(handed.get("answer"))
        feedback = (
            evaluate(exercise_id, keys=keys)
            if handed.get("missing") is True
            else evaluate(exercise_id, answer, keys=keys)
        )
        answer_text = (
            Said(N_("(no answer given)")) if handed.get("missing") is True else shown(answer)
        )
    except HandOverError as error:
        feedback = evaluate(exercise_id, ..., keys=keys)  # finds the exercise id, as check() would
        if feedback.status == UNANSWERED:
            feedback = type(feedback)(
                feedback.exercise_id,
                UNREADABLE,
                # feedback, like evaluate()'s, is written in the report's language
                _("the answer could not be handed over to the gradebook ({error}).").format(
                    error=error
                ),
            )
        answer_text = Said(N_("(not readable)"))
    return Attempt(
        feedback.exercise_id,
        feedback.status,
        feedback.message,
        feedback.misreading,
        cell,
        answer_text,
    )


def counted(attempts: list[Attempt]) -> Attempt:
    """The check that counts among several of one exercise: the best status, the latest among equals."""
    return max(enumerate(attempts), key=lambda pair: (_RANK.get(pair[1].status, 0), pair[0]))[1]


def outcome_word(attempt: Attempt | None, failed: bool) -> str:
    """A gradebook cell: solved, a misreading id, wrong, not answered, or error."""
    if attempt is None:
        return ERROR if failed else NOT_ANSWERED
    if attempt.status == CORRECT:
        return SOLVED
    if attempt.status == WRONG:
        return attempt.misreading or WRONG_ANSWER
    if attempt.status == UNANSWERED:
        return NOT_ANSWERED
    return ERROR
