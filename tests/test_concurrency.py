"""Concurrent use of one store, with real processes: two ingests at once (the second
refuses with one clear line, or, through the library's ``wait``, waits its turn), a
reader beside a running ingest, and a writer killed while it holds the store.
Nothing may be corrupted: every store ends exactly as the same work done in turn
leaves it. (SIGKILL in the middle of a long ingest is ``test_crash.py``.)"""
from __future__ import annotations

import importlib.util
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.pipeline.ingest import ingest
from newsgraph.graph.store import Store

pytestmark = pytest.mark.slow  # real processes, each loading the model

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bad_corpus_report", ROOT / "tools" / "bad_corpus_report.py")
tool = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(tool)

def newsgraph(store, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsgraph", "--store", str(store), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def quads(store) -> frozenset:
    with Store.open(store, read_only=True) as st:
        return frozenset(st.quads())


def batches(articles_dir) -> tuple[list[Path], list[Path]]:
    """The articles of conftest's ``articles_dir`` in two batches that share a town
    (Ostravel), so that each batch's entity merge meets the other's entities."""
    return [articles_dir / "quell.txt", articles_dir / "marwood.txt"], [articles_dir / "vasko.txt"]


def test_concurrency_two_cli_ingests_at_once_one_refuses_nothing_corrupted(nlp, articles_dir, tmp_path):
    store, reference = tmp_path / "store", tmp_path / "reference"
    for path in (store, reference):  # an existing store
        ingest(path, batches(articles_dir)[0])
    first, second = newsgraph(store, "ingest", articles_dir), newsgraph(store, "ingest", articles_dir)
    results = [(p.wait(timeout=300), *p.communicate()) for p in (first, second)]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 1], [0, 0]), results  # [0, 0]: one finished before the other began
    for code, out, err in results:
        assert "Traceback" not in out + err
        if code == 1:
            assert out == ""
            assert err.startswith(f"Error: store {store} is in use by another newsgraph process (pid ")
            assert err.count("\n") == 1
    ingest(reference, [articles_dir])
    assert quads(store) == quads(reference)


def test_concurrency_second_ingest_refused_while_first_runs_then_both_land(nlp, articles_dir, tmp_path,
                                                                           monkeypatch):
    store, reference = tmp_path / "store", tmp_path / "reference"
    with tool.holding_ingest(store) as holder:
        refused = newsgraph(store, "ingest", articles_dir)
        out, err = refused.communicate(timeout=300)
        assert refused.returncode == 1 and out == ""
        assert err == f"Error: store {store} is in use by another newsgraph process (pid {holder.pid})\n"
    # the holder finished its article untroubled; the refused batch now goes in
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", str(articles_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with Store.open(store, read_only=True) as st:
        assert len(st.article_iris()) == 4 and not st.resolution_pending
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(tool.HOLDER_TEXT.encode("utf-8"))))
    ingest(reference, ["-"])
    ingest(reference, [articles_dir])
    assert quads(store) == quads(reference)


def test_concurrency_library_ingests_wait_their_turn(nlp, articles_dir, tmp_path):
    store, reference = tmp_path / "store", tmp_path / "reference"
    Store.open(store).close()  # an existing, empty store
    code = textwrap.dedent("""
        import sys
        from newsgraph.pipeline.ingest import ingest
        report = ingest(sys.argv[1], sys.argv[2:], wait=240)
        print(report.articles, len(report.failed))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(store), *map(str, batch)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for batch in batches(articles_dir)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert [out for out, _ in outputs] == ["2 0\n", "1 0\n"]
    ingest(reference, [articles_dir])
    with Store.open(store, read_only=True) as st:
        assert len(st.article_iris()) == 3 and not st.resolution_pending
    assert quads(store) == quads(reference)


def test_concurrency_readers_work_beside_a_running_ingest(nlp, articles_dir, tmp_path):
    store = tmp_path / "store"
    ingest(store, [articles_dir])
    before = quads(store)
    with tool.holding_ingest(store):
        stats = newsgraph(store, "stats")
        out, err = stats.communicate(timeout=300)
        assert stats.returncode == 0 and "articles        3" in out, err
        query = newsgraph(store, "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv")
        out, err = query.communicate(timeout=300)
        assert query.returncode == 0 and out == f"n\n{len(before)}\n", err
    assert len(quads(store)) > len(before)  # the holder's article went in after the reads


def test_concurrency_killed_writer_leaves_no_stale_lock(nlp, articles_dir, tmp_path):
    store = tmp_path / "store"
    ingest(store, [articles_dir])
    before = quads(store)
    holder = subprocess.Popen([sys.executable, "-m", "newsgraph", "--store", str(store), "ingest", "-"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        tool._wait_for_lock(store, holder, 120)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=60)
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.communicate()
    assert holder.returncode == -signal.SIGKILL
    with Store.open(store) as st:  # a writer opens at once: the kernel dropped the dead process's lock
        assert frozenset(st.quads()) == before
    report = ingest(store, [articles_dir])
    assert report.articles == 3 and report.replaced == 3 and report.failed == []
    assert quads(store) == before


def test_concurrency_store_being_created_by_another_writer_is_in_use(tmp_path):
    import fcntl

    from newsgraph.errors import StoreLockedError
    from newsgraph.graph.store import LOCK_FILE

    store = tmp_path / "store"
    store.mkdir()
    fd = os.open(store / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:  # what a writer creating the store holds: our lock, RocksDB's first files, no CURRENT yet
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, b"4242\n")
        (store / "LOCK").write_bytes(b"")
        (store / "LOG").write_text("RocksDB version: 8\n")
        with pytest.raises(StoreLockedError, match=r"in use by another newsgraph process \(pid 4242\)"):
            Store.open(store)
    finally:
        os.close(fd)
