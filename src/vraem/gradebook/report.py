"""The gradebook's class report: one static HTML page with inline charts (no script, no network).

Every text that comes from a learner (names, file names, answers, error
messages, feedback that quotes an answer) is escaped; open answers are
rendered from markdown with markdown-it-py, raw HTML off, then cleaned with
nh3 (links kept, with ``rel="noopener noreferrer nofollow"``; images, scripts,
styles and event attributes dropped), so the report runs no learner's script
and fetches nothing.
"""

from __future__ import annotations

import functools
import html
import json
from datetime import datetime
from pathlib import Path

import altair as alt
import pandas as pd

from .. import charts  # noqa: F401  (registers the course theme)
from ..contract import (
    ERROR,
    NOT_ANSWERED,
    NOT_HANDED_IN,
    OPEN_HEADING,
    SOLVED,
    TAG_OPEN_EXERCISE,
    WRONG_ANSWER,
    lesson_order,
    tags_of,
)
from ..paths import course_root

_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.problem { color: #a33; }
.untrusted { background: #b00020; color: #fff; padding: 0.8rem 1rem; font-weight: bold; font-size: 1.1rem; }
.grid td { white-space: nowrap; font-size: 0.9rem; }
.grid .solved { background: #dff0d8; }
.grid .misreading, .grid .wrong { background: #fcf0d0; }
.grid .error { background: #f8d7da; }
.grid .not-answered, .grid .not-handed-in { color: #666; }
.last { display: block; font-size: 0.75rem; color: #555; }
blockquote { border-left: 3px solid #0072B2; margin: 0.5rem 0; padding: 0.2rem 0.8rem; background: #f7f9fc; }
"""
_SYMBOL = {
    SOLVED: f"✓ {SOLVED}",
    NOT_ANSWERED: f"· {NOT_ANSWERED}",
    ERROR: f"✗ {ERROR}",
    NOT_HANDED_IN: f"– {NOT_HANDED_IN}",
    WRONG_ANSWER: f"✗ {WRONG_ANSWER}",
}
_ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
}


def safe_markdown(text: str) -> str:
    """A learner's markdown as HTML that can run nothing and fetch nothing."""
    import nh3  # here, as markdown-it below: only a report with open answers needs them

    rendered = _markdown().render(text)
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@functools.cache
def _markdown():
    """The one markdown renderer, CommonMark with tables and raw HTML off: ``_markdown().render(text)``."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _svg(chart: alt.Chart) -> str:
    """An inline SVG whose text alternative is the chart's description."""
    import vl_convert

    spec = chart.to_dict()
    svg = vl_convert.vegalite_to_svg(json.dumps(spec))
    label = _e(spec.get("description", ""))
    return f'<figure role="img" aria-label="{label}">{svg}<figcaption>{label}</figcaption></figure>'


def solved_chart(attempts: pd.DataFrame, lesson: int) -> alt.Chart:
    """Bars: the share of learners who solved each exercise of one lesson."""
    rows = attempts[attempts["lesson"] == lesson]
    shares = (
        rows.assign(solved=rows["outcome"] == SOLVED)
        .groupby("exercise", as_index=False)["solved"]
        .mean()
    )
    shares = shares.iloc[
        sorted(range(len(shares)), key=lambda i: lesson_order(shares["exercise"].iloc[i]))
    ]
    alt.theme.enable("vraem")
    return (
        alt.Chart(shares)
        .mark_bar()
        .encode(
            x=alt.X(
                "solved:Q",
                title="Share of learners who solved it",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            # 2.10 after 2.9, not after 2.1
            y=alt.Y(
                "exercise:N", title="Exercise", sort=sorted(shares["exercise"], key=lesson_order)
            ),
        )
        .properties(
            width=420,
            height=24 * max(1, len(shares)),
            title=alt.Title(
                f"Lesson {lesson:02d}: exercises solved",
                subtitle="Source: the class's notebooks, run through the course's checks",
            ),
            description=(
                f"Bar chart of lesson {lesson:02d}: for each exercise, the share of learners whose "
                "counted check was correct. "
                + "; ".join(
                    f"{e} {s:.0%}"
                    for e, s in zip(shares["exercise"], shares["solved"], strict=True)
                )
            ),
        )
    )


def rubrics() -> dict[str, tuple[str, str]]:
    """Each open exercise's heading and rubric, read from solutions/: ``{"2.a": (title, rubric)}``."""
    found = {}
    for path in sorted((course_root() / "solutions").glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            source = "".join(cell.get("source", []))
            heading = OPEN_HEADING.search(source)
            if heading and heading["title"] and TAG_OPEN_EXERCISE in tags_of(cell):
                rubric = (
                    source.split("**Rubric.**", 1)[1].strip() if "**Rubric.**" in source else ""
                )
                found[heading["id"]] = (heading["title"].strip(), rubric)
    return found


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0)


def _grid(attempts: pd.DataFrame, grades: pd.DataFrame) -> str:
    """The learner × exercise table, each cell with its outcome and, when it differs, the last check's."""
    exercises = [c for c in grades.columns if c not in ("learner", "problems")]
    detail = {(row.learner, row.exercise): row for row in attempts.itertuples(index=False)}
    head = "".join(f"<th scope='col'>{_e(e)}</th>" for e in exercises)
    lines = [
        f"<table class='grid'><thead><tr><th scope='col'>learner</th><th scope='col'>solved</th>{head}"
        "</tr></thead><tbody>"
    ]
    for row in grades.itertuples(index=False):
        values = dict(zip(grades.columns, row, strict=True))
        solved = sum(values[e] == SOLVED for e in exercises)
        handed = sum(values[e] != NOT_HANDED_IN for e in exercises)
        cells = []
        for exercise in exercises:
            value = str(values[exercise])
            kind = "misreading" if "#" in value else value.replace(" ", "-")
            text = _SYMBOL.get(value, f"✗ {value}")
            more, title = "", ""
            info = detail.get((values["learner"], exercise))
            if info is not None:
                title = (
                    f"checked {info.checks} time(s); last answer: {info.last_answer}"
                    if info.checks
                    else ""
                )
                if info.checks > 1 and info.last_outcome != value:
                    more = f"<span class='last'>last check: {_e(info.last_outcome)}</span>"
            cells.append(f"<td class='{_e(kind)}' title='{_e(title)}'>{_e(text)}{more}</td>")
        lines.append(
            f"<tr><th scope='row'>{_e(values['learner'])}</th><td>{solved} of {handed}</td>"
            + "".join(cells)
            + "</tr>"
        )
    lines.append("</tbody></table>")
    return "\n".join(lines)


def write_report(
    path: Path,
    attempts: pd.DataFrame,
    grades: pd.DataFrame,
    notes: list[str],
    problems: dict[str, list[str]],
    superseded: list,
    graded: list,
    described: str,
    trusted: bool = False,
) -> None:
    """Write the class report: ``write_report(out / "report.html", attempts, grades, …)``."""
    parts = [
        *_opening(grades, graded, described, trusted),
        *_to_look_at(notes, problems, superseded),
        *_grid_section(attempts, grades),
        *_lesson_sections(attempts),
        *_code_errors(graded),
        *_open_answers(graded),
        "</body></html>",
    ]
    Path(path).write_text("\n".join(parts), encoding="utf-8")


def _opening(grades: pd.DataFrame, graded: list, described: str, trusted: bool) -> list[str]:
    """The page's head, the red no-sandbox warning and how it was graded: ``_opening(grades, graded, …)``."""
    learners = len(grades)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Class report</title>"
        f"<style>{_STYLE}</style></head><body>"
    ]
    if trusted:
        parts.append(
            "<p class='untrusted' role='alert'>Graded WITHOUT A SANDBOX (--trusted-class): learners' "
            "code ran with your permissions. Use this only for a class whose code you trust.</p>"
        )
    parts += [
        "<h1>Class report</h1>",
        f"<p>{learners} learner(s), {sum(1 for g in graded if not g.submission.problem)} notebook(s) run, "
        f"on {datetime.now():%Y-%m-%d %H:%M}. {_e(described)}</p>",
        "<p>Every answer was judged by the gradebook itself, with the course's keys, from the answers "
        "the notebooks handed over; what a notebook printed or logged does not count. When an exercise was "
        "checked more than once, the best check counts (solved if any check was correct; otherwise the "
        "last that judged an answer); a grid cell says so when the last check said otherwise.</p>",
    ]
    return parts


def _to_look_at(notes: list[str], problems: dict[str, list[str]], superseded: list) -> list[str]:
    """Unreadable sources, learners' problems, replaced notebooks: ``_to_look_at(notes, problems, superseded)``."""
    parts = []
    flagged = {learner: said for learner, said in problems.items() if said}
    if notes or flagged or superseded:
        parts.append("<h2>Submissions to look at</h2><ul>")
        parts += [f"<li class='problem'>{_e(note)}</li>" for note in notes]
        for learner, said in sorted(flagged.items()):
            parts += [
                f"<li class='problem'><strong>{_e(learner)}</strong>: {_e(text)}</li>"
                for text in said
            ]
        parts += [
            f"<li>{_e(s.source)} ({_e(s.learner)}): an older submission, replaced by "
            f"{_e(s.superseded_by)}</li>"
            for s in superseded
        ]
        parts.append("</ul>")
    return parts


def _grid_section(attempts: pd.DataFrame, grades: pd.DataFrame) -> list[str]:
    """The learner × exercise grid with its key, none for an empty class: ``_grid_section(attempts, grades)``."""
    parts = []
    if len(grades):
        parts.append(
            "<h2>Learners × exercises</h2>"
            "<p>✓ solved · a misreading id (such as 2.3#1: the catalogued mistake the answer matched) · "
            "✗ wrong · ✗ error (the answer could not be read, or the code failed before the check) · "
            "· not answered · – not handed in. Hover a cell for the number of checks and the last "
            "answer.</p>"
        )
        parts.append(_grid(attempts, grades))
    return parts


def _lesson_sections(attempts: pd.DataFrame) -> list[str]:
    """Each lesson's chart of exercises solved and its commonest misreadings: ``_lesson_sections(attempts)``."""
    parts = []
    for lesson in sorted(attempts["lesson"].dropna().unique()):
        lesson = int(lesson)
        rows = attempts[attempts["lesson"] == lesson]
        parts.append(f"<h2>Lesson {lesson:02d}</h2>")
        parts.append(_svg(solved_chart(attempts, lesson)))
        wrong = rows[rows["misreading"] != ""]
        if len(wrong):
            common = (
                wrong.groupby(["exercise", "misreading", "feedback"])
                .size()
                .reset_index(name="learners")
                .sort_values(["learners", "exercise"], ascending=[False, True])
            )
            parts.append(
                "<h3>Misreadings, commonest first</h3>"
                "<p>The feedback is the sentence each of these learners saw.</p>"
            )
            parts.append(_table(common[["learners", "exercise", "misreading", "feedback"]]))
    return parts


def _code_errors(graded: list) -> list[str]:
    """Each learner's cell errors, by cell number: ``_code_errors(graded)``."""
    parts = []
    errors = [(g.learner, g.submission.source, g.cell_errors()) for g in graded if g.cell_errors()]
    if errors:
        parts.append(
            "<h2>Code errors, by learner</h2><p>Cells are numbered from the top of the notebook, "
            "text cells included.</p>"
        )
        for learner, source, lines in errors:
            parts.append(
                f"<h3>{_e(learner)} <small>({_e(source)})</small></h3><ul>"
                + "".join(f"<li>{_e(line)}</li>" for line in lines[:30])
                + "</ul>"
            )
    return parts


def _open_answers(graded: list) -> list[str]:
    """Open exercises to mark by hand, each with its rubric and every answer, made safe: ``_open_answers(graded)``."""
    parts = []
    answers = [
        (g.learner, exercise, text) for g in graded for exercise, text in g.open_answers.items()
    ]
    if answers:
        parts.append("<h2>Open exercises to mark by hand</h2>")
        known = rubrics()
        for exercise in sorted({exercise for _, exercise, _ in answers}, key=lesson_order):
            title, rubric = known.get(exercise, ("", ""))
            parts.append(f"<h3>Open exercise {_e(exercise)} · {_e(title)}</h3>")
            if rubric:
                parts.append(f"<p><strong>Rubric.</strong></p>{safe_markdown(rubric)}")
            for learner, which, text in answers:
                if which == exercise:
                    blank = not text or "Write your answer here" in text
                    body = "<p>(no answer)</p>" if blank else safe_markdown(text)
                    parts.append(
                        f"<p><strong>{_e(learner)}</strong></p><blockquote>{body}</blockquote>"
                    )
    return parts
