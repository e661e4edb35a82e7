"""What a run lesson shows on its static page: ``for_the_static_page(notebook, book, page)``.

An unanswered check's line becomes a note to do the exercise in the notebook, every header
cell of a table gets a name, and each chart becomes its SVG file, linked so it opens full size.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from pathlib import Path

import nbformat

from .book import Book

#: Where the chart pictures go, as files that open full size (Sphinx copies ``_static``).
CHARTS = Path("_static") / "charts"


#: What a static page says in each language (the lesson's own words come from the lesson).
WORDS = {
    "en": {
        "note": "Exercise {id} is done in the notebook, not on this page: open the lesson in "
        "JupyterLab ({lab}), put your answer in place of the {dots} and run the cell; {check} "
        "then says whether it is right.",
        "lab": "python3 course.py lab",
        "open chart": "Open the chart full size",
        "row": "row",
    },
    "es": {
        "note": "El ejercicio {id} se hace en el cuaderno, no en esta página: abre la lección en "
        "JupyterLab ({lab}), escribe tu respuesta en lugar de los {dots} y ejecuta la celda; "
        "{check} te dirá si es correcta.",
        "lab": "python3 course.py lab --lang es",
        "open chart": "Abrir el gráfico a tamaño completo",
        "row": "fila",
    },
}


def _unanswered_lines(language: str = "en") -> dict[str, str]:
    """What ``check(id, ...)`` prints for each exercise left unanswered: ``{line: exercise id}``.

    In ``language``, the lesson's: a Spanish lesson's setup cell makes the helpers speak Spanish.
    """
    from ...checks import evaluate
    from ...exercises import all_exercises
    from ...i18n import current_language, set_language

    before = current_language()
    set_language(language)
    try:
        return {str(evaluate(exercise_id, ...)): exercise_id for exercise_id in all_exercises()}
    finally:
        set_language(before)


def notebook_only_note(exercise_id: str, language: str = "en") -> dict:
    """The output shown on a static page in place of "not answered yet": do it in the notebook."""
    words = WORDS[language]
    text = words["note"].format(id=exercise_id, lab=words["lab"], dots="...", check="check()")
    shown = words["note"].format(
        id=html.escape(exercise_id),
        lab=f"<code>{words['lab']}</code>",
        dots="<code>...</code>",
        check="<code>check()</code>",
    )
    shown = f'<p class="vraem-notebook-only">{shown}</p>'
    return nbformat.v4.new_output("display_data", data={"text/html": shown, "text/plain": text})


def _notes_for_exercises(outputs: list, unanswered: dict[str, str], language: str = "en") -> list:
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
            changed.append(notebook_only_note(exercise_id, language))
        if kept:
            changed.append(
                nbformat.v4.new_output("stream", name=output["name"], text="".join(kept))
            )
    return changed


HEAD = re.compile(r"<thead\b.*?</thead>", re.DOTALL | re.IGNORECASE)


def name_table_headers(table_html: str, language: str = "en") -> str:
    """Give every header cell of a shown table a name (pandas leaves the index column's empty).

    A table whose index has a name gets it in the header row (pandas puts it on a row of its
    own); an unnamed index is headed "row" ("fila" in a Spanish lesson) for screen readers
    (hidden text); the empty cells
    pandas puts beside index names under named columns are not headers and become plain cells.
    Only the ``<thead>`` of each table is parsed (the body can be long and is left as it is).
    """
    return HEAD.sub(lambda head: _named_head(head.group(0), WORDS[language]["row"]), table_html)


def _named_head(head_html: str, row_word: str) -> str:
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
                label.string = row_word
                cell.append(label)
            else:
                cell.name = "td"
    return str(soup)


def link_chart(output: dict, book: Book, page: str, language: str = "en") -> None:
    """Show a chart output as its SVG file, linked to itself so that it opens full size.

    The picture is written to the book's ``CHARTS`` under a name from its content; the HTML
    becomes that picture with its description as the text alternative (as before), in a link
    to the file, and a line "Open the chart full size" (in ``language``) that narrow screens show.
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
        f"{WORDS[language]['open chart']}</a></p></div>"
    )


def for_the_static_page(
    notebook: nbformat.NotebookNode, book: Book, page: str, language: str = "en"
) -> nbformat.NotebookNode:
    """What a run lesson shows on its page: notes for the exercises, named tables, charts as links.

    ``language`` is the lesson's ("en" or "es"): the notes and the charts' lines are in it.
    """
    unanswered = _unanswered_lines(language)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = _notes_for_exercises(cell.outputs, unanswered, language)
        for output in cell.outputs:
            data = output.get("data", {})
            if "image/svg+xml" in data:
                link_chart(output, book, page, language)
            elif "text/html" in data:
                shown = data["text/html"]
                data["text/html"] = name_table_headers(
                    "".join(shown) if isinstance(shown, list) else shown, language
                )
    return notebook
