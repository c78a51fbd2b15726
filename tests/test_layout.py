"""The package layout holds the direction of the data flow (an AST walk over every module).

Layers, lowest first; a module may import its own layer and the layers listed for it:

    errors, version        nothing of newsgraph
    text                   errors
    ontology               text
    loaders.read           ontology, text
    loaders.extract        loaders.read, ontology, text
    graph                  ontology, text
    pipeline               loaders, graph, ontology, text
    queries                graph, ontology, text
    exports                graph, queries, ontology, text
    server                 anything below (not cli)
    cli, the API           anything below

(errors and version are open to every layer.) Every import counts, at module level or
inside a function. Besides the direction: no import cycle between modules, and no
private name (``_name``) imported from another module.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsgraph"

BASE = {"errors", "version"}
ALLOWED: dict[str, set[str]] = {
    "text": set(),
    "ontology": {"text"},
    "loaders.read": {"ontology", "text"},
    "loaders.extract": {"loaders.read", "ontology", "text"},
    "loaders": {"loaders.read", "loaders.extract", "ontology", "text"},
    "graph": {"ontology", "text"},
    "pipeline": {"loaders", "loaders.read", "loaders.extract", "graph", "ontology", "text"},
    "queries": {"graph", "ontology", "text"},
    "exports": {"graph", "queries", "ontology", "text"},
    "server": {"exports", "queries", "pipeline", "graph", "loaders", "loaders.read", "loaders.extract",
               "ontology", "text"},
}
ALLOWED["cli"] = set(ALLOWED) | {"api"}
ALLOWED["api"] = set(ALLOWED) - {"api"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    """The layer of a dotted module name (``newsgraph.loaders.extract.ties`` -> ``loaders.extract``)."""
    parts = module.split(".")[1:]
    if not parts:
        return "api"
    if parts[0] in BASE:
        return parts[0]
    if parts[0] == "__main__":
        return "cli"
    if parts[0] == "loaders" and len(parts) > 1 and parts[1] in ("read", "extract"):
        return f"loaders.{parts[1]}"
    return parts[0]


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: dict[str, Path], source: str | None = None) -> list[tuple[int, str, str]]:
    """``(line, imported module, imported name or '')`` for every newsgraph import of one file
    (``source``: its text, read from ``path`` if None). ``from package import submodule`` counts
    as importing the submodule."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, "") for a in node.names if a.name.split(".")[0] == "newsgraph"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "newsgraph":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, sub, "") if sub in known else (node.lineno, target, alias.name))
    return found


def test_every_module_is_in_a_layer():
    known = modules()
    strays = [m for m in known if layer_of(m) not in ALLOWED and layer_of(m) not in BASE]
    assert not strays


def test_imports_follow_the_data_flow():
    known = modules()
    wrong = []
    for module, path in known.items():
        mine = layer_of(module)
        for line, target, _ in imports(path, known):
            theirs = layer_of(target)
            if theirs == mine or theirs in BASE:
                continue
            if mine in BASE or theirs not in ALLOWED.get(mine, set()):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {mine} imports {target} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_no_private_name_crosses_a_module():
    known = modules()
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{line}: {target}.{name}"
             for module, path in known.items()
             for line, target, name in imports(path, known)
             if name.startswith("_") and not name.startswith("__") and target != module]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    known = modules()
    edges = {m: {t for _, t, _ in imports(p, known) if t in known and t != m} for m, p in known.items()}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for m in sorted(edges):
        if m not in state:
            visit(m, [])
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("source, allowed", [
    ("from ..graph.store import Store\n", True),
    ("from ..queries import run_named\n", True),
    ("from ..pipeline.ingest import ingest\n", False),
    ("def f():\n    from ..loaders.extract import nlp\n", False),
])
def test_the_checker_sees_a_wrong_import(source, allowed):
    """The walk itself, on a module pretending to live at exports/x.py."""
    known = modules()
    [(line, target, _)] = imports(PACKAGE / "exports" / "x.py", known, source)
    assert (layer_of(target) in ALLOWED["exports"]) is allowed


def _missing_imports(root: Path) -> list[str]:
    """Every ``from X import Y`` of newsgraph in the package and the tests (imports inside
    functions too) whose module X does not exist, or whose X has no Y at all."""
    wrong = []
    for path in sorted([*root.glob("newsgraph/**/*.py"), *root.glob("tests/**/*.py")]):
        parts = list(path.relative_to(root).with_suffix("").parts)
        package = parts[:-1]  # a module's package; an __init__'s own package
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            else:
                target = (node.module or "").split(".")
            if target[0] != "newsgraph":
                continue
            where = root.joinpath(*target)
            source = where.with_suffix(".py") if where.with_suffix(".py").exists() else where / "__init__.py"
            if not source.exists():
                wrong.append(f"{path.relative_to(root)}:{node.lineno}: no module {'.'.join(target)}")
                continue
            text = source.read_text(encoding="utf-8")
            for alias in node.names:
                sub = where / alias.name
                if alias.name != "*" and alias.name not in text and not (
                        sub.with_suffix(".py").exists() or (sub / "__init__.py").exists()):
                    wrong.append(f"{path.relative_to(root)}:{node.lineno}: {'.'.join(target)} has no {alias.name}")
    return wrong


def test_every_import_names_a_module_that_exists():
    """A module moved without its late imports (inside functions) following fails only when
    that function runs; this finds them all at once."""
    assert not _missing_imports(PACKAGE.parent), "\n".join(_missing_imports(PACKAGE.parent))


def test_the_import_finder_sees_a_moved_module(tmp_path):
    (tmp_path / "newsgraph" / "a").mkdir(parents=True)
    (tmp_path / "newsgraph" / "__init__.py").write_text("")
    (tmp_path / "newsgraph" / "a" / "__init__.py").write_text("")
    (tmp_path / "newsgraph" / "a" / "b.py").write_text("def f():\n    from .gone import x\n")
    assert _missing_imports(tmp_path) == ["newsgraph/a/b.py:2: no module newsgraph.a.gone"]
