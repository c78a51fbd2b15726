"""Find the ties between the persons and organizations of one article, as RDF triples.

Person–organization ties are ``ng:memberOf`` or finer (``ng:leaderOf``,
``ng:candidateOf``, ``ng:employedBy``, ``ng:founderOf``); person–person ties
are ``ng:linkedTo`` or finer (``ng:lawyerOf``, ``ng:relativeOf``,
``ng:supporterOf``, ``ng:successorOf``, ``ng:coDefendantOf``).

The patterns are data (``rules/tie_patterns.jsonl``); this module interprets
their *shapes* over the dependency parse, with the article's entities found by
character offsets:

* ``role``: a role noun with its holder and relatum: "X, leader of Y",
  "Y's leader X", "Y leader X", "as leader of Y", "whose leader, X",
  "his clients, A and B", "X's brother, Y", "his successor, X";
* ``verb``: "X founded Y", "X, who leads Y", "X represented Y", "X succeeded Y",
  "X took over after Y's arrest";
* ``joint``: "X, who was tried alongside Y"; ``support``: "a run in support of X",
  "share the views of X" (the clause's people support X);
* ``relation``: "X had ties to Y", "collusion between X and Y" (a link);
* ``claim``: "authorities claim X is linked to Y", "the charges ... claims about forces linked to Y" (no
  one named: the people charged just before): an alleged tie;
* ``of_phrase`` ("X of the Y party"), ``org_possessor`` ("X's Y party"),
  ``title_org`` ("Deputy Prosecutor-General X" beside "the Prosecutor-General's Office").

A third-person pronoun is read as the nearest preceding person (organization
for "its") within the last few sentences; a kin noun ("his wife, Y") prefers a
person sharing Y's surname stem; "the party" is the nearest preceding party;
"these activists" are the people named together in the previous sentence and
"two people" the two named in the next one. Every tie gives its plain triple
and a reified ``ng:Tie`` with ``ng:evidence``, ``prov:wasDerivedFrom``,
``ng:confidence`` and, when the text only alleges it, ``ng:modality ng:Alleged``.
No entity is ever tied to itself.

Example:
    >>> from newsgraph.loaders.article import Article
    >>> from newsgraph.loaders.entities import find_entities
    >>> from newsgraph.loaders.nlp import load_nlp
    >>> art = Article(text="Police detained Anna Petrova, leader of the Unity Party, in Minsk.")
    >>> doc = load_nlp()(art.full_text)
    >>> triples = extract_ties(doc, find_entities(doc), art)
    >>> [(s.rsplit("/", 1)[-1], p.rsplit("#", 1)[-1], o.rsplit("/", 1)[-1])
    ...  for s, p, o in triples if p == NG.leaderOf]
    [('ana-petrova', 'leaderOf', 'uniti-parti')]
    >>> sum(1 for s, p, o in triples if o == NG.Tie)
    1
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import combinations

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ..errors import RuleError
from ..ontology import ID_BASE, NG
from .data import read_jsonl_rules
from .entities import Entity, doc_text
from .entity_lookup import ORG_PRONOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS, token_spans
from .iris import entity_iri
from .names import ascii_lower
from .ontology_terms import instances, subproperties
from .token_table import token_table

__all__ = ["extract_ties", "find_ties", "tie_rules", "check_rule", "Tie"]

_FILE = "rules/tie_patterns.jsonl"
_NEEDS = {"role": ("words", "object", "property"), "verb": ("words", "object", "property", "links"),
          "joint": ("words", "property"), "support": ("words", "governors", "preps", "property"),
          "of_phrase": ("words", "property"), "org_possessor": ("property",), "title_org": ("property",),
          "modifier": ("words", "replace"), "founding": ("words", "property"), "org_anaphor": ("words",),
          "org_head": ("words",), "org_part": ("words",), "speech": ("words",),
          "group": ("anaphor", "numbers"), "modality": ("words", "modality"),
          "claim": ("words", "preps", "claims", "property"), "relation": ("words", "preps", "property")}
_COPULA = {"is", "was", "are", "were", "be", "been", "remains", "remained", "became", "becomes"}
_SUBJ = {"nsubj", "nsubjpass"}
_CLOSING_QUOTES = {'"', "”", "»"}
_QUOTES = {'"', "“", "”", "«", "»", "'", "‘", "’", "„"}
_WINDOW = 3  # sentences a pronoun looks back


@dataclass
class Tie:
    """One tie read from a sentence: subject, property name, object, and how it was read."""

    subject: Entity
    prop: str
    obj: Entity
    sent: int
    rule: dict
    alleged: bool = False
    indirect: bool = False  # a pronoun, anaphor or fallback filled a side

    @property
    def confidence(self) -> Decimal:
        value = float(self.rule.get("confidence", 0.7)) - (0.1 if self.indirect else 0.0)
        return Decimal(str(round(max(0.05, min(1.0, value)), 2)))


# ---------------------------------------------------------------- rules
@lru_cache(maxsize=1)
def _tie_properties() -> dict[str, str]:
    """Property name -> "person" or "org": every ng:memberOf / ng:linkedTo sub-property of the ontology."""
    out = {}
    for top, kind in ((NG.memberOf, "org"), (NG.linkedTo, "person")):
        for p in subproperties(top):
            out[str(p).rsplit("#", 1)[-1]] = kind
    return out


@lru_cache(maxsize=1)
def _modalities() -> frozenset[str]:
    return frozenset(str(m).rsplit("#", 1)[-1] for m in instances(NG.Modality))


def check_rule(rule: dict) -> dict:
    """Validate one tie pattern (shape, fields, properties, kinds, modality); return it or raise RuleError.

    Example:
        >>> check_rule({"id": "x.v1", "shape": "role", "words": ["boss"], "object": "org", "property": "lawyerOf"})
        Traceback (most recent call last):
        ...
        newsgraph.errors.RuleError: rules/tie_patterns.jsonl: x.v1: lawyerOf ties a person to a person, not a person to a org
    """
    props = _tie_properties()
    where = f"{_FILE}: {rule['id']}"
    shape = rule["shape"]
    if shape not in _NEEDS:
        raise RuleError(f"{where}: unknown shape {shape!r}")
    missing = [f for f in _NEEDS[shape] if f not in rule]
    if missing:
        raise RuleError(f"{where}: shape {shape!r} needs field(s) {', '.join(missing)}")
    named = [rule["property"]] if "property" in rule else []
    named += [p for pair in rule.get("replace", {}).items() for p in pair]
    for p in named:
        if p not in props:
            raise RuleError(f"{where}: {p!r} is not ng:memberOf, ng:linkedTo or a sub-property of them")
    for key, allowed in (("object", ("person", "org")), ("subject", ("person", "org")),
                         ("direction", ("holder", "relatum")), ("tie_subject", ("subject", "object"))):
        if key in rule and rule[key] not in allowed:
            raise RuleError(f"{where}: {key!r} must be one of {', '.join(allowed)}")
    if shape in ("role", "verb"):
        sides = (rule.get("subject", "person"), rule["object"])
        if rule.get("tie_subject", "subject") == "object":
            sides = sides[::-1]
        if sides != ("person", props[rule["property"]]):
            raise RuleError(f"{where}: {rule['property']} ties a person to a {props[rule['property']]}, "
                            f"not a {sides[0]} to a {sides[1]}")
    if "modality" in rule and rule["modality"] not in _modalities():
        raise RuleError(f"{where}: unknown modality {rule['modality']!r}")
    for link in rule.get("links", ()):
        if link not in ("dobj", "agent") and not link.startswith("prep:"):
            raise RuleError(f"{where}: bad link {link!r} (dobj, agent or prep:WORD)")
    return rule


@lru_cache(maxsize=1)
def tie_rules() -> dict[str, tuple[dict, ...]]:
    """The tie patterns of ``rules/tie_patterns.jsonl`` by shape, each checked by :func:`check_rule`.

    Example:
        >>> any(r["id"] == "tie.leader_of.role.v1" for r in tie_rules()["role"])
        True
    """
    by_shape: dict[str, list[dict]] = {s: [] for s in _NEEDS}
    for rule in read_jsonl_rules("tie_patterns.jsonl", required=("id", "shape"), regex_fields=()):
        by_shape[check_rule(rule)["shape"]].append(rule)
    return {k: tuple(v) for k, v in by_shape.items()}


def _words(shape: str, field: str = "words") -> frozenset[str]:
    return _words_of(tie_rules(), shape, field)


_DERIVED: dict = {}  # ("words", ...) / ("index",) -> value, for the tie_rules() object in _DERIVED["rules"]


def _derived(key: tuple, make):
    """A value computed from the tie rules once, not per article (recomputed if the rules reload)."""
    rules = tie_rules()
    if _DERIVED.get("rules") is not rules:
        _DERIVED.clear()
        _DERIVED["rules"] = rules
    if key not in _DERIVED:
        _DERIVED[key] = make(rules)
    return _DERIVED[key]


def _words_of(rules, shape: str, field: str) -> frozenset[str]:
    return _derived(("words", shape, field),
                    lambda rules: frozenset(w.lower() for r in rules[shape] for w in r.get(field, ())))


def _rule_index(rules) -> dict:
    """The look-ups :class:`_Finder` needs, built from the rules once."""
    role_words: dict[str, list[dict]] = {}
    for r in rules["role"]:
        for w in r["words"]:
            role_words.setdefault(w.lower(), []).append(r)
    # every lower-case token that can start a role, verb, joint, support or claim reading: a role
    # word or what follows a hyphen in one ("founder" of "co-founder"), a verb, a support or claim word
    cue_words = {k[p:] for k in role_words for p in range(len(k)) if p == 0 or k[p - 1] == "-"}
    for shape in ("verb", "joint"):
        cue_words |= _words(shape)
    cue_words |= {w for shape in ("support", "claim", "relation") for r in rules[shape] for w in r["words"]}
    return {"role_words": role_words, "cue_words": frozenset(cue_words),
            "modifiers": [(frozenset(w.lower() for w in r["words"]), r["replace"]) for r in rules["modifier"]],
            "verbs": [(r, frozenset(w.lower() for w in r["words"])) for r in rules["verb"]],
            "joints": [(r, frozenset(w.lower() for w in r["words"])) for r in rules["joint"]]}


# ---------------------------------------------------------------- the article's text, indexed
class _Text:
    """Tokens mapped to entities, sentences, and the look-ups the shapes share."""

    def __init__(self, doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self.lowers = token_table(doc).lower  # read once: spaCy builds the string on every access
        self.sents = list(doc.sents)
        self.sent_of = {}
        for n, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = n
        self.ent_at: dict[int, Entity] = {}
        self.spans: list[tuple[int, int, Entity]] = []  # token start, end (exclusive), entity
        for start, end, e in token_spans(doc, entities):
            self.spans.append((start, end, e))
            for i in range(start, end):
                self.ent_at.setdefault(i, e)
        self._more_mentions(entities)
        self.spans.sort(key=lambda x: (x[0], x[1]))
        self.starts = {s: e for s, _, e in self.spans}
        self.ends = {end - 1: e for _, end, e in self.spans}
        counts = {id(e): len(e.mentions) for e in entities if e.kind == "person"}
        people = [e for e in entities if e.kind == "person"]
        self.protagonist_order = sorted(people, key=lambda e: (-counts[id(e)], min(m.start for m in e.mentions)))
        self.anaphor_words = _words("org_anaphor")
        self.det_only = _words("org_anaphor", "det_only")
        self.nearest_words = _words("org_anaphor", "nearest")
        self.org_heads = _words("org_head") | self.anaphor_words
        self.speech = _words("speech")
        self.org_parts = _words("org_part")
        self.party_like = self._party_like(entities)
        self.titled = self._titled()
        group = tie_rules()["group"]
        self.group_det = frozenset(w for r in group for w in r["anaphor"])
        self.numbers = {k: v for r in group for k, v in r["numbers"].items()}
        self.inclusion = frozenset(w for r in group for w in r.get("inclusion", ()))
        self.people_nouns = frozenset(w for r in group for w in r.get("people", ()))

    def _more_mentions(self, entities) -> None:
        """Every other place the text spells one of an entity's names (longest names first)."""
        names = sorted(((n, e) for e in entities if e.kind in ("person", "org") for n in set(e.names)
                        if len(n) >= 3), key=lambda x: -len(x[0]))
        text = doc_text(self.doc)
        for name, e in names:
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or any(i in self.ent_at for i in range(span.start, span.end)):
                    continue
                self.spans.append((span.start, span.end, e))
                for i in range(span.start, span.end):
                    self.ent_at[i] = e

    def _titled(self) -> dict[str, Entity]:
        """Role nouns the article puts before one person's name ("blogger X") or in apposition after it
        ("X, a refugee from Y"): "the blogger" is X. A noun used so for two people names neither."""
        seen: dict[str, set] = {}
        first: dict[str, Entity] = {}
        for start, end, e in self.spans:
            if e.kind != "person":
                continue
            nouns = [self.doc[start - 1]] if start > 0 else []
            nouns += [c for c in self.doc[end - 1].children if c.dep_ == "appos"]  # "X, a refugee from ..."
            for t in nouns:
                if t.pos_ == "NOUN" and t.text.isalpha() and t.text.islower() and t.i not in self.ent_at:
                    seen.setdefault(t.lower_, set()).add(id(e))
                    first.setdefault(t.lower_, e)
        return {w: first[w] for w, ids in seen.items() if len(ids) == 1}

    def _party_like(self, entities) -> dict[str, set[int]]:
        """Organization ids named, or found beside, each org-anaphor noun ("party")."""
        out: dict[str, set[int]] = {w: set() for w in self.anaphor_words}
        for e in entities:
            if e.kind != "org":
                continue
            for w in {w for name in [e.label, *e.names] for w in ascii_lower(name).split()}:
                if w in out:  # "El Tiregi" also written "the El Tiregi party"
                    out[w].add(id(e))
        for start, end, e in self.spans:
            if e.kind != "org":
                continue
            near = [t for t in self.doc[max(0, start - 3):start]] + [t for t in self.doc[end:end + 2]]
            for t in near:
                if t.lower_ in out:
                    out[t.lower_].add(id(e))
            tail = [t.lower_ for t in self.doc[end:end + 6]]
            while tail and tail[0] in (")", ","):
                tail.pop(0)
            if tail[:1] in (["a"], ["an"], ["the"]) and len(tail) > 1:  # "Y (YY), a movement banned in ...": an appositive
                kind = next((w for w in tail[1:3] if w in out), None)
                if kind is not None and all(w.isalpha() for w in tail[1:tail.index(kind)]):
                    out[kind].add(id(e))
        return out

    # -- entities of a token
    def entity(self, tok, kind: str) -> Entity | None:
        e = self.ent_at.get(tok.i)
        return e if e is not None and e.kind == kind else None

    def refs(self, tok, kind: str, exclude=(), kin: Entity | None = None, depth: int = 0) -> list[tuple[Entity, bool]]:
        """The entities of this kind a token stands for, each with "was it read indirectly"."""
        if tok is None or depth > 4:
            return []
        e = self.ent_at.get(tok.i)
        if e is not None:
            return [(e, False)] if e.kind == kind else []
        low = tok.lower_
        if low in PERSON_PRONOUNS and kind == "person":
            r = self.resolve(tok, "person", exclude, kin)
            return [(r, True)] if r else []
        if low in ORG_PRONOUNS and kind == "org":
            r = self.resolve(tok, "org", exclude)
            return [(r, True)] if r else []
        if low in PLURAL_PRONOUNS and kind == "person" and tok.dep_ == "poss":
            ex = {id(e) for e in exclude}
            return [(e, True) for e in self._plural(tok) if id(e) not in ex]
        if kind == "person" and tok.dep_ == "poss" and tok.tag_ == "NNS" and low in self.people_nouns and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children):  # "the defendants' lawyer, X"
            ex = {id(e) for e in exclude}
            return [(e, True) for e in self._group_before(tok) if id(e) not in ex]
        if low in RELATIVE_PRONOUNS and tok.dep_ in (*_SUBJ, "poss", "dobj", "pobj"):
            head = _relcl_head(tok)
            if head is None:
                return []
            plural = tok.head.tag_ == "VBP" or any(c.lower_ in ("are", "were") for c in [tok.head, *tok.head.children])
            near = [c for c in head.conjuncts if c.i < tok.i and c.i > head.i]
            if near and not plural and tok.head.tag_ in ("VBZ", "VBD"):  # "A and B, who was ...": B
                head = near[-1]
            got = (self.refs_conj(head, kind, exclude, kin) if plural and depth == 0  # "A and B, who are ..."
                   else self.refs(head, kind, exclude, kin, depth + 1))
            if not got and head.dep_ == "appos":  # "X, a lawyer who works with Y"
                got = self.refs(head.head, kind, exclude, kin, depth + 1)
            return got
        if kind == "person" and tok.pos_ == "NOUN" and low in self.titled and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children):  # "the refugee's brother, X"
            e = self.titled[low]
            return [] if any(e is x for x in exclude) else [(e, True)]
        out = []
        glued = ("appos", "compound", "nmod") if low in self.org_heads else ("appos",)
        for c in tok.children:  # "the outlet Y", "the Y party", "the party “Y”"
            if c.dep_ in glued and (ce := self.entity(c, kind)) is not None:
                out.append((ce, False))
        if not out and kind == "org" and low in self.org_parts and depth < 3:  # "the Gomel branch of Y"
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of"):
                    for x in ([c] if c.dep_ == "poss" else [p for p in c.children if p.dep_ == "pobj"]):
                        out += self.refs(x, kind, exclude, kin, depth + 1)
            if out:
                return out
        if not out and kind == "org" and low in self.org_heads:  # "the organization “Y”"
            after = self._mention_after(tok.i + 1, "org", skip=_QUOTES | {"the", ","})
            if after is not None:
                return [(after, False)]
            definite = (tok.dep_ == "compound" and low not in self.det_only) or any(
                c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in tok.children)
            if low in self.anaphor_words and definite and not self._unknown_name_on(tok):
                # "the party", "party leader": the nearest preceding party (not "Real party leader", a
                # party whose name was not recognized)
                r = self.resolve(tok, "org", exclude, party=low)
                return [(r, True)] if r else []
        return out

    def _unknown_name_on(self, tok) -> bool:
        """Does a capitalized word that is no entity nor nationality modify this noun ("Real party")?"""
        sent_start = self.sents[self.sent_of.get(tok.i, 0)].start
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        if tok.i > sent_start and self.doc[tok.i - 1].dep_ in ("amod", "compound"):  # "Bright party leader"
            mods.append(self.doc[tok.i - 1])
        return any(c.text[:1].isupper() and c.i != sent_start and c.i not in self.ent_at
                   and ascii_lower(c.text) not in _demonyms() for c in mods)

    def refs_conj(self, tok, kind: str, exclude=(), kin=None) -> list[tuple[Entity, bool]]:
        """``refs`` of a token and of every token coordinated with it ("A, B and C")."""
        out, seen = [], set()
        stack = [tok] if tok is not None else []
        while stack:
            t = stack.pop(0)
            for e, ind in self.refs(t, kind, exclude, kin):
                if id(e) not in seen:
                    seen.add(id(e))
                    out.append((e, ind))
            stack.extend(c for c in t.children if c.dep_ == "conj")
        return out

    def people(self, tok, exclude=()) -> list[tuple[Entity, bool]]:
        """Persons a subject stands for: names, pronouns, "who", or a group ("these activists")."""
        if tok is None:
            return []
        got = self.refs_conj(tok, "person", exclude)
        if not got and tok.dep_ in _SUBJ:  # a second subject the parser split off ("X's cousin ... Y was")
            got = [x for sib in tok.head.children if sib.dep_ in _SUBJ and sib is not tok
                   for x in self.refs_conj(sib, "person", exclude)]
        if got:
            return got
        if tok.lower_ in RELATIVE_PRONOUNS:
            head = _relcl_head(tok)
            return self.group(head) if head is not None else []
        return self.group(tok)

    def group(self, tok) -> list[tuple[Entity, bool]]:
        """A plural noun naming people named elsewhere: "these activists" (back), "two people" (forward)."""
        if tok is None or tok.tag_ not in ("NNS", "NNPS"):
            return []
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet")}
        n = self.sent_of.get(tok.i, 0)
        if dets & self.group_det and n > 0:
            return [(e, True) for e in self._largest_group(self.sents[n - 1])]
        for c in tok.children:
            if c.dep_ == "nummod":
                count = self.numbers.get(c.lower_) or (int(c.text) if c.text.isdigit() else 0)
                if count >= 2 and n + 1 < len(self.sents):
                    got = next((g for t in self.sents[n + 1] if t.dep_ in _SUBJ
                                and (g := self.refs_conj(t, "person"))), [])
                    if len(got) == count:
                        return [(e, True) for e, _ in got]
        return []

    def _plural(self, tok) -> list[Entity]:
        """ "their": the persons named together earlier in the sentence, else, when no plural noun of the
        sentence comes first ("Protesters said their ..."), those named together in the previous one."""
        n = self.sent_of.get(tok.i, 0)
        start = self.sents[n].start
        here = self._largest_group(self.doc[start:tok.i])
        if here or n == 0:
            return here
        if any(t.tag_ in ("NNS", "NNPS") and t.i not in self.ent_at for t in self.doc[start:tok.i]):
            return []
        return self._largest_group(self.sents[n - 1])

    def _group_before(self, tok) -> list[Entity]:
        """ "the defendants": the persons last named together, earlier in the sentence or in the ones before."""
        n = self.sent_of.get(tok.i, 0)
        here = self._largest_group(self.doc[self.sents[n].start:tok.i])
        for k in range(n - 1, max(-1, n - 1 - _WINDOW), -1):
            if here:
                break
            here = self._largest_group(self.sents[k])
        return here

    def _largest_group(self, sent) -> list[Entity]:
        groups: dict[int, list[Entity]] = {}
        for t in sent:
            e = self.entity(t, "person")
            if e is None or t.dep_ == "compound":
                continue
            root = t
            while root.dep_ == "conj" and root.head != root:
                root = root.head
            members = groups.setdefault(root.i, [])
            if e not in members:
                members.append(e)
        best = max(groups.values(), key=len, default=[])
        return best if len(best) >= 2 else []

    def _mention_after(self, i: int, kind: str, skip=frozenset(), limit: int = 3) -> Entity | None:
        for j in range(i, min(i + limit, len(self.doc))):
            e = self.starts.get(j)
            if e is not None:
                return e if e.kind == kind else None
            if self.doc[j].lower_ not in skip:
                return None
        return None

    def resolve(self, tok, kind: str, exclude=(), kin: Entity | None = None, party: str | None = None,
                depth: int = 0) -> Entity | None:
        """A pronoun's or anaphor's antecedent (see :meth:`_person`, :meth:`_org`, :meth:`_party`)."""
        if party is not None:
            return self._party(tok, party)
        return self._person(tok, exclude, kin, depth) if kind == "person" else self._org(tok)

    def _person(self, tok, exclude, kin, depth) -> Entity | None:
        """A kin namesake ("his wife, Anna Petrova": Petrov), else the nearest preceding person of the
        sentence, else the subject of the previous sentence, else the nearest preceding non-speaker."""
        n = self.sent_of.get(tok.i, 0)
        ex = {id(e) for e in exclude}
        before = [(s, e) for s, end, e in self.spans if e.kind == "person" and end <= tok.i and id(e) not in ex
                  and _agrees(tok, e)]
        if kin is not None:
            same = [e for _, e in before if _kin_names(e, kin)]
            if same:
                return same[-1]
        here = [(s, e) for s, e in before if s >= self.sents[n].start]
        if here:
            quote = [j for j in range(here[0][0], tok.i) if self.doc[j].text in _CLOSING_QUOTES]
            if quote and all(s < quote[-1] for s, _ in here):  # '"A got five years, B four," his sister said'
                return here[0][1]
            return here[-1][1]
        if any(t.dep_ in _SUBJ and t.pos_ == "PROPN" and t.i not in self.ent_at
               for t in self.doc[self.sents[n].start:tok.i]):
            return None  # the sentence's own subject is a name we do not know
        if n > 0 and depth < 3:
            subj = self._subject_person(self.sents[n - 1], exclude, depth)
            if subj is not None and _agrees(tok, subj):
                return subj
            for t in reversed(self.sents[n - 1]):  # "... placed the blogger under arrest. His lawyer ..."
                e = self.titled.get(t.lower_) if any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) else None
                if e is not None and id(e) not in ex and _agrees(tok, e):
                    return e
        first = self.sents[max(0, n - _WINDOW)].start
        cands = [(s, e) for s, e in before if s >= first]
        cands = [c for c in cands if not self._speaker(c[0])] or cands  # "..., X said" rarely is "he"
        return cands[-1][1] if cands else None

    def _org(self, tok) -> Entity | None:
        """ "its": an organization named earlier in the pronoun's own clause, not as its subject ("ruled that
        X, the editor of Y, and two of its reporters ..."), else the organization that is the subject of
        this sentence or of the previous one."""
        n = self.sent_of.get(tok.i, 0)
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        subjects = {x.i for c in clause.children if c.dep_ in _SUBJ for x in [c, *c.children]
                    if x is c or x.dep_ == "compound"}  # the clause's own subject: read below, as before
        named = [e for x in clause.subtree if x.i < tok.i and x.i not in subjects
                 and (e := self.entity(x, "org")) is not None]
        if named:  # "ruled that X, the director of Y, and two of its reporters be held": Y, named in the clause
            return named[-1]
        for t in reversed(self.doc[self.sents[n].start:tok.i]):  # "the newspaper's owner, X, and its editor"
            if t.dep_ == "poss" and t.lower_ in self.anaphor_words and t.i not in self.ent_at:
                got = self.refs(t, "org")
                if got:
                    return got[0][0]
        for sent in (self.sents[n], self.sents[n - 1] if n > 0 else None):
            if sent is None:
                continue
            subj = next((t for t in sent if t.dep_ in _SUBJ and t.head == sent.root and t.i < tok.i), None)
            if subj is not None and subj.lower_ not in ORG_PRONOUNS:
                got = self.refs(subj, "org")
                if got:
                    return got[0][0]
        return None

    def _party(self, tok, noun: str) -> Entity | None:
        """ "the party": the nearest preceding organization named or called a party; "the outlet", when none
        was called so, the nearest organization before it in its sentence."""
        cands = [e for s, _, e in self.spans if s < tok.i and id(e) in self.party_like.get(noun, ())]
        if not cands and noun in self.nearest_words:  # "journalists from Y ..., the outlet's director": Y
            start = self.sents[self.sent_of.get(tok.i, 0)].start
            cands = [e for s, _, e in self.spans if start <= s < tok.i and e.kind == "org"]
        return cands[-1] if cands else None

    def _speaker(self, start: int) -> bool:
        """Is the mention starting here the subject of a speech verb ("X said", "X, a lawyer, told")?"""
        t = self.doc[start]
        while t.dep_ in ("compound", "flat") and t.head != t:
            t = t.head
        if t.dep_ == "appos":
            t = t.head
        if t.dep_ == "pobj" and t.head.head.lower_ in self.speech:  # "according to Minister X"
            return True
        return t.dep_ in _SUBJ and t.head.lower_ in self.speech

    def _subject_person(self, sent, exclude, depth) -> Entity | None:
        """The person subject of a sentence's main clause (a pronoun subject resolved in turn)."""
        root = sent.root
        if root.lower_ in self.speech:  # "Y was involved, X said": the subject of what was said
            said = [c for c in root.children if c.dep_ == "ccomp"]
            root = said[0] if said else root
        subj = next((t for t in root.children if t.dep_ in _SUBJ), None)
        if subj is None or (root is not sent.root and self.refs(subj, "person") == []
                            and subj.lower_ not in PERSON_PRONOUNS):
            return None
        ex = {id(e) for e in exclude}
        if subj.lower_ in PERSON_PRONOUNS:
            e = self.resolve(subj, "person", exclude, depth=depth + 1)
            return e if e is not None and id(e) not in ex else None
        got = [e for e, _ in self.refs_conj(subj, "person") if id(e) not in ex]
        return got[0] if got else None

    def protagonist(self, exclude=()) -> Entity | None:
        ex = {id(e) for e in exclude}
        return next((e for e in self.protagonist_order if id(e) not in ex), None)


def _relcl_head(tok):
    """The noun a relative clause hangs on, for its "who"/"whose"/"which"."""
    t = tok
    for _ in range(4):
        if t.dep_ == "relcl" or (t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN")):
            return t.head
        if t.head == t:
            return None
        t = t.head
    return None


def _subject(verb):
    """The subject token of a verb, sharing it along conj/xcomp/advcl chains; the noun of a relcl/acl."""
    v = verb
    for _ in range(5):
        for c in v.children:
            if c.dep_ in _SUBJ:
                return c
        if v.dep_ in ("conj", "xcomp", "advcl") and v.head != v:
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.head.head != v.head:  # "was prosecuted for coming ..."
            v = v.head.head
            continue
        if v.dep_ in ("acl", "relcl"):
            return v.head
        return None
    return None


@lru_cache(maxsize=1)
def _gender_endings() -> tuple[tuple[str, str], ...]:
    from .data import read_tsv
    rows = [(r[1].strip().lower(), r[0].strip()) for r in read_tsv("gender_suffixes.tsv", 2)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """Nationality adjectives ("Azerbaijani Interior Minister X": the title is "interior minister")."""
    from .data import demonyms
    return frozenset(ascii_lower(d) for d in demonyms())


_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female"}


def _gender(e: Entity) -> str | None:
    """The gender a surname's ending marks ("Petrova" female, "Petrov" male), else None.

    >>> _gender(Entity("person", "Anna Petrova")), _gender(Entity("person", "Ivan Petrov")), _gender(Entity("person", "Jane Roe"))
    ('female', 'male', None)
    """
    last = (ascii_lower(e.label).split() or [""])[-1]
    for ending, gender in _gender_endings():
        if len(last) > len(ending) + 2 and last.endswith(ending):
            return gender
    return None


def _agrees(tok, e: Entity) -> bool:
    """Can this pronoun stand for this person? Only a surname of the other gender says no."""
    want = _PRONOUN_GENDER.get(tok.lower_)
    got = _gender(e) if want else None
    return want is None or got is None or got == want


def _kin_names(a: Entity, b: Entity) -> bool:
    """Do two persons share a surname stem ("Petrov" / "Petrova")?"""
    x = (ascii_lower(a.label).split() or [""])[-1]
    y = (ascii_lower(b.label).split() or [""])[-1]
    if a is b or not x or not y:
        return False
    common = 0
    for p, q in zip(x, y):
        if p != q:
            break
        common += 1
    return common >= max(4, min(len(x), len(y)) - 2)


def _word(tok) -> str:
    """The lower-case word ending at this token, hyphenated parts joined ("co-founder")."""
    parts, i = [tok.lower_], tok.i
    doc = tok.doc
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        parts[:0] = [doc[i - 2].lower_, "-"]
        i -= 2
    return "".join(parts)


def _hyphen_part(tok) -> bool:
    """Is this token the first part of a hyphenated word ("Prosecutor" in "Prosecutor-General")?"""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_


def _alleged(tok, text: _Text, words: frozenset[str], barriers: frozenset[str] = frozenset()) -> bool:
    """A modality word on the trigger, just before it, or above it in its clause (not across a name, nor
    across a barrier word: "X is suspected of ..., according to his lawyer Y" alleges nothing of Y)."""
    if any(c.lower_ in words for c in tok.children):
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in words:
        return True
    t = tok
    for _ in range(8):
        if t.head == t or t.dep_ == "appos":
            return False
        t = t.head
        if t.i in text.ent_at or t.lower_ in barriers:
            return False
        if t.lower_ in words or any(c.lower_ in words and c.dep_ == "advmod" for c in t.children):
            return True
    return False


# ---------------------------------------------------------------- shapes
class _Finder:
    """Runs every shape of the tie patterns over one article and collects the :class:`Tie` s."""

    def __init__(self, doc, entities, charged=()):
        self.text = _Text(doc, entities)
        self.charged = charged  # (sentence index, persons) of the article's charges
        self.rules = tie_rules()
        self.ties: list[Tie] = []
        self.alleged_words = _words("modality")
        self.alleged_barriers = _words("modality", "barriers")
        index = _derived(("index",), _rule_index)
        self.role_words: dict[str, list[dict]] = index["role_words"]
        self.modifiers = index["modifiers"]
        self.cue_words = index["cue_words"]
        self.verbs, self.joints = index["verbs"], index["joints"]
        self.founding = _words("founding")
        self.founding_prop = next((r["property"] for r in self.rules["founding"]), None)
        self._roles_seen: dict[tuple, set[int]] = {}

    def add(self, subj: Entity, prop: str, obj: Entity, tok, rule: dict, indirect=False, alleged=False):
        if subj is None or obj is None or subj is obj or entity_iri(subj.kind, subj.label) == entity_iri(obj.kind, obj.label):
            return
        if subj.kind != "person" or obj.kind != _tie_properties()[prop]:
            return
        alleged = alleged or rule.get("modality") == "Alleged" or _alleged(tok, self.text, self.alleged_words,
                                                                           self.alleged_barriers)
        self.ties.append(Tie(subj, prop, obj, self.text.sent_of.get(tok.i, 0), rule, alleged, indirect))

    def run(self) -> list[Tie]:
        doc = self.text.doc
        verbs, joints = self.verbs, self.joints
        lowers, cues = self.text.lowers, self.cue_words
        for i in [i for i, low in enumerate(lowers) if low in cues]:  # other tokens start no reading
            tok = doc[i]
            if tok.i in self.text.ent_at or tok.is_punct:
                continue
            word = _word(tok)
            if not _hyphen_part(tok):
                rules = self.role_words.get(word, ())
                span = (tok.i - word.count("-") * 2, tok.i) if rules else (tok.i, tok.i)
                head = next((t for t in doc[span[0]:span[1] + 1] if not span[0] <= t.head.i <= span[1]), tok)
                for rule in rules or self.role_words.get(tok.lower_, ()):
                    self.role(head, rule, span)
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.dep_ == "acomp":  # "is married to"
                for rule, words in verbs:
                    if tok.lower_ in words:
                        self.verb(tok, rule)
                for rule, words in joints:
                    if tok.lower_ in words:
                        self.joint(tok, rule)
            for rule in self.rules["support"]:
                if tok.lower_ in rule["words"] and tok.head.lower_ in rule["governors"]:
                    self.support(tok, rule)
            for rule in self.rules["claim"]:
                if tok.lower_ in rule["words"]:
                    self.claim(tok, rule)
            if tok.pos_ == "NOUN":
                for rule in self.rules["relation"]:
                    if tok.lower_ in rule["words"]:
                        self.relation(tok, rule)
        for rule in self.rules["of_phrase"]:
            self.of_phrase(rule)
        for rule in self.rules["org_possessor"]:
            self.org_possessor(rule)
        for rule in self.rules["title_org"]:
            self.title_org(rule)
        return self.ties

    # -- role nouns
    def holders(self, t, depth=0, span=None, rule=None) -> list[tuple[Entity, bool]]:
        text, out = self.text, []
        if depth > 2:
            return out
        for c in t.children:
            if c.dep_ == "appos":
                out += text.people(c)
            if c.dep_ == "prep" and c.lower_ == "as":  # "Y's successor as party leader, X"
                for p in c.children:
                    out += [x for a in p.children if a.dep_ == "appos" for x in text.people(a)]
        h = t
        while h.dep_ in ("compound", "amod", "nmod") and h.head != h:  # "Lawyer X", "party leader X"
            h = h.head
            if (e := text.entity(h, "person")) is not None:
                out.append((e, False))
                break
        if t.dep_ == "appos":  # "X, leader of Y, and Z": X only; "X and Z, members of Y": both
            first = t.head
            while t.tag_ == "NNS" and first.dep_ == "conj" and first.head != first:
                first = first.head  # the plural role hangs on the last of "X and Z": start from X
            out += (text.people(first) if t.tag_ == "NNS" else text.refs(t.head, "person")) or text.people(t.head)
        if t.tag_ == "NNS":  # "members of Y, including A and B"
            out += [x for c in t.children if c.dep_ == "prep" and c.lower_ in text.inclusion
                    for p in c.children if p.dep_ == "pobj" for x in text.refs_conj(p, "person")]
        if t.dep_ == "oprd":  # "police named X an active supporter of Y": the object holds the role
            out += [x for c in t.head.children if c.dep_ in ("dobj", "oprd") and c is not t for x in text.people(c)]
        if t.dep_ in ("attr", "oprd") and not out:
            s_tok = _subject(t.head)
            out += text.people(s_tok) if s_tok is not None else self._subject_before(t.head)
        if t.dep_ == "nsubj" and t.head.lower_ in _COPULA:  # "whose lawyer is X"
            out += [x for c in t.head.children if c.dep_ == "attr" for x in text.people(c)]
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NUM", "PRON", "DET"):
            q = t.head.head  # "two of his associates, A and B": the names hang on "two"
            out += [x for c in q.children if c.dep_ in ("appos", "conj") for x in text.people(c)]
            if q.dep_ == "appos" and q.lower_ == "one":  # "X, one of the leaders of Y"
                out += text.refs(q.head, "person")
        if t.dep_ == "pobj" and t.head.lower_ == "on" and t.head.head.pos_ in ("VERB", "AUX"):
            out += text.people(_subject(t.head.head))  # "X ran on the list of Y"
        if t.dep_ == "pobj" and t.head.lower_ == "as":
            h = t.head.head
            if (e := text.entity(h, "person")) is not None:
                out.append((e, False))
            elif h.pos_ in ("VERB", "AUX"):  # "X served as T"; "they described X as T": the object
                obj = [x for c in h.children if c.dep_ == "dobj" for x in text.people(c)]
                out += obj or text.people(_subject(h))
            elif h.pos_ in ("NOUN", "PROPN"):
                out += [x for c in h.children if c.dep_ == "poss" for x in text.refs(c, "person")]
                if not out:
                    out += self.holders(h, depth + 1)
        if t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN"):
            glued = text.starts.get(span[1] + 1) if span is not None and not out else None
            if glued is not None and glued.kind == "person":  # "the outlet's director X and editor Y": Y
                out.append((glued, False))
            else:
                out += self.holders(t.head, depth + 1)
        if not out and t.tag_ == "NNS":  # "two members of Y, A and B": the parser hung the names on Y
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj" and text.entity(p, "person") is None:
                            out += [x for cj in p.children if cj.dep_ == "conj" and cj.pos_ == "PROPN"
                                    for x in text.people(cj)]  # not "officers of Y, his wife, Z, said"
        if not out and t.tag_ == "NNS" and t.dep_ in _SUBJ and any(c.dep_ == "nummod" for c in t.children):
            end = self.text.sents[self.text.sent_of.get(t.i, 0)].end  # "Two Y journalists were held: A and B."
            colon = next((j for j in range(t.i + 1, end) if self.text.doc[j].text == ":"), None)
            if colon is not None:
                out += self._names_listed(colon + 1, titles=True)
        if not out and span is not None:
            out += self._adjacent_person(span, of_person=bool(rule) and rule["object"] == "person")
        return _unique(out)

    def _subject_before(self, verb) -> list[tuple[Entity, bool]]:
        """A verb the parser left with no subject: the person named just before it, or before a relative
        clause in commas that ends just before it ("X, who was born in Y, is a leader of Z")."""
        doc, text = self.text.doc, self.text
        j = verb.i - 1
        if j >= 0 and doc[j].text == ",":
            k = j - 1
            while k >= 0 and doc[k].text != "," and k > j - 15:
                k -= 1
            if k >= 1 and doc[k].text == "," and doc[k + 1].lower_ in ("who", "whose") and \
                    not any(text.ent_at.get(x) is not None and text.ent_at[x].kind == "person" for x in range(k, j)):
                j = k - 1
        e = text.ends.get(j)
        return [(e, False)] if e is not None and e.kind == "person" else []

    def _role_holders(self, words: tuple[str, ...]) -> set[int]:
        """Ids of the persons the article names with one of these role words ("Lawyer X", "X, a lawyer")."""
        if words not in self._roles_seen:
            found = set()
            doc = self.text.doc
            for i, low in enumerate(self.text.lowers):
                if low not in words:
                    continue
                tok = doc[i]
                e = self.text.ent_at.get(tok.i)
                if e is None or ascii_lower(e.label) == tok.lower_:
                    found |= {id(e) for e, _ in self.holders(tok, span=(tok.i, tok.i))}
            self._roles_seen[words] = found
        return self._roles_seen[words]

    def _adjacent_person(self, span, of_person: bool = False) -> list[tuple[Entity, bool]]:
        """Surface fallback: "T X" (name just after) or "X, a longtime T" (name just before)."""
        doc, text = self.text.doc, self.text
        after = span[1] + 1
        while after < len(doc) and doc[after].text in ("--", "—", "–", ":", "-"):
            after += 1  # "his co-defendants -- A, B and C --"
        if after > span[1] + 1:  # "Y employees – director A, editor-in-chief B and ...": past the titles
            after = self._past_titles(after)
        e = text.starts.get(after)
        if e is not None and after > span[1] + 1 and e.kind == "person":
            last = next((end - 1 for s, end, x in text.spans if s == after), after)
            return _unique(text.refs_conj(doc[last], "person") + self._names_listed(after, titles=True)) \
                or [(e, False)]
        e = text.starts.get(span[1] + 1)
        if e is not None:
            return [(e, False)] if e.kind == "person" else []
        if span[1] + 1 < len(doc) and doc[span[1] + 1].lower_ == "of":  # "Head of the Y party X detained"
            named = self._name_after_body(span[1] + 2)
            if named:
                return named
        if doc[span[1]].tag_ == "NNS" and after < len(doc) and doc[after].text == ",":
            named = self._names_listed(after + 1)  # "two of its reporters, A and B, were ..."
            if named:
                return named
        comma = self._phrase_comma(span[1] + 1, of_person)  # past "for Y who wrote the article"
        k = span[0] - 1
        while k >= 0 and doc[k].dep_ in ("det", "amod", "nummod", "compound", "poss", "case", "advmod"):
            k -= 1
        governed = k >= 0 and doc[k].tag_ == "VBG"  # "After meeting his lawyer, X, who ..."
        if doc[span[1]].tag_ == "NN" and comma is not None and not governed:
            name = self._name_start(comma + 1)
            e = text.starts.get(name)  # "according to their lawyer, X, who ...": not "After ..., X said"
            if e is not None and e.kind == "person":
                end = next(end for s, end, x in text.spans if s == name)
                if end >= len(doc) or doc[end].text in (",", ".", ";", ")") or doc[end].lower_ == "who":
                    return [(e, False)]
        commas = 0
        for j in range(span[0] - 1, max(-1, span[0] - 6), -1):
            tok = doc[j]
            if j in text.ends:
                e = text.ends[j]
                return [(e, False)] if e.kind == "person" and commas == 1 else []
            if tok.text == ",":
                commas += 1
                if commas > 1:
                    return []
            elif tok.dep_ not in ("det", "amod", "compound", "advmod", "nummod") and tok.pos_ not in ("ADJ", "DET"):
                return []
        return []

    def _named_after_phrase(self, tok) -> list[tuple[Entity, bool]]:
        """The person named in apposition after a common noun's phrase, which the parser hung elsewhere
        ("the leader of the Y group, X, said"): after the phrase's comma, a name closed by a comma or stop."""
        doc, text = self.text.doc, self.text
        if tok.pos_ != "NOUN" or tok.i in text.ent_at:
            return []
        comma = self._phrase_comma(tok.i + 1)
        if comma is None:
            return []
        name = self._name_start(comma + 1)
        e = text.starts.get(name)
        if e is None or e.kind != "person":
            return []
        end = next(end for s, end, x in text.spans if s == name)
        return [(e, False)] if end >= len(doc) or doc[end].text in (",", ".", ";", ")") else []

    def _phrase_comma(self, i: int, of_person: bool = False) -> int | None:
        """The comma that ends the phrase of a role noun from token ``i`` ("of Y", "for Y who wrote the
        article"), if it comes within a few words with no person named (but the one right after "of" for a
        tie to a person: "the son of Y, X") and no verb outside a relative clause."""
        doc, relative = self.text.doc, False
        for j in range(i, min(i + 12, len(doc))):
            tok = doc[j]
            if tok.text == ",":
                return j
            e = self.text.ent_at.get(j)
            relatum = of_person and j > i and doc[i].lower_ == "of" and all(
                self.text.ent_at.get(k) is e for k in range(i + 1, j + 1))
            if (e is not None and e.kind == "person" and not relatum) or tok.text in (".", ";", ":") \
                    or tok.lower_ in ("and", "or"):
                return None
            relative = relative or tok.lower_ in RELATIVE_PRONOUNS
            if tok.pos_ in ("VERB", "AUX") and not relative and e is None:
                return None
        return None

    def _named_later(self, tok) -> list[tuple[Entity, bool]]:
        """The persons a plural role noun is given in one of the next sentences: "the (detained) NOUN are
        A, B and C" (and "in addition to X", an inclusion word's object, in that sentence)."""
        text = self.text
        n = text.sent_of.get(tok.i, 0)
        for k in range(n + 1, min(n + 1 + _WINDOW, len(text.sents))):
            for t in text.sents[k]:
                if t.lower_ != tok.lower_ or t.dep_ not in _SUBJ or t.head.lower_ not in _COPULA:
                    continue
                if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in t.children):
                    continue
                named = [x for c in t.head.children if c.dep_ == "attr" for x in text.refs_conj(c, "person")]
                for c in t.head.children:  # "In addition to X, the detained journalists are ..."
                    if c.dep_ == "prep":
                        for q in c.subtree:
                            if q.dep_ == "pobj" and q.head.lower_ == "to" and q.head.head.lower_ in text.inclusion:
                                named += text.refs_conj(q, "person")
                if named:
                    return [(e, True) for e, _ in _unique(named)]
        return []

    def _name_start(self, i: int) -> int:
        """Where a name after a phrase's comma starts: past a body named in apposition to the phrase ("the
        leader of the movement, Y, X") and past a glued title ("the director, deputy head X")."""
        doc, text = self.text.doc, self.text
        e = text.starts.get(i)
        if e is not None and e.kind == "org":
            end = next(end for s, end, x in text.spans if s == i)
            if end + 1 < len(doc) and doc[end].text == ",":
                i = end + 1
        return self._past_titles(i)

    def _past_titles(self, i: int) -> int:
        """The first token from ``i`` past a lower-case title glued before a name ("assistant director",
        "editor-in-chief"), if one starts there and a role noun is among it; else ``i``."""
        doc, j, role = self.text.doc, i, False
        while j < len(doc) and j - i < 6 and j not in self.text.ent_at:
            tok = doc[j]
            if tok.text == "-" or (tok.text.islower() and tok.pos_ in ("NOUN", "ADJ", "ADP") and tok.is_alpha):
                role = role or _word(tok) in self.role_words or tok.lower_ in self.role_words
                j += 1
                continue
            break
        return j if role and j in self.text.starts else i

    def _name_after_body(self, i: int) -> list[tuple[Entity, bool]]:
        """A person named right after the body a title names: from token ``i`` (after "T of"), an
        organization ("the Y party"; "of" + a place or body may follow), then at once a person's name."""
        doc, text = self.text.doc, self.text
        org_seen = False
        for _ in range(12):
            if i >= len(doc):
                return []
            e = text.starts.get(i)
            if e is not None:
                if e.kind == "person":
                    return [(e, False)] if org_seen else []
                if e.kind == "place" and not org_seen:
                    return []
                org_seen = org_seen or e.kind == "org"
                i = next(end for s, end, x in text.spans if s == i)
                continue
            tok = doc[i]
            if org_seen and tok.lower_ not in ("of", "the") and tok.lower_ not in text.org_heads:
                return []
            if not org_seen and _stops_np(tok):
                return []
            i += 1
        return []

    def _names_listed(self, i: int, titles: bool = False) -> list[tuple[Entity, bool]]:
        """Persons named in a row from token ``i`` ("A, B and C"), unless the row ends with a speech verb
        ("..., A said": A is the speaker, not a holder of the role).

        A separator is "," or "and" or ", and" (with ``titles``, then a title: "A, editor B and deputy
        director C"); the row stops at the first token that is none of these."""
        doc, text, out = self.text.doc, self.text, []
        while (e := text.starts.get(i)) is not None and e.kind == "person":
            out.append((e, False))
            i = next(end for s, end, x in text.spans if s == i)
            j = i
            while j < len(doc) and doc[j].lower_ in (",", "and") and j - i < 2:
                j += 1
            if titles and j > i:
                j = self._past_titles(j)
            if j == i or text.starts.get(j) is None:
                break
            i = j
        after = [t.lower_ for t in doc[i:i + 2]]
        if not out or any(w in text.speech for w in after):
            return []
        return _unique(out)

    def relatums(self, t, rule, holders, span, barred=()) -> list[tuple[Entity, bool, str | None]]:
        """Whose role it is: "T of Y", "Y's T", "Y T", "his T"; with a property override (founding).
        ``barred``: entities that cannot be the relatum (a pronoun looks past them)."""
        text, kind = self.text, rule["object"]
        exclude = [e for e, _ in holders] + list(barred)
        kin = holders[0][0] if rule.get("kin") and holders else None
        out: list[tuple[Entity, bool, str | None]] = []
        preps = {p.lower() for p in rule.get("preps", ())}
        for c in t.children:
            if c.dep_ == "poss":
                out += [(e, ind, None) for e, ind in text.refs(c, kind, exclude, kin)]
            elif c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if p.pos_ in ("NUM", "PRON") and p.i not in text.ent_at:  # "leader of one of the branches of Y"
                        p = next((q for x in p.children if x.dep_ == "prep" and x.lower_ == "of"
                                  for q in x.children if q.dep_ == "pobj"), p)
                    got = text.refs_conj(p, kind, exclude, kin)
                    if not got and kind == "person":  # "the wife of the leader of Y, X": X, named after the phrase
                        got = [x for x in self._named_after_phrase(p) if x[0] not in exclude]
                    out += [(e, ind, None) for e, ind in got]
                    if not got and kind == "org":
                        out += self._founded(p)
            elif c.dep_ in ("compound", "nmod") and kind == "org":
                out += [(e, ind, None) for e, ind in text.refs(c, kind, exclude)]
        if not out and t.dep_ == "conj":  # "the outlet's director X and editor-in-chief Y": Y's is the outlet too
            r = t.head
            if r.dep_ == "appos" and r.i in text.ent_at:
                r = r.head
            if r.i not in text.ent_at and _word(r) in self.role_words:
                out += [(e, ind, None) for c in r.children if c.dep_ == "poss" for e, ind in text.refs(c, kind, exclude)]
        if not out:
            out += self._surface_relatum(span, kind, preps, exclude, kin)
        return [x for x in out if x[0] not in exclude]

    def _founded(self, p) -> list[tuple[Entity, bool, str | None]]:
        """ "a group to create the party Y": Y, founded (surface: "to" + founding verb + the org)."""
        doc, text = p.doc, self.text
        for j in range(p.i + 1, min(p.i + 3, len(doc) - 1)):
            if doc[j].lower_ == "to" and doc[j + 1].lower_ in self.founding:
                for k in range(j + 2, min(j + 9, len(doc))):
                    if (e := text.starts.get(k)) is not None:
                        return [(e, False, self.founding_prop)] if e.kind == "org" else []
                    if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (",", ";", "."):
                        return []
        return []

    def _surface_relatum(self, span, kind, preps, exclude, kin) -> list[tuple[Entity, bool, str | None]]:
        """Surface fallback: "Y T"/"Y's T"/"his T" (just before) or "T of the ... Y" (a few words after)."""
        doc, text = self.text.doc, self.text
        j = span[0] - 1
        while j >= 0 and doc[j].dep_ in ("amod", "compound") and j not in text.ends and doc[j].pos_ != "PROPN":
            j -= 1
        possessive = j >= 0 and doc[j].lower_ in ("'s", "’s")
        if possessive:
            j -= 1
        if j >= 0 and j in text.ends and text.ends[j].kind == kind and (possessive or kind == "org"):
            return [(text.ends[j], False, None)]
        if j >= 0 and doc[j].tag_ == "PRP$":
            return [(e, ind, None) for e, ind in text.refs(doc[j], kind, exclude, kin)]
        if span[1] + 1 < len(doc) and doc[span[1] + 1].lower_ in preps:
            for k in range(span[1] + 2, min(span[1] + 8, len(doc))):
                if (e := text.starts.get(k)) is not None:
                    return [(e, False, None)] if e.kind == kind else []
                tok = doc[k]
                if _stops_np(tok):
                    return []
        return []

    def role(self, t, rule, span):
        holders = self.holders(t, span=span, rule=rule)
        barred = self._role_holders(tuple(rule["relatum_not_role"])) if rule.get("relatum_not_role") else set()
        rels = self.relatums(t, rule, holders, span,
                             [e for e in self.text.entities if id(e) in barred] if barred else ())
        if rule.get("relatum_role"):  # "his client": "his" must be someone the article calls a lawyer
            known = self._role_holders(tuple(rule["relatum_role"]))
            rels = [r for r in rels if id(r[0]) in known]
        bare = not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in rule.get("preps", ())) for c in t.children)
        if not rels and holders and rule.get("speech_relatum") and (bare or rule["speech_relatum"] != "bare"):
            rels = [(e, True, None) for e in self._reported_subjects(t, holders)]
        if barred:  # "Judge X barred him ..., his lawyer Y said": no judge is a client
            rels = [r for r in rels if id(r[0]) not in barred]
        if not rels:
            return
        prop0 = rule["property"]
        near = {c.lower_ for c in t.children if c.dep_ in ("amod", "compound")}
        near |= {t.doc[j].lower_ for j in range(max(0, t.i - 2), t.i)}
        for words, replace in self.modifiers:
            if near & words and prop0 in replace:
                prop0 = replace[prop0]
        if not holders and rule.get("unnamed_holder") == "protagonist":
            rels = [r for r in rels if not any(x.subject is r[0] and x.prop == prop0 for x in self.ties)]
            if not rels:
                return  # "his lawyer, X, said ... her client": the client is already known
            p = self.text.protagonist(exclude=[e for e, _, _ in rels])
            holders = [(p, True)] if p else []
        for h, hind in holders:
            for r, rind, override in rels:
                prop = override or prop0
                if rule.get("direction", "holder") == "holder":
                    self.add(h, prop, r, t, rule, hind or rind)
                else:
                    self.add(r, prop, h, t, rule, hind or rind)

    def _reported_subjects(self, t, holders) -> list[Entity]:
        """The persons a role holder speaks about: "P was detained ..., lawyer X told Reuters" and
        "... P be remanded, their lawyer X said": the subjects of the clause the speech verb reports
        (followed down through "ruled that ..."), when the holder is that verb's subject."""
        text = self.text
        h = t
        while h.dep_ in ("compound", "appos", "flat", "amod") and h.head != h:  # "fellow activist X said"
            h = h.head
        if h.dep_ not in _SUBJ or h.head.lower_ not in text.speech:
            return []
        ex = {id(e) for e, _ in holders}
        clauses = [c for c in h.head.children if c.dep_ == "ccomp"]
        for _ in range(3):
            found = []
            for c in clauses:
                for s in (x for x in c.children if x.dep_ in _SUBJ):
                    found += [e for e, _ in text.people(s)]
                    if s.tag_ == "NNS" and not found:  # "activists A and B were ...", the names misparsed
                        found += [e for x in s.subtree if (e := text.entity(x, "person")) is not None]
                    found += [e for a in s.children if a.dep_ == "appos" for e, _ in text.refs_conj(a, "person")]
            found = [e for e in _unique([(e, False) for e in found]) if id(e[0]) not in ex]
            if found:
                return [e for e, _ in found]
            clauses = [x for c in clauses for x in c.children if x.dep_ == "ccomp"]
        return []

    # -- verbs
    def verb(self, v, rule):
        particle = rule.get("particle")
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in v.children):
            return
        text = self.text
        skind, okind = rule.get("subject", "person"), rule["object"]
        s_tok = _subject(v.head if v.dep_ == "acomp" else v)
        subj = text.people(s_tok) if skind == "person" else text.refs_conj(s_tok, "org")
        if not subj and s_tok is not None and s_tok.dep_ == "appos" and v.dep_ == "acl":  # "X, a lawyer representing Y"
            subj = text.people(s_tok.head) if skind == "person" else text.refs_conj(s_tok.head, "org")
        if not subj and skind == "person" and s_tok is not None and s_tok.tag_ == "NNS" \
                and _word(s_tok) in self.role_words:  # "Six journalists associated with Y ... The journalists are A, B"
            subj = self._named_later(s_tok)
        if not subj:
            return
        objs: list[tuple[Entity, bool]] = []
        ex = [e for e, _ in subj]
        for link in rule["links"]:
            for c in v.children:
                if link == "dobj" and c.dep_ == "dobj":
                    targets = [c]
                elif link == "agent" and c.dep_ == "agent":
                    targets = [p for p in c.children if p.dep_ == "pobj"]
                elif link.startswith("prep:") and c.dep_ == "prep" and c.lower_ == link[5:]:
                    targets = [p for p in c.children if p.dep_ == "pobj"]
                else:
                    continue
                for o in targets:
                    got = text.refs_conj(o, okind, ex)
                    if not got and okind == "person":  # "founded by the first president of Y, X"
                        got = [x for x in self._named_after_phrase(o) if x[0] not in ex]
                    if not got and rule.get("via_poss"):
                        got = [x for p in o.children if p.dep_ == "poss" for x in text.refs(p, okind, ex)]
                    objs += got
        for s, sind in subj:
            for o, oind in _unique(objs):
                if rule.get("tie_subject", "subject") == "subject":
                    self.add(s, rule["property"], o, v, rule, sind or oind)
                else:
                    self.add(o, rule["property"], s, v, rule, sind or oind)

    def joint(self, v, rule):
        text = self.text
        subj = text.people(_subject(v))
        if not subj:
            return
        ex = [e for e, _ in subj]
        preps = {p.lower() for p in rule.get("preps", ())}
        others = [x for c in v.children if c.dep_ == "prep" and c.lower_ in preps
                  for p in c.children if p.dep_ == "pobj" for x in text.refs_conj(p, "person", ex)]
        for s, sind in subj:
            for o, oind in others:
                self.add(s, rule["property"], o, v, rule, sind or oind)
        if any(c.lower_ in {a.lower() for a in rule.get("advmods", ())} for c in v.children):
            for (a, aind), (b, bind) in combinations(subj, 2):
                self.add(a, rule["property"], b, v, rule, aind or bind)

    def support(self, n, rule):
        """ "... in support of X": the people of the clause (subject, else objects) support X."""
        text = self.text
        preps = {p.lower() for p in rule["preps"]}
        targets = [x for c in n.children if c.dep_ == "prep" and c.lower_ in preps
                   for p in c.children if p.dep_ == "pobj" for x in text.refs_conj(p, "person")]
        if not targets:
            return
        ex = [e for e, _ in targets]
        v, child = n, None
        while v.head != v and not (v.pos_ in ("VERB", "AUX") and _subject(v) is not None):
            v, child = v.head, v
        acts = {w.lower() for w in rule.get("object_verbs", ())}
        through_object = child is not None and child is not n and child.dep_ == "dobj"
        beside_object = child is not None and child.dep_ == "prep" and any(c.dep_ == "dobj" for c in v.children)
        # "X condemned the rally in support of Y" says nothing of X's support
        blocked = (through_object or beside_object) and v.lower_ not in acts
        s_tok = None if blocked else _subject(v)
        people = [x for x in text.people(s_tok, ex) if x[0] not in ex] if s_tok is not None else []
        if not people:  # "police detained A and B at a rally in support of Y"
            people = [x for c in v.children if c.dep_ == "dobj" for x in text.refs_conj(c, "person", ex)]
        for h, hind in people:
            for t, tind in targets:
                self.add(h, rule["property"], t, n, rule, hind or tind)

    def claim(self, w, rule):
        """ "Authorities claim X is linked to Y": an alleged tie of X to Y; when the ones claimed about are
        not named ("the charges ... claims about forces linked to Y"), of the people charged just before."""
        text = self.text
        n = text.sent_of.get(w.i, 0)
        claims = {c.lower() for c in rule["claims"]}
        if not any(t.lower_ in claims for t in text.sents[n]):
            return
        objs = [x for c in w.children if c.dep_ == "prep" and c.lower_ in rule["preps"]
                for p in c.children if p.dep_ == "pobj" for x in text.refs_conj(p, "person") or self._named_beside(p)]
        ex = [e for e, _ in objs]
        who = w.head if w.dep_ in ("acl", "amod") else _subject(w.head if w.dep_ in ("acomp", "attr") else w)
        if not objs or who is None:
            return
        people = [x for x in text.people(who, ex) if x[0] not in ex]
        if not people and who.pos_ == "NOUN":
            before = [(k, ps) for k, ps in self.charged if n - 8 <= k <= n and ps]
            people = [(e, True) for e in (max(before, key=lambda x: x[0])[1] if before else []) if e not in ex]
        for h, hind in people:
            for o, oind in objs:
                self.add(h, rule["property"], o, w, rule, hind or oind, alleged=True)

    def relation(self, n, rule):
        """A noun of a tie between people: "X had ties to Y", "his links with Y", "jailed for contacts with
        Y", "collusion between X and A, B and C" (X with each of the others)."""
        text = self.text
        preps, between = set(rule["preps"]), set(rule.get("between", ()))
        others, pair = [], []
        for c in n.children:
            if c.dep_ != "prep" or c.lower_ not in preps | between:
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                got = self._people_listed(p)
                if not got and c.lower_ in preps:  # "close ties with Y's relatives": with Y's circle
                    got = [x for q in p.children if q.dep_ == "poss" for x in self.text.refs(q, "person")]
                (others if c.lower_ in preps else pair).extend(got)
        holders = []
        if len(pair) >= 2 and not others:
            holders, others = pair[:1], pair[1:]
        if not others:
            return
        if not holders:
            holders = [x for c in n.children if c.dep_ == "poss" for x in text.refs(c, "person")]
        verbs = {w.lower() for w in rule.get("verbs", ())}
        if not holders and n.dep_ == "dobj" and n.head.lower_ in verbs:  # "X had ties to Y"
            s_tok = _subject(n.head)
            holders = text.people(s_tok)
            if not holders and s_tok is not None and _word(s_tok) in self.role_words:  # "the leader of Z X had ..."
                holders = self.holders(s_tok, span=(s_tok.i, s_tok.i))
        if not holders and n.dep_ == "pobj" and n.head.lower_ in rule.get("causes", ()):
            v = n.head.head  # "police detained X for ties to Y"; "X was jailed over links with Y"
            if v.pos_ in ("VERB", "AUX"):
                holders = [x for c in v.children if c.dep_ == "dobj" for x in text.people(c)] \
                    or text.people(_subject(v))
        ex = {id(e) for e, _ in others}
        for h, hind in holders:
            if id(h) in ex:
                continue
            for o, oind in _unique(others):
                self.add(h, rule["property"], o, n, rule, hind or oind)

    def _people_listed(self, tok) -> list[tuple[Entity, bool]]:
        """Persons of a coordination ("A, B and C"), a plural role noun among it standing for the names
        it introduces ("A and three other employees – B, C and D")."""
        out = self.text.refs_conj(tok, "person")
        stack = [tok]
        while stack:
            t = stack.pop()
            if t.tag_ == "NNS" and t.i not in self.text.ent_at and _word(t) in self.role_words:
                out += self.holders(t, span=(t.i, t.i))
            stack.extend(c for c in t.children if c.dep_ == "conj")
        return _unique(out)

    def _named_beside(self, tok) -> list[tuple[Entity, bool]]:
        """The person named in apposition right after a phrase the parser closed early ("the banker, X")."""
        end = max(t.i for t in tok.subtree) + 1
        if end + 1 < len(self.text.doc) and self.text.doc[end].text == ",":
            e = self.text.starts.get(end + 1)
            return [(e, False)] if e is not None and e.kind == "person" else []
        return []

    # -- names and organizations side by side
    def _title_words(self, start: int) -> list:
        """The title tokens glued before a name ("Deputy Prosecutor-General", "journalist")."""
        doc, out = self.text.doc, []
        j = start - 1
        while j >= 0 and j not in self.text.ent_at and (doc[j].text == "-" or doc[j].pos_ in ("NOUN", "PROPN")) \
                and doc[j].dep_ in ("compound", "punct", "amod", "nmod"):
            out.insert(0, doc[j])
            j -= 1
        return out

    def _title_property(self, start: int, default: str) -> str:
        for tok in reversed(self._title_words(start)):
            for r in [*self.role_words.get(_word(tok), []), *self.role_words.get(tok.lower_, [])]:
                if r["object"] == "org":
                    return r["property"]
        return default

    def of_phrase(self, rule):
        text, doc = self.text, self.text.doc
        words = {w.lower() for w in rule["words"]}
        marks = {w.lower() for w in rule.get("possessive", ())}
        for start, end, e in text.spans:
            if e.kind == "person" and start >= 2 and doc[start - 1].lower_ in marks and \
                    (o := text.ends.get(start - 2)) is not None and o.kind == "org":  # "the Y party's X"
                self.add(e, rule["property"], o, doc[start - 1], rule)
            if e.kind == "person" and end + 1 < len(doc) and doc[end].text in rule.get("brackets", ()) and \
                    (o := text.starts.get(end + 1)) is not None and o.kind == "org":  # "X (Y party), Z (W)"
                close = next(stop for s2, stop, x in text.spans if s2 == end + 1)
                if close < len(doc) and doc[close].text in (")", "]"):
                    self.add(e, self._title_property(start, rule["property"]), o, doc[end], rule)
            if e.kind != "person" or end >= len(doc) or doc[end].lower_ not in words:
                continue
            org = None
            for k in range(end + 1, min(end + 7, len(doc))):
                if (o := text.starts.get(k)) is not None:
                    if o.kind == "place" and k + 1 < len(doc) and doc[k + 1].text == "-":
                        continue  # "of the Bishkek-based Y": the place only says where Y is
                    org = o if o.kind == "org" else None
                    break
                tok = doc[k]
                if _stops_np(tok) or tok.pos_ == "NUM":
                    break
            if org is not None:
                for s2, e2 in [*self._row_before(start), (start, e)]:
                    self.add(e2, self._title_property(s2, rule["property"]), org, doc[end], rule)

    def _row_before(self, start: int) -> list[tuple[int, Entity]]:
        """The persons named in a row before the one starting at ``start`` ("A, B and C" for C): "A and B of
        Y", "members A, B and C of Y" are all of Y."""
        doc, text, out = self.text.doc, self.text, []
        i = start
        while True:
            j = i - 1
            while j >= 0 and doc[j].lower_ in (",", "and") and i - j <= 2:
                j -= 1
            e = text.ends.get(j) if j < i - 1 else None
            if e is None or e.kind != "person":
                break
            i = next(s for s, end, x in text.spans if end - 1 == j)
            out.insert(0, (i, e))
        return out

    def org_possessor(self, rule):
        """ "X's Y party", "his party": a person possessing a party-like organization."""
        text, doc = self.text, self.text.doc
        party_ids = set().union(*text.party_like.values()) if text.party_like else set()
        for start, end, e in text.spans:
            if e.kind != "org" or id(e) not in party_ids:
                continue
            head = doc[end - 1]
            if head.dep_ in ("compound", "appos") and head.head.lower_ in text.org_heads:
                head = head.head  # "X's Y party", "X's party, the Y"
            owners = [x for c in head.children if c.dep_ == "poss" for x in text.refs(c, "person")]
            if not owners and start >= 2 and doc[start - 1].lower_ in ("'s", "’s") and (start - 2) in text.ends:
                p = text.ends[start - 2]
                owners = [(p, False)] if p.kind == "person" else []
            for p, ind in owners:
                self.add(p, rule["property"], e, head, rule, ind)
        for i, low in enumerate(text.lowers):  # "his party" with no name: the nearest preceding party
            if low in text.anaphor_words and i not in text.ent_at:
                tok = doc[i]
                for c in tok.children:
                    if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS:
                        orgs = text.refs(tok, "org")
                        who = text.refs(c, "person")
                        for (o, oind), (p, pind) in ((o, p) for o in orgs for p in who):
                            self.add(p, rule["property"], o, tok, rule, True)

    def title_org(self, rule):
        """A title glued before a name that names an organization of the paragraph (else of the article, if
        only one fits)."""
        text, doc = self.text, self.text.doc
        strip = {w.lower() for w in rule.get("strip", ())}
        mapping = {k.lower(): v.lower() for k, v in rule.get("map", {}).items()}
        for start, end, e in text.spans:
            if e.kind != "person":
                continue
            title = [w for tok in self._title_words(start) for w in ascii_lower(tok.text).split()]
            title = [mapping.get(w, w) for w in title if w not in strip and w not in _demonyms()]
            if not title or all(len(w) < 3 for w in title):  # "Ms", "Dr"
                continue
            n = text.sent_of.get(start, 0)
            lo, hi = self.text.sents[max(0, n - 2)].start, self.text.sents[min(len(text.sents) - 1, n + 2)].end
            fits = self._title_fits(title, lo, hi) or self._title_fits(title, 0, len(doc))  # the paragraph first
            if len(fits) == 1:  # "Judge X" beside two named courts: which one, the text does not say
                self.add(e, rule["property"], fits[0], doc[start], rule)

    def _title_fits(self, title: list[str], lo: int, hi: int) -> list[Entity]:
        """The organizations named between tokens ``lo`` and ``hi`` whose names hold every word of a title."""
        fits = []
        for s2, e2, org in self.text.spans:
            if org.kind != "org" or not (lo <= s2 < hi):
                continue
            names = {w for name in [org.label, *org.names] for w in ascii_lower(name).split() if w != "s"}
            if all(w in names for w in title) and not any(org is f for f in fits):
                fits.append(org)
        return fits


def _stops_np(tok) -> bool:
    """Does this token end a noun phrase being walked ("of the banned Y group" walks on)?"""
    if tok.is_punct:
        return tok.text not in _QUOTES and tok.text != "-"
    if tok.pos_ in ("VERB", "AUX"):
        return tok.dep_ not in ("amod", "compound")
    return tok.pos_ in ("ADP", "CCONJ", "PRON", "SCONJ")


def _unique(items):
    seen, out = set(), []
    for x in items:
        if id(x[0]) not in seen:
            seen.add(id(x[0]))
            out.append(x)
    return out


# ---------------------------------------------------------------- results
_SYMMETRIC = {"relativeOf", "coDefendantOf", "linkedTo"}
_GENERIC = {"memberOf", "linkedTo"}


def find_ties(doc, entities: list[Entity], events=()) -> list[Tie]:
    """The ties of one parsed article, one per (subject, property, object), finest property kept.

    Example:
        >>> from newsgraph.loaders.entities import find_entities
        >>> from newsgraph.loaders.nlp import load_nlp
        >>> doc = load_nlp()("Lawyer Ivan Petrov said his client, Oleg Sidorov, was innocent.")
        >>> [(t.subject.label, t.prop, t.obj.label) for t in find_ties(doc, find_entities(doc))]
        [('Ivan Petrov', 'lawyerOf', 'Oleg Sidorov')]
    """
    charged = [(e.sent_index, [t for t in e.targets if t.kind == "person"]) for e in events if e.type == "Charging"]
    found = _Finder(doc, entities, charged).run()
    found.sort(key=lambda t: (t.alleged, t.sent, -t.confidence))  # asserted anywhere beats alleged
    pairs: dict[frozenset, set[str]] = {}
    for t in found:
        pairs.setdefault(frozenset((id(t.subject), id(t.obj))), set()).add(t.prop)
    out, seen = [], set()
    for t in found:
        if t.prop in _GENERIC and pairs[frozenset((id(t.subject), id(t.obj)))] - _GENERIC:
            continue
        key = (frozenset((id(t.subject), id(t.obj))), t.prop) if t.prop in _SYMMETRIC else (id(t.subject), t.prop, id(t.obj))
        if key in seen:
            continue
        seen.add(key)
        out.append(t)
    return sorted(out, key=lambda t: t.sent)


def extract_ties(doc, entities: list[Entity], article, events=()) -> list[tuple]:
    """Triples of every tie of an article: the plain triple and its reified ``ng:Tie``.

    The tie nodes are ``ID_BASE + "tie/" + <article key>-<n>``, numbered in reading order.

    Example:
        >>> from newsgraph.loaders.article import Article
        >>> from newsgraph.loaders.entities import find_entities
        >>> from newsgraph.loaders.nlp import load_nlp
        >>> art = Article(text="Security officials said Kanat Omarov shares the views of Viktor Lebedev.")
        >>> doc = load_nlp()(art.full_text)
        >>> triples = extract_ties(doc, find_entities(doc), art)
        >>> sorted(o.rsplit("#", 1)[-1] for s, p, o in triples if p in (NG.tieProperty, NG.modality))
        ['Alleged', 'supporterOf']
    """
    a = URIRef(article.iri)
    key = article.key  # a hash of the text: computed once, not per tie
    sents = list(doc.sents)
    triples = []
    for n, t in enumerate(find_ties(doc, entities, events)):
        s, o, p = entity_iri(t.subject.kind, t.subject.label), entity_iri(t.obj.kind, t.obj.label), NG[t.prop]
        node = URIRef(f"{ID_BASE}tie/{key}-{n}")
        triples += [(s, p, o), (node, RDF.type, NG.Tie), (node, NG.tieSubject, s), (node, NG.tieProperty, p),
                    (node, NG.tieObject, o), (node, PROV.wasDerivedFrom, a),
                    (node, NG.evidence, Literal(" ".join(sents[t.sent].text.split()))),
                    (node, NG.confidence, Literal(t.confidence, datatype=XSD.decimal))]
        if t.alleged:
            triples.append((node, NG.modality, NG.Alleged))
    return triples
