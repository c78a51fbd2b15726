#!/usr/bin/env python3
"""How long does a big network page take to draw and to settle in Chromium?

    python benchmarks/viz_speed.py                       # a generated 2,000-node graph
    python benchmarks/viz_speed.py --nodes 500 --runs 3
    python benchmarks/viz_speed.py --page graph.html --screenshot graph.png   # any page newsgraph wrote
    python benchmarks/viz_speed.py --json

The graph is generated (networkx ``powerlaw_cluster_graph``, seeded: a few hubs,
many small clusters, about 2 edges a node; a third of the nodes organizations,
the rest persons) and written with ``newsgraph.exports.html.write_html``, as
``newsgraph viz`` does. The page is opened in Debian's headless ``chromium``
(through Playwright, networking blocked), and the times are read from the page
itself (``performance.now()``):

* **build**: parsing the graph data and ``new vis.Network(...)`` (first draw);
* **stabilise**: the bounded physics layout, until physics is switched off and
  the page is still (a graph over ``LAYOUT_IN_PYTHON_ABOVE`` nodes comes laid out, physics off).

A generated graph that big is also written and timed the old way, laid out by physics in
the browser, as the baseline of the same run.

It also prints the Python time to build and write the page, the page size, and
the machine (CPUs, CPU model, Python, Chromium). Needs ``chromium`` and the
``playwright`` package (``pip install -e '.[test]'``).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND"]


def generated_graph(n: int, seed: int = 7):
    """A seeded co-occurrence-like graph with newsgraph's node and edge attributes."""
    import networkx as nx

    g = nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)
    g = nx.relabel_nodes(g, {i: f"https://w3id.org/newsgraph/id/bench/{i}" for i in g})
    g.graph["kind"] = "cooccurrence"
    for i, (node, attrs) in enumerate(g.nodes(data=True)):
        category = "Organization" if i % 3 == 0 else "Person"
        attrs.update(label=f"{category} {i}", type=category, category=category, aliases=f"N{i}",
                     articles=1 + i % 5, degree=g.degree(node), evidence=f"Sentence {i} names two actors.")
    for i, (a, b, attrs) in enumerate(g.edges(data=True)):
        attrs.update(kind="cooccurrence", weight=1 + i % 3, evidence="They met.", articles="")
    return g


def measure(browser, path: Path, screenshot: Path | None = None) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside = []
    page.on("request", lambda r: r.url != path.resolve().as_uri() and not r.url.startswith("data:")
            and outside.append(r.url))
    start = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => window.newsgraph && window.newsgraph.ready === true", timeout=600_000)
    wall = time.perf_counter() - start
    result = page.evaluate("() => ({build: window.newsgraph.buildMs, stabilise: window.newsgraph.stabilizeMs,"
                           " drawn: window.newsgraph.drawn()})")
    if screenshot:
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshot))
    context.close()
    result.update(wall_s=wall, requests_out=len(outside))
    return result


def machine(browser_version: str) -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(terse=True),
            "chromium": browser_version, "cpu": platform.processor() or platform.machine()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    if hasattr(os, "sched_getaffinity"):
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    return info


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000, help="nodes of the generated graph (default 2000)")
    parser.add_argument("--page", type=Path, help="time this page instead of a generated one")
    parser.add_argument("--runs", type=int, default=1, help="page loads to time (median shown)")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the settled page")
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    args = parser.parse_args(argv)

    chromium = os.environ.get("NEWSGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("the playwright package is not installed (pip install -e '.[test]')", file=sys.stderr)
        return 2

    report = {}
    baseline = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.page:
            path = args.page
        else:
            import newsgraph.exports.html as html

            t = time.perf_counter()
            graph = generated_graph(args.nodes)
            path = Path(tmp) / "bench.html"
            html.write_html(graph, path)
            report["python_write_s"] = time.perf_counter() - t
            report["nodes"], report["edges"] = graph.number_of_nodes(), graph.number_of_edges()
            if graph.number_of_nodes() > html.LAYOUT_IN_PYTHON_ABOVE:  # the baseline: layout in the browser
                saved, html.LAYOUT_IN_PYTHON_ABOVE = html.LAYOUT_IN_PYTHON_ABOVE, 10 ** 9
                baseline = Path(tmp) / "bench-physics.html"
                t = time.perf_counter()
                html.write_html(graph, baseline)
                report["baseline_python_write_s"] = time.perf_counter() - t
                html.LAYOUT_IN_PYTHON_ABOVE = saved
        report["page_mb"] = path.stat().st_size / 1e6
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            runs = [measure(browser, path, args.screenshot if i == args.runs - 1 else None)
                    for i in range(args.runs)]
            if baseline is not None:
                before = [measure(browser, baseline) for _ in range(args.runs)]
                report["baseline"] = {"build_s": statistics.median(r["build"] for r in before) / 1000,
                                      "stabilise_s": statistics.median(r["stabilise"] for r in before) / 1000,
                                      "load_to_still_s": statistics.median(r["wall_s"] for r in before)}
            report["machine"] = machine(browser.version)
            browser.close()
    report["drawn"] = runs[-1]["drawn"]
    for key in ("build", "stabilise"):
        report[f"{key}_s"] = statistics.median(r[key] for r in runs) / 1000
    report["load_to_still_s"] = statistics.median(r["wall_s"] for r in runs)
    report["requests_out"] = max(r["requests_out"] for r in runs)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    m = report["machine"]
    drawn = report["drawn"]
    print(f"graph           : {drawn['nodes']:,} nodes, {drawn['edges']:,} edges drawn; page {report['page_mb']:.1f} MB")
    if "python_write_s" in report:
        print(f"python write    : {report['python_write_s']:.2f} s (build the graph and write the page)")
    print(f"browser build   : {report['build_s']:.2f} s (parse data, new vis.Network, first draw)")
    print(f"browser settle  : {report['stabilise_s']:.2f} s (bounded physics, then physics off)")
    print(f"load to still   : {report['load_to_still_s']:.2f} s (navigation start to a still page)")
    print(f"requests out    : {report['requests_out']}")
    if "baseline" in report:
        base = report["baseline"]
        print(f"baseline        : the same graph laid out in the browser (physics, as before): build "
              f"{base['build_s']:.2f} s, settle {base['stabilise_s']:.2f} s, load to still {base['load_to_still_s']:.2f} s, "
              f"python write {report['baseline_python_write_s']:.2f} s")
        print(f"load to still   : {report['load_to_still_s'] / base['load_to_still_s']:.0%} of the baseline's time")
    cpus = f"{m['cpus']} CPUs" + (f" ({m['cpus_usable']} usable)" if m.get("cpus_usable", m["cpus"]) != m["cpus"] else "")
    print(f"machine         : {cpus}, {m['cpu']}, Python {m['python']}, Chromium {m['chromium']}, {m['platform']}")
    if args.runs > 1:
        print(f"(median of {args.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
