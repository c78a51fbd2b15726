#!/usr/bin/env python3
"""What do the extraction rules cost, next to the model, article by article?

    python benchmarks/rules_speed.py                               # examples/demo and examples/heldout
    python benchmarks/rules_speed.py --corpus ../shared/realdev/realdev.jsonl --baseline /work/main
    python benchmarks/rules_speed.py --json

For each article, in turn: the model parses it (``nlp(full_text)``, the pipeline of
``newsgraph.loaders.extract.nlp.load_nlp()``), then the rules read the doc
(``newsgraph.loaders.extract.triples.doc_triples``, or ``extract_doc`` in an older tree),
each timed in CPU seconds of this process. Because the two alternate article by article,
a machine shared with other work slows both alike, and their ratio holds steadier than
two runs timed one after the other. The rules' one-time set-up (word lists, gazetteers,
compiled patterns) is done on an invented article before the clock starts; the model's
per-article call costs about a tenth more than its batched ``nlp.pipe`` (which ingest
uses), so the share is a little lower than against ``ingest_speed.py``'s bare spaCy.

``--baseline DIR`` runs the same measurement on another checkout (its ``newsgraph``,
through ``PYTHONPATH``, in a child process), alternating with this tree pass by pass.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WARM_UP = ("Police in Ostravel detained activist Mara Quell on Monday in the Brenmoor region. The court "
           "sentenced her to five years in prison on charges of extremism, her lawyer Ivo Brant said.")


def measure(paths: list[str], passes: int) -> dict:
    """CPU seconds of the model and of the rules over ``paths``, per pass."""
    from newsgraph.loaders.extract.nlp import load_nlp
    from newsgraph.loaders.read.article import Article
    from newsgraph.loaders.read.articles import read_articles
    try:
        from newsgraph.loaders.extract.triples import doc_triples as rules
    except ImportError:  # a tree from before doc_triples
        from newsgraph.loaders.extract.triples import extract_doc as rules

    nlp = load_nlp()
    articles = [a for a in read_articles(paths) if isinstance(a, Article)]
    warm = Article(text=WARM_UP, title="Activist held")
    rules(warm, nlp(warm.full_text))
    out = []
    for _ in range(passes):
        model = cost = 0.0
        for article in articles:
            t0 = time.process_time()
            doc = nlp(article.full_text)
            t1 = time.process_time()
            rules(article, doc)
            t2 = time.process_time()
            model += t1 - t0
            cost += t2 - t1
        out.append({"model": round(model, 3), "rules": round(cost, 3), "share": round(cost / model, 4)})
    return {"articles": len(articles), "passes": out}


def child(tree: str, paths: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=tree)
    done = subprocess.run([sys.executable, __file__, "--child", "--passes", "1", *sum((["--corpus", p] for p in paths), [])],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help="a folder or file of articles (again for more); "
                    "default examples/demo and examples/heldout")
    ap.add_argument("--passes", type=int, default=3, help="passes over the corpus (default 3)")
    ap.add_argument("--baseline", help="another checkout to measure in the same run")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    paths = args.corpus or [str(REPO / "examples" / "demo"), str(REPO / "examples" / "heldout")]
    if args.child:
        print(json.dumps(measure(paths, args.passes)))
        return 0
    trees = {"this tree": str(REPO)} | ({"baseline": args.baseline} if args.baseline else {})
    runs: dict[str, list] = {name: [] for name in trees}
    articles = 0
    for _ in range(args.passes):  # the trees take turns, pass by pass
        for name, tree in trees.items():
            result = child(tree, paths)
            articles = result["articles"]
            runs[name] += result["passes"]
    report = {"corpus": paths, "articles": articles, "passes": args.passes,
              "trees": {name: {"tree": trees[name], "passes": r,
                               "median_share": statistics.median(p["share"] for p in r)} for name, r in runs.items()}}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"corpus  : {', '.join(paths)} ({articles} articles), {args.passes} passes, CPU seconds")
    print(f"{'tree':12}{'model s':>10}{'rules s':>10}{'rules/model':>13}")
    for name, r in report["trees"].items():
        for p in r["passes"]:
            print(f"{name:12}{p['model']:>10.2f}{p['rules']:>10.2f}{p['share']:>13.1%}")
        print(f"{name:12}{'':>20}{r['median_share']:>13.1%}  (median; the model alone would be "
              f"{1 + r['median_share']:.2f}x as fast, before reading and storing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
