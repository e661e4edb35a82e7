"""Write the book's source: ``stage(repo, source)`` copies, generates and runs every page of the site.

Only files whose content changed are written (:class:`~.book.Book`), so Sphinx re-reads only
those pages; the book's configuration and table of contents are written here too.
"""

from __future__ import annotations

import importlib.metadata
import posixpath
import shutil
from pathlib import Path

import nbformat
import yaml

from ...glossary import term_names
from ...paths import course_root
from .book import Book, SiteError
from .links import link_first_mentions, relink
from .pages import (
    article_credits,
    credit_markdown,
    glossary_markdown,
    licences_markdown,
    tables_markdown,
)
from .runs import RUNS, execute, run_lesson, shared_inputs
from .static import for_the_static_page

#: Where, in the course folder, the book's source is staged; the HTML goes to its ``_build/html``.
STAGING = Path("build") / "site"


TITLE = "Reading security-policy reporting: Peru's VRAEM"


#: Tag of the credit cell added at the end of each lesson page.
CREDIT_TAG = "site-credit"


#: The installed distribution of the course (the ``name`` in pyproject.toml).
DISTRIBUTION = "vraem-course"


def site_files(repo: Path) -> dict[str, str]:
    """Where each repository file that the site shows lives in the book: ``{"README.md": "index.md"}``."""
    pages = {
        "README.md": "index.md",
        "README.es.md": "es/index.md",
        "LICENSE": "licences.md",
        "LICENSE-TEXT.md": "licences.md",
        "CITATION.cff": "licences.md",
        "data/README.md": "data/index.md",
        "data/datapackage.json": "data/tables.md",
        "data/codebook.md": "data/codebook.md",
        "data/reference/README.md": "data/reference.md",
        "data/glossary.csv": "glossary.md",
    }
    for folder in ("lessons", "solutions"):
        for notebook in sorted((repo / folder).glob("*.ipynb")):
            pages[f"{folder}/{notebook.name}"] = f"{folder}/{notebook.name}"
    for notes in sorted((repo / "instructors").glob("*.md")):
        pages[f"instructors/{notes.name}"] = f"instructors/{notes.name}"
    # the Spanish edition: its lessons and instructor notes, in the Spanish part of the book
    for folder, pattern in (("lessons", "*.ipynb"), ("instructors", "*.md")):
        for path in sorted((repo / folder / SPANISH).glob(pattern)):
            pages[f"{folder}/{SPANISH}/{path.name}"] = f"{SPANISH}/{folder}/{path.name}"
    return pages


def copy_course(repo: Path, target: Path) -> Path:
    """Copy the repository files the site is built from into ``target`` and return it.

    ``copy_course(repo, scratch / "course")`` copies exactly what :func:`site_files` lists (the
    README in both languages, the lessons, notes and solutions, the licences), so that a build
    from a copy (the site benchmark, the rebuild test) stages what the real build stages.
    """
    for name in site_files(repo):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / name, target / name)
    return target


#: The Spanish edition's language code, and the folder of its pages in the book (``es/``).
SPANISH = "es"


def spanish_file(repo_file: str) -> str | None:
    """The Spanish edition of an English repository file, if it has one by its place.

    ``spanish_file("lessons/03-coca-trends.ipynb")`` is ``"lessons/es/03-coca-trends.ipynb"``.
    """
    if repo_file == "README.md":
        return "README.es.md"
    folder, _, name = repo_file.partition("/")
    if folder in ("lessons", "instructors") and name and "/" not in name:
        return f"{folder}/{SPANISH}/{name}"
    return None


def spanish_links(pages: dict[str, str]) -> dict[str, str]:
    """Where the links of a Spanish page lead: a file's Spanish page where it has one, else its page.

    A Spanish file's links are written from its own folder (the translation build moves a link
    out of the folder one level deeper, and the README's to ``README.es.md``), and a link to an
    English file that has a Spanish edition leads to the Spanish page.
    """
    return {
        repo_file: pages.get(spanish_file(repo_file) or "", page)
        for repo_file, page in pages.items()
    }


def stage_lesson(
    repo: Path,
    name: str,
    book: Book,
    pages: dict[str, str],
    names: dict[str, str],
    *,
    credits: dict[str, str] | None = None,
    shared: str | None = None,
    run=execute,
    log=print,
    language: str = "en",
) -> None:
    """Write one learner notebook into the book: glossary-linked, credited, run, shown statically.

    ``credits`` and ``shared`` are :func:`article_credits` and :func:`shared_inputs`, the same for
    every lesson of a build (worked out here if not given). ``language="es"`` stages the Spanish
    lesson of that name (``lessons/es/``) as ``es/lessons/``, its links leading to Spanish pages.
    """
    english = f"lessons/{name}"
    repo_file = spanish_file(english) if language == SPANISH else english
    page = pages[repo_file]
    links = spanish_links(pages) if language == SPANISH else pages
    notebook = nbformat.read(repo / repo_file, as_version=4)
    seen: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = relink(cell.source, repo_file, page, links)
            cell.source = link_first_mentions(text, seen, names)
    licences = posixpath.relpath("licences.md", posixpath.dirname(page))
    # a fixed cell id (nbformat would draw a random one), so an unchanged lesson hashes the same
    notebook.cells.append(
        nbformat.v4.new_markdown_cell(
            credit_markdown(credits, language, licences),
            id=CREDIT_TAG,
            metadata={"tags": [CREDIT_TAG]},
        )
    )
    run_name = Path(repo_file).relative_to("lessons").with_suffix("").as_posix()
    executed = run_lesson(notebook, book.source / RUNS, run_name, run=run, log=log, shared=shared)
    book.write(page, nbformat.writes(for_the_static_page(executed, book, page, language)))


def _copy_markdown(repo: Path, repo_file: str, book: Book, pages: dict[str, str]) -> None:
    text = (repo / repo_file).read_text(encoding="utf-8")
    spanish = repo_file.startswith("instructors/es/")  # its links lead to Spanish pages
    text = relink(text, repo_file, pages[repo_file], spanish_links(pages) if spanish else pages)
    book.write(pages[repo_file], text)


def course_version() -> str:
    """The course's version, as installed: ``course_version()`` is e.g. ``"0.2.0"``."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "unknown (the course is not installed: run python3 course.py site)"


def _config(static: bool) -> dict:
    return {
        "title": TITLE,
        "author": "The VRAEM course authors",
        "copyright": "the VRAEM course authors (text CC BY 4.0, code MIT; articles © InSight Crime)",
        "only_build_toc_files": True,
        # the lessons are run by stage_lesson(); the solution notebooks are shown as written
        "execute": {"execute_notebooks": "off"},
        # no dollar maths: the course has none, and MathJax would come from a CDN
        "parse": {"myst_enable_extensions": ["colon_fence", "linkify", "substitution"]},
        "html": {
            "use_repository_button": False,
            "use_issues_button": False,
            "use_edit_page_button": False,
            "home_page_in_navbar": True,
        },
        "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "", "thebe": False},
        "sphinx": {
            "extra_extensions": ["vraem.authoring.site_theme"],
            "config": {
                "html_show_sourcelink": False,
                "html_static_path": ["_static"] if static else [],
                # linkify links addresses written out (https://…, www.…), not every word with a
                # dot in it: file names such as codebook.md or lesson02.py stay text
                "myst_linkify_fuzzy_links": False,
                # the footer's course version, which the theme's extra-footer.html (the course's
                # copy) writes in the page's language
                "html_context": {"vraem_version": course_version()},
            },
        },
    }


def _toc(pages: dict[str, str]) -> dict:
    def chapters(folder: str) -> list[dict]:
        return [
            {"file": page.rsplit(".", 1)[0]}
            for page in pages.values()
            if page.startswith(folder + "/") and not page.endswith("README.md")
        ]

    spanish = [{"file": f"{SPANISH}/index"}, *chapters(f"{SPANISH}/lessons")]
    if f"{SPANISH}/instructors/README.md" in pages.values():
        spanish.append(
            {
                "file": f"{SPANISH}/instructors/README",
                "sections": chapters(f"{SPANISH}/instructors"),
            }
        )
    return {
        "format": "jb-book",
        "root": "index",
        "parts": [
            {"caption": "Lessons", "chapters": chapters("lessons")},
            {
                "caption": "For instructors",
                "chapters": [
                    {"file": "instructors/README", "sections": chapters("instructors")},
                    {"file": "solutions/index", "sections": chapters("solutions")},
                ],
            },
            {
                "caption": "Reference",
                "chapters": [
                    {"file": "glossary"},
                    {
                        "file": "data/index",
                        "sections": [
                            {"file": "data/tables"},
                            {"file": "data/codebook"},
                            {"file": "data/reference"},
                        ],
                    },
                    {"file": "licences"},
                ],
            },
            {"caption": "Español", "chapters": spanish},
        ],
    }


def stage(repo: Path | None = None, source: Path | None = None, *, log=print, run=execute) -> Path:
    """Write the book's source into ``source`` and return it.

    ``repo`` is the course folder (default: :func:`vraem.paths.course_root`); ``source``
    defaults to its ``build/site``.

    Only files whose content changed are written, a lesson is run (with ``run``) only when
    :func:`run_key` says its inputs changed, and files of an earlier build that this one does
    not write are removed.
    """
    repo = repo or course_root()
    source = source or repo / STAGING
    for needed in ("README.md", "lessons", "solutions", "instructors"):
        if not (repo / needed).exists():
            raise SiteError(
                f"{repo / needed} is missing: the site is built from a clone of the course "
                "repository, not from an installed package."
            )
    book = Book(source)
    pages = site_files(repo)
    for repo_file in [
        "README.md",
        "README.es.md",
        "data/README.md",
        "data/codebook.md",
        "data/reference/README.md",
        *[name for name in pages if name.startswith("instructors/")],
    ]:
        _copy_markdown(repo, repo_file, book, pages)
    for repo_file in (name for name in pages if name.startswith("solutions/")):
        notebook = nbformat.read(repo / repo_file, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = relink(cell.source, repo_file, repo_file, pages)
        book.write(repo_file, nbformat.writes(notebook))
    book.write(
        "solutions/index.md",
        "# Solution notebooks\n\nThe lessons with model answers, rubrics and instructor notes in "
        "place. They are shown as written, not run: run them in JupyterLab from the course's "
        "`solutions/` folder.\n",
    )
    credits = article_credits()
    book.write("glossary.md", glossary_markdown(credits))
    book.write("data/tables.md", tables_markdown())
    book.write("licences.md", licences_markdown(repo, credits))
    lesson = {"pages": pages, "names": term_names(), "credits": credits, "shared": shared_inputs()}
    for repo_file in pages:
        folder, _, name = repo_file.partition("/")
        if folder == "lessons" and "/" not in name:  # the English lesson, then its Spanish edition
            stage_lesson(repo, name, book, **lesson, run=run, log=log)
            if spanish_file(repo_file) in pages:
                stage_lesson(repo, name, book, **lesson, run=run, log=log, language=SPANISH)
    static = any(path.is_relative_to(source / "_static") for path in book.written)
    book.write("_config.yml", yaml.safe_dump(_config(static), sort_keys=False, allow_unicode=True))
    book.write("_toc.yml", yaml.safe_dump(_toc(pages), sort_keys=False))
    book.prune()
    return source
