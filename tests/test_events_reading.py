"""Event readings added for real news (issue #14), each on a sentence written for this test with invented people."""
import datetime as dt

import pytest

from newsgraph.loaders.article import Article
from newsgraph.loaders.entities import find_entities
from newsgraph.loaders.events import find_events, is_written

DATE = dt.date(2024, 5, 20)  # a Monday


@pytest.fixture(scope="module")
def events(nlp):
    def run(text, date=DATE):
        article = Article(text=text, date=date)
        doc = nlp(article.full_text)
        return find_events(doc, find_entities(doc), article)
    return run


def labels(ents):
    return sorted(e.label for e in ents)


def of_type(evs, etype):
    return [e for e in evs if e.type == etype]


# ---------------------------------------------------------------- batch 1: what is not an event, who is not an agent
def test_negated_sentencing_is_no_event(events):
    evs = events("Prosecutors charged the blogger Temir Osmonov in March, but he has not yet been sentenced.")
    assert not of_type(evs, "Sentencing")
    assert labels(of_type(evs, "Charging")[0].targets) == ["Temir Osmonov"]


def test_plea_of_not_guilty_is_no_verdict(events):
    evs = events("Journalist Dana Kemelova pleaded not guilty at the first hearing in Almaty on Monday.")
    assert not of_type(evs, "Sentencing")


def test_sentenced_to_death_is_no_killing(events):
    evs = events("A court in Tabriz sentenced the singer Reza Kamrani to death on Monday.")
    assert not of_type(evs, "Violence")
    assert labels(of_type(evs, "Sentencing")[0].targets) == ["Reza Kamrani"]


def test_executed_is_a_killing(events):
    evs = events("The authorities executed the wrestler Navid Sadeghi on Thursday.")
    assert labels(of_type(evs, "Violence")[0].targets) == ["Navid Sadeghi"]


def test_should_release_is_a_demand(events):
    evs = events("The authorities should release the lawyer Aibek Sarybaev immediately, the group said.")
    assert all(not is_written(e) for e in of_type(evs, "Release"))


def test_news_agency_in_dateline_is_not_the_agent(events):
    evs = events("OSH, Kyrgyzstan (Reuters) - Kyrgyz police detained the activist Bolot Asanov on Monday.")
    ev = of_type(evs, "Detention")[0]
    assert labels(ev.targets) == ["Bolot Asanov"]
    assert not any(a.label in ("Reuters",) for a in ev.agents)


def test_swept_up_and_put_into_custody_are_detentions(events):
    evs = events("Police swept up the activists Ruslan Tokayev and Marat Ibrayev outside their homes on Sunday.")
    assert labels(of_type(evs, "Detention")[0].targets) == ["Marat Ibrayev", "Ruslan Tokayev"]
    evs = events("In Taraz, activist Aliya Dosova was put into custody for 10 days.")
    assert any("Aliya Dosova" in labels(e.targets) for e in evs if e.type in ("Detention", "Sentencing"))
