"""The bilingual glossary: every entry attested by a passage, found by any of its names."""

import pytest

from vraem.glossary import find_term, glossary, glossary_problems, load_glossary
from vraem.tables import validate_resource

#: Terms the course's design asks the glossary to have, at least.
REQUIRED = ["VRAE", "VRAEM", "DEVIDA", "DIRCOTE", "CODEVRAEM", "PCM", "cocalero", "estado de emergencia",
            "narcoterrorismo", "hectárea", "Shining Path", "MPCP", "UNODC", "ONDCP", "Plan VRAEM",
            "Special Command"]


def test_the_glossary_matches_its_schema():
    """Does data/glossary.csv pass its description in datapackage.json?"""
    assert validate_resource("glossary") == []


def test_every_entry_is_attested_by_its_source():
    """Is each quote in its article, or each passage in data/reference/ with a cited address?"""
    assert glossary_problems(load_glossary()) == []


def test_an_altered_quote_or_address_is_caught():
    """Does the provenance check fail when a quote or an address is changed?"""
    table = load_glossary()
    broken = table.copy()
    broken.loc[0, "quote"] = broken.loc[0, "quote"] + " and more"
    reference_row = table.index[table["source_kind"] == "reference"][0]
    broken.loc[reference_row, "source_url"] = "https://example.org/made-up"
    problems = glossary_problems(broken)
    assert len(problems) == 2 and "not in article" in problems[0] and "not cited" in problems[1]


@pytest.mark.parametrize("term", REQUIRED)
def test_the_required_terms_are_there(term):
    """Does the glossary have each term the course needs?"""
    assert find_term(term) is not None


@pytest.mark.parametrize(("asked", "term"), [("devida", "DEVIDA"), ("Sendero Luminoso", "Shining Path"),
                                             ("hectarea", "hectárea"), ("coca grower", "cocalero"),
                                             ("narco-terrorism", "narcoterrorismo")])
def test_a_term_is_found_by_any_of_its_names(asked, term):
    """Do Spanish forms, English glosses and unaccented spellings find the entry?"""
    assert find_term(asked)["term"] == term


def test_glossary_prints_the_entry_with_its_source(capsys):
    """Does glossary("DEVIDA") print the definition and where it comes from?"""
    glossary("DEVIDA")
    out = capsys.readouterr().out
    assert out.startswith("DEVIDA — Spanish:") and "Source:" in out and "data/reference/README.md" in out
    glossary("DIRCOTE")
    assert "Source: article 003" in capsys.readouterr().out


@pytest.mark.parametrize("odd", ["VRAM", "", None, 42, ["VRAEM"], object()])
def test_an_unknown_term_gets_a_sentence(odd, capsys):
    """Does an unknown or odd argument print a sentence (with near matches), never raise?"""
    glossary(odd)
    out = capsys.readouterr().out
    assert out.strip()
    if odd == "VRAM":
        assert "Did you mean" in out and "VRAEM" in out


def test_a_damaged_glossary_is_named(data_copy, capsys):
    """Does a broken glossary file give a sentence naming it, not a traceback?"""
    (data_copy / "glossary.csv").write_text("term\nVRAEM\n", encoding="utf-8")
    glossary("VRAEM")
    assert "glossary.csv" in capsys.readouterr().out
