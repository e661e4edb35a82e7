"""Whether the timeline and the coca series trace to their sources: ``event_problems(load_events())``, ``series_problems(...)``."""

from __future__ import annotations

import re

import pandas as pd

from ..corpus import load_metadata
from ..i18n import _
from ..scrape import clean_line
from .texts import article_texts, at, reference_text


def event_problems(events: pd.DataFrame) -> list[str]:
    """List events whose quote or address cannot be found in the source they name."""
    texts, reference = article_texts(), reference_text()
    urls = load_metadata().set_index("article_id")["url"]
    problems = []
    for row in events.itertuples(index=False):
        where = f"events.csv {row.event_id}"
        quote = clean_line(row.quote)
        if row.source_kind == "article":
            if pd.isna(row.article_id) or row.article_id not in texts:
                problems.append(at(where, _("an article row needs a valid article_id")))
                continue
            if quote not in texts[row.article_id]:
                problems.append(
                    at(
                        where,
                        _("the quote is not in article {article}").format(article=row.article_id),
                    )
                )
            if row.source_url != urls[row.article_id]:
                problems.append(
                    at(
                        where,
                        _("source_url is not the address of article {article}").format(
                            article=row.article_id
                        ),
                    )
                )
        else:
            if quote not in reference:
                problems.append(at(where, _("the quote is not in reference/context_facts.md")))
            if row.source_url not in reference:
                problems.append(
                    at(where, _("the address is not one cited in reference/context_facts.md"))
                )
    return problems


def readable_hectares(excerpt: str) -> set[int]:
    """Return every whole number written in an excerpt.

    Reads the ways the sources write thousands: "46,700", "60.400", "89 755",
    "19, 723" and "15 mil 530". Only the verbatim part (before " [NOTE: ") counts.
    """
    text = excerpt.split(" [NOTE: ")[0]
    text = re.sub(r"(\d+) mil (\d{3})", r"\1\2", text)
    text = re.sub(r"(\d)(?:[.,]\s?|\s)(\d{3})(?!\d)", r"\1\2", text)
    return {int(number) for number in re.findall(r"\d+", text)}


def series_problems(series: pd.DataFrame) -> list[str]:
    """List coca-series rows whose hectares cannot be read in their own excerpt."""
    return [
        at(
            f"coca_cultivation.csv {row.year} {row.region} ({row.source_publisher})",
            _("{hectares} is not in the excerpt").format(hectares=row.hectares),
        )
        for row in series.itertuples(index=False)
        if row.hectares not in readable_hectares(row.excerpt)
    ]
