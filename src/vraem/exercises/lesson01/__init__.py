"""Checked exercises of lesson 01 · The corpus.

Every key is worked out from the data files (the articles, ``data/articles.csv``,
``data/claims.csv`` and ``data/events.csv``). The exercises live in
:mod:`.reading` (1.1 to 1.4: what the scrape holds, which part of a brief, whose
figure) and :mod:`.dating` (1.5 and 1.6: dating the undated articles), the keys
they share in :mod:`.data`.
"""

from . import reading  # noqa: F401, I001  (registers 1.1-1.4 first)
from . import dating  # noqa: F401  (then 1.5-1.6)
from .data import (
    BASES_BRIEF,
    BASES_OPTIONS,
    BASES_WORDS,
    CLOSE_WORDS,
    FUTURE_WORDS,
    MEASURED_ARTICLE,
    UNDATED_ANALYSIS,
    UNDATED_BRIEF,
    UNSOURCED_OPTIONS,
    YEAR_OPTIONS,
    analysis_articles,
    bases_speaker,
    boilerplate_share,
    date_window,
    dates_named,
    long_news_parts,
    longest_analysis_section,
    unsourced_figures,
    year_evidence,
)

__all__ = [
    "BASES_BRIEF",
    "BASES_OPTIONS",
    "BASES_WORDS",
    "CLOSE_WORDS",
    "FUTURE_WORDS",
    "MEASURED_ARTICLE",
    "UNDATED_ANALYSIS",
    "UNDATED_BRIEF",
    "UNSOURCED_OPTIONS",
    "YEAR_OPTIONS",
    "analysis_articles",
    "bases_speaker",
    "boilerplate_share",
    "date_window",
    "dates_named",
    "long_news_parts",
    "longest_analysis_section",
    "unsourced_figures",
    "year_evidence",
]
