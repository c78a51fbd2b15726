"""Options shared by several commands.

Example:
    >>> import click
    >>> sorted(p.name for p in output_options(click.command()(lambda fmt: None)).params)
    ['fmt', 'raw']
"""
from __future__ import annotations

import click

from ..exports import RESULT_FORMATS, format_results

__all__ = ["output_options", "render", "RAW_HELP", "READ_FORMATS"]

READ_FORMATS = ["htm", "html", "json", "jsonl", "markdown", "md", "txt"]
"""``--format`` choices of the commands that read articles: the suffixes of
:data:`newsgraph.loaders.read.READERS` (a test checks they agree; listed here so that
starting the CLI does not import the readers)."""

RAW_HELP = ("csv: write the exact data. By default a cell a spreadsheet would run as a formula "
            "(it starts with =, +, -, @, tab or CR) gets a leading ' and control characters are "
            "shown escaped (\\x1b).")


def output_options(fn):
    """The shared output options of commands that print rows: ``--format``, passed as ``fmt``
    (``table`` for reading, ``json`` or ``csv`` for programs: see :func:`format_results`),
    and ``--raw``, kept in the context for :func:`render`."""
    fn = click.option("--raw", is_flag=True, expose_value=False, help=RAW_HELP,
                      callback=lambda ctx, _param, value: ctx.meta.__setitem__("newsgraph.raw", value))(fn)
    return click.option("--format", "fmt", type=click.Choice(list(RESULT_FORMATS)), default="table",
                        show_default=True, help="Output format.")(fn)


def render(result, fmt: str) -> str:
    """``result`` as ``fmt`` (:func:`format_results`), exact if the command was given ``--raw``."""
    ctx = click.get_current_context(silent=True)
    return format_results(result, fmt, raw=bool(ctx and ctx.meta.get("newsgraph.raw")))
