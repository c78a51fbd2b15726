"""What a query worker does (:mod:`newsgraph.server.runner`): run one task on the
store, opened read-only, and turn the outcome into a :class:`~newsgraph.server.runner.Reply`.

Tasks are tuples, so they cross the process boundary cheaply:

* ``("sparql", query, accept, fmt, max_rows[, max_bytes, allow_service, raw])``: a
  SPARQL query, its result in the negotiated format (:mod:`newsgraph.exports.results`),
  cut at ``max_rows`` rows and ``max_bytes`` bytes; a federated query (SERVICE) is
  refused with 400 unless ``allow_service``; ``raw`` leaves CSV and TSV cells exact;
* ``("named", name, params, max_rows)``: a named query as an HTML page;
* ``("graph",)``: the co-occurrence network page of :mod:`newsgraph.exports.html`;
* ``("actor", what, arg, accept, fmt)``: an entity's page or a name search (:mod:`newsgraph.server.actor`).

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
from .reply import DEFAULT_MAX_BYTES, Reply, text_reply

__all__ = ["OpenStore", "perform", "run_sparql", "TRUNCATED_HEADER", "TRUNCATED_BY_HEADER"]

TRUNCATED_HEADER = "X-Newsgraph-Truncated"
"""Set on an answer that was cut, to the number of rows (or triples) it holds."""
TRUNCATED_BY_HEADER = "X-Newsgraph-Truncated-By"
"""Set with :data:`TRUNCATED_HEADER`: ``rows`` (the row cap) or ``bytes`` (the byte cap)."""


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
        if kind == "actor":
            from .actor import perform_actor

            return perform_actor(store, *args)
        return text_reply(404, f"unknown task {kind!r}")
    except QueryError as exc:
        return text_reply(400, first_line(exc))
    except NewsgraphError as exc:
        return text_reply(500, first_line(exc))
    except Exception as exc:  # a bug: still an answer, and the worker lives on
        return text_reply(500, f"internal error: {type(exc).__name__}: {first_line(exc)}")
    except BaseException as exc:  # a Rust panic that unwound (pyo3's PanicException)
        if type(exc).__name__ != "PanicException":
            raise
        return text_reply(500, f"the query engine crashed on this query (a panic: {first_line(exc)}); this is a "
                          "bug in the engine (pyoxigraph), see docs/engine-crashes.md")


def run_sparql(store: Store, query: str, accept: str | None, fmt: str | None, max_rows: int,
               max_bytes: int = DEFAULT_MAX_BYTES, allow_service: bool = False, raw: bool = False) -> Reply:
    """Run ``query`` over the union of all graphs and serialize the result, cut at
    ``max_rows`` rows (or triples) and ``max_bytes`` bytes."""
    from ..graph.safety import check_query

    check_query(query, allow_service=allow_service)
    try:
        result = store.db.query(query, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
    except SyntaxError as exc:
        return text_reply(400, f"SPARQL syntax error: {first_line(exc)}")
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise StoreError(f"query failed: {first_line(exc)}") from None
    kind = ("boolean" if isinstance(result, ox.QueryBoolean)
            else "solutions" if isinstance(result, ox.QuerySolutions) else "graph")
    name = formats.choose(accept, kind, fmt)
    if name is None:
        offered = ", ".join(t for types in formats.FORMATS[kind].values() for t in types)
        return text_reply(406, f"cannot answer this {kind} result as {fmt or accept!r}; offered: {offered}")
    headers = {}
    try:
        if kind == "boolean":
            body = formats.write_boolean(bool(result), name)
        elif kind == "solutions":
            variables = [v.value for v in result.variables]
            rows = _take(([sol[i] for i in range(len(variables))] for sol in result), max_rows, max_bytes,
                         headers)
            body = _fit(lambda items: formats.write_solutions(variables, items, name, raw=raw), rows,
                        max_bytes, headers)
        else:
            triples = _take(iter(result), max_rows, max_bytes, headers)
            body = _fit(lambda items: formats.write_graph(items, name, PREFIX_IRIS), triples, max_bytes, headers)
    except (OSError, RuntimeError) as exc:  # evaluation goes on while the rows are read
        raise StoreError(f"query failed: {first_line(exc)}") from None
    media = formats.MEDIA_TYPES[name]
    return Reply(200, f"{media}; charset=utf-8", body, headers)


def _take(items, cap: int, max_bytes: int, headers: dict) -> list:
    """The first ``cap`` items, fewer if their text passes ``max_bytes`` (the headers say so)."""
    out, size = [], 0
    for item in items:
        if len(out) == cap:
            headers[TRUNCATED_HEADER], headers[TRUNCATED_BY_HEADER] = str(cap), "rows"
            break
        size += _size(item)
        if size > max_bytes:
            headers[TRUNCATED_HEADER], headers[TRUNCATED_BY_HEADER] = str(len(out)), "bytes"
            break
        out.append(item)
    return out


def _size(item) -> int:
    """About the bytes ``item`` (a row of terms, or a triple) takes once written."""
    if isinstance(item, ox.Triple):
        return len(str(item)) + 4
    return sum(len(str(t)) + 8 for t in item if t is not None) + 2


def _fit(write, items: list, max_bytes: int, headers: dict) -> bytes:
    """``write(items)``, with items dropped from the end until it is at most ``max_bytes``
    (the format's own markup can add to the estimate of :func:`_take`)."""
    body = write(items)
    while len(body) > max_bytes and items:
        keep = min(len(items) - 1, int(len(items) * max_bytes / len(body) * 0.9))
        items = items[:max(keep, 0)]
        headers[TRUNCATED_HEADER], headers[TRUNCATED_BY_HEADER] = str(len(items)), "bytes"
        body = write(items)
    return body


def _html(page: tuple[int, str]) -> Reply:
    status, text = page
    return Reply(status, "text/html; charset=utf-8", text.encode("utf-8"), {})
