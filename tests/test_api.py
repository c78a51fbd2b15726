"""The library API (newsgraph/__init__.py) and the rdflib view of a store (Store.rdflib)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

import newsgraph
from newsgraph.cli import cli
from newsgraph.errors import StoreError
from newsgraph.graph.store import Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH

ART_A = "https://w3id.org/newsgraph/article/00000000000000b1"
ART_B = "https://w3id.org/newsgraph/article/00000000000000b2"
MIRA = URIRef("https://w3id.org/newsgraph/id/person/mira-testova")
OLEK = URIRef("https://w3id.org/newsgraph/id/person/olek-probny")
PARTY = URIRef("https://w3id.org/newsgraph/id/org/invented-party")

QUERY = "SELECT ?p ?name WHERE { ?p a ng:Person ; skos:altLabel ?name } ORDER BY ?p ?name"


@pytest.fixture
def store(store_path):
    """Two invented articles' graphs and a resolution graph, written as ingest writes them."""
    with Store.open(store_path) as st:
        st.replace_graph(ART_A, [(URIRef(ART_A), RDF.type, NG.Article), (MIRA, RDF.type, NG.Person),
                                 (MIRA, SKOS.altLabel, Literal("Mira Testova")), (MIRA, NG.memberOf, PARTY),
                                 (PARTY, RDF.type, NG.Organization), (PARTY, SKOS.altLabel, Literal("Invented Party")),
                                 (MIRA, NG.mentionedIn, URIRef(ART_A))])
        st.replace_graph(ART_B, [(URIRef(ART_B), RDF.type, NG.Article), (OLEK, RDF.type, NG.Person),
                                 (OLEK, SKOS.altLabel, Literal('Olek "the Quiet" Probny')),
                                 (MIRA, SKOS.altLabel, Literal("M. Testova")), (MIRA, RDF.type, NG.Person),
                                 (OLEK, NG.mentionedIn, URIRef(ART_B))])
        st.replace_graph(RESOLUTION_GRAPH, [(MIRA, RDFS.label, Literal("Mira Testova")),
                                            (PARTY, RDFS.label, Literal("Invented Party")),
                                            (OLEK, RDFS.label, Literal('Olek "the Quiet" Probny'))])
    return store_path


def _plain(term):
    """``"x"^^xsd:string`` as ``"x"`` (the same literal in RDF 1.1; oxrdflib writes the datatype)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _cli_rows(store_path, query):
    result = CliRunner().invoke(cli, ["--store", str(store_path), "query", query, "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return [tuple(b.get(v, {}).get("value") for v in data["head"]["vars"]) for b in data["results"]["bindings"]]


def test_api_names_and_all():
    assert set(newsgraph.__all__) >= {"ingest", "remove", "export", "open_store", "run_named", "run_sparql"}
    assert all(hasattr(newsgraph, name) for name in newsgraph.__all__)


def test_api_run_sparql_and_run_named_answer_as_the_store_does(store):
    rows = newsgraph.run_sparql(store, QUERY)
    assert [(str(p), str(n)) for p, n in rows] == _cli_rows(store, QUERY)
    bound = newsgraph.run_sparql(store, "SELECT ?p ?name WHERE { ?p skos:altLabel ?name }",
                                 {"name": Literal("M. Testova")})
    assert [str(p) for p, _ in bound] == [str(MIRA)]
    members = newsgraph.run_named(store, "members", org="Invented Party")
    assert any(str(MIRA) in map(str, row) for row in members)


def test_rdflib_view_answers_what_the_cli_answers(store):
    with newsgraph.open_store(store, read_only=True) as st:
        g = st.rdflib()
        assert isinstance(g, Dataset)
        assert [(str(r.p), str(r.name)) for r in g.query(QUERY)] == _cli_rows(store, QUERY)
        found = g.query("SELECT ?p ?name WHERE { ?p skos:altLabel ?name }",
                        initBindings={"name": Literal('Olek "the Quiet" Probny')})
        assert [str(r.p) for r in found] == [str(OLEK)]
        assert g.query("ASK { ?p ng:memberOf ?o }").askAnswer is True


def test_rdflib_view_serializes_the_union_of_the_graphs(store):
    with newsgraph.open_store(store, read_only=True) as st:
        turtle = st.rdflib().serialize(format="turtle")
        quads = st.rdflib().serialize(format="nquads")
        expected = {(s, p, o) for s, p, o, _ in st.quads()}
    parsed = {tuple(map(_plain, t)) for t in Graph().parse(data=turtle, format="turtle")}
    assert parsed == {tuple(map(_plain, t)) for t in expected}
    assert ART_A in quads and RESOLUTION_GRAPH in quads


def test_rdflib_view_is_read_only_unless_asked(store):
    new = (URIRef("https://example.org/x"), RDFS.label, Literal("X"))
    with newsgraph.open_store(store) as st:
        g = st.rdflib()
        with pytest.raises(StoreError, match="read-only"):
            g.add(new)
        with pytest.raises(StoreError, match="read-only"):
            g.update('INSERT DATA { <https://example.org/y> rdfs:label "Y" }')
        with pytest.raises(StoreError, match="read-only"):
            g.graph(URIRef(ART_A)).remove((MIRA, None, None))
        assert st.count(ART_A) == 7
        writable = st.rdflib(writable=True)
        writable.graph(URIRef("https://example.org/g")).add(new)
        assert st.count("https://example.org/g") == 1
    with newsgraph.open_store(store, read_only=True) as st:
        assert st.count("https://example.org/g") == 1
        with pytest.raises(StoreError, match="open it for writing"):
            st.rdflib(writable=True)
