"""Check a sandbox before the first notebook: ``sandbox.python = preflight(sandbox)``.

Inside the sandbox the learner's kernel must start on the very interpreter the gradebook runs
on, with the same packages (:data:`COMPARED`); the preflight runs a probe there and compares,
and raises :class:`SandboxUnavailable` or :class:`PreflightFailed` with the fix if not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ..i18n import N_
from .said import NO_MESSAGE, Listed, Said

#: Modules whose files must be the same inside and outside (the preflight compares them).
COMPARED = ("vraem", "pandas", "numpy", "altair", "ipykernel", "jupyter_client", "nbclient", "zmq")

HOW_TO_GET_ONE = N_(
    "install bubblewrap (Debian or Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf "
    "install bubblewrap`) on Linux, in a container that allows namespaces (Docker: "
    "`--security-opt seccomp=unconfined --security-opt apparmor=unconfined`), or pass "
    "--trusted-class to run the notebooks without a sandbox, with your own permissions"
)


class SandboxUnavailable(RuntimeError):
    """No sandbox can be made here; the message (a :class:`.said.Said`) says why and how to get one."""


class PreflightFailed(RuntimeError):
    """Inside the sandbox the Python or its packages differ; the message names them and the fix."""


def no_sandbox(message: str, **values) -> SandboxUnavailable:
    """``raise no_sandbox(N_("no sandbox: … To grade, {how}."))``: why, and how to get a sandbox."""
    return SandboxUnavailable(Said(message, how=Said(HOW_TO_GET_ONE), **values))


def _probe_command(sandbox, program: list[str] | None = None) -> list[str]:
    probe = (
        "import json, sys, importlib.util as u\n"
        f"names = {list(COMPARED)!r}\n"
        "found = {n: (u.find_spec(n).origin if u.find_spec(n) else None) for n in names}\n"
        "print(json.dumps({'version': sys.version, 'executable': sys.executable, 'modules': found}))"
    )
    program = program or [sys.executable, "-c", probe]
    command = sandbox.command(0, sandbox.settings(0))
    return command[: command.index("--") + 1] + program if not sandbox.trusted else program


def preflight(sandbox) -> dict:
    """Check, before the first notebook, that the sandbox sees this very Python and these packages.

    ``sandbox.python = preflight(sandbox)``: the Python found, or an exception with the fix.
    """
    import importlib.util

    expected = {
        name: (importlib.util.find_spec(name).origin if importlib.util.find_spec(name) else None)
        for name in COMPARED
    }
    missing = [name for name, origin in expected.items() if origin is None]
    if missing:
        raise PreflightFailed(
            Said(
                N_(
                    "this Python ({python}) lacks {modules}, which the gradebook needs: install the "
                    "course into it (`pip install -e .` in the course folder, or `python3 course.py` "
                    "to make .venv) and run the gradebook with that Python."
                ),
                python=sys.executable,
                modules=", ".join(missing),
            )
        )
    if not sandbox.trusted:  # first the sandbox alone, with a program every system has
        empty = _run_probe(sandbox, _probe_command(sandbox, ["/bin/sh", "-c", "exit 0"]))
        if empty.returncode:
            why = N_("no sandbox: bwrap does not work here ({error}). To grade, {how}.")
            raise no_sandbox(why, error=_last_line(empty.stderr))
    done = _run_probe(
        sandbox,
        _probe_command(
            sandbox,
        ),
    )
    last = _last_line(done.stderr)
    if done.returncode:
        raise PreflightFailed(
            Said(
                N_(
                    "inside the sandbox, this Python ({python}) does not start ({error}). Make its "
                    "environment readable by everyone (chmod -R a+rX), or make it anew with "
                    "`python3 course.py`, and run the gradebook with that Python."
                ),
                python=sys.executable,
                error=last,
            )
        )
    try:
        seen = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        nothing = N_("inside the sandbox, Python answered nothing readable: {error}")
        raise PreflightFailed(Said(nothing, error=last)) from None
    differ = [
        name for name in COMPARED if not _same_file(seen["modules"].get(name), expected[name])
    ]
    if seen["version"] != sys.version or differ:
        what = (
            [
                Said(
                    N_("Python {seen} instead of {expected}"),
                    seen=seen["version"].split()[0],
                    expected=sys.version.split()[0],
                )
            ]
            if seen["version"] != sys.version
            else []
        )
        what += [
            Said(
                N_("{module} from {seen} instead of {expected}"),
                module=name,
                seen=seen["modules"].get(name) or Said(N_("nowhere")),
                expected=expected[name],
            )
            for name in differ
        ]
        raise PreflightFailed(
            Said(
                N_(
                    "inside the sandbox, learners' code would not run on this Python and its "
                    "packages: {differences}. Install the course into the environment you run the "
                    "gradebook with (`pip install -e .`, or `python3 course.py`), without "
                    "PYTHONPATH tricks, and run it again."
                ),
                differences=Listed(what),
            )
        )
    return {"version": sys.version.split()[0], "executable": sys.executable}


def _run_probe(sandbox, command: list[str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=120,
            cwd="/",
            env=sandbox.environment() if sandbox.trusted else {},
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        why = N_("no sandbox: bwrap could not be started ({error}). To grade, {how}.")
        raise no_sandbox(why, error=str(error)) from None


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return " ".join(lines[-1].split())[:300] if lines else Said(NO_MESSAGE)


def _same_file(one: str | None, other: str | None) -> bool:
    if one is None or other is None:
        return one == other
    return os.path.realpath(one) == os.path.realpath(other)
