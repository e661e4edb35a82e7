"""The course's reading methods for any article: load it, draft its claims table, validate it.

    from vraem import reader
    article = reader.load("my-article.html")        # a saved page, a scrape, a .txt, or pasted text
    draft = reader.draft_claims(article)            # every number, its sentence, hedge and source
    reader.validate_claims(my_finished_table, article)   # [] when every row holds up

The draft is a machine's first pass, with the columns of ``data/claims.csv``:
the reader's judgements (what is counted, for when, what kind of source) are
left empty for the learner to fill in. Nothing here guesses a title, a date or
a byline that the text does not give, and nothing raises on odd input.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .numbers import parse_quantity
from .scrape import Article, NotAScrapeError, clean_line, parse_scrape
from .tables import resource_schema

#: Texts longer than this are cut before drafting (a whole book pasted by mistake).
MAX_CHARACTERS = 2_000_000

# ------------------------------------------------------------------ loading


@dataclass(frozen=True)
class ReadArticle(Article):
    """An :class:`Article` plus what the reader could not find: ``article.missing``.

    Each entry of ``missing`` names a field left ``None`` and says how to fill it
    in by hand, e.g. ``article = dataclasses.replace(article, published=date(2020, 9, 4))``.
    """

    source_kind: str = "text"
    missing: tuple[str, ...] = field(default=())


_FILL_IN = {
    "title": "the headline is not in the text: set it by hand, e.g. "
             "dataclasses.replace(article, title=\"…\")",
    "published": "no publication date was found: read it on the page and set it by hand, e.g. "
                 "dataclasses.replace(article, published=datetime.date(2020, 9, 4))",
    "byline": "no author was found: set byline by hand (or \"unsigned\")",
}


def load(source: str | Path) -> ReadArticle:
    """Read an article from a file path or from text: ``load("page.html")`` or ``load(pasted)``.

    Recognises a scrape of InSight Crime's pages (read with the course's own
    parser), a saved web page (HTML, read with trafilatura, offline), and plain
    text (one paragraph per blank-line-separated block). Whatever cannot be
    read is ``None`` and listed in ``missing`` with what to fill in by hand.
    """
    text, origin = _read_source(source)
    if text is None:
        return _empty(origin)
    text = text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_CHARACTERS]
    if _looks_like_html(text):
        return _from_html(text)
    try:
        scrape = parse_scrape(text)
    except NotAScrapeError:  # not this site's page: read it as plain text
        return _from_plain_text(text)
    if scrape.kind or scrape.published or scrape.title:
        return _finish(scrape, "scrape")
    return _from_plain_text(text)


def _read_source(source) -> tuple[str | None, str]:
    if isinstance(source, Article):
        return source.raw, "an article object"
    if isinstance(source, bytes):
        return _decode(source), "bytes"
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                    and len(source) < 500 and source.strip()
                                    and Path(source).expanduser().is_file()):
        path = Path(source).expanduser()
        try:
            return _decode(path.read_bytes()), str(path)
        except OSError as error:
            return None, f"{path} could not be read ({error.strerror or error})"
    if isinstance(source, str) and _looks_like_a_path(source):
        # a mistyped file name must not be read as a one-line article
        return None, f"the file {source.strip()!r}, which is not there (relative paths start in {Path.cwd()})"
    if isinstance(source, str):
        return source, "text"
    return None, f"a {type(source).__name__} is not a path or a text"


_PATH_LIKE = re.compile(r"\S+\.(?:html?|txt|text|md)|\S*[/\\]\S*", re.IGNORECASE)


def _looks_like_a_path(text: str) -> bool:
    """True for "my-article.html" or "pages/x": one word that names a file, not an article's text."""
    return "\n" not in text and len(text) < 500 and bool(_PATH_LIKE.fullmatch(text.strip()))


def _decode(raw: bytes) -> str | None:
    if b"\x00" in raw[:4096]:
        return None  # a binary file, not a text
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _empty(origin: str) -> ReadArticle:
    reason = (f"nothing could be read from {origin}: give the path of a saved page (.html), "
              "a scrape or a .txt file, or paste the article's text as a string")
    return ReadArticle(title=None, published=None, byline=None, kind=None, section=None,
                       news=(), analysis=(), raw="", source_kind="nothing", missing=(reason,))


def _finish(article: Article, kind: str, **extra) -> ReadArticle:
    values = {**article.__dict__, **extra}
    missing = tuple(f"{name}: {advice}" for name, advice in _FILL_IN.items() if values.get(name) is None)
    if not article.body:
        missing += ("text: no article text was found; paste the article's paragraphs as plain text",)
    return ReadArticle(**values, source_kind=kind, missing=missing)


_HTML = re.compile(r"<(?:!doctype html|html|head|body|article|p|div)\b", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    return len(_HTML.findall(text[:20_000])) >= 2


def _from_html(html: str) -> ReadArticle:
    """Extract title, byline, date and main text from a saved page (no network)."""
    try:
        import trafilatura
    except ModuleNotFoundError:
        article = _from_plain_text(re.sub(r"<[^>]+>", " ", html))
        return ReadArticle(**{**article.__dict__, "missing": article.missing + (
            "html: the package trafilatura is missing, so tags were stripped crudely; "
            "run `pip install trafilatura` (or `python3 course.py lab` again)",)})
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except Exception:  # a page trafilatura chokes on is still a page the learner can paste
        found = None
    if found is None:
        return _finish(_from_plain_text(""), "html")
    meta = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    paragraphs = tuple(clean_line(p) for p in (meta.get("text") or "").split("\n") if clean_line(p))
    published = None
    if meta.get("date"):
        try:
            published = date.fromisoformat(str(meta["date"])[:10])
        except ValueError:
            published = None
    article = Article(title=meta.get("title") or None, published=published,
                      byline=meta.get("author") or None, kind=None, section=None,
                      news=paragraphs, analysis=(), raw=html)
    return _finish(article, "html")


def _from_plain_text(text: str) -> ReadArticle:
    blocks = [clean_line(block) for block in re.split(r"\n\s*\n", text)]
    paragraphs = tuple(block for block in blocks if block)
    if len(paragraphs) <= 1:  # pasted without blank lines: one paragraph per line
        paragraphs = tuple(clean_line(line) for line in text.split("\n") if clean_line(line))
    article = Article(title=None, published=None, byline=None, kind=None, section=None,
                      news=paragraphs, analysis=(), raw=text)
    return _finish(article, "text")


# ------------------------------------------------------------------ finding numbers

_WORD_NUMBERS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                 "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
                 "seventy eighty ninety hundred thousand million billion dozen").split()
_WORD = r"(?:" + "|".join(_WORD_NUMBERS) + r")"
_WORDS = rf"{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*"
# 8,000 · 8.000 · 1,234.5 · 12.79 · 12,5 (a decimal comma when not followed by three digits)
_DIGITS = r"\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s+(?:million|billion|thousand|mil|millones)\b)?"
_FRACTION = r"\b(?:a|one|two|three)\s+(?:half|third|thirds|quarter|quarters)\b|\bhalf\b"
_VAGUE = r"\b(?:a few|several(?:\s+decades)?|dozens|hundreds|thousands|decades)\b"
_DECADES = rf"\b(?:a|{_WORD})\s+decades?\b"
_ONE = rf"(?:(?:US)?\$\s?|S/\.?\s?)?(?:{_DIGITS}){_SCALE}|\b{_WORDS}\b"
_RANGE = rf"(?:between\s+|from\s+)?(?:{_ONE})\s*(?:-|–|\bto\b|\band\b|\ba\b)\s*(?:{_ONE})"
NUMBER_PATTERN = re.compile(
    rf"(?P<number>{_RANGE}|{_DECADES}|{_FRACTION}|{_VAGUE}|{_ONE})"
    r"(?P<percent>\s*(?:%|percent\b|per\s+cent\b|por\s+ciento\b))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")
_PHONE = re.compile(r"\+\d[\d\s().-]{6,}\d|\(\d{2,4}\)\s?\d[\d\s.-]{5,}\d|\b\d{3}[-.\s]\d{3,4}[-.\s]\d{4}\b")
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_DATE_CONTEXT = re.compile(rf"\b(?:{'|'.join(_MONTHS)})\.?\s*$", re.IGNORECASE)
#: Hedges the course records, longest first so "more than" wins over "more".
HEDGES = ("as many as", "more than", "less than", "fewer than", "at least", "at most", "up to",
          "an estimated", "estimated", "thought to number", "thought to", "believed to",
          "approximately", "roughly", "around", "about", "nearly", "almost", "some", "over",
          "between", "close to", "cerca de", "unos", "más de", "aproximadamente", "casi")
_HEDGE_WORDS = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)
_ATTRIBUTION = (
    re.compile(r"according to (?P<who>[^,.;:]+)", re.IGNORECASE),
    # "X said", and "Name, a role, told": the role (an apposition between commas) belongs to the source
    re.compile(r"(?:^|[,;:]\s*|\bthat\s+)[\"“”‘’]*\s*(?P<who>[A-Z][^,;:\"“”]{1,60}?,\s[^,;:\"“”]{2,70},|[^,;:\"“”]{2,80}?)"
               r"\s+(?:said|says|told|estimated|estimates|reported|reports|stated|announced|claimed|affirmed|"
               r"added)\b"),
    re.compile(r"(?:said|reported|estimated|told)\s+(?P<who>(?:[A-Z][\w.'’-]*\s?){1,8})"),
    re.compile(r"según (?P<who>[^,.;:]+)", re.IGNORECASE),
)
_UNITS = {"hectare": "hectares", "hectárea": "hectares", "percent": "percent", "per cent": "percent",
          "%": "percent", "por ciento": "percent", "ton": "tonnes", "tonne": "tonnes",
          "tonelada": "tonnes", "kilogram": "kilograms", "kilo": "kilograms", "square kilomet":
          "square kilometres", "year": "years", "month": "months", "day": "days", "base": "military bases",
          "decade": "years", "people": "people", "fighter": "people", "soldier": "people",
          "troop": "people", "guerrilla": "people", "guerilla": "people", "member": "people",
          "militant": "people", "rebel": "people", "resident": "people", "worker": "people",
          "hostage": "people", "person": "people", "persons": "people", "dead": "people",
          "killed": "people", "lives": "people", "effectivos": "people", "integrantes": "people", "dollar": "count",
          "$": "count", "soles": "count"}
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z¿¡])")
# "U.S. State Department", "Mr. Valdés": a full stop that does not end the sentence.
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sen|Rep|Gov|St|No|Jr|Sr)\.)$")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? before a capital: ``sentences("A. B.")``.

    A full stop after an abbreviation ("U.S.", "Mr.") does not end a sentence.
    """
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(paragraph[start:end.start() + 1]):
            continue
        parts.append(paragraph[start:end.end()].strip())
        start = end.end()
    parts.append(paragraph[start:].strip())
    return [part for part in parts if part]


def _normalise(text: str) -> str:
    """Fold white space (non-breaking spaces too) so positions match the claims' quotes."""
    return clean_line(text.replace("\u00a0", " ").replace("\u202f", " "))


def _is_quantity(match: re.Match, sentence: str) -> bool:
    """False for years, dates, phone numbers, ordinals and 'one of the' phrases."""
    number = match["number"].strip()
    bare = number.lower()
    if _YEAR.match(number) and not match["percent"]:
        return False  # "in 2008": a date, not a quantity
    before, after = sentence[:match.start()], sentence[match.end():]
    if _DATE_CONTEXT.search(before) or re.match(r"\s*(?:,\s*)?(?:19|20)\d{2}\b", after) and \
            re.search(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s*$", before, re.IGNORECASE):
        return False  # "October 5", "5 October 2016"
    if re.match(rf"\s*(?:{'|'.join(_MONTHS)})\b", after, re.IGNORECASE) and number.isdigit() and int(number) <= 31:
        return False
    if any(phone.start() <= match.start() < phone.end() for phone in _PHONE.finditer(sentence)):
        return False  # part of a telephone number
    if re.match(r"\s*(?:st|nd|rd|th)\b", after):
        return False  # 21st
    if bare in ("one", "a") or re.match(r"\s+of\s+(?:the|its|their|his|her)\b", after) and bare == "one":
        return False  # "one of the", a lone "one"
    return True


def _hedge(sentence: str, start: int) -> str:
    """The hedge nearest before the number, at most two words away ("around" in "thought to number around 500")."""
    before = sentence[:start]
    nearest = None
    for found in _HEDGE_WORDS.finditer(before):
        if len(before[found.end():].split()) <= 2 and (nearest is None or found.end() >= nearest.end()):
            nearest = found
    return nearest[1].lower() if nearest else "none"


def _attribution(sentence: str) -> str:
    for pattern in _ATTRIBUTION:
        found = pattern.search(sentence)
        if found:
            return _normalise(found["who"]).strip(" ,")
    return ""


def _unit(value_text: str, after: str, percent: bool) -> str:
    if percent:
        return "percent"
    if re.search(r"\bdecades?\b", value_text, re.IGNORECASE):
        return "years"
    if re.search(r"\b(?:half|third|thirds|quarter|quarters)\b", value_text, re.IGNORECASE):
        return "fraction"
    following = after.lower()[:40]
    for stem, unit in _UNITS.items():
        if re.match(rf"\s*(?:\w+\s+){{0,2}}{re.escape(stem)}", following):
            return unit
    return ""


def _read_value(value_text: str) -> tuple[float | None, float | None]:
    """(low, high) of the words, or (None, None) when the course's reader cannot read them."""
    text = re.sub(r"(?:US)?\$|S/\.?|\s*(?:%|percent|per cent|por ciento)$", "", value_text,
                  flags=re.IGNORECASE).strip()
    text = re.sub(r"^(?:between|from)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+a\s+", " to ", text)
    for scale, factor in (("millones", 1e6), ("million", 1e6), ("billion", 1e9), ("thousand", 1e3), ("mil", 1e3)):
        if re.search(rf"\s{scale}$", text, re.IGNORECASE) and not re.search(r"[a-z]\s", text[:-len(scale) - 1]):
            low, high = _read_value(text[:-len(scale)].strip())
            return (low * factor if low is not None else None, high * factor if high is not None else None)
    text = _european_digits(text)
    try:
        return parse_quantity(text)
    except ValueError:
        return None, None


def _european_digits(text: str) -> str:
    """"8.000" (thousands with dots) reads as 8,000; "12,5" (a decimal comma) as 12.5."""
    def fix(match: re.Match) -> str:
        digits = match[0]
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            return digits.replace(".", ",")
        if re.fullmatch(r"\d+,\d{1,2}", digits):
            return digits.replace(",", ".")
        return digits
    return re.sub(r"\d[\d.,]*\d|\d", fix, text)


def find_numbers(text: str) -> list[dict]:
    """Every quantity in a text, with its sentence: ``find_numbers("Some 500 fighters.")``.

    Each item has ``value_text``, ``sentence``, ``hedge``, ``attributed_to``,
    ``unit``, ``value_low`` and ``value_high`` (``None`` where the words cannot
    be read as a number). Years, dates, phone numbers, ordinals and "one of the"
    are left out.
    """
    found = []
    for sentence in sentences(_normalise(text)):
        for match in NUMBER_PATTERN.finditer(sentence):
            if not _is_quantity(match, sentence):
                continue
            for value_text, hedge in _figures(match["number"].strip(), _hedge(sentence, match.start())):
                if all(_YEAR.match(part) for part in re.findall(r"\d+", value_text)) and \
                        re.search(r"\d", value_text) and not match["percent"]:
                    continue  # "between 2009 and 2010": a span of years, not a quantity
                low, high = _read_value(value_text)
                found.append({
                    "value_text": value_text,  # like the claims table, "percent" goes in the unit
                    "sentence": sentence,
                    "hedge": hedge,
                    "attributed_to": _attribution(sentence),
                    "unit": _unit(value_text, sentence[match.end():], bool(match["percent"])),
                    "value_low": low,
                    "value_high": high,
                })
    return found


def _figures(number: str, hedge: str) -> list[tuple[str, str]]:
    """Split a matched phrase into figures: "from 34,000 to 5,000" is two (a change, not a range);
    "between 8,000 to 10,000" is one range whose hedge is "between"."""
    change = re.match(r"^from\s+(?P<before>.+?)\s+to\s+(?P<after>.+)$", number, re.IGNORECASE)
    if change:
        return [(change["before"], hedge), (change["after"], hedge)]
    between = re.match(r"^between\s+(?P<range>.+)$", number, re.IGNORECASE)
    if between:
        return [(between["range"], "between")]
    return [(number, hedge)]


#: Words that report speech or a source: "said", "told", "according to", "según".
#: ("estimated" is left out: "an estimated 80 percent" is a hedge, not a voice.)
_REPORTING = re.compile(r"\b(?:said|says|say|told|telling|tells|stated|reported|announced|affirmed|added|"
                        r"claimed|expressed|warned|described|according to|según|dijo|afirmó|señaló)\b",
                        re.IGNORECASE)


def voices(article_or_text: Article | str) -> pd.DataFrame:
    """Every sentence in which someone speaks or is cited: ``voices(reader.load("page.html"))``.

    One row per sentence with a reporting word ("said", "told", "stated",
    "according to" ...), with the ``section`` it stands in and ``who``, the
    reader's guess at the speaker (empty when it cannot tell, as for "he
    added"). A first pass like the draft: read each sentence, since the guess
    can be wrong, and remember that people the text talks *about* are not
    voices unless it quotes or cites them.
    """
    article = _as_article(article_or_text)
    rows = [{"section": section, "who": _attribution(sentence), "sentence": sentence}
            for section, paragraph in _paragraphs(article)
            for sentence in sentences(_normalise(paragraph)) if _REPORTING.search(sentence)]
    return pd.DataFrame(rows, columns=["section", "who", "sentence"])


# ------------------------------------------------------------------ the draft table


def _claim_columns() -> list[str]:
    return [column["name"] for column in resource_schema("claims")["schema"]["fields"]]


def _as_article(source) -> Article:
    """An Article from an Article, a path or a text; anything else reads as an empty article."""
    if isinstance(source, Article):
        return source
    if isinstance(source, str | Path | bytes):
        return load(source)
    return _empty(f"a {type(source).__name__}")


def _paragraphs(article: Article) -> list[tuple[str, str]]:
    """(section, paragraph) pairs: news before the outlet's analysis heading, analysis after.

    An article the site labels "Analysis" has no such heading: all of it is the outlet's analysis.
    """
    if str(article.kind or "").strip().lower() == "analysis":
        return [("analysis", p) for p in article.body]
    return [("news", p) for p in article.news] + [("analysis", p) for p in article.analysis]


def draft_claims(article_or_text: Article | str, article_id: str = "new") -> pd.DataFrame:
    """A first-pass claims table for any article: ``draft_claims(reader.load("page.html"))``.

    One row per number found, with the columns of ``data/claims.csv``: the
    sentence as ``quote``, ``value_text``, ``value``/``value_low``/``value_high``,
    a ``unit`` where the next words name one, the ``hedge`` standing before the
    number, the nearest attribution ("according to X", "X said") and the
    ``section``. The reader's judgements (``measure``, ``place``,
    ``reference_period``, ``source_type``) are left empty to fill in. It is a
    machine's first pass: check every row against the text.
    """
    article = _as_article(article_or_text)
    if not article.body:
        print("No article text to read: " + "; ".join(getattr(article, "missing", ())))
    columns = _claim_columns()
    rows = []
    for section, paragraph in _paragraphs(article):
        for item in find_numbers(paragraph):
            low, high = item["value_low"], item["value_high"]
            single = low is not None and low == high
            rows.append({
                **dict.fromkeys(columns, ""),
                "quote": item["sentence"], "value_text": item["value_text"],
                "value": low if single else None, "value_low": low, "value_high": high,
                "unit": item["unit"], "hedge": item["hedge"],
                "attributed_to": item["attributed_to"] or "unattributed",
                "section": section,
                "note": "" if low is not None else "the reader could not read this number: fill in value_low/value_high",
            })
    table = pd.DataFrame(rows, columns=columns).astype("str")
    table["claim_id"] = [f"D{number:03d}" for number in range(1, len(table) + 1)]
    table["article_id"] = article_id
    for column in ("value", "value_low", "value_high"):
        table[column] = pd.to_numeric(pd.Series([row[column] for row in rows], dtype="object"),
                                      errors="coerce").astype("Float64")
    table.attrs["missing"] = getattr(article, "missing", ())
    return table


# ------------------------------------------------------------------ validation


def validate_claims(table: pd.DataFrame, article: Article | str, measures=()) -> list[str]:
    """Every problem in a learner's finished claims table: ``validate_claims(mine, article)``.

    Checks the columns and vocabularies of ``data/claims.csv``, that each quote
    stands verbatim in the article's text (white space folded) and that each
    ``value_text`` is in its quote and reads as the row's values. Returns one
    sentence per problem, naming the row and the column; ``[]`` when all is well.

    The course's ``measure`` names fit its five articles. For an article on
    another subject, name your own as well: ``validate_claims(mine, article,
    measures=["homicides"])``.
    """
    if not isinstance(table, pd.DataFrame):
        return [f"give the claims as a pandas DataFrame, not a {type(table).__name__}"]
    fields = {column["name"]: column for column in resource_schema("claims")["schema"]["fields"]}
    problems = []
    missing = [name for name in fields if name not in table.columns]
    if missing:
        problems.append(f"the table lacks the columns {missing} (see data/claims.csv for them all)")
    text = _normalise(_as_article(article).text)
    own_measures = {str(measure) for measure in ([measures] if isinstance(measures, str) else measures or ())}
    for position, (_, row) in enumerate(table.iterrows(), start=1):
        where = f"row {position}"
        for name, column in fields.items():
            if name not in table.columns:
                continue
            value, rules = row[name], column.get("constraints", {})
            empty = value is None or (isinstance(value, float) and pd.isna(value)) or \
                value is pd.NA or str(value).strip() == ""
            if rules.get("required") and empty and name not in ("claim_id", "article_id"):
                problems.append(f"{where}, column {name!r}: empty; fill it in")
            elif not empty and "enum" in rules and str(value) not in rules["enum"] and not (
                    name == "measure" and str(value) in own_measures):
                problems.append(f"{where}, column {name!r}: {str(value)!r} is not one of {rules['enum']}"
                                + (" (or name your own with measures=[...])" if name == "measure" else ""))
        if "quote" in table.columns and isinstance(row["quote"], str) and row["quote"].strip():
            quote = _normalise(row["quote"])
            if quote not in text:
                problems.append(f"{where}, column 'quote': not found word for word in the article text")
            if "value_text" in table.columns and str(row["value_text"]) not in quote:
                problems.append(f"{where}, column 'value_text': {row['value_text']!r} is not in the quote")
        problems += _value_problems(row, where, table.columns)
    return problems


def _value_problems(row, where: str, columns) -> list[str]:
    if not {"value_text", "value_low", "value_high"} <= set(columns) or not str(row["value_text"]).strip():
        return []
    low, high = _read_value(str(row["value_text"]))
    if low is None:
        return [f"{where}, column 'value_text': {row['value_text']!r} cannot be read as a number; "
                "check value_low and value_high by hand"]
    problems = []
    for name, expected in (("value_low", low), ("value_high", high)):
        given = row[name]
        given = None if given is None or given is pd.NA or (isinstance(given, float) and pd.isna(given)) \
            or str(given).strip() == "" else given
        try:
            given = None if given is None else float(given)
        except (TypeError, ValueError):
            problems.append(f"{where}, column {name!r}: {row[name]!r} is not a number")
            continue
        if (given is None) != (expected is None) or (
                given is not None and not math.isclose(given, expected, rel_tol=1e-3)):
            problems.append(f"{where}, column {name!r}: the words {row['value_text']!r} read as {expected}, "
                            f"not {given}")
    return problems


# ------------------------------------------------------------------ measuring the draft


def number_kind(value_text: str) -> str:
    """The kind of number a value_text is, for the benchmark: ``number_kind("8,000")`` is "separators"."""
    text = value_text.lower()
    if re.fullmatch(r"(?:in\s+)?(?:1[89]|20)\d{2}", text.strip()):
        return "year (left out by design)"
    if re.search(r"\d", text):
        if re.search(r"\s*(?:-|–|\bto\b|\band\b)\s*", text.strip()) and len(re.findall(r"\d+", text)) >= 2:
            return "range"
        return "separators" if re.search(r"\d[,.]\d{3}", text) else "digits"
    if re.search(r"decade|half|third|quarter|several|dozens|hundreds|thousands|few|both|majority|most", text):
        return "vague, fraction or span"
    return "number word"


def _same_passage(draft_quote: str, claim_quote: str) -> bool:
    from difflib import SequenceMatcher

    if claim_quote in draft_quote or draft_quote in claim_quote:
        return True
    match = SequenceMatcher(None, draft_quote, claim_quote, autojunk=False).find_longest_match()
    return match.size >= 30


def _matches(value_text: str, quote: str, other_text: str, other_quote: str) -> bool:
    return value_text == other_text and _same_passage(_normalise(quote), _normalise(other_quote))


def compare_with_claims(draft: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Mark each hand-coded claim found or missed by a draft: ``compare_with_claims(draft, claims)``.

    A claim is found when a drafted row has the same ``value_text`` in an
    overlapping passage. Returns the claims with new columns: ``found``,
    ``drafted_id`` (the drafted row that found it), ``drafted_hedge`` (that
    row's hedge) and ``kind`` (see :func:`number_kind`).
    """
    result = claims.copy()
    hits = []
    for value_text, quote in zip(claims["value_text"], claims["quote"], strict=True):
        found = [(row_id, hedge) for row_id, row_text, row_quote, hedge in
                 zip(draft["claim_id"], draft["value_text"], draft["quote"], draft["hedge"], strict=True)
                 if _matches(row_text, row_quote, value_text, quote)]
        hits.append(found[0] if found else (None, None))
    result["found"] = [row_id is not None for row_id, _ in hits]
    result["drafted_id"] = [row_id for row_id, _ in hits]
    result["drafted_hedge"] = [hedge for _, hedge in hits]
    result["kind"] = [number_kind(text) for text in claims["value_text"]]
    return result


def match_draft(draft: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """The hand-coded claim each drafted row stands for: ``match_draft(draft, claims)``.

    One value per drafted row (same index): the ``claim_id`` of the claim with
    the same ``value_text`` in an overlapping passage, or ``None`` for a row
    that is not one of the claims (a date, page furniture, a number that
    counts nothing the reader records).
    """
    ids = []
    for value_text, quote in zip(draft["value_text"], draft["quote"], strict=True):
        found = [claim_id for claim_id, claim_text, claim_quote in
                 zip(claims["claim_id"], claims["value_text"], claims["quote"], strict=True)
                 if _matches(value_text, quote, claim_text, claim_quote)]
        ids.append(found[0] if found else None)
    return pd.Series(ids, index=draft.index, dtype="object", name="claim_id")


@dataclass(frozen=True)
class Benchmark:
    """The drafter measured against the hand-coded claims of the five articles."""

    claims: int
    found: int
    drafted: int
    true_rows: int
    by_kind: pd.DataFrame
    misses: pd.DataFrame
    hedges_right: int

    @property
    def recall(self) -> float:
        return self.found / self.claims if self.claims else 0.0

    @property
    def precision(self) -> float:
        return self.true_rows / self.drafted if self.drafted else 0.0


def benchmark() -> Benchmark:
    """Recall and precision of :func:`draft_claims` on the five articles: ``benchmark().recall``."""
    from .claims import load_claims
    from .corpus import load_article

    claims = load_claims()
    compared, drafted, true_rows = [], 0, 0
    for article_id in sorted(claims["article_id"].unique()):
        draft = draft_claims(load_article(article_id), article_id)
        own = claims[claims["article_id"] == article_id]
        compared.append(compare_with_claims(draft, own))
        drafted += len(draft)
        true_rows += int(match_draft(draft, own).notna().sum())
    table = pd.concat(compared, ignore_index=True)
    by_kind = table.groupby("kind")["found"].agg(claims="size", found="sum")
    by_kind["recall"] = (by_kind["found"] / by_kind["claims"]).round(2)
    found = table[table["found"]]
    return Benchmark(claims=len(table), found=len(found), drafted=drafted,
                     true_rows=true_rows, by_kind=by_kind, misses=table[~table["found"]],
                     hedges_right=int((found["drafted_hedge"] == found["hedge"]).sum()))
