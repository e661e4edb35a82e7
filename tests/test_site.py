"""The course website: built with no network and no warnings; in a real browser, every lesson's
charts show, no internal link is broken and the articles are credited.

The site is built once for this file (about a minute: every lesson is run). It needs the
`site` extra (Jupyter Book 1) and, for the browser half, Debian's Chromium; without them
the tests are skipped, except in CI, where that is a failure.
"""

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import urllib.parse
from pathlib import Path

import pytest

from vraem.corpus import load_metadata
from vraem.glossary import load_glossary, term_names
from vraem.site import link_first_mentions, relink, unexplained

from .conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LESSONS = sorted(path.stem for path in (REPO / "lessons").glob("*.ipynb"))

pytestmark = pytest.mark.site


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must build and check the website: {what}")
    pytest.skip(what)


# --- the pieces, without a build ----------------------------------------------------------

PAGES = {"README.md": "index.md", "lessons/00-start-here.ipynb": "lessons/00-start-here.ipynb",
         "data/README.md": "data/index.md"}


@pytest.mark.parametrize(("text", "repo_file", "site_file", "expected"), [
    ("[00](lessons/00-start-here.ipynb)", "README.md", "index.md", "[00](lessons/00-start-here.ipynb)"),
    ("[data](../data/README.md#the-articles)", "instructors/README.md", "instructors/README.md",
     "[data](../data/index.md#the-articles)"),
    ("[home](../README.md)", "lessons/00-start-here.ipynb", "lessons/00-start-here.ipynb", "[home](../index.md)"),
    ("[web](https://example.org/README.md) [here](#top)", "README.md", "index.md",
     "[web](https://example.org/README.md) [here](#top)"),
    ("[gone](CONTRIBUTING.md)", "README.md", "index.md", "[gone](CONTRIBUTING.md)"),
])
def test_links_follow_the_files_into_the_book(text, repo_file, site_file, expected):
    """Does a link to a file the site shows point at its page, and any other link stay as it is?"""
    assert relink(text, repo_file, site_file, PAGES) == expected


def test_only_the_first_mention_of_a_term_is_linked():
    """Is each term linked once per page, by any of its names, never in headings, code or links?"""
    seen: set[str] = set()
    names = term_names()
    first = link_first_mentions("# The VRAE\n\nThe VRAE, the `VRAEM`, [VRAEM](x.md) and hectares.", seen, names)
    assert first == ("# The VRAE\n\nThe {term}`VRAE <VRAE>`, the `VRAEM`, [VRAEM](x.md) and "
                     "{term}`hectares <hectárea>`.")
    second = link_first_mentions("The VRAE, the VRAEM and the Sendero Luminoso.", seen, names)
    assert second == "The VRAE, the {term}`VRAEM <VRAEM>` and the {term}`Sendero Luminoso <Shining Path>`."


# --- the build ------------------------------------------------------------------------------

GUARD = '''
"""Refuse every connection that does not stay on this machine (the site test's offline guard)."""
import ipaddress, socket

_connect = socket.socket.connect

def _local(address):
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str) or host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False

def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address):
        raise OSError(f"offline guard: no connection to {address!r}")
    return _connect(self, address)

socket.socket.connect = connect
'''


def _offline(command: list[str], scratch: Path) -> tuple[list[str], dict[str, str]]:
    """The command run with no network, and its environment.

    Where the system allows it, a new network namespace with only the loopback up (nothing
    can leave the machine, whatever the language); elsewhere a guard that every Python
    process (the build and the lessons' kernels) loads, refusing non-local connections.
    """
    environment = dict(os.environ)
    environment.pop("VRAEM_CHECK_MODE", None)
    probe = subprocess.run(["unshare", "-rn", "sh", "-c", "ip link set lo up"], capture_output=True)
    if probe.returncode == 0:
        return ["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command], environment
    (scratch / "sitecustomize.py").write_text(textwrap.dedent(GUARD), encoding="utf-8")
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(scratch), environment.get("PYTHONPATH")]))
    return command, environment


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Build the site once, offline, into a temporary folder; return its source folder and output."""
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        _missing('Jupyter Book is not installed (pip install -e ".[site]")')
    source = tmp_path_factory.mktemp("site")
    scratch = tmp_path_factory.mktemp("offline")
    command, environment = _offline([sys.executable, "-m", "vraem.site", "--source", str(source)], scratch)
    result = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=REPO, timeout=900)
    return source, result


def test_the_site_builds_offline_without_warnings(site):
    """Does `python -m vraem.site` succeed with no network, with no warning left unexplained?"""
    source, result = site
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert (source / "_build" / "html" / "index.html").exists()
    warnings = [line for line in result.stdout.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    assert unexplained(warnings) == [], "\n".join(warnings)


def test_the_site_has_every_page(site):
    """Home, every lesson, the instructor notes and solutions, glossary, data and licences?"""
    html = site[0] / "_build" / "html"
    expected = ["index", "glossary", "licences", "data/index", "data/tables", "data/codebook", "data/reference",
                "instructors/README", "solutions/index"]
    expected += [f"lessons/{name}" for name in LESSONS] + [f"solutions/{name}" for name in LESSONS]
    expected += [f"instructors/{path.stem}" for path in (REPO / "instructors").glob("*.md")]
    assert [page for page in expected if not (html / f"{page}.html").exists()] == []
    tables = (html / "data" / "tables.html").read_text(encoding="utf-8")
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert f"data/{resource['path']}" in tables, resource["name"]
        for field in resource["schema"]["fields"]:
            assert f'<span class="pre">{field["name"]}</span>' in tables, (resource["name"], field["name"])
    glossary = (html / "glossary.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<dt id="term-', glossary)) == len(load_glossary())


def test_solutions_stay_in_the_instructor_section(site):
    """Do the lesson pages hold no model answer or solution code?"""
    html = site[0] / "_build" / "html" / "lessons"
    for name in LESSONS:
        page = (html / f"{name}.html").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in page and "Model answer" not in page, name


# --- in a real browser ----------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@pytest.fixture(scope="module")
def browser_pages(site):
    """Open each lesson page in headless Chromium with every non-local request blocked."""
    if not Path(CHROMIUM).exists():
        _missing("Chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright

    html = site[0] / "_build" / "html"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    blocked: list[str] = []

    def only_local(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    seen = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.route("**/*", only_local)
                for name in LESSONS:
                    page.goto(f"{base}lessons/{name}.html", wait_until="networkidle")
                    seen[name] = page.evaluate("""() => ({
                        // a chart is an SVG picture: a file, a data: address, or inline <svg>
                        charts: [...document.querySelectorAll('.cell_output img, .cell_output svg')]
                            .filter(el => el.tagName.toLowerCase() === 'svg'
                                ? !el.parentElement.closest('.cell_output svg, button')
                                : /\\.svg$|^data:image\\/svg\\+xml/.test(el.getAttribute('src') || ''))
                            .map(el => { el.scrollIntoView(); const box = el.getBoundingClientRect();
                                         return {loaded: el.tagName.toLowerCase() === 'svg'
                                                         || (el.complete && el.naturalWidth > 0),
                                                 width: box.width, height: box.height}; }),
                        links: [...document.querySelectorAll('a[href]')].map(a => a.href),
                        text: document.querySelector('main').innerText,
                    })""")
                    links = {link.split("#")[0] for link in seen[name]["links"] if link.startswith(base)}
                    seen[name]["status"] = {link: page.request.get(link).status for link in links}
                    seen[name]["targets"] = {link: page.request.get(link).text() for link in links
                                             if any(full.startswith(link + "#") for full in seen[name]["links"])}
            finally:
                browser.close()
    finally:
        server.shutdown()
    return base, seen, blocked


def _chart_outputs(site_source: Path, name: str) -> int:
    """How many charts the executed lesson drew: its SVG picture outputs."""
    notebook = json.loads((site_source / "lessons" / f"{name}.ipynb").read_text(encoding="utf-8"))
    return sum("image/svg+xml" in output.get("data", {})
               for cell in notebook["cells"] if cell["cell_type"] == "code" for output in cell["outputs"])


@pytest.mark.parametrize("name", LESSONS)
def test_every_chart_of_a_lesson_is_visible(site, browser_pages, name):
    """Does the page show as many drawn pictures as the lesson drew charts, each at a readable size?"""
    _, seen, _ = browser_pages
    charts = seen[name]["charts"]
    expected = _chart_outputs(site[0], name)
    source = (REPO / "lessons" / f"{name}.ipynb").read_text(encoding="utf-8")
    if "alt.Chart" in source or "chart(" in source:
        assert expected >= 1, f"{name} makes charts but the executed lesson drew none"
    assert len(charts) == expected, f"{name}: {len(charts)} pictures on the page, {expected} charts drawn"
    for chart in charts:
        assert chart["loaded"] and chart["width"] > 200 and chart["height"] > 100, chart


@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_page_has_no_broken_internal_link(browser_pages, name):
    """Does every link within the site lead to a page that exists, and to the place it names?"""
    base, seen, _ = browser_pages
    page = seen[name]
    assert {link: status for link, status in page["status"].items() if status != 200} == {}
    for link in page["links"]:
        address, _, anchor = link.partition("#")
        if address.startswith(base) and anchor:
            target = page["targets"][address]
            assert f'id="{urllib.parse.unquote(anchor)}"' in target, f"{name}: {link} points nowhere"


@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_page_credits_the_articles(browser_pages, name):
    """Does the page name InSight Crime and link every article's original, as its terms ask?"""
    _, seen, _ = browser_pages
    page = seen[name]
    assert "Sources and credit" in page["text"] and "InSight Crime" in page["text"]
    missing = [url for url in load_metadata()["url"] if url not in page["links"]]
    assert missing == [], f"{name} does not link {missing}"


def test_no_lesson_page_asks_for_the_internet(browser_pages):
    """Did the pages load everything (scripts, styles, fonts, pictures) from the site itself?"""
    assert browser_pages[2] == []


#: How NumPy 2 shows a number of its own when a cell ends with it: np.float64(-19.076305220883537).
NUMPY_SCALAR = re.compile(r"\bnp\.(?:float|int|uint|bool|complex)\w*\(")


@pytest.mark.parametrize("name", LESSONS)
def test_no_executed_lesson_shows_a_raw_numpy_number(site, name):
    """Does no output of a lesson, run as a learner runs it, show a NumPy scalar as
    np.float64(...) with all its digits (lesson 05 did, just after asking for two decimals)?"""
    source, result = site
    if result.returncode != 0:
        pytest.fail("the site did not build: see test_the_site_builds_offline_without_warnings")
    notebook = json.loads((source / "lessons" / f"{name}.ipynb").read_text(encoding="utf-8"))
    shown = [(index, "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", "")))
             for index, cell in enumerate(notebook["cells"], start=1) if cell["cell_type"] == "code"
             for output in cell["outputs"]]
    raw = [(index, text[:120]) for index, text in shown if NUMPY_SCALAR.search(text)]
    assert not raw, f"{name}: cells that show a raw NumPy number: {raw}"
