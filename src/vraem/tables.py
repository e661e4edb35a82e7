"""Read the course's CSV tables with the types their schema gives them."""

from __future__ import annotations

import json
from functools import cache

import pandas as pd

from .paths import data_dir, data_file

# Frictionless field types -> what pandas should hold.
_DTYPES = {"string": "str", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


class DataFileError(ValueError):
    """A course data file does not match its description in datapackage.json."""


@cache
def _package() -> dict:
    return json.loads(data_file("datapackage.json").read_text(encoding="utf-8"))


def resource_schema(name: str) -> dict:
    """Return the table schema of one resource, e.g. ``resource_schema("claims")``."""
    for resource in _package()["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"datapackage.json describes no table called {name!r}")


def read_table(name: str) -> pd.DataFrame:
    """Read one table of the data package with typed columns: ``read_table("events")``.

    Strings stay strings (ids such as ``"004"`` keep their zeros), integers and
    numbers allow missing values, dates become ``datetime64``. When the file
    does not match its schema, a :class:`DataFileError` names the file, the
    row and the column, and what is wrong.
    """
    resource = resource_schema(name)
    path = data_file(resource["path"])
    fields = resource["schema"]["fields"]
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DataFileError(f"{path} cannot be read as a UTF-8 CSV file: {error}") from error
    expected = [f["name"] for f in fields]
    if list(frame.columns) != expected:
        problems = validate_resource(name)
        raise DataFileError(_report(path, problems) if problems else
                            f"{path}: the columns are {list(frame.columns)}, expected {expected}")
    try:
        for column in fields:
            kind = column["type"]
            if kind == "boolean":
                truth = {"true": True, "false": False, "1": True, "0": False}
                frame[column["name"]] = frame[column["name"]].str.lower().map(truth).astype("boolean")
            elif kind in ("date", "datetime"):
                frame[column["name"]] = pd.to_datetime(frame[column["name"]], format="ISO8601")
            else:
                frame[column["name"]] = frame[column["name"]].astype(_DTYPES.get(kind, "str"))
    except (ValueError, TypeError):
        raise DataFileError(_report(path, validate_resource(name))) from None
    if _breaks_constraints(frame, fields):
        raise DataFileError(_report(path, validate_resource(name)))
    return frame


def _breaks_constraints(frame: pd.DataFrame, fields: list[dict]) -> bool:
    """Quick look for a broken constraint; the full validator then says where and why."""
    for column in fields:
        values, rules = frame[column["name"]], column.get("constraints", {})
        present = values.dropna()
        if rules.get("required") and values.isna().any():
            return True
        if "enum" in rules and not present.isin(rules["enum"]).all():
            return True
        if "pattern" in rules and not present.astype(str).str.fullmatch(rules["pattern"]).all():
            return True
        if rules.get("unique") and present.duplicated().any():
            return True
    return False


def validate_resource(name: str) -> list[str]:
    """List every problem in one table, checked against datapackage.json.

    ``validate_resource("claims")`` returns ``[]`` for a good file, otherwise
    one readable sentence per problem: file, row, column and what is wrong.
    Uses the Frictionless validator, which knows types, required values,
    allowed values, patterns, unique keys and links between tables.
    """
    from frictionless import Package  # imported here: only needed when checking

    package = Package(str(data_dir() / "datapackage.json"))
    report = package.get_resource(name).validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            where = ", ".join(part for part in (
                f"row {row}" if row else "", f"column {column!r}" if column else "") if part)
            problems.append(f"{task.name}.csv{' ' + where if where else ''}: {error.message}")
    for error in report.errors:
        problems.append(f"{name}: {error.message}")
    return problems


def _report(path, problems: list[str]) -> str:
    listed = "\n".join(f"  - {problem}" for problem in problems[:10])
    more = f"\n  … and {len(problems) - 10} more" if len(problems) > 10 else ""
    return (f"{path} does not match its description in datapackage.json:\n{listed}{more}\n"
            "Fix those cells (rows count the header as row 1), or restore the file "
            "with `git checkout -- data/`.")
