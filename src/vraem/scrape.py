"""Parse one raw web-page scrape of an InSight Crime article into an :class:`Article`."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date

from .i18n import _

#: The heading the outlet puts before its own commentary on a news brief.
ANALYSIS_HEADING = "insight crime analysis"

# The navigation crumb: the scrape glues the section path to the headline,
# "HomeNewsBriefPeru To Combat ..." -> kind "Brief", title "Peru To Combat ...";
# a copy from a browser may separate the parts: "Home / News / Brief / Peru To Combat ...". Without a
# headline after it ("Home / News / Analysis") it could be any site's menu, so it is not taken.
_CRUMB_SEPARATOR = r"\s*[/>»›|]\s*"
_CRUMB = re.compile(
    rf"^Home(?:{_CRUMB_SEPARATOR})?(?:News(?:{_CRUMB_SEPARATOR})?)?(?P<kind>Brief|Analysis)"
    rf"(?:{_CRUMB_SEPARATOR}(?P<title>\S.*)|(?P<glued>[^a-z\s/>»›|].*))$"
)
# The label above the headline, printed in capitals ("Analysis" in small letters is a menu item).
_KIND_LINE = re.compile(r"^(BRIEF|ANALYSIS)$")
# "PERU / 19 JUL 2012 BY EDWARD FOX EN": section label, date, byline, language.
# Any three letters are taken as the month, so that a misprinted month is reported, not read as text;
# a month written out ("July", "Sept") is read too.
_LANGUAGES = r"(?:\s+(?:EN|ES))*"
_MONTH_NAMES = (
    "january february march april may june july august september october november december sept"
).split()
_DATELINE = re.compile(
    r"^(?P<section>[^/]{2,40}?) / (?P<day>\d{1,2}) "
    rf"(?P<month>{'|'.join(_MONTH_NAMES)}|[A-Za-z]{{3}}) (?P<year>\d{{4}})"
    rf"(?: BY (?P<byline>.+?))?{_LANGUAGES}$",
    re.IGNORECASE,
)
# A byline printed on the line after the date, as a copy from a browser may give it.
_BYLINE_LINE = re.compile(rf"^BY (?P<byline>.+?){_LANGUAGES}$", re.IGNORECASE)
_LANGUAGE_LINE = re.compile(r"^(?:EN|ES)(?:\s*[/|]?\s*(?:EN|ES))*$", re.IGNORECASE)
# The header is looked for above the first line this long (article text), in at most this many lines
# (the site's menu, a "URL: ..." line or blank lines may stand above it).
_PARAGRAPH_WORDS = 25
_HEADER_LINES = 150
_MONTHS = {
    m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)
}
# The first of these lines ends the article: what follows is page furniture.
_END_MARKERS = re.compile(
    r"^(share icon|was this content helpful\?|what are your thoughts\?|"
    r"we encourage readers to copy|we want to sustain|donate$|related content$|"
    r"about insight crime$|investigations$)",
    re.IGNORECASE,
)
# The lines of those that only follow an article (the others, "Donate", "Investigations", can be
# items of the site's menu above it).
_AFTER_THE_TEXT = re.compile(
    r"^(share icon|was this content helpful\?|what are your thoughts\?|we encourage readers to copy|"
    r"we want to sustain|related content$)",
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
_SIGNPOSTS = (
    _CRUMB,
    _DATELINE,
    re.compile(
        rf"^({ANALYSIS_HEADING}$|share icon|was this content helpful\?|what are your thoughts\? click here "
        r"to send insight crime|we encourage readers to copy|about insight crime$)",
        re.IGNORECASE,
    ),
)
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
    month = _MONTHS.get(match["month"][:3].upper())
    if month is None:
        problem = _(
            "the dateline's date {date} has no month the parser knows, so published is None"
        ).format(date=repr(printed))
    else:
        try:
            published = date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            problem = _("the dateline's date {date} does not exist, so published is None").format(
                date=repr(printed)
            )
    byline = _byline(match["byline"]) if match["byline"] else None
    return match["section"].strip().title(), published, byline, problem


def _not_a_scrape(text: str, lines: list[str]) -> str | None:
    """Why a text is not a scrape of the site's article pages, or None when it is one."""
    if not lines:
        return _("the text is empty")
    sample = text[:20000]
    if (
        "\x00" in sample
        or "\ufffd" in sample
        or sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f") > len(sample) / 100
    ):
        return _("the text holds binary data (control characters), not the text of a web page")
    if _HTML.search(sample) and len(re.findall(r"<[^>]{1,200}>", sample)) >= 3:
        return _(
            "the text is the HTML source of a page; parse_scrape reads the page's text as "
            "scraped (what a browser shows), not its markup"
        )
    if not any(pattern.match(line) for line in lines for pattern in _SIGNPOSTS):
        return _(
            "the text has none of the signposts of an InSight Crime article page (navigation "
            'crumb, BRIEF/ANALYSIS line, dateline, "InSight Crime Analysis" heading, share '
            "block): it is not a scrape of that site"
        )
    return None


@dataclass(frozen=True)
class _Header:
    """What the page prints above the article, and the index of the line where the text starts."""

    title: str | None = None
    published: date | None = None
    byline: str | None = None
    kind: str | None = None
    section: str | None = None
    problems: tuple[str, ...] = ()
    end: int = 0


def _could_be_headline(line: str) -> bool:
    """True for a line that may be the headline above a dateline; False for a URL, a label, a menu item."""
    return (
        len(line.split()) >= 3
        and line != line.upper()
        and "://" not in line
        and not line.lower().startswith(("url:", "www."))
        and not _CRUMB.match(line)
    )


def _read_header(lines: list[str]) -> _Header:
    """Find the page's header (crumb, kind line, headline, dateline) above the article text.

    The header need not open the text: a "URL: ..." line, the site's menu or other lines a
    browser copies may stand above it. It is looked for above the first line long enough to be
    article text. The dateline anchors it; without one, the navigation crumb does. A text with
    neither has no header (``end`` is 0): nothing is guessed.
    """
    top = next(
        (
            i
            for i, line in enumerate(lines[:_HEADER_LINES])
            if len(line.split()) >= _PARAGRAPH_WORDS
            or line.lower() == ANALYSIS_HEADING
            or _AFTER_THE_TEXT.match(line)
        ),
        min(len(lines), _HEADER_LINES),
    )
    datelines = [i for i in range(top) if _DATELINE.match(lines[i])]
    signed = [i for i in datelines if _DATELINE.match(lines[i])["byline"]]
    # the article's own dateline: the signed one nearest the text (teasers of other articles print
    # unsigned datelines), else the first
    dated_at = signed[-1] if signed else datelines[0] if datelines else None
    crumbs = [i for i in range(dated_at if dated_at is not None else top) if _CRUMB.match(lines[i])]
    crumb_at = crumbs[-1] if crumbs else None
    if dated_at is None and crumb_at is None:
        return _Header()

    title = kind = section = byline = published = None
    problems: list[str] = []
    end = 0
    if crumb_at is not None:
        crumb = _CRUMB.match(lines[crumb_at])
        kind = crumb["kind"].title()
        title = (crumb["title"] or crumb["glued"] or "").strip() or None
        end = crumb_at + 1
        if end < len(lines) and _KIND_LINE.match(lines[end]):
            kind, end = lines[end].title(), end + 1
        if title and end < len(lines) and lines[end] == title:
            end += 1
    if dated_at is not None:
        above = lines[dated_at - 1] if dated_at > end else None
        if above is not None and title is None and _could_be_headline(above):
            title = above
            above = lines[dated_at - 2] if dated_at - 1 > end else None
        if above is not None and kind is None and _KIND_LINE.match(above):
            kind = above.title()
        section, published, byline, problem = _parse_dateline(lines[dated_at])
        problems += [problem] if problem else []
        end = dated_at + 1
        if byline is None and end < len(lines) and (by := _BYLINE_LINE.match(lines[end])):
            byline, end = _byline(by["byline"]), end + 1
    while end < len(lines) and _LANGUAGE_LINE.match(lines[end]):
        end += 1
    return _Header(
        title=title,
        published=published,
        byline=byline,
        kind=kind,
        section=section,
        problems=tuple(problems),
        end=end,
    )


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
        raise NotAScrapeError(
            _(
                'give the scrape as text (str), not bytes: decode it first, e.g. data.decode("utf-8")'
            )
        )
    if not isinstance(text, str):
        raise NotAScrapeError(
            _("give the scrape as text (str); this is a {kind}").format(kind=type(text).__name__)
        )
    lines = [
        clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    lines = [line for line in lines if line]
    why_not = _not_a_scrape(text, lines)
    if why_not:
        raise NotAScrapeError(
            _("This is not a scrape of an InSight Crime article page: {reason}.").format(
                reason=why_not
            )
        )

    header = _read_header(lines)
    for problem in header.problems:
        warnings.warn(f"parse_scrape: {problem}", ScrapeWarning, stacklevel=2)

    body: list[str] = []
    for line in lines[header.end :]:
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
        title=header.title,
        published=header.published,
        byline=header.byline,
        kind=header.kind,
        section=header.section,
        news=tuple(news),
        analysis=tuple(analysis),
        raw=text,
        problems=header.problems,
    )
