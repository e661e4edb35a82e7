"""Quote an article with the attribution its licence asks for: ``quote("003", "52 bases")``."""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from html import escape

import pandas as pd

from .corpus import load_article, load_metadata
from .paths import data_file
from .provenance import article_texts
from .scrape import clean_line


class QuoteNotFoundError(ValueError):
    """The quoted words are not in the article."""


@dataclass(frozen=True)
class Quote:
    """A short passage of one article, shown with its attribution and link."""

    article_id: str
    text: str
    title: str
    byline: str
    date: str
    url: str

    @property
    def attribution(self) -> str:
        """The credit line: outlet, byline, title, date and original address."""
        byline = f", by {self.byline}" if self.byline and self.byline != "InSight Crime" else ""
        return f"InSight Crime{byline}, “{self.title}” ({self.date}), {self.url}"

    def __str__(self) -> str:
        return f"“{self.text}”\n    — {self.attribution}"

    def _repr_markdown_(self) -> str:
        return f"> {escape(self.text, quote=False)}\n>\n> — {escape(self.attribution, quote=False)} (CC BY-NC)"


def quote(article_id: str, passage: str) -> Quote:
    """Return a passage of an article with its attribution, after checking it is really there.

    ``quote("000", "thought to number around 500 fighters")`` displays as a
    block quote credited to InSight Crime with the link to the original,
    as the articles' licence asks. White space is compared loosely; every
    other character must match the article. A passage that is not in the
    article gives a warning (an error under the test suite).
    """
    key = load_article(article_id).id  # the same id rules and error as everywhere else
    row = load_metadata().set_index("article_id").loc[key]
    wanted = clean_line(passage)
    # the article text without page furniture, as the claims table's quotes are checked
    if wanted not in article_texts()[key]:
        message = (f"The passage “{wanted[:60]}…” is not in article {key}: copy it from the text "
                   "exactly, including quote marks and apostrophes.")
        if os.environ.get("VRAEM_CHECK_MODE"):
            raise QuoteNotFoundError(message)
        warnings.warn(message, stacklevel=2)
    when = (row["published"].strftime("%d %b %Y") if not pd.isna(row["published"]) else
            f"undated, {row['published_earliest']:%b %Y}–{row['published_latest']:%b %Y}")
    return Quote(key, wanted, row["title"], "" if pd.isna(row["byline"]) else row["byline"],
                 when, row["url"])


class ReferenceNote:
    """A passage of data/reference/context_facts.md, shown with where it comes from."""

    def __init__(self, text: str, url: str | None):
        self.text, self.url = text, url

    @property
    def credit(self) -> str:
        where = "course reference notes, data/reference/context_facts.md"
        return f"{where}; source: {self.url}" if self.url else where

    def __str__(self) -> str:
        return f"“{self.text}”\n    — {self.credit}"

    def _repr_markdown_(self) -> str:
        return f"> {escape(self.text, quote=False)}\n>\n> — {escape(self.credit, quote=False)}"


def reference_note(passage: str) -> ReferenceNote:
    """Show a passage of the course's reference notes, after checking it is really there.

    ``reference_note("UNODC stopped publishing a Peru figure after 2008")``
    raises :class:`QuoteNotFoundError` if the words are not in the file (white space is
    compared loosely). The source address on the same line, if any, is shown.
    """
    wanted = " ".join(passage.split())
    for line in data_file("reference/context_facts.md").read_text(encoding="utf-8").splitlines():
        if wanted in " ".join(line.split()):
            found = re.search(r"https?://[^\s)\"]+", line)
            return ReferenceNote(wanted, found.group(0) if found else None)
    raise QuoteNotFoundError(f"“{wanted[:60]}…” is not in data/reference/context_facts.md: "
                             "copy the words from that file exactly.")
