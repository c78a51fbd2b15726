"""The word sets of the extraction (``rules/event_words.jsonl``): one JSON object a line,
``{"id", "set", "words"}``, words in lower case and every inflection listed (the pipeline runs
without a lemmatizer). Validated when the file loads; an unknown set name is an error.

Example:
    >>> "individuals" in words("people_nouns")
    True
"""
from __future__ import annotations

from functools import lru_cache

from newsgraph.errors import RuleError
from newsgraph.text.data import read_jsonl_rules

__all__ = ["words"]


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset]:
    rules = read_jsonl_rules("event_words.jsonl", required=("id", "set", "words"), regex_fields=())
    out: dict[str, set] = {}
    for rule in rules:
        if not isinstance(rule["words"], list) or not all(isinstance(w, str) for w in rule["words"]):
            raise RuleError(f"rules/event_words.jsonl: {rule['id']}: 'words' must be a list of strings")
        out.setdefault(rule["set"], set()).update(w.lower() for w in rule["words"])
    return {k: frozenset(v) for k, v in out.items()}


def words(name: str) -> frozenset:
    """The word set ``name`` of ``rules/event_words.jsonl``; RuleError if the file has none (a misspelt name
    must not read as an empty set).
    """
    sets = _word_sets()
    if name not in sets:
        raise RuleError(f"rules/event_words.jsonl: no word set {name!r}")
    return sets[name]
