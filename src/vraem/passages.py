"""The coded passages: ``load_passages()`` for the reconciled coding, ``load_codings()`` for both codings.

A passage is a verbatim span of an article that argues about, or reports on,
how to deal with the VRAEM. ``data/codebook.md`` says how each one is coded.
Two people coded every passage independently: coding A (the course author's)
and coding B (made from the codebook alone). ``data/passage_codings.csv``
holds both as they were made, so that their agreement can be measured.
``data/passages.csv`` holds the **reconciled** coding, the last step of
content analysis: coding A, corrected only where it breaks an explicit rule
of the codebook, each changed cell recorded in ``reconciled_from`` with the
rule in ``reconciliation_rule``. Counts of frames, voices and claims of
effect use the reconciled coding; agreement uses A and B.

``python -m vraem.passages CODING_B.csv`` rebuilds ``passage_codings.csv``
from coding A as stored there and a second coder's file as delivered.
"""

from __future__ import annotations

import sys

import pandas as pd

from .corpus import load_article
from .datacache import remembered
from .paths import data_file
from .tables import read_table

#: The columns a coder fills in, in the codebook's order.
CODED_COLUMNS = ("frame", "voice", "speaker", "source_type", "evidence", "claim_of_effect", "note")
#: The columns whose values come from a fixed vocabulary (agreement is measured on these).
CATEGORY_COLUMNS = ("frame", "voice", "source_type", "evidence", "claim_of_effect")
#: The coded columns a reconciliation may change (``note`` is rewritten freely).
RECONCILED_COLUMNS = ("frame", "voice", "speaker", "source_type", "evidence", "claim_of_effect")
#: ``reconciled_from`` of a passage added at reconciliation, which neither coder coded.
RECONCILED_ONLY = "new passage"


@remembered
def load_passages() -> pd.DataFrame:
    """Return ``data/passages.csv``: one passage per row, with the reconciled coding.

    ``load_passages().query("frame == 'development'")`` lists the passages
    that put development forward. Two columns are added for convenience:
    ``published`` (the article's date, or the earliest possible one for the
    undated article 001, as in ``load_claims()``) and ``section`` ("news"
    before the outlet's "InSight Crime Analysis" heading, "analysis" after
    it; every paragraph of an article of the kind "Analysis", like 001, is
    analysis, as in ``claims.csv``).
    """
    passages = read_table("passages")
    for column in ("reconciled_from", "reconciliation_rule", "note"):
        passages[column] = passages[column].fillna("")
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
    """Return ``data/passage_codings.csv``: one row per passage and coder ("A" or "B"), as made.

    ``load_codings().pivot(index="passage_id", columns="coder", values="frame")``
    puts the two codings of the frame side by side.
    """
    return read_table("passage_codings")


@remembered
def side_by_side(column: str = "frame") -> pd.DataFrame:
    """Return one row per passage both coders coded, with coder A's and coder B's value of ``column``."""
    return load_codings().pivot(index="passage_id", columns="coder", values=column)


def reconciled_cells(reconciled_from: str) -> dict[str, str]:
    """Read a ``reconciled_from`` cell: ``{"evidence": "event"}`` for ``"evidence=event"``.

    Gives coding A's value of each cell the reconciliation changed; an
    empty cell (coding A unchanged) and ``"new passage"`` give ``{}``.
    """
    text = "" if pd.isna(reconciled_from) else str(reconciled_from).strip()
    if text in ("", RECONCILED_ONLY):
        return {}
    cells = {}
    for part in text.split("; "):
        column, _, value = part.partition("=")
        if column not in RECONCILED_COLUMNS or not value:
            raise ValueError(f"reconciled_from should read like 'evidence=event; frame=security': {part!r} does not")
        cells[column] = value
    return cells


def reconciliation(passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every cell the reconciliation changed: passage, column, coder A, coder B, reconciled, rule.

    ``reconciliation()`` is the list a reader checks to see what was
    corrected in coding A and why; passages added at reconciliation are
    not in it (they have no coding A to correct).
    """
    passages = load_passages() if passages is None else passages
    codings = load_codings().set_index(["passage_id", "coder"])
    rows = []
    for row in passages.itertuples(index=False):
        for column, coded_a in reconciled_cells(row.reconciled_from).items():
            rows.append({"passage_id": row.passage_id, "column": column, "A": coded_a,
                         "B": codings.loc[(row.passage_id, "B"), column],
                         "reconciled": getattr(row, column), "rule": row.reconciliation_rule})
    return pd.DataFrame(rows, columns=["passage_id", "column", "A", "B", "reconciled", "rule"])


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


def codings_table(coding_a: pd.DataFrame, coding_b: pd.DataFrame) -> pd.DataFrame:
    """Stack coding A and coding B, each as delivered, into the long table of passage_codings.csv.

    Nothing in one coding is filled in from the other. The two must code the
    same passages; a passage one of them misses is an error. Rows keep coding
    A's order of passages.
    """
    missing = set(coding_a["passage_id"]) - set(coding_b["passage_id"])
    unknown = set(coding_b["passage_id"]) - set(coding_a["passage_id"])
    if missing or unknown:
        raise ValueError(f"coding B does not match coding A: missing {sorted(missing)}, "
                         f"unknown {sorted(unknown)}")
    codings = []
    for coder, coding in (("A", coding_a), ("B", coding_b)):
        coding = coding.copy()
        if "note" not in coding:
            coding["note"] = ""
        codings.append(coding[["passage_id", *CODED_COLUMNS]].assign(coder=coder))
    order = {passage_id: index for index, passage_id in enumerate(coding_a["passage_id"])}
    table = pd.concat(codings, ignore_index=True)
    table = table.sort_values(["passage_id", "coder"], key=lambda column: column.map(order)
                              if column.name == "passage_id" else column, kind="stable")
    return table[["passage_id", "coder", *CODED_COLUMNS]].reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    """Rewrite data/passage_codings.csv from its coding A and coder B's CSV file."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit("usage: python -m vraem.passages CODING_B.csv")
    target = data_file("passage_codings.csv")
    stored = pd.read_csv(target, dtype=str, keep_default_na=False)
    coding_a = stored[stored["coder"] == "A"].drop(columns="coder")
    coding_b = pd.read_csv(argv[0], dtype=str, keep_default_na=False)
    coding_b = coding_b.apply(lambda column: column.str.strip())
    codings_table(coding_a, coding_b).to_csv(target, index=False, lineterminator="\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
