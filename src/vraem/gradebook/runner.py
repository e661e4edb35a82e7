"""Run one notebook for the gradebook, inside its sandbox: ``python -P runner.py SETTINGS_JSON``.

Started by ``vraem.gradebook.sandbox`` as a script (so that it imports
jupyter_client and nbclient only, not the course package), as the first
process of the sandbox. It reads the notebook's code cells as JSON on its
standard input, then:

1. when started as root inside the sandbox, hands its home and /tmp to the
   unprivileged user it is given, and becomes that user;
2. sets the resource limits (memory, CPU time, file size, processes), which
   the kernel and everything it starts inherit, and makes itself undumpable
   so that learners' code cannot read or write its memory or its files;
3. starts a kernel on the very interpreter that runs this script (never a
   kernel spec found on disk, which may name another Python);
4. runs every code cell in order with a time limit per cell. A cell over the
   limit is interrupted; if the kernel does not answer within a few seconds
   it is restarted and the earlier cells that ran cleanly are run again
   quietly, so later cells and exercises are still run and judged;
5. writes one JSON line per cell to its standard output, as the cell ends:
   the answers ``check()`` handed over (``vraem.handover``), the
   error the cell raised, whether it timed out. Nothing of a cell's printed
   output is kept.

It writes no sentence: what it says of a cell (``"stopped": "timeout"``) or of the notebook
(``{"problem": "kernel_failed", "detail": …}``) is a code and named values, which the gradebook
words (:mod:`vraem.gradebook.results`) in the instructor's language; whatever a learner's code
puts in an error name or message is only ever a value. A cell over its time limit is told from a
learner's own ``CellTimeout`` by a token only this process knows.

At the end it kills every process left in the sandbox (a learner's daemon)
and exits at once, without waiting for anything.
"""

import asyncio
import json
import os
import resource
import secrets
import signal
import sys
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat.v4 import new_code_cell, new_notebook

# The display output type of a hand-over comes in the settings ("mime"): this script cannot import
# the course package, which owns it (vraem.contract.ANSWER_MIME).
#: Hand-overs kept per cell and per notebook; more are counted, not kept.
ANSWERS_PER_CELL, ANSWERS_PER_NOTEBOOK = 20, 400
#: The most JSON one hand-over may take (vraem.handover.MAX_BYTES).
MAX_ANSWER_BYTES = 1_000_000
#: Seconds an interrupted kernel has to answer before it is restarted.
GRACE = 5
#: Restarts per notebook before the rest of it is given up.
MAX_RESTARTS = 3
#: The name of the error a cell over its time limit gets.
TIMEOUT_NAME = "CellTimeout"
#: How a cell ended that the runner, not the learner's code, decided ("stopped" in its record).
TIMEOUT, DIED, GARBLED = "timeout", "died", "garbled"


def _emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def _short(text, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ becoming the learner


def become_learner(settings: dict) -> None:
    """Drop root (when given a user), set the limits, and make this process undumpable."""
    uid = settings.get("uid")
    if uid is not None and os.geteuid() == 0:
        for folder in settings["writable"]:
            os.chown(folder, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        if os.getuid() != uid or os.geteuid() != uid:
            _emit({"problem": "no_learner_user"})
            raise SystemExit(1)
    limits = settings["limits"]
    for name, value in (
        ("RLIMIT_DATA", limits.get("memory")),
        ("RLIMIT_CPU", limits.get("cpu")),
        ("RLIMIT_FSIZE", limits.get("file_size")),
        ("RLIMIT_NPROC", limits.get("processes")),
        ("RLIMIT_CORE", 0),
    ):
        if value is not None and hasattr(resource, name):
            resource.setrlimit(getattr(resource, name), (value, value))
    try:  # PR_SET_DUMPABLE = 4: the kernel, same user, may then not ptrace us or open /proc/<us>/fd
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass


# ------------------------------------------------------------------ the kernel


class ThisPython(KernelSpecManager):
    """The one kernel the gradebook uses: ipykernel on the interpreter running this script."""

    def get_kernel_spec(self, kernel_name):
        """The spec of ipykernel on this interpreter, whatever kernel name is asked for."""
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python (gradebook)",
            language="python",
            interrupt_mode="signal",
            env={},
            metadata={},
        )


class Runner(NotebookClient):
    """An nbclient that keeps only what the gradebook needs from each cell's output."""

    def __init__(self, *args, mime: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.mime = mime
        self.answers: dict[int, list] = {}
        self.dropped = 0

    def output(self, outs, msg, display_id, cell_index):
        """Keep hand-overs; drop every printed or displayed output (a 100 MB print costs nothing)."""
        content = msg.get("content") if isinstance(msg, dict) else None
        data = content.get("data") if isinstance(content, dict) else None
        if (
            msg.get("msg_type") in ("display_data", "execute_result")
            and isinstance(data, dict)
            and self.mime in data
        ):
            kept = self.answers.setdefault(cell_index, [])
            total = sum(len(answers) for answers in self.answers.values())
            try:
                size = len(json.dumps(data[self.mime]))
            except (ValueError, TypeError, RecursionError):
                size = MAX_ANSWER_BYTES + 1
            if len(kept) >= ANSWERS_PER_CELL or total >= ANSWERS_PER_NOTEBOOK:
                self.dropped += 1
            elif size > MAX_ANSWER_BYTES:
                kept.append({"too_large": size})
            else:
                kept.append(data[self.mime])
        return None

    def clear_output(self, outs, msg, cell_index):
        """A hand-over stays handed over, whatever the cell clears afterwards."""


async def _responds(client: Runner, seconds: float) -> bool:
    """Say whether the kernel answers a kernel_info request within ``seconds`` (is it idle again)."""
    try:
        msg_id = client.kc.kernel_info()
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            reply = await client.kc.shell_channel.get_msg(timeout=left)
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return True
    except Exception:  # Empty (no answer in time), or a channel that broke
        return False
    return False


async def _restart(client: Runner, cells: list, clean: list[int], cell_limit: int) -> bool:
    """Restart the kernel and quietly run again the cells that ran cleanly; False if that fails."""
    try:
        await client.km.restart_kernel(now=True)
        await client.kc.wait_for_ready(timeout=client.startup_timeout)
        for index in clean:
            reply = await client.kc.execute_interactive(
                cells[index].source,
                timeout=cell_limit,
                output_hook=lambda msg: None,
                store_history=False,
            )
            if reply.get("content", {}).get("status") != "ok":
                return True  # it ran, with an error; the later cells will say what is missing
    except Exception:
        return False
    return True


def _kernel_log_tail(path: Path) -> str:
    try:
        with open(path, "rb") as log:
            log.seek(max(0, log.seek(0, 2) - 4000))
            lines = [
                line for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()
            ]
    except OSError:
        return ""
    return _short(lines[-1] if lines else "", 300)


async def run(sources: list[tuple[int, str]], settings: dict) -> None:
    """Run the code cells ``[(cell number, source), …]`` and report each on standard output."""
    cell_limit, home = settings["cell_limit"], Path(settings["home"])
    cells = [new_code_cell(source) for _, source in sources]
    notebook = new_notebook(cells=cells)
    log = Path(settings["tmp"]) / "kernel.log"
    manager = AsyncKernelManager(
        kernel_spec_manager=ThisPython(),
        kernel_name="this-python",
        transport="ipc",
        ip=str(Path(settings["tmp"]) / "kernel"),
    )
    errors: dict[int, dict] = {}
    stopped: dict[int, str] = {}
    token = secrets.token_hex(16)  # the timeout's evalue: no kernel can read it, or raise it

    def on_error(cell, cell_index, execute_reply):
        content = execute_reply.get("content", {}) if isinstance(execute_reply, dict) else {}
        if content.get("ename") == TIMEOUT_NAME and content.get("evalue") == token:
            stopped[cell_index] = TIMEOUT
            return
        errors[cell_index] = {
            "name": _short(content.get("ename", "Error"), 80),
            "message": _short(content.get("evalue", ""), 300),
        }

    client = Runner(
        notebook,
        mime=settings["mime"],
        km=manager,
        timeout=cell_limit,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": TIMEOUT_NAME, "evalue": token},
        allow_errors=True,
        store_widget_state=False,
        record_timing=False,
        coalesce_streams=False,
        startup_timeout=settings["startup_limit"],
        iopub_timeout=2,
        shutdown_kernel="immediate",
        on_cell_error=on_error,
    )
    started = time.monotonic()
    with open(log, "wb") as kernel_output:
        try:
            await client.async_start_new_kernel(
                cwd=str(home), stdout=kernel_output, stderr=kernel_output, start_new_session=True
            )
            await client.async_start_new_kernel_client()
        except Exception as error:
            _emit(
                {
                    "problem": "kernel_failed",
                    "detail": _short(error, 120),
                    "cause": _kernel_log_tail(log),
                }
            )
            return
        _emit({"kernel": "ready", "seconds": round(time.monotonic() - started, 2)})
        clean, restarts = [], 0
        for index, (number, _) in enumerate(sources):
            record = {"cell": number}
            began = time.monotonic()
            try:
                await client.async_execute_cell(cells[index], index)
            except DeadKernelError:
                stopped[index] = DIED
            except Exception as error:  # a message nbclient could not make sense of: a forged one
                stopped[index] = GARBLED
                record["garbled"] = _short(f"{type(error).__name__}: {error}", 200)
            record["seconds"] = round(time.monotonic() - began, 2)
            record["answers"] = client.answers.pop(index, [])
            if index in stopped:
                record["stopped"] = stopped.pop(index)
                record["limit"] = cell_limit
            if index in errors:
                record["error"] = errors.pop(index)
            elif "stopped" not in record:
                clean.append(index)
            if "stopped" in record and not await _responds(client, GRACE):
                restarts += 1
                record["restarted"] = True
                if restarts > MAX_RESTARTS or not await _restart(client, cells, clean, cell_limit):
                    record["gave_up"] = True
                    _emit(record)
                    break
            _emit(record)
        if client.dropped:
            _emit({"problem": "answers_dropped", "count": client.dropped})
        if not settings.get(
            "sandboxed"
        ):  # no PID namespace to end it all: stop the kernel's process group
            try:
                await client.km.shutdown_kernel(now=True)
            except Exception:
                pass
    _emit({"done": True, "seconds": round(time.monotonic() - started, 2)})


def _end_everything(settings: dict) -> None:
    """Kill whatever the learner's code left running; only inside the sandbox (a PID namespace)."""
    if settings.get("sandboxed") and os.getpid() <= 3:
        try:
            os.kill(-1, signal.SIGKILL)  # every process of this PID namespace we may signal, not us
        except OSError:
            pass


def main() -> None:
    """Run the code cells read from standard input as the learner, with the settings in ``sys.argv[1]``."""
    settings = json.loads(sys.argv[1])
    become_learner(settings)
    cells = json.loads(sys.stdin.buffer.read(settings["max_input"] + 1))
    sources = [(int(number), str(source)) for number, source in cells]
    try:
        asyncio.run(run(sources, settings))
    finally:
        sys.stdout.flush()
        _end_everything(settings)
        os._exit(0)  # never wait for a kernel or a thread: nothing may hang at exit


if __name__ == "__main__":
    main()
