"""Exercises 4.5 to 4.7 of lesson 04: a figure told twice, pairs of figures, three decades of emergency.

The keys are in :mod:`.data`: what the earlier cocaine figure says about the
later one, the rule's verdict on each pair, and what the data lets a reader
say about "more than three decades".
"""

from __future__ import annotations

from ...answers import Choice, Labels
from ...intervals import CONSISTENT, VERDICTS
from .. import Exercise, Misreading, register
from ..shapes import wrong_label
from .data import PAIRS, cocaine_repeat_key, emergency_key, pair_verdicts

register(
    Exercise(
        id="4.5",
        title="The 80 tons, told twice",
        answer=Choice(
            options={
                "a": "A second, independent estimate confirms the figure.",
                "b": "The figure the blog credits to InSight Crime, again two months later, now with no source named.",
                "c": "A new estimate for a later year, which happens to give the same number.",
                "d": "A contradiction: the two hedges give intervals that cannot both hold.",
            },
            why_not={
                "a": "Who is CounterVortex's source for the 80 tons? Read the attributed_to and independent "
                "columns of its row, and the reference note shown above the exercise.",
                "b": "Compare the two rows' sources and dates again: who stands behind each, and when?",
                "c": "Compare the reference periods: both figures are dated by their publication, two months apart "
                "in the same year, and the article gives no new source or method.",
                "d": "Work out both intervals with the rule ('around' and 'some' read the same way): do they overlap?",
            },
        ),
        expected=cocaine_repeat_key,
        look_again="Compare the two rows: their values, their periods, their sources and their attribution.",
        hints=(
            'figures[figures["measure"] == "cocaine_production"] has the rows; find the two that say 80 '
            "and compare published, attributed_to and independent.",
            "Recycling: the same value at a later date, with the attribution changed or dropped.",
        ),
    )
)


#: A pointer for each pair of 4.6, shown whatever wrong label it was given. Each names the pair's two
#: figures and what to read, and asks the three questions; none says how the two figures differ, so
#: none gives the label away.
PAIR_POINTERS = {
    "P1": "P1 ({a} and {b}): compare the two rows' measure, unit, place and reference period, then work "
    "out both intervals with the rule.",
    "P2": "P2 ({a} and {b}): read each row's measure and excerpt (a share of what, where, in which "
    "year?), then work out the interval of each hedge with the rule.",
    "P3": "P3 ({a} and {b}): read each row's measure and excerpt (a share of what, where, in which "
    "year?) before you compare the numbers.",
    "P4": "P4 ({a} and {b}): compare the measure, the unit and the place column by column, and the "
    "reference periods, before the numbers.",
    "P5": "P5 ({a} and {b}): 'al menos' means 'at least'. Compare what each row counts, where and "
    "when (read the excerpts), then work out both intervals.",
    "P6": "P6 ({a} and {b}): compare what each row counts, where and when (read the excerpts), then work "
    "out both intervals: a count with no hedge is an interval of one value.",
}


def _pointer(pair: str) -> Misreading:
    first, second = PAIRS[pair]
    return wrong_label(
        pair,
        "Look again at " + PAIR_POINTERS[pair].format(a=first, b=second),
        labels=VERDICTS,
        prefer=CONSISTENT,
        summary=f"a wrong label for {pair}",
    )


register(
    Exercise(
        id="4.6",
        title="Consistent, contradictory, or not the same thing?",
        answer=Labels(VERDICTS, key="pair", label="verdict"),
        expected=pair_verdicts,
        look_again=(
            "For each pair, ask in order: the same measure, unit and place? Then: can the two intervals "
            "both hold?"
        ),
        hints=(
            "Start with the measure and unit of each figure, then the place: any difference means a different "
            "thing measured, whatever the numbers.",
            "Only then compare the intervals (interval_low, interval_high): an open end reaches as far as you like.",
            "Spanish hedges read like English ones: 'al menos' is 'at least'.",
        ),
        # every wrong pair gets its own pointer (the check lists them all)
        misreadings=tuple(_pointer(pair) for pair in PAIRS),
    )
)

register(
    Exercise(
        id="4.7",
        title="More than three decades?",
        answer=Choice(
            options={
                "a": "It is false: the VRAEM's emergency began in May 2003, so it cannot have lasted three decades.",
                "b": "It is confirmed: a state of emergency of 30 years was indeed lifted in 2015.",
                "c": (
                    "It is unverified for the VRAEM: the 30-year emergency lifted in 2015 was the Alto Huallaga's, "
                    "and a VRAEM extension from September 2015 is on record; the article may have run two "
                    "valleys together."
                ),
                "d": "The two articles agree once 'more than' is read as an interval open at the top.",
            },
            why_not={
                "a": (
                    "'Since May 2003' says when the repeated extensions run from; do the sources rule out an "
                    "earlier emergency, or a gap? A verdict of 'false' needs a source that says otherwise for "
                    "the same valleys."
                ),
                "b": (
                    "Check where the 30-year emergency that was lifted in 2015 applied: is it the place the "
                    "article writes about?"
                ),
                "c": (
                    "Read the reference notes on item (b) again: what do they say about the VRAEM, and about "
                    "the Alto Huallaga?"
                ),
                "d": (
                    "Turn both into dates: more than thirty years before 2015, and May 2003. Can an open top "
                    "make them meet?"
                ),
            },
        ),
        expected=emergency_key,
        look_again="Compare the places and the dates of the figures, and what the reference notes say they support.",
        hints=(
            "Line up the state-of-emergency rows: which place does each apply to?",
            "An outside figure for another valley can neither confirm nor refute a claim about the VRAEM.",
        ),
    )
)
