"""The course's reading methods for any article: load it, draft its claims table, validate it.

    from vraem import reader
    article = reader.load("my-article.html")        # a saved page, a scrape, a .txt, or pasted text
    draft = reader.draft_claims(article)            # every number, its sentence, hedge and source
    reader.validate_claims(my_finished_table, article)   # [] when every row holds up

The draft is a machine's first pass, with the columns of ``data/claims.csv``:
the reader's judgements (what is counted, for when, what kind of source) are
left empty for the learner to fill in. Nothing here guesses a title, a date or
a byline that the text does not give, and nothing raises on odd input.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from . import attribution
from .numbers import parse_quantity
from .scrape import ANALYSIS_HEADING, Article, NotAScrapeError, clean_line, parse_scrape
from .tables import resource_schema

#: Texts longer than this are cut before drafting (a whole book pasted by mistake).
MAX_CHARACTERS = 2_000_000

# ------------------------------------------------------------------ loading


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
# (tests/test_reader.py runs every one in the lesson's namespace).
_FILL_IN = {
    "title": "the headline is not in the text: read it on the page and set it by hand, e.g. "
    '`article = reader.fill_in(article, title="the headline as printed")`',
    "published": "no publication date was found: read it on the page and set it by hand, as "
    'year-month-day, e.g. `article = reader.fill_in(article, published="2020-09-04")`',
    "byline": 'no author was found: read it on the page and set it by hand (or "unsigned" when the '
    'page names none), e.g. `article = reader.fill_in(article, byline="the author\'s name")`',
}
_PASTE = '`article = reader.load("""paste the article\'s text here""")`'
# What a plain text may carry above the article: a "URL: ..." line or a bare address.
_URL_LINE = re.compile(r"^(?:URL:\s*)?(?:https?://|www\.)\S*$", re.IGNORECASE)


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
        return _empty(origin)
    text = text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_CHARACTERS]
    if _looks_like_html(text):
        return _from_html(text, origin)
    return _from_text(text, origin)


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
        article = _as_article(article)
    values, problems = {}, []
    for name, given in (("title", title), ("byline", byline)):
        if given is not None:
            if isinstance(given, str) and given.strip():
                values[name] = clean_line(given)
            else:
                problems.append(
                    f"{name}: {given!r} is not a text; write it between quotes, e.g. "
                    f'`article = reader.fill_in(article, {name}="...")`'
                )
    if published is not None:
        day = _as_date(published)
        if day is None:
            problems.append(
                f"published: {published!r} is not a date; write it as year-month-day, e.g. "
                '`article = reader.fill_in(article, published="2020-09-04")`'
            )
        else:
            values["published"] = day
    for problem in problems:
        print(problem)
    kind = getattr(article, "source_kind", "text")
    notes = tuple(
        note for note in getattr(article, "missing", ()) if note.split(":")[0] not in _FILL_IN
    )
    return _finish(
        dataclasses.replace(_plain_article(article), **values), kind, notes=notes + tuple(problems)
    )


def _as_date(value) -> date | None:
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


def _read_source(source) -> tuple[str | None, str]:
    if isinstance(source, Article):
        return source.raw, "an article object"
    if isinstance(source, bytes):
        return _decode(source), "bytes"
    if isinstance(source, Path) or (
        isinstance(source, str)
        and "\n" not in source
        and len(source) < 500
        and source.strip()
        and Path(source).expanduser().is_file()
    ):
        path = Path(source).expanduser()
        try:
            return _decode(path.read_bytes()), str(path)
        except OSError as error:
            return None, f"{path} could not be read ({error.strerror or error})"
    if isinstance(source, str) and _looks_like_a_path(source):
        # a mistyped file name must not be read as a one-line article
        return (
            None,
            f"the file {source.strip()!r}, which is not there (relative paths start in {Path.cwd()})",
        )
    if isinstance(source, str):
        return source, "the text given"
    return None, f"a {type(source).__name__}, which is not a path or a text"


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


def _empty(origin: str) -> ReadArticle:
    reason = (
        f"nothing could be read from {origin}: give the path of a saved page (.html), a scrape or "
        f'a .txt file, e.g. `article = reader.load("my-article.txt")`, or paste the text: {_PASTE}'
    )
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


def _plain_article(article: Article) -> Article:
    """The :class:`Article` part of an article (a ReadArticle's own fields left out)."""
    return Article(
        **{name.name: getattr(article, name.name) for name in dataclasses.fields(Article)}
    )


def _finish(
    article: Article, kind: str, origin: str = "the text given", notes: tuple[str, ...] = ()
) -> ReadArticle:
    """The article as the reader returns it, with what is missing and how to fill it in."""
    article = _plain_article(article)
    missing = tuple(
        f"{name}: {advice}" for name, advice in _FILL_IN.items() if getattr(article, name) is None
    )
    said = any(note.startswith("text:") for note in notes)  # fill_in keeps the first reading's note
    if not article.body and not said:
        missing += (_no_text(kind, origin),)
    return ReadArticle(**article.__dict__, source_kind=kind, missing=missing + notes)


def _no_text(kind: str, origin: str) -> str:
    """What to do when no article text was found."""
    if kind == "html":
        return (
            f"text: {origin} holds no article text (its body is empty: it may have been saved before "
            "the article loaded, or the site draws the text with scripts). Open the page in a browser "
            "and, once the article shows, save it again or paste its text: " + _PASTE
        )
    return f"text: no article text was found in {origin}; paste the article's paragraphs as plain text instead: {_PASTE}"


_HEADLESS_PAGE = (
    "page: this looks like a page of InSight Crime's site without its header (headline and dateline), "
    "so the reader cannot tell where the article starts: lines from around it (menus, page numbers, "
    "other articles' teasers) may be in the text too. Drop their rows from the draft, or paste only the "
    "article: " + _PASTE
)


def _has_header(article: Article) -> bool:
    """True when the page's header (crumb, kind line or dateline) was found."""
    return any((article.kind, article.published, article.title, article.byline, article.section))


def _from_text(text: str, origin: str) -> ReadArticle:
    """A page of the site (a scrape or a copy from a browser) or, failing that, plain text."""
    try:
        scrape = parse_scrape(text)
    except NotAScrapeError:  # not this site's page: read it as plain text
        return _from_plain_text(text, origin)
    if _has_header(scrape):
        return _finish(scrape, "scrape", origin)
    return _from_plain_text(text, origin, headless_page=True)


_HTML = re.compile(r"<(?:!doctype html|html|head|body|article|p|div)\b", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
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


def _from_html(html: str, origin: str) -> ReadArticle:
    """Title, byline, date and main text of a saved page (no network).

    A page of InSight Crime's site is read with the course's parser, from the
    text the page shows; any other page with trafilatura.
    """
    where = f"the saved page {origin}" if origin != "the text given" else "the page"
    try:
        site_page = parse_scrape(_visible_text(html))
    except NotAScrapeError:
        site_page = None
    if site_page is not None and _has_header(site_page):
        return _finish(_fill_from_metadata(site_page, html), "html", where)
    notes = (_HEADLESS_PAGE,) if site_page is not None else ()
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
                    (
                        "html: the package trafilatura is missing, so the page's menus and footer are in the text; "
                        "install it in a terminal with: python3 course.py lab"
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
        published=_as_date(str(meta.get("date") or "")[:10]),
        byline=meta.get("author") or None,
        kind=None,
        section=None,
        news=news,
        analysis=analysis,
        raw=html,
    )
    return _finish(article, "html", where, notes)


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
        published=article.published or _as_date(str(meta.get("date") or "")[:10]),
        byline=article.byline or meta.get("author") or None,
    )


def _split_at_analysis(paragraphs: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """News before the outlet's "InSight Crime Analysis" heading, analysis after it."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.lower() == ANALYSIS_HEADING:
            return tuple(paragraphs[:index]), tuple(paragraphs[index + 1 :])
    return tuple(paragraphs), ()


def _from_plain_text(
    text: str, origin: str = "the text given", headless_page: bool = False
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
    notes = (_HEADLESS_PAGE,) if headless_page else ()
    return _finish(article, "text", origin, notes)


# ------------------------------------------------------------------ finding numbers

_WORD_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million billion dozen"
).split()


def _alternatives(words: list[str]) -> str:
    """A regex for any of the words, sharing their first letters: "t(?:en|wo|h(?:ree|irty))".

    It matches the same words as "ten|two|three|thirty", tried in a few steps rather than one by one.
    """
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[:1], []).append(word[1:])
    branches = []
    for letter, rests in by_letter.items():
        if letter == "":
            continue
        ends = [rest for rest in rests if rest]
        if len(rests) == 1:
            branches.append(re.escape(letter + rests[0]))
            continue
        if not ends:
            branches.append(re.escape(letter))
            continue
        inner = _alternatives(ends) + ("|" if "" in rests else "")
        branches.append(f"{re.escape(letter)}(?:{inner})")
    return "|".join(branches)


# Whole words only (each use is bounded by \b or a space), so the order of the alternatives is free.
_WORD = r"(?:" + _alternatives(_WORD_NUMBERS) + r")"
_WORDS = rf"{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*"
# 8,000 · 8.000 · 1,234.5 · 12.79 · 12,5 (a decimal comma when not followed by three digits)
_DIGITS = r"\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s+(?:million|billion|thousand|mil|millones)\b)?"
_FRACTION = r"\b(?:a|one|two|three)\s+(?:half|third|thirds|quarter|quarters)\b|\bhalf\b"
_VAGUE = r"\b(?:a few|several(?:\s+decades)?|dozens|hundreds|thousands|decades)\b"
_DECADES = rf"\b(?:a|{_WORD})\s+decades?\b"
_ONE = rf"(?:(?:US)?\$\s?|S/\.?\s?)?(?:{_DIGITS}){_SCALE}|\b{_WORDS}\b"
_RANGE = rf"(?:between\s+|from\s+)?(?:{_ONE})\s*(?:-|–|\bto\b|\band\b|\ba\b)\s*(?:{_ONE})"
# Where a number can start: a digit, a currency sign, or a word whose first letter begins one of the
# words above (a quick test that lets the search skip every other position of the text).
_CAN_START = r"(?=[\d$]|S/|US\$|\b[abdefhmnost])"
NUMBER_PATTERN = re.compile(
    rf"{_CAN_START}(?P<number>{_RANGE}|{_DECADES}|{_FRACTION}|{_VAGUE}|{_ONE})"
    r"(?P<percent>\s*(?:%|percent\b|per\s+cent\b|por\s+ciento\b))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")
_PHONE = re.compile(
    r"\+\d[\d\s().-]{6,}\d|\(\d{2,4}\)\s?\d[\d\s.-]{5,}\d|\b\d{3}[-.\s]\d{3,4}[-.\s]\d{4}\b"
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DATE_CONTEXT = re.compile(rf"\b(?:{'|'.join(_MONTHS)})\.?\s*$", re.IGNORECASE)
#: Hedges the course records, longest first so "more than" wins over "more".
HEDGES = (
    "as many as",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "an estimated",
    "estimated",
    "thought to number",
    "thought to",
    "believed to",
    "approximately",
    "roughly",
    "around",
    "about",
    "nearly",
    "almost",
    "some",
    "over",
    "between",
    "close to",
    "cerca de",
    "unos",
    "más de",
    "aproximadamente",
    "casi",
)
_HEDGE_WORDS = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)
_UNITS = {
    "hectare": "hectares",
    "hectárea": "hectares",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "por ciento": "percent",
    "ton": "tonnes",
    "tonne": "tonnes",
    "tonelada": "tonnes",
    "kilogram": "kilograms",
    "kilo": "kilograms",
    "square kilomet": "square kilometres",
    "year": "years",
    "month": "months",
    "day": "days",
    "base": "military bases",
    "decade": "years",
    "people": "people",
    "fighter": "people",
    "soldier": "people",
    "troop": "people",
    "guerrilla": "people",
    "guerilla": "people",
    "member": "people",
    "militant": "people",
    "rebel": "people",
    "resident": "people",
    "worker": "people",
    "hostage": "people",
    "person": "people",
    "persons": "people",
    "dead": "people",
    "killed": "people",
    "lives": "people",
    "effectivos": "people",
    "integrantes": "people",
    "dollar": "count",
    "$": "count",
    "soles": "count",
}
# A unit named by one of the three words after the number; group n is the n-th stem of _UNITS.
_DECADE_WORD = re.compile(r"\bdecades?\b", re.IGNORECASE)
_FRACTION_WORD = re.compile(r"\b(?:half|third|thirds|quarter|quarters)\b", re.IGNORECASE)
_CHANGE = re.compile(r"^from\s+(?P<before>.+?)\s+to\s+(?P<after>.+)$", re.IGNORECASE)
_BETWEEN = re.compile(r"^between\s+(?P<range>.+)$", re.IGNORECASE)
_DIGIT_RUNS = re.compile(r"\d+")
_UNIT_STEMS = re.compile("|".join(f"({re.escape(stem)})" for stem in _UNITS))
_UNIT_NAMES = list(_UNITS.values())
_WORD_AND_SPACE = re.compile(r"\w+\s+")
# What may follow a number that is no quantity: a month ("5 October"), an ordinal's ending ("21st"),
# "of the" ("one of the"); tried at once.
_NOT_A_QUANTITY_AFTER = re.compile(
    rf"(?P<month>\s*(?:{'|'.join(_MONTHS)})\b)|(?P<ordinal>(?-i:\s*(?:st|nd|rd|th)\b))"
    r"|(?P<of_the>\s+of\s+(?:the|its|their|his|her)\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z¿¡])")
# "U.S. State Department", "Mr. Valdés": a full stop that does not end the sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sen|Rep|Gov|St|No|Jr|Sr)\.)$"
)
_ABBREVIATION_REACH = 8  # the longest abbreviation above, "A.B.C.", with the character before it


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? before a capital: ``sentences("A. B.")``.

    A full stop after an abbreviation ("U.S.", "Mr.") does not end a sentence.
    Each full stop is judged from the few characters before it, so a paragraph
    of any length (a run of "A. A. A." too) is split in time proportional to it.
    """
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(
            paragraph, max(start, end.start() - _ABBREVIATION_REACH), end.start() + 1
        ):
            continue
        parts.append(paragraph[start : end.end()].strip())
        start = end.end()
    parts.append(paragraph[start:].strip())
    return [part for part in parts if part]


def _normalise(text: str) -> str:
    """Fold white space (non-breaking spaces too) so positions match the claims' quotes."""
    return clean_line(text.replace("\u00a0", " ").replace("\u202f", " "))


class _Sentence:
    """One sentence with what the drafter looks up for each of its numbers, found once.

    Each number then needs only a few characters around it and a binary search, so a
    sentence of a thousand numbers costs a thousand small steps, not a million.
    """

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def _hedges(self) -> tuple[list[re.Match], list[int]]:
        hedges = list(_HEDGE_WORDS.finditer(self.text))
        return hedges, [found.end() for found in hedges]

    @cached_property
    def _phones(self) -> tuple[list[int], list[int]]:
        phones = list(_PHONE.finditer(self.text))
        return [phone.start() for phone in phones], [phone.end() for phone in phones]

    @cached_property
    def _sources(self) -> attribution.Sources:
        return attribution.Sources(self.text)

    def before(self, position: int, reach: int = 40) -> str:
        return self.text[max(0, position - reach) : position]

    def after(self, position: int, reach: int = 60) -> str:
        return self.text[position : position + reach]

    def in_a_phone_number(self, position: int) -> bool:
        starts, ends = self._phones
        index = bisect.bisect_right(starts, position) - 1
        return index >= 0 and position < ends[index]

    def hedge(self, start: int) -> str:
        """The hedge nearest before a number, at most two words away ("around" in "thought to number around 500")."""
        hedges, ends = self._hedges
        index = bisect.bisect_right(ends, start) - 1
        if index < 0:
            return "none"
        gap = self.text[ends[index] : start]
        return hedges[index][1].lower() if len(gap) <= 100 and len(gap.split()) <= 2 else "none"

    def source(self, start: int, end: int) -> tuple[str, str]:
        """Who the sentence credits the number to, and, when it cannot tell, why (for the note)."""
        found = self._sources.credit(start, end)
        if found is None:
            return "", (
                "attributed_to: no source is named in this sentence; look in the sentences around it "
                "(if none names one: unattributed, or the outlet in its own analysis)"
            )
        if found.doubt:
            return "", f"attributed_to: {found.doubt}"
        return found.who, ""


def _is_quantity(match: re.Match, sentence: _Sentence) -> bool:
    """False for years, dates, phone numbers, ordinals and 'one of the' phrases."""
    number = match["number"].strip()
    bare = number.lower()
    if _YEAR.match(number) and not match["percent"]:
        return False  # "in 2008": a date, not a quantity
    before = sentence.before(match.start(), 16)
    if before[-3:].strip(" .").isalpha() and _DATE_CONTEXT.search(
        before
    ):  # a word just before: a month?
        return False  # "October 5", "5 October 2016"
    after = _NOT_A_QUANTITY_AFTER.match(sentence.after(match.end(), 24))
    if after and (
        after["ordinal"]
        or after["month"]
        and number.isdigit()
        and int(number) <= 31
        or after["of_the"]
        and bare == "one"
    ):
        return False  # "21st", "5 October", "one of the"
    if sentence.in_a_phone_number(match.start()):
        return False  # part of a telephone number
    if bare in ("one", "a"):
        return False  # a lone "one"
    return True


def _unit(value_text: str, after: str, percent: bool) -> str:
    if percent:
        return "percent"
    if not value_text.isdigit():  # words: decades, a third
        if _DECADE_WORD.search(value_text):
            return "years"
        if _FRACTION_WORD.search(value_text):
            return "fraction"
    following = after.lower()[:40]
    # the first unit, in the order of _UNITS, that one of the next three words starts with
    starts = [len(following) - len(following.lstrip())]
    for _ in range(2):
        word = _WORD_AND_SPACE.match(following, starts[-1])
        if not word:
            break
        starts.append(word.end())
    found = [
        stem.lastindex for stem in (_UNIT_STEMS.match(following, start) for start in starts) if stem
    ]
    return _UNIT_NAMES[min(found) - 1] if found else ""


@lru_cache(maxsize=4096)
def _read_value(value_text: str) -> tuple[float | None, float | None]:
    """(low, high) of the words, or (None, None) when the course's reader cannot read them."""
    text = re.sub(
        r"(?:US)?\$|S/\.?|\s*(?:%|percent|per cent|por ciento)$",
        "",
        value_text,
        flags=re.IGNORECASE,
    ).strip()
    text = re.sub(r"^(?:between|from)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+a\s+", " to ", text)
    for scale, factor in (
        ("millones", 1e6),
        ("million", 1e6),
        ("billion", 1e9),
        ("thousand", 1e3),
        ("mil", 1e3),
    ):
        if re.search(rf"\s{scale}$", text, re.IGNORECASE) and not re.search(
            r"[a-z]\s", text[: -len(scale) - 1]
        ):
            low, high = _read_value(text[: -len(scale)].strip())
            return (
                low * factor if low is not None else None,
                high * factor if high is not None else None,
            )
    text = _european_digits(text)
    try:
        return parse_quantity(text)
    except ValueError:
        return None, None


def _european_digits(text: str) -> str:
    """Read "8.000" (thousands with dots) as 8,000 and "12,5" (a decimal comma) as 12.5."""

    def fix(match: re.Match) -> str:
        digits = match[0]
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            return digits.replace(".", ",")
        if re.fullmatch(r"\d+,\d{1,2}", digits):
            return digits.replace(",", ".")
        return digits

    return re.sub(r"\d[\d.,]*\d|\d", fix, text)


def find_numbers(text: str) -> list[dict]:
    """Every quantity in a text, with its sentence: ``find_numbers("Some 500 fighters.")``.

    Each item has ``value_text``, ``sentence``, ``hedge``, ``attributed_to``,
    ``unit``, ``value_low`` and ``value_high`` (``None`` where the words cannot
    be read as a number), and ``note``: why ``attributed_to`` is empty, when it
    is (no source in the sentence, or one the reader cannot pick out). Years,
    dates, phone numbers, ordinals and "one of the" are left out. Time grows
    in proportion to the text, however many numbers a sentence holds.
    """
    found = []
    for text_of_sentence in sentences(_normalise(text)):
        sentence = _Sentence(text_of_sentence)
        for match in NUMBER_PATTERN.finditer(text_of_sentence):
            if not _is_quantity(match, sentence):
                continue
            who, note = sentence.source(match.start(), match.end())
            for value_text, hedge in _figures(
                match["number"].strip(), sentence.hedge(match.start())
            ):
                digits = _DIGIT_RUNS.findall(value_text)
                if digits and all(_YEAR.match(part) for part in digits) and not match["percent"]:
                    continue  # "between 2009 and 2010": a span of years, not a quantity
                low, high = _read_value(value_text)
                found.append(
                    {
                        "value_text": value_text,  # like the claims table, "percent" goes in the unit
                        "sentence": text_of_sentence,
                        "hedge": hedge,
                        "attributed_to": who,
                        "unit": _unit(
                            value_text, sentence.after(match.end()), bool(match["percent"])
                        ),
                        "value_low": low,
                        "value_high": high,
                        "note": note,
                    }
                )
    return found


def _figures(number: str, hedge: str) -> list[tuple[str, str]]:
    """Split a matched phrase into figures, each with its hedge.

    "from 34,000 to 5,000" is two (a change, not a range); "between 8,000 to 10,000"
    is one range whose hedge is "between".
    """
    if number[:1] not in "fFbB":  # neither "from" nor "between"
        return [(number, hedge)]
    change = _CHANGE.match(number)
    if change:
        return [(change["before"], hedge), (change["after"], hedge)]
    between = _BETWEEN.match(number)
    if between:
        return [(between["range"], "between")]
    return [(number, hedge)]


#: Words that report speech or a source: "said", "told", "according to", "según".
#: ("estimated" is left out: "an estimated 80 percent" is a hedge, not a voice.)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|telling|tells|stated|reported|announced|affirmed|added|"
    r"claimed|expressed|warned|described|according to|según|dijo|afirmó|señaló)\b",
    re.IGNORECASE,
)


def voices(article_or_text: Article | str) -> pd.DataFrame:
    """Every sentence in which someone speaks or is cited: ``voices(reader.load("page.html"))``.

    One row per sentence with a reporting word ("said", "told", "stated",
    "according to" ...), with the ``section`` it stands in and ``who``, the
    reader's guess at the speaker (empty when it cannot tell, as for "he
    added"). A first pass like the draft: read each sentence, since the guess
    can be wrong, and remember that people the text talks *about* are not
    voices unless it quotes or cites them.
    """
    article = _as_article(article_or_text)
    rows = [
        {"section": section, "who": attribution.first_source(sentence), "sentence": sentence}
        for section, paragraph in _paragraphs(article)
        for sentence in sentences(_normalise(paragraph))
        if _REPORTING.search(sentence)
    ]
    return pd.DataFrame(rows, columns=["section", "who", "sentence"])


# ------------------------------------------------------------------ the draft table


def _claim_columns() -> list[str]:
    return [column["name"] for column in resource_schema("claims")["schema"]["fields"]]


def _as_article(source) -> Article:
    """An Article from an Article, a path or a text; anything else reads as an empty article."""
    if isinstance(source, Article):
        return source
    if isinstance(source, str | Path | bytes):
        return load(source)
    return _empty(f"a {type(source).__name__}")


def _paragraphs(article: Article) -> list[tuple[str, str]]:
    """(section, paragraph) pairs: news before the outlet's analysis heading, analysis after.

    An article the site labels "Analysis" has no such heading: all of it is the outlet's analysis.
    """
    if str(article.kind or "").strip().lower() == "analysis":
        return [("analysis", p) for p in article.body]
    return [("news", p) for p in article.news] + [("analysis", p) for p in article.analysis]


_UNREAD_NUMBER = "the reader could not read this number: fill in value_low/value_high"


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
    article = _as_article(article_or_text)
    if not article.body:
        print("No article text to read: " + "; ".join(getattr(article, "missing", ())))
    columns = _claim_columns()
    items = [
        (section, item)
        for section, paragraph in _paragraphs(article)
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
                for note in (item["note"], "" if item["value_low"] is not None else _UNREAD_NUMBER)
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


# ------------------------------------------------------------------ validation


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
        return [f"give the claims as a pandas DataFrame, not a {type(table).__name__}"]
    fields = {column["name"]: column for column in resource_schema("claims")["schema"]["fields"]}
    problems = []
    missing = [name for name in fields if name not in table.columns]
    if missing:
        problems.append(f"the table lacks the columns {missing} (see data/claims.csv for them all)")
    article = _as_article(article)
    text = _normalise(article.text)
    # the article's own sentences, found once: a drafted quote is one, and a set answers at once
    # (searching the whole text for each row of a long draft would take the square of the time)
    own_sentences = {
        sentence for paragraph in article.body for sentence in sentences(_normalise(paragraph))
    }
    own_measures = {
        str(measure) for measure in ([measures] if isinstance(measures, str) else measures or ())
    }
    for position, row in enumerate(table.to_dict("records"), start=1):
        where = f"row {position}"
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
                problems.append(f"{where}, column {name!r}: empty; fill it in")
            elif (
                not empty
                and "enum" in rules
                and str(value) not in rules["enum"]
                and not (name == "measure" and str(value) in own_measures)
            ):
                problems.append(
                    f"{where}, column {name!r}: {str(value)!r} is not one of {rules['enum']}"
                    + (" (or name your own with measures=[...])" if name == "measure" else "")
                )
        if "quote" in table.columns and isinstance(row["quote"], str) and row["quote"].strip():
            quote = _normalise(row["quote"])
            if quote not in own_sentences and quote not in text:
                problems.append(
                    f"{where}, column 'quote': not found word for word in the article text"
                )
            if "value_text" in table.columns and str(row["value_text"]) not in quote:
                problems.append(
                    f"{where}, column 'value_text': {row['value_text']!r} is not in the quote"
                )
        problems += _value_problems(row, where, table.columns)
    return problems


def _value_problems(row, where: str, columns) -> list[str]:
    if (
        not {"value_text", "value_low", "value_high"} <= set(columns)
        or not str(row["value_text"]).strip()
    ):
        return []
    low, high = _read_value(str(row["value_text"]))
    if low is None:
        return [
            f"{where}, column 'value_text': {row['value_text']!r} cannot be read as a number; "
            "check value_low and value_high by hand"
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
            problems.append(f"{where}, column {name!r}: {row[name]!r} is not a number")
            continue
        if (given is None) != (expected is None) or (
            given is not None and not math.isclose(given, expected, rel_tol=1e-3)
        ):
            problems.append(
                f"{where}, column {name!r}: the words {row['value_text']!r} read as {expected}, "
                f"not {given}"
            )
    return problems


# ------------------------------------------------------------------ measuring the draft


def number_kind(value_text: str) -> str:
    """The kind of number a value_text is, for the benchmark: ``number_kind("8,000")`` is "separators"."""
    text = value_text.lower()
    if re.fullmatch(r"(?:in\s+)?(?:1[89]|20)\d{2}", text.strip()):
        return "year (left out by design)"
    if re.search(r"\d", text):
        if (
            re.search(r"\s*(?:-|–|\bto\b|\band\b)\s*", text.strip())
            and len(re.findall(r"\d+", text)) >= 2
        ):
            return "range"
        return "separators" if re.search(r"\d[,.]\d{3}", text) else "digits"
    if re.search(
        r"decade|half|third|quarter|several|dozens|hundreds|thousands|few|both|majority|most", text
    ):
        return "vague, fraction or span"
    return "number word"


def _same_passage(draft_quote: str, claim_quote: str) -> bool:
    from difflib import SequenceMatcher

    if claim_quote in draft_quote or draft_quote in claim_quote:
        return True
    match = SequenceMatcher(None, draft_quote, claim_quote, autojunk=False).find_longest_match()
    return match.size >= 30


def _matches(value_text: str, quote: str, other_text: str, other_quote: str) -> bool:
    return value_text == other_text and _same_passage(_normalise(quote), _normalise(other_quote))


def compare_with_claims(draft: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Mark each hand-coded claim found or missed by a draft: ``compare_with_claims(draft, claims)``.

    A claim is found when a drafted row has the same ``value_text`` in an
    overlapping passage. Returns the claims with new columns: ``found``,
    ``drafted_id`` (the drafted row that found it), ``drafted_hedge`` (that
    row's hedge) and ``kind`` (see :func:`number_kind`).
    """
    result = claims.copy()
    hits = []
    for value_text, quote in zip(claims["value_text"], claims["quote"], strict=True):
        found = [
            (row_id, hedge)
            for row_id, row_text, row_quote, hedge in zip(
                draft["claim_id"], draft["value_text"], draft["quote"], draft["hedge"], strict=True
            )
            if _matches(row_text, row_quote, value_text, quote)
        ]
        hits.append(found[0] if found else (None, None))
    result["found"] = [row_id is not None for row_id, _ in hits]
    result["drafted_id"] = [row_id for row_id, _ in hits]
    result["drafted_hedge"] = [hedge for _, hedge in hits]
    result["kind"] = [number_kind(text) for text in claims["value_text"]]
    return result


def match_draft(draft: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """The hand-coded claim each drafted row stands for: ``match_draft(draft, claims)``.

    One value per drafted row (same index): the ``claim_id`` of the claim with
    the same ``value_text`` in an overlapping passage, or ``None`` for a row
    that is not one of the claims (a date, page furniture, a number that
    counts nothing the reader records).
    """
    ids = []
    for value_text, quote in zip(draft["value_text"], draft["quote"], strict=True):
        found = [
            claim_id
            for claim_id, claim_text, claim_quote in zip(
                claims["claim_id"], claims["value_text"], claims["quote"], strict=True
            )
            if _matches(value_text, quote, claim_text, claim_quote)
        ]
        ids.append(found[0] if found else None)
    return pd.Series(ids, index=draft.index, dtype="object", name="claim_id")


def same_source(drafted: str, coded: str) -> bool:
    """Do two ``attributed_to`` values name the same source? ``same_source("the UN (UN)", "The UN")``.

    Compared by the name before any parenthesis or comma, ignoring case and a
    leading article: "Carlos Tubino, the vice president ..." is "Carlos Tubino".
    """

    def core(name: str) -> str:
        name = re.split(r"[(,]", str(name).casefold().replace("’", "'"))[0]
        return " ".join(re.sub(r"^\s*(?:the|a|an)\s+", "", name).split())

    return bool(core(drafted)) and core(drafted) == core(coded)


#: Source types of a claim whose text names no one: not a source the draft could find in the sentence.
_NO_NAMED_SOURCE = ("unattributed", "the outlet itself")


@dataclass(frozen=True)
class Benchmark:
    """The drafter measured against the hand-coded claims of the five articles.

    ``sources_*`` measure ``attributed_to`` on the claims the draft finds:
    ``sources_named`` rows where the draft names a source, ``sources_right``
    those that name the hand-coded one (:func:`same_source`), and
    ``sources_to_find`` the claims whose hand-coded source is someone the text
    names (not "unattributed", not the outlet's own voice), of which
    ``sources_found`` the draft names rightly.
    """

    claims: int
    found: int
    drafted: int
    true_rows: int
    by_kind: pd.DataFrame
    misses: pd.DataFrame
    hedges_right: int
    sources_named: int = 0
    sources_right: int = 0
    sources_to_find: int = 0
    sources_found: int = 0
    sources: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @property
    def recall(self) -> float:
        """Of the hand-coded claims, the share the draft finds."""
        return self.found / self.claims if self.claims else 0.0

    @property
    def precision(self) -> float:
        """Of the drafted rows, the share that are hand-coded claims."""
        return self.true_rows / self.drafted if self.drafted else 0.0

    @property
    def source_precision(self) -> float:
        """Of the sources the draft names, the share that are the hand-coded one."""
        return self.sources_right / self.sources_named if self.sources_named else 0.0

    @property
    def source_recall(self) -> float:
        """Of the hand-coded sources the text names, the share the draft names rightly."""
        return self.sources_found / self.sources_to_find if self.sources_to_find else 0.0


def benchmark(load=None) -> Benchmark:
    """Recall and precision of :func:`draft_claims` on the five articles: ``benchmark().recall``.

    ``load(article_id)`` gives the article to draft: by default the course's
    parse of the scrape (``load_article``); the tests also pass pages built from
    the scrapes (a saved page, a copy from a browser) read with :func:`load`.
    """
    from .claims import load_claims
    from .corpus import load_article

    load = load or load_article
    claims = load_claims()
    compared, drafted, true_rows = [], 0, 0
    for article_id in sorted(claims["article_id"].unique()):
        draft = draft_claims(load(article_id), article_id)
        own = claims[claims["article_id"] == article_id]
        found = compare_with_claims(draft, own)
        found["drafted_attributed_to"] = found["drafted_id"].map(
            dict(zip(draft["claim_id"], draft["attributed_to"], strict=True))
        )
        compared.append(found)
        drafted += len(draft)
        true_rows += int(match_draft(draft, own).notna().sum())
    table = pd.concat(compared, ignore_index=True)
    by_kind = table.groupby("kind")["found"].agg(claims="size", found="sum")
    by_kind["recall"] = (by_kind["found"] / by_kind["claims"]).round(2)
    found = table[table["found"]].copy()
    found["source_named"] = found["drafted_attributed_to"].fillna("").str.strip() != ""
    found["source_right"] = [
        same_source(drafted, coded)
        for drafted, coded in zip(
            found["drafted_attributed_to"].fillna(""), found["attributed_to"], strict=True
        )
    ]
    found["source_to_find"] = ~found["source_type"].isin(_NO_NAMED_SOURCE)
    return Benchmark(
        claims=len(table),
        found=len(found),
        drafted=drafted,
        true_rows=true_rows,
        by_kind=by_kind,
        misses=table[~table["found"]],
        hedges_right=int((found["drafted_hedge"] == found["hedge"]).sum()),
        sources_named=int(found["source_named"].sum()),
        sources_right=int((found["source_named"] & found["source_right"]).sum()),
        sources_to_find=int(found["source_to_find"].sum()),
        sources_found=int((found["source_to_find"] & found["source_right"]).sum()),
        sources=found[
            [
                "claim_id",
                "article_id",
                "value_text",
                "attributed_to",
                "drafted_attributed_to",
                "source_type",
            ]
        ],
    )
