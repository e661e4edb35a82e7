"""Lesson 02, exercises 2.1 to 2.4: code an article, compare two readings, write and measure a finder.

The keys come from article 002's rows of ``data/claims.csv`` and from the
five articles; ``other_reading()`` is the second reading the lesson compares.
"""

from __future__ import annotations

import re

import pandas as pd

from ...claims import load_claims
from ...datacache import remembered  # for helpers of the data that the feedback asks for again
from ...exercise_answers import CODE_COLUMNS, NUMBER_WORDS, Coding, Pattern
from .. import Exercise, Misreading, register
from ..shapes import SHARE, WHOLE_NUMBER, near_figure, other_figure, percent_for_share

#: The short article learners code before they see the claims table (exercise 2.1).
CLOSE_READING = "002"
#: The digits-only pattern of exercise 2.4 (the notebook types the same pattern).
DIGITS_ONLY = r"\d+"
#: The better pattern the lesson builds next: digits with thousands separators.
SEPARATED_DIGITS = r"\d+(?:,\d{3})*"

# A second reading of article 002, written for the lesson as a careful newcomer might code it
# (exercise 2.2). Its disagreements with the table are plausible readings, not slips: a defence
# minister's figure read as his ministry's, "it is estimated" and "thought to" taken as the hedges, and
# the date left out as no figure. It is built so that the wrong ways of computing the share (hedges
# only, sources only, figures matching on both, only the figures it codes) each give a value of their
# own, different from the key: the tests check that each gets its own feedback.
OTHER_READING = (
    ("ten", "none", "government agency"),
    ("80", "it is estimated", "unattributed"),
    ("two", "none", "government agency"),
    ("500", "thought to", "news media"),
)


def other_reading() -> pd.DataFrame:
    """Another reader's codes for article 002: ``other = other_reading()``.

    One row per figure, with the columns ``value_text``, ``hedge`` and
    ``source_type``, as the lesson asks learners to code the article.
    """
    return pd.DataFrame(list(OTHER_READING), columns=list(CODE_COLUMNS))


@remembered
def table_codes(article_id: str = CLOSE_READING) -> pd.DataFrame:
    """The claims table's codes for one article: value_text, hedge and source_type per claim."""
    claims = load_claims()
    return claims.loc[claims["article_id"] == article_id, list(CODE_COLUMNS)].reset_index(drop=True)


# ---------------------------------------------------------------- 2.1 code an article yourself


CODING = Coding(CLOSE_READING)


def close_reading_key() -> pd.DataFrame:
    """The claims table's codes for article 002: every figure a complete coding must name."""
    return table_codes(CLOSE_READING)


register(
    Exercise(
        id="2.1",
        title="Code a short article yourself",
        answer=CODING,
        expected=close_reading_key,
        look_again=(
            f"Read article {CLOSE_READING} again, sentence by sentence, and give every figure its own "
            "row, with the figure's words exactly as printed."
        ),
        hints=(
            "Read both parts of the brief: the news, and the analysis after the heading "
            '"InSight Crime Analysis".',
            "A figure can be written in digits or in words; a year that says since when something has "
            "lasted can be a figure too. Give each one a row.",
            'For each row ask: which words stand right before the figure (the hedge, or "none")? Who '
            "does the sentence say gives the figure? If nobody is named, is the sentence in the news part "
            '("unattributed") or in the outlet\'s analysis ("the outlet itself")?',
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: bool(CODING.outside_article(answer)),
                feedback=(
                    f"At least one value_text is not in article {CLOSE_READING} as printed: copy each "
                    "figure's words from the text exactly (a number printed in words stays in words), "
                    "without its hedge."
                ),
                example=lambda expected: pd.concat(
                    [
                        expected,
                        pd.DataFrame(
                            [("eleven", "none", "unattributed")], columns=list(CODE_COLUMNS)
                        ),
                    ]
                ),
            ),
            Misreading(
                matches=lambda answer, expected: bool(CODING.missing(answer, expected)),
                feedback=(
                    "The claims table codes at least one figure of this article that your table has "
                    "no row for. Read again, both the news and the analysis part: figures written as "
                    "words count too."
                ),
                example=lambda expected: expected.iloc[:-1],
            ),
        ),
    )
)


# ---------------------------------------------------------------- 2.2 agreement of two readings


def _compared(codes: pd.DataFrame) -> pd.DataFrame:
    """The table's figures of article 002, each with a reader's codes beside it (empty if none)."""
    return table_codes().merge(codes, on="value_text", how="left", suffixes=("_table", "_other"))


def _matches(codes: pd.DataFrame) -> tuple[int, int, int, int, int]:
    """Matching hedges, matching sources, figures matching on both, figures compared, figures the reading codes."""
    compared = _compared(codes)
    hedge = compared["hedge_table"] == compared["hedge_other"]
    source = compared["source_type_table"] == compared["source_type_other"]
    coded = compared["hedge_other"].notna()
    return (
        int(hedge.sum()),
        int(source.sum()),
        int((hedge & source).sum()),
        len(compared),
        int(coded.sum()),
    )


def agreement_share(codes: pd.DataFrame) -> float:
    """The share of the table's codes for article 002 (hedge and source of each figure) a reading matches.

    A figure the reading leaves out counts as two codes that do not match; a
    figure only the reading has is not compared.
    """
    hedge, source, _, figures, _ = _matches(codes)
    return (hedge + source) / (2 * figures)


def other_reading_agreement() -> float:
    """Exercise 2.2: how far the second reading of article 002 agrees with the claims table."""
    return agreement_share(other_reading())


@remembered
def _hedge_only() -> float:
    hedge, _, _, figures, _ = _matches(other_reading())
    return hedge / figures


@remembered
def _source_only() -> float:
    _, source, _, figures, _ = _matches(other_reading())
    return source / figures


@remembered
def _figures_matching_on_both() -> float:
    _, _, both, figures, _ = _matches(other_reading())
    return both / figures


@remembered
def _coded_figures_only() -> float:
    """The share if the figures the other reading leaves out are dropped instead of counted as misses."""
    hedge, source, _, _, coded = _matches(other_reading())
    return (hedge + source) / (2 * coded)


@remembered
def _matching_codes() -> int:
    hedge, source, _, _, _ = _matches(other_reading())
    return hedge + source


register(
    Exercise(
        id="2.2",
        title="How far do two readings agree?",
        answer=SHARE,
        expected=other_reading_agreement,
        look_again=(
            "Line up the table's rows for the article with the other reading (merge on value_text, "
            'how="left"), count the hedges that match and the sources that match, and divide by the '
            "number of codes: two for each of the table's figures."
        ),
        hints=(
            'table_002.merge(other, on="value_text", how="left", suffixes=("_table", "_other")) puts '
            "each of the table's figures beside the other reader's codes for it.",
            'compared["hedge_table"] == compared["hedge_other"] is True where the hedges match; do the '
            "same for source_type.",
            "Add the two counts of True and divide by 2 * len(compared): every figure has two codes. Give "
            "a share between 0 and 1.",
        ),
        misreadings=(
            percent_for_share(),
            other_figure(
                _matching_codes,
                "That is the number of matching codes. The question asks for a share: divide by the "
                "number of codes compared, two for each of the table's figures.",
            ),
            near_figure(
                _hedge_only,
                "That share counts the hedges only. Each figure has two codes: "
                "count the matching sources too, and divide by the number of codes.",
            ),
            near_figure(
                _source_only,
                "That share counts the sources only. Each figure has two codes: "
                "count the matching hedges too, and divide by the number of codes.",
            ),
            near_figure(
                _figures_matching_on_both,
                "That counts the figures whose hedge and source both "
                "match. Count each code on its own: a figure whose hedge matches but whose source "
                "does not gives one matching code out of two.",
            ),
            near_figure(
                _coded_figures_only,
                "That leaves out the figure the other reader did not code. "
                "It still counts: two codes that do not match. Divide by two codes for each of "
                "the table's figures.",
            ),
        ),
    )
)


# ---------------------------------------------------------------- 2.3 write a number-word finder


def number_word_pattern() -> str:
    r"""A pattern that passes exercise 2.3: the number words as whole words, ``\b(?:one|…|ten)\b``."""
    return r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b"


PATTERN = Pattern()

register(
    Exercise(
        id="2.3",
        title="Write a number-word finder",
        answer=PATTERN,
        expected=number_word_pattern,
        look_again=(
            "Your pattern should find each of the words one to ten, and only as whole words. Try it "
            "with re.findall on a sentence of the articles before you check it."
        ),
        hints=(
            '"|".join(WORDS) glues the words together with | between them: "one|two|…".',
            '\\b marks the edge of a word. Where must it stand so that "ten" in "intensity" is not found?',
            '\\bone|two\\b puts the first \\b on "one" only and the second on "two" only: | splits the '
            "whole pattern. Group the words, (?:one|two), and put the \\b outside the group.",
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: any(
                    re.search(r"\d", piece) for piece in PATTERN.pieces(answer)
                ),
                feedback=(
                    "Your pattern finds digits. This exercise asks for the numbers written as words, "
                    '"one" to "ten": the digit patterns are already above.'
                ),
                example=lambda expected: SEPARATED_DIGITS,
            ),
            Misreading(
                matches=lambda answer, expected: bool(PATTERN.inside_words(answer)),
                feedback=(
                    'Your pattern finds number words inside longer words (in the articles, "ten" hides '
                    'in "intensity" and "two" in "networks"). Mark the edges of the word with \\b, '
                    "on both sides of every alternative: group the words first."
                ),
                example=lambda expected: "|".join(NUMBER_WORDS),
            ),
            Misreading(
                matches=lambda answer, expected: any(
                    piece.lower() not in NUMBER_WORDS for piece in PATTERN.pieces(answer)
                ),
                feedback=(
                    'Your pattern finds words that are not the number words "one" to "ten". Keep '
                    "to those ten words, joined with |."
                ),
                example=lambda expected: r"\b[a-z]+\b",
            ),
            Misreading(
                matches=lambda answer, expected: bool(PATTERN.missed(answer)),
                feedback=(
                    "Your pattern misses at least one claim whose value_text is a number word. Check that "
                    'every word from "one" to "ten" is in it, spelt as in the list WORDS.'
                ),
                example=lambda expected: r"\b(?:one|two|three|four|five)\b",
            ),
        ),
    )
)


# ---------------------------------------------------------------- 2.4 finder recall


def _found(pattern: str) -> pd.Series:
    claims = load_claims()
    return pd.Series(
        [
            value_text in re.findall(pattern, text)
            for value_text, text in zip(claims["value_text"], claims["quote"], strict=True)
        ]
    )


def digits_only_recall() -> int:
    r"""How many claims' value_text the pattern ``\d+`` finds, whole, in the claim's quote."""
    return int(_found(DIGITS_ONLY).sum())


def _claim_count() -> int:
    return len(load_claims())


def _separated_recall() -> int:
    return int(_found(SEPARATED_DIGITS).sum())


def _quotes_with_digits() -> int:
    return int(load_claims()["quote"].str.contains(r"\d").sum())


def _value_texts_with_digits() -> int:
    return int(load_claims()["value_text"].str.contains(r"\d").sum())


register(
    Exercise(
        id="2.4",
        title="How much does a digits-only finder find?",
        answer=WHOLE_NUMBER,
        expected=digits_only_recall,
        look_again=(
            "For each claim, run re.findall with the digits-only pattern on its quote, and ask "
            "whether the claim's whole value_text is one of the pieces found. Count the claims "
            "where it is."
        ),
        hints=(
            'Start with one claim: take its quote and its value_text, run re.findall(r"\\d+", quote) '
            "and test value_text in the list that comes back.",
            'Do the same for every claim: zip(claims["value_text"], claims["quote"]) gives the '
            "pairs, and a list comprehension turns them into a list of True and False.",
            'sum() of a list of True/False counts the True values. Use exactly the pattern r"\\d+", '
            "not an improved one.",
        ),
        misreadings=(
            other_figure(
                _claim_count,
                "That is the number of claims in the table. Count only the claims whose "
                "value_text the pattern finds whole in the quote.",
            ),
            Misreading(
                matches=lambda answer, expected: answer == _claim_count() - expected,
                feedback=(
                    "That looks like the number of claims the pattern misses. The question asks "
                    "how many it finds."
                ),
                example=lambda expected: _claim_count() - expected,
            ),
            other_figure(
                _separated_recall,
                "That is what a better pattern finds, one that keeps the thousands separator. "
                'This exercise measures the plain digits-only pattern r"\\d+", which splits '
                "a number at its comma.",
            ),
            Misreading(
                matches=lambda answer, expected: (
                    answer in (_quotes_with_digits(), _value_texts_with_digits())
                ),
                feedback=(
                    "Some digits in a quote or in a value_text are not enough: the pattern must "
                    'return the whole value_text as one piece. "8,000" comes back in two pieces '
                    "and a range in four."
                ),
                example=lambda expected: _value_texts_with_digits(),
            ),
            Misreading(
                matches=lambda answer, expected: (
                    0 < answer < 1
                    or (answer != expected and abs(answer - 100 * expected / _claim_count()) < 0.5)
                ),
                feedback="The question asks for a count of claims, not a share.",
                example=lambda expected: expected / _claim_count(),
            ),
        ),
    )
)
