"""The Spanish edition (issue 22): complete catalogues, kept structure and terms, fuzzy on change, built in step."""

import io
import shutil
import tokenize

import nbformat
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from vraem import i18n
from vraem.authoring.translation import edition
from vraem.authoring.translation.catalogs import messages, pending, read_catalog, render_catalog
from vraem.authoring.translation.extract import Entry, comment_blocks
from vraem.authoring.translation.spanish import LANGUAGE_LINES
from vraem.authoring.translation.structure import entry_problems, glossary, term_problems
from vraem.contract import TAG_SETUP

from .conftest import REPO

CATALOGUES = sorted((REPO / "i18n" / "es").rglob("*.po")) + [edition.messages_catalogue(REPO)]
SOLUTIONS = edition.notebook_sources(REPO)


def _label(path):
    return str(path.relative_to(REPO))


# --- the catalogues in the repository -------------------------------------------------------


@pytest.mark.parametrize("path", CATALOGUES, ids=_label)
def test_every_catalogue_entry_is_translated_and_none_is_fuzzy(path):
    untranslated, fuzzy = pending(read_catalog(path))
    assert not untranslated and not fuzzy, (
        f"{_label(path)}: {len(untranslated)} untranslated ({', '.join(untranslated[:40])}), "
        f"{len(fuzzy)} to review ({', '.join(fuzzy)})"
    )


def test_every_english_source_has_a_catalogue_that_is_up_to_date():
    problems = [
        problem
        for problem in edition.problems(REPO)
        if "is missing" in problem or "out of date" in problem
    ]
    assert problems == []


@pytest.mark.parametrize("path", SOLUTIONS + edition.document_sources(REPO), ids=_label)
def test_each_translation_keeps_its_englishs_structure_and_the_glossary_terms(path):
    catalogue = edition.catalogue_of(REPO, path)
    problems = [p for p in edition.structure_problems(REPO) if p.startswith(_label(catalogue))]
    assert problems == []


def test_the_spanish_edition_is_built_from_the_catalogues_as_they_are():
    """Are solutions/es, lessons/es, instructors/es and vraem.mo what the build writes now?"""
    stale = [
        _label(path)
        for path, data in edition.planned_files(REPO).items()
        if not path.is_file() or path.read_bytes() != data
    ]
    assert stale == [], "run `python -m vraem.authoring.build`"


def _code(source):
    """A code cell's tokens without its comments: the code a translation must not touch."""
    skip = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE)
    return [
        (token.type, token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type not in skip
    ]


@pytest.mark.parametrize("folder", ["solutions", "lessons"])
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_spanish_notebooks_have_the_english_cells_ids_tags_and_code(folder, path):
    english = nbformat.read(REPO / folder / path.name, as_version=4)
    spanish = nbformat.read(REPO / folder / "es" / path.name, as_version=4)
    assert [c.id for c in spanish.cells] == [c.id for c in english.cells]
    for en, es in zip(english.cells, spanish.cells, strict=True):
        assert es.cell_type == en.cell_type and es.metadata == en.metadata
        if en.cell_type == "code":
            source = es.source
            if TAG_SETUP in en.metadata.get("tags", []):
                assert source.startswith(LANGUAGE_LINES), "the setup cell must select Spanish"
                source = source[len(LANGUAGE_LINES) :]
            assert _code(source) == _code(en.source), f"{path.name} {en.id}: the code differs"


# --- on a small course in tmp ---------------------------------------------------------------

HEADER = "# 09 · Demo\n\n**Time:** 5 min teaching · 4 min exercises in class (9 min); about 9 minutes working alone."


def _course(tmp_path):
    root = tmp_path / "course"
    (root / "solutions").mkdir(parents=True)
    (root / "i18n" / "es").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(REPO / "data" / "glossary.csv", root / "data")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(HEADER, id="d-0"),
        nbformat.v4.new_code_cell(
            "x = 1\nif x:\n    # count the rows\n    # of the table\n    y = 2  # two\n", id="d-1"
        ),
        nbformat.v4.new_markdown_cell(
            '### Exercise 9.1 · The Shining Path (4 min)\n\nRead `quote("003")`.', id="d-2"
        ),
    ]
    nbformat.write(notebook, root / "solutions" / "09-demo.ipynb")
    return root


SPANISH = {
    "d-0": "# 09 · Demo\n\n**Tiempo:** 5 min de exposición · 4 min de ejercicios en clase (9 min); unos 9 minutos por cuenta propia.",
    "d-1#0": "cuenta las filas\nde la tabla",
    "d-1#1": "dos",
    "d-2": '### Ejercicio 9.1 · Sendero Luminoso (4 min)\n\nLee `quote("003")`.',
}


def _fill(root):
    path = root / "i18n" / "es" / "notebooks" / "09-demo.po"
    catalog = read_catalog(path)
    for message in catalog:
        if message.id:
            message.string = SPANISH[message.context]
    path.write_bytes(render_catalog(catalog))
    return path


def test_the_check_names_untranslated_entries_and_passes_once_they_are_translated(tmp_path):
    root = _course(tmp_path)
    assert edition.update(root)
    edition.build(root)
    problems = " ".join(edition.problems(root))
    assert "09-demo.po: 4 untranslated: d-0, d-1#0, d-1#1, d-2" in problems
    _fill(root)
    edition.build(root)
    assert edition.problems(root) == []
    spanish = nbformat.read(root / "solutions" / "es" / "09-demo.ipynb", as_version=4)
    assert spanish.cells[1].source == (
        LANGUAGE_LINES[:0]
        + "x = 1\nif x:\n    # cuenta las filas\n    # de la tabla\n    y = 2  # dos\n"
    )
    assert spanish.cells[2].source.startswith("### Ejercicio 9.1")
    assert (root / "lessons" / "es" / "09-demo.ipynb").is_file()


def test_a_changed_english_cell_makes_its_entry_fuzzy_and_keeps_the_old_english(tmp_path):
    root = _course(tmp_path)
    edition.update(root)
    path = _fill(root)
    edition.build(root)
    notebook = nbformat.read(root / "solutions" / "09-demo.ipynb", as_version=4)
    notebook.cells[2].source = notebook.cells[2].source.replace("Read", "Read again")
    nbformat.write(notebook, root / "solutions" / "09-demo.ipynb")
    assert any("out of date" in p for p in edition.problems(root))
    edition.update(root)
    message = messages(read_catalog(path))["d-2"]
    assert message.fuzzy and message.string == SPANISH["d-2"]
    assert "Read `quote" in message.previous_id[0] and "Read again" in message.id
    assert "#| msgid" in path.read_text(encoding="utf-8")
    edition.update(root)  # a second update keeps the English the Spanish was made for
    assert messages(read_catalog(path))["d-2"].previous_id == message.previous_id
    edition.build(root)
    assert "09-demo.po: 1 need review (fuzzy): d-2" in " ".join(edition.problems(root))
    # the Spanish notebook shows the English until the entry is reviewed
    spanish = nbformat.read(root / "solutions" / "es" / "09-demo.ipynb", as_version=4)
    assert "Read again" in spanish.cells[2].source


def test_a_change_of_stated_minutes_alone_keeps_the_translation_and_reaches_the_spanish(tmp_path):
    root = _course(tmp_path)
    edition.update(root)
    path = _fill(root)
    notebook = nbformat.read(root / "solutions" / "09-demo.ipynb", as_version=4)
    notebook.cells[0].source = HEADER.replace("5 min", "7 min").replace("9 min", "11 min")
    notebook.cells[2].source = notebook.cells[2].source.replace("(4 min)", "(6 min)")
    nbformat.write(notebook, root / "solutions" / "09-demo.ipynb")
    edition.build(root)  # before the catalogue is updated: the minutes come from the English
    spanish = nbformat.read(root / "solutions" / "es" / "09-demo.ipynb", as_version=4)
    assert (
        "**Tiempo:** 7 min de exposición · 4 min de ejercicios en clase (11 min); unos 11 minutos"
        in (spanish.cells[0].source)
    )
    assert spanish.cells[2].source.startswith("### Ejercicio 9.1 · Sendero Luminoso (6 min)")
    edition.update(root)
    assert not any(m.fuzzy for m in read_catalog(path))
    assert edition.problems(root) == []


def test_a_translated_instructor_note_keeps_its_layout_and_untranslated_blocks_stay_english(
    tmp_path,
):
    root = _course(tmp_path)
    (root / "instructors").mkdir()
    note = "# Notes\n\n**Time:** 9 min.\n\n```python\nx = 1\n\ny = 2\n```\n\n- one\n- two\n"
    (root / "instructors" / "09-demo.md").write_text(note, encoding="utf-8")
    edition.update(root)
    path = root / "i18n" / "es" / "instructors" / "09-demo.po"
    catalog = read_catalog(path)
    assert [m.context for m in catalog if m.id] == ["block-0", "block-1", "block-3"]
    messages(catalog)["block-0"].string = "# Notas"
    path.write_bytes(render_catalog(catalog))
    edition.build(root)
    written = (root / "instructors" / "es" / "09-demo.md").read_text(encoding="utf-8")
    assert written == note.replace("# Notes", "# Notas")


# --- what a translation must keep -----------------------------------------------------------


@pytest.mark.parametrize(
    "spanish, complaint",
    [
        (
            '## Ejercicio 2.3 · Título (4 min)\n\nUsa `check("2.3", x)` y [el sitio](https://a.b/).',
            "headings",
        ),
        (
            '### Ejercicio 2.3 · Título (4 min)\n\nUsa `check("2.4", x)` y [el sitio](https://a.b/).',
            "code spans",
        ),
        (
            '### Ejercicio 2.3 · Título (4 min)\n\nUsa `check("2.3", x)` y [el sitio](https://a.c/).',
            "link targets",
        ),
        (
            '### Ejercicio 2.3 · Título (4 min)\n\nUsa `check("2.3", x)` y [el sitio](https://a.b/) con 62 500.',
            "numbers",
        ),
        (
            '### Ejercicio 2.3 · Título\n\nUsa `check("2.3", x)` y [el sitio](https://a.b/).',
            "minute figures",
        ),
        (
            '### Ejercicio 2.3 · {nombre} (4 min)\n\nUsa `check("2.3", x)` y [el sitio](https://a.b/).',
            "placeholders",
        ),
    ],
)
def test_a_translation_that_drops_structure_is_named(spanish, complaint):
    english = '### Exercise 2.3 · {name} (4 min)\n\nUse `check("2.3", x)` and [the site](https://a.b/) with 62,500.'
    good = '### Ejercicio 2.3 · {name} (4 min)\n\nUsa `check("2.3", x)` y [el sitio](https://a.b/) con 62,500.'
    entry = Entry("c-1", english, "markdown")
    assert entry_problems(entry, good) == []
    found = entry_problems(entry, spanish)
    assert any(problem.startswith(complaint) for problem in found), found


def test_an_open_exercise_id_is_kept():
    entry = Entry("c", "Open exercise 2.a is graded by hand.", "markdown")
    assert entry_problems(entry, "El ejercicio abierto 2.a se califica a mano.") == []
    assert "exercise ids" in entry_problems(entry, "El ejercicio abierto se califica a mano.")[0]


TERMS = glossary(REPO / "data" / "glossary.csv")


@pytest.mark.parametrize(
    "english, spanish, ok",
    [
        ("The Shining Path split.", "Sendero Luminoso se dividió.", True),
        ("The Shining Path split.", "El Camino Brillante se dividió.", False),
        ("Coca growers protested.", "Los cocaleros protestaron.", True),
        ("Coca growers protested.", "Los productores de coca protestaron.", False),
        ("Figures in hectares.", "Cifras en hectáreas.", True),
        ("The VRAEM after 2012.", "El VRAEM después de 2012.", True),  # an acronym may stay
        ("The UN study.", "El estudio de la ONU.", True),
        ("The UN study.", "El estudio de la UN.", False),  # the Spanish column is an acronym itself
        (
            'It says "the Shining Path remnant".',
            'Dice "the Shining Path remnant".',
            True,
        ),  # a quote
        ("See `Shining Path`.", "Mira `Shining Path`.", True),  # code
    ],
)
def test_glossary_terms_are_used_in_spanish(english, spanish, ok):
    assert (term_problems(english, spanish, TERMS) == []) is ok


# --- the helpers' language ------------------------------------------------------------------


@pytest.fixture
def spanish_messages(tmp_path, monkeypatch):
    """A compiled vraem catalogue in tmp with two fixture translations, and Spanish selected."""
    catalog = Catalog(locale="es", domain="vraem")
    catalog.add(
        ("{count} damaged file in {folder}", "{count} damaged files in {folder}"),
        ("{count} archivo dañado en {folder}", "{count} archivos dañados en {folder}"),
    )
    catalog.add(
        "found in {folder}: {tables} tables, {articles} articles and the reference notes read",
        "en {folder}: {tables} tablas",
    )
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "vraem.mo").open("wb") as handle:
        write_mo(handle, catalog)
    original = i18n.translations.__wrapped__  # uncached, so nothing read here outlives the test
    monkeypatch.setattr(i18n, "translations", lambda lang: original(lang, tmp_path / "locale"))
    yield
    i18n.set_language("en")


def test_set_language_switches_the_helpers_messages(spanish_messages):
    assert i18n._(
        "found in {folder}: {tables} tables, {articles} articles and the reference notes read"
    ).startswith("found")
    i18n.set_language("es")
    assert i18n.current_language() == "es"
    assert (
        i18n.ngettext("{count} damaged file in {folder}", "{count} damaged files in {folder}", 2)
        == "{count} archivos dañados en {folder}"
    )
    assert i18n._("not in the catalogue") == "not in the catalogue"


def test_doctor_speaks_spanish_after_set_language(spanish_messages):
    import importlib

    doctor = importlib.import_module("vraem.doctor")

    i18n.set_language("es")
    item, ok, detail = doctor._data_row()
    assert ok and detail.startswith("en ") and "tablas" in detail


def test_an_unknown_language_keeps_the_current_one_and_says_so(capsys):
    assert i18n.set_language("fr") == "en"
    assert "en, es" in capsys.readouterr().out


def test_the_shipped_catalogue_compiles_to_the_shipped_mo():
    path = edition.messages_catalogue(REPO)
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(path))
    assert path.with_suffix(".mo").read_bytes() == compiled.getvalue()


def test_comment_blocks_follow_the_skeletons_rule():
    blocks = comment_blocks("# a\n# b\nx = 1  # c\n    # d\n")
    assert [(b.text, b.inline) for b in blocks] == [("a\nb", False), ("c", True), ("d", False)]


SPANISH_FILES = sorted(
    [*REPO.glob("lessons/es/*.ipynb"), *REPO.glob("solutions/es/*.ipynb")]
    + [*REPO.glob("instructors/es/*.md")]
)


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_every_relative_link_of_a_spanish_file_leads_to_a_file(path):
    """Does each relative link of a Spanish lesson or note resolve from the Spanish file's folder
    (the copies sit one folder deeper than the English, so a link out of the folder is rewritten)?"""
    import re

    text = path.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s#]+)(?:#[^)\s]*)?\)", text)
    local = [
        target for target in targets if "://" not in target and not target.startswith("mailto:")
    ]
    broken = [target for target in local if not (path.parent / target).exists()]
    assert not broken, f"{path.relative_to(REPO)}: links that lead nowhere: {broken}"


def test_a_link_out_of_the_folder_goes_one_level_deeper_and_to_the_spanish_readme():
    from vraem.authoring.translation.spanish import relink

    assert relink("[inicio](../README.md) y [datos](../data/README.md)") == (
        "[inicio](../../README.es.md) y [datos](../../data/README.md)"
    )
    assert relink("[lección 04](04-figures-across-dates.ipynb)") == (
        "[lección 04](04-figures-across-dates.ipynb)"
    )


# --- code that names the English edition, in a Spanish document ------------------------------


@pytest.mark.parametrize(
    "english, spanish",
    [
        ("solutions/01-the-corpus.ipynb", "solutions/es/01-the-corpus.ipynb"),
        ("lessons/06-capstone.ipynb", "lessons/es/06-capstone.ipynb"),
        ("python3 course.py lab", "python3 course.py lab --lang es"),
        ("course.py lab", "course.py lab --lang es"),
        (
            "urlpath=lab%2Ftree%2FREPO%2Flessons%2F00-start-here.ipynb%3Fautodecode",
            "urlpath=lab%2Ftree%2FREPO%2Flessons%2Fes%2F00-start-here.ipynb%3Fautodecode",
        ),
        # already Spanish, or not the edition's files: unchanged
        ("lessons/es/00-start-here.ipynb", "lessons/es/00-start-here.ipynb"),
        ("python3 course.py lab --lang es", "python3 course.py lab --lang es"),
        ("class/maria/02-claims-and-sources.ipynb", "class/maria/02-claims-and-sources.ipynb"),
        ("python3 course.py test", "python3 course.py test"),
        ("my-lessons/01-the-corpus.ipynb", "my-lessons/01-the-corpus.ipynb"),
        # a bare folder is the translator's call (see the next test)
        ("solutions/", "solutions/"),
    ],
)
def test_the_build_points_code_at_the_spanish_edition(english, spanish):
    from vraem.authoring.translation.edition_code import spanish_code

    assert spanish_code(english) == spanish
    assert spanish_code(spanish) == spanish  # applying it twice changes nothing


def test_a_spanish_note_names_the_spanish_lessons_and_command_but_keeps_its_prose(tmp_path):
    from vraem.authoring.translation.spanish import translate_markdown

    english = (
        "Run `python3 course.py lab`; open `solutions/01-the-corpus.ipynb`.\n\n"
        "```text\nhttps://HUB/git-pull?urlpath=lab%2Ftree%2FREPO%2Flessons%2F00-start-here.ipynb\n```\n"
    )
    catalog = Catalog(locale="es")
    catalog.add(
        "Run `python3 course.py lab`; open `solutions/01-the-corpus.ipynb`.",
        "Ejecuta `python3 course.py lab`; abre `solutions/01-the-corpus.ipynb` (lessons/ en prosa).",
        context="block-0",
    )
    assert translate_markdown(english, catalog) == (
        "Ejecuta `python3 course.py lab --lang es`; abre `solutions/es/01-the-corpus.ipynb`"
        " (lessons/ en prosa).\n\n"
        "```text\nhttps://HUB/git-pull?urlpath=lab%2Ftree%2FREPO%2Flessons%2Fes%2F00-start-here.ipynb\n```\n"
    )


@pytest.mark.parametrize(
    "spanish, ok",
    [
        ("Abre `solutions/` en tu pantalla; `solution(id)` lee `solutions/`.", True),
        ("Abre `solutions/es/` en tu pantalla; `solution(id)` lee `solutions/`.", True),
        ("Abre `solutions/es/` en tu pantalla; `solution(id)` lee `solutions/es/`.", True),
        ("Abre `solutions/en/` en tu pantalla; `solution(id)` lee `solutions/`.", False),
        ("Abre `lessons/es/` en tu pantalla; `solution(id)` lee `solutions/`.", False),
        (
            "Abre `solutions/es/` en tu pantalla; `solution(id)` lee `solutions/`; `solutions/es/`.",
            False,
        ),
    ],
)
def test_the_structure_check_accepts_the_spanish_edition_form_and_nothing_else(spanish, ok):
    entry = Entry(
        "block-1", "Open `solutions/` on screen; `solution(id)` reads `solutions/`.", "markdown"
    )
    problems = entry_problems(entry, spanish)
    assert (problems == []) is ok, problems
    if not ok:
        assert problems[0].startswith("code spans")
