"""The build that turns solution notebooks into lessons."""

import nbformat
import pytest

from vraem.build import BuildError, build_lesson, main, render, stale_lessons, stub_source

from .conftest import REPO


def _notebook(*cells):
    """Build a notebook from (cell_type, source, tags) triples with fixed ids."""
    notebook = nbformat.v4.new_notebook()
    for number, (kind, source, tags) in enumerate(cells):
        cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(source)
        cell.id = f"cell-{number}"
        cell.metadata["tags"] = list(tags)
        notebook.cells.append(cell)
    return notebook


EXERCISE = _notebook(
    ("markdown", "### Exercise 9.1 · Count", ["exercise"]),
    ("code", "answer = len(corpus)  # SOLUTION", ["solution"]),
    ("code", 'check("9.1", answer)', ["check"]),
    ("markdown", "Model answer for instructors", ["instructor"]),
)


def test_one_line_marker_becomes_a_stub():
    """Is `answer = expr  # SOLUTION` turned into `answer = ...`?"""
    assert stub_source("answer = len(corpus)  # SOLUTION", "here") == "answer = ..."


def test_block_marker_becomes_stubs_for_every_assigned_name():
    """Does a BEGIN/END block become a comment plus one stub per assigned name?"""
    source = "x = 1\n### BEGIN SOLUTION\ncounts = claims.value_counts()\nanswer = counts.index[0]\n### END SOLUTION"
    assert stub_source(source, "here") == "x = 1\n# YOUR CODE HERE\ncounts = ...\nanswer = ..."


@pytest.mark.parametrize(("source", "complaint"), [
    ("### BEGIN SOLUTION\nanswer = 1", "never closed"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nanswer = 1\n### END SOLUTION", "nested"),
    ("answer = 1", "no solution marker"),
    ("### END SOLUTION", "without"),
    ("print(1)  # SOLUTION", "can only end an assignment"),
])
def test_malformed_markers_name_the_place(source, complaint):
    """Does each malformed marker stop the build with the cell named?"""
    with pytest.raises(BuildError, match=complaint) as caught:
        stub_source(source, "02-x.ipynb, cell 7")
    assert "02-x.ipynb, cell 7" in str(caught.value)


def test_an_exercise_without_a_check_stops_the_build():
    """Is an exercise heading with no check cell after it reported with its cell number?"""
    notebook = _notebook(("markdown", "### Exercise 9.1", ["exercise"]),
                         ("code", "answer = 1  # SOLUTION", ["solution"]))
    with pytest.raises(BuildError, match=r"lesson\.ipynb, cell 1: .*no check cell"):
        build_lesson(notebook, "lesson.ipynb")


def test_the_lesson_drops_instructor_cells_and_outputs_and_keeps_ids():
    """Are instructor cells removed, outputs cleared, stubs in place and cell ids kept?"""
    source = nbformat.from_dict(EXERCISE)
    source.cells[1].outputs = [nbformat.v4.new_output("stream", text="5")]
    source.cells[1].execution_count = 3
    lesson = build_lesson(source, "x")
    assert [cell.id for cell in lesson.cells] == ["cell-0", "cell-1", "cell-2"]
    assert lesson.cells[1].source == "answer = ..."
    assert lesson.cells[1].outputs == [] and lesson.cells[1].execution_count is None
    assert lesson.cells[1].metadata["tags"] == ["solution"]


def test_building_twice_gives_the_same_text():
    """Is the build deterministic (no new ids, no churn)?"""
    assert render(build_lesson(EXERCISE, "x")) == render(build_lesson(EXERCISE, "x"))


def test_lessons_folder_is_what_the_build_writes():
    """Is lessons/ up to date with solutions/ (python -m vraem.build --check)?"""
    assert stale_lessons(REPO / "solutions", REPO / "lessons") == []


def _course(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "lessons").mkdir()
    nbformat.write(EXERCISE, tmp_path / "solutions" / "09-demo.ipynb")
    return tmp_path


def test_check_mode_reports_a_stale_lesson(tmp_path, capsys):
    """Does --check exit non-zero and name the file when a solution changed?"""
    root = _course(tmp_path)
    assert main(["--root", str(root)]) == 0
    assert main(["--root", str(root), "--check"]) == 0
    changed = nbformat.read(root / "solutions" / "09-demo.ipynb", as_version=4)
    changed.cells[0].source += " (edited)"
    nbformat.write(changed, root / "solutions" / "09-demo.ipynb")
    assert main(["--root", str(root), "--check"]) == 1
    assert "09-demo.ipynb differs" in capsys.readouterr().out


def test_the_build_never_overwrites_a_lesson_someone_has_run(tmp_path, capsys):
    """Is a lesson with outputs (someone's work) left alone unless --force is given?"""
    root = _course(tmp_path)
    main(["--root", str(root)])
    worked = nbformat.read(root / "lessons" / "09-demo.ipynb", as_version=4)
    worked.cells[1].source = "answer = 5"
    worked.cells[1].execution_count = 1
    nbformat.write(worked, root / "lessons" / "09-demo.ipynb")
    assert main(["--root", str(root)]) == 1
    assert "not overwritten" in capsys.readouterr().out
    assert "answer = 5" in (root / "lessons" / "09-demo.ipynb").read_text()


def test_a_broken_solution_notebook_is_reported(tmp_path, capsys):
    """Does a malformed solution stop the build with a message on stderr and exit 2?"""
    root = _course(tmp_path)
    broken = nbformat.from_dict(EXERCISE)
    broken.cells[1].source = "answer = 1"
    nbformat.write(broken, root / "solutions" / "09-demo.ipynb")
    assert main(["--root", str(root)]) == 2
    assert "09-demo.ipynb, cell 2" in capsys.readouterr().err


def test_a_block_that_assigns_into_a_table_is_refused():
    """Would `table["x"] = ...` in a block wipe out `table` for later cells? The build refuses it."""
    source = "### BEGIN SOLUTION\nclaims['share'] = 1\nanswer = 2\n### END SOLUTION"
    with pytest.raises(BuildError, match="plain names"):
        stub_source(source, "cell 4")
