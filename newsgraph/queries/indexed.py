"""Questions answered from the store's side index (:mod:`newsgraph.graph.index`) instead of SPARQL.

``linked.sql`` holds the branches of ``linked.rq`` written for the index's SQLite
tables; :func:`linked_rows` runs them for one person and gives the same rows as
``linked.rq`` (the same columns, :data:`~newsgraph.queries.links.VARS`), with
terms as ``(kind, value, extra)`` keys (kind 0 an IRI, 1 a literal, 2 a blank
node; extra a literal's ``@lang`` or datatype IRI): a test runs both on every
person of real stores and compares. Every person and kind of link is then collapsed
by :mod:`newsgraph.queries.links` as before.

A caller that finds no usable index (None from :meth:`Store.index`, or
:class:`~newsgraph.graph.index.IndexUnusable` while reading) asks the store itself.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["linked_rows", "sql_statements", "term_value"]

KINDS = ("Person", "Organization")
"""The classes an ``other`` of ``linked`` may have (``ng:`` local names), in the order linked.rq lists them."""


@lru_cache(maxsize=None)
def sql_statements(name: str) -> tuple[dict, dict, dict]:
    """The SQL file ``NAME.sql`` beside this module: ``(terms, lists, statements)``.

    ``terms`` maps a parameter name to an IRI; ``lists`` a list name to ``[(word, IRI)]``;
    ``statements`` a statement name to its SQL (see the header of ``linked.sql``).

    Example:
        >>> terms, lists, statements = sql_statements("linked")
        >>> terms["type"], lists["roles"][0], "co_mention" in statements
        ('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', ('target', 'https://w3id.org/newsgraph/ontology#hasTarget'), True)
    """
    text = resources.files(__package__).joinpath(f"{name}.sql").read_text(encoding="utf-8")
    prefixes, terms, lists, statements, current = {}, {}, {}, {}, None

    def iri(word: str) -> str:
        prefix, _, local = word.partition(":")
        return prefixes[prefix] + local

    for line in text.splitlines():
        m = re.match(r"--\s*(prefix|term|list|statement):\s*(\w+)\s*(?:=\s*(.*))?$", line.strip())
        if m:
            what, key, value = m.group(1), m.group(2), (m.group(3) or "").strip()
            if what == "prefix":
                prefixes[key] = value
            elif what == "term":
                terms[key] = iri(value)
            elif what == "list":
                lists[key] = tuple((w.partition("=")[0] if "=" in w else "", iri(w.partition("=")[2] or w))
                                   for w in value.split())
            else:
                current = statements[key] = []
            continue
        if current is not None and not line.lstrip().startswith("--"):
            current.append(line)
    return terms, lists, {k: "\n".join(v).strip() for k, v in statements.items()}


def _compiled(index, name: str) -> tuple[dict, dict]:
    """The statements of ``NAME.sql`` with this index's term ids in their lists, and the
    parameters of its terms (kept on the index: ids differ from store to store)."""
    cache = index.cache
    if name not in cache:
        terms, lists, statements = sql_statements(name)
        ids = index.vocabulary({*terms.values(), *(i for items in lists.values() for _w, i in items)})

        def expand(sql: str) -> str:
            sql = re.sub(r"\{role:(\w+):([\w.]+)\}", lambda m: "CASE {} {} END".format(
                m.group(2), " ".join(f"WHEN {ids[i]} THEN '{w}'" for w, i in lists[m.group(1)])), sql)
            return re.sub(r"\{(\w+)\}", lambda m: ", ".join(str(ids[i]) for _w, i in lists[m.group(1)]), sql)

        cache[name] = ({k: expand(v) for k, v in statements.items()}, {k: ids[v] for k, v in terms.items()})
    return cache[name]


def linked_rows(index, person: str, *, include_orgs: bool = False, direct: bool = False) -> list[tuple]:
    """The rows of ``linked.rq`` for the person IRI ``person``, from the side index ``index``,
    in the columns of :data:`~newsgraph.queries.links.VARS`: ``other``, ``via``,
    ``via_class``, ``evidence``, ``article`` and the names as term keys, the rest as text.
    Raises :class:`~newsgraph.graph.index.IndexUnusable` if the index stopped matching the store."""
    with index.reading() as con:
        statements, params = _compiled(index, "linked")
        found = index.vocabulary([person])[person]
        if found < 0:
            return []
        params = dict(params, person=found)
        raw = []
        for name, sql in statements.items():
            if direct and not name.startswith("tie_"):
                continue
            raw += con.execute(sql, {k: v for k, v in params.items() if f":{k}" in sql}).fetchall()
        others = {r[0] for r in raw}
        kinds: dict = {}
        for s, o in _pairs(con, "SELECT s, o FROM quad WHERE p = ? AND s IN ({}) AND o IN (?, ?)", others,
                           [params["type"]], [params["Person"], params["Organization"]]):
            kinds.setdefault(s, set()).add(o)
        labels: dict = {}
        for s, o in _pairs(con, "SELECT DISTINCT s, o FROM quad WHERE p = ? AND s IN ({})",
                           others | {r[5] for r in raw if r[5] is not None}, [params["label"]], []):
            labels.setdefault(s, set()).add(o)
        terms = index.terms({i for r in raw for i in (r[0], r[2], r[4], r[8], r[9])}
                            | {i for found in (*kinds.values(), *labels.values()) for i in found})
    wanted = [params["Person"]] + ([params["Organization"]] if include_orgs else [])
    none = (None,)
    out = []
    for other, link, via, via_kind, via_class, org, person_role, other_role, evidence, article in raw:
        mine = kinds.get(other, ())
        for kind in wanted:
            if kind not in mine:
                continue
            for name in labels.get(other, none):
                for via_label in (labels.get(org, none) if org is not None else none):
                    out.append((terms[other], terms.get(name), terms[kind], link, terms[via], via_kind,
                                terms.get(via_class), terms.get(via_label), person_role, other_role,
                                terms.get(evidence), terms.get(article)))
    return list(dict.fromkeys(out))  # SELECT DISTINCT


def _pairs(con, sql: str, ids, before: list, after: list):
    """``sql`` run over ``ids`` in chunks (``{}`` becomes their placeholders)."""
    ids = sorted(ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        yield from con.execute(sql.format(",".join("?" * len(chunk))), [*before, *chunk, *after])


def term_value(key) -> str | None:
    """The text of a term key (its IRI, its literal's lexical form), None for None.

    Example:
        >>> term_value((1, "Ann Ode", "@en")), term_value(None)
        ('Ann Ode', None)
    """
    return None if key is None else key[1]
