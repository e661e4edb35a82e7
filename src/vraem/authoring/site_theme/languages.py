"""Each page of the website in its own language: ``LANGUAGES.speak("es", "en")`` before a Spanish page.

Sphinx translates its own words and the themes' (search, previous/next, "On this page", skip
link, download buttons …) with one language per build, and the course's book is one build in
two languages. So, page by page, :func:`_page_language` puts in place the message catalogues of
the page's language, the engine's own (Sphinx's, the PyData theme's and the book theme's Spanish
catalogues) with the course's corrections and additions first (``locale/es.po``); an English
page gets the build's English catalogues back. :func:`mark_languages` marks each link of the
navigation that leads to a page in the other language with that language (``lang="es"``), so a
screen reader reads a Spanish title with Spanish rules on an English page, and the reverse.
"""

from __future__ import annotations

import gettext
import io
import posixpath
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx import locale

HERE = Path(__file__).parent
#: The course's Spanish for the theme's words: where a theme's Spanish catalogue lacks a word,
#: or says it less well, and the site's own words (the footer, the sidebar's expand buttons).
COURSE_CATALOGUE = HERE / "locale" / "es.po"

SPANISH = "es"
ENGLISH = "en"


def page_language(pagename: str) -> str:
    """The language of a page of the book: ``page_language("es/lessons/00")`` is ``"es"``."""
    return SPANISH if pagename == SPANISH or pagename.startswith(SPANISH + "/") else ENGLISH


def _course_translations(language: str) -> gettext.NullTranslations | None:
    """The course's own catalogue for ``language`` (read from its ``.po``), or None."""
    if language != SPANISH or not COURSE_CATALOGUE.exists():
        return None
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with COURSE_CATALOGUE.open("rb") as po:
        catalogue = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _theme_catalogues() -> dict[str, list[str]]:
    """Where each theme catalogue's translations are: ``{"sphinx": [folder, …], "booktheme": […]}``.

    Sphinx's own and the PyData theme's (catalogue ``sphinx``) and the book theme's
    (``booktheme``), as the engine registers them (``app.add_message_catalog``).
    """
    import pydata_sphinx_theme
    import sphinx
    import sphinx_book_theme

    book_theme = Path(sphinx_book_theme.get_html_theme_path()) / "static" / "locales"
    return {
        "sphinx": [
            str(Path(sphinx.__file__).parent / "locale"),
            str(Path(pydata_sphinx_theme.__file__).parent / "locale"),
        ],
        sphinx_book_theme.MESSAGE_CATALOG_NAME: [str(book_theme)],
    }


def translators(language: str) -> dict[tuple[str, str], gettext.NullTranslations]:
    """The translators of the themes' catalogues in ``language``: ``{("general", "sphinx"): …}``.

    The course's catalogue first, then the engine's, in the order Sphinx reads them.
    """
    chosen = {}
    for catalogue, folders in _theme_catalogues().items():
        translator = _course_translations(language) or gettext.NullTranslations()
        for folder in folders:
            try:
                translator.add_fallback(
                    gettext.translation(catalogue, localedir=folder, languages=[language])
                )
            except OSError:  # that theme has no catalogue in this language
                pass
        chosen["general", catalogue] = translator
    return chosen


class Languages:
    """The catalogues of each language of the site, swapped in page by page.

    ``LANGUAGES.speak("es", "en")`` puts the Spanish catalogues in Sphinx's place for them
    (``sphinx.locale.translators``), which every translated word of the themes reads when the
    page is written; ``LANGUAGES.speak("en", "en")`` gives back the build's own (English).
    """

    def __init__(self):
        self.catalogues: dict[str, dict] = {}
        self.build: dict | None = None

    def speak(self, language: str, build_language: str) -> gettext.NullTranslations:
        """Make the themes speak ``language``; return the translator of Sphinx's catalogue."""
        if self.build is None:  # the build's own, kept to give back
            self.build = {
                ("general", catalogue): locale.translators.get(("general", catalogue))
                for catalogue in _theme_catalogues()
            }
        if language == build_language:
            chosen = self.build
        else:
            chosen = self.catalogues.setdefault(language, translators(language))
        for key, translator in chosen.items():
            if translator is None:
                locale.translators.pop(key, None)
            else:
                locale.translators[key] = translator
        return locale.translators.get(("general", "sphinx")) or gettext.NullTranslations()


LANGUAGES = Languages()


def _page_language(app, pagename, templatename, context, doctree) -> None:
    """Before the themes fill a page in, make them speak its language (and say it in ``<html>``)."""
    language = page_language(pagename)
    build_language = app.config.language or ENGLISH
    translator = LANGUAGES.speak(language, build_language)
    if language == build_language:
        return
    context["language"] = language  # the theme writes it as <html lang="…">
    # the templates' _() and {% trans %} read these from the page's context before the globals
    context["gettext"] = translator.gettext
    context["ngettext"] = translator.ngettext


def _speak_the_build_language(app, exception) -> None:
    LANGUAGES.speak(app.config.language or ENGLISH, app.config.language or ENGLISH)


def _target(pagename: str, href: str) -> str | None:
    """The page a relative link of ``pagename`` leads to, or None for an address or an anchor."""
    if not href or href.startswith("#") or "://" in href or href.startswith("mailto:"):
        return None
    path = href.split("#")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(pagename), path))


def mark_languages(navigation, pagename: str):
    """Mark each link and caption of the navigation in the other language than the page's.

    On ``lessons/00``, ``<a href="../es/index.html">Leer …</a>`` gets ``lang="es"``; on a Spanish
    page, a link to an English page gets ``lang="en"``; a section caption whose links all lead
    to pages in the other language ("Español" on an English page) gets that language too.
    Takes and returns HTML text, or a BeautifulSoup tree (changed in place).
    """
    soup = BeautifulSoup(navigation, "html.parser") if isinstance(navigation, str) else navigation
    language = page_language(pagename)
    for link in soup.find_all("a", href=True):
        target = _target(pagename, link["href"])
        if target is not None and page_language(target) != language:
            link["lang"] = page_language(target)
    for caption in soup.find_all(class_="caption"):
        section = caption.find_next_sibling("ul")
        pages = section.find_all("a", href=True) if section else []
        marked = {link.get("lang") for link in pages if _target(pagename, link["href"]) is not None}
        if len(marked) == 1 and None not in marked:
            caption["lang"] = marked.pop()
    return str(soup) if isinstance(navigation, str) else soup


#: Words of the book's configuration that the themes show untranslated, put through the page's
#: catalogues: the author, the copyright line and the search field's text.
BOOK_WORDS = ("author", "copyright", "theme_search_bar_text")


def _book_words(app, pagename, templatename, context, doctree) -> None:
    """Once the themes have filled a page in: the book's words in the page's language.

    And the previous and next pages' titles marked with their language where it is the other
    one, and the home page's language for the sidebar's home link and the book's title.
    """
    language = page_language(pagename)
    if language != (app.config.language or ENGLISH):
        translator = locale.translators.get(("general", "sphinx")) or gettext.NullTranslations()
        for key in BOOK_WORDS:
            if isinstance(context.get(key), str):
                context[key] = translator.gettext(context[key])
    # the previous and next pages' titles, in the page's footer, in their own language
    for key in ("prev", "next"):
        neighbour = context.get(key)
        if not neighbour or "link" not in neighbour:
            continue
        target = _target(pagename, neighbour["link"])
        if target is not None and page_language(target) != language:
            neighbour["title"] = f'<span lang="{page_language(target)}">{neighbour["title"]}</span>'
    home = context.get("root_doc") or "index"
    context["vraem_home_lang"] = page_language(home) if page_language(home) != language else ""


def setup(app) -> None:
    """Connect the page-language handlers (called from :mod:`vraem.authoring.site_theme`)."""
    # before the themes (priority 500), whose words are then read from the page's catalogues
    app.connect("html-page-context", _page_language, priority=100)
    # after the themes (the book theme sets the author and the search field's text at 500)
    app.connect("html-page-context", _book_words, priority=900)
    app.connect("build-finished", _speak_the_build_language)
