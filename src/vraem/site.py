"""Build the course website offline: ``python -m vraem.site`` (``python3 course.py site`` does it).

The site is a Jupyter Book 1 (Sphinx + MyST-NB) with these pages:

- home: the README, and the Spanish README (``README.es.md``) as ``es/index``, which the home
  page links to;
- Lessons: every learner notebook, run once here so its tables and charts show (the charts
  are the course's SVG pictures, so no script or CDN is needed), with the first mention of
  each glossary term linked to the glossary and a closing credit of the articles;
- For instructors: the instructor notes and the solution notebooks (model answers and
  rubrics appear in this section only);
- Reference: the glossary, the data (notes, a page per table generated from
  ``datapackage.json``, the codebook, the reference notes), licences and credits.

The book's source is staged in ``build/site/`` and the HTML written to
``build/site/_build/html/`` (``build/`` is git-ignored); the repository is not changed.

A rebuild does only what changed. Each lesson's run is kept under a hash of what it depends
on (:func:`run_key`: the staged lesson, every data file, the helper package, the installed
packages), so a rebuild runs a lesson again only when one of those changed; staging writes a
file only when its content changed, so Sphinx re-reads only those pages.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.metadata
import inspect
import json
import os
import posixpath
import re
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import nbformat
import yaml

from .contract import CHECK_MODE_VARIABLE, DATA_VARIABLE, PROGRESS_FILE_VARIABLE, RENDERER_VARIABLE
from .corpus import load_metadata
from .glossary import NOT_PROSE, load_glossary, term_names
from .paths import CourseDataError, course_root, data_dir, data_file
from .quotes import quote

#: Where, in the course folder, the book's source is staged; the HTML goes to its ``_build/html``.
STAGING = Path("build") / "site"
TITLE = "Reading security-policy reporting: Peru's VRAEM"
#: Tag of the credit cell added at the end of each lesson page.
CREDIT_TAG = "site-credit"

#: Where, under the book's source, each lesson's last run is kept (``_build`` holds what
#: the build makes; deleting it starts afresh).
RUNS = Path("_build") / "lesson-runs"
#: Where the chart pictures go, as files that open full size (Sphinx copies ``_static``).
CHARTS = Path("_static") / "charts"
#: The package's own files that only shape the website, not what a lesson computes.
SITE_ONLY = ("site.py", "site_theme")
#: The installed distribution of the course (the ``name`` in pyproject.toml).
DISTRIBUTION = "vraem-course"

#: Sphinx warnings that are expected, each with why (a pattern matched against the line).
#: Empty: a warning in the build is a fault to fix, and tests/test_site.py fails on it.
EXPLAINED_WARNINGS: dict[str, str] = {}


class SiteError(RuntimeError):
    """The site cannot be built; the message says why and what to do."""


def _repo_files(repo: Path) -> dict[str, str]:
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
    return pages


LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def relink(markdown: str, repo_file: str, site_file: str, pages: dict[str, str]) -> str:
    """Point relative links of a repository file at the same files' pages in the book.

    ``relink("[00](lessons/00-start-here.ipynb)", "README.md", "index.md", pages)`` keeps the
    link; a link from ``instructors/README.md`` to ``../data/README.md`` becomes
    ``../data/index.md``. A link to a file the site does not show is left as it is, so that
    Sphinx warns about it (and the site test fails) instead of the link silently breaking.
    """

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target):  # an address, or a place on the same page
            return match.group(0)
        path, _, anchor = target.partition("#")
        in_repo = posixpath.normpath(posixpath.join(posixpath.dirname(repo_file), path))
        if in_repo not in pages:
            return match.group(0)
        new = posixpath.relpath(pages[in_repo], posixpath.dirname(site_file) or ".")
        return f"{match.group(1)}{new}{'#' + anchor if anchor else ''}{match.group(3)}"

    return LINK.sub(fix, markdown)


def _names_pattern(names: dict[str, str]) -> re.Pattern:
    """One pattern for every name of every term, longest first, acronyms in capitals only."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        body = re.escape(name).replace(r"\ ", r"\s+")
        parts.append(body if name.isupper() else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?:e?s)?(?![\w-])")


def link_first_mentions(markdown: str, seen: set[str], names: dict[str, str]) -> str:
    """Link the first mention on a page of each glossary term to the glossary.

    ``seen`` holds the terms already linked on the page and is updated. Headings, code,
    links and addresses are left alone. The link is Sphinx's ``{term}`` role, which
    points at the term's entry on the glossary page (and warns if it has none).
    """
    pattern = _names_pattern(names)
    folded = {name.casefold(): term for name, term in names.items()}

    def link(match: re.Match) -> str:
        words = match.group(0)
        term = folded.get(" ".join(match.group(1).split()).casefold())
        if term is None or term in seen:
            return words
        seen.add(term)
        return f"{{term}}`{words} <{term}>`"

    # what must stay as it is: code, addresses, links, headings, roles already there
    protected = re.compile(
        NOT_PROSE.pattern + r"|\[[^\]]*\]\([^)]*\)|^#[^\n]*|\{\w+\}`[^`]*`",
        re.DOTALL | re.MULTILINE,
    )
    out, start = [], 0
    for keep in protected.finditer(markdown):
        out.append(pattern.sub(link, markdown[start : keep.start()]))
        out.append(keep.group(0))
        start = keep.end()
    out.append(pattern.sub(link, markdown[start:]))
    return "".join(out)


def article_credits() -> dict[str, str]:
    """Each article's credit line, as ``quote()`` prints it under a passage: ``{"000": "InSight …"}``."""
    # an empty passage stands in every article, so this is each article's own credit line
    return {
        article_id: quote(article_id, "").attribution
        for article_id in load_metadata()["article_id"]
    }


def credit_markdown(credits: dict[str, str] | None = None) -> str:
    """The closing cell of each lesson page: who wrote the articles and on what terms.

    ``credits`` is :func:`article_credits` (worked out here if not given).
    """
    lines = [
        "## Sources and credit",
        "",
        "This course reads five articles by InSight Crime (insightcrime.org). The passages on "
        "this page are quoted from them with credit, under InSight Crime's terms: non-commercial "
        "use, attribution to InSight Crime and a link to the original "
        "(see [licences and credits](../licences.md)).",
        "",
    ]
    lines += [f"- {line}" for line in (credits or article_credits()).values()]
    return "\n".join(lines) + "\n"


class Book:
    """The book's source folder, written file by file so that a rebuild redoes only what changed.

    ``book.write("glossary.md", text)`` leaves a file that already says ``text`` untouched, with
    its time, so Sphinx does not read that page again; ``book.prune()`` then removes what an
    earlier build wrote and this one did not (a lesson that was renamed). ``_build`` is kept.
    """

    def __init__(self, source: Path):
        self.source = source
        self.written: set[Path] = set()

    def write(self, page: str, text: str) -> None:
        """Write one page of the book, leaving a file that already says ``text`` untouched."""
        path = self.source / page
        self.written.add(path)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def prune(self) -> None:
        """Remove the files this build did not write, and folders left empty; ``_build`` is kept."""
        for path in sorted(self.source.rglob("*"), reverse=True):  # files before their folders
            if path.relative_to(self.source).parts[0] == "_build" or path in self.written:
                continue
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            else:
                path.unlink()


@contextmanager
def _kernel_environment(data: Path):
    """Run lessons as a learner would (no check mode), recording no progress in the home folder."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.pop(CHECK_MODE_VARIABLE, None)
        os.environ.pop(RENDERER_VARIABLE, None)  # the static SVG pictures, not the widget
        os.environ[PROGRESS_FILE_VARIABLE] = str(Path(scratch) / "progress.json")
        os.environ[DATA_VARIABLE] = str(
            data
        )  # the data run_key() hashed, wherever the kernel starts
        try:
            yield Path(scratch)
        finally:
            os.environ.clear()
            os.environ.update(saved)


def execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a scratch folder (a lesson must run without an error)."""
    from nbclient import NotebookClient

    with _kernel_environment(data_dir()) as scratch:
        # The kernel warns that it talks "over TCP without encryption". Harmless here: it listens
        # on 127.0.0.1 only, every message is signed with a key that only this process and the
        # kernel know (in a connection file only this user can read), and the kernel runs a lesson
        # of the course and is shut down. Its log is set to errors only so the build's output is
        # not seven copies of that warning; errors in the lesson itself still stop the build.
        NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            resources={"metadata": {"path": str(scratch)}},
        ).execute()
    return notebook


def _hash_files(digest, folder: Path, skip: tuple[str, ...] = ()) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and "__pycache__" not in relative.parts and relative.parts[0] not in skip:
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def _installed_packages() -> str:
    """Every package installed for this Python, by its metadata folder's name (``pandas-3.1.1.dist-info``).

    Reading the folder names is much faster than reading each package's metadata.
    """
    folders = (Path(entry) for entry in sys.path if entry and Path(entry).is_dir())
    return "\n".join(sorted(info.name for folder in folders for info in folder.glob("*.dist-info")))


def shared_inputs() -> str:
    """A hash of what every lesson's run depends on besides the lesson itself.

    Every file of the course data (a changed data file runs every lesson again), the helper
    package the lessons import (all of it but the website's own modules, ``SITE_ONLY``), the
    code that runs a lesson, and the Python and packages installed.
    """
    digest = hashlib.sha256()
    _hash_files(digest, data_dir())
    _hash_files(digest, Path(__file__).parent, skip=SITE_ONLY)
    digest.update(
        inspect.getsource(_kernel_environment).encode() + inspect.getsource(execute).encode()
    )
    digest.update(sys.version.encode() + _installed_packages().encode())
    return digest.hexdigest()


def run_key(notebook: nbformat.NotebookNode, shared: str | None = None) -> str:
    """The hash a lesson's run is kept under: the staged lesson and :func:`shared_inputs`.

    The glossary links and the credit cell are part of the staged lesson, so a new glossary
    term or credit line runs the lesson again too.
    """
    digest = hashlib.sha256(json.dumps(notebook, sort_keys=True).encode())
    digest.update((shared or shared_inputs()).encode())
    return digest.hexdigest()


def run_lesson(
    notebook: nbformat.NotebookNode,
    runs: Path,
    name: str,
    *,
    run=execute,
    log=print,
    shared: str | None = None,
) -> nbformat.NotebookNode:
    """The lesson run, from ``runs/`` if an earlier build ran the same lesson on the same inputs.

    ``run_lesson(notebook, source / RUNS, "03-coca-trends")`` runs it (with ``run``) only when
    :func:`run_key` differs from the last run's; the new run replaces the old one.
    """
    key = run_key(notebook, shared)
    kept = runs / f"{name}.{key[:20]}.ipynb"
    if kept.exists():
        try:
            executed = nbformat.read(kept, as_version=4)
        except Exception as error:  # a damaged copy is run again, not trusted
            log(
                f"the last run of lessons/{name}.ipynb cannot be read ({type(error).__name__}): running it again"
            )
        else:
            log(f"lessons/{name}.ipynb is unchanged: its last run is reused")
            return executed
    log(f"running lessons/{name}.ipynb …")
    executed = run(notebook)
    runs.mkdir(parents=True, exist_ok=True)
    for old in runs.glob(f"{name}.*.ipynb"):
        old.unlink()
    partial = kept.with_suffix(
        ".partial"
    )  # renamed when complete: an interrupted build leaves no half run
    nbformat.write(executed, partial)
    partial.replace(kept)
    return executed


def _unanswered_lines() -> dict[str, str]:
    """What ``check(id, ...)`` prints for each exercise left unanswered: ``{line: exercise id}``."""
    from .checks import evaluate
    from .exercises import all_exercises

    return {str(evaluate(exercise_id, ...)): exercise_id for exercise_id in all_exercises()}


def notebook_only_note(exercise_id: str) -> dict:
    """The output shown on a static page in place of "not answered yet": do it in the notebook."""
    text = (
        f"Exercise {exercise_id} is done in the notebook, not on this page: open the lesson in "
        "JupyterLab (python3 course.py lab), put your answer in place of the ... and run the "
        "cell; check() then says whether it is right."
    )
    shown = (
        f'<p class="vraem-notebook-only">Exercise {html.escape(exercise_id)} is done in the notebook, '
        "not on this page: open the lesson in JupyterLab (<code>python3 course.py lab</code>), put "
        "your answer in place of the <code>...</code> and run the cell; <code>check()</code> then "
        "says whether it is right.</p>"
    )
    return nbformat.v4.new_output("display_data", data={"text/html": shown, "text/plain": text})


def _notes_for_exercises(outputs: list, unanswered: dict[str, str]) -> list:
    """The outputs with each "not answered yet" line of check() replaced by notebook_only_note()."""
    changed = []
    for output in outputs:
        if output.get("output_type") != "stream":
            changed.append(output)
            continue
        kept: list[str] = []
        for line in output["text"].splitlines(keepends=True):
            exercise_id = unanswered.get(line.rstrip("\n"))
            if exercise_id is None:
                kept.append(line)
                continue
            if kept:
                changed.append(
                    nbformat.v4.new_output("stream", name=output["name"], text="".join(kept))
                )
                kept = []
            changed.append(notebook_only_note(exercise_id))
        if kept:
            changed.append(
                nbformat.v4.new_output("stream", name=output["name"], text="".join(kept))
            )
    return changed


HEAD = re.compile(r"<thead\b.*?</thead>", re.DOTALL | re.IGNORECASE)


def name_table_headers(table_html: str) -> str:
    """Give every header cell of a shown table a name (pandas leaves the index column's empty).

    A table whose index has a name gets it in the header row (pandas puts it on a row of its
    own); an unnamed index is headed "row" for screen readers (hidden text); the empty cells
    pandas puts beside index names under named columns are not headers and become plain cells.
    Only the ``<thead>`` of each table is parsed (the body can be long and is left as it is).
    """
    return HEAD.sub(lambda head: _named_head(head.group(0)), table_html)


def _named_head(head_html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(head_html, "html.parser")
    head = soup.find("thead")
    rows = head.find_all("tr", recursive=False)
    if not rows:
        return head_html
    cells = [row.find_all(["th", "td"], recursive=False) for row in rows]
    named = [cell for cell in cells[-1] if cell.get_text(strip=True)] if len(rows) > 1 else []
    leading = [cell for cell in cells[0][: len(named)] if not cell.get_text(strip=True)]
    if (
        named
        and cells[-1][: len(named)] == named
        and len(leading) == len(named)
        and not any(cell.get_text(strip=True) for cell in cells[-1][len(named) :])
    ):
        for empty, name in zip(
            leading, named, strict=True
        ):  # the index names move up into the header row
            empty.string = name.get_text()
        rows[-1].decompose()
    for row in head.find_all("tr", recursive=False):
        row_cells = row.find_all(["th", "td"], recursive=False)
        for position, cell in enumerate(row_cells):
            if cell.name != "th" or cell.get_text(strip=True):
                continue
            if all(not other.get_text(strip=True) for other in row_cells[:position]):
                label = soup.new_tag("span", attrs={"class": "visually-hidden"})
                label.string = "row"
                cell.append(label)
            else:
                cell.name = "td"
    return str(soup)


def link_chart(output: dict, book: Book, page: str) -> None:
    """Show a chart output as its SVG file, linked to itself so that it opens full size.

    The picture is written to the book's ``CHARTS`` under a name from its content; the HTML
    becomes that picture with its description as the text alternative (as before), in a link
    to the file, and a line "Open the chart full size" that narrow screens show.
    """
    data = output.get("data", {})
    svg = data.get("image/svg+xml")
    shown = data.get("text/html", "")
    match = re.search(r'<img src="data:image/svg\+xml;base64,[^"]*" alt="([^"]*)"', shown)
    if not svg or not match:
        return
    svg = "".join(svg) if isinstance(svg, list) else svg
    file = (
        CHARTS / f"{Path(page).stem}-{hashlib.sha256(svg.encode()).hexdigest()[:12]}.svg"
    ).as_posix()
    book.write(file, svg)
    address = posixpath.relpath(file, posixpath.dirname(page))
    data["text/html"] = (
        f'<div class="vraem-chart"><a href="{address}"><img src="{address}" '
        f'alt="{match.group(1)}"></a><p class="vraem-chart-open"><a href="{address}">'
        "Open the chart full size</a></p></div>"
    )


def for_the_static_page(
    notebook: nbformat.NotebookNode, book: Book, page: str
) -> nbformat.NotebookNode:
    """What a run lesson shows on its page: notes for the exercises, named tables, charts as links."""
    unanswered = _unanswered_lines()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = _notes_for_exercises(cell.outputs, unanswered)
        for output in cell.outputs:
            data = output.get("data", {})
            if "image/svg+xml" in data:
                link_chart(output, book, page)
            elif "text/html" in data:
                shown = data["text/html"]
                data["text/html"] = name_table_headers(
                    "".join(shown) if isinstance(shown, list) else shown
                )
    return notebook


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
) -> None:
    """Write one learner notebook into the book: glossary-linked, credited, run, shown statically.

    ``credits`` and ``shared`` are :func:`article_credits` and :func:`shared_inputs`, the same for
    every lesson of a build (worked out here if not given).
    """
    notebook = nbformat.read(repo / "lessons" / name, as_version=4)
    seen: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = relink(cell.source, f"lessons/{name}", f"lessons/{name}", pages)
            cell.source = link_first_mentions(text, seen, names)
    # a fixed cell id (nbformat would draw a random one), so an unchanged lesson hashes the same
    notebook.cells.append(
        nbformat.v4.new_markdown_cell(
            credit_markdown(credits), id=CREDIT_TAG, metadata={"tags": [CREDIT_TAG]}
        )
    )
    executed = run_lesson(
        notebook, book.source / RUNS, Path(name).stem, run=run, log=log, shared=shared
    )
    page = f"lessons/{name}"
    book.write(page, nbformat.writes(for_the_static_page(executed, book, page)))


def _copy_markdown(repo: Path, repo_file: str, book: Book, pages: dict[str, str]) -> None:
    text = (repo / repo_file).read_text(encoding="utf-8")
    book.write(pages[repo_file], relink(text, repo_file, pages[repo_file], pages))


def _cell_text(text: object) -> str:
    """A value made safe for a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _constraints(field: dict) -> str:
    rules = []
    for key, value in field.get("constraints", {}).items():
        if key == "enum":
            rules.append("one of " + ", ".join(f"`{item}`" for item in value))
        elif value is True:
            rules.append(key)
        else:
            rules.append(f"{key} `{value}`")
    return "; ".join(rules)


def tables_markdown() -> str:
    """A page documenting every table of ``data/datapackage.json``, column by column."""
    package = json.loads(data_file("datapackage.json").read_text(encoding="utf-8"))
    lines = [
        "# The data tables",
        "",
        f"Generated from `data/datapackage.json` ({_cell_text(package.get('title', ''))}), "
        "the Frictionless Data Package that the tests validate every table against. "
        "In a notebook, `vraem.tables.read_table(name)` loads a table with these types.",
        "",
    ]
    for licence in package.get("licenses", []):
        lines += [f"Licence: [{licence.get('title', licence['name'])}]({licence['path']}).", ""]
    for resource in package["resources"]:
        schema = resource.get("schema", {})
        lines += [
            f"## {resource.get('title', resource['name'])}",
            "",
            f"File `data/{resource['path']}`, table name `{resource['name']}`.",
            "",
            _cell_text(resource.get("description", "")),
            "",
        ]
        if schema.get("primaryKey"):
            lines += [
                "One row per " + ", ".join(f"`{key}`" for key in schema["primaryKey"]) + ".",
                "",
            ]
        for key in schema.get("foreignKeys", []):
            fields = ", ".join(f"`{name}`" for name in key["fields"])
            target = key["reference"]
            lines += [
                f"{fields} refers to `{', '.join(target['fields'])}` of the "
                f"`{target.get('resource') or resource['name']}` table.",
                "",
            ]
        lines += ["| column | type | what it holds | rules |", "|---|---|---|---|"]
        for field in schema.get("fields", []):
            lines.append(
                f"| `{field['name']}` | {field.get('type', 'string')} | "
                f"{_cell_text(field.get('description', ''))} | {_constraints(field)} |"
            )
        lines.append("")
    return "\n".join(lines)


def glossary_markdown(credits: dict[str, str] | None = None) -> str:
    """The glossary page: one Sphinx glossary entry per term, each with its source."""
    credits = credits or article_credits()
    lines = [
        "# Glossary",
        "",
        "The terms and acronyms of the course, in Spanish and English, each with the passage "
        "it rests on: an article quote or a passage of the course's reference notes. In a "
        'notebook, `glossary("VRAEM")` prints the same entry and `glossary()` lists every term.',
        "",
        "```{glossary}",
        ":sorted:",
        "",
    ]
    for _, row in load_glossary().iterrows():
        if row["source_kind"] == "article":
            source = f"“{row['quote']}” — {credits[row['article_id']]}"
        elif row["source_url"] == "data/reference/README.md":
            source = f"“{row['quote']}” — [the course's reference notes](data/reference.md)"
        else:
            source = f"“{row['quote']}” — {row['source_url']}"
        lines += [
            row["term"],
            f"  {_cell_text(row['definition'])}",
            "",
            f"  *Spanish:* {row['spanish']} · *English:* {row['english']}",
            "",
            f"  *Source:* {source}",
            "",
        ]
    lines += ["```", ""]
    return "\n".join(lines)


def licences_markdown(repo: Path, credits: dict[str, str] | None = None) -> str:
    """The licences and credits page: the MIT licence, the text licence, the articles, citing."""
    text_licence = (repo / "LICENSE-TEXT.md").read_text(encoding="utf-8")
    text_licence = re.sub(r"^# .*\n", "", text_licence, count=1)
    lines = [
        "# Licences and credits",
        "",
        "## The course text and data tables: CC BY 4.0",
        "",
        text_licence.strip(),
        "",
        "## The articles: InSight Crime",
        "",
        "The five articles the course reads are by InSight Crime, copied and quoted under the "
        "publisher's terms: non-commercial use, with attribution to InSight Crime and a link to "
        "the original. Their credits:",
        "",
    ]
    lines += [f"- {line}" for line in (credits or article_credits()).values()]
    lines += [
        "",
        "## The code: MIT",
        "",
        "```text",
        (repo / "LICENSE").read_text(encoding="utf-8").strip(),
        "```",
        "",
        "## How to cite the course",
        "",
        "```yaml",
        (repo / "CITATION.cff").read_text(encoding="utf-8").strip(),
        "```",
        "",
    ]
    return "\n".join(lines)


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
            "extra_footer": f'<p class="vraem-version">Course version {course_version()}</p>',
        },
        "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "", "thebe": False},
        "sphinx": {
            "extra_extensions": ["vraem.site_theme"],
            "config": {
                "html_show_sourcelink": False,
                "html_static_path": ["_static"] if static else [],
                # linkify links addresses written out (https://…, www.…), not every word with a
                # dot in it: file names such as codebook.md or lesson02.py stay text
                "myst_linkify_fuzzy_links": False,
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
            {"caption": "Español", "chapters": [{"file": "es/index"}]},
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
    pages = _repo_files(repo)
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
    for repo_file in (name for name in pages if name.startswith("lessons/")):
        stage_lesson(repo, repo_file.split("/", 1)[1], book, **lesson, run=run, log=log)
    static = any(path.is_relative_to(source / "_static") for path in book.written)
    book.write("_config.yml", yaml.safe_dump(_config(static), sort_keys=False, allow_unicode=True))
    book.write("_toc.yml", yaml.safe_dump(_toc(pages), sort_keys=False))
    book.prune()
    return source


def build(source: Path | None = None) -> tuple[Path, list[str]]:
    """Build the HTML from a staged source; return the index page and every Sphinx warning."""
    source = source or course_root() / STAGING
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from jupyter_book.cli.main import main; main()",
            "build",
            str(source),
            "--keep-going",
        ],
        capture_output=True,
        text=True,
    )
    output = re.sub(
        r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr
    )  # Sphinx colours its lines
    warnings = [
        line.strip() for line in output.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)
    ]
    index = source / "_build" / "html" / "index.html"
    if result.returncode or not index.exists():
        raise SiteError(f"jupyter-book build failed (exit {result.returncode}):\n{output[-3000:]}")
    return index, warnings


def unexplained(warnings: list[str]) -> list[str]:
    """The warnings that ``EXPLAINED_WARNINGS`` does not account for."""
    return [
        line
        for line in warnings
        if not any(re.search(pattern, line) for pattern in EXPLAINED_WARNINGS)
    ]


def main(argv: list[str] | None = None) -> int:
    """Stage and build the site; exit 1 if it fails or warns."""
    parser = argparse.ArgumentParser(
        prog="python -m vraem.site", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="where to stage the book; the HTML goes to its _build/html, and what an "
        "earlier build there made is reused where nothing changed",
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=None,
        help="the course folder to build from (default: the one the course is installed from)",
    )
    arguments = parser.parse_args(argv)
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        print(
            "[site] Jupyter Book is not installed: run `python3 course.py site`, which installs it "
            '(the course\'s `site` extra), or `pip install -e ".[site]"`.',
            file=sys.stderr,
        )
        return 1
    try:
        repo = (arguments.repo or course_root()).resolve()
        source = stage(
            repo,
            (arguments.source or repo / STAGING).resolve(),
            log=lambda message: print(f"[site] {message}", flush=True),
        )
        print("[site] building the HTML with Jupyter Book …", flush=True)
        index, warnings = build(source)
    except (SiteError, CourseDataError) as error:
        print(f"[site] {error}", file=sys.stderr)
        return 1
    for line in warnings:
        print(f"[site] {line}")
    print(f"[site] the site is in {index.parent}; open {index} in a browser.")
    return 1 if unexplained(warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
