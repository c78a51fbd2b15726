"""The IRIs newsgraph mints for the entities it extracts.

Example:
    >>> entity_iri("place", "Minsk")
    rdflib.term.URIRef('https://w3id.org/newsgraph/id/place/minsk')
"""
from __future__ import annotations

from rdflib import URIRef

from . import ID_BASE, NG
from ..text.names import slug

__all__ = ["CLASS_OF_KIND", "entity_iri"]

CLASS_OF_KIND = {"person": NG.Person, "org": NG.Organization, "place": NG.Place}
_PATH_OF_KIND = {"person": "person", "org": "org", "place": "place"}


def entity_iri(kind: str, label: str) -> URIRef:
    """The IRI minted for an entity of this kind and canonical name.

    >>> entity_iri("person", "Anna Petrova")
    rdflib.term.URIRef('https://w3id.org/newsgraph/id/person/ana-petrova')
    """
    return URIRef(f"{ID_BASE}{_PATH_OF_KIND[kind]}/{slug(label)}")


