"""What ``checks`` asks of every answer type: subclass :class:`AnswerType`, write ``reading`` and ``same``.

The other methods have defaults that say nothing; the package's docstring says when
each is asked and the format-slip policy every type follows.
"""

from __future__ import annotations

from abc import ABC, abstractmethod


class AnswerTypeError(ValueError):
    """The answer is not of a kind the exercise can compare; the message says what to give."""


class AnswerType(ABC):
    """What every answer type gives ``checks``: ``reading`` and ``same``, and defaults that say nothing.

    ``class Year(AnswerType)`` writes ``reading`` and ``same`` and overrides only the
    other methods it has something to say in (see the module's docstring).
    """

    #: True for an answer of labels: the feedback then speaks of every wrong id (``wrong_keys``).
    by_key: bool = False

    @abstractmethod
    def reading(self, answer) -> tuple[object, tuple[str, ...]]:
        """``(value, notes)``: the answer read, and how each slip in it was read."""

    @abstractmethod
    def same(self, value, expected) -> bool:
        """Whether the read answer is the key."""

    def read(self, answer):
        """The value ``reading`` gives, without the notes on slips."""
        return self.reading(answer)[0]

    def align(self, value, expected) -> tuple[object, tuple[str, ...]]:
        """The answer spelt as the key spells it, with a note for each change; by default as it is."""
        return value, ()

    def incomplete(self, value, expected) -> str | None:
        """A sentence when the answer's shape does not fit the key's; by default None."""
        return None

    def out_of_range(self, value) -> str | None:
        """A sentence when the answer lies outside what the exercise is about; by default None."""
        return None

    def rounded(self, value, expected) -> str | None:
        """A sentence when the answer is the key rounded too far; by default None."""
        return None

    def explain(self, value, expected) -> str:
        """What this type says about a wrong answer; by default nothing."""
        return ""

    def wrong_choice(self, value, expected) -> str | None:
        """The wrong option letters chosen ("b", "ac"; "missing" for an option left out); None if no choice."""
        return None

    def wrong_keys(self, value, expected) -> list[str]:
        """For an answer of labels (``by_key``), the ids whose label is wrong; by default none."""
        return []


def read_answer(answer_type: AnswerType, answer) -> tuple[object, tuple[str, ...]]:
    """``(value, notes)`` from any answer type: its ``reading``, with the notes as a tuple."""
    value, notes = answer_type.reading(answer)
    return value, tuple(notes)
