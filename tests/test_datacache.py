"""What is read from data/ is remembered until a file changes, and nobody can spoil it.

The tables, the articles and the answer keys are worked out once per version of
the files they come from (vraem.datacache); these tests change files the ways a
person or a tool does and check that the next reading sees each change, count
how often a table is really read, and change what a reader was given.
"""

import os
import time

import pytest

from vraem import datacache, provenance, tables
from vraem.checks import CORRECT, UNREADABLE, evaluate
from vraem.claims import load_claims
from vraem.contract import DATA_VARIABLE
from vraem.corpus import load_article, load_corpus
from vraem.exercises import all_exercises, get
from vraem.tables import read_table, resource_schema, resources


@pytest.fixture
def parses(monkeypatch):
    """The names of the CSV files parsed from now on, one entry per parse."""
    parsed = []
    real = tables._rows

    def counted(text, file, path):
        parsed.append(file)
        return real(text, file, path)

    monkeypatch.setattr(tables, "_rows", counted)
    return parsed


def _rewrite_cell(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _an_event_title(data_copy) -> tuple[str, str]:
    """An event's description as it stands, and a same-length change of it."""
    first = read_table("events")["event"].iloc[0]
    return first, first[:-1] + ("X" if first[-1] != "X" else "Y")


def test_a_table_is_parsed_once_while_its_file_is_unchanged(data_copy, parses):
    read_table("events")
    read_table("events")
    load_claims(), load_claims()
    assert parses.count("events.csv") == 1
    assert parses.count("claims.csv") == 1


def test_an_unchanged_old_file_is_not_read_again(data_copy):
    """The quick path: an old file whose size and times stand is not even opened again."""
    path = data_copy / "events.csv"
    os.utime(path, ns=(time.time_ns() - 3600 * 10**9,) * 2)  # an hour old (its ctime is new)
    time.sleep(datacache.SETTLE_NS / 1e9 + 0.1)  # let the copy's status-change time settle too
    read_table("events")
    before = datacache.disk_reads[str(path)]
    for _ in range(5):
        read_table("events")
    assert datacache.disk_reads[str(path)] == before


def test_an_edit_that_changes_the_size_is_seen(data_copy, parses):
    first, _ = _an_event_title(data_copy)
    _rewrite_cell(data_copy / "events.csv", first, first + " (edited)")
    assert read_table("events")["event"].iloc[0] == first + " (edited)"
    assert parses.count("events.csv") == 2


def test_an_edit_of_the_same_size_with_a_new_time_is_seen(data_copy):
    path = data_copy / "events.csv"
    first, edited = _an_event_title(data_copy)
    size = path.stat().st_size
    _rewrite_cell(path, first, edited)
    assert path.stat().st_size == size
    assert read_table("events")["event"].iloc[0] == edited


def test_a_same_size_edit_in_the_same_clock_tick_is_seen(data_copy, monkeypatch):
    """Size and times can all stay the same when an edit follows a read within one tick of the
    file system's clock. Simulated: the modification time is put back, and the status-change
    time is left out of the comparison (it can tick as coarsely); the file is young, so its
    content is compared."""
    monkeypatch.setattr(
        datacache,
        "_status",
        lambda result: (result.st_size, result.st_mtime_ns, result.st_ino, result.st_dev),
    )
    path = data_copy / "events.csv"
    first, edited = _an_event_title(data_copy)
    before = path.stat()
    _rewrite_cell(path, first, edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert datacache._status(path.stat()) == datacache._status(before)
    assert read_table("events")["event"].iloc[0] == edited


def test_a_file_put_back_as_it_was_reads_as_before(data_copy):
    path = data_copy / "events.csv"
    original = path.read_text(encoding="utf-8")
    first, edited = _an_event_title(data_copy)
    _rewrite_cell(path, first, edited)
    assert read_table("events")["event"].iloc[0] == edited
    path.write_text(original, encoding="utf-8")
    assert read_table("events")["event"].iloc[0] == first


def test_a_change_to_the_description_or_a_linked_table_reaches_the_table(data_copy):
    """claims.csv is checked against datapackage.json and articles.csv: a change to either counts."""
    assert read_table("claims").shape[0] > 0
    _rewrite_cell(data_copy / "articles.csv", "\n004,", "\n005,")
    with pytest.raises(tables.DataFileError, match="004"):
        read_table("claims")


def test_each_data_folder_has_its_own_results(data_copy, monkeypatch):
    first, edited = _an_event_title(data_copy)
    _rewrite_cell(data_copy / "events.csv", first, edited)
    assert read_table("events")["event"].iloc[0] == edited
    monkeypatch.delenv(DATA_VARIABLE)
    assert read_table("events")["event"].iloc[0] == first


def test_a_damaged_file_is_named_on_every_call_and_forgotten_once_restored(data_copy):
    path = data_copy / "events.csv"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(",", ";", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(tables.DataFileError, match="events.csv"):
            read_table("events")
    path.write_text(original, encoding="utf-8")
    assert len(read_table("events")) > 0


def test_a_changed_table_does_not_reach_the_next_reader(data_copy):
    pristine = read_table("claims").copy(deep=True)  # arrays of its own, whatever read_table shares
    spoiled = read_table("claims")
    spoiled.loc[0, "quote"] = "spoiled"
    spoiled["value"] = 0.0
    spoiled["added"] = 1
    del spoiled["hedge"]
    read_table("claims")["claim_id"].array[0] = "spoiled"  # through the array behind a column
    read_table("claims")["quote"].to_numpy()[0] = "spoiled"
    again = read_table("claims")
    assert again.equals(pristine)
    assert "spoiled" not in set(again["claim_id"]) | set(again["quote"])
    assert load_claims().equals(load_claims())


def test_changed_loaders_and_keys_do_not_reach_the_next_reader(data_copy):
    corpus = load_corpus()
    corpus.loc[0, "text"] = "spoiled"
    assert load_corpus().loc[0, "text"] != "spoiled"
    texts = provenance.article_texts()
    texts.clear()
    assert provenance.article_texts()
    schema = resource_schema("claims")
    schema["schema"]["fields"].clear()
    assert resource_schema("claims")["schema"]["fields"]
    table_key, dict_key = get("2.1").expected(), get("3.5").expected()  # a table, a dictionary
    right = table_key.copy()
    table_key.iloc[:, :] = None
    dict_key.clear()
    assert get("2.1").expected().equals(right)
    assert get("3.5").expected()
    assert evaluate("2.1", right).status == CORRECT


def test_checks_read_each_table_at_most_once(data_copy, parses):
    """Every exercise checked with its right answer and every catalogued misreading, twice over:
    no table is parsed twice, and the second round parses nothing."""
    answers = {}
    for exercise_id, exercise in all_exercises().items():
        key = exercise.expected()
        answers[exercise_id] = [
            key,
            *(misreading.example(key) for misreading in exercise.misreadings),
        ]
    checks = 0
    for _ in range(2):
        for exercise_id, given in answers.items():
            for answer in given:
                assert evaluate(exercise_id, answer).status != UNREADABLE
                checks += 1
        if _ == 0:
            first_round = list(parses)
    assert checks > 2 * len(answers)
    assert sorted(first_round) == sorted(set(first_round))
    assert len(first_round) <= len(resources())
    assert parses == first_round, "the second round parsed a table again"
    assert load_article("004").id == "004"
