"""Find the text to translate in a notebook or a Markdown document: ``notebook_entries(notebook)``.

The keys are the catalogues' ``msgctxt`` and must never change for the same source, or
the translators' work no longer fits:

- a Markdown cell with text is one entry, keyed by its cell id;
- in a code cell, each comment block is one entry, keyed ``<cell id>#<k>``, where ``k``
  counts every comment block of the cell from 0 (blocks that are solution markers are
  counted but not offered). A block is a run of whole-line comments at one indent on
  consecutive lines; a comment after code on its line is a block of its own. The text
  is each comment without its ``#`` and surrounding spaces, lines joined by newlines;
- a Markdown document (an instructor note) is split at blank lines outside fenced code;
  each block (paragraph, list, heading, table) is one entry, keyed ``block-<k>``, except
  blocks that are only fenced code.

These rules are those of the one-off script that wrote the first skeleton catalogues.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

from ...contract import BEGIN_SOLUTION, END_SOLUTION, ONE_LINE_SOLUTION

#: Comment blocks that are the build's solution markers: counted, never translated. A comment's
#: text drops its first ``#``: "SOLUTION", "## BEGIN", "## END", "BEGIN SOLUTION", "END SOLUTION".
MARKER_PREFIXES = (
    ONE_LINE_SOLUTION.lstrip("# "),
    BEGIN_SOLUTION[1:].rsplit(" ", 1)[0],
    END_SOLUTION[1:].rsplit(" ", 1)[0],
    BEGIN_SOLUTION.lstrip("# "),
    END_SOLUTION.lstrip("# "),
)


def _is_marker(text: str) -> bool:
    return text.upper().startswith(MARKER_PREFIXES)


def _is_marker_line(text: str) -> bool:
    """Whether one comment line is exactly a solution marker (``solution("1.1")`` is not)."""
    return "#" + text in (BEGIN_SOLUTION, END_SOLUTION) or "# " + text == ONE_LINE_SOLUTION


@dataclass(frozen=True)
class CommentBlock:
    """One comment block of a code cell: its lines (1-based, inclusive), column and text."""

    first: int
    last: int
    column: int
    text: str
    inline: bool  # a comment after code on its line

    @property
    def is_marker(self) -> bool:
        """Whether this block is a solution marker (or empty), which stays as it is."""
        return not self.text or _is_marker(self.text)


def _ends_marker(block: CommentBlock) -> bool:
    return _is_marker_line(block.text.rsplit("\n", 1)[-1])


def comment_blocks(source: str) -> list[CommentBlock]:
    """Every comment block of a code cell, in order: ``comment_blocks("x = 1  # one")[0].text == "one"``.

    A cell Python cannot tokenize (an IPython magic, a syntax error) has none.
    """
    try:
        tokens = [
            token
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []
    lines = source.splitlines()
    blocks: list[CommentBlock] = []
    last = None  # (row, column, whole line) of the previous comment
    for token in tokens:
        row, column = token.start
        whole_line = lines[row - 1][:column].strip() == ""
        text = token.string[1:].strip()
        # A solution marker is a block of its own, so the explanation under "### BEGIN
        # SOLUTION" is still translated.
        joins_previous = last and last[0] == row - 1 and last[1] == column and last[2]
        if (
            whole_line
            and joins_previous
            and not _is_marker_line(text)
            and not _ends_marker(blocks[-1])
        ):
            previous = blocks[-1]
            blocks[-1] = CommentBlock(
                previous.first, row, column, previous.text + "\n" + text, inline=False
            )
        else:
            blocks.append(CommentBlock(row, row, column, text, inline=not whole_line))
        last = (row, column, whole_line)
    return blocks


@dataclass(frozen=True)
class Entry:
    """One piece of English to translate: its key (msgctxt), its text (msgid) and what it is."""

    key: str
    text: str
    kind: str  # "markdown", "comment" or "inline comment"


def notebook_entries(notebook) -> list[Entry]:
    """The entries of a notebook (nbformat node or plain dict), in the notebook's order."""
    entries = []
    for cell in notebook["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.strip():
            entries.append(Entry(cell["id"], source, "markdown"))
        elif cell["cell_type"] == "code":
            for k, block in enumerate(comment_blocks(source)):
                if not block.is_marker:
                    kind = "inline comment" if block.inline else "comment"
                    entries.append(Entry(f"{cell['id']}#{k}", block.text, kind))
    return entries


_FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """Split a Markdown document into ``(block, separator)`` pairs that join back to ``text``.

    Blocks are separated by blank lines; a fenced code block is never split.
    """
    pieces: list[tuple[str, str]] = []
    block: list[str] = []
    separator: list[str] = []
    fenced = False
    for line in text.splitlines(keepends=True):
        if not line.strip() and not fenced:
            separator.append(line)
            continue
        if separator:  # a new block starts (the first piece is empty if the text opens blank)
            pieces.append(("".join(block), "".join(separator)))
            block, separator = [], []
        if _FENCE.match(line):
            fenced = not fenced
        block.append(line)
    pieces.append(("".join(block), "".join(separator)))
    return pieces


def _entry_text(block: str) -> str:
    return block.rstrip("\n")


def is_code_only(block: str) -> bool:
    """Whether a Markdown block is only a fenced code block (kept as it is, not translated)."""
    lines = block.strip().splitlines()
    return len(lines) >= 2 and bool(_FENCE.match(lines[0])) and bool(_FENCE.match(lines[-1]))


def markdown_entries(text: str) -> list[Entry]:
    """The entries of a Markdown document: ``block-<k>`` for the k-th block with prose."""
    entries = []
    for k, (block, _) in enumerate(markdown_blocks(text)):
        if block.strip() and not is_code_only(block):
            entries.append(Entry(f"block-{k}", _entry_text(block), "markdown"))
    return entries
