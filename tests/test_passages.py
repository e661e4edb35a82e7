"""The coded passages: every quote in its article, the codebook's vocabulary, two independent codings, one reconciled."""

import csv

import pandas as pd
import pytest

from vraem.passages import (
    CATEGORY_COLUMNS,
    IN_HOUSE,
    RECONCILED_COLUMNS,
    RECONCILED_ONLY,
    codings_table,
    cohen_kappa,
    load_codings,
    load_passages,
    reconciled_cells,
    reconciled_coding,
    reconciliation,
    revision,
    side_by_side,
)
from vraem.paths import data_file
from vraem.provenance import codebook_problems, coding_problems, passage_problems
from vraem.tables import DataFileError, resource_schema, validate_resource

TABLES = ["passages", "passage_codings", "coding_rounds"]


def _rewrite(path, change):
    """Apply ``change(rows)`` to a CSV file's rows (header first) and write it back."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set(rows, passage_id, column, value, coder=None):
    """Set one cell, found by passage id (and coder, in the long table)."""
    header = rows[0]
    for row in rows[1:]:
        if row[0] == passage_id and (coder is None or row[header.index("coder")] == coder):
            row[header.index(column)] = value
            return
    raise AssertionError(f"no row {passage_id} {coder or ''}")


# --- the data as shipped ---------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
def test_the_passage_tables_match_their_schema(table):
    """Do both tables satisfy datapackage.json: types, vocabularies, keys, links?"""
    assert validate_resource(table) == []


@pytest.mark.parametrize("table", TABLES)
def test_every_passage_column_is_described(table):
    """Does every field carry a description (the data dictionary)?"""
    for field in resource_schema(table)["schema"]["fields"]:
        assert field.get("description"), f"{table}.{field['name']} has no description"


def test_the_passages_cover_every_article():
    """Are there 40-70-odd passages from all five articles, typed, with dates and sections?"""
    passages = load_passages()
    assert 40 <= len(passages) <= 80
    assert set(passages["article_id"]) == {"000", "001", "002", "003", "004"}
    assert str(passages["paragraph"].dtype) == "Int64"
    assert passages["published"].notna().all()
    assert set(passages["section"]) == {"news", "analysis"}


def test_every_passage_traces_to_its_paragraph_and_every_paragraph_has_one():
    """Is each quote in its article's named paragraph, voice consistent, no overlap, no paragraph left out?"""
    assert passage_problems(load_passages()) == []


def test_the_two_codings_are_complete_and_the_reconciled_coding_differs_from_a_only_where_documented():
    """Does each coder code every passage once, and does passages.csv differ from coding A only in listed cells?"""
    assert coding_problems(load_passages(), load_codings()) == []


def test_every_reconciled_cell_names_its_rule_and_was_really_changed():
    """Is each change from coding A explained by a rule that names the column it changed?"""
    passages = load_passages()
    changed = passages[passages["reconciled_from"] != ""]
    assert 0 < len(changed) < len(passages) / 4, (
        "a reconciliation corrects coding A here and there, not wholesale"
    )
    for row in changed.itertuples(index=False):
        assert row.reconciliation_rule, row.passage_id
        for column in reconciled_cells(row.reconciled_from):
            assert column in row.reconciliation_rule, (
                f"{row.passage_id}: the rule does not name {column}"
            )
    table = reconciliation(passages)
    assert (table["A"] != table["reconciled"]).all()
    assert len(table) == sum(len(reconciled_cells(text)) for text in changed["reconciled_from"])


def test_a_passage_added_at_reconciliation_stays_out_of_the_authors_agreement():
    """Is a passage added at reconciliation missing from codings A and B (and side_by_side), but coded by outside coders?"""
    passages = load_passages()
    new = set(passages.loc[passages["reconciled_from"] == RECONCILED_ONLY, "passage_id"])
    assert new, "the State Department sentence of article 001 is a passage added at reconciliation"
    assert not new & set(load_codings(IN_HOUSE)["passage_id"])
    assert not new & set(side_by_side("frame").index)
    assert new <= set(load_codings(("O1",))["passage_id"]), "outside coders code every passage"


def test_the_codebook_examples_and_vocabulary_match_the_data():
    """Is every codebook example in its article, and every coded value defined in the codebook?"""
    assert codebook_problems() == []


def test_passages_and_claims_share_one_source_type_vocabulary():
    """Do passages, codings and claims allow the same source types (legislator included)?"""

    def allowed(table):
        field = next(
            f for f in resource_schema(table)["schema"]["fields"] if f["name"] == "source_type"
        )
        return field["constraints"]["enum"]

    assert allowed("passages") == allowed("passage_codings") == allowed("claims")
    assert "legislator" in allowed("passages")


def test_the_codings_say_how_they_were_made():
    """Does the data package say who made each coding, and that B never saw A?"""
    description = resource_schema("passage_codings")["description"]
    coder = next(
        f for f in resource_schema("passage_codings")["schema"]["fields"] if f["name"] == "coder"
    )
    assert (
        "without seeing coding A" in description
        and "without seeing coding A" in coder["description"]
    )
    assert "course author" in coder["description"]


def test_the_second_coding_is_not_a_copy_of_the_first():
    """Do the coders differ somewhere (a copied coding would agree on everything)?"""
    codings = load_codings()
    a = codings[codings["coder"] == "A"].set_index("passage_id")[list(CATEGORY_COLUMNS)]
    b = codings[codings["coder"] == "B"].set_index("passage_id")[list(CATEGORY_COLUMNS)]
    assert not a.sort_index().equals(b.sort_index())


# --- kappa ------------------------------------------------------------------------------


def test_kappa_matches_a_worked_example():
    """Does cohen_kappa give the textbook value for a small table worked by hand?"""
    # 10 items: A says yes 6 times, B 5 times, they agree on 7 (4 yes, 3 no).
    a = pd.Series(list("yyyyyynnnn"))
    b = pd.Series(list("yyyynnynnn"))
    observed, chance = 0.7, 0.6 * 0.5 + 0.4 * 0.5
    assert cohen_kappa(a, b) == pytest.approx((observed - chance) / (1 - chance))


def test_kappa_is_one_for_identical_codings_and_refuses_incomplete_ones():
    """Is perfect agreement 1, and a missing value a clear error?"""
    a = pd.Series(["x", "y", "x"])
    assert cohen_kappa(a, a.copy()) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="complete"):
        cohen_kappa(a, pd.Series(["x", None, "x"]))
    with pytest.raises(ValueError, match="undefined"):
        cohen_kappa(pd.Series(["x", "x"]), pd.Series(["x", "x"]))


def test_side_by_side_puts_one_coder_per_column():
    """Does side_by_side give one row per passage both coders coded, and the columns A and B?"""
    wide = side_by_side("frame")
    passages = load_passages()
    both_coded = (passages["reconciled_from"] != RECONCILED_ONLY).sum()
    assert list(wide.columns) == ["A", "B"] and len(wide) == both_coded


def test_codings_table_takes_every_coding_as_delivered_and_refuses_repeats():
    """Does the builder rebuild the stored table from its codings, and refuse a passage coded twice?"""
    stored = pd.read_csv(data_file("passage_codings.csv"), dtype=str, keep_default_na=False)
    coders = list(dict.fromkeys(stored["coder"]))
    built = codings_table(
        {coder: stored[stored["coder"] == coder].drop(columns="coder") for coder in coders}
    )
    assert built.equals(stored)
    coding_b = stored.query("coder == 'B'").drop(columns="coder")
    with pytest.raises(ValueError, match="more than once"):
        codings_table({"B": pd.concat([coding_b, coding_b.iloc[:1]])})
    with pytest.raises(ValueError, match="no column"):
        codings_table({"B": coding_b.drop(columns="frame")})


def test_a_coding_missing_a_passage_is_caught(data_copy):
    """Does an outside coding that leaves out one passage break the coverage check?"""

    def drop(rows):
        coder = rows[0].index("coder")
        rows[:] = [row for row in rows if not (row[0] == "P030" and row[coder] == "O1")]

    _rewrite(data_copy / "passage_codings.csv", drop)
    problems = coding_problems(load_passages(), load_codings())
    assert any("coder O1 does not code every passage" in problem for problem in problems)


# --- the revision after outside round 1 ----------------------------------------------------


def test_every_revised_cell_names_its_rule_and_was_really_changed():
    """Does each cell the revised codebook changed name its rule, and differ from reconciled coding 1?"""
    passages = load_passages()
    changed = passages[passages["revised_from"] != ""]
    assert 0 < len(changed) < len(passages) / 4, "a revision changes a few cells, not the coding"
    for row in changed.itertuples(index=False):
        assert "codebook v3" in row.revision_rule, row.passage_id
        for column in reconciled_cells(row.revised_from):
            assert column in row.revision_rule, f"{row.passage_id}: the rule does not name {column}"
    table = revision(passages)
    assert (table["reconciled 1"] != table["reconciled 2"]).all()
    assert len(table) == sum(len(reconciled_cells(text)) for text in changed["revised_from"])


def test_the_two_reconciled_codings_differ_exactly_in_the_revised_cells():
    """Does reconciled_coding(1) put back the revised cells, and only those?"""
    first = reconciled_coding(1).set_index("passage_id")[list(RECONCILED_COLUMNS)]
    second = reconciled_coding(2).set_index("passage_id")[list(RECONCILED_COLUMNS)]
    differs = {
        (passage_id, column)
        for column in RECONCILED_COLUMNS
        for passage_id in first.index[first[column] != second[column]]
    }
    table = revision()
    assert differs == set(zip(table["passage_id"], table["column"], strict=True))
    with pytest.raises(ValueError, match="versions"):
        reconciled_coding(3)


def test_a_revision_that_misquotes_the_earlier_value_is_caught(data_copy):
    """Does revised_from that leaves the cell as it was break the check?"""
    _rewrite(
        data_copy / "passages.csv",
        lambda rows: _set(rows, "P060", "revised_from", "frame=security"),
    )
    problems = coding_problems(load_passages(), load_codings())
    assert any("P060" in problem and "left unchanged" in problem for problem in problems)


def test_a_revision_without_its_rule_is_caught(data_copy):
    """Does a revised cell with no rule, or a rule that does not name the column, break the check?"""
    _rewrite(data_copy / "passages.csv", lambda rows: _set(rows, "P072", "revision_rule", ""))
    _rewrite(
        data_copy / "passages.csv", lambda rows: _set(rows, "P056", "revision_rule", "a new rule")
    )
    problems = coding_problems(load_passages(), load_codings())
    assert any("P072" in problem and "together" in problem for problem in problems)
    assert any("P056" in problem and "does not name evidence" in problem for problem in problems)


def test_a_codebook_example_the_reconciled_coding_contradicts_is_caught(data_copy):
    """Does a codebook example whose passage the reconciled coding codes otherwise break the check?"""
    _rewrite(data_copy / "passages.csv", lambda rows: _set(rows, "P057", "frame", "neither"))
    problems = codebook_problems()
    assert any("P057" in problem and "illustrates 'security'" in problem for problem in problems)


# --- the checks fail when the data is damaged --------------------------------------------


def test_an_altered_passage_quote_is_caught(data_copy):
    """Does changing one word of a passage break the provenance check?"""

    def alter(rows):
        quote = rows[0].index("quote")
        row = next(row for row in rows if row[0] == "P071")
        row[quote] = row[quote].replace("rarely", "always")

    _rewrite(data_copy / "passages.csv", alter)
    assert any(
        "P071" in problem and "not in the text" in problem
        for problem in passage_problems(load_passages())
    )


def test_a_quote_in_the_wrong_paragraph_is_caught(data_copy):
    """Does a passage that names the wrong paragraph break the check?"""
    _rewrite(data_copy / "passages.csv", lambda rows: _set(rows, "P002", "paragraph", "1"))
    assert any(
        "P002" in problem and "paragraph 1" in problem
        for problem in passage_problems(load_passages())
    )


def test_a_dropped_paragraph_is_caught(data_copy):
    """Does removing the only passage of a paragraph break the coverage check?"""

    def drop(rows):
        rows[:] = [row for row in rows if row[0] != "P040" and row[0] != "P039"]

    _rewrite(data_copy / "passages.csv", drop)
    assert any(
        "paragraph 15 of article 001" in problem for problem in passage_problems(load_passages())
    )


def test_overlapping_passages_are_caught(data_copy):
    """Does a passage that repeats part of another break the check?"""

    def stretch(rows):
        quote = rows[0].index("quote")
        first = next(row for row in rows if row[0] == "P001")
        second = next(row for row in rows if row[0] == "P002")
        first[quote] = first[quote] + " " + second[quote]

    _rewrite(data_copy / "passages.csv", stretch)
    assert any("overlap" in problem for problem in passage_problems(load_passages()))


def test_a_voice_that_contradicts_the_source_type_is_caught(data_copy):
    """Does 'outlet' voice with a minister as source break the consistency check?"""
    _rewrite(data_copy / "passages.csv", lambda rows: _set(rows, "P004", "voice", "outlet"))
    assert any(
        "P004" in problem and "voice" in problem for problem in passage_problems(load_passages())
    )


@pytest.mark.parametrize(
    ("column", "bad"),
    [
        ("frame", "peace"),
        ("voice", "rumour"),
        ("source_type", "blog"),
        ("evidence", "anecdote"),
        ("claim_of_effect", "maybe"),
    ],
)
def test_a_broken_vocabulary_names_file_row_and_column(data_copy, column, bad):
    """Does a value outside the codebook's vocabulary give a message naming the cell?"""
    _rewrite(data_copy / "passages.csv", lambda rows: _set(rows, "P003", column, bad))
    with pytest.raises(DataFileError) as caught:
        load_passages()
    message = str(caught.value)
    assert (
        "passages.csv" in message
        and "row 4" in message
        and f"'{column}'" in message
        and bad in message
    )


def test_a_broken_vocabulary_in_a_coding_is_caught(data_copy):
    """Does coder B's table refuse a frame the codebook does not define?"""
    _rewrite(
        data_copy / "passage_codings.csv",
        lambda rows: _set(rows, "P010", "frame", "peace", coder="B"),
    )
    assert any("frame" in problem for problem in validate_resource("passage_codings"))


def test_coding_a_edited_in_one_place_only_is_caught(data_copy):
    """Does a coding A that differs between the two tables break the check?"""
    _rewrite(
        data_copy / "passage_codings.csv",
        lambda rows: _set(rows, "P007", "frame", "both", coder="A"),
    )
    problems = coding_problems(load_passages(), load_codings())
    assert any("P007" in problem and "frame" in problem for problem in problems)


def test_a_change_from_coding_a_that_is_not_documented_is_caught(data_copy):
    """Does a reconciled cell that differs from coding A without a reconciled_from entry break the check?"""
    _rewrite(data_copy / "passages.csv", lambda rows: _set(rows, "P007", "evidence", "assertion"))
    problems = coding_problems(load_passages(), load_codings())
    assert any(
        "P007" in problem and "evidence" in problem and "records it" in problem
        for problem in problems
    )


def test_a_documented_change_that_misquotes_coding_a_is_caught(data_copy):
    """Does reconciled_from that gives a wrong value for coding A break the check?"""
    _rewrite(
        data_copy / "passages.csv", lambda rows: _set(rows, "P060", "reconciled_from", "frame=both")
    )
    problems = coding_problems(load_passages(), load_codings())
    assert any("P060" in problem and "coder A wrote" in problem for problem in problems)


def test_a_change_without_its_rule_is_caught(data_copy):
    """Does a reconciled cell with no rule named break the check?"""
    _rewrite(data_copy / "passages.csv", lambda rows: _set(rows, "P060", "reconciliation_rule", ""))
    problems = coding_problems(load_passages(), load_codings())
    assert any("P060" in problem and "together" in problem for problem in problems)


def test_a_malformed_reconciled_from_is_caught(data_copy):
    """Does reconciled_from that is not column=value pairs fail the schema?"""
    _rewrite(
        data_copy / "passages.csv",
        lambda rows: _set(rows, "P060", "reconciled_from", "frame was security"),
    )
    assert any("reconciled_from" in problem for problem in validate_resource("passages"))


def test_a_coding_of_a_passage_added_at_reconciliation_is_caught(data_copy):
    """Does a coder who codes a passage that was added after both codings break the check?"""

    def add(rows):
        header = rows[0]
        row = next(row for row in rows if row[0] == "P018" and row[header.index("coder")] == "B")
        rows.append(["P072", *row[1:]])

    _rewrite(data_copy / "passage_codings.csv", add)
    problems = coding_problems(load_passages(), load_codings())
    assert any("coder B does not code every passage" in problem for problem in problems)


def test_a_missing_second_coding_is_caught(data_copy):
    """Does a codings table without coder B say so?"""

    def drop_b(rows):
        coder = rows[0].index("coder")
        rows[:] = [row for row in rows if row[coder] != "B"]

    _rewrite(data_copy / "passage_codings.csv", drop_b)
    assert any(
        "no second coding" in problem
        for problem in coding_problems(load_passages(), load_codings())
    )


def test_a_codebook_example_not_in_its_article_is_caught(data_copy):
    """Does an altered example in codebook.md break the check?"""
    path = data_copy / "codebook.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("ten new military bases", "eleven new military bases"), encoding="utf-8"
    )
    assert any("not in article 002" in problem for problem in codebook_problems())


def test_a_codebook_that_drops_a_value_is_caught(data_copy):
    """Does a codebook whose frame table lacks a value the data allows break the check?"""
    path = data_copy / "codebook.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("| `neither` |", "| neither |"), encoding="utf-8")
    assert any("values of frame" in problem for problem in codebook_problems())
