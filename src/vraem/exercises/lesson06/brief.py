"""Exercises 6.1 to 6.3 of lesson 06: the worked brief's verdicts, its missing voice, its structure.

The verdicts come from :func:`vraem.verdicts.brief_verdict` (lesson 03's rule
for coca figures, the claims table's fact-check columns for the rest); the
missing voice from the sentences in which the worked article cites someone;
the structure from :func:`vraem.brief.review_brief`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ... import reader
from ...answers import Choice
from ...brief import template
from ...claims import own_claims
from ...corpus import load_article, load_metadata
from ...datacache import remembered  # for helpers of the data that the feedback asks for again
from ...exercise_answers import BriefStructure
from ...series import load_coca_series, source_line, wide_series
from ...verdicts import CONTRADICTED, SUPPORTED, UNCHECKABLE, brief_verdict
from .. import Exercise, Misreading, register
from ..shapes import CLAIM_VERDICTS

#: The worked brief's article (the 2020 brief).
WORKED = "003"


# --- 6.1 a verdict for each claim of the worked brief ---------------------------------------------


def worked_checks() -> pd.DataFrame:
    """Every claim of the worked article with its verdict and reason."""
    return pd.DataFrame([brief_verdict(claim) for _, claim in own_claims(WORKED).iterrows()])


def worked_verdicts() -> dict[str, str]:
    """The key of exercise 6.1: claim id -> verdict, for every claim of article 003."""
    checks = worked_checks()
    return dict(zip(checks["claim_id"], checks["verdict"], strict=True))


@remembered
def _claim_of(measure: str) -> str:
    """The worked article's (first) claim with this measure."""
    claims = own_claims(WORKED)
    return str(claims.loc[claims["measure"] == measure, "claim_id"].iloc[0])


def _fact_checked() -> list[str]:
    claims = own_claims(WORKED)
    return list(claims.loc[claims["fact_check"] == CONTRADICTED, "claim_id"])


def _labelled(answer: dict, claim_ids: list[str], label: str) -> bool:
    return any(answer.get(claim_id) == label for claim_id in claim_ids)


def _relabel(expected: dict, claim_ids: list[str], label: str) -> dict:
    return {**expected, **dict.fromkeys(claim_ids, label)}


def _elsewhere_counts() -> list[str]:
    """Counts of the worked article that other articles or the reference give differently."""
    return [_claim_of("fighters"), _claim_of("military_bases")]


def _timeline_events() -> list[str]:
    """The deaths of the late-August battle, which the policy timeline records from this article."""
    return [_claim_of("rebel_deaths"), _claim_of("security_force_deaths")]


register(
    Exercise(
        id="6.1",
        title="A verdict for every figure of the 2020 brief",
        answer=CLAIM_VERDICTS,
        expected=worked_verdicts,
        look_again=(
            "For each claim: is it a coca figure (then lesson 03's rule and the series decide)? If "
            "not, does the claims table's fact_check record a source that says otherwise? If neither, "
            "can anything in the course's data measure the same quantity at the same time?"
        ),
        hints=(
            'Start every claim at "cannot be checked" and change only those you can check: '
            '{claim_id: "cannot be checked" for claim_id in corrected["claim_id"]} builds that dictionary.',
            "Two claims are coca figures: you judged them in exercise 3.5 with the series.",
            "For the others, read the fact_check and fact_check_note columns of the corrected table.",
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: any(
                    answer.get(c) != CONTRADICTED for c in _fact_checked()
                ),
                about=_fact_checked,
                feedback=(
                    "Look again at the claim the fact_check column flags: read its fact_check_note, and "
                    "step 2 of the rule, which says what a recorded fact check means."
                ),
                example=lambda expected: _relabel(expected, _fact_checked(), UNCHECKABLE),
            ),
            Misreading(
                matches=lambda answer, expected: _labelled(
                    answer, _elsewhere_counts(), CONTRADICTED
                ),
                about=_elsewhere_counts,
                feedback=(
                    "A different figure from another date or another source is not a contradiction. "
                    "The fighter and base counts elsewhere in the course describe other years: does "
                    "anything measure the same quantity at the time of this article?"
                ),
                example=lambda expected: _relabel(expected, _elsewhere_counts(), CONTRADICTED),
            ),
            Misreading(
                matches=lambda answer, expected: _labelled(answer, _timeline_events(), SUPPORTED),
                about=_timeline_events,
                feedback=(
                    "The policy timeline does record that battle, but its source is this same article: "
                    "a text cannot confirm itself. Look at the event's source_kind and article_id."
                ),
                example=lambda expected: _relabel(expected, _timeline_events(), SUPPORTED),
            ),
            Misreading(
                matches=lambda answer, expected: (
                    answer.get(_claim_of("coca_area_share"))
                    != expected.get(_claim_of("coca_area_share"))
                ),
                about=lambda: [_claim_of("coca_area_share")],
                feedback=(
                    "Look again at the share of coca. The sentence speaks of coca crops, an area: set it "
                    "against the VRAEM's share of the national area in the year the article names."
                ),
                example=lambda expected: _relabel(
                    expected, [_claim_of("coca_area_share")], SUPPORTED
                ),
            ),
            Misreading(
                matches=lambda answer, expected: (
                    answer.get(_claim_of("coca_area")) != expected.get(_claim_of("coca_area"))
                ),
                about=lambda: [_claim_of("coca_area")],
                feedback=(
                    "Look again at the national coca area: compare it with the series value for the year "
                    "the article names, allowing the margin its hedge gives."
                ),
                example=lambda expected: _relabel(expected, [_claim_of("coca_area")], CONTRADICTED),
            ),
        ),
    )
)


# --- 6.2 whose voice is missing ---------------------------------------------------------------

VOICE_OPTIONS = {
    "a": "Peru's security officials (the Ministry of the Interior, the Counter-Terrorism Directorate)",
    "b": "an independent security expert",
    "c": "the United Nations' drug office",
    "d": "the people who live in the VRAEM and grow its coca",
    "e": "another news outlet",
}
#: Words that show, in a sentence where someone speaks or is cited, which voice it is.
VOICE_MARKERS = {
    "a": ("Ministry", "DIRCOTE", "Directorate", "minister", "police"),
    "b": ("expert", "analyst"),
    "c": ("United Nations", "UNODC", "World Drug Report"),
    "d": (
        "farmer",
        "farming",
        "grower",
        "resident",
        "villager",
        "inhabitant",
        "peasant",
        "campesino",
    ),
    "e": ("El Comercio", "Andina", "AFP", "Reuters", "EFE", "news service", "news agency"),
}


def cited_voices(article_id: str = WORKED) -> dict[str, bool]:
    """For each option, whether a sentence that cites someone names that voice."""
    sentences = reader.voices(load_article(article_id))["sentence"]
    return {
        letter: any(
            marker.lower() in sentence.lower() for marker in markers for sentence in sentences
        )
        for letter, markers in VOICE_MARKERS.items()
    }


def missing_voice() -> str:
    """The key of exercise 6.2: the one option no citing sentence of article 003 names."""
    missing = [letter for letter, cited in cited_voices().items() if not cited]
    if len(missing) != 1:
        raise ValueError(
            f"exercise 6.2 needs exactly one voice missing from article {WORKED}; "
            f"the text leaves out {len(missing)}"
        )
    return missing[0]


register(
    Exercise(
        id="6.2",
        title="Whose voice is missing?",
        answer=Choice(
            options=VOICE_OPTIONS,
            why_not={
                "a": (
                    'The text does cite Peru\'s security officials: look for "stated" and "according to '
                    'information provided" among the voices.'
                ),
                "b": 'An expert is cited: find the sentence with "told InSight Crime".',
                "c": "The UN's drug office is cited, through its report on the coca survey.",
                "d": (
                    "Find the sentence in which they speak or are cited, not one in which the text talks "
                    "about them: people a text describes are not voices unless it quotes them."
                ),
                "e": 'Another outlet is cited: find "reported" in the news part.',
            },
        ),
        expected=missing_voice,
        look_again="Compare the voices the text cites with the people it writes about.",
        hints=(
            "reader.voices(article) lists every sentence in which someone speaks or is cited.",
            "Now read the whole article: who does it talk about without letting them speak?",
        ),
    )
)


# --- 6.3 the structure of the worked brief ------------------------------------------------------


def _worked_chart() -> alt.Chart:
    """A small chart of Peru's coca series for the model brief (the lesson draws the full one)."""
    wide = wide_series()
    points = pd.DataFrame({"year": wide.index, "hectares": wide["Peru (national)"]}).dropna()
    series = load_coca_series()
    drawn = series[series["region"] == "Peru (national)"]
    return (
        alt.Chart(points)
        .mark_line(point=True)
        .encode(x="year:Q", y="hectares:Q")
        .properties(
            title=alt.Title("Peru's coca area", subtitle=source_line(drawn)),
            description="Line chart of Peru's coca cultivation in hectares by survey year.",
        )
    )


def model_brief() -> dict:
    """The key of exercise 6.3: a brief on article 003 whose every section holds.

    Built from the data: the claims are the article's rows of the claims table,
    the verdicts the key of exercise 6.1, and the text sections say where each
    judgement comes from in the lesson.
    """
    row = load_metadata().set_index("article_id").loc[WORKED]
    brief = template()
    brief.update(
        who_and_when=(
            f"{row['title']}, a {str(row['kind']).lower()} by {row['byline']} for InSight Crime, "
            f"published on {row['published']:%d %B %Y} (data/articles.csv)."
        ),
        who_is_behind=(
            "InSight Crime by its own account (reference notes, item (k)): launched in 2010 with a "
            "seed grant, part media, part think tank, part research; others' views still to find."
        ),
        kind_of_piece=(
            "A brief: a news report followed by the outlet's own analysis under the heading "
            "InSight Crime Analysis; the claims table records each figure's section."
        ),
        claims=own_claims(WORKED),
        recycled_or_stale=(
            "The coca figures describe the 2017 survey, years before publication; the "
            "conflict's death toll repeats a figure of the 2011 analysis (claims table notes)."
        ),
        verdicts=worked_verdicts(),
        missing_voices=(
            "The article cites officials, an expert, the UN and another outlet, but nobody who "
            "lives in the valleys it describes (see exercise 6.2)."
        ),
        argument=(
            "The brief argues that military force has not ended the rebels; a consistent count of "
            "fighters and incidents over the years would test that."
        ),
        chart=_worked_chart(),
    )
    return brief


def _with(**sections) -> dict:
    return {**model_brief(), **sections}


def _failed(reviews, section: str, words: str) -> bool:
    return any(
        review.section == section and not review.ok and words in review.message
        for review in reviews
    )


def _chart_without_source() -> alt.Chart:
    return _worked_chart().properties(title="Peru's coca area")


register(
    Exercise(
        id="6.3",
        title="The worked brief, complete",
        answer=BriefStructure(article=lambda: load_article(WORKED)),
        expected=model_brief,
        look_again="Finish every section the review marks with ✗.",
        hints=(
            "Print the review yourself: for line in review_brief(answer, article): print(line).",
            "Each text section needs a few sentences of your own (at least a dozen words); the review "
            "counts words, it does not judge them.",
            "answer = brief | {...} keeps every section of brief and adds or replaces the ones in the braces.",
        ),
        misreadings=(
            Misreading(
                matches=lambda reviews, expected: _failed(reviews, "claims", "empty; fill it in"),
                feedback=(
                    "The claims table still has empty columns: the draft leaves the reader's judgements "
                    "(measure, place, reference period, source type) to fill in. Use the corrected table."
                ),
                example=lambda expected: _with(
                    claims=reader.draft_claims(load_article(WORKED), WORKED)
                ),
            ),
            Misreading(
                matches=lambda reviews, expected: _failed(reviews, "verdicts", "not claim_ids"),
                feedback=(
                    "The verdicts are keyed by ids that are not in your claims table: use the claim_id "
                    'of each row of brief["claims"].'
                ),
                example=lambda expected: _with(verdicts={"D001": UNCHECKABLE}),
            ),
            Misreading(
                matches=lambda reviews, expected: _failed(reviews, "verdicts", "use one of"),
                feedback=(
                    'A verdict is one of lesson 03\'s three labels: "supported", "contradicted" or '
                    '"cannot be checked".'
                ),
                example=lambda expected: _with(
                    verdicts=dict.fromkeys(expected["verdicts"], "true")
                ),
            ),
            Misreading(
                matches=lambda reviews, expected: _failed(reviews, "chart", "source"),
                feedback=(
                    'The chart needs a "Source: ..." line in its subtitle, naming the data it rests '
                    "on."
                ),
                example=lambda expected: _with(chart=_chart_without_source()),
            ),
            Misreading(
                matches=lambda reviews, expected: any(
                    not review.ok and "too short" in review.message for review in reviews
                ),
                feedback=(
                    "A text section of a few words cannot answer its question yet: write two or three "
                    "sentences. The review counts words; it does not judge them."
                ),
                example=lambda expected: _with(missing_voices="Farmers are missing."),
            ),
        ),
    )
)
