"""The maintainers' tools, which learners never run: ``python -m vraem.authoring.build``, ``python -m vraem.authoring.site``.

:mod:`~vraem.authoring.build` makes ``lessons/`` from ``solutions/``;
:mod:`~vraem.authoring.timing` is the model of how long a lesson takes and
:mod:`~vraem.authoring.stated_times` writes its minutes where the course states
them; :mod:`~vraem.authoring.site` builds the course website, with the Sphinx
extension :mod:`~vraem.authoring.site_theme`.

No learner-facing module imports this package (``tests/test_package_boundary.py``),
and importing it imports nothing: each command loads what it needs.
"""
