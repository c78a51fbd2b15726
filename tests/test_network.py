"""Network projections (co-occurrence, affiliation, events, ego) and the ``viz`` command.

The store is built by hand, as extraction would write it; every name is invented.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD, DCTERMS

from newsgraph.cli import cli
from newsgraph.errors import QueryError
from newsgraph.exports.network import (add_communities, affiliation_graph, build_graph, cooccurrence_graph,
                                       ego_graph, events_graph, network_graph, top_nodes)
from newsgraph.graph.store import Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH

ID = "https://w3id.org/newsgraph/id/"
A1 = "https://w3id.org/newsgraph/article/00000000000000b1"
A2 = "https://w3id.org/newsgraph/article/00000000000000b2"
QUELL, VASKO = URIRef(ID + "person/mara-quell"), URIRef(ID + "person/teodor-vasko")
GLP, POLICE, COURT = URIRef(ID + "org/green-lantern-party"), URIRef(ID + "org/ostravel-police"), \
    URIRef(ID + "org/brenmoor-court")
OSTRAVEL = URIRef(ID + "place/ostravel")
E1, E2 = URIRef(ID + "event/b1-1"), URIRef(ID + "event/b2-1")
RALLY = "Mara Quell and Teodor Vasko addressed the Green Lantern Party rally in Ostravel."
DETAINED = "Ostravel Police detained Mara Quell."
MET = "Teodor Vasko met Mara Quell."
LEADS = "Quell leads the Green Lantern Party."
LABELS = {QUELL: "Mara Quell", VASKO: "Teodor Vasko", GLP: "Green Lantern Party",
          POLICE: "Ostravel Police", COURT: "Brenmoor Court", OSTRAVEL: "Ostravel"}


def _entity(iri, cls, article, *names):
    triples = [(iri, RDF.type, cls), (iri, NG.mentionedIn, URIRef(article))]
    return triples + [(iri, SKOS.altLabel, Literal(n)) for n in names]


def _sentence(iri, text, article, *mentions):
    s = URIRef(ID + "sentence/" + iri)
    return [(s, RDF.type, NG.Sentence), (s, NG.evidence, Literal(text)),
            (s, PROV.wasDerivedFrom, URIRef(article))] + [(s, NG.mentions, m) for m in mentions]


def build_store(path) -> None:
    """Two invented articles: a rally, a detention, a tie, a sentencing without a year."""
    a1 = [(URIRef(A1), RDF.type, NG.Article), (URIRef(A1), DCTERMS.date, Literal("2024-03-05", datatype=XSD.date))]
    a1 += _entity(QUELL, NG.Person, A1, "Mara Quell", "Quell") + _entity(VASKO, NG.Person, A1, "Teodor Vasko")
    a1 += _entity(GLP, NG.Organization, A1, "Green Lantern Party", "GLP")
    a1 += _entity(POLICE, NG.Organization, A1, "Ostravel Police") + _entity(OSTRAVEL, NG.Place, A1, "Ostravel")
    a1 += _sentence("b1-1", RALLY, A1, QUELL, VASKO, GLP, OSTRAVEL)
    a1 += _sentence("b1-2", DETAINED, A1, POLICE, QUELL)
    a1 += [(E1, RDF.type, NG.PretrialDetention), (E1, NG.hasTarget, QUELL), (E1, NG.hasAgent, POLICE),
           (E1, NG.place, OSTRAVEL), (E1, NG.date, Literal("2024-03", datatype=XSD.gYearMonth)),
           (E1, NG.evidence, Literal(DETAINED)), (E1, PROV.wasDerivedFrom, URIRef(A1))]
    tie = URIRef(ID + "tie/b1-1")
    a1 += [(QUELL, NG.leaderOf, GLP), (tie, RDF.type, NG.Tie), (tie, NG.tieSubject, QUELL),
           (tie, NG.tieProperty, NG.leaderOf), (tie, NG.tieObject, GLP), (tie, NG.evidence, Literal(LEADS)),
           (tie, PROV.wasDerivedFrom, URIRef(A1))]
    a2 = [(URIRef(A2), RDF.type, NG.Article)]
    a2 += _entity(QUELL, NG.Person, A2, "Quell") + _entity(VASKO, NG.Person, A2, "Vasko")
    a2 += _entity(COURT, NG.Organization, A2, "Brenmoor Court")
    a2 += _sentence("b2-1", MET, A2, VASKO, QUELL)
    a2 += [(E2, RDF.type, NG.Sentencing), (E2, NG.hasTarget, VASKO), (E2, NG.hasAgent, COURT),
           (E2, NG.date, Literal("--11-16", datatype=XSD.gMonthDay)),
           (E2, NG.evidence, Literal("Brenmoor Court sentenced Vasko.")), (E2, PROV.wasDerivedFrom, URIRef(A2))]
    with Store.open(path) as st:
        st.replace_graph(A1, a1)
        st.replace_graph(A2, a2)
        st.replace_graph(RESOLUTION_GRAPH, [(iri, RDFS.label, Literal(name)) for iri, name in LABELS.items()])


@pytest.fixture
def store(store_path):
    build_store(store_path)
    with Store.open(store_path, read_only=True) as st:
        yield st


def _edge(graph, a, b):
    return graph.edges[str(a), str(b)]


def test_network_cooccurrence_joins_actors_of_one_sentence_or_event(store):
    g = cooccurrence_graph(store)
    assert set(g) == {str(x) for x in (QUELL, VASKO, GLP, POLICE, COURT)}  # no place, no event
    assert {frozenset(e) for e in g.edges} == {frozenset(map(str, p)) for p in (
        (QUELL, VASKO), (QUELL, GLP), (VASKO, GLP), (QUELL, POLICE), (VASKO, COURT))}
    pair = _edge(g, QUELL, VASKO)
    assert pair["weight"] == 2
    assert pair["evidence"].splitlines() == [RALLY, MET]
    assert pair["articles"] == f"{A1} {A2}"
    # the detention sentence is both an ng:Sentence and the event's evidence: counted once
    assert _edge(g, QUELL, POLICE)["weight"] == 1
    assert _edge(g, VASKO, COURT)["evidence"] == "Brenmoor Court sentenced Vasko."


def test_network_node_attributes(store):
    g = cooccurrence_graph(store)
    quell = g.nodes[str(QUELL)]
    assert quell["label"] == "Mara Quell"
    assert quell["type"] == quell["category"] == "Person"
    assert quell["aliases"] == "Quell"
    assert quell["articles"] == 2
    assert quell["degree"] == 3
    assert quell["evidence"] in (RALLY, DETAINED, MET)
    assert g.nodes[str(GLP)]["aliases"] == "GLP"
    assert all(isinstance(v, (str, int)) for _, a in g.nodes(data=True) for v in a.values())


def test_network_affiliation_is_bipartite_with_the_finer_tie(store):
    g = affiliation_graph(store)
    assert set(g.edges) == {(str(QUELL), str(GLP))}
    edge = _edge(g, QUELL, GLP)
    assert (edge["relation"], edge["evidence"], edge["articles"], edge["weight"]) == ("leaderOf", LEADS, A1, 1)
    assert g.nodes[str(QUELL)]["bipartite"] == 0 and g.nodes[str(GLP)]["bipartite"] == 1


def test_network_events_graph_roles_types_and_dates(store):
    g = events_graph(store)
    e1, e2 = g.nodes[str(E1)], g.nodes[str(E2)]
    assert (e1["type"], e1["category"], e1["date"]) == ("PretrialDetention", "Detention", "2024-03")
    assert (e1["start"], e1["end"]) == ("2024-03-01", "2024-03-31")
    assert e1["label"] == "Pretrial detention · 2024-03 · Ostravel"
    assert e1["evidence"] == DETAINED
    assert "start" not in e2 and e2["date"] == "--11-16"  # no year: no interval
    assert _edge(g, QUELL, E1)["role"] == "target"
    assert _edge(g, POLICE, E1)["role"] == "agent"
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 4


def test_network_ego_graph_by_alias_in_any_case(store):
    g = ego_graph(store, "green lantern party", 1)
    assert set(g) == {str(GLP), str(QUELL), str(VASKO)}
    assert g.graph["centre"] == str(GLP)
    assert set(ego_graph(store, "Ostravel Police", 2)) == {str(POLICE), str(QUELL), str(VASKO), str(GLP)}


def test_network_ego_graph_unknown_name_is_a_query_error(store):
    with pytest.raises(QueryError, match="Nobody Atall"):
        ego_graph(store, "Nobody Atall", 1)


def test_network_name_lookup_without_the_queries_module(store, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "newsgraph.queries.lookup", None)  # import fails: simple match
    assert set(ego_graph(store, "glp", 1)) == {str(GLP), str(QUELL), str(VASKO)}
    with pytest.raises(QueryError, match="no entity named 'Quel'"):
        ego_graph(store, "Quel", 1)


def test_network_top_and_communities(store):
    g = cooccurrence_graph(store, top=2, communities=True)
    assert set(g) == {str(QUELL), str(VASKO)}
    assert g.nodes[str(QUELL)]["degree"] == 1  # degree in the picture shown
    assert g.graph["communities"] == 1
    assert top_nodes(g, 10) is g


def test_network_louvain_communities_separate_two_cliques():
    import networkx as nx

    g = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(3))
    g.add_edge(0, 4)
    assert add_communities(g) == 2
    assert g.nodes[0]["community"] == 0 and g.nodes[5]["community"] == 1


def test_network_graph_merges_all_three(store):
    g = network_graph(store)
    assert g.number_of_nodes() == 7
    edge = _edge(g, QUELL, GLP)
    assert edge["kind"] == "affiliation; cooccurrence"
    assert (edge["relation"], edge["weight"]) == ("leaderOf", 1)
    assert _edge(g, QUELL, E1)["kind"] == "role"


def test_network_build_graph_titles_and_bad_values(store):
    assert build_graph(store, "events").graph["title"] == "Who took part in which events"
    assert build_graph(store, around="Quell").graph["title"].startswith("Mara Quell and everyone within one step")
    with pytest.raises(QueryError):
        build_graph(store, "nonsense")


def test_network_empty_store(store_path):
    Store.open(store_path).close()
    with Store.open(store_path, read_only=True) as st:
        for build in (cooccurrence_graph, affiliation_graph, events_graph, network_graph):
            assert build(st).number_of_nodes() == 0


# ---------------------------------------------------------------- CLI

def test_cli_viz_writes_an_offline_page(store_path, tmp_path):
    build_store(store_path)
    out = tmp_path / "people.html"
    result = CliRunner().invoke(cli, ["--store", str(store_path), "viz", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 5 nodes and 5 edges to {out}\n"
    page = out.read_text(encoding="utf-8")
    assert "<h1>Who appears with whom</h1>" in page
    assert "cdn" not in page.split("<style>", 1)[0].lower()
    assert "Mara Quell" in page


def test_cli_viz_around_depth_communities_and_formats(store_path, tmp_path):
    build_store(store_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", str(store_path), "viz", "--kind", "events", "--around", "quell",
                                 "--depth", "2", "--communities", "-o", str(tmp_path / "q.gexf")])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 3 nodes and 2 edges, 1 community to {tmp_path / 'q.gexf'}\n"  # Quell, E1, police
    result = runner.invoke(cli, ["--store", str(store_path), "viz", "--top", "2", "-o", str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t.nodes.csv").is_file() and (tmp_path / "t.edges.csv").is_file()


@pytest.mark.parametrize("args, message", [
    (["--around", "Nobody Atall"], "Error: no person or organization named 'Nobody Atall'"),
    (["-o", "graph.txt"], "cannot tell the format from '.txt'"),
])
def test_cli_viz_errors_are_one_line(store_path, tmp_path, args, message):
    build_store(store_path)
    result = CliRunner().invoke(cli, ["--store", str(store_path), "viz", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_big_page_ships_positions_and_draws_without_physics():
    import json
    import re

    import networkx as nx

    from newsgraph.exports.html import LAYOUT_IN_PYTHON_ABOVE, generate_html

    graph = nx.path_graph(LAYOUT_IN_PYTHON_ABOVE + 1)
    nx.set_node_attributes(graph, {n: f"Invented Person {n}" for n in graph}, "label")
    page = generate_html(graph)
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1))
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in data["nodes"])
    small = generate_html(nx.path_graph(5))
    assert '"x":' not in small.replace(" ", "")
