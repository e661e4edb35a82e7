"""Lesson 03, exercises 3.1 to 3.4: gaps in the series, a percent change, which survey, a share."""

from __future__ import annotations

from ...answers import Choice, IdSet, Number
from ...series import NATIONAL, VRAEM, percent_change, vraem_share, wide_series
from .. import Exercise, Misreading, register
from ..shapes import fraction_for_percent, near_any_figure
from .data import NOW_AREA, NOW_SHARE, close_to, letter_for, survey_year_for, vraem_missing_years

# ---------------------------------------------------------------- 3.1 gaps


def _years_with_vraem_value() -> frozenset[str]:
    wide = wide_series()
    return frozenset(str(year) for year in wide.index[wide[VRAEM].notna()])


def _series_years() -> frozenset[str]:
    return frozenset(str(year) for year in wide_series().index)


def _interior(missing: frozenset[str]) -> frozenset[str]:
    """The missing years that lie between the first and the last VRAEM value."""
    present = wide_series()[VRAEM].dropna().index
    return frozenset(
        year for year in missing if int(present.min()) < int(year) < int(present.max())
    )


register(
    Exercise(
        id="3.1",
        title="Which years have no VRAEM figure?",
        answer=IdSet(width=4),
        expected=vraem_missing_years,
        look_again=(
            "In the wide table, a year with no VRAEM survey value has an empty cell (<NA>) in the "
            "VRAEM column while the national column is filled in. List every such year."
        ),
        hints=(
            "Look down the VRAEM column of the wide table: which rows show <NA>?",
            "Check the first and the last rows too, not only the holes in the middle.",
            'wide.index[wide["VRAEM"].isna()] gives the years (the index) where that column is empty.',
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: len(answer) == 0,
                feedback="The list is empty. List the years whose VRAEM cell is empty (<NA>) in the wide table.",
                example=lambda expected: [],
            ),
            Misreading(
                matches=lambda answer, expected: not answer <= _series_years(),
                feedback=(
                    "At least one of those years lies outside the years the series covers. The wide "
                    "table has one row per survey year, from its first row to its last: use only those."
                ),
                example=lambda expected: frozenset({str(int(max(_series_years())) + 6)}),
            ),
            Misreading(
                matches=lambda answer, expected: answer <= _years_with_vraem_value(),
                feedback=(
                    "Those are years that do have a VRAEM value. The question asks for the years "
                    "where the VRAEM cell is empty."
                ),
                example=lambda expected: frozenset(sorted(_years_with_vraem_value())[:3]),
            ),
            Misreading(
                matches=lambda answer, expected: answer == _interior(expected),
                feedback=(
                    "You found the holes between VRAEM values. The national series starts earlier "
                    "and ends later: the years before the first and after the last VRAEM value "
                    "are missing too."
                ),
                example=lambda expected: _interior(expected),
            ),
            Misreading(
                matches=lambda answer, expected: answer < expected,
                feedback="All of those are missing indeed, but your list is not complete yet.",
                example=lambda expected: frozenset(sorted(expected)[:2]),
            ),
            Misreading(
                matches=lambda answer, expected: answer > expected,
                feedback=(
                    "Your list has every missing year, plus at least one year that does have a "
                    "VRAEM value."
                ),
                example=lambda expected: frozenset(
                    expected | {str(int(wide_series()[VRAEM].dropna().index[0]))}
                ),
            ),
        ),
    )
)


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
            matches=lambda answer, expected: close_to(answer, ratio(expected), 0.002),
            feedback=(
                "That is the later area divided by the earlier one (a ratio). A percent change "
                "is that ratio minus one, times a hundred."
            ),
            example=lambda expected: round(ratio(expected), 4),
        ),
        fraction_for_percent(
            "That is the change as a fraction of the earlier area. The exercise asks for "
            "percent: multiply by a hundred."
        ),
        Misreading(
            matches=lambda answer, expected: close_to(answer, hectares(expected), 0.01),
            feedback=(
                "That is the change in hectares. Divide it by the earlier year's area to get "
                "the change relative to where the series started."
            ),
            example=hectares,
        ),
        Misreading(
            matches=lambda answer, expected: (
                close_to(answer, reversed_change(expected), 0.01)
                or close_to(answer, -expected, 0.01)
            ),
            feedback=(
                "The sign or the direction is off: go from the earlier year to the later one "
                "(later minus earlier), and let the sign say whether the area grew or fell."
            ),
            example=lambda expected: round(reversed_change(expected), 2),
        ),
        Misreading(
            matches=lambda answer, expected: close_to(answer, wrong_base(expected), 0.005),
            feedback=(
                "You divided by the later year's area. A change is measured against the "
                "starting point: divide by the earlier year's area."
            ),
            example=lambda expected: round(wrong_base(expected), 2),
        ),
    )


register(
    Exercise(
        id="3.2",
        title="How much did the VRAE's coca area grow from 2009 to 2010?",
        answer=Number(tolerance=0.005, absolute=0.01, unit="percent", decimals=2),
        expected=lambda: percent_change(VRAEM, 2009, 2010),
        look_again=(
            "Take the VRAEM column (the VRAE in those years) of the wide table: (later area minus "
            "earlier area) divided by the earlier area, times a hundred."
        ),
        hints=(
            'wide.loc[year, "VRAEM"] gives one cell: the area of one year.',
            "Percent change = (new - old) / old * 100, where old is the earlier year.",
            "Give a number such as 4.5 (meaning 4.5 percent), not text and not a fraction.",
        ),
        misreadings=_change_misreadings(VRAEM, 2009, 2010),
    )
)


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
        return letter_for(SURVEY_OPTIONS, "no survey")
    return letter_for(SURVEY_OPTIONS, f"the {year} survey")


register(
    Exercise(
        id="3.3",
        title='Which survey could "now" come from?',
        answer=Choice(
            SURVEY_OPTIONS,
            why_not={
                "a": (
                    "A survey measures the area at the end of its year and is published months later, so "
                    "an article written during a year cannot cite that year's survey."
                ),
                "b": (
                    "Set two dates side by side: when the article was written, and when each survey year's "
                    "result was published."
                ),
                "c": (
                    'That is the year of the other figure in the sentence, the one before García; "now" '
                    "points to a newer survey."
                ),
                "d": (
                    '"Now" has a date: the day the article was written. A present-tense figure is compared '
                    "with the newest survey whose result was public by then."
                ),
            },
        ),
        expected=survey_choice,
        look_again="Which survey results had been published when the article was written?",
        hints=(
            (
                "A survey year's result comes out the year after, or later (see article 003 and the 2018-2019 "
                "figures in section 1)."
            ),
            "Article 001 itself cites UN figures for a pair of years: the later of the two was already public.",
        ),
    )
)


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


register(
    Exercise(
        id="3.4",
        title="What share of Peru's coca area was in the VRAE?",
        answer=Number(tolerance=0.001, absolute=0.01, unit="percent", decimals=2),
        expected=lambda: vraem_share(share_year()),
        look_again=(
            "A share is the part divided by the whole: the VRAE's area divided by the national "
            "area of the same year, times a hundred, in the survey year of exercise 3.3."
        ),
        hints=(
            (
                "The year is the survey year you chose in 3.3; the part is the VRAEM column, the whole the "
                "national column, both in that row."
            ),
            "Share in percent = part / whole * 100.",
            "The answer should be between 0 and 100, since the VRAE is part of Peru.",
        ),
        misreadings=(
            fraction_for_percent(
                "That is the share as a fraction. The exercise asks for percent: times a hundred.",
                within=0.01,
            ),
            Misreading(
                matches=lambda answer, expected: (
                    close_to(answer, _share_wrong_way(), 0.01)
                    or close_to(answer, _share_wrong_way() / 100, 0.01)
                ),
                feedback=(
                    "Divided the wrong way round: the whole (national) went on top. A share is "
                    "part divided by whole, so it cannot be more than a hundred percent."
                ),
                example=lambda expected: round(_share_wrong_way(), 2),
            ),
            near_any_figure(
                _other_year_shares,
                "That is the share in another year. Use the row of the survey year from "
                "exercise 3.3: the newest survey published before article 001.",
                within=0.001,
                relative=True,
                example=lambda: round(_farthest_other_share(), 2),
            ),
        ),
    )
)
