"""Parse one raw web-page scrape of an InSight Crime article into an :class:`Article`."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date

#: The heading the outlet puts before its own commentary on a news brief.
ANALYSIS_HEADING = "insight crime analysis"

# The navigation crumb glues the section path to the headline:
# "HomeNewsBriefPeru To Combat ..." -> kind "Brief", title "Peru To Combat ...".
_CRUMB = re.compile(r"^Home(?:News)?(Brief|Analysis)(?=\S)(?P<title>.+)$")
_KIND_LINE = re.compile(r"^(BRIEF|ANALYSIS)$", re.IGNORECASE)
# "PERU / 19 JUL 2012 BY EDWARD FOX EN": section label, date, byline, language.
# Any three letters are taken as the month, so that a misprinted month is reported, not read as text.
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
# Signposts only this site's pages print: a text with none of them is not a scrape of the site.
_SIGNPOSTS = (_CRUMB, _DATELINE, re.compile(
    rf"^({ANALYSIS_HEADING}$|share icon|was this content helpful\?|what are your thoughts\? click here "
    r"to send insight crime|we encourage readers to copy|about insight crime$)", re.IGNORECASE))
_HTML = re.compile(r"<\s*(!doctype|html|head|body|div|p|script|meta|a\s)[\s>]", re.IGNORECASE)


class NotAScrapeError(ValueError):
    """The text given to :func:`parse_scrape` is not a scrape of an InSight Crime article page."""


class ScrapeWarning(UserWarning):
    """A scrape was read, but one of its signposts could not be (the reason is in ``problems``)."""


@dataclass(frozen=True)
class Article:
    """One article as parsed from a scrape: ``parse_scrape(text).title``.

    Fields the scrape does not contain (a date, a headline) are ``None``;
    they are never guessed. ``problems`` says why a field the scrape does
    print could not be read (an impossible date, say). ``news`` holds the paragraphs before the outlet's
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
    problems: tuple[str, ...] = ()

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


def _byline(printed: str) -> str:
    """The byline as the page prints it; one printed in capitals is put in name case.

    "EDWARD FOX" becomes "Edward Fox" and "JEREMY MCDERMOTT" "Jeremy McDermott";
    a byline with small letters ("Jeremy McDermott") is kept exactly as printed.
    """
    if printed.upper() == _OUTLET.upper():
        return _OUTLET
    if printed != printed.upper():  # the page's own capitalisation
        return printed
    named = printed.title()
    return re.sub(r"\bMc([a-z])", lambda match: "Mc" + match[1].upper(), named)


def _parse_dateline(line: str) -> tuple[str, date | None, str | None, str | None] | None:
    """Section, date, byline and a problem (or None) from a dateline; None if it is not one."""
    match = _DATELINE.match(line)
    if not match:
        return None
    printed = f"{match['day']} {match['month']} {match['year']}"
    published, problem = None, None
    month = _MONTHS.get(match["month"].upper())
    if month is None:
        problem = f"the dateline's date {printed!r} has no month the parser knows, so published is None"
    else:
        try:
            published = date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            problem = f"the dateline's date {printed!r} does not exist, so published is None"
    byline = _byline(match["byline"]) if match["byline"] else None
    return match["section"].strip().title(), published, byline, problem


def _not_a_scrape(text: str, lines: list[str]) -> str | None:
    """Why a text is not a scrape of the site's article pages, or None when it is one."""
    if not lines:
        return "the text is empty"
    sample = text[:20000]
    if "\x00" in sample or "\ufffd" in sample or sum(
            1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f") > len(sample) / 100:
        return "the text holds binary data (control characters), not the text of a web page"
    if _HTML.search(sample) and len(re.findall(r"<[^>]{1,200}>", sample)) >= 3:
        return ("the text is the HTML source of a page; parse_scrape reads the page's text as "
                "scraped (what a browser shows), not its markup")
    if not any(pattern.match(line) for line in lines for pattern in _SIGNPOSTS):
        return ("the text has none of the signposts of an InSight Crime article page (navigation "
                "crumb, BRIEF/ANALYSIS line, dateline, \"InSight Crime Analysis\" heading, share "
                "block): it is not a scrape of that site")
    return None


def parse_scrape(text: str) -> Article:
    """Turn the raw text of one scraped article page into an :class:`Article`.

    ``parse_scrape(path.read_text(encoding="utf-8")).news`` gives the news
    paragraphs. Works on any scrape of the site's article pages: it reads the
    page's own signposts (navigation crumb, kind line, dateline, the
    "InSight Crime Analysis" heading, the share block) rather than rules for
    particular files. Windows line endings and non-breaking spaces are
    accepted; curly quotes are kept as they are.

    Raises :class:`NotAScrapeError` for a text that is not such a scrape
    (empty, binary, HTML source, another site's page), rather than return
    its boilerplate as the article. A dateline whose date cannot be read
    leaves ``published`` None, says why in ``problems`` and warns.
    """
    if isinstance(text, bytes | bytearray):
        raise NotAScrapeError("give the scrape as text (str), not bytes: decode it first, "
                              "e.g. data.decode(\"utf-8\")")
    if not isinstance(text, str):
        raise NotAScrapeError(f"give the scrape as text (str); this is a {type(text).__name__}")
    lines = [clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    why_not = _not_a_scrape(text, lines)
    if why_not:
        raise NotAScrapeError(f"This is not a scrape of an InSight Crime article page: {why_not}.")

    title = kind = section = byline = None
    published = None
    problems: list[str] = []
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
        section, published, byline, problem = dateline
        if problem:
            problems.append(problem)
            warnings.warn(f"parse_scrape: {problem}", ScrapeWarning, stacklevel=2)
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
        problems=tuple(problems),
    )
