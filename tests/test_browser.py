"""A real browser opens JupyterLab with no network and sees the lesson's chart.

nbval only proves the kernel side; this test proves a learner *sees* the chart.
It needs Debian's Chromium at /usr/bin/chromium (no browser download): without
it the test is skipped, except in CI, where that is a failure.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TOKEN = "vraem-browser-test"
LESSON = "00-start-here.ipynb"
SCREENSHOT = REPO / "reports" / "browser-lesson-00.png"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install Debian's chromium (see .ci/run)")
        pytest.skip("Chromium is not installed (apt-get install chromium); the browser test needs it")
    pytest.importorskip("playwright")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a fresh copy of lesson 00."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(REPO / "lessons" / LESSON, root / LESSON)
    port = _free_port()
    environment = dict(os.environ)
    environment.pop("VRAEM_CHECK_MODE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
         f"--port={port}", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_lesson_00_chart_is_visible_offline(chromium, jupyterlab):
    """Run All in real JupyterLab with every non-local request blocked: is the chart drawn?"""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    blocked = []

    def only_local(route):
        if route.request.url.startswith(jupyterlab):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.route("**/*", only_local)
            page.goto(f"{jupyterlab}/lab/tree/{LESSON}?token={TOKEN}")
            page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook')",
                                   timeout=60_000)
            # JupyterLab may still ask which kernel to use; take its default (Python 3).
            try:
                page.click(".jp-Dialog .jp-mod-accept", timeout=5_000)
            except PlaywrightTimeout:
                pass
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
            # fire and forget: the command's promise only settles when every cell has run
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            chart = page.wait_for_selector(
                ".jp-OutputArea-output.jp-RenderedSVG svg, .jp-OutputArea-output.jp-RenderedSVG img, "
                ".jp-OutputArea-output img[src^='data:image/svg']",
                state="attached", timeout=90_000)
            chart.scroll_into_view_if_needed(timeout=10_000)
            box = chart.bounding_box()
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
            outputs = page.inner_text(".jp-Notebook")
        finally:
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
            browser.close()
    assert box and box["width"] > 200 and box["height"] > 100, f"the chart is not visible: {box}"
    assert "Traceback" not in outputs and "Error loading script" not in outputs
    assert "not answered yet" in outputs
    assert not [url for url in blocked if "cdn" in url], f"the page wanted the internet: {blocked}"
