"""An answer of ids in any order (articles, claims, years): ``IdSet(prefix="C")`` reads ``["C021", "C034"]``."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from .protocol import AnswerType, AnswerTypeError
from .reading_helpers import (
    MAX_ITEMS,
    SEPARATORS,
    as_typed,
    bounded_items,
    check_text_length,
    listed,
    plain,
    quoted,
    type_name,
)


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
        text = check_text_length(item).strip()
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
            if isinstance(item, str) and SEPARATORS.search(check_text_length(item).strip()):
                parts.extend(part for part in SEPARATORS.split(item.strip()) if part)
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
        typed = [answer] if one_text else bounded_items(answer, self.noun)
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
        return value, (f"{as_typed(answer)} as {shown}",)

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
