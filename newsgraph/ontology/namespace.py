"""The ontology's rdflib side: :class:`NG`, the prefixes as namespaces, the parsed files.

Example:
    >>> from rdflib import Graph
    >>> str(NG.Detention)
    'https://w3id.org/newsgraph/ontology#Detention'
    >>> bind_prefixes(Graph()).namespace_manager.qname(NG.hasTarget)
    'ng:hasTarget'
"""
# No ``from __future__ import annotations`` here: DefinedNamespace reads the
# class annotations at run time and expects real classes, not strings.
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .base import EVENT_TYPES, NG_NS, ONTOLOGY_PATH, PREFIX_IRIS, SHAPES_PATH

__all__ = ["NG", "PREFIXES", "SCHEMA", "SEM", "ORG", "bind_prefixes", "load_ontology", "load_shapes",
           "CONTRACT_CLASSES", "CONTRACT_PROPERTIES"]


class NG(DefinedNamespace):
    """The terms of ``newsgraph.ttl``; unknown names raise ``AttributeError``.

    Example:
        >>> NG.Sentencing
        rdflib.term.URIRef('https://w3id.org/newsgraph/ontology#Sentencing')
        >>> "Detention" in NG, "Detentoin" in NG
        (True, False)
    """

    _fail = True
    _NS = Namespace(NG_NS)

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


SCHEMA = Namespace(PREFIX_IRIS["schema"])
SEM = Namespace(PREFIX_IRIS["sem"])
ORG = Namespace(PREFIX_IRIS["org"])

PREFIXES: dict[str, Namespace] = {prefix: NG._NS if prefix == "ng" else Namespace(iri)
                                  for prefix, iri in PREFIX_IRIS.items()}
"""Prefix -> namespace bound on every graph newsgraph writes, for stable exports."""

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


def _read(resource) -> str:
    return resource.read_text(encoding="utf-8")
