"""The README documents every command, and every command documents itself."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.exports import EXPORTERS
from newsgraph.queries import load_queries

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_is_in_the_readme(name):
    assert f"newsgraph {name}" in README or f"### {name}" in README


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_docs_every_export_format_is_in_the_readme(fmt):
    assert f"`{fmt}`" in README


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_docs_every_named_query_is_listed_by_the_readme(name):
    assert name in README


def test_docs_readme_gives_the_test_command_ci_runs():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in README
    assert "python -m pytest -q" in ci


def test_cli_choices_named_for_lazy_imports_agree_with_the_modules():
    """The CLI names some choices itself so that starting it imports no reader, networkx or
    exporter; they must be exactly the library's."""
    from newsgraph.cli import READ_FORMATS, serve, viz
    from newsgraph.exports.html import SIZE_BY
    from newsgraph.exports.network import KINDS
    from newsgraph.graph.shards import SHARD_SIZE
    from newsgraph.loaders.read import READERS

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
