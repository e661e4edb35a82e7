"""Checked exercises of lesson 00 · Start here."""

from __future__ import annotations

import re
import unicodedata

from ..answers import Choice, IdSet
from ..corpus import load_article, load_corpus
from . import Exercise, Misreading, register


def undated_scrapes() -> frozenset[str]:
    """Ids of the articles whose scrape prints no publication date."""
    corpus = load_corpus()
    return frozenset(corpus.loc[corpus["published_in_scrape"].isna(), "article_id"])


def _id_of_count(expected: frozenset[str]) -> frozenset[str]:
    """How a learner's count of the undated scrapes reads as an id: 2 becomes {"002"}."""
    return frozenset({f"{len(expected):03d}"})


register(
    Exercise(
        id="0.1",
        title="Which scrapes print no date?",
        answer=IdSet(),
        expected=undated_scrapes,
        look_again=(
            "Compare the column published_in_scrape (what the scraper found) with the "
            "column published (what we know from elsewhere)."
        ),
        hints=(
            "A missing date shows as NaT ('not a time') in the table.",
            "Look down the published_in_scrape column and note the article_id of each NaT row.",
            'Give the ids as text in a list, e.g. ["00X", "00Y"].',
        ),
        misreadings=(
            # each sentence below is true whenever its test matches
            Misreading(
                matches=lambda answer, expected: (
                    answer == _id_of_count(expected) and not answer <= expected
                ),
                feedback=(
                    "A bare number is read as an article id. If you counted the undated scrapes, the "
                    "exercise asks for their ids, not how many; if you meant that article, its scrape "
                    "does print a date."
                ),
                example=lambda expected: _id_of_count(expected),
                summary="one id equal to the number of undated scrapes (a count instead of the ids?)",
            ),
            Misreading(
                matches=lambda answer, expected: answer > expected,
                feedback=(
                    "Your list has every undated scrape, and also at least one article whose scrape does "
                    "print a date. Look at published_in_scrape, not at published: published adds dates "
                    "we know from elsewhere."
                ),
                example=lambda expected: (
                    frozenset(expected | {"000"})
                    if "000" not in expected
                    else frozenset(expected | {"002"})
                ),
            ),
            Misreading(
                matches=lambda answer, expected: 0 < len(answer) and answer < expected,
                feedback="Every id in your list is right, but at least one undated scrape is missing from it.",
                example=lambda expected: frozenset(sorted(expected)[:1]),
            ),
            Misreading(
                matches=lambda answer, expected: (
                    bool(answer - expected) and bool(answer & expected)
                ),
                feedback=(
                    "At least one id in your list is right, and at least one is an article whose scrape "
                    "does print a date. Check each id against the published_in_scrape column."
                ),
                example=lambda expected: frozenset(
                    {sorted(expected)[0], "000" if "000" not in expected else "002"}
                ),
            ),
        ),
    )
)


# ---------------------------------------------------------------- exercise 0.2

VALLEY_OPTIONS = {
    "a": "the Apurimac",
    "b": "the Ene",
    "c": "the Mantaro",
    "d": "the Upper Huallaga",
}


def _plain(text: str) -> str:
    """Lower case without accents, so "Apurímac" and "Apurimac" compare equal."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def vrae_valleys() -> frozenset[str]:
    """Letters of the valleys the articles spell out behind the initials VRAE.

    Read from article 000 ("the Apurimac and Ene River Valley (VRAE)") and
    article 001 ("the Apurimac and Ene River Valley, known by its initials in
    Spanish as the VRAE"); the two must agree.
    """
    patterns = {
        "000": r"the ([\w ]+?) River Valley \(VRAE\)",
        "001": r"the ([\w ]+?) River Valley, known by its initials in Spanish as the VRAE",
    }
    readings = set()
    for article_id, pattern in patterns.items():
        found = re.search(pattern, load_article(article_id).text)
        if not found:
            raise ValueError(f"article {article_id} no longer spells out the VRAE")
        rivers = {
            _plain(name).strip() for name in re.split(r",| and ", found.group(1)) if name.strip()
        }
        readings.add(
            frozenset(
                letter
                for letter, option in VALLEY_OPTIONS.items()
                if _plain(option).removeprefix("the ") in rivers
            )
        )
    if len(readings) != 1:
        raise ValueError("articles 000 and 001 spell out the VRAE differently")
    return readings.pop()


register(
    Exercise(
        id="0.2",
        title="Which valleys did the name VRAE cover?",
        answer=Choice(
            VALLEY_OPTIONS,
            why_not={
                "a": 'Read the words just before "(VRAE)" in the quote of article 000: which rivers does the name spell out?',
                "b": 'Read the words just before "(VRAE)" in the quote of article 000: which rivers does the name spell out?',
                "c": (
                    "Article 000 does name the Mantaro valley, but as lying to the region's north: it is the "
                    "M that the later name VRAEM adds."
                ),
                "d": (
                    "The Upper Huallaga is another valley, where article 001 places the other faction of the "
                    "Shining Path. It is not part of the VRAE."
                ),
            },
            multiple=True,
        ),
        expected=vrae_valleys,
        look_again='Read the quote of article 000 again: which river valleys stand right before "(VRAE)"?',
        hints=(
            "VRAE is a set of Spanish initials: V for valley, R for rivers, then one letter per river.",
            "Article 000 names a third valley in the same sentence, but says where it lies: inside or "
            "beside the VRAE?",
            'Give every letter that fits, as a list, e.g. ["a", "c"].',
        ),
    )
)
