"""The data files: schema, provenance of every figure, and clear errors for bad files."""

import csv
import re

import pandas as pd
import pytest

from vraem import load_claims, load_coca_series, load_corpus, load_events
from vraem.contract import DATA_VARIABLE
from vraem.paths import DataNotFoundError
from vraem.provenance import claim_problems, event_problems, series_problems
from vraem.series import REFERENCE_COLUMNS, mark_preferred
from vraem.tables import DataFileError, read_table, resource_schema, validate_resource

TABLES = ["articles", "claims", "coca_cultivation", "coca_reference", "events"]


def _rewrite(path, change):
    """Apply ``change(rows)`` to a CSV file's rows (header first) and write it back."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _column(rows, name):
    return rows[0].index(name)


@pytest.mark.parametrize("table", TABLES)
def test_every_table_matches_its_schema(table):
    """Does each CSV satisfy datapackage.json: types, required, allowed values, keys, links?"""
    assert validate_resource(table) == []


def test_the_claims_table_is_large_and_typed():
    """Are there 40+ claims, from every article, with numeric value columns?"""
    claims = load_claims()
    assert len(claims) >= 40
    assert set(claims["article_id"]) == set(load_corpus()["article_id"])
    assert str(claims["value_low"].dtype) == "Float64"
    assert claims["published"].notna().all()


def test_every_claim_traces_to_its_article():
    """Is every quote in its article, every value readable in it, every hedge recorded?"""
    assert claim_problems(load_claims()) == []


def test_every_event_traces_to_its_source():
    """Is every event quote in its article or in the reference notes, with a matching address?"""
    assert event_problems(load_events()) == []


def test_events_are_in_date_order_with_matching_precision():
    """Do dates read as their precision says, oldest first?"""
    events = load_events()
    lengths = {"day": 10, "month": 7, "year": 4}
    assert (events["date"].str.len() == events["date_precision"].map(lengths)).all()
    assert events["start"].is_monotonic_increasing


def test_coca_series_is_the_reference_with_one_preferred_row_each():
    """Is coca_cultivation.csv exactly the reference rows plus the derived preference?"""
    reference = read_table("coca_reference")
    derived = mark_preferred(reference)
    stored = read_table("coca_cultivation")
    pd.testing.assert_frame_equal(stored[REFERENCE_COLUMNS], reference[REFERENCE_COLUMNS])
    assert stored["preferred"].tolist() == derived["preferred"].tolist()
    assert stored["preferred_reason"].tolist() == derived["preferred_reason"].tolist()
    assert stored[stored["preferred"]].groupby(["year", "region"]).size().eq(1).all()
    assert len(load_coca_series()) == stored[["year", "region"]].drop_duplicates().shape[0]


def test_conflicting_national_totals_prefer_the_later_official_value():
    """Does the series use 62,500 for 2011 and 80,681 for 2021, as the reference README says?"""
    series = load_coca_series().set_index(["year", "region"])["hectares"]
    assert series[(2011, "Peru (national)")] == 62500
    assert series[(2021, "Peru (national)")] == 80681


def test_every_hectare_value_is_readable_in_its_excerpt():
    """Can each area be read in the passage quoted from its source?"""
    assert series_problems(load_coca_series(preferred_only=False)) == []


# --- The checks fail when the data is damaged -------------------------------------------


def test_an_altered_quote_is_caught(data_copy):
    """Does changing one word of a quote break the provenance check?"""
    _rewrite(
        data_copy / "claims.csv",
        lambda rows: rows[1].__setitem__(
            _column(rows, "quote"), rows[1][_column(rows, "quote")].replace("four", "five")
        ),
    )
    problems = claim_problems(load_claims())
    assert any("C001" in problem and "not in the text" in problem for problem in problems)


def test_an_edited_value_is_caught(data_copy):
    """Does a value that differs from its words break the provenance check?"""

    def edit(rows):
        for name in ("value", "value_low", "value_high"):
            rows[3][_column(rows, name)] = "600"

    _rewrite(data_copy / "claims.csv", edit)
    assert any("C003" in problem for problem in claim_problems(load_claims()))


def test_an_unrecorded_hedge_is_caught(data_copy):
    """Does dropping the hedge of 'around 500 fighters' break the provenance check?"""
    _rewrite(
        data_copy / "claims.csv", lambda rows: rows[3].__setitem__(_column(rows, "hedge"), "none")
    )
    assert any(
        "C003" in problem and "around" in problem for problem in claim_problems(load_claims())
    )


def test_a_broken_vocabulary_names_file_row_and_column(data_copy):
    """Does an unknown source_type give a message with the file, the row and the column?"""
    _rewrite(
        data_copy / "claims.csv",
        lambda rows: rows[5].__setitem__(_column(rows, "source_type"), "rumour"),
    )
    with pytest.raises(DataFileError) as caught:
        load_claims()
    message = str(caught.value)
    assert "claims.csv" in message and "row 6" in message and "'source_type'" in message
    assert "rumour" in message


def test_a_malformed_number_names_file_row_and_column(data_copy):
    """Does text in a number column give a message naming the cell?"""
    _rewrite(
        data_copy / "coca_cultivation.csv",
        lambda rows: rows[4].__setitem__(_column(rows, "hectares"), "about 15k"),
    )
    with pytest.raises(DataFileError, match=r"coca_cultivation\.csv row 5, column 'hectares'"):
        load_coca_series()


def test_a_duplicated_id_is_caught(data_copy):
    """Does a repeated claim_id break the primary key?"""
    _rewrite(data_copy / "claims.csv", lambda rows: rows[2].__setitem__(0, rows[1][0]))
    assert any(
        "primary key" in problem.lower() or "unique" in problem.lower()
        for problem in validate_resource("claims")
    )


def test_a_claim_for_an_unknown_article_is_caught(data_copy):
    """Does an article_id with no article break the link between the tables?"""
    _rewrite(data_copy / "claims.csv", lambda rows: rows[1].__setitem__(1, "009"))
    assert any(
        "foreign" in problem.lower() or "009" in problem for problem in validate_resource("claims")
    )


def test_a_removed_data_file_says_how_to_restore_it(data_copy):
    """Does a missing claims.csv name the file and the fix?"""
    (data_copy / "claims.csv").unlink()
    with pytest.raises(DataNotFoundError, match=r"claims\.csv is missing.*git checkout"):
        load_claims()


def test_a_wrong_data_folder_says_what_to_do(tmp_path, monkeypatch):
    """Does VRAEM_DATA pointing at an empty folder give a clear message?"""
    monkeypatch.setenv(DATA_VARIABLE, str(tmp_path))
    with pytest.raises(DataNotFoundError, match=DATA_VARIABLE):
        load_corpus()


def test_every_column_is_described():
    """Does every field in datapackage.json carry a description (the data dictionary)?"""
    for table in TABLES:
        for field in resource_schema(table)["schema"]["fields"]:
            assert field.get("description"), f"{table}.{field['name']} has no description"


def test_the_articles_table_links_to_every_scrape():
    """Does each metadata row name an existing scrape and an InSight Crime address?"""
    corpus = load_corpus()
    assert len(corpus) == 5
    assert corpus["url"].str.match(r"^https://insightcrime\.org/news/").all()
    undated = corpus[corpus["published"].isna()]
    assert (undated["published_earliest"] < undated["published_latest"]).all()


def test_a_reversed_direction_is_caught(data_copy):
    """Does calling the Alto Huallaga fall a rise break the provenance check?"""

    def flip(rows):
        for row in rows[1:]:
            if row[0] == "C047":
                row[_column(rows, "direction")] = "up"

    _rewrite(data_copy / "claims.csv", flip)
    assert any(
        "C047" in problem and "direction" in problem for problem in claim_problems(load_claims())
    )


def test_quote_checks_the_article_text_and_credits_it():
    """Does quote() accept the article's words, refuse page furniture, and carry the credit?"""
    import warnings

    from vraem import quote

    shown = quote(4, "currently has 64 military bases")
    assert shown.article_id == "004" and "insightcrime.org" in shown.attribution
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quote("000", "Was this content helpful?")  # in the scrape, but not article text
    assert any("not in article 000" in str(w.message) for w in caught)


def _set(claim_id, column, value):
    """A change for _rewrite: put ``value`` in one claim's ``column``."""

    def change(rows):
        for row in rows[1:]:
            if row[0] == claim_id:
                row[_column(rows, column)] = value

    return change


@pytest.mark.parametrize(
    ("claim_id", "column", "value", "expected"),
    [
        ("C033", "section", "analysis", "stands in the news part"),
        ("C012", "attributed_to", "according to the authorities", 'without "according to"'),
        ("C003", "source_type", "the outlet itself", "goes with attributed_to 'InSight Crime'"),
        ("C046", "attributed_to", "Carlos Tubino of Congress", "is not in the article's words"),
        ("C042", "reference_period", "2016-10-11", "needs the days it covers"),
        ("C042", "reference_period", "2016-10-11/2016-12-10", "spans 61 days"),
        ("C050", "reference_period", "2002", "is not the year of reference_period"),
    ],
)
def test_a_claim_coded_against_the_table_rules_is_caught(
    data_copy, claim_id, column, value, expected
):
    """Do a wrong section, source wording or period break the provenance check, naming the claim?"""
    _rewrite(data_copy / "claims.csv", _set(claim_id, column, value))
    assert any(
        claim_id in problem and expected in problem for problem in claim_problems(load_claims())
    )


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("fact_check_url", "https://example.org/not-in-the-notes", "not an address cited"),
        ("fact_check_url", "", "needs the address of its source"),
        ("fact_check_note", "", "needs a fact_check_note"),
        ("fact_check", "", "must be empty when fact_check is"),
    ],
)
def test_a_fact_check_without_its_source_is_caught(data_copy, column, value, expected):
    """Does a flag without our note, or with an address the reference notes do not cite, break the check?"""
    _rewrite(data_copy / "claims.csv", _set("C039", column, value))
    assert any(
        "C039" in problem and expected in problem for problem in claim_problems(load_claims())
    )


def test_an_unknown_fact_check_label_is_refused(data_copy):
    """Is fact_check limited to its vocabulary?"""
    _rewrite(data_copy / "claims.csv", _set("C039", "fact_check", "false"))
    assert any("fact_check" in problem for problem in validate_resource("claims"))


# --- The metadata table against the notes delivered with the scrapes -----------------------


def _sources_rows():
    """The rows of the table in data/articles/SOURCES.md, by file name."""
    from vraem.paths import data_file

    lines = data_file("articles/SOURCES.md").read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if line.startswith("|")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    rows = [
        dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        for line in table[2:]
    ]  # table[1] is the |---| line
    return {row["file"]: row for row in rows}


def test_the_articles_table_agrees_with_the_notes_shipped_with_the_scrapes():
    """Do each article's title, kind, date, byline and address match data/articles/SOURCES.md?"""
    notes = _sources_rows()
    corpus = load_corpus()
    assert set(notes) == set(corpus["file"])
    for row in corpus.itertuples():
        note = notes[row.file]
        assert (row.url, row.title, row.kind) == (
            note["original address"],
            note["title"],
            note["type"],
        ), row.file
        if note["byline"].startswith("not printed"):
            assert pd.isna(row.byline), row.file
        else:
            assert row.byline == note["byline"], row.file
        dates = re.findall(r"\d{4}-\d{2}-\d{2}", note["published"])
        if note["published"].startswith("not printed"):  # undated: the notes give the range
            assert pd.isna(row.published), row.file
            assert dates == [
                f"{row.published_earliest:%Y-%m-%d}",
                f"{row.published_latest:%Y-%m-%d}",
            ], row.file
        else:
            assert dates[:1] == [f"{row.published:%Y-%m-%d}"], row.file
        if pd.isna(row.published_in_scrape) or pd.isna(row.title_in_scrape):
            # what the scrape lacks comes from the notes, and the evidence says so
            assert "data/articles/SOURCES.md" in row.date_evidence, row.file


def test_a_metadata_row_that_disagrees_with_the_notes_is_caught(data_copy):
    """Does a changed byline in articles.csv break the agreement with SOURCES.md?"""

    def change(rows):
        for row in rows[1:]:
            if row[0] == "004":
                row[_column(rows, "byline")] = "Someone Else"

    _rewrite(data_copy / "articles.csv", change)
    with pytest.raises(AssertionError, match="004_"):
        test_the_articles_table_agrees_with_the_notes_shipped_with_the_scrapes()
