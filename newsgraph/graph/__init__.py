"""The store and what writes to it.

:mod:`newsgraph.graph.store` holds :class:`Store`; :mod:`newsgraph.graph.ingest`
holds ``ingest``/``remove`` (re-exported by :mod:`newsgraph`, not here, so the
name ``newsgraph.graph.ingest`` stays the module); :mod:`newsgraph.graph.resolve`
holds the resolution pass.

Example:
    >>> from newsgraph.graph import Store, IngestReport
    >>> Store.__name__, IngestReport().articles
    ('Store', 0)
"""
from .store import Rows, Store, default_store_path, open_store

__all__ = ["Store", "Rows", "open_store", "default_store_path", "IngestReport"]


def __getattr__(name):  # imported on first use: the ingest module loads the extractor
    if name == "IngestReport":
        from .ingest import IngestReport

        return IngestReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
