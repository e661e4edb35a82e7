"""The learner's package stays apart from the maintainers' and instructors' tools.

Learner-facing: every module that ``vraem/__init__.py``, an exercise module (loaded by name) or a
lesson notebook imports, directly or through another, at the top of a file or inside a function.
None of them may import ``vraem.authoring`` or ``vraem.gradebook``; and ``import vraem`` with every
learner-facing module loads none of the tools' heavy packages.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from vraem.contract import CHECK_MODE_VARIABLE, PROGRESS_FILE_VARIABLE, lesson_order

from .conftest import REPO

PACKAGE = REPO / "src" / "vraem"
TOOLS = ("vraem.authoring", "vraem.gradebook")
#: Third-party packages only the tools use; a learner's ``import vraem`` must not load them.
#: (jinja2 and subprocess are not here: altair and pandas load them for every learner anyway.)
TOOLS_PACKAGES = (
    "nbformat",
    "nbclient",
    "jupyter_client",
    "yaml",
    "bs4",
    "markdown_it",
    "nh3",
    "rich",
    "jupyter_book",
    "sphinx",
)


def module_file(name: str):
    path = REPO / "src" / name.replace(".", "/")
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def imported_module(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    """The absolute name of the module a ``from … import`` in module ``name`` reads from."""
    if not node.level:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def course_imports(tree: ast.AST, name: str, is_package: bool) -> set[str]:
    """Every ``vraem`` module a parsed file imports, anywhere in it (lazy imports too)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = imported_module(node, name, is_package)
            found.add(module)
            found |= {
                f"{module}.{alias.name}" for alias in node.names
            }  # `from vraem import checks`
    for module in list(found):  # importing a.b.c runs a and a.b first
        parts = module.split(".")
        found |= {".".join(parts[:end]) for end in range(1, len(parts))}
    return {module for module in found if module.startswith("vraem") and module_file(module)}


def seeds() -> set[str]:
    """The package itself, the exercise modules and what the lesson notebooks import."""
    found = {"vraem"}
    found |= {
        "vraem."
        + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for path in (PACKAGE / "exercises").rglob("*.py")
    }
    for folder in ("lessons", "solutions"):
        for notebook in (REPO / folder).glob("*.ipynb"):
            for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
                if cell["cell_type"] == "code":
                    try:
                        tree = ast.parse("".join(cell["source"]))
                    except SyntaxError:  # a cell that shows a mistake on purpose
                        continue
                    found |= course_imports(tree, "__main__", False)
    return found


def learner_facing() -> dict[str, str]:
    """Every learner-facing module, with the module that first imported it (the path to blame)."""
    reached = {module: "(a seed)" for module in seeds()}
    todo = list(reached)
    while todo:
        module = todo.pop()
        path = module_file(module)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for imported in course_imports(tree, module, path.name == "__init__.py"):
            if imported not in reached:
                reached[imported] = module
                todo.append(imported)
    return reached


def test_the_walk_follows_lazy_and_named_imports():
    reached = learner_facing()
    # checks imports the hand-over inside a function; the exercises load lesson modules by name
    assert {"vraem.checks", "vraem.handover", "vraem.exercises.lesson06", "vraem.paths"} <= set(
        reached
    )


def test_no_learner_facing_module_imports_the_tools():
    reached = learner_facing()
    crossing = {
        module: reached[module]
        for module in reached
        if any(module == tool or module.startswith(tool + ".") for tool in TOOLS)
    }
    assert not crossing, (
        f"learner-facing modules import the tools (module: imported by): {crossing}"
    )


def test_every_course_import_names_a_module_of_the_package():
    """A lazy import inside a function fails only when it runs: each must name a real module."""
    broken = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = path.name == "__init__.py"
        name = name.removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = imported_module(node, name, is_package)
                if module.startswith("vraem") and not module_file(module):
                    broken.append(f"{path.relative_to(REPO)}:{node.lineno} ({module})")
    assert not broken, f"imports of course modules that do not exist: {broken}"


def test_import_vraem_loads_none_of_the_tools_packages():
    learner = sorted(set(learner_facing()) - {"vraem"})
    code = (
        "import sys, importlib, json\n"
        "import vraem\n"
        "from vraem.exercises import all_exercises\n"
        "all_exercises()\n"
        f"for name in {learner!r}: importlib.import_module(name)\n"
        "import vraem.authoring, vraem.gradebook  # the packages themselves load nothing\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert "vraem.exercises.lesson06" in loaded and "vraem.authoring" in loaded
    heavy = sorted(name for name in TOOLS_PACKAGES if name in loaded)
    assert not heavy, f"importing the learner's package loads the tools' packages {heavy}"
    tools = sorted(name for name in loaded if name.startswith(tuple(tool + "." for tool in TOOLS)))
    assert not tools, f"importing the learner's package loads the tools' modules {tools}"


def test_the_tools_do_use_those_packages():
    """The list above names what the tools really import, so the test above can fail."""
    code = (
        "import sys, json\n"
        "import vraem.authoring.build, vraem.authoring.site.command, vraem.gradebook.grade\n"
        "import vraem.gradebook.runner\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert {"nbformat", "yaml", "nbclient", "jupyter_client"} <= loaded


def test_the_benchmark_reads_the_contract_without_importing_the_course():
    """tools/benchmark.py uses the contract's names and sort key, yet times `import vraem` cold."""
    code = (
        "import importlib.util, json, sys\n"
        "spec = importlib.util.spec_from_file_location('benchmark', 'tools/benchmark.py')\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "contract = module.CONTRACT\n"
        "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] in ('vraem', 'pandas')),\n"
        "    contract.CHECK_MODE_VARIABLE, contract.PROGRESS_FILE_VARIABLE,\n"
        "    sorted(['2.10', '2.9', '10.1', '1.1'], key=contract.lesson_order)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    imported, check_mode, progress_file, order = json.loads(result.stdout)
    assert imported == []
    assert (check_mode, progress_file) == (CHECK_MODE_VARIABLE, PROGRESS_FILE_VARIABLE)
    assert order == sorted(["2.10", "2.9", "10.1", "1.1"], key=lesson_order)
    source = (REPO / "tools" / "benchmark.py").read_text(encoding="utf-8")
    assert CHECK_MODE_VARIABLE not in source and PROGRESS_FILE_VARIABLE not in source
