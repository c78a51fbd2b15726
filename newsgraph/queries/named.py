"""Running a named query: :func:`run_named` (parameters bound, names looked up, the
finishing step of each query), and the finishing steps of ``linked``, ``timeline`` and
``events``. See :mod:`newsgraph.queries` for the files and their parameters.
"""
from __future__ import annotations

import contextlib
import re
from datetime import date as _date

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..errors import QueryError
from ..graph.store import Rows, Store
from ..ontology import NG
from ..ontology.base import NG_NS
from ..text.sparql import internal_query
from .catalog import NamedQuery, Param, close_matches, get_query
from .lookup import KINDS, load_names, lookup_entity

__all__ = ["run_named", "table_view", "finish_timeline", "finish_events"]


# ---------------------------------------------------------------- running

def run_named(store, name: str, **params) -> Rows:
    """Run named query ``name`` on ``store`` (an open Store, a path, or ``None`` for the
    default store) with ``params`` bound; return its rows, parameter columns dropped.

    Entity names are looked up (:func:`~newsgraph.queries.lookup.lookup_entity`); the
    matches are kept in ``rows.lookups``. A parameter given as ``None`` counts as not given.
    """
    query = get_query(name)
    given = {k: v for k, v in params.items() if v is not None}
    unknown = sorted(set(given) - set(query.params))
    if unknown:
        raise QueryError(f"query {name} has no parameter {unknown[0]!r} "
                         f"(parameters: {query.usage or 'none'})")
    missing = [p.name for p in query.params.values() if not p.optional and p.name not in given]
    if missing:
        raise QueryError(f"query {name} needs parameter {missing[0]!r} ({query.params[missing[0]].meaning})")
    with _opened(store) as st:
        names, lookups, bindings, options = None, [], {}, {}
        for key, value in given.items():
            param = query.params[key]
            if param.kind in KINDS and not isinstance(value, URIRef):
                if names is None and st.index() is None:  # with a side index each name is found in it
                    names = load_names(st)
                match = lookup_entity(st, str(value), param.kind, names=names)
                lookups.append(match)
                value = match.iri
            else:
                value = _convert(param, value)
            (options if param.option else bindings)[key] = value
        rows = _ROWS.get(name, _query_rows)(st, query, bindings, options)
        rows = _drop(rows, [p for p in query.params if not query.params[p].option])
        finish = _FINISH.get(name)
        if finish is not None:
            rows = finish(st, rows, bindings=bindings, options=options, lookups=lookups)
    rows.lookups = lookups
    return rows


def table_view(rows: Rows) -> Rows:
    """The rows as the table shows them: an IRI column ``x`` is left out where a
    ``x_name`` column names the same thing (JSON and CSV keep every column)."""
    keep = [i for i, v in enumerate(rows.vars) if f"{v}_name" not in rows.vars]
    out = Rows((tuple(row[i] for i in keep) for row in rows), [rows.vars[i] for i in keep])
    out.lookups = getattr(rows, "lookups", [])
    return out


@contextlib.contextmanager
def _opened(store):
    if isinstance(store, Store):
        yield store
    else:
        with Store.open(store, read_only=True) as opened:
            yield opened


def _drop(rows: Rows, columns) -> Rows:
    keep = [i for i, v in enumerate(rows.vars) if v not in columns]
    if len(keep) == len(rows.vars):
        return rows
    return Rows((tuple(row[i] for i in keep) for row in rows), [rows.vars[i] for i in keep])


def _real_date(text: str) -> bool:
    """True if ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` names a day, month or year that exists.

    >>> _real_date("2020-02-29"), _real_date("2021-02-29"), _real_date("2020-13"), _real_date("2020-13-45")
    (True, False, False, False)
    """
    parts = [int(p) for p in text.split("-")]
    try:
        _date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return parts[0] >= 1


def _convert(param: Param, value):
    """A parameter value as the term bound (or the Python value of an option)."""
    kind = param.kind
    if kind == "event-type":
        return _event_class(value)
    if kind == "date":
        text = value.isoformat() if isinstance(value, _date) else str(value).strip()
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) or not _real_date(text):
            raise QueryError(f"{param.name}: {text!r} is not a date (want YYYY, YYYY-MM or YYYY-MM-DD)")
        return Literal(text)
    if kind == "boolean":
        if isinstance(value, bool):
            return Literal(value)
        text = str(value).strip().lower()
        if text not in {"true", "false", "yes", "no", "1", "0"}:
            raise QueryError(f"{param.name}: {value!r} is not true or false")
        return Literal(text in {"true", "yes", "1"}, datatype=XSD.boolean)
    if kind == "int":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise QueryError(f"{param.name}: {value!r} is not a whole number") from None
        return Literal(number) if not param.option else number
    if kind in KINDS:  # an IRI given as such
        return URIRef(str(value))
    return Literal(str(value))


def _event_class(value) -> URIRef:
    from ..ontology import NG
    from ..ontology.terms import event_classes

    classes = {str(c).rsplit("#", 1)[-1].casefold(): c for c in event_classes()}
    text = str(value).strip()
    local = text.rsplit("#", 1)[-1] if "#" in text else text.split(":", 1)[-1]
    if local.casefold() in classes and (text.startswith(str(NG._NS)) or "://" not in text):
        return classes[local.casefold()]
    close = close_matches(local, {str(c).rsplit("#", 1)[-1]: c for c in event_classes()})
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    known = ", ".join(sorted(str(c).rsplit("#", 1)[-1] for c in event_classes()))
    raise QueryError(f"no event type {text!r} (known: {known}){hint}")


# ---------------------------------------------------------------- the rows

def _query_rows(store, query: NamedQuery, bindings: dict, options: dict) -> Rows:
    return store.query(query.text, bindings)


def _linked_rows(store, query: NamedQuery, bindings: dict, options: dict):
    """``linked.rq``'s rows: from the store's side index when it has one, read no further than
    the ``limit`` option needs (:func:`newsgraph.queries.links.link_rows`), else the query."""
    from .links import link_rows

    flag = lambda name: bool(bindings.get(name) is not None and bindings[name].toPython())  # noqa: E731
    limit = options.get("limit") if options.get("depth", 2) == 2 else None  # depth 3 picks from every link
    return link_rows(store, bindings["person"], include_orgs=flag("include_orgs"), direct=flag("direct"),
                     limit=limit or None, keys=True)


_ROWS = {"linked": _linked_rows}
"""Query name -> what gives its rows, where not the query run as it is."""


# ---------------------------------------------------------------- finishing steps

def _finish_linked(store, rows, *, bindings, options, lookups) -> Rows:
    """One row per other entity and kind of link (:mod:`newsgraph.queries.links`); with the
    ``evidence`` option one row per sentence; at depth 3 the ties of the people found too;
    with ``limit`` the first so many links (``rows.more``: how many were left out, None if
    not counted)."""
    from .links import DEPTH3_CAP, DIRECT, LinkRows, as_terms, collapse

    depth = options.get("depth", 2)
    if depth not in (2, 3):
        raise QueryError(f"depth: {depth} is not 2 or 3")
    limit = options.get("limit")
    if limit is not None and limit < 0:
        raise QueryError(f"limit: {limit} is negative")
    evidence = bool(options.get("evidence") is not None and options["evidence"].toPython())
    person = bindings["person"]
    name = next((m.label for m in lookups if m.iri == person), None) or _label(store, person)
    if depth == 3:
        rows = LinkRows(list(rows) + _ties_of_linked(store, rows, bindings, DEPTH3_CAP, DIRECT), rows.vars)
    links, sentences = collapse(rows, name, links=not evidence, evidence=evidence, limit=limit or None)
    return as_terms(sentences if evidence else links)


def _ties_of_linked(store, rows, bindings, cap: int, direct_kinds) -> list:
    """Depth 3: the stated and alleged ties of the first ``cap`` people linked to the person
    (not by co-mention), to people not linked already, as rows of ``linked.rq``."""
    from .links import link_items, link_rows, rank_key, term_text

    person = bindings["person"]
    items = link_items(rows)
    found = {term_text(i.other) for i in items} | {str(person)}
    best: dict = {}
    for i in items:
        if i.link != "co-mention" and term_text(i.kind) == NG_NS + "Person":
            key = rank_key(i.link, 0, 0, i.name, term_text(i.other))
            best[i.other] = min(best.get(i.other, (key, i.name)), (key, i.name))
    middles = sorted(best, key=lambda o: best[o][0])[:cap]
    col = {v: n for n, v in enumerate(rows.vars)}
    out = []
    orgs = bool(bindings.get("include_orgs") is not None and bindings["include_orgs"].toPython())
    for middle in middles:
        second = link_rows(store, URIRef(term_text(middle)), include_orgs=orgs, direct=True, keys=True)
        scol = {v: n for n, v in enumerate(second.vars)}
        for r in second:
            if term_text(r[scol["other"]]) in found or term_text(r[scol["link"]]) not in direct_kinds:
                continue
            row = [None] * len(rows.vars)
            for key in ("other", "other_name", "other_kind", "evidence", "article"):
                row[col[key]] = r[scol[key]]
            row[col["link"]] = "tie of a linked person"
            row[col["via"]] = middle
            row[col["via_kind"]] = "person"
            row[col["via_label"]] = best[middle][1]
            row[col["person_role"]] = term_text(r[scol["via"]]).rsplit("#", 1)[-1]
            row[col["other_role"]] = r[scol["other_role"]]  # the other's side of its tie to the middle
            out.append(tuple(row))
    return out


def _finish_top(store, rows, *, bindings, options, lookups) -> Rows:
    top = options.get("top")
    if top is None:
        return rows
    if top < 0:
        raise QueryError(f"top: {top} is negative")
    return Rows(rows[:top], rows.vars)


def _label(store, iri) -> str:
    from rdflib.namespace import RDFS

    rows = store.query(internal_query("entity_label"), {"entity": iri, "p": RDFS.label})
    return str(rows[0][2]) if rows else str(iri)


_DATE_PRECISION = {XSD.date: 4, XSD.gMonthDay: 3, XSD.gYearMonth: 2, XSD.gYear: 1}


def finish_timeline(rows: Rows) -> Rows:
    """One ``timeline`` row per event and role: an event told by several articles (merged
    by the resolution pass) carries every class, date and article they gave, and the
    query returns one row per combination. Kept: the most specific class (a
    PretrialDetention, not also a Detention), the most precise date, the first place,
    penalty and modality given, every charge and evidence sentence, and the article of
    the row kept; rows stay in date order.

    Example:
        >>> D, P = Literal("Detention"), Literal("PretrialDetention")
        >>> day, month = Literal("2023-11-16", datatype=XSD.date), Literal("2023-11", datatype=XSD.gYearMonth)
        >>> rows = Rows([(month, D, "target", "a", "e1"), (day, D, "target", "b", "e1"),
        ...              (day, P, "target", "b", "e1")], ["date", "type", "role", "article", "event"])
        >>> [(str(r[0]), str(r[1]), r[3]) for r in finish_timeline(rows)]
        [('2023-11-16', 'PretrialDetention', 'b')]
    """
    return _one_row_per_event(rows, "type", ("event", "role"), ("place", "place_name", "penalty", "modality"),
                              (("charges", "; "), ("evidence", " | ")))


def finish_events(rows: Rows) -> Rows:
    """One ``events`` row per event, as :func:`finish_timeline` does it: targets, agents,
    charges and sentences of every article that told it, its most specific class and
    most precise date."""
    return _one_row_per_event(rows, "kind", ("event",), ("location", "location_name", "penalty", "modality"),
                              (("targets", "; "), ("agents", "; "), ("charges", "; "), ("evidence", " | ")))


def _one_row_per_event(rows: Rows, type_name: str, key: tuple, first: tuple, joined: tuple) -> Rows:
    from ..ontology.terms import superclasses
    from ..ontology import NG

    col = {v: i for i, v in enumerate(rows.vars)}
    groups: dict = {}
    for i, r in enumerate(rows):
        groups.setdefault(tuple(r[col[k]] for k in key), []).append((i, r))

    def precision(r):
        date = r[col["date"]]
        return 0 if date is None else _DATE_PRECISION.get(getattr(date, "datatype", None), 0)

    def join(members, name, sep):
        parts = dict.fromkeys(p for _, r in members if r[col[name]] is not None
                              for p in str(r[col[name]]).split(sep) if p)
        return Literal(sep.join(parts)) if parts else None

    out = []
    for members in groups.values():
        types = {str(r[col[type_name]]) for _, r in members}
        specific = [t for t in types if not any(u != t and NG[t] in superclasses(NG[u]) for u in types)]
        best = max(precision(r) for _, r in members)
        for kind in sorted(specific):
            own = [(i, r) for i, r in members if str(r[col[type_name]]) == kind]
            i, rep = next(((i, r) for i, r in own if precision(r) == best), own[0])
            row = list(rep)
            if precision(rep) < best:  # the class was given without the precise date: take it
                row[col["date"]] = next(r[col["date"]] for _, r in members if precision(r) == best)
            for name in first:
                if name in col and row[col[name]] is None:
                    row[col[name]] = next((r[col[name]] for _, r in members if r[col[name]] is not None), None)
            for name, sep in joined:
                if name in col:
                    row[col[name]] = join(members, name, sep)
            out.append((i, tuple(row)))
    return Rows([r for _, r in sorted(out, key=lambda item: item[0])], rows.vars)


def _finish_timeline(store, rows, *, bindings, options, lookups) -> Rows:
    return finish_timeline(rows)


def _finish_events(store, rows, *, bindings, options, lookups) -> Rows:
    return finish_events(rows)


_FINISH = {"linked": _finish_linked, "cooccurrence": _finish_top, "timeline": _finish_timeline,
           "events": _finish_events}
"""Query name -> the Python step run on its rows (ranking, options)."""
