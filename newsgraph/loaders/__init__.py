"""Readers: turn files, folders and stdin into :class:`~newsgraph.loaders.read.article.Article` records.

Example:
    >>> from newsgraph.loaders import parse_text
    >>> parse_text("Five Held\\n\\nPolice held five people.").title
    'Five Held'
"""
from newsgraph.loaders.read.article import Article
from newsgraph.loaders.read.furniture import load_furniture_rules, split_furniture, strip_furniture
from newsgraph.loaders.read.html import parse_html, read_html
from newsgraph.loaders.read.jsonl import parse_json, parse_jsonl, read_json, read_jsonl
from newsgraph.loaders.read.articles import READERS, read_articles, reader_for
from newsgraph.loaders.read.text import normalize_text, parse_date, parse_text, read_markdown, read_text

__all__ = [
    "Article", "READERS", "read_articles", "reader_for",
    "read_text", "read_markdown", "parse_text", "read_html", "parse_html",
    "read_jsonl", "parse_jsonl", "read_json", "parse_json",
    "strip_furniture", "split_furniture", "load_furniture_rules",
    "normalize_text", "parse_date",
]
