"""The learner's private record of attempts: never lost, never destroying anything."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from vraem import progress
from vraem.checks import check
from vraem.contract import (
    CHECK_MODE_VARIABLE,
    DATA_VARIABLE,
    PROGRESS_FILE_VARIABLE,
    PROGRESS_OPEN,
    PROGRESS_WORDS,
    WRONG,
)
from vraem.exercises import all_exercises
from vraem.i18n import _
from vraem.progress import FILE_VARIABLE

from .conftest import REPO

progress_module = sys.modules["vraem.progress"]


@pytest.fixture
def record_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv(FILE_VARIABLE, str(path))
    monkeypatch.delenv(CHECK_MODE_VARIABLE, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))  # the last-but-one place
    monkeypatch.setattr(progress_module, "_told", set())
    monkeypatch.setattr(progress_module, "_memory", {})
    return path


def _status(exercise_id="0.1"):
    table = progress().set_index("exercise")
    return table.loc[exercise_id, "status"], table.loc[exercise_id, "attempts"]


def test_attempts_are_recorded_and_the_best_result_kept(record_file, capsys):
    """Does a right answer after a wrong one show as solved, with two attempts?"""
    check("0.1", ["000"])
    check("0.1", sorted(all_exercises()["0.1"].expected()))
    check("0.1", ["000"])
    table = progress().set_index("exercise")
    assert table.loc["0.1", "status"] == "solved"
    assert table.loc["0.1", "attempts"] == 3 and table.loc["0.1", "after_solving"] == 1
    assert (table.drop(index="0.1")["status"] == "open").all()


def test_unanswered_and_test_runs_leave_no_record(record_file, monkeypatch, capsys):
    """Do 'not answered yet' and the test suite's notebook runs write nothing?"""
    check("0.1", ...)
    monkeypatch.setenv(CHECK_MODE_VARIABLE, "solutions")
    check("0.1", ["001", "004"])
    assert not record_file.exists()


def test_a_record_with_a_byte_order_mark_is_read_and_kept(record_file, capsys):
    """Is a record saved with a UTF-8 BOM (as some editors do) read, and its attempts kept?"""
    record_file.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"1.1": {"best": "correct", "attempts": 4}}).encode()
    )
    check("0.1", ["000"])
    assert _status("1.1") == ("solved", 4) and _status("0.1") == ("tried", 1)
    assert "Note:" not in capsys.readouterr().out


def _make_states(tmp_path):
    """Each file state the course cannot use, by name: a function that makes it at a path."""

    def text(content):
        def make(path):
            path.write_bytes(content)

        return make

    def folder(path):
        path.mkdir()
        (path / "keep.txt").write_text("mine", encoding="utf-8")

    def link_to_nowhere(path):
        path.symlink_to(tmp_path / "no-such-file.json")

    def link_to_device(path):
        path.symlink_to("/dev/null")

    def fifo(path):
        os.mkfifo(path)

    return {
        "not JSON": text(b"{not json"),
        "JSON list": text(b"[1, 2, 3]"),
        "JSON of another shape": text(json.dumps({"0.1": "solved", "theme": "dark"}).encode()),
        "binary": text(bytes(range(256))),
        "a folder": folder,
        "a link to nowhere": link_to_nowhere,
        "a link to a device": link_to_device,
        "a named pipe": fifo,
    }


def _snapshot(path):
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return ("folder", sorted((p.name, p.read_bytes()) for p in path.iterdir()))
    if path.is_fifo():
        return ("fifo",)
    return ("file", path.read_bytes())


STATES = [
    "not JSON",
    "JSON list",
    "JSON of another shape",
    "binary",
    "a folder",
    "a link to nowhere",
    "a link to a device",
    "a named pipe",
]


@pytest.mark.parametrize("state", STATES)
def test_a_file_the_course_cannot_use_is_left_alone_and_progress_is_kept_elsewhere(
    state, record_file, capsys
):
    """Is an unusable progress.json left exactly as it was, the attempt kept elsewhere, and the learner told once?"""
    make = _make_states(record_file.parent)[state]
    make(record_file)
    before = _snapshot(record_file)
    check("0.1", ["000"])
    check("0.1", ["001", "004"])
    out = capsys.readouterr().out
    assert out.count("✗ Exercise 0.1") == 1 and out.count("✓ Exercise 0.1") == 1
    assert out.count("Note:") == 1 and str(record_file) in out and "progress-2.json" in out
    assert _snapshot(record_file) == before
    assert _status() == ("solved", 2)
    assert (
        json.loads((record_file.parent / "progress-2.json").read_text(encoding="utf-8"))["0.1"][
            "attempts"
        ]
        == 2
    )


def test_a_link_to_a_record_is_followed_and_stays_a_link(record_file, capsys):
    """Does a progress.json that links to a record elsewhere update that record, keeping the link?"""
    target = record_file.parent / "dotfiles" / "vraem.json"
    target.parent.mkdir()
    target.write_text(json.dumps({"1.1": {"best": "wrong", "attempts": 1}}), encoding="utf-8")
    record_file.symlink_to(target)
    check("0.1", ["001", "004"])
    assert record_file.is_symlink()
    assert set(json.loads(target.read_text(encoding="utf-8"))) == {"0.1", "1.1"}
    assert "Note:" not in capsys.readouterr().out


def test_no_home_folder_keeps_progress_in_the_temporary_folder(record_file, monkeypatch, capsys):
    """With HOME unset (and no home in the user database), is progress kept, and the learner told where?"""
    monkeypatch.delenv(FILE_VARIABLE)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(
        os.path, "expanduser", lambda path: path
    )  # what Python does with no home at all
    check("0.1", ["001", "004"])
    check("0.1", ["001", "004"])
    out = capsys.readouterr().out
    assert out.count("Note:") == 1 and "HOME is not set" in out
    kept = list((record_file.parent / "temporary").glob("vraem-course-*/progress-*.json"))
    assert len(kept) == 1 and str(kept[0]) in out
    assert _status() == ("solved", 2)


def test_a_record_that_cannot_be_written_anywhere_is_kept_in_memory(tmp_path, monkeypatch, capsys):
    """Does check() still answer, and progress() still count, when no place can be written?"""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(FILE_VARIABLE, str(blocker / "progress.json"))
    monkeypatch.setattr(tempfile, "tempdir", str(blocker))
    monkeypatch.delenv(CHECK_MODE_VARIABLE, raising=False)
    monkeypatch.setattr(progress_module, "_told", set())
    monkeypatch.setattr(progress_module, "_memory", {})
    check("0.1", ["001", "004"])
    out = capsys.readouterr().out
    assert "correct" in out and "memory only" in out
    assert _status() == ("solved", 1)
    assert blocker.read_text() == "x"


# ---------------------------------------------------------------- another user: unreadable files, read-only home

AS_LEARNER = textwrap.dedent("""
    import json, sys
    from vraem.checks import check
    from vraem.progress import progress
    check("0.1", ["000"])
    check("0.1", ["001", "004"])
    row = progress().set_index("exercise").loc["0.1"]
    print(json.dumps({"status": row["status"], "attempts": int(row["attempts"])}))
""")


@pytest.fixture
def shared_tmp():
    """A temporary folder another user can reach (pytest's own are private to this user)."""
    folder = Path(tempfile.mkdtemp(prefix="vraem-progress-test-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o777 if path.is_dir() else 0o666)
    shutil.rmtree(folder)


#: When another user cannot run this Python (a checkout in a private folder), the child denies
#: itself the same access: reading DENY_READ, creating folders under DENY_WRITE (a white-box stand-in).
SELF_DENIAL = textwrap.dedent("""
    import os, pathlib
    deny_read, deny_write = os.environ.get("DENY_READ"), os.environ.get("DENY_WRITE")
    read_bytes, mkdir = pathlib.Path.read_bytes, pathlib.Path.mkdir
    def guarded_read(self):
        if deny_read and str(self) == deny_read:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)
    def guarded_mkdir(self, *args, **kwargs):
        if deny_write and str(self).startswith(deny_write + os.sep) and not self.exists():
            raise PermissionError(13, "Permission denied", str(self))
        return mkdir(self, *args, **kwargs)
    pathlib.Path.read_bytes, pathlib.Path.mkdir = guarded_read, guarded_mkdir
""")


def _another_user_can_run_python(env) -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", "import vraem"],
        env=env,
        cwd="/",
        capture_output=True,
        user=65534,
        group=65534,
        timeout=300,
    )
    return probe.returncode == 0


def _as_a_learner(tmp_path, env, deny_read=None, deny_write=None):
    """Run AS_LEARNER as an ordinary user (nobody, when the tests run as root: root may write anything)."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    scratch.chmod(0o777)
    full_env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO / "src"),
        "TMPDIR": str(scratch),
        DATA_VARIABLE: str(REPO / "data"),
        **env,
    }
    code, run_as = AS_LEARNER, {}
    if os.geteuid() == 0:
        if _another_user_can_run_python(full_env):
            run_as = {"user": 65534, "group": 65534}
        else:
            code = SELF_DENIAL + AS_LEARNER
            full_env |= {"DENY_READ": str(deny_read or ""), "DENY_WRITE": str(deny_write or "")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=scratch,
        timeout=300,
        **run_as,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    *printed, last = result.stdout.strip().splitlines()
    return "\n".join(printed), json.loads(last), scratch


def test_a_read_only_home_keeps_progress_in_the_temporary_folder(shared_tmp):
    """With a home folder the learner cannot write, is the attempt kept (in TMPDIR) and the learner told once?"""
    home = shared_tmp / "home"
    home.mkdir()
    home.chmod(0o555)
    printed, row, scratch = _as_a_learner(shared_tmp, {"HOME": str(home)}, deny_write=home)
    assert row == {"status": "solved", "attempts": 2}
    assert printed.count("Note:") == 1 and str(scratch) in printed
    assert list(home.iterdir()) == []


def test_an_unreadable_record_is_left_alone(shared_tmp):
    """Is a record the learner may not read left as it is, the attempts kept beside it?"""
    folder = shared_tmp / "course"
    folder.mkdir()
    folder.chmod(0o777)
    record = folder / "progress.json"
    record.write_text(json.dumps({"1.1": {"best": "correct", "attempts": 1}}), encoding="utf-8")
    record.chmod(0o000)
    printed, row, _ = _as_a_learner(
        shared_tmp, {PROGRESS_FILE_VARIABLE: str(record), "HOME": str(shared_tmp)}, deny_read=record
    )
    assert row == {"status": "solved", "attempts": 2}
    assert printed.count("Note:") == 1 and "cannot be read" in printed
    record.chmod(0o600)
    assert json.loads(record.read_text(encoding="utf-8")) == {
        "1.1": {"best": "correct", "attempts": 1}
    }
    assert (folder / "progress-2.json").exists()


# ---------------------------------------------------------------- two kernels at once

WRITER = textwrap.dedent("""
    import sys
    from vraem.exercises import all_exercises
    from vraem.progress import record
    ids = sorted(all_exercises())
    count, offset = int(sys.argv[1]), int(sys.argv[2])
    for number in range(count):
        record(ids[(number + offset) % len(ids)], "wrong" if number % 3 else "correct")
""")


def test_several_kernels_writing_at_once_lose_nothing(record_file):
    """Do four processes writing 3,000 attempts between them leave all 3,000 in one valid record?"""
    writers, each = 4, 750
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), FILE_VARIABLE: str(record_file)}
    env.pop(CHECK_MODE_VARIABLE, None)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(each), str(offset)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for offset in range(writers)
    ]
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-2000:]
        assert "Note:" not in out  # nobody had to go elsewhere
    attempts = json.loads(record_file.read_text(encoding="utf-8"))
    assert sum(entry["attempts"] for entry in attempts.values()) == writers * each
    assert progress()["attempts"].sum() == writers * each
    leftovers = [
        p.name
        for p in record_file.parent.iterdir()
        if p.name not in ("progress.json", "progress.json.lock")
    ]
    assert leftovers == [], leftovers


def test_progress_says_in_words_which_misreadings_a_learner_made_most(record_file, capsys):
    """Does a wrong answer that matches a catalogued misreading show in progress() as what it was,
    in words (not "0.1#2"), counted, and a wrong option as the option chosen?"""
    from vraem.exercises import all_exercises

    exercise = all_exercises()["0.1"]
    wrong = exercise.misreadings[1].example(exercise.expected())
    for _time in range(2):
        check("0.1", wrong)
    choice = all_exercises()["4.5"]
    wrong_letter = next(letter for letter in choice.answer.options if letter != choice.expected())
    check("4.5", wrong_letter)
    table = progress().set_index("exercise")
    shown = table.loc["0.1", "misreadings"]
    assert shown == f"{exercise.misreadings[1].in_words()} ×2" and "#" not in shown
    assert exercise.misreadings[1].feedback.startswith(
        exercise.misreadings[1].in_words().rstrip("…")
    )
    assert table.loc["0.1", "status"] == "tried"
    assert table.loc["4.5", "misreadings"] == f"chose ({wrong_letter})"


@pytest.mark.parametrize("exercise", list(all_exercises().values()), ids=lambda e: e.id)
def test_each_misreading_reads_in_words_as_what_it_was(exercise, language):
    """Does each misreading of an exercise show in progress() as words of its own that say what it
    was, not a bare pointer such as "Look again at C034." (two of 3.5's read the same)?"""
    words = [misreading.in_words() for misreading in exercise.misreadings]
    pointers = [said for said in words if re.fullmatch(r"Look again at [^.]*\.", said)]
    assert not pointers, f"{exercise.id}: misreadings that only point somewhere: {pointers}"
    assert len(set(words)) == len(words), f"{exercise.id}: misreadings that read alike: {words}"
    assert all(said and "#" not in said for said in words), words


def test_only_checked_answers_count_as_attempts_and_those_after_solving_are_told(
    record_file, capsys
):
    """Is a format slip no attempt, and are the answers checked after solving counted apart?"""
    key = sorted(all_exercises()["0.1"].expected())
    check("0.1", 1.5)  # cannot be read: no attempt
    assert _status() == ("not checked yet", 0)
    check("0.1", ["000"])  # wrong
    check("0.1", key)  # solved
    check("0.1", key)  # again, after solving
    check("0.1", 2.5)  # a slip after solving: still no attempt
    table = progress().set_index("exercise")
    assert table.loc["0.1", "status"] == "solved"
    assert table.loc["0.1", "attempts"] == 3 and table.loc["0.1", "after_solving"] == 1


def test_progress_lines_up_its_text_on_the_left():
    """Are the titles and words of progress() aligned left, in the text and the HTML display, and
    does a filtered table keep that?"""
    table = progress()
    assert type(table.head(3)) is type(table) and type(table.query("status != 'solved'")) is type(
        table
    )
    lines = repr(table.head(3)).splitlines()
    start = lines[0].index("title")
    titles = table.head(3)["title"].tolist()
    assert [
        line[start : start + len(title)] for line, title in zip(lines[1:], titles, strict=True)
    ] == titles
    html = table.head(3)._repr_html_()
    assert "text-align: left" in html and 'class="dataframe vraem-progress"' in html


def test_every_status_word_is_marked_for_translation():
    """Does the catalogue get every word progress() shows as a status (the contract's words)?"""
    assert set(progress_module.MARKED_WORDS) == {*PROGRESS_WORDS.values(), PROGRESS_OPEN}


def test_progress_speaks_the_learners_language_and_the_record_stays_english(
    record_file, capsys, language
):
    """Does progress() show titles, statuses and misreadings in the language chosen, while the
    record keeps the contract's English words (a Spanish and an English notebook share it)?"""
    exercise = all_exercises()["0.1"]
    check("0.1", exercise.misreadings[0].example(exercise.expected()))
    table = progress().set_index("exercise")
    assert table.loc["0.1", "status"] == _(PROGRESS_WORDS[WRONG])
    assert table.loc["0.1", "title"] == _(exercise.title)
    assert table.loc["0.1", "misreadings"] == exercise.misreadings[0].in_words()
    spanish = language == "es"
    assert (table.loc["0.1", "status"] != PROGRESS_WORDS[WRONG]) is spanish
    assert (table.loc["0.1", "title"] != exercise.title) is spanish
    assert json.loads(record_file.read_text(encoding="utf-8"))["0.1"]["best"] == WRONG
