"""The one reader of newsgraph's SPARQL files (``newsgraph/queries``).

Named queries (``queries/*.rq``, the questions users ask) and the internal queries
of the graph and the exports (``queries/internal/*.rq``) are read here. An
internal query may hold ``{{key}}`` markers for what comes from the ontology or
the code, never from users: :func:`internal_query` fills each with the values
given, IRIs written ``<...>`` (each checked to be an IRI), a text as a quoted
SPARQL string. A marker left unfilled, or a value that fills none, is a bug and
raises ValueError. User input is bound as parameters, never through a marker.

Example:
    >>> "SELECT" in internal_query("union_triples")
    True
    >>> fill("VALUES ?t { {{types}} } FILTER(STRSTARTS(STR(?e), {{base}}))",
    ...      types=["https://example.org/A"], base='say "x"')
    'VALUES ?t { <https://example.org/A> } FILTER(STRSTARTS(STR(?e), "say \\\\"x\\\\""))'
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["query_names", "read_query", "internal_query", "fill"]

_PACKAGE = "newsgraph"
_FOLDER = "queries"
_MARKER = re.compile(r"\{\{(\w+)\}\}")
_IRI = re.compile(r"[^<>\"{}|^`\\\x00-\x20]+")


def query_names(folder: str = "") -> list[str]:
    """The names (without ``.rq``) of the queries in ``queries/FOLDER``, sorted."""
    root = resources.files(_PACKAGE).joinpath(_FOLDER, *([folder] if folder else []))
    return sorted(r.name[:-3] for r in root.iterdir() if r.name.endswith(".rq"))


@lru_cache(maxsize=None)
def read_query(name: str, folder: str = "") -> str:
    """The text of ``queries/FOLDER/NAME.rq`` (OSError if there is none)."""
    return resources.files(_PACKAGE).joinpath(_FOLDER, *([folder] if folder else []), f"{name}.rq") \
        .read_text(encoding="utf-8")


def internal_query(name: str, **values) -> str:
    """Internal query ``queries/internal/NAME.rq`` with its markers filled (see :func:`fill`)."""
    return fill(read_query(name, "internal"), **values)


def fill(text: str, **values) -> str:
    """``text`` with each ``{{key}}`` replaced: a string by a SPARQL string literal, any other
    iterable by its items as ``<IRI>`` s. ValueError for a marker without a value, a value
    without a marker, or an item that is not an IRI."""
    used = set(_MARKER.findall(text))
    if used != set(values):
        raise ValueError(f"query markers {sorted(used)} do not match the values given {sorted(values)}")

    def render(match: re.Match) -> str:
        value = values[match.group(1)]
        if isinstance(value, str):
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        iris = [str(v) for v in value]
        bad = [i for i in iris if not _IRI.fullmatch(i)]
        if bad:
            raise ValueError(f"not an IRI: {bad[0]!r}")
        return " ".join(f"<{i}>" for i in iris)

    return _MARKER.sub(render, text)
