"""Answer types made for one exercise each: ``check("1.5", ["2011-01-31", "2011-03-01"])`` reads a :class:`DateRange`.

The course's general answer types (a number, ids, a choice, labels) live in
:mod:`vraem.answers`; these follow the same :class:`vraem.answers.AnswerType`
protocol and the same format-slip policy. A date range (1.5), a coding table
(2.1), a regular expression (2.3), a yes or no for each statement (3.6) and a
brief's structure (6.3).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from itertools import islice

import pandas as pd

from .answers import AnswerType, AnswerTypeError, DateWithin, Labels, listed, quoted
from .answers.reading_helpers import read_as, the_list
from .brief import SECTIONS, review_brief
from .claims import load_claims
from .i18n import _, ngettext
from .provenance import article_texts
from .tables import resource_schema

#: The three codes a reader gives each figure, as columns of a coding table.
CODE_COLUMNS = ("value_text", "hedge", "source_type")
#: A coding table longer than this is not a reading of one short article.
MAX_CODED_ROWS = 100


class DateRange(AnswerType):
    """Two dates, the earliest and the latest possible, each right only when it is the key's end.

    ``check("1.5", ["2011-01-31", "2011-03-01"])``: a list (or tuple) of two dates, earliest
    first, each written as :class:`vraem.answers.DateWithin` reads one date (a slip with one
    meaning, such as "5 October 2011", is read with a note). One text holding two dates in
    that form is read as the list of the two. Misreadings compare the ends one at a time, so
    the feedback can speak of each end.
    """

    @staticmethod
    def _format() -> str:
        return _("give the two ends as a list of text, earliest first: {example}").format(
            example='["YYYY-MM-DD", "YYYY-MM-DD"]'
        )

    def _two_ends(self) -> str:
        return _(
            "a range has two ends, the earliest and the latest possible date: {format}"
        ).format(format=self._format())

    def reading(self, answer):
        """``(value, notes)``: the ``(earliest, latest)`` dates, from a pair or from a text holding two dates."""
        if isinstance(answer, pd.Series | pd.Index):
            answer = answer[:3].tolist()
        notes = []
        if isinstance(answer, str):
            found = re.findall(r"\d{4}-\d{2}-\d{2}", answer[:1000])
            if len(found) != 2:
                raise AnswerTypeError(self._two_ends())
            notes.append(read_as(quoted(answer), the_list(listed(found))))
            answer = found
        if isinstance(answer, date):
            raise AnswerTypeError(self._two_ends())
        if not isinstance(answer, list | tuple) or len(answer) != 2:
            raise AnswerTypeError(self._format())
        ends = []
        names = (_("the earliest end"), _("the latest end"))
        for name, end in zip(names, answer, strict=True):
            try:
                value, end_notes = DateWithin().reading(end)
            except AnswerTypeError as error:  # say which end, and how to write it
                raise AnswerTypeError(
                    _("{end}: {problem}; {format}").format(
                        end=name, problem=error, format=self._format()
                    )
                ) from None
            ends.append(value)
            notes += [_("{end} {note}").format(end=name, note=note) for note in end_notes]
        return tuple(ends), tuple(notes)

    def same(self, value, expected) -> bool:
        """Whether both ends are the key's."""
        return tuple(value) == tuple(expected)


def _source_types() -> list[str]:
    fields = resource_schema("claims")["schema"]["fields"]
    return next(field for field in fields if field["name"] == "source_type")["constraints"]["enum"]


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


def _within(short: str, long: str) -> bool:
    """True when ``short`` is in ``long`` as whole words (so "8" is not found in "80")."""
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


class Coding(AnswerType):
    """A reader's coding of one article: a table with a row per figure it finds.

    Reads a DataFrame (or a list of rows) with the columns value_text, hedge
    and source_type. It is right when every value_text is words of the
    article and every figure the claims table codes there has a row: the
    codes themselves are a reading, measured in the next exercise, not judged here.
    """

    def __init__(self, article_id: str):
        self.article_id = article_id

    def reading(self, answer) -> tuple[tuple[tuple[str, str, str], ...], tuple[str, ...]]:
        """The coded rows, folded to lower case, and a note for each source_type typed in other capitals."""
        if isinstance(answer, pd.DataFrame):
            missing = [column for column in CODE_COLUMNS if column not in answer.columns]
            if missing:
                raise AnswerTypeError(
                    _(
                        "give a table with the columns value_text, hedge and source_type "
                        "(it lacks {columns})"
                    ).format(columns=", ".join(missing))
                )
            rows = list(answer[list(CODE_COLUMNS)].head(MAX_CODED_ROWS + 1).itertuples(index=False))
        elif isinstance(answer, list | tuple):
            rows = list(answer[: MAX_CODED_ROWS + 1])
        else:
            raise AnswerTypeError(
                _("give your codes as a table: {code}, one row per figure").format(
                    code='pd.DataFrame(rows, columns=["value_text", "hedge", "source_type"])'
                )
            )
        if not rows:
            raise AnswerTypeError(
                _("the table has no rows yet: add one row per figure of the article")
            )
        if len(rows) > MAX_CODED_ROWS:
            raise AnswerTypeError(
                _(
                    "that is more than {limit} rows: code only the figures of article {article}"
                ).format(limit=MAX_CODED_ROWS, article=self.article_id)
            )
        types = _source_types()
        coded, notes = [], []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, list | tuple) or len(row) != len(CODE_COLUMNS):
                raise AnswerTypeError(
                    _(
                        "row {number} should hold three texts: (value_text, hedge, source_type)"
                    ).format(number=number)
                )
            row = tuple(row)
            value_text, hedge, source_type = row
            if not all(isinstance(item, str) and item.strip() for item in row):
                raise AnswerTypeError(
                    _(
                        'row {number}: write each code as text in quotes, and "none" '
                        "when there is no hedge"
                    ).format(number=number)
                )
            if _folded(source_type) not in types:
                raise AnswerTypeError(
                    _("row {number}: the source_type must be one of: {kinds}").format(
                        number=number, kinds=", ".join(f'"{kind}"' for kind in types)
                    )
                )
            if source_type != _folded(source_type):
                notes.append(
                    _("row {number}'s source_type {typed} as {read}").format(
                        number=number,
                        typed=quoted(source_type),
                        read=quoted(_folded(source_type)),
                    )
                )
            coded.append((_folded(value_text), _folded(hedge), _folded(source_type)))
        if len(notes) > 1:
            others = len(notes) - 1
            more = ngettext(
                "{note}, and {count} more like it", "{note}, and {count} more like it", others
            ).format(note=notes[0], count=others)
            return tuple(coded), (more,)
        return tuple(coded), tuple(notes)

    def outside_article(self, value) -> list[str]:
        """The coded value_texts that are not words of the article."""
        text = _folded(article_texts()[self.article_id])
        return [
            value_text for value_text, _hedge, _source in value if not _within(value_text, text)
        ]

    def missing(self, value, expected) -> list[str]:
        """The table's figures that no row of the coding names (loosely: "80 tons" names "80")."""
        mine = [value_text for value_text, _hedge, _source in value]
        return [
            figure
            for figure, _hedge, _source in self.read(expected)
            if not any(_within(figure, text) or _within(text, figure) for text in mine)
        ]

    def same(self, value, expected) -> bool:
        """Whether every coded figure is in the article and every figure of the key is coded."""
        return not self.outside_article(value) and not self.missing(value, expected)


#: The number words of exercise 2.3 (the notebook gives the learner the same list).
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word_claims() -> pd.DataFrame:
    """The claims whose value_text is one of the number words: the ones a finder must find in 2.3."""
    claims = load_claims()
    return claims[claims["value_text"].str.lower().isin(NUMBER_WORDS)]


def _pieces(pattern: str, text: str) -> list[str]:
    """Everything the pattern matches in ``text`` (whole matches, whatever its groups), ignoring case."""
    return [match.group(0) for match in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _inside_a_word(pattern: str, text: str) -> list[str]:
    """Matches that start or end in the middle of a word ("one" in "gone", "ten" in "intensity")."""
    return [
        match.group(0)
        for match in re.finditer(pattern, text, flags=re.IGNORECASE)
        if (match.start() > 0 and text[match.start() - 1].isalpha())
        or (match.end() < len(text) and text[match.end()].isalpha())
    ]


#: The longest pattern exercise 2.3 reads (the model answer is under 80 characters).
MAX_PATTERN = 1_000


class Pattern(AnswerType):
    """A regular expression a learner writes, tested on the claims table and the five articles.

    It is right when it finds every claim whose value_text is a number word
    (the whole value_text among its matches in the claim's quote, ignoring
    case, as the lesson's ``found_by`` does) and, run on the five articles,
    matches only whole number words.
    """

    def reading(self, answer) -> tuple[str, tuple[str, ...]]:
        """The pattern's text; a compiled pattern (``re.compile(...)``) is read as its text, with a note."""
        if isinstance(answer, re.Pattern) and isinstance(answer.pattern, str):
            pattern, _notes = self.reading(answer.pattern)
            return pattern, (_("the compiled pattern as its text"),)
        if not isinstance(answer, str):
            raise AnswerTypeError(
                _("give your pattern as text in quotes, best as a raw string: {example}").format(
                    example='r"..."'
                )
            )
        if not answer.strip():
            raise AnswerTypeError(
                _("the pattern is empty: write the words to find between the quotes")
            )
        if (
            len(answer) > MAX_PATTERN
        ):  # a pasted text, not a pattern: never run it over the articles
            raise AnswerTypeError(
                _(
                    "that pattern is {length} characters long; a number-word finder "
                    "needs well under {limit}"
                ).format(length=f"{len(answer):,}", limit=f"{MAX_PATTERN:,}")
            )
        try:
            compiled = re.compile(answer, flags=re.IGNORECASE)
        except re.error as error:
            raise AnswerTypeError(
                _(
                    "Python cannot read that pattern ({error}): check the brackets and the "
                    "backslashes"
                ).format(error=error)
            ) from None
        if compiled.fullmatch("") is not None:
            raise AnswerTypeError(
                _(
                    'that pattern matches empty text, so it would "find" something '
                    "everywhere: make each part of it match at least one letter"
                )
            )
        return answer, ()

    @staticmethod
    def missed(pattern: str) -> list[str]:
        """The claim ids whose number word the pattern does not find in the quote."""
        claims = number_word_claims()
        return [
            claim_id
            for claim_id, value_text, text in zip(
                claims["claim_id"], claims["value_text"], claims["quote"], strict=True
            )
            if value_text not in _pieces(pattern, text)
        ]

    @staticmethod
    def pieces(pattern: str) -> list[str]:
        """Every piece of the articles' text that the pattern finds."""
        return [piece for text in article_texts().values() for piece in _pieces(pattern, text)]

    @staticmethod
    def inside_words(pattern: str) -> list[str]:
        """The pieces the pattern finds inside a longer word (the "one" in "someone")."""
        return [
            piece for text in article_texts().values() for piece in _inside_a_word(pattern, text)
        ]

    def same(self, value, expected) -> bool:
        """Whether the pattern finds every number word, only whole words, and nothing but number words."""
        return (
            not self.missed(value)
            and not self.inside_words(value)
            and all(piece.lower() in NUMBER_WORDS for piece in self.pieces(value))
        )


class StatementLabels(Labels):
    """A "yes"/"no" for each lettered statement: ``{"a": "yes", "b": "no", ...}``.

    Reads like :class:`Labels`, with a message that shows the wanted form when a
    learner gives a list of letters (the multiple-choice habit) or anything else.
    """

    def __init__(self, options=("yes", "no")):
        super().__init__(options, key="statement", label="supported")

    def reading(self, answer):
        """``(value, notes)``: the labels, refusing a list of letters with a message that asks for a dictionary."""
        if not isinstance(answer, Mapping | pd.Series | pd.DataFrame):
            raise AnswerTypeError(
                _(
                    'give "yes" or "no" for every statement letter, as a dictionary: '
                    "{example}, not a list of letters"
                ).format(example='{"a": "…", "b": "…", ...}')
            )
        return super().reading(answer)


#: The most keys a brief dictionary is read for (it has len(SECTIONS) of them).
MAX_BRIEF_KEYS = 50


class BriefStructure(AnswerType):
    """A reader's brief, checked for structure only: every section there and in shape.

    ``reading`` runs :func:`vraem.brief.review_brief` on the brief against the
    article ``article()`` and returns its lines; the answer is right when every
    section holds. The prose is never judged. ``explain`` lists, for a wrong
    answer, each section that does not hold yet and what it lacks.
    """

    def __init__(self, article: Callable[[], object]):
        self.article = article

    def reading(self, answer):
        """``(value, notes)``: the review of each section of the brief, reading at most a few dozen keys."""
        if not isinstance(answer, Mapping):
            raise AnswerTypeError(
                _(
                    "give the brief as a dictionary with one entry per section; start from "
                    "brief = template()"
                )
            )
        # read at most a few dozen keys: a brief has a handful of sections, and an endless
        # mapping must not hang the check
        keys = list(islice(iter(answer), MAX_BRIEF_KEYS + 1))
        if len(keys) > MAX_BRIEF_KEYS:
            raise AnswerTypeError(
                _(
                    "a brief has {sections} sections; this dictionary has more than "
                    "{limit} entries. Start from brief = template()"
                ).format(sections=len(SECTIONS), limit=MAX_BRIEF_KEYS)
            )
        return tuple(review_brief({key: answer[key] for key in keys}, self.article())), ()

    def same(self, value, expected) -> bool:
        """Whether the brief has the key's sections and every one of them holds."""
        sections = [review.section for review in self.read(expected)]
        return [review.section for review in value] == sections and all(
            review.ok for review in value
        )

    def explain(self, value, expected) -> str:
        """How many sections hold, and what each failing one still needs."""
        failing = [review for review in value if not review.ok]
        held = len(value) - len(failing)
        # Each line as printed, in the learner's language (``message`` stays English for the checks).
        lines = "; ".join(str(review) for review in failing)
        return ngettext(
            "{held} of {total} section holds. Still to do: {lines}",
            "{held} of {total} sections hold. Still to do: {lines}",
            len(value),
        ).format(held=held, total=len(value), lines=lines)
