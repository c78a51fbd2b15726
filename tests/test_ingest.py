"""Ingest and remove: whole articles in, whole articles out, failures isolated."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

import newsgraph.pipeline.ingest as ingest_mod
from newsgraph.errors import StoreError, StoreLockedError
from newsgraph.pipeline.ingest import ingest, remove
from newsgraph.graph.store import Store
from newsgraph.loaders.read.article import ARTICLE_BASE, content_hash
from newsgraph.ontology import NG, RESOLUTION_GRAPH

from conftest import ARTICLES

pytestmark = pytest.mark.usefixtures("nlp")  # the real extractor; skipped if it is missing


def quads(path):
    with Store.open(path, read_only=True) as st:
        return set(st.quads())


def article_iri(name):
    return ARTICLE_BASE + content_hash(ARTICLES[name].split("\n\n", 1)[1])


def test_ingest_stores_one_graph_per_article_and_resolves(articles_dir, store_path):
    report = ingest(store_path, [articles_dir])
    assert (report.articles, report.replaced, report.failed) == (3, 0, [])
    assert report.persons >= 2 and report.triples > 0 and report.seconds > 0
    with Store.open(store_path, read_only=True) as st:
        assert sorted(st.article_iris()) == sorted(article_iri(n) for n in ARTICLES)
        assert RESOLUTION_GRAPH in st.graphs() and not st.resolution_pending
        for iri in st.article_iris():
            assert (URIRef(iri), RDF.type, NG.Article, URIRef(iri)) in set(st.quads(iri))


def test_ingest_twice_gives_the_same_store(articles_dir, store_path):
    ingest(store_path, [articles_dir])
    first = quads(store_path)
    report = ingest(store_path, [articles_dir])
    assert (report.articles, report.replaced) == (3, 3)
    assert quads(store_path) == first


def test_ingest_again_rewrites_only_articles_whose_triples_differ(articles_dir, store_path, monkeypatch, nlp):
    from newsgraph.loaders.extract.triples import extract
    from newsgraph.loaders.read.articles import read_articles

    with Store.open(store_path) as st:
        ingest(st, [articles_dir])
        before = set(st.quads())
        # the resolution pass rewrote some entity IRIs in stored graphs: those differ from a fresh extraction
        same = {a.iri: {t[:3] for t in st.quads(a.iri)} == set(extract(a, nlp)) for a in read_articles([articles_dir])}
        assert True in same.values()
        outcomes = []
        real = st.replace_graphs

        def replace_graphs(graphs):  # ingest writes several articles per call
            graphs = list(graphs)
            counts = real(graphs)
            if any(iri.startswith(ARTICLE_BASE) for iri, _ in graphs):
                outcomes.append(([iri for iri, _ in graphs], counts))
            return counts

        monkeypatch.setattr(st, "replace_graphs", replace_graphs)
        report = ingest(st, [articles_dir])
        assert (report.articles, report.replaced) == (3, 3)
        assert sorted(iri for iris, _ in outcomes for iri in iris) == sorted(same)
        assert sum(counts["unchanged"] for _, counts in outcomes) == list(same.values()).count(True)
        assert sum(counts["changed"] + counts["added"] for _, counts in outcomes) == list(same.values()).count(False)
        assert set(st.quads()) == before


def test_ingest_remove_drops_exactly_one_article(articles_dir, tmp_path):
    ingest(tmp_path / "all", [articles_dir])
    removed = remove(tmp_path / "all", str(articles_dir / "vasko.txt"))
    assert removed == [article_iri("vasko.txt")]
    ingest(tmp_path / "two", [articles_dir / "quell.txt", articles_dir / "marwood.txt"])
    assert quads(tmp_path / "all") == quads(tmp_path / "two")


@pytest.mark.parametrize("ref", ["iri", "hash"])
def test_ingest_remove_by_iri_or_hash_prefix(articles_dir, store_path, ref):
    ingest(store_path, [articles_dir])
    iri = article_iri("quell.txt")
    assert remove(store_path, iri if ref == "iri" else iri[len(ARTICLE_BASE):][:6]) == [iri]
    with Store.open(store_path, read_only=True) as st:
        assert iri not in st.article_iris() and len(st.article_iris()) == 2


@pytest.mark.parametrize("ref", ["nothing-like-this", "0000ffff", ARTICLE_BASE + "0123456789abcdef"])
def test_ingest_remove_unknown_article_is_an_error_and_changes_nothing(articles_dir, store_path, ref):
    ingest(store_path, [articles_dir])
    before = quads(store_path)
    with pytest.raises(StoreError, match="no article"):
        remove(store_path, ref)
    assert quads(store_path) == before


def test_ingest_failing_article_changes_nothing(articles_dir, tmp_path, monkeypatch):
    real = ingest_mod.extract

    def explodes_on_vasko(article, nlp):
        if "Vasko" in article.text:
            raise RuntimeError("extractor crashed\nwith a second line")
        return real(article, nlp)

    monkeypatch.setattr(ingest_mod, "extract", explodes_on_vasko)
    report = ingest(tmp_path / "a", [articles_dir])
    assert report.articles == 2
    assert report.failed == [(str(articles_dir / "vasko.txt"), "RuntimeError: extractor crashed")]
    monkeypatch.setattr(ingest_mod, "extract", real)
    ingest(tmp_path / "b", [articles_dir / "quell.txt", articles_dir / "marwood.txt"])
    assert quads(tmp_path / "a") == quads(tmp_path / "b")


def test_ingest_unstorable_graph_fails_that_article_and_keeps_its_old_version(articles_dir, store_path,
                                                                                monkeypatch):
    ingest(store_path, [articles_dir])
    before = quads(store_path)
    real = ingest_mod.extract

    def bad_iri_for_vasko(article, nlp):
        triples = list(real(article, nlp))
        if "Vasko" in article.text:
            triples.append((URIRef("https://example.org/a b"), RDF.type, NG.Person))
        return triples

    monkeypatch.setattr(ingest_mod, "extract", bad_iri_for_vasko)
    report = ingest(store_path, [articles_dir])
    assert report.articles == 2 and len(report.failed) == 1
    assert "cannot store a term" in report.failed[0][1]
    assert quads(store_path) == before


def test_ingest_reports_unreadable_inputs_and_goes_on(articles_dir, store_path):
    (articles_dir / "empty.txt").write_text("")
    report = ingest(store_path, [articles_dir, articles_dir / "missing.txt"])
    assert report.articles == 3
    assert report.failed == [(str(articles_dir / "empty.txt"), "empty file"),
                             (str(articles_dir / "missing.txt"), "no such file or folder")]


def test_ingest_calls_progress_after_each_input(articles_dir, store_path):
    seen = []
    ingest(store_path, [articles_dir, articles_dir / "missing.txt"], progress=lambda r: seen.append(r.done))
    assert seen == [1, 2, 3, 4]


def test_ingest_into_a_locked_store_is_refused(articles_dir, store_path):
    with Store.open(store_path):
        with pytest.raises(StoreLockedError):
            ingest(store_path, [articles_dir])


def test_ingest_into_an_open_store(articles_dir, store_path):
    with Store.open(store_path) as st:
        report = ingest(st, [articles_dir / "quell.txt"])
        assert report.articles == 1 and st.article_iris() == [article_iri("quell.txt")]


def test_ingest_interrupted_keeps_and_resolves_what_was_stored(articles_dir, store_path, monkeypatch):
    real = ingest_mod.extract

    def interrupt_on_vasko(article, nlp):
        if "Vasko" in article.text:
            raise KeyboardInterrupt
        return real(article, nlp)

    monkeypatch.setattr(ingest_mod, "extract", interrupt_on_vasko)
    with pytest.raises(KeyboardInterrupt):
        ingest(store_path, [articles_dir])  # reads marwood, quell, vasko (sorted)
    with Store.open(store_path, read_only=True) as st:
        assert sorted(st.article_iris()) == sorted([article_iri("marwood.txt"), article_iri("quell.txt")])
        assert not st.resolution_pending
        labels = {str(o) for _s, _p, o, _g in st.quads(RESOLUTION_GRAPH)}
    assert "Mara Quell" in labels


def test_ingest_default_date_reaches_the_article_node(articles_dir, store_path):
    import datetime as dt

    ingest(store_path, [articles_dir / "quell.txt"], default_date=dt.date(2022, 1, 5))
    iri = URIRef(article_iri("quell.txt"))
    with Store.open(store_path, read_only=True) as st:
        dates = [o for s, _p, o, _g in st.quads(str(iri)) if s == iri and isinstance(o, Literal)
                 and o.datatype is not None and "date" in str(o.datatype)]
    assert [str(d) for d in dates] == ["2022-01-05"]
