"""What the reader counts as a number, a hedge or a unit: the patterns :mod:`vraem.reader.quantities` uses.

Add a hedge to :data:`HEDGES` or a unit to ``_UNITS`` here; each pattern is built once,
when the module is imported.
"""

from __future__ import annotations

import re

_WORD_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million billion dozen"
).split()


def _alternatives(words: list[str]) -> str:
    """A regex for any of the words, sharing their first letters: "t(?:en|wo|h(?:ree|irty))".

    It matches the same words as "ten|two|three|thirty", tried in a few steps rather than one by one.
    """
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[:1], []).append(word[1:])
    branches = []
    for letter, rests in by_letter.items():
        if letter == "":
            continue
        ends = [rest for rest in rests if rest]
        if len(rests) == 1:
            branches.append(re.escape(letter + rests[0]))
            continue
        if not ends:
            branches.append(re.escape(letter))
            continue
        inner = _alternatives(ends) + ("|" if "" in rests else "")
        branches.append(f"{re.escape(letter)}(?:{inner})")
    return "|".join(branches)


# Whole words only (each use is bounded by \b or a space), so the order of the alternatives is free.
_WORD = r"(?:" + _alternatives(_WORD_NUMBERS) + r")"
_WORDS = rf"{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*"
# 8,000 · 8.000 · 1,234.5 · 12.79 · 12,5 (a decimal comma when not followed by three digits)
_DIGITS = r"\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s+(?:million|billion|thousand|mil|millones)\b)?"
_FRACTION = r"\b(?:a|one|two|three)\s+(?:half|third|thirds|quarter|quarters)\b|\bhalf\b"
_VAGUE = r"\b(?:a few|several(?:\s+decades)?|dozens|hundreds|thousands|decades)\b"
_DECADES = rf"\b(?:a|{_WORD})\s+decades?\b"
_ONE = rf"(?:(?:US)?\$\s?|S/\.?\s?)?(?:{_DIGITS}){_SCALE}|\b{_WORDS}\b"
_RANGE = rf"(?:between\s+|from\s+)?(?:{_ONE})\s*(?:-|–|\bto\b|\band\b|\ba\b)\s*(?:{_ONE})"
# Where a number can start: a digit, a currency sign, or a word whose first letter begins one of the
# words above (a quick test that lets the search skip every other position of the text).
_CAN_START = r"(?=[\d$]|S/|US\$|\b[abdefhmnost])"
NUMBER_PATTERN = re.compile(
    rf"{_CAN_START}(?P<number>{_RANGE}|{_DECADES}|{_FRACTION}|{_VAGUE}|{_ONE})"
    r"(?P<percent>\s*(?:%|percent\b|per\s+cent\b|por\s+ciento\b))?",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")
PHONE_NUMBER = re.compile(
    r"\+\d[\d\s().-]{6,}\d|\(\d{2,4}\)\s?\d[\d\s.-]{5,}\d|\b\d{3}[-.\s]\d{3,4}[-.\s]\d{4}\b"
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
DATE_CONTEXT = re.compile(rf"\b(?:{'|'.join(_MONTHS)})\.?\s*$", re.IGNORECASE)
#: Hedges the course records, longest first so "more than" wins over "more".
HEDGES = (
    "as many as",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "an estimated",
    "estimated",
    "thought to number",
    "thought to",
    "believed to",
    "approximately",
    "roughly",
    "around",
    "about",
    "nearly",
    "almost",
    "some",
    "over",
    "between",
    "close to",
    "cerca de",
    "unos",
    "más de",
    "aproximadamente",
    "casi",
)
HEDGE_PATTERN = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)
_UNITS = {
    "hectare": "hectares",
    "hectárea": "hectares",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "por ciento": "percent",
    "ton": "tonnes",
    "tonne": "tonnes",
    "tonelada": "tonnes",
    "kilogram": "kilograms",
    "kilo": "kilograms",
    "square kilomet": "square kilometres",
    "year": "years",
    "month": "months",
    "day": "days",
    "base": "military bases",
    "decade": "years",
    "people": "people",
    "fighter": "people",
    "soldier": "people",
    "troop": "people",
    "guerrilla": "people",
    "guerilla": "people",
    "member": "people",
    "militant": "people",
    "rebel": "people",
    "resident": "people",
    "worker": "people",
    "hostage": "people",
    "person": "people",
    "persons": "people",
    "dead": "people",
    "killed": "people",
    "lives": "people",
    "effectivos": "people",
    "integrantes": "people",
    "dollar": "count",
    "$": "count",
    "soles": "count",
}
# A unit named by one of the three words after the number; group n is the n-th stem of _UNITS.
DECADE_WORD = re.compile(r"\bdecades?\b", re.IGNORECASE)
FRACTION_WORD = re.compile(r"\b(?:half|third|thirds|quarter|quarters)\b", re.IGNORECASE)
CHANGE = re.compile(r"^from\s+(?P<before>.+?)\s+to\s+(?P<after>.+)$", re.IGNORECASE)
BETWEEN = re.compile(r"^between\s+(?P<range>.+)$", re.IGNORECASE)
DIGIT_RUNS = re.compile(r"\d+")
UNIT_STEMS = re.compile("|".join(f"({re.escape(stem)})" for stem in _UNITS))
UNIT_NAMES = list(_UNITS.values())
WORD_AND_SPACE = re.compile(r"\w+\s+")
# What may follow a number that is no quantity: a month ("5 October"), an ordinal's ending ("21st"),
# "of the" ("one of the"); tried at once.
NOT_A_QUANTITY_AFTER = re.compile(
    rf"(?P<month>\s*(?:{'|'.join(_MONTHS)})\b)|(?P<ordinal>(?-i:\s*(?:st|nd|rd|th)\b))"
    r"|(?P<of_the>\s+of\s+(?:the|its|their|his|her)\b)",
    re.IGNORECASE,
)
