"""The plain part of the ontology: base IRIs, prefixes and file locations as text, no rdflib.

Everything here is a string (or a path), so that a module needing only an IRI does not
load rdflib; :mod:`newsgraph.ontology` re-exports it all, with the rdflib terms
(:class:`~newsgraph.ontology.namespace.NG` and the prefixes as namespaces) beside it.

Example:
    >>> PREFIX_IRIS["ng"] == NG_NS, term_words("PretrialDetention")
    (True, 'Pretrial detention')
"""
from __future__ import annotations

from importlib.resources import files

__all__ = ["NG_NS", "ID_BASE", "ARTICLE_BASE", "RESOLUTION_GRAPH", "ONTOLOGY_PATH", "SHAPES_PATH", "PREFIX_IRIS",
           "EVENT_TYPES", "term_words"]

NG_NS = "https://w3id.org/newsgraph/ontology#"
"""The namespace of newsgraph's terms (``ng:``)."""

ID_BASE = "https://w3id.org/newsgraph/id/"
"""Base IRI of every node newsgraph mints (persons, events, articles, ...)."""

ARTICLE_BASE = "https://w3id.org/newsgraph/article/"
"""Base IRI of the articles' named graphs (and of the ng:Article nodes): ``ARTICLE_BASE + content key``."""

RESOLUTION_GRAPH = "https://w3id.org/newsgraph/graph/resolution"
"""Name of the graph that holds entity-resolution statements (merges, sameAs)."""

ONTOLOGY_PATH = files(__package__) / "newsgraph.ttl"
"""The ontology file (a ``pathlib.Path`` in a normal install)."""

SHAPES_PATH = files(__package__) / "shapes.ttl"
"""The SHACL shapes file."""

PREFIX_IRIS: dict[str, str] = {
    "ng": NG_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
}
"""Prefix -> namespace IRI bound on every graph newsgraph writes, for stable exports (what
pyoxigraph's ``prefixes=`` takes; :data:`~newsgraph.ontology.PREFIXES` holds them as rdflib namespaces)."""

EVENT_TYPES = ("Detention", "Charging", "Sentencing", "Release", "Protest", "Election", "Violence")
"""The seven event types of the graph contract (local names of ng: classes); every event class
of the ontology falls under one of them, or only under ng:Event."""


def term_words(name: str) -> str:
    """The local name of a class or property in words: ``"PretrialDetention"`` -> ``"Pretrial detention"``.

    Example:
        >>> term_words("PretrialDetention"), term_words("memberOf")
        ('Pretrial detention', 'Member of')
    """
    out = "".join(f" {c.lower()}" if c.isupper() and i else c for i, c in enumerate(name))
    return out[:1].upper() + out[1:]
