"""Turn a solution cell's code into the learner's stub: ``stub_source(source, where)``.

Markers in ``solutions/`` (cells tagged ``solution``)::

    answer = corpus.shape[0]  # SOLUTION        ->  answer = ...

    ### BEGIN SOLUTION                         ->  # YOUR CODE HERE
    counts = claims.value_counts()                 counts = ...
    answer = counts.index[0]                       answer = ...
    ### END SOLUTION

Anything that looks like a marker but is not one exactly (``### begin solution``,
``# Solution``, a marker in a cell without the ``solution`` tag) raises
:class:`BuildError`, naming the file, cell and line (:func:`check_markers`): otherwise an
answer could reach ``lessons/``.
"""

from __future__ import annotations

import ast
import difflib
import re
import textwrap

from ..contract import BEGIN_SOLUTION, END_SOLUTION, ONE_LINE_SOLUTION, STUB_COMMENT

# The markers and tags are the notebook contract's (vraem.contract); short names for this module.
BEGIN, END, ONE_LINE = BEGIN_SOLUTION, END_SOLUTION, ONE_LINE_SOLUTION
#: The words of the markers ("solution", "begin", "end"), for recognising a near miss.
_ONE_LINE_TEXT = ONE_LINE.lstrip("#").strip()
_WORD, _BEGIN_WORD, _END_WORD = (
    _ONE_LINE_TEXT.lower(),
    BEGIN.split()[1].lower(),
    END.split()[1].lower(),
)
#: A comment longer than this is prose, not a marker (and keeps the fuzzy match cheap).
MARKER_LENGTH = 40


class BuildError(ValueError):
    """A solution notebook cannot be turned into a lesson; the message names file and cell."""


def _similar(word: str, target: str) -> bool:
    return difflib.SequenceMatcher(None, word, target).ratio() >= 0.8


def _marker_kind(comment: str) -> str | None:
    """Which marker a comment resembles (BEGIN, END or ONE_LINE), or None for ordinary prose.

    ``_marker_kind("## begin solutoin")`` is ``BEGIN``; ``_marker_kind('solution("0.1")')``
    (a call, not a marker) is None.
    """
    text = comment.strip().lstrip("#").strip()
    if len(text) > MARKER_LENGTH or not re.fullmatch(r"[A-Za-z][A-Za-z _:.\-]*", text):
        return None
    words = re.findall(r"[a-z]+", text.lower())
    if len(words) == 1:
        word = words[0]
        if _similar(word, _WORD) or word.startswith(_WORD[:4]):
            return ONE_LINE
        if _similar(word, _BEGIN_WORD + _WORD):
            return BEGIN
        if _similar(word, _END_WORD + _WORD):
            return END
    if len(words) == 2 and (_similar(words[1], _WORD) or words[1].startswith(_WORD[:4])):
        if _similar(words[0], _BEGIN_WORD) or words[0] == "start":
            return BEGIN
        if _similar(words[0], _END_WORD) or words[0] == "stop":
            return END
    return None


def check_markers(source: str, where: str, tagged: bool) -> None:
    """Stop on anything in a code cell that is almost, but not exactly, a solution marker.

    Also stops on an exact marker in a cell without the ``solution`` tag, whose
    answer would otherwise be copied into the lesson unchanged.
    """
    for number, line in enumerate(source.splitlines(), start=1):
        here = f"{where}, line {number}"
        stripped = line.strip()
        if stripped in (BEGIN, END) or _one_line_comment(line) == _ONE_LINE_TEXT:
            if not tagged:
                raise BuildError(
                    f"{here}: a solution marker in a cell without the 'solution' tag; "
                    "tag the cell 'solution' or its answer is copied into the lesson"
                )
            continue
        if stripped.startswith("#"):
            kind = _marker_kind(stripped)
            if kind in (BEGIN, END):
                raise BuildError(
                    f"{here}: `{stripped}` looks like a solution marker but is not one: "
                    f"write exactly `{kind}` on a line of its own"
                )
            if kind == ONE_LINE:
                raise BuildError(
                    f"{here}: `{stripped}` looks like a solution marker but is not one: "
                    f"end the answer's line with `{ONE_LINE}` (in capitals), or wrap the "
                    f"answer in `{BEGIN}` / `{END}`"
                )
        elif "#" in line and _marker_kind(_one_line_comment(line)):
            comment = "#" + line.rpartition("#")[2]
            raise BuildError(
                f"{here}: `{comment.strip()}` looks like a solution marker but is not one: "
                f"end the line with `{ONE_LINE}` exactly (in capitals)"
            )


def _one_line_comment(line: str) -> str:
    """The text after a line's last '#' (only for lines with code before it)."""
    code, hash_sign, comment = line.rpartition("#")
    return comment.strip() if hash_sign and code.strip() else ""


def _assigned_names(code: str, where: str) -> list[str]:
    """Names a solution block assigns at its top level, to become ``name = ...`` stubs."""
    names: list[str] = []
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise BuildError(f"{where}: the solution block is not valid Python ({error.msg})") from None
    except (MemoryError, RecursionError):  # the parser's limit on nesting
        raise BuildError(f"{where}: the solution block is nested too deeply to read") from None
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else ([node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])
        )
        for target in targets:
            parts = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
            for part in parts:
                if not isinstance(part, ast.Name):
                    # `table["x"] = ...` cannot become a stub without breaking `table` for later cells
                    raise BuildError(
                        f"{where}: a solution block may only assign plain names; "
                        f"move `{ast.unparse(part)} = …` out of the block or into a new name"
                    )
                if part.id not in names:
                    names.append(part.id)
    return names


def _one_line_stub(line: str, where: str) -> str:
    """``answer = expr  # SOLUTION`` -> ``answer = ...`` (parsed, so linear in the line's length)."""
    code = line.rpartition("#")[0]
    indent = line[: len(line) - len(line.lstrip())]
    try:
        body = ast.parse(code.strip()).body
    except (SyntaxError, MemoryError, RecursionError):  # deep nesting overflows the parser
        body = []
    node = body[0] if len(body) == 1 else None
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets = [node.target]
    else:
        raise BuildError(
            f"{where}: '{ONE_LINE}' can only end an assignment such as `answer = ...  {ONE_LINE}`"
        )
    names = " = ".join(ast.get_source_segment(code.strip(), target) for target in targets)
    return f"{indent}{names} = ..."


def stub_source(source: str, where: str) -> str:
    """Replace the solution markers in one cell's source with stubs.

    ``stub_source('x = 2  # SOLUTION', "cell 3")`` is ``'x = ...'``. Raises
    :class:`BuildError` naming ``where`` for an unterminated or nested block,
    a near-miss marker, or a cell with no marker at all.
    """
    check_markers(source, where, tagged=True)
    lines, block, found = [], None, False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            if block is not None:
                raise BuildError(
                    f"{where}: a {BEGIN} inside another one (nested blocks are not allowed)"
                )
            block, found = [], True
            indent = line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if block is None:
                raise BuildError(f"{where}: {END} without a {BEGIN} before it")
            lines.append(indent + STUB_COMMENT)
            code = textwrap.dedent("\n".join(block))
            lines += [f"{indent}{name} = ..." for name in _assigned_names(code, where)]
            block = None
        elif block is not None:
            block.append(line)
        elif _one_line_comment(line) == _ONE_LINE_TEXT:
            lines.append(_one_line_stub(line, where))
            found = True
        else:
            lines.append(line)
    if block is not None:
        raise BuildError(f"{where}: {BEGIN} is never closed by {END}")
    if not found:
        raise BuildError(
            f"{where}: a cell tagged 'solution' has no solution marker "
            f"(end a line with '{ONE_LINE}' or wrap it in {BEGIN} / {END})"
        )
    return "\n".join(lines)
