"""The gradebook's class report: one static HTML page with inline charts (no script, no network)."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path

import altair as alt
import pandas as pd

from . import charts  # noqa: F401  (registers the course theme)
from .paths import data_dir

_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.problem { color: #a33; }
blockquote { border-left: 3px solid #0072B2; margin: 0.5rem 0; padding: 0.2rem 0.8rem; background: #f7f9fc; }
"""


def _svg(chart: alt.Chart) -> str:
    """An inline SVG whose text alternative is the chart's description."""
    import vl_convert

    spec = chart.to_dict()
    svg = vl_convert.vegalite_to_svg(json.dumps(spec))
    label = html.escape(spec.get("description", ""), quote=True)
    return f'<figure role="img" aria-label="{label}">{svg}<figcaption>{html.escape(spec.get("description", ""))}' \
           "</figcaption></figure>"


def _exercise_order(exercise_id: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in str(exercise_id).split("."))


def solved_chart(attempts: pd.DataFrame, lesson: int) -> alt.Chart:
    """Bars: the share of learners who solved each exercise of one lesson."""
    rows = attempts[attempts["lesson"] == lesson]
    shares = rows.assign(solved=rows["outcome"] == "solved").groupby("exercise", as_index=False)["solved"].mean()
    shares = shares.iloc[sorted(range(len(shares)), key=lambda i: _exercise_order(shares["exercise"].iloc[i]))]
    alt.theme.enable("vraem")
    return alt.Chart(shares).mark_bar().encode(
        x=alt.X("solved:Q", title="Share of learners who solved it", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        # 2.10 after 2.9, not after 2.1
        y=alt.Y("exercise:N", title="Exercise", sort=sorted(shares["exercise"], key=_exercise_order)),
    ).properties(
        width=420, height=24 * max(1, len(shares)),
        title=alt.Title(f"Lesson {lesson:02d}: exercises solved",
                        subtitle="Source: the class's notebooks, run through the course's checks"),
        description=(f"Bar chart of lesson {lesson:02d}: for each exercise, the share of learners whose "
                     "last check was correct. " + "; ".join(f"{e} {s:.0%}" for e, s in
                                                           zip(shares["exercise"], shares["solved"]))),
    )


def rubrics() -> dict[str, tuple[str, str]]:
    """Each open exercise's heading and rubric, read from solutions/: ``{"2.a": (title, rubric)}``."""
    found = {}
    for path in sorted((data_dir().parent / "solutions").glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            source = "".join(cell.get("source", []))
            heading = re.search(r"### Open exercise (\d+\.[a-z]) · (.+)", source)
            if heading and "open-exercise" in cell.get("metadata", {}).get("tags", []):
                rubric = source.split("**Rubric.**", 1)[1].strip() if "**Rubric.**" in source else ""
                found[heading[1]] = (heading[2].strip(), rubric)
    return found


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0)


def write_report(path: Path, attempts: pd.DataFrame, grades: pd.DataFrame, problems: list[str],
                 superseded: list, runs: list, isolation_gaps: list[str]) -> None:
    """Write the class report: ``write_report(out / "report.html", attempts, grades, …)``."""
    learners = grades["learner"].nunique() if len(grades) else 0
    isolation = ("with the network switched off." if not isolation_gaps else
                 f"<span class='problem'>but isolation was incomplete: {html.escape('; '.join(isolation_gaps))}.</span>")
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Class report</title>"
             f"<style>{_STYLE}</style></head><body>",
             "<h1>Class report</h1>",
             f"<p>{learners} learner(s), {len(runs)} notebook(s), run on {datetime.now():%Y-%m-%d %H:%M}. "
             "Each notebook ran in a fresh kernel, on a copy, against read-only course data, "
             f"{isolation}</p>"]
    if problems or superseded:
        parts.append("<h2>Submissions to look at</h2><ul>")
        parts += [f"<li class='problem'>{html.escape(problem)}</li>" for problem in problems]
        parts += [f"<li>{html.escape(s.source)} ({html.escape(s.learner)}): an older submission, replaced by "
                  f"{html.escape(s.superseded_by)}</li>" for s in superseded]
        parts.append("</ul>")
    for lesson in sorted(attempts["lesson"].dropna().unique()):
        lesson = int(lesson)
        rows = attempts[attempts["lesson"] == lesson]
        parts.append(f"<h2>Lesson {lesson:02d}</h2>")
        parts.append(_svg(solved_chart(attempts, lesson)))
        wrong = rows[rows["misreading"] != ""]
        if len(wrong):
            common = (wrong.groupby(["exercise", "misreading", "feedback"]).size()
                      .reset_index(name="learners").sort_values(["learners", "exercise"], ascending=[False, True]))
            parts.append("<h3>Misreadings, commonest first</h3>"
                         "<p>The feedback is the sentence each of these learners saw.</p>")
            parts.append(_table(common[["learners", "exercise", "misreading", "feedback"]]))
    if len(grades):
        parts.append("<h2>Learners</h2>")
        exercise_columns = [c for c in grades.columns if c != "learner"]
        lines = pd.DataFrame({
            "learner": grades["learner"],
            "solved": (grades[exercise_columns] == "solved").sum(axis=1),
            "of": (grades[exercise_columns] != "not handed in").sum(axis=1),
            "misreadings": grades[exercise_columns].apply(
                lambda row: ", ".join(v for v in row if "#" in str(v)), axis=1),
        })
        parts.append(_table(lines))
    answers = [(s.learner, exercise, text) for s, run in runs for exercise, text in run.open_answers.items()]
    if answers:
        parts.append("<h2>Open exercises to mark by hand</h2>")
        known = rubrics()
        for exercise in sorted({exercise for _, exercise, _ in answers}):
            title, rubric = known.get(exercise, ("", ""))
            parts.append(f"<h3>Open exercise {html.escape(exercise)} · {html.escape(title)}</h3>")
            if rubric:
                parts.append(f"<p><strong>Rubric.</strong></p><pre>{html.escape(rubric)}</pre>")
            for learner, which, text in answers:
                if which == exercise:
                    shown = text if text and "Write your answer here" not in text else "(no answer)"
                    parts.append(f"<p><strong>{html.escape(learner)}</strong></p>"
                                 f"<blockquote>{html.escape(shown)}</blockquote>")
    parts.append("</body></html>")
    Path(path).write_text("\n".join(parts), encoding="utf-8")
