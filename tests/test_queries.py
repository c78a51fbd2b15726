"""Named queries: every .rq compiles, each answers a small hand-built graph as expected,
parameters are bound (names holding SPARQL syntax are only data), and ``linked`` ranks.

The graph (:func:`build_store`) is written here triple by triple; every person,
party and town in it is invented.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery

import newsgraph
from newsgraph.errors import QueryError
from newsgraph.graph.store import Rows, Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH, load_ontology
from newsgraph.ontology.terms import event_classes
from newsgraph.queries import finish_events, finish_timeline, load_queries, parse_query, run_named, table_view
from newsgraph.queries.lookup import AmbiguousNameError, UnknownNameError

ID = "https://w3id.org/newsgraph/id/"
A1 = URIRef("https://w3id.org/newsgraph/article/00000000000000a1")
A2 = URIRef("https://w3id.org/newsgraph/article/00000000000000a2")

QAIRAT = URIRef(ID + "person/qairat-zhaqsylyqov")
MIRA = URIRef(ID + "person/mira-tobelova")
OSKAR = URIRef(ID + "person/oskar-brennyk")
LENA = URIRef(ID + "person/lena-brennyk")
IVO = URIRef(ID + "person/ivo-dulaj")
PETRA = URIRef(ID + "person/petra-vanek")
ODD = URIRef(ID + "person/robert-drop-all")
PARTY = URIRef(ID + "org/lantern-party")
COURT = URIRef(ID + "org/ostravel-city-court")
POLICE = URIRef(ID + "org/ostravel-police")
OSTRAVEL = URIRef(ID + "place/ostravel")
BRENMOOR = URIRef(ID + "place/brenmoor")
RIOTS = URIRef(ID + "charge/organizing-mass-riots")
HOOLIGANISM = URIRef(ID + "charge/hooliganism")
E1, E2, E3, E4 = (URIRef(ID + f"event/{n}") for n in ("a1-1", "a2-1", "a2-2", "a2-3"))

ODD_NAME = 'Robert\'); DROP ALL; "} <script>alert(1)</script> SELECT * WHERE { ?s ?p ?o }'
LABELS = {
    QAIRAT: "Qairat Zhaqsylyqov", MIRA: "Mira Tobelova", OSKAR: "Oskar Brennyk",
    LENA: "Lena Brennyk", IVO: "Ivo Dulaj", PETRA: "Petra Vanek", ODD: ODD_NAME,
    PARTY: "Lantern Party", COURT: "Ostravel City Court", POLICE: "Ostravel Police",
    OSTRAVEL: "Ostravel", BRENMOOR: "Brenmoor",
}
KIND = {**{p: NG.Person for p in (QAIRAT, MIRA, OSKAR, LENA, IVO, PETRA, ODD)},
        **{o: NG.Organization for o in (PARTY, COURT, POLICE)},
        **{p: NG.Place for p in (OSTRAVEL, BRENMOOR)}}

T_LAWYER = "His lawyer, Mira Tobelova, said the charges were invented."
T_LEADS = "Zhaqsylyqov leads the Lantern Party."
T_MEMBER = "Oskar Brennyk, a member of the Lantern Party, was also questioned."
T_APPEAL = "Tobelova, his lawyer, appealed the fine."
S_SIBLINGS = "Oskar Brennyk and his sister Lena Brennyk left the court together."
S_QUESTIONED = "Oskar Brennyk of the Lantern Party was questioned about Zhaqsylyqov."
S_VISIT = "Petra Vanek visited Zhaqsylyqov in prison."
S_THANKS = "Zhaqsylyqov thanked Oskar Brennyk."
EV1 = ("The Ostravel City Court remanded Qairat Zhaqsylyqov in custody on 1 May on charges "
       "of organizing mass riots.")
EV2 = "In June the court fined Zhaqsylyqov 500 crowns for organizing mass riots."
EV3 = "In 2022 Zhaqsylyqov and Ivo Dulaj marched in Brenmoor."
EV4 = "Police detained a man who called himself " + ODD_NAME + "."


def _mention(article, *entities, names=None):
    names = names or {}
    for e in entities:
        yield (e, RDF.type, KIND[e])
        yield (e, NG.mentionedIn, article)
        yield (e, SKOS.altLabel, Literal(names.get(e, LABELS[e])))


def _tie(article, n, subject, prop, obj, evidence, modality=None):
    tie = URIRef(f"{ID}tie/{article[-2:]}-{n}")
    yield (subject, prop, obj)
    yield (tie, RDF.type, NG.Tie)
    yield (tie, NG.tieSubject, subject)
    yield (tie, NG.tieProperty, prop)
    yield (tie, NG.tieObject, obj)
    yield (tie, NG.evidence, Literal(evidence))
    yield (tie, PROV.wasDerivedFrom, article)
    if modality is not None:
        yield (tie, NG.modality, modality)


def _sentence(article, n, text, *entities):
    s = URIRef(f"{ID}sentence/{article[-2:]}-{n}")
    yield (s, RDF.type, NG.Sentence)
    yield (s, NG.evidence, Literal(text))
    yield (s, PROV.wasDerivedFrom, article)
    for e in entities:
        yield (s, NG.mentions, e)


def _event(iri, cls, article, evidence, **props):
    yield (iri, RDF.type, cls)
    yield (iri, NG.evidence, Literal(evidence))
    yield (iri, PROV.wasDerivedFrom, article)
    for prop, values in props.items():
        for value in values if isinstance(values, list) else [values]:
            yield (iri, NG[prop], value)


def article_triples():
    """The two invented articles, as {graph IRI: [triples]}."""
    a1 = [
        (A1, RDF.type, NG.Article), (A1, DCTERMS.title, Literal("Party leader held in Ostravel")),
        (A1, DCTERMS.date, Literal("2023-05-02", datatype=XSD.date)),
        (A1, DCTERMS.source, Literal("https://example.org/a1")),
        *_mention(A1, QAIRAT, MIRA, OSKAR, LENA, PARTY, COURT, OSTRAVEL),
        (QAIRAT, SKOS.altLabel, Literal("Zhaqsylyqov")),
        *_event(E1, NG.PretrialDetention, A1, EV1, hasTarget=QAIRAT, hasAgent=COURT, place=OSTRAVEL,
                date=Literal("2023-05-01", datatype=XSD.date), charge=RIOTS),
        (RIOTS, RDF.type, NG.Charge), (RIOTS, RDFS.label, Literal("organizing mass riots")),
        (QAIRAT, NG.chargedWith, RIOTS),
        (HOOLIGANISM, RDF.type, NG.Charge), (HOOLIGANISM, RDFS.label, Literal("hooliganism")),
        (OSKAR, NG.chargedWith, HOOLIGANISM),
        *_tie(A1, 1, MIRA, NG.lawyerOf, QAIRAT, T_LAWYER),
        *_tie(A1, 2, QAIRAT, NG.leaderOf, PARTY, T_LEADS),
        *_tie(A1, 3, OSKAR, NG.memberOf, PARTY, T_MEMBER, NG.Alleged),
        *_tie(A1, 4, LENA, NG.relativeOf, OSKAR, S_SIBLINGS),
        *_sentence(A1, 1, T_LAWYER, QAIRAT, MIRA),
        *_sentence(A1, 2, S_SIBLINGS, OSKAR, LENA, COURT),
        *_sentence(A1, 3, S_QUESTIONED, QAIRAT, OSKAR, PARTY),
    ]
    a2 = [
        (A2, RDF.type, NG.Article), (A2, DCTERMS.title, Literal("A fine and a march")),
        (A2, DCTERMS.date, Literal("2023-07-10", datatype=XSD.date)),
        (A2, DCTERMS.source, Literal("https://example.org/a2")),
        *_mention(A2, QAIRAT, MIRA, OSKAR, IVO, PETRA, ODD, COURT, POLICE, OSTRAVEL, BRENMOOR,
                  names={QAIRAT: "Zhaqsylyqov"}),
        *_event(E2, NG.Fine, A2, EV2, hasTarget=QAIRAT, hasAgent=COURT, penalty=Literal("fine of 500 crowns"),
                date=Literal("2023-06", datatype=XSD.gYearMonth), charge=RIOTS),
        (RIOTS, RDF.type, NG.Charge), (RIOTS, RDFS.label, Literal("organizing mass riots")),
        *_event(E3, NG.Protest, A2, EV3, hasParticipant=[QAIRAT, IVO], place=BRENMOOR,
                date=Literal("2022", datatype=XSD.gYear)),
        *_event(E4, NG.Detention, A2, EV4, hasTarget=ODD, hasAgent=POLICE, place=OSTRAVEL,
                date=Literal("--07-04", datatype=XSD.gMonthDay)),
        *_tie(A2, 1, MIRA, NG.lawyerOf, QAIRAT, T_APPEAL),
        *_sentence(A2, 1, S_VISIT, PETRA, QAIRAT),
        *_sentence(A2, 2, S_THANKS, QAIRAT, OSKAR),
    ]
    resolution = [(e, RDFS.label, Literal(label)) for e, label in LABELS.items()]
    return {str(A1): a1, str(A2): a2, RESOLUTION_GRAPH: resolution}


def build_store(path):
    """A store at ``path`` holding :func:`article_triples`; returns ``path``."""
    with Store.open(path) as store:
        for graph, triples in article_triples().items():
            store.replace_graph(graph, triples)
    return path


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("queries") / "store")


@pytest.fixture
def store(graph_path):
    with Store.open(graph_path, read_only=True) as st:
        yield st


def column(rows, name):
    i = rows.vars.index(name)
    return [row[i] for row in rows]


def cells(rows, *names):
    idx = [rows.vars.index(n) for n in names]
    return [tuple(None if row[i] is None else str(row[i]) for i in idx) for row in rows]


# ---------------------------------------------------------------- the files themselves

def test_queries_every_rq_compiles_in_rdflib_and_pyoxigraph():
    empty = ox.Store()
    for name, query in load_queries().items():
        prepareQuery(query.text)  # raises on a syntax error or an undeclared prefix
        bound = {ox.Variable(p.name): ox.Literal("x") for p in query.params.values() if not p.option}
        list(empty.query(query.text, substitutions=bound))  # every parameter is selected


def test_queries_every_file_has_a_description_and_known_parameter_kinds():
    queries = load_queries()
    assert {"linked", "timeline", "events", "charges", "members", "cooccurrence", "sources"} <= set(queries)
    for query in queries.values():
        assert query.description and not query.description.startswith("param")
        for param in query.params.values():
            assert param.meaning
            if not param.option:
                assert re.search(rf"\?{param.name}\b", query.text.split("WHERE")[0]), (query.name, param.name)


def test_queries_header_lines_are_parsed_and_bad_ones_rejected():
    q = parse_query("x", "# Find things.\n# param: who (person) — the person\n"
                         "# param: since (date, optional) — from\n# option: top (int) — at most\nSELECT ?who {}")
    assert q.description == "Find things."
    assert [(p.name, p.kind, p.optional, p.option) for p in q.params.values()] == [
        ("who", "person", False, False), ("since", "date", True, False), ("top", "int", True, True)]
    assert q.usage == "who [since] [top]"
    with pytest.raises(QueryError, match="bad parameter line"):
        parse_query("x", "# Find.\n# param: who (colour) — nope\nSELECT * {}")
    with pytest.raises(QueryError, match="first line"):
        parse_query("x", "SELECT * {}")


def test_queries_event_class_lists_match_the_ontology():
    ontology = load_ontology()
    classes = {c for c in event_classes()}
    closure = {(c, s) for c in classes for s in ontology.transitive_objects(c, RDFS.subClassOf) if s in classes}
    sentencing = set(ontology.transitive_subjects(RDFS.subClassOf, NG.Sentencing))
    for query in load_queries().values():
        for block in re.findall(r"VALUES \?\w+ \{([^}]*)\}", query.text):
            terms = {NG[t] for t in re.findall(r"ng:(\w+)", block)}
            if terms & classes:
                assert terms in (classes, sentencing), (query.name, sorted(classes ^ terms))
        for block in re.findall(r"VALUES \(\?c \?s\) \{([^}]*)\}", query.text):
            pairs = {(NG[a], NG[b]) for a, b in re.findall(r"\(ng:(\w+) ng:(\w+)\)", block)}
            assert pairs == closure, (query.name, sorted(pairs ^ closure))


# ---------------------------------------------------------------- linked

def test_queries_linked_gives_one_row_per_person_and_kind_ranked_ties_events_orgs_comentions(store):
    rows = run_named(store, "linked", person="Qairat Zhaqsylyqov")
    assert rows.vars == ["other", "other_name", "other_kind", "link", "path", "via", "via_name", "via_kind",
                         "person_role", "other_role", "vias", "sentences", "articles", "evidence", "article"]
    assert cells(rows, "other_name", "link", "sentences", "articles", "evidence", "article") == [
        ("Mira Tobelova", "stated tie", "2", "2", T_APPEAL, str(A2)),  # two sentences, the shorter shown
        ("Ivo Dulaj", "shared event", "1", "1", EV3, str(A2)),
        ("Oskar Brennyk", "shared organization", "1", "1", T_MEMBER, str(A1)),
        ("Oskar Brennyk", "co-mention", "2", "2", S_QUESTIONED, str(A1)),
        ("Petra Vanek", "co-mention", "1", "1", S_VISIT, str(A2)),
    ]  # the co-mention citing the lawyer sentence again is not counted
    assert cells(rows, "path")[:3] == [
        ("Mira Tobelova is lawyer of Qairat Zhaqsylyqov",),
        ("via a protest: Qairat Zhaqsylyqov is its participant, Ivo Dulaj is its participant",),
        ("via Lantern Party: Qairat Zhaqsylyqov is its leader, Oskar Brennyk is its member",)]
    assert cells(rows, "via", "via_name", "via_kind", "person_role", "other_role")[:3] == [
        (str(NG.lawyerOf), "lawyerOf", "tie", "object", "subject"),
        (str(E3), "Protest", "event", "participant", "participant"),
        (str(PARTY), "Lantern Party", "organization", "leaderOf", "memberOf")]
    pairs = cells(rows, "other", "link")
    assert len(pairs) == len(set(pairs))


def test_queries_linked_lists_every_sentence_with_evidence(store):
    rows = run_named(store, "linked", person="Qairat Zhaqsylyqov", evidence=True)
    assert "sentences" not in rows.vars and "path" in rows.vars
    assert cells(rows, "other_name", "link", "evidence", "article")[:3] == [
        ("Mira Tobelova", "stated tie", T_APPEAL, str(A2)), ("Mira Tobelova", "stated tie", T_LAWYER, str(A1)),
        ("Ivo Dulaj", "shared event", EV3, str(A2))]
    assert ("Oskar Brennyk", "co-mention", S_THANKS, str(A2)) in cells(rows, "other_name", "link", "evidence",
                                                                       "article")


def test_queries_linked_direct_keeps_only_ties(store):
    rows = run_named(store, "linked", person="Qairat Zhaqsylyqov", direct=True)
    assert cells(rows, "other_name", "link") == [("Mira Tobelova", "stated tie")]
    rows = run_named(store, "linked", person="Qairat Zhaqsylyqov", direct=True, include_orgs=True)
    assert cells(rows, "other_name", "link") == [("Mira Tobelova", "stated tie"), ("Lantern Party", "stated tie")]


def test_queries_linked_finds_an_event_about_the_person(tmp_path):
    # "charged over an interview with X": X holds no role, the sentence the event was read from names X
    art = URIRef("https://w3id.org/newsgraph/article/00000000000000b1")
    text = "Prosecutors charged Ivo Dulaj over an interview with Petra Vanek."
    event = URIRef(ID + "event/b1-1")
    with Store.open(tmp_path / "s") as st:
        st.replace_graph(str(art), [*_mention(art, IVO, PETRA), *_event(event, NG.Charging, art, text, hasTarget=IVO),
                                    *_sentence(art, 1, text, IVO, PETRA)])
        st.replace_graph(RESOLUTION_GRAPH, [(e, RDFS.label, Literal(LABELS[e])) for e in (IVO, PETRA)])
        for me, other, path in ((PETRA, "Ivo Dulaj", "via a charging: Petra Vanek is named in its report, "
                                                     "Ivo Dulaj is its target"),
                                (IVO, "Petra Vanek", "via a charging: Ivo Dulaj is its target, "
                                                     "Petra Vanek is named in its report")):
            rows = run_named(st, "linked", person=me)
            assert cells(rows, "other_name", "link", "path", "evidence") == [(other, "shared event", path, text)]


def test_queries_linked_finds_an_event_about_the_persons_organization(tmp_path):
    # the article that says Petra leads the party says Ivo was charged over its rallies
    art = URIRef("https://w3id.org/newsgraph/article/00000000000000b2")
    leads, charged = "Petra Vanek leads the Lantern Party.", "Ivo Dulaj was charged over videos of Lantern Party rallies."
    event = URIRef(ID + "event/b2-1")
    with Store.open(tmp_path / "s") as st:
        st.replace_graph(str(art), [*_mention(art, IVO, PETRA, PARTY), *_tie(art, 1, PETRA, NG.leaderOf, PARTY, leads),
                                    *_event(event, NG.Charging, art, charged, hasTarget=IVO),
                                    *_sentence(art, 1, charged, IVO, PARTY)])
        st.replace_graph(RESOLUTION_GRAPH, [(e, RDFS.label, Literal(LABELS[e])) for e in (IVO, PETRA, PARTY)])
        rows = run_named(st, "linked", person=PETRA)
        assert cells(rows, "other_name", "link", "path", "via", "person_role", "other_role", "evidence") == [
            ("Ivo Dulaj", "shared organization",
             "via Lantern Party: Petra Vanek is its leader, Ivo Dulaj is the target of an event about it",
             str(PARTY), "leaderOf", "target", charged)]


def test_queries_linked_is_the_same_for_every_spelling(store):
    answers = {tuple(run_named(store, "linked", person=name)) for name in
               ("Qairat Zhaqsylyqov", "Kairat Zhaksylykov", "Zhaksylykov", "zhaqsylyqov", str(QAIRAT))}
    assert len(answers) == 1


def test_queries_linked_stated_ties_count_in_both_directions(store):
    rows = run_named(store, "linked", person="Mira Tobelova")
    assert cells(rows, "other_name", "link", "path", "person_role")[0] == (
        "Qairat Zhaqsylyqov", "stated tie", "Mira Tobelova is lawyer of Qairat Zhaqsylyqov", "subject")


def test_queries_linked_include_orgs_adds_organizations(store):
    rows = run_named(store, "linked", person="Qairat Zhaqsylyqov", include_orgs=True)
    assert cells(rows, "other_name", "link") == [
        ("Mira Tobelova", "stated tie"), ("Lantern Party", "stated tie"), ("Ostravel City Court", "shared event"),
        ("Ivo Dulaj", "shared event"), ("Oskar Brennyk", "shared organization"), ("Oskar Brennyk", "co-mention"),
        ("Lantern Party", "co-mention"), ("Petra Vanek", "co-mention")]
    court = cells(rows, "other_name", "path", "vias", "articles")[2]
    assert court == ("Ostravel City Court", "via a pretrial detention and a fine: Qairat Zhaqsylyqov is its "
                                            "target, Ostravel City Court is its agent", "2", "2")


def test_queries_linked_marks_a_tie_the_article_only_alleges(store):
    # the article reports Oskar's membership as a claim (ng:modality ng:Alleged on its ng:Tie)
    rows = run_named(store, "linked", person="Oskar Brennyk", include_orgs=True)
    assert ("Lantern Party", "alleged tie", "Oskar Brennyk is allegedly member of Lantern Party", T_MEMBER) in cells(
        rows, "other_name", "link", "path", "evidence")
    assert "stated tie" not in {link for name, link in cells(rows, "other_name", "link") if name == "Lantern Party"}
    # a stated tie without a modality stays stated
    rows = run_named(store, "linked", person="Qairat Zhaqsylyqov", include_orgs=True)
    assert ("Lantern Party", "stated tie") in cells(rows, "other_name", "link")


def test_queries_linked_depth_three_adds_ties_of_the_people_found(store):
    rows = run_named(store, "linked", person="Qairat Zhaqsylyqov", depth=3)
    assert cells(rows, "other_name", "link", "path", "via", "evidence")[-1] == (
        "Lena Brennyk", "tie of a linked person", "via Oskar Brennyk: Lena Brennyk is relative of Oskar Brennyk",
        str(OSKAR), S_SIBLINGS)
    assert len(rows) == len(run_named(store, "linked", person="Qairat Zhaqsylyqov")) + 1
    for bad in (1, 4):
        with pytest.raises(QueryError, match="depth"):
            run_named(store, "linked", person="Qairat Zhaqsylyqov", depth=bad)


# ---------------------------------------------------------------- the other questions

def test_queries_timeline_lists_events_in_date_order(store):
    rows = run_named(store, "timeline", person="Kairat Zhaksylykov")
    assert cells(rows, "date", "type", "role", "place_name", "charges", "penalty", "evidence", "article") == [
        ("2022", "Protest", "participant", "Brenmoor", None, None, EV3, str(A2)),
        ("2023-05-01", "PretrialDetention", "target", "Ostravel", "organizing mass riots", None, EV1, str(A1)),
        ("2023-06", "Fine", "target", None, "organizing mass riots", "fine of 500 crowns", EV2, str(A2)),
    ]
    assert "person" not in rows.vars


def test_queries_timeline_gives_one_row_per_event_told_by_several_articles():
    # what the resolution pass leaves when two articles told one detention: both classes,
    # both dates, both articles, each with its own charge and sentence
    day, month = Literal("2023-11-16", datatype=XSD.date), Literal("2023-11", datatype=XSD.gYearMonth)
    event, other = URIRef(ID + "event/x-1"), URIRef(ID + "event/x-2")
    vars_ = ["date", "type", "role", "place", "place_name", "charges", "penalty", "modality", "evidence",
             "article", "event"]

    def row(date, kind, place, charges, evidence, article, ev=event):
        return (date, Literal(kind), Literal("target"), place and URIRef(ID + "place/" + place),
                place and Literal(place), charges and Literal(charges), None, None, Literal(evidence),
                URIRef(article), ev)
    rows = Rows([row(month, "Detention", None, "fraud", "Held in November.", "a2"),
                 row(month, "PretrialDetention", None, "fraud", "Held in November.", "a2"),
                 row(day, "Detention", "Osh", "extortion", "Held on the 16th.", "a1"),
                 row(day, "PretrialDetention", "Osh", "extortion", "Held on the 16th.", "a1"),
                 row(day, "Charging", None, "extortion", "Charged on the 16th.", "a1", other)], vars_)
    out = finish_timeline(rows)
    assert out.vars == vars_
    assert cells(out, "date", "type", "place_name", "charges", "evidence", "article") == [
        ("2023-11-16", "PretrialDetention", "Osh", "fraud; extortion", "Held in November. | Held on the 16th.", "a1"),
        ("2023-11-16", "Charging", None, "extortion", "Charged on the 16th.", "a1")]


def test_queries_events_gives_one_row_per_event_told_by_several_articles():
    day, month = Literal("2023-11-16", datatype=XSD.date), Literal("2023-11", datatype=XSD.gYearMonth)
    event = URIRef(ID + "event/x-1")
    vars_ = ["date", "kind", "location", "location_name", "targets", "agents", "charges", "penalty", "modality",
             "evidence", "article", "event"]

    def row(date, kind, targets, agents, evidence, article):
        return (date, Literal(kind), None, None, Literal(targets), agents and Literal(agents), None, None, None,
                Literal(evidence), URIRef(article), event)
    rows = Rows([row(month, "Detention", "Ann Tal", None, "Held in November.", "a2"),
                 row(day, "Detention", "Ann Tal; Ivo Tal", "Police", "Held on the 16th.", "a1"),
                 row(day, "PretrialDetention", "Ann Tal; Ivo Tal", "Police", "Held on the 16th.", "a1")], vars_)
    assert cells(finish_events(rows), "date", "kind", "targets", "agents", "evidence", "article") == [
        ("2023-11-16", "PretrialDetention", "Ann Tal; Ivo Tal", "Police", "Held in November. | Held on the 16th.",
         "a1")]


@pytest.mark.parametrize("params, expected", [
    ({}, [E3, E1, E2, E4]),  # --07-04 takes its year from the article (2023-07-10)
    ({"type": "Detention"}, [E1, E4]),  # a PretrialDetention is a Detention
    ({"type": "ng:Sentencing"}, [E2]),
    ({"type": str(NG.PretrialDetention)}, [E1]),
    ({"place": "Ostravel"}, [E1, E4]),
    ({"since": "2023-05-15"}, [E2]),  # 2023-06 may be after the 15th; no year, no match
    ({"until": "2023-05"}, [E3, E1]),
    ({"since": "2023-06-15", "until": "2023-06-20"}, [E2]),
    ({"since": "2023", "until": "2023"}, [E1, E2]),
    ({"target": "Kairat Zhaksylykov"}, [E1, E2]),
    ({"agent": "Ostravel City Court"}, [E1, E2]),
    ({"type": "Detention", "place": "Ostravel", "since": "2023"}, [E1]),
    ({"target": ODD_NAME}, [E4]),
])
def test_queries_events_filters(store, params, expected):
    assert column(run_named(store, "events", **params), "event") == expected


def test_queries_events_rows(store):
    rows = run_named(store, "events", type="Detention")
    assert cells(rows, "date", "kind", "location_name", "targets", "agents", "charges", "evidence") == [
        ("2023-05-01", "PretrialDetention", "Ostravel", "Qairat Zhaqsylyqov", "Ostravel City Court",
         "organizing mass riots", EV1),
        ("--07-04", "Detention", "Ostravel", ODD_NAME, "Ostravel Police", None, EV4)]
    assert not {"type", "place", "since", "until", "target", "agent"} & set(rows.vars)


def test_queries_every_event_class_is_found_by_its_ancestors(tmp_path):
    ontology = load_ontology()
    triples = []
    for cls in event_classes():
        e = URIRef(ID + "event/" + cls.rsplit("#", 1)[-1])
        triples += [(e, RDF.type, cls), (e, NG.evidence, Literal("x")), (e, PROV.wasDerivedFrom, A1)]
    with Store.open(tmp_path / "s") as st:
        st.replace_graph(str(A1), triples)
        for cls in event_classes():
            found = {str(e).rsplit("/", 1)[-1] for e in column(run_named(st, "events", type=cls), "event")}
            expected = {str(c).rsplit("#", 1)[-1] for c in ontology.transitive_subjects(RDFS.subClassOf, cls)}
            assert found == expected, cls


def test_queries_events_reject_bad_types_and_dates(store):
    with pytest.raises(QueryError, match="did you mean Detention"):
        run_named(store, "events", type="Detentoin")
    with pytest.raises(QueryError, match="not a date"):
        run_named(store, "events", since="last May")
    with pytest.raises(QueryError, match="not a date"):
        run_named(store, "events", until='2023" } DROP ALL')


def test_queries_charges_with_the_sentence_that_followed(store):
    rows = run_named(store, "charges")
    assert cells(rows, "who_name", "charge_name", "kind", "date", "evidence", "article", "penalty",
                 "sentence_article") == [
        ("Oskar Brennyk", "hooliganism", None, None, None, str(A1), None, None),
        ("Qairat Zhaqsylyqov", "organizing mass riots", "PretrialDetention", "2023-05-01", EV1, str(A1),
         "fine of 500 crowns", str(A2)),
        ("Qairat Zhaqsylyqov", "organizing mass riots", "Fine", "2023-06", EV2, str(A2),
         "fine of 500 crowns", str(A2)),
    ]
    only = run_named(store, "charges", person="Oskar Brennyk")
    assert cells(only, "who_name", "charge_name") == [("Oskar Brennyk", "hooliganism")]


def test_queries_members_with_role_and_evidence(store):
    rows = run_named(store, "members", org="lantern party")
    assert cells(rows, "member_name", "role", "modality", "evidence", "article") == [
        ("Oskar Brennyk", "memberOf", "Alleged", T_MEMBER, str(A1)),
        ("Qairat Zhaqsylyqov", "leaderOf", None, T_LEADS, str(A1))]


def test_queries_cooccurrence_counts_pairs(store):
    rows = run_named(store, "cooccurrence")
    assert cells(rows, "a_name", "b_name", "sentences", "articles")[0] == (
        "Oskar Brennyk", "Qairat Zhaqsylyqov", "2", "2")
    assert len(rows) == 8
    assert len(run_named(store, "cooccurrence", top=3)) == 3
    assert cells(run_named(store, "cooccurrence", entity="Lena Brennyk"), "a_name", "b_name", "sentences") == [
        ("Lena Brennyk", "Oskar Brennyk", "1"), ("Ostravel City Court", "Lena Brennyk", "1")]


def test_queries_sources_lists_articles_with_the_names_used(store):
    rows = run_named(store, "sources", entity="Kairat Zhaksylykov")
    assert cells(rows, "article", "title", "published") == [
        (str(A1), "Party leader held in Ostravel", "2023-05-02"), (str(A2), "A fine and a march", "2023-07-10")]
    assert [set(str(n).split("; ")) for n in column(rows, "names")] == [
        {"Qairat Zhaqsylyqov", "Zhaqsylyqov"}, {"Zhaqsylyqov"}]
    assert column(run_named(store, "sources", entity="Brenmoor"), "article") == [A2]


# ---------------------------------------------------------------- safety and errors

@pytest.mark.parametrize("name", [ODD_NAME, "Robert'); DROP ALL", '"} <script>', "SELECT * WHERE"])
def test_queries_names_with_sparql_syntax_are_only_data(graph_path, name):
    with Store.open(graph_path) as st:  # a writer: an injected update would go through
        before = sorted(map(str, st.quads()))
        rows = run_named(st, "timeline", person=name)
        assert column(rows, "event") == [E4]
        assert column(run_named(st, "sources", entity=name), "article") == [A2]
        assert run_named(st, "linked", person=name) == []
        assert sorted(map(str, st.quads())) == before


@pytest.mark.parametrize("name", ['"} ; DROP ALL ; <x>', "'; DELETE WHERE { ?s ?p ?o }", "}}}", "<img src=x onerror=alert(1)>"])
def test_queries_unknown_names_with_sparql_syntax_raise_a_clean_error(graph_path, name):
    with Store.open(graph_path) as st:
        before = len(st)
        with pytest.raises(UnknownNameError):
            run_named(st, "linked", person=name)
        assert len(st) == before


def test_queries_ambiguous_and_unknown_names_carry_candidates(store):
    with pytest.raises(AmbiguousNameError) as ambiguous:
        run_named(store, "linked", person="Brennyk")
    assert [c.label for c in ambiguous.value.candidates] == ["Lena Brennyk", "Oskar Brennyk"]
    with pytest.raises(UnknownNameError) as unknown:
        run_named(store, "timeline", person="Mira Tobel")
    assert [c.iri for c in unknown.value.candidates][:1] == [MIRA]


def test_queries_unknown_queries_and_parameters_are_errors(store):
    with pytest.raises(QueryError, match="no query named 'linkd'.*did you mean linked"):
        run_named(store, "linkd", person="x")
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        run_named(store, "events", colour="red")
    with pytest.raises(QueryError, match="needs parameter 'person'"):
        run_named(store, "linked")
    with pytest.raises(QueryError, match="not true or false"):
        run_named(store, "linked", person="Mira Tobelova", include_orgs="perhaps")


def test_queries_library_runs_a_named_query_or_sparql(graph_path):
    rows = newsgraph.run_named(graph_path, "timeline", person="Kairat Zhaksylykov")
    assert len(rows) == 3
    assert newsgraph.run_sparql(graph_path, "ASK { ?s a ng:Person }") is True
    with pytest.raises(QueryError, match="no query named"):
        newsgraph.run_named(graph_path, "nosuchquery")
    with pytest.raises(QueryError):
        newsgraph.run_sparql(graph_path, "SELECT * { ?s ?p ?o ")


def test_queries_table_view_hides_iri_columns_that_have_names(store):
    rows = table_view(run_named(store, "members", org="Lantern Party"))
    assert rows.vars == ["member_name", "role", "modality", "evidence", "article"]
