"""Network projections of the store, as networkx graphs.

Four pictures of the same store:

* :func:`cooccurrence_graph` — persons and organizations, joined when one
  sentence names both (an ``ng:Sentence``) or both take part in one event;
* :func:`affiliation_graph` — bipartite person–organization ties
  (``ng:memberOf`` and its sub-properties);
* :func:`events_graph` — actors joined to the events they took part in, by role;
* :func:`ego_graph` — the neighbourhood of one name in any of these.

:func:`network_graph` returns the one graph the ``export`` command writes
(co-occurrence, affiliation and event edges together).

Every node is keyed by its IRI and carries only scalar attributes (strings and
integers), so GraphML, GEXF and CSV keep them as they are:

``label``      the canonical name (``rdfs:label``)
``type``       ``Person``, ``Organization``, or an event class (``PretrialDetention``)
``category``   ``Person``, ``Organization``, or the contract event class (``Detention``)
``aliases``    the other names seen, joined with ``"; "``
``articles``   how many articles mention it
``degree``     its degree in the returned graph
``evidence``   one sentence that names it
``community``  (with ``communities=True``) the Louvain community, 0 = largest

Event nodes also carry ``date`` (as stated), and ``start``/``end`` (ISO days)
where the date is known to the day, month or year. Edges carry ``weight``,
``evidence`` (up to :data:`MAX_EVIDENCE` sentences, one a line), ``articles``
(article IRIs, space-separated) and ``kind`` (``cooccurrence``, ``affiliation``
or ``role``); affiliation edges add ``relation`` (``leaderOf``, ...) and role
edges add ``role`` (``target``, ``agent``, ``participant``, ``winner``).

Example:
    >>> import tempfile
    >>> from newsgraph.graph.store import Store
    >>> with Store.open(tempfile.mkdtemp() + "/s") as store:
    ...     g = cooccurrence_graph(store)
    >>> g.number_of_nodes(), g.number_of_edges()
    (0, 0)
"""
from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations

import networkx as nx
from rdflib import URIRef

from ..errors import QueryError
from ..ontology import EVENT_TYPES, NG, term_words
from ..ontology.terms import event_classes, parents, subproperties
from ..text.sparql import internal_query

__all__ = ["cooccurrence_graph", "affiliation_graph", "events_graph", "ego_graph", "network_graph",
           "build_graph",
           "top_nodes", "add_communities", "find_node", "KINDS", "ACTOR_TYPES", "MAX_EVIDENCE"]

ACTOR_TYPES = ("Person", "Organization")
MAX_EVIDENCE = 3
"""How many evidence sentences an edge keeps."""

ROLES = {"hasTarget": "target", "hasAgent": "agent", "hasParticipant": "participant", "winner": "winner"}
ALIAS_SEP = "; "


# ---------------------------------------------------------------- public API

def cooccurrence_graph(store, *, top: int | None = None, communities: bool = False) -> nx.Graph:
    """Persons and organizations, an edge for each pair named in one sentence or
    taking part in one event.

    ``weight`` counts the distinct sentences behind an edge (a sentence that is
    both an ``ng:Sentence`` and an event's evidence counts once). ``top`` keeps
    the ``top`` nodes of highest degree; ``communities`` adds Louvain communities.
    """
    data = _Data(store)
    graph = nx.Graph(kind="cooccurrence")
    pairs = defaultdict(dict)  # (a, b) -> {(article, text): None} kept in order
    for article, text, actors in data.contexts():
        for a, b in combinations(sorted(actors), 2):
            pairs[a, b].setdefault((article, text), None)
    for (a, b), contexts in pairs.items():
        for node in (a, b):
            graph.add_node(node)
        graph.add_edge(a, b, kind="cooccurrence", **_edge_evidence(contexts))
    return _finish(graph, data, top=top, communities=communities)


def affiliation_graph(store, *, top: int | None = None, communities: bool = False) -> nx.Graph:
    """Bipartite person–organization graph of ``ng:memberOf`` and its sub-properties.

    Persons get ``bipartite=0`` and organizations ``bipartite=1`` (the networkx
    convention); an edge's ``relation`` names the finest ties stated, joined with
    ``"; "``, and ``weight`` counts the articles that state one.
    """
    data = _Data(store)
    graph = nx.Graph(kind="affiliation")
    ties = defaultdict(lambda: {"relations": set(), "contexts": {}})
    for person, rel, org, article in data.ties():
        tie = ties[person, org]
        tie["relations"].add(rel)
        for text in data.tie_evidence.get((person, rel, org), ()) or ("",):
            tie["contexts"].setdefault((article, text), None)
    for (person, org), tie in ties.items():
        graph.add_node(person)
        graph.add_node(org)
        relations = tie["relations"]
        if len(relations) > 1:
            relations = relations - {"memberOf"}  # the finer tie says more
        attrs = _edge_evidence(tie["contexts"])
        attrs["weight"] = len({a for a, _ in tie["contexts"]})
        graph.add_edge(person, org, kind="affiliation", relation=ALIAS_SEP.join(sorted(relations)), **attrs)
    graph = _finish(graph, data, top=top, communities=communities)
    for node, attrs in graph.nodes(data=True):
        attrs["bipartite"] = 0 if attrs["category"] == "Person" else 1
    return graph


def events_graph(store, *, top: int | None = None, communities: bool = False) -> nx.Graph:
    """Actors joined to the events they took part in; event nodes carry their
    class (``type``), contract class (``category``, for colour), ``date`` and,
    where known, ``start``/``end`` days. Edges carry the ``role``."""
    data = _Data(store)
    graph = nx.Graph(kind="events")
    for event, roles in data.event_roles.items():
        graph.add_node(event)
        for role, actors in roles.items():
            for actor in actors:
                graph.add_node(actor)
                ev = data.events[event]
                contexts = {(a, ev["evidence"]): None for a in ev["articles"]} or {("", ev["evidence"]): None}
                if graph.has_edge(actor, event):  # an actor in two roles: keep both
                    edge = graph.edges[actor, event]
                    edge["role"] = ALIAS_SEP.join(sorted(set(edge["role"].split(ALIAS_SEP)) | {role}))
                    continue
                graph.add_edge(actor, event, kind="role", role=role, **_edge_evidence(contexts))
    return _finish(graph, data, top=top, communities=communities)


def network_graph(store) -> nx.Graph:
    """Co-occurrence, affiliation and event edges in one graph (what ``newsgraph
    export --format graphml|gexf|csv`` writes). Where a pair is both co-mentioned
    and tied, the one edge has ``kind`` ``"affiliation; cooccurrence"``, the
    co-occurrence ``weight`` and the tie's ``relation``."""
    data = _Data(store)
    parts = [cooccurrence_graph(data), affiliation_graph(data), events_graph(data)]
    graph = nx.Graph(kind="network")
    for part in parts:
        graph.add_nodes_from(part.nodes(data=True))
        for a, b, attrs in part.edges(data=True):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, **attrs)
                continue
            edge = graph.edges[a, b]
            kinds = set(edge["kind"].split(ALIAS_SEP)) | {attrs["kind"]}
            merged = {**attrs, **edge}  # the co-occurrence edge (first) keeps weight and evidence
            merged["kind"] = ALIAS_SEP.join(sorted(kinds))
            edge.update(merged)
    for node, attrs in graph.nodes(data=True):
        attrs.pop("bipartite", None)
    return _finish(graph, data)


KINDS = {"cooccurrence": cooccurrence_graph, "affiliation": affiliation_graph, "events": events_graph}
"""Kind name -> builder ``(store, *, top=None, communities=False) -> networkx.Graph``."""


def ego_graph(store, name: str, depth: int = 1, *, kind: str = "cooccurrence",
              top: int | None = None, communities: bool = False) -> nx.Graph:
    """The nodes within ``depth`` steps of the entity called ``name`` in the
    ``kind`` graph (see :data:`KINDS`). Raises QueryError if no entity has that
    name, or if the name is ambiguous (the message lists the candidates)."""
    data = _Data(store)
    graph = KINDS[kind](data)
    centre = find_node(data, name)
    if centre not in graph:
        label = data.label(centre)
        raise QueryError(f"{label!r} has no edges in the {kind} graph")
    ego = graph.subgraph(nx.ego_graph(graph, centre, radius=depth)).copy()
    ego.graph.update(graph.graph, centre=centre)
    return _finish(ego, data, top=top, communities=communities, keep=centre)


def build_graph(store, kind: str = "cooccurrence", *, around: str | None = None, depth: int = 1,
                top: int | None = None, communities: bool = False) -> nx.Graph:
    """The ``kind`` graph (a key of :data:`KINDS`), or its ego network ``around`` a name;
    what ``newsgraph viz`` draws. The graph's ``title`` says what it shows."""
    if kind not in KINDS:
        raise QueryError(f"unknown network kind {kind!r} (choose from {', '.join(KINDS)})")
    if depth < 1:
        raise QueryError("--depth must be 1 or more")
    if top is not None and top < 1:
        raise QueryError("--top must be 1 or more")
    if around:
        graph = ego_graph(store, around, depth, kind=kind, top=top, communities=communities)
        centre = graph.nodes[graph.graph["centre"]]["label"]
        steps = "one step" if depth == 1 else f"{depth} steps"
        graph.graph["title"] = f"{centre} and everyone within {steps} ({TITLES[kind].lower()})"
    else:
        graph = KINDS[kind](store, top=top, communities=communities)
        graph.graph["title"] = TITLES[kind] + (f" (top {top} by degree)" if top else "")
    return graph


TITLES = {"cooccurrence": "Who appears with whom", "affiliation": "Who belongs to which organization",
          "events": "Who took part in which events", "network": "Network"}
"""Kind name -> the heading of its picture."""


def find_node(store, name: str) -> str:
    """The IRI of the entity called ``name``: through ``newsgraph.queries.lookup.find_entity``
    when that exists, else an exact then case-insensitive match on ``rdfs:label`` and
    ``skos:altLabel``. Raises QueryError when nothing (or more than one thing) matches."""
    data = store if isinstance(store, _Data) else _Data(store)
    try:
        from ..queries.lookup import find_entity  # the forgiving lookup, when present
        return str(find_entity(data.store, name, "actor"))
    except (ImportError, TypeError):  # not there (or not finished): a simple match below
        pass
    wanted = " ".join(name.split())
    for fold in (lambda s: s, str.casefold):
        hits = sorted({e for e, names in data.names.items() if fold(wanted) in {fold(n) for n in names}})
        hits = [h for h in hits if data.category(h) in ACTOR_TYPES] or hits
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            shown = ", ".join(f"{data.label(h)} <{h}>" for h in hits[:5])
            raise QueryError(f"{name!r} names {len(hits)} entities: {shown}")
    raise QueryError(f"no entity named {name!r}")


def top_nodes(graph: nx.Graph, n: int, keep=None) -> nx.Graph:
    """The subgraph of the ``n`` nodes of highest degree (ties: weighted degree, then
    label), plus ``keep`` if given.

    Example:
        >>> g = nx.star_graph(4)
        >>> sorted(top_nodes(g, 2))
        [0, 1]
    """
    if n is None or n >= graph.number_of_nodes():
        return graph
    strength = dict(graph.degree(weight="weight"))
    ranked = sorted(graph, key=lambda v: (-graph.degree(v), -strength[v],
                                          str(graph.nodes[v].get("label", v)), str(v)))
    chosen = set(ranked[:max(n, 0)])
    if keep is not None:
        chosen.add(keep)
    sub = graph.subgraph(chosen).copy()
    sub.graph.update(graph.graph)
    return sub


def add_communities(graph: nx.Graph, *, seed: int = 1) -> int:
    """Set each node's ``community`` (networkx Louvain, by ``weight``; 0 is the
    largest); return how many communities there are.

    Example:
        >>> g = nx.Graph([(1, 2), (3, 4)])
        >>> add_communities(g), g.nodes[1]["community"] == g.nodes[2]["community"]
        (2, True)
    """
    if graph.number_of_nodes() == 0:
        return 0
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    found = sorted(found, key=lambda c: (-len(c), min(str(v) for v in c)))
    for i, members in enumerate(found):
        for node in members:
            graph.nodes[node]["community"] = i
    return len(found)


# ---------------------------------------------------------------- reading the store

class _Data:
    """What the projections need from the store, read once with a few queries."""

    def __init__(self, store):
        if isinstance(store, _Data):  # already read
            self.__dict__.update(store.__dict__)
            return
        self.store = store
        q = store.query
        self.types = defaultdict(Counter)
        for e, t, n in q(internal_query("network_types")):
            self.types[str(e)][_local(t)] += int(n)
        self.labels = {str(e): str(l) for e, l in q(internal_query("network_labels"))}
        self.names = defaultdict(set)
        for e, l in q(internal_query("network_names")):
            self.names[str(e)].add(" ".join(str(l).split()))
        self.article_sets = defaultdict(set)
        for e, a in q(internal_query("network_mentions")):
            self.article_sets[str(e)].add(str(a))
        self.article_dates = {str(a): str(d) for a, d in q(internal_query("network_article_dates"))}
        # sentences naming two or more actors
        self.sentences = defaultdict(lambda: {"text": "", "article": "", "mentions": set()})
        for s, text, article, e in q(internal_query("network_sentences")):
            sent = self.sentences[str(s)]
            sent["text"] = sent["text"] or _text(text)
            sent["article"] = sent["article"] or (str(article) if article is not None else "")
            sent["mentions"].add(str(e))
        # events, their roles, dates, places and evidence
        self.events = {}
        self.event_roles = defaultdict(lambda: defaultdict(set))
        for ev, role, actor in q(internal_query("network_event_roles", roles=[NG[r] for r in ROLES])):
            self.event_roles[str(ev)][ROLES[_local(role)]].add(str(actor))
        for ev in [e for e in self.types if self._event_type(e)]:
            self.events[ev] = {"evidence": "", "articles": set(), "date": "", "place": ""}
        for ev, text, article, date, place in q(internal_query("network_events")):
            info = self.events.get(str(ev))
            if info is None:
                continue
            info["articles"].add(str(article))
            info["evidence"] = info["evidence"] or _text(text)
            info["date"] = info["date"] or (str(date) if date is not None else "")
            info["place"] = info["place"] or (str(place) if place is not None else "")
        self.event_roles = {e: r for e, r in self.event_roles.items() if e in self.events}
        self._ties = None
        self.tie_evidence = {}

    # -- what one node is

    def _event_type(self, iri: str) -> str | None:
        found = [t for t in self.types.get(iri, ()) if t in _event_names()]
        if not found:
            return None
        depth = _event_depths()
        return max(found, key=lambda t: (depth[t], t))  # the finest class

    def type(self, iri: str) -> str:
        event = self._event_type(iri)
        if event:
            return event
        counts = self.types.get(iri)
        if not counts:
            return "Entity"
        actor = [t for t in ACTOR_TYPES if counts.get(t)]
        if actor:
            return max(actor, key=lambda t: (counts[t], t == "Person"))
        return counts.most_common(1)[0][0]

    def category(self, iri: str) -> str:
        t = self.type(iri)
        return _event_category(t) if t in _event_names() else t

    def label(self, iri: str) -> str:
        if iri in self.labels:
            return self.labels[iri]
        if iri in self.events:
            return self._event_label(iri)
        names = sorted(self.names.get(iri, ()))
        return names[0] if names else _local(iri).replace("-", " ")

    def _event_label(self, iri: str) -> str:
        info = self.events[iri]
        parts = [term_words(self.type(iri))]
        if info["date"]:
            parts.append(info["date"])
        if info["place"]:
            parts.append(self.label(info["place"]))
        return " · ".join(parts)

    def attributes(self, iri: str) -> dict:
        label = self.label(iri)
        attrs = {"label": label, "type": self.type(iri), "category": self.category(iri),
                 "aliases": ALIAS_SEP.join(sorted(n for n in self.names.get(iri, ()) if n != label))}
        if iri in self.events:
            info = self.events[iri]
            attrs["articles"] = len(info["articles"])
            attrs["evidence"] = info["evidence"]
            attrs["date"] = info["date"]
            attrs.update(_interval(info["date"]))
        else:
            attrs["articles"] = len(self.article_sets.get(iri, ()))
            attrs["evidence"] = self.evidence_for(iri)
        return attrs

    def evidence_for(self, iri: str) -> str:
        if not hasattr(self, "_evidence"):
            self._evidence = {}
            for sid in sorted(self.sentences):
                for e in self.sentences[sid]["mentions"]:
                    self._evidence.setdefault(e, self.sentences[sid]["text"])
            for ev in sorted(self.event_roles):
                for actors in self.event_roles[ev].values():
                    for e in actors:
                        self._evidence.setdefault(e, self.events[ev]["evidence"])
        return self._evidence.get(iri, "")

    # -- what joins nodes

    def is_actor(self, iri: str) -> bool:
        return self.category(iri) in ACTOR_TYPES

    def contexts(self):
        """``(article, sentence text, actors)`` for every sentence and event with 2+ actors."""
        for sid in sorted(self.sentences):
            sent = self.sentences[sid]
            actors = {e for e in sent["mentions"] if self.is_actor(e)}
            if len(actors) >= 2:
                yield sent["article"], sent["text"], actors
        for ev in sorted(self.event_roles):
            actors = {a for r in self.event_roles[ev].values() for a in r if self.is_actor(a)}
            if len(actors) >= 2:
                info = self.events[ev]
                for article in sorted(info["articles"]) or [""]:
                    yield article, info["evidence"], actors

    def ties(self):
        """``(person, relation name, organization, article)`` for every ng:memberOf tie or finer."""
        if self._ties is None:
            self._ties = [(str(p), _local(rel), str(o), str(g)) for p, rel, o, g in self.store.query(
                internal_query("network_member_ties", properties=_member_properties()))]
            for p, rel, o, text in self.store.query(internal_query("network_tie_evidence")):
                self.tie_evidence.setdefault((str(p), _local(rel), str(o)), []).append(_text(text))
        return self._ties

    def query(self, *args, **kwargs):  # so a _Data can stand in for the store
        return self.store.query(*args, **kwargs)


def _finish(graph: nx.Graph, data: _Data, *, top=None, communities=False, keep=None) -> nx.Graph:
    """Fill node attributes, cut to ``top``, set degrees and (optionally) communities."""
    for node in graph:
        attrs = graph.nodes[node]
        if "label" not in attrs:
            attrs.update(data.attributes(node))
    if top is not None:
        graph = top_nodes(graph, top, keep=keep)
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = degree
    if communities:
        graph.graph["communities"] = add_communities(graph)
    return graph


def _edge_evidence(contexts) -> dict:
    contexts = list(contexts)
    texts = list(dict.fromkeys(t for _, t in contexts if t))
    articles = sorted({a for a, _ in contexts if a})
    return {"weight": len(contexts), "evidence": "\n".join(texts[:MAX_EVIDENCE]), "articles": " ".join(articles)}


# ---------------------------------------------------------------- ontology helpers

@lru_cache(maxsize=1)
def _event_classes() -> frozenset:
    return frozenset(str(c) for c in event_classes())


@lru_cache(maxsize=1)
def _event_names() -> frozenset:
    return frozenset(_local(c) for c in _event_classes())


@lru_cache(maxsize=1)
def _event_parents() -> dict:
    classes = _event_classes()
    out = {}
    for c in classes:
        up = [str(p) for p in parents(URIRef(c)) if str(p) in classes]
        if up:
            out[_local(c)] = _local(sorted(up)[0])
    return out


@lru_cache(maxsize=1)
def _event_depths() -> dict:
    parents = _event_parents()

    def depth(name):
        return 0 if name not in parents else 1 + depth(parents[name])
    return {name: depth(name) for name in _event_names()}


def _event_category(name: str) -> str:
    parents = _event_parents()
    while name not in EVENT_TYPES and name in parents:
        name = parents[name]
    return name if name in EVENT_TYPES else "Event"


def _member_properties() -> tuple:
    return tuple(sorted(str(p) for p in subproperties(NG.memberOf)))


# ---------------------------------------------------------------- small helpers

def _local(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(term) -> str:
    return " ".join(str(term).split()) if term is not None else ""


def _interval(date: str) -> dict:
    """``start``/``end`` days for an ``ng:date`` value (empty when the year is unknown).

    Example:
        >>> _interval("2024-02"), _interval("2023"), _interval("--11-16")
        ({'start': '2024-02-01', 'end': '2024-02-29'}, {'start': '2023-01-01', 'end': '2023-12-31'}, {})
    """
    parts = date.split("-")
    try:
        if len(parts) == 3 and len(parts[0]) == 4:  # YYYY-MM-DD
            int(parts[1]), int(parts[2][:2])
            return {"start": date[:10], "end": date[:10]}
        if len(parts) == 2 and len(parts[0]) == 4:  # YYYY-MM
            year, month = int(parts[0]), int(parts[1][:2])
            last = calendar.monthrange(year, month)[1]
            return {"start": f"{year:04d}-{month:02d}-01", "end": f"{year:04d}-{month:02d}-{last:02d}"}
        if len(parts) == 1 and len(parts[0]) >= 4:  # YYYY
            year = int(parts[0][:4])
            return {"start": f"{year:04d}-01-01", "end": f"{year:04d}-12-31"}
    except ValueError:
        pass
    return {}
