"""The ontology's class and property trees, parsed once per process, for the extraction
rules and the queries.

The rule loaders check every class, property and modality they name against
``newsgraph.ttl``, and the extractor maps a trigger's class to the classes under
its contract type. Each of them used to parse the ontology on its own; this
module parses it once (with pyoxigraph, into plain IRIs: :func:`label_of` and
:func:`classes_above` need no rdflib) and answers from that (read-only: callers get
frozensets, never the tables to change).

Example:
    >>> from newsgraph.ontology import NG
    >>> NG.PretrialDetention in subclasses(NG.Detention), NG.Detention in subclasses(NG.Detention)
    (True, True)
    >>> NG.leaderOf in subproperties(NG.memberOf)
    True
    >>> NG.Alleged in instances(NG.Modality)
    True
    >>> NG.Killing in event_classes(), NG.Person in event_classes(), event_type(NG.PretrialDetention)
    (True, False, 'Detention')
    >>> label_of(NG_NS + "lawyerOf"), NG_NS + "Detention" in classes_above(NG_NS + "PretrialDetention")
    ('lawyer of', True)
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from .base import EVENT_TYPES, NG_NS, ONTOLOGY_PATH, PREFIX_IRIS

__all__ = [
    "subclasses", "subproperties", "instances", "superclasses", "parents", "event_classes", "event_type",
    "term_label", "label_of", "classes_above",
]

_RDF, _RDFS = PREFIX_IRIS["rdf"], PREFIX_IRIS["rdfs"]


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, frozenset[str]] | dict[str, str]]:
    """The ontology as plain IRIs: ``up`` (a class's direct superclasses), ``down`` (direct
    subclasses), ``subprop`` (direct subproperties), ``instances`` (individuals by class),
    ``labels`` (the first ``rdfs:label`` of each term)."""
    import pyoxigraph as ox

    tables: dict = {name: defaultdict(set) for name in ("up", "down", "subprop", "instances")}
    labels: dict[str, str] = {}
    with ONTOLOGY_PATH.open("rb") as f:
        for t in ox.parse(f, format=ox.RdfFormat.TURTLE):
            s, p, o = t.subject, t.predicate.value, t.object
            if not isinstance(s, ox.NamedNode):
                continue
            if p == _RDFS + "subClassOf" and isinstance(o, ox.NamedNode):
                tables["up"][s.value].add(o.value)
                tables["down"][o.value].add(s.value)
            elif p == _RDFS + "subPropertyOf" and isinstance(o, ox.NamedNode):
                tables["subprop"][o.value].add(s.value)
            elif p == _RDF + "type" and isinstance(o, ox.NamedNode):
                tables["instances"][o.value].add(s.value)
            elif p == _RDFS + "label" and isinstance(o, ox.Literal):
                labels[s.value] = min(labels.get(s.value, o.value), o.value)
    out = {name: {k: frozenset(v) for k, v in table.items()} for name, table in tables.items()}
    out["labels"] = labels
    return out


def _closure(table: dict, start: str) -> frozenset[str]:
    """``start`` and everything reached from it through ``table``."""
    seen, todo = {start}, [start]
    while todo:
        for nxt in table.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return frozenset(seen)


@lru_cache(maxsize=None)
def classes_above(iri: str) -> frozenset[str]:
    """The IRI ``iri`` and every class above it (``rdfs:subClassOf*``), as text."""
    return _closure(_tables()["up"], str(iri))


@lru_cache(maxsize=None)
def label_of(iri: str) -> str:
    """The ``rdfs:label`` of an ontology term ("lawyer of", "Pretrial detention") given as an
    IRI; its local name if none."""
    iri = str(iri)
    return _tables()["labels"].get(iri) or iri.rsplit("#", 1)[-1]


def _terms(iris) -> frozenset:
    from rdflib import URIRef

    return frozenset(URIRef(i) for i in iris)


@lru_cache(maxsize=None)
def subclasses(top) -> frozenset:
    """``top`` and every class under it (``rdfs:subClassOf*``)."""
    return _terms(_closure(_tables()["down"], str(top)))


@lru_cache(maxsize=None)
def superclasses(cls) -> frozenset:
    """``cls`` and every class above it (``rdfs:subClassOf*``)."""
    return _terms(classes_above(str(cls)))


@lru_cache(maxsize=None)
def subproperties(top) -> frozenset:
    """``top`` and every property under it (``rdfs:subPropertyOf*``)."""
    return _terms(_closure(_tables()["subprop"], str(top)))


@lru_cache(maxsize=None)
def instances(cls) -> frozenset:
    """The individuals typed ``cls`` (``rdf:type``, not inferred)."""
    return _terms(_tables()["instances"].get(str(cls), ()))


@lru_cache(maxsize=None)
def parents(cls) -> frozenset:
    """The classes ``cls`` is stated a direct subclass of."""
    return _terms(_tables()["up"].get(str(cls), ()))


def event_classes() -> frozenset:
    """ng:Event and every class under it."""
    return subclasses(NG_NS + "Event")


@lru_cache(maxsize=None)
def event_type(cls) -> str | None:
    """The contract event type (one of :data:`~newsgraph.ontology.EVENT_TYPES`) ``cls`` falls under, if any."""
    above = classes_above(str(cls))
    return next((t for t in EVENT_TYPES if NG_NS + t in above), None)


def term_label(term) -> str:
    """The ``rdfs:label`` of an ontology term ("lawyer of", "Pretrial detention"); its local name if none."""
    return label_of(str(term))
