"""The reader's and the provenance checks' messages in Spanish: translated prose, code kept as code.

Field names, column names, ids and the code of the advice stay English (code reads them);
only the prose around them is translated. These tests read the committed catalogue
(``src/vraem/locale/es/LC_MESSAGES/vraem.po`` and its compiled ``vraem.mo``).
"""

import re
from pathlib import Path

from babel.messages.extract import extract_from_file

from vraem import load_article, load_claims, reader
from vraem.authoring.translation.catalogs import read_catalog
from vraem.authoring.translation.edition import KEYWORDS, messages_catalogue
from vraem.provenance import claim_problems

from .conftest import REPO
from .test_reader import _advice, _lesson_namespace

#: The modules whose messages these tests cover: the reader, the provenance checks, attribution.
SOURCES = sorted(
    [
        *(REPO / "src" / "vraem" / "reader").glob("*.py"),
        *(REPO / "src" / "vraem" / "provenance").glob("*.py"),
        REPO / "src" / "vraem" / "attribution.py",
    ]
)


def _msgids(path: Path) -> list[str | tuple[str, str]]:
    found = extract_from_file("python", str(path), keywords=KEYWORDS, comment_tags=())
    return [message for _line, message, _comments, _context in found]


def test_the_reader_and_provenance_route_their_messages_through_gettext():
    """Are there messages to translate in each part (so the catalogue test below can fail)?"""
    by_part = {
        part: [message for path in SOURCES if part in path.as_posix() for message in _msgids(path)]
        for part in ("/reader/", "/provenance/", "attribution.py")
    }
    assert all(by_part.values()), {part: len(found) for part, found in by_part.items()}


def test_every_message_of_the_reader_and_provenance_is_translated_in_the_catalogue():
    """Does the committed vraem.po hold a reviewed Spanish entry for each of these files' msgids?"""
    catalog = read_catalog(messages_catalogue(REPO))
    untranslated = []
    for path in SOURCES:
        for message in _msgids(path):
            key = message if isinstance(message, str) else message[0]
            entry = catalog.get(key)
            strings = (
                ()
                if entry is None
                else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
            )
            if entry is None or entry.fuzzy or not all(strings):
                untranslated.append(f"{path.relative_to(REPO)}: {key!r}")
    assert untranslated == []


def test_a_load_error_is_in_spanish_and_its_code_stays_english(spanish, tmp_path, monkeypatch):
    """A mistyped file name: is the learner told in Spanish, with the file named and the code intact?"""
    monkeypatch.chdir(tmp_path)
    article = reader.load("my-article.html")
    note = article.missing[0]
    assert "no está ahí" in note and "'my-article.html'" in note and str(tmp_path) in note
    assert "is not there" not in note
    assert '`article = reader.load("my-article.txt")`' in note


def test_missing_advice_is_in_spanish_with_the_field_name_in_english(spanish):
    """Pasted text has no date: does ``missing`` say so in Spanish, under the field's English name?"""
    article = reader.load("The army sent 1,500 troops.\n\nThe minister spoke on Monday.")
    published = next(note for note in article.missing if note.startswith("published:"))
    assert "no se encontró la fecha de publicación" in published
    assert '`article = reader.fill_in(article, published="2020-09-04")`' in published


def test_every_piece_of_spanish_advice_runs_as_printed_in_the_lesson(
    spanish, tmp_path, monkeypatch
):
    """With Spanish selected, does each line of code the reader advises still run in lesson 06, and
    does filling in a field take it off the list?"""
    monkeypatch.chdir(tmp_path)
    namespace = _lesson_namespace()
    advice = _advice(tmp_path)
    assert len(advice) >= 10
    spanish_words = re.compile(r"\b(?:no|la|el|los|las|una?|pega|por ejemplo)\b")
    for note, article in advice:
        prose = re.sub(r"`[^`]+`", "", note)
        assert spanish_words.search(prose), note  # the prose around the code is Spanish
        snippets = re.findall(r"`([^`]+)`", note)
        assert snippets, f"no code to run in: {note}"
        for snippet in snippets:
            scope = {**namespace, "article": article}
            exec(compile(snippet, "advice", "exec"), scope)  # noqa: S102 - raises if the advice is wrong
            field_name = note.split(":")[0]
            if field_name in ("title", "published", "byline") and "fill_in" in snippet:
                if re.search(r"\bno es una? (?:texto|fecha);", note):
                    continue  # a value fill_in refused: the advice shows the form to write
                assert getattr(scope["article"], field_name) is not None
                assert not any(
                    left.startswith(field_name + ":") for left in scope["article"].missing
                )


def test_the_draft_notes_and_validation_speak_spanish_with_english_column_names(spanish):
    """Does the draft explain an unnamed source in Spanish, and validation name row and column in Spanish?"""
    draft = reader.draft_claims("The attack claimed 20 lives in the valley.")
    assert draft.loc[0, "note"].startswith("attributed_to: esta oración no nombra ninguna fuente")
    assert "unattributed" in draft.loc[0, "note"]  # the value a learner types stays English
    claims = load_claims()
    table = claims[claims["article_id"] == "003"].head(1).copy().reset_index(drop=True)
    table.loc[0, "quote"] = "a sentence that is not in the article"
    problems = reader.validate_claims(table, load_article("003"))
    assert any(p.startswith("fila 1, columna 'quote': no se encuentra") for p in problems), problems


def test_a_claim_that_does_not_trace_to_its_article_is_reported_in_spanish(spanish):
    """Damaged data: is a claim whose quote is not in its article named by file and id, in Spanish?"""
    claims = load_claims()
    damaged = claims.head(1).copy()
    damaged["quote"] = "words no article holds"
    claim_id, article_id = damaged["claim_id"].iloc[0], damaged["article_id"].iloc[0]
    problems = claim_problems(damaged)
    assert (
        f"claims.csv {claim_id}: la cita no está en el texto del artículo {article_id}" in problems
    )
