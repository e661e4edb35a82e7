"""Misreadings and answers that recur across the lessons, as one-line declarations: ``other_figure(_claim_count, "That is ...")``.

Each factory builds a :class:`~vraem.exercises.Misreading` of one shape, so an
exercise module lists what a learner may have done and what to tell them, not
how to recognise it. The feedback stays with the exercise: only the test and
the example answer are shared. ``SHARE``, ``WHOLE_NUMBER`` and ``CLAIM_VERDICTS``
name the answers several exercises ask for. This module registers no exercise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from ..answers import Labels, Number
from ..i18n import N_
from ..verdicts import VERDICTS
from . import Misreading

#: What a learner who gives a share in percent is told (exercises that ask for a share).
PERCENT_NOT_SHARE = N_("Give the share as a fraction between 0 and 1, not as a percentage.")

#: The answer of an exercise that asks for a share between 0 and 1, right to within half a
#: percentage point (a % sign is read as a percentage of 1).
SHARE = Number(tolerance=0, absolute=0.005, unit="share")
#: The answer of an exercise that asks for a whole number (a count, a year): right only when exact.
WHOLE_NUMBER = Number(tolerance=0, absolute=0)
#: The answer of an exercise that asks for lesson 03's verdict on each claim: claim id -> verdict.
CLAIM_VERDICTS = Labels(VERDICTS, key="claim_id", label="verdict")


def _near(one: float, other: float, within: float, relative: bool) -> bool:
    """Whether ``one`` is within ``within`` of ``other`` (a fraction of it when ``relative``)."""
    if relative:
        return math.isclose(one, other, rel_tol=within, abs_tol=1e-9)
    return abs(one - other) <= within


def other_figure(value: Callable[[], Any], feedback: str, *, summary: str = "") -> Misreading:
    """The answer is exactly another figure of the data: a count for a share, the year of publication.

    ``other_figure(_claim_count, "That is the number of claims in the table. ...")``; ``value``
    works the figure out from the data, and is the example wrong answer.
    """
    return Misreading(
        matches=lambda answer, expected: answer == value(),
        feedback=feedback,
        example=lambda expected: value(),
        summary=summary,
    )


def near_figure(
    value: Callable[[], Any],
    feedback: str,
    *,
    within: float = 0.005,
    relative: bool = False,
    decimals: int | None = None,
) -> Misreading:
    """The answer is near a figure worked out the wrong way (hedges only, another column, the wrong base).

    Near is within ``within`` of it (a fraction of it when ``relative``). Caught only where that figure
    is not near the key, so a right answer is never told it is wrong. The example is the figure,
    rounded to ``decimals`` when the exercise asks for so many.
    """

    def near(one: float, other: float) -> bool:
        return _near(one, other, within, relative)

    return Misreading(
        matches=lambda answer, expected: near(answer, value()) and not near(value(), expected),
        feedback=feedback,
        example=lambda expected: value() if decimals is None else round(value(), decimals),
    )


def near_any_figure(
    values: Callable[[], Iterable[float]],
    feedback: str,
    *,
    within: float,
    relative: bool = False,
    example: Callable[[], Any] | None = None,
) -> Misreading:
    """The answer is near one of several figures worked out the wrong way (another year, another column).

    As :func:`near_figure`, for each of the figures ``values`` works out; a figure near the key
    is passed over. The example is ``example()``, else the first figure not near the key.
    """

    def near(one: float, other: float) -> bool:
        return _near(one, other, within, relative)

    def others(expected: Any) -> list[float]:
        return [value for value in values() if not near(value, expected)]

    return Misreading(
        matches=lambda answer, expected: any(near(answer, value) for value in others(expected)),
        feedback=feedback,
        example=lambda expected: example() if example is not None else others(expected)[0],
    )


def percent_for_share(feedback: str = PERCENT_NOT_SHARE, *, within: float = 0.5) -> Misreading:
    """A share (0 to 1) given in percent: the key times a hundred, to within ``within`` percentage points."""
    return Misreading(
        matches=lambda answer, expected: answer > 1 and abs(answer - 100 * expected) <= within,
        feedback=feedback,
        example=lambda expected: 100 * expected,
    )


def fraction_for_percent(feedback: str, *, within: float = 0.02) -> Misreading:
    """A percent given as a fraction: the key divided by a hundred, to within ``within`` of it (relative)."""
    return Misreading(
        matches=lambda answer, expected: _near(answer, expected / 100, within, relative=True),
        feedback=feedback,
        example=lambda expected: round(expected / 100, 4),
    )


def share_of_the_rest(feedback: str, *, within: float = 0.005) -> Misreading:
    """The share of the other part (coders who disagree, words that are text): one minus the key."""
    return Misreading(
        matches=lambda answer, expected: abs(answer - (1 - expected)) <= within,
        feedback=feedback,
        example=lambda expected: 1 - expected,
    )


def sign_reversed(feedback: str, *, within: float = 0.01) -> Misreading:
    """A change with its sign reversed (earlier minus later): minus the key, to within ``within`` (relative)."""
    return Misreading(
        matches=lambda answer, expected: _near(answer, -expected, within, relative=True),
        feedback=feedback,
        example=lambda expected: -expected,
    )


def relabelled(expected: dict, key: str, prefer: str, labels: Iterable[str]) -> dict:
    """The key with one id relabelled: ``prefer``, or the first other label when ``prefer`` is right."""
    wrong = (
        prefer
        if expected[key] != prefer
        else next(label for label in labels if label != expected[key])
    )
    return {**expected, key: wrong}


def wrong_label(
    key: str, feedback: str, *, labels: Iterable[str], prefer: str, summary: str = ""
) -> Misreading:
    """A wrong label for one id of a labels answer, whatever label it was given.

    ``wrong_label("C021", "Look again at C021. ...", labels=VERDICTS, prefer=UNCHECKABLE)``:
    the example answer gives that id ``prefer`` (or another wrong label).
    """
    labels = tuple(labels)
    return Misreading(
        matches=lambda answer, expected: key in expected and answer.get(key) != expected[key],
        about=(key,),
        feedback=feedback,
        example=lambda expected: relabelled(expected, key, prefer, labels),
        summary=summary,
    )
