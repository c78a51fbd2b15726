"""The named queries: one ``.rq`` file per question in this folder, each with a header.

The header is the file's leading comment: a description (the first line) and its
parameters, ``# param: name (kind[, optional]) — meaning`` or ``# option: ...``
(see :mod:`newsgraph.queries`).

Example:
    >>> {"linked", "timeline", "events", "describe"} <= set(load_queries())
    True
    >>> close_matches("timelin", load_queries())
    ['timeline']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import QueryError
from ..ontology.base import NG_NS
from ..text.sparql import query_names, read_query

__all__ = ["KINDS", "PARAM_KINDS", "Param", "NamedQuery", "load_queries", "get_query", "parse_query",
           "close_matches"]

KINDS: dict[str, tuple[str, ...]] = {
    "person": (NG_NS + "Person",),
    "org": (NG_NS + "Organization",),
    "place": (NG_NS + "Place",),
    "actor": (NG_NS + "Person", NG_NS + "Organization"),
    "entity": (NG_NS + "Person", NG_NS + "Organization", NG_NS + "Place"),
}
"""Lookup kind -> the classes (IRIs, as text) an entity of that kind may have."""

PARAM_KINDS = frozenset({*KINDS, "event-type", "date", "boolean", "int", "text"})
"""The kinds a ``# param:`` or ``# option:`` line may name."""

_HEADER = re.compile(r"#\s*(param|option):\s*([A-Za-z_]\w*)\s*\(([\w-]+)(\s*,\s*optional)?\)\s*"
                     r"(?:—|--|-)\s*(.+)$")


@dataclass(frozen=True)
class Param:
    """One parameter of a named query."""

    name: str
    kind: str
    optional: bool
    meaning: str
    option: bool = False  # read in Python, not bound in the SPARQL

    def __str__(self) -> str:
        return f"[{self.name}]" if self.optional or self.option else self.name


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL file with its description and parameters."""

    name: str
    text: str
    description: str
    params: dict = field(default_factory=dict)

    @property
    def usage(self) -> str:
        """The parameters in brief: ``person [include_orgs] [depth]``."""
        return " ".join(str(p) for p in self.params.values())


@lru_cache(maxsize=1)
def _load() -> tuple[NamedQuery, ...]:
    return tuple(parse_query(name, read_query(name)) for name in query_names())


def load_queries() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``)."""
    return {q.name: q for q in _load()}


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; QueryError (with the known names) if there is none."""
    queries = load_queries()
    try:
        return queries[name]
    except KeyError:
        close = close_matches(name, queries)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise QueryError(f"no query named {name!r} (known: {', '.join(queries)}){hint}") from None


def parse_query(name: str, text: str) -> NamedQuery:
    """Read the header of a ``.rq`` text; QueryError names the file and the bad line."""
    description, params = None, {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        body = stripped.lstrip("#").strip()
        if description is None:
            description = body
        if re.match(r"(param|option):", body):
            m = _HEADER.match(stripped)
            if not m or m.group(3) not in PARAM_KINDS:
                raise QueryError(f"{name}.rq: bad parameter line {stripped!r} (want "
                                 "'# param: name (kind[, optional]) — meaning')")
            what, pname, kind, optional, meaning = m.groups()
            params[pname] = Param(pname, kind, bool(optional) or what == "option", meaning.strip(),
                                  option=what == "option")
    if not description:
        raise QueryError(f"{name}.rq: the first line must be a comment describing the query")
    return NamedQuery(name, text, description, params)


def close_matches(word: str, choices) -> list[str]:
    import difflib

    lowered = {c.casefold(): c for c in choices}
    return [lowered[c] for c in difflib.get_close_matches(word.casefold(), list(lowered), n=3, cutoff=0.6)]
