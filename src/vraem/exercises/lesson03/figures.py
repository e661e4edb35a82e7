"""Lesson 03, exercises 3.5 to 3.7: verdicts on the coca figures, tracing figures, plausibility."""

from __future__ import annotations

import re

from ...answers import Choice
from ...exercise_answers import StatementLabels
from ...provenance import reference_text
from ...scrape import clean_line
from ...series import (
    NATIONAL,
    OFFICIAL_RELEASE,
    VRAEM,
    load_coca_series,
    newest_survey_before,
    vraem_share,
    wide_series,
)
from ...verdicts import CONTRADICTED, HEDGED_TOLERANCE, SUPPORTED, UNCHECKABLE, VERDICTS
from .. import Exercise, Misreading, register
from ..shapes import CLAIM_VERDICTS, relabelled, wrong_label
from .data import (
    NO_OFFICIAL_TONS,
    NOW_AREA,
    NOW_SHARE,
    PRODUCTION_SHARES,
    SEVENTY,
    TONS,
    TONS_ORIGIN,
    UNITLESS,
    UNODC_LAST_ESTIMATE,
    claim_row,
    coca_verdicts,
    reference_lines,
    reference_passage,
)

# ---------------------------------------------------------------- 3.5 verdicts

register(
    Exercise(
        id="3.5",
        title="Verdicts on the articles' coca figures",
        answer=CLAIM_VERDICTS,
        expected=coca_verdicts,
        look_again=(
            "For each claim: which quantity it counts, which survey year it can be compared "
            "with, the series value for that year and region, and how far apart the two are "
            "given the hedge."
        ),
        hints=(
            (
                "Start with the measure: the series counts hectares of coca, and the rule reads the articles' "
                '"coca crops" as area. Which claims count something else?'
            ),
            (
                "Then the year: a figure the text dates ('in 2017', 'between 2009 and 2010') is compared with "
                "that year; a present-tense figure with the newest survey before the article was published; "
                "a figure with no year at all with nothing."
            ),
            (
                "Then the distance: |claim - series| / series, within 5 % for an unhedged figure and 10 % for "
                "a hedged one. A share is the VRAEM column divided by the national column."
            ),
        ),
        misreadings=(
            wrong_label(
                NOW_AREA,
                "Look again at C021. 'Now' in an article written during 2011 cannot mean a "
                "survey of the same year: a survey measures the area at the end of its year and "
                "comes out later. Exercise 3.3 found the survey to compare with: what does the "
                "series say for it?",
                labels=VERDICTS,
                prefer=UNCHECKABLE,
            ),
            wrong_label(
                SEVENTY,
                "Look again at C033. The article gives a share of the country's coca crops, "
                "which the rule reads as a share of the area. Work out the VRAEM's share of the "
                "national area in the year the article names. Shares of cocaine or leaf "
                "production are another quantity.",
                labels=VERDICTS,
                prefer=SUPPORTED,
            ),
            Misreading(
                matches=lambda answer, expected: (
                    answer.get(UNITLESS) == UNCHECKABLE != expected.get(UNITLESS)
                ),
                about=(UNITLESS,),
                summary=f'{UNITLESS}, a figure with no unit, labelled "{UNCHECKABLE}"',
                feedback=(
                    "Look again at C034. The text gives no unit, and reading it as uncheckable is a "
                    "fair first reaction. The rule settles it, though: the figure is attributed to "
                    'UNODC\'s survey, which counts hectares, so "50,000 coca crops" is read as '
                    "hectares (the claims table's note records that reading). Compare it with the "
                    "series in the year the text names, allowing for its hedge."
                ),
                example=lambda expected: relabelled(expected, UNITLESS, UNCHECKABLE, VERDICTS),
            ),
            wrong_label(
                UNITLESS,
                'Look again at C034. The rule reads "50,000 coca crops" as hectares, the unit of '
                "the survey the text names (the claims table's note records that reading). Compare "
                "it with the series in the year the text names, allowing for its hedge.",
                labels=VERDICTS,
                prefer=CONTRADICTED,
            ),
            wrong_label(
                TONS,
                "Look again at C027. Is that figure an area? Ask what the official series "
                "measures, and whether any official estimate of that other quantity exists "
                "for the region and year.",
                labels=VERDICTS,
                prefer=CONTRADICTED,
            ),
            wrong_label(
                "C047",
                "Look again at C047. Which year did that fall happen in? If the text does not "
                "say, no row of the series can be set against it, whichever way the series moves.",
                labels=VERDICTS,
                prefer=CONTRADICTED,
            ),
            wrong_label(
                NOW_SHARE,
                "Look again at C013, a present-tense share in the same article as C021. "
                '"Coca crops" does not say area or production; the rule reads a share of coca '
                "crops as a share of the area (the claims table's note flags the choice). So "
                "compare it with the share you worked out in exercise 3.4, allowing for the hedge.",
                labels=VERDICTS,
                prefer=UNCHECKABLE,
            ),
            wrong_label(
                "C020",
                "Look again at C020. A round figure is rarely exactly the survey value: how far "
                "apart are they, in percent of the series value, and how much does the rule "
                "allow for a figure without a hedge?",
                labels=VERDICTS,
                prefer=CONTRADICTED,
            ),
        ),
    )
)


# ---------------------------------------------------------------- 3.6 tracing figures

TRACE_OPTIONS = {
    "a": 'The "80 tons" of article 002 goes back to an official UNODC or DEVIDA estimate.',
    "b": (
        'The one other source the reference notes found for the "80 tons" cites InSight Crime '
        "itself, so it cannot confirm the article."
    ),
    "c": (
        "UNODC (2014 data) and Huachos (2015 data) give shares near 70 % for the VRAEM's share of "
        "coca production; the VRAEM's share of the area, in the series, is far lower in every year."
    ),
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
    seventy = float(claim_row(SEVENTY)["value"])
    year = int(str(claim_row(SEVENTY)["reference_period"])[:4])
    tons_lines = reference_lines("80 tons")
    series = load_coca_series()
    late = series[series["year"].between(2018, 2022)]
    wide = wide_series()
    area_shares = (wide[VRAEM] / wide[NATIONAL] * 100).dropna()
    return {
        "a": clean_line(NO_OFFICIAL_TONS) not in text,
        "b": any(TONS_ORIGIN in line for line in tons_lines),
        "c": (
            all(
                _within_hedge(_percent_in(reference_passage(p)), seventy) for p in PRODUCTION_SHARES
            )
            and bool(area_shares.max() < seventy * (1 - HEDGED_TOLERANCE))
        ),
        "d": bool(_within_hedge(vraem_share(year), seventy)),
        "e": bool(len(late)) and bool((late["source_kind"] == OFFICIAL_RELEASE).all()),
    }


TRACE_LABELS = ("yes", "no")
#: What a learner who judges a statement wrongly should look at again (never the right label).
TRACE_FEEDBACK = {
    "a": (
        "Look again at (a). Search the reference notes for “80 tons”: what do they say about an "
        "official estimate of the VRAE's cocaine output, and whom does the other source cite?"
    ),
    "b": (
        "Look again at (b). Read the lines on “80 tons” in the reference notes: whom does the other "
        "source cite, and could that source confirm the article?"
    ),
    "c": (
        "Look again at (c). Set the production shares in the reference notes beside 70 %, then "
        "look at the VRAEM's share of the area in the series (the `share` table), year by year."
    ),
    "d": (
        "Look again at (d). Divide the 2017 VRAEM area by the 2017 national area (or read the "
        'release\'s own share): how far is that from 70 %, even with the margin of "nearly"?'
    ),
    "e": (
        "Look again at (e). Select the rows from 2018 to 2022 and read their source_publisher and "
        "source_kind: who published each of them?"
    ),
}


def trace_key() -> dict[str, str]:
    """The key of 3.6: for each statement, "yes" if the evidence supports it, else "no"."""
    return {letter: "yes" if holds else "no" for letter, holds in trace_statements().items()}


register(
    Exercise(
        id="3.6",
        title="Trace the figures to their origin",
        answer=StatementLabels(TRACE_LABELS),
        expected=trace_key,
        look_again="Check each statement against the reference notes and the series.",
        hints=(
            (
                'find_in_notes("80 tons") shows every line of the reference notes about that figure; read '
                "whom each source cites."
            ),
            (
                'find_in_notes("per cent") and find_in_notes("por ciento") show the shares reported for '
                "production; the area shares are in the `share` table (VRAEM / national, per year)."
            ),
            "For the rows from 2018 on, select them and look at source_publisher and source_kind.",
        ),
        misreadings=(
            *(
                wrong_label(letter, TRACE_FEEDBACK[letter], labels=TRACE_LABELS, prefer="no")
                for letter in TRACE_OPTIONS
            ),
        ),
    )
)


# ---------------------------------------------------------------- 3.7 plausibility

PLAUSIBLE_OPTIONS = {
    "a": 'under half of 80 tonnes: the "80 tons" looks too high for the area',
    "b": 'between half and twice 80 tonnes: the "80 tons" is the right size, though not confirmed',
    "c": 'more than twice 80 tonnes: the "80 tons" looks too low for the area',
    "d": 'an estimate like this one can confirm the "80 tons" when it comes close enough',
}


def unodc_last_estimate() -> tuple[int, float]:
    """UNODC's last estimate of Peru's potential cocaine output: (year, tonnes), from the reference notes."""
    found = re.search(
        r"in (\d{4}) it produced (\d+) tonnes", reference_passage(UNODC_LAST_ESTIMATE)
    )
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
    published = int(claim_row(TONS)["published"].year)
    area_year = newest_survey_before(published, [VRAEM], wide)
    return rate * float(wide.loc[area_year, VRAEM])


def plausibility_choice() -> str:
    """The key of 3.7: where the estimate falls relative to the claim's own figure."""
    ratio = plausibility_estimate() / float(claim_row(TONS)["value"])
    if ratio < 0.5:
        return "a"
    return "b" if ratio <= 2 else "c"


register(
    Exercise(
        id="3.7",
        title='Is "80 tons" plausible?',
        answer=Choice(
            PLAUSIBLE_OPTIONS,
            why_not={
                "a": (
                    "Check the rate and the units: tonnes of cocaine per hectare is UNODC's tonnes divided by "
                    "the national area of the same year; multiply that by the VRAE's hectares."
                ),
                "b": (
                    "Work the estimate out again, step by step: the rate from the national figures of "
                    "UNODC's last estimate year, then times the VRAE's area in the newest survey before "
                    "article 002."
                ),
                "c": (
                    "Check that the rate divides by the national area (not the VRAE's) and that the result "
                    "is in tonnes, not kilograms."
                ),
                "d": (
                    "An estimate built on another year's rate and on the national average shows whether a "
                    "figure is the right size. It cannot confirm the figure, however close it comes."
                ),
            },
        ),
        expected=plausibility_choice,
        look_again="Compute the estimate first, then see which range it falls in.",
        hints=(
            'rate = UNODC\'s tonnes / wide.loc[year, "Peru (national)"] for the year of that estimate.',
            (
                "estimate = rate * the VRAE's hectares in the newest survey year before October 2012 that has "
                "a VRAEM value."
            ),
            "Compare the estimate with 40 (half of 80) and 160 (twice 80).",
        ),
    )
)
