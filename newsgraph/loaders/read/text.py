"""Read plain-text and Markdown articles, and the text helpers every reader shares.

A text file may open with a front-matter block (``---`` lines around ``key: value``
lines) giving ``title``, ``date``, ``url``, ``author`` and ``id``; without one, a
headline-like first line becomes the title. Page furniture (breadcrumbs, "SEE ALSO"
lines, bylines, ...) is removed by :func:`newsgraph.loaders.read.furniture.split_furniture`.

Example:
    >>> a = parse_text("Police Detain Five Activists\\n\\nPolice detained five activists on Monday.")
    >>> a.title, a.text
    ('Police Detain Five Activists', 'Police detained five activists on Monday.')
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import stat
import unicodedata
from pathlib import Path

from newsgraph.errors import LoadError
from newsgraph.loaders.read.article import Article
from newsgraph.loaders.read.furniture import split_furniture

__all__ = ["read_text", "read_markdown", "parse_text", "parse_date", "normalize_text",
           "decode_bytes", "read_bytes", "check_file", "drop_repeated_title", "clean_field", "clean_url",
           "check_length", "shown", "MAX_ARTICLE_CHARS", "MAX_FILE_BYTES", "MAX_TITLE_CHARS"]

#: The longest article text (characters, title included) handed to extraction. The
#: statistical model needs about 1 GB of memory and 40 s for this much text; news
#: articles are far shorter, so a longer "article" is a dump of many, to be split.
MAX_ARTICLE_CHARS = 300_000
#: The largest file read as one article (a .txt, .md or .html page; markup, scripts
#: and blank space count here, so it is far above what the text limit allows).
MAX_FILE_BYTES = 32 * 1024 * 1024
#: The longest title kept: a longer "title" is a paragraph the source mislabelled.
MAX_TITLE_CHARS = 1_000

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
_ODD_CHARS = re.compile("[" + "".join(map(chr, [*_INVISIBLE, *_SPACES])) + "]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 control characters (escape sequences a terminal would obey among them) and
# Unicode noncharacters, which XML exports cannot hold.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# A lone UTF-16 surrogate (JSON's "\\ud83d" escape cut from its pair) cannot be stored.
_SURROGATE = re.compile("[\ud800-\udfff]")
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


def shown(path) -> str:
    """A path as error messages show it: on one line, control characters escaped.

    Example:
        >>> shown("news/evil\\nname.txt")
        'news/evil\\\\nname.txt'
    """
    text = str(path)
    if _UNSHOWABLE.search(text) is None:
        return text
    return _UNSHOWABLE.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace")
                           .decode("ascii"), text)


_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def check_file(path: str | os.PathLike, max_bytes: int | None = None) -> int:
    """Check that ``path`` is a regular file of at most ``max_bytes``; return its size.

    Raises a one-line :class:`LoadError` otherwise: a named pipe would block a
    reader, ``/dev/zero`` never ends.

    Example:
        >>> check_file("/dev/null")
        Traceback (most recent call last):
        ...
        newsgraph.errors.LoadError: /dev/null: not a regular file (a character device)
    """
    where = shown(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        broken = os.path.islink(path)
        raise LoadError(f"{'broken symbolic link' if broken else 'no such file'}", source=where) from None
    except PermissionError:
        raise LoadError("permission denied", source=where) from None
    except OSError as exc:
        raise LoadError(f"cannot read ({exc.strerror or exc})", source=where) from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError("is a directory", source=where)
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "a special file")
        raise LoadError(f"not a regular file ({kind})", source=where)
    if max_bytes is not None and info.st_size > max_bytes:
        raise LoadError(f"too large for one article ({_megabytes(info.st_size)}; an article "
                        f"file may hold at most {_megabytes(max_bytes)}): split it into one file "
                        "per article", source=where)
    return info.st_size


def read_bytes(path: str | os.PathLike, max_bytes: int | None = MAX_FILE_BYTES) -> bytes:
    """Read a file's bytes, turning every OS failure into a one-line :class:`LoadError`.

    Only regular files of at most ``max_bytes`` (``None``: no limit) are read
    (:func:`check_file`).

    Example:
        >>> read_bytes("/no/such/file.txt")
        Traceback (most recent call last):
        ...
        newsgraph.errors.LoadError: /no/such/file.txt: no such file
    """
    check_file(path, max_bytes)
    where = shown(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise LoadError("no such file", source=where) from None
    except PermissionError:
        raise LoadError("permission denied", source=where) from None
    except IsADirectoryError:
        raise LoadError("is a directory", source=where) from None
    except MemoryError:
        raise LoadError("too large to read into memory", source=where) from None
    except OSError as exc:
        raise LoadError(f"cannot read ({exc.strerror or exc})", source=where) from None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_length(text: str, source: str, what: str = "text") -> str:
    """Return ``text``, or raise :class:`LoadError` if it is longer than :data:`MAX_ARTICLE_CHARS`.

    Example:
        >>> check_length("x" * 300_001, "big.txt")
        Traceback (most recent call last):
        ...
        newsgraph.errors.LoadError: big.txt: text too long for one article (300,001 characters; the limit is 300,000): split it into one file per article
    """
    if len(text) > MAX_ARTICLE_CHARS:
        raise LoadError(f"{what} too long for one article ({len(text):,} characters; "
                        f"the limit is {MAX_ARTICLE_CHARS:,}): split it into one file per article", source=source)
    return text


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
            raise LoadError(f"binary file ({kind}), not text", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise LoadError(f"not {encoding.upper().replace('-SIG', '')} text "
                                "despite its byte-order mark", source=source) from None
            break
    else:
        if b"\x00" in data:
            raise LoadError("binary file (contains NUL bytes), not text", source=source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LoadError(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                            f"{exc.start}{_legacy_hint(data)}); re-save the file as UTF-8", source=source) from None
    if "\x00" in text:
        raise LoadError("binary file (contains NUL characters), not text", source=source)
    return text.lstrip("\ufeff")


def _legacy_hint(data: bytes) -> str:
    """A guess at the 8-bit encoding of text that is not UTF-8, for the error message only.

    The text is never decoded with a guess: Windows-1251 and KOI8-R both turn the
    same bytes into Cyrillic letters, and only one of them is right.
    """
    sample = data[:65536]
    high = sum(b >= 0xC0 for b in sample)
    letters = sum(b >= 0x41 and chr(b).isalpha() for b in sample if b < 0x80) + high
    if letters and high / letters > 0.3:
        return "; perhaps Cyrillic in Windows-1251 or KOI8-R"
    if high:
        return "; perhaps Latin-1 or Windows-1252"
    return ""


def clean_field(value: str | None, limit: int | None = None) -> str | None:
    """A metadata value (title, author, id) on one line: normalised like text, spaces
    collapsed; ``None`` if nothing is left, or if it is longer than ``limit``.

    Example:
        >>> clean_field("  Five\\n   Held\\x1b[2J ")
        'Five Held[2J'
    """
    if value is None:
        return None
    text = " ".join(normalize_text(str(value)).split())
    if not text or (limit is not None and len(text) > limit):
        return None
    return text


def clean_url(value: str | None) -> str | None:
    """A URL as the store can keep it: spaces and other characters an IRI may not hold
    are percent-encoded; ``None`` for one that still is no valid IRI (a bad port, a
    broken ``%`` escape, a second ``#``) — the article is then kept without it.

    Example:
        >>> clean_url(" https://example.org/a b?q=«x» ")
        'https://example.org/a%20b?q=%C2%ABx%C2%BB'
        >>> clean_url("https://example.org:port/") is None
        True
    """
    url = clean_field(value)
    if url is None or not url.lower().startswith(("http://", "https://")):
        return url
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - a hard dependency
        return url
    from urllib.parse import quote

    for candidate in (url, quote(url, safe="/:?#[]@!$&'()*+,;=%~")):
        try:
            pyoxigraph.NamedNode(candidate)
        except (ValueError, UnicodeError):
            continue
        return candidate
    return None


def normalize_text(text: str) -> str:
    """NFC-normalise, unify line endings, drop invisible characters; keep paragraphs.

    Spaces around each line go, runs of blank lines shrink to one blank line, and
    the text is stripped of blank lines at both ends.

    Example:
        >>> normalize_text("  Cafe\\u0301 \\r\\nzero\\u200bwidth\\r\\n\\r\\n\\r\\n\\r\\nnext")
        'Café\\nzerowidth\\n\\nnext'
    """
    text = _LINE_BREAKS.sub("\n", text)
    if _ODD_CHARS.search(text):  # (most texts have none: translating looks up every character)
        text = text.translate(_INVISIBLE).translate(_SPACES)
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
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
        raise LoadError(f"{'empty file' if not text else 'no text (only whitespace)'}", source=source)
    text = check_length(normalize_text(text), source)
    fields, text = _split_front_matter(text)
    if markdown:
        text = _clean_markdown(text)
    text, found = split_furniture(normalize_text(text))
    title = clean_field(fields.get("title") or fields.get("headline"), MAX_TITLE_CHARS)
    if title:
        text = drop_repeated_title(title, text)
    else:
        title, text = _split_headline(text)
    text = normalize_text(text)
    if not text:
        raise LoadError("no article text (only a title or page furniture)", source=source)
    known = {_FRONT_KEYS[k]: v for k, v in reversed(fields.items()) if k in _FRONT_KEYS}
    meta = {k: v for k, v in fields.items() if k not in _FRONT_KEYS}
    raw_date = known.get("date") or found.get("date")
    date = parse_date(raw_date)
    if raw_date and date is None:
        meta["date_raw"] = raw_date
    url = clean_url(known.get("url"))
    if known.get("url") and url is None:
        meta["url_raw"] = known["url"]
    return Article(text=text, title=title or None, date=date, url=url,
                   author=clean_field(known.get("author") or found.get("author")),
                   source=source, id=clean_field(known.get("id")), meta=meta)


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
    return parse_text(decode_bytes(read_bytes(path), shown(path)), source=shown(path),
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
