"""The exercises' own text reaches the Spanish catalogue: every title, hint and feedback is an entry of vraem.po.

An exercise's strings are built at import, out of sight of the ``_()`` extractor; the walk in
``vraem.authoring.translation.exercise_strings`` hands them to ``update``. If a new hint is
not in the catalogue, this test fails (and once it is, the all-translated test asks for its
Spanish), so no exercise string goes untranslated unnoticed.
"""

from vraem.answers import Choice
from vraem.authoring.translation import edition
from vraem.authoring.translation.catalogs import read_catalog
from vraem.authoring.translation.exercise_strings import exercise_strings
from vraem.exercises import all_exercises

from .conftest import REPO


def test_the_walk_finds_every_string_an_exercise_shows():
    """Does the walk hold each exercise's title, look_again, hints, misreadings and choice reasons?"""
    found = exercise_strings()
    for exercise in all_exercises().values():
        shown = [exercise.title, exercise.look_again, *exercise.hints]
        for misreading in exercise.misreadings:
            shown += [misreading.feedback] + ([misreading.summary] if misreading.summary else [])
        if isinstance(exercise.answer, Choice):
            shown += list(exercise.answer.why_not.values())
        for text in shown:
            assert any(use.startswith(f"exercise {exercise.id}: ") for use in found[text]), text


def test_every_exercise_string_is_an_entry_of_the_catalogue():
    """Is every exercise string a msgid of vraem.po, with the exercise it comes from beside it?"""
    catalog = read_catalog(edition.messages_catalogue(REPO))
    missing = [text for text in exercise_strings() if text not in catalog]
    assert not missing, (
        f"{len(missing)} exercise strings are not in vraem.po (run "
        f"`python -m vraem.authoring.translation update`): {missing[:5]}"
    )
    for text, uses in exercise_strings().items():
        assert set(uses) <= set(catalog[text].auto_comments), text


def test_the_template_holds_the_exercise_strings_with_their_exercises():
    """Does the extractor put the walk's strings into the template, named by their exercise?"""
    template = edition._helper_messages(REPO)
    title = all_exercises()["0.1"].title
    assert title in template
    assert "exercise 0.1: title" in template[title].auto_comments
