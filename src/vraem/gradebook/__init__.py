"""The class gradebook, an instructor's tool: ``python -m vraem.gradebook SUBMISSIONS… --out OUT``.

:mod:`~vraem.gradebook.grade` is the command and its steps (collect, run, judge,
write); :mod:`~vraem.gradebook.ingest` reads what a class handed in;
:mod:`~vraem.gradebook.sandbox` (with :mod:`~vraem.gradebook.mounts`) runs one
notebook in bubblewrap through :mod:`~vraem.gradebook.runner`;
:mod:`~vraem.gradebook.answers` rebuilds the answers ``check()`` handed over
(:mod:`vraem.handover` is the learner kernel's side); :mod:`~vraem.gradebook.report`
writes report.html. What it finds is a :class:`~vraem.gradebook.said.Said`: English in the
CSV files, in ``--lang`` where it is shown.

No learner-facing module imports this package (``tests/test_package_boundary.py``),
and importing it imports nothing: each command loads what it needs.
"""
