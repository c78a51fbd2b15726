"""Every SPARQL file of the package compiles, every internal one is used, and none is left in Python."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph.ontology import PREFIX_IRIS
from newsgraph.text.sparql import fill, internal_query, query_names, read_query

PACKAGE = Path(__file__).resolve().parent.parent / "newsgraph"
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))


def _compiles(text: str) -> None:
    ox.Store().query(text, prefixes=PREFIX_IRIS)  # SyntaxError if it does not parse


@pytest.mark.parametrize("name", query_names())
def test_named_query_compiles(name):
    _compiles(read_query(name))


@pytest.mark.parametrize("name", query_names("internal"))
def test_internal_query_compiles_and_is_used(name):
    text = read_query(name, "internal")
    markers = set(re.findall(r"\{\{(\w+)\}\}", text))
    _compiles(fill(text, **{m: ["urn:example:x"] for m in markers}))
    assert f'internal_query("{name}"' in SOURCES, f"{name}.rq is read by no module"


def test_no_query_text_left_in_python():
    """A query run by the code (a SELECT/ASK/CONSTRUCT/DESCRIBE text passed to ``query``) comes from a .rq file."""
    keyword = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0]
            text = (first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else
                    "".join(v.value for v in first.values if isinstance(v, ast.Constant))
                    if isinstance(first, ast.JoinedStr) else "")
            if name in ("query", "q", "_count") and keyword.search(text):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {text[:60]!r}")
    assert not found, "\n".join(found)


def test_fill_refuses_a_missing_marker_value_and_a_non_iri():
    with pytest.raises(ValueError):
        fill("VALUES ?t { {{types}} }")
    with pytest.raises(ValueError):
        fill("VALUES ?t { {{types}} }", types=["https://example.org/a> } DROP ALL #"])
    with pytest.raises(ValueError):
        fill("SELECT * {}", extra=["urn:x"])
    assert internal_query("stats_events", event_classes=["urn:a", "urn:b"]).count("<urn:") >= 2
