"""The named-query commands: linked, timeline, events, charges, members,
cooccurrence, sources, ask and queries.

Each turns its options into the parameters of one named query and hands them
to :func:`show_named`, which runs it through the library
(:func:`newsgraph.queries.run_named`) and prints the rows: an aligned table by
default, ``--format json|csv`` (:func:`~newsgraph.cli.output_options`) for the
SPARQL result formats. A name that names no entity, or several, prints the
"did you mean" candidates and exits 1.
"""
from __future__ import annotations

import click

from ..exports import terminal_safe
from .options import output_options, render
from ..queries import load_queries
from ..queries.links import DEPTH3_CAP, LIMIT
from ..queries.lookup import AmbiguousNameError, NameLookupError

__all__ = ["linked", "timeline", "events", "charges", "members", "cooccurrence", "sources", "ask",
           "queries_cmd", "show_named", "echo_rows"]


def _key_values(items) -> dict[str, str]:
    """``--param KEY=VALUE`` options as a dict; a usage error names the one that is not."""
    values = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key.strip()] = value
    return values


@click.command()
@click.argument("name")
@click.option("--orgs", "--include-orgs", "orgs", is_flag=True, help="List organizations as well as people.")
@click.option("--direct", is_flag=True, help="Only direct ties, stated or alleged.")
@click.option("--evidence", is_flag=True, help="Every sentence with its article, not one row per link.")
@click.option("--depth", type=click.IntRange(2, 3), default=2, show_default=True,
              help="3 adds the ties of the people found (of the first %d)." % DEPTH3_CAP)
@click.option("--limit", type=click.IntRange(min=0), default=LIMIT, show_default=True,
              help="List at most N links, the strongest (0: every one).")
@output_options
@click.pass_obj
def linked(store, name, orgs, direct, evidence, depth, limit, fmt):
    """People linked to NAME over every path of at most two steps, strongest first.

    One row per person and kind of link: stated ties (an "alleged tie" when the
    article only reports a claim of it), shared events (detained, charged,
    tried or protesting together, or an event about NAME), shared
    organizations ("X leads the party Y belongs to", or Y was charged over
    the party's rallies), then co-mentions in one sentence. Each row gives the path in words, how many sentences and
    articles state it, and the strongest sentence; --evidence lists them all.
    JSON and CSV give the path as fields (via, via_kind, person_role, other_role).

    \b
    Example:
        newsgraph linked "Kairat Zhaksylykov"
        newsgraph linked Zhaksylykov --orgs --evidence --format csv
    """
    if fmt == "table" and not evidence and depth == 2 and _linked_from_index(store, name, orgs, direct, limit):
        return
    rows = show_named(store, "linked", fmt, person=name, include_orgs=orgs or None, direct=direct or None,
                      evidence=evidence or None, depth=depth, limit=limit or None,
                      columns=None if evidence else LINKED_TABLE)
    _note_limit(rows, limit)


def _linked_from_index(store, name: str, orgs: bool, direct: bool, limit: int) -> bool:
    """The ``linked`` table from the store's side index alone, without opening the store or
    loading rdflib (:func:`newsgraph.queries.links.linked_answer`): printed as the store's
    answer would be. False when the answer needs the store."""
    from ..queries.links import linked_answer, term_text

    try:
        found = linked_answer(store, name, include_orgs=orgs, direct=direct, limit=limit or None)
    except NameLookupError as exc:
        _echo_candidates(exc)
        raise click.exceptions.Exit(1) from None
    if found is None:
        return False
    rows, match = found
    _note_match(match)
    keep = [rows.vars.index(c) for c in LINKED_TABLE]
    kind = rows.vars.index("other_kind")
    shown = _Table([tuple(_KIND_SHOWN.get(term_text(r[i]), term_text(r[i])) if i == kind else
                          (term_text(r[i]) if type(r[i]) is tuple else r[i]) for i in keep) for r in rows],
                   LINKED_TABLE)
    click.echo(render(shown, "table"))
    _note_limit(rows, limit)
    return True


class _Table(list):
    """Rows of text to print (``vars``: the column names)."""

    def __init__(self, rows, vars):
        super().__init__(rows)
        self.vars = list(vars)


_KIND_SHOWN = {"https://w3id.org/newsgraph/ontology#Person": "ng:Person",
               "https://w3id.org/newsgraph/ontology#Organization": "ng:Organization"}
"""The classes of ``other_kind`` as the table shows an IRI (by its ng: prefix)."""


def _note_limit(rows, limit: int) -> None:
    if rows is not None and limit and getattr(rows, "more", 0) != 0:
        click.echo(f"note: the first {limit} links only, strongest first; --limit 0 lists every one", err=True)


LINKED_TABLE = ("other_name", "other_kind", "link", "sentences", "articles", "path", "evidence")
"""The columns the ``linked`` table shows (JSON and CSV give every column)."""


@click.command()
@click.argument("name")
@output_options
@click.pass_obj
def timeline(store, name, fmt):
    """The events of NAME in date order: role, place, charges, penalty, evidence.

    \b
    Example:
        newsgraph timeline "Kairat Zhaksylykov"
    """
    show_named(store, "timeline", fmt, person=name)


@click.command()
@click.option("--type", "type_", metavar="TYPE", help="Event type, such as Detention (finer types count).")
@click.option("--place", help="Where it happened.")
@click.option("--since", metavar="DATE", help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="Latest date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--target", metavar="NAME", help="A person or organization it happened to.")
@click.option("--agent", metavar="NAME", help="A person or organization who did it.")
@output_options
@click.pass_obj
def events(store, type_, place, since, until, target, agent, fmt):
    """Events, filtered by type, place, dates, target and agent.

    \b
    Example:
        newsgraph events --type Detention --place Almaty --since 2022-01-01
        newsgraph events --target "Kairat Zhaksylykov" --format json
    """
    show_named(store, "events", fmt, type=type_, place=place, since=since, until=until, target=target,
               agent=agent)


@click.command()
@click.option("--person", metavar="NAME", help="Only the charges against this person.")
@output_options
@click.pass_obj
def charges(store, person, fmt):
    """Who was charged with what, and the sentence that followed.

    \b
    Example:
        newsgraph charges
        newsgraph charges --person "Kairat Zhaksylykov"
    """
    show_named(store, "charges", fmt, person=person)


@click.command()
@click.argument("org")
@output_options
@click.pass_obj
def members(store, org, fmt):
    """Members of the organization ORG, with their role and the evidence.

    \b
    Example:
        newsgraph members "Green Lantern Party"
    """
    show_named(store, "members", fmt, org=org)


@click.command()
@click.option("--top", type=click.IntRange(min=0), help="Show only the N most frequent pairs.")
@click.option("--entity", metavar="NAME", help="Only pairs that include this person or organization.")
@output_options
@click.pass_obj
def cooccurrence(store, top, entity, fmt):
    """Pairs of people and organizations named together in one sentence, most frequent first.

    \b
    Example:
        newsgraph cooccurrence --top 10
    """
    show_named(store, "cooccurrence", fmt, top=top, entity=entity)


@click.command()
@click.argument("name")
@output_options
@click.pass_obj
def sources(store, name, fmt):
    """The articles that mention NAME (a person, organization or place).

    \b
    Example:
        newsgraph sources "Kairat Zhaksylykov"
    """
    show_named(store, "sources", fmt, entity=name)


@click.command()
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeatable).")
@output_options
@click.pass_obj
def ask(store, query, params, fmt):
    """Run the named query QUERY (see `newsgraph queries`) with its parameters.

    \b
    Example:
        newsgraph ask events --param type=Protest --param since=2022
        newsgraph ask linked -p person="Kairat Zhaksylykov" -p depth=3
    """
    show_named(store, query, fmt, **_key_values(params))


@click.command(name="queries")
@output_options
def queries_cmd(fmt):
    """List the named queries with their parameters ([optional]) and descriptions.

    \b
    Example:
        newsgraph queries
    """
    from rdflib import Literal

    from ..graph.store import Rows

    echo_rows(Rows([(Literal(q.name), Literal(q.usage), Literal(q.description))
                    for q in load_queries().values()], ["query", "parameters", "description"]), fmt)


def show_named(store, name: str, fmt: str, columns=None, **params):
    """Run the named query ``name`` on ``store`` with ``params``, print its rows as ``fmt``
    and return them.

    A name read as a different spelling gets a ``note:`` line on stderr; a name that
    names no entity, or several, prints ``Error:`` and the candidates on stderr and
    exits 1. Names from the store are shown escaped (see :func:`newsgraph.exports.terminal_safe`).
    """
    from ..graph.store import Store
    from ..queries import run_named

    try:
        with Store.open(store, read_only=True) as st:
            rows = run_named(st, name, **params)
    except NameLookupError as exc:
        _echo_candidates(exc)
        raise click.exceptions.Exit(1) from None
    for match in rows.lookups:
        _note_match(match)
    echo_rows(rows, fmt, columns)
    return rows


def _note_match(match) -> None:
    """The ``note:`` of a name read as a different spelling."""
    if not match.exact:
        click.echo(terminal_safe(f"note: {match.query!r} read as {match.label} ({match.kind}, {match.iri}; "
                           f"matched {match.how}: {match.matched!r})"), err=True)


def echo_rows(rows, fmt: str, columns=None) -> None:
    """Print ``rows`` as ``fmt``; the table leaves out IRI columns that a ``_name`` column names,
    and shows only ``columns`` if given."""
    if fmt == "table":
        from ..graph.store import Rows
        from ..queries import table_view

        rows = table_view(rows)
        if columns:
            keep = [rows.vars.index(c) for c in columns if c in rows.vars]
            rows = Rows((tuple(r[i] for i in keep) for r in rows), [rows.vars[i] for i in keep])
    click.echo(render(rows, fmt))


def _echo_candidates(exc: NameLookupError) -> None:
    click.echo(f"Error: {terminal_safe(exc.message)}", err=True)
    if exc.candidates:
        click.echo("Candidates:" if isinstance(exc, AmbiguousNameError) else "Did you mean:", err=True)
        for candidate in exc.candidates:
            click.echo(f"  {terminal_safe(str(candidate))}", err=True)


COMMANDS = [linked, timeline, events, charges, members, cooccurrence, sources, ask, queries_cmd]
