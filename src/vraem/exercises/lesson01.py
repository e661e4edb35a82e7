"""Checked exercises of lesson 01 · The corpus."""

from __future__ import annotations

import calendar
import math
import re
from datetime import timedelta

import pandas as pd

from ..answers import Choice, IdSet, Number
from ..claims import load_claims
from ..corpus import load_article, load_corpus
from ..exercise_answers import DateRange
from ..timeline import load_events
from . import Exercise, Misreading, register
from .shapes import other_figure

#: The article whose raw scrape exercise 1.1 measures.
MEASURED_ARTICLE = "000"
#: The brief whose "52 bases" sentence exercise 1.3 asks about.
BASES_BRIEF = "003"
#: The undated analysis (exercise 1.5) and the headline-less brief (exercises 1.4 and 1.6).
UNDATED_ANALYSIS, UNDATED_BRIEF = "001", "004"

_MONTH_NAMES = [name.lower() for name in calendar.month_name[1:]]
#: source_type values that name no source outside the outlet (see data/datapackage.json).
_NO_NAMED_SOURCE = ("the outlet itself", "unattributed")


# ---------------------------------------------------------------- answer keys


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


def _close(a: float, b: float, absolute: float = 0.006) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=absolute)


# ---------------------------------------------------------------- exercises

register(
    Exercise(
        id="1.1",
        title="How much of the scrape is not article text?",
        answer=Number(tolerance=0, absolute=0.006, unit="share"),
        expected=boilerplate_share,
        look_again=(
            "Count words in two versions of article 000: the raw scrape (article.raw) and the "
            "article text as the parser keeps it (article.word_count). The share asked for is the "
            "part of the raw words that did not make it into the text, as a number between 0 and 1."
        ),
        hints=(
            "Do for article 000 what the lesson did for brief 002: len(article.raw.split()) and "
            "article.word_count.",
            "Words that are not article text = raw words - text words.",
            "Divide that difference by the raw words: a share between 0 and 1.",
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: (
                    answer > 1 and _close(answer / 100, expected, 0.006)
                ),
                feedback=(
                    "This looks like a percentage. The exercise asks for a share between 0 and 1: "
                    "divide by 100."
                ),
                example=lambda expected: round(expected * 100, 1),
            ),
            Misreading(
                matches=lambda answer, expected: (
                    answer > 1 and _close(answer / 100, 1 - expected, 0.006)
                ),
                feedback=(
                    "This looks like the percentage of the scrape that IS article text. The exercise "
                    "asks for the part that is not, as a share between 0 and 1."
                ),
                example=lambda expected: round((1 - expected) * 100, 1),
            ),
            Misreading(
                matches=lambda answer, expected: _close(answer, 1 - expected),
                feedback=(
                    "That is the share of the scrape that IS article text. The exercise asks for the "
                    "rest: the words a program must set aside."
                ),
                example=lambda expected: 1 - expected,
            ),
            Misreading(
                matches=lambda answer, expected: any(
                    _close(answer, share, 0.004) for share in _shares_counting_the_heading_as_text()
                ),
                feedback=(
                    "Close, but you seem to count the headline (or the dateline) as article text. In "
                    "this exercise article text is only what the parser keeps, article.word_count: "
                    "the headline and the dateline belong to the rest."
                ),
                example=lambda expected: _shares_counting_the_heading_as_text()[0],
            ),
            Misreading(
                matches=lambda answer, expected: answer > 100,
                feedback=(
                    "This looks like a count of words. The exercise asks for a share: divide the "
                    "words that are not article text by all the words of the raw scrape."
                ),
                example=lambda expected: float(
                    _raw_and_text_words(MEASURED_ARTICLE)[0]
                    - _raw_and_text_words(MEASURED_ARTICLE)[1]
                ),
            ),
        ),
    )
)

register(
    Exercise(
        id="1.2",
        title="Which brief has the longest analysis section?",
        answer=IdSet(single=True),
        expected=longest_analysis_section,
        look_again=(
            "Among the Briefs only, count the words of the analysis column (the text after the "
            '"InSight Crime Analysis" heading) and take the largest. Give one id.'
        ),
        hints=(
            'Count words as for news_words: corpus["analysis"].str.split().str.len(), kept in a new '
            "column analysis_words.",
            'Keep the Briefs: corpus[corpus["kind"] == "Brief"]; then sort_values("analysis_words", '
            "ascending=False).",
            'The article_id of the first row after sorting (.iloc[0]) is the answer; give it as text, e.g. "00X".',
        ),
        misreadings=(
            other_figure(
                analysis_articles,
                "That article is an Analysis piece: all of it is the outlet's analysis, but it has "
                'no "InSight Crime Analysis" heading, so its analysis column is empty. The '
                "question asks about the Briefs' analysis sections.",
            ),
            Misreading(
                matches=lambda answer, expected: (
                    len(answer) == 1 and answer <= long_news_parts() - expected
                ),
                feedback=(
                    "That brief's news part (news_words, the text BEFORE the heading) is among the "
                    "longest, within a few words of each other. The question asks about the analysis "
                    "section after the heading."
                ),
                example=lambda expected: frozenset(sorted(long_news_parts() - expected)[:1]),
            ),
        ),
    )
)

register(
    Exercise(
        id="1.3",
        title='Whose figure is "52 bases"?',
        answer=Choice(
            BASES_OPTIONS,
            why_not={
                "a": (
                    'Check both halves: on which side of the "InSight Crime Analysis" line does the '
                    "sentence stand? And which sentence names DIRCOTE?"
                ),
                "b": "The brief does name DIRCOTE: in which sentence, and for which figure?",
                "c": (
                    "Read the sentence to its end, and the sentences around it: does it name who says so, and "
                    'does it stand before or after the "InSight Crime Analysis" line?'
                ),
                "d": (
                    "The Ministry of the Interior is named for the late-August battle. Is the sentence about "
                    "bases next to it, and does it name the Ministry?"
                ),
            },
        ),
        expected=bases_speaker,
        look_again="Find the sentence in the printout of brief 003: which part is it in, and does it name a source?",
        hints=(
            'Find "52 bases" in the printout of brief 003 and note where it stands relative to the '
            '"--- InSight Crime Analysis ---" line.',
            "Read the whole sentence that holds the figure: which words, if any, say who counted? Then "
            "read the sentences around it: which figure goes with each source named there?",
            'Give one letter as text, e.g. "a".',
        ),
    )
)

register(
    Exercise(
        id="1.4",
        title="Which figures stand on the outlet's word alone?",
        answer=Choice(
            UNSOURCED_OPTIONS,
            why_not={
                "a": (
                    "Read that sentence to its end: it names who announced the measure and which newspaper "
                    "reported it."
                ),
                "b": (
                    "Read that sentence again, with the one before it: does the sentence itself name a person, "
                    "an office or a medium as saying so?"
                ),
                "c": "That figure comes with a speaker: the sentence says who told it, and to which news service.",
                "d": (
                    "Read that sentence again, with the one before it: does the sentence itself name a person, "
                    "an office or a medium as saying so?"
                ),
            },
            multiple=True,
        ),
        expected=unsourced_figures,
        look_again="Read each whole sentence of brief 004 and look for who the sentence says is speaking.",
        hints=(
            "Find each passage in the printout of brief 004 and read its whole sentence.",
            "A sentence names a source when it says who said, announced, reported or told something. "
            "The part of the brief does not decide: an unsourced sentence can stand in the news part too.",
            'Give every letter that fits, as a list, e.g. ["a", "c"].',
        ),
    )
)

register(
    Exercise(
        id="1.5",
        title="Between which dates was the undated analysis written?",
        answer=DateRange(),
        expected=date_window,
        look_again=(
            "Put the two quotes from article 001 next to the two outside facts: one fact gives the "
            "earliest end of the range, the other the latest."
        ),
        hints=(
            'The article calls Humala the "new President": it was written once he had taken office. That '
            "gives one end. Could it be the very day he took office?",
            'It calls Oscar Valdes the "new interior minister": it was written while he still held that '
            "post. That gives the other end. Could a piece written on the day of the news still call him so?",
            'Write both ends as text in a list, earliest first: ["YYYY-MM-DD", "YYYY-MM-DD"].',
        ),
        misreadings=(
            # each sentence is true whenever its test matches; both ends are judged separately
            Misreading(
                matches=lambda answer, expected: answer[0] > answer[1],
                feedback="Your first date is later than your second. Give the earliest end first, then the latest.",
                example=lambda expected: (expected[1], expected[0]),
            ),
            Misreading(
                matches=lambda answer, expected: (
                    answer[0] != expected[0] and answer[1] != expected[1]
                ),
                feedback=(
                    "Neither end is right yet. Take them one at a time: the earliest end is the first day "
                    'on which the article could call Humala "new President"; the latest end is the last '
                    'day on which it could still call Valdes "the new interior minister".'
                ),
                example=lambda expected: (
                    expected[0] - timedelta(days=365),
                    expected[1] + timedelta(days=365),
                ),
            ),
            Misreading(
                matches=lambda answer, expected: answer[0] < expected[0],
                feedback=(
                    "Your earliest date is too early: on that day Humala was not yet president, but the "
                    'article calls him Peru\'s "new President" and speaks of the handover of power as past.'
                ),
                example=lambda expected: (expected[0] - timedelta(days=30), expected[1]),
            ),
            Misreading(
                matches=lambda answer, expected: answer[0] > expected[0],
                feedback=(
                    "Your earliest date is later than the evidence requires: the clue says only that the "
                    "article was written once Humala was president. Which is the first day on which he was?"
                ),
                example=lambda expected: (expected[0] + timedelta(days=10), expected[1]),
            ),
            Misreading(
                matches=lambda answer, expected: answer[1] == expected[1] + timedelta(days=1),
                feedback=(
                    "Your latest date is one day too late. Valdes had been named prime minister the day "
                    "before, so a writer who knew that news would almost certainly no longer call him "
                    '"the new interior minister".'
                ),
                example=lambda expected: (expected[0], expected[1] + timedelta(days=1)),
            ),
            Misreading(
                matches=lambda answer, expected: answer[1] > expected[1],
                feedback=(
                    "Your latest date is too late: by then Valdes had already been named prime minister. "
                    'A piece that still calls him "the new interior minister" was almost certainly '
                    "written before that news."
                ),
                example=lambda expected: (expected[0], expected[1] + timedelta(days=20)),
            ),
            Misreading(
                matches=lambda answer, expected: answer[1] < expected[1],
                feedback=(
                    "Your latest date is earlier than the evidence requires: the clue says only that the "
                    "article was written before the news of Valdes's new post. Which is the last day on "
                    "which a writer could still call him interior minister?"
                ),
                example=lambda expected: (expected[0], expected[1] - timedelta(days=5)),
            ),
        ),
    )
)

register(
    Exercise(
        id="1.6",
        title="What fixes the year of brief 004?",
        answer=Choice(
            YEAR_OPTIONS,
            why_not={
                "a": "Read those dates again: do they print a year? A month and a day come round every year.",
                "b": (
                    '"Last year" counts back from the year of writing, which is the year we are looking for: '
                    "on its own it cannot give it. (Read with the lifting of June 2015, it would also rest on an "
                    "emergency in the Alto Huallaga, not in the VRAEM the sentence names.)"
                ),
                "c": (
                    "Print 004's date_evidence again (section 2) and the notes' line for 004: where does its "
                    "date come from, and does that source give a year?"
                ),
                "d": (
                    "Look at the events table again: does the report carry a full date, does its day match the "
                    "day the text gives for the announcement, and does the brief report that announcement as news?"
                ),
            },
            multiple=True,
        ),
        expected=year_evidence,
        look_again="For each piece of evidence, ask: does it give a year, and is it about this event?",
        hints=(
            "The text alone gives a month and days. What would a year have to come from?",
            "For each piece, ask: does it carry a full date, and is it about this very page or about the "
            "event the brief reports as news? A relative phrase counts from a year: which one?",
            'Give every letter that fits, as a list, e.g. ["a", "c"].',
        ),
    )
)
