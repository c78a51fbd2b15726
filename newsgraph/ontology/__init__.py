"""The newsgraph ontology: typo-safe terms, prefixes, and the ontology and shapes files.

``newsgraph.ttl`` beside this module is the source of truth; :class:`NG` lists
exactly its terms (a test keeps the two equal), so ``NG.Detention`` works and
``NG.Detentoin`` raises ``AttributeError``. ``shapes.ttl`` holds the SHACL
shapes that ``newsgraph.ontology.validate.validate`` checks a graph against
(not re-exported here, so the module name is not shadowed by the function and
importing the namespace does not import pySHACL).

Example:
    >>> from rdflib import Graph
    >>> from newsgraph.ontology import NG, bind_prefixes
    >>> str(NG.Detention)
    'https://w3id.org/newsgraph/ontology#Detention'
    >>> g = bind_prefixes(Graph())
    >>> g.namespace_manager.qname(NG.hasTarget)
    'ng:hasTarget'
"""
from .base import (ARTICLE_BASE, EVENT_TYPES, ID_BASE, NG_NS, ONTOLOGY_PATH, PREFIX_IRIS, RESOLUTION_GRAPH,
                   SHAPES_PATH, term_words)

__all__ = [
    "NG", "PREFIXES", "PREFIX_IRIS", "bind_prefixes", "ONTOLOGY_PATH", "SHAPES_PATH", "load_ontology",
    "load_shapes", "ID_BASE", "ARTICLE_BASE", "RESOLUTION_GRAPH", "CONTRACT_CLASSES", "CONTRACT_PROPERTIES",
    "EVENT_TYPES", "term_words", "NG_NS",
]

_RDFLIB_NAMES = {"NG", "PREFIXES", "SCHEMA", "SEM", "ORG", "bind_prefixes", "load_ontology", "load_shapes",
                 "CONTRACT_CLASSES", "CONTRACT_PROPERTIES"}


def __getattr__(name: str):
    """The rdflib terms (:mod:`newsgraph.ontology.namespace`) load on first use, so that a
    module needing only the plain IRIs of :mod:`newsgraph.ontology.base` does not load rdflib."""
    if name not in _RDFLIB_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import namespace

    value = getattr(namespace, name)
    globals()[name] = value
    return value
