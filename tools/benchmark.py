"""Time the notebook validation against its floor, and check(): ``python tools/benchmark.py``.

Three runs, each a fresh pytest process, serial (one kernel at a time):

1. full: every notebook in solutions/ and lessons/ under nbval, as the test suite runs them;
2. floor: the same number of notebooks holding only each lesson's setup cell (kernel start,
   imports, data loading), i.e. what no lesson can go below;
3. import: ``import pandas, altair, vraem`` in a fresh interpreter.

It prints the times and the ratio full / floor. Then (alone with ``--checks``) the speed of
``check()``, each part in fresh interpreters:

4. first check: ``from vraem import check`` (timed apart), then one ``check()`` with the right
   answer before anything has been read, for the first exercise of each lesson;
5. warm checks: every exercise checked with its right answer and with each catalogued misreading,
   after one round that reads what they need; the median and the slowest, in wall-clock time and
   in the process's CPU time (on a busy machine the wall-clock time includes waiting for a core);
6. reads: the tables parsed and the files read from disk for one check of every exercise in a
   fresh interpreter, and for the same checks again.

Not a test: nothing fails on a slow machine. The machine's load average is printed with the
figures; compare figures only from a machine that is otherwise idle.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def _load_contract():
    """The course's notebook contract, ``vraem.contract``, loaded from its file alone.

    ``import vraem.contract`` would first run ``vraem/__init__.py`` (pandas, Altair, the checks):
    the very import the benchmark times, in its children, from a cold start.
    """
    package = importlib.util.find_spec("vraem").submodule_search_locations[0]
    spec = importlib.util.spec_from_file_location("_vraem_contract", Path(package) / "contract.py")
    contract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(contract)
    return contract


CONTRACT = _load_contract()
NBVAL = ["-p", "no:cacheprovider", "-q", "-o", "addopts=", "--nbval-lax", "--nbval-current-env"]


def timed(command: list[str], **kwargs) -> float:
    """Wall-clock seconds of a command run in the course folder; stop the benchmark if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def floor_notebooks(folder: Path) -> list[Path]:
    """Write, for every notebook, a copy that keeps only its setup cell."""
    notebooks = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted(
        (ROOT / "lessons").glob("*.ipynb")
    )
    written = []
    for number, path in enumerate(notebooks):
        notebook = nbformat.read(path, as_version=4)
        notebook.cells = [
            cell for cell in notebook.cells if "setup" in cell.metadata.get("tags", [])
        ]
        target = folder / f"{number:02d}-{path.stem}.ipynb"
        nbformat.write(notebook, target)
        written.append(target)
    return written


# --- check() -------------------------------------------------------------------------------------


def _child(mode: str, answers: Path, exercise_id: str = "") -> dict:
    """Run one measurement in a fresh interpreter (this script with ``--child``); its JSON result."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            key: value for key, value in os.environ.items() if key != CONTRACT.CHECK_MODE_VARIABLE
        }
        env[CONTRACT.PROGRESS_FILE_VARIABLE] = str(
            Path(folder) / "progress.json"
        )  # not the real home folder
        result = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(answers), exercise_id],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )
    if result.returncode:
        sys.exit(f"failed: check benchmark, {mode}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return json.loads(result.stdout.splitlines()[-1])


def _write_answers(path: Path) -> None:
    """Each exercise's right answer and its misreadings' examples, in lesson order."""
    from vraem.exercises import all_exercises

    answers = {}
    for exercise_id in sorted(all_exercises(), key=CONTRACT.lesson_order):
        exercise = all_exercises()[exercise_id]
        key = exercise.expected()
        answers[exercise_id] = [
            key,
            *(misreading.example(key) for misreading in exercise.misreadings),
        ]
    path.write_bytes(pickle.dumps(answers))


def _timed_check(exercise_id: str, answer, judge_only: bool = False) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one check(), its printed line kept out of the way.

    With ``judge_only``, of its judgement alone: evaluate(), which neither prints nor
    writes the progress record.
    """
    from vraem.checks import check, evaluate

    with contextlib.redirect_stdout(io.StringIO()):
        wall, cpu = time.perf_counter(), time.process_time()
        (evaluate if judge_only else check)(exercise_id, answer)
        return time.perf_counter() - wall, time.process_time() - cpu


#: Tables parsed in this interpreter, once _count_parses() has been called.
_parsed = [0]


def _count_parses() -> None:
    from vraem import tables

    real = tables._rows

    def counted(*args):
        _parsed[0] += 1
        return real(*args)

    tables._rows = counted


def _reads() -> tuple[int, int]:
    """Tables parsed and files read from disk so far in this interpreter."""
    from vraem import datacache

    return _parsed[0], sum(datacache.disk_reads.values())


def child(mode: str, answers_file: str, exercise_id: str) -> None:
    """One measurement, printed as a JSON line: ``first``, ``warm`` or ``reads``."""
    if mode == "answers":
        _write_answers(Path(answers_file))
        print("{}")
        return
    started = time.perf_counter()
    from vraem import check  # noqa: F401  (timed: what a lesson's setup cell pays anyway)

    imported = time.perf_counter() - started
    answers = pickle.loads(Path(answers_file).read_bytes())
    if mode == "first":
        wall, cpu = _timed_check(exercise_id, answers[exercise_id][0])
        print(json.dumps({"import": imported, "wall": wall, "cpu": cpu}))
    elif mode == "reads":
        _count_parses()
        counts = []
        for _ in range(2):
            before = _reads()
            for exercise_id, given in answers.items():
                _timed_check(exercise_id, given[0])
            counts.append([after - start for after, start in zip(_reads(), before, strict=True)])
        print(json.dumps({"checks": len(answers), "rounds": counts}))
    else:  # warm
        for exercise_id, given in answers.items():
            for answer in given:
                _timed_check(exercise_id, answer)
        times = {"right": [], "wrong": [], "judged": []}
        for exercise_id, given in answers.items():
            for number, answer in enumerate(given):
                wall, cpu = min(_timed_check(exercise_id, answer) for _ in range(3))
                times["wrong" if number else "right"].append((wall, cpu, exercise_id))
                wall, cpu = min(
                    _timed_check(exercise_id, answer, judge_only=True) for _ in range(3)
                )
                times["judged"].append((wall, cpu, exercise_id))
        print(json.dumps(times))


def _milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def benchmark_checks() -> None:
    """Print the speed of check(): first and warm, and the reads behind them (parts 4-6)."""
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.pickle"
        _child("answers", answers)
        lesson_firsts = {}
        for exercise_id in pickle.loads(answers.read_bytes()):
            lesson_firsts.setdefault(exercise_id.split(".")[0], exercise_id)
        firsts = {
            exercise_id: _child("first", answers, exercise_id)
            for exercise_id in lesson_firsts.values()
        }
        warm = _child("warm", answers)
        reads = _child("reads", answers)
    print(
        f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())} "
        f"on {os.cpu_count()} cores (figures on a busy machine are not the idle machine's)"
    )
    imports = [result["import"] for result in firsts.values()]
    print(f"from vraem import check, fresh interpreter: median {statistics.median(imports):.2f} s")
    print(
        "first check() after the import (wall / CPU):",
        ", ".join(
            f"{exercise_id} {_milliseconds(result['wall'])} / {_milliseconds(result['cpu'])}"
            for exercise_id, result in firsts.items()
        ),
    )
    print(
        f"  median {_milliseconds(statistics.median(r['wall'] for r in firsts.values()))} wall / "
        f"{_milliseconds(statistics.median(r['cpu'] for r in firsts.values()))} CPU, "
        f"slowest {_milliseconds(max(r['wall'] for r in firsts.values()))} wall / "
        f"{_milliseconds(max(r['cpu'] for r in firsts.values()))} CPU"
    )
    for kind, label in (
        ("right", "the right answer"),
        ("wrong", "a catalogued misreading"),
        ("judged", "either, judgement alone (evaluate(): no printing, no progress record)"),
    ):
        rows = sorted(warm[kind], key=lambda row: row[0])
        slowest = ", ".join(f"{row[2]} {_milliseconds(row[0])}" for row in rows[-3:][::-1])
        print(
            f"warm check(), {label} ({len(rows)}): median "
            f"{_milliseconds(statistics.median(row[0] for row in rows))} wall / "
            f"{_milliseconds(statistics.median(row[1] for row in rows))} CPU; under 20 ms: "
            f"{sum(row[0] < 0.020 for row in rows)} wall, {sum(row[1] < 0.020 for row in rows)} CPU; "
            f"slowest (wall) {slowest}"
        )
    (first_parsed, first_files), (again_parsed, again_files) = reads["rounds"]
    print(
        f"reads for {reads['checks']} checks (one per exercise) in a fresh interpreter: "
        f"{first_parsed} tables parsed, {first_files} files read from disk; "
        f"the same checks again: {again_parsed} tables parsed, {again_files} files read"
    )


def main() -> None:
    """Time the notebooks against their floor, then check() (alone with ``--checks``), and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1, help="pytest-xdist workers (default 1)")
    parser.add_argument("--checks", action="store_true", help="time check() only (parts 4-6)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.checks:
        benchmark_checks()
        return
    parallel = ["-n", str(args.workers), "--dist", "loadfile"] if args.workers > 1 else []
    env = {key: value for key, value in os.environ.items() if key != CONTRACT.CHECK_MODE_VARIABLE}
    notebooks = sorted(ROOT.glob("solutions/*.ipynb")) + sorted(ROOT.glob("lessons/*.ipynb"))
    full = timed(
        [sys.executable, "-m", "pytest", *NBVAL, *parallel, "solutions", "lessons"], env=env
    )
    with tempfile.TemporaryDirectory() as folder:
        floors = floor_notebooks(Path(folder))
        floor = timed(
            [
                sys.executable,
                "-m",
                "pytest",
                *NBVAL,
                *parallel,
                "--rootdir",
                folder,
                *map(str, floors),
            ],
            env=env,
        )
    imports = timed([sys.executable, "-c", "import pandas, altair, vraem"])
    try:
        from importlib.metadata import version

        slow_extra = f"rfc3987-syntax {version('rfc3987-syntax')} installed"
    except Exception:
        slow_extra = "rfc3987-syntax not installed"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{slow_extra}; workers: {args.workers}"
    )
    print(f"full validation ({len(notebooks)} notebooks): {full:6.1f} s")
    print(f"floor (setup cells only, {len(floors)} notebooks): {floor:6.1f} s")
    print(f"ratio full / floor: {full / floor:.2f}")
    print(f"import pandas, altair, vraem: {imports:.2f} s")
    benchmark_checks()


if __name__ == "__main__":
    main()
