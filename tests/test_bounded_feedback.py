"""No call of check(), hint() or solution() hangs, raises or takes more than a second, whatever it is given.

The calls run in a child process, one at a time, each watched by the parent:
an endless input that a check tried to read to the end would hang the child,
and the parent names the call instead of waiting for ever.

The child runs once in each language the helpers speak, over every exercise (measured:
the Spanish run over one exercise of each answer type took 77 s against 92 s for the English
run over all 46, the warm-up and the nasty inputs being most of it, so the whole list it is).
"""

import json
import os
import queue
import subprocess
import sys
import textwrap
import threading

import pytest

from vraem.contract import CHECK_MODE_VARIABLE, PROGRESS_FILE_VARIABLE
from vraem.i18n import LANGUAGES

from .conftest import REPO

#: CPU seconds one call may take (the issue's bound); measured in the child, after a warm-up.
CPU_BOUND = 1.0
#: Wall seconds after which a call counts as hung (the machine may be busy: generous).
HANG_AFTER = 30

CHILD = textwrap.dedent(r'''
    import contextlib, io, itertools, json, sys, time, traceback
    from collections.abc import Mapping

    import numpy as np
    import pandas as pd

    from vraem.checks import check, evaluate, hint, solution
    from vraem.exercises import all_exercises
    from vraem.i18n import set_language

    set_language(sys.argv[1])

    def report(**fields):
        print(json.dumps(fields), flush=True)

    class Raises:
        """An object whose every special method fails."""
        def _fail(self, *args, **kwargs):
            raise RuntimeError("this object refuses")
        __str__ = __repr__ = __len__ = __iter__ = __eq__ = __hash__ = __bool__ = _fail
        __float__ = __int__ = __index__ = __lt__ = __gt__ = __getitem__ = __format__ = _fail

    class StrRaises(str):
        def __str__(self):
            raise RuntimeError("no str")
        def strip(self, *args):
            raise RuntimeError("no strip")

    class EndlessMapping(Mapping):
        def __getitem__(self, key):
            return "supported"
        def __iter__(self):
            return (f"C{n:03d}" for n in itertools.count())
        def __len__(self):
            return 10**18

    class ListWhoseIterRaises(list):
        def __iter__(self):
            raise RuntimeError("no iteration")

    def endless():
        while True:
            yield "000"

    def nested(depth):
        value = ["000"]
        for _ in range(depth):
            value = [value]
        return value

    looped = []
    looped.append(looped)
    rows = 1_000_000
    NASTY = {
        "itertools.repeat": lambda: itertools.repeat("000"),
        "itertools.count": lambda: itertools.count(),
        "endless generator": endless,
        "range(10**18)": lambda: range(10**18),
        "10 MB string": lambda: "1" * 10_000_000,
        "10 MB bytes": lambda: b"1" * 10_000_000,
        "huge int": lambda: 10**100_000,
        "object whose methods raise": Raises,
        "str whose str() raises": lambda: StrRaises("1.2"),
        "list of such objects": lambda: [Raises(), Raises()],
        "endless mapping": EndlessMapping,
        "list whose iter raises": lambda: ListWhoseIterRaises(["000"]),
        "deeply nested list": lambda: nested(5000),
        "list that holds itself": lambda: looped,
        "dict of a million": lambda: {f"C{n}": "supported" for n in range(rows)},
        "set of a million": lambda: set(range(rows)),
        "numpy array of ten million": lambda: np.zeros(10_000_000),
        "numpy 2-D array": lambda: np.zeros((3000, 3000)),
        "numpy strings": lambda: np.array(["000"] * rows),
        "Series of a million ids": lambda: pd.Series(["000"] * rows),
        "DataFrame of a million rows": lambda: pd.DataFrame(
            {"article_id": ["000"] * rows, "claim_id": ["C001"] * rows, "verdict": ["supported"] * rows}),
        "Index of a million": lambda: pd.RangeIndex(rows),
        "nan": lambda: float("nan"),
        "complex": lambda: 1j,
    }

    exercises = sorted(all_exercises())
    for exercise_id in exercises:  # warm-up: data read once, modules imported
        with contextlib.redirect_stdout(io.StringIO()):
            evaluate(exercise_id, "warm-up")
            solution(exercise_id)

    def timed(label, call):
        report(event="start", label=label)
        cpu, wall = time.process_time(), time.perf_counter()
        error = None
        try:
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                call()
        except BaseException:
            error = traceback.format_exc(limit=3)
        report(event="done", label=label, cpu=time.process_time() - cpu,
               wall=time.perf_counter() - wall, error=error, printed=printed.getvalue()[:300])

    for name, make in NASTY.items():
        value = make()
        for exercise_id in exercises:
            timed(f"check({exercise_id!r}, <{name}>)", lambda: check(exercise_id, value))
        timed(f"hint(<{name}>)", lambda: hint(value))
        timed(f"hint('0.1', <{name}>)", lambda: hint("0.1", value))
        timed(f"solution(<{name}>)", lambda: solution(value))
        timed(f"check(<{name}>, 1)", lambda: check(value, 1))
        del value
    report(event="finished")
''')


def _run_child(tmp_path, language="en"):
    """Start the child; yield its report lines, failing if one call does not come back."""
    env = {
        **os.environ,
        PROGRESS_FILE_VARIABLE: str(tmp_path / "progress.json"),
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop(CHECK_MODE_VARIABLE, None)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, language],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in child.stdout] + [lines.put(None)], daemon=True
    ).start()
    running = None
    try:
        while True:
            try:
                line = lines.get(timeout=HANG_AFTER if running else 300)
            except queue.Empty:
                raise AssertionError(
                    f"{running} did not return within {HANG_AFTER} s: it hangs"
                    if running
                    else "the child stopped reporting"
                ) from None
            if line is None:
                raise AssertionError(f"the child ended early: {child.stderr.read()[-2000:]}")
            event = json.loads(line)
            running = event["label"] if event["event"] == "start" else None
            if event["event"] == "finished":
                return
            if event["event"] == "done":
                yield event
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_call_hangs_raises_or_takes_more_than_a_second(tmp_path, language):
    """Over every registered exercise and a list of nasty inputs: bounded, quiet, never a traceback."""
    slow, raised, silent, count = [], [], [], 0
    for event in _run_child(tmp_path, language):
        count += 1
        if event["error"]:
            raised.append(f"{event['label']}: {event['error']}")
        elif event["cpu"] > CPU_BOUND:
            slow.append(f"{event['label']}: {event['cpu']:.2f} s")
        elif not event["printed"].strip():
            silent.append(event["label"])
    assert count > 100
    assert not raised, "\n".join(raised[:10])
    assert not slow, "\n".join(slow[:20])
    assert not silent, f"these calls printed nothing: {silent[:10]}"
