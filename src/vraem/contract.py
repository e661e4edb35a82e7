"""The notebook contract: ``from vraem.contract import TAG_SOLUTION, EXERCISE_HEADING, lesson_order``.

Everything the course's notebooks and its tools agree on lives here, once: the cell
tags, the solution markers the build replaces, the exercise heading and
``check("x.y", ...)`` patterns, the environment variables the helpers read, the
status words of a check, of ``progress()`` and of the class gradebook, and the
exercise id's sort key and lesson. Change a word here and the build, the checks,
``progress()``, the gradebook and the tests follow; ``tests/test_contract.py``
fails if one of them is typed again anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# --- Cell tags (cell.metadata.tags) -------------------------------------------------------
#: The lesson's first cell: title, summary, **Time:** line, questions, objectives.
TAG_LESSON_HEADER = "lesson-header"
#: The lesson's set-up code cell (imports, data loading).
TAG_SETUP = "setup"
#: A checked exercise's heading; a cell tagged ``check`` must follow it.
TAG_EXERCISE = "exercise"
#: An open (hand-marked) exercise's heading; the learner answers in the next cell.
TAG_OPEN_EXERCISE = "open-exercise"
#: A code cell holding an answer between solution markers; the build stubs it.
TAG_SOLUTION = "solution"
#: The cell that calls ``check("x.y", answer)``.
TAG_CHECK = "check"
#: Notes and model answers that stay in ``solutions/`` only.
TAG_INSTRUCTOR = "instructor"
#: The lesson's closing "Key points" cell.
TAG_KEYPOINTS = "keypoints"
#: The "After class" divider: the timing model counts what follows as homework.
TAG_AFTER_CLASS = "after-class"
#: Tags the build acts on: a near miss ("Solution", "instructors") would let answers through.
BUILD_TAGS = (TAG_SOLUTION, TAG_EXERCISE, TAG_CHECK, TAG_INSTRUCTOR, TAG_OPEN_EXERCISE)
#: Both kinds of exercise heading.
EXERCISE_TAGS = (TAG_EXERCISE, TAG_OPEN_EXERCISE)


def tags_of(cell: Mapping) -> list:
    """A cell's tags, from an nbformat cell or a plain JSON dict: ``TAG_SOLUTION in tags_of(cell)``."""
    return cell.get("metadata", {}).get("tags", [])


# --- Solution markers (solutions/ only; the build turns them into stubs) ------------------
BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
#: Ends a one-line answer: ``answer = expr  # SOLUTION``.
ONE_LINE_SOLUTION = "# SOLUTION"
#: What the build writes where a solution block was.
STUB_COMMENT = "# YOUR CODE HERE"
#: A block marker line as a reader may meet it (any case, any number of #s).
BLOCK_MARKER_LINE = re.compile(r"^\s*#+\s*(BEGIN|END)\s+SOLUTION\s*$", re.IGNORECASE)
#: A one-line marker at the end of a line, as a reader may meet it (any case).
ONE_LINE_MARKER_END = re.compile(r"\s*#\s*SOLUTION\s*$", re.IGNORECASE)

# --- Headings and calls in a lesson -------------------------------------------------------
#: An exercise heading with its stated time: ``### Exercise 2.3 · Title (4 min)`` or
#: ``### Open exercise 2.a · Title (10 min)``; group 1 is the heading up to the time.
EXERCISE_HEADING = re.compile(
    r"^(### (?:Open e|E)xercise (?P<id>\d+\.\w+) · .*?)\s*\((?P<minutes>\d+) min\)[ \t]*$",
    re.MULTILINE,
)
#: A checked exercise's heading as the lessons write it: ``### Exercise 2.3 · Title (4 min)``.
CHECKED_HEADING = re.compile(r"^### Exercise (?P<id>\d+\.\d+) · .+\(\d+ min\)", re.MULTILINE)
#: An exercise named anywhere in a heading cell, stated time or not: group 1 is the id.
EXERCISE_NAMED = re.compile(r"(?:Open e|E)xercise (\d+\.\w+)")
#: An open exercise's id and title in its heading cell (the one tagged ``open-exercise``), in any
#: language and even as a learner may have edited it: ``id`` ("2.a"), ``title`` if kept. Only the id
#: and the " · " after it are read, never the words around them ("Open exercise", "Ejercicio abierto").
OPEN_HEADING = re.compile(r"(?<![\w.])(?P<id>\d+\.[a-z])(?![\w.])(?: · (?P<title>.+))?")
#: A ``check("x.y"`` call (either quote, spaces allowed), as a learner's notebook may hold it.
CHECK_CALL = re.compile(r"""check\(\s*["'](?P<id>\d+\.\d+)["']""")

# --- Environment variables the helpers read -----------------------------------------------
#: Set by the test suite: "solutions" makes every check demand a right answer,
#: "lessons" makes every check demand an unanswered stub. Unset for learners.
CHECK_MODE_VARIABLE = "VRAEM_CHECK_MODE"
#: Set only inside the class gradebook's sandbox: check() hands answers over instead of judging.
GRADEBOOK_VARIABLE = "VRAEM_GRADEBOOK"
#: The file progress() and check() keep the learner's record in.
PROGRESS_FILE_VARIABLE = "VRAEM_PROGRESS_FILE"
#: The course's data/ folder, when it is not found from the package or the working directory.
DATA_VARIABLE = "VRAEM_DATA"
#: "interactive" draws charts as widgets instead of static SVG pictures.
RENDERER_VARIABLE = "VRAEM_RENDERER"
#: The display output type a check() under the gradebook hands its answer over in.
ANSWER_MIME = "application/vnd.vraem.answer+json"

# --- Status words -------------------------------------------------------------------------
#: What check() decides about one answer (Feedback.status; "best" in the progress record).
CORRECT, WRONG, UNANSWERED, UNREADABLE = "correct", "wrong", "unanswered", "unreadable"
#: Which check counts when an exercise is checked again: the best status (higher wins).
STATUS_RANK = {UNANSWERED: 0, UNREADABLE: 1, WRONG: 2, CORRECT: 3}
#: What progress() says for an exercise's best status, and for one never checked.
PROGRESS_WORDS = {CORRECT: "solved", WRONG: "tried", UNREADABLE: "not checked yet"}
PROGRESS_OPEN = "open"
#: What a cell of the gradebook's grades.csv can say, besides a misreading id such as "2.3#1".
SOLVED, WRONG_ANSWER, NOT_ANSWERED, ERROR, NOT_HANDED_IN = (
    PROGRESS_WORDS[CORRECT],
    WRONG,
    "not answered",
    "error",
    "not handed in",
)


# --- Exercise ids -------------------------------------------------------------------------
def lesson_order(exercise_id: str) -> tuple:
    """Sort key that puts ids in the lessons' order: 2.2 before 2.10 (``sorted(ids, key=lesson_order)``)."""
    return tuple(int(part) if part.isdigit() else 0 for part in str(exercise_id).split("."))


def lesson_number(exercise_id: str) -> int:
    """The lesson an exercise id belongs to: ``lesson_number("2.10")`` is 2 (raises ValueError for "x.1")."""
    return int(str(exercise_id).split(".")[0])
