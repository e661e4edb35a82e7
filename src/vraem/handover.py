"""What ``check()`` does under the class gradebook: ``hand_over(exercise_id, answer)``, in the learner's kernel.

Under the gradebook, ``check("1.2", answer)`` judges nothing in the learner's
kernel: it hands the answer over (:func:`hand_over`), as a display output of
the type :data:`MIME`, and the gradebook judges it in its own process with the
course's keys (``vraem.gradebook.answers`` decodes it). A kernel can therefore
hand over any answer it likes, but never a verdict.

The hand-over is JSON built from tagged values, never a pickle: decoding
learner data must not run learner code. It is bounded (:data:`MAX_ITEMS` items
of a collection, :data:`MAX_TEXT` characters of a text, :data:`MAX_DEPTH`
levels, :data:`MAX_NODES` values in all, :data:`MAX_BYTES` of JSON), like
``vraem.answers``, which refuses anything longer anyway. What the answer types
look at survives the trip: the type (a list stays a list, a generator keeps
its type name), the numbers with their kind (3 and 3.0 differ), dates, and for
a pandas Series, Index or DataFrame its values, index, column names, dtypes
and shape.

This half runs in the learner's kernel, so it is part of the learner's package;
the gradebook's half (:func:`vraem.gradebook.answers.decode`) reads these limits
from here, so the two sides cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from decimal import Decimal
from itertools import islice

import numpy as np
import pandas as pd

from .answers import MAX_ITEMS, MAX_TEXT
from .contract import ANSWER_MIME

#: The display output type that carries a hand-over.
MIME = ANSWER_MIME
#: How deep collections are followed (a brief's chart's title's subtitle is 5 levels down).
MAX_DEPTH = 8
#: Values in one answer, counted over every level.
MAX_NODES = 20_000
#: The most JSON one hand-over may take.
MAX_BYTES = 1_000_000
#: Columns of a DataFrame kept (an answer table has a handful).
MAX_COLUMNS = 50
#: Numbers with more digits than this are handed over as "a huge number" of their sign.
MAX_DIGITS = 60


def hand_over(exercise_id, answer, missing: bool = False) -> None:
    """Show an answer to the gradebook as a display output (in the learner's kernel); never raises."""
    try:
        data = {
            "exercise": encode(exercise_id),
            "answer": None if missing else encode(answer),
            "missing": bool(missing),
        }
        if len(json.dumps(data)) > MAX_BYTES:
            data["answer"] = {"t": "too large"}
        from IPython.display import display

        display(
            {
                MIME: data,
                "text/plain": f"(answer to {str(exercise_id)[:20]} handed to the gradebook)",
            },
            raw=True,
        )
    except Exception:  # a check() must never stop the notebook; the gradebook then sees no answer
        pass


def encode(value, depth: int = 0, budget: list | None = None):
    """A learner's answer as bounded, tagged JSON data: ``encode([1, "a"])``."""
    budget = [MAX_NODES] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        return {"t": "too large"}
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, str):
        return str(value[: MAX_TEXT + 1])
    if isinstance(value, int | np.integer):
        number = int(value)
        if abs(number) >= 10**MAX_DIGITS:
            return {"t": "huge", "sign": 1 if number > 0 else -1}
        return number
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else {"t": "float", "v": repr(number)}
    if value is ...:
        return {"t": "..."}
    if value is pd.NA:
        return {"t": "NA"}
    if value is pd.NaT:
        return {"t": "NaT"}
    if isinstance(value, Decimal):
        return {"t": "decimal", "v": str(value)[: MAX_DIGITS + 20]}
    if isinstance(value, bytes):
        return {"t": "bytes", "v": value[: MAX_TEXT + 1].decode("latin-1")}
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, pd.Timestamp):
        return {"t": "timestamp", "v": value.isoformat()}
    if isinstance(value, dt.datetime):
        return {"t": "datetime", "v": value.replace(tzinfo=None).isoformat()}
    if isinstance(value, dt.date):
        return {"t": "date", "v": value.isoformat()}
    if depth >= MAX_DEPTH:
        return _opaque(value)
    return _encode_collection(value, depth + 1, budget)


def _encode_collection(value, depth: int, budget: list):
    def items(values):
        return [encode(item, depth, budget) for item in islice(iter(values), MAX_ITEMS + 1)]

    if isinstance(value, pd.DataFrame):
        frame = value.iloc[: MAX_ITEMS + 1, :MAX_COLUMNS]
        return {
            "t": "DataFrame",
            "columns": items(frame.columns),
            "index": items(frame.index),
            "dtypes": [str(dtype) for dtype in frame.dtypes],
            "data": [items(frame.iloc[:, number].tolist()) for number in range(frame.shape[1])],
        }
    if isinstance(value, pd.Series):
        part = value.iloc[: MAX_ITEMS + 1]
        return {
            "t": "Series",
            "v": items(part.tolist()),
            "index": items(part.index),
            "dtype": str(value.dtype),
            "name": encode(value.name, depth, budget),
        }
    if isinstance(value, pd.Index):
        return {
            "t": "Index",
            "v": items(value[: MAX_ITEMS + 1].tolist()),
            "dtype": str(value.dtype),
        }
    if isinstance(value, np.ndarray):
        if value.ndim > 1 and value.size > MAX_ITEMS + 1:
            return {"t": "ndarray", "shape": list(value.shape[:8]), "v": None}
        return {
            "t": "ndarray",
            "shape": list(value.shape[:8]),
            "v": items(value.ravel()[: MAX_ITEMS + 1].tolist()),
        }
    kinds = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset"}
    for kind, name in kinds.items():
        if isinstance(value, kind):
            return {"t": name, "v": items(value)}
    if isinstance(value, dict) or (hasattr(value, "items") and hasattr(value, "keys")):
        pairs = islice(iter(value.items()), MAX_ITEMS + 1)
        return {
            "t": "dict",
            "v": [[encode(key, depth, budget), encode(item, depth, budget)] for key, item in pairs],
        }
    if type(value).__module__.split(".")[0] == "altair" and hasattr(value, "to_dict"):
        try:  # a chart: its spec without the data, which is what a check reads (title, description)
            spec = {
                key: item
                for key, item in value.to_dict(validate=False).items()
                if key not in ("data", "datasets")
            }
        except Exception:
            return _opaque(value)
        return {"t": "chart", "type": _type_name(value), "spec": encode(spec, depth, budget)}
    if hasattr(value, "__iter__"):
        try:
            return {"t": "iterable", "type": _type_name(value), "v": items(value)}
        except Exception:
            return _opaque(value)
    return _opaque(value)


def _opaque(value) -> dict:
    return {"t": "object", "type": _type_name(value)}


def _type_name(value) -> str:
    try:
        name = str(type(value).__name__)
    except Exception:
        name = "object"
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,59}", name) else "object"
