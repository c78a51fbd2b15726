"""Read plain-text and Markdown articles, and the text helpers every reader shares.

A text file may open with a front-matter block (``---`` lines around ``key: value``
lines) giving ``title``, ``date``, ``url``, ``author`` and ``id``; without one, a
headline-like first line becomes the title. Page furniture (breadcrumbs, "SEE ALSO"
lines, bylines, ...) is removed by :func:`newsgraph.loaders.furniture.split_furniture`.

Example:
    >>> a = parse_text("Police Detain Five Activists\\n\\nPolice detained five activists on Monday.")
    >>> a.title, a.text
    ('Police Detain Five Activists', 'Police detained five activists on Monday.')
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import unicodedata
from pathlib import Path

from newsgraph.errors import LoadError
from newsgraph.loaders.article import Article
from newsgraph.loaders.furniture import split_furniture

__all__ = ["read_text", "read_markdown", "parse_text", "parse_date", "normalize_text",
           "decode_bytes", "read_bytes", "drop_repeated_title"]

#: Leading bytes of common binary formats a researcher may drop into a folder by mistake.
BINARY_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "zip archive or Office document",
    b"PK\x05\x06": "zip archive",
    b"\x1f\x8b": "gzip archive",
    b"BZh": "bzip2 archive",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "old Office document",
    b"\x7fELF": "executable",
    b"SQLite format 3\x00": "SQLite database",
}

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = [
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]

# Invisible characters that scraping leaves in text: zero-width space, word joiner,
# BOM, soft hyphen, bidi marks and embeddings. ZWJ/ZWNJ are kept: scripts such as
# Persian need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u200e\u200f"
                                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000"), " ")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BLANK_RUNS = re.compile(r"\n{3,}")

_FRONT_KEYS = {"title": "title", "headline": "title", "date": "date", "published": "date",
               "url": "url", "link": "url", "author": "author", "byline": "author", "id": "id"}
_FRONT_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_MD_RULES = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                   # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),               # links -> link text
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),                     # block quotes
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),       # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
]
_BULLET = re.compile(r"^\s*[•·▪◦‣*-]\s+")
_HEADLINE_MAX = 200

_DATE_FORMATS = ["%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y",
                 "%d %b. %Y", "%d %B, %Y", "%A, %B %d, %Y", "%A, %d %B %Y", "%a, %d %b %Y",
                 "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d"]


def read_bytes(path: str | os.PathLike) -> bytes:
    """Read a file's bytes, turning every OS failure into a one-line :class:`LoadError`.

    Example:
        >>> read_bytes("/no/such/file.txt")
        Traceback (most recent call last):
        ...
        newsgraph.errors.LoadError: /no/such/file.txt: no such file
    """
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file") from None
    except PermissionError:
        raise LoadError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise LoadError(f"{path}: is a directory") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode_bytes(data: bytes, source: str = "<memory>") -> str:
    """Decode file content as UTF-8 (or UTF-16/32 with a byte-order mark), refusing binary data.

    Example:
        >>> decode_bytes("caf\\u00e9".encode("utf-16"))
        'café'
        >>> decode_bytes(b"%PDF-1.7 ...", "a.pdf")
        Traceback (most recent call last):
        ...
        newsgraph.errors.LoadError: a.pdf: binary file (PDF document), not text
    """
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise LoadError(f"{source}: binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise LoadError(f"{source}: not {encoding.upper().replace('-SIG', '')} text "
                                "despite its byte-order mark") from None
            break
    else:
        if b"\x00" in data:
            raise LoadError(f"{source}: binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LoadError(f"{source}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                            f"{exc.start}); re-save the file as UTF-8") from None
    if "\x00" in text:
        raise LoadError(f"{source}: binary file (contains NUL characters), not text")
    return text.lstrip("\ufeff")


def normalize_text(text: str) -> str:
    """NFC-normalise, unify line endings, drop invisible characters; keep paragraphs.

    Spaces around each line go, runs of blank lines shrink to one blank line, and
    the text is stripped of blank lines at both ends.

    Example:
        >>> normalize_text("  Cafe\\u0301 \\r\\nzero\\u200bwidth\\r\\n\\r\\n\\r\\n\\r\\nnext")
        'Café\\nzerowidth\\n\\nnext'
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = text.translate(_INVISIBLE).translate(_SPACES)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    lines = [line.strip() for line in text.split("\n")]
    text = _BLANK_RUNS.sub("\n\n", "\n".join(lines))
    return text.strip("\n")


def parse_date(value) -> _dt.date | None:
    """Parse an article date (ISO string, "November 22, 2022", "22 Nov 2022", ...) or return None.

    Times and time zones are dropped: the date is the one written in the value.

    Example:
        >>> parse_date("2022-11-22T10:00:00Z"), parse_date("22 Nov 2022"), parse_date("soon")
        (datetime.date(2022, 11, 22), datetime.date(2022, 11, 22), None)
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    if not value or len(value) > 80:
        return None
    found = _parse_date_fast(value)
    if found is None and re.search(r"\d{4}", value):
        found = _parse_date_slow(value)
    if found is not None and 1800 <= found.year <= 2200:
        return found
    return None


def _parse_date_fast(value: str) -> _dt.date | None:
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    for parse in (_dt.date.fromisoformat, _dt.datetime.fromisoformat):
        try:
            found = parse(iso)
        except ValueError:
            continue
        return found.date() if isinstance(found, _dt.datetime) else found
    for fmt in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _parse_date_slow(value: str) -> _dt.date | None:
    import dateparser  # slow to import; only for the odd format

    try:
        found = dateparser.parse(value, settings={
            "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
            "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return found.date() if found else None


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines off the text."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[1:60], start=1):
        stripped = line.strip()
        if stripped in ("---", "..."):
            return fields, "\n".join(lines[i + 1:])
        if not stripped or stripped.startswith("#"):
            continue
        match = _FRONT_LINE.fullmatch(stripped)
        if not match:
            return {}, text       # not front matter after all (e.g. a horizontal rule)
        value = match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[match.group(1).lower()] = value
    return {}, text


def _clean_markdown(text: str) -> str:
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(".") == " ".join(b.split()).casefold().rstrip(".")


def _is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    if not words:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _is_headline(line: str, alone: bool) -> bool:
    """A short line without a final period, alone in its paragraph or Title-Case-ish."""
    line = line.strip()
    if not line or len(line) > _HEADLINE_MAX or len(line.split()) > 30:
        return False
    if line[0].islower() or re.search(r"[.,;:]['\"’”)]?$", line):
        return False
    return alone or _is_title_case(line)


def drop_repeated_title(title: str | None, text: str) -> str:
    """Drop leading lines of ``text`` that repeat ``title`` (scraped pages often print it twice).

    Example:
        >>> drop_repeated_title("Five Detained", "Five Detained\\n\\nPolice detained five people.")
        'Police detained five people.'
    """
    if not title:
        return text
    lines = text.split("\n")
    while lines and (not lines[0].strip() or _same(_BULLET.sub("", lines[0]), title)):
        lines.pop(0)
    return "\n".join(lines)


def _split_headline(text: str) -> tuple[str | None, str]:
    """Split a headline-like first line off ``text``; return (title or None, body)."""
    lines = text.split("\n")
    if len(lines) < 2:
        return None, text
    first = lines[0]
    rest = "\n".join(lines[1:]).lstrip("\n")
    if not rest.strip():
        return None, text
    candidate = _BULLET.sub("", first)
    if candidate != first:
        # a bulleted first line is a headline only when the page repeats it below
        # (the last crumb of a breadcrumb trail)
        if not _same(candidate, rest.split("\n", 1)[0]):
            return None, text
    if not _is_headline(candidate, alone=not lines[1].strip()):
        return None, text
    title = " ".join(candidate.split())
    return title, drop_repeated_title(title, rest)


def parse_text(text: str, *, source: str = "<memory>", markdown: bool = False) -> Article:
    """Make an :class:`Article` from the text of a ``.txt`` or ``.md`` file.

    Parameters
    ----------
    text : str
        The decoded file content.
    source : str
        Where the text came from; names the file in errors and in ``Article.source``.
    markdown : bool
        Strip Markdown markup (links, emphasis, heading marks) first.

    Raises
    ------
    LoadError
        When nothing but whitespace or page furniture is left.

    Example:
        >>> a = parse_text("---\\ntitle: Five Held\\ndate: 22 Nov 2022\\n---\\nPolice held five people.")
        >>> a.title, a.date, a.text
        ('Five Held', datetime.date(2022, 11, 22), 'Police held five people.')
    """
    if not text.strip():
        raise LoadError(f"{source}: {'empty file' if not text else 'no text (only whitespace)'}")
    text = normalize_text(text)
    fields, text = _split_front_matter(text)
    if markdown:
        text = _clean_markdown(text)
    text, found = split_furniture(normalize_text(text))
    title = fields.get("title") or fields.get("headline") or None
    if title:
        text = drop_repeated_title(title, text)
    else:
        title, text = _split_headline(text)
    text = normalize_text(text)
    if not text:
        raise LoadError(f"{source}: no article text (only a title or page furniture)")
    known = {_FRONT_KEYS[k]: v for k, v in reversed(fields.items()) if k in _FRONT_KEYS}
    meta = {k: v for k, v in fields.items() if k not in _FRONT_KEYS}
    raw_date = known.get("date") or found.get("date")
    date = parse_date(raw_date)
    if raw_date and date is None:
        meta["date_raw"] = raw_date
    return Article(text=text, title=title or None, date=date, url=known.get("url") or None,
                   author=known.get("author") or found.get("author") or None,
                   source=source, id=known.get("id") or None, meta=meta)


def read_text(path: str | os.PathLike, *, markdown: bool | None = None) -> Article:
    """Read one ``.txt`` (or ``.md``) article file.

    ``markdown=None`` decides from the suffix (``.md``/``.markdown``). Raises
    :class:`LoadError` naming the file when it is missing, unreadable, binary, not
    UTF-8, empty or holds no article text.

    Example:
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_text("Five Held\\n\\nPolice held five people on Monday.")
        >>> read_text(p).title
        'Five Held'
    """
    if markdown is None:
        markdown = Path(path).suffix.lower() in (".md", ".markdown")
    return parse_text(decode_bytes(read_bytes(path), str(path)), source=str(path),
                      markdown=markdown)


def read_markdown(path: str | os.PathLike) -> Article:
    """Read one Markdown article file (:func:`read_text` with ``markdown=True``).

    Example:
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.md"
        >>> _ = p.write_text("# Five Held\\n\\nPolice held **five** people.")
        >>> read_markdown(p).text
        'Police held five people.'
    """
    return read_text(path, markdown=True)
