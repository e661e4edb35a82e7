"""The Spanish edition, made from the English source and gettext catalogues: ``python -m vraem.authoring.translation``.

Modules, each with one job:

- :mod:`~vraem.authoring.translation.extract`: the text to translate in a notebook or a Markdown note, and its keys;
- :mod:`~vraem.authoring.translation.catalogs`: reading, updating (fuzzy on change) and writing ``.po`` files with Babel;
- :mod:`~vraem.authoring.translation.minutes`: stated times, which the build carries from the English;
- :mod:`~vraem.authoring.translation.spanish`: writing a Spanish notebook or note from the English and a catalogue;
- :mod:`~vraem.authoring.translation.edition_code`: code spans that name the English edition's files or command, pointed at the Spanish one;
- :mod:`~vraem.authoring.translation.structure`: what each translation must keep (structure, numbers, glossary terms);
- :mod:`~vraem.authoring.translation.edition`: the whole edition: ``update``, ``build``, ``problems``.

The helpers' own messages are translated at run time by :mod:`vraem.i18n`.
"""
