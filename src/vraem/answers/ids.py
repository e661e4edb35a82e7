"""An answer of ids in any order (articles, claims, years): ``IdSet(prefix="C")`` reads ``["C021", "C034"]``."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from ..i18n import N_, _, ngettext
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
    read_as,
    the_list,
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
    is tried; ``noun`` names the ids in messages ("years", "article ids"), marked with ``N_``
    where it is written and shown in the learner's language.
    """

    def __init__(
        self,
        width: int = 3,
        prefix: str = "",
        known: Callable[[], Iterable] | None = None,
        noun: str = N_("ids"),
        single: bool = False,
    ):
        self.width, self.prefix = width, prefix.upper()
        self.known, self.noun, self.single = known, noun, single
        self._own = re.compile(rf"{re.escape(self.prefix)}\d{{{width}}}")
        self._other = re.compile(rf"[A-Za-z]{{1,3}}\d{{{width}}}")

    def _noun(self) -> str:
        return _(self.noun)

    def _shape(self) -> str:
        if self.prefix:
            return _('"{prefix}" and {width} digits').format(prefix=self.prefix, width=self.width)
        return _("{width} digits").format(width=self.width)

    def _pads_numbers(self) -> bool:
        """Whether a bare number can only mean one id: article ids (no prefix, width 3) can."""
        return not self.prefix and self.width <= 3

    def _wrong_size(self, number: int, digits: str) -> str:
        if number < 0:
            text = _("a negative number is not one of the {noun}: they are texts of {shape}")
        elif len(digits) > 50:
            text = _(
                "a number of over 50 digits is not one of the {noun}: they are texts of {shape}"
            )
        else:
            text = _(
                "a number of {count} digits is not one of the {noun}: they are texts of {shape}"
            )
        return text.format(count=len(digits), noun=self._noun(), shape=self._shape())

    def _one(self, item) -> str:
        """One id, spelt as the table spells it (the caller notes any change)."""
        if item is pd.NA or item is pd.NaT or (isinstance(item, float) and math.isnan(item)):
            raise AnswerTypeError(
                _(
                    "the list holds a missing value (NaN): give only the {noun}, as texts of {shape}"
                ).format(noun=self._noun(), shape=self._shape())
            )
        if isinstance(item, bool | np.bool_) or item is None:
            raise AnswerTypeError(
                _(
                    "the list holds {item}, which is not an id: give the {noun} as texts of {shape}"
                ).format(item=plain(item), noun=self._noun(), shape=self._shape())
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
                    _(
                        "write each of the {noun} as the table does, as text in quotes: "
                        "{shape} (a bare number could be a row's position as well as an id)"
                    ).format(
                        noun=self._noun(),
                        shape=_('"{prefix}" and {width} digits').format(
                            prefix=self.prefix, width=self.width
                        ),
                    )
                )
            raise AnswerTypeError(self._wrong_size(number, digits))
        if isinstance(item, numbers.Real):
            raise AnswerTypeError(
                _("the {noun} are texts of {shape}, not decimal numbers").format(
                    noun=self._noun(), shape=self._shape()
                )
            )
        if not isinstance(item, str):
            raise AnswerTypeError(
                _("the list holds a {type}: give the {noun} as texts of {shape}, in a list").format(
                    type=type_name(item), noun=self._noun(), shape=self._shape()
                )
            )
        text = check_text_length(item).strip()
        if not text:
            raise AnswerTypeError(
                _("the list holds an empty text: give the {noun} as texts of {shape}").format(
                    noun=self._noun(), shape=self._shape()
                )
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
                _(
                    "write each of the {noun} as the table does: {shape} (digits alone could "
                    "be a row's position as well as an id)"
                ).format(
                    noun=self._noun(),
                    shape=_('"{prefix}" and {width} digits').format(
                        prefix=self.prefix, width=self.width
                    ),
                )
            )
        if self._other.fullmatch(text):  # another kind of id (a claim id for an article id):
            return upper  # read, so that a misreading can name the mix-up
        raise AnswerTypeError(
            _("{text} is not one of the {noun}: they are texts of {shape}").format(
                text=quoted(text), noun=self._noun(), shape=self._shape()
            )
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
                _("this answer has more than {limit} items; give just the {noun}").format(
                    limit=f"{MAX_ITEMS:,}", noun=self._noun()
                )
            )
        return parts, split

    def reading(self, answer):
        """``(value, notes)``: the set of ids, from a list, one column, or one text of several ids."""
        if isinstance(answer, pd.DataFrame):
            if answer.shape[1] != 1:
                raise AnswerTypeError(
                    _(
                        "give a list of {noun} (or one column of the table), not a whole table"
                    ).format(noun=self._noun())
                )
            answer = answer.iloc[:, 0]
        if isinstance(answer, Mapping):
            raise AnswerTypeError(
                _("give a list of {noun}, e.g. {example}, not a dictionary").format(
                    noun=self._noun(), example='["…", "…"]'
                )
            )
        if isinstance(answer, bytes):
            raise AnswerTypeError(
                _("give the {noun} as text in quotes, not bytes ({example})").format(
                    noun=self._noun(), example='b"…"'
                )
            )
        one_text = isinstance(answer, str | numbers.Number) or answer is None
        if not one_text and not isinstance(answer, Iterable):
            raise AnswerTypeError(
                _("give a list of {noun}, e.g. {example}; this answer is a {type}").format(
                    noun=self._noun(), example='["…", "…"]', type=type_name(answer)
                )
            )
        typed = [answer] if one_text else bounded_items(answer, self._noun())
        for item in typed:
            if isinstance(item, list | tuple | set | frozenset | dict | np.ndarray | pd.Series):
                raise AnswerTypeError(
                    _("give a flat list of {noun}, not a list of lists").format(noun=self._noun())
                )
        parts, split = self._split(typed)
        if self.single and len(parts) > 1:
            raise AnswerTypeError(
                _("the exercise asks for one id: give the one you mean, as text in quotes")
            )
        ids = [self._one(part) for part in parts]
        value = frozenset(ids)
        if self.single:
            slipped = not (one_text and isinstance(answer, str) and ids == [answer])
            shown = quoted(ids[0]) if ids else _("no id")
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
            shown = the_list(listed(ids))
        if not slipped:
            return value, ()
        return value, (read_as(as_typed(answer), shown),)

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
                text = (
                    _("{item} is not one of the {noun} there are: they end before it")
                    if int(item) > max(numeric)
                    else _("{item} is not one of the {noun} there are: they begin after it")
                    if int(item) < min(numeric)
                    else _("{item} is not one of the {noun} there are: it falls between them")
                )
                parts.append(text.format(item=item, noun=self._noun()))
            else:
                parts.append(
                    _('"{item}" is not one of the {noun} there are').format(
                        item=item, noun=self._noun()
                    )
                )
        text = "; ".join(parts)
        if len(stray) > 5:
            others = len(stray) - 5
            return ngettext(
                "{text} (and {count} more like it).", "{text} (and {count} more like it).", others
            ).format(text=text, count=others)
        return text + "."

    def same(self, value, expected) -> bool:
        """Whether the ids are exactly the key's, in any order."""
        return value == frozenset(expected)
