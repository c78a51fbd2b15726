"""What a query worker does (:mod:`newsgraph.server.runner`): run one task on the
store, opened read-only, and turn the outcome into a :class:`~newsgraph.server.runner.Reply`.

Tasks are tuples, so they cross the process boundary cheaply:

* ``("sparql", query, accept, fmt, max_rows)``: a SPARQL query, its result in the
  negotiated format (:mod:`newsgraph.server.formats`), cut at ``max_rows``;
* ``("named", name, params, max_rows)``: a named query as an HTML page;
* ``("graph",)``: the co-occurrence network page of :mod:`newsgraph.exports.html`.

Example:
    >>> import tempfile
    >>> from newsgraph.graph.store import Store
    >>> path = tempfile.mkdtemp() + "/s"
    >>> Store.open(path).close()
    >>> reply = perform(OpenStore(Path(path)), ("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "text/csv", None, 10))
    >>> reply.status, reply.content_type, reply.body
    (200, 'text/csv; charset=utf-8', b's\\r\\n')
"""
from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from ..errors import NewsgraphError, QueryError, StoreError, first_line
from ..graph.store import Store, fingerprint
from ..ontology import PREFIX_IRIS
from ..exports import results as formats
from . import pages
from .reply import Reply, text_reply as _text

__all__ = ["OpenStore", "perform", "run_sparql", "TRUNCATED_HEADER"]

TRUNCATED_HEADER = "X-Newsgraph-Truncated"
"""Set (to the cap) on an answer whose rows were cut at the result cap."""


class OpenStore:
    """The store at ``path``, opened read-only, reopened when its files change (an
    ingest ran) so that every answer reflects the store as it is."""

    def __init__(self, path: Path):
        self.path = path
        self._store: Store | None = None
        self._signature = None

    def get(self) -> Store:
        signature = fingerprint(self.path)
        if self._store is None or signature != self._signature:
            if self._store is not None:
                self._store.close()
            self._store = None
            self._store = Store.open(self.path, read_only=True)
            self._signature = signature
        return self._store


def perform(opened: OpenStore, task: tuple) -> Reply:
    """Run one task; every failure becomes a one-line text reply."""
    kind, *args = task
    try:
        store = opened.get()
        if kind == "sparql":
            return run_sparql(store, *args)
        if kind == "named":
            return _html(pages.named_query_page(store, *args))
        if kind == "graph":
            from ..exports.html import export_html

            out = io.BytesIO()
            export_html(store, out)
            return Reply(200, "text/html; charset=utf-8", out.getvalue(), {})
        return _text(404, f"unknown task {kind!r}")
    except QueryError as exc:
        return _text(400, first_line(exc))
    except NewsgraphError as exc:
        return _text(500, first_line(exc))
    except Exception as exc:  # a bug: still an answer, and the worker lives on
        return _text(500, f"internal error: {type(exc).__name__}: {first_line(exc)}")


def run_sparql(store: Store, query: str, accept: str | None, fmt: str | None, max_rows: int) -> Reply:
    """Run ``query`` over the union of all graphs and serialize the result."""
    try:
        result = store.db.query(query, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
    except SyntaxError as exc:
        return _text(400, f"SPARQL syntax error: {first_line(exc)}")
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise StoreError(f"query failed: {first_line(exc)}") from None
    kind = ("boolean" if isinstance(result, ox.QueryBoolean)
            else "solutions" if isinstance(result, ox.QuerySolutions) else "graph")
    name = formats.choose(accept, kind, fmt)
    if name is None:
        offered = ", ".join(t for types in formats.FORMATS[kind].values() for t in types)
        return _text(406, f"cannot answer this {kind} result as {fmt or accept!r}; offered: {offered}")
    headers = {}
    try:
        if kind == "boolean":
            body = formats.write_boolean(bool(result), name)
        elif kind == "solutions":
            variables = [v.value for v in result.variables]
            rows = _take(([sol[i] for i in range(len(variables))] for sol in result), max_rows, headers)
            body = formats.write_solutions(variables, rows, name)
        else:
            triples = _take(iter(result), max_rows, headers)
            body = formats.write_graph(triples, name, PREFIX_IRIS)
    except (OSError, RuntimeError) as exc:  # evaluation goes on while the rows are read
        raise StoreError(f"query failed: {first_line(exc)}") from None
    media = formats.MEDIA_TYPES[name]
    return Reply(200, f"{media}; charset=utf-8", body, headers)


def _take(items, cap: int, headers: dict) -> list:
    out = []
    for item in items:
        if len(out) == cap:
            headers[TRUNCATED_HEADER] = str(cap)
            break
        out.append(item)
    return out


def _html(page: tuple[int, str]) -> Reply:
    status, text = page
    return Reply(status, "text/html; charset=utf-8", text.encode("utf-8"), {})
