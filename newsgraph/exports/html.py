"""One self-contained, offline, script-safe HTML page showing a network.

The page is built with pyvis (``cdn_resources="in_line"``: vis-network is
copied into the page) and rendered through newsgraph's own template
(``templates/network.html``), which differs from pyvis's in what matters to
readers on watched connections who open pages from untrusted sources:

* **No network at all.** No CDN link (pyvis's template loads bootstrap from
  one in every mode); a Content-Security-Policy forbids every request and every
  script but the page's own two (pinned by SHA-256 hash).
* **Article text never runs.** Names, aliases and evidence sentences travel as
  JSON in a data block (``<``, ``>``, ``&`` and ``'`` escaped) and reach the page
  only as text: vis-network draws labels on a canvas and sets string tooltips
  with ``innerText``; the page's own controls use ``textContent``. pyvis's
  template sets every tooltip with ``innerHTML`` as soon as one contains
  "href"; that path is not in ours. The heading is HTML-escaped.
* **Usable on big graphs.** Colour and shape by type with a legend that filters,
  size by degree or article count, a name search, neighbourhood highlight on
  click; the layout runs a bounded number of physics iterations and then physics
  is switched off, so the page stays still and responsive.

Example:
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("a", label="<b>Ann</b>", category="Person")
    >>> page = generate_html(g, heading="Ann & co")
    >>> "<h1>Ann &amp; co</h1>" in page, "<b>Ann" in page, "https://" in page.split("<style>")[0]
    (True, False, False)
"""
from __future__ import annotations

import base64
import hashlib
import os
from functools import lru_cache
from importlib.resources import files
from typing import BinaryIO

from markupsafe import Markup

from ..errors import ExportError
from ..ontology import term_words

__all__ = ["generate_html", "write_html", "export_html", "COLORS", "SHAPES", "SIZE_BY"]

COLORS = {
    "Person": "#4e79a7", "Organization": "#f28e2b", "Place": "#8cd17d",
    "Detention": "#e15759", "Charging": "#b07aa1", "Sentencing": "#9c755f", "Release": "#59a14f",
    "Protest": "#edc948", "Election": "#76b7b2", "Violence": "#d4166a", "Event": "#bab0ac",
}
"""Node colour by category (type, or the contract event class)."""

SHAPES = {"Person": "dot", "Organization": "square", "Place": "triangle"}
"""Node shape by category; events are diamonds."""

COMMUNITY_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                    "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#aec7e8", "#ffbb78", "#98df8a",
                    "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#17becf"]

SIZE_BY = ("degree", "articles")
LAYOUT_IN_PYTHON_ABOVE = 400
"""Graphs with more nodes are laid out in Python (:mod:`newsgraph.exports.layout`) and drawn
with physics off: in the browser, a 2,000-node layout took several seconds to settle."""

MAX_TOOLTIP_EVIDENCE = 320
"""Characters of evidence shown in a tooltip (the full text stays in the graph exports)."""

_TEMPLATES = files(__name__.rsplit(".", 1)[0]) / "templates"
_VIS = "templates/lib/vis-9.1.2"


def generate_html(graph, *, heading: str | None = None, size_by: str = "degree",
                  iterations: int | None = None, before: str = "", after: str = "",
                  summary: str | None = None) -> str:
    """The page for a networkx ``graph`` (as built by :mod:`newsgraph.exports.network`), as a string.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes may carry ``label``, ``category``/``type``, ``aliases``, ``articles``,
        ``degree``, ``evidence``, ``community``; edges ``weight``, ``evidence``,
        ``relation``, ``role``. Missing attributes are left out.
    heading : str
        Page title and heading (escaped); defaults to the graph's ``kind``.
    size_by : {"degree", "articles"}
        What node size shows.
    iterations : int
        Physics iterations before the layout freezes (default: fewer for big graphs).
    before, after : str
        HTML (already escaped: the caller's job) put before the controls and after the
        network, as the server's actor pages do. A node with an ``href`` attribute (a
        local path, ``/id/...``) opens that page when clicked.
    summary : str
        The line under the heading (default: the counts and how to use the page).
    """
    if size_by not in SIZE_BY:
        raise ExportError(f"cannot size nodes by {size_by!r} (choose from {', '.join(SIZE_BY)})")
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", heading="")
    communities = any("community" in a for _, a in graph.nodes(data=True))
    index = {}
    for i, (node, attrs) in enumerate(graph.nodes(data=True)):
        index[node] = i
        category = str(attrs.get("category") or attrs.get("type") or "Entity")
        label = str(attrs.get("label", node))
        color = (COMMUNITY_COLORS[int(attrs["community"]) % len(COMMUNITY_COLORS)] if communities
                 else COLORS.get(category, COLORS["Event"]))
        aliases = [a for a in str(attrs.get("aliases") or "").split("; ") if a]
        net.add_node(i, label=label, shape=SHAPES.get(category, "diamond"), color=color,
                     title=_node_tooltip(label, attrs, category), category=category,
                     value=int(attrs.get(size_by) or attrs.get("degree") or 0) + 1,
                     names=[label] + aliases, **({"href": str(attrs["href"])} if attrs.get("href") else {}))
    # pyvis's add_edge scans every edge for a duplicate (quadratic); a networkx
    # graph has none, so the edge dicts go in directly.
    net.edges = [{"from": index[a], "to": index[b], "value": _number(attrs.get("weight", 1)),
                  "title": _edge_tooltip(graph, a, b, attrs)} for a, b, attrs in graph.edges(data=True)]
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()

    n = len(nodes)
    laid_out = n > LAYOUT_IN_PYTHON_ABOVE
    if laid_out:  # positions shipped, physics off: the page is still as soon as it is drawn
        from .layout import layout_positions

        positions = layout_positions(graph)
        by_index = {index[node]: xy for node, xy in positions.items()}
        for node in nodes:
            node["x"], node["y"] = by_index[node["id"]]
    heading = heading if heading is not None else _default_heading(graph)
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": _options_for(n, len(edges), iterations, physics=not laid_out),
        "legend": _legend(graph, communities),
        "legendNote": "colour: community (Louvain)" if communities else "",
    }
    summary = summary or f"{n} nodes, {len(edges)} edges. Click a node to show its neighbours; hover for details."
    css = _asset("network.css")
    js = _asset("network.js")
    vis_js, vis_css = _vis()
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in (vis_js, js))
    template = _template()
    from ..version import __version__

    return template.render(heading=heading, summary=summary, data=data, version=__version__,
                           legend_title="Types" if not communities else "Shapes",
                           vis_js=Markup(vis_js), vis_css=Markup(vis_css), page_css=Markup(css),
                           page_js=Markup(js), script_hashes=Markup(hashes),
                           before=Markup(before), after=Markup(after))


def write_html(graph, out: str | os.PathLike | BinaryIO, **options) -> None:
    """Write :func:`generate_html` to a path (atomically) or a binary handle."""
    from .rdf import write_bytes

    write_bytes(generate_html(graph, **options).encode("utf-8"), out)


def export_html(store, out: str | os.PathLike | BinaryIO) -> int:
    """The ``html`` exporter: the co-occurrence network as a page; returns its node count."""
    from .network import cooccurrence_graph

    graph = cooccurrence_graph(store)
    write_html(graph, out, heading="Who appears with whom")
    return graph.number_of_nodes()


# ---------------------------------------------------------------- pieces

def _node_tooltip(label: str, attrs: dict, category: str) -> str:
    """Plain text (vis sets it with innerText): never HTML."""
    kind = str(attrs.get("type") or category)
    lines = [label, term_words(kind) + (f" ({category})" if kind != category else "")]
    articles = attrs.get("articles")
    if articles:
        lines[-1] += f" · {articles} article{'s' if int(articles) != 1 else ''}"
    if attrs.get("date"):
        lines.append(f"Date: {attrs['date']}")
    if attrs.get("aliases"):
        lines.append(f"Also: {attrs['aliases']}")
    if "community" in attrs:
        lines.append(f"Community {attrs['community']}")
    if attrs.get("evidence"):
        lines.append(f"“{_clip(str(attrs['evidence']))}”")
    return "\n".join(lines)


def _edge_tooltip(graph, a, b, attrs: dict) -> str:
    names = [str(graph.nodes[x].get("label", x)) for x in (a, b)]
    lines = [" — ".join(names)]
    if attrs.get("relation"):
        lines.append(f"Tie: {attrs['relation']}")
    if attrs.get("role"):
        lines.append(f"Role: {attrs['role']}")
    weight = attrs.get("weight")
    if weight and attrs.get("kind", "cooccurrence").startswith("cooccurrence"):
        lines.append(f"Together in {weight} sentence{'s' if weight != 1 else ''}")
    for sentence in str(attrs.get("evidence") or "").splitlines()[:2]:
        lines.append(f"“{_clip(sentence, 200)}”")
    return "\n".join(lines)


def _legend(graph, communities: bool) -> list:
    counts: dict = {}
    for _, attrs in graph.nodes(data=True):
        category = str(attrs.get("category") or attrs.get("type") or "Entity")
        counts[category] = counts.get(category, 0) + 1
    order = list(COLORS)
    return [{"key": c, "label": term_words(c), "count": counts[c], "shape": SHAPES.get(c, "diamond"),
             "color": "#8a949e" if communities else COLORS.get(c, COLORS["Event"])}
            for c in sorted(counts, key=lambda c: (order.index(c) if c in order else len(order), c))]


def _options_for(n_nodes: int, n_edges: int, iterations: int | None, physics: bool = True) -> dict:
    """vis-network options: bounded stabilisation, then still (the page turns physics off);
    with ``physics`` False the nodes carry their positions and nothing moves."""
    big = n_nodes > 400
    if iterations is None:
        iterations = 1000 if n_nodes <= 200 else 400 if n_nodes <= 1000 else 200
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
        "nodes": {"scaling": {"min": 8, "max": 36, "label": {"enabled": True, "min": 14, "max": 26,
                                                               "drawThreshold": 5}},
                  "font": {"size": 13, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {"color": {"color": "#9aa4b1", "highlight": "#3b4650", "hover": "#3b4650",
                            "inherit": False},
                  "scaling": {"min": 1, "max": 8}, "smooth": False if big else {"type": "continuous"},
                  "selectionWidth": 1.5},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"theta": 0.8 if big else 0.5, "gravitationalConstant": -6000, "springLength": 110,
                                  "springConstant": 0.04, "damping": 0.35, "avoidOverlap": 0.15},
                    "minVelocity": 1.0,
                    "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25,
                                      "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False, "navigationButtons": False},
    }


def _default_heading(graph) -> str:
    from .network import TITLES

    kind = graph.graph.get("kind", "network")
    return str(graph.graph.get("title") or TITLES.get(kind, kind))


def _clip(text: str, limit: int = MAX_TOOLTIP_EVIDENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _number(value):
    """An edge weight for vis (a number; 1 when missing or not a number)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return 1


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis() -> tuple[str, str]:
    """vis-network's script and stylesheet as pyvis ships them, checked safe to inline."""
    lib = files("pyvis") / _VIS
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    for text, end in ((js, "</script"), (css, "</style")):
        low = text.lower()
        if end in low or "<!--" in low:
            raise ExportError(f"pyvis's vis-network cannot be inlined safely (it contains {end!r})")
    return js, css


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    return env.from_string(_asset("network.html"))
