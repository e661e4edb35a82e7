"""The last learner-side messages in the learner's language (issue 22): the error that stops
``import vraem``, a notebook's failed check under the tests, Frictionless's notes on a damaged
table, a quote's date; and answers judged alike in both languages (a decimal comma, a Spanish month).

The Spanish tests compile the committed catalogue with this wave's Spanish laid over it (the
integrator copies the same Spanish into ``vraem.po``), then select Spanish.
"""

import csv
import datetime
import os
import subprocess
import sys
import textwrap

import pytest

from vraem import checks, i18n
from vraem.answers import AnswerTypeError, DateWithin, Number
from vraem.authoring.translation import edition
from vraem.authoring.translation.catalogs import read_catalog

from .conftest import REPO, speak_spanish_from

#: This wave's Spanish, as in the JSON handed to the integrator.
SPANISH = {
    "{day} Jan {year}": "{day} ene. {year}",
    "{day} Feb {year}": "{day} feb. {year}",
    "{day} Mar {year}": "{day} mar. {year}",
    "{day} Apr {year}": "{day} abr. {year}",
    "{day} May {year}": "{day} may. {year}",
    "{day} Jun {year}": "{day} jun. {year}",
    "{day} Jul {year}": "{day} jul. {year}",
    "{day} Aug {year}": "{day} ago. {year}",
    "{day} Sep {year}": "{day} set. {year}",
    "{day} Oct {year}": "{day} oct. {year}",
    "{day} Nov {year}": "{day} nov. {year}",
    "{day} Dec {year}": "{day} dic. {year}",
    "{file} row {row}": "{file}, fila {row}",
    "{where}: the row has no cell for this column (a comma or a quote mark out of place?)": (
        "{where}: la fila no tiene celda para esta columna (¿una coma o unas comillas fuera de "
        "lugar?)"
    ),
    "{where}: the row has more cells than the header (a comma or a quote mark out of place?)": (
        "{where}: la fila tiene más celdas que el encabezado (¿una coma o unas comillas fuera de "
        "lugar?)"
    ),
    "{where}: the row is blank; delete it": "{where}: la fila está en blanco; bórrala",
    "a comma before three digits can be read two ways, between thousands or as a decimal "
    "comma: write the number without a thousands separator, with a point for decimals": (
        "una coma antes de tres dígitos se puede leer de dos maneras, como separador de miles o "
        "como coma decimal: escribe el número sin separador de miles y con un punto para los "
        "decimales"
    ),
    "solution notebook: {feedback}": "cuaderno de soluciones: {feedback}",
    "lesson notebook should leave exercises unanswered: {feedback}": (
        "el cuaderno de la lección debería dejar los ejercicios sin responder: {feedback}"
    ),
}


@pytest.fixture
def spanish(tmp_path, monkeypatch):
    """The committed catalogue with the Spanish above laid over it, compiled in tmp; Spanish selected."""
    catalog = read_catalog(edition.messages_catalogue(REPO))
    for english, words in SPANISH.items():
        catalog.add(english, words)
    speak_spanish_from(catalog, tmp_path, monkeypatch)
    yield
    i18n.set_language("en")


# --- the error that stops `import vraem` ---------------------------------------------------

HIDE_ALTAIR = textwrap.dedent(
    """
    import sys

    class HideAltair:  # as if altair were not installed in this Python
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == "altair":
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, HideAltair())
    try:
        from vraem.i18n import set_language  # a Spanish lesson's setup cell, line 1
    except ModuleNotFoundError as error:
        print(error)
        print("name:", error.name)
    else:
        print("imported")
    """
)


def test_a_missing_package_is_named_in_every_language_before_a_lesson_chooses_one():
    """A Spanish lesson's setup imports vraem before it reaches set_language("es"): does the
    missing-package error reach its learner in Spanish too (and an English one in English)?"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", HIDE_ALTAIR],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    out = done.stdout
    english = i18n.translations("en").gettext(_MISSING)
    spanish = i18n.translations("es").gettext(_MISSING)
    assert spanish != english, "the committed catalogue has no Spanish for the message"
    fill = {"package": "altair", "python": sys.executable}
    assert english.format(**fill) in out and spanish.format(**fill) in out, out
    assert out.index(english.format(**fill)) < out.index(spanish.format(**fill))
    assert "name: altair" in out


_MISSING = (
    "The course helpers need the package '{package}', which this Python "
    "({python}) does not have. Start JupyterLab with `python3 course.py lab` from the "
    "course folder (it installs everything), or run `pip install -e .` there."
)


def test_a_text_the_same_in_both_languages_is_shown_once():
    assert i18n.in_every_language("not in any catalogue") == "not in any catalogue"


# --- a notebook's failed check under the tests ---------------------------------------------


def test_a_failed_check_under_the_tests_speaks_spanish(spanish, monkeypatch):
    monkeypatch.setenv(checks.MODE_VARIABLE, "solutions")
    with pytest.raises(checks.CheckFailed, match="^cuaderno de soluciones: "):
        checks.check("0.1", ...)
    monkeypatch.setenv(checks.MODE_VARIABLE, "lessons")
    with pytest.raises(checks.CheckFailed, match="^el cuaderno de la lección debería dejar"):
        checks.check("0.1", ["000"])


# --- a quote's date --------------------------------------------------------------------------


def test_a_quotes_date_is_written_in_english_from_the_courses_own_month_names():
    from vraem import quote
    from vraem.quotes import date_text

    assert quote("003", "52 bases").date == "04 Sep 2020"
    months = [date_text(datetime.date(2011, month, 5)) for month in range(1, 13)]
    assert months[0] == "05 Jan 2011" and months[8] == "05 Sep 2011" and len(set(months)) == 12


def test_a_quotes_date_is_written_in_spanish_as_peru_abbreviates_it(spanish):
    from vraem import quote
    from vraem.quotes import date_text

    assert quote("003", "52 bases").date == "04 set. 2020"
    assert "(04 set. 2020)" in quote("003", "52 bases").attribution
    months = [date_text(datetime.date(2011, month, 15)).split()[1] for month in range(1, 13)]
    assert months == "ene. feb. mar. abr. may. jun. jul. ago. set. oct. nov. dic.".split()


# --- Frictionless's notes on a damaged table ------------------------------------------------


@pytest.fixture
def damaged_claims(data_copy):
    """A copy of data/ whose claims.csv has a repeated id, an unknown article, a missing and an
    extra cell, a blank row, a word for a number and a broken pattern."""
    path = data_copy / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    rows[1][0] = rows[2][0]  # row 3 repeats row 2's claim_id
    rows[3][header.index("article_id")] = "009"  # row 4: no such article
    rows[4] = rows[4][:-1]  # row 5: a cell short
    rows[5] = [*rows[5], "x"]  # row 6: a cell too many
    rows.insert(6, [""] * len(header))  # row 7: blank
    rows[7][header.index("value")] = "lots"  # row 8: not a number
    rows[8][header.index("claim_id")] = "X1"  # row 9: not of the form C000
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return rows


#: Frictionless's own English, which the common errors no longer show.
FRICTIONLESS_WORDS = ("Row at position", "Type error", "violates", "does not conform", "blank")


def test_a_damaged_table_is_validated_in_our_english_sentences(damaged_claims):
    from vraem.tables import validate_resource

    problems = validate_resource("claims")
    assert all(problem.startswith("claims.csv row ") for problem in problems), problems
    assert not [p for p in problems if any(w in p for w in FRICTIONLESS_WORDS[:4])], problems
    expected = [
        "claims.csv row 3, column 'claim_id': 'C002' repeats row 2, but must be unique",
        "claims.csv row 4, column 'article_id': '009' is not a article_id in articles.csv",
        "claims.csv row 5, column 'fact_check_url': the row has no cell for this column",
        "claims.csv row 6: the row has more cells than the header",
        "claims.csv row 7: the row is blank; delete it",
        "claims.csv row 8, column 'value': 'lots' is not a number",
        "claims.csv row 9, column 'claim_id': 'X1' does not have the form ^C\\d{3}$",
    ]
    for sentence in expected:
        assert any(problem.startswith(sentence) for problem in problems), (sentence, problems)
    assert len(problems) == len(set(problems))  # a repeated key is said once, not twice


def test_a_damaged_table_is_validated_in_spanish(spanish, damaged_claims):
    from vraem.tables import validate_resource

    problems = validate_resource("claims")
    assert all(problem.startswith("claims.csv, fila ") for problem in problems), problems
    assert not [p for p in problems if any(w in p for w in FRICTIONLESS_WORDS)], problems
    for sentence in [
        "claims.csv, fila 3, columna 'claim_id': 'C002' repite la fila 2",
        "claims.csv, fila 4, columna 'article_id': '009' no es un valor de article_id en articles.csv",
        "claims.csv, fila 5, columna 'fact_check_url': la fila no tiene celda para esta columna",
        "claims.csv, fila 6: la fila tiene más celdas que el encabezado",
        "claims.csv, fila 7: la fila está en blanco; bórrala",
        "claims.csv, fila 8, columna 'value': 'lots' no es un número",
        "claims.csv, fila 9, columna 'claim_id': 'X1' no tiene la forma ^C\\d{3}$",
    ]:
        assert any(problem.startswith(sentence) for problem in problems), (sentence, problems)


# --- judged alike in both languages ---------------------------------------------------------


def test_a_number_is_read_alike_in_both_languages(language):
    """A decimal comma is read, and a comma before three digits refused, whatever the language."""
    reader = Number()
    assert reader.read("12,79") == 12.79 and reader.read("0,483") == 0.483
    assert reader.read("12.79") == 12.79 and reader.read("20.304") == 20.304
    with pytest.raises(AnswerTypeError) as refused:
        reader.read("20,304")
    said = str(refused.value)
    assert "20304" not in said and "20.304" not in said  # neither reading is shown


def test_a_comma_before_three_digits_is_said_in_spanish(spanish):
    with pytest.raises(AnswerTypeError, match="como separador de miles o como coma decimal"):
        Number().read("1,234")


def test_a_date_in_spanish_words_is_read_alike_in_both_languages(language):
    assert DateWithin().read("15 de setiembre de 2011") == datetime.date(2011, 9, 15)
    assert DateWithin().read("4 set. 2020") == datetime.date(2020, 9, 4)
