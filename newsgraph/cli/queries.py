"""The named-query commands: linked, timeline, events, charges, members,
cooccurrence, sources, ask and queries.

Each turns its options into the parameters of one named query
(:func:`newsgraph.queries.run_named`) and prints the rows: an aligned table by
default, ``--format json|csv`` for the SPARQL result formats. A name that names
no entity, or several, prints the "did you mean" candidates and exits 1.
"""
from __future__ import annotations

import click
from rdflib import Literal

from . import cli
from ..exports import RESULT_FORMATS, format_results
from ..graph.store import Rows, Store
from ..queries import load_queries, run_named, table_view
from ..queries.lookup import AmbiguousNameError, NameLookupError

__all__ = ["linked", "timeline", "events", "charges", "members", "cooccurrence", "sources", "ask",
           "queries_cmd"]


def format_option(fn):
    """The shared ``--format`` option."""
    return click.option("--format", "fmt", type=click.Choice(list(RESULT_FORMATS)), default="table",
                        show_default=True, help="Output format.")(fn)


@cli.command()
@click.argument("name")
@click.option("--include-orgs", is_flag=True, help="List organizations as well as people.")
@click.option("--depth", type=click.IntRange(1, 2), default=1, show_default=True,
              help="2 adds ties of ties, with the path.")
@format_option
@click.pass_obj
def linked(store, name, include_orgs, depth, fmt):
    """People linked to NAME, strongest first, each link with its evidence.

    A link is a stated tie, a shared event, a shared organization or a
    co-mention in one sentence; each row cites the sentence and the article.

    \b
    Example:
        newsgraph linked "Kairat Zhaksylykov"
        newsgraph linked Zhaksylykov --include-orgs --depth 2 --format csv
    """
    _show(store, "linked", fmt, person=name, include_orgs=include_orgs or None, depth=depth)


@cli.command()
@click.argument("name")
@format_option
@click.pass_obj
def timeline(store, name, fmt):
    """The events of NAME in date order: role, place, charges, penalty, evidence.

    \b
    Example:
        newsgraph timeline "Kairat Zhaksylykov"
    """
    _show(store, "timeline", fmt, person=name)


@cli.command()
@click.option("--type", "type_", metavar="TYPE", help="Event type, such as Detention (finer types count).")
@click.option("--place", help="Where it happened.")
@click.option("--since", metavar="DATE", help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="Latest date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--target", metavar="NAME", help="A person or organization it happened to.")
@click.option("--agent", metavar="NAME", help="A person or organization who did it.")
@format_option
@click.pass_obj
def events(store, type_, place, since, until, target, agent, fmt):
    """Events, filtered by type, place, dates, target and agent.

    \b
    Example:
        newsgraph events --type Detention --place Almaty --since 2022-01-01
        newsgraph events --target "Kairat Zhaksylykov" --format json
    """
    _show(store, "events", fmt, type=type_, place=place, since=since, until=until, target=target,
          agent=agent)


@cli.command()
@click.option("--person", metavar="NAME", help="Only the charges against this person.")
@format_option
@click.pass_obj
def charges(store, person, fmt):
    """Who was charged with what, and the sentence that followed.

    \b
    Example:
        newsgraph charges
        newsgraph charges --person "Kairat Zhaksylykov"
    """
    _show(store, "charges", fmt, person=person)


@cli.command()
@click.argument("org")
@format_option
@click.pass_obj
def members(store, org, fmt):
    """Members of the organization ORG, with their role and the evidence.

    \b
    Example:
        newsgraph members "Green Lantern Party"
    """
    _show(store, "members", fmt, org=org)


@cli.command()
@click.option("--top", type=click.IntRange(min=0), help="Show only the N most frequent pairs.")
@click.option("--entity", metavar="NAME", help="Only pairs that include this person or organization.")
@format_option
@click.pass_obj
def cooccurrence(store, top, entity, fmt):
    """Pairs of people and organizations named together in one sentence, most frequent first.

    \b
    Example:
        newsgraph cooccurrence --top 10
    """
    _show(store, "cooccurrence", fmt, top=top, entity=entity)


@cli.command()
@click.argument("name")
@format_option
@click.pass_obj
def sources(store, name, fmt):
    """The articles that mention NAME (a person, organization or place).

    \b
    Example:
        newsgraph sources "Kairat Zhaksylykov"
    """
    _show(store, "sources", fmt, entity=name)


@cli.command()
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeatable).")
@format_option
@click.pass_obj
def ask(store, query, params, fmt):
    """Run the named query QUERY (see `newsgraph queries`) with its parameters.

    \b
    Example:
        newsgraph ask events --param type=Protest --param since=2022
        newsgraph ask linked -p person="Kairat Zhaksylykov" -p depth=2
    """
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key.strip()] = value
    _show(store, query, fmt, **values)


@cli.command(name="queries")
@format_option
def queries_cmd(fmt):
    """List the named queries with their parameters ([optional]) and descriptions.

    \b
    Example:
        newsgraph queries
    """
    rows = Rows([(Literal(q.name), Literal(q.usage), Literal(q.description))
                 for q in load_queries().values()], ["query", "parameters", "description"])
    click.echo(format_results(rows, fmt))


def _show(store, name, fmt, **params):
    """Run one named query and print its rows; a failed name lookup prints the candidates."""
    try:
        with Store.open(store, read_only=True) as st:
            rows = run_named(st, name, **params)
    except NameLookupError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        if exc.candidates:
            click.echo("Candidates:" if isinstance(exc, AmbiguousNameError) else "Did you mean:", err=True)
            for candidate in exc.candidates:
                click.echo(f"  {candidate}", err=True)
        raise click.exceptions.Exit(1) from None
    for match in rows.lookups:
        if not match.exact:
            click.echo(f"note: {match.query!r} read as {match.label} ({match.kind}, {match.iri}; "
                       f"matched {match.how}: {match.matched!r})", err=True)
    click.echo(format_results(table_view(rows) if fmt == "table" else rows, fmt))
