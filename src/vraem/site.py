"""Build the course website offline: ``python -m vraem.site`` (``python3 course.py site`` does it).

The site is a Jupyter Book 1 (Sphinx + MyST-NB) with these pages:

- home: the README;
- Lessons: every learner notebook, run once here so its tables and charts show (the charts
  are the course's SVG pictures, so no script or CDN is needed), with the first mention of
  each glossary term linked to the glossary and a closing credit of the articles;
- For instructors: the instructor notes and the solution notebooks (model answers and
  rubrics appear in this section only);
- Reference: the glossary, the data (notes, a page per table generated from
  ``datapackage.json``, the codebook, the reference notes), licences and credits.

The book's source is staged in ``build/site/`` and the HTML written to
``build/site/_build/html/`` (``build/`` is git-ignored); the repository is not changed.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import nbformat
import yaml

from .corpus import load_metadata
from .glossary import NOT_PROSE, load_glossary, term_names
from .paths import data_file
from .quotes import quote

#: The repository this package was installed from (an editable install or a checkout).
REPO = Path(__file__).resolve().parents[2]
#: Where the book's source is staged; the HTML goes to its ``_build/html``.
SOURCE = REPO / "build" / "site"
TITLE = "Reading security-policy reporting: Peru's VRAEM"
#: Tag of the credit cell added at the end of each lesson page.
CREDIT_TAG = "site-credit"

#: The theme shows a glossary link like plain text; the course marks it as a link.
CSS = """a > span.xref.std-term {
  color: var(--pst-color-link);
  text-decoration: underline dotted;
  text-underline-offset: 0.2em;
}
"""

#: Sphinx warnings that are expected, each with why (a pattern matched against the line).
#: Empty: a warning in the build is a fault to fix, and tests/test_site.py fails on it.
EXPLAINED_WARNINGS: dict[str, str] = {}


class SiteError(RuntimeError):
    """The site cannot be built; the message says why and what to do."""


def _repo_files(repo: Path) -> dict[str, str]:
    """Where each repository file that the site shows lives in the book: ``{"README.md": "index.md"}``."""
    pages = {"README.md": "index.md", "LICENSE": "licences.md", "LICENSE-TEXT.md": "licences.md",
             "CITATION.cff": "licences.md", "data/README.md": "data/index.md",
             "data/datapackage.json": "data/tables.md", "data/codebook.md": "data/codebook.md",
             "data/reference/README.md": "data/reference.md", "data/glossary.csv": "glossary.md"}
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
    protected = re.compile(NOT_PROSE.pattern + r"|\[[^\]]*\]\([^)]*\)|^#[^\n]*|\{\w+\}`[^`]*`",
                           re.DOTALL | re.MULTILINE)
    out, start = [], 0
    for keep in protected.finditer(markdown):
        out.append(pattern.sub(link, markdown[start:keep.start()]))
        out.append(keep.group(0))
        start = keep.end()
    out.append(pattern.sub(link, markdown[start:]))
    return "".join(out)


def article_credits() -> dict[str, str]:
    """Each article's credit line, as ``quote()`` prints it under a passage: ``{"000": "InSight …"}``."""
    # an empty passage stands in every article, so this is each article's own credit line
    return {article_id: quote(article_id, "").attribution for article_id in load_metadata()["article_id"]}


def credit_markdown() -> str:
    """The closing cell of each lesson page: who wrote the articles and on what terms."""
    lines = ["## Sources and credit", "",
             "This course reads five articles by InSight Crime (insightcrime.org). The passages on "
             "this page are quoted from them with credit, under InSight Crime's terms: non-commercial "
             "use, attribution to InSight Crime and a link to the original "
             "(see [licences and credits](../licences.md)).", ""]
    lines += [f"- {line}" for line in article_credits().values()]
    return "\n".join(lines) + "\n"


@contextmanager
def _kernel_environment():
    """Run lessons as a learner would (no check mode), recording no progress in the home folder."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.pop("VRAEM_CHECK_MODE", None)
        os.environ.pop("VRAEM_RENDERER", None)  # the static SVG pictures, not the widget
        os.environ["VRAEM_PROGRESS_FILE"] = str(Path(scratch) / "progress.json")
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in ``folder`` (a lesson must run without an error)."""
    from nbclient import NotebookClient

    with _kernel_environment():
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def stage_lesson(repo: Path, name: str, target: Path, pages: dict[str, str], names: dict[str, str]) -> None:
    """Write one learner notebook into the book, glossary-linked, credited and executed."""
    notebook = nbformat.read(repo / "lessons" / name, as_version=4)
    seen: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = relink(cell.source, f"lessons/{name}", f"lessons/{name}", pages)
            cell.source = link_first_mentions(text, seen, names)
    notebook.cells.append(nbformat.v4.new_markdown_cell(credit_markdown(), metadata={"tags": [CREDIT_TAG]}))
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(execute(notebook, target.parent), target)


def _copy_markdown(repo: Path, repo_file: str, source: Path, pages: dict[str, str]) -> None:
    text = (repo / repo_file).read_text(encoding="utf-8")
    site_file = pages[repo_file]
    (source / site_file).parent.mkdir(parents=True, exist_ok=True)
    (source / site_file).write_text(relink(text, repo_file, site_file, pages), encoding="utf-8")


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
    lines = ["# The data tables", "",
             f"Generated from `data/datapackage.json` ({_cell_text(package.get('title', ''))}), "
             "the Frictionless Data Package that the tests validate every table against. "
             "In a notebook, `vraem.tables.read_table(name)` loads a table with these types.", ""]
    for licence in package.get("licenses", []):
        lines += [f"Licence: [{licence.get('title', licence['name'])}]({licence['path']}).", ""]
    for resource in package["resources"]:
        schema = resource.get("schema", {})
        lines += [f"## {resource.get('title', resource['name'])}", "",
                  f"File `data/{resource['path']}`, table name `{resource['name']}`.", "",
                  _cell_text(resource.get("description", "")), ""]
        if schema.get("primaryKey"):
            lines += ["One row per " + ", ".join(f"`{key}`" for key in schema["primaryKey"]) + ".", ""]
        for key in schema.get("foreignKeys", []):
            fields = ", ".join(f"`{name}`" for name in key["fields"])
            target = key["reference"]
            lines += [f"{fields} refers to `{', '.join(target['fields'])}` of the "
                      f"`{target.get('resource') or resource['name']}` table.", ""]
        lines += ["| column | type | what it holds | rules |", "|---|---|---|---|"]
        for field in schema.get("fields", []):
            lines.append(f"| `{field['name']}` | {field.get('type', 'string')} | "
                         f"{_cell_text(field.get('description', ''))} | {_constraints(field)} |")
        lines.append("")
    return "\n".join(lines)


def glossary_markdown() -> str:
    """The glossary page: one Sphinx glossary entry per term, each with its source."""
    credits = article_credits()
    lines = ["# Glossary", "",
             "The terms and acronyms of the course, in Spanish and English, each with the passage "
             "it rests on: an article quote or a passage of the course's reference notes. In a "
             'notebook, `glossary("VRAEM")` prints the same entry and `glossary()` lists every term.',
             "", "```{glossary}", ":sorted:", ""]
    for _, row in load_glossary().iterrows():
        if row["source_kind"] == "article":
            source = f"“{row['quote']}” — {credits[row['article_id']]}"
        elif row["source_url"] == "data/reference/README.md":
            source = f"“{row['quote']}” — [the course's reference notes](data/reference.md)"
        else:
            source = f"“{row['quote']}” — {row['source_url']}"
        lines += [row["term"], f"  {_cell_text(row['definition'])}", "",
                  f"  *Spanish:* {row['spanish']} · *English:* {row['english']}", "",
                  f"  *Source:* {source}", ""]
    lines += ["```", ""]
    return "\n".join(lines)


def licences_markdown(repo: Path) -> str:
    """The licences and credits page: the MIT licence, the text licence, the articles, citing."""
    text_licence = (repo / "LICENSE-TEXT.md").read_text(encoding="utf-8")
    text_licence = re.sub(r"^# .*\n", "", text_licence, count=1)
    lines = ["# Licences and credits", "",
             "## The course text and data tables: CC BY 4.0", "", text_licence.strip(), "",
             "## The articles: InSight Crime", "",
             "The five articles the course reads are by InSight Crime, copied and quoted under the "
             "publisher's terms: non-commercial use, with attribution to InSight Crime and a link to "
             "the original. Their credits:", ""]
    lines += [f"- {line}" for line in article_credits().values()]
    lines += ["", "## The code: MIT", "", "```text", (repo / "LICENSE").read_text(encoding="utf-8").strip(),
              "```", "", "## How to cite the course", "", "```yaml",
              (repo / "CITATION.cff").read_text(encoding="utf-8").strip(), "```", ""]
    return "\n".join(lines)


def _config() -> dict:
    return {
        "title": TITLE,
        "author": "The VRAEM course authors",
        "copyright": "the VRAEM course authors (text CC BY 4.0, code MIT; articles © InSight Crime)",
        "only_build_toc_files": True,
        # the lessons are run by stage_lesson(); the solution notebooks are shown as written
        "execute": {"execute_notebooks": "off"},
        # no dollar maths: the course has none, and MathJax would come from a CDN
        "parse": {"myst_enable_extensions": ["colon_fence", "linkify", "substitution"]},
        "html": {"use_repository_button": False, "use_issues_button": False,
                 "use_edit_page_button": False, "home_page_in_navbar": True},
        "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "", "thebe": False},
        "sphinx": {"config": {"html_show_sourcelink": False, "html_static_path": ["_static"],
                              "html_css_files": ["vraem.css"]}},
    }


def _toc(pages: dict[str, str]) -> dict:
    def chapters(folder: str) -> list[dict]:
        return [{"file": page.rsplit(".", 1)[0]} for page in pages.values()
                if page.startswith(folder + "/") and not page.endswith("README.md")]

    return {
        "format": "jb-book",
        "root": "index",
        "parts": [
            {"caption": "Lessons", "chapters": chapters("lessons")},
            {"caption": "For instructors", "chapters": [
                {"file": "instructors/README", "sections": chapters("instructors")},
                {"file": "solutions/index", "sections": chapters("solutions")},
            ]},
            {"caption": "Reference", "chapters": [
                {"file": "glossary"},
                {"file": "data/index", "sections": [{"file": "data/tables"}, {"file": "data/codebook"},
                                                    {"file": "data/reference"}]},
                {"file": "licences"},
            ]},
        ],
    }


def stage(repo: Path = REPO, source: Path = SOURCE, *, log=print) -> Path:
    """Write the book's source into ``source`` (emptied first) and return it."""
    for needed in ("README.md", "lessons", "solutions", "instructors"):
        if not (repo / needed).exists():
            raise SiteError(f"{repo / needed} is missing: the site is built from a clone of the course "
                            "repository, not from an installed package.")
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    pages = _repo_files(repo)
    for repo_file in ["README.md", "data/README.md", "data/codebook.md", "data/reference/README.md",
                      *[name for name in pages if name.startswith("instructors/")]]:
        _copy_markdown(repo, repo_file, source, pages)
    (source / "solutions").mkdir()
    for repo_file in (name for name in pages if name.startswith("solutions/")):
        notebook = nbformat.read(repo / repo_file, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = relink(cell.source, repo_file, repo_file, pages)
        nbformat.write(notebook, source / repo_file)
    (source / "solutions" / "index.md").write_text(
        "# Solution notebooks\n\nThe lessons with model answers, rubrics and instructor notes in place. "
        "They are shown as written, not run: run them in JupyterLab from the course's `solutions/` "
        "folder.\n", encoding="utf-8")
    (source / "glossary.md").write_text(glossary_markdown(), encoding="utf-8")
    (source / "data" / "tables.md").write_text(tables_markdown(), encoding="utf-8")
    (source / "licences.md").write_text(licences_markdown(repo), encoding="utf-8")
    names = term_names()
    for repo_file in (name for name in pages if name.startswith("lessons/")):
        log(f"running {repo_file} …")
        stage_lesson(repo, repo_file.split("/", 1)[1], source / repo_file, pages, names)
    (source / "_static").mkdir()
    (source / "_static" / "vraem.css").write_text(CSS, encoding="utf-8")
    (source / "_config.yml").write_text(yaml.safe_dump(_config(), sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")
    (source / "_toc.yml").write_text(yaml.safe_dump(_toc(pages), sort_keys=False), encoding="utf-8")
    return source


def build(source: Path = SOURCE) -> tuple[Path, list[str]]:
    """Build the HTML from a staged source; return the index page and every Sphinx warning."""
    result = subprocess.run([sys.executable, "-c", "from jupyter_book.cli.main import main; main()",
                             "build", str(source), "--keep-going"],
                            capture_output=True, text=True)
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # Sphinx colours its lines
    warnings = [line.strip() for line in output.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    index = source / "_build" / "html" / "index.html"
    if result.returncode or not index.exists():
        raise SiteError(f"jupyter-book build failed (exit {result.returncode}):\n{output[-3000:]}")
    return index, warnings


def unexplained(warnings: list[str]) -> list[str]:
    """The warnings that ``EXPLAINED_WARNINGS`` does not account for."""
    return [line for line in warnings if not any(re.search(pattern, line) for pattern in EXPLAINED_WARNINGS)]


def main(argv: list[str] | None = None) -> int:
    """Stage and build the site; exit 1 if it fails or warns."""
    parser = argparse.ArgumentParser(prog="python -m vraem.site", description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="where to stage the book (emptied first); the HTML goes to its _build/html")
    arguments = parser.parse_args(argv)
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        print("[site] Jupyter Book is not installed: run `python3 course.py site`, which installs it "
              "(the course's `site` extra), or `pip install -e \".[site]\"`.", file=sys.stderr)
        return 1
    try:
        source = stage(REPO, arguments.source.resolve(), log=lambda message: print(f"[site] {message}"))
        print("[site] building the HTML with Jupyter Book …", flush=True)
        index, warnings = build(source)
    except SiteError as error:
        print(f"[site] {error}", file=sys.stderr)
        return 1
    for line in warnings:
        print(f"[site] {line}")
    print(f"[site] the site is in {index.parent}; open {index} in a browser.")
    return 1 if unexplained(warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
