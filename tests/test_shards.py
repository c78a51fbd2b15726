"""The bulk path: N-Quads shards, loaded by a bulk loader, then resolved, give the
store that ingest gives."""
from __future__ import annotations

import shutil
import subprocess

import pyoxigraph as ox
from click.testing import CliRunner

from newsgraph import ingest
from newsgraph.cli import cli
from newsgraph.graph.store import Store


def quads(path) -> set:
    with Store.open(path, read_only=True) as st:
        return set(st.quads())


def test_shards_loaded_and_resolved_equal_ingest(articles_dir, tmp_path):
    (articles_dir / "bad.txt").write_text("")
    result = CliRunner().invoke(cli, ["extract", str(articles_dir), "-o", str(tmp_path / "shards"),
                                      "--shard-size", "2", "--workers", "2"])
    assert result.exit_code == 1  # the empty file failed, the others were written
    errors, summary = result.output.splitlines()
    assert errors == f"error: {articles_dir / 'bad.txt'}: empty file"
    assert summary.startswith("wrote 3 articles (") and summary.endswith(f"to 2 shards in {tmp_path / 'shards'}")
    shards = sorted((tmp_path / "shards").glob("*.nq"))
    assert [p.name for p in shards] == ["articles-000001.nq", "articles-000002.nq"]
    graphs = {q.graph_name.value for p in shards for q in ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)}
    assert len(graphs) == 3  # one named graph per article

    bulk = tmp_path / "bulk"
    oxigraph = shutil.which("oxigraph")
    if oxigraph:  # the server's own bulk loader, as documented
        subprocess.run([oxigraph, "load", "--location", str(bulk), "--file", *map(str, shards)],
                       check=True, capture_output=True)
    else:
        db = ox.Store(str(bulk))
        for p in shards:
            db.bulk_load(path=str(p), format=ox.RdfFormat.N_QUADS)
        del db
    result = CliRunner().invoke(cli, ["--store", str(bulk), "resolve"], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.startswith("resolved ")
    (articles_dir / "bad.txt").unlink()
    ingest(tmp_path / "ingested", [articles_dir])
    assert quads(bulk) == quads(tmp_path / "ingested")
