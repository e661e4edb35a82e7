"""The gradebook's class report: one static HTML page with inline charts (no script, no network).

Every text that comes from a learner (names, file names, answers, error
messages, feedback that quotes an answer) is escaped; open answers are
rendered from markdown with markdown-it-py, raw HTML off, then cleaned with
nh3 (links kept, with ``rel="noopener noreferrer nofollow"``; images, scripts,
styles and event attributes dropped), so the report runs no learner's script
and fetches nothing.

The report is written in the language chosen (``python -m vraem.gradebook … --lang es``): every
sentence goes through :func:`vraem.i18n._`, the open exercises' titles and rubrics come from that
language's solutions, and the page declares its language. What is stored stays English: the
status words and misreading ids of grades.csv and attempts.csv, and the ids shown in the grid.
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
    SOLVED,
    WRONG_ANSWER,
    lesson_order,
)
from ..exercises import misreading_in_words
from ..i18n import N_, _, current_language, ngettext
from .course import is_blank, open_exercises
from .said import Said, shown

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
#: How a grid cell shows each outcome word of grades.csv (the word stays English in the CSV).
_SYMBOL = {
    SOLVED: N_("✓ solved"),
    NOT_ANSWERED: N_("· not answered"),
    ERROR: N_("✗ error"),
    NOT_HANDED_IN: N_("– not handed in"),
    WRONG_ANSWER: N_("✗ wrong"),
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


def _tagged(tag: str, text: str) -> str:
    """``text`` escaped, in an element: ``_tagged("h2", _("Lesson 03"))`` is ``<h2>Lesson 03</h2>``."""
    return f"<{tag}>{_e(text)}</{tag}>"


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
                title=_("Share of learners who solved it"),
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            # 2.10 after 2.9, not after 2.1
            y=alt.Y(
                "exercise:N",
                title=_("Exercise"),
                sort=sorted(shares["exercise"], key=lesson_order),
            ),
        )
        .properties(
            width=420,
            height=24 * max(1, len(shares)),
            title=alt.Title(
                _("Lesson {lesson:02d}: exercises solved").format(lesson=lesson),
                subtitle=_("Source: the class's notebooks, run through the course's checks"),
            ),
            description=_(
                "Bar chart of lesson {lesson:02d}: for each exercise, the share of learners whose "
                "counted check was correct. {shares}"
            ).format(
                lesson=lesson,
                shares="; ".join(
                    f"{e} {s:.0%}"
                    for e, s in zip(shares["exercise"], shares["solved"], strict=True)
                ),
            ),
        )
    )


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0)


def _grid(attempts: pd.DataFrame, grades: pd.DataFrame) -> str:
    """The learner × exercise table, each cell with its outcome and, when it differs, the last check's."""
    exercises = [c for c in grades.columns if c not in ("learner", "problems")]
    detail = {(row.learner, row.exercise): row for row in attempts.itertuples(index=False)}
    head = "".join(f"<th scope='col'>{_e(e)}</th>" for e in exercises)
    learner, solved_heading = _e(_("learner")), _e(_("solved"))
    lines = [
        f"<table class='grid'><thead><tr><th scope='col'>{learner}</th>"
        f"<th scope='col'>{solved_heading}</th>{head}</tr></thead><tbody>"
    ]
    for row in grades.itertuples(index=False):
        values = dict(zip(grades.columns, row, strict=True))
        solved = sum(values[e] == SOLVED for e in exercises)
        handed = sum(values[e] != NOT_HANDED_IN for e in exercises)
        cells = []
        for exercise in exercises:
            value = str(values[exercise])
            kind = "misreading" if "#" in value else value.replace(" ", "-")
            text = _(_SYMBOL[value]) if value in _SYMBOL else f"✗ {value}"
            more, title = "", misreading_in_words(value) if "#" in value else ""
            info = detail.get((values["learner"], exercise))
            if info is not None and info.checks:
                checked = ngettext(
                    "checked {count} time; last answer: {answer}",
                    "checked {count} times; last answer: {answer}",
                    info.checks,
                ).format(count=info.checks, answer=shown(info.last_answer))
                title = f"{title} · {checked}" if title else checked
                if info.checks > 1 and info.last_outcome != value:
                    last = _("last check: {outcome}").format(outcome=info.last_outcome)
                    more = f"<span class='last'>{_e(last)}</span>"
            cells.append(f"<td class='{_e(kind)}' title='{_e(title)}'>{_e(text)}{more}</td>")
        count = _("{solved} of {handed}").format(solved=solved, handed=handed)
        lines.append(
            f"<tr><th scope='row'>{_e(values['learner'])}</th><td>{_e(count)}</td>"
            + "".join(cells)
            + "</tr>"
        )
    lines.append("</tbody></table>")
    return "\n".join(lines)


def write_report(
    path: Path,
    attempts: pd.DataFrame,
    grades: pd.DataFrame,
    notes: list[Said],
    problems: dict[str, list[Said]],
    superseded: list,
    graded: list,
    described: str,
    trusted: bool = False,
) -> None:
    """Write the class report in the current language: ``write_report(out / "report.html", attempts, …)``."""
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
    run = sum(1 for g in graded if not g.submission.problem)
    title = _e(_("Class report"))
    parts = [
        f"<!doctype html><html lang='{_e(current_language())}'><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
    ]
    if trusted:
        warning = _(
            "Graded WITHOUT A SANDBOX (--trusted-class): learners' code ran with your permissions. "
            "Use this only for a class whose code you trust."
        )
        parts.append(f"<p class='untrusted' role='alert'>{_e(warning)}</p>")
    counted = _("Learners: {learners}. Notebooks run: {notebooks}. Graded on {when}.").format(
        learners=learners, notebooks=run, when=f"{datetime.now():%Y-%m-%d %H:%M}"
    )
    how = _(
        "Every answer was judged by the gradebook itself, with the course's keys, from the answers "
        "the notebooks handed over; what a notebook printed or logged does not count. When an "
        "exercise was checked more than once, the best check counts (solved if any check was "
        "correct; otherwise the last that judged an answer); a grid cell says so when the last "
        "check said otherwise."
    )
    parts += [f"<h1>{title}</h1>", f"<p>{_e(counted)} {_e(described)}</p>", f"<p>{_e(how)}</p>"]
    return parts


def _to_look_at(notes: list[Said], problems: dict[str, list[Said]], superseded: list) -> list[str]:
    """Unreadable sources, learners' problems, replaced notebooks: ``_to_look_at(notes, problems, superseded)``."""
    parts = []
    flagged = {learner: said for learner, said in problems.items() if said}
    if notes or flagged or superseded:
        parts.append(_tagged("h2", _("Submissions to look at")) + "<ul>")
        parts += [f"<li class='problem'>{_e(shown(note))}</li>" for note in notes]
        for learner, said in sorted(flagged.items()):
            parts += [
                f"<li class='problem'><strong>{_e(learner)}</strong>: {_e(shown(text))}</li>"
                for text in said
            ]
        parts += [
            "<li>"
            + _e(
                _("{source} ({learner}): an older submission, replaced by {newer}").format(
                    source=s.source, learner=s.learner, newer=s.superseded_by
                )
            )
            + "</li>"
            for s in superseded
        ]
        parts.append("</ul>")
    return parts


def _grid_section(attempts: pd.DataFrame, grades: pd.DataFrame) -> list[str]:
    """The learner × exercise grid with its key, none for an empty class: ``_grid_section(attempts, grades)``."""
    if not len(grades):
        return []
    key = _(
        "✓ solved · a misreading id (such as 2.3#1: the catalogued mistake the answer matched, "
        "named in words below the grid) · ✗ wrong · ✗ error (the answer could not be read, or the "
        "code failed before the check) · · not answered · – not handed in. Hover a cell for what "
        "the misreading was, the number of checks and the last answer."
    )
    parts = [_tagged("h2", _("Learners × exercises")), _tagged("p", key)]
    parts.append(_grid(attempts, grades))
    seen = sorted(
        {
            str(value)
            for column in grades.columns[1:-1]
            for value in grades[column]
            if "#" in str(value)
        },
        key=lambda name: (lesson_order(name.partition("#")[0]), name),
    )
    if seen:
        parts.append(_tagged("h3", _("The misreadings in the grid")) + "<ul>")
        parts += [
            f"<li><strong>{_e(name)}</strong>: {_e(misreading_in_words(name))}</li>"
            for name in seen
        ]
        parts.append("</ul>")
    return parts


def _lesson_sections(attempts: pd.DataFrame) -> list[str]:
    """Each lesson's chart of exercises solved and its commonest misreadings: ``_lesson_sections(attempts)``."""
    parts = []
    for lesson in sorted(attempts["lesson"].dropna().unique()):
        lesson = int(lesson)
        rows = attempts[attempts["lesson"] == lesson]
        parts.append(_tagged("h2", _("Lesson {lesson:02d}").format(lesson=lesson)))
        parts.append(_svg(solved_chart(attempts, lesson)))
        wrong = rows[rows["misreading"] != ""]
        if len(wrong):
            common = (
                wrong.groupby(["exercise", "misreading", "feedback"])
                .size()
                .reset_index(name="learners")
                .sort_values(["learners", "exercise"], ascending=[False, True])
            )
            common["what"] = [misreading_in_words(name) for name in common["misreading"]]
            parts.append(_tagged("h3", _("Misreadings, commonest first")))
            parts.append(
                _tagged("p", _("The feedback is the sentence each of these learners saw."))
            )
            table = common[["learners", "exercise", "misreading", "what", "feedback"]].rename(
                columns={
                    "learners": _("learners"),
                    "exercise": _("exercise"),
                    "misreading": _("misreading"),
                    "what": _("what it was"),
                    "feedback": _("feedback"),
                }
            )
            parts.append(_table(table))
    return parts


def _code_errors(graded: list) -> list[str]:
    """Each learner's cell errors, by cell number: ``_code_errors(graded)``."""
    parts = []
    errors = [(g.learner, g.submission.source, g.cell_errors()) for g in graded if g.cell_errors()]
    if errors:
        numbered = _("Cells are numbered from the top of the notebook, text cells included.")
        parts += [_tagged("h2", _("Code errors, by learner")), _tagged("p", numbered)]
        for learner, source, lines in errors:
            parts.append(
                f"<h3>{_e(learner)} <small>({_e(source)})</small></h3><ul>"
                + "".join(f"<li>{_e(shown(line))}</li>" for line in lines[:30])
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
        parts.append(_tagged("h2", _("Open exercises to mark by hand")))
        known = open_exercises(current_language())
        for exercise in sorted({which for _learner, which, _text in answers}, key=lesson_order):
            about = known.get(exercise)
            heading = _("Open exercise {id} · {title}").format(
                id=exercise, title=about.title if about else ""
            )
            parts.append(f"<h3>{_e(heading)}</h3>")
            if about and about.rubric:
                label = _e(_("Rubric."))
                parts.append(f"<p><strong>{label}</strong></p>{safe_markdown(about.rubric)}")
            for learner, which, text in answers:
                if which == exercise:
                    body = _tagged("p", _("(no answer)")) if is_blank(text) else safe_markdown(text)
                    parts.append(
                        f"<p><strong>{_e(learner)}</strong></p><blockquote>{body}</blockquote>"
                    )
    return parts
