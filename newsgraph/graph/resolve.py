"""The cross-article resolution pass: one node per real-world entity.

Each article graph names its entities with IRIs minted from its own spelling.
This pass reads every entity of every article graph, groups the IRIs that
denote one entity, rewrites them to one canonical IRI in all graphs, and
writes the resolution graph: exactly one ``rdfs:label`` per entity, the name
most articles use (ties: the fullest). Every other form stays an
``skos:altLabel`` in the article graphs.

Rules, all transliteration-aware (:func:`newsgraph.text.names.fold`):

* persons: two full names (two words or more) meet when they fold alike (Turkic Latin spellings read
  as Russian-route ones too: Vaqifqizi/Vagifkyzy, :func:`newsgraph.text.names.variant_keys`), or
  share the folded given name and their surnames are close (Nazerbaev/Nazarbaev);
  a bare surname seen only alone joins the one full name with that surname —
  if two people share it, it stays apart rather than guess;
* persons: a name with a nickname in quotes meets its forms with the nickname alone or without it
  (Anna "Storm" Petrova, Anna Storm, Anna Petrova);
* persons: a name without the patronymic joins the one fuller name with the same given name
  and surname (Anna Petrova, Anna Sergeyevna Petrova);
* organizations and places: any shared name form (acronyms included); a body named by one
  distinctive word only joins the one cluster whose longer name holds that word;
* courts: one court's name with and without its level or town, in either order ("Khatai District
  Court of Baku", "Baku Khatai District Court", "Khatai Court of Baku"), when it fits only one court.

The pass is deterministic and idempotent: the result depends only on the set
of stored articles, not on the order they came in.

Example:
    >>> from newsgraph.graph.resolve import cluster
    >>> recs = {"p/a": ("person", {"Anna Petrova": 1}), "p/b": ("person", {"Ana Petrova": 2}),
    ...         "p/c": ("person", {"Petrova": 1})}
    >>> cluster(recs)
    {'p/a': ('p/a', 'Ana Petrova'), 'p/b': ('p/a', 'Ana Petrova'), 'p/c': ('p/a', 'Ana Petrova')}
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from ..ontology.iris import entity_iri
from ..text.names import ascii_lower, fold, fold_keys, fold_tokens, misspelt, nickname_forms, similar, variant_keys
from ..text.gazetteer import ministry_form
from ..ontology import NG, RESOLUTION_GRAPH
from ..text.sparql import internal_query
from .merge_events import merge_events

__all__ = ["resolve", "cluster", "ENTITY_QUERY"]

ENTITY_QUERY = internal_query("resolve_entity_names")
_KIND = {str(NG.Person): "person", str(NG.Organization): "org", str(NG.Place): "place"}


class _UnionFind:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _full(names) -> list[str]:
    return [n for n in names if len(fold_tokens(n)) >= 2]


def cluster(records: dict[str, tuple[str, Counter | dict]]) -> dict[str, tuple[str, str]]:
    """Group entity records ``{iri: (kind, {name: n_articles})}``.

    Returns ``{iri: (representative iri, canonical label)}`` for every iri.
    """
    iris = sorted(records)
    uf = _UnionFind(iris)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for i in iris:
        by_kind[records[i][0]].append(i)

    for kind, members in by_kind.items():
        index: dict[str, str] = {}
        for i in members:
            names = records[i][1]
            if kind == "person":  # Turkic Latin spellings too; a nickname in quotes gives two more forms
                keys = {k for n in _full(names) for f in [n, *nickname_forms(n)] for k in variant_keys(f)}
            else:
                keys = {k for n in names for k in fold_keys(n)}
            if kind == "org":  # "AbzasMedia" and "Abzas Media"; "Ministry of Internal Affairs" and "Interior Ministry"
                keys |= {"#" + k.replace(" ", "") for k in keys if k}
                keys |= {fold(m) for n in names for m in [ministry_form(n)] if m}
            for k in sorted(keys):
                if not k:
                    continue
                if k in index:
                    uf.union(index[k], i)
                else:
                    index[k] = i
        if kind == "org":
            _join_short_org_names(records, members, uf)
            _join_misspelt_org_names(records, members, uf)
            _join_court_names(records, members, uf)
        if kind != "person":
            continue
        # close spellings of one full name: same given name and a close surname, or the
        # same surname and a close given name (Aleksandr/Alexander)
        fulls = [(i, fold_tokens(n)) for i in members for n in _full(records[i][1])]
        by_given: dict[str, list] = defaultdict(list)
        for i, toks in fulls:
            by_given[toks[0]].append((i, toks))
        by_surname: dict[str, list] = defaultdict(list)
        for i, toks in fulls:
            by_surname[toks[-1]].append((i, toks))
        for group in by_surname.values():
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    (i, a), (j, b) = group[x], group[y]
                    if len(a) == len(b) == 2 and len(a[0]) > 4 and similar(a[0], b[0]) >= 85:
                        uf.union(i, j)
        for group in by_given.values():
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    (i, a), (j, b) = group[x], group[y]
                    if len(a) == len(b) and len(a[-1]) > 4 and similar(a[-1], b[-1]) >= 85 \
                            and all(p == q for p, q in zip(a[1:-1], b[1:-1])):
                        uf.union(i, j)
        # a name without the patronymic joins the one fuller name with that given name and surname
        # (Anna Petrova, Anna Sergeyevna Petrova)
        longer: dict[tuple[str, str], set] = defaultdict(set)
        for i, toks in fulls:
            if len(toks) == 3:
                longer[(toks[0], toks[-1])].add(i)
        for i, toks in fulls:
            if len(toks) == 2:
                roots = {uf.find(j) for j in longer.get((toks[0], toks[-1]), ())}
                if len(roots) == 1:
                    uf.union(next(iter(roots)), i)
        # bare surnames join the single full-name cluster that carries that surname
        surname_roots: dict[str, set] = defaultdict(set)
        for i, toks in fulls:
            surname_roots[toks[-1]].add(uf.find(i))
        for i in members:
            if _full(records[i][1]):
                continue
            roots = set()
            for n in records[i][1]:
                roots |= surname_roots.get(fold(n), set())
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)

    groups: dict[str, list[str]] = defaultdict(list)
    for i in iris:
        groups[uf.find(i)].append(i)
    out = {}
    for members in groups.values():
        kind = records[members[0]][0]
        counts: Counter = Counter()
        for i in members:
            for n, c in records[i][1].items():
                counts[n] += c
        label = _choose_label(kind, counts)
        rep = min(members, key=lambda i: (fold(label) != _iri_key(i), i))
        for i in members:
            out[i] = (rep, label)
    return out


def _join_short_org_names(records, members, uf) -> None:
    """A body named by one distinctive word only ("Free Hands" -> "Hands" is not it; "Abarona" after
    "Human Rights Center Abarona" is) joins the one cluster whose longer name holds that word."""
    from ..text.gazetteer import gazetteer
    generic = {fold(w) for w in gazetteer().org_words}
    holders: dict[str, set] = defaultdict(set)
    for i in members:
        for n in records[i][1]:
            toks = fold_tokens(n)
            if len(toks) >= 2:
                for t in toks:
                    if t not in generic and len(t) > 3:
                        holders[t].add(i)
    for i in members:
        names = list(records[i][1])
        if not names or any(len(fold_tokens(n)) != 1 for n in names):
            continue
        word = fold(names[0])
        if word in generic or any(fold(n) != word for n in names) or gazetteer().org(names[0]):
            continue  # a well-known body ("Reuters") keeps its own node
        roots = {uf.find(j) for j in holders.get(word, ()) if j != i}
        if len(roots) == 1:
            uf.union(next(iter(roots)), i)


def _join_misspelt_org_names(records, members, uf) -> None:
    """Two names of a body of two or more words that differ in one word, misspelt ("Human Right Watch",
    "Human Rights Watch"; not "Supreme Court of Tajikistan" and "... of Kazakhstan": places differ)."""
    from ..text.gazetteer import gazetteer
    g = gazetteer()
    generic = {fold(w) for w in g.org_words}
    masked: dict[tuple, list] = defaultdict(list)
    for i in members:
        for n in records[i][1]:
            toks = fold_tokens(n)
            if len(toks) >= 2 and not all(t in generic or t.rstrip("s") in generic for t in toks):
                for k in range(len(toks)):
                    masked[(k, toks[:k], toks[k + 1:])].append((i, toks[k]))
    for (k, _, _), items in masked.items():
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (i, a), (j, b) = items[x], items[y]
                if a != b and min(len(a), len(b)) > 3 and misspelt(a, b) and uf.find(i) != uf.find(j) \
                        and not any(g.place(w) or w in g.demonyms for w in (a, b)):
                    uf.union(i, j)


def _court_parts(name: str, g) -> tuple[tuple[str, ...], frozenset, str | None] | None:
    """A court's name read as (its own name words, its level words, its town's place id), or None when it
    is no court or has no name of its own ("Almaty City Court", "Supreme Court").

    "Khatai District Court of Baku", "Baku Khatai District Court", "Khatai Court of Baku" and "Khatai District
    Court" all read as (("hatai",), level "district" or none, Baku or none)."""
    words = re.sub(r"^(?:[Tt]he)\s+", "", name.strip()).split()
    at = [i for i, w in enumerate(words) if fold(w) in ("court", "courts")]
    if not at:
        return None
    def town_of(words: list[str]) -> str | None:  # a known place spelt so ("Khatai" only folds as "Hatay")
        hit = g.place_by_key.get("=" + ascii_lower(" ".join(words)))
        return hit[1] if hit else None

    pre, post, town = words[:at[-1]], words[at[-1] + 1:], None
    if post:
        town = town_of(post[1:]) if post[0] in ("of", "in") and len(post) > 1 else None
        if not town:
            return None  # "Court of Appeal": a kind of court, not a town
    own, level = [], set()
    for k, w in enumerate(pre):
        f = fold(w)
        if f in g.local_body_words:
            level.add(f)
        elif k == 0 and town is None and len(pre) > 1 and town_of([w]):
            town = town_of([w])  # "Baku Khatai District Court": the town first ("Almaty City Court": no own name)
        else:
            own.append(f)
    if not own or g.is_generic(" ".join(pre)):
        return None
    return tuple(own), frozenset(level), town


def _join_court_names(records, members, uf) -> None:
    """Two names of one court written differently ("Khatai District Court of Baku", "Baku Khatai District
    Court", "Khatai Court of Baku", "Khatai District Court") meet: the same name of its own, and its level
    and town the same wherever they are said. Where the store holds two courts of one name (the Leninsky
    District Courts of two towns), none of that name joins another: "Leninsky District Court" could be either."""
    from ..text.gazetteer import gazetteer
    g = gazetteer()
    by_name: dict[tuple, list] = defaultdict(list)
    for i in members:
        for n in records[i][1]:
            parts = _court_parts(n, g)
            if parts:
                by_name[parts[0]].append((i, parts[1], parts[2]))
    for group in by_name.values():
        levels = {lv for _i, lv, _t in group if lv}
        towns = {t for _i, _lv, t in group if t}
        if len(levels) <= 1 and len(towns) <= 1:  # no two courts of this name here: all are one
            for i, _lv, _t in group[1:]:
                uf.union(group[0][0], i)


def _iri_key(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].replace("-", " ")


def _choose_label(kind: str, counts: Counter) -> str:
    names = list(counts)
    if kind == "person":
        names = _full(names) or names
    elif kind == "org":
        longs = [n for n in names if not n.replace(".", "").replace("/", "").replace("-", "").isupper()]
        names = longs or names
    return max(names, key=lambda n: (counts[n], len(fold_tokens(n)), len(n), n))


def resolve(store) -> dict:
    """Run the pass over ``store`` (a :class:`newsgraph.graph.store.Store`).

    Returns counts: ``{"entities": N, "merged": M, "events_merged": E}``.
    """
    records: dict[str, tuple[str, Counter]] = {}
    seen: set[tuple[str, str, str]] = set()
    for e, typ, name, g in store.query(ENTITY_QUERY, union=False):
        kind = _KIND.get(str(typ))
        if kind is None:
            continue
        rec = records.setdefault(str(e), (kind, Counter()))
        if (str(e), str(name), str(g)) not in seen:
            seen.add((str(e), str(name), str(g)))
            rec[1][str(name)] += 1
    groups = cluster(records)
    mapping: dict[str, str] = {}
    labels: dict[str, tuple[str, str]] = {}
    for iri, (_rep, label) in groups.items():
        kind = records[iri][0]
        canon = str(entity_iri(kind, label))
        if canon != iri:
            mapping[iri] = canon
        labels[canon] = (kind, label)
    if mapping:
        store.rewrite_iris(mapping)
    triples = [(URIRef(c), RDFS.label, Literal(label)) for c, (_k, label) in sorted(labels.items())]
    store.replace_graph(RESOLUTION_GRAPH, triples)
    events_merged = merge_events(store)  # one event reported by several articles: one node
    return {"entities": len(labels), "merged": len(mapping), "events_merged": events_merged}
