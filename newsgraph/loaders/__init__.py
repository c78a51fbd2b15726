"""Readers: turn files, folders and stdin into :class:`~newsgraph.loaders.article.Article` records.

Example:
    >>> from newsgraph.loaders import parse_text
    >>> parse_text("Five Held\\n\\nPolice held five people.").title
    'Five Held'
"""
from newsgraph.loaders.article import Article
from newsgraph.loaders.furniture import load_furniture_rules, split_furniture, strip_furniture
from newsgraph.loaders.html import parse_html, read_html
from newsgraph.loaders.jsonl import parse_json, parse_jsonl, read_json, read_jsonl
from newsgraph.loaders.read import READERS, read_articles, reader_for
from newsgraph.loaders.text import normalize_text, parse_date, parse_text, read_markdown, read_text

__all__ = [
    "Article", "READERS", "read_articles", "reader_for",
    "read_text", "read_markdown", "parse_text", "read_html", "parse_html",
    "read_jsonl", "parse_jsonl", "read_json", "parse_json",
    "strip_furniture", "split_furniture", "load_furniture_rules",
    "normalize_text", "parse_date",
]
