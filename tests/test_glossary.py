"""The bilingual glossary: every entry attested by a passage, found by any of its names."""

import json

import pytest

from vraem.glossary import (
    NOT_GLOSSED,
    acronyms,
    find_term,
    glossary,
    glossary_problems,
    load_glossary,
)
from vraem.tables import validate_resource

from .conftest import REPO

#: Terms the course's design asks the glossary to have, at least.
REQUIRED = [
    "VRAE",
    "VRAEM",
    "DEVIDA",
    "DIRCOTE",
    "CODEVRAEM",
    "PCM",
    "cocalero",
    "estado de emergencia",
    "narcoterrorismo",
    "hectárea",
    "Shining Path",
    "MPCP",
    "UNODC",
    "ONDCP",
    "Plan VRAEM",
    "Special Command",
]


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


@pytest.mark.parametrize(
    ("asked", "term"),
    [
        ("devida", "DEVIDA"),
        ("Sendero Luminoso", "Shining Path"),
        ("hectarea", "hectárea"),
        ("coca grower", "cocalero"),
        ("narco-terrorism", "narcoterrorismo"),
    ],
)
def test_a_term_is_found_by_any_of_its_names(asked, term):
    """Do Spanish forms, English glosses and unaccented spellings find the entry?"""
    assert find_term(asked)["term"] == term


def test_glossary_prints_the_entry_with_its_source(capsys):
    """Does glossary("DEVIDA") print the definition and where it comes from?"""
    glossary("DEVIDA")
    out = capsys.readouterr().out
    assert (
        out.startswith("DEVIDA — Spanish:")
        and "Source:" in out
        and "data/reference/README.md" in out
    )
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


def _lesson_acronyms() -> dict[str, set[str]]:
    """Each acronym in the prose of the learner notebooks, with the lessons that use it."""
    found: dict[str, set[str]] = {}
    for notebook in sorted((REPO / "lessons").glob("*.ipynb")):  # lessons added later count too
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "markdown":
                for word in acronyms("".join(cell["source"])):
                    found.setdefault(word, set()).add(notebook.stem)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The VRAE became the VRAEM; the UN's figures and NGOs.", {"VRAE", "VRAEM", "UN", "NGO"}),
        ("Rows C033 and E25, event P007, a Decree 074-2012-PCM.", {"PCM"}),
        ("`PERU / 19 JUL 2012 BY EDWARD FOX EN` and `flags=re.IGNORECASE`", set()),
        ("```python\nPALETTE = 1\n```\nSee [DEVIDA](https://example.org/DEVIDA).", {"DEVIDA"}),
        ("InSight Crime, I, a Brief", set()),
    ],
)
def test_the_acronym_rule(text, expected):
    """Does the finder take capitalised words from prose, and leave code, links and ids alone?"""
    assert acronyms(text) == expected


def test_every_acronym_a_lesson_uses_is_in_the_glossary():
    """Is each acronym in the lessons' text explained by a glossary entry?"""
    found = _lesson_acronyms()
    assert "VRAEM" in found, "no acronym found: has the lessons folder moved?"
    missing = {
        word: sorted(lessons)
        for word, lessons in found.items()
        if word not in NOT_GLOSSED and find_term(word) is None
    }
    assert not missing, f"acronyms the glossary lacks (add them to data/glossary.csv): {missing}"


def test_no_exempt_word_is_also_a_term():
    """Is every word exempt from the glossary really outside it (else the exemption hides nothing)?"""
    assert [word for word in NOT_GLOSSED if find_term(word) is not None] == []
