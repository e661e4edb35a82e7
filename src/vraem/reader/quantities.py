"""Every quantity in a text, with its hedge, unit and source: ``find_numbers("Some 500 fighters.")``.

Leaves out what is no quantity (years, dates, phone numbers, ordinals, "one of the").
Each sentence's hedges, phone numbers and sources are found once, so the time grows in
proportion to the text however many numbers a sentence holds.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache

from .. import attribution
from ..i18n import _
from ..numbers import parse_quantity
from .articles import labelled
from .quantity_patterns import (
    BETWEEN,
    CHANGE,
    DATE_CONTEXT,
    DECADE_WORD,
    DIGIT_RUNS,
    FRACTION_WORD,
    HEDGE_PATTERN,
    NOT_A_QUANTITY_AFTER,
    NUMBER_PATTERN,
    PHONE_NUMBER,
    UNIT_NAMES,
    UNIT_STEMS,
    WORD_AND_SPACE,
    YEAR,
)
from .sentences import normalise, sentences


class _Sentence:
    """One sentence with what the drafter looks up for each of its numbers, found once.

    Each number then needs only a few characters around it and a binary search, so a
    sentence of a thousand numbers costs a thousand small steps, not a million.
    """

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def _hedges(self) -> tuple[list[re.Match], list[int]]:
        hedges = list(HEDGE_PATTERN.finditer(self.text))
        return hedges, [found.end() for found in hedges]

    @cached_property
    def _phones(self) -> tuple[list[int], list[int]]:
        phones = list(PHONE_NUMBER.finditer(self.text))
        return [phone.start() for phone in phones], [phone.end() for phone in phones]

    @cached_property
    def _sources(self) -> attribution.Sources:
        return attribution.Sources(self.text)

    def before(self, position: int, reach: int = 40) -> str:
        return self.text[max(0, position - reach) : position]

    def after(self, position: int, reach: int = 60) -> str:
        return self.text[position : position + reach]

    def in_a_phone_number(self, position: int) -> bool:
        starts, ends = self._phones
        index = bisect.bisect_right(starts, position) - 1
        return index >= 0 and position < ends[index]

    def hedge(self, start: int) -> str:
        """The hedge nearest before a number, at most two words away ("around" in "thought to number around 500")."""
        hedges, ends = self._hedges
        index = bisect.bisect_right(ends, start) - 1
        if index < 0:
            return "none"
        gap = self.text[ends[index] : start]
        return hedges[index][1].lower() if len(gap) <= 100 and len(gap.split()) <= 2 else "none"

    def source(self, start: int, end: int) -> tuple[str, str]:
        """Who the sentence credits the number to, and, when it cannot tell, why (for the note)."""
        found = self._sources.credit(start, end)
        if found is None:
            return "", labelled(
                "attributed_to",
                _(
                    "no source is named in this sentence; look in the sentences around it "
                    "(if none names one: {unattributed}, or the outlet in its own analysis)"
                ).format(unattributed="unattributed"),
            )
        if found.doubt:
            return "", labelled("attributed_to", found.doubt)
        return found.who, ""


def _is_quantity(match: re.Match, sentence: _Sentence) -> bool:
    """False for years, dates, phone numbers, ordinals and 'one of the' phrases."""
    number = match["number"].strip()
    bare = number.lower()
    if YEAR.match(number) and not match["percent"]:
        return False  # "in 2008": a date, not a quantity
    before = sentence.before(match.start(), 16)
    if before[-3:].strip(" .").isalpha() and DATE_CONTEXT.search(
        before
    ):  # a word just before: a month?
        return False  # "October 5", "5 October 2016"
    after = NOT_A_QUANTITY_AFTER.match(sentence.after(match.end(), 24))
    if after and (
        after["ordinal"]
        or after["month"]
        and number.isdigit()
        and int(number) <= 31
        or after["of_the"]
        and bare == "one"
    ):
        return False  # "21st", "5 October", "one of the"
    if sentence.in_a_phone_number(match.start()):
        return False  # part of a telephone number
    if bare in ("one", "a"):
        return False  # a lone "one"
    return True


def _unit(value_text: str, after: str, percent: bool) -> str:
    if percent:
        return "percent"
    if not value_text.isdigit():  # words: decades, a third
        if DECADE_WORD.search(value_text):
            return "years"
        if FRACTION_WORD.search(value_text):
            return "fraction"
    following = after.lower()[:40]
    # the first unit, in the order of _UNITS, that one of the next three words starts with
    starts = [len(following) - len(following.lstrip())]
    for _word in range(2):
        word = WORD_AND_SPACE.match(following, starts[-1])
        if not word:
            break
        starts.append(word.end())
    found = [
        stem.lastindex for stem in (UNIT_STEMS.match(following, start) for start in starts) if stem
    ]
    return UNIT_NAMES[min(found) - 1] if found else ""


@lru_cache(maxsize=4096)
def read_value(value_text: str) -> tuple[float | None, float | None]:
    """(low, high) of the words, or (None, None) when the course's reader cannot read them."""
    text = re.sub(
        r"(?:US)?\$|S/\.?|\s*(?:%|percent|per cent|por ciento)$",
        "",
        value_text,
        flags=re.IGNORECASE,
    ).strip()
    text = re.sub(r"^(?:between|from)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+a\s+", " to ", text)
    for scale, factor in (
        ("millones", 1e6),
        ("million", 1e6),
        ("billion", 1e9),
        ("thousand", 1e3),
        ("mil", 1e3),
    ):
        if re.search(rf"\s{scale}$", text, re.IGNORECASE) and not re.search(
            r"[a-z]\s", text[: -len(scale) - 1]
        ):
            low, high = read_value(text[: -len(scale)].strip())
            return (
                low * factor if low is not None else None,
                high * factor if high is not None else None,
            )
    text = _european_digits(text)
    try:
        return parse_quantity(text)
    except ValueError:
        return None, None


def _european_digits(text: str) -> str:
    """Read "8.000" (thousands with dots) as 8,000 and "12,5" (a decimal comma) as 12.5."""

    def fix(match: re.Match) -> str:
        digits = match[0]
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            return digits.replace(".", ",")
        if re.fullmatch(r"\d+,\d{1,2}", digits):
            return digits.replace(",", ".")
        return digits

    return re.sub(r"\d[\d.,]*\d|\d", fix, text)


def find_numbers(text: str) -> list[dict]:
    """Every quantity in a text, with its sentence: ``find_numbers("Some 500 fighters.")``.

    Each item has ``value_text``, ``sentence``, ``hedge``, ``attributed_to``,
    ``unit``, ``value_low`` and ``value_high`` (``None`` where the words cannot
    be read as a number), and ``note``: why ``attributed_to`` is empty, when it
    is (no source in the sentence, or one the reader cannot pick out). Years,
    dates, phone numbers, ordinals and "one of the" are left out. Time grows
    in proportion to the text, however many numbers a sentence holds.
    """
    found = []
    for text_of_sentence in sentences(normalise(text)):
        sentence = _Sentence(text_of_sentence)
        for match in NUMBER_PATTERN.finditer(text_of_sentence):
            if not _is_quantity(match, sentence):
                continue
            who, note = sentence.source(match.start(), match.end())
            for value_text, hedge in _figures(
                match["number"].strip(), sentence.hedge(match.start())
            ):
                digits = DIGIT_RUNS.findall(value_text)
                if digits and all(YEAR.match(part) for part in digits) and not match["percent"]:
                    continue  # "between 2009 and 2010": a span of years, not a quantity
                low, high = read_value(value_text)
                found.append(
                    {
                        "value_text": value_text,  # like the claims table, "percent" goes in the unit
                        "sentence": text_of_sentence,
                        "hedge": hedge,
                        "attributed_to": who,
                        "unit": _unit(
                            value_text, sentence.after(match.end()), bool(match["percent"])
                        ),
                        "value_low": low,
                        "value_high": high,
                        "note": note,
                    }
                )
    return found


def _figures(number: str, hedge: str) -> list[tuple[str, str]]:
    """Split a matched phrase into figures, each with its hedge.

    "from 34,000 to 5,000" is two (a change, not a range); "between 8,000 to 10,000"
    is one range whose hedge is "between".
    """
    if number[:1] not in "fFbB":  # neither "from" nor "between"
        return [(number, hedge)]
    change = CHANGE.match(number)
    if change:
        return [(change["before"], hedge), (change["after"], hedge)]
    between = BETWEEN.match(number)
    if between:
        return [(between["range"], "between")]
    return [(number, hedge)]
