"""Pages built from the five scrapes in data/articles/, kept or pasted the ways a learner might.

Every page is made from a scrape's own lines; the only words added are ours (a menu, a
"URL: ..." line, the markup of a saved page). Nothing is fetched from the web. How a copy from a
browser or a saved page lays out the site's header is our assumption, written down in each
function: the scrapes show the text, not the markup.
"""

from __future__ import annotations

import html
import re

from vraem.corpus import load_metadata
from vraem.paths import data_file

ARTICLE_IDS = ("000", "001", "002", "003", "004")

#: Lines of our own standing for the site's menu, as a select-all copy takes them along. "Analysis"
#: and "Investigations" are there on purpose: words the site also prints in the article's header
#: and after its text.
MENU = [
    "Skip to content",
    "Home",
    "News",
    "Analysis",
    "Investigations",
    "Donate",
    "Search",
    "EN | ES",
]

_DATELINE = re.compile(r"^(?P<where>[^/]+ / \d{1,2} [A-Z]{3} \d{4})(?: BY (?P<by>.+?))?(?: EN)?$")


def scrape(article_id: str) -> str:
    """The raw scrape of one article, exactly as stored in data/articles/."""
    name = load_metadata().set_index("article_id").loc[article_id, "file"]
    return data_file("articles/" + name).read_text(encoding="utf-8")


def address(article_id: str) -> str:
    return load_metadata().set_index("article_id").loc[article_id, "url"]


def _lines(article_id: str) -> list[str]:
    return [line.strip() for line in scrape(article_id).split("\n") if line.strip()]


def with_url_line(article_id: str) -> str:
    """The scrape with the address noted above it, as a learner keeps a source."""
    return f"URL: {address(article_id)}\n{scrape(article_id)}"


def with_blank_lines(article_id: str) -> str:
    """The scrape pasted after a few empty lines (some with spaces)."""
    return "\n  \n\n\t\n" + scrape(article_id)


def with_invisible_blank_lines(article_id: str) -> str:
    """The scrape after blank lines that hold a character no one sees: a byte-order mark, as a
    Windows editor writes it at the start of a text, and a zero-width space, as some pages carry."""
    return "\ufeff\n\u200b\n\n" + scrape(article_id)


def with_menu(article_id: str) -> str:
    """The scrape with the site's menu above it, one item a line."""
    return "\n".join(MENU) + "\n" + scrape(article_id)


def copied_from_browser(article_id: str) -> str:
    """A select-all copy from a browser, as we assume it: the menu on top, the crumb's parts
    separated by " / ", the byline and the language on lines of their own under the date, no blank
    lines between paragraphs, Windows line ends and non-breaking spaces after full stops."""
    lines = []
    for line in _lines(article_id):
        crumb = re.match(r"^Home(News)?(Brief|Analysis)(.+)$", line)
        dateline = _DATELINE.match(line)
        if crumb:
            lines.append(
                " / ".join(["Home"] + (["News"] if crumb[1] else []) + [crumb[2], crumb[3]])
            )
        elif dateline:
            lines += (
                [dateline["where"]] + ([f"BY {dateline['by']}"] if dateline["by"] else []) + ["EN"]
            )
        else:
            lines.append(line.replace(". ", ".\u00a0", 1))
    return "\r\n".join(MENU + lines) + "\r\n"


def saved_page(article_id: str, one_line: bool = False) -> str:
    """A saved web page (HTML) of the article, with a menu, a script and the scrape's lines as its
    elements. We assume the crumb is a row of links with no space between them (the scrape's
    "HomeNewsBrief..." reads like that) and the dateline a line of inline elements."""
    metadata = load_metadata().set_index("article_id").loc[article_id]
    body = []
    for line in _lines(article_id):
        text = html.escape(line)
        crumb = re.match(r"^Home(News)?(Brief|Analysis)(.+)$", line)
        dateline = _DATELINE.match(line)
        if crumb:
            links = ['<a href="/">Home</a>'] + (['<a href="/news/">News</a>'] if crumb[1] else [])
            body.append(
                f'<div class="crumbs">{"".join(links)}<a href="#">{crumb[2]}</a>'
                f"<span>{html.escape(crumb[3])}</span></div>"
            )
        elif line in ("BRIEF", "ANALYSIS"):
            body.append(f'<div class="label">{line}</div>')
        elif line == metadata["title"]:
            body.append(f"<h1>{text}</h1>")
        elif dateline:
            by = f' BY <a href="#">{html.escape(dateline["by"])}</a>' if dateline["by"] else ""
            body.append(
                f'<div class="meta"><span>{html.escape(dateline["where"])}</span>{by} '
                f'<span class="lang">EN</span></div>'
            )
        elif line.lower() == "insight crime analysis":
            body.append(f"<h2>{text}</h2>")
        else:
            first, _, rest = text.partition(" ")
            body.append(f"<p><em>{first}</em> {rest}</p>".replace(" ", "&nbsp;", 1))
    menu = "".join(f"<li><a href='#'>{html.escape(item)}</a></li>" for item in MENU)
    page = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(metadata['title'])} | InSight Crime</title>",
        "<script>var labels = ['BRIEF', 'HomeNewsBrief', 'PERU / 1 JAN 2020 BY NOBODY'];</script>",
        "<style>.crumbs a { margin: 0 }</style></head>",
        f"<body><header><nav><ul>{menu}</ul></nav></header><main><article>",
        *body,
        "</article></main><footer>© InSight Crime</footer></body></html>",
    ]
    return "".join(page) if one_line else "\n".join(page)


#: Each way of keeping a page, by name.
SHAPES = {
    "as scraped": scrape,
    "a URL line above": with_url_line,
    "blank lines above": with_blank_lines,
    "blank lines with invisible characters above": with_invisible_blank_lines,
    "the site's menu above": with_menu,
    "copied from a browser": copied_from_browser,
    "a saved web page": saved_page,
    "a saved web page on one line": lambda article_id: saved_page(article_id, one_line=True),
}
