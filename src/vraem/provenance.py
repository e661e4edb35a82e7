"""Check that every figure in the tables is traceable to its source text.

``claim_problems(load_claims())`` lists, for each claim, what does not hold:
the quote is not in its article, the number cannot be read from the quote,
the hedge is not in the quote, a hedge in front of the number was not
recorded, the section or the source is coded against the table's own rules,
or a fact check lacks its note or cites an address the reference notes do not
give. ``[]`` means every claim traces back to its words.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pandas as pd

from .corpus import load_article, load_metadata
from .datacache import remembered
from .numbers import parse_quantity
from .passages import RECONCILED_COLUMNS, RECONCILED_ONLY, reconciled_cells
from .paths import data_dir, data_file, read_data_text
from .scrape import clean_line

#: Words that soften a figure when they stand right before it, longest first.
HEDGE_WORDS = (
    "an estimated",
    "estimated",
    "more than",
    "at least",
    "up to",
    "approximately",
    "around",
    "about",
    "nearly",
    "almost",
    "some",
    "over",
    "roughly",
    "between",
)
_RELATIVE_TOLERANCE = 1e-3
#: Words that show which way a reported change goes.
DIRECTION_WORDS = {
    "up": re.compile(r"\b(increas|grew|grow|rose|rise|risen|up\b)"),
    "down": re.compile(r"\b(fell|fall|drop|decreas|declin|down\b|reduc)"),
}


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


#: Fact-check labels that need the address of the source that says otherwise.
FACT_CHECKS_NEEDING_A_SOURCE = ("contradicted", "disputed")


def _blank(value) -> bool:
    return pd.isna(value) or not str(value).strip()


def _coding_problems(row, text: str, news: str) -> list[str]:
    """The table's own coding rules: section, source type, attribution wording, periods."""
    problems = []
    section = "news" if clean_line(row.quote) in news else "analysis"
    if row.section != section:
        problems.append(
            f"the quote stands in the {section} part of the article, but section is {row.section!r}"
        )
    # an unsourced figure is "unattributed" in a news report and the outlet's own in its analysis
    own_voice = {
        "the outlet itself": ("InSight Crime", "analysis"),
        "unattributed": ("unattributed", "news"),
    }
    if row.source_type in own_voice:
        name, part = own_voice[row.source_type]
        if row.attributed_to != name or row.section != part:
            problems.append(
                f"source_type {row.source_type!r} goes with attributed_to {name!r} in the "
                f"{part} section"
            )
    elif row.attributed_to in ("InSight Crime", "unattributed"):
        problems.append(f"attributed_to {row.attributed_to!r} needs the matching source_type")
    else:
        name = row.attributed_to.split(" (")[0].split(", reported by")[0]
        if name.lower().startswith("according to"):
            problems.append('attributed_to names the source, without "according to"')
        elif name.lower() not in text.lower():
            problems.append(f"attributed_to {name!r} is not in the article's words")
    problems += _period_problems(row)
    return problems


def _period_problems(row) -> list[str]:
    """A date must be the year its period gives; a number of days must span its period."""
    period = str(row.reference_period)
    if row.unit == "calendar year" and not (
        not pd.isna(row.value) and period[:4] == f"{int(row.value)}"
    ):
        return [f"the year {row.value:g} is not the year of reference_period {period!r}"]
    if row.unit == "days" and not pd.isna(row.value):
        ends = period.split("/")
        if len(ends) != 2 or not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", end) for end in ends):
            return [
                f"a duration of {row.value:g} days needs the days it covers as reference_period (A/B)"
            ]
        span = (pd.Timestamp(ends[1]) - pd.Timestamp(ends[0])).days + 1
        if span != row.value:
            return [f"reference_period {period} spans {span} days, not {row.value:g}"]
    return []


def _fact_check_problems(row, reference: str) -> list[str]:
    """A fact check needs our note, and its address must be one the reference notes cite."""
    if _blank(row.fact_check):
        if not (_blank(row.fact_check_note) and _blank(row.fact_check_url)):
            return ["fact_check_note and fact_check_url must be empty when fact_check is"]
        return []
    problems = []
    if _blank(row.fact_check_note):
        problems.append(f"fact_check {row.fact_check!r} needs a fact_check_note")
    if _blank(row.fact_check_url):
        if row.fact_check in FACT_CHECKS_NEEDING_A_SOURCE:
            problems.append(f"fact_check {row.fact_check!r} needs the address of its source")
    elif row.fact_check_url not in reference:
        problems.append("fact_check_url is not an address cited in reference/context_facts.md")
    return problems


def _close(parsed: float | None, recorded) -> bool:
    if parsed is None:
        return pd.isna(recorded)
    return not pd.isna(recorded) and abs(parsed - recorded) <= _RELATIVE_TOLERANCE * max(
        1, abs(parsed)
    )


def hedge_before(quote: str, value_text: str) -> str | None:
    """Return the hedge word standing right before ``value_text`` in ``quote``, if any."""
    position = quote.find(value_text)
    before = quote[:position].lower().rstrip(" (")
    for word in HEDGE_WORDS:
        if re.search(rf"\b{re.escape(word)}$", before):
            return word
    return None


def claim_problems(claims: pd.DataFrame) -> list[str]:
    """List every way the claims table fails to trace back to the articles."""
    texts, news, reference = article_texts(), news_texts(), reference_text()
    problems = []
    for row in claims.itertuples(index=False):
        where = f"claims.csv {row.claim_id}"
        quote = clean_line(row.quote)
        if row.article_id not in texts:
            problems.append(f"{where}: article {row.article_id!r} does not exist")
            continue
        if quote not in texts[row.article_id]:
            problems.append(f"{where}: the quote is not in the text of article {row.article_id}")
        problems += [
            f"{where}: {problem}"
            for problem in _coding_problems(row, texts[row.article_id], news[row.article_id])
        ]
        problems += [f"{where}: {problem}" for problem in _fact_check_problems(row, reference)]
        if row.value_text not in quote:
            problems.append(f"{where}: value_text {row.value_text!r} is not in the quote")
        try:
            low, high = parse_quantity(row.value_text)
        except ValueError as error:
            problems.append(f"{where}: {error}")
        else:
            if not (_close(low, row.value_low) and _close(high, row.value_high)):
                problems.append(
                    f"{where}: {row.value_text!r} reads as {low}–{high}, but the row "
                    f"says {row.value_low}–{row.value_high}"
                )
            single = low == high
            if single and not _close(low, row.value):
                problems.append(f"{where}: value {row.value} is not what {row.value_text!r} says")
            if not single and not pd.isna(row.value):
                problems.append(f"{where}: a range or a vague quantity must leave value empty")
        if row.hedge != "none" and row.hedge.lower() not in quote.lower():
            problems.append(f"{where}: the hedge {row.hedge!r} is not in the quote")
        if row.measure.endswith("_change"):
            pattern = DIRECTION_WORDS.get(row.direction if isinstance(row.direction, str) else "")
            if pattern is None or not pattern.search(quote.lower()):
                problems.append(
                    f"{where}: a change needs a direction (up/down) that its quote bears out"
                )
        spotted = hedge_before(quote, row.value_text)
        if spotted and spotted.replace("an ", "") not in row.hedge:
            problems.append(
                f"{where}: the quote says {spotted!r} before the figure, but hedge is {row.hedge!r}"
            )
    return problems


@remembered
def reference_text() -> str:
    """Return data/reference/context_facts.md with white space folded."""
    return clean_line(read_data_text("reference/context_facts.md"))


def event_problems(events: pd.DataFrame) -> list[str]:
    """List events whose quote or address cannot be found in the source they name."""
    texts, reference = article_texts(), reference_text()
    urls = load_metadata().set_index("article_id")["url"]
    problems = []
    for row in events.itertuples(index=False):
        where = f"events.csv {row.event_id}"
        quote = clean_line(row.quote)
        if row.source_kind == "article":
            if pd.isna(row.article_id) or row.article_id not in texts:
                problems.append(f"{where}: an article row needs a valid article_id")
                continue
            if quote not in texts[row.article_id]:
                problems.append(f"{where}: the quote is not in article {row.article_id}")
            if row.source_url != urls[row.article_id]:
                problems.append(
                    f"{where}: source_url is not the address of article {row.article_id}"
                )
        else:
            if quote not in reference:
                problems.append(f"{where}: the quote is not in reference/context_facts.md")
            if row.source_url not in reference:
                problems.append(
                    f"{where}: the address is not one cited in reference/context_facts.md"
                )
    return problems


def readable_hectares(excerpt: str) -> set[int]:
    """Return every whole number written in an excerpt.

    Reads the ways the sources write thousands: "46,700", "60.400", "89 755",
    "19, 723" and "15 mil 530". Only the verbatim part (before " [NOTE: ") counts.
    """
    text = excerpt.split(" [NOTE: ")[0]
    text = re.sub(r"(\d+) mil (\d{3})", r"\1\2", text)
    text = re.sub(r"(\d)(?:[.,]\s?|\s)(\d{3})(?!\d)", r"\1\2", text)
    return {int(number) for number in re.findall(r"\d+", text)}


def series_problems(series: pd.DataFrame) -> list[str]:
    """List coca-series rows whose hectares cannot be read in their own excerpt."""
    return [
        f"coca_cultivation.csv {row.year} {row.region} ({row.source_publisher}): "
        f"{row.hectares} is not in the excerpt"
        for row in series.itertuples(index=False)
        if row.hectares not in readable_hectares(row.excerpt)
    ]


# --- passages (data/passages.csv, data/passage_codings.csv, data/codebook.md) --------------

#: Source types of the outlet's own voice; every other type is reported speech (codebook.md).
OUTLET_SOURCE_TYPES = ("the outlet itself", "unattributed")


def passage_problems(passages: pd.DataFrame) -> list[str]:
    """List every way the passages table fails to trace back to the articles.

    Each quote must be in its article, inside the paragraph the row names;
    ``voice`` must agree with ``source_type`` as the codebook says; passages
    must not overlap; and every paragraph of every article must have at
    least one passage (the table covers the articles, not a sample).
    """
    texts = article_texts()
    problems = []
    spans: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for row in passages.itertuples(index=False):
        where = f"passages.csv {row.passage_id}"
        if row.article_id not in texts:
            problems.append(f"{where}: article {row.article_id!r} does not exist")
            continue
        quote = clean_line(row.quote)
        if quote not in texts[row.article_id]:
            problems.append(f"{where}: the quote is not in the text of article {row.article_id}")
            continue
        body = load_article(row.article_id).body
        paragraph = clean_line(body[row.paragraph]) if 0 <= row.paragraph < len(body) else ""
        start = paragraph.find(quote)
        if start < 0:
            problems.append(
                f"{where}: the quote is not in paragraph {row.paragraph} of article {row.article_id}"
            )
        else:
            spans.setdefault((row.article_id, row.paragraph), []).append(
                (start, start + len(quote), row.passage_id)
            )
        outlet = row.source_type in OUTLET_SOURCE_TYPES
        if (row.voice == "outlet") != outlet:
            problems.append(
                f"{where}: voice {row.voice!r} does not go with source_type {row.source_type!r}"
            )
    for (article_id, _paragraph), found in spans.items():
        found.sort()
        for (_, end, first), (start, _, second) in pairwise(found):
            if start < end:
                problems.append(
                    f"passages.csv {first} and {second} overlap in article {article_id}"
                )
    for article_id in texts:
        for paragraph in range(len(load_article(article_id).body)):
            if (article_id, paragraph) not in spans:
                problems.append(
                    f"passages.csv: paragraph {paragraph} of article {article_id} has no passage"
                )
    return problems


def coding_problems(
    passages: pd.DataFrame, codings: pd.DataFrame, rounds: pd.DataFrame | None = None
) -> list[str]:
    """List how the codings fail to match the rounds and the reconciled passages table.

    Every coder in ``passage_codings.csv`` must be described in
    ``coding_rounds.csv`` and the other way round. The course authors' coders
    (round 0) code every passage except one added at reconciliation
    (``reconciled_from`` is ``new passage``); an outside coder (round 1 on)
    codes every passage. Each codes a passage once, pairing ``voice`` with a
    fitting ``source_type``.

    ``passages.csv`` holds reconciled coding 2. Putting the ``revised_from``
    values back gives reconciled coding 1, which must be coding A changed only
    in the cells ``reconciled_from`` lists with coding A's value
    (``evidence=event``). Each documented change names its rule, and really
    changed its cell.
    """
    from .tables import read_table  # the rounds, as the loaders read them

    rounds = read_table("coding_rounds") if rounds is None else rounds
    columns = list(RECONCILED_COLUMNS)
    problems = []
    new = set(passages.loc[passages["reconciled_from"] == RECONCILED_ONLY, "passage_id"])
    described = dict(zip(rounds["coder"], rounds["round"].astype(int), strict=True))
    for coder in sorted(set(described) - set(codings["coder"])):
        problems.append(
            f"coding_rounds.csv describes coder {coder}, but passage_codings.csv has no coding by them"
        )
    for coder, coding in codings.groupby("coder"):
        if coder not in described:
            problems.append(
                f"passage_codings.csv: coder {coder} is not described in coding_rounds.csv"
            )
            continue
        before_reconciliation = described[coder] == 0
        ids = set(passages["passage_id"]) - (new if before_reconciliation else set())
        coded = coding["passage_id"]
        if set(coded) != ids or coded.duplicated().any():
            problems.append(
                f"passage_codings.csv: coder {coder} does not code every passage exactly once"
                + (" (a passage added at reconciliation excepted)" if before_reconciliation else "")
            )
        clash = coding[
            (coding["voice"] == "outlet") != coding["source_type"].isin(OUTLET_SOURCE_TYPES)
        ]
        for passage_id in clash["passage_id"]:
            problems.append(
                f"passage_codings.csv {passage_id} coder {coder}: voice does not go with source_type"
            )
    if "B" not in set(codings["coder"]):
        problems.append("passage_codings.csv: there is no second coding (coder B)")
    a = codings[codings["coder"] == "A"].set_index("passage_id")[columns]
    course = passages.set_index("passage_id")
    for passage_id in course.index:
        row = course.loc[passage_id].copy()
        where = f"passages.csv {passage_id}"
        try:
            documented = reconciled_cells(row["reconciled_from"])
            revised = reconciled_cells(row["revised_from"])
        except ValueError as error:
            problems.append(f"{where}: {error}")
            continue
        if (row["reconciled_from"] != "") != (row["reconciliation_rule"] != ""):
            problems.append(
                f"{where}: reconciled_from and reconciliation_rule must be filled in together"
            )
        if (row["revised_from"] != "") != (row["revision_rule"] != ""):
            problems.append(f"{where}: revised_from and revision_rule must be filled in together")
        for column, earlier in revised.items():
            if row[column] == earlier:
                problems.append(
                    f"{where}: revised_from lists {column}, which the revision left unchanged"
                )
            if column not in row["revision_rule"]:
                problems.append(f"{where}: revision_rule does not name {column}, which it changed")
            row[column] = earlier  # back to reconciled coding 1
        if passage_id in new or passage_id not in a.index:
            continue
        for column in columns:
            coded_a, reconciled = a.loc[passage_id, column], row[column]
            if column in documented:
                if documented[column] != coded_a:
                    problems.append(
                        f"{where}: reconciled_from gives coding A's {column} as "
                        f"{documented[column]!r}, but coder A wrote {coded_a!r}"
                    )
                elif reconciled == coded_a:
                    problems.append(
                        f"{where}: reconciled_from lists {column}, which is coding A's value unchanged"
                    )
            elif reconciled != coded_a:
                problems.append(
                    f"{where}: {column} differs from coding A ({coded_a!r}) and neither "
                    "reconciled_from nor revised_from records it"
                )
    return problems


def round_problems(rounds: pd.DataFrame | None = None) -> list[str]:
    """List how coding_rounds.csv fails to match the codebooks and hand-offs it names.

    Each round's codebook must be in ``data/codebooks/`` with the git blob
    hash the round records; ``data/codebook.md`` must be the newest version
    there; every outside round's hand-off must be what
    ``vraem.agreement.handoff_csv()`` builds from the data now; rounds must
    follow each other in time; and an outside coder is measured against a
    version of the reconciled coding, a course author against the other author.
    """
    from .agreement import codebook_version, git_blob_sha1, handoff_sha256
    from .passages import RECONCILED_VERSIONS
    from .tables import read_table

    rounds = read_table("coding_rounds") if rounds is None else rounds
    problems = []
    folder = data_dir() / "codebooks"
    versions = sorted((path.stem for path in folder.glob("v*.md")), key=lambda stem: int(stem[1:]))
    for row in rounds.itertuples(index=False):
        where = f"coding_rounds.csv {row.coder}"
        if row.codebook not in versions:
            problems.append(f"{where}: there is no codebooks/{row.codebook}.md")
        elif git_blob_sha1(codebook_version(row.codebook)) != row.codebook_sha1:
            problems.append(
                f"{where}: codebooks/{row.codebook}.md is not the codebook with hash {row.codebook_sha1}"
            )
        outside = int(row.round) > 0
        if outside:
            wanted = {f"reconciled {version}" for version in RECONCILED_VERSIONS}
            if row.compared_with not in wanted:
                problems.append(
                    f"{where}: an outside coder is measured against a reconciled coding, "
                    f"not {row.compared_with!r}"
                )
            if pd.isna(row.handoff_sha256) or row.handoff_sha256 != handoff_sha256():
                problems.append(
                    f"{where}: the hand-off the data builds now is not the one this coder was given "
                    "(handoff_sha256)"
                )
        elif row.compared_with not in set(rounds.loc[rounds["round"] == 0, "coder"]) - {row.coder}:
            problems.append(
                f"{where}: a course author is measured against the other author's coding"
            )
    ordered = rounds.sort_values("finished_utc")
    if list(ordered["round"]) != sorted(ordered["round"]):
        problems.append(
            "coding_rounds.csv: the rounds are not in the order they were coded (finished_utc)"
        )
    if versions and read_data_text("codebook.md") != codebook_version(versions[-1]):
        problems.append(
            f"codebook.md is not codebooks/{versions[-1]}.md, the newest version: a changed "
            "codebook is kept as a new version there"
        )
    return problems


def codebook_problems() -> list[str]:
    """List codebook examples that are not in the articles, and vocabularies that disagree.

    Every example fragment (``"…" (00N)``) in data/codebook.md must be in the
    article it names, and every value the codebook defines (a backquoted
    first cell of a table row) must be the allowed values of that column in
    datapackage.json, and the other way round.
    """
    from .tables import resource_schema  # the schema, as the loaders read it

    text = data_file("codebook.md").read_text(encoding="utf-8")
    texts = article_texts()
    problems = []
    for fragment, article_id in re.findall(r'"([^"]{10,})" \((\d{3})\)', text):
        if clean_line(fragment) not in texts.get(article_id, ""):
            problems.append(
                f'codebook.md: the example "{fragment[:40]}…" is not in article {article_id}'
            )
    fields = {field["name"]: field for field in resource_schema("passages")["schema"]["fields"]}
    for section in re.split(r"\n## ", text)[1:]:
        heading = section.splitlines()[0]
        named = re.match(r"`(\w+)`", heading)
        if (
            not named
            or named.group(1) not in fields
            or "enum" not in fields[named.group(1)].get("constraints", {})
        ):
            continue
        column = named.group(1)
        defined = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))
        allowed = set(fields[column]["constraints"]["enum"])
        if defined != allowed:
            problems.append(
                f"codebook.md: the values of {column} ({sorted(defined)}) are not those in "
                f"datapackage.json ({sorted(allowed)})"
            )
        problems += _example_problems(section, column, allowed)
    return problems


def _example_problems(section: str, column: str, allowed: set[str]) -> list[str]:
    """Codebook examples whose passage the reconciled coding codes otherwise.

    A table row that gives one value (a value table's first cell, or a
    decision rule's code cell that opens with a value) and quotes an example
    says how that example's passage is coded; the reconciled coding must agree.
    """
    from .passages import load_passages  # the reconciled coding, as the lessons read it

    passages = load_passages()
    spaced = passages["quote"].map(lambda quote: " ".join(quote.split()))  # runs of spaces as one
    problems = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3:
            continue
        code = cells[0] if re.fullmatch(r"`[^`]+`", cells[0]) else cells[1]
        values = {value for value in re.findall(r"`([^`]+)`", code) if value in allowed}
        opening = re.match(r"`([^`]+)`", code)
        if len(values) != 1 or not opening or opening.group(1) not in values:
            continue
        value = values.pop()
        for fragment, article_id in re.findall(r'"([^"]{10,})" \((\d{3})\)', cells[-1]):
            wanted = " ".join(fragment.split())
            found = passages[
                (passages["article_id"] == article_id) & spaced.str.contains(wanted, regex=False)
            ]
            if found.empty:
                problems.append(
                    f'codebook.md: the {column} example "{wanted[:40]}…" is in no passage'
                )
            for row in found.itertuples(index=False):
                if getattr(row, column) != value:
                    problems.append(
                        f'codebook.md: the {column} example "{wanted[:40]}…" illustrates '
                        f"{value!r}, but the reconciled coding gives {row.passage_id} "
                        f"{getattr(row, column)!r}"
                    )
    return problems


# --- the outside figures (data/outside_figures.csv) ----------------------------------------

#: Hedges the outside sources write right before a figure, English and Spanish, longest first.
OUTSIDE_HEDGE_WORDS = (
    "no more than",
    "as much as",
    "an estimated",
    "aproximadamente",
    "alrededor de",
    "approximately",
    "more than",
    "at least",
    "al menos",
    "más de",
    "estimated",
    "up to",
    "around",
    "about",
    "nearly",
    "almost",
    "roughly",
    "some",
    "unos",
    "casi",
    "over",
)


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


def _hedge_right_before(excerpt: str, value_text: str) -> str | None:
    """The hedge standing right before the figure in an outside excerpt, if any."""
    match = re.search(rf"(?<![\d.,]){re.escape(value_text)}(?![\d])", excerpt)
    before = excerpt[: match.start() if match else 0].lower().rstrip(" (")
    for word in OUTSIDE_HEDGE_WORDS:
        if re.search(rf"(?:^|\s){re.escape(word)}$", before):
            return word
    return None


def outside_figure_problems(figures: pd.DataFrame) -> list[str]:
    """List every way the outside figures fail to trace back to the course's reference notes.

    ``outside_figure_problems(load_outside_figures())`` is ``[]`` when, for every
    row: the excerpt is in reference/context_facts.md, in the item the row names;
    the address is one the reference folder cites (or the row says the notes give
    none); the number is written in the excerpt and reads, in the excerpt's
    language, as the row's value; the hedge is in the excerpt, the rule knows it,
    and no hedge right before the number is left out; a figure dated by its
    publication has that date; and a source that is, or cites, InSight Crime is
    marked circular (and only such a source).
    """
    from .intervals import hedge_kind
    from .numbers import parse_figure

    reference, sections, addresses = reference_text(), reference_sections(), reference_addresses()
    problems = []
    for row in figures.itertuples(index=False):
        where = f"outside_figures.csv {row.figure_id}"
        excerpt = clean_line(row.excerpt)
        if excerpt not in reference:
            problems.append(f"{where}: the excerpt is not in reference/context_facts.md")
        elif excerpt not in sections.get(row.reference_item, ""):
            problems.append(
                f"{where}: the excerpt is not in item {row.reference_item} of the reference notes"
            )
        url = "" if pd.isna(row.source_url) else str(row.source_url).strip()
        if url and url not in addresses:
            problems.append(f"{where}: source_url is not an address cited in data/reference/")
        if (
            not url
            and "no address" not in str(row.note)
            and "no title or address" not in str(row.note)
        ):
            problems.append(
                f"{where}: a row without source_url must say in note that the notes give no address"
            )
        if not re.search(rf"(?<![\d.,]){re.escape(row.value_text)}(?![\d])", excerpt):
            problems.append(f"{where}: value_text {row.value_text!r} is not in the excerpt")
        language = "en" if row.language == "ar" else row.language  # the notes translate the Arabic
        try:
            low, high = parse_figure(row.value_text, language)
        except ValueError as error:
            problems.append(f"{where}: {error}")
        else:
            if not (_close(low, row.value_low) and _close(high, row.value_high)):
                problems.append(
                    f"{where}: {row.value_text!r} reads ({row.language}) as {low}–{high}, but the "
                    f"row says {row.value_low}–{row.value_high}"
                )
            if low == high and not _close(low, row.value):
                problems.append(f"{where}: value {row.value} is not what {row.value_text!r} says")
            if low != high and not pd.isna(row.value):
                problems.append(f"{where}: a range must leave value empty")
        if row.hedge != "none" and row.hedge.lower() not in excerpt.lower():
            problems.append(f"{where}: the hedge {row.hedge!r} is not in the excerpt")
        try:
            hedge_kind(row.hedge)
        except ValueError as error:
            problems.append(f"{where}: {error}")
        spotted = _hedge_right_before(excerpt, row.value_text)
        if spotted and spotted.replace("an ", "") not in row.hedge.lower():
            problems.append(
                f"{where}: the excerpt says {spotted!r} before the figure, but hedge is {row.hedge!r}"
            )
        published = "" if pd.isna(row.published) else str(row.published)
        if row.reference_basis == "publication" and not (
            published and published.startswith(row.reference_period)
        ):
            problems.append(
                f"{where}: a period taken from the publication date must be that date "
                f"(published {published or 'unknown'}, reference_period {row.reference_period})"
            )
        cites_insight = "insight crime" in excerpt.lower() or "insightcrime" in url.lower()
        if cites_insight and not row.circular:
            problems.append(
                f"{where}: the source is or cites InSight Crime, so circular must be true"
            )
        if bool(row.circular) != (row.status == "only from InSight Crime"):
            problems.append(f"{where}: circular and status 'only from InSight Crime' go together")
    return problems
