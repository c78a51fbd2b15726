"""Finding many fixed words in a text fast, with the results of the plain regular expressions.

``"|".join(re.escape(w) for w in words)`` over a thousand names makes Python's ``re``
try every name at every position; :func:`alternation` writes the same choice as a
trie (``Ministry(?: of (?:Justice|Defence))?``), so each position costs a few steps.
Tried longest first, as the plain alternation of words sorted longest first is, it
finds the same matches: of two names that match at one place, the longer wins unless
what follows it rules it out.

:func:`whole_word_spans` finds one literal bounded by non-word characters, the
matches of ``(?<!\\w)NAME(?!\\w)``, without compiling a pattern per name.

Example:
    >>> import re
    >>> rx = re.compile(r"(?<!\\w)(?:" + alternation(["Court", "Supreme Court", "Supreme"]) + r")(?!\\w)")
    >>> [m.group() for m in rx.finditer("the Supreme Court and the Court")]
    ['Supreme Court', 'Court']
    >>> whole_word_spans("Ana and Anabel met Ana.", "Ana")
    [(0, 3), (19, 22)]
"""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation", "whole_word_spans"]


def alternation(words: Iterable[str]) -> str:
    """A regular expression (no group of its own) matching any of ``words``, the longest first.

    It matches what ``"|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))``
    matches, in the same order of preference. Empty words are left out.

    >>> alternation(["ab", "abc", "b"])
    '(?:ab(?:c)?|b)'
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node(trie) if trie else "(?!)"


def _node(node: dict) -> str:
    branches = [re.escape(ch) + _node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body  # greedy: the longer word is tried before the end here


def whole_word_spans(text: str, word: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every match of ``(?<!\\w)`` + ``re.escape(word)`` + ``(?!\\w)`` in ``text``, in order."""
    out: list[tuple[int, int]] = []
    if not word:
        return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)(?!\w)", text)]
    n, pos = len(word), 0
    while True:
        i = text.find(word, pos)
        if i < 0:
            return out
        end = i + n
        if (i == 0 or not _is_word(text[i - 1])) and (end == len(text) or not _is_word(text[end])):
            out.append((i, end))
            pos = end
        else:
            pos = i + 1


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches in a ``str`` pattern: a letter, a digit or a numeric character, or ``_``."""
    return ch.isalnum() or ch == "_"
