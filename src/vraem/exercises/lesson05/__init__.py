"""Checked exercises of lesson 05 · Militarization vs development.

Every key is worked out from the data: the judgement questions (the frame of
one passage, the voice of four, the frame shares over time, the voice of the
security passages, the evidence behind the verdicts of failure, the source
types on the development side) from the reconciled coding in
``data/passages.csv``; the agreement and kappa on the evidence column from
codings A and B as made, in ``data/passage_codings.csv``; and the change in
coca area (exercise 5.1) from ``data/events.csv`` (the dates of two policy
turns) and the preferred rows of ``data/coca_cultivation.csv``.

The exercises live in :mod:`.reading` (5.1 to 5.5) and :mod:`.shares` (5.6
to 5.9), the codes and helpers they share in :mod:`.data`.
"""

from . import reading  # noqa: F401, I001  (registers 5.1-5.5 first)
from . import shares  # noqa: F401  (then 5.6-5.9)
