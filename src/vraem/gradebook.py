"""A class gradebook from the checks learners see: ``python -m vraem.gradebook SUBMISSIONS… --out OUT``.

SUBMISSIONS are notebooks, folders of notebooks or zip files as a learning
platform exports them. Each notebook runs in a fresh kernel, in a temporary
copy (nothing submitted is changed), with a time limit per cell and per
notebook, against a read-only copy of the course data and, where the system
allows it, with no network. Every ``check()`` the notebook makes is recorded.

Writes ``OUT/grades.csv`` (one row per learner, one column per exercise),
``OUT/attempts.csv`` (the same in long form, with the misreading each wrong
answer matched and the feedback the learner saw) and ``OUT/report.html``
(the class picture: share solved, the commonest misreadings, a line per
learner, open exercises to mark by hand, and every submission that could not
be run).

Running learners' code is running untrusted code: read instructors/README.md
before you use this on a class.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from .checks import ATTEMPT_LOG_VARIABLE, MODE_VARIABLE
from .exercises import all_exercises
from .paths import data_dir

#: What a cell of grades.csv can say, besides a misreading id such as "2.3#1".
SOLVED, WRONG, NOT_ANSWERED, ERROR = "solved", "wrong", "not answered", "error"
#: The script that runs one notebook in its own process (see gradebook_runner.py).
RUNNER = Path(__file__).with_name("gradebook_runner.py")
_CHECK_CALL = re.compile(r"""check\(\s*["'](?P<id>\d+\.\d+)["']""")


@dataclass
class Submission:
    """One notebook handed in: whose, where its copy is, and when it was last changed."""

    learner: str
    path: Path
    source: str
    modified: datetime
    lesson: int | None = None
    superseded_by: str | None = None


@dataclass
class Run:
    """What running one submission gave: the checks it made, its errors and its open answers."""

    attempts: list[dict] = field(default_factory=list)
    problem: str | None = None
    cell_errors: list[str] = field(default_factory=list)
    open_answers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


# ------------------------------------------------------------------ collecting

def learner_name(path: Path, root: Path, learner_from: str, pattern: str | None) -> str:
    """Who handed a notebook in: its folder (``learner_from="folder"``) or its file name.

    With ``pattern`` (a regular expression with a group named ``learner``) the
    name is read from the file name, e.g. ``r"^(?P<learner>[^_]+)_"`` for
    platform exports such as ``jdoe_12345_02-claims-and-sources.ipynb``.
    """
    if pattern:
        found = re.search(pattern, path.name)
        if found and found.groupdict().get("learner"):
            return found["learner"]
    if learner_from == "file":
        return re.split(r"[_\s]+|-(?=\d\d-)", path.stem)[0] or path.stem
    relative = path.relative_to(root) if root in path.parents else Path(path.name)
    return relative.parts[0] if len(relative.parts) > 1 else path.stem


def collect(sources: list[str | Path], workdir: Path, learner_from: str = "folder",
            pattern: str | None = None) -> tuple[list[Submission], list[str]]:
    """Find every notebook in the given files, folders and zips: ``collect(["class/"], tmp)``.

    Returns the submissions and a list of sources that could not be read.
    Zip files are unpacked into ``workdir``; their entries keep their dates.
    """
    submissions, problems = [], []
    for number, source in enumerate(map(Path, sources)):
        if source.is_dir():
            for path in sorted(source.rglob("*.ipynb")):
                if ".ipynb_checkpoints" not in path.parts:
                    submissions.append(Submission(learner_name(path, source, learner_from, pattern), path,
                                                  str(path), datetime.fromtimestamp(path.stat().st_mtime)))
        elif source.suffix.lower() == ".zip" and source.is_file():
            try:
                submissions += _unzip(source, workdir / f"zip-{number}", learner_from, pattern)
            except (zipfile.BadZipFile, OSError) as error:
                problems.append(f"{source}: not a readable zip file ({error})")
        elif source.suffix.lower() == ".ipynb" and source.is_file():
            submissions.append(Submission(learner_name(source, source.parent, "file" if pattern is None
                                                       and learner_from == "file" else learner_from, pattern),
                                          source, str(source), datetime.fromtimestamp(source.stat().st_mtime)))
        else:
            problems.append(f"{source}: not a notebook, a folder or a zip file")
    return submissions, problems


def _unzip(archive: Path, target: Path, learner_from: str, pattern: str | None) -> list[Submission]:
    found = []
    with zipfile.ZipFile(archive) as bundle:
        for number, entry in enumerate(bundle.infolist()):
            name = Path(entry.filename)
            if entry.is_dir() or name.suffix != ".ipynb" or ".." in name.parts or "__MACOSX" in name.parts:
                continue
            copy = target / str(number) / name  # the entry's own path, kept apart from the others
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(bundle.read(entry))
            learner = learner_name(copy, target / str(number), learner_from, pattern)
            found.append(Submission(learner, copy, f"{archive.name}:{entry.filename}", datetime(*entry.date_time)))
    return found


def lesson_of(notebook: dict) -> int | None:
    """The lesson a notebook belongs to, from the exercise ids its check() calls name."""
    ids = [match["id"] for cell in notebook.get("cells", []) if cell.get("cell_type") == "code"
           for match in _CHECK_CALL.finditer(_source(cell))]
    lessons = Counter(int(exercise_id.split(".")[0]) for exercise_id in ids)
    return lessons.most_common(1)[0][0] if lessons else None


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def keep_newest(submissions: list[Submission]) -> list[Submission]:
    """Mark all but the newest submission of each learner and lesson as superseded."""
    newest: dict[tuple, Submission] = {}
    for submission in sorted(submissions, key=lambda s: s.modified):
        key = (submission.learner, submission.lesson)
        if key in newest:
            newest[key].superseded_by = submission.source
        newest[key] = submission
    return [s for s in submissions if s.superseded_by is None]


# ------------------------------------------------------------------ running

def read_only_data(workdir: Path) -> Path:
    """A copy of the course data that learners' code can read but not change."""
    copy = workdir / "course-data"
    shutil.copytree(data_dir(), copy)
    workdir.chmod(0o755)  # readable by the unprivileged user, when there is one
    for path in sorted(copy.rglob("*"), reverse=True) + [copy]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return copy


#: The unprivileged user learners' code runs as when the gradebook is started as root.
NOBODY = 65534


def _works(command: list[str]) -> bool:
    try:
        return subprocess.run([*command, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def sandbox_prefix() -> tuple[list[str], list[str]]:
    """The command prefix that isolates learners' code, and what it could not do (for the report).

    On Linux: ``unshare -n`` drops the network; as root, ``setpriv`` also runs the
    code as an unprivileged user, because file permissions do not stop root.
    """
    prefix, missing = [], []
    if sys.platform.startswith("linux") and shutil.which("unshare") and _works(["unshare", "-n"]):
        prefix += ["unshare", "-n"]
    else:
        missing.append("the network could not be switched off on this system")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        if shutil.which("setpriv") and _works(drop):
            prefix += drop
        else:
            missing.append("running as root without setpriv: learners' code could write to the data copy")
    return prefix, missing


def run_submission(submission: Submission, data: Path, cell_limit: int, notebook_limit: int,
                   isolate: list[str]) -> Run:
    """Run one notebook in a fresh kernel, in a temporary folder, and collect its checks."""
    try:
        notebook = json.loads(submission.path.read_text(encoding="utf-8"))
        if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
            raise ValueError("it has no list of cells")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return Run(problem=f"not a readable notebook ({str(error)[:120]})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vraem-grade-") as folder:
        folder = Path(folder)
        if "setpriv" in isolate:  # the unprivileged user must own its working folder
            os.chown(folder, NOBODY, NOBODY)
        copy = folder / "notebook.ipynb"
        copy.write_text(json.dumps(notebook), encoding="utf-8")
        if "setpriv" in isolate:
            os.chown(copy, NOBODY, NOBODY)
        log, errors = folder / "attempts.jsonl", folder / "errors.json"
        environment = {**os.environ, ATTEMPT_LOG_VARIABLE: str(log), "VRAEM_DATA": str(data),
                       "VRAEM_PROGRESS_FILE": str(folder / "progress.json"), "HOME": str(folder)}
        environment.pop(MODE_VARIABLE, None)
        # run as a script, not as part of the package: the child then imports only nbclient
        # -P: the script's folder (src/vraem, with its numbers.py) must not shadow the standard library
        command = [*isolate, sys.executable, "-P", str(RUNNER), str(copy), str(errors), str(cell_limit)]
        run = Run(open_answers=open_answers(notebook))
        try:
            finished = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True,
                                      timeout=notebook_limit, start_new_session=True)
            if finished.returncode or not errors.exists():
                last = (finished.stderr.strip().splitlines() or ["no message"])[-1]
                run.problem = f"the notebook could not be run (exit {finished.returncode}: {last[:200]})"
        except subprocess.TimeoutExpired:
            run.problem = f"stopped after the notebook time limit ({notebook_limit} s): an endless loop?"
        if log.exists():
            run.attempts = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()
                            if line.strip()]
        if errors.exists():
            run.cell_errors = json.loads(errors.read_text(encoding="utf-8"))
    run.seconds = time.perf_counter() - started
    return run


def open_answers(notebook: dict) -> dict[str, str]:
    """The learner's text under each open exercise, keyed by its id ("2.a")."""
    answers, cells = {}, notebook.get("cells", [])
    for index, cell in enumerate(cells):
        heading = re.search(r"Open exercise (\d+\.[a-z])", _source(cell))
        if heading and "open-exercise" in cell.get("metadata", {}).get("tags", []) and index + 1 < len(cells):
            answers[heading[1]] = _source(cells[index + 1]).strip()
    return answers


# ------------------------------------------------------------------ grading

def outcome(attempt: dict | None, run: Run) -> str:
    """What one exercise's last check says, as a gradebook cell: solved, a misreading id, …"""
    if attempt is None:
        return ERROR if (run.problem or run.cell_errors) else NOT_ANSWERED
    status = attempt.get("status")
    if status == "correct":
        return SOLVED
    if status == "wrong":
        return attempt.get("misreading") or WRONG
    if status == "unanswered":
        return NOT_ANSWERED
    return ERROR


def grade(sources: list[str | Path], out: Path, learner_from: str = "folder", pattern: str | None = None,
          cell_limit: int = 60, notebook_limit: int = 300, workers: int = 2) -> dict:
    """Run every submission and write grades.csv, attempts.csv and report.html into ``out``.

    Returns a summary: learners, notebooks run, problems and seconds.
    """
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exercises = all_exercises()
    with tempfile.TemporaryDirectory(prefix="vraem-gradebook-") as workdir:
        workdir = Path(workdir)
        submissions, problems = collect(sources, workdir, learner_from, pattern)
        for submission in submissions:
            try:
                submission.lesson = lesson_of(json.loads(submission.path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError, ValueError):
                submission.lesson = None
        current = keep_newest(submissions)
        data = read_only_data(workdir)
        isolate, limits = sandbox_prefix()
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            runs = list(pool.map(lambda s: run_submission(s, data, cell_limit, notebook_limit, isolate),
                                 current))
        for path in sorted(data.rglob("*"), reverse=True) + [data]:  # let the temporary folder go
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    rows = []
    for submission, run in zip(current, runs, strict=True):
        if run.problem:
            problems.append(f"{submission.source} ({submission.learner}): {run.problem}")
        last = {attempt["exercise"]: attempt for attempt in run.attempts}
        unknown = sorted(set(last) - set(exercises))
        if unknown:
            problems.append(f"{submission.source} ({submission.learner}): checks unknown exercise ids "
                            f"{', '.join(unknown)} (a renamed cell, or a notebook from another version "
                            "of the course)")
        if submission.lesson is None and not run.problem:
            problems.append(f"{submission.source} ({submission.learner}): no check() call found; "
                            "is it a course notebook?")
        counts = Counter(attempt["exercise"] for attempt in run.attempts)
        for exercise_id, times in sorted(counts.items()):
            if times > 1 and exercise_id in exercises:
                problems.append(f"{submission.source} ({submission.learner}): exercise {exercise_id} is "
                                f"checked {times} times (a duplicated cell); the last check counts")
        lesson_ids = [e for e in exercises if submission.lesson is not None
                      and int(e.split(".")[0]) == submission.lesson]
        for exercise_id in lesson_ids:
            attempt = last.get(exercise_id)
            rows.append({"learner": submission.learner, "lesson": submission.lesson, "exercise": exercise_id,
                         "outcome": outcome(attempt, run),
                         "status": attempt["status"] if attempt else "",
                         "misreading": (attempt or {}).get("misreading") or "",
                         "feedback": (attempt or {}).get("message", ""),
                         "submission": submission.source,
                         "cell_errors": " | ".join(run.cell_errors[:3])})
    attempts = pd.DataFrame(rows, columns=["learner", "lesson", "exercise", "outcome", "status", "misreading",
                                           "feedback", "submission", "cell_errors"])
    attempts.to_csv(out / "attempts.csv", index=False)
    grades = wide_grades(attempts, list(exercises))
    grades.to_csv(out / "grades.csv", index=False)
    superseded = [s for s in submissions if s.superseded_by]
    from .gradebook_report import write_report

    write_report(out / "report.html", attempts, grades, problems, superseded,
                 [(s, r) for s, r in zip(current, runs, strict=True)], isolation_gaps=limits)
    return {"learners": grades["learner"].nunique() if len(grades) else 0, "notebooks": len(current),
            "problems": len(problems), "seconds": round(time.perf_counter() - started, 1)}


def wide_grades(attempts: pd.DataFrame, exercise_order: list[str]) -> pd.DataFrame:
    """One row per learner, one column per exercise: ``wide_grades(attempts, ids)``."""
    if attempts.empty:
        return pd.DataFrame(columns=["learner"])
    wide = attempts.pivot_table(index="learner", columns="exercise", values="outcome", aggfunc="last")
    columns = [e for e in exercise_order if e in wide.columns]
    return wide[columns].reset_index().rename_axis(columns=None).fillna("not handed in")


# ------------------------------------------------------------------ command line

def main(argv: list[str] | None = None) -> int:
    """Command line: grade the submissions into --out."""
    parser = argparse.ArgumentParser(prog="python -m vraem.gradebook", description=__doc__.splitlines()[0])
    parser.add_argument("submissions", nargs="*", help="notebooks, folders of notebooks, or zip files")
    parser.add_argument("--out", type=Path, help="folder for grades.csv, attempts.csv and report.html")
    parser.add_argument("--learner-from", choices=["folder", "file"], default="folder",
                        help="take each learner's name from the folder (default) or the file name")
    parser.add_argument("--learner-pattern", help="regular expression with a group (?P<learner>…) read "
                                                   "from the file name, e.g. '^(?P<learner>[^_]+)_'")
    parser.add_argument("--cell-timeout", type=int, default=60, help="seconds per cell (default 60)")
    parser.add_argument("--notebook-timeout", type=int, default=300, help="seconds per notebook (default 300)")
    parser.add_argument("--workers", type=int, default=2, help="notebooks run at once (default 2)")
    args = parser.parse_args(argv)
    if not args.submissions or not args.out:
        parser.error("give the submissions and --out OUT")
    summary = grade(args.submissions, args.out, args.learner_from, args.learner_pattern,
                    args.cell_timeout, args.notebook_timeout, args.workers)
    print(f"graded {summary['notebooks']} notebook(s) from {summary['learners']} learner(s) in "
          f"{summary['seconds']} s; {summary['problems']} problem(s) listed in {args.out / 'report.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
