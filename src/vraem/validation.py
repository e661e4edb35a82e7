"""Frictionless's second opinion on a data table, in the learner's language: ``validate_resource("claims")``.

Frictionless reports each problem as an error object with a ``type`` ("type-error",
"constraint-error", "missing-cell", …) and the values it is about (``row_number``,
``field_name``, ``cell``) beside an English ``message``. The common types are said here in
our own sentences, built from those values and the table's schema (the same sentences
:func:`vraem.tables.read_table` uses), so they reach a Spanish learner in Spanish; a rarer
type keeps Frictionless's own English message after our file, row and column.
"""

from __future__ import annotations

import re

from .i18n import N_, _
from .paths import data_dir

#: What a cell that is not of its column's type is, by the column's type.
_NOT_OF_TYPE = {
    "integer": N_("{where}: {value} is not a whole number"),
    "number": N_("{where}: {value} is not a number"),
    "boolean": N_("{where}: {value} is not true or false"),
    "date": N_("{where}: {value} is not a date of the form YYYY-MM-DD"),
    "datetime": N_("{where}: {value} is not a date and time"),
}
#: Frictionless names the broken constraint in its note: 'constraint "pattern" is "^C\d{3}$"'.
_CONSTRAINT = re.compile(r'constraint "(\w+)"')
#: ... and the earlier row of a repeated value: "the same as in the row at position 2".
_EARLIER_ROW = re.compile(r"row at position (\d+)")
#: ... and the columns of a broken link: 'for "article_id": values "009" not found ...'.
_LINK_FIELDS = re.compile(r'for "([^"]+)"')


def validate_resource(name: str) -> list[str]:
    """List every problem in one table, checked against datapackage.json.

    ``validate_resource("claims")`` returns ``[]`` for a good file, otherwise
    one readable sentence per problem: file, row, column and what is wrong.
    Uses the Frictionless validator, which knows types, required values,
    allowed values, patterns, unique keys and links between tables: a second
    opinion on the checks :func:`vraem.tables.read_table` makes itself.
    """
    from frictionless import Package  # imported here: only needed when checking

    package = Package(str(data_dir() / "datapackage.json"))
    resource = package.get_resource(name)
    report = resource.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(problem_text(error, resource, package))
    for error in report.errors:
        problems.append(f"{name}: {error.message}")
    # a repeated key is both a unique-error and a primary-key error: one sentence is enough
    return list(dict.fromkeys(problems))


def _where(file: str, row, columns) -> str:
    if row and columns:
        return _("{file} row {row}, column {column}").format(file=file, row=row, column=columns)
    if row:
        return _("{file} row {row}").format(file=file, row=row)
    return file


def _shown(value) -> str:
    text = "" if value is None else str(value)
    return repr(text if len(text) <= 60 else text[:60] + "…")


def problem_text(error, resource, package) -> str:
    """One Frictionless error as a sentence in the current language: where, then what is wrong."""
    file = str(resource.path)
    row, field_name = getattr(error, "row_number", None), getattr(error, "field_name", None)
    note = getattr(error, "note", "") or ""
    where = _where(file, row, repr(field_name) if field_name else None)
    value = _shown(getattr(error, "cell", None))
    schema = resource.schema
    field = schema.get_field(field_name) if field_name and schema.has_field(field_name) else None
    kind = error.type
    if kind == "type-error" and field is not None and field.type in _NOT_OF_TYPE:
        return _(_NOT_OF_TYPE[field.type]).format(where=where, value=value)
    if kind == "constraint-error" and field is not None:
        sentence = _constraint_text(_CONSTRAINT.search(note), field, where, value)
        if sentence:
            return sentence
    if kind == "missing-cell":
        return _(
            "{where}: the row has no cell for this column (a comma or a quote mark out of place?)"
        ).format(where=where)
    if kind == "extra-cell":
        return _(
            "{where}: the row has more cells than the header (a comma or a quote mark out of place?)"
        ).format(where=_where(file, row, None))
    if kind == "blank-row":
        return _("{where}: the row is blank; delete it").format(where=where)
    if kind in ("unique-error", "primary-key"):
        sentence = _repeat_text(error, schema, file, row, note)
        if sentence:
            return sentence
    if kind == "foreign-key":
        sentence = _link_text(error, schema, package, file, row, note)
        if sentence:
            return sentence
    return f"{where}: {error.message}"  # a rarer problem: Frictionless's own words


def _constraint_text(found, field, where: str, value: str) -> str | None:
    """A broken constraint as our sentence (the one read_table uses), or None for another one."""
    constraint = found.group(1) if found else None
    rules = field.constraints
    if constraint == "required":
        return _("{where}: a value is required, but the cell is empty").format(where=where)
    if constraint == "enum":
        allowed = ", ".join(rules["enum"][:8]) + (", …" if len(rules["enum"]) > 8 else "")
        return _("{where}: {value} is not one of the allowed values ({allowed})").format(
            where=where, value=value, allowed=allowed
        )
    if constraint == "pattern":
        return _("{where}: {value} does not have the form {pattern}").format(
            where=where, value=value, pattern=rules["pattern"]
        )
    limits = {
        "minimum": N_("{where}: {value} is below the smallest allowed value, {limit}"),
        "maximum": N_("{where}: {value} is above the largest allowed value, {limit}"),
        "minLength": N_("{where}: {value} is shorter than {limit} characters"),
        "maxLength": N_("{where}: {value} is longer than {limit} characters"),
    }
    if constraint in limits:
        return _(limits[constraint]).format(where=where, value=value, limit=rules[constraint])
    return None


def _row_values(error, schema, columns: list[str]) -> list[str]:
    cells = list(getattr(error, "cells", None) or [])
    names = schema.field_names
    return [
        cells[names.index(c)] if c in names and names.index(c) < len(cells) else "" for c in columns
    ]


def _repeat_text(error, schema, file: str, row, note: str) -> str | None:
    """A repeated unique value or primary key, said as read_table says it (or None)."""
    field_name = getattr(error, "field_name", None)
    columns = [field_name] if field_name else list(schema.primary_key)
    values = _row_values(error, schema, columns)
    where = _where(file, row, ", ".join(map(repr, columns)))
    earlier = _EARLIER_ROW.search(note)
    if earlier:
        return _("{where}: {value} repeats row {first}, but must be unique").format(
            where=where, value=", ".join(map(repr, values)), first=earlier.group(1)
        )
    if not any(values):  # a key with no value at all (a blank row says so on its own line too)
        return _("{where}: a value is required, but the cell is empty").format(where=where)
    return None


def _link_text(error, schema, package, file: str, row, note: str) -> str | None:
    """A value that links to no row of the other table, said as read_table says it (or None)."""
    named = _LINK_FIELDS.search(note)
    for link in schema.foreign_keys:
        fields = list(link["fields"])
        if not named or ", ".join(fields) != named.group(1):
            continue
        target = link["reference"]
        other = package.get_resource(target["resource"]) if target.get("resource") else None
        return _("{where}: {value} is not a {key} in {target}").format(
            where=_where(file, row, ", ".join(map(repr, fields))),
            value=", ".join(map(repr, _row_values(error, schema, fields))),
            key=", ".join(target["fields"]),
            target=other.path if other is not None else file,
        )
    return None
