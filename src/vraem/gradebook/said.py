"""A gradebook message stored in English and shown in the instructor's language: ``Said(N_("{n} cells"), n=3)``.

What the gradebook finds (a refused zip entry, a cell's error, a sandbox that would not start)
goes both into the CSV files, which stay English, and into the report and the terminal, which
speak ``--lang``. A :class:`Said` is that English text (it *is* a ``str``: stored, joined and
compared as before) and remembers its msgid and named values, so :func:`shown` can word it again
in the current language. Its msgid is always one the code wrote (marked with ``N_``); values,
a learner's file name or error text among them, are only ever put into a placeholder, never read
as a message.
"""

from __future__ import annotations

from ..i18n import N_, _, ngettext

#: What a process that ended without a word said (a value of several messages).
NO_MESSAGE = N_("no message")


class Said(str):
    """English text that can be shown in another language: ``shown(Said(N_("{name}: refused"), name=x))``.

    ``Said(singular, plural, count=n, ...)`` counts (``ngettext``): ``count`` is also a value.
    """

    def __new__(cls, msgid: str, plural: str | None = None, /, **values) -> Said:
        """The English text of ``msgid`` (or ``plural``) with ``values``, remembering all three."""
        if plural is not None and not isinstance(values.get("count"), int):
            raise TypeError("a Said with a plural needs an int count")
        english = msgid if plural is None or values["count"] == 1 else plural
        text = super().__new__(cls, english.format(**values))
        text.msgid, text.plural, text.values = msgid, plural, values
        return text

    def shown(self) -> str:
        """The message in the current language, each value that is a :class:`Said` too."""
        if self.plural is None:
            template = _(self.msgid)
        else:
            template = ngettext(self.msgid, self.plural, self.values["count"])
        return template.format(**{key: _worded(value) for key, value in self.values.items()})

    def __reduce__(self):
        """A Said survives a copy or a pickle as itself."""
        return (_rebuild, (self.msgid, self.plural, self.values))


class Listed(Said):
    """Messages joined by ``separator``, each shown in the current language: ``Listed([a, b])``."""

    def __new__(cls, items: list, separator: str = "; ") -> Listed:
        """The English texts joined, remembering each item."""
        text = str.__new__(cls, separator.join(map(str, items)))
        text.items, text.separator = list(items), separator
        return text

    def shown(self) -> str:
        """Each item in the current language, joined."""
        return self.separator.join(shown(item) for item in self.items)

    def __reduce__(self):
        """A Listed survives a copy or a pickle as itself."""
        return (Listed, (self.items, self.separator))


def _rebuild(msgid: str, plural: str | None, values: dict) -> Said:
    return Said(msgid, plural, **values)


def _worded(value):
    return value.shown() if isinstance(value, Said) else value


def shown(text) -> str:
    """``text`` in the current language when it is a :class:`Said`, else as it is (a learner's words)."""
    return text.shown() if isinstance(text, Said) else str(text)


def shown_error(error: BaseException) -> str:
    """An exception's message in the current language, when the gradebook wrote it as a :class:`Said`."""
    return shown(error.args[0]) if len(error.args) == 1 else str(error)
