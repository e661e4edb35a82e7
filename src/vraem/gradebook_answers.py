"""Answers handed from a learner's kernel to the class gradebook, as data: ``encode(answer)``, ``decode(data)``.

Under the gradebook, ``check("1.2", answer)`` judges nothing in the learner's
kernel: it hands the answer over (:func:`hand_over`), as a display output of
the type :data:`MIME`, and the gradebook judges it in its own process with the
course's keys. A kernel can therefore hand over any answer it likes, but never
a verdict.

The hand-over is JSON built from tagged values, never a pickle: decoding
learner data must not run learner code. It is bounded (:data:`MAX_ITEMS` items
of a collection, :data:`MAX_TEXT` characters of a text, :data:`MAX_DEPTH`
levels, :data:`MAX_NODES` values in all, :data:`MAX_BYTES` of JSON), like
``vraem.answers``, which refuses anything longer anyway. What the answer types
look at survives the trip: the type (a list stays a list, a generator keeps
its type name), the numbers with their kind (3 and 3.0 differ), dates, and for
a pandas Series, Index or DataFrame its values, index, column names, dtypes
and shape.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from decimal import Decimal, InvalidOperation
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
#: The pandas dtypes a Series or a DataFrame column is rebuilt with; any other becomes object.
SAFE_DTYPES = {
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
    "bool",
    "object",
    "str",
    "string",
    "Int64",
    "Float64",
    "boolean",
    "datetime64[ns]",
    "datetime64[us]",
    "datetime64[ms]",
    "datetime64[s]",
    "category",
}


class HandOverError(ValueError):
    """A hand-over that is not of the shape :func:`encode` writes (forged or damaged)."""


# ------------------------------------------------------------------ the learner's side


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


# ------------------------------------------------------------------ the gradebook's side


class Handed:
    """An answer object the gradebook cannot rebuild: it keeps only its type's name."""


class HandedIterable(Handed):
    """An iterable of a kind the gradebook does not rebuild (a generator, a map, a range)."""

    def __init__(self, items: list):
        self._items = items

    def __iter__(self):
        """Go through the items as they were handed over."""
        return iter(self._items)


class HandedChart(Handed):
    """An Altair chart as handed over: ``to_dict()`` gives its spec (without its data)."""

    def __init__(self, spec: dict):
        self._spec = spec

    def to_dict(self, *args, **kwargs) -> dict:
        """A copy of the spec as handed over (the arguments Altair's ``to_dict`` takes are ignored)."""
        return copy.deepcopy(self._spec)


_named: dict[tuple[str, type], type] = {}


def _stand_in(name: str, base: type) -> type:
    """A class named like the learner's object's type, so messages can name it."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,59}", str(name)):
        name = "object"
    if (name, base) not in _named:
        _named[(name, base)] = type(name, (base,), {})
    return _named[(name, base)]


def decode(data, depth: int = 0, budget: list | None = None):
    """Rebuild an answer from :func:`encode`'s data; raises HandOverError for anything else."""
    budget = [MAX_NODES] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH + 1:
        raise HandOverError("too large or too deep")
    if data is None or isinstance(data, bool | float):
        return data
    if isinstance(data, int):
        if abs(data) >= 10**MAX_DIGITS:
            raise HandOverError("a number with too many digits")
        return data
    if isinstance(data, str):
        return _text(data)
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        raise HandOverError("not a tagged value")
    tag = data["t"]
    simple = _decode_simple(tag, data)
    if simple is not _NOTHING:
        return simple
    return _decode_collection(tag, data, depth + 1, budget)


_NOTHING = object()


def _text(value, limit: int = MAX_TEXT + 1) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise HandOverError("a text that is too long or not a text")
    return value


def _decode_simple(tag: str, data: dict):
    try:
        if tag == "...":
            return ...
        if tag == "NA":
            return pd.NA
        if tag == "NaT":
            return pd.NaT
        if tag == "huge":
            return (1 if data.get("sign") == 1 else -1) * 10**MAX_DIGITS
        if tag == "float":
            if data.get("v") not in ("nan", "inf", "-inf"):
                raise HandOverError("an unknown special number")
            return float(data["v"])
        if tag == "decimal":
            return Decimal(_text(data.get("v"), MAX_DIGITS + 20))
        if tag == "bytes":
            return _text(data.get("v")).encode("latin-1")
        if tag == "timestamp":
            return pd.Timestamp(_text(data.get("v"), 64))
        if tag == "datetime":
            return dt.datetime.fromisoformat(_text(data.get("v"), 64))
        if tag == "date":
            return dt.date.fromisoformat(_text(data.get("v"), 64))
        if tag == "object":
            return _stand_in(data.get("type", "object"), Handed)()
        if tag == "too large":
            raise HandOverError("the answer was too large to hand over")
    except (ValueError, TypeError, OverflowError, InvalidOperation, UnicodeError) as error:
        if isinstance(error, HandOverError):
            raise
        raise HandOverError(f"an unreadable {tag}") from None
    return _NOTHING


def _decode_collection(tag: str, data: dict, depth: int, budget: list):
    def items(values, limit=MAX_ITEMS + 1) -> list:
        if not isinstance(values, list) or len(values) > limit:
            raise HandOverError("a collection that is too long or not a list")
        return [decode(item, depth, budget) for item in values]

    kinds = {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}
    try:
        if tag in kinds:
            return kinds[tag](items(data.get("v")))
        if tag == "dict":
            pairs = data.get("v")
            if (
                not isinstance(pairs, list)
                or len(pairs) > MAX_ITEMS + 1
                or not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs)
            ):
                raise HandOverError("a dictionary that is not a list of pairs")
            return {decode(key, depth, budget): decode(item, depth, budget) for key, item in pairs}
        if tag == "chart":
            spec = decode(data.get("spec"), depth, budget)
            if not isinstance(spec, dict):
                raise HandOverError("a chart without a spec")
            return _stand_in(data.get("type", "Chart"), HandedChart)(spec)
        if tag == "iterable":
            return _stand_in(data.get("type", "object"), HandedIterable)(items(data.get("v")))
        if tag == "ndarray":
            return _array(data, items)
        if tag == "Index":
            return pd.Index(items(data.get("v")), dtype=_dtype(data.get("dtype")))
        if tag == "Series":
            values, index = items(data.get("v")), items(data.get("index"))
            if len(values) != len(index):
                raise HandOverError("a Series whose index does not fit its values")
            return pd.Series(
                values,
                index=index,
                dtype=_dtype(data.get("dtype")),
                name=decode(data.get("name"), depth, budget),
            )
        if tag == "DataFrame":
            return _frame(data, items)
    except HandOverError:
        raise
    except (ValueError, TypeError, OverflowError) as error:  # pandas refusing a forged shape
        raise HandOverError(f"an unreadable {tag} ({type(error).__name__})") from None
    raise HandOverError(f"an unknown kind of value ({tag[:20]!r})")


def _dtype(name) -> str | None:
    return name if isinstance(name, str) and name in SAFE_DTYPES else None


def _array(data: dict, items) -> np.ndarray:
    shape = data.get("shape")
    if (
        not isinstance(shape, list)
        or not all(isinstance(n, int) and 0 <= n < 2**40 for n in shape)
        or not 0 <= len(shape) <= 8
    ):
        raise HandOverError("an array without a proper shape")
    if data.get("v") is None:  # a large table of more than one dimension: only its shape came
        return np.empty((0,) * max(2, len(shape)))
    values = items(data["v"])
    size = math.prod(shape)
    array = (
        np.array(values, dtype=object)
        if any(isinstance(v, str | type(None)) for v in values)
        else np.array(values)
    )
    return array.reshape(shape) if size == len(values) else array


def _frame(data: dict, items) -> pd.DataFrame:
    columns = items(data.get("columns"), MAX_COLUMNS)
    index = items(data.get("index"))
    columns_data = data.get("data")
    dtypes = data.get("dtypes")
    if (
        not isinstance(columns_data, list)
        or len(columns_data) != len(columns)
        or not isinstance(dtypes, list)
        or len(dtypes) != len(columns)
    ):
        raise HandOverError("a DataFrame whose columns do not fit")
    frame = {}
    for number, (values, dtype) in enumerate(zip(columns_data, dtypes, strict=True)):
        values = items(values)
        if len(values) != len(index):
            raise HandOverError("a DataFrame column whose length does not fit the index")
        frame[number] = pd.Series(values, index=index, dtype=_dtype(dtype))
    table = pd.DataFrame(frame, index=index)
    table.columns = columns
    return table


def shown(answer, limit: int = 80) -> str:
    """A short, plain text of a handed-over answer for the report and attempts.csv."""
    if answer is ...:
        text = "..."
    elif isinstance(answer, HandedChart):
        text = f"<a {type(answer).__name__}: {answer.to_dict().get('title', 'untitled')!r}>"
    elif isinstance(answer, Handed) and not isinstance(answer, HandedIterable):
        text = f"<a {type(answer).__name__}>"
    else:
        try:
            if isinstance(answer, HandedIterable):
                text = f"{type(answer).__name__}({list(answer)!r})"
            elif isinstance(answer, pd.DataFrame):
                text = (
                    f"DataFrame of {answer.shape[0]} rows: "
                    + answer.head(5).to_dict("list").__repr__()
                )
            else:
                text = repr(answer)
        except Exception:
            text = "<an answer that cannot be shown>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
