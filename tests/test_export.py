"""RDF exports: every format parses back to what the store holds; writes are all-or-nothing."""
from __future__ import annotations

import io
import logging

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS

import newsgraph.exports.rdf as rdf_mod
from newsgraph.errors import ExportError
from newsgraph.exports import EXPORTERS, export
from newsgraph.exports.rdf import union_graph
from newsgraph.graph.store import Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH

ID = "https://w3id.org/newsgraph/id/person/"
ART1, ART2 = "https://w3id.org/newsgraph/article/00000000000000a1", "https://w3id.org/newsgraph/article/00000000000000a2"
ODD = 'She said "no" \\ twice }\nthen left'
UNION_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}
DATASET_FORMATS = {"nquads": "nquads", "trig": "trig"}


@pytest.fixture
def store(store_path):
    ann = URIRef(ID + "ann-example")
    with Store.open(store_path) as st:
        for art, extra in ((ART1, Literal(ODD, lang="en")), (ART2, Literal("A. Example"))):
            st.replace_graph(art, [(URIRef(art), RDF.type, NG.Article), (ann, RDF.type, NG.Person),
                                   (ann, SKOS.altLabel, Literal("Ann Example")),
                                   (ann, SKOS.altLabel, extra), (ann, NG.mentionedIn, URIRef(art))])
        st.replace_graph(RESOLUTION_GRAPH, [(ann, RDFS.label, Literal("Ann Example"))])
        yield st


def expected_union():
    ann = URIRef(ID + "ann-example")
    g = Graph()
    for t in [(URIRef(ART1), RDF.type, NG.Article), (URIRef(ART2), RDF.type, NG.Article),
              (ann, RDF.type, NG.Person), (ann, RDFS.label, Literal("Ann Example")),
              (ann, SKOS.altLabel, Literal(ODD, lang="en")), (ann, SKOS.altLabel, Literal("A. Example")),
              (ann, NG.mentionedIn, URIRef(ART1)), (ann, NG.mentionedIn, URIRef(ART2))]:
        g.add(t)
    return g


def test_export_registry_has_the_five_rdf_formats():
    assert {"json-ld", "nquads", "nt", "trig", "turtle"} <= set(EXPORTERS)


def test_export_union_drops_altlabels_that_repeat_the_label(store):
    graph = union_graph(store)
    assert isomorphic(graph, expected_union())
    assert graph.namespace_manager.store.namespace("ng") == URIRef(str(NG._NS))


@pytest.mark.parametrize("fmt", sorted(UNION_FORMATS))
def test_export_union_formats_parse_back(store, fmt):
    out = io.BytesIO()
    assert export(store, fmt, out) == 8
    back = Graph().parse(data=out.getvalue(), format=UNION_FORMATS[fmt])
    assert isomorphic(back, expected_union())


def test_export_turtle_parses_with_an_independent_parser(store):
    out = io.BytesIO()
    export(store, "turtle", out)
    assert out.getvalue().startswith(b"@prefix ")
    triples = list(ox.parse(out.getvalue(), format=ox.RdfFormat.TURTLE))
    assert len(triples) == 8
    assert ox.Literal(ODD, language="en") in {t.object for t in triples}


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_export_dataset_formats_keep_named_graphs(store, fmt):
    out = io.BytesIO()
    assert export(store, fmt, out) == 11
    back = Dataset()
    back.parse(data=out.getvalue(), format=DATASET_FORMATS[fmt])
    parsed = {(s, p, o, str(getattr(g, "identifier", g))) for s, p, o, g in back.quads((None, None, None, None))}
    assert parsed == {(s, p, o, str(g)) for s, p, o, g in store.quads()}


def test_export_nquads_parses_with_an_independent_parser(store):
    out = io.BytesIO()
    export(store, "nquads", out)
    quads = list(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {ART1, ART2, RESOLUTION_GRAPH}


def test_export_to_a_path_from_a_store_path(store, tmp_path):
    path, where = tmp_path / "graph.ttl", store.path
    store.close()
    assert export(where, "turtle", path) == 8
    assert isomorphic(Graph().parse(path, format="turtle"), expected_union())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_failure_leaves_no_file_and_keeps_the_old_one(store, tmp_path, monkeypatch):
    path = tmp_path / "graph.nt"
    path.write_text("last month's export")

    def broken(*args, **kwargs):
        raise ExportError("disk on fire")

    monkeypatch.setattr(rdf_mod, "_serialize", broken)
    with pytest.raises(ExportError):
        export(store, "nt", path)
    monkeypatch.undo()

    real_fdopen = rdf_mod.os.fdopen

    class FullDisk:
        def __init__(self, fd, mode):
            self.fh = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(rdf_mod.os, "fdopen", FullDisk)
    with pytest.raises(ExportError, match="No space left on device"):
        export(store, "nt", path)
    assert path.read_text() == "last month's export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt", "store"]


def test_export_unknown_format_is_an_error(store):
    with pytest.raises(ExportError, match="unknown export format 'rdfxml'"):
        export(store, "rdfxml", io.BytesIO())


def test_export_empty_store(store_path):
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    Store.open(store_path).close()
    for fmt in EXPORTERS:
        assert export(store_path, fmt, io.BytesIO()) == 0
