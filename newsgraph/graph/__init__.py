"""The store and what writes to it.

:mod:`newsgraph.graph.store` holds :class:`Store`; :mod:`newsgraph.graph.resolve`
holds the resolution pass and :mod:`newsgraph.graph.merge_events` the merging of
events across articles; :mod:`newsgraph.graph.index` the store's side index.
Writing articles into the store is :mod:`newsgraph.pipeline`.

Example:
    >>> from newsgraph.graph import Store
    >>> Store.__name__
    'Store'
"""
__all__ = ["Store", "Rows", "open_store", "default_store_path"]


def __getattr__(name: str):
    """The store loads on first use (it loads rdflib and pyoxigraph), so that reading the side
    index (:mod:`newsgraph.graph.index`) does not."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import store

    value = getattr(store, name)
    globals()[name] = value
    return value
