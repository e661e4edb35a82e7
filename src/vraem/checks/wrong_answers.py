"""What a wrong answer is told: its catalogued misreading, its wrong options, or "look again at ...".

``wrong_answer_message(exercise, value, expected)`` also gives the id of the misreading
the answer matched ("2.3#1", "1.3#b"), which ``progress()`` and the class report count.
"""

from __future__ import annotations

from ..answers.reading_helpers import and_list
from ..exercises import Exercise, Misreading
from ..i18n import _
from ..paths import CourseDataError


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


def stuck_sentence(exercise: Exercise) -> str:
    """The sentence that ends a wrong answer's feedback, in the learner's language: "Stuck? Run …"."""
    return _("Stuck? Run {call}.").format(call=f'hint("{exercise.id}")')


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


def wrong_answer_message(exercise: Exercise, value, expected) -> tuple[str, str | None]:
    """The feedback for a wrong answer (after "not yet."), and the id of the misreading it matched (if any).

    An answer of labels gets a sentence for every wrong id: the misreadings written for its ids,
    then "Look again at: …" for the wrong ids no misreading speaks of. Other answers get the
    first misreading that matches.
    """
    explanation = _explanation(exercise, value, expected)
    matching = _matching(exercise, value, expected)
    stuck = stuck_sentence(exercise)
    if exercise.answer.by_key:
        return _labels_message(exercise, value, expected, matching, stuck)
    if matching:
        number, misreading = matching[0]
        return " ".join([_(misreading.feedback), explanation]).rstrip(), misreading_id(
            exercise, number
        )
    if explanation:
        return f"{explanation} {stuck}", _chosen_wrongly(exercise, value, expected)
    return f"{_(exercise.look_again)} {stuck}", None


def _labels_message(exercise, value, expected, matching, stuck) -> tuple[str, str | None]:
    """Every wrong id of a labels answer, each once: its misreading's sentence, or its name."""
    wrong = exercise.answer.wrong_keys(value, expected)
    spoken_of, sentences = set(), []
    for _number, misreading in matching:
        about = misreading.ids()
        if about and about <= spoken_of:
            continue  # that id has its sentence already
        spoken_of |= about
        named = [key for key in wrong if key in about and key not in misreading.feedback]
        # a sentence that does not name its ids ("Look again at the share of coca") is told which
        feedback = _(misreading.feedback)
        sentences.append(
            _("{ids}: {feedback}").format(ids=and_list(named), feedback=feedback)
            if named
            else feedback
        )
    rest = [key for key in wrong if key not in spoken_of]
    if not sentences:
        sentences.append(_(exercise.look_again))
    if rest:
        sentences.append(_("Look again at: {ids}.").format(ids=", ".join(rest)))
    first = misreading_id(exercise, matching[0][0]) if matching else None
    return " ".join([*sentences, stuck]), first
