"""Name lookup: from the name a user types to one entity of the store.

A name matches an entity when it equals any of the entity's names (its
``rdfs:label`` or a ``skos:altLabel``) after folding with
:func:`newsgraph.text.names.fold`, which ignores case, diacritics, script and
the usual romanisation variants (Toqaev/Tokayev, Qairat/Kairat, Zh/J ...).
Tried in order, the first step that finds anything decides:

1. the canonical label (``rdfs:label``), folded;
2. any name form (``skos:altLabel``), folded;
3. part of a name: every word typed is a word of one name form (a surname alone);
4. fuzzy: the closest name form by rapidfuzz, if it is close and clearly closest.

One entity found is the answer. Several found in one step raise
:class:`AmbiguousNameError`; nothing found raises :class:`UnknownNameError`; both
carry "did you mean" candidates. A full IRI of a stored entity is taken as it is.
The names come from the store's side index when it has one (:mod:`newsgraph.graph.index`:
only the entities holding a name form with every word typed, enough for steps 1 to 3;
:func:`lookup_in_index`), else from one query (``names.rq``) per lookup, or from
``names=`` (:func:`load_names`) when several names are looked up at once. Step 4 reads
every name.

Example:
    >>> import tempfile
    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import RDF, RDFS, SKOS
    >>> from newsgraph.graph.store import Store
    >>> from newsgraph.ontology import NG
    >>> ann = URIRef("https://w3id.org/newsgraph/id/person/ann-exampleva")
    >>> with Store.open(tempfile.mkdtemp() + "/s") as store:
    ...     store.replace_graph("https://w3id.org/newsgraph/article/1", [
    ...         (ann, RDF.type, NG.Person), (ann, SKOS.altLabel, Literal("Ann Exampleva")),
    ...         (ann, RDFS.label, Literal("Ann Exampleva"))])
    ...     find_entity(store, "ann examplewa") == ann, lookup_entity(store, "Exampleva").how
    (True, 'part')
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from ..errors import QueryError
from ..text.names import ascii_lower, fold, fold_tokens  # fold_tokens keeps what it folded: cheap on repeats
from ..ontology.base import NG_NS
from .catalog import KINDS, load_queries

__all__ = ["find_entity", "lookup_entity", "lookup_in_index", "load_names", "Entity", "Match",
           "Candidate", "NameLookupError", "UnknownNameError", "AmbiguousNameError", "KINDS", "KIND_NAMES"]


KIND_NAMES = {NG_NS + "Person": "person", NG_NS + "Organization": "organization", NG_NS + "Place": "place"}
"""Class (its IRI) -> the word used for it in messages."""

FUZZY_ACCEPT = 88.0
"""A fuzzy match is taken only at or above this score (0..100) ..."""
FUZZY_MARGIN = 6.0
"""... and only if no other entity scores within this many points of it."""
SUGGEST_MIN = 60.0
"""Weakest similarity still offered as a "did you mean" candidate."""
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Entity:
    """A stored entity with all its names; ``kinds``: the IRIs of its classes, as text."""

    iri: object  # an rdflib URIRef (a name look-up from the side index alone: the IRI as text)
    label: str
    kinds: frozenset
    names: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "/".join(sorted(KIND_NAMES.get(k, k) for k in self.kinds))


@dataclass(frozen=True)
class Candidate:
    """An entity offered in a "did you mean" list."""

    iri: object
    label: str
    kind: str

    def __str__(self) -> str:
        return f"{self.label} ({self.kind}, {self.iri})"


@dataclass(frozen=True)
class Match:
    """What a name was taken to mean: the entity and how it matched (``iri``, ``label``,
    ``name``, ``part`` or ``fuzzy``), with the name form that matched."""

    query: str
    iri: object
    label: str
    kind: str
    how: str
    matched: str
    score: float = 100.0

    @property
    def exact(self) -> bool:
        """True when the name typed is the name matched, up to case and punctuation."""
        return self.how == "iri" or ascii_lower(self.query) == ascii_lower(self.matched)


class NameLookupError(QueryError):
    """A name that names no entity, or several; ``candidates`` holds the suggestions."""

    def __init__(self, message: str, name: str, candidates=()):
        self.message = message
        self.name = name
        self.candidates: list[Candidate] = list(candidates)
        hint = ("; did you mean: " + ", ".join(c.label for c in self.candidates)
                if self.candidates else "")
        super().__init__(message + hint)


class UnknownNameError(NameLookupError):
    """No entity has this name (candidates: the closest names)."""


class AmbiguousNameError(NameLookupError):
    """Several entities have this name (candidates: all of them)."""


def load_names(store) -> list[Entity]:
    """Every person, organization and place of ``store`` with all its names (one query).

    The entities come in the order of names.rq's ORDER BY (by kind, label, IRI),
    each with its names in code-point order and its first label; they are put in
    order here rather than by the engine, whose sort reads every compared name back
    from disk (on a 1M-triple store it took several times the rest of the query).

    A store with a side index (:mod:`newsgraph.graph.index`) gives them from it, with the
    folded tokens of every name (each write keeps them up to date). Otherwise, on a big
    store, the query takes a second or more, so the result is kept in the cache folder
    (:mod:`newsgraph.text.disk_cache`) under the store's
    :meth:`~newsgraph.graph.store.Store.state_token`: any write to the store changes the
    token, and the names are read again.
    """
    index = store.index() if hasattr(store, "index") else None
    if index is not None:
        from ..graph.index import IndexUnusable

        try:
            return _index_names(index)
        except IndexUnusable:
            pass
    token = getattr(store, "state_token", lambda: None)()
    if token is None:
        return _query_names(store)
    from ..text import names as folding
    from ..text.data import read_jsonl_rules
    from ..text.disk_cache import cached_json, source_bytes

    def build():
        rows = [[str(e.iri), e.label, sorted(e.kinds), list(e.names)] for e in _query_names(store)]
        forms = {form for _iri, label, _kinds, names in rows for form in (label, *names)}
        return {"rows": rows, "folded": {form: list(fold_tokens(form)) for form in sorted(forms)}}

    rules = repr(read_jsonl_rules("transliteration.jsonl", required=("id", "pattern", "replace"))).encode()
    cached = cached_json("store-names", [token.encode(), load_queries()["names"].text.encode(),
                                         source_bytes(sys.modules[__name__]), source_bytes(folding), rules],
                         build, valid=lambda value: isinstance(value, dict) and "rows" in value and "folded" in value,
                         keep=lambda value: store.state_token() == token)
    from rdflib import URIRef

    rows = cached["rows"]
    _FOLDED.update((form, tuple(tokens)) for form, tokens in cached["folded"].items())
    return [Entity(URIRef(iri), label, frozenset(kinds), tuple(names)) for iri, label, kinds, names in rows]


_FOLDED: dict[str, tuple[str, ...]] = {}
"""Folded tokens of stored names, read from the side index or the name cache with the names
(folding every name of a big store again in each process took longer than the query)."""


def _tokens(form: str) -> tuple[str, ...]:
    """:func:`fold_tokens` of a stored name, from the name cache when it has it."""
    tokens = _FOLDED.get(form)
    return tokens if tokens is not None else fold_tokens(form)


def _key(form: str) -> str:
    """:func:`fold` of a stored name, from the name cache when it has it."""
    return " ".join(_tokens(form))


def _query_names(store) -> list[Entity]:
    text = load_queries()["names"].text
    found: dict = {}
    for iri, kind, label, name in store.query(text[:text.rindex("ORDER BY")]):
        kinds, labels, names = found.get(iri) or found.setdefault(iri, (set(), set(), set()))
        kinds.add(str(kind))
        if label is not None:
            labels.add(str(label))
        if name is not None:
            names.add(str(name))
    return _entities(found)


def _entities(found: dict) -> list[Entity]:
    """Entities from ``{iri: (kinds, labels, names)}`` (sets of text), in the order of names.rq's
    ORDER BY (kind, label, IRI); each with its names in code-point order and its first label."""
    def order(item):
        iri, (kinds, labels, _names) = item
        return min(kinds), (True, min(labels)) if labels else (False, ""), str(iri)

    entities = []
    for iri, (kinds, labels, names) in sorted(found.items(), key=order):
        names = sorted(names)
        label = min(labels) if labels else None
        entities.append(Entity(iri, label or (names[0] if names else str(iri)), frozenset(kinds),
                               tuple(names)))
    return entities


def lookup_in_index(index, name: str, kinds: str | tuple = "entity") -> Match | None:
    """:func:`lookup_entity` from a side index (:class:`~newsgraph.graph.index.StoreIndex`) alone,
    the IRIs as text: the match, or the error it raises, when one of steps 1 to 3 decides;
    None when only step 4 could (it reads every name) or the name is an IRI.

    The candidates are the entities holding a name form with every word typed: every entity
    steps 1 to 3 can find (a label or name folded equal to the name has its words; a part
    match is such a form), so each step finds what it finds among all entities.
    Raises :class:`~newsgraph.graph.index.IndexUnusable` if the index stopped matching the store."""
    text = str(name).strip()
    classes = _classes(kinds)
    if re.match(r"https?://", text) or not fold(text):
        return None
    pool = [e for e in _candidates_in(index, fold_tokens(text), classes) if e.kinds & set(classes)]
    return _decide(pool, text)


def _candidates_in(index, tokens: tuple[str, ...], classes) -> list[Entity]:
    """The entities of the index holding a name form with every token of ``tokens``."""
    rdf_type, label, alt = (NAME_TERMS[0], NAME_TERMS[1], NAME_TERMS[2])
    with index.reading() as con:
        ids = index.vocabulary([rdf_type, label, alt, *KINDS["entity"]])
        counts = {t: con.execute("SELECT count(*) FROM name_token WHERE token = ?", (t,)).fetchone()[0]
                  for t in set(tokens)}
        rarest = min(counts, key=lambda t: (counts[t], t))
        wanted = set(tokens)
        forms = [form for form, folded in con.execute(
            "SELECT f.form, f.tokens FROM name_token t CROSS JOIN name_form f ON f.form = t.form WHERE t.token = ?",
            (rarest,)) if wanted <= set(folded.split())]
        holders = _chunked(con, "SELECT DISTINCT s FROM quad WHERE p IN (?, ?) AND o IN ({})", forms,
                           [ids[label], ids[alt]])
        holders = sorted({h for (h,) in holders})
        found: dict = {}
        kind_of = {ids[k]: k for k in KINDS["entity"]}
        for kind_id, kind in kind_of.items():
            for (entity,) in _chunked(con, "SELECT id FROM term WHERE id IN ({}) AND EXISTS (SELECT 1 FROM quad q "
                                           "WHERE q.p = ? AND q.s = term.id AND q.o = ?)", holders, [],
                                      [ids[rdf_type], kind_id]):
                found.setdefault(entity, (set(), set(), set()))[0].add(kind)
        for entity, p, value in _chunked(con, "SELECT DISTINCT q.s, q.p, t.value FROM quad q CROSS JOIN term t "
                                              "ON t.id = q.o WHERE q.p IN (?, ?) AND q.s IN ({})", sorted(found),
                                         [ids[label], ids[alt]]):
            _kinds, labels, names = found[entity]
            names.add(value)
            if p == ids[label]:
                labels.add(value)
        iris = index.terms(found)
    return _entities({iris[i][1]: entry for i, entry in found.items()})


def _index_names(index) -> list[Entity]:
    """Every entity of the side index with its names (as :func:`load_names`), the folded tokens
    of the names into :data:`_FOLDED`."""
    from rdflib import URIRef

    rdf_type, label, alt = NAME_TERMS
    with index.reading() as con:
        ids = index.vocabulary([rdf_type, label, alt, *KINDS["entity"]])
        kind_of = {ids[k]: k for k in KINDS["entity"]}
        found: dict = {}
        for entity, kind in con.execute("SELECT DISTINCT s, o FROM quad WHERE p = ? AND o IN (?, ?, ?)",
                                        [ids[rdf_type], *(ids[k] for k in KINDS["entity"])]):
            found.setdefault(entity, (set(), set(), set()))[0].add(kind_of[kind])
        folded = {}
        for entity, p, value, tokens in con.execute(
                "SELECT DISTINCT q.s, q.p, t.value, f.tokens FROM quad q CROSS JOIN term t ON t.id = q.o "
                "LEFT JOIN name_form f ON f.form = q.o WHERE q.p IN (?, ?)", (ids[label], ids[alt])):
            entry = found.get(entity)
            if entry is None:
                continue
            entry[2].add(value)
            if p == ids[label]:
                entry[1].add(value)
            if tokens is not None:
                folded[value] = tuple(tokens.split())
        named = {i: entry for i, entry in found.items() if entry[2]}  # names.rq joins: no name, no entity
        iris = index.terms(named)
    _FOLDED.update(folded)
    return _entities({URIRef(iris[i][1]): entry for i, entry in named.items()})


NAME_TERMS = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
              "http://www.w3.org/2004/02/skos/core#altLabel")
"""rdf:type, rdfs:label, skos:altLabel: what names.rq reads."""


def _chunked(con, sql: str, ids, before: list, after: list = ()):
    """``sql`` run over ``ids`` in chunks (``{}`` becomes their placeholders)."""
    ids = list(ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        yield from con.execute(sql.format(",".join("?" * len(chunk))), [*before, *chunk, *after])


def find_entity(store, name: str, kinds: str | tuple = "entity", *, names=None) -> URIRef:
    """The IRI of the one entity ``name`` names (see the module docstring).

    ``kinds`` is a key of :data:`KINDS` (``"person"``, ``"org"``, ``"place"``,
    ``"actor"``, ``"entity"``) or a tuple of classes. Raises UnknownNameError or
    AmbiguousNameError (both QueryError) with "did you mean" candidates.
    """
    return lookup_entity(store, name, kinds, names=names).iri


def lookup_entity(store, name: str, kinds: str | tuple = "entity", *, names=None) -> Match:
    """Like :func:`find_entity`, but returns the whole :class:`Match`."""
    classes = _classes(kinds)
    what = _either(KIND_NAMES.get(c, c) for c in classes)
    text = str(name).strip()
    index = store.index() if names is None and hasattr(store, "index") else None
    if index is not None:
        from ..graph.index import IndexUnusable

        from rdflib import URIRef

        try:
            match = lookup_in_index(index, text, classes)
        except IndexUnusable:
            match = None
        except NameLookupError as exc:  # the same error, its IRIs as the store gives them
            exc.candidates = [Candidate(URIRef(c.iri), c.label, c.kind) for c in exc.candidates]
            raise
        if match is not None:
            return Match(match.query, URIRef(match.iri), match.label, match.kind, match.how, match.matched)
    pool = [e for e in (load_names(store) if names is None else names) if e.kinds & set(classes)]
    if re.match(r"https?://", text):
        for entity in pool:
            if str(entity.iri) == text:
                return Match(text, entity.iri, entity.label, entity.kind, "iri", text)
        raise UnknownNameError(f"no {what} with IRI {text}", text)
    key = fold(text)
    if not key:
        raise UnknownNameError(f"no {what} named {text!r}", text)
    decided = _decide(pool, text)
    if decided is not None:
        return decided

    scored = _fuzzy(pool, key)
    if scored:
        (best, (score, matched)), rest = scored[0], scored[1:]
        runner_up = rest[0][1][0] if rest else 0.0
        if score >= FUZZY_ACCEPT and score - runner_up >= FUZZY_MARGIN:
            return Match(text, best.iri, best.label, best.kind, "fuzzy", matched, score)
    suggestions = [e for e, (score, _m) in scored if score >= SUGGEST_MIN][:MAX_CANDIDATES]
    raise UnknownNameError(f"no {what} named {text!r}", text, _candidates(suggestions))


def _decide(pool: list[Entity], text: str) -> Match | None:
    """Steps 1 to 3 over ``pool``: the match, AmbiguousNameError, or None (on to step 4)."""
    key = fold(text)
    for how, found in (("label", _by_label(pool, key)), ("name", _by_name(pool, key)),
                       ("part", _by_part(pool, fold_tokens(text)))):
        if len(found) == 1:
            entity, matched = next(iter(found.items()))
            return Match(text, entity.iri, entity.label, entity.kind, how, matched)
        if found:
            raise AmbiguousNameError(f"{text!r} could be {len(found)} entities; give more of the "
                                     "name, or the IRI", text, _candidates(sorted(found, key=_order)))
    return None


# ---------------------------------------------------------------- matching steps

def _by_label(pool, key) -> dict:
    return {e: e.label for e in pool if _key(e.label) == key}


def _by_name(pool, key) -> dict:
    found = {}
    for entity in pool:
        for form in entity.names:
            if _key(form) == key:
                found.setdefault(entity, form)
    return found


def _by_part(pool, tokens) -> dict:
    wanted = set(tokens)
    found = {}
    if not wanted:
        return found
    for entity in pool:
        for form in (entity.label, *entity.names):
            if wanted <= set(_tokens(form)):
                found.setdefault(entity, form)
                break
    return found


def _fuzzy(pool, key) -> list:
    """Entities by their best similarity to ``key``, best first: [(entity, (score, form))]."""
    from rapidfuzz import fuzz

    best: dict = {}
    for entity in pool:
        for form in dict.fromkeys((entity.label, *entity.names)):
            folded = _key(form)
            if not folded:
                continue
            score = max(fuzz.ratio(key, folded), fuzz.token_sort_ratio(key, folded))
            if score > best.get(entity, (-1.0, ""))[0]:
                best[entity] = (score, form)
    return sorted(best.items(), key=lambda item: (-item[1][0], _order(item[0])))


def _candidates(entities) -> list[Candidate]:
    return [Candidate(e.iri, e.label, e.kind) for e in entities][:MAX_CANDIDATES]


def _order(entity: Entity):
    return (entity.label.casefold(), str(entity.iri))


def _classes(kinds) -> tuple:
    if isinstance(kinds, str):
        try:
            return KINDS[kinds]
        except KeyError:
            raise QueryError(f"unknown entity kind {kinds!r} (known: {', '.join(KINDS)})") from None
    return tuple(str(k) for k in kinds)


def _either(words) -> str:
    """'person', 'person or organization', 'person, organization or place'."""
    words = list(dict.fromkeys(words))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
