"""Answer types for checked exercises: how to read a learner's answer and compare it."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import pandas as pd


class AnswerTypeError(ValueError):
    """The answer is not of a kind the exercise can compare; the message says what to give."""


class Number:
    """A number, right when within ``tolerance`` (relative) of the expected value.

    ``Number(tolerance=0.01)`` accepts 12.84 for 12.8 and 12.85; a percentage
    typed as text ("12.8") is read too, with a note, since it is a common slip.
    """

    def __init__(self, tolerance: float = 0.005, absolute: float = 0.0):
        self.tolerance, self.absolute = tolerance, absolute

    def read(self, answer):
        if isinstance(answer, bool):
            raise AnswerTypeError("give a number (such as 12.5), not True or False")
        if isinstance(answer, pd.Series | pd.DataFrame) and answer.size == 1:
            answer = answer.to_numpy().ravel()[0]
        if isinstance(answer, str):
            cleaned = answer.strip().rstrip("%").replace(",", "").strip()
            try:
                answer = float(cleaned)
            except ValueError:
                raise AnswerTypeError("give a number (such as 12.5), without words or units") from None
        if not isinstance(answer, numbers.Real):
            raise AnswerTypeError(f"give one number (such as 12.5); this answer is a {type(answer).__name__}")
        value = float(answer)
        if math.isnan(value):
            raise AnswerTypeError("the answer is NaN (not a number): a calculation used a missing value")
        if math.isinf(value):
            raise AnswerTypeError("the answer is infinite: check for a division by zero")
        return value

    def same(self, value, expected) -> bool:
        return math.isclose(value, expected, rel_tol=self.tolerance, abs_tol=self.absolute)


class Text:
    """One word or label from a fixed list, compared without case or surrounding spaces."""

    def __init__(self, options: Iterable[str]):
        self.options = [str(option).lower() for option in options]

    def read(self, answer):
        if not isinstance(answer, str):
            raise AnswerTypeError("give one of the labels as text in quotes, e.g. "
                                  f"\"{self.options[0]}\"")
        value = " ".join(answer.lower().split())
        if value not in self.options:
            choices = ", ".join(f'"{option}"' for option in self.options)
            raise AnswerTypeError(f"use one of these labels: {choices}")
        return value

    def same(self, value, expected) -> bool:
        return value == str(expected).lower()


class IdSet:
    """A collection of ids, in any order: ``["001", "004"]``, ``{1, 4}`` or a Series.

    ``width`` pads numbers with zeros, so ``4`` reads as ``"004"`` for article ids.
    """

    def __init__(self, width: int = 3, prefix: str = ""):
        self.width, self.prefix = width, prefix

    def _one(self, item) -> str:
        if isinstance(item, numbers.Integral) and not isinstance(item, bool):
            return f"{self.prefix}{int(item):0{self.width}d}"
        if isinstance(item, str) and item.strip():
            text = item.strip().upper() if self.prefix else item.strip()
            if text.isdigit():
                return f"{self.prefix}{int(text):0{self.width}d}"
            return text
        raise AnswerTypeError("give the ids as a list of text, e.g. [\"id1\", \"id2\"]")

    def read(self, answer):
        if isinstance(answer, pd.DataFrame):
            raise AnswerTypeError("give a list of ids (or one column of the table), not a whole table")
        if isinstance(answer, str | numbers.Integral):
            answer = [answer]
        if isinstance(answer, pd.Series | pd.Index):
            answer = answer.tolist()
        if not isinstance(answer, Iterable) or isinstance(answer, Mapping):
            raise AnswerTypeError("give a list of ids, e.g. [\"id1\", \"id2\"]")
        return frozenset(self._one(item) for item in answer)

    def same(self, value, expected) -> bool:
        return value == frozenset(expected)


class DateWithin:
    """A date, right when it falls inside the expected ``(earliest, latest)`` window.

    Accepts ``"2011-09-15"``, ``datetime.date``, ``datetime`` and ``pd.Timestamp``.
    """

    def read(self, answer):
        if isinstance(answer, pd.Timestamp | datetime):
            return answer.date() if not pd.isna(answer) else self._fail()
        if isinstance(answer, date):
            return answer
        if isinstance(answer, str):
            try:
                return date.fromisoformat(answer.strip())
            except ValueError:
                pass
        return self._fail()

    @staticmethod
    def _fail():
        raise AnswerTypeError('give one date as text in the form "YYYY-MM-DD", e.g. "2000-01-31"')

    def same(self, value, expected) -> bool:
        earliest, latest = expected
        return earliest <= value <= latest


class Labels:
    """A mapping from ids to labels, e.g. ``{"C020": "supported", ...}``.

    Every id in the key must be present; a DataFrame with an id column and a
    label column is accepted as well, named by ``key`` and ``label``.
    """

    def __init__(self, options: Iterable[str], key: str, label: str):
        self.text = Text(options)
        self.key, self.label = key, label

    def read(self, answer):
        if isinstance(answer, pd.DataFrame):
            if not {self.key, self.label} <= set(answer.columns):
                raise AnswerTypeError(f"the table needs the columns {self.key!r} and {self.label!r}")
            answer = dict(zip(answer[self.key], answer[self.label], strict=True))
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            raise AnswerTypeError(f"give a dictionary from {self.key} to {self.label}, "
                                  "e.g. {\"C001\": \"...\"}")
        return {str(key): self.text.read(value) for key, value in answer.items()}

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
        letter = item.strip().strip("()").strip().rstrip(").").strip().lower()
        if letter not in self.options:
            if "," in item or ";" in item:
                raise AnswerTypeError('give the letters as a list, e.g. ["a", "c"], not as one text')
            raise AnswerTypeError(f"choose among the option letters {self._letters()}")
        return letter

    def read(self, answer):
        if isinstance(answer, pd.Series | pd.Index):
            answer = answer.tolist()
        if not self.multiple:
            if isinstance(answer, list | tuple | set | frozenset):
                raise AnswerTypeError(f"choose one option: give its letter as text, e.g. \"{next(iter(self.options))}\"")
            return self._letter(answer)
        if isinstance(answer, str):
            return frozenset({self._letter(answer)})
        if not isinstance(answer, list | tuple | set | frozenset):
            raise AnswerTypeError('give the letters of every option that fits as a list, e.g. ["a", "c"]')
        return frozenset(self._letter(item) for item in list(answer)[:len(self.options) + 1])

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
