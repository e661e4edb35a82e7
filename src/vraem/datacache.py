"""Remember what was read or worked out from the data files until one of them changes.

``@remembered`` on a function of the course data (``read_table``, an exercise's
answer key) keeps its result and hands out a private copy of it on later calls,
for as long as every data file the function read is unchanged. The files a
call read are noted as it runs (through :func:`read_bytes`, which every data
read goes through), so nothing has to list them, and a remembered function
that calls another inherits its files.

A file counts as unchanged while its size, modification time (in nanoseconds),
status-change time and inode are: an edit, a replacement or a copy put in its
place changes one of them. A file edited within the same tick of the file
system's clock as an earlier read can keep all four (clocks tick every few
milliseconds, or every second or two on some file systems), so, as git does
with its index, a file modified less than :data:`SETTLE_NS` before it was read
is compared by content (a BLAKE2 digest) on every use until it is older than
that. Results are remembered per data folder, so ``VRAEM_DATA`` pointing at a
copy never sees the original's results, and per language, so a result that holds
shown words (a verdict's reason) is never shown in the language of an earlier call.
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from .i18n import current_language

__all__ = ["SETTLE_NS", "disk_reads", "read_bytes", "remembered"]

#: How old a file's modification time must be, when it is read, for its size and times
#: alone to show a later edit; younger files are compared by content.
SETTLE_NS = 2_000_000_000
#: How many files' contents, and how many results per function, are kept (oldest use dropped).
_MAX_FILES = 256
_MAX_RESULTS = 64

#: How many times each file was read from disk (a test counts them; nothing else uses it).
disk_reads: Counter[str] = Counter()

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class _Read:
    """One file as last read: its status, content and digest, and whether its status is enough."""

    status: tuple
    content: bytes
    digest: bytes
    settled: bool


_files: OrderedDict[str, _Read] = OrderedDict()
_lock = threading.RLock()
_local = threading.local()


def _status(result: os.stat_result) -> tuple:
    return (result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino, result.st_dev)


def _current(path: str) -> _Read:
    """The file as it is now: from memory when its status shows no change, else from disk.

    Raises OSError as ``open`` would (a missing file, a folder, no permission).
    """
    result = os.stat(path)
    status = _status(result)
    with _lock:
        known = _files.get(path)
        if known is not None and known.settled and known.status == status:
            _files.move_to_end(path)
            return known
    # The status is taken before the content: an edit made after it changes the status
    # again, so the next call reads anew (never new status, old content).
    now = time.time_ns()
    with open(path, "rb") as handle:
        content = handle.read()
    disk_reads[path] += 1
    changed = max(result.st_mtime_ns, result.st_ctime_ns)  # a copy keeps its original's mtime only
    read = _Read(
        status,
        content,
        hashlib.blake2b(content, digest_size=16).digest(),
        settled=now - changed > SETTLE_NS,
    )
    with _lock:
        _files[path] = read
        _files.move_to_end(path)
        while len(_files) > _MAX_FILES:
            _files.popitem(last=False)
    return read


def _note(path: str, digest: bytes) -> None:
    """Tell every remembered function running now that it read this version of this file."""
    for files in getattr(_local, "running", ()):
        files[path] = digest


def read_bytes(path: str | os.PathLike) -> bytes:
    """Return a file's content, from memory when the file has not changed: ``read_bytes(path)``.

    Raises OSError as ``open`` would. A remembered function that calls it is
    recomputed once this file changes.
    """
    key = os.path.abspath(path)  # the same file whatever the working directory is later
    read = _current(key)
    _note(key, read.digest)
    return read.content


def _unchanged(files: dict[str, bytes]) -> bool:
    for path, digest in files.items():
        try:
            if _current(path).digest != digest:
                return False
        except OSError:
            return False
    return True


def _private_copy(value: Any) -> Any:
    """A copy of a remembered value that the caller may change freely.

    A table is copied whole: a shallow copy (Copy-on-Write) still shares the
    arrays behind ``.array`` and ``.to_numpy()``, through which a change would
    reach every later reader.
    """
    if value is None or isinstance(value, str | bytes | int | float | bool):
        return value
    if hasattr(value, "copy") and type(value).__module__.startswith("pandas."):
        return value.copy(deep=True)
    return copy.deepcopy(value)


@dataclass(frozen=True)
class _Result:
    value: Any
    files: dict[str, bytes]


def remembered(function: F | None = None, *, copies: bool = True) -> F:
    """Remember a function of the data files until a file it read changes.

    ``@remembered`` above ``def read_table(name)`` reads each table once; later
    calls get a private copy (``copies=False`` for internal values that no
    caller changes). Arguments must be hashable; a call with others is simply
    not remembered. A call that raises is not remembered either.
    """
    if function is None:
        return lambda inner: remembered(inner, copies=copies)
    results: OrderedDict[tuple, _Result] = OrderedDict()

    @wraps(function)
    def wrapper(*args, **kwargs):
        from .paths import data_dir  # paths reads through this module

        # the language is part of the key: a remembered value may hold shown words (a reason)
        language = current_language()
        key = (os.path.abspath(data_dir()), language, args, tuple(sorted(kwargs.items())))
        try:
            with _lock:
                known = results.get(key)
        except TypeError:  # an unhashable argument: work it out every time
            return function(*args, **kwargs)
        if known is None or not _unchanged(known.files):
            running = _local.__dict__.setdefault("running", [])
            files: dict[str, bytes] = {}
            running.append(files)
            try:
                value = function(*args, **kwargs)
            finally:
                running.pop()
            known = _Result(value, files)
            with _lock:
                results[key] = known
                while len(results) > _MAX_RESULTS:
                    results.popitem(last=False)
        with _lock:
            if key in results:
                results.move_to_end(key)
        for path, digest in known.files.items():  # a remembered caller depends on these too
            _note(path, digest)
        return _private_copy(known.value) if copies else known.value

    return wrapper  # type: ignore[return-value]
