"""A learner's first minutes, in a real browser: `course.py lab`, lesson 00, Run All.

nbval only proves the kernel side; these tests prove what a learner *sees*. The
course is started the way the README says (`python course.py lab`, here with
--no-install because this Python already has the course), from a copy of the
course folder, as whichever user runs the tests (root in CI and containers).
Chromium records every request it makes (nothing is blocked, so nothing is hidden):
none may leave the machine.

It needs Debian's Chromium at /usr/bin/chromium (no browser download): without
it the tests are skipped, except in CI, where that is a failure.
"""

import ast
import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import pytest

from vraem.contract import CHECK_MODE_VARIABLE, PROGRESS_FILE_VARIABLE

from .conftest import CHROMIUM, REPO, launch_chromium

LESSON = "00-start-here.ipynb"
SCREENSHOT = REPO / "reports" / "browser-lesson-00.png"
SVG_PREFIX = "data:image/svg+xml;base64,"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install Debian's chromium (see .ci/run)")
        pytest.skip(
            "Chromium is not installed (apt-get install chromium); the browser test needs it"
        )
    pytest.importorskip("playwright")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def course_lab(tmp_path_factory):
    """`python course.py lab` in a fresh copy of the course; yields the address it printed."""
    root = tmp_path_factory.mktemp("course")
    for name in ("course.py", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    for folder in ("lessons", "solutions", "jupyter-config"):
        shutil.copytree(REPO / folder, root / folder)
    port = _free_port()
    environment = dict(os.environ)
    environment.pop(CHECK_MODE_VARIABLE, None)
    environment[PROGRESS_FILE_VARIABLE] = str(
        root / "progress.json"
    )  # not this machine's real record
    # A first-time user: no saved JupyterLab settings or workspace (a past "No" to the news
    # question must not hide it). expose_app_in_browser only lets the test press "Run All".
    server = subprocess.Popen(
        [
            sys.executable,
            "course.py",
            "lab",
            "--no-install",
            "--no-browser",
            f"--port={port}",
            f"--LabApp.user_settings_dir={root / 'user-settings'}",
            f"--LabApp.workspaces_dir={root / 'workspaces'}",
            "--LabApp.expose_app_in_browser=True",
        ],
        cwd=root,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # a group of its own, so nothing it started can outlive the tests
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(server.stdout), daemon=True).start()
    try:
        address = None
        for _ in range(180):
            found = re.search(rf"http://127\.0\.0\.1:{port}/\S+", "".join(output))
            if found:
                address = found.group(0)
                break
            if server.poll() is not None:
                pytest.fail("course.py lab stopped before JupyterLab started:\n" + "".join(output))
            time.sleep(0.5)
        else:
            pytest.fail("course.py lab printed no address within 90 s:\n" + "".join(output))
        yield SimpleNamespace(address=address, output=output, root=root, port=port, server=server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        try:  # a safety net: the test below checks that course.py stopped JupyterLab itself
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_stopping_course_py_stops_jupyterlab(course_lab, first_visit):
    """When course.py is asked to stop (as a test runner or a closing terminal does), does
    JupyterLab stop with it, instead of running on with its kernels?"""
    assert _answers(course_lab.port)
    course_lab.server.terminate()
    course_lab.server.wait(timeout=30)
    for _ in range(40):
        if not _answers(course_lab.port):
            break
        time.sleep(0.5)
    assert not _answers(course_lab.port), "JupyterLab outlived course.py"


@pytest.fixture(scope="module")
def first_visit(chromium, course_lab):
    """Open the printed address, wait, press Run All; record what a learner would meet."""
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        context = browser.new_context(viewport={"width": 1280, "height": 1600})
        context.on("request", lambda request: requests.append(request.url))
        context.on(
            "page",
            lambda opened: opened.on("websocket", lambda socket: requests.append(socket.url)),
        )
        page = context.new_page()
        try:
            page.goto(course_lab.address)
            page.wait_for_function(
                "window.jupyterapp && document.querySelector('.jp-Notebook')", timeout=60_000
            )
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
            )
            page.wait_for_selector(".jp-DirListing-item", timeout=30_000)
            time.sleep(3)  # toasts (the news question) and dialogs appear a moment after start
            seen = SimpleNamespace(
                path=page.evaluate("window.jupyterapp.shell.currentWidget.context.path"),
                files=page.locator(".jp-DirListing-itemText").all_inner_texts(),
                dialogs=page.locator(".jp-Dialog").all_inner_texts(),
                toasts=page.locator(".Toastify__toast").all_inner_texts(),
                page_config=page.evaluate(
                    "JSON.parse(document.getElementById('jupyter-config-data').textContent)"
                ),
            )
            seen.modified_on_opening = {LESSON: page.evaluate(MODIFIED_ONCE_THE_KERNEL_ANSWERED)}
            # fire and forget: the command's promise only settles when every cell has run
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            chart = page.wait_for_selector(
                f".jp-OutputArea-output img[src^='{SVG_PREFIX}']", state="attached", timeout=90_000
            )
            chart.scroll_into_view_if_needed(timeout=10_000)
            seen.box = chart.bounding_box()
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
            )
            seen.outputs = page.inner_text(".jp-Notebook")
            seen.charts = _charts_with_accessible_names(page)
            seen.bare_svgs = page.locator(".jp-OutputArea-output.jp-RenderedSVG").count()
            seen.late_dialogs = page.locator(".jp-Dialog").all_inner_texts()
            seen.late_toasts = page.locator(".Toastify__toast").all_inner_texts()
            seen.progress_alignment = page.evaluate(
                "() => [...document.querySelectorAll('table.vraem-progress td')]"
                ".map(cell => getComputedStyle(cell).textAlign)"
            )
            for name in sorted(
                path.name for path in (course_lab.root / "my-notebooks").glob("*.ipynb")
            ):
                if name != LESSON:  # each other lesson, opened as a learner opens it, then closed
                    seen.modified_on_opening[name] = page.evaluate(OPEN_AND_CLOSE, name)
        finally:
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
            browser.close()
    seen.requests = requests
    return seen


#: Whether the open notebook is marked modified once its kernel has answered: JupyterLab then
#: writes the kernel's kernelspec and language_info into the notebook, which marks it modified
#: unless the file already held the same (the unsaved dot on the tab, before anything is run).
MODIFIED_ONCE_THE_KERNEL_ANSWERED = """async () => {
    const widget = window.jupyterapp.shell.currentWidget;
    await widget.context.sessionContext.ready;
    await widget.context.sessionContext.session.kernel.info;
    await new Promise(resolve => setTimeout(resolve, 1500));
    return widget.context.model.dirty;
}"""

#: Open one lesson, wait for its kernel to answer, say whether it is marked modified, then close
#: it and shut its kernel down (nothing was changed, so nothing asks to be saved).
OPEN_AND_CLOSE = """async (path) => {
    const widget = await window.jupyterapp.commands.execute('docmanager:open', {path});
    await widget.context.ready;
    await widget.context.sessionContext.ready;
    await widget.context.sessionContext.session.kernel.info;
    await new Promise(resolve => setTimeout(resolve, 1500));
    const dirty = widget.context.model.dirty;
    await widget.context.sessionContext.shutdown();
    widget.close();
    return dirty;
}"""


def _charts_with_accessible_names(page) -> list[tuple[str, str]]:
    """(accessible name as Chromium computes it, description inside the SVG) for each chart."""
    cdp = page.context.new_cdp_session(page)
    document = cdp.send("DOM.getDocument", {"depth": 0})
    images = cdp.send(
        "DOM.querySelectorAll",
        {"nodeId": document["root"]["nodeId"], "selector": ".jp-OutputArea-output img"},
    )["nodeIds"]
    charts = []
    for node in images:
        source = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        source = dict(zip(source[::2], source[1::2], strict=True)).get("src", "")
        if not source.startswith(SVG_PREFIX):
            continue
        svg = base64.b64decode(source[len(SVG_PREFIX) :]).decode("utf-8")
        label = re.search(r'<svg[^>]*\baria-label="([^"]*)"', svg)
        accessible = cdp.send(
            "Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False}
        )
        name = accessible["nodes"][0].get("name", {}).get("value", "")
        charts.append((name, _unescape(label.group(1)) if label else ""))
    return charts


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _literal_descriptions(notebook: Path) -> list[str]:
    """Chart descriptions written as plain string literals in a notebook's code cells."""
    import nbformat

    found = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython syntax (magics) holds no chart of ours
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "description":
                try:
                    found.append(ast.literal_eval(node.value))
                except ValueError:
                    pass  # built from data (an f-string); checked through the SVG label instead
    return found


def test_the_printed_address_opens_lesson_00_in_my_notebooks(course_lab, first_visit):
    """Does the address course.py prints open lesson 00 itself, in my-notebooks/, with the
    answers out of the file browser?"""
    assert urllib.parse.urlparse(course_lab.address).path == f"/lab/tree/{LESSON}"
    assert first_visit.path == LESSON
    assert (course_lab.root / "my-notebooks" / LESSON).exists()
    lessons = sorted(path.name for path in (REPO / "lessons").glob("*.ipynb"))
    assert sorted(first_visit.files) == lessons, (
        "the file browser should show the learner's copies only"
    )
    assert "solutions" not in first_visit.files


def test_it_starts_as_root_with_a_note(course_lab):
    """Run as root (containers, CI), does it start, saying that it passes --allow-root?"""
    output = "".join(course_lab.output)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        assert "--allow-root" in output and "running as root" in output
    assert "this step failed" not in output


def test_nothing_asks_to_be_dismissed_and_nothing_is_fetched_from_outside(first_visit):
    """No news question, no dialog; news, update checks and the PyPI extension manager are off;
    and Chromium attempted no request to anywhere but this machine."""
    assert first_visit.toasts == [] and first_visit.late_toasts == [], (
        first_visit.toasts + first_visit.late_toasts
    )
    assert first_visit.dialogs == [] and first_visit.late_dialogs == []
    assert first_visit.page_config["news"] == {"disabled": True}
    assert first_visit.page_config["extensionManager"]["name"] == "read-only"
    outside = [
        url
        for url in first_visit.requests
        if not url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:"))
    ]
    assert outside == [], f"the page tried to reach: {outside}"


def test_lesson_00_runs_and_its_chart_is_visible_offline(first_visit):
    """Run All in real JupyterLab: is the chart drawn, and no error shown?"""
    box = first_visit.box
    assert box and box["width"] > 200 and box["height"] > 100, f"the chart is not visible: {box}"
    assert (
        "Traceback" not in first_visit.outputs and "Error loading script" not in first_visit.outputs
    )
    assert "not answered yet" in first_visit.outputs


def test_every_chart_is_named_by_its_description(first_visit):
    """Is each chart's accessible name (as Chromium computes it) exactly its description?"""
    charts = first_visit.charts
    assert charts, "no chart was found in lesson 00"
    assert first_visit.bare_svgs == 0, (
        "a chart was drawn as an SVG image without a text alternative"
    )
    for name, description in charts:
        assert name and name == description
    names = [name for name, _ in charts]
    for description in _literal_descriptions(REPO / "lessons" / LESSON):
        assert description in names


def test_every_lesson_opens_unmodified(first_visit):
    """Does each lesson open without JupyterLab's "modified" dot, once its kernel has started
    (course.py writes the kernel's language_info into the learner's copy)?"""
    assert len(first_visit.modified_on_opening) == len(list((REPO / "lessons").glob("*.ipynb")))
    modified = [name for name, dirty in first_visit.modified_on_opening.items() if dirty]
    assert modified == [], f"opened as modified: {modified}"


def test_progress_reads_left_aligned(first_visit):
    """Does progress() show its titles and words aligned left, as text is read?"""
    alignment = first_visit.progress_alignment
    assert alignment and set(alignment) == {"left"}, alignment
