"""Network files for Gephi, Cytoscape, yEd and spreadsheets: GraphML, GEXF and CSV.

Writers take a networkx graph (from :mod:`newsgraph.exports.network`) and a
path (written atomically) or a binary handle; the ``export_*`` functions are
the ``graphml``, ``gexf`` and ``csv`` entries of
:data:`newsgraph.exports.EXPORTERS` and write :func:`~newsgraph.exports.network.network_graph`
(co-occurrence, affiliation and event edges together).

* **GraphML** keeps every node and edge attribute with its type (``read_graphml``
  gives them back).
* **GEXF** (Gephi) does too, and event nodes with a known date get ``start`` and
  ``end`` (ISO days: a month or a year becomes its whole span), so Gephi's
  timeline can play the events; the graph is then ``mode="dynamic"``.
* **CSV** is two tables, ``nodes.csv`` (``id``, ``label``, ``type``, ...) and
  ``edges.csv`` (``source``, ``target``, ``weight``, ...), UTF-8, comma-separated,
  header first: the column names Gephi's spreadsheet import expects. The
  exporter puts both in one zip file (so it can go to standard output);
  :func:`write_csv` writes them as two files. A text cell that a spreadsheet
  would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return: article text is untrusted) gets a leading ``'``.

XML cannot hold most control characters; they are dropped from strings in
GraphML and GEXF.

Example:
    >>> import io, zipfile
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("a", label="=1+1")
    >>> g.add_edge("a", "b", weight=2)
    >>> nodes, edges = generate_csv(g)
    >>> print(nodes)
    id,label
    a,'=1+1
    b,
    <BLANKLINE>
"""
from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from typing import BinaryIO

from .cells import spreadsheet_safe
from ..errors import ExportError
from .html import write_html

__all__ = ["write_network", "WRITERS", "write_graphml", "write_gexf", "write_csv", "write_csv_zip", "generate_csv",
           "export_graphml", "export_gexf", "export_csv", "NODE_COLUMNS", "EDGE_COLUMNS"]

NODE_COLUMNS = ("id", "label", "type", "category", "aliases", "articles", "degree", "community",
                "date", "start", "end", "evidence")
"""Node CSV columns, in order (those no node has are left out; others follow, sorted)."""

EDGE_COLUMNS = ("source", "target", "kind", "weight", "relation", "role", "articles", "evidence")
"""Edge CSV columns, in order (same rule). No ``type`` column: Gephi reads that as directedness."""

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# ---------------------------------------------------------------- writers

def write_graphml(graph, out: str | os.PathLike | BinaryIO) -> None:
    """Write ``graph`` as GraphML (attributes typed; ``networkx.read_graphml`` reads it back)."""
    import networkx as nx

    _write(lambda fh: nx.write_graphml(_xml_safe(graph), fh, encoding="utf-8"), out)


def write_gexf(graph, out: str | os.PathLike | BinaryIO) -> None:
    """Write ``graph`` as GEXF 1.2 for Gephi; nodes with ``start``/``end`` make it dynamic."""
    import networkx as nx

    _write(lambda fh: nx.write_gexf(_xml_safe(graph), fh, encoding="utf-8"), out)


def generate_csv(graph, *, raw: bool = False) -> tuple[str, str]:
    """The node table and the edge table of ``graph`` as CSV text (``raw``: no formula
    guard, see :mod:`newsgraph.exports.cells`)."""
    node_rows = [{"id": str(node), **attrs} for node, attrs in graph.nodes(data=True)]
    edge_rows = [{"source": str(a), "target": str(b), **attrs} for a, b, attrs in graph.edges(data=True)]
    return _table(node_rows, NODE_COLUMNS, raw), _table(edge_rows, EDGE_COLUMNS, raw)


def write_csv(graph, nodes_out: str | os.PathLike | BinaryIO, edges_out: str | os.PathLike | BinaryIO) -> None:
    """Write the node table and the edge table of ``graph`` to two files (or handles)."""
    from .rdf import write_bytes

    nodes, edges = generate_csv(graph)
    write_bytes(nodes.encode("utf-8"), nodes_out)
    write_bytes(edges.encode("utf-8"), edges_out)


def write_csv_zip(graph, out: str | os.PathLike | BinaryIO, *, raw: bool = False) -> None:
    """Write ``nodes.csv`` and ``edges.csv`` of ``graph`` into one zip file."""
    nodes, edges = generate_csv(graph, raw=raw)

    def dump(fh):
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("nodes.csv", nodes)
            archive.writestr("edges.csv", edges)
    _write(dump, out)


def write_network(graph, path: str | os.PathLike, **html_options) -> list:
    """Write ``graph`` in the format its file suffix names (see :data:`WRITERS`); return
    the paths written. ``.csv`` writes two files beside each other, ``NAME.nodes.csv``
    and ``NAME.edges.csv``; ``html_options`` go to :func:`~newsgraph.exports.html.write_html`."""
    from pathlib import Path

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        paths = [path.with_suffix(".nodes.csv"), path.with_suffix(".edges.csv")]
        write_csv(graph, *paths)
        return paths
    try:
        writer = WRITERS[suffix]
    except KeyError:
        known = ", ".join(sorted(set(WRITERS) | {".csv"}))
        raise ExportError(f"{path}: cannot tell the format from {suffix or 'no suffix'!r} "
                          f"(use one of {known})") from None
    if writer is write_html:
        writer(graph, path, **html_options)
    else:
        writer(graph, path)
    return [path]


# ---------------------------------------------------------------- exporters (EXPORTERS entries)

def export_graphml(store, out: str | os.PathLike | BinaryIO) -> int:
    """Write the store's network as GraphML; return nodes + edges written."""
    return _export(store, out, write_graphml)


def export_gexf(store, out: str | os.PathLike | BinaryIO) -> int:
    """Write the store's network as GEXF; return nodes + edges written."""
    return _export(store, out, write_gexf)


def export_csv(store, out: str | os.PathLike | BinaryIO, *, raw: bool = False) -> int:
    """Write the store's network as a zip of ``nodes.csv`` and ``edges.csv``; return nodes + edges.
    ``raw`` leaves out the formula guard (:mod:`newsgraph.exports.cells`)."""
    return _export(store, out, lambda graph, out: write_csv_zip(graph, out, raw=raw))


def _export(store, out, writer) -> int:
    from .network import network_graph

    graph = network_graph(store)
    writer(graph, out)
    return graph.number_of_nodes() + graph.number_of_edges()


WRITERS = {".html": write_html, ".htm": write_html, ".graphml": write_graphml, ".gexf": write_gexf,
           ".zip": write_csv_zip}
"""File suffix -> writer ``(graph, out)``; ``.csv`` is handled by :func:`write_network`."""


# ---------------------------------------------------------------- helpers

def _write(dump, out) -> None:
    """Run ``dump(binary handle)`` into memory, then write the bytes to ``out``."""
    from .rdf import write_bytes

    buf = io.BytesIO()
    try:
        dump(buf)
    except (TypeError, ValueError, KeyError) as exc:  # networkx refusing an attribute
        raise ExportError(f"cannot write the network: {type(exc).__name__}: {exc}") from None
    write_bytes(buf.getvalue(), out)


def _xml_safe(graph):
    """A copy of ``graph`` without None attributes and with XML-illegal characters dropped."""
    def clean(attrs):
        return {k: _XML_BAD.sub("", v) if isinstance(v, str) else v for k, v in attrs.items() if v is not None}

    safe = graph.__class__()
    safe.graph.update(clean(graph.graph))
    safe.add_nodes_from((_XML_BAD.sub("", str(n)), clean(a)) for n, a in graph.nodes(data=True))
    safe.add_edges_from((_XML_BAD.sub("", str(a)), _XML_BAD.sub("", str(b)), clean(d))
                        for a, b, d in graph.edges(data=True))
    return safe


def _table(rows: list[dict], preferred: tuple, raw: bool = False) -> str:
    present = {k for row in rows for k in row}
    columns = [c for c in preferred if c in present] + sorted(present - set(preferred))
    if not columns:
        columns = list(preferred[:2])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c), raw) for c in columns])
    return buf.getvalue()


def _cell(value, raw: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return str(value) if raw else spreadsheet_safe(str(value))
