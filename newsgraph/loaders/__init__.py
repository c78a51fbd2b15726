"""Readers: turn files, folders and stdin into :class:`~newsgraph.loaders.article.Article` records.

Example:
    >>> from newsgraph.loaders import parse_text
    >>> parse_text("Five Held\\n\\nPolice held five people.").title
    'Five Held'
"""
import importlib

# Imported on first use (PEP 562), so that importing one light module of the package
# (names, article) does not load every reader (trafilatura, lxml, dateparser).
_WHERE = {
    "Article": "article", "load_furniture_rules": "furniture", "split_furniture": "furniture",
    "strip_furniture": "furniture", "parse_html": "html", "read_html": "html", "parse_json": "jsonl",
    "parse_jsonl": "jsonl", "read_json": "jsonl", "read_jsonl": "jsonl", "READERS": "read",
    "read_articles": "read", "reader_for": "read", "normalize_text": "text", "parse_date": "text",
    "parse_text": "text", "read_markdown": "text", "read_text": "text",
}


def __getattr__(name):
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Article", "READERS", "read_articles", "reader_for",
    "read_text", "read_markdown", "parse_text", "read_html", "parse_html",
    "read_jsonl", "parse_jsonl", "read_json", "parse_json",
    "strip_furniture", "split_furniture", "load_furniture_rules",
    "normalize_text", "parse_date",
]
