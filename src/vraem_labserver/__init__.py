"""Open each lesson unmodified in JupyterLab: a Jupyter server extension, ``vraem_labserver``.

``jupyter-config/jupyter_server_config.d/vraem-course.json`` switches it on for any server that
has the course's ``jupyter-config/`` on ``JUPYTER_CONFIG_PATH`` (``course.py lab``, a hub that
follows the README). A server without the course installed logs a warning and runs without it.

Why: when a notebook's kernel starts, JupyterLab writes the kernel's ``language_info`` into the
notebook, and a value that differs from the one loaded marks it modified (the unsaved dot) before
anything is run. That value names the kernel's Python version, so ``lessons/`` holds only the
build's stub, ``{"name": "python"}``. On a hub, learners open the lessons nbgitpuller cloned, with
no step in between to fill it in. So the server does it as it serves a notebook: a stub is
replaced by what the notebook's own kernel will report. The file on disk is not touched; a
learner's save writes the same value JupyterLab would have written anyway, so what git sees when
nbgitpuller merges an update is what it saw before this extension.

It is a package of its own, beside ``vraem``, so that a server loading it does not import the
helpers' pandas and Altair (seconds at every learner's server start). Its cost when a lesson
opens: a kernelspec lookup; the kernel's Python is asked once per server, at start.
"""

import asyncio
import functools
import inspect
import json
import subprocess
import sys
import threading

#: The ``language_info`` the build leaves in each lesson (vraem.authoring.build).
STUB = {"name": "python"}

#: Asks a Python what its ipykernel tells JupyterLab about its language (course.py asks the same).
LANGUAGE_INFO = (
    "import json; from ipykernel.ipkernel import IPythonKernel; "
    "print(json.dumps(IPythonKernel.language_info))"
)


def _jupyter_server_extension_points():
    """Where the Jupyter server finds this extension."""
    return [{"module": "vraem_labserver"}]


def _load_jupyter_server_extension(serverapp):
    """Fill in the stub as the server's contents manager serves a notebook (whatever its class)."""
    kernels = Kernels(serverapp.kernel_spec_manager)
    manager = serverapp.contents_manager
    get = manager.get
    if inspect.iscoroutinefunction(get):

        async def get_filled(*args, **kwargs):
            model = await get(*args, **kwargs)
            python = kernels.python_to_ask(model)
            if python:  # in a thread: the first time costs a Python start, not a stalled server
                fill(model, await asyncio.to_thread(language_info, python))
            return model

    else:

        def get_filled(*args, **kwargs):
            model = get(*args, **kwargs)
            python = kernels.python_to_ask(model)
            if python:
                fill(model, language_info(python))
            return model

    manager.get = functools.update_wrapper(get_filled, get)
    # asked now, while the learner's first page loads, so that opening a lesson does not wait
    default = kernels.python_for(serverapp.kernel_manager.default_kernel_name)
    if default:
        threading.Thread(target=language_info, args=(default,), daemon=True).start()
    serverapp.log.info("vraem_labserver: lessons open with their kernel's language_info")


def fill(model: dict, info: dict | None) -> None:
    """Put the kernel's ``info`` in a served notebook (not in its file), when the kernel told it."""
    if info:
        model["content"]["metadata"]["language_info"] = info


@functools.cache
def language_info(python: str) -> dict | None:
    """What ``python``'s ipykernel reports as its language_info, asked once; None if it cannot tell."""
    try:
        found = subprocess.run(
            [python, "-c", LANGUAGE_INFO],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            timeout=120,
        )
        info = json.loads(found.stdout) if found.returncode == 0 else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return info if isinstance(info, dict) and info.get("name") == "python" else None


class Kernels:
    """Which Python a served notebook's kernel runs, from the server's kernelspecs."""

    def __init__(self, kernel_spec_manager):
        self.kernel_spec_manager = kernel_spec_manager

    def python_for(self, kernel_name: str) -> str | None:
        """The Python the named kernel runs, if it is an ipykernel (as jupyter_client starts it)."""
        try:
            argv = list(self.kernel_spec_manager.get_kernel_spec(kernel_name).argv)
        except KeyError:  # no such kernel: JupyterLab asks which one to use, and sets it then
            return None
        if len(argv) < 3 or argv[1] != "-m" or not argv[2].startswith("ipykernel"):
            return None
        # jupyter_client starts a bare "python" as the server's own Python
        bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info)}
        return sys.executable if argv[0] in bare else argv[0]

    def python_to_ask(self, model: dict) -> str | None:
        """The Python whose language_info a served notebook needs, or None.

        Only a notebook holding the build's stub, whose kernelspec names an ipykernel.
        """
        content = model.get("content") if model.get("type") == "notebook" else None
        metadata = content.get("metadata") if isinstance(content, dict) else None
        if not isinstance(metadata, dict) or metadata.get("language_info") != STUB:
            return None
        kernelspec = metadata.get("kernelspec")
        kernel = kernelspec.get("name") if isinstance(kernelspec, dict) else None
        return self.python_for(kernel) if isinstance(kernel, str) else None
