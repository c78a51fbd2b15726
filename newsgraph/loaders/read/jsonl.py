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

import codecs
import json
import os
from collections.abc import Iterator

from newsgraph.errors import LoadError
from newsgraph.loaders.read.article import Article
from newsgraph.loaders.read.furniture import split_furniture
from newsgraph.loaders.read.text import (BINARY_MAGIC, MAX_FILE_BYTES, MAX_TITLE_CHARS, check_length, clean_field,
                                    clean_url, decode_bytes, drop_repeated_title, normalize_text,
                                    parse_date, read_bytes, shown, check_file)

__all__ = ["read_jsonl", "parse_jsonl", "read_json", "parse_json", "parse_record",
           "RECORD_FIELDS"]

#: The fields a record may carry besides free ``meta`` ones.
RECORD_FIELDS = ("text", "title", "date", "url", "id", "author")

#: The largest ``.json`` file read (it is parsed whole; JSON Lines are read line by line).
MAX_JSON_BYTES = 512 * 1024 * 1024
#: The longest line of a JSON Lines file read (as large as a file read as one article).
MAX_LINE_BYTES = MAX_FILE_BYTES

def _json_type(value) -> str:
    """The type of a decoded JSON value as messages name it (``null`` rather than NoneType)."""
    return "null" if value is None else type(value).__name__


def _message(exc: json.JSONDecodeError) -> str:
    """The decoder's message without its dangling "at" ("Unterminated string starting at")."""
    return exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg


def _optional_str(record: dict, key: str, where: str, limit: int | None = None) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise LoadError(f"field {key!r} must be a string, not {_json_type(value)}", source=where)
    return clean_field(str(value), limit)


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
        raise LoadError(f"expected a JSON object, got {_json_type(record)}", source=source)
    if "text" not in record:
        fields = ", ".join(clean_field(str(k), 40) or "?" for k in list(record)[:12])
        raise LoadError(f"missing 'text' field (has: {fields or 'nothing'})", source=source)
    if not isinstance(record["text"], str):
        raise LoadError(f"'text' must be a string, not {_json_type(record['text'])}", source=source)
    title = _optional_str(record, "title", source, MAX_TITLE_CHARS)
    text = check_length(normalize_text(record["text"]), source, "'text'")
    text, found = split_furniture(text)
    text = normalize_text(drop_repeated_title(title, text))
    if not text:
        raise LoadError("empty 'text'", source=source)
    meta = {k: v for k, v in record.items() if k not in RECORD_FIELDS}
    raw_date = record.get("date")
    date = parse_date(raw_date) if raw_date is not None else parse_date(found.get("date"))
    if raw_date is not None and date is None:
        meta["date_raw"] = raw_date
    raw_url = _optional_str(record, "url", source)
    url = clean_url(raw_url)
    if raw_url and url is None:
        meta["url_raw"] = raw_url
    return Article(text=text, title=title, date=date, url=url,
                   author=_optional_str(record, "author", source) or found.get("author"),
                   source=source, id=_optional_str(record, "id", source), meta=meta)


def parse_jsonl(text: str, *, source: str = "<memory>") -> Iterator[Article | LoadError]:
    """Yield an Article or a LoadError for each non-blank line of JSON Lines text.

    Articles get ``source="<source>:<line>"``; errors say ``<source>:<line>: reason``.
    Lines end at ``\\n`` alone (a ``\\r`` before it is blank space to JSON): a
    U+2028 or U+0085 inside a string is text, not a line break.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _parse_line(line, f"{source}:{number}")


def _parse_line(line: str, where: str) -> Article | LoadError:
    """One line of JSON Lines as an Article, or the LoadError saying what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return LoadError(f"not valid JSON ({_message(exc)} at column {exc.colno})", source=where)
    except RecursionError:
        return LoadError("not usable JSON (nested too deeply)", source=where)
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return LoadError(f"not usable JSON ({str(exc).split(';')[0]})", source=where)
    try:
        return parse_record(record, source=where)
    except LoadError as exc:
        return exc


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
        raise LoadError(f"not valid JSON ({_message(exc)} at line {exc.lineno} "
                        f"column {exc.colno})", source=source) from None
    except RecursionError:
        raise LoadError("not usable JSON (nested too deeply)", source=source) from None
    except ValueError as exc:
        raise LoadError(f"not usable JSON ({str(exc).split(';')[0]})", source=source) from None
    if isinstance(data, dict):
        return iter([parse_record(data, source=source)])
    if isinstance(data, list):
        return _items(data, source)
    raise LoadError(f"expected a JSON object or a list of objects, "
                    f"got {_json_type(data)}", source=source)


def _items(data: list, source: str) -> Iterator[Article | LoadError]:
    for index, record in enumerate(data):
        try:
            yield parse_record(record, source=f"{source}[{index}]")
        except LoadError as exc:
            yield exc


def _read(path: str | os.PathLike) -> str:
    text = decode_bytes(read_bytes(path, MAX_JSON_BYTES), shown(path))
    if not text.strip():
        raise LoadError(f"{'empty file' if not text else 'no text (only whitespace)'}", source=shown(path))
    return text


_HEAD = 65536


def read_jsonl(path: str | os.PathLike) -> Iterator[Article | LoadError]:
    """Read a ``.jsonl`` file: one article object per line, read line by line.

    File-level problems (missing, binary, not UTF-8 from the start, empty) raise
    :class:`LoadError` at once; a bad line (broken JSON, a byte that is not UTF-8,
    no ``text``) is yielded as a LoadError naming ``file:line`` and reading goes on,
    however large the file.

    Example:
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
        >>> _ = p.write_text('{"text": "Police held five people."}\\n{"title": "no text"}\\n')
        >>> [str(x).split(": ", 1)[-1] for x in read_jsonl(p)][1]
        "missing 'text' field (has: title)"
    """
    where = shown(path)
    check_file(path)
    try:
        handle = open(path, "rb")
    except OSError:
        read_bytes(path)  # raises the one-line LoadError for this failure
        raise  # pragma: no cover
    try:
        head = handle.read(_HEAD)
        if not head:
            raise LoadError("empty file", source=where)
        if any(head.startswith(m) for m in BINARY_MAGIC) or head[:2] in (b"\xff\xfe", b"\xfe\xff") \
                or head[:4] == b"\x00\x00\xfe\xff":
            handle.close()
            return parse_jsonl(_read(path), source=where)  # binary, or UTF-16/32: read whole
        first = head.split(b"\n", 1)[0]
        try:
            codecs.getincrementaldecoder("utf-8")().decode(first, final=b"\n" in head)
            if b"\x00" in first:
                raise UnicodeDecodeError("utf-8", first, first.index(b"\x00"), 0, "NUL")
        except UnicodeDecodeError:
            decode_bytes(first, where)  # a binary or 8-bit file: the whole file is refused
    except BaseException:
        handle.close()
        raise
    return _lines(handle, where)


def _lines(handle, where: str) -> Iterator[Article | LoadError]:
    """The lines of an open JSON Lines file, each parsed; a line longer than
    :data:`MAX_LINE_BYTES` is reported and skipped without being held in memory."""
    seen = False
    with handle:
        handle.seek(0)
        number = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                size = len(raw)
                while raw and not raw.endswith(b"\n"):
                    raw = handle.readline(1 << 20)
                    size += len(raw)
                seen = True
                yield LoadError(f"line too long ({size / 2**20:.1f} MB; "
                                f"a line may hold at most {MAX_LINE_BYTES / 2**20:.0f} MB)", source=f"{where}:{number}")
                continue
            item = _decode_line(raw.rstrip(b"\n"), number, where)
            if item is not None:
                seen = True
                yield item
    if not seen:
        yield LoadError("no text (only whitespace)", source=where)


def _decode_line(raw: bytes, number: int, where: str) -> Article | LoadError | None:
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    place = f"{where}:{number}"
    if b"\x00" in raw:
        return LoadError("binary data (NUL bytes), not text", source=place)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return LoadError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column "
                         f"{exc.start + 1})", source=place)
    return _parse_line(line, place) if line.strip() else None


def read_json(path: str | os.PathLike) -> Iterator[Article | LoadError]:
    """Read a ``.json`` file holding one article object or a list of them.

    Example:
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.json"
        >>> _ = p.write_text('{"text": "Police held five people.", "url": "https://example.org/1"}')
        >>> next(read_json(p)).url
        'https://example.org/1'
    """
    return parse_json(_read(path), source=shown(path))
