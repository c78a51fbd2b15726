"""Issue 13: the holes an attacker found in the CLI and the library, each closed and
kept closed. The server's side is in test_server.py. Every network test talks only to
127.0.0.1; every name and sentence here is invented."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from newsgraph import run_sparql
from newsgraph.cli import cli
from newsgraph.errors import QueryError
from newsgraph.graph.store import Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH
from newsgraph.graph.safety import check_query, isolated, service_patterns

from test_server import Canary

ID = "https://w3id.org/newsgraph/id/"
ART = "https://w3id.org/newsgraph/article/"
FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","Ilse Vasko")'
OSC8 = "\x1b]8;;http://127.0.0.1:9/\x1b\\Dorin Falk\x1b]8;;\x1b\\"
PEOPLE = {"mara-quell": "Mara Quell", "formula": FORMULA, "osc": OSC8}


def run(*args, input=None):
    return CliRunner().invoke(cli, [*map(str, args)], catch_exceptions=False, input=input)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One article naming three people together; two names are a spreadsheet formula and
    a terminal hyperlink escape."""
    path = tmp_path_factory.mktemp("attacks") / "store"
    art, sentence = URIRef(f"{ART}{1:016x}"), URIRef(f"{ID}sentence/1")
    triples = [(art, RDF.type, NG.Article), (sentence, RDF.type, NG.Sentence),
               (sentence, NG.evidence, Literal("Police held three people on Monday.")),
               (sentence, PROV.wasDerivedFrom, art)]
    for key, name in PEOPLE.items():
        person = URIRef(f"{ID}person/{key}")
        triples += [(person, RDF.type, NG.Person), (person, SKOS.altLabel, Literal(name)),
                    (person, NG.mentionedIn, art), (sentence, NG.mentions, person)]
    with Store.open(path) as st:
        st.replace_graph(str(art), triples)
        st.replace_graph(RESOLUTION_GRAPH, [(URIRef(f"{ID}person/{k}"), RDFS.label, Literal(v))
                                            for k, v in PEOPLE.items()])
    return path


@pytest.fixture
def canary():
    listener = Canary()
    yield listener
    listener.close()


# ---------------------------------------------------------------- 1. SSRF through SERVICE

def service_queries(port):
    return [f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }} }}",
            f"SELECT ?x WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?u) OPTIONAL {{ sErViCe ?u {{ ?x ?p ?o }} }} }}",
            f"ASK {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?x ?p ?o }} }}"]


def test_attack_service_refused_in_every_cli_and_library_query_path(store, canary, tmp_path):
    rq = tmp_path / "federated.rq"
    for query in service_queries(canary.port):
        # the engine reads no escape in a keyword: \u0053ERVICE is a syntax error there, refused too
        refusal = "SPARQL syntax error" if "\\u0053" in query else "federated queries are refused"
        result = run("--store", store, "query", query)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: {refusal}")
        assert len(result.stderr.splitlines()) == 1
        rq.write_text(query)
        assert run("--store", store, "query", rq).exit_code == 1
        with Store.open(store, read_only=True) as st, pytest.raises(QueryError, match=refusal):
            st.query(query)
        with pytest.raises(QueryError, match=refusal):
            run_sparql(store, query)
    time.sleep(0.5)
    assert canary.connections == 0 and canary.received == b""


def test_attack_allow_service_is_the_opt_in_and_reaches_the_canary(store, canary):
    query = service_queries(canary.port)[1]
    run("--store", store, "query", query, "--allow-service")
    deadline = time.monotonic() + 10
    while canary.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert canary.connections >= 1


def test_attack_service_is_found_in_the_parse_not_the_words():
    assert service_patterns("SELECT ?service WHERE { ?service rdfs:label 'SERVICE <http://x/>' } # SERVICE") == []
    assert service_patterns("SELECT * WHERE { { SERVICE <http://a/> { ?s ?p ?o } } UNION "
                            "{ SERVICE ?b { ?s ?p ?o } } }") == ["<http://a/>", "?b"]
    check_query("SELECT * WHERE { SERVICE <http://a/> { ?s ?p ?o } }", allow_service=True)


# ---------------------------------------------------------------- 7. engine crashes

DEEP = "SELECT * WHERE " + "{ " * 50_000 + "}" * 50_000


def test_attack_engine_crash_is_one_line_in_the_cli(store, tmp_path):
    rq = tmp_path / "deep.rq"
    rq.write_text(DEEP)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-m", "newsgraph", "--store", str(store), "query", str(rq)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: the query engine crashed on this query (killed by SIG")
    assert len(done.stderr.splitlines()) == 1 and "panicked" not in done.stderr and done.stdout == ""


def test_attack_isolated_returns_values_and_raises_errors():
    assert isolated(sorted, [3, 1, 2]) == [1, 2, 3]
    with pytest.raises(QueryError, match="SIGABRT"):
        isolated(os.abort)
    with pytest.raises(ZeroDivisionError):
        isolated(divmod, 1, 0)


@pytest.mark.xfail(reason="pyoxigraph 0.5.13 overflows its stack parsing a deeply nested group "
                          "(docs/engine-crashes.md)", strict=False)
def test_attack_engine_parses_a_deeply_nested_query_without_crashing():
    """Minimal reproduction for an upstream report: pyoxigraph alone, no newsgraph."""
    code = "import pyoxigraph as ox, sys; ox.Store().query(sys.stdin.read())"
    done = subprocess.run([sys.executable, "-c", code], input=DEEP, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1)  # an answer or a Python exception (SyntaxError), not a crash


SORT_PANIC = "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?o ORDER BY ?o"


@pytest.fixture(scope="module")
def demo_store(nlp, tmp_path_factory):
    """The demo articles ingested from their absolute path (the source literals take part in
    the sort: a store of the same articles read from another path may not trigger the bug)."""
    from newsgraph import ingest

    path = tmp_path_factory.mktemp("demo") / "store"
    ingest(path, [Path(__file__).resolve().parents[1] / "examples" / "demo"])
    return path


@pytest.mark.slow
@pytest.mark.xfail(reason="pyoxigraph 0.5.13 sort panics: 'user-provided comparison function does not correctly "
                          "implement a total order' (docs/engine-crashes.md); it depends on the data, so a store "
                          "built from other extraction code may sort fine", strict=False)
def test_attack_engine_sorts_grouped_objects_of_the_demo_store(demo_store):
    """Minimal reproduction for an upstream report: pyoxigraph alone on the demo store."""
    code = ("import pyoxigraph as ox, sys; s = ox.Store.read_only(sys.argv[1]); "
            f"print(len(list(s.query({SORT_PANIC!r}, use_default_graph_as_union=True))))")
    done = subprocess.run([sys.executable, "-c", code, str(demo_store)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "RUST_BACKTRACE": "0"})
    assert done.returncode == 0 and int(done.stdout) > 0, done.stderr[-300:]


@pytest.mark.slow
def test_attack_engine_sort_panic_is_one_line_in_the_cli(demo_store):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "RUST_BACKTRACE": "1"}
    done = subprocess.run([sys.executable, "-m", "newsgraph", "--store", str(demo_store), "query", SORT_PANIC,
                           "--format", "csv"], capture_output=True, text=True, timeout=120, env=env)
    if done.returncode == 0:  # the engine sorted this build of the store: nothing to see
        assert done.stdout.startswith("o,n\n") and done.stderr == ""
        return
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("Error: the query engine crashed on this query (killed by SIGABRT: "
                                  "user-provided comparison function does not correctly implement a total order)")
    assert len(done.stderr.splitlines()) == 1


# ---------------------------------------------------------------- 8. remove "" and folders

@pytest.mark.parametrize("ref", ["", "   ", ".", "./"])
def test_attack_remove_refuses_blank_names_and_folders(store, ref):
    with Store.open(store, read_only=True) as st:
        before = st.article_iris()
    result = run("--store", store, "remove", ref)
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert "empty name" in result.stderr or "is a folder" in result.stderr
    with Store.open(store, read_only=True) as st:
        assert st.article_iris() == before


def test_attack_remove_by_file_removes_only_that_files_article(tmp_path):
    from newsgraph.loaders.read import read_articles

    folder = tmp_path / "in"
    folder.mkdir()
    texts = {"a.txt": "Police in Ostravel held Mara Quell on Monday.",
             "b.txt": "A court in Brenmoor fined Teodor Vasko on Tuesday."}
    iris = {}
    with Store.open(tmp_path / "s") as st:
        for name, text in texts.items():
            (folder / name).write_text(text)
            (article,) = read_articles([folder / name])
            iris[name] = article.iri
            st.replace_graph(article.iri, [(URIRef(article.iri), RDF.type, NG.Article)])
    result = run("--store", tmp_path / "s", "remove", folder / "a.txt")
    assert result.exit_code == 0 and result.stdout == f"removed {iris['a.txt']}\n"
    with Store.open(tmp_path / "s", read_only=True) as st:
        assert st.article_iris() == [iris["b.txt"]]


# ---------------------------------------------------------------- 11. CSV for spreadsheets, escapes

def test_attack_csv_outputs_neutralise_formulas_and_escapes_unless_raw(store):
    query = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"
    outputs = {"query": run("--store", store, "query", query, "--format", "csv").stdout,
               "linked": run("--store", store, "linked", "Mara Quell", "--format", "csv").stdout}
    for command, text in outputs.items():
        assert "\x1b" not in text, command
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert f"'{FORMULA}" in cells and FORMULA not in cells, command
        assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells), command
        assert "\\x1b]8;;http://127.0.0.1:9/\\x1b\\Dorin Falk\\x1b]8;;\\x1b\\" in cells, command
    raw = run("--store", store, "query", query, "--format", "csv", "--raw").stdout
    assert sorted(row[0] for row in list(csv.reader(io.StringIO(raw)))[1:]) == sorted(PEOPLE.values())
    table = run("--store", store, "linked", "Mara Quell").stdout
    assert "\x1b" not in table
    data = json.loads(run("--store", store, "query", query, "--format", "json").stdout)
    assert sorted(b["name"]["value"] for b in data["results"]["bindings"]) == sorted(PEOPLE.values())


def test_attack_network_csv_export_uses_the_same_guard(store, tmp_path):
    import zipfile

    run("--store", store, "export", "--format", "csv", "-o", tmp_path / "net.zip")
    run("--store", store, "export", "--format", "csv", "--raw", "-o", tmp_path / "raw.zip")
    nodes = zipfile.ZipFile(tmp_path / "net.zip").read("nodes.csv").decode()
    raw = zipfile.ZipFile(tmp_path / "raw.zip").read("nodes.csv").decode()
    labels = [row["label"] for row in csv.DictReader(io.StringIO(nodes))]
    assert f"'{FORMULA}" in labels and FORMULA in [row["label"] for row in csv.DictReader(io.StringIO(raw))]


# ---------------------------------------------------------------- 12. dates

@pytest.mark.parametrize("args", [["events", "--since", "2020-13-45"], ["events", "--until", "2021-02-30"],
                                  ["events", "--since", "2020-00"], ["ask", "events", "-p", "since=0000"]])
def test_attack_date_options_must_be_real_dates(store, args):
    result = run("--store", store, *args)
    assert result.exit_code == 1 and "is not a date" in result.stderr and len(result.stderr.splitlines()) == 1
    assert run("--store", store, "events", "--since", "2020-02-29").exit_code == 0


# ---------------------------------------------------------------- 9. a damaged store block

@pytest.mark.slow
def test_attack_failed_ingest_never_leaves_the_article_it_reports_failed(nlp, articles_dir, tmp_path):
    import pyoxigraph as ox

    from newsgraph import ingest
    from newsgraph.loaders.read import read_articles

    path = tmp_path / "store"
    ingest(path, [articles_dir])
    table = max(path.glob("*.sst"), key=lambda p: p.stat().st_size)
    data = bytearray(table.read_bytes())
    for i in range(1000, len(data) - 2000, 997):  # a damaged disk block: checksums no longer match
        data[i] ^= 0xFF
    table.write_bytes(bytes(data))
    new = tmp_path / "new.txt"
    new.write_text("Police in Kaldora detained the journalist Oskar Zoller on Friday.", encoding="utf-8")
    (article,) = read_articles([new])

    result = run("--store", path, "ingest", new)
    assert result.exit_code == 1 and "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("Error: ") and "Corruption" in result.stderr
    stored = {g.value for g in ox.Store.read_only(str(path)).named_graphs()}
    if article.iri in stored:  # written before the store failed: said so, never listed as failed
        assert f"error: {new}" not in result.stderr
        assert "1 article of this batch was stored before" in result.stderr and str(new) in result.stderr
    else:
        assert f"error: {new}" in result.stderr or "stored before" not in result.stderr


# ---------------------------------------------------------------- 10. symlinks out of the input folder

@pytest.mark.slow
def test_attack_ingest_skips_symlinks_out_of_the_folder_unless_asked(nlp, tmp_path):
    secret = tmp_path / "private" / "notes.txt"  # stands in for /etc/shadow: a file outside the folder
    secret.parent.mkdir()
    secret.write_text("Police in Kaldora detained the journalist Oskar Zoller on Friday.", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A court in Brenmoor fined the blogger Teodor Vasko on Tuesday.", encoding="utf-8")
    os.symlink(secret, folder / "b.txt")
    os.symlink(secret.parent, folder / "more")
    os.symlink("/etc/passwd", folder / "c.txt")
    result = run("--store", tmp_path / "s", "ingest", folder)
    assert result.exit_code == 0, result.stderr
    notes = result.stderr.splitlines()
    assert len(notes) == 3 and all(n.startswith("note: ") and "symbolic link out of the folder" in n for n in notes)
    assert result.stdout.startswith("ingested 1 articles")
    with Store.open(tmp_path / "s", read_only=True) as st:
        assert len(st.article_iris()) == 1

    os.unlink(folder / "c.txt")
    os.unlink(folder / "more")
    result = run("--store", tmp_path / "t", "ingest", folder, "--follow-symlinks")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout.startswith("ingested 2 articles")


def test_attack_paths_printed_by_commands_are_terminal_safe(tmp_path):
    weird = tmp_path / "st\x1b]0;owned\x07ore"
    Store.open(weird).close()
    result = run("--store", weird, "stats")
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "\\x1b]0;owned\\x07" in result.stdout
    out = tmp_path / "g\x1b[2J.ttl"
    result = run("--store", weird, "export", "-o", out)
    assert result.exit_code == 0 and "\x1b" not in result.stdout and out.exists()
