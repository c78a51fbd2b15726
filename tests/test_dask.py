"""Extraction on a real Dask cluster (a LocalCluster of two worker processes) writes
exactly the shards that one local worker writes, even when a worker is killed mid-run."""
from __future__ import annotations

import os
import signal
import time

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.pipeline import dask_extract
from newsgraph.pipeline.shards import write_shards

distributed = pytest.importorskip("distributed", reason="dask is in the test extra: pip install -e '.[test]'")

pytestmark = pytest.mark.slow

TOWNS = ["Ostravel", "Brenmoor", "Kellin", "Varrow", "Dunmere", "Tassia"]
NAMES = ["Mara Quell", "Teodor Vasko", "Ilse Marwood", "Dorin Falk", "Anke Dorr", "Pavel Strand"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Sixteen short invented articles and an empty file, so each worker gets several."""
    folder = tmp_path_factory.mktemp("dask-corpus")
    for i in range(16):
        a, b, town = NAMES[i % 6], NAMES[(i + 1) % 6], TOWNS[i % 6]
        (folder / f"{i:02d}.txt").write_text(
            f"Arrests in {town}\n\nPolice in {town} detained activist {a} on Monday. "
            f"Her lawyer {b} said the charges against {a} were invented. Case {i}.", encoding="utf-8")
    (folder / "empty.txt").write_text("")
    return folder


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory):
    """The shards of `--workers 1`: what every Dask run must write, byte for byte."""
    out = tmp_path_factory.mktemp("one")
    report = write_shards([corpus], out, workers=1, shard_size=5)
    assert report.articles == 16 and len(report.failed) == 1
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.nq"))}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=50) as local:
        yield local


def shards(folder) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.nq"))}


def test_two_dask_workers_write_the_shards_of_one_worker(corpus, one_worker, cluster, tmp_path):
    report = write_shards([corpus], tmp_path, shard_size=5, dask=cluster.scheduler_address)
    assert report.articles == 16
    assert report.failed == [(str(corpus / "empty.txt"), "empty file")]
    assert shards(tmp_path) == one_worker
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left behind
    with distributed.Client(cluster.scheduler_address, timeout=30) as client:
        loaded = client.run(lambda: __import__("newsgraph.loaders.extract.nlp", fromlist=["x"])._load.cache_info().currsize)
    assert sorted(loaded.values()) == [1, 1]  # each worker loaded the model, once


def test_a_failing_article_is_reported_and_the_run_goes_on(corpus, one_worker, cluster, tmp_path):
    def explode_on_case_3():
        import newsgraph.loaders.extract.triples as extract_mod

        real = extract_mod.extract_triples  # what the workers run

        def extract(article, nlp=None):
            if "Case 3." in article.text:
                raise RuntimeError("boom on case 3")
            return real(article, nlp)

        extract_mod.extract_triples = extract
        extract_mod.__dict__["_real_extract"] = real

    def restore():
        import newsgraph.loaders.extract.triples as extract_mod

        extract_mod.extract_triples = extract_mod.__dict__.pop("_real_extract", extract_mod.extract_triples)

    with distributed.Client(cluster.scheduler_address, timeout=30) as client:
        client.run(explode_on_case_3)
        try:
            report = write_shards([corpus], tmp_path, shard_size=5, dask=cluster.scheduler_address)
        finally:
            client.run(restore)
    assert report.articles == 15
    assert sorted(reason for _, reason in report.failed) == ["RuntimeError: boom on case 3", "empty file"]
    assert str(corpus / "03.txt") in [source for source, _ in report.failed]


def test_a_worker_killed_mid_run_still_gives_the_whole_identical_output(corpus, one_worker, cluster, tmp_path):
    client = distributed.Client(cluster.scheduler_address, timeout=30)
    before = set(client.run(os.getpid).values())
    killed = []

    def kill_one_worker(report):
        if report.articles == 1 and not killed:  # the other articles are in flight on both workers
            victim = max(before)
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    try:
        report = write_shards([corpus], tmp_path, shard_size=5, dask=cluster.scheduler_address,
                              progress=kill_one_worker)
        assert killed and report.articles == 16 and len(report.failed) == 1
        assert shards(tmp_path) == one_worker
        deadline = time.monotonic() + 60  # the nanny restarts the worker: the cluster is whole again
        while time.monotonic() < deadline and len(client.scheduler_info()["workers"]) < 2:
            time.sleep(0.2)
        after = set(client.run(os.getpid).values())
        assert killed[0] not in after
    finally:
        client.close()


def test_cli_dask_local(corpus, one_worker, tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(corpus), "-o", str(tmp_path), "--shard-size", "5",
                                      "--dask", "local", "--workers", "2"])
    assert result.exit_code == 1, result.output  # the empty file failed; the articles were written
    assert f"error: {corpus / 'empty.txt'}: empty file" in result.output
    quads = sum(shard.count(b"\n") for shard in one_worker.values())
    assert result.output.splitlines()[-1] == f"wrote 16 articles ({quads} quads) to 4 shards in {tmp_path}"
    assert shards(tmp_path) == one_worker


def test_cli_unreachable_scheduler_is_one_line(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(dask_extract, "CONNECT_TIMEOUT", 2)
    result = CliRunner().invoke(cli, ["extract", str(corpus), "-o", str(tmp_path), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.output.strip().splitlines()) == 1


class _KillOnCase3(distributed.WorkerPlugin):
    """A worker plugin (so a restarted worker has it too): the extraction of the article holding
    "Case 3." kills the worker process, as a segfault in the model would."""

    name = "kill-on-case-3"

    def setup(self, worker):
        import os

        import newsgraph.loaders.extract.triples as extract_mod

        real = extract_mod.extract_triples

        def extract(article, nlp=None):
            if "Case 3." in article.text:
                os._exit(1)
            return real(article, nlp)

        extract_mod.extract_triples = extract


def test_an_article_that_kills_its_workers_fails_alone(corpus, tmp_path):
    """Articles go to the workers in batches; a batch whose worker dies every time is sent again
    one article a task, so the articles beside the deadly one are still extracted."""
    import cloudpickle
    import dask
    import sys

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
                distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0",
                                         silence_logs=50) as local, \
                distributed.Client(local.scheduler_address, timeout=30) as client:
            client.register_plugin(_KillOnCase3())
            report = write_shards([corpus], tmp_path, shard_size=5, dask=local.scheduler_address)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert report.articles == 15
    assert sorted(report.failed) == sorted([(str(corpus / "03.txt"), "the Dask workers running it died every time"),
                                            (str(corpus / "empty.txt"), "empty file")])
