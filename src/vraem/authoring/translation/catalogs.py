"""Read, update and judge the Spanish catalogues: ``update_catalog(catalog, entries)``.

A catalogue (``i18n/es/<kind>/<stem>.po``) holds one message per entry of the English
source (:mod:`vraem.authoring.translation.extract`): ``msgctxt`` is the key, ``msgid`` the English,
``msgstr`` the Spanish. Catalogues are read and written with Babel, in the layout the
skeletons have (no line wrapping, source order, no line numbers), so a diff shows only
what changed.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import denormalize, normalize, read_po, write_po

from .extract import Entry
from .minutes import mask_minutes

FUZZY = "fuzzy"
#: Below this similarity a moved or re-keyed English text counts as new (untranslated).
CLOSE_ENOUGH = 0.8


#: A fuzzy entry's previous English (``#| msgid``), which Babel writes but does not read back.
_PREVIOUS = re.compile(r"((?:^#\| .*\n)+)msgctxt (\".*\")\n", re.MULTILINE)


def read_catalog(path: Path) -> Catalog:
    """Read a .po file, with each keyed entry's ``#| msgid``; a damaged file raises ValueError naming it."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except Exception as error:  # Babel raises PoFileError and others on a damaged file
        raise ValueError(
            f"{path}: not a readable catalogue ({error}); restore it from git "
            "(`git checkout -- <file>`) and redo the last edit"
        ) from error
    found = messages(catalog)
    for lines, context in _PREVIOUS.findall(path.read_text(encoding="utf-8")):
        text = "\n".join(line[3:] for line in lines.splitlines())
        message = found.get(denormalize(context))
        if message is not None and text.startswith("msgid "):
            message.previous_id = [denormalize(text[len("msgid ") :])]
    return catalog


def render_catalog(catalog: Catalog) -> bytes:
    """The bytes of a catalogue in the course's layout, with ``#| msgid`` before each fuzzy keyed entry.

    Babel wraps ``#|`` lines as prose (breaking the quoted strings), so they are written here,
    one quoted line per English line, as GNU gettext writes them.
    """
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=False, include_lineno=False)
    text = out.getvalue().decode("utf-8")
    for message in catalog:
        if message.id and message.context and message.previous_id:
            context = f"msgctxt {normalize(message.context, width=0)}\n"
            previous = "#| msgid " + normalize(message.previous_id[0], prefix="#| ", width=0)
            text = text.replace(context, previous + "\n" + context, 1)
    return text.encode("utf-8")


def messages(catalog: Catalog) -> dict[str, Message]:
    """The catalogue's messages by key (msgctxt), leaving out the header."""
    return {message.context: message for message in catalog if message.id}


def translation(message: Message | None, english: str) -> str | None:
    """The Spanish to use for ``english``: None if untranslated, fuzzy or made for other English.

    English that differs only in its minute figures counts as the same (see
    :mod:`vraem.authoring.translation.minutes`).
    """
    if message is None or not message.string or message.fuzzy:
        return None
    if mask_minutes(message.id) != mask_minutes(english):
        return None
    return message.string


def _new_message(entry: Entry, location: str, string: str = "", previous=None, fuzzy=False):
    return Message(
        entry.text,
        string,
        locations=[(location, 0)],
        flags=[FUZZY] if fuzzy else [],
        previous_id=previous or (),
        context=entry.key,
    )


def update_catalog(catalog: Catalog, entries: Iterable[Entry], location: str) -> Catalog:
    """The catalogue for ``entries``, carrying every translation of ``catalog`` over.

    - same key, same English (minutes aside): kept as it is;
    - the same English under another key (a moved block): kept, under the new key;
    - same key, changed English: kept, marked fuzzy, the previous English kept as ``#| msgid``
      (the English the Spanish was made for, if the entry was already fuzzy);
    - a new key whose English is close to a removed entry's: that translation, fuzzy;
    - a new key: untranslated;
    - a removed key with a translation: kept as obsolete (``#~``) so no work is lost.
    """
    entries = list(entries)
    old = messages(catalog)
    left = dict(old)  # old messages not yet carried over
    chosen: dict[str, tuple[Message, bool]] = {}  # key -> (old message, needs review)

    def take(entry, message, review):
        chosen[entry.key] = (message, review)
        left.pop(message.context, None)

    for entry in entries:  # 1. same key, same English (minute figures aside)
        message = old.get(entry.key)
        if message is not None and mask_minutes(message.id) == mask_minutes(entry.text):
            take(entry, message, False)
    for entry in entries:  # 2. the same English under another key
        if entry.key not in chosen:
            same = next((m for m in left.values() if m.id == entry.text and m.string), None)
            if same is not None:
                take(entry, same, False)
    for entry in entries:  # 3. same key, changed English
        if entry.key not in chosen and entry.key in left:
            take(entry, left[entry.key], True)
    for entry in entries:  # 4. close to an English no longer used
        if entry.key not in chosen:
            candidates = {m.id: m for m in left.values() if m.string}
            close = difflib.get_close_matches(
                entry.text, list(candidates), n=1, cutoff=CLOSE_ENOUGH
            )
            if close:
                take(entry, candidates[close[0]], True)

    new = Catalog(
        locale=catalog.locale,
        domain=catalog.domain,
        project=catalog.project,
        version=catalog.version,
        copyright_holder=catalog.copyright_holder,
        msgid_bugs_address=catalog.msgid_bugs_address,
        creation_date=catalog.creation_date,
        revision_date=catalog.revision_date,
        last_translator=catalog.last_translator,
        language_team=catalog.language_team,
        fuzzy=False,
        header_comment=catalog.header_comment,
    )
    new.mime_headers = catalog.mime_headers  # every header line as it was (Babel adds none)
    for entry in entries:
        message, review = chosen.get(entry.key, (None, False))
        if message is None or not message.string:
            new[entry.text] = _new_message(entry, location)
            continue
        fuzzy = message.fuzzy or review
        previous = message.previous_id if message.fuzzy and message.previous_id else message.id
        new[entry.text] = _new_message(
            entry,
            location,
            message.string,
            previous=previous if fuzzy else None,
            fuzzy=fuzzy,
        )
    for message in left.values():
        if message.string:
            new.obsolete[(message.id, message.context)] = message
    return new


def pending(catalog: Catalog) -> tuple[list[str], list[str]]:
    """The keys of the entries a translator still has to do: ``(untranslated, fuzzy)``.

    A message without a key (the helpers' messages) is named by its English.
    """
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        name = message.context or (message.id if isinstance(message.id, str) else message.id[0])
        if not message.string or (isinstance(message.string, tuple) and not all(message.string)):
            untranslated.append(name)
        elif message.fuzzy:
            fuzzy.append(name)
    return untranslated, fuzzy


def state(catalog: Catalog) -> list[tuple]:
    """What a catalogue says, minute figures of the English aside: to tell a real change from a refresh."""
    return [
        (message.context, mask_minutes(str(message.id)), message.string, message.fuzzy)
        for message in catalog
        if message.id
    ]
