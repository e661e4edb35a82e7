"""Checked exercises of lesson 04 · Figures across dates.

Every key is worked out from ``data/claims.csv`` and ``data/outside_figures.csv``
through :func:`vraem.outside.lineup` and the rule of :mod:`vraem.intervals`:
claims are picked by measure (and article), not typed in, so a corrected data
row corrects the key. Where a question names a figure by id, its options are
fixed in the lesson, and the key is the option the data bears out; if the data
changed so that no option fits, the key raises an error and the tests say so.
"""

from __future__ import annotations

import math

import pandas as pd

from ..answers import Choice, Labels, Number
from ..claims import load_claims
from ..intervals import (
    CONSISTENT,
    CONTRADICTION,
    VERDICTS,
    compare,
    hedge_interval,
    overlaps,
    same_area,
    same_years,
)
from ..outside import lineup, load_outside_figures
from . import Exercise, Misreading, register
from .shapes import wrong_label

FIGHTERS = "Shining Path fighters"
#: Source types that name no source outside the text itself.
NO_SOURCE = ("unattributed", "the outlet itself")


# --- the data behind the exercises ---------------------------------------------------------


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


# --- the exercises ----------------------------------------------------------------------------

HEDGE_OPTIONS = {
    "a": "at least",
    "b": "nearly",
    "c": "more than",
    "d": "some",
    "e": "as much as",
    "f": "al menos",
}


def open_ended_hedges() -> frozenset[str]:
    """Key of 4.1: the options whose interval, by the rule, has no upper end."""
    return frozenset(
        letter
        for letter, hedge in HEDGE_OPTIONS.items()
        if hedge_interval(100, 100, hedge)[1] is None
    )


register(
    Exercise(
        id="4.1",
        title="Which hedges leave the top of the interval open?",
        answer=Choice(
            options=HEDGE_OPTIONS,
            why_not={
                "a": "Read the rule again for a floor: does it set any highest value the figure may take?",
                "b": "'nearly' puts the true value a little below the figure: the figure itself is the top.",
                "c": "Read the rule again for a floor: does it set any highest value the figure may take?",
                "d": "'some' is approximate: 10 % either side, so the interval has a top.",
                "e": "'as much as' caps the figure: the figure is the top, and the bottom is left open.",
                "f": "Translate it first: which English hedge is it, and does that one set a top?",
            },
            multiple=True,
        ),
        expected=open_ended_hedges,
        look_again="For each hedge, apply the rule to a figure of 100 and see whether the interval has an upper end.",
        hints=(
            'hedge_interval(100, 100, "nearly") shows what the rule makes of one hedge; None marks an open end.',
            "The open end is the second number of the pair. There may be more than one such hedge, "
            "and one of them is Spanish.",
        ),
    )
)


#: The options of exercise 4.2: every fighter estimate of 2012 but article 000's own, and one
#: published in 2012 about another year (for whoever filters by publication date).
OPTIONS_2012 = {"a": "C029", "b": "O001", "c": "O006", "d": "O007", "e": "O008"}


def consistent_2012_options() -> frozenset[str]:
    """Key of 4.2: the options whose figure describes 2012 and can stand beside article 000's."""
    found = consistent_in_2012()
    return frozenset(letter for letter, figure_id in OPTIONS_2012.items() if figure_id in found)


register(
    Exercise(
        id="4.2",
        title="Which 2012 estimates can stand beside article 000's?",
        answer=Choice(
            options={
                "a": "C029, about 500 (article 002, October 2012)",
                "b": "O001, no more than 200 (an outside source, published January 2012)",
                "c": "O006, some 300 (Peruvian Times, 2012)",
                "d": "O007, around 500 (The Fix, May 2012)",
                "e": "O008, some 500 (CounterVortex, August 2012)",
            },
            why_not={
                "a": "Work out both intervals with the rule: do they share any value?",
                "b": (
                    "Look at its reference period, not its publication date: which year does 'no more than 200' "
                    "describe?"
                ),
                "c": (
                    "Work out the upper end of 'some 300' with the rule and compare it with the lower end of "
                    "'around 500'."
                ),
                "d": "Work out both intervals with the rule: do they share any value?",
                "e": (
                    "Whether a source can confirm an article is the next question; this one asks only whether "
                    "the two intervals can both hold."
                ),
            },
            multiple=True,
        ),
        expected=consistent_2012_options,
        look_again=(
            "Keep the fighter estimates whose reference period falls in 2012, then keep those whose "
            "interval overlaps article 000's: the lower end of each at or below the upper end of the other."
        ),
        hints=(
            "Start from the fighters table and keep the rows whose period_start and period_end years include 2012.",
            "Two intervals overlap when low1 <= high2 and low2 <= high1. Fill the open ends first: "
            "interval_high.fillna(math.inf), interval_low.fillna(-math.inf).",
            "Leave article 000's own row out, then match the ids you found to the letters.",
        ),
    )
)

register(
    Exercise(
        id="4.3",
        title="Which of them confirms article 000 from outside?",
        answer=Choice(
            options={
                "a": "C029, article 002 (credited to AFP)",
                "b": "O007, The Fix",
                "c": "O008, CounterVortex",
            },
            why_not={
                "a": (
                    "Article 002 is InSight Crime too. A figure the same outlet prints again cannot confirm "
                    "itself, whoever the later article credits."
                ),
                "b": (
                    "An outside figure confirms only if its source is independent: read the excerpt and the "
                    "circular column for this row."
                ),
                "c": (
                    "Read the end of the excerpt: CounterVortex credits InSight Crime for the figure, so it "
                    "goes round in a circle back to the outlet you are checking."
                ),
            },
        ),
        expected=independent_confirmation,
        look_again="Keep only an outside source that does not cite InSight Crime.",
        hints=(
            "Look at the origin and independent columns of the three rows.",
            "An article by the same outlet and a blog that cites that outlet both lead back to one source.",
        ),
    )
)


def stalest_age() -> float:
    """Key of 4.4: the greatest age at publication among the fighter estimates, in years."""
    return float(fighter_lineup()["age_years"].max())


def _ages() -> pd.Series:
    return fighter_lineup()["age_years"].dropna()


def _second_age() -> float:
    ages = _ages()
    return float(ages[ages < ages.max()].max())


register(
    Exercise(
        id="4.4",
        title="The stalest fighter estimate",
        answer=Number(tolerance=0.0, absolute=0.01),
        expected=stalest_age,
        look_again=(
            "For each estimate, subtract the last year of its reference period from the year it was "
            "published, and take the largest."
        ),
        hints=(
            "figures has period_end (the last day of the reference period) and published; .dt.year gives the years.",
            "Estimates with no reference period or no publication date have no age: leave them out.",
            'sort_values("age", ascending=False).head() shows the oldest first.',
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: math.isclose(answer, -expected),
                feedback="The sign is off: publication year minus reference year, so a figure older than its article "
                "has a positive age.",
                example=lambda expected: -expected,
            ),
            Misreading(
                matches=lambda answer, expected: math.isclose(answer, _second_age()),
                feedback=(
                    "That age belongs to an estimate that was old when published, but another estimate was "
                    "older still. Check every row, the articles' too."
                ),
                example=lambda expected: _second_age(),
            ),
        ),
    )
)

register(
    Exercise(
        id="4.5",
        title="The 80 tons, told twice",
        answer=Choice(
            options={
                "a": "A second, independent estimate confirms the figure.",
                "b": "The figure the blog credits to InSight Crime, again two months later, now with no source named.",
                "c": "A new estimate for a later year, which happens to give the same number.",
                "d": "A contradiction: the two hedges give intervals that cannot both hold.",
            },
            why_not={
                "a": "Who is CounterVortex's source for the 80 tons? Read the attributed_to and independent "
                "columns of its row, and the reference note shown above the exercise.",
                "b": "Compare the two rows' sources and dates again: who stands behind each, and when?",
                "c": "Compare the reference periods: both figures are dated by their publication, two months apart "
                "in the same year, and the article gives no new source or method.",
                "d": "Work out both intervals with the rule ('around' and 'some' read the same way): do they overlap?",
            },
        ),
        expected=cocaine_repeat_key,
        look_again="Compare the two rows: their values, their periods, their sources and their attribution.",
        hints=(
            'figures[figures["measure"] == "cocaine_production"] has the rows; find the two that say 80 '
            "and compare published, attributed_to and independent.",
            "Recycling: the same value at a later date, with the attribution changed or dropped.",
        ),
    )
)


#: A pointer for each pair of 4.6, shown whatever wrong label it was given. Each names the pair's two
#: figures and what to read, and asks the three questions; none says how the two figures differ, so
#: none gives the label away.
PAIR_POINTERS = {
    "P1": "P1 ({a} and {b}): compare the two rows' measure, unit, place and reference period, then work "
    "out both intervals with the rule.",
    "P2": "P2 ({a} and {b}): read each row's measure and excerpt (a share of what, where, in which "
    "year?), then work out the interval of each hedge with the rule.",
    "P3": "P3 ({a} and {b}): read each row's measure and excerpt (a share of what, where, in which "
    "year?) before you compare the numbers.",
    "P4": "P4 ({a} and {b}): compare the measure, the unit and the place column by column, and the "
    "reference periods, before the numbers.",
    "P5": "P5 ({a} and {b}): 'al menos' means 'at least'. Compare what each row counts, where and "
    "when (read the excerpts), then work out both intervals.",
    "P6": "P6 ({a} and {b}): compare what each row counts, where and when (read the excerpts), then work "
    "out both intervals: a count with no hedge is an interval of one value.",
}


def _pointer(pair: str) -> Misreading:
    first, second = PAIRS[pair]
    return wrong_label(
        pair,
        "Look again at " + PAIR_POINTERS[pair].format(a=first, b=second),
        labels=VERDICTS,
        prefer=CONSISTENT,
        summary=f"a wrong label for {pair}",
    )


register(
    Exercise(
        id="4.6",
        title="Consistent, contradictory, or not the same thing?",
        answer=Labels(VERDICTS, key="pair", label="verdict"),
        expected=pair_verdicts,
        look_again=(
            "For each pair, ask in order: the same measure, unit and place? Then: can the two intervals "
            "both hold?"
        ),
        hints=(
            "Start with the measure and unit of each figure, then the place: any difference means a different "
            "thing measured, whatever the numbers.",
            "Only then compare the intervals (interval_low, interval_high): an open end reaches as far as you like.",
            "Spanish hedges read like English ones: 'al menos' is 'at least'.",
        ),
        # every wrong pair gets its own pointer (the check lists them all)
        misreadings=tuple(_pointer(pair) for pair in PAIRS),
    )
)

register(
    Exercise(
        id="4.7",
        title="More than three decades?",
        answer=Choice(
            options={
                "a": "It is false: the VRAEM's emergency began in May 2003, so it cannot have lasted three decades.",
                "b": "It is confirmed: a state of emergency of 30 years was indeed lifted in 2015.",
                "c": (
                    "It is unverified for the VRAEM: the 30-year emergency lifted in 2015 was the Alto Huallaga's, "
                    "and a VRAEM extension from September 2015 is on record; the article may have run two "
                    "valleys together."
                ),
                "d": "The two articles agree once 'more than' is read as an interval open at the top.",
            },
            why_not={
                "a": (
                    "'Since May 2003' says when the repeated extensions run from; do the sources rule out an "
                    "earlier emergency, or a gap? A verdict of 'false' needs a source that says otherwise for "
                    "the same valleys."
                ),
                "b": (
                    "Check where the 30-year emergency that was lifted in 2015 applied: is it the place the "
                    "article writes about?"
                ),
                "c": (
                    "Read the reference notes on item (b) again: what do they say about the VRAEM, and about "
                    "the Alto Huallaga?"
                ),
                "d": (
                    "Turn both into dates: more than thirty years before 2015, and May 2003. Can an open top "
                    "make them meet?"
                ),
            },
        ),
        expected=emergency_key,
        look_again="Compare the places and the dates of the figures, and what the reference notes say they support.",
        hints=(
            "Line up the state-of-emergency rows: which place does each apply to?",
            "An outside figure for another valley can neither confirm nor refute a claim about the VRAEM.",
        ),
    )
)
