"""The server extension that lets a lesson open unmodified (vraem_labserver), on Jupyter's own
contents managers: the served notebook carries its kernel's language_info, the file does not.

The browser itself is in tests/test_hub.py (a hub, lessons from nbgitpuller) and
tests/test_browser.py (course.py lab).
"""

import asyncio
import json
import logging
import shutil
from types import SimpleNamespace

import pytest
from ipykernel.ipkernel import IPythonKernel
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_server.extension.config import ExtensionConfigManager
from jupyter_server.services.contents.largefilemanager import (
    AsyncLargeFileManager,
    LargeFileManager,
)

import vraem_labserver as labserver

from .conftest import REPO

LESSON = "00-start-here.ipynb"


def _serve(manager_class, root, kernels=None):
    """A contents manager over ``root`` with the extension loaded, as a server would load it
    (with this environment's kernels unless ``kernels`` is given)."""
    manager = manager_class(root_dir=str(root))
    server = SimpleNamespace(
        contents_manager=manager,
        kernel_spec_manager=kernels or KernelSpecManager(),
        kernel_manager=SimpleNamespace(default_kernel_name="python3"),
        log=logging.getLogger("test"),
    )
    labserver._load_jupyter_server_extension(server)
    return manager


def _get(manager, *args, **kwargs):
    model = manager.get(*args, **kwargs)
    return asyncio.run(model) if asyncio.iscoroutine(model) else model


@pytest.mark.parametrize("manager_class", [AsyncLargeFileManager, LargeFileManager])
def test_a_lesson_is_served_with_its_kernels_language_info_and_its_file_is_untouched(
    tmp_path, manager_class
):
    """Does a lesson from lessons/ come with what ipykernel reports (what JupyterLab writes on
    opening), while the file keeps the build's stub, byte for byte?"""
    shutil.copy2(REPO / "lessons" / LESSON, tmp_path / LESSON)
    before = (tmp_path / LESSON).read_bytes()
    assert json.loads(before)["metadata"]["language_info"] == labserver.STUB
    manager = _serve(manager_class, tmp_path)
    served = _get(manager, LESSON)
    assert served["content"]["metadata"]["language_info"] == IPythonKernel.language_info
    assert (tmp_path / LESSON).read_bytes() == before
    lesson = json.loads(before)
    assert [cell["source"] for cell in served["content"]["cells"]] == [
        "".join(cell["source"]) for cell in lesson["cells"]
    ]


def test_other_notebooks_and_listings_are_served_as_they_are(tmp_path):
    """Is anything but a stub for a known ipykernel left alone: a notebook with its own
    language_info (a learner's saved copy), one for a kernel this server lacks, a folder?"""
    lesson = json.loads((REPO / "lessons" / LESSON).read_text(encoding="utf-8"))
    saved = json.loads(json.dumps(lesson))
    saved["metadata"]["language_info"] = {**IPythonKernel.language_info, "version": "3.0.0"}
    elsewhere = json.loads(json.dumps(lesson))
    elsewhere["metadata"]["kernelspec"] = {"name": "no-such-kernel", "display_name": "R"}
    for name, notebook in (("saved.ipynb", saved), ("elsewhere.ipynb", elsewhere)):
        (tmp_path / name).write_text(json.dumps(notebook), encoding="utf-8")
    manager = _serve(AsyncLargeFileManager, tmp_path)
    for name, notebook in (("saved.ipynb", saved), ("elsewhere.ipynb", elsewhere)):
        served = _get(manager, name)["content"]["metadata"]["language_info"]
        assert served == notebook["metadata"]["language_info"], name
    listing = _get(manager, "")
    assert sorted(item["name"] for item in listing["content"]) == [
        "elsewhere.ipynb",
        "saved.ipynb",
    ]
    assert _get(manager, "saved.ipynb", content=False)["content"] is None


def test_a_kernel_that_cannot_be_asked_leaves_the_stub(tmp_path):
    """When the kernel's Python cannot answer (here it is missing), is the lesson served as it is
    (it then opens modified, as without the extension) rather than failing?"""
    kernel = tmp_path / "kernels" / "python3"
    kernel.mkdir(parents=True)
    missing = tmp_path / "no-python-here"
    spec = {"argv": [str(missing), "-m", "ipykernel_launcher", "-f", "{connection_file}"]}
    spec |= {"display_name": "Python 3 (ipykernel)", "language": "python"}
    (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    kernels = KernelSpecManager(kernel_dirs=[str(kernel.parent)], ensure_native_kernel=False)
    assert labserver.Kernels(kernels).python_for("python3") == str(missing)
    (tmp_path / "work").mkdir()
    shutil.copy2(REPO / "lessons" / LESSON, tmp_path / "work" / LESSON)
    manager = _serve(AsyncLargeFileManager, tmp_path / "work", kernels)
    assert _get(manager, LESSON)["content"]["metadata"]["language_info"] == labserver.STUB


def test_the_course_settings_switch_the_extension_on():
    """Does jupyter-config/ (what course.py lab and the README's hub put on JUPYTER_CONFIG_PATH)
    enable vraem_labserver?"""
    enabled = ExtensionConfigManager(
        read_config_path=[str(REPO / "jupyter-config")]
    ).get_jpserver_extensions()
    assert enabled == {"vraem_labserver": True}
