"""Helpers for the cog blocks of README.md and docs/*.md: every output shown there is
produced by running the command, here, against a store built from examples/demo.

    cog -r -I docs README.md docs/*.md         # regenerate the outputs
    cog --check -I docs README.md docs/*.md    # fail if any is out of date (CI)

Commands run in a temporary working folder that holds a link to the repository's
``examples/`` (so ``newsgraph ingest examples/demo`` reads the same paths as in a clone)
and the demo store as ``demo-store``. What changes from run to run is masked the same
way every time, so a second ``cog --check`` on a fresh clone passes: durations
(``in 2.8 s`` -> ``in N.N s``), store sizes (``(2.2 MB)`` -> ``(N.N MB)``), the
temporary folder and the server's port. Nothing outside the repository is read:
the evaluation figures come from the committed docs/figures/*.score files.
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIGURES = REPO / "docs" / "figures"
DEMO_STORE = "demo-store"
SHOWN_PORT = 8765  # the port the docs show for `newsgraph serve`, whatever port was free

_work: Path | None = None
_demo_built = False
_port: int | None = None


def workdir() -> Path:
    """The temporary folder commands run in (created once, removed at exit)."""
    global _work
    if _work is None:
        _work = Path(tempfile.mkdtemp(prefix="newsgraph-docs-"))
        atexit.register(shutil.rmtree, _work, True)
        (_work / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    return _work


def _env(store: str) -> dict:
    # The derived-data cache lives in the working folder too, so no run depends on what an
    # earlier run (or the user's ~/.cache) left behind.
    env = dict(os.environ, NEWSGRAPH_STORE=store, NEWSGRAPH_CACHE=str(workdir() / "cache"),
               COLUMNS="120", NO_COLOR="1", TERM="dumb")
    env.pop("NEWSGRAPH_MODEL", None)
    return env


def _demo_store() -> None:
    """Build the demo store once per cog run (the first command that needs it pays)."""
    global _demo_built
    if not _demo_built:
        out = subprocess.run("newsgraph ingest examples/demo", shell=True, cwd=workdir(),
                             env=_env(DEMO_STORE), capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"building the demo store failed:\n{out.stdout}{out.stderr}")
        _demo_built = True


_MASKS = (
    (re.compile(r"\bin \d+(?:\.\d+)? ?s\b"), "in N.N s"),                   # in 2.8 s
    (re.compile(r"\b\d+(?:\.\d+)? ms\b"), "N ms"),                            # 12.3 ms
    (re.compile(r"\(\d+(?:\.\d+)? (B|kB|KB|MB|GB)\)"), r"(N.N \1)"),          # (2.2 MB)
)


def mask(text: str) -> str:
    """Replace what differs between two runs (paths, durations, sizes, port) by fixed text."""
    work = str(workdir())
    for path in (os.path.realpath(work), work):
        text = text.replace(path + os.sep, "").replace(path, ".")
    text = text.replace(str(REPO) + os.sep, "")
    if _port is not None:
        text = text.replace(f":{_port}", f":{SHOWN_PORT}")
    for pattern, repl in _MASKS:
        text = pattern.sub(repl, text)
    return text


def output(cmd: str, store: str = "demo") -> str:
    """Run ``cmd`` in a shell and return its masked stdout and stderr.

    ``store="demo"`` runs it against the demo store; ``store="new"`` against a new,
    empty store (for commands that write, such as ``ingest``); any other value is the
    store folder or URL itself.
    """
    if store == "demo":
        _demo_store()
        store = DEMO_STORE
    elif store == "new":
        shutil.rmtree(workdir() / "new-store", ignore_errors=True)
        store = "new-store"
    actual = cmd.replace(f":{SHOWN_PORT}", f":{_port}") if _port is not None else cmd
    out = subprocess.run(actual, shell=True, cwd=workdir(), env=_env(store),
                         capture_output=True, text=True)
    return mask(out.stdout + out.stderr).rstrip("\n")


def block(cmd: str, text: str, lines: int | None = None, width: int | None = None) -> None:
    """Write a ```console block: ``$ cmd`` and ``text``, cut after ``lines`` lines and
    ``width`` characters a line (a cut line ends in ``…``)."""
    import cog

    rows = text.split("\n") if text else []
    if lines is not None and len(rows) > lines:
        rows = rows[:lines] + [f"... ({len(rows) - lines} more lines)"]
    cog.outl("```console")
    cog.outl(f"$ {cmd}")
    for row in rows:
        row = row.rstrip()
        if width is not None and len(row) > width:
            row = row[:width - 1].rstrip() + "…"
        cog.outl(row)
    cog.outl("```")


def run(cmd: str, lines: int | None = None, width: int | None = None,
        store: str = "demo") -> None:
    """Run ``cmd`` (see :func:`output`) and show it with its output as a console block.

    ``lines`` cuts a long output, the way ``| head`` would, and says how much was left
    out (for a table, ``lines=12`` is its header and ten rows); ``width`` cuts long lines.
    """
    block(cmd, output(cmd, store), lines, width)


def run_python(path: str, *args: str) -> None:
    """Show a Python file of the repository, then what ``python PATH ARGS`` prints when run
    in the working folder (``NEWSGRAPH_STORE`` naming a new, empty store)."""
    import cog

    show_file(path, "python")
    cmd = " ".join(["python", path, *args])
    cog.outl("")
    block(cmd, output(cmd, store="new"))


def help_text(name: str | None = None) -> str:
    """``newsgraph [NAME] --help``, as a terminal 80 columns wide shows it."""
    from click.testing import CliRunner

    from newsgraph.cli import cli

    args = ([name] if name else []) + ["--help"]
    result = CliRunner().invoke(cli, args, prog_name="newsgraph", terminal_width=80)
    if result.exit_code != 0:
        raise RuntimeError(f"newsgraph {' '.join(args)} failed:\n{result.output}")
    return result.output.rstrip("\n")


def commands() -> list[str]:
    """Every command of the CLI, in alphabetical order."""
    from newsgraph.cli import cli

    return sorted(cli.commands)


def show_help(name: str | None = None) -> None:
    """Write the ``--help`` of one command (or of ``newsgraph`` itself) as a console block."""
    block(f"newsgraph {name + ' ' if name else ''}--help", help_text(name))


def show_file(path: str, lang: str = "") -> None:
    """Write a file of the repository as a fenced block."""
    import cog

    cog.outl(f"```{lang}")
    cog.out((REPO / path).read_text(encoding="utf-8").rstrip("\n") + "\n")
    cog.outl("```")


def score(set_name: str) -> str:
    """The committed score table of one evaluation set (docs/figures/SET.score)."""
    return (FIGURES / f"{set_name}.score").read_text(encoding="utf-8").rstrip("\n")


def show_figure(cmd: str, name: str, lines: int | None = None,
                width: int | None = None) -> None:
    """Show ``cmd`` with the output kept in docs/figures/NAME: for commands run on data
    outside the repository (the sample articles), refreshed by tools/update_figures.sh."""
    block(cmd, (FIGURES / name).read_text(encoding="utf-8").rstrip("\n"), lines, width)


def show_score(set_name: str) -> None:
    import cog

    cog.outl("```text")
    cog.outl(score(set_name))
    cog.outl("```")


def f1_table(sets: list[tuple[str, str]]) -> None:
    """A Markdown table of F1 (event dates: accuracy) per measure, one column per set,
    from the committed score files; ``sets`` holds (set name, column title) pairs."""
    import cog

    tables = {}
    measures: list[str] = []
    for set_name, _ in sets:
        values = {}
        for line in score(set_name).split("\n")[1:]:
            fields = line.split()
            if not fields:
                continue
            if len(fields) >= 2 and "of" in fields:     # event_dates  accuracy  n of m
                values[fields[0]] = fields[1]
            elif len(fields) == 5:                      # measure  P  R  F1  tp/fp/fn
                values[fields[0]] = fields[3]
            else:
                raise ValueError(f"{set_name}.score: unexpected line {line!r}")
            if fields and fields[0] not in measures:
                measures.append(fields[0])
        tables[set_name] = values
    cog.outl("| measure | " + " | ".join(title for _, title in sets) + " |")
    cog.outl("| --- |" + " --- |" * len(sets))
    for measure in measures:
        cog.outl(f"| {measure} | " + " | ".join(tables[s].get(measure, "") for s, _ in sets) + " |")


class Server:
    """``newsgraph serve`` on a free port for the blocks inside ``with Server():``;
    the docs show the port as 8765 whatever port it got."""

    def __enter__(self):
        global _port
        _demo_store()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            _port = sock.getsockname()[1]
        self.proc = subprocess.Popen(["newsgraph", "serve", "--port", str(_port)], cwd=workdir(),
                                     env=_env(DEMO_STORE), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{_port}/sparql?query=ASK%7B%7D",
                                       timeout=1).close()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("newsgraph serve did not answer")

    def __exit__(self, *exc):
        global _port
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        _port = None
        return False


def _curie(term, graph) -> str:
    """``ng:Person`` for an IRI; ``ng:A or ng:B`` for an owl:unionOf (what ranges use)."""
    from rdflib import OWL, BNode
    from rdflib.collection import Collection

    if isinstance(term, BNode):
        union = graph.value(term, OWL.unionOf)
        if union is None:
            return "(anonymous)"
        return " or ".join(sorted(_curie(member, graph) for member in Collection(graph, union)))
    prefix, _, local = graph.namespace_manager.compute_qname(str(term))
    return f"{prefix}:{local}" if prefix else str(term)


def ontology_tables(path: str = "newsgraph/ontology/newsgraph.ttl") -> None:
    """Markdown tables of the ontology's classes and properties, read from the .ttl:
    each term with its parents (subclass or subproperty), domain and range, and comment."""
    import cog
    from rdflib import OWL, RDF, RDFS, Graph

    graph = Graph().parse(REPO / path, format="turtle")
    ng = "https://w3id.org/newsgraph/ontology#"

    def cell(values) -> str:
        return ", ".join(sorted(f"`{_curie(v, graph)}`" for v in values)) or ""

    def comment(term) -> str:
        return " ".join(str(graph.value(term, RDFS.comment) or "").split()).replace("|", "\\|")

    classes = sorted({c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(ng)})
    cog.outl(f"### Classes ({len(classes)})\n")
    cog.outl("| class | is a | what |")
    cog.outl("| --- | --- | --- |")
    for term in classes:
        cog.outl(f"| `{_curie(term, graph)}` | {cell(graph.objects(term, RDFS.subClassOf))} "
                 f"| {comment(term)} |")
    props = sorted({p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
                    for p in graph.subjects(RDF.type, kind) if str(p).startswith(ng)})
    cog.outl(f"\n### Properties ({len(props)})\n")
    cog.outl("| property | domain → range | is a | what |")
    cog.outl("| --- | --- | --- | --- |")
    for term in props:
        cog.outl(f"| `{_curie(term, graph)}` | {cell(graph.objects(term, RDFS.domain))} → "
                 f"{cell(graph.objects(term, RDFS.range))} "
                 f"| {cell(graph.objects(term, RDFS.subPropertyOf))} | {comment(term)} |")
