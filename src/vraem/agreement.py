"""How far the codings of the passages agree, and what each agreement figure measures.

``agreement_table()`` gives, for every comparison the course makes, the
share of passages on which two codings agree and Cohen's kappa, column by
column: coder A against coder B (two course authors, codebook v1), and each
outside coder against the reconciled coding as it stood when they coded.
``data/coding_rounds.csv`` (``load_rounds()``) says who each coder was, when
they coded, with which codebook and what they saw; ``data/codebooks/`` keeps
every version of the codebook a coder used.

``scale_label()`` gives Landis and Koch's label for a kappa, from the course's
reference notes (item (m), through ``vraem.kappa``); they are a convention for talking about kappa,
not a test. ``compare_frames(my_frames)`` sets a learner's own frames beside
every coding, for the passages the learner has coded.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Mapping

import pandas as pd

from .corpus import load_article
from .i18n import _, ngettext
from .kappa import kappa_reading
from .passages import (
    CATEGORY_COLUMNS,
    IN_HOUSE,
    cohen_kappa,
    load_codings,
    load_passages,
    reconciled_coding,
)
from .paths import read_data_text
from .tables import read_table

#: The values of ``frame``, in the codebook's order.
FRAMES = ("security", "development", "both", "neither")
#: The columns of the hand-off file an outside coder is given: the passages, and no coding.
HANDOFF_COLUMNS = ("passage_id", "article_id", "paragraph", "passage", "paragraph_text")


def load_rounds() -> pd.DataFrame:
    """Return ``data/coding_rounds.csv``: one row per coder, saying who they were and what they saw.

    ``load_rounds().set_index("coder").loc["O1", "saw"]`` says what outside coder 1 had in front of them.
    """
    return read_table("coding_rounds")


def codebook_version(version: str) -> str:
    """The text of a codebook version as a coder saw it: ``codebook_version("v2")`` reads data/codebooks/v2.md."""
    return read_data_text(f"codebooks/{version}.md")


def git_blob_sha1(text: str) -> str:
    """The hash git gives a file with this text (``git hash-object``), so a reader can find it in the history."""
    data = text.replace("\r\n", "\n").encode("utf-8")
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


# --- what each coding is measured against -------------------------------------------------


def reference_coding(compared_with: str) -> pd.DataFrame:
    """The coding named in ``compared_with``, one row per passage: ``reference_coding("reconciled 1")``.

    A coder id (``"A"``) gives that coder's coding as made; ``"reconciled N"``
    gives version N of the reconciled coding (``vraem.passages.reconciled_coding``).
    """
    named = re.fullmatch(r"reconciled (\d+)", compared_with)
    if named:
        return reconciled_coding(int(named.group(1))).set_index("passage_id")
    coding = load_codings((compared_with,))
    if coding.empty:
        raise ValueError(
            _("there is no coding {coding} to compare with").format(coding=repr(compared_with))
        )
    return coding.set_index("passage_id")


def comparisons() -> pd.DataFrame:
    """The comparisons the course reports, one row each: coder, compared_with, round, and a label.

    Coder B against A is the same comparison as A against B, so it is listed once.
    """
    rounds = load_rounds()
    rows, seen = [], set()
    for row in rounds.itertuples(index=False):
        pair = frozenset((row.coder, row.compared_with))
        if pair in seen:
            continue
        seen.add(pair)
        if row.compared_with in set(rounds["coder"]):
            label = f"{row.coder} vs {row.compared_with} (course authors, codebook {row.codebook})"
        else:
            label = f"{row.coder} vs {row.compared_with} (outside coder, codebook {row.codebook})"
        rows.append(
            {
                "round": row.round,
                "coder": row.coder,
                "compared_with": row.compared_with,
                "comparison": label,
            }
        )
    return pd.DataFrame(rows, columns=["round", "coder", "compared_with", "comparison"])


def paired(coder: str, compared_with: str, column: str) -> pd.DataFrame:
    """One row per passage both codings have: the coder's value of ``column`` and the other coding's.

    ``paired("O1", "reconciled 1", "frame")`` has the columns ``O1`` and ``reconciled 1``.
    """
    mine = load_codings((coder,)).set_index("passage_id")[column]
    other = reference_coding(compared_with)[column]
    both = pd.concat([mine.rename(coder), other.rename(compared_with)], axis=1, join="inner")
    return both.dropna()


def agreement(first: pd.Series, second: pd.Series) -> tuple[float, float]:
    """Simple agreement (share of items with the same value) and Cohen's kappa of two codings."""
    share = float((first.to_numpy() == second.to_numpy()).mean())
    return share, cohen_kappa(first, second)


def agreement_table(columns: tuple[str, ...] = CATEGORY_COLUMNS) -> pd.DataFrame:
    """Agreement and kappa for every comparison and column, computed from the stored codings.

    One row per comparison and column: ``comparison`` (who against what),
    ``column``, ``passages`` (how many both codings have), ``agreement``
    (share, 0 to 1), ``kappa`` and ``scale`` (Landis and Koch's label, a convention).
    """
    rows = []
    for row in comparisons().itertuples(index=False):
        for column in columns:
            pair = paired(row.coder, row.compared_with, column)
            share, kappa = agreement(pair[row.coder], pair[row.compared_with])
            rows.append(
                {
                    "round": row.round,
                    "comparison": row.comparison,
                    "coder": row.coder,
                    "compared_with": row.compared_with,
                    "column": column,
                    "passages": len(pair),
                    "agreement": share,
                    "kappa": kappa,
                    "scale": scale_label(kappa),
                }
            )
    return pd.DataFrame(rows)


def disagreements(coder: str, columns: tuple[str, ...] = CATEGORY_COLUMNS) -> pd.DataFrame:
    """Every cell where ``coder`` differs from what it is measured against, with the coder's own note.

    ``disagreements("O1", ("frame",))`` lists the passages whose frame outside
    coder 1 saw differently from the reconciled coding it was measured against.
    """
    compared_with = load_rounds().set_index("coder").loc[coder, "compared_with"]
    notes = load_codings((coder,)).set_index("passage_id")["note"]
    rows = []
    for column in columns:
        pair = paired(coder, compared_with, column)
        for passage_id, values in pair[pair[coder] != pair[compared_with]].iterrows():
            rows.append(
                {
                    "passage_id": passage_id,
                    "column": column,
                    coder: values[coder],
                    compared_with: values[compared_with],
                    "note": notes.get(passage_id, ""),
                }
            )
    return pd.DataFrame(rows, columns=["passage_id", "column", coder, compared_with, "note"])


# --- Landis and Koch's scale, from the reference notes -------------------------------------


def scale_label(kappa: float) -> str:
    """Landis and Koch's word for a kappa as a table shows it: ``scale_label(0.807)`` is "almost perfect".

    The bands (``vraem.kappa``, read from reference item (m)) are written with
    two decimals (0.41–0.60, 0.61–0.80), so the kappa is rounded to two
    decimals first and labelled as shown: 0.807 is shown as 0.81. A convention, not a test.
    """
    return kappa_reading(round(float(kappa), 2))


# --- a learner as a further coder ---------------------------------------------------------


def _frames_given(my_frames) -> tuple[dict[str, str], list[str]]:
    """The learner's frames that can be compared, and sentences about the rest (never raises)."""
    if not isinstance(my_frames, Mapping):
        return {}, [
            _(
                "my_frames should be a dictionary from passage id to frame, such as "
                "{example}; run the cell that makes it first."
            ).format(example='{"P010": "neither"}')
        ]
    known = set(load_passages()["passage_id"])
    frames, problems, blank = {}, [], []
    for key, value in list(my_frames.items())[:100]:
        passage_id = str(key).strip().upper()
        if passage_id not in known:
            problems.append(
                _('{key} is not a passage id (they look like "P010").').format(
                    key=repr(str(key)[:20])
                )
            )
            continue
        text = value.strip().lower() if isinstance(value, str) else None
        if not text:
            blank.append(passage_id)
        elif text in FRAMES:
            frames[passage_id] = text
        else:
            shown = str(value)[:30]
            problems.append(
                _("{passage}: {value} is not a frame; write one of {frames}.").format(
                    passage=passage_id,
                    value=repr(shown),
                    frames=", ".join(repr(frame) for frame in FRAMES),
                )
            )
    if blank:
        problems.append(
            ngettext(
                "Not coded yet: {passages}. Write a frame for it and run this cell again to see "
                "its other codings.",
                "Not coded yet: {passages}. Write a frame for them and run this cell again to see "
                "their other codings.",
                len(blank),
            ).format(passages=", ".join(blank))
        )
    return frames, problems


def compare_frames(my_frames) -> pd.DataFrame | None:
    """Set your frames beside every coding of the same passages: ``compare_frames(my_frames)``.

    Prints, for each coding, on how many of your passages it agrees with you,
    and returns the table (your frame, the reconciled coding, then each coder;
    an empty cell where a coder did not code the passage). Passages you have
    not coded yet are left out, so no one's coding of them is shown; anything
    that is not a frame is named, never raised.
    """
    try:
        frames, problems = _frames_given(my_frames)
    except (
        Exception
    ) as error:  # a learner's object that cannot even be read must not stop the lesson
        frames, problems = (
            {},
            [
                _(
                    "my_frames could not be read ({error}); give a "
                    "dictionary from passage id to frame."
                ).format(error=type(error).__name__)
            ],
        )
    for problem in problems:
        print(problem)
    if not frames:
        print(_("Nothing to compare yet: code at least one passage in my_frames."))
        return None
    ids = list(frames)
    table = pd.DataFrame({"you": pd.Series(frames)}).loc[ids]
    table["reconciled"] = reconciled_coding(2).set_index("passage_id").loc[ids, "frame"]
    wide = load_codings().pivot(index="passage_id", columns="coder", values="frame")
    for coder in load_rounds()["coder"]:
        table[coder] = wide[coder].reindex(ids) if coder in wide else None
    for column in table.columns[1:]:
        coded = table[column].notna()
        same = int((table.loc[coded, column] == table.loc[coded, "you"]).sum())
        total = int(coded.sum())
        print(
            ngettext(
                "you and {coding}: the same frame on {same} of {count} passage",
                "you and {coding}: the same frame on {same} of {count} passages",
                total,
            ).format(coding=column, same=same, count=total)
        )
    return table


# --- the hand-off an outside coder is given ----------------------------------------------


def handoff_table(passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """The passages as an outside coder gets them: ids, article, paragraph, the passage and its paragraph.

    No coding column is included. The paragraph is the article's text as
    ``vraem.load_article(id).body[paragraph]`` gives it, so that the coder can
    tell who "he" or "they" is, as the codebook allows.
    """
    passages = load_passages() if passages is None else passages
    table = pd.DataFrame(
        {
            "passage_id": passages["passage_id"],
            "article_id": passages["article_id"],
            "paragraph": passages["paragraph"].astype(int),
            "passage": passages["quote"],
            "paragraph_text": [
                load_article(article_id).body[int(paragraph)]
                for article_id, paragraph in zip(
                    passages["article_id"], passages["paragraph"], strict=True
                )
            ],
        }
    )
    return table[list(HANDOFF_COLUMNS)]


def handoff_csv(passages: pd.DataFrame | None = None) -> str:
    """The hand-off file's text, byte for byte as given to the outside coders (CSV with CRLF line ends)."""
    buffer = io.StringIO()
    handoff_table(passages).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue()


def handoff_sha256(passages: pd.DataFrame | None = None) -> str:
    """SHA-256 of :func:`handoff_csv`, to compare with ``coding_rounds.csv``'s ``handoff_sha256``."""
    return hashlib.sha256(handoff_csv(passages).encode("utf-8")).hexdigest()


def without_examples_table(coders: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Each outside coder's agreement, column by column, on the passages its codebook does not quote.

    ``without_examples_table()`` has one row per outside coder and column:
    ``passages`` left once the codebook's example passages are dropped, the
    share of them coded alike, and kappa. It is the fairer reading of a round
    whose codebook quotes passages it is tested on.
    """
    rounds = load_rounds()
    coders = coders or tuple(rounds.loc[rounds["round"] > 0, "coder"])
    rows = []
    for coder in coders:
        codebook = rounds.set_index("coder").loc[coder, "codebook"]
        for column in CATEGORY_COLUMNS:
            passages, share, kappa = agreement_without_examples(coder, column)
            rows.append(
                {
                    "coder": coder,
                    "codebook": codebook,
                    "column": column,
                    "passages": passages,
                    "agreement": share,
                    "kappa": kappa,
                }
            )
    return pd.DataFrame(rows)


def quoted_disputes(coder: str, codebook: str) -> tuple[list[str], list[str]]:
    """The passages ``coder`` differed on, and those of them ``codebook`` quotes as examples.

    ``quoted_disputes("O1", "v3")`` shows how far codebook v3, written after
    round 1, quotes the very passages round 1 disputed: agreement on those is
    supplied by the codebook, not tested by it.
    """
    disputed = sorted(set(disagreements(coder)["passage_id"]))
    quoted = example_passages(codebook_version(codebook))
    return disputed, [passage_id for passage_id in disputed if passage_id in quoted]


def example_passages(codebook: str) -> set[str]:
    """The passages a codebook quotes as examples (``"…" (00N)`` fragments found in a passage).

    A coder who follows a codebook's examples agrees on those passages by
    construction, so the course also measures agreement without them.
    """
    passages = load_passages()
    found = set()
    for fragment, article_id in re.findall(r'"([^"]{10,})" \((\d{3})\)', codebook):
        wanted = " ".join(fragment.split())
        for row in passages[passages["article_id"] == article_id].itertuples(index=False):
            if wanted in " ".join(row.quote.split()):
                found.add(row.passage_id)
    return found


def agreement_without_examples(coder: str, column: str = "frame") -> tuple[int, float, float]:
    """Passages, agreement and kappa of ``coder`` on ``column``, leaving out its codebook's example passages."""
    row = load_rounds().set_index("coder").loc[coder]
    pair = paired(coder, row["compared_with"], column)
    pair = pair.drop(
        index=sorted(example_passages(codebook_version(row["codebook"])) & set(pair.index))
    )
    share, kappa = agreement(pair[coder], pair[row["compared_with"]])
    return len(pair), share, kappa


__all__ = [
    "FRAMES",
    "IN_HOUSE",
    "agreement",
    "agreement_table",
    "agreement_without_examples",
    "comparisons",
    "compare_frames",
    "disagreements",
    "example_passages",
    "handoff_csv",
    "handoff_table",
    "load_rounds",
    "paired",
    "quoted_disputes",
    "reference_coding",
    "scale_label",
    "without_examples_table",
]
