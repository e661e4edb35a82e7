"""Checked exercises of lesson 02 · Claims and sources.

Every key is worked out from ``data/claims.csv``: the finder's recall from the
quotes and their ``value_text``, the hedged share from ``hedge``, the least
sourced article from ``source_type``, the recycled fighter estimate from
``measure`` and ``value``, and the year a figure describes from
``reference_period``.
"""

from __future__ import annotations

import re

import pandas as pd

from ..answers import IdSet, Number
from ..claims import load_claims
from . import Exercise, Misreading, register

#: The digits-only pattern of exercise 2.1 (the notebook types the same pattern).
DIGITS_ONLY = r"\d+"
#: The better pattern the lesson builds next: digits with thousands separators.
SEPARATED_DIGITS = r"\d+(?:,\d{3})*"
#: Source types that name no source outside the outlet (exercise 2.3).
NO_OUTSIDE_SOURCE = ("unattributed", "the outlet itself")
#: Exercise 2.5: the coca share in article 003 ("nearly 70 percent ... in 2017").
SHARE_ARTICLE, SHARE_MEASURE = "003", "coca_area_share"


# ---------------------------------------------------------------- 2.1 finder recall

def _found(pattern: str) -> pd.Series:
    claims = load_claims()
    return pd.Series([value_text in re.findall(pattern, text)
                      for value_text, text in zip(claims["value_text"], claims["quote"], strict=True)])


def digits_only_recall() -> int:
    """How many claims' value_text the pattern ``\\d+`` finds, whole, in the claim's quote."""
    return int(_found(DIGITS_ONLY).sum())


def _claim_count() -> int:
    return len(load_claims())


def _separated_recall() -> int:
    return int(_found(SEPARATED_DIGITS).sum())


def _quotes_with_digits() -> int:
    return int(load_claims()["quote"].str.contains(r"\d").sum())


def _value_texts_with_digits() -> int:
    return int(load_claims()["value_text"].str.contains(r"\d").sum())


register(Exercise(
    id="2.1",
    title="How much does a digits-only finder find?",
    answer=Number(tolerance=0, absolute=0),
    expected=digits_only_recall,
    look_again=("For each claim, run re.findall with the digits-only pattern on its quote, and ask "
                "whether the claim's whole value_text is one of the pieces found. Count the claims "
                "where it is."),
    hints=(
        "Start with one claim: take its quote and its value_text, run re.findall(r\"\\d+\", quote) "
        "and test value_text in the list that comes back.",
        "Do the same for every claim: zip(claims[\"value_text\"], claims[\"quote\"]) gives the "
        "pairs, and a list comprehension turns them into a list of True and False.",
        "sum() of a list of True/False counts the True values. Use exactly the pattern r\"\\d+\", "
        "not an improved one.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer == _claim_count(),
            feedback=("That is the number of claims in the table. Count only the claims whose "
                      "value_text the pattern finds whole in the quote."),
            example=lambda expected: _claim_count(),
        ),
        Misreading(
            matches=lambda answer, expected: answer == _claim_count() - expected,
            feedback=("That looks like the number of claims the pattern misses. The question asks "
                      "how many it finds."),
            example=lambda expected: _claim_count() - expected,
        ),
        Misreading(
            matches=lambda answer, expected: answer == _separated_recall(),
            feedback=("That is what a better pattern finds, one that keeps the thousands separator. "
                      "This exercise measures the plain digits-only pattern r\"\\d+\", which splits "
                      "a number at its comma."),
            example=lambda expected: _separated_recall(),
        ),
        Misreading(
            matches=lambda answer, expected: answer in (_quotes_with_digits(), _value_texts_with_digits()),
            feedback=("Some digits in a quote or in a value_text are not enough: the pattern must "
                      "return the whole value_text as one piece. \"8,000\" comes back in two pieces "
                      "and a range in four."),
            example=lambda expected: _value_texts_with_digits(),
        ),
        Misreading(
            matches=lambda answer, expected: 0 < answer < 1 or (answer != expected and
                                                                 abs(answer - 100 * expected / _claim_count()) < 0.5),
            feedback="The question asks for a count of claims, not a share.",
            example=lambda expected: expected / _claim_count(),
        ),
    ),
))


# ---------------------------------------------------------------- 2.2 hedged share

def _hedged() -> pd.Series:
    return load_claims()["hedge"] != "none"


def hedged_share() -> float:
    """The share (0 to 1) of claims whose hedge column is anything but "none"."""
    return float(_hedged().mean())


def _hedged_count() -> int:
    return int(_hedged().sum())


def _hedged_share_without_between() -> float:
    claims = load_claims()
    return float((~claims["hedge"].isin(["none", "between"])).mean())


register(Exercise(
    id="2.2",
    title="How many claims are hedged?",
    answer=Number(tolerance=0, absolute=0.005),
    expected=hedged_share,
    look_again=("Build a True/False column that is True when hedge is not \"none\", and take its "
                "mean: the share of True values, between 0 and 1."),
    hints=(
        "claims[\"hedge\"] != \"none\" gives True for every hedged claim.",
        "The mean of a True/False column is the share of True values: True counts as 1, False as 0.",
        "Give a share between 0 and 1, not a percentage and not a count.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer > 1 and abs(answer - 100 * expected) <= 0.5,
            feedback="Give the share as a fraction between 0 and 1, not as a percentage.",
            example=lambda expected: 100 * expected,
        ),
        Misreading(
            matches=lambda answer, expected: answer == _hedged_count(),
            feedback=("That is a count of hedged claims. The question asks for a share: divide by "
                      "the number of claims (or take the mean of the True/False column)."),
            example=lambda expected: _hedged_count(),
        ),
        Misreading(
            matches=lambda answer, expected: abs(answer - (1 - expected)) <= 0.005,
            feedback=("That is the share of claims with no hedge. Flip the test: hedge is not "
                      "\"none\"."),
            example=lambda expected: 1 - expected,
        ),
        Misreading(
            matches=lambda answer, expected: abs(answer - _hedged_share_without_between()) <= 0.005,
            feedback=("Close, but this exercise counts every hedge value other than \"none\", even "
                      "the one you may doubt is a hedge at all. The lesson discusses it next."),
            example=lambda expected: _hedged_share_without_between(),
        ),
    ),
))


# ---------------------------------------------------------------- 2.3 least sourced article

def _share_by_article(types) -> pd.Series:
    claims = load_claims()
    return claims["source_type"].isin(list(types)).groupby(claims["article_id"]).mean()


def _top(series: pd.Series) -> frozenset[str]:
    return frozenset(series.index[series == series.max()])


def least_sourced_article() -> frozenset[str]:
    """The article(s) with the highest share of claims that name no outside source."""
    return _top(_share_by_article(NO_OUTSIDE_SOURCE))


def _count_by_article() -> pd.Series:
    claims = load_claims()
    return claims["source_type"].isin(list(NO_OUTSIDE_SOURCE)).groupby(claims["article_id"]).sum()


def _other_readings_23() -> list[frozenset[str]]:
    """Answers from counting only "the outlet itself", or counts instead of shares."""
    return [_top(_share_by_article(["the outlet itself"])), _top(_count_by_article())]


def _first_different(candidates, expected):
    return next(candidate for candidate in candidates if candidate != expected)


register(Exercise(
    id="2.3",
    title="Which article leans most on figures without an outside source?",
    answer=IdSet(),
    expected=least_sourced_article,
    look_again=("For each article, divide the number of claims whose source_type is \"unattributed\" "
                "or \"the outlet itself\" by the article's number of claims, and pick the article "
                "with the largest share."),
    hints=(
        "claims[\"source_type\"].isin([...]) gives True for every claim whose source type is in "
        "the list. Put both types in the list.",
        "A True/False column grouped by article, then .mean(), gives each article's share: "
        "mask.groupby(claims[\"article_id\"]).mean().",
        ".idxmax() returns the label (here, the article id) of the largest value.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer == _top(_share_by_article(["unattributed"])),
            feedback=("You counted only \"unattributed\". Figures given in the outlet's own voice "
                      "(\"the outlet itself\") have no outside source either: count both types."),
            example=lambda expected: _top(_share_by_article(["unattributed"])),
        ),
        Misreading(
            matches=lambda answer, expected: answer in _other_readings_23(),
            feedback=("Check two things: that both source types are counted, and that you compare "
                      "shares, not counts. An article with many claims has many of every kind."),
            example=lambda expected: _first_different(_other_readings_23(), expected),
        ),
        Misreading(
            matches=lambda answer, expected: len(answer) > len(expected),
            feedback="Give only the article with the highest share, as a single id.",
            example=lambda expected: expected | {"004" if "004" not in expected else "003"},
        ),
    ),
))


# ---------------------------------------------------------------- 2.4 recycled fighter estimate

def _articles_sharing(measure: str) -> frozenset[str]:
    claims = load_claims()
    rows = claims[claims["measure"] == measure].dropna(subset=["value"])
    spread = rows.groupby("value")["article_id"].transform("nunique")
    return frozenset(rows.loc[spread > 1, "article_id"])


def shared_fighter_estimate() -> frozenset[str]:
    """The articles that give the same fighter estimate (same measure and value) as another."""
    return _articles_sharing("fighters")


def _fighter_articles() -> frozenset[str]:
    claims = load_claims()
    return frozenset(claims.loc[claims["measure"] == "fighters", "article_id"])


def _fighter_claim_ids(expected) -> frozenset[str]:
    claims = load_claims()
    rows = claims[(claims["measure"] == "fighters") & claims["article_id"].isin(list(expected))]
    return frozenset(rows["claim_id"])


register(Exercise(
    id="2.4",
    title="The recycled fighter estimate",
    answer=IdSet(),
    expected=shared_fighter_estimate,
    look_again=("Keep the claims whose measure is \"fighters\", look at their value (and "
                "value_low, value_high) and find the figure that appears in two different articles."),
    hints=(
        "claims.query(\"measure == 'fighters'\") keeps the fighter estimates.",
        "Show article_id, value_text, value_low and value_high of those rows: which figure appears "
        "twice, in two articles?",
        "Give the two article ids as text in a list, e.g. [\"00X\", \"00Y\"].",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: any(item.upper().startswith("C") for item in answer),
            feedback="Give the article ids (three digits), not the claim ids.",
            example=lambda expected: _fighter_claim_ids(expected),
        ),
        Misreading(
            matches=lambda answer, expected: answer == _articles_sharing("poverty_rate") != expected,
            feedback=("That pair shares another recycled figure. This exercise asks about the "
                      "estimate of the Shining Path's fighters."),
            example=lambda expected: _articles_sharing("poverty_rate"),
        ),
        Misreading(
            matches=lambda answer, expected: answer > expected,
            feedback=("One of those articles gives a different fighter figure. A recycled figure is "
                      "the same measure and the same value: compare the values, not only the measure."),
            example=lambda expected: expected | (_fighter_articles() - expected),
        ),
        Misreading(
            matches=lambda answer, expected: 0 < len(answer) < len(expected) and answer < expected,
            feedback="A recycled figure appears in more than one article: give every article that has it.",
            example=lambda expected: frozenset(sorted(expected)[:1]),
        ),
    ),
))


# ---------------------------------------------------------------- 2.5 reference period

def _share_claim() -> pd.Series:
    claims = load_claims()
    rows = claims[(claims["article_id"] == SHARE_ARTICLE) & (claims["measure"] == SHARE_MEASURE)]
    if len(rows) != 1:
        raise ValueError(f"expected one {SHARE_MEASURE} claim in article {SHARE_ARTICLE}, found {len(rows)}")
    return rows.iloc[0]


def share_reference_year() -> int:
    """The year that article 003's coca share describes (its reference_period)."""
    return int(_share_claim()["reference_period"][:4])


def _share_publication_year() -> int:
    return int(_share_claim()["published"].year)


register(Exercise(
    id="2.5",
    title="Which year does the figure describe?",
    answer=Number(tolerance=0, absolute=0),
    expected=share_reference_year,
    look_again=("Read the whole sentence around the figure, not the date line: it says which "
                "survey the share comes from. The reference_period column records it."),
    hints=(
        "Find the claim: article 003, measure \"coca_area_share\".",
        "Compare its reference_period with its published column. Which one tells you when the "
        "coca was counted?",
        "Give the year as a number, e.g. 1999.",
    ),
    misreadings=(
        Misreading(
            matches=lambda answer, expected: answer == _share_publication_year(),
            feedback=("That is the year the article was published. The figure comes from an older "
                      "survey: look for the year in the sentence itself."),
            example=lambda expected: _share_publication_year(),
        ),
        Misreading(
            matches=lambda answer, expected: answer == float(_share_claim()["value"]),
            feedback="That is the figure itself. The question asks for the year it describes.",
            example=lambda expected: float(_share_claim()["value"]),
        ),
    ),
))
