"""The brief review: section-by-section feedback on structure, never a judgement of the prose."""

import altair as alt
import pandas as pd
import pytest

from vraem import load_article, load_claims
from vraem.brief import SECTIONS, review_brief, template

TEXT = "This is a sentence of a dozen words or more, written for the test brief here."


def _chart(**overrides):
    options = {
        "title": alt.Title("Fighters", subtitle="Source: data/claims.csv"),
        "description": "Points for each estimate.",
    }
    options.update(overrides)
    return alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").properties(**options)


@pytest.fixture
def good():
    claims = load_claims()
    table = claims[claims["article_id"] == "002"].copy()
    brief = {key: TEXT for key, _ in SECTIONS}
    brief.update(
        claims=table, verdicts={table["claim_id"].iloc[0]: "cannot be checked"}, chart=_chart()
    )
    return brief


def _by_section(brief):
    return {review.section: review for review in review_brief(brief, load_article("002"))}


def test_a_complete_brief_passes_every_section(good):
    """Does a brief with every section in good shape get a tick for each, in checklist order?"""
    reviews = review_brief(good, load_article("002"))
    assert [review.section for review in reviews] == [key for key, _ in SECTIONS]
    assert all(review.ok for review in reviews), [str(r) for r in reviews if not r.ok]


def test_the_template_fails_every_section_with_what_to_do():
    """Does an untouched template say, for each section, that it is not done yet?"""
    reviews = review_brief(template(), load_article("002"))
    assert not any(review.ok for review in reviews) and len(reviews) == len(SECTIONS)
    assert all(review.message for review in reviews)


@pytest.mark.parametrize(
    ("section", "value", "expected"),
    [
        ("who_and_when", "Too short.", "too short"),
        ("argument", 42, "as text"),
        ("missing_voices", "...", "placeholder"),
        ("claims", "a table", "DataFrame"),
        ("verdicts", {"C999": "supported"}, "not claim_ids"),
        ("verdicts", {"x": "true"}, "use one of"),
        ("chart", "a chart", "Altair chart"),
    ],
)
def test_each_broken_section_is_named_with_what_to_fix(good, section, value, expected):
    """Does one broken section fail alone, with a message that says what to fix?"""
    good[section] = value
    reviews = _by_section(good)
    assert not reviews[section].ok and expected in reviews[section].message
    assert all(review.ok for key, review in reviews.items() if key != section)


def test_an_invalid_claim_row_is_reported_by_row_and_column(good):
    """Does a claims table with a quote not in the article fail, naming the row?"""
    good["claims"] = good["claims"].reset_index(drop=True)
    good["claims"].loc[0, "quote"] = "words that are not in the article"
    message = _by_section(good)["claims"].message
    assert "row 1, column 'quote'" in message


def test_a_chart_without_its_source_or_description_is_caught(good):
    """Does the chart section ask for a source line and a description?"""
    good["chart"] = _chart(title="Fighters", description="")
    message = _by_section(good)["chart"].message
    assert "source" in message and "description" in message


@pytest.mark.parametrize("odd", [None, [], "brief", 3])
def test_an_odd_brief_gets_a_sentence(odd):
    """Is anything that is not a dictionary answered with what to start from?"""
    reviews = review_brief(odd, load_article("002"))
    assert len(reviews) == 1 and "template()" in reviews[0].message


def test_a_missing_or_extra_section_is_named(good):
    """Are a missing section and an unknown one both named?"""
    del good["argument"]
    good["summary"] = TEXT
    reviews = review_brief(good, load_article("002"))
    assert any(r.section == "argument" and "missing" in r.message for r in reviews)
    assert any("summary" in r.message for r in reviews if not r.ok)


def test_a_brief_on_another_subject_may_name_its_own_measures(good):
    """Does the claims section accept the learner's own measure names when they are given?"""
    good["claims"] = good["claims"].copy()
    good["claims"]["measure"] = "patrols"
    assert not _by_section(good)["claims"].ok
    reviews = review_brief(good, load_article("002"), measures=["patrols"])
    assert all(review.ok for review in reviews)


@pytest.mark.parametrize(
    ("text", "said"), [("Coca.", "(1 word)"), ("Coca and cocaine.", "(3 words)")]
)
def test_a_short_section_counts_its_words_in_good_english(good, text, said):
    """Does a one-word section say "(1 word)", not "(1 words)" as 6.3's review did?"""
    good["argument"] = text
    message = _by_section(good)["argument"].message
    assert said in message and "1 words" not in message, message
