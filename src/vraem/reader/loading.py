"""Reading an article from what a learner gives: ``load("page.html")``, ``load(pasted)``, ``fill_in(article, ...)``.

Finds out whether it was given a path, bytes or text, decodes it, and hands the text
to :mod:`vraem.reader.pages`; nothing here raises on odd input.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..i18n import _
from ..scrape import Article, clean_line
from .articles import (
    FILL_IN,
    ReadArticle,
    as_date,
    empty_article,
    finish,
    labelled,
    plain_article,
)
from .pages import from_html, from_text, looks_like_html

#: Texts longer than this are cut before drafting (a whole book pasted by mistake).
MAX_CHARACTERS = 2_000_000


def load(source: str | Path) -> ReadArticle:
    """Read an article from a file path or from text: ``load("page.html")`` or ``load(pasted)``.

    Recognises a page of InSight Crime's site however it was kept: a scrape,
    text copied from a browser, a saved web page (HTML), with a "URL: ..."
    line, blank lines or the site's menu above the article (read with the
    course's own parser). Any other saved page is read with trafilatura,
    offline; other text as plain text, one paragraph per blank-line-separated
    block. Whatever cannot be read is ``None`` and listed in ``missing`` with
    how to fill it in by hand.
    """
    text, origin = _read_source(source)
    if text is None:
        return empty_article(origin)  # here ``origin`` says why nothing could be read
    text = text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_CHARACTERS]
    if looks_like_html(text):
        return from_html(text, origin)
    return from_text(text, origin)


def fill_in(
    article: Article, *, title: str | None = None, published=None, byline: str | None = None
) -> ReadArticle:
    """A copy of the article with fields set by hand: ``reader.fill_in(article, published="2020-09-04")``.

    ``published`` may be a date, a pandas Timestamp or a text written
    year-month-day. Fields you leave out keep their value; ``missing`` is
    worked out again, so it lists only what is still to fill in. A value
    that cannot be used is left out, with the reason printed and kept in
    ``missing``.
    """
    if not isinstance(article, Article):
        article = as_article(article)
    values, problems = {}, []
    for name, given in (("title", title), ("byline", byline)):
        if given is not None:
            if isinstance(given, str) and given.strip():
                values[name] = clean_line(given)
            else:
                problems.append(
                    labelled(
                        name,
                        _("{value} is not a text; write it between quotes, e.g. {code}").format(
                            value=repr(given),
                            code=f'`article = reader.fill_in(article, {name}="...")`',
                        ),
                    )
                )
    if published is not None:
        day = as_date(published)
        if day is None:
            problems.append(
                labelled(
                    "published",
                    _("{value} is not a date; write it as year-month-day, e.g. {code}").format(
                        value=repr(published),
                        code='`article = reader.fill_in(article, published="2020-09-04")`',
                    ),
                )
            )
        else:
            values["published"] = day
    for problem in problems:
        print(problem)
    kind = getattr(article, "source_kind", "text")
    notes = tuple(
        note for note in getattr(article, "missing", ()) if note.split(":")[0] not in FILL_IN
    )
    return finish(
        dataclasses.replace(plain_article(article), **values), kind, notes=notes + tuple(problems)
    )


def _read_source(source) -> tuple[str | None, str | None]:
    """(text, the file it came from or None) or, when nothing can be read, (None, why not)."""
    if isinstance(source, Article):
        return source.raw, None
    if isinstance(source, bytes):
        text = _decode(source)
        return (text, None) if text is not None else (None, _("the bytes given are not a text"))
    if isinstance(source, Path) or (
        isinstance(source, str)
        and "\n" not in source
        and len(source) < 500
        and source.strip()
        and Path(source).expanduser().is_file()
    ):
        path = Path(source).expanduser()
        try:
            text = _decode(path.read_bytes())
        except OSError as error:
            return None, _("{path} could not be read ({reason})").format(
                path=path, reason=error.strerror or error
            )
        if text is None:
            return None, _("{path} is not a text file").format(path=path)
        return text, str(path)
    if isinstance(source, str) and _looks_like_a_path(source):
        # a mistyped file name must not be read as a one-line article
        return None, _("the file {name} is not there (relative paths start in {folder})").format(
            name=repr(source.strip()), folder=Path.cwd()
        )
    if isinstance(source, str):
        return source, None
    return None, _not_a_text(source)


def _not_a_text(source) -> str:
    return _("a {type} is not a path or a text").format(type=type(source).__name__)


_PATH_LIKE = re.compile(r"[^<>\s]+\.(?:html?|txt|text|md)|[^<>\s]*[/\\][^<>\s]*", re.IGNORECASE)


def _looks_like_a_path(text: str) -> bool:
    """True for "my-article.html" or "pages/x": one word that names a file, not an article's text."""
    return "\n" not in text and len(text) < 500 and bool(_PATH_LIKE.fullmatch(text.strip()))


def _decode(raw: bytes) -> str | None:
    if b"\x00" in raw[:4096]:
        return None  # a binary file, not a text
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def as_article(source) -> Article:
    """An Article from an Article, a path or a text; anything else reads as an empty article."""
    if isinstance(source, Article):
        return source
    if isinstance(source, str | Path | bytes):
        return load(source)
    return empty_article(_not_a_text(source))
