"""Name normalisation: folding spelling variants to one key.

``fold`` turns a name into a comparison key that is the same for the usual
romanisation variants of Kazakh/Russian names (q/k, zh/j, kh/h, -yev/-ev, y/i,
doubled consonants ...), after transliterating any script to ASCII with
anyascii (so Cyrillic Тоқаев meets Toqaev). The rules are data:
``rules/transliteration.jsonl``.

Example:
    >>> fold("Qasym-Zhomart Toqaev") == fold("Kassym-Jomart Tokayev")
    True
    >>> fold("Nursultan Nazarbayev") == fold("Nursultan Nazarbaev")
    True
    >>> slug("Qasym-Zhomart Toqaev")
    'kasim-jomart-tokaev'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from .data import read_jsonl_rules

__all__ = ["clean", "ascii_lower", "fold", "fold_tokens", "slug", "similar", "initials"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                         "‐": "-", "‑": "-", "–": "-", "—": "-"})


def clean(name: str) -> str:
    """Unicode-normalise a surface form: NFC, straight quotes, one space, no edge punctuation.

    >>> clean("  “Alga,   Kazakhstan!”  ")
    'Alga, Kazakhstan!'
    """
    s = unicodedata.normalize("NFC", name).translate(_QUOTES)
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" \"',.;:()[]")  if not s.endswith("!") else s.strip(" \"',;:()[]")


def ascii_lower(name: str) -> str:
    """ASCII, lower case, punctuation to spaces (hyphens too).

    >>> ascii_lower("Prosecutor-General’s Office")
    'prosecutor general s office'
    """
    s = anyascii(unicodedata.normalize("NFKC", name)).lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


@lru_cache(maxsize=1)
def _rules():
    return [(re.compile(r["pattern"]), r["replace"]) for r in read_jsonl_rules(
        "transliteration.jsonl", required=("id", "pattern", "replace"))]


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    w = word
    for _ in range(6):  # to a fixed point, so that folding a key again changes nothing
        before = w
        for rx, rep in _rules():
            w = rx.sub(rep, w)
        if w == before:
            break
    return w


_POSSESSIVE = re.compile(r"['’][sS]\b")


@lru_cache(maxsize=65536)
def fold_tokens(name: str) -> tuple[str, ...]:
    """The folded tokens of a name (a possessive 's or 'S dropped).

    >>> fold_tokens("ACME'S"), fold_tokens("Acme’s")
    (('acme',), ('acme',))
    """
    s = ascii_lower(_POSSESSIVE.sub("", name))
    return tuple(fold_word(t) for t in s.split() if t)


def fold(name: str) -> str:
    """The comparison key of a name: equal for transliteration variants."""
    return " ".join(fold_tokens(name))


def slug(name: str) -> str:
    """An IRI-safe slug of the folded name."""
    return "-".join(fold_tokens(name)) or "x"


def similar(a: str, b: str) -> float:
    """Similarity 0..100 of two folded keys (rapidfuzz ratio)."""
    from rapidfuzz import fuzz
    return fuzz.ratio(a, b)


_SMALL = {"of", "for", "and", "in", "on", "the", "de", "du", "des", "la", "le", "y", "&", "to", "at"}


def initials(name: str) -> str:
    """Upper-case initials of the content words, hyphenated parts counted.

    >>> initials("Organization for Security and Co-operation in Europe")
    'OSCE'
    """
    out = []
    for w in re.split(r"[\s/]+", name):
        if not w or w.lower() in _SMALL:
            continue
        parts = [p for p in w.split("-") if p]
        if len(parts) == 2 and parts[0].lower() in {"co", "re", "non", "anti", "pre"}:
            parts = parts[:1]
        out.extend(p[0].upper() for p in parts if p[0].isalpha())
    return "".join(out)
