"""Find the course's ``data/`` folder from any working directory, and name a damaged file in it."""

from __future__ import annotations

import os
import stat
from importlib import resources
from pathlib import Path

from .contract import DATA_VARIABLE
from .datacache import read_bytes
from .i18n import _

#: The file that marks a folder as the course's data folder.
MARKER = "datapackage.json"
#: Files read as text (each must be UTF-8 and not empty).
TEXT_SUFFIXES = (".csv", ".json", ".md", ".txt")


def restore_hint(name: str) -> str:
    """How to get one data file back, e.g. ``restore_hint("claims.csv")``."""
    return _(
        "Restore it with `git checkout -- data/{name}` in the course folder "
        "(or reinstall the course if you did not get it with git)."
    ).format(name=name)


class CourseDataError(Exception):
    """A course data file is missing or damaged; the message names it and how to restore it.

    ``file`` is the file's path inside ``data/`` (e.g. ``"claims.csv"``) when
    one file is to blame; ``summary`` is the message in one sentence.
    """

    def __init__(self, message: str, file: str | None = None, summary: str | None = None):
        super().__init__(message)
        self.file = file
        self.summary = summary or " ".join(message.split())


class DataNotFoundError(CourseDataError, FileNotFoundError):
    """The course data folder (or one file in it) could not be found."""


class DataFileError(CourseDataError, ValueError):
    """A course data file cannot be read, or does not match its description in datapackage.json."""


#: ``data/`` of the repository this package was installed from, if it was (worked out once).
_REPOSITORY_DATA = Path(__file__).resolve().parents[2] / "data"


def course_root() -> Path:
    """Return the course folder, which holds ``data/``, ``solutions/``, ``lessons/`` and ``pyproject.toml``.

    ``course_root() / "solutions"`` is the one way the package finds the course's
    folders. It is the folder that holds :func:`data_dir`, so it is found the same
    way (``VRAEM_DATA``, then the checkout the package was installed from, then the
    working directory and its parents), and raises the same
    :class:`DataNotFoundError` when there is none.
    """
    return data_dir().parent


def data_dir() -> Path:
    """Return the folder that holds the course data.

    ``data_dir() / "claims.csv"`` works whether a notebook runs in ``lessons/``,
    ``solutions/``, a learner's copy elsewhere in the repository, or from the
    installed package. The places tried, in order:

    1. the folder named by the ``VRAEM_DATA`` environment variable;
    2. ``data/`` of the repository this package was installed from (editable
       install or a checkout);
    3. ``data/`` in the working directory or one of its parents;
    4. the copy of ``data/`` shipped inside an installed wheel.
    """
    override = os.environ.get(DATA_VARIABLE)
    if override:
        folder = Path(override).expanduser()
        if (folder / MARKER).is_file():
            return folder
        if folder.is_dir():
            raise DataNotFoundError(
                _(
                    "{variable} is set to {value}, but that folder has no {marker} file. If it is "
                    "the course's data/ folder, {marker} is missing: {restore} "
                    "Otherwise point {variable} at the course's data/ folder, or unset it."
                ).format(
                    variable=DATA_VARIABLE,
                    value=repr(override),
                    marker=MARKER,
                    restore=restore_hint(MARKER),
                ),
                file=MARKER,
            )
        raise DataNotFoundError(
            _(
                "{variable} is set to {value}, which is not a folder. "
                "Point {variable} at the course's data/ folder, or unset it."
            ).format(variable=DATA_VARIABLE, value=repr(override))
        )
    if (_REPOSITORY_DATA / MARKER).is_file():  # the usual case, asked first: one look at the disk
        return _REPOSITORY_DATA
    here = Path.cwd().resolve()
    candidates = [_REPOSITORY_DATA] + [folder / "data" for folder in (here, *here.parents)]
    for folder in candidates[1:]:
        if (folder / MARKER).is_file():
            return folder
    shipped = resources.files("vraem") / "data"
    if shipped.joinpath(MARKER).is_file():
        return Path(str(shipped))
    damaged = next(
        (folder for folder in candidates if folder.is_dir() and any(folder.glob("*.csv"))), None
    )
    if damaged is not None:  # the data folder is there, but its description is not a file
        raise DataNotFoundError(
            _(
                "{path} is missing or is not a file, so the course data cannot be described. "
                "{restore}"
            ).format(path=damaged / MARKER, restore=restore_hint(MARKER)),
            file=MARKER,
        )
    raise DataNotFoundError(
        _(
            "The course data folder was not found (looked for data/datapackage.json "
            "near {folder} and beside the vraem package). Open the notebook from inside "
            "the course folder, or set the {variable} environment variable to the "
            "path of its data/ folder."
        ).format(folder=here, variable=DATA_VARIABLE)
    )


def data_file(name: str) -> Path:
    """Return the path of one file in the data folder, e.g. ``data_file("claims.csv")``.

    Checks that the file is there, is a file (not a folder), and, for a text
    file, that it is not empty and reads as UTF-8. Otherwise raises a
    :class:`DataNotFoundError` or :class:`DataFileError` that names the file
    and says how to get it back.
    """
    path = _existing_file(name)
    if path.suffix in TEXT_SUFFIXES:
        _decode(name, path)
    return path


def _existing_file(name: str) -> Path:
    path = data_dir() / name
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise DataNotFoundError(
            _("{path} is missing. {restore}").format(path=path, restore=restore_hint(name)),
            file=name,
        ) from None
    except OSError as error:
        raise DataFileError(
            _("{path} cannot be opened ({reason}). {restore}").format(
                path=path, reason=error.strerror, restore=restore_hint(name)
            ),
            file=name,
        ) from None
    if stat.S_ISDIR(mode):
        raise DataFileError(
            _(
                "{path} is a folder, where the course expects a file. "
                "Move the folder away, then: {restore}"
            ).format(path=path, restore=restore_hint(name)),
            file=name,
        )
    if not stat.S_ISREG(mode):
        raise DataFileError(
            _("{path} is not an ordinary file. {restore}").format(
                path=path, restore=restore_hint(name)
            ),
            file=name,
        )
    return path


def read_data_text(name: str) -> str:
    """Return the text of one data file, e.g. ``read_data_text("reference/context_facts.md")``.

    A byte-order mark (as some editors write) is dropped. An empty file or
    one that is not UTF-8 text raises a :class:`DataFileError` naming the
    file, the line of the first bad byte, and how to restore it.
    """
    return _decode(name, _existing_file(name))


def _decode(name: str, path: Path) -> str:
    try:
        raw = read_bytes(path)  # from memory while the file is unchanged
    except OSError as error:
        raise DataFileError(
            _("{path} cannot be read ({reason}). {restore}").format(
                path=path, reason=error.strerror, restore=restore_hint(name)
            ),
            file=name,
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataFileError(
            _(
                "{path} is not UTF-8 text (line {line} holds a byte that UTF-8 does not allow; "
                "perhaps the file was saved in another encoding). {restore}"
            ).format(path=path, line=line, restore=restore_hint(name)),
            file=name,
        ) from None
    if not text.strip():
        raise DataFileError(
            _("{path} is empty. {restore}").format(path=path, restore=restore_hint(name)),
            file=name,
        )
    if "\x00" in text:
        raise DataFileError(
            _("{path} holds binary data (NUL bytes), not text. {restore}").format(
                path=path, restore=restore_hint(name)
            ),
            file=name,
        )
    return text
