"""Helpers for the VRAEM reading course: data, answer checks and chart style.

``from vraem import load_corpus, load_claims, check, setup_charts`` is all a
lesson needs.
"""

from .claims import load_claims
from .corpus import load_article, load_corpus
from .series import load_coca_series
from .timeline import load_events
from .tables import DataFileError
from .paths import DataNotFoundError

__all__ = [
    "DataFileError",
    "DataNotFoundError",
    "load_article",
    "load_claims",
    "load_coca_series",
    "load_corpus",
    "load_events",
]
