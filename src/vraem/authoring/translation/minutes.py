"""Stated times in a translation: ``mask_minutes(text)``, ``carry_minutes(english, spanish)``.

The English build rewrites every stated time from the timing model (:mod:`vraem.stated_times`),
so a lesson's minutes change whenever its text does. A change of minutes alone must neither
leave the Spanish stale nor send an entry back to review. So the minutes are not part of
what a translator answers for:

- a catalogue entry whose English changed only in its minutes keeps its translation and is
  not marked fuzzy (:func:`mask_minutes` makes the two English texts equal);
- the Spanish build writes the English minutes into the Spanish text, in order
  (:func:`carry_minutes`), so the Spanish always states the model's times.

A minute figure is a number, or a sum such as ``3 + 4``, followed by ``min``, ``minute(s)``
or ``minuto(s)``: ``(4 min)``, ``about 35 minutes``, ``unos 35 minutos``, ``5 + 5 min``.
The translation keeps them in the English order (the structure check says when it does not).
"""

from __future__ import annotations

import re

#: A run of minute figures: ``27 min``, ``3 + 4 min``, ``35 minutes``, ``35 minutos``.
MINUTE_RUN = re.compile(
    r"(?<![\w.,])(?P<run>\d+(?:\s*\+\s*\d+)*)(?=\s*(?:min|minutes?|minutos?)\b)"
)
_NUMBER = re.compile(r"\d+")


def minute_figures(text: str) -> list[str]:
    """The minute figures of a text in order: ``minute_figures("3 + 4 min; 9 min")`` is ``["3", "4", "9"]``."""
    return [number for match in MINUTE_RUN.finditer(text) for number in _NUMBER.findall(match[0])]


def mask_minutes(text: str) -> str:
    """The text with every minute figure replaced by ``#``, to compare two versions of one English text."""
    return MINUTE_RUN.sub(lambda match: _NUMBER.sub("#", match[0]), text)


def carry_minutes(english: str, spanish: str) -> str:
    """The Spanish text with the English minute figures, in order (unchanged if their counts differ)."""
    figures = minute_figures(english)
    if len(figures) != len(minute_figures(spanish)):
        return spanish
    numbers = iter(figures)
    return MINUTE_RUN.sub(lambda match: _NUMBER.sub(lambda _: next(numbers), match[0]), spanish)
