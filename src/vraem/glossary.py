"""The course's bilingual glossary: ``glossary("DEVIDA")`` prints what a term means and its source.

The entries live in ``data/glossary.csv``: the term as the lessons use it, its
Spanish form, an English gloss, a definition in the course's words, and the
passage (an article quote or a reference passage) that attests it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd

from .i18n import _, current_language
from .paths import data_file
from .provenance import article_texts
from .scrape import clean_line
from .tables import read_table

#: The reference files a glossary passage may come from.
REFERENCE_FILES = (
    "reference/context_facts.md",
    "reference/README.md",
    "reference/coca_cultivation_peru.csv",
)


#: An acronym, as the lessons' prose is searched for them: a word of two or more capital
#: letters (VRAE, VRAEM, UN), optionally with a plural or possessive "s" (NGOs). Words with
#: digits are row ids (C033, E25, P007), not acronyms, and never match.
ACRONYM = re.compile(r"\b([A-Z]{2,})s?\b")

#: What is not prose in a Markdown cell: fenced code, inline code (column names, dates such
#: as `19 JUL 2012`, constants such as `PALETTE`), link and image targets, HTML tags, addresses.
NOT_PROSE = re.compile(r"```.*?```|~~~.*?~~~|`[^`]*`|\]\([^)]*\)|<[^>]+>|https?://\S+", re.DOTALL)

#: Capitalised words in the lessons' prose that are not terms of the subject and so have no
#: glossary entry (the glossary only holds what an article or a reference passage attests),
#: with where the lesson explains them.
NOT_GLOSSED = {
    "AI": "artificial intelligence; lesson 05 spells it out where it says its outside coders were AI-assistant sessions",
    "SVG": "a picture file format; lesson 00 says what it is where it uses it",
    "SEE": 'from the label "SEE ALSO: …" that lesson 01 quotes from the scraped pages',
    "ALSO": 'from the label "SEE ALSO: …" that lesson 01 quotes from the scraped pages',
    "HTML": "the file format of a saved web page, which lesson 06 asks for",
    "README": "the name of the course's front-page file, which lesson 06 links to",
    "SIFT": "the name of Mike Caulfield's four reading moves, which lesson 06 credits and explains (reference (l))",
    "CC": 'from "CC BY 4.0", the name of the licence SIFT is published under (lesson 06, reference (l))',
    "BY": 'from "CC BY 4.0", the name of the licence SIFT is published under (lesson 06, reference (l))',
}


def acronyms(markdown: str) -> set[str]:
    """The acronyms in a Markdown text, code left out: ``acronyms("The VRAE (`NA`)") == {"VRAE"}``."""
    return set(ACRONYM.findall(NOT_PROSE.sub(" ", markdown)))


def load_glossary() -> pd.DataFrame:
    """Return the glossary table, one row per term: ``load_glossary()["term"]``."""
    return read_table("glossary")


def _fold(text: str) -> str:
    """Lower case without accents or hyphens, so "hectarea" finds "hectárea"."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("-", " ").split())


def find_term(term: object) -> pd.Series | None:
    """The glossary row whose term, Spanish form or English gloss is ``term``, or ``None``."""
    table = load_glossary()
    wanted = _fold(term)
    for column in ("term", "spanish", "english"):
        hits = table[table[column].map(_fold) == wanted]
        if len(hits):
            return hits.iloc[0]
    return None


def term_names() -> dict[str, str]:
    """Each name a term goes by in running text, mapped to its term: ``term_names()["hectare"]``.

    The term, its Spanish form and its English gloss, except glosses that explain rather
    than name (with a parenthesis, such as "ONDCP (a United States government office)").
    """
    names: dict[str, str] = {}
    for _index, row in load_glossary().iterrows():
        for name in (row["term"], row["spanish"], row["english"]):
            if "(" not in name:
                names.setdefault(name, row["term"])
    return names


def _source_line(row: pd.Series) -> str:
    if row["source_kind"] == "article":
        return _("Source: article {article}, “{quote}” (InSight Crime)").format(
            article=row["article_id"], quote=row["quote"]
        )
    where = (
        row["source_url"]
        if isinstance(row["source_url"], str) and row["source_url"]
        else "data/reference/"
    )
    return _("Source: “{quote}” ({where})").format(quote=row["quote"], where=where)


def _entry(row: pd.Series) -> str:
    """A term's entry as :func:`glossary` prints it, with the definition in the helpers' language.

    The passage that attests the term stays as published (an English article or a reference note).
    """
    heading = _("{term} — Spanish: {spanish} · English: {english}").format(
        term=row["term"], spanish=row["spanish"], english=row["english"]
    )
    definition = row["definition"]
    if current_language() == "es" and isinstance(row.get("definition_es"), str):
        definition = row["definition_es"]
    return f"{heading}\n{definition}\n{_source_line(row)}"


def _listed_name(row: pd.Series) -> str:
    """The name a term is listed under: in Spanish its Spanish form, unless that is a long expansion.

    ("Sendero Luminoso" for Shining Path, but "DIRCOTE" rather than "Dirección Contra el
    Terrorismo"); every listed name finds its entry.
    """
    if current_language() == "es" and len(str(row["spanish"]).split()) <= 3:
        return row["spanish"]
    return row["term"]


def glossary(term: object = None) -> None:
    """Print a term's entry with its source: ``glossary("VRAEM")``; ``glossary()`` lists every term.

    Spanish and English forms work too (``glossary("Sendero Luminoso")``), with
    or without accents. Never raises: an unknown term gets the nearest ones.
    """
    try:
        table = load_glossary()
    except Exception as error:  # a damaged data file is named by its own message
        print(_("The glossary could not be read: {error}").format(error=error))
        return
    if term is None:
        names = [_listed_name(row) for _index, row in table.iterrows()]
        print(
            _('Terms in the glossary: {terms}. Run glossary("TERM") for one.').format(
                terms=", ".join(names)
            )
        )
        return
    try:
        row = find_term(term)
    except Exception:
        row = None
    if row is None:
        names = list(table["term"]) + list(table["spanish"]) + list(table["english"])
        close = difflib.get_close_matches(
            _fold(term), [_fold(name) for name in names], n=3, cutoff=0.6
        )
        nearest = [name for name in names if _fold(name) in close]
        shown = repr(str(term)[:60])
        if nearest:
            print(
                _(
                    "{term} is not in the glossary. Did you mean: {nearest}? "
                    "Run glossary() for every term."
                ).format(term=shown, nearest=", ".join(dict.fromkeys(nearest)))
            )
        else:
            print(
                _("{term} is not in the glossary. Run glossary() for every term.").format(
                    term=shown
                )
            )
        return
    print(_entry(row))


def glossary_problems(table: pd.DataFrame) -> list[str]:
    """What does not hold in the glossary: ``glossary_problems(load_glossary()) == []``.

    An article quote must stand in that article's text; a reference passage in
    one of the reference files, with an address that those files cite (or the
    reference README itself).
    """
    texts = article_texts()
    reference = {
        name: clean_line(data_file(name).read_text(encoding="utf-8")) for name in REFERENCE_FILES
    }
    problems = []
    for _index, row in table.iterrows():
        where, quote = f"glossary.csv, term {row['term']!r}", clean_line(row["quote"])
        if row["source_kind"] == "article":
            if quote not in texts.get(row["article_id"], ""):
                problems.append(f"{where}: the quote is not in article {row['article_id']}")
            continue
        if not any(quote in text for text in reference.values()):
            problems.append(f"{where}: the passage is not in data/reference/")
        url = row["source_url"] if isinstance(row["source_url"], str) else ""
        if url != "data/reference/README.md" and not any(
            url and url in text for text in reference.values()
        ):
            problems.append(f"{where}: the address {url!r} is not cited in data/reference/")
    return problems
