"""newsgraph serve: the SPARQL 1.1 Protocol through a real client (SPARQLWrapper),
against a server started as a subprocess on a free loopback port. The store is
built by hand (no model); every name in it is invented."""
from __future__ import annotations

import json
import signal
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


def test_server_sends_cors_headers(server):
    status, headers, _b = http(server.endpoint, method="OPTIONS",
                               headers={"Origin": "http://127.0.0.1:9", "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    status, headers, _b = http(server.endpoint + "?query=ASK%7B%7D")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


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

