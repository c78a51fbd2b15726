"""Coreference: what a pronoun, a role noun or "the party" stands for.

:class:`Referents` indexes an article's tokens by entity and resolves references for the
tie reader (:mod:`.ties`); the event reader's :class:`~.events.roles.Mentions` does the same
by character offsets and is still apart (to be merged into this one).

One gender-by-name table (``gazetteers/gender_suffixes.tsv``), one reading of it
(:func:`gender_of`), and the gender of each personal pronoun (:data:`PRONOUN_GENDER`):
the event roles and the ties both use these to keep "she" from standing for a man.

Example:
    >>> gender_of("Anna Petrova"), gender_of("Ivan Sokolov"), gender_of("Aigerim Nurlanqyzy"), gender_of("Jane Roe")
    ('female', 'male', 'female', None)
    >>> pronoun_agrees("her", "Ivan Sokolov"), pronoun_agrees("her", "Jane Roe"), pronoun_agrees("they", "Ivan Sokolov")
    (False, True, True)
"""
from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.errors import RuleError
from newsgraph.text.data import demonyms, read_tsv
from newsgraph.text.names import ascii_lower
from newsgraph.text.wordsearch import whole_word_spans

from .entities import Entity, doc_text
from .entity_lookup import ORG_PRONOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS, REFLEXIVE_PRONOUNS, RELATIVE_PRONOUNS, token_spans
from .tie_rules import tie_rules, tie_words
from .token_table import token_table

__all__ = ["gender_of", "pronoun_gender", "pronoun_agrees", "PRONOUN_GENDER", "Referents", "relcl_head",
           "subject_of", "QUOTES", "SUBJ_DEPS", "WINDOW", "demonym_words"]

PRONOUN_GENDER = {w: ("female" if w.startswith("her") or w == "she" else "male")
                  for w in PERSON_PRONOUNS | REFLEXIVE_PRONOUNS}
"""Personal pronoun -> the gender it refers to (he/him/his/himself male, she/her/hers/herself female)."""

_MIN_STEM = 3  # letters left before the ending: "Ilov" is no "-ov" surname
_MIN_NAME = 5


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, str], ...]:
    """(ending, gender) of gazetteers/gender_suffixes.tsv, longest endings first."""
    rows = []
    for gender, ending, *_ in read_tsv("gender_suffixes.tsv", 2):
        gender, ending = gender.strip(), ending.strip().lower()
        if gender not in ("female", "male") or not ending.isascii() or not ending.isalpha():
            raise RuleError(f"gazetteers/gender_suffixes.tsv: bad row {gender!r} {ending!r} "
                            "(want female|male, TAB, an ASCII ending)")
        rows.append((ending, gender))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=4096)
def gender_of(name: str) -> str | None:
    """``"female"`` or ``"male"`` when the last word of a person's name has a gendered ending, else None."""
    last = (ascii_lower(name).split() or [""])[-1]
    if len(last) < _MIN_NAME:
        return None
    for ending, gender in _endings():
        if last.endswith(ending) and len(last) - len(ending) >= _MIN_STEM:
            return gender
    return None


def pronoun_gender(word: str) -> str | None:
    """The gender a personal pronoun refers to, or None (plural, relative, not a pronoun)."""
    return PRONOUN_GENDER.get(word.lower())


def pronoun_agrees(word: str, name: str) -> bool:
    """Can pronoun ``word`` stand for the person called ``name``? Only a name of the other gender says no."""
    want = pronoun_gender(word)
    got = gender_of(name) if want else None
    return want is None or got is None or got == want


# ---------------------------------------------------------------- an article's referents (read by the ties)
@lru_cache(maxsize=1)
def demonym_words() -> frozenset[str]:
    """Nationality adjectives ("Azerbaijani Interior Minister X": the title is "interior minister")."""
    return frozenset(ascii_lower(d) for d in demonyms())


QUOTES = {'"', "“", "”", "«", "»", "'", "‘", "’", "„"}
_CLOSING_QUOTES = {'"', "”", "»"}



SUBJ_DEPS = {"nsubj", "nsubjpass"}



WINDOW = 3  # sentences a pronoun looks back



class Referents:
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
        self.anaphor_words = tie_words("org_anaphor")
        self.det_only = tie_words("org_anaphor", "det_only")
        self.nearest_words = tie_words("org_anaphor", "nearest")
        self.org_heads = tie_words("org_head") | self.anaphor_words
        self.speech = tie_words("speech")
        self.org_parts = tie_words("org_part")
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
            for start, end in whole_word_spans(text, name):  # (?<!\w)name(?!\w), no pattern compiled per name
                span = self.doc.char_span(start, end, alignment_mode="expand")
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
        if low in RELATIVE_PRONOUNS and tok.dep_ in (*SUBJ_DEPS, "poss", "dobj", "pobj"):
            head = relcl_head(tok)
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
            after = self._mention_after(tok.i + 1, "org", skip=QUOTES | {"the", ","})
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
                   and ascii_lower(c.text) not in demonym_words() for c in mods)

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
        if not got and tok.dep_ in SUBJ_DEPS:  # a second subject the parser split off ("X's cousin ... Y was")
            got = [x for sib in tok.head.children if sib.dep_ in SUBJ_DEPS and sib is not tok
                   for x in self.refs_conj(sib, "person", exclude)]
        if got:
            return got
        if tok.lower_ in RELATIVE_PRONOUNS:
            head = relcl_head(tok)
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
                    got = next((g for t in self.sents[n + 1] if t.dep_ in SUBJ_DEPS
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
        for k in range(n - 1, max(-1, n - 1 - WINDOW), -1):
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
        if any(t.dep_ in SUBJ_DEPS and t.pos_ == "PROPN" and t.i not in self.ent_at
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
        first = self.sents[max(0, n - WINDOW)].start
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
        subjects = {x.i for c in clause.children if c.dep_ in SUBJ_DEPS for x in [c, *c.children]
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
            subj = next((t for t in sent if t.dep_ in SUBJ_DEPS and t.head == sent.root and t.i < tok.i), None)
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
        return t.dep_ in SUBJ_DEPS and t.head.lower_ in self.speech

    def _subject_person(self, sent, exclude, depth) -> Entity | None:
        """The person subject of a sentence's main clause (a pronoun subject resolved in turn)."""
        root = sent.root
        if root.lower_ in self.speech:  # "Y was involved, X said": the subject of what was said
            said = [c for c in root.children if c.dep_ == "ccomp"]
            root = said[0] if said else root
        subj = next((t for t in root.children if t.dep_ in SUBJ_DEPS), None)
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



def relcl_head(tok):
    """The noun a relative clause hangs on, for its "who"/"whose"/"which"."""
    t = tok
    for _ in range(4):
        if t.dep_ == "relcl" or (t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN")):
            return t.head
        if t.head == t:
            return None
        t = t.head
    return None



def subject_of(verb):
    """The subject token of a verb, sharing it along conj/xcomp/advcl chains; the noun of a relcl/acl."""
    v = verb
    for _ in range(5):
        for c in v.children:
            if c.dep_ in SUBJ_DEPS:
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



def _agrees(tok, e: Entity) -> bool:
    """Can this pronoun stand for this person? Only a surname of the other gender says no."""
    return pronoun_agrees(tok.lower_, e.label)



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
