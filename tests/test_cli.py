"""The command line: help everywhere, one-line errors, each command end to end."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from newsgraph import __version__
from newsgraph.cli import cli
from newsgraph.graph.store import Store
from newsgraph.ontology import NG

ANN = URIRef("https://w3id.org/newsgraph/id/person/ann-example")
ART = "https://w3id.org/newsgraph/article/00000000000000a1"


def run(*args, store=None, input=None):
    argv = (["--store", str(store)] if store is not None else []) + [str(a) for a in args]
    return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)


@pytest.fixture
def small_store(store_path):
    with Store.open(store_path) as st:
        st.replace_graph(ART, [(URIRef(ART), RDF.type, NG.Article), (ANN, RDF.type, NG.Person),
                               (ANN, NG.mentionedIn, URIRef(ART))])
        st.replace_graph("https://w3id.org/newsgraph/graph/resolution", [(ANN, RDFS.label, Literal("Ann Example"))])
    return store_path


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_cli_every_command_has_help_with_an_example(command):
    for flag in ("--help", "-h"):
        result = run(command, flag)
        assert result.exit_code == 0
        assert "Example:" in result.output and f"newsgraph {command}" in result.output


def test_cli_group_help_and_version():
    assert "NEWSGRAPH_STORE" in run("--help").output
    assert run("--version").output == f"newsgraph, version {__version__}\n"


def test_cli_group_help_says_the_store_is_a_folder_or_a_sparql_server_url():
    help_text = run("--help").output
    assert "--store PATH|URL" in help_text and "a store folder" in help_text
    assert "http://host:port" in help_text and "http://host:8890/sparql" in help_text
    assert "Example:" in help_text and "newsgraph --store http://127.0.0.1:7878 " in help_text


@pytest.mark.parametrize("command", [["stats"], ["query", "ASK {}"], ["export"], ["validate"],
                                     ["remove", "abcd1234"], ["ingest", "x.txt"]])
def test_cli_store_path_that_is_a_file_is_one_line_and_exit_1(tmp_path, command):
    bad = tmp_path / "not-a-store.txt"
    bad.write_text("notes")
    result = run(*command, store=bad)
    assert result.exit_code == 1
    assert result.stderr == f"Error: store path {bad} is a file, not a store folder\n"
    assert "Traceback" not in result.output


def test_cli_missing_store_for_reading_is_one_line(store_path):
    result = run("stats", store=store_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no store at ") and result.stderr.count("\n") == 1


def test_cli_store_from_environment(small_store, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORE", str(small_store))
    assert "articles        1" in run("stats").output


def test_cli_stats(small_store):
    result = run("stats", store=small_store)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"store           {small_store} (")
    assert lines[1:] == ["articles        1", "persons         1", "organizations   0", "places          0",
                         "events          0", "triples         4", "quads           4"]


def test_cli_query_table_json_csv(small_store):
    q = "SELECT ?who ?name WHERE { ?who a ng:Person ; rdfs:label ?name }"
    assert run("query", q, store=small_store).stdout == (
        "who                                               name\n"
        "------------------------------------------------  -----------\n"
        "https://w3id.org/newsgraph/id/person/ann-example  Ann Example\n"
        "(1 row)\n")
    data = json.loads(run("query", q, "--format", "json", store=small_store).stdout)
    assert data["head"]["vars"] == ["who", "name"]
    assert data["results"]["bindings"] == [{"who": {"type": "uri", "value": str(ANN)},
                                            "name": {"type": "literal", "value": "Ann Example"}}]
    assert run("query", q, "--format", "csv", store=small_store).stdout == f"who,name\n{ANN},Ann Example\n"
    assert run("query", "ASK { ?s a ng:Event }", store=small_store).stdout == "false\n"


def test_cli_query_from_a_file_and_bad_queries(small_store, tmp_path):
    rq = tmp_path / "people.rq"
    rq.write_text("# persons\nSELECT (COUNT(*) AS ?n) WHERE { ?p a ng:Person }\n")
    assert run("query", rq, "--format", "csv", store=small_store).stdout == "n\n1\n"
    for bad, message in [("SELECT ?x WHERE {", "Error: SPARQL syntax error"),
                         (str(tmp_path / "missing.rq"), "no such query file")]:
        result = run("query", bad, store=small_store)
        assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1


def test_cli_export_to_stdout_and_to_a_file(small_store, tmp_path):
    result = run("export", store=small_store)
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 4
    out = tmp_path / "graph.nq"
    result = run("export", "--format", "nquads", "-o", out, store=small_store)
    assert result.stdout == f"wrote 4 quads to {out}\n"
    assert len([line for line in out.read_text().splitlines() if line]) == 4


def test_cli_export_to_a_missing_folder_is_one_line(small_store, tmp_path):
    result = run("export", "-o", tmp_path / "no" / "such" / "graph.ttl", store=small_store)
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {tmp_path / 'no' / 'such' / 'graph.ttl'}: No such file or directory\n"


def test_cli_validate_reports_violations_and_exits_1(small_store):
    result = run("validate", store=small_store)
    assert result.exit_code in (0, 1)
    assert (result.exit_code == 0) == result.stdout.startswith("Conforms")
    with Store.open(small_store) as st:  # a person nobody mentions breaks a shape
        st.replace_graph("https://example.org/g", [(URIRef("https://example.org/p"), RDF.type, NG.Person)])
    result = run("validate", store=small_store)
    assert result.exit_code == 1 and "https://example.org/p" in result.stdout


def test_cli_validate_shows_values_from_the_store_escaped(store_path):
    event = URIRef("https://example.org/e")
    with Store.open(store_path) as st:  # a date no reader would let through: a store written by other means
        st.replace_graph("https://example.org/g", [(event, RDF.type, NG.Detention),
                                                   (event, NG.date, Literal("Mon\x1b[2J\u202eday"))])
    result = run("validate", store=store_path)
    assert result.exit_code == 1
    assert '(value: "Mon\\x1b[2J\\u202eday")' in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_cli_ingest_export_remove_end_to_end(nlp, articles_dir, store_path, tmp_path):
    (articles_dir / "empty.txt").write_text("")
    result = run("ingest", articles_dir, "--date", "2022-01-05", store=store_path)
    assert result.exit_code == 1
    assert result.stderr == f"error: {articles_dir / 'empty.txt'}: empty file\n"
    assert result.stdout.startswith("ingested 3 articles (0 replaced, 1 failed) in ")
    (articles_dir / "empty.txt").unlink()
    again = run("ingest", articles_dir, store=store_path)
    assert again.exit_code == 0 and again.stdout.startswith("ingested 3 articles (3 replaced, 0 failed)")
    removed = run("remove", articles_dir / "quell.txt", store=store_path)
    assert removed.exit_code == 0 and removed.stdout.startswith("removed https://w3id.org/newsgraph/article/")
    assert "articles        2" in run("stats", store=store_path).stdout


def test_cli_ingest_from_stdin(nlp, store_path):
    text = "Police in Ostravel detained activist Mara Quell on Monday."
    result = run("ingest", "-", store=store_path, input=text)
    assert result.exit_code == 0 and result.stdout.startswith("ingested 1 articles")


def test_cli_ingest_into_a_locked_store_is_one_line(nlp, articles_dir, store_path):
    with Store.open(store_path):
        result = run("ingest", articles_dir, store=store_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: store {store_path} is in use by another newsgraph process (pid ")
    assert result.stderr.count("\n") == 1


def test_cli_bad_date_is_a_usage_error(articles_dir, store_path):
    result = run("ingest", articles_dir, "--date", "5 Jan", store=store_path)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_cli_python_dash_m_smoke():
    done = subprocess.run([sys.executable, "-m", "newsgraph", "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("Usage: newsgraph ")
    assert done.stderr == ""


def test_cli_internal_error_is_one_line_unless_debugging(small_store, monkeypatch):
    def broken(self):
        raise TypeError("a bug\nsecond line")

    monkeypatch.setattr(Store, "stats", broken)
    result = run("stats", store=small_store)
    assert result.exit_code == 1
    assert result.stderr == ("Error: internal error: TypeError: a bug "
                             "(set NEWSGRAPH_DEBUG=1 to see the traceback)\n")
    monkeypatch.setenv("NEWSGRAPH_DEBUG", "1")
    with pytest.raises(TypeError):
        run("stats", store=small_store)
