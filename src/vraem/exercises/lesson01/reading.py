"""Exercises 1.1 to 1.4 of lesson 01: what the scrape holds, which part of a brief, whose figure.

The keys are in :mod:`.data`: the share of the scrape that is not article
text, the brief with the longest analysis section, where the "52 bases"
sentence stands and who gives it, the figures of brief 004 that name no source.
"""

from __future__ import annotations

import math

from ...answers import Choice, IdSet, Number
from .. import Exercise, Misreading, register
from ..shapes import near_any_figure, other_figure, percent_for_share, share_of_the_rest
from .data import (
    BASES_OPTIONS,
    MEASURED_ARTICLE,
    UNSOURCED_OPTIONS,
    _raw_and_text_words,
    _shares_counting_the_heading_as_text,
    analysis_articles,
    bases_speaker,
    boilerplate_share,
    long_news_parts,
    longest_analysis_section,
    unsourced_figures,
)


def _close(a: float, b: float, absolute: float = 0.006) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=absolute)


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
            percent_for_share(
                "This looks like a percentage. The exercise asks for a share between 0 and 1: "
                "divide by 100.",
                within=0.6,
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
            share_of_the_rest(
                "That is the share of the scrape that IS article text. The exercise asks for the "
                "rest: the words a program must set aside.",
                within=0.006,
            ),
            near_any_figure(
                _shares_counting_the_heading_as_text,
                "Close, but you seem to count the headline (or the dateline) as article text. In "
                "this exercise article text is only what the parser keeps, article.word_count: "
                "the headline and the dateline belong to the rest.",
                within=0.004,
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
