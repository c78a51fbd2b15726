#!/usr/bin/env python3
"""What ingesting one article costs as the store grows: the whole-store passes at its end.

    python benchmarks/resolve_speed.py                      # stores of 1,000, 3,000 and 6,666 articles
    python benchmarks/resolve_speed.py --articles 500,2000 --json

Each ingest ends with the cross-article resolution pass (entities, then events) over the
whole store. For each size this builds a store shaped like newsgraph's
(benchmarks/store_speed.py's seeded generator, 150 triples and 8 events an article, with
invented names that the resolution pass does not merge: ``invented_name``), brings it to
the pass's fixed point (the pass run once after the bulk load, as ``newsgraph resolve``
after ``oxigraph load``), then times, in the same run:

- the pass again, with nothing new (``newsgraph.pipeline.ingest.resolve_store``);
- ``newsgraph.ingest`` of one article of examples/demo into that store (the model loaded
  before the clock), end to end;

against the baseline: the same ingest into an empty store. Each is one run; the ratio
column is each row's ingest time over the baseline's.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from store_speed import TRIPLES_PER_ARTICLE, generate  # noqa: E402

ARTICLE = REPO / "examples" / "demo" / "01_bishkek_opposition_leader_detained.txt"


def build(path: Path, n_articles: int) -> tuple[int, int]:
    """The store of ``n_articles`` generated articles; its quads and events."""
    from newsgraph.graph.store import Store

    with Store.open(path) as st:
        graphs = list(generate(n_articles, names="invented"))
        for i in range(0, len(graphs), 64):
            st.replace_graphs(graphs[i:i + 64])
        st.flush()
        stats = st.stats()
    return stats["quads"], stats["events"]


def measure(work: Path, n_articles: int) -> dict:
    from newsgraph import ingest
    from newsgraph.pipeline.ingest import resolve_store

    path = work / f"store-{n_articles}"
    row: dict = {"articles": n_articles}
    if n_articles:
        start = time.perf_counter()
        row["quads"], row["events"] = build(path, n_articles)
        row["build_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        first = resolve_store(path)
        row["first_pass_s"] = round(time.perf_counter() - start, 2)
        row["merged_first"] = first.get("merged", 0) + first.get("events_merged", 0)
        start = time.perf_counter()
        resolve_store(path)
        row["pass_s"] = round(time.perf_counter() - start, 2)
    else:
        row.update(quads=0, events=0)
    start = time.perf_counter()
    ingest(path, [ARTICLE])
    row["ingest_s"] = round(time.perf_counter() - start, 2)
    shutil.rmtree(path, ignore_errors=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", default="1000,3000,6666", help="store sizes in articles, comma-separated")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(n) for n in args.articles.split(",")]

    from newsgraph.loaders.extract.nlp import load_nlp

    load_nlp()  # before the clock, as a running ingest has it
    work = Path(tempfile.mkdtemp(prefix="ng-resolve-speed-"))
    try:
        rows = [measure(work, n) for n in [0, *sizes]]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = rows[0]["ingest_s"]
    for r in rows:
        r["ratio"] = round(r["ingest_s"] / base, 1) if base else None
    if args.json:
        print(json.dumps({"triples_per_article": TRIPLES_PER_ARTICLE, "rows": rows}, indent=2))
        return 0
    print(f"one article of examples/demo ingested into a store of N generated articles "
          f"(~{TRIPLES_PER_ARTICLE} triples, 8 events each), the store at the resolution pass's fixed point")
    print()
    print(f"{'articles':>8}  {'quads':>9}  {'events':>7}  {'pass, nothing new s':>19}  {'ingest s':>8}  ratio")
    print(f"{'-' * 8}  {'-' * 9}  {'-' * 7}  {'-' * 19}  {'-' * 8}  -----")
    for r in rows:
        pass_s = f"{r['pass_s']:.2f}" if "pass_s" in r else "-"
        print(f"{r['articles']:>8,}  {r['quads']:>9,}  {r['events']:>7,}  {pass_s:>19}  {r['ingest_s']:>8.2f}  "
              f"{r['ratio']:.1f}x")
    print()
    print("ratio: the ingest's time over the same ingest into an empty store (first row), same run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
