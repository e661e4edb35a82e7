"""A date answer, right within a window of days: ``DateWithin`` reads ``"2011-09-15"`` and unambiguous slips."""

from __future__ import annotations

import numbers
import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from ..i18n import _
from .protocol import AnswerType, AnswerTypeError
from .reading_helpers import check_text_length, one_value, quoted, read_as

#: Month names a date in words may use, in either language the course speaks (read alike in both:
#: judging never depends on the language). Written out, not taken from the OS locale.
_MONTH_WORDS = {
    1: "january jan enero ene",
    2: "february feb febrero",
    3: "march mar marzo",
    4: "april apr abril abr",
    5: "may mayo",
    6: "june jun junio",
    7: "july jul julio",
    8: "august aug agosto ago",
    # Peru writes "setiembre" ("set.") as well as "septiembre"
    9: "september sep sept septiembre setiembre set",
    10: "october oct octubre",
    11: "november nov noviembre",
    12: "december dec diciembre dic",
}
_MONTHS = {word: number for number, words in _MONTH_WORDS.items() for word in words.split()}


class DateWithin(AnswerType):
    """A date, right when it falls inside the expected ``(earliest, latest)`` window.

    Accepts ``"2011-09-15"``, ``datetime.date``, ``datetime`` and ``pd.Timestamp``.
    A date with one possible meaning in another form ("2011/9/15", "15/09/2011",
    "5 October 2011", "15 de setiembre de 2011", "15 set. 2011": month names in
    English or Spanish, in every language) is read, with a note; one that could
    be read two ways ("05/10/2011") or lacks its year is refused with the form wanted.
    """

    def reading(self, answer):
        """``(value, notes)``: one date, from a date, a timestamp, a ``YYYY-MM-DD`` text or a one-value container."""
        if isinstance(answer, pd.Series | pd.Index | np.ndarray | list | tuple | set | frozenset):
            answer, container = one_value(answer, "date")
        else:
            container = None
        if isinstance(answer, np.datetime64):
            answer = pd.Timestamp(answer)
        if isinstance(answer, pd.Timestamp | datetime):
            if pd.isna(answer):
                raise AnswerTypeError(_("the answer is NaT (not a time): a missing date"))
            value, note = answer.date(), None
        elif isinstance(answer, date):
            value, note = answer, None
        elif isinstance(answer, str):
            value, note = self._from_text(check_text_length(answer).strip())
            note = read_as(quoted(answer), value.isoformat()) if note else None
        elif (
            isinstance(answer, numbers.Integral)
            and not isinstance(answer, bool)
            and 1000 <= answer <= 9999
        ):
            raise AnswerTypeError(_('that is a year; give a full date as text, "YYYY-MM-DD"'))
        else:
            raise AnswerTypeError(_('give one date as text in the form "YYYY-MM-DD"'))
        if container:
            note = read_as(container, value.isoformat())
        return value, (note,) if note else ()

    @staticmethod
    def _day(year: int, month: int, day: int, text: str) -> date:
        try:
            return date(year, month, day)
        except ValueError:
            raise AnswerTypeError(
                _("{text} is not a date of the calendar: check the month and the day").format(
                    text=quoted(text)
                )
            ) from None

    @classmethod
    def _from_text(cls, text: str) -> tuple[date, bool]:
        """The date a text names, and whether it was written in another form than YYYY-MM-DD."""
        iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if iso:
            return cls._day(*(int(part) for part in iso.groups()), text), False
        if re.fullmatch(r"\d{4}", text):
            raise AnswerTypeError(_('that is a year; give a full date, "YYYY-MM-DD"'))
        year_first = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", text)
        if year_first:
            return cls._day(*(int(part) for part in year_first.groups()), text), True
        year_last = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if year_last:
            first, second, year = (int(part) for part in year_last.groups())
            if first > 12 and second > 12:
                raise AnswerTypeError(
                    _("{text} is not a date of the calendar: no month is above 12").format(
                        text=quoted(text)
                    )
                )
            if first > 12 >= second or first == second:
                return cls._day(year, second, first, text), True  # 15/09/2011: the day comes first
            if second > 12 >= first:
                return cls._day(
                    year, first, second, text
                ), True  # 09/15/2011: the month comes first
            raise AnswerTypeError(
                _(
                    'give the date as text in the form "YYYY-MM-DD" (year, month, day, in '
                    "digits): with the year last, day and month can be read either way round"
                )
            )
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", text):
            raise AnswerTypeError(
                _(
                    'give the date as text in the form "YYYY-MM-DD" (year, month, day, in '
                    "digits): a year of two digits could be in any century"
                )
            )
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
            if not years:
                raise AnswerTypeError(
                    _('write the date in digits (the year too), year first: "{example}"').format(
                        example=example
                    )
                )
            raise AnswerTypeError(
                _('write the date in digits, year first: "{example}"').format(example=example)
            )
        raise AnswerTypeError(
            _(
                'give the date as text in the form "YYYY-MM-DD" (year, month, day, in digits), '
                'e.g. "YYYY-MM-DD"'
            )
        )

    def same(self, value, expected) -> bool:
        """Whether the date falls in the key's ``(earliest, latest)`` range, both ends included."""
        earliest, latest = expected
        return earliest <= value <= latest
