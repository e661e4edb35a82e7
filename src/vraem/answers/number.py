"""A number answer, read from digits or text, with a tolerance: ``Number(tolerance=0.01, unit="share")``."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable
from decimal import Decimal

import numpy as np
import pandas as pd

from ..i18n import _, ngettext
from .protocol import AnswerType, AnswerTypeError
from .reading_helpers import check_text_length, number_text, one_value, quoted, read_as, type_name

#: One comma before exactly three digits, after one to three: "1,234", "20,304" (thousands or decimals?).
_ONE_THOUSANDS_COMMA = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")
#: Any other single comma between digits can only be a decimal comma: "12,5", "12,79", "0,483".
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
#: Two commas or more, each before three digits: a decimal comma is never repeated ("1,234,567").
_THOUSANDS_COMMAS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3}){2,}")


class Number(AnswerType):
    """A number, right when within ``tolerance`` (relative) or ``absolute`` of the expected value.

    ``Number(tolerance=0.01)`` accepts 12.84 for 12.8 and 12.85. A number typed
    as text ("12.8", "−4.35", "1,234.5") is read, with a note. ``unit`` says
    what a % sign means: ``"percent"`` (the exercise asks for percent: "12.8%"
    is 12.8), ``"share"`` (it asks for a share between 0 and 1: "48.3%" is
    0.483) or None (a plain number: a % sign is refused). A decimal comma is
    read as one ("12,79" is 12.79, "0,483" is 0.483, in every language); a
    comma before exactly three digits ("1,234": 1234 or 1.234?) and a space
    inside a number are refused with a sentence that says what to type.

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
        text = check_text_length(text).strip().replace("\u2212", "-")  # a typographic minus
        percent = text.endswith("%")
        cleaned = text.rstrip("%").strip()
        if _ONE_THOUSANDS_COMMA.fullmatch(cleaned):  # "1,234": 1234, or 1.234 with a decimal comma?
            raise AnswerTypeError(
                _(
                    "a comma before three digits can be read two ways, between thousands or as "
                    "a decimal comma: write the number without a thousands separator, with a "
                    "point for decimals"
                )
            )
        if _DECIMAL_COMMA.fullmatch(cleaned):  # "12,79", "0,483": only a decimal comma
            cleaned = cleaned.replace(",", ".")
        elif _THOUSANDS_COMMAS.fullmatch(cleaned):  # "1,234,567": only commas between thousands
            cleaned = cleaned.replace(",", "")
        elif re.fullmatch(
            r"[+-]?[1-9]\d{0,2}(,\d{3})+\.\d+", cleaned
        ):  # "1,234.5": the point settles it
            cleaned = cleaned.replace(",", "")
        if re.fullmatch(r"[+-]?\d+( \d+)+(\.\d+)?", cleaned):
            raise AnswerTypeError(
                _("write one number without spaces: a space can part two numbers or mark thousands")
            )
        try:
            value = float(cleaned)
        except ValueError:
            if "," in cleaned or ";" in cleaned:
                raise AnswerTypeError(
                    _("give one number (such as 12.5), not a list of numbers in a text")
                ) from None
            raise AnswerTypeError(
                _("give a number in digits (such as 12.5), without words or units")
            ) from None
        if not percent:
            return value, _("the number {number}").format(number=number_text(value))
        if self.unit == "percent":
            return value, _("the number {number} (percent)").format(number=number_text(value))
        if self.unit == "share":
            return value / 100, _("the share {number}").format(number=number_text(value / 100))
        raise AnswerTypeError(
            _("give a plain number, without a % sign: this answer is not a percentage")
        )

    def reading(self, answer):
        """``(value, notes)``: one finite number, from a number, a numeric text or a one-value container."""
        answer, container = one_value(answer, "number")
        if isinstance(answer, bool | np.bool_):
            raise AnswerTypeError(_("give a number (such as 12.5), not True or False"))
        how = None
        if isinstance(answer, str):
            typed = answer
            answer, how = self._from_text(answer)
        if isinstance(answer, Decimal):
            answer = float(answer)
        if answer is None or answer is pd.NA or answer is pd.NaT:
            raise AnswerTypeError(
                _("the answer is empty (a missing value): a calculation used a missing value")
            )
        if not isinstance(answer, numbers.Real):
            raise AnswerTypeError(
                _("give one number (such as 12.5); this answer is a {type}").format(
                    type=type_name(answer)
                )
            )
        try:
            value = float(answer)
        except OverflowError:
            raise AnswerTypeError(_("that number is far too large to be the answer")) from None
        if math.isnan(value):
            raise AnswerTypeError(
                _("the answer is NaN (not a number): a calculation used a missing value")
            )
        if math.isinf(value):
            raise AnswerTypeError(_("the answer is infinite: check for a division by zero"))
        if container:  # [19], or a Series holding one value
            shown = how or _("the number {number}").format(number=number_text(value))
            return value, (read_as(container, shown),)
        if how:  # "19"
            return value, (read_as(quoted(typed), how),)
        return value, ()

    def out_of_range(self, value) -> str | None:
        """A sentence when ``value`` lies outside ``valid_range``, else None."""
        if self.valid_range is None:
            return None
        low, high = self.valid_range() if callable(self.valid_range) else self.valid_range
        if low <= value <= high:
            return None
        text = (
            _("{number} is below the smallest value this answer can take{note}.")
            if value < low
            else _("{number} is above the largest value this answer can take{note}.")
        )
        return text.format(
            number=number_text(value), note=_(self.range_note) if self.range_note else ""
        )

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
                    _(
                        "Close: your number looks rounded to a whole number, and that is too coarse to check."
                    )
                    if places == 0
                    else ngettext(
                        "Close: your number looks rounded to {places} decimal, and that is too coarse to check.",
                        "Close: your number looks rounded to {places} decimals, and that is too coarse to check.",
                        places,
                    ).format(places=places)
                )
                keep = (
                    _("Keep {decimals} decimals, as the exercise asks.").format(
                        decimals=self.decimals
                    )
                    if self.decimals
                    else _("Do not round: give the number as your calculation gives it.")
                )
                return f"{done} {keep}"
        return None
