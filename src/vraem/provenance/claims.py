"""Whether each claim traces to its article's words: ``claim_problems(load_claims())`` is ``[]`` when all do.

For each row: the quote is in its article, the number reads from the quote, the hedge
is in the quote and none before the number is left out, the section and the source
are coded by the table's own rules, and a fact check has its note and an address
the reference notes cite.
"""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import _
from ..numbers import parse_quantity
from ..scrape import clean_line
from .texts import article_texts, at, news_texts, reference_text

#: Words that soften a figure when they stand right before it, longest first.
HEDGE_WORDS = (
    "an estimated",
    "estimated",
    "more than",
    "at least",
    "up to",
    "approximately",
    "around",
    "about",
    "nearly",
    "almost",
    "some",
    "over",
    "roughly",
    "between",
)
_RELATIVE_TOLERANCE = 1e-3
#: Words that show which way a reported change goes.
DIRECTION_WORDS = {
    "up": re.compile(r"\b(increas|grew|grow|rose|rise|risen|up\b)"),
    "down": re.compile(r"\b(fell|fall|drop|decreas|declin|down\b|reduc)"),
}


#: Fact-check labels that need the address of the source that says otherwise.
FACT_CHECKS_NEEDING_A_SOURCE = ("contradicted", "disputed")


def _blank(value) -> bool:
    return pd.isna(value) or not str(value).strip()


def _coding_problems(row, text: str, news: str) -> list[str]:
    """The table's own coding rules: section, source type, attribution wording, periods."""
    problems = []
    section = "news" if clean_line(row.quote) in news else "analysis"
    if row.section != section:
        problems.append(
            _(
                "the quote stands in the {part} part of the article, but section is {section}"
            ).format(part=section, section=repr(row.section))
        )
    # an unsourced figure is "unattributed" in a news report and the outlet's own in its analysis
    own_voice = {
        "the outlet itself": ("InSight Crime", "analysis"),
        "unattributed": ("unattributed", "news"),
    }
    if row.source_type in own_voice:
        name, part = own_voice[row.source_type]
        if row.attributed_to != name or row.section != part:
            problems.append(
                _(
                    "source_type {source_type} goes with attributed_to {name} in the {part} section"
                ).format(source_type=repr(row.source_type), name=repr(name), part=part)
            )
    elif row.attributed_to in ("InSight Crime", "unattributed"):
        problems.append(
            _("attributed_to {name} needs the matching source_type").format(
                name=repr(row.attributed_to)
            )
        )
    else:
        name = row.attributed_to.split(" (")[0].split(", reported by")[0]
        if name.lower().startswith("according to"):
            problems.append(_('attributed_to names the source, without "according to"'))
        elif name.lower() not in text.lower():
            problems.append(
                _("attributed_to {name} is not in the article's words").format(name=repr(name))
            )
    problems += _period_problems(row)
    return problems


def _period_problems(row) -> list[str]:
    """A date must be the year its period gives; a number of days must span its period."""
    period = str(row.reference_period)
    if row.unit == "calendar year" and not (
        not pd.isna(row.value) and period[:4] == f"{int(row.value)}"
    ):
        return [
            _("the year {value:g} is not the year of reference_period {period}").format(
                value=row.value, period=repr(period)
            )
        ]
    if row.unit == "days" and not pd.isna(row.value):
        ends = period.split("/")
        if len(ends) != 2 or not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", end) for end in ends):
            return [
                _(
                    "a duration of {value:g} days needs the days it covers as reference_period (A/B)"
                ).format(value=row.value)
            ]
        span = (pd.Timestamp(ends[1]) - pd.Timestamp(ends[0])).days + 1
        if span != row.value:
            return [
                _("reference_period {period} spans {span} days, not {value:g}").format(
                    period=period, span=span, value=row.value
                )
            ]
    return []


def _fact_check_problems(row, reference: str) -> list[str]:
    """A fact check needs our note, and its address must be one the reference notes cite."""
    if _blank(row.fact_check):
        if not (_blank(row.fact_check_note) and _blank(row.fact_check_url)):
            return [_("fact_check_note and fact_check_url must be empty when fact_check is")]
        return []
    problems = []
    if _blank(row.fact_check_note):
        problems.append(
            _("fact_check {verdict} needs a fact_check_note").format(verdict=repr(row.fact_check))
        )
    if _blank(row.fact_check_url):
        if row.fact_check in FACT_CHECKS_NEEDING_A_SOURCE:
            problems.append(
                _("fact_check {verdict} needs the address of its source").format(
                    verdict=repr(row.fact_check)
                )
            )
    elif row.fact_check_url not in reference:
        problems.append(_("fact_check_url is not an address cited in reference/context_facts.md"))
    return problems


def close_to_recorded(parsed: float | None, recorded) -> bool:
    """Whether a number read from the words is the row's recorded value (within 0.1 %; both missing counts)."""
    if parsed is None:
        return pd.isna(recorded)
    return not pd.isna(recorded) and abs(parsed - recorded) <= _RELATIVE_TOLERANCE * max(
        1, abs(parsed)
    )


def hedge_before(quote: str, value_text: str) -> str | None:
    """Return the hedge word standing right before ``value_text`` in ``quote``, if any."""
    position = quote.find(value_text)
    before = quote[:position].lower().rstrip(" (")
    for word in HEDGE_WORDS:
        if re.search(rf"\b{re.escape(word)}$", before):
            return word
    return None


def claim_problems(claims: pd.DataFrame) -> list[str]:
    """List every way the claims table fails to trace back to the articles."""
    texts, news, reference = article_texts(), news_texts(), reference_text()
    problems = []
    for row in claims.itertuples(index=False):
        where = f"claims.csv {row.claim_id}"
        quote = clean_line(row.quote)
        if row.article_id not in texts:
            problems.append(
                at(
                    where,
                    _("article {article} does not exist").format(article=repr(row.article_id)),
                )
            )
            continue
        if quote not in texts[row.article_id]:
            problems.append(
                at(
                    where,
                    _("the quote is not in the text of article {article}").format(
                        article=row.article_id
                    ),
                )
            )
        problems += [
            at(where, problem)
            for problem in _coding_problems(row, texts[row.article_id], news[row.article_id])
        ]
        problems += [at(where, problem) for problem in _fact_check_problems(row, reference)]
        if row.value_text not in quote:
            problems.append(
                at(
                    where,
                    _("value_text {value_text} is not in the quote").format(
                        value_text=repr(row.value_text)
                    ),
                )
            )
        try:
            low, high = parse_quantity(row.value_text)
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
                            "{value_text} reads as {low}–{high}, but the row says {row_low}–{row_high}"
                        ).format(
                            value_text=repr(row.value_text),
                            low=low,
                            high=high,
                            row_low=row.value_low,
                            row_high=row.value_high,
                        ),
                    )
                )
            single = low == high
            if single and not close_to_recorded(low, row.value):
                problems.append(
                    at(
                        where,
                        _("value {value} is not what {value_text} says").format(
                            value=row.value, value_text=repr(row.value_text)
                        ),
                    )
                )
            if not single and not pd.isna(row.value):
                problems.append(at(where, _("a range or a vague quantity must leave value empty")))
        if row.hedge != "none" and row.hedge.lower() not in quote.lower():
            problems.append(
                at(where, _("the hedge {hedge} is not in the quote").format(hedge=repr(row.hedge)))
            )
        if row.measure.endswith("_change"):
            pattern = DIRECTION_WORDS.get(row.direction if isinstance(row.direction, str) else "")
            if pattern is None or not pattern.search(quote.lower()):
                problems.append(
                    at(where, _("a change needs a direction (up/down) that its quote bears out"))
                )
        spotted = hedge_before(quote, row.value_text)
        if spotted and spotted.replace("an ", "") not in row.hedge:
            problems.append(
                at(
                    where,
                    _("the quote says {spotted} before the figure, but hedge is {hedge}").format(
                        spotted=repr(spotted), hedge=repr(row.hedge)
                    ),
                )
            )
    return problems
