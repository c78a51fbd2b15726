"""Extraction: one article in, its RDF triples out. Touches no store.

``extract`` parses the article with the spaCy pipeline, finds its entities
(:mod:`newsgraph.loaders.extract.entities`) and returns an rdflib ``Graph`` holding
the ``ng:Article`` node (title, date, source) and, for every entity, its class,
each name form the article uses (``skos:altLabel``) and ``ng:mentionedIn``.
The one canonical ``rdfs:label`` per entity is written by the store's
resolution pass, which sees every article (:mod:`newsgraph.graph.resolve`).

Entity IRIs are minted from the folded full name, so the same person spelt
two ways in two articles starts from the same IRI wherever the spellings fold
alike (``Toqaev``/``Tokayev``); the resolution pass merges the rest.

Example:
    >>> from newsgraph.loaders.read.article import Article
    >>> g = extract(Article(text="Police in Minsk detained activist Anna Petrova on Monday."))
    >>> sorted(str(o) for o in g.objects(None, SKOS.altLabel))
    ['Anna Petrova', 'Minsk']
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from bisect import bisect_right

from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from newsgraph.ontology import ID_BASE, NG, bind_prefixes
from ..read.article import Article
from .entities import Entity, doc_text, find_entities, parsed_from
from .events.find import extract_events, find_events
from .events.roles import EventMentions
from .ties import extract_ties
from newsgraph.ontology.iris import CLASS_OF_KIND, entity_iri
from .nlp import load_nlp

__all__ = ["extract", "extract_doc", "extract_triples", "doc_triples", "entity_iri", "CLASS_OF_KIND",
           "EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = "newsgraph.extract.v1"


class _Triples(dict):
    """Triples in the order first added, each once: what an rdflib ``Graph`` would hold, without
    building its indexes (ingest only lists them)."""

    def add(self, triple: tuple) -> None:
        self[triple] = None


def article_triples(article: Article, g: Graph | _Triples) -> URIRef:
    a = URIRef(article.iri)
    g.add((a, RDF.type, NG.Article))
    if article.title:
        g.add((a, DCTERMS.title, Literal(article.title)))
    if article.date:
        g.add((a, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)))
    if article.url:
        g.add((a, DCTERMS.source, URIRef(article.url) if _is_iri(article.url) else Literal(article.url)))
    elif article.source:
        g.add((a, DCTERMS.source, Literal(article.source)))
    if article.author:
        g.add((a, DCTERMS.creator, Literal(article.author)))
    if article.id:
        g.add((a, DCTERMS.identifier, Literal(str(article.id))))
    return a


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://")) and not any(c in value for c in ' <>"{}|\\^`')


def extract_doc(article: Article, doc) -> tuple[Graph, list[Entity]]:
    """Triples (an rdflib ``Graph``) and entities of an article already parsed into ``doc`` (its ``full_text``)."""
    triples, entities = doc_triples(article, doc)
    g = bind_prefixes(Graph())
    for triple in triples:
        g.add(triple)
    return g, entities


def doc_triples(article: Article, doc) -> tuple[list[tuple], list[Entity]]:
    """:func:`extract_doc` with the triples as a list (each once, in the order found)."""
    g = _Triples()
    a = article_triples(article, g)
    entities = find_entities(doc)
    for e in entities:
        node = entity_iri(e.kind, e.label)
        g.add((node, RDF.type, CLASS_OF_KIND[e.kind]))
        for name in e.names:
            g.add((node, SKOS.altLabel, Literal(name)))
        g.add((node, NG.mentionedIn, a))
    sentence_triples(article, doc, entities, g)
    referents = EventMentions(doc, entities)  # one resolver for both readers
    events = find_events(doc, entities, article, referents)
    for triple in extract_events(doc, entities, article, events):
        g.add(triple)
    for triple in extract_ties(doc, entities, article, events, referents):
        g.add(triple)
    return list(g), entities


def sentence_triples(article: Article, doc, entities: list[Entity], g: Graph | _Triples) -> None:
    """One ``ng:Sentence`` node for each sentence naming two or more persons or organizations."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    named: dict[int, set] = {}
    for e in entities:
        node = entity_iri(e.kind, e.label)
        for m in e.mentions:
            named.setdefault(bisect_right(starts, m.start) - 1, set()).add((e.kind, node))
    a = URIRef(article.iri)
    key = article.key  # a hash of the text: computed once, not per sentence
    text = doc_text(doc)  # a sentence's .text joins its tokens again: cut from the text instead
    for i, members in sorted(named.items()):
        if sum(1 for kind, _ in members if kind in ("person", "org")) < 2 or i < 0:
            continue
        node = URIRef(f"{ID_BASE}sentence/{key}-{i}")
        g.add((node, RDF.type, NG.Sentence))
        g.add((node, NG.evidence, Literal(" ".join(text[sents[i].start_char:sents[i].end_char].split()))))
        g.add((node, PROV.wasDerivedFrom, a))
        for _, ent in sorted(members):
            g.add((node, NG.mentions, ent))


def extract(article: Article, nlp=None) -> Graph:
    """All triples of one article (see the module docstring)."""
    nlp = nlp or load_nlp()
    graph, _ = extract_doc(article, parsed_from(nlp(article.full_text), article.full_text))
    return graph


def extract_triples(article: Article, nlp=None) -> list[tuple]:
    """The triples of :func:`extract` as a list (each once), without building a ``Graph``: what ingest stores."""
    nlp = nlp or load_nlp()
    triples, _ = doc_triples(article, parsed_from(nlp(article.full_text), article.full_text))
    return triples
