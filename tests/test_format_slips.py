"""Format before content: a slip in how an answer is written gets told what to type, never a misreading.

Each test builds its answer from the exercise's own key (so new exercises are
covered as they are registered) and checks that the feedback names the
format wanted and none of the misreadings, which were written for answers in
the right format.
"""

import dataclasses
from datetime import date

import pytest

from vraem import checks
from vraem.answers import AnswerTypeError, Choice, DateWithin, IdSet, Labels, Number
from vraem.checks import CORRECT, UNREADABLE, WRONG, check, evaluate, hint, solution
from vraem.exercises import REGISTRY, all_exercises

EXERCISES = all_exercises()


def _of(kind):
    return [exercise for exercise in EXERCISES.values() if type(exercise.answer) is kind]


def _no_misreading_in(message, exercise):
    for misreading in exercise.misreadings:
        assert misreading.feedback not in message, f"{exercise.id} told a misreading: {message}"


# ---------------------------------------------------------------- ids

def _two_ids(exercise) -> list[str]:
    """Two ids of the exercise's kind, the key's first, as text."""
    items = sorted(exercise.expected())
    if len(items) < 2:
        width = exercise.answer.width
        items.append(f"{(int(items[0]) + 1) % 10 ** width:0{width}d}")
    return items[:3]


@pytest.mark.parametrize("exercise", _of(IdSet), ids=lambda e: e.id)
def test_a_comma_separated_string_is_asked_to_be_a_list(exercise):
    """Is "2002, 2003, 2006" told to be a list, not judged as one odd id (3.1 called them years with a value)?"""
    typed = ", ".join(_two_ids(exercise))
    feedback = evaluate(exercise.id, typed)
    assert feedback.status == UNREADABLE, feedback
    assert "as a list" in feedback.message and str(_two_ids(exercise)).replace("'", '"') in feedback.message
    _no_misreading_in(feedback.message, exercise)


@pytest.mark.parametrize("exercise", [e for e in _of(IdSet) if e.answer.width == 3 and not e.answer.prefix],
                         ids=lambda e: e.id)
def test_ids_without_their_leading_zeros_are_told_the_form(exercise):
    """Are 4 and "4" for "004" told that ids are texts with their zeros, not silently padded or judged?"""
    for typed in ([int(item) for item in exercise.expected()], [str(int(item)) for item in exercise.expected()]):
        feedback = evaluate(exercise.id, typed)
        assert feedback.status == UNREADABLE, (typed, feedback)
        assert "3 digits" in feedback.message, feedback
        _no_misreading_in(feedback.message, exercise)


def test_id_slips_one_by_one():
    """Does each id slip get its own sentence: case, missing prefix, decimals, nesting, empty text?"""
    claim_ids = IdSet(prefix="C")
    assert claim_ids.read(["C021", "C003"]) == frozenset({"C021", "C003"})
    for typed, said in [(["c021"], '"C021" rather than "c021"'), ([21], "not bare numbers"),
                        (["21"], "leading zeros"), (["021"], "leading zeros"), ([2.0], "not decimal"),
                        ([["C021"]], "flat list"), ([""], "empty text"), ("C021 C003", "as a list"),
                        ({"C021": 1}, "not a dictionary"), ([None], "not an id"),
                        (["C021", float("nan")], "missing value")]:
        with pytest.raises(AnswerTypeError, match=said.replace("(", r"\(").replace("[", r"\[")):
            claim_ids.read(typed)
    years = IdSet(width=4)
    assert years.read([2002, 2010]) == frozenset({"2002", "2010"})  # years from a table's index
    assert IdSet().read(["C021"]) == frozenset({"C021"})  # another kind of id: a misreading may name it


# ---------------------------------------------------------------- out of range

def _with_known_years(monkeypatch):
    """Exercise 3.1 as it should be declared: the years of the wide table are the ones there are."""
    from vraem.exercises.lesson03 import wide_series

    exercise = EXERCISES["3.1"]
    declared = dataclasses.replace(exercise, answer=IdSet(width=4, known=lambda: wide_series().index,
                                                          noun="years"))
    monkeypatch.setitem(REGISTRY, "3.1", declared)
    return declared, wide_series().index


def test_a_year_after_the_series_gets_its_own_message(monkeypatch):
    """Is 3.1 with ["2030"] told the series ends before it, not that 2030 has a VRAEM value?"""
    exercise, years = _with_known_years(monkeypatch)
    for typed, said in [(["2030"], "they end before it"), ([str(int(years.min()) - 10)], "they begin after it")]:
        feedback = evaluate("3.1", typed)
        assert feedback.status == WRONG and said in feedback.message, feedback
        _no_misreading_in(feedback.message, exercise)
    assert evaluate("3.1", sorted(exercise.expected())).status == CORRECT


def test_a_number_outside_its_declared_range_gets_its_own_message():
    """Does Number(valid_range=...) say an answer is outside it?"""
    share = Number(valid_range=(0, 1), range_note=": a share lies between 0 and 1")
    assert share.out_of_range(0.4) is None
    assert "above the largest" in share.out_of_range(40) and "between 0 and 1" in share.out_of_range(40)


# ---------------------------------------------------------------- labels

@pytest.mark.parametrize("exercise", _of(Labels), ids=lambda e: e.id)
def test_a_dictionary_with_missing_or_extra_ids_is_told_which(exercise):
    """Are missing, extra and miscased ids named (never an empty "Look again at: .")?"""
    key = exercise.expected()
    first = next(iter(key))
    cases = [
        ({}, list(key)[:5]),  # a long list of missing ids is cut after the first ten
        ({**key, "C999": "supported"}, ["C999"]),
        ({k: v for k, v in key.items() if k != first}, [first]),
        ({(k.lower() if k == first else k): v for k, v in key.items()}, [f'"{first}" rather than "{first.lower()}"']),
    ]
    for typed, named in cases:
        feedback = evaluate(exercise.id, typed)
        assert feedback.status == UNREADABLE, feedback
        assert all(name in feedback.message for name in named), feedback
        assert "Look again at: ." not in feedback.message
        _no_misreading_in(feedback.message, exercise)


def test_a_label_that_is_not_an_option_names_its_id():
    """Does a wrong label word say which id it was given for?"""
    labels = Labels(["supported", "contradicted"], key="claim_id", label="verdict")
    with pytest.raises(AnswerTypeError, match="for 'C001'.*supported"):
        labels.read({"C001": "true"})


# ---------------------------------------------------------------- numbers and dates

@pytest.mark.parametrize("exercise", _of(Number), ids=lambda e: e.id)
def test_a_decimal_comma_is_told_to_use_a_point(exercise):
    """Is "12,79" told to be 12.79, not read as 1279 and judged a word count?"""
    typed = f"{float(exercise.expected()):.2f}".replace(".", ",")
    feedback = evaluate(exercise.id, typed)
    assert feedback.status == UNREADABLE and "use a point for decimals" in feedback.message, feedback
    _no_misreading_in(feedback.message, exercise)


def test_number_slips_one_by_one():
    """Are thousands separators read, and lists, spaces and words told what to do?"""
    reader = Number()
    assert reader.read("1,234") == 1234 and reader.read("12.5%") == 12.5
    for typed, said in [([12.5], "not a list"), ("1 234", "without spaces"), ("twelve", "in digits"),
                        ("0,005", "point for decimals"), ("12,5", "point for decimals"),
                        ("12,5; 13", "not a list"), (None, "empty")]:
        with pytest.raises(AnswerTypeError, match=said):
            reader.read(typed)


def _date_exercises():
    """Exercises that take dates: one date (DateWithin) or a range of two (lesson 01's DateRange)."""
    return [e for e in EXERCISES.values() if isinstance(e.answer, DateWithin)
            or type(e.answer).__name__ == "DateRange"]


@pytest.mark.parametrize("exercise", _date_exercises(), ids=lambda e: e.id)
def test_a_date_in_words_is_told_the_form(exercise):
    """Is "October 5" (or "5 October 2011") told to be written "YYYY-10-05" ("2011-10-05")?"""
    earliest, latest = exercise.expected()[0], exercise.expected()[-1]
    for typed, said in [(f"{earliest:%B} {earliest.day}", f"YYYY-{earliest:%m-%d}"),
                        (f"{earliest.day} {earliest:%B} {earliest.year}", earliest.isoformat())]:
        answer = typed if isinstance(exercise.answer, DateWithin) else [typed, latest.isoformat()]
        feedback = evaluate(exercise.id, answer)
        assert feedback.status == UNREADABLE and said in feedback.message, feedback


def test_date_slips_one_by_one():
    """Slashes, a bare year, day-first dates and impossible dates: each told what to type."""
    reader = DateWithin()
    assert reader.read("2011-09-15") == date(2011, 9, 15)
    for typed, said in [("2011/9/15", '"2011-09-15"'), ("2011", "that is a year"), ("15/09/2011", "either way"),
                        ("2011-02-30", "not a date of the calendar"), (["2011-09-15"], "not a list")]:
        with pytest.raises(AnswerTypeError, match=said):
            reader.read(typed)


def test_an_options_text_instead_of_its_letter_is_told_to_give_the_letter():
    """Does typing an option's words get told to give its letter?"""
    single = Choice({"a": "The outlet itself", "b": "A news agency"}, why_not={"a": "x", "b": "y"})
    with pytest.raises(AnswerTypeError, match='letter, "b"'):
        single.read("a news agency")


# ---------------------------------------------------------------- bad arguments

class _BrokenStr(str):
    def __str__(self):
        raise RuntimeError("no text")


@pytest.mark.parametrize("call", [
    lambda: hint(), lambda: hint("1.1", "second"), lambda: hint("1.1", 2.5), lambda: hint(_BrokenStr("1.1")),
    lambda: hint(None), lambda: hint("9.9"), lambda: solution(), lambda: solution(_BrokenStr("1.1")),
    lambda: solution(["1.1"]), lambda: check(), lambda: check("1.1"), lambda: check(_BrokenStr("1.1"), 3),
    lambda: check(1.1), lambda: check(object(), 3),
], ids=["hint()", "hint-word", "hint-fraction", "hint-broken-id", "hint-None", "hint-unknown", "solution()",
        "solution-broken-id", "solution-list", "check()", "check-no-answer", "check-broken-id",
        "check-id-no-answer", "check-object-id"])
def test_bad_arguments_get_a_sentence_that_says_what_to_type(call, capsys, monkeypatch):
    """Do hint(), check() and solution() answer a missing or odd argument with what to type?"""
    monkeypatch.delenv(checks.MODE_VARIABLE, raising=False)
    call()
    printed = capsys.readouterr().out
    assert printed.strip() and "Traceback" not in printed
    assert '("' in printed, f"no example of what to type: {printed}"


def test_an_unknown_id_is_not_written_into_the_progress_record(tmp_path, monkeypatch, capsys):
    """Does check("9.9", ...) leave the record without a "9.9" entry?"""
    import json

    record = tmp_path / "progress.json"
    monkeypatch.setenv("VRAEM_PROGRESS_FILE", str(record))
    monkeypatch.delenv(checks.MODE_VARIABLE, raising=False)
    check("9.9", 3)
    check(" 0.1 ", ["000"])
    assert set(json.loads(record.read_text(encoding="utf-8"))) == {"0.1"}


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_solution_shows_clean_code(exercise_id, capsys):
    """Is the worked solution free of the build's markers (### BEGIN/END SOLUTION, # SOLUTION)?"""
    solution(exercise_id)
    printed = capsys.readouterr().out
    assert "Worked solution" in printed
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "# SOLUTION"):
        assert marker not in printed.upper(), printed
