"""Which kind of page a text is, and the article in it: ``from_text(text, origin)``, ``from_html(html, origin)``.

A page of InSight Crime's site (a scrape, a copy from a browser, a saved page) is read
with the course's own parser, which knows its header and its furniture (menus,
teasers); any other saved page with trafilatura, offline; anything else as plain
text, one paragraph per blank-line-separated block.
"""

from __future__ import annotations

import dataclasses
import re
from contextlib import suppress
from html.parser import HTMLParser

from ..i18n import _
from ..scrape import ANALYSIS_HEADING, Article, NotAScrapeError, clean_line, parse_scrape
from .articles import PASTE, ReadArticle, as_date, finish, labelled

# What a plain text may carry above the article: a "URL: ..." line or a bare address.
_URL_LINE = re.compile(r"^(?:URL:\s*)?(?:https?://|www\.)\S*$", re.IGNORECASE)


def _headless_page() -> str:
    """The note for a page of the site whose header is gone (worded when the page is read)."""
    return labelled(
        "page",
        _(
            "this looks like a page of InSight Crime's site without its header (headline and "
            "dateline), so the reader cannot tell where the article starts: lines from around it "
            "(menus, page numbers, other articles' teasers) may be in the text too. Drop their rows "
            "from the draft, or paste only the article: {code}"
        ).format(code=PASTE),
    )


def _has_header(article: Article) -> bool:
    """True when the page's header (crumb, kind line or dateline) was found."""
    return any((article.kind, article.published, article.title, article.byline, article.section))


def from_text(text: str, origin: str | None) -> ReadArticle:
    """A page of the site (a scrape or a copy from a browser) or, failing that, plain text.

    ``origin`` is the file the text was read from, or None for a text given.
    """
    try:
        scrape = parse_scrape(text)
    except NotAScrapeError:  # not this site's page: read it as plain text
        return _from_plain_text(text, origin)
    if _has_header(scrape):
        return finish(scrape, "scrape", origin)
    return _from_plain_text(text, origin, headless_page=True)


_HTML = re.compile(r"<(?:!doctype html|html|head|body|article|p|div)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True for a saved web page: two of its tags (``<html>``, ``<p>`` ...) in the first 20,000 characters."""
    return len(_HTML.findall(text[:20_000])) >= 2


class _PageText(HTMLParser):
    """The text a browser shows for a page, one line per block (paragraph, heading, list item ...)."""

    BLOCKS = frozenset(
        "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 "
        "h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
    )
    HIDDEN = frozenset("head script style noscript template svg iframe".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data.replace("\n", " "))


def _visible_text(html: str) -> str:
    parser = _PageText()
    with suppress(Exception):  # a page the parser chokes on still has the text read so far
        parser.feed(html)
        parser.close()
    return "".join(parser.parts)


# The page's own date (its <meta> tags, structured data), never one found in its text by
# trafilatura's "extensive search", which takes the date of any teaser on the page.
_DATE_FROM_METADATA_ONLY = {"extensive_search": False, "original_date": True}


def from_html(html: str, origin: str | None) -> ReadArticle:
    """Title, byline, date and main text of a saved page (no network).

    A page of InSight Crime's site is read with the course's parser, from the
    text the page shows; any other page with trafilatura.
    """
    try:
        site_page = parse_scrape(_visible_text(html))
    except NotAScrapeError:
        site_page = None
    if site_page is not None and _has_header(site_page):
        return finish(_fill_from_metadata(site_page, html), "html", origin)
    notes = (_headless_page(),) if site_page is not None else ()
    try:
        import trafilatura
    except ModuleNotFoundError:
        article = _from_plain_text(_visible_text(html), origin)
        return ReadArticle(
            **{
                **article.__dict__,
                "source_kind": "html",
                "missing": article.missing
                + (
                    labelled(
                        "html",
                        _(
                            "the package trafilatura is missing, so the page's menus and footer "
                            "are in the text; install it in a terminal with: {command}"
                        ).format(command="python3 course.py lab"),
                    ),
                ),
            }
        )
    try:
        found = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=_DATE_FROM_METADATA_ONLY,
        )
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on is still a page the learner can paste
        found = None
    meta = (
        (found.as_dict() if hasattr(found, "as_dict") else dict(found)) if found is not None else {}
    )
    paragraphs = [clean_line(p) for p in (meta.get("text") or "").split("\n") if clean_line(p)]
    news, analysis = _split_at_analysis(paragraphs)
    article = Article(
        title=meta.get("title") or None,
        published=as_date(str(meta.get("date") or "")[:10]),
        byline=meta.get("author") or None,
        kind=None,
        section=None,
        news=news,
        analysis=analysis,
        raw=html,
    )
    return finish(article, "html", origin, notes)


def _fill_from_metadata(article: Article, html: str) -> Article:
    """Fill a field the page's header lacks from the page's own metadata (its <meta> tags), if any."""
    if article.title and article.published and article.byline:
        return article
    try:
        from trafilatura import extract_metadata

        meta = extract_metadata(html, date_config=_DATE_FROM_METADATA_ONLY)
    except Exception:  # noqa: BLE001 - no metadata: the fields stay None and are listed in missing
        return article
    meta = (meta.as_dict() if hasattr(meta, "as_dict") else {}) if meta is not None else {}
    return dataclasses.replace(
        article,
        title=article.title or meta.get("title") or None,
        published=article.published or as_date(str(meta.get("date") or "")[:10]),
        byline=article.byline or meta.get("author") or None,
    )


def _split_at_analysis(paragraphs: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """News before the outlet's "InSight Crime Analysis" heading, analysis after it."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.lower() == ANALYSIS_HEADING:
            return tuple(paragraphs[:index]), tuple(paragraphs[index + 1 :])
    return tuple(paragraphs), ()


def _from_plain_text(
    text: str, origin: str | None = None, headless_page: bool = False
) -> ReadArticle:
    blocks = [clean_line(block) for block in re.split(r"\n\s*\n", text)]
    paragraphs = [block for block in blocks if block]
    if len(paragraphs) <= 1:  # pasted without blank lines: one paragraph per line
        paragraphs = [clean_line(line) for line in text.split("\n") if clean_line(line)]
    paragraphs = [
        p for p in paragraphs if not _URL_LINE.match(p)
    ]  # the address a learner noted above it
    news, analysis = _split_at_analysis(paragraphs)
    article = Article(
        title=None,
        published=None,
        byline=None,
        kind=None,
        section=None,
        news=news,
        analysis=analysis,
        raw=text,
    )
    notes = (_headless_page(),) if headless_page else ()
    return finish(article, "text", origin, notes)
