"""Learner feedback: right, wrong with the feedback written for it, never the key, never a crash."""

import math
import re

import numpy as np
import pandas as pd
import pytest

from vraem import checks
from vraem.answers import AnswerTypeError, Choice, DateWithin, Labels
from vraem.checks import CORRECT, UNANSWERED, UNREADABLE, WRONG, check, evaluate, hint, solution
from vraem.checks import hints as hint_steps
from vraem.checks.judging import read_as_note
from vraem.checks.wrong_answers import wrong_answer_message
from vraem.contract import lesson_number, lesson_order
from vraem.exercises import all_exercises
from vraem.i18n import _, current_language

from .conftest import REPO
from .slips import ODD_ANSWERS, every_label_wrong, forms, right_options, spanish_forms

EXERCISES = all_exercises()


def key_forms(key) -> set[str]:
    """The key as a message in the current language could write it (a decimal comma in Spanish)."""
    return forms(key) | (spanish_forms(key) if current_language() == "es" else set())


def _cases():
    for exercise in EXERCISES.values():
        for number, misreading in enumerate(exercise.misreadings, start=1):
            yield pytest.param(exercise, misreading, id=f"{exercise.id}-misreading{number}")


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_every_exercise_has_hints_and_a_catalogued_wrong_answer(exercise):
    """Is each exercise ready for a stuck learner: hints and at least one known misreading?"""
    assert len(exercise.hints) >= 2
    if isinstance(exercise.answer, Choice):  # every option carries its own feedback instead
        assert set(exercise.answer.why_not) == set(exercise.answer.options)
    else:
        assert exercise.misreadings, f"exercise {exercise.id} has no catalogued wrong answer"


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_the_key_is_accepted(exercise):
    """Does the expected answer, derived from the data, pass its own check?"""
    expected = exercise.expected()
    answer = expected[0] if isinstance(exercise.answer, DateWithin) else expected
    assert evaluate(exercise.id, answer).status == CORRECT


@pytest.mark.parametrize(("exercise", "misreading"), list(_cases()))
def test_each_catalogued_wrong_answer_gets_its_own_feedback(exercise, misreading, language):
    """Does a known wrong answer get the feedback written for it, without the key in it?"""
    expected = exercise.expected()
    wrong = misreading.example(expected)
    feedback = evaluate(exercise.id, wrong)
    assert feedback.status == WRONG, feedback
    assert _(misreading.feedback) in feedback.message
    for form in key_forms(expected):
        assert form not in feedback.message, f"feedback reveals {form!r}"


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: type(a).__name__)
def test_odd_answers_get_a_sentence_not_a_traceback(
    exercise, answer, language, monkeypatch, capsys
):
    """Whatever a learner passes, does check() print a sentence, never raise, never leak the key?"""
    monkeypatch.delenv(checks.MODE_VARIABLE, raising=False)
    check(exercise.id, answer)
    printed = capsys.readouterr().out
    feedback = evaluate(exercise.id, answer)
    assert printed.strip() == str(feedback) and feedback.status in (WRONG, UNREADABLE, CORRECT)
    if feedback.status != CORRECT:  # the note on how a slip was read repeats the learner's answer
        said = printed.replace(read_as_note(feedback.read_as), "", 1)
        for form in key_forms(exercise.expected()):
            assert form not in said


def test_unanswered_is_a_state_not_an_error(capsys, monkeypatch):
    """Does answer = ... print 'not answered yet'?"""
    monkeypatch.delenv(checks.MODE_VARIABLE, raising=False)
    check("0.1", ...)
    assert evaluate("0.1", ...).status == UNANSWERED
    assert "not answered yet" in capsys.readouterr().out


def test_an_unknown_exercise_id_lists_the_known_ones_in_lesson_order(capsys):
    """Does a mistyped id get a sentence listing the ids as the lessons order them (2.2 before 2.10)?"""
    feedback = evaluate("0.99", 1)
    assert feedback.status == UNREADABLE
    listed = re.findall(
        r"\b\d+\.\d+\b", feedback.message.split("registered ones are:", 1)[1].split(". ")[0]
    )
    in_lessons = sorted(EXERCISES, key=lesson_order)
    assert listed == in_lessons and listed != sorted(EXERCISES)


def test_strict_modes_make_the_notebooks_prove_their_state(monkeypatch):
    """Under the tests, do solutions demand right answers and lessons demand none?"""
    monkeypatch.setenv(checks.MODE_VARIABLE, "solutions")
    with pytest.raises(checks.CheckFailed):
        check("0.1", ...)
    monkeypatch.setenv(checks.MODE_VARIABLE, "lessons")
    with pytest.raises(checks.CheckFailed):
        check("0.1", ["000"])
    check("0.1", ...)


def test_hints_come_one_at_a_time(capsys):
    """Does hint() step through the hints, say at the last one that it is the last, and past it
    say there are no more and point to solution(), instead of repeating the last?"""
    hint_steps._hints_shown.clear()
    hint("0.1")
    hint("0.1")
    out = capsys.readouterr().out
    assert "Hint 1 of" in out and "Hint 2 of" in out
    total = len(EXERCISES["0.1"].hints)
    for _round in range(total + 2):
        hint("0.1")
    lines = capsys.readouterr().out.splitlines()
    last = next(line for line in lines if f"Hint {total} of {total}" in line)
    assert "last hint" in last and 'solution("0.1")' in last
    assert "no more hints" in lines[-1] and 'solution("0.1")' in lines[-1]
    assert f"Hint {total} of {total}" not in lines[-1]
    hint("0.1", 1)
    assert "Hint 1 of" in capsys.readouterr().out  # a given hint can still be shown again


def test_solution_prints_the_worked_solution_from_the_solution_notebook(capsys):
    """Does solution() show the solution cell of the right exercise?"""
    solution("0.1")
    out = capsys.readouterr().out
    assert "Worked solution for exercise 0.1" in out and "answer = sorted(" in out


def test_every_exercise_has_a_worked_solution():
    """Can solution() find a solution cell for every registered exercise?"""
    for exercise_id in EXERCISES:
        assert checks.solution_code(exercise_id).strip()


def test_number_answers_accept_text_and_numpy():
    """Are '12.5', numpy floats and a one-cell Series read as numbers, and NaN refused kindly?"""
    from vraem.answers import AnswerTypeError, Number

    reader = Number(unit="percent")
    assert reader.read("12.5%") == 12.5
    assert reader.read(np.float64(3)) == 3.0
    assert reader.read(pd.Series([4.0])) == 4.0
    with pytest.raises(AnswerTypeError, match="NaN"):
        reader.read(math.nan)


# ---------------------------------------------------------------- multiple choice

CHOICES = [exercise for exercise in EXERCISES.values() if isinstance(exercise.answer, Choice)]


def _wrong_options(exercise):
    expected = exercise.expected()
    right = right_options(exercise, expected)
    return expected, right, [letter for letter in exercise.answer.options if letter not in right]


def _reveals(message, exercise, right) -> list[str]:
    """Parts of the key a message would give away: a right option's letter or its text."""
    return [f"({letter})" for letter in right if f"({letter})" in message] + [
        exercise.answer.options[letter]
        for letter in right
        if exercise.answer.options[letter] in message
    ]


@pytest.mark.parametrize("exercise", CHOICES, ids=lambda e: e.id)
def test_every_wrong_option_gets_its_own_feedback_without_the_key(exercise, language):
    """Does each wrong option, chosen alone or added to the key, get the feedback written for it?"""
    expected, right, wrong_options = _wrong_options(exercise)
    assert wrong_options, f"{exercise.id}: every option is right"
    for letter in wrong_options:
        answer = (set(right) | {letter}) if exercise.answer.multiple else letter
        feedback = evaluate(exercise.id, answer)
        assert feedback.status == WRONG
        assert _(exercise.answer.why_not[letter]) in feedback.message
        assert not _reveals(feedback.message, exercise, right), feedback.message
    for letter in right:  # the feedback written for a right option is never shown for it
        assert _(exercise.answer.why_not[letter]) not in str(evaluate(exercise.id, letter))


@pytest.mark.parametrize("exercise", [e for e in CHOICES if e.answer.multiple], ids=lambda e: e.id)
def test_a_partial_multiple_choice_answer_is_told_something_is_missing(exercise):
    """Does a list that lacks a right option say so, without naming it?"""
    expected, right, _wrong = _wrong_options(exercise)
    partial = sorted(right)[:-1]
    feedback = evaluate(exercise.id, partial or [])
    assert feedback.status in (WRONG, UNREADABLE)
    if partial:
        assert "not in your list yet" in feedback.message
        assert not _reveals(feedback.message, exercise, right)


@pytest.mark.parametrize("exercise", CHOICES, ids=lambda e: e.id)
def test_choice_options_are_shown_in_the_lesson(exercise):
    """Does the exercise's heading cell list every option with its letter, as the check knows them?"""
    lesson = next((REPO / "solutions").glob(f"{lesson_number(exercise.id):02d}-*.ipynb"))
    text = lesson.read_text(encoding="utf-8")
    for letter, option in exercise.answer.options.items():
        assert f"({letter})" in text and json_escaped(option) in text, f"{exercise.id} ({letter})"


def json_escaped(text: str) -> str:
    import json

    return json.dumps(text)[1:-1]


def test_choice_reads_letters_and_says_what_format_it_wants():
    """Does the choice type read "B", "(b)", ["a"] and lists, and explain each slip it cannot read?"""
    single = Choice({"a": "one", "b": "two"}, why_not={"a": "not a", "b": "not b"})
    assert single.read(" B ") == "b" and single.read("(b)") == "b" and single.read(["a"]) == "a"
    with pytest.raises(AnswerTypeError, match="choose one option"):
        single.read(["a", "b"])
    with pytest.raises(AnswerTypeError, match="option letters"):
        single.read("z")
    many = Choice(
        {"a": "one", "b": "two", "c": "three"}, why_not=dict.fromkeys("abc", "no"), multiple=True
    )
    assert many.read(["A", "c"]) == frozenset("ac") and many.read("a") == frozenset("a")
    assert many.read("a, c") == frozenset("ac")
    with pytest.raises(AnswerTypeError, match="option letters a to c"):
        many.read("a, z")
    with pytest.raises(ValueError, match="every option needs its feedback"):
        Choice({"a": "one", "b": "two"}, why_not={"a": "x"})


def test_the_course_has_single_and_multiple_choice_exercises():
    """Do the lessons use both kinds of choice question?"""
    kinds = {exercise.answer.multiple for exercise in CHOICES}
    assert kinds == {False, True}, f"choice exercises: {[e.id for e in CHOICES]}"


# ---------------------------------------------------------------- answer types that explain


def test_an_answer_type_that_explains_adds_its_explanation_to_the_feedback():
    """Does a wrong brief get each failing section named, after a misreading's own sentence if any?"""
    exercise = EXERCISES["6.3"]
    expected = exercise.expected()
    plain = evaluate("6.3", {**expected, "argument": ...})
    assert (
        plain.status == WRONG and "✗ argument" in plain.message and "✗ chart" not in plain.message
    )
    assert 'hint("6.3")' in plain.message
    misreading = exercise.misreadings[-1]
    feedback = evaluate("6.3", misreading.example(expected))
    assert misreading.feedback in feedback.message and "✗ missing_voices" in feedback.message


def test_an_explanation_that_fails_falls_back_to_look_again():
    """If an answer type's explain() raises, is the exercise's look_again shown instead?"""
    from vraem.answers import Number
    from vraem.exercises import Exercise

    class Broken(Number):
        def explain(self, value, expected):
            raise RuntimeError("no")

    exercise = Exercise(
        id="9.9",
        title="t",
        answer=Broken(),
        expected=lambda: 1.0,
        look_again="Look again.",
        hints=("a", "b"),
    )
    assert wrong_answer_message(exercise, 2.0, 1.0)[0].startswith("Look again.")


# ---------------------------------------------------------------- answers of labels

LABELS = [exercise for exercise in EXERCISES.values() if isinstance(exercise.answer, Labels)]


@pytest.mark.parametrize("exercise", LABELS, ids=lambda e: e.id)
def test_every_wrong_label_is_pointed_to(exercise):
    """With every label wrong, does the feedback speak of every id (4.6 spoke only of the first pair)?"""
    key = exercise.expected()
    feedback = checks.judge(exercise, every_label_wrong(exercise, key), key)
    assert feedback.status == WRONG
    missing = [k for k in key if k not in feedback.message]
    assert not missing, f"no pointer for {missing}: {feedback.message}"


def test_4_6_points_to_each_wrong_pair_without_giving_its_label_away():
    """Does 4.6 give each wrong pair the same pointer whatever wrong label it got, never a verdict?"""
    exercise = EXERCISES["4.6"]
    key = exercise.expected()
    labels = exercise.answer.text.options
    for pair, right in key.items():
        pointers = set()
        for wrong in (label for label in labels if label != right):
            message = checks.judge(exercise, {**key, pair: wrong}, key).message
            pointer = next(m.feedback for m in exercise.misreadings if pair in m.ids())
            assert pointer in message, message
            pointers.add(pointer)
            assert not any(label in pointer for label in labels), (
                f"{pair}'s pointer names a verdict: {pointer}"
            )
        assert len(pointers) == 1, f"{pair}'s pointer depends on the wrong label given"


def test_a_single_text_where_a_list_is_asked_is_read_as_a_list():
    """Is one id typed as text for 6.5 told it was read as a list (and judged), in words that fit one row?"""
    key = EXERCISES["6.5"].expected()
    one = sorted(key)[0]
    feedback = checks.judge(EXERCISES["6.5"], one, key)
    assert feedback.status == WRONG and f'read "{one}" as the list ["{one}"]' in feedback.message
    assert "Each of those" not in feedback.message


def test_the_exercise_that_asks_two_things_says_which_one_is_checked():
    """Does 4.4, which asks for an age and then for the estimate, say that the check judges the age only?"""
    lesson = next((REPO / "lessons").glob("04-*.ipynb")).read_text(encoding="utf-8")
    cell = lesson[lesson.index("### Exercise 4.4") :][:1500]
    assert "check judges the age only" in cell
