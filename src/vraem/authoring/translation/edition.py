"""Keep the Spanish edition in step with the English source: ``update(root)``, ``build(root)``, ``problems(root)``.

What is made from what (``<stem>`` is a lesson's or a note's file name without its suffix):

=====================================  ====================================  ==========================
English source                         catalogue (translators edit these)     written by :func:`build`
=====================================  ====================================  ==========================
``solutions/<stem>.ipynb``             ``i18n/es/notebooks/<stem>.po``         ``solutions/es/<stem>.ipynb``,
                                                                              ``lessons/es/<stem>.ipynb``
``instructors/<stem>.md``              ``i18n/es/instructors/<stem>.po``       ``instructors/es/<stem>.md``
``_()`` / ``ngettext()`` in ``vraem``  ``src/vraem/locale/es/LC_MESSAGES/``    ``vraem.mo`` beside it
                                       ``vraem.po``
=====================================  ====================================  ==========================

:func:`update` re-reads the English and updates the catalogues (a changed English text
keeps its Spanish, marked fuzzy, with the English it was made for as ``#| msgid``).
:func:`build` writes the Spanish files; ``lessons/es`` go through the same learner build
as ``lessons/`` and are likewise never overwritten when someone has changed them.
:func:`problems` lists all that keeps the edition from being complete and current. A
course folder without ``i18n/es`` has no Spanish edition, and nothing to do.
"""

from __future__ import annotations

import io
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .. import build as english_build
from .catalogs import (
    messages,
    pending,
    read_catalog,
    render_catalog,
    state,
    update_catalog,
)
from .exercise_strings import exercise_strings
from .extract import markdown_entries, notebook_entries
from .spanish import LANGUAGE, translate_markdown, translate_notebook
from .structure import entry_problems

#: The helpers' gettext keywords: ``_("...")``, ``N_("...")`` (marked where defined, translated
#: where shown; ``N_("one", "many")`` for a count's two forms) and ``ngettext("one", "many", n)``.
#: Babel reads a call's arguments by number; a trailing comma counts as one more (hence 3).
KEYWORDS = {"_": None, "N_": {1: None, 2: (1, 2), 3: (1, 2)}, "ngettext": (1, 2)}
#: Where the exercises' own strings come from, as their catalogue entries say.
EXERCISE_LOCATION = "src/vraem/exercises"
HEADER = {
    "project": "vraem-course",
    "version": "0.2",
    "copyright_holder": "the VRAEM reading course authors",
    "language_team": LANGUAGE,
    "last_translator": "",
    "fuzzy": False,
}


def enabled(root: Path) -> bool:
    """Whether this course folder has a Spanish edition (an ``i18n/es`` folder)."""
    return (root / "i18n" / LANGUAGE).is_dir()


def notebook_sources(root: Path) -> list[Path]:
    """The English solution notebooks, as the English build finds them."""
    return sorted((root / "solutions").glob("[0-9][0-9]-*.ipynb"))


def document_sources(root: Path) -> list[Path]:
    """The English instructor notes (and the course map, ``instructors/README.md``)."""
    return sorted((root / "instructors").glob("*.md"))


def catalogue_of(root: Path, source: Path) -> Path:
    """The catalogue of an English notebook or note."""
    kind = "notebooks" if source.suffix == ".ipynb" else "instructors"
    return root / "i18n" / LANGUAGE / kind / f"{source.stem}.po"


def messages_catalogue(root: Path) -> Path:
    """The catalogue of the helpers' messages (gettext domain ``vraem``)."""
    return root / "src" / "vraem" / "locale" / LANGUAGE / "LC_MESSAGES" / "vraem.po"


def _entries(source: Path):
    if source.suffix == ".ipynb":
        return notebook_entries(nbformat.read(source, as_version=4))
    return markdown_entries(source.read_text(encoding="utf-8"))


def _empty(domain: str) -> Catalog:
    return Catalog(locale=LANGUAGE, domain=domain, **HEADER)


def _location(root: Path, source: Path) -> str:
    return source.relative_to(root).as_posix()


def _helper_messages(root: Path) -> Catalog:
    """Every ``_()`` / ``ngettext()`` message of ``src/vraem``, and every exercise string, as a template.

    The exercise strings are those of the installed ``vraem`` (the package this code is part of).
    """
    template = _empty("vraem")
    package = root / "src" / "vraem"
    found = extract_from_dir(
        str(package), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    )
    for filename, _line, message, comments, context in found:
        location = (f"src/vraem/{Path(filename).as_posix()}", 0)
        if message in template:
            template[message].locations.append(location)
        else:
            template.add(message, None, [location], auto_comments=comments, context=context)
    # The exercises' titles, hints and feedback are built at import: the walk adds them, with
    # the exercise each comes from as a comment for the translator.
    for message, uses in exercise_strings().items():
        if message in template:
            template[message].auto_comments.extend(uses)
        else:
            template.add(message, None, [(EXERCISE_LOCATION, 0)], auto_comments=uses)
    return template


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def planned_catalogues(root: Path) -> dict[Path, bytes]:
    """Every catalogue as :func:`update` would write it (each made from the English now)."""
    planned = {}
    for source in notebook_sources(root) + document_sources(root):
        path = catalogue_of(root, source)
        old = read_catalog(path) if path.is_file() else _empty(source.stem)
        planned[path] = render_catalog(
            update_catalog(old, _entries(source), _location(root, source))
        )
    path = messages_catalogue(root)
    if (root / "src" / "vraem").is_dir():
        catalog = read_catalog(path) if path.is_file() else _empty("vraem")
        created = catalog.creation_date
        catalog.update(_helper_messages(root), update_header_comment=False)
        catalog.creation_date = (
            created  # Babel dates the update; the file changes only with its messages
        )
        catalog.obsolete.clear()  # a message the code no longer has is not worth keeping
        planned[path] = render_catalog(catalog)
    return planned


def update(root: Path) -> list[Path]:
    """Update every catalogue from the English source; return the files changed."""
    if not enabled(root):
        return []
    return [
        path for path, data in planned_catalogues(root).items() if _write_if_changed(path, data)
    ]


def planned_files(root: Path) -> dict[Path, bytes]:
    """Every file of the Spanish edition as :func:`build` would write it, from the catalogues as they are."""
    planned: dict[Path, bytes] = {}
    for source in notebook_sources(root):
        path = catalogue_of(root, source)
        catalog = read_catalog(path) if path.is_file() else _empty(source.stem)
        english = nbformat.read(source, as_version=4)
        spanish = translate_notebook(english, catalog)
        planned[root / "solutions" / LANGUAGE / source.name] = english_build.render(spanish).encode(
            "utf-8"
        )
        where = f"solutions/{LANGUAGE}/{source.name}"
        lesson = english_build.build_lesson(spanish, where)
        planned[root / "lessons" / LANGUAGE / source.name] = english_build.stamp(
            lesson, f"{LANGUAGE}/{source.name}"
        ).encode("utf-8")
    for source in document_sources(root):
        path = catalogue_of(root, source)
        catalog = read_catalog(path) if path.is_file() else _empty(source.stem)
        text = translate_markdown(source.read_text(encoding="utf-8"), catalog)
        planned[root / "instructors" / LANGUAGE / source.name] = text.encode("utf-8")
    path = messages_catalogue(root)
    if path.is_file():
        compiled = io.BytesIO()
        write_mo(compiled, read_catalog(path), use_fuzzy=False)
        planned[path.with_suffix(".mo")] = compiled.getvalue()
    return planned


def build(root: Path, force: bool = False) -> int:
    """Write the Spanish edition, saying what was written; return how many files were refused.

    A Spanish lesson that is not what the build last wrote (someone ran or edited it) is
    left alone unless ``force``, as the English build does.
    """
    if not enabled(root):
        return 0
    refused = 0
    for path, data in planned_files(root).items():
        if path.is_file() and path.read_bytes() == data:
            continue
        in_lessons = path.parent == root / "lessons" / LANGUAGE
        changes = (
            english_build._hand_changes(path, data.decode("utf-8"))
            if in_lessons and path.exists()
            else ""
        )
        if changes and not force:
            print(
                f"{path} was not overwritten: it is not what the build last wrote ({changes}). "
                "Copy your version elsewhere; rerun with --force to replace it."
            )
            refused += 1
            continue
        _write_if_changed(path, data)
        print(f"wrote {path}")
    return refused


def _unexpected(root: Path, planned: dict[Path, bytes]) -> list[str]:
    """Spanish files whose English source is gone."""
    folders = {
        root / "solutions" / LANGUAGE: "*.ipynb",
        root / "lessons" / LANGUAGE: "*.ipynb",
        root / "instructors" / LANGUAGE: "*.md",
    }
    return [
        f"{path.relative_to(root)} has no English source any more: delete it"
        for folder, pattern in folders.items()
        for path in sorted(folder.glob(pattern))
        if path not in planned
    ]


def translation_problems(root: Path) -> list[str]:
    """Untranslated and fuzzy entries, one line per catalogue, naming the entries' keys."""
    problems = []
    for source in notebook_sources(root) + document_sources(root):
        path = catalogue_of(root, source)
        if path.is_file():
            problems += _summarise(path.relative_to(root), read_catalog(path))
    path = messages_catalogue(root)
    if path.is_file():
        problems += _summarise(path.relative_to(root), read_catalog(path))
    return problems


def _summarise(label: Path, catalog: Catalog) -> list[str]:
    untranslated, fuzzy = pending(catalog)
    summary = []
    if untranslated:
        summary.append(f"{label}: {len(untranslated)} untranslated: {', '.join(untranslated)}")
    if fuzzy:
        summary.append(f"{label}: {len(fuzzy)} need review (fuzzy): {', '.join(fuzzy)}")
    return summary


def structure_problems(root: Path) -> list[str]:
    """Translated entries that do not keep their English's structure or the glossary's terms."""
    problems = []
    for source in notebook_sources(root) + document_sources(root):
        path = catalogue_of(root, source)
        if not path.is_file():
            continue
        found = messages(read_catalog(path))
        for entry in _entries(source):
            message = found.get(entry.key)
            if message is None or not message.string or message.fuzzy:
                continue
            for problem in entry_problems(entry, message.string, root):
                problems.append(f"{path.relative_to(root)} [{entry.key}]: {problem}")
    return problems


def problems(root: Path) -> list[str]:
    """Everything that keeps the Spanish edition from being complete and current ([] when it is)."""
    if not enabled(root):
        return []
    found = []
    for path, data in planned_catalogues(root).items():
        if not path.is_file():
            found.append(
                f"{path.relative_to(root)} is missing: run `python -m vraem.authoring.translation update`"
            )
        elif _differs_beyond_minutes(path, data):
            found.append(
                f"{path.relative_to(root)} is out of date with its English source: "
                "run `python -m vraem.authoring.translation update`, then review the entries marked fuzzy"
            )
    found += translation_problems(root)
    found += structure_problems(root)
    planned = planned_files(root)
    for path, data in planned.items():
        if not path.is_file() or path.read_bytes() != data:
            found.append(
                f"{path.relative_to(root)} is stale: run `python -m vraem.authoring.build`"
            )
    return found + _unexpected(root, planned)


def _differs_beyond_minutes(path: Path, data: bytes) -> bool:
    """Whether a catalogue differs from its update in more than refreshed minute figures."""
    if path.read_bytes() == data:
        return False
    return state(read_catalog(path)) != state(read_po(io.BytesIO(data)))
