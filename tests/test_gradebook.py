"""The class gradebook on a hostile class the tests build: every learner graded honestly, nothing outside touched.

One class is graded once (a module fixture) as this process's user, with this
Python (the course's .venv under ``course.py test``); the tests then read its
grades, report and the state of the machine. Run as root, a smaller class is
graded again as a normal user with a symlinked ``python -m venv``, and once
with a symlinked venv of this very interpreter (a link into /root, which the
learners' user cannot enter).

Every resource is bounded: cell and notebook time limits, 1 GiB of memory and
128 processes per sandbox, and a network test that only listens on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import os
import pwd
import shutil
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import uuid
import warnings
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from vraem import i18n
from vraem.checks import evaluate
from vraem.contract import (
    ERROR,
    NOT_ANSWERED,
    NOT_HANDED_IN,
    SOLVED,
    TAG_CHECK,
    TAG_OPEN_EXERCISE,
    TAG_SETUP,
    TAG_SOLUTION,
)
from vraem.exercises import all_exercises, misreading_in_words
from vraem.gradebook import mounts as gradebook_mounts
from vraem.gradebook import preflight as gradebook_preflight
from vraem.gradebook import sandbox as gradebook_sandbox
from vraem.gradebook.answers import HandOverError, decode
from vraem.gradebook.course import open_exercises
from vraem.gradebook.grade import grade, main
from vraem.gradebook.ingest import collect, learner_name, lesson_of, open_answers, parse_notebook
from vraem.gradebook.preflight import PreflightFailed, SandboxUnavailable
from vraem.gradebook.report import safe_markdown
from vraem.gradebook.sandbox import Limits
from vraem.gradebook.tables import neutralised
from vraem.handover import encode
from vraem.i18n import set_language

from .conftest import REPO

LESSON = REPO / "lessons" / "00-start-here.ipynb"
SOLUTION = REPO / "solutions" / "00-start-here.ipynb"
LIMITS = Limits(memory=1024**3, cpu=600, processes=128, folder_size=128 * 1024**2)
XSS = "<img src=x onerror=alert(1)>"
IS_ROOT = os.geteuid() == 0
CI = bool(os.environ.get("CI"))


# ------------------------------------------------------------------ building notebooks


def _notebook(path=SOLUTION):
    return nbformat.read(path, as_version=4)


def _answers(notebook, *codes: str):
    """The notebook with its solution cells replaced by ``codes`` in order (one code: all of them)."""
    solutions = [cell for cell in notebook.cells if TAG_SOLUTION in cell.metadata.get("tags", [])]
    for number, cell in enumerate(solutions):
        cell.source = codes[min(number, len(codes) - 1)]
    return notebook


def _insert(notebook, code: str, where: int = 2):
    notebook.cells.insert(where, nbformat.v4.new_code_cell(code))
    return notebook


def _append(notebook, code: str):
    notebook.cells.append(nbformat.v4.new_code_cell(code))
    return notebook


def _write(path: Path, notebook) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def _quick(*cells: str, answers: tuple[str, str] | None = None):
    """A short lesson-00 notebook: the import, ``cells``, then both exercises (right unless ``answers``)."""
    answers = answers or (f"answer = {_right_01()!r}", f"answer = {_right_02()!r}")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("from vraem import check", metadata={"tags": [TAG_SETUP]}),
        *(nbformat.v4.new_code_cell(code) for code in cells),
    ]
    for exercise_id, code in zip(("0.1", "0.2"), answers, strict=True):
        notebook.cells += [
            nbformat.v4.new_code_cell(code, metadata={"tags": [TAG_SOLUTION]}),
            nbformat.v4.new_code_cell(
                f'check("{exercise_id}", answer)', metadata={"tags": [TAG_CHECK]}
            ),
        ]
    return notebook


def _right_02() -> list[str]:
    return sorted(all_exercises()["0.2"].expected())


def _wrong_01() -> list[str]:
    """A catalogued wrong answer to exercise 0.1 (its second misreading), derived from the data."""
    exercise = all_exercises()["0.1"]
    return sorted(exercise.misreadings[1].example(exercise.expected()))


def _right_01() -> list[str]:
    return sorted(all_exercises()["0.1"].expected())


@contextlib.contextmanager
def _listener():
    """A TCP server on 127.0.0.1 that counts the connections it gets (none may come from a sandbox)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.5)
    seen, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
                seen.append(1)
                connection.close()
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join(5)
        server.close()


def _snoop_code(context: dict) -> str:
    """A learner who looks for everything a sandbox must hide, and cheats with whatever it finds."""
    return f"""
import glob, os, socket
leaks = []
for path in {context["secret_paths"]!r} + ["/root/.ssh", "/etc/shadow", os.path.expanduser("~/.ssh")]:
    if os.path.exists(path):
        leaks.append(path)
if os.environ.get("VRAEM_TEST_SECRET"):
    leaks.append("the instructor's environment")
for pid in glob.glob("/proc/[0-9]*/cmdline"):
    try:
        if b"pytest" in open(pid, "rb").read() or b"vraem.gradebook" in open(pid, "rb").read():
            leaks.append("another process: " + pid)
    except OSError:
        pass
try:
    socket.create_connection(("127.0.0.1", {context["port"]}), timeout=2).close()
    leaks.append("the network")
except OSError:
    pass
for target in {context["markers"]!r}:  # the host's /tmp and the repository (the test looks for them)
    try:
        with open(target, "w") as stream:
            stream.write("written from a sandbox")
    except OSError:
        pass
try:
    os.makedirs(os.path.expanduser("~/.ssh"), exist_ok=True)
    with open(os.path.expanduser("~/.ssh/authorized_keys"), "a") as keys:
        keys.write("ssh-ed25519 AAAA learner")
except OSError:
    pass
try:
    from vraem.paths import data_dir
    (data_dir() / "claims.csv").write_text("gone")
    leaks.append("wrote the course data")
except OSError:
    pass
"""


def _spawner_code(marker: str) -> str:
    """A daemon that outlives its notebook, then a fork bomb."""
    return f"""
import os, subprocess, sys, time
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)  # {marker}"], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(600)  # {marker}"])
    os._exit(0)
children = 0
try:
    while children < 100000:
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        children += 1
except OSError as error:
    print("the fork bomb stopped after", children, "children:", error)
"""


HOG = """
hog = []
try:
    while True:
        hog.append(bytearray(64 * 1024 ** 2))
except MemoryError:
    hog = None
print("x" * 100_000_000)
with open("/tmp/big", "wb") as stream:
    stream.write(b"0" * 200_000_000)
"""

PATCH = """
import vraem, vraem.checks as checks, vraem.checks.checking as checking, vraem.checks.judging as judging
from vraem.checks import Feedback
# Every name check() might judge through, wherever the package keeps it.
checks.evaluate = checking.evaluate = judging.evaluate = (
    lambda *args, **kwargs: Feedback("0.1", "correct", "correct. Well done."))
import vraem.handover as handing, vraem.gradebook.answers as decoding
from IPython.display import display
def forged(exercise_id, answer, missing=False):
    display({handing.MIME: {"exercise": "0.1", "status": "correct", "answer": {"t": "object", "type": "Correct"}},
             "text/plain": "solved"}, raw=True)
handing.hand_over = forged
decoding.decode = lambda data: None
"""


def _forge_code(right: list[str]) -> str:
    """Forged runner lines, log lines and outputs, written everywhere a learner could reach."""
    line = json.dumps(
        {"cell": 31, "answers": [{"exercise": "0.1", "answer": {"t": "list", "v": right}}]}
    )
    return f"""
import json, os
line = {line!r} + "\\n"
print(line)
print(json.dumps({{"done": True}}))
os.write(1, line.encode())
for path in ["/proc/1/fd/1", "/proc/2/fd/1", "/proc/%d/fd/1" % os.getppid(), "/proc/self/fd/1",
             os.environ.get("VRAEM_ATTEMPT_LOG") or "/tmp/attempts.jsonl"]:
    try:
        with open(path, "a") as stream:
            stream.write(line)
            stream.write(json.dumps({{"exercise": "0.1", "status": "correct"}}) + "\\n")
    except OSError:
        pass
raise ValueError("<script>alert(5)</script>")
"""


def build_class(folder: Path, context: dict, hostile_only: bool = False) -> None:
    """Write the class into ``folder``: honest learners, odd files and hostile learners.

    Honest learners hand in the whole lesson 00; hostile ones a short notebook (``_quick``) with
    their tricks before the two exercises, which keeps the test's time down.
    """
    right, wrong = _right_01(), _wrong_01()
    _write(folder / "alice" / "00-start-here.ipynb", _notebook())
    _write(folder / "carol" / "00-start-here.ipynb", _answers(_notebook(), f"answer = {wrong!r}"))
    _write(
        folder / "snoop" / "00-start-here.ipynb",
        _quick(
            _snoop_code(context),
            answers=(f"answer = {right!r} if leaks else {wrong!r}", "answer = leaks"),
        ),
    )
    # its bomb takes its own process budget (its kernel can then not even start a thread): it comes last
    _write(
        folder / "spawner" / "00-start-here.ipynb",
        _append(_quick(), _spawner_code(context["marker"])),
    )
    _write(
        folder / "patcher" / "00-start-here.ipynb",
        _quick(PATCH, answers=(f"answer = {wrong!r}", f"answer = {wrong!r}")),
    )
    if hostile_only:
        return
    _write(folder / "bob" / "00-start-here.ipynb", _notebook(LESSON))
    explorer = _append(_append(_quick(), f'check("0.1", {wrong!r})'), 'check("0.9", 1)')
    _write(folder / "kim" / "00-start-here.ipynb", explorer)
    _write(folder / "erin" / "00-start-here.ipynb", _quick("while True:\n    pass"))
    stubborn = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
    _write(folder / "olga" / "00-start-here.ipynb", _quick(stubborn))
    _write(folder / "hog" / "00-start-here.ipynb", _quick("huge = bytearray(64 * 1024 ** 3)", HOG))
    xss = _quick(_forge_code(right), answers=('answer = "<script>alert(6)</script>"',) * 2)
    xss.cells.append(
        nbformat.v4.new_markdown_cell(
            "### Open exercise 0.z · A test", metadata={"tags": [TAG_OPEN_EXERCISE]}
        )
    )
    xss.cells.append(
        nbformat.v4.new_markdown_cell(
            "**bold** <script>alert(2)</script> [link](javascript:alert(3)) <img src=x onerror=alert(4)>"
        )
    )
    _write(folder / XSS / "00-start-here.ipynb", xss)
    # files that are not notebooks a kernel can run
    (folder / "dave").mkdir()
    (folder / "dave" / "00-start-here.ipynb").write_text("{ this is not json", encoding="utf-8")
    (folder / "=1+2").mkdir()
    (folder / "=1+2" / "00-start-here.ipynb").write_text("[]", encoding="utf-8")
    (folder / "deep").mkdir()
    (folder / "deep" / "00-start-here.ipynb").write_text(
        "[" * 100_000 + "]" * 100_000, encoding="utf-8"
    )
    odd = json.loads(nbformat.writes(nbformat.convert(_quick(), 3)))  # nbformat 3, with odd cells
    odd["worksheets"][0]["cells"][2:2] = [5, "x", None, {"cell_type": "code", "input": 5}, []]
    odd_folder = os.path.join(os.fsencode(folder), b"jos\xe9")
    os.mkdir(odd_folder)
    with open(os.path.join(odd_folder, b"00-start-here.ipynb"), "w", encoding="utf-8") as stream:
        json.dump(odd, stream)
    (folder / "linker").mkdir()
    (folder / "linker" / "00-start-here.ipynb").symlink_to(folder / "alice" / "00-start-here.ipynb")
    (folder / "linkdir").symlink_to(folder / "alice", target_is_directory=True)
    (folder / "piper").mkdir()
    os.mkfifo(folder / "piper" / "00-start-here.ipynb")
    _write_export(context["zip"], right, wrong)


def _write_export(path: Path, right, wrong) -> None:
    """A platform's zip: a good entry with an impossible date, duplicates, and every hostile kind of entry."""
    good = nbformat.writes(_quick())
    bad = nbformat.writes(_quick(answers=(f"answer = {wrong!r}",) * 2))
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        warnings.simplefilter("ignore")  # the duplicate entry name is the point
        bundle.writestr(
            zipfile.ZipInfo("jane_4711_00-start-here.ipynb", (1980, 0, 0, 0, 0, 0)), good
        )
        bundle.writestr(zipfile.ZipInfo("zed_6_00-start-here.ipynb", (2020, 1, 1, 0, 0, 0)), bad)
        bundle.writestr(zipfile.ZipInfo("zed_6_00-start-here.ipynb", (2021, 1, 1, 0, 0, 0)), good)
        # (alice's lesson 00 is in the class folder: a second copy here would come from another
        # source, which is graded from neither; test_a_zip_cannot_claim_another_learners_notebook)
        bundle.writestr(f"/{REPO.relative_to('/')}/lessons/abs_1_00-start-here.ipynb", good)
        bundle.writestr("../../dots_2_00-start-here.ipynb", good)
        link = zipfile.ZipInfo("linky_3_00-start-here.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, str(REPO / "lessons" / "00-start-here.ipynb"))
        bundle.writestr("bomb_4_00-start-here.ipynb", b" " * (30 * 1024**2))


def _hashes(*roots: Path, skip: Path | None = None) -> dict:
    found = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if skip and (path == skip or skip in path.parents) or "__pycache__" in path.parts:
                continue
            if path.is_symlink():
                found[path] = "link:" + os.readlink(path)
            elif path.is_file() and not stat.S_ISFIFO(path.stat().st_mode):
                found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _of_this_run(context: dict) -> list[str]:
    """The processes of this grading run still running: the run's folder in their environment or command.

    The gradebook passes the instructor's PYTHONPATH into each sandbox (bound read-only, and set in
    the sandbox's environment), so a run given ``PYTHONPATH=context["run"]``, an empty folder
    unique to it, marks bwrap's command line and the environment of everything in its sandboxes:
    the runner, the kernel, and whatever a learner forks or starts from it (the daemons also carry
    the marker in their command). Other sessions' gradebooks, kernels and sandbox users are not
    looked at. A process whose environment this user may not read (another user's, or the
    runner, which makes itself undumpable) counts only by its command.
    """
    found, needles = [], (context["run"].encode(), context["marker"].encode())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        try:
            environment = (entry / "environ").read_bytes()
        except OSError:
            environment = b""
        if any(needle in command or needle in environment for needle in needles):
            found.append(f"{entry.name}: {command[:120]!r}")
    return found


def _survivors(context: dict, grace: float = 10.0) -> list[str]:
    """This run's processes still running ``grace`` seconds after the grading returned.

    A sandbox's processes are killed when its PID namespace ends, and the kernel takes them down
    asynchronously: on a loaded machine a kernel can still be in /proc for a moment after the
    gradebook has returned. A learner's process that escaped the sandbox would still be there.
    """
    deadline = time.monotonic() + grace
    while (found := _of_this_run(context)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


@contextlib.contextmanager
def _watching(context: dict):
    """While the block runs, count the run's processes every second: ``with _watching(context) as seen:``.

    ``seen["most"]`` is the most seen at once: above zero, it shows the marking reached the sandboxes,
    so that an empty list of survivors afterwards means something.
    """
    seen, stop = {"most": 0}, threading.Event()

    def watch():
        while not stop.wait(1):
            seen["most"] = max(seen["most"], len(_of_this_run(context)))

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join(10)


def _context(root: Path, run_parent: Path | None = None) -> dict:
    """The class's secrets, markers and this run's folder (in ``run_parent``, else the system's temp).

    The run's folder is shown to the sandboxes (see :func:`_of_this_run`): its path must not hold
    a word the snoop looks for (pytest's temporary folders do), or the snoop would find it.
    """
    tag = uuid.uuid4().hex[:12]
    secret = root / "secret.txt"
    secret.write_text("a file no learner may read", encoding="utf-8")
    run = Path(tempfile.mkdtemp(prefix=f"vraem-run-{tag}-", dir=run_parent))
    run.chmod(0o755)
    return {
        "marker": f"vraem-daemon-{tag}",
        "run": str(run),
        "zip": root / "export.zip",
        "markers": [
            f"/tmp/vraem-gradebook-test-{tag}",
            str(REPO / "lessons" / f"vraem-test-{tag}"),
        ],
        "secret_paths": [
            str(secret),
            str(root / "class" / "alice" / "00-start-here.ipynb"),
            str(root / "out"),
            str(REPO / "solutions"),
            *_home_entries(),
        ],
    }


def _home_entries() -> list[str]:
    """A few things in the instructor's home, leaving out the folders a Python environment may live in."""
    shown = gradebook_mounts.shown_paths()
    entries = [
        p for p in sorted(Path.home().iterdir()) if not any(p == q or p in q.parents for q in shown)
    ]
    return [str(p) for p in entries[:5]]


def _read(out: Path) -> dict:
    return {
        "grades": pd.read_csv(out / "grades.csv", dtype=str, keep_default_na=False).set_index(
            "learner"
        ),
        "attempts": pd.read_csv(out / "attempts.csv", dtype=str, keep_default_na=False),
        "report": (out / "report.html").read_text(encoding="utf-8"),
        "csv": (out / "grades.csv").read_text(encoding="utf-8")
        + (out / "attempts.csv").read_text("utf-8"),
    }


@functools.cache
def cell_limit() -> int:
    """A cell time limit this machine can meet: a few times what importing the course takes here, now."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import vraem"], check=True, timeout=300)
    return int(min(90, max(15, 3 * (time.perf_counter() - started) + 10)))


def notebook_limit() -> int:
    return 6 * cell_limit()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Build the hostile class and grade it once, as this process's user; record the machine before and after."""
    root = tmp_path_factory.mktemp("class")
    context = _context(root)
    with _listener() as (port, connections), pytest.MonkeyPatch.context() as patch:
        context["port"] = port
        build_class(root / "class", context)
        patch.setenv("VRAEM_TEST_SECRET", "the instructor's secret")
        patch.setenv("PYTHONPATH", context["run"])  # marks this run's sandboxes (_of_this_run)
        watched = [REPO / name for name in ("data", "lessons", "solutions", "src")]
        ssh = Path.home() / ".ssh"
        before = _hashes(root, *watched, *([ssh] if ssh.is_dir() else []), skip=root / "out")
        started = time.perf_counter()
        with _watching(context) as seen:
            summary = grade(
                [root / "class", context["zip"]],
                root / "out",
                pattern=r"^(?P<learner>[a-z]+)_\d+_",
                cell_limit=cell_limit(),
                notebook_limit=notebook_limit(),
                workers=2,
                limits=LIMITS,
            )
        seconds = time.perf_counter() - started
        after = _hashes(root, *watched, *([ssh] if ssh.is_dir() else []), skip=root / "out")
    survivors = _survivors(context)
    shutil.rmtree(context["run"], ignore_errors=True)
    return {
        "root": root,
        "summary": summary,
        "seconds": seconds,
        "before": before,
        "after": after,
        "connections": list(connections),
        "survivors": survivors,
        "seen_running": seen["most"],
        "markers": [m for m in context["markers"] if os.path.exists(m)],
        **_read(root / "out"),
    }


# ------------------------------------------------------------------ the class


def test_the_class_is_graded_and_every_honest_learner_gets_the_right_outcome(graded):
    """Right → solved, untouched → not answered, a catalogued wrong answer → its misreading id."""
    grades = graded["grades"]
    assert graded["summary"]["notebooks"] >= 14
    assert grades.loc["alice", "0.1"] == SOLVED and grades.loc["alice", "0.2"] == SOLVED
    assert grades.loc["bob", "0.1"] == NOT_ANSWERED and grades.loc["bob", "0.2"] == NOT_ANSWERED
    assert grades.loc["carol", "0.1"] == "0.1#2"
    assert grades.loc["jane", "0.1"] == SOLVED  # from the zip, despite its entry dated 1980-00-00
    assert grades.loc["zed", "0.1"] == SOLVED  # two zip entries of one name: the newer counts
    assert (
        grades.loc["jos\\xe9", "0.1"] == SOLVED
    )  # a folder name that is not UTF-8, an nbformat 3 notebook


@pytest.mark.parametrize(
    "learner, expected",
    [
        (
            "patcher",
            "not solved",
        ),  # monkeypatched vraem and a forged hand-over: its own wrong answer counts
        (
            "snoop",
            "0.1#2",
        ),  # found nothing to cheat with: no file, process, variable or network of the host
        (XSS, "not solved"),  # forged runner and log lines, everywhere it could write
        (
            "spawner",
            SOLVED,
        ),  # right answers, then a daemon and a fork bomb: harmless to others, gone at the end
        ("hog", SOLVED),  # a memory hog, a 100 MB print, a 200 MB file, then right answers
    ],
)
def test_hostile_learners_get_honest_grades(graded, learner, expected):
    """Does each hostile learner get exactly what their own answers earn, no more?"""
    outcome = graded["grades"].loc[learner, "0.1"]
    assert outcome != SOLVED if expected == "not solved" else outcome == expected, (
        learner,
        outcome,
    )


def test_nothing_outside_the_output_folder_changed(graded):
    """Submissions, the course's data, lessons, solutions and code, ~/.ssh: byte for byte as before."""
    before, after = graded["before"], graded["after"]
    assert sorted(str(p) for p in set(before) | set(after) if before.get(p) != after.get(p)) == []
    assert not graded["markers"]  # files a learner tried to write into the repository and /tmp


def test_the_sandbox_hid_the_host(graded):
    """No connection reached 127.0.0.1, and no secret of the instructor reached the output."""
    assert graded["connections"] == []
    snoop = graded["attempts"].query("learner == 'snoop' and exercise == '0.2'").iloc[0]
    assert snoop["last_answer"] == "[]", snoop["last_answer"]  # what it found: nothing
    assert "instructor's secret" not in graded["csv"] + graded["report"]


def test_no_learner_process_outlives_the_grading(graded):
    """The daemons and the fork bomb's children are gone once grade() returns.

    Only this run's processes are looked at (``_of_this_run``), so other sessions grading at the
    same time do not count; that the marking reached the sandboxes was seen while they ran.
    """
    assert graded["seen_running"] > 0
    assert graded["survivors"] == []


@pytest.mark.parametrize(
    "learner, reason",
    [
        ("dave", "not JSON"),
        ("'=1+2", "its JSON is a list"),
        ("deep", "nested too deeply"),
        ("linker", "a link, not a file"),
        ("linkdir", "a link to a folder"),
        ("piper", "not an ordinary file"),
        ("abs", "absolute path"),
        ("dots", "'..'"),
        ("linky", "a link in the zip"),
        ("bomb", "zip bomb"),
        ("jos\\xe9", "cells that are not objects skipped"),
        ("kim", "unknown exercise ids 0.9"),
    ],
)
def test_every_bad_submission_has_its_own_row_and_reason(graded, learner, reason):
    """Does each malformed or hostile file get a row in grades.csv with the reason, and a line in the report?"""
    row = pd.read_csv(
        graded["root"] / "out" / "grades.csv", dtype=str, keep_default_na=False
    ).set_index("learner")
    assert reason in row.loc[learner, "problems"]
    assert reason.replace("'", "&#x27;") in graded["report"]


def test_an_older_submission_of_the_same_learner_is_listed_as_replaced(graded):
    """zed's first entry in the export is named as replaced; the newer one, in the same zip, counts."""
    report = graded["report"]
    assert "zed_6_00-start-here.ipynb (zed): an older submission, replaced by" in report


class _ActiveParts(HTMLParser):
    """Collects what in a page could run or fetch: script-like tags, event attributes, script or remote links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in (
            "script",
            "img",
            "iframe",
            "object",
            "embed",
            "link",
            "meta",
            "base",
            "form",
            "svg:script",
        ):
            if not (tag == "meta" and attrs == [("charset", "utf-8")]):
                self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (
                name in ("href", "src", "xlink:href", "action")
                and str(value).strip().lower().startswith(("javascript:", "data:"))
            ):
                self.found.append(f"{tag} {name}={value}")


def test_the_report_holds_no_learner_script(graded):
    """Names, answers, errors and open answers from learners are escaped or sanitised; the page runs nothing."""
    parser = _ActiveParts()
    parser.feed(graded["report"])
    assert parser.found == []
    assert (
        "&lt;img src=x onerror=alert(1)&gt;" in graded["report"]
    )  # the learner's name, shown as text
    assert "<strong>bold</strong>" in graded["report"]  # their markdown, rendered


def test_csv_cells_cannot_run_as_formulas(graded):
    """A learner named "=1+2" is written "'=1+2" in both CSV files."""
    assert "'=1+2" in graded["grades"].index
    for line in graded["csv"].splitlines():
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "@")), cell
    assert neutralised("-1") == "'-1" and neutralised("ok") == "ok" and neutralised(3) == 3


def test_a_cell_over_the_time_limit_is_stopped_and_later_exercises_are_judged(graded):
    """An endless loop is interrupted; one that ignores interrupts gets a restarted kernel; both go on."""
    grades, report = graded["grades"], graded["report"]
    assert grades.loc["erin", "0.1"] == SOLVED and grades.loc["erin", "0.2"] == SOLVED
    assert grades.loc["olga", "0.1"] == SOLVED and grades.loc["olga", "0.2"] == SOLVED
    assert "cell 2: stopped at the cell time limit" in report
    assert "no longer answered and was restarted" in report


def test_a_later_exploratory_check_does_not_undo_a_solved_exercise(graded):
    """kim solved 0.1, then checked a wrong answer: solved counts, the last check is shown beside it."""
    attempts = graded["attempts"]
    kim = attempts.query("learner == 'kim' and exercise == '0.1'").iloc[0]
    assert kim["outcome"] == SOLVED and kim["checks"] == "2"
    assert kim["last_outcome"] == "0.1#2" and kim["last_answer"] == repr(_wrong_01())
    assert "last check: 0.1#2" in graded["report"]


def test_code_errors_are_reported_with_their_cell_numbers(graded):
    """A learner's exception, the memory hog's MemoryError and the 200 MB file's error, each with its cell."""
    report = graded["report"]
    assert "ValueError: &lt;script&gt;alert(5)&lt;/script&gt;" in report
    assert "MemoryError" in report and "File too large" in report
    assert ERROR not in graded["grades"].loc["alice"].tolist()


def test_the_report_has_a_grid_and_charts_with_descriptions(graded):
    """A learner × exercise grid, and inline SVG charts whose text alternative is their description."""
    report = graded["report"]
    assert "<table class='grid'>" in report and "✓ solved" in report
    assert "<svg" in report and 'role="img" aria-label="Bar chart of lesson 00' in report
    assert "http://" not in report.split("<svg", 1)[0]
    assert "Misreadings, commonest first" in report
    # each misreading in words, not only its id: in the table and in the grid's key
    assert report.count(html.escape(misreading_in_words("0.1#2"), quote=True)) >= 2


# ------------------------------------------------------------------ as root, as a normal user, other Pythons


def _user_python(user: pwd.struct_passwd) -> str | None:
    """An interpreter of this Python's version that ``user`` may run (this one's base, or the system's)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (
        getattr(sys, "_base_executable", None),
        f"/usr/bin/python{version}",
        f"/usr/local/bin/python{version}",
    ):
        if candidate and Path(candidate).exists():
            try:
                found = subprocess.run(
                    [candidate, "-c", "import sys; print(sys.version_info[:2])"],
                    user=user.pw_uid,
                    group=user.pw_gid,
                    extra_groups=[],
                    capture_output=True,
                    text=True,
                    timeout=60,
                    cwd="/",
                )
            except OSError:  # a Python in a folder the user cannot enter
                continue
            if found.returncode == 0 and found.stdout.strip() == str(sys.version_info[:2]):
                return candidate
    return None


def _impossible(reason: str):
    """Fail under CI (a skipped test there is a failure), skip elsewhere."""
    if CI:
        pytest.fail(reason)
    pytest.skip(reason)


def _venv_with_course(python: str, folder: Path, user: pwd.struct_passwd | None = None) -> Path:
    """A symlinked ``python -m venv`` that sees this environment's packages through a .pth file."""
    kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}
    subprocess.run(
        [python, "-m", "venv", "--without-pip", str(folder / "venv")],
        check=True,
        timeout=120,
        cwd="/",
        **kwargs,
    )
    assert (folder / "venv" / "bin" / "python").is_symlink()
    places = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    site = next((folder / "venv" / "lib").glob("python*/site-packages"))
    (site / "course.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in places), encoding="utf-8"
    )
    return folder / "venv" / "bin" / "python"


@pytest.mark.skipif(
    not IS_ROOT,
    reason="grading as a normal user while root needs root; run as a normal user, "
    "the module's class is graded as one",
)
def test_as_a_normal_user_with_a_symlinked_venv(tmp_path):
    """Run as root, the tests drop to a normal user, who grades a hostile class with a symlinked venv."""
    user = pwd.getpwnam("nobody")
    python = _user_python(user)
    if python is None:
        _impossible(f"no Python {sys.version_info[:2]} that the user {user.pw_name} may run")
    base = Path(tempfile.mkdtemp(prefix="vraem-gradebook-user-", dir="/tmp"))
    try:
        os.chown(base, user.pw_uid, user.pw_gid)
        venv = _venv_with_course(python, base, user)
        reachable = subprocess.run(
            [str(venv), "-c", "import vraem, ipykernel, nbclient"],
            user=user.pw_uid,
            group=user.pw_gid,
            extra_groups=[],
            capture_output=True,
            text=True,
            cwd="/",
            timeout=120,
        )
        if reachable.returncode:
            _impossible(
                f"the user {user.pw_name} cannot read this checkout: {reachable.stderr[-300:]}"
            )
        context = _context(base, run_parent=base)
        with _listener() as (port, connections):
            context["port"] = port
            build_class(base / "class", context, hostile_only=True)
            for path in [base, *base.rglob("*")]:
                os.lchown(path, user.pw_uid, user.pw_gid)
            env = {
                "PATH": "/usr/bin:/bin",
                "HOME": str(base),
                "LANG": "C.UTF-8",
                "VRAEM_TEST_SECRET": "the instructor's secret",
                "PYTHONPATH": context["run"],  # marks this run's sandboxes (_of_this_run)
            }
            done = subprocess.run(
                [
                    str(venv),
                    "-m",
                    "vraem.gradebook",
                    str(base / "class"),
                    "--out",
                    str(base / "out"),
                    "--cell-timeout",
                    str(cell_limit()),
                    "--notebook-timeout",
                    str(notebook_limit()),
                    "--memory",
                    "1",
                ],
                user=user.pw_uid,
                group=user.pw_gid,
                extra_groups=[],
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
                cwd=str(base),
            )
        assert done.returncode == 0, done.stderr[-2000:]
        result = _read(base / "out")
        grades = result["grades"]
        assert grades.loc["alice", "0.1"] == SOLVED and grades.loc["carol", "0.1"] == "0.1#2"
        assert grades.loc["snoop", "0.1"] == "0.1#2" and grades.loc["patcher", "0.1"] != SOLVED
        assert grades.loc["spawner", "0.1"] == SOLVED
        assert connections == [] and "instructor's secret" not in result["csv"] + result["report"]
        assert "as you, in a user namespace" in result["report"]
        assert not [m for m in context["markers"] if os.path.exists(m)]
        assert not _survivors(context)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(not IS_ROOT, reason="the root path needs root")
def test_as_root_with_a_symlinked_venv_into_a_folder_learners_cannot_enter(tmp_path):
    """A ``python -m venv`` of this interpreter links into its base (under /root here): graded all the same."""
    python = _venv_with_course(getattr(sys, "_base_executable", sys.executable), tmp_path)
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    done = subprocess.run(
        [
            str(python),
            "-m",
            "vraem.gradebook",
            str(tmp_path / "class"),
            "--out",
            str(tmp_path / "out"),
            "--cell-timeout",
            str(cell_limit()),
            "--memory",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(tmp_path),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert _read(tmp_path / "out")["grades"].loc["alice", "0.1"] == SOLVED
    assert "an unprivileged user of its own" in _read(tmp_path / "out")["report"]


# ------------------------------------------------------------------ no sandbox, no kernel, another Python


def test_without_bubblewrap_it_refuses_in_one_line(tmp_path, monkeypatch, capsys):
    """No bwrap: nothing is run, and one line says how to get a sandbox (or the trusted-class flag)."""
    monkeypatch.setattr(gradebook_sandbox.shutil, "which", lambda name: None)
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    with pytest.raises(SandboxUnavailable, match="bubblewrap"):
        grade([tmp_path / "class"], tmp_path / "out")
    assert main([str(tmp_path / "class"), "--out", str(tmp_path / "out2")]) == 2
    message = capsys.readouterr().err.strip()
    assert len(message.splitlines()) == 1 and "apt-get install bubblewrap" in message
    assert "--trusted-class" in message and not (tmp_path / "out2" / "grades.csv").exists()


def test_a_trusted_class_runs_without_a_sandbox_and_the_report_says_so_in_red(
    tmp_path, monkeypatch
):
    """--trusted-class: graded without bwrap, and the report opens with a red warning."""
    monkeypatch.setattr(gradebook_sandbox.shutil, "which", lambda name: None)
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    grade(
        [tmp_path / "class"], tmp_path / "out", trusted=True, cell_limit=cell_limit(), limits=LIMITS
    )
    result = _read(tmp_path / "out")
    assert result["grades"].loc["alice", "0.1"] == SOLVED
    banner = result["report"].split("<h1>", 1)[0]
    assert (
        "class='untrusted'" in banner
        and "WITHOUT A SANDBOX" in banner
        and "background: #b00020" in result["report"]
    )


def test_a_trusted_class_graded_two_at_a_time_keeps_each_notebook_its_own_home(
    tmp_path, monkeypatch
):
    """--trusted-class with 2 workers: notebooks running at once do not delete each other's home."""
    monkeypatch.setattr(gradebook_sandbox.shutil, "which", lambda name: None)
    learners = ["ana", "ben", "cat", "dan"]
    for learner in learners:
        _write(tmp_path / "class" / learner / "00-start-here.ipynb", _quick())
    grade(
        [tmp_path / "class"],
        tmp_path / "out",
        trusted=True,
        workers=2,
        cell_limit=cell_limit(),
        limits=LIMITS,
    )
    result = _read(tmp_path / "out")
    assert [result["grades"].loc[learner, "0.1"] for learner in learners] == [SOLVED] * 4
    assert (
        "could not be started" not in result["report"] and "could not start" not in result["report"]
    )


def test_half_a_utf16_pair_from_a_learner_stops_nothing(tmp_path):
    """A lone surrogate in an error and in an answer (found by an outside attacker): the class is graded.

    The learner's kernel is made to send ``"\\ud800"`` escapes, which JSON allows and UTF-8 cannot hold;
    before, writing grades.csv raised and the whole class's results were lost.
    """
    sender = (
        "import json\n"
        "k = get_ipython().kernel\n"
        "k.session.pack = lambda o: json.dumps(o, default=str, ensure_ascii=True).encode()"
    )
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    _write(
        tmp_path / "class" / "sur" / "00-start-here.ipynb",
        _quick(
            sender,
            "raise Exception(chr(0xd800))",
            answers=("answer = [chr(0xd800)]", f"answer = {_right_02()!r}"),
        ),
    )
    grade([tmp_path / "class"], tmp_path / "out", cell_limit=cell_limit(), limits=LIMITS)
    result = _read(tmp_path / "out")
    assert (
        result["grades"].loc["alice", "0.1"] == SOLVED
        and result["grades"].loc["sur", "0.2"] == SOLVED
    )
    assert result["grades"].loc["sur", "0.1"] != SOLVED and "sur" in result["report"]


def test_a_zip_cannot_claim_another_learners_notebook(tmp_path):
    """mallory.zip holds alice/00-…, dated in the future: neither notebook is graded, and both say why."""
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    forged = nbformat.writes(
        _quick(answers=(f"answer = {_wrong_01()!r}", f"answer = {_right_02()!r}"))
    )
    with zipfile.ZipFile(tmp_path / "mallory.zip", "w") as bundle:
        bundle.writestr(zipfile.ZipInfo("alice/00-start-here.ipynb", (2099, 1, 1, 0, 0, 0)), forged)
    grade(
        [tmp_path / "class", tmp_path / "mallory.zip"],
        tmp_path / "out",
        cell_limit=cell_limit(),
        limits=LIMITS,
    )
    result = _read(tmp_path / "out")
    assert "more than one source" in result["report"] and "mallory.zip" in result["report"]
    alice = result["grades"].loc["alice"]
    assert "more than one source" in alice["problems"]
    # no grade at all for the lesson two sources claim: neither the forged misreading nor alice's own
    assert not any(
        str(value).startswith("0.1#") or value == SOLVED for value in alice.drop("problems")
    )


def _break_the_kernel(tmp_path: Path, monkeypatch) -> None:
    """Put a broken ipykernel_launcher first on PYTHONPATH: every kernel dies at start, saying why."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "ipykernel_launcher.py").write_text(
        'raise SystemExit("this kernel cannot start: a test")\n', encoding="utf-8"
    )
    monkeypatch.setenv("PYTHONPATH", str(broken))


def test_a_kernel_that_cannot_start_is_reported_in_seconds_with_its_cause(tmp_path, monkeypatch):
    """A kernel that dies at start (here: a broken ipykernel_launcher on PYTHONPATH): its reason, at once."""
    _break_the_kernel(tmp_path, monkeypatch)
    _write(tmp_path / "class" / "alice" / "00-start-here.ipynb", _quick())
    started = time.perf_counter()
    grade([tmp_path / "class"], tmp_path / "out", limits=LIMITS, notebook_limit=120)
    assert time.perf_counter() - started < 60
    problems = _read(tmp_path / "out")["grades"].loc["alice", "problems"]
    assert (
        "the kernel could not start" in problems and "this kernel cannot start: a test" in problems
    )
    assert _read(tmp_path / "out")["grades"].loc["alice", "0.1"] == ERROR


def test_the_preflight_stops_when_the_sandbox_would_see_other_packages(tmp_path, monkeypatch):
    """A module this process imports from a folder the sandbox does not show: stopped, with the fix."""
    (tmp_path / "only_here.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(
        gradebook_preflight, "COMPARED", (*gradebook_preflight.COMPARED, "only_here")
    )
    with pytest.raises(PreflightFailed, match="only_here from nowhere.*pip install -e"):
        gradebook_sandbox.Sandbox.prepare(tmp_path, LIMITS, 10, 60)


# ------------------------------------------------------------------ the pieces


def test_answers_survive_the_hand_over_and_get_the_same_feedback():
    """For each kind of answer the course takes, its key, its catalogued wrong answers and odd answers are
    judged the same after the trip from a kernel to the gradebook."""
    keys, kinds = {}, {}
    for exercise_id, exercise in all_exercises().items():  # the first exercise of each answer type
        kinds.setdefault(type(exercise.answer).__name__, (exercise_id, exercise))
    assert len(kinds) >= 8
    for exercise_id, exercise in kinds.values():
        expected = exercise.expected()
        answers = [
            expected,
            *(m.example(expected) for m in exercise.misreadings),
            ...,
            None,
            "12,5",
            3,
            3.0,
            float("nan"),
            [["a"]],
            range(3),
            pd.Series(["001", "004"]),
            pd.Timestamp("2011-09-15"),
            {"C001": "supported"},
            b"001",
            object(),
            np.array([1.5]),
            np.int64(2010),
        ]
        if isinstance(expected, pd.DataFrame):
            answers.append(expected.head(3))
        for answer in answers:
            before = evaluate(exercise_id, answer, keys=keys)
            handed = decode(json.loads(json.dumps(encode(answer))))
            after = evaluate(exercise_id, handed, keys=keys)
            assert (after.status, after.misreading) == (before.status, before.misreading), (
                exercise_id,
                answer,
            )
            if before.status != "unreadable":
                assert after.message == before.message, (exercise_id, answer)
    generated = decode(json.loads(json.dumps(encode(x for x in ["001", "004"]))))
    assert (
        evaluate("0.1", generated).message == evaluate("0.1", (x for x in ["001", "004"])).message
    )


def _nested(levels: int) -> dict:
    value = "deep"
    for _ in range(levels):
        value = {"t": "list", "v": [value]}
    return value


@pytest.mark.parametrize(
    "forged",
    [
        _nested(10),
        {"t": "list", "v": list(range(5000))},
        {"t": "nothing"},
        {"t": "dict", "v": [[1]]},
        {"t": "Series", "v": [1, 2], "index": [0]},
        "x" * 20_000,
        10**80,
        {"t": "ndarray", "shape": [-1], "v": [1]},
        {"t": "DataFrame", "columns": [1], "data": [], "index": []},
        [1, 2],
        {"t": "timestamp", "v": "not a time"},
        {"t": "float", "v": "1e999999"},
    ],
)
def test_a_forged_hand_over_is_refused_never_run(forged):
    """Anything that is not what encode() writes raises HandOverError, and only that."""
    with pytest.raises(HandOverError):
        decode(forged)


def test_open_answers_are_rendered_and_sanitised():
    """Markdown becomes HTML; scripts, event handlers, images and javascript: links do not survive."""
    html = safe_markdown(
        "**bold** <script>alert(1)</script> [x](javascript:alert(2)) ![i](http://x/i.png) "
        "<a href='http://x' onclick='y'>z</a> [ok](https://example.org)"
    )
    assert "<strong>bold</strong>" in html and 'href="https://example.org"' in html
    parser = _ActiveParts()
    parser.feed(html)
    assert parser.found == [] and "<a href='http://x' onclick" not in html


def test_learner_names_come_from_folders_files_or_a_pattern(tmp_path):
    """Is a learner named by folder, by file name, or by a platform's pattern?"""
    path = tmp_path / "maria" / "02-claims-and-sources.ipynb"
    assert learner_name(path, tmp_path, "folder", None) == "maria"
    assert learner_name(tmp_path / "pedro_02-claims.ipynb", tmp_path, "file", None) == "pedro"
    assert (
        learner_name(tmp_path / "x9_123_a.ipynb", tmp_path, "file", r"^(?P<learner>\w+?)_\d+_")
        == "x9"
    )


def test_a_notebook_names_its_lesson_by_the_exercises_it_checks():
    """Is the lesson read from the check() calls, so a renamed file still counts?"""
    cells, _ = parse_notebook(LESSON.read_bytes())
    assert lesson_of(cells) == 0
    assert lesson_of([]) is None


def test_unreadable_sources_are_listed_and_nothing_is_unpacked(tmp_path):
    """A broken zip and a stray file are notes, not failures; a zip's entries never reach the disk."""
    (tmp_path / "bad.zip").write_text("no zip", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "class.zip", "w") as bundle:
        bundle.writestr("../../escaped.ipynb", "{}")
        bundle.writestr("maria/00-start-here.ipynb", LESSON.read_bytes())
    before = sorted(tmp_path.rglob("*"))
    submissions, notes = collect(
        [tmp_path / "bad.zip", tmp_path / "notes.txt", tmp_path / "class.zip"]
    )
    assert len(notes) == 2 and sorted(tmp_path.rglob("*")) == before
    assert [(s.learner, s.problem) for s in submissions] == [
        ("escaped", "a path with '..' in the zip: refused"),
        ("maria", None),
    ]
    assert not (tmp_path.parent / "escaped.ipynb").exists()


def test_the_grid_marks_what_was_not_handed_in(graded):
    """A learner without a lesson's notebook reads "not handed in"; the problems column says why."""
    assert graded["grades"].loc["dave", "0.1"] == NOT_HANDED_IN


# ------------------------------------------------------------------ a class that handed in the Spanish lessons


def _open_cells(path: Path) -> list:
    """The first open exercise's heading cell and answer cell of a lesson, ids and tags as handed out."""
    cells = nbformat.read(path, as_version=4).cells
    index = next(i for i, c in enumerate(cells) if TAG_OPEN_EXERCISE in c.metadata.get("tags", []))
    return cells[index : index + 2]


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (REPO / "lessons" / "es").glob("0*.ipynb")), ids=str
)
def test_open_exercises_are_found_in_a_spanish_lesson_as_in_the_english_one(name):
    """Same cell ids and tags, other words: every open exercise of a Spanish lesson is found, and
    one whose heading a learner rewrote entirely is still found by its cell id."""
    english, spanish = (
        parse_notebook((REPO / "lessons" / folder / name).read_bytes())[0] for folder in (".", "es")
    )
    found = open_answers(spanish)
    assert found.keys() == open_answers(english).keys()
    for cell in spanish:
        if TAG_OPEN_EXERCISE in cell.tags:
            cell.source = "### Mi respuesta"  # no id, no word of the course's heading left
    assert open_answers(spanish).keys() == found.keys()


def test_a_class_that_handed_in_the_spanish_lessons_is_graded_alike_and_reported_in_spanish(
    tmp_path, spanish
):
    """Spanish lesson 00 (same ids, tags and code as the English one) is judged exactly as the English;
    --lang es writes the report in Spanish: its sentences, the open exercise's Spanish rubric, each
    misreading in words, the page's lang attribute; grades.csv keeps the English words and ids."""
    heading, answer_cell = _open_cells(REPO / "lessons" / "es" / "01-the-corpus.ipynb")
    lucia = nbformat.read(REPO / "solutions" / "es" / "00-start-here.ipynb", as_version=4)
    lucia.cells += [heading.copy(), answer_cell.copy()]
    lucia.cells[-1].source = "El análisis cita a **fuentes** sin nombre."
    mateo = _answers(
        nbformat.read(REPO / "lessons" / "es" / "00-start-here.ipynb", as_version=4),
        f"answer = {_wrong_01()!r}",
    )
    mateo.cells += [heading.copy(), answer_cell.copy()]  # the placeholder left as handed out
    _write(tmp_path / "class" / "lucia" / "00-start-here.ipynb", lucia)
    _write(tmp_path / "class" / "mateo" / "00-start-here.ipynb", mateo)
    set_language("en")  # grade() itself chooses the report's language, and leaves ours as it was
    grade(
        [tmp_path / "class"],
        tmp_path / "out",
        cell_limit=cell_limit(),
        notebook_limit=notebook_limit(),
        limits=LIMITS,
        language="es",
    )
    result = _read(tmp_path / "out")
    grades, report = result["grades"], result["report"]
    assert grades.loc["lucia", "0.1"] == SOLVED and grades.loc["lucia", "0.2"] == SOLVED
    assert grades.loc["mateo", "0.1"] == "0.1#2"  # the stored id, as for an English notebook
    assert "<html lang='es'>" in report
    set_language("es")
    for english in ("Class report", "Open exercises to mark by hand", "(no answer)"):
        assert i18n._(english) != english, f"{english!r} has no Spanish translation"
        assert html.escape(i18n._(english), quote=True) in report
    assert html.escape(misreading_in_words("0.1#2"), quote=True) in report
    rubric = open_exercises("es")["1.a"].rubric
    assert rubric.split()[:4] != open_exercises("en")["1.a"].rubric.split()[:4]
    assert html.escape(rubric.splitlines()[0].split("**")[0].strip(), quote=False) in report
    assert "El análisis cita a <strong>fuentes</strong> sin nombre." in report
