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
