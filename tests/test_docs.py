"""The public helpers are documented, and their docstrings open with a use."""

import ast
import importlib.util
import inspect
import re

import pytest

import vraem

from .conftest import REPO


@pytest.mark.parametrize("name", vraem.__all__)
def test_every_public_name_has_a_docstring(name):
    """Does each name learners import explain itself?"""
    assert inspect.getdoc(getattr(vraem, name))


# --- the READMEs (English and Spanish): links, course.py commands, modules and paths ---------

#: The two READMEs a reader starts from; each checked the same way.
READMES = ("README.md", "README.es.md")
#: First parts of paths the READMEs name that are not in a clone: made at run time (the learner's
#: copies, .venv, the website build, the test pictures), the instructor's own folders (the class's
#: notebooks and the gradebook's output), the home folder, a folder beside the clone (a benchmark
#: against another checkout), and the OWNER/REPO placeholder of the Binder and hub addresses.
NOT_IN_A_CLONE = {
    "my-notebooks",
    ".venv",
    "build",
    "reports",
    "class",
    "gradebook",
    "~",
    "..",
    "OWNER",
    "REPO",
}
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`]+)`")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
COURSE_COMMAND = re.compile(r"course\.py((?: [\w.=/-]+)*)")
MODULE = re.compile(r"-m (vraem(?:\.\w+)*)")
PATH = re.compile(r"[\w.~-]+(?:/[\w.-]*)+")


def _text(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8")


def _code(name: str) -> list[str]:
    """Every code span and every line of a fenced block in a README: what a reader types or looks for."""
    text = _text(name)
    blocks = [line for block in FENCE.findall(text) for line in block.splitlines()]
    return blocks + CODE_SPAN.findall(FENCE.sub("", text))


def _course_script() -> tuple[str, set[str]]:
    """course.py's usage text (its docstring, which it prints when run without a command), and
    every string its code uses (the commands it dispatches on, the options it looks for)."""
    tree = ast.parse((REPO / "course.py").read_text(encoding="utf-8"))
    usage = ast.get_docstring(tree)
    strings = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != usage
    }
    return usage, strings


def _course_commands(name: str) -> list[list[str]]:
    """Each course.py command line in a README's code: ``[["lab", "--lang", "es"], ["test"]]``."""
    found = []
    for code in _code(name):
        for match in COURSE_COMMAND.finditer(code.split("#")[0]):
            if match[1].split():
                found.append(match[1].split())
    return found


def test_the_readmes_link_to_each_other():
    """Does each README open with a link to the other language's?"""
    english, spanish = _text("README.md").splitlines(), _text("README.es.md").splitlines()
    assert english[1] == "[Español](README.es.md)"
    assert spanish[1] == "[English](README.md)"


@pytest.mark.parametrize("readme", READMES)
def test_every_link_in_a_readme_leads_to_a_file_in_the_repository(readme):
    """Does each relative link of the README point at a file or folder that is in the clone?"""
    targets = [
        target.split("#")[0]
        for target in LINK.findall(_text(readme))
        if not re.match(r"^[a-z][a-z0-9+.-]*:|^#", target)
    ]
    assert targets, f"{readme} has no link to another file of the course"
    assert [target for target in targets if not (REPO / target).exists()] == []


@pytest.mark.parametrize("readme", READMES)
def test_every_course_command_in_a_readme_is_one_course_py_has(readme):
    """Is each `course.py <command> --option` the README shows one that course.py documents in its
    usage and handles in its code (its commands, `install`'s uses, its own options)?"""
    usage, strings = _course_script()
    commands = set(re.findall(r"course\.py (\w+)", usage))
    lines = _course_commands(readme)
    assert lines, f"{readme} shows no course.py command"
    unknown = []
    for command, *arguments in lines:
        if command not in commands or command not in strings:
            unknown.append(f"course.py {command}: no such command")
        for argument in arguments:
            if argument.startswith("--") and (argument not in usage or argument not in strings):
                unknown.append(f"course.py {command} {argument}: course.py has no {argument}")
            if command == "install" and not argument.startswith("-"):
                if argument not in re.findall(r"install \[([\w|]+)\]", usage)[0].split("|"):
                    unknown.append(f"course.py install {argument}: not a use install knows")
    assert unknown == []


def test_the_spanish_readme_opens_the_spanish_edition():
    """Does README.es.md tell the learner to start with `course.py lab --lang es`?"""
    assert ["lab", "--lang", "es"] in _course_commands("README.es.md")


@pytest.mark.parametrize("readme", READMES)
def test_every_module_a_readme_runs_exists(readme):
    """Is each `python -m vraem.…` of the README a module of the helper package?"""
    modules = {module for code in _code(readme) for module in MODULE.findall(code)}
    assert [module for module in modules if importlib.util.find_spec(module) is None] == []


@pytest.mark.parametrize("readme", READMES)
def test_every_path_a_readme_names_is_in_the_repository(readme):
    """Does each file or folder path the README names in code (`data/README.md`, `lessons/es/`)
    exist in a clone, apart from those made at run time or filled in by the reader?"""
    paths = {
        path
        for code in _code(readme)
        for path in PATH.findall(code)
        if not re.search(r"://|^\w+\.\w+/", code)  # not an address (https://…, mybinder.org/…)
    }
    checked = {path for path in paths if path.split("/")[0] not in NOT_IN_A_CLONE}
    assert checked, f"{readme} names no path of the course"
    assert sorted(path for path in checked if not (REPO / path).exists()) == []
