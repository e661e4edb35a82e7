"""The source texts every figure is checked against, white space folded: ``article_texts()["003"]``.

Each is remembered until a data file it reads changes (:mod:`vraem.datacache`).
"""

from __future__ import annotations

from ..corpus import load_article, load_metadata
from ..datacache import remembered
from ..paths import read_data_text
from ..scrape import clean_line


@remembered
def article_texts() -> dict[str, str]:
    """Return each article's parsed text (boilerplate removed), white space folded."""
    return {
        article_id: clean_line(load_article(article_id).text)
        for article_id in load_metadata()["article_id"]
    }


def news_texts() -> dict[str, str]:
    """Return each article's news part: the text before its "InSight Crime Analysis" heading.

    Empty for an Analysis article, which is the outlet's own voice throughout.
    """
    kinds = load_metadata().set_index("article_id")["kind"]
    return {
        article_id: ""
        if kinds[article_id] == "Analysis"
        else clean_line("\n\n".join(load_article(article_id).news))
        for article_id in kinds.index
    }


@remembered
def reference_text() -> str:
    """Return data/reference/context_facts.md with white space folded."""
    return clean_line(read_data_text("reference/context_facts.md"))


@remembered
def reference_sections() -> dict[str, str]:
    """Each item of context_facts.md, white space folded: ``{"(b)": "...", "shares": "..."}``."""
    sections, current = {}, None
    for line in read_data_text("reference/context_facts.md").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            current = (
                heading[:3]
                if heading.startswith("(")
                else ("shares" if "share statements" in heading else heading)
            )
            sections[current] = ""
        elif current is not None:
            sections[current] += " " + line
    return {name: clean_line(text) for name, text in sections.items()}


@remembered
def reference_addresses() -> str:
    """Every address the reference folder cites: context_facts.md and the coca reference table."""
    coca = read_data_text("reference/coca_cultivation_peru.csv")
    return reference_text() + " " + coca


def at(where: str, problem: str) -> str:
    """A problem as the tests print it: where (a file and a row id, as written) and what is wrong."""
    return f"{where}: {problem}"
