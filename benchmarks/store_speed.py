#!/usr/bin/env python3
"""How fast is newsgraph's store on a big graph, compared with rdflib's Memory store?

    python benchmarks/store_speed.py                    # ~1M triples (about 10 minutes, most of it rdflib)
    python benchmarks/store_speed.py --triples 200000   # quicker
    python benchmarks/store_speed.py --json

One run generates a graph shaped like newsgraph's (one named graph per article
holding its persons, organizations and places with their names, events with
roles, dates, places and charges, stated ties with their ng:Tie nodes, and
ng:Sentence co-mention nodes; plus the resolution graph with one rdfs:label per
entity), the same for both stores (a seeded random generator; popularity of
entities is Zipf-like, as in news). Then, each store in its own process:

* load, on disk: ``Store.replace_graph`` once per article (each article its own
  transaction: a new graph is N-Quads text pyoxigraph loads in one transaction);
  ``Store.replace_graphs`` with ``WRITE_BATCH`` articles a call, the path ``newsgraph
  ingest`` takes, then a compaction; the same again, as a re-ingest of unchanged articles
  (each graph is compared with what is stored and nothing is written);
  pyoxigraph's ``bulk_extend`` of all the quads (no transaction; what a bulk
  import could reach); pyoxigraph's ``bulk_load`` of the same quads as an
  N-Quads file (the path of ``newsgraph extract`` + ``oxigraph load``); and
  rdflib adding the same quads to a ``Dataset`` on its ``Memory`` store;
* query latency: the SPARQL of the ``linked``, ``timeline`` and ``events``
  named queries (the ``.rq`` files, parameters bound, not pasted) for several
  persons (or places) of different popularity, median over all runs; our store
  through ``Store.query`` on the store reopened read-only, as a query command
  opens it after ingest (``--repeat`` runs per subject; the median of the
  query's own CPU time is shown too, as the machine may be busy with other
  work), rdflib through ``Dataset.query(initBindings=...)`` (one run per
  subject); row counts are compared; an rdflib query still running after
  ``--budget`` seconds is stopped, counted as ``--budget`` seconds and shown
  as ``>``;
* name lookup on our store: ``load_names`` (every name of every entity: from the
  store's side index, or the one query a look-up by name read before it) and
  ``lookup_entity`` of one full name with those names, the first look-up of a process
  (nothing folded yet), and from the side index alone, as ``newsgraph linked "Full
  Name"`` now asks it;
* peak RSS of each process (``ru_maxrss``, data generation included).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ID = "https://w3id.org/newsgraph/id/"
ARTICLE = "https://w3id.org/newsgraph/article/"
QUERIES = ("linked", "timeline", "events")
TRIPLES_PER_ARTICLE = 150  # about what the demo corpus gives


# ---------------------------------------------------------------- the data

def invented_name(kind: str, rank: int) -> str:
    """A made-up name for the entity of this rank, unlike every other one: "Person Name12" and
    "Person Name1266" fold to close surnames, so the resolution pass takes all the numbered persons
    for one; these it leaves apart. Pairs of letters from a seeded generator, one of 400 given names
    for a person."""
    def word(r: random.Random, pairs: int) -> str:
        return "".join(r.choice("bcdfghjklmnprstvz") + r.choice("aeiou") for _ in range(pairs)).capitalize()

    r = random.Random(rank * 7919 + len(kind))
    if kind == "person":
        return f"{word(random.Random(rank % 400), 3)} {word(r, 4)}"
    return f"{word(r, 3)} {word(r, 2)} Union" if kind == "org" else word(r, 4)


def generate(n_articles: int, seed: int = 7, names: str = "numbered"):
    """Yield ``(graph_iri, [(s, p, o), ...])`` per article, then the resolution graph. ``names``:
    ``numbered`` ("Person Name12", what the query benchmarks look up) or ``invented``
    (:func:`invented_name`, for timing the resolution pass)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

    from newsgraph.ontology import NG, RESOLUTION_GRAPH

    rng = random.Random(seed)
    n_persons, n_orgs, n_places = max(50, n_articles * 3), max(20, n_articles // 2), max(10, n_articles // 8)
    weights = {kind: [1 / (rank + 1) ** 0.9 for rank in range(n)]
               for kind, n in (("person", n_persons), ("org", n_orgs), ("place", n_places))}
    cumulative = {kind: _cumulative(w) for kind, w in weights.items()}
    used: dict[str, tuple] = {}
    types = {"person": NG.Person, "org": NG.Organization, "place": NG.Place}
    event_types = [NG.Detention, NG.Charging, NG.Sentencing, NG.Release, NG.Protest, NG.PretrialDetention,
                   NG.Fine]
    ties = [NG.lawyerOf, NG.supporterOf, NG.memberOf, NG.leaderOf]
    charges = [f"charge-{i}" for i in range(300)]

    def pick(kind):
        rank = _draw(rng, cumulative[kind])
        iri = URIRef(f"{ID}{kind}/{kind}-{rank}")
        used[str(iri)] = (kind, invented_name(kind, rank) if names == "invented" else f"{kind.title()} Name{rank}")
        return iri

    for a in range(n_articles):
        art = URIRef(f"{ARTICLE}{a:016x}")
        day = f"20{20 + a % 5}-{1 + a % 12:02d}-{1 + a % 28:02d}"
        g = [(art, RDF.type, NG.Article), (art, DCTERMS.title, Literal(f"Article {a}")),
             (art, DCTERMS.date, Literal(day, datatype=XSD.date)), (art, DCTERMS.source, Literal(f"feed/{a}.txt"))]
        persons = list(dict.fromkeys(pick("person") for _ in range(6)))
        orgs = list(dict.fromkeys(pick("org") for _ in range(3)))
        places = list(dict.fromkeys(pick("place") for _ in range(2)))
        for e in persons + orgs + places:
            kind, label = used[str(e)]
            g += [(e, RDF.type, types[kind]), (e, SKOS.altLabel, Literal(label)), (e, NG.mentionedIn, art)]
            if kind == "person":
                g.append((e, SKOS.altLabel, Literal(label.split()[-1])))
        actors = persons + orgs
        for s in range(5):
            node = URIRef(f"{ID}sentence/{a:016x}-{s}")
            g += [(node, RDF.type, NG.Sentence), (node, PROV.wasDerivedFrom, art),
                  (node, NG.evidence, Literal(f"Sentence {s} of article {a}, naming several actors."))]
            g += [(node, NG.mentions, m) for m in rng.sample(actors, min(3, len(actors)))]
        for v in range(8):
            ev = URIRef(f"{ID}event/{a:016x}-{v}")
            g += [(ev, RDF.type, rng.choice(event_types)), (ev, NG.trigger, Literal("detained")),
                  (ev, NG.evidence, Literal(f"Event {v} of article {a} was reported in this sentence.")),
                  (ev, PROV.wasDerivedFrom, art)]
            g += [(ev, NG.hasTarget, t) for t in rng.sample(persons, min(len(persons), rng.choice((1, 1, 2))))]
            if rng.random() < 0.7:
                g.append((ev, NG.date, Literal(day, datatype=XSD.date)))
            if rng.random() < 0.5:
                g.append((ev, NG.place, rng.choice(places)))
            if rng.random() < 0.3:
                g.append((ev, NG.hasAgent, rng.choice(orgs)))
            if rng.random() < 0.3:
                charge = URIRef(f"{ID}charge/{rng.choice(charges)}")
                g += [(ev, NG.charge, charge), (charge, RDF.type, NG.Charge),
                      (charge, RDFS.label, Literal(str(charge).rsplit("/", 1)[-1]))]
                g.append((rng.choice(persons), NG.chargedWith, charge))
            if rng.random() < 0.2:
                g.append((ev, NG.penalty, Literal(f"{rng.randint(2, 30)} days")))
        for t in range(2):
            prop = rng.choice(ties)
            subject = rng.choice(persons)
            obj = rng.choice(orgs) if prop in (NG.memberOf, NG.leaderOf) else rng.choice(persons)
            if subject == obj:
                continue
            tie = URIRef(f"{ID}tie/{a:016x}-{t}")
            g += [(subject, prop, obj), (tie, RDF.type, NG.Tie), (tie, NG.tieSubject, subject),
                  (tie, NG.tieProperty, prop), (tie, NG.tieObject, obj), (tie, PROV.wasDerivedFrom, art),
                  (tie, NG.evidence, Literal(f"Tie {t} of article {a}."))]
        yield str(art), g
    yield RESOLUTION_GRAPH, [(URIRef(iri), RDFS.label, Literal(label)) for iri, (_k, label) in sorted(used.items())]


def _cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _draw(rng, cumulative):
    import bisect

    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def subjects():
    """Whose links, timelines and places the queries ask about: popular to rare."""
    from rdflib import URIRef

    from newsgraph.ontology import NG

    ranks = (0, 3, 30, 300, 3000)
    persons = [URIRef(f"{ID}person/person-{r}") for r in ranks]
    places = [URIRef(f"{ID}place/place-{r}") for r in ranks[:4]]
    return {
        "linked": [{"person": p} for p in persons],
        "timeline": [{"person": p} for p in persons],
        "events": [{"type": NG.Detention, "place": p} for p in places],
    }


# ---------------------------------------------------------------- one backend per process

def run_backend(backend: str, n_articles: int, repeat: int, budget: float) -> dict:
    from newsgraph.queries import load_queries

    texts = {name: load_queries()[name].text for name in QUERIES}
    out = {"backend": backend, "loads": [], "queries": {}}
    work = Path(tempfile.mkdtemp(prefix="newsgraph-store-speed-"))
    try:
        if backend == "newsgraph":
            run = _load_ours(work, n_articles, out)
        else:
            run = _load_rdflib(n_articles, out)
        for name in (QUERIES if repeat > 0 else ()):
            times, cpu, rows, cut, error = [], [], [], False, None
            for params in subjects()[name]:
                for _ in range(repeat if backend == "newsgraph" else 1):
                    try:
                        seconds, cpu_seconds, n = _timed(run, texts[name], params,
                                                         budget if backend != "newsgraph" else None)
                    except TimeoutError:  # counted as the budget; the next subject still runs
                        cut = True
                        times.append(budget)
                        n = None
                        break
                    except Exception as exc:  # rdflib cannot run every query we can
                        error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                        break
                    times.append(seconds)
                    cpu.append(cpu_seconds)
                    if seconds > 2.0:  # a slow run is measured once
                        break
                if error:
                    break
                rows.append(n)
            median = statistics.median(times) if times else None
            out["queries"][name] = {"median_ms": round(median * 1000, 2) if times else None,
                                    "median_cpu_ms": round(statistics.median(cpu) * 1000, 2) if cpu else None,
                                    "runs": len(times), "rows": rows, "cut": cut, "error": error,
                                    # the median is only a lower bound when it is a stopped run
                                    "median_cut": bool(cut and budget and median >= budget)}
        if backend == "newsgraph" and repeat > 0:
            out["lookups"] = _time_lookup(run.store)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _load_ours(work: Path, n_articles: int, out: dict):
    import pyoxigraph as ox

    from newsgraph.graph.store import Store, to_oxigraph

    from newsgraph.pipeline.ingest import WRITE_BATCH

    graphs = list(generate(n_articles))  # generated before the clock starts, as for rdflib
    n = sum(len(t) for _g, t in graphs)
    single = Store.open(work / "single")
    start, cpu0 = time.perf_counter(), _cpu()
    for iri, triples in graphs:
        single.replace_graph(iri, triples)
    single.flush()
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    single.close()
    out["loads"].append({"how": "Store.replace_graph per article", "quads": n, "seconds": round(seconds, 2), "cpu": round(cpu, 2)})
    store = Store.open(work / "store")
    start, cpu0 = time.perf_counter(), _cpu()  # ingest's write path: WRITE_BATCH articles per call
    for i in range(0, len(graphs), WRITE_BATCH):
        store.replace_graphs(graphs[i:i + WRITE_BATCH])
    store.compact()  # as ingest ends after bulk writes
    store.flush()
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    out["loads"].append({"how": f"Store.replace_graphs, {WRITE_BATCH} per call (ingest)", "quads": n,
                         "seconds": round(seconds, 2), "cpu": round(cpu, 2), "ingest": True})
    start, cpu0 = time.perf_counter(), _cpu()  # the same again, as a re-ingest of unchanged articles: nothing to write
    for i in range(0, len(graphs), WRITE_BATCH):
        store.replace_graphs(graphs[i:i + WRITE_BATCH])
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    out["loads"].append({"how": "the same again (unchanged: no write)", "quads": n, "seconds": round(seconds, 2), "cpu": round(cpu, 2)})
    quads = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.NamedNode(iri))
             for iri, triples in graphs for s, p, o in triples]
    del graphs
    nq = work / "all.nq"
    ox.serialize(quads, str(nq), format=ox.RdfFormat.N_QUADS)
    bulk = ox.Store(str(work / "bulk-extend"))
    start, cpu0 = time.perf_counter(), _cpu()
    bulk.bulk_extend(quads)
    bulk.flush()
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    out["loads"].append({"how": "pyoxigraph bulk_extend (no transaction)", "quads": n,
                         "seconds": round(seconds, 2), "cpu": round(cpu, 2), "bulk": True})
    del bulk, quads
    bulk = ox.Store(str(work / "bulk"))
    start, cpu0 = time.perf_counter(), _cpu()
    bulk.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    out["loads"].append({"how": "bulk load of N-Quads (oxigraph load)", "quads": n, "seconds": round(seconds, 2), "cpu": round(cpu, 2)})
    del bulk
    out["quads"] = n
    store.close()  # a query command opens the store read-only, after ingest has closed it
    store = Store.open(work / "store", read_only=True)

    def run(text, params):
        return len(store.query(text, params))

    run.store = store
    return run


def _cpu() -> float:
    """CPU seconds of this process, its threads included (RocksDB's background work too)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _time_lookup(store) -> list:
    """Milliseconds of ``load_names`` and of the first ``lookup_entity`` of a full name."""
    from newsgraph.queries.lookup import load_names, lookup_entity

    import tempfile

    saved = os.environ.get("NEWSGRAPH_CACHE")
    os.environ["NEWSGRAPH_CACHE"] = tempfile.mkdtemp(prefix="newsgraph-bench-cache-")  # starts empty
    try:
        start = time.perf_counter()
        names = load_names(store)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        again = load_names(store)  # as the next query command on the unchanged store does
        cached = time.perf_counter() - start
        assert again == names
    finally:
        shutil.rmtree(os.environ["NEWSGRAPH_CACHE"], ignore_errors=True)
        if saved is None:
            del os.environ["NEWSGRAPH_CACHE"]
        else:
            os.environ["NEWSGRAPH_CACHE"] = saved
    indexed = getattr(store, "index", lambda: None)() is not None
    start = time.perf_counter()
    match = lookup_entity(store, "Person Name30", "person", names=names)
    found = time.perf_counter() - start
    assert str(match.iri).endswith("/person-30"), match
    rows = [{"how": f"load_names ({len(names):,} entities), read from the "
                    f"{'side index' if indexed else 'store'}", "ms": round(loaded * 1000, 1)},
            {"how": f"load_names again, from the {'side index' if indexed else 'cache'} (store unchanged)",
             "ms": round(cached * 1000, 1)},
            {"how": "lookup_entity with every name given, first in the process", "ms": round(found * 1000, 1)}]
    if indexed:  # as a query by name asks it: only the entities holding a name form with every word typed
        start = time.perf_counter()
        match = lookup_entity(store, "Person Name300", "person")
        rows.append({"how": "lookup_entity from the side index (no name read)",
                     "ms": round((time.perf_counter() - start) * 1000, 1)})
        assert str(match.iri).endswith("/person-300"), match
    return rows


def _load_rdflib(n_articles: int, out: dict):
    from rdflib import Dataset, URIRef

    from newsgraph.ontology import PREFIXES

    graphs = list(generate(n_articles))
    n = sum(len(t) for _g, t in graphs)
    ds = Dataset(store="Memory", default_union=True)
    start = time.perf_counter()
    for iri, triples in graphs:
        ctx = ds.graph(URIRef(iri))
        ctx.addN((s, p, o, ctx) for s, p, o in triples)
    seconds = time.perf_counter() - start
    del graphs
    out["loads"].append({"how": "rdflib Dataset (Memory) addN per article", "quads": n,
                         "seconds": round(seconds, 2)})
    out["quads"] = n
    names = {k: str(v) for k, v in PREFIXES.items()}
    return lambda text, params: len(list(ds.query(text, initBindings=params, initNs=names)))


def _timed(run, text, params, budget):
    def stop(signum, frame):
        raise TimeoutError

    if budget:
        signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        n = run(text, params)
        return time.perf_counter() - start, time.process_time() - cpu, n
    finally:
        if budget:
            signal.setitimer(signal.ITIMER_REAL, 0)


# ---------------------------------------------------------------- report

def machine() -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(terse=True)}
    try:
        with open("/proc/cpuinfo") as fh:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "?")
        with open("/proc/meminfo") as fh:
            info["memory_gb"] = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    import pyoxigraph
    import rdflib

    info["pyoxigraph"], info["rdflib"] = pyoxigraph.__version__, rdflib.__version__
    return info


def print_table(report: dict) -> None:
    m = report["machine"]
    print(f"machine : {m.get('cpu', '?')}, {m['cpus']} CPUs, {m.get('memory_gb', '?')} GB, "
          f"CPython {m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}")
    ours, theirs = report["newsgraph"], report["rdflib"]
    print(f"graph   : {ours['quads']:,} quads in {report['articles']:,} article graphs + the resolution graph")
    print()
    print(f"{'load':44}{'quads':>11}{'seconds':>10}{'quads/s':>12}{'CPU s':>8}{'quads/CPU s':>13}")
    for row in ours["loads"] + theirs["loads"]:
        cpu = row.get("cpu")
        extra = f"{cpu:>8.2f}{row['quads'] / cpu:>13,.0f}" if cpu else ""
        print(f"{row['how']:44}{row['quads']:>11,}{row['seconds']:>10.2f}{row['quads'] / row['seconds']:>12,.0f}{extra}")
    ingest = next(r for r in ours["loads"] if r.get("ingest"))
    bulk = next(r for r in ours["loads"] if r.get("bulk"))
    print(f"ingest write path / bulk_extend (same quads, same run): {bulk['seconds'] / ingest['seconds']:.0%} "
          f"of its rate by the clock, {bulk['cpu'] / ingest['cpu']:.0%} by CPU time")
    print()
    if not ours["queries"]:
        print(f"peak RSS: newsgraph {ours['peak_rss_mb']:,.0f} MB (queries not run: --loads-only)")
        return
    print(f"{'query (median ms)':20}{'newsgraph':>12}{'(CPU)':>9}{'rdflib':>12}{'speed-up':>10}   "
          "rows (ours / rdflib)")
    errors = []
    for name in QUERIES:
        a, b = ours["queries"][name], theirs["queries"][name]
        if b.get("error"):
            slow, speedup = "error", "-"
            errors.append(f"rdflib cannot run {name}: {b['error']}")
        else:
            cut = b.get("median_cut", b["cut"])
            slow = f">{b['median_ms']:.0f}" if cut else f"{b['median_ms']:.1f}"
            speedup = (">" if cut else "") + f"{b['median_ms'] / a['median_ms']:.0f}x"
        cpu = a.get("median_cpu_ms")
        cpu = f"{cpu:.1f}" if cpu is not None else "-"
        print(f"{name:20}{a['median_ms']:>12.2f}{cpu:>9}{slow:>12}{speedup:>10}   {a['rows']} / {b['rows']}")
    for line in errors:
        print(f"note: {line}")
    if any(theirs["queries"][q]["cut"] for q in QUERIES):
        print(f"note: rdflib rows None = stopped after {report.get('budget', 60):.0f} s")
    print()
    for row in ours.get("lookups", []):
        print(f"{'name lookup: ' + row['how']:52}{row['ms']:>10.1f} ms")
    print()
    print(f"peak RSS: newsgraph {ours['peak_rss_mb']:,.0f} MB, rdflib {theirs['peak_rss_mb']:,.0f} MB "
          "(each in its own process, data generation included)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="about how many triples (default 1M)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query and subject on our store")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds an rdflib query may take")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--backend", choices=["newsgraph", "rdflib"], help=argparse.SUPPRESS)
    ap.add_argument("--articles", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--loads-only", action="store_true", help="time the loads of our store only "
                    "(no queries, no rdflib)")
    args = ap.parse_args(argv)
    n_articles = args.articles or max(10, args.triples // TRIPLES_PER_ARTICLE)
    if args.loads_only:
        args.repeat = 0
    if args.backend:  # the child: one backend, JSON on stdout
        print(json.dumps(run_backend(args.backend, n_articles, args.repeat, args.budget)))
        return 0
    report = {"machine": machine(), "articles": n_articles, "budget": args.budget}
    report["rdflib"] = {"loads": [], "queries": {}, "peak_rss_mb": 0}
    for backend in ("newsgraph",) if args.loads_only else ("newsgraph", "rdflib"):
        child = subprocess.run([sys.executable, __file__, "--backend", backend, "--articles", str(n_articles),
                                "--repeat", str(args.repeat), "--budget", str(args.budget)],
                               capture_output=True, text=True)
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return 1
        report[backend] = json.loads(child.stdout.strip().splitlines()[-1])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
