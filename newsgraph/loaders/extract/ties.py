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
    >>> from newsgraph.loaders.read.article import Article
    >>> from newsgraph.loaders.extract.entities import find_entities
    >>> from newsgraph.loaders.extract.nlp import load_nlp
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

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from newsgraph.ontology import ID_BASE, NG
from newsgraph.ontology.iris import entity_iri
from newsgraph.text.names import ascii_lower

from .coref import PERSON_PRONOUNS, QUOTES, RELATIVE_PRONOUNS, SUBJ_DEPS, WINDOW, Referents, demonym_words, subject_of
from .entities import Entity
from .tie_rules import check_rule, derived, rule_index, tie_properties, tie_rules, tie_words
from .wordsets import words

__all__ = ["extract_ties", "find_ties", "tie_rules", "check_rule", "Tie"]

_COPULA = words("ties_copula")


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


def _alleged(tok, text: Referents, cues: frozenset[str], barriers: frozenset[str] = frozenset()) -> bool:
    """A modality word on the trigger, just before it, or above it in its clause (not across a name, nor
    across a barrier word: "X is suspected of ..., according to his lawyer Y" alleges nothing of Y)."""
    if any(c.lower_ in cues for c in tok.children):
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in cues:
        return True
    t = tok
    for _ in range(8):
        if t.head == t or t.dep_ == "appos":
            return False
        t = t.head
        if t.i in text.ent_at or t.lower_ in barriers:
            return False
        if t.lower_ in cues or any(c.lower_ in cues and c.dep_ == "advmod" for c in t.children):
            return True
    return False


# ---------------------------------------------------------------- shapes
class _Finder:
    """Runs every shape of the tie patterns over one article and collects the :class:`Tie` s."""

    def __init__(self, doc, entities, charged=(), referents: Referents | None = None):
        self.text = referents if referents is not None else Referents(doc, entities)
        self.charged = charged  # (sentence index, persons) of the article's charges
        self.rules = tie_rules()
        self.ties: list[Tie] = []
        self.alleged_words = tie_words("modality")
        self.alleged_barriers = tie_words("modality", "barriers")
        index = derived(("index",), rule_index)
        self.role_words: dict[str, list[dict]] = index["role_words"]
        self.modifiers = index["modifiers"]
        self.cue_words = index["cue_words"]
        self.verbs, self.joints = index["verbs"], index["joints"]
        self.founding = tie_words("founding")
        self.founding_prop = next((r["property"] for r in self.rules["founding"]), None)
        self._roles_seen: dict[tuple, set[int]] = {}

    def add(self, subj: Entity, prop: str, obj: Entity, tok, rule: dict, indirect=False, alleged=False):
        if subj is None or obj is None or subj is obj or entity_iri(subj.kind, subj.label) == entity_iri(obj.kind, obj.label):
            return
        if subj.kind != "person" or obj.kind != tie_properties()[prop]:
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
                span = (tok.i - (word.count("-") - tok.text.count("-")) * 2, tok.i) if rules else (tok.i, tok.i)
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
            if t.tag_ == "NNS":  # "A, B and C, all members of Y": the parser may hang "B and C" on A as an apposition
                out += [x for c in first.children if c.dep_ == "appos" and c.i != t.i and c.pos_ == "PROPN"
                        for x in text.refs_conj(c, "person")]
        if t.tag_ == "NNS":  # "members of Y, including A and B"
            out += [x for c in t.children if c.dep_ == "prep" and c.lower_ in text.inclusion
                    for p in c.children if p.dep_ == "pobj" for x in text.refs_conj(p, "person")]
        if t.dep_ == "oprd":  # "police named X an active supporter of Y": the object holds the role
            out += [x for c in t.head.children if c.dep_ in ("dobj", "oprd") and c is not t for x in text.people(c)]
        if t.dep_ in ("attr", "oprd") and not out:
            s_tok = subject_of(t.head)
            out += text.people(s_tok) if s_tok is not None else self._subject_before(t.head)
        if t.dep_ == "nsubj" and t.head.lower_ in _COPULA:  # "whose lawyer is X"
            out += [x for c in t.head.children if c.dep_ == "attr" for x in text.people(c)]
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NUM", "PRON", "DET"):
            q = t.head.head  # "two of his associates, A and B": the names hang on "two"
            out += [x for c in q.children if c.dep_ in ("appos", "conj") for x in text.people(c)]
            if q.dep_ == "appos" and q.lower_ == "one":  # "X, one of the leaders of Y"
                out += text.refs(q.head, "person")
        if t.dep_ == "pobj" and t.head.lower_ == "on" and t.head.head.pos_ in ("VERB", "AUX"):
            out += text.people(subject_of(t.head.head))  # "X ran on the list of Y"
        if t.dep_ == "pobj" and t.head.lower_ == "as":
            h = t.head.head
            if (e := text.entity(h, "person")) is not None:
                out.append((e, False))
            elif h.pos_ in ("VERB", "AUX"):  # "X served as T"; "they described X as T": the object
                obj = [x for c in h.children if c.dep_ == "dobj" for x in text.people(c)]
                out += obj or text.people(subject_of(h))
            elif h.pos_ in ("NOUN", "PROPN"):
                out += [x for c in h.children if c.dep_ == "poss" for x in text.refs(c, "person")]
                if not out:
                    out += self.holders(h, depth + 1)
        if t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN"):
            glued = text.tok_starts.get(span[1] + 1) if span is not None and not out else None
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
        if not out and t.tag_ == "NNS" and t.dep_ in SUBJ_DEPS and any(c.dep_ == "nummod" for c in t.children):
            end = self.text.sents[self.text.sent_of.get(t.i, 0)].end  # "Two Y journalists were held: A and B."
            colon = next((j for j in range(t.i + 1, end) if self.text.doc[j].text == ":"), None)
            if colon is not None:
                out += self._names_listed(colon + 1, titles=True)
        if not out and t.tag_ == "NNS":  # "three activists of Y ... A, B and C were ..."; "these members of Y"
            out += text.group(t)
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
        e = text.tok_ends.get(j)
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
        e = text.tok_starts.get(after)
        if e is not None and after > span[1] + 1 and e.kind == "person":
            last = next((end - 1 for s, end, x in text.tok_spans if s == after), after)
            return _unique(text.refs_conj(doc[last], "person") + self._names_listed(after, titles=True)) \
                or [(e, False)]
        e = text.tok_starts.get(span[1] + 1)
        if e is not None and e.kind == "person" and doc[span[1]].tag_ == "NNS":  # "her co-defendants A and B"
            return self._names_listed(span[1] + 1) or [(e, False)]
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
            e = text.tok_starts.get(name)  # "according to their lawyer, X, who ...": not "After ..., X said"
            if e is not None and e.kind == "person":
                end = next(end for s, end, x in text.tok_spans if s == name)
                if end >= len(doc) or doc[end].text in (",", ".", ";", ")") or doc[end].lower_ == "who":
                    return [(e, False)]
        commas = 0
        for j in range(span[0] - 1, max(-1, span[0] - 6), -1):
            tok = doc[j]
            if j in text.tok_ends:
                e = text.tok_ends[j]
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
        e = text.tok_starts.get(name)
        if e is None or e.kind != "person":
            return []
        end = next(end for s, end, x in text.tok_spans if s == name)
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
        for k in range(n + 1, min(n + 1 + WINDOW, len(text.sents))):
            for t in text.sents[k]:
                if t.lower_ != tok.lower_ or t.dep_ not in SUBJ_DEPS or t.head.lower_ not in _COPULA:
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
        e = text.tok_starts.get(i)
        if e is not None and e.kind == "org":
            end = next(end for s, end, x in text.tok_spans if s == i)
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
        return j if role and j in self.text.tok_starts else i

    def _name_after_body(self, i: int) -> list[tuple[Entity, bool]]:
        """A person named right after the body a title names: from token ``i`` (after "T of"), an
        organization ("the Y party"; "of" + a place or body may follow), then at once a person's name."""
        doc, text = self.text.doc, self.text
        org_seen = False
        for _ in range(12):
            if i >= len(doc):
                return []
            e = text.tok_starts.get(i)
            if e is not None:
                if e.kind == "person":
                    return [(e, False)] if org_seen else []
                if e.kind == "place" and not org_seen:
                    return []
                org_seen = org_seen or e.kind == "org"
                i = next(end for s, end, x in text.tok_spans if s == i)
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
        while (e := text.tok_starts.get(i)) is not None and e.kind == "person":
            out.append((e, False))
            i = next(end for s, end, x in text.tok_spans if s == i)
            j = i
            while j < len(doc) and doc[j].lower_ in (",", "and") and j - i < 2:
                j += 1
            if titles and j > i:
                j = self._past_titles(j)
            if j == i or text.tok_starts.get(j) is None:
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
                    if (e := text.tok_starts.get(k)) is not None:
                        return [(e, False, self.founding_prop)] if e.kind == "org" else []
                    if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (",", ";", "."):
                        return []
        return []

    def _surface_relatum(self, span, kind, preps, exclude, kin) -> list[tuple[Entity, bool, str | None]]:
        """Surface fallback: "Y T"/"Y's T"/"his T" (just before) or "T of the ... Y" (a few words after)."""
        doc, text = self.text.doc, self.text
        j = span[0] - 1
        while j >= 0 and doc[j].dep_ in ("amod", "compound") and j not in text.tok_ends and doc[j].pos_ != "PROPN":
            j -= 1
        possessive = j >= 0 and doc[j].lower_ in ("'s", "’s")
        if possessive:
            j -= 1
        if j >= 0 and j in text.tok_ends and text.tok_ends[j].kind == kind and (possessive or kind == "org"):
            return [(text.tok_ends[j], False, None)]
        if j >= 0 and doc[j].tag_ == "PRP$":
            return [(e, ind, None) for e, ind in text.refs(doc[j], kind, exclude, kin)]
        if span[1] + 1 < len(doc) and doc[span[1] + 1].lower_ in preps:
            for k in range(span[1] + 2, min(span[1] + 8, len(doc))):
                if (e := text.tok_starts.get(k)) is not None:
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
        if h.dep_ not in SUBJ_DEPS or h.head.lower_ not in text.speech:
            return []
        ex = {id(e) for e, _ in holders}
        clauses = [c for c in h.head.children if c.dep_ == "ccomp"]
        for _ in range(3):
            found = []
            for c in clauses:
                for s in (x for x in c.children if x.dep_ in SUBJ_DEPS):
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
        s_tok = subject_of(v.head if v.dep_ == "acomp" else v)
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
        subj = text.people(subject_of(v))
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
        while v.head != v and not (v.pos_ in ("VERB", "AUX") and subject_of(v) is not None):
            v, child = v.head, v
        acts = {w.lower() for w in rule.get("object_verbs", ())}
        through_object = child is not None and child is not n and child.dep_ == "dobj"
        beside_object = child is not None and child.dep_ == "prep" and any(c.dep_ == "dobj" for c in v.children)
        # "X condemned the rally in support of Y" says nothing of X's support
        blocked = (through_object or beside_object) and v.lower_ not in acts
        s_tok = None if blocked else subject_of(v)
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
        who = w.head if w.dep_ in ("acl", "amod") else subject_of(w.head if w.dep_ in ("acomp", "attr") else w)
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
        Y", "collusion between X and A, B and C" (X with each of the others); or, for a rule whose property
        ties a person to an organization, of a person to one: "jailed for membership in Y"."""
        text = self.text
        preps, between = set(rule["preps"]), set(rule.get("between", ()))
        to_org = tie_properties()[rule["property"]] == "org"
        others, pair = [], []
        for c in n.children:
            if c.dep_ != "prep" or c.lower_ not in preps | between:
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                got = self._orgs_of(p) if to_org else self._people_listed(p)
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
            s_tok = subject_of(n.head)
            holders = text.people(s_tok)
            if not holders and s_tok is not None and _word(s_tok) in self.role_words:  # "the leader of Z X had ..."
                holders = self.holders(s_tok, span=(s_tok.i, s_tok.i))
        if not holders and n.dep_ == "pobj" and n.head.lower_ in rule.get("causes", ()):
            v = n.head.head  # "police detained X for ties to Y"; "X was jailed over links with Y"
            if v.pos_ in ("VERB", "AUX"):
                holders = [x for c in v.children if c.dep_ == "dobj" for x in text.people(c)] \
                    or text.people(subject_of(v))
        ex = {id(e) for e, _ in others}
        for h, hind in holders:
            if id(h) in ex:
                continue
            for o, oind in _unique(others):
                self.add(h, rule["property"], o, n, rule, hind or oind)

    def _orgs_of(self, tok) -> list[tuple[Entity, bool]]:
        """Organizations a phrase names: "Y", "the movement", "the activities of Y"."""
        return self.text.refs_conj(tok, "org") or [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                                                   for p in c.children if p.dep_ == "pobj"
                                                   for x in self.text.refs_conj(p, "org")]

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
            e = self.text.tok_starts.get(end + 1)
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
        for start, end, e in text.tok_spans:
            if e.kind == "person" and start >= 2 and doc[start - 1].lower_ in marks and \
                    (o := text.tok_ends.get(start - 2)) is not None and o.kind == "org":  # "the Y party's X"
                self.add(e, rule["property"], o, doc[start - 1], rule)
            if e.kind == "person" and end + 1 < len(doc) and doc[end].text in rule.get("brackets", ()) and \
                    (o := text.tok_starts.get(end + 1)) is not None and o.kind == "org":  # "X (Y party), Z (W)"
                close = next(stop for s2, stop, x in text.tok_spans if s2 == end + 1)
                if close < len(doc) and doc[close].text in (")", "]"):
                    self.add(e, self._title_property(start, rule["property"]), o, doc[end], rule)
            if e.kind != "person" or end >= len(doc) or doc[end].lower_ not in words:
                continue
            org = None
            for k in range(end + 1, min(end + 7, len(doc))):
                if (o := text.tok_starts.get(k)) is not None:
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
            e = text.tok_ends.get(j) if j < i - 1 else None
            if e is None or e.kind != "person":
                break
            i = next(s for s, end, x in text.tok_spans if end - 1 == j)
            out.insert(0, (i, e))
        return out

    def org_possessor(self, rule):
        """ "X's Y party", "his party": a person possessing a party-like organization (with a name, and
        one of the rule's ``named_heads``, by the rule's ``named_property``: "X's Y movement", "the Y movement
        of X", "Y, the movement of X": its leader)."""
        text, doc = self.text, self.text.doc
        party_ids = set().union(*text.party_like.values()) if text.party_like else set()
        for start, end, e in text.tok_spans:
            if e.kind != "org" or id(e) not in party_ids:
                continue
            head = doc[end - 1]
            glued = head.dep_ != "appos"  # "X's Y movement", not "X's party, the Y"
            if head.dep_ in ("compound", "appos") and head.head.lower_ in text.org_heads:
                head = head.head  # "X's Y party", "X's party, the Y"
            owners = [x for c in head.children if c.dep_ == "poss" for x in text.refs(c, "person")]
            if not owners and start >= 2 and doc[start - 1].lower_ in ("'s", "’s") and (start - 2) in text.tok_ends:
                p = text.tok_ends[start - 2]
                owners = [(p, False)] if p.kind == "person" else []
            named = rule.get("named_property") if glued and head.lower_ in rule.get("named_heads", ()) else None
            kind = next((c for c in head.children if c.dep_ == "appos" and c.lower_ in rule.get("named_heads", ())), None)
            if not owners and not named and kind is not None:
                head, named = kind, rule.get("named_property")  # "Y, the movement of X"
            if not owners and named:  # "the Y movement of exiled tycoon X"
                owners = [x for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                          for o in c.children if o.dep_ == "pobj" for x in text.refs(o, "person")]
            for p, ind in owners:  # "X's Y movement", a name before it: X leads it
                self.add(p, named if named and not ind else rule["property"], e, head, rule, ind)
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
        for start, end, e in text.tok_spans:
            if e.kind != "person":
                continue
            title = [w for tok in self._title_words(start) for w in ascii_lower(tok.text).split()]
            title = [mapping.get(w, w) for w in title if w not in strip and w not in demonym_words()]
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
        for s2, e2, org in self.text.tok_spans:
            if org.kind != "org" or not (lo <= s2 < hi):
                continue
            names = {w for name in [org.label, *org.names] for w in ascii_lower(name).split() if w != "s"}
            if all(w in names for w in title) and not any(org is f for f in fits):
                fits.append(org)
        return fits


def _stops_np(tok) -> bool:
    """Does this token end a noun phrase being walked ("of the banned Y group" walks on)?"""
    if tok.is_punct:
        return tok.text not in QUOTES and tok.text != "-"
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


def find_ties(doc, entities: list[Entity], events=(), referents: Referents | None = None) -> list[Tie]:
    """The ties of one parsed article, one per (subject, property, object), finest property kept
    (``referents``: the article's, when the caller shares them with the event reader).

    Example:
        >>> from newsgraph.loaders.extract.entities import find_entities
        >>> from newsgraph.loaders.extract.nlp import load_nlp
        >>> doc = load_nlp()("Lawyer Ivan Petrov said his client, Oleg Sidorov, was innocent.")
        >>> [(t.subject.label, t.prop, t.obj.label) for t in find_ties(doc, find_entities(doc))]
        [('Ivan Petrov', 'lawyerOf', 'Oleg Sidorov')]
    """
    charged = [(e.sent_index, [t for t in e.targets if t.kind == "person"]) for e in events if e.type == "Charging"]
    found = _Finder(doc, entities, charged, referents).run()
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


def extract_ties(doc, entities: list[Entity], article, events=(), referents: Referents | None = None) -> list[tuple]:
    """Triples of every tie of an article: the plain triple and its reified ``ng:Tie``.

    The tie nodes are ``ID_BASE + "tie/" + <article key>-<n>``, numbered in reading order.

    Example:
        >>> from newsgraph.loaders.read.article import Article
        >>> from newsgraph.loaders.extract.entities import find_entities
        >>> from newsgraph.loaders.extract.nlp import load_nlp
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
    for n, t in enumerate(find_ties(doc, entities, events, referents)):
        s, o, p = entity_iri(t.subject.kind, t.subject.label), entity_iri(t.obj.kind, t.obj.label), NG[t.prop]
        node = URIRef(f"{ID_BASE}tie/{key}-{n}")
        triples += [(s, p, o), (node, RDF.type, NG.Tie), (node, NG.tieSubject, s), (node, NG.tieProperty, p),
                    (node, NG.tieObject, o), (node, PROV.wasDerivedFrom, a),
                    (node, NG.evidence, Literal(" ".join(sents[t.sent].text.split()))),
                    (node, NG.confidence, Literal(t.confidence, datatype=XSD.decimal))]
        if t.alleged:
            triples.append((node, NG.modality, NG.Alleged))
    return triples
