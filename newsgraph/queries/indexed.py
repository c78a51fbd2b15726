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
:func:`newsgraph.queries.links.linked_answer` is ``linked`` from the index alone, for the
command line: it opens neither the store nor rdflib.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["linked_rows", "sql_statements", "BRANCH_ORDER"]

BRANCH_ORDER = (("stated tie", "alleged tie"), ("shared event",), ("shared organization",), ("co-mention",))
"""The kinds of link by the statements that find them, strongest first (as
:data:`~newsgraph.queries.links.LINK_ORDER` ranks them): with a limit, the statements are read
part after part until more links than the limit are found."""


@lru_cache(maxsize=None)
def sql_statements(name: str) -> tuple[dict, dict, dict]:
    """The SQL file ``NAME.sql`` beside this module: ``(terms, lists, statements)``.

    ``terms`` maps a parameter name to an IRI; ``lists`` a list name to ``[(word, IRI)]``;
    ``statements`` a statement name to ``(kind of link, SQL)`` (see the header of ``linked.sql``).

    Example:
        >>> terms, lists, statements = sql_statements("linked")
        >>> terms["type"], lists["roles"][0], statements["co_mention"][0]
        ('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', ('target', 'https://w3id.org/newsgraph/ontology#hasTarget'), 'co-mention')
    """
    text = resources.files(__package__).joinpath(f"{name}.sql").read_text(encoding="utf-8")
    prefixes, terms, lists, statements, current = {}, {}, {}, {}, None

    def iri(word: str) -> str:
        prefix, _, local = word.partition(":")
        return prefixes[prefix] + local

    links = {}
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
                links[key] = value
            continue
        if current is not None and not line.lstrip().startswith("--"):
            current.append(line)
    return terms, lists, {k: (links[k], "\n".join(v).strip()) for k, v in statements.items()}


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

        cache[name] = ({k: (link, expand(sql)) for k, (link, sql) in statements.items()},
                       {k: ids[v] for k, v in terms.items()})
    return cache[name]


def linked_rows(index, person: str, *, include_orgs: bool = False, direct: bool = False,
                limit: int | None = None) -> tuple[list[tuple], bool]:
    """The rows of ``linked.rq`` for the person IRI ``person``, from the side index ``index``,
    in the columns of :data:`~newsgraph.queries.links.VARS` (terms as keys, the words of
    the link as text), and whether they are all of them. With ``limit``, the kinds of link
    are read strongest first (:data:`BRANCH_ORDER`) until more
    than ``limit`` links (other and kind of link) are found: the links of the kinds read
    are all there, so the first ``limit`` of them are the first of all.
    Raises :class:`~newsgraph.graph.index.IndexUnusable` if the index stopped matching the store."""
    with index.reading() as con:
        statements, params = _compiled(index, "linked")
        found = index.vocabulary([person])[person]
        if found < 0:
            return [], True
        params = dict(params, person=found)
        wanted = [params["Person"]] + ([params["Organization"]] if include_orgs else [])
        rows, terms, links = [], {}, set()
        kinds, labels = {}, {}
        parts = [[sql for link, sql in statements.values() if link in part] for part in BRANCH_ORDER]
        for n, part in enumerate(parts):
            raw = []
            for sql in part if not direct or n == 0 else ():
                raw += con.execute(sql, {k: v for k, v in params.items() if f":{k}" in sql}).fetchall()
            _kinds_and_labels(con, params, raw, kinds, labels)
            needed = {i for r in raw for i in (r[0], r[2], r[4], r[8], r[9])}
            needed.update(i for r in raw for ids in (kinds.get(r[0], ()), labels.get(r[0], ()), labels.get(r[5], ()))
                          for i in ids)
            terms.update(index.terms(needed - terms.keys()))
            rows += _expand(raw, wanted, kinds, labels, terms)
            links.update((r[0], r[3]) for r in rows)
            if limit and len(links) > limit and n < len(parts) - 1:
                return rows, False
    return rows, True  # copies of a row (linked.rq's DISTINCT drops them) are dropped by link_items


def _kinds_and_labels(con, params, raw, kinds: dict, labels: dict) -> None:
    """Add the kinds (ng:Person, ng:Organization) and ``rdfs:label`` of the others and the
    organizations of ``raw`` not looked up yet (a type is stated again in every article
    naming the entity: each kind is one look-up, not a read of them all)."""
    others = {r[0] for r in raw} - kinds.keys()
    for kind in (params["Person"], params["Organization"]):
        for (s,) in _pairs(con, "SELECT id FROM term WHERE id IN ({}) AND EXISTS (SELECT 1 FROM quad q "
                                "WHERE q.p = ? AND q.s = term.id AND q.o = ?)", others, [], [params["type"], kind]):
            kinds.setdefault(s, set()).add(kind)
    kinds.update((i, set()) for i in others if i not in kinds)
    named = (others | {r[5] for r in raw if r[5] is not None}) - labels.keys()
    for s, o in _pairs(con, "SELECT DISTINCT s, o FROM quad WHERE p = ? AND s IN ({})", named,
                       [params["label"]], []):
        labels.setdefault(s, set()).add(o)
    labels.update((i, ()) for i in named if i not in labels)


def _expand(raw, wanted, kinds, labels, terms) -> list[tuple]:
    """The rows of linked.rq from the statements' rows: one per kind of the other (of
    ``wanted``), per name of the other and per name of the organization (or None)."""
    none = (None,)
    out = []
    for other, link, via, via_kind, via_class, org, person_role, other_role, evidence, article in raw:
        mine = kinds.get(other, ())
        for kind in wanted:
            if kind not in mine:
                continue
            for name in labels.get(other) or none:
                for via_label in (labels.get(org) or none) if org is not None else none:
                    out.append((terms[other], terms.get(name), terms[kind], link, terms[via], via_kind,
                                terms.get(via_class), terms.get(via_label), person_role, other_role,
                                terms.get(evidence), terms.get(article)))
    return out


def _pairs(con, sql: str, ids, before: list, after: list):
    """``sql`` run over ``ids`` in chunks (``{}`` becomes their placeholders)."""
    ids = sorted(ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        yield from con.execute(sql.format(",".join("?" * len(chunk))), [*before, *chunk, *after])

