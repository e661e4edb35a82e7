"""Figures from outside the five articles, and the line-up of every figure told more than once.

``load_outside_figures()`` reads ``data/outside_figures.csv``: figures that the
course's reference notes quote from other sources (news agencies, UNODC,
ministers), with the same ``measure``, unit, value, hedge and period conventions
as the claims table. ``lineup()`` stacks them with the articles' claims of the
same quantities, one row per figure, ready to compare.
"""

from __future__ import annotations

import pandas as pd

from .claims import load_claims
from .datacache import remembered
from .i18n import _
from .intervals import add_intervals, add_periods, age_in_years
from .tables import read_table

#: The quantities the articles give more than once or that an outside source
#: also gives, and the measures that count each of them.
QUANTITIES: dict[str, tuple[str, ...]] = {
    "Shining Path fighters": ("fighters",),
    "military bases": ("military_bases", "military_bases_planned"),
    "troops": ("troops",),
    "poverty rate": ("poverty_rate",),
    "deaths in the conflict": ("conflict_deaths",),
    "state of emergency": ("state_of_emergency_duration", "event_year"),
    "hostages at Kepashiato": ("hostages",),
    "cocaine output": ("cocaine_production",),
    "VRAE(M) share of coca": (
        "coca_area_share",
        "coca_production_share",
        "cocaine_production_share",
        "coca_share_unstated",
    ),
}
#: The columns an outside figure has as a claim has them, copied into the line-up from both tables.
SHARED_WITH_CLAIMS = [
    "measure",
    "value_text",
    "value_low",
    "value_high",
    "unit",
    "place",
    "reference_period",
    "reference_basis",
    "hedge",
    "attributed_to",
    "source_type",
]
#: The columns every row of the line-up has, whether it comes from an article or not.
LINEUP_COLUMNS = [
    "figure_id",
    "quantity",
    "origin",
    "source",
    *SHARED_WITH_CLAIMS,
    "published",
    "independent",
    "text",
]
ARTICLE, OUTSIDE = "article", "outside source"


@remembered
def load_outside_figures() -> pd.DataFrame:
    """Return ``data/outside_figures.csv`` with typed columns, plus ``published_date``.

    ``load_outside_figures().query("measure == 'fighters'")`` lists the outside
    estimates of the Shining Path's strength. ``published`` is kept as the notes
    give it ("2012", "2012-08", "2012-08-02", or empty); ``published_date`` is
    its first day as a date, for sorting and for working out a figure's age.
    ``circular`` is True for a source that is, or cites, InSight Crime.
    """
    figures = read_table("outside_figures")
    figures["published_date"] = pd.to_datetime(figures["published"], format="mixed")
    return figures


def quantity_of(measure: str, text: str) -> str | None:
    """The quantity a figure belongs to, from its measure (and, for a year, its words).

    ``event_year`` counts for the state of emergency only when the words are about
    one: the claims table uses that measure for other events too.
    """
    for quantity, measures in QUANTITIES.items():
        if measure in measures:
            if measure == "event_year" and "emergency" not in str(text).lower():
                return None
            return quantity
    return None


def lineup(quantities: list[str] | None = None) -> pd.DataFrame:
    """Stack the articles' claims and the outside figures of the same quantities.

    ``lineup(["Shining Path fighters"])`` gives every estimate of the group's
    strength, from the articles and from outside, one row each, with:

    - ``origin``: ``"article"`` or ``"outside source"``; ``source``: the article
      ("InSight Crime 003") or the outside publisher;
    - ``independent``: True only for an outside figure whose source does not cite
      InSight Crime, the only kind that can confirm an article's figure;
    - ``interval_low``/``interval_high`` from the hedge rule of
      :mod:`vraem.intervals`; ``period_start``/``period_end``/``period_middle``;
      ``age_years``, the figure's age when published.

    Claims are chosen by measure, never by id, so new or corrected claims join in.
    """
    return _lineup(None if quantities is None else tuple(quantities))


@remembered
def _lineup(quantities: tuple[str, ...] | None) -> pd.DataFrame:
    claims = load_claims()
    articles = pd.DataFrame(
        {
            "figure_id": claims["claim_id"],
            "origin": ARTICLE,
            "source": "InSight Crime " + claims["article_id"],
            "published": claims["published"],
            "independent": False,
            "text": claims["quote"],
        }
    )
    outside = load_outside_figures()
    others = pd.DataFrame(
        {
            "figure_id": outside["figure_id"],
            "origin": OUTSIDE,
            "source": outside["publisher"],
            "published": outside["published_date"],
            "independent": ~outside["circular"].astype(bool),
            "text": outside["excerpt"],
        }
    )
    for table, source in ((articles, claims), (others, outside)):
        for column in SHARED_WITH_CLAIMS:
            table[column] = source[column].to_numpy()
    articles["counted"] = pd.NA
    others["counted"] = outside["counted"].to_numpy()
    table = pd.concat([articles, others], ignore_index=True)
    table["quantity"] = [
        quantity_of(measure, text)
        for measure, text in zip(table["measure"], table["text"], strict=True)
    ]
    table = table[table["quantity"].notna()]
    if quantities is not None:
        table = table[table["quantity"].isin(quantities)]
    table = add_periods(add_intervals(table[LINEUP_COLUMNS + ["counted"]]))
    table["age_years"] = pd.array(
        [
            age_in_years(published, end)
            for published, end in zip(table["published"], table["period_end"], strict=True)
        ],
        dtype="Float64",
    )
    return table.reset_index(drop=True)


def figure(figure_id: str) -> pd.Series:
    """One row of the line-up by its id: ``figure("C037")`` or ``figure("O010")``."""
    table = lineup()
    found = table[table["figure_id"] == figure_id]
    if found.empty:
        raise KeyError(_("no figure {figure} in the line-up").format(figure=repr(figure_id)))
    return found.iloc[0]
