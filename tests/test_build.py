"""The build that turns solution notebooks into lessons."""

import nbformat
import pytest

from vraem.authoring.build import build_lesson, main, render, stale_lessons
from vraem.authoring.stubs import BuildError, stub_source
from vraem.contract import (
    END_SOLUTION,
    ONE_LINE_SOLUTION,
    TAG_CHECK,
    TAG_EXERCISE,
    TAG_INSTRUCTOR,
    TAG_SOLUTION,
)

from .conftest import REPO


def _notebook(*cells):
    """Build a notebook from (cell_type, source, tags) triples with fixed ids."""
    notebook = nbformat.v4.new_notebook()
    for number, (kind, source, tags) in enumerate(cells):
        cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(
            source
        )
        cell.id = f"cell-{number}"
        cell.metadata["tags"] = list(tags)
        notebook.cells.append(cell)
    return notebook


EXERCISE = _notebook(
    ("markdown", "### Exercise 9.1 · Count", [TAG_EXERCISE]),
    ("code", "answer = len(corpus)  # SOLUTION", [TAG_SOLUTION]),
    ("code", 'check("9.1", answer)', [TAG_CHECK]),
    ("markdown", "Model answer for instructors", [TAG_INSTRUCTOR]),
)


def test_one_line_marker_becomes_a_stub():
    """Is `answer = expr  # SOLUTION` turned into `answer = ...`?"""
    assert stub_source("answer = len(corpus)  # SOLUTION", "here") == "answer = ..."


def test_block_marker_becomes_stubs_for_every_assigned_name():
    """Does a BEGIN/END block become a comment plus one stub per assigned name?"""
    source = "x = 1\n### BEGIN SOLUTION\ncounts = claims.value_counts()\nanswer = counts.index[0]\n### END SOLUTION"
    assert stub_source(source, "here") == "x = 1\n# YOUR CODE HERE\ncounts = ...\nanswer = ..."


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ("### BEGIN SOLUTION\nanswer = 1", "never closed"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nanswer = 1\n### END SOLUTION", "nested"),
        ("answer = 1", "no solution marker"),
        (END_SOLUTION, "without"),
        ("print(1)  # SOLUTION", "can only end an assignment"),
    ],
)
def test_malformed_markers_name_the_place(source, complaint):
    """Does each malformed marker stop the build with the cell named?"""
    with pytest.raises(BuildError, match=complaint) as caught:
        stub_source(source, "02-x.ipynb, cell 7")
    assert "02-x.ipynb, cell 7" in str(caught.value)


def test_an_exercise_without_a_check_stops_the_build():
    """Is an exercise heading with no check cell after it reported with its cell number?"""
    notebook = _notebook(
        ("markdown", "### Exercise 9.1", [TAG_EXERCISE]),
        ("code", "answer = 1  # SOLUTION", [TAG_SOLUTION]),
    )
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
    assert lesson.cells[1].metadata["tags"] == [TAG_SOLUTION]


def test_building_twice_gives_the_same_text():
    """Is the build deterministic (no new ids, no churn)?"""
    assert render(build_lesson(EXERCISE, "x")) == render(build_lesson(EXERCISE, "x"))


def test_lessons_folder_is_what_the_build_writes():
    """Is lessons/ up to date with solutions/ (python -m vraem.authoring.build --check)?"""
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


# --- the build never destroys work (issue 8 §4) ---


def _lesson_path(root):
    return root / "lessons" / "09-demo.ipynb"


def test_a_hand_edited_lesson_without_outputs_is_not_overwritten(tmp_path, capsys):
    """Is a lesson edited by hand (no outputs at all) kept, with the edited cell named?"""
    root = _course(tmp_path)
    assert main(["--root", str(root)]) == 0
    edited = nbformat.read(_lesson_path(root), as_version=4)
    edited.cells[0].source = "### Exercise 9.1 · Count (my own wording)"
    nbformat.write(edited, _lesson_path(root))
    changed = nbformat.read(root / "solutions" / "09-demo.ipynb", as_version=4)
    changed.cells[2].source += "  # the solution changed too"
    nbformat.write(changed, root / "solutions" / "09-demo.ipynb")
    capsys.readouterr()
    assert main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert (
        "not overwritten" in out
        and "cell 1 (`### Exercise 9.1 · Count (my own wording)`) was edited" in out
    )
    assert "my own wording" in _lesson_path(root).read_text(encoding="utf-8")


def test_force_replaces_a_hand_edited_lesson_and_says_what_it_replaced(tmp_path, capsys):
    """Does --force overwrite, naming the edited cell and the outputs it threw away?"""
    root = _course(tmp_path)
    main(["--root", str(root)])
    worked = nbformat.read(_lesson_path(root), as_version=4)
    worked.cells[1].source = "answer = 5"
    worked.cells[1].outputs = [nbformat.v4.new_output("stream", text="5")]
    nbformat.write(worked, _lesson_path(root))
    capsys.readouterr()
    assert main(["--root", str(root), "--force"]) == 0
    out = capsys.readouterr().out
    assert (
        "replaced" in out
        and "cell 2 (`answer = 5`) was edited" in out
        and "cell 2 has outputs" in out
    )
    assert "answer = ...\n" in _lesson_path(root).read_text(encoding="utf-8").replace('"', "\n")


def test_a_lesson_the_build_wrote_is_rebuilt_when_its_solution_changes(tmp_path):
    """Does the build's own record let it replace its own output without --force?"""
    root = _course(tmp_path)
    main(["--root", str(root)])
    changed = nbformat.read(root / "solutions" / "09-demo.ipynb", as_version=4)
    changed.cells[0].source += " (new wording)"
    nbformat.write(changed, root / "solutions" / "09-demo.ipynb")
    assert main(["--root", str(root)]) == 0
    assert "(new wording)" in _lesson_path(root).read_text(encoding="utf-8")
    assert main(["--root", str(root), "--check"]) == 0


def test_a_lesson_without_a_build_record_is_kept_unless_it_matches_the_build(tmp_path):
    """Is an unrecorded lesson replaced only when it already holds what the build would write?"""
    root = _course(tmp_path)
    unrecorded = build_lesson(EXERCISE, "x")
    nbformat.write(unrecorded, _lesson_path(root))
    assert main(["--root", str(root)]) == 0  # same content: the record is simply added
    assert '"vraem_build"' in _lesson_path(root).read_text(encoding="utf-8")
    unrecorded.cells[0].source = "someone's older wording"
    nbformat.write(unrecorded, _lesson_path(root))
    assert main(["--root", str(root)]) == 1
    assert "someone's older wording" in _lesson_path(root).read_text(encoding="utf-8")


def test_an_unreadable_lesson_is_not_overwritten(tmp_path, capsys):
    """Is a lesson that is no longer valid JSON (someone's half-saved work) kept?"""
    root = _course(tmp_path)
    main(["--root", str(root)])
    _lesson_path(root).write_text('{"cells": [ my notes', encoding="utf-8")
    assert main(["--root", str(root)]) == 1
    assert "not a readable notebook" in capsys.readouterr().out


def test_the_build_record_survives_a_round_trip_through_the_file(tmp_path):
    """Does the fingerprint of a freshly built lesson, read back from disk, match its record?"""
    from vraem.authoring.build import RECORD, fingerprint

    root = _course(tmp_path)
    main(["--root", str(root)])
    stored = nbformat.read(_lesson_path(root), as_version=4)
    assert stored.metadata[RECORD]["sha256"] == fingerprint(stored)
    assert stored.metadata[RECORD]["source"] == "solutions/09-demo.ipynb"


# --- marker slips stop the build instead of leaking answers (issue 8 §4) ---

SECRET = "secret_answer = 4242"


def _with_cell(kind, source, tags):
    """EXERCISE with its solution cell replaced; a valid marker elsewhere keeps the old checks quiet."""
    notebook = nbformat.from_dict(EXERCISE)
    cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(source)
    cell.id, cell.metadata["tags"] = "cell-1", tags
    notebook.cells[1] = cell
    return notebook


SLIPS = {
    "lower-case block": (
        "code",
        f"answer = 1  # SOLUTION\n### begin solution\n{SECRET}\n### end solution",
        [TAG_SOLUTION],
        "line 2: `### begin solution` looks like a solution marker",
    ),
    "misspelt block": (
        "code",
        f"answer = 1  # SOLUTION\n### BEGIN SOLUTON\n{SECRET}\n### END SOLUTON",
        [TAG_SOLUTION],
        "line 2: `### BEGIN SOLUTON` looks like a solution marker",
    ),
    "lower-case one-liner": (
        "code",
        f"answer = 1  # SOLUTION\n{SECRET}  # solution",
        [TAG_SOLUTION],
        "line 2: `# solution` looks like a solution marker",
    ),
    "a comment line": (
        "code",
        f"answer = 1  # SOLUTION\n# solution\n{SECRET}",
        [TAG_SOLUTION],
        "line 2: `# solution` looks like a solution marker",
    ),
    "tags as a string": ("code", f"{SECRET}  # SOLUTION", "solution", "tags must be a list"),
    "misspelt tag": ("code", f"{SECRET}  # SOLUTION", ["Solution"], "did you mean 'solution'"),
    "no solution tag": (
        "code",
        f"### BEGIN SOLUTION\n{SECRET}\n### END SOLUTION",
        [],
        "without the 'solution' tag",
    ),
    "markdown answer": (
        "markdown",
        f"The answer is `{SECRET}`",
        [TAG_SOLUTION],
        "markdown cell is tagged 'solution'",
    ),
}


@pytest.mark.parametrize("slip", SLIPS.values(), ids=SLIPS.keys())
def test_a_marker_slip_stops_the_build_before_an_answer_reaches_lessons(tmp_path, capsys, slip):
    """Does each slip stop the build (exit 2) naming file, cell and line, with nothing written?"""
    kind, source, tags, complaint = slip
    root = _course(tmp_path)
    nbformat.write(_with_cell(kind, source, tags), root / "solutions" / "09-demo.ipynb")
    assert main(["--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert "09-demo.ipynb, cell 2" in err and complaint in err
    assert not _lesson_path(root).exists()


def test_ordinary_comments_are_not_taken_for_markers():
    """Are comments that merely mention a solution (or call solution()) left alone?"""
    source = (
        'answer = 1  # SOLUTION\n# solution("0.1") shows the model answer\n# the solution is below'
    )
    assert stub_source(source, "here").splitlines()[1:] == source.splitlines()[1:]


@pytest.mark.parametrize(
    "line",
    [
        "x" + " " * 32_000 + "= 1",
        "x" + " " * 32_000 + "= 1  " + ONE_LINE_SOLUTION,
        "answer = " + "a" * 32_000 + "  " + ONE_LINE_SOLUTION,
        "answer = " + "[1, " * 8_000 + "  " + ONE_LINE_SOLUTION,
        "# " + "solution " * 4_000,
        "x = '" + "#" * 32_000 + "'",
    ],
    ids=[
        "spaces before =",
        "spaces before = and a marker",
        "long value",
        "unbalanced",
        "long comment",
        "many hashes",
    ],
)
def test_a_32000_character_line_is_handled_in_linear_time(line):
    """Does no pattern in the build take more than a moment on a very long line?"""
    import time

    start = time.perf_counter()
    try:
        stub_source("answer = 1  # SOLUTION\n" + line, "here")
    except BuildError:
        pass  # some of these lines are malformed on purpose; only the time matters
    notebook = _notebook(("markdown", line, []), ("code", line, []))
    try:
        render(build_lesson(notebook, "x"))
    except BuildError:
        pass
    assert time.perf_counter() - start < 0.5
