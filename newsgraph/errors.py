"""The one exception tree of newsgraph.

Every error a user can cause derives from :class:`NewsgraphError`; the CLI turns
it into a one-line message and a non-zero exit.

Example:
    >>> from newsgraph.errors import LoadError, NewsgraphError
    >>> issubclass(LoadError, NewsgraphError)
    True
"""
from __future__ import annotations

__all__ = ["NewsgraphError", "LoadError", "SkippedInput", "ExtractError", "StoreError", "StoreLockedError",
           "QueryError", "ExportError", "RuleError"]


class NewsgraphError(Exception):
    """Root of every error newsgraph raises on purpose."""


class LoadError(NewsgraphError):
    """An input file could not be read as an article (names the file and the reason)."""


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
