"""A store on a SPARQL server: the :class:`~newsgraph.graph.store.Store` interface over
the SPARQL 1.1 Protocol, so ingest, queries and exports work against a server.

``--store http://host:port/...`` (or ``$NEWSGRAPH_STORE``, or ``open_store(url)``)
gives a :class:`RemoteStore`. Article graphs are named graphs on the server too,
so re-ingesting an article replaces its graph and ``remove`` drops it. Every
write is one SPARQL Update request (``DROP SILENT GRAPH ... ; INSERT DATA ...``),
which servers such as Oxigraph apply as one transaction.

Endpoints, from the URL given (:func:`endpoints`):

* ``http://host:7878`` (no path): Oxigraph's layout, ``/query`` and ``/update``;
* ``http://host:7878/query`` or ``.../ds/query``: updates go to ``.../update``
  (Oxigraph, Fuseki);
* any other path (``http://host:8890/sparql``, Virtuoso): one endpoint for both;
* ``$NEWSGRAPH_UPDATE_URL`` (or ``update_url=``) names the update endpoint outright.

Differences from the on-disk store:

* queries run with Oxigraph's ``union-default-graph`` parameter, so the default
  graph is the union of all graphs (Virtuoso does that anyway); the prefixes of
  :data:`newsgraph.ontology.PREFIXES` are declared in front of the query text;
* ``bindings`` travel as a ``VALUES`` block at the start of the query's ``WHERE``
  group (:func:`bind_values`), never pasted into the patterns;
* there is no writer lock: the server orders concurrent writes, and two ingests
  into one server at once are not coordinated; the "resolution pending" marker
  lives only as long as the writer (an interrupted ingest is finished, as on
  disk, by running ``ingest`` again, which always ends with the resolution pass).

Example:
    >>> endpoints("http://127.0.0.1:7878")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> endpoints("http://127.0.0.1:8890/sparql")
    ('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql')
"""
from __future__ import annotations

import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.term import Identifier

from ..errors import QueryError, StoreError, first_line
from ..text.sparql import internal_query
from .store import Rows, Store, StoreWriteError, from_oxigraph, remote_url, to_oxigraph

__all__ = ["RemoteStore", "endpoints", "bind_values", "UPDATE_URL_ENV", "DEFAULT_TIMEOUT"]

UPDATE_URL_ENV = "NEWSGRAPH_UPDATE_URL"
DEFAULT_TIMEOUT = 300.0
"""Seconds to wait for one answer from the server."""

_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
           "text/turtle;q=0.8, application/sparql-results+xml;q=0.7")
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def endpoints(url: str, update_url: str | None = None) -> tuple[str, str]:
    """The ``(query, update)`` endpoint URLs for the store URL ``url`` (see the module doc)."""
    url = remote_url(url) or url
    update_url = update_url or os.environ.get(UPDATE_URL_ENV) or None
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if not path:
        base = urllib.parse.urlunsplit(parts._replace(path="", query="", fragment=""))
        query_url, default_update = base + "/query", base + "/update"
    elif path.endswith("/query"):
        query_url = urllib.parse.urlunsplit(parts._replace(path=path))
        default_update = urllib.parse.urlunsplit(parts._replace(path=path[:-len("query")] + "update"))
    else:
        query_url = default_update = urllib.parse.urlunsplit(parts._replace(path=path))
    return query_url, update_url or default_update


class RemoteStore(Store):
    """A newsgraph store held by a SPARQL server. Open with :meth:`RemoteStore.open`
    or :func:`~newsgraph.graph.store.open_store` given an ``http://`` URL."""

    def __init__(self, url: str, query_url: str, update_url: str, *, read_only: bool,
                 timeout: float = DEFAULT_TIMEOUT):
        self.path = url
        self.query_url = query_url
        self.update_url = update_url
        self.read_only = read_only
        self.timeout = timeout
        self._db = None
        self._lock_fd = None
        self._closed = False
        self._pending = False

    @classmethod
    def open(cls, path: str, *, read_only: bool = False, wait: float = 0.0,
             update_url: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> RemoteStore:
        """Connect to the server at ``path`` (an ``http(s)://`` URL); StoreError (one line)
        if it does not answer a SPARQL query. ``wait`` is accepted for symmetry with
        :meth:`Store.open` (a server has no writer lock to wait for)."""
        url = remote_url(path)
        if url is None:
            raise StoreError(f"{path} is not an http:// or https:// URL")
        query_url, update = endpoints(url, update_url)
        store = cls(url, query_url, update, read_only=read_only, timeout=timeout)
        store.query(internal_query("remote_probe"), union=False)  # fail now, in one line, if nobody answers
        return store

    def close(self) -> None:
        """Forget the connection (nothing to flush: the server has every write)."""
        self._closed = True

    def __repr__(self) -> str:
        mode = "closed" if self._closed else "read-only" if self.read_only else "writer"
        return f"<RemoteStore {self.path!r} {mode}>"

    @property
    def db(self):
        raise StoreError(f"store {self.path} is a SPARQL server: it has no local database")

    # -- reading

    def __len__(self) -> int:
        return self._count(internal_query("remote_count"))

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self)
        return self._count(internal_query("remote_count_graph", graph=[_iri(graph)[1:-1]]))

    def graphs(self) -> list[str]:
        rows = self.query(internal_query("remote_graphs"), union=False)
        return sorted(str(g) for (g,) in rows if g is not None and not isinstance(g, (BNode, Literal)))

    def quads(self, graph: str | None = None) -> Iterator[tuple]:
        if graph is None:
            rows = self.query(internal_query("remote_quads"), union=False)
            yield from rows
        else:
            name = _iri(graph)
            for s, p, o in self.query(internal_query("remote_graph_triples", graph=[name[1:-1]]), union=False):
                yield s, p, o, from_oxigraph(name)

    def query(self, sparql: str, bindings: dict | None = None, *, union: bool = True,
              allow_service: bool = False):
        """As :meth:`Store.query`, over the SPARQL Protocol (see the module doc)."""
        from .safety import check_query

        check_query(sparql, allow_service=allow_service)  # the server would fetch for us
        text = _prologue() + bind_values(sparql, bindings)
        params = {"union-default-graph": ""} if union else {}
        ctype, body = self._post(self.query_url, {"query": text}, params, what="query")
        results_format = _RESULT_TYPES.get(ctype)
        try:
            if results_format is not None:
                results = ox.parse_query_results(body, format=results_format)
                if isinstance(results, ox.QueryBoolean):
                    return bool(results)
                names = [v.value for v in results.variables]
                return Rows((tuple(from_oxigraph(sol[i]) for i in range(len(names))) for sol in results),
                            names)
            rdf_format = ox.RdfFormat.from_media_type(ctype)
            if rdf_format is None:
                raise StoreError(f"SPARQL server {self.query_url} answered in an unknown format {ctype!r}")
            from ..ontology import bind_prefixes

            graph = bind_prefixes(Graph())
            for q in ox.parse(body, format=rdf_format):
                graph.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
            return graph
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"SPARQL server {self.query_url} sent a malformed answer: "
                             f"{first_line(exc)}") from None

    # -- writing

    def update(self, sparql: str) -> None:
        """Send one SPARQL Update request to the update endpoint."""
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        self._post(self.update_url, {"update": sparql}, {}, what="update")

    def flush(self) -> None:
        """Nothing to do: the server keeps every update it acknowledged."""

    @property
    def resolution_pending(self) -> bool:
        return self._pending

    def set_resolution_pending(self, pending: bool) -> None:
        self._pending = bool(pending)

    # -- internals

    def _count(self, sparql: str) -> int:
        rows = self.query(sparql, union=False)
        return int(str(rows[0][0])) if rows and rows[0][0] is not None else 0

    def _post(self, url: str, form: dict, params: dict, *, what: str) -> tuple[str, bytes]:
        if self._closed:
            raise StoreError(f"store {self.path} is closed")
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                     "Accept": _ACCEPT, "User-Agent": "newsgraph"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            message = _error_text(exc)
            if what == "update":
                raise StoreWriteError(f"cannot write to store {self.path}: the server answered "
                                      f"{exc.code}: {message}") from None
            if exc.code == 400:  # the prologue of prefixes is one line: count from the user's
                message = re.sub(r"(?<=error at )(\d+)(?=:)", lambda m: str(max(int(m.group(1)) - 1, 1)),
                                 message)
                raise QueryError(f"query failed: {message}") from None
            raise StoreError(f"SPARQL server {url} answered {exc.code}: {message}") from None
        except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            exc_type = StoreWriteError if what == "update" else StoreError
            raise exc_type(f"cannot reach SPARQL server {url}: {first_line(reason)}") from None


# ---------------------------------------------------------------- binding values

_KEYWORD = re.compile(r"(?<![\w?$:])(SELECT|CONSTRUCT|ASK|DESCRIBE|WHERE)(?![\w:-])", re.I)
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_SKIP = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|'
                   r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.S)


def bind_values(sparql: str, bindings: dict | None) -> str:
    """``sparql`` with ``bindings`` (``{name: value}``) as a ``VALUES`` block opening its
    ``WHERE`` group, so the patterns and filters of the query see them bound. Values
    are written as RDF terms (escaped as N-Triples escapes them), never spliced into
    the patterns. A query whose ``WHERE`` cannot be found gets a trailing ``VALUES``.

    Example:
        >>> print(bind_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": "Ann"}))
        SELECT ?x WHERE { VALUES (?name) { ("Ann") } ?x ?p ?name }
    """
    if not bindings:
        return sparql
    names, terms = [], []
    for key, value in bindings.items():
        name = str(key).lstrip("?$")
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"bad query binding: {key!r} is not a variable name")
        term = value if isinstance(value, Identifier) else Literal(value)
        if isinstance(term, BNode):
            raise QueryError(f"bad query binding: {name} is a blank node, which a remote query cannot name")
        try:
            terms.append(str(to_oxigraph(term)))
        except ValueError as exc:
            raise QueryError(f"bad query binding: {exc}") from None
        names.append(f"?{name}")
    block = f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    at = _where_brace(sparql)
    if at is None:
        return f"{sparql}\n{block}"
    return f"{sparql[:at + 1]} {block}{sparql[at + 1:]}"


def _where_brace(sparql: str) -> int | None:
    """Index of the ``{`` that opens the query's ``WHERE`` group (outside strings,
    comments and IRIs), or None."""
    depth, form, after_where, i = 0, None, False, 0
    while i < len(sparql):
        c = sparql[i]
        if c in "#\"'":
            m = _SKIP.match(sparql, i)
            if m:
                i = m.end()
                continue
        elif c == "<":
            m = _IRI.match(sparql, i)
            if m:
                i = m.end()
                continue
        elif c == "{":
            if depth == 0 and form is not None and (after_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return i
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and c.isalpha():
            m = _KEYWORD.match(sparql, i)
            if m:
                word = m.group(1).upper()
                if word == "WHERE":
                    after_where = form is not None
                elif form is None:
                    form = word
                i = m.end()
                continue
            while i < len(sparql) and (sparql[i].isalnum() or sparql[i] in "_-:?$"):
                i += 1
            continue
        elif c in "?$:":  # a variable or a prefixed name: skip the whole token
            i += 1
            while i < len(sparql) and (sparql[i].isalnum() or sparql[i] in "_-:"):
                i += 1
            continue
        i += 1
    return None


def _prologue() -> str:
    from ..ontology import PREFIXES

    return " ".join(f"PREFIX {prefix}: <{ns}>" for prefix, ns in PREFIXES.items()) + "\n"


def _iri(value) -> str:
    try:
        return str(ox.NamedNode(str(value)))
    except ValueError as exc:
        raise StoreError(f"not a valid IRI {str(value)!r}: {exc}") from None


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read().decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    line = text.splitlines()[0] if text else (exc.reason or "")
    return line[:300]


Store.remote_class = RemoteStore  # Store.open(URL) opens one
