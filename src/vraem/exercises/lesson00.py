"""Checked exercises of lesson 00 · Start here."""

from __future__ import annotations

from ..answers import IdSet
from ..corpus import load_corpus
from . import Exercise, Misreading, register


def undated_scrapes() -> frozenset[str]:
    """Ids of the articles whose scrape prints no publication date."""
    corpus = load_corpus()
    return frozenset(corpus.loc[corpus["published_in_scrape"].isna(), "article_id"])


register(Exercise(
    id="0.1",
    title="Which scrapes print no date?",
    answer=IdSet(),
    expected=undated_scrapes,
    look_again=("Compare the column published_in_scrape (what the scraper found) with the "
                "column published (what we know from elsewhere)."),
    hints=(
        "A missing date shows as NaT ('not a time') in the table.",
        "Look down the published_in_scrape column and note the article_id of each NaT row.",
        "Give the ids as text in a list, e.g. [\"00X\", \"00Y\"].",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer < expected and len(answer) > 0,
            feedback="Some of those are right, but at least one undated scrape is missing from your list.",
            example=lambda expected: frozenset(sorted(expected)[:1]),
        ),
        Misreading(
            matches=lambda answer, expected: answer > expected,
            feedback=("Your list has an article whose scrape does print a date. The published column "
                      "is filled in for every article; look at published_in_scrape instead."),
            example=lambda expected: frozenset(expected | {"000"}) if "000" not in expected
            else frozenset(expected | {"002"}),
        ),
    ),
))
