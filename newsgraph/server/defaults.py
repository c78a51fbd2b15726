"""The server's defaults, in a module of their own, so that the CLI's options show them
without loading the server.

Example:
    >>> DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WORKERS
    ('127.0.0.1', 8000, 2)
"""
from __future__ import annotations

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_BYTES",
           "DEFAULT_WORKERS", "DEFAULT_QUICK_TIMEOUT"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

DEFAULT_TIMEOUT = 30.0
"""Seconds a query may run."""

DEFAULT_MAX_ROWS = 10_000
"""Rows (or triples) a query may return; the rest is cut, and a header says so."""

DEFAULT_MAX_BYTES = 16_000_000
"""The most bytes an answer may hold by default; a longer one is cut and says so."""

DEFAULT_WORKERS = 2
"""Worker processes for queries of any length."""

DEFAULT_QUICK_TIMEOUT = 2.0
"""Seconds a query may run in the quick lane (see :mod:`newsgraph.server.runner`)."""
