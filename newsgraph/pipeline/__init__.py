"""The one place where the loaders meet the graph: reading and extracting articles and writing them to a store.

:mod:`.ingest` (``ingest``/``remove``, re-exported by :mod:`newsgraph`), :mod:`.workers`
(extraction in worker processes) and :mod:`.shards` (extraction to shard files for a
server to load).
"""
