"""Checked exercises of lesson 01 · The corpus."""

from __future__ import annotations

import calendar
import math
import re
from datetime import timedelta

import pandas as pd

from ..answers import Choice, DateWithin, IdSet, Number
from ..claims import load_claims
from ..corpus import load_article, load_corpus
from ..timeline import load_events
from . import Exercise, Misreading, register

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
    dateline = next((len(line.split()) for line in article.raw.splitlines()
                     if re.search(r"\b\d{1,2} [A-Z]{3} \d{4}\b", line)), 0)
    return [(raw_words - article.word_count - extra) / raw_words for extra in (headline, headline + dateline)]


def analysis_articles() -> frozenset[str]:
    """Ids of the articles whose kind (in the metadata table) is Analysis."""
    corpus = load_corpus()
    return frozenset(corpus.loc[corpus["kind"] == "Analysis", "article_id"])


def _part_words(part: str) -> dict[str, int]:
    """Words in one part ("news" or "analysis") of every Brief, by article id."""
    corpus = load_corpus()
    briefs = corpus[corpus["kind"] == "Brief"]
    return {article_id: len(text.split()) for article_id, text in zip(briefs["article_id"], briefs[part])}


def longest_analysis_section() -> frozenset[str]:
    """Id of the Brief whose InSight Crime Analysis section has the most words."""
    words = _part_words("analysis")
    return frozenset({max(words, key=words.get)})


def longest_news_part() -> frozenset[str]:
    """Id of the Brief whose news part (before the analysis heading) has the most words."""
    words = _part_words("news")
    return frozenset({max(words, key=words.get)})


def _claim_with(article_id: str, words: str) -> pd.Series:
    """The claims-table row(s) of one article whose quote holds ``words``, as one row.

    Several rows may share a quote (two figures in one sentence); they must
    agree on who speaks and where, or the key cannot be derived.
    """
    claims = load_claims()
    rows = claims[(claims["article_id"] == article_id) & claims["quote"].str.contains(words, regex=False)]
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
_BASES_KEY = {("news", "DIRCOTE"): "a", ("analysis", "DIRCOTE"): "b",
              ("analysis", "the outlet"): "c", ("news", "Ministry of the Interior"): "d"}


def bases_speaker() -> str:
    """Letter of the option that places the "52 bases" sentence of 003 and names its source, from claims.csv."""
    claim = _claim_with(BASES_BRIEF, BASES_WORDS)
    if claim["source_type"] == "the outlet itself":
        speaker = "the outlet"
    else:
        speaker = next((name for name in ("DIRCOTE", "Ministry of the Interior")
                        if name in claim["attributed_to"]), claim["attributed_to"])
    key = (claim["section"], speaker)
    if key not in _BASES_KEY:
        raise ValueError(f"exercise 1.3 has no option for a figure in the {key[0]} part from {key[1]}")
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
    return frozenset(letter for letter, passage in UNSOURCED_OPTIONS.items()
                     if _claim_with(UNDATED_BRIEF, passage.strip('"'))["source_type"] in _NO_NAMED_SOURCE)


def date_window():
    """The possible publication dates of the undated analysis 001, from articles.csv."""
    corpus = load_corpus().set_index("article_id")
    row = corpus.loc[UNDATED_ANALYSIS]
    return row["published_earliest"].date(), row["published_latest"].date()


def dates_named(article_id: str) -> list[tuple[int, int]]:
    """(month, day) of every date printed as "October 5" in an article's text, in order."""
    pattern = re.compile(r"\b(" + "|".join(name.title() for name in _MONTH_NAMES) + r")\s+(\d{1,2})\b")
    return [(_MONTH_NAMES.index(month.lower()) + 1, int(day))
            for month, day in pattern.findall(load_article(article_id).text)]


# Exercise 1.6: which evidence fixes the year of brief 004.
YEAR_OPTIONS = {
    "a": 'The dates in its text, "announced on October 5" and "starting October 11"',
    "b": '"more than three decades until last year", read with the 30-year emergency lifted in June 2015',
    "c": "The dateline on the publisher's page, recorded in the metadata table's date_evidence",
    "d": 'The report of 5 October 2016 that Zavala announced the emergency "today" (event E30)',
}


def year_evidence() -> frozenset[str]:
    """Letters of the evidence that fixes the year of brief 004, worked out from the data files.

    (a) the text, if it prints a year; (b) the "last year" sentence, if the
    events table records a VRAE(M) emergency lifted the year before 004's date;
    (c) the metadata, if it gives one day for 004; (d) an outside report dated
    to the day, of the announcement whose month and day 004's text prints.
    """
    article = load_article(UNDATED_BRIEF)
    row = load_corpus().set_index("article_id").loc[UNDATED_BRIEF]
    events = load_events()
    key = set()
    if re.search(r"\b(1[89]|20)\d\d\b", article.text):
        key.add("a")
    lifted = events[events["place"].isin(["VRAE", "VRAEM"]) & events["event"].str.contains("lift", case=False)]
    if not pd.isna(row["published"]) and (lifted["start"].dt.year == row["published"].year - 1).any():
        key.add("b")
    if not pd.isna(row["published"]) and row["published_earliest"] == row["published_latest"]:
        key.add("c")
    reports = events[(events["source_kind"] == "reference") & (events["date_precision"] == "day")
                     & events["quote"].str.contains("Zavala", regex=False)]
    if any((day.month, day.day) in dates_named(UNDATED_BRIEF) for day in reports["start"]):
        key.add("d")
    return frozenset(key)


def _close(a: float, b: float, absolute: float = 0.006) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=absolute)


# ---------------------------------------------------------------- exercises

register(Exercise(
    id="1.1",
    title="How much of the scrape is not article text?",
    answer=Number(tolerance=0, absolute=0.006),
    expected=boilerplate_share,
    look_again=("Count words in two versions of article 000: the raw scrape (article.raw) and the "
                "article text as the parser keeps it (article.word_count). The share asked for is the "
                "part of the raw words that did not make it into the text, as a number between 0 and 1."),
    hints=(
        "Do for article 000 what the lesson did for brief 002: len(article.raw.split()) and "
        "article.word_count.",
        "Words that are not article text = raw words - text words.",
        "Divide that difference by the raw words: a share between 0 and 1.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer > 1 and _close(answer / 100, expected, 0.006),
            feedback=("This looks like a percentage. The exercise asks for a share between 0 and 1: "
                      "divide by 100."),
            example=lambda expected: round(expected * 100, 1),
        ),
        Misreading(
            matches=lambda answer, expected: answer > 1 and _close(answer / 100, 1 - expected, 0.006),
            feedback=("This looks like the percentage of the scrape that IS article text. The exercise "
                      "asks for the part that is not, as a share between 0 and 1."),
            example=lambda expected: round((1 - expected) * 100, 1),
        ),
        Misreading(
            matches=lambda answer, expected: _close(answer, 1 - expected),
            feedback=("That is the share of the scrape that IS article text. The exercise asks for the "
                      "rest: the words a program must set aside."),
            example=lambda expected: 1 - expected,
        ),
        Misreading(
            matches=lambda answer, expected: any(_close(answer, share, 0.004)
                                                 for share in _shares_counting_the_heading_as_text()),
            feedback=("Close, but you seem to count the headline (or the dateline) as article text. In "
                      "this exercise article text is only what the parser keeps, article.word_count: "
                      "the headline and the dateline belong to the rest."),
            example=lambda expected: _shares_counting_the_heading_as_text()[0],
        ),
        Misreading(
            matches=lambda answer, expected: answer > 100,
            feedback=("This looks like a count of words. The exercise asks for a share: divide the "
                      "words that are not article text by all the words of the raw scrape."),
            example=lambda expected: float(_raw_and_text_words(MEASURED_ARTICLE)[0]
                                           - _raw_and_text_words(MEASURED_ARTICLE)[1]),
        ),
    ),
))

register(Exercise(
    id="1.2",
    title="Which brief has the longest analysis section?",
    answer=IdSet(),
    expected=longest_analysis_section,
    look_again=("Among the Briefs only, count the words of the analysis column (the text after the "
                "\"InSight Crime Analysis\" heading) and take the largest. Give one id."),
    hints=(
        "Count words as for news_words: corpus[\"analysis\"].str.split().str.len(), kept in a new "
        "column analysis_words.",
        "Keep the Briefs: corpus[corpus[\"kind\"] == \"Brief\"]; then sort_values(\"analysis_words\", "
        "ascending=False).",
        "The article_id of the first row after sorting (.iloc[0]) is the answer; give it as text, e.g. \"00X\".",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer == analysis_articles(),
            feedback=("That article is an Analysis piece: all of it is the outlet's analysis, but it has "
                      "no \"InSight Crime Analysis\" heading, so its analysis column is empty. The "
                      "question asks about the Briefs' analysis sections."),
            example=lambda expected: analysis_articles(),
        ),
        Misreading(
            matches=lambda answer, expected: answer == longest_news_part() != expected,
            feedback=("That brief has the longest news part (news_words), the text BEFORE the heading. "
                      "The question asks about the analysis section after it."),
            example=lambda expected: longest_news_part(),
        ),
        Misreading(
            matches=lambda answer, expected: len(answer) > 1,
            feedback="Give one article id only: the brief with the most words in its analysis section.",
            example=lambda expected: frozenset(expected | {"000", "002"}),
        ),
    ),
))

register(Exercise(
    id="1.3",
    title="Whose figure is \"52 bases\"?",
    answer=Choice(BASES_OPTIONS, why_not={
        "a": ("Check both halves. Is the sentence among the paragraphs before the \"InSight Crime "
              "Analysis\" line? And does the sentence itself name DIRCOTE, or does a neighbouring one?"),
        "b": ("The brief does name DIRCOTE, but in which sentence, and for which figure? A source named "
              "in one sentence vouches only for what that sentence reports."),
        "c": ("Read the sentence to its end, and the sentences around it: does it name who says so, and "
              "does it stand before or after the \"InSight Crime Analysis\" line?"),
        "d": ("The Ministry of the Interior is named for the late-August battle. Is the sentence about "
              "bases next to it, and does it name the Ministry?"),
    }),
    expected=bases_speaker,
    look_again="Find the sentence in the printout of brief 003: which part is it in, and does it name a source?",
    hints=(
        "Find \"52 bases\" in the printout of brief 003: is it above or below the "
        "\"--- InSight Crime Analysis ---\" line?",
        "Read that whole sentence: does it say who counted the bases? DIRCOTE is named in another "
        "sentence, for another figure.",
        "Give one letter as text, e.g. \"a\".",
    ),
))

register(Exercise(
    id="1.4",
    title="Which figures stand on the outlet's word alone?",
    answer=Choice(UNSOURCED_OPTIONS, why_not={
        "a": ("Read that sentence to its end: it names who announced the measure and which newspaper "
              "reported it."),
        "b": ("Read that sentence again, with the one before it: does the sentence itself name a person, "
              "an office or a medium as saying so?"),
        "c": "That figure comes with a speaker: the sentence says who told it, and to which news service.",
        "d": ("Read that sentence again, with the one before it: does the sentence itself name a person, "
              "an office or a medium as saying so?"),
    }, multiple=True),
    expected=unsourced_figures,
    look_again="Read each whole sentence of brief 004 and look for who the sentence says is speaking.",
    hints=(
        "Find each passage in the printout of brief 004 and read its whole sentence.",
        "A sentence names a source when it says who said, announced, reported or told something. "
        "The part of the brief does not decide: an unsourced sentence can stand in the news part too.",
        "Give every letter that fits, as a list, e.g. [\"a\", \"c\"].",
    ),
))

register(Exercise(
    id="1.5",
    title="When could the undated analysis have been published?",
    answer=DateWithin(),
    expected=date_window,
    look_again=("Put the two quotes from article 001 next to the two outside facts: the article must "
                "come after one event and before the other."),
    hints=(
        "The article calls Humala the \"new President\": it was written after he took office.",
        "It calls Oscar Valdes the \"new interior minister\": it was written while he still held that "
        "post, so before he was named to another one.",
        "Any single date between those two events is right. Write it as text: \"YYYY-MM-DD\".",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer < expected[0],
            feedback=("That date is too early. Was Humala already president then? The article calls him "
                      "Peru's \"new President\" and speaks of the handover of power as past."),
            example=lambda expected: expected[0].replace(year=expected[0].year - 1),
        ),
        Misreading(
            matches=lambda answer, expected: answer == expected[1] + timedelta(days=1),
            feedback=("Too late, if only just. Valdes had been named prime minister the day before, so "
                      "by then a writer would no longer call him \"the new interior minister\"."),
            example=lambda expected: expected[1] + timedelta(days=1),
        ),
        Misreading(
            matches=lambda answer, expected: expected[1] < answer <= expected[1] + timedelta(days=31),
            feedback=("Just too late. On that day Valdes had already been named prime minister: the "
                      "report of his appointment came out before it. A piece that still calls him \"the "
                      "new interior minister\" was written before that news, not after."),
            example=lambda expected: expected[1] + timedelta(days=20),
        ),
        Misreading(
            matches=lambda answer, expected: answer > expected[1],
            feedback=("That date is too late. Was Valdes still interior minister then? The article calls "
                      "him \"the new interior minister\", so it was written before he left that post."),
            example=lambda expected: expected[1].replace(year=expected[1].year + 1),
        ),
    ),
))

register(Exercise(
    id="1.6",
    title="What fixes the year of brief 004?",
    answer=Choice(YEAR_OPTIONS, why_not={
        "a": "Read those dates again: do they print a year? A month and a day come round every year.",
        "b": ("That lifting was in the Alto Huallaga, not in the VRAEM the sentence names, and \"last "
              "year\" only counts back from a year you already know. A date built on it rests on a mismatch."),
        "c": ("Print 004's date_evidence again (section 2): what does the metadata table say its date "
              "comes from, and does that source give a year?"),
        "d": ("Look at the events table again: does the report carry a full date, and does its day "
              "match the day the text gives for the announcement?"),
    }, multiple=True),
    expected=year_evidence,
    look_again="For each piece of evidence, ask: does it give a year, and is it about this event?",
    hints=(
        "The text alone gives a month and days. What would a year have to come from?",
        "Evidence fixes the year if it carries a full date and is about the same event, or about this "
        "very page. A relative phrase (\"last year\") needs the year first, and a claim about another "
        "region is not about this event.",
        "Give every letter that fits, as a list, e.g. [\"a\", \"c\"].",
    ),
))
