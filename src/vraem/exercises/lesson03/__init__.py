"""Checked exercises of lesson 03 · Coca trends, and the verdicts on the articles' coca figures.

Every key is worked out from the data files:

- 3.1, 3.2 and 3.4 from the preferred rows of ``data/coca_cultivation.csv``;
- 3.3 (which survey a present-tense figure could use) and the year of 3.4 from
  the rule of :func:`vraem.verdicts.judge_claim` applied to ``data/claims.csv``;
- 3.5 (the verdicts) from :func:`coca_claim_checks`, the same rule on every coca claim;
- 3.6 (tracing figures to their origin) from the series, its ``source_kind``
  column and the passages of ``data/reference/context_facts.md``;
- 3.7 (is "80 tons" plausible?) from UNODC's last Peru estimate in the reference
  notes, the series and the claim's own value.

A corrected data row therefore corrects the key with it. The exercises live
in :mod:`.trends` (3.1 to 3.4) and :mod:`.figures` (3.5 to 3.7), the keys
they share in :mod:`.data`.
"""

from . import trends  # noqa: F401, I001  (registers 3.1-3.4 first)
from . import figures  # noqa: F401  (then 3.5-3.7)
from .data import NOW_AREA, coca_claim_checks, coca_verdicts, survey_year_for
from .figures import plausibility_choice, plausibility_estimate, trace_key, trace_statements
from .trends import SURVEY_OPTIONS, share_year, survey_choice

__all__ = [
    "NOW_AREA",
    "SURVEY_OPTIONS",
    "coca_claim_checks",
    "coca_verdicts",
    "plausibility_choice",
    "plausibility_estimate",
    "share_year",
    "survey_choice",
    "survey_year_for",
    "trace_key",
    "trace_statements",
]
