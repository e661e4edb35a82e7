"""A multiple-choice answer: ``Choice(options, why_not=...)`` reads one letter, or a set when ``multiple``."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice

import numpy as np
import pandas as pd

from ..i18n import _
from .protocol import AnswerType, AnswerTypeError
from .reading_helpers import (
    MAX_ITEMS,
    SEPARATORS,
    as_typed,
    check_text_length,
    listed,
    quoted,
    read_as,
    the_list,
)


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
        if len(letters) > 2:
            return _("{first} to {last}").format(first=letters[0], last=letters[-1])
        if len(letters) == 2:
            return _("{first} or {last}").format(first=letters[0], last=letters[-1])
        return "".join(letters)

    def _letter(self, item) -> str:
        if not isinstance(item, str):
            raise AnswerTypeError(
                _(
                    "give the letter of an option as text in quotes (one of the letters {letters})"
                ).format(letters=self._letters())
            )
        item = check_text_length(item)
        letter = item.strip().strip("()").strip().rstrip(").").strip().lower()
        if letter in self.options:
            return letter
        typed = " ".join(item.lower().split()).strip(" .")
        for option, text in self.options.items():
            if typed and typed == " ".join(str(text).lower().split()).strip(" ."):
                return option  # an option's words instead of its letter: only one option has them
        if ("," in item or ";" in item) and not self.multiple:
            raise AnswerTypeError(_("choose one option: give its letter alone, as text in quotes"))
        raise AnswerTypeError(
            _("choose among the option letters {letters}, each as text in quotes").format(
                letters=self._letters()
            )
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
                        _(
                            "choose one option: give its letter alone, as text in quotes, "
                            "not a list of several"
                        )
                        if items
                        else _("choose one option: give its letter alone, as text in quotes")
                    )
                letter = self._letter(items[0])
                return letter, (read_as(_("the one item of the list"), quoted(letter)),)
            letter = self._letter(answer)
            return letter, () if answer == letter else (read_as(quoted(answer), quoted(letter)),)
        if isinstance(answer, str):
            text = check_text_length(answer).strip()
            parts = (
                [part for part in SEPARATORS.split(text) if part]
                if SEPARATORS.search(text)
                else [text]
            )
            if len(parts) > 1 and not all(
                part.strip("()").lower() in self.options for part in parts
            ):
                parts = [text]  # an option's words, spaces and all
            letters = [self._letter(part) for part in parts[: len(self.options) + 1]]
            return frozenset(letters), (
                read_as(quoted(answer), the_list(listed(sorted(set(letters))))),
            )
        if not isinstance(answer, list | tuple | set | frozenset):
            raise AnswerTypeError(
                _(
                    "give the letters of every option that fits as a list of texts, e.g. {example}"
                ).format(example='["…", "…"]')
            )
        items = list(islice(iter(answer), len(self.options) + 1))
        letters = [self._letter(item) for item in items]
        if all(item == letter for item, letter in zip(items, letters, strict=True)):
            return frozenset(letters), ()
        return frozenset(letters), (read_as(as_typed(list(items)), listed(sorted(set(letters)))),)

    def same(self, value, expected) -> bool:
        """Whether the letter (or the set of letters) is the key's, ignoring case."""
        if self.multiple:
            return value == frozenset(str(letter).lower() for letter in expected)
        return value == str(expected).lower()

    def explain(self, value, expected) -> str:
        """Feedback for a wrong choice: why each wrongly chosen option does not fit."""
        if not self.multiple:
            return _(self.why_not[value])
        expected = frozenset(str(letter).lower() for letter in expected)
        wrong = sorted(value - expected)
        parts = [f"({letter}) {_(self.why_not[letter])}" for letter in wrong]
        if expected - value:
            parts.append(_("At least one option that fits is not in your list yet."))
        return " ".join(parts)

    def wrong_choice(self, value, expected) -> str:
        """The wrong letters chosen, in order ("b", "ac"), or "missing" when only a fitting one is left out."""
        wrong = sorted(set(value) - set(expected)) if self.multiple else [value]
        return "".join(wrong) or "missing"
