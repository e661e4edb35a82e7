"""Find the course's ``data/`` folder from any working directory."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: The file that marks a folder as the course's data folder.
MARKER = "datapackage.json"


class DataNotFoundError(FileNotFoundError):
    """The course data folder (or one file in it) could not be found."""


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
    override = os.environ.get("VRAEM_DATA")
    if override:
        folder = Path(override).expanduser()
        if (folder / MARKER).is_file():
            return folder
        raise DataNotFoundError(
            f"VRAEM_DATA is set to {override!r}, but that folder has no {MARKER}. "
            "Point VRAEM_DATA at the course's data/ folder, or unset it."
        )
    candidates = [Path(__file__).resolve().parents[2] / "data"]
    here = Path.cwd().resolve()
    candidates += [folder / "data" for folder in (here, *here.parents)]
    for folder in candidates:
        if (folder / MARKER).is_file():
            return folder
    shipped = resources.files("vraem") / "data"
    if shipped.joinpath(MARKER).is_file():
        return Path(str(shipped))
    raise DataNotFoundError(
        "The course data folder was not found (looked for data/datapackage.json "
        f"near {here} and beside the vraem package). Open the notebook from inside "
        "the course folder, or set the VRAEM_DATA environment variable to the "
        "path of its data/ folder."
    )


def data_file(name: str) -> Path:
    """Return the path of one file in the data folder, e.g. ``data_file("claims.csv")``.

    Raises a :class:`DataNotFoundError` that names the missing file and says how
    to get it back.
    """
    path = data_dir() / name
    if not path.exists():
        raise DataNotFoundError(
            f"{path} is missing. Restore it with `git checkout -- data/{name}` "
            "from the course folder, or download the course again."
        )
    return path
