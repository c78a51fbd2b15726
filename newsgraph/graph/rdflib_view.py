"""A store as an rdflib :class:`~rdflib.Dataset`, backed by the same on-disk Oxigraph database.

The Dataset reads (and, when asked, writes) the store itself through oxrdflib: no copy is
made, so ``query`` with ``initBindings``, ``serialize``, ``triples`` and the rest of rdflib's
tools work on a store of any size. Its default graph is the union of the named graphs (one
per article, as :meth:`~newsgraph.graph.store.Store.query` sees them) and the newsgraph
prefixes are bound. It is read-only unless the store is open for writing and
``writable=True`` is asked: a write on a read-only one raises
:class:`~newsgraph.errors.StoreError` naming the way to get a writable one.
"""
from __future__ import annotations

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import StoreError
from ..ontology import bind_prefixes

__all__ = ["dataset"]


class _ReadOnlyOxigraphStore(OxigraphStore):
    """oxrdflib's store, refusing every write with one clear message."""

    def _refuse(self, *args, **kwargs):
        raise StoreError("this rdflib view of the store is read-only "
                         "(open the store for writing and ask for store.rdflib(writable=True))")

    add = addN = remove = update = remove_graph = _refuse

    def add_graph(self, graph) -> None:
        """rdflib "adds" every graph it reads (``Dataset.graph``): one that exists is no write."""
        identifier = getattr(graph, "identifier", graph)
        if identifier == DATASET_DEFAULT_GRAPH_ID or self._inner.contains_named_graph(ox.NamedNode(str(identifier))):
            return
        self._refuse()


def dataset(db, *, writable: bool) -> Dataset:
    """An rdflib Dataset over pyoxigraph store ``db`` (see the module's text)."""
    backend = OxigraphStore(store=db) if writable else _ReadOnlyOxigraphStore(store=db)
    return bind_prefixes(Dataset(store=backend, default_union=True))
