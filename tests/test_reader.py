"""vraem.reader: load any article, draft its claims, validate a finished table — never raise."""

import dataclasses

import pandas as pd
import pytest

from vraem import load_article, load_claims, reader
from vraem.tables import resource_schema

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
    assert all(value_text in quote for value_text, quote in zip(draft["value_text"], draft["quote"]))


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

@pytest.mark.parametrize(("text", "value_text", "low", "high"), [
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
])
def test_each_kind_of_number_is_found_and_read(text, value_text, low, high):
    """Are separators (both styles), decimals, ranges, words, fractions, spans, percents and money read?"""
    draft = _draft(text)
    row = draft[draft["value_text"] == value_text]
    assert len(row) == 1, list(draft["value_text"])
    assert row["value_low"].iloc[0] == pytest.approx(low)
    high_value = row["value_high"].iloc[0]
    assert (pd.isna(high_value) if high is None else high_value == pytest.approx(high))


def test_a_change_is_two_figures_not_a_range():
    """Is "from 34,000 to 5,000" read as a before and an after?"""
    assert _values("The area shrank from 34,000 to 5,000 square kilometers.") == ["34,000", "5,000"]


def test_hedges_and_units_are_recorded():
    """Are the hedge before a number and the unit after it recorded in the course's words?"""
    draft = _draft("The rebels are thought to number around 500 fighters. Coca covers some 50,000 hectares.")
    assert list(draft["hedge"]) == ["around", "some"]
    assert list(draft["unit"]) == ["people", "hectares"]
    assert _draft("There were at least 50 deaths.")["hedge"].iloc[0] == "at least"
    assert _draft("He has 8,000 to 10,000 troops.")["hedge"].iloc[0] == "none"
    assert _draft("He has between 8,000 and 10,000 troops.")["hedge"].iloc[0] == "between"


@pytest.mark.parametrize(("text", "who"), [
    ("According to the UN, coca covered 60,000 hectares.", "the UN"),
    ("Coca covered 60,000 hectares, according to DEVIDA.", "DEVIDA"),
    ("Defense Minister Pedro Cateriano said 10 bases would be built.", "Defense Minister Pedro Cateriano"),
    ("The army estimated 500 fighters.", "The army"),
    ("There are 500 fighters.", "unattributed"),
])
def test_the_nearest_attribution_is_recorded(text, who):
    """Is "according to X", "X said" or "X estimated" picked up, and no source invented?"""
    assert _draft(text)["attributed_to"].iloc[0] == who


# ------------------------------------------------------------------ texts built to break it

@pytest.mark.parametrize("text", [
    "The plan was launched in 2008.",
    "On October 5, the minister spoke.",
    "The decree of 5 October 2016 was published.",
    "Call +51 1 234 5678 for details.",
    "It is one of the largest valleys.",
    "The 21st brigade moved in.",
    "Coca fell between 2009 and 2010.",
])
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
        "measure", "place", "reference_period", "reference_basis", "source_type"}


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
    assert reader.validate_claims(table.drop(columns=["hedge"]), article)[0].startswith("the table lacks")


# ------------------------------------------------------------------ additions for lesson 06

@pytest.mark.parametrize(("text", "who"), [
    ("The group has 450 fighters, Pedro Yaranga, a Peruvian security expert, told InSight Crime.",
     "Pedro Yaranga, a Peruvian security expert"),
    ("Carlos Tubino, the vice president of the Defense Committee, told Andina that 64 bases exist.",
     "Carlos Tubino, the vice president of the Defense Committee"),
    ("Emphasis will be on the first two points, Valdes affirmed.", "Valdes"),
])
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
    assert not voices["sentence"].str.contains("rural farming communities").any()  # talked about, not cited
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

    raw = reader.load(data_file("articles/" + load_metadata().set_index("article_id").loc["004", "file"]))
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
    table["reference_basis"], table["source_type"], table["unit"] = "unknown", "government agency", "people"
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
