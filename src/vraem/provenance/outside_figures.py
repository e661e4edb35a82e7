"""Whether each outside figure traces to the reference notes: ``outside_figure_problems(load_outside_figures())``."""

from __future__ import annotations

import re

import pandas as pd

from ..scrape import clean_line
from .claims import close_to_recorded
from .texts import reference_addresses, reference_sections, reference_text

#: Hedges the outside sources write right before a figure, English and Spanish, longest first.
OUTSIDE_HEDGE_WORDS = (
    "no more than",
    "as much as",
    "an estimated",
    "aproximadamente",
    "alrededor de",
    "approximately",
    "more than",
    "at least",
    "al menos",
    "más de",
    "estimated",
    "up to",
    "around",
    "about",
    "nearly",
    "almost",
    "roughly",
    "some",
    "unos",
    "casi",
    "over",
)


def _hedge_right_before(excerpt: str, value_text: str) -> str | None:
    """The hedge standing right before the figure in an outside excerpt, if any."""
    match = re.search(rf"(?<![\d.,]){re.escape(value_text)}(?![\d])", excerpt)
    before = excerpt[: match.start() if match else 0].lower().rstrip(" (")
    for word in OUTSIDE_HEDGE_WORDS:
        if re.search(rf"(?:^|\s){re.escape(word)}$", before):
            return word
    return None


def outside_figure_problems(figures: pd.DataFrame) -> list[str]:
    """List every way the outside figures fail to trace back to the course's reference notes.

    ``outside_figure_problems(load_outside_figures())`` is ``[]`` when, for every
    row: the excerpt is in reference/context_facts.md, in the item the row names;
    the address is one the reference folder cites (or the row says the notes give
    none); the number is written in the excerpt and reads, in the excerpt's
    language, as the row's value; the hedge is in the excerpt, the rule knows it,
    and no hedge right before the number is left out; a figure dated by its
    publication has that date; and a source that is, or cites, InSight Crime is
    marked circular (and only such a source).
    """
    from ..intervals import hedge_kind
    from ..numbers import parse_figure

    reference, sections, addresses = reference_text(), reference_sections(), reference_addresses()
    problems = []
    for row in figures.itertuples(index=False):
        where = f"outside_figures.csv {row.figure_id}"
        excerpt = clean_line(row.excerpt)
        if excerpt not in reference:
            problems.append(f"{where}: the excerpt is not in reference/context_facts.md")
        elif excerpt not in sections.get(row.reference_item, ""):
            problems.append(
                f"{where}: the excerpt is not in item {row.reference_item} of the reference notes"
            )
        url = "" if pd.isna(row.source_url) else str(row.source_url).strip()
        if url and url not in addresses:
            problems.append(f"{where}: source_url is not an address cited in data/reference/")
        if (
            not url
            and "no address" not in str(row.note)
            and "no title or address" not in str(row.note)
        ):
            problems.append(
                f"{where}: a row without source_url must say in note that the notes give no address"
            )
        if not re.search(rf"(?<![\d.,]){re.escape(row.value_text)}(?![\d])", excerpt):
            problems.append(f"{where}: value_text {row.value_text!r} is not in the excerpt")
        language = "en" if row.language == "ar" else row.language  # the notes translate the Arabic
        try:
            low, high = parse_figure(row.value_text, language)
        except ValueError as error:
            problems.append(f"{where}: {error}")
        else:
            if not (
                close_to_recorded(low, row.value_low) and close_to_recorded(high, row.value_high)
            ):
                problems.append(
                    f"{where}: {row.value_text!r} reads ({row.language}) as {low}–{high}, but the "
                    f"row says {row.value_low}–{row.value_high}"
                )
            if low == high and not close_to_recorded(low, row.value):
                problems.append(f"{where}: value {row.value} is not what {row.value_text!r} says")
            if low != high and not pd.isna(row.value):
                problems.append(f"{where}: a range must leave value empty")
        if row.hedge != "none" and row.hedge.lower() not in excerpt.lower():
            problems.append(f"{where}: the hedge {row.hedge!r} is not in the excerpt")
        try:
            hedge_kind(row.hedge)
        except ValueError as error:
            problems.append(f"{where}: {error}")
        spotted = _hedge_right_before(excerpt, row.value_text)
        if spotted and spotted.replace("an ", "") not in row.hedge.lower():
            problems.append(
                f"{where}: the excerpt says {spotted!r} before the figure, but hedge is {row.hedge!r}"
            )
        published = "" if pd.isna(row.published) else str(row.published)
        if row.reference_basis == "publication" and not (
            published and published.startswith(row.reference_period)
        ):
            problems.append(
                f"{where}: a period taken from the publication date must be that date "
                f"(published {published or 'unknown'}, reference_period {row.reference_period})"
            )
        cites_insight = "insight crime" in excerpt.lower() or "insightcrime" in url.lower()
        if cites_insight and not row.circular:
            problems.append(
                f"{where}: the source is or cites InSight Crime, so circular must be true"
            )
        if bool(row.circular) != (row.status == "only from InSight Crime"):
            problems.append(f"{where}: circular and status 'only from InSight Crime' go together")
    return problems
