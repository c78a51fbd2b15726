"""The cross-article event pass, on small stores built from triples in the test (invented people)."""
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from newsgraph.graph.merge_events import merge_events, same_date
from newsgraph.graph.store import Store
from newsgraph.ontology import ID_BASE, NG

ART = "https://w3id.org/newsgraph/article/"
PERSON = URIRef(ID_BASE + "person/ivan-sokolov")
OTHER = URIRef(ID_BASE + "person/pavel-orlov")
OSH = URIRef(ID_BASE + "place/osh")
BISHKEK = URIRef(ID_BASE + "place/bishkek")
KYRGYZSTAN = URIRef(ID_BASE + "place/kyrgyzstan")
COURT = URIRef(ID_BASE + "org/osh-city-court")


def event(article: str, n: int, cls=NG.Detention, targets=(PERSON,), date=None, place=None, modality=None,
          agents=(), participants=(), count=None, days=None, sentence="A sentence."):
    node = URIRef(f"{ID_BASE}event/{article}-{n}")
    out = [(node, RDF.type, cls), (node, PROV.wasDerivedFrom, URIRef(ART + article)),
           (node, NG.evidence, Literal(sentence))]
    out += [(node, NG.hasTarget, t) for t in targets]
    out += [(node, NG.hasAgent, a) for a in agents]
    out += [(node, NG.hasParticipant, p) for p in participants]
    if date:
        dtype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(date), XSD.gMonthDay)
        out.append((node, NG.date, Literal(date, datatype=dtype)))
    if place is not None:
        out.append((node, NG.place, place))
    if modality is not None:
        out.append((node, NG.modality, modality))
    if count is not None:
        out.append((node, NG.targetCount, Literal(count, datatype=XSD.nonNegativeInteger)))
    if days is not None:
        out.append((node, NG.penaltyDays, Literal(days, datatype=XSD.integer)))
    return out


def places():
    return [(OSH, RDF.type, NG.Place), (OSH, RDFS.label, Literal("Osh")),
            (BISHKEK, RDF.type, NG.Place), (BISHKEK, RDFS.label, Literal("Bishkek")),
            (KYRGYZSTAN, RDF.type, NG.Place), (KYRGYZSTAN, RDFS.label, Literal("Kyrgyzstan"))]


def build(path, graphs: dict, order=None):
    store = Store.open(path)
    for name in order or sorted(graphs):
        store.replace_graph(ART + name, graphs[name] + places())
    return store


def sources(store, node) -> set:
    return {str(o) for o in store.query(f"SELECT ?o WHERE {{ <{node}> <{PROV.wasDerivedFrom}> ?o }}").__iter__()
            for o in o}


def event_nodes(store) -> set:
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ ?e <{PROV.wasDerivedFrom}> ?a }}")
    return {str(r[0]) for r in rows}


def test_merge_events_same_target_and_compatible_dates_become_one_node(tmp_path):
    store = build(tmp_path / "s", {"aaa": event("aaa", 1, date="2023-11-16", place=OSH, sentence="First report."),
                                   "bbb": event("bbb", 1, date="2023-11", place=OSH, sentence="Second report.")})
    try:
        assert merge_events(store) == 1
        assert event_nodes(store) == {f"{ID_BASE}event/aaa-1"}
        node = f"{ID_BASE}event/aaa-1"
        assert sources(store, node) == {ART + "aaa", ART + "bbb"}
        evidence = {str(r[0]) for r in store.query(f"SELECT ?v WHERE {{ <{node}> <{NG.evidence}> ?v }}")}
        assert evidence == {"First report.", "Second report."}
        assert merge_events(store) == 0  # idempotent
    finally:
        store.close()


def test_merge_events_does_not_depend_on_ingest_order(tmp_path):
    graphs = {"aaa": event("aaa", 1, date="2023-11-16"), "bbb": event("bbb", 1, date="--11-16"),
              "ccc": event("ccc", 1, date="2023-11-16", agents=(COURT,))}
    results = []
    for i, order in enumerate((["aaa", "bbb", "ccc"], ["ccc", "bbb", "aaa"])):
        store = build(tmp_path / f"s{i}", graphs, order)
        try:
            merge_events(store)
            results.append(sorted((str(s), str(p), str(o), str(g)) for s, p, o, g in store.quads()))
        finally:
            store.close()
    assert results[0] == results[1]


def test_merge_events_keeps_different_events_apart(tmp_path):
    store = build(tmp_path / "s", {
        "aaa": event("aaa", 1, date="2023-11-16") + event("aaa", 2, targets=(OTHER,), date="2023-11-16"),
        "bbb": event("bbb", 1, date="2023-11-17")                       # another day
        + event("bbb", 2, targets=(OTHER,), date="2023-11-16", modality=NG.Planned)  # only planned
        + event("bbb", 3, cls=NG.Release, date="2023-11-16"),          # another type
    })
    try:
        assert merge_events(store) == 0
        assert len(event_nodes(store)) == 5
    finally:
        store.close()


def test_merge_events_never_merges_two_events_of_one_article(tmp_path):
    store = build(tmp_path / "s", {"aaa": event("aaa", 1, date="2023-11-16") + event("aaa", 2, date="2023-11-16")})
    try:
        assert merge_events(store) == 0
    finally:
        store.close()


def test_merge_events_needs_one_more_agreement_than_the_target(tmp_path):
    store = build(tmp_path / "s", {"aaa": event("aaa", 1), "bbb": event("bbb", 1)})
    try:
        assert merge_events(store) == 0  # undated, unplaced, nothing else: two arrests of one man may differ
    finally:
        store.close()


def test_merge_events_city_fits_its_country_and_subclass_fits_type(tmp_path):
    store = build(tmp_path / "s", {
        "aaa": event("aaa", 1, cls=NG.PretrialDetention, date="2023-11-16", place=OSH),
        "bbb": event("bbb", 1, date="2023-11-16", place=KYRGYZSTAN),
        "ccc": event("ccc", 1, date="2023-11-16", place=BISHKEK, targets=(OTHER,)),
    })
    try:
        assert merge_events(store) == 1
        assert event_nodes(store) == {f"{ID_BASE}event/aaa-1", f"{ID_BASE}event/ccc-1"}
    finally:
        store.close()


def test_merge_events_votes_and_protests_need_date_and_place(tmp_path):
    vote = dict(cls=NG.Election, targets=())
    store = build(tmp_path / "s", {
        "aaa": event("aaa", 1, date="2025-10-05", place=KYRGYZSTAN, participants=(PERSON,), **vote)
        + event("aaa", 2, cls=NG.Protest, targets=(), participants=(OTHER,)),
        "bbb": event("bbb", 1, date="2025-10", place=KYRGYZSTAN, participants=(OTHER,), **vote)
        + event("bbb", 2, cls=NG.Protest, targets=(), participants=(OTHER,)),
    })
    try:
        assert merge_events(store) == 1  # the vote (candidates differ); the undated protests stay apart
        assert f"{ID_BASE}event/aaa-1" in event_nodes(store) and f"{ID_BASE}event/bbb-1" not in event_nodes(store)
    finally:
        store.close()


def test_merge_events_conflicting_counts_or_penalties_stay_apart(tmp_path):
    store = build(tmp_path / "s", {
        "aaa": event("aaa", 1, cls=NG.Sentencing, date="2023-11-16", days=15),
        "bbb": event("bbb", 1, cls=NG.Sentencing, date="2023-11-16", days=10),
    })
    try:
        assert merge_events(store) == 0
    finally:
        store.close()


def test_merge_events_same_date_reads_partial_dates():
    assert same_date("2023-11", "2023-11-16") and same_date("--11-16", "2021-11-16") and same_date("2023", "2023-05")
    assert not same_date("2023-11-16", "2023-11-17") and not same_date("2022", "2023-05")


def _merged_and_tests(store, monkeypatch) -> tuple[int, int]:
    """What merge_events returns for the store, and how many pairs of event and group it tested."""
    import newsgraph.graph.merge_events as me

    tests = []
    real = me._compatible
    monkeypatch.setattr(me, "_compatible", lambda a, b, codes: tests.append(1) or real(a, b, codes))
    return merge_events(store), len(tests)


def test_merge_events_compares_only_events_that_share_a_target(tmp_path, monkeypatch):
    """A store of many articles, each detaining other people: the pass tests an event only against
    the groups naming one of its targets (or, for a vote or protest, none), not every earlier one,
    and still merges the two reports of one detention."""
    graphs = {f"a{i:03d}": event(f"a{i:03d}", 1, targets=(URIRef(f"{ID_BASE}person/invented-{i}"),),
                                 date="2024-03-01", place=OSH) for i in range(300)}
    graphs["b000"] = event("b000", 1, targets=(URIRef(f"{ID_BASE}person/invented-7"),), date="2024-03-01",
                           place=OSH)
    graphs["c000"] = event("c000", 1, cls=NG.Protest, targets=(), date="2024-03-02", place=BISHKEK)
    store = build(tmp_path / "s", graphs)
    merged, tests = _merged_and_tests(store, monkeypatch)
    assert merged == 1
    assert tests <= 5  # every pair of 302 events would be tens of thousands of tests
    merged = URIRef(f"{ID_BASE}event/a007-1")
    assert sources(store, merged) == {ART + "a007", ART + "b000"}


def test_merge_events_leaves_out_of_comparison_events_without_target_that_miss_a_date_or_place(tmp_path, monkeypatch):
    """Protests that name no one and say only when (or only where) can never be one event, so the
    pass does not test them against each other; two that say when and where still merge."""

    graphs = {f"p{i:03d}": event(f"p{i:03d}", 1, cls=NG.Protest, targets=(), date="2024-03-02")
              for i in range(150)}
    graphs.update({f"q{i:03d}": event(f"q{i:03d}", 1, cls=NG.Protest, targets=(), place=OSH) for i in range(150)})
    graphs["r000"] = event("r000", 1, cls=NG.Protest, targets=(), date="2024-03-05", place=BISHKEK)
    graphs["r001"] = event("r001", 1, cls=NG.Protest, targets=(), date="2024-03-05", place=BISHKEK)
    store = build(tmp_path / "s", graphs)
    try:
        merged, tests = _merged_and_tests(store, monkeypatch)
        assert merged == 1
        assert tests <= 2  # every pair of the 300 others would be about 45,000 tests
        assert sources(store, URIRef(f"{ID_BASE}event/r000-1")) == {ART + "r000", ART + "r001"}
    finally:
        store.close()


def test_merge_events_compares_a_dated_event_only_with_groups_of_its_day(tmp_path, monkeypatch):
    """One person detained on 200 different days, each reported once, and one day reported twice:
    a report of a day is tested only against the groups of that day (or of no day), not against
    every earlier detention of that person, and the two reports of one day still merge."""

    person = URIRef(f"{ID_BASE}person/invented-many")
    graphs = {f"a{i:03d}": event(f"a{i:03d}", 1, targets=(person,), date=f"20{10 + i // 12}-{1 + i % 12:02d}-15",
                                 place=OSH) for i in range(200)}
    graphs["b000"] = event("b000", 1, targets=(person,), date="2012-05-15", place=OSH)
    store = build(tmp_path / "s", graphs)
    try:
        merged, tests = _merged_and_tests(store, monkeypatch)
        assert merged == 1
        assert tests <= 3  # against every earlier detention of the person: about 20,000 tests
        assert sources(store, URIRef(f"{ID_BASE}event/a028-1")) == {ART + "a028", ART + "b000"}
    finally:
        store.close()


def test_merge_events_index_gives_the_first_fit_of_testing_every_group():
    """The grouping through the index by target and day gives what testing each event against
    every earlier group in order gives, on events with full, partial, missing and two dates."""
    import random

    import newsgraph.graph.merge_events as me

    def first_fit(events, codes):  # the rule itself: every earlier group, in the order made
        mapping, groups = {}, []
        for iri in sorted(events):
            ev = events[iri]
            for rep, agg in groups:
                if frozenset(agg.types) == frozenset(ev.types) and me._compatible(agg, ev, codes):
                    agg.absorb(ev)
                    mapping[iri] = rep
                    break
            else:
                agg = me._Event(iri)
                agg.absorb(ev)
                groups.append((iri, agg))
        return mapping

    rng = random.Random(5)
    dates = ["2023-11-16", "2023-11-17", "2023-11", "2023", "--11-16", "2024-01-02"]

    def events():
        out = {}
        for n in range(400):
            ev = me._Event(f"e{n:04d}", types={rng.choice(["Detention", "Release"])}, articles={f"a{rng.randint(0, 150)}"},
                           targets=set(rng.sample(["p1", "p2", "p3", "p4"], rng.choice([1, 1, 2]))),
                           dates=set(rng.sample(dates, rng.choice([0, 1, 1, 1, 2]))),
                           places=set(rng.sample(["osh", "bishkek"], rng.choice([0, 1]))))
            out[ev.iri] = ev
        return out

    seen = 0
    for _ in range(5):
        state = rng.getstate()
        expected = first_fit(events(), {})
        rng.setstate(state)
        assert me._groups(events(), {}) == expected
        seen += len(expected)
    assert seen > 100  # the events do merge, often
