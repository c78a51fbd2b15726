"""The ontology's class and property trees, parsed once per process, for the extraction
rules and the queries.

The rule loaders check every class, property and modality they name against
``newsgraph.ttl``, and the extractor maps a trigger's class to the classes under
its contract type. Each of them used to parse the ontology on its own; this
module parses it once and answers from that one graph (read-only: callers get
frozensets, never the graph to change).

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
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from . import EVENT_TYPES, NG, load_ontology

__all__ = [
    "subclasses", "subproperties", "instances", "superclasses", "parents", "event_classes", "event_type",
    "term_label",
]


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return load_ontology()


@lru_cache(maxsize=None)
def subclasses(top: URIRef) -> frozenset[URIRef]:
    """``top`` and every class under it (``rdfs:subClassOf*``)."""
    return frozenset(_ontology().transitive_subjects(RDFS.subClassOf, top))


@lru_cache(maxsize=None)
def superclasses(cls: URIRef) -> frozenset[URIRef]:
    """``cls`` and every class above it (``rdfs:subClassOf*``)."""
    return frozenset(_ontology().transitive_objects(cls, RDFS.subClassOf))


@lru_cache(maxsize=None)
def subproperties(top: URIRef) -> frozenset[URIRef]:
    """``top`` and every property under it (``rdfs:subPropertyOf*``)."""
    return frozenset(_ontology().transitive_subjects(RDFS.subPropertyOf, top))


@lru_cache(maxsize=None)
def instances(cls: URIRef) -> frozenset[URIRef]:
    """The individuals typed ``cls`` (``rdf:type``, not inferred)."""
    return frozenset(_ontology().subjects(RDF.type, cls))


@lru_cache(maxsize=None)
def parents(cls: URIRef) -> frozenset[URIRef]:
    """The classes ``cls`` is stated a direct subclass of."""
    return frozenset(_ontology().objects(cls, RDFS.subClassOf))


def event_classes() -> frozenset[URIRef]:
    """ng:Event and every class under it."""
    return subclasses(NG.Event)


@lru_cache(maxsize=None)
def event_type(cls: URIRef) -> str | None:
    """The contract event type (one of :data:`~newsgraph.ontology.EVENT_TYPES`) ``cls`` falls under, if any."""
    return next((t for t in EVENT_TYPES if NG[t] in superclasses(cls)), None)


@lru_cache(maxsize=None)
def term_label(term: URIRef) -> str:
    """The ``rdfs:label`` of an ontology term ("lawyer of", "Pretrial detention"); its local name if none."""
    label = _ontology().value(term, RDFS.label)
    return str(label) if label is not None else str(term).rsplit("#", 1)[-1]
