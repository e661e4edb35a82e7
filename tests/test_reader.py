"""vraem.reader: load any article, draft its claims, validate a finished table — never raise."""

import dataclasses

import pandas as pd
import pytest

from vraem import load_article, load_claims, reader
from vraem.contract import TAG_SETUP
from vraem.tables import resource_schema

from .conftest import REPO
from .reader_pages import ARTICLE_IDS, SHAPES, saved_page, scrape

CLAIM_COLUMNS = [field["name"] for field in resource_schema("claims")["schema"]["fields"]]


def _draft(text: str) -> pd.DataFrame:
    return reader.draft_claims(text)


def _values(text: str) -> list[str]:
    return list(_draft(text)["value_text"])


# ------------------------------------------------------------------ the five articles


@pytest.mark.parametrize("article_id", ["000", "001", "002", "003", "004"])
def test_the_draft_has_the_claims_columns_and_reads_every_number_it_finds(article_id):
    """Does a draft of each article have claims.csv's columns, a quote in the text and readable values?"""
    article = load_article(article_id)
    draft = reader.draft_claims(article, article_id)
    assert list(draft.columns) == CLAIM_COLUMNS and len(draft) > 0
    text = " ".join(article.text.split())
    assert all(quote in text for quote in draft["quote"])
    assert all(
        value_text in quote
        for value_text, quote in zip(draft["value_text"], draft["quote"], strict=True)
    )


@pytest.mark.parametrize("article_id", ["000", "001", "002", "003", "004"])
def test_the_hand_coded_claims_pass_validation(article_id):
    """Does the validator accept the course's own claims table for each article?"""
    claims = load_claims()
    own = claims[claims["article_id"] == article_id]
    assert reader.validate_claims(own, load_article(article_id)) == []


def test_the_benchmark_reports_recall_and_precision_by_kind():
    """Does the benchmark compare the draft with every hand-coded claim, by kind of number?"""
    result = reader.benchmark()
    assert result.claims == len(load_claims())
    assert 0 < result.recall <= 1 and 0 < result.precision <= 1
    assert result.by_kind["claims"].sum() == result.claims
    assert len(result.misses) == result.claims - result.found
    assert 0 <= result.hedges_right <= result.found


# ------------------------------------------------------------------ kinds of numbers


@pytest.mark.parametrize(
    ("text", "value_text", "low", "high"),
    [
        ("Officials counted 8,000 troops.", "8,000", 8000, 8000),
        ("Officials counted 8.000 troops.", "8.000", 8000, 8000),
        ("The share rose to 12.5 percent.", "12.5", 12.5, 12.5),
        ("They number some 200-300 members.", "200-300", 200, 300),
        ("It has between 8,000 to 10,000 troops.", "8,000 to 10,000", 8000, 10000),
        ("Only 60 to 80 operatives remain.", "60 to 80", 60, 80),
        ("The army built ten bases.", "ten", 10, 10),
        ("The region holds nearly a third of the crop.", "a third", 1 / 3, 1 / 3),
        ("The war lasted three decades.", "three decades", 30, 30),
        ("Dozens of soldiers were sent.", "Dozens", 24, None),
        ("Poverty stands at 80 percent.", "80", 80, 80),
        ("A ransom of $10 million was demanded.", "$10 million", 10_000_000, 10_000_000),
        ("Son 1.500 efectivos.", "1.500", 1500, 1500),
        ("Quedan de 60 a 80 integrantes.", "60 a 80", 60, 80),
    ],
)
def test_each_kind_of_number_is_found_and_read(text, value_text, low, high):
    """Are separators (both styles), decimals, ranges, words, fractions, spans, percents and money read?"""
    draft = _draft(text)
    row = draft[draft["value_text"] == value_text]
    assert len(row) == 1, list(draft["value_text"])
    assert row["value_low"].iloc[0] == pytest.approx(low)
    high_value = row["value_high"].iloc[0]
    assert pd.isna(high_value) if high is None else high_value == pytest.approx(high)


def test_a_change_is_two_figures_not_a_range():
    """Is "from 34,000 to 5,000" read as a before and an after?"""
    assert _values("The area shrank from 34,000 to 5,000 square kilometers.") == ["34,000", "5,000"]


def test_hedges_and_units_are_recorded():
    """Are the hedge before a number and the unit after it recorded in the course's words?"""
    draft = _draft(
        "The rebels are thought to number around 500 fighters. Coca covers some 50,000 hectares."
    )
    assert list(draft["hedge"]) == ["around", "some"]
    assert list(draft["unit"]) == ["people", "hectares"]
    assert _draft("There were at least 50 deaths.")["hedge"].iloc[0] == "at least"
    assert _draft("He has 8,000 to 10,000 troops.")["hedge"].iloc[0] == "none"
    assert _draft("He has between 8,000 and 10,000 troops.")["hedge"].iloc[0] == "between"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("According to the UN, coca covered 60,000 hectares.", "the UN"),
        ("Coca covered 60,000 hectares, according to DEVIDA.", "DEVIDA"),
        (
            "Defense Minister Pedro Cateriano said 10 bases would be built.",
            "Defense Minister Pedro Cateriano",
        ),
        ("The army estimated 500 fighters.", "The army"),
        ("The ministry puts the number of fighters at some 300.", "The ministry"),
        (
            "Some 40 rebels remain, according to figures provided to the press by the Interior Ministry.",
            "the Interior Ministry",
        ),
        ("Police counted 12 deaths, reported El Comercio.", "El Comercio"),
    ],
)
def test_the_source_the_sentence_names_is_recorded(text, who):
    """Is "according to X" (and "figures by X"), "X said", "X puts it at" or ", reported X" picked up?"""
    assert _draft(text)["attributed_to"].iloc[0] == who


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("There are 500 fighters.", "no source is named"),
        ("The crop, valued at an estimated $1 billion, feeds the trade.", "no source is named"),
        ("Some 300 deaths were reported in the valley.", "no source is named"),
        (
            "The army has 500 soldiers in the valley and the police said the roads are calm.",
            "cannot pick out",
        ),
        ("The group once had more than 20,000 fighters, he said.", 'credits "he"'),
        (
            "Coca covered 50,000 hectares, according to its latest report.",
            'credits "its latest report"',
        ),
        ("The attack claimed 20 lives in the valley.", "no source is named"),
        (
            "The 130,000 people who live there -- 80 percent of them poor, according to the mayor -- are isolated.",
            "no source is named",
        ),
    ],
)
def test_where_the_reader_cannot_tell_the_source_it_leaves_it_empty_and_says_why(text, why):
    """Is attributed_to left empty, with the reason in the note, rather than filled with a guess
    ("valued at an", a whole clause, a pronoun, a figure set apart by dashes)?"""
    row = _draft(text).iloc[0]
    assert row["attributed_to"] == ""
    assert row["note"].startswith("attributed_to: ") and why in row["note"]


def test_each_figure_gets_the_source_that_governs_it():
    """In one sentence with two sources, does each figure go to its own?"""
    draft = _draft(
        "The State Department puts their numbers at some 200-300 members, down from more than "
        "20,000 they claimed before."
    )
    assert list(draft["attributed_to"]) == ["The State Department", ""]
    draft = _draft(
        "Minister Ana Ruiz announced a 60-day emergency in several districts, starting today, "
        "reported the Andina agency."
    )
    assert list(draft["attributed_to"]) == ["Minister Ana Ruiz", "Minister Ana Ruiz"]


def test_the_benchmark_measures_attribution_against_the_hand_coded_sources():
    """Does the benchmark count the sources the draft names, how many are the hand-coded ones, and how
    many of the sources the texts name it finds; and does the draft name a wrong one at most once in ten?"""
    result = reader.benchmark()
    assert 0 < result.sources_right <= result.sources_named <= result.found
    assert 0 < result.sources_found <= result.sources_to_find <= result.found
    # derived from the data: the claims whose hand-coded source the text names
    claims = load_claims()
    found = set(result.sources["claim_id"])
    to_find = claims[
        claims["claim_id"].isin(found)
        & ~claims["source_type"].isin(["unattributed", "the outlet itself"])
    ]
    assert result.sources_to_find == len(to_find)
    assert result.source_precision >= 0.9
    assert reader.same_source("the United Nations (UN)", "The United Nations")
    assert not reader.same_source("", "unattributed") and not reader.same_source("AFP", "the UN")


# ------------------------------------------------------------------ texts built to break it


@pytest.mark.parametrize(
    "text",
    [
        "The plan was launched in 2008.",
        "On October 5, the minister spoke.",
        "The decree of 5 October 2016 was published.",
        "Call +51 1 234 5678 for details.",
        "It is one of the largest valleys.",
        "The 21st brigade moved in.",
        "Coca fell between 2009 and 2010.",
    ],
)
def test_dates_years_phones_ordinals_and_one_of_the_are_not_quantities(text):
    """Are years, dates, phone numbers, ordinals and "one of the" left out?"""
    assert _values(text) == []


def test_a_headline_number_is_found_with_its_line():
    """Does a number in a headline (a line with no full stop) come with that line?"""
    draft = _draft("Peru Sends 1,500 Troops\n\nThe government acted on Monday.")
    assert list(draft["value_text"]) == ["1,500"]
    assert draft["quote"].iloc[0] == "Peru Sends 1,500 Troops"


def test_odd_white_space_and_quotes_are_read():
    """Do non-breaking spaces, Windows line endings and curly quotes leave the draft intact?"""
    text = "“They have some\u00a0500\u00a0fighters,” an official said.\r\n\r\nThe U.S. State Department disagrees."
    draft = _draft(text)
    assert list(draft["value_text"]) == ["500"] and draft["hedge"].iloc[0] == "some"
    assert draft["attributed_to"].iloc[0] == "an official"
    problems = reader.validate_claims(draft, reader.load(text))
    # only the reader's judgements are left to fill in: the quote and the values hold
    assert problems and all("empty; fill it in" in problem for problem in problems)
    assert {problem.split("'")[1] for problem in problems} <= {
        "measure",
        "place",
        "reference_period",
        "reference_basis",
        "source_type",
    }


def test_a_one_megabyte_text_is_drafted():
    """Does a very long text come back as a table, without error?"""
    text = "The army sent 1,500 troops to the valley. " * 25_000
    assert len(text) > 1_000_000
    assert len(_draft(text)) == 25_000


@pytest.mark.parametrize("odd", [None, 42, 3.5, b"\x00\x01binary", [], {}, "", "   ", object()])
def test_odd_input_never_raises(odd, capsys):
    """Whatever is passed, do load, draft_claims and validate_claims answer without raising?"""
    article = reader.load(odd)
    assert isinstance(article, reader.ReadArticle)
    draft = reader.draft_claims(odd)
    assert list(draft.columns) == CLAIM_COLUMNS
    assert isinstance(reader.validate_claims(draft, odd), list)
    assert isinstance(reader.validate_claims(odd, odd), list)


# ------------------------------------------------------------------ loading


def test_a_scrape_is_read_with_the_course_parser(tmp_path):
    """Is a scrape of the site read with title, date and byline, from a path too?"""
    raw = load_article("000").raw
    path = tmp_path / "scrape.txt"
    path.write_text(raw, encoding="utf-8")
    for source in (raw, path, str(path)):
        article = reader.load(source)
        assert article.source_kind == "scrape" and article.title and article.published
        assert article.body == load_article("000").body


def test_a_saved_web_page_is_read_offline():
    """Are title, byline, date and main text taken from an HTML page, with no network?"""
    html = """<!doctype html><html><head><title>Peru Sends Troops | Example News</title>
    <meta name="author" content="Ana Pérez"><meta property="article:published_time" content="2021-03-04">
    </head><body><nav>Home | World | Sport</nav><article><h1>Peru Sends Troops</h1>
    <p>The government sent some 1,500 troops to the valley on Monday, according to the defence ministry.</p>
    <p>Officials said the operation would last 60 days and cover several districts of the region.</p>
    </article><footer>Subscribe to our newsletter</footer></body></html>"""
    article = reader.load(html)
    assert article.source_kind == "html"
    assert article.title and "Peru Sends Troops" in article.title
    assert article.byline == "Ana Pérez"
    assert str(article.published) == "2021-03-04"
    assert "Subscribe" not in article.text and "1,500 troops" in article.text
    assert "1,500" in set(reader.draft_claims(article)["value_text"])


def test_plain_text_leaves_unknown_fields_empty_and_says_what_to_fill_in():
    """Is pasted text read without guessing a title, date or byline, and told what to add by hand?"""
    article = reader.load("The army sent 1,500 troops.\n\nThe minister spoke on Monday.")
    assert article.title is None and article.published is None and article.byline is None
    assert len(article.body) == 2
    assert any(note.startswith("published:") and "by hand" in note for note in article.missing)
    assert dataclasses.replace(article, title="Mine").title == "Mine"


def test_binary_and_missing_input_say_what_to_give():
    """Is a binary file or a non-text answered with a sentence on what to pass?"""
    article = reader.load(b"\x89PNG\x00\x00")
    assert article.body == () and "paste the article's text" in article.missing[0]


# ------------------------------------------------------------------ validation messages


def test_validation_names_the_row_and_the_column():
    """Does each problem in a learner's table name the row and the column, and say what is wrong?"""
    article = load_article("003")
    claims = load_claims()
    table = claims[claims["article_id"] == "003"].head(3).copy().reset_index(drop=True)
    table.loc[0, "quote"] = "a sentence that is not in the article"
    table.loc[1, "value_low"] = 1.0
    table.loc[2, "source_type"] = "a friend"
    problems = reader.validate_claims(table, article)
    assert any(p.startswith("row 1, column 'quote'") for p in problems)
    assert any(p.startswith("row 2, column 'value_low'") for p in problems)
    assert any(p.startswith("row 3, column 'source_type'") for p in problems)
    assert reader.validate_claims(table.drop(columns=["hedge"]), article)[0].startswith(
        "the table lacks"
    )


# ------------------------------------------------------------------ additions for lesson 06


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "The group has 450 fighters, Pedro Yaranga, a Peruvian security expert, told InSight Crime.",
            "Pedro Yaranga, a Peruvian security expert",
        ),
        (
            "Carlos Tubino, the vice president of the Defense Committee, told Andina that 64 bases exist.",
            "Carlos Tubino, the vice president of the Defense Committee",
        ),
        ("Emphasis will be on the first two points, Valdes affirmed.", "Valdes"),
    ],
)
def test_a_source_with_its_role_between_commas_is_the_speaker_not_the_listener(text, who):
    """Is "Name, a role, told X" credited to the name and role, not to X?"""
    assert _draft(text)["attributed_to"].iloc[0] == who


def test_an_inverted_report_is_not_read_as_an_apposition():
    """Does "…, a key stronghold, and the valley to its north, reported Andina" credit Andina?"""
    text = "Peru launched 2 plans for the VRAE, a key stronghold, and the valley to its north, reported Andina."
    assert _draft(text)["attributed_to"].iloc[0].startswith("Andina")


def test_voices_lists_the_sentences_that_cite_someone():
    """Are the sentences with a reporting word listed, with the speaker, and no hedge or mere mention?"""
    voices = reader.voices(load_article("003"))
    assert list(voices.columns) == ["section", "who", "sentence"]
    assert "Pedro Yaranga, a Peruvian security expert" in set(voices["who"])
    assert "the Ministry of the Interior" in set(voices["who"])
    assert (
        not voices["sentence"].str.contains("rural farming communities").any()
    )  # talked about, not cited
    estimated = reader.voices(load_article("000"))["sentence"]
    assert not estimated.str.contains("an estimated 80 percent").any()  # a hedge, not a voice


@pytest.mark.parametrize("odd", [None, "", "No one speaks here.", 42])
def test_voices_of_odd_input_is_an_empty_table(odd, capsys):
    """Does voices() answer odd input with an empty table, not an error?"""
    voices = reader.voices(odd)
    assert voices.empty and list(voices.columns) == ["section", "who", "sentence"]


def test_an_analysis_article_is_drafted_as_analysis():
    """Is every drafted row of the undated Analysis (001) in the 'analysis' section, as in claims.csv?"""
    draft = reader.draft_claims(load_article("001"), "001")
    assert set(draft["section"]) == {"analysis"}


def test_compare_and_match_pair_each_claim_with_its_drafted_row():
    """Do compare_with_claims and match_draft agree on which drafted row stands for which claim?"""
    claims = load_claims()
    own = claims[claims["article_id"] == "003"]
    draft = reader.draft_claims(load_article("003"), "003")
    compared = reader.compare_with_claims(draft, own)
    matched = reader.match_draft(draft, own)
    assert matched.index.equals(draft.index)
    by_draft = dict(zip(draft["claim_id"], matched, strict=True))
    for claim_id, drafted_id in zip(compared["claim_id"], compared["drafted_id"], strict=True):
        assert drafted_id is not None and by_draft[drafted_id] == claim_id


def test_page_furniture_on_a_raw_page_matches_no_claim():
    """On article 004's file read as plain text, are the rows from the page around it unmatched?"""
    from vraem.corpus import load_metadata
    from vraem.paths import data_file

    raw = reader.load(
        data_file("articles/" + load_metadata().set_index("article_id").loc["004", "file"])
    )
    assert raw.title is None and any(note.startswith("title:") for note in raw.missing)
    draft = reader.draft_claims(raw, "004")
    claims = load_claims()
    matched = reader.match_draft(draft, claims[claims["article_id"] == "004"])
    text = " ".join(load_article("004").text.split())
    in_article = [quote in text for quote in draft["quote"]]
    # every row whose sentence is the article's is a claim; every other row is page furniture
    assert list(matched.notna()) == in_article and not all(in_article)


def test_own_measures_can_be_allowed_for_an_article_on_another_subject():
    """Is an unknown measure a problem by default, and accepted when the learner names it?"""
    text = "Police counted 1,200 homicides in the city."
    table = reader.draft_claims(text)
    table["measure"], table["place"], table["reference_period"] = "homicides", "the city", "unknown"
    table["reference_basis"], table["source_type"], table["unit"] = (
        "unknown",
        "government agency",
        "people",
    )
    table["attributed_to"] = (
        "Police"  # the draft leaves it empty: the sentence names no one it can credit
    )
    problems = reader.validate_claims(table, text)
    assert len(problems) == 1 and "'measure'" in problems[0] and "measures=" in problems[0]
    assert reader.validate_claims(table, text, measures=["homicides"]) == []
    assert reader.validate_claims(table, text, measures="homicides") == []


@pytest.mark.parametrize("name", ["my-article.html", "pages/saved.htm", "notes.txt"])
def test_a_mistyped_file_name_is_not_read_as_an_article(name, tmp_path, monkeypatch, capsys):
    """Does a file name that is not there say so, instead of becoming a one-line article?"""
    monkeypatch.chdir(tmp_path)
    article = reader.load(name)
    assert article.body == () and article.source_kind == "nothing"
    assert "not there" in article.missing[0] and str(tmp_path) in article.missing[0]
    assert reader.draft_claims(name).empty
    assert "not there" in capsys.readouterr().out


# ------------------------------------------------------------------ real pages, however they were kept


_HEADED = [article_id for article_id in ARTICLE_IDS if load_article(article_id).title]
_FIELDS = ("title", "published", "byline", "kind", "section", "news", "analysis")


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("article_id", _HEADED)
def test_a_page_of_the_site_is_recognised_however_it_was_kept(article_id, shape):
    """With a URL line, blank lines or the menu above it, copied from a browser or saved as HTML, is
    each page read as the course's parser reads the clean scrape: same header, same paragraphs?"""
    article = reader.load(SHAPES[shape](article_id))
    expected = load_article(article_id)
    assert {name: getattr(article, name) for name in _FIELDS} == {
        name: getattr(expected, name) for name in _FIELDS
    }
    # only what the scrape itself lacks is listed, each field by name
    assert [note.split(":")[0] for note in article.missing] == [
        name for name in ("title", "published", "byline") if getattr(expected, name) is None
    ]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_page_without_its_header_says_what_is_missing_and_keeps_the_analysis(shape):
    """Article 004's scrape lost its headline and dateline: is every field it lacks named, with how to
    give it, the analysis kept apart from the news, and the page around it flagged?"""
    article = reader.load(SHAPES[shape]("004"))
    expected = load_article("004")
    assert (
        article.title is None or shape.startswith("a saved web page")
    ) and article.published is None
    named = [note.split(":")[0] for note in article.missing]
    assert "published" in named and "byline" in named and "page" in named
    assert all(paragraph in article.news for paragraph in expected.news)
    assert all(paragraph in article.analysis for paragraph in expected.analysis)


def test_a_saved_page_takes_no_date_from_the_teasers_around_the_article():
    """The undated analysis (001) saved as HTML shows other articles' dates: is published still None?"""
    article = reader.load(saved_page("001"))
    assert article.published is None and any(
        note.startswith("published:") for note in article.missing
    )


def test_a_saved_page_is_read_from_its_file(tmp_path):
    """Is a saved page given by its path read like the page itself, naming nothing missing?"""
    path = tmp_path / "peru.html"
    path.write_text(saved_page("003"), encoding="utf-8")
    article = reader.load(path)
    assert (
        article.source_kind == "html"
        and article.byline == "Sergio Saffón"
        and article.missing == ()
    )


@pytest.mark.parametrize(
    "page",
    [
        "<!doctype html><html><head><title>Peru</title></head><body></body></html>",
        "<html>\n<head><title>Peru</title></head>\n<body>\n</body>\n</html>",
        "<!DOCTYPE html><html><body><div><p></p></div></body></html>",
    ],
)
def test_a_saved_page_with_an_empty_body_says_so(page, tmp_path):
    """Does a page with no text give a message naming the file and what to do, not a TypeError?"""
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    for source in (page, path):
        article = reader.load(source)
        assert article.body == () and article.source_kind == "html"
        text_note = next(note for note in article.missing if note.startswith("text:"))
        assert "no article text" in text_note and "reader.load" in text_note
    assert str(path) in next(note for note in reader.load(path).missing if note.startswith("text:"))


def test_fill_in_sets_a_field_and_lists_only_what_is_still_missing(capsys):
    """Does fill_in set the title, a date written year-month-day or a Timestamp, and refuse a non-date?"""
    article = reader.load(scrape("004"))
    filled = reader.fill_in(article, title="A headline", published=pd.Timestamp("2016-10-11"))
    assert filled.title == "A headline" and str(filled.published) == "2016-10-11"
    assert [note.split(":")[0] for note in filled.missing] == ["byline", "page"]
    assert reader.fill_in(filled, byline="unsigned").byline == "unsigned"
    assert reader.fill_in(article, published="2016-10-11").published.isoformat() == "2016-10-11"
    wrong = reader.fill_in(article, published="11/10/2016")
    assert wrong.published is None and "year-month-day" in capsys.readouterr().out
    assert any("'11/10/2016' is not a date" in note for note in wrong.missing)


# ------------------------------------------------------------------ the advice runs as printed


def _lesson_namespace() -> dict:
    """The names lesson 06's setup cell gives a learner (its imports and data), as in the notebook."""
    import nbformat

    notebook = nbformat.read(REPO / "lessons" / "06-capstone.ipynb", as_version=4)
    setup = next(cell for cell in notebook.cells if TAG_SETUP in cell.metadata.get("tags", []))
    namespace: dict = {}
    exec(compile(setup.source, "lesson 06, setup cell", "exec"), namespace)  # noqa: S102
    return namespace


def _advice(tmp_path) -> list[tuple[str, object]]:
    """Every message the reader prints for a learner to act on, with the article it was given for."""
    import io
    from contextlib import redirect_stdout

    empty_page = tmp_path / "empty.html"
    empty_page.write_text("<html><head></head><body></body></html>", encoding="utf-8")
    articles = [
        reader.load(source)
        for source in (
            "The army sent 1,500 troops.",
            scrape("004"),
            saved_page("001"),
            empty_page,
            "",
            None,
            "no-such-file.txt",
        )
    ]
    with redirect_stdout(io.StringIO()):
        articles.append(reader.fill_in(articles[0], published="yesterday", title=42))
    return [(note, article) for article in articles for note in article.missing]


def test_every_piece_of_advice_the_reader_prints_runs_in_the_lesson(tmp_path, monkeypatch, capsys):
    """Does each line of code the reader advises run as printed in lesson 06, with only the names its
    setup cell imports (no datetime), and does filling in a field take it off the list?"""
    import re

    monkeypatch.chdir(tmp_path)
    namespace = _lesson_namespace()
    advice = _advice(tmp_path)
    assert len(advice) >= 10
    for note, article in advice:
        snippets = re.findall(r"`([^`]+)`", note)
        assert snippets, f"no code to run in: {note}"
        for snippet in snippets:
            scope = {**namespace, "article": article}
            exec(compile(snippet, "advice", "exec"), scope)  # noqa: S102 - raises if the advice is wrong
            field_name = note.split(":")[0]
            if (
                field_name in ("title", "published", "byline")
                and "fill_in" in snippet
                and "is not" not in note
            ):
                assert getattr(scope["article"], field_name) is not None
                assert not any(
                    left.startswith(field_name + ":") for left in scope["article"].missing
                )


# ------------------------------------------------------------------ linear in the text


class _CountedPattern:
    """A compiled pattern that adds up how many characters each call hands to the regex engine."""

    def __init__(self, pattern, tally):
        self._pattern, self._tally = pattern, tally

    def _count(self, string, pos=0, endpos=None):
        self._tally[0] += max(0, min(len(string), len(string) if endpos is None else endpos) - pos)

    def search(self, string, pos=0, endpos=None):
        self._count(string, pos, endpos)
        return self._pattern.search(string, pos, len(string) if endpos is None else endpos)

    def match(self, string, pos=0, endpos=None):
        self._count(string, pos, endpos)
        return self._pattern.match(string, pos, len(string) if endpos is None else endpos)

    def fullmatch(self, string, pos=0, endpos=None):
        self._count(string, pos, endpos)
        return self._pattern.fullmatch(string, pos, len(string) if endpos is None else endpos)

    def finditer(self, string, pos=0, endpos=None):
        self._count(string, pos, endpos)
        return self._pattern.finditer(string, pos, len(string) if endpos is None else endpos)

    def findall(self, string, pos=0, endpos=None):
        self._count(string, pos, endpos)
        return self._pattern.findall(string, pos, len(string) if endpos is None else endpos)

    def sub(self, repl, string, count=0):
        self._count(string)
        return self._pattern.sub(repl, string, count)

    def split(self, string, maxsplit=0):
        self._count(string)
        return self._pattern.split(string, maxsplit)

    def __getattr__(self, name):
        return getattr(self._pattern, name)


def _characters_scanned(monkeypatch, text: str) -> int:
    """How many characters drafting a text hands to the regular expressions of the reader, in all."""
    import re
    import sys

    from vraem.reader import quantities

    tally = [0]
    modules = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("vraem.reader.") or name == "vraem.attribution"
    ]
    for module in modules:  # the reader's modules and its helper for sources
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _CountedPattern(value, tally))
    getattr(quantities.read_value, "cache_clear", lambda: None)()
    reader.draft_claims(text)
    monkeypatch.undo()
    return tally[0]


@pytest.mark.parametrize(
    ("unit", "end"),
    [
        ("1, ", ""),
        ("A. ", ""),
        ("one two ", ""),
        ("about 1 to 2, ", ""),
        ("X said 1, ", ""),
        ("Mr. Li said 3. ", ""),
        ("1, ", "according to the UN."),
        ("1 -- ", "the army said."),
    ],
)
def test_drafting_is_linear_in_the_text(unit, end, monkeypatch):
    """Does drafting four times the text scan about four times the characters, not sixteen times,
    however many numbers or abbreviations a sentence holds, and wherever its source stands?
    (Operation counts, not timings: the timings are in tools/benchmark_reader.py.)"""
    small = _characters_scanned(monkeypatch, unit * (600 // len(unit)) + end)
    large = _characters_scanned(monkeypatch, unit * (2400 // len(unit)) + end)
    assert small > 0 and large <= 5 * small, (small, large)


# ------------------------------------------------------------------ bringing your own article (lesson 06, section 4)


def _my_article_cell() -> str:
    import nbformat

    notebook = nbformat.read(REPO / "lessons" / "06-capstone.ipynb", as_version=4)
    return next(
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.startswith("MY_ARTICLE = ")
    )


@pytest.mark.parametrize("copied", ["the whole page", "the paragraphs only"])
def test_a_pasted_article_keeps_its_paragraphs_the_ways_the_lesson_shows(
    copied, tmp_path, monkeypatch, capsys
):
    """Run as the lesson says, with a text file next to the notebook and with the text pasted between
    three quotes, does lesson 06's cell read the article with its paragraphs apart?"""
    from .reader_pages import copied_from_browser

    monkeypatch.chdir(tmp_path)
    expected = load_article("003")
    text = (
        copied_from_browser("003").replace("\r\n", "\n")
        if copied == "the whole page"
        else expected.text
    )
    cell = _my_article_cell()
    first_line, rest = cell.split("\n", 1)
    assert "my-article.txt" in first_line and '"""' in first_line  # the ways the lesson names
    (tmp_path / "my-article.txt").write_text(text, encoding="utf-8")
    for way in ('MY_ARTICLE = "my-article.txt"', f'MY_ARTICLE = """\n{text}\n"""'):
        namespace = _lesson_namespace()
        exec(compile(way + "\n" + rest, "lesson 06, MY_ARTICLE cell", "exec"), namespace)  # noqa: S102
        mine = namespace["mine"]
        assert mine.body == expected.body
        if copied == "the whole page":
            assert (mine.title, mine.published, mine.news, mine.analysis) == (
                expected.title,
                expected.published,
                expected.news,
                expected.analysis,
            )


@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_benchmark_figures_hold_on_pages_kept_the_ways_a_learner_keeps_them(shape):
    """Drafted from the five pages saved, copied or pasted with a URL line or the menu above, are the
    claims found and the sources named (and named rightly) the same as from the clean scrapes?"""
    clean = reader.benchmark()
    kept = reader.benchmark(load=lambda article_id: reader.load(SHAPES[shape](article_id)))
    figures = (
        "found",
        "hedges_right",
        "sources_named",
        "sources_right",
        "sources_to_find",
        "sources_found",
    )
    assert [getattr(kept, name) for name in figures] == [getattr(clean, name) for name in figures]
    assert kept.source_precision >= 0.9


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_source_the_draft_names_is_a_name_and_every_empty_one_says_why(shape):
    """On the five pages however kept, is each attributed_to a short name (never a clause such as
    "information provided to ... by X", a phrase ending "valued at an", a possessive such as "its latest
    report", or the whole sentence), and is each one left empty explained in the row's note?"""
    for article_id in ARTICLE_IDS:
        draft = reader.draft_claims(reader.load(SHAPES[shape](article_id)), article_id)
        assert not draft.empty
        for who, quote, note in zip(
            draft["attributed_to"], draft["quote"], draft["note"], strict=True
        ):
            if who == "":
                assert note.startswith("attributed_to: "), (article_id, quote)
                continue
            words = who.replace("’", "'").split()
            name = who.split(",")[0]  # "Name, a role" names the person before the comma
            assert who != quote and len(name.split()) <= 12 and len(words) <= 20, (article_id, who)
            assert words[-1].lower() not in {
                "a",
                "an",
                "the",
                "of",
                "at",
                "to",
                "by",
                "and",
                "or",
            }, who
            assert words[0].lower() not in {
                "its",
                "their",
                "his",
                "her",
                "he",
                "she",
                "they",
                "it",
            }, who
            assert who.lower() != "unattributed", (
                article_id,
                who,
            )  # the draft never fills in a judgement


def test_the_speed_benchmark_drafts_each_text_built_to_be_slow(capsys):
    """Does tools/benchmark_reader.py draft each of its slow texts (the issue's "1, 1, …" and "A. A. …"
    among them) and report a time and a row count for each? Run small here; its figures are in the README."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "benchmark_reader", REPO / "tools" / "benchmark_reader.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert {"1, ", "A. "} <= set(tool.ADVERSARIAL.values())
    tool.speed((3_000,))
    lines = capsys.readouterr().out.splitlines()[1:]
    assert len(lines) == len(tool.ADVERSARIAL)
    for line, (name, unit) in zip(lines, tool.ADVERSARIAL.items(), strict=True):
        rows = len(reader.draft_claims(unit * (3_000 // len(unit))))
        assert name in line and " s (" in line and f"({rows:,} rows)" in line, line
