"""Check a graph against the newsgraph SHACL shapes.

:func:`validate` runs pySHACL with ``shapes.ttl`` over the data plus the
ontology, so a finer class (``ng:PretrialDetention``) is checked as its parent
(``ng:Event``). No RDFS inference is run: it would turn a wrong object of
``ng:place`` into an ``ng:Place`` by its range instead of reporting it.

Example:
    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import RDF, RDFS
    >>> from newsgraph.ontology import NG
    >>> g = Graph()
    >>> person = URIRef("https://w3id.org/newsgraph/id/person/ann-example")
    >>> _ = g.add((person, RDF.type, NG.Person)).add((person, RDFS.label, Literal("Ann Example")))
    >>> report = validate(g)
    >>> report.conforms
    False
    >>> [v.message for v in report.violations]
    ['needs at least one ng:mentionedIn to the article that names it']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from newsgraph.errors import NewsgraphError
# the package defines these before it imports this module
from newsgraph.ontology import bind_prefixes, load_ontology, load_shapes

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["Violation", "ValidationReport", "validate", "format_report"]

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, what is wrong, how bad.

    ``severity`` is ``"Violation"``, ``"Warning"`` or ``"Info"``; ``path`` is
    ``None`` for node-level results; ``value`` is the offending value if any.
    """

    focus: Node
    path: Node | None
    message: str
    severity: str = "Violation"
    value: Node | None = None


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`. ``conforms`` ignores warnings and infos."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.conforms


def validate(data: Graph | Dataset | pyoxigraph.Store) -> ValidationReport:
    """Validate a graph against the newsgraph shapes and ontology.

    Parameters
    ----------
    data : rdflib.Graph, rdflib.Dataset or pyoxigraph.Store
        The data; every named graph of a dataset or store is validated as one
        union graph, so entities and events may sit in different graphs.

    Returns
    -------
    ValidationReport
        ``conforms`` is False when any result has severity Violation.

    Raises
    ------
    NewsgraphError
        If pySHACL fails (a broken shapes file, not broken data).

    Example
    -------
    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
    """
    import pyshacl  # deferred: importing pySHACL costs time every command would pay

    union = _union_with_ontology(data)
    try:
        _conforms, results, _text = pyshacl.validate(
            union, shacl_graph=load_shapes(),  # a fresh one: pySHACL adds triples to it
            inference="none", advanced=False,
            allow_warnings=True, allow_infos=True, inplace=True)
    except Exception as exc:  # pySHACL raises many types; none is the user's data
        raise NewsgraphError(f"SHACL validation failed: {exc}") from exc
    violations = sorted(_read_results(results), key=_sort_key)
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations), violations=violations)


def format_report(report: ValidationReport) -> str:
    """One line per result: ``severity  focus  path  message [value]``; a summary if none.

    Example
    -------
    >>> format_report(ValidationReport(conforms=True))
    'Conforms: no violations.'
    """
    if not report.violations:
        return "Conforms: no violations."
    names = bind_prefixes(Graph()).namespace_manager
    lines = []
    for v in report.violations:
        parts = [v.severity, _show(v.focus, names), _show(v.path, names) if v.path is not None else "-",
                 v.message]
        if v.value is not None:
            parts.append(f"(value: {_show(v.value, names)})")
        lines.append(" ".join(parts))
    return "\n".join(lines)


def _union_with_ontology(data) -> Graph:
    """A new in-memory graph: the ontology plus every triple of ``data``."""
    union = load_ontology()
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
    elif isinstance(data, Graph):
        union += data
    elif hasattr(data, "quads_for_pattern"):  # a pyoxigraph.Store
        for quad in data.quads_for_pattern(None, None, None, None):
            union.add((_from_oxigraph(quad.subject), _from_oxigraph(quad.predicate),
                       _from_oxigraph(quad.object)))
    else:
        raise TypeError("validate() needs an rdflib Graph, Dataset or pyoxigraph Store, "
                        f"not {type(data).__name__}")
    return union


def _from_oxigraph(term) -> Node:
    """The rdflib term for a pyoxigraph term (a plain string literal stays plain)."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise TypeError(f"cannot validate an RDF-star triple term: {term}")


def _read_results(results: Graph):
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = results.value(result, SH.resultMessage)
        focus, value = results.value(result, SH.focusNode), results.value(result, SH.value)
        yield Violation(
            focus=focus,
            path=results.value(result, SH.resultPath),
            message=str(message) if message is not None else "does not conform",
            severity=SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation"),
            value=None if value == focus else value,
        )


def _sort_key(v: Violation) -> tuple:
    return (str(v.focus), str(v.path or ""), v.message, str(v.value or ""))


def _show(node: Node, names) -> str:
    try:
        return node.n3(names)
    except Exception:  # a term that cannot be abbreviated
        return str(node)
