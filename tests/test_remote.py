"""A store on a SPARQL server: ingest, queries, export and remove against a real
``oxigraph serve`` on loopback give what the on-disk store gives."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from newsgraph import export, ingest, remove, run_named
from newsgraph.cli import cli
from newsgraph.errors import QueryError, StoreError
from newsgraph.graph.remote import RemoteStore, bind_values, endpoints
from newsgraph.graph.store import Store, open_store, remote_url
from newsgraph.ontology import NG

from conftest import ARTICLES

OXIGRAPH = shutil.which("oxigraph")
needs_server = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (pip install oxigraph) is missing")

EXTRA = {"falk.txt": "Lawyer Speaks Out\n\n"
                     "Dorin Falk, the lawyer of Mara Quell, said on Thursday that the charges against "
                     "Quell and blogger Teodor Vasko were invented. Falk met Quell in Ostravel."}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """A real ``oxigraph serve`` on a free loopback port, with its data in a temporary folder."""
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is missing")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder / "data"), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read()!r}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("remote-articles")
    for name, text in {**ARTICLES, **EXTRA}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def both(oxigraph_url, corpus, tmp_path_factory):
    """The corpus ingested into the server (through the CLI) and into a store on disk."""
    result = CliRunner().invoke(cli, ["--store", oxigraph_url, "ingest", str(corpus)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    local = tmp_path_factory.mktemp("local") / "store"
    ingest(local, [corpus])
    return oxigraph_url, local


def quads(store) -> set:
    with open_store(store, read_only=True) as st:
        return set(st.quads())


@needs_server
def test_remote_ingest_gives_the_same_graph_as_on_disk(both):
    remote, local = both
    assert quads(remote) == quads(local)
    with open_store(remote, read_only=True) as st:
        assert isinstance(st, RemoteStore) and len(st.article_iris()) == 4
        assert st.stats()["persons"] == Store.open(local, read_only=True).stats()["persons"]


@needs_server
def test_remote_linked_and_export_match_on_disk(both, tmp_path):
    remote, local = both
    with Store.open(local, read_only=True) as st:
        actors = [p for (p,) in st.query("SELECT DISTINCT ?p WHERE { VALUES ?t { ng:Person ng:Organization } "
                                         "?p a ?t } ORDER BY ?p")]
    assert len(actors) >= 5
    found = 0
    for actor in actors:  # by IRI: the same question on both sides, no name lookup
        rows = run_named(remote, "linked", person=actor, include_orgs=True)
        assert rows == run_named(local, "linked", person=actor, include_orgs=True) and rows.vars
        assert run_named(remote, "timeline", person=actor) == run_named(local, "timeline", person=actor)
        found += len(rows)
        # without include_orgs: people only, on both sides
        people = run_named(remote, "linked", person=actor)
        assert people == run_named(local, "linked", person=actor)
        assert {str(r[people.vars.index("other_kind")]) for r in people} <= {str(NG.Person)}
    assert found > 0
    assert run_named(remote, "events", type="Detention") == run_named(local, "events", type="Detention")
    # each filter of events (they find the events by place, target or agent first)
    with Store.open(local, read_only=True) as st:
        places = {p for (p,) in st.query("SELECT DISTINCT ?p WHERE { ?e ng:place ?p }")}
        targets = {t for (t,) in st.query("SELECT DISTINCT ?t WHERE { ?e ng:hasTarget ?t }")}
        agents = {a for (a,) in st.query("SELECT DISTINCT ?a WHERE { ?e ng:hasAgent ?a }")}
    assert places and targets and agents
    for key, values in (("place", places), ("target", targets), ("agent", agents)):
        for value in values:
            rows = run_named(local, "events", **{key: value})
            assert rows and rows == run_named(remote, "events", **{key: value}), (key, value)
    some_place = sorted(places)[0]
    assert run_named(remote, "events", type="Detention", place=some_place) == \
        run_named(local, "events", type="Detention", place=some_place)
    for fmt in ("turtle", "nquads"):
        out_remote = CliRunner().invoke(cli, ["--store", remote, "export", "-f", fmt, "-o", str(tmp_path / "r")])
        assert out_remote.exit_code == 0, out_remote.output
        export(local, fmt, tmp_path / "l")
        assert sorted((tmp_path / "r").read_text().splitlines()) == sorted((tmp_path / "l").read_text().splitlines())
    cli_remote = CliRunner().invoke(cli, ["--store", remote, "linked", "Dorin Falk", "--format", "json"])
    cli_local = CliRunner().invoke(cli, ["--store", str(local), "linked", "Dorin Falk", "--format", "json"])
    assert cli_remote.exit_code == 0 and cli_remote.output == cli_local.output


@needs_server
def test_remote_reingest_keeps_the_count_and_remove_drops_the_graph(both, corpus):
    remote, local = both
    before = len(quads(remote))
    report = ingest(remote, [corpus])
    assert report.replaced == report.articles == 4 and len(quads(remote)) == before
    removed = remove(remote, str(corpus / "falk.txt"))
    with open_store(remote, read_only=True) as st:
        assert removed[0] not in st.article_iris() and st.count(removed[0]) == 0
    ingest(remote, [corpus / "falk.txt"])
    assert len(quads(remote)) == before


@needs_server
def test_remote_store_binds_values_without_pasting(oxigraph_url):
    tricky = Literal('Ann "} DROP ALL { " Example\n', lang="en")
    with open_store(oxigraph_url) as st:
        st.replace_graph("https://example.org/test-graph", [(URIRef("https://example.org/x"), RDFS.label, tricky)])
        rows = st.query("SELECT ?x WHERE { ?x rdfs:label ?name }", {"name": tricky})
        assert [r[0] for r in rows] == [URIRef("https://example.org/x")]
        assert st.query("ASK { ?x rdfs:label ?name }", {"?name": Literal("nobody")}) is False
        with pytest.raises(QueryError, match="query failed"):
            st.query("SELECT ?x WHERE { ?x")
        assert st.remove_graph("https://example.org/test-graph") == 1


def test_remote_unreachable_server_is_one_line():
    with pytest.raises(StoreError, match=r"^cannot reach SPARQL server http://127\.0\.0\.1:\d+/query"):
        open_store(f"http://127.0.0.1:{free_port()}")
    result = CliRunner().invoke(cli, ["--store", f"http://127.0.0.1:{free_port()}", "stats"])
    assert result.exit_code == 1 and result.output.startswith("Error: cannot reach SPARQL server")


def test_remote_endpoints_and_urls():
    assert endpoints("http://h:7878/") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("http://h:3030/ds/query") == ("http://h:3030/ds/query", "http://h:3030/ds/update")
    assert endpoints("http://h/sparql", "http://h/up") == ("http://h/sparql", "http://h/up")
    assert remote_url(Path("https://h:1/x")) == "https://h:1/x" and remote_url(Path("store")) is None


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { VALUES (?o) { (<urn:x>) } ?s ?p ?o }"),
    ("ASK{?s ?p ?o}", "ASK{ VALUES (?o) { (<urn:x>) }?s ?p ?o}"),
    ("# where {\nSELECT ?s (\"{\" AS ?b) FROM <urn:g> WHERE { ?s ?p ?o }",
     "# where {\nSELECT ?s (\"{\" AS ?b) FROM <urn:g> WHERE { VALUES (?o) { (<urn:x>) } ?s ?p ?o }"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
     "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { (<urn:x>) } ?s ?p ?o }"),
    ("PREFIX where: <urn:w#> SELECT ?where WHERE { ?where where:p ?o }",
     "PREFIX where: <urn:w#> SELECT ?where WHERE { VALUES (?o) { (<urn:x>) } ?where where:p ?o }"),
    ("DESCRIBE <urn:y>", "DESCRIBE <urn:y>\nVALUES (?o) { (<urn:x>) }"),
])
def test_remote_bind_values_opens_the_where_group(query, expected):
    assert bind_values(query, {"o": URIRef("urn:x")}) == expected
