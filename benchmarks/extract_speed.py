#!/usr/bin/env python3
"""How fast does `newsgraph extract` write shards on a Dask cluster, against one local worker?

    python benchmarks/extract_speed.py                    # examples/demo, 5 copies
    python benchmarks/extract_speed.py --corpus ../shared/realdev --repeat 2 --json

One run, over the same articles (the corpus copied ``--repeat`` times, as
benchmarks/ingest_speed.py does), times :func:`newsgraph.pipeline.shards.write_shards`:

- ``--workers 1``: extraction in this process (the baseline; the model loaded before the clock);
- ``--workers 2``: this machine's process pool;
- ``--dask`` on a LocalCluster of 1 and of 2 worker processes. Starting the cluster and
  loading the model on its workers is timed apart ("start"), then one warm-up article,
  then the run, as on a cluster that is already up.

Each run is repeated ``--runs`` times (default 3) and the median is shown, with the
speed-up against ``--workers 1`` from the same run, and a check that every run wrote
the same shard bytes as the baseline.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from ingest_speed import build_corpus, corpus_files, machine  # noqa: E402


def shard_bytes(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(folder.glob("*.nq"))]


def timed_runs(fn, runs: int, workdir: Path, label: str) -> tuple[list[float], list[list[bytes]], object]:
    times, outputs, report = [], [], None
    for i in range(runs):
        out = workdir / f"{label}-{i}"
        start = time.perf_counter()
        report = fn(out)
        times.append(time.perf_counter() - start)
        outputs.append(shard_bytes(out))
        shutil.rmtree(out, ignore_errors=True)
    return times, outputs, report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO / "examples" / "demo")
    ap.add_argument("--repeat", type=int, default=5, help="copies of the corpus (default 5)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per row; the median is shown (default 3)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir() or not corpus_files(args.corpus):
        ap.error(f"--corpus {args.corpus}: no article files")

    import distributed

    from newsgraph.pipeline.shards import write_shards
    from newsgraph.loaders.extract.nlp import load_nlp

    workdir = Path(tempfile.mkdtemp(prefix="newsgraph-extract-bench-"))
    rows, notes = [], []
    try:
        paths = build_corpus(args.corpus, workdir / "corpus", args.repeat)
        warm = workdir / "warm.txt"
        warm.write_text("Police in Ostravel detained activist Mara Quell on Monday.")
        load_nlp()

        def row(name, times, outputs, report, start=None):
            rows.append({"run": name, "articles": report.articles, "quads": report.quads,
                         "start_seconds": None if start is None else round(start, 2),
                         "seconds": [round(t, 2) for t in times], "median_seconds": round(statistics.median(times), 2),
                         "articles_per_second": round(report.articles / statistics.median(times), 2),
                         "same_bytes": all(o == baseline for o in outputs)})

        times, outputs, report = timed_runs(lambda out: write_shards(paths, out, workers=1), args.runs, workdir, "w1")
        baseline = outputs[0]
        row("--workers 1 (baseline)", times, outputs, report)
        times, outputs, report = timed_runs(lambda out: write_shards(paths, out, workers=2), args.runs, workdir, "w2")
        row("--workers 2 (process pool)", times, outputs, report)
        for n in (1, 2):
            start = time.perf_counter()
            with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
                write_shards([warm], workdir / "warm", dask=cluster.scheduler_address)  # plugin: model on each worker
                started = time.perf_counter() - start
                times, outputs, report = timed_runs(
                    lambda out: write_shards(paths, out, dask=cluster.scheduler_address), args.runs, workdir, f"d{n}")
            row(f"--dask, LocalCluster of {n}", times, outputs, report, started)
        base = rows[0]["median_seconds"]
        for r in rows:
            r["speedup"] = round(base / r["median_seconds"], 2)
        result = {"machine": machine(), "corpus": str(args.corpus), "repeat": args.repeat, "runs": args.runs,
                  "files": len(paths), "rows": rows, "notes": notes}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    m = result["machine"]
    print(f"machine : {m['cpus']} CPUs, CPython {m['python']}, spaCy {m.get('spacy', '?')}, {m['platform']}")
    print(f"corpus  : {result['corpus']} x {args.repeat} = {len(paths)} files, {rows[0]['articles']} articles, "
          f"{rows[0]['quads']:,} quads; median of {args.runs} runs")
    print()
    print(f"{'run':<30} {'start s':>8} {'median s':>9} {'articles/s':>11} {'speed-up':>9}  same shards")
    for r in rows:
        start = "-" if r["start_seconds"] is None else f"{r['start_seconds']:.2f}"
        print(f"{r['run']:<30} {start:>8} {r['median_seconds']:>9.2f} {r['articles_per_second']:>11.2f} "
              f"{r['speedup']:>8.2f}x  {'yes' if r['same_bytes'] else 'NO'}")
    return 0 if all(r["same_bytes"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
