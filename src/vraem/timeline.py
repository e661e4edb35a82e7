"""The policy and security timeline: ``load_events()``."""

from __future__ import annotations

import pandas as pd

from .datacache import remembered
from .tables import read_table


@remembered
def load_events() -> pd.DataFrame:
    """Return ``data/events.csv``, one dated event per row, oldest first.

    ``load_events().query("type == 'legal'")`` is the state-of-emergency
    history. ``date`` is as precise as the source allows (see
    ``date_precision``); ``start`` is that date as a timestamp at the start of
    the day, month or year, for charts.
    """
    events = read_table("events")
    events["start"] = pd.to_datetime(events["date"], format="mixed")
    return events
