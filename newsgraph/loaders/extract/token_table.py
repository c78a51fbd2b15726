"""Per-token strings of a parsed article, read from spaCy once and kept with the ``Doc``.

Every ``tok.lower_``, ``tok.dep_``, ``tok.pos_`` or ``tok.head`` builds a new
Python object, and ``for tok in sent`` a new ``Token`` per step. The extraction
rules scan each sentence many times (for triggers, charges, places, shift
words); over plain lists indexed by ``tok.i`` those scans cost a fraction, and
only the few tokens a rule might fire on are looked at as ``Token`` objects.

The table is stored in ``doc.user_data`` (like :func:`~newsgraph.loaders.extract.entities.doc_text`),
so every module reading the same doc shares one. The doc must not be
re-tokenised or re-parsed afterwards (the extraction never does).

The table is a plain tuple of lists, so a doc that holds it still serialises.

Example:
    >>> from newsgraph.loaders.extract.nlp import load_nlp
    >>> doc = load_nlp()("Police detained Anna Petrova.")
    >>> t = token_table(doc)
    >>> t.lower[:2], t.dep[1], t.head[0], t.pos[1]
    (['police', 'detained'], 'ROOT', 1, 'VERB')
    >>> token_table(doc) is t
    True
"""
from __future__ import annotations

from typing import NamedTuple

__all__ = ["TokenTable", "token_table"]

_KEY = "newsgraph.tokens"


class TokenTable(NamedTuple):
    """``lower``, ``dep``, ``pos`` (strings) and ``head`` (token index) of every token, by ``tok.i``."""

    lower: list[str]
    dep: list[str]
    pos: list[str]
    head: list[int]


def token_table(doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built on first use."""
    table = doc.user_data.get(_KEY)
    if table is None:
        from spacy.attrs import DEP, HEAD, LOWER, POS

        arr = doc.to_array([LOWER, DEP, POS, HEAD])  # one pass in C, no Token objects
        strings = doc.vocab.strings
        columns = arr[:, :3].T.tolist()
        text_of = {h: strings[h] for h in set().union(*columns)}  # each string decoded once, not once per token
        lower, dep, pos = ([text_of[h] for h in column] for column in columns)
        head = [i + offset for i, offset in enumerate(arr[:, 3].view("int64").tolist())]  # HEAD is relative
        table = doc.user_data[_KEY] = TokenTable(lower, dep, pos, head)
    return table
