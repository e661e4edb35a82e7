"""The scrape parser, on the five articles and on variants of a scrape."""

from datetime import date

import pytest

from vraem import load_article
from vraem.scrape import NotAScrapeError, ScrapeWarning, parse_scrape

BOILERPLATE = (
    "HomeNews",
    "Was this content helpful?",
    "DONATE",
    "What are your thoughts?",
    "We encourage readers to copy",
    "Related Content",
    "About InSight Crime",
    "SEE ALSO",
    "share icon",
    "Investigations",
    "map_vrae2Source",
)

SYNTHETIC = """HomeNewsBriefRebels Seen Near River
BRIEF

Rebels Seen Near River

COCA / 3 MAR 2015 BY ANA PÉREZ EN

Soldiers found a camp by the river, officials said.

SEE ALSO: Coverage of the region

The army said about 20 fighters had fled.

InSight Crime Analysis

The sighting suggests the group is still active.

share icon icon icon

Was this content helpful?

Related Content

COCA / 1 JAN 2022

A teaser that is not part of the article.
"""


def test_the_five_articles_parse_with_their_signposts():
    """Do the dated scrapes give title, date, byline and kind, and the others None?"""
    first = load_article("000")
    assert first.title == "Peru To Combat Shining Path Through Development Program"
    assert first.published == date(2012, 7, 19)
    assert first.byline == "Edward Fox"
    assert first.kind == "Brief"
    assert load_article("002").byline == "InSight Crime"
    undated = load_article("001")
    assert undated.published is None and undated.byline is None and undated.kind == "Analysis"
    headless = load_article("004")
    assert headless.title is None and headless.published is None and headless.kind is None


@pytest.mark.parametrize("article_id", ["000", "001", "002", "003", "004"])
def test_no_boilerplate_reaches_the_body(article_id):
    """Does every page-furniture line stay out of the article text?"""
    text = load_article(article_id).text
    for marker in BOILERPLATE:
        assert marker not in text, f"{marker!r} leaked into article {article_id}"


def test_news_and_analysis_split_at_the_outlets_heading():
    """Are the paragraphs after 'InSight Crime Analysis' the analysis, and the rest the news?"""
    article = load_article("003")
    assert article.news[0].startswith("Yet again, Peruvian security forces")
    assert article.analysis[0].startswith("An overwhelming military presence")
    assert article.body == article.news + article.analysis
    assert load_article("001").analysis == ()


def test_a_photo_caption_before_the_text_is_dropped():
    """Does the caption that opens the 2016 scrape stay out of the body?"""
    article = load_article("004")
    assert article.body[0].startswith("Peru's government will once again")
    assert "Peruvian soldiers destroying coca crops" not in article.text


def test_a_synthetic_scrape_parses_fully():
    """Does the parser read another scrape of the site, with no rules for our five files?"""
    article = parse_scrape(SYNTHETIC)
    assert article.title == "Rebels Seen Near River"
    assert article.published == date(2015, 3, 3)
    assert article.byline == "Ana Pérez"
    assert article.section == "Coca"
    assert article.news == (
        "Soldiers found a camp by the river, officials said.",
        "The army said about 20 fighters had fled.",
    )
    assert article.analysis == ("The sighting suggests the group is still active.",)
    assert "teaser" not in article.text


def test_missing_date_and_headline_are_none_not_guessed():
    """Without crumb, title and dateline, are those fields None and the text intact?"""
    body = SYNTHETIC.split("COCA / 3 MAR 2015 BY ANA PÉREZ EN\n\n", 1)[1]
    article = parse_scrape(body)
    assert (article.title, article.published, article.byline, article.kind) == (
        None,
        None,
        None,
        None,
    )
    assert article.news[0] == "Soldiers found a camp by the river, officials said."


def test_no_analysis_section_gives_an_empty_analysis():
    """Is a scrape without the outlet's heading all news?"""
    article = parse_scrape(SYNTHETIC.replace("InSight Crime Analysis\n\n", ""))
    assert article.analysis == ()
    assert article.news[-1] == "The sighting suggests the group is still active."


def test_extra_boilerplate_blocks_are_dropped():
    """Do donate blocks and 'About InSight Crime' lists after the text stay out?"""
    extra = SYNTHETIC.replace(
        "share icon icon icon", "DONATE\n\nAbout InSight Crime\n\nWORK WITH US"
    )
    article = parse_scrape(extra)
    assert article.analysis == ("The sighting suggests the group is still active.",)


def test_windows_line_endings_and_non_breaking_spaces():
    """Do CRLF line ends and U+00A0 spaces parse the same as plain text?"""
    variant = SYNTHETIC.replace("\n", "\r\n").replace("camp by", "camp\u00a0by")
    assert parse_scrape(variant).body == parse_scrape(SYNTHETIC).body


def test_curly_quotes_are_kept_and_do_not_break_the_header():
    """Does a headline with a curly apostrophe still match its crumb, keeping the character?"""
    curly = SYNTHETIC.replace("Rebels Seen Near River", "Rebels’ “Camp” Seen").replace(
        "officials said", "“officials” said"
    )
    article = parse_scrape(curly)
    assert article.title == "Rebels’ “Camp” Seen"
    assert article.news[0] == "Soldiers found a camp by the river, “officials” said."


def test_a_scrape_with_a_dateline_but_no_headline_keeps_its_date():
    """Does a lost headline leave the title None while the dateline still dates the article?"""
    headless = SYNTHETIC[SYNTHETIC.index("COCA / 3 MAR 2015") :]
    assert headless.startswith("COCA / 3 MAR 2015")
    article = parse_scrape(headless)
    assert article.title is None
    assert article.published == date(2015, 3, 3) and article.byline == "Ana Pérez"
    assert article.news[0] == "Soldiers found a camp by the river, officials said."


# ---------------------------------------------------------------- texts that are not what they seem


def test_an_impossible_date_leaves_published_empty_and_says_why():
    """Does a dateline of 31 FEB give published None, a reason in problems and a warning, never a crash?"""
    with pytest.warns(ScrapeWarning, match="31 FEB 2015"):
        article = parse_scrape(SYNTHETIC.replace("3 MAR 2015", "31 FEB 2015"))
    assert article.published is None
    assert any(
        "31 FEB 2015" in problem and "does not exist" in problem for problem in article.problems
    )
    assert article.byline == "Ana Pérez" and article.section == "Coca"
    assert "31 FEB" not in article.text  # the dateline is still read as the dateline


def test_a_misprinted_month_is_reported_not_taken_for_text():
    """Does a dateline with an unknown month stay out of the body, with the reason given?"""
    with pytest.warns(ScrapeWarning):
        article = parse_scrape(SYNTHETIC.replace("3 MAR 2015", "3 MRZ 2015"))
    assert article.published is None and article.problems
    assert article.news[0] == "Soldiers found a camp by the river, officials said."


def test_a_good_scrape_has_no_problems():
    """Are the five articles and the synthetic scrape free of problems?"""
    assert parse_scrape(SYNTHETIC).problems == ()
    assert all(
        load_article(article_id).problems == ()
        for article_id in ["000", "001", "002", "003", "004"]
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '<!DOCTYPE html>\n<html><head><title>Peru</title></head>\n<body><div class="post"><p>Rebels seen.'
            "</p></div></body></html>",
            "HTML source",
        ),
        (
            "Weather in Lima\n\nSunny spells today.\n\nRelated Content\n\nTomorrow: rain.",
            "signposts",
        ),
        ("\x00\x01\x02binary\x03" * 50, "binary"),
        ("", "empty"),
        ("   \n\n  ", "empty"),
        (b"HomeNewsBriefRebels", "not bytes"),
    ],
    ids=["html", "another-site", "binary", "empty", "blank", "bytes"],
)
def test_a_text_that_is_not_a_scrape_of_the_site_is_refused(text, said):
    """Is an HTML page, another site's page, binary or empty text refused, not returned as article text?"""
    with pytest.raises(NotAScrapeError, match=said):
        parse_scrape(text)


def test_bylines_keep_the_pages_capitalisation():
    """Is a byline printed with small letters kept as printed, and a capitals one put in name case?"""
    mixed = parse_scrape(SYNTHETIC.replace("BY ANA PÉREZ", "BY Jeremy McDermott"))
    assert mixed.byline == "Jeremy McDermott"
    capitals = parse_scrape(SYNTHETIC.replace("BY ANA PÉREZ", "BY JEREMY MCDERMOTT"))
    assert capitals.byline == "Jeremy McDermott"
    assert (
        parse_scrape(SYNTHETIC.replace("BY ANA PÉREZ", "BY INSIGHT CRIME")).byline
        == "InSight Crime"
    )


# ---------------------------------------------------------------- the header below other lines


@pytest.mark.parametrize(
    "above",
    [
        "URL: https://example.org/rebels-seen-near-river/\n",
        "\n\n   \n",
        "Skip to content\nHome\nNews\nAnalysis\nInvestigations\nDonate\nEN | ES\n",
        "Home / News / Analysis\nBRIEF\n",
    ],
    ids=["url-line", "blank-lines", "menu", "menu-crumb-and-label"],
)
def test_the_header_is_found_below_other_lines(above):
    """With a URL line, blank lines or the site's menu above the page, are the header and text read
    as without them ("Analysis" and "Investigations" in the menu are neither the kind nor the end)?"""
    article = parse_scrape(above + SYNTHETIC)
    expected = parse_scrape(SYNTHETIC)
    assert (article.title, article.published, article.byline, article.kind, article.section) == (
        expected.title,
        expected.published,
        expected.byline,
        expected.kind,
        expected.section,
    )
    assert article.news == expected.news and article.analysis == expected.analysis


def test_a_header_copied_from_a_browser_is_read():
    """Are a crumb with separators, a date written out, and a byline and language on lines of
    their own read as the scrape's one-line header?"""
    copied = SYNTHETIC.replace(
        "HomeNewsBriefRebels Seen Near River", "Home / News / Brief / Rebels Seen Near River"
    )
    copied = copied.replace(
        "COCA / 3 MAR 2015 BY ANA PÉREZ EN", "Coca / 3 March 2015\nBY ANA PÉREZ\nEN"
    )
    article = parse_scrape(copied)
    assert (article.title, article.published, article.byline, article.kind) == (
        "Rebels Seen Near River",
        date(2015, 3, 3),
        "Ana Pérez",
        "Brief",
    )
    assert article.news == parse_scrape(SYNTHETIC).news


def test_a_headline_above_the_dateline_is_the_title_when_the_crumb_is_lost():
    """Without the crumb, is the line above the dateline the title, and a URL line never?"""
    article = parse_scrape(SYNTHETIC.split("\n", 1)[1])  # the crumb line dropped
    assert article.title == "Rebels Seen Near River" and article.kind == "Brief"
    no_headline = "URL: https://example.org/x\n" + SYNTHETIC[SYNTHETIC.index("COCA / 3 MAR 2015") :]
    assert parse_scrape(no_headline).title is None


def test_the_teasers_datelines_are_not_the_articles():
    """With no line long enough to be article text, is the signed dateline the article's, not a teaser's?"""
    article = parse_scrape("Related links\nCOCA / 1 JAN 2022\n" + SYNTHETIC)
    assert article.published == date(2015, 3, 3) and article.byline == "Ana Pérez"
