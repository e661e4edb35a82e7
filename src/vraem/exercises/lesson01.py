"""Checked exercises of lesson 01 · The corpus."""

from __future__ import annotations

import calendar
import math
import numbers
import re

from ..answers import AnswerTypeError, DateWithin, IdSet, Number
from ..corpus import load_article, load_corpus
from . import Exercise, Misreading, register

#: The article whose raw scrape exercise 1.1 measures.
MEASURED_ARTICLE = "000"
#: The brief whose analysis section exercise 1.3 counts.
COUNTED_BRIEF = "003"
#: The undated analysis (exercise 1.5) and the headline-less brief (exercise 1.6).
UNDATED_ANALYSIS, UNDATED_BRIEF = "001", "004"

_MONTH_NAMES = [name.lower() for name in calendar.month_name[1:]]


class Month:
    """A month of the year: "October", "oct" or 10 all read as month 10.

    Local to lesson 01 (the shared answer types have no month). A year such
    as 2016 is refused with a sentence saying a month is asked for.
    """

    def read(self, answer):
        if isinstance(answer, bool):
            raise AnswerTypeError('give a month as text, e.g. "March"')
        if isinstance(answer, str) and answer.strip().isdigit():
            answer = int(answer.strip())
        if isinstance(answer, numbers.Integral):
            if 1 <= int(answer) <= 12:
                return int(answer)
            if int(answer) >= 1000:
                raise AnswerTypeError("that looks like a year; the question asks for a month, "
                                      'e.g. "March"')
            raise AnswerTypeError('give a month as text, e.g. "March", or its number from 1 to 12')
        if isinstance(answer, str):
            word = answer.strip().lower().rstrip(".")
            for number, name in enumerate(_MONTH_NAMES, start=1):
                if word and (word == name or (len(word) >= 3 and name.startswith(word))):
                    return number
        raise AnswerTypeError('give one month as text, e.g. "March"')

    def same(self, value, expected) -> bool:
        return value == expected


# ---------------------------------------------------------------- answer keys

def _raw_and_text_words(article_id: str) -> tuple[int, int]:
    article = load_article(article_id)
    return len(article.raw.split()), article.word_count


def boilerplate_share() -> float:
    """Share of the words of article 000's raw scrape that are not article text."""
    raw_words, text_words = _raw_and_text_words(MEASURED_ARTICLE)
    return (raw_words - text_words) / raw_words


def analysis_articles() -> frozenset[str]:
    """Ids of the articles whose kind (in the metadata table) is Analysis."""
    corpus = load_corpus()
    return frozenset(corpus.loc[corpus["kind"] == "Analysis", "article_id"])


def briefs_with_analysis_section() -> frozenset[str]:
    """Ids of the Briefs that carry an "InSight Crime Analysis" section."""
    corpus = load_corpus()
    return frozenset(corpus.loc[(corpus["kind"] == "Brief") & (corpus["analysis"] != ""), "article_id"])


def analysis_paragraphs() -> int:
    """Number of paragraphs in the analysis section of brief 003."""
    return len(load_article(COUNTED_BRIEF).analysis)


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


def date_window():
    """The possible publication dates of the undated analysis 001, from articles.csv."""
    corpus = load_corpus().set_index("article_id")
    row = corpus.loc[UNDATED_ANALYSIS]
    return row["published_earliest"].date(), row["published_latest"].date()


def months_named(article_id: str) -> list[int]:
    """Months printed as dates ("October 5") in an article's text, in order, without repeats."""
    pattern = re.compile(r"\b(" + "|".join(name.title() for name in _MONTH_NAMES) + r")\s+\d{1,2}\b")
    months = []
    for name in pattern.findall(load_article(article_id).text):
        number = _MONTH_NAMES.index(name.lower()) + 1
        if number not in months:
            months.append(number)
    return months


def month_in_text() -> int:
    """The one month that the text of the headline-less brief 004 names in its dates."""
    months = months_named(UNDATED_BRIEF)
    if len(months) != 1:
        raise ValueError(f"article {UNDATED_BRIEF} names {len(months)} months in its dates; "
                         "exercise 1.6 expects exactly one")
    return months[0]


def _close(a: float, b: float, absolute: float = 0.006) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=absolute)


# ---------------------------------------------------------------- exercises

register(Exercise(
    id="1.1",
    title="How much of the scrape is not article text?",
    answer=Number(tolerance=0, absolute=0.006),
    expected=boilerplate_share,
    look_again=("Count words in two versions of article 000: the raw scrape (article.raw) and the "
                "article text (article.text or article.word_count). The share asked for is the part "
                "of the raw words that did not make it into the text, as a number between 0 and 1."),
    hints=(
        "The table sizes has raw_words and text_words for every article; look at the row of 000.",
        "Words that are not article text = raw_words - text_words.",
        "Divide that difference by raw_words: a share between 0 and 1. Or take 1 minus text_share.",
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
            feedback=("That is the share of the scrape that IS article text (text_share). The exercise "
                      "asks for the rest: the words a program must throw away."),
            example=lambda expected: 1 - expected,
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
    title="Which articles are Analysis pieces?",
    answer=IdSet(),
    expected=analysis_articles,
    look_again=("Use the kind column of the corpus table: it says what the outlet itself calls each "
                "piece, Brief or Analysis."),
    hints=(
        "The kind of an article is a label given by the outlet, shown in the navigation crumb "
        "(HomeNewsBrief… or HomeNewsAnalysis…) and kept in the kind column.",
        "Try corpus.loc[corpus[\"kind\"] == \"Analysis\", \"article_id\"].",
        "Give the ids as text in a list, e.g. [\"00X\"].",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer > expected,
            feedback=("One of those is right, but your list also has a Brief. A brief can end with an "
                      "analysis section and still be a Brief: check the kind column."),
            example=lambda expected: frozenset(expected | {"000"}) if "000" not in expected
            else frozenset(expected | {"002"}),
        ),
        Misreading(
            matches=lambda answer, expected: bool(answer) and answer <= briefs_with_analysis_section(),
            feedback=("Those articles have an \"InSight Crime Analysis\" section, but they are Briefs: "
                      "short news items with a comment at the end. The question asks which pieces the "
                      "outlet files as Analysis as a whole."),
            example=lambda expected: briefs_with_analysis_section(),
        ),
    ),
))

register(Exercise(
    id="1.3",
    title="Paragraphs in the analysis section of brief 003",
    answer=Number(tolerance=0),
    expected=analysis_paragraphs,
    look_again=("Count the paragraphs the parser puts in the analysis part of article 003, that is "
                "after the \"InSight Crime Analysis\" heading and before the share block."),
    hints=(
        "load_article(\"003\") has a field analysis: a tuple of paragraphs.",
        "len() of a tuple counts its items.",
        "If you count by eye in the raw scrape, skip the heading itself and any line that only "
        "links to another article.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer == expected + 1,
            feedback=("You have one line too many: the heading \"InSight Crime Analysis\" and the "
                      "\"SEE ALSO:\" cross-link are not paragraphs of the analysis. The parser drops both."),
            example=lambda expected: expected + 1,
        ),
        Misreading(
            matches=lambda answer, expected: answer == len(load_article(COUNTED_BRIEF).news),
            feedback=("That is the number of paragraphs BEFORE the \"InSight Crime Analysis\" heading: "
                      "the news part. The exercise asks about the part after it."),
            example=lambda expected: len(load_article(COUNTED_BRIEF).news),
        ),
        Misreading(
            matches=lambda answer, expected: answer == len(load_article(COUNTED_BRIEF).body),
            feedback=("That counts every paragraph of the article (news and analysis together). "
                      "The exercise asks only about the analysis section."),
            example=lambda expected: len(load_article(COUNTED_BRIEF).body),
        ),
    ),
))

register(Exercise(
    id="1.4",
    title="Which brief has the longest analysis section?",
    answer=IdSet(),
    expected=longest_analysis_section,
    look_again=("Among the Briefs only, compare the analysis_words column: the words after the "
                "\"InSight Crime Analysis\" heading. Give one id."),
    hints=(
        "First keep the Briefs: corpus[corpus[\"kind\"] == \"Brief\"].",
        "Sort those rows by analysis_words with the largest first: sort_values(..., ascending=False).",
        "The article_id of the first row after sorting is the answer; give it as text, e.g. \"00X\".",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer == analysis_articles(),
            feedback=("That article is an Analysis piece: all of it is the outlet's analysis, but it has "
                      "no \"InSight Crime Analysis\" section, so its analysis_words is zero. The question "
                      "asks about the Briefs' analysis sections."),
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
    id="1.5",
    title="When could the undated analysis have been published?",
    answer=DateWithin(),
    expected=date_window,
    look_again=("Put the two quotes from article 001 next to the two outside facts: the article must "
                "come after one event and before the other."),
    hints=(
        "The article calls Humala the \"new President\": it was written after he took office.",
        "It calls Oscar Valdes the \"new interior minister\": it was written while he still held that "
        "post, so before he moved to another one.",
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
            matches=lambda answer, expected: answer > expected[1],
            feedback=("That date is too late. Was Valdes still interior minister then? The article calls "
                      "him \"the new interior minister\", so it was written before he left that post."),
            example=lambda expected: expected[1].replace(year=expected[1].year + 1),
        ),
    ),
))

register(Exercise(
    id="1.6",
    title="What the text of brief 004 says about its date",
    answer=Month(),
    expected=month_in_text,
    look_again=("Read the second paragraph of article 004: the dates it prints are a month and a day, "
                "with no year."),
    hints=(
        "Look for a month name followed by a number in load_article(\"004\").news.",
        "Two dates are printed: when the measure was announced and when it was to start.",
        "Give the month as text, e.g. \"March\".",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer > expected,
            feedback=("That month is later than any the text prints. Counting forward (for instance "
                      "adding the sixty days of the emergency) gives a date you work out, not one the "
                      "text states."),
            example=lambda expected: min(expected + 2, 12),
        ),
        Misreading(
            matches=lambda answer, expected: answer < expected,
            feedback=("No date in article 004 falls in that month. Find the month name followed by a "
                      "day number in the second paragraph."),
            example=lambda expected: expected - 1 if expected > 1 else expected,
        ),
    ),
))
