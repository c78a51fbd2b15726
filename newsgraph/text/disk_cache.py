"""Data derived from the shipped files, kept on disk between runs and keyed by what it was built from.

Building some indexes costs more than a whole article's extraction: the place
gazetteer folds some 40,000 names (:func:`newsgraph.text.names.fold`), about
a second per process. :func:`cached_json` keeps such a result as a JSON file
whose name holds a SHA-256 of every input (data files, the source of the code
that derives it, library and Python versions). Change any input and the key
changes, so a stale file is never read; it is simply rebuilt.

The folder is ``$NEWSGRAPH_CACHE``, else ``$XDG_CACHE_HOME/newsgraph``, else
``~/.cache/newsgraph``; ``NEWSGRAPH_CACHE=off`` turns the cache off. A folder
that cannot be written, or a file that cannot be read, only costs the rebuild:
the result is the same either way.

Example:
    >>> import os, tempfile
    >>> os.environ["NEWSGRAPH_CACHE"] = tempfile.mkdtemp()
    >>> calls = []
    >>> build = lambda: calls.append(1) or {"a": [1, 2]}
    >>> cached_json("demo", [b"input v1"], build), cached_json("demo", [b"input v1"], build), len(calls)
    ({'a': [1, 2]}, {'a': [1, 2]}, 1)
    >>> cached_json("demo", [b"input v2"], build) == {"a": [1, 2]}, len(calls)
    (True, 2)
    >>> del os.environ["NEWSGRAPH_CACHE"]
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["cache_dir", "cached_json", "source_bytes"]


def cache_dir() -> Path | None:
    """The cache folder, or None when ``NEWSGRAPH_CACHE=off``."""
    env = os.environ.get("NEWSGRAPH_CACHE", "").strip()
    if env.lower() in ("off", "0", "no", "false"):
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsgraph"


def source_bytes(module) -> bytes:
    """The source file of a module, as bytes (part of a cache key: the code that builds the data)."""
    path = getattr(module, "__file__", None)
    try:
        return Path(path).read_bytes() if path else repr(module).encode()
    except OSError:
        return repr(module).encode()


def cached_json(name: str, inputs: Iterable[bytes], build: Callable[[], object],
                valid: Callable[[object], bool] = lambda value: True,
                keep: Callable[[object], bool] = lambda value: True):
    """``build()``'s JSON-able result, from the cache when it holds one for exactly these ``inputs``
    (and ``valid(value)`` accepts it: a file edited by hand is rebuilt, not trusted). A built
    value is written to the cache only if ``keep(value)`` (its inputs did not change meanwhile)."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256()
    for part in [sys.version.encode(), *inputs]:
        digest.update(hashlib.sha256(part).digest())
    path = folder / f"{name}-{digest.hexdigest()[:24]}.json"
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
        if valid(value):
            return value
    except (OSError, ValueError):
        pass
    value = build()
    if not keep(value):
        return value
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder, name)
    except OSError:
        pass
    return value


def _prune(folder: Path, name: str, keep: int = 4) -> None:
    """Drop all but the ``keep`` newest files of ``name`` (older code or data left them)."""
    files = sorted(folder.glob(f"{name}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
