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

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from .charts import chart_problems
from .i18n import N_, _, current_language, ngettext, set_language
from .reader import validate_claims

#: The checklist, in order: (key, the question the section answers, marked for ``_()`` where shown).
SECTIONS = (
    ("who_and_when", N_("Who wrote it, for whom, and when?")),
    (
        "who_is_behind",
        N_(
            "Who is behind the outlet, found outside the article: who founded and funds it, what "
            "it says its pieces are, and what others say about it?"
        ),
    ),
    ("kind_of_piece", N_("What kind of piece is it: news, the outlet's analysis, or both?")),
    (
        "claims",
        N_("Every number, with its hedge, its source and its reference period (a claims table)."),
    ),
    ("recycled_or_stale", N_("Which figures are recycled or stale?")),
    ("verdicts", N_("Which figures can be checked against data, and what is the verdict on each?")),
    ("missing_voices", N_("Whose voices are missing?")),
    ("argument", N_("What is the argument, and what evidence would settle it?")),
    ("chart", N_("A chart that sets a reported figure against better data.")),
)
#: The verdicts a brief may give, as in lesson 03.
VERDICTS = ("supported", "contradicted", "cannot be checked")
#: Fewer words than this cannot yet answer a checklist question.
MIN_WORDS = 12
_PLACEHOLDERS = ("...", "…", "todo", "write here", "your answer")


@dataclass(frozen=True)
class SectionReview:
    """One line of a review: the section, whether its structure holds, and what to do if not.

    ``message`` is in English whatever the language (a check may look for its words);
    ``shown`` is the same message in the helpers' language, as printed.
    """

    section: str
    ok: bool
    message: str
    shown: str = ""

    def __str__(self) -> str:
        """The review line as printed: ``✓ section: message``, or ``✗`` when the structure does not hold."""
        return f"{'✓' if self.ok else '✗'} {self.section}: {self.shown or self.message}"


def _review(section: str, ok: bool, say: Callable[[], str]) -> SectionReview:
    """A review line whose words ``say()`` writes: once in English (``message``), once as shown.

    ``say`` is called with English selected for ``message``, so what a check looks for in it never
    depends on the learner's language, and again in the learner's language for ``shown``.
    """
    language = current_language()
    if language == "en":
        message = say()
        return SectionReview(section, ok, message, message)
    set_language("en")
    try:
        message = say()
    finally:
        set_language(language)
    return SectionReview(section, ok, message, say())


def template() -> dict:
    """An empty brief to fill in: ``brief = template()``, then replace each ``...``."""
    return {key: ... for key, _question in SECTIONS}


def _words(value) -> int:
    return len(value.split()) if isinstance(value, str) else 0


def _text_review(key: str, value) -> SectionReview:
    if value is ... or value is None:
        return _review(key, False, lambda: _("not written yet: replace the ... with your text."))
    if not isinstance(value, str):
        kind = type(value).__name__
        return _review(
            key,
            False,
            lambda: _("write this section as text in quotes, not a {kind}.").format(kind=kind),
        )
    if value.strip().lower() in _PLACEHOLDERS:
        return _review(key, False, lambda: _("still the placeholder: write your own text."))
    count = _words(value)
    if count < MIN_WORDS:
        return _review(
            key,
            False,
            lambda: ngettext(
                "too short to answer the question ({count} word); aim for two or three sentences.",
                "too short to answer the question ({count} words); aim for two or three sentences.",
                count,
            ).format(count=count),
        )
    return _review(
        key,
        True,
        lambda: ngettext("written ({count} word).", "written ({count} words).", count).format(
            count=count
        ),
    )


def _claims_review(value, article, measures=()) -> SectionReview:
    if value is ... or value is None:
        return _review(
            "claims",
            False,
            lambda: _("no claims table yet: start from reader.draft_claims(article)."),
        )
    if not isinstance(value, pd.DataFrame):
        kind = type(value).__name__
        return _review(
            "claims",
            False,
            lambda: _("give the claims as a pandas DataFrame, not a {kind}.").format(kind=kind),
        )
    if value.empty:
        return _review(
            "claims",
            False,
            lambda: _("the table has no rows: every number in the article needs one."),
        )

    found = validate_claims(value, article, measures)
    found_in = current_language()

    def problems_found() -> str:  # validate_claims speaks the language in use: asked in each one
        if current_language() == found_in:
            problems = found
        else:
            problems = validate_claims(value, article, measures)
        listed = "; ".join(problems[:3])
        if len(problems) > 3:
            listed += "; " + _("and {count} more").format(count=len(problems) - 3)
        return ngettext(
            "{count} problem: {problems}. "
            "Run reader.validate_claims(table, article) for the full list.",
            "{count} problems: {problems}. "
            "Run reader.validate_claims(table, article) for the full list.",
            len(problems),
        ).format(count=len(problems), problems=listed)

    if found:
        return _review("claims", False, problems_found)
    rows = len(value)
    return _review(
        "claims",
        True,
        lambda: ngettext(
            "{count} row, valid against the article.",
            "{count} rows, each valid against the article.",
            rows,
        ).format(count=rows),
    )


def _verdicts_review(value, claims) -> SectionReview:
    if value is ... or value is None:
        return _review(
            "verdicts",
            False,
            lambda: _("no verdicts yet: a dictionary from claim_id to a verdict."),
        )
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if not isinstance(value, Mapping) or not value:
        return _review(
            "verdicts",
            False,
            lambda: _("give a dictionary from claim_id to a verdict, e.g. {example}.").format(
                example='{"D001": "supported"}'
            ),
        )
    odd = sorted(
        str(key) for key, verdict in value.items() if str(verdict).strip().lower() not in VERDICTS
    )
    if odd:
        return _review(
            "verdicts",
            False,
            lambda: _("use one of {verdicts} for: {claims}.").format(
                verdicts=", ".join(VERDICTS), claims=", ".join(odd[:5])
            ),
        )
    if isinstance(claims, pd.DataFrame) and "claim_id" in claims.columns:
        unknown = sorted(
            str(key) for key in value if str(key) not in set(claims["claim_id"].astype(str))
        )
        if unknown:
            return _review(
                "verdicts",
                False,
                lambda: _("not claim_ids of your claims table: {ids}.").format(
                    ids=", ".join(unknown[:5])
                ),
            )
    count = len(value)
    return _review(
        "verdicts",
        True,
        lambda: ngettext("{count} verdict.", "{count} verdicts.", count).format(count=count),
    )


def _chart_review(value) -> SectionReview:
    if value is ... or value is None:
        return _review(
            "chart",
            False,
            lambda: _(
                'no chart yet: an Altair chart with a title, a description and a "Source:" line.'
            ),
        )
    try:
        spec = value.to_dict(validate=False) if hasattr(value, "to_dict") else None
    except Exception as error:  # a chart Altair cannot turn into a spec
        reason = str(error)
        return _review(
            "chart", False, lambda: _("this chart cannot be drawn: {error}").format(error=reason)
        )
    if not isinstance(spec, dict):
        kind = type(value).__name__
        return _review(
            "chart", False, lambda: _("give an Altair chart, not a {kind}.").format(kind=kind)
        )
    missing = chart_problems(spec)
    if missing:
        return _review(
            "chart",
            False,
            lambda: _("the chart lacks {missing}.").format(
                missing="; ".join(_(problem) for problem in missing)
            ),
        )
    return _review("chart", True, lambda: _("title, description and source are there."))


def review_brief(brief, article, measures=()) -> list[SectionReview]:
    """Check a brief's structure, section by section: ``for line in review_brief(brief, article): print(line)``.

    Never raises. Sections come back in checklist order; ``ok`` is True when
    the section's structure holds. The prose itself is not judged. For an
    article on another subject, ``measures=[...]`` names the claims table's
    own measures besides the course's (see :func:`vraem.reader.validate_claims`).
    """
    if not isinstance(brief, Mapping):
        return [
            _review(
                "brief",
                False,
                lambda: _(
                    "start from brief = template(): a dictionary with one entry per section."
                ),
            )
        ]
    reviews = []
    for key, _question in SECTIONS:
        value = brief.get(key, None)
        if key not in brief:
            reviews.append(
                _review(
                    key, False, lambda key=key: _('missing: add brief["{key}"].').format(key=key)
                )
            )
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
            _review(
                "brief",
                False,
                lambda: ngettext(
                    "unknown section {names}: the sections are {sections}.",
                    "unknown sections {names}: the sections are {sections}.",
                    len(extra),
                ).format(names=", ".join(extra[:5]), sections=", ".join(k for k, _q in SECTIONS)),
            )
        )
    return reviews
