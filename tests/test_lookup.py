"""Name lookup: any name form, case-, diacritics- and transliteration-insensitive, surname
alone, fuzzy; unknown and ambiguous names raise errors with candidates. People invented."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from newsgraph.errors import QueryError
from newsgraph.graph.store import Store
from newsgraph.ontology import NG, RESOLUTION_GRAPH
from newsgraph.queries.lookup import (AmbiguousNameError, NameLookupError, UnknownNameError, find_entity,
                                      load_names, lookup_entity)

ID = "https://w3id.org/newsgraph/id/"
ART = "https://w3id.org/newsgraph/article/00000000000000b1"
QAIRAT = URIRef(ID + "person/qairat-zhaqsylyqov")
MIRA = URIRef(ID + "person/mira-tobelova")
OSKAR = URIRef(ID + "person/oskar-brennyk")
LENA = URIRef(ID + "person/lena-brennyk")
ZOFIA = URIRef(ID + "person/zofia-kralova")
PARTY = URIRef(ID + "org/lantern-party")
OSTRAVEL = URIRef(ID + "place/ostravel")
ENTITIES = {
    QAIRAT: (NG.Person, "Qairat Zhaqsylyqov", ["Qairat Zhaqsylyqov", "Zhaqsylyqov"]),
    MIRA: (NG.Person, "Mira Tobelova", ["Mira Tobelova"]),
    OSKAR: (NG.Person, "Oskar Brennyk", ["Oskar Brennyk"]),
    LENA: (NG.Person, "Lena Brennyk", ["Lena Brennyk"]),
    ZOFIA: (NG.Person, "Zofia Králová", ["Zofia Králová"]),
    PARTY: (NG.Organization, "Lantern Party", ["Lantern Party", "LP"]),
    OSTRAVEL: (NG.Place, "Ostravel", ["Ostravel"]),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("lookup") / "store"
    with Store.open(path) as st:
        triples = []
        for iri, (kind, _label, names) in ENTITIES.items():
            triples += [(iri, RDF.type, kind), (iri, NG.mentionedIn, URIRef(ART))]
            triples += [(iri, SKOS.altLabel, Literal(n)) for n in names]
        st.replace_graph(ART, triples)
        st.replace_graph(RESOLUTION_GRAPH, [(iri, RDFS.label, Literal(label))
                                            for iri, (_k, label, _n) in ENTITIES.items()])
    with Store.open(path, read_only=True) as st:
        yield st


@pytest.mark.parametrize("name, how", [
    ("Qairat Zhaqsylyqov", "label"),
    ("qairat zhaqsylyqov", "label"),
    ("Kairat Zhaksylykov", "label"),  # transliteration variant
    ("Кайрат Жаксылыков", "label"),  # Cyrillic
    ("  QAIRAT   ZHAQSYLYQOV ", "label"),
    ("Zhaksylykov", "name"),  # an altLabel, transliterated
    ("Qairat", "part"),
    ("Qairat Zhaqsylyqv", "fuzzy"),
    (str(QAIRAT), "iri"),
])
def test_lookup_finds_a_person_by_any_form_of_the_name(store, name, how):
    match = lookup_entity(store, name, "person")
    assert (match.iri, match.how, match.label) == (QAIRAT, how, "Qairat Zhaqsylyqov")
    assert find_entity(store, name, kinds="person") == QAIRAT


def test_lookup_ignores_diacritics_and_case(store):
    assert find_entity(store, "ZOFIA KRALOVA") == ZOFIA
    assert find_entity(store, "kralova") == ZOFIA


def test_lookup_surname_alone(store):
    match = lookup_entity(store, "Tobelova")
    assert (match.iri, match.how, match.matched) == (MIRA, "part", "Mira Tobelova")
    assert not match.exact


def test_lookup_exact_matches_are_marked_exact(store):
    assert lookup_entity(store, "mira tobelova").exact
    assert not lookup_entity(store, "Kairat Zhaksylykov").exact


def test_lookup_respects_kinds(store):
    assert find_entity(store, "Ostravel", kinds="place") == OSTRAVEL
    assert find_entity(store, "LP", kinds="org") == PARTY
    assert find_entity(store, "lantern party", kinds="actor") == PARTY
    with pytest.raises(UnknownNameError, match="no person named 'Ostravel'"):
        find_entity(store, "Ostravel", kinds="person")
    with pytest.raises(UnknownNameError, match="with IRI"):
        find_entity(store, str(OSTRAVEL), kinds="person")
    with pytest.raises(QueryError, match="unknown entity kind"):
        find_entity(store, "Ostravel", kinds="colour")


def test_lookup_ambiguous_name_lists_every_candidate(store):
    with pytest.raises(AmbiguousNameError) as err:
        find_entity(store, "Brennyk")
    assert [(c.label, c.kind, c.iri) for c in err.value.candidates] == [
        ("Lena Brennyk", "person", LENA), ("Oskar Brennyk", "person", OSKAR)]
    assert "did you mean: Lena Brennyk, Oskar Brennyk" in str(err.value)


def test_lookup_unknown_name_suggests_the_closest(store):
    with pytest.raises(UnknownNameError) as err:
        find_entity(store, "Mira Tobel")
    assert err.value.candidates[0].iri == MIRA
    with pytest.raises(UnknownNameError) as nothing:
        find_entity(store, "Xavier Quintillion")
    assert nothing.value.candidates == []
    with pytest.raises(UnknownNameError):
        find_entity(store, "")


def _count_queries(monkeypatch) -> list:
    calls = []
    real = Store.query

    def counting(self, *args, **kwargs):
        calls.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "query", counting)
    return calls


def test_lookup_reads_the_names_with_one_query_without_a_side_index(store, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    monkeypatch.setattr(Store, "index", lambda self: None)  # a store without its side index (a server's)
    calls = _count_queries(monkeypatch)
    find_entity(store, "Mira Tobel" + "ova")
    assert len(calls) == 1
    names = load_names(store)
    calls.clear()
    find_entity(store, "Lena Brennyk", names=names)
    assert calls == []


def test_lookup_from_the_side_index_runs_no_query(store, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    calls = _count_queries(monkeypatch)
    assert store.index() is not None
    assert find_entity(store, "Mira Tobel" + "ova") == MIRA and find_entity(store, "lantern party") == PARTY
    with pytest.raises(AmbiguousNameError) as both:
        find_entity(store, "Brennyk")
    assert calls == []
    assert [c.iri for c in both.value.candidates] == [LENA, OSKAR]
    assert find_entity(store, "Mira Tobelv") == MIRA  # a near miss: every name is read, from the index too
    assert calls == []


@pytest.mark.parametrize("name", ["Qairat Zhaqsylyqov", "Кайрат Жаксылыков", "Zhaksylykov", "Qairat", "Brennyk",
                                  "Lena", "LP", "lantern", "Ostravel", "Králová", "Qairat Zhaqsylyqv", "Nobody Here",
                                  "party lantern", ""])
@pytest.mark.parametrize("kinds", ["entity", "person", "actor"])
def test_lookup_from_the_side_index_is_the_lookup_over_every_name(store, name, kinds):
    def outcome(**names):
        try:
            return lookup_entity(store, name, kinds, **names)
        except NameLookupError as exc:
            return type(exc).__name__, exc.message, [(c.iri, c.label, c.kind) for c in exc.candidates]

    assert outcome() == outcome(names=load_names(store))


def test_lookup_keeps_the_names_until_the_store_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(Store, "index", lambda self: None)  # the names cache of a store without a side index
    path, person, other = tmp_path / "store", URIRef(ID + "person/ada-quist"), URIRef(ID + "person/ivo-marr")
    with Store.open(path) as st:
        st.replace_graph(ART, [(person, RDF.type, NG.Person), (person, SKOS.altLabel, Literal("Ada Quist"))])
    calls = _count_queries(monkeypatch)
    for name in ("Ada Quist", "Quist", "ada quist"):  # one query command after another, as the CLI opens it
        with Store.open(path, read_only=True) as st:
            assert find_entity(st, name) == person
    assert len(calls) == 1  # the names were read once, then came from the cache
    with Store.open(path) as st:  # a write: the next look-up reads the names again and finds the newcomer
        st.replace_graph(ART + "-2", [(other, RDF.type, NG.Person), (other, SKOS.altLabel, Literal("Ivo Marr"))])
    with Store.open(path, read_only=True) as st:
        assert find_entity(st, "Ivo Marr") == other and len(calls) == 2
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")  # no cache: every look-up reads the names
    with Store.open(path, read_only=True) as st:
        assert find_entity(st, "Ivo Marr") == other and len(calls) == 3


def test_lookup_finds_a_name_written_since_without_reading_every_name(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    path, person, other = tmp_path / "store", URIRef(ID + "person/ada-quist"), URIRef(ID + "person/ivo-marr")
    with Store.open(path) as st:
        st.replace_graph(ART, [(person, RDF.type, NG.Person), (person, SKOS.altLabel, Literal("Ada Quist"))])
    calls = _count_queries(monkeypatch)
    with Store.open(path, read_only=True) as st:
        assert find_entity(st, "Ada Quist") == person
    with Store.open(path) as st:  # a write: the side index follows it
        st.replace_graph(ART + "-2", [(other, RDF.type, NG.Person), (other, SKOS.altLabel, Literal("Ivo Marr"))])
    with Store.open(path, read_only=True) as st:
        assert find_entity(st, "Ivo Marr") == other
    with Store.open(path) as st:
        st.remove_graph(ART)
    with Store.open(path, read_only=True) as st:
        with pytest.raises(UnknownNameError):
            find_entity(st, "Ada Quist")
    assert calls == []  # the last look-up, which found no name, read every name from the index (step 4)


def test_lookup_after_a_cli_write_reads_no_names_and_finds_the_newcomer(tmp_path, monkeypatch):
    """A CLI write leaves the side index in step with the store: the next look-up reads no name
    from the store, and finds a name the write added (no refresh of a cache after the write)."""
    from click.testing import CliRunner

    from newsgraph.cli import cli

    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    path, person, other = tmp_path / "store", URIRef(ID + "person/ada-quist"), URIRef(ID + "person/ivo-marr")
    with Store.open(path) as st:
        st.replace_graph(ART, [(person, RDF.type, NG.Person), (person, SKOS.altLabel, Literal("Ada Quist"))])
    result = CliRunner().invoke(cli, ["--store", str(path), "resolve"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    calls = _count_queries(monkeypatch)
    with Store.open(path, read_only=True) as st:  # resolve gave her the IRI of her canonical name
        assert find_entity(st, "Ada Quist").startswith(ID + "person/")
    with Store.open(path) as st:
        st.replace_graph(ART + "-2", [(other, RDF.type, NG.Person), (other, SKOS.altLabel, Literal("Ivo Marr"))])
    with Store.open(path, read_only=True) as st:
        assert find_entity(st, "Ivo Marr") == other
    assert calls == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_lookup_any_text_either_matches_or_raises_a_lookup_error(store, text):
    try:
        assert find_entity(store, text) in ENTITIES
    except NameLookupError as exc:
        assert str(exc).strip()
