"""Read a batch of inputs (files, folders, ``-`` for stdin) into Articles, never stopping on a bad one.

:data:`READERS` maps a file suffix to its reader; ``fmt`` overrides the suffix.
A reader takes a path and returns an :class:`Article` or an iterable of Articles
and :class:`LoadError` instances; it raises LoadError when the whole file is bad.

Example:
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Police held five people on Monday.")
    >>> _ = (d / "b.txt").write_bytes(b"")
    >>> [type(x).__name__ for x in read_articles([d])]
    ['Article', 'LoadError']
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsgraph.errors import LoadError, SkippedInput
from newsgraph.text.dates import MONTH_NAME, safe_date
from newsgraph.loaders.read.article import Article
from newsgraph.loaders.read.html import parse_html, read_html
from newsgraph.loaders.read.jsonl import parse_json, parse_jsonl, read_json, read_jsonl
from newsgraph.loaders.read.text import (MAX_FILE_BYTES, decode_bytes, parse_date, parse_text, read_markdown,
                                    read_text, shown)

__all__ = ["READERS", "PARSERS", "STDIN", "read_articles", "reader_for", "SkippedInput"]

Reader = Callable[[Path], "Article | Iterable[Article | LoadError]"]

#: File suffix -> reader of a path.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_json,
}

#: File suffix -> parser of a decoded string (used for stdin).
PARSERS: dict[str, Callable] = {
    ".txt": parse_text,
    ".md": lambda text, source: parse_text(text, source=source, markdown=True),
    ".markdown": lambda text, source: parse_text(text, source=source, markdown=True),
    ".html": parse_html,
    ".htm": parse_html,
    ".jsonl": parse_jsonl,
    ".json": parse_json,
}

#: The path that means "read standard input", and the source name it gets.
STDIN = "-"
_STDIN_SOURCE = "<stdin>"


def _suffix(fmt: str) -> str:
    fmt = fmt.lower().strip()
    return fmt if fmt.startswith(".") else "." + fmt


def reader_for(path: str | os.PathLike, fmt: str | None = None) -> Reader:
    """The reader for ``path`` (by suffix, or by ``fmt`` such as ``"jsonl"``).

    Raises :class:`LoadError` for an unknown suffix or format.

    Example:
        >>> reader_for("news/a.HTM").__name__, reader_for("a.dat", fmt="txt").__name__
        ('read_html', 'read_text')
    """
    key = _suffix(fmt) if fmt else Path(path).suffix.lower()
    try:
        return READERS[key]
    except KeyError:
        known = ", ".join(sorted(READERS))
        what = f"unknown format {fmt!r}" if fmt else f"unknown file type {key or '(no suffix)'!r}"
        raise LoadError(f"{what} (known: {known})", source=shown(path)) from None


def _run(reader: Reader, path) -> Iterator[Article | LoadError]:
    try:
        result = reader(path)
        if isinstance(result, Article):
            yield result
            return
        results = iter(result)
    except LoadError as exc:
        yield exc
        return
    while True:
        try:
            item = next(results)
        except StopIteration:
            return
        except LoadError as exc:
            yield exc
            return
        yield item


def _read_stdin(fmt: str | None) -> Iterator[Article | LoadError]:
    stream = sys.stdin
    try:
        parser = PARSERS[_suffix(fmt) if fmt else ".txt"]
        limit = None if parser in (parse_json, parse_jsonl) else MAX_FILE_BYTES
        buffer = getattr(stream, "buffer", None)
        data = buffer.read(limit + 1) if buffer is not None and limit else \
            buffer.read() if buffer is not None else stream.read()
        if limit and len(data) > limit:
            raise LoadError(f"too large for one article (more than "
                            f"{limit // 2**20} MB): split it into articles", source=_STDIN_SOURCE)
        text = decode_bytes(data, _STDIN_SOURCE) if isinstance(data, bytes) else data
    except KeyError:
        yield LoadError(f"unknown format {fmt!r} (known: {', '.join(sorted(PARSERS))})", source=_STDIN_SOURCE)
        return
    except LoadError as exc:
        yield exc
        return
    except (OSError, UnicodeDecodeError) as exc:
        yield LoadError(f"cannot read ({exc})", source=_STDIN_SOURCE)
        return
    yield from _run(lambda _: parser(text, source=_STDIN_SOURCE), _STDIN_SOURCE)


_PROJECT_FILES = ("readme", "license", "licence", "changelog", "contributing", "authors", "copying")


def _is_project_file(name: str) -> bool:
    """README.md, LICENSE ... in a folder of articles describe the folder; they are not news."""
    return name.lower().split(".")[0] in _PROJECT_FILES


def _walk(folder: Path, seen: set, root: Path | None = None,
          follow_symlinks: bool = False) -> Iterator[Path | LoadError]:
    """Yield the non-hidden files under ``folder``, sorted. A symbolic link is followed
    only if it leads to a place inside ``root`` (the folder given), or with
    ``follow_symlinks``; one that leads out gives a :class:`SkippedInput`. No folder is
    read twice (a link loop ends)."""
    root = root if root is not None else Path(os.path.realpath(folder))
    try:
        key = (lambda st: (st.st_dev, st.st_ino))(folder.stat())
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield LoadError(f"cannot read folder ({exc.strerror or exc})", source=shown(folder))
        return
    if key in seen:
        return                                 # a symlink loop, or a folder reached twice
    seen.add(key)
    for entry in entries:
        if entry.name.startswith(".") or _is_project_file(entry.name):
            continue
        path = Path(entry.path)
        if entry.is_symlink() and not follow_symlinks:
            target = Path(os.path.realpath(path))
            if target != root and root not in target.parents:
                yield SkippedInput(f"{shown(path)}: skipped: a symbolic link out of the folder "
                                   f"{shown(root)} (to {shown(target)}); --follow-symlinks reads it")
                continue
        try:
            is_dir = entry.is_dir()            # follows symlinks; False for broken ones
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen, root, follow_symlinks)
        else:
            yield path


_MONTH = MONTH_NAME + r"\.?"
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40}(?:,[^\n,]{1,40})?,\s*"
    r"(" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4})"
    r"\s*(?:\([^)\n]{1,30}\))?\s*(?:--|—|–|-)", re.M)


_FULL_DATE = re.compile(r"\b(?:" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4})\b")


_STAMP = re.compile(r"^\s*(?:date|published|posted|updated|publication date|released)\b\s*:?\s*(?P<rest>.{4,80})$", re.I)
_NUMERIC_DATE = re.compile(r"(?<![\d.:-])(?:(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d)"
                           r"|(?P<d2>[0-3]?\d)[.\-/](?P<m2>[01]?\d)[.\-/](?P<y2>(?:19|20)\d\d))(?![\d:])")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]\d)[/-](?P<d>[0-3]\d)(?:[/-]|$)")


def _numeric_date(text: str) -> _dt.date | None:
    """An ISO date or a day-first numeric date ("11-03-2019", "05.06.2012", the order of the region's sites)."""
    m = _NUMERIC_DATE.search(text)
    if m is None:
        return None
    y, mo, d = (m.group("y1"), m.group("m1"), m.group("d1")) if m.group("y1") else (m.group("y2"), m.group("m2"), m.group("d2"))
    return safe_date(int(y), int(mo), int(d))


def stamp_date(text: str) -> _dt.date | None:
    """The date of a publication stamp among the first lines of an article: "Date: 14:30, 11-03-2019.",
    "Published 18 May 2016", a line opening with "05.06.2012    source: ...".

    >>> stamp_date("Headline\\n\\nDate: 14:30, 11-03-2019.\\n\\nAlmaty. Police detained ...")
    datetime.date(2019, 3, 11)
    >>> stamp_date("Published 18 May 2016\\n\\nPolice detained ...")
    datetime.date(2016, 5, 18)
    >>> stamp_date("Police detained ten people on 05.06.2012.") is None
    True
    """
    lines = [l.strip() for l in text[:2500].split("\n") if l.strip()][:15]
    for line in lines:
        m = _STAMP.match(line)
        if m:
            got = _numeric_date(m.group("rest")) or (
                parse_date(_FULL_DATE.search(m.group("rest")).group(0).replace(".", ""))
                if _FULL_DATE.search(m.group("rest")) else None)
            if got is not None:
                return got
        m = _NUMERIC_DATE.match(line)
        if m and m.start() == 0:
            return _numeric_date(line)
    return None


def url_date(url: str | None) -> _dt.date | None:
    """The date in an article's address, when it has a whole one: ``.../news/2023/04/04/...``.

    >>> url_date("https://example.org/news/2023/04/04/some-story"), url_date("https://example.org/2022/12/x")
    (datetime.date(2023, 4, 4), None)
    """
    m = _URL_DATE.search(url or "")
    if m is None:
        return None
    return safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))


def dateline_date(text: str) -> _dt.date | None:
    """The date of a dateline at the top of an article ("MINSK, Belarus, Oct. 6, 2025 (AFP) --").

    >>> dateline_date("OSH, Kyrgyzstan, Nov. 27, 2023 -- Police detained ten people.")
    datetime.date(2023, 11, 27)
    >>> dateline_date("Rights Monitor -- Bulletin No. 4 -- 14 December 2023\\n\\nPolice detained ten people.")
    datetime.date(2023, 12, 14)
    >>> dateline_date("Court Jails Blogger\\n\\nBy Staff Reporter | 2023-11-20\\n\\nPolice detained ten people.")
    datetime.date(2023, 11, 20)
    >>> dateline_date("Police detained ten people on Nov. 27, 2023.") is None
    True
    """
    m = _DATELINE.search(text[:600])
    if m:
        return parse_date(m.group(1).replace(".", ""))
    head = text[:800].split("\n")
    if len(text) > 800:
        head = head[:-1]  # the line cut off at 800 characters is not a whole line
    for line in [l.strip() for l in head if l.strip()][:4]:
        if len(line) <= 200 and not line.endswith((".", "?", "!", '"', "”")):  # a bulletin header or byline
            m = _FULL_DATE.search(line)
            if m:
                return parse_date(m.group(0).replace(".", ""))
            if "|" in line or line.lower().startswith("by "):  # "By Staff Reporter | 2023-11-20"
                got = _numeric_date(line)
                if got is not None:
                    return got
    return None


def read_articles(paths: str | os.PathLike | Iterable[str | os.PathLike], *,
                  default_date: _dt.date | None = None,
                  fmt: str | None = None, follow_symlinks: bool = False) -> Iterator[Article | LoadError]:
    """Read articles from files, folders and ``-`` (stdin), yielding errors instead of raising.

    Parameters
    ----------
    paths : path or iterable of paths
        Files are read by suffix (see :data:`READERS`); an unknown suffix is an error.
        Folders are read recursively in sorted order, skipping hidden entries and,
        unless ``fmt`` is given, files with unknown suffixes; a symbolic link that
        leads out of the folder given is skipped (a :class:`SkippedInput` says so)
        unless ``follow_symlinks``, and no folder is read twice. A file named
        directly is read even if it is a link. ``-`` reads standard input as plain text.
    default_date : datetime.date, optional
        The date given to articles that carry none.
    fmt : str, optional
        A format (``"txt"``, ``"md"``, ``"html"``, ``"jsonl"``, ``"json"``) used for every
        input instead of its suffix.

    Yields
    ------
    Article or LoadError
        One Article per article read, one LoadError instance per bad file or line.

    Example:
        >>> import datetime, pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_text("Police held five people on Monday.")
        >>> [a.date for a in read_articles(p, default_date=datetime.date(2022, 11, 22))]
        [datetime.date(2022, 11, 22)]
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if fmt is not None and _suffix(fmt) not in READERS:
        yield LoadError(f"unknown format {fmt!r} (known: {', '.join(sorted(READERS))})")
        return
    seen: set = set()
    for item in _inputs(paths, fmt, seen, follow_symlinks):
        if isinstance(item, Article) and item.date is None:
            item.date = dateline_date(item.text) or stamp_date(item.text) or url_date(item.url) or default_date
        yield item


def _inputs(paths, fmt, seen, follow_symlinks=False) -> Iterator[Article | LoadError]:
    for raw in paths:
        if str(raw) == STDIN:
            yield from _read_stdin(fmt)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, seen, follow_symlinks=follow_symlinks):
                if isinstance(found, LoadError):
                    yield found
                elif fmt or found.suffix.lower() in READERS:
                    yield from _run(reader_for(found, fmt), found)
            continue
        if not path.exists() and not path.is_symlink():
            yield LoadError("no such file or folder", source=shown(path))
            continue
        try:
            reader = reader_for(path, fmt)
        except LoadError as exc:
            yield exc
            continue
        yield from _run(reader, path)
