"""Build the course website offline: ``python -m vraem.authoring.site`` (``python3 course.py site`` does it).

The site is a Jupyter Book 1 (Sphinx + MyST-NB) with these pages:

- home: the README, and the Spanish README (``README.es.md``) as ``es/index``, which the home
  page links to;
- Lessons: every learner notebook, run once here so its tables and charts show (the charts
  are the course's SVG pictures, so no script or CDN is needed), with the first mention of
  each glossary term linked to the glossary and a closing credit of the articles;
- For instructors: the instructor notes and the solution notebooks (model answers and
  rubrics appear in this section only);
- Reference: the glossary, the data (notes, a page per table generated from
  ``datapackage.json``, the codebook, the reference notes), licences and credits;
- Español: the Spanish edition's home page, lessons (run like the English ones) and instructor
  notes, under ``es/``. Each page that exists in both languages links to the other
  ("Español" / "English") and a Spanish page says ``<html lang="es">``
  (:mod:`vraem.authoring.site_theme`).

The book's source is staged in ``build/site/`` and the HTML written to
``build/site/_build/html/`` (``build/`` is git-ignored); the repository is not changed.

A rebuild does only what changed. Each lesson's run is kept under a hash of what it depends
on (:func:`.runs.run_key`: the staged lesson, every data file, the helper package, the installed
packages), so a rebuild runs a lesson again only when one of those changed; staging writes a
file only when its content changed, so Sphinx re-reads only those pages.

The steps, a module each: :mod:`.staging` writes the book's source (:func:`~.staging.stage`),
copying the repository's pages (links fixed by :mod:`.links`), generating the reference pages
(:mod:`.pages`) and running each lesson (:mod:`.runs`) to show it as a static page
(:mod:`.static`); :mod:`.command` is the command line, which then builds the HTML with
Jupyter Book. The Sphinx extension that repairs the theme is :mod:`vraem.authoring.site_theme`.
Importing this package imports nothing.
"""
