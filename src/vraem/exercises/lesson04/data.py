"""The keys of lesson 04 and the figures behind them, worked out from the line-up of figures.

Every key comes from ``data/claims.csv`` and ``data/outside_figures.csv``
through :func:`vraem.outside.lineup` and the rule of :mod:`vraem.intervals`:
claims are picked by measure (and article), not typed in, so a corrected data
row corrects the key. Where a question names a figure by id, its options are
fixed in the lesson, and the key is the option the data bears out; if the data
changed so that no option fits, the key raises an error and the tests say so.
This module registers no exercise.
"""

from __future__ import annotations

import pandas as pd

from ...claims import load_claims
from ...intervals import (
    CONSISTENT,
    CONTRADICTION,
    compare,
    hedge_interval,
    overlaps,
    same_area,
    same_years,
)
from ...outside import lineup, load_outside_figures

FIGHTERS = "Shining Path fighters"
#: Source types that name no source outside the text itself.
NO_SOURCE = ("unattributed", "the outlet itself")


def fighter_lineup() -> pd.DataFrame:
    """Every estimate of the Shining Path's strength, from the articles and from outside."""
    return lineup([FIGHTERS])


def _one(table: pd.DataFrame, what: str) -> pd.Series:
    if len(table) != 1:
        raise ValueError(f"expected one {what} in the data, found {len(table)}")
    return table.iloc[0]


def article_figure(
    article_id: str, measure: str, unit: str | None = None, table: pd.DataFrame | None = None
) -> pd.Series:
    """The one figure of ``measure`` (and ``unit``) in an article, as a line-up row."""
    table = lineup() if table is None else table
    rows = table[(table["source"] == f"InSight Crime {article_id}") & (table["measure"] == measure)]
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    return _one(rows, f"{measure} figure in article {article_id}")


def target_2012(table: pd.DataFrame | None = None) -> pd.Series:
    """Article 000's estimate of the fighters (July 2012): the figure of exercises 4.2 and 4.3."""
    return article_figure("000", "fighters", table=table)


def consistent_in_2012() -> frozenset[str]:
    """Key of 4.2: the other fighter estimates of 2012 whose intervals overlap article 000's."""
    table = fighter_lineup()
    target = target_2012(table)
    found = set()
    for _, row in table.iterrows():
        if row["figure_id"] == target["figure_id"]:
            continue
        if (
            same_years(row["reference_period"], "2012")
            and compare(target, row).verdict == CONSISTENT
        ):
            found.add(row["figure_id"])
    return frozenset(found)


def _figure(figure_id: str, table: pd.DataFrame) -> pd.Series:
    return _one(table[table["figure_id"] == figure_id], f"figure {figure_id}")


#: The options of exercise 4.3, each one figure of the line-up.
CONFIRM_OPTIONS = {"a": "C029", "b": "O007", "c": "O008"}


def independent_confirmations() -> frozenset[str]:
    """The options that agree with article 000 and come from an independent outside source."""
    table = lineup()
    target = target_2012(table)
    return frozenset(
        letter
        for letter, figure_id in CONFIRM_OPTIONS.items()
        if _figure(figure_id, table)["independent"]
        and compare(target, _figure(figure_id, table)).verdict == CONSISTENT
    )


def independent_confirmation() -> str:
    """Key of 4.3: the one option that confirms article 000 from outside InSight Crime."""
    found = independent_confirmations()
    if len(found) != 1:
        raise ValueError(f"exercise 4.3 asks for one option, but {len(found)} fit the data")
    return next(iter(found))


def stalest_fighter_estimates() -> frozenset[str]:
    """The fighter estimate(s) with the greatest age when published: the figure behind 4.4's key."""
    table = fighter_lineup().dropna(subset=["age_years"])
    oldest = table["age_years"].max()
    return frozenset(table.loc[table["age_years"] == oldest, "figure_id"])


def cocaine_repeat() -> tuple[pd.Series, pd.Series]:
    """The VRAE cocaine figure of article 002 and the earlier outside figure with the same value."""
    table = lineup(["cocaine output"])
    later = article_figure("002", "cocaine_production", table=table)
    earlier = table[
        (table["origin"] != "article")
        & (table["value_low"] == later["value_low"])
        & (table["value_high"] == later["value_high"])
        & (table["published"] < later["published"])
    ]
    return _one(
        earlier, "earlier outside figure with the value of article 002's cocaine figure"
    ), later


def cocaine_repeat_key() -> str:
    """Key of 4.5: what the earlier figure tells about article 002's cocaine figure.

    (d) if the two intervals cannot both hold; (c) if they describe different
    years; (a) if the earlier figure is independent; (b) if it is credited to
    InSight Crime and article 002 names no source for it.
    """
    earlier, later = cocaine_repeat()
    if compare(earlier, later).verdict == CONTRADICTION:
        return "d"
    if not same_years(earlier["reference_period"], later["reference_period"]):
        return "c"
    if earlier["independent"]:
        return "a"
    if later["source_type"] in NO_SOURCE:
        return "b"
    raise ValueError(
        "article 002's cocaine figure now names a source: exercise 4.5 needs new options"
    )


#: The pairs of exercise 4.6: two figures each, chosen so that both describe the same year.
PAIRS = {
    "P1": ("C003", "O007"),
    "P2": ("C033", "O048"),
    "P3": ("C033", "O040"),
    "P4": ("C044", "O025"),
    "P5": ("O030", "O029"),
    "P6": ("O028", "O029"),
}


def pair_table() -> pd.DataFrame:
    """The pairs of exercise 4.6 with both figures side by side, and the rule's verdict and reason."""
    table = lineup().set_index("figure_id")
    rows = []
    for pair, (first, second) in PAIRS.items():
        a, b = table.loc[first], table.loc[second]
        result = compare(a, b)
        rows.append(
            {
                "pair": pair,
                "a": first,
                "a_says": f"{a['hedge']} {a['value_text']} ({a['unit']})",
                "b": second,
                "b_says": f"{b['hedge']} {b['value_text']} ({b['unit']})",
                "verdict": result.verdict,
                "reason": result.reason,
            }
        )
    return pd.DataFrame(rows)


def pair_verdicts() -> dict[str, str]:
    """Key of 4.6: pair -> verdict by the rule of :func:`vraem.intervals.compare`."""
    table = pair_table()
    return dict(zip(table["pair"], table["verdict"], strict=True))


def emergency_claim() -> pd.Series:
    """Article 004's 'more than three decades' under a state of emergency (a duration in years)."""
    claims = load_claims()
    rows = claims[
        (claims["measure"] == "state_of_emergency_duration") & (claims["unit"] == "years")
    ]
    return _one(rows, "state-of-emergency duration in years in the claims")


#: How the claims table's fact check (when it has one) answers exercise 4.7.
FACT_CHECK_OPTION = {"contradicted": "a", "unverified": "c", "disputed": "c"}


def emergency_key() -> str:
    """Key of 4.7: what the data lets a reader say about 'more than three decades'.

    The claims table's own fact check decides when it has one. Without it, the
    outside figures do: a figure of the same measure and unit for the same area
    confirms (b) or contradicts (a); one only for another area leaves the claim
    unverified, possibly about the wrong valley (c).
    """
    claim = emergency_claim()
    verdict = claim.get("fact_check")
    if isinstance(verdict, str) and verdict in FACT_CHECK_OPTION:
        return FACT_CHECK_OPTION[verdict]
    outside = load_outside_figures()
    rows = outside[
        (outside["measure"] == claim["measure"])
        & (outside["unit"] == claim["unit"])
        & ~outside["circular"].astype(bool)
    ]
    ends = hedge_interval(claim["value_low"], claim["value_high"], claim["hedge"])
    here = rows[[same_area(place, claim["place"]) for place in rows["place"]]]
    for _, row in here.iterrows():
        return (
            "b"
            if overlaps(*ends, *hedge_interval(row["value_low"], row["value_high"], row["hedge"]))
            else "a"
        )
    if len(rows):
        return "c"
    raise ValueError("no outside figure bears on the state-of-emergency claim")
