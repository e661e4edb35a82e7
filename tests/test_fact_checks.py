"""What the reference notes settle: flagged claims, dated events, and credited passages."""

import re

import pytest

from vraem import load_claims, load_corpus, load_events, reference_note
from vraem.outside import load_outside_figures
from vraem.provenance import article_texts, reference_text
from vraem.quotes import QuoteNotFoundError

AREA_MEASURES = ("coca_area", "coca_area_share", "coca_area_change")


def _claim(claim_id):
    claims = load_claims().set_index("claim_id")
    return claims.loc[claim_id]


def test_every_fact_check_note_names_an_item_of_the_reference():
    """Does each flag say which item of context_facts.md settles it, and does that item exist?"""
    flagged = load_claims().dropna(subset=["fact_check"])
    assert len(flagged) > 0
    items = set(re.findall(r"## \(([a-z])\)", reference_text()))
    for row in flagged.itertuples():
        cited = set(re.findall(r"reference \(([a-z])\)", row.fact_check_note, re.IGNORECASE))
        assert cited and cited <= items, f"{row.claim_id}: {row.fact_check_note}"


def test_artemio_a_decade_later_is_flagged_as_contradicted():
    """Does the table record article 003's 'a decade later' and flag it with the capture date?"""
    claim = _claim("C039")
    assert (
        claim["value"] == 10 and claim["reference_period"] == "1992/2002"
    )  # what the article says
    assert claim["fact_check"] == "contradicted"
    events = load_events()
    capture = events[events["source_url"] == claim["fact_check_url"]]
    assert capture["date"].tolist() == ["2012-02-12"]
    assert "12 de febrero del 2012" in capture["quote"].iloc[0]
    # the year the article implies is not the year of the capture
    assert int(claim["reference_period"][-4:]) != capture["start"].dt.year.iloc[0]


def test_the_2015_lifting_is_unverified_for_the_vraem():
    """Are both figures of article 004's 'lifted last year' sentence flagged, pointing to the Alto Huallaga?"""
    for claim_id in ("C044", "C045"):
        claim = _claim(claim_id)
        assert claim["fact_check"] == "unverified"
        assert (
            "Alto Huallaga" in claim["fact_check_note"]
            and "17 Sept 2015" in claim["fact_check_note"]
        )
    assert "not verified for the VRAEM" in reference_text()
    lifted = load_events().query("date == '2015-06'")
    assert lifted["place"].tolist() == ["Alto Huallaga"]


def test_coca_area_figures_are_left_to_the_series_rule():
    """Are coca-area claims unflagged, as datapackage.json says (lesson 03 judges them)?"""
    claims = load_claims()
    assert claims.loc[claims["measure"].isin(AREA_MEASURES), "fact_check"].isna().all()


def test_every_place_is_named_in_its_article_or_the_reference():
    """Is each claim's place a name the article or the reference notes use?"""
    texts, reference = article_texts(), reference_text()
    for row in load_claims().itertuples():
        assert row.place in texts[row.article_id] or row.place in reference, (
            f"{row.claim_id}: {row.place}"
        )


def test_the_dating_window_of_an_undated_article_rests_on_the_reference():
    """Are both ends of an undated article's window dates the reference notes give, with an event each?"""
    corpus = load_corpus()
    undated = corpus[corpus["published"].isna()]
    assert len(undated) > 0
    events = load_events()
    for row in undated.itertuples():
        assert "reference (" in row.date_evidence.lower()
        for end in (row.published_earliest, row.published_latest):
            written = f"{end.day} {end:%B %Y}"  # "28 July 2011", as the notes write dates
            assert written in reference_text(), written
            assert f"{end:%Y-%m-%d}" in row.date_evidence
            dated = events[
                (events["date"] == f"{end:%Y-%m-%d}") & (events["source_kind"] == "reference")
            ]
            assert len(dated) == 1, f"no reference event on {end:%Y-%m-%d}"


def test_the_emergency_event_claims_no_more_than_its_source():
    """Does E03 say 'since May 2003', as CounterVortex does, not that the emergency was first imposed then?"""
    event = load_events().set_index("event_id").loc["E03"]
    assert "since May 2003" in event["quote"]
    assert "first" not in event["event"].lower()


def test_the_2011_lapse_is_closed_by_its_retroactive_renewal():
    """Is the renewal from 1 Nov 2011 an event of its own, sourced to the reference, and does the lapse say so?"""
    events = load_events().set_index("event_id")
    renewal = events[(events["date"] == "2011-11-01") & (events["type"] == "legal")]
    assert len(renewal) == 1
    row = renewal.iloc[0]
    assert row["source_kind"] == "reference" and row["source_url"] in reference_text()
    assert "1 de noviembre de 2011" in row["quote"]  # the day the renewal runs from
    assert "applied retroactively from 1 Nov 2011" in reference_text()
    lapse = events[events["date"] == "2011-10-31"].iloc[0]
    assert renewal.index[0] in lapse["event"] and "retroactive" in lapse["event"]


def test_no_table_mentions_the_2011_lapse_without_its_renewal():
    """Does every row that names the 31 October 2011 lapse also say it was renewed retroactively?"""
    rows = [
        (f"events {row.event_id}", f"{row.event} {row.note}") for row in load_events().itertuples()
    ]
    rows += [
        (f"claims {row.claim_id}", f"{row.note} {row.fact_check_note}")
        for row in load_claims().itertuples()
    ]
    rows += [
        (f"outside {row.figure_id}", f"{row.note}") for row in load_outside_figures().itertuples()
    ]
    mentions = [(name, text) for name, text in rows if re.search(r"31 Oct(ober)?( 2011)?\b", text)]
    assert mentions, "the lapse should still be recorded"
    for name, text in mentions:
        assert re.search(r"retroactiv", text), (
            f"{name} mentions the lapse without the retroactive renewal"
        )


def test_the_36_hostages_are_disputed_and_no_count_is_ranked():
    """Is C005 flagged disputed, with every count the reference gives and none ranked above the others?

    Reference (f) heads the kidnapping "CONFLICT on the number of hostages" (30, 36, 40 or 42) and does
    not say which is right: two reports give 36 (the contractors, El País at the release), two give 40
    or more (a prosecutor's 42, 24Horas's "at least 40"). A fact-check found "best attested" to be the
    course's own ranking, which the reference does not make.
    """
    assert "CONFLICT on the number of hostages" in reference_text()
    claim = _claim("C005")
    assert claim["value"] == 36 and claim["fact_check"] == "disputed"
    note = claim["fact_check_note"]
    assert (
        "reference (f)" in note.lower()
        and "CONFLICT" in note
        and "does not say which is right" in note
    )
    for source in ("contractors", "Notimérica", "El País", "prosecutor", "24Horas", "Inforegion"):
        assert source in note, f"C005's note should name {source}"
    for other in ("30", "at least 40", "42", "almost 40", "scores of"):
        assert re.search(rf"\b{other}\b", note), f"C005's note should give the other count {other}"
    assert claim["fact_check_url"] in reference_text() and "elpais" in claim["fact_check_url"]
    kidnapping = load_events().set_index("event_id").loc["E22"]
    assert "CONFLICT" in kidnapping["note"] and "does not say which is right" in kidnapping["note"]
    assert all(
        re.search(rf"\b{count}\b", kidnapping["note"])
        for count in ("30", "36", "at least 40", "42")
    )
    for text in (claim["note"], note, kidnapping["note"]):
        assert not re.search(r"independent|holds|best.attested|same day", text), text


def test_the_late_coca_figures_are_dated_after_article_003():
    """Is the publication of the 2018-2019 coca figures in the timeline, after article 003?"""
    events = load_events()
    published = events[events["quote"].str.contains("durante el 2018 y 2019")]
    assert published["date"].tolist() == ["2020-12"]
    article = load_corpus().set_index("article_id").loc["003"]
    assert published["start"].iloc[0] > article["published"]


# --- reference_note: every passage carries its origin ---------------------------------------


@pytest.mark.parametrize(
    ("passage", "item", "publisher", "address"),
    [
        ("lo hallaron escondido y desarmado", "(h)", "El Comercio", "elcomercio.pe/peru/artemio"),
        (
            "designó el sábado como primer ministro",
            "(i)",
            "La Estrella de Panamá (AFP)",
            "laestrella.com.pa",
        ),
        (
            "Durante los primeros días de diciembre",
            "(j)",
            "University of Reading",
            "research.reading.ac.uk",
        ),
        # a topic sentence comes before the source's name
        (
            "In Lerner’s place came retired Lieutenant-Coronel Oscar Valdés",
            "(a)",
            "Foreign Policy Blogs",
            "foreignpolicyblogs.com",
        ),
        # the notes say what the source says after its name
        (
            "first declared in these areas in May",
            "(b)",
            "Peruvian Times (2012)",
            "peruviantimes.com/02/peru-extends",
        ),
        # a table cell: source, date, address, then the excerpt
        (
            "Wehavedeployed1,500troopsto",
            "(d)",
            "Washington Times Weekly via PressReader",
            "pressreader.com",
        ),
        ("existen 70 bases militares", "(d)", "Diario Correo", "diariocorreo.pe"),
        # the same words in the summary column and in the source column: the source is credited
        ("once 10,000-strong", "(e)", "Peruvian Times", "peruviantimes.com/02/shining-path-rebels"),
        (
            "El VRAEM representó el 69 por ciento",
            "“Other VRAEM-share statements”",
            "Huachos",
            "huachos.com",
        ),
        # a colon inside a quoted title does not cut the name
        (
            "In May 2010, OSF gave its first seed grant",
            "(k)",
            'InSight Crime, "InSight Crime: Ten Years"',
            "insight-crime-ten-years",
        ),
        # no sentence before the address names a source: the address's site does
        (
            "We wrote short briefs about captures and seizures",
            "(k)",
            "insightcrime.org",
            "the-organization",
        ),
        (
            "It was developed by Mike Caulfield.",
            "(l)",
            "libguides.csu.edu.au",
            "libguides.csu.edu.au",
        ),
        (
            "Table 1 Standard Categories to Interpret Kappa values",
            "(m)",
            "bmchealthservres.biomedcentral.com",
            "bmchealthservres",
        ),
    ],
)
def test_reference_note_credits_the_publisher_and_address(passage, item, publisher, address):
    """Does a quoted passage name who published it, where, and which item of the notes holds it?"""
    note = reference_note(passage)
    assert note.item == item
    assert note.publisher.startswith(publisher)
    assert address in note.url and note.url in reference_text()
    assert publisher in note.credit and note.url in note.credit and item in note.credit
    assert note.credit in note._repr_markdown_() and passage in str(note)


def test_reference_note_says_when_the_notes_give_no_address():
    """Is a source without an address named, and the missing address said?"""
    note = reference_note("son 36 los trabajadores secuestrados")
    assert note.publisher.startswith("Notimérica") and note.url is None
    assert "no address" in note.credit


@pytest.mark.parametrize(
    "passage",
    [
        "UNODC stopped publishing a Peru figure after 2008.",
        "was captured on Sunday 12 February 2012",  # runs over a line break
    ],
)
def test_reference_note_credits_the_notes_own_summary_to_the_notes(passage):
    """Is the notes' own summary credited to the notes, not to a source it does not come from?"""
    note = reference_note(passage)
    assert note.publisher is None and note.url is None
    assert "reference notes" in note.credit and "summary" in note.credit


def test_reference_note_refuses_words_that_are_not_there():
    """Does a passage missing from the notes raise, naming the file?"""
    with pytest.raises(QuoteNotFoundError, match="context_facts.md"):
        reference_note("Artemio was captured in 2002")
