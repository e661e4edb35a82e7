"""Agreement between codings: the rounds say who coded what, kappa is right, the learner sees no key early."""

import csv

import pandas as pd
import pytest

from vraem.agreement import (
    FRAMES,
    HANDOFF_COLUMNS,
    agreement,
    agreement_table,
    agreement_without_examples,
    codebook_version,
    compare_frames,
    comparisons,
    disagreements,
    example_passages,
    git_blob_sha1,
    handoff_csv,
    handoff_table,
    load_rounds,
    paired,
    quoted_disputes,
    scale_label,
    without_examples_table,
)
from vraem.kappa import kappa_scale
from vraem.passages import CATEGORY_COLUMNS, load_codings, load_passages
from vraem.provenance import coding_problems, round_problems

from .conftest import REPO


def _rewrite(path, change):
    """Apply ``change(rows)`` to a CSV file's rows (header first) and write it back."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


# --- the rounds as shipped ---------------------------------------------------------------


def test_the_rounds_match_their_codebooks_handoffs_and_codings():
    """Does every round name a stored codebook with its hash, the hand-off the data builds, and a coding?"""
    assert round_problems() == []
    assert coding_problems(load_passages(), load_codings()) == []


def test_the_rounds_say_truthfully_who_coded():
    """Are A and B course authors, and every outside coder an AI-assistant session that saw only the hand-off?"""
    rounds = load_rounds().set_index("coder")
    assert set(rounds.loc[["A", "B"], "coder_kind"]) == {"course author"}
    outside = rounds[rounds["round"] > 0]
    assert len(outside) >= 1
    for coder, row in outside.iterrows():
        assert row["coder_kind"] == "outside coder (AI assistant session)", coder
        assert "AI-assistant session" in row["who"] and "hand-off" in row["saw"], coder
        assert row["compared_with"] == f"reconciled {row['round']}", coder


def test_the_shipped_codebook_is_the_newest_version_and_each_version_has_its_hash():
    """Is data/codebook.md the last of data/codebooks/, and v1 and v2 the codebooks git knows by their hashes?"""
    rounds = load_rounds().drop_duplicates("codebook").set_index("codebook")
    for version, row in rounds.iterrows():
        assert git_blob_sha1(codebook_version(version)) == row["codebook_sha1"], version
    assert "legislator" not in codebook_version("v1") and "legislator" in codebook_version("v2")
    assert "Decision rules for `frame`" in codebook_version("v3")


def test_the_handoff_holds_the_passages_and_no_coding():
    """Does the hand-off give ids, article, paragraph, passage and paragraph text, and none of the coded columns?"""
    table = handoff_table()
    assert tuple(table.columns) == HANDOFF_COLUMNS
    assert not set(table.columns) & {
        "frame",
        "voice",
        "speaker",
        "source_type",
        "evidence",
        "claim_of_effect",
    }
    assert len(table) == len(load_passages())
    assert all(
        " ".join(passage.split()) in " ".join(paragraph.split())
        for passage, paragraph in zip(table["passage"], table["paragraph_text"], strict=True)
    )
    assert handoff_csv().startswith("passage_id,article_id,paragraph,passage,paragraph_text\r\n")


# --- agreement and kappa -------------------------------------------------------------------


def test_agreement_and_kappa_match_a_three_value_example_worked_by_hand():
    """Do agreement and kappa give the values worked out on paper for ten items and four values?"""
    # Items:   1 2 3 4 5 6 7 8 9 10
    # first:   s s s s d d n n b s   shares s .5, d .2, n .2, b .1
    # second:  s s s d d d n b b s   shares s .4, d .3, n .1, b .2
    # observed 8/10 (items 4 and 8 differ); chance .5*.4 + .2*.3 + .2*.1 + .1*.2 = .30
    # kappa = (.8 - .3) / (1 - .3) = 5/7
    first = pd.Series(list("ssssddnnbs"))
    second = pd.Series(list("sssdddnbbs"))
    share, kappa = agreement(first, second)
    assert share == pytest.approx(0.8)
    assert kappa == pytest.approx(5 / 7)


def test_the_table_lists_each_comparison_once_with_every_column():
    """Is A against B listed once, every outside coder against its reconciled coding, for all five columns?"""
    table = agreement_table()
    listed = comparisons()
    assert len(listed) == len(load_rounds()) - 1, (
        "B against A is the same comparison as A against B"
    )
    assert len(table) == len(listed) * len(CATEGORY_COLUMNS)
    authors = table[(table["coder"] == "A") & (table["compared_with"] == "B")]
    assert set(authors["passages"]) == {len(load_passages()) - 1}, (
        "A and B lack the passage added at reconciliation"
    )
    outside = table[table["compared_with"].str.startswith("reconciled")]
    assert set(outside["passages"]) == {len(load_passages())}
    assert table["kappa"].between(-1, 1).all() and table["agreement"].between(0, 1).all()


def test_the_table_agrees_with_a_count_done_row_by_row():
    """Does the table's agreement for outside coder 1 on the frame equal a plain count of equal values?"""
    table = agreement_table().set_index(["coder", "column"])
    pair = paired("O1", "reconciled 1", "frame")
    same = sum(
        mine == theirs for mine, theirs in zip(pair["O1"], pair["reconciled 1"], strict=True)
    )
    assert table.loc[("O1", "frame"), "agreement"] == pytest.approx(same / len(pair))
    listed = disagreements("O1", ("frame",))
    assert len(listed) == len(pair) - same
    assert set(listed.columns) == {"passage_id", "column", "O1", "reconciled 1", "note"}


def test_leaving_out_the_codebook_examples_leaves_fewer_passages():
    """Are the passages a codebook quotes found, and left out of the 'without examples' agreement?"""
    examples = example_passages(codebook_version("v2"))
    assert {"P041", "P056", "P059", "P071"} <= examples
    passages, share, kappa = agreement_without_examples("O1")
    assert passages == len(load_passages()) - len(examples)
    assert 0 <= share <= 1 and -1 <= kappa <= 1


# --- Landis and Koch's scale, a convention from the reference notes --------------------------


def test_the_kappa_scale_is_read_from_reference_m():
    """Are the six bands and their labels those of reference (m), in order?"""
    scale = kappa_scale()
    assert list(zip(scale["low"].iloc[1:], scale["label"].iloc[1:], strict=True)) == [
        (0.0, "slight"),
        (0.21, "fair"),
        (0.41, "moderate"),
        (0.61, "substantial"),
        (0.81, "almost perfect"),
    ]
    assert scale["label"].iloc[0] == "poor"


@pytest.mark.parametrize(
    ("kappa", "label"),
    [
        (-0.05, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.21, "fair"),
        (0.6, "moderate"),
        (0.604, "moderate"),
        (0.606, "substantial"),
        (0.61, "substantial"),
        (0.7, "substantial"),
        (0.807, "almost perfect"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_scale_labels_follow_the_bands(kappa, label):
    """Does each kappa, rounded to two decimals as a table shows it, get the band whose lower bound it reaches?"""
    assert scale_label(kappa) == label


def test_a_reference_without_the_scale_says_so(data_copy):
    """Does a reference file that lost item (m) give a clear error, not a wrong label?"""
    path = data_copy / "reference" / "context_facts.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("## (m)")[0], encoding="utf-8")
    with pytest.raises(ValueError, match=r"item \(m\)"):
        kappa_scale()


# --- the rounds' checks fail when the data is damaged ----------------------------------------


def test_a_codebook_edited_without_a_new_version_is_caught(data_copy):
    """Does a codebook.md that is no longer the newest stored version break the check?"""
    path = data_copy / "codebook.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more rule.\n", encoding="utf-8")
    assert any("newest version" in problem for problem in round_problems())


def test_a_wrong_codebook_hash_is_caught(data_copy):
    """Does a round whose codebook file does not have the recorded hash break the check?"""
    path = data_copy / "codebooks" / "v2.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("legislator", "lawmaker"), encoding="utf-8"
    )
    assert any("O1" in problem and "hash" in problem for problem in round_problems())


def test_a_handoff_that_no_longer_matches_is_caught(data_copy):
    """Does a hand-off hash that the data does not rebuild break the check?"""

    def alter(rows):
        column = rows[0].index("handoff_sha256")
        row = next(row for row in rows if row[0] == "O1")
        row[column] = "0" * 64

    _rewrite(data_copy / "coding_rounds.csv", alter)
    assert any("O1" in problem and "hand-off" in problem for problem in round_problems())


def test_a_coder_without_a_round_is_caught(data_copy):
    """Does a coding by a coder that coding_rounds.csv does not describe break the check?"""

    def drop(rows):
        rows[:] = [row for row in rows if row[0] != "O1"]

    _rewrite(data_copy / "coding_rounds.csv", drop)
    problems = coding_problems(
        load_passages(),
        pd.read_csv(data_copy / "passage_codings.csv", dtype=str, keep_default_na=False),
        pd.read_csv(data_copy / "coding_rounds.csv", dtype={"round": int}),
    )
    assert any("coder O1 is not described" in problem for problem in problems)


# --- the learner as a further coder -----------------------------------------------------------


def test_compare_frames_shows_only_the_passages_coded(capsys):
    """Are uncoded passages left out (no one's coding of them shown) and named?"""
    table = compare_frames({"P010": "", "P017": " Security ", "P028": "neither"})
    assert list(table.index) == ["P017", "P028"]
    assert list(table.columns[:2]) == ["you", "reconciled"] and set(load_rounds()["coder"]) <= set(
        table.columns
    )
    assert table.loc["P017", "you"] == "security"
    printed = capsys.readouterr().out
    assert "Not coded yet: P010" in printed and "you and reconciled: the same frame on" in printed


@pytest.mark.parametrize(
    "answer",
    [
        None,
        "security",
        3,
        ["P010"],
        {"P999": "security"},
        {"P010": "peace"},
        {"P010": 1},
        {"P010": ""},
        {1: "security"},
    ],
)
def test_compare_frames_names_bad_input_and_never_raises(answer, capsys):
    """Does every kind of unusable answer get a sentence, and no table, instead of an error?"""
    assert compare_frames(answer) is None
    assert "Nothing to compare yet" in capsys.readouterr().out


def test_compare_frames_survives_a_hostile_mapping(capsys):
    """Does a mapping whose items() raises get a sentence, not a traceback?"""

    class Hostile(dict):
        def items(self):
            raise RuntimeError("no")

    assert compare_frames(Hostile()) is None
    assert "could not be read" in capsys.readouterr().out


def test_the_frames_offered_are_the_codebooks():
    """Are the frames a learner may write exactly the frame values of the data package?"""
    from vraem.tables import resource_schema

    field = next(f for f in resource_schema("passages")["schema"]["fields"] if f["name"] == "frame")
    assert tuple(field["constraints"]["enum"]) == FRAMES


def test_what_lesson_05_says_about_the_rounds_holds():
    """Do the data still bear out lesson 05's sentences on the rounds (revise the lesson when this fails)?"""
    from vraem.passages import revision

    assert disagreements("O2").empty, (
        "lesson 05: round 2's coder differs from reconciled 2 in no cell"
    )
    table = agreement_table().set_index(["coder", "column"])
    assert table.loc[("O2", "frame"), "kappa"] >= 0.7 and (table.loc["O2", "kappa"] >= 0.6).all()
    first = disagreements("O1").set_index(["passage_id", "column"])
    revised = set(zip(revision()["passage_id"], revision()["column"], strict=True))
    for cell in [("P001", "evidence"), ("P017", "frame"), ("P028", "voice")]:
        assert cell in first.index and cell not in revised, (
            f"lesson 05: {cell} is a doubt of O1 left as it was"
        )
    o1 = load_codings(("O1",)).set_index("passage_id")
    assert ("P056", "evidence") in revised and o1.loc["P056", "evidence"] == "figure", (
        "lesson 05: the revision moved P056 away from O1's value"
    )
    assert len(example_passages(codebook_version("v3"))) == 29, (
        "instructors/05 counts v3's example passages"
    )


def test_round_two_is_also_measured_on_the_passages_codebook_v3_does_not_quote():
    """Is round 2 measured without v3's examples, every column, and does v3 quote passages round 1 disputed?"""
    table = without_examples_table()
    assert set(table["coder"]) == {"O1", "O2"} and set(table["column"]) == set(CATEGORY_COLUMNS)
    quoted = example_passages(codebook_version("v3"))
    o2 = table[table["coder"] == "O2"]
    assert (o2["passages"] == len(load_passages()) - len(quoted)).all()
    disputed, in_v3 = quoted_disputes("O1", "v3")
    assert set(in_v3) == set(disputed) & quoted and in_v3, (
        "v3 quotes some passages round 1 disputed"
    )
    assert set(disputed) == set(disagreements("O1")["passage_id"])


def test_what_instructors_05_says_about_the_rounds_holds():
    """Do the figures instructors/05 gives for rounds 1 and 2 match what the code computes from data/?"""
    note = " ".join(
        (REPO / "instructors" / "05-militarization-vs-development.md")
        .read_text(encoding="utf-8")
        .split()
    )  # one space for every line break
    table = agreement_table().set_index(["coder", "column"])
    for column in ("frame", "evidence"):
        row = table.loc[("O1", column)]
        assert f"{row['agreement']:.1%}".replace("%", " %") in note, (
            f"instructors/05: O1's {column} share"
        )
        assert f"kappa {row['kappa']:.2f}" in note, f"instructors/05: O1's {column} kappa"
    assert table.loc["O1", "kappa"].idxmin() == "evidence", (
        "instructors/05 calls evidence round 1's lowest column"
    )
    unquoted = without_examples_table().set_index(["coder", "column"]).loc["O2"]
    assert (
        unquoted["agreement"] == 1
    ).all() and f"all {unquoted['passages'].iloc[0]} passages v3" in note
    disputed, quoted = quoted_disputes("O1", "v3")
    assert (
        f"v3 quotes {len(quoted)} of the {len(disputed)} passages O1 disputed ({', '.join(quoted)};"
        in note
    )
    assert "optimistic" in note


def test_the_counts_of_the_outside_coders_doubts_are_their_notes():
    """Do lesson 05's '13 places' (round 1) and '14 places' (round 2) count the numbered doubts in each coder's notes?"""
    import json
    import re

    root = REPO
    notebook = json.loads(
        (root / "solutions" / "05-militarization-vs-development.ipynb").read_text(encoding="utf-8")
    )
    text = " ".join(" ".join("".join(cell["source"]).split()) for cell in notebook["cells"])
    for coder, wording in (
        ("O1", "listed {} places where the codebook had left it unsure"),
        ("O2", "notes list {} places where version 3 left it unsure"),
    ):
        notes = (root / "data" / "codebooks" / f"notes-{coder}.md").read_text(encoding="utf-8")
        doubts = len(re.findall(r"^\d+\. ", notes, flags=re.MULTILINE))
        assert wording.format(doubts) in text, (
            f"lesson 05: the count of {coder}'s doubts ({doubts})"
        )
