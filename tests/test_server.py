"""newsgraph serve: the SPARQL 1.1 Protocol through a real client (SPARQLWrapper),
against a server started as a subprocess on a free loopback port. The store is
built by hand (no model); every name in it is invented."""
from __future__ import annotations

import concurrent.futures
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from newsgraph.cli import cli
from newsgraph.graph.store import Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH
from newsgraph.exports import results as formats
from newsgraph.server.app import looks_like_update
from newsgraph.server.tasks import TRUNCATED_HEADER, OpenStore, perform

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

ID = "https://w3id.org/newsgraph/id/"
ART = "https://w3id.org/newsgraph/article/"
PEOPLE = {"mara-quell": "Mara Quell", "dorin-falk": "Dorin Falk", "ilse-marwood": "Ilse <b>Marwood</b>"}
TIMEOUT = 2.0


def build_store(path: Path) -> None:
    """Two articles, three people, co-mentions, one detention."""
    with Store.open(path) as st:
        for n, names in enumerate([["mara-quell", "dorin-falk"], ["mara-quell", "ilse-marwood"]]):
            art = URIRef(f"{ART}{n:016x}")
            sentence, event = URIRef(f"{ID}sentence/{n}"), URIRef(f"{ID}event/{n}")
            triples = [(art, RDF.type, NG.Article), (sentence, RDF.type, NG.Sentence),
                       (sentence, NG.evidence, Literal(f"Sentence {n} names {len(names)} people.")),
                       (sentence, PROV.wasDerivedFrom, art),
                       (event, RDF.type, NG.Detention), (event, NG.evidence, Literal(f"Detained ({n}).")),
                       (event, PROV.wasDerivedFrom, art)]
            for key in names:
                person = URIRef(f"{ID}person/{key}")
                triples += [(person, RDF.type, NG.Person), (person, SKOS.altLabel, Literal(PEOPLE[key])),
                            (person, NG.mentionedIn, art), (sentence, NG.mentions, person),
                            (event, NG.hasTarget, person)]
            st.replace_graph(str(art), triples)
        st.replace_graph(RESOLUTION_GRAPH, [(URIRef(f"{ID}person/{k}"), RDFS.label, Literal(v))
                                            for k, v in PEOPLE.items()])


class Server:
    """``python -m newsgraph serve`` on port 0, its URL read from its first line."""

    def __init__(self, store: Path, *extra: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsgraph", "--store", str(store), "serve", "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)
        if not line or " at http://127.0.0.1:" not in line[0]:
            self.stop()
            raise RuntimeError(f"server did not start: {line} {self.proc.stderr.read()}")
        self.url = line[0].split(" at ", 1)[1].split()[0]
        self.endpoint = self.url + "sparql"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("served") / "store"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def server(store):
    srv = Server(store, "--timeout", str(TIMEOUT), "--workers", "2")
    yield srv
    srv.stop()


OPT_IN_MAX_BYTES = 4000
OPT_IN_TIMEOUT = 8.0


@pytest.fixture(scope="module")
def opt_in_server(store):
    """A server with every opt-in: SERVICE, CORS for one origin, raw CSV, a small byte cap."""
    srv = Server(store, "--timeout", str(OPT_IN_TIMEOUT), "--allow-service", "--cors", "https://yasgui.example",
                 "--raw", "--max-bytes", str(OPT_IN_MAX_BYTES))
    yield srv
    srv.stop()


class Canary:
    """A TCP listener on 127.0.0.1 that counts the connections it gets (a SERVICE target)."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.received = b""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            with conn:
                conn.settimeout(1)
                try:
                    self.received += conn.recv(4096)
                except OSError:
                    pass

    def close(self):
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture
def canary():
    listener = Canary()
    yield listener
    listener.close()


def raw_http(server, request: str | bytes, *, timeout: float = 10.0) -> tuple[int, bytes, bytes]:
    """(status, head, body) of one request sent as raw bytes; (0, b"", what came) if no status line."""
    parts = urllib.parse.urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(request.encode("latin-1") if isinstance(request, str) else request)
        data = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                if length and len(body) >= int(length.group(1)):
                    break
    head, _sep, body = data.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return (int(match.group(1)) if match else 0), head, body


def sparql(server, query, fmt=None, method="GET"):
    client = SPARQLWrapper.SPARQLWrapper(server.endpoint)
    client.setQuery(query)
    client.setMethod(method)
    if fmt:
        client.setReturnFormat(fmt)
    client.setTimeout(30)
    return client.query()


def http(url, data=None, headers=None, method=None):
    """(status, headers, body) of one request; errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


PERSONS = "SELECT DISTINCT ?p ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"


def test_server_select_matches_the_cli(server, store):
    result = sparql(server, PERSONS, SPARQLWrapper.JSON).convert()
    cli_out = CliRunner().invoke(cli, ["--store", str(store), "query", PERSONS, "--format", "json"],
                                 catch_exceptions=False)
    assert cli_out.exit_code == 0
    expected = json.loads(cli_out.output)
    assert result["head"]["vars"] == expected["head"]["vars"] == ["p", "name"]
    assert result["results"]["bindings"] == expected["results"]["bindings"]
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == sorted(PEOPLE.values())


@pytest.mark.parametrize("fmt", ["CSV", "TSV", "XML"])
def test_server_select_in_every_results_format(server, fmt):
    answer = sparql(server, PERSONS, getattr(SPARQLWrapper, fmt))
    assert answer.response.headers.get_content_type() == formats.MEDIA_TYPES[fmt.lower()]
    body = answer.convert()
    text = body.toxml() if fmt == "XML" else body.decode("utf-8")
    assert "Dorin Falk" in text and "Mara Quell" in text


def test_server_ask(server):
    assert sparql(server, "ASK { ?p rdfs:label 'Mara Quell' }", SPARQLWrapper.JSON).convert()["boolean"] is True
    assert sparql(server, "ASK { ?p rdfs:label 'Nobody' }", SPARQLWrapper.JSON, "POST").convert()["boolean"] is False


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
def test_server_construct_matches_the_cli(server, store):
    query = "CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a ng:Person ; rdfs:label ?name }"
    turtle = sparql(server, query, SPARQLWrapper.TURTLE, "POST").convert()
    served = Graph().parse(data=turtle, format="turtle")
    with Store.open(store, read_only=True) as st:
        assert isomorphic(served, st.query(query)) and len(served) == 3
    for accept, parse_as in [("application/n-triples", "nt"), ("application/ld+json", "json-ld")]:
        url = server.endpoint + "?" + urllib.parse.urlencode({"query": query})
        status, headers, body = http(url, headers={"Accept": accept})
        assert status == 200 and headers.get_content_type() == accept
        assert isomorphic(Graph().parse(data=body, format=parse_as), served)


def test_server_refuses_updates(server, store):
    before = Store.open(store, read_only=True)
    count = len(before)
    before.close()
    with pytest.raises(Exception) as caught:
        sparql(server, "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }", method="POST")
    assert "403" in str(caught.value)
    status, _h, body = http(server.endpoint, data=b"DROP ALL", method="POST",
                            headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _h, body = http(server.endpoint + "?" + urllib.parse.urlencode({"query": "CLEAR ALL"}))
    assert status == 403
    with Store.open(store, read_only=True) as st:
        assert len(st) == count


def test_server_cuts_a_slow_query_and_keeps_answering(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?t }"
    started = time.monotonic()
    status, _h, body = http(server.endpoint, data=urllib.parse.urlencode({"query": slow}).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    elapsed = time.monotonic() - started
    assert status == 503 and b"timed out after 2 s" in body
    assert elapsed < TIMEOUT + 5
    for _ in range(3):  # the killed worker is replaced; the other answers meanwhile
        assert sparql(server, "ASK { ?s ?p ?o }", SPARQLWrapper.JSON).convert()["boolean"] is True


def test_server_sends_no_cors_headers_by_default(server):
    status, headers, _b = http(server.endpoint, method="OPTIONS",
                               headers={"Origin": "http://127.0.0.1:9", "Access-Control-Request-Method": "POST"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers  # another page: refused
    status, headers, body = http(server.endpoint + "?query=ASK%7B%7D")
    assert status == 200 and "Access-Control-Allow-Origin" not in headers and b"true" in body
    status, headers, _b = http(server.endpoint + "?query=ASK%7B%7D", headers={"Origin": "https://evil.example"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, _h, _b = http(server.endpoint + "?query=ASK%7B%7D", headers={"Origin": server.url.rstrip("/")})
    assert status == 200  # the server's own pages (the query form) may post to it


def test_server_cors_only_for_the_origin_named(opt_in_server):
    origin = "https://yasgui.example"
    status, headers, _b = http(opt_in_server.endpoint, method="OPTIONS",
                               headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in headers["Access-Control-Allow-Methods"]
    status, headers, _b = http(opt_in_server.endpoint + "?query=ASK%7B%7D", headers={"Origin": origin})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == origin
    status, headers, _b = http(opt_in_server.endpoint + "?query=ASK%7B%7D", headers={"Origin": "https://evil.example"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers


def test_server_checks_the_host_header_against_dns_rebinding(server):
    port = urllib.parse.urlsplit(server.url).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        status, _h, body = raw_http(server, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\n"
                                            "Connection: close\r\n\r\n")
        assert status == 200, body
    for host in (f"evil.example:{port}", "127.0.0.1:80", f"127.0.0.1.evil.example:{port}"):
        status, _h, body = raw_http(server, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\n"
                                            "Connection: close\r\n\r\n")
        assert status == 403 and b"Host" in body, host


def test_server_bad_requests_get_one_line(server):
    status, _h, body = http(server.endpoint + "?query=SELEKT")
    assert status == 400 and body.decode().startswith("SPARQL syntax error")
    status, _h, body = http(server.endpoint + "?query=ASK%7B%7D", headers={"Accept": "image/png"})
    assert status == 406
    status, _h, _b = http(server.url + "nothing-here")
    assert status == 404


def test_server_pages_escape_what_they_show(server):
    status, headers, body = http(server.url)
    assert status == 200 and b'href="/sparql"' in body and b'href="/queries"' in body
    status, _h, body = http(server.url + "queries/linked?" + urllib.parse.urlencode({"person": "Mara Quell"}))
    page = body.decode()
    assert status == 200 and "Dorin Falk" in page
    assert "Ilse &lt;b&gt;Marwood&lt;/b&gt;" in page and "<b>Marwood" not in page
    status, _h, body = http(server.url + "queries/linked?person=%3Cscript%3E")
    assert status == 400 and b"<script>" not in body
    status, headers, body = http(server.url + "graph")
    assert status == 200 and headers.get_content_type() == "text/html" and b"Mara Quell" in body


def test_server_tasks_cap_the_rows(store):
    reply = perform(OpenStore(store), ("sparql", PERSONS, "application/sparql-results+json", None, 2))
    assert reply.status == 200 and reply.headers[TRUNCATED_HEADER] == "2"
    assert len(json.loads(reply.body)["results"]["bindings"]) == 2


def test_server_formats_follow_accept():
    assert formats.choose("application/json", "solutions") == "json"
    assert formats.choose("text/turtle;q=0.2, application/ld+json", "graph") == "json-ld"
    assert formats.choose("text/*", "graph") == "turtle"
    assert formats.choose("text/csv", "boolean") is None
    assert formats.choose("text/csv", "solutions", fmt="tsv") == "tsv"


def test_server_tells_updates_from_queries():
    assert looks_like_update("# a comment\nDELETE WHERE { ?s ?p ?o }")
    assert looks_like_update("BASE <http://e/> PREFIX e: <http://e/> WITH e:g DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert not looks_like_update("SELECT ?insert WHERE { ?insert ?p 'DELETE' }")


def test_server_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "none"), "serve", "--port", "0"])
    assert result.exit_code == 1 and result.output.startswith("Error: no store at")
    assert "Traceback" not in result.output



# ---------------------------------------------------------------- issue 13: the holes an attacker found

SERVICE_QUERIES = ["SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }} }}",
                   "SELECT ?x WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }} }}",
                   "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?u) # a comment\n service ?u {{ ?x ?p ?o }} }}"]


def test_server_refuses_service_and_the_canary_hears_nothing(server, canary):
    for template in SERVICE_QUERIES:
        query = template.format(port=canary.port)
        status, _h, body = http(server.endpoint + "?" + urllib.parse.urlencode({"query": query}))
        assert status == 400 and body.decode().startswith("federated queries are refused"), body
        status, _h, body = http(server.endpoint, data=query.encode(), method="POST",
                                headers={"Content-Type": "application/sparql-query"})
        assert status == 400 and b"SERVICE" in body
    time.sleep(0.5)
    assert canary.connections == 0 and canary.received == b""


def test_server_allow_service_reaches_the_canary(opt_in_server, canary):
    """The control: with --allow-service the same query does reach the listener."""
    query = SERVICE_QUERIES[1].format(port=canary.port)
    status, _h, _body = http(opt_in_server.endpoint + "?" + urllib.parse.urlencode({"query": query}))
    deadline = time.monotonic() + 10
    while canary.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert canary.connections >= 1 and canary.received.startswith((b"GET", b"POST"))


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?t }"


def test_server_answers_a_quick_query_while_two_slow_queries_run(opt_in_server):
    url = opt_in_server.endpoint + "?" + urllib.parse.urlencode({"query": SLOW})
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        slow = [pool.submit(http, url) for _ in range(2)]
        time.sleep(1.0)  # both are running now, one per worker
        assert not any(f.done() for f in slow)
        for _ in range(3):
            started = time.monotonic()
            status, _h, body = http(opt_in_server.endpoint + "?query=ASK%7B%7D")
            assert status == 200 and b"true" in body
            assert time.monotonic() - started < 1.0
        results = [f.result(timeout=OPT_IN_TIMEOUT + 20) for f in slow]
    assert [status for status, _h, _b in results] == [503, 503]
    assert all(b"timed out" in body for _s, _h, body in results)


def test_server_caps_the_bytes_of_an_answer(opt_in_server, server):
    doubling = "".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1}) " for i in range(14))  # 10 * 2**14 chars
    query = f'SELECT ?v14 WHERE {{ BIND("0123456789" AS ?v0) {doubling} }}'
    status, headers, body = http(opt_in_server.endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and len(body) <= OPT_IN_MAX_BYTES
    assert headers["X-Newsgraph-Truncated"] == "0" and headers["X-Newsgraph-Truncated-By"] == "bytes"
    assert json.loads(body)["results"]["bindings"] == []
    many = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    for accept in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                   "text/tab-separated-values"):
        status, headers, body = http(opt_in_server.endpoint + "?" + urllib.parse.urlencode({"query": many}),
                                     headers={"Accept": accept})
        kept = int(headers["X-Newsgraph-Truncated"])
        assert status == 200 and len(body) <= OPT_IN_MAX_BYTES and 0 < kept
        assert headers["X-Newsgraph-Truncated-By"] == "bytes"
    status, headers, body = http(server.endpoint + "?" + urllib.parse.urlencode({"query": query}))
    assert status == 200 and "X-Newsgraph-Truncated" not in headers and len(body) > 10 * 2 ** 14


def test_server_malformed_content_length_gets_400_and_bodies_are_bounded(server):
    port = urllib.parse.urlsplit(server.url).port
    head = f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
    for length in ("abc", "-1", "1e3", " 12x"):
        started = time.monotonic()
        status, _h, _b = raw_http(server, head + f"Content-Length: {length}\r\n\r\nASK {{}}")
        assert status == 400, length
        assert time.monotonic() - started < 5  # answered, not left hanging on a keep-alive socket
    status, _h, _b = raw_http(server, head + "Content-Length: 5000000\r\n\r\n")
    assert status == 413
    status, _h, body = raw_http(server, head + "Content-Length: 6\r\nConnection: close\r\n\r\nASK {}")
    assert status == 200 and b"true" in body


def test_server_no_connection_resets_from_20_threads_of_120_requests(server):
    failures: list = []

    def client(n):
        for i in range(120):  # a new connection each, a body each: what reset connections before
            try:
                if i % 10 == n % 10:
                    status, _h, body = http(server.url)
                else:
                    status, _h, body = http(server.endpoint, data=b"ASK {}", method="POST",
                                            headers={"Content-Type": "application/sparql-query"})
                if status != 200 or not body:
                    failures.append(status)
            except (OSError, urllib.error.URLError) as exc:
                failures.append(repr(exc))

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        for future in [pool.submit(client, n) for n in range(20)]:
            future.result(timeout=240)
    assert failures == [] and time.monotonic() - started < 240


def test_server_says_honestly_that_the_engine_crashed(server):
    deep = "SELECT * WHERE " + "{ " * 50_000 + "}" * 50_000  # overflows the engine's parser stack
    status, _h, body = http(server.endpoint, data=deep.encode(), method="POST",
                            headers={"Content-Type": "application/sparql-query"})
    text = body.decode()
    assert status == 500 and text.startswith("the query engine crashed on this query (killed by SIG")
    assert "out of memory" not in text and len(text.splitlines()) == 1
    for _ in range(3):  # the worker is replaced; the others answer meanwhile
        assert sparql(server, "ASK { ?s ?p ?o }", SPARQLWrapper.JSON).convert()["boolean"] is True


def test_server_csv_and_tsv_answers_neutralise_formulas_unless_raw(server, opt_in_server):
    query = 'SELECT ?x ?n WHERE { VALUES (?x ?n) { ("=HYPERLINK(\\"http://127.0.0.1:9/\\")" -3) ("@SUM(A1)" 1) } }'
    url = "?" + urllib.parse.urlencode({"query": query})
    _s, _h, body = http(server.endpoint + url, headers={"Accept": "text/csv"})
    assert body.decode().splitlines()[1:] == ["\"'=HYPERLINK(\"\"http://127.0.0.1:9/\"\")\",-3", "'@SUM(A1),1"]
    _s, _h, body = http(server.endpoint + url, headers={"Accept": "text/tab-separated-values"})
    assert body.decode().splitlines()[2].startswith("\"'@SUM(A1)\"")
    _s, _h, body = http(opt_in_server.endpoint + url, headers={"Accept": "text/csv"})
    assert body.decode().splitlines()[1:] == ["\"=HYPERLINK(\"\"http://127.0.0.1:9/\"\")\",-3", "@SUM(A1),1"]
