"""The named-query commands end to end through CliRunner, on the invented graph of
test_queries.py: tables, json and csv, unknown and ambiguous names."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.exports import RESULT_FORMATS
from newsgraph.graph.store import Store
from newsgraph.queries import load_queries
from test_queries import (A1, A2, E1, E2, E4, EV1, EV3, MIRA, ODD_NAME, OSKAR, QAIRAT, S_VISIT, T_LAWYER,
                          T_LEADS, T_MEMBER, build_store)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("cli-queries") / "store")


def run(store, *args):
    return CliRunner().invoke(cli, ["--store", str(store), *map(str, args)], catch_exceptions=False)


def table(result):
    """The rows of a table printed to stdout: header, then one list of cells per row."""
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("(") and lines[-1].endswith(("row)", "rows)"))
    rule = lines[1]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    bounds = list(zip(starts, starts[1:] + [None]))
    return [[line[a:b].strip() for a, b in bounds] for line in [lines[0], *lines[2:-1]]]


def quads(path):
    with Store.open(path, read_only=True) as st:
        return sorted(map(str, st.quads()))


def bindings(result):
    data = json.loads(result.stdout)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_cli_queries_linked_table(store_dir):
    result = run(store_dir, "linked", "Qairat Zhaqsylyqov")
    assert result.exit_code == 0, result.output
    rows = table(result)
    assert rows[0] == ["other_name", "other_kind", "link", "sentences", "articles", "path", "evidence"]
    assert [r[:3] for r in rows[1:]] == [
        ["Mira Tobelova", "ng:Person", "stated tie"], ["Ivo Dulaj", "ng:Person", "shared event"],
        ["Oskar Brennyk", "ng:Person", "shared organization"], ["Oskar Brennyk", "ng:Person", "co-mention"],
        ["Petra Vanek", "ng:Person", "co-mention"]]
    assert rows[3][3:] == ["1", "1", "via Lantern Party: Qairat Zhaqsylyqov is its leader, Oskar Brennyk is its member",
                           T_MEMBER]
    assert result.stderr == ""


def test_cli_queries_linked_evidence_lists_every_sentence_with_its_article(store_dir):
    result = run(store_dir, "linked", "Qairat Zhaqsylyqov", "--evidence", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    mira = [(r["evidence"], r["article"]) for r in rows if r["other_name"] == "Mira Tobelova"]
    assert sorted(mira) == sorted([(T_LAWYER, str(A1)), ("Tobelova, his lawyer, appealed the fine.", str(A2))])
    direct = run(store_dir, "linked", "Qairat Zhaqsylyqov", "--direct", "--format", "json")
    assert {r["other_name"] for r in bindings(direct)} == {"Mira Tobelova"}
    assert {(r["via_kind"], r["person_role"], r["other_role"]) for r in bindings(direct)} == {
        ("tie", "object", "subject")}


def test_cli_queries_linked_transliterated_name_gives_the_same_answer_and_a_note(store_dir):
    exact = run(store_dir, "linked", "Qairat Zhaqsylyqov", "--format", "csv")
    variant = run(store_dir, "linked", "Kairat Zhaksylykov", "--format", "csv")
    assert variant.exit_code == 0
    assert variant.stdout == exact.stdout
    assert variant.stderr.startswith("note: 'Kairat Zhaksylykov' read as Qairat Zhaqsylyqov (person, ")


def test_cli_queries_linked_orgs_and_depth_three(store_dir):
    result = run(store_dir, "linked", "Zhaqsylyqov", "--orgs", "--depth", "3", "--format", "json")
    assert result.exit_code == 0
    rows = bindings(result)
    assert {r["other_name"] for r in rows} >= {"Ostravel City Court", "Lantern Party", "Lena Brennyk"}
    assert any(r["path"] == "via Oskar Brennyk: Lena Brennyk is relative of Oskar Brennyk"
               and r["link"] == "tie of a linked person" and r["via"] == str(OSKAR) for r in rows)
    assert run(store_dir, "linked", "Zhaqsylyqov", "--include-orgs", "--format", "json").stdout == \
        run(store_dir, "linked", "Zhaqsylyqov", "--orgs", "--format", "json").stdout
    assert run(store_dir, "linked", "Zhaqsylyqov", "--depth", "4").exit_code == 2


def test_cli_queries_unknown_name_exits_non_zero_with_candidates(store_dir):
    result = run(store_dir, "linked", "Mira Tobel")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: no person or organization named 'Mira Tobel'", "Did you mean:",
        f"  Mira Tobelova (person, {MIRA})"]


def test_cli_queries_ambiguous_name_exits_non_zero_with_candidates(store_dir):
    result = run(store_dir, "timeline", "Brennyk")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 'Brennyk' could be 2 entities; give more of the name, or the IRI"
    assert lines[1] == "Candidates:"
    assert lines[2:] == ["  Lena Brennyk (person, https://w3id.org/newsgraph/id/person/lena-brennyk)",
                         f"  Oskar Brennyk (person, {OSKAR})"]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", [ODD_NAME, '"} <script>', "'); DROP ALL; --"])
def test_cli_queries_names_with_sparql_syntax_are_safe(store_dir, name):
    before = quads(store_dir)
    result = run(store_dir, "timeline", name, "--format", "csv")
    assert quads(store_dir) == before
    if result.exit_code == 0:
        assert str(E4) in result.stdout
    else:
        assert result.exit_code == 1 and result.stderr.startswith("Error: no person or organization named")


def test_cli_queries_timeline(store_dir):
    result = run(store_dir, "timeline", "Kairat Zhaksylykov", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["type"], r["role"]) for r in rows] == [
        ("2022", "Protest", "participant"), ("2023-05-01", "PretrialDetention", "target"), ("2023-06", "Fine", "target")]
    assert rows[0]["evidence"] == EV3


def test_cli_queries_events_with_filters(store_dir):
    result = run(store_dir, "events", "--type", "Detention", "--place", "Ostravel", "--since", "2023",
                 "--format", "json")
    assert result.exit_code == 0
    assert [(r["event"], r["evidence"]) for r in bindings(result)] == [(str(E1), EV1)]
    everything = bindings(run(store_dir, "events", "--format", "json"))
    assert len(everything) == 4
    by_agent = bindings(run(store_dir, "events", "--agent", "Ostravel City Court", "--target", "Zhaqsylyqov",
                            "--format", "json"))
    assert [r["event"] for r in by_agent] == [str(E1), str(E2)]
    bad = run(store_dir, "events", "--type", "Arrests")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: no event type 'Arrests'")
    bad_date = run(store_dir, "events", "--until", "yesterday")
    assert bad_date.exit_code == 1 and "not a date" in bad_date.stderr


def test_cli_queries_charges(store_dir):
    result = run(store_dir, "charges", "--format", "json")
    assert result.exit_code == 0
    rows = bindings(result)
    assert [(r["who_name"], r["charge_name"], r.get("penalty")) for r in rows] == [
        ("Oskar Brennyk", "hooliganism", None), ("Qairat Zhaqsylyqov", "organizing mass riots", "fine of 500 crowns"),
        ("Qairat Zhaqsylyqov", "organizing mass riots", "fine of 500 crowns")]
    assert len(bindings(run(store_dir, "charges", "--person", "Oskar Brennyk", "--format", "json"))) == 1


def test_cli_queries_members(store_dir):
    rows = table(run(store_dir, "members", "Lantern Party"))
    assert rows == [["member_name", "role", "modality", "evidence", "article"],
                    ["Oskar Brennyk", "memberOf", "Alleged", T_MEMBER, str(A1)],
                    ["Qairat Zhaqsylyqov", "leaderOf", "", T_LEADS, str(A1)]]


def test_cli_queries_cooccurrence_top(store_dir):
    rows = table(run(store_dir, "cooccurrence", "--top", "1"))
    assert rows == [["a_name", "b_name", "sentences", "articles"], ["Oskar Brennyk", "Qairat Zhaqsylyqov", "2", "2"]]
    assert len(table(run(store_dir, "cooccurrence"))) == 9
    petra = table(run(store_dir, "cooccurrence", "--entity", "Petra Vanek"))
    assert petra[1:] == [["Petra Vanek", "Qairat Zhaqsylyqov", "1", "1"]]


def test_cli_queries_sources(store_dir):
    result = run(store_dir, "sources", "Qairat Zhaqsylyqov", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["article"], r["published"], r["source"]) for r in rows] == [
        (str(A1), "2023-05-02", "https://example.org/a1"), (str(A2), "2023-07-10", "https://example.org/a2")]


def test_cli_queries_ask_runs_any_named_query(store_dir):
    result = run(store_dir, "ask", "linked", "--param", "person=Petra Vanek", "-p", "include_orgs=true",
                 "--format", "json")
    assert result.exit_code == 0
    assert [(r["other"], r["evidence"]) for r in bindings(result)] == [(str(QAIRAT), S_VISIT)]
    events = bindings(run(store_dir, "ask", "events", "-p", "type=Detention", "--format", "json"))
    assert [r["event"] for r in events] == [str(E1), str(E4)]
    assert run(store_dir, "ask", "events", "-p", "nonsense").exit_code == 2
    unknown = run(store_dir, "ask", "events", "-p", "colour=red")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Error: query events has no parameter 'colour'")
    missing = run(store_dir, "ask", "nosuch")
    assert missing.exit_code == 1 and "no query named 'nosuch'" in missing.stderr


def test_cli_queries_lists_every_named_query(store_dir):
    result = run(store_dir, "queries")
    assert result.exit_code == 0
    rows = table(result)
    assert rows[0] == ["query", "parameters", "description"]
    assert [r[0] for r in rows[1:]] == list(load_queries())
    assert ["linked", "person [include_orgs] [direct] [evidence] [depth] [limit]"] == rows[1 + list(load_queries()).index("linked")][:2]


@pytest.mark.parametrize("command", ["linked", "timeline", "events", "charges", "members", "cooccurrence",
                                     "sources", "ask", "queries", "query"])
def test_cli_queries_commands_share_the_output_options(command):
    (fmt,) = [p for p in cli.commands[command].params if p.name == "fmt"]
    assert fmt.opts == ["--format"] and list(fmt.type.choices) == list(RESULT_FORMATS)
    assert fmt.default == "table" and fmt.help == "Output format."


def test_cli_queries_missing_store_is_one_line(tmp_path):
    result = run(tmp_path / "nothing", "linked", "Anyone")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no store at") and len(result.stderr.splitlines()) == 1
