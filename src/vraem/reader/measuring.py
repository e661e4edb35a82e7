"""The drafter measured against the hand-coded claims: ``benchmark().recall``, ``compare_with_claims(draft, claims)``.

``tools/benchmark_reader.py`` prints these figures for the README; lesson 06 uses
:func:`compare_with_claims` and :func:`match_draft` to show what a first pass misses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .drafting import draft_claims
from .sentences import normalise


def number_kind(value_text: str) -> str:
    """The kind of number a value_text is, for the benchmark: ``number_kind("8,000")`` is "separators"."""
    text = value_text.lower()
    if re.fullmatch(r"(?:in\s+)?(?:1[89]|20)\d{2}", text.strip()):
        return "year (left out by design)"
    if re.search(r"\d", text):
        if (
            re.search(r"\s*(?:-|–|\bto\b|\band\b)\s*", text.strip())
            and len(re.findall(r"\d+", text)) >= 2
        ):
            return "range"
        return "separators" if re.search(r"\d[,.]\d{3}", text) else "digits"
    if re.search(
        r"decade|half|third|quarter|several|dozens|hundreds|thousands|few|both|majority|most", text
    ):
        return "vague, fraction or span"
    return "number word"


def _same_passage(draft_quote: str, claim_quote: str) -> bool:
    from difflib import SequenceMatcher

    if claim_quote in draft_quote or draft_quote in claim_quote:
        return True
    match = SequenceMatcher(None, draft_quote, claim_quote, autojunk=False).find_longest_match()
    return match.size >= 30


def _matches(value_text: str, quote: str, other_text: str, other_quote: str) -> bool:
    return value_text == other_text and _same_passage(normalise(quote), normalise(other_quote))


def compare_with_claims(draft: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Mark each hand-coded claim found or missed by a draft: ``compare_with_claims(draft, claims)``.

    A claim is found when a drafted row has the same ``value_text`` in an
    overlapping passage. Returns the claims with new columns: ``found``,
    ``drafted_id`` (the drafted row that found it), ``drafted_hedge`` (that
    row's hedge) and ``kind`` (see :func:`number_kind`).
    """
    result = claims.copy()
    hits = []
    for value_text, quote in zip(claims["value_text"], claims["quote"], strict=True):
        found = [
            (row_id, hedge)
            for row_id, row_text, row_quote, hedge in zip(
                draft["claim_id"], draft["value_text"], draft["quote"], draft["hedge"], strict=True
            )
            if _matches(row_text, row_quote, value_text, quote)
        ]
        hits.append(found[0] if found else (None, None))
    result["found"] = [row_id is not None for row_id, _ in hits]
    result["drafted_id"] = [row_id for row_id, _ in hits]
    result["drafted_hedge"] = [hedge for _, hedge in hits]
    result["kind"] = [number_kind(text) for text in claims["value_text"]]
    return result


def match_draft(draft: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """The hand-coded claim each drafted row stands for: ``match_draft(draft, claims)``.

    One value per drafted row (same index): the ``claim_id`` of the claim with
    the same ``value_text`` in an overlapping passage, or ``None`` for a row
    that is not one of the claims (a date, page furniture, a number that
    counts nothing the reader records).
    """
    ids = []
    for value_text, quote in zip(draft["value_text"], draft["quote"], strict=True):
        found = [
            claim_id
            for claim_id, claim_text, claim_quote in zip(
                claims["claim_id"], claims["value_text"], claims["quote"], strict=True
            )
            if _matches(value_text, quote, claim_text, claim_quote)
        ]
        ids.append(found[0] if found else None)
    return pd.Series(ids, index=draft.index, dtype="object", name="claim_id")


def same_source(drafted: str, coded: str) -> bool:
    """Do two ``attributed_to`` values name the same source? ``same_source("the UN (UN)", "The UN")``.

    Compared by the name before any parenthesis or comma, ignoring case and a
    leading article: "Carlos Tubino, the vice president ..." is "Carlos Tubino".
    """

    def core(name: str) -> str:
        name = re.split(r"[(,]", str(name).casefold().replace("’", "'"))[0]
        return " ".join(re.sub(r"^\s*(?:the|a|an)\s+", "", name).split())

    return bool(core(drafted)) and core(drafted) == core(coded)


#: Source types of a claim whose text names no one: not a source the draft could find in the sentence.
_NO_NAMED_SOURCE = ("unattributed", "the outlet itself")


@dataclass(frozen=True)
class Benchmark:
    """The drafter measured against the hand-coded claims of the five articles.

    ``sources_*`` measure ``attributed_to`` on the claims the draft finds:
    ``sources_named`` rows where the draft names a source, ``sources_right``
    those that name the hand-coded one (:func:`same_source`), and
    ``sources_to_find`` the claims whose hand-coded source is someone the text
    names (not "unattributed", not the outlet's own voice), of which
    ``sources_found`` the draft names rightly.
    """

    claims: int
    found: int
    drafted: int
    true_rows: int
    by_kind: pd.DataFrame
    misses: pd.DataFrame
    hedges_right: int
    sources_named: int = 0
    sources_right: int = 0
    sources_to_find: int = 0
    sources_found: int = 0
    sources: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @property
    def recall(self) -> float:
        """Of the hand-coded claims, the share the draft finds."""
        return self.found / self.claims if self.claims else 0.0

    @property
    def precision(self) -> float:
        """Of the drafted rows, the share that are hand-coded claims."""
        return self.true_rows / self.drafted if self.drafted else 0.0

    @property
    def source_precision(self) -> float:
        """Of the sources the draft names, the share that are the hand-coded one."""
        return self.sources_right / self.sources_named if self.sources_named else 0.0

    @property
    def source_recall(self) -> float:
        """Of the hand-coded sources the text names, the share the draft names rightly."""
        return self.sources_found / self.sources_to_find if self.sources_to_find else 0.0


def benchmark(load=None) -> Benchmark:
    """Recall and precision of :func:`draft_claims` on the five articles: ``benchmark().recall``.

    ``load(article_id)`` gives the article to draft: by default the course's
    parse of the scrape (``load_article``); the tests also pass pages built from
    the scrapes (a saved page, a copy from a browser) read with :func:`load`.
    """
    from ..claims import load_claims
    from ..corpus import load_article

    load = load or load_article
    claims = load_claims()
    compared, drafted, true_rows = [], 0, 0
    for article_id in sorted(claims["article_id"].unique()):
        draft = draft_claims(load(article_id), article_id)
        own = claims[claims["article_id"] == article_id]
        found = compare_with_claims(draft, own)
        found["drafted_attributed_to"] = found["drafted_id"].map(
            dict(zip(draft["claim_id"], draft["attributed_to"], strict=True))
        )
        compared.append(found)
        drafted += len(draft)
        true_rows += int(match_draft(draft, own).notna().sum())
    table = pd.concat(compared, ignore_index=True)
    by_kind = table.groupby("kind")["found"].agg(claims="size", found="sum")
    by_kind["recall"] = (by_kind["found"] / by_kind["claims"]).round(2)
    found = table[table["found"]].copy()
    found["source_named"] = found["drafted_attributed_to"].fillna("").str.strip() != ""
    found["source_right"] = [
        same_source(drafted, coded)
        for drafted, coded in zip(
            found["drafted_attributed_to"].fillna(""), found["attributed_to"], strict=True
        )
    ]
    found["source_to_find"] = ~found["source_type"].isin(_NO_NAMED_SOURCE)
    return Benchmark(
        claims=len(table),
        found=len(found),
        drafted=drafted,
        true_rows=true_rows,
        by_kind=by_kind,
        misses=table[~table["found"]],
        hedges_right=int((found["drafted_hedge"] == found["hedge"]).sum()),
        sources_named=int(found["source_named"].sum()),
        sources_right=int((found["source_named"] & found["source_right"]).sum()),
        sources_to_find=int(found["source_to_find"].sum()),
        sources_found=int((found["source_to_find"] & found["source_right"]).sum()),
        sources=found[
            [
                "claim_id",
                "article_id",
                "value_text",
                "attributed_to",
                "drafted_attributed_to",
                "source_type",
            ]
        ],
    )
