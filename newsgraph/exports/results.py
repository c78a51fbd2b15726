"""SPARQL result formats: the one writer of each, and choosing one by an ``Accept`` header.

The SPARQL endpoint answers in them, and the CLI's ``--format json`` is the same JSON.

SELECT results: SPARQL 1.1 JSON, XML, CSV and TSV; ASK: JSON and XML;
CONSTRUCT and DESCRIBE: Turtle, N-Triples and JSON-LD. :func:`choose` picks
one from an ``Accept`` header (q-values and wildcards honoured) or a ``format``
parameter; the writers take pyoxigraph terms and stop at a row cap.

Example:
    >>> choose("text/csv;q=0.5, application/sparql-results+xml", "solutions")
    'xml'
    >>> choose("*/*", "graph"), choose(None, "boolean")
    ('turtle', 'json')
    >>> write_solutions(["x"], [[ox.Literal("a,b")]], "csv")
    b'x\\r\\n"a,b"\\r\\n'
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Identifier

from .cells import spreadsheet_safe

__all__ = ["MEDIA_TYPES", "FORMATS", "choose", "accept_ranges", "solutions_json", "boolean_json", "write_solutions", "write_boolean",
           "write_graph"]

MEDIA_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json",
}
"""Format name -> the media type answered."""

FORMATS = {
    "solutions": {"json": ["application/sparql-results+json", "application/json"],
                  "xml": ["application/sparql-results+xml", "application/xml", "text/xml"],
                  "csv": ["text/csv"], "tsv": ["text/tab-separated-values"]},
    "boolean": {"json": ["application/sparql-results+json", "application/json"],
                "xml": ["application/sparql-results+xml", "application/xml", "text/xml"]},
    "graph": {"turtle": ["text/turtle", "application/x-turtle"],
              "nt": ["application/n-triples", "text/plain"],
              "json-ld": ["application/ld+json", "application/json"]},
}
"""Kind of result -> format name -> the media types that ask for it (first: the default)."""

_ALIASES = {"ntriples": "nt", "n-triples": "nt", "jsonld": "json-ld", "ttl": "turtle",
            "srj": "json", "srx": "xml"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def choose(accept: str | None, kind: str, fmt: str | None = None) -> str | None:
    """The format name for a result of ``kind`` (``solutions``, ``boolean``, ``graph``),
    from the ``format`` parameter if given, else the ``Accept`` header; None if the
    client accepts none of ours."""
    offered = FORMATS[kind]
    if fmt:
        name = _ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
        if name in offered:
            return name
        return next((n for n, types in offered.items() if name in types), None)
    if not accept or not accept.strip():
        return next(iter(offered))
    wanted = [(-q, media.count("*"), position, media) for q, position, media in accept_ranges(accept)]
    for _q, _stars, _pos, media in sorted(wanted):
        for name, types in offered.items():
            if media == "*/*" or media in types or any(
                    media.endswith("/*") and t.startswith(media[:-1]) for t in types):
                return name
    return None


def accept_ranges(accept: str) -> list[tuple[float, int, str]]:
    """The media ranges of an ``Accept`` header as (quality, position, media type), those of
    quality 0 left out.

    Example:
        >>> accept_ranges("text/html;q=0.9, text/turtle, */*;q=0")
        [(0.9, 0, 'text/html'), (1.0, 1, 'text/turtle')]
    """
    out = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            out.append((q, position, media))
    return out


# ---------------------------------------------------------------- writers

def solutions_json(variables: list[str], rows, *, indent: int | None = None) -> str:
    """SELECT rows (sequences of pyoxigraph or rdflib terms, or None) as SPARQL 1.1 JSON results.

    Example:
        >>> from rdflib import URIRef
        >>> solutions_json(["x"], [[URIRef("https://example.org/a")], [None]])
        '{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "https://example.org/a"}}, {}]}}'
    """
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=indent)


def boolean_json(value: bool) -> str:
    """An ASK answer as SPARQL 1.1 JSON results."""
    return json.dumps({"head": {}, "boolean": bool(value)})


def write_solutions(variables: list[str], rows: list, fmt: str, *, raw: bool = False) -> bytes:
    """SELECT rows (sequences of pyoxigraph terms or None) in format ``fmt``."""
    if fmt == "json":
        return solutions_json(variables, rows).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(variables, row) if t is not None]
            out.append("</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_term(t) if raw else spreadsheet_safe(_csv_term(t)) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t if raw else _tsv_safe(t)) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown results format {fmt!r}")


def write_boolean(value: bool, fmt: str) -> bytes:
    """An ASK answer in ``fmt`` (json or xml)."""
    if fmt == "json":
        return boolean_json(value).encode("utf-8")
    return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
            f"<head/>\n<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n").encode("utf-8")


def write_graph(triples: list, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """CONSTRUCT/DESCRIBE triples (pyoxigraph) as Turtle, N-Triples or JSON-LD."""
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                  "json-ld": ox.RdfFormat.JSON_LD}[fmt]
    if fmt == "nt":
        return ox.serialize(triples, format=rdf_format)
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes or {})


def _json_term(term) -> dict:
    if isinstance(term, Identifier):  # an rdflib term
        if isinstance(term, URIRef):
            return {"type": "uri", "value": str(term)}
        if isinstance(term, BNode):
            return {"type": "bnode", "value": str(term)}
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # an RDF-star triple, written as text


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(_xml_chars(term.value))}</literal>"
        if term.datatype.value != _XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(_xml_chars(term.value))}</literal>")
        return f"<literal>{escape(_xml_chars(term.value))}</literal>"
    return f"<literal>{escape(_xml_chars(str(term)))}</literal>"


def _xml_chars(text: str) -> str:
    """XML 1.0 cannot carry most control characters: they become U+FFFD."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)


def _tsv_safe(term):
    """A literal whose text a spreadsheet would run as a formula, with a leading ``'``
    (:func:`~newsgraph.exports.cells.spreadsheet_safe`); other terms as they are."""
    if not isinstance(term, ox.Literal) or spreadsheet_safe(term.value) == term.value:
        return term
    if term.language:
        return ox.Literal(spreadsheet_safe(term.value), language=term.language)
    return ox.Literal(spreadsheet_safe(term.value), datatype=term.datatype)


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)
