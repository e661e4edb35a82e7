"""Run one learner's notebook in a bubblewrap sandbox: ``Sandbox.prepare(...).run(cells, slot)``.

Each notebook gets its own sandbox (``bwrap``, the sandbox Flatpak uses):

- its own mount, PID, IPC, network and UTS namespaces: it sees no other
  process, has no network (only a loopback of its own) and cannot signal or
  reach anything outside;
- a file system made of the system's programs and libraries, the Python
  environment the gradebook runs on and the course data, all read-only, plus
  an empty home and /tmp of its own (bounded in-memory folders that vanish
  with it). Nothing else of the host is there: no other submission, no
  instructor's home, no /root, no output folder;
- a scrubbed environment (none of the instructor's variables);
- limits on memory, CPU time, file size and processes; when the gradebook
  runs as root, the learner's code runs as an unprivileged user of its own
  (one per notebook running at once), with no capabilities;
- the whole process tree killed when the notebook ends (PID namespace,
  ``--die-with-parent``, and a kill of every process left).

The learner's kernel is started on the very interpreter the gradebook runs on;
:meth:`Sandbox.prepare` checks first (the preflight) that inside the sandbox
it finds the same Python and the same packages, and stops with the fix if not.

What comes out of a sandbox is data only: one JSON line per cell, read with a
size bound and checked field by field (:func:`vraem.gradebook.results.parse_results`).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..contract import ANSWER_MIME, DATA_VARIABLE, GRADEBOOK_VARIABLE, PROGRESS_FILE_VARIABLE
from ..i18n import N_, _
from ..paths import data_dir
from .mounts import ETC, SYSTEM, extra_python_path, shown_paths
from .preflight import SandboxUnavailable, no_sandbox, preflight
from .results import Outcome, parse_results
from .said import NO_MESSAGE, Said

#: The runner script, started inside the sandbox (see runner.py).
RUNNER = Path(__file__).with_name("runner.py")
#: Where the learner's home and temporary folder are, inside the sandbox.
HOME, TMP = "/home/learner", "/tmp"
#: The unprivileged users learners' code runs as when the gradebook runs as root: one per notebook
#: running at once, so that one learner's processes never count against another's limit. No account
#: uses them (the preflight checks).
FIRST_UID = 2_000_000_000
#: The most notebook code handed into a sandbox.
MAX_INPUT = 5_000_000


@dataclass(frozen=True)
class Limits:
    """What one notebook may use: ``Limits(memory=2 * 1024**3)``; sizes in bytes, times in seconds."""

    # data (heap and private memory) per process: RLIMIT_DATA, since RLIMIT_AS would stop the chart
    # renderer, whose JavaScript engine reserves 64 GB of address space it never uses
    memory: int = 2 * 1024**3
    cpu: int = 600  # CPU seconds per process (RLIMIT_CPU)
    file_size: int = 64 * 1024**2  # the largest file written (RLIMIT_FSIZE)
    processes: int = 256  # processes and threads (RLIMIT_NPROC)
    folder_size: int = 256 * 1024**2  # home and /tmp, each (in-memory folders)

    def described(self) -> str:
        """The limits in words, for the report: ``"2 GiB of memory per process, 600 s of CPU time …"``."""
        return _(
            "{memory:g} GiB of memory per process, {cpu} s of CPU time per process, files up to "
            "{file_size} MiB, {processes} processes and threads, {folder_size} MiB in its home and "
            "in /tmp"
        ).format(
            memory=self.memory / 1024**3,
            cpu=self.cpu,
            file_size=self.file_size // 1024**2,
            processes=self.processes,
            folder_size=self.folder_size // 1024**2,
        )


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Sandbox:
    """How learners' notebooks are run: in bwrap (``trusted=False``) or, for a trusted class, without."""

    limits: Limits
    cell_limit: int
    notebook_limit: int
    trusted: bool = False
    bwrap: str | None = None
    shown: list[Path] = field(default_factory=list)
    workdir: Path | None = None
    python: dict = field(default_factory=dict)
    running: set = field(default_factory=set)  # the sandboxes running now, for stop_all()
    stopped: bool = False

    # -------------------------------------------------------------- setting up

    @classmethod
    def prepare(
        cls,
        workdir: Path,
        limits: Limits,
        cell_limit: int,
        notebook_limit: int,
        trusted: bool = False,
    ) -> Sandbox:
        """Find bwrap, decide what the sandbox shows, and run the preflight; raises with the fix."""
        sandbox = cls(limits, cell_limit, notebook_limit, trusted, workdir=workdir)
        if not trusted:
            sandbox.bwrap = shutil.which("bwrap")
            if not sys.platform.startswith("linux") or not sandbox.bwrap:
                raise no_sandbox(
                    N_("no sandbox: bubblewrap (bwrap) was not found. To grade, {how}.")
                )
            sandbox.shown = shown_paths()
            sandbox._write_accounts()
        sandbox.python = preflight(sandbox)
        return sandbox

    def _write_accounts(self) -> None:
        """A passwd and group file naming only the learner (what `whoami` and Python's pwd see)."""
        for slot in range(64):
            uid = self.uid(slot)
            if uid is not None:
                try:
                    pwd.getpwuid(uid)
                except KeyError:
                    continue
                taken = N_(
                    "no sandbox: the user id {uid}, kept for learners' code, belongs to an account "
                    "on this system"
                )
                raise SandboxUnavailable(Said(taken, uid=uid))
        accounts = self.workdir / "accounts"
        accounts.mkdir(exist_ok=True)
        uid = os.getuid() if not _is_root() else "UID"
        (accounts / "passwd").write_text(
            f"learner:x:{uid}:{uid}:learner:{HOME}:/bin/sh\n", encoding="utf-8"
        )
        (accounts / "group").write_text(f"learner:x:{uid}:\n", encoding="utf-8")
        accounts.chmod(0o755)

    def uid(self, slot: int) -> int | None:
        """The user learners' code runs as in this slot: its own when root, else the instructor's (None)."""
        return FIRST_UID + slot if _is_root() and not self.trusted else None

    def describe(self) -> str:
        """One sentence for the report: how the notebooks were run."""
        if self.trusted:
            return _(
                "WITHOUT A SANDBOX (--trusted-class): learners' code ran with your permissions, could "
                "read your files and reach the network; only time limits and {limits} applied."
            ).format(limits=self.limits.described())
        who = (
            _("as an unprivileged user of its own (the gradebook ran as root)")
            if _is_root()
            else _("as you, in a user namespace without privileges")
        )
        return _(
            "Each notebook ran in its own bubblewrap sandbox ({bwrap}): no network, no other process, "
            "only the system's programs, this Python ({python}) and the course data, read-only, with "
            "an empty home and /tmp; {who}; limits: {limits}; every process it left was killed when "
            "it ended."
        ).format(bwrap=self.bwrap, python=sys.executable, who=who, limits=self.limits.described())

    # -------------------------------------------------------------- the command

    def command(self, slot: int, settings: dict) -> list[str]:
        """The full command that runs the runner for one notebook in slot ``slot``."""
        runner = [sys.executable, "-P", str(RUNNER), json.dumps(settings)]
        if self.trusted:
            return runner
        args = [
            self.bwrap,
            "--die-with-parent",
            "--new-session",
            "--clearenv",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-net",
            "--unshare-uts",
            "--unshare-cgroup-try",
        ]
        if _is_root():
            # bwrap as root makes the mounts (it can read Python under /root); the runner then becomes the
            # slot's user, which needs these three capabilities once, and keeps none
            args += [
                "--cap-drop",
                "ALL",
                "--cap-add",
                "CAP_SETUID",
                "--cap-add",
                "CAP_SETGID",
                "--cap-add",
                "CAP_CHOWN",
            ]
        else:
            args += ["--unshare-user", "--disable-userns"]
        for folder in SYSTEM:
            path = Path(folder)
            if path.is_symlink():
                args += ["--symlink", os.readlink(path), folder]
            elif path.is_dir():
                args += ["--ro-bind", folder, folder]
        for item in ETC:
            args += ["--ro-bind-try", item, item]
        accounts = self.workdir / "accounts"
        uid = self.uid(slot)
        if uid is not None:
            for name in ("passwd", "group"):
                text = (accounts / name).read_text(encoding="utf-8").replace("UID", str(uid))
                (accounts / f"{name}-{slot}").write_text(text, encoding="utf-8")
                args += ["--ro-bind", str(accounts / f"{name}-{slot}"), f"/etc/{name}"]
        else:
            args += [
                "--ro-bind",
                str(accounts / "passwd"),
                "/etc/passwd",
                "--ro-bind",
                str(accounts / "group"),
                "/etc/group",
            ]
        # the private folders first: a Python environment under /tmp is then bound on top of them
        args += [
            "--size",
            str(self.limits.folder_size),
            "--perms",
            "1777",
            "--tmpfs",
            TMP,
            "--perms",
            "0755",
            "--dir",
            str(Path(HOME).parent),  # else it gets the 0700 below
            "--size",
            str(self.limits.folder_size),
            "--perms",
            "0700",
            "--tmpfs",
            HOME,
        ]
        made: set[Path] = {Path(TMP), Path(HOME).parent}
        for path in self.shown:
            for parent in reversed(
                path.parents
            ):  # bwrap would copy the host's modes (/root is 0700)
                if parent != Path("/") and parent not in made:
                    args += ["--perms", "0755", "--dir", str(parent)]
                    made.add(parent)
            args += ["--ro-bind", str(path), str(path)]
        args += ["--proc", "/proc", "--dev", "/dev", "--chdir", HOME]
        for key, value in self.environment().items():
            args += ["--setenv", key, value]
        return args + ["--", *runner]

    def home_and_tmp(self, slot: int = 0) -> tuple[str, str]:
        """The learner's home and temporary folder: ``home, tmp = sandbox.home_and_tmp(slot)``.

        In the sandbox they are private mounts at fixed paths. Without one (a trusted class) they are
        folders of the work folder, one pair per slot, so that notebooks running at once do not
        share, or delete, each other's.
        """
        if not self.trusted:
            return HOME, TMP
        slot_folder = self.workdir / f"slot-{slot}"
        return str(slot_folder / "home"), str(slot_folder / "tmp")

    def environment(self, slot: int = 0) -> dict[str, str]:
        """The learner's environment: nothing of the instructor's but what Python needs."""
        home, tmp = self.home_and_tmp(slot)
        env = {
            "HOME": home,
            "TMPDIR": tmp,
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "USER": "learner",
            "LOGNAME": "learner",
            GRADEBOOK_VARIABLE: "1",
            PROGRESS_FILE_VARIABLE: f"{home}/.vraem-course/progress.json",
            DATA_VARIABLE: str(data_dir()),  # the data the gradebook judges with, shown read-only
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "JUPYTER_PLATFORM_DIRS": "1",
            # one thread each for the numerical libraries: a kernel starts faster and fits the process limit
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        if extra_python_path():
            env["PYTHONPATH"] = os.pathsep.join(extra_python_path())
        return env

    def settings(self, slot: int) -> dict:
        """The runner's settings for one slot (its user, folders, time and resource limits), sent as JSON."""
        home, tmp = self.home_and_tmp(slot)
        limits = self.limits
        return {
            "uid": self.uid(slot),
            "writable": [home, tmp],
            "home": home,
            "tmp": tmp,
            "cell_limit": self.cell_limit,
            "startup_limit": 60,
            "max_input": MAX_INPUT,
            "mime": ANSWER_MIME,
            "sandboxed": not self.trusted,
            # without a sandbox the process limit would count all of the instructor's processes
            "limits": {
                "memory": limits.memory,
                "cpu": limits.cpu,
                "file_size": limits.file_size,
                "processes": None if self.trusted else limits.processes,
            },
        }

    # -------------------------------------------------------------- running one notebook

    def run(self, cells: list[tuple[int, str]], slot: int) -> Outcome:
        """Run the code cells ``[(cell number, source), …]`` of one notebook in a fresh sandbox."""
        started = time.perf_counter()
        outcome = Outcome()
        settings = self.settings(slot)
        with tempfile.TemporaryDirectory(prefix="run-", dir=self.workdir) as folder:
            folder = Path(folder)
            if (
                self.trusted
            ):  # a fresh home and tmp for this slot; other slots' notebooks keep theirs
                for name in self.home_and_tmp(slot):
                    shutil.rmtree(name, ignore_errors=True)
                    Path(name).mkdir(parents=True)
            (folder / "cells.json").write_text(json.dumps(cells), encoding="utf-8")
            with (
                open(folder / "cells.json", "rb") as stdin,
                open(folder / "out", "wb") as stdout,
                open(folder / "err", "wb") as stderr,
            ):
                try:
                    process = subprocess.Popen(
                        self.command(slot, settings),
                        stdin=stdin,
                        stdout=stdout,
                        stderr=stderr,
                        cwd=self.workdir if not self.trusted else settings["home"],
                        start_new_session=True,
                        env=self.environment(slot) if self.trusted else {},
                    )
                except OSError as error:
                    not_started = N_("the sandbox could not be started ({error})")
                    outcome.problems.append(Said(not_started, error=str(error)))
                    return outcome
                self.running.add(process)
                try:
                    if self.stopped:
                        raise KeyboardInterrupt
                    process.wait(timeout=self.notebook_limit)
                except subprocess.TimeoutExpired:
                    over = N_("stopped after the notebook time limit ({seconds} s)")
                    outcome.problems.append(Said(over, seconds=self.notebook_limit))
                finally:
                    _kill(process)
                    self.running.discard(process)
            parse_results(folder / "out", outcome)
            if not outcome.finished and not outcome.problems:
                unfinished = N_("the notebook could not be run to its end: {error}")
                outcome.problems.append(Said(unfinished, error=_tail(folder / "err")))
        outcome.seconds = time.perf_counter() - started
        return outcome

    def stop_all(self) -> None:
        """End every sandbox running now, and start no more (the instructor pressed Ctrl-C)."""
        self.stopped = True
        for process in list(self.running):
            _kill(process)


def _kill(process: subprocess.Popen) -> None:
    """End the sandbox: bwrap and, with it (--die-with-parent, PID namespace), all it holds."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, 9)
        except OSError:
            pass
        process.kill()
    process.wait()


def _tail(path: Path) -> str | Said:
    try:
        with open(path, "rb") as stream:
            stream.seek(max(0, stream.seek(0, 2) - 2000))
            lines = [
                line
                for line in stream.read().decode("utf-8", "replace").splitlines()
                if line.strip()
            ]
    except OSError:
        lines = []
    return " ".join(lines[-1].split())[:300] if lines else Said(NO_MESSAGE)
