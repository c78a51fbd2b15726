import datetime as dt

import pytest
from rdflib.namespace import PROV, RDF, RDFS

from newsgraph.errors import RuleError
from newsgraph.loaders.article import Article
from newsgraph.loaders.entities import find_entities
from newsgraph.loaders.events import extract_events, find_events, trigger_rules
from newsgraph.loaders.nlp import load_nlp
from newsgraph.ontology import NG

DATE = dt.date(2024, 5, 20)


def events(text, date=DATE):
    article = Article(text=text, date=date)
    doc = load_nlp()(article.full_text)
    return find_events(doc, find_entities(doc), article)


def labels(ents):
    return sorted(e.label for e in ents)


def one(text, etype, date=DATE):
    found = [e for e in events(text, date) if e.type == etype]
    assert found, f"no {etype} in {text!r}"
    return found[0]


def test_events_rules_load_and_name_known_classes():
    rules = trigger_rules()
    assert {r["event"] for r in rules} == {"Detention", "Charging", "Sentencing", "Release", "Protest", "Election", "Violence"}
    assert all(r["class"] in NG for r in rules)


def test_events_rules_reject_unknown_class(monkeypatch):
    from newsgraph.loaders import events as mod
    bad = [{"id": "x.v1", "event": "Detentoin", "lemma": "detain", "class": "Detentoin"}]
    monkeypatch.setattr(mod, "read_jsonl_rules", lambda *a, **k: bad)
    mod.trigger_rules.cache_clear()
    try:
        with pytest.raises(RuleError):
            mod.trigger_rules()
    finally:
        mod.trigger_rules.cache_clear()


def test_events_passive_coordination_place_date():
    ev = one("Opposition activists Nurlan Sadykov and Aizhan Toktogulova were detained in Bishkek on Thursday.", "Detention")
    assert labels(ev.targets) == ["Aizhan Toktogulova", "Nurlan Sadykov"]
    assert labels(ev.places) == ["Bishkek"]
    assert [str(d) for d in ev.dates] == ["2024-05-16"]


def test_events_date_without_article_year_is_month_day():
    ev = one("Opposition activists Nurlan Sadykov and Aizhan Toktogulova were detained in Bishkek on November 17.", "Detention", None)
    assert [str(d) for d in ev.dates] == ["--11-17"]


def test_events_sentence_name_list_and_penalty():
    ev = one("A court in Minsk sentenced Ales Haurylenka, Volha Zhuk, Siarhei Lapun and Iryna Kavalenka "
             "to 15 days of administrative arrest.", "Sentencing")
    assert labels(ev.targets) == ["Ales Haurylenka", "Iryna Kavalenka", "Siarhei Lapun", "Volha Zhuk"]
    assert ev.penalties[0][:2] == ("15 days of administrative arrest", 15)


def test_events_by_agent_and_charge():
    ev = one("Journalist Bakyt Osmonov was arrested by the State Committee for National Security "
             "on charges of organizing mass riots.", "Detention")
    assert labels(ev.targets) == ["Bakyt Osmonov"]
    assert labels(ev.agents) == ["State Committee for National Security"]
    assert ev.charges == {"organizing mass riots"}


def test_events_fine_with_org_subject_as_agent():
    ev = one("The Osh City Court fined Timur Abdrakhmanov 50,000 soms.", "Sentencing")
    assert ev.classes == {"Fine"}
    assert labels(ev.targets) == ["Timur Abdrakhmanov"] and labels(ev.agents) == ["Osh City Court"]
    assert ev.penalties[0][0] == "50,000 soms"


def test_events_charged_with_gives_charge_triples():
    text = "Prosecutors charged Dilnoza Yusupova with insulting the president."
    article = Article(text=text)
    doc = load_nlp()(text)
    triples = extract_events(doc, find_entities(doc), article)
    charges = [o for s, p, o in triples if p == NG.chargedWith]
    assert len(charges) == 1
    assert [str(o) for s, p, o in triples if p == RDFS.label] == ["insulting the president"]
    assert any(p == RDF.type and o == NG.Charging for s, p, o in triples)


def test_events_release_protest_election_violence():
    assert labels(one("Blogger Rustam Ergashev was released on Monday.", "Release").targets)
    prot = [e for e in events("Hundreds of people rallied in Tashkent as Farrukh Nazarov took part in the protest.") if e.participants]
    assert labels(prot[0].participants) == ["Farrukh Nazarov"]
    el = one("Kanat Bekov won the presidential election in Kyrgyzstan.", "Election")
    assert labels(el.winners) == ["Kanat Bekov"] and labels(el.places) == ["Kyrgyzstan"]
    assert one("Erlan Usenov was killed on Sunday.", "Violence").classes == {"Killing"}


def test_events_modality_planned_and_alleged():
    assert one("The opposition party plans to hold a rally in Osh next month.", "Protest").modality == "Planned"
    assert one("Police allegedly beat Almaz Kadyrov.", "Violence").modality == "Alleged"


def test_events_merge_same_targets_across_sentences():
    evs = events("Aibek Toktomushev was detained in Osh on Monday. Later, Aibek Toktomushev was arrested again.")
    assert len([e for e in evs if e.type == "Detention"]) == 1


def test_events_triples_have_provenance_and_evidence():
    text = "Opposition activists Nurlan Sadykov and Aizhan Toktogulova were detained in Bishkek on Thursday."
    article = Article(text=text)
    doc = load_nlp()(text)
    triples = extract_events(doc, find_entities(doc), article)
    node = next(s for s, p, o in triples if p == RDF.type)
    assert str(node).startswith("https://w3id.org/newsgraph/id/event/" + article.key)
    preds = {p for s, p, o in triples if s == node}
    assert {NG.evidence, NG.trigger, NG.hasTarget, NG.place, PROV.wasDerivedFrom} <= preds
