"""Data and lessons work from any working directory."""

import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from vraem import load_claims
from vraem.contract import CHECK_MODE_VARIABLE, DATA_VARIABLE
from vraem.paths import data_dir

from .conftest import REPO


def test_data_is_found_from_outside_the_repository(tmp_path, monkeypatch):
    """Does the package find data/ when the shell is somewhere else entirely?"""
    monkeypatch.delenv(DATA_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    assert data_dir() == REPO / "data"
    assert len(load_claims()) > 0


@pytest.mark.parametrize("where", ["repository root", "a learner's copy elsewhere"])
def test_lesson_00_runs_from_another_folder(where, tmp_path, monkeypatch):
    """Does a lesson run top to bottom when its kernel starts outside lessons/?"""
    monkeypatch.delenv(CHECK_MODE_VARIABLE, raising=False)
    notebook_path = REPO / "lessons" / "00-start-here.ipynb"
    folder = REPO if where == "repository root" else tmp_path
    if folder == tmp_path:
        shutil.copy(notebook_path, tmp_path / notebook_path.name)
    notebook = nbformat.read(notebook_path, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    texts = [
        output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
    ]
    assert any("not answered yet" in text for text in texts)
    assert any(
        "image/svg+xml" in output.get("data", {})
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )
    # Exported to HTML, the chart is an inline SVG picture: no chart library is fetched.
    html, _ = HTMLExporter().from_notebook_node(notebook)
    assert "<svg" in html or "data:image/svg+xml" in html
    assert "cdn.jsdelivr.net/npm/vega" not in html and "vega-embed" not in html
