"""``newsgraph viz``: draw a network of the store as an offline HTML page (or write it
as GraphML, GEXF or CSV)."""
from __future__ import annotations

from pathlib import Path

import click

from ..exports import terminal_safe

KINDS = ("cooccurrence", "affiliation", "events")
"""newsgraph.exports.network.KINDS, named here so that starting the CLI does not import networkx
(a test checks they agree)."""
SIZE_BY = ("degree", "articles")
"""newsgraph.exports.html.SIZE_BY (a test checks they agree)."""

__all__ = ["viz"]


@click.command()
@click.option("--kind", type=click.Choice(list(KINDS)), default="cooccurrence", show_default=True,
              help="cooccurrence: named together in a sentence or an event; affiliation: "
                   "person-organization ties; events: actors and the events they took part in.")
@click.option("--around", metavar="NAME", help="Only the network around this person or organization.")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="Steps from --around to include.")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Keep the N nodes of highest degree.")
@click.option("--communities", is_flag=True, help="Colour nodes by Louvain community.")
@click.option("--size-by", type=click.Choice(list(SIZE_BY)), default="degree", show_default=True,
              help="What node size shows (HTML only).")
@click.option("--title", help="Page heading (HTML only; default: what the graph shows).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="graph.html",
              show_default=True, help="File to write: .html, .graphml, .gexf, .zip (nodes.csv + "
                                      "edges.csv) or .csv (NAME.nodes.csv and NAME.edges.csv).")
@click.pass_obj
def viz(store, kind, around, depth, top, communities, size_by, title, output):
    """Draw who is connected to whom, as a page that works offline.

    The page is self-contained (no network requests) and shows article text
    only as text. Hover a node for its aliases and evidence, click it to see
    its neighbours, filter by type in the legend, search by name.

    \b
    Example:
        newsgraph viz -o people.html
        newsgraph viz --kind events --top 200 -o events.html
        newsgraph viz --around "Mara Quell" --depth 2 --communities -o quell.html
        newsgraph viz --kind affiliation -o ties.gexf
    """
    from ..exports.network import build_graph
    from ..graph.store import Store

    with Store.open(store, read_only=True) as st:
        graph = build_graph(st, kind, around=around, depth=depth, top=top, communities=communities)
    from ..exports.graphfiles import write_network

    paths = write_network(graph, output, heading=title, size_by=size_by)
    n = graph.graph.get("communities", 0)
    extra = f", {n} communit{'y' if n == 1 else 'ies'}" if communities else ""
    click.echo(terminal_safe(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges{extra} "
                       f"to {', '.join(map(str, paths))}"))


COMMANDS = [viz]
