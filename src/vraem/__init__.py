"""Helpers for the VRAEM reading course: data, answer checks and chart style.

``from vraem import load_corpus, load_claims, check, setup_charts`` is what
most lessons need; the other names are listed in ``__all__``.
"""

import sys

from .i18n import N_, in_every_language

try:
    import altair  # noqa: F401
    import pandas  # noqa: F401
    import vl_convert  # noqa: F401
except ModuleNotFoundError as missing:  # say what to do instead of a bare traceback
    # this stops `import vraem` before a Spanish lesson's setup reaches set_language("es"),
    # so it is said in every language the course speaks
    message = N_(
        "The course helpers need the package '{package}', which this Python "
        "({python}) does not have. Start JupyterLab with `python3 course.py lab` from the "
        "course folder (it installs everything), or run `pip install -e .` there."
    )
    raise ModuleNotFoundError(
        in_every_language(message).format(package=missing.name, python=sys.executable),
        name=missing.name,
    ) from None

from .charts import setup_charts
from .checks import check, hint, solution
from .claims import load_claims
from .corpus import load_article, load_corpus
from .doctor import doctor
from .glossary import glossary
from .paths import DataNotFoundError
from .progress import progress
from .quotes import quote, reference_note
from .series import load_coca_series
from .tables import DataFileError
from .timeline import load_events
from .version import course_version

#: The course's version (as in pyproject.toml and CHANGELOG.md), e.g. "0.2.0".
__version__ = course_version()

__all__ = [
    "DataFileError",
    "DataNotFoundError",
    "check",
    "doctor",
    "glossary",
    "hint",
    "load_article",
    "load_claims",
    "load_coca_series",
    "load_corpus",
    "load_events",
    "progress",
    "quote",
    "reference_note",
    "setup_charts",
    "solution",
]
