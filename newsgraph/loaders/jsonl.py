"""Read articles from JSON Lines (one object per line) and JSON (an object or a list of them).

Each object needs a string ``text``; ``title``, ``date``, ``url``, ``id`` and ``author``
are optional, and any other field is kept in ``Article.meta``. A bad line or item gives
a :class:`LoadError` *instance* for that line (``path:LINE: reason``) and the others
still come through.

Example:
    >>> lines = '{"text": "Police held five people.", "date": "2022-11-22"}\\nnot json\\n'
    >>> [type(x).__name__ for x in parse_jsonl(lines, source="a.jsonl")]
    ['Article', 'LoadError']
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator

from newsgraph.errors import LoadError
from newsgraph.loaders.article import Article
from newsgraph.loaders.furniture import split_furniture
from newsgraph.loaders.text import (decode_bytes, drop_repeated_title, normalize_text,
                                    parse_date, read_bytes)

__all__ = ["read_jsonl", "parse_jsonl", "read_json", "parse_json", "parse_record",
           "RECORD_FIELDS"]

#: The fields a record may carry besides free ``meta`` ones.
RECORD_FIELDS = ("text", "title", "date", "url", "id", "author")


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise LoadError(f"{where}: field {key!r} must be a string, not {type(value).__name__}")
    return " ".join(str(value).split()) or None


def parse_record(record, *, source: str = "<memory>") -> Article:
    """Make an :class:`Article` from one decoded JSON object.

    Raises :class:`LoadError` (``source: reason``) when ``record`` is not an object,
    ``text`` is missing, not a string or empty, or an optional field has a list or
    object for a value.

    Example:
        >>> parse_record({"text": "Police held five people.", "id": 7}).id
        '7'
        >>> parse_record({"body": "x"}, source="a.jsonl:3")
        Traceback (most recent call last):
        ...
        newsgraph.errors.LoadError: a.jsonl:3: missing 'text' field (has: body)
    """
    if not isinstance(record, dict):
        raise LoadError(f"{source}: expected a JSON object, got {type(record).__name__}")
    if "text" not in record:
        raise LoadError(f"{source}: missing 'text' field (has: {', '.join(map(str, record)) or 'nothing'})")
    if not isinstance(record["text"], str):
        raise LoadError(f"{source}: 'text' must be a string, not {type(record['text']).__name__}")
    title = _optional_str(record, "title", source)
    text, found = split_furniture(normalize_text(record["text"]))
    text = normalize_text(drop_repeated_title(title, text))
    if not text:
        raise LoadError(f"{source}: empty 'text'")
    meta = {k: v for k, v in record.items() if k not in RECORD_FIELDS}
    raw_date = record.get("date")
    date = parse_date(raw_date) if raw_date is not None else parse_date(found.get("date"))
    if raw_date is not None and date is None:
        meta["date_raw"] = raw_date
    return Article(text=text, title=title, date=date, url=_optional_str(record, "url", source),
                   author=_optional_str(record, "author", source) or found.get("author"),
                   source=source, id=_optional_str(record, "id", source), meta=meta)


def parse_jsonl(text: str, *, source: str = "<memory>") -> Iterator[Article | LoadError]:
    """Yield an Article or a LoadError for each non-blank line of JSON Lines text.

    Articles get ``source="<source>:<line>"``; errors say ``<source>:<line>: reason``.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield LoadError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield parse_record(record, source=where)
        except LoadError as exc:
            yield exc


def parse_json(text: str, *, source: str = "<memory>") -> Iterator[Article | LoadError]:
    """Yield Articles (or per-item LoadErrors) from a JSON object or a list of objects.

    Items of a list get ``source="<source>[<index>]"`` (0-based). A file that turns
    out to hold JSON Lines is read as such.

    Raises
    ------
    LoadError
        When the text is not JSON at all, or is neither an object nor a list.

    Example:
        >>> [a.title for a in parse_json('[{"text": "A b.", "title": "One"}, {"text": "C d."}]')]
        ['One', None]
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:
            return parse_jsonl(text, source=source)
        raise LoadError(f"{source}: not valid JSON ({exc.msg} at line {exc.lineno} "
                        f"column {exc.colno})") from None
    if isinstance(data, dict):
        return iter([parse_record(data, source=source)])
    if isinstance(data, list):
        return _items(data, source)
    raise LoadError(f"{source}: expected a JSON object or a list of objects, "
                    f"got {type(data).__name__}")


def _items(data: list, source: str) -> Iterator[Article | LoadError]:
    for index, record in enumerate(data):
        try:
            yield parse_record(record, source=f"{source}[{index}]")
        except LoadError as exc:
            yield exc


def _read(path: str | os.PathLike) -> str:
    text = decode_bytes(read_bytes(path), str(path))
    if not text.strip():
        raise LoadError(f"{path}: {'empty file' if not text else 'no text (only whitespace)'}")
    return text


def read_jsonl(path: str | os.PathLike) -> Iterator[Article | LoadError]:
    """Read a ``.jsonl`` file: one article object per line.

    File-level problems (missing, binary, not UTF-8, empty) raise :class:`LoadError`
    at once; a bad line is yielded as a LoadError and reading goes on.

    Example:
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
        >>> _ = p.write_text('{"text": "Police held five people."}\\n{"title": "no text"}\\n')
        >>> [str(x).split(": ", 1)[-1] for x in read_jsonl(p)][1]
        "missing 'text' field (has: title)"
    """
    return parse_jsonl(_read(path), source=str(path))


def read_json(path: str | os.PathLike) -> Iterator[Article | LoadError]:
    """Read a ``.json`` file holding one article object or a list of them.

    Example:
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.json"
        >>> _ = p.write_text('{"text": "Police held five people.", "url": "https://example.org/1"}')
        >>> next(read_json(p)).url
        'https://example.org/1'
    """
    return parse_json(_read(path), source=str(path))
