"""Time a learner's set-up against a plain pip install of the same packages: ``python tools/benchmark_setup.py``.

In one run, on a copy of the files git tracks (what a fresh clone holds), with every cache warm:

1. course.py: ``python3 course.py install`` (the set-up of ``course.py lab``): a ``.venv`` with no
   pip, uv from PATH or from course.py's cache folder, the learner's lock and the course;
2. plain pip: ``python3 -m venv`` and ``pip install -r requirements.lock -e .``, the same packages.

Each is run once to warm the caches, then ``--rounds`` times from a deleted environment; the
fastest round of each is reported (wall and CPU time, the CPU of every child process counted), with
their ratio, the size of the learner's ``.venv`` and its number of packages. It also times the
first set-up on a computer where course.py has not fetched uv yet (an empty cache folder, uv's
package cache still warm). No uv on PATH is used, as on a learner's computer. Not a test: nothing
fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_copy(folder: Path) -> Path:
    """The files git tracks, copied as they are now into ``folder/course``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    course = folder / "course"
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (course / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, course / name)
    return course


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (this command and all it started) and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout + result.stderr


def size_of(folder: Path) -> tuple[int, int]:
    """Bytes in a folder (each file once, as du counts it) and the packages installed in it."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            if (stat.st_dev, stat.st_ino) not in seen:
                seen.add((stat.st_dev, stat.st_ino))
                total += stat.st_size
    return total, len(list(folder.glob("lib/python*/site-packages/*.dist-info")))


def without_uv_on_path(env: dict[str, str]) -> dict[str, str]:
    """The environment with every PATH folder that holds uv left out (a learner has none)."""
    parts = env.get("PATH", "").split(os.pathsep)
    env = {key: value for key, value in env.items() if not key.startswith("VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(part for part in parts if not (Path(part) / "uv").exists())
    return env


def main() -> None:
    """Time a learner's set-up (course.py install) against plain venv and pip in a fresh copy, and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds of each (default 2)")
    parser.add_argument(
        "--python",
        default=shutil.which("python3") or sys.executable,
        help="the Python a learner runs (default: python3 on PATH)",
    )
    args = parser.parse_args()
    env = without_uv_on_path(dict(os.environ))
    with tempfile.TemporaryDirectory() as folder:
        course = fresh_copy(Path(folder))
        venv, plain = course / ".venv", Path(folder) / "plain-venv"
        ours = [args.python, "course.py", "install"]

        def plain_pip() -> tuple[float, float, str]:
            shutil.rmtree(plain, ignore_errors=True)
            made = timed([args.python, "-m", "venv", str(plain)], course, env)
            pip = timed(
                [
                    str(plain / "bin" / "python"),
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                    "requirements.lock",
                    "-e",
                    ".",
                ],
                course,
                env,
            )
            return made[0] + pip[0], made[1] + pip[1], pip[2]

        def course_py() -> tuple[float, float, str]:
            shutil.rmtree(venv, ignore_errors=True)
            return timed(ours, course, env)

        print("warming the caches (one set-up of each) …", flush=True)
        course_py()
        plain_pip()
        results = {"course.py": [], "plain pip": []}
        for _ in range(args.rounds):
            results["course.py"].append(course_py())
            results["plain pip"].append(plain_pip())
        size, packages = size_of(venv)
        plain_size, plain_packages = size_of(plain)
        # the first set-up on a computer: uv not yet fetched into course.py's cache folder
        shutil.rmtree(venv)
        first = timed(ours, course, {**env, "VRAEM_CACHE": str(Path(folder) / "empty-cache")})
        if "fetching uv" not in first[2]:
            sys.exit("the first set-up did not fetch uv:\n" + first[2])

    ours_best = min(results["course.py"], key=lambda result: result[0])
    pip_best = min(results["plain pip"], key=lambda result: result[0])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load {load:.1f}; best of {args.rounds} round(s), caches warm"
    )
    print(
        f"learner set-up, course.py install: {ours_best[0]:6.1f} s wall, {ours_best[1]:5.1f} s CPU"
    )
    print(f"plain pip, same packages:          {pip_best[0]:6.1f} s wall, {pip_best[1]:5.1f} s CPU")
    print(
        f"ratio course.py / plain pip: {ours_best[0] / pip_best[0]:.2f} wall, {ours_best[1] / pip_best[1]:.2f} CPU"
    )
    print(
        f"first set-up on a computer (uv fetched once): {first[0]:.1f} s wall, {first[1]:.1f} s CPU"
    )
    print(
        f"learner .venv: {size / 1e6:.0f} MB, {packages} packages "
        f"(plain pip's: {plain_size / 1e6:.0f} MB, {plain_packages} packages, with pip and .pyc files)"
    )


if __name__ == "__main__":
    main()
