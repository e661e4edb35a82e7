"""Lesson 05's codes, passages and helpers that its exercises share: ``FRAMES``, ``passage_row("P007")``."""

from __future__ import annotations

import pandas as pd

from ...passages import load_passages

FRAMES = ("security", "development", "both", "neither")
EVIDENCE = ("figure", "event", "statement", "assertion")
#: Exercises 5.4 and 5.5 measure agreement on this column: the one the coders found hardest.
AGREEMENT_COLUMN = "evidence"
#: Exercise 5.1: the two turns in policy, by event id in data/events.csv.
PLAN_EVENT, MILITARY_EVENT = "E24", "E29"
#: Exercise 5.2: the passage whose frame the learner codes.
FRAME_PASSAGE = "P007"
#: Exercise 5.3: the passages offered, in option order (a, b, c, d); exactly one is in the outlet's voice.
VOICE_PASSAGES = ("P043", "P045", "P005", "P067")
EFFECTS = ("worked", "failed")


def lettered(values) -> dict:
    """The values as lettered options: ``{"a": first, "b": second, ...}``."""
    return dict(
        zip("abcdefgh", values, strict=False)
    )  # letters to spare: fewer values than letters


def passage_row(passage_id: str) -> pd.Series:
    """The reconciled coding of one passage of ``data/passages.csv``."""
    return load_passages().set_index("passage_id").loc[passage_id]
