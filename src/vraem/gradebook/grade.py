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

``--lang es`` writes the report in Spanish (its sentences, the feedback it quotes, and the open
exercises' titles and rubrics from the Spanish solutions); the ids and words the CSV files store
(outcomes, statuses, misreading ids, column names) stay English, and a class may hand
in the English or the Spanish lessons (or both): they are read and judged alike.

Without bubblewrap it refuses to grade, unless ``--trusted-class`` says the
class's code may run with the instructor's own permissions.
"""

from __future__ import annotations

import queue
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from ..exercises import all_exercises
from ..i18n import DEFAULT, LANGUAGES, N_, _, current_language, set_language
from .ingest import Submission, collect, keep_newest, open_answers
from .judging import Graded, judge
from .parser import SpokenParser, language_asked
from .preflight import PreflightFailed, SandboxUnavailable
from .results import Outcome
from .said import Said, shown_error
from .sandbox import Limits, Sandbox
from .tables import attempts_table, wide_grades, write_csv

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
            why = N_("the gradebook could not run it ({error})")
            item.outcome = Outcome(problems=[Said(why, error=f"{type(error).__name__}: {error}")])
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
                TextColumn(_("grading")),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(_("notebooks · time left")),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self.advance

    def advance(self, learner: str) -> None:
        if self.bar is not None:
            last = _("last: {learner}").format(learner=learner[:30])
            self.bar.update(self.task, advance=1, description=last)

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
    language: str = DEFAULT,
) -> dict:
    """Run every submission and write grades.csv, attempts.csv and report.html into ``out``.

    ``language`` ("en" or "es") is the report's; the judging and the CSV files do not depend on it.

    Raises SandboxUnavailable (no bubblewrap, and ``trusted`` not given) or
    PreflightFailed (the sandbox would not run this Python) before running any
    notebook. Returns a summary: learners, notebooks run, problems and seconds.
    """
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    limits = limits or Limits(cpu=notebook_limit + 10)
    exercises = all_exercises()
    chosen = current_language()
    set_language(
        language
    )  # the report's, and the feedback's it quotes; never how an answer is judged
    try:
        with tempfile.TemporaryDirectory(prefix="vraem-gradebook-") as workdir:
            sandbox = Sandbox.prepare(Path(workdir), limits, cell_limit, notebook_limit, trusted)
            submissions, notes = collect(sources, learner_from, pattern)
            graded = _to_grade(submissions)
            runnable = [item for item in graded if item.submission.problem is None]
            _run_all(runnable, sandbox, max(1, workers), show_progress)
            described = sandbox.describe()
        problems = _write_outputs(out, exercises, graded, submissions, notes, described, trusted)
    finally:
        set_language(chosen)
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
            submission.problem = Said(
                N_("no check() call found: not a course notebook, or every check cell is gone")
            )
    current = keep_newest(submissions)
    return [Graded(s, open_answers=open_answers(s.cells)) for s in current]


def _write_outputs(
    out: Path,
    exercises: dict,
    graded: list[Graded],
    submissions: list[Submission],
    notes: list[Said],
    described: str,
    trusted: bool,
) -> dict[str, list[Said]]:
    """Write the three files and say each learner's problems: ``problems = _write_outputs(out, exercises, …)``."""
    attempts, problems = attempts_table(graded, exercises)
    grades = wide_grades(attempts, list(exercises), problems)
    write_csv(attempts, out / "attempts.csv")
    write_csv(grades, out / "grades.csv")
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


# ------------------------------------------------------------------ command line


def main(argv: list[str] | None = None) -> int:
    """Command line: grade the submissions into --out; ``--lang es`` speaks Spanish, help included."""
    chosen = current_language()
    set_language(language_asked(argv))
    try:
        return _command(_parser().parse_args(argv))
    finally:
        set_language(chosen)


def _parser() -> SpokenParser:
    """The command's arguments, their help in the current language."""
    parser = SpokenParser(
        prog="python -m vraem.gradebook",
        description=_("A class gradebook from the checks learners see."),
    )
    parser.arguments.add_argument(
        "submissions", nargs="*", help=_("notebooks, folders of notebooks, or zip files")
    )
    options = parser.options
    options.add_argument(
        "--out", type=Path, help=_("folder for grades.csv, attempts.csv and report.html")
    )
    options.add_argument(
        "--learner-from",
        choices=["folder", "file"],
        default="folder",
        help=_("take each learner's name from the folder (default) or the file name"),
    )
    options.add_argument(
        "--learner-pattern",
        help=_(
            "regular expression with a group (?P<learner>…) read from the file name, e.g. "
            "'^(?P<learner>[^_]+)_'"
        ),
    )
    options.add_argument(
        "--cell-timeout", type=int, default=60, help=_("seconds per cell (default 60)")
    )
    options.add_argument(
        "--notebook-timeout", type=int, default=300, help=_("seconds per notebook (default 300)")
    )
    options.add_argument(
        "--memory", type=float, default=2, help=_("GiB of memory per process (default 2)")
    )
    options.add_argument(
        "--workers", type=int, default=2, help=_("notebooks run at once (default 2)")
    )
    options.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=DEFAULT,
        help=_(
            "the language of report.html and of these messages (default en); grades.csv and "
            "attempts.csv stay English"
        ),
    )
    options.add_argument(
        "--trusted-class",
        action="store_true",
        help=_(
            "run the notebooks WITHOUT a sandbox, with your own permissions (only for code you "
            "trust; the report says so in red)"
        ),
    )
    return parser


def _command(args) -> int:
    """Grade as the parsed command line says, and say how it went (in the current language)."""
    if not args.submissions or not args.out:
        _parser().error(_("give the submissions and --out OUT"))
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
            language=args.lang,
        )
    except (SandboxUnavailable, PreflightFailed) as error:
        print(_("gradebook: {error}").format(error=shown_error(error)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            _("gradebook: interrupted; every sandbox was stopped and nothing was written"),
            file=sys.stderr,
        )
        return 130
    print(
        _(
            "Graded in {seconds} s. Notebooks run: {notebooks}; learners: {learners}; problems: "
            "{problems}, listed in {report}."
        ).format(
            seconds=summary["seconds"],
            notebooks=summary["notebooks"],
            learners=summary["learners"],
            problems=summary["problems"],
            report=args.out / "report.html",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
