"""Links on the website's pages: ``relink(markdown, repo_file, site_file, pages)``.

:func:`relink` points a repository file's links at the same files' pages in the book;
:func:`link_first_mentions` links each glossary term's first mention on a page to the glossary.
"""

from __future__ import annotations

import posixpath
import re

from ...glossary import NOT_PROSE

LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def relink(markdown: str, repo_file: str, site_file: str, pages: dict[str, str]) -> str:
    """Point relative links of a repository file at the same files' pages in the book.

    ``relink("[00](lessons/00-start-here.ipynb)", "README.md", "index.md", pages)`` keeps the
    link; a link from ``instructors/README.md`` to ``../data/README.md`` becomes
    ``../data/index.md``. A link to a file the site does not show is left as it is, so that
    Sphinx warns about it (and the site test fails) instead of the link silently breaking.
    """

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target):  # an address, or a place on the same page
            return match.group(0)
        path, _, anchor = target.partition("#")
        in_repo = posixpath.normpath(posixpath.join(posixpath.dirname(repo_file), path))
        if in_repo not in pages:
            return match.group(0)
        new = posixpath.relpath(pages[in_repo], posixpath.dirname(site_file) or ".")
        return f"{match.group(1)}{new}{'#' + anchor if anchor else ''}{match.group(3)}"

    return LINK.sub(fix, markdown)


def _names_pattern(names: dict[str, str]) -> re.Pattern:
    """One pattern for every name of every term, longest first, acronyms in capitals only."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        body = re.escape(name).replace(r"\ ", r"\s+")
        parts.append(body if name.isupper() else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?:e?s)?(?![\w-])")


def link_first_mentions(markdown: str, seen: set[str], names: dict[str, str]) -> str:
    """Link the first mention on a page of each glossary term to the glossary.

    ``seen`` holds the terms already linked on the page and is updated. Headings, code,
    links and addresses are left alone. The link is Sphinx's ``{term}`` role, which
    points at the term's entry on the glossary page (and warns if it has none).
    """
    pattern = _names_pattern(names)
    folded = {name.casefold(): term for name, term in names.items()}

    def link(match: re.Match) -> str:
        words = match.group(0)
        term = folded.get(" ".join(match.group(1).split()).casefold())
        if term is None or term in seen:
            return words
        seen.add(term)
        return f"{{term}}`{words} <{term}>`"

    # what must stay as it is: code, addresses, links, headings, roles already there
    protected = re.compile(
        NOT_PROSE.pattern + r"|\[[^\]]*\]\([^)]*\)|^#[^\n]*|\{\w+\}`[^`]*`",
        re.DOTALL | re.MULTILINE,
    )
    out, start = [], 0
    for keep in protected.finditer(markdown):
        out.append(pattern.sub(link, markdown[start : keep.start()]))
        out.append(keep.group(0))
        start = keep.end()
    out.append(pattern.sub(link, markdown[start:]))
    return "".join(out)
