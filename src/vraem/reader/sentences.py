"""Splitting a paragraph into sentences: ``sentences("Mr. Li came. He left.")``, and white space folded.

Shared by the drafter, the validator and :func:`vraem.reader.voices`, so a quote is
cut and compared the same way everywhere.
"""

from __future__ import annotations

import re

from ..scrape import clean_line

_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z¿¡])")
# "U.S. State Department", "Mr. Valdés": a full stop that does not end the sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sen|Rep|Gov|St|No|Jr|Sr)\.)$"
)
_ABBREVIATION_REACH = 8  # the longest abbreviation above, "A.B.C.", with the character before it


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? before a capital: ``sentences("A. B.")``.

    A full stop after an abbreviation ("U.S.", "Mr.") does not end a sentence.
    Each full stop is judged from the few characters before it, so a paragraph
    of any length (a run of "A. A. A." too) is split in time proportional to it.
    """
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(
            paragraph, max(start, end.start() - _ABBREVIATION_REACH), end.start() + 1
        ):
            continue
        parts.append(paragraph[start : end.end()].strip())
        start = end.end()
    parts.append(paragraph[start:].strip())
    return [part for part in parts if part]


def normalise(text: str) -> str:
    """Fold white space (non-breaking spaces too) so positions match the claims' quotes."""
    return clean_line(text.replace("\u00a0", " ").replace("\u202f", " "))
