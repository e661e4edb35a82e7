"""Environment check for lesson 00: ``python -m vraem.doctor`` or ``doctor()`` in a notebook."""

from __future__ import annotations

import sys
from importlib import metadata

from packaging.version import Version

from .i18n import N_, _, ngettext

#: Packages the lessons need, with the lowest version the course was tested with.
REQUIRED = {
    "pandas": "3.1.1",
    "altair": "6.3.0",
    "vl-convert-python": "1.9.0",
    "anywidget": "0.11.0",
    "jupyterlab": "4.6.6",
    "frictionless": "5.21.0",
    "filelock": "4.2.12",
}
FIX_INSTALL = N_("run `python course.py lab` from the course folder (or `pip install -e .` there)")
#: The report's item names, as :func:`diagnose` gives them and :func:`report` shows them translated.
COURSE, PYTHON, DATA, CHARTS = N_("course"), "Python", N_("course data"), N_("charts")


def diagnose() -> list[tuple[str, bool, str]]:
    """Return ``(item, ok, detail)`` rows, one for each thing the course needs.

    The rows cover the course's version, Python, each package, the data and the charts.
    """
    from .version import course_version

    python = sys.version.split()[0]
    new_enough = sys.version_info >= (3, 11)
    rows = [
        (
            COURSE,
            True,
            _("vraem-course {version} (what changed: CHANGELOG.md)").format(
                version=course_version()
            ),
        ),
        (
            PYTHON,
            new_enough,
            python
            if new_enough
            else _("{version} is too old: install Python 3.11 or newer").format(version=python),
        ),
    ]
    for package, lowest in REQUIRED.items():
        try:
            found = metadata.version(package)
        except metadata.PackageNotFoundError:
            rows.append((package, False, _("not installed: {fix}").format(fix=_(FIX_INSTALL))))
            continue
        ok = Version(found) >= Version(lowest)
        older = _("{found} is older than {lowest}: {fix}")
        rows.append(
            (
                package,
                ok,
                found if ok else older.format(found=found, lowest=lowest, fix=_(FIX_INSTALL)),
            )
        )
    rows.append(_data_row())
    rows.append(_chart_row())
    return rows


def _data_row() -> tuple[str, bool, str]:
    """One row for the data: every table, every article and the reference notes are read.

    Each damaged file is named with what is wrong and how to restore it; a
    file that cannot be checked because another one is damaged is not listed
    twice.
    """
    from .corpus import load_article
    from .paths import CourseDataError, data_dir, read_data_text
    from .tables import read_table, resources

    try:
        folder = data_dir()
        names = resources()
    except CourseDataError as error:
        return (DATA, False, str(error))
    problems: dict[str, str] = {}

    def attempt(read, *args):
        try:
            return read(*args)
        except CourseDataError as error:
            problems.setdefault(error.file or "?", str(error))
        except Exception as error:  # noqa: BLE001 - a doctor reports, it does not stop
            problems.setdefault(f"{read.__name__}{args}", f"{type(error).__name__}: {error}")
        return None

    tables = {name: attempt(read_table, name) for name in names}
    articles = tables.get("articles")
    article_ids = [] if articles is None else list(articles["article_id"])
    for article_id in article_ids:
        attempt(load_article, article_id)
    attempt(read_data_text, "reference/context_facts.md")
    if problems:
        listed = "\n".join(problems.values())
        count = ngettext(
            "{count} damaged file in {folder}", "{count} damaged files in {folder}", len(problems)
        ).format(count=len(problems), folder=folder)
        return (DATA, False, f"{count}:\n{listed}")
    return (
        DATA,
        True,
        _(
            "found in {folder}: {tables} tables, {articles} articles and the reference notes read"
        ).format(folder=folder, tables=len(names), articles=len(article_ids)),
    )


def _chart_row() -> tuple[str, bool, str]:
    try:
        import altair as alt
        import vl_convert  # noqa: F401  (the offline SVG renderer needs it)
    except ImportError as error:
        return (
            CHARTS,
            False,
            _("{package} is missing, so charts cannot render offline: {fix}").format(
                package=error.name, fix=_(FIX_INSTALL)
            ),
        )
    active = alt.renderers.active
    if active in ("vraem-svg", "svg", "jupyter"):
        return (
            CHARTS,
            True,
            _("renderer '{renderer}': works with no network").format(renderer=active),
        )
    return (
        CHARTS,
        False,
        _(
            "renderer '{renderer}' loads its code from the internet and shows "
            "nothing offline: run setup_charts() first"
        ).format(renderer=active),
    )


def doctor() -> None:
    """Print a line per check, with a fix for each problem: ``doctor()`` in lesson 00.

    Returns nothing, so the notebook cell shows only the report (``healthy()``
    gives the verdict as True or False, for scripts).
    """
    report(diagnose())


def healthy() -> bool:
    """True when every check of :func:`diagnose` passes (nothing is printed)."""
    return all(ok for _item, ok, _detail in diagnose())


def report(rows: list[tuple[str, bool, str]]) -> bool:
    """Print the rows of a diagnosis and its verdict; return whether all is well."""
    shown = [(_(item), ok, detail) for item, ok, detail in rows]  # item names are marked N_
    width = max(len(item) for item, _ok, _detail in shown)
    for item, ok, detail in shown:
        first, *more = str(detail).splitlines() or [""]
        print(f"{'✓' if ok else '✗'} {item:<{width}}  {first}")
        for line in more:  # a long report (several damaged files) stays under its item
            print(f"  {'':<{width}}  {line}")
    all_well = all(ok for _item, ok, _detail in rows)
    print(
        _("All set.")
        if all_well
        else _("Fix the lines marked ✗, then restart the kernel and run this cell again.")
    )
    return all_well


if __name__ == "__main__":
    from .charts import setup_charts

    setup_charts()
    sys.exit(0 if report(diagnose()) else 1)
