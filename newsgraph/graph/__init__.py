"""The store and what writes to it.

:mod:`newsgraph.graph.store` holds :class:`Store`; :mod:`newsgraph.graph.resolve`
holds the resolution pass and :mod:`newsgraph.graph.merge_events` the merging of
events across articles. Writing articles into the store is :mod:`newsgraph.pipeline`.

Example:
    >>> from newsgraph.graph import Store
    >>> Store.__name__
    'Store'
"""
from .store import Rows, Store, default_store_path, open_store
from . import remote  # noqa: E402,F401  (registers RemoteStore as Store.remote_class)

__all__ = ["Store", "Rows", "open_store", "default_store_path"]
