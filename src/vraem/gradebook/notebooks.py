"""Read one notebook file's bytes into cells, defensively: ``cells, notes = parse_notebook(raw)``.

A notebook is JSON of nbformat 4 or 3; anything else (``[]``, nesting too deep, cells that are
not objects, sources that are not text, too many cells or too much code) is named in a
:class:`NotebookProblem`, or skipped and counted in the notes. :mod:`.ingest` finds the files.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ..i18n import N_
from .said import Said

#: The most cells and the most code a notebook may have.
MAX_CELLS, MAX_CODE = 2_000, 2_000_000


@dataclass
class Cell:
    """One cell of a notebook as the gradebook needs it; ``number`` counts from 1, markdown included."""

    number: int
    kind: str
    source: str
    tags: list[str] = field(default_factory=list)
    #: The cell's id (nbformat 4.5), the same in every language's lesson; "" when it has none.
    id: str = ""


class NotebookProblem(ValueError):
    """A file that is not a notebook the gradebook can run; its one argument, a :class:`Said`, says why."""


def _text(value) -> str | None:
    """A cell source: a text or a list of texts; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    return None


def load_json_text(text: str | bytes):
    r"""JSON from a learner, with any lone surrogate made a "?": ``load_json_text('["\ud800"]')`` is ``["?"]``.

    JSON may escape half of a UTF-16 pair (``"\ud800"``), which Python reads into a string that no
    file can hold as UTF-8: one such string in a learner's notebook or output would stop the
    gradebook when it writes the class's CSV files and report. Raises ValueError or RecursionError
    as ``json.loads`` does.
    """
    data = json.loads(text)
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
        return data
    except UnicodeEncodeError:
        cleaned = json.dumps(data, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8")
        return json.loads(cleaned)


def parse_notebook(raw: bytes) -> tuple[list[Cell], list[Said]]:
    """The cells of a notebook file's bytes, and notes on what was skipped; raises NotebookProblem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotebookProblem(Said(N_("not a notebook: not UTF-8 text"))) from None
    try:
        data = load_json_text(text)
    except RecursionError:
        raise NotebookProblem(Said(N_("not a notebook: its JSON is nested too deeply"))) from None
    except ValueError as error:
        why = Said(N_("not a notebook: not JSON ({error})"), error=str(error)[:80])
        raise NotebookProblem(why) from None
    if not isinstance(data, dict):
        raise NotebookProblem(
            Said(
                N_("not a notebook: its JSON is a {kind}, not an object with cells"),
                kind=type(data).__name__,
            )
        )
    if isinstance(data.get("cells"), list):
        raw_cells = data["cells"]
    elif isinstance(data.get("worksheets"), list):  # nbformat 3
        raw_cells = [
            cell
            for sheet in data["worksheets"]
            if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list)
            for cell in sheet["cells"]
        ]
    else:
        raise NotebookProblem(Said(N_("not a notebook: it has no list of cells")))
    if len(raw_cells) > MAX_CELLS:
        why = N_("it has {count:,} cells, more than the {most:,} read")
        raise NotebookProblem(Said(why, count=len(raw_cells), most=MAX_CELLS))
    cells, odd = [], Counter()
    for number, cell in enumerate(raw_cells, start=1):
        if not isinstance(cell, dict):
            odd["objects"] += 1
            continue
        kind = cell.get("cell_type")
        if kind == "heading":  # nbformat 3
            kind = "markdown"
        source = _text(
            cell.get("source") if "source" in cell or kind != "code" else cell.get("input")
        )
        if kind not in ("code", "markdown", "raw") or source is None:
            odd["typed"] += 1
            continue
        metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        tags = metadata.get("tags") if isinstance(metadata.get("tags"), list) else []
        cell_id = cell.get("id") if isinstance(cell.get("id"), str) else ""
        cells.append(
            Cell(number, kind, source, [tag for tag in tags if isinstance(tag, str)], cell_id[:64])
        )
    if sum(len(cell.source) for cell in cells if cell.kind == "code") > MAX_CODE:
        raise NotebookProblem(
            Said(N_("it has more than {most:,} characters of code"), most=MAX_CODE)
        )
    return cells, [Said(*_SKIPPED[what], count=count) for what, count in odd.items()]


#: What :func:`parse_notebook` says it skipped, by kind.
_SKIPPED = {
    "objects": N_(
        "{count} cell that is not an object skipped", "{count} cells that are not objects skipped"
    ),
    "typed": N_(
        "{count} cell without a type or a text source skipped",
        "{count} cells without a type or a text source skipped",
    ),
}
