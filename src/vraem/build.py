"""Build learner notebooks from solution notebooks: ``python -m vraem.build [--check]``.

``solutions/NN-slug.ipynb`` is the source. The build writes ``lessons/NN-slug.ipynb``
with every solution replaced by a stub, instructor-only cells removed, and
outputs and execution counts cleared. Cell ids are kept, so a rebuild of an
unchanged solution changes nothing.

Markers in ``solutions/`` (cells tagged ``solution``)::

    answer = corpus.shape[0]  # SOLUTION        ->  answer = ...

    ### BEGIN SOLUTION                         ->  # YOUR CODE HERE
    counts = claims.value_counts()                 counts = ...
    answer = counts.index[0]                       answer = ...
    ### END SOLUTION
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import sys
import textwrap
from pathlib import Path

import nbformat

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
ONE_LINE = re.compile(r"^(?P<indent>\s*)(?P<target>[A-Za-z_][\w.\[\]\"', ]*?)\s*=\s*.+#\s*SOLUTION\s*$")
STUB_COMMENT = "# YOUR CODE HERE"
# "exercise" marks a checked exercise's heading (a "check" cell must follow);
# "open-exercise" an open one; "instructor" cells (notes, model answers) stay in solutions/ only.
TAG_SOLUTION, TAG_EXERCISE, TAG_CHECK, TAG_INSTRUCTOR = "solution", "exercise", "check", "instructor"


class BuildError(ValueError):
    """A solution notebook cannot be turned into a lesson; the message names file and cell."""


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _assigned_names(code: str, where: str) -> list[str]:
    """Names a solution block assigns at its top level, to become ``name = ...`` stubs."""
    names: list[str] = []
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise BuildError(f"{where}: the solution block is not valid Python ({error.msg})") from None
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])
        for target in targets:
            parts = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
            for part in parts:
                if not isinstance(part, ast.Name):
                    # `table["x"] = ...` cannot become a stub without breaking `table` for later cells
                    raise BuildError(f"{where}: a solution block may only assign plain names; "
                                     f"move `{ast.unparse(part)} = …` out of the block or into a new name")
                if part.id not in names:
                    names.append(part.id)
    return names


def stub_source(source: str, where: str) -> str:
    """Replace the solution markers in one cell's source with stubs.

    ``stub_source('x = 2  # SOLUTION', "cell 3")`` is ``'x = ...'``. Raises
    :class:`BuildError` naming ``where`` for an unterminated or nested block,
    or a cell with no marker at all.
    """
    lines, block, found = [], None, False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            if block is not None:
                raise BuildError(f"{where}: a {BEGIN} inside another one (nested blocks are not allowed)")
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
        elif (match := ONE_LINE.match(line)):
            lines.append(f"{match['indent']}{match['target']} = ...")
            found = True
        elif stripped.endswith("# SOLUTION"):
            raise BuildError(f"{where}: '# SOLUTION' can only end an assignment such as `answer = ...  # SOLUTION`")
        else:
            lines.append(line)
    if block is not None:
        raise BuildError(f"{where}: {BEGIN} is never closed by {END}")
    if not found:
        raise BuildError(f"{where}: a cell tagged 'solution' has no solution marker "
                         f"(end a line with '# SOLUTION' or wrap it in {BEGIN} / {END})")
    return "\n".join(lines)


def build_lesson(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Return the learner version of one solution notebook (``name`` is used in errors)."""
    lesson = nbformat.v4.new_notebook()
    lesson.metadata = {key: solution.metadata[key] for key in ("kernelspec", "language_info")
                       if key in solution.metadata}
    if "language_info" in lesson.metadata:
        lesson.metadata["language_info"] = {"name": lesson.metadata["language_info"].get("name", "python")}
    open_exercise = None
    for number, cell in enumerate(solution.cells, start=1):
        where = f"{name}, cell {number}"
        tags = _tags(cell)
        if TAG_EXERCISE in tags:
            if open_exercise:
                raise BuildError(f"{open_exercise}: this checked exercise has no check cell (tag 'check') after it")
            open_exercise = where
        if TAG_CHECK in tags:
            open_exercise = None
        if TAG_INSTRUCTOR in tags:
            continue
        new = nbformat.from_dict({key: value for key, value in cell.items()
                                  if key in ("id", "cell_type", "metadata", "source")})
        new.metadata = {key: value for key, value in cell.metadata.items() if key in ("tags", "editable", "deletable")}
        if cell.cell_type == "code":
            new.outputs, new.execution_count = [], None
            if TAG_SOLUTION in tags:
                new.source = stub_source(cell.source, where)
        lesson.cells.append(new)
    if open_exercise:
        raise BuildError(f"{open_exercise}: this checked exercise has no check cell (tag 'check') after it")
    return lesson


def render(notebook: nbformat.NotebookNode) -> str:
    """Serialise a notebook the way the build stores it."""
    return nbformat.writes(notebook) + "\n"


def planned_lessons(solutions: Path, lessons: Path, names: list[str] | None = None) -> dict[Path, str]:
    """Map every lesson file the build would write to the text it would write."""
    planned = {}
    for source in sorted(solutions.glob("[0-9][0-9]-*.ipynb")):
        if names and source.stem not in {Path(name).stem for name in names}:
            continue
        try:
            notebook = nbformat.read(source, as_version=4)
        except Exception as error:
            raise BuildError(f"{source}: not a readable notebook ({error})") from error
        planned[lessons / source.name] = render(build_lesson(notebook, str(source)))
    return planned


def stale_lessons(solutions: Path, lessons: Path) -> list[str]:
    """Describe how ``lessons/`` differs from what the build would write ([] when current)."""
    planned = planned_lessons(solutions, lessons)
    problems = []
    for path, text in planned.items():
        if not path.exists():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != text:
            diff = difflib.unified_diff(path.read_text(encoding="utf-8").splitlines(), text.splitlines(),
                                        str(path), "built from solutions/", n=0, lineterm="")
            problems.append(f"{path} differs from the build:\n" + "\n".join(list(diff)[:20]))
    for path in sorted(lessons.glob("*.ipynb")):
        if path not in planned:
            problems.append(f"{path} has no solution notebook in {solutions}")
    return problems


def _has_learner_work(path: Path) -> bool:
    notebook = nbformat.read(path, as_version=4)
    return any(cell.cell_type == "code" and (cell.outputs or cell.execution_count)
               for cell in notebook.cells)


def main(argv: list[str] | None = None) -> int:
    """Command line: build lessons/ from solutions/, or with --check report staleness."""
    parser = argparse.ArgumentParser(prog="python -m vraem.build", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether lessons/ is up to date")
    parser.add_argument("--root", type=Path, default=None, help="course folder (default: found from the package)")
    parser.add_argument("--force", action="store_true", help="overwrite lessons that hold outputs")
    parser.add_argument("names", nargs="*", help="build only these notebooks, e.g. 01-the-corpus")
    args = parser.parse_args(argv)
    root = args.root or _course_root()
    solutions, lessons = root / "solutions", root / "lessons"
    try:
        if args.check:
            problems = stale_lessons(solutions, lessons)
            for problem in problems:
                print(problem)
            if problems:
                print("lessons/ is stale: run `python -m vraem.build` and commit the result.")
                return 1
            print(f"lessons/ is up to date with {solutions}.")
            return 0
        lessons.mkdir(exist_ok=True)
        for path, text in planned_lessons(solutions, lessons, args.names).items():
            if path.exists() and not args.force and _has_learner_work(path):
                print(f"{path} has outputs: it looks like someone's work, so it was not overwritten. "
                      "Copy it elsewhere (or clear its outputs), or rerun with --force.")
                return 1
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path}")
        return 0
    except BuildError as error:
        print(f"build stopped: {error}", file=sys.stderr)
        return 2


def _course_root() -> Path:
    from .paths import data_dir

    return data_dir().parent


if __name__ == "__main__":
    sys.exit(main())
