"""Options shared by several commands.

Example:
    >>> import click
    >>> [p.name for p in output_options(click.command()(lambda fmt: None)).params]
    ['fmt']
"""
from __future__ import annotations

import click

from ..exports import RESULT_FORMATS

__all__ = ["output_options"]


def output_options(fn):
    """The shared output options of commands that print rows: ``--format``, passed as ``fmt``
    (``table`` for reading, ``json`` or ``csv`` for programs: see :func:`format_results`)."""
    return click.option("--format", "fmt", type=click.Choice(list(RESULT_FORMATS)), default="table",
                        show_default=True, help="Output format.")(fn)
