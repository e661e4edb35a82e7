"""The course's reading methods for any article: load it, draft its claims table, validate it.

    from vraem import reader
    article = reader.load("my-article.html")        # a saved page, a scrape, a .txt, or pasted text
    draft = reader.draft_claims(article)            # every number, its sentence, hedge and source
    reader.validate_claims(my_finished_table, article)   # [] when every row holds up

The draft is a machine's first pass, with the columns of ``data/claims.csv``:
the reader's judgements (what is counted, for when, what kind of source) are
left empty for the learner to fill in. Nothing here guesses a title, a date or
a byline that the text does not give, and nothing raises on odd input.

Where each step lives (import from ``vraem.reader``; the modules are its parts):

- ``loading``: ``load`` and ``fill_in``, from a path, bytes or text;
- ``pages``: which kind of page a text is (the site's page and its furniture, another
  saved page, plain text) and the article in it;
- ``articles``: ``ReadArticle``, what ``missing`` says and how to fill it in;
- ``sentences``, ``quantity_patterns``, ``quantities``: sentences, then each number in
  them with its hedge, unit and source (``find_numbers``);
- ``voices``: who speaks; ``drafting``: ``draft_claims``; ``validation``: ``validate_claims``;
- ``measuring``: the drafter against the hand-coded claims (``benchmark``).
"""

from .articles import ReadArticle
from .drafting import draft_claims
from .loading import MAX_CHARACTERS, fill_in, load
from .measuring import (
    Benchmark,
    benchmark,
    compare_with_claims,
    match_draft,
    number_kind,
    same_source,
)
from .quantities import find_numbers
from .quantity_patterns import HEDGES, NUMBER_PATTERN
from .sentences import sentences
from .validation import validate_claims
from .voices import voices

__all__ = [
    "HEDGES",
    "MAX_CHARACTERS",
    "NUMBER_PATTERN",
    "Benchmark",
    "ReadArticle",
    "benchmark",
    "compare_with_claims",
    "draft_claims",
    "fill_in",
    "find_numbers",
    "load",
    "match_draft",
    "number_kind",
    "same_source",
    "sentences",
    "validate_claims",
    "voices",
]
