"""Your own record of the exercises: ``progress()`` shows what you have solved so far.

``check()`` notes each attempt in a small JSON file in your home folder
(``~/.vraem-course/progress.json``, or the file named by ``VRAEM_PROGRESS_FILE``).
Nothing leaves your computer; delete the file to start afresh. Under the test
suite nothing is written.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pandas as pd

from .exercises import all_exercises

FILE_VARIABLE = "VRAEM_PROGRESS_FILE"
_RANK = {"unreadable": 0, "wrong": 1, "correct": 2}


def progress_file() -> Path:
    """Return where attempts are recorded."""
    override = os.environ.get(FILE_VARIABLE)
    return Path(override) if override else Path.home() / ".vraem-course" / "progress.json"


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # keep the unreadable file for whoever wants it, and start a new record
        keep = path.with_name(f"{path.name}.unreadable-{datetime.now():%Y%m%d%H%M%S}")
        try:
            path.replace(keep)
        except OSError:
            pass
        return {}


def record(exercise_id: str, status: str) -> None:
    """Note one attempt; never raises (a read-only home folder just means no record)."""
    if os.environ.get("VRAEM_CHECK_MODE") or status not in _RANK:
        return
    path = progress_file()
    try:
        attempts = _load(path)
        entry = attempts.get(exercise_id, {"best": status, "attempts": 0})
        if _RANK[status] > _RANK.get(entry.get("best"), -1):
            entry["best"] = status
        entry["attempts"] = int(entry.get("attempts", 0)) + 1
        entry["last"] = datetime.now().isoformat(timespec="seconds")
        attempts[exercise_id] = entry
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(path.name + ".tmp")
        draft.write_text(json.dumps(attempts, indent=1, sort_keys=True), encoding="utf-8")
        draft.replace(path)
    except OSError:
        return


def progress() -> pd.DataFrame:
    """Return one row per checked exercise of the course with your best result so far.

    ``progress()`` at the end of a lesson shows which exercises are solved,
    tried or still open; ``progress().query("status != 'solved'")`` lists
    what is left.
    """
    attempts = _load(progress_file())
    words = {"correct": "solved", "wrong": "tried", "unreadable": "tried"}
    rows = []
    for exercise_id, exercise in sorted(all_exercises().items(),
                                        key=lambda item: tuple(map(int, item[0].split(".")))):
        entry = attempts.get(exercise_id, {})
        rows.append({"lesson": exercise_id.split(".")[0].zfill(2), "exercise": exercise_id,
                     "title": exercise.title, "status": words.get(entry.get("best"), "open"),
                     "attempts": int(entry.get("attempts", 0))})
    return pd.DataFrame(rows)
