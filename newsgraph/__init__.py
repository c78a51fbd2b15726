"""newsgraph: read news articles, build an RDF knowledge graph of the persons,
organizations, places and events of political repression they report.

Using it as a library:

    >>> import newsgraph, tempfile
    >>> store = tempfile.mkdtemp() + "/store"
    >>> report = newsgraph.ingest(store, [])           # files, folders, or "-" for stdin
    >>> report.articles
    0
    >>> newsgraph.run_query(store, "ASK { ?s a ng:Person }")
    False

``open_store`` gives the :class:`~newsgraph.graph.store.Store` itself,
``export(store, "turtle", "graph.ttl")`` writes it out, ``remove(store, ref)``
drops one article. Every error a user can cause is a
:class:`~newsgraph.errors.NewsgraphError`.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version

from .errors import NewsgraphError
from .graph.store import Store, open_store

try:
    __version__ = _version("newsgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["open_store", "ingest", "remove", "export", "run_query", "Store", "IngestReport",
           "NewsgraphError", "__version__"]


def __getattr__(name):
    """``ingest``, ``remove``, ``IngestReport`` and ``export`` are imported on first use (PEP 562):
    a query command does not load the extractor or the exporters."""
    if name in ("ingest", "remove", "IngestReport"):
        from .graph import ingest as module
    elif name == "export":
        from . import exports as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)


def run_query(store, query: str, bindings: dict | None = None, *, union: bool = True, **params):
    """Run a named query with its parameters, or a SPARQL text, on ``store`` (an open
    Store, a path, or ``None`` for the default store, opened read-only).

    A name (``"linked"``, ``"timeline"``, ... see :func:`newsgraph.queries.load_queries`)
    runs that query with ``params`` bound, never pasted; entity names are looked up
    forgivingly and an unknown or ambiguous one raises a QueryError with candidates:
    ``run_query(store, "linked", person="Ann Example", include_orgs=True)``.
    SPARQL text runs as :meth:`Store.query` runs it, with ``bindings`` and ``union``.
    """
    import re

    from .errors import QueryError
    from .queries import run_named

    if re.fullmatch(r"[A-Za-z_][\w-]*", query.strip()):
        if bindings:
            raise QueryError("a named query takes keyword parameters, not bindings")
        return run_named(store, query.strip(), **params)
    if params:
        raise QueryError(f"unexpected parameters {', '.join(sorted(params))} for a SPARQL text "
                             "(pass them as bindings)")
    if isinstance(store, Store):
        return store.query(query, bindings, union=union)
    with open_store(store, read_only=True) as opened:
        return opened.query(query, bindings, union=union)
