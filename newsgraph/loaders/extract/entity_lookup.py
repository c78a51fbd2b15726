"""Finding an article's entities from the text: mentions by offset, and the nouns for a kind of organisation.

The coreference resolver (:mod:`~newsgraph.loaders.extract.coref`) looks entities up where their
mentions sit: by character offsets (:func:`char_spans`, :func:`entity_at`) or by token
(:func:`token_spans`).

Example:
    >>> from newsgraph.loaders.extract.entities import Entity, Mention
    >>> anna = Entity("person", "Anna Petrova", mentions=[Mention(16, 28, "Anna Petrova", "person")])
    >>> spans = char_spans([anna])
    >>> entity_at(spans, [s for s, _, _ in spans], 20, 22).label, entity_at(spans, [16], 0, 5)
    ('Anna Petrova', None)
    >>> "party" in ORG_NOUNS
    True
"""
from __future__ import annotations

from bisect import bisect_right

from newsgraph.errors import RuleError
from newsgraph.text.data import read_tsv

__all__ = ["ORG_NOUNS", "org_nouns", "char_spans", "entity_at", "token_spans"]

_ORG_NOUN_FLAGS = ("anaphor", "det_only", "nearest", "generic")


def _org_noun_rows() -> dict[str, frozenset[str]]:
    out = {}
    for noun, *rest in read_tsv("org_nouns.tsv"):
        flags = frozenset(" ".join(rest).split())
        if flags - set(_ORG_NOUN_FLAGS):
            raise RuleError(f"gazetteers/org_nouns.tsv: {noun}: unknown flag(s) {', '.join(sorted(flags - set(_ORG_NOUN_FLAGS)))}"
                            f" (known: {', '.join(_ORG_NOUN_FLAGS)})")
        out[noun.strip().lower()] = flags
    return out


_ORG_NOUN_ROWS = _org_noun_rows()
ORG_NOUNS = frozenset(_ORG_NOUN_ROWS)
"""Common nouns for a kind of organisation ("party", "movement", "newspaper": gazetteers/org_nouns.tsv)."""


def org_nouns(flag: str) -> frozenset[str]:
    """The nouns of :data:`ORG_NOUNS` flagged ``flag`` in gazetteers/org_nouns.tsv ("anaphor": they refer
    back, "the party"; "det_only": only with "the" or a possessive; "nearest", "generic": see the file).

    Example:
        >>> "party" in org_nouns("anaphor"), "court" in org_nouns("anaphor")
        (True, False)
    """
    if flag not in _ORG_NOUN_FLAGS:
        raise ValueError(f"unknown org noun flag {flag!r}")
    return frozenset(n for n, flags in _ORG_NOUN_ROWS.items() if flag in flags)


def char_spans(entities) -> list[tuple[int, int, object]]:
    """``(start, end, entity)`` of every mention, by character offsets, in text order."""
    return sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: (x[0], x[1]))


def entity_at(spans: list, starts: list[int], start: int, end: int):
    """The entity with a mention overlapping ``[start, end)``, or None.

    ``spans`` come from :func:`char_spans`, ``starts`` are their start offsets; the
    search walks back from ``end`` and gives up 200 characters before ``start``.
    """
    k = bisect_right(starts, end) - 1
    while k >= 0:
        s, e, ent = spans[k]
        if s < end and start < e:
            return ent
        if e <= start and start - s > 200:
            break
        k -= 1
    return None


def token_spans(doc, entities) -> list[tuple[int, int, object]]:
    """``(first token, end token, entity)`` of every mention that covers whole tokens (widened to
    token edges), in the order of ``entities`` and their mentions."""
    out = []
    for e in entities:
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span) > 0:
                out.append((span.start, span.end, e))
    return out
