"""Feedback for learners: ``check("1.2", answer)``, ``hint("1.2")``, ``solution("1.2")``.

None of the three ever raises in a lesson, whatever it is given: a missing or
unknown id, a missing answer, an answer of a kind nobody foresaw, a damaged
data file each come back as a sentence that says what to type or do.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass

from .answers import AnswerTypeError, read_answer, type_name
from .contract import (
    BLOCK_MARKER_LINE,
    CHECK_CALL,
    CHECK_MODE_VARIABLE,
    CORRECT,
    GRADEBOOK_VARIABLE,
    ONE_LINE_MARKER_END,
    TAG_SOLUTION,
    UNANSWERED,
    UNREADABLE,
    WRONG,
    lesson_number,
    lesson_order,
    tags_of,
)
from .exercises import Exercise, Misreading, all_exercises, get
from .paths import CourseDataError, course_root
from .progress import record

#: Set by the test suite (see vraem.contract.CHECK_MODE_VARIABLE).
MODE_VARIABLE = CHECK_MODE_VARIABLE

_SYMBOLS = {CORRECT: "✓", WRONG: "✗", UNANSWERED: "…", UNREADABLE: "?"}
#: Stands for "no answer given" (``check("1.2")``), which differs from ``answer = ...``.
_MISSING = object()
#: Lines of a solution cell that only the build needs.
_BUILD_MARKER, _SOLUTION_COMMENT = BLOCK_MARKER_LINE, ONE_LINE_MARKER_END


class CheckFailed(AssertionError):
    """Raised only under the test suite, when a notebook's answer is not what it should be."""


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
        return f"{_SYMBOLS[self.status]} Exercise {self.exercise_id}: {self.message}"


def _example_id() -> str:
    return next(iter(sorted(all_exercises(), key=lesson_order)), "1.2")


def _call(function: str, exercise_id: str | None = None) -> str:
    """How to type a call, e.g. ``check("0.1", answer)``."""
    shown = exercise_id or _example_id()
    return f'{function}("{shown}", answer)' if function == "check" else f'{function}("{shown}")'


def _find(exercise_id, function: str = "check") -> tuple[str, Exercise | None, str | None]:
    """``(id text, exercise, None)`` for a registered id, else ``(shown id, None, sentence)``.

    The sentence says what to type, in the form ``function`` is called.
    """
    typed = f"give the exercise id as text in quotes, as in its heading: {_call(function)}"
    if isinstance(exercise_id, bool) or not isinstance(exercise_id, str | int | float):
        return "?", None, f"{typed}; this id is of type {type_name(exercise_id)}."
    try:
        text = str(exercise_id).strip()
    except Exception:
        return "?", None, f"this id cannot be read as text: {typed}."
    if not 0 < len(text) <= 20:
        return "?", None, f"that is not an exercise id: {typed}."
    try:
        return text, get(text), None
    except KeyError as error:
        return text, None, f"{str(error.args[0]).rstrip('.')}. Type it as in {_call(function)}."


def _data_sentence(error: CourseDataError) -> str:
    return f"this answer cannot be checked, because a course data file is damaged: {error.summary}"


def evaluate(exercise_id: str, answer: object = _MISSING, *, keys: dict | None = None) -> Feedback:
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
    shown, exercise, problem = _find(exercise_id)
    if exercise is None:
        return Feedback(shown, UNREADABLE, problem)
    if answer is _MISSING:
        return Feedback(
            shown,
            UNREADABLE,
            f'no answer was given: put it after the id, as in check("{shown}", answer).',
        )
    if answer is ...:
        return Feedback(
            shown,
            UNANSWERED,
            "not answered yet. Replace the ... with your answer and run the cell again.",
        )
    try:
        expected = _key(exercise, keys)
    except CourseDataError as error:
        return Feedback(shown, UNREADABLE, _data_sentence(error))
    except (
        Exception
    ) as error:  # the key is a function of the data: name what broke, never a traceback
        return Feedback(
            shown,
            UNREADABLE,
            f"the answer key could not be worked out ({type_name(error)}: "
            f"{_safe_text(error)}). Run doctor() to check the course data.",
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
            shown, UNREADABLE, f"this answer cannot be checked yet: {_safe_text(error)}."
        )
    except CourseDataError as error:
        return Feedback(shown, UNREADABLE, _data_sentence(error))
    except Exception as error:  # an answer of a kind nobody foresaw must not stop the lesson
        return Feedback(
            shown,
            UNREADABLE,
            f"this answer ({type_name(answer)}) cannot be read ({_safe_text(error)}). "
            f'Give it in the form the exercise asks for; hint("{shown}") shows how.',
        )
    try:
        return _judge(exercise, value, expected, notes)
    except CourseDataError as error:
        return Feedback(shown, UNREADABLE, _data_sentence(error))


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
        value, _ = read_answer(answer_type, answer)
        value, _ = answer_type.align(value, expected)
        if answer_type.incomplete(value, expected):
            return False
        return bool(answer_type.same(value, expected))
    except Exception:  # an answer the check cannot read is not a right one
        return False


def _read_as(notes) -> str:
    """How slips were read, as a bracket after the verdict: ' (read "19" as the number 19)'."""
    return f" (read {'; '.join(notes)})" if notes else ""


def _judge(exercise: Exercise, value, expected, notes=()) -> Feedback:
    answer_type = exercise.answer
    value, aligned = answer_type.align(
        value, expected
    )  # ids in the key's capitals: a slip, read with a note
    notes = (*notes, *aligned)
    read_as = _read_as(notes)

    def said(status, message, misreading=None):
        return Feedback(exercise.id, status, message, misreading, tuple(notes))

    if gap := answer_type.incomplete(value, expected):
        return said(UNREADABLE, f"this answer cannot be checked yet{read_as}: {gap}.")
    if answer_type.same(value, expected):
        return said(CORRECT, f"correct{read_as}. Well done.")
    stuck = f'Stuck? Run hint("{exercise.id}").'
    if outside := answer_type.out_of_range(value):
        return said(WRONG, f"not yet{read_as}. {outside} {stuck}")
    if rounded := answer_type.rounded(value, expected):
        return said(WRONG, f"not yet{read_as}. {rounded}")
    message, misreading = _wrong_answer_message(exercise, value, expected)
    return said(WRONG, f"not yet{read_as}. {message}", misreading)


def _safe_text(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:
        text = ""
    text = " ".join(text.split())
    return (text[:300] + "…" if len(text) > 300 else text) or type_name(error)


def _explanation(exercise: Exercise, value, expected) -> str:
    """What an answer type says about a wrong answer, or "" for answer types that cannot explain.

    A Choice says why each option does not fit; a brief, which sections do not hold yet.
    """
    try:
        return str(exercise.answer.explain(value, expected))
    except Exception:  # an explanation is a help, never a reason to fail the check
        return ""


def misreading_id(exercise: Exercise, number: int) -> str:
    """The id of an exercise's catalogued misreading, by its place in the list: ``"2.3#1"``."""
    return f"{exercise.id}#{number}"


def _chosen_wrongly(exercise: Exercise, value, expected) -> str | None:
    """For a choice question, the id of the wrong option(s) chosen ("1.3#b"), else None."""
    chosen = exercise.answer.wrong_choice(value, expected)
    return None if chosen is None else f"{exercise.id}#{chosen}"


def _matching(exercise: Exercise, value, expected) -> list[tuple[int, Misreading]]:
    """The catalogued misreadings an answer shows, with their numbers, in catalogue order."""
    found = []
    for number, misreading in enumerate(exercise.misreadings, start=1):
        try:
            if misreading.matches(value, expected):
                found.append((number, misreading))
        except CourseDataError:
            raise
        except Exception:  # a misreading test that cannot apply to this answer
            continue
    return found


def _wrong_answer_message(exercise: Exercise, value, expected) -> tuple[str, str | None]:
    """The feedback for a wrong answer (after "not yet."), and the id of the misreading it matched (if any).

    An answer of labels gets a sentence for every wrong id: the misreadings written for its ids,
    then "Look again at: …" for the wrong ids no misreading speaks of. Other answers get the
    first misreading that matches.
    """
    explanation = _explanation(exercise, value, expected)
    matching = _matching(exercise, value, expected)
    stuck = f'Stuck? Run hint("{exercise.id}").'
    if exercise.answer.by_key:
        return _labels_message(exercise, value, expected, matching, stuck)
    if matching:
        number, misreading = matching[0]
        return " ".join([misreading.feedback, explanation]).rstrip(), misreading_id(
            exercise, number
        )
    if explanation:
        return f"{explanation} {stuck}", _chosen_wrongly(exercise, value, expected)
    return f"{exercise.look_again} {stuck}", None


def _labels_message(exercise, value, expected, matching, stuck) -> tuple[str, str | None]:
    """Every wrong id of a labels answer, each once: its misreading's sentence, or its name."""
    wrong = exercise.answer.wrong_keys(value, expected)
    spoken_of, sentences = set(), []
    for _, misreading in matching:
        about = misreading.ids()
        if about and about <= spoken_of:
            continue  # that id has its sentence already
        spoken_of |= about
        named = [key for key in wrong if key in about and key not in misreading.feedback]
        # a sentence that does not name its ids ("Look again at the share of coca") is told which
        sentences.append(
            f"{' and '.join(named)}: {misreading.feedback}" if named else misreading.feedback
        )
    rest = [key for key in wrong if key not in spoken_of]
    if not sentences:
        sentences.append(exercise.look_again)
    if rest:
        sentences.append(f"Look again at: {', '.join(rest)}.")
    first = misreading_id(exercise, matching[0][0]) if matching else None
    return " ".join([*sentences, stuck]), first


def check(exercise_id: str = _MISSING, answer: object = _MISSING) -> None:
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
    if exercise_id is _MISSING:
        feedback = Feedback(
            "?",
            UNREADABLE,
            f'say which exercise, then your answer: check("{_example_id()}", answer).',
        )
    else:
        try:
            feedback = evaluate(exercise_id, answer)
        except Exception as error:  # evaluate() answers everything; this is the last safety net
            feedback = Feedback(
                "?",
                UNREADABLE,
                f"this answer cannot be checked ({type_name(error)}). "
                f'Give it as the exercise asks: check("{_example_id()}", answer).',
            )
    print(feedback)
    if feedback.exercise_id in all_exercises():  # an unknown id is never written down
        record(feedback.exercise_id, feedback.status, feedback.misreading)
    mode = os.environ.get(MODE_VARIABLE, "")
    if mode == "solutions" and feedback.status != CORRECT:
        raise CheckFailed(f"solution notebook: {feedback}")
    if mode == "lessons" and feedback.status != UNANSWERED:
        raise CheckFailed(f"lesson notebook should leave exercises unanswered: {feedback}")


# GRADEBOOK_VARIABLE is set only inside the class gradebook's sandbox: check() then hands the answer
# over as data and judges nothing; the gradebook judges it in its own process (vraem.handover).


def _handed_to_gradebook(exercise_id, answer) -> bool:
    """Under the class gradebook, hand the answer over instead of judging it; True if so."""
    if not os.environ.get(GRADEBOOK_VARIABLE):
        return False
    from .handover import hand_over

    hand_over(
        None if exercise_id is _MISSING else exercise_id,
        None if answer is _MISSING else answer,
        missing=answer is _MISSING,
    )
    return True


_hints_shown: dict[str, int] = {}


def hint(exercise_id: str = _MISSING, number: int | None = None) -> None:
    """Print the next hint for an exercise: ``hint("1.2")``, again for the one after.

    ``hint("1.2", 1)`` shows a given hint again. Hints go from a nudge to
    nearly the method; they never give the answer itself.
    """
    try:
        _hint(exercise_id, number)
    except Exception:  # arguments of a kind nobody foresaw: say what to type, never a traceback
        print(
            f"hint() takes the exercise id in quotes and, if you like, a hint number: "
            f'hint("{_example_id()}") or hint("{_example_id()}", 2).'
        )


def _hint(exercise_id, number) -> None:
    if exercise_id is _MISSING:
        print(f'Say which exercise you want a hint for, e.g. hint("{_example_id()}").')
        return
    shown, exercise, problem = _find(exercise_id, "hint")
    if exercise is None:
        print(problem[0].upper() + problem[1:])
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


def solution(exercise_id: str = _MISSING) -> None:
    """Print the worked solution of an exercise, from the solution notebook.

    ``solution("1.2")`` is for when you are done trying: the model answer
    teaches most after your own attempt.
    """
    try:
        _solution(exercise_id)
    except Exception:  # an argument of a kind nobody foresaw: say what to type, never a traceback
        print(f'solution() takes the exercise id in quotes, e.g. solution("{_example_id()}").')


def _solution(exercise_id) -> None:
    if exercise_id is _MISSING:
        print(f'Say which exercise\'s solution you want, e.g. solution("{_example_id()}").')
        return
    shown, exercise, problem = _find(exercise_id, "solution")
    if exercise is None:
        print(problem[0].upper() + problem[1:])
        return
    try:
        code = solution_code(exercise.id)
    except (LookupError, CourseDataError, OSError, ValueError) as error:
        print(_safe_text(error))
        return
    print(f"Worked solution for exercise {exercise.id} (from solutions/):\n\n{code}")


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
            f"No solution notebook for lesson {lesson:02d} was found in {folder}. "
            "The solutions come with the course repository."
        )
    try:
        cells = json.loads(notebooks[0].read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        raise LookupError(
            f"{notebooks[0]} cannot be read as a notebook. Restore it with "
            f"`git checkout -- solutions/{notebooks[0].name}`."
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
        f'{notebooks[0].name} has no solution cell before check("{exercise_id}", ...).'
    )
