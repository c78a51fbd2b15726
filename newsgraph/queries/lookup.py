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
The names come from one query (``names.rq``) per lookup, or from ``names=``
(:func:`load_names`) when several names are looked up at once.

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

from rdflib import URIRef

from ..errors import QueryError
from ..text.names import ascii_lower, fold, fold_tokens  # fold_tokens keeps what it folded: cheap on repeats
from ..ontology import NG
from .catalog import KINDS, load_queries

__all__ = ["find_entity", "lookup_entity", "load_names", "warm_names", "Entity", "Match", "Candidate",
           "NameLookupError", "UnknownNameError", "AmbiguousNameError", "KINDS", "KIND_NAMES"]


KIND_NAMES = {NG.Person: "person", NG.Organization: "organization", NG.Place: "place"}
"""Class -> the word used for it in messages."""

FUZZY_ACCEPT = 88.0
"""A fuzzy match is taken only at or above this score (0..100) ..."""
FUZZY_MARGIN = 6.0
"""... and only if no other entity scores within this many points of it."""
SUGGEST_MIN = 60.0
"""Weakest similarity still offered as a "did you mean" candidate."""
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Entity:
    """A stored entity with all its names."""

    iri: URIRef
    label: str
    kinds: frozenset
    names: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "/".join(sorted(KIND_NAMES.get(k, str(k)) for k in self.kinds))


@dataclass(frozen=True)
class Candidate:
    """An entity offered in a "did you mean" list."""

    iri: URIRef
    label: str
    kind: str

    def __str__(self) -> str:
        return f"{self.label} ({self.kind}, {self.iri})"


@dataclass(frozen=True)
class Match:
    """What a name was taken to mean: the entity and how it matched (``iri``, ``label``,
    ``name``, ``part`` or ``fuzzy``), with the name form that matched."""

    query: str
    iri: URIRef
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

    On a big store the query takes a second or more, and every query by name needs
    it, so the result is kept in the cache folder (:mod:`newsgraph.text.disk_cache`)
    under the store's :meth:`~newsgraph.graph.store.Store.state_token`: any write to
    the store changes the token, and the names are read again.
    """
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
    rows = cached["rows"]
    _FOLDED.update((form, tuple(tokens)) for form, tokens in cached["folded"].items())
    classes = {str(c): c for cs in KINDS.values() for c in cs}  # a few classes: built once, not per entity
    return [Entity(URIRef(iri), label, frozenset(classes.get(k) or URIRef(k) for k in kinds), tuple(names))
            for iri, label, kinds, names in rows]


def warm_names(store) -> None:
    """After a write that closed the store (``newsgraph ingest``, ``remove``, ``resolve``), read
    its names into the name cache (:func:`load_names`, kept under the store's new state token),
    so that the first query by name after it finds them ready. Not for an open Store (it may
    still be written) nor for a SPARQL server (no token)."""
    from ..errors import NewsgraphError
    from ..graph.store import Store, remote_url

    if isinstance(store, Store) or remote_url(store) is not None:
        return
    try:
        with Store.open(store, read_only=True) as st:
            load_names(st)
    except NewsgraphError:  # only a cache: the next query reads the names itself
        pass


_FOLDED: dict[str, tuple[str, ...]] = {}
"""Folded tokens of stored names, read from the name cache with the names (folding every
name of a big store again in each process took longer than the query)."""


def _tokens(form: str) -> tuple[str, ...]:
    """:func:`fold_tokens` of a stored name, from the name cache when it has it."""
    tokens = _FOLDED.get(form)
    return tokens if tokens is not None else fold_tokens(form)


def _key(form: str) -> str:
    """:func:`fold` of a stored name, from the name cache when it has it."""
    return " ".join(_tokens(form))


def _query_names(store) -> list[Entity]:
    text = load_queries()["names"].text
    found: dict[URIRef, tuple[set, set, set]] = {}
    for iri, kind, label, name in store.query(text[:text.rindex("ORDER BY")]):
        kinds, labels, names = found.get(iri) or found.setdefault(iri, (set(), set(), set()))
        kinds.add(kind)
        if label is not None:
            labels.add(str(label))
        if name is not None:
            names.add(str(name))

    def order(item):
        iri, (kinds, labels, _names) = item
        return min(str(k) for k in kinds), (True, min(labels)) if labels else (False, ""), str(iri)

    entities = []
    for iri, (kinds, labels, names) in sorted(found.items(), key=order):
        names = sorted(names)
        label = min(labels) if labels else None
        entities.append(Entity(iri, label or (names[0] if names else str(iri)), frozenset(kinds),
                               tuple(names)))
    return entities


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
    what = _either(KIND_NAMES.get(c, str(c)) for c in classes)
    pool = [e for e in (load_names(store) if names is None else names) if e.kinds & set(classes)]
    text = str(name).strip()
    if re.match(r"https?://", text):
        for entity in pool:
            if str(entity.iri) == text:
                return Match(text, entity.iri, entity.label, entity.kind, "iri", text)
        raise UnknownNameError(f"no {what} with IRI {text}", text)
    key = fold(text)
    if not key:
        raise UnknownNameError(f"no {what} named {text!r}", text)

    for how, found in (("label", _by_label(pool, key)), ("name", _by_name(pool, key)),
                       ("part", _by_part(pool, fold_tokens(text)))):
        if len(found) == 1:
            entity, matched = next(iter(found.items()))
            return Match(text, entity.iri, entity.label, entity.kind, how, matched)
        if found:
            raise AmbiguousNameError(f"{text!r} could be {len(found)} entities; give more of the "
                                     "name, or the IRI", text, _candidates(sorted(found, key=_order)))

    scored = _fuzzy(pool, key)
    if scored:
        (best, (score, matched)), rest = scored[0], scored[1:]
        runner_up = rest[0][1][0] if rest else 0.0
        if score >= FUZZY_ACCEPT and score - runner_up >= FUZZY_MARGIN:
            return Match(text, best.iri, best.label, best.kind, "fuzzy", matched, score)
    suggestions = [e for e, (score, _m) in scored if score >= SUGGEST_MIN][:MAX_CANDIDATES]
    raise UnknownNameError(f"no {what} named {text!r}", text, _candidates(suggestions))


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
    return tuple(URIRef(str(k)) for k in kinds)


def _either(words) -> str:
    """'person', 'person or organization', 'person, organization or place'."""
    words = list(dict.fromkeys(words))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
