"""Checked exercises of lesson 03 · Coca trends, and the rule that judges the articles' coca figures.

Every key is worked out from the data files:

- 3.1, 3.2 and 3.4 from the preferred rows of ``data/coca_cultivation.csv``;
- 3.3 (which survey a present-tense figure could use) and the year of 3.4 from
  the rule of :func:`judge_claim` applied to ``data/claims.csv``;
- 3.5 (the verdicts) from :func:`coca_claim_checks`, the same rule on every coca claim;
- 3.6 (tracing figures to their origin) from the series, its ``source_kind``
  column and the passages of ``data/reference/context_facts.md``;
- 3.7 (is "80 tons" plausible?) from UNODC's last Peru estimate in the reference
  notes, the series and the claim's own value.

A corrected data row therefore corrects the key with it.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..answers import Choice, IdSet, Labels, Number
from ..claims import load_claims
from ..datacache import remembered  # for helpers of the data that the feedback asks for again
from ..exercise_answers import StatementLabels
from ..paths import data_file
from ..provenance import reference_text
from ..scrape import clean_line
from ..series import (NATIONAL, OFFICIAL_RELEASE, VRAEM, load_coca_series, newest_survey_before,
                      percent_change, vraem_share, wide_series)
from ..verdicts import (CONTRADICTED, HEDGED_TOLERANCE, SUPPORTED, UNCHECKABLE, VERDICTS, coca_claims,
                       judge_claim)
from . import Exercise, Misreading, register
from .shapes import relabelled, wrong_label


#: The claims the exercises single out (ids of data/claims.csv).
NOW_AREA, NOW_SHARE = "C021", "C013"      # article 001: "now there are 19,700", "nearly a third"
TONS, SEVENTY = "C027", "C033"            # article 002: "some 80 tons"; article 003: "nearly 70 percent"
UNITLESS = "C034"                         # article 003: "some 50,000 coca crops", no unit

#: Passages of data/reference/context_facts.md the keys of 3.6 and 3.7 rest on. Each
#: must be in the file: a key that cannot find its evidence fails loudly.
NO_OFFICIAL_TONS = "No UNODC or DEVIDA figure for VRAE cocaine output in 2012 was found."
TONS_ORIGIN = "circulates via InSight Crime itself"
PRODUCTION_SHARES = ("In 2014, the VRAEM region accounted for more than 67 per cent of production",
                     "El VRAEM representó el 69 por ciento de la producción")
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
def _claim(claim_id: str) -> pd.Series:
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
    years = judge_claim(_claim(claim_id))["series_years"]
    return None if years is None else int(str(years).split("/")[-1])


# --- the exercises ----------------------------------------------------------------------------

def _close(answer: float, target: float, margin: float = 0.02) -> bool:
    return math.isclose(answer, target, rel_tol=margin, abs_tol=1e-9)


def _letter_for(options: dict[str, str], opening: str) -> str:
    """The letter of the one option whose text starts with ``opening``."""
    letters = [letter for letter, text in options.items() if text.startswith(opening)]
    if len(letters) != 1:
        raise ValueError(f"no single option starts with {opening!r}: the data no longer fits the options")
    return letters[0]


# ---------------------------------------------------------------- 3.1 gaps

def _years_with_vraem_value() -> frozenset[str]:
    wide = wide_series()
    return frozenset(str(year) for year in wide.index[wide[VRAEM].notna()])


def _series_years() -> frozenset[str]:
    return frozenset(str(year) for year in wide_series().index)


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
            matches=lambda answer, expected: len(answer) == 0,
            feedback="The list is empty. List the years whose VRAEM cell is empty (<NA>) in the wide table.",
            example=lambda expected: [],
        ),
        Misreading(
            matches=lambda answer, expected: not answer <= _series_years(),
            feedback=("At least one of those years lies outside the years the series covers. The wide "
                      "table has one row per survey year, from its first row to its last: use only those."),
            example=lambda expected: frozenset({str(int(max(_series_years())) + 6)}),
        ),
        Misreading(
            matches=lambda answer, expected: answer <= _years_with_vraem_value(),
            feedback=("Those are years that do have a VRAEM value. The question asks for the years "
                      "where the VRAEM cell is empty."),
            example=lambda expected: frozenset(sorted(_years_with_vraem_value())[:3]),
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


# ---------------------------------------------------------------- 3.2 a percent change

def _change_misreadings(region: str, start: int, end: int) -> tuple[Misreading, ...]:
    """Misreadings of a percent change: ratio, fraction, hectares, reversed, wrong base.

    A change rounded too far is told so by the answer type (``Number(decimals=2)``).
    """

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
                      "(later minus earlier), and let the sign say whether the area grew or fell."),
            example=lambda expected: round(reversed_change(expected), 2),
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, wrong_base(expected), 0.005),
            feedback=("You divided by the later year's area. A change is measured against the "
                      "starting point: divide by the earlier year's area."),
            example=lambda expected: round(wrong_base(expected), 2),
        ),
    )


register(Exercise(
    id="3.2",
    title="How much did the VRAE's coca area grow from 2009 to 2010?",
    answer=Number(tolerance=0.005, absolute=0.01, unit="percent", decimals=2),
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


# ---------------------------------------------------------------- 3.3 which survey?

SURVEY_OPTIONS = {
    "a": "the 2011 survey, since the article was written in 2011",
    "b": "the 2010 survey, the newest one published before the article was written",
    "c": "the 2005 survey, the year the same sentence names",
    "d": "no survey at all: a figure in the present tense has no survey year",
}


def survey_choice() -> str:
    """The key of 3.3: the option naming the survey year the rule gives article 001's "now"."""
    year = survey_year_for(NOW_AREA)
    if year is None:
        return _letter_for(SURVEY_OPTIONS, "no survey")
    return _letter_for(SURVEY_OPTIONS, f"the {year} survey")


register(Exercise(
    id="3.3",
    title="Which survey could \"now\" come from?",
    answer=Choice(SURVEY_OPTIONS, why_not={
        "a": ("A survey measures the area at the end of its year and is published months later, so "
              "an article written during a year cannot cite that year's survey."),
        "b": ("Set two dates side by side: when the article was written, and when each survey year's "
              "result was published."),
        "c": ("That is the year of the other figure in the sentence, the one before García; \"now\" "
              "points to a newer survey."),
        "d": ("\"Now\" has a date: the day the article was written. A present-tense figure is compared "
              "with the newest survey whose result was public by then."),
    }),
    expected=survey_choice,
    look_again="Which survey results had been published when the article was written?",
    hints=(
        ("A survey year's result comes out the year after, or later (see article 003 and the 2018-2019 "
         "figures in section 1)."),
        "Article 001 itself cites UN figures for a pair of years: the later of the two was already public.",
    ),
))


# ---------------------------------------------------------------- 3.4 a share

def share_year() -> int:
    """The survey year of 3.4: the year the rule compares article 001's "nearly a third" with."""
    year = survey_year_for(NOW_SHARE)
    if year is None:
        raise ValueError(f"the rule gives claim {NOW_SHARE} no survey year")
    return year


def _share_wrong_way() -> float:
    wide, year = wide_series(), share_year()
    return float(wide.loc[year, NATIONAL]) / float(wide.loc[year, VRAEM]) * 100


def _other_year_shares() -> list[float]:
    wide, year = wide_series(), share_year()
    both = wide[NATIONAL].notna() & wide[VRAEM].notna()
    return [vraem_share(int(other)) for other in wide.index[both] if int(other) != year]


def _farthest_other_share() -> float:
    target = vraem_share(share_year())
    return max(_other_year_shares(), key=lambda share: abs(share - target))


register(Exercise(
    id="3.4",
    title="What share of Peru's coca area was in the VRAE?",
    answer=Number(tolerance=0.001, absolute=0.01, unit="percent", decimals=2),
    expected=lambda: vraem_share(share_year()),
    look_again=("A share is the part divided by the whole: the VRAE's area divided by the national "
                "area of the same year, times a hundred, in the survey year of exercise 3.3."),
    hints=(
        ("The year is the survey year you chose in 3.3; the part is the VRAEM column, the whole the "
         "national column, both in that row."),
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
            matches=lambda answer, expected: any(_close(answer, other, 0.001) for other in _other_year_shares()),
            feedback=("That is the share in another year. Use the row of the survey year from "
                      "exercise 3.3: the newest survey published before article 001."),
            example=lambda expected: round(_farthest_other_share(), 2),
        ),
    ),
))


# ---------------------------------------------------------------- 3.5 verdicts

register(Exercise(
    id="3.5",
    title="Verdicts on the articles' coca figures",
    answer=Labels(VERDICTS, key="claim_id", label="verdict"),
    expected=coca_verdicts,
    look_again=("For each claim: which quantity it counts, which survey year it can be compared "
                "with, the series value for that year and region, and how far apart the two are "
                "given the hedge."),
    hints=(
        ("Start with the measure: the series counts hectares of coca, and the rule reads the articles' "
         "\"coca crops\" as area. Which claims count something else?"),
        ("Then the year: a figure the text dates ('in 2017', 'between 2009 and 2010') is compared with "
         "that year; a present-tense figure with the newest survey before the article was published; "
         "a figure with no year at all with nothing."),
        ("Then the distance: |claim - series| / series, within 5 % for an unhedged figure and 10 % for "
         "a hedged one. A share is the VRAEM column divided by the national column."),
    ),
    misreadings=(
        wrong_label(NOW_AREA,
                    "Look again at C021. 'Now' in an article written during 2011 cannot mean a "
                    "survey of the same year: a survey measures the area at the end of its year and "
                    "comes out later. Exercise 3.3 found the survey to compare with: what does the "
                    "series say for it?",
                    labels=VERDICTS, prefer=UNCHECKABLE),
        wrong_label(SEVENTY,
                    "Look again at C033. The article gives a share of the country's coca crops, "
                    "which the rule reads as a share of the area. Work out the VRAEM's share of the "
                    "national area in the year the article names. Shares of cocaine or leaf "
                    "production are another quantity.",
                    labels=VERDICTS, prefer=SUPPORTED),
        Misreading(
            matches=lambda answer, expected: answer.get(UNITLESS) == UNCHECKABLE != expected.get(UNITLESS),
            about=(UNITLESS,),
            summary=f'{UNITLESS}, a figure with no unit, labelled "{UNCHECKABLE}"',
            feedback=("Look again at C034. The text gives no unit, and reading it as uncheckable is a "
                      "fair first reaction. The rule settles it, though: the figure is attributed to "
                      "UNODC's survey, which counts hectares, so \"50,000 coca crops\" is read as "
                      "hectares (the claims table's note records that reading). Compare it with the "
                      "series in the year the text names, allowing for its hedge."),
            example=lambda expected: relabelled(expected, UNITLESS, UNCHECKABLE, VERDICTS),
        ),
        wrong_label(UNITLESS,
                    "Look again at C034. The rule reads \"50,000 coca crops\" as hectares, the unit of "
                    "the survey the text names (the claims table's note records that reading). Compare "
                    "it with the series in the year the text names, allowing for its hedge.",
                    labels=VERDICTS, prefer=CONTRADICTED),
        wrong_label(TONS,
                    "Look again at C027. Is that figure an area? Ask what the official series "
                    "measures, and whether any official estimate of that other quantity exists "
                    "for the region and year.",
                    labels=VERDICTS, prefer=CONTRADICTED),
        wrong_label("C047",
                    "Look again at C047. Which year did that fall happen in? If the text does not "
                    "say, no row of the series can be set against it, whichever way the series moves.",
                    labels=VERDICTS, prefer=CONTRADICTED),
        wrong_label(NOW_SHARE,
                    "Look again at C013, a present-tense share in the same article as C021. "
                    "\"Coca crops\" does not say area or production; the rule reads a share of coca "
                    "crops as a share of the area (the claims table's note flags the choice). So "
                    "compare it with the share you worked out in exercise 3.4, allowing for the hedge.",
                    labels=VERDICTS, prefer=UNCHECKABLE),
        wrong_label("C020",
                    "Look again at C020. A round figure is rarely exactly the survey value: how far "
                    "apart are they, in percent of the series value, and how much does the rule "
                    "allow for a figure without a hedge?",
                    labels=VERDICTS, prefer=CONTRADICTED),
    ),
))


# ---------------------------------------------------------------- 3.6 tracing figures

TRACE_OPTIONS = {
    "a": "The \"80 tons\" of article 002 goes back to an official UNODC or DEVIDA estimate.",
    "b": ("The one other source the reference notes found for the \"80 tons\" cites InSight Crime "
          "itself, so it cannot confirm the article."),
    "c": ("UNODC (2014 data) and Huachos (2015 data) give shares near 70 % for the VRAEM's share of "
          "coca production; the VRAEM's share of the area, in the series, is far lower in every year."),
    "d": "UNODC's release for 2017 puts the VRAEM at nearly 70 % of Peru's coca area.",
    "e": "The series' values for 2018 to 2022 come from DEVIDA's own releases.",
}


def _within_hedge(value: float, claimed: float) -> bool:
    return abs(value - claimed) / abs(claimed) <= HEDGED_TOLERANCE


def _percent_in(passage: str) -> float:
    found = re.search(r"(\d+(?:\.\d+)?)\s*(?:per cent|por ciento|%)", passage)
    if found is None:
        raise ValueError(f"no percentage in “{passage[:60]}…”")
    return float(found.group(1))


def trace_statements() -> dict[str, bool]:
    """Whether each statement of 3.6 holds, worked out from the data files."""
    text = reference_text()
    seventy = float(_claim(SEVENTY)["value"])
    year = int(str(_claim(SEVENTY)["reference_period"])[:4])
    tons_lines = reference_lines("80 tons")
    series = load_coca_series()
    late = series[series["year"].between(2018, 2022)]
    wide = wide_series()
    area_shares = (wide[VRAEM] / wide[NATIONAL] * 100).dropna()
    return {
        "a": clean_line(NO_OFFICIAL_TONS) not in text,
        "b": any(TONS_ORIGIN in line for line in tons_lines),
        "c": (all(_within_hedge(_percent_in(reference_passage(p)), seventy) for p in PRODUCTION_SHARES)
              and bool(area_shares.max() < seventy * (1 - HEDGED_TOLERANCE))),
        "d": bool(_within_hedge(vraem_share(year), seventy)),
        "e": bool(len(late)) and bool((late["source_kind"] == OFFICIAL_RELEASE).all()),
    }


TRACE_LABELS = ("yes", "no")
#: What a learner who judges a statement wrongly should look at again (never the right label).
TRACE_FEEDBACK = {
    "a": ("Look again at (a). Search the reference notes for “80 tons”: what do they say about an "
          "official estimate of the VRAE's cocaine output, and whom does the other source cite?"),
    "b": ("Look again at (b). Read the lines on “80 tons” in the reference notes: whom does the other "
          "source cite, and could that source confirm the article?"),
    "c": ("Look again at (c). Set the production shares in the reference notes beside 70 %, then "
          "look at the VRAEM's share of the area in the series (the `share` table), year by year."),
    "d": ("Look again at (d). Divide the 2017 VRAEM area by the 2017 national area (or read the "
          "release's own share): how far is that from 70 %, even with the margin of \"nearly\"?"),
    "e": ("Look again at (e). Select the rows from 2018 to 2022 and read their source_publisher and "
          "source_kind: who published each of them?"),
}



def trace_key() -> dict[str, str]:
    """The key of 3.6: for each statement, "yes" if the evidence supports it, else "no"."""
    return {letter: "yes" if holds else "no" for letter, holds in trace_statements().items()}


register(Exercise(
    id="3.6",
    title="Trace the figures to their origin",
    answer=StatementLabels(TRACE_LABELS),
    expected=trace_key,
    look_again="Check each statement against the reference notes and the series.",
    hints=(
        ("find_in_notes(\"80 tons\") shows every line of the reference notes about that figure; read "
         "whom each source cites."),
        ("find_in_notes(\"per cent\") and find_in_notes(\"por ciento\") show the shares reported for "
         "production; the area shares are in the `share` table (VRAEM / national, per year)."),
        "For the rows from 2018 on, select them and look at source_publisher and source_kind.",
    ),
    misreadings=(
        *(wrong_label(letter, TRACE_FEEDBACK[letter], labels=TRACE_LABELS, prefer="no")
          for letter in TRACE_OPTIONS),
    ),
))


# ---------------------------------------------------------------- 3.7 plausibility

PLAUSIBLE_OPTIONS = {
    "a": "under half of 80 tonnes: the \"80 tons\" looks too high for the area",
    "b": "between half and twice 80 tonnes: the \"80 tons\" is the right size, though not confirmed",
    "c": "more than twice 80 tonnes: the \"80 tons\" looks too low for the area",
    "d": "an estimate like this one can confirm the \"80 tons\" when it comes close enough",
}


def unodc_last_estimate() -> tuple[int, float]:
    """UNODC's last estimate of Peru's potential cocaine output: (year, tonnes), from the reference notes."""
    found = re.search(r"in (\d{4}) it produced (\d+) tonnes", reference_passage(UNODC_LAST_ESTIMATE))
    if found is None:
        raise ValueError("UNODC_LAST_ESTIMATE no longer gives a year and a tonnage")
    return int(found.group(1)), float(found.group(2))


def plausibility_estimate() -> float:
    """Tonnes of cocaine the VRAE's area could yield at UNODC's last national rate (exercise 3.7).

    The rate is UNODC's last estimate divided by the national area of the same
    year; the area is the VRAE's in the newest survey year before article
    002's publication that has a VRAE value.
    """
    wide = wide_series()
    year, tonnes = unodc_last_estimate()
    rate = tonnes / float(wide.loc[year, NATIONAL])
    published = int(_claim(TONS)["published"].year)
    area_year = newest_survey_before(published, [VRAEM], wide)
    return rate * float(wide.loc[area_year, VRAEM])


def plausibility_choice() -> str:
    """The key of 3.7: where the estimate falls relative to the claim's own figure."""
    ratio = plausibility_estimate() / float(_claim(TONS)["value"])
    if ratio < 0.5:
        return "a"
    return "b" if ratio <= 2 else "c"


register(Exercise(
    id="3.7",
    title="Is \"80 tons\" plausible?",
    answer=Choice(PLAUSIBLE_OPTIONS, why_not={
        "a": ("Check the rate and the units: tonnes of cocaine per hectare is UNODC's tonnes divided by "
              "the national area of the same year; multiply that by the VRAE's hectares."),
        "b": ("Work the estimate out again, step by step: the rate from the national figures of "
              "UNODC's last estimate year, then times the VRAE's area in the newest survey before "
              "article 002."),
        "c": ("Check that the rate divides by the national area (not the VRAE's) and that the result "
              "is in tonnes, not kilograms."),
        "d": ("An estimate built on another year's rate and on the national average shows whether a "
              "figure is the right size. It cannot confirm the figure, however close it comes."),
    }),
    expected=plausibility_choice,
    look_again="Compute the estimate first, then see which range it falls in.",
    hints=(
        "rate = UNODC's tonnes / wide.loc[year, \"Peru (national)\"] for the year of that estimate.",
        ("estimate = rate * the VRAE's hectares in the newest survey year before October 2012 that has "
         "a VRAEM value."),
        "Compare the estimate with 40 (half of 80) and 160 (twice 80).",
    ),
))
