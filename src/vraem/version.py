"""The course's version, the one a learner or an instructor names: ``vraem.__version__``.

``doctor()`` shows it on its first line, the website can print it, and ``CHANGELOG.md`` says what
changed in each version (a test ties its latest entry to ``pyproject.toml``).
"""

from __future__ import annotations

import tomllib
from importlib import metadata

from .paths import CourseDataError, course_root

DISTRIBUTION = "vraem-course"


def course_version() -> str:
    """Return the course's version, e.g. ``"0.2.0"``.

    In a checkout (the usual editable install) it is read from ``pyproject.toml`` itself, so it is
    right even before the course is installed again; from a wheel, from the installed metadata.
    """
    try:
        project = tomllib.loads((course_root() / "pyproject.toml").read_text(encoding="utf-8"))[
            "project"
        ]
        if project.get("name") == DISTRIBUTION:
            return str(project["version"])
    except (OSError, ValueError, KeyError, CourseDataError):
        pass  # not a checkout of the course (an installed wheel), or an unreadable file
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
