"""``newsgraph serve``: the store as a read-only SPARQL 1.1 Protocol endpoint.

:mod:`~newsgraph.server.app` holds the HTTP server and its routes,
:mod:`~newsgraph.server.runner` the query workers with their deadline,
:mod:`~newsgraph.server.tasks` what a worker does, :mod:`~newsgraph.server.guard`
the Host, Origin and CORS rules, :mod:`~newsgraph.exports.results`
the result formats, :mod:`~newsgraph.server.pages` the HTML pages and
:mod:`~newsgraph.server.actor` the page of each entity (``/id/...``, ``/search``).

Example:
    >>> import tempfile
    >>> from newsgraph.graph.store import Store
    >>> from newsgraph.server import make_server
    >>> path = tempfile.mkdtemp() + "/s"
    >>> Store.open(path).close()
    >>> server = make_server(path, port=0, workers=1)
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.server_close()
"""
from .defaults import (DEFAULT_HOST, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_QUICK_TIMEOUT,
                       DEFAULT_TIMEOUT, DEFAULT_WORKERS)

__all__ = ["make_server", "serve_forever", "SparqlServer", "QueryRunner", "Reply", "DEFAULT_HOST",
           "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_BYTES", "DEFAULT_WORKERS",
           "DEFAULT_QUICK_TIMEOUT"]

_PARTS = {"make_server": "app", "serve_forever": "app", "SparqlServer": "app", "QueryRunner": "runner",
          "Reply": "runner"}


def __getattr__(name: str):
    """The server itself loads on first use (the store, the queries, the pages), so that the
    CLI's options read the defaults (:mod:`newsgraph.server.defaults`) without it."""
    if name not in _PARTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_PARTS[name]}", __name__), name)
    globals()[name] = value
    return value
