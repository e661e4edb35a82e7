"""The official coca cultivation series: ``load_coca_series()`` for the preferred rows."""

from __future__ import annotations

import re

import pandas as pd

from .paths import data_file
from .tables import read_table

#: Publishers whose rows are the official release rather than a copy of it.
OFFICIAL_PUBLISHER = re.compile(r"^(UNODC|UN Information Service|DEVIDA)")
#: Where sources disagree on the national total, the reference README names the
#: values used in later official reporting.
LATER_OFFICIAL_VALUES = {(2011, "Peru (national)"): 62500, (2021, "Peru (national)"): 80681}
REFERENCE_COLUMNS = ["year", "region", "hectares", "source_title", "source_publisher",
                     "source_url", "excerpt"]


def mark_preferred(reference: pd.DataFrame) -> pd.DataFrame:
    """Add ``preferred`` and ``preferred_reason`` to the reference rows.

    One row per (year, region) is preferred: the only row; else the value
    that later official reporting uses; else the official release over a
    wire or blog copy; else the first row. This is how
    ``data/coca_cultivation.csv`` is made from
    ``data/reference/coca_cultivation_peru.csv`` (``python -m vraem.series``).
    """
    table = reference[REFERENCE_COLUMNS].copy()
    table["preferred"] = False
    table["preferred_reason"] = ""
    for (year, region), group in table.groupby(["year", "region"], sort=False):
        official = group["source_publisher"].str.match(OFFICIAL_PUBLISHER)
        values = group["hectares"].nunique()
        if len(group) == 1:
            choice, reason = group.index[0], "the only source for this year and region"
        elif (year, region) in LATER_OFFICIAL_VALUES:
            wanted = LATER_OFFICIAL_VALUES[(year, region)]
            choice = group.index[group["hectares"] == wanted][0]
            reason = (f"sources disagree ({values} values); {wanted:,} is the value used in "
                      "later official reporting")
        elif official.any():
            choice = group.index[official][0]
            reason = ("sources disagree; the official UNODC/DEVIDA release is preferred over "
                      "a copy" if values > 1 else
                      "all sources give this value; the official release is preferred")
        else:
            choice = group.index[0]
            reason = "all sources are copies of the same value; the first is kept"
        table.loc[choice, "preferred"] = True
        table.loc[group.index, "preferred_reason"] = reason
        for other in group.index.drop(choice):
            table.loc[other, "preferred_reason"] = "another row is preferred: " + reason
    return table


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


def main() -> None:
    """Rewrite data/coca_cultivation.csv from the reference copy."""
    reference = pd.read_csv(data_file("reference/coca_cultivation_peru.csv"))
    target = data_file("datapackage.json").parent / "coca_cultivation.csv"
    mark_preferred(reference).to_csv(target, index=False, lineterminator="\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
