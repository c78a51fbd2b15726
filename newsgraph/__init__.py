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
from .exports import export
from .graph.ingest import IngestReport, ingest, remove
from .graph.store import Store, open_store

try:
    __version__ = _version("newsgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["open_store", "ingest", "remove", "export", "run_query", "Store", "IngestReport",
           "NewsgraphError", "__version__"]


def run_query(store, sparql: str, bindings: dict | None = None, *, union: bool = True):
    """Run a SPARQL query on ``store`` (an open Store, a path, or ``None`` for the
    default store, opened read-only). See :meth:`Store.query` for results and bindings.
    """
    if isinstance(store, Store):
        return store.query(sparql, bindings, union=union)
    with open_store(store, read_only=True) as opened:
        return opened.query(sparql, bindings, union=union)
