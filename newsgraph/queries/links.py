"""The finishing step of ``linked``: from one row per piece of evidence to one row per
other entity and kind of link, with the path in words.

``linked.rq`` gives a row for every sentence that links the person to someone:
each stated tie, each event both hold a role in (once per class of the event and
per article that told it), each organization both are tied to, each sentence
naming both. :func:`collapse_links` keeps one row per (other, kind of link):

* ``path``: the path in words, from the ontology's labels ("via Lantern Party:
  Qairat Zhaqsylyqov is its leader, Oskar Brennyk is its member"); several paths
  of one kind are joined with ``;`` (the first three, then how many more);
* ``via``, ``via_name``, ``via_kind``, ``person_role``, ``other_role``: the path
  as structured fields (of the path best supported); ``vias``: how many paths;
* ``sentences`` and ``articles``: how many distinct sentences and articles state it;
* ``evidence`` and ``article``: the strongest sentence (one naming both, from the
  best supported path, cited by most articles, shortest) and its article.

Rows are ranked by kind (:data:`LINK_ORDER`: stated ties, alleged ties, shared
events, shared organizations, co-mentions, then ties of linked people found at
depth 3), then more articles, more sentences, then name. A co-mention that cites
a sentence a stronger link of the same pair already cites is not counted again.
With ``evidence`` the rows stay one per sentence and article, in the same order.
With ``limit``, only the first ``limit`` links (and their sentences) are kept.

The rows may hold rdflib terms (from the query) or the term keys of the store's side
index (:mod:`newsgraph.queries.indexed`): :func:`term_text` reads either. :func:`collapse`
gives its rows with the words it made as text and numbers, and every term as it came;
:func:`collapse_links` gives them all as rdflib terms (:func:`as_terms`), as the library
and the server answer; the command line prints the text without building them.

Example:
    >>> from rdflib import Literal, URIRef
    >>> from newsgraph.graph.store import Rows
    >>> from newsgraph.ontology import NG
    >>> ann, bo = URIRef("https://w3id.org/newsgraph/id/person/ann"), URIRef("https://w3id.org/newsgraph/id/person/bo")
    >>> party = URIRef("https://w3id.org/newsgraph/id/org/party")
    >>> a1 = URIRef("https://w3id.org/newsgraph/article/1")
    >>> row = (bo, Literal("Bo Vale"), NG.Person, Literal("shared organization"), party, Literal("organization"),
    ...        None, Literal("Party"), Literal("leaderOf"), Literal("memberOf"), Literal("Bo Vale joined."), a1)
    >>> rows = collapse_links(Rows([row], VARS), "Ann Ode")
    >>> [str(r[rows.vars.index("path")]) for r in rows]
    ['via Party: Ann Ode is its leader, Bo Vale is its member']
"""
from __future__ import annotations

from ..ontology.base import NG_NS
from ..ontology.terms import classes_above, label_of
from ..text.names import fold

__all__ = ["collapse_links", "collapse_links_and_evidence", "collapse", "link_rows", "link_items", "rank_key",
           "path_words", "as_terms", "term_text", "LINK_ORDER", "DIRECT", "VARS", "OUT_VARS", "EVIDENCE_VARS",
           "DEPTH3_CAP", "LIMIT", "LinkRows", "linked_answer"]

LINK_ORDER = ("stated tie", "alleged tie", "shared event", "shared organization", "co-mention",
              "tie of a linked person")
"""The kinds of link, strongest first: rows are ranked by it."""

DIRECT = frozenset({"stated tie", "alleged tie"})
"""The kinds ``--direct`` keeps."""

DEPTH3_CAP = 25
"""At depth 3, the ties of at most this many of the people found (the best linked) are followed."""

LIMIT = 100
"""The links ``newsgraph linked`` lists unless told otherwise (``--limit``; the library lists every one)."""

VARS = ["other", "other_name", "other_kind", "link", "via", "via_kind", "via_class", "via_label",
        "person_role", "other_role", "evidence", "article"]
"""The columns of ``linked.rq`` once its parameters are dropped."""

OUT_VARS = ["other", "other_name", "other_kind", "link", "path", "via", "via_name", "via_kind",
            "person_role", "other_role", "vias", "sentences", "articles", "evidence", "article"]
"""The columns of the collapsed rows."""

EVIDENCE_VARS = ["other", "other_name", "other_kind", "link", "path", "via", "via_name", "via_kind",
                 "person_role", "other_role", "evidence", "article"]
"""The columns with ``evidence``: one row per sentence and article."""

_MAX_PATHS = 3


class _Item:
    """One piece of evidence: a path (via and roles) and the sentence and article stating it."""

    __slots__ = ("other", "name", "name_term", "kind", "link", "via", "via_kind", "via_name", "person_role", "other_role",
                 "evidence", "article", "words")

    def __init__(self, other, name, name_term, kind, link, via, via_kind, via_name, person_role, other_role,
                 evidence, article, words):
        self.other, self.name, self.name_term, self.kind, self.link = other, name, name_term, kind, link
        self.via, self.via_kind, self.via_name, self.person_role = via, via_kind, via_name, person_role
        self.other_role, self.evidence, self.article, self.words = other_role, evidence, article, words


def term_text(term) -> str | None:
    """The text of a cell: an rdflib term's, a side-index key's (its IRI or lexical form), a text's.

    Example:
        >>> term_text((1, "Ann Ode", "@en")), term_text("shared event"), term_text(None)
        ('Ann Ode', 'shared event', None)
    """
    if term is None:
        return None
    return term[1] if type(term) is tuple else str(term)


def link_items(rows) -> list[_Item]:
    """The rows as items, one per (link, path, sentence, article): an event's classes
    reduced to its most specific (the query gives a row per class)."""
    col = {v: i for i, v in enumerate(rows.vars)}
    text = term_text
    classes: dict = {}
    for r in rows:
        if r[col["via_class"]] is not None:
            classes.setdefault(r[col["via"]], set()).add(text(r[col["via_class"]]))
    specific = {via: _most_specific(found) for via, found in classes.items()}
    seen, out = set(), []
    c_other, c_name, c_kind, c_link, c_via, c_via_kind, c_class, c_label, c_mine, c_theirs, c_evidence, c_article = (
        col[v] for v in VARS)
    said: dict = {}  # evidence -> its words (a sentence comes back in many rows)
    for r in rows:
        via, via_kind = r[c_via], text(r[c_via_kind])
        if via_kind == "event":
            if text(r[c_class]) != specific.get(via):
                continue
            via_name = text(r[c_class]).rsplit("#", 1)[-1]
        elif via_kind == "tie":
            via_name = text(via).rsplit("#", 1)[-1]
        elif via_kind in ("organization", "person"):
            via_name = text(r[c_label] or via)
        else:
            via_name = via_kind
        evidence, other, article = r[c_evidence], r[c_other], r[c_article]
        words = said.get(evidence)
        if words is None:
            words = said[evidence] = " ".join(text(evidence).split()) if evidence is not None else ""
        link, mine, theirs = text(r[c_link]), text(r[c_mine]), text(r[c_theirs])
        key = (other, link, via, mine, theirs, words, article)
        if key in seen:
            continue
        seen.add(key)
        name = r[c_name]
        out.append(_Item(other, text(name or other), name or text(other), r[c_kind], link, via, via_kind, via_name,
                         mine, theirs, evidence, article, words))
    stronger = {(i.other, i.article, i.words) for i in out if i.link != "co-mention" and i.words}
    return [i for i in out if not (i.link == "co-mention" and (i.other, i.article, i.words) in stronger)]


class LinkRows(list):
    """Rows of ``linked`` (a list of tuples, ``vars`` the column names) that may hold side-index
    keys; ``complete`` is False when a ``limit`` stopped the reading before the last kind of link."""

    def __init__(self, rows=(), vars=(), complete: bool = True):
        super().__init__(rows)
        self.vars = list(vars)
        self.complete = complete


def link_rows(store, person, *, include_orgs: bool = False, direct: bool = False, limit: int | None = None,
              keys: bool = False):
    """The rows of ``linked.rq`` for the entity IRI ``person`` (one per piece of evidence,
    :data:`VARS`), before :func:`collapse_links`: from the store's side index when it has
    one (:mod:`newsgraph.queries.indexed`), else the query. With ``limit`` the index is read
    kind of link by kind of link (:data:`~newsgraph.queries.indexed.BRANCH_ORDER`) until more than ``limit`` links are
    found. With ``keys`` the cells may be side-index keys (:func:`term_text`,
    :func:`as_terms` read them); else rdflib terms (:class:`~newsgraph.graph.store.Rows`)."""
    from ..graph.index import IndexUnusable
    from .indexed import linked_rows

    index = store.index()
    if index is not None:
        try:
            found, complete = linked_rows(index, str(person), include_orgs=include_orgs, direct=direct, limit=limit)
        except IndexUnusable:
            pass
        else:
            return LinkRows(found, VARS, complete) if keys else as_terms(LinkRows(found, VARS, complete))
    return _query_rows(store, person, include_orgs, direct)


def _query_rows(store, person, include_orgs: bool, direct: bool):
    from rdflib import Literal

    from ..graph.store import Rows
    from .catalog import get_query

    bindings = {"person": person}
    if include_orgs:
        bindings["include_orgs"] = Literal(True)
    if direct:
        bindings["direct"] = Literal(True)
    rows = store.query(get_query("linked").text, bindings)
    keep = [i for i, v in enumerate(rows.vars) if v in VARS]
    return Rows((tuple(r[i] for i in keep) for r in rows), [rows.vars[i] for i in keep])


def as_terms(rows):
    """``rows`` with every cell an rdflib term, as the query would give it: a side-index key as
    :func:`~newsgraph.graph.store.from_oxigraph` makes its term, a text or a number as a literal
    (each distinct one built once). The ``complete`` and ``more`` marks are kept."""
    from ..graph.store import Rows

    make = _TermMaker()
    out = Rows([tuple(make(c) for c in r) for r in rows], rows.vars)
    for mark in ("complete", "more"):
        if hasattr(rows, mark):
            setattr(out, mark, getattr(rows, mark))
    return out


class _TermMaker(dict):
    """A cell as an rdflib term: a side-index key as the store would give it, a text or a number
    as a literal, an rdflib term as it is; each built once."""

    def __missing__(self, cell):
        from rdflib import BNode, Literal, URIRef

        if type(cell) is tuple:
            kind, text, extra = cell
            if kind == 0:
                value = URIRef(text)
            elif kind == 2:
                value = BNode(text)
            elif extra.startswith("@"):
                value = Literal(text, lang=extra[1:])
            else:
                value = Literal(text, datatype=URIRef(extra), normalize=False) if extra else Literal(text)
        else:
            value = Literal(cell)
        self[cell] = value
        return value

    def __call__(self, cell):
        if cell is None or (type(cell) not in (tuple, str, int)):
            return cell  # None, or already an rdflib term
        return self[cell]


def _most_specific(classes: set) -> str:
    """The class (an IRI) of ``classes`` no other one is under (the first by name if several)."""
    low = [c for c in classes if not any(d != c and c in classes_above(d) for d in classes)]
    return sorted(low)[0]


def _group(items: list[_Item]) -> dict:
    groups: dict = {}
    for item in items:
        groups.setdefault((item.other, item.link), []).append(item)
    return groups


def rank_key(link: str, articles: int, sentences: int, name: str, other) -> tuple:
    """How collapsed rows are ordered: kind of link, then more articles, more sentences, name."""
    order = LINK_ORDER.index(link) if link in LINK_ORDER else len(LINK_ORDER)
    return (order, -articles, -sentences, name.casefold(), str(other))


def collapse_links(rows, person_name: str, *, evidence: bool = False, limit: int | None = None):
    """One row per other entity and kind of link (see the module); with ``evidence``,
    one row per sentence and article, ranked the same way; rdflib terms (:func:`as_terms`)."""
    links, sentences = collapse(rows, person_name, links=not evidence, evidence=evidence, limit=limit)
    return as_terms(sentences if evidence else links)


def collapse_links_and_evidence(rows, person_name: str, *, limit: int | None = None):
    """Both answers of :func:`collapse_links` from one pass (the actor pages show both)."""
    links, sentences = collapse(rows, person_name, links=True, evidence=True, limit=limit)
    return as_terms(links), as_terms(sentences)


def collapse(rows, person_name: str, *, links: bool = True, evidence: bool = False,
             limit: int | None = None) -> tuple[LinkRows, LinkRows]:
    """The one-row-per-link answer (if ``links``) and the one-row-per-sentence answer (if
    ``evidence``) of ``rows``, the first ``limit`` links only if given: their words as text and
    numbers, their terms as they came. Each answer's ``more`` is how many links the limit
    left out (None if the rows were not read to the end: ``complete`` False)."""
    items = link_items(rows)
    ranked = []
    for (other, link), members in _group(items).items():
        sentences = {i.words for i in members if i.words}
        articles = {i.article for i in members if i.article is not None}
        ranked.append((rank_key(link, len(articles), len(sentences), members[0].name, term_text(other)), members,
                       len(sentences), len(articles)))
    ranked.sort(key=lambda entry: entry[0])
    complete = getattr(rows, "complete", True)
    more = max(len(ranked) - limit, 0) if limit else 0
    if limit:
        ranked = ranked[:limit]
    out, every = [], []
    for _key, members, n_sentences, n_articles in ranked:
        paths = _paths(members)
        best = _strongest(members, paths, person_name)
        if evidence:
            order = sorted(members, key=lambda i: (i is not best, paths.index(_path_key(i)),
                                                   term_text(i.article) or "", i.words))
            said = set()  # one row per sentence and article, on its best supported path
            for i in order:
                if (i.words or i is best) and (i.words, i.article) not in said:
                    said.add((i.words, i.article))
                    every.append(_row(i, path_words(i, person_name), None))
        if links:
            phrases = _phrases(members, paths, person_name)
            shown = "; ".join(phrases[:_MAX_PATHS])
            if len(phrases) > _MAX_PATHS:
                shown += f"; and {len(phrases) - _MAX_PATHS} more"
            top = next(i for i in members if _path_key(i) == paths[0])
            out.append(_row(top, shown, (len(paths), n_sentences, n_articles), best))
    answers = LinkRows(out, OUT_VARS, complete), LinkRows(every, EVIDENCE_VARS, complete)
    for answer in answers:
        answer.more = more if complete else None
    return answers


def _phrases(members: list[_Item], paths: list[tuple], person_name: str) -> list[str]:
    """The paths in words, one phrase per organization or class of event (its roles
    joined: "is its founder and its leader"), in the order of ``paths``."""
    merged: dict = {}
    for p in paths:
        item = next(i for i in members if _path_key(i) == p)
        key = (item.via_kind, item.via_name) if item.via_kind in ("organization", "event") else p
        entry = merged.setdefault(key, [item, [], []])
        for roles, role in ((entry[1], item.person_role), (entry[2], item.other_role)):
            if role not in roles:
                roles.append(role)
    for entry in merged.values():  # a finer tie says the membership: "its leader", not "its leader and member"
        for roles in entry[1:]:
            if entry[0].via_kind == "organization" and any(r not in _EVENT_ROLES for r in roles):
                roles[:] = [r for r in roles if r not in _EVENT_ROLES]  # a tie says more than an event about it
            elif entry[0].via_kind == "organization" and len(roles) > 1:
                roles[:] = ["target" if "target" in roles else roles[0]]
            if len(roles) > 1 and "memberOf" in roles:
                roles.remove("memberOf")
    events: dict = {}  # events of several classes with the same roles: "via a detention and a charging"
    for key, (item, mine, theirs) in merged.items():
        if item.via_kind == "event":
            events.setdefault((tuple(mine), tuple(theirs)), []).append(key)
    phrases = []
    for key, (item, mine, theirs) in merged.items():
        if item.via_kind != "event":
            phrases.append(path_words(item, person_name, mine, theirs))
        elif events[(tuple(mine), tuple(theirs))][0] == key:
            classes = [merged[k][0].via_name for k in events[(tuple(mine), tuple(theirs))]]
            phrases.append(path_words(item, person_name, mine, theirs, classes))
    return phrases


def _path_key(item: _Item) -> tuple:
    return (item.via, item.person_role, item.other_role)


def _paths(members: list[_Item]) -> list[tuple]:
    """The distinct paths of one (other, kind), best supported first."""
    support: dict = {}
    for i in members:
        entry = support.setdefault(_path_key(i), [set(), set()])
        entry[0].add(i.article)
        entry[1].add(i.words)
    return sorted(support, key=lambda p: (-len(support[p][0] - {None}), -len(support[p][1] - {""}),
                                          str(term_text(p[0])), p[1], p[2]))


def _strongest(members: list[_Item], paths: list[tuple], person_name: str) -> _Item:
    """The sentence that best proves the link: one naming both, on the best supported
    path, cited by the most articles, the shortest."""
    cited: dict = {}
    for i in members:
        cited.setdefault(i.words, set()).add(i.article)
    mine = _surname(person_name)

    def score(i: _Item):
        text = fold(i.words) if i.words else ""
        both = bool(i.words) and mine in text and _surname(i.name) in text
        return (not i.words, not both, paths.index(_path_key(i)), -len(cited[i.words] - {None}), len(i.words),
                i.words, term_text(i.article) or "")

    return min(members, key=score)


def _surname(name: str) -> str:
    parts = fold(name).split()
    return parts[-1] if parts else ""


def _row(item: _Item, path: str, counts, best: _Item | None = None) -> tuple:
    best = best or item
    head = (item.other, item.name_term, item.kind, item.link, path, item.via, item.via_name, item.via_kind,
            item.person_role, item.other_role)
    if counts is None:
        return head + (item.evidence, item.article)
    vias, sentences, articles = counts
    return head + (vias, sentences, articles, best.evidence, best.article)


def linked_answer(path, name: str, *, include_orgs: bool = False, direct: bool = False,
                  limit: int | None = None):
    """``linked`` for the name ``name`` from the side index of the store folder ``path`` alone
    (the store is not opened, rdflib not loaded): ``(rows, match)``, the rows one per link as
    :func:`collapse` gives them (words as text, terms as keys) and the
    :class:`~newsgraph.queries.lookup.Match` of the name (its IRI as text). None when the
    answer needs more than the index: no usable index (or a server's URL), a name that is an
    IRI or that only a near-miss search over every name could find (the caller then asks
    the store, which says the same, or why not)."""
    from ..graph.index import IndexUnusable, StoreIndex
    from ..graph.location import remote_url
    from .catalog import get_query
    from .indexed import linked_rows
    from .lookup import lookup_in_index

    if path is None or remote_url(path) is not None:
        return None
    index = StoreIndex.for_reader(path)
    if index is None:
        return None
    try:
        match = lookup_in_index(index, name, get_query("linked").params["person"].kind)
        if match is None:
            return None
        rows, complete = linked_rows(index, match.iri, include_orgs=include_orgs, direct=direct, limit=limit)
    except IndexUnusable:
        return None
    finally:
        index.close()
    links, _sentences = collapse(LinkRows(rows, VARS, complete), match.label, limit=limit)
    return links, match


# ---------------------------------------------------------------- the path in words

def path_words(item: _Item, person_name: str, person_roles=None, other_roles=None, classes=None) -> str:
    """One path in words, from the ontology's labels of the tie, role and class; an
    organization or event path with every role in ``person_roles`` and ``other_roles``,
    an event path with every class in ``classes``."""
    me, other = person_name, item.name
    mine, theirs = person_roles or [item.person_role], other_roles or [item.other_role]
    if item.via_kind == "tie":
        label = label_of(term_text(item.via))
        subject, obj = (me, other) if item.person_role == "subject" else (other, me)
        alleged = "allegedly " if item.link == "alleged tie" else ""
        return f"{subject} is {alleged}{label} {obj}"
    if item.via_kind == "organization":
        return f"via {item.via_name}: {me} {_roles(_org_role, mine)}, {other} {_roles(_org_role, theirs)}"
    if item.via_kind == "event":
        what = " and ".join(f"{_article(w)} {w.lower()}" for w in
                            (label_of(NG_NS + c) for c in classes or [item.via_name]))
        return f"via {what}: {me} {_roles(_event_role, mine)}, " \
               f"{other} {_roles(_event_role, theirs)}"
    if item.via_kind == "person":  # depth 3: a tie of someone linked to the person
        label = label_of(NG_NS + item.person_role)
        subject, obj = (other, item.via_name) if item.other_role == "subject" else (item.via_name, other)
        return f"via {item.via_name}: {subject} is {label} {obj}"
    return "named together in a sentence"


def _roles(phrase, roles) -> str:
    """ "is its founder and its leader": the roles' phrases, the verb once."""
    words = [phrase(r) for r in roles]
    rest = [w.removeprefix("is ").removeprefix("its ") for w in words[1:]]
    return " and ".join([words[0], *rest])


def _org_role(prop: str) -> str:
    if prop == "target":  # the target or a participant of an event whose sentence names it
        return "is the target of an event about it"
    if prop in _EVENT_ROLES:
        return "took part in an event about it"
    label = label_of(NG_NS + prop)  # "member of", "employed by"
    return f"is its {label[:-3]}" if label.endswith(" of") else f"is {label} it"


_EVENT_ROLES = {"target": NG_NS + "hasTarget", "agent": NG_NS + "hasAgent", "participant": NG_NS + "hasParticipant",
                "winner": NG_NS + "winner"}


def _event_role(role: str) -> str:
    if role not in _EVENT_ROLES:  # "named": no role, named in the sentence it was read from
        return "is named in its report"
    label = label_of(_EVENT_ROLES[role])  # "has target", "winner"
    return f"is its {label[4:] if label.startswith('has ') else label}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
