"""The server's actor pages (``/id/...``), content negotiation and name search, over HTTP,
on the invented graph of test_queries.py (a name made of SPARQL and HTML included)."""
from __future__ import annotations

import http.client
import json
import re
import urllib.parse

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from newsgraph.graph.store import Store
from newsgraph.ontology import NG
from newsgraph.queries import run_named
from newsgraph.server.actor import entity_iri, page_path
from test_queries import E1, ODD, PARTY, QAIRAT, T_MEMBER, build_store
from test_server import Server
from test_server import http as get

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("actors") / "store")


@pytest.fixture(scope="module")
def server(store):
    srv = Server(store, "--workers", "1")
    yield srv
    srv.stop()


def no_redirect(url):
    """(status, Location) of a GET that is not followed."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", parts.path + ("?" + parts.query if parts.query else ""))
        response = conn.getresponse()
        return response.status, response.getheader("Location")
    finally:
        conn.close()


def page_url(server, iri) -> str:
    return server.url.rstrip("/") + page_path(iri)


def test_actor_paths_round_trip_and_refuse_other_iris():
    assert page_path(QAIRAT) == "/id/person/qairat-zhaqsylyqov" and entity_iri(page_path(QAIRAT)) == QAIRAT
    assert page_path("https://w3id.org/newsgraph/article/00000000000000a1") is None
    assert page_path("https://w3id.org/newsgraph/id/") is None


def test_actor_page_of_a_person_holds_every_section(server):
    status, headers, body = get(page_url(server, QAIRAT))
    assert status == 200 and headers["Content-Type"].startswith("text/html") and headers["Vary"] == "Accept"
    text = body.decode("utf-8")
    for section in ("names", "timeline", "people", "organizations", "sources"):
        assert f'<section id="{section}">' in text
    assert "<h1>Qairat Zhaqsylyqov</h1>" in text and "<li>Zhaqsylyqov</li>" in text  # names and spellings
    assert "<svg class=\"timeline\"" in text and "PretrialDetention" in text  # drawn and listed
    people = text.split('<section id="people">')[1].split("</section>")[0]
    assert people.index('href="/id/person/mira-tobelova"') < people.index('href="/id/person/oskar-brennyk"')
    assert "via Lantern Party: Qairat Zhaqsylyqov is its leader, Oskar Brennyk is its member" in people
    orgs = text.split('<section id="organizations">')[1].split("</section>")[0]
    assert 'href="/id/org/lantern-party"' in orgs and 'href="/id/org/ostravel-city-court"' in orgs
    sources = text.split('<section id="sources">')[1].split("</section>")[0]
    assert "Party leader held in Ostravel" in sources and 'href="https://example.org/a1"' in sources
    # offline: nothing is loaded from elsewhere, and the network's nodes lead to local pages
    assert not re.search(r"<(script|img|link|iframe)[^>]*\b(src|href)=", text)
    data = json.loads(text.split('<script type="application/json" id="graph-data">')[1].split("</script>")[0])
    assert {n.get("href") for n in data["nodes"]} >= {"/id/person/mira-tobelova", "/id/org/lantern-party", None}


def test_actor_page_of_an_organization_and_a_place(server):
    status, _h, body = get(page_url(server, PARTY))
    assert status == 200
    text = body.decode("utf-8")
    assert "<h1>Lantern Party</h1>" in text and 'href="/id/person/oskar-brennyk"' in text and T_MEMBER in text
    status, _h, body = get(server.url + "id/place/ostravel")
    assert status == 200 and "Ostravel City Court remanded" in body.decode("utf-8")


def test_actor_content_negotiation_returns_the_description(server):
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                        ("text/html;q=0.5, text/turtle", "turtle")):
        status, headers, body = get(page_url(server, QAIRAT), headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].split(";")[0] == accept.split(",")[-1].strip()
        g = Graph().parse(data=body.decode("utf-8"), format=fmt)
        assert (QAIRAT, RDFS.label, Literal("Qairat Zhaqsylyqov")) in g
        assert (E1, NG.hasTarget, QAIRAT) in g and (QAIRAT, NG.leaderOf, PARTY) in g
    status, headers, _b = get(page_url(server, QAIRAT), headers={"Accept": "text/html,*/*;q=0.8"})
    assert headers["Content-Type"].startswith("text/html")
    status, headers, body = get(page_url(server, QAIRAT) + "?format=turtle")
    assert headers["Content-Type"].startswith("text/turtle")


def test_actor_search_finds_any_spelling(server):
    for name in ("Kairat Zhaksylykov", "zhaqsylyqov", "Qairat Zhaqsylykov"):
        status, where = no_redirect(server.url + "search?" + urllib.parse.urlencode({"q": name}))
        assert (status, where) == (303, "/id/person/qairat-zhaqsylyqov"), name
    status, _h, body = get(server.url + "search?q=Brennyk")
    assert status == 200 and 'href="/id/person/lena-brennyk"' in body.decode() and "oskar-brennyk" in body.decode()
    status, _h, body = get(server.url + "search?q=" + urllib.parse.quote("<b>Nobody</b>"))
    assert status == 404 and b"<b>Nobody" not in body and b"&lt;b&gt;Nobody" in body
    status, _h, body = get(server.url)
    assert b'action="/search"' in body


def test_actor_page_escapes_a_hostile_name_and_refuses_unknown_ones(server):
    status, _h, body = get(page_url(server, ODD))
    text = body.decode("utf-8")
    assert status == 200 and "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text
    status, _h, body = get(server.url + "id/person/nobody-at-all")
    assert status == 404
    status, _h, _b = get(server.url + "id/person/%3Cscript%3E")
    assert status == 404


def test_actor_linked_on_the_server_is_the_library_answer(server, store):
    with Store.open(store, read_only=True) as st:
        rows = run_named(st, "linked", person=QAIRAT)
    expected = [(str(r[1]), str(r[3])) for r in rows]
    status, _h, body = get(server.url + "queries/linked?" + urllib.parse.urlencode({"person": str(QAIRAT)}))
    assert status == 200
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", body.decode("utf-8"))
    assert [(c[0], c[2]) for c in cells] == expected
    assert expected[0] == ("Mira Tobelova", "stated tie") and ("Oskar Brennyk", "shared organization") in expected
