"""An argparse parser whose own words follow ``--lang``: ``parser = SpokenParser(prog=..., description=...)``.

argparse words its help and errors ("usage: ", "options", "show this help message and exit",
"%(prog)s: error: %(message)s") with ``gettext.gettext``, bound when argparse is imported: the
process-wide ``messages`` domain, in the language the environment (``LANGUAGE``, ``LC_ALL``,
``LANG``) names, from ``messages.mo`` files Python does not ship. Our ``vraem`` catalogue cannot
serve that lookup without changing gettext for the whole process, so this parser passes those
few words through the course's :func:`vraem.i18n._` itself, under argparse's own msgids. What
argparse says of a bad argument ("invalid choice: …") arrives already worded in English; the
common sentences are recognised (:data:`ARGPARSE_ERRORS`) and worded again from the catalogue,
with argparse's values put back in; a rarer one is shown as argparse wrote it.

Build it after :func:`vraem.i18n.set_language` (see :func:`language_asked`): the help strings are
read when the arguments are added.
"""

from __future__ import annotations

import argparse
import re
import sys

from ..i18n import DEFAULT, LANGUAGES, N_, _

#: argparse's own words, with argparse's msgids, so that our catalogue translates them.
USAGE = N_("usage: ")
POSITIONALS = N_("positional arguments")
OPTIONS = N_("options")
HELP = N_("show this help message and exit")
ERROR = N_("{prog}: error: {message}\n")

#: argparse's common error sentences (Python 3.11's wording), each with our msgid for it.
ARGPARSE_ERRORS = (
    (
        re.compile(r"the following arguments are required: (?P<arguments>.+)"),
        N_("the following arguments are required: {arguments}"),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<arguments>.+)"),
        N_("unrecognized arguments: {arguments}"),
    ),
    (
        re.compile(
            r"argument (?P<argument>[^:]+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"
        ),
        N_("argument {argument}: invalid choice: {value} (choose from {choices})"),
    ),
    (
        re.compile(r"argument (?P<argument>[^:]+): expected one argument"),
        N_("argument {argument}: expected one argument"),
    ),
    (
        re.compile(r"argument (?P<argument>[^:]+): invalid (?P<kind>\w+) value: (?P<value>.+)"),
        N_("argument {argument}: invalid {kind} value: {value}"),
    ),
)


def reworded(message: str) -> str:
    """Reword argparse's English error ``message`` in the current language, when it is a common one.

    ``reworded("unrecognized arguments: --x")`` gives ``"argumentos no reconocidos: --x"`` in
    Spanish; any other sentence (ours, already translated, or a rare one of argparse) unchanged.
    """
    for pattern, msgid in ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return _(msgid).format(**found.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with "usage: " in the current language."""

    def add_usage(self, usage, actions, groups, prefix=None):
        """The usage line, under our translated prefix unless one is given."""
        super().add_usage(usage, actions, groups, _(USAGE) if prefix is None else prefix)


class SpokenParser(argparse.ArgumentParser):
    """An ArgumentParser that says "usage:", its section titles, -h's help and "error:" in ``_()``.

    Add positionals with ``parser.arguments.add_argument`` and options with
    ``parser.options.add_argument`` (argparse's own two sections keep its English titles, and
    stay empty, so they are not shown).
    """

    def __init__(self, **kwargs):
        """An ArgumentParser (same keywords) with translated sections and -h/--help."""
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)
        self.arguments = self.add_argument_group(_(POSITIONALS))
        self.options = self.add_argument_group(_(OPTIONS))
        self.options.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=_(HELP)
        )

    def error(self, message: str):
        """Print the usage and ``message`` in the current language on stderr, and exit with 2."""
        self.print_usage(sys.stderr)
        self.exit(2, _(ERROR).format(prog=self.prog, message=reworded(message)))


def language_asked(argv: list[str] | None) -> str:
    """The ``--lang`` on the command line, read before the parser is built (its help is worded then).

    Anything else, or a language the course does not speak, gives the default: the full parser
    then says what is wrong with it.
    """
    first = _Quiet(add_help=False, exit_on_error=False)
    first.add_argument("--lang", default=DEFAULT)
    try:
        known, _rest = first.parse_known_args(argv)
    except (argparse.ArgumentError, ValueError):  # "--lang" with no value: the full parser says so
        return DEFAULT
    return known.lang if known.lang in LANGUAGES else DEFAULT


class _Quiet(argparse.ArgumentParser):
    """A parser that raises instead of printing and exiting (the full parser speaks afterwards)."""

    def error(self, message: str):
        """Raise ValueError(message)."""
        raise ValueError(message)
