"""A page for every actor: ``/id/...`` on the server answers each entity IRI
(``https://w3id.org/newsgraph/id/person/ann-ode`` is ``/id/person/ann-ode``).

The page of a person, organization or place holds its names and spellings; its
timeline, drawn (an inline SVG) and listed; the people and the organizations
linked to it (``linked``: one row per other and kind of link, the path in words,
the strongest sentence and, on request, every sentence); the articles that name
it (title, date, URL); and a small network around it, drawn as ``newsgraph viz``
draws it (:func:`newsgraph.exports.html.generate_html`: vis-network inlined, no
request leaves the page), where a click on a neighbour opens its page.

A client that asks for RDF (``Accept: text/turtle``, ``application/ld+json`` or
``application/n-triples``, or ``?format=turtle``) gets the entity's description
instead: every triple it is the subject or the object of (``describe.rq``).

``/search?q=NAME`` finds a name in any spelling (:func:`newsgraph.queries.lookup.lookup_entity`:
transliteration variants, a surname alone, a near miss) and redirects to its page,
or lists the candidates. Every value from the store is HTML-escaped; links are
local paths built from IRIs, percent-encoded.

Example:
    >>> page_path("https://w3id.org/newsgraph/id/person/ann-ode")
    '/id/person/ann-ode'
    >>> str(entity_iri("/id/person/ann-ode"))
    'https://w3id.org/newsgraph/id/person/ann-ode'
    >>> page_path("https://example.org/x") is None
    True
"""
from __future__ import annotations

import re
from datetime import date as _date
from html import escape
from urllib.parse import quote, urlencode

from rdflib import URIRef

from ..graph.store import to_oxigraph
from ..ontology import ID_BASE, NG, PREFIX_IRIS
from ..queries import run_named
from ..queries.links import collapse_links_and_evidence, link_rows
from ..queries.lookup import KIND_NAMES, AmbiguousNameError, NameLookupError, lookup_entity
from ..exports import results as formats
from .pages import page, search_form
from .reply import Reply, text_reply

__all__ = ["page_path", "entity_iri", "actor_task", "perform_actor", "actor_page", "describe_triples",
           "NETWORK_SIZE", "RDF_TYPES"]

NETWORK_SIZE = 40
"""The network around an actor shows at most this many neighbours (the best linked)."""

RDF_TYPES = ("text/turtle", "application/x-turtle", "application/ld+json", "application/n-triples")
"""Accept types answered with the entity's description rather than its page."""

_KINDS = {NG.Person: "person", NG.Organization: "organization", NG.Place: "place"}


def page_path(iri) -> str | None:
    """The local path of an entity IRI's page (``/id/...``); None for any other IRI."""
    text = str(iri)
    if not text.startswith(ID_BASE) or len(text) == len(ID_BASE):
        return None
    return "/id/" + quote(text[len(ID_BASE):], safe="/")


def entity_iri(path: str) -> URIRef:
    """The entity IRI of a page path (already percent-decoded): ``/id/person/x`` -> its IRI."""
    return URIRef(ID_BASE + path[len("/id/"):])


def actor_task(path: str, params: dict, accept: str | None) -> tuple:
    """The worker task for a request to ``/id/...`` or ``/search``."""
    if path == "/search":
        return ("actor", "search", params.get("q", ""), None, None)
    return ("actor", "page", path, accept, params.get("format"))


def perform_actor(store, what: str, arg: str, accept: str | None, fmt: str | None) -> Reply:
    """Run an actor task on ``store`` (in a query worker)."""
    if what == "search":
        return _search(store, arg)
    if re.search(r'[\s<>"{}|\\^`]', arg):  # cannot be in an IRI, so names nothing
        return text_reply(404, "no person, organization or place at that address; search from /")
    iri = entity_iri(arg)
    about = run_named(store, "entity", entity=iri)
    kinds = {r[0] for r in about}
    kind = next((_KINDS[k] for k in (NG.Person, NG.Organization, NG.Place) if k in kinds), None)
    if kind is None:
        return text_reply(404, f"no person, organization or place at {arg}; search from /")
    rdf = _rdf_format(accept, fmt)
    if rdf is not None:
        body = formats.write_graph(describe_triples(store, iri), rdf, PREFIX_IRIS)
        return Reply(200, f"{formats.MEDIA_TYPES[rdf]}; charset=utf-8", body, {"Vary": "Accept"})
    html = actor_page(store, iri, kind, names=_names(about))
    return Reply(200, "text/html; charset=utf-8", html.encode("utf-8"), {"Vary": "Accept"})


def describe_triples(store, iri: URIRef) -> list:
    """The entity's description as pyoxigraph triples: what it is the subject or object of."""
    import pyoxigraph as ox

    rows = run_named(store, "describe", entity=iri)
    out = []
    for subject, p, o in rows:
        s, o = (iri, o) if subject is None else (subject, iri)
        out.append(ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)))
    return out


def _rdf_format(accept: str | None, fmt: str | None) -> str | None:
    """The RDF format asked for by ``format`` or by an Accept header that prefers RDF to HTML."""
    if fmt:
        return formats.choose(None, "graph", fmt)
    if not accept:
        return None
    best = None
    for q, position, media in formats.accept_ranges(accept):
        if media in RDF_TYPES or media in ("text/html", "application/xhtml+xml", "*/*"):
            if best is None or (-q, position) < best[0]:
                best = ((-q, position), media)
    if best is None or best[1] not in RDF_TYPES:
        return None
    return formats.choose(best[1], "graph")


# ---------------------------------------------------------------- search

def _search(store, query: str) -> Reply:
    query = query.strip()
    if not query:
        return _html(200, page("Find", search_form()))
    try:
        match = lookup_entity(store, query, "entity")
    except NameLookupError as exc:
        title = "Which one?" if isinstance(exc, AmbiguousNameError) else "Not found"
        items = "".join(f"<li>{_link(c.iri, c.label)} <span class=\"note\">({escape(c.kind)})</span></li>"
                        for c in exc.candidates)
        more = f"<p>{'Candidates' if isinstance(exc, AmbiguousNameError) else 'Did you mean'}:</p><ul>{items}</ul>" \
            if items else ""
        return _html(404 if not isinstance(exc, AmbiguousNameError) else 200,
                     page(title, search_form(query) + f"<p>{escape(exc.message)}</p>{more}"))
    where = page_path(match.iri)
    if where is None:
        return text_reply(404, "found an entity without a page")
    return Reply(303, "text/html; charset=utf-8",
                 page("Found", f"<p>{_link(match.iri, match.label)}</p>").encode("utf-8"), {"Location": where})


# ---------------------------------------------------------------- the page

def actor_page(store, iri: URIRef, kind: str, *, names: list[str] | None = None) -> str:
    """The whole HTML page of one entity (``kind``: person, organization or place)."""
    from ..exports.html import generate_html

    names = names if names is not None else _names(run_named(store, "entity", entity=iri))
    label = names[0] if names else str(iri)
    sources = list(run_named(store, "sources", entity=iri))
    articles = {str(r[0]): r for r in sources}  # article IRI -> (article, title, published, source, names)
    if kind == "place":
        events = run_named(store, "events", place=iri)
        timeline = [_event_from_events(r, events.vars) for r in events]
        linked, everything = [], []
    else:
        rows = run_named(store, "timeline", person=iri)
        timeline = [dict(zip(rows.vars, r)) for r in rows]
        found = link_rows(store, iri, include_orgs=True, keys=True)  # read once, collapsed twice
        linked, everything = collapse_links_and_evidence(found, label)
    linked_rows = [dict(zip(linked.vars, r)) for r in linked] if linked else []
    sentences: dict = {}
    for r in (dict(zip(everything.vars, r)) for r in everything) if everything else ():
        sentences.setdefault((r["other"], str(r["link"])), []).append(r)
    people = [r for r in linked_rows if r["other_kind"] == NG.Person]
    orgs = [r for r in linked_rows if r["other_kind"] == NG.Organization]

    before = [_STYLE, f'<p class="note">{escape(kind)} · <code>{escape(str(iri))}</code> · '
                      f'<a href="?format=turtle">Turtle</a> · <a href="?format=json-ld">JSON-LD</a> · '
                      f'<a href="/">newsgraph</a></p>',
              "<section id=\"names\"><h2>Names and spellings</h2><ul>"
              + "".join(f"<li>{escape(n)}</li>" for n in names) + "</ul></section>",
              "<h2>Network</h2>"]
    after = [_timeline_section(timeline, articles),
             _links_section("people", "Linked people", people, sentences, articles, label),
             _links_section("organizations", "Organizations", orgs, sentences, articles, label),
             _sources_section(sources)]
    graph = _network(iri, label, kind, linked_rows)
    summary = (f"{len(people)} linked people, {len(orgs)} organizations, {len(timeline)} events, "
               f"{len(sources)} articles. Click a name in the network to open its page; hover for details.")
    return generate_html(graph, heading=label, before="\n".join(before), after="\n".join(after), summary=summary)


def _names(about) -> list[str]:
    """The canonical name first, then every other spelling seen (rows of ``entity.rq``)."""
    label = sorted({str(r[1]) for r in about if r[1] is not None})
    others = sorted({str(r[2]) for r in about if r[2] is not None} - set(label), key=str.casefold)
    return label[:1] + others


def _event_from_events(row, vars_) -> dict:
    r = dict(zip(vars_, row))
    return {"date": r.get("date"), "type": r.get("kind"), "role": "place", "place_name": None,
            "charges": r.get("charges"), "penalty": r.get("penalty"), "evidence": r.get("evidence"),
            "article": r.get("article"), "who": r.get("targets")}


def _timeline_section(events: list[dict], articles: dict) -> str:
    if not events:
        return "<section id=\"timeline\"><h2>Timeline</h2><p class=\"note\">No events.</p></section>"
    rows = []
    for e in events:
        rows.append("<tr>" + "".join(f"<td>{escape(_s(v))}</td>" for v in (
            e.get("date"), e.get("type"), e.get("role"), e.get("place_name") or e.get("who"), e.get("charges"),
            e.get("penalty"), e.get("evidence"))) + f"<td>{_article_link(e.get('article'), articles)}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("date", "event", "role", "place", "charges", "penalty", "evidence",
                                             "source"))
    return (f"<section id=\"timeline\"><h2>Timeline</h2>{_timeline_svg(events)}"
            f"<table><tr>{head}</tr>{''.join(rows)}</table></section>")


def _timeline_svg(events: list[dict]) -> str:
    """The dated events on one line, a dot each (coloured by kind), the years marked."""
    from ..exports.html import COLORS
    from ..ontology.terms import superclasses

    points = [(d, e) for e in events if (d := _day(e.get("date"))) is not None]
    if not points:
        return "<p class=\"note\">No event has a full date to draw.</p>"
    first, last = min(d for d, _ in points), max(d for d, _ in points)
    span = max((last - first).days, 1)
    width, left, right = 900, 40, 40
    x = {id(e): left + (width - left - right) * (d - first).days / span for d, e in points}
    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {width} 70" width="100%" height="70" '
             f'aria-label="timeline of {len(points)} dated events">',
             f'<line x1="{left}" y1="35" x2="{width - right}" y2="35" stroke="#9aa4b1"/>']
    for year in range(first.year, last.year + 2):
        d = _date(year, 1, 1)
        if first <= d <= last:
            px = left + (width - left - right) * (d - first).days / span
            parts.append(f'<line x1="{px:.1f}" y1="27" x2="{px:.1f}" y2="43" stroke="#9aa4b1"/>'
                         f'<text x="{px:.1f}" y="60" font-size="11" text-anchor="middle">{year}</text>')
    parts.append(f'<text x="{left}" y="18" font-size="11">{first.isoformat()}</text>')
    if last != first:
        parts.append(f'<text x="{width - right}" y="18" font-size="11" text-anchor="end">{last.isoformat()}</text>')
    for d, e in points:
        kind = str(e.get("type") or "Event")
        category = next((c for c in COLORS if NG[c] in superclasses(NG[kind])), "Event") \
            if re.fullmatch(r"\w+", kind) else "Event"
        parts.append(f'<circle cx="{x[id(e)]:.1f}" cy="35" r="6" fill="{COLORS.get(category, COLORS["Event"])}" '
                     f'fill-opacity="0.8"><title>{escape(d.isoformat())} {escape(kind)}: '
                     f'{escape(_s(e.get("evidence"))[:200])}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _day(value) -> _date | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", _s(value))
    if not m:
        return None
    try:
        return _date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _links_section(anchor: str, title: str, rows: list[dict], sentences: dict, articles: dict, me: str) -> str:
    if not rows:
        return f"<section id=\"{anchor}\"><h2>{title}</h2><p class=\"note\">None.</p></section>"
    out = []
    for r in rows:
        every = sentences.get((r["other"], str(r["link"])), [])
        more = ""
        if len(every) > 1:
            items = "".join(f"<li>{escape(_s(e['evidence']))} {_article_link(e['article'], articles)}</li>"
                            for e in every)
            more = f"<details><summary>every sentence ({len(every)})</summary><ul>{items}</ul></details>"
        out.append(f"<tr><td>{_link(r['other'], _s(r['other_name']))}</td><td>{escape(_s(r['link']))}</td>"
                   f"<td>{escape(_s(r['path']))}</td><td>{escape(_s(r['sentences']))}</td>"
                   f"<td>{escape(_s(r['articles']))}</td><td>{escape(_s(r['evidence']))} "
                   f"{_article_link(r['article'], articles)}{more}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("name", "link", "path", "sentences", "articles", "evidence"))
    return (f"<section id=\"{anchor}\"><h2>{title}</h2><p class=\"note\">{len(rows)} "
            f"row{'' if len(rows) == 1 else 's'}: one per {escape('name')} and kind of link.</p>"
            f"<table class=\"links\"><tr>{head}</tr>{''.join(out)}</table></section>")


def _sources_section(sources: list) -> str:
    if not sources:
        return "<section id=\"sources\"><h2>Sources</h2><p class=\"note\">None.</p></section>"
    rows = []
    for article, title, published, source, names in sources:
        rows.append(f"<tr><td>{escape(_s(title) or str(article))}</td><td>{escape(_s(published))}</td>"
                    f"<td>{_url(source)}</td><td>{escape(_s(names))}</td></tr>")
    return ("<section id=\"sources\"><h2>Sources</h2><table><tr><th>title</th><th>date</th><th>URL</th>"
            f"<th>names used</th></tr>{''.join(rows)}</table></section>")


def _network(iri, label: str, kind: str, rows: list[dict]):
    """The actor and its best linked neighbours, one edge each (the strongest link)."""
    import networkx as nx

    g = nx.Graph(kind="actor")
    category = {"person": "Person", "organization": "Organization", "place": "Place"}[kind]
    g.add_node(str(iri), label=label, type=category, category=category)
    for r in rows:
        other = str(r["other"])
        if other in g:
            g.edges[str(iri), other]["evidence"] += "\n" + _s(r["evidence"])
            g.edges[str(iri), other]["relation"] += f", {r['link']}"
            continue
        if g.number_of_nodes() > NETWORK_SIZE:
            continue
        kind_name = "Person" if r["other_kind"] == NG.Person else "Organization"
        node = {"label": _s(r["other_name"]) or other, "type": kind_name, "category": kind_name,
                "articles": int(r["articles"].toPython()), "evidence": _s(r["evidence"])}
        where = page_path(other)
        if where:
            node["href"] = where
        g.add_node(other, **node)
        g.add_edge(str(iri), other, weight=int(r["sentences"].toPython()) or 1, relation=_s(r["link"]),
                   evidence=_s(r["evidence"]), kind="link")
    for node, degree in g.degree():
        g.nodes[node]["degree"] = degree
    return g


# ---------------------------------------------------------------- small pieces

def _link(iri, text: str) -> str:
    where = page_path(iri)
    if where is None:
        return escape(text)
    return f'<a href="{escape(where, quote=True)}">{escape(text)}</a>'


def _article_link(article, articles: dict) -> str:
    if article is None:
        return ""
    found = articles.get(str(article))
    title = _s(found[1]) if found else ""
    source = _s(found[3]) if found else ""
    text = f"[{title or str(article).rsplit('/', 1)[-1]}]"
    if re.match(r"https?://", source):
        return f'<a class="source" href="{escape(source, quote=True)}" rel="noreferrer noopener">{escape(text)}</a>'
    return f'<span class="source">{escape(text)}</span>'


def _url(source) -> str:
    text = _s(source)
    if re.match(r"https?://", text):
        return f'<a href="{escape(text, quote=True)}" rel="noreferrer noopener">{escape(text)}</a>'
    return escape(text)


def _s(value) -> str:
    return "" if value is None else str(value)


def _html(status: int, text: str) -> Reply:
    return Reply(status, "text/html; charset=utf-8", text.encode("utf-8"), {})


_STYLE = """<style>
html, body { height: auto } body { display: block } #mynetwork { height: 420px; border-bottom: 1px solid #dde2e7 }
section, body > h2, body > p.note { padding: 0 14px } h2 { font-size: 1.05rem; margin: 1em 0 .4em }
table { border-collapse: collapse; font-size: 13px; margin-bottom: 1em } td, th { border: 1px solid #ccc;
padding: 3px 6px; vertical-align: top; text-align: left } th { background: #f2f2f2 } .note { color: #666 }
svg.timeline { max-width: 900px; display: block } details { margin-top: .3em } .source { color: #56606b }
</style>"""
