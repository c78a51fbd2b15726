"""The installed version of newsgraph (``0+unknown`` when run from a source tree that pip never installed).

Example:
    >>> isinstance(__version__, str)
    True
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version

__all__ = ["__version__"]

try:
    __version__ = _version("newsgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"
