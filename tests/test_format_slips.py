"""One format-slip policy for every answer type (see the vraem.answers docstring).

A slip with one meaning is read, and the feedback says how ("correct (read "19" as
the number 19)"); a slip that could mean more than one thing gets a sentence on what
to type, never a verdict on the content (no misreading, no "not yet"). Each test
builds its answers from the exercise's own key (tests/slips.py), so new exercises are
covered as they are registered, and a new answer type needs its slips written down.
"""

import dataclasses
import functools
import re
from datetime import date

import numpy as np
import pytest

from vraem import checks
from vraem.answers import AnswerTypeError, Choice, DateWithin, IdSet, Labels, Number
from vraem.checks import CORRECT, UNREADABLE, WRONG, check, evaluate, hint, judge, solution
from vraem.contract import BEGIN_SOLUTION, END_SOLUTION, ONE_LINE_SOLUTION, PROGRESS_FILE_VARIABLE
from vraem.exercises import REGISTRY, all_exercises
from vraem.i18n import _

from .slips import AMBIGUOUS, READ, SLIP_MAKERS, canonical, kind_of, slips

EXERCISES = all_exercises()


@functools.cache
def key_of(exercise_id):
    return EXERCISES[exercise_id].expected()


def _of(kind):
    return [exercise for exercise in EXERCISES.values() if type(exercise.answer) is kind]


def _no_misreading_in(message, exercise):
    for misreading in exercise.misreadings:
        assert _(misreading.feedback) not in message, f"{exercise.id} told a misreading: {message}"


def _opening(message: str, placeholder: str) -> str:
    """What a message says before its first placeholder, in the current language: "correct"."""
    return _(message).split(placeholder)[0]


# ---------------------------------------------------------------- the policy, over every exercise


def test_every_answer_type_has_its_slips_written_down():
    """Does every answer type the course registers have the slips of the policy listed for it?"""
    missing = sorted({kind_of(exercise) for exercise in EXERCISES.values()} - set(SLIP_MAKERS))
    assert not missing, f"answer types with no slips in tests/slips.py: {missing}"


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_the_key_as_asked_is_read_without_a_note(exercise):
    """Is the key, written as the exercise asks, correct with no "(read ... as ...)" note?"""
    feedback = judge(exercise, canonical(exercise, key_of(exercise.id)), key_of(exercise.id))
    assert feedback.status == CORRECT and "(read " not in feedback.message, feedback


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_a_slip_with_one_meaning_is_read_and_said_how(exercise, language):
    """Is the key written with each unambiguous slip judged correct, saying how it was read?"""
    key = key_of(exercise.id)
    said = (  # "correct (read ", in the language the helpers speak
        _opening("correct{read_as}. Well done.", "{read_as}")
        + " "
        + _opening("(read {notes})", "{notes}")
    )
    for answer, kind in slips(exercise, key):
        if kind != READ:
            continue
        feedback = judge(exercise, answer, key)
        assert feedback.status == CORRECT, (answer, feedback)
        assert feedback.message.startswith(said), (answer, feedback)


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_a_slip_that_could_mean_two_things_gets_a_format_message(exercise, language):
    """Is an ambiguous slip of the key told what to type, with no verdict and no misreading?"""
    key = key_of(exercise.id)
    cannot = _opening("this answer cannot be checked yet{read_as}: {gap}.", "{read_as}")
    not_yet = _opening("not yet{read_as}.", "{read_as}")
    for answer, kind in slips(exercise, key):
        if kind != AMBIGUOUS:
            continue
        feedback = judge(exercise, answer, key)
        assert feedback.status == UNREADABLE, (answer, feedback)
        assert cannot in feedback.message and not_yet not in feedback.message
        _no_misreading_in(feedback.message, exercise)


def test_the_issues_slips_are_now_treated_alike():
    """4.4 "19", 4.5 "B", 4.7 "(c)", 4.1 "a, c, f" and 4.3 ["b"] (issue 19): each read and said how."""
    cases = [
        ("4.4", _number_text(key_of("4.4")), f'"{_number_text(key_of("4.4"))}" as the number'),
        ("4.5", key_of("4.5").upper(), f'"{key_of("4.5").upper()}" as "{key_of("4.5")}"'),
        ("4.7", f"({key_of('4.7')})", f'"({key_of("4.7")})" as "{key_of("4.7")}"'),
        ("4.1", ", ".join(sorted(key_of("4.1"))), "as the list"),
        ("4.3", [key_of("4.3")], f'as "{key_of("4.3")}"'),
    ]
    for exercise_id, typed, said in cases:
        feedback = evaluate(exercise_id, typed)
        assert feedback.status == CORRECT and said in feedback.message, feedback


def _number_text(value) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def test_a_wrong_answer_with_a_slip_is_judged_and_says_how_it_was_read():
    """Is a slip of a wrong answer read too, the verdict naming the reading?"""
    exercise = EXERCISES["0.1"]
    wrong = exercise.misreadings[0].example(key_of("0.1"))  # a count read as an id
    count = int(next(iter(wrong)))
    feedback = evaluate("0.1", count)
    assert feedback.status == WRONG and f"(read {count} as the list" in feedback.message, feedback
    assert exercise.misreadings[0].feedback in feedback.message


# ---------------------------------------------------------------- ids


def test_id_slips_one_by_one():
    """Which id slips are read (case, missing zeros, several in one text) and which are refused?"""
    claim_ids = IdSet(prefix="C")
    assert claim_ids.read(["C021", "C003"]) == frozenset({"C021", "C003"})
    assert claim_ids.reading(["c021"]) == (frozenset({"C021"}), ('["c021"] as the list ["C021"]',))
    assert claim_ids.read("C021, C3") == frozenset({"C021", "C003"})
    for typed, said in [
        ([21], "row's position"),
        (["21"], "row's position"),
        ([2.0], "not decimal"),
        ([["C021"]], "flat list"),
        ([""], "empty text"),
        ({"C021": 1}, "not a dictionary"),
        ([None], "not an id"),
        (["C021", float("nan")], "missing value"),
    ]:
        with pytest.raises(AnswerTypeError, match=said.replace("(", r"\(").replace("[", r"\[")):
            claim_ids.read(typed)
    years = IdSet(width=4)
    assert years.reading([2002, 2010]) == (
        frozenset({"2002", "2010"}),
        (),
    )  # years from a table's index
    assert IdSet().read(["C021"]) == frozenset(
        {"C021"}
    )  # another kind of id: a misreading may name it
    assert IdSet().reading(4) == (frozenset({"004"}), ('4 as the list ["004"]',))
    with pytest.raises(AnswerTypeError, match="one id"):
        IdSet(single=True).read(["001", "002"])


# ---------------------------------------------------------------- out of range


def _with_known_years(monkeypatch):
    """Exercise 3.1 as it should be declared: the years of the wide table are the ones there are."""
    from vraem.series import wide_series

    exercise = EXERCISES["3.1"]
    declared = dataclasses.replace(
        exercise, answer=IdSet(width=4, known=lambda: wide_series().index, noun="years")
    )
    monkeypatch.setitem(REGISTRY, "3.1", declared)
    return declared, wide_series().index


def test_a_year_after_the_series_gets_its_own_message(monkeypatch):
    """Is 3.1 with ["2030"] told the series ends before it, not that 2030 has a VRAEM value?"""
    exercise, years = _with_known_years(monkeypatch)
    for typed, said in [
        (["2030"], "they end before it"),
        ([str(int(years.min()) - 10)], "they begin after it"),
    ]:
        feedback = evaluate("3.1", typed)
        assert feedback.status == WRONG and said in feedback.message, feedback
        _no_misreading_in(feedback.message, exercise)
    assert evaluate("3.1", sorted(exercise.expected())).status == CORRECT


def test_a_number_outside_its_declared_range_gets_its_own_message():
    """Does Number(valid_range=...) say an answer is outside it?"""
    share = Number(valid_range=(0, 1), range_note=": a share lies between 0 and 1")
    assert share.out_of_range(0.4) is None
    assert "above the largest" in share.out_of_range(
        40
    ) and "between 0 and 1" in share.out_of_range(40)


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize("exercise", _of(Labels), ids=lambda e: e.id)
def test_a_dictionary_with_missing_or_extra_ids_is_told_which(exercise):
    """Are missing and extra ids named (never an empty "Look again at: .")?"""
    key = key_of(exercise.id)
    first = next(iter(key))
    cases = [
        ({}, list(key)[:5]),  # a long list of missing ids is cut after the first ten
        ({**key, "C999": "supported"}, ["C999"]),
        ({k: v for k, v in key.items() if k != first}, [first]),
    ]
    for typed, named in cases:
        feedback = judge(exercise, typed, key)
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


def test_number_slips_one_by_one():
    """Which number slips are read (text, a point after thousands, a decimal comma, one item, a
    share's percent sign) and which are refused (a comma before three digits or a space that
    could mean two things, words, several numbers)?"""
    reader = Number()
    assert reader.reading("1,234.5") == (1234.5, ('"1,234.5" as the number 1234.5',))
    # a comma before other than exactly three digits can only be a decimal comma, in any language
    for typed, value in [("12,5", 12.5), ("12,79", 12.79), ("0,483", 0.483), ("-4,35", -4.35)]:
        assert reader.reading(typed) == (value, (f'"{typed}" as the number {value}',))
    assert reader.reading("0,005")[0] == 0.005 and reader.reading("1234,5")[0] == 1234.5
    assert reader.reading("1,234,567")[0] == 1234567  # commas that can only part thousands
    assert Number(unit="share").reading("48,3%")[0] == 0.483
    assert reader.reading([12.5]) == (12.5, ("the one item of the list as the number 12.5",))
    assert Number(unit="percent").read("12.5%") == 12.5
    assert Number(unit="share").reading("48.3%") == (0.483, ('"48.3%" as the share 0.483',))
    for typed, said in [
        ([12.5, 13], "not a list"),
        ("1 234", "without spaces"),
        ("twelve", "in digits"),
        ("1,234", "point for decimals"),
        ("20,304", "between thousands or as a decimal comma"),
        ("-4,351", "can be read two ways"),
        ("1,2,3", "not a list"),
        ("12,5; 13", "not a list"),
        (None, "empty"),
        ("12.5%", "without a % sign"),
    ]:
        with pytest.raises(AnswerTypeError, match=said):
            reader.read(typed)


@pytest.mark.parametrize("exercise", [e for e in _of(Number)], ids=lambda e: e.id)
def test_a_number_rounded_further_than_asked_is_told_so(exercise):
    """Is the key rounded to fewer decimals than asked told it is rounded (5.1 at one decimal got
    "redo the method"), never a misreading?"""
    key = float(key_of(exercise.id))
    asked = exercise.answer.decimals
    for places in range(0, 4 if asked is None else asked):
        rounded = round(key, places)
        if (places == 0 and abs(key) < 1) or exercise.answer.same(rounded, key):
            continue
        feedback = judge(exercise, rounded, key)
        assert feedback.status == WRONG and "rounded" in feedback.message, (rounded, feedback)
        _no_misreading_in(feedback.message, exercise)


def _date_exercises():
    """Exercises that take dates: one date (DateWithin) or a range of two (lesson 01's DateRange)."""
    return [
        e
        for e in EXERCISES.values()
        if isinstance(e.answer, DateWithin) or type(e.answer).__name__ == "DateRange"
    ]


@pytest.mark.parametrize("exercise", _date_exercises(), ids=lambda e: e.id)
def test_a_date_in_words_without_its_year_is_told_the_form(exercise):
    """Is "October 5" told to be written "YYYY-10-05", and "5 October 2011" read as 2011-10-05?"""
    earliest, latest = key_of(exercise.id)[0], key_of(exercise.id)[-1]
    pair = (
        (lambda first: first)
        if isinstance(exercise.answer, DateWithin)
        else (lambda first: [first, latest.isoformat()])
    )
    feedback = evaluate(exercise.id, pair(f"{earliest:%B} {earliest.day}"))
    assert feedback.status == UNREADABLE and f"YYYY-{earliest:%m-%d}" in feedback.message, feedback
    feedback = evaluate(exercise.id, pair(f"{earliest.day} {earliest:%B %Y}"))
    assert feedback.status == CORRECT and f"as {earliest.isoformat()}" in feedback.message, feedback


def test_date_slips_one_by_one():
    """Slashes with the year first and a day above 12 are read; a bare year, a day-month that
    reads both ways and impossible dates are told what to type."""
    reader = DateWithin()
    assert reader.reading("2011-09-15") == (date(2011, 9, 15), ())
    assert reader.read("2011/9/15") == reader.read("15/09/2011") == date(2011, 9, 15)
    for typed, said in [
        ("2011", "that is a year"),
        ("05/09/2011", "either way"),
        ("2011-02-30", "not a date of the calendar"),
        (["2011-09-15", "2011-09-16"], "not a list"),
    ]:
        with pytest.raises(AnswerTypeError, match=said):
            reader.read(typed)


def test_an_options_text_instead_of_its_letter_is_read_as_the_letter():
    """Is an option's words read as its letter (one option has them), with a note?"""
    single = Choice({"a": "The outlet itself", "b": "A news agency"}, why_not={"a": "x", "b": "y"})
    assert single.reading("a news agency") == ("b", ('"a news agency" as "b"',))


# ---------------------------------------------------------------- bad arguments


class _BrokenStr(str):
    def __str__(self):
        raise RuntimeError("no text")


@pytest.mark.parametrize(
    "call",
    [
        lambda: hint(),
        lambda: hint("1.1", "second"),
        lambda: hint("1.1", 2.5),
        lambda: hint(_BrokenStr("1.1")),
        lambda: hint(None),
        lambda: hint("9.9"),
        lambda: solution(),
        lambda: solution(_BrokenStr("1.1")),
        lambda: solution(["1.1"]),
        lambda: check(),
        lambda: check("1.1"),
        lambda: check(_BrokenStr("1.1"), 3),
        lambda: check(1.1),
        lambda: check(object(), 3),
    ],
    ids=[
        "hint()",
        "hint-word",
        "hint-fraction",
        "hint-broken-id",
        "hint-None",
        "hint-unknown",
        "solution()",
        "solution-broken-id",
        "solution-list",
        "check()",
        "check-no-answer",
        "check-broken-id",
        "check-id-no-answer",
        "check-object-id",
    ],
)
def test_bad_arguments_get_a_sentence_that_says_what_to_type(call, language, capsys, monkeypatch):
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
    monkeypatch.setenv(PROGRESS_FILE_VARIABLE, str(record))
    monkeypatch.delenv(checks.MODE_VARIABLE, raising=False)
    check("9.9", 3)
    check(" 0.1 ", ["000"])
    assert set(json.loads(record.read_text(encoding="utf-8"))) == {"0.1"}


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_solution_shows_clean_code(exercise_id, language, capsys):
    """Is the worked solution free of the build's markers (### BEGIN/END SOLUTION, # SOLUTION)?"""
    solution(exercise_id)
    printed = capsys.readouterr().out
    assert _opening("Worked solution for exercise {id} (from solutions/):", "{id}") in printed
    for marker in (BEGIN_SOLUTION.lstrip("# "), END_SOLUTION.lstrip("# "), ONE_LINE_SOLUTION):
        assert marker not in printed.upper(), printed


# ---------------------------------------------------------------- NumPy values


def _numpy_versions(exercise, key) -> list[object]:
    """The key (and a few plain answers) as NumPy hands them over: np.int64, np.float64, np.str_, np.bool_."""
    asked = canonical(exercise, key)
    found = [
        np.int64(4),
        [np.int64(4), np.int64(1)],
        np.float64(2.5),
        np.bool_(True),
        [np.bool_(True)],
        [np.str_("a")],
        np.array(["001", "004"]),
    ]
    if isinstance(asked, str):
        found.append(np.str_(asked))
    elif isinstance(asked, list) and all(isinstance(item, str) for item in asked):
        found.append([np.str_(item) for item in asked])
        digits = [item[len(getattr(exercise.answer, "prefix", "")) :] for item in asked]
        if all(digit.isdigit() for digit in digits):
            found.append([np.int64(int(digit)) for digit in digits])
    elif isinstance(asked, float | int) and not isinstance(asked, bool):
        found += [np.float64(asked), np.float32(asked)]
    return found


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_no_message_shows_a_raw_numpy_value(exercise):
    """Does the feedback echo a NumPy value as the learner would type it ("4"), never as
    "np.int64(4)" (a slip's note did: "read np.int64(4) as the list [...]")?"""
    key = key_of(exercise.id)
    said = [
        (answer, judge(exercise, answer, key).message) for answer in _numpy_versions(exercise, key)
    ]
    raw = [(answer, message) for answer, message in said if RAW_NUMPY.search(message)]
    assert not raw, raw[:3]


#: How NumPy shows its own values: np.int64(4), np.True_, np.str_('a'), or a type name.
RAW_NUMPY = re.compile(r"\bnp\.\w+|\b(?:int|float)(?:32|64)\b")


def test_a_point_stays_a_decimal_point_and_no_number_key_needs_a_thousands_point():
    """A Spanish writer may part thousands with a point ("20.304" for 20304). The point stays a
    decimal point in every language: English answers such as "12.793" and "0.809" need it, and
    no Number key of the course is 1000 or more except a year (which nobody writes "2.017")."""
    assert Number().read("20.304") == 20.304 and Number().read("0.809") == 0.809
    large = [
        exercise.id
        for exercise in _of(Number)
        if abs(float(key_of(exercise.id))) >= 1000
        and not (float(key_of(exercise.id)).is_integer() and 1900 <= key_of(exercise.id) <= 2100)
    ]
    assert not large, f"a key of 1000 or more: would a Spanish thousands point be misread? {large}"


@pytest.mark.parametrize(
    "typed",
    [
        "15 de setiembre de 2011",
        "15 de septiembre de 2011",
        "15 set. 2011",
        "15 sep 2011",
        "15 Sept. 2011",
        "Setiembre 15, 2011",
        "15 September 2011",
    ],
)
def test_a_date_with_its_month_in_spanish_or_english_is_read_in_either_language(typed, language):
    """Are Spanish month names (and Peru's "setiembre") read like English ones, whatever language
    the helpers speak (judging never depends on it)?"""
    value, (note,) = DateWithin().reading(typed)
    assert value == date(2011, 9, 15) and note.startswith(f'"{typed}"') and "2011-09-15" in note


def test_every_spanish_month_and_its_abbreviation_is_read():
    """Is each month read from its Spanish name and abbreviation, Peru's way included?"""
    spanish = [
        ("enero", "ene"),
        ("febrero", "feb"),
        ("marzo", "mar"),
        ("abril", "abr"),
        ("mayo", "may"),
        ("junio", "jun"),
        ("julio", "jul"),
        ("agosto", "ago"),
        ("setiembre", "set"),
        ("octubre", "oct"),
        ("noviembre", "nov"),
        ("diciembre", "dic"),
    ]
    for month, (name, abbreviation) in enumerate(spanish, start=1):
        for word in (name, abbreviation, abbreviation + ".", name.capitalize()):
            assert DateWithin().read(f"3 de {word} de 2012") == date(2012, month, 3), word
    assert DateWithin().read("3 de septiembre de 2012") == date(2012, 9, 3)
    with pytest.raises(AnswerTypeError, match="YYYY-09-15"):  # a year is still needed
        DateWithin().read("15 de setiembre")
