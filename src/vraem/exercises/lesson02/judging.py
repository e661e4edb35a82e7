"""Lesson 02, exercises 2.5 to 2.10: judge hedges, sources, denominators, recycling and dates.

The keys come from the claims table; the verdict on the two articles that
date Artemio's capture differently from its ``fact_check`` column, else from
reference (h) in ``data/reference/context_facts.md``.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pandas as pd

from ...answers import Choice
from ...claims import load_claims
from ...datacache import remembered  # for helpers of the data that the feedback asks for again
from ...paths import data_file
from .. import Exercise, Misreading, register
from ..shapes import WHOLE_NUMBER, other_figure

#: Source types that name no source outside the outlet (exercise 2.7).
NO_OUTSIDE_SOURCE = ("unattributed", "the outlet itself")
#: Exercise 2.10: the coca share in article 003 ("nearly 70 percent ... in 2017").
SHARE_ARTICLE, SHARE_MEASURE = "003", "coca_area_share"


# ---------------------------------------------------------------- 2.5 what a hedge allows


def _one_claim(article_id: str, measure: str) -> pd.Series:
    claims = load_claims()
    rows = claims[(claims["article_id"] == article_id) & (claims["measure"] == measure)]
    if len(rows) != 1:
        raise ValueError(f"expected one {measure} claim in article {article_id}, found {len(rows)}")
    return rows.iloc[0]


#: What each kind of hedge lets a reader say about the true figure.
APPROXIMATE, BELOW, FLOOR = (
    ("around", "about", "some", "approximately", "roughly"),
    ("nearly", "almost"),
    ("at least", "more than", "over"),
)
GOVERNMENT = ("government official", "government agency")

HEDGE_CHOICE = Choice(
    options={
        "a": "The faction has 500 fighters.",
        "b": "The faction has fewer than 500 fighters.",
        "c": "Someone believes the faction has roughly 500 fighters: perhaps a few more, perhaps a few fewer.",
        "d": "The faction has at least 500 fighters, possibly many more.",
        "e": "The sentence does not say who believes the figure, or how it was reached.",
        "f": "The government estimates the faction at about 500 fighters.",
    },
    why_not={
        "a": (
            "The sentence gives 500 as neither exact nor certain: the word before the figure makes it "
            'approximate, and "thought to" makes it a belief.'
        ),
        "b": (
            '"around" allows either side of 500. Only words such as "nearly" or "almost" put the '
            "true figure below the one given."
        ),
        "c": 'Look again at the word right before the figure, and at "thought to".',
        "d": (
            '"around" sets no floor: the true number may be below 500. "at least" or "more than" '
            "would set one."
        ),
        "e": 'Look again for a name, an institution or "according to" in the sentence.',
        "f": (
            'Nothing in the sentence names the government, or anyone else, as the source: "thought to" '
            "hides who thinks so."
        ),
    },
    multiple=True,
)


def hedge_conclusions() -> frozenset[str]:
    """The options of 2.5 that fit the fighter estimate of article 000, from its hedge and source."""
    row = _one_claim("000", "fighters")
    hedge, believed = row["hedge"].lower(), "thought to" in row["quote"].lower()
    key = set()
    if hedge == "none" and not believed:
        key.add("a")
    if hedge in BELOW:
        key.add("b")
    if hedge in APPROXIMATE and believed:
        key.add("c")
    if hedge in FLOOR:
        key.add("d")
    if row["source_type"] == "unattributed":
        key.add("e")
    if row["source_type"] in GOVERNMENT:
        key.add("f")
    if not key:
        raise ValueError(
            "the fighter claim of article 000 fits none of the options of exercise 2.5"
        )
    return frozenset(key)


register(
    Exercise(
        id="2.5",
        title='What does "thought to number around 500" allow?',
        answer=HEDGE_CHOICE,
        expected=hedge_conclusions,
        look_again="Read the sentence again, word by word: the hedge before the figure, and who holds the belief.",
        hints=(
            'Use the hedge table above: what does "around" let a reader say about the true figure, '
            'compared with "nearly" or "at least"?',
            '"thought to" reports a belief. Does the sentence say whose?',
            'More than one option fits. Give every letter that fits, in a list, e.g. ["x", "y"].',
        ),
    )
)


# ---------------------------------------------------------------- 2.6 which kind of source

SOURCE_CHOICE = Choice(
    options={
        "a": "the outlet itself",
        "b": "government agency",
        "c": "government official",
        "d": "analyst or expert",
        "e": "unattributed",
    },
    why_not={
        "a": (
            "InSight Crime received the figure, but the sentence names who provided it: the outlet "
            "passes it on rather than giving it in its own voice."
        ),
        "b": "Look again at who the sentence says provided the figure, and what kind of body that is.",
        "c": "The sentence names an institution, not a person speaking for it.",
        "d": (
            "The expert quoted elsewhere in this brief is not the source of this figure: read the end of "
            "this sentence."
        ),
        "e": 'The sentence does name a source: read what follows "according to".',
    },
)


def fighter_source_letter() -> str:
    """The option of 2.6 that names the source type of article 003's fighter estimate."""
    source_type = _one_claim("003", "fighters")["source_type"]
    letters = [letter for letter, text in SOURCE_CHOICE.options.items() if text == source_type]
    if not letters:
        raise ValueError(f"exercise 2.6 offers no option for the source type {source_type!r}")
    return letters[0]


register(
    Exercise(
        id="2.6",
        title="Which kind of source?",
        answer=SOURCE_CHOICE,
        expected=fighter_source_letter,
        look_again="Read to the end of the sentence: who does it say provided the figure?",
        hints=(
            '"according to …" names a source. Read what follows it.',
            "Is that source a person, an institution of the state, an outside expert, or the outlet?",
        ),
    )
)


# ---------------------------------------------------------------- 2.7 small denominators


@remembered
def _no_outside_by_article() -> tuple[pd.Series, pd.Series]:
    claims = load_claims()
    no_outside = claims["source_type"].isin(list(NO_OUTSIDE_SOURCE))
    return no_outside.groupby(claims["article_id"]).sum(), claims.groupby("article_id").size()


def _recodes_to_catch_up(counts: pd.Series, sizes: pd.Series) -> int:
    """How many of the leading article's claims must change before another article is level or ahead."""
    shares = {
        article: Fraction(int(counts[article]), int(sizes[article])) for article in counts.index
    }
    best = max(shares.values())
    leaders = [article for article, share in shares.items() if share == best]
    if len(leaders) != 1:
        raise ValueError(f"articles {', '.join(leaders)} share the highest share: no single leader")
    top = leaders[0]
    runner_up = max(share for article, share in shares.items() if article != top)
    recoded = 0
    while Fraction(int(counts[top]) - recoded, int(sizes[top])) > runner_up:
        recoded += 1
    return recoded


def _leader() -> str:
    counts, sizes = _no_outside_by_article()
    return (counts / sizes).idxmax()


def recodes_to_lose_the_lead() -> int:
    """Exercise 2.7: claims of the least-sourced article that would have to name a source for it to lose first place."""
    return _recodes_to_catch_up(*_no_outside_by_article())


register(
    Exercise(
        id="2.7",
        title="How much does one claim weigh?",
        answer=WHOLE_NUMBER,
        expected=recodes_to_lose_the_lead,
        look_again=(
            "Find the article with the highest share of claims without an outside source. Then take "
            "its claims one at a time: after how many recoded claims is its share no longer above "
            "the next article's?"
        ),
        hints=(
            'no_outside = claims["source_type"].isin(NO_OUTSIDE_SOURCE), then '
            'no_outside.groupby(claims["article_id"]).mean() gives each article\'s share; .sum() instead '
            "of .mean() gives the counts.",
            "For the leading article, the share after recoding k claims is (count - k) / number of claims. "
            "Compare it with the highest share among the other articles: shares.drop(top).max().",
            "Stop at the first k where the leading article's share is equal to or below the runner-up's. "
            "Give k, a number of claims.",
        ),
        misreadings=(
            other_figure(
                lambda: int(_no_outside_by_article()[0][_leader()]),
                "That is how many of the article's claims name no outside source. The question asks "
                "how many of them would have to change before another article catches up.",
            ),
            other_figure(
                lambda: int(_no_outside_by_article()[1][_leader()]),
                "That is the number of claims in the article. The question asks how many of them "
                "would have to change before another article catches up.",
            ),
            Misreading(
                matches=lambda answer, expected: 0 < answer < 1,
                feedback=(
                    "Give a number of claims, not a difference of shares. In an article with n claims, "
                    "each claim moves the share by 1/n: in a short brief, that is a lot."
                ),
                example=lambda expected: 0.1,
            ),
        ),
    )
)


# ---------------------------------------------------------------- 2.8 recycled or confirmed

RECYCLED_CHOICE = Choice(
    options={
        "a": "The figure is confirmed: two briefs, three months apart, give it.",
        "b": "The faction's size did not change between July and October 2012.",
        "c": "The later brief may repeat the earlier estimate rather than confirm it.",
        "d": "Neither brief presents the figure as a count: both hedge it.",
        "e": "Neither brief says who first made the estimate.",
    },
    why_not={
        "a": (
            "Confirmation needs two sources that each reached the figure on their own. Nothing in "
            "either brief shows that: a figure passed from one report to the next is one estimate, "
            "told twice."
        ),
        "b": (
            "A repeated figure says nothing about whether the number changed: it may be the same "
            "estimate, repeated."
        ),
        "c": "Look again at the measure and the value of the two claims.",
        "d": 'Look again at the words before each figure, and at "thought to".',
        "e": "Look again at who each brief names: a brief can pass on a figure without saying who made it.",
    },
    multiple=True,
)


def _fighter_pair() -> pd.DataFrame:
    """The fighter claims whose value appears in more than one article."""
    claims = load_claims()
    rows = claims[claims["measure"] == "fighters"].dropna(subset=["value"])
    spread = rows.groupby("value")["article_id"].transform("nunique")
    pair = rows[spread > 1]
    if pair["article_id"].nunique() != 2:
        raise ValueError("exercise 2.8 expects one fighter figure repeated in two articles")
    return pair


def recycled_conclusions() -> frozenset[str]:
    """The options of 2.8 that fit the repeated fighter figure, from the two claims' hedges and sources."""
    pair = _fighter_pair()
    key = {
        "c"
    }  # same measure, same value, two articles: a repeat is possible, a confirmation not shown
    if (pair["hedge"] != "none").all():
        key.add("d")
    # neither names the origin: no source at all, or a relay (news media, the outlet)
    if pair["source_type"].isin(["unattributed", "news media", "the outlet itself"]).all():
        key.add("e")
    return frozenset(key)


register(
    Exercise(
        id="2.8",
        title="A confirmation, or one figure told twice?",
        answer=RECYCLED_CHOICE,
        expected=recycled_conclusions,
        look_again="Read both sentences again: what each says, how sure it is, and whom it credits.",
        hints=(
            "Two mentions confirm each other only if each source reached the figure on its own. Does "
            "either brief say how, or by whom, the figure was reached?",
            'Look at the words before each 500, and at "thought to" in both sentences.',
            "More than one option fits. Give every letter that fits, in a list.",
        ),
    )
)


# ---------------------------------------------------------------- 2.9 two articles disagree

ARTEMIO_CHOICE = Choice(
    options={
        "a": "The two articles agree: both put the capture about ten years after 1992.",
        "b": "Article 003 is the more recent, so its date should be preferred.",
        "c": "Article 003 is wrong: the reference puts the capture in February 2012, the year article 000 implies.",
        "d": "The articles disagree, and nothing available settles which is right.",
    },
    why_not={
        "a": (
            'Article 000 was published in 2012 and speaks of an arrest "earlier this year": that is '
            "2012, not a decade after 1992."
        ),
        "b": (
            "A later article is not more reliable for being later: a writer can misremember an old "
            "event. Only a source outside both articles can settle which is right."
        ),
        "c": "Compare the year the reference gives with the year each article implies.",
        "d": (
            "An outside source does settle it: the course's reference notes date the capture from "
            "Peruvian and international press reports, among them an AFP report dated the next day."
        ),
    },
)
#: The table's verdicts (column fact_check), mapped to the options of 2.9.
VERDICT_LETTERS = {"contradicted": "c", "verified": "a", "supported": "a", "unverified": "d"}


def _artemio_claim() -> pd.Series:
    claims = load_claims()
    rows = claims[claims["quote"].str.contains("Artemio")]
    if len(rows) != 1:
        raise ValueError(f"expected one claim that quotes Artemio's capture, found {len(rows)}")
    return rows.iloc[0]


def _reference_capture_year() -> int:
    """The year reference (h) gives for Artemio's capture."""
    text = data_file("reference/context_facts.md").read_text(encoding="utf-8")
    section = text.split("## (h)", 1)[-1].split("\n## ", 1)[0]
    found = re.search(r"captured on (?:\w+ )?\d{1,2} \w+ (\d{4})", " ".join(section.split()))
    if not found:
        raise ValueError(
            "reference (h) in data/reference/context_facts.md gives no date of capture"
        )
    return int(found.group(1))


def artemio_verdict() -> str:
    """Exercise 2.9: the option that the reference supports on the date of Artemio's capture.

    The claims table's ``fact_check`` column decides where it exists; otherwise
    the year the article implies (the end of the claim's reference period) is
    held against the year reference (h) gives.
    """
    claim = _artemio_claim()
    verdict = claim.get("fact_check")
    if isinstance(verdict, str) and verdict.strip().lower() in VERDICT_LETTERS:
        return VERDICT_LETTERS[verdict.strip().lower()]
    implied = int(str(claim["reference_period"]).split("/")[-1][:4])
    return "a" if implied == _reference_capture_year() else "c"


register(
    Exercise(
        id="2.9",
        title="Two articles, two dates",
        answer=ARTEMIO_CHOICE,
        expected=artemio_verdict,
        look_again="Work out the year each article implies, then compare both with the reference.",
        hints=(
            'Article 003: Guzmán was captured in 1992, and Artemio "a decade later". Which year is that?',
            'Article 000 was published in July 2012 and speaks of "earlier this year". Which year is that?',
            "Which year does the reference give, and which article does it agree with?",
        ),
    )
)


# ---------------------------------------------------------------- 2.10 reference period


def _share_claim() -> pd.Series:
    return _one_claim(SHARE_ARTICLE, SHARE_MEASURE)


def share_reference_year() -> int:
    """The year that article 003's coca share describes (its reference_period)."""
    return int(_share_claim()["reference_period"][:4])


def _share_publication_year() -> int:
    return int(_share_claim()["published"].year)


register(
    Exercise(
        id="2.10",
        title="Which year does the figure describe?",
        answer=WHOLE_NUMBER,
        expected=share_reference_year,
        look_again=(
            "Read the whole sentence around the figure, not the date line: it says which "
            "survey the share comes from. The reference_period column records it."
        ),
        hints=(
            'Find the claim: article 003, measure "coca_area_share".',
            "Compare its reference_period with its published column. Which one tells you when the "
            "coca was counted?",
            "Give the year as a number, e.g. 1999.",
        ),
        misreadings=(
            other_figure(
                _share_publication_year,
                "That is the year the article was published. The figure comes from an older "
                "survey: look for the year in the sentence itself.",
            ),
            other_figure(
                lambda: float(_share_claim()["value"]),
                "That is the figure itself. The question asks for the year it describes.",
            ),
        ),
    )
)
