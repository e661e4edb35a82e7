"""Read what a sandboxed notebook's runner wrote: ``parse_results(folder / "out", outcome)``.

What comes out of a sandbox is data only: one JSON line per cell, read with a size bound and
checked field by field, into an :class:`Outcome`. The runner writes codes, never sentences
(``{"problem": "kernel_failed", "detail": …}``, a cell's ``"stopped": "timeout"``); the words
are this module's (:data:`PROBLEMS`), so nothing in a sandbox can choose what the report says,
only fill a placeholder, and the words follow the instructor's language (:mod:`.said`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import N_
from .notebooks import load_json_text
from .said import NO_MESSAGE, Said

#: The most a runner may write (its JSON lines) and the most one line may be.
MAX_OUTPUT, MAX_LINE = 20_000_000, 2_500_000
#: What a runner may report of a whole notebook: its code, and the words for it.
PROBLEMS = {
    "kernel_failed": N_("the kernel could not start ({error}); its last words: {cause}"),
    "answers_dropped": N_(
        "{count} more answer was handed over than are kept; it was ignored",
        "{count} more answers were handed over than are kept; they were ignored",
    ),
    "no_learner_user": N_("the sandbox could not become the unprivileged user"),
}
#: How a cell may have been stopped by the runner (``judging.Graded.cell_errors`` words it).
STOPPED = ("timeout", "died", "garbled")


@dataclass
class Outcome:
    """What running one notebook gave: the cells' reports, problems, and the time it took."""

    cells: list[dict] = field(default_factory=list)
    problems: list[Said] = field(default_factory=list)
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
        outcome.problems.append(
            Said(N_("the notebook's report was too large; only its beginning was read"))
        )
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
            outcome.problems.append(_problem(record))
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
            if record.get("stopped") in STOPPED:
                cell["stopped"] = record["stopped"]
                cell["limit"] = _value(record.get("limit"), 20)
                cell["garbled"] = _value(record.get("garbled"), 300)
            if isinstance(error, dict):
                cell["error"] = {
                    "name": str(error.get("name", "Error"))[:80],
                    "message": str(error.get("message", ""))[:300],
                }
            outcome.cells.append(cell)


def _value(value, limit: int) -> str:
    """A value the runner reported, as bounded text (it is only ever put into a placeholder)."""
    return str(value)[:limit] if isinstance(value, str | int | float) else ""


def _problem(record: dict) -> Said:
    """A runner's problem record in words: ``{"problem": "answers_dropped", "count": 3}``."""
    code = record["problem"]
    if code not in PROBLEMS:
        return Said(N_("the runner reported an unknown problem ({code})"), code=code[:40])
    if code == "answers_dropped":
        count = record.get("count")
        return Said(*PROBLEMS[code], count=count if isinstance(count, int) and count >= 0 else 0)
    if code == "kernel_failed":
        cause = _value(record.get("cause"), 300) or Said(NO_MESSAGE)
        return Said(PROBLEMS[code], error=_value(record.get("detail"), 120), cause=cause)
    return Said(PROBLEMS[code])
