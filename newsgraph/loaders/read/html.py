"""Read saved HTML pages: trafilatura finds the article text, title, date, author and URL.

Only the date the page's markup states (meta tags, JSON-LD, ``<time>``) is taken;
dates merely mentioned in the body are never guessed into a publication date.

Example:
    >>> page = ("<html><head><title>Five Held</title></head><body><article><h1>Five Held</h1>"
    ...         "<p>" + "Police held five activists in the capital on Monday. " * 6 + "</p>"
    ...         "</article></body></html>")
    >>> a = parse_html(page)
    >>> a.title, a.text.startswith("Police held five activists")
    ('Five Held', True)
"""
from __future__ import annotations

import logging
import os

from newsgraph.errors import LoadError
from newsgraph.loaders.read.article import Article
from newsgraph.loaders.read.furniture import split_furniture
from newsgraph.loaders.read.text import (BINARY_MAGIC, MAX_FILE_BYTES, MAX_TITLE_CHARS, check_length,
                                    clean_field, clean_url, decode_bytes, drop_repeated_title,
                                    normalize_text, parse_date, read_bytes, shown)

__all__ = ["read_html", "parse_html"]

#: A page whose every paragraph is shorter than this is navigation, not an article.
_MIN_WORDS = 6
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _extract(content: str | bytes, source: str):
    # No deduplicate: trafilatura's is a process-wide cache that drops any paragraph
    # met more than twice, so the fourth page carrying a paragraph (a syndicated
    # story, a page read again) would lose it.
    import trafilatura  # heavy import, only when HTML is read

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        return trafilatura.bare_extraction(
            content, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
            date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # lxml and trafilatura raise assorted errors on broken markup
        raise LoadError(f"HTML could not be parsed ({type(exc).__name__})", source=source) from None


def parse_html(content: str | bytes, *, source: str = "<memory>") -> Article:
    """Make an :class:`Article` from the markup of a saved web page.

    ``content`` may be bytes (the page's own ``charset`` is then honoured) or str.
    Raises :class:`LoadError` ("no article text found") for pages that hold only
    scripts, frames or navigation (no paragraph of at least six words is left).
    """
    if isinstance(content, bytes):
        if not content.strip():
            raise LoadError(f"{'empty file' if not content else 'no text (only whitespace)'}", source=source)
        if any(content.startswith(m) for m in BINARY_MAGIC) or content[:2] in (b"\xff\xfe", b"\xfe\xff") \
                or b"\x00" in content[:4096]:
            content = decode_bytes(content, source)
    if isinstance(content, str) and not content.strip():
        raise LoadError(f"{'empty file' if not content else 'no text (only whitespace)'}", source=source)
    if len(content) > MAX_FILE_BYTES:
        raise LoadError(f"page too large ({len(content) / 2**20:.1f} MB of markup; "
                        f"at most {MAX_FILE_BYTES / 2**20:.0f} MB)", source=source)
    doc = _extract(content, source)
    raw = getattr(doc, "text", None) or ""
    # trafilatura puts one block (paragraph, heading, list item) per line: make them paragraphs
    text = check_length(normalize_text("\n\n".join(normalize_text(raw).split("\n"))), source)
    text, found = split_furniture(text)
    title = clean_field(getattr(doc, "title", None), MAX_TITLE_CHARS)
    text = normalize_text(drop_repeated_title(title, text))
    if not any(len(para.split()) >= _MIN_WORDS for para in text.split("\n\n")):
        raise LoadError("no article text found", source=source)
    meta = {k: v for k in ("sitename", "description", "hostname")
            if (v := clean_field(getattr(doc, k, None)))}
    raw_url = getattr(doc, "url", None)
    url = clean_url(raw_url)
    if raw_url and url is None:
        meta["url_raw"] = raw_url
    return Article(text=text, title=title, date=parse_date(getattr(doc, "date", None)) or
                   parse_date(found.get("date")), url=url,
                   author=clean_field(getattr(doc, "author", None) or found.get("author")),
                   source=source, meta=meta)


def read_html(path: str | os.PathLike) -> Article:
    """Read one saved ``.html``/``.htm`` page as an article.

    Raises :class:`LoadError` naming the file when it is missing, unreadable,
    binary, empty, or holds no article text.

    Example:
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "nav.html"
        >>> _ = p.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
        >>> read_html(p)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        newsgraph.errors.LoadError: .../nav.html: no article text found
    """
    return parse_html(read_bytes(path), source=shown(path))
