"""Read what a sandboxed notebook's runner wrote: ``parse_results(folder / "out", outcome)``.

What comes out of a sandbox is data only: one JSON line per cell, read with a size bound and
checked field by field, into an :class:`Outcome`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .ingest import load_json_text

#: The most a runner may write (its JSON lines) and the most one line may be.
MAX_OUTPUT, MAX_LINE = 20_000_000, 2_500_000


@dataclass
class Outcome:
    """What running one notebook gave: the cells' reports, problems, and the time it took."""

    cells: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    finished: bool = False


def parse_results(path: Path, outcome: Outcome) -> None:
    """Read a runner's JSON lines into ``outcome``, bounded, keeping only well-formed records."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_OUTPUT + 1)
    except OSError:
        return
    if len(raw) > MAX_OUTPUT:
        outcome.problems.append("the notebook's report was too large; only its beginning was read")
    for line in raw.splitlines():
        if len(line) > MAX_LINE:
            continue
        try:
            record = load_json_text(line)
        except (ValueError, RecursionError):
            continue
        if not isinstance(record, dict):
            continue
        if isinstance(record.get("problem"), str):
            outcome.problems.append(record["problem"][:400])
        elif record.get("done") is True:
            outcome.finished = True
        elif isinstance(record.get("cell"), int) and isinstance(record.get("answers", []), list):
            error = record.get("error")
            cell = {
                "cell": record["cell"],
                "answers": record.get("answers", [])[:20],
                "seconds": record.get("seconds")
                if isinstance(record.get("seconds"), int | float)
                else 0,
                "restarted": record.get("restarted") is True,
                "gave_up": record.get("gave_up") is True,
            }
            if isinstance(error, dict):
                cell["error"] = {
                    "name": str(error.get("name", "Error"))[:80],
                    "message": str(error.get("message", ""))[:300],
                }
            outcome.cells.append(cell)
