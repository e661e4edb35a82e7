"""The exercise modules stay small and apart, and what instructors are pointed to exists.

- No exercise module imports another lesson's exercises: a rule two lessons share lives
  in a domain module (``vraem.verdicts``) or in ``vraem.exercises.shapes``.
- No exercise module is over 450 lines: a long one becomes a package (``lesson03/``).
- Every path, module and function an instructor note (``instructors/*.md``) or an
  instructor cell of a solution names exists, so splitting a module cannot leave an
  instructor looking for a file that has gone. The notes name modules by their import
  path (``vraem.exercises.lesson04``), which stays put when a module becomes a package.
"""

import ast
import re
from importlib import import_module

import nbformat
import pytest

from vraem.contract import TAG_INSTRUCTOR

from .conftest import REPO

EXERCISES = REPO / "src" / "vraem" / "exercises"
MODULES = sorted(EXERCISES.rglob("*.py"))
MAX_LINES = 450

#: Folders of the course a path in an instructor's text may start from.
COURSE_FOLDERS = ("src", "data", "solutions", "lessons", "instructors", "tests", "tools")
BACKTICKED = re.compile(r"`([^`\n]+)`")
#: "`pair_table()` in `vraem.exercises.lesson04`", "`brief_verdict()` (in `vraem.verdicts`)".
FUNCTION_IN_MODULE = re.compile(r"`(\w+)\(\)`\s*\(?in\s+`(vraem[\w.]*)`")
#: A Python file named on its own, as in "(lesson02.py)".
BARE_PYTHON_FILE = re.compile(r"(?<![\w/.-])([\w-]+\.py)\b")


def _lesson_of(path) -> str | None:
    """The lesson package or module an exercise file belongs to ("lesson03"), None for the shared ones."""
    part = path.relative_to(EXERCISES).parts[0]
    return part.removesuffix(".py") if part.startswith("lesson") else None


def _imported_modules(path, source: str | None = None) -> set[str]:
    """The dotted names a module imports (``source``, else the file's), relative imports resolved."""
    package = ".".join(("vraem", *path.relative_to(REPO / "src" / "vraem").parent.parts))
    source = path.read_text(encoding="utf-8") if source is None else source
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_the_exercise_modules_are_found():
    """Does the test see the lesson packages' modules, not only the top-level files?"""
    assert any(path.parent != EXERCISES for path in MODULES)
    assert {_lesson_of(path) for path in MODULES} >= {f"lesson0{n}" for n in range(7)}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(EXERCISES)))
def test_no_exercise_module_imports_another_lessons(path):
    """Does this module import no exercise module of another lesson (its own package is fine)?"""
    own = _lesson_of(path)
    sideways = sorted(
        name
        for name in _imported_modules(path)
        if (match := re.match(r"vraem\.exercises\.(lesson\d\d)\b", name)) and match[1] != own
    )
    assert not sideways, f"{path.name} imports {', '.join(sideways)}"


def test_the_import_check_catches_a_sideways_import():
    """Would a module of lesson 06 that imports lesson 03 be caught (the check can fail)?"""
    source = "from ..lesson03 import coca_verdicts\nfrom . import data\nfrom .. import shapes\n"
    found = _imported_modules(EXERCISES / "lesson06" / "brief.py", source)
    assert "vraem.exercises.lesson03.coca_verdicts" in found
    assert {"vraem.exercises.lesson06.data", "vraem.exercises.shapes"} <= found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(EXERCISES)))
def test_no_exercise_module_is_over_450_lines(path):
    """Is this module short enough to read as declarations (450 lines at most)?"""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: make its lesson a package"


PACKAGE_MODULES = sorted((REPO / "src").rglob("*.py"))


@pytest.mark.parametrize("path", PACKAGE_MODULES, ids=lambda path: str(path.relative_to(REPO)))
def test_no_module_of_the_package_is_over_450_lines(path):
    """Is every module of the course's code short enough to hold one job (450 lines at most)?"""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines: split it by job"


def _instructor_texts() -> list[tuple[str, str]]:
    """(where, text) of every instructor note and every instructor cell of the solutions."""
    texts = [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "instructors").glob("*.md"))
    ]
    for path in sorted((REPO / "solutions").glob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if TAG_INSTRUCTOR in cell.metadata.get("tags", []):
                texts.append((f"{path.name} cell {number}", cell.source))
    return texts


TEXTS = _instructor_texts()
#: The names of the course's Python files, for a file named on its own.
PYTHON_FILES = {path.name for path in REPO.glob("*.py")} | {
    path.name for folder in ("src", "tests", "tools") for path in (REPO / folder).rglob("*.py")
}


def _named_paths(text: str) -> set[str]:
    """The course paths a text names in backticks: ``src/vraem/series.py``, ``data/codebooks/``."""
    return {
        span
        for span in BACKTICKED.findall(text)
        if re.fullmatch(r"[\w./-]+", span)
        and span.split("/")[0] in (*COURSE_FOLDERS, "vraem")
        and "/" in span
    }


def _exists(path: str) -> bool:
    return (REPO / path).exists() or (path.startswith("vraem/") and (REPO / "src" / path).exists())


def _resolves(dotted: str) -> bool:
    """Whether ``vraem.x.y`` is a module, or a name in the module before its last dot."""
    try:
        import_module(dotted)
        return True
    except ModuleNotFoundError:
        module, _, name = dotted.rpartition(".")
        try:
            return hasattr(import_module(module), name)
        except ModuleNotFoundError:
            return False


def test_instructor_texts_are_found():
    """Does the test read the notes and the solutions' instructor cells, and find names in them?"""
    assert any(where.endswith(".md") for where, _ in TEXTS)
    assert any("cell" in where for where, _ in TEXTS)
    assert any(FUNCTION_IN_MODULE.search(text) for _, text in TEXTS)
    assert any(_named_paths(text) for _, text in TEXTS)


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=[where for where, _ in TEXTS])
def test_every_path_an_instructor_is_shown_exists(where, text):
    """Does every file, module and function this instructor text names exist where it says?"""
    missing = [path for path in sorted(_named_paths(text)) if not _exists(path)]
    missing += [
        name for name in sorted(set(BARE_PYTHON_FILE.findall(text))) if name not in PYTHON_FILES
    ]
    dotted = {span.removesuffix("()") for span in BACKTICKED.findall(text)}
    missing += [
        name
        for name in sorted(dotted)
        if re.fullmatch(r"vraem(\.\w+)+", name) and not _resolves(name)
    ]
    missing += [
        f"{function}() in {module}"
        for function, module in FUNCTION_IN_MODULE.findall(text)
        if not _resolves(f"{module}.{function}")
    ]
    assert not missing, f"{where} names what does not exist: {', '.join(missing)}"


def test_the_path_check_can_fail():
    """Would a note naming a moved file, a gone module or a function in the wrong module fail?"""
    text = (
        "Keys in `src/vraem/exercises/lesson04.py` (lesson04.py), `vraem.exercises.lesson09`; "
        "`brief_verdict()` in `vraem.exercises.lesson06`."
    )
    assert _named_paths(text) == {"src/vraem/exercises/lesson04.py"}
    assert not _exists("src/vraem/exercises/lesson04.py")
    assert BARE_PYTHON_FILE.findall(text) == ["lesson04.py"]
    assert not _resolves("vraem.exercises.lesson09")
    assert FUNCTION_IN_MODULE.findall(text) == [("brief_verdict", "vraem.exercises.lesson06")]
    assert not _resolves("vraem.exercises.lesson06.brief_verdict")
