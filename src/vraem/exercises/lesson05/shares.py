"""Lesson 05, exercises 5.6 to 5.9: frame shares over time, the outlet's voice, what verdicts rest on, who speaks."""

from __future__ import annotations

import pandas as pd

from ...answers import Choice
from ...datacache import remembered  # for helpers of the data that the feedback asks for again
from ...passages import load_passages
from .. import Exercise, register
from ..shapes import SHARE, near_figure, other_figure, percent_for_share
from .data import EFFECTS, FRAMES

# ---------------------------------------------------------------- 5.6 frame shares over time


def frame_shares() -> pd.DataFrame:
    """Each article's share of passages by frame (rows: articles, oldest first; columns: frames)."""
    passages = load_passages()
    shares = pd.crosstab(passages["article_id"], passages["frame"], normalize="index")
    order = passages.groupby("article_id")["published"].first().sort_values().index
    return shares.reindex(index=order, columns=list(FRAMES), fill_value=0.0)


def _published() -> pd.Series:
    passages = load_passages()
    return passages.groupby("article_id")["published"].first()


def frames_over_time_statements() -> dict[str, bool]:
    """Exercise 5.6: whether each offered statement about the frame shares holds, by option letter."""
    shares, published = frame_shares(), _published()
    development, security = shares["development"], shares["security"]
    after_2012 = published.index[published.dt.year > 2012]
    top_development = development.index[development == development.max()]
    return {
        "a": development.idxmax() == shares.index[0] and len(top_development) == 1,
        "b": bool(len(after_2012)) and bool((development[after_2012] == 0).all()),
        "c": bool((shares.idxmax(axis=1) == "security").all()),
        "d": bool(security.is_monotonic_increasing and security.is_unique),
        "e": len(top_development) == 1
        and published[top_development[0]].strftime("%Y-%m") == "2012-07",
    }


def frames_over_time_letters() -> frozenset[str]:
    """The statements of exercise 5.6 that the reconciled coding bears out."""
    holds = frozenset(letter for letter, true in frames_over_time_statements().items() if true)
    if not holds:
        raise ValueError("exercise 5.6 needs at least one statement that holds")
    return holds


register(
    Exercise(
        id="5.6",
        title="What do the frame shares show over time?",
        answer=Choice(
            options={
                "a": "The oldest article gives development its largest share.",
                "b": "The articles published after 2012 have no development passage.",
                "c": "Security has the largest share in every article.",
                "d": "The security share grows from each article to the next, oldest to newest.",
                "e": "The article with the largest development share is the one published in July 2012.",
            },
            why_not={
                "a": (
                    "Sort the articles by date: the oldest one is not the article whose development "
                    "share is the largest."
                ),
                "b": (
                    "Look at the development column for the articles published after 2012: at least one "
                    "of them has a development passage."
                ),
                "c": (
                    "Read each article's row: in at least one of them another frame has a larger share "
                    "than security."
                ),
                "d": (
                    "Read the security column from the oldest article to the newest: it does not grow at "
                    "every step."
                ),
                "e": (
                    "Compare the development shares of all five articles: the largest is not in the article "
                    "of July 2012."
                ),
            },
            multiple=True,
        ),
        expected=frames_over_time_letters,
        look_again=(
            'Compute each article\'s shares with pd.crosstab(..., normalize="index"), put the articles '
            "in order of publication, and test each statement against the table."
        ),
        hints=(
            'pd.crosstab(passages["article_id"], passages["frame"], normalize="index") gives each '
            "article's shares.",
            'passages.groupby("article_id")["published"].first() gives each article\'s date; '
            ".sort_values() puts them in order, and shares.loc[order] puts the rows in that order.",
            "More than one statement may hold. Give every letter that fits, in a list.",
        ),
    )
)


# ---------------------------------------------------------------- 5.7 the outlet's voice on the security side

#: Exercise 5.7 asks for the outlet's own share of the passages with this frame.
VOICE_FRAME = "security"


def _voice_share(frame: str, voice: str = "outlet") -> float:
    passages = load_passages()
    return float((passages.loc[passages["frame"] == frame, "voice"] == voice).mean())


def outlet_share_of_security() -> float:
    """Share (0 to 1) of the passages framed security that are in the outlet's own voice."""
    return _voice_share(VOICE_FRAME)


def _outlet_share_of_all() -> float:
    return float((load_passages()["voice"] == "outlet").mean())


def _security_share_of_outlet() -> float:
    passages = load_passages()
    return float((passages.loc[passages["voice"] == "outlet", "frame"] == VOICE_FRAME).mean())


def _outlet_security_count() -> int:
    passages = load_passages()
    return int(((passages["frame"] == VOICE_FRAME) & (passages["voice"] == "outlet")).sum())


register(
    Exercise(
        id="5.7",
        title="How often does the outlet speak for itself on security?",
        answer=SHARE,
        expected=outlet_share_of_security,
        look_again=(
            "Keep the passages framed security, then take the share of them whose voice is "
            '"outlet".'
        ),
        hints=(
            'pd.crosstab(passages["frame"], passages["voice"]) counts each pair of frame and voice.',
            'normalize="index" divides each row by its total, so each frame\'s voices add up to 1.',
            "Read the security row, outlet column. Give a share between 0 and 1.",
        ),
        misreadings=(
            other_figure(
                _outlet_security_count,
                "That is a count of passages. Divide by the number of security passages to get a share.",
            ),
            percent_for_share(),
            near_figure(
                lambda: _voice_share(VOICE_FRAME, "reported"),
                "That is the share of the security passages in reported speech. The question "
                "asks for the outlet's own voice.",
            ),
            near_figure(
                _security_share_of_outlet,
                "That is the share of the outlet's passages that are framed security (the table "
                "divided by its columns). Divide by the number of security passages instead: "
                'normalize="index" with frame as the rows.',
            ),
            near_figure(
                _outlet_share_of_all,
                "That is the outlet's share of all passages. Keep only the passages framed "
                "security first.",
            ),
            near_figure(
                lambda: _voice_share("development"),
                "That is the outlet's share of the development passages. The question asks "
                "about security.",
            ),
        ),
    )
)


# ---------------------------------------------------------------- 5.8 what the verdicts of failure rest on


@remembered
def _claims_of_effect() -> pd.DataFrame:
    passages = load_passages()
    return passages[passages["claim_of_effect"].isin(EFFECTS)]


def _evidence_share(effects: tuple[str, ...], evidence: str) -> float:
    claims = _claims_of_effect()
    chosen = claims[claims["claim_of_effect"].isin(effects)]
    return float((chosen["evidence"] == evidence).mean())


def failure_assertion_share() -> float:
    """Share (0 to 1) of the passages that say a policy failed whose evidence is assertion alone."""
    return _evidence_share(("failed",), "assertion")


def _failure_assertion_count() -> int:
    claims = _claims_of_effect()
    return int(
        ((claims["claim_of_effect"] == "failed") & (claims["evidence"] == "assertion")).sum()
    )


def _assertion_share_of_all() -> float:
    return float((load_passages()["evidence"] == "assertion").mean())


def _failed_share_of_effects() -> float:
    return float((_claims_of_effect()["claim_of_effect"] == "failed").mean())


def _failed_outlet_share() -> float:
    claims = _claims_of_effect()
    return float((claims.loc[claims["claim_of_effect"] == "failed", "voice"] == "outlet").mean())


register(
    Exercise(
        id="5.8",
        title="What do the verdicts of failure rest on?",
        answer=SHARE,
        expected=failure_assertion_share,
        look_again=(
            'Keep the passages whose claim_of_effect is "failed", then take the share of them whose '
            'evidence is "assertion".'
        ),
        hints=(
            'effects["claim_of_effect"] == "failed" picks the verdicts of failure among the claims of effect.',
            'Among those rows, (evidence == "assertion").mean() is the share resting on assertion alone.',
            "Give a share between 0 and 1.",
        ),
        misreadings=(
            other_figure(
                _failure_assertion_count,
                "That is a count. Divide by the number of verdicts of failure to get a share.",
            ),
            percent_for_share(),
            near_figure(
                lambda: _evidence_share(EFFECTS, "assertion"),
                "That share covers every claim of effect, worked and failed. Keep only the "
                "verdicts of failure.",
            ),
            near_figure(
                _assertion_share_of_all,
                "That is the share of all passages resting on assertion. Keep only the verdicts "
                "of failure first.",
            ),
            near_figure(
                lambda: _evidence_share(("failed",), "figure"),
                "That is the share of the verdicts of failure that rest on a figure. The question "
                "asks about assertion.",
            ),
            near_figure(
                _failed_outlet_share,
                "That is the share of the verdicts of failure in the outlet's own voice. The "
                "question asks about their evidence.",
            ),
            near_figure(
                _failed_share_of_effects,
                "That is the share of the claims of effect that say a policy failed. The question "
                "asks what those verdicts rest on.",
            ),
        ),
    )
)


# ---------------------------------------------------------------- 5.9 who speaks for development?

#: Source types of a Peruvian state voice: an official, a legislator or a state body.
PERUVIAN_STATE = {"government official", "legislator", "government agency"}


def _reported_types(frame: str) -> set[str]:
    passages = load_passages()
    rows = passages[(passages["frame"] == frame) & (passages["voice"] == "reported")]
    return set(rows["source_type"])


def development_statements() -> dict[str, bool]:
    """Exercise 5.9: whether each offered statement holds in the reconciled coding, by option letter."""
    development, security = _reported_types("development"), _reported_types("security")
    return {
        "a": development <= PERUVIAN_STATE,
        "b": "analyst or expert" in development and "analyst or expert" in security,
        "c": "international organization" in development,
        "d": "news media" in development,
    }


def development_statement_letter() -> str:
    """The one statement of exercise 5.9 that the reconciled coding bears out."""
    true = [letter for letter, holds in development_statements().items() if holds]
    if len(true) != 1:
        raise ValueError(f"exercise 5.9 needs exactly one true statement; these hold: {true}")
    return true[0]


register(
    Exercise(
        id="5.9",
        title="Who speaks for development?",
        answer=Choice(
            options={
                "a": "Every reported passage framed as development quotes a Peruvian official, legislator or state body.",
                "b": "Analysts and experts are quoted on both sides, development and security.",
                "c": "An international organization is quoted for development.",
                "d": "A news outlet is quoted as the source of a development passage.",
            },
            why_not={
                "a": (
                    "Check the source_type of every reported development passage: at least one is "
                    "neither a government official, a legislator nor a government agency."
                ),
                "b": (
                    "Check both sides separately: in reported speech, analysts or experts are missing from "
                    "at least one of them."
                ),
                "c": (
                    'Filter to frame "development" and voice "reported": no international organization '
                    "is among them. A source cited only as support for the outlet's own point does not "
                    "count: that passage is in the outlet's voice."
                ),
                "d": (
                    'Filter to frame "development" and voice "reported": no news media source is '
                    "among them."
                ),
            },
        ),
        expected=development_statement_letter,
        look_again="Compare the source types of the reported passages on the two sides.",
        hints=(
            "passages.query(\"frame == 'development' and voice == 'reported'\")[\"source_type\"].value_counts() "
            "lists who speaks for development in reported speech.",
            "Do the same with frame == 'security', and test each statement against the two lists.",
        ),
    )
)
