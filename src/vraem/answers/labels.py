"""Answers of labels from a fixed list: one label (:class:`Text`), or one for each id (:class:`Labels`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice

import pandas as pd

from ..i18n import _, ngettext
from .protocol import AnswerType, AnswerTypeError
from .reading_helpers import (
    MAX_ITEMS,
    check_text_length,
    few,
    one_value,
    quoted,
    read_as,
    short,
    type_name,
)


class Text(AnswerType):
    """One word or label from a fixed list, compared without case or surrounding spaces."""

    def __init__(self, options: Iterable[str]):
        self.options = [str(option).lower() for option in options]

    def _choices(self) -> str:
        return ", ".join(quoted(option) for option in self.options)

    def reading(self, answer):
        """``(value, notes)``: one of the labels, lower-cased with runs of spaces made one."""
        answer, container = one_value(answer, "label")
        if not isinstance(answer, str):
            raise AnswerTypeError(
                _("give one of the labels as text in quotes: {labels}").format(
                    labels=self._choices()
                )
            )
        value = " ".join(check_text_length(answer).lower().split())
        if value not in self.options:
            raise AnswerTypeError(
                _("use one of these labels: {labels}").format(labels=self._choices())
            )
        if container or value != answer:
            return value, (read_as(container or quoted(answer), quoted(value)),)
        return value, ()

    def same(self, value, expected) -> bool:
        """Whether the label is the key, ignoring case."""
        return value == str(expected).lower()


class Labels(AnswerType):
    """A mapping from ids to labels, e.g. ``{"C020": "supported", ...}``.

    Every id in the key must be present, and no other: a dictionary with
    missing or extra ids is told which, before the labels are judged. An id
    in other capitals than the key's ("c020") is read as the key's, with a
    note, and so is a label in capitals. A DataFrame with an id column and a
    label column is accepted as well, named by ``key`` and ``label``.
    """

    by_key = True

    def __init__(self, options: Iterable[str], key: str, label: str):
        self.text = Text(options)
        self.key, self.label = key, label

    def reading(self, answer):
        """``(value, notes)``: a label for each key, from a dictionary, a Series or a two-column table."""
        if isinstance(answer, pd.DataFrame):
            if not {self.key, self.label} <= set(answer.columns):
                raise AnswerTypeError(
                    _("the table needs the columns {key} and {label}").format(
                        key=repr(self.key), label=repr(self.label)
                    )
                )
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(
                    _(
                        "the table has more than {limit} rows; give one row per {key} to judge"
                    ).format(limit=f"{MAX_ITEMS:,}", key=self.key)
                )
            keys, labels = answer[self.key].tolist(), answer[self.label].tolist()
            repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
            if repeated:
                raise AnswerTypeError(
                    _(
                        "{ids} appear(s) more than once in the {key} column: give one label for each"
                    ).format(ids=short(", ".join(repeated)), key=self.key)
                )
            answer = dict(zip(keys, labels, strict=True))
        if isinstance(answer, pd.Series):
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(
                    _("the Series has more than {limit} values; give one per {key}").format(
                        limit=f"{MAX_ITEMS:,}", key=self.key
                    )
                )
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            raise AnswerTypeError(
                _("give a dictionary from {key} to {label}, e.g. {example}").format(
                    key=self.key, label=self.label, example='{"…": "…", "…": "…"}'
                )
            )
        pairs = list(islice(answer.items(), MAX_ITEMS + 1))
        if len(pairs) > MAX_ITEMS:
            raise AnswerTypeError(
                _(
                    "the dictionary has more than {limit} entries (only that many were read); "
                    "give one per {key} to judge"
                ).format(limit=f"{MAX_ITEMS:,}", key=self.key)
            )
        value, relabelled = {}, []
        for key, label in pairs:
            if not isinstance(key, str):
                raise AnswerTypeError(
                    _(
                        "the {key}s are texts in quotes, as in the table; one of yours is a {type}"
                    ).format(key=self.key, type=type_name(key))
                )
            try:
                read, notes = self.text.reading(label)
            except AnswerTypeError as error:
                raise AnswerTypeError(
                    _("for {id}: {problem}").format(id=repr(short(key.strip())), problem=error)
                ) from None
            value[check_text_length(key).strip()] = read
            relabelled += notes
        return value, few(relabelled, "label")

    def align(self, value, expected) -> tuple[dict, tuple[str, ...]]:
        """The answer with each id in the key's capitals ("c020" as "C020"), and a note for the changes."""
        wanted = {str(key) for key in expected}
        by_case = {}
        for key in wanted:
            by_case.setdefault(key.upper(), []).append(key)
        aligned, notes = {}, []
        for key, label in value.items():
            matches = by_case.get(key.upper(), [])
            if key not in wanted and len(matches) == 1 and matches[0] not in value:
                notes.append(read_as(quoted(key, 12), quoted(matches[0], 12)))
                key = matches[0]
            aligned[key] = label
        return aligned, few(notes, self.key)

    def incomplete(self, value, expected) -> str | None:
        """A sentence naming missing or extra ids, else None (never names a label)."""
        wanted = [str(key) for key in expected]
        missing = [key for key in wanted if key not in value]
        extra = sorted(key for key in value if key not in set(wanted))
        parts = []
        if missing:
            text = (
                _("your dictionary has no entry for {ids} and more")
                if len(missing) > 10
                else _("your dictionary has no entry for {ids}")
            )
            parts.append(text.format(ids=", ".join(missing[:10])))
        if extra:
            text = ngettext(
                "{ids} is not among the {key}s to judge",
                "{ids} are not among the {key}s to judge",
                len(extra),
            )
            parts.append(
                text.format(ids=", ".join(short(key, 12) for key in extra[:5]), key=self.key)
            )
        return "; ".join(parts) if parts else None

    def same(self, value, expected) -> bool:
        """Whether every key has the key's label, ignoring case, and no key is missing or extra."""
        return value == {key: str(label).lower() for key, label in expected.items()}

    def wrong_keys(self, value, expected) -> list[str]:
        """The ids whose label differs from the key (or is missing), in key order."""
        return [key for key in expected if value.get(key) != str(expected[key]).lower()]
