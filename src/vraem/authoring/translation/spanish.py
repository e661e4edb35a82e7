"""Write a translated notebook or Markdown document: ``translate_notebook(notebook, catalog)``.

The English source decides everything but the words: the same cells, ids, tags, metadata
and code. A Markdown cell's text is replaced by its entry's Spanish; a comment block is
replaced by its Spanish, one ``# line`` per line at the block's indent. An entry that is
untranslated, fuzzy or made for other English stays in English (gettext's rule: never show
a translation of a text that has since changed). Minute figures always come from the
English (:mod:`vraem.authoring.translation.minutes`); code that names the English edition's
files or the lab command points to the Spanish edition
(:mod:`vraem.authoring.translation.edition_code`). In the setup cell the build adds
:data:`LANGUAGE_LINES`, which switch the helpers' messages to Spanish.
"""

from __future__ import annotations

import copy
import re

from babel.messages.catalog import Catalog

from ...contract import TAG_SETUP, tags_of
from .catalogs import messages, translation
from .edition_code import spanish_code, spanish_code_spans
from .extract import comment_blocks, is_code_only, markdown_blocks
from .minutes import carry_minutes

LANGUAGE = "es"
#: The first lines of a Spanish lesson's setup cell: visible, and the only code that differs.
LANGUAGE_LINES = f'from vraem.i18n import set_language\nset_language("{LANGUAGE}")\n'


#: A relative link that leaves the English folder (``](../README.md)``): the Spanish copy sits one
#: folder deeper (``lessons/es/``, ``instructors/es/``), and the README has a Spanish edition.
_LINK_OUT = re.compile(r"\]\(\.\./([^)\s]*)\)")
_SPANISH_PAGES = {"README.md": "README.es.md"}


def relink(text: str) -> str:
    """Links out of the folder, one level deeper and to the Spanish edition where there is one.

    ``relink("[home](../README.md)") == "[home](../../README.es.md)"``; links within the folder
    (a sibling lesson) already lead to the Spanish sibling.
    """
    return _LINK_OUT.sub(lambda found: f"](../../{_SPANISH_PAGES.get(found[1], found[1])})", text)


def _comment_lines(text: str, indent: str) -> list[str]:
    return [
        f"{indent}# {line}".rstrip() if line.strip() else f"{indent}#" for line in text.split("\n")
    ]


def translate_code(source: str, cell_id: str, found: dict) -> str:
    """A code cell's source with each translated comment block in Spanish."""
    lines = source.split("\n")
    for k, block in reversed(list(enumerate(comment_blocks(source)))):
        if block.is_marker:
            continue
        spanish = translation(found.get(f"{cell_id}#{k}"), block.text)
        if spanish is None or spanish == block.text:
            continue  # untranslated, or code kept as it is: leave the lines exactly as they were
        first, last = block.first - 1, block.last - 1
        if block.inline:
            line = lines[first]
            lines[first] = line[: block.column] + "# " + " ".join(spanish.split("\n"))
        else:
            indent = lines[first][: block.column]
            lines[first : last + 1] = _comment_lines(spanish, indent)
    return "\n".join(lines)


def translate_notebook(notebook, catalog: Catalog):
    """The Spanish version of an English notebook (a deep copy; the English is not changed)."""
    spanish = copy.deepcopy(notebook)
    found = messages(catalog)
    for cell in spanish.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            text = translation(found.get(cell.id), cell.source)
            if text is not None:
                cell.source = spanish_code_spans(relink(carry_minutes(cell.source, text)))
        elif cell.cell_type == "code":
            cell.source = translate_code(cell.source, cell.id, found)
            if TAG_SETUP in tags_of(cell):
                cell.source = LANGUAGE_LINES + cell.source
    return spanish


def translate_markdown(text: str, catalog: Catalog) -> str:
    """The Spanish version of an English Markdown document, block by block."""
    found = messages(catalog)
    pieces = []
    for k, (block, separator) in enumerate(markdown_blocks(text)):
        english = block.rstrip("\n")
        spanish = None
        if block.strip() and not is_code_only(block):
            spanish = translation(found.get(f"block-{k}"), english)
        if is_code_only(block):
            pieces.append(spanish_code(block) + separator)
        elif spanish is None:
            pieces.append(block + separator)
        else:
            ending = block[len(english) :]
            spanish = spanish_code_spans(relink(carry_minutes(english, spanish)))
            pieces.append(spanish + ending + separator)
    return "".join(pieces)
