"""The coded passages: ``load_passages()`` for the course's coding, ``load_codings()`` for both.

A passage is a verbatim span of an article that argues about, or reports on,
how to deal with the VRAEM. ``data/codebook.md`` says how each one is coded.
Coding A (the course author's) is in ``data/passages.csv``; the long table
``data/passage_codings.csv`` holds it next to coding B, made independently
from the codebook alone, so that agreement can be measured.

``python -m vraem.passages CODING_B.csv`` rebuilds ``passage_codings.csv``
from ``passages.csv`` and a second coder's file as delivered.
"""

from __future__ import annotations

import sys

import pandas as pd

from .corpus import load_article
from .paths import data_file
from .tables import read_table

#: The columns a coder fills in, in the codebook's order.
CODED_COLUMNS = ("frame", "voice", "speaker", "source_type", "evidence", "claim_of_effect", "note")
#: The columns whose values come from a fixed vocabulary (agreement is measured on these).
CATEGORY_COLUMNS = ("frame", "voice", "source_type", "evidence", "claim_of_effect")


def load_passages() -> pd.DataFrame:
    """Return ``data/passages.csv``: one passage per row, with coding A.

    ``load_passages().query("frame == 'development'")`` lists the passages
    that put development forward. Two columns are added for convenience:
    ``published`` (the article's date, or the earliest possible one for the
    undated article 001, as in ``load_claims()``) and ``section`` ("news"
    before the outlet's "InSight Crime Analysis" heading, "analysis" after
    it; every paragraph of an article of the kind "Analysis", like 001, is
    analysis, as in ``claims.csv``).
    """
    passages = read_table("passages")
    articles = read_table("articles")[["article_id", "kind", "published", "published_earliest"]]
    passages = passages.merge(articles.drop(columns="kind"), on="article_id", how="left",
                              validate="many_to_one")
    passages["published"] = passages["published"].fillna(passages.pop("published_earliest"))
    kinds = articles.set_index("article_id")["kind"]
    news_paragraphs = {article_id: 0 if kinds[article_id] == "Analysis" else len(load_article(article_id).news)
                       for article_id in passages["article_id"].unique()}
    passages["section"] = ["news" if paragraph < news_paragraphs[article_id] else "analysis"
                           for article_id, paragraph in zip(passages["article_id"], passages["paragraph"],
                                                            strict=True)]
    return passages


def load_codings() -> pd.DataFrame:
    """Return ``data/passage_codings.csv``: one row per passage and coder ("A" or "B").

    ``load_codings().pivot(index="passage_id", columns="coder", values="frame")``
    puts the two codings of the frame side by side.
    """
    return read_table("passage_codings")


def side_by_side(column: str = "frame") -> pd.DataFrame:
    """Return one row per passage with coder A's and coder B's value of ``column`` side by side."""
    return load_codings().pivot(index="passage_id", columns="coder", values=column)


def cohen_kappa(first: pd.Series, second: pd.Series) -> float:
    """Cohen's kappa for two codings of the same items: ``cohen_kappa(wide["A"], wide["B"])``.

    kappa = (observed agreement - agreement expected by chance) / (1 - chance
    agreement), where chance agreement is the sum, over the categories, of
    the product of the two coders' shares of that category. 1 is perfect
    agreement, 0 no better than chance. Both codings need a value for every item.
    """
    if len(first) != len(second) or first.isna().any() or second.isna().any():
        raise ValueError("kappa needs two complete codings of the same items")
    observed = float((first.to_numpy() == second.to_numpy()).mean())
    shares = pd.concat([first.value_counts(normalize=True), second.value_counts(normalize=True)],
                       axis=1).fillna(0)
    chance = float((shares.iloc[:, 0] * shares.iloc[:, 1]).sum())
    if chance == 1:
        raise ValueError("both coders used one and the same category throughout: kappa is undefined")
    return (observed - chance) / (1 - chance)


def codings_table(passages: pd.DataFrame, coding_b: pd.DataFrame) -> pd.DataFrame:
    """Stack coding A (from ``passages``) and coding B (a coder's file) into the long table.

    Coding B is taken as delivered, column by column; nothing is filled in
    from coding A. A passage missing from coding B, or an unknown id, is an error.
    """
    missing = set(passages["passage_id"]) - set(coding_b["passage_id"])
    unknown = set(coding_b["passage_id"]) - set(passages["passage_id"])
    if missing or unknown:
        raise ValueError(f"coding B does not match the passages: missing {sorted(missing)}, "
                         f"unknown {sorted(unknown)}")
    coding_b = coding_b.copy()
    if "note" not in coding_b:
        coding_b["note"] = ""
    order = {passage_id: index for index, passage_id in enumerate(passages["passage_id"])}
    a = passages[["passage_id", *CODED_COLUMNS]].assign(coder="A")
    b = coding_b[["passage_id", *CODED_COLUMNS]].assign(coder="B")
    table = pd.concat([a, b], ignore_index=True)
    table = table.sort_values(["passage_id", "coder"], key=lambda column: column.map(order)
                              if column.name == "passage_id" else column, kind="stable")
    return table[["passage_id", "coder", *CODED_COLUMNS]].reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    """Rewrite data/passage_codings.csv from data/passages.csv and coder B's CSV file."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit("usage: python -m vraem.passages CODING_B.csv")
    passages = pd.read_csv(data_file("passages.csv"), dtype=str, keep_default_na=False)
    coding_b = pd.read_csv(argv[0], dtype=str, keep_default_na=False)
    coding_b = coding_b.apply(lambda column: column.str.strip())
    target = data_file("datapackage.json").parent / "passage_codings.csv"
    codings_table(passages, coding_b).to_csv(target, index=False, lineterminator="\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
