"""The bad-input corpus: every case of ``tests/data/bad/cases.json`` through ``newsgraph ingest``.

Each case runs as one batch (the bad input, then a good article) on a fresh store,
in-process through CliRunner. It must end with the listed exit code, print no
traceback, give one ``error: INPUT: reason`` line per bad file or line, store the
good article and the listed number of articles from the input, and, when the input
fails, leave the store exactly as the good article alone leaves it. The big and
binary inputs are made at run time by ``tools/bad_corpus_report.py`` (which also
runs the corpus through the real console script and prints the table).
"""
from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.errors import LoadError
from newsgraph.graph.store import Store
from newsgraph.loaders.read.articles import read_articles
from newsgraph.loaders.read.text import MAX_ARTICLE_CHARS

ROOT = Path(__file__).resolve().parent.parent


def _load_tool():
    spec = importlib.util.spec_from_file_location("bad_corpus_report", ROOT / "tools" / "bad_corpus_report.py")
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
CASES = tool.load_cases()
FAST = [c for c in CASES if not c.get("slow")]


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """A folder holding the good article every batch ends with."""
    folder = tmp_path_factory.mktemp("bad")
    tool.good_article(folder)
    return folder


@pytest.fixture(scope="module")
def reference(nlp, shared):
    """The quads of a store holding the good article alone."""
    store = shared / "reference-store"
    result = run("--store", store, "ingest", shared / tool.GOOD_NAME)
    assert result.exit_code == 0, result.output
    with Store.open(store, read_only=True) as st:
        return frozenset(st.quads())


def ingest_case(case, workdir, monkeypatch):
    """Materialise ``case`` in ``workdir``, run ``newsgraph ingest`` on it; return
    (prepared, result, articles, quads)."""
    prepared = tool.materialise(case, workdir, workdir.parent / tool.GOOD_NAME)
    if case.get("make") == "unreadable" and os.geteuid() == 0:  # root reads anything: refuse as the kernel would
        real = pathlib.Path.read_bytes

        def read_bytes(self):
            if self == prepared.input_path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    argv = ["--store", prepared.store, "ingest", *prepared.inputs]
    if case.get("store") == "locked":
        with tool.holding_ingest(prepared.store):
            result = run(*argv, input=prepared.stdin)
    else:
        result = run(*argv, input=prepared.stdin)
    articles, quads = tool.store_state(prepared)
    return prepared, result, articles, quads


# ---------------------------------------------------------------- the corpus

def test_bad_input_corpus_is_listed_completely():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) >= 30
    committed = {c["input"] for c in CASES if not c.get("make")}
    on_disk = {p.name for p in (ROOT / "tests" / "data" / "bad").iterdir()} - {"cases.json"}
    assert committed == on_disk, "every file in tests/data/bad is a case, and every case file is there"
    for case in CASES:
        assert case["outcome"] in {"error", "stored", "partial", "refused"}, case["id"]
        assert case["exit"] == (0 if case["outcome"] == "stored" else 1), case["id"]
        assert case.get("make") is None or case["make"] in tool.MAKERS, case["id"]
        assert case["outcome"] == "stored" or case.get("reason"), case["id"]


@pytest.mark.parametrize("case", FAST, ids=[c["id"] for c in FAST])
def test_bad_input_case_behaves_as_listed(case, shared, reference, monkeypatch):
    workdir = shared / case["id"]
    prepared, result, articles, quads = ingest_case(case, workdir, monkeypatch)
    problems = tool.check_case(prepared, result.exit_code, result.stdout, result.stderr, articles, quads,
                               reference)
    assert problems == [], f"{problems}\nstdout: {result.stdout}\nstderr: {result.stderr}"


@pytest.mark.slow
def test_bad_input_jsonl_10000_lines_one_bad_the_other_9999_land(shared, tmp_path, monkeypatch):
    """The 10,000-line case, with a blank spaCy pipeline (``--model PATH``): what is
    tested is that the batch goes on past the bad line, not the statistical model."""
    spacy = pytest.importorskip("spacy")
    model = tmp_path / "blank-model"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(model)
    case = next(c for c in CASES if c["id"] == "jsonl-10000-one-bad")
    prepared = tool.materialise(case, tmp_path / "case", shared / tool.GOOD_NAME)
    result = run("--store", prepared.store, "ingest", "--model", model, *prepared.inputs)
    errors = result.stderr.splitlines()
    assert errors == [f"error: {prepared.input_path}:5000: not valid JSON (Unterminated string starting "
                      "at column 10)"]
    assert result.exit_code == 1
    assert "ingested 10000 articles (0 replaced, 1 failed)" in result.stdout
    with Store.open(prepared.store, read_only=True) as st:
        assert len(st.article_iris()) == 10_000


# ---------------------------------------------------------------- the readers on the same inputs

@pytest.mark.parametrize("case", [c for c in FAST if c["outcome"] in ("error", "partial") and not c.get("store")
                                  and c.get("make") not in ("stdin_png", "unreadable")],
                         ids=lambda c: c["id"])
def test_bad_input_readers_yield_one_line_errors_naming_the_input(case, tmp_path):
    prepared = tool.materialise(case, tmp_path / "case", tmp_path / "good.txt")
    items = list(read_articles([prepared.inputs[0]]))
    errors = [i for i in items if isinstance(i, LoadError)]
    assert len(errors) == case["errors"]
    assert len(items) - len(errors) == case["stored"]
    for error in errors:
        assert "\n" not in str(error) and str(error).startswith(prepared.shown)


def test_bad_input_jsonl_is_read_line_by_line_without_loading_the_file(tmp_path, monkeypatch):
    """A JSON Lines file is streamed: the whole file is never read at once, and a bad
    byte in one line costs only that line."""
    path = tmp_path / "stream.jsonl"
    lines = [json.dumps({"text": f"Police held {i} people on Monday."}).encode() for i in range(3000)]
    lines[1500] = b'{"text": "caf\xe9"}'
    path.write_bytes(b"\n".join(lines) + b"\n")
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: pytest.fail("read whole"))
    items = list(read_articles([path]))
    assert [str(i) for i in items if isinstance(i, LoadError)] == [
        f"{path}:1501: not UTF-8 text (byte 0xe9 at column 14)"]
    assert len(items) == 3000


def test_bad_input_size_limits_are_checked_before_the_work(tmp_path):
    """A file far too big is refused from its size; text just over the limit from its length."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(40 * 1024 * 1024)  # sparse: no time spent writing it
    started = time.monotonic()
    (error,) = read_articles([big])
    assert "too large for one article (40.0 MB" in str(error)
    assert time.monotonic() - started < 1
    over = tmp_path / "over.txt"
    over.write_text("Police held five people. " * (MAX_ARTICLE_CHARS // 25 + 1))
    (error,) = read_articles([over])
    assert f"the limit is {MAX_ARTICLE_CHARS:,}" in str(error)
    under = tmp_path / "under.txt"
    under.write_text("Police held five people. " * (MAX_ARTICLE_CHARS // 25 - 10))
    (article,) = read_articles([under])
    assert len(article.text) <= MAX_ARTICLE_CHARS


def test_bad_input_long_title_and_record_are_limited(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Police held five people.", "title": "T" * 5000}) + "\n"
                    + json.dumps({"text": "x" * (MAX_ARTICLE_CHARS + 1)}) + "\n")
    first, second = read_articles([path])
    assert first.title is None and first.text == "Police held five people."
    assert str(second) == (f"{path}:2: 'text' too long for one article ({MAX_ARTICLE_CHARS + 1:,} "
                           f"characters; the limit is {MAX_ARTICLE_CHARS:,}): split it into one file per article")


def test_bad_input_stdin_too_large_is_refused(monkeypatch, tmp_path):
    import io
    import sys

    from newsgraph.loaders.read.text import MAX_FILE_BYTES

    stream = io.TextIOWrapper(io.BytesIO(b"a" * (MAX_FILE_BYTES + 10)))
    monkeypatch.setattr(sys, "stdin", stream)
    (error,) = read_articles(["-"])
    assert str(error).startswith("<stdin>: too large for one article")


def test_bad_input_folder_of_odd_entries_reads_the_good_ones(tmp_path):
    """One folder holding every kind of trap: each gives one line, the article is read."""
    folder = tmp_path / "scrape"
    folder.mkdir()
    (folder / "a_good.txt").write_text("Police held five people on Monday.")
    os.mkfifo(folder / "b_pipe.txt")
    os.symlink("/dev/zero", folder / "c_zero.txt")
    os.symlink(folder / "nowhere.txt", folder / "d_gone.txt")
    os.symlink(folder, folder / "e_loop")
    (folder / "f_empty.jsonl").write_bytes(b"")
    results = list(read_articles([folder]))
    assert [type(r).__name__ for r in results] == ["Article", "LoadError", "SkippedInput", "LoadError", "LoadError"]
    assert [str(r).split(": ", 1)[1] for r in results[1:]] == [
        "not a regular file (a named pipe)",
        f"skipped: a symbolic link out of the folder {folder} (to /dev/zero); --follow-symlinks reads it",
        "broken symbolic link", "empty file"]
    followed = list(read_articles([folder], follow_symlinks=True))
    assert str(followed[2]).endswith("c_zero.txt: not a regular file (a character device)")


def test_bad_input_cli_error_lines_escape_control_characters(tmp_path):
    """A file name or store path holding a line break or ESC is shown escaped, on one line."""
    weird = tmp_path / "a\x1b[2Jb\nc.txt"
    weird.write_bytes(b"")
    result = run("--store", tmp_path / "store", "ingest", weird)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path}/a\\x1b[2Jb\\nc.txt: empty file"]
    store_file = tmp_path / "s\nt"
    store_file.write_text("x")
    result = run("--store", store_file, "stats")
    assert result.stderr == f"Error: store path {tmp_path}/s\\nt is a file, not a store folder\n"


def test_bad_input_jsonl_line_over_the_limit_is_skipped_not_held(tmp_path):
    from newsgraph.loaders.read.jsonl import MAX_LINE_BYTES

    path = tmp_path / "long.jsonl"
    with open(path, "wb") as fh:
        fh.write(b'{"text": "Police held five people."}\n{"text": "')
        fh.write(b"x" * (MAX_LINE_BYTES + 10))
        fh.write(b'"}\n{"text": "Police held six people."}\n')
    first, long, last = read_articles([path])
    assert str(long).startswith(f"{path}:2: line too long (32.0 MB; a line may hold at most 32 MB)")
    assert (first.text, last.text, last.source) == ("Police held five people.", "Police held six people.",
                                                    f"{path}:3")


@pytest.mark.slow
@pytest.mark.skipif("workers" not in {p.name for p in cli.commands["ingest"].params},
                    reason="ingest has no --workers option")
def test_bad_input_whole_corpus_in_parallel_workers_fails_and_stores_the_same(nlp, shared, tmp_path):
    """Every committed case in one batch: extraction in two worker processes reports the
    same failures and leaves the same store as extraction in this one."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for case in CASES:
        if not case.get("make"):
            (folder / case["input"]).write_bytes((ROOT / "tests" / "data" / "bad" / case["input"]).read_bytes())
    (folder / "zz_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    runs = {}
    for workers in (1, 2):
        store = tmp_path / f"store{workers}"
        result = run("--store", store, "ingest", "--workers", workers, folder)
        assert result.exit_code == 1 and "Traceback" not in result.output
        with Store.open(store, read_only=True) as st:
            runs[workers] = (sorted(result.stderr.splitlines()), result.stdout.split(" in ")[0], set(st.quads()))
    assert runs[1] == runs[2]
    assert len(runs[1][0]) == sum(c["errors"] for c in CASES if not c.get("make")) + 1


def test_bad_input_html_page_read_many_times_keeps_its_text(tmp_path):
    """A page read again (a syndicated story, a re-run in one process) keeps every
    paragraph: trafilatura's process-wide deduplication dropped them after the third time."""
    from newsgraph.loaders.read.html import read_html

    page = tmp_path / "wire.html"
    page.write_text("<html><body><article><p>Police in Ostravel detained the activist Mara Quell on "
                    "Monday after a rally outside the regional court, a wire service reported.</p>"
                    "</article></body></html>", encoding="utf-8")
    texts = {read_html(page).text for _ in range(6)}
    assert len(texts) == 1 and "Mara Quell" in texts.pop()
