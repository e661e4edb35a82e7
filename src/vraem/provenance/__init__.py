"""Check that every figure in the tables is traceable to its source text.

``claim_problems(load_claims())`` lists, for each claim, what does not hold:
the quote is not in its article, the number cannot be read from the quote,
the hedge is not in the quote, a hedge in front of the number was not
recorded, the section or the source is coded against the table's own rules,
or a fact check lacks its note or cites an address the reference notes do not
give. ``[]`` means every claim traces back to its words.

One module per kind of table (import from ``vraem.provenance``; the modules are its
parts): ``texts`` (the articles' and the reference notes' texts, white space folded),
``claims``, ``events_and_series``, ``passage_coding`` (passages, codings, rounds,
codebook) and ``outside_figures``.
"""

from .claims import (
    DIRECTION_WORDS,
    FACT_CHECKS_NEEDING_A_SOURCE,
    HEDGE_WORDS,
    claim_problems,
    hedge_before,
)
from .events_and_series import event_problems, readable_hectares, series_problems
from .outside_figures import OUTSIDE_HEDGE_WORDS, outside_figure_problems
from .passage_coding import (
    OUTLET_SOURCE_TYPES,
    codebook_problems,
    coding_problems,
    passage_problems,
    round_problems,
)
from .texts import (
    article_texts,
    news_texts,
    reference_addresses,
    reference_sections,
    reference_text,
)

__all__ = [
    "DIRECTION_WORDS",
    "FACT_CHECKS_NEEDING_A_SOURCE",
    "HEDGE_WORDS",
    "OUTLET_SOURCE_TYPES",
    "OUTSIDE_HEDGE_WORDS",
    "article_texts",
    "claim_problems",
    "codebook_problems",
    "coding_problems",
    "event_problems",
    "hedge_before",
    "news_texts",
    "outside_figure_problems",
    "passage_problems",
    "readable_hectares",
    "reference_addresses",
    "reference_sections",
    "reference_text",
    "round_problems",
    "series_problems",
]
