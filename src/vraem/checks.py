"""Feedback for learners: ``check("1.2", answer)``, ``hint("1.2")``, ``solution("1.2")``."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass


from .answers import AnswerTypeError, Choice, Labels
from .exercises import Exercise, get
from .paths import DataNotFoundError, data_dir
from .progress import record

#: Set by the test suite: "solutions" makes every check demand a right answer,
#: "lessons" makes every check demand an unanswered stub. Unset for learners.
MODE_VARIABLE = "VRAEM_CHECK_MODE"

CORRECT, WRONG, UNANSWERED, UNREADABLE = "correct", "wrong", "unanswered", "unreadable"
_SYMBOLS = {CORRECT: "✓", WRONG: "✗", UNANSWERED: "…", UNREADABLE: "?"}


class CheckFailed(AssertionError):
    """Raised only under the test suite, when a notebook's answer is not what it should be."""


@dataclass(frozen=True)
class Feedback:
    """What :func:`check` says about one answer: a status and a sentence."""

    exercise_id: str
    status: str
    message: str
    #: The catalogued misreading the answer matched ("2.3#1"; "1.7#b" for a wrong option), if any.
    misreading: str | None = None

    def __str__(self) -> str:
        return f"{_SYMBOLS[self.status]} Exercise {self.exercise_id}: {self.message}"


def evaluate(exercise_id: str, answer: object) -> Feedback:
    """Judge an answer without printing: ``evaluate("1.2", 3).status``.

    Never raises: an unknown id, an answer of the wrong type or a broken data
    file each come back as a sentence in ``Feedback.message``.
    """
    exercise_id = str(exercise_id).strip()
    try:
        exercise = get(exercise_id)
    except KeyError as error:
        return Feedback(exercise_id, UNREADABLE, str(error.args[0]))
    if answer is ...:
        return Feedback(exercise_id, UNANSWERED,
                        "not answered yet. Replace the ... with your answer and run the cell again.")
    try:
        expected = exercise.expected()
    except (DataNotFoundError, ValueError, KeyError) as error:
        return Feedback(exercise_id, UNREADABLE, f"the answer key could not be worked out: {error}")
    try:
        value = exercise.answer.read(answer)
    except AnswerTypeError as error:
        return Feedback(exercise_id, UNREADABLE, f"this answer cannot be checked yet: {error}.")
    except Exception as error:  # an answer of a kind nobody foresaw must not stop the lesson
        return Feedback(exercise_id, UNREADABLE,
                        f"this answer ({type(answer).__name__}) cannot be read: {error}.")
    if exercise.answer.same(value, expected):
        return Feedback(exercise_id, CORRECT, "correct. Well done.")
    message, misreading = _wrong_answer_message(exercise, value, expected)
    return Feedback(exercise_id, WRONG, message, misreading)


def misreading_id(exercise: Exercise, number: int) -> str:
    """The id of an exercise's catalogued misreading, by its place in the list: ``"2.3#1"``."""
    return f"{exercise.id}#{number}"


def _wrong_answer_message(exercise: Exercise, value, expected) -> tuple[str, str | None]:
    for number, misreading in enumerate(exercise.misreadings, start=1):
        try:
            if misreading.matches(value, expected):
                return "not yet. " + misreading.feedback, misreading_id(exercise, number)
        except Exception:  # a misreading test that cannot apply to this answer
            continue
    if isinstance(exercise.answer, Choice):  # each wrong option says why it does not fit
        wrong = sorted(set(value) - set(expected)) if exercise.answer.multiple else [value]
        return (f"not yet. {exercise.answer.explain(value, expected)} Stuck? Run hint(\"{exercise.id}\").",
                f"{exercise.id}#{''.join(wrong) or 'missing'}")
    message = "not yet. " + exercise.look_again
    if isinstance(exercise.answer, Labels):  # name the ids to revisit, never the right labels
        wrong = exercise.answer.wrong_keys(value, expected)
        message += f" Look again at: {', '.join(wrong)}."
    return message + f' Stuck? Run hint("{exercise.id}").', None


def check(exercise_id: str, answer: object) -> None:
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
    feedback = evaluate(exercise_id, answer)
    print(feedback)
    record(feedback.exercise_id, feedback.status)
    _log_attempt(feedback)
    mode = os.environ.get(MODE_VARIABLE, "")
    if mode == "solutions" and feedback.status != CORRECT:
        raise CheckFailed(f"solution notebook: {feedback}")
    if mode == "lessons" and feedback.status != UNANSWERED:
        raise CheckFailed(f"lesson notebook should leave exercises unanswered: {feedback}")


#: Set by the class gradebook: check() appends one JSON line per attempt to this file.
ATTEMPT_LOG_VARIABLE = "VRAEM_ATTEMPT_LOG"


def _log_attempt(feedback: Feedback) -> None:
    path = os.environ.get(ATTEMPT_LOG_VARIABLE)
    if not path:
        return
    line = json.dumps({"exercise": feedback.exercise_id, "status": feedback.status,
                       "misreading": feedback.misreading, "message": feedback.message})
    try:
        with open(path, "a", encoding="utf-8") as log:
            log.write(line + "\n")
    except OSError:  # the gradebook then reports the exercise as not checked
        pass


_hints_shown: dict[str, int] = {}


def hint(exercise_id: str, number: int | None = None) -> None:
    """Print the next hint for an exercise: ``hint("1.2")``, again for the one after.

    ``hint("1.2", 1)`` shows a given hint again. Hints go from a nudge to
    nearly the method; they never give the answer itself.
    """
    try:
        exercise = get(exercise_id)
    except KeyError as error:
        print(error.args[0])
        return
    total = len(exercise.hints)
    if number is None:
        number = min(_hints_shown.get(exercise.id, 0) + 1, total)
    number = max(1, min(int(number), total))
    _hints_shown[exercise.id] = number
    more = f' Run hint("{exercise.id}") again for the next one.' if number < total else ""
    print(f"Hint {number} of {total} for exercise {exercise.id}: {exercise.hints[number - 1]}{more}")


def solution(exercise_id: str) -> None:
    """Print the worked solution of an exercise, from the solution notebook.

    ``solution("1.2")`` is for when you are done trying: the model answer
    teaches most after your own attempt.
    """
    exercise_id = str(exercise_id).strip()
    try:
        get(exercise_id)
        code = solution_code(exercise_id)
    except (KeyError, LookupError, DataNotFoundError) as error:
        print(error.args[0] if error.args else error)
        return
    print(f"Worked solution for exercise {exercise_id} (from solutions/):\n\n{code}")


def solution_code(exercise_id: str) -> str:
    """Return the source of the solution cell(s) for an exercise, read from ``solutions/``."""
    folder = data_dir().parent / "solutions"
    lesson = int(exercise_id.split(".")[0])
    notebooks = sorted(folder.glob(f"{lesson:02d}-*.ipynb"))
    if not notebooks:
        raise LookupError(f"No solution notebook for lesson {lesson:02d} was found in {folder}. "
                          "The solutions come with the course repository.")
    cells = json.loads(notebooks[0].read_text(encoding="utf-8"))["cells"]
    marker = f'check("{exercise_id}"'
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code" and marker in "".join(cell["source"]):
            parts = []
            for before in reversed(cells[:index]):
                if "solution" not in before.get("metadata", {}).get("tags", []):
                    break
                parts.insert(0, "".join(before["source"]))
            if parts:
                return "\n\n".join(parts)
    raise LookupError(f"{notebooks[0].name} has no solution cell before check(\"{exercise_id}\", ...).")


