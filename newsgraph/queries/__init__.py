"""Named queries: one SPARQL file per question, always run with bound parameters.

Each ``*.rq`` file beside this module is one question. Its header comment gives
a description (the first line) and its parameters::

    # param: person (actor) — the person whose links to list
    # param: since (date, optional) — earliest date, YYYY, YYYY-MM or YYYY-MM-DD
    # option: depth (int) — handled in Python after the query runs

A ``param`` is a SPARQL variable of the query. Its value is bound through
pyoxigraph's substitutions, never pasted into the text, so a name holding
quotes, ``}`` or SPARQL keywords is only ever data. Names of entities (kinds
``person``, ``org``, ``place``, ``actor``, ``entity``) are looked up first
(:mod:`newsgraph.queries.lookup`); ``event-type`` takes ``Detention``,
``ng:Detention`` or the IRI; ``date`` takes ``YYYY[-MM[-DD]]``. An ``option``
is read by the query's finishing step in Python (ranking, ``depth``, ``top``).

pyoxigraph substitutes a bound variable inside patterns and most expressions,
but requires it in the SELECT clause, and ``BOUND(?x)`` and ``BIND(?x AS ?y)``
do not see it. Optional parameters are therefore tested as
``FILTER(COALESCE(test, default))``: unbound, the test is an error and COALESCE
gives the default. The parameter columns are dropped from the results.

Example:
    >>> {"linked", "timeline", "events", "describe"} <= set(load_queries())
    True
    >>> q = load_queries()["events"]
    >>> q.params["since"].kind, q.params["since"].optional
    ('date', True)
"""
from __future__ import annotations

from .catalog import NamedQuery, Param, PARAM_KINDS, get_query, load_queries, parse_query

__all__ = ["NamedQuery", "Param", "load_queries", "get_query", "parse_query", "run_named", "table_view",
           "finish_timeline", "finish_events", "PARAM_KINDS"]

_RUNNING = {"run_named", "table_view", "finish_timeline", "finish_events"}


def __getattr__(name: str):
    """Running a query (:mod:`newsgraph.queries.named`: the store, rdflib) loads on first use, so
    that the side index's answers (:mod:`newsgraph.queries.indexed`) and the name look-up do not."""
    if name not in _RUNNING:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import named

    value = getattr(named, name)
    globals()[name] = value
    return value
