"""The official coca cultivation series: ``load_coca_series()`` for the preferred rows.

Also :func:`source_line`, which writes a chart's "Source: …" line from the
rows the chart draws, so the caption says whether the figures come from an
official release or from a newspaper, wire or blog reporting them; and
:func:`wide_series`, the series as a table of years by regions, with the
percent changes, shares and survey years the lessons read from it.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import pandas as pd

from .datacache import remembered
from .i18n import _
from .paths import data_file
from .tables import read_table

#: Publishers whose rows are the official release rather than a copy of it.
OFFICIAL_PUBLISHER = re.compile(r"^(UNODC|UN Information Service|DEVIDA)")
#: Where sources disagree on the national total, the reference README names the
#: values used in later official reporting.
LATER_OFFICIAL_VALUES = {(2011, "Peru (national)"): 62500, (2021, "Peru (national)"): 80681}
REFERENCE_COLUMNS = [
    "year",
    "region",
    "hectares",
    "source_title",
    "source_publisher",
    "source_url",
    "excerpt",
]
#: The two values of the derived ``source_kind`` column.
OFFICIAL_RELEASE, SECONDARY_REPORT = "official release", "report of official figures"
#: The series' region names the exercises read most.
NATIONAL, VRAEM, ALTO_HUALLAGA = "Peru (national)", "VRAEM", "Alto Huallaga"


def source_kind(publisher: str) -> str:
    """Say whether a row's publisher is the official release or a report of it.

    ``source_kind("UNODC")`` is ``"official release"``;
    ``source_kind("Inforegion citing UNODC/DEVIDA")`` is ``"report of official
    figures"``: a newspaper, wire, blog or abstract that passes the official
    figure on. A verbatim copy of an official fact sheet hosted elsewhere
    keeps the official publisher, so it counts as the release.
    """
    return OFFICIAL_RELEASE if OFFICIAL_PUBLISHER.match(str(publisher)) else SECONDARY_REPORT


def reporter(publisher: str) -> str:
    """The short name of whoever reported a figure: ``"Hoy (Dominican Rep., EFE wire) citing UNODC"`` -> ``"Hoy"``."""
    name = str(publisher).split(" citing ")[0]
    name = re.sub(r"\s*\([^)]*\)", "", name)  # drop "(Peruvian regional news agency)" and the like
    return name.strip()


def source_line(
    rows: pd.DataFrame, what: str = "UNODC/DEVIDA coca surveys", width: int = 100
) -> list[str]:
    """Write the "Source: …" line of a chart from the series rows it draws.

    ``alt.Title("…", subtitle=source_line(rows))`` gives a caption that names
    what the chart really rests on: how many of its values come from an
    official release and how many from a news outlet, wire or blog reporting
    the official figures, and who those reporters are (most values first).
    Rows without a value are ignored. Returns the text wrapped into lines of
    at most ``width`` characters.
    """
    rows = rows[rows["hectares"].notna()]
    kinds = rows["source_kind"]
    total, official = len(rows), int((kinds == OFFICIAL_RELEASE).sum())
    reporters = Counter(rows.loc[kinds == SECONDARY_REPORT, "source_publisher"].map(reporter))
    text = _(
        "Source: {what} (data/coca_cultivation.csv): {official} of {total} values from an "
        "official release"
    ).format(what=what, official=official, total=total)
    if reporters:
        names = ", ".join(
            f"{name} {count}"
            for name, count in sorted(reporters.items(), key=lambda item: (-item[1], item[0]))
        )
        text = _("{text}; {count} as reported by news outlets, wires or blogs ({names})").format(
            text=text, count=total - official, names=names
        )
    return textwrap.wrap(text + ".", width=width)


def mark_preferred(reference: pd.DataFrame) -> pd.DataFrame:
    """Add ``preferred``, ``preferred_reason`` and ``source_kind`` to the reference rows.

    One row per (year, region) is preferred: the only row; else the value
    that later official reporting uses; else the official release over a
    wire or blog copy; else the first row. This is how
    ``data/coca_cultivation.csv`` is made from
    ``data/reference/coca_cultivation_peru.csv`` (``python -m vraem.series``).
    """
    table = reference[REFERENCE_COLUMNS].copy()
    table["preferred"] = False
    table["preferred_reason"] = ""
    table["source_kind"] = table["source_publisher"].map(source_kind)
    for (year, region), group in table.groupby(["year", "region"], sort=False):
        official = group["source_publisher"].str.match(OFFICIAL_PUBLISHER)
        values = group["hectares"].nunique()
        if len(group) == 1:
            choice, reason = group.index[0], "the only source for this year and region"
        elif (year, region) in LATER_OFFICIAL_VALUES:
            wanted = LATER_OFFICIAL_VALUES[(year, region)]
            choice = group.index[group["hectares"] == wanted][0]
            reason = (
                f"sources disagree ({values} values); {wanted:,} is the value used in "
                "later official reporting"
            )
        elif official.any():
            choice = group.index[official][0]
            reason = (
                "sources disagree; the official UNODC/DEVIDA release is preferred over a copy"
                if values > 1
                else "all sources give this value; the official release is preferred"
            )
        else:
            choice = group.index[0]
            reason = "all sources are copies of the same value; the first is kept"
        table.loc[choice, "preferred"] = True
        table.loc[group.index, "preferred_reason"] = reason
        for other in group.index.drop(choice):
            table.loc[other, "preferred_reason"] = "another row is preferred: " + reason
    return table


@remembered
def load_coca_series(preferred_only: bool = True) -> pd.DataFrame:
    """Return the official coca cultivation series, hectares by year and region.

    ``load_coca_series()`` keeps one row per (year, region), the preferred one;
    ``load_coca_series(preferred_only=False)`` keeps every source's row.
    Years with no survey value are absent, not filled in: a gap stays a gap.
    """
    table = read_table("coca_cultivation")
    if preferred_only:
        table = table[table["preferred"]].reset_index(drop=True)
    return table


# --- the series as a table of years by regions ------------------------------------------------


@remembered
def wide_series() -> pd.DataFrame:
    """The preferred series as a table with one row per year and one column per region.

    Every year from the first to the last survey has a row; a region with no
    value for a year has an empty cell there (a gap, never filled in).
    """
    series = load_coca_series()
    wide = series.pivot(index="year", columns="region", values="hectares")
    return wide.reindex(range(int(wide.index.min()), int(wide.index.max()) + 1))


def percent_change(region: str, start: int, end: int) -> float:
    """Percent change of a region's area from ``start`` to ``end`` (preferred rows)."""
    wide = wide_series()
    before, after = float(wide.loc[start, region]), float(wide.loc[end, region])
    return (after - before) / before * 100


def vraem_share(year: int) -> float:
    """The VRAEM's share of the national coca area in one year, in percent."""
    wide = wide_series()
    return float(wide.loc[year, VRAEM]) / float(wide.loc[year, NATIONAL]) * 100


def has_values(wide: pd.DataFrame, year: int, regions: list[str]) -> bool:
    """Whether the wide table has a value for every region named in ``year``."""
    return year in wide.index and all(pd.notna(wide.loc[year, region]) for region in regions)


def newest_survey_before(
    year: int, regions: list[str], wide: pd.DataFrame | None = None
) -> int | None:
    """The newest survey year before ``year`` with a value for every region named, or None."""
    wide = wide_series() if wide is None else wide
    earlier = [int(row) for row in wide.index if row < year and has_values(wide, row, regions)]
    return max(earlier) if earlier else None


def main() -> None:
    """Rewrite data/coca_cultivation.csv from the reference copy."""
    reference = pd.read_csv(data_file("reference/coca_cultivation_peru.csv"))
    target = data_file("datapackage.json").parent / "coca_cultivation.csv"
    mark_preferred(reference).to_csv(target, index=False, lineterminator="\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
