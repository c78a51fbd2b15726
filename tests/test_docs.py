"""The docs show every command with its help, the README stays short and runs what it
shows, and CI checks that every output in README.md and docs/*.md is current."""
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.exports import EXPORTERS
from newsgraph.queries import load_queries

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _cogutil():
    spec = importlib.util.spec_from_file_location("cogutil", ROOT / "docs" / "cogutil.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cogutil = _cogutil()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_is_in_the_cli_doc_with_its_current_help(name):
    assert f"\n### newsgraph {name}\n" in CLI_DOC
    assert cogutil.help_text(name) in CLI_DOC, (
        f"the help of `newsgraph {name}` in docs/cli.md is out of date: "
        "run cog -r -I docs docs/cli.md")


def test_docs_the_cli_doc_shows_the_main_help():
    assert cogutil.help_text() in CLI_DOC


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_docs_every_export_format_is_in_the_cli_doc(fmt):
    assert f"`{fmt}`" in CLI_DOC


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_docs_every_named_query_is_listed_by_the_cli_doc(name):
    assert re.search(rf"^{re.escape(name)} ", CLI_DOC, re.M), f"`newsgraph queries` output lacks {name}"


def test_docs_readme_is_short():
    assert len(README.encode("utf-8")) <= 12_500


def test_docs_readme_outputs_show_at_most_ten_rows():
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        lines = block.rstrip("\n").split("\n")
        output = [line for line in lines[1:] if not line.startswith("... (")]
        assert len(output) <= 12, f"{lines[0]}: {len(output)} lines (header, rule and ten rows at most)"


def test_docs_readme_links_to_files_that_exist():
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README):
        if not re.match(r"[a-z]+://", target):
            assert (ROOT / target).exists(), target
    for doc in ("docs/cli.md", "docs/graph.md", "docs/evaluation.md", "docs/benchmarks.md"):
        assert f"]({doc})" in README


def test_docs_readme_gives_the_test_command_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    script = (ROOT / "tools" / "test.sh").read_text(encoding="utf-8")
    setup = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "bash tools/test.sh" in README and "tools/test.sh" in ci
    assert "python -m pytest -q" in script
    assert re.search(r"^cog --check .*-I docs README.md docs/\*\.md$", script, re.M)
    assert "apt-get install -y chromium" in script
    assert re.search(r"^test =\n(    .*\n)*    cogapp", setup, re.M)


def test_docs_every_doc_with_outputs_is_generated_by_cog():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        assert text.count("[[[cog") == text.count("[[[end]]]"), doc.name
        if "```console" in text:
            assert "[[[cog" in text, f"{doc.name} shows output that cog does not make"


def test_docs_mask_hides_what_changes_between_runs():
    work = str(cogutil.workdir())
    text = (f"ingested 9 articles (0 replaced, 0 failed) in 12.8 s; store {work}/demo-store (2.2 MB)\n"
            f"wrote 5 triples to {work}/demo.ttl in 3 s; lookup 41.5 ms")
    assert cogutil.mask(text) == ("ingested 9 articles (0 replaced, 0 failed) in N.N s; store demo-store "
                                  "(N.N MB)\nwrote 5 triples to demo.ttl in N.N s; lookup N ms")


def test_docs_f1_table_reads_the_committed_scores():
    for name in ("seeds", "demo", "heldout", "realdev", "odd", "even"):
        lines = cogutil.score(name).split("\n")
        assert lines[0].split()[:4] == ["measure", "P", "R", "F1"], name
        assert any(line.startswith("event_dates") for line in lines), name


def test_docs_the_library_example_runs(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "library.py"), str(tmp_path / "store")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert re.fullmatch(r"9 articles: \d+ persons, \d+ events", lines[0])
    assert lines[-1] == "wrote library.ttl"
    assert any(line.startswith("Osh 20") for line in lines)
    assert (tmp_path / "library.ttl").stat().st_size > 0
    shown = re.search(r"\$ python examples/library.py\n(.*?)```", README, re.S)
    assert shown and shown.group(1).splitlines()[0] == lines[0]


def test_cli_choices_named_for_lazy_imports_agree_with_the_modules():
    """The CLI names some choices itself so that starting it imports no reader, networkx or
    exporter; they must be exactly the library's."""
    from newsgraph.cli import READ_FORMATS, serve, viz
    from newsgraph.exports.html import SIZE_BY
    from newsgraph.exports.network import KINDS
    from newsgraph.pipeline.shards import SHARD_SIZE
    from newsgraph.loaders.read.articles import READERS

    assert READ_FORMATS == sorted(s.lstrip(".") for s in READERS)
    assert list(viz.KINDS) == list(KINDS) and tuple(viz.SIZE_BY) == tuple(SIZE_BY)
    assert serve.SHARD_SIZE == SHARD_SIZE


def test_cli_start_imports_no_extractor_reader_or_networkx():
    import subprocess
    import sys

    code = ("import sys, newsgraph.cli; print(' '.join(m for m in ('networkx', 'spacy', 'trafilatura', "
            "'newsgraph.loaders.extract', 'newsgraph.exports.rdf', 'dateparser') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
