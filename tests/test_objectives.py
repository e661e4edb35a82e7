"""Every stated objective is assessed: exercise cells declare which objectives they test."""

import nbformat
import pytest

from vraem.contract import EXERCISE_NAMED, EXERCISE_TAGS

from .conftest import REPO

SOLUTIONS = sorted((REPO / "solutions").glob("[0-9][0-9]-*.ipynb"))


def objectives(header: str) -> list[str]:
    """The bullets under **Objectives** in a lesson's first cell."""
    block = header.split("**Objectives**", 1)[1]
    bullets = []
    for line in block.splitlines()[1:]:
        if line.startswith("- "):
            bullets.append(line[2:].strip())
        elif line.startswith("  ") and bullets:  # a bullet wrapped onto the next line
            bullets[-1] += " " + line.strip()
        elif line.strip():
            break
    return bullets


def coverage(path) -> tuple[list[str], dict[int, list[str]]]:
    """The lesson's objectives, and for each objective number the exercises that assess it."""
    notebook = nbformat.read(path, as_version=4)
    stated = objectives(notebook.cells[0].source)
    covered: dict[int, list[str]] = {}
    for number, cell in enumerate(notebook.cells, start=1):
        if not set(EXERCISE_TAGS) & set(cell.metadata.get("tags", [])):
            continue
        heading = EXERCISE_NAMED.search(cell.source)
        name = heading[1] if heading else f"cell {number}"
        declared = cell.metadata.get("objectives")
        assert isinstance(declared, list) and declared, (
            f'{path.name}, {name}: add cell metadata "objectives": [numbers of the objectives it assesses]'
        )
        for objective in declared:
            assert isinstance(objective, int) and 1 <= objective <= len(stated), (
                f"{path.name}, {name}: objective {objective!r} is not one of 1..{len(stated)}"
            )
            covered.setdefault(objective, []).append(name)
    return stated, covered


def test_objectives_are_read_from_the_header():
    """Does the reader find wrapped bullets and stop at the end of the list?"""
    header = "# 09 · X\n\n**Objectives**\n- one\n  more\n- two\n\nAfter the list"
    assert objectives(header) == ["one more", "two"]


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_objective_is_assessed_by_an_exercise(path):
    """Does at least one exercise assess each objective the lesson states?"""
    stated, covered = coverage(path)
    assert stated, f"{path.name} states no objectives"
    missing = [
        f"{number}. {text}" for number, text in enumerate(stated, start=1) if number not in covered
    ]
    assert not missing, f"{path.name}: no exercise assesses: {missing}"
