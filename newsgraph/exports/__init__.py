"""Exports: write the store in another format. :data:`EXPORTERS` maps a format
name to a function ``(store, out) -> count``; :func:`export` looks one up.

``out`` is a path (written atomically) or a binary handle. A new format is one
entry here: the CLI's ``--format`` choices come from this dict.

Example:
    >>> sorted(EXPORTERS)
    ['csv', 'gexf', 'graphml', 'html', 'json-ld', 'nquads', 'nt', 'trig', 'turtle']
"""
from __future__ import annotations

import functools
import os
import re
from typing import BinaryIO

from ..errors import ExportError

__all__ = ["EXPORTERS", "UNITS", "export", "RESULT_FORMATS", "format_results", "terminal_safe"]

class _Lazy:
    """An exporter imported on its first call, so that listing the formats (the CLI's
    ``--format`` choices) does not load rdflib's serializers, networkx and the HTML templates."""

    def __init__(self, module: str, name: str):
        self.module, self.__name__ = module, name

    def __call__(self, store, out, **options):
        import importlib

        return getattr(importlib.import_module(self.module, __name__), self.__name__)(store, out, **options)


EXPORTERS = {
    "turtle": _Lazy(".rdf", "export_turtle"),
    "nt": _Lazy(".rdf", "export_nt"),
    "json-ld": _Lazy(".rdf", "export_jsonld"),
    "nquads": _Lazy(".rdf", "export_nquads"),
    "trig": _Lazy(".rdf", "export_trig"),
    "graphml": _Lazy(".graphfiles", "export_graphml"),  # network formats: see newsgraph.exports.graphfiles
    "gexf": _Lazy(".graphfiles", "export_gexf"),
    "csv": _Lazy(".graphfiles", "export_csv"),  # a zip of nodes.csv and edges.csv
    "html": _Lazy(".html", "export_html"),  # the co-occurrence picture (newsgraph viz draws the others)
}
"""Format name -> exporter ``(store, out) -> number of items written`` (see :data:`UNITS`)."""

UNITS = {"nquads": "quads", "trig": "quads", "graphml": "nodes and edges", "gexf": "nodes and edges",
         "csv": "nodes and edges", "html": "nodes and edges"}
"""What an exporter's count counts, where it is not triples."""


def export(store, fmt: str, out: str | os.PathLike | BinaryIO, *, raw: bool = False) -> int:
    """Export ``store`` (an open Store, a store path, or ``None`` for the default
    store, opened read-only) as ``fmt`` to ``out``; return the triple (or quad) count.
    ``raw`` writes the ``csv`` tables without the formula guard (:mod:`.cells`).

    Example:
        >>> import io, tempfile
        >>> from newsgraph.graph.store import Store
        >>> path = tempfile.mkdtemp() + "/s"
        >>> Store.open(path).close()
        >>> export(path, "nt", io.BytesIO())
        0
    """
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})") from None
    if raw and fmt == "csv":
        exporter = functools.partial(exporter, raw=True)
    if hasattr(store, "query"):
        return exporter(store, out)
    from ..graph.store import Store

    with Store.open(store, read_only=True) as opened:
        return exporter(opened, out)


# ---------------------------------------------------------------- query results

def format_results(result, fmt: str = "table", *, raw: bool = False) -> str:
    """Render what :meth:`Store.query` returned as ``table`` (aligned, prefixed IRIs),
    ``json`` (SPARQL 1.1 JSON results) or ``csv`` (SPARQL 1.1 CSV results).

    ASK gives ``true``/``false``; CONSTRUCT/DESCRIBE graphs are written as Turtle
    (table), JSON-LD (json) or N-Triples (csv).

    Text from articles is untrusted, and ``table`` and ``json`` are printed to
    terminals: neither lets a control character (ESC and the other C0/C1 codes),
    a bidi override or a lone surrogate through. ``table`` shows each one as
    :func:`terminal_safe` does (``\\x1b``); ``json`` and the Turtle of ``table``
    write it as their own ``\\u001b`` escape, so their data stay exact. ``csv``
    has no escape syntax and goes to spreadsheets: a cell a spreadsheet would run as
    a formula gets a leading ``'`` (:func:`~newsgraph.exports.cells.spreadsheet_safe`)
    and control characters are shown as :func:`terminal_safe` shows them (tab and line
    feed kept); ``raw`` writes the exact data instead.

    Example:
        >>> from rdflib import Literal, URIRef
        >>> from newsgraph.graph.store import Rows
        >>> rows = Rows([(URIRef("https://w3id.org/newsgraph/ontology#Person"), Literal("Ann"))], ["type", "name"])
        >>> print(format_results(rows))
        type       name
        ---------  ----
        ng:Person  Ann
        (1 row)
    """
    try:
        render = RESULT_FORMATS[fmt]
    except KeyError:
        raise ExportError(f"unknown result format {fmt!r} (known: {', '.join(RESULT_FORMATS)})") from None
    return render(result, raw=True) if raw and render is _csv else render(result)


def _table(result) -> str:
    if isinstance(result, bool):
        return "true" if result else "false"
    if not hasattr(result, "vars"):
        return _u_escape(_UNSAFE_IN_TEXT, result.serialize(format="turtle").rstrip("\n"))
    names = _Namespaces()
    cells = [[terminal_safe(_cell(t, names)) for t in row] for row in result]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.vars)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.vars, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(lines)


def _json(result) -> str:
    from .results import boolean_json, solutions_json

    if isinstance(result, bool):
        return boolean_json(result)
    if not hasattr(result, "vars"):
        from ..ontology import PREFIXES

        return _u_escape(_UNSAFE_IN_TEXT, result.serialize(
            format="json-ld", auto_compact=True, context={p: str(ns) for p, ns in PREFIXES.items()}).rstrip("\n"))
    return _u_escape(_UNSAFE_IN_TEXT, solutions_json(result.vars, result, indent=2))


def _csv(result, raw: bool = False) -> str:
    import csv
    import io

    from .cells import spreadsheet_safe

    if isinstance(result, bool):
        return "true" if result else "false"
    if not hasattr(result, "vars"):
        text = result.serialize(format="nt").rstrip("\n")
        return text if raw else _u_escape(_UNSAFE_IN_TEXT, text)  # N-Triples reads \\u001b back

    def cell(term) -> str:
        text = "" if term is None else f"_:{term}" if type(term).__name__ == "BNode" else str(term)
        return text if raw else terminal_safe(spreadsheet_safe(text), lines=True)

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.vars)
    for row in result:
        writer.writerow([cell(t) for t in row])
    return buf.getvalue().rstrip("\n")


RESULT_FORMATS = {"table": _table, "json": _json, "csv": _csv}
"""Query result format name -> renderer ``(result) -> str``."""


# What a terminal would obey or show misleadingly: C0 and C1 control characters (ESC,
# CSI U+009B, BEL ...), line and paragraph separators, bidi marks, embeddings, overrides
# and isolates (they reverse or reorder what follows), and lone surrogates (which
# cannot even be encoded). Tab and line feed are listed apart (see terminal_safe).
_UNSAFE = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
           "\ud800-\udfff")
_UNSAFE_IN_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_IN_LINE = re.compile(f"[\t\n{_UNSAFE}]")


def terminal_safe(text: str, *, lines: bool = False) -> str:
    r"""``text`` made safe to print on a terminal: each control character, bidi
    control or lone surrogate is written as its Python escape (``\x1b``,
    ``\u202e``, ``\n``), visible and inert, so untrusted text cannot move the
    cursor, clear the screen, set the window title or reverse what follows it.
    Everything else, accents and other scripts included, is left as it is.
    With ``lines``, tab and line feed are kept (a report of several lines).
    Text that already went through it comes out unchanged.

    Example:
        >>> print(terminal_safe("Mara \x1b[2JQuell \u202eLAER\n"))
        Mara \x1b[2JQuell \u202eLAER\n
        >>> terminal_safe("Ана\tQuell\x07\n", lines=True)
        'Ана\tQuell\\x07\n'
    """
    pattern = _UNSAFE_IN_TEXT if lines else _UNSAFE_IN_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _u_escape(pattern, text: str) -> str:
    """``text`` (JSON or Turtle) with the characters ``pattern`` matches written as
    ``\\uXXXX``, an escape both formats read back as the same character."""
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class _Namespaces:
    """The prefixes of :data:`~newsgraph.ontology.PREFIXES`, as rdflib's namespace manager, made
    on the first IRI to show (a table of text alone does not load rdflib)."""

    manager = None

    def compute_qname(self, term, generate: bool = False):
        if self.manager is None:
            from rdflib import Graph

            from ..ontology import bind_prefixes

            self.manager = bind_prefixes(Graph(bind_namespaces="none")).namespace_manager
        return self.manager.compute_qname(term, generate=generate)


def _cell(term, names) -> str:
    if term is None:
        return ""
    if type(term) in (str, int):  # text made by newsgraph (a table of words, no term)
        return " ".join(str(term).split())
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        try:
            prefix, _ns, local = names.compute_qname(term, generate=False)
            return f"{prefix}:{local}" if prefix else str(term)
        except (KeyError, ValueError):
            return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())  # a literal on one line
