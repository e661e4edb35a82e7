"""A class on a real JupyterHub, as the README sets one up: two learners in headless Chromium.

The test starts JupyterHub (from PyPI, the `test` extra) with its proxy (the pure-Python
configurable-http-proxy: a clean CI machine has no Node.js package of it), a test authenticator
(DummyAuthenticator: any name, one shared password) and SimpleLocalProcessSpawner, which starts each
learner's server as the user running the tests with a home folder of its own (``HOME``). That is
the isolation checked here: each learner's files and progress record are in their own home. A real
hub separates learners as system users or containers too; that part is the hub's, not the course's.

The learners' environment is the one running the tests (the course and its lock installed, as the
README asks of a hub image). The instructor's repository is a local git repository holding the
course's files; the learners open the nbgitpuller link the README gives, pointing at it. Everything
listens on 127.0.0.1 and Chromium's every request is recorded: none may leave the machine. The hub,
the proxy and every learner's server run in one process group that is stopped at the end, and every
wait has a time limit.

It needs Debian's Chromium at /usr/bin/chromium: without it the test is skipped, except in CI,
where that is a failure.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from vraem.contract import ONE_LINE_SOLUTION

from .conftest import CHROMIUM, REPO, launch_chromium
from .test_browser import MODIFIED_ONCE_THE_KERNEL_ANSWERED

BIN = Path(sys.executable).parent
LESSON = "lessons/00-start-here.ipynb"
SCREENSHOTS = REPO / "reports"
#: The name of the course's repository in the README's link (its folder in each learner's home).
NAME = "vraem-course"
PASSWORD = "a-class-password"
LEARNERS = ("ana", "bruno")
#: The open notebook's model, in JupyterLab's page (cells are read from it: a long notebook only
#: draws the cells in view).
NOTEBOOK = "window.jupyterapp.shell.currentWidget.content.model"
#: Seconds a learner's server may take to start (JupyterLab, then nbgitpuller's clone).
START_TIMEOUT = 180

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _git(*arguments, cwd):
    command = [
        "git",
        "-c",
        "user.name=Instructor",
        "-c",
        "user.email=instructor@example.org",
        "-c",
        "init.defaultBranch=main",
        *arguments,
    ]
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True, timeout=120)


def readme_link(readme: Path) -> str:
    """The nbgitpuller link a README gives instructors (its placeholders still in it)."""
    found = re.findall(
        r"https://HUB/hub/user-redirect/git-pull\?\S+", readme.read_text(encoding="utf-8")
    )
    assert len(set(found)) == 1, f"{readme.name} should give one nbgitpuller link, found {found}"
    return found[0]


def class_link(link: str, hub: str, repository: Path) -> str:
    """The README's link with this hub's address and the local repository in place of GitHub's."""
    parts = urllib.parse.urlsplit(link)
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    assert set(query) == {"repo", "branch", "urlpath"}, query
    assert query["repo"][0].endswith("/REPO") and query["urlpath"][0].startswith("lab/tree/REPO/")
    query["repo"] = [repository.as_uri()]
    query["urlpath"] = [query["urlpath"][0].replace("REPO", NAME, 1)]
    return f"{hub}{parts.path}?{urllib.parse.urlencode({key: value[0] for key, value in query.items()})}"


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the hub test: install Debian's chromium (see .ci/run)")
        pytest.skip("Chromium is not installed (apt-get install chromium); the hub test needs it")
    return CHROMIUM


@pytest.fixture(scope="module")
def instructor(tmp_path_factory):
    """The instructor's repository: the course's files as git tracks them, on branch main."""
    repository = tmp_path_factory.mktemp("instructor") / NAME
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (REPO / name).is_file():
            (repository / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, repository / name)
    _git("init", "--quiet", cwd=repository)
    _git("add", "--all", cwd=repository)
    _git("commit", "--quiet", "-m", "The course", cwd=repository)
    return repository


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """JupyterHub on 127.0.0.1, started from this environment; yields its address and the homes."""
    for program in ("jupyterhub", "jupyterhub-singleuser", "configurable-http-proxy"):
        if not (BIN / program).exists():
            pytest.fail(
                f"{program} is missing: it comes with the test extra (python3 course.py test)"
            )
    folder = tmp_path_factory.mktemp("hub")
    homes = folder / "homes"
    port, api_port, hub_port = _free_port(), _free_port(), _free_port()
    allow_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    config = {
        "JupyterHub": {
            "bind_url": f"http://127.0.0.1:{port}",
            "hub_ip": "127.0.0.1",
            "hub_port": hub_port,
            "authenticator_class": "dummy",
            "spawner_class": "simple",
            "db_url": f"sqlite:///{folder / 'jupyterhub.sqlite'}",
            "cookie_secret_file": str(folder / "cookie_secret"),
            "pid_file": str(folder / "jupyterhub.pid"),
            "cleanup_servers": True,
        },
        "ConfigurableHTTPProxy": {
            "api_url": f"http://127.0.0.1:{api_port}",
            "command": [str(BIN / "configurable-http-proxy")],
            "pid_file": str(folder / "proxy.pid"),
        },
        "DummyAuthenticator": {"password": PASSWORD},
        "Authenticator": {"allow_all": True},
        "SimpleLocalProcessSpawner": {"home_dir_template": str(homes / "{username}")},
        "Spawner": {
            "cmd": [str(BIN / "jupyterhub-singleuser")],
            "ip": "127.0.0.1",
            "default_url": "/lab",
            "start_timeout": START_TIMEOUT,
            "http_timeout": START_TIMEOUT,
            # the course's settings, as the README asks (no news, no update checks: nothing
            # fetched from outside; vraem_labserver, so that a lesson opens unmodified); the app
            # exposed only so the test can press Run All
            "environment": {"JUPYTER_CONFIG_PATH": str(REPO / "jupyter-config")},
            "args": ["--LabApp.expose_app_in_browser=True", *allow_root],
        },
    }
    (folder / "jupyterhub_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VRAEM_", "JUPYTER", "JPY_"))
    }  # nothing of this test run's
    log = (folder / "jupyterhub.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(folder / "jupyterhub_config.json")],
        cwd=folder,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # a group of its own: the servers it starts too
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{address}/hub/health", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "JupyterHub did not start:\n" + (folder / "jupyterhub.log").read_text()[-5000:]
                )
            time.sleep(0.5)
        yield SimpleNamespace(address=address, homes=homes, log=folder / "jupyterhub.log")
    finally:
        process.send_signal(signal.SIGTERM)  # the hub stops the learners' servers and the proxy
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        # the hub starts the proxy and each server in a session of its own: stop whatever of
        # them outlived it (a server stuck in its shutdown), then what is left of the hub's group
        leftovers = _started_for(homes) + _pid_in(folder / "proxy.pid")
        for pid in leftovers:
            _kill(pid)
        _kill(-process.pid)
        log.close()


def _started_for(homes: Path) -> list[int]:
    """The processes whose HOME is a learner's home here: their servers and kernels (Linux)."""
    marker = b"HOME=" + str(homes).encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if any(item.startswith(marker) for item in environment):
            found.append(int(entry.name))
    return found


def _pid_in(path: Path) -> list[int]:
    """The proxy's process, from the pid file the hub keeps while it runs (checked by its command)."""
    try:
        pid = int(path.read_text().strip())
        running = (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except (OSError, ValueError):
        return []
    return [pid] if b"configurable-http-proxy" in running else []


def _kill(pid: int) -> None:
    """SIGKILL a process (a negative pid: a process group); nothing if it is gone already."""
    try:
        (os.killpg(-pid, signal.SIGKILL) if pid < 0 else os.kill(pid, signal.SIGKILL))
    except (ProcessLookupError, PermissionError):
        pass


def _wait_for_lesson(page, timeout=START_TIMEOUT):
    """Wait until JupyterLab shows lesson 00 with its kernel idle; return the notebook's path.

    The way there is a chain of pages (log-in, the server starting, nbgitpuller's progress page)
    that move on by themselves: first wait for JupyterLab's address, then for the lesson in it.
    """
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    page.wait_for_url(
        re.compile(r"/user/[^/]+/lab/tree/.*00-start-here\.ipynb"), timeout=timeout * 1000
    )
    while True:
        try:
            page.wait_for_function(
                "(() => { const open = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                f" return open && open.context && open.context.path.endsWith({json.dumps(LESSON)})"
                " && open.context.isReady && open.sessionContext.session"
                " && open.sessionContext.session.kernel"
                " && open.sessionContext.session.kernel.status === 'idle'; })()",
                timeout=max(1, deadline - time.monotonic()) * 1000,
            )
            return page.evaluate("window.jupyterapp.shell.currentWidget.context.path")
        except Error as error:  # a last redirect replaced the page while it was being read
            if "context was destroyed" not in str(error) or time.monotonic() > deadline:
                raise
            page.wait_for_load_state(timeout=max(1, deadline - time.monotonic()) * 1000)


def _cell_index(page, start: str) -> int:
    """The index of the first cell of the open notebook whose text starts with ``start``."""
    sources = page.evaluate(f"{NOTEBOOK}.sharedModel.cells.map(cell => cell.getSource())")
    found = [number for number, source in enumerate(sources) if source.startswith(start)]
    assert found, f"no cell starts with {start!r} in the open notebook: {sources}"
    return found[0]


def _outputs(page, index: int) -> str:
    return page.evaluate(f"JSON.stringify({NOTEBOOK}.cells.get({index}).outputs.toJSON())")


def _answer_and_run_all(page, answer: str) -> dict[str, str]:
    """Type an answer for exercise 0.1, Run All, save; return the doctor's and the check's outputs."""
    answer_cell = _cell_index(page, "answer = ...")
    page.evaluate(f"{NOTEBOOK}.sharedModel.cells[{answer_cell}].setSource({json.dumps(answer)})")
    check_cell = _cell_index(page, 'check("0.1"')
    doctor_cell = _cell_index(page, "doctor()")
    # fire and forget: the command's promise settles only when every cell has run
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        f"{NOTEBOOK}.cells.get({check_cell}).outputs.length > 0", timeout=120_000
    )
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
    )
    return {"doctor": _outputs(page, doctor_cell), "check": _outputs(page, check_cell)}


def _log_in(page, name: str) -> None:
    page.wait_for_selector("#username_input", timeout=60_000)
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")


@pytest.fixture(scope="module")
def a_class(chromium, hub, instructor):
    """Each learner logs in through the README's link, runs lesson 00 with an answer of their own,
    then the instructor changes the course and the first learner clicks the link again."""
    from playwright.sync_api import sync_playwright

    link = class_link(readme_link(REPO / "README.md"), hub.address, instructor)
    solution = json.loads((REPO / "solutions" / "00-start-here.ipynb").read_text(encoding="utf-8"))
    # the first learner writes the model answer (from solutions/), the second a misreading: the
    # column of missing headlines instead of missing dates (the cell before the exercise shows it)
    right = next(
        "".join(cell["source"])
        for cell in solution["cells"]
        if "".join(cell["source"]).startswith("answer = ")
        and "published_in_scrape" in "".join(cell["source"])
    )
    right = right.replace(f"  {ONE_LINE_SOLUTION}", "")
    wrong = right.replace("published_in_scrape", "title_in_scrape")
    answers = dict(zip(LEARNERS, (right, wrong), strict=True))
    seen = SimpleNamespace(
        requests=[],
        paths={},
        modified_on_opening={},
        as_cloned={},
        outputs={},
        answers=answers,
        link=link,
    )
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        pages = {}
        try:
            for name in LEARNERS:
                context = browser.new_context(
                    viewport={"width": 1280, "height": 1200}
                )  # cookies of its own
                context.on("request", lambda request: seen.requests.append(request.url))
                context.on(
                    "page",
                    lambda opened: opened.on(
                        "websocket", lambda socket: seen.requests.append(socket.url)
                    ),
                )
                page = pages[name] = context.new_page()
                page.goto(link)
                _log_in(page, name)
                seen.paths[name] = _wait_for_lesson(page)
                seen.modified_on_opening[name] = page.evaluate(MODIFIED_ONCE_THE_KERNEL_ANSWERED)
                seen.as_cloned[name] = (hub.homes / name / NAME / LESSON).read_bytes() == (
                    instructor / LESSON
                ).read_bytes()  # opening it changed nothing on disk
                seen.outputs[name] = _answer_and_run_all(page, answers[name])
            # the instructor rewords a text cell of lesson 00 and changes lesson 01, then pushes
            lesson = instructor / LESSON
            text = lesson.read_text(encoding="utf-8")
            assert text.count("### How exercises work") == 1
            lesson.write_text(
                text.replace("### How exercises work", "### How the exercises work"),
                encoding="utf-8",
            )
            other = instructor / "lessons" / "01-the-corpus.ipynb"
            other.write_text(
                other.read_text(encoding="utf-8").replace("# 01 · ", "# 01 · (updated) ", 1),
                encoding="utf-8",
            )
            _git("commit", "--quiet", "-am", "Reword lesson 00, update lesson 01", cwd=instructor)
            seen.update = {
                "heading": "### How the exercises work",
                "lesson 01": "# 01 · (updated) ",
            }
            page = pages[LEARNERS[0]]
            page.goto(link)  # logged in already: straight to nbgitpuller, then the lesson
            seen.path_after_update = _wait_for_lesson(page)
            seen.modified_after_update = page.evaluate(MODIFIED_ONCE_THE_KERNEL_ANSWERED)
        except Exception:  # what each learner saw, for the one who reads the failure
            SCREENSHOTS.mkdir(exist_ok=True)
            for name, page in pages.items():
                page.screenshot(path=str(SCREENSHOTS / f"hub-{name}.png"))
            raise
        finally:
            browser.close()
    seen.log = hub.log.read_text(encoding="utf-8")
    return seen


def _progress(hub, name: str) -> dict:
    record = hub.homes / name / ".vraem-course" / "progress.json"
    assert record.is_file(), f"{name}'s check() left no record in {record.parent}"
    return json.loads(record.read_text(encoding="utf-8"))


def test_each_learner_gets_lesson_00_from_the_readme_link_in_their_own_home(a_class, hub):
    """Does the README's link log each learner in, copy the course into their home folder, and
    open lesson 00 there?"""
    for name in LEARNERS:
        assert a_class.paths[name] == f"{NAME}/{LESSON}"
        copy = hub.homes / name / NAME
        assert (copy / LESSON).is_file() and (copy / ".git").is_dir()


def test_lesson_00_opens_unmodified_from_the_link(a_class):
    """Once its kernel has started, and before anything is run, is lesson 00 free of JupyterLab's
    "modified" dot for each learner, on the first click and after an update? And was the file
    nbgitpuller cloned left as the instructor's repository holds it until the learner saved?"""
    assert a_class.modified_on_opening == dict.fromkeys(LEARNERS, False)
    assert a_class.modified_after_update is False
    assert a_class.as_cloned == dict.fromkeys(LEARNERS, True)


def test_doctor_is_clean_for_every_learner(a_class):
    """In each learner's server, does doctor() find nothing to fix?"""
    for name in LEARNERS:
        doctor = a_class.outputs[name]["doctor"]
        assert "All set." in doctor and "✗" not in doctor, doctor


def test_check_records_progress_in_the_learners_own_home_only(a_class, hub):
    """Is each learner's attempt at 0.1 judged on its own, and kept in their own home only?"""
    first, second = LEARNERS
    assert "Traceback" not in a_class.outputs[first]["check"] + a_class.outputs[second]["check"]
    mine, theirs = _progress(hub, first), _progress(hub, second)
    assert mine["0.1"]["best"] == "correct" and mine["0.1"]["attempts"] == 1
    assert theirs["0.1"]["best"] != "correct" and theirs["0.1"]["attempts"] == 1
    records = sorted(path.relative_to(hub.homes) for path in hub.homes.rglob("progress*.json"))
    assert records == [Path(name, ".vraem-course", "progress.json") for name in LEARNERS]


def test_an_update_pulled_again_keeps_the_learners_edits(a_class, hub):
    """After the instructor's change, does the link bring the update into the first learner's
    copy while keeping the answer they typed, and leave the other learner's copy alone?"""
    first, second = LEARNERS
    assert a_class.path_after_update == f"{NAME}/{LESSON}"
    lesson = (hub.homes / first / NAME / LESSON).read_text(encoding="utf-8")
    assert json.dumps(a_class.answers[first])[1:-1] in lesson, "the learner's answer was lost"
    assert a_class.update["heading"] in lesson, "the instructor's change did not arrive"
    other = (hub.homes / first / NAME / "lessons" / "01-the-corpus.ipynb").read_text(
        encoding="utf-8"
    )
    assert a_class.update["lesson 01"] in other
    untouched = (hub.homes / second / NAME / LESSON).read_text(encoding="utf-8")
    assert (
        a_class.update["heading"] not in untouched
        and json.dumps(a_class.answers[second])[1:-1] in untouched
    )


def test_nothing_leaves_the_machine(a_class):
    """Did Chromium reach only 127.0.0.1 (the hub, its proxy, the learners' servers)?"""
    assert a_class.requests
    outside = [
        url
        for url in a_class.requests
        if not url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:"))
    ]
    assert outside == [], f"the pages tried to reach: {outside}"


def test_the_readme_and_the_instructor_guide_say_the_same_about_a_hub():
    """Is the hub set-up in the README word for word the one in instructors/README.md?"""
    sections = []
    for path in (REPO / "README.md", REPO / "instructors" / "README.md"):
        text = path.read_text(encoding="utf-8")
        found = re.search(
            r"<!-- hub set-up: start -->\n(.*?)<!-- hub set-up: end -->", text, re.DOTALL
        )
        assert found, f"{path.relative_to(REPO)} has no hub set-up section"
        sections.append(found.group(1))
    assert sections[0] == sections[1]
    assert readme_link(REPO / "README.md") in sections[0]
