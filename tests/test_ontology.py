"""Tests of newsgraph.ontology: the NG namespace, newsgraph.ttl, shapes.ttl and validate()."""
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from newsgraph.ontology import (
    CONTRACT_CLASSES, CONTRACT_PROPERTIES, ID_BASE, NG, ONTOLOGY_PATH, PREFIXES, RESOLUTION_GRAPH,
    SHAPES_PATH, bind_prefixes, load_ontology, load_shapes,
)
from newsgraph.ontology.terms import event_classes
from newsgraph.ontology.validate import ValidationReport, Violation, format_report, validate

DATA = Path(__file__).parent / "data" / "ontology"
ID = Namespace(ID_BASE)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")

# Written out from CONTRACT.md, independently of the package's constants.
CONTRACT_CLASS_NAMES = {"Person", "Organization", "Place", "Event", "Detention", "Charging",
                        "Sentencing", "Release", "Protest", "Election", "Violence", "Charge", "Article"}
CONTRACT_EVENT_NAMES = {"Detention", "Charging", "Sentencing", "Release", "Protest", "Election", "Violence"}
CONTRACT_PROPERTY_NAMES = {"hasTarget", "hasAgent", "hasParticipant", "winner", "place", "date",
                           "charge", "chargedWith", "penalty", "memberOf", "linkedTo", "mentionedIn",
                           "evidence"}
AUXILIARY_CLASSES = {NG.Modality, NG.Tie, NG.Sentence}  # describe statements, not things: outside the contract tree
MEMBER_TIES = {"leaderOf", "candidateOf", "employedBy", "founderOf"}
LINK_TIES = {"lawyerOf", "relativeOf", "supporterOf", "successorOf", "coDefendantOf"}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture
def wellformed() -> Graph:
    return Graph().parse(DATA / "wellformed.ttl", format="turtle")


def ng_subjects(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(NG))}


def named_classes(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}


def ng_properties(graph: Graph) -> set[URIRef]:
    return {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
            for p in graph.subjects(RDF.type, kind)}


def supers(graph: Graph, term: URIRef, via=RDFS.subClassOf) -> set[URIRef]:
    return set(graph.transitive_objects(term, via))


# ---------------------------------------------------------------- the NG namespace

def test_ontology_namespace_equals_ttl_terms(ontology):
    in_ttl = ng_subjects(ontology)
    in_class = set(dir(NG))
    assert in_ttl - in_class == set(), "defined in newsgraph.ttl but missing from NG"
    assert in_class - in_ttl == set(), "listed in NG but not defined in newsgraph.ttl"


def test_ontology_namespace_every_term_is_typed_in_ttl(ontology):
    untyped = {t for t in dir(NG) if ontology.value(t, RDF.type) is None}
    assert untyped == set()


def test_ontology_unknown_term_raises():
    assert NG.Detention == URIRef("https://w3id.org/newsgraph/ontology#Detention")
    with pytest.raises(AttributeError, match="Detentoin"):
        NG.Detentoin
    with pytest.raises(AttributeError):
        NG["hasTargets"]
    assert "Detention" in NG and "Detentoin" not in NG


def test_ontology_contract_constants_match_contract():
    assert {t.fragment for t in CONTRACT_CLASSES} == CONTRACT_CLASS_NAMES
    assert {t.fragment for t in CONTRACT_PROPERTIES} == CONTRACT_PROPERTY_NAMES


# ---------------------------------------------------------------- newsgraph.ttl

@pytest.mark.parametrize("name", sorted(CONTRACT_CLASS_NAMES))
def test_ontology_contract_class_declared(ontology, name):
    term = NG[name]
    assert (term, RDF.type, OWL.Class) in ontology
    assert ontology.value(term, RDFS.label) is not None
    assert ontology.value(term, RDFS.comment) is not None
    if name in CONTRACT_EVENT_NAMES:
        assert (term, RDFS.subClassOf, NG.Event) in ontology


@pytest.mark.parametrize("name", sorted(CONTRACT_PROPERTY_NAMES))
def test_ontology_contract_property_declared(ontology, name):
    term = NG[name]
    assert term in ng_properties(ontology)
    for predicate in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
        assert ontology.value(term, predicate) is not None, predicate


def test_ontology_every_term_labelled_and_commented(ontology):
    missing = {(t, p) for t in ng_subjects(ontology) for p in (RDFS.label, RDFS.comment)
               if ontology.value(t, p) is None}
    assert missing == set()


def test_ontology_every_property_has_domain_and_range(ontology):
    missing = {(t, p) for t in ng_properties(ontology) for p in (RDFS.domain, RDFS.range)
               if ontology.value(t, p) is None}
    assert missing == set()


def test_ontology_every_class_reaches_a_contract_class(ontology):
    contract = {NG[n] for n in CONTRACT_CLASS_NAMES}
    ng_classes = {c for c in named_classes(ontology) if c.startswith(str(NG))}
    stray = {c for c in ng_classes - AUXILIARY_CLASSES if not supers(ontology, c) & contract}
    assert stray == set()
    assert AUXILIARY_CLASSES <= ng_classes
    # the auxiliary classes must not pretend to be domain things
    assert all(not supers(ontology, c) & contract for c in AUXILIARY_CLASSES)


def test_ontology_contract_classes_aligned_to_standard_vocabularies(ontology):
    expected = {NG.Person: {SEM.Actor, SCHEMA.Person}, NG.Organization: {SEM.Actor, SCHEMA.Organization},
                NG.Place: {SEM.Place, SCHEMA.Place}, NG.Event: {SEM.Event, SCHEMA.Event},
                NG.Article: {SCHEMA.NewsArticle, PROV.Entity}, NG.Detention: {SEM.Event}}
    for term, outside in expected.items():
        assert outside <= supers(ontology, term), term


def test_ontology_roles_are_sem_actor_links(ontology):
    for role in (NG.hasTarget, NG.hasAgent, NG.hasParticipant, NG.winner):
        assert SEM.hasActor in supers(ontology, role, RDFS.subPropertyOf)
    assert SEM.hasPlace in supers(ontology, NG.place, RDFS.subPropertyOf)
    assert SEM.hasTimeStamp in supers(ontology, NG.date, RDFS.subPropertyOf)


def test_ontology_only_person_and_organization_are_actors(ontology):
    # shapes.ttl writes "Person or Organization" as sh:class sem:Actor
    actors = set(ontology.transitive_subjects(RDFS.subClassOf, SEM.Actor)) - {SEM.Actor}
    assert actors == {NG.Person, NG.Organization}


@pytest.mark.parametrize("child, parent", [
    ("PretrialDetention", "Detention"), ("AdministrativeArrest", "Detention"), ("HouseArrest", "Detention"),
    ("Conviction", "Sentencing"), ("Fine", "Sentencing"), ("Killing", "Violence"),
    ("Injury", "Violence"), ("Torture", "Violence"), ("Referendum", "Election"), ("Acquittal", "Event"),
])
def test_ontology_finer_event_class_under_parent(ontology, child, parent):
    assert (NG[child], RDFS.subClassOf, NG[parent]) in ontology


def test_ontology_acquittal_is_neither_sentencing_nor_release(ontology):
    assert not supers(ontology, NG.Acquittal) & {NG.Sentencing, NG.Release}


@pytest.mark.parametrize("name", sorted(MEMBER_TIES | LINK_TIES))
def test_ontology_tie_reaches_member_of_or_linked_to(ontology, name):
    top = NG.memberOf if name in MEMBER_TIES else NG.linkedTo
    assert top in supers(ontology, NG[name], RDFS.subPropertyOf)


def test_ontology_modality_individuals(ontology):
    members = set(ontology.subjects(RDF.type, NG.Modality))
    assert {t.fragment for t in members} == {"Asserted", "Planned", "Alleged", "Denied", "CalledFor", "Pending"}


def test_ontology_parses_in_pyoxigraph():
    for path in (ONTOLOGY_PATH, SHAPES_PATH):
        data = path.read_bytes()
        quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
        assert len(quads) == len(Graph().parse(data=data, format="turtle")), path.name


def test_ontology_event_classes(ontology):
    events = event_classes()
    assert {NG[n] for n in CONTRACT_EVENT_NAMES} | {NG.Event, NG.Killing, NG.Acquittal} <= events
    assert not events & {NG.Person, NG.Charge, NG.Modality, NG.Tie}


def test_ontology_load_returns_fresh_graphs():
    first = load_ontology()
    first.add((NG.Person, RDFS.comment, Literal("scribble")))
    assert (NG.Person, RDFS.comment, Literal("scribble")) not in load_ontology()


def test_ontology_constants():
    assert ID_BASE == "https://w3id.org/newsgraph/id/"
    assert RESOLUTION_GRAPH == "https://w3id.org/newsgraph/graph/resolution"
    assert ONTOLOGY_PATH.name == "newsgraph.ttl" and SHAPES_PATH.name == "shapes.ttl"


# ---------------------------------------------------------------- prefixes

def test_ontology_prefixes_bound_and_replace_clashes():
    assert set(PREFIXES) == {"ng", "rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms",
                             "schema", "sem", "org"}
    graph = Graph()
    graph.bind("schema", "http://schema.org/")  # the http form: ours must win
    graph.bind("ng", "http://example.org/other#")
    bind_prefixes(graph)
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    for prefix, ns in PREFIXES.items():
        assert bound[prefix] == str(ns), prefix
    graph.add((ID["person-x"], RDF.type, NG.Person))
    assert "@prefix ng: <https://w3id.org/newsgraph/ontology#> ." in graph.serialize(format="turtle")


# ---------------------------------------------------------------- shapes stay in step with the ontology

def test_ontology_shapes_cover_every_tie_property(ontology):
    shapes = load_shapes()
    ngsh = Namespace("https://w3id.org/newsgraph/shapes#")
    for top, shape in ((NG.memberOf, ngsh.MemberOfShape), (NG.linkedTo, ngsh.LinkedToShape)):
        family = set(ontology.transitive_subjects(RDFS.subPropertyOf, top))
        assert set(shapes.objects(shape, SH.targetSubjectsOf)) == family
        paths = {shapes.value(ps, SH.path) for ps in shapes.objects(shape, SH.property)}
        assert paths == family
    in_list = set(shapes.items(shapes.value(next(
        ps for ps in shapes.objects(ngsh.TieShape, SH.property)
        if shapes.value(ps, SH.path) == NG.tieProperty), SH["in"])))
    assert in_list == (set(ontology.transitive_subjects(RDFS.subPropertyOf, NG.memberOf))
                       | set(ontology.transitive_subjects(RDFS.subPropertyOf, NG.linkedTo)))


def test_ontology_shapes_use_only_known_ng_terms():
    shapes = load_shapes()
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(str(NG))}
    assert {t for t in used if t not in NG} == set()


# ---------------------------------------------------------------- validate()

def test_validate_accepts_wellformed_graph(wellformed):
    report = validate(wellformed)
    assert report.violations == []
    assert report.conforms and bool(report)
    assert format_report(report) == "Conforms: no violations."


def test_validate_does_not_change_the_input(wellformed):
    wellformed.remove((ID["event-1"], NG.evidence, None))
    before = set(wellformed)
    assert not validate(wellformed).conforms
    assert set(wellformed) == before


def drop(*pattern):
    return lambda g: g.remove(pattern)


def add(*triple):
    return lambda g: g.add(triple)


def replace(s, p, o):
    def change(g):
        g.remove((s, p, None))
        g.add((s, p, o))
    return change


# (name, change to the well-formed graph, expected (focus, path) results)
BROKEN = [
    ("two labels", add(ID["person-arman-testov"], RDFS.label, Literal("Arman Testoff")),
     {(ID["person-arman-testov"], RDFS.label)}),
    ("no label", drop(ID["place-northtown"], RDFS.label, None),
     {(ID["place-northtown"], RDFS.label)}),
    ("label not a string", replace(ID["org-free-steppe"], RDFS.label, Literal(7)),
     {(ID["org-free-steppe"], RDFS.label)}),
    ("altLabel not a string", add(ID["org-free-steppe"], SKOS.altLabel, ID["place-northtown"]),
     {(ID["org-free-steppe"], SKOS.altLabel)}),
    ("entity never mentioned", drop(ID["person-mira-sample"], NG.mentionedIn, None),
     {(ID["person-mira-sample"], NG.mentionedIn)}),
    ("event without evidence", drop(ID["event-3"], NG.evidence, None),
     {(ID["event-3"], NG.evidence)}),
    ("subclass event without evidence", drop(ID["event-1"], NG.evidence, None),
     {(ID["event-1"], NG.evidence)}),
    ("event without source", drop(ID["event-4"], PROV.wasDerivedFrom, None),
     {(ID["event-4"], PROV.wasDerivedFrom)}),
    ("source not an article", replace(ID["event-4"], PROV.wasDerivedFrom, ID["person-mira-sample"]),
     {(ID["event-4"], PROV.wasDerivedFrom)}),
    ("date as plain string", replace(ID["event-1"], NG.date, Literal("2031-03-03")),
     {(ID["event-1"], NG.date)}),
    ("date as dateTime", replace(ID["event-1"], NG.date, Literal("2031-03-03T10:00:00", datatype=XSD.dateTime)),
     {(ID["event-1"], NG.date)}),
    ("impossible month-day", replace(ID["event-3"], NG.date, Literal("--13-40", datatype=XSD.gMonthDay)),
     {(ID["event-3"], NG.date)}),
    ("two-digit year", replace(ID["event-4"], NG.date, Literal("30", datatype=XSD.gYear)),
     {(ID["event-4"], NG.date)}),
    ("target that is a place", add(ID["event-1"], NG.hasTarget, ID["place-northtown"]),
     {(ID["event-1"], NG.hasTarget)}),
    ("agent that is a charge", add(ID["event-3"], NG.hasAgent, ID["charge-unsanctioned-rally"]),
     {(ID["event-3"], NG.hasAgent)}),
    ("place that is a person", replace(ID["event-3"], NG.place, ID["person-mira-sample"]),
     {(ID["event-3"], NG.place)}),
    ("event without type", drop(ID["event-3"], RDF.type, None),
     {(ID["event-3"], None)}),
    ("member of a place", add(ID["person-mira-sample"], NG.employedBy, ID["place-northtown"]),
     {(ID["person-mira-sample"], NG.employedBy)}),
    ("organization linked to a person", add(ID["org-free-steppe"], NG.supporterOf, ID["person-mira-sample"]),
     {(ID["org-free-steppe"], None)}),
    ("charge that is a string", replace(ID["person-arman-testov"], NG.chargedWith, Literal("riots")),
     {(ID["person-arman-testov"], NG.chargedWith)}),
    ("article with two titles", add(ID["article-1"], DCTERMS.title, Literal("Another title")),
     {(ID["article-1"], DCTERMS.title)}),
    ("confidence above one", replace(ID["person-arman-testov"], NG.confidence, Literal(Decimal("1.5"))),
     {(ID["person-arman-testov"], NG.confidence)}),
    ("confidence as float", replace(ID["person-arman-testov"], NG.confidence, Literal(0.5)),
     {(ID["person-arman-testov"], NG.confidence)}),
    ("two modalities", add(ID["event-3"], NG.modality, NG.Alleged),
     {(ID["event-3"], NG.modality)}),
    ("negative target count", replace(ID["event-3"], NG.targetCount, Literal(-2)),
     {(ID["event-3"], NG.targetCount)}),
    ("tie without evidence", drop(ID["tie-1"], NG.evidence, None),
     {(ID["tie-1"], NG.evidence)}),
    ("tie with a foreign property", replace(ID["tie-1"], NG.tieProperty, NG.hasTarget),
     {(ID["tie-1"], NG.tieProperty)}),
]


@pytest.mark.parametrize("change, expected", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_validate_reports_broken_graph(wellformed, change, expected):
    change(wellformed)
    report = validate(wellformed)
    assert not report.conforms
    assert {(v.focus, v.path) for v in report.violations} == expected
    assert all(v.severity == "Violation" and v.message for v in report.violations)


def test_validate_reports_offending_value(wellformed):
    wellformed.add((ID["event-1"], NG.hasTarget, ID["place-northtown"]))
    [violation] = validate(wellformed).violations
    assert violation == Violation(focus=ID["event-1"], path=NG.hasTarget,
                                  message="ng:hasTarget must point to an ng:Person or ng:Organization",
                                  severity="Violation", value=ID["place-northtown"])


def test_validate_format_report_one_line_per_violation(wellformed):
    wellformed.remove((ID["event-3"], NG.evidence, None))
    wellformed.add((ID["person-mira-sample"], RDFS.label, Literal("M. Sample")))
    report = validate(wellformed)
    lines = format_report(report).splitlines()
    assert len(lines) == len(report.violations) == 2
    assert lines[0] == ("Violation <https://w3id.org/newsgraph/id/event-3> ng:evidence "
                        "an event needs at least one ng:evidence sentence")
    assert lines[1].startswith("Violation <https://w3id.org/newsgraph/id/person-mira-sample> rdfs:label ")


def test_validate_dataset_checks_the_union_of_graphs(wellformed):
    dataset = Dataset()
    people = dataset.graph(URIRef("urn:test:people"))
    rest = dataset.graph(URIRef(RESOLUTION_GRAPH))
    for triple in wellformed:
        (people if triple[1] == RDFS.label else rest).add(triple)
    assert validate(dataset).conforms
    rest.remove((ID["event-2"], PROV.wasDerivedFrom, None))
    assert {(v.focus, v.path) for v in validate(dataset).violations} == {(ID["event-2"], PROV.wasDerivedFrom)}


def test_validate_pyoxigraph_store(wellformed):
    store = pyoxigraph.Store()
    store.load(wellformed.serialize(format="nt").encode(), format=pyoxigraph.RdfFormat.N_TRIPLES,
               to_graph=pyoxigraph.NamedNode("urn:test:g"))
    assert validate(store).conforms
    store.remove(pyoxigraph.Quad(pyoxigraph.NamedNode(ID["person-mira-sample"]),
                                 pyoxigraph.NamedNode(str(NG.mentionedIn)),
                                 pyoxigraph.NamedNode(ID["article-1"]),
                                 pyoxigraph.NamedNode("urn:test:g")))
    assert [v.focus for v in validate(store).violations] == [ID["person-mira-sample"]]


def test_validate_rejects_what_is_not_a_graph():
    with pytest.raises(TypeError, match="not str"):
        validate("graph.ttl")


def test_validate_empty_graph_conforms():
    assert validate(Graph()) == ValidationReport(conforms=True, violations=[])
