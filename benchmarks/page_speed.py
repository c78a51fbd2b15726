#!/usr/bin/env python3
"""How fast are ``linked`` and an actor's page on a big graph?

    python benchmarks/page_speed.py                    # ~1M quads (about 2 minutes)
    python benchmarks/page_speed.py --triples 200000   # quicker
    python benchmarks/page_speed.py --json

It builds the graph of ``store_speed.py`` (the same seeded generator: one named
graph per article with persons, organizations, places, events with roles, ties
with their ng:Tie nodes, co-mention sentences; entity popularity Zipf-like) in a
temporary store with ``Store.replace_graph`` per article, reopens it read-only as
a query command does, then times, on that store:

* ``linked`` as the library answers it (``run_named``: the rows from the store's side
  index, or ``linked.rq`` with the person bound if it has none, then one row per other
  and kind of link in Python, as rdflib terms), with the command line's limit
  (:data:`newsgraph.queries.links.LIMIT` links, the strongest) and with every link,
  for persons of rank 0, 3, 30, 300 and 3000 (most to least named), ``--repeat`` runs
  each: the median over all runs (wall clock, and CPU time of this process: the
  machine may be busy with other work), and per person the median, the slowest
  person's median, and the rows;
* ``linked`` as the command line answers its table (``linked_answer``: the name looked
  up and the rows read in the side index alone, the words as text), the same way;
* the raw ``linked.rq`` alone (``Store.query``), the same way: the query as it was
  answered before the side index, in the same run;
* the actor page (:func:`newsgraph.server.actor.actor_page`, what ``GET /id/...``
  answers, HTML built) of the person whose ``linked`` lists the number of people
  closest to ``--people`` (1,000 by default) from above (found by halving the
  ranks between the two timed ranks around it): median of ``--repeat`` runs,
  with the counts of linked people, rows and bytes.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_speed import ID, TRIPLES_PER_ARTICLE, generate, machine  # noqa: E402

RANKS = (0, 3, 30, 300, 3000)


def build(path: Path, n_articles: int) -> int:
    from newsgraph.graph.store import Store

    n = 0
    with Store.open(path) as store:
        for iri, triples in generate(n_articles):
            store.replace_graph(iri, triples)
            n += len(triples)
    return n


def timed(fn, repeat: int, cpu: list | None = None) -> tuple[list[float], object]:
    """Wall-clock seconds of ``repeat`` runs (and their CPU seconds added to ``cpu``), and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(time.process_time() - start_cpu)
    return times, result


def run(n_triples: int, repeat: int, people: int, existing: str | None = None) -> dict:
    from rdflib import URIRef

    from newsgraph.graph.store import Store
    from newsgraph.ontology import NG
    from newsgraph.queries import get_query, run_named
    from newsgraph.queries.links import LIMIT, linked_answer
    from newsgraph.server.actor import actor_page

    work = Path(tempfile.mkdtemp(prefix="newsgraph-page-speed-"))
    out = {"machine": machine(), "limit": LIMIT}
    try:
        start = time.perf_counter()
        if existing:  # a store of this graph built before
            path = Path(existing)
            out["reused"] = str(path)
            with Store.open(path, read_only=True) as store:
                out["quads"] = len(store)
        else:
            path = work / "store"
            out["quads"] = build(path, max(1, n_triples // TRIPLES_PER_ARTICLE))
        out["build_seconds"] = round(time.perf_counter() - start, 1)
        with Store.open(path, read_only=True) as store:
            out["side_index"] = store.index() is not None
            text = get_query("linked").text
            run_named(store, "linked", person=URIRef(f"{ID}person/person-{RANKS[-1]}"))  # warm: ontology, caches
            timings = {key: ([], []) for key in ("linked", "every", "cli", "raw")}
            per_person = []
            for rank in RANKS:
                person = URIRef(f"{ID}person/person-{rank}")
                runs = {
                    "linked": lambda: run_named(store, "linked", person=person, limit=LIMIT),
                    "every": lambda: run_named(store, "linked", person=person),
                    "cli": lambda: linked_answer(path, f"Person Name{rank}", limit=LIMIT),
                    "raw": lambda: store.query(text, {"person": person}),
                }
                medians, results = {}, {}
                for key, fn in runs.items():
                    times, results[key] = timed(fn, repeat, timings[key][1])
                    timings[key][0].extend(times)
                    medians[key] = round(statistics.median(times) * 1000, 1)
                rows = results["every"]
                others = {r[0] for r in rows if r[2] == NG.Person}
                per_person.append({"rank": rank, "linked_ms": medians["linked"], "every_ms": medians["every"],
                                   "cli_ms": medians["cli"], "raw_query_ms": medians["raw"],
                                   "query_rows": len(results["raw"]), "rows": len(rows),
                                   "limited_rows": len(results["linked"]), "people": len(others)})
            for key, (times, cpu) in timings.items():
                out[f"{key}_median_ms"] = round(statistics.median(times) * 1000, 1)
                out[f"{key}_median_cpu_ms"] = round(statistics.median(cpu) * 1000, 1)
            out["linked_slowest_person_ms"] = max(p["linked_ms"] for p in per_person)
            out["persons"] = per_person
            # the person whose linked people are closest to --people, from above: between the
            # ranks timed, halve the interval of ranks until one lists --people or a few more
            low, high = 0, len(RANKS) - 1
            while high > low + 1 and per_person[low + 1]["people"] >= people:
                low += 1
            chosen = per_person[low]
            lo, hi = chosen["rank"], RANKS[min(low + 1, len(RANKS) - 1)]
            while hi - lo > 1:
                mid = (lo + hi) // 2
                rows = run_named(store, "linked", person=URIRef(f"{ID}person/person-{mid}"))
                found = {r[0] for r in rows if r[2] == NG.Person}
                if len(found) >= people:
                    lo, chosen = mid, {"rank": mid, "people": len(found), "rows": len(rows)}
                else:
                    hi = mid
            person = URIRef(f"{ID}person/person-{chosen['rank']}")
            page_cpu: list = []
            times, page = timed(lambda: actor_page(store, person, "person"), repeat, page_cpu)
            out["page"] = {"rank": chosen["rank"], "people": chosen["people"], "rows": chosen["rows"],
                           "bytes": len(page.encode("utf-8")),
                           "median_ms": round(statistics.median(times) * 1000, 1),
                           "median_cpu_ms": round(statistics.median(page_cpu) * 1000, 1),
                           "max_ms": round(max(times) * 1000, 1)}
        out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="About how many quads (default 1M).")
    parser.add_argument("--repeat", type=int, default=5, help="Runs per person (default 5).")
    parser.add_argument("--people", type=int, default=1000, help="Linked people of the page timed (default 1000).")
    parser.add_argument("--store", metavar="PATH", help="Time a store built before (the generated graph) "
                                                         "instead of building one.")
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
    args = parser.parse_args(argv)
    report = run(args.triples, args.repeat, args.people, args.store)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    m = report["machine"]
    print(f"machine : {m.get('cpu', '?')}, {m.get('cpus', '?')} CPUs, Python {m.get('python', '?')}")
    built = f"reused from {report['reused']}" if report.get("reused") else f"built in {report['build_seconds']} s"
    print(f"graph   : {report['quads']:,} quads, {built}; side index: {'yes' if report['side_index'] else 'no'}")
    limit = report["limit"]
    for key, what in (("linked", f"linked (run_named, the first {limit} links)"),
                      ("every", "linked (run_named, every link)"),
                      ("cli", f"linked as the CLI's table (linked_answer, {limit} links)"),
                      ("raw", "linked.rq alone (the query, no side index)")):
        print(f"{what + ', median of all runs:':58} {report[key + '_median_ms']:>8} ms "
              f"({report[key + '_median_cpu_ms']} ms CPU)")
    print(f"linked (the first {limit} links), slowest person's median: {report['linked_slowest_person_ms']} ms")
    print(f"{'rank':>6} {'linked ms':>10} {'every ms':>9} {'CLI ms':>7} {'query ms':>9} {'query rows':>11} "
          f"{'rows':>6} {'people':>7}")
    for p in report["persons"]:
        print(f"{p['rank']:>6} {p['linked_ms']:>10} {p['every_ms']:>9} {p['cli_ms']:>7} {p['raw_query_ms']:>9} "
              f"{p['query_rows']:>11,} {p['rows']:>6,} {p['people']:>7,}")
    page = report["page"]
    print(f"actor page of person rank {page['rank']} ({page['people']:,} linked people, {page['rows']:,} rows, "
          f"{page['bytes']:,} bytes): median {page['median_ms']} ms ({page['median_cpu_ms']} ms CPU), "
          f"slowest {page['max_ms']} ms")
    made = "" if report.get("reused") else ", the graph's generation included"
    print(f"peak RSS: {report['peak_rss_mb']:,} MB (this process{made})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
