"""The HTTP side of ``newsgraph serve``: the SPARQL 1.1 Protocol and a few pages.

Routes:

* ``/sparql`` (also ``/query``): GET with ``?query=``, POST as a form
  (``query=``) or with the query as the body (``application/sparql-query``).
  The answer's format follows the ``Accept`` header (or a ``format``
  parameter): see :mod:`newsgraph.exports.results`. A ``GET /sparql`` without a
  query shows a form. SPARQL Update is refused with 403, whatever way it comes
  (``update=``, ``application/sparql-update``, ``/update``, or update text in
  ``query=``): the store changes only through ``newsgraph ingest`` and ``remove``.
* ``/`` links; ``/queries`` lists the named queries; ``/queries/NAME?param=...``
  runs one and shows an HTML table; ``/graph`` is the co-occurrence network;
  ``/id/...`` is the page of an entity (HTML, or its triples by Accept) and
  ``/search?q=`` finds one by name (:mod:`newsgraph.server.actor`).

Every query runs in a worker process with a deadline, a row cap and a byte cap
(:mod:`newsgraph.server.runner`); a lane of its own keeps quick queries answered
while slow ones run. Federated queries (SERVICE) are refused unless the server
was started with ``allow_service``. The server binds to 127.0.0.1 unless told
otherwise; no reply carries CORS headers unless ``cors`` names an origin, and
the ``Host`` and ``Origin`` headers are checked (:mod:`newsgraph.server.guard`).

HTTP itself is waitress's (a WSGI server): it parses requests, refuses a
malformed or negative ``Content-Length`` with 400 and a body over
:data:`MAX_BODY` with 413, queues connections (backlog 1024) and serves them from
a bounded thread pool, so slow or idle clients cost no thread each. This module
is the WSGI application. Defaults are in ``docs/server.md``.

Example:
    >>> looks_like_update("PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> looks_like_update("SELECT * WHERE { ?s ?p ?o } # DELETE")
    False
"""
from __future__ import annotations

import logging
import os
import re
import signal
import threading
from http import HTTPStatus
from urllib.parse import parse_qs, unquote

from ..errors import StoreError
from ..graph.store import Store, remote_url
from . import pages
from .guard import Guard
from .defaults import (DEFAULT_HOST, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_QUICK_TIMEOUT,
                       DEFAULT_TIMEOUT, DEFAULT_WORKERS)
from .reply import text_reply
from .runner import QueryRunner, Reply

__all__ = ["SparqlServer", "SparqlApp", "make_server", "serve_forever", "looks_like_update", "MAX_BODY",
           "DEFAULT_HOST", "DEFAULT_PORT"]

MAX_BODY = 1_000_000
"""Largest request body accepted, in bytes."""
HTTP_THREADS = 16
"""Threads that serve requests (a request waiting for a query worker holds one)."""
BACKLOG = 1024
"""Connections the kernel queues before the server accepts them."""

_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_REFUSED = ("this endpoint is read-only: SPARQL Update is refused "
            "(the store changes only through `newsgraph ingest` and `newsgraph remove`)")
_STATUS = {code.value: f"{code.value} {code.phrase}" for code in HTTPStatus}


def looks_like_update(text: str) -> bool:
    """True if ``text`` (comments aside) is a SPARQL Update request rather than a query."""
    stripped = re.sub(r"(?m)#[^\n<>\"']*$", "", text)
    return bool(_UPDATE.match(stripped))


class SparqlApp:
    """The WSGI application: routes, the Host/Origin checks, CORS (see the module doc)."""

    def __init__(self, runner: QueryRunner, guard: Guard, *, store_name: str, max_rows: int,
                 max_bytes: int, allow_service: bool = False, raw: bool = False):
        self.runner = runner
        self.guard = guard
        self.store_name = store_name
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.allow_service = allow_service
        self.raw = raw

    def __call__(self, environ, start_response):
        try:
            reply, head = self._answer(environ)
        except Exception as exc:  # a bug: still an answer, never a traceback to the client
            logging.getLogger("newsgraph.server").exception("internal error")
            reply, head = text_reply(500, f"internal error: {type(exc).__name__}"), False
        headers = {**self.guard.cors_headers(environ.get("HTTP_ORIGIN")), **(reply.headers or {})}
        if reply.status != 204:
            headers["Content-Type"] = reply.content_type
            headers["Content-Length"] = str(len(reply.body))
        start_response(_STATUS.get(reply.status, f"{reply.status} Error"), list(headers.items()))
        return [] if head or reply.status == 204 else [reply.body]

    def _answer(self, environ) -> tuple[Reply, bool]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        head = method == "HEAD"
        if not self.guard.host_ok(environ.get("HTTP_HOST")):
            return text_reply(403, "wrong Host header: this server answers only requests for the address it "
                              "serves (see `newsgraph serve --allow-host`)"), head
        if not self.guard.origin_ok(environ.get("HTTP_ORIGIN")):
            return text_reply(403, "requests from other web pages are refused "
                              "(see `newsgraph serve --cors ORIGIN`)"), head
        params = dict(_params(environ.get("QUERY_STRING", "")))
        if method == "OPTIONS":
            return Reply(204, "text/plain", b"", {"Allow": "GET, HEAD, POST, OPTIONS"}), False
        if method in ("GET", "HEAD"):
            return self._route(environ, params, head=head), head
        if method != "POST":
            return Reply(405, "text/plain; charset=utf-8", f"{method} is not allowed\n".encode(),
                         {"Allow": "GET, HEAD, POST, OPTIONS"}), False
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)  # waitress checked it is digits
        except ValueError:
            return text_reply(400, "malformed Content-Length"), False
        if length > MAX_BODY:
            return text_reply(413, f"request body over {MAX_BODY} bytes"), False
        body = environ["wsgi.input"].read(length) if length else b""
        ctype, charset = _content_type(environ.get("CONTENT_TYPE", ""))
        try:
            text = body.decode(charset or "utf-8")
        except (UnicodeDecodeError, LookupError):
            return text_reply(400, "the request body is not UTF-8 text"), False
        if ctype == "application/x-www-form-urlencoded":
            params.update(_params(text))
        elif ctype == "application/sparql-query":
            params["query"] = text
        elif ctype == "application/sparql-update":
            params["update"] = text
        elif body:
            return text_reply(415, f"cannot read a {ctype} body: send a form "
                              "(query=...) or application/sparql-query"), False
        return self._route(environ, params, post=True), False

    def _route(self, environ, params: dict, *, post: bool = False, head: bool = False) -> Reply:
        raw_path = environ.get("PATH_INFO", "/")
        path = unquote(raw_path).rstrip("/") or "/"
        if path == "/update" or "update" in params:
            return text_reply(403, _REFUSED)
        if path in ("/sparql", "/query"):
            query = params.get("query")
            if query is None:
                if post:
                    return text_reply(400, "no query: send query=... or an application/sparql-query body")
                return _html(pages.sparql_page())
            if looks_like_update(query):
                return text_reply(403, _REFUSED)
            if "default-graph-uri" in params or "named-graph-uri" in params:
                return text_reply(400, "default-graph-uri and named-graph-uri are not supported: "
                                  "the default graph is the union of all article graphs; use GRAPH in the query")
            task = ("sparql", query, environ.get("HTTP_ACCEPT"), params.get("format"), self.max_rows,
                    self.max_bytes, self.allow_service, self.raw)
            return self.runner.run(task)
        if post:
            return text_reply(405, "POST goes to /sparql")
        if path == "/":
            return _html(pages.index_page(self.store_name))
        if path == "/queries":
            return _html(pages.queries_page())
        if path.startswith("/queries/"):
            from ..queries import load_queries

            name = path[len("/queries/"):]
            if name not in load_queries():
                return text_reply(404, f"no named query {name!r}; see /queries")
            task = ("named", name, {k: v for k, v in params.items() if k != "format"}, self.max_rows)
            return self.runner.run(task)
        if path == "/graph":
            return self.runner.run(("graph",))
        if path.startswith("/id/") or path == "/search":  # actor pages: newsgraph.server.actor
            from .actor import actor_task

            return self.runner.run(actor_task(path, params, environ.get("HTTP_ACCEPT")))
        return text_reply(404, f"nothing at {path}; see /")


class SparqlServer:
    """A waitress server over a :class:`SparqlApp`. Use :func:`make_server`."""

    def __init__(self, app: SparqlApp, host: str, port: int, *, threads: int = HTTP_THREADS):
        from waitress import create_server

        logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" under load
        self.app = app
        self.runner = app.runner
        self.store_name = app.store_name
        self._server = create_server(
            app, host=host, port=port, threads=threads, backlog=BACKLOG, connection_limit=BACKLOG,
            max_request_body_size=MAX_BODY, channel_timeout=60, ident="newsgraph",
            clear_untrusted_proxy_headers=True, expose_tracebacks=False)
        self.host = host
        self.port = self._server.effective_port
        self.app.guard = Guard(host, self.port, cors=app.guard.cors, allow_hosts=app.guard.names)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def server_address(self) -> tuple[str, int]:
        return self.host, self.port

    def serve_forever(self) -> None:
        self._server.run()

    def server_close(self) -> None:
        try:
            self._server.close()
        finally:
            self.runner.close()


def make_server(store: str | os.PathLike | None = None, *, host: str = DEFAULT_HOST,
                port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                max_rows: int = DEFAULT_MAX_ROWS, max_bytes: int = DEFAULT_MAX_BYTES,
                workers: int = DEFAULT_WORKERS, quick_workers: int = 1,
                quick_timeout: float = DEFAULT_QUICK_TIMEOUT, cors: str | None = None,
                allow_hosts=(), allow_service: bool = False, raw: bool = False) -> SparqlServer:
    """A server over the store at ``store`` (opened read-only by each query worker);
    call ``serve_forever()`` on it, and ``server_close()`` at the end. Port 0 picks a
    free port (see ``server.url``). Raises StoreError if there is no store there."""
    if remote_url(store) is not None:
        raise StoreError("serve a store folder; a SPARQL server already serves itself")
    if timeout <= 0 or max_rows < 1 or max_bytes < 1:
        raise StoreError("the timeout must be positive and the row and byte caps at least 1")
    with Store.open(store, read_only=True) as st:  # a missing store fails here, in one line
        path = st.path
    runner = QueryRunner(path, workers=workers, timeout=timeout, quick_workers=quick_workers,
                         quick_timeout=quick_timeout)
    app = SparqlApp(runner, Guard(host, port, cors=cors, allow_hosts=allow_hosts), store_name=str(path),
                    max_rows=max_rows, max_bytes=max_bytes, allow_service=allow_service, raw=raw)
    try:
        return SparqlServer(app, host, port, threads=max(HTTP_THREADS, 2 * (workers + quick_workers) + 4))
    except OSError as exc:
        runner.close()
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _params(text: str) -> list[tuple[str, str]]:
    """The last value of each parameter of a query string or form body."""
    return [(k, v[-1]) for k, v in parse_qs(text, keep_blank_values=True).items()]


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


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header."""
    parts = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip().strip('"') for p in parts[1:]
                    if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset

