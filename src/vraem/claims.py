"""The claims table: one row per number in the articles, with its quote."""

from __future__ import annotations

import pandas as pd

from .datacache import remembered
from .tables import read_table


@remembered
def load_claims() -> pd.DataFrame:
    """Return the claims table from ``data/claims.csv`` with typed columns.

    ``load_claims().query("measure == 'fighters'")`` lines up every estimate
    of the Shining Path's strength. ``value`` is empty for ranges and vague
    quantities ("hundreds"), whose ends are in ``value_low`` and
    ``value_high``; ``published`` (the article's publication date, or the
    earliest possible one for an undated article) sits beside
    ``reference_period``, the time the figure describes.
    """
    claims = read_table("claims")
    dates = read_table("articles")[["article_id", "published", "published_earliest"]]
    claims = claims.merge(dates, on="article_id", how="left", validate="many_to_one")
    claims["published"] = claims["published"].fillna(claims.pop("published_earliest"))
    return claims


@remembered
def own_claims(article_id: str) -> pd.DataFrame:
    """The hand-coded claims of one article, in the order of data/claims.csv."""
    claims = load_claims()
    return claims[claims["article_id"] == article_id].reset_index(drop=True)
