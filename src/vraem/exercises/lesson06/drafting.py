"""Exercises 6.4 and 6.5 of lesson 06: what the reader's draft finds, and what it wrongly finds.

The recall and the rows that are not claims come from running
:mod:`vraem.reader` on the articles and comparing its draft with
``data/claims.csv``.
"""

from __future__ import annotations

import pandas as pd

from ... import reader
from ...answers import IdSet, Number
from ...claims import own_claims
from ...corpus import article_file, load_article
from ...datacache import remembered  # for helpers of the data that the feedback asks for again
from .. import Exercise, Misreading, register
from ..shapes import near_figure, other_figure, percent_for_share

#: The article whose recall is measured (the long 2011 analysis) and the page read raw
#: (the 2016 brief whose scrape lost its headline and dateline).
RECALL_ARTICLE, RAW_PAGE = "001", "004"


# --- 6.4 the drafter's recall on one article --------------------------------------------------


@remembered
def compared(article_id: str = RECALL_ARTICLE) -> pd.DataFrame:
    """The article's claims, each marked found or missed by the reader's draft."""
    draft = reader.draft_claims(load_article(article_id), article_id)
    return reader.compare_with_claims(draft, own_claims(article_id))


def drafted_recall(article_id: str = RECALL_ARTICLE) -> float:
    """Share of the article's hand-coded claims that the draft finds (exercise 6.4)."""
    return float(compared(article_id)["found"].mean())


def _drafted_rows(article_id: str = RECALL_ARTICLE) -> int:
    return len(reader.draft_claims(load_article(article_id), article_id))


def _found_count() -> float:
    return float(compared()["found"].sum())


@remembered
def _recall_without_years() -> float:
    table = compared()
    kept = table[table["kind"] != "year (left out by design)"]
    return float(kept["found"].mean())


@remembered
def _precision() -> float:
    draft = reader.draft_claims(load_article(RECALL_ARTICLE), RECALL_ARTICLE)
    return float(reader.match_draft(draft, own_claims(RECALL_ARTICLE)).notna().mean())


register(
    Exercise(
        id="6.4",
        title="How much of the 2011 analysis does the draft find?",
        answer=Number(tolerance=0.01, unit="share"),
        expected=drafted_recall,
        look_again=(
            "Recall is the share of the hand-coded claims that the draft finds: of the article's rows "
            "in the claims table, how many does compare_with_claims mark as found, divided by how many "
            "rows there are."
        ),
        hints=(
            'Draft the article with reader.draft_claims(article, "001"), then compare it with the article\'s '
            "own rows of the claims table.",
            "compare_with_claims gives one row per hand-coded claim, with a True/False column `found`.",
            "The mean of a True/False column is the share of True values.",
        ),
        misreadings=(
            other_figure(
                _found_count,
                "That is how many claims the draft finds. Give the share: divide by the number of "
                "hand-coded claims of the article.",
            ),
            percent_for_share(
                "That is a percentage. Give the share as a number between 0 and 1.", within=0.6
            ),
            near_figure(
                _recall_without_years,
                "You left the years out of the count. They are left out of the draft by design, "
                "but they are still hand-coded claims a reader must add: recall counts every one.",
                decimals=3,
            ),
            near_figure(
                _precision,
                "That is the share of the drafted rows that are claims (the precision). Recall looks "
                "from the other side: of the hand-coded claims, how many did the draft find?",
            ),
        ),
    )
)


# --- 6.5 rows of a raw page that are not claims -----------------------------------------------


@remembered
def raw_page_draft() -> pd.DataFrame:
    """The draft of article 004's file read as it stands, page furniture and all."""
    load_article(RAW_PAGE)  # a damaged scrape is named here, with how to restore it
    return reader.draft_claims(reader.load(article_file(RAW_PAGE)), RAW_PAGE)


def not_claims() -> frozenset[str]:
    """Drafted rows of the raw page that stand for none of the article's claims (exercise 6.5)."""
    draft = raw_page_draft()
    matched = reader.match_draft(draft, own_claims(RAW_PAGE))
    return frozenset(draft.loc[matched.isna(), "claim_id"])


@remembered
def _article_rows() -> frozenset[str]:
    """Drafted rows whose quote stands in the article's own text (the course's parse)."""
    text = " ".join(load_article(RAW_PAGE).text.split())
    draft = raw_page_draft()
    return frozenset(draft.loc[[quote in text for quote in draft["quote"]], "claim_id"])


def _pager_rows() -> frozenset[str]:
    """The rows drawn from the list of page numbers ("• 1 • 2 • 3 ...")."""
    draft = raw_page_draft()
    return frozenset(draft.loc[draft["quote"].str.contains("Prev Next"), "claim_id"])


def _vague_article_rows() -> frozenset[str]:
    draft = raw_page_draft()
    vague = draft["value_text"].map(reader.number_kind) == "vague, fraction or span"
    return frozenset(draft.loc[vague, "claim_id"]) & _article_rows()


register(
    Exercise(
        id="6.5",
        title="Which drafted rows of the raw page are not claims?",
        answer=IdSet(width=3, prefix="D"),
        expected=not_claims,
        look_again=(
            "Read the quote of each drafted row: is the sentence part of the article itself, or of "
            "the page around it (navigation, teasers of other articles)? List every row of the page "
            "around it."
        ),
        hints=(
            "Sort the rows by where their quote comes from: the article's paragraphs, or the rest of the page.",
            "The article ends before the page's list of page numbers; everything after it belongs to the site.",
            'A row whose quote is not in load_article("004").text (the course\'s clean parse) is not from the article.',
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: bool(answer & _vague_article_rows()),
                feedback=(
                    'Vague words such as "several" and "decades" in the article\'s own sentences are '
                    "claims: the course records them with the least they can mean (lesson 02). Keep "
                    "those rows."
                ),
                example=lambda expected: expected | _vague_article_rows(),
            ),
            Misreading(
                matches=lambda answer, expected: bool(
                    answer & (_article_rows() - _vague_article_rows())
                ),
                feedback=(
                    "At least one row you listed quotes a sentence of the article itself, with a figure "
                    "the article gives. Those rows need correcting, not deleting."
                ),
                example=lambda expected: (
                    expected | {sorted(_article_rows() - _vague_article_rows())[0]}
                ),
            ),
            other_figure(
                _pager_rows,
                "Those are the page numbers. Further down, the page also shows teasers of other "
                "articles: their numbers are not this article's either.",
            ),
            Misreading(
                matches=lambda answer, expected: answer == expected - _pager_rows(),
                feedback=(
                    "Those are the teasers of other articles. Above them, the page's list of page "
                    "numbers gave rows too."
                ),
                example=lambda expected: expected - _pager_rows(),
            ),
            Misreading(
                matches=lambda answer, expected: answer < expected,
                feedback="Every row in your list is indeed not a claim, but the list is not complete yet.",
                example=lambda expected: frozenset(sorted(expected)[:3]),
            ),
        ),
    )
)
