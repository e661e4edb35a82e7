"""The machine's first pass at a claims table: ``draft_claims(reader.load("page.html"))``."""

from __future__ import annotations

import pandas as pd

from ..i18n import N_, _
from ..scrape import Article
from ..tables import resource_schema
from .articles import paragraphs_by_section
from .loading import as_article
from .quantities import find_numbers


def _claim_columns() -> list[str]:
    return [column["name"] for column in resource_schema("claims")["schema"]["fields"]]


_UNREAD_NUMBER = N_("the reader could not read this number: fill in value_low/value_high")


def draft_claims(article_or_text: Article | str, article_id: str = "new") -> pd.DataFrame:
    """A first-pass claims table for any article: ``draft_claims(reader.load("page.html"))``.

    One row per number found, with the columns of ``data/claims.csv``: the
    sentence as ``quote``, ``value_text``, ``value``/``value_low``/``value_high``,
    a ``unit`` where the next words name one, the ``hedge`` standing before the
    number, the source the sentence credits it to (``attributed_to``: "according
    to X", "X said") and the ``section``. Where the sentence names no source, or
    one the reader cannot pick out ("he said"), ``attributed_to`` is left empty
    and the ``note`` says why: that is for you to settle from the text. The
    reader's judgements (``measure``, ``place``, ``reference_period``,
    ``source_type``) are left empty to fill in. It is a machine's first pass:
    check every row against the text.
    """
    article = as_article(article_or_text)
    if not article.body:
        print(
            _("No article text to read: {what_is_missing}").format(
                what_is_missing="; ".join(getattr(article, "missing", ()))
            )
        )
    columns = _claim_columns()
    unread_number = _(_UNREAD_NUMBER)
    items = [
        (section, item)
        for section, paragraph in paragraphs_by_section(article)
        for item in find_numbers(paragraph)
    ]
    lows = [item["value_low"] for _, item in items]
    highs = [item["value_high"] for _, item in items]
    filled = {  # built column by column: a table of many thousand rows takes a moment, not minutes
        "quote": [item["sentence"] for _, item in items],
        "value_text": [item["value_text"] for _, item in items],
        "unit": [item["unit"] for _, item in items],
        "hedge": [item["hedge"] for _, item in items],
        "attributed_to": [item["attributed_to"] for _, item in items],
        "section": [section for section, _ in items],
        "note": [
            "; ".join(
                note
                for note in (item["note"], "" if item["value_low"] is not None else unread_number)
                if note
            )
            for _, item in items
        ],
    }
    table = pd.DataFrame(
        {column: filled.get(column, [""] * len(items)) for column in columns}, columns=columns
    ).astype("str")
    table["claim_id"] = [f"D{number:03d}" for number in range(1, len(table) + 1)]
    table["article_id"] = article_id
    values = [
        low if low is not None and low == high else None
        for low, high in zip(lows, highs, strict=True)
    ]
    for column, numbers in (("value", values), ("value_low", lows), ("value_high", highs)):
        table[column] = pd.to_numeric(pd.Series(numbers, dtype="object"), errors="coerce").astype(
            "Float64"
        )
    table.attrs["missing"] = getattr(article, "missing", ())
    return table
