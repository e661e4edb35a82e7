"""Checked exercises of lesson 06 · Capstone: a reader's brief, and the keys behind them.

Every key is worked out from the data: the drafter's recall and the rows that
are not claims by running :mod:`vraem.reader` on the articles and comparing
with ``data/claims.csv``; the verdicts by lesson 03's rule for coca figures
and the claims table's fact-check columns for the rest; the missing voice
from the sentences in which the worked article cites someone; and the
structural check of a brief by :func:`vraem.brief.review_brief`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import reader
from ..answers import Choice, IdSet, Labels, Number
from ..brief import template
from ..claims import own_claims
from ..corpus import article_file, load_article, load_metadata
from ..datacache import remembered  # for helpers of the data that the feedback asks for again
from ..exercise_answers import BriefStructure
from ..series import load_coca_series, source_line, wide_series
from ..verdicts import CONTRADICTED, SUPPORTED, UNCHECKABLE, VERDICTS, brief_verdict
from . import Exercise, Misreading, register
from .shapes import other_figure

#: The worked brief's article (the 2020 brief), the article whose recall is
#: measured (the long 2011 analysis) and the page read raw (the 2016 brief
#: whose scrape lost its headline and dateline).
WORKED, RECALL_ARTICLE, RAW_PAGE = "003", "001", "004"


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
        answer=Labels(VERDICTS, key="claim_id", label="verdict"),
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


# --- 6.4 the drafter's recall on one article --------------------------------------------------


@remembered
def compared(article_id: str = RECALL_ARTICLE) -> pd.DataFrame:
    """The article's claims, each marked found or missed by the reader's draft."""
    draft = reader.draft_claims(load_article(article_id), article_id)
    return reader.compare_with_claims(draft, own_claims(article_id))


def drafted_recall(article_id: str = RECALL_ARTICLE) -> float:
    """Share of the article's hand-coded claims that the draft finds (exercise 6.4)."""
    return float(compared(article_id)["found"].mean())


def _drafted_rows(article_id: str = RECALL_ARTICLE) -> int:
    return len(reader.draft_claims(load_article(article_id), article_id))


@remembered
def _recall_without_years() -> float:
    table = compared()
    kept = table[table["kind"] != "year (left out by design)"]
    return float(kept["found"].mean())


@remembered
def _precision() -> float:
    draft = reader.draft_claims(load_article(RECALL_ARTICLE), RECALL_ARTICLE)
    return float(reader.match_draft(draft, own_claims(RECALL_ARTICLE)).notna().mean())


register(
    Exercise(
        id="6.4",
        title="How much of the 2011 analysis does the draft find?",
        answer=Number(tolerance=0.01, unit="share"),
        expected=drafted_recall,
        look_again=(
            "Recall is the share of the hand-coded claims that the draft finds: of the article's rows "
            "in the claims table, how many does compare_with_claims mark as found, divided by how many "
            "rows there are."
        ),
        hints=(
            'Draft the article with reader.draft_claims(article, "001"), then compare it with the article\'s '
            "own rows of the claims table.",
            "compare_with_claims gives one row per hand-coded claim, with a True/False column `found`.",
            "The mean of a True/False column is the share of True values.",
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: answer == compared()["found"].sum(),
                feedback=(
                    "That is how many claims the draft finds. Give the share: divide by the number of "
                    "hand-coded claims of the article."
                ),
                example=lambda expected: float(compared()["found"].sum()),
            ),
            Misreading(
                matches=lambda answer, expected: abs(answer - expected * 100) < 0.6,
                feedback="That is a percentage. Give the share as a number between 0 and 1.",
                example=lambda expected: round(expected * 100, 1),
            ),
            Misreading(
                matches=lambda answer, expected: abs(answer - _recall_without_years()) < 0.005,
                feedback=(
                    "You left the years out of the count. They are left out of the draft by design, "
                    "but they are still hand-coded claims a reader must add: recall counts every one."
                ),
                example=lambda expected: round(_recall_without_years(), 3),
            ),
            Misreading(
                matches=lambda answer, expected: abs(answer - _precision()) < 0.005,
                feedback=(
                    "That is the share of the drafted rows that are claims (the precision). Recall looks "
                    "from the other side: of the hand-coded claims, how many did the draft find?"
                ),
                example=lambda expected: _precision(),
            ),
        ),
    )
)


# --- 6.5 rows of a raw page that are not claims -----------------------------------------------


@remembered
def raw_page_draft() -> pd.DataFrame:
    """The draft of article 004's file read as it stands, page furniture and all."""
    load_article(RAW_PAGE)  # a damaged scrape is named here, with how to restore it
    return reader.draft_claims(reader.load(article_file(RAW_PAGE)), RAW_PAGE)


def not_claims() -> frozenset[str]:
    """Drafted rows of the raw page that stand for none of the article's claims (exercise 6.5)."""
    draft = raw_page_draft()
    matched = reader.match_draft(draft, own_claims(RAW_PAGE))
    return frozenset(draft.loc[matched.isna(), "claim_id"])


@remembered
def _article_rows() -> frozenset[str]:
    """Drafted rows whose quote stands in the article's own text (the course's parse)."""
    text = " ".join(load_article(RAW_PAGE).text.split())
    draft = raw_page_draft()
    return frozenset(draft.loc[[quote in text for quote in draft["quote"]], "claim_id"])


def _pager_rows() -> frozenset[str]:
    """The rows drawn from the list of page numbers ("• 1 • 2 • 3 ...")."""
    draft = raw_page_draft()
    return frozenset(draft.loc[draft["quote"].str.contains("Prev Next"), "claim_id"])


def _vague_article_rows() -> frozenset[str]:
    draft = raw_page_draft()
    vague = draft["value_text"].map(reader.number_kind) == "vague, fraction or span"
    return frozenset(draft.loc[vague, "claim_id"]) & _article_rows()


register(
    Exercise(
        id="6.5",
        title="Which drafted rows of the raw page are not claims?",
        answer=IdSet(width=3, prefix="D"),
        expected=not_claims,
        look_again=(
            "Read the quote of each drafted row: is the sentence part of the article itself, or of "
            "the page around it (navigation, teasers of other articles)? List every row of the page "
            "around it."
        ),
        hints=(
            "Sort the rows by where their quote comes from: the article's paragraphs, or the rest of the page.",
            "The article ends before the page's list of page numbers; everything after it belongs to the site.",
            'A row whose quote is not in load_article("004").text (the course\'s clean parse) is not from the article.',
        ),
        misreadings=(
            Misreading(
                matches=lambda answer, expected: bool(answer & _vague_article_rows()),
                feedback=(
                    'Vague words such as "several" and "decades" in the article\'s own sentences are '
                    "claims: the course records them with the least they can mean (lesson 02). Keep "
                    "those rows."
                ),
                example=lambda expected: expected | _vague_article_rows(),
            ),
            Misreading(
                matches=lambda answer, expected: bool(
                    answer & (_article_rows() - _vague_article_rows())
                ),
                feedback=(
                    "At least one row you listed quotes a sentence of the article itself, with a figure "
                    "the article gives. Those rows need correcting, not deleting."
                ),
                example=lambda expected: (
                    expected | {sorted(_article_rows() - _vague_article_rows())[0]}
                ),
            ),
            other_figure(
                _pager_rows,
                "Those are the page numbers. Further down, the page also shows teasers of other "
                "articles: their numbers are not this article's either.",
            ),
            Misreading(
                matches=lambda answer, expected: answer == expected - _pager_rows(),
                feedback=(
                    "Those are the teasers of other articles. Above them, the page's list of page "
                    "numbers gave rows too."
                ),
                example=lambda expected: expected - _pager_rows(),
            ),
            Misreading(
                matches=lambda answer, expected: answer < expected,
                feedback="Every row in your list is indeed not a claim, but the list is not complete yet.",
                example=lambda expected: frozenset(sorted(expected)[:3]),
            ),
        ),
    )
)
