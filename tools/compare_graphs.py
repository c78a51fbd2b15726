"""Whether RDF files hold the same graph: rdflib's isomorphism test, blank nodes matched up.

    python tools/compare_graphs.py A.ttl B.ttl            # one pair
    python tools/compare_graphs.py --dirs NEW_DIR OLD_DIR SET ...   # NEW_DIR/SET.ttl against OLD_DIR/SET.ttl

Each file is parsed by rdflib (format from the file name), and the two graphs are compared with
``rdflib.compare.isomorphic`` (canonical blank-node labelling, then set equality of the triples).
For a pair that differs, the triples only in one side are counted and the first few printed.
Exit status 0 when every pair is isomorphic, 1 when one is not, 2 on a file that cannot be read.

Example:
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.ttl").write_text('<urn:x> <urn:p> [ <urn:q> "1" ] .')
    >>> _ = (d / "b.ttl").write_text('<urn:x> <urn:p> _:b7 . _:b7 <urn:q> "1" .')
    >>> compare(d / "a.ttl", d / "b.ttl").same
    True
    >>> _ = (d / "c.ttl").write_text('<urn:x> <urn:p> [ <urn:q> "2" ] .')
    >>> result = compare(d / "a.ttl", d / "c.ttl")
    >>> result.same, result.triples, len(result.only_first), len(result.only_second)
    (False, (2, 2), 1, 1)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.util import guess_format


class Comparison(NamedTuple):
    same: bool
    triples: tuple[int, int]
    only_first: list  # triples (canonical blank nodes) only in the first graph, when they differ
    only_second: list


def load(path: Path) -> Graph:
    """The graph of one RDF file (format guessed from its name, Turtle if unknown)."""
    graph = Graph()
    graph.parse(str(path), format=guess_format(str(path)) or "turtle")
    return graph


def compare(first: Path, second: Path) -> Comparison:
    """Compare the graphs of two files."""
    a, b = load(first), load(second)
    if isomorphic(a, b):
        return Comparison(True, (len(a), len(b)), [], [])
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return Comparison(False, (len(a), len(b)), sorted(only_a), sorted(only_b))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dirs", action="store_true", help="compare NEW_DIR/SET.ttl with OLD_DIR/SET.ttl for each SET")
    parser.add_argument("args", nargs="+")
    ns = parser.parse_args(argv)
    if ns.dirs:
        if len(ns.args) < 3:
            parser.error("--dirs needs NEW_DIR OLD_DIR SET ...")
        new, old, sets = Path(ns.args[0]), Path(ns.args[1]), ns.args[2:]
        pairs = [(s, new / f"{s}.ttl", old / f"{s}.ttl") for s in sets]
    else:
        if len(ns.args) != 2:
            parser.error("give two files, or --dirs NEW_DIR OLD_DIR SET ...")
        pairs = [(f"{ns.args[0]} vs {ns.args[1]}", Path(ns.args[0]), Path(ns.args[1]))]
    status = 0
    for name, first, second in pairs:
        try:
            result = compare(first, second)
        except (OSError, SyntaxError, ValueError) as exc:
            print(f"{name}: cannot read ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})")
            return 2
        if result.same:
            print(f"{name}: isomorphic ({result.triples[0]} triples)")
            continue
        status = 1
        print(f"{name}: DIFFERENT ({result.triples[0]} vs {result.triples[1]} triples; "
              f"{len(result.only_first)} only in the first, {len(result.only_second)} only in the second)")
        for sign, triples in (("-", result.only_first), ("+", result.only_second)):
            for triple in triples[:10]:
                print(f"  {sign} {' '.join(term.n3() for term in triple)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
