"""Is the notebook contract typed once? Every tag, marker, pattern and variable name lives in vraem.contract.

The scan reads the Python source of ``src/vraem``, ``tests`` and the root ``conftest.py`` and reports each place that defines a piece of the contract again instead of
importing it from :mod:`vraem.contract`:

- an environment variable's name (``"VRAEM_CHECK_MODE"``) or the hand-over MIME type, anywhere;
- a solution marker as a string of its own (``"### BEGIN SOLUTION"``, ``"BEGIN SOLUTION"``,
  ``"# SOLUTION"``, ``"SOLUTION"``, ``"# YOUR CODE HERE"``). A marker *inside* a longer string is
  example notebook source (the build's tests feed it such cells) and is allowed;
- a regular expression that names a marker, an exercise heading or a ``check(`` call;
- a cell tag used as a tag: ``"solution" in tags``, ``{"tags": ["check"]}``, a list or set of tag
  names only, a name ``…TAG…`` assigned a tag; a hyphenated tag (``"open-exercise"``) anywhere;
- in ``src/vraem``, a status word assigned to a name, used as a dictionary key or compared with
  ``==`` (tests may assert the words a learner sees, as the learner sees them);
- the exercise id's sort key or lesson part worked out again (``exercise_id.split(".")``).

What counts as the contract is read from vraem.contract itself, so a new tag or variable there
is checked here without a change to this file.
"""

import ast
import re
from pathlib import Path

import pytest

from vraem import contract

from .conftest import REPO

TAGS = {value for name, value in vars(contract).items() if name.startswith("TAG_")}
MARKERS = {
    contract.BEGIN_SOLUTION,
    contract.END_SOLUTION,
    contract.ONE_LINE_SOLUTION,
    contract.STUB_COMMENT,
}
NAMES = {value for name, value in vars(contract).items() if name.endswith("_VARIABLE")} | {
    contract.ANSWER_MIME
}
STATUS_WORDS = {
    contract.CORRECT,
    contract.WRONG,
    contract.UNANSWERED,
    contract.UNREADABLE,
    contract.SOLVED,
    contract.WRONG_ANSWER,
    contract.NOT_ANSWERED,
    contract.ERROR,
    contract.NOT_HANDED_IN,
    contract.PROGRESS_OPEN,
    *contract.PROGRESS_WORDS.values(),
}
#: What in a regular expression shows that it parses the notebook contract: a marker, an
#: exercise heading ("Exercise (", "Exercise \d"), a check( call.
CONTRACT_PATTERN = re.compile(r"solution|xercise (?:\(|\\d)|check\\\(", re.IGNORECASE)
_RE_FUNCTIONS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "findall",
    "finditer",
    "sub",
    "subn",
    "split",
}
#: What an exercise id is called where one is split by hand.
_AN_ID = re.compile(r"""exercise|\bid\b|^e$|\[["']id["']\]""", re.IGNORECASE)


def _bare(marker: str) -> str:
    return marker.strip(" #")


BARE_MARKERS = {_bare(marker) for marker in MARKERS}


def _strings(node) -> list[ast.Constant]:
    return [
        child
        for child in ast.walk(node)
        if isinstance(child, ast.Constant) and isinstance(child.value, str)
    ]


def offences(source: str, *, learner_code: bool = True) -> list[str]:
    """Each place in ``source`` that re-types the contract, as ``"line N: why"``.

    ``learner_code`` is True for ``src/vraem`` (status words are checked there too).
    """
    tree = ast.parse(source)
    found = []

    def say(node, why):
        found.append(f"line {node.lineno}: {why}")

    # A piece of an f-string is part of a longer text (example notebook source), not a string of its own.
    pieces = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in pieces
        ):
            text = node.value
            if text in NAMES:
                say(node, f"{text!r} is vraem.contract's; import it")
            if text.strip() and _bare(text) in BARE_MARKERS:
                say(node, f"the solution marker {text!r} is vraem.contract's; import it")
            if text in TAGS and "-" in text:
                say(node, f"the tag {text!r} is vraem.contract's; import it")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            if (
                node.func.attr == "split"
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "."
                and _AN_ID.search(ast.unparse(node.func.value))
            ):
                say(
                    node,
                    "an exercise id split by hand; use vraem.contract.lesson_number / lesson_order",
                )
            if node.func.attr in _RE_FUNCTIONS and ast.unparse(node.func.value) == "re":
                pattern = " ".join(string.value for string in _strings(node.args[0]))
                if CONTRACT_PATTERN.search(pattern):
                    say(
                        node,
                        f"the pattern {pattern[:60]!r} parses the notebook contract; use vraem.contract's",
                    )
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant):
            right = " ".join(ast.unparse(side) for side in node.comparators)
            if (
                node.left.value in TAGS
                and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
                and "tag" in right.lower()
            ):
                say(node, f"the tag {node.left.value!r} is vraem.contract's; import it")
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "tags":
                    for string in _strings(value):
                        if string.value in TAGS:
                            say(string, f"the tag {string.value!r} is vraem.contract's; import it")
                if learner_code and isinstance(key, ast.Constant) and key.value in STATUS_WORDS:
                    say(key, f"the status word {key.value!r} is vraem.contract's; import it")
        if (
            isinstance(node, ast.List | ast.Tuple | ast.Set)
            and node.elts
            and all(
                isinstance(element, ast.Constant) and element.value in TAGS for element in node.elts
            )
        ):
            say(
                node,
                f"the tags {[element.value for element in node.elts]} are vraem.contract's; import them",
            )
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = " ".join(ast.unparse(target) for target in targets)
            values = [string.value for string in _strings(node.value)]
            if "TAG" in names.upper() and any(value in TAGS for value in values):
                say(node, f"{names} defines a tag again; import it from vraem.contract")
            if (
                learner_code
                and any(value in STATUS_WORDS for value in values)
                and (
                    isinstance(node.value, ast.Constant)
                    or (
                        isinstance(node.value, ast.Tuple)
                        and all(isinstance(element, ast.Constant) for element in node.value.elts)
                    )
                )
            ):
                say(node, f"{names} defines a status word again; import it from vraem.contract")
        if (
            learner_code
            and isinstance(node, ast.Compare)
            and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops)
        ):
            sides = [node.left, *node.comparators]
            if any(
                isinstance(side, ast.Constant) and side.value in STATUS_WORDS for side in sides
            ) and not any(
                "type" in ast.unparse(side) for side in sides
            ):  # an output's or a message's type, not a status
                say(
                    node, f"`{ast.unparse(node)}` compares with a status word; use vraem.contract's"
                )
    return found


def _sources() -> list[Path]:
    files = [
        *sorted((REPO / "src" / "vraem").rglob("*.py")),
        *sorted((REPO / "tests").rglob("*.py")),
        REPO / "conftest.py",
    ]
    # The contract itself, and this file, whose patterns describe what re-typing looks like.
    return [
        path
        for path in files
        if path not in (REPO / "src" / "vraem" / "contract.py", Path(__file__).resolve())
    ]


@pytest.mark.parametrize("path", _sources(), ids=lambda path: str(path.relative_to(REPO)))
def test_no_module_types_the_notebook_contract_again(path):
    """Does every module import the tags, markers, patterns, variables and status words from vraem.contract?"""
    learner_code = path.is_relative_to(REPO / "src")
    found = offences(path.read_text(encoding="utf-8"), learner_code=learner_code)
    assert not found, f"{path.relative_to(REPO)} re-types the notebook contract:\n" + "\n".join(
        found
    )


#: One re-typing of each kind, built from the contract's own values, and the code that imports it instead.
PLANTED = {
    "a marker": (
        f"BEGIN = {contract.BEGIN_SOLUTION!r}",
        "from vraem.contract import BEGIN_SOLUTION as BEGIN",
    ),
    "a bare marker": (
        f"ok = {_bare(contract.BEGIN_SOLUTION)!r} not in page",
        "ok = BEGIN_SOLUTION not in page",
    ),
    "the one-line marker": (
        f"done = line.endswith({'  ' + contract.ONE_LINE_SOLUTION!r})",
        "done = line.endswith(ONE_LINE_SOLUTION)",
    ),
    "a variable": (
        f"os.environ.get({contract.GRADEBOOK_VARIABLE!r})",
        "os.environ.get(GRADEBOOK_VARIABLE)",
    ),
    "a tag test": (
        f"if {contract.TAG_SOLUTION!r} in cell.metadata['tags']: pass",
        "if TAG_SOLUTION in tags_of(cell): pass",
    ),
    "tags in metadata": (
        f"cell = new_code_cell('x', metadata={{'tags': [{contract.TAG_CHECK!r}]}})",
        "cell = new_code_cell('x', metadata={'tags': [TAG_CHECK]})",
    ),
    "a tag list": (
        f"case = ('code', 'x = 1', [{contract.TAG_INSTRUCTOR!r}])",
        "case = ('code', 'x = 1', [TAG_INSTRUCTOR])",
    ),
    "a hyphenated tag": (f"OPEN = {contract.TAG_OPEN_EXERCISE!r}", "OPEN = TAG_OPEN_EXERCISE"),
    "a heading pattern": (
        "HEADING = re.compile(r'^### Exercise (\\d+\\.\\d+)')",
        "HEADING = CHECKED_HEADING",
    ),
    "a check() pattern": ("CALL = re.compile(r'check\\(\"(\\d+\\.\\d+)\"')", "CALL = CHECK_CALL"),
    "a status word": (f"SOLVED = {contract.SOLVED!r}", "from vraem.contract import SOLVED"),
    "status words as keys": (
        f"RANK = {{{contract.WRONG!r}: 1, {contract.CORRECT!r}: 2}}",
        "RANK = STATUS_RANK",
    ),
    "a status compared": (f"solved = outcome == {contract.SOLVED!r}", "solved = outcome == SOLVED"),
    "the sort key": (
        "key = tuple(int(part) for part in exercise_id.split('.'))",
        "key = lesson_order(exercise_id)",
    ),
    "the lesson part": (
        "lesson = int(exercise_id.split('.')[0])",
        "lesson = lesson_number(exercise_id)",
    ),
}


@pytest.mark.parametrize(("typed", "imported"), PLANTED.values(), ids=PLANTED.keys())
def test_the_scan_finds_a_contract_literal_typed_again(typed, imported):
    """Does the scan report each kind of re-typing, and stay quiet about the import that replaces it?"""
    assert offences(typed), typed
    assert not offences(imported), imported


def test_the_sort_key_puts_ids_in_the_lessons_order():
    """Does 2.10 come after 2.9, lesson 10 after lesson 2, and an open exercise (2.a) before the checked ones?"""
    ids = ["10.1", "2.10", "2.9", "2.a", "1.2"]
    assert sorted(ids, key=contract.lesson_order) == ["1.2", "2.a", "2.9", "2.10", "10.1"]
    assert [contract.lesson_number(exercise_id) for exercise_id in ids] == [10, 2, 2, 2, 1]


def test_the_patterns_read_the_lessons_headings_and_checks():
    """Do the heading and check() patterns read what the lessons write, and tell checked from open?"""
    checked, open_one = (
        "### Exercise 2.10 · Count the claims (4 min)",
        "### Open exercise 2.a · Weigh it (10 min)",
    )
    assert contract.EXERCISE_HEADING.search(checked)["id"] == "2.10"
    assert contract.EXERCISE_HEADING.search(open_one)["minutes"] == "10"
    assert contract.CHECKED_HEADING.search(checked)[
        "id"
    ] == "2.10" and not contract.CHECKED_HEADING.search(open_one)
    assert contract.OPEN_HEADING.search(open_one)[
        "id"
    ] == "2.a" and not contract.OPEN_HEADING.search(checked)
    assert [
        call["id"] for call in contract.CHECK_CALL.finditer("check('1.2', a)\ncheck( \"1.3\", b)")
    ] == ["1.2", "1.3"]
