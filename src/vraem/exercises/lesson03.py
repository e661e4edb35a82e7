"""Checked exercises of lesson 03 · Coca trends, and the rule that judges the articles' coca figures.

The verdict key of exercise 3.5 is not typed in: :func:`coca_claim_checks`
compares every coca figure in ``data/claims.csv`` with the preferred rows of
``data/coca_cultivation.csv`` by a small rule (see :func:`judge_claim`), so a
corrected claim or series row corrects the key with it.
"""

from __future__ import annotations

import math

import pandas as pd

from ..answers import IdSet, Labels, Number
from ..claims import load_claims
from ..series import load_coca_series
from . import Exercise, Misreading, register

NATIONAL, VRAEM = "Peru (national)", "VRAEM"
#: The claims table's place names, mapped to the series' region names. The
#: series' 'VRAEM' rows before 2012 are the VRAE (the Mantaro valley not yet added).
SERIES_REGION = {"VRAE": VRAEM, "VRAEM": VRAEM, "Peru": NATIONAL, "Alto Huallaga": "Alto Huallaga"}
#: Measures the series can check (it counts hectares of coca, nothing else).
AREA_MEASURES = ("coca_area", "coca_area_share", "coca_area_change")
#: Every coca figure in the articles: the area measures plus cocaine output.
COCA_MEASURES = (*AREA_MEASURES, "cocaine_production")
#: How far (relative) a figure may be from the series and still count as supported:
#: an unhedged figure is still a rounded one; a hedge ("nearly", "some") widens the margin.
UNHEDGED_TOLERANCE, HEDGED_TOLERANCE = 0.05, 0.10
SUPPORTED, CONTRADICTED, UNCHECKABLE = "supported", "contradicted", "cannot be checked"
VERDICTS = (SUPPORTED, CONTRADICTED, UNCHECKABLE)


# --- the data behind the exercises ---------------------------------------------------------

def wide_series() -> pd.DataFrame:
    """The preferred series as a table with one row per year and one column per region.

    Every year from the first to the last survey has a row; a region with no
    value for a year has an empty cell there (a gap, never filled in).
    """
    series = load_coca_series()
    wide = series.pivot(index="year", columns="region", values="hectares")
    return wide.reindex(range(int(wide.index.min()), int(wide.index.max()) + 1))


def vraem_missing_years() -> frozenset[str]:
    """Years with a national figure but no VRAEM figure (exercise 3.1)."""
    wide = wide_series()
    missing = wide[NATIONAL].notna() & wide[VRAEM].isna()
    return frozenset(str(year) for year in wide.index[missing])


def percent_change(region: str, start: int, end: int) -> float:
    """Percent change of a region's area from ``start`` to ``end`` (preferred rows)."""
    wide = wide_series()
    before, after = float(wide.loc[start, region]), float(wide.loc[end, region])
    return (after - before) / before * 100


def vraem_share(year: int) -> float:
    """The VRAEM's share of the national coca area in one year, in percent."""
    wide = wide_series()
    return float(wide.loc[year, VRAEM]) / float(wide.loc[year, NATIONAL]) * 100


# --- the rule that judges the articles' coca figures -----------------------------------------

def coca_claims() -> pd.DataFrame:
    """The claims about coca: area, share of area, change of area, and cocaine output."""
    claims = load_claims()
    return claims[claims["measure"].isin(COCA_MEASURES)].reset_index(drop=True)


def _has_values(wide: pd.DataFrame, year: int, regions: list[str]) -> bool:
    return year in wide.index and all(pd.notna(wide.loc[year, region]) for region in regions)


def judge_claim(claim: pd.Series, wide: pd.DataFrame | None = None) -> dict:
    """Compare one coca claim with the official series and give a verdict with its reason.

    The rule, in order:

    1. The series measures coca **area**. A figure of anything else (cocaine
       output) cannot be checked against it.
    2. The **year** compared: the claim's reference period when the text
       states it (``2017``, or ``2009/2010`` for a change). A present-tense
       figure ("now there are") dated only by publication is compared with the
       newest survey year *before* the publication year, since a year's survey
       is published the year after or later. No year (``unknown``): cannot be
       checked.
    3. The **series value**: the region's hectares; for a share, region divided
       by national (as a fraction or in percent, like the claim); for a change,
       the percent change between the two years (a fall is negative). No value
       for that year and region: cannot be checked.
    4. **Supported** when the claim is within 5 % (relative) of the series
       value, or 10 % when the text hedges ("nearly", "some", "about");
       otherwise **contradicted**.
    """
    wide = wide_series() if wide is None else wide
    result = {"claim_id": claim["claim_id"], "article_id": claim["article_id"],
              "measure": claim["measure"], "claim_value": claim["value"],
              "series_region": None, "series_years": None, "series_value": None}

    def verdict(label: str, reason: str) -> dict:
        return {**result, "verdict": label, "reason": reason}

    if claim["measure"] not in AREA_MEASURES:
        return verdict(UNCHECKABLE, f"the series measures coca area in hectares; this figure is "
                                    f"{claim['measure'].replace('_', ' ')} ({claim['unit']})")
    region = SERIES_REGION.get(claim["place"])
    if region is None:
        return verdict(UNCHECKABLE, f"the series has no region for {claim['place']}")
    regions = [region, NATIONAL] if claim["measure"] == "coca_area_share" else [region]
    result["series_region"] = region
    period, basis = str(claim["reference_period"]), claim["reference_basis"]
    if period == "unknown" or basis == "unknown":
        return verdict(UNCHECKABLE, "the text does not say which year the figure describes")
    if claim["measure"] == "coca_area_change":
        years = [int(part[:4]) for part in period.split("/")]
        if len(years) != 2:
            return verdict(UNCHECKABLE, "a change needs a start and an end year")
        why = "the years the text states"
    elif basis == "publication":
        published = int(claim["published"].year)
        earlier = [year for year in wide.index if year < published and _has_values(wide, year, regions)]
        if not earlier:
            return verdict(UNCHECKABLE, f"no survey year before {published} has a value")
        years = [max(earlier)]
        why = (f"a present-tense figure in an article of {published}: the newest survey "
               f"published by then is at best that of {years[0]}")
    else:
        years = [int(period[:4])]
        why = "the year the text states"
    result["series_years"] = "/".join(str(year) for year in years)
    missing = [year for year in years if not _has_values(wide, year, regions)]
    if missing:
        return verdict(UNCHECKABLE, f"the series has no {' and '.join(regions)} value for "
                                    f"{', '.join(map(str, missing))}")
    if claim["measure"] == "coca_area":
        value = float(wide.loc[years[0], region])
        claimed = float(claim["value"])
    elif claim["measure"] == "coca_area_share":
        value = float(wide.loc[years[0], region]) / float(wide.loc[years[0], NATIONAL])
        value *= 100 if claim["unit"] == "percent" else 1
        claimed = float(claim["value"])
    else:
        before, after = (float(wide.loc[year, region]) for year in years)
        value = (after - before) / before * 100
        claimed = -float(claim["value"]) if claim["direction"] == "down" else float(claim["value"])
    result["series_value"] = value
    hedged = str(claim["hedge"]).lower() != "none"
    tolerance = HEDGED_TOLERANCE if hedged else UNHEDGED_TOLERANCE
    difference = abs(claimed - value) / abs(value)
    reason = (f"{why}; the claim is {difference:.0%} away from the series value "
              f"({'hedged' if hedged else 'no hedge'}: up to {tolerance:.0%} allowed)")
    return verdict(SUPPORTED if difference <= tolerance else CONTRADICTED, reason)


def coca_claim_checks() -> pd.DataFrame:
    """Every coca claim with the series value it is compared with, the verdict and the reason."""
    wide = wide_series()
    rows = [judge_claim(claim, wide) for _, claim in coca_claims().iterrows()]
    return pd.DataFrame(rows)


def coca_verdicts() -> dict[str, str]:
    """The key of exercise 3.5: claim id -> verdict."""
    checks = coca_claim_checks()
    return dict(zip(checks["claim_id"], checks["verdict"], strict=True))


# --- quoting the course's reference notes ---------------------------------------------------

# --- the exercises ----------------------------------------------------------------------------

def _close(answer: float, target: float, margin: float = 0.02) -> bool:
    return math.isclose(answer, target, rel_tol=margin, abs_tol=1e-9)


def _interior(missing: frozenset[str]) -> frozenset[str]:
    """The missing years that lie between the first and the last VRAEM value."""
    present = wide_series()[VRAEM].dropna().index
    return frozenset(year for year in missing if int(present.min()) < int(year) < int(present.max()))


register(Exercise(
    id="3.1",
    title="Which years have no VRAEM figure?",
    answer=IdSet(width=4),
    expected=vraem_missing_years,
    look_again=("In the wide table, a year with no VRAEM survey value has an empty cell (<NA>) in the "
                "VRAEM column while the national column is filled in. List every such year."),
    hints=(
        "Look down the VRAEM column of the wide table: which rows show <NA>?",
        "Check the first and the last rows too, not only the holes in the middle.",
        "wide.index[wide[\"VRAEM\"].isna()] gives the years (the index) where that column is empty.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: not (answer & expected) and len(answer) > 0,
            feedback=("Those are years that do have a VRAEM value. The question asks for the years "
                      "where the VRAEM cell is empty."),
            example=lambda expected: frozenset(
                str(year) for year in wide_series().index if str(year) not in expected),
        ),
        Misreading(
            matches=lambda answer, expected: answer == _interior(expected),
            feedback=("You found the holes between VRAEM values. The national series starts earlier "
                      "and ends later: the years before the first and after the last VRAEM value "
                      "are missing too."),
            example=lambda expected: _interior(expected),
        ),
        Misreading(
            matches=lambda answer, expected: answer < expected,
            feedback="All of those are missing indeed, but your list is not complete yet.",
            example=lambda expected: frozenset(sorted(expected)[:2]),
        ),
        Misreading(
            matches=lambda answer, expected: answer > expected,
            feedback=("Your list has every missing year, plus at least one year that does have a "
                      "VRAEM value."),
            example=lambda expected: frozenset(expected | {str(int(wide_series()[VRAEM].dropna().index[0]))}),
        ),
    ),
))


def _change_misreadings(region: str, start: int, end: int) -> tuple[Misreading, ...]:
    """Misreadings of a percent change: ratio, fraction, hectares, reversed, wrong base, rounding."""

    def values() -> tuple[float, float]:
        wide = wide_series()
        return float(wide.loc[start, region]), float(wide.loc[end, region])

    def ratio(expected):
        return 1 + expected / 100

    def hectares(expected):
        before, after = values()
        return after - before

    def reversed_change(expected):
        before, after = values()
        return (before - after) / after * 100

    def wrong_base(expected):
        before, after = values()
        return (after - before) / after * 100

    return (
        Misreading(
            matches=lambda answer, expected: _close(answer, ratio(expected), 0.002),
            feedback=("That is the later area divided by the earlier one (a ratio). A percent change "
                      "is that ratio minus one, times a hundred."),
            example=lambda expected: round(ratio(expected), 4),
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, expected / 100, 0.02),
            feedback=("That is the change as a fraction of the earlier area. The exercise asks for "
                      "percent: multiply by a hundred."),
            example=lambda expected: round(expected / 100, 4),
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, hectares(expected), 0.01),
            feedback=("That is the change in hectares. Divide it by the earlier year's area to get "
                      "the change relative to where the series started."),
            example=hectares,
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, reversed_change(expected), 0.01)
            or _close(answer, -expected, 0.01),
            feedback=("The sign or the direction is off: go from the earlier year to the later one "
                      "(later minus earlier). The area grew, so the change is positive."),
            example=lambda expected: round(reversed_change(expected), 2),
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, wrong_base(expected), 0.005),
            feedback=("You divided by the later year's area. A change is measured against the "
                      "starting point: divide by the earlier year's area."),
            example=lambda expected: round(wrong_base(expected), 2),
        ),
        Misreading(
            matches=lambda answer, expected: abs(answer - expected) < 0.6,
            feedback=("Close, but rounded too much, perhaps as an article would print it. Work it "
                      "out from the hectares and keep two decimals."),
            example=lambda expected: float(round(expected)),
        ),
    )


register(Exercise(
    id="3.2",
    title="How much did the VRAE's coca area grow from 2009 to 2010?",
    answer=Number(tolerance=0.005, absolute=0.01),
    expected=lambda: percent_change(VRAEM, 2009, 2010),
    look_again=("Take the VRAEM column (the VRAE in those years) of the wide table: (later area minus "
                "earlier area) divided by the earlier area, times a hundred."),
    hints=(
        "wide.loc[year, \"VRAEM\"] gives one cell: the area of one year.",
        "Percent change = (new - old) / old * 100, where old is the earlier year.",
        "Give a number such as 4.5 (meaning 4.5 percent), not text and not a fraction.",
    ),
    misreadings=_change_misreadings(VRAEM, 2009, 2010),
))

register(Exercise(
    id="3.3",
    title="And Peru's national coca area over the same year?",
    answer=Number(tolerance=0.005, absolute=0.01),
    expected=lambda: percent_change(NATIONAL, 2009, 2010),
    look_again=("Same calculation as before, on the \"Peru (national)\" column: (later minus earlier) "
                "divided by the earlier area, times a hundred."),
    hints=(
        "The column name has a space and brackets: wide.loc[year, \"Peru (national)\"].",
        "Percent change = (new - old) / old * 100.",
        "Compare your result with the VRAE's: which grew faster?",
    ),
    misreadings=_change_misreadings(NATIONAL, 2009, 2010),
))


def _share_wrong_way() -> float:
    wide = wide_series()
    return float(wide.loc[2010, NATIONAL]) / float(wide.loc[2010, VRAEM]) * 100


def _share_other_year() -> float:
    wide = wide_series()
    return float(wide.loc[2009, VRAEM]) / float(wide.loc[2009, NATIONAL]) * 100


register(Exercise(
    id="3.4",
    title="What share of Peru's coca area was in the VRAE in 2010?",
    answer=Number(tolerance=0.005, absolute=0.01),
    expected=lambda: vraem_share(2010),
    look_again=("A share is the part divided by the whole: the VRAE's area divided by the national "
                "area of the same year, times a hundred."),
    hints=(
        "The part is the VRAEM column, the whole is the national column, both in the same row.",
        "Share in percent = part / whole * 100.",
        "The answer should be between 0 and 100, since the VRAE is part of Peru.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: _close(answer, expected / 100, 0.01),
            feedback="That is the share as a fraction. The exercise asks for percent: times a hundred.",
            example=lambda expected: round(expected / 100, 4),
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, _share_wrong_way(), 0.01)
            or _close(answer, _share_wrong_way() / 100, 0.01),
            feedback=("Divided the wrong way round: the whole (national) went on top. A share is "
                      "part divided by whole, so it cannot be more than a hundred percent."),
            example=lambda expected: round(_share_wrong_way(), 2),
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, _share_other_year(), 0.005),
            feedback="That is the share in another year. Use the row of the year the exercise names.",
            example=lambda expected: round(_share_other_year(), 2),
        ),
    ),
))


def _relabel(expected: dict, claim_id: str, prefer: str) -> dict:
    """The key with one claim relabelled: ``prefer``, or another wrong label if that is right."""
    wrong = prefer if expected[claim_id] != prefer else next(
        label for label in VERDICTS if label != expected[claim_id])
    return {**expected, claim_id: wrong}


def _wrong(claim_id: str):
    return lambda answer, expected: claim_id in expected and answer.get(claim_id) != expected[claim_id]


register(Exercise(
    id="3.5",
    title="Verdicts on the articles' coca figures",
    answer=Labels(VERDICTS, key="claim_id", label="verdict"),
    expected=coca_verdicts,
    look_again=("For each claim: which quantity it counts, which survey year it can be compared "
                "with, the series value for that year and region, and how far apart the two are "
                "given the hedge."),
    hints=(
        "Start with the measure: the series counts hectares of coca. Which claims count something else?",
        "Then the year: a figure the text dates ('in 2017', 'between 2009 and 2010') is compared with "
        "that year; a present-tense figure with the newest survey before the article was published; "
        "a figure with no year at all with nothing.",
        "Then the distance: |claim - series| / series, within 5 % for an unhedged figure and 10 % for "
        "a hedged one. A share is the VRAEM column divided by the national column.",
    ),
    misreadings=(
        Misreading(
            matches=_wrong("C021"),
            feedback=("Look again at C021. 'Now' in an article written in the second half of that year "
                      "cannot mean a survey of the same year: a survey measures the area at the end "
                      "of its year and comes out later. Which survey year does the same paragraph of "
                      "the article cite, and what does the series say for it?"),
            example=lambda expected: _relabel(expected, "C021", UNCHECKABLE),
        ),
        Misreading(
            matches=_wrong("C033"),
            feedback=("Look again at C033. The article gives a share of the country's coca crops, "
                      "that is of the area. Work out the VRAEM's share of the national area in the "
                      "year the article names. Shares of cocaine or leaf production are another "
                      "quantity."),
            example=lambda expected: _relabel(expected, "C033", SUPPORTED),
        ),
        Misreading(
            matches=_wrong("C027"),
            feedback=("Look again at C027. Is that figure an area? Ask what the official series "
                      "measures, and whether any official estimate of that other quantity exists "
                      "for the region and year."),
            example=lambda expected: _relabel(expected, "C027", CONTRADICTED),
        ),
        Misreading(
            matches=_wrong("C047"),
            feedback=("Look again at C047. Which year did that fall happen in? If the text does not "
                      "say, no row of the series can be set against it, however the series moves."),
            example=lambda expected: _relabel(expected, "C047", CONTRADICTED),
        ),
        Misreading(
            matches=_wrong("C013"),
            feedback=("Look again at C013: a present-tense share in the same undated article as C021. "
                      "Compare it with the share in the newest survey year the writer could have "
                      "read (you worked it out in exercise 3.4), allowing for the hedge."),
            example=lambda expected: _relabel(expected, "C013", UNCHECKABLE),
        ),
        Misreading(
            matches=_wrong("C020"),
            feedback=("Look again at C020. A round figure is rarely exactly the survey value: how far "
                      "apart are they, in percent of the series value, and how much does the rule "
                      "allow for a figure without a hedge?"),
            example=lambda expected: _relabel(expected, "C020", CONTRADICTED),
        ),
    ),
))
