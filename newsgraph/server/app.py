"""The HTTP side of ``newsgraph serve``: the SPARQL 1.1 Protocol and a few pages.

Routes:

* ``/sparql`` (also ``/query``): GET with ``?query=``, POST as a form
  (``query=``) or with the query as the body (``application/sparql-query``).
  The answer's format follows the ``Accept`` header (or a ``format``
  parameter): see :mod:`newsgraph.server.formats`. A ``GET /sparql`` without a
  query shows a form. SPARQL Update is refused with 403, whatever way it comes
  (``update=``, ``application/sparql-update``, ``/update``, or update text in
  ``query=``): the store changes only through ``newsgraph ingest`` and ``remove``.
* ``/`` links; ``/queries`` lists the named queries; ``/queries/NAME?param=...``
  runs one and shows an HTML table; ``/graph`` is the co-occurrence network;
  ``/id/...`` is the page of an entity (HTML, or its triples by Accept) and
  ``/search?q=`` finds one by name (:mod:`newsgraph.server.actor`).

Every query runs in a worker process with a deadline and a result cap
(:mod:`newsgraph.server.runner`). Every answer carries CORS headers
(``Access-Control-Allow-Origin: *``), so browser tools such as YASGUI can
query it. The server binds to 127.0.0.1 unless told otherwise.

Example:
    >>> looks_like_update("PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> looks_like_update("SELECT * WHERE { ?s ?p ?o } # DELETE")
    False
"""
from __future__ import annotations

import os
import re
import signal
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import StoreError
from ..graph.store import Store, remote_url
from . import pages
from .runner import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryRunner, Reply

__all__ = ["SparqlServer", "make_server", "serve_forever", "looks_like_update", "MAX_BODY", "DEFAULT_HOST", "DEFAULT_PORT"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_BODY = 1_000_000
"""Largest request body accepted, in bytes."""

_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_REFUSED = ("this endpoint is read-only: SPARQL Update is refused "
            "(the store changes only through `newsgraph ingest` and `newsgraph remove`)")
_CORS = {"Access-Control-Allow-Origin": "*",
         "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
         "Access-Control-Allow-Headers": "Content-Type, Accept",
         "Access-Control-Expose-Headers": "X-Newsgraph-Truncated",
         "Access-Control-Max-Age": "86400"}


def looks_like_update(text: str) -> bool:
    """True if ``text`` (comments aside) is a SPARQL Update request rather than a query."""
    stripped = re.sub(r"(?m)#[^\n<>\"']*$", "", text)
    return bool(_UPDATE.match(stripped))


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server over a :class:`QueryRunner`. Use :func:`make_server`."""

    daemon_threads = True

    def __init__(self, address, runner: QueryRunner, *, store_name: str, max_rows: int):
        self.runner = runner
        self.store_name = store_name
        self.max_rows = max_rows
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def handle_error(self, request, client_address) -> None:
        """A client that hung up is no error worth a traceback; anything else is."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        self.runner.close()


def make_server(store: str | os.PathLike | None = None, *, host: str = DEFAULT_HOST,
                port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                max_rows: int = DEFAULT_MAX_ROWS, workers: int = 2) -> SparqlServer:
    """A server over the store at ``store`` (opened read-only by each query worker);
    call ``serve_forever()`` on it, and ``server_close()`` at the end. Port 0 picks a
    free port (see ``server.url``). Raises StoreError if there is no store there."""
    if remote_url(store) is not None:
        raise StoreError("serve a store folder; a SPARQL server already serves itself")
    if timeout <= 0 or max_rows < 1:
        raise StoreError("the timeout must be positive and the result cap at least 1")
    with Store.open(store, read_only=True) as st:  # a missing store fails here, in one line
        path = st.path
    runner = QueryRunner(path, workers=workers, timeout=timeout)
    try:
        return SparqlServer((host, port), runner, store_name=str(path), max_rows=max_rows)
    except OSError as exc:
        runner.close()
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "newsgraph"

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        if os.environ.get("NEWSGRAPH_SERVER_LOG"):
            super().log_message(format, *args)

    # -- verbs

    def do_OPTIONS(self):
        self._send(Reply(204, "text/plain", b"", {}))

    def do_GET(self):
        self._route(dict(_params(urlsplit(self.path).query)))

    def do_HEAD(self):
        self._route(dict(_params(urlsplit(self.path).query)), head=True)

    def do_POST(self):
        params = dict(_params(urlsplit(self.path).query))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._send(_text(413, f"request body over {MAX_BODY} bytes"), close=True)
        body = self.rfile.read(length) if length else b""
        ctype = (self.headers.get_content_type() or "").lower()
        try:
            text = body.decode(self.headers.get_content_charset() or "utf-8")
        except (UnicodeDecodeError, LookupError):
            return self._send(_text(400, "the request body is not UTF-8 text"))
        if ctype == "application/x-www-form-urlencoded":
            params.update(_params(text))
        elif ctype == "application/sparql-query":
            params["query"] = text
        elif ctype == "application/sparql-update":
            params["update"] = text
        elif body:
            return self._send(_text(415, f"cannot read a {ctype} body: send a form "
                                         "(query=...) or application/sparql-query"))
        self._route(params, post=True)

    # -- routing

    def _route(self, params: dict, *, post: bool = False, head: bool = False):
        path = unquote(urlsplit(self.path).path).rstrip("/") or "/"
        if path == "/update" or "update" in params:
            return self._send(_text(403, _REFUSED), head=head)
        if path in ("/sparql", "/query"):
            query = params.get("query")
            if query is None:
                if post:
                    return self._send(_text(400, "no query: send query=... or an application/sparql-query body"))
                return self._send(_html(pages.sparql_page()), head=head)
            if looks_like_update(query):
                return self._send(_text(403, _REFUSED), head=head)
            if "default-graph-uri" in params or "named-graph-uri" in params:
                return self._send(_text(400, "default-graph-uri and named-graph-uri are not supported: "
                                             "the default graph is the union of all article graphs; "
                                             "use GRAPH in the query"), head=head)
            task = ("sparql", query, self.headers.get("Accept"), params.get("format"), self.server.max_rows)
            return self._send(self.server.runner.run(task), head=head)
        if post:
            return self._send(_text(405, "POST goes to /sparql"))
        if path == "/":
            return self._send(_html(pages.index_page(self.server.store_name)), head=head)
        if path == "/queries":
            return self._send(_html(pages.queries_page()), head=head)
        if path.startswith("/queries/"):
            from ..queries import load_queries

            name = path[len("/queries/"):]
            if name not in load_queries():
                return self._send(_text(404, f"no named query {name!r}; see /queries"), head=head)
            task = ("named", name, {k: v for k, v in params.items() if k != "format"}, self.server.max_rows)
            return self._send(self.server.runner.run(task), head=head)
        if path == "/graph":
            return self._send(self.server.runner.run(("graph",)), head=head)
        if path.startswith("/id/") or path == "/search":  # actor pages: newsgraph.server.actor
            from .actor import actor_task

            return self._send(self.server.runner.run(actor_task(path, params, self.headers.get("Accept"))),
                              head=head)
        return self._send(_text(404, f"nothing at {path}; see /"), head=head)

    def _send(self, reply: Reply, *, head: bool = False, close: bool = False):
        self.send_response(reply.status)
        headers = {**_CORS, **(reply.headers or {})}
        if reply.status != 204:
            headers["Content-Type"] = reply.content_type
            headers["Content-Length"] = str(len(reply.body))
        if close:
            headers["Connection"] = "close"
            self.close_connection = True
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if not head and reply.status != 204:
            self.wfile.write(reply.body)


def _params(text: str) -> list[tuple[str, str]]:
    """The last value of each parameter of a query string or form body."""
    return [(k, v[-1]) for k, v in parse_qs(text, keep_blank_values=True).items()]


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), {})


def _html(text: str) -> Reply:
    return Reply(HTTPStatus.OK, "text/html; charset=utf-8", text.encode("utf-8"), {})


def serve_forever(server: SparqlServer) -> None:  # pragma: no cover - used by the CLI
    """Serve until Ctrl-C or SIGTERM, then stop the workers."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started in the background
            signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

