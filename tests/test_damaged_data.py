"""Damaged data is named, not swallowed: every file in data/ times every kind of damage.

The files come from datapackage.json (its tables), articles.csv (the scrapes)
and the two files read as text, so a table or article added later is covered
without touching this test. For each damage, on a copy of data/:

- the loader that reads the file raises one error naming it (row and column
  for a bad cell) and saying how to restore it;
- doctor() reports it instead of "all tables read";
- every exercise's key is either worked out as before (the damage does not
  concern it) or refused with that error, and check() turns it into a
  sentence: never a traceback, never a key silently computed from bad data.
"""

import csv
import io
import json
from pathlib import Path

import pytest

from vraem import checks
from vraem.checks import UNREADABLE, evaluate
from vraem.corpus import load_article
from vraem.doctor import diagnose
from vraem.exercises import all_exercises
from vraem.paths import CourseDataError, read_data_text
from vraem.quotes import reference_note
from vraem.tables import read_table

from .conftest import REPO

DATA = REPO / "data"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
TABLES = {resource["path"]: resource for resource in PACKAGE["resources"]}
with open(DATA / "articles.csv", encoding="utf-8", newline="") as _handle:
    ARTICLES = {f"articles/{row['file']}": row["article_id"] for row in csv.DictReader(_handle)}
TEXT_FILES = ["reference/context_facts.md"]
EXERCISES = all_exercises()
KEYS = {exercise_id: exercise.expected() for exercise_id, exercise in EXERCISES.items()}


def _same_key(one, other) -> bool:
    """Equality for answer keys, some of which hold tables or charts (a model brief)."""
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_same_key(one[k], other[k]) for k in one)
    if hasattr(one, "equals") and hasattr(other, "equals"):
        return bool(one.equals(other))
    if hasattr(one, "to_dict") and hasattr(other, "to_dict"):  # Altair charts
        return one.to_dict() == other.to_dict()
    return bool(one == other)


# ---------------------------------------------------------------- the kinds of damage


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _replace_with_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "stray.txt").write_text("a file someone put here", encoding="utf-8")


FILE_DAMAGE = {
    "missing": lambda path: path.unlink(),
    "empty": lambda path: path.write_bytes(b""),
    "a folder in its place": _replace_with_folder,
    "UTF-16": lambda path: path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16")),
    "Windows-1252": lambda path: path.write_bytes(
        path.read_text(encoding="utf-8").encode("cp1252", "replace")
    ),
}


def _bad_value(field: dict, rows: list[list[str]], column: int) -> tuple[str, str] | None:
    """A cell value that breaks the field's description, and what the message must say; None if none can."""
    rules, kind = field.get("constraints", {}), field["type"]
    if kind in ("integer", "number"):
        return "about 15k", "about 15k"
    if kind in ("date", "datetime"):
        return "2012-13-45", "2012-13-45"
    if kind == "boolean":
        return "maybe", "maybe"
    if "enum" in rules:
        return "rumour", "rumour"
    if "pattern" in rules:
        return "!!", "!!"
    if field.get("format") == "uri":
        return "not an address", "not an address"
    if rules.get("unique"):
        return rows[1][column], "unique"
    if rules.get("required"):
        return "", "required"
    return None


def _cases():
    for path, resource in TABLES.items():
        for kind in FILE_DAMAGE:
            yield pytest.param(path, kind, None, id=f"{path}-{kind}")
        for kind in (
            "header only",
            "a row with an extra cell",
            "a row with a cell too few",
            "an unclosed quote",
            "a renamed column",
        ):
            yield pytest.param(path, kind, None, id=f"{path}-{kind}")
        rows = _rows(DATA / path)
        for column, field in enumerate(resource["schema"]["fields"]):
            if _bad_value(field, rows, column):
                yield pytest.param(
                    path, "a bad cell", field["name"], id=f"{path}-bad-{field['name']}"
                )
        for link in resource["schema"].get("foreignKeys", []):
            yield pytest.param(
                path, "a link to nothing", link["fields"][0], id=f"{path}-link-{link['fields'][0]}"
            )
    for path in ARTICLES:
        for kind in [*FILE_DAMAGE, "an HTML page", "another site's page", "binary data"]:
            yield pytest.param(path, kind, None, id=f"{path}-{kind}")
    for path in TEXT_FILES:
        for kind in FILE_DAMAGE:
            yield pytest.param(path, kind, None, id=f"{path}-{kind}")
    for kind in [*FILE_DAMAGE, "not JSON", "JSON of another shape"]:
        yield pytest.param("datapackage.json", kind, None, id=f"datapackage.json-{kind}")


def _damage(data: Path, name: str, kind: str, column: str | None) -> list[str]:
    """Damage one file of the copy; return the words the error message must contain besides the name."""
    path = data / name
    if kind in FILE_DAMAGE:
        if kind == "Windows-1252" and path.read_text(encoding="utf-8").isascii():
            path.write_bytes(
                path.read_bytes() + "café\n".encode("cp1252")
            )  # an ASCII file re-saved with one accent
            return []
        FILE_DAMAGE[kind](path)
        return []
    if kind in ("an HTML page", "another site's page", "binary data"):
        path.write_bytes(
            {
                "an HTML page": b"<!DOCTYPE html><html><head><title>x</title></head><body><div><p>Page</p></div></body></html>",
                "another site's page": b"Weather today\n\nSunny spells and a light breeze across the valley.\n",
                "binary data": bytes(range(1, 32)) * 200,
            }[kind]
        )
        return ["not a scrape"] if kind != "binary data" else []
    if name == "datapackage.json":
        path.write_text(
            "{not json" if kind == "not JSON" else json.dumps({"resources": "none"}),
            encoding="utf-8",
        )
        return []
    rows = _rows(path)
    if kind == "header only":
        _write_rows(path, rows[:1])
        return ["no rows"]
    if kind == "a row with an extra cell":
        rows[2].append("surplus")
        _write_rows(path, rows)
        return ["row 3"]
    if kind == "a row with a cell too few":
        rows[2].pop()
        _write_rows(path, rows)
        return ["row 3"]
    if kind == "an unclosed quote":
        path.write_text(
            path.read_text(encoding="utf-8") + '"an unclosed, quote\n', encoding="utf-8"
        )
        return []
    if kind == "a renamed column":
        rows[0][1] = rows[0][1] + "_renamed"
        _write_rows(path, rows)
        return [rows[0][1]]
    index = rows[0].index(column)
    if kind == "a link to nothing":
        rows[2][index] = "999"
        _write_rows(path, rows)
        return ["row 3", repr(column), "999"]
    field = TABLES[name]["schema"]["fields"][index]
    value, said = _bad_value(field, rows, index)
    rows[2][index] = value
    _write_rows(path, rows)
    return ["row 3", repr(column), said]


def _read(name: str):
    """Read one file the way the course does."""
    if name in TABLES:
        return read_table(TABLES[name]["name"])
    if name in ARTICLES:
        return load_article(ARTICLES[name])
    if name == "datapackage.json":
        return read_table("articles")
    return reference_note("VRAEM") if name.endswith("context_facts.md") else read_data_text(name)


# ---------------------------------------------------------------- the test


@pytest.mark.parametrize(("name", "kind", "column"), list(_cases()))
def test_a_damaged_file_is_named_with_how_to_restore_it(name, kind, column, data_copy, monkeypatch):
    """Does this damage give one message naming the file (row, column) and the fix, in every place it shows?"""
    monkeypatch.delenv(checks.MODE_VARIABLE, raising=False)
    words = _damage(data_copy, name, kind, column)

    with pytest.raises(CourseDataError) as caught:
        _read(name)
    message = str(caught.value)
    assert name in message and f"git checkout -- data/{name}" in message, message
    for word in words:
        assert word in message, f"{word!r} not in: {message}"
    assert caught.value.file == name

    rows = {item: (ok, detail) for item, ok, detail in diagnose()}
    ok, detail = rows["course data"]
    assert not ok and name in detail and "all tables read" not in detail, detail

    for exercise_id, exercise in EXERCISES.items():
        try:
            key = exercise.expected()
        except CourseDataError as error:
            feedback = evaluate(exercise_id, "anything")
            assert feedback.status == UNREADABLE and name in feedback.message, feedback
            assert "git checkout" in feedback.message and "\n" not in feedback.message
            assert error.file == name, f"{exercise_id}: blames {error.file}, not {name}"
        else:
            assert _same_key(key, KEYS[exercise_id]), (
                f"{exercise_id}: the key changed silently after {kind} in {name}"
            )


def test_the_intact_data_reads_and_the_doctor_says_so():
    """Is the undamaged data accepted, so that the test above measures the damage only?"""
    ok, detail = {item: (ok, detail) for item, ok, detail in diagnose()}["course data"]
    assert ok and f"{len(TABLES)} tables, {len(ARTICLES)} articles" in detail


@pytest.mark.parametrize("name", list(TABLES))
def test_a_table_saved_by_a_spreadsheet_still_reads(name, data_copy):
    """A byte-order mark and Windows line ends are how spreadsheets save CSV: is the table read the same?"""
    before = read_table(TABLES[name]["name"])
    path = data_copy / name
    path.write_bytes(
        b"\xef\xbb\xbf" + path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    )
    after = read_table(TABLES[name]["name"])
    assert after.equals(before)
