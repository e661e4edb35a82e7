"""A reader's brief on one article, and a check of its structure: ``review_brief(my_brief, article)``.

The brief follows the course's reading checklist, one entry per step. Its outer
steps adapt Mike Caulfield's SIFT moves (CC BY 4.0; see lesson 06 and the
reference notes, item (l)); most sections read the page itself. The
review looks at structure only (is each section there, long enough to say
something, are the claim rows valid, does the chart carry its title,
description and source) and never judges the prose: that is the reader's
and the instructor's job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .charts import chart_problems
from .reader import validate_claims

#: The checklist, in order: (key, the question the section answers).
SECTIONS = (
    ("who_and_when", "Who wrote it, for whom, and when?"),
    (
        "who_is_behind",
        "Who is behind the outlet, found outside the article: who founded and funds it, what it "
        "says its pieces are, and what others say about it?",
    ),
    ("kind_of_piece", "What kind of piece is it: news, the outlet's analysis, or both?"),
    (
        "claims",
        "Every number, with its hedge, its source and its reference period (a claims table).",
    ),
    ("recycled_or_stale", "Which figures are recycled or stale?"),
    ("verdicts", "Which figures can be checked against data, and what is the verdict on each?"),
    ("missing_voices", "Whose voices are missing?"),
    ("argument", "What is the argument, and what evidence would settle it?"),
    ("chart", "A chart that sets a reported figure against better data."),
)
#: The verdicts a brief may give, as in lesson 03.
VERDICTS = ("supported", "contradicted", "cannot be checked")
#: Fewer words than this cannot yet answer a checklist question.
MIN_WORDS = 12
_PLACEHOLDERS = ("...", "…", "todo", "write here", "your answer")


@dataclass(frozen=True)
class SectionReview:
    """One line of a review: the section, whether its structure holds, and what to do if not."""

    section: str
    ok: bool
    message: str

    def __str__(self) -> str:
        """The review line as printed: ``✓ section: message``, or ``✗`` when the structure does not hold."""
        return f"{'✓' if self.ok else '✗'} {self.section}: {self.message}"


def template() -> dict:
    """An empty brief to fill in: ``brief = template()``, then replace each ``...``."""
    return {key: ... for key, _ in SECTIONS}


def _words(value) -> int:
    return len(value.split()) if isinstance(value, str) else 0


def _text_review(key: str, value) -> SectionReview:
    if value is ... or value is None:
        return SectionReview(key, False, "not written yet: replace the ... with your text.")
    if not isinstance(value, str):
        return SectionReview(
            key, False, f"write this section as text in quotes, not a {type(value).__name__}."
        )
    if value.strip().lower() in _PLACEHOLDERS:
        return SectionReview(key, False, "still the placeholder: write your own text.")
    if _words(value) < MIN_WORDS:
        count = _words(value)
        return SectionReview(
            key,
            False,
            f"too short to answer the question ({count} "
            f"word{'' if count == 1 else 's'}); aim for two or three sentences.",
        )
    return SectionReview(key, True, f"written ({_words(value)} words).")


def _claims_review(value, article, measures=()) -> SectionReview:
    if value is ... or value is None:
        return SectionReview(
            "claims", False, "no claims table yet: start from reader.draft_claims(article)."
        )
    if not isinstance(value, pd.DataFrame):
        return SectionReview(
            "claims", False, f"give the claims as a pandas DataFrame, not a {type(value).__name__}."
        )
    if value.empty:
        return SectionReview(
            "claims", False, "the table has no rows: every number in the article needs one."
        )
    problems = validate_claims(value, article, measures)
    if problems:
        shown = "; ".join(problems[:3]) + (
            f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
        )
        return SectionReview(
            "claims",
            False,
            f"{len(problems)} problem(s): {shown}. "
            "Run reader.validate_claims(table, article) for the full list.",
        )
    return SectionReview("claims", True, f"{len(value)} rows, each valid against the article.")


def _verdicts_review(value, claims) -> SectionReview:
    if value is ... or value is None:
        return SectionReview(
            "verdicts", False, "no verdicts yet: a dictionary from claim_id to a verdict."
        )
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if not isinstance(value, Mapping) or not value:
        return SectionReview(
            "verdicts",
            False,
            'give a dictionary from claim_id to a verdict, e.g. {"D001": "supported"}.',
        )
    odd = sorted(
        str(key) for key, verdict in value.items() if str(verdict).strip().lower() not in VERDICTS
    )
    if odd:
        return SectionReview(
            "verdicts", False, f"use one of {', '.join(VERDICTS)} for: {', '.join(odd[:5])}."
        )
    if isinstance(claims, pd.DataFrame) and "claim_id" in claims.columns:
        unknown = sorted(
            str(key) for key in value if str(key) not in set(claims["claim_id"].astype(str))
        )
        if unknown:
            return SectionReview(
                "verdicts", False, f"not claim_ids of your claims table: {', '.join(unknown[:5])}."
            )
    return SectionReview("verdicts", True, f"{len(value)} verdict(s).")


def _chart_review(value) -> SectionReview:
    if value is ... or value is None:
        return SectionReview(
            "chart",
            False,
            'no chart yet: an Altair chart with a title, a description and a "Source:" line.',
        )
    try:
        spec = value.to_dict(validate=False) if hasattr(value, "to_dict") else None
    except Exception as error:  # a chart Altair cannot turn into a spec
        return SectionReview("chart", False, f"this chart cannot be drawn: {error}")
    if not isinstance(spec, dict):
        return SectionReview("chart", False, f"give an Altair chart, not a {type(value).__name__}.")
    missing = chart_problems(spec)
    if missing:
        return SectionReview("chart", False, "the chart lacks " + "; ".join(missing) + ".")
    return SectionReview("chart", True, "title, description and source are there.")


def review_brief(brief, article, measures=()) -> list[SectionReview]:
    """Check a brief's structure, section by section: ``for line in review_brief(brief, article): print(line)``.

    Never raises. Sections come back in checklist order; ``ok`` is True when
    the section's structure holds. The prose itself is not judged. For an
    article on another subject, ``measures=[...]`` names the claims table's
    own measures besides the course's (see :func:`vraem.reader.validate_claims`).
    """
    if not isinstance(brief, Mapping):
        return [
            SectionReview(
                "brief",
                False,
                "start from brief = template(): a dictionary with one entry per section.",
            )
        ]
    reviews = []
    for key, _question in SECTIONS:
        value = brief.get(key, None)
        if key not in brief:
            reviews.append(SectionReview(key, False, f'missing: add brief["{key}"].'))
        elif key == "claims":
            reviews.append(_claims_review(value, article, measures))
        elif key == "verdicts":
            reviews.append(_verdicts_review(value, brief.get("claims")))
        elif key == "chart":
            reviews.append(_chart_review(value))
        else:
            reviews.append(_text_review(key, value))
    extra = sorted(str(key) for key in brief if key not in dict(SECTIONS))
    if extra:
        reviews.append(
            SectionReview(
                "brief",
                False,
                f"unknown section(s) {', '.join(extra[:5])}: "
                f"the sections are {', '.join(k for k, _ in SECTIONS)}.",
            )
        )
    return reviews
