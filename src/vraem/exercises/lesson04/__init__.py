"""Checked exercises of lesson 04 · Figures across dates.

Every key is worked out from ``data/claims.csv`` and ``data/outside_figures.csv``
through :func:`vraem.outside.lineup` and the rule of :mod:`vraem.intervals`:
claims are picked by measure (and article), not typed in, so a corrected data
row corrects the key. Where a question names a figure by id, its options are
fixed in the lesson, and the key is the option the data bears out; if the data
changed so that no option fits, the key raises an error and the tests say so.

The exercises live in :mod:`.fighters` (4.1 to 4.4: the hedge rule and the
fighter estimates) and :mod:`.pairs` (4.5 to 4.7: a figure told twice, pairs
of figures, the state of emergency), the keys they share in :mod:`.data`.
"""

from . import fighters  # noqa: F401, I001  (registers 4.1-4.4 first)
from . import pairs  # noqa: F401  (then 4.5-4.7)
from .data import (
    CONFIRM_OPTIONS,
    FACT_CHECK_OPTION,
    FIGHTERS,
    NO_SOURCE,
    PAIRS,
    article_figure,
    cocaine_repeat,
    cocaine_repeat_key,
    consistent_in_2012,
    emergency_claim,
    emergency_key,
    fighter_lineup,
    independent_confirmation,
    independent_confirmations,
    pair_table,
    pair_verdicts,
    stalest_fighter_estimates,
    target_2012,
)
from .fighters import (
    HEDGE_OPTIONS,
    OPTIONS_2012,
    consistent_2012_options,
    open_ended_hedges,
    stalest_age,
)
from .pairs import PAIR_POINTERS

__all__ = [
    "CONFIRM_OPTIONS",
    "FACT_CHECK_OPTION",
    "FIGHTERS",
    "HEDGE_OPTIONS",
    "NO_SOURCE",
    "OPTIONS_2012",
    "PAIRS",
    "PAIR_POINTERS",
    "article_figure",
    "cocaine_repeat",
    "cocaine_repeat_key",
    "consistent_2012_options",
    "consistent_in_2012",
    "emergency_claim",
    "emergency_key",
    "fighter_lineup",
    "independent_confirmation",
    "independent_confirmations",
    "open_ended_hedges",
    "pair_table",
    "pair_verdicts",
    "stalest_age",
    "stalest_fighter_estimates",
    "target_2012",
]
