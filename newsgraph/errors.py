"""The one exception tree of newsgraph, and the one way to show an exception on a line.

Every error a user can cause derives from :class:`NewsgraphError`; the CLI turns
it into a one-line message and a non-zero exit. An error carries its fields:
``reason`` (what went wrong) and ``source`` (the file, article or store it is
about, when there is one); ``str()`` is ``"SOURCE: reason"``, and nothing needs
to parse that text back.

Example:
    >>> err = LoadError("permission denied", source="notes/a.txt")
    >>> isinstance(err, NewsgraphError), err.source, err.reason, str(err)
    (True, 'notes/a.txt', 'permission denied', 'notes/a.txt: permission denied')
    >>> first_line(ValueError("bad\\nmore")), describe(ValueError("bad\\nmore")), describe(err)
    ('bad', 'ValueError: bad', 'notes/a.txt: permission denied')
"""
from __future__ import annotations

import os

__all__ = ["NewsgraphError", "LoadError", "SkippedInput", "ExtractError", "StoreError", "StoreLockedError",
           "QueryError", "ExportError", "RuleError", "first_line", "describe"]


class NewsgraphError(Exception):
    """Root of every error newsgraph raises on purpose: ``reason``, and the ``source`` it is about."""

    def __init__(self, reason: str = "", *, source: str | os.PathLike | None = None):
        super().__init__(f"{source}: {reason}" if source else reason)
        self.reason = reason
        self.source = None if source is None else str(source)


class LoadError(NewsgraphError):
    """An input file could not be read as an article (``source``: the file, ``reason``: why)."""


class SkippedInput(LoadError):
    """Not a failure: an input left out on purpose, such as a symbolic link in a folder that
    leads out of it. Ingest shows it as a ``note:``; code that does not know it sees a LoadError."""


class ExtractError(NewsgraphError):
    """Extraction could not run (model missing, bad pipeline)."""


class RuleError(NewsgraphError):
    """A rule, pattern or gazetteer data file is malformed."""


class StoreError(NewsgraphError):
    """The store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store for writing."""


class QueryError(NewsgraphError):
    """A SPARQL query or a named query failed."""


class ExportError(NewsgraphError):
    """An export could not be written."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, or its type's name if it has none."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def describe(exc: BaseException) -> str:
    """An exception on one line for a report: ours as they are, others with their type
    (``ValueError: bad``), since a bare message from a library rarely says what failed."""
    if isinstance(exc, NewsgraphError):
        return str(exc)
    return f"{type(exc).__name__}: {first_line(exc)}" if str(exc).strip() else type(exc).__name__
