"""A class gradebook from the checks learners see: ``python -m vraem.gradebook SUBMISSIONS… --out OUT``.

SUBMISSIONS are notebooks, folders of notebooks or zip files as a learning
platform exports them. Each notebook runs in a sandbox of its own
(``vraem.gradebook.sandbox``: bubblewrap, no network, nothing of the host but
this Python and the course data, read-only, and limits on time, memory, files
and processes). Its ``check()`` calls hand their answers over as data; the
gradebook judges them here, in its own process, with the course's keys, so
nothing a notebook does can make a grade.

Writes ``OUT/grades.csv`` (one row per learner, one column per exercise, and
the problems found), ``OUT/attempts.csv`` (one row per learner and exercise:
the outcome that counts, the misreading, the feedback, the last answer and its
outcome) and ``OUT/report.html`` (the class picture: a learner × exercise
grid, share solved, the commonest misreadings, code errors by cell, open
answers to mark by hand, and every submission that could not be graded).

Which check counts when an exercise is checked more than once: the best one,
as in a learner's own ``progress()`` — solved if any check was correct;
otherwise the last check that judged an answer (a misreading or wrong);
otherwise the last one at all. The last answer is shown beside it.

Without bubblewrap it refuses to grade, unless ``--trusted-class`` says the
class's code may run with the instructor's own permissions.
"""

from __future__ import annotations

import argparse
import queue
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..checks import evaluate
from ..contract import (
    CORRECT,
    ERROR,
    NOT_ANSWERED,
    NOT_HANDED_IN,
    SOLVED,
    STATUS_RANK,
    UNANSWERED,
    UNREADABLE,
    WRONG,
    WRONG_ANSWER,
    lesson_number,
)
from ..exercises import all_exercises
from .answers import HandOverError, decode, shown
from .ingest import Submission, collect, keep_newest, open_answers
from .sandbox import Limits, Outcome, PreflightFailed, Sandbox, SandboxUnavailable

# What a cell of grades.csv can say (SOLVED, WRONG_ANSWER, ...) is the notebook contract's.
#: Which check counts: the best status; among equals, the latest.
_RANK = STATUS_RANK
#: Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Attempt:
    """One check() a notebook made, judged here: which exercise, in which cell, with what result."""

    exercise: str
    status: str
    message: str
    misreading: str | None
    cell: int
    answer: str


@dataclass
class Graded:
    """A submission with what running it gave and the checks it made."""

    submission: Submission
    outcome: Outcome = field(default_factory=Outcome)
    attempts: list[Attempt] = field(default_factory=list)
    open_answers: dict[str, str] = field(default_factory=dict)

    @property
    def learner(self) -> str:
        """The learner whose submission this is."""
        return self.submission.learner

    def cell_errors(self) -> list[str]:
        """Each error a cell raised, with its number: ``["cell 7: NameError: name 'x' is not defined"]``."""
        lines = []
        for cell in self.outcome.cells:
            error = cell.get("error")
            if error and error["name"] == "CellTimeout":
                lines.append(
                    f"cell {cell['cell']}: stopped at the cell time limit ({error['message']})"
                )
            elif error:
                lines.append(
                    f"cell {cell['cell']}: {error['name']}: {error['message']}".rstrip(": ")
                )
            if cell.get("restarted"):
                lines.append(
                    f"cell {cell['cell']}: the kernel no longer answered and was restarted"
                    + (
                        "; the rest of the notebook was given up"
                        if cell.get("gave_up")
                        else "; the cells before it that had run cleanly were run again"
                    )
                )
        return lines


# ------------------------------------------------------------------ judging


def judge(outcome: Outcome, keys: dict) -> list[Attempt]:
    """Judge every answer a notebook handed over, here, with the course's keys."""
    attempts = []
    for cell in outcome.cells:
        for handed in cell["answers"]:
            attempt = _judge_one(handed, cell["cell"], keys)
            if attempt is not None:
                attempts.append(attempt)
    return attempts


def _judge_one(handed, cell: int, keys: dict) -> Attempt | None:
    if not isinstance(handed, dict):
        return None
    try:
        exercise_id = decode(handed.get("exercise"))
    except HandOverError:
        return None
    try:
        if "too_large" in handed:
            raise HandOverError("too large")
        answer = decode(handed.get("answer"))
        feedback = (
            evaluate(exercise_id, keys=keys)
            if handed.get("missing") is True
            else evaluate(exercise_id, answer, keys=keys)
        )
        answer_text = "(no answer given)" if handed.get("missing") is True else shown(answer)
    except HandOverError as error:
        feedback = evaluate(exercise_id, ..., keys=keys)  # finds the exercise id, as check() would
        if feedback.status == UNANSWERED:
            feedback = type(feedback)(
                feedback.exercise_id,
                UNREADABLE,
                f"the answer could not be handed over to the gradebook ({error}).",
            )
        answer_text = "(not readable)"
    return Attempt(
        feedback.exercise_id,
        feedback.status,
        feedback.message,
        feedback.misreading,
        cell,
        answer_text,
    )


def counted(attempts: list[Attempt]) -> Attempt:
    """The check that counts among several of one exercise: the best status, the latest among equals."""
    return max(enumerate(attempts), key=lambda pair: (_RANK.get(pair[1].status, 0), pair[0]))[1]


def outcome_word(attempt: Attempt | None, failed: bool) -> str:
    """A gradebook cell: solved, a misreading id, wrong, not answered, or error."""
    if attempt is None:
        return ERROR if failed else NOT_ANSWERED
    if attempt.status == CORRECT:
        return SOLVED
    if attempt.status == WRONG:
        return attempt.misreading or WRONG_ANSWER
    if attempt.status == UNANSWERED:
        return NOT_ANSWERED
    return ERROR


# ------------------------------------------------------------------ running the class


def _run_all(graded: list[Graded], sandbox: Sandbox, workers: int, show_progress: bool) -> None:
    """Run every submission, ``workers`` at a time, each in a slot of its own (its own user when root).

    Each notebook's answers are judged here, in this process, as soon as it has run, while the next
    notebooks run in their sandboxes.
    """
    keys: dict = {}
    slots: queue.Queue[int] = queue.Queue()
    for slot in range(workers):
        slots.put(slot)

    def run(item: Graded) -> Graded:
        slot = slots.get()
        try:
            item.outcome = sandbox.run(
                [(c.number, c.source) for c in item.submission.cells if c.kind == "code"], slot
            )
        except Exception as error:  # one notebook must never stop the class
            item.outcome = Outcome(
                problems=[f"the gradebook could not run it ({type(error).__name__}: {error})"]
            )
        finally:
            slots.put(slot)
        return item

    with (
        _progress(len(graded), show_progress) as advance,
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        futures = [pool.submit(run, item) for item in graded]
        try:
            for future in as_completed(futures):
                item = future.result()
                item.attempts = judge(item.outcome, keys)
                advance(item.learner)
        except KeyboardInterrupt:  # end every sandbox now rather than wait for each to time out
            for future in futures:
                future.cancel()
            sandbox.stop_all()
            raise


class _progress:
    """A progress bar on the terminal (count, bar, time left); silent when not on a terminal."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.bar = total, enabled and sys.stderr.isatty(), None

    def __enter__(self):
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("grading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("notebooks · time left"),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self.advance

    def advance(self, learner: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"last: {learner[:30]}")

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


def grade(
    sources: list[str | Path],
    out: Path,
    learner_from: str = "folder",
    pattern: str | None = None,
    cell_limit: int = 60,
    notebook_limit: int = 300,
    workers: int = 2,
    trusted: bool = False,
    limits: Limits | None = None,
    show_progress: bool = False,
) -> dict:
    """Run every submission and write grades.csv, attempts.csv and report.html into ``out``.

    Raises SandboxUnavailable (no bubblewrap, and ``trusted`` not given) or
    PreflightFailed (the sandbox would not run this Python) before running any
    notebook. Returns a summary: learners, notebooks run, problems and seconds.
    """
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    limits = limits or Limits(cpu=notebook_limit + 10)
    exercises = all_exercises()
    with tempfile.TemporaryDirectory(prefix="vraem-gradebook-") as workdir:
        sandbox = Sandbox.prepare(Path(workdir), limits, cell_limit, notebook_limit, trusted)
        submissions, notes = collect(sources, learner_from, pattern)
        graded = _to_grade(submissions)
        runnable = [item for item in graded if item.submission.problem is None]
        _run_all(runnable, sandbox, max(1, workers), show_progress)
        described = sandbox.describe()
    problems = _write_outputs(out, exercises, graded, submissions, notes, described, trusted)
    learners = {item.learner for item in graded}
    return {
        "learners": len(learners),
        "notebooks": len(runnable),
        "problems": sum(map(len, problems.values())) + len(notes),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _to_grade(submissions: list[Submission]) -> list[Graded]:
    """Each learner's newest notebook per lesson, with its open answers: ``graded = _to_grade(submissions)``.

    A submission that checks no exercise is kept, with the reason, for the report, and not run.
    """
    for submission in submissions:
        if submission.problem is None and submission.lesson is None:
            submission.problem = (
                "no check() call found: not a course notebook, or every check cell is gone"
            )
    current = keep_newest(submissions)
    return [Graded(s, open_answers=open_answers(s.cells)) for s in current]


def _write_outputs(
    out: Path,
    exercises: dict,
    graded: list[Graded],
    submissions: list[Submission],
    notes: list[str],
    described: str,
    trusted: bool,
) -> dict[str, list[str]]:
    """Write the three files and say each learner's problems: ``problems = _write_outputs(out, exercises, …)``."""
    attempts, problems = _tables(graded, exercises)
    grades = wide_grades(attempts, list(exercises), problems)
    _csv(attempts, out / "attempts.csv")
    _csv(grades, out / "grades.csv")
    from .report import write_report

    superseded = [s for s in submissions if s.superseded_by]
    write_report(
        out / "report.html",
        attempts,
        grades,
        notes,
        problems,
        superseded,
        graded,
        described,
        trusted=trusted,
    )
    return problems


def _tables(graded: list[Graded], exercises: dict) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The long table of outcomes, and each learner's problems (the reasons to look at a row)."""
    rows, problems = [], {}
    for item in graded:
        submission, said = item.submission, problems.setdefault(item.learner, [])
        if submission.problem:
            said.append(f"{submission.source}: {submission.problem}")
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


def _problems_of(item: Graded, exercises: dict) -> list[str]:
    """What went wrong with one notebook that ran, for the list to look at: ``_problems_of(item, exercises)``."""
    submission = item.submission
    said = [f"{submission.source}: {note}" for note in submission.notes]
    said += [f"{submission.source}: {problem}" for problem in item.outcome.problems]
    unknown = sorted({a.exercise for a in item.attempts} - set(exercises))
    if unknown:
        said.append(
            f"{submission.source}: checks unknown exercise ids {', '.join(unknown)} (a renamed cell, "
            "or a notebook from another version of the course)"
        )
    return said


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


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame.map(neutralised).to_csv(path, index=False, encoding="utf-8")


# ------------------------------------------------------------------ command line


def main(argv: list[str] | None = None) -> int:
    """Command line: grade the submissions into --out."""
    parser = argparse.ArgumentParser(
        prog="python -m vraem.gradebook", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "submissions", nargs="*", help="notebooks, folders of notebooks, or zip files"
    )
    parser.add_argument(
        "--out", type=Path, help="folder for grades.csv, attempts.csv and report.html"
    )
    parser.add_argument(
        "--learner-from",
        choices=["folder", "file"],
        default="folder",
        help="take each learner's name from the folder (default) or the file name",
    )
    parser.add_argument(
        "--learner-pattern",
        help="regular expression with a group (?P<learner>…) read "
        "from the file name, e.g. '^(?P<learner>[^_]+)_'",
    )
    parser.add_argument(
        "--cell-timeout", type=int, default=60, help="seconds per cell (default 60)"
    )
    parser.add_argument(
        "--notebook-timeout", type=int, default=300, help="seconds per notebook (default 300)"
    )
    parser.add_argument(
        "--memory", type=float, default=2, help="GiB of memory per process (default 2)"
    )
    parser.add_argument("--workers", type=int, default=2, help="notebooks run at once (default 2)")
    parser.add_argument(
        "--trusted-class",
        action="store_true",
        help="run the notebooks WITHOUT a sandbox, with your own permissions (only for code "
        "you trust; the report says so in red)",
    )
    args = parser.parse_args(argv)
    if not args.submissions or not args.out:
        parser.error("give the submissions and --out OUT")
    limits = Limits(memory=int(args.memory * 1024**3), cpu=args.notebook_timeout + 10)
    try:
        summary = grade(
            args.submissions,
            args.out,
            args.learner_from,
            args.learner_pattern,
            args.cell_timeout,
            args.notebook_timeout,
            args.workers,
            args.trusted_class,
            limits,
            show_progress=True,
        )
    except (SandboxUnavailable, PreflightFailed) as error:
        print(f"gradebook: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "gradebook: interrupted; every sandbox was stopped and nothing was written",
            file=sys.stderr,
        )
        return 130
    print(
        f"graded {summary['notebooks']} notebook(s) from {summary['learners']} learner(s) in "
        f"{summary['seconds']} s; {summary['problems']} problem(s) listed in {args.out / 'report.html'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
