"""What the reader returns: ``article.missing`` lists each field it could not find, and how to fill it in.

A :class:`ReadArticle` is an :class:`~vraem.scrape.Article` plus that list. Every way
of reading (a scrape, a saved page, plain text) ends in :func:`finish`, so the advice
is worded once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from ..i18n import N_, _
from ..scrape import Article


@dataclass(frozen=True)
class ReadArticle(Article):
    """An :class:`Article` plus what the reader could not find: ``article.missing``.

    Each entry of ``missing`` names a field left ``None`` (or says what else to look
    out for) and ends with the line of code that fills it in by hand, e.g.
    ``article = reader.fill_in(article, published="2020-09-04")``.
    """

    source_kind: str = "text"
    missing: tuple[str, ...] = field(default=())


# Each piece of advice ends with code between backticks that runs as printed in lesson 06
# (tests/test_reader.py runs every one in the lesson's namespace). The code is passed into the
# message as a placeholder, so a translation words the advice around it and cannot change it.
FILL_IN_CODE = {
    "title": '`article = reader.fill_in(article, title="the headline as printed")`',
    "published": '`article = reader.fill_in(article, published="2020-09-04")`',
    "byline": '`article = reader.fill_in(article, byline="the author\'s name")`',
}
FILL_IN = {
    "title": N_(
        "the headline is not in the text: read it on the page and set it by hand, e.g. {code}"
    ),
    "published": N_(
        "no publication date was found: read it on the page and set it by hand, as "
        "year-month-day, e.g. {code}"
    ),
    "byline": N_(
        'no author was found: read it on the page and set it by hand (or "unsigned" when the '
        "page names none), e.g. {code}"
    ),
}
PASTE = '`article = reader.load("""paste the article\'s text here""")`'
LOAD_A_FILE = '`article = reader.load("my-article.txt")`'


def labelled(name: str, message: str) -> str:
    """A note of ``missing``: the field's name (English, as code reads it), a colon, the message."""
    return f"{name}: {message}"


def as_date(value) -> date | None:
    """A date from a date, a pandas Timestamp or a "YYYY-MM-DD" text: ``as_date("2020-09-04")``; else None."""
    if isinstance(value, datetime):  # a pandas Timestamp is one too
        return None if pd.isna(value) else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def empty_article(problem: str) -> ReadArticle:
    """An article with no text, whose ``missing`` says what could not be read (``problem``) and how to give it."""
    reason = _(
        "{problem}: give the path of a saved page (.html), a scrape or a .txt file, e.g. "
        "{load_code}, or paste the text: {paste_code}"
    ).format(problem=problem, load_code=LOAD_A_FILE, paste_code=PASTE)
    return ReadArticle(
        title=None,
        published=None,
        byline=None,
        kind=None,
        section=None,
        news=(),
        analysis=(),
        raw="",
        source_kind="nothing",
        missing=(reason,),
    )


def plain_article(article: Article) -> Article:
    """The :class:`Article` part of an article (a ReadArticle's own fields left out)."""
    return Article(
        **{name.name: getattr(article, name.name) for name in dataclasses.fields(Article)}
    )


def finish(
    article: Article, kind: str, origin: str | None = None, notes: tuple[str, ...] = ()
) -> ReadArticle:
    """The article as the reader returns it, with what is missing and how to fill it in.

    ``origin`` is the file it was read from, or None for a text, bytes or an article given.
    """
    article = plain_article(article)
    missing = tuple(
        labelled(name, _(advice).format(code=FILL_IN_CODE[name]))
        for name, advice in FILL_IN.items()
        if getattr(article, name) is None
    )
    said = any(note.startswith("text:") for note in notes)  # fill_in keeps the first reading's note
    if not article.body and not said:
        missing += (_no_text(kind, origin),)
    return ReadArticle(**article.__dict__, source_kind=kind, missing=missing + notes)


def _no_text(kind: str, origin: str | None) -> str:
    """What to do when no article text was found (``origin``: the file, or None for a text given)."""
    if kind == "html" and origin:
        message = _(
            "the saved page {path} holds no article text (its body is empty: it may have been "
            "saved before the article loaded, or the site draws the text with scripts). Open the "
            "page in a browser and, once the article shows, save it again or paste its text: {code}"
        )
    elif kind == "html":
        message = _(
            "the page holds no article text (its body is empty: it may have been saved before the "
            "article loaded, or the site draws the text with scripts). Open the page in a browser "
            "and, once the article shows, save it again or paste its text: {code}"
        )
    elif origin:
        message = _(
            "no article text was found in {path}; paste the article's paragraphs as plain text "
            "instead: {code}"
        )
    else:
        message = _(
            "no article text was found in the text given; paste the article's paragraphs as plain "
            "text instead: {code}"
        )
    return labelled("text", message.format(path=origin, code=PASTE))


def paragraphs_by_section(article: Article) -> list[tuple[str, str]]:
    """(section, paragraph) pairs: news before the outlet's analysis heading, analysis after.

    An article the site labels "Analysis" has no such heading: all of it is the outlet's analysis.
    """
    if str(article.kind or "").strip().lower() == "analysis":
        return [("analysis", p) for p in article.body]
    return [("news", p) for p in article.news] + [("analysis", p) for p in article.analysis]
