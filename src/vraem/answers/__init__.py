"""Answer types for checked exercises: how to read a learner's answer and compare it.

Every answer type is an :class:`AnswerType`: the protocol ``checks`` judges
through, with nothing asked of a type that it does not declare. Two methods
each type writes: ``reading(answer)`` turns what a learner typed into a value
the key can be compared with and says how any slip was read, or raises
:class:`AnswerTypeError` with a sentence that says what to type;
``same(value, expected)`` compares. ``read(answer)`` gives the value alone.
The others have defaults that say nothing, and a type overrides those it needs:

- ``out_of_range(value)``: a sentence when a well-formed answer lies outside
  what the exercise can be about (a year the table does not have), checked
  before any misreading, so no misreading is told about an answer it was not
  written for;
- ``align(value, expected)``: the answer spelt as the key spells it (ids in
  the key's capitals), with a note for each change;
- ``incomplete(value, expected)``: a sentence when the answer's shape does not
  fit the key's (a dictionary with missing or extra ids), checked before the
  content;
- ``rounded(value, expected)``: a sentence when a number is the key rounded
  further than the exercise asks;
- ``explain(value, expected)``: the feedback for a wrong choice;
- ``wrong_choice(value, expected)``: for a choice, the wrong option letters
  chosen (``"b"``), which name the misreading in ``progress()``;
- ``wrong_keys(value, expected)`` with ``by_key = True``: for an answer of
  labels, the ids whose label is wrong, so the feedback speaks of each.

The types made for one exercise each (a date range, a coding table, a
pattern, a brief's structure) live in :mod:`vraem.exercise_answers`.

The format-slip policy, the same for every answer type
------------------------------------------------------

1. An answer written as the exercise asks is read as it stands, with no note.
2. A slip with only one possible meaning is read, and the feedback says how:
   ``✓ … correct (read "12" as the number 12)``. The slips read so:
   a number or a date written as text; a one-item list (or a one-value
   Series) where one item is asked, and one text where a list is asked; a
   letter or label in capitals, with spaces or in brackets (``"(B)"``); an
   option's words instead of its letter; several letters or ids in one text
   (``"a, c"``); article ids as numbers or without their leading zeros
   (``4`` for ``"004"``), ids in lower case (``"c021"``); a percentage with
   its sign where a share is asked (``"48.3%"`` is the share 0.483); a date
   with its year first and slashes, or in words with day, month and year
   (English or Spanish month names), or with a day above 12 that can only be
   the day; a decimal comma (``"12,79"`` is 12.79, ``"0,483"`` is 0.483: a
   comma before other than exactly three digits can only be one), in every
   language alike.
3. A slip that could mean more than one thing gets a sentence that says what
   to type, never a verdict on the content, and never shows a reading of it:
   a comma before exactly three digits (``"1,234"`` is 1234 or 1.234), a
   space in a number,
   a date like ``"05/10/2011"``, several options where one is asked, a
   number where claim or draft ids are asked (a row's position, or the id's
   digits?), a list of letters where each statement needs a yes or no.
4. Anything else that cannot be read gets a sentence that says what to type.

No sentence an answer type writes holds an example that could be a right
answer: examples use placeholders (``"…"``, ``"YYYY-MM-DD"``) or the
learner's own words. ``tests/test_feedback_leaks.py`` feeds every exercise
slips of its own key and checks this.

Reading is bounded: at most :data:`MAX_ITEMS` items of a collection and
:data:`MAX_TEXT` characters of a text are looked at, so an endless generator or
``range(10**18)`` gets a sentence instead of a hung kernel.

Where each part lives (import from ``vraem.answers``; the modules are its parts):
``protocol`` (``AnswerType``, ``AnswerTypeError``, ``read_answer``), ``reading_helpers``
(the bounds, one value out of a container, how an answer is quoted back), and one
module per family of types: ``number`` (``Number``), ``ids`` (``IdSet``), ``dates``
(``DateWithin``), ``labels`` (``Text``, ``Labels``), ``choices`` (``Choice``).
"""

from .choices import Choice
from .dates import DateWithin
from .ids import IdSet
from .labels import Labels, Text
from .number import Number
from .protocol import AnswerType, AnswerTypeError, read_answer
from .reading_helpers import MAX_ITEMS, MAX_TEXT, listed, plain, quoted, type_name

__all__ = [
    "MAX_ITEMS",
    "MAX_TEXT",
    "AnswerType",
    "AnswerTypeError",
    "Choice",
    "DateWithin",
    "IdSet",
    "Labels",
    "Number",
    "Text",
    "listed",
    "plain",
    "quoted",
    "read_answer",
    "type_name",
]
