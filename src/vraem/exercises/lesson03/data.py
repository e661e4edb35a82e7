"""Lesson 03's keys that several exercises share: the claims singled out, the verdicts, the reference notes.

``coca_claim_checks()`` applies :func:`vraem.verdicts.judge_claim` to every coca claim;
``survey_year_for("C021")`` is the survey year the rule compares a claim with.
"""

from __future__ import annotations

import math

import pandas as pd

from ...claims import load_claims
from ...datacache import remembered  # for helpers of the data that the feedback asks for again
from ...paths import data_file
from ...provenance import reference_text
from ...scrape import clean_line
from ...series import NATIONAL, VRAEM, wide_series
from ...verdicts import coca_claims, judge_claim

#: The claims the exercises single out (ids of data/claims.csv).
NOW_AREA, NOW_SHARE = "C021", "C013"  # article 001: "now there are 19,700", "nearly a third"
TONS, SEVENTY = "C027", "C033"  # article 002: "some 80 tons"; article 003: "nearly 70 percent"
UNITLESS = "C034"  # article 003: "some 50,000 coca crops", no unit

#: Passages of data/reference/context_facts.md the keys of 3.6 and 3.7 rest on. Each
#: must be in the file: a key that cannot find its evidence fails loudly.
NO_OFFICIAL_TONS = "No UNODC or DEVIDA figure for VRAE cocaine output in 2012 was found."
TONS_ORIGIN = "circulates via InSight Crime itself"
PRODUCTION_SHARES = (
    "In 2014, the VRAEM region accounted for more than 67 per cent of production",
    "El VRAEM representó el 69 por ciento de la producción",
)
UNODC_LAST_ESTIMATE = "in 2008 it produced 302 tonnes, up 4.1 percent from the prior year"


# --- the data behind the exercises ---------------------------------------------------------


def vraem_missing_years() -> frozenset[str]:
    """Years with a national figure but no VRAEM figure (exercise 3.1)."""
    wide = wide_series()
    missing = wide[NATIONAL].notna() & wide[VRAEM].isna()
    return frozenset(str(year) for year in wide.index[missing])


def reference_passage(passage: str) -> str:
    """Return ``passage`` if data/reference/context_facts.md contains it; raise otherwise.

    The keys of 3.6 and 3.7 rest on what the reference notes say; if a passage
    is edited away, the key cannot be worked out and the check says so.
    """
    if clean_line(passage) not in reference_text():
        raise ValueError(f"data/reference/context_facts.md no longer says “{passage[:60]}…”")
    return passage


def reference_lines(words: str) -> list[str]:
    """The lines of the reference notes that contain ``words`` (case ignored)."""
    text = data_file("reference/context_facts.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if words.lower() in line.lower()]


@remembered
def claim_row(claim_id: str) -> pd.Series:
    """The row of ``data/claims.csv`` with this id: ``claim_row("C021")``."""
    claims = load_claims()
    rows = claims[claims["claim_id"] == claim_id]
    if len(rows) != 1:
        raise ValueError(f"data/claims.csv has no claim {claim_id}")
    return rows.iloc[0]


@remembered
def coca_claim_checks() -> pd.DataFrame:
    """Every coca claim with the series value it is compared with, the verdict and the reason."""
    wide = wide_series()
    rows = [judge_claim(claim, wide) for _, claim in coca_claims().iterrows()]
    return pd.DataFrame(rows)


def coca_verdicts() -> dict[str, str]:
    """The key of exercise 3.5: claim id -> verdict."""
    checks = coca_claim_checks()
    return dict(zip(checks["claim_id"], checks["verdict"], strict=True))


@remembered
def survey_year_for(claim_id: str) -> int | None:
    """The survey year the rule compares a claim with (None when it has none)."""
    years = judge_claim(claim_row(claim_id))["series_years"]
    return None if years is None else int(str(years).split("/")[-1])


# --- the exercises ----------------------------------------------------------------------------


def close_to(answer: float, target: float, margin: float = 0.02) -> bool:
    """Whether ``answer`` is within ``margin`` (a fraction) of ``target``."""
    return math.isclose(answer, target, rel_tol=margin, abs_tol=1e-9)


def letter_for(options: dict[str, str], opening: str) -> str:
    """The letter of the one option whose text starts with ``opening``."""
    letters = [letter for letter, text in options.items() if text.startswith(opening)]
    if len(letters) != 1:
        raise ValueError(
            f"no single option starts with {opening!r}: the data no longer fits the options"
        )
    return letters[0]
