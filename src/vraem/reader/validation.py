"""Checking a learner's finished claims table against its article: ``validate_claims(mine, article)``."""

from __future__ import annotations

import math

import pandas as pd

from ..i18n import _
from ..scrape import Article
from ..tables import resource_schema
from .loading import as_article
from .quantities import read_value
from .sentences import normalise, sentences


def validate_claims(table: pd.DataFrame, article: Article | str, measures=()) -> list[str]:
    """Every problem in a learner's finished claims table: ``validate_claims(mine, article)``.

    Checks the columns and vocabularies of ``data/claims.csv``, that each quote
    stands verbatim in the article's text (white space folded) and that each
    ``value_text`` is in its quote and reads as the row's values. Returns one
    sentence per problem, naming the row and the column; ``[]`` when all is well.

    The course's ``measure`` names fit its five articles. For an article on
    another subject, name your own as well: ``validate_claims(mine, article,
    measures=["homicides"])``.
    """
    if not isinstance(table, pd.DataFrame):
        return [
            _("give the claims as a pandas DataFrame, not a {type}").format(
                type=type(table).__name__
            )
        ]
    fields = {column["name"]: column for column in resource_schema("claims")["schema"]["fields"]}
    problems = []
    missing = [name for name in fields if name not in table.columns]
    if missing:
        problems.append(
            _("the table lacks the columns {columns} (see data/claims.csv for them all)").format(
                columns=missing
            )
        )
    article = as_article(article)
    text = normalise(article.text)
    # the article's own sentences, found once: a drafted quote is one, and a set answers at once
    # (searching the whole text for each row of a long draft would take the square of the time)
    own_sentences = {
        sentence for paragraph in article.body for sentence in sentences(normalise(paragraph))
    }
    own_measures = {
        str(measure) for measure in ([measures] if isinstance(measures, str) else measures or ())
    }
    for position, row in enumerate(table.to_dict("records"), start=1):
        row_number = position
        for name, column in fields.items():
            if name not in table.columns:
                continue
            value, rules = row[name], column.get("constraints", {})
            empty = (
                value is None
                or (isinstance(value, float) and pd.isna(value))
                or value is pd.NA
                or str(value).strip() == ""
            )
            if rules.get("required") and empty and name not in ("claim_id", "article_id"):
                problems.append(
                    _("row {row}, column {column}: empty; fill it in").format(
                        row=row_number, column=repr(name)
                    )
                )
            elif (
                not empty
                and "enum" in rules
                and str(value) not in rules["enum"]
                and not (name == "measure" and str(value) in own_measures)
            ):
                message = (
                    _(
                        "row {row}, column {column}: {value} is not one of {allowed} "
                        "(or name your own with {code})"
                    )
                    if name == "measure"
                    else _("row {row}, column {column}: {value} is not one of {allowed}")
                )
                problems.append(
                    message.format(
                        row=row_number,
                        column=repr(name),
                        value=repr(str(value)),
                        allowed=rules["enum"],
                        code="measures=[...]",
                    )
                )
        if "quote" in table.columns and isinstance(row["quote"], str) and row["quote"].strip():
            quote = normalise(row["quote"])
            if quote not in own_sentences and quote not in text:
                problems.append(
                    _(
                        "row {row}, column {column}: not found word for word in the article text"
                    ).format(row=row_number, column="'quote'")
                )
            if "value_text" in table.columns and str(row["value_text"]) not in quote:
                problems.append(
                    _("row {row}, column {column}: {value} is not in the quote").format(
                        row=row_number, column="'value_text'", value=repr(row["value_text"])
                    )
                )
        problems += _value_problems(row, row_number, table.columns)
    return problems


def _value_problems(row, row_number: int, columns) -> list[str]:
    if (
        not {"value_text", "value_low", "value_high"} <= set(columns)
        or not str(row["value_text"]).strip()
    ):
        return []
    low, high = read_value(str(row["value_text"]))
    if low is None:
        return [
            _(
                "row {row}, column {column}: {value} cannot be read as a number; "
                "check value_low and value_high by hand"
            ).format(row=row_number, column="'value_text'", value=repr(row["value_text"]))
        ]
    problems = []
    for name, expected in (("value_low", low), ("value_high", high)):
        given = row[name]
        given = (
            None
            if given is None
            or given is pd.NA
            or (isinstance(given, float) and pd.isna(given))
            or str(given).strip() == ""
            else given
        )
        try:
            given = None if given is None else float(given)
        except (TypeError, ValueError):
            problems.append(
                _("row {row}, column {column}: {value} is not a number").format(
                    row=row_number, column=repr(name), value=repr(row[name])
                )
            )
            continue
        if (given is None) != (expected is None) or (
            given is not None and not math.isclose(given, expected, rel_tol=1e-3)
        ):
            problems.append(
                _(
                    "row {row}, column {column}: the words {words} read as {expected}, not {given}"
                ).format(
                    row=row_number,
                    column=repr(name),
                    words=repr(row["value_text"]),
                    expected=expected,
                    given=given,
                )
            )
    return problems
