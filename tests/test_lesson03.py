"""Lesson 03's own machinery: who reported each figure, chart source lines, and keys that follow the data."""

import csv

import pytest

from vraem import load_coca_series
from vraem.checks import CORRECT, UNREADABLE, WRONG, evaluate
from vraem.exercises import lesson03
from vraem.series import (
    OFFICIAL_RELEASE,
    SECONDARY_REPORT,
    mark_preferred,
    reporter,
    source_kind,
    source_line,
    wide_series,
)
from vraem.tables import read_table
from vraem.verdicts import HEDGED_TOLERANCE, UNCHECKABLE


def _rewrite(path, change):
    """Apply ``change(rows)`` to a CSV file's rows (header first) and write it back."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


# ---------------------------------------------------------------- source_kind and source_line


def test_source_kind_is_derived_from_the_publisher():
    """Is the stored source_kind exactly what `python -m vraem.series` derives from source_publisher?"""
    stored = read_table("coca_cultivation")
    derived = mark_preferred(read_table("coca_reference"))
    assert stored["source_kind"].tolist() == derived["source_kind"].tolist()
    assert source_kind("UNODC Peru & Ecuador office") == OFFICIAL_RELEASE
    assert (
        source_kind("Inforegion (Peruvian regional news agency) citing UNODC") == SECONDARY_REPORT
    )


def test_the_2009_and_2010_valley_values_rest_on_a_report():
    """Does the data say that the 2009-2010 VRAE and Alto Huallaga values come from a news story?"""
    series = load_coca_series()
    rows = series[
        series["year"].isin([2009, 2010]) & series["region"].isin(["VRAEM", "Alto Huallaga"])
    ]
    assert len(rows) == 4 and set(rows["source_kind"]) == {SECONDARY_REPORT}
    assert rows["source_title"].nunique() == 1


def test_a_source_line_counts_releases_and_names_the_reporters():
    """Does the source line add up to the rows drawn and name each reporter with its count?"""
    series = load_coca_series()
    text = " ".join(source_line(series))
    official = int((series["source_kind"] == OFFICIAL_RELEASE).sum())
    assert text.startswith("Source: ")
    assert f"{official} of {len(series)} values from an official release" in text
    assert f"{len(series) - official} as reported by" in text
    for name in series.loc[series["source_kind"] == SECONDARY_REPORT, "source_publisher"].map(
        reporter
    ):
        assert name in text
    assert all(len(line) <= 100 for line in source_line(series))


def test_a_chart_of_official_releases_only_says_so():
    """With no report among the rows, does the line claim no reporters?"""
    official = load_coca_series().query("source_kind == @OFFICIAL_RELEASE")
    text = " ".join(source_line(official))
    assert f"{len(official)} of {len(official)} values" in text and "reported by" not in text


# ---------------------------------------------------------------- feedback that is true


def test_years_typed_as_one_text_are_not_called_years_with_a_value():
    """Is "2002, 2003, 2006" read as a list of years, said so, and not called years with a value?"""
    message = evaluate("3.1", "2002, 2003, 2006").message
    # The course's one format-slip policy: an unambiguous slip is read and the reading is stated.
    assert "do have a VRAEM value" not in message
    assert 'read "2002, 2003, 2006" as the list ["2002", "2003", "2006"]' in message


def test_a_year_outside_the_series_gets_its_own_message():
    """Is ["2030"] told it lies outside the series, never a misreading that does not apply?"""
    for answer in (["2030"], [2030], [1990]):
        feedback = evaluate("3.1", answer)
        assert (
            feedback.status == WRONG and "outside the years the series covers" in feedback.message
        )


def test_verdicts_never_print_an_empty_list_to_look_at():
    """Does 3.5 name the problem when every label is right but an id is extra, unknown or missing?"""
    key = lesson03.coca_verdicts()
    for answer in (
        {**key, "C999": "supported"},
        {**key, "c021": key["C021"]},
        {claim: label for claim, label in key.items() if claim != "C047"},
        {},
    ):
        feedback = evaluate("3.5", answer)
        assert feedback.status in (WRONG, UNREADABLE) and feedback.message.strip()
        assert (
            "Look again at: ." not in feedback.message and "Look again at: " not in feedback.message
        )


@pytest.mark.parametrize("claim_id", ["C013", "C034"])
def test_the_defensible_reading_is_answered_with_the_rule(claim_id):
    """Does "cannot be checked" for a "coca crops" figure get the rule's reading, not a bare no?"""
    key = lesson03.coca_verdicts()
    feedback = evaluate("3.5", {**key, claim_id: UNCHECKABLE})
    assert feedback.status == WRONG
    assert f"Look again at {claim_id}" in feedback.message and "coca crops" in feedback.message


# ---------------------------------------------------------------- keys follow the data


def test_the_alto_huallaga_changes_are_what_the_model_answer_says():
    """Are the covered Alto Huallaga changes -25.6 % and -54.8 % at most, none near 65 %?"""
    changes = (wide_series()["Alto Huallaga"].pct_change() * 100).round(1).dropna()
    assert {-25.6, -54.8} <= set(changes)
    assert all(abs(abs(change) - 65) / 65 > HEDGED_TOLERANCE for change in changes)


def test_the_national_area_rose_with_the_2016_survey():
    """Does the series show the national rise already in 2016, as the 3.b model answer says?"""
    wide = wide_series()
    assert wide.loc[2016, "Peru (national)"] > wide.loc[2015, "Peru (national)"]


def test_the_survey_choice_names_the_year_the_rule_uses():
    """Does the key of 3.3 name the survey year the rule compares article 001's "now" with?"""
    year = lesson03.survey_year_for(lesson03.NOW_AREA)
    assert lesson03.SURVEY_OPTIONS[lesson03.survey_choice()].startswith(f"the {year} survey")
    assert lesson03.share_year() == year


def test_the_trace_key_follows_the_source_kind_column(data_copy):
    """If DEVIDA's own releases were the source of 2018-2022, would statement (e) turn to yes?"""
    assert lesson03.trace_key()["e"] == "no"

    def official(rows):
        year, kind = rows[0].index("year"), rows[0].index("source_kind")
        for row in rows[1:]:
            if 2018 <= int(row[year]) <= 2022:
                row[kind] = OFFICIAL_RELEASE

    _rewrite(data_copy / "coca_cultivation.csv", official)
    assert lesson03.trace_key()["e"] == "yes"


def test_the_plausibility_key_rests_on_the_reference_notes(data_copy):
    """Is the estimate about a hundred tonnes, and does a lost reference passage stop the key loudly?"""
    assert 80 / 2 <= lesson03.plausibility_estimate() <= 80 * 2
    assert evaluate("3.7", lesson03.plausibility_choice()).status == CORRECT
    notes = data_copy / "reference" / "context_facts.md"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("302 tonnes", "302 t"), encoding="utf-8"
    )
    feedback = evaluate("3.7", "b")
    assert feedback.status == UNREADABLE and "could not be worked out" in feedback.message
