"""What a query worker does (:mod:`newsgraph.server.runner`): run one task on the
store, opened read-only, and turn the outcome into a :class:`~newsgraph.server.runner.Reply`.

Tasks are tuples, so they cross the process boundary cheaply:

* ``("sparql", query, accept, fmt, max_rows)``: a SPARQL query, its result in the
  negotiated format (:mod:`newsgraph.server.formats`), cut at ``max_rows``;
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
import os
from pathlib import Path

import pyoxigraph as ox

from ..errors import NewsgraphError, QueryError, StoreError
from ..graph.store import LOCK_FILE, PENDING_FILE, Store
from . import formats, pages
from .runner import Reply

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
        signature = _signature(self.path)
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
        return _text(404, f"unknown task {kind!r}")
    except QueryError as exc:
        return _text(400, _one_line(exc))
    except NewsgraphError as exc:
        return _text(500, _one_line(exc))
    except Exception as exc:  # a bug: still an answer, and the worker lives on
        return _text(500, f"internal error: {type(exc).__name__}: {_one_line(exc)}")


def run_sparql(store: Store, query: str, accept: str | None, fmt: str | None, max_rows: int) -> Reply:
    """Run ``query`` over the union of all graphs and serialize the result."""
    from ..graph.store import _prefixes

    try:
        result = store.db.query(query, prefixes=_prefixes(), use_default_graph_as_union=True)
    except SyntaxError as exc:
        return _text(400, f"SPARQL syntax error: {_one_line(exc)}")
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise StoreError(f"query failed: {_one_line(exc)}") from None
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
            body = formats.write_graph(triples, name, _prefixes())
    except (OSError, RuntimeError) as exc:  # evaluation goes on while the rows are read
        raise StoreError(f"query failed: {_one_line(exc)}") from None
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


def _signature(path: Path) -> tuple:
    """What changes when a writer commits: names, sizes and times of the store's files."""
    try:
        entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(path)
                         if e.is_file() and e.name not in (LOCK_FILE, PENDING_FILE))
    except OSError:
        return ()
    return tuple(entries)


def _html(page: tuple[int, str]) -> Reply:
    status, text = page
    return Reply(status, "text/html; charset=utf-8", text.encode("utf-8"), {})


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), {})


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
