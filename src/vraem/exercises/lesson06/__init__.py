"""Checked exercises of lesson 06 · Capstone: a reader's brief, and the keys behind them.

Every key is worked out from the data: the drafter's recall and the rows that
are not claims by running :mod:`vraem.reader` on the articles and comparing
with ``data/claims.csv``; the verdicts by lesson 03's rule for coca figures
and the claims table's fact-check columns for the rest; the missing voice
from the sentences in which the worked article cites someone; and the
structural check of a brief by :func:`vraem.brief.review_brief`.

The exercises live in :mod:`.brief` (6.1 to 6.3: the worked brief's verdicts,
its missing voice, its structure) and :mod:`.drafting` (6.4 and 6.5: what the
reader's draft finds).
"""

from . import brief  # noqa: F401, I001  (registers 6.1-6.3 first)
from . import drafting  # noqa: F401  (then 6.4-6.5)
from .brief import (
    VOICE_MARKERS,
    VOICE_OPTIONS,
    WORKED,
    cited_voices,
    missing_voice,
    model_brief,
    worked_checks,
    worked_verdicts,
)
from .drafting import RAW_PAGE, RECALL_ARTICLE, compared, drafted_recall, not_claims, raw_page_draft

__all__ = [
    "RAW_PAGE",
    "RECALL_ARTICLE",
    "VOICE_MARKERS",
    "VOICE_OPTIONS",
    "WORKED",
    "cited_voices",
    "compared",
    "drafted_recall",
    "missing_voice",
    "model_brief",
    "not_claims",
    "raw_page_draft",
    "worked_checks",
    "worked_verdicts",
]
