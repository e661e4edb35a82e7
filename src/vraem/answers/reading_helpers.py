"""What every answer type reads with: bounded texts and collections, one value out of a container, words for notes.

``bounded_items(answer, "ids")`` reads at most :data:`MAX_ITEMS` items and
``check_text_length(text)`` refuses a text over :data:`MAX_TEXT` characters, so an
endless generator gets a sentence instead of a hung kernel; ``quoted``, ``listed`` and
``as_typed`` write an answer back as a learner would have typed it.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Iterable
from itertools import islice

import numpy as np
import pandas as pd

from ..i18n import N_, _, ngettext
from .protocol import AnswerTypeError

#: The most items of a collection an answer type reads; a longer one is refused.
MAX_ITEMS = 1000
#: The longest text an answer type reads; a longer one is refused.
MAX_TEXT = 10_000
#: Separators between several ids or letters typed in one text: "a, c, f", "001; 004", "001 004".
SEPARATORS = re.compile(r"[,;\s]+")


def type_name(answer) -> str:
    """The name of an answer's type, for messages (never fails)."""
    try:
        return str(type(answer).__name__)
    except Exception:  # a type with a broken name is still a type
        return "object"


def short(text: str, limit: int = 40) -> str:
    """The text cut after ``limit`` characters, with "…" where it was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def plain(value) -> str:
    """A value as a learner would type it: NumPy's own numbers without their type (``4``, not ``np.int64(4)``)."""
    if isinstance(value, np.generic):
        value = value.item()
    return repr(value)


def quoted(text: str, limit: int = 40) -> str:
    """A text as a learner would type it in Python, shortened: ``"a, c"``."""
    return json.dumps(short(str(text), limit), ensure_ascii=False)


def listed(items: Iterable, limit: int = 8) -> str:
    """Texts as a Python list, shortened: ``["001", "004"]``."""
    items = list(items)
    shown = ", ".join(quoted(item, 12) for item in items[:limit])
    return f"[{shown}{', …' if len(items) > limit else ''}]"


def read_as(typed: str, read: str) -> str:
    """One note on a slip, as the feedback shows it: '"19" as the number 19'."""
    return _("{typed} as {read}").format(typed=typed, read=read)


def the_list(shown: str) -> str:
    """A list of texts as a note names it: 'the list ["001", "004"]'."""
    return _("the list {items}").format(items=shown)


def and_list(items: Iterable[str]) -> str:
    """Items joined as a sentence lists them, in the learner's language: "C021 and C034", "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def number_text(value: float) -> str:
    """A number as a learner would write it: 19, 0.483, -4.35 (no float noise, no exponent for the course's sizes)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.12g}"


def check_text_length(text: str) -> str:
    """The text itself, or AnswerTypeError when it is longer than :data:`MAX_TEXT` characters."""
    if len(text) > MAX_TEXT:
        raise AnswerTypeError(
            _(
                "this text is {length} characters long, more than the {limit} "
                "that are read; give only the answer itself"
            ).format(length=f"{len(text):,}", limit=f"{MAX_TEXT:,}")
        )
    return text


def bounded_items(answer, what: str) -> list:
    """The items of a collection, reading at most MAX_ITEMS + 1 of them.

    ``what`` names the items in messages ("ids"), already in the learner's language.
    """
    if isinstance(answer, pd.Series | pd.Index):
        answer = answer[: MAX_ITEMS + 1].tolist()
    elif isinstance(answer, np.ndarray):
        if answer.ndim > 1:
            raise AnswerTypeError(
                _("give the {what} as a flat list, not a table of {dimensions} dimensions").format(
                    what=what, dimensions=answer.ndim
                )
            )
        answer = answer[: MAX_ITEMS + 1].tolist()
    items = list(islice(iter(answer), MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        raise AnswerTypeError(
            _(
                "this answer has more than {limit} items (only that many were read); "
                "give just the {what}"
            ).format(limit=f"{MAX_ITEMS:,}", what=what)
        )
    return items


def one_value(answer, what: str):
    """The single value of a one-item container, with how it was read; the answer itself otherwise.

    ``what`` is "number", "date" or "label" (the messages for each are whole sentences).
    Returns ``(value, note)``; ``note`` is None when ``answer`` was no container.
    Raises AnswerTypeError for a container of several values (which one was meant?).
    """
    if isinstance(answer, pd.DataFrame | pd.Series | pd.Index | np.ndarray):
        if answer.size != 1:
            raise AnswerTypeError(
                _(_SEVERAL_IN_CONTAINER[what]).format(
                    type=type_name(answer), count=f"{answer.size:,}"
                )
            )
        value = np.asarray(answer).ravel()[0]
        if isinstance(value, np.generic):
            value = value.item()
        return value, _("the one value of the {type}").format(type=type_name(answer))
    if isinstance(answer, list | tuple | set | frozenset):
        items = list(islice(iter(answer), 2))
        if len(items) != 1:
            table = _SEVERAL_IN_LIST if len(items) > 1 else _LIST
            raise AnswerTypeError(_(table[what]))
        return items[0], _("the one item of the list")
    return answer, None


#: What one_value says when a table or Series holds several values, for each kind of answer.
_SEVERAL_IN_CONTAINER = {
    "number": N_(
        "give one number; this {type} holds {count} values: "
        "pick the one you mean (e.g. with .iloc[0])"
    ),
    "date": N_(
        "give one date; this {type} holds {count} values: "
        "pick the one you mean (e.g. with .iloc[0])"
    ),
    "label": N_(
        "give one label; this {type} holds {count} values: "
        "pick the one you mean (e.g. with .iloc[0])"
    ),
}
#: What one_value says about a list of several values, and about an empty list.
_SEVERAL_IN_LIST = {
    "number": N_("give one number on its own, not a list of several"),
    "date": N_("give one date on its own, not a list of several"),
    "label": N_("give one label on its own, not a list of several"),
}
_LIST = {
    "number": N_("give one number on its own, not a list"),
    "date": N_("give one date on its own, not a list"),
    "label": N_("give one label on its own, not a list"),
}


def few(notes: list[str], noun: str) -> tuple[str, ...]:
    """The first note and a count of the others like it: a long answer gets a short note.

    ``noun`` is "label" or an id column's name ("claim_id", shown as it is), as the notes are about.
    """
    if len(notes) <= 1:
        return tuple(notes)
    others = len(notes) - 1
    if noun == "label":
        text = ngettext(
            "{note}, and {count} more label like it",
            "{note}, and {count} more labels like it",
            others,
        )
    else:
        text = ngettext(
            "{note}, and {count} more {noun} like it",
            "{note}, and {count} more {noun}s like it",
            others,
        )
    return (text.format(note=notes[0], count=others, noun=noun),)


def as_typed(answer) -> str:
    """An answer written back as the learner typed it, shortened: ``["001", 4]``, ``"a, c"``, ``the DataFrame``."""
    if isinstance(answer, str):
        return quoted(answer)
    if isinstance(answer, list | tuple):
        inside = ", ".join(
            quoted(item, 12) if isinstance(item, str) else short(plain(item), 12)
            for item in answer[:8]
        )
        return f"[{inside}{', …' if len(answer) > 8 else ''}]"
    if isinstance(answer, numbers.Number):
        return short(plain(answer), 20)
    return _("the {type}").format(type=type_name(answer))
