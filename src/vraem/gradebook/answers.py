"""The gradebook's side of a hand-over: ``decode(data)`` rebuilds a learner's answer, ``shown(answer)`` prints it.

A learner's kernel under the gradebook hands each checked answer over as
bounded, tagged JSON (:func:`vraem.handover.encode`); this module rebuilds it
in the gradebook's own process, where the course's keys judge it. Decoding
never runs learner code and refuses anything :func:`vraem.handover.encode`
would not write (:class:`HandOverError`): forged or damaged data.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from ..handover import MAX_COLUMNS, MAX_DEPTH, MAX_DIGITS, MAX_ITEMS, MAX_NODES, MAX_TEXT
from ..i18n import _

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
    """A hand-over that is not of the shape :func:`vraem.handover.encode` writes (forged or damaged)."""


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
        raise HandOverError(_("too large or too deep"))
    if data is None or isinstance(data, bool | float):
        return data
    if isinstance(data, int):
        if abs(data) >= 10**MAX_DIGITS:
            raise HandOverError(_("a number with too many digits"))
        return data
    if isinstance(data, str):
        return _text(data)
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        raise HandOverError(_("not a tagged value"))
    tag = data["t"]
    simple = _decode_simple(tag, data)
    if simple is not _NOTHING:
        return simple
    return _decode_collection(tag, data, depth + 1, budget)


_NOTHING = object()


def _text(value, limit: int = MAX_TEXT + 1) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise HandOverError(_("a text that is too long or not a text"))
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
                raise HandOverError(_("an unknown special number"))
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
            raise HandOverError(_("the answer was too large to hand over"))
    except (ValueError, TypeError, OverflowError, InvalidOperation, UnicodeError) as error:
        if isinstance(error, HandOverError):
            raise
        raise HandOverError(_("an unreadable {tag}").format(tag=tag)) from None
    return _NOTHING


def _decode_collection(tag: str, data: dict, depth: int, budget: list):
    def items(values, limit=MAX_ITEMS + 1) -> list:
        if not isinstance(values, list) or len(values) > limit:
            raise HandOverError(_("a collection that is too long or not a list"))
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
                raise HandOverError(_("a dictionary that is not a list of pairs"))
            return {decode(key, depth, budget): decode(item, depth, budget) for key, item in pairs}
        if tag == "chart":
            spec = decode(data.get("spec"), depth, budget)
            if not isinstance(spec, dict):
                raise HandOverError(_("a chart without a spec"))
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
                raise HandOverError(_("a Series whose index does not fit its values"))
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
        raise HandOverError(
            _("an unreadable {tag} ({error})").format(tag=tag, error=type(error).__name__)
        ) from None
    raise HandOverError(_("an unknown kind of value ({tag})").format(tag=repr(tag[:20])))


def _dtype(name) -> str | None:
    return name if isinstance(name, str) and name in SAFE_DTYPES else None


def _array(data: dict, items) -> np.ndarray:
    shape = data.get("shape")
    if (
        not isinstance(shape, list)
        or not all(isinstance(n, int) and 0 <= n < 2**40 for n in shape)
        or not 0 <= len(shape) <= 8
    ):
        raise HandOverError(_("an array without a proper shape"))
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
        raise HandOverError(_("a DataFrame whose columns do not fit"))
    frame = {}
    for number, (values, dtype) in enumerate(zip(columns_data, dtypes, strict=True)):
        values = items(values)
        if len(values) != len(index):
            raise HandOverError(_("a DataFrame column whose length does not fit the index"))
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
