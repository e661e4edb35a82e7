"""The outside figures: schema, provenance in the reference notes, and the checks failing on damage."""

import csv

import pytest

from vraem.claims import load_claims
from vraem.exercises import lesson04
from vraem.numbers import parse_figure
from vraem.outside import (
    QUANTITIES,
    SHARED_WITH_CLAIMS,
    lineup,
    load_outside_figures,
    quantity_of,
)
from vraem.provenance import outside_figure_problems
from vraem.tables import resource_schema, validate_resource

#: Measures no claim uses (see the measure description in datapackage.json); event_year
#: joins the claims' vocabulary with the corrected claims table.
OUTSIDE_ONLY_MEASURES = {
    "coca_production_share",
    "cocaine_production_share",
    "coca_share_unstated",
    "event_year",
}
#: Source types no claim uses yet: a firm's statement; a member of Congress (the corrected claims
#: table adds it too).
OUTSIDE_ONLY_SOURCE_TYPES = {"company", "legislator"}


def _edit(path, figure_id, **changes):
    """Set columns of one row of outside_figures.csv (a copy) to new values."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["figure_id"] == figure_id:
            for column, value in changes.items():
                row[column] = value(row[column]) if callable(value) else value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _problems_for(figure_id):
    return [
        problem
        for problem in outside_figure_problems(load_outside_figures())
        if f"outside_figures.csv {figure_id}:" in problem
    ]


# --- the table as it is --------------------------------------------------------------------


def test_the_table_matches_its_schema():
    """Does outside_figures.csv satisfy datapackage.json (types, required, vocabularies, key)?"""
    assert validate_resource("outside_figures") == []


def test_every_column_is_described():
    """Does every field of the new table carry a description?"""
    for field in resource_schema("outside_figures")["schema"]["fields"]:
        assert field.get("description"), field["name"]


def test_every_outside_figure_traces_to_the_reference_notes():
    """Is every excerpt in context_facts.md, every address cited, every value readable in its excerpt?"""
    assert outside_figure_problems(load_outside_figures()) == []


def test_the_table_covers_the_items_the_issue_names():
    """Fighters (e), bases and troops (d), the emergency (b), hostages (f), cocaine (g), the shares."""
    figures = load_outside_figures()
    assert {"(b)", "(d)", "(e)", "(f)", "(g)", "shares"} <= set(figures["reference_item"])
    for measure in (
        "fighters",
        "military_bases",
        "troops",
        "state_of_emergency_duration",
        "hostages",
        "cocaine_production",
        "coca_area_share",
    ):
        assert (figures["measure"] == measure).any(), measure


def test_the_vocabulary_is_the_claims_vocabulary():
    """Are measures, units and source types those of claims.csv, except the documented few?"""
    claims = {field["name"]: field for field in resource_schema("claims")["schema"]["fields"]}
    figures = load_outside_figures()
    assert (
        set(figures["measure"]) - set(claims["measure"]["constraints"]["enum"])
        <= OUTSIDE_ONLY_MEASURES
    )
    assert set(figures["unit"]) - set(claims["unit"]["constraints"]["enum"]) <= {"calendar year"}
    assert (
        set(figures["source_type"]) - set(claims["source_type"]["constraints"]["enum"])
        <= OUTSIDE_ONLY_SOURCE_TYPES
    )
    ours = {field["name"] for field in resource_schema("outside_figures")["schema"]["fields"]}
    # the line-up's columns, and the single value, which both tables keep though the line-up does not
    shared = {*SHARED_WITH_CLAIMS, "value"}
    assert shared <= ours and shared <= set(claims)


def test_every_outside_figure_lines_up_with_a_claim():
    """Does each outside figure belong to a quantity that some claim also gives?"""
    claims = load_claims()
    claimed = {
        quantity_of(measure, text)
        for measure, text in zip(claims["measure"], claims["quote"], strict=True)
    }
    for row in load_outside_figures().itertuples():
        assert quantity_of(row.measure, row.excerpt) in claimed, row.figure_id


def test_circular_sources_are_marked_and_never_independent():
    """Are the InSight-citing sources (CounterVortex, the 64 bases) circular, and never independent?"""
    figures = load_outside_figures()
    circular = set(figures.loc[figures["circular"], "figure_id"])
    assert (
        set(figures.loc[figures["excerpt"].str.contains("InSight Crime"), "figure_id"]) <= circular
    )
    assert (
        set(figures.loc[figures["source_url"].fillna("").str.contains("insightcrime"), "figure_id"])
        <= circular
    )
    table = lineup()
    assert not table.loc[table["figure_id"].isin(circular), "independent"].any()
    assert not table.loc[table["origin"] == "article", "independent"].any()


def test_the_line_up_picks_claims_by_measure():
    """Does every claim of a lined-up measure join the line-up, whatever its id?"""
    claims = load_claims()
    measures = {m for ms in QUANTITIES.values() for m in ms} - {"event_year"}
    wanted = set(claims.loc[claims["measure"].isin(measures), "claim_id"])
    assert wanted <= set(lineup()["figure_id"])


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.500", "es", (1500.0, 1500.0)),
        ("1,500", "en", (1500.0, 1500.0)),
        ("1.500", "en", (1.5, 1.5)),
        ("10,000", "en", (10000.0, 10000.0)),
        ("60 to 80", "en", (60.0, 80.0)),
        ("70 por ciento", "es", (70.0, 70.0)),
        ("67 per cent", "en", (67.0, 67.0)),
        ("32.2%", "es", (32.2, 32.2)),
        ("12,8", "es", (12.8, 12.8)),
        ("20,304", "es", (20304.0, 20304.0)),
        ("five", "en", (5.0, 5.0)),
    ],
)
def test_figures_read_as_their_language_writes_them(text, language, expected):
    """Does the reader know Spanish thousands and decimals, and the words for percent?"""
    assert parse_figure(text, language) == pytest.approx(expected)


# --- the checks fail when the data is damaged -------------------------------------------


def test_an_altered_excerpt_is_caught(data_copy):
    """Does one changed word in an excerpt break the provenance check?"""
    _edit(
        data_copy / "outside_figures.csv",
        "O009",
        excerpt=lambda text: text.replace("operatives", "fighters"),
    )
    assert any("not in reference/context_facts.md" in problem for problem in _problems_for("O009"))


def test_an_altered_value_is_caught(data_copy):
    """Does a value that is not what the excerpt says break the check?"""
    _edit(data_copy / "outside_figures.csv", "O013", value="450", value_low="450", value_high="450")
    assert any("reads" in problem for problem in _problems_for("O013"))


def test_an_altered_value_text_is_caught(data_copy):
    """Does a figure that is not written in the excerpt break the check?"""
    _edit(
        data_copy / "outside_figures.csv",
        "O018",
        value_text="72",
        value="72",
        value_low="72",
        value_high="72",
    )
    assert any("not in the excerpt" in problem for problem in _problems_for("O018"))


def test_a_spanish_figure_read_as_english_is_caught(data_copy):
    """Does '1.500' read as 1.5 when the row claims the excerpt is English?"""
    _edit(data_copy / "outside_figures.csv", "O015", language="en")
    assert any("1.500" in problem for problem in _problems_for("O015"))


def test_a_dropped_hedge_is_caught(data_copy):
    """Does dropping 'no more than' before the 200 break the check?"""
    _edit(data_copy / "outside_figures.csv", "O001", hedge="none")
    assert any("no more than" in problem for problem in _problems_for("O001"))


def test_an_unknown_hedge_is_caught(data_copy):
    """Does a hedge the interval rule does not know break the check?"""
    _edit(data_copy / "outside_figures.csv", "O042", hedge="produce around")
    assert any("interval rule does not know" in problem for problem in _problems_for("O042"))


def test_an_uncited_address_is_caught(data_copy):
    """Does an address the reference notes do not cite break the check?"""
    _edit(data_copy / "outside_figures.csv", "O007", source_url="https://example.org/fighters")
    assert any("not an address cited" in problem for problem in _problems_for("O007"))


def test_a_wrong_reference_item_is_caught(data_copy):
    """Does naming the wrong item of the notes break the check?"""
    _edit(data_copy / "outside_figures.csv", "O019", reference_item="(e)")
    assert any("not in item (e)" in problem for problem in _problems_for("O019"))


def test_an_unmarked_circular_source_is_caught(data_copy):
    """Does CounterVortex's '(InSight Crime, Aug. 2' without the circular flag break the check?"""
    _edit(data_copy / "outside_figures.csv", "O008", circular="false", status="verified")
    assert any("circular must be true" in problem for problem in _problems_for("O008"))


def test_a_publication_period_that_is_not_the_publication_date_is_caught(data_copy):
    """Does a 'publication' period that differs from the publication date break the check?"""
    _edit(data_copy / "outside_figures.csv", "O010", reference_period="2019")
    assert any("publication date" in problem for problem in _problems_for("O010"))


def test_a_circular_source_cannot_confirm_an_article(data_copy):
    """Does marking The Fix as citing InSight Crime remove it from the confirmations of 4.3?"""
    assert lesson04.independent_confirmation() == "b"
    _edit(
        data_copy / "outside_figures.csv", "O007", circular="true", status="only from InSight Crime"
    )
    assert lesson04.independent_confirmations() == frozenset()
    assert "O007" in lesson04.consistent_in_2012()  # consistent still: the numbers have not changed


def test_a_corrected_figure_corrects_the_keys(data_copy):
    """Does a corrected hostage count change the verdict of the pair that rests on it?"""
    _edit(
        data_copy / "outside_figures.csv",
        "O029",
        value_text="36",
        value="36",
        value_low="36",
        value_high="36",
        excerpt=lambda text: text.replace("42", "36"),
    )
    assert lesson04.pair_verdicts()["P6"] == "consistent"


def test_the_lesson_shows_the_pairs_and_options_the_keys_use():
    """Does lesson 04 show exercise 4.6's pairs, and 4.2's and 4.3's figures, as the keys define them?"""
    from .conftest import REPO

    text = (REPO / "solutions" / "04-figures-across-dates.ipynb").read_text(encoding="utf-8")
    firsts = ", ".join(f'\\"{a}\\"' for a, _ in lesson04.PAIRS.values())
    seconds = ", ".join(f'\\"{b}\\"' for _, b in lesson04.PAIRS.values())
    assert f"[{firsts}]" in text and f"[{seconds}]" in text
    for letter, figure_id in lesson04.OPTIONS_2012.items():
        assert f"({letter}) {figure_id}," in text
    for letter, figure_id in lesson04.CONFIRM_OPTIONS.items():
        assert f"({letter}) {figure_id}," in text
