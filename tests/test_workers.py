"""Parallel extraction: two workers leave the store exactly as one does."""
from __future__ import annotations

import contextlib

import pytest
from click.testing import CliRunner

import newsgraph.loaders.extract.triples as extract_mod
from newsgraph import ingest
from newsgraph.cli import cli
from newsgraph.graph.store import Store
from newsgraph.pipeline.workers import Failure, extract_all
from newsgraph.loaders.read.article import Article

TOWNS = ["Ostravel", "Brenmoor", "Kellin", "Varrow", "Dunmere", "Tassia"]
NAMES = ["Mara Quell", "Teodor Vasko", "Ilse Marwood", "Dorin Falk", "Anke Dorr", "Pavel Strand"]


@pytest.fixture
def many_articles(tmp_path):
    """Twelve short invented articles, so that each worker gets several."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        a, b, town = NAMES[i % 6], NAMES[(i + 1) % 6], TOWNS[i % 6]
        (folder / f"{i:02d}.txt").write_text(
            f"Arrests in {town}\n\nPolice in {town} detained activist {a} on Monday. "
            f"Her lawyer {b} said the charges were invented. Case {i}.", encoding="utf-8")
    return folder


def quads(path) -> set:
    with Store.open(path, read_only=True) as st:
        return set(st.quads())


def test_workers_two_give_the_same_store_as_one(many_articles, tmp_path):
    one = ingest(tmp_path / "one", [many_articles], workers=1)
    two = ingest(tmp_path / "two", [many_articles], workers=2)
    assert one.articles == two.articles == 12 and not two.failed
    assert quads(tmp_path / "one") == quads(tmp_path / "two")
    assert (one.persons, one.events, one.triples) == (two.persons, two.events, two.triples)


def test_workers_keep_input_order(nlp):
    articles = [Article(text=f"Police in Kellin detained activist Anke Dorr. Case {i}.") for i in range(10)]
    with contextlib.closing(extract_all(articles, workers=2, nlp=nlp)) as done:
        out = list(done)
    assert [a for a, _ in out] == articles
    assert all(not isinstance(o, Failure) and o for _, o in out)


def test_workers_report_a_failing_article_and_go_on(many_articles, tmp_path, monkeypatch):
    real = extract_mod.extract_triples  # what the workers run

    def explodes_on_case_3(article, nlp=None):  # forked workers inherit the patch
        if "Case 3." in article.text:
            raise RuntimeError("extractor crashed\nsecond line")
        return real(article, nlp)

    monkeypatch.setattr(extract_mod, "extract_triples", explodes_on_case_3)
    report = ingest(tmp_path / "s", [many_articles], workers=2)
    assert report.articles == 11
    assert report.failed == [(str(many_articles / "03.txt"), "RuntimeError: extractor crashed")]


def test_workers_cli_option(many_articles, tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "ingest", "--workers", "2",
                                      str(many_articles)], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.startswith("ingested 12 articles (0 replaced, 0 failed)")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "ingest", "--workers", "0", "x"])
    assert result.exit_code == 2 and "--workers" in result.output
