"""Reading a Cohen's kappa by a published convention: ``kappa_reading(0.72)`` is ``"substantial"``.

The bands are Landis and Koch's (1977), read from the course's reference notes,
item (m), never typed in here: a corrected note corrects the reading. The scale
is a convention, not a test. It names a range of kappa; it does not say whether
an agreement is good enough for a purpose, and the lessons say so where they use it.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from .i18n import N_, _
from .paths import read_data_text

#: What a lesson says beside a reading, so that the source and its status travel with it
#: (marked for translation: show it as ``_(CONVENTION)``).
CONVENTION = N_(
    "Landis and Koch's (1977) bands, a convention, not a test "
    "(data/reference/context_facts.md, item (m))"
)

_BAND = re.compile(
    r"(?:<\s*(?P<below>-?\d+(?:\.\d+)?)|(?P<low>\d\.\d+)–(?P<high>\d\.\d+))\s+(?P<label>[a-z][a-z ]*)"
)


def kappa_scale() -> pd.DataFrame:
    """The scale as a table, one row per band (``low``, ``high``, ``label``), from reference item (m).

    The notes write it on one line: ``< 0 poor; 0.00–0.20 slight; … 0.81–1.00 almost perfect``.
    The band "below 0" has ``low`` minus infinity.
    """
    text = read_data_text("reference/context_facts.md")
    item = text.split("## (m)", 1)[-1].split("\n## ", 1)[0] if "## (m)" in text else ""
    line = next((line for line in item.splitlines() if line.strip().startswith("<")), None)
    if line is None:
        raise ValueError(
            _(
                "data/reference/context_facts.md has no item (m) with Landis and Koch's scale "
                "for kappa: restore the file from the course's reference notes"
            )
        )
    rows = []
    for part in line.split(";"):
        found = _BAND.search(part.strip())
        if found is None:
            raise ValueError(
                _("reference item (m): cannot read the band {band}").format(band=repr(part.strip()))
            )
        if found["below"] is not None:
            rows.append((-math.inf, float(found["below"]), found["label"].strip()))
        else:
            rows.append((float(found["low"]), float(found["high"]), found["label"].strip()))
    return pd.DataFrame(rows, columns=["low", "high", "label"])


def kappa_reading(kappa: float) -> str:
    """The band a kappa falls in: ``kappa_reading(0.55)`` is ``"moderate"``.

    The published bands are written to two decimals (0.41–0.60, 0.61–0.80), so a
    kappa between two of them (0.605) goes to the higher band: each band runs
    up to and including its upper end. A missing kappa gives ``"undefined"``.
    """
    if kappa is None or pd.isna(kappa):
        return "undefined"
    scale = kappa_scale()
    if kappa < scale["high"].iloc[0]:  # the band below 0 has no lower end
        return scale["label"].iloc[0]
    for high, label in zip(scale["high"].iloc[1:], scale["label"].iloc[1:], strict=True):
        if kappa <= high:
            return label
    return scale["label"].iloc[
        -1
    ]  # kappa cannot exceed 1; a rounding slip above it is still the top band
