"""Quote an article with the attribution its licence asks for: ``quote("003", "52 bases")``."""

from __future__ import annotations

import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from html import escape

import pandas as pd

from .contract import CHECK_MODE_VARIABLE
from .corpus import load_article, load_metadata
from .i18n import N_, _
from .paths import data_file
from .provenance import article_texts
from .scrape import clean_line

#: A publication date in a credit line, one pattern per month: the month is written in the learner's
#: language by the catalogue (Spanish as Peru abbreviates it, "04 set. 2020"), not by the OS locale.
_DATE_PATTERNS = (
    N_("{day} Jan {year}"),
    N_("{day} Feb {year}"),
    N_("{day} Mar {year}"),
    N_("{day} Apr {year}"),
    N_("{day} May {year}"),
    N_("{day} Jun {year}"),
    N_("{day} Jul {year}"),
    N_("{day} Aug {year}"),
    N_("{day} Sep {year}"),
    N_("{day} Oct {year}"),
    N_("{day} Nov {year}"),
    N_("{day} Dec {year}"),
)


def date_text(day) -> str:
    """A date as a credit line writes it, in the learner's language: "04 Sep 2020", "04 set. 2020"."""
    return _(_DATE_PATTERNS[day.month - 1]).format(day=f"{day.day:02d}", year=day.year)


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
        if self.byline and self.byline != "InSight Crime":
            return _("InSight Crime, by {byline}, “{title}” ({date}), {url}").format(
                byline=self.byline, title=self.title, date=self.date, url=self.url
            )
        return f"InSight Crime, “{self.title}” ({self.date}), {self.url}"

    def __str__(self) -> str:
        """The passage and its attribution, as ``print(quote(...))`` shows them."""
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
        message = _(
            "The passage “{passage}…” is not in article {article}: copy it from the text "
            "exactly, including quote marks and apostrophes."
        ).format(passage=wanted[:60], article=key)
        if os.environ.get(CHECK_MODE_VARIABLE):
            raise QuoteNotFoundError(message)
        warnings.warn(message, stacklevel=2)
    # an undated article's credit says only that: its window is what lesson 01 asks learners to find
    when = date_text(row["published"]) if not pd.isna(row["published"]) else _("undated")
    return Quote(
        key, wanted, row["title"], "" if pd.isna(row["byline"]) else row["byline"], when, row["url"]
    )


#: An address in the reference notes (they close it with a space, a bracket or a quote mark).
_URL = re.compile(r"https?://[^\s)\"]+")
#: Host-name parts that say nothing about who published a page.
_GENERIC_HOST_PARTS = {
    "www",
    "com",
    "org",
    "net",
    "edu",
    "info",
    "blogspot",
    "archivo",
    "busquedas",
    "internacional",
    "research",
    "news",
    "pages",
    "dev",
    "api",
}
#: Words after which the notes stop naming a source and start saying what it says.
_REPORTING_VERBS = re.compile(r"\s(?:says|said|attributes|reports|writes)\s.*$")
_NOTES = "data/reference/context_facts.md"


@dataclass(frozen=True)
class ReferenceNote:
    """A passage of data/reference/context_facts.md, shown with where it comes from.

    ``publisher`` and ``url`` name the original source of a quoted excerpt (``url`` is
    ``None`` when the notes give no address for it); for the notes' own summary
    ``publisher`` is ``None``. ``item`` is the notes' section, e.g. ``"(h)"``.
    """

    text: str
    item: str | None
    publisher: str | None
    url: str | None

    @property
    def credit(self) -> str:
        """The credit line: original publisher and address, then where the notes keep it."""
        where = (
            _("{notes}, item {item}").format(notes=_NOTES, item=self.item) if self.item else _NOTES
        )
        if self.publisher is None:
            return _(
                "the course's reference notes, {where} (our summary of the sources listed there)"
            ).format(where=where)
        if self.url is None:
            return _(
                "{publisher} (the notes give no address for this passage), as quoted in {where}"
            ).format(publisher=self.publisher, where=where)
        return _("{publisher}, {url}, as quoted in {where}").format(
            publisher=self.publisher, url=self.url, where=where
        )

    def __str__(self) -> str:
        """The passage and its credit, as ``print(reference_note(...))`` shows them."""
        return f"“{self.text}”\n    — {self.credit}"

    def _repr_markdown_(self) -> str:
        return f"> {escape(self.text, quote=False)}\n>\n> — {escape(self.credit, quote=False)}"


def reference_note(passage: str) -> ReferenceNote:
    """Show a passage of the course's reference notes with its origin, after checking it is there.

    ``reference_note("lo hallaron escondido y desarmado")`` is credited to El Comercio
    with the address the notes give; a passage of the notes' own summary (say
    ``"UNODC stopped publishing a Peru figure after 2008."``) is credited to the notes.
    White space is compared loosely. Raises :class:`QuoteNotFoundError` if the words are
    not in data/reference/context_facts.md.
    """
    wanted = clean_line(passage)
    lines = data_file("reference/context_facts.md").read_text(encoding="utf-8").splitlines()
    # fold the whole file, remembering which line each character came from, so that a
    # passage of the notes' prose may run over a line break
    folded, owner, line_start = "", [], {}
    for number, line in enumerate(lines):
        for word in line.split():
            if folded:
                folded += " "
                owner.append(number)
            line_start.setdefault(number, len(folded))
            folded += word
            owner.extend([number] * len(word))
    found = []
    position = folded.find(wanted) if wanted else -1
    while position >= 0:
        number = owner[position]
        found.append(
            ReferenceNote(
                wanted,
                _item(lines[:number]),
                *_source(lines, number, position - line_start[number]),
            )
        )
        position = folded.find(wanted, position + 1)
    if not found:
        raise QuoteNotFoundError(
            _("“{passage}…” is not in {notes}: copy the words from that file exactly.").format(
                passage=wanted[:60], notes=_NOTES
            )
        )
    # the same words may stand in a summary column and in the excerpt: credit the excerpt
    return next((note for note in found if note.publisher), found[0])


def _item(lines_before: list[str]) -> str | None:
    """The section a line belongs to: "(h)" for "## (h) Capture of ...", else the heading's words."""
    for line in reversed(lines_before):
        if line.startswith("## "):
            heading = line[3:].strip()
            letter = re.match(r"\([a-z]\)", heading)
            return letter.group(0) if letter else f"“{heading.split(' (')[0]}”"
    return None


def _source(lines: list[str], number: int, column: int) -> tuple[str | None, str | None]:
    """Who published the excerpt at ``column`` of line ``number``, and its address.

    The notes cite in three ways: an introducing bullet followed by ``> "excerpt"`` lines;
    ``Source, date: "excerpt" address`` on one line; and a table cell
    ``Source, date, address — "excerpt"``. Words that stand in none of these (the notes'
    own summary) have no publisher.
    """
    line = clean_line(lines[number])
    if line.startswith(">"):
        above = number - 1
        while above >= 0 and clean_line(lines[above]).startswith(">"):
            above -= 1  # other excerpts from the same source
        intro = []
        while above >= 0 and lines[above].strip() and not lines[above].startswith("#"):
            text = clean_line(lines[above])
            if text.startswith(">"):
                break
            intro.insert(0, text)
            if text.startswith("- "):
                break
            above -= 1
        label = " ".join(intro)
        url = _first_url(label)
        return _publisher(label, url), url
    # elsewhere the notes put each excerpt in plain double quotes, after the source's name,
    # on a bullet, in a table row, or on a line that gives an address
    cited = line.startswith(("- ", "|")) or _URL.search(line)
    segment = line
    if line.startswith("|"):  # keep to the table cell that holds the passage
        left = line.rfind("|", 0, column) + 1
        right = line.find("|", column)
        segment, column = line[left : right if right >= 0 else None], column - left
    marks = [index for index, char in enumerate(segment[:column]) if char == '"']
    if not cited or len(marks) % 2 == 0:  # the passage is not inside a quoted excerpt
        return None, None
    opening = marks[-1]
    label = segment[(marks[-2] + 1) if len(marks) > 1 else 0 : opening]
    closing = segment.find('"', column)
    following = segment[closing + 1 :] if closing >= 0 else ""
    url = _first_url(label) or _first_url(following.split('"')[0])
    name = _publisher(label, url)
    return (name, url) if name else (None, None)


def _first_url(text: str) -> str | None:
    found = _URL.search(text)
    return found.group(0).rstrip(".,;:") if found else None


def _letters(text: str) -> str:
    """Lower-case letters and digits only, accents dropped: "Diálogo Americas" -> "dialogoamericas"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _publisher(label: str, url: str | None) -> str | None:
    """Pick the source's name out of the words that introduce an excerpt.

    The words often open with a topic ("Valdés was PM in 2012. Foreign Policy Blogs,
    16 May 2012."), so the label is cut into sentences and the one that names the
    address's site is taken; without an address, the last one.
    """
    text = re.sub(r"\(\s*https?://[^)]*\)", "", label)
    text = _URL.sub("", text.replace("URL:", "")).replace("**", "")
    if text.startswith("- "):
        text = text[2:]
    sentences = re.split(r"(?<=[.;])\s+(?=[A-Z\"“(])|;\s+", text)
    chunks = [chunk for chunk in sentences if chunk.strip()]
    names = []
    for chunk in chunks:
        words = _before_colon(chunk)
        cut = _REPORTING_VERBS.sub("", words)
        name = re.sub(r"^vs\.?\s+", "", cut.strip(" .,:;—-"))
        # "What it says its work is." leaves "What it": a sentence about the source, not its name
        if name and not (cut != words and len(name.split()) <= 2):
            names.append(name)
    if not url:
        return names[-1] if names else None
    host = re.sub(r"^https?://", "", url).split("/")[0]
    parts = [_letters(part) for part in host.split(".")]
    parts = [part for part in parts if len(part) >= 3 and part not in _GENERIC_HOST_PARTS]
    for name in names:
        if any(part in _letters(name) for part in parts):
            return name
    if names and _names_a_source(names[-1]):
        return names[-1]
    # nothing before the address names a source (a summary, a licence, a table's range): the
    # address's site is the most honest name for who published the excerpt
    return re.sub(r"^www\.", "", host)


def _names_a_source(words: str) -> bool:
    """Could these words be a source's name? Not a licence line, and not words with no capital."""
    return any(char.isupper() for char in words) and not re.search(r"\bCC BY\b|licen[cs]e", words)


def _before_colon(text: str) -> str:
    """The words before the first ": " that is not inside quotation marks (a title may hold one)."""
    inside = False
    for index, char in enumerate(text):
        if char in '"“”':
            inside = not inside if char == '"' else char == "“"
        elif not inside and text.startswith(": ", index):
            return text[:index]
    return text
