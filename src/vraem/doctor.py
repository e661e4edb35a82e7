"""Environment check for lesson 00: ``python -m vraem.doctor`` or ``doctor()`` in a notebook."""

from __future__ import annotations

import sys
from importlib import metadata

from packaging.version import Version

#: Packages the lessons need, with the lowest version the course was tested with.
REQUIRED = {"pandas": "3.1.1", "altair": "6.3.0", "vl-convert-python": "1.9.0",
            "anywidget": "0.11.0", "jupyterlab": "4.6.6", "frictionless": "5.21.0"}
FIX_INSTALL = 'run `python course.py lab` from the course folder (or `pip install -e ".[test]"`)'


def diagnose() -> list[tuple[str, bool, str]]:
    """Return ``(item, ok, detail)`` rows: Python, each package, the data, the charts."""
    rows = [("Python", sys.version_info >= (3, 10),
             f"{sys.version.split()[0]}" + ("" if sys.version_info >= (3, 10) else
                                             " is too old: install Python 3.10 or newer"))]
    for package, lowest in REQUIRED.items():
        try:
            found = metadata.version(package)
        except metadata.PackageNotFoundError:
            rows.append((package, False, f"not installed: {FIX_INSTALL}"))
            continue
        ok = Version(found) >= Version(lowest)
        rows.append((package, ok, found if ok else f"{found} is older than {lowest}: {FIX_INSTALL}"))
    rows.append(_data_row())
    rows.append(_chart_row())
    return rows


def _data_row() -> tuple[str, bool, str]:
    from .paths import DataNotFoundError, data_dir
    from .tables import DataFileError, read_table

    try:
        folder = data_dir()
        for table in ("articles", "claims", "coca_cultivation", "events"):
            read_table(table)
    except (DataNotFoundError, DataFileError) as error:
        return ("course data", False, str(error))
    return ("course data", True, f"found in {folder}, all tables read")


def _chart_row() -> tuple[str, bool, str]:
    try:
        import altair as alt
        import vl_convert  # noqa: F401  (the offline SVG renderer needs it)
    except ImportError as error:
        return ("charts", False, f"{error.name} is missing, so charts cannot render offline: {FIX_INSTALL}")
    active = alt.renderers.active
    if active in ("vraem-svg", "svg", "jupyter"):
        return ("charts", True, f"renderer '{active}': works with no network")
    return ("charts", False, f"renderer '{active}' loads its code from the internet and shows "
                             "nothing offline: run setup_charts() first")


def doctor() -> bool:
    """Print a line per check, with a fix for each problem; return True when all is well."""
    rows = diagnose()
    width = max(len(item) for item, _, _ in rows)
    for item, ok, detail in rows:
        print(f"{'✓' if ok else '✗'} {item:<{width}}  {detail}")
    healthy = all(ok for _, ok, _ in rows)
    print("All set." if healthy else "Fix the lines marked ✗, then restart the kernel and run this cell again.")
    return healthy


if __name__ == "__main__":
    from .charts import setup_charts

    setup_charts()
    sys.exit(0 if doctor() else 1)
