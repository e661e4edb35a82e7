"""Read the quantity in a phrase: ``parse_quantity("8,000 to 10,000")`` is ``(8000.0, 10000.0)``."""

from __future__ import annotations

import re

from .i18n import _

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, float] = {word: float(i) for i, word in enumerate(_UNITS)}
WORD_VALUES.update({word: float(10 * i) for i, word in enumerate(_TENS, start=2)})
WORD_VALUES.update({"a": 1.0, "an": 1.0, "both": 2.0, "a dozen": 12.0})
FRACTIONS = {
    "half": 1 / 2,
    "a half": 1 / 2,
    "third": 1 / 3,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 1 / 4,
    "one quarter": 1 / 4,
    "three quarters": 3 / 4,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Words that give only a lower bound: "hundreds of communities" means at least 200.
#: "Mostly" and "a majority" are shares (fractions): more than half, so 0.5 is itself excluded.
VAGUE_LOWER_BOUNDS = {
    "a few": 2.0,
    "several": 3.0,
    "dozens": 24.0,
    "hundreds": 200.0,
    "thousands": 2_000.0,
    "decades": 20.0,
    "several decades": 30.0,
    "mostly": 0.5,
    "majority": 0.5,
    "large majority": 0.5,
}
# "three decades" is 30 years: decades are the one unit word that changes the number.
_DECADES = re.compile(r"^(?P<count>.+?)\s+decades?$")
_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<low>.+?)\s*(?:-|–|\bto\b|\band\b)\s*(?P<high>.+)$"
)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> float:
    """Read one number written in digits or words: ``parse_number("19,700")`` is 19700.0.

    Accepts thousands separators ("8,000"), decimals, number words up to the
    millions ("ten", "forty-five", "two hundred"), fractions ("a third") and
    decades ("three decades" is 30). Raises ``ValueError`` for anything else.
    """
    phrase = " ".join(text.lower().replace("-", " ").split())
    if _DIGITS.match(phrase):
        return float(phrase.replace(",", ""))
    if decades := _DECADES.match(phrase):
        return 10 * parse_number(decades["count"])
    if phrase in ("decade", "a decade"):
        return 10.0
    if phrase in FRACTIONS:
        return FRACTIONS[phrase]
    if phrase in WORD_VALUES:
        return WORD_VALUES[phrase]
    total, current = 0.0, 0.0
    for word in phrase.split():
        if word in WORD_VALUES and word not in ("a", "an"):
            current += WORD_VALUES[word]
        elif word in ("a", "an") and current == 0:
            current = 1.0
        elif word in MULTIPLIERS:
            current = max(current, 1.0) * MULTIPLIERS[word]
            if MULTIPLIERS[word] > 100:
                total, current = total + current, 0.0
        else:
            raise ValueError(_("{text} is not a number this reader knows").format(text=repr(text)))
    return total + current


def parse_quantity(text: str) -> tuple[float, float | None]:
    """Read a number or a range and return its ``(low, high)`` ends.

    ``parse_quantity("200-300")`` is ``(200.0, 300.0)``; a single number gives
    the same value twice; a vague word gives only a lower bound
    (``parse_quantity("hundreds")`` is ``(200.0, None)``).
    """
    phrase = " ".join(text.lower().split())
    if phrase in VAGUE_LOWER_BOUNDS:
        return VAGUE_LOWER_BOUNDS[phrase], None
    try:
        value = parse_number(phrase)
        return value, value
    except ValueError:
        pass
    if match := _RANGE.match(phrase):
        return parse_number(match["low"]), parse_number(match["high"])
    raise ValueError(
        _("{text} is neither a number nor a range this reader knows").format(text=repr(text))
    )


#: Words that say "percent" after a number, in the languages of the sources.
_PERCENT = re.compile(r"\s*(?:%|per\s?cent|percent|por\s+ciento)$")
#: Languages that write 1.500 for fifteen hundred and 12,8 for twelve point eight.
_DECIMAL_COMMA_LANGUAGES = ("es", "pt")


def parse_figure(text: str, language: str = "en") -> tuple[float, float | None]:
    """Read a figure as a source in ``language`` writes it; return its ``(low, high)`` ends.

    ``parse_figure("1.500", "es")`` is ``(1500.0, 1500.0)``: Spanish and
    Portuguese sources separate thousands with a dot and decimals with a comma
    ("1.500", "12,8"), so the same digits read differently by language; "20,304"
    (three digits after the comma) is read as thousands in every language.
    A trailing "%", "per cent" or "por ciento" is dropped:
    ``parse_figure("70 por ciento", "es")`` is ``(70.0, 70.0)``. Everything else
    is :func:`parse_quantity`'s job ("60 to 80", "five", "a third").
    """
    phrase = _PERCENT.sub("", " ".join(text.split()))
    if language in _DECIMAL_COMMA_LANGUAGES:
        # a dot followed by groups of exactly three digits separates thousands
        phrase = re.sub(
            r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d.,])",
            lambda match: match.group(1).replace(".", ""),
            phrase,
        )
        # a comma followed by one or two digits is the decimal mark
        phrase = re.sub(r"(?<![\d,])(\d+),(\d{1,2})(?![\d,])", r"\1.\2", phrase)
    return parse_quantity(phrase)
