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
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from ..ontology import load_ontology

__all__ = ["subclasses", "subproperties", "instances", "superclasses", "term_label"]


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
def term_label(term: URIRef) -> str:
    """The ``rdfs:label`` of an ontology term ("lawyer of", "Pretrial detention"); its local name if none."""
    label = _ontology().value(term, RDFS.label)
    return str(label) if label is not None else str(term).rsplit("#", 1)[-1]
