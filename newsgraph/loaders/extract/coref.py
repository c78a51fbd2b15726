"""Coreference: what a pronoun, a role noun or "the party" stands for.

One resolver, :class:`Referents`, built once per article and read by both readers of the parse:
the events (:class:`~newsgraph.loaders.extract.events.roles.EventMentions` adds the reading of a
role head on top of it) and the ties (:mod:`.ties`). It indexes the article's entity mentions by
character offset and by token, and gives one reading of each kind of reference:

* a personal pronoun ("he", "his", "herself"): :meth:`Referents.person_for`;
* a plural one or a group noun ("they", "their", "the defendants", "both"): :meth:`Referents.group_before`;
* a person's relative pronoun ("who", "whose"): :meth:`Referents.relative_refs`;
* a role noun with "the" ("the blogger"): :meth:`Referents.titled_person`;
* "its": :meth:`Referents.org_for`; a noun for a kind of organisation ("the party"): :meth:`Referents.org_called`.

The words are data: the pronouns (``rules/pronouns.jsonl``, with the gender of each), the
gender-by-name table (``gazetteers/gender_suffixes.tsv``, read by :func:`gender_of`, so "she"
never stands for a man's name), the nouns for a kind of organisation (``gazetteers/org_nouns.tsv``).
A pronoun looks back :data:`WINDOW` sentences; a role noun, a noun for an organisation and the
article's main person, ``2 * WINDOW``.

Example:
    >>> gender_of("Anna Petrova"), gender_of("Ivan Sokolov"), gender_of("Aigerim Nurlanqyzy"), gender_of("Jane Roe")
    ('female', 'male', 'female', None)
    >>> pronoun_gender("her"), pronoun_gender("he"), pronoun_gender("they")
    ('female', 'male', None)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property, lru_cache

from newsgraph.errors import RuleError
from newsgraph.text.data import demonyms, read_jsonl_rules, read_tsv
from newsgraph.text.names import ascii_lower
from newsgraph.text.wordsearch import whole_word_spans

from .entities import Entity, doc_text
from .entity_lookup import ORG_NOUNS, char_spans, entity_at, org_nouns, token_spans
from .tie_rules import tie_rules, tie_words
from .token_table import token_table
from .wordsets import words

__all__ = ["gender_of", "gender_nouns", "pronoun_gender", "pronouns", "PRONOUN_GENDER", "PERSON_PRONOUNS",
           "REFLEXIVE_PRONOUNS", "PLURAL_PRONOUNS", "ORG_PRONOUNS", "RELATIVE_PRONOUNS", "Referents", "relcl_head",
           "subject_of", "QUOTES", "SUBJ_DEPS", "WINDOW", "demonym_words", "name_span",
           "among_others"]

_REFERS_TO = ("person", "group", "org", "relative")


@lru_cache(maxsize=1)
def pronouns() -> dict[str, dict]:
    """Pronoun -> its row of ``rules/pronouns.jsonl`` (``refers_to``, ``gender``, ``reflexive``), validated."""
    out = {}
    for rule in read_jsonl_rules("pronouns.jsonl", required=("id", "word", "refers_to"), regex_fields=()):
        word, refers, gender = rule["word"], rule["refers_to"], rule.get("gender")
        if not isinstance(word, str) or not word.isalpha() or not word.islower() or word in out:
            raise RuleError(f"rules/pronouns.jsonl: {rule['id']}: 'word' must be one new lower-case word")
        if refers not in _REFERS_TO:
            raise RuleError(f"rules/pronouns.jsonl: {rule['id']}: 'refers_to' must be one of {', '.join(_REFERS_TO)}")
        if gender not in (None, "male", "female") or (gender and refers != "person"):
            raise RuleError(f"rules/pronouns.jsonl: {rule['id']}: 'gender' is male or female, for a person's pronoun")
        out[word] = rule
    return out


def _pronoun_set(refers_to: str, reflexive: bool | None = None) -> frozenset[str]:
    return frozenset(w for w, r in pronouns().items() if r["refers_to"] == refers_to
                     and (reflexive is None or bool(r.get("reflexive")) == reflexive))


PERSON_PRONOUNS = _pronoun_set("person", reflexive=False)
"""he, him, his, she, her, hers."""
REFLEXIVE_PRONOUNS = _pronoun_set("person", reflexive=True)
"""himself, herself."""
PLURAL_PRONOUNS = _pronoun_set("group")
"""they, them, their, theirs, themselves."""
ORG_PRONOUNS = _pronoun_set("org")
"""its."""
RELATIVE_PRONOUNS = _pronoun_set("relative")
"""who, whom, whose, that, which."""
PRONOUN_GENDER = {w: r["gender"] for w, r in pronouns().items() if r.get("gender")}
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


@lru_cache(maxsize=1)
def gender_nouns() -> dict[str, str]:
    """Noun -> the gender it tells of the person named beside it (``gazetteers/gender_nouns.tsv``)."""
    rows = {}
    for gender, noun, *_ in read_tsv("gender_nouns.tsv", 2):
        gender, noun = gender.strip(), noun.strip().lower()
        if gender not in ("female", "male") or not noun:
            raise RuleError(f"gazetteers/gender_nouns.tsv: bad row {gender!r} {noun!r} (want female|male, TAB, a noun)")
        rows[noun] = gender
    return rows


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


# ---------------------------------------------------------------- an article's referents
@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    """Last word -> the longest title of the ``title_nouns`` word set ending in it ("defender" ->
    "human rights defender")."""
    out: dict[str, str] = {}
    for title in sorted(words("title_nouns"), key=len):
        out[title.split()[-1]] = title
    return out


@lru_cache(maxsize=1)
def role_synonyms() -> dict[str, tuple[str, ...]]:
    """Role noun -> the nouns of its group in ``gazetteers/role_synonyms.tsv`` ("reporter" -> journalist,
    reporter, correspondent)."""
    out: dict[str, tuple[str, ...]] = {}
    for row in read_tsv("role_synonyms.tsv", 2):
        group = tuple(w.strip().lower() for w in row if w.strip())
        for w in group:
            if w in out:
                raise RuleError(f"gazetteers/role_synonyms.tsv: {w!r} is in two groups")
            out[w] = group
    return out


@lru_cache(maxsize=1)
def demonym_words() -> frozenset[str]:
    """Nationality adjectives ("Azerbaijani Interior Minister X": the title is "interior minister")."""
    return frozenset(ascii_lower(d) for d in demonyms())


_TERM_UNITS = words("find_term_units")

QUOTES = {'"', "“", "”", "«", "»", "'", "‘", "’", "„"}
_CLOSING_QUOTES = {'"', "”", "»"}
SUBJ_DEPS = {"nsubj", "nsubjpass"}

WINDOW = 3
"""Sentences a pronoun looks back (a role noun, a noun for an organisation and the article's main person: twice as many)."""

#: Between two names of one list: a comma or "and", then at most four lowercase title words
#: ("X, human rights defender Y and blogger Z").
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|&)\s*")
_GROUP_GAP = re.compile(r"\s*(?:,|,?\s*and|&)\s*(?:[a-z][a-z'-]*\s+){0,4}")
_NOT_TITLE = words("roles_not_title")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


#: What follows a closing quote when its speaker is named: ', X said', ' X told Reuters', ', said X'.
_SAID_AFTER = re.compile(r"\s*,?\s*(?:(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|told|added|wrote|recalled|explained)\b"
                         r"|(?:said|says|added|told|wrote)\s+(?:[\w'’.-]+\s+){0,4}?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")


def among_others(subj) -> list:
    """ "Among those jailed was X", "X was among those detained", "X was among hundreds of people who
    joined": the copula's other side."""
    out = []
    for s in subj:
        if s.dep_ == "pobj" and s.head.lower_ == "of" and s.head.head.dep_ == "pobj" and s.head.head.head.lower_ == "among":
            s = s.head.head
        if s.dep_ == "pobj" and s.head.lower_ == "among" and s.head.head.pos_ == "AUX":
            cop = s.head.head
            out += [c for c in cop.children if c.dep_ in ("nsubj", "attr", "nsubjpass") and c.i != s.i]
    return out


def name_span(tok) -> tuple[int, int]:
    toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat") and c.i < tok.i]
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


class Referents:
    """An article's entity mentions, by character offset (:meth:`at`, ``spans``) and by token
    (:meth:`entity`, ``ent_at``, ``tok_spans``: there also every other place the text spells a name),
    its sentences and paragraphs, and the readings of its references (see the module docstring).

    Example:
        >>> from newsgraph.loaders.extract.nlp import load_nlp
        >>> from newsgraph.loaders.extract.entities import find_entities
        >>> doc = load_nlp()("Anna Petrova met Ivan Sokolov in Minsk. She said police had detained him.")
        >>> ref = Referents(doc, find_entities(doc))
        >>> she, him = doc[8], doc[13]
        >>> ref.person_for(she).label, ref.person_for(him).label
        ('Anna Petrova', 'Ivan Sokolov')
    """

    def __init__(self, doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self.text = doc_text(doc)  # built once: spaCy rebuilds it on every access
        self.lowers = token_table(doc).lower  # read once: spaCy builds the string on every access
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.spans = char_spans(entities)  # (start char, end char, entity) of every mention, in text order
        self.starts = [s for s, _, _ in self.spans]
        self.sent_of = {}
        for n, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = n
        self.ent_at: dict[int, Entity] = {}
        self.tok_spans: list[tuple[int, int, Entity]] = []  # token start, end (exclusive), entity
        for start, end, e in token_spans(doc, entities):
            self.tok_spans.append((start, end, e))
            for i in range(start, end):
                self.ent_at.setdefault(i, e)
        self._more_mentions(entities)
        self.tok_spans.sort(key=lambda x: (x[0], x[1]))
        self.tok_starts = {s: e for s, _, e in self.tok_spans}
        self.tok_ends = {end - 1: e for _, end, e in self.tok_spans}
        self.genders = self._genders_by_noun()
        counts = {id(e): len(e.mentions) for e in entities if e.kind == "person"}
        people = [e for e in entities if e.kind == "person"]
        self.protagonist_order = sorted(people, key=lambda e: (-counts[id(e)], min(m.start for m in e.mentions)))
        self.anaphor_words = org_nouns("anaphor")
        self.det_only = org_nouns("det_only")

        self.nearest_words = org_nouns("nearest")
        self.generic_words = org_nouns("generic")
        self.org_heads = ORG_NOUNS
        self.speech = tie_words("speech")
        self.org_parts = tie_words("org_part")
        self.party_like = self._party_like(entities)
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
                self.tok_spans.append((span.start, span.end, e))
                for i in range(span.start, span.end):
                    self.ent_at[i] = e

    def _genders_by_noun(self) -> dict[int, str]:
        """Entity id -> the gender a noun beside its name tells ("her husband, X", "X, his sister", "Mr X"); a
        person called by nouns of both genders gets none."""
        nouns, doc, out = gender_nouns(), self.doc, {}
        for t in doc:
            gender = nouns.get(t.lower_)
            if gender is None or t.i in self.ent_at:
                continue
            named = [c for c in t.children if c.dep_ == "appos"]
            if t.dep_ in ("appos", "compound"):
                named.append(t.head)  # "X, his brother"; "brother X"
            ents = [e for x in named if (e := self.ent_at.get(x.i)) is not None]
            after = t.i + 2 if t.i + 1 < len(doc) and doc[t.i + 1].text in (",", ".") else t.i + 1
            if not ents and (e := self.tok_starts.get(after)) is not None:
                ents = [e]  # the parser hung the name elsewhere: the one right after the noun
            for e in ents:
                if e.kind == "person":
                    out[id(e)] = gender if out.get(id(e), gender) == gender else ""
        return {k: v for k, v in out.items() if v}

    def gender(self, e: Entity) -> str | None:
        """A person's gender as the article tells it (:meth:`_genders_by_noun`) or the name's ending does."""
        return self.genders.get(id(e)) or gender_of(e.label)

    def agrees(self, tok, e: Entity) -> bool:
        """Can this pronoun stand for this person? Only a gender the other way says no."""
        want = pronoun_gender(tok.lower_)
        return want is None or self.gender(e) in (None, want)

    def _party_like(self, entities) -> dict[str, set[int]]:
        """Organization ids named, or found beside, each org-anaphor noun ("party")."""
        out: dict[str, set[int]] = {w: set() for w in self.anaphor_words}
        for e in entities:
            if e.kind != "org":
                continue
            for w in {w for name in [e.label, *e.names] for w in ascii_lower(name).split()}:
                if w in out:  # "El Tiregi" also written "the El Tiregi party"
                    out[w].add(id(e))
        for start, end, e in self.tok_spans:
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

    # -- by character offsets (the event reader)
    def at(self, start: int, end: int):
        """The entity with a mention overlapping [start, end), or None."""
        return entity_at(self.spans, self.starts, start, end)

    def sent_index(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    @cached_property
    def paragraph(self) -> list[int]:
        """The paragraph number of each sentence (a line break starts a new one)."""
        out, para, prev_end = [], 0, 0
        text = self.text
        for s in self.sents:
            if "\n" in text[prev_end:s.start_char] or "\n" in text[max(0, s.start_char - 1):s.start_char]:
                para += 1
            out.append(para)
            prev_end = s.end_char
        return out

    @cached_property
    def groups(self) -> list[tuple[int, int, tuple]]:
        """(start, end, persons) of each run of two or more person names joined by commas and "and"."""
        return self._runs(_LIST_GAP)

    @cached_property
    def titled_groups(self) -> list[tuple[int, int, tuple]]:
        """The same with title words between the names ("A, blogger B and lawyer C"): for "they"."""
        return self._runs(_GROUP_GAP)

    def _runs(self, gap) -> list[tuple[int, int, tuple]]:
        """(start, end, persons) of each run of two or more person names joined by commas and "and"."""
        out, run, last_end = [], [], None
        text = self.text
        for s, e, ent in self.spans:
            if ent.kind != "person":
                continue
            if run and last_end is not None and gap.fullmatch(text[last_end:s]) \
                    and not set(text[last_end:s].lower().split()) & _NOT_TITLE and ent not in [x for _, _, x in run] \
                    and not _POSSESSIVE_AFTER.match(text, e):  # "Li Wen, Zhang's partner": no list
                run.append((s, e, ent))
            else:
                if len(run) >= 2:
                    out.append((run[0][0], run[-1][1], tuple(x for _, _, x in run)))
                run = [(s, e, ent)]
            last_end = e
        if len(run) >= 2:
            out.append((run[0][0], run[-1][1], tuple(x for _, _, x in run)))
        return out

    # -- references
    def relative_refs(self, rel, read=None) -> list[Entity]:
        """The entities a relative pronoun stands for, when it opens a relative clause ("who", "whose",
        "which", "that"): the person named as its noun ("A, B and C, who have been indicted": all
        three, with a plural verb); "one of many activists who": the subject of "is"; "among the
        protesters who": the other side of the copula; "who" after a noun that is no person
        ("the region", "a lawyer"): the person named just before it; else what its noun stands for,
        as ``read(token)`` reads it (by default the persons it names).
        """
        read = read or self._persons_named
        noun = rel.head.head
        ent = self.at(*name_span(noun))
        if rel.lower_ in ("who", "whom", "whose"):
            if ent is not None and ent.kind == "person":
                run = next(((gs, ge, people) for gs, ge, people in self.groups if gs <= noun.idx < ge), None)
                verb = rel.head
                singular = verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and (c.lower_ in ("is", "was", "has")
                                                     or c.tag_ == "VBZ") for c in verb.children)
                near = [c for c in noun.conjuncts if noun.i < c.i < rel.i]
                plural = verb.tag_ == "VBP" or any(c.lower_ in ("are", "were") or c.dep_ in ("aux", "auxpass") and c.tag_ == "VBP"
                                                   for c in [verb, *verb.children])
                if near and (plural or verb.tag_ in ("VBZ", "VBD")):  # "A and B, who were ...": both; "who was": B
                    named = [self.at(*name_span(x)) for x in ([noun, *noun.conjuncts] if plural else [near[-1]])]
                    named = [e for e in named if e is not None and e.kind == "person"]
                    if named:
                        return named
                if run is not None and run[2][-1] is ent and not singular and re.search(r"\band\b", self.text[run[0]:run[1]]):
                    return list(run[2])  # "A, B and C, who have been indicted": all three
                return [ent]
            if noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.head.lower_ == "one" and \
                    noun.head.head.dep_ == "attr":
                return [e for s in [c for c in noun.head.head.head.children if c.dep_ == "nsubj"] for e in read(s)]
            if among_others([noun]):  # "X was among the protesters who gathered"
                return [e for s in among_others([noun]) for e in read(s)]
            if noun.pos_ in ("PROPN",) or ent is not None or (
                    noun.pos_ == "NOUN" and noun.lower_ not in words("people_nouns") | words("group_nouns")):
                person = self.person_before(rel)  # "who" names a person, not "the region"
                if person is not None:
                    return [person]
            if noun.pos_ == "NOUN":
                return read(noun)
            return []
        if ent is not None:
            return [ent]
        return read(noun) if noun.pos_ in ("NOUN", "NUM") else []

    def _persons_named(self, tok) -> list[Entity]:
        return [e for e, _ in self.refs_conj(tok, "person")]

    def _run_before(self, pos: int, floor: int = 0) -> list:
        """The persons of the last run of names ("A, B and C", "A, blogger B and lawyer C") that ends
        before ``pos``, within :data:`WINDOW` sentences and starting at ``floor`` or after."""
        floor = max(floor, self.sent_starts[max(0, self.sent_index(pos) - WINDOW)])
        best = ()
        for s, e, people in sorted(self.groups + self.titled_groups, key=lambda g: (g[1], len(g[2]))):
            if e <= pos and s >= floor:
                best = people
        return list(best)

    def group_at(self, pos: int) -> tuple:
        """The persons of the run of names ("A, B and C") that covers ``pos``."""
        for s, e, people in self.groups:
            if s <= pos < e:
                return people
        return ()

    def stray_conjuncts(self, tok) -> list:
        """"detained A in X and B in Y": B hangs from the place X; it shares A's role."""
        out = []
        for t in tok.sent:
            if t.i > tok.i and t.dep_ == "conj" and t.head.i > tok.i:
                head_ent = self.at(t.head.idx, t.head.idx + len(t.head))
                ent = self.at(*name_span(t))
                if head_ent is not None and head_ent.kind == "place" and ent is not None and ent.kind == "person":
                    out.append(ent)
        return out

    def _last(self, pos: int, max_back: int, accept):
        """The entity of the last mention before ``pos`` (within ``max_back`` sentences, newest first)
        for which ``accept(start, end, entity)`` holds, or None."""
        floor = self.sent_starts[max(0, self.sent_index(pos) - max_back)]
        k = bisect_right(self.starts, pos) - 1
        while k >= 0:
            s, e, ent = self.spans[k]
            if s < floor:
                break
            if accept(s, e, ent):
                return ent
            k -= 1
        return None

    def quote_speakers(self, pos: int) -> list:
        """The persons a quotation around ``pos`` is attributed to ('"... he was beaten," X said'): a third-person
        pronoun inside the quote is someone else."""
        text = self.text
        para = text.rfind("\n", 0, pos) + 1
        if sum(text.count(q, para, pos) for q in '"“”') % 2 == 0:
            return []
        close = min((i for i in (text.find(q, pos) for q in '"”') if i != -1), default=-1)
        if close == -1:
            return []
        m = _SAID_AFTER.match(text, close + 1)
        if m is None:
            return []
        return [ent for st, en, ent in self.spans[bisect_right(self.starts, m.start() - 1):]
                if en <= m.end() and ent.kind == "person"][:2] if m else []

    def person_before(self, tok):
        """The person named last before ``tok`` in its sentence, if close before it (for a "who")."""
        person = self._last(tok.idx, 0, lambda s, e, ent: e <= tok.idx and ent.kind == "person")
        if person is not None and tok.idx - max(m.end for m in person.mentions if m.end <= tok.idx) < 100:
            return person
        return None

    def salient_person(self, pos: int, sex: str, exclude=()):
        """The person named most often so far, if named in the last ``2 * WINDOW`` sentences: the article's
        subject."""
        floor = self.sent_starts[max(0, self.sent_index(pos) - 2 * WINDOW)]
        far = self.sent_starts[max(0, self.sent_index(pos) - 40)]  # the article so far, within reason
        counts: dict[int, list] = {}
        recent = set()
        for s, e, ent in self.spans[bisect_right(self.starts, far - 1):]:
            if e > pos:
                break
            if ent.kind == "person" and self.gender(ent) in (None, sex) and not any(ent is x for x in exclude):
                counts.setdefault(id(ent), [0, ent])[0] += 1
                if s >= floor:
                    recent.add(id(ent))
        ranked = sorted((v for k, v in counts.items() if k in recent), key=lambda v: -v[0])
        return ranked[0][1] if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]) else None

    def titled_person(self, tok) -> Entity | None:
        """The person a role noun stands for ("the blogger", "the activist's lawyer"): the one last
        introduced with it within ``2 * WINDOW`` sentences, before the name ("blogger Jane Roe") or after
        it ("Jane Roe, 38, an activist of ...", "X, her husband"), by the longest title of ``title_nouns`` ending in it
        ("the defender": "human rights defender Jane Roe"), or by another noun of its group in
        ``gazetteers/role_synonyms.tsv`` ("the reporter": "Jane Roe, a journalist"). None when the
        noun's own phrase names a person ("the first president of Y, Jane Roe")."""
        if any(c.dep_ == "appos" and self.entity(c, "person") is not None for c in tok.subtree):
            return None
        title = "(?:" + "|".join(re.escape(_titles().get(w, w)) for w in role_synonyms().get(tok.lower_, (tok.lower_,))) + ")"
        text = self.text
        return self._last(tok.idx, 2 * WINDOW, lambda s, e, ent: ent.kind == "person" and e <= tok.idx and (
            re.search(rf"\b{title}s?\W+(?:\w+\W+)?$", text[max(0, s - 40):s].lower())
            or re.match(rf",\s*(?:\d{{1,3}},\s*)?(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?{title}\b",
                        text[e:e + 60].lower())))

    def _org_named_with(self, noun: str, pos: int):
        text = self.text
        org = self._last(pos, 2 * WINDOW, lambda s, e, ent: ent.kind == "org" and e <= pos and (
            re.search(rf"\b{noun}\b", ent.label.lower()) or re.match(rf"[\s\"”']*{noun}\b", text[e:e + 20].lower())))
        if org is not None:
            last = max((m.end for m in org.mentions if m.end <= pos), default=pos)
            if re.search(rf"\b(?:a|an|another)\s+(?:[\w-]+\s+){{0,3}}{noun}\b", text[last:pos], re.I):
                return None  # "members of a committee formed this month ... The committee": a new, unnamed one
        return org

    def persons_between(self, start: int, end: int) -> list:
        """The persons named between two character offsets, in text order, each once."""
        out = []
        for s, e, ent in self.spans[bisect_right(self.starts, start - 1):]:
            if s >= end:
                break
            if ent.kind == "person" and e <= end and not any(ent is x for x in out):
                out.append(ent)
        return out

    def persons_in(self, head) -> list:
        """Persons named anywhere in a role head's phrase (long lists the parser breaks), not in its clauses."""
        out, todo = [], [head]
        while todo:
            t = todo.pop()
            ent = self.at(t.idx, t.idx + len(t))
            if ent is not None and ent.kind == "person" and not any(ent is x for x in out):
                out.append(ent)
            for c in t.children:
                if c.dep_ in ("relcl", "acl", "poss", "advcl", "ccomp", "amod") or (
                        c.dep_ == "prep" and c.lower_ not in ("including", "among")):
                    continue
                todo.append(c)
        return out

    def named_after(self, tok):
        """The person whose name starts right after a title word ("activist| Jane Roe")."""
        end = tok.idx + len(tok)
        k = bisect_right(self.starts, end + 2) - 1
        if k >= 0:
            s, e, ent = self.spans[k]
            if end <= s <= end + 2 and ent.kind == "person":
                return ent
        return None

    def clause_subjects(self, pron) -> list:
        if pron.dep_ == "nsubj" and pron.head.pos_ == "ADJ" and pron.head.dep_ in ("ccomp", "oprd", "xcomp", "acomp"):
            pron = pron.head  # "Judge X found him guilty": him is not the judge
            verb = pron.head
        elif pron.dep_ not in ("dobj", "pobj", "dative", "poss"):
            return []
        else:
            verb = pron.head if pron.dep_ != "pobj" else pron.head.head
        out = []
        for s in [c for c in verb.children if c.dep_ == "nsubj"]:
            ent = self.at(*name_span(s))
            if ent is not None and ent.kind == "person":
                out.append(ent)
        return out

    def reporting_org(self, tok):
        """The organization that is the subject of the reporting verb above ``tok`` ("X said its officers ...")."""
        t = tok
        for _ in range(8):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.lower_ in words("reporting_verbs") or (t.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in t.children)):
                for s in [c for c in t.children if c.dep_ == "nsubj"]:
                    ent = self.at(*name_span(s))
                    if ent is not None and ent.kind == "org":
                        return ent
        return None

    # -- by token (the tie reader)
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
            r = self.antecedent(tok, "person", exclude, kin)
            return [(r, True)] if r else []
        if low in ORG_PRONOUNS and kind == "org":
            r = self.antecedent(tok, "org", exclude)
            return [(r, True)] if r else []
        if low in PLURAL_PRONOUNS and kind == "person" and tok.dep_ == "poss":
            ex = {id(e) for e in exclude}
            return [(e, True) for e in self.group_before(tok) if id(e) not in ex]
        if kind == "person" and tok.dep_ == "poss" and tok.tag_ == "NNS" and low in self.people_nouns and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children):  # "the defendants' lawyer, X"
            ex = {id(e) for e in exclude}
            return [(e, True) for e in self.group_before(tok) if id(e) not in ex]
        if low in RELATIVE_PRONOUNS and tok.dep_ in (*SUBJ_DEPS, "poss", "dobj", "pobj"):
            head = relcl_head(tok)
            if head is None:
                return []
            if kind == "person" and low in ("who", "whom", "whose") and tok.head.dep_ in ("relcl", "acl"):
                # "indirect" unless the noun, a conjunct of it or what it is in apposition to is the name
                named = {id(self.ent_at.get(x.i)) for x in [head, *head.conjuncts, *([head.head] if head.dep_ == "appos" else [])]}
                return [(e, id(e) not in named) for e in self.relative_refs(tok) if e.kind == "person"
                        and not any(e is x for x in exclude)]
            # "which", "that", or an organization's "who": the noun it hangs on
            plural = tok.head.tag_ == "VBP" or any(c.lower_ in ("are", "were") for c in [tok.head, *tok.head.children])
            near = [c for c in head.conjuncts if c.i < tok.i and c.i > head.i]
            if near and not plural and tok.head.tag_ in ("VBZ", "VBD"):  # "A and B, who was ...": B
                head = near[-1]
            got = (self.refs_conj(head, kind, exclude, kin) if plural and depth == 0  # "A and B, who are ..."
                   else self.refs(head, kind, exclude, kin, depth + 1))
            if not got and head.dep_ == "appos":  # "X, a lawyer who works with Y"
                got = self.refs(head.head, kind, exclude, kin, depth + 1)
            return got
        if kind == "person" and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children):  # "the refugee's brother, X"
            e = self.titled_person(tok)
            if e is not None:
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
                r = self.org_called(tok)
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
            return [(e, True) for e in self.group_before(tok)]
        count = self._count_of(tok)
        if count >= 2 and n + 1 < len(self.sents):
            nxt = self.sents[n + 1]
            got = next((g for t in nxt if t.dep_ in SUBJ_DEPS and (g := self.refs_conj(t, "person"))), [])
            if len(got) == count:
                return [(e, True) for e, _ in got]
            named = self._named_in(nxt)  # "three members of Y ... A got four years, while B and C got three"
            if len(named) == count and not self._counts_people(nxt):
                return [(e, True) for e in named]
        return []

    def group_before(self, tok) -> list[Entity]:
        """The persons a plural reference stands for ("they", "their", "the defendants", "the group"):
        those its relative clause lists ("the defendants, who include A and B"), else those last named
        together ("A and B", "A, B and C"), earlier in its sentence or in the
        :data:`WINDOW` sentences before it; none for a "their" after a plural noun of its own sentence
        that names no one ("Protesters said their ...")."""
        listed = [e for c in tok.children if c.dep_ == "relcl" and c.lower_ in ("include", "includes", "included")
                  for o in c.children if o.dep_ == "dobj" for e, _ in self.refs_conj(o, "person")]
        if listed:  # "the defendants, who include A and B, ..."
            return listed
        n = self.sent_of.get(tok.i, 0)
        start = self.sents[n].start
        here = self._largest_group(self.doc[start:tok.i])
        if here:
            return here
        counted = self._counted_before(tok, n)
        if counted:
            return counted
        if tok.dep_ == "poss" and tok.lower_ in PLURAL_PRONOUNS and any(
                t.tag_ in ("NNS", "NNPS") and t.i not in self.ent_at for t in self.doc[start:tok.i]):
            return []
        for k in range(n - 1, max(-1, n - 1 - WINDOW), -1):
            here = self._largest_group(self.sents[k])
            if here and len(here) < self._count_of(tok):
                here = []  # "the three" are not the two of the last group
                break
            if here:  # a run of names before the sentence of the nearest group is no longer "they"
                return self._run_before(tok.idx, self.sents[k].start_char) or here
        return self._run_before(tok.idx)

    def _counted_before(self, tok, n: int) -> list[Entity]:
        """ "The three were detained", "all three", "the two activists": the persons of the last sentence that
        names anyone when it names exactly that many ("A got four years, while her colleagues B and C got three")."""
        want = self._count_of(tok)
        if not want:
            return []
        for k in range(n - 1, max(-1, n - 1 - WINDOW), -1):  # the last sentence that names anyone
            named = self._named_in(self.sents[k])
            if named:
                return named if len(named) == want and not self._counts_people(self.sents[k]) else []
        return []

    def _count_of(self, tok) -> int:
        """How many people a reference counts: 3 for "the three", "the three activists"; else 0."""
        num = tok if tok.pos_ == "NUM" else next((c for c in tok.children if c.dep_ == "nummod"), None)
        return 0 if num is None else self.numbers.get(num.lower_) or (int(num.text) if num.text.isdigit() else 0)

    def _named_in(self, sent) -> list[Entity]:
        """The persons a sentence names, in order, each once."""
        named: list[Entity] = []
        for s, _, e in self.tok_spans:
            if sent.start <= s < sent.end and e.kind == "person" and not any(e is x for x in named):
                named.append(e)
        return named

    @staticmethod
    def _counts_people(sent) -> bool:
        """Does a sentence count people itself ("five more people, including A, B and C")? Then its names are
        not all of them."""
        return any(t.pos_ == "NUM" and t.head.tag_ == "NNS" and t.head.lower_ not in _TERM_UNITS for t in sent)

    def _largest_group(self, sent) -> list[Entity]:
        groups: dict[int, list[Entity]] = {}
        for t in sent:
            e = self.entity(t, "person")
            if e is None or t.dep_ == "compound":
                continue
            root = t.head if t.dep_ == "appos" and t.head.dep_ == "conj" and t.head.pos_ == "NOUN" else t
            while root.dep_ == "conj" and root.head != root:  # "A and his colleague B": B hangs on "colleague"
                root = root.head
            members = groups.setdefault(root.i, [])
            if e not in members:
                members.append(e)
        best = max(groups.values(), key=len, default=[])
        return best if len(best) >= 2 else []

    def _mention_after(self, i: int, kind: str, skip=frozenset(), limit: int = 3) -> Entity | None:
        for j in range(i, min(i + limit, len(self.doc))):
            e = self.tok_starts.get(j)
            if e is not None:
                return e if e.kind == kind else None
            if self.doc[j].lower_ not in skip:
                return None
        return None

    def antecedent(self, tok, kind: str, exclude=(), kin: Entity | None = None, depth: int = 0) -> Entity | None:
        """A pronoun's antecedent (see :meth:`person_for`, :meth:`org_for`)."""
        return self.person_for(tok, exclude, kin, depth) if kind == "person" else self.org_for(tok)

    def person_for(self, tok, exclude=(), kin: Entity | None = None, depth: int = 0) -> Entity | None:
        """The person a personal pronoun ("he", "his", "herself") stands for, of its gender where the name
        tells one, or None.

        Not a person the pronoun's sentence introduces unnamed before it ("a blogger known for his
        posts": none); not ``exclude``, nor the subject of the pronoun's own verb ("X found him
        guilty"), nor the speaker a quotation around it is attributed to ('"he was beaten," X said').
        Then: a kin namesake ("his wife, Anna Petrova": Petrov); the nearest person before it in its
        sentence; none when that sentence's subject is a name not known as an entity; the subject of
        the previous sentence, or a person it calls by a role noun ("placed the blogger under arrest.
        His lawyer"); the nearest person named within :data:`WINDOW` sentences, one who is not the
        speaker of a "said" first; last, the person the article is about so far.
        """
        if self._unnamed_before(tok):
            return None
        exclude = [*exclude, *self.clause_subjects(tok), *self.quote_speakers(tok.idx)]
        return self._person(tok, exclude, kin, depth) or self.salient_person(tok.idx, pronoun_gender(tok.lower_), exclude)

    def _unnamed_before(self, pron) -> bool:
        """Whether the pronoun's sentence introduces, before it, an unnamed person with "a"/"an" ("a blogger
        known for his criticism", "a Tajik opposition supporter ... he"): the pronoun stands for that person."""
        nouns = words("person_nouns") | words("title_nouns")
        for t in pron.sent:
            if t.i >= pron.i:
                return False
            if t.pos_ != "NOUN" or t.lower_ not in nouns or not any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                                    for c in t.children):
                continue
            def person(x) -> bool:
                ent = self.at(*name_span(x))
                return ent is not None and ent.kind == "person"

            if t.dep_ in ("appos", "attr") or t.head.pos_ == "PROPN" or any(
                    c.dep_ in ("appos", "compound", "flat") and c.pos_ == "PROPN" and person(c) for c in t.children):
                continue  # "Jane Roe, a lawyer, said her ...", "X is a lawyer": named
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and person(nxt):
                continue  # "a blogger Jane Roe"
            return True
        return False

    def _person(self, tok, exclude, kin, depth) -> Entity | None:
        n = self.sent_of.get(tok.i, 0)
        ex = {id(e) for e in exclude}
        before = [(s, e) for s, end, e in self.tok_spans if e.kind == "person" and end <= tok.i and id(e) not in ex
                  and self.agrees(tok, e)]
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
            if subj is not None and self.agrees(tok, subj) and not self._known_other(tok, subj, before, n - 1):
                return subj
            for t in reversed(self.sents[n - 1]):  # "... placed the blogger under arrest. His lawyer ..."
                e = self.titled_person(t) if t.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in t.children) else None
                if e is not None and id(e) not in ex and self.agrees(tok, e):
                    return e
        first = self.sents[max(0, n - WINDOW)].start
        cands = [(s, e) for s, e in before if s >= first]
        quiet = [c for c in cands if not self._speaker(c[0])]  # "..., X said" rarely is "he"
        want = pronoun_gender(tok.lower_)
        if want and not any(self.gender(e) == want for _, e in quiet):  # unless X alone is known to be a "he"
            quiet = [c for c in cands if self.gender(c[1]) == want] or quiet
        cands = quiet or cands
        return cands[-1][1] if cands else None

    def _known_other(self, tok, subj: Entity, before, k: int) -> bool:
        """Is ``subj`` of no known gender while another person of sentence ``k`` is known to be of the pronoun's
        ("Wen was detained with his wife, Lin. She was released": Lin)?"""
        want = pronoun_gender(tok.lower_)
        start = self.sents[k].start
        return bool(want) and self.gender(subj) is None and any(
            s >= start and e is not subj and self.gender(e) == want for s, e in before)

    def org_for(self, tok) -> Entity | None:
        """The organization "its" stands for: one named earlier in the pronoun's own clause, not as its
        subject ("ruled that X, the editor of Y, and two of its reporters ..."); else the organization
        that is the subject of this sentence or of the previous one, or of the reporting verb above the
        pronoun ("Y said its officers ..."); else the one named last within :data:`WINDOW` sentences."""
        return self._org(tok) or self.reporting_org(tok) or self._last(
            tok.idx, WINDOW, lambda s, e, ent: e <= tok.idx and ent.kind == "org")

    def _org(self, tok) -> Entity | None:
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

    def org_called(self, tok) -> Entity | None:
        """The organization a noun for a kind of organization stands for ("the party", "his party", "the
        outlet's director"): the one named last within ``2 * WINDOW`` sentences whose name has the noun
        or is followed by it ("the Erkin Kadam party"), unless a new one was brought in since ("a
        committee formed this month ... The committee"); else the nearest one named or called so before
        it anywhere in the article; for "the outlet" and the like, when none was called so, the nearest
        organization before it in its sentence; for "the group" and the like, when none was called so, the
        nearest one called by another such noun."""
        noun = tok.lower_
        got = self._org_named_with(noun, tok.idx)
        if got is not None:
            return got
        cands = [e for s, _, e in self.tok_spans if s < tok.i and id(e) in self.party_like.get(noun, ())]
        if not cands and noun in self.generic_words:  # "the Y movement ... The group": Y
            called = set().union(*self.party_like.values())
            cands = [e for s, _, e in self.tok_spans if s < tok.i and id(e) in called]
        if not cands and noun in self.nearest_words:  # "journalists from Y ..., the outlet's director": Y
            start = self.sents[self.sent_of.get(tok.i, 0)].start
            cands = [e for s, _, e in self.tok_spans if start <= s < tok.i and e.kind == "org"]
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
            e = self.antecedent(subj, "person", exclude, depth=depth + 1)
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
