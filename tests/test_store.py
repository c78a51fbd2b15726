"""The store: opening, locking, atomic graph replacement, bound queries, term fidelity."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from newsgraph.errors import QueryError, StoreError, StoreLockedError
from newsgraph.graph.store import Rows, Store, StoreWriteError, default_store_path

EX = "https://example.org/"
G1, G2 = EX + "graph/1", EX + "graph/2"
ANN, BEN = URIRef(EX + "ann"), URIRef(EX + "ben")
HOSTILE = 'x" } ; DROP ALL ; #<script>'


def person(node, name):
    return [(node, RDF.type, URIRef(EX + "Person")), (node, RDFS.label, Literal(name))]


@pytest.fixture
def store(store_path):
    with Store.open(store_path) as st:
        st.replace_graph(G1, person(ANN, "Ann Example") + [(ANN, URIRef(EX + "knows"), BEN)])
        st.replace_graph(G2, person(BEN, "Ben Example"))
        yield st


def holder_script(path, *, seconds=30):
    """A child process that opens ``path`` as a writer, says 'ready', and waits."""
    return [sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from newsgraph.graph.store import Store
        st = Store.open({str(path)!r})
        print("ready", flush=True)
        time.sleep({seconds})
    """)]


def test_store_open_creates_folder(store_path):
    with Store.open(store_path) as st:
        assert len(st) == 0 and st.graphs() == []
    assert (store_path / "CURRENT").is_file()


def test_store_default_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_STORE", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"
    monkeypatch.delenv("NEWSGRAPH_STORE")
    assert str(default_store_path()) == "newsgraph-store"


def test_store_path_that_is_a_file_is_one_line_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes")
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            Store.open(path, read_only=read_only)
        assert str(err.value) == f"store path {path} is a file, not a store folder"
    assert path.read_text() == "my notes"


def test_store_refuses_a_folder_of_other_files(tmp_path):
    (tmp_path / "thesis.docx").write_text("months of work")
    with pytest.raises(StoreError, match="not a newsgraph store"):
        Store.open(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.docx"]


def test_store_read_only_needs_an_existing_store(store_path):
    with pytest.raises(StoreError, match="no store at"):
        Store.open(store_path, read_only=True)
    assert not store_path.exists()


def test_store_second_writer_is_locked_out(store_path):
    with Store.open(store_path):
        with pytest.raises(StoreLockedError) as err:
            Store.open(store_path, wait=0.2)
        assert "is in use by another newsgraph process (pid " in str(err.value)
    with Store.open(store_path):  # released on close
        pass


def test_store_writer_in_another_process_is_named_by_pid(store_path):
    Store.open(store_path).close()
    child = subprocess.Popen(holder_script(store_path), stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match=rf"\(pid {child.pid}\)"):
            Store.open(store_path)
        with Store.open(store_path, read_only=True) as reader:  # readers need no lock
            assert len(reader) == 0
    finally:
        child.kill()
        child.wait()
    with Store.open(store_path, wait=5):  # a killed writer leaves no stale lock
        pass


def test_store_reader_sees_writes_committed_before_it_opened(store):
    with Store.open(store.path, read_only=True) as reader:
        assert reader.count(G1) == 3
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_graph(G1, [])


def test_store_replace_graph_replaces_only_that_graph(store):
    store.replace_graph(G1, person(ANN, "Ann Other"))
    assert store.count(G1) == 2 and store.count(G2) == 2
    assert {o for *_, o, _g in store.quads(G1) if isinstance(o, Literal)} == {Literal("Ann Other")}
    store.replace_graph(G1, [])
    assert G1 not in store.graphs() and len(store) == 2


def test_store_replace_graph_with_a_bad_term_writes_nothing(store):
    before = set(store.quads())
    bad = person(ANN, "Ann New") + [(URIRef("https://example.org/not an iri"), RDFS.label, Literal("x"))]
    with pytest.raises(StoreError, match="cannot store a term"):
        store.replace_graph(G1, bad)
    assert set(store.quads()) == before


def test_store_remove_graph_returns_triple_count(store):
    assert store.remove_graph(G1) == 3
    assert store.remove_graph(G1) == 0
    assert store.graphs() == [G2] and len(store) == 2


def test_store_query_binds_a_hostile_name_that_finds_itself(store):
    store.replace_graph(EX + "graph/3", person(URIRef(EX + "eve"), HOSTILE))
    before = set(store.quads())
    rows = store.query("SELECT ?who ?name WHERE { ?who rdfs:label ?name }", {"name": Literal(HOSTILE)})
    assert rows == [(URIRef(EX + "eve"), Literal(HOSTILE))]
    assert store.query("ASK { ?who rdfs:label ?name }", {"?name": HOSTILE}) is True
    assert set(store.query("SELECT ?who ?name WHERE { ?who rdfs:label ?name }",
                           {"name": Literal("Ann Example")})) == {(ANN, Literal("Ann Example"))}
    assert set(store.quads()) == before and len(store.graphs()) == 3


def test_store_query_returns_rows_bool_or_graph(store):
    rows = store.query("SELECT ?s ?name WHERE { ?s a ?t OPTIONAL { ?s <%sknows> ?name } } ORDER BY ?s" % EX)
    assert isinstance(rows, Rows) and rows.vars == ["s", "name"]
    assert rows == [(ANN, BEN), (BEN, None)]
    assert store.query("ASK { ?s rdfs:label 'Nobody' }") is False
    graph = store.query("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }")
    assert isinstance(graph, Graph) and len(graph) == 2
    assert store.query("SELECT ?s WHERE { ?s a ?t }", union=False) == []
    assert len(store.query("SELECT ?s WHERE { GRAPH ?g { ?s a ?t } }", union=False)) == 2


@pytest.mark.parametrize("bad", ["SELECT nothing", "DROP ALL", "DELETE WHERE { ?s ?p ?o }"])
def test_store_query_rejects_bad_or_writing_sparql(store, bad):
    with pytest.raises(QueryError):
        store.query(bad)
    assert len(store) == 5


def test_store_rewrite_iris_in_subjects_and_objects_of_all_graphs(store):
    carl, dana = URIRef(EX + "carl"), URIRef(EX + "dana")
    store.rewrite_iris({str(ANN): str(carl), str(BEN): str(dana)})
    assert set(store.quads()) == {
        (carl, RDF.type, URIRef(EX + "Person"), URIRef(G1)), (carl, RDFS.label, Literal("Ann Example"), URIRef(G1)),
        (carl, URIRef(EX + "knows"), dana, URIRef(G1)),
        (dana, RDF.type, URIRef(EX + "Person"), URIRef(G2)), (dana, RDFS.label, Literal("Ben Example"), URIRef(G2))}


def test_store_rewrite_iris_maps_simultaneously_not_in_chains(store):
    store.rewrite_iris({str(ANN): str(BEN), str(BEN): EX + "cid"})
    names = {str(s): str(o) for s, p, o, _ in store.quads() if p == RDFS.label}
    assert names == {str(BEN): "Ann Example", EX + "cid": "Ben Example"}


def test_store_rewrite_iris_keeps_every_kind_of_literal_and_self_links(store):
    odd = [Literal('say "no"\nback\\slash'), Literal("Анна", lang="ru"), Literal("3", datatype=XSD.integer),
           Literal("2024-05-01", datatype=XSD.date), Literal("  spaced  ")]
    store.replace_graph(G2, [(ANN, RDFS.comment, o) for o in odd] + [(ANN, SKOS.related, ANN)])
    cid = URIRef(EX + "cid")
    store.rewrite_iris({str(ANN): str(cid)})
    in_g2 = {(s, p, o) for s, p, o, g in store.quads() if str(g) == G2}
    assert in_g2 == {(cid, RDFS.comment, o) for o in odd} | {(cid, SKOS.related, cid)}
    assert not [q for q in store.quads() if ANN in (q[0], q[2])]
    assert len(store) == 9


def test_store_rewrite_iris_moves_quads_that_hold_a_blank_node(store):
    node = BNode("n1")
    store.replace_graph(G2, [(ANN, URIRef(EX + "saw"), node), (node, RDFS.label, Literal("a crowd"))])
    store.rewrite_iris({str(ANN): EX + "cid"})
    rows = store.query("SELECT ?who ?l WHERE { ?who <%ssaw> ?n . ?n rdfs:label ?l }" % EX)
    assert rows == [(URIRef(EX + "cid"), Literal("a crowd"))]


def test_store_rewrite_iris_leaves_the_default_graph_as_it_was(store):
    import pyoxigraph as ox

    store.db.add(ox.Quad(ox.NamedNode(str(ANN)), ox.NamedNode(str(RDFS.label)), ox.Literal("kept")))
    store.rewrite_iris({str(ANN): EX + "cid"})
    default = [q for q in store.db.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    assert [(q.subject.value, q.object.value) for q in default] == [(str(ANN), "kept")]
    assert not [q for q in store.quads() if q[0] == ANN and str(q[3]) in (G1, G2)]


def test_store_rewrite_iris_of_an_iri_in_no_quad_changes_nothing(store):
    before = set(store.quads())
    store.rewrite_iris({EX + "nobody": EX + "somebody"})
    assert set(store.quads()) == before


def test_store_to_dataset_keeps_named_graphs(store):
    ds = store.to_dataset()
    assert isinstance(ds, Dataset)
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {G1, G2}
    assert len(ds.graph(URIRef(G1))) == 3


def test_store_stats_counts_articles_and_entities(store_path):
    from newsgraph.ontology import NG

    art = "https://w3id.org/newsgraph/article/00000000000000aa"
    event = URIRef(EX + "event/1")
    with Store.open(store_path) as st:
        st.replace_graph(art, [(URIRef(art), RDF.type, NG.Article), (ANN, RDF.type, NG.Person),
                               (event, RDF.type, NG.Detention), (event, NG.hasTarget, ANN)])
        counts = st.stats()
    assert counts["articles"] == 1 and counts["persons"] == 1 and counts["events"] == 1
    assert counts["event_types"] == {"Detention": 1} and counts["triples"] == counts["quads"] == 4
    assert counts["size_bytes"] > 0


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_literals = st.one_of(
    _text.map(Literal),
    st.tuples(_text, st.sampled_from(["en", "en-GB", "ru", "kk-Cyrl", "zh-Hant-TW"])).map(
        lambda t: Literal(t[0], lang=t[1])),
    st.tuples(_text, st.sampled_from([XSD.date, XSD.gYear, XSD.integer, XSD.decimal, XSD.anyURI])).map(
        lambda t: Literal(t[0], datatype=t[1], normalize=False)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(_literals, min_size=1, max_size=6))
def test_store_literals_survive_the_round_trip(store, values):
    import logging

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # ill-typed lexical forms are fine here
    triples = [(URIRef(f"{EX}n{i}"), SKOS.altLabel, v) for i, v in enumerate(values)]
    store.replace_graph(EX + "graph/lit", triples)
    back = {(s, o) for s, _p, o, _g in store.quads(EX + "graph/lit")}
    want = set()
    for s, _p, o in triples:
        if o.language:  # pyoxigraph lower-cases language tags; rdflib compares them case-blind
            o = Literal(str(o), lang=o.language.lower())
        want.add((s, o))
    assert {(s, str(o), o.language, o.datatype) for s, o in back} == \
           {(s, str(o), o.language, o.datatype) for s, o in want}
    rows = store.query("SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(EX + "graph/lit")})
    assert {(s, str(o)) for _g, s, o in rows} == {(s, str(o)) for s, o in want}
    for _g, s, o in rows:  # each literal, bound as a parameter, finds its node
        found = store.query("SELECT ?s ?o WHERE { ?s skos:altLabel ?o }", {"o": o})
        assert (s, o) in found and all(str(v) == str(o) for _, v in found)


def test_store_blank_nodes_are_kept_within_a_graph(store):
    b = BNode()
    store.replace_graph(EX + "graph/b", [(b, RDFS.label, Literal("anon")), (ANN, URIRef(EX + "knows"), b)])
    quads = list(store.quads(EX + "graph/b"))
    (node,) = {s for s, *_ in quads if isinstance(s, BNode)}
    assert (ANN, URIRef(EX + "knows"), node, URIRef(EX + "graph/b")) in quads


# ---------------------------------------------------------------- how graphs are written

@pytest.fixture
def writes(store, monkeypatch):
    """Every write the store makes: ``("update", sparql)``, ``("extend", n_quads)`` or ``("load", n_quads)``
    (N-Quads text, one call; recorded when the loader took it). Its own updates go through ``_update``;
    the public ``update`` is for writes the side index cannot follow."""
    seen = []
    real_update, real_extend, real_load = store._update, store._extend, store._load

    def load(data, n):
        done = real_load(data, n)
        if done:
            seen.append(("load", n))
        return done

    monkeypatch.setattr(store, "_update", lambda sparql: (seen.append(("update", sparql)), real_update(sparql))[1])
    monkeypatch.setattr(store, "_extend", lambda quads: (seen.append(("extend", len(quads))), real_extend(quads))[1])
    monkeypatch.setattr(store, "_load", load)
    return seen


def graph_of(store, graph):
    return {(s, p, o) for s, p, o, _g in store.quads(graph)}


def test_store_replace_graphs_writes_new_graphs_in_one_transaction_without_sparql(store, writes):
    g3, g4 = EX + "graph/3", EX + "graph/4"
    eve = URIRef(EX + "eve")
    counts = store.replace_graphs([(g3, person(eve, "Eve Example")), (g4, person(eve, HOSTILE) + person(ANN, "A"))])
    assert counts == {"added": 2, "changed": 0, "removed": 0, "unchanged": 0}
    assert writes == [("load", 6)]  # N-Quads text parsed and loaded in one transaction
    assert graph_of(store, g3) == set(person(eve, "Eve Example"))
    assert graph_of(store, g4) == set(person(eve, HOSTILE) + person(ANN, "A"))
    assert store.count(G1) == 3 and len(store) == 11


def test_store_identical_rewrite_writes_nothing_and_keeps_counts(store, writes):
    before, n = set(store.quads()), len(store)
    counts = store.replace_graphs([(G1, person(ANN, "Ann Example") + [(ANN, URIRef(EX + "knows"), BEN)]),
                                   (G2, list(reversed(person(BEN, "Ben Example"))))])
    assert counts == {"added": 0, "changed": 0, "removed": 0, "unchanged": 2}
    assert writes == []
    assert set(store.quads()) == before and len(store) == n


def test_store_changed_graph_is_replaced_by_one_update(store, writes):
    tricky = Literal('line one\nsays "\\u0022" } ; DROP ALL ; ' + HOSTILE, lang="en")
    new = person(ANN, "Ann Other") + [(ANN, RDFS.comment, tricky)]
    counts = store.replace_graphs([(G1, new)])
    assert counts == {"added": 0, "changed": 1, "removed": 0, "unchanged": 0}
    assert len(writes) == 1 and writes[0][0] == "update"
    assert "DELETE DATA" in writes[0][1] and "INSERT DATA" in writes[0][1]
    assert graph_of(store, G1) == set(new)
    assert graph_of(store, G2) == set(person(BEN, "Ben Example"))


def test_store_graph_that_only_grows_is_extended(store, writes):
    more = person(ANN, "Ann Example") + [(ANN, URIRef(EX + "knows"), BEN), (ANN, SKOS.altLabel, Literal("Ann"))]
    assert store.replace_graphs([(G1, more)])["added"] == 1
    assert writes == [("extend", 1)]
    assert graph_of(store, G1) == set(more)


def test_store_failed_update_of_a_changed_graph_keeps_the_old_graph(store, monkeypatch):
    before = set(store.quads())

    def refuse(sparql):
        raise StoreWriteError("cannot write to store: disk full")

    monkeypatch.setattr(store, "_update", refuse)
    with pytest.raises(StoreWriteError):
        store.replace_graphs([(G1, person(ANN, "Ann Other")), (EX + "graph/new", person(ANN, "Ann Other"))])
    assert set(store.quads()) == before  # the changed graph's update failed, so the new graph was not written


def test_store_bad_term_anywhere_in_a_batch_writes_nothing(store, writes):
    before = set(store.quads())
    for bad in ([(URIRef(EX + "not an iri"), RDFS.label, Literal("x"))], [(Literal("x"), RDFS.label, ANN)],
                [(ANN, Literal("p"), ANN)], [(ANN, RDFS.label, "a plain str")], [(ANN, RDFS.label)]):
        with pytest.raises(StoreError, match=r"^graph https://example.org/graph/2: cannot store a term \("):
            store.replace_graphs([(EX + "graph/3", person(ANN, "New")), (G1, person(ANN, "Changed")),
                                  (G2, bad)])
    with pytest.raises(StoreError, match="not a valid IRI"):
        store.replace_graphs([(EX + "graph/3", person(ANN, "New")), ("not a graph name", [])])
    assert writes == [] and set(store.quads()) == before


def test_store_new_graphs_written_as_text_keep_every_term_exactly(store, writes):
    """A batch of new graphs goes to pyoxigraph as N-Quads text: quotes, backslashes, line breaks and
    an IRI's closing bracket inside a literal stay literal text; typed literals keep their type, as the
    term-by-term conversion keeps them."""
    g3 = EX + "graph/3"
    tricky = [(ANN, RDFS.comment, Literal('a\\b "c"\nd\re\t> <' + EX + 'x> . ' + HOSTILE)),
              (ANN, URIRef(EX + "age"), Literal("041", datatype=XSD.integer)),
              (ANN, URIRef(EX + "name"), Literal("Ann", datatype=XSD.string))]
    assert store.replace_graphs([(g3, tricky)])["added"] == 1
    assert writes == [("load", 3)]
    plain = {(ANN, URIRef(EX + "name"), Literal("Ann"))}  # xsd:string is the plain literal (RDF 1.1)
    assert graph_of(store, g3) == set(tricky[:2]) | plain and len(store) == 8


def test_store_new_graphs_with_a_bad_iri_write_nothing(store, writes):
    """An IRI that could end early in N-Quads text ("x> <y") or that pyoxigraph refuses: the batch is
    not written (small batches and bulk-loaded ones alike), and the error names the graph."""
    before = set(store.quads())
    many = [(URIRef(f"{EX}n{i}"), RDFS.label, Literal(f"n{i}")) for i in range(2_500)]  # bulk loader
    for bad in (URIRef(EX + 'x> <' + EX + 'p> "y" <' + EX + 'g> .\n<' + EX + 'z'), URIRef(EX + "a%zz"),
                URIRef("no scheme")):
        for first in (person(ANN, "New"), many):
            with pytest.raises(StoreError, match=r"^graph https://example.org/graph/4: cannot store a term \("):
                store.replace_graphs([(EX + "graph/3", first), (EX + "graph/4", [(ANN, RDFS.label, bad)])])
    assert writes == [] and set(store.quads()) == before


def test_store_graph_named_twice_in_a_batch_gets_its_last_triples(store):
    store.replace_graphs([(G1, person(ANN, "First")), (G2, []), (G1, person(ANN, "Last"))])
    assert graph_of(store, G1) == set(person(ANN, "Last"))
    assert store.graphs() == [G1]


def test_store_empty_triples_remove_the_graph(store, writes):
    assert store.replace_graphs([(G2, []), (EX + "graph/none", [])]) == {
        "added": 0, "changed": 0, "removed": 1, "unchanged": 1}
    assert store.graphs() == [G1] and len(store) == 3


def test_store_changed_graph_with_blank_nodes(store):
    g3 = EX + "graph/3"
    b, c = BNode(), BNode()
    first = [(b, RDFS.label, Literal("anon")), (ANN, URIRef(EX + "knows"), b)]
    store.replace_graph(g3, first)
    assert graph_of(store, g3) == set(first)  # a new graph keeps its blank node labels...
    assert store.replace_graphs([(g3, first)])["unchanged"] == 1  # ...so writing it again is a no-op
    second = [(c, RDFS.label, Literal("other")), (ANN, URIRef(EX + "knows"), c)]
    store.replace_graphs([(g3, second), (G1, second)])  # DELETE DATA cannot name b: g3 is dropped, rewritten
    for graph in (g3, G1):  # (SPARQL's INSERT DATA gives blank nodes new labels)
        quads = graph_of(store, graph)
        (node,) = {s for s, *_ in quads if isinstance(s, BNode)}
        assert quads == {(node, RDFS.label, Literal("other")), (ANN, URIRef(EX + "knows"), node)}
    assert graph_of(store, G2) == set(person(BEN, "Ben Example"))


def test_store_read_only_refuses_replace_graphs(store):
    with Store.open(store.path, read_only=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_graphs([(EX + "graph/3", person(ANN, "x"))])
    assert store.graphs() == [G1, G2]


def test_store_cut_short_creation_opens_once_its_writer_is_gone(tmp_path):
    from newsgraph.graph.store import LOCK_FILE

    path = tmp_path / "store"
    path.mkdir()
    (path / LOCK_FILE).write_text("4242\n")  # a writer died while RocksDB was creating the store
    (path / "LOCK").write_bytes(b"")
    (path / "LOG").write_text("RocksDB version: 8\n")
    with Store.open(path) as st:
        st.replace_graph(G1, person(ANN, "Ann Example"))
    with Store.open(path, read_only=True) as st:
        assert st.count(G1) == 2


def test_store_our_lock_file_does_not_make_a_folder_of_other_files_a_store(tmp_path):
    from newsgraph.graph.store import LOCK_FILE

    (tmp_path / LOCK_FILE).write_text("")
    (tmp_path / "thesis.docx").write_text("months of work")
    with pytest.raises(StoreError, match="not a newsgraph store"):
        Store.open(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([LOCK_FILE, "thesis.docx"])
    with Store.open(tmp_path / "inner"):  # and the lock was released
        pass


def test_store_a_large_batch_of_new_graphs_goes_in_whole_through_the_bulk_path(store_path, monkeypatch):
    import newsgraph.graph.store as store_mod

    monkeypatch.setattr(store_mod, "BULK_MAX", 250)  # several bulk calls, whole graphs each
    ex = "https://example.org/"
    graphs = [(f"{ex}g{i}", [(URIRef(f"{ex}s{i}"), RDFS.label, Literal(f"name {i} {j}")) for j in range(100)])
              for i in range(30)]
    graphs.append((f"{ex}big", [(URIRef(f"{ex}big"), RDFS.label, Literal(f"big {j}")) for j in range(300)]))
    calls = []
    with Store.open(store_path) as st:
        real = st.db.bulk_extend
        monkeypatch.setattr(st, "_bulk", lambda quads: (calls.append({q.graph_name.value for q in quads}),
                                                        real(quads)))
        counts = st.replace_graphs(graphs)
        assert counts == {"added": 31, "changed": 0, "removed": 0, "unchanged": 0}
        assert all(len(graph_names) == 2 for graph_names in calls)  # 2 x 100 quads <= 250: whole graphs
        assert f"{ex}big" not in set().union(*calls)  # larger than BULK_MAX: the transaction took it
        for iri, triples in graphs:
            assert {t[:3] for t in st.quads(iri)} == set(triples)
        again = st.replace_graphs(graphs)
        assert again["unchanged"] == 31
