"""Hostile text at every place article text reaches HTML or SPARQL.

A store built by hand holds names, aliases, evidence sentences and titles made of
markup, script-breaking sequences, SPARQL syntax, template syntax and look-alike
letters (every name invented). Then:

* the network page (``export --format html`` and ``viz``, every kind, a hostile
  ``--around`` and ``--title``) is checked statically: three scripts and no more,
  the data block carries no ``<``, ``>`` or ``&`` and parses back to the exact names,
  the heading is escaped;
* the named queries find each hostile name as data, and leave the store as it was;
* ``query`` prints each hostile label on its own row, exactly;
* the RDF and graph exports give the same strings back;
* the hostile files of the bad-input corpus go through ingest, export and queries.
"""
from __future__ import annotations

import functools
import html
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from newsgraph.cli import cli
from markupsafe import escape

from newsgraph.exports import format_results, terminal_safe
from newsgraph.exports.html import generate_html
from newsgraph.graph.store import Rows, Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
ID = "https://w3id.org/newsgraph/id/"
A1 = "https://w3id.org/newsgraph/article/00000000000000c1"

SCRIPT = "</script><script>alert(1)</script> Quell"
IMG = '<img src=x onerror="alert(2)"> Vasko'
SPARQL = '"} ; DROP ALL ; # Marwood'
QUOTES = "Ilse \\\" O'Tembrel \\\\ Lindqvar"
TEMPLATE = "{{ 7*7 }} ${alert(3)} Party"
KEYWORDS = "SELECT * WHERE { ?s ?p ?o } INSERT DATA Court"
LOOKALIKE = "Маrа Quеll"          # Cyrillic М, а, е among Latin letters
PLACE = "<b>Ostravel</b> & <!-- Brenmoor ]]>"
ALIAS = "'); DROP GRAPH <https://w3id.org/newsgraph/graph/resolution>; --"
EVIDENCE = (f"Police held {SCRIPT} and {SPARQL} in <b>Ostravel</b> <!-- at dawn ]]> "
            "\u2028 saying \"}}; DROP ALL\" & more.")
TITLE = "</title><script>alert(4)</script> Five Held"
NAMES = [SCRIPT, IMG, SPARQL, QUOTES, TEMPLATE, KEYWORDS, LOOKALIKE]

P = {name: URIRef(f"{ID}person/p{i}") for i, name in enumerate([SCRIPT, IMG, SPARQL, QUOTES, LOOKALIKE])}
O = {name: URIRef(f"{ID}org/o{i}") for i, name in enumerate([TEMPLATE, KEYWORDS])}
PL = URIRef(ID + "place/pl0")
E1, E2 = URIRef(ID + "event/c1-1"), URIRef(ID + "event/c1-2")


def hostile_triples():
    a = URIRef(A1)
    t = [(a, RDF.type, NG.Article), (a, DCTERMS.title, Literal(TITLE)),
         (a, DCTERMS.date, Literal("2024-03-05", datatype=XSD.date)),
         (a, DCTERMS.source, Literal("javascript:alert(5)"))]
    for name, iri in P.items():
        t += [(iri, RDF.type, NG.Person), (iri, SKOS.altLabel, Literal(name)), (iri, NG.mentionedIn, a)]
    for name, iri in O.items():
        t += [(iri, RDF.type, NG.Organization), (iri, SKOS.altLabel, Literal(name)), (iri, NG.mentionedIn, a)]
    t += [(PL, RDF.type, NG.Place), (PL, SKOS.altLabel, Literal(PLACE)), (PL, NG.mentionedIn, a)]
    t += [(P[SCRIPT], SKOS.altLabel, Literal(ALIAS))]
    s = URIRef(ID + "sentence/c1-0")
    t += [(s, RDF.type, NG.Sentence), (s, NG.evidence, Literal(EVIDENCE)), (s, PROV.wasDerivedFrom, a)]
    t += [(s, NG.mentions, iri) for iri in [*P.values(), *O.values()]]
    charge = URIRef(ID + "charge/c1")
    t += [(charge, RDF.type, NG.Charge), (charge, RDFS.label, Literal('"hooliganism" } #'))]
    t += [(E1, RDF.type, NG.Detention), (E1, NG.hasTarget, P[SCRIPT]), (E1, NG.hasTarget, P[SPARQL]),
          (E1, NG.hasAgent, O[KEYWORDS]), (E1, NG.place, PL), (E1, NG.charge, charge),
          (E1, NG.date, Literal("2024-03-04", datatype=XSD.date)), (E1, NG.evidence, Literal(EVIDENCE)),
          (E1, PROV.wasDerivedFrom, a)]
    t += [(E2, RDF.type, NG.Sentencing), (E2, NG.hasTarget, P[IMG]), (E2, NG.hasAgent, O[KEYWORDS]),
          (E2, NG.penalty, Literal("<i>ten</i> days")), (E2, NG.charge, charge),
          (E2, NG.evidence, Literal(f"{KEYWORDS} sentenced {IMG}.")), (E2, PROV.wasDerivedFrom, a)]
    tie = URIRef(ID + "tie/c1-1")
    t += [(P[QUOTES], NG.memberOf, O[TEMPLATE]), (tie, RDF.type, NG.Tie), (tie, NG.tieSubject, P[QUOTES]),
          (tie, NG.tieProperty, NG.memberOf), (tie, NG.tieObject, O[TEMPLATE]),
          (tie, NG.evidence, Literal(f"{QUOTES} joined {TEMPLATE} <script>x</script>.")),
          (tie, PROV.wasDerivedFrom, a)]
    labels = [(iri, RDFS.label, Literal(name)) for name, iri in [*P.items(), *O.items()]]
    return t, labels + [(PL, RDFS.label, Literal(PLACE))]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "store"
    article, labels = hostile_triples()
    with Store.open(path) as st:
        st.replace_graph(A1, article)
        st.replace_graph(str(RESOLUTION_GRAPH), labels)
    return path


def run(store, *args):
    return CliRunner().invoke(cli, ["--store", str(store), *map(str, args)], catch_exceptions=False)


def quads(store):
    with Store.open(store, read_only=True) as st:
        return set(st.quads())


# ---------------------------------------------------------------- SPARQL Update: the store keeps text as text

def test_hostile_text_is_stored_exactly_and_only_in_its_graph(hostile_store):
    article, labels = hostile_triples()
    with Store.open(hostile_store, read_only=True) as st:
        assert {(s, p, o) for s, p, o, _ in st.quads(A1)} == set(article)
        assert {(s, p, o) for s, p, o, _ in st.quads(str(RESOLUTION_GRAPH))} == set(labels)
        assert st.graphs() == sorted([A1, str(RESOLUTION_GRAPH)])


# ---------------------------------------------------------------- the network page

def page_parts(page: str):
    """The page's data block (parsed) and the page with that block cut out."""
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return m.group(1), page[:m.start()] + page[m.end():]


def tags(page: str) -> Counter:
    """How often each tag (and comment or CDATA opener) occurs in ``page``."""
    return Counter(t.lower() for t in re.findall(r"<[!/?]?[A-Za-z\[-][^\s>/]*", page))


@functools.lru_cache(maxsize=1)
def baseline_tags() -> Counter:
    """The tags of the page with nothing in it: a hostile page must have exactly these."""
    return tags(page_parts(generate_html(nx.Graph(), heading="x"))[1])


def check_page(page: str, heading: str | None = None) -> dict:
    """Static checks of a network page; returns its parsed data."""
    raw, rest = page_parts(page)
    assert tags(rest) == baseline_tags(), "the page has markup that is not the template's"
    assert not set(raw) & set("<>&'"), "the data block must carry markup characters escaped"
    if heading is not None:
        assert f"<h1>{escape(heading)}</h1>" in page and f"<title>{escape(heading)}</title>" in page
    return json.loads(raw)


def heading_of(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


def labels_of(data) -> set:
    return {n["label"] for n in data["nodes"]}


@pytest.mark.parametrize("kind", ["cooccurrence", "affiliation", "events"])
def test_hostile_network_page_keeps_names_as_data(hostile_store, tmp_path, kind):
    out = tmp_path / f"{kind}.html"
    result = run(hostile_store, "viz", "--kind", kind, "--title", TITLE, "-o", out)
    assert result.exit_code == 0, result.output
    data = check_page(out.read_text(encoding="utf-8"), heading=TITLE)
    names = labels_of(data)
    if kind == "cooccurrence":
        assert {SCRIPT, IMG, SPARQL, QUOTES, LOOKALIKE, TEMPLATE, KEYWORDS} <= names
        tooltips = " ".join(str(n.get("title", "")) for n in data["nodes"])
        assert ALIAS in tooltips
    elif kind == "affiliation":
        assert {QUOTES, TEMPLATE} <= names
    else:
        assert {SCRIPT, SPARQL, KEYWORDS} <= names


def test_hostile_network_page_around_a_hostile_name(hostile_store, tmp_path):
    out = tmp_path / "around.html"
    result = run(hostile_store, "viz", "--around", SCRIPT, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    data = check_page(page)
    assert SCRIPT in labels_of(data)
    assert SCRIPT in html.unescape(heading_of(page)) and "<" not in heading_of(page)


def test_hostile_export_html_page(hostile_store, tmp_path):
    out = tmp_path / "export.html"
    result = run(hostile_store, "export", "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    assert SPARQL in labels_of(check_page(out.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- named queries

@pytest.mark.parametrize("args, name", [
    (["timeline", SCRIPT], SCRIPT),
    (["timeline", SPARQL], SPARQL),
    (["linked", QUOTES, "--include-orgs"], TEMPLATE),
    (["linked", LOOKALIKE], SCRIPT),
    (["sources", PLACE], PLACE),
    (["sources", ALIAS], ALIAS),
    (["members", TEMPLATE], QUOTES),
    (["charges", "--person", IMG], '"hooliganism" } #'),
    (["events", "--target", SPARQL, "--agent", KEYWORDS, "--place", PLACE], EVIDENCE),
    (["cooccurrence", "--entity", KEYWORDS], IMG),
    (["ask", "timeline", "-p", f"person={IMG}"], IMG),
])
def test_hostile_named_queries_treat_names_as_data(hostile_store, args, name):
    before = quads(hostile_store)
    result = run(hostile_store, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert rows and any(name in cell["value"] for row in rows for cell in row.values())
    assert quads(hostile_store) == before


@pytest.mark.parametrize("name", ['"} ; DELETE WHERE { ?x ?y ?z } #', "<svg onload=alert(9)>", "\\",
                                  'Nobody" . } #', "x' UNION { ?s ?p ?o } '", "\u202eOdile\u202c"])
def test_hostile_unknown_names_are_an_unknown_name_and_nothing_else(hostile_store, name):
    before = quads(hostile_store)
    result = run(hostile_store, "timeline", name)
    assert quads(hostile_store) == before
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no person or organization named ") or \
        result.stderr.startswith(f"Error: {name!r} could be")
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- the query command's output

def test_hostile_query_table_one_row_per_label_exactly(hostile_store):
    result = run(hostile_store, "query", "SELECT ?name WHERE { ?e rdfs:label ?name } ORDER BY ?name")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    expected = sorted([*NAMES, PLACE, '"hooliganism" } #'])
    assert len(lines) == 2 + len(expected) + 1 and lines[-1] == f"({len(expected)} rows)"
    assert [line.rstrip() for line in lines[2:-1]] == [" ".join(n.split()) for n in expected]


def test_hostile_query_json_and_csv_round_trip(hostile_store):
    sparql = "SELECT ?e ?evidence WHERE { ?e ng:evidence ?evidence } ORDER BY ?e"
    rows = json.loads(run(hostile_store, "query", sparql, "--format", "json").stdout)["results"]["bindings"]
    assert EVIDENCE in [r["evidence"]["value"] for r in rows]
    import csv

    table = list(csv.DictReader(io.StringIO(run(hostile_store, "query", sparql, "--format", "csv", "--raw").stdout)))
    assert EVIDENCE in [r["evidence"] for r in table]  # --raw: the exact data
    table = list(csv.DictReader(io.StringIO(run(hostile_store, "query", sparql, "--format", "csv").stdout)))
    assert terminal_safe(EVIDENCE, lines=True) in [r["evidence"] for r in table]  # by default: inert


def test_hostile_query_text_with_a_hostile_literal_in_it_is_just_a_query(hostile_store):
    before = quads(hostile_store)
    literal = json.dumps(SPARQL)  # a SPARQL string literal holding the name
    result = run(hostile_store, "query", f"SELECT ?e WHERE {{ ?e rdfs:label {literal} }}", "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["e", str(P[SPARQL])]
    refused = run(hostile_store, "query", "DROP ALL")
    assert refused.exit_code == 1 and refused.stderr.startswith("Error: ")
    assert quads(hostile_store) == before


# ---------------------------------------------------------------- terminal escapes
# The readers strip control characters from article text, so only a store written by
# other means (a SPARQL server, a hand-made graph) can hold them; what prints to a
# terminal must still show them inert. C0 (but tab, line feed), DEL, C1, separators,
# bidi controls and lone surrogates:
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                             "\u2066-\u2069\ud800-\udfff]")
# Sets the window title, clears the screen, starts a C1 colour sequence, reverses what follows.
TITLE_SETTER = "Mara \x1b]0;owned\x07Quell \x1b[2J\x9b31m"
REVERSER = "Ilse \u202eLAER\u2066 Quell\u2069"
SURROGATE = "Vasko \ud800"  # half of a pair: cannot be stored or even encoded, still shown


def test_hostile_query_table_escapes_terminal_control_characters():
    rows = Rows([(Literal(TITLE_SETTER),), (Literal(REVERSER),), (Literal(SURROGATE),)], ["name"])
    table = format_results(rows, "table")
    assert not TERMINAL_UNSAFE.search(table)
    assert table.splitlines()[2:5] == ["Mara \\x1b]0;owned\\x07Quell \\x1b[2J\\x9b31m",
                                       "Ilse \\u202eLAER\\u2066 Quell\\u2069", "Vasko \\ud800"]


def test_hostile_query_json_is_terminal_safe_and_csv_exact():
    rows = Rows([(Literal(TITLE_SETTER),), (Literal(REVERSER),), (Literal(SURROGATE),)], ["name"])
    text = format_results(rows, "json")
    assert not TERMINAL_UNSAFE.search(text)
    names = [TITLE_SETTER, REVERSER, SURROGATE]
    assert [b["name"]["value"] for b in json.loads(text)["results"]["bindings"]] == names
    assert format_results(rows, "csv", raw=True).splitlines()[1:] == names  # --raw: exact data
    assert format_results(rows, "csv").splitlines()[1:] == [terminal_safe(n) for n in names]  # printed: inert


def test_hostile_query_graph_results_are_terminal_safe_and_exact():
    graph = Graph()
    graph.add((P[SCRIPT], RDFS.label, Literal(TITLE_SETTER)))
    graph.add((P[SPARQL], RDFS.label, Literal(REVERSER)))
    for fmt, parse in (("table", "turtle"), ("json", "json-ld")):
        text = format_results(graph, fmt)
        assert not TERMINAL_UNSAFE.search(text)
        assert set(Graph().parse(data=text, format=parse).objects()) == set(graph.objects())


@pytest.fixture(scope="module")
def terminal_store(tmp_path_factory):
    """Two people whose names hold terminal escapes, mentioned in one article, with evidence."""
    path = tmp_path_factory.mktemp("terminal") / "store"
    a = URIRef(A1)
    people = {TITLE_SETTER: URIRef(ID + "person/t0"), REVERSER: URIRef(ID + "person/t1")}
    triples = [(a, RDF.type, NG.Article), (a, DCTERMS.title, Literal(TITLE_SETTER))]
    for name, iri in people.items():
        triples += [(iri, RDF.type, NG.Person), (iri, SKOS.altLabel, Literal(name)), (iri, NG.mentionedIn, a)]
    s = URIRef(ID + "sentence/t-0")
    triples += [(s, RDF.type, NG.Sentence), (s, NG.evidence, Literal(f"{TITLE_SETTER} met {REVERSER}.")),
                (s, PROV.wasDerivedFrom, a), *[(s, NG.mentions, iri) for iri in people.values()]]
    with Store.open(path) as st:
        st.replace_graph(A1, triples)
        st.replace_graph(str(RESOLUTION_GRAPH), [(iri, RDFS.label, Literal(n)) for n, iri in people.items()])
    return path


@pytest.mark.parametrize("args", [
    ["query", "SELECT ?name ?text WHERE { { ?p rdfs:label ?name } UNION { ?s ng:evidence ?text } }"],
    ["query", "CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p rdfs:label ?name }"],
    ["query", "SELECT ?t WHERE { ?a dcterms:title ?t }", "--format", "json"],
    ["cooccurrence"], ["sources", "Mara Quell"], ["linked", "Ilse LAER Quell"], ["linked", "Ilse Quell"],
    ["timeline", "Quell"], ["timeline", "Mara Kvel"], ["sources", "Ilse Qvella"], ["sources", "Tembrelova"]])
def test_hostile_terminal_escapes_in_names_never_reach_the_terminal(terminal_store, args):
    result = run(terminal_store, *args)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    assert not TERMINAL_UNSAFE.search(result.stdout.replace("\n", "").replace("\t", ""))
    assert not TERMINAL_UNSAFE.search(result.stderr.replace("\n", ""))
    assert result.stdout or result.stderr.startswith(("Error: ", "note: "))


# ---------------------------------------------------------------- RDF and graph exports

@pytest.mark.parametrize("fmt, parse", [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"),
                                        ("nquads", "nquads"), ("trig", "trig")])
def test_hostile_rdf_exports_parse_back_to_the_same_text(hostile_store, tmp_path, fmt, parse):
    out = tmp_path / f"out.{fmt}"
    assert run(hostile_store, "export", "--format", fmt, "-o", out).exit_code == 0
    graph = Dataset() if fmt in ("nquads", "trig") else Graph()
    graph.parse(out, format=parse)
    texts = {str(o) for o in graph.objects() if isinstance(o, Literal)} if not isinstance(graph, Dataset) \
        else {str(q[2]) for q in graph.quads() if isinstance(q[2], Literal)}
    assert {*NAMES, PLACE, ALIAS, EVIDENCE, TITLE} <= texts


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".zip"])
def test_hostile_graph_files_keep_names(hostile_store, tmp_path, suffix):
    out = tmp_path / f"net{suffix}"
    assert run(hostile_store, "viz", "-o", out).exit_code == 0
    if suffix == ".zip":
        with zipfile.ZipFile(out) as zf:
            nodes = zf.read("nodes.csv").decode("utf-8")
        import csv

        labels = {r["label"] for r in csv.DictReader(io.StringIO(nodes))}
        assert {SCRIPT, SPARQL, QUOTES, LOOKALIKE} <= {l.lstrip("'") for l in labels}
        return
    graph = nx.read_graphml(out) if suffix == ".graphml" else nx.read_gexf(out)
    labels = {a.get("label") for _, a in graph.nodes(data=True)}
    assert {SCRIPT, SPARQL, QUOTES, LOOKALIKE, TEMPLATE, KEYWORDS} <= labels


# ---------------------------------------------------------------- the hostile corpus end to end

def test_hostile_corpus_files_ingest_export_and_query(nlp, tmp_path):
    store = tmp_path / "store"
    files = [BAD / "hostile_names.txt", BAD / "hostile_page.html", BAD / "hostile_fields.jsonl"]
    result = run(store, "ingest", *files)
    assert result.exit_code == 0, result.output
    assert "ingested 7 articles (0 replaced, 0 failed)" in result.stdout
    page = tmp_path / "page.html"
    assert run(store, "viz", "-o", page).exit_code == 0
    check_page(page.read_text(encoding="utf-8"))
    names = run(store, "ask", "names", "--format", "json")
    assert names.exit_code == 0
    for row in json.loads(names.stdout)["results"]["bindings"]:
        name = row.get("name", {}).get("value", "")
        assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", name), name
        if name:  # every name the extraction found can be looked up as it is written
            looked = run(store, "sources", name, "--format", "json")
            assert looked.exit_code in (0, 1) and "Traceback" not in looked.output
    titles = run(store, "query", "SELECT ?t WHERE { ?a dcterms:title ?t }", "--format", "csv").stdout
    assert "<script>alert('title')</script>" in titles and "\x1b" not in titles
    out = tmp_path / "all.ttl"
    assert run(store, "export", "-o", out).exit_code == 0
    Graph().parse(out, format="turtle")
    assert run(store, "validate").exit_code in (0, 1)
