"""Where a store lives: a folder, or the URL of a SPARQL server (no rdflib, no pyoxigraph).

Example:
    >>> remote_url("http://127.0.0.1:7878/query"), DEFAULT_STORE
    ('http://127.0.0.1:7878/query', 'newsgraph-store')
"""
from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["DEFAULT_STORE", "STORE_ENV", "default_store_path", "remote_url"]

DEFAULT_STORE = "newsgraph-store"
STORE_ENV = "NEWSGRAPH_STORE"


def default_store_path() -> Path:
    """``$NEWSGRAPH_STORE`` if set, else ``./newsgraph-store``.

    Example:
        >>> import os
        >>> os.environ.pop("NEWSGRAPH_STORE", None) and None
        >>> default_store_path().name
        'newsgraph-store'
    """
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def remote_url(path) -> str | None:
    """The URL of a SPARQL server if ``path`` is one (``http://``, ``https://``), else None.

    A URL that went through ``pathlib.Path`` has lost a slash (``http:/host``): it is mended.

    Example:
        >>> remote_url(Path("http://127.0.0.1:7878/query")), remote_url("newsgraph-store")
        ('http://127.0.0.1:7878/query', None)
    """
    if path is None or not isinstance(path, (str, os.PathLike)):  # an open store, say
        return None
    text = os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    m = re.match(r"(https?):/+(?=[^/])", text, re.I)
    return None if m is None else f"{m.group(1).lower()}://{text[m.end():]}"
