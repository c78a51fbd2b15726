"""The article record every reader produces and the extractor consumes.

Example:
    >>> from newsgraph.loaders.read.article import Article
    >>> a = Article(text="Police detained two activists.", title="Two detained")
    >>> a.iri.startswith("https://w3id.org/newsgraph/article/")
    True
    >>> a.iri == Article(text="Police detained two activists.").iri   # identity = content
    True
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.ontology import ARTICLE_BASE

__all__ = ["Article", "ARTICLE_BASE", "content_hash"]


@lru_cache(maxsize=64)  # an article's key and IRI are read many times while it is extracted
def content_hash(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of the article text (whitespace-normalised).

    >>> content_hash("a  b\\n") == content_hash("a b")
    True
    """
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article, as read from a file, a JSON line or stdin.

    ``text`` is the body (without the title line when the reader split it off);
    ``source`` says where it came from (a path, ``path:line`` for JSON lines, or ``<stdin>``).
    The IRI is stable: it depends only on the text, so re-reading the same text
    gives the same named graph.
    """

    text: str
    title: str | None = None
    date: _dt.date | None = None
    url: str | None = None
    author: str | None = None
    source: str = "<memory>"
    id: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return content_hash(self.text)

    @property
    def iri(self) -> str:
        return ARTICLE_BASE + self.key

    @property
    def full_text(self) -> str:
        """Title and body as one text (the title, if any, as its own first paragraph)."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text
