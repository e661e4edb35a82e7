"""Whether each outside figure traces to the reference notes: ``outside_figure_problems(load_outside_figures())``."""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import _
from ..scrape import clean_line
from .claims import close_to_recorded
from .texts import at, reference_addresses, reference_sections, reference_text

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
            problems.append(at(where, _("the excerpt is not in reference/context_facts.md")))
        elif excerpt not in sections.get(row.reference_item, ""):
            problems.append(
                at(
                    where,
                    _("the excerpt is not in item {item} of the reference notes").format(
                        item=row.reference_item
                    ),
                )
            )
        url = "" if pd.isna(row.source_url) else str(row.source_url).strip()
        if url and url not in addresses:
            problems.append(at(where, _("source_url is not an address cited in data/reference/")))
        if (
            not url
            and "no address" not in str(row.note)
            and "no title or address" not in str(row.note)
        ):
            problems.append(
                at(
                    where,
                    _("a row without source_url must say in note that the notes give no address"),
                )
            )
        if not re.search(rf"(?<![\d.,]){re.escape(row.value_text)}(?![\d])", excerpt):
            problems.append(
                at(
                    where,
                    _("value_text {value_text} is not in the excerpt").format(
                        value_text=repr(row.value_text)
                    ),
                )
            )
        language = "en" if row.language == "ar" else row.language  # the notes translate the Arabic
        try:
            low, high = parse_figure(row.value_text, language)
        except ValueError as error:
            problems.append(at(where, str(error)))
        else:
            if not (
                close_to_recorded(low, row.value_low) and close_to_recorded(high, row.value_high)
            ):
                problems.append(
                    at(
                        where,
                        _(
                            "{value_text} reads ({language}) as {low}–{high}, but the row says "
                            "{row_low}–{row_high}"
                        ).format(
                            value_text=repr(row.value_text),
                            language=row.language,
                            low=low,
                            high=high,
                            row_low=row.value_low,
                            row_high=row.value_high,
                        ),
                    )
                )
            if low == high and not close_to_recorded(low, row.value):
                problems.append(
                    at(
                        where,
                        _("value {value} is not what {value_text} says").format(
                            value=row.value, value_text=repr(row.value_text)
                        ),
                    )
                )
            if low != high and not pd.isna(row.value):
                problems.append(at(where, _("a range must leave value empty")))
        if row.hedge != "none" and row.hedge.lower() not in excerpt.lower():
            problems.append(
                at(
                    where,
                    _("the hedge {hedge} is not in the excerpt").format(hedge=repr(row.hedge)),
                )
            )
        try:
            hedge_kind(row.hedge)
        except ValueError as error:
            problems.append(at(where, str(error)))
        spotted = _hedge_right_before(excerpt, row.value_text)
        if spotted and spotted.replace("an ", "") not in row.hedge.lower():
            problems.append(
                at(
                    where,
                    _("the excerpt says {spotted} before the figure, but hedge is {hedge}").format(
                        spotted=repr(spotted), hedge=repr(row.hedge)
                    ),
                )
            )
        published = "" if pd.isna(row.published) else str(row.published)
        if row.reference_basis == "publication" and not (
            published and published.startswith(row.reference_period)
        ):
            message = (
                _(
                    "a period taken from the publication date must be that date "
                    "(published {published}, reference_period {period})"
                )
                if published
                else _(
                    "a period taken from the publication date must be that date "
                    "(the publication date is unknown, reference_period {period})"
                )
            )
            problems.append(
                at(where, message.format(published=published, period=row.reference_period))
            )
        cites_insight = "insight crime" in excerpt.lower() or "insightcrime" in url.lower()
        if cites_insight and not row.circular:
            problems.append(
                at(where, _("the source is or cites InSight Crime, so circular must be true"))
            )
        if bool(row.circular) != (row.status == "only from InSight Crime"):
            problems.append(
                at(
                    where,
                    _("circular and status {status} go together").format(
                        status="'only from InSight Crime'"
                    ),
                )
            )
    return problems
