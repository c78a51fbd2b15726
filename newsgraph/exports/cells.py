"""One guard for every CSV and TSV cell newsgraph writes: formula injection.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK(...)``, ``=WEBSERVICE(...)``, DDE), and some also after a leading tab
or carriage return. Article text is untrusted, so such a cell gets a leading ``'``,
which spreadsheets read as "text" and do not show. A cell that is a plain number
(``-3``, ``+1.5e3``) is left alone: no spreadsheet runs it. The CLI's and the
server's CSV and TSV, and the network tables of ``export``/``viz``, all use
:func:`spreadsheet_safe`; ``--raw`` (the CLI) and ``serve --raw`` skip it for exact data.

Example:
    >>> [spreadsheet_safe(t) for t in ["=HYPERLINK(\\"http://x\\")", "-3", "-1+2", "@SUM(A1)", "Mara"]]
    ['\\'=HYPERLINK("http://x")', '-3', "'-1+2", "'@SUM(A1)", 'Mara']
"""
from __future__ import annotations

import re

__all__ = ["FORMULA_PREFIXES", "spreadsheet_safe"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would run it as a formula."""
    if text.startswith(FORMULA_PREFIXES) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
