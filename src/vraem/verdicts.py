"""The course's rule for judging an article's coca figure against the official series: ``judge_claim(claim)``.

Lesson 03 teaches the rule and its exercise 3.5 asks for its verdicts; the
capstone (lesson 06) applies the same rule to the coca figures of the worked
article. It lives here, beside the series it reads, so that both lessons use
one rule. :func:`brief_verdict` extends it to every claim of a brief (the
capstone's exercise 6.1): the reference notes judge the figures the series
cannot.
"""

from __future__ import annotations

import re

import pandas as pd

from .claims import load_claims
from .i18n import _
from .series import ALTO_HUALLAGA, NATIONAL, VRAEM, has_values, newest_survey_before, wide_series

#: The claims table's place names, mapped to the series' region names. The
#: series' 'VRAEM' rows before 2012 are the VRAE (the Mantaro valley not yet added).
SERIES_REGION = {"VRAE": VRAEM, "VRAEM": VRAEM, "Peru": NATIONAL, "Alto Huallaga": ALTO_HUALLAGA}
#: Measures the series can check (it counts hectares of coca, nothing else).
AREA_MEASURES = ("coca_area", "coca_area_share", "coca_area_change")
#: Every coca figure in the articles: the area measures plus cocaine output.
COCA_MEASURES = (*AREA_MEASURES, "cocaine_production")
#: How far (relative) a figure may be from the series and still count as supported:
#: an unhedged figure is still a rounded one; a hedge ("nearly", "some") widens the margin.
UNHEDGED_TOLERANCE, HEDGED_TOLERANCE = 0.05, 0.10
SUPPORTED, CONTRADICTED, UNCHECKABLE = "supported", "contradicted", "cannot be checked"
VERDICTS = (SUPPORTED, CONTRADICTED, UNCHECKABLE)


def coca_claims() -> pd.DataFrame:
    """The claims about coca: area, share of area, change of area, and cocaine output."""
    claims = load_claims()
    return claims[claims["measure"].isin(COCA_MEASURES)].reset_index(drop=True)


def judge_claim(claim: pd.Series, wide: pd.DataFrame | None = None) -> dict:
    """Compare one coca claim with the official series and give a verdict with its reason.

    The rule, in order:

    1. The series measures coca **area**. The articles' "coca crops" are read
       as area, as the claims table records in ``measure`` and ``note``: a
       share of coca crops is a share of the area, and "50,000 coca crops"
       with no unit is read in hectares, the unit of the survey the text
       names. A figure of anything else (cocaine output) cannot be checked
       against the series, nor can a claim with no number.
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
    result = {
        "claim_id": claim["claim_id"],
        "article_id": claim["article_id"],
        "measure": claim["measure"],
        "claim_value": claim["value"],
        "series_region": None,
        "series_years": None,
        "series_value": None,
    }

    def verdict(label: str, reason: str) -> dict:
        return {**result, "verdict": label, "reason": reason}

    if claim["measure"] not in AREA_MEASURES:
        return verdict(
            UNCHECKABLE,
            _(
                "the series measures coca area in hectares; this figure is {measure} ({unit})"
            ).format(measure=claim["measure"].replace("_", " "), unit=claim["unit"]),
        )
    if pd.isna(claim["value"]):
        return verdict(UNCHECKABLE, _("the text gives no number to compare with the series"))
    region = SERIES_REGION.get(claim["place"])
    if region is None:
        return verdict(
            UNCHECKABLE, _("the series has no region for {place}").format(place=claim["place"])
        )
    regions = [region, NATIONAL] if claim["measure"] == "coca_area_share" else [region]
    result["series_region"] = region
    period, basis = str(claim["reference_period"]), claim["reference_basis"]
    if period == "unknown" or basis == "unknown":
        return verdict(UNCHECKABLE, _("the text does not say which year the figure describes"))
    if claim["measure"] == "coca_area_change":
        years = [int(part[:4]) for part in period.split("/")]
        if len(years) != 2:
            return verdict(UNCHECKABLE, _("a change needs a start and an end year"))
        why = _("the years the text states")
    elif basis == "publication":
        published = int(claim["published"].year)
        newest = newest_survey_before(published, regions, wide)
        if newest is None:
            return verdict(
                UNCHECKABLE,
                _("no survey year before {year} has a value").format(year=published),
            )
        years = [newest]
        why = _(
            "a present-tense figure in an article of {year}: the newest survey "
            "published by then is at best that of {newest}"
        ).format(year=published, newest=newest)
    else:
        years = [int(period[:4])]
        why = _("the year the text states")
    result["series_years"] = "/".join(str(year) for year in years)
    missing = [year for year in years if not has_values(wide, year, regions)]
    if missing:
        return verdict(
            UNCHECKABLE,
            _("the series has no {regions} value for {years}").format(
                regions=" and ".join(regions), years=", ".join(map(str, missing))
            ),
        )
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
    away = (
        _(
            "{why}; the claim is {difference} away from the series value (hedged: up to {tolerance} allowed)"
        )
        if hedged
        else _(
            "{why}; the claim is {difference} away from the series value "
            "(no hedge: up to {tolerance} allowed)"
        )
    )
    reason = away.format(why=why, difference=f"{difference:.0%}", tolerance=f"{tolerance:.0%}")
    return verdict(SUPPORTED if difference <= tolerance else CONTRADICTED, reason)


def brief_verdict(claim: pd.Series) -> dict:
    """The verdict on one claim of a brief, with its reason: ``brief_verdict(claims.iloc[0])``.

    The rule, in order:

    1. A coca figure is judged against the official series by lesson 03's rule
       (:func:`judge_claim`).
    2. Any other figure: the claims table's ``fact_check`` records what the
       course's reference notes say against it. ``contradicted``: a source says
       otherwise. ``unverified`` or ``disputed``: the notes could not settle it,
       so it cannot be checked.
    3. No fact check, and the claim's ``note`` cites the reference notes
       ("Reference (a): ... which fits"): the notes agree, so it is supported.
    4. Otherwise nothing in the course's data measures that quantity at that
       time: it cannot be checked. (The policy timeline quotes the articles
       too; a text cannot confirm itself.)
    """

    def verdict(label: str, reason: str) -> dict:
        return {"claim_id": claim["claim_id"], "verdict": label, "reason": reason}

    if claim["measure"] in COCA_MEASURES:
        judged = judge_claim(claim, wide_series())
        return verdict(judged["verdict"], judged["reason"])
    recorded = claim["fact_check"] if isinstance(claim["fact_check"], str) else ""
    if recorded == CONTRADICTED:
        return verdict(
            CONTRADICTED, _("a source in the reference notes says otherwise (see fact_check_note)")
        )
    if recorded:
        return verdict(
            UNCHECKABLE,
            _("the reference notes could not settle it ({recorded})").format(recorded=recorded),
        )
    if re.search(r"\bReference \([a-z]\)", str(claim["note"]), re.IGNORECASE):
        return verdict(SUPPORTED, _("the reference notes agree (see note)"))
    return verdict(
        UNCHECKABLE,
        _("no series or reference source in the course measures this quantity at that time"),
    )
