"""The website's generated pages, as Markdown: ``book.write("glossary.md", glossary_markdown())``.

Also :func:`tables_markdown` (every table of the data package), :func:`licences_markdown` and
each lesson's closing credit, :func:`credit_markdown`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ...corpus import load_metadata
from ...glossary import load_glossary
from ...paths import data_file
from ...quotes import quote


def article_credits() -> dict[str, str]:
    """Each article's credit line, as ``quote()`` prints it under a passage: ``{"000": "InSight …"}``."""
    # an empty passage stands in every article, so this is each article's own credit line
    return {
        article_id: quote(article_id, "").attribution
        for article_id in load_metadata()["article_id"]
    }


#: The opening of each lesson page's closing credit, in each language; ``{licences}`` is the
#: link to the licences page from the lesson's page.
CREDIT_OPENING = {
    "en": "## Sources and credit\n\n"
    "This course reads five articles by InSight Crime (insightcrime.org). The passages on "
    "this page are quoted from them with credit, under InSight Crime's terms: non-commercial "
    "use, attribution to InSight Crime and a link to the original "
    "(see [licences and credits]({licences})).",
    "es": "## Fuentes y créditos\n\n"
    "En este curso se leen cinco artículos de InSight Crime (insightcrime.org), publicados en "
    "inglés. Los pasajes de esta página se citan de ellos con la debida atribución, según los "
    "términos de InSight Crime: uso no comercial, atribución a InSight Crime y un enlace al "
    "original (consulta [licencias y créditos]({licences}), en inglés).",
}


def credit_markdown(
    credits: dict[str, str] | None = None, language: str = "en", licences: str = "../licences.md"
) -> str:
    """The closing cell of each lesson page: who wrote the articles and on what terms.

    ``credits`` is :func:`article_credits` (worked out here if not given); ``language`` the
    lesson's, ``licences`` the link to the licences page from the lesson's page.
    """
    lines = [CREDIT_OPENING[language].format(licences=licences), ""]
    lines += [f"- {line}" for line in (credits or article_credits()).values()]
    return "\n".join(lines) + "\n"


def _cell_text(text: object) -> str:
    """A value made safe for a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _constraints(field: dict) -> str:
    rules = []
    for key, value in field.get("constraints", {}).items():
        if key == "enum":
            rules.append("one of " + ", ".join(f"`{item}`" for item in value))
        elif value is True:
            rules.append(key)
        else:
            rules.append(f"{key} `{value}`")
    return "; ".join(rules)


def tables_markdown() -> str:
    """A page documenting every table of ``data/datapackage.json``, column by column."""
    package = json.loads(data_file("datapackage.json").read_text(encoding="utf-8"))
    lines = [
        "# The data tables",
        "",
        f"Generated from `data/datapackage.json` ({_cell_text(package.get('title', ''))}), "
        "the Frictionless Data Package that the tests validate every table against. "
        "In a notebook, `vraem.tables.read_table(name)` loads a table with these types.",
        "",
    ]
    for licence in package.get("licenses", []):
        lines += [f"Licence: [{licence.get('title', licence['name'])}]({licence['path']}).", ""]
    for resource in package["resources"]:
        schema = resource.get("schema", {})
        lines += [
            f"## {resource.get('title', resource['name'])}",
            "",
            f"File `data/{resource['path']}`, table name `{resource['name']}`.",
            "",
            _cell_text(resource.get("description", "")),
            "",
        ]
        if schema.get("primaryKey"):
            lines += [
                "One row per " + ", ".join(f"`{key}`" for key in schema["primaryKey"]) + ".",
                "",
            ]
        for key in schema.get("foreignKeys", []):
            fields = ", ".join(f"`{name}`" for name in key["fields"])
            target = key["reference"]
            lines += [
                f"{fields} refers to `{', '.join(target['fields'])}` of the "
                f"`{target.get('resource') or resource['name']}` table.",
                "",
            ]
        lines += ["| column | type | what it holds | rules |", "|---|---|---|---|"]
        for field in schema.get("fields", []):
            lines.append(
                f"| `{field['name']}` | {field.get('type', 'string')} | "
                f"{_cell_text(field.get('description', ''))} | {_constraints(field)} |"
            )
        lines.append("")
    return "\n".join(lines)


def glossary_markdown(credits: dict[str, str] | None = None) -> str:
    """The glossary page: one Sphinx glossary entry per term, each with its source."""
    credits = credits or article_credits()
    lines = [
        "# Glossary",
        "",
        "The terms and acronyms of the course, in Spanish and English, each with the passage "
        "it rests on: an article quote or a passage of the course's reference notes. In a "
        'notebook, `glossary("VRAEM")` prints the same entry and `glossary()` lists every term.',
        "",
        "```{glossary}",
        ":sorted:",
        "",
    ]
    for _, row in load_glossary().iterrows():
        if row["source_kind"] == "article":
            source = f"“{row['quote']}” — {credits[row['article_id']]}"
        elif row["source_url"] == "data/reference/README.md":
            source = f"“{row['quote']}” — [the course's reference notes](data/reference.md)"
        else:
            source = f"“{row['quote']}” — {row['source_url']}"
        lines += [
            row["term"],
            f"  {_cell_text(row['definition'])}",
            "",
            f"  *Spanish:* {row['spanish']} · *English:* {row['english']}",
            "",
            f"  *Source:* {source}",
            "",
        ]
    lines += ["```", ""]
    return "\n".join(lines)


def licences_markdown(repo: Path, credits: dict[str, str] | None = None) -> str:
    """The licences and credits page: the MIT licence, the text licence, the articles, citing."""
    text_licence = (repo / "LICENSE-TEXT.md").read_text(encoding="utf-8")
    text_licence = re.sub(r"^# .*\n", "", text_licence, count=1)
    lines = [
        "# Licences and credits",
        "",
        "## The course text and data tables: CC BY 4.0",
        "",
        text_licence.strip(),
        "",
        "## The articles: InSight Crime",
        "",
        "The five articles the course reads are by InSight Crime, copied and quoted under the "
        "publisher's terms: non-commercial use, with attribution to InSight Crime and a link to "
        "the original. Their credits:",
        "",
    ]
    lines += [f"- {line}" for line in (credits or article_credits()).values()]
    lines += [
        "",
        "## The code: MIT",
        "",
        "```text",
        (repo / "LICENSE").read_text(encoding="utf-8").strip(),
        "```",
        "",
        "## How to cite the course",
        "",
        "```yaml",
        (repo / "CITATION.cff").read_text(encoding="utf-8").strip(),
        "```",
        "",
    ]
    return "\n".join(lines)
