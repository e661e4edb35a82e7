"""The class's tables, grades.csv and attempts.csv: ``attempts, problems = attempts_table(graded, exercises)``.

attempts.csv has one row per learner and exercise (the outcome that counts, the misreading,
the feedback, the last answer and its outcome); :func:`wide_grades` turns it into grades.csv,
one row per learner and one column per exercise, with the problems found. :func:`write_csv`
writes either with no cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..contract import (
    NOT_HANDED_IN,
    lesson_number,
)
from ..i18n import N_
from .judging import Graded, counted, outcome_word
from .said import Said

#: One of a learner's problems: which file, and what is wrong with it (both English in grades.csv).
_IN_FILE = N_("{source}: {problem}")
#: Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def attempts_table(
    graded: list[Graded], exercises: dict
) -> tuple[pd.DataFrame, dict[str, list[Said]]]:
    """The long table of outcomes, and each learner's problems (the reasons to look at a row).

    Each problem is a :class:`.said.Said`: English in grades.csv, shown in the report's language.
    """
    rows, problems = [], {}
    for item in graded:
        submission, said = item.submission, problems.setdefault(item.learner, [])
        if submission.problem:
            said.append(Said(_IN_FILE, source=submission.source, problem=submission.problem))
            continue
        said += _problems_of(item, exercises)
        rows += _outcome_rows(item, exercises)
    columns = [
        "learner",
        "lesson",
        "exercise",
        "outcome",
        "checks",
        "status",
        "misreading",
        "feedback",
        "cell",
        "last_outcome",
        "last_answer",
        "last_feedback",
        "submission",
        "cell_errors",
    ]
    return pd.DataFrame(rows, columns=columns), problems


def _problems_of(item: Graded, exercises: dict) -> list[Said]:
    """What went wrong with one notebook that ran, for the list to look at: ``_problems_of(item, exercises)``."""
    source = item.submission.source
    found = [*item.submission.notes, *item.outcome.problems]
    unknown = sorted({a.exercise for a in item.attempts} - set(exercises))
    if unknown:
        found.append(
            Said(
                N_(
                    "checks unknown exercise ids {ids} (a renamed cell, or a notebook from another "
                    "version of the course)"
                ),
                ids=", ".join(unknown),
            )
        )
    return [Said(_IN_FILE, source=source, problem=problem) for problem in found]


def _outcome_rows(item: Graded, exercises: dict) -> list[dict]:
    """attempts.csv's rows for one notebook, one per exercise of its lesson: ``_outcome_rows(item, exercises)``."""
    rows, submission = [], item.submission
    failed = bool(item.outcome.problems) or any("error" in cell for cell in item.outcome.cells)
    for exercise_id in (e for e in exercises if lesson_number(e) == submission.lesson):
        made = [a for a in item.attempts if a.exercise == exercise_id]
        best = counted(made) if made else None
        last = made[-1] if made else None
        rows.append(
            {
                "learner": item.learner,
                "lesson": submission.lesson,
                "exercise": exercise_id,
                "outcome": outcome_word(best, failed),
                "checks": len(made),
                "status": best.status if best else "",
                "misreading": (best.misreading or "") if best else "",
                "feedback": best.message if best else "",
                "cell": best.cell if best else "",
                "last_outcome": outcome_word(last, failed),
                "last_answer": last.answer if last else "",
                "last_feedback": last.message if last else "",
                "submission": submission.source,
                "cell_errors": " | ".join(item.cell_errors()[:5]),
            }
        )
    return rows


def wide_grades(
    attempts: pd.DataFrame, exercise_order: list[str], problems: dict[str, list[str]] | None = None
) -> pd.DataFrame:
    """One row per learner, one column per exercise, and the problems: ``wide_grades(attempts, ids)``."""
    problems = problems or {}
    learners = sorted(set(attempts["learner"]) | set(problems))
    if attempts.empty:
        wide = pd.DataFrame(index=pd.Index(learners, name="learner"))
    else:
        wide = attempts.pivot_table(
            index="learner", columns="exercise", values="outcome", aggfunc="last"
        )
        wide = wide.reindex(learners)
    columns = [e for e in exercise_order if e in wide.columns]
    wide = wide[columns].fillna(NOT_HANDED_IN)
    wide["problems"] = [" | ".join(problems.get(learner, [])) for learner in wide.index]
    return wide.reset_index().rename_axis(columns=None)


def neutralised(value):
    """A CSV cell a spreadsheet will not run as a formula: ``=1+1`` becomes ``'=1+1``."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as UTF-8 CSV, each cell :func:`neutralised`: ``write_csv(grades, out / "grades.csv")``."""
    frame.map(neutralised).to_csv(path, index=False, encoding="utf-8")
