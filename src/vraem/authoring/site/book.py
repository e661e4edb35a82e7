"""The book's source folder, written a file at a time: ``book = Book(source); book.write("glossary.md", text)``.

Also :class:`SiteError`, what every step raises when the site cannot be built.
"""

from __future__ import annotations

from pathlib import Path


class SiteError(RuntimeError):
    """The site cannot be built; the message says why and what to do."""


class Book:
    """The book's source folder, written file by file so that a rebuild redoes only what changed.

    ``book.write("glossary.md", text)`` leaves a file that already says ``text`` untouched, with
    its time, so Sphinx does not read that page again; ``book.prune()`` then removes what an
    earlier build wrote and this one did not (a lesson that was renamed). ``_build`` is kept.
    """

    def __init__(self, source: Path):
        self.source = source
        self.written: set[Path] = set()

    def write(self, page: str, text: str) -> None:
        """Write one page of the book, leaving a file that already says ``text`` untouched."""
        path = self.source / page
        self.written.add(path)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def prune(self) -> None:
        """Remove the files this build did not write, and folders left empty; ``_build`` is kept."""
        for path in sorted(self.source.rglob("*"), reverse=True):  # files before their folders
            if path.relative_to(self.source).parts[0] == "_build" or path in self.written:
                continue
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            else:
                path.unlink()
