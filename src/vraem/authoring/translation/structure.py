"""Does a translation keep its English's structure and the glossary's terms? ``entry_problems(entry, spanish, root)``.

Kept exactly, per entry (each list compared as a multiset unless said otherwise):

- Markdown headings: the same number, at the same levels, in the same order;
- code spans (`` `check("2.3", answer)` ``) and link targets (``](…)``), character for character
  (a code span may also take its Spanish-edition form, ``lessons/es/…`` for ``lessons/…``:
  :mod:`vraem.authoring.translation.edition_code`);
- format placeholders (``{name}``, ``{0}``, ``%s``, ``%(name)s``);
- exercise ids (``2.3``, ``2.a``) and every other number as the English writes it
  (``62,500`` stays ``62,500``); minute figures are compared by count and order only, since
  the build writes the English ones into the Spanish (:mod:`vraem.authoring.translation.minutes`);
- an end-of-line comment stays on one line.

Terminology (the glossary, ``data/glossary.csv``, is the list): where the English uses a
term outside quotations and code, the Spanish must use the glossary's ``spanish`` term
(any inflection: ``hectáreas`` for ``hectárea``). The English is recognised by the ``term``
column and, for terms that are not acronyms, by the ``english`` column (``coca grower`` →
``cocalero``). The rule for acronyms: where the ``spanish`` column spells out an acronym
(``VRAEM`` → ``Valle de los Ríos Apurímac, Ene y Mantaro``), the acronym itself is also
accepted, as the translators' guide asks for acronyms to stay; where the ``spanish`` column is
itself an acronym (``UN`` → ``ONU``), only that is accepted.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .edition_code import spanish_form
from .extract import Entry
from .minutes import MINUTE_RUN, mask_minutes, minute_figures

HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)
FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
LINK_TARGET = re.compile(r"\]\(([^)\s]+)")
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*\}|%(?:\([A-Za-z_]\w*\))?[sdifr]\b")
EXERCISE_ID = re.compile(r"(?<![\w.,])\d+\.[a-z](?![\w])")
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
#: Quoted text (kept in English in the Spanish edition) and blockquote lines.
#: A quotation may run over a line break (Markdown wraps it), never over a blank line.
QUOTED = re.compile(r"\"(?:[^\"\n]|\n(?!\s*\n))*\"|“[^”]*”|^\s*>.*$", re.MULTILINE)


def _headings(text: str) -> list[int]:
    return [len(match[1]) for match in HEADING.finditer(FENCED.sub("", text))]


def _compare(what: str, english: list, spanish: list) -> list[str]:
    missing = Counter(english) - Counter(spanish)
    extra = Counter(spanish) - Counter(english)
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append(f"missing {sorted(missing.elements())}")
    if extra:
        parts.append(f"not in the English {sorted(extra.elements())}")
    return [f"{what}: " + "; ".join(parts)]


def _as_english(english: list[str], spanish: list[str]) -> list[str]:
    """The Spanish code spans, each Spanish-edition form of an English span counted as that span.

    ``_as_english(["lessons/01-a.ipynb"], ["lessons/es/01-a.ipynb"]) == ["lessons/01-a.ipynb"]``:
    a translation may name the Spanish edition's file or folder, or the lab command with
    ``--lang es``, where the English names its own (:mod:`vraem.authoring.translation.edition_code`).
    """
    left, kept = Counter(spanish), []
    for span in english:
        for found in (span, spanish_form(span)):
            if left[found] > 0:
                left[found] -= 1
                kept.append(span)
                break
    return kept + list(left.elements())


def entry_problems(entry: Entry, spanish: str, root: Path | None = None) -> list[str]:
    """What a translated entry does not keep of its English (``[]`` when it keeps everything)."""
    english = entry.text
    problems = []
    if entry.kind == "markdown" and _headings(english) != _headings(spanish):
        problems.append(
            f"headings: the English has levels {_headings(english)}, the Spanish {_headings(spanish)}"
        )
    if entry.kind == "inline comment" and "\n" in spanish:
        problems.append("an end-of-line comment's translation must stay on one line")
    spans = lambda text: [match[2] for match in CODE_SPAN.finditer(text)]  # noqa: E731
    problems += _compare("code spans", spans(english), _as_english(spans(english), spans(spanish)))
    problems += _compare("link targets", LINK_TARGET.findall(english), LINK_TARGET.findall(spanish))
    prose = lambda text: CODE_SPAN.sub(" ", text)  # noqa: E731
    problems += _compare(
        "placeholders", PLACEHOLDER.findall(prose(english)), PLACEHOLDER.findall(prose(spanish))
    )
    problems += _compare(
        "exercise ids", EXERCISE_ID.findall(prose(english)), EXERCISE_ID.findall(prose(spanish))
    )
    masked = lambda text: NUMBER.findall(mask_minutes(prose(text)))  # noqa: E731
    problems += _compare("numbers", masked(english), masked(spanish))
    if len(minute_figures(english)) != len(minute_figures(spanish)):
        problems.append(
            f"minute figures: the English states {len(minute_figures(english))} "
            f"({', '.join(m[0] for m in MINUTE_RUN.finditer(english))}), the Spanish "
            f"{len(minute_figures(spanish))}; keep each (N min, N minutos) in the English order"
        )
    if root is not None:
        problems += term_problems(english, spanish, glossary(root / "data" / "glossary.csv"))
    return problems


# ---------------------------------------------------------------- terminology


@dataclass(frozen=True)
class Term:
    """One glossary row as the terminology check reads it."""

    name: str
    english: re.Pattern
    accepted: tuple[re.Pattern, ...]
    spanish: str


def _is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,}", text))


def _english_pattern(phrases: list[str], case_sensitive: bool) -> re.Pattern:
    def one(phrase):
        words = [re.escape(word) + r"(?:s|es)?" for word in re.split(r"[\s-]+", phrase)]
        return r"[\s-]?".join(words) if len(words) > 1 else words[0]

    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)(?:" + "|".join(one(p) for p in phrases) + r")(?!\w)", flags)


def _spanish_pattern(term: str, case_sensitive: bool) -> re.Pattern:
    words = [re.escape(word) + (r"" if case_sensitive else r"\w*") for word in term.split()]
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


@cache
def glossary(path: Path) -> tuple[Term, ...]:
    """The glossary's terms, read once per file."""
    terms = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name, spanish = row["term"].strip(), row["spanish"].strip()
            acronym = _is_acronym(name)
            if acronym:
                english = _english_pattern([name], case_sensitive=True)
            else:
                gloss = re.split(r"[(,]", row["english"])[0].strip()
                english = _english_pattern(sorted({name, gloss}), case_sensitive=False)
            accepted = [_spanish_pattern(spanish, case_sensitive=_is_acronym(spanish))]
            if acronym and not _is_acronym(spanish):  # the Spanish spells the acronym out
                accepted.append(_spanish_pattern(name, case_sensitive=True))
            terms.append(Term(name, english, tuple(accepted), spanish))
    return tuple(terms)


def _unquoted(text: str) -> str:
    return QUOTED.sub(" ", CODE_SPAN.sub(" ", LINK_TARGET.sub("](", text)))


def term_problems(english: str, spanish: str, terms) -> list[str]:
    """Glossary terms the English uses (outside quotes and code) whose Spanish term is missing."""
    plain = _unquoted(english)
    problems = []
    for term in terms:
        if term.english.search(plain) and not any(p.search(spanish) for p in term.accepted):
            also = f" or {term.name}" if len(term.accepted) > 1 else ""
            problems.append(
                f"terminology: the English uses {term.name!r}; the Spanish should say "
                f"{term.spanish!r}{also} (data/glossary.csv)"
            )
    return problems
