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
# No ``from __future__ import annotations`` here: DefinedNamespace reads the
# class annotations at run time and expects real classes, not strings.
from importlib.resources import files

from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DCTERMS, DefinedNamespace

__all__ = [
    "NG", "PREFIXES", "PREFIX_IRIS", "bind_prefixes", "ONTOLOGY_PATH", "SHAPES_PATH", "load_ontology",
    "load_shapes", "ID_BASE", "ARTICLE_BASE", "RESOLUTION_GRAPH", "CONTRACT_CLASSES", "CONTRACT_PROPERTIES",
    "EVENT_TYPES", "term_words",
]

ID_BASE = "https://w3id.org/newsgraph/id/"
"""Base IRI of every node newsgraph mints (persons, events, articles, ...)."""

ARTICLE_BASE = "https://w3id.org/newsgraph/article/"
"""Base IRI of the articles' named graphs (and of the ng:Article nodes): ``ARTICLE_BASE + content key``."""

RESOLUTION_GRAPH = "https://w3id.org/newsgraph/graph/resolution"
"""Name of the graph that holds entity-resolution statements (merges, sameAs)."""

ONTOLOGY_PATH = files(__name__) / "newsgraph.ttl"
"""The ontology file (a ``pathlib.Path`` in a normal install)."""

SHAPES_PATH = files(__name__) / "shapes.ttl"
"""The SHACL shapes file."""


class NG(DefinedNamespace):
    """The terms of ``newsgraph.ttl``; unknown names raise ``AttributeError``.

    Example:
        >>> NG.Sentencing
        rdflib.term.URIRef('https://w3id.org/newsgraph/ontology#Sentencing')
        >>> "Detention" in NG, "Detentoin" in NG
        (True, False)
    """

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/ontology#")

    # actors, places, sources, accusations (contract classes)
    Person: URIRef  # a named human being
    Organization: URIRef  # a named body: party, ministry, court, security service, NGO, ...
    Place: URIRef  # a named country, region, city, district, building
    Article: URIRef  # a source document
    Charge: URIRef  # an accusation or offence, labelled in the text's words

    # events (contract classes)
    Event: URIRef  # something that happened or was planned, at a time and place
    Detention: URIRef  # detained, arrested, taken into custody
    Charging: URIRef  # charged, accused, suspected, prosecuted
    Sentencing: URIRef  # sentenced, jailed for a term, fined, convicted
    Release: URIRef  # released, freed, let go
    Protest: URIRef  # rally, demonstration, march, picket (held or planned)
    Election: URIRef  # a vote: presidential, parliamentary, referendum
    Violence: URIRef  # killings, deaths, injuries, shootings, torture

    # finer event classes
    PretrialDetention: URIRef  # custody ordered before trial (under Detention)
    AdministrativeArrest: URIRef  # short custody for an administrative offence (under Detention)
    HouseArrest: URIRef  # confinement to one's home (under Detention)
    Conviction: URIRef  # found guilty (under Sentencing)
    Fine: URIRef  # a monetary penalty (under Sentencing)
    Acquittal: URIRef  # found not guilty (under Event: neither Sentencing nor Release)
    Killing: URIRef  # a violent death (under Violence)
    Injury: URIRef  # people wounded or beaten (under Violence)
    Torture: URIRef  # torture or ill-treatment (under Violence)
    Referendum: URIRef  # a vote on a question (under Election)

    # auxiliary classes and modality individuals
    Modality: URIRef  # how the text presents an event or tie
    Tie: URIRef  # a reified tie carrying evidence and provenance
    Sentence: URIRef  # an article sentence naming two or more actors (co-mention evidence)
    Asserted: URIRef  # modality: stated as fact (the default)
    Planned: URIRef  # modality: announced, not yet happened
    Alleged: URIRef  # modality: a claim of some party
    Denied: URIRef  # modality: stated and denied
    CalledFor: URIRef  # modality: demanded, not decided
    Pending: URIRef  # modality: begun, not concluded

    # event roles, place, time (contract properties)
    hasTarget: URIRef  # Event -> Person/Organization it happened to
    hasAgent: URIRef  # Event -> Person/Organization who did it
    hasParticipant: URIRef  # Event -> Person/Organization who took part otherwise
    winner: URIRef  # Election -> Person/Organization who won
    place: URIRef  # Event -> Place where
    date: URIRef  # Event -> xsd:date, gYearMonth, gYear or gMonthDay
    charge: URIRef  # Event -> Charge behind it
    chargedWith: URIRef  # Person -> Charge against them
    penalty: URIRef  # Sentencing -> penalty as stated

    # ties (contract properties and finer sub-properties)
    memberOf: URIRef  # Person -> Organization: membership, leadership, employment, candidacy
    leaderOf: URIRef  # under memberOf: heads the organization
    candidateOf: URIRef  # under memberOf: stands as its candidate
    employedBy: URIRef  # under memberOf: works for it
    founderOf: URIRef  # under memberOf: founded it
    linkedTo: URIRef  # Person -> Person: any other stated tie
    lawyerOf: URIRef  # under linkedTo: defence lawyer of
    relativeOf: URIRef  # under linkedTo: family tie
    supporterOf: URIRef  # under linkedTo: supports
    successorOf: URIRef  # under linkedTo: followed in an office
    coDefendantOf: URIRef  # under linkedTo: tried in the same case

    # provenance (contract properties)
    mentionedIn: URIRef  # any -> Article that mentions it
    evidence: URIRef  # Event, Tie or Sentence -> the sentence it was read from
    mentions: URIRef  # Sentence -> an actor or place it names

    # extraction details
    modality: URIRef  # Event or Tie -> Modality individual
    confidence: URIRef  # any -> xsd:decimal in [0, 1]
    targetCount: URIRef  # Event -> number of unnamed targets
    trigger: URIRef  # Event -> the word that signals it
    penaltyDays: URIRef  # Sentencing -> penalty as a number of days
    penaltyAmount: URIRef  # Sentencing -> amount of a fine
    penaltyCurrency: URIRef  # Sentencing -> currency of the fine

    # reified ties
    tieSubject: URIRef  # Tie -> its subject
    tieProperty: URIRef  # Tie -> its property (memberOf, linkedTo or finer)
    tieObject: URIRef  # Tie -> its object


SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")

PREFIXES: dict[str, Namespace] = {
    "ng": NG._NS,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "schema": SCHEMA,
    "sem": SEM,
    "org": ORG,
}
"""Prefix -> namespace bound on every graph newsgraph writes, for stable exports."""

PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
"""The same prefixes as plain strings (what pyoxigraph's ``prefixes=`` takes)."""

EVENT_TYPES = ("Detention", "Charging", "Sentencing", "Release", "Protest", "Election", "Violence")
"""The seven event types of the graph contract (local names of ng: classes); every event class
of the ontology falls under one of them, or only under ng:Event."""

CONTRACT_CLASSES = frozenset(NG[name] for name in (
    "Person", "Organization", "Place", "Event", *EVENT_TYPES, "Charge", "Article"))
"""The classes of the graph contract; every domain class reaches one by subClassOf*."""

CONTRACT_PROPERTIES = frozenset(NG[name] for name in (
    "hasTarget", "hasAgent", "hasParticipant", "winner", "place", "date", "charge",
    "chargedWith", "penalty", "memberOf", "linkedTo", "mentionedIn", "evidence"))
"""The ng: properties of the graph contract."""


def bind_prefixes(graph: Graph | Dataset) -> Graph | Dataset:
    """Bind :data:`PREFIXES` on a graph, replacing clashing bindings; return the graph.

    Example:
        >>> from rdflib import Graph
        >>> bind_prefixes(Graph()).namespace_manager.expand_curie("sem:Event")
        rdflib.term.URIRef('http://semanticweb.cs.vu.nl/2009/11/sem/Event')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def load_ontology() -> Graph:
    """Parse ``newsgraph.ttl`` into a new graph with :data:`PREFIXES` bound.

    Example:
        >>> from rdflib.namespace import RDFS
        >>> (NG.PretrialDetention, RDFS.subClassOf, NG.Detention) in load_ontology()
        True
    """
    graph = Graph()
    graph.parse(data=_read(ONTOLOGY_PATH), format="turtle")
    return bind_prefixes(graph)


def load_shapes() -> Graph:
    """Parse ``shapes.ttl`` (the SHACL shapes) into a new graph.

    Example:
        >>> len(load_shapes()) > 0
        True
    """
    graph = Graph()
    graph.parse(data=_read(SHAPES_PATH), format="turtle")
    return bind_prefixes(graph)


def term_words(name: str) -> str:
    """The local name of a class or property in words: ``"PretrialDetention"`` -> ``"Pretrial detention"``.

    Example:
        >>> term_words("PretrialDetention"), term_words("memberOf")
        ('Pretrial detention', 'Member of')
    """
    out = "".join(f" {c.lower()}" if c.isupper() and i else c for i, c in enumerate(name))
    return out[:1].upper() + out[1:]


def _read(resource) -> str:
    return resource.read_text(encoding="utf-8")
