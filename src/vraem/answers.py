"""Answer types for checked exercises: how to read a learner's answer and compare it.

Every answer type is an :class:`AnswerType`: the protocol ``checks`` judges
through, with nothing asked of a type that it does not declare. Two methods
each type writes: ``reading(answer)`` turns what a learner typed into a value
the key can be compared with and says how any slip was read, or raises
:class:`AnswerTypeError` with a sentence that says what to type;
``same(value, expected)`` compares. ``read(answer)`` gives the value alone.
The others have defaults that say nothing, and a type overrides those it needs:

- ``out_of_range(value)``: a sentence when a well-formed answer lies outside
  what the exercise can be about (a year the table does not have), checked
  before any misreading, so no misreading is told about an answer it was not
  written for;
- ``align(value, expected)``: the answer spelt as the key spells it (ids in
  the key's capitals), with a note for each change;
- ``incomplete(value, expected)``: a sentence when the answer's shape does not
  fit the key's (a dictionary with missing or extra ids), checked before the
  content;
- ``rounded(value, expected)``: a sentence when a number is the key rounded
  further than the exercise asks;
- ``explain(value, expected)``: the feedback for a wrong choice;
- ``wrong_choice(value, expected)``: for a choice, the wrong option letters
  chosen (``"b"``), which name the misreading in ``progress()``;
- ``wrong_keys(value, expected)`` with ``by_key = True``: for an answer of
  labels, the ids whose label is wrong, so the feedback speaks of each.

The types made for one exercise each (a date range, a coding table, a
pattern, a brief's structure) live in :mod:`vraem.exercise_answers`.

The format-slip policy, the same for every answer type
------------------------------------------------------

1. An answer written as the exercise asks is read as it stands, with no note.
2. A slip with only one possible meaning is read, and the feedback says how:
   ``✓ … correct (read "12" as the number 12)``. The slips read so:
   a number or a date written as text; a one-item list (or a one-value
   Series) where one item is asked, and one text where a list is asked; a
   letter or label in capitals, with spaces or in brackets (``"(B)"``); an
   option's words instead of its letter; several letters or ids in one text
   (``"a, c"``); article ids as numbers or without their leading zeros
   (``4`` for ``"004"``), ids in lower case (``"c021"``); a percentage with
   its sign where a share is asked (``"48.3%"`` is the share 0.483); a date
   with its year first and slashes, or in words with day, month and year, or
   with a day above 12 that can only be the day.
3. A slip that could mean more than one thing gets a sentence that says what
   to type, never a verdict on the content, and never shows a reading of it:
   a comma in a number (``"12,79"`` is 12.79 or 1279), a space in a number,
   a date like ``"05/10/2011"``, several options where one is asked, a
   number where claim or draft ids are asked (a row's position, or the id's
   digits?), a list of letters where each statement needs a yes or no.
4. Anything else that cannot be read gets a sentence that says what to type.

No sentence an answer type writes holds an example that could be a right
answer: examples use placeholders (``"…"``, ``"YYYY-MM-DD"``) or the
learner's own words. ``tests/test_feedback_leaks.py`` feeds every exercise
slips of its own key and checks this.

Reading is bounded: at most :data:`MAX_ITEMS` items of a collection and
:data:`MAX_TEXT` characters of a text are looked at, so an endless generator or
``range(10**18)`` gets a sentence instead of a hung kernel.
"""

from __future__ import annotations

import calendar
import json
import math
import numbers
import re
from abc import ABC, abstractmethod
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
#: Separators between several ids or letters typed in one text: "a, c, f", "001; 004", "001 004".
_SEPARATORS = re.compile(r"[,;\s]+")


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


def plain(value) -> str:
    """A value as a learner would type it: NumPy's own numbers without their type (``4``, not ``np.int64(4)``)."""
    if isinstance(value, np.generic):
        value = value.item()
    return repr(value)


def quoted(text: str, limit: int = 40) -> str:
    """A text as a learner would type it in Python, shortened: ``"a, c"``."""
    return json.dumps(_short(str(text), limit), ensure_ascii=False)


def listed(items: Iterable, limit: int = 8) -> str:
    """Texts as a Python list, shortened: ``["001", "004"]``."""
    items = list(items)
    shown = ", ".join(quoted(item, 12) for item in items[:limit])
    return f"[{shown}{', …' if len(items) > limit else ''}]"


def _number_text(value: float) -> str:
    """A number as a learner would write it: 19, 0.483, -4.35 (no float noise, no exponent for the course's sizes)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.12g}"


def _check_text_length(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise AnswerTypeError(
            f"this text is {len(text):,} characters long, more than the {MAX_TEXT:,} "
            "that are read; give only the answer itself"
        )
    return text


def _items(answer, what: str) -> list:
    """The items of a collection, reading at most MAX_ITEMS + 1 of them."""
    if isinstance(answer, pd.Series | pd.Index):
        answer = answer[: MAX_ITEMS + 1].tolist()
    elif isinstance(answer, np.ndarray):
        if answer.ndim > 1:
            raise AnswerTypeError(
                f"give the {what} as a flat list, not a table of {answer.ndim} dimensions"
            )
        answer = answer[: MAX_ITEMS + 1].tolist()
    items = list(islice(iter(answer), MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        raise AnswerTypeError(
            f"this answer has more than {MAX_ITEMS:,} items (only that many were "
            f"read); give just the {what}"
        )
    return items


def _one_value(answer, what: str):
    """The single value of a one-item container, with how it was read; the answer itself otherwise.

    Returns ``(value, note)``; ``note`` is None when ``answer`` was no container.
    Raises AnswerTypeError for a container of several values (which one was meant?).
    """
    if isinstance(answer, pd.DataFrame | pd.Series | pd.Index | np.ndarray):
        if answer.size != 1:
            raise AnswerTypeError(
                f"give one {what}; this {type_name(answer)} holds {answer.size:,} values: "
                "pick the one you mean (e.g. with .iloc[0])"
            )
        value = np.asarray(answer).ravel()[0]
        if isinstance(value, np.generic):
            value = value.item()
        return value, f"the one value of the {type_name(answer)}"
    if isinstance(answer, list | tuple | set | frozenset):
        items = list(islice(iter(answer), 2))
        if len(items) != 1:
            raise AnswerTypeError(
                f"give one {what} on its own, not a list"
                + (" of several" if len(items) > 1 else "")
            )
        return items[0], "the one item of the list"
    return answer, None


class AnswerType(ABC):
    """What every answer type gives ``checks``: ``reading`` and ``same``, and defaults that say nothing.

    ``class Year(AnswerType)`` writes ``reading`` and ``same`` and overrides only the
    other methods it has something to say in (see the module's docstring).
    """

    #: True for an answer of labels: the feedback then speaks of every wrong id (``wrong_keys``).
    by_key: bool = False

    @abstractmethod
    def reading(self, answer) -> tuple[object, tuple[str, ...]]:
        """``(value, notes)``: the answer read, and how each slip in it was read."""

    @abstractmethod
    def same(self, value, expected) -> bool:
        """Whether the read answer is the key."""

    def read(self, answer):
        """The value ``reading`` gives, without the notes on slips."""
        return self.reading(answer)[0]

    def align(self, value, expected) -> tuple[object, tuple[str, ...]]:
        """The answer spelt as the key spells it, with a note for each change; by default as it is."""
        return value, ()

    def incomplete(self, value, expected) -> str | None:
        """A sentence when the answer's shape does not fit the key's; by default None."""
        return None

    def out_of_range(self, value) -> str | None:
        """A sentence when the answer lies outside what the exercise is about; by default None."""
        return None

    def rounded(self, value, expected) -> str | None:
        """A sentence when the answer is the key rounded too far; by default None."""
        return None

    def explain(self, value, expected) -> str:
        """What this type says about a wrong answer; by default nothing."""
        return ""

    def wrong_choice(self, value, expected) -> str | None:
        """The wrong option letters chosen ("b", "ac"; "missing" for an option left out); None if no choice."""
        return None

    def wrong_keys(self, value, expected) -> list[str]:
        """For an answer of labels (``by_key``), the ids whose label is wrong; by default none."""
        return []


def read_answer(answer_type: AnswerType, answer) -> tuple[object, tuple[str, ...]]:
    """``(value, notes)`` from any answer type: its ``reading``, with the notes as a tuple."""
    value, notes = answer_type.reading(answer)
    return value, tuple(notes)


class Number(AnswerType):
    """A number, right when within ``tolerance`` (relative) or ``absolute`` of the expected value.

    ``Number(tolerance=0.01)`` accepts 12.84 for 12.8 and 12.85. A number typed
    as text ("12.8", "−4.35", "1,234.5") is read, with a note. ``unit`` says
    what a % sign means: ``"percent"`` (the exercise asks for percent: "12.8%"
    is 12.8), ``"share"`` (it asks for a share between 0 and 1: "48.3%" is
    0.483) or None (a plain number: a % sign is refused). A comma or a space
    inside a number is refused with a sentence, since "12,79" could mean 12.79
    or 1279.

    ``decimals`` is how many decimals the exercise asks for (None: as many as
    the work gives); an answer that is the key rounded further is told so.

    ``valid_range=(low, high)`` (or a function returning it) declares what any
    sensible answer lies within; an answer outside gets its own message before
    any misreading is tried. Leave it out when a misreading is written for
    answers outside (a percentage where a share is asked, say).
    """

    def __init__(
        self,
        tolerance: float = 0.005,
        absolute: float = 0.0,
        valid_range: tuple[float, float] | Callable[[], tuple[float, float]] | None = None,
        range_note: str = "",
        unit: str | None = None,
        decimals: int | None = None,
    ):
        if unit not in (None, "percent", "share"):
            raise ValueError(f"unit is 'percent', 'share' or None, not {unit!r}")
        self.tolerance, self.absolute = tolerance, absolute
        self.valid_range, self.range_note = valid_range, range_note
        self.unit, self.decimals = unit, decimals

    def _from_text(self, text: str) -> tuple[float, str]:
        """A number typed as text, and what it was read as ("the number 19", "the share 0.483")."""
        text = _check_text_length(text).strip().replace("\u2212", "-")  # a typographic minus
        percent = text.endswith("%")
        cleaned = text.rstrip("%").strip()
        if re.fullmatch(r"[+-]?\d+(,\d+)+", cleaned):  # "12,79" or "1,234": decimals or thousands?
            raise AnswerTypeError(
                "use a point for decimals and no thousands separator: a comma in a "
                "number can be read either way"
            )
        if re.fullmatch(
            r"[+-]?[1-9]\d{0,2}(,\d{3})+\.\d+", cleaned
        ):  # "1,234.5": the point settles it
            cleaned = cleaned.replace(",", "")
        if re.fullmatch(r"[+-]?\d+( \d+)+(\.\d+)?", cleaned):
            raise AnswerTypeError(
                "write one number without spaces: a space can part two numbers or mark thousands"
            )
        try:
            value = float(cleaned)
        except ValueError:
            if "," in cleaned or ";" in cleaned:
                raise AnswerTypeError(
                    "give one number (such as 12.5), not a list of numbers in a text"
                ) from None
            raise AnswerTypeError(
                "give a number in digits (such as 12.5), without words or units"
            ) from None
        if not percent:
            return value, f"the number {_number_text(value)}"
        if self.unit == "percent":
            return value, f"the number {_number_text(value)} (percent)"
        if self.unit == "share":
            return value / 100, f"the share {_number_text(value / 100)}"
        raise AnswerTypeError(
            "give a plain number, without a % sign: this answer is not a percentage"
        )

    def reading(self, answer):
        """``(value, notes)``: one finite number, from a number, a numeric text or a one-value container."""
        answer, container = _one_value(answer, "number")
        if isinstance(answer, bool | np.bool_):
            raise AnswerTypeError("give a number (such as 12.5), not True or False")
        read_as = None
        if isinstance(answer, str):
            typed = answer
            answer, read_as = self._from_text(answer)
        if isinstance(answer, Decimal):
            answer = float(answer)
        if answer is None or answer is pd.NA or answer is pd.NaT:
            raise AnswerTypeError(
                "the answer is empty (a missing value): a calculation used a missing value"
            )
        if not isinstance(answer, numbers.Real):
            raise AnswerTypeError(
                f"give one number (such as 12.5); this answer is a {type_name(answer)}"
            )
        try:
            value = float(answer)
        except OverflowError:
            raise AnswerTypeError("that number is far too large to be the answer") from None
        if math.isnan(value):
            raise AnswerTypeError(
                "the answer is NaN (not a number): a calculation used a missing value"
            )
        if math.isinf(value):
            raise AnswerTypeError("the answer is infinite: check for a division by zero")
        if container:  # [19], or a Series holding one value
            return value, (f"{container} as {read_as or f'the number {_number_text(value)}'}",)
        if read_as:  # "19"
            return value, (f"{quoted(typed)} as {read_as}",)
        return value, ()

    def out_of_range(self, value) -> str | None:
        """A sentence when ``value`` lies outside ``valid_range``, else None."""
        if self.valid_range is None:
            return None
        low, high = self.valid_range() if callable(self.valid_range) else self.valid_range
        if low <= value <= high:
            return None
        side = "below the smallest" if value < low else "above the largest"
        return f"{_number_text(value)} is {side} value this answer can take{self.range_note}."

    def same(self, value, expected) -> bool:
        """Whether the number is the key within the relative and absolute tolerances."""
        return math.isclose(value, expected, rel_tol=self.tolerance, abs_tol=self.absolute)

    def rounded(self, value, expected) -> str | None:
        """A sentence when ``value`` is the key rounded to fewer decimals than asked, else None.

        Only an exact rounding counts (-4.4 for -4.3512, 0.9 for 0.859), so the
        sentence is true whenever it is shown; a whole number counts only for a
        key of 1 or more (0 is no rounding of a share).
        """
        wanted = self.decimals if self.decimals is not None else 4
        for places in range(0, wanted):
            if places == 0 and abs(expected) < 1:
                continue
            if math.isclose(value, round(expected, places), rel_tol=0, abs_tol=1e-9):
                done = (
                    "a whole number"
                    if places == 0
                    else f"{places} decimal{'s' if places > 1 else ''}"
                )
                keep = (
                    f"Keep {self.decimals} decimals, as the exercise asks"
                    if self.decimals
                    else "Do not round: give the number as your calculation gives it"
                )
                return f"Close: your number looks rounded to {done}, and that is too coarse to check. {keep}."
        return None


class Text(AnswerType):
    """One word or label from a fixed list, compared without case or surrounding spaces."""

    def __init__(self, options: Iterable[str]):
        self.options = [str(option).lower() for option in options]

    def _choices(self) -> str:
        return ", ".join(quoted(option) for option in self.options)

    def reading(self, answer):
        """``(value, notes)``: one of the labels, lower-cased with runs of spaces made one."""
        answer, container = _one_value(answer, "label")
        if not isinstance(answer, str):
            raise AnswerTypeError(f"give one of the labels as text in quotes: {self._choices()}")
        value = " ".join(_check_text_length(answer).lower().split())
        if value not in self.options:
            raise AnswerTypeError(f"use one of these labels: {self._choices()}")
        if container or value != answer:
            return value, (f"{container or quoted(answer)} as {quoted(value)}",)
        return value, ()

    def same(self, value, expected) -> bool:
        """Whether the label is the key, ignoring case."""
        return value == str(expected).lower()


class IdSet(AnswerType):
    """A collection of ids, in any order: ``["001", "004"]``, ``("004",)`` or a Series.

    An id is ``prefix`` followed by ``width`` digits, written as text:
    ``IdSet()`` reads article ids such as ``"004"``, ``IdSet(width=4)`` years
    such as ``"2010"`` (whole numbers with the right number of digits, such as
    the years of a table's index, are the same ids), ``IdSet(prefix="C")``
    claim ids such as ``"C021"``. ``single=True`` when the exercise asks for
    one id, as text.

    Slips with one meaning are read, with a note: several ids in one text
    (``"001, 004"``), article ids as numbers or without leading zeros (``4`` for
    ``"004"``), an id in lower case (``"c021"``). A number where prefixed ids
    are asked (``21``: a row's position, or the id's digits?) is refused with a
    sentence. Other ids of the course's kinds (a letter and digits, such as
    ``"C021"`` where article ids are asked) are read in capitals, so a
    misreading can name that mix-up.

    ``known`` (a function returning every id the answer could sensibly hold)
    gives an answer with any other id its own message before any misreading
    is tried; ``noun`` names the ids in messages ("years", "article ids").
    """

    def __init__(
        self,
        width: int = 3,
        prefix: str = "",
        known: Callable[[], Iterable] | None = None,
        noun: str = "ids",
        single: bool = False,
    ):
        self.width, self.prefix = width, prefix.upper()
        self.known, self.noun, self.single = known, noun, single
        self._own = re.compile(rf"{re.escape(self.prefix)}\d{{{width}}}")
        self._other = re.compile(rf"[A-Za-z]{{1,3}}\d{{{width}}}")

    def _shape(self) -> str:
        digits = f"{self.width} digits"
        return f'"{self.prefix}" and {digits}' if self.prefix else digits

    def _pads_numbers(self) -> bool:
        """Whether a bare number can only mean one id: article ids (no prefix, width 3) can."""
        return not self.prefix and self.width <= 3

    def _wrong_size(self, number: int, digits: str) -> str:
        size = (
            "a negative number"
            if number < 0
            else f"a number of {len(digits) if len(digits) <= 50 else 'over 50'} digits"
        )
        return f"{size} is not one of the {self.noun}: they are texts of {self._shape()}"

    def _one(self, item) -> str:
        """One id, spelt as the table spells it (the caller notes any change)."""
        if item is pd.NA or item is pd.NaT or (isinstance(item, float) and math.isnan(item)):
            raise AnswerTypeError(
                f"the list holds a missing value (NaN): give only the {self.noun}, "
                f"as texts of {self._shape()}"
            )
        if isinstance(item, bool | np.bool_) or item is None:
            raise AnswerTypeError(
                f"the list holds {plain(item)}, which is not an id: give the {self.noun} "
                f"as texts of {self._shape()}"
            )
        if isinstance(item, numbers.Integral):
            number = int(item)
            digits = str(abs(number)) if abs(number) < 10**50 else "9" * 51
            if number >= 0 and len(digits) == self.width and not self.prefix:
                return digits  # a whole number with the right digits, such as a year of an index
            if number >= 0 and len(digits) < self.width and self._pads_numbers():
                return digits.zfill(self.width)
            if number >= 0 and len(digits) <= self.width:
                raise AnswerTypeError(
                    f"write each of the {self.noun} as the table does, as text in quotes: "
                    f'"{self.prefix}" and {self.width} digits (a bare number could be a '
                    "row's position as well as an id)"
                )
            raise AnswerTypeError(self._wrong_size(number, digits))
        if isinstance(item, numbers.Real):
            raise AnswerTypeError(
                f"the {self.noun} are texts of {self._shape()}, not decimal numbers"
            )
        if not isinstance(item, str):
            raise AnswerTypeError(
                f"the list holds a {type_name(item)}: give the {self.noun} as texts "
                f"of {self._shape()}, in a list"
            )
        text = _check_text_length(item).strip()
        if not text:
            raise AnswerTypeError(
                f"the list holds an empty text: give the {self.noun} as texts of {self._shape()}"
            )
        if self._own.fullmatch(text):
            return text
        upper = text.upper()
        if self._own.fullmatch(upper):
            return upper
        body = upper[len(self.prefix) :] if upper.startswith(self.prefix) else upper
        if body.isdigit() and len(body) < self.width and (self._pads_numbers() or body != upper):
            return self.prefix + body.zfill(self.width)  # "4" for "004", "C21" for "C021"
        if body.isdigit() and len(body) < self.width:
            raise AnswerTypeError(
                f'write each of the {self.noun} as the table does: "{self.prefix}" and '
                f"{self.width} digits (digits alone could be a row's position as well as an id)"
            )
        if self._other.fullmatch(text):  # another kind of id (a claim id for an article id):
            return upper  # read, so that a misreading can name the mix-up
        raise AnswerTypeError(
            f"{quoted(text)} is not one of the {self.noun}: they are texts of {self._shape()}"
        )

    def _split(self, items: list) -> tuple[list, bool]:
        """Texts with several ids in them ("001, 004") split into one item per id."""
        parts, split = [], False
        for item in items:
            if isinstance(item, str) and _SEPARATORS.search(_check_text_length(item).strip()):
                parts.extend(part for part in _SEPARATORS.split(item.strip()) if part)
                split = True
            else:
                parts.append(item)
        if len(parts) > MAX_ITEMS:
            raise AnswerTypeError(
                f"this answer has more than {MAX_ITEMS:,} items; give just the {self.noun}"
            )
        return parts, split

    def reading(self, answer):
        """``(value, notes)``: the set of ids, from a list, one column, or one text of several ids."""
        if isinstance(answer, pd.DataFrame):
            if answer.shape[1] != 1:
                raise AnswerTypeError(
                    f"give a list of {self.noun} (or one column of the table), not a whole table"
                )
            answer = answer.iloc[:, 0]
        if isinstance(answer, Mapping):
            raise AnswerTypeError(f'give a list of {self.noun}, e.g. ["…", "…"], not a dictionary')
        if isinstance(answer, bytes):
            raise AnswerTypeError(f'give the {self.noun} as text in quotes, not bytes (b"…")')
        one_text = isinstance(answer, str | numbers.Number) or answer is None
        if not one_text and not isinstance(answer, Iterable):
            raise AnswerTypeError(
                f'give a list of {self.noun}, e.g. ["…", "…"]; this answer is a {type_name(answer)}'
            )
        typed = [answer] if one_text else _items(answer, self.noun)
        for item in typed:
            if isinstance(item, list | tuple | set | frozenset | dict | np.ndarray | pd.Series):
                raise AnswerTypeError(f"give a flat list of {self.noun}, not a list of lists")
        parts, split = self._split(typed)
        if self.single and len(parts) > 1:
            raise AnswerTypeError(
                "the exercise asks for one id: give the one you mean, as text in quotes"
            )
        ids = [self._one(part) for part in parts]
        value = frozenset(ids)
        if self.single:
            slipped = not (one_text and isinstance(answer, str) and ids == [answer])
            shown = quoted(ids[0]) if ids else "no id"
        else:
            slipped = (
                split
                or one_text
                or any(
                    not isinstance(part, str) or part != read
                    for part, read in zip(parts, ids, strict=True)
                )
            )
            if (
                not one_text
                and not split
                and all(isinstance(part, numbers.Integral) for part in parts)
                and ids == [str(int(part)) for part in parts]
            ):
                slipped = False  # years of an index: whole numbers are these ids
            shown = "the list " + listed(ids)
        if not slipped:
            return value, ()
        return value, (f"{self._typed(answer)} as {shown}",)

    @staticmethod
    def _typed(answer) -> str:
        if isinstance(answer, str):
            return quoted(answer)
        if isinstance(answer, list | tuple):
            inside = ", ".join(
                quoted(item, 12) if isinstance(item, str) else _short(plain(item), 12)
                for item in answer[:8]
            )
            return f"[{inside}{', …' if len(answer) > 8 else ''}]"
        if isinstance(answer, numbers.Number):
            return _short(plain(answer), 20)
        return f"the {type_name(answer)}"

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
                where = (
                    "they end before it"
                    if int(item) > max(numeric)
                    else "they begin after it"
                    if int(item) < min(numeric)
                    else "it falls between them"
                )
                parts.append(f"{item} is not one of the {self.noun} there are: {where}")
            else:
                parts.append(f'"{item}" is not one of the {self.noun} there are')
        more = f" (and {len(stray) - 5} more like it)" if len(stray) > 5 else ""
        return "; ".join(parts) + more + "."

    def same(self, value, expected) -> bool:
        """Whether the ids are exactly the key's, in any order."""
        return value == frozenset(expected)


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}


class DateWithin(AnswerType):
    """A date, right when it falls inside the expected ``(earliest, latest)`` window.

    Accepts ``"2011-09-15"``, ``datetime.date``, ``datetime`` and ``pd.Timestamp``.
    A date with one possible meaning in another form ("2011/9/15", "15/09/2011",
    "5 October 2011") is read, with a note; one that could be read two ways
    ("05/10/2011") or lacks its year is refused with the form wanted.
    """

    def reading(self, answer):
        """``(value, notes)``: one date, from a date, a timestamp, a ``YYYY-MM-DD`` text or a one-value container."""
        if isinstance(answer, pd.Series | pd.Index | np.ndarray | list | tuple | set | frozenset):
            answer, container = _one_value(answer, "date")
        else:
            container = None
        if isinstance(answer, np.datetime64):
            answer = pd.Timestamp(answer)
        if isinstance(answer, pd.Timestamp | datetime):
            if pd.isna(answer):
                raise AnswerTypeError("the answer is NaT (not a time): a missing date")
            value, note = answer.date(), None
        elif isinstance(answer, date):
            value, note = answer, None
        elif isinstance(answer, str):
            value, note = self._from_text(_check_text_length(answer).strip())
            note = f"{quoted(answer)} as {value.isoformat()}" if note else None
        elif (
            isinstance(answer, numbers.Integral)
            and not isinstance(answer, bool)
            and 1000 <= answer <= 9999
        ):
            raise AnswerTypeError('that is a year; give a full date as text, "YYYY-MM-DD"')
        else:
            raise AnswerTypeError('give one date as text in the form "YYYY-MM-DD"')
        if container:
            note = f"{container} as {value.isoformat()}"
        return value, (note,) if note else ()

    @staticmethod
    def _day(year: int, month: int, day: int, text: str) -> date:
        try:
            return date(year, month, day)
        except ValueError:
            raise AnswerTypeError(
                f"{quoted(text)} is not a date of the calendar: check the month and the day"
            ) from None

    @classmethod
    def _from_text(cls, text: str) -> tuple[date, bool]:
        """The date a text names, and whether it was written in another form than YYYY-MM-DD."""
        wanted = 'give the date as text in the form "YYYY-MM-DD" (year, month, day, in digits)'
        iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if iso:
            return cls._day(*(int(part) for part in iso.groups()), text), False
        if re.fullmatch(r"\d{4}", text):
            raise AnswerTypeError('that is a year; give a full date, "YYYY-MM-DD"')
        year_first = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", text)
        if year_first:
            return cls._day(*(int(part) for part in year_first.groups()), text), True
        year_last = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if year_last:
            first, second, year = (int(part) for part in year_last.groups())
            if first > 12 and second > 12:
                raise AnswerTypeError(
                    f"{quoted(text)} is not a date of the calendar: no month is above 12"
                )
            if first > 12 >= second or first == second:
                return cls._day(year, second, first, text), True  # 15/09/2011: the day comes first
            if second > 12 >= first:
                return cls._day(
                    year, first, second, text
                ), True  # 09/15/2011: the month comes first
            raise AnswerTypeError(
                f"{wanted}: with the year last, day and month can be read either way round"
            )
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", text):
            raise AnswerTypeError(f"{wanted}: a year of two digits could be in any century")
        words = re.findall(r"[A-Za-z]+|\d+", text)
        month = next((_MONTHS[word.lower()] for word in words if word.lower() in _MONTHS), None)
        if month:
            days = [
                int(word)
                for word in words
                if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31
            ]
            years = [int(word) for word in words if word.isdigit() and len(word) == 4]
            if len(days) == 1 and len(years) == 1:
                return cls._day(
                    years[0], month, days[0], text
                ), True  # "5 October 2011", "Oct 5, 2011"
            example = f"{'YYYY' if len(years) != 1 else years[0]}-{month:02d}-{'DD' if len(days) != 1 else f'{days[0]:02d}'}"
            missing = " (the year too)" if not years else ""
            raise AnswerTypeError(f'write the date in digits{missing}, year first: "{example}"')
        raise AnswerTypeError(f'{wanted}, e.g. "YYYY-MM-DD"')

    def same(self, value, expected) -> bool:
        """Whether the date falls in the key's ``(earliest, latest)`` range, both ends included."""
        earliest, latest = expected
        return earliest <= value <= latest


class Labels(AnswerType):
    """A mapping from ids to labels, e.g. ``{"C020": "supported", ...}``.

    Every id in the key must be present, and no other: a dictionary with
    missing or extra ids is told which, before the labels are judged. An id
    in other capitals than the key's ("c020") is read as the key's, with a
    note, and so is a label in capitals. A DataFrame with an id column and a
    label column is accepted as well, named by ``key`` and ``label``.
    """

    by_key = True

    def __init__(self, options: Iterable[str], key: str, label: str):
        self.text = Text(options)
        self.key, self.label = key, label

    def reading(self, answer):
        """``(value, notes)``: a label for each key, from a dictionary, a Series or a two-column table."""
        if isinstance(answer, pd.DataFrame):
            if not {self.key, self.label} <= set(answer.columns):
                raise AnswerTypeError(
                    f"the table needs the columns {self.key!r} and {self.label!r}"
                )
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(
                    f"the table has more than {MAX_ITEMS:,} rows; give one row per "
                    f"{self.key} to judge"
                )
            keys, labels = answer[self.key].tolist(), answer[self.label].tolist()
            repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
            if repeated:
                raise AnswerTypeError(
                    f"{_short(', '.join(repeated))} appear(s) more than once in the "
                    f"{self.key} column: give one label for each"
                )
            answer = dict(zip(keys, labels, strict=True))
        if isinstance(answer, pd.Series):
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(
                    f"the Series has more than {MAX_ITEMS:,} values; give one per {self.key}"
                )
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            raise AnswerTypeError(
                f'give a dictionary from {self.key} to {self.label}, e.g. {{"…": "…", "…": "…"}}'
            )
        pairs = list(islice(answer.items(), MAX_ITEMS + 1))
        if len(pairs) > MAX_ITEMS:
            raise AnswerTypeError(
                f"the dictionary has more than {MAX_ITEMS:,} entries (only that many "
                f"were read); give one per {self.key} to judge"
            )
        value, relabelled = {}, []
        for key, label in pairs:
            if not isinstance(key, str):
                raise AnswerTypeError(
                    f"the {self.key}s are texts in quotes, as in the table; "
                    f"one of yours is a {type_name(key)}"
                )
            try:
                read, notes = self.text.reading(label)
            except AnswerTypeError as error:
                raise AnswerTypeError(f"for {_short(key.strip())!r}: {error}") from None
            value[_check_text_length(key).strip()] = read
            relabelled += notes
        return value, _few(relabelled, "label")

    def align(self, value, expected) -> tuple[dict, tuple[str, ...]]:
        """The answer with each id in the key's capitals ("c020" as "C020"), and a note for the changes."""
        wanted = {str(key) for key in expected}
        by_case = {}
        for key in wanted:
            by_case.setdefault(key.upper(), []).append(key)
        aligned, notes = {}, []
        for key, label in value.items():
            matches = by_case.get(key.upper(), [])
            if key not in wanted and len(matches) == 1 and matches[0] not in value:
                notes.append(f"{quoted(key, 12)} as {quoted(matches[0], 12)}")
                key = matches[0]
            aligned[key] = label
        return aligned, _few(notes, self.key)

    def incomplete(self, value, expected) -> str | None:
        """A sentence naming missing or extra ids, else None (never names a label)."""
        wanted = [str(key) for key in expected]
        missing = [key for key in wanted if key not in value]
        extra = sorted(key for key in value if key not in set(wanted))
        parts = []
        if missing:
            parts.append(
                f"your dictionary has no entry for {', '.join(missing[:10])}"
                f"{' and more' if len(missing) > 10 else ''}"
            )
        if extra:
            parts.append(
                f"{', '.join(_short(key, 12) for key in extra[:5])} "
                f"{'is' if len(extra) == 1 else 'are'} not among the {self.key}s to judge"
            )
        return "; ".join(parts) if parts else None

    def same(self, value, expected) -> bool:
        """Whether every key has the key's label, ignoring case, and no key is missing or extra."""
        return value == {key: str(label).lower() for key, label in expected.items()}

    def wrong_keys(self, value, expected) -> list[str]:
        """The ids whose label differs from the key (or is missing), in key order."""
        return [key for key in expected if value.get(key) != str(expected[key]).lower()]


def _few(notes: list[str], noun: str) -> tuple[str, ...]:
    """The first note and a count of the others like it: a long answer gets a short note."""
    if len(notes) <= 1:
        return tuple(notes)
    return (f"{notes[0]}, and {len(notes) - 1} more {noun}{'s' if len(notes) > 2 else ''} like it",)


class Choice(AnswerType):
    """A multiple-choice answer: one lettered option, or a set of them when ``multiple``.

    ``Choice({"a": "the outlet itself", "b": "a news agency"}, why_not={...})``
    reads ``"b"``; ``"B"``, ``"(b)"``, ``["b"]`` and the option's words are read
    as ``"b"`` with a note. With ``multiple=True`` it reads a list such as
    ``["a", "c"]``, and ``"a, c"`` or ``"a"`` as that list with a note.
    ``why_not`` holds, for every option, what a learner who picks it wrongly
    should reconsider: it is shown only when that option is chosen and is not
    part of the key, so feedback never names the right option.
    """

    def __init__(
        self, options: Mapping[str, str], why_not: Mapping[str, str], multiple: bool = False
    ):
        self.options = {str(letter).lower(): text for letter, text in options.items()}
        self.why_not = {str(letter).lower(): text for letter, text in why_not.items()}
        self.multiple = multiple
        missing = set(self.options) - set(self.why_not)
        if missing:
            raise ValueError(f"every option needs its feedback; none for {sorted(missing)}")

    def _letters(self) -> str:
        """The option letters in words, never as an example answer: "a to d"."""
        letters = list(self.options)
        return f"{letters[0]} to {letters[-1]}" if len(letters) > 2 else " or ".join(letters)

    def _letter(self, item) -> str:
        if not isinstance(item, str):
            raise AnswerTypeError(
                f"give the letter of an option as text in quotes (one of the letters "
                f"{self._letters()})"
            )
        item = _check_text_length(item)
        letter = item.strip().strip("()").strip().rstrip(").").strip().lower()
        if letter in self.options:
            return letter
        typed = " ".join(item.lower().split()).strip(" .")
        for option, text in self.options.items():
            if typed and typed == " ".join(str(text).lower().split()).strip(" ."):
                return option  # an option's words instead of its letter: only one option has them
        if ("," in item or ";" in item) and not self.multiple:
            raise AnswerTypeError("choose one option: give its letter alone, as text in quotes")
        raise AnswerTypeError(
            f"choose among the option letters {self._letters()}, each as text in quotes"
        )

    def reading(self, answer):
        """``(value, notes)``: the option letter (or the set of letters when several may fit)."""
        if isinstance(answer, pd.Series | pd.Index) or (
            isinstance(answer, np.ndarray) and answer.ndim == 1
        ):
            answer = list(answer[: MAX_ITEMS + 1].tolist())
        if not self.multiple:
            if isinstance(answer, list | tuple | set | frozenset):
                items = list(islice(iter(answer), 2))
                if len(items) != 1:
                    raise AnswerTypeError(
                        "choose one option: give its letter alone, as text in quotes"
                        + (", not a list of several" if items else "")
                    )
                letter = self._letter(items[0])
                return letter, (f"the one item of the list as {quoted(letter)}",)
            letter = self._letter(answer)
            return letter, () if answer == letter else (f"{quoted(answer)} as {quoted(letter)}",)
        if isinstance(answer, str):
            text = _check_text_length(answer).strip()
            parts = (
                [part for part in _SEPARATORS.split(text) if part]
                if _SEPARATORS.search(text)
                else [text]
            )
            if len(parts) > 1 and not all(
                part.strip("()").lower() in self.options for part in parts
            ):
                parts = [text]  # an option's words, spaces and all
            letters = [self._letter(part) for part in parts[: len(self.options) + 1]]
            return frozenset(letters), (
                f"{quoted(answer)} as the list {listed(sorted(set(letters)))}",
            )
        if not isinstance(answer, list | tuple | set | frozenset):
            raise AnswerTypeError(
                'give the letters of every option that fits as a list of texts, e.g. ["…", "…"]'
            )
        items = list(islice(iter(answer), len(self.options) + 1))
        letters = [self._letter(item) for item in items]
        if all(item == letter for item, letter in zip(items, letters, strict=True)):
            return frozenset(letters), ()
        return frozenset(letters), (
            f"{IdSet._typed(list(items))} as {listed(sorted(set(letters)))}",
        )

    def same(self, value, expected) -> bool:
        """Whether the letter (or the set of letters) is the key's, ignoring case."""
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

    def wrong_choice(self, value, expected) -> str:
        """The wrong letters chosen, in order ("b", "ac"), or "missing" when only a fitting one is left out."""
        wrong = sorted(set(value) - set(expected)) if self.multiple else [value]
        return "".join(wrong) or "missing"
