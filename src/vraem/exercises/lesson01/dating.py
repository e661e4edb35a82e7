"""Exercises 1.5 and 1.6 of lesson 01: dating the undated articles.

The keys are in :mod:`.data`: the window in which the undated analysis was
written (from the metadata) and the evidence that fixes the year of brief 004.
"""

from __future__ import annotations

from datetime import timedelta

from ...answers import Choice
from ...exercise_answers import DateRange
from .. import Exercise, Misreading, register
from .data import YEAR_OPTIONS, date_window, year_evidence

register(
    Exercise(
        id="1.5",
        title="Between which dates was the undated analysis written?",
        answer=DateRange(),
        expected=date_window,
        look_again=(
            "Put the two quotes from article 001 next to the two outside facts: one fact gives the "
            "earliest end of the range, the other the latest."
        ),
        hints=(
            'The article calls Humala the "new President": it was written once he had taken office. That '
            "gives one end. Could it be the very day he took office?",
            'It calls Oscar Valdes the "new interior minister": it was written while he still held that '
            "post. That gives the other end. Could a piece written on the day of the news still call him so?",
            'Write both ends as text in a list, earliest first: ["YYYY-MM-DD", "YYYY-MM-DD"].',
        ),
        misreadings=(
            # each sentence is true whenever its test matches; both ends are judged separately
            Misreading(
                matches=lambda answer, expected: answer[0] > answer[1],
                feedback="Your first date is later than your second. Give the earliest end first, then the latest.",
                example=lambda expected: (expected[1], expected[0]),
            ),
            Misreading(
                matches=lambda answer, expected: (
                    answer[0] != expected[0] and answer[1] != expected[1]
                ),
                feedback=(
                    "Neither end is right yet. Take them one at a time: the earliest end is the first day "
                    'on which the article could call Humala "new President"; the latest end is the last '
                    'day on which it could still call Valdes "the new interior minister".'
                ),
                example=lambda expected: (
                    expected[0] - timedelta(days=365),
                    expected[1] + timedelta(days=365),
                ),
            ),
            Misreading(
                matches=lambda answer, expected: answer[0] < expected[0],
                feedback=(
                    "Your earliest date is too early: on that day Humala was not yet president, but the "
                    'article calls him Peru\'s "new President" and speaks of the handover of power as past.'
                ),
                example=lambda expected: (expected[0] - timedelta(days=30), expected[1]),
            ),
            Misreading(
                matches=lambda answer, expected: answer[0] > expected[0],
                feedback=(
                    "Your earliest date is later than the evidence requires: the clue says only that the "
                    "article was written once Humala was president. Which is the first day on which he was?"
                ),
                example=lambda expected: (expected[0] + timedelta(days=10), expected[1]),
            ),
            Misreading(
                matches=lambda answer, expected: answer[1] == expected[1] + timedelta(days=1),
                feedback=(
                    "Your latest date is one day too late. Valdes had been named prime minister the day "
                    "before, so a writer who knew that news would almost certainly no longer call him "
                    '"the new interior minister".'
                ),
                example=lambda expected: (expected[0], expected[1] + timedelta(days=1)),
            ),
            Misreading(
                matches=lambda answer, expected: answer[1] > expected[1],
                feedback=(
                    "Your latest date is too late: by then Valdes had already been named prime minister. "
                    'A piece that still calls him "the new interior minister" was almost certainly '
                    "written before that news."
                ),
                example=lambda expected: (expected[0], expected[1] + timedelta(days=20)),
            ),
            Misreading(
                matches=lambda answer, expected: answer[1] < expected[1],
                feedback=(
                    "Your latest date is earlier than the evidence requires: the clue says only that the "
                    "article was written before the news of Valdes's new post. Which is the last day on "
                    "which a writer could still call him interior minister?"
                ),
                example=lambda expected: (expected[0], expected[1] - timedelta(days=5)),
            ),
        ),
    )
)

register(
    Exercise(
        id="1.6",
        title="What fixes the year of brief 004?",
        answer=Choice(
            YEAR_OPTIONS,
            why_not={
                "a": "Read those dates again: do they print a year? A month and a day come round every year.",
                "b": (
                    '"Last year" counts back from the year of writing, which is the year we are looking for: '
                    "on its own it cannot give it. (Read with the lifting of June 2015, it would also rest on an "
                    "emergency in the Alto Huallaga, not in the VRAEM the sentence names.)"
                ),
                "c": (
                    "Print 004's date_evidence again (section 2) and the notes' line for 004: where does its "
                    "date come from, and does that source give a year?"
                ),
                "d": (
                    "Look at the events table again: does the report carry a full date, does its day match the "
                    "day the text gives for the announcement, and does the brief report that announcement as news?"
                ),
            },
            multiple=True,
        ),
        expected=year_evidence,
        look_again="For each piece of evidence, ask: does it give a year, and is it about this event?",
        hints=(
            "The text alone gives a month and days. What would a year have to come from?",
            "For each piece, ask: does it carry a full date, and is it about this very page or about the "
            "event the brief reports as news? A relative phrase counts from a year: which one?",
            'Give every letter that fits, as a list, e.g. ["a", "c"].',
        ),
    )
)
