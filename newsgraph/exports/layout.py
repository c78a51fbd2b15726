"""Node positions for big network pages, computed in Python so the browser has no layout to run.

A force-directed layout in the manner of Fruchterman and Reingold: edges pull their
ends together, every node pushes the others away, a weak pull keeps components near
the middle, and the step size cools. The push of all the other nodes, n^2 pairs per
step, is estimated from a fixed random sample of them for each node (scaled up by
n / sample), which makes a step O(n * sample + edges): about 0.3 s for 2,000 nodes
and 4,000 edges, where networkx's ``spring_layout`` takes several seconds.
The result depends only on the graph and the seed.

Example:
    >>> import networkx as nx
    >>> positions = layout_positions(nx.path_graph(5), scale=100)
    >>> sorted(positions) == [0, 1, 2, 3, 4], all(abs(x) <= 100 and abs(y) <= 100 for x, y in positions.values())
    (True, True)
    >>> positions == layout_positions(nx.path_graph(5), scale=100)
    True
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["layout_positions"]

GRAVITY = 0.05
"""How hard every node is pulled to the middle, against the push of the others (keeps small
components in view; stronger packs the picture into a uniform disk)."""


def layout_positions(graph, *, scale: float | None = None, iterations: int = 120, sample: int = 48,
                     seed: int = 7) -> dict:
    """``{node: (x, y)}`` for a networkx ``graph``, within ``[-scale, scale]`` (default: wide
    enough for the labels of ``graph``'s size, in vis-network's pixel units)."""
    nodes = list(graph)
    n = len(nodes)
    scale = scale if scale is not None else 60.0 * math.sqrt(max(n, 1))
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[a], index[b]) for a, b in graph.edges() if a != b], dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) - 0.5
    k = 1.0 / math.sqrt(n)  # the ideal distance between neighbours in the unit square
    sample = min(sample, n - 1)
    others = rng.integers(0, n - 1, size=(n, sample))
    others += others >= np.arange(n)[:, None]  # never a node itself
    step, cooling = 0.1, (0.005 / 0.1) ** (1 / max(iterations, 1))
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[others, 0]  # push of the sampled others
        dy = pos[:, 1, None] - pos[others, 1]
        push = (k * k * (n - 1) / sample) / np.maximum(dx * dx + dy * dy, 1e-9)
        disp = np.stack(((dx * push).sum(1), (dy * push).sum(1)), axis=1)
        if len(pairs):  # pull along the edges
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * (np.sqrt((delta ** 2).sum(-1)) / k)[:, None]
            for axis in (0, 1):  # bincount sums per node (ufunc.at is far slower)
                disp[:, axis] -= np.bincount(pairs[:, 0], pull[:, axis], minlength=n)
                disp[:, axis] += np.bincount(pairs[:, 1], pull[:, axis], minlength=n)
        disp -= pos * (n * k * GRAVITY)  # gravity: components stay near the middle
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 1e-9)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step *= cooling
    pos -= pos.mean(0)
    pos *= scale / max(float(np.abs(pos).max()), 1e-9)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, pos)}
