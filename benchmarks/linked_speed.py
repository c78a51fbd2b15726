#!/usr/bin/env python3
"""`newsgraph linked "Full Name"` as a user types it: a whole process, end to end.

    python benchmarks/linked_speed.py                          # ~1M-quad store, this tree vs --baseline
    python benchmarks/linked_speed.py --baseline /work/main    # compare with another checkout
    python benchmarks/linked_speed.py --triples 200000 --json

It builds a store shaped like newsgraph's (benchmarks/store_speed.py's seeded
generator: one graph per article, a resolution graph, Zipf-like popularity),
then, for each code tree (this one, and ``--baseline`` if given: the same
commands with ``PYTHONPATH`` set to that tree, in the same run), times whole
processes:

- ``import newsgraph.cli`` (what every command pays before any work), median of 5;
- ``newsgraph linked "Person Name30"`` with an empty name cache (first query ever);
- the same with the name cache warm, median of 3;
- the same right after a write (median of 3, a fresh write before each, the write not
  timed): one new article graph written through ``Store`` as ingest writes it, then
  (a) nothing more, (b) what ingest does after closing the store in that tree (a tree
  that keeps a name cache refreshes it then; this one keeps the store's side index in
  step with the write itself; see WRITE below for why the resolution pass is left out);
- the newly written name, looked up by the next ``linked`` (median of 3): it must be
  found, without anything rebuilt in between.

Every timed process gives its CPU time (user + system) and its peak RSS (``os.wait4``).
The person of rank 30 has about 500 links, the median case of store_speed.py.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

PERSON = "Person Name30"


BUILD = """
import sys
sys.path.insert(0, {benchmarks!r})
from store_speed import TRIPLES_PER_ARTICLE, generate
from newsgraph.graph.store import Store
graphs = list(generate(max(10, {triples} // TRIPLES_PER_ARTICLE)))
with Store.open({path!r}) as st:
    for i in range(0, len(graphs), 64):
        st.replace_graphs(graphs[i:i + 64])
    st.flush()
    print(len(st))
"""
"""Builds the store, in a process of its own: this one stays small, and so do the processes it
starts (a child's peak RSS counts what it shared with its parent before it ran Python)."""


def build_store(path: Path, triples: int) -> int:
    done = subprocess.run([sys.executable, "-c", BUILD.format(benchmarks=str(REPO / "benchmarks"), triples=triples,
                                                              path=str(path))],
                          env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


CPU: dict[str, list[float]] = {}
"""CPU seconds (user + system) of each timed process, by measurement key: on a busy
machine the wall clock also counts other programs' turns on the cores."""

RSS: dict[str, list[int]] = {}
"""Peak resident memory (bytes) of each timed process, by measurement key."""


def run(tree: Path, args: list[str], cache: Path, key: str | None = None, expect: str | None = None) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), NEWSGRAPH_CACHE=str(cache))
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        # started outside any checkout: `python -m` puts the working folder first on the path, and a
        # tree there would win over PYTHONPATH (run from the repository, both columns were this tree)
        child = subprocess.Popen([sys.executable, *args], env=env, stdout=out, stderr=err, cwd=cache.parent)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if key:
        CPU.setdefault(key, []).append(usage.ru_utime + usage.ru_stime)
        RSS.setdefault(key, []).append(usage.ru_maxrss * 1024)
    if child.returncode not in (0, 1):
        raise RuntimeError(f"{args} failed in {tree}: {stderr.strip()[-400:]}")
    if expect is not None and expect not in stdout:
        raise RuntimeError(f"{args} in {tree} did not print {expect!r}: {(stdout + stderr)[-400:]}")
    return seconds


def measure(tree: Path, store: Path, work: Path, label: str) -> dict:
    cache = work / f"cache-{label}"
    cli = ["-m", "newsgraph", "--store", str(store)]
    linked = [*cli, "linked", PERSON]
    shown = "rows)"  # a table was printed (not a name error)
    out = {"tree": str(tree)}
    CPU.clear()
    RSS.clear()
    out["import_cli"] = statistics.median(run(tree, ["-c", "import newsgraph.cli"], cache, "import_cli")
                                          for _ in range(5))
    shutil.rmtree(cache, ignore_errors=True)
    out["cold"] = run(tree, linked, cache, "cold", expect=shown)
    out["warm"] = statistics.median(run(tree, linked, cache, "warm", expect=shown) for _ in range(3))
    for key, refresh in (("after_raw_write", False), ("after_write", True)):
        after = []
        for i in range(3):
            run(tree, ["-c", WRITE.format(store=str(store), n=f"{key}-{i}", refresh=refresh)], cache)
            after.append(run(tree, linked, cache, key, expect=shown))
        out[key] = statistics.median(after)
    newcomer = []
    for i in range(3):  # the name the last write added, found by the next query by name
        run(tree, ["-c", WRITE.format(store=str(store), n=f"newcomer-{i}", refresh=True)], cache)
        newcomer.append(run(tree, [*cli, "linked", f"Newly Named newcomer-{i}"], cache, "newcomer",
                            expect="(0 rows)"))
    out["newcomer"] = statistics.median(newcomer)
    out["cpu"] = {key: statistics.median(values) for key, values in CPU.items()}
    out["rss"] = {key: max(values) for key, values in RSS.items()}
    return out


WRITE = """
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS
from newsgraph.graph.store import Store
from newsgraph.ontology import NG
art = URIRef("https://w3id.org/newsgraph/article/{n}")
who = URIRef("https://w3id.org/newsgraph/id/person/new-{n}")
with Store.open({store!r}) as st:
    st.replace_graph(str(art), [(art, RDF.type, NG.Article), (who, RDF.type, NG.Person),
                                (who, SKOS.altLabel, Literal("Newly Named {n}")), (who, NG.mentionedIn, art)])
if {refresh}:
    try:  # a tree that refreshes a name cache as ingest ends (this one keeps its side index instead)
        from newsgraph.queries.lookup import warm_names as refresh
    except ImportError:
        refresh = None
    if refresh:
        refresh({store!r})
"""
"""One new article graph written as ingest writes it; with ``refresh``, then what ingest does
after closing the store (a tree's name-cache refresh, if it has one). The resolution pass is
left out: on the generated names (Person Name30, Person Name300...) it would merge persons that
real names keep apart."""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--baseline", type=Path, help="another newsgraph checkout to time the same way")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsgraph-linked-bench-"))
    try:
        store = work / "store"
        quads = build_store(store, args.triples)
        trees = [("this tree", REPO)] + ([("baseline", args.baseline.resolve())] if args.baseline else [])
        results = {}
        for label, tree in trees:  # each tree gets its own copy of the store: its writes stay its own
            copy = work / f"store-{label.replace(' ', '-')}"
            shutil.copytree(store, copy)
            results[label] = measure(tree, copy, work, label.replace(" ", "-"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = {"quads": quads, "person": PERSON, "results": results}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"store: {quads:,} quads; `newsgraph linked \"{PERSON}\"` as a whole process (seconds)")
    print()
    rows = [("import newsgraph.cli (median of 5)", "import_cli"), ("linked, name cache empty", "cold"),
            ("linked, name cache warm (median of 3)", "warm"), ("linked after a raw write (median of 3)",
                                                               "after_raw_write"),
            ("linked after a write, as ingest ends (median of 3)", "after_write"),
            ("linked of the name that write added (median of 3)", "newcomer")]
    labels = list(results)
    head = "".join(f"{label + ' wall':>16}{'CPU':>7}{'RSS MB':>8}" for label in labels)
    print(f"{'':52}" + head + ("   ratio (CPU)" if len(labels) > 1 else ""))
    for name, key in rows:
        values = [(results[label][key], results[label]["cpu"][key], results[label]["rss"][key] / 1e6)
                  for label in labels]
        ratio = f"{values[0][1] / values[1][1]:>13.2f}x" if len(values) > 1 else ""
        print(f"{name:52}" + "".join(f"{w:>16.2f}{c:>7.2f}{m:>8.0f}" for w, c, m in values) + ratio)
    return 0


if __name__ == "__main__":
    sys.exit(main())
