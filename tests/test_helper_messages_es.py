"""The helpers' own messages in Spanish (issue 22): doctor, glossary, damaged data, charts, briefs…

Each test compiles a catalogue in tmp from the Spanish of this wave's messages (the
integrator copies the same Spanish into ``vraem.po``), selects Spanish and looks for a
representative message of one module. The last test checks the committed catalogue: every
message of these modules is translated there.
"""

import csv
import re
import shutil

import altair as alt
import pandas as pd
import pytest
from babel.messages.catalog import Catalog

from vraem import i18n
from vraem.authoring.translation import edition
from vraem.authoring.translation.catalogs import read_catalog
from vraem.contract import DATA_VARIABLE

from .conftest import REPO, speak_spanish_from

#: The modules whose messages this file covers (src/vraem/<name>.py).
MODULES = (
    "doctor glossary tables datacache paths quotes charts brief corpus claims series timeline "
    "outside passages agreement kappa verdicts intervals numbers scrape version __init__ validation"
).split()

SPANISH = {
    "All set.": "Todo listo.",
    "Fix the lines marked ✗, then restart the kernel and run this cell again.": (
        "Corrige las líneas marcadas con ✗, luego reinicia el kernel y vuelve a ejecutar esta celda."
    ),
    "course data": "datos del curso",
    "{term} — Spanish: {spanish} · English: {english}": (
        "{term} — en español: {spanish} · en inglés: {english}"
    ),
    "Source: article {article}, “{quote}” (InSight Crime)": (
        "Fuente: artículo {article}, “{quote}” (InSight Crime)"
    ),
    "{term} is not in the glossary. Run glossary() for every term.": (
        "{term} no está en el glosario. Ejecuta glossary() para ver todos los términos."
    ),
    "{path} is empty. {restore}": "{path} está vacío. {restore}",
    "Restore it with `git checkout -- data/{name}` in the course folder (or reinstall the "
    "course if you did not get it with git).": (
        "Restáuralo con `git checkout -- data/{name}` en la carpeta del curso (o vuelve a "
        "instalar el curso si no lo obtuviste con git)."
    ),
    "{file} row {row}, column {column}": "{file}, fila {row}, columna {column}",
    "{where}: {value} is not a whole number": "{where}: {value} no es un número entero",
    "This chart still needs {missing}.": "A este gráfico aún le falta: {missing}.",
    'a source line in the subtitle ("Source: ...")': (
        'una línea de fuente en el subtítulo ("Source: ...")'
    ),
    "Chart: {title} (no description was given)": "Gráfico: {title} (no se dio una descripción)",
    "not written yet: replace the ... with your text.": (
        "aún sin escribir: reemplaza los ... con tu texto."
    ),
    "There is no article {article}. The ids are: {known}.": (
        "No hay ningún artículo {article}. Los ids son: {known}."
    ),
    "InSight Crime, by {byline}, “{title}” ({date}), {url}": (
        "InSight Crime, por {byline}, “{title}” ({date}), {url}"
    ),
    "Source: {what} (data/coca_cultivation.csv): {official} of {total} values from an "
    "official release": (
        "Fuente: {what} (data/coca_cultivation.csv): {official} de {total} valores de una "
        "publicación oficial"
    ),
    "{first} against {second}": "{first} frente a {second}",
    "up to {value}": "hasta {value}",
    "the text gives no number to compare with the series": (
        "el texto no da ninguna cifra que comparar con la serie"
    ),
    "{text} is not a number this reader knows": "{text} no es un número que este lector conozca",
    "the text is empty": "el texto está vacío",
    "This is not a scrape of an InSight Crime article page: {reason}.": (
        "Esto no es una extracción de una página de artículo de InSight Crime: {reason}."
    ),
    "Nothing to compare yet: code at least one passage in my_frames.": (
        "Aún no hay nada que comparar: codifica al menos un pasaje en my_frames."
    ),
    "kappa needs two complete codings of the same items": (
        "kappa necesita dos codificaciones completas de los mismos elementos"
    ),
    "no figure {figure} in the line-up": "no hay ninguna cifra {figure} en la comparación",
}
PLURALS = {
    ("{count} damaged file in {folder}", "{count} damaged files in {folder}"): (
        "{count} archivo dañado en {folder}",
        "{count} archivos dañados en {folder}",
    ),
}


@pytest.fixture
def spanish(tmp_path, monkeypatch):
    """A compiled catalogue in tmp with the Spanish above, and Spanish selected (English after)."""
    catalog = Catalog(locale="es", domain="vraem")
    for english, words in {**SPANISH, **PLURALS}.items():
        catalog.add(english, words)
    speak_spanish_from(catalog, tmp_path, monkeypatch)
    yield
    i18n.set_language("en")


def test_doctor_reports_in_spanish(spanish, capsys):
    from vraem.doctor import report

    report([("course data", True, "x")])
    out = capsys.readouterr().out
    assert "datos del curso" in out and "Todo listo." in out
    report([("charts", False, "x")])
    assert "Corrige las líneas marcadas" in capsys.readouterr().out


def test_glossary_shows_the_spanish_term_and_definition(spanish, capsys):
    from vraem.glossary import glossary, load_glossary

    row = load_glossary().set_index("term").loc["Shining Path"]
    glossary("Shining Path")
    out = capsys.readouterr().out
    assert "en español: Sendero Luminoso" in out
    assert row["definition_es"] in out and row["definition"] not in out
    assert "Fuente: artículo" in out
    glossary()
    assert "Sendero Luminoso" in capsys.readouterr().out  # the list names its Spanish form
    glossary("no such term at all")
    assert "no está en el glosario" in capsys.readouterr().out


def test_glossary_in_english_keeps_the_english_definition(capsys):
    from vraem.glossary import glossary, load_glossary

    row = load_glossary().set_index("term").loc["Shining Path"]
    glossary("Shining Path")
    out = capsys.readouterr().out
    assert row["definition"] in out and row["definition_es"] not in out and "Spanish:" in out


def test_every_glossary_term_has_a_spanish_definition():
    from vraem.glossary import load_glossary

    table = load_glossary()
    assert (
        table["definition_es"].notna().all()
        and (table["definition_es"] != table["definition"]).all()
    )


def test_a_damaged_file_is_named_in_spanish(spanish, tmp_path, monkeypatch):
    from vraem.paths import CourseDataError
    from vraem.tables import read_table, resource_schema

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    monkeypatch.setenv(DATA_VARIABLE, str(data))
    (data / "events.csv").write_text("", encoding="utf-8")
    with pytest.raises(CourseDataError, match="está vacío. Restáuralo con `git checkout"):
        read_table("events")
    # a whole-number cell that is not one is named by its row and column, in Spanish
    fields = resource_schema("passages")["schema"]["fields"]
    column = next(field["name"] for field in fields if field["type"] == "integer")
    with (data / "passages.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index(column)] = "many"
    with (data / "passages.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    expected = f"passages.csv, fila 2, columna '{column}': 'many' no es un número entero"
    with pytest.raises(CourseDataError, match=re.escape(expected)):
        read_table("passages")


def test_a_chart_without_a_source_is_named_in_spanish(spanish):
    from vraem.charts import _checked_svg, text_alternative

    chart = alt.Chart(pd.DataFrame({"x": [1]}), title="T", description="d").mark_point()
    with pytest.warns(UserWarning, match="A este gráfico aún le falta: una línea de fuente"):
        _checked_svg(chart.to_dict())
    assert text_alternative({"title": "T"}) == "Gráfico: T (no se dio una descripción)"


def test_a_brief_review_speaks_spanish_and_keeps_its_english_message(spanish):
    from vraem import load_article
    from vraem.brief import review_brief, template

    reviews = review_brief(template(), load_article("003"))
    first = reviews[0]
    assert "aún sin escribir" in str(first)
    assert first.message == "not written yet: replace the ... with your text."  # what checks read


def test_corpus_quotes_series_and_outside_speak_spanish(spanish):
    from vraem import load_article, quote
    from vraem.outside import figure
    from vraem.quotes import Quote
    from vraem.series import load_coca_series, source_line

    with pytest.raises(KeyError, match="No hay ningún artículo"):
        load_article("999")
    credit = Quote(
        "003", "x", "Title", "A. Writer", "1 Jan 2012", "https://example.org"
    ).attribution
    assert credit.startswith("InSight Crime, por A. Writer")
    assert quote("000", "thought to number around 500 fighters").attribution.startswith(
        "InSight Crime"
    )
    assert source_line(load_coca_series())[0].startswith("Fuente: UNODC/DEVIDA")
    with pytest.raises(KeyError, match="no hay ninguna cifra"):
        figure("X999")


def test_reasons_speak_spanish_and_verdicts_stay_english(spanish):
    from vraem.intervals import DIFFERENT_THING, _interval_text, compare
    from vraem.outside import lineup
    from vraem.series import wide_series
    from vraem.verdicts import judge_claim

    assert _interval_text(None, 5) == "hasta 5"
    table = lineup()
    first, other = table.iloc[0], table[table["measure"] != table.iloc[0]["measure"]].iloc[0]
    result = compare(first, other)
    assert " frente a " in result.reason and result.verdict == DIFFERENT_THING
    claim = pd.Series(
        {
            "claim_id": "X",
            "article_id": "003",
            "measure": "coca_area",
            "value": float("nan"),
            "unit": "hectares",
            "place": "VRAEM",
        }
    )
    judged = judge_claim(claim, wide_series())
    assert judged["reason"] == "el texto no da ninguna cifra que comparar con la serie"
    assert judged["verdict"] == "cannot be checked"


def test_remembered_results_are_kept_per_language(spanish):
    """A remembered value that holds words is never shown in the language of an earlier call."""
    from vraem.datacache import remembered
    from vraem.i18n import _

    @remembered
    def words() -> str:
        return _("All set.")

    assert words() == "Todo listo."
    i18n.set_language("en")
    assert words() == "All set."


def test_scrape_numbers_passages_and_agreement_speak_spanish(spanish, capsys):
    from vraem.agreement import compare_frames
    from vraem.numbers import parse_number
    from vraem.passages import cohen_kappa
    from vraem.scrape import NotAScrapeError, parse_scrape

    with pytest.raises(NotAScrapeError, match="Esto no es una extracción.*el texto está vacío"):
        parse_scrape("")
    with pytest.raises(ValueError, match="no es un número que este lector conozca"):
        parse_number("lots")
    with pytest.raises(ValueError, match="kappa necesita"):
        cohen_kappa(pd.Series(["a"]), pd.Series(["a", "b"]))
    assert compare_frames({}) is None
    assert "Aún no hay nada que comparar" in capsys.readouterr().out


def _module_messages(catalog):
    wanted = {f"src/vraem/{name}.py" for name in MODULES}
    return [m for m in catalog if m.id and any(loc[0] in wanted for loc in m.locations)]


def test_every_message_of_these_modules_is_extracted_from_the_code():
    """The extractor finds these modules' messages (so the catalogue can hold them all)."""
    template = edition._helper_messages(REPO)
    found = {loc[0].split("/")[-1] for m in _module_messages(template) for loc in m.locations}
    for name in ("doctor", "glossary", "tables", "paths", "charts", "brief", "verdicts", "scrape"):
        assert f"{name}.py" in found


def test_every_message_of_these_modules_is_translated_in_the_committed_catalogue():
    """Filled by the integrator from this wave's JSON; placeholders kept in every translation."""
    catalog = read_catalog(edition.messages_catalogue(REPO))
    template = edition._helper_messages(REPO)
    wanted = {m.id for m in _module_messages(template)}
    missing, broken = [], []
    for message in catalog:
        if message.id not in wanted:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in strings:
            if set(re.findall(r"\{\w*\}", text)) != set(re.findall(r"\{\w*\}", ids[-1])):
                broken.append(message.id)
    present = {m.id for m in catalog if m.id}
    assert wanted <= present, f"not in vraem.po: {sorted(map(str, wanted - present))[:10]}"
    assert missing == [] and broken == []
