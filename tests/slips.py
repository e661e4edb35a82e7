"""What the feedback tests feed an exercise, all built from its own key: slips, wrong answers, literals.

``slips(exercise, key)`` gives the key written with each format slip its answer type
can meet, as ``(answer, kind)``: ``READ`` for a slip with one meaning (the course's
policy: read it, and say how), ``AMBIGUOUS`` for one that could mean more than one
thing (a sentence on what to type, no verdict). ``wrong_answers`` gives answers in the
right form that are wrong. ``forms`` gives the ways a key could be written in a
message; ``literals`` the things in a message that look like an answer a learner could
copy (quoted texts, lists, dictionaries, numbers).
"""

from __future__ import annotations

import ast
import math
import re
import warnings
from datetime import date, datetime

import numpy as np
import pandas as pd

from vraem.answers import Choice, IdSet, Labels, Number

READ, AMBIGUOUS = "read", "ambiguous"

#: Answers of every odd kind a learner could pass, whatever the exercise: check() must answer each
#: with a sentence, never a traceback and never the key.
ODD_ANSWERS = [
    None,
    True,
    float("nan"),
    float("inf"),
    10**40,
    -1,
    "",
    "banana",
    [],
    {},
    (1, 2),
    pd.DataFrame(),
    pd.DataFrame({"a": [1, 2]}),
    pd.Series(dtype=float),
    object(),
    np.array([[1, 2], [3, 4]]),
    date(1900, 1, 1),
    datetime(2100, 1, 1),
    b"bytes",
    "a, b",
    "1 2",
    "12,5",
    ["x"],
    {"x": "y"},
]


def kind_of(exercise) -> str:
    """The answer type's class name, lesson-local types included ("DateRange", "Coding", ...)."""
    return type(exercise.answer).__name__


def canonical(exercise, key):
    """The key as the exercise asks for it (a list for a set, one text for one id, text dates for a range)."""
    if isinstance(exercise.answer, IdSet) and exercise.answer.single:
        return next(iter(key))
    if isinstance(key, frozenset | set):
        return sorted(key)
    if kind_of(exercise) == "DateRange":
        return [end.isoformat() for end in key]
    return key


# ---------------------------------------------------------------- slips, by answer type


def _number_slips(exercise, key):
    reader: Number = exercise.answer
    value = float(key)
    text = repr(value)
    found = [
        (text, READ),
        ([value], READ),
        (pd.Series([value]), READ),
        ((value,), READ),
        (text.replace(".", ","), READ),  # a decimal comma: "12,793091616150063"
        ([value, value + 1], AMBIGUOUS),
    ]
    # a comma before exactly three digits: "2,017", "12,793" (thousands, or a decimal comma?);
    # "0,483" can only be a decimal comma
    three = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3f}".replace(".", ",")
    found.append((three, AMBIGUOUS if re.fullmatch(r"-?[1-9]\d{0,2},\d{3}", three) else READ))
    if value < 0:
        found.append(("\u2212" + repr(-value), READ))  # a typographic minus
    if reader.unit == "share":
        found.append((f"{value * 100!r}%", READ))
    elif reader.unit == "percent":
        found.append((f"{text}%", READ))
    else:
        found.append((f"{text}%", AMBIGUOUS))
    return found


def _id_slips(exercise, key):
    reader: IdSet = exercise.answer
    ids = sorted(key)
    found = []
    if reader.single:
        (one,) = ids
        found += [([one], READ), ((one,), READ), (f" {one} ", READ)]
        other = next(
            item
            for item in (f"{reader.prefix}{n:0{reader.width}d}" for n in range(1, 999))
            if item != one
        )
        found += [([one, other], AMBIGUOUS), (f"{one}, {other}", AMBIGUOUS)]
    else:
        found += [
            (", ".join(ids), READ),
            (" ".join(ids), READ),
            ("; ".join(ids), READ),
            ([", ".join(ids)], READ),
        ]
        if len(ids) == 1:
            found.append((ids[0], READ))
    digits = [item[len(reader.prefix) :] for item in ids]
    if reader.prefix:
        found.append(
            ([item.lower() for item in ids] if not reader.single else ids[0].lower(), READ)
        )
        found.append(([reader.prefix + str(int(d)) for d in digits], READ))  # "D8" for "D008"
        found.append(([int(d) for d in digits], AMBIGUOUS))  # a row's position, or the id's digits?
    elif reader.width <= 3:
        found.append(([int(d) for d in digits], READ))
        found.append(([str(int(d)) for d in digits], READ))
    return found


def _choice_slips(exercise, key):
    reader: Choice = exercise.answer
    letters = sorted(key) if reader.multiple else [key]
    other = next(letter for letter in reader.options if letter not in letters)
    if not reader.multiple:
        (letter,) = letters
        return [
            (letter.upper(), READ),
            (f"({letter})", READ),
            (f"{letter})", READ),
            (f" {letter} ", READ),
            ([letter], READ),
            (pd.Series([letter]), READ),
            (reader.options[letter], READ),
            ([letter, other], AMBIGUOUS),
            (f"{letter}, {other}", AMBIGUOUS),
        ]
    found = [
        (", ".join(letters), READ),
        (" ".join(letters), READ),
        (";".join(letters), READ),
        ([letter.upper() for letter in letters], READ),
        ([f"({letter})" for letter in letters], READ),
        ([reader.options[letter] for letter in letters], READ),
    ]
    if len(letters) == 1:
        found.append((letters[0], READ))
    return found


def _labels_slips(exercise, key):
    flipped = {(k.lower() if k != k.lower() else k.upper()): v for k, v in key.items()}
    titled = {k: str(v).title() for k, v in key.items()}
    found = [(flipped, READ), (titled, READ), ({k: f" {v} " for k, v in key.items()}, READ)]
    if kind_of(exercise) == "StatementLabels":
        found.append(
            ([k for k, v in key.items() if v == "yes"], AMBIGUOUS)
        )  # the multiple-choice habit
    return found


def _range_slips(exercise, key):
    first, last = key
    found = [
        ([f"{first.day} {first:%B %Y}", f"{last.day} {last:%B %Y}"], READ),
        ([f"{first.year}/{first.month}/{first.day}", last.isoformat()], READ),
        (f"{first.isoformat()} to {last.isoformat()}", READ),
    ]
    if first.day <= 12 and first.month <= 12 and first.day != first.month:
        found.append(([f"{first:%d/%m/%Y}", last.isoformat()], AMBIGUOUS))
    return found


def _coding_slips(exercise, key):
    shouting = key.copy()
    shouting["source_type"] = shouting["source_type"].str.capitalize()
    return [(shouting, READ)]


def _pattern_slips(exercise, key):
    return [(re.compile(key), READ)]


#: For every answer type the course uses, the slips of its key. A new answer type needs an
#: entry (a test says so): the format-slip policy covers every type.
SLIP_MAKERS = {
    "Number": _number_slips,
    "IdSet": _id_slips,
    "Choice": _choice_slips,
    "Labels": _labels_slips,
    "StatementLabels": _labels_slips,
    "DateRange": _range_slips,
    "Coding": _coding_slips,
    "Pattern": _pattern_slips,
    # a brief is a dictionary of sections and nothing else: it has no other form to slip into
    "BriefStructure": lambda exercise, key: [],
}


def slips(exercise, key) -> list[tuple[object, str]]:
    """The key written with each slip its answer type can meet, as ``(answer, READ or AMBIGUOUS)``."""
    return SLIP_MAKERS[kind_of(exercise)](exercise, key)


# ---------------------------------------------------------------- wrong answers


def right_options(exercise, key) -> set[str]:
    """The letters of a choice question's key, as a set whether one or several fit."""
    return set(key) if exercise.answer.multiple else {key}


def every_label_wrong(exercise, key) -> dict:
    """The key of a labels answer with every label changed to another option."""
    options = exercise.answer.text.options
    return {k: next(o for o in options if o != str(v).lower()) for k, v in key.items()}


def wrong_answers(exercise, key) -> list[object]:
    """Answers in the asked form that are wrong: misreading examples, wrong options, changed keys."""
    found = [misreading.example(key) for misreading in exercise.misreadings]
    reader = exercise.answer
    if isinstance(reader, Choice):
        right = right_options(exercise, key)
        for letter in reader.options:
            if letter not in right:
                found.append(sorted(right | {letter}) if reader.multiple else letter)
        if reader.multiple and len(right) > 1:
            found.append(sorted(right)[:-1])
    elif isinstance(reader, Number):
        value = float(key)
        found += [value * 1.5 + 1, -value - 1, value + 100]
    elif isinstance(reader, IdSet):
        found.append(
            sorted(key)[:-1] or ["000" if reader.width == 3 and not reader.prefix else "9999"]
        )
    elif isinstance(reader, Labels):
        every_wrong = every_label_wrong(exercise, key)
        found.append(every_wrong)
        found += [{**key, k: every_wrong[k]} for k in list(key)[:3]]
    return found


# ---------------------------------------------------------------- what a message could give away


def forms(value) -> set[str]:
    """The ways an expected value could be written in a message."""
    if isinstance(value, dict):
        return set()  # label keys are judged per id: the labels themselves are common words
    if isinstance(value, frozenset | set | list | tuple):
        if len(value) == 2 and all(isinstance(v, date) for v in value):
            return {v.isoformat() for v in value} | {f"{v:%d %B %Y}" for v in value}
        items = sorted(str(v) for v in value)
        # each member too: naming one right id already gives part of the answer away (but not a
        # single letter, the key of a multiple-choice exercise: every sentence holds an "a" or "e";
        # test_every_wrong_option_gets_its_own_feedback_without_the_key looks for "(a)" instead)
        members = {item for item in items if len(item) > 1}
        return ({", ".join(items), str(items), str(sorted(value))} | members) if items else set()
    if isinstance(value, float | int | np.number) and not isinstance(value, bool):
        number = float(value)
        found = {f"{number:.{digits}f}" for digits in range(0, 4)}
        found |= {f"{number:,.0f}", repr(number), f"{number:g}"}
        # tiny numbers ("0", "1") appear in ordinary sentences; "-4" is rarer, its sign counts
        return {form for form in found if distinctive(form, count_sign=True)}
    return {str(value)} if len(str(value)) >= 3 else set()


#: The months as a Spanish message would name them (the course's messages show ISO dates; a
#: Spanish sentence that spelt a date out would use these).
SPANISH_MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()


def spanish_forms(value) -> set[str]:
    """The ways an expected value could be written in a Spanish message, beyond :func:`forms`.

    A number with a decimal comma ("12,79") and a point for thousands ("1.234"); a date with its
    month in Spanish ("5 de octubre de 2011", "05 de octubre de 2011").
    """
    if isinstance(value, frozenset | set | list | tuple):
        if len(value) == 2 and all(isinstance(v, date) for v in value):
            return {
                f"{day} de {SPANISH_MONTHS[v.month - 1]} de {v.year}"
                for v in value
                for day in (v.day, f"{v.day:02d}")
            }
        return set()
    if isinstance(value, float | int | np.number) and not isinstance(value, bool):
        swapped = {
            form.translate(str.maketrans({".": ",", ",": "."}))
            for form in forms(value)
            if "." in form or "," in form
        }
        return {form for form in swapped if distinctive(form.replace(",", "."), count_sign=True)}
    return set()


def distinctive(number_text: str, count_sign: bool = False) -> bool:
    """Whether a number, written so, says something: "0", "1" and "2.0" are in every other sentence.

    ``count_sign``: a minus sign counts as a character ("-4" is distinctive), as it does when
    a message is searched for the key; a number found in a message is judged without it."""
    digits = number_text if count_sign else number_text.lstrip("-")
    return len(digits.replace(".", "").replace("0", "")) >= 2 and number_text not in {
        "1.0",
        "2.0",
        "0.0",
    }


_QUOTED = re.compile(r'"[^"\n]{0,200}"')
_BRACKETED = re.compile(r"\[[^\[\]\n]{0,300}\]")
_BRACED = re.compile(r"\{[^{}\n]{0,600}\}")
_NUMBER = re.compile(r"(?<![\w.,-])[−-]?\d+(?:\.\d+)?(?![\w])")


#: A number with a decimal comma, as a Spanish sentence may write one ("12,79").
_COMMA_NUMBER = re.compile(r"(?<![\w.,-])[−-]?\d+,\d+(?![\w,])")


def literals(text: str, numbers: bool, decimal_comma: bool = False) -> list[object]:
    """What in a message looks like an answer a learner could copy: texts in quotes, lists,
    dictionaries and (when ``numbers``) distinctive numbers, with a decimal comma too when
    ``decimal_comma`` (a Spanish message)."""
    found = []
    for pattern in (_QUOTED, _BRACKETED, _BRACED):
        for match in pattern.finditer(text):
            try:
                with (
                    warnings.catch_warnings()
                ):  # a quoted pattern ("\\d+") is text, not a bad escape
                    warnings.simplefilter("ignore", DeprecationWarning)
                    warnings.simplefilter("ignore", SyntaxWarning)
                    found.append(ast.literal_eval(match.group(0)))
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                continue
    if numbers:
        for match in _NUMBER.finditer(text):
            written = match.group(0).replace("−", "-")
            if distinctive(written):
                found.append(float(written))
        if decimal_comma:
            for match in _COMMA_NUMBER.finditer(text):
                written = match.group(0).replace("−", "-").replace(",", ".")
                if distinctive(written):
                    found.append(float(written))
    return [item for item in found if not (isinstance(item, float) and math.isnan(item))]
