"""Parse one raw web-page scrape of an InSight Crime article into an :class:`Article`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

#: The heading the outlet puts before its own commentary on a news brief.
ANALYSIS_HEADING = "insight crime analysis"

# The navigation crumb glues the section path to the headline:
# "HomeNewsBriefPeru To Combat ..." -> kind "Brief", title "Peru To Combat ...".
_CRUMB = re.compile(r"^Home(?:News)?(Brief|Analysis)(?=\S)(?P<title>.+)$")
_KIND_LINE = re.compile(r"^(BRIEF|ANALYSIS)$", re.IGNORECASE)
# "PERU / 19 JUL 2012 BY EDWARD FOX EN": section label, date, byline, language.
_DATELINE = re.compile(
    r"^(?P<section>[^/]{2,40}?) / (?P<day>\d{1,2}) (?P<month>[A-Za-z]{3}) (?P<year>\d{4})"
    r"(?: BY (?P<byline>.+?))?(?: (?:EN|ES))?$"
)
_MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
# The first of these lines ends the article: what follows is page furniture.
_END_MARKERS = re.compile(
    r"^(share icon|was this content helpful\?|what are your thoughts\?|"
    r"we encourage readers to copy|we want to sustain|donate$|related content$|"
    r"about insight crime$|investigations$)",
    re.IGNORECASE,
)
# Lines inside the article that are not part of the text: cross-links and image credits.
_INLINE_FURNITURE = re.compile(
    r"^(see also:|(photo|image|map)( source)?:|[\w-]+source: )", re.IGNORECASE
)
_CAPTION_MAX_WORDS = 15
# Site name as the outlet spells it; bylines are printed in capitals.
_OUTLET = "InSight Crime"


@dataclass(frozen=True)
class Article:
    """One article as parsed from a scrape: ``parse_scrape(text).title``.

    Fields the scrape does not contain (a date, a headline) are ``None``;
    they are never guessed. ``news`` holds the paragraphs before the outlet's
    "InSight Crime Analysis" heading, ``analysis`` those after it.
    """

    title: str | None
    published: date | None
    byline: str | None
    kind: str | None
    section: str | None
    news: tuple[str, ...]
    analysis: tuple[str, ...]
    raw: str = field(repr=False)
    id: str | None = None

    @property
    def body(self) -> tuple[str, ...]:
        """All paragraphs of the article text: news, then analysis."""
        return self.news + self.analysis

    @property
    def text(self) -> str:
        """The article text as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.body)

    @property
    def word_count(self) -> int:
        """The number of words in the article text."""
        return len(self.text.split())


def clean_line(line: str) -> str:
    """Fold every run of white space (non-breaking spaces too) into one space."""
    return " ".join(line.split())


def _parse_dateline(line: str) -> tuple[str, date | None, str | None] | None:
    match = _DATELINE.match(line)
    if not match or match["month"].upper() not in _MONTHS:
        return None
    published = date(int(match["year"]), _MONTHS[match["month"].upper()], int(match["day"]))
    byline = match["byline"]
    if byline:
        byline = _OUTLET if byline.upper() == _OUTLET.upper() else byline.title()
    return match["section"].strip().title(), published, byline


def parse_scrape(text: str) -> Article:
    """Turn the raw text of one scraped article page into an :class:`Article`.

    ``parse_scrape(path.read_text(encoding="utf-8")).news`` gives the news
    paragraphs. Works on any scrape of the site's article pages: it reads the
    page's own signposts (navigation crumb, kind line, dateline, the
    "InSight Crime Analysis" heading, the share block) rather than rules for
    particular files. Windows line endings and non-breaking spaces are
    accepted; curly quotes are kept as they are.
    """
    lines = [clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]

    title = kind = section = byline = None
    published = None
    position = 0
    # The header: crumb, kind line, headline, dateline, in that order, each optional.
    if position < len(lines) and (crumb := _CRUMB.match(lines[position])):
        kind, title = crumb[1].title(), crumb["title"].strip()
        position += 1
    if position < len(lines) and _KIND_LINE.match(lines[position]):
        kind = lines[position].title()
        position += 1
    if title and position < len(lines) and lines[position] == title:
        position += 1
    if position < len(lines) and (dateline := _parse_dateline(lines[position])):
        section, published, byline = dateline
        position += 1

    body: list[str] = []
    for line in lines[position:]:
        if _END_MARKERS.match(line):
            break
        if not _INLINE_FURNITURE.match(line):
            body.append(line)

    # A photo caption can stand before the text: a short line followed by a longer one.
    if len(body) > 1 and len(body[0].split()) <= _CAPTION_MAX_WORDS and len(body[1]) > len(body[0]):
        body = body[1:]

    headings = [i for i, line in enumerate(body) if line.lower() == ANALYSIS_HEADING]
    if headings:
        news, analysis = body[: headings[0]], body[headings[0] + 1 :]
    else:
        news, analysis = body, []
    return Article(
        title=title,
        published=published,
        byline=byline,
        kind=kind,
        section=section,
        news=tuple(news),
        analysis=tuple(analysis),
        raw=text,
    )
