"""The store's side index (newsgraph.graph.index): kept in step by the store's own writes,
trusted only when it matches the store, and answering `linked` and the name look-up as the
store does. Real stores, the real CLI; every person, party and town is invented."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from newsgraph.cli import cli
from newsgraph.graph.index import INDEX_FILE, StoreIndex
from newsgraph.graph.store import Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH
from newsgraph.queries import run_named
from newsgraph.queries.links import LIMIT

ID = "https://w3id.org/newsgraph/id/"
ART = "https://w3id.org/newsgraph/article/"


def person(slug: str, name: str, article: str) -> list:
    iri = URIRef(ID + "person/" + slug)
    return [(iri, RDF.type, NG.Person), (iri, SKOS.altLabel, Literal(name)), (iri, NG.mentionedIn, URIRef(article))]


def sentence(article: str, n: int, text: str, *named: str) -> list:
    node = URIRef(f"{ID}sentence/{article.rsplit('/', 1)[-1]}-{n}")
    return [(node, RDF.type, NG.Sentence), (node, PROV.wasDerivedFrom, URIRef(article)), (node, NG.evidence, Literal(text))] + [
        (node, NG.mentions, URIRef(ID + "person/" + slug)) for slug in named]


def quell_store(path, others: int = 3) -> None:
    """Mara Quell named with ``others`` people, each in a sentence of an article of its own."""
    with Store.open(path) as st:
        for i in range(others):
            article = f"{ART}{i:016x}"
            st.replace_graph(article, person("mara-quell", "Mara Quell", article)
                             + person(f"ivo-marr-{i}", f"Ivo Marr{i}", article)
                             + sentence(article, 0, f"Mara Quell met Ivo Marr{i} in Ostravel.", "mara-quell",
                                        f"ivo-marr-{i}"))
        st.replace_graph(RESOLUTION_GRAPH, [(URIRef(ID + "person/mara-quell"), RDFS.label, Literal("Mara Quell"))])


def cli_run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


def tables(path) -> tuple[set, set]:
    """The index's quads (as text) and folded names: what a rebuild must give again."""
    index = StoreIndex.for_reader(path)
    assert index is not None
    with index.reading() as con:
        quads = set(con.execute(
            "SELECT g.value, s.kind, s.value, p.value, o.kind, o.value, o.extra FROM quad "
            "JOIN term g ON g.id = quad.g JOIN term s ON s.id = quad.s JOIN term p ON p.id = quad.p "
            "JOIN term o ON o.id = quad.o"))
        names = set(con.execute("SELECT t.value, f.tokens FROM name_form f JOIN term t ON t.id = f.form"))
    index.close()
    used = {q[5] for q in quads if q[3] in (str(RDFS.label), str(SKOS.altLabel))}  # a name no quad holds now
    return quads, {(name, tokens) for name, tokens in names if name in used}   # stays folded, unused


def rebuilt(path) -> tuple[set, set]:
    (path / INDEX_FILE).unlink()
    with Store.open(path):  # a writer that finds no index builds it from the store as it closes
        pass
    return tables(path)


# ---------------------------------------------------------------- kept in step by the writes

def test_index_is_kept_in_step_by_the_stores_writes(tmp_path):
    path = tmp_path / "store"
    quell_store(path)
    with Store.open(path) as st:
        st.rewrite_iris({ID + "person/ivo-marr-0": ID + "person/ivo-marr-1",  # a merge into a known IRI
                         ID + "person/ivo-marr-2": ID + "person/ivo-marrow"})  # a new IRI
        st.remove_graph(f"{ART}{1:016x}")
        st.replace_graph(f"{ART}{0:016x}", person("mara-quell", "Mara Quell", f"{ART}{0:016x}"))
    followed = tables(path)
    assert (f"{ART}{2:016x}", 0, ID + "person/ivo-marrow", str(SKOS.altLabel), 1, "Ivo Marr2", "") in followed[0]
    assert followed == rebuilt(path)


def test_index_is_used_only_while_it_matches_the_store(tmp_path):
    path = tmp_path / "store"
    quell_store(path)
    with Store.open(path, read_only=True) as st:
        assert st.index() is not None
    writer = Store.open(path)
    try:
        writer.update(f"INSERT DATA {{ GRAPH <{ART}ff> {{ <{ID}person/lena-brennyk> <{SKOS.altLabel}> 'Lena Brennyk' . "
                      f"<{ID}person/lena-brennyk> a <{NG.Person}> }} }}")  # a write the index cannot follow
        with Store.open(path, read_only=True) as st:  # a reader while the writer is open: asks the store
            assert st.index() is None
            assert run_named(st, "linked", person="Mara Quell").lookups[0].iri == URIRef(ID + "person/mara-quell")
    finally:
        writer.close()  # it rebuilds the index, which then matches again
    with Store.open(path, read_only=True) as st:
        assert st.index() is not None
        assert run_named(st, "linked", person="Lena Brennyk").lookups[0].iri == URIRef(ID + "person/lena-brennyk")


def test_index_is_not_trusted_after_another_program_wrote_the_store(tmp_path):
    import pyoxigraph as ox

    path = tmp_path / "store"
    quell_store(path)
    db = ox.Store(str(path))  # as `oxigraph load` would
    db.add(ox.Quad(ox.NamedNode(ID + "person/lena-brennyk"), ox.NamedNode(str(SKOS.altLabel)), ox.Literal("Lena"),
                   ox.NamedNode(ART + "ee")))
    db.flush()
    del db
    with Store.open(path, read_only=True) as st:
        assert st.index() is None
    code, out = cli_run("--store", path, "linked", "Mara Quell")  # answered by the store itself
    assert code == 0 and "Ivo Marr1" in out
    with Store.open(path):  # the next writer rebuilds it
        pass
    with Store.open(path, read_only=True) as st:
        assert st.index() is not None


def test_index_of_a_writer_killed_mid_write_is_not_trusted(tmp_path):
    path = tmp_path / "store"
    quell_store(path)
    script = textwrap.dedent(f"""
        import os, signal
        from rdflib import Literal, URIRef
        from rdflib.namespace import SKOS
        from newsgraph.graph.store import Store
        st = Store.open({str(path)!r})
        st.replace_graph("{ART}dd", [(URIRef("{ID}person/lena-brennyk"), SKOS.altLabel, Literal("Lena Brennyk"))])
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], env=dict(os.environ), capture_output=True)
    assert done.returncode == -signal.SIGKILL
    with Store.open(path, read_only=True) as st:
        assert st.index() is None
    with Store.open(path):
        pass
    with Store.open(path, read_only=True) as st:
        assert st.index() is not None
    assert tables(path) == rebuilt(path)


def test_index_that_is_not_a_database_is_made_again(tmp_path):
    path = tmp_path / "store"
    quell_store(path)
    (path / INDEX_FILE).write_bytes(b"not an index " * 100)
    with Store.open(path, read_only=True) as st:
        assert st.index() is None
        assert run_named(st, "linked", person="Mara Quell")  # the store answers
    with Store.open(path):
        pass
    assert tables(path)[1] == {("Mara Quell", "mara kuel"), *((f"Ivo Marr{i}", f"ivo mar{i}") for i in range(3))}


def test_store_with_triples_in_its_default_graph_is_not_indexed(tmp_path):
    import pyoxigraph as ox

    path = tmp_path / "store"
    quell_store(path)
    db = ox.Store(str(path))
    db.add(ox.Quad(ox.NamedNode(ID + "person/mara-quell"), ox.NamedNode(str(SKOS.altLabel)), ox.Literal("Mara Q."),
                   ox.DefaultGraph()))
    db.flush()
    del db
    with Store.open(path):
        pass
    with Store.open(path, read_only=True) as st:
        assert st.index() is None  # linked.rq reads the default graph too: the store answers
        assert "Mara Q." in {str(r[2]) for r in run_named(st, "entity", entity=URIRef(ID + "person/mara-quell"))}


# ---------------------------------------------------------------- the CLI from the index

def test_cli_linked_from_the_index_loads_no_rdflib_and_prints_what_the_store_would(tmp_path):
    path = tmp_path / "store"
    quell_store(path)
    script = textwrap.dedent(f"""
        import sys
        from newsgraph.cli import cli
        try:
            cli(["--store", {str(path)!r}, "linked", "mara quell"])
        except SystemExit:
            pass
        heavy = [m for m in ("rdflib", "pyvis", "networkx", "spacy") if m in sys.modules]
        print("loaded:", heavy, file=sys.stderr)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "loaded: []" in done.stderr, done.stderr
    fast = done.stdout
    (path / INDEX_FILE).rename(tmp_path / "away")  # the same question, asked of the store
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "rdflib" in done.stderr
    assert done.stdout == fast and "Ivo Marr2" in fast and "(3 rows)" in fast


@pytest.mark.parametrize("index", [True, False])
def test_cli_linked_lists_the_strongest_links_up_to_the_limit(tmp_path, index):
    path = tmp_path / "store"
    quell_store(path, others=LIMIT + 5)
    if not index:
        (path / INDEX_FILE).unlink()
    code, out = cli_run("--store", path, "linked", "Mara Quell")
    every_code, every = cli_run("--store", path, "linked", "Mara Quell", "--limit", "0")
    assert code == every_code == 0
    assert f"({LIMIT} rows)" in out and f"note: the first {LIMIT} links only" in out
    assert f"({LIMIT + 5} rows)" in every and "note: the first" not in every
    assert out.splitlines()[:LIMIT + 2] == every.splitlines()[:LIMIT + 2]


# ---------------------------------------------------------------- through ingest, remove, resolve

@pytest.mark.slow
def test_index_follows_ingest_remove_and_resolve_and_the_next_linked_needs_no_rebuild(tmp_path, articles_dir, nlp,
                                                                                     monkeypatch):
    path = tmp_path / "store"

    def no_rebuild(self, db):
        raise AssertionError("the side index was rebuilt")

    monkeypatch.setattr(StoreIndex, "rebuild", no_rebuild)
    assert cli_run("--store", path, "ingest", articles_dir)[0] == 0
    code, out = cli_run("--store", path, "linked", "Mara Quell", "--orgs")
    assert code == 0 and "Green Lantern Party" in out

    late = tmp_path / "late"
    late.mkdir()
    (late / "brennyk.txt").write_text("Brennyk Detained\n\nPolice in Ostravel detained journalist Oskar Brennyk "
                                      "on Friday, a week after he interviewed Mara Quell.", encoding="utf-8")
    assert cli_run("--store", path, "ingest", late)[0] == 0
    with monkeypatch.context() as m:  # the next linked comes from the side index alone
        m.setattr(Store, "open", _refused)
        code, out = cli_run("--store", path, "linked", "Oskar Brennyk")
    assert code == 0 and "(0 rows)" not in out, out
    assert cli_run("--store", path, "remove", late / "brennyk.txt")[0] == 0
    code, out = cli_run("--store", path, "linked", "Oskar Brennyk")
    assert code == 1 and "no person or organization named 'Oskar Brennyk'" in out
    index = StoreIndex.for_reader(path)
    with index.reading() as con:  # his names left the index with the article
        assert not con.execute("SELECT 1 FROM quad q JOIN term t ON t.id = q.o WHERE t.value LIKE '%Brennyk%'"
                               ).fetchall()
    index.close()
    assert cli_run("--store", path, "resolve")[0] == 0
    assert cli_run("--store", path, "linked", "Quell")[0] == 0
    monkeypatch.undo()
    assert tables(path) == rebuilt(path)


def _refused(*args, **kwargs):
    raise AssertionError("the store was opened")


@pytest.mark.slow
def test_index_answers_linked_as_the_query_does(tmp_path, articles_dir, nlp, monkeypatch):
    """Every entity, every form of the question: the rows from the side index and from linked.rq,
    collapsed, are the same."""
    import newsgraph

    from newsgraph.queries.links import as_terms, collapse

    path = tmp_path / "store"
    (articles_dir / "aldmere.txt").write_text(
        "Movement Members Fined In Brenmoor\n\nA court in Brenmoor fined Dara Penhallow, a member of the Free "
        "Ostravel Movement, on June 9 for taking part in an unsanctioned rally.\n\nThe Free Ostravel Movement is "
        "led by Corvin Aldmere, who lives in exile. Prosecutors claim Teodor Vasko is linked to Corvin Aldmere. "
        "Aldmere's lawyer, Mira Tobel, said the case was invented.", encoding="utf-8")
    assert not newsgraph.ingest(path, [articles_dir]).failed
    with Store.open(path, read_only=True) as st:
        assert st.index() is not None
        entities = [r[0] for r in st.query("SELECT DISTINCT ?e WHERE { VALUES ?k { ng:Person ng:Organization } "
                                           "?e a ?k }")]

        def answers():
            out = []
            for iri in entities:
                for options in ({}, {"include_orgs": True}, {"direct": True}, {"include_orgs": True, "depth": 3}):
                    for evidence in (False, True):
                        rows = run_named(st, "linked", person=iri, evidence=evidence or None, **options)
                        out.append([tuple(map(str, r)) for r in rows])
            return out

        from_index = answers()
        monkeypatch.setattr(Store, "index", lambda self: None)
        assert answers() == from_index
    assert len(entities) >= 8 and any(from_index)  # 8 persons and bodies ("a court in Brenmoor": a town)
