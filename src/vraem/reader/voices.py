"""Who speaks in an article: ``voices(reader.load("page.html"))``, one row per sentence that reports speech."""

from __future__ import annotations

import re

import pandas as pd

from .. import attribution
from ..scrape import Article
from .articles import paragraphs_by_section
from .loading import as_article
from .sentences import normalise, sentences

#: Words that report speech or a source: "said", "told", "according to", "según".
#: ("estimated" is left out: "an estimated 80 percent" is a hedge, not a voice.)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|telling|tells|stated|reported|announced|affirmed|added|"
    r"claimed|expressed|warned|described|according to|según|dijo|afirmó|señaló)\b",
    re.IGNORECASE,
)


def voices(article_or_text: Article | str) -> pd.DataFrame:
    """Every sentence in which someone speaks or is cited: ``voices(reader.load("page.html"))``.

    One row per sentence with a reporting word ("said", "told", "stated",
    "according to" ...), with the ``section`` it stands in and ``who``, the
    reader's guess at the speaker (empty when it cannot tell, as for "he
    added"). A first pass like the draft: read each sentence, since the guess
    can be wrong, and remember that people the text talks *about* are not
    voices unless it quotes or cites them.
    """
    article = as_article(article_or_text)
    rows = [
        {"section": section, "who": attribution.first_source(sentence), "sentence": sentence}
        for section, paragraph in paragraphs_by_section(article)
        for sentence in sentences(normalise(paragraph))
        if _REPORTING.search(sentence)
    ]
    return pd.DataFrame(rows, columns=["section", "who", "sentence"])
