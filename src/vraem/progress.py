"""Your own record of the exercises: ``progress()`` shows what you have solved so far.

``check()`` notes each attempt in a small JSON file in your home folder
(``~/.vraem-course/progress.json``, or the file named by ``VRAEM_PROGRESS_FILE``).
Nothing leaves your computer; delete the file to start afresh. Under the test
suite nothing is written.

The record is never lost and never destroys anything:

- each write takes a lock (the ``filelock`` package) and replaces the file in
  one step, so two notebooks checking answers at once both get recorded;
- a file the course cannot use (not JSON of its shape, unreadable, a folder, a
  device, a link to nowhere, a folder it cannot write) is left exactly as it
  is; the attempts go to the next place that works (``progress-2.json`` beside
  it, then a folder for temporary files, then memory), and you are told once
  where they are kept instead. ``progress()`` reads every one of those places.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from datetime import datetime
from pathlib import Path

import pandas as pd

try:
    from filelock import FileLock, Timeout
except ModuleNotFoundError:  # an older installation: say what to do
    raise ModuleNotFoundError(
        "The course helpers need the package 'filelock' (it keeps two notebooks from overwriting "
        "each other's progress). Start JupyterLab with `python3 course.py lab` from the course "
        "folder (it installs everything), or run `pip install -e .` there.",
        name="filelock",
    ) from None

from .contract import (
    CHECK_MODE_VARIABLE,
    CORRECT,
    PROGRESS_FILE_VARIABLE,
    PROGRESS_OPEN,
    PROGRESS_WORDS,
    STATUS_RANK,
    UNREADABLE,
    WRONG,
    lesson_number,
    lesson_order,
)
from .exercises import all_exercises, misreading_in_words
from .i18n import N_, _

FILE_VARIABLE = PROGRESS_FILE_VARIABLE
#: The statuses the record keeps ("unanswered" is no attempt), ranked as the gradebook ranks them.
_RANK = {status: STATUS_RANK[status] for status in (UNREADABLE, WRONG, CORRECT)}
#: How long a write waits for another notebook's write to finish before using another place.
LOCK_TIMEOUT = 10
#: Attempts recorded this session when no file at all could be written.
_memory: dict[str, dict] = {}
#: What the learner has already been told (each note is shown once per session).
_told: set[str] = set()


class _Unusable(Exception):
    """Raised when a place cannot hold the record; the message says why, in a few words."""


def _home() -> Path | None:
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None
    return home if home.is_absolute() else None


def progress_file() -> Path | None:
    """Return where attempts are meant to be recorded (None when there is no home folder)."""
    override = os.environ.get(FILE_VARIABLE)
    if override:
        return Path(override).expanduser()
    home = _home()
    return home / ".vraem-course" / "progress.json" if home else None


def _places() -> list[Path]:
    """Where the record may be kept, in order of preference."""
    wanted = progress_file()
    places = (
        [wanted, wanted.with_name(f"{wanted.stem}-2{wanted.suffix or '.json'}")] if wanted else []
    )
    tag = hashlib.sha256(str(wanted).encode("utf-8", "replace")).hexdigest()[:10]
    owner = os.getuid() if hasattr(os, "getuid") else "user"
    places.append(Path(tempfile.gettempdir()) / f"vraem-course-{owner}" / f"progress-{tag}.json")
    return places


def _target(path: Path) -> Path:
    """The file to read and replace: a link to an ordinary file is followed, anything else refused."""
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
        else:
            target = path
        mode = target.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise _Unusable(_("it is a link to a file that does not exist")) from None
        return path
    except (OSError, RuntimeError) as error:
        raise _Unusable(
            _("it cannot be looked at ({error})").format(
                error=getattr(error, "strerror", None) or error
            )
        ) from None
    if stat.S_ISDIR(mode):
        raise _Unusable(_("it is a folder"))
    if not stat.S_ISREG(mode):
        raise _Unusable(_("it is not an ordinary file"))
    return target


def _is_record(data) -> bool:
    return isinstance(data, dict) and all(
        isinstance(key, str) and isinstance(entry, dict) for key, entry in data.items()
    )


def _read(path: Path) -> dict:
    """The record in one file ({} if there is none yet); raises _Unusable for a file not of its shape."""
    target = _target(path)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise _Unusable(
            _("it cannot be read ({error})").format(error=error.strerror or error)
        ) from None
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _Unusable(_("it is not a JSON record")) from None
    if not _is_record(data):
        raise _Unusable(_("its JSON is not a record of exercises"))
    return data


def _count(entry: dict, name: str, default: int = 0) -> int:
    """A count field of an entry, tolerating odd values (a negative or unreadable count is 0)."""
    try:
        return max(0, int(entry.get(name, default)))
    except (TypeError, ValueError, OverflowError):
        return 0


def _entry(entry: dict) -> tuple[str | None, int]:
    """An entry's best status and number of attempts (every check, format slips included)."""
    best = entry.get("best") if entry.get("best") in _RANK else None
    return best, _count(entry, "attempts")


def _checked(entry: dict) -> tuple[int, int]:
    """How many of an entry's answers were judged (right or wrong), and how many of those came after solving.

    A record written before these were kept counts every attempt as judged, and none after solving.
    """
    return _count(entry, "checked", _count(entry, "attempts")), _count(entry, "after_solved")


def _misreadings(entry: dict) -> dict[str, int]:
    """An entry's count of each catalogued misreading ("2.3#1": 2), tolerating odd values."""
    found = entry.get("misreadings") if isinstance(entry, dict) else None
    if not isinstance(found, dict):
        return {}
    counts = {}
    for name, count in found.items():
        try:
            counts[str(name)] = max(0, int(count))
        except (TypeError, ValueError, OverflowError):
            continue
    return counts


#: Statuses that are a verdict on the answer's content (a format message is not).
_JUDGED = (WRONG, CORRECT)


def _update(attempts: dict, exercise_id: str, status: str, misreading: str | None = None) -> dict:
    old = attempts.get(exercise_id, {})
    old_best, count = _entry(old)
    checked, after_solved = _checked(old)
    best = status if old_best is None or _RANK[status] > _RANK[old_best] else old_best
    if status in _JUDGED:
        checked += 1
        after_solved += old_best == CORRECT
    attempts = dict(attempts)
    entry = {
        "best": best,
        "attempts": count + 1,
        "checked": checked,
        "after_solved": after_solved,
        "last": datetime.now().isoformat(timespec="seconds"),
    }
    misreadings = _misreadings(old)
    if misreading:
        misreadings[misreading] = misreadings.get(misreading, 0) + 1
    if misreadings:
        entry["misreadings"] = misreadings
    attempts[exercise_id] = entry
    return attempts


def _write(path: Path, exercise_id: str, status: str, misreading: str | None = None) -> None:
    """Add one attempt to the record at ``path`` under a lock; raises _Unusable or OSError."""
    target = _target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(target.with_name(target.name + ".lock")), timeout=LOCK_TIMEOUT)
    try:
        with lock:
            attempts = _update(_read(target), exercise_id, status, misreading)
            handle, draft = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(attempts, stream, indent=1, sort_keys=True)
                os.replace(draft, target)
            except BaseException:
                Path(draft).unlink(missing_ok=True)  # only the draft this call created
                raise
    except Timeout:
        raise _Unusable(_("another program has held its lock for too long")) from None


def _why(error: Exception) -> str:
    if isinstance(error, _Unusable):
        return str(error)
    return _("it cannot be written ({error})").format(
        error=getattr(error, "strerror", None) or error
    )


def _tell_once(about: str, note: str) -> None:
    """Print a note about one place, the first time anything is said about it this session."""
    if about not in _told:
        _told.add(about)
        print(note)


def _note_elsewhere(wanted: Path | None, reason: str, kept: str) -> None:
    if wanted:
        note = _(
            "Note: your progress record {wanted} cannot be used ({reason}); it is left as it is. "
            "Your progress is kept in {kept} instead. Set {variable} to choose another place."
        )
    else:
        note = _(
            "Note: your progress record there is no home folder to keep it in (HOME is not set). "
            "Your progress is kept in {kept} instead. Set {variable} to choose another place."
        )
    _tell_once(
        str(wanted), note.format(wanted=wanted, reason=reason, kept=kept, variable=FILE_VARIABLE)
    )


def record(exercise_id: str, status: str, misreading: str | None = None) -> None:
    """Note one attempt; never raises and never loses it.

    Written to the first place that works (see the module's description);
    when the wanted file cannot be used, the learner is told once where the
    record is kept instead.
    """
    if os.environ.get(CHECK_MODE_VARIABLE) or status not in _RANK:
        return
    wanted, reason = progress_file(), None
    for place in _places():
        try:
            _write(place, exercise_id, status, misreading)
        except (_Unusable, OSError) as error:
            if place == wanted:
                reason = _why(error)
            continue
        if place != wanted:
            _note_elsewhere(wanted, reason or _("it cannot be written"), str(place))
        return
    _memory.update(_update(_memory, exercise_id, status, misreading))
    _note_elsewhere(
        wanted,
        reason or _("it cannot be written"),
        _("memory only, for this session (no file could be written)"),
    )


def _all_records() -> list[dict]:
    """Every record the course can read: the wanted file, the places used instead, memory."""
    records, seen = [], set()
    wanted = progress_file()
    for place in _places():
        try:
            target = _target(place)
            key = os.path.realpath(target)
            if key in seen:
                continue
            seen.add(key)
            records.append(_read(target))
        except _Unusable as error:
            if place == wanted and os.path.lexists(place):
                _tell_once(
                    str(wanted),
                    _(
                        "Note: your progress record {wanted} cannot be used ({reason}); it is "
                        "left as it is, and progress() shows what was recorded elsewhere."
                    ).format(wanted=wanted, reason=error),
                )
            continue
        except OSError:  # a place that cannot even be looked at holds nothing to show
            continue
    records.append(_memory)
    return records


class ProgressTable(pd.DataFrame):
    """The table ``progress()`` returns: a DataFrame whose text shows aligned left, as it is read.

    Filtering and slicing (``.head(8)``, ``.query(...)``) keep the alignment.
    """

    @property
    def _constructor(self):
        return ProgressTable

    def _repr_html_(self) -> str | None:
        html = super()._repr_html_()
        if html is None:
            return None
        # pandas right-aligns every cell and header (so does JupyterLab): titles and words read left
        style = (
            "<style>table.dataframe.vraem-progress th, table.dataframe.vraem-progress td "
            "{ text-align: left; }</style>"
        )
        html = html.replace('class="dataframe"', 'class="dataframe vraem-progress"', 1)
        return style + html.replace('<tr style="text-align: right;">', "<tr>", 1)

    def __repr__(self) -> str:
        """The table as text with its text columns left-aligned, as a terminal shows it."""
        texts = [
            column
            for column in self.columns
            if self[column].dtype == object or pd.api.types.is_string_dtype(self[column])
        ]
        widths = {
            column: max([len(str(value)) for value in self[column]] + [len(str(column))])
            for column in texts
        }
        formatters = {
            column: (lambda value, width=widths[column]: f"{value!s:<{width}}") for column in texts
        }
        return self.to_string(
            formatters=formatters, justify="left", max_rows=pd.get_option("display.max_rows")
        )


#: What a status means in progress(): solved, answered but not right yet, only format messages so far.
_WORDS = PROGRESS_WORDS
#: The status words marked for translation, so that the catalogue has them: the words are
#: vraem.contract's, and progress() shows each in the learner's language (tests/test_progress.py
#: checks that these are the contract's words, all of them).
MARKED_WORDS = (N_("solved"), N_("tried"), N_("not checked yet"), N_("open"))


def progress() -> pd.DataFrame:
    """Return one row per checked exercise of the course with your best result so far.

    ``progress()`` at the end of a lesson shows which exercises are solved,
    tried, not checked yet (only format messages so far) or still open;
    ``progress().query("status != 'solved'")`` lists what is left.
    ``attempts`` counts the answers the check judged, right or wrong (an answer
    it could not read yet is no attempt); ``after_solving`` how many of them
    came after you had solved the exercise. ``misreadings`` says in words which
    of the course's known mistakes your wrong answers matched, commonest first
    (the class gradebook counts the same ones).
    """
    best: dict[str, str] = {}
    counts: dict[str, int] = {}
    later: dict[str, int] = {}
    mistakes: dict[str, dict[str, int]] = {}
    for attempts in _all_records():
        for exercise_id, entry in attempts.items():
            status, _attempts = _entry(entry)
            checked, after_solved = _checked(entry)
            counts[exercise_id] = counts.get(exercise_id, 0) + checked
            later[exercise_id] = later.get(exercise_id, 0) + after_solved
            for name, times in _misreadings(entry).items():
                mistakes.setdefault(exercise_id, {})[name] = (
                    mistakes.get(exercise_id, {}).get(name, 0) + times
                )
            if status and _RANK[status] > _RANK.get(best.get(exercise_id), -1):
                best[exercise_id] = status
    exercises = all_exercises()
    rows = []
    for exercise_id, exercise in sorted(exercises.items(), key=lambda item: lesson_order(item[0])):
        made = sorted(mistakes.get(exercise_id, {}).items(), key=lambda item: (-item[1], item[0]))
        rows.append(
            {
                "lesson": f"{lesson_number(exercise_id):02d}",
                "exercise": exercise_id,
                "title": _(exercise.title),
                "status": _(_WORDS.get(best.get(exercise_id), PROGRESS_OPEN)),
                "attempts": counts.get(exercise_id, 0),
                "after_solving": later.get(exercise_id, 0),
                "misreadings": "; ".join(
                    f"{misreading_in_words(name, exercises)}{f' ×{times}' if times > 1 else ''}"
                    for name, times in made
                ),
            }
        )
    return ProgressTable(
        rows,
        columns=[
            "lesson",
            "exercise",
            "title",
            "status",
            "attempts",
            "after_solving",
            "misreadings",
        ],
    )
