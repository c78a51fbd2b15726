"""End to end on the demo corpus shipped in examples/demo (invented people)."""
from pathlib import Path

import pyoxigraph
import pytest

import newsgraph
from newsgraph.graph.store import Store
from newsgraph.ontology.validate import validate

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "store"
    report = newsgraph.ingest(path, [DEMO])
    assert not report.failed
    return path


def test_demo_ingest_reads_every_article_and_skips_the_readme(demo_store):
    with Store.open(demo_store, read_only=True) as store:
        assert len(store.article_iris()) == 9


def test_demo_graph_passes_validation(demo_store):
    with Store.open(demo_store, read_only=True) as store:
        report = validate(store.to_dataset())
    assert report.conforms, [v.message for v in report.violations][:5]


def test_demo_ingest_twice_keeps_the_same_quads(demo_store, tmp_path):
    with Store.open(demo_store, read_only=True) as store:
        before = sorted(map(str, store.quads()))
    newsgraph.ingest(demo_store, [DEMO])
    with Store.open(demo_store, read_only=True) as store:
        assert sorted(map(str, store.quads())) == before


def test_demo_spelling_variants_are_one_person_with_one_label(demo_store):
    with Store.open(demo_store, read_only=True) as store:
        rows = store.query("""SELECT ?p (COUNT(DISTINCT ?l) AS ?labels) WHERE {
            ?p a ng:Person ; skos:altLabel ?alt ; rdfs:label ?l .
            FILTER(?alt IN ("Zhumaliev", "Jumaliyev", "Jumaliev", "Kubanychbek Jumaliev")) } GROUP BY ?p""")
    assert len(rows) == 1
    assert int(rows[0][1]) == 1


def test_demo_turtle_parses_in_an_independent_parser(demo_store, tmp_path):
    out = tmp_path / "demo.ttl"
    n = newsgraph.export(demo_store, "turtle", out)
    parsed = list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(parsed) == n > 500


def test_demo_linked_gives_one_row_per_person_and_kind_of_link(demo_store):
    from newsgraph.queries import run_named

    with Store.open(demo_store, read_only=True) as store:
        people = [p for (p,) in store.query("SELECT DISTINCT ?p WHERE { ?p a ng:Person }")]
        assert len(people) > 20
        for person in people:
            rows = run_named(store, "linked", person=person)
            pairs = [(r[0], str(r[3])) for r in rows]
            assert len(pairs) == len(set(pairs)), person  # no pair repeats
            order = [("stated tie", "alleged tie", "shared event", "shared organization", "co-mention").index(link)
                     for _other, link in pairs]
            assert order == sorted(order), person
        rows = run_named(store, "linked", person="Zhumaliev")
        assert len(rows) < 20 and str(rows[0][3]) == "stated tie"
        assert sum(int(r[rows.vars.index("sentences")]) for r in rows) < 40
