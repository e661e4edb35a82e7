"""Answer types for checked exercises: how to read a learner's answer and compare it.

Each type has ``read(answer)``, which turns what a learner typed into a value
the key can be compared with, or raises :class:`AnswerTypeError` with a
sentence that says what format is wanted (a format slip is named before the
content is judged), and ``same(value, expected)``. Some have more:

- ``out_of_range(value)``: a sentence when a well-formed answer lies outside
  what the exercise can be about (a year the table does not have), checked
  before any misreading, so no misreading is told about an answer it was not
  written for;
- ``incomplete(value, expected)``: a sentence when the answer's shape does not
  fit the key's (a dictionary with missing or extra ids), checked before the
  content;
- ``explain(value, expected)``: the feedback for a wrong choice.

Reading is bounded: at most :data:`MAX_ITEMS` items of a collection and
:data:`MAX_TEXT` characters of a text are looked at, so an endless generator or
``range(10**18)`` gets a sentence instead of a hung kernel.
"""

from __future__ import annotations

import calendar
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from itertools import islice

import numpy as np
import pandas as pd

#: The most items of a collection an answer type reads; a longer one is refused.
MAX_ITEMS = 1000
#: The longest text an answer type reads; a longer one is refused.
MAX_TEXT = 10_000


class AnswerTypeError(ValueError):
    """The answer is not of a kind the exercise can compare; the message says what to give."""


def type_name(answer) -> str:
    """The name of an answer's type, for messages (never fails)."""
    try:
        return str(type(answer).__name__)
    except Exception:  # a type with a broken name is still a type
        return "object"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _check_text_length(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise AnswerTypeError(f"this text is {len(text):,} characters long, more than the {MAX_TEXT:,} "
                              "that are read; give only the answer itself")
    return text


def _items(answer, what: str) -> list:
    """The items of a collection, reading at most MAX_ITEMS + 1 of them."""
    if isinstance(answer, pd.Series | pd.Index):
        answer = answer[:MAX_ITEMS + 1].tolist()
    elif isinstance(answer, np.ndarray):
        if answer.ndim > 1:
            raise AnswerTypeError(f"give the {what} as a flat list, not a table of "
                                  f"{answer.ndim} dimensions")
        answer = answer[:MAX_ITEMS + 1].tolist()
    items = list(islice(iter(answer), MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        raise AnswerTypeError(f"this answer has more than {MAX_ITEMS:,} items (only that many were "
                              f"read); give just the {what}")
    return items


class Number:
    """A number, right when within ``tolerance`` (relative) of the expected value.

    ``Number(tolerance=0.01)`` accepts 12.84 for 12.8 and 12.85. A number typed
    as text ("12.8", "12.8%", "1,234") is read too. A decimal comma ("12,79")
    is refused with a sentence, since "12,79" could also mean 1279.

    ``valid_range=(low, high)`` (or a function returning it) declares what any
    sensible answer lies within; an answer outside gets its own message before
    any misreading is tried. Leave it out when a misreading is written for
    answers outside (a percentage where a share is asked, say).
    """

    def __init__(self, tolerance: float = 0.005, absolute: float = 0.0,
                 valid_range: tuple[float, float] | Callable[[], tuple[float, float]] | None = None,
                 range_note: str = ""):
        self.tolerance, self.absolute = tolerance, absolute
        self.valid_range, self.range_note = valid_range, range_note

    @staticmethod
    def _from_text(text: str) -> float:
        text = _check_text_length(text).strip()
        cleaned = text.rstrip("%").strip()
        thousands = r"[+-]?[1-9]\d{0,2}(,\d{3})+"  # "1,234" and "12,345,678"; never "0,005"
        if re.fullmatch(r"[+-]?\d+,\d+", cleaned) and not re.fullmatch(thousands, cleaned):
            raise AnswerTypeError(f"use a point for decimals: {cleaned.replace(',', '.')}, not {cleaned}")
        if re.fullmatch(thousands + r"(\.\d+)?", cleaned):
            cleaned = cleaned.replace(",", "")
        if re.fullmatch(r"[+-]?\d{1,3}( \d{3})+(\.\d+)?", cleaned):
            raise AnswerTypeError(f"write the number without spaces: {cleaned.replace(' ', '')}")
        try:
            return float(cleaned)
        except ValueError:
            if "," in cleaned or ";" in cleaned:
                raise AnswerTypeError("give one number (such as 12.5), not a list of numbers in a text") from None
            raise AnswerTypeError("give a number in digits (such as 12.5), without words or units") from None

    def read(self, answer):
        if isinstance(answer, bool | np.bool_):
            raise AnswerTypeError("give a number (such as 12.5), not True or False")
        if isinstance(answer, pd.Series | pd.DataFrame | pd.Index | np.ndarray):
            if answer.size != 1:
                raise AnswerTypeError(f"give one number (such as 12.5); this {type_name(answer)} holds "
                                      f"{answer.size:,} values: pick one (e.g. with .iloc[0]) or work out one")
            answer = np.asarray(answer).ravel()[0]
            if isinstance(answer, np.generic):
                answer = answer.item()
        if isinstance(answer, list | tuple | set | frozenset):
            raise AnswerTypeError("give one number on its own (such as 12.5), not a list or a set")
        if isinstance(answer, str):
            answer = self._from_text(answer)
        if isinstance(answer, Decimal):
            answer = float(answer)
        if answer is None or answer is pd.NA or answer is pd.NaT:
            raise AnswerTypeError("the answer is empty (a missing value): a calculation used a missing value")
        if not isinstance(answer, numbers.Real):
            raise AnswerTypeError(f"give one number (such as 12.5); this answer is a {type_name(answer)}")
        try:
            value = float(answer)
        except OverflowError:
            raise AnswerTypeError("that number is far too large to be the answer") from None
        if math.isnan(value):
            raise AnswerTypeError("the answer is NaN (not a number): a calculation used a missing value")
        if math.isinf(value):
            raise AnswerTypeError("the answer is infinite: check for a division by zero")
        return value

    def out_of_range(self, value) -> str | None:
        """A sentence when ``value`` lies outside ``valid_range``, else None."""
        if self.valid_range is None:
            return None
        low, high = self.valid_range() if callable(self.valid_range) else self.valid_range
        if low <= value <= high:
            return None
        side = "below the smallest" if value < low else "above the largest"
        return f"{value:g} is {side} value this answer can take{self.range_note}."

    def same(self, value, expected) -> bool:
        return math.isclose(value, expected, rel_tol=self.tolerance, abs_tol=self.absolute)


class Text:
    """One word or label from a fixed list, compared without case or surrounding spaces."""

    def __init__(self, options: Iterable[str]):
        self.options = [str(option).lower() for option in options]

    def read(self, answer):
        if isinstance(answer, pd.Series | pd.Index) and answer.size == 1:
            answer = answer.tolist()[0]
        if isinstance(answer, list | tuple | set | frozenset):
            raise AnswerTypeError(f"give one label as text, e.g. \"{self.options[0]}\", not a list")
        if not isinstance(answer, str):
            raise AnswerTypeError("give one of the labels as text in quotes, e.g. "
                                  f"\"{self.options[0]}\"")
        value = " ".join(_check_text_length(answer).lower().split())
        if value not in self.options:
            choices = ", ".join(f'"{option}"' for option in self.options)
            raise AnswerTypeError(f"use one of these labels: {choices}")
        return value

    def same(self, value, expected) -> bool:
        return value == str(expected).lower()


class IdSet:
    """A collection of ids, in any order: ``["001", "004"]``, ``("004",)`` or a Series.

    An id is ``prefix`` followed by ``width`` digits, written as text:
    ``IdSet()`` reads article ids such as ``"004"``, ``IdSet(width=4)`` years
    such as ``"2010"`` (whole numbers with the right number of digits, such as
    the years of a table's index, are read too), ``IdSet(prefix="C")`` claim
    ids such as ``"C021"``. The common slips are named instead of judged: one
    text with commas (``"2002, 2003"``), a number without its leading zeros
    (``4`` for ``"004"``), an id in the wrong case (``"c021"``). Other ids of
    the course's kinds (a letter and digits, such as ``"C021"`` where article
    ids are asked) are read in capitals, so a misreading can name that mix-up.

    ``known`` (a function returning every id the answer could sensibly hold)
    gives an answer with any other id its own message before any misreading
    is tried; ``noun`` names the ids in messages ("years", "article ids").
    """

    def __init__(self, width: int = 3, prefix: str = "",
                 known: Callable[[], Iterable] | None = None, noun: str = "ids"):
        self.width, self.prefix = width, prefix.upper()
        self.known, self.noun = known, noun
        self._own = re.compile(rf"{re.escape(self.prefix)}\d{{{width}}}")
        self._other = re.compile(rf"[A-Za-z]{{1,3}}\d{{{width}}}")

    def _shape(self) -> str:
        digits = f"{self.width} digits"
        return f"\"{self.prefix}\" and {digits}" if self.prefix else digits

    def _wrong_size(self, number: int, digits: str) -> str:
        size = ("a negative number" if number < 0 else
                f"a number of {len(digits) if len(digits) <= 50 else 'over 50'} digits")
        return f"{size} is not one of the {self.noun}: they are texts of {self._shape()}"

    def _written(self) -> str:
        """How an id is written, shown on a number no exercise uses as an id: 7 is "007"."""
        return f"the number 7 is written \"{self.prefix}{7:0{self.width}d}\""

    def _one(self, item) -> str:
        if item is pd.NA or item is pd.NaT or (isinstance(item, float) and math.isnan(item)):
            raise AnswerTypeError(f"the list holds a missing value (NaN): give only the {self.noun}, "
                                  f"as texts of {self._shape()}")
        if isinstance(item, bool | np.bool_) or item is None:
            raise AnswerTypeError(f"the list holds {item!r}, which is not an id: give the {self.noun} "
                                  f"as texts of {self._shape()}")
        if isinstance(item, numbers.Integral):
            number = int(item)
            digits = str(abs(number)) if abs(number) < 10 ** 50 else "9" * 51
            if number >= 0 and len(digits) == self.width and not self.prefix:
                return digits  # a whole number with the right digits, such as a year of an index
            if number >= 0 and len(digits) <= self.width:
                raise AnswerTypeError(f"the {self.noun} are texts of {self._shape()}, not bare numbers "
                                      f"({self._written()})")
            raise AnswerTypeError(self._wrong_size(number, digits))
        if isinstance(item, numbers.Real):
            raise AnswerTypeError(f"the {self.noun} are texts of {self._shape()}, not decimal numbers")
        if not isinstance(item, str):
            raise AnswerTypeError(f"the list holds a {type_name(item)}: give the {self.noun} as texts "
                                  f"of {self._shape()}, in a list")
        text = _check_text_length(item).strip()
        if not text:
            raise AnswerTypeError(f"the list holds an empty text: give the {self.noun} as texts of {self._shape()}")
        if re.search(r"[,;]|\s", text):
            raise AnswerTypeError(f"give the {self.noun} as a list with one text for each, "
                                  f"e.g. {_as_list(text)}, not one text with several in it")
        if self._own.fullmatch(text):
            return text
        if self._own.fullmatch(text.upper()):
            raise AnswerTypeError(f"write the {self.noun} exactly as the table does, in capitals: "
                                  f"\"{text.upper()}\" rather than \"{text}\"")
        body = text[len(self.prefix):] if text.upper().startswith(self.prefix) else text
        if body.isdigit() and (len(body) < self.width or (self.prefix and body == text)):
            raise AnswerTypeError(f"the {self.noun} are texts of {self._shape()}, leading zeros included "
                                  f"({self._written()})")
        if self._other.fullmatch(text):  # another kind of id (a claim id for an article id):
            return text.upper()          # read, so that a misreading can name the mix-up
        raise AnswerTypeError(f"\"{_short(text)}\" is not one of the {self.noun}: they are texts of {self._shape()}")

    def read(self, answer):
        if isinstance(answer, pd.DataFrame):
            raise AnswerTypeError(f"give a list of {self.noun} (or one column of the table), not a whole table")
        if isinstance(answer, Mapping):
            raise AnswerTypeError(f"give a list of {self.noun}, e.g. [\"…\", \"…\"], not a dictionary")
        if isinstance(answer, str | bytes | numbers.Number) or answer is None:
            if isinstance(answer, bytes):
                raise AnswerTypeError(f"give the {self.noun} as text in quotes, not bytes (b\"…\")")
            answer = [answer]
        if not isinstance(answer, Iterable):
            raise AnswerTypeError(f"give a list of {self.noun}, e.g. [\"…\", \"…\"]; "
                                  f"this answer is a {type_name(answer)}")
        items = _items(answer, self.noun)
        for item in items:
            if isinstance(item, list | tuple | set | frozenset | dict | np.ndarray | pd.Series):
                raise AnswerTypeError(f"give a flat list of {self.noun}, not a list of lists")
        return frozenset(self._one(item) for item in items)

    def out_of_range(self, value) -> str | None:
        """A sentence naming the answer's ids that are not among ``known``, else None."""
        if self.known is None:
            return None
        known = {str(item) for item in self.known()}
        stray = sorted(value - known)
        if not stray:
            return None
        numeric = [int(item) for item in known if item.isdigit()]
        parts = []
        for item in stray[:5]:
            if item.isdigit() and numeric and len(numeric) == len(known):
                where = ("they end before it" if int(item) > max(numeric) else
                         "they begin after it" if int(item) < min(numeric) else "it falls between them")
                parts.append(f"{item} is not one of the {self.noun} there are: {where}")
            else:
                parts.append(f"\"{item}\" is not one of the {self.noun} there are")
        more = f" (and {len(stray) - 5} more like it)" if len(stray) > 5 else ""
        return "; ".join(parts) + more + "."

    def same(self, value, expected) -> bool:
        return value == frozenset(expected)


def _as_list(text: str) -> str:
    """Show a text with several ids in it as the list it should be (bounded)."""
    parts = [part for part in re.split(r"[,;\s]+", text) if part]
    shown = ", ".join(f"\"{_short(part, 12)}\"" for part in parts[:6])
    more = ", …" if len(parts) > 6 else ""
    return f"[{shown}{more}]"


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}


class DateWithin:
    """A date, right when it falls inside the expected ``(earliest, latest)`` window.

    Accepts ``"2011-09-15"``, ``datetime.date``, ``datetime`` and ``pd.Timestamp``.
    A date in words ("October 5") or with slashes is refused with the form wanted.
    """

    def read(self, answer):
        if isinstance(answer, pd.Series | pd.Index | np.ndarray) and answer.size == 1:
            answer = pd.Series(np.asarray(answer).ravel()).iloc[0]
        if isinstance(answer, np.datetime64):
            answer = pd.Timestamp(answer)
        if isinstance(answer, pd.Timestamp | datetime):
            if pd.isna(answer):
                raise AnswerTypeError("the answer is NaT (not a time): a missing date")
            return answer.date()
        if isinstance(answer, date):
            return answer
        if isinstance(answer, list | tuple | set | frozenset):
            raise AnswerTypeError('give one date as text, e.g. "2000-01-31", not a list')
        if isinstance(answer, str):
            return self._from_text(_check_text_length(answer).strip())
        if isinstance(answer, numbers.Integral) and not isinstance(answer, bool) and 1000 <= answer <= 9999:
            raise AnswerTypeError('that is a year; give a full date as text, "YYYY-MM-DD"')
        raise AnswerTypeError('give one date as text in the form "YYYY-MM-DD", e.g. "2000-01-31"')

    @staticmethod
    def _from_text(text: str) -> date:
        wanted = 'give the date as text in the form "YYYY-MM-DD" (year, month, day, in digits)'
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise AnswerTypeError(f"{text} is not a date of the calendar: check the month "
                                      "and the day") from None
        if re.fullmatch(r"\d{4}", text):
            raise AnswerTypeError(f"that is a year; give a full date, \"{text}-MM-DD\"")
        numbers_ = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", text)
        if numbers_:
            year, month, day = (int(part) for part in numbers_.groups())
            raise AnswerTypeError(f"{wanted}, with two digits for month and day: "
                                  f"\"{year:04d}-{month:02d}-{day:02d}\"")
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", text):
            raise AnswerTypeError(f"{wanted}: with the year last, day and month can be read either "
                                  "way round")
        words = re.findall(r"[A-Za-z]+|\d+", text)
        month = next((_MONTHS[word.lower()] for word in words if word.lower() in _MONTHS), None)
        if month:
            day = next((int(word) for word in words if word.isdigit() and 1 <= int(word) <= 31
                        and len(word) <= 2), None)
            year = next((int(word) for word in words if word.isdigit() and len(word) == 4), None)
            example = f"{year if year else 'YYYY'}-{month:02d}-{f'{day:02d}' if day else 'DD'}"
            missing = "" if year else " (the year too)"
            raise AnswerTypeError(f"write the date in digits{missing}, year first: \"{example}\"")
        raise AnswerTypeError(f"{wanted}, e.g. \"2000-01-31\"")

    def same(self, value, expected) -> bool:
        earliest, latest = expected
        return earliest <= value <= latest


class Labels:
    """A mapping from ids to labels, e.g. ``{"C020": "supported", ...}``.

    Every id in the key must be present, and no other: a dictionary with
    missing or extra ids is told which, before the labels are judged. A
    DataFrame with an id column and a label column is accepted as well,
    named by ``key`` and ``label``.
    """

    def __init__(self, options: Iterable[str], key: str, label: str):
        self.text = Text(options)
        self.key, self.label = key, label

    def read(self, answer):
        if isinstance(answer, pd.DataFrame):
            if not {self.key, self.label} <= set(answer.columns):
                raise AnswerTypeError(f"the table needs the columns {self.key!r} and {self.label!r}")
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(f"the table has more than {MAX_ITEMS:,} rows; give one row per "
                                      f"{self.key} to judge")
            keys, labels = answer[self.key].tolist(), answer[self.label].tolist()
            repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
            if repeated:
                raise AnswerTypeError(f"{_short(', '.join(repeated))} appear(s) more than once in the "
                                      f"{self.key} column: give one label for each")
            answer = dict(zip(keys, labels, strict=True))
        if isinstance(answer, pd.Series):
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(f"the Series has more than {MAX_ITEMS:,} values; give one per {self.key}")
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            raise AnswerTypeError(f"give a dictionary from {self.key} to {self.label}, "
                                  "e.g. {\"C001\": \"...\"}")
        pairs = list(islice(answer.items(), MAX_ITEMS + 1))
        if len(pairs) > MAX_ITEMS:
            raise AnswerTypeError(f"the dictionary has more than {MAX_ITEMS:,} entries (only that many "
                                  f"were read); give one per {self.key} to judge")
        value = {}
        for key, label in pairs:
            if not isinstance(key, str):
                raise AnswerTypeError(f"the {self.key}s are texts in quotes, such as \"C001\"; "
                                      f"one of yours is a {type_name(key)}")
            try:
                value[_check_text_length(key).strip()] = self.text.read(label)
            except AnswerTypeError as error:
                raise AnswerTypeError(f"for {_short(key.strip())!r}: {error}") from None
        return value

    def incomplete(self, value, expected) -> str | None:
        """A sentence naming missing, extra or miscased ids, else None (never names a label)."""
        wanted = {str(key) for key in expected}
        by_case = {key.upper(): key for key in wanted}
        miscased = sorted(key for key in value if key not in wanted and key.upper() in by_case)
        extra = sorted(key for key in value if key not in wanted and key.upper() not in by_case)
        missing = [key for key in expected if key not in value
                   and key not in {by_case[k.upper()] for k in miscased}]
        parts = []
        if miscased:
            parts.append("write the ids exactly as in the table: " + ", ".join(
                f"\"{by_case[key.upper()]}\" rather than \"{_short(key, 12)}\"" for key in miscased[:5]))
        if missing:
            parts.append(f"your dictionary has no entry for {', '.join(missing[:10])}"
                         f"{' and more' if len(missing) > 10 else ''}")
        if extra:
            parts.append(f"{', '.join(_short(key, 12) for key in extra[:5])} "
                         f"{'is' if len(extra) == 1 else 'are'} not among the {self.key}s to judge")
        return "; ".join(parts) if parts else None

    def same(self, value, expected) -> bool:
        return value == {key: str(label).lower() for key, label in expected.items()}

    def wrong_keys(self, value, expected) -> list[str]:
        """The ids whose label differs from the key (or is missing), in key order."""
        return [key for key in expected if value.get(key) != str(expected[key]).lower()]


class Choice:
    """A multiple-choice answer: one lettered option, or a set of them when ``multiple``.

    ``Choice({"a": "the outlet itself", "b": "a news agency"}, why_not={...})``
    reads ``"b"``, ``"B"`` or ``"(b)"``; with ``multiple=True`` it reads a list
    such as ``["a", "c"]``. ``why_not`` holds, for every option, what a learner
    who picks it wrongly should reconsider: it is shown only when that option is
    chosen and is not part of the key, so feedback never names the right option.
    """

    def __init__(self, options: Mapping[str, str], why_not: Mapping[str, str], multiple: bool = False):
        self.options = {str(letter).lower(): text for letter, text in options.items()}
        self.why_not = {str(letter).lower(): text for letter, text in why_not.items()}
        self.multiple = multiple
        missing = set(self.options) - set(self.why_not)
        if missing:
            raise ValueError(f"every option needs its feedback; none for {sorted(missing)}")

    def _letters(self) -> str:
        return ", ".join(f'"{letter}"' for letter in self.options)

    def _letter(self, item) -> str:
        if not isinstance(item, str):
            raise AnswerTypeError(f"give the letter of an option as text in quotes, one of {self._letters()}")
        item = _check_text_length(item)
        letter = item.strip().strip("()").strip().rstrip(").").strip().lower()
        if letter not in self.options:
            typed = " ".join(item.lower().split()).strip(" .")
            for option, text in self.options.items():
                if typed and typed == " ".join(str(text).lower().split()).strip(" ."):
                    raise AnswerTypeError(f"give the option's letter, \"{option}\", not its text")
            if ("," in item or ";" in item) and self.multiple:
                raise AnswerTypeError('give the letters as a list, e.g. ["a", "c"], not as one text')
            if "," in item or ";" in item:
                raise AnswerTypeError('choose one option: give its letter alone as text, e.g. "a"')
            raise AnswerTypeError(f"choose among the option letters {self._letters()}")
        return letter

    def read(self, answer):
        if isinstance(answer, pd.Series | pd.Index):
            answer = answer[:MAX_ITEMS + 1].tolist()
        if not self.multiple:
            if isinstance(answer, list | tuple | set | frozenset):
                raise AnswerTypeError(f"choose one option: give its letter as text, e.g. \"{next(iter(self.options))}\"")
            return self._letter(answer)
        if isinstance(answer, str):
            return frozenset({self._letter(answer)})
        if not isinstance(answer, list | tuple | set | frozenset):
            raise AnswerTypeError('give the letters of every option that fits as a list, e.g. ["a", "c"]')
        return frozenset(self._letter(item) for item in islice(iter(answer), len(self.options) + 1))

    def same(self, value, expected) -> bool:
        if self.multiple:
            return value == frozenset(str(letter).lower() for letter in expected)
        return value == str(expected).lower()

    def explain(self, value, expected) -> str:
        """Feedback for a wrong choice: why each wrongly chosen option does not fit."""
        if not self.multiple:
            return self.why_not[value]
        expected = frozenset(str(letter).lower() for letter in expected)
        wrong = sorted(value - expected)
        parts = [f"({letter}) {self.why_not[letter]}" for letter in wrong]
        if expected - value:
            parts.append("At least one option that fits is not in your list yet.")
        return " ".join(parts)
