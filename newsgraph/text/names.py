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
from .wordsearch import required_literals

__all__ = ["clean", "ascii_lower", "fold", "fold_keys", "fold_tokens", "slug", "similar", "misspelt", "initials",
           "initials_agree", "nickname_forms", "variant_keys"]

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
    """``(pattern, replace, literal, needs)``: a rule whose pattern and replacement are plain text (``"zh"``
    to ``"j"``) is applied with ``str.replace``, which does what ``re.sub`` does with it, faster; another
    is tried only on a word holding one of the texts it ``needs`` (``"ev"`` for ``i?y?ev\\b``), if any."""
    out = []
    for r in read_jsonl_rules("transliteration.jsonl", required=("id", "pattern", "replace")):
        literal = re.escape(r["pattern"]) == r["pattern"] and "\\" not in r["replace"] and bool(r["pattern"])
        out.append((re.compile(r["pattern"]), r["replace"], literal, required_literals(r["pattern"])))
    return out


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    w = word
    for _ in range(6):  # to a fixed point, so that folding a key again changes nothing
        before = w
        for rx, rep, literal, needs in _rules():
            if literal:
                w = w.replace(rx.pattern, rep)
            elif needs is None or any(n in w for n in needs):
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


_DIGRAPHS = str.maketrans({"Ž": "Zh", "ž": "zh", "Š": "Sh", "š": "sh", "Ş": "Sh", "ş": "sh", "Č": "Ch", "č": "ch",
                           "Ç": "Ch", "ç": "ch", "Ś": "Sh", "ś": "sh", "Ć": "Ch", "ć": "ch", "Ǵ": "Gh", "ǵ": "gh"})


def fold_keys(name: str) -> set[str]:
    """Every comparison key of a name: its :func:`fold`, and, for a name in a Latin alphabet with hooked or
    accented letters (Kazakh Latin "Şäkenov", Belarusian Lacinka "Žodzina"), the key with those letters read
    as the digraphs English news writes for them ("Shakenov", "Zhodzina"); news that strips the marks instead
    ("Sakenov") meets the first key.

    >>> sorted(fold_keys("Şäkenov")), fold("Shakenov"), fold_keys("Anna Petrova")
    (['sakenov', 'shakenov'], 'shakenov', {'ana petrova'})
    """
    keys = {fold(name)}
    if any(c in name for c in "ŽžŠšŞşČčÇçŚśĆćǴǵ"):
        keys.add(fold(name.translate(_DIGRAPHS)))
    return keys


_NICKNAME = re.compile(r"^(\S+(?:\s+\S+)*?)\s+[\"“‘«]([^\"”’»]+)[\"”’»]\s+(\S+(?:\s+\S+)*)$")


def nickname_forms(name: str) -> list[str]:
    """The shorter forms of a person's name written with a nickname in quotes: news names them with the
    given name and the nickname, or without the nickname.

    >>> nickname_forms('Anna "Storm" Petrova'), nickname_forms("Anna Petrova")
    (['Anna Storm', 'Anna Petrova'], [])
    """
    m = _NICKNAME.match(clean(name))
    if not m:
        return []
    given, nick, surname = m.groups()
    return [f"{given} {nick}", f"{given} {surname}"]


@lru_cache(maxsize=1)
def _variant_rules():
    return [(re.compile(r["pattern"]), r["replace"]) for r in read_jsonl_rules(
        "transliteration_variants.jsonl", required=("id", "pattern", "replace"))]


@lru_cache(maxsize=65536)
def variant_keys(name: str) -> frozenset[str]:
    """Every comparison key of a person's name: its :func:`fold_keys`, and the key of the name read as a
    Turkic Latin spelling ("rules/transliteration_variants.jsonl": Azerbaijani c is j, q is g, x is kh, ə is a;
    -qızı/-kyzy, -zadeh/-zade, -oğlu/-ogly are one ending), which news romanising through Russian writes
    otherwise. Only names are compared so: "c" and "q" keep their usual folding everywhere else.

    >>> variant_keys("Rauf Qasimzade") & variant_keys("Rauf Gasimzadeh") != set()
    True
    >>> variant_keys("Ulviyya Cabbarqizi") & variant_keys("Ulviyya Djabbarkyzy") != set()
    True
    """
    keys = set(fold_keys(name))
    s = unicodedata.normalize("NFC", name).lower()
    for rx, rep in _variant_rules():
        s = rx.sub(rep, s)
    keys.add(fold(s))
    return frozenset(k for k in keys if k)


def slug(name: str) -> str:
    """An IRI-safe slug of the folded name."""
    return "-".join(fold_tokens(name)) or "x"


def similar(a: str, b: str) -> float:
    """Similarity 0..100 of two folded keys (rapidfuzz ratio)."""
    return _ratio()(a, b)


@lru_cache(maxsize=1)
def _ratio():
    """rapidfuzz's ratio, imported on first use: an import statement run on every call made a
    call 1.0 µs instead of 0.4 µs, and the resolution pass compares many pairs of names."""
    from rapidfuzz import fuzz
    return fuzz.ratio


def misspelt(x: str, y: str) -> bool:
    """Whether two folded words are one word misspelt: close, or two letters swapped.

    >>> misspelt("rigt", "rigts"), misspelt("tasmin", "tasnim"), misspelt("tajikistan", "kazakhstan")
    (True, True, False)
    """
    return similar(x, y) >= 80 or (len(x) == len(y) >= 5 and x[:2] == y[:2] and sorted(x) == sorted(y))


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


_INITIAL_FORM = re.compile(r"^[A-Z][a-z]?\.?$")


def initials_agree(short: str, full: str) -> bool:
    """Whether ``short``, a name written with initials, can be the person ``full`` names.

    The initials (a letter or a Russian-style digraph: "Zh.", "Sh.", "Ye.") must begin the
    other words of ``full`` in order, and the one whole word must be its surname, whichever
    side of the initials it stands.

    >>> initials_agree("A. Ye. Petrova", "Anna Yegorovna Petrova"), initials_agree("Petrov I. Zh.", "Ivan Zhanovich Petrov")
    (True, True)
    >>> initials_agree("Anna Sh. Petrova", "Anna Petrova"), initials_agree("B. Petrova", "Anna Petrova")
    (True, False)
    """
    words = short.replace(".", ". ").split()
    inits = [fold(w.rstrip(".")) for w in words if _INITIAL_FORM.match(w)]
    whole = [fold(w) for w in words if not _INITIAL_FORM.match(w) and w != "."]
    full_toks = list(fold_tokens(full))
    if not inits or not whole or len(full_toks) < 2 or whole[-1] != full_toks[-1]:
        return False
    given = full_toks[:-1]
    if len(whole) > 1:  # "Anna Sh. Petrova": the given name is written out
        if whole[0] != given[0]:
            return False
        given, inits = given[1:], inits
        return all(any(g.startswith(i) for g in given) for i in inits) or not given
    return len(inits) <= len(given) and all(g.startswith(i) for g, i in zip(given, inits))
