"""Finding many fixed words in a text fast, with the results of the plain regular expressions.

``"|".join(re.escape(w) for w in words)`` over a thousand names makes Python's ``re``
try every name at every position; :func:`alternation` writes the same choice as a
trie (``Ministry(?: of (?:Justice|Defence))?``), so each position costs a few steps.
Tried longest first, as the plain alternation of words sorted longest first is, it
finds the same matches: of two names that match at one place, the longer wins unless
what follows it rules it out.

:func:`whole_word_spans` finds one literal bounded by non-word characters, the
matches of ``(?<!\\w)NAME(?!\\w)``, without compiling a pattern per name.

:func:`required_literals` reads a regular expression for the fixed texts one of which
every match holds (``district`` for ``[A-Z]\\w+ district\\b``), so that
:func:`may_match` skips a scan of a text that holds none of them: the scan would find
nothing.

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
from functools import lru_cache

__all__ = ["alternation", "whole_word_spans", "required_literals", "may_match"]


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


try:  # the parser behind re.compile: Python 3.11+ names it re._parser
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


@lru_cache(maxsize=1024)
def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Fixed texts one of which is in every match of ``pattern`` (case-sensitive), or None
    when the pattern does not say (it may match without any: ``\\w+``, case-insensitive parts).

    >>> sorted(required_literals(r"\\b(?:city|town)\\s+of\\s+([A-Z]\\w+)"))
    ['city', 'town']
    >>> sorted(required_literals(r"(?<=[a-z])i?y?ev\\b")), required_literals(r"\\w+"), required_literals("(?i)ev")
    (['ev'], None, None)
    """
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an internal parser that changed: no prefilter, every text is scanned
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    try:
        return _sequence(list(parsed))
    except Exception:  # noqa: BLE001 - an opcode this reading does not know (a newer Python): no prefilter
        return None


def may_match(rx: re.Pattern, text: str) -> bool:
    """False only when ``rx`` cannot match anywhere in ``text``: ``text`` holds none of its
    :func:`required_literals`."""
    need = required_literals(rx.pattern, rx.flags & ~re.UNICODE)
    return need is None or any(word in text for word in need)


def _sequence(items: list) -> frozenset[str] | None:
    """The best requirement of a sequence: each run of plain characters is one, each item another."""
    found: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        need = _item(op, av)
        if need:
            found.append(need)
    if run:
        found.append(frozenset([run]))
    if not found:
        return None
    return max(found, key=lambda need: (min(map(len, need)), -len(need)))  # the longest, fewest texts


def _item(op, av) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _sequence(list(sub))
    if op is _sre.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            need = _sequence(list(alternative))
            if not need:
                return None  # this alternative matches without any fixed text
            out |= need
        return frozenset(out)
    if op in _REPEATS:
        low, _high, sub = av
        return _sequence(list(sub)) if low >= 1 else None
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return None  # a class, any character, an assertion, a back reference: no fixed text


_REPEATS = tuple(op for op in (getattr(_sre, name, None) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
                 if op is not None)
