"""Read the course's CSV tables with the types their schema gives them.

Every table is checked against its description in ``data/datapackage.json``
as it is read: a missing, empty or header-only file, a folder in its place, a
file in another encoding, a row with too many or too few cells, and every cell
that breaks its column's type or constraints give a :class:`DataFileError`
naming the file, the row and the column, and how to restore the file.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from datetime import date, datetime

import pandas as pd

from .datacache import remembered
from .i18n import N_, _, ngettext
from .paths import DataFileError, data_dir, read_data_text, restore_hint
from .validation import validate_resource  # Frictionless's second opinion, in our sentences

__all__ = ["DataFileError", "read_table", "resource_schema", "resources", "validate_resource"]

# Frictionless field types -> what pandas should hold.
_DTYPES = {"string": "str", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
_TRUTH = {"true": True, "false": False, "1": True, "0": False}
#: At most this many problems are listed in one message.
_LISTED = 10


@remembered(copies=False)  # shared by this module's readers, which never change it
def _package() -> dict:
    """datapackage.json, parsed and checked for the shape this module relies on."""
    text = read_data_text("datapackage.json")
    path = data_dir() / "datapackage.json"
    try:
        package = json.loads(text)
    except ValueError as error:
        raise DataFileError(
            _("{path} is not valid JSON (line {line}: {reason}). {restore}").format(
                path=path,
                line=getattr(error, "lineno", "?"),
                reason=getattr(error, "msg", error),
                restore=restore_hint("datapackage.json"),
            ),
            file="datapackage.json",
        ) from None
    resources_ = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources_, list) or not all(
        isinstance(r, dict) and isinstance(r.get("schema", {}).get("fields"), list) and "path" in r
        for r in resources_
    ):
        raise DataFileError(
            _(
                "{path} does not describe the course's tables (it has no list of "
                "resources with paths and fields). {restore}"
            ).format(path=path, restore=restore_hint("datapackage.json")),
            file="datapackage.json",
        )
    return package


def resources() -> list[str]:
    """Return the names of every table in datapackage.json, e.g. ``["articles", "claims", ...]``."""
    return [resource["name"] for resource in _package()["resources"]]


def resource_schema(name: str) -> dict:
    """Return the table schema of one resource, e.g. ``resource_schema("claims")``.

    The dictionary is the caller's own: changing it changes no later reading.
    """
    return copy.deepcopy(_resource(name))


def _resource(name: str) -> dict:
    for resource in _package()["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(_("datapackage.json describes no table called {name}").format(name=repr(name)))


def read_table(name: str) -> pd.DataFrame:
    """Read one table of the data package with typed columns: ``read_table("events")``.

    Strings stay strings (ids such as ``"004"`` keep their zeros), integers and
    numbers allow missing values, dates become ``datetime64``. When the file
    does not match its schema, a :class:`DataFileError` names the file, the
    row and the column, and what is wrong.

    A file is read and checked once, and again only after it (or
    datapackage.json, or a table it links to) changes; each call returns a
    copy of its own, so changing the table changes no later reading.
    """
    return _table(name).copy(deep=True)


@remembered(copies=False)  # shared: only read_table's copies leave this module
def _table(name: str) -> pd.DataFrame:
    """The table as read and checked; never changed after it is made."""
    resource = _resource(name)
    file = resource["path"]
    path = data_dir() / file
    fields = resource["schema"]["fields"]
    rows = _rows(read_data_text(file), file, path)
    header, records = rows[0], rows[1:]
    expected = [field["name"] for field in fields]
    if header != expected:
        raise DataFileError(
            _("{path}: {problem}. {restore}").format(
                path=path, problem=_header_problem(header, expected), restore=restore_hint(file)
            ),
            file=file,
        )
    if not records:
        raise DataFileError(
            _("{path} has its header but no rows. {restore}").format(
                path=path, restore=restore_hint(file)
            ),
            file=file,
        )
    for number, record in records:
        if len(record) != len(header):
            found = {"path": path, "row": number, "cells": len(record), "header": len(header)}
            raise DataFileError(
                _(
                    "{path} row {row} has {cells} cells where the header has {header} "
                    "(a comma or a quote mark out of place?). {restore}"
                ).format(**found, restore=restore_hint(file)),
                file=file,
                summary=_("{path} row {row} has {cells} cells, not {header}. {restore}").format(
                    **found, restore=restore_hint(file)
                ),
            )
    frame = pd.DataFrame([record for _, record in records], columns=header, dtype="str")
    frame = frame.mask(frame == "")
    numbers = [number for number, _ in records]
    problems = _cell_problems(frame, fields, numbers, file)
    problems += _key_problems(frame, resource, numbers, file)
    if problems:
        raise _report(path, file, problems)
    for column in fields:
        kind, values = column["type"], frame[column["name"]]
        if kind == "boolean":
            frame[column["name"]] = values.str.lower().map(_TRUTH).astype("boolean")
        elif kind in ("date", "datetime"):
            frame[column["name"]] = pd.to_datetime(values, format="ISO8601")
        elif kind in ("integer", "number"):
            frame[column["name"]] = pd.to_numeric(values).astype(_DTYPES[kind])
        else:
            frame[column["name"]] = values.astype("str")
    return frame


def _rows(text: str, file: str, path) -> list:
    """The records of a CSV text: the header, then ``(row number, cells)`` pairs."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list = []
    try:
        for record in reader:
            if not rows:
                rows.append(record)
            elif record:  # a blank line is not a row
                rows.append((len(rows) + 1, record))
    except csv.Error as error:
        raise DataFileError(
            _(
                "{path} cannot be read as CSV near line {line} ({reason}: "
                "a quote mark out of place?). {restore}"
            ).format(path=path, line=reader.line_num, reason=error, restore=restore_hint(file)),
            file=file,
        ) from None
    return rows


def _header_problem(header: list[str], expected: list[str]) -> str:
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    parts = []
    if missing:
        parts.append(
            _("the column(s) {columns} are missing").format(columns=", ".join(map(repr, missing)))
        )
    if extra:
        parts.append(
            _("the column(s) {columns} are not in its description").format(
                columns=", ".join(repr(name[:40]) for name in extra[:5])
            )
        )
    if not parts:
        parts.append(
            _("the columns are in another order than {expected}").format(expected=expected)
        )
    return _("the header row does not match datapackage.json: {problems}").format(
        problems="; ".join(parts)
    )


def _bad_type(value: str, field: dict) -> str | None:
    """What is wrong with one non-empty cell's type (a message with ``{where}`` and ``{value}``), or None."""
    kind = field["type"]
    if kind == "integer" and not re.fullmatch(r"[+-]?\d+", value):
        return N_("{where}: {value} is not a whole number")
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            return N_("{where}: {value} is not a number")
        if number != number or number in (float("inf"), float("-inf")):
            return N_("{where}: {value} is not a number")
    if kind == "boolean" and value.lower() not in _TRUTH:
        return N_("{where}: {value} is not true or false")
    if kind == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            return N_("{where}: {value} is not a date of the form YYYY-MM-DD")
    if kind == "datetime":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return N_("{where}: {value} is not a date and time")
    if field.get("format") == "uri" and not re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+", value):
        return N_("{where}: {value} is not a web address")
    return None


def _cell_problems(
    frame: pd.DataFrame, fields: list[dict], numbers: list[int], file: str
) -> list[str]:
    problems = []
    for field in fields:
        name, rules = field["name"], field.get("constraints", {})
        for number, value in zip(numbers, frame[name], strict=True):
            where = _("{file} row {row}, column {column}").format(
                file=file, row=number, column=repr(name)
            )
            if pd.isna(value):
                if rules.get("required"):
                    problems.append(
                        _("{where}: a value is required, but the cell is empty").format(where=where)
                    )
                continue
            shown = repr(value if len(value) <= 60 else value[:60] + "…")
            wrong = _bad_type(value, field)
            if wrong:
                problems.append(_(wrong).format(where=where, value=shown))
                continue
            if "enum" in rules and value not in rules["enum"]:
                allowed = ", ".join(rules["enum"][:8]) + (", …" if len(rules["enum"]) > 8 else "")
                problems.append(
                    _("{where}: {value} is not one of the allowed values ({allowed})").format(
                        where=where, value=shown, allowed=allowed
                    )
                )
            if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
                problems.append(
                    _("{where}: {value} does not have the form {pattern}").format(
                        where=where, value=shown, pattern=rules["pattern"]
                    )
                )
            if field["type"] in ("integer", "number"):
                if "minimum" in rules and float(value) < rules["minimum"]:
                    problems.append(
                        _("{where}: {value} is below the smallest allowed value, {limit}").format(
                            where=where, value=shown, limit=rules["minimum"]
                        )
                    )
                if "maximum" in rules and float(value) > rules["maximum"]:
                    problems.append(
                        _("{where}: {value} is above the largest allowed value, {limit}").format(
                            where=where, value=shown, limit=rules["maximum"]
                        )
                    )
            if "minLength" in rules and len(value) < rules["minLength"]:
                problems.append(
                    _("{where}: {value} is shorter than {limit} characters").format(
                        where=where, value=shown, limit=rules["minLength"]
                    )
                )
            if "maxLength" in rules and len(value) > rules["maxLength"]:
                problems.append(
                    _("{where}: {value} is longer than {limit} characters").format(
                        where=where, value=shown, limit=rules["maxLength"]
                    )
                )
    return problems


def _key_problems(frame: pd.DataFrame, resource: dict, numbers: list[int], file: str) -> list[str]:
    """Repeated unique values and primary keys, and links to other tables that lead nowhere."""
    schema, problems = resource["schema"], []
    unique = [
        [field["name"]] for field in schema["fields"] if field.get("constraints", {}).get("unique")
    ]
    key = schema.get("primaryKey")
    if key:
        unique.append([key] if isinstance(key, str) else list(key))
    for columns in unique:
        seen: dict = {}
        for number, values in zip(
            numbers, frame[columns].itertuples(index=False, name=None), strict=True
        ):
            if any(pd.isna(value) for value in values):
                continue
            if values in seen:
                shown = ", ".join(map(repr, values))
                problems.append(
                    _("{where}: {value} repeats row {first}, but must be unique").format(
                        where=_("{file} row {row}, column {column}").format(
                            file=file, row=number, column=", ".join(map(repr, columns))
                        ),
                        value=shown,
                        first=seen[values],
                    )
                )
            else:
                seen[values] = number
    for link in schema.get("foreignKeys", []):
        fields = [link["fields"]] if isinstance(link["fields"], str) else list(link["fields"])
        target = link["reference"]
        target_fields = (
            [target["fields"]] if isinstance(target["fields"], str) else list(target["fields"])
        )
        other = _table(target["resource"]) if target.get("resource") else frame
        allowed = set(other[target_fields].astype("str").itertuples(index=False, name=None))
        target_file = _resource(target["resource"])["path"] if target.get("resource") else file
        for number, values in zip(
            numbers, frame[fields].itertuples(index=False, name=None), strict=True
        ):
            if any(pd.isna(value) for value in values) or values in allowed:
                continue
            problems.append(
                _("{where}: {value} is not a {key} in {target}").format(
                    where=_("{file} row {row}, column {column}").format(
                        file=file, row=number, column=", ".join(map(repr, fields))
                    ),
                    value=", ".join(map(repr, values)),
                    key=", ".join(target_fields),
                    target=target_file,
                )
            )
    return problems


def _report(path, file: str, problems: list[str]) -> DataFileError:
    listed = "\n".join(f"  - {problem}" for problem in problems[:_LISTED])
    if len(problems) > _LISTED:
        listed += "\n  " + _("… and {count} more").format(count=len(problems) - _LISTED)
    message = _(
        "{path} does not match its description in datapackage.json:\n{problems}\n"
        "Fix those cells (rows count the header as row 1), or start again from the course's "
        "copy. {restore}"
    ).format(path=path, problems=listed, restore=restore_hint(file))
    if len(problems) > 1:
        others = len(problems) - 1
        summary = ngettext(
            "{problem} (and {count} more problem). {restore}",
            "{problem} (and {count} more problems). {restore}",
            others,
        )
    else:
        others, summary = 0, "{problem}. {restore}"
    summary = summary.format(problem=problems[0], count=others, restore=restore_hint(file))
    return DataFileError(message, file=file, summary=summary)
