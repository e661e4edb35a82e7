"""Answers of labels from a fixed list: one label (:class:`Text`), or one for each id (:class:`Labels`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice

import pandas as pd

from .protocol import AnswerType, AnswerTypeError
from .reading_helpers import MAX_ITEMS, check_text_length, few, one_value, quoted, short, type_name


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
            raise AnswerTypeError(f"give one of the labels as text in quotes: {self._choices()}")
        value = " ".join(check_text_length(answer).lower().split())
        if value not in self.options:
            raise AnswerTypeError(f"use one of these labels: {self._choices()}")
        if container or value != answer:
            return value, (f"{container or quoted(answer)} as {quoted(value)}",)
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
                    f"the table needs the columns {self.key!r} and {self.label!r}"
                )
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(
                    f"the table has more than {MAX_ITEMS:,} rows; give one row per "
                    f"{self.key} to judge"
                )
            keys, labels = answer[self.key].tolist(), answer[self.label].tolist()
            repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
            if repeated:
                raise AnswerTypeError(
                    f"{short(', '.join(repeated))} appear(s) more than once in the "
                    f"{self.key} column: give one label for each"
                )
            answer = dict(zip(keys, labels, strict=True))
        if isinstance(answer, pd.Series):
            if len(answer) > MAX_ITEMS:
                raise AnswerTypeError(
                    f"the Series has more than {MAX_ITEMS:,} values; give one per {self.key}"
                )
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            raise AnswerTypeError(
                f'give a dictionary from {self.key} to {self.label}, e.g. {{"…": "…", "…": "…"}}'
            )
        pairs = list(islice(answer.items(), MAX_ITEMS + 1))
        if len(pairs) > MAX_ITEMS:
            raise AnswerTypeError(
                f"the dictionary has more than {MAX_ITEMS:,} entries (only that many "
                f"were read); give one per {self.key} to judge"
            )
        value, relabelled = {}, []
        for key, label in pairs:
            if not isinstance(key, str):
                raise AnswerTypeError(
                    f"the {self.key}s are texts in quotes, as in the table; "
                    f"one of yours is a {type_name(key)}"
                )
            try:
                read, notes = self.text.reading(label)
            except AnswerTypeError as error:
                raise AnswerTypeError(f"for {short(key.strip())!r}: {error}") from None
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
                notes.append(f"{quoted(key, 12)} as {quoted(matches[0], 12)}")
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
            parts.append(
                f"your dictionary has no entry for {', '.join(missing[:10])}"
                f"{' and more' if len(missing) > 10 else ''}"
            )
        if extra:
            parts.append(
                f"{', '.join(short(key, 12) for key in extra[:5])} "
                f"{'is' if len(extra) == 1 else 'are'} not among the {self.key}s to judge"
            )
        return "; ".join(parts) if parts else None

    def same(self, value, expected) -> bool:
        """Whether every key has the key's label, ignoring case, and no key is missing or extra."""
        return value == {key: str(label).lower() for key, label in expected.items()}

    def wrong_keys(self, value, expected) -> list[str]:
        """The ids whose label differs from the key (or is missing), in key order."""
        return [key for key in expected if value.get(key) != str(expected[key]).lower()]
