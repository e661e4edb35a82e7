"""Hedged figures as intervals, and the rule that says whether two figures can both hold.

``hedge_interval(70, 70, "nearly")`` is ``(63.0, 70.0)``: the course reads every
hedge by one written rule (:data:`HEDGE_RULES`), so two readers turn the same
words into the same interval. The rule is a convention, not a fact about the
world: a writer who says "around 500" promises no margin at all. Writing the
margin down makes comparisons repeatable, and lets anyone see what would change
under another margin.

``compare(a, b)`` then says whether two figures (rows of a line-up table, see
:func:`vraem.outside.lineup`) are consistent, contradict each other, or do not
measure the same thing at the same time and place. A share written as a fraction
and one written in percent are one quantity: they are put on one scale first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .i18n import _

#: How far an approximate figure may be from the truth, either way (10 %): the
#: same margin lesson 03 allows a hedged figure against the survey series.
APPROXIMATE_MARGIN = 0.10

AS_STATED, APPROXIMATE, BELOW = "as stated", "10 % either side", "up to 10 % below"
FLOOR, CEILING = "the figure or more", "the figure or less"
#: Every hedge the tables use, with how the rule reads it. Spanish hedges are
#: read like their English twins ("unos" is "some", "casi" is "nearly").
HEDGE_RULES: dict[str, str] = {
    "none": AS_STATED,
    "between": AS_STATED,
    "around": APPROXIMATE,
    "about": APPROXIMATE,
    "some": APPROXIMATE,
    "approximately": APPROXIMATE,
    "roughly": APPROXIMATE,
    "estimated": APPROXIMATE,
    "an estimated": APPROXIMATE,
    "estimate": APPROXIMATE,
    "aproximadamente": APPROXIMATE,
    "unos": APPROXIMATE,
    "alrededor de": APPROXIMATE,
    "nearly": BELOW,
    "almost": BELOW,
    "casi": BELOW,
    "at least": FLOOR,
    "more than": FLOOR,
    "over": FLOOR,
    "al menos": FLOOR,
    "más de": FLOOR,
    "no more than": CEILING,
    "up to": CEILING,
    "as much as": CEILING,
    "at most": CEILING,
}

CONSISTENT, CONTRADICTION = "consistent", "contradiction"
DIFFERENT_THING, DIFFERENT_TIME, TIME_UNKNOWN = (
    "different thing measured",
    "different time",
    "time unknown",
)
#: The three verdicts for two figures of the same time (exercise 4.6).
VERDICTS = (CONSISTENT, CONTRADICTION, DIFFERENT_THING)
#: Units that write one quantity on different scales, with the unit the rule compares them in and
#: the factor to it: a share written as a fraction ("a third", 0.3333) is the same quantity as a
#: share written in percent (33.3 %), so the two are compared, not called different things.
SAME_QUANTITY: dict[str, tuple[str, float]] = {"fraction": ("percent", 100.0)}
#: Places the rule treats as one: the VRAE became the VRAEM in 2012, when the
#: Mantaro valley was added, so the two names cover nearly the same valleys.
SAME_AREA = {"VRAE": "VRAE(M)", "VRAEM": "VRAE(M)"}


def hedge_kind(hedge: str) -> str:
    """Say how the rule reads a hedge: ``hedge_kind("Some")`` is ``"10 % either side"``.

    Raises ``ValueError`` for a hedge the rule does not know yet, so that a new
    word in the data is read on purpose, not by accident.
    """
    key = " ".join(str(hedge).lower().split())
    if key not in HEDGE_RULES:
        raise ValueError(
            _("the interval rule does not know the hedge {hedge}; add it to HEDGE_RULES").format(
                hedge=repr(hedge)
            )
        )
    return HEDGE_RULES[key]


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def hedge_interval(low, high, hedge: str) -> tuple[float | None, float | None]:
    """Turn a figure and its hedge into the interval the rule allows; ``None`` is an open end.

    ``low`` and ``high`` are the figure's ends as the text gives them (the same
    number twice for a single figure; ``high`` missing for a vague quantity).

    The rule:

    - **no hedge, or "between"**: the figure (or range) as stated;
    - **approximate** ("around", "about", "some", "an estimated", "unos"…):
      10 % either side, 450–550 for "around 500";
    - **"nearly", "almost", "casi"**: up to 10 % below, and not above: 63–70 for "nearly 70";
    - **"at least", "more than", "al menos"**: the figure and anything above (open upper end);
    - **"no more than", "up to", "as much as"**: anything up to the figure (open lower end);
    - a **range** with an approximate hedge ("some 200-300") widens both ends: 180–330.
    A vague quantity ("several", "hundreds") has only a lower end in the data, so
    its interval is open above whatever the hedge.
    """
    kind = hedge_kind(hedge)
    low = None if _missing(low) else float(low)
    high = None if _missing(high) else float(high)
    if low is None and high is None:
        raise ValueError(_("a figure needs at least one end"))
    if kind == FLOOR:
        return low if low is not None else high, None
    if kind == CEILING:
        return None, high if high is not None else low
    if kind == APPROXIMATE:
        low = None if low is None else low * (1 - APPROXIMATE_MARGIN)
        high = None if high is None else high * (1 + APPROXIMATE_MARGIN)
    elif kind == BELOW:
        low = None if low is None else low * (1 - APPROXIMATE_MARGIN)
    return low, high


def add_intervals(table: pd.DataFrame) -> pd.DataFrame:
    """Return ``table`` with ``interval_low`` and ``interval_high`` from ``value_low``, ``value_high`` and ``hedge``.

    An open end is an empty value (``<NA>``): "more than 20,000" has no
    ``interval_high``.
    """
    ends = [hedge_interval(row.value_low, row.value_high, row.hedge) for row in table.itertuples()]
    result = table.copy()
    result["interval_low"] = pd.array([low for low, _ in ends], dtype="Float64")
    result["interval_high"] = pd.array([high for _, high in ends], dtype="Float64")
    return result


def overlaps(a_low, a_high, b_low, b_high) -> bool:
    """Can two intervals both hold? Open ends (``None`` or missing) reach to infinity."""
    a_low, b_low = (-math.inf if _missing(x) else float(x) for x in (a_low, b_low))
    a_high, b_high = (math.inf if _missing(x) else float(x) for x in (a_high, b_high))
    return a_low <= b_high and b_low <= a_high


_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def period_bounds(period: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The first and last day a reference period covers: ``period_bounds("2012-07")``.

    ``"2012"`` runs from 1 January to 31 December 2012, ``"2012-07"`` through
    July, ``"2011-09/2011-10"`` from the start of one to the end of the other.
    ``"unknown"`` (or an empty value) gives ``(None, None)``.
    """
    if _missing(period) or str(period).strip() in ("", "unknown"):
        return None, None
    parts = str(period).strip().split("/")
    if len(parts) > 2 or not all(_PERIOD.match(part) for part in parts):
        raise ValueError(
            _("{period} is not a period like 2012, 2012-07, 2012-07-19 or 2011/2012").format(
                period=repr(period)
            )
        )
    start = pd.Timestamp(parts[0])
    last = parts[-1]
    end = pd.Timestamp(last)
    if len(last) == 4:
        end = end + pd.offsets.YearEnd(0)
    elif len(last) == 7:
        end = end + pd.offsets.MonthEnd(0)
    return start, end


def add_periods(table: pd.DataFrame) -> pd.DataFrame:
    """Return ``table`` with ``period_start``, ``period_end`` and ``period_middle`` (dates).

    The middle is where a chart places a figure; an unknown period gives empty
    dates (``NaT``), and such a figure cannot be placed in time.
    """
    bounds = [period_bounds(period) for period in table["reference_period"]]
    result = table.copy()
    result["period_start"] = pd.to_datetime(
        pd.Series([s for s, _ in bounds], index=table.index, dtype=object)
    )
    result["period_end"] = pd.to_datetime(
        pd.Series([e for _, e in bounds], index=table.index, dtype=object)
    )
    result["period_middle"] = (
        result["period_start"] + (result["period_end"] - result["period_start"]) / 2
    )
    return result


def age_in_years(published, period_end) -> float | None:
    """How old a figure was when published: publication year minus the period's last year.

    ``None`` when either date is unknown. A figure dated by its publication
    (``reference_basis`` "publication") is 0 by construction, however old the
    number really is.
    """
    if _missing(published) or _missing(period_end):
        return None
    return float(pd.Timestamp(published).year - pd.Timestamp(period_end).year)


def same_area(place_a: str, place_b: str) -> bool:
    """Do two places count as one area? ``same_area("VRAE", "VRAEM")`` is True (see :data:`SAME_AREA`)."""
    return SAME_AREA.get(place_a, place_a) == SAME_AREA.get(place_b, place_b)


def in_common_unit(unit: str, low, high) -> tuple[str, float | None, float | None]:
    """A figure's unit and ends on the scale the rule compares: ``in_common_unit("fraction", 0.3333, 0.3333)``.

    Gives ``("percent", 33.33, 33.33)``; a unit not in :data:`SAME_QUANTITY` comes
    back as it is. Missing ends stay missing.
    """
    common, factor = SAME_QUANTITY.get(unit, (unit, 1.0))

    def scaled(value):
        return None if _missing(value) else float(value) * factor

    return common, scaled(low), scaled(high)


def same_years(period_a: str, period_b: str) -> bool | None:
    """Do two reference periods share a calendar year? ``None`` when either is unknown.

    The rule compares years, not days: "2012-05" and "2012-10" count as the same
    time. These figures are too rough for a finer comparison.
    """
    (start_a, end_a), (start_b, end_b) = period_bounds(period_a), period_bounds(period_b)
    if start_a is None or start_b is None:
        return None
    return start_a.year <= end_b.year and start_b.year <= end_a.year


@dataclass(frozen=True)
class Comparison:
    """The verdict on two figures, and why."""

    verdict: str
    reason: str


def compare(a, b) -> Comparison:
    """Say whether two figures (rows with the line-up's columns) can both hold.

    The rule, in order:

    1. **Same thing?** A different measure or unit, or a different place, is a
       *different thing measured*: no verdict on the numbers. Units that write one
       quantity on two scales (a fraction and a percent, :data:`SAME_QUANTITY`) are
       first put on one scale: "nearly a third" is compared with 32.2 %.
    2. **Same time?** Reference periods with no calendar year in common are a
       *different time*; an unknown period gives *time unknown*.
    3. **Both possible?** When the hedged intervals overlap the figures are
       *consistent*, otherwise a *contradiction*.

    A verdict of *consistent* says the two figures can both be true; it does not
    say either is. Definitions (what exactly is counted, in ``counted`` for the
    outside figures) and who counts can still differ: the reason says so when the
    words differ.
    """

    def name(row):
        return row["measure"].replace("_", " ") + f" ({row['unit']})"

    against = _("{first} against {second}")

    (unit_a, *ends_a), (unit_b, *ends_b) = (
        in_common_unit(row["unit"], row["value_low"], row["value_high"]) for row in (a, b)
    )
    if a["measure"] != b["measure"] or unit_a != unit_b:
        return Comparison(DIFFERENT_THING, against.format(first=name(a), second=name(b)))
    if not same_area(a["place"], b["place"]):
        return Comparison(DIFFERENT_THING, against.format(first=a["place"], second=b["place"]))
    time = same_years(a["reference_period"], b["reference_period"])
    if time is None:
        return Comparison(TIME_UNKNOWN, _("at least one figure has no reference period"))
    if not time:
        return Comparison(
            DIFFERENT_TIME,
            against.format(first=a["reference_period"], second=b["reference_period"]),
        )
    ends = [hedge_interval(*values, row["hedge"]) for values, row in ((ends_a, a), (ends_b, b))]
    both = overlaps(*ends[0], *ends[1])
    first, second = (_interval_text(low, high) for low, high in ends)
    reason = (
        _("intervals {first} and {second} overlap")
        if both
        else _("intervals {first} and {second} do not overlap")
    ).format(first=first, second=second)
    if a["unit"] != b["unit"]:
        reason = _("{reason} (both in {unit}: the {other} converted)").format(
            reason=reason, unit=unit_a, other=a["unit"] if a["unit"] != unit_a else b["unit"]
        )
    counted = [row.get("counted") for row in (a, b)]
    if all(isinstance(words, str) and words for words in counted) and counted[0] != counted[1]:
        reason = _("{reason}; but one counts {first}, the other {second}").format(
            reason=reason, first=repr(counted[0]), second=repr(counted[1])
        )
    return Comparison(CONSISTENT if both else CONTRADICTION, reason)


def _interval_text(low, high) -> str:
    def show(value):
        return (
            f"{value:,.4g}"
            if value < 1
            else f"{value:,.0f}"
            if float(value).is_integer()
            else f"{value:,.1f}"
        )

    if low is None:
        return _("up to {value}").format(value=show(high))
    if high is None:
        return _("{value} or more").format(value=show(low))
    return show(low) if low == high else f"{show(low)}–{show(high)}"
