r"""Read what a class handed in, defensively: ``collect(["class/", "export.zip"])``.

Every notebook, folder entry and zip entry is read on its own, with bounds, and
anything odd becomes a :class:`Submission` with a ``problem`` (its own row in
the gradebook) instead of stopping the class:

- a folder is walked without following links; a link, a device or a pipe is
  named, never opened;
- a zip is never unpacked to disk: each entry is read into memory, at most
  :data:`MAX_NOTEBOOK_BYTES` of it and :data:`MAX_ZIP_BYTES` in all; entries
  with absolute paths or ``..``, links, devices, encrypted entries, impossible
  dates and more than :data:`MAX_ZIP_ENTRIES` entries are refused or handled;
- a notebook is read by :func:`.notebooks.parse_notebook`, which names what is
  wrong with one (``[]``, nesting too deep, cells that are not objects);
- names that are not UTF-8 are kept readable (``caf\xe9``).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from ..contract import CHECK_CALL, OPEN_HEADING, TAG_OPEN_EXERCISE, lesson_number
from ..i18n import N_
from .notebooks import Cell, NotebookProblem, parse_notebook
from .said import Said

#: The largest notebook read (a course notebook with outputs is well under 5 MB).
MAX_NOTEBOOK_BYTES = 20 * 1024**2
#: The most a zip may unpack to in all, and the most entries it may have.
MAX_ZIP_BYTES = 500 * 1024**2
MAX_ZIP_ENTRIES = 10_000

_SKIPPED_FOLDERS = {".ipynb_checkpoints", "__MACOSX", ".git"}


@dataclass
class Submission:
    """One notebook handed in (or one that could not be read): whose, from where, and its cells."""

    learner: str
    source: str
    modified: datetime
    cells: list[Cell] = field(default_factory=list)
    #: Why it is not graded, and what was skipped in it: English text, shown in --lang (:mod:`.said`).
    problem: Said | None = None
    notes: list[Said] = field(default_factory=list)
    lesson: int | None = None
    superseded_by: str | None = None
    #: The file or folder given to the gradebook that this notebook came from.
    origin: str = ""


def readable(name: str | bytes) -> str:
    r"""A file name as text anyone can read: bytes that are not UTF-8 are shown as ``\xe9``."""
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def learner_name(
    path: PurePosixPath | Path,
    root: PurePosixPath | Path | None,
    learner_from: str,
    pattern: str | None,
) -> str:
    """Who handed a notebook in: its folder (``learner_from="folder"``) or its file name.

    With ``pattern`` (a regular expression with a group named ``learner``) the
    name is read from the file name, e.g. ``r"^(?P<learner>[^_]+)_"`` for
    platform exports such as ``jdoe_12345_02-claims-and-sources.ipynb``.
    """
    name = readable(path.name)
    if pattern:
        found = re.search(pattern, name)
        if found and found.groupdict().get("learner"):
            return found["learner"]
    stem = name[: -len(".ipynb")] if name.lower().endswith(".ipynb") else name
    if learner_from == "file":
        return re.split(r"[_\s]+|-(?=\d\d-)", stem)[0] or stem
    try:
        relative = path.relative_to(root) if root is not None else PurePosixPath(path.name)
    except ValueError:
        relative = PurePosixPath(path.name)
    return readable(relative.parts[0]) if len(relative.parts) > 1 else stem


# ------------------------------------------------------------------ notebooks


def lesson_of(cells: list[Cell]) -> int | None:
    """The lesson a notebook belongs to, from the exercise ids its check() calls name."""
    ids = [
        match["id"]
        for cell in cells
        if cell.kind == "code"
        for match in CHECK_CALL.finditer(cell.source)
    ]
    lessons = Counter(lesson_number(exercise_id) for exercise_id in ids)
    return lessons.most_common(1)[0][0] if lessons else None


def open_answers(cells: list[Cell], by_cell: dict[str, str] | None = None) -> dict[str, str]:
    """The learner's text under each open exercise, keyed by its id ("2.a"), in any language.

    An open exercise's heading is the cell tagged ``open-exercise``; which exercise it is comes
    from its cell id (``by_cell``, :func:`.course.exercise_of_cell` by default), else from the
    id written in the heading; the answer is the next cell. No word of a heading is read.
    """
    if by_cell is None:
        from .course import exercise_of_cell

        by_cell = exercise_of_cell()
    answers = {}
    for index, cell in enumerate(cells):
        if TAG_OPEN_EXERCISE not in cell.tags or index + 1 >= len(cells):
            continue
        heading = OPEN_HEADING.search(cell.source)
        exercise_id = by_cell.get(cell.id) or (heading["id"] if heading else None)
        if exercise_id:
            answers[exercise_id] = cells[index + 1].source.strip()[:20_000]
    return answers


def _submission(
    learner: str, source: str, modified: datetime, raw: bytes | None, problem: Said | None = None
) -> Submission:
    submission = Submission(learner, source, modified, problem=problem)
    if raw is not None and problem is None:
        try:
            submission.cells, submission.notes = parse_notebook(raw)
            submission.lesson = lesson_of(submission.cells)
        except NotebookProblem as error:
            submission.problem = error.args[0]
    return submission


# ------------------------------------------------------------------ folders


def _read_file(path: Path) -> bytes:
    """A regular file's bytes, bounded, never through a link; raises NotebookProblem."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == 40:  # ELOOP: a link
            raise NotebookProblem(Said(N_("a link, not a file: not followed"))) from None
        raise NotebookProblem(Said(N_("cannot be read ({error})"), error=error.strerror)) from None
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotebookProblem(Said(N_("not an ordinary file (a device, a pipe or a socket)")))
        raw = stream.read(MAX_NOTEBOOK_BYTES + 1)
    if len(raw) > MAX_NOTEBOOK_BYTES:
        why = N_("larger than {megabytes} MB: not read")
        raise NotebookProblem(Said(why, megabytes=MAX_NOTEBOOK_BYTES // 1024**2))
    return raw


def _from_folder(root: Path, learner_from: str, pattern: str | None) -> list[Submission]:
    found = []
    for folder, folders, files in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in sorted(folders):
            if (here / name).is_symlink():
                path = here / name
                found.append(
                    Submission(
                        learner_name(path / "x.ipynb", root, learner_from, pattern),
                        readable(str(path)),
                        datetime.now(),
                        problem=Said(N_("a link to a folder, not a folder: not followed")),
                    )
                )
        folders[:] = sorted(
            name
            for name in folders
            if name not in _SKIPPED_FOLDERS and not (here / name).is_symlink()
        )
        for name in sorted(files):
            if not name.lower().endswith(".ipynb"):
                continue
            path = here / name
            learner = learner_name(path, root, learner_from, pattern)
            try:
                modified = datetime.fromtimestamp(path.lstat().st_mtime)
                raw, problem = _read_file(path), None
            except NotebookProblem as error:
                modified, raw, problem = datetime.now(), None, error.args[0]
            except OSError as error:
                modified, raw, problem = datetime.now(), None, _unreadable(error)
            found.append(_submission(learner, readable(str(path)), modified, raw, problem))
    return found


# ------------------------------------------------------------------ zips


def _unreadable(error: OSError) -> Said:
    return Said(N_("cannot be read ({error})"), error=str(error)[:120])


#: Why a zip entry is refused, or not read.
_BOMB = N_("larger than {megabytes} MB unpacked: not read (a zip bomb?)")


def _zip_refusal(entry: zipfile.ZipInfo, name: PurePosixPath) -> Said | None:
    kind = stat.S_IFMT(entry.external_attr >> 16)
    if entry.filename.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", entry.filename):
        return Said(N_("an absolute path in the zip: refused"))
    if ".." in name.parts:
        return Said(N_("a path with '..' in the zip: refused"))
    if kind == stat.S_IFLNK:
        return Said(N_("a link in the zip: refused"))
    if kind not in (0, stat.S_IFREG):
        return Said(N_("not an ordinary file in the zip (a device or a pipe): refused"))
    if entry.flag_bits & 0x1:
        return Said(N_("an encrypted zip entry: cannot be read"))
    if entry.file_size > MAX_NOTEBOOK_BYTES:
        return Said(_BOMB, megabytes=MAX_NOTEBOOK_BYTES // 1024**2)
    return None


def _entry_date(entry: zipfile.ZipInfo, fallback: datetime) -> datetime:
    try:
        return datetime(*entry.date_time)
    except (ValueError, TypeError):  # 1980-00-00 and other dates no calendar has
        return fallback


def _from_zip(
    archive: Path, learner_from: str, pattern: str | None
) -> tuple[list[Submission], list[str]]:
    found, notes, unpacked = [], [], 0
    fallback = datetime.fromtimestamp(archive.stat().st_mtime)
    with zipfile.ZipFile(archive) as bundle:
        entries = bundle.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            many = N_("{source}: {count:,} entries; only the first {most:,} were read")
            notes.append(
                Said(many, source=readable(archive.name), count=len(entries), most=MAX_ZIP_ENTRIES)
            )
        for entry in entries[:MAX_ZIP_ENTRIES]:
            name = PurePosixPath(entry.filename.replace("\\", "/"))
            if (
                entry.is_dir()
                or not name.name.lower().endswith(".ipynb")
                or _SKIPPED_FOLDERS & set(name.parts)
            ):
                continue
            tidy = PurePosixPath(
                *[part for part in name.parts if part not in ("/", "..", ".")] or ["x"]
            )
            learner = learner_name(tidy, PurePosixPath(), learner_from, pattern)
            source = f"{readable(archive.name)}:{readable(entry.filename)}"
            problem, raw = _zip_refusal(entry, name), None
            if problem is None and unpacked > MAX_ZIP_BYTES:
                too_much = N_("the zip unpacks to more than {megabytes} MB: not read")
                problem = Said(too_much, megabytes=MAX_ZIP_BYTES // 1024**2)
            if problem is None:
                try:
                    with bundle.open(entry) as stream:
                        raw = stream.read(MAX_NOTEBOOK_BYTES + 1)
                    unpacked += len(raw)
                    if len(raw) > MAX_NOTEBOOK_BYTES:
                        problem, raw = Said(_BOMB, megabytes=MAX_NOTEBOOK_BYTES // 1024**2), None
                except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as error:
                    damaged = N_("a damaged zip entry ({error})")
                    problem, raw = Said(damaged, error=str(error)[:80]), None
            found.append(_submission(learner, source, _entry_date(entry, fallback), raw, problem))
    return found, notes


# ------------------------------------------------------------------ everything


def collect(
    sources: list[str | Path], learner_from: str = "folder", pattern: str | None = None
) -> tuple[list[Submission], list[Said]]:
    """Every notebook in the given files, folders and zips: ``collect(["class/"])``.

    Returns the submissions (each unreadable one with its ``problem``) and
    notes on sources that held no notebook at all.
    """
    submissions, notes = [], []
    for source in map(Path, sources):
        shown = readable(str(source))
        first_new = len(submissions)
        try:
            if source.is_dir():
                submissions += _from_folder(source, learner_from, pattern)
            elif source.suffix.lower() == ".zip" and source.is_file():
                found, more = _from_zip(source, learner_from, pattern)
                submissions += found
                notes += more
                if not found:
                    notes.append(Said(N_("{source}: no notebook in this zip file"), source=shown))
            elif source.suffix.lower() == ".ipynb" and source.is_file():
                learner = learner_name(
                    source, source.parent, "file" if learner_from == "file" else "folder", pattern
                )
                try:
                    raw, problem = _read_file(source), None
                except NotebookProblem as error:
                    raw, problem = None, error.args[0]
                submissions.append(
                    _submission(
                        learner, shown, datetime.fromtimestamp(source.stat().st_mtime), raw, problem
                    )
                )
            else:
                notes.append(
                    Said(N_("{source}: not a notebook, a folder or a zip file"), source=shown)
                )
        except (zipfile.BadZipFile, OSError) as error:
            notes.append(Said(N_("{source}: {problem}"), source=shown, problem=_unreadable(error)))
        for submission in submissions[first_new:]:
            submission.origin = shown
    return submissions, notes


def keep_newest(submissions: list[Submission]) -> list[Submission]:
    """Mark all but the newest readable submission of each learner and lesson as superseded.

    Newest wins only within one source given to the gradebook (a folder, a zip): a learner's name
    comes from paths inside it, so a zip one learner made could otherwise claim another's name and,
    dated in the future, replace their notebook. When one learner's lesson comes from two sources,
    none of those notebooks is graded, and each says why.
    """
    readable_ones = [s for s in submissions if not s.problem and s.lesson is not None]
    origins: dict[tuple, set[str]] = {}
    for submission in readable_ones:
        origins.setdefault((submission.learner, submission.lesson), set()).add(submission.origin)
    newest: dict[tuple, Submission] = {}
    for submission in sorted(readable_ones, key=lambda s: s.modified):
        key = (submission.learner, submission.lesson)
        if len(origins[key]) > 1:
            submission.problem = Said(
                N_(
                    "{learner}'s lesson {lesson:02d} came from more than one source given to the "
                    "gradebook ({sources}); none of them is graded, since a file in one source can "
                    "carry another learner's name. Grade the source that is theirs on its own."
                ),
                learner=submission.learner,
                lesson=submission.lesson,
                sources=", ".join(sorted(origins[key])),
            )
            continue
        if key in newest:
            newest[key].superseded_by = submission.source
        newest[key] = submission
    return [s for s in submissions if s.superseded_by is None]
