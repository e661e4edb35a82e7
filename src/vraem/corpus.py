"""Load the five articles: ``load_corpus()`` for a table, ``load_article(id)`` for one."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .datacache import remembered
from .i18n import _
from .paths import DataFileError, data_dir, data_file, read_data_text, restore_hint
from .scrape import Article, NotAScrapeError, parse_scrape
from .tables import read_table


def load_metadata() -> pd.DataFrame:
    """Return the articles table from ``data/articles.csv``: one row per article.

    It holds what a scrape may lack: the title, the publication date (or, for
    an undated scrape, the earliest and latest possible dates and the
    evidence), the byline and the original address.
    """
    return read_table("articles")


@remembered
def load_article(article_id: str | int) -> Article:
    """Parse one article as scraped: ``load_article("004").title`` is ``None``.

    ``article_id`` is the three-digit id ("000" to "004"); ``4`` works too.
    Fields the scrape does not contain stay ``None``: use :func:`load_corpus`
    for the table with the gaps filled from the metadata.
    """
    metadata = load_metadata().set_index("article_id")
    key = f"{int(article_id):03d}" if str(article_id).strip().isdigit() else str(article_id)
    if key not in metadata.index:
        known = ", ".join(metadata.index)
        raise KeyError(
            _("There is no article {article}. The ids are: {known}.").format(
                article=repr(article_id), known=known
            )
        )
    name = f"articles/{metadata.loc[key, 'file']}"
    raw = read_data_text(name)  # names the file if it is missing, empty or not UTF-8
    try:
        parsed = parse_scrape(raw)
    except NotAScrapeError as error:  # a damaged data file: say which, and how to restore it
        raise DataFileError(
            _("{path}: {problem} {restore}").format(
                path=data_dir() / name, problem=error, restore=restore_hint(name)
            ),
            file=name,
        ) from None
    return Article(**{**parsed.__dict__, "id": key})


@remembered
def article_file(article_id: str) -> Path:
    """The path of one of the five articles as scraped: ``article_file("003")``."""
    metadata = load_metadata().set_index("article_id")
    return data_file(f"articles/{metadata.loc[article_id, 'file']}")


def load_corpus() -> pd.DataFrame:
    """Return the corpus as a tidy table, one row per article.

    ``load_corpus()[["article_id", "title", "published"]]`` is the quickest
    overview. Columns from the metadata table (title, kind, section,
    published, published_earliest, published_latest, date_evidence, byline,
    url) sit beside what the parser read from each scrape (``*_in_scrape``
    columns, missing where the scrape lacks them) and the text itself
    (``news``, ``analysis``, ``text``, ``paragraphs``, ``words``).
    """
    metadata = load_metadata()
    rows = []
    for article_id in metadata["article_id"]:
        article = load_article(article_id)
        rows.append(
            {
                "article_id": article_id,
                "title_in_scrape": article.title,
                "published_in_scrape": article.published,
                "byline_in_scrape": article.byline,
                "news": "\n\n".join(article.news),
                "analysis": "\n\n".join(article.analysis),
                "text": article.text,
                "paragraphs": len(article.body),
                "words": article.word_count,
            }
        )
    parsed = pd.DataFrame(rows).astype({"paragraphs": "Int64", "words": "Int64"})
    parsed["published_in_scrape"] = pd.to_datetime(parsed["published_in_scrape"]).astype(
        "datetime64[us]"
    )
    for column in ("title_in_scrape", "byline_in_scrape", "news", "analysis", "text"):
        parsed[column] = parsed[column].astype("str")
    return metadata.merge(parsed, on="article_id", validate="one_to_one")
