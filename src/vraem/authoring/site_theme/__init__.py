"""The website's repairs to the Jupyter Book theme, as a Sphinx extension (``vraem.authoring.site`` adds it).

An accessibility audit (axe-core) of the theme as it comes found controls without a fitting
name; the fixes, small and kept to the theme's own markup:

- ``templates/``: the search button and the colour-mode button, named by their visible text
  or by hidden text instead of an ``aria-label`` that differs from what they show;
- :func:`name_expanders`: the sidebar's expand buttons (``<summary>``, an icon only) get a
  hidden name, "Pages under Instructor guide";
- :mod:`.languages`: a page of the Spanish edition (under ``es/``) declares its language
  (``<html lang="es">``) and the themes' words on it are Spanish (the engine's own catalogues,
  page by page, with the course's ``locale/es.po`` first); links in the navigation to a page in
  the other language are marked with it (``lang="es"``);
- :func:`_language_switch`: each page with an edition in the other language links to it
  ("Español" / "English"), in plain HTML;
- ``static/vraem.css``: the course's styles (no sideways scroll on a phone, charts that open
  full size, glossary links that look like links).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.locale import get_translation

from . import languages

#: The site's own words in the theme, read from the page's language's catalogues when the page is
#: written (:mod:`.languages`; Sphinx's catalogue, with the course's ``locale/es.po``). Not named
#: ``_``: that is the helpers' gettext keyword, which the course's own catalogue collects.
theme_words = get_translation("sphinx")

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
CSS_FILE = "vraem.css"


def name_expanders(navigation):
    """Give each nameless expand button of the sidebar a name from the entry it opens.

    ``name_expanders('<li><a href="x.html">Data</a><details><summary><span></span></summary>…')``
    puts ``<span class="visually-hidden">Pages under Data</span>`` in the summary (in the page's
    language; an entry's title marked with its language, ``lang``, keeps it). Summaries
    that already have text (a section caption, or a name given before) are left alone. Takes and
    returns HTML text, or a BeautifulSoup tree (the theme's form), changed in place.
    """
    soup = BeautifulSoup(navigation, "html.parser") if isinstance(navigation, str) else navigation
    for summary in soup.find_all("summary"):
        if summary.get_text(strip=True):
            continue
        entry = summary.find_parent("li")
        link = entry.find("a", recursive=False) if entry else None
        title = " ".join(link.get_text().split()) if link else ""
        label = soup.new_tag("span", attrs={"class": "visually-hidden"})
        if not title:
            label.string = theme_words("Pages in this section")
        else:  # the entry's title keeps the language its link was marked with
            before, _title, after = str(theme_words("Pages under {title}")).partition("{title}")
            named = soup.new_tag("span", attrs={"lang": link["lang"]}) if link.get("lang") else None
            if named is not None:
                named.string = title
            label.extend([before, named or title, after])
        summary.insert(0, label)
    return str(soup) if isinstance(navigation, str) else soup


#: The Spanish edition's folder in the book and language code; the switch's words, each in
#: the language it leads to.
SPANISH = "es"
SWITCH_WORDS = {"en": "English", "es": "Español"}


def other_edition(pagename: str) -> tuple[str, str]:
    """The same page in the other language, and that language.

    ``other_edition("lessons/00")`` is ``("es/lessons/00", "es")``, ``other_edition("es/index")``
    is ``("index", "en")``.
    """
    if pagename.startswith(SPANISH + "/"):
        return pagename.removeprefix(SPANISH + "/"), "en"
    return f"{SPANISH}/{pagename}", SPANISH


def language_switch(href: str, language: str) -> str:
    """The switch at the top of a page: a link to the page in ``language``, named in it."""
    return (
        f'<p class="vraem-language"><a href="{href}" hreflang="{language}" lang="{language}">'
        f"{SWITCH_WORDS[language]}</a></p>"
    )


def _language_switch(app, pagename, templatename, context, doctree) -> None:
    other, language = other_edition(pagename)
    if "body" in context and other in app.env.found_docs:
        href = app.builder.get_relative_uri(pagename, other)
        context["body"] = language_switch(href, language) + context["body"]


def _outdated_by_the_other_edition(app, env, added, changed, removed) -> list[str]:
    # a page whose edition in the other language came or went is written again, for its switch
    others = (other_edition(name)[0] for name in added | removed)
    return [name for name in others if name in env.found_docs]


def _add_templates(app, config) -> None:
    # first, so that these copies win over the theme's components of the same name
    config.templates_path.insert(0, str(TEMPLATES))
    config.html_static_path.append(str(STATIC))


def _wrap_navigation(app, pagename, templatename, context, doctree) -> None:
    build = context.get("generate_toctree_html")
    if build is None or getattr(build, "names_expanders", False):
        return

    def named(*args, **kwargs):
        return name_expanders(languages.mark_languages(build(*args, **kwargs), pagename))

    named.names_expanders = True
    context["generate_toctree_html"] = named


def setup(app):
    """Sphinx calls this when the book lists ``vraem.authoring.site_theme`` among its extensions."""
    app.connect("config-inited", _add_templates)
    # after the theme's own handler (priority 500), which puts generate_toctree_html in the context
    app.connect("html-page-context", _wrap_navigation, priority=900)
    app.connect("html-page-context", _language_switch)
    app.connect("env-get-outdated", _outdated_by_the_other_edition)
    languages.setup(app)
    app.add_css_file(CSS_FILE)
    # Sphinx rewrites every page when a template changes, but not when this code does; an
    # env_version drawn from the code makes it do so then too.
    code = hashlib.sha256(
        b"".join(
            path.read_bytes()
            for path in (Path(__file__), HERE / "languages.py", languages.COURSE_CATALOGUE)
        )
    ).hexdigest()
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": int(code[:8], 16),
    }
