"""Checked exercises of lesson 02 · Claims and sources.

Every key is worked out from the data files: the learner's coding of article
002 is held against that article's rows of ``data/claims.csv``; the agreement
of a second reading with the table, the finder's recall, the weight of one
claim in a short article, the hedge, source and recycling judgements and the
year a figure describes all come from the claims table; a learner's own
number-word pattern is run on the claims' quotes (it must find every claim
whose value_text is a number word) and on the five articles (it must find
nothing else); the verdict on the two articles that date Artemio's capture
differently comes from the table's ``fact_check`` column where it has one,
and otherwise from the claim's own period held against reference (h) in
``data/reference/context_facts.md``.

The exercises live in two modules, registered in the lessons' order:
:mod:`.coding` (2.1 to 2.4: coding an article, the agreement of two
readings, a number-word finder and its recall) and :mod:`.judging` (2.5 to
2.10: what a hedge allows, which kind of source, small denominators,
recycling, two articles that disagree, the year a figure describes).
"""

from . import coding, judging  # noqa: F401  (importing them registers 2.1-2.4, then 2.5-2.10)
from .coding import other_reading, table_codes

__all__ = ["other_reading", "table_codes"]
