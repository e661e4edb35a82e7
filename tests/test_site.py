"""The course website: built with no network and no warnings, rebuilt without running an
unchanged lesson again; in a real browser, every lesson's charts show and open full size, no
internal link is broken, the articles are credited, and every page passes an axe-core audit
(no serious or critical fault) and fits a phone 390 px wide without scrolling sideways. The
Spanish edition's lessons and notes are pages too: a Spanish page declares its language, and the
language switch leads from each page to the other language's and back.

The site is built twice for this file (the first build runs every lesson: a minute or more;
the second must run none). It needs the `site` extra (Jupyter Book 1) and, for the browser
half, Debian's Chromium and axe-playwright-python; without them the tests are skipped, except
in CI, where that is a failure.
"""

import contextlib
import functools
import http.server
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
import urllib.parse
from pathlib import Path

import nbformat
import pytest

from vraem.authoring.site.command import unexplained
from vraem.authoring.site.links import link_first_mentions, relink
from vraem.authoring.site.runs import RUNS
from vraem.authoring.site.staging import DISTRIBUTION, copy_course, stage
from vraem.authoring.site.static import name_table_headers
from vraem.checks import evaluate
from vraem.contract import BEGIN_SOLUTION, CHECK_MODE_VARIABLE
from vraem.corpus import load_metadata
from vraem.exercises import all_exercises
from vraem.glossary import load_glossary, term_names

from .conftest import CHROMIUM, REPO, launch_chromium

LESSONS = sorted(path.stem for path in (REPO / "lessons").glob("*.ipynb"))
#: The Spanish edition's lessons and instructor notes (``lessons/es/``, ``instructors/es/``).
SPANISH_LESSONS = sorted(path.stem for path in (REPO / "lessons" / "es").glob("*.ipynb"))
SPANISH_NOTES = sorted(path.stem for path in (REPO / "instructors" / "es").glob("*.md"))
#: What each checked exercise prints while it is unanswered (derived, never typed in).
UNANSWERED = {str(evaluate(exercise_id, ...)): exercise_id for exercise_id in all_exercises()}

pytestmark = pytest.mark.site


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must build and check the website: {what}")
    pytest.skip(what)


# --- the pieces, without a build ----------------------------------------------------------

PAGES = {
    "README.md": "index.md",
    "lessons/00-start-here.ipynb": "lessons/00-start-here.ipynb",
    "data/README.md": "data/index.md",
}


@pytest.mark.parametrize(
    ("text", "repo_file", "site_file", "expected"),
    [
        (
            "[00](lessons/00-start-here.ipynb)",
            "README.md",
            "index.md",
            "[00](lessons/00-start-here.ipynb)",
        ),
        (
            "[data](../data/README.md#the-articles)",
            "instructors/README.md",
            "instructors/README.md",
            "[data](../data/index.md#the-articles)",
        ),
        (
            "[home](../README.md)",
            "lessons/00-start-here.ipynb",
            "lessons/00-start-here.ipynb",
            "[home](../index.md)",
        ),
        (
            "[web](https://example.org/README.md) [here](#top)",
            "README.md",
            "index.md",
            "[web](https://example.org/README.md) [here](#top)",
        ),
        ("[gone](CONTRIBUTING.md)", "README.md", "index.md", "[gone](CONTRIBUTING.md)"),
    ],
)
def test_links_follow_the_files_into_the_book(text, repo_file, site_file, expected):
    """Does a link to a file the site shows point at its page, and any other link stay as it is?"""
    assert relink(text, repo_file, site_file, PAGES) == expected


def test_only_the_first_mention_of_a_term_is_linked():
    """Is each term linked once per page, by any of its names, never in headings, code or links?"""
    seen: set[str] = set()
    names = term_names()
    first = link_first_mentions(
        "# The VRAE\n\nThe VRAE, the `VRAEM`, [VRAEM](x.md) and hectares.", seen, names
    )
    assert first == (
        "# The VRAE\n\nThe {term}`VRAE <VRAE>`, the `VRAEM`, [VRAEM](x.md) and "
        "{term}`hectares <hectárea>`."
    )
    second = link_first_mentions("The VRAE, the VRAEM and the Sendero Luminoso.", seen, names)
    assert (
        second
        == "The VRAE, the {term}`VRAEM <VRAEM>` and the {term}`Sendero Luminoso <Shining Path>`."
    )


def _header_cells(table_html: str) -> list[list[tuple[str, str]]]:
    from bs4 import BeautifulSoup

    head = BeautifulSoup(table_html, "html.parser").find("thead")
    return [
        [(cell.name, cell.get_text()) for cell in row.find_all(["th", "td"])]
        for row in head.find_all("tr")
    ]


def test_every_header_cell_of_a_shown_table_has_a_name():
    """Is the index column of a pandas table headed (its name, or "row"), and no header left empty?"""
    import pandas as pd

    plain = pd.DataFrame({"year": [2001, 2002], "hectares": [1, 2]})
    assert _header_cells(name_table_headers(plain._repr_html_())) == [
        [("th", "row"), ("th", "year"), ("th", "hectares")]
    ]
    named = plain.set_index("year")  # pandas puts the index name on a second header row
    assert _header_cells(name_table_headers(named._repr_html_())) == [
        [("th", "year"), ("th", "hectares")]
    ]
    pivot = pd.DataFrame({"year": [2001, 2001], "region": ["VRAEM", "Peru"], "ha": [1, 2]}).pivot(
        index="year", columns="region", values="ha"
    )
    assert _header_cells(name_table_headers(pivot._repr_html_())) == [
        [("th", "region"), ("th", "Peru"), ("th", "VRAEM")],
        [("th", "year"), ("td", ""), ("td", "")],
    ]
    assert name_table_headers("<p>no table</p>") == "<p>no table</p>"
    # a Spanish lesson's table: the hidden header in Spanish
    assert _header_cells(name_table_headers(plain._repr_html_(), "es"))[0][0] == ("th", "fila")


def test_a_sidebar_expander_is_named_after_its_entry():
    """Does each icon-only expand button of the sidebar get a name from the entry it opens?"""
    pytest.importorskip("bs4")
    from vraem.authoring.site_theme import name_expanders

    navigation = (
        '<ul><li><a href="data/index.html">Course data</a><details><summary>'
        '<span class="toctree-toggle" role="presentation"><i></i></span></summary>'
        '<ul><li><a href="data/tables.html">Tables</a></li></ul></details></li></ul>'
    )
    named = name_expanders(navigation)
    assert '<summary><span class="visually-hidden">Pages under Course data</span>' in named
    assert name_expanders("<ul><li>x</li></ul>") == "<ul><li>x</li></ul>"


def test_a_link_to_a_page_in_the_other_language_is_marked_with_it():
    """Does a sidebar link (and a section caption) leading to the other language's pages get
    that language's ``lang``, in both directions, and a link to a page in the page's own
    language, an anchor or an address none?"""
    pytest.importorskip("bs4")
    from vraem.authoring.site_theme import name_expanders
    from vraem.authoring.site_theme.languages import mark_languages

    navigation = (
        '<p class="caption"><span class="caption-text">Lessons</span></p><ul>'
        '<li><a href="00-start-here.html">00 · Start here</a></li>'
        '<li><a href="https://example.org/es/x.html">web</a> <a href="#top">top</a></li></ul>'
        '<p class="caption"><span class="caption-text">Español</span></p><ul>'
        '<li><a href="../es/index.html">Leer reportajes</a><details><summary><span></span>'
        '</summary><ul><li><a href="../es/lessons/00-start-here.html#x">00 · Empieza aquí</a>'
        "</li></ul></details></li></ul>"
    )
    english = mark_languages(navigation, "lessons/01-the-corpus")
    assert '<a href="00-start-here.html">' in english
    assert '<a href="https://example.org/es/x.html">' in english and '<a href="#top">' in english
    assert '<a href="../es/index.html" lang="es">' in english
    assert '<a href="../es/lessons/00-start-here.html#x" lang="es">' in english
    assert '<p class="caption" lang="es"><span class="caption-text">Español' in english
    assert '<p class="caption"><span class="caption-text">Lessons' in english
    # the expand button's name keeps the Spanish title in Spanish
    assert 'Pages under <span lang="es">Leer reportajes</span>' in name_expanders(english)
    spanish = mark_languages(
        navigation.replace('"00-start-here.html"', '"../../lessons/00-start-here.html"'),
        "es/lessons/01-the-corpus",
    )
    assert '<a href="../../lessons/00-start-here.html" lang="en">' in spanish
    assert '<p class="caption" lang="en"><span class="caption-text">Lessons' in spanish
    assert '<a href="../es/index.html">' in spanish  # a Spanish page's own language: no mark


def test_an_unanswered_exercise_says_on_the_page_that_it_is_done_in_the_notebook():
    """Is check()'s "not answered yet" line replaced by a note, keeping what was printed around it?"""
    from vraem.authoring.site.static import _notes_for_exercises

    line, exercise_id = next(iter(UNANSWERED.items()))
    printed = nbformat.v4.new_output("stream", name="stdout", text=f"before\n{line}\nafter\n")
    outputs = _notes_for_exercises([printed], UNANSWERED)
    assert [output["output_type"] for output in outputs] == ["stream", "display_data", "stream"]
    assert outputs[0]["text"] == "before\n" and outputs[2]["text"] == "after\n"
    note = outputs[1]["data"]["text/plain"]
    assert f"Exercise {exercise_id} is done in the notebook" in note and "not answered" not in note


def test_a_rebuild_runs_only_the_lessons_whose_inputs_changed(tmp_path, data_copy):
    """First build: every lesson runs. No change: none runs and no file is rewritten. One lesson
    edited: that lesson alone. A data file changed: every lesson. (Runs counted, not timed.)"""
    repo, source = copy_course(REPO, tmp_path / "course"), tmp_path / "book"
    runs: list[str] = []
    messages: list[str] = []

    def count(notebook):
        runs.append(notebook.cells[0].source)
        return notebook

    def build() -> list[str]:
        runs.clear()
        messages.clear()
        stage(repo, source, run=count, log=messages.append)
        return [message.split()[1] for message in messages if message.startswith("running ")]

    every = [
        run
        for name in LESSONS
        for run in (f"lessons/{name}.ipynb", f"lessons/es/{name}.ipynb")
        if name in SPANISH_LESSONS or "/es/" not in run
    ]
    assert SPANISH_LESSONS and build() == every and len(runs) == len(every)
    times = {path: path.stat().st_mtime_ns for path in source.rglob("*") if path.is_file()}
    assert build() == [] and runs == []
    assert {path: path.stat().st_mtime_ns for path in source.rglob("*") if path.is_file()} == times

    edited = repo / "lessons" / f"{LESSONS[3]}.ipynb"
    notebook = nbformat.read(edited, as_version=4)
    cell = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
    cell.source += "\n\nOne more sentence."
    nbformat.write(notebook, edited)
    assert build() == [f"lessons/{LESSONS[3]}.ipynb"] and len(runs) == 1

    table = data_copy / "coca_cultivation.csv"
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build() == every and len(runs) == len(every)
    assert build() == []


# --- the build ------------------------------------------------------------------------------

GUARD = '''
"""Refuse every connection that does not stay on this machine (the site test's offline guard)."""
import ipaddress, socket

_connect = socket.socket.connect

def _local(address):
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str) or host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False

def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address):
        raise OSError(f"offline guard: no connection to {address!r}")
    return _connect(self, address)

socket.socket.connect = connect
'''


def _offline(command: list[str], scratch: Path) -> tuple[list[str], dict[str, str]]:
    """The command run with no network, and its environment.

    Where the system allows it, a new network namespace with only the loopback up (nothing
    can leave the machine, whatever the language); elsewhere a guard that every Python
    process (the build and the lessons' kernels) loads, refusing non-local connections.
    """
    environment = dict(os.environ)
    environment.pop(CHECK_MODE_VARIABLE, None)
    probe = subprocess.run(["unshare", "-rn", "sh", "-c", "ip link set lo up"], capture_output=True)
    if probe.returncode == 0:
        return [
            "unshare",
            "-rn",
            "sh",
            "-c",
            'ip link set lo up && exec "$@"',
            "offline",
            *command,
        ], environment
    (scratch / "sitecustomize.py").write_text(textwrap.dedent(GUARD), encoding="utf-8")
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(scratch), environment.get("PYTHONPATH")])
    )
    return command, environment


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Build the site twice, offline, into a temporary folder; return its source folder and the
    two builds' results (the second with nothing changed in between)."""
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        _missing('Jupyter Book is not installed (pip install -e ".[site]")')
    source = tmp_path_factory.mktemp("site")
    scratch = tmp_path_factory.mktemp("offline")
    command, environment = _offline(
        [sys.executable, "-m", "vraem.authoring.site", "--source", str(source)], scratch
    )
    first = subprocess.run(
        command, capture_output=True, text=True, env=environment, cwd=REPO, timeout=900
    )
    again = subprocess.run(
        command, capture_output=True, text=True, env=environment, cwd=REPO, timeout=900
    )
    return source, first, again


def test_the_site_builds_offline_without_warnings(site):
    """Does `python -m vraem.authoring.site` succeed with no network, with no warning left unexplained?"""
    source, result, _ = site
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert (source / "_build" / "html" / "index.html").exists()
    warnings = [
        line for line in result.stdout.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)
    ]
    assert unexplained(warnings) == [], "\n".join(warnings)
    assert "without encryption" not in output  # the lesson kernels' harmless warning is silenced


def test_a_rebuild_with_no_change_runs_no_lesson(site):
    """Does a second build, with nothing changed, reuse every lesson's run instead of running it?"""
    _, first, again = site
    assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
    assert [line for line in first.stdout.splitlines() if "running lessons/" in line] != []
    assert [line for line in again.stdout.splitlines() if "running lessons/" in line] == []
    reused = [line for line in again.stdout.splitlines() if "its last run is reused" in line]
    assert len(reused) == len(LESSONS) + len(SPANISH_LESSONS), again.stdout


def _html_pages(site_source: Path) -> dict[str, str]:
    """Every page of the built site, by its path in the site: ``{"lessons/00-start-here.html": html}``."""
    html = site_source / "_build" / "html"
    return {
        path.relative_to(html).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(html.rglob("*.html"))
        if path.relative_to(html).parts[0] not in ("_static", "_sources")
    }


def test_every_page_shows_the_course_version(site):
    """Does every page name the course version installed (the package metadata's), in the
    page's language?"""
    version = importlib.metadata.version(DISTRIBUTION)
    pages = _html_pages(site[0])
    words = {"en": f"Course version {version}", "es": f"Versión del curso {version}"}
    assert SPANISH_LESSONS and any(page.startswith("es/") for page in pages)
    assert [
        page
        for page, text in pages.items()
        if words["es" if page.startswith("es/") else "en"] not in text
    ] == []


def test_no_file_name_is_turned_into_a_web_address(site):
    """Do words with a dot, such as codebook.md or lesson02.py, stay text instead of becoming
    links to http://codebook.md (MyST's linkify guessing addresses written without https://)?"""
    guessed = re.compile(r'<a class="reference external" href="https?://([^"/]+)/?">\1</a>')
    found = {page: guessed.findall(text) for page, text in _html_pages(site[0]).items()}
    assert {page: names for page, names in found.items() if names} == {}
    # what the fault looked like, so that the pattern above is known to find it
    assert guessed.search('<a class="reference external" href="http://codebook.md">codebook.md</a>')


def test_the_site_has_every_page(site):
    """Home, every lesson, the instructor notes and solutions, glossary, data and licences?"""
    html = site[0] / "_build" / "html"
    expected = [
        "index",
        "es/index",
        "glossary",
        "licences",
        "data/index",
        "data/tables",
        "data/codebook",
        "data/reference",
        "instructors/README",
        "solutions/index",
    ]
    expected += [f"lessons/{name}" for name in LESSONS] + [f"solutions/{name}" for name in LESSONS]
    expected += [f"instructors/{path.stem}" for path in (REPO / "instructors").glob("*.md")]
    expected += [f"es/lessons/{name}" for name in SPANISH_LESSONS]
    expected += [f"es/instructors/{name}" for name in SPANISH_NOTES]
    assert SPANISH_LESSONS and SPANISH_NOTES
    assert [page for page in expected if not (html / f"{page}.html").exists()] == []
    tables = (html / "data" / "tables.html").read_text(encoding="utf-8")
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert f"data/{resource['path']}" in tables, resource["name"]
        for field in resource["schema"]["fields"]:
            assert f'<span class="pre">{field["name"]}</span>' in tables, (
                resource["name"],
                field["name"],
            )
    glossary = (html / "glossary.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<dt id="term-', glossary)) == len(load_glossary())


def test_solutions_stay_in_the_instructor_section(site):
    """Do the lesson pages, in both languages, hold no model answer or solution code?"""
    html = site[0] / "_build" / "html"
    pages = [f"lessons/{name}" for name in LESSONS]
    pages += [f"es/lessons/{name}" for name in SPANISH_LESSONS]
    for name in pages:
        page = (html / f"{name}.html").read_text(encoding="utf-8")
        assert BEGIN_SOLUTION.lstrip("# ") not in page and "Model answer" not in page, name


def _switch(page_html: str) -> tuple[str, str, str] | None:
    """The language switch of a built page: its address, language and words."""
    found = re.search(
        r'<p class="vraem-language"><a href="([^"]+)" hreflang="(\w+)" lang="\w+">([^<]+)</a>',
        page_html,
    )
    return found.groups() if found else None


def _html_lang(page_html: str) -> str:
    return re.search(r'<html[^>]*\blang="([^"]+)"', page_html).group(1)


def test_every_page_in_both_languages_switches_to_the_other(site):
    """Does every page with a Spanish edition (home, lessons, instructor notes) link to it as
    "Español", and the Spanish page back as "English", each link leading to a page that exists;
    does every Spanish page say it is in Spanish and every English one that it is in English?"""
    html = site[0] / "_build" / "html"
    pairs = [("index", "es/index"), ("instructors/README", "es/instructors/README")]
    pairs += [(f"lessons/{name}", f"es/lessons/{name}") for name in SPANISH_LESSONS]
    pairs += [(f"instructors/{name}", f"es/instructors/{name}") for name in SPANISH_NOTES]
    for english, spanish in pairs:
        for page, other, language, words in (
            (english, spanish, "es", "Español"),
            (spanish, english, "en", "English"),
        ):
            text = (html / f"{page}.html").read_text(encoding="utf-8")
            switch = _switch(text)
            assert switch is not None, f"{page} has no language switch"
            href, hreflang, shown = switch
            target = (html / page).parent / href
            assert (hreflang, shown) == (language, words), page
            assert target.resolve() == (html / f"{other}.html").resolve(), (page, href)
            assert _html_lang(text) == ("en" if language == "es" else "es"), page
    # a page with no edition in the other language has no switch (the glossary is English only)
    assert _switch((html / "glossary.html").read_text(encoding="utf-8")) is None


#: The theme's menus and controls on a lesson page, each as the built HTML names it (a CSS
#: selector and what is read from it), and the words it must say in each language.
CONTROLS = {
    "skip link": (".skip-link a", None, "Skip to main content", "Saltar al contenido principal"),
    "back to top": ("#pst-back-to-top", None, "Back to top", "Volver arriba"),
    "search button": (".search-button__default-text", None, "Search", "Buscar"),
    "search field": (
        "input[name=q]",
        "placeholder",
        "Search this book...",
        "Buscar en este curso…",
    ),
    "colour mode": (".theme-switch-button .visually-hidden", None, "Color mode", "Modo de color"),
    "page contents": (".page-toc.tocsection", None, "Contents", "Contenido"),
    "previous": (".prev-next-area .left-prev .prev-next-subtitle", None, "previous", "anterior"),
    "next": (".prev-next-area .right-next .prev-next-subtitle", None, "next", "siguiente"),
    "download menu": (
        ".dropdown-download-buttons > button",
        "aria-label",
        "Download this page",
        "Descargar esta página",
    ),
    "download file": (
        ".dropdown-download-buttons a[href$='.ipynb']",
        "title",
        "Download source file",
        "Descargar el archivo fuente",
    ),
    "print": (
        ".dropdown-download-buttons button[onclick*='print']",
        "title",
        "Print to PDF",
        "Imprimir en PDF",
    ),
    "full screen": (
        "button.btn-fullscreen-button",
        "title",
        "Fullscreen mode",
        "Pantalla completa",
    ),
    "sidebar button": (
        "button.primary-toggle.btn",
        "title",
        "Toggle primary sidebar",
        "Mostrar u ocultar la barra lateral",
    ),
    "sidebar": ("nav.bd-docs-nav", "aria-label", "Main", "Principal"),
}


def _controls(page_html: str) -> dict[str, list[str]]:
    """What each of ``CONTROLS`` says on a built page: ``{"skip link": ["Skip to main content"]}``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    return {
        name: [
            " ".join((element.get(attribute) if attribute else element.get_text()).split())
            for element in soup.select(selector)
        ]
        for name, (selector, attribute, _, _) in CONTROLS.items()
    }


@pytest.mark.parametrize("name", SPANISH_LESSONS[:1] + SPANISH_LESSONS[3:4])
def test_a_spanish_page_names_the_themes_controls_in_spanish(site, name):
    """Does a Spanish lesson page (``lang="es"``) say every menu and control of the theme in
    Spanish, and its English page (written after the Spanish pages) in English?"""
    html = site[0] / "_build" / "html"
    for page, language, column in ((f"es/lessons/{name}", "es", 3), (f"lessons/{name}", "en", 2)):
        text = (html / f"{page}.html").read_text(encoding="utf-8")
        assert _html_lang(text) == language, page
        expected = {key: words[column] for key, words in CONTROLS.items()}
        found = _controls(text)
        assert {key: said for key, said in found.items() if not said} == {}, page
        assert {key: said for key, said in found.items() if set(said) != {expected[key]}} == {}, (
            page
        )


def _sidebar_links(page_html: str) -> list[tuple[str, str | None, str]]:
    """Each link of a built page's sidebar (the book's title, its home and its sections), as
    (where it leads, its ``lang``, its text)."""
    from bs4 import BeautifulSoup

    sidebar = BeautifulSoup(page_html, "html.parser").select_one(".bd-sidebar-primary")
    return [
        (link["href"], link.get("lang"), " ".join(link.get_text().split()))
        for link in sidebar.select("nav.bd-docs-nav a[href]")
    ]


def test_a_title_in_the_other_language_is_marked_with_it(site):
    """In the sidebar of an English page, is every Spanish title (the Spanish part's caption and
    links) marked ``lang="es"`` and no English one marked; in a Spanish page's sidebar, every
    English title (the home link, the captions, the English sections, the book's title)
    ``lang="en"``; and a previous or next page in the other language marked too?"""
    from bs4 import BeautifulSoup

    html = site[0] / "_build" / "html"
    name = SPANISH_LESSONS[3]
    for page, language, other in (
        (f"lessons/{name}", "en", "es"),
        (f"es/lessons/{name}", "es", "en"),
    ):
        text = (html / f"{page}.html").read_text(encoding="utf-8")
        links = _sidebar_links(text)
        leads = {
            href: (html / page).parent.joinpath(href.split("#")[0]).resolve()
            for href, _, _ in links
        }
        spanish_pages = (html / "es").resolve()
        for href, lang, words in links:
            target_language = "es" if leads[href].is_relative_to(spanish_pages) else "en"
            expected = None if target_language == language else target_language
            assert lang == expected, (page, href, words, lang)
        assert any(lang == other for _, lang, _ in links), page  # the other part is there
        soup = BeautifulSoup(text, "html.parser")
        captions = {
            " ".join(caption.get_text().split()): caption.get("lang")
            for caption in soup.select(".bd-sidebar-primary p.caption")
        }
        if language == "en":
            assert captions["Español"] == "es" and captions["Lessons"] is None
        else:
            assert captions["Español"] is None and captions["Lessons"] == "en"
            assert soup.select_one(".logo__title").get("lang") == "en"  # the book's English title
    # the last English page's next is the Spanish home, whose previous is that English page
    licences = (html / "licences.html").read_text(encoding="utf-8")
    spanish_home = (html / "es" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="prev-next-title"><span lang="es">', licences)
    assert re.search(r'class="prev-next-title"><span lang="en">', spanish_home)


# --- in a real browser ----------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@contextlib.contextmanager
def _browser(html: Path):
    """Serve the built site on 127.0.0.1 and start headless Chromium; yield ``(base, open_page)``.

    ``open_page(width)`` is a new page of that width on which every request that leaves the
    site is refused and recorded in ``blocked``.
    """
    if not Path(CHROMIUM).exists():
        _missing("Chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    blocked: list[str] = []

    def only_local(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright, CHROMIUM)

            def open_page(width: int):
                page = browser.new_page(viewport={"width": width, "height": 1000})
                page.route("**/*", only_local)
                return page

            try:
                yield base, open_page, blocked
            finally:
                browser.close()
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser_pages(site):
    """Open each lesson page in headless Chromium with every non-local request blocked."""
    seen = {}
    with _browser(site[0] / "_build" / "html") as (base, open_page, blocked):
        page = open_page(1280)
        for name in LESSONS:
            page.goto(f"{base}lessons/{name}.html", wait_until="networkidle")
            seen[name] = page.evaluate("""() => ({
                // a chart is an SVG picture: a file, a data: address, or inline <svg>
                charts: [...document.querySelectorAll('.cell_output img, .cell_output svg')]
                    .filter(el => el.tagName.toLowerCase() === 'svg'
                        ? !el.parentElement.closest('.cell_output svg, button')
                        : /\\.svg$|^data:image\\/svg\\+xml/.test(el.getAttribute('src') || ''))
                    .map(el => { el.scrollIntoView(); const box = el.getBoundingClientRect();
                                 return {loaded: el.tagName.toLowerCase() === 'svg'
                                                 || (el.complete && el.naturalWidth > 0),
                                         width: box.width, height: box.height}; }),
                links: [...document.querySelectorAll('a[href]')].map(a => a.href),
                text: document.querySelector('main').innerText,
            })""")
            links = {link.split("#")[0] for link in seen[name]["links"] if link.startswith(base)}
            seen[name]["status"] = {link: page.request.get(link).status for link in links}
            seen[name]["targets"] = {
                link: page.request.get(link).text()
                for link in links
                if any(full.startswith(link + "#") for full in seen[name]["links"])
            }
    return base, seen, blocked


#: The axe-core rules the audit runs: WCAG 2.x A and AA and axe's best practices, including the
#: rules axe calls experimental (label-content-name-mismatch, WCAG 2.5.3, is one: a control
#: whose name differs from the words it shows, as the theme's search button had).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: Beyond every serious or critical fault: an empty table header (axe rates it minor).
ALSO_FAILED = {"empty-table-header"}
PHONE = 390
#: Pages saved as pictures in reports/ (desktop and phone) for a person to look at.
PICTURED = ["index.html", f"lessons/{LESSONS[3]}.html"]
#: The theme's faults that the audit found before they were repaired, to prove it still would.
KNOWN_FAULTS = {
    "label-content-name-mismatch": '<button aria-label="Search">Search <kbd>Ctrl</kbd>+<kbd>K</kbd></button>',
    "summary-name": '<details><summary><span role="presentation"><i></i></span></summary><p>x</p></details>',
    "empty-table-header": "<table><thead><tr><th></th><th>year</th></tr></thead><tbody><tr><th>0</th>"
    "<td>2001</td></tr></tbody></table>",
}


def _faults(axe, page, rules: list[str]) -> list[dict]:
    """The faults that fail the audit on the page open in ``page``: what ``rules`` find that is
    serious or critical, or in ``ALSO_FAILED``."""
    result = axe.run(
        page, options={"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]}
    )
    return [
        {
            "rule": fault["id"],
            "impact": fault["impact"],
            "where": [node["html"][:200] for node in fault["nodes"]],
        }
        for fault in result.response["violations"]
        if fault["impact"] in ("serious", "critical") or fault["id"] in ALSO_FAILED
    ]


@pytest.fixture(scope="module")
def audit(site):
    """Every page of the site at desktop width (1280 px) and on a phone (390 px): the axe-core
    faults, whether the page scrolls sideways, and the lesson pages' charts and exercise notes."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _missing(
            'axe-playwright-python is not installed (the test extra: pip install -e ".[test]")'
        )
    axe = Axe()
    pages = sorted(_html_pages(site[0]))
    found = {"faults": {}, "sideways": {}, "charts": {}, "notes": {}, "known": {}}
    reports = REPO / "reports"
    reports.mkdir(exist_ok=True)
    with _browser(site[0] / "_build" / "html") as (base, open_page, blocked):
        for width in (1280, PHONE):
            page = open_page(width)
            page.goto(base + "index.html", wait_until="networkidle")
            page.evaluate(axe.axe_script)
            rules = page.evaluate(
                f"() => axe.getRules({json.dumps(AXE_TAGS)}).map(rule => rule.ruleId)"
            )
            for rule, markup in KNOWN_FAULTS.items():
                page.set_content(
                    f"<!doctype html><html lang='en'><title>t</title><main>{markup}</main></html>"
                )
                found["known"][(width, rule)] = [
                    fault["rule"] for fault in _faults(axe, page, rules)
                ]
            for name in pages:
                page.goto(base + name, wait_until="networkidle")
                found["faults"][(width, name)] = _faults(axe, page, rules)
                if name in PICTURED:
                    page.screenshot(
                        path=str(reports / f"site-{Path(name).stem}-{width}.png"), full_page=True
                    )
                if width != PHONE:
                    continue
                found["sideways"][name] = page.evaluate(
                    "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                if name.startswith("lessons/"):
                    found["charts"][name] = (
                        page.evaluate("""() => [...document.querySelectorAll('.cell_output img')]
                        .map(img => { const link = img.closest('a[href]'), box = img.getBoundingClientRect();
                                      const open = img.closest('.vraem-chart')?.querySelector('.vraem-chart-open a');
                                      return {link: link ? link.href : null, src: img.src, alt: img.alt,
                                              shown: box.width, natural: img.naturalWidth,
                                              open: open && open.offsetParent !== null ? open.href : null}; })""")
                    )
                    for chart in found["charts"][name]:
                        if chart["link"]:
                            response = page.request.get(chart["link"])
                            chart["target"] = (
                                response.status,
                                response.headers.get("content-type", ""),
                            )
                    found["notes"][name] = page.evaluate("""() => ({
                        notes: [...document.querySelectorAll('.vraem-notebook-only')].map(note => ({
                            // cut off: wider than itself, or than the output area that holds it
                            text: note.innerText, cut: [note, note.closest('.cell_output') || note]
                                .some(box => box.scrollWidth > box.clientWidth + 1),
                            visible: note.getBoundingClientRect().width > 0})),
                        text: document.querySelector('main').innerText})""")
    found["blocked"] = blocked
    return found


def test_the_audit_finds_the_faults_it_checks_for(audit):
    """Does the axe-core audit, as the test runs it, report each fault the theme had (so that
    its silence on the site's pages means something)?"""
    for (width, rule), reported in audit["known"].items():
        assert rule in reported, f"at {width} px axe did not report {rule}: {reported}"


def test_every_page_passes_the_accessibility_audit(site, audit):
    """Does axe-core find no serious or critical fault (and no empty table header) on any page,
    on a desktop or a phone?"""
    assert set(audit["faults"]) == {
        (width, name) for width in (1280, PHONE) for name in _html_pages(site[0])
    }
    assert {key: faults for key, faults in audit["faults"].items() if faults} == {}


def test_no_page_scrolls_sideways_on_a_phone(audit):
    """At 390 px wide, is every page as wide as the screen (long addresses and code wrap)?"""
    assert (
        audit["sideways"]
        and {name: sizes for name, sizes in audit["sideways"].items() if sizes[0] > sizes[1]} == {}
    )


@pytest.mark.parametrize("name", LESSONS)
def test_a_chart_opens_full_size(site, audit, name):
    """On a phone, is every chart a link to its own picture (an SVG file of the site, wider than
    the chart is shown), with its description as its text alternative and a visible line to
    open it?"""
    charts = audit["charts"][f"lessons/{name}.html"]
    assert len(charts) == _chart_outputs(site[0], name)
    for chart in charts:
        assert chart["link"] == chart["src"] and chart["link"].endswith(".svg"), chart
        assert chart["target"][0] == 200 and "svg" in chart["target"][1], chart
        assert chart["natural"] > chart["shown"], chart  # the picture opens bigger than it is shown
        assert (
            chart["open"] == chart["link"] and chart["alt"] and "no description" not in chart["alt"]
        ), chart


def _unanswered_runs(site_source: Path, name: str) -> list[str]:
    """The exercises that the lesson's run printed as unanswered (in the kept run, before the site's changes)."""
    kept = next((site_source / RUNS).glob(f"{name}.*.ipynb"))
    notebook = nbformat.read(kept, as_version=4)
    return [
        UNANSWERED[line]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.get("output_type") == "stream"
        for line in output["text"].splitlines()
        if line in UNANSWERED
    ]


@pytest.mark.parametrize("name", LESSONS)
def test_each_exercise_says_in_full_that_it_is_done_in_the_notebook(site, audit, name):
    """On a phone, does every checked exercise of a lesson page say, uncut, that it is done in
    the notebook, instead of a "run the cell again" line cut off at the edge?"""
    expected = _unanswered_runs(site[0], name)
    if 'check(\\"' in (REPO / "lessons" / f"{name}.ipynb").read_text(encoding="utf-8"):
        assert expected, f"{name} checks answers, but its run printed no unanswered exercise"
    page = audit["notes"][f"lessons/{name}.html"]
    assert [note["text"].split(" is done")[0] for note in page["notes"]] == [
        f"Exercise {i}" for i in expected
    ]
    for note in page["notes"]:
        assert note["visible"] and not note["cut"] and "in the notebook" in note["text"], note
    assert not any(line in page["text"] for line in UNANSWERED)


def _chart_outputs(site_source: Path, name: str) -> int:
    """How many charts the executed lesson drew: its SVG picture outputs."""
    notebook = json.loads((site_source / "lessons" / f"{name}.ipynb").read_text(encoding="utf-8"))
    return sum(
        "image/svg+xml" in output.get("data", {})
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
    )


@pytest.mark.parametrize("name", LESSONS)
def test_every_chart_of_a_lesson_is_visible(site, browser_pages, name):
    """Does the page show as many drawn pictures as the lesson drew charts, each at a readable size?"""
    _, seen, _ = browser_pages
    charts = seen[name]["charts"]
    expected = _chart_outputs(site[0], name)
    source = (REPO / "lessons" / f"{name}.ipynb").read_text(encoding="utf-8")
    if "alt.Chart" in source or "chart(" in source:
        assert expected >= 1, f"{name} makes charts but the executed lesson drew none"
    assert len(charts) == expected, (
        f"{name}: {len(charts)} pictures on the page, {expected} charts drawn"
    )
    for chart in charts:
        assert chart["loaded"] and chart["width"] > 200 and chart["height"] > 100, chart


@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_page_has_no_broken_internal_link(browser_pages, name):
    """Does every link within the site lead to a page that exists, and to the place it names?"""
    base, seen, _ = browser_pages
    page = seen[name]
    assert {link: status for link, status in page["status"].items() if status != 200} == {}
    for link in page["links"]:
        address, _, anchor = link.partition("#")
        if address.startswith(base) and anchor:
            target = page["targets"][address]
            assert f'id="{urllib.parse.unquote(anchor)}"' in target, (
                f"{name}: {link} points nowhere"
            )


@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_page_credits_the_articles(browser_pages, name):
    """Does the page name InSight Crime and link every article's original, as its terms ask?"""
    _, seen, _ = browser_pages
    page = seen[name]
    assert "Sources and credit" in page["text"] and "InSight Crime" in page["text"]
    missing = [url for url in load_metadata()["url"] if url not in page["links"]]
    assert missing == [], f"{name} does not link {missing}"


def test_a_spanish_lesson_page_switches_to_english_and_back(site):
    """In a browser: is a Spanish lesson page in Spanish (its ``lang``), does its visible
    "English" link open the English lesson (in English), and that page's "Español" the Spanish
    one again?"""
    name = SPANISH_LESSONS[3]
    with _browser(site[0] / "_build" / "html") as (base, open_page, blocked):
        page = open_page(PHONE)
        page.goto(f"{base}es/lessons/{name}.html", wait_until="networkidle")
        assert page.evaluate("() => document.documentElement.lang") == "es"
        english = page.get_by_role("link", name="English", exact=True)
        assert english.count() == 1 and english.is_visible()
        english.click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{base}lessons/{name}.html"
        assert page.evaluate("() => document.documentElement.lang") == "en"
        spanish = page.get_by_role("link", name="Español", exact=True)
        assert spanish.count() == 1 and spanish.is_visible()
        spanish.click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{base}es/lessons/{name}.html"
        assert "Fuentes y créditos" in page.locator("main").inner_text()
        assert blocked == []


#: The names a screen reader gives the theme's controls on a lesson page (a role and its name),
#: in English and in Spanish.
NAMED_CONTROLS = [
    ("link", "Skip to main content", "Saltar al contenido principal"),
    ("button", "Search", "Buscar"),
    ("button", "Color mode", "Modo de color"),
    ("button", "Download this page", "Descargar esta página"),
    ("navigation", "Main", "Principal"),
]


def test_a_spanish_page_names_its_controls_in_spanish_in_a_browser(site):
    """In a browser, does a Spanish lesson page say ``lang="es"``, and give the theme's controls
    (skip link, search, colour mode, download menu, the sidebar) Spanish names
    and no English ones, its previous and next links say "anterior" and "siguiente", and its
    sidebar's English titles keep ``lang="en"``? And its English page all of them in English?"""
    name = SPANISH_LESSONS[3]
    with _browser(site[0] / "_build" / "html") as (base, open_page, blocked):
        page = open_page(1280)
        for address, language in ((f"es/lessons/{name}", "es"), (f"lessons/{name}", "en")):
            page.goto(f"{base}{address}.html", wait_until="networkidle")
            assert page.evaluate("() => document.documentElement.lang") == language
            for role, english, spanish in NAMED_CONTROLS:
                said, unsaid = (spanish, english) if language == "es" else (english, spanish)
                named = page.get_by_role(role, name=re.compile(rf"^{re.escape(said)}\b"))
                assert named.count() >= 1, (address, role, said)
                assert page.get_by_role(role, name=unsaid, exact=True).count() == 0, (
                    address,
                    unsaid,
                )
            footer = page.locator(".prev-next-area").inner_text().lower()  # shown capitalised
            words = ("anterior", "siguiente") if language == "es" else ("previous", "next")
            assert all(word in footer for word in words), (address, footer)
            home = page.locator("nav.bd-docs-nav .bd-sidenav__home-link a")
            assert home.get_attribute("lang") == ("en" if language == "es" else None), address
        assert blocked == []


def test_no_page_asks_for_the_internet(browser_pages, audit):
    """Did the pages load everything (scripts, styles, fonts, pictures) from the site itself?"""
    assert browser_pages[2] == [] and audit["blocked"] == []


#: How NumPy 2 shows a number of its own when a cell ends with it: np.float64(-19.076305220883537).
NUMPY_SCALAR = re.compile(r"\bnp\.(?:float|int|uint|bool|complex)\w*\(")


@pytest.mark.parametrize("name", LESSONS)
def test_no_executed_lesson_shows_a_raw_numpy_number(site, name):
    """Does no output of a lesson, run as a learner runs it, show a NumPy scalar as
    np.float64(...) with all its digits (lesson 05 did, just after asking for two decimals)?"""
    source, result, _ = site
    if result.returncode != 0:
        pytest.fail("the site did not build: see test_the_site_builds_offline_without_warnings")
    notebook = json.loads((source / "lessons" / f"{name}.ipynb").read_text(encoding="utf-8"))
    shown = [
        (
            index,
            "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", "")),
        )
        for index, cell in enumerate(notebook["cells"], start=1)
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
    ]
    raw = [(index, text[:120]) for index, text in shown if NUMPY_SCALAR.search(text)]
    assert not raw, f"{name}: cells that show a raw NumPy number: {raw}"
