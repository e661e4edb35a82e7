"""The hedge-to-interval rule, reference periods, and the comparison of two figures."""

import math

import pandas as pd
import pytest

from vraem.claims import load_claims
from vraem.intervals import (
    CONSISTENT,
    CONTRADICTION,
    DIFFERENT_THING,
    DIFFERENT_TIME,
    HEDGE_RULES,
    TIME_UNKNOWN,
    add_intervals,
    add_periods,
    age_in_years,
    compare,
    hedge_interval,
    hedge_kind,
    in_common_unit,
    overlaps,
    period_bounds,
    same_years,
)
from vraem.outside import lineup, load_outside_figures


@pytest.mark.parametrize(
    ("low", "high", "hedge", "expected"),
    [
        (500, 500, "none", (500, 500)),
        (500, 500, "around", (450, 550)),
        (350, 350, "unos", (315, 385)),
        (70, 70, "nearly", (63, 70)),
        (70, 70, "casi", (63, 70)),
        (20000, 20000, "more than", (20000, None)),
        (40, 40, "al menos", (40, None)),
        (200, 200, "no more than", (None, 200)),
        (75, 75, "as much as", (None, 75)),
        (8000, 10000, "between", (8000, 10000)),
        (200, 300, "some", (180, 330)),
        (3, None, "none", (3, None)),
    ],
)
def test_the_rule_turns_each_hedge_into_its_interval(low, high, hedge, expected):
    """Does each kind of hedge give the interval the rule states?"""
    got = hedge_interval(low, high, hedge)
    assert [None if g is None else pytest.approx(g) for g in got] == list(expected)


def test_hedges_are_read_without_case_or_extra_spaces():
    """Is 'Some' the same hedge as 'some'?"""
    assert hedge_kind("  Some ") == hedge_kind("some")


def test_an_unknown_hedge_is_refused():
    """Does a hedge the rule does not know raise instead of being read as exact?"""
    with pytest.raises(ValueError, match="does not know the hedge"):
        hedge_interval(10, 10, "perhaps")


def test_every_hedge_in_the_data_is_known_to_the_rule():
    """Can the rule read every hedge in claims.csv and outside_figures.csv?"""
    hedges = set(load_claims()["hedge"]) | set(load_outside_figures()["hedge"])
    unknown = {hedge for hedge in hedges if hedge.lower() not in HEDGE_RULES}
    assert not unknown


def test_open_ends_are_missing_values_in_a_table():
    """Does add_intervals leave an open end empty, not zero or infinite?"""
    table = pd.DataFrame(
        {
            "value_low": [20000.0, 200.0],
            "value_high": [20000.0, 200.0],
            "hedge": ["more than", "no more than"],
        }
    )
    result = add_intervals(table)
    assert pd.isna(result.loc[0, "interval_high"]) and result.loc[0, "interval_low"] == 20000
    assert pd.isna(result.loc[1, "interval_low"]) and result.loc[1, "interval_high"] == 200


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((450, 550), (180, 330), False),
        ((450, 550), (550, 600), True),
        ((20000, None), (30000, 30000), True),
        ((None, 200), (300, 400), False),
        ((None, None), (1, 1), True),
    ],
)
def test_overlaps(a, b, expected):
    """Do two intervals overlap exactly when both can hold, open ends reaching to infinity?"""
    assert overlaps(*a, *b) is expected
    assert overlaps(*b, *a) is expected


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2012", "2012-01-01", "2012-12-31"),
        ("2012-02", "2012-02-01", "2012-02-29"),
        ("2016-10-11", "2016-10-11", "2016-10-11"),
        ("2011-09/2011-10", "2011-09-01", "2011-10-31"),
        ("1985/2015", "1985-01-01", "2015-12-31"),
    ],
)
def test_period_bounds(period, start, end):
    """Does a reference period cover the days its precision says?"""
    assert period_bounds(period) == (pd.Timestamp(start), pd.Timestamp(end))


def test_unknown_and_malformed_periods():
    """Is 'unknown' no period, and a malformed one an error?"""
    assert period_bounds("unknown") == (None, None)
    with pytest.raises(ValueError):
        period_bounds("late 2016")


def test_periods_and_ages_in_a_table():
    """Does add_periods place a figure mid-period, and is its age publication year minus last year?"""
    table = add_periods(pd.DataFrame({"reference_period": ["2012", "unknown"]}))
    assert table.loc[0, "period_middle"] == pd.Timestamp("2012-07-01 12:00")
    assert pd.isna(table.loc[1, "period_middle"])
    assert age_in_years(pd.Timestamp("2011-07-28"), pd.Timestamp("1992-12-31")) == 19
    assert age_in_years(None, pd.Timestamp("1992-12-31")) is None


def test_same_years_compares_calendar_years():
    """Do May and October of one year count as the same time, and unknown as unknown?"""
    assert same_years("2012-05", "2012-10") is True
    assert same_years("2011", "2012-01") is False
    assert same_years("2006/2007", "2007-06") is True
    assert same_years("unknown", "2012") is None


def _figure(**values):
    base = {
        "measure": "fighters",
        "unit": "people",
        "place": "VRAE",
        "reference_period": "2012",
        "value_low": 500.0,
        "value_high": 500.0,
        "hedge": "around",
        "counted": None,
    }
    return pd.Series({**base, **values})


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, CONSISTENT),
        ({"value_low": 300.0, "value_high": 300.0, "hedge": "some"}, CONTRADICTION),
        ({"measure": "troops"}, DIFFERENT_THING),
        ({"unit": "percent"}, DIFFERENT_THING),
        ({"place": "Alto Huallaga"}, DIFFERENT_THING),
        ({"place": "VRAEM"}, CONSISTENT),
        ({"reference_period": "2015"}, DIFFERENT_TIME),
        ({"reference_period": "unknown"}, TIME_UNKNOWN),
        ({"value_low": 20000.0, "value_high": 20000.0, "hedge": "no more than"}, CONSISTENT),
    ],
)
def test_compare_follows_the_rule_in_order(changes, verdict):
    """Is each step of the rule applied: thing, place, time, then the intervals?"""
    assert compare(_figure(), _figure(**changes)).verdict == verdict


@pytest.mark.parametrize(("percent", "verdict"), [(32.2, CONSISTENT), (25.0, CONTRADICTION)])
def test_a_fraction_and_a_percent_are_one_quantity(percent, verdict):
    """Is "nearly a third" compared with 32.2 %, not called a different thing measured?"""
    third = _figure(
        measure="coca_area_share",
        unit="fraction",
        value_low=0.3333,
        value_high=0.3333,
        hedge="nearly",
    )
    share = _figure(
        measure="coca_area_share",
        unit="percent",
        value_low=percent,
        value_high=percent,
        hedge="none",
    )
    for first, second in ((third, share), (share, third)):
        result = compare(first, second)
        assert result.verdict == verdict
        assert "33.3" in result.reason and "percent" in result.reason


def test_converted_units_are_still_different_from_other_units():
    """Is a fraction against hectares, or a percent of another measure, still a different thing?"""
    third = _figure(measure="coca_area_share", unit="fraction", value_low=0.3333, value_high=0.3333)
    assert (
        compare(third, _figure(measure="coca_area_share", unit="hectares")).verdict
        == DIFFERENT_THING
    )
    assert (
        compare(third, _figure(measure="poverty_rate", unit="percent")).verdict == DIFFERENT_THING
    )
    assert in_common_unit("people", 500, None) == ("people", 500.0, None)


def test_the_articles_third_meets_the_surveys_percent():
    """In the line-up, does article 001's "nearly a third" reach the interval step against a percent share?"""
    table = lineup().set_index("figure_id")
    third, percent = table.loc["C013"], table.loc["O049"]
    assert (third["unit"], percent["unit"]) == ("fraction", "percent")
    same_year = percent.copy()
    same_year["reference_period"] = third[
        "reference_period"
    ]  # the notes' 2010 share, set beside 2011
    assert compare(third, same_year).verdict in (CONSISTENT, CONTRADICTION)


def test_compare_says_when_the_words_for_what_is_counted_differ():
    """Does a consistent verdict still warn that one counts members and the other operatives?"""
    result = compare(_figure(counted="members"), _figure(counted="operatives"))
    assert result.verdict == CONSISTENT and "operatives" in result.reason


def test_the_margin_is_ten_percent():
    """Is 'around 100' 90 to 110, the margin lesson 03 also allows a hedged figure?"""
    low, high = hedge_interval(100, 100, "around")
    assert math.isclose(low, 90) and math.isclose(high, 110)
