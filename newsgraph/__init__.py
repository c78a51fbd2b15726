"""newsgraph: read news articles, build an RDF knowledge graph of the persons,
organizations, places and events of political repression they report.

The library in six calls:

    >>> import newsgraph, tempfile
    >>> store = tempfile.mkdtemp() + "/store"
    >>> newsgraph.ingest(store, []).articles           # files, folders, or "-" for stdin
    0
    >>> newsgraph.run_sparql(store, "ASK { ?s a ng:Person }")
    False
    >>> with newsgraph.open_store(store, read_only=True) as st:
    ...     len(st.rdflib())                           # an rdflib Dataset over the same store
    0

``run_named(store, "linked", person="Ann Example")`` runs a named query (``newsgraph
queries`` lists them) with its parameters bound, never pasted; ``export(store, "turtle",
"graph.ttl")`` writes the graph out; ``remove(store, ref)`` drops one article. Every
error a user can cause is a :class:`~newsgraph.errors.NewsgraphError`, with ``source``
and ``reason`` fields.
"""
from __future__ import annotations

from .errors import NewsgraphError
from .version import __version__

__all__ = ["ingest", "remove", "export", "open_store", "run_named", "run_sparql",
           "Store", "Rows", "IngestReport", "NewsgraphError", "__version__"]


def __getattr__(name: str):
    """The API's names load on first use, so that importing any part of newsgraph (a query
    worker, a reader) does not import the extraction, the store and the exports with it."""
    if name in ("ingest", "remove", "IngestReport"):
        from .pipeline import ingest as module
    elif name == "export":
        from . import exports as module
    elif name in ("open_store", "Store", "Rows"):
        from .graph import store as module
    elif name == "run_named":
        from . import queries as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value


def run_sparql(store, sparql: str, bindings: dict | None = None, *, union: bool = True,
               allow_service: bool = False):
    """Run a SPARQL text on ``store`` (an open Store, a path or URL, or ``None`` for the
    default store, opened read-only), as :meth:`Store.query` runs it: ``bindings`` bound
    as parameters (never pasted), over the union of the article graphs unless ``union``
    is False; a federated query (``SERVICE``) is refused unless ``allow_service``. Returns :class:`Rows` for SELECT, ``bool`` for ASK, an rdflib Graph for
    CONSTRUCT and DESCRIBE.
    """
    from .graph.store import Store, open_store

    if isinstance(store, Store):
        return store.query(sparql, bindings, union=union, allow_service=allow_service)
    with open_store(store, read_only=True) as opened:
        return opened.query(sparql, bindings, union=union, allow_service=allow_service)
