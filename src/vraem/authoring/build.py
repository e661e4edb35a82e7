"""Build learner notebooks from solution notebooks: ``python -m vraem.authoring.build [--check]``.

Before it builds, a full build writes every stated time (lesson headers, exercise
headings, the README's lesson table, the instructor notes) from the timing model,
:mod:`vraem.authoring.timing`, through :mod:`vraem.authoring.stated_times`; ``--check`` also reports a
stated time that parts from the model by more than 15 %.

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

Anything that looks like a marker but is not one exactly (``### begin solution``,
``# Solution``, a marker in a cell without the ``solution`` tag), ``tags`` that are
not a list, or a ``solution`` tag on a markdown cell stops the build, naming the
file, cell and line: otherwise an answer could reach ``lessons/``.

Each lesson records a fingerprint of what the build wrote (notebook metadata
``vraem_build``). The build never overwrites a lesson that no longer matches its
fingerprint (hand edits, outputs) unless given ``--force``.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import hashlib
import json
import sys
from pathlib import Path

import nbformat

from ..contract import (
    BUILD_TAGS,
    TAG_CHECK,
    TAG_EXERCISE,
    TAG_INSTRUCTOR,
    TAG_SOLUTION,
    tags_of,
)
from ..paths import course_root
from .stated_times import time_problems, write_times
from .stubs import BuildError, check_markers, stub_source

#: Lesson metadata key holding the build's record of what it wrote.
RECORD = "vraem_build"


def _tags(cell, where: str) -> list[str]:
    tags = tags_of(cell)
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise BuildError(
            f'{where}: the cell\'s tags must be a list of strings, e.g. ["solution"], not {tags!r}'
        )
    for tag in tags:
        if tag not in BUILD_TAGS:
            near = difflib.get_close_matches(tag.lower(), BUILD_TAGS, n=1, cutoff=0.8)
            if near:
                raise BuildError(
                    f"{where}: unknown tag {tag!r}; did you mean {near[0]!r}? "
                    "(the build only acts on exact tags)"
                )
    return tags


def build_lesson(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Return the learner version of one solution notebook (``name`` is used in errors)."""
    lesson = nbformat.v4.new_notebook()
    lesson.metadata = {
        key: solution.metadata[key]
        for key in ("kernelspec", "language_info")
        if key in solution.metadata
    }
    if "language_info" in lesson.metadata:
        lesson.metadata["language_info"] = {
            "name": lesson.metadata["language_info"].get("name", "python")
        }
    open_exercise = None
    for number, cell in enumerate(solution.cells, start=1):
        where = f"{name}, cell {number}"
        tags = _tags(cell, where)
        if TAG_SOLUTION in tags and cell.cell_type != "code":
            raise BuildError(
                f"{where}: a {cell.cell_type} cell is tagged 'solution', so its text would "
                "reach the lesson unchanged; put the answer in a code cell, or tag the "
                "cell 'instructor' to keep it out of lessons/"
            )
        if TAG_EXERCISE in tags:
            if open_exercise:
                raise BuildError(
                    f"{open_exercise}: this checked exercise has no check cell (tag 'check') after it"
                )
            open_exercise = where
        if TAG_CHECK in tags:
            open_exercise = None
        if TAG_INSTRUCTOR in tags:
            continue
        new = nbformat.from_dict(
            {
                key: value
                for key, value in cell.items()
                if key in ("id", "cell_type", "metadata", "source")
            }
        )
        new.metadata = {
            key: value
            for key, value in cell.metadata.items()
            if key in ("tags", "editable", "deletable")
        }
        if cell.cell_type == "code":
            new.outputs, new.execution_count = [], None
            if TAG_SOLUTION in tags:
                new.source = stub_source(cell.source, where)
            else:
                check_markers(cell.source, where, tagged=False)
        lesson.cells.append(new)
    if open_exercise:
        raise BuildError(
            f"{open_exercise}: this checked exercise has no check cell (tag 'check') after it"
        )
    return lesson


def render(notebook: nbformat.NotebookNode) -> str:
    """Serialise a notebook the way the build stores it."""
    return nbformat.writes(notebook) + "\n"


def fingerprint(notebook: dict) -> str:
    """SHA-256 of a notebook's content, leaving out the build's own record.

    Formatting of the file does not count; any change to a cell, an output or
    the metadata does.
    """
    content = copy.deepcopy(dict(notebook))
    content["metadata"] = {
        key: value for key, value in content.get("metadata", {}).items() if key != RECORD
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp(lesson: nbformat.NotebookNode, source_name: str) -> str:
    """Add the build's record to a lesson and return the text to store."""
    # fingerprint the notebook as it will be read back, so the record survives a round trip
    stored = nbformat.reads(render(lesson), as_version=4)
    lesson.metadata[RECORD] = {"source": f"solutions/{source_name}", "sha256": fingerprint(stored)}
    return render(lesson)


def planned_lessons(
    solutions: Path, lessons: Path, names: list[str] | None = None
) -> dict[Path, str]:
    """Map every lesson file the build would write to the text it would write."""
    planned = {}
    for source in sorted(solutions.glob("[0-9][0-9]-*.ipynb")):
        if names and source.stem not in {Path(name).stem for name in names}:
            continue
        try:
            notebook = nbformat.read(source, as_version=4)
        except Exception as error:
            raise BuildError(f"{source}: not a readable notebook ({error})") from error
        planned[lessons / source.name] = stamp(build_lesson(notebook, str(source)), source.name)
    return planned


def stale_lessons(solutions: Path, lessons: Path) -> list[str]:
    """Describe how ``lessons/`` differs from what the build would write ([] when current)."""
    planned = planned_lessons(solutions, lessons)
    problems = []
    for path, text in planned.items():
        if not path.exists():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != text:
            diff = difflib.unified_diff(
                path.read_text(encoding="utf-8").splitlines(),
                text.splitlines(),
                str(path),
                "built from solutions/",
                n=0,
                lineterm="",
            )
            problems.append(f"{path} differs from the build:\n" + "\n".join(list(diff)[:20]))
    for path in sorted(lessons.glob("*.ipynb")):
        if path not in planned:
            problems.append(f"{path} has no solution notebook in {solutions}")
    return problems


def _first_line(source: str) -> str:
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= 50 else line[:47] + "…"


def describe_changes(old: dict, new: dict) -> str:
    """Say, cell by cell, what a lesson holds that the build would not write ("" when nothing)."""
    new_cells = {cell.get("id"): cell for cell in new.get("cells", [])}
    old_ids = {cell.get("id") for cell in old.get("cells", [])}
    notes = []
    for number, cell in enumerate(old.get("cells", []), start=1):
        built = new_cells.get(cell.get("id"))
        label = f"cell {number} (`{_first_line(cell.get('source', ''))}`)"
        if built is None:
            notes.append(f"{label} is not in the build")
        elif cell.get("source") != built.get("source"):
            notes.append(f"{label} was edited")
        if cell.get("outputs") or cell.get("execution_count"):
            notes.append(f"cell {number} has outputs")
    notes += [
        f"the build's cell `{_first_line(cell.get('source', ''))}` is missing"
        for cell in new.get("cells", [])
        if cell.get("id") not in old_ids
    ]
    if not notes and fingerprint(old) != fingerprint(new):
        notes.append("its metadata differs")
    shown = notes[:6] + ([f"and {len(notes) - 6} more"] if len(notes) > 6 else [])
    return "; ".join(shown)


def _hand_changes(path: Path, text: str) -> str:
    """What in ``path`` the build did not write: "" when it may be overwritten safely."""
    try:
        current = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except Exception as error:  # a damaged file may still be someone's work
        return f"it is not a readable notebook ({type(error).__name__})"
    planned = nbformat.reads(text, as_version=4)
    record = current.metadata.get(RECORD)
    if isinstance(record, dict) and record.get("sha256") == fingerprint(current):
        return ""  # exactly what the build last wrote
    if fingerprint(current) == fingerprint(planned):
        return ""  # no record (built before records existed) but the content is the build's
    changes = describe_changes(current, planned) or "its content differs"
    if not isinstance(record, dict):
        changes = f"it has no build record and differs from the build: {changes}"
    return changes


def check(root: Path) -> int:
    """Report how lessons/ and the stated times differ from what the build would write: 0 if not at all."""
    from .translation import edition as spanish_edition  # it builds on this module
    solutions, lessons = root / "solutions", root / "lessons"
    problems = stale_lessons(solutions, lessons)
    for problem in problems:
        print(problem)
    times = time_problems(root)
    times += spanish_edition.problems(root)  # the Spanish edition (issue 22)
    for problem in times:
        print(problem)
    if problems or times:
        print(
            "lessons/, a stated time or the Spanish edition is stale or incomplete: run "
            "`python -m vraem.authoring.build` and commit the result (translate what it names)."
        )
        return 1
    print(f"lessons/ is up to date with {solutions}, and every stated time with the timing model.")
    return 0


def write_lessons(root: Path, names: list[str], force: bool = False) -> int:
    """Write lessons/ from solutions/ (only ``names`` if given), refusing to overwrite hand edits.

    1 if a lesson was not overwritten (without ``force``), else 0.
    """
    solutions, lessons = root / "solutions", root / "lessons"
    lessons.mkdir(exist_ok=True)
    refused = 0
    for path, text in planned_lessons(solutions, lessons, names).items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        changes = _hand_changes(path, text) if path.exists() else ""
        if changes and not force:
            print(
                f"{path} was not overwritten: it is not what the build last wrote ({changes}). "
                f"Make the change in solutions/{path.name} instead, or copy your version "
                "elsewhere; rerun with --force to replace it."
            )
            refused += 1
            continue
        path.write_text(text, encoding="utf-8")
        print(
            f"replaced {path}, which held changes the build did not make: {changes}"
            if changes
            else f"wrote {path}"
        )
    return 1 if refused else 0


def main(argv: list[str] | None = None) -> int:
    """Command line: build lessons/ from solutions/, or with --check report staleness."""
    parser = argparse.ArgumentParser(
        prog="python -m vraem.authoring.build", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="only report whether lessons/ is up to date"
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="course folder (default: found from the package)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite lessons that were edited by hand or hold outputs, saying what is replaced",
    )
    parser.add_argument("names", nargs="*", help="build only these notebooks, e.g. 01-the-corpus")
    args = parser.parse_args(argv)
    root = args.root or course_root()
    from .translation import edition as spanish_edition  # it builds on this module

    try:
        if args.check:
            return check(root)
        # stated times span the course (README, course map): only on a full build
        if not args.names:
            for path in write_times(root):
                print(f"updated the stated times in {path}")
        refused = write_lessons(root, args.names, force=args.force)
        if not args.names:  # the Spanish edition follows a full build
            spanish_edition.update(root)
            refused += spanish_edition.build(root, force=args.force)
        return 1 if refused else 0
    except BuildError as error:
        print(f"build stopped: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
