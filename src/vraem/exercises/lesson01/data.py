"""The keys of lesson 01 and the figures behind them, worked out from the corpus and the claims table.

Every key comes from the data files: the scrape's words from the articles,
the brief parts and kinds from ``data/articles.csv``, who gives a figure from
``data/claims.csv``, the dates from the metadata, the articles' text and
``data/events.csv``. Where a question lists options, they are fixed in the
lesson and the key is the option the data bears out. This module registers no
exercise.
"""

from __future__ import annotations

import calendar
import re

import pandas as pd

from ...claims import load_claims
from ...corpus import load_article, load_corpus
from ...timeline import load_events

#: The article whose raw scrape exercise 1.1 measures.
MEASURED_ARTICLE = "000"
#: The brief whose "52 bases" sentence exercise 1.3 asks about.
BASES_BRIEF = "003"
#: The undated analysis (exercise 1.5) and the headline-less brief (exercises 1.4 and 1.6).
UNDATED_ANALYSIS, UNDATED_BRIEF = "001", "004"

_MONTH_NAMES = [name.lower() for name in calendar.month_name[1:]]
#: source_type values that name no source outside the outlet (see data/datapackage.json).
_NO_NAMED_SOURCE = ("the outlet itself", "unattributed")


def _raw_and_text_words(article_id: str) -> tuple[int, int]:
    article = load_article(article_id)
    return len(article.raw.split()), article.word_count


def boilerplate_share() -> float:
    """Share of the words of article 000's raw scrape that are not article text (as the parser counts it)."""
    raw_words, text_words = _raw_and_text_words(MEASURED_ARTICLE)
    return (raw_words - text_words) / raw_words


def _shares_counting_the_heading_as_text() -> list[float]:
    """The 1.1 answers of a learner who counts the headline (and the dateline) as article text."""
    article = load_article(MEASURED_ARTICLE)
    raw_words = len(article.raw.split())
    headline = len((article.title or "").split())
    dateline = next(
        (
            len(line.split())
            for line in article.raw.splitlines()
            if re.search(r"\b\d{1,2} [A-Z]{3} \d{4}\b", line)
        ),
        0,
    )
    return [
        (raw_words - article.word_count - extra) / raw_words
        for extra in (headline, headline + dateline)
    ]


def analysis_articles() -> frozenset[str]:
    """Ids of the articles whose kind (in the metadata table) is Analysis."""
    corpus = load_corpus()
    return frozenset(corpus.loc[corpus["kind"] == "Analysis", "article_id"])


def _part_words(part: str) -> dict[str, int]:
    """Words in one part ("news" or "analysis") of every Brief, by article id."""
    corpus = load_corpus()
    briefs = corpus[corpus["kind"] == "Brief"]
    return {
        article_id: len(text.split())
        for article_id, text in zip(briefs["article_id"], briefs[part], strict=True)
    }


def longest_analysis_section() -> frozenset[str]:
    """Id of the Brief whose InSight Crime Analysis section has the most words."""
    words = _part_words("analysis")
    return frozenset({max(words, key=words.get)})


#: Word counts closer than this cannot rank texts: the count depends on how words are split.
CLOSE_WORDS = 10


def long_news_parts() -> frozenset[str]:
    """Ids of the Briefs whose news part is within CLOSE_WORDS words of the longest one."""
    words = _part_words("news")
    longest = max(words.values())
    return frozenset(
        article_id for article_id, count in words.items() if longest - count <= CLOSE_WORDS
    )


def _claim_with(article_id: str, words: str) -> pd.Series:
    """The claims-table row(s) of one article whose quote holds ``words``, as one row.

    Several rows may share a quote (two figures in one sentence); they must
    agree on who speaks and where, or the key cannot be derived.
    """
    claims = load_claims()
    rows = claims[
        (claims["article_id"] == article_id) & claims["quote"].str.contains(words, regex=False)
    ]
    if rows.empty:
        raise ValueError(f"no claim of article {article_id} quotes {words!r}")
    if rows[["attributed_to", "source_type", "section"]].drop_duplicates().shape[0] > 1:
        raise ValueError(f"the claims quoting {words!r} disagree on their source or section")
    return rows.iloc[0]


# Exercise 1.3: where the "52 bases" sentence stands and who gives the figure.
BASES_WORDS = "the VRAEM currently has 52 bases"
BASES_OPTIONS = {
    "a": "The news part; the figure comes from Peru's Counter-Terrorism Directorate (DIRCOTE).",
    "b": "The analysis section; the figure comes from DIRCOTE, which the brief names as its source.",
    "c": "The analysis section; InSight Crime gives the figure on its own word, naming no source.",
    "d": "The news part; the figure comes from the Ministry of the Interior's news release.",
}
#: (section, speaker) -> option letter; the speaker is read from the claim's attributed_to.
_BASES_KEY = {
    ("news", "DIRCOTE"): "a",
    ("analysis", "DIRCOTE"): "b",
    ("analysis", "the outlet"): "c",
    ("news", "Ministry of the Interior"): "d",
}


def bases_speaker() -> str:
    """Letter of the option that places the "52 bases" sentence of 003 and names its source, from claims.csv."""
    claim = _claim_with(BASES_BRIEF, BASES_WORDS)
    if claim["source_type"] == "the outlet itself":
        speaker = "the outlet"
    else:
        speaker = next(
            (
                name
                for name in ("DIRCOTE", "Ministry of the Interior")
                if name in claim["attributed_to"]
            ),
            claim["attributed_to"],
        )
    key = (claim["section"], speaker)
    if key not in _BASES_KEY:
        raise ValueError(
            f"exercise 1.3 has no option for a figure in the {key[0]} part from {key[1]}"
        )
    return _BASES_KEY[key]


# Exercise 1.4: which figures of brief 004 name no source.
UNSOURCED_OPTIONS = {
    "a": '"a 60-day state of emergency in several districts of the Apurimac, Ene and Mantaro River Valleys"',
    "b": '"a state of emergency for more than three decades until last year"',
    "c": '"the army currently has 64 military bases in the VRAEM region"',
    "d": '"coca cultivation in the area fell by nearly 65 percent in a year"',
}


def unsourced_figures() -> frozenset[str]:
    """Letters of the 004 passages whose figure names no source (claims.csv source_type)."""
    return frozenset(
        letter
        for letter, passage in UNSOURCED_OPTIONS.items()
        if _claim_with(UNDATED_BRIEF, passage.strip('"'))["source_type"] in _NO_NAMED_SOURCE
    )


def date_window():
    """The possible publication dates of the undated analysis 001, from articles.csv."""
    corpus = load_corpus().set_index("article_id")
    row = corpus.loc[UNDATED_ANALYSIS]
    return row["published_earliest"].date(), row["published_latest"].date()


def dates_named(article_id: str) -> list[tuple[int, int]]:
    """(month, day) of every date printed as "October 5" in an article's text, in order."""
    pattern = re.compile(
        r"\b(" + "|".join(name.title() for name in _MONTH_NAMES) + r")\s+(\d{1,2})\b"
    )
    return [
        (_MONTH_NAMES.index(month.lower()) + 1, int(day))
        for month, day in pattern.findall(load_article(article_id).text)
    ]


# Exercise 1.6: which evidence fixes the year of brief 004.
YEAR_OPTIONS = {
    "a": 'The dates in its text, "announced on October 5" and "starting October 11"',
    "b": 'The phrase "last year" on its own, in "more than three decades until last year"',
    "c": "The dateline on the publisher's page, as the notes shipped with the scrapes record it (date_evidence)",
    "d": (
        'The report of 5 October 2016 that Zavala announced the emergency "today" (event E30), which '
        'the brief reports as news, the emergency still to come ("would declare", "will provide")'
    ),
}
#: Words with which brief 004 speaks of the emergency as still to come (exercise 1.6, option d).
FUTURE_WORDS = ("would declare", "starting October 11", "will provide")


def year_evidence() -> frozenset[str]:
    """Letters of the evidence that fixes the year of brief 004, worked out from the data files.

    (a) the text, if it prints a year; (b) "last year" on its own, only if the
    text prints the year it counts back from (the same test as (a)); (c) the
    metadata, if it gives one day for 004 from a recorded dateline; (d) an
    outside report dated to the day, of the announcement whose month and day
    004's text prints, while the text still speaks of the emergency as to come.
    """
    article = load_article(UNDATED_BRIEF)
    row = load_corpus().set_index("article_id").loc[UNDATED_BRIEF]
    events = load_events()
    key = set()
    if re.search(r"\b(1[89]|20)\d\d\b", article.text):
        key.update({"a", "b"})
    if (
        not pd.isna(row["published"])
        and row["published_earliest"] == row["published_latest"]
        and "dateline" in row["date_evidence"]
    ):
        key.add("c")
    reports = events[
        (events["source_kind"] == "reference")
        & (events["date_precision"] == "day")
        & events["quote"].str.contains("Zavala", regex=False)
    ]
    still_to_come = all(words in article.text for words in FUTURE_WORDS)
    if still_to_come and any(
        (day.month, day.day) in dates_named(UNDATED_BRIEF) for day in reports["start"]
    ):
        key.add("d")
    return frozenset(key)
