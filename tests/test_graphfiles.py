"""GraphML, GEXF and CSV: what Gephi, networkx and a spreadsheet read back."""
from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.exports import EXPORTERS, export
from newsgraph.exports.graphfiles import (generate_csv, write_csv, write_csv_zip, write_gexf, write_graphml,
                                          write_network)
from newsgraph.exports.network import network_graph
from newsgraph.graph.store import Store

from test_network import A1, E1, QUELL, build_store

ODD = 'She said "no", then\nleft; <b>&</b> \x07bell'


@pytest.fixture
def graph():
    """A small graph with every kind of attribute the projections make."""
    g = nx.Graph(kind="network")
    g.add_node("p1", label="Ann Example", type="Person", category="Person", aliases="A. Example; Ann",
               articles=2, degree=2, evidence=ODD)
    g.add_node("o1", label="=HYPERLINK(\"x\")", type="Organization", category="Organization", aliases="",
               articles=1, degree=1, evidence="")
    g.add_node("e1", label="Detention · 2024-03", type="PretrialDetention", category="Detention", aliases="",
               articles=1, degree=1, evidence="Ann was detained.", date="2024-03",
               start="2024-03-01", end="2024-03-31")
    g.add_edge("p1", "o1", kind="cooccurrence", weight=3, evidence="one\ntwo", articles=A1)
    g.add_edge("p1", "e1", kind="role", weight=1, role="target", evidence="Ann was detained.", articles=A1)
    return g


def _clean(text):
    return text.replace("\x07", "")  # XML 1.0 cannot hold control characters


def test_graphfiles_graphml_round_trip_keeps_counts_and_attributes(graph, tmp_path):
    write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert (back.number_of_nodes(), back.number_of_edges()) == (3, 2)
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node] == {k: _clean(v) if isinstance(v, str) else v for k, v in attrs.items()}
    for a, b, attrs in graph.edges(data=True):
        assert back.edges[a, b] == attrs
    assert back.graph["kind"] == "network"
    assert isinstance(back.nodes["p1"]["articles"], int)


def test_graphfiles_gexf_round_trip_with_event_intervals(graph):
    buf = io.BytesIO()
    write_gexf(graph, buf)
    text = buf.getvalue().decode("utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'start="2024-03-01" end="2024-03-31"' in text
    back = nx.read_gexf(io.BytesIO(buf.getvalue()))
    assert (back.number_of_nodes(), back.number_of_edges()) == (3, 2)
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node] == {k: _clean(v) if isinstance(v, str) else v for k, v in attrs.items()}
    for a, b, attrs in graph.edges(data=True):
        got = dict(back.edges[a, b])
        got.pop("id")  # GEXF numbers its edges
        assert got == attrs


def test_graphfiles_csv_reads_with_the_csv_module(graph, tmp_path):
    write_csv(graph, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    with open(tmp_path / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(tmp_path / "edges.csv", newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert len(nodes) == 3 and len(edges) == 2
    assert list(nodes[0])[:3] == ["id", "label", "type"] and list(edges[0])[:3] == ["source", "target", "kind"]
    assert "type" not in edges[0]  # Gephi would read it as directedness
    by_id = {row["id"]: row for row in nodes}
    assert by_id["p1"]["evidence"] == ODD  # quotes, commas, newlines survive
    assert by_id["p1"]["articles"] == "2"
    assert by_id["e1"]["start"] == "2024-03-01"
    assert {(row["source"], row["target"], row["weight"]) for row in edges} == {("p1", "o1", "3"), ("p1", "e1", "1")}


def test_graphfiles_csv_defuses_spreadsheet_formulas(graph):
    nodes, _ = generate_csv(graph)
    row = next(r for r in csv.DictReader(io.StringIO(nodes)) if r["id"] == "o1")
    assert row["label"] == "'=HYPERLINK(\"x\")"


def test_graphfiles_csv_zip_holds_both_tables(graph):
    buf = io.BytesIO()
    write_csv_zip(graph, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        nodes = list(csv.DictReader(io.TextIOWrapper(archive.open("nodes.csv"), encoding="utf-8", newline="")))
    assert len(nodes) == 3


def test_graphfiles_write_network_by_suffix(graph, tmp_path):
    assert write_network(graph, tmp_path / "g.csv") == [tmp_path / "g.nodes.csv", tmp_path / "g.edges.csv"]
    write_network(graph, tmp_path / "g.GEXF")
    assert nx.read_gexf(tmp_path / "g.GEXF").number_of_nodes() == 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_graphfiles_exporters_are_registered_and_write_the_store(store_path, tmp_path, fmt):
    build_store(store_path)
    assert fmt in EXPORTERS
    with Store.open(store_path, read_only=True) as st:
        expected = network_graph(st)
    out = tmp_path / f"net.{fmt}"
    count = export(store_path, fmt, out)
    assert count == expected.number_of_nodes() + expected.number_of_edges()
    if fmt == "csv":
        with zipfile.ZipFile(out) as archive:
            nodes = list(csv.DictReader(io.TextIOWrapper(archive.open("nodes.csv"), encoding="utf-8")))
            edges = list(csv.DictReader(io.TextIOWrapper(archive.open("edges.csv"), encoding="utf-8")))
        assert (len(nodes), len(edges)) == (expected.number_of_nodes(), expected.number_of_edges())
        return
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (expected.number_of_nodes(),
                                                                 expected.number_of_edges())
    assert back.nodes[str(QUELL)]["label"] == "Mara Quell"
    assert back.nodes[str(E1)]["category"] == "Detention"


def test_graphfiles_cli_export_to_stdout(store_path):
    build_store(store_path)
    result = CliRunner().invoke(cli, ["--store", str(store_path), "export", "--format", "graphml"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    back = nx.read_graphml(io.BytesIO(result.stdout_bytes))
    assert back.number_of_nodes() == 7
