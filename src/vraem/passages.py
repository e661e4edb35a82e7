"""The coded passages: ``load_passages()`` for the reconciled coding, ``load_codings()`` for every coding.

A passage is a verbatim span of an article that argues about, or reports on,
how to deal with the VRAEM. ``data/codebook.md`` says how each one is coded.
Two course authors coded the passages independently (codings A and B); later,
outside coders coded them from the codebook and the passage texts alone
(``data/coding_rounds.csv`` says who coded, when, with which codebook).
``data/passage_codings.csv`` holds every coding as it was made, so that
agreement can be measured (``vraem.agreement``).

``data/passages.csv`` holds the **reconciled** coding, the last step of
content analysis: coding A, corrected only where it breaks an explicit rule
of the codebook, each changed cell recorded in ``reconciled_from`` with the
rule in ``reconciliation_rule`` (reconciled coding 1). After the first
outside round the codebook was revised and the reconciled coding with it:
``revised_from`` keeps the earlier value of each cell the revised rules
changed, ``revision_rule`` the rule (reconciled coding 2, the table as
stored). Counts of frames, voices and claims of effect use the reconciled
coding.

``python -m vraem.passages CODER CODING.csv`` puts one coder's file, as
delivered, into ``passage_codings.csv`` (the coder must be described in
``coding_rounds.csv`` first).
"""

from __future__ import annotations

import sys

import pandas as pd

from .corpus import load_article
from .datacache import remembered
from .i18n import _
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
#: The two codings by the course's authors, made before reconciliation (round 0).
IN_HOUSE = ("A", "B")
#: The versions of the reconciled coding: 1 as reconciled, 2 as revised after outside round 1.
RECONCILED_VERSIONS = (1, 2)


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
    for column in (
        "reconciled_from",
        "reconciliation_rule",
        "revised_from",
        "revision_rule",
        "note",
    ):
        passages[column] = passages[column].fillna("")
    articles = read_table("articles")[["article_id", "kind", "published", "published_earliest"]]
    passages = passages.merge(
        articles.drop(columns="kind"), on="article_id", how="left", validate="many_to_one"
    )
    passages["published"] = passages["published"].fillna(passages.pop("published_earliest"))
    kinds = articles.set_index("article_id")["kind"]
    news_paragraphs = {
        article_id: 0 if kinds[article_id] == "Analysis" else len(load_article(article_id).news)
        for article_id in passages["article_id"].unique()
    }
    passages["section"] = [
        "news" if paragraph < news_paragraphs[article_id] else "analysis"
        for article_id, paragraph in zip(passages["article_id"], passages["paragraph"], strict=True)
    ]
    return passages


def load_codings(coders: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return ``data/passage_codings.csv``: one row per passage and coder, each coding as made.

    ``load_codings(("A", "B"))`` keeps the two codings by the course's
    authors; ``load_codings()`` every coding (``coding_rounds.csv`` describes
    each coder). ``load_codings(("A", "B")).pivot(index="passage_id",
    columns="coder", values="frame")`` puts two codings of the frame side by side.
    """
    codings = read_table("passage_codings")
    if coders is not None:
        codings = codings[codings["coder"].isin(coders)].reset_index(drop=True)
    return codings


@remembered
def side_by_side(column: str = "frame", coders: tuple[str, ...] = IN_HOUSE) -> pd.DataFrame:
    """Return one row per passage every one of ``coders`` coded, one column per coder, the values of ``column``.

    ``side_by_side("evidence")`` gives coders A and B on the 71 passages both coded.
    """
    wide = load_codings(coders).pivot(index="passage_id", columns="coder", values=column)
    return wide[list(coders)].dropna()


def reconciled_cells(reconciled_from: str) -> dict[str, str]:
    """Read a ``reconciled_from`` or ``revised_from`` cell: ``{"evidence": "event"}`` for ``"evidence=event"``.

    Gives the earlier value of each cell that was changed (coding A's, or
    reconciled coding 1's); an empty cell and ``"new passage"`` give ``{}``.
    """
    text = "" if pd.isna(reconciled_from) else str(reconciled_from).strip()
    if text in ("", RECONCILED_ONLY):
        return {}
    cells = {}
    for part in text.split("; "):
        column, _, value = part.partition("=")
        if column not in RECONCILED_COLUMNS or not value:
            raise ValueError(
                _(
                    "reconciled_from and revised_from should read like 'evidence=event; "
                    "frame=security': {part} does not"
                ).format(part=repr(part))
            )
        cells[column] = value
    return cells


def reconciliation(passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every cell the reconciliation changed: passage, column, coder A, coder B, reconciled, rule.

    ``reconciliation()`` is the list a reader checks to see what was
    corrected in coding A and why; passages added at reconciliation are
    not in it (they have no coding A to correct). ``reconciled`` is the
    value reconciliation gave (reconciled coding 1); :func:`revision` lists
    what the revised codebook changed after that.
    """
    passages = reconciled_coding(1, passages)
    codings = load_codings().set_index(["passage_id", "coder"])
    rows = []
    for row in passages.itertuples(index=False):
        for column, coded_a in reconciled_cells(row.reconciled_from).items():
            rows.append(
                {
                    "passage_id": row.passage_id,
                    "column": column,
                    "A": coded_a,
                    "B": codings.loc[(row.passage_id, "B"), column],
                    "reconciled": getattr(row, column),
                    "rule": row.reconciliation_rule,
                }
            )
    return pd.DataFrame(rows, columns=["passage_id", "column", "A", "B", "reconciled", "rule"])


def reconciled_coding(version: int = 2, passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reconciled coding as it stood: ``reconciled_coding(1)`` before the revision, ``(2)`` after.

    Version 2 is ``passages.csv`` as stored. Version 1 is the same table with
    every cell that the revision changed put back to its ``revised_from``
    value: the coding outside coder 1 was measured against.
    """
    if version not in RECONCILED_VERSIONS:
        raise ValueError(
            _("the reconciled coding has versions {versions}, not {version}").format(
                versions=RECONCILED_VERSIONS, version=repr(version)
            )
        )
    passages = (load_passages() if passages is None else passages).copy()
    if version == 1:
        for index, text in passages["revised_from"].items():
            for column, earlier in reconciled_cells(text).items():
                passages.loc[index, column] = earlier
    return passages


def revision(passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every cell the revised codebook changed: passage, column, reconciled 1, reconciled 2, rule.

    ``revision()`` is the list a reader checks to see what the revision after
    outside round 1 changed in the reconciled coding, and by which rule.
    """
    passages = load_passages() if passages is None else passages
    rows = []
    for row in passages.itertuples(index=False):
        for column, earlier in reconciled_cells(row.revised_from).items():
            rows.append(
                {
                    "passage_id": row.passage_id,
                    "column": column,
                    "reconciled 1": earlier,
                    "reconciled 2": getattr(row, column),
                    "rule": row.revision_rule,
                }
            )
    return pd.DataFrame(
        rows, columns=["passage_id", "column", "reconciled 1", "reconciled 2", "rule"]
    )


def cohen_kappa(first: pd.Series, second: pd.Series) -> float:
    """Cohen's kappa for two codings of the same items: ``cohen_kappa(wide["A"], wide["B"])``.

    kappa = (observed agreement - agreement expected by chance) / (1 - chance
    agreement), where chance agreement is the sum, over the categories, of
    the product of the two coders' shares of that category. 1 is perfect
    agreement, 0 no better than chance. Both codings need a value for every item.
    """
    if len(first) != len(second) or first.isna().any() or second.isna().any():
        raise ValueError(_("kappa needs two complete codings of the same items"))
    observed = float((first.to_numpy() == second.to_numpy()).mean())
    shares = pd.concat(
        [first.value_counts(normalize=True), second.value_counts(normalize=True)], axis=1
    ).fillna(0)
    chance = float((shares.iloc[:, 0] * shares.iloc[:, 1]).sum())
    if chance == 1:
        raise ValueError(
            _("both coders used one and the same category throughout: kappa is undefined")
        )
    return (observed - chance) / (1 - chance)


def codings_table(codings: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Stack codings, each as delivered, into the long table of passage_codings.csv.

    ``codings`` maps a coder id to that coder's table (``passage_id``, the
    coded columns and optionally ``note``). Nothing in one coding is filled in
    from another. Rows are ordered by passage, then by coder in the order given.
    Which passages each coder had to code is checked against the rounds by
    ``vraem.provenance.coding_problems``.
    """
    tables = []
    for coder, coding in codings.items():
        missing = [column for column in ("passage_id", *RECONCILED_COLUMNS) if column not in coding]
        if missing:
            raise ValueError(
                _("coding {coder} has no column {columns}").format(
                    coder=coder, columns=", ".join(missing)
                )
            )
        repeated = sorted(set(coding.loc[coding["passage_id"].duplicated(), "passage_id"]))
        if repeated:
            raise ValueError(
                _("coding {coder} codes {passages} more than once").format(
                    coder=coder, passages=", ".join(repeated)
                )
            )
        coding = coding.copy()
        if "note" not in coding:
            coding["note"] = ""
        tables.append(coding[["passage_id", *CODED_COLUMNS]].assign(coder=coder))
    order = {coder: index for index, coder in enumerate(codings)}
    table = pd.concat(tables, ignore_index=True)
    table = table.sort_values(
        ["passage_id", "coder"],
        key=lambda column: column.map(order) if column.name == "coder" else column,
        kind="stable",
    )
    return table[["passage_id", "coder", *CODED_COLUMNS]].reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    """Put one coder's CSV file, as delivered, into data/passage_codings.csv (replacing that coder's rows)."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        raise SystemExit("usage: python -m vraem.passages CODER CODING.csv")
    coder, source = argv
    rounds = pd.read_csv(data_file("coding_rounds.csv"), dtype=str, keep_default_na=False)
    known = list(rounds["coder"])
    if coder not in known:
        raise SystemExit(
            f"describe coder {coder!r} in data/coding_rounds.csv first (known: {', '.join(known)})"
        )
    target = data_file("passage_codings.csv")
    stored = pd.read_csv(target, dtype=str, keep_default_na=False)
    codings = {
        name: stored[stored["coder"] == name].drop(columns="coder")
        for name in known
        if name != coder and name in set(stored["coder"])
    }
    delivered = pd.read_csv(source, dtype=str, keep_default_na=False)
    codings[coder] = delivered.apply(lambda column: column.str.strip())
    codings = {name: codings[name] for name in known if name in codings}  # the rounds' order
    codings_table(codings).to_csv(target, index=False, lineterminator="\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
