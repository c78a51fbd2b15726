"""Crash safety: an ingest killed with SIGKILL half way leaves a store that opens, whose
every article graph is whole, which the next writer to open it makes consistent for
readers again (the resolution pass it missed: `validate` passes), and which a re-run
completes to exactly the store an uninterrupted run gives. Uses the real extractor
(skipped if it is missing)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from newsgraph.pipeline.ingest import ingest
from newsgraph.graph.store import Store
from newsgraph.loaders.extract.triples import extract
from newsgraph.loaders.read.articles import read_articles
from newsgraph.ontology import NG
from newsgraph.ontology.validate import format_report, validate

N_ARTICLES = 200
KILL_AFTER = 60
BATCH = 64

# invented people and places
GIVEN = ["Mara", "Teodor", "Ilse", "Ruslan", "Odile", "Kasimir", "Lianne", "Bertil", "Nadira", "Oskar"]
FAMILY = ["Quell", "Vasko", "Marwood", "Tembrel", "Oskarova", "Lindqvar", "Draganic", "Felburn", "Auric", "Zoller"]
TOWNS = ["Ostravel", "Brenmoor", "Kaldora", "Westfenn", "Rivana"]
VERBS = ["detained", "arrested", "fined", "questioned", "released"]


def write_articles(folder, n=N_ARTICLES):
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n):
        who = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        other = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        town = rng.choice(TOWNS)
        (folder / f"a{i:03d}.txt").write_text(
            f"Report {i}\n\nPolice in {town} {rng.choice(VERBS)} the activist {who} on Monday, "
            f"item {i}. Her lawyer {other} said the case in {town} was political.\n", encoding="utf-8")


def child(store, folder):
    """An ingest in its own process that prints how many articles it has stored (written
    in batches of BATCH here, fewer than the default WRITE_BATCH, so that the run has several
    batches and is killed between two)."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import newsgraph.pipeline.ingest as ingest_mod
        from newsgraph.pipeline.ingest import ingest
        ingest_mod.WRITE_BATCH = {BATCH}
        ingest({str(store)!r}, [{str(folder)!r}], progress=lambda r: print(r.articles, flush=True))
        print("finished", flush=True)
    """)], stdout=subprocess.PIPE, text=True)


def all_quads(path):
    with Store.open(path, read_only=True) as st:
        return set(st.quads())


@pytest.mark.slow
def test_crash_sigkill_mid_ingest_leaves_whole_articles_next_writer_resolves_and_rerun_completes(nlp, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder)
    killed, reference = tmp_path / "killed", tmp_path / "reference"

    proc = child(killed, folder)
    try:
        for line in proc.stdout:
            assert line.strip() != "finished", "the ingest ended before it could be killed"
            if int(line) >= KILL_AFTER:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    expected = {a.iri: set(extract(a, nlp)) for a in read_articles([str(folder)])}
    assert len(expected) == N_ARTICLES
    with Store.open(killed, read_only=True) as st:
        stored = st.article_iris()
        assert KILL_AFTER <= len(stored) < N_ARTICLES
        assert st.resolution_pending  # killed before the resolution pass
        for iri in stored:
            triples = {(s, p, o) for s, p, o, _g in st.quads(iri)}
            assert (URIRef(iri), RDF.type, NG.Article) in triples
            assert triples == expected[iri], f"article graph {iri} is not whole"

    with Store.open(killed) as st:  # a writer can open it (no stale lock), and it finishes the pass
        assert not st.resolution_pending and st.article_iris() == stored
    with Store.open(killed, read_only=True) as st:  # readers now see every name resolved
        report = validate(st.to_dataset())
    assert report.conforms, format_report(report)[:2000]

    report = ingest(killed, [str(folder)])
    assert report.articles == N_ARTICLES and report.failed == []
    ingest(reference, [str(folder)])
    with Store.open(killed, read_only=True) as st:
        assert not st.resolution_pending
    assert all_quads(killed) == all_quads(reference)
