"""What a gradebook sandbox shows of the host, read-only: ``shown_paths()`` and the system folders.

The system's programs and libraries (``SYSTEM``, part of ``/etc``), and the
folders this very Python and its packages live in, found as the learner's
kernel will look for them, plus the course data. Never the root, the
instructor's home or a folder above it. ``vraem.gradebook.sandbox`` binds them
into each sandbox.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from ..paths import data_dir

#: System folders shown read-only (the programs and libraries Python needs); /etc only in part.
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC = (
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/etc/alternatives",
    "/etc/fonts",
    "/etc/mime.types",
)


def _python_paths() -> list[Path]:
    """The folders the interpreter and its packages live in, as the kernel will use them."""
    places = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        sysconfig.get_config_var("LIBDIR") or sys.base_prefix,
    }
    hop = Path(sys.executable)
    for _ in range(40):  # a venv's python is a link (or a chain of them) into the base installation
        places.add(str(hop.parent))
        if not hop.is_symlink():
            break
        hop = hop.parent / os.readlink(hop)
    places.add(str(Path(sys.executable).resolve().parent))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    found = subprocess.run(
        [sys.executable, "-s", "-c", "import json, sys; print(json.dumps(sys.path))"],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=60,
    )
    default_path = json.loads(found.stdout) if found.returncode == 0 else []
    places.update(entry for entry in default_path + extra_python_path() if entry)
    places.add(str(data_dir()))
    return [Path(place) for place in places]


def extra_python_path() -> list[str]:
    """Folders this process imports from that a plain start of its Python would not (PYTHONPATH, user site)."""
    import site

    extra = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    user_site = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    if user_site and user_site in sys.path:
        extra.append(user_site)
    return [str(Path(entry).resolve()) for entry in extra if Path(entry).exists()]


def shown_paths() -> list[Path]:
    """The Python and data folders to bind, each once, outermost first, system folders left out.

    Never the root, the instructor's home or a folder above it (a PYTHONPATH of "~" would show it
    all): a package found only there fails the preflight, which says how to install it instead.
    """
    chosen: list[Path] = []
    home = Path.home().resolve()
    found = [path for path in _python_paths() if path.exists()]
    for path in sorted(
        {p.resolve() for p in found} | set(found), key=lambda p: (len(p.parts), str(p))
    ):
        if any(path == root or root in path.parents for root in map(Path, SYSTEM)):
            continue
        if path == Path("/") or path == home or path in home.parents:
            continue
        if any(path == kept or kept in path.parents for kept in chosen):
            continue
        chosen.append(path)
    return chosen
