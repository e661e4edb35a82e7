"""Code that names the English edition, pointed at the Spanish one: ``spanish_code("python3 course.py lab")``.

The translators keep every code span as the English writes it (the structure check asks for
that), yet a Spanish reader told to open ``solutions/01-the-corpus.ipynb`` or to run
``python3 course.py lab`` ends up in the English edition. So the build rewrites, in the code
spans and fenced code of a Spanish document, what can only mean the edition:

- a lesson's or solution's file, ``lessons/01-the-corpus.ipynb`` → ``lessons/es/01-the-corpus.ipynb``
  (also URL-encoded, as an nbgitpuller link's ``urlpath`` writes it: ``lessons%2F00-…``);
- the lab command, ``course.py lab`` → ``course.py lab --lang es``.

A bare folder (``solutions/``) is not rewritten: "open `solutions/` on your screen" means the
Spanish folder, but "``solution(id)`` prints from `solutions/`" means the English files, which
the helpers read in both editions. There the translator decides, and the structure check
accepts either the English span or its Spanish-edition form (:func:`spanish_form`) — that
mapping and nothing else.
"""

from __future__ import annotations

import re

_LANG = "es"
#: The two folders of notebooks that have a Spanish edition beside them (``lessons/es/``, …).
_EDITION_FOLDERS = "|".join(("lessons", "solutions"))
#: A lesson's or solution's notebook, not already in the Spanish folder.
_EDITION_FILE = re.compile(rf"(?<![\w.-])({_EDITION_FOLDERS})/(?=\d\d-[\w-]+\.ipynb)")
#: The same in a URL-encoded path (nbgitpuller's ``urlpath=lab%2Ftree%2FREPO%2Flessons%2F…``).
_EDITION_FILE_ENCODED = re.compile(rf"(%2F|=)({_EDITION_FOLDERS})%2F(?=\d\d-[\w-]+\.ipynb)")
#: The command that opens the course, without a language.
_LAB = re.compile(r"(?<![\w.-])course\.py lab(?![\w-])(?! --lang)")
#: A code span that is only a lesson or solution folder (``solutions/``, ``REPO/lessons/``).
_EDITION_FOLDER = re.compile(rf"^((?:[\w.-]+/)*)({_EDITION_FOLDERS})/$")
#: Inline code in Markdown (the structure check's definition).
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def spanish_code(code: str) -> str:
    """Code with each file of the lessons or solutions and the lab command in the Spanish edition.

    ``spanish_code("lessons/01-the-corpus.ipynb") == "lessons/es/01-the-corpus.ipynb"``;
    ``spanish_code("python3 course.py lab") == "python3 course.py lab --lang es"``; code
    already in the Spanish edition is returned unchanged.
    """
    code = _EDITION_FILE.sub(rf"\1/{_LANG}/", code)
    code = _EDITION_FILE_ENCODED.sub(rf"\1\2%2F{_LANG}%2F", code)
    return _LAB.sub(f"course.py lab --lang {_LANG}", code)


def spanish_form(code: str) -> str:
    """The Spanish-edition form of a code span: :func:`spanish_code`, and a bare folder too.

    ``spanish_form("solutions/") == "solutions/es/"``; the structure check accepts this
    form in a translation wherever the English has ``code``.
    """
    return _EDITION_FOLDER.sub(rf"\1\2/{_LANG}/", spanish_code(code))


def spanish_code_spans(markdown: str) -> str:
    """Markdown prose with :func:`spanish_code` applied inside each code span, the prose untouched."""
    return _CODE_SPAN.sub(lambda found: found[1] + spanish_code(found[2]) + found[1], markdown)
