"""The helpers speak the learner's language: ``set_language("es")``, then ``_("text")``.

A Spanish lesson's setup cell opens with ``set_language("es")`` (the build writes it
there, in sight); English is the default. Every message a learner or instructor sees is
written in English in the code and passed through :func:`_` (or :func:`ngettext` when it
counts something), which looks it up, when it is shown, in the ``vraem`` gettext domain:
``src/vraem/locale/<language>/LC_MESSAGES/vraem.mo``, compiled by the build
(``python -m vraem.authoring.translation``) from the ``vraem.po`` beside it. A message with no
translation is shown in English. Only the words change: how an answer is judged never
depends on the language.

Format placeholders stay outside the lookup: ``_("found in {folder}").format(folder=...)``.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

#: The gettext domain of the helpers' messages.
DOMAIN = "vraem"
#: Where the compiled catalogues are (package data, so an installed course has them too).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The languages the course is written in; English is the source and the default.
LANGUAGES = ("en", "es")
DEFAULT = "en"

_chosen = {"language": DEFAULT}


def set_language(language: str) -> str:
    """Show the helpers' messages in ``language`` ("en" or "es") from now on; returns the language in use.

    An unknown language leaves the current one in place and says which ones there are
    (a typo in a setup cell must not stop the lesson).
    """
    code = str(language).strip().lower()
    if code in LANGUAGES:
        _chosen["language"] = code
    else:
        print(
            f"vraem: no messages in {language!r}; the course speaks {', '.join(LANGUAGES)}. "
            f"Messages stay in {current_language()!r}."
        )
    return current_language()


def current_language() -> str:
    """The language the helpers speak now: ``"en"`` unless :func:`set_language` chose another."""
    return _chosen["language"]


@cache
def translations(language: str, locale_dir: Path = LOCALE_DIR) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English, or a missing catalogue: messages as written)."""
    if language == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(locale_dir), languages=[language], fallback=True)


def _(message: str) -> str:
    """``message`` in the current language: ``_("found in {folder}").format(folder=path)``."""
    return translations(current_language()).gettext(message)


def in_every_language(message: str) -> str:
    """``message`` in each language the course speaks, a paragraph each (a text the same in both, once).

    For what is shown before a lesson can choose its language: the error that stops ``import
    vraem`` itself, which a Spanish lesson's ``set_language("es")`` comes after (``from vraem.i18n
    import set_language`` runs the package's ``__init__`` first).
    """
    shown: list[str] = []
    for language in LANGUAGES:
        text = translations(language).gettext(message)
        if text not in shown:
            shown.append(text)
    return "\n\n".join(shown)


def N_(message: str, plural: str | None = None):
    """Mark ``message`` for translation where it is defined, and leave it in English there.

    For text written before the language is known (a module constant, an exercise's hint):
    ``HINT = N_("Look at the dates.")`` at import, then ``_(HINT)`` where it is shown. A count's
    two forms, ``N_("{count} file", "{count} files")``, are returned as a pair for
    :func:`ngettext` (``ngettext(*pair, n)``).
    """
    return message if plural is None else (message, plural)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language (Spanish has two forms too)."""
    return translations(current_language()).ngettext(singular, plural, count)
