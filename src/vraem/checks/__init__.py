"""Feedback for learners: ``check("1.2", answer)``, ``hint("1.2")``, ``solution("1.2")``.

None of the three ever raises in a lesson, whatever it is given: a missing or
unknown id, a missing answer, an answer of a kind nobody foresaw, a damaged
data file each come back as a sentence that says what to type or do.

Where each part lives (import from ``vraem.checks``; the modules are its parts):
``checking`` (``check``), ``judging`` (``evaluate``, ``judge``, ``accepts``,
``Feedback``), ``wrong_answers`` (the feedback for a wrong answer), ``hints``
(``hint``), ``solutions`` (``solution``), ``arguments`` (which exercise an id names).
"""

from ..contract import CORRECT, UNANSWERED, UNREADABLE, WRONG
from .checking import MODE_VARIABLE, CheckFailed, check
from .hints import hint
from .judging import Feedback, accepts, evaluate, judge
from .solutions import clean_solution, solution, solution_code
from .wrong_answers import misreading_id

__all__ = [
    "CORRECT",
    "MODE_VARIABLE",
    "UNANSWERED",
    "UNREADABLE",
    "WRONG",
    "CheckFailed",
    "Feedback",
    "accepts",
    "check",
    "clean_solution",
    "evaluate",
    "hint",
    "judge",
    "misreading_id",
    "solution",
    "solution_code",
]
