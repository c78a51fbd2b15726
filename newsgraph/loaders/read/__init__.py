"""Reading: files, folders and stdin -> :class:`~newsgraph.loaders.read.article.Article` records.

Plain text and Markdown (:mod:`.text`, which also decodes bytes and bounds sizes),
HTML (:mod:`.html`), JSON and JSON lines (:mod:`.jsonl`), page furniture
(:mod:`.furniture`); :mod:`.articles` picks the reader for a path.
"""
from .article import Article
from .articles import READERS, read_articles, reader_for

__all__ = ["Article", "READERS", "read_articles", "reader_for"]
