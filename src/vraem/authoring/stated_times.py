"""Write every stated time from the timing model, and find the ones that part from it: ``write_times(root)``.

The course states a lesson's time in seven places: the lesson's header, each exercise's
heading, the "After class" divider, the lesson tables of the README and of its Spanish
edition (``README.es.md``), the course map in
``instructors/README.md``, and each instructor note (its **Time:** line and its timing
table, section by section). All of them come from :mod:`vraem.authoring.timing`:
``python -m vraem.authoring.build`` rewrites the numbers (and only the numbers) before it builds the
lessons, and :func:`time_problems` lists every stated time that parts from the model by
more than a tolerance (``tests/test_timing.py`` uses 15 %), or that is missing.

The formats, as written here and read back:

- header and instructor note: ``**Time:** 40 min teaching · 33 min exercises in class
  (73 min), then 45 min after class; about 120 minutes working alone.``
- an exercise heading ends with ``(N min)``;
- the divider, a Markdown cell tagged ``after-class``: ``## After class (about N min)``;
- README: the lesson row's time column, ``73 min + 45 after class (about 120 alone)``;
  README.es.md: ``73 min + 45 después de clase (unos 120 por cuenta propia)``;
- course map: the third column, ``73 min in class + 45 after class (sections 5–7); about 120 alone``;
- timing table: per numbered section, ``| N. … | T min | 3 + 4 min (4.2, 4.3) | notes |``,
  and a ``| **total in class** | … |`` row.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ..contract import EXERCISE_HEADING, EXERCISE_TAGS, TAG_AFTER_CLASS, TAG_LESSON_HEADER, tags_of
from .timing import LessonTime, course_times

TIME_SENTENCE = re.compile(
    r"\*\*Time:\*\* (?P<teaching>\d+) min teaching · (?P<exercises>\d+) min exercises in class \((?P<in_class>\d+) min\)"
    r"(?:, then (?P<after>\d+) min after class)?; about (?P<alone>\d+) minutes working alone\."
)
#: A **Time:** line as hand-written before the model: replaced whole, up to its end of line.
ANY_TIME_LINE = re.compile(r"\*\*Time:\*\*[^\n]*")
DIVIDER = re.compile(r"^## After class \(about (?P<minutes>\d+) min\)", re.MULTILINE)
README_ROW = re.compile(
    r"^\| (?P<number>\d\d) \| (?P<lesson>[^|]+) \| (?P<time>[^|]+) \|", re.MULTILINE
)
MAP_ROW = re.compile(
    r"^\| (?P<session>\d+) \| (?P<number>\d\d) · (?P<title>[^|]+) \| (?P<time>[^|]+) \|",
    re.MULTILINE,
)
SECTION_ROW = re.compile(
    r"^\| (?P<section>\d+)\. (?P<label>[^|]+) \| (?P<teaching>[^|]+) \| (?P<exercises>[^|]+) \|",
    re.MULTILINE,
)
TOTAL_ROW = re.compile(r"^\| \*\*total[^|]*\|[^\n]*$", re.MULTILINE)


def time_sentence(timed: LessonTime) -> str:
    """The **Time:** sentence of a lesson's header and its instructor note."""
    after = f", then {timed.after_class} min after class" if timed.after_class else ""
    return (
        f"**Time:** {timed.teaching} min teaching · {timed.exercises} min exercises in class "
        f"({timed.in_class} min){after}; about {timed.alone} minutes working alone."
    )


def after_sections(timed: LessonTime) -> list[str]:
    """The numbered sections that are wholly after class: ``["5", "6", "7"]``."""
    seen = []
    for part in timed.parts:
        if (
            part.section not in seen
            and part.section.isdigit()
            and timed.section_after_class(part.section)
        ):
            seen.append(part.section)
    return seen


def _span(sections: list[str]) -> str:
    if not sections:
        return ""
    return (
        f"section {sections[0]}" if len(sections) == 1 else f"sections {sections[0]}–{sections[-1]}"
    )


def readme_time(timed: LessonTime) -> str:
    """The time column of a lesson's README row: ``73 min + 45 after class (about 120 alone)``."""
    after = f" + {timed.after_class} after class" if timed.after_class else ""
    return f"{timed.in_class} min{after} (about {timed.alone} alone)"


def readme_time_es(timed: LessonTime) -> str:
    """The time column of a lesson's row in README.es.md: ``73 min + 45 después de clase (unos 120 por cuenta propia)``.

    The same numbers as :func:`readme_time`, in the same order; only the words are Spanish.
    """
    after = f" + {timed.after_class} después de clase" if timed.after_class else ""
    return f"{timed.in_class} min{after} (unos {timed.alone} por cuenta propia)"


#: The README files with a lesson table, and how each writes a lesson's time.
READMES = {"README.md": readme_time, "README.es.md": readme_time_es}


def map_time(timed: LessonTime) -> str:
    """The time column of the course map: ``73 min in class + 45 after class (sections 5–7); about 120 alone``."""
    after = (
        f" + {timed.after_class} after class ({_span(after_sections(timed))})"
        if timed.after_class
        else ""
    )
    return f"{timed.in_class} min in class{after}; about {timed.alone} alone"


def _exercise_cell(parts) -> str:
    if not parts:
        return "—"
    minutes = " + ".join(str(max(1, round(part.minutes()))) for part in parts)
    return f"{minutes} min ({', '.join(part.name for part in parts)})"


def _section_cells(timed: LessonTime, section: str) -> tuple[str, str]:
    teaching, parts = timed.section_minutes(section)
    after = timed.section_after_class(section)
    teach = f"{round(teaching)} min" if round(teaching) else "—"
    if after:
        teach = "after class" if teach == "—" else f"{teach} after class"
    return teach, _exercise_cell(parts)


def total_row(timed: LessonTime) -> str:
    """The timing table's last row: ``total_row(course_times()["05-…"])`` → ``"| **total in class** | …"``.

    The header, the set-up cell and the key points count in the totals but have no row of their own,
    so the row says how many minutes they take; each row is rounded on its own.
    """
    after = f"; then {timed.after_class} min after class" if timed.after_class else ""
    framing = round(
        sum(
            part.minutes(timed.rates)
            for part in timed.parts
            if part.section in ("0", "key points") and not part.after_class
        )
    )
    return (
        f"| **total in class** | **{timed.teaching} min** | **{timed.exercises} min** | {timed.in_class} min "
        f"with the header, the set-up cell and the key points (about {framing} min, no row of their "
        f"own){after}; about {timed.alone} minutes working alone; each row is rounded on its own, so the "
        "rows may add up to a minute or two more or less |"
    )


# ---------------------------------------------------------------- writing


def _write_notebook(path: Path, timed: LessonTime) -> bool:
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    for cell in notebook.cells:
        tags = tags_of(cell)
        if TAG_LESSON_HEADER in tags:
            cell.source = ANY_TIME_LINE.sub(lambda _: time_sentence(timed), cell.source, count=1)
        if any(tag in tags for tag in EXERCISE_TAGS):

            def minutes(match):
                part = timed.exercise(match["id"])
                return f"{match[1]} ({max(1, round(part.minutes()))} min)"

            cell.source = EXERCISE_HEADING.sub(minutes, cell.source, count=1)
        if TAG_AFTER_CLASS in tags:
            cell.source = DIVIDER.sub(
                f"## After class (about {timed.after_class} min)", cell.source, count=1
            )
    new = nbformat.writes(notebook) + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def _rewrite(path: Path, change) -> bool:
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    new = change(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def _instructor_note(text: str, timed: LessonTime) -> str:
    text = ANY_TIME_LINE.sub(lambda _: time_sentence(timed), text, count=1)

    def section_row(match):
        teach, exercises = _section_cells(timed, match["section"])
        return f"| {match['section']}. {match['label']} | {teach} | {exercises} |"

    text = SECTION_ROW.sub(section_row, text)
    return TOTAL_ROW.sub(lambda _: total_row(timed), text)


def write_times(root: Path) -> list[Path]:
    """Rewrite every stated time under ``root`` from the model; return the files changed."""
    changed = []
    for _ in range(3):  # the header's own words count: rewrite until the numbers stop moving
        times = course_times(root)
        written = [
            root / "solutions" / f"{name}.ipynb"
            for name, timed in times.items()
            if _write_notebook(root / "solutions" / f"{name}.ipynb", timed)
        ]
        changed += [path for path in written if path not in changed]
        if not written:
            break
    for name, timed in times.items():
        note = root / "instructors" / f"{name}.md"
        if _rewrite(note, lambda text, timed=timed: _instructor_note(text, timed)):
            changed.append(note)
    by_number = {name[:2]: timed for name, timed in times.items()}

    def readme(render):
        def change(text):
            return README_ROW.sub(
                lambda m: (
                    f"| {m['number']} | {m['lesson']} | {render(by_number[m['number']])} |"
                    if m["number"] in by_number
                    else m[0]
                ),
                text,
            )

        return change

    def course_map(text):
        return MAP_ROW.sub(
            lambda m: (
                f"| {m['session']} | {m['number']} · {m['title']} | "
                f"{map_time(by_number[m['number']])} |"
                if m["number"] in by_number
                else m[0]
            ),
            text,
        )

    for name, render in READMES.items():
        if _rewrite(root / name, readme(render)):
            changed.append(root / name)
    if _rewrite(root / "instructors" / "README.md", course_map):
        changed.append(root / "instructors" / "README.md")
    return changed


# ---------------------------------------------------------------- checking


def _parts_from(stated: float, model: float, tolerance: float) -> bool:
    return abs(stated - model) > tolerance * max(model, 1)


def time_problems(root: Path, tolerance: float = 0.15) -> list[str]:
    """Every stated time that parts from the model by more than ``tolerance``, or is missing: one sentence each."""
    problems = []
    times = course_times(root)

    def compare(where, what, stated, model):
        if _parts_from(float(stated), float(model), tolerance):
            problems.append(f"{where}: {what} says {stated} min, the timing model {model:.0f} min")

    for name, timed in times.items():
        notebook = nbformat.read(root / "solutions" / f"{name}.ipynb", as_version=4)
        if not notebook.cells or TAG_LESSON_HEADER not in tags_of(notebook.cells[0]):
            continue  # not a lesson (no header to state a time in)
        header = notebook.cells[0].source
        found = TIME_SENTENCE.search(header)
        where = f"solutions/{name}.ipynb"
        if not found:
            problems.append(f"{where}: the header has no **Time:** sentence in the model's form")
        else:
            for key, model in (
                ("teaching", timed.teaching),
                ("exercises", timed.exercises),
                ("after", timed.after_class),
                ("alone", timed.alone),
            ):
                compare(where, f"the header's {key}", found[key] or 0, model)
        for cell in notebook.cells:
            tags = tags_of(cell)
            if any(tag in tags for tag in EXERCISE_TAGS):
                heading = EXERCISE_HEADING.search(cell.source)
                if not heading:
                    problems.append(
                        f"{where}: an exercise heading without its (N min): {cell.source[:50]!r}"
                    )
                    continue
                model = max(1.0, timed.exercise(heading["id"]).minutes())
                if abs(float(heading["minutes"]) - model) > max(1.0, tolerance * model):
                    problems.append(
                        f"{where}: exercise {heading['id']} says {heading['minutes']} min, "
                        f"the timing model {model:.0f} min"
                    )
            if TAG_AFTER_CLASS in tags:
                divider = DIVIDER.search(cell.source)
                if not divider:
                    problems.append(
                        f"{where}: the after-class cell should open with ## After class (about N min)"
                    )
                else:
                    compare(where, "the After class divider", divider["minutes"], timed.after_class)
        note = root / "instructors" / f"{name}.md"
        if note.is_file():
            text = note.read_text(encoding="utf-8")
            found = TIME_SENTENCE.search(text)
            if not found:
                problems.append(f"instructors/{name}.md: no **Time:** sentence in the model's form")
            else:
                compare(
                    f"instructors/{name}.md",
                    "the Time line (in class)",
                    found["in_class"],
                    timed.in_class,
                )
                compare(
                    f"instructors/{name}.md", "the Time line (alone)", found["alone"], timed.alone
                )
            rows = {match["section"]: match for match in SECTION_ROW.finditer(text)}
            numbered = [
                part.section
                for part in timed.parts
                if part.section.isdigit() and part.section != "0"
            ]
            for section in dict.fromkeys(numbered):
                if section not in rows:
                    problems.append(
                        f"instructors/{name}.md: the timing table has no row for section {section}"
                    )
                elif (
                    rows[section]["teaching"].strip(),
                    rows[section]["exercises"].strip(),
                ) != _section_cells(timed, section):
                    problems.append(
                        f"instructors/{name}.md: the row of section {section} is not the model's "
                        "(run python -m vraem.authoring.build)"
                    )
    by_number = {name[:2]: timed for name, timed in times.items()}
    for path, pattern, render in (
        *((root / name, README_ROW, render) for name, render in READMES.items()),
        (root / "instructors" / "README.md", MAP_ROW, map_time),
    ):
        if not path.is_file():
            continue
        rows = {
            match["number"]: match["time"].strip()
            for match in pattern.finditer(path.read_text(encoding="utf-8"))
        }
        for number, timed in by_number.items():
            if number not in rows:
                problems.append(f"{path.relative_to(root)}: no row for lesson {number}")
                continue
            stated = [int(value) for value in re.findall(r"\d+", rows[number])]
            model = [int(value) for value in re.findall(r"\d+", render(timed))]
            if len(stated) != len(model) or any(
                _parts_from(s, m, tolerance) for s, m in zip(stated, model, strict=True)
            ):
                problems.append(
                    f"{path.relative_to(root)}: lesson {number} says {rows[number]!r}, "
                    f"the timing model {render(timed)!r}"
                )
    return problems
