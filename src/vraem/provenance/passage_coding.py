"""Whether the coded passages hold: ``passage_problems``, ``coding_problems``, ``round_problems``, ``codebook_problems``.

Covers data/passages.csv, data/passage_codings.csv, data/coding_rounds.csv and
data/codebook.md (with its versions in data/codebooks/): quotes in their paragraphs,
voices that fit their source types, codings that reconcile, rounds that match their
codebooks and hand-offs, codebook examples coded as they illustrate.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pandas as pd

from ..corpus import load_article
from ..i18n import _
from ..passages import RECONCILED_COLUMNS, RECONCILED_ONLY, reconciled_cells
from ..paths import data_dir, data_file, read_data_text
from ..scrape import clean_line
from .texts import article_texts, at

#: Source types of the outlet's own voice; every other type is reported speech (codebook.md).
OUTLET_SOURCE_TYPES = ("the outlet itself", "unattributed")


def passage_problems(passages: pd.DataFrame) -> list[str]:
    """List every way the passages table fails to trace back to the articles.

    Each quote must be in its article, inside the paragraph the row names;
    ``voice`` must agree with ``source_type`` as the codebook says; passages
    must not overlap; and every paragraph of every article must have at
    least one passage (the table covers the articles, not a sample).
    """
    texts = article_texts()
    problems = []
    spans: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for row in passages.itertuples(index=False):
        where = f"passages.csv {row.passage_id}"
        if row.article_id not in texts:
            problems.append(
                at(
                    where,
                    _("article {article} does not exist").format(article=repr(row.article_id)),
                )
            )
            continue
        quote = clean_line(row.quote)
        if quote not in texts[row.article_id]:
            problems.append(
                at(
                    where,
                    _("the quote is not in the text of article {article}").format(
                        article=row.article_id
                    ),
                )
            )
            continue
        body = load_article(row.article_id).body
        paragraph = clean_line(body[row.paragraph]) if 0 <= row.paragraph < len(body) else ""
        start = paragraph.find(quote)
        if start < 0:
            problems.append(
                at(
                    where,
                    _("the quote is not in paragraph {paragraph} of article {article}").format(
                        paragraph=row.paragraph, article=row.article_id
                    ),
                )
            )
        else:
            spans.setdefault((row.article_id, row.paragraph), []).append(
                (start, start + len(quote), row.passage_id)
            )
        outlet = row.source_type in OUTLET_SOURCE_TYPES
        if (row.voice == "outlet") != outlet:
            problems.append(
                at(
                    where,
                    _("voice {voice} does not go with source_type {source_type}").format(
                        voice=repr(row.voice), source_type=repr(row.source_type)
                    ),
                )
            )
    for (article_id, _paragraph), found in spans.items():
        found.sort()
        for (_start, end, first), (start, _end, second) in pairwise(found):
            if start < end:
                problems.append(
                    _("passages.csv {first} and {second} overlap in article {article}").format(
                        first=first, second=second, article=article_id
                    )
                )
    for article_id in texts:
        for paragraph in range(len(load_article(article_id).body)):
            if (article_id, paragraph) not in spans:
                problems.append(
                    at(
                        "passages.csv",
                        _("paragraph {paragraph} of article {article} has no passage").format(
                            paragraph=paragraph, article=article_id
                        ),
                    )
                )
    return problems


def coding_problems(
    passages: pd.DataFrame, codings: pd.DataFrame, rounds: pd.DataFrame | None = None
) -> list[str]:
    """List how the codings fail to match the rounds and the reconciled passages table.

    Every coder in ``passage_codings.csv`` must be described in
    ``coding_rounds.csv`` and the other way round. The course authors' coders
    (round 0) code every passage except one added at reconciliation
    (``reconciled_from`` is ``new passage``); an outside coder (round 1 on)
    codes every passage. Each codes a passage once, pairing ``voice`` with a
    fitting ``source_type``.

    ``passages.csv`` holds reconciled coding 2. Putting the ``revised_from``
    values back gives reconciled coding 1, which must be coding A changed only
    in the cells ``reconciled_from`` lists with coding A's value
    (``evidence=event``). Each documented change names its rule, and really
    changed its cell.
    """
    from ..tables import read_table  # the rounds, as the loaders read them

    rounds = read_table("coding_rounds") if rounds is None else rounds
    columns = list(RECONCILED_COLUMNS)
    problems = []
    new = set(passages.loc[passages["reconciled_from"] == RECONCILED_ONLY, "passage_id"])
    described = dict(zip(rounds["coder"], rounds["round"].astype(int), strict=True))
    for coder in sorted(set(described) - set(codings["coder"])):
        problems.append(
            _(
                "coding_rounds.csv describes coder {coder}, but passage_codings.csv has no coding "
                "by them"
            ).format(coder=coder)
        )
    for coder, coding in codings.groupby("coder"):
        if coder not in described:
            problems.append(
                at(
                    "passage_codings.csv",
                    _("coder {coder} is not described in coding_rounds.csv").format(coder=coder),
                )
            )
            continue
        before_reconciliation = described[coder] == 0
        ids = set(passages["passage_id"]) - (new if before_reconciliation else set())
        coded = coding["passage_id"]
        if set(coded) != ids or coded.duplicated().any():
            message = (
                _(
                    "coder {coder} does not code every passage exactly once (a passage added at "
                    "reconciliation excepted)"
                )
                if before_reconciliation
                else _("coder {coder} does not code every passage exactly once")
            )
            problems.append(at("passage_codings.csv", message.format(coder=coder)))
        clash = coding[
            (coding["voice"] == "outlet") != coding["source_type"].isin(OUTLET_SOURCE_TYPES)
        ]
        for passage_id in clash["passage_id"]:
            problems.append(
                at(
                    f"passage_codings.csv {passage_id} coder {coder}",
                    _("voice does not go with source_type"),
                )
            )
    if "B" not in set(codings["coder"]):
        problems.append(at("passage_codings.csv", _("there is no second coding (coder B)")))
    a = codings[codings["coder"] == "A"].set_index("passage_id")[columns]
    course = passages.set_index("passage_id")
    for passage_id in course.index:
        row = course.loc[passage_id].copy()
        where = f"passages.csv {passage_id}"
        try:
            documented = reconciled_cells(row["reconciled_from"])
            revised = reconciled_cells(row["revised_from"])
        except ValueError as error:
            problems.append(at(where, str(error)))
            continue
        if (row["reconciled_from"] != "") != (row["reconciliation_rule"] != ""):
            problems.append(
                at(where, _("reconciled_from and reconciliation_rule must be filled in together"))
            )
        if (row["revised_from"] != "") != (row["revision_rule"] != ""):
            problems.append(
                at(where, _("revised_from and revision_rule must be filled in together"))
            )
        for column, earlier in revised.items():
            if row[column] == earlier:
                problems.append(
                    at(
                        where,
                        _("revised_from lists {column}, which the revision left unchanged").format(
                            column=column
                        ),
                    )
                )
            if column not in row["revision_rule"]:
                problems.append(
                    at(
                        where,
                        _("revision_rule does not name {column}, which it changed").format(
                            column=column
                        ),
                    )
                )
            row[column] = earlier  # back to reconciled coding 1
        if passage_id in new or passage_id not in a.index:
            continue
        for column in columns:
            coded_a, reconciled = a.loc[passage_id, column], row[column]
            if column in documented:
                if documented[column] != coded_a:
                    problems.append(
                        at(
                            where,
                            _(
                                "reconciled_from gives coding A's {column} as {documented}, but "
                                "coder A wrote {coded}"
                            ).format(
                                column=column,
                                documented=repr(documented[column]),
                                coded=repr(coded_a),
                            ),
                        )
                    )
                elif reconciled == coded_a:
                    problems.append(
                        at(
                            where,
                            _(
                                "reconciled_from lists {column}, which is coding A's value unchanged"
                            ).format(column=column),
                        )
                    )
            elif reconciled != coded_a:
                problems.append(
                    at(
                        where,
                        _(
                            "{column} differs from coding A ({coded}) and neither reconciled_from "
                            "nor revised_from records it"
                        ).format(column=column, coded=repr(coded_a)),
                    )
                )
    return problems


def round_problems(rounds: pd.DataFrame | None = None) -> list[str]:
    """List how coding_rounds.csv fails to match the codebooks and hand-offs it names.

    Each round's codebook must be in ``data/codebooks/`` with the git blob
    hash the round records; ``data/codebook.md`` must be the newest version
    there; every outside round's hand-off must be what
    ``vraem.agreement.handoff_csv()`` builds from the data now; rounds must
    follow each other in time; and an outside coder is measured against a
    version of the reconciled coding, a course author against the other author.
    """
    from ..agreement import codebook_version, git_blob_sha1, handoff_sha256
    from ..passages import RECONCILED_VERSIONS
    from ..tables import read_table

    rounds = read_table("coding_rounds") if rounds is None else rounds
    problems = []
    folder = data_dir() / "codebooks"
    versions = sorted((path.stem for path in folder.glob("v*.md")), key=lambda stem: int(stem[1:]))
    for row in rounds.itertuples(index=False):
        where = f"coding_rounds.csv {row.coder}"
        if row.codebook not in versions:
            problems.append(
                at(
                    where,
                    _("there is no {path}").format(path=f"codebooks/{row.codebook}.md"),
                )
            )
        elif git_blob_sha1(codebook_version(row.codebook)) != row.codebook_sha1:
            problems.append(
                at(
                    where,
                    _("{path} is not the codebook with hash {sha1}").format(
                        path=f"codebooks/{row.codebook}.md", sha1=row.codebook_sha1
                    ),
                )
            )
        outside = int(row.round) > 0
        if outside:
            wanted = {f"reconciled {version}" for version in RECONCILED_VERSIONS}
            if row.compared_with not in wanted:
                problems.append(
                    at(
                        where,
                        _(
                            "an outside coder is measured against a reconciled coding, not {given}"
                        ).format(given=repr(row.compared_with)),
                    )
                )
            if pd.isna(row.handoff_sha256) or row.handoff_sha256 != handoff_sha256():
                problems.append(
                    at(
                        where,
                        _(
                            "the hand-off the data builds now is not the one this coder was given "
                            "(handoff_sha256)"
                        ),
                    )
                )
        elif row.compared_with not in set(rounds.loc[rounds["round"] == 0, "coder"]) - {row.coder}:
            problems.append(
                at(where, _("a course author is measured against the other author's coding"))
            )
    ordered = rounds.sort_values("finished_utc")
    if list(ordered["round"]) != sorted(ordered["round"]):
        problems.append(
            at(
                "coding_rounds.csv",
                _("the rounds are not in the order they were coded (finished_utc)"),
            )
        )
    if versions and read_data_text("codebook.md") != codebook_version(versions[-1]):
        problems.append(
            _(
                "codebook.md is not {path}, the newest version: a changed codebook is kept as a "
                "new version there"
            ).format(path=f"codebooks/{versions[-1]}.md")
        )
    return problems


def codebook_problems() -> list[str]:
    """List codebook examples that are not in the articles, and vocabularies that disagree.

    Every example fragment (``"…" (00N)``) in data/codebook.md must be in the
    article it names, and every value the codebook defines (a backquoted
    first cell of a table row) must be the allowed values of that column in
    datapackage.json, and the other way round.
    """
    from ..tables import resource_schema  # the schema, as the loaders read it

    text = data_file("codebook.md").read_text(encoding="utf-8")
    texts = article_texts()
    problems = []
    for fragment, article_id in re.findall(r'"([^"]{10,})" \((\d{3})\)', text):
        if clean_line(fragment) not in texts.get(article_id, ""):
            problems.append(
                at(
                    "codebook.md",
                    _('the example "{fragment}…" is not in article {article}').format(
                        fragment=fragment[:40], article=article_id
                    ),
                )
            )
    fields = {field["name"]: field for field in resource_schema("passages")["schema"]["fields"]}
    for section in re.split(r"\n## ", text)[1:]:
        heading = section.splitlines()[0]
        named = re.match(r"`(\w+)`", heading)
        if (
            not named
            or named.group(1) not in fields
            or "enum" not in fields[named.group(1)].get("constraints", {})
        ):
            continue
        column = named.group(1)
        defined = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))
        allowed = set(fields[column]["constraints"]["enum"])
        if defined != allowed:
            problems.append(
                at(
                    "codebook.md",
                    _(
                        "the values of {column} ({defined}) are not those in datapackage.json "
                        "({allowed})"
                    ).format(column=column, defined=sorted(defined), allowed=sorted(allowed)),
                )
            )
        problems += _example_problems(section, column, allowed)
    return problems


def _example_problems(section: str, column: str, allowed: set[str]) -> list[str]:
    """Codebook examples whose passage the reconciled coding codes otherwise.

    A table row that gives one value (a value table's first cell, or a
    decision rule's code cell that opens with a value) and quotes an example
    says how that example's passage is coded; the reconciled coding must agree.
    """
    from ..passages import load_passages  # the reconciled coding, as the lessons read it

    passages = load_passages()
    spaced = passages["quote"].map(lambda quote: " ".join(quote.split()))  # runs of spaces as one
    problems = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3:
            continue
        code = cells[0] if re.fullmatch(r"`[^`]+`", cells[0]) else cells[1]
        values = {value for value in re.findall(r"`([^`]+)`", code) if value in allowed}
        opening = re.match(r"`([^`]+)`", code)
        if len(values) != 1 or not opening or opening.group(1) not in values:
            continue
        value = values.pop()
        for fragment, article_id in re.findall(r'"([^"]{10,})" \((\d{3})\)', cells[-1]):
            wanted = " ".join(fragment.split())
            found = passages[
                (passages["article_id"] == article_id) & spaced.str.contains(wanted, regex=False)
            ]
            if found.empty:
                problems.append(
                    at(
                        "codebook.md",
                        _('the {column} example "{fragment}…" is in no passage').format(
                            column=column, fragment=wanted[:40]
                        ),
                    )
                )
            for row in found.itertuples(index=False):
                if getattr(row, column) != value:
                    problems.append(
                        at(
                            "codebook.md",
                            _(
                                'the {column} example "{fragment}…" illustrates {value}, but the '
                                "reconciled coding gives {passage} {coded}"
                            ).format(
                                column=column,
                                fragment=wanted[:40],
                                value=repr(value),
                                passage=row.passage_id,
                                coded=repr(getattr(row, column)),
                            ),
                        )
                    )
    return problems
