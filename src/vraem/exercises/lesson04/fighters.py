"""Exercises 4.1 to 4.4 of lesson 04: the hedge rule, and the estimates of the Shining Path's strength.

The keys are in :mod:`.data`: which hedges leave an interval open, which 2012
estimates can stand beside article 000's, which one confirms it from outside,
and the oldest estimate's age when published.
"""

from __future__ import annotations

import math

import pandas as pd

from ...answers import Choice, Number
from ...intervals import hedge_interval
from .. import Exercise, Misreading, register
from .data import consistent_in_2012, fighter_lineup, independent_confirmation

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
