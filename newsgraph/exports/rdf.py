"""RDF exports: the store as Turtle, N-Triples, JSON-LD (one merged graph) or
N-Quads, TriG (named graphs kept).

Union formats merge every graph into one rdflib ``Graph`` with the newsgraph
prefixes bound, leaving out each ``skos:altLabel`` that repeats the node's
``rdfs:label``. Dataset formats keep each article's named graph and the
resolution graph, so they can be loaded back into a store as they were.

A path is written through a temporary file in the same folder and renamed into
place: a failed export never leaves a half-written file, and never clobbers an
older export with one.

Example:
    >>> import io, tempfile
    >>> from newsgraph.graph.store import Store
    >>> with Store.open(tempfile.mkdtemp() + "/s") as store:
    ...     out = io.BytesIO()
    ...     export_turtle(store, out)
    0
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from ..errors import ExportError, NewsgraphError
from ..ontology import PREFIXES, bind_prefixes
from ..text.sparql import internal_query

__all__ = ["export_turtle", "export_nt", "export_jsonld", "export_nquads", "export_trig",
           "union_graph", "write_bytes", "UNION_QUERY"]

UNION_QUERY = internal_query("union_triples")
"""Every distinct triple of all graphs, minus altLabels equal to the node's label."""


def union_graph(store) -> Graph:
    """All graphs of ``store`` merged into one rdflib Graph (see :data:`UNION_QUERY`)."""
    graph = bind_prefixes(Graph())
    for triple in store.query(UNION_QUERY):
        graph.add(triple)
    return graph


def export_turtle(store, out: str | os.PathLike | BinaryIO) -> int:
    """Write the union graph as Turtle; return the number of triples."""
    return _union(store, out, "turtle")


def export_nt(store, out: str | os.PathLike | BinaryIO) -> int:
    """Write the union graph as N-Triples; return the number of triples."""
    return _union(store, out, "nt")


def export_jsonld(store, out: str | os.PathLike | BinaryIO) -> int:
    """Write the union graph as JSON-LD (prefixes as its ``@context``); return the number of triples."""
    return _union(store, out, "json-ld")


def export_nquads(store, out: str | os.PathLike | BinaryIO) -> int:
    """Write every named graph as N-Quads; return the number of quads."""
    return _dataset(store, out, "nquads")


def export_trig(store, out: str | os.PathLike | BinaryIO) -> int:
    """Write every named graph as TriG; return the number of quads."""
    return _dataset(store, out, "trig")


def write_bytes(data: bytes, out: str | os.PathLike | BinaryIO) -> None:
    """Write ``data`` to a binary handle, or to a path atomically (temp file + rename)."""
    if hasattr(out, "write"):
        out.write(data)
        out.flush()
        return
    path = Path(out)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _union(store, out, fmt: str) -> int:
    graph = union_graph(store)
    options = {"context": {p: str(ns) for p, ns in PREFIXES.items()}, "auto_compact": True} \
        if fmt == "json-ld" else {}
    write_bytes(_serialize(graph, fmt, **options), out)
    return len(graph)


def _dataset(store, out, fmt: str) -> int:
    dataset = store.to_dataset()
    write_bytes(_serialize(dataset, fmt), out)
    return sum(1 for _ in dataset.quads((None, None, None, None)))


def _serialize(graph, fmt: str, **options) -> bytes:
    try:
        return graph.serialize(format=fmt, encoding="utf-8", **options)
    except NewsgraphError:
        raise
    except Exception as exc:  # an rdflib serializer failing is a bug, but must stay one line
        raise ExportError(f"cannot serialize as {fmt}: {type(exc).__name__}: {exc}") from None
