"""Who a sentence credits a figure to: ``Sources("Some 500 fighters remain, the army said.").credit(5, 8).who``.

The reader's first pass at ``attributed_to``. It looks for the ways a text
names a source in the figure's own sentence ("according to X", "X said",
"Name, a role, told ...", "..., reported X", "X puts the number at") and
takes the one that governs the figure. It never guesses: where the sentence
names nobody, or names someone the reader cannot resolve ("he said", "its
latest report", a phrase that is not a name), the answer is empty, with the
reason, for a reader to settle from the sentences around it.

A sentence's sources are found once (:class:`Sources`); each figure then costs a
binary search, and every search for a name looks at a bounded stretch of text,
so a sentence of any length, with any number of figures, is read in time
proportional to its length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .i18n import _

# Verbs that report what a source says. Case matters: "States" in "the United States" is no verb.
_VERBS = (
    r"said|says|say|told|tells|stated|states|reported|reports|announced|announces|affirmed|"
    r"added|adds|warned|explained|noted|confirmed|declared|estimated|estimates|"
    r"claimed(?!\s+(?:the\s+)?(?:\S+\s+)?li(?:fe|ves)\b)|claims(?!\s+(?:the\s+)?(?:\S+\s+)?li(?:fe|ves)\b)|"
    r"put(?:s)?\s+(?:\S+\s+){0,4}?at\b|dijo|afirmó|señaló|informó"
)
_VERB = re.compile(rf"\b(?:{_VERBS})(?![\w-])")
_ACCORDING = re.compile(r"\b(?:according to|según)\s+", re.IGNORECASE)
# Inverted: ", reported Andina", "” said Pedro Yaranga".
_INVERTED = re.compile(
    r"[,\"“”’]\s*(?:said|reported|says|stated|added|wrote)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:de|del|la|of|the|[A-Z][\w.'’-]*)){0,7})"
)
# Where a phrase naming a source starts, looking back from its verb: a clause mark or "that".
_CLAUSE = re.compile(r"[,;:\"“”‘]|\s--?\s|\s[–—]\s|\bthat\b")
_DASH = re.compile(r"\s--?\s|\s[–—]\s")
# The end of the phrase after "according to" (a full stop inside a sentence is an abbreviation's).
_PHRASE_END = re.compile(r"[,;:]|\s--?\s|\s[–—]\s|\s(?:that|which|who|when|as)\s")
# A verb after these words credits no one: "an estimated 80 percent", "deaths were reported".
_NOT_A_SUBJECT = re.compile(
    r"(?:^|\s)(?:an|the|is|are|was|were|be|been|being|widely|commonly|often)\s*$", re.IGNORECASE
)
#: How far back from a verb, or on from "according to", a source's name may reach.
_REACH = 160

_PRONOUNS = {
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "who",
    "which",
    "one",
    "someone",
    "others",
}
_POSSESSIVES = {"its", "their", "his", "her", "our", "my", "your"}
_FUNCTION_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "at",
    "to",
    "in",
    "on",
    "by",
    "for",
    "with",
    "and",
    "or",
    "but",
    "as",
    "than",
    "from",
    "that",
    "which",
    "who",
    "whose",
    "this",
    "these",
    "those",
    "into",
    "over",
    "under",
    "about",
    "after",
    "before",
    "during",
    "while",
    "when",
    "where",
    "if",
    "also",
    "not",
    "recently",
    "then",
    "now",
    "only",
    "had",
    "has",
    "have",
}
_CLAUSE_VERBS = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|"
    r"must|should|shall|do|does|did|remain|remains|continue|continues)\b",
    re.IGNORECASE,
)
_NOT_A_YEAR = re.compile(r"\b(?!(?:1[89]|20)\d\d\b)\d[\d.,]*")
# "information provided to InSight Crime by X", "figures from X": the source is X.
_CARRIER = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:information|data|figures|statistics|numbers|a report|report|"
    r"reports|estimates|documents)\b.*?\b(?:by|from)\s+(?P<who>\S.*)$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:de|del|la|y|[A-Z][\w.'’-]*)){0,5}$")
_ROLE = re.compile(r"^(?:a|an|the|then-\w+|former|its|his|her)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One place where a sentence names a source: the words (``who``), or why they cannot be used."""

    who: str
    start: int  # where the naming starts (the source's name, "according to", or the comma before "said X")
    end: int  # where it ends (the verb or the name)
    doubt: str = ""  # why the reader cannot tell who it is; empty when it can


def sources(sentence: str) -> list[Source]:
    """Every source a sentence names, in order: ``sources("The army said 500 fled.")[0].who``."""
    found = [_before_verb(sentence, verb) for verb in _VERB.finditer(sentence)]
    found += [_after_according(sentence, marker) for marker in _ACCORDING.finditer(sentence)]
    found += [
        _judge(match["who"], match.start(), match.end()) for match in _INVERTED.finditer(sentence)
    ]
    return sorted(
        (source for source in found if source is not None), key=lambda source: source.start
    )


def _before_verb(sentence: str, verb: re.Match) -> Source | None:
    """The subject of a reporting verb: "Defense Minister Pedro Cateriano said", "Name, a role, told"."""
    window_start = max(0, verb.start() - _REACH)
    before = sentence[window_start : verb.start()]
    if _NOT_A_SUBJECT.search(before):
        return None  # "an estimated 80 percent", "deaths were reported": no one is credited
    marks = list(_CLAUSE.finditer(before))
    if before.rstrip().endswith(","):
        # "Name, a role, told": the role stands between the last two commas, the name before them
        if len(marks) < 2:
            return None
        role = before[marks[-2].end() : marks[-1].start()].strip()
        name_from = marks[-3].end() if len(marks) >= 3 else 0
        name = before[name_from : marks[-2].start()].strip()
        if _NAME.match(name) and _ROLE.match(role):
            return _judge(f"{name}, {role}", window_start + name_from, verb.end(), max_words=20)
        return None  # "..., reported Andina" is read by the inverted pattern
    start = marks[-1].end() if marks else 0
    who = before[start:]
    if not who.strip():
        return None
    return _judge(who, window_start + start + len(who) - len(who.lstrip()), verb.end())


def _after_according(sentence: str, marker: re.Match) -> Source | None:
    """The source after "according to", up to the end of its phrase."""
    rest = sentence[marker.end() : marker.end() + _REACH]
    # the phrase ends at the first comma or dash outside parentheses: "X (Y - Z), ..." is one name
    cut = next(
        (
            found.start()
            for found in _PHRASE_END.finditer(rest)
            if rest.count("(", 0, found.start()) <= rest.count(")", 0, found.start())
        ),
        len(rest),
    )
    who = rest[:cut]
    carried = _CARRIER.match(who.strip())
    return _judge(carried["who"] if carried else who, marker.start(), marker.end() + len(who))


def _judge(phrase: str, start: int, end: int, max_words: int = 12) -> Source | None:
    """A Source for a phrase that names someone; with a doubt when it does not say who."""
    who = " ".join(phrase.split()).strip(' ,.;:"“”‘’')
    if not who:
        return None
    tokens = who.lower().replace("’", "'").split()
    if tokens[0] in _POSSESSIVES or tokens[0] in _PRONOUNS and len(tokens) <= 2:
        return Source(
            "",
            start,
            end,
            _('the sentence credits "{words}": read the sentences before it to see who').format(
                words=who
            ),
        )
    if (
        len(tokens) > max_words
        or tokens[-1] in _FUNCTION_WORDS
        or _CLAUSE_VERBS.search(who)
        or _NOT_A_YEAR.search(who)
    ):
        return Source(
            "",
            start,
            end,
            _("the sentence cites a source in words the reader cannot pick out: read it"),
        )
    return Source(who, start, end)


class Sources:
    """The sources a sentence names, found once, to credit each of its figures: ``Sources(s).credit(5, 8)``."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self.found = sources(sentence)
        self.dashes = [dash.start() for dash in _DASH.finditer(sentence)]

    def credit(self, position: int, end: int) -> Source | None:
        """The source that governs the figure from ``position`` to ``end``, or None.

        In order: the naming phrase the figure stands in; a source right after the
        figure in the same clause ("20,000 they claimed"); the last one named before it
        ("X said ... 500"); one later in the sentence ("500, the army said"), unless a
        dash sets the figure apart ("130,000 people -- 80 percent poor, according to X -- ...").
        """
        found = self.found
        index = bisect.bisect_right(found, position, key=lambda source: source.start)
        last = found[index - 1] if index else None
        if last is not None and last.end > position:
            return last
        following = found[index] if index < len(found) else None
        if following is not None:
            gap = self.sentence[end : following.start]
            if len(gap) < 40 and len(gap.split()) <= 2 and not _CLAUSE.search(gap):
                return following
        if last is not None:
            return last
        if following is not None and not self._dash_between(end, following.start):
            return following
        return None

    def _dash_between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.dashes, start)
        return index < len(self.dashes) and self.dashes[index] < end


def first_source(sentence: str) -> str:
    """The first source a sentence names that the reader can pick out, or "": for :func:`vraem.reader.voices`."""
    return next((source.who for source in sources(sentence) if source.who), "")
