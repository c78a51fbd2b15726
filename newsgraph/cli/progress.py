"""The progress of a long command (``ingest``, ``extract``) on the terminal."""
from __future__ import annotations

import sys

import click

from ..exports import terminal_safe

__all__ = ["Progress"]


class Progress:
    """A tqdm bar on a terminal (quiet when piped); failures printed as they happen."""

    def __init__(self):
        self.shown = 0
        self.noted = 0
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)
        return self

    def update(self, report):
        for source, reason in report.failed[self.shown:]:
            line = terminal_safe(f"error: {source}: {reason}" if source else f"error: {reason}")
            if self.bar is not None:
                self.bar.write(line, file=sys.stderr)
            else:
                click.echo(line, err=True)
        self.shown = len(report.failed)
        for note in getattr(report, "notes", [])[self.noted:]:
            line = terminal_safe(f"note: {note}")
            if self.bar is not None:
                self.bar.write(line, file=sys.stderr)
            else:
                click.echo(line, err=True)
        self.noted = len(getattr(report, "notes", []))
        if self.bar is not None:
            self.bar.update(report.done - self.bar.n)
            self.bar.set_postfix(stored=report.articles, failed=self.shown, refresh=False)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
