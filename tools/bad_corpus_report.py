"""Run ``newsgraph ingest`` on every case of the bad-input corpus and print what happened.

The corpus is ``tests/data/bad/``: small files kept in the repository, and big or
binary ones (a 50 MB text, PNG bytes, a named pipe, a store held by another
ingest ...) made here at run time. ``tests/data/bad/cases.json`` lists every case
with the outcome it must have (``error``, ``stored``, ``partial``, ``refused``),
the reason its error line gives and the exit code.

Each case runs the real command in its own process, on a fresh store, as one
batch: the bad input first, then a good article. A case passes when the exit
code is the expected one, nothing prints a traceback, every error is one line
naming the input and giving the expected reason, the good article is stored,
and a failed input left the store exactly as the good article alone leaves it.

Usage::

    python tools/bad_corpus_report.py              # every case (about 5 minutes)
    python tools/bad_corpus_report.py --quick      # without the 10,000-line JSON Lines file
    python tools/bad_corpus_report.py --compact    # two cases to a row
    python tools/bad_corpus_report.py --case png   # the cases whose id contains "png"

The exit status is 1 if any case did not behave as listed. ``tests/test_bad_input.py``
runs the same cases in-process (its own checks, the same case files).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
CASES_FILE = BAD / "cases.json"

#: The good article every batch ends with (invented people and places).
GOOD_NAME = "zz_good.txt"
GOOD_TEXT = ("Strike Leader Detained In Brenmoor\n\n"
             "Riot police in Brenmoor detained the union leader Ilse Marwood on Wednesday after a "
             "strike at the tram depot. Her lawyer Bertil Zoller said the detention was unlawful.\n")
#: What the article of the process holding the store says.
HOLDER_TEXT = ("Police in Kaldora detained the blogger Oskar Tembrel on Friday after he filmed "
               "a picket outside the city hall.\n")

ARTICLE = ("Police in Ostravel detained the activist Mara Quell on Monday after a rally outside "
           "the regional court. Her lawyer Teodor Vasko said the case was political.")
ARTICLE_RU = ("Полиция в Остравеле в понедельник задержала активистку Мару Квелл после митинга у "
              "здания суда. Её адвокат Теодор Васко заявил, что дело носит политический характер.")

__all__ = ["load_cases", "materialise", "Prepared", "holding_ingest", "run_case", "check_case",
           "MAKERS", "GOOD_TEXT", "HOLDER_TEXT", "good_article", "store_state", "reference_quads", "format_table", "main"]


def load_cases() -> list[dict]:
    """The cases of ``cases.json``, each a dict (``id``, ``input``, ``outcome``, ``exit`` ...)."""
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- making the inputs

def _bytes(data: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path
    return make


def _png(path):
    return _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"
                  b"\x00\x00\x00\x90\x91h6" + bytes(range(256)))(path)


def _zip(path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("articles.jsonl", json.dumps({"text": ARTICLE}) + "\n")
    return path


def _pdf(path):
    return _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                  b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")(path)


def _big_50mb(path):
    unit = (ARTICLE + "\n\n").encode("utf-8")
    with open(path, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(unit) + 1):
            fh.write(unit)
    return path


def _line_5mb(path):
    unit = ARTICLE + " "
    text = (unit * (5_000_000 // len(unit) + 1))[:5_000_000]
    path.write_text(text, encoding="ascii")
    return path


def _jsonl_10000(path):
    lines = [json.dumps({"text": f"Police in Ostravel detained protester number {i} on Monday.",
                         "id": f"p{i}"}) for i in range(1, 10_001)]
    lines[4999] = '{"text": "Police in Ostravel detained protester number 5000 on Mo'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _jsonl_bad_utf8(path):
    good = json.dumps({"text": ARTICLE}).encode()
    bad = b'{"text": "Police in Brenmoor detained \xff\xfe Teodor Vasko."}'
    other = json.dumps({"text": "Riot police in Kaldora dispersed a protest by teachers."}).encode()
    return _bytes(b"\n".join([good, bad, other]) + b"\n")(path)


def _jsonl_deep(path):
    good = json.dumps({"text": ARTICLE})
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    other = json.dumps({"text": "Riot police in Kaldora dispersed a protest by teachers."})
    path.write_text("\n".join([good, deep, other]) + "\n", encoding="utf-8")
    return path


def _jsonl_huge_number(path):
    path.write_text('{"text": "Police held five people.", "id": ' + "9" * 5000 + "}\n"
                    + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    return path


def _symlink_loop(path):
    path.mkdir()
    (path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (path / "sub").mkdir()
    os.symlink(path, path / "sub" / "loop")
    os.symlink(path / "sub", path / "again")
    return path


def _broken_symlink(path):
    os.symlink(path.parent / "deleted-long-ago.txt", path)
    return path


def _fifo(path):
    os.mkfifo(path)
    return path


def _dev_zero(path):
    os.symlink("/dev/zero", path)
    return path


def _unreadable(path):
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    return path


def _missing(path):
    return path


def _docx(path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    return path


def _stdin_png(path):
    return _png(path)


def _good_copy(path):
    path.write_text(ARTICLE, encoding="utf-8")
    return path


MAKERS = {
    "png": _png, "zip": _zip, "pdf": _pdf,
    "nul": _bytes(b"Police held five\x00 people on Monday."),
    "latin1": _bytes("Police in Bogotá detained five people on Monday.".encode("latin-1")),
    "utf16": _bytes(("Activist Detained\n\n" + ARTICLE).encode("utf-16")),
    "cp1251": _bytes(("Активистка задержана\n\n" + ARTICLE_RU).encode("cp1251")),
    "cp1251_html": _bytes(('<html><head><meta charset="windows-1251"><title>Активистка задержана'
                           "</title></head><body><article><p>" + ARTICLE_RU + "</p></article></body></html>")
                          .encode("cp1251")),
    "big_50mb": _big_50mb, "line_5mb": _line_5mb, "jsonl_10000": _jsonl_10000,
    "jsonl_bad_utf8": _jsonl_bad_utf8, "jsonl_deep": _jsonl_deep, "jsonl_huge_number": _jsonl_huge_number,
    "symlink_loop": _symlink_loop, "broken_symlink": _broken_symlink, "fifo": _fifo,
    "dev_zero": _dev_zero, "unreadable": _unreadable, "missing": _missing, "docx": _docx,
    "newline_name": _bytes(b""), "stdin_png": _stdin_png, "good_copy": _good_copy,
}
"""Maker name (``make`` in cases.json) -> function creating the input at a path."""


@dataclass
class Prepared:
    """A case made ready to run: the ``ingest`` arguments, stdin, the store path."""

    case: dict
    inputs: list[str]
    store: Path
    stdin: bytes | None = None
    input_path: Path | None = None
    shown: str = ""  # how error lines name the input
    notes: list[str] = field(default_factory=list)


def good_article(folder: Path) -> Path:
    """The good article, written once in ``folder`` (its path is part of what is stored)."""
    good = folder / GOOD_NAME
    if not good.exists():
        good.write_text(GOOD_TEXT, encoding="utf-8")
    return good


def materialise(case: dict, workdir: Path, good: Path | None = None) -> Prepared:
    """Create ``case``'s input under ``workdir``; return how to run it (as a batch with
    the ``good`` article, by default one written in ``workdir``'s parent).

    A store "file" case gets a file where the store should be; a "locked" case runs
    beside :func:`holding_ingest`.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    good = good or good_article(workdir.parent)
    store = workdir / "store"
    name = case["input"]
    stdin = None
    if case.get("make"):
        target = workdir / "in" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        made = MAKERS[case["make"]](target)
        if case["make"] == "stdin_png":
            stdin, made = made.read_bytes(), None
    else:
        made = workdir / "in" / name
        made.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BAD / name, made)
    if case.get("store") == "file":
        store.write_text("my notes, not a store\n", encoding="utf-8")
    inputs = ["-" if made is None else str(made), str(good)]
    shown = "<stdin>" if made is None else str(made).replace("\n", "\\n")
    return Prepared(case, inputs, store, stdin, made, shown)


@contextlib.contextmanager
def holding_ingest(store: Path, text: str = HOLDER_TEXT, timeout: float = 60.0):
    """A real ``newsgraph ingest -`` in another process, holding ``store`` while it waits
    for its article on stdin; on leaving, the article is sent and the process must finish
    with exit status 0. Yields the process."""
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "--store", str(store), "ingest", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_lock(store, proc, timeout)
        yield proc
        out, err = proc.communicate(text.encode("utf-8"), timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"the holding ingest failed ({proc.returncode}): {err.decode()[-500:]}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _wait_for_lock(store: Path, proc, timeout: float) -> None:
    """Wait until ``proc`` holds the store: the lock file names its pid (read, never locked)."""
    from newsgraph.graph.store import LOCK_FILE

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the holding ingest exited early: {proc.stderr.read().decode()[-500:]}")
        try:
            if (store / LOCK_FILE).read_text().strip() == str(proc.pid):
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the holding ingest never took the store")


# ---------------------------------------------------------------- running and checking

@dataclass
class Outcome:
    """What one run of a case did."""

    case: dict
    exit: int
    stdout: str
    stderr: str
    articles: int | None = None
    quads: frozenset | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The outcome in a few words: ``error``, ``stored 1``, ``partial 9999/10000`` ..."""
        errors = [l for l in self.stderr.splitlines() if l.startswith("error: ")]
        refused = [l for l in self.stderr.splitlines() if l.startswith("Error: ")]
        stored = (self.articles or 0) - (0 if self.case.get("store") else 1)
        if refused:
            return "refused"
        if errors and stored > 0:
            return f"partial {stored}/{stored + len(errors)}"
        if errors:
            return "error" if len(errors) == 1 else f"error x{len(errors)}"
        return f"stored {stored}" if self.case.get("make") != "symlink_loop" else "stored 1, loop skipped"

    @property
    def reason(self) -> str:
        for line in self.stderr.splitlines():
            if line.startswith(("error: ", "Error: ")):
                return line.split(": ", 2)[-1] if line.startswith("error: ") else line[len("Error: "):]
        return ""


def run_case(prepared: Prepared, *, reference=None, holder_store=None) -> Outcome:
    """Run ``newsgraph ingest`` on a prepared case in a subprocess and check it."""
    case = prepared.case
    argv = [sys.executable, "-m", "newsgraph", "--store", str(prepared.store), "ingest", *prepared.inputs]
    env = dict(os.environ, COLUMNS="200")
    if case.get("make") == "unreadable" and os.geteuid() == 0:
        argv = [sys.executable, "-c", _AS_IF_UNREADABLE, str(prepared.input_path), *argv[3:]]
    if case.get("store") == "locked":
        with holding_ingest(prepared.store) as holder:
            proc = subprocess.run(argv, input=prepared.stdin, capture_output=True, env=env, timeout=900)
        prepared.notes.append(f"holder pid {holder.pid}")
    else:
        proc = subprocess.run(argv, input=prepared.stdin, capture_output=True, env=env, timeout=900)
    out = Outcome(case, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                  proc.stderr.decode("utf-8", "replace"))
    out.articles, out.quads = store_state(prepared)
    out.problems = check_case(prepared, out.exit, out.stdout, out.stderr, out.articles, out.quads, reference)
    return out


# Run the CLI with reading the file refused, as the kernel refuses it for anyone but root.
_AS_IF_UNREADABLE = textwrap.dedent("""
    import pathlib, sys
    locked = sys.argv[1]
    real = pathlib.Path.read_bytes
    def read_bytes(self):
        if str(self) == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    pathlib.Path.read_bytes = read_bytes
    from newsgraph.cli import cli
    cli(sys.argv[2:], prog_name="newsgraph")
""")


def store_state(prepared: Prepared) -> tuple[int | None, frozenset | None]:
    """The number of articles and the quads of the case's store (``None`` if there is none)."""
    from newsgraph.graph.store import Store

    if prepared.case.get("store") == "file" or not (prepared.store / "CURRENT").exists():
        return None, None
    with Store.open(prepared.store, read_only=True) as st:
        return len(st.article_iris()), frozenset(st.quads())


def check_case(prepared: Prepared, exit_code: int, stdout: str, stderr: str, articles, quads,
               reference) -> list[str]:
    """What is wrong with one run of a case (an empty list when it behaved as listed).

    ``reference`` is the set of quads of a store holding the good article alone.
    """
    case = prepared.case
    problems = []
    if exit_code != case["exit"]:
        problems.append(f"exit {exit_code}, expected {case['exit']}")
    if "Traceback" in stdout + stderr:
        problems.append("a traceback was printed")
    lines = [l for l in stderr.splitlines() if l.strip()]
    errors = [l for l in lines if l.startswith("error: ")]
    if case["outcome"] == "refused":
        if lines != [l for l in lines if l.startswith("Error: ")] or len(lines) != 1:
            problems.append(f"expected one 'Error:' line, got {lines!r}")
        elif case["reason"] not in lines[0] or str(prepared.store) not in lines[0]:
            problems.append(f"the refusal does not name the store and the reason: {lines[0]!r}")
        if case.get("store") == "file" and prepared.store.read_text() != "my notes, not a store\n":
            problems.append("the file in the store's place was changed")
        if case.get("store") == "locked" and articles != 1:
            problems.append(f"the holding ingest's store has {articles} articles, expected 1")
        return problems
    others = [l for l in lines if not l.startswith("error: ")]
    if others:
        problems.append(f"unexpected stderr lines {others[:2]!r}")
    if len(errors) != case["errors"]:
        problems.append(f"{len(errors)} error lines, expected {case['errors']}: {errors[:3]!r}")
    for line in errors:
        if not line.startswith(f"error: {prepared.shown}"):
            problems.append(f"error line does not name the input: {line!r}")
        elif case.get("reason") and case["reason"] not in line:
            problems.append(f"error line lacks {case['reason']!r}: {line!r}")
    for number in case.get("lines", []):
        if not any(l.startswith(f"error: {prepared.shown}:{number}: ") for l in errors):
            problems.append(f"no error for line {number}")
    if articles is None:
        problems.append("no store was written")
        return problems
    if articles != 1 + case["stored"]:
        problems.append(f"{articles} articles stored, expected {1 + case['stored']} (with the good one)")
    if case["stored"] == 0 and reference is not None and quads != reference:
        problems.append(f"the failed input changed the store ({len(quads)} quads, "
                        f"{len(reference)} with the good article alone)")
    return problems


def reference_quads(workdir: Path) -> frozenset:
    """The quads of a store holding only the good article (ingested by the real command)."""
    from newsgraph.graph.store import Store

    workdir.mkdir(parents=True, exist_ok=True)
    good = good_article(workdir.parent)
    subprocess.run([sys.executable, "-m", "newsgraph", "--store", str(workdir / "store"), "ingest",
                    str(good)], check=True, capture_output=True)
    with Store.open(workdir / "store", read_only=True) as st:
        return frozenset(st.quads())


# ---------------------------------------------------------------- the table

def format_table(rows: list[tuple[str, str, str]], compact: bool = False) -> str:
    """Rows of (case, outcome, exit code) as an aligned table; ``compact`` puts two cases to a line."""
    header = ("case", "outcome", "exit")
    if compact:
        half = (len(rows) + 1) // 2
        left, right = rows[:half], rows[half:] + [("", "", "")] * (half - len(rows[half:]))
        w = [max(len(r[i]) for r in [header] + left) for i in range(3)]
        w2 = [max(len(r[i]) for r in [header] + right) for i in range(3)]
        def line(a, b):
            return ("  ".join(x.ljust(n) for x, n in zip(a, w)) + "  |  "
                    + "  ".join(x.ljust(n) for x, n in zip(b, w2))).rstrip()
        return "\n".join([line(header, header)] + [line(a, b) for a, b in zip(left, right)])
    w = [max(len(r[i]) for r in [header] + rows) for i in range(3)]
    return "\n".join("  ".join(x.ljust(n) for x, n in zip(r, w)).rstrip() for r in [header] + rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow cases (the 10,000-line file)")
    parser.add_argument("--compact", action="store_true", help="two cases to a row")
    parser.add_argument("--case", help="only cases whose id contains this")
    parser.add_argument("--reasons", action="store_true", help="add the error message of each case")
    args = parser.parse_args(argv)
    cases = [c for c in load_cases() if (not args.case or args.case in c["id"])
             and not (args.quick and c.get("slow"))]
    rows, failed = [], 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-bad-") as tmp:
        reference = reference_quads(Path(tmp) / "reference")
        for i, case in enumerate(cases):
            prepared = materialise(case, Path(tmp) / f"{i:02d}")
            out = run_case(prepared, reference=reference)
            mark = "" if not out.problems else "  << " + "; ".join(out.problems)
            failed += bool(out.problems)
            outcome = out.summary + (f": {out.reason}" if args.reasons and out.reason else "")
            rows.append((case["id"], outcome, f"{out.exit}{mark}"))
            print(f"{case['id']}: {out.summary}, exit {out.exit}{mark}", file=sys.stderr, flush=True)
    print(format_table(rows, args.compact))
    print(f"{len(cases) - failed} of {len(cases)} cases behaved as listed in {CASES_FILE.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
