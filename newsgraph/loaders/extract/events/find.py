"""Find the events of one article (detentions, charges, sentences, releases,
protests, elections, violence) and their roles, as RDF triples.

Triggers are data (``rules/event_triggers.jsonl``: a word or phrase, its
allowed parts of speech, the contract type and the finest class). For each
trigger, :mod:`~newsgraph.loaders.extract.events.roles` reads the roles from the
dependency parse and resolves pronouns, groups ("the two men") and "its
officers" to the entities named nearby; :mod:`~newsgraph.loaders.extract.events.context`
gives date, place and modality; :mod:`~newsgraph.loaders.extract.events.charges` and
:mod:`~newsgraph.loaders.extract.events.penalties` the accusation and the penalty. Then, over
the whole article (:mod:`~newsgraph.loaders.extract.events.article`,
:mod:`~newsgraph.loaders.extract.events.merge`):

* "detained on charges of X" is also a charging of the detained;
* a penalty handed, given or received with no sentencing word ("was handed two years
  of restricted freedom") is the sentencing; "Judge X of the Y Court sentenced ..." makes
  the judge and the court its agents;
* candidates named near an election ("X faces five challengers", "Y came
  second") take part in it;
* an event with no date or place of its own takes those of the event it
  continues in the sentence before (same paragraph, a shared actor, no
  "later"/"earlier"); in the lead paragraph the dateline's city is the place;
  a nationwide vote is held in its country;
* mentions of one event merge: same type, overlapping targets (or actors),
  compatible date and place, same modality;
* an event's place is the town over its region or street ("in the village of X in the Y region": X;
  "a picket on Z Prospekt" after "a court in W": W); a region named only in a court's name
  ("the Y Regional Court") and a nationality ("Kyrgyz poet") place nothing;
* "One of the detainees, X," adds X to the detention of unnamed people told before; "on the same
  charge" takes the charges of the latest event that names any;
* counts of unnamed people ("57 individuals were detained") become
  ``ng:targetCount``; modality (planned, alleged, denied, called for) is marked;
* "both", "they", "the two contenders", "all five" that name no one stand for the persons of the event
  told just before with as many of them; "A, B and C, who have been indicted" is all three; "sentenced A
  to six years and B to five" sentences both;
* an undated event takes the date of the dated event of its type told a few sentences before (or just
  after); undated sentencings after an article's one dated verdict share its day;
* protest organisers ("the rally was announced by A and B", "X, one of the organisers of the protest"),
  protesters detained and named after, and candidates ("independent candidates A and B", "X's rival in the
  election, Y", "received 10 percent of the votes") are read article-wide;
* generic mentions ("the election", "the charges") that name nothing and are
  not merged are dropped; events in a conditional ("if convicted") or denied by
  the text ("has not yet been sentenced", "pleaded not guilty") are not events;
  news outlets ("(Reuters)") are never agents, and a body is never the target of a detention, charge,
  sentence, release or violence ("an employee of X was arrested": a person was).

Example:
    >>> from newsgraph.loaders.read.article import Article
    >>> from newsgraph.loaders.extract.entities import find_entities
    >>> from newsgraph.loaders.extract.nlp import load_nlp
    >>> art = Article(text="Police in Bishkek detained activist Aibek Toktomushev on Monday.")
    >>> doc = load_nlp()(art.full_text)
    >>> triples = extract_events(doc, find_entities(doc), art)
    >>> sorted(str(o).rsplit("#", 1)[-1] for s, p, o in triples if p == RDF.type)
    ['Detention']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from newsgraph.errors import RuleError
from newsgraph.ontology import EVENT_TYPES, ID_BASE, NG
from .charges import alleged_acts, charge_phrases
from newsgraph.text.dates import normalise_date
from newsgraph.text.data import read_jsonl_rules
from .context import (NATIONAL_VOTE, clause_of, date_of, find_dateline, has_shift, is_country,
                            is_hypothetical, is_negated, is_outlet, is_subcity, modality_of, narrow_places, places_of)
from .article import (count_groups, election_cues, including_after, place_of_setting, plural_targets, protest_organisers, inherit_context,
                      members_named_after, one_verdict_date, same_kind_date,
                      place_bulletin_items, place_lead_and_votes, protesters_held, told_before, one_of_the_protesters)
from .merge import merge_mentions
from .roles import NUMBERS, TARGETED, EventMentions, is_passive, is_verbal, role_heads, subjects, words
from newsgraph.ontology.iris import entity_iri
from newsgraph.text.names import slug
from newsgraph.ontology.terms import subclasses
from ..token_table import token_table
from ..entities import doc_text
from .penalties import Penalty, find_penalties

__all__ = ["extract_events", "trigger_rules", "Event", "find_events", "event_iri", "is_written"]


_LEGAL = {"Detention", "Charging", "Sentencing"}
_DAYS_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,6}?\s+for\s+(?P<pen>(?P<n>\d+|one|two|three|five|seven|ten|fifteen|"
                         r"twenty|thirty)[- ]days?)\b", re.I)
_VOTE_KINDS = words("find_vote_kinds")
_TAKE_PART = words("find_take_part")
_PRETRIAL_CUES = words("find_pretrial_cues")
_ORGANISE = words("find_organise")


# ---------------------------------------------------------------- rules
@lru_cache(maxsize=1)
def trigger_rules() -> tuple[dict, ...]:
    """The trigger rules, validated: known event type and class, class under its type.

    Example:
        >>> any(r["id"] == "detention.detain.v1" for r in trigger_rules())
        True
    """
    rules = read_jsonl_rules("event_triggers.jsonl", required=("id", "event", "lemma", "class"), regex_fields=())
    known = subclasses(NG.Event)
    for rule in rules:
        for key in ("event", "class"):
            if rule[key] not in NG or NG[rule[key]] not in known:
                raise RuleError(f"rules/event_triggers.jsonl: {rule['id']}: unknown event class {rule[key]!r}")
        if rule["event"] not in EVENT_TYPES:
            raise RuleError(f"rules/event_triggers.jsonl: {rule['id']}: 'event' must be one of {', '.join(EVENT_TYPES)}")
        if rule.get("subject", "target") not in ("target", "agent", "participant"):
            raise RuleError(f"rules/event_triggers.jsonl: {rule['id']}: bad 'subject' {rule['subject']!r}")
        if rule.get("voice", "passive") != "passive" or not isinstance(rule.get("needs_target", False), bool) \
                or not isinstance(rule.get("refers_back", False), bool):
            raise RuleError(f"rules/event_triggers.jsonl: {rule['id']}: 'voice' can only be 'passive', "
                            "'needs_target' and 'refers_back' true or false")
    return tuple(rules)


def _inflections(word: str) -> set[str]:
    out = {word, word + "s", word + "es"}
    stem = word[:-1] if word.endswith("e") else word
    out |= {stem + "ed", stem + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        out |= {word[:-1] + "ied", word[:-1] + "ies"}
    return out


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict, frozenset]:
    """Trigger forms: one word -> its rules; several words (a tuple) -> the rule; every prefix of those tuples."""
    single: dict[str, list[dict]] = {}
    multi: list[tuple[tuple[str, ...], dict]] = []
    for rule in trigger_rules():
        words_ = rule["lemma"].lower().split()
        if len(words_) > 1 or any(" " in f or "-" in f for f in rule.get("forms") or ()):
            forms = rule.get("forms") or [" ".join(words_[:-1] + [w]) for w in _inflections(words_[-1])]
            for form in forms:
                if " " in form or "-" in form:
                    multi.append((tuple(form.lower().replace("-", " - ").split()), rule))
                else:
                    single.setdefault(form.lower(), []).append(rule)
            continue
        for form in rule.get("forms") or _inflections(words_[0]):
            single.setdefault(form.lower(), []).append(rule)
    multi.sort(key=lambda x: -len(x[0]))
    by_form: dict[tuple[str, ...], dict] = {}
    for form, rule in multi:
        by_form.setdefault(form, rule)
    prefixes = frozenset(form[:n] for form in by_form for n in range(1, len(form) + 1))
    return single, by_form, prefixes


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(form[0] for form in _index()[1])


def _accepts(tok, rule) -> bool:
    if rule.get("lower") and tok.text != tok.text.lower():
        return False
    if rule.get("particle") and not any(c.dep_ in ("prt", "advmod") and c.lower_ == rule["particle"] and c.i > tok.i
                                        for c in tok.children):
        return False  # "took three of them away": the verb counts only with its particle
    if rule.get("voice") == "passive":
        if tok.tag_ != "VBN" or any(c.dep_ == "aux" and c.lower_ in ("have", "has", "had", "having") for c in tok.children):
            return False
    if rule.get("intransitive") and any(c.dep_ == "dobj" for c in tok.children):
        return False
    if rule.get("no_to_clause") and any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                                        for c in tok.children):
        return False  # "has tried five times to register"
    if rule.get("object_not") and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in words(rule["object_not"])
                                      for c in tok.children):
        return False  # "released an investigation": published, no one freed
    allowed = rule.get("pos")
    if not allowed:
        return True
    pos = tok.pos_
    if "VERB" in allowed and (pos in ("VERB", "AUX") or tok.tag_.startswith("VB") or (pos == "ADJ" and tok.text.endswith("ed"))):
        return True
    return pos in allowed or (pos == "PROPN" and "NOUN" in allowed and tok.text.islower()) or (
        pos == "PROPN" and "VERB" in allowed and tok.text.endswith("ed"))


def _multi_match(lows: list[str], k: int, multi: dict, prefixes: frozenset, used: set):
    """(end, rule) of the first multiword trigger starting at token ``k``, or None.

    ``lows`` are the sentence's tokens, lower case, each with its trailing whitespace;
    ``multi`` and ``prefixes`` come from :func:`_index`. A phrase stops growing as
    soon as its settled words (all but a last word that the next token may still
    extend) begin no trigger form.

    Example:
        >>> _, multi, prefixes = _index()
        >>> end, rule = _multi_match(["was ", "taken ", "into ", "custody", "."], 1, multi, prefixes, set())
        >>> end, rule["id"]
        (4, 'detention.taken_into_custody.v1')
    """
    text = ""
    for end in range(k + 1, min(len(lows), k + 6) + 1):
        if end - 1 in used:
            return None
        text += lows[end - 1]
        spaced = text.replace("-", " - ")
        got = tuple(spaced.split())
        rule = multi.get(got)
        if rule is not None:
            return end, rule
        settled = got if spaced[-1:].isspace() else got[:-1]
        if settled and settled not in prefixes:
            return None
    return None


# ---------------------------------------------------------------- events
class _EntSet(dict):
    """A set of entities (which are unhashable dataclasses), keyed by identity, in insertion order."""

    def add(self, ent) -> None:
        self[id(ent)] = ent

    def update(self, other) -> None:  # type: ignore[override]
        for ent in (other.values() if isinstance(other, dict) else other):
            self.add(ent)

    def __iter__(self):
        return iter(list(self.values()))

    def discard_all(self, other) -> None:
        for key in list(other.keys()):
            self.pop(key, None)


@dataclass
class Event:
    """One event found in the text, before it becomes triples."""

    type: str
    classes: set = field(default_factory=set)
    triggers: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    targets: _EntSet = field(default_factory=_EntSet)
    agents: _EntSet = field(default_factory=_EntSet)
    participants: _EntSet = field(default_factory=_EntSet)
    winners: _EntSet = field(default_factory=_EntSet)
    places: _EntSet = field(default_factory=_EntSet)
    dates: list = field(default_factory=list)
    charges: set = field(default_factory=set)
    penalties: list = field(default_factory=list)
    modality: str | None = None
    count: int | None = None
    sent_index: int = 0
    token_i: int = 0
    paragraph: int = 0
    shift: bool = False          # the clause moves away in time: takes no date from the sentence before
    national: bool = False       # a nationwide vote
    lead: bool = False           # in the dateline's paragraph
    kinds: set = field(default_factory=set)   # "presidential", "parliamentary", "local" ... for votes
    weak_date: bool = False      # the date is when it was reported, not when it happened
    unnamed: bool = False        # it happened to (or was done by) people the text does not name
    paragraphs: set = field(default_factory=set)  # of the mentions merged into it
    head_count: int | None = None  # the count of the subject alone ("two men ... along with five others": 2)
    merged_sents: set = field(default_factory=set)  # sentence indices of the mentions merged into it
    plural_ref: int | None = None  # its target is "both", "they", "the two contenders": how many (0: unsaid)
    setting: object | None = None  # the event it happened in or during ("killed during the protests")
    merged_into: object | None = None  # the event this mention was merged into
    soft_shift: bool = False  # the only shift is "also" or "again": the same story goes on
    held_ref: bool = False  # its target is "they" of "the arrested politicians said they ...": the detained told before
    refers_back: bool = False  # names nobody, and stands for the event of its type told just before ("the ruling")

    def actors(self) -> set:
        return set(self.targets.keys()) | set(self.agents.keys()) | set(self.participants.keys()) | set(self.winners.keys())

    def generic(self) -> bool:
        """A bare mention that says nothing else either: "the election", "the charges"."""
        return self.bare() and not (self.charges or self.penalties)

    def bare(self) -> bool:
        """Names nobody and counts nobody: a generic mention until merged."""
        return not (self.targets or self.agents or self.participants or self.winners or self.count or self.unnamed)


def _add(ev: Event, role: str, ents) -> None:
    for ent in ents:
        if role == "agent_any":
            if ent.kind in ("person", "org"):
                ev.agents.add(ent)
        elif role == "agent":
            if ent.kind == "org" or (ent.kind == "person" and ev.type == "Protest"):
                ev.agents.add(ent)
        elif role == "holder":
            (ev.agents if ent.kind == "org" else ev.participants).add(ent)
        elif ent.kind in ("person", "org"):
            getattr(ev, role + "s").add(ent)


def _find_triggers(sent, skip: set) -> list[tuple]:
    single, multi, prefixes = _index()
    firsts = _first_words()
    doc, start = sent.doc, sent.start
    lows = _spaced_lower(doc)[start:sent.end]
    used, hits = set(), []
    for k in range(len(lows)):
        head = lows[k].replace("-", " - ")
        first = head.split(None, 1)
        if first and head[-1:].isspace() and first[0] not in firsts:
            continue  # a whole first word that begins no trigger phrase: _multi_match would find none
        span = _multi_match(lows, k, multi, prefixes, used)
        if span is not None:
            end, rule = span
            phrase = doc[start + k:start + end]
            root = phrase.root
            if root.i not in skip and not _modifier_only(doc[start + end - 1]):  # not "a pretrial detention center"
                hits.append((root, rule, phrase.text_with_ws.strip()))
            used |= set(range(k, end))
    lower = token_table(doc).lower
    for k in range(len(lows)):  # Token objects only for the words that are a trigger's form
        i = start + k
        rules = single.get(lower[i])
        if not rules or k in used or i in skip:
            continue
        t = doc[i]
        if _modifier_only(t):
            continue
        for rule in rules:
            if _accepts(t, rule):
                hits.append((t, rule, t.text))
                break
    return sorted(hits, key=lambda h: h[0].i)


def _text(span) -> str:
    """``span.text``, cut from the doc's text (spaCy joins the span's tokens again on every ``.text``)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def _spaced_lower(doc) -> list[str]:
    """``tok.text_with_ws.lower()`` of every token, by ``tok.i``: cut from the doc's text once per doc."""
    lows = doc.user_data.get("newsgraph.spaced_lower")
    if lows is None:
        text = doc_text(doc)
        starts = doc.to_array("IDX").tolist()
        lows = doc.user_data["newsgraph.spaced_lower"] = [
            text[a:b].lower() for a, b in zip(starts, starts[1:] + [len(text)])]
    return lows


_TERM_NOUNS = words("find_term_nouns")
_PENALTY_RULE = {"id": "sentencing.penalty_phrase", "event": "Sentencing", "lemma": "<penalty>", "class": "Sentencing"}


def _penalty_hits(sent, hits, pens) -> list[tuple]:
    """A penalty handed, given or received with no sentencing word in the sentence is the sentencing itself:
    "X was handed two years of restricted freedom", "the court gave her five years in prison".

    The penalty's head noun becomes a Sentencing trigger when it is the object of a verb
    of ``penalty_verbs`` (``rules/event_words.jsonl``).
    """
    if any(r["event"] == "Sentencing" for _, r, _ in hits):
        return []
    doc, out = sent.doc, []
    for pen in pens:
        if pen.amount is not None:
            continue  # fines have their own trigger
        span = doc.char_span(pen.start, pen.end, alignment_mode="expand")
        if span is None or any(span.start <= t.i < span.end for t, _, _ in hits):
            continue
        head = span.root
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _TERM_NOUNS:
            head = head.head.head  # "received terms of 12 to 16 years"
        elif head.dep_ == "appos" and head.head.lower_ in _TERM_NOUNS:
            head = head.head  # "handed the longest term, eight years, to X"
        if head.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "npadvmod") and head.head.lower_ in words("penalty_verbs"):
            out.append((head, _PENALTY_RULE, span.text))
    return out


def _coordinated_targets(events: list, doc) -> None:
    """A verb trigger coordinated below another ("who have been indicted for X and arrested for two months",
    which the parser may hang inside X) has the other's targets when it has none of its own."""
    by_tok = {e.token_i: e for e in events if e.type in TARGETED and e.targets}
    for e in events:
        tok = doc[e.token_i]
        if e.type not in TARGETED or e.targets or e.unnamed or tok.dep_ != "conj" or tok.pos_ != "VERB" \
                or any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children):
            continue
        t = tok
        for _ in range(5):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i in by_tok:
                e.targets.update(by_tok[t.i].targets)
                break


def _vote_ahead(ev, tok) -> bool:
    """A vote told in the present ("seeking to run in November elections", "is expected to win the March
    vote"): a month without a year is the next one. Any past verb on the way to the root keeps it past."""
    if ev.type != "Election":
        return False
    t, tags = clause_of(tok), []
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            tags.append(t.tag_)
            tags += [c.tag_ for c in t.children if c.dep_ in ("aux", "auxpass")]
        if t.head.i == t.i:
            break
        t = t.head
    return bool(tags) and not any(x in ("VBD", "VBN") for x in tags)


_UPDATE = re.compile(r"^\s*(?:\W\s*)?(?P<date>(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})|(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}))"
                     r"\s*[:,.–—-]?\s*(?:UPDATE|Update|update)\b")


def _coordinated_context(events: list, doc) -> None:
    """Two coordinated verb triggers share the place and date one of them states ("shot dead three protesters
    and injured 40 others in Andijan on Friday": both in Andijan, on Friday)."""
    for a in events:
        for b in events:
            ta, tb = doc[a.token_i], doc[b.token_i]
            if a is b or tb.dep_ != "conj" or tb.head.i != ta.i or ta.pos_ != "VERB" or tb.pos_ != "VERB":
                continue
            for x, y in ((a, b), (b, a)):
                if not x.places and y.places:
                    x.places.update(y.places)
                if not x.dates and y.dates:
                    x.dates += y.dates[:1]


_GAPPED = re.compile(r"\s*(?:,\s*)?(?:to\s+)?(?:\(\s*)?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|thirteen|fourteen|fifteen|sixteen|twenty)\b(?:[\s-]+(?:and\s+a\s+half\s+)?"
                     r"(?:years?|months?|days?))?\s*(?:[,.;)]|and\b|$)", re.I)


def _gapped_targets(events: list, sent, mentions) -> None:
    """"sentenced A to six years and B to five", "A got six years, B five": every person of the sentence named
    after the sentencing and followed by a bare term is sentenced too."""
    text = mentions.text
    for e in events:
        if e.type != "Sentencing" or not e.targets:
            continue
        start = sent.doc[e.token_i].idx
        for s, end, ent in mentions.spans:
            if s < sent.start_char or s >= sent.end_char or ent.kind != "person" or s < start and not any(
                    m.start == s for t in e.targets for m in t.mentions):
                continue
            if any(ent is x for x in e.targets) or any(ent is x for x in e.agents):
                continue
            if _GAPPED.match(text, end, min(sent.end_char, end + 40)):
                e.targets.add(ent)


def _plural_reference(tok) -> int | None:
    """How many people a plural reference stands for: "both" 2, "the two contenders" 2, "they" 0 (unsaid);
    None when the head is no such reference."""
    low = tok.lower_
    if low == "both":
        return 2
    if tok.pos_ == "NUM" and any(c.dep_ in ("det", "predet") and c.lower_ in ("all", "the", "these", "those")
                                 for c in tok.children):
        n = NUMBERS.get(low) or (int(tok.text) if tok.text.isdigit() else None)
        return n if n and n > 1 else None  # "all five were later released"
    if low in ("they", "them") and tok.pos_ == "PRON":
        return 0
    if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                                         for c in tok.children):
        nums = [NUMBERS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                for c in tok.children if c.dep_ == "nummod"]
        return next((n for n in nums if n), None) if nums else None
    return None


def _penalty_word(tok, rule) -> bool:
    """A violence word naming the penalty of a sentence: "sentenced him to death", "faces the death penalty"."""
    return rule["event"] == "Violence" and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "to" \
        and tok.head.head.lower_ in words("penalty_heads")


_INCLUDE = words("find_include")


def _those_included(mentions, tok) -> list:
    """"Those detained include A, B and C", "Those arrested included A": the persons named after the verb."""
    head = tok.head
    if head.lower_ not in ("those", "people", "all", "others"):
        return []
    if head.dep_ == "pobj" and head.head.lower_ == "among" and head.head.head.lower_ in _INCLUDE:
        verb = head.head.head  # "Among those released are A and B"
    elif head.dep_ == "nsubj" and head.head.lower_ in _INCLUDE:
        verb = head.head
    else:
        return []
    return mentions.persons_between(verb.idx + len(verb), verb.sent.end_char)


_TERM_UNITS = words("find_term_units")


def _of_after_term(mentions, tok) -> list:
    """"sanctioned the preliminary arrest for 3 months of journalist Jane Roe": the "of" phrase after the term
    belongs to the noun trigger (the parser hangs it on the term)."""
    doc = tok.doc
    k = tok.i + 1
    if k + 3 < len(doc) and doc[k].lower_ == "for" and (doc[k + 1].like_num or doc[k + 1].lower_ in NUMBERS) \
            and doc[k + 2].lower_ in _TERM_UNITS and doc[k + 3].lower_ == "of":
        return _name_after(mentions, doc[k + 3])
    return []


def _name_before(mentions, tok) -> list:
    """The person named right before the auxiliaries of a passive trigger ("... Jane Roe was sentenced"), when the
    parser made a title the subject ("Captain of the General Staff of the Armed Forces Jane Roe")."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
    if not auxes:
        return []
    first = min(auxes, key=lambda c: c.i)
    if first.i == 0:
        return []
    prev = tok.doc[first.i - 1]
    ent = mentions.at(prev.idx, prev.idx + len(prev))
    return [ent] if ent is not None and ent.kind == "person" else []


def _name_after(mentions, tok) -> list:
    """The person named right after an active trigger, past lowercase title words only."""
    doc = tok.doc
    for t in doc[tok.i + 1:min(len(doc), tok.i + 5)]:
        ent = mentions.at(t.idx, t.idx + len(t))
        if ent is not None:
            end = next((m.end for m in ent.mentions if m.start <= t.idx < m.end), t.idx + len(t))
            if re.match(r"\s*['’]s\b", mentions.text[end:end + 4]):
                return []  # "accused X's government of ...": the government, not X
            return [ent] if ent.kind == "person" else []
        if t.is_punct or not t.is_lower or t.pos_ not in ("NOUN", "ADJ", "DET"):
            return []
    return []


def _told_with_when(tok) -> bool:
    """ "Another man detained with X on the same day, Y, ...": a participle with its own date is a report."""
    return any(c.dep_ == "prep" and any(g.ent_type_ == "DATE" for p in c.children if p.dep_ == "pobj" for g in p.subtree)
               for c in tok.children)


def _custody_of_other(hit, hits) -> bool:
    """ "tortured in custody", "died in detention": the custody only places another event."""
    tok, rule, _ = hit
    if tok.dep_ == "amod" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") and tok.sent.root.pos_ in ("VERB", "AUX") \
            and tok.doc[max(0, tok.i - 1)].lower_ != "those" and not _told_with_when(tok):  # "one of those detained, X," is not
        return True  # "jailed blogger X", "detained activists": a descriptor, not a report of the event
    if rule["event"] != "Detention" or tok.pos_ != "NOUN":
        return False
    others = {t.i for t, r, _ in hits if r["event"] not in ("Detention", "Release")}
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i in others:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _modifier_only(tok) -> bool:
    """A noun used to name something else ("detention center", "election commission"), or the custody one leaves."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        return True
    if tok.pos_ == "NOUN" and (tok.dep_ == "pobj" and tok.head.lower_ == "without" or any(
            c.dep_ == "det" and c.lower_ == "no" for c in tok.children)):
        return True  # "released without charge", "no charges were filed"
    return tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.lower_ in ("custody", "detention", "prison", "jail")


_AUTHORITY_WORDS = words("find_authority_words")
_RULING_VERBS = words("find_ruling_verbs")


_JUDGE_TITLES = words("find_judge_titles")


def _judges(mentions, tok) -> list[tuple]:
    """(judge, [court]) for each subject of the trigger's verb titled "Judge" ("Judge X of the Y Court sentenced")."""
    out = []
    verb = tok.head if tok.pos_ == "ADJ" and tok.head.lower_ in ("found", "find", "finds", "declared") else clause_of(tok)
    for s in subjects(verb)[0]:
        if s.pos_ != "PROPN":
            continue
        titled = any(c.dep_ == "compound" and c.lower_ in _JUDGE_TITLES for c in s.children) or (
            s.i > 0 and s.doc[s.i - 1].lower_ in _JUDGE_TITLES) or any(
            c.dep_ == "compound" and s.doc[c.i - 1].lower_ in _JUDGE_TITLES for c in s.children if c.i > 0)
        person = mentions.persons_in(s)
        if not titled or not person:
            continue
        court = [e for c in s.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
                 for e in mentions.resolve(g, "agent")[0] if e.kind == "org"]
        out.append((person[0], court))
    return out


def _ruling_body(mentions, tok) -> list:
    """ "The court ruled that X must remain in custody": the organization that ruled is the agent."""
    verb = clause_of(tok)
    if verb.dep_ not in ("ccomp", "xcomp") or verb.head.lower_ not in _RULING_VERBS:
        return []
    out = []
    for s in subjects(verb.head)[0]:
        out += [e for e in mentions.resolve(s, "agent")[0] if e.kind == "org"]
    return out


def _reporting_authority(mentions, tok) -> list:
    """ "The Interior Ministry said the detained would face charges": an authority announcing charges brings them."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return []
        t = t.head
        if t.lower_ in words("reporting_verbs"):
            out = []
            for s in subjects(t)[0]:
                out += [e for e in mentions.resolve(s, "agent")[0] if e.kind == "org" and set(
                    re.findall(r"[a-z]+", e.label.lower())) & _AUTHORITY_WORDS]
            return out
    return []


_ISSUED_NOUNS = words("find_issued_nouns")


def _accuser_ok(mentions, tok) -> bool:
    """'accused X of Y' is a charge when an authority (an organization, police, prosecutors) accuses, or in the passive."""
    if is_passive(tok) or tok.dep_ in ("acl", "amod") and tok.tag_ != "VBG" or tok.pos_ == "NOUN":
        return True
    subj, _ = subjects(tok)
    if tok.dep_ == "acl" and subj and subj[0].lower_ in _ISSUED_NOUNS and subj[0].head.pos_ in ("VERB", "AUX"):
        subj = subjects(subj[0].head)[0]  # "the ministry issued a statement accusing X of Y": the ministry accuses
    for s in subj:
        ents, _ = mentions.resolve(s, "agent_any")
        if any(e.kind == "org" for e in ents) or s.lower_ in words("authority_nouns"):
            return True
    return not subj


def _perfect(verb) -> bool:
    """Is the clause in the perfect ("has sentenced", "had been detained")? It tells no day of its own."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had") for c in verb.children)


def _held_group_above(verb) -> bool:
    """Does a clause above speak of the held ("the arrested politicians said they ...")?"""
    held = words("held_nouns")
    t = verb
    for _ in range(6):
        if t.head.i == t.i:
            break
        t = t.head
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in held or any(
                    g.dep_ in ("amod", "acl") and g.lower_ in held for g in c.children)):
                return True
    return False


def _alleged_act_events(mentions, sent, si: int, ref, events: list, trigger_is: set, dateline_end: int) -> list[Event]:
    """ "they had allegedly breached the security law and attempted to subvert state power": a charging of the
    subject with those acts, dated when it was told."""
    out = []
    for verb, subj, texts in alleged_acts(sent):
        if any(e.type == "Charging" and e.token_i == verb.i for e in events) or is_hypothetical(verb):
            continue
        ev = Event(type="Charging", classes={"Charging"}, triggers=[verb.text], sentences=[" ".join(_text(sent).split())],
                   sent_index=si, token_i=verb.i, paragraph=mentions.paragraph[si], modality="Alleged")
        ents, n = mentions.resolve(subj, "target")
        _add(ev, "target", ents)
        if not ents:
            ev.plural_ref = _plural_reference(subj)
            ev.held_ref = ev.plural_ref == 0 and _held_group_above(verb)
            if ev.plural_ref is None and not n:
                continue
        ev.charges.update(texts)
        own, outer, reported = date_of(sent, verb, ref, trigger_is, set(), dateline_end, mentions=mentions)
        if own is not None or outer is not None:  # an accusation is made when it is told
            ev.dates.append(own if own is not None else outer)
            ev.weak_date = own is None and reported
        out.append(ev)
    return out


def _sentence_events(mentions, sent, si: int, ref, dateline_end: int = -1) -> list[Event]:
    sent_text = _text(sent)
    pens = find_penalties(sent_text, sent.start_char)  # read once, used three times below
    evidence = " ".join(sent_text.split())
    hits = _find_triggers(sent, set())
    hits = sorted(hits + _penalty_hits(sent, hits, pens), key=lambda h: h[0].i)
    legal_is = {tok.i for tok, rule, _ in hits if rule["event"] in _LEGAL}
    if legal_is:  # "to two years of restricted freedom for X-ing": the penalty phrase is part of the sentencing
        doc = sent.doc
        for pen in pens:
            span = doc.char_span(pen.start, pen.end, alignment_mode="expand")
            legal_is |= {t.i for t in span} if span is not None else set()
    legal_verbs = {clause_of(tok).i for tok, rule, _ in hits if rule["event"] in _LEGAL}
    charges = charge_phrases(sent, legal_is, legal_verbs)
    inside = {i for c in charges for i in c.tokens if i != c.marker}
    # a trigger inside a charge is part of the offence ("calling for mass riots"), but a protest
    # someone is charged with taking part in happened (its modality: alleged)
    alleged = {tok.i for tok, rule, _ in hits if rule["event"] == "Protest" and any(
        tok.i in c.tokens and _first_word(c, sent.doc) in _TAKE_PART for c in charges)}
    hits = [h for h in hits if h[0].i not in inside or h[0].i in alleged]
    trigger_is = {tok.i for tok, _, _ in hits}
    hits = [h for h in hits if not _custody_of_other(h, hits)]
    charge_tokens = inside
    events: list[Event] = []
    for tok, rule, trig in hits:
        if is_hypothetical(tok) or is_negated(tok) or _penalty_word(tok, rule):
            continue
        if rule["lemma"] == "accuse" and not _accuser_ok(mentions, tok):
            continue
        ev = Event(type=rule["event"], classes={rule["class"]}, triggers=[trig], sentences=[evidence],
                   sent_index=si, token_i=tok.i, paragraph=mentions.paragraph[si])
        extra = 0
        for role, heads in role_heads(tok, rule).items():
            companion = role == "companion"
            if companion:
                role = "target" if ev.type in TARGETED else "participant"
            for h in heads:
                ents, n = mentions.resolve(h, role)
                if role == "target" and not ents and ev.type in TARGETED and ev.plural_ref is None:
                    ev.plural_ref = _plural_reference(h)
                if role == "target" and h.pos_ == "PROPN":
                    ents = ents + [e for e in mentions.persons_in(h) if not any(e is x for x in ents)]
                _add(ev, role, ents)
                if n is not None and role in ("target", "participant", "holder"):
                    ev.unnamed = True
                    if n and companion:
                        extra += n  # "two men detained along with five other people": seven
                    elif n:
                        ev.count = max(ev.count or 0, n)
        ev.head_count = ev.count
        if extra:
            ev.count = (ev.count or len(ev.targets) or 1) + extra
        if ev.type in TARGETED and not ev.targets and not ev.unnamed and not is_passive(tok) and tok.pos_ == "VERB":
            _add(ev, "target", _name_after(mentions, tok))  # "fined Jane Roe 50,000 soms" parsed as a compound
        if ev.type in TARGETED and not ev.targets and tok.pos_ == "VERB" and tok.dep_ in ("acl", "amod", "relcl"):
            _add(ev, "target", _those_included(mentions, tok))  # "Those detained include A, B and C"
        if ev.type in TARGETED and not ev.targets and not ev.unnamed and tok.pos_ == "NOUN":
            _add(ev, "target", _of_after_term(mentions, tok))  # "the arrest for 3 months of journalist Jane Roe"
        if ev.type in TARGETED and not ev.targets and not ev.unnamed and is_passive(tok):
            _add(ev, "target", _name_before(mentions, tok))  # "Captain of the X of Y Jane Roe was sentenced"
        if rule.get("needs_target") and not ev.targets and not ev.unnamed:
            if not rule.get("refers_back") or tok.dep_ not in ("dobj", "nsubjpass") or tok.head.lower_ not in words("verdict_verbs"):
                continue  # "elections be held", "phones were taken away", "according to the ruling", "the verdict was written"
            ev.refers_back = True  # "The district court handed down the ruling on March 22": the verdict told before
        if ev.type in TARGETED or ev.type == "Protest":
            ev.agents.discard_all(ev.targets)
            ev.agents.discard_all(ev.participants)
        ev.modality = "Alleged" if tok.i in alleged else modality_of(sent, tok)
        own, outer, reported = date_of(sent, tok, ref, trigger_is, charge_tokens - trigger_is, dateline_end,
                                       future=ev.modality == "Planned" or _vote_ahead(ev, tok),
                                       mentions=mentions)
        # "went on hunger strike in May to protest against his conviction": the conviction came before
        opposed = tok.dep_ == "pobj" and tok.head.lower_ == "against" and not is_verbal(tok)
        # "also" moves nothing away from a date told in the same sentence ("In May, a court found X guilty,
        # while also ruling ..."), though it keeps the date of the sentence before away
        if (own is not None or (outer is not None and not has_shift(sent, tok, frozenset({"also"})))) and not opposed:
            ev.dates.append(own if own is not None else outer)
            ev.weak_date = own is None and reported  # "X said on Monday that ...": when it was told
            if ev.weak_date and _perfect(clause_of(tok)) and ev.dates[0].datatype == XSD.date:
                # "reported on October 17 that a court has sentenced X": some day before it, that month
                ev.dates[0] = Literal(str(ev.dates[0])[:7], datatype=XSD.gYearMonth)
        if ev.type in ("Sentencing", "Detention") and not is_passive(tok):
            for judge, court in _judges(mentions, tok):
                ev.agents.add(judge)  # "Judge X of the Y Court sentenced ...": the judge and the court
                ev.agents.update(court)
        if ev.type in TARGETED and not ev.agents:
            _add(ev, "agent", _ruling_body(mentions, tok))
        if ev.type == "Charging" and not ev.agents:
            _add(ev, "agent", _reporting_authority(mentions, tok))
        ev.shift = has_shift(sent, tok)
        ev.soft_shift = ev.shift and not has_shift(sent, tok, frozenset({"also", "again"}))
        own_p, outer_p = places_of(mentions, sent, tok, trigger_is, list(ev.agents), via_agent=ev.type != "Charging")
        chosen = [p for p in own_p if not is_country(p)] or own_p[:1] or outer_p[:1]
        if chosen and all(is_subcity(p, mentions.text) for p in chosen):  # "detained on Nevsky Prospekt" after
            chosen += [p for p in outer_p if not is_country(p) and not is_subcity(p, mentions.text)][:1]  # "a court in X"
        ev.places.update(narrow_places(chosen, mentions.text)[:3] if not opposed else [])
        if ev.type == "Election":  # the words under the trigger say which vote
            text_low = " ".join(t.lower_ for t in tok.subtree) + " " + trig.lower()
            ev.kinds = set(text_low.split()) & _VOTE_KINDS
            ev.national = bool(set(text_low.split()) & NATIONAL_VOTE) or "Referendum" in ev.classes
        else:
            ev.kinds, ev.national = set(), False
        events.append(ev)
    events += _alleged_act_events(mentions, sent, si, ref, events, trigger_is, dateline_end)
    _coordinated_targets(events, sent.doc)
    _coordinated_context(events, sent.doc)
    _gapped_targets(events, sent, mentions)
    _attach_penalties(events, sent, mentions, pens)
    events = _attach_charges(events, charges, sent, mentions)
    return events


def _first_word(charge, doc) -> str:
    """The charge phrase's first word, past its marker preposition and a possessive ("for| taking part in ...",
    "for| his| role in ...")."""
    return next((doc[i].lower_ for i in sorted(charge.tokens) if i != charge.marker and doc[i].pos_ != "ADP"
                 and doc[i].tag_ != "PRP$"), "")  # "for| her| part in a rally"


def _charged_took_part(events: list[Event], charge, host: Event, doc) -> None:
    """ "fined for taking part in a rally": the fined took part in it; "for organizing a rally": they organised it."""
    for e in events:
        if e.type == "Protest" and e.modality == "Alleged" and e.token_i in charge.tokens:
            role = e.agents if _first_word(charge, doc) in _ORGANISE else e.participants
            role.update(t for t in host.targets if t.kind in ("person", "org"))


def _attach_penalties(events: list[Event], sent, mentions, pens: list[Penalty]) -> None:
    doc = sent.doc
    dropped = set()
    for pen in pens:
        inside = [e for e in events if e.type == "Detention" and pen.start <= doc[e.token_i].idx < pen.end]
        sentencing = [e for e in events if e.type == "Sentencing" and id(e) not in dropped]
        for e in inside:
            if sentencing:
                dropped.add(id(e))
            else:  # "imposed 15 days of administrative arrest": the penalty is the sentence
                e.type, e.classes = "Sentencing", {"Sentencing"}
                sentencing = [e]
        if not sentencing:
            continue
        best = min(sentencing, key=lambda e: (doc[e.token_i].idx > pen.start, abs(doc[e.token_i].idx - pen.start)))
        if not any(p.text == pen.text for p in best.penalties):
            best.penalties.append(pen)
    for e in events:
        if e.type == "Detention" and id(e) not in dropped:
            tok = doc[e.token_i]
            m = _DAYS_AFTER.match(mentions.text, tok.idx + len(tok), min(sent.end_char, tok.idx + len(tok) + 80))
            if m and any(t.lower_ in _PRETRIAL_CUES for t in sent):
                e.classes = {"PretrialDetention"}  # "ordered him held for 15 days pending investigation"
            elif m:  # "were arrested for 15 days": an administrative sentence
                e.type, e.classes = "Sentencing", {"Sentencing"}
                if not e.penalties:
                    n = m.group("n").lower()
                    days = int(n) if n.isdigit() else NUMBERS.get(n)
                    start = tok.idx + len(tok) + m.start("pen")
                    e.penalties.append(Penalty(m.group("pen"), days, None, None, start, start + len(m.group("pen"))))
    events[:] = [e for e in events if id(e) not in dropped]


def _host(events: list[Event], charge, sent) -> Event | None:
    legal = [e for e in events if e.type in _LEGAL]
    if not legal:
        return None
    doc = sent.doc
    t = doc[charge.marker]
    for _ in range(6):  # the event whose trigger or clause the marker hangs from
        for e in legal:
            if e.type == "Charging" and e.token_i == charge.marker and len(legal) > 1:
                continue  # "on charges of X": the charge noun itself; its event is the one it hangs from
            if e.token_i == t.i or clause_of(doc[e.token_i]).i == t.i:
                return e
        if t.head.i == t.i:
            break
        t = t.head
    before = [e for e in legal if e.token_i <= charge.marker]
    return max(before, key=lambda e: e.token_i) if before else min(legal, key=lambda e: e.token_i)


def _faced(marker):
    """ "X faces up to seven years if convicted (found guilty) of Y": X stands charged with Y; the verb X faces."""
    clause = marker.head if marker.dep_ in ("oprd", "acomp") else marker
    if clause.dep_ == "advcl" and clause.head.lower_ in words("risk_verbs") and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children):
        return clause.head
    return None


def _suspect_of(mentions, sent, charge) -> list:
    """ "He is wanted on suspicion of X": the subject of the verb the charge hangs from; "X faces up to
    seven years if convicted of Y": the subject of "faces"."""
    t = sent.doc[charge.marker]
    if (faced := _faced(t)) is not None:
        return [e for s in subjects(faced)[0] for e in mentions.resolve(s, "target")[0] if e.kind == "person"]
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX") or t.lower_ in words("reporting_verbs"):
        return []
    objs = [c for c in t.children if c.dep_ == "dobj"]
    if objs and not is_passive(t):  # "accused X of Y": X, if an authority accuses
        if not _accuser_ok(mentions, t):
            return []
        heads = objs
    else:
        heads = subjects(t)[0]
    out = []
    for s in heads:
        out += [e for e in mentions.resolve(s, "target")[0] if e.kind == "person"]
    return out


def _attach_charges(events: list[Event], charges, sent, mentions=None) -> list[Event]:
    for charge in charges:
        marker = sent.doc[charge.marker]
        if mentions is not None and marker.lower_.startswith("accus") and marker.pos_ == "VERB" \
                and not _accuser_ok(mentions, marker):
            continue  # "videos accusing the governor of lying": no charge
        host = _host(events, charge, sent)
        if host is None and mentions is not None and (charge.charging or _faced(marker) is not None):
            suspects = _suspect_of(mentions, sent, charge)
            if suspects:
                host = Event(type="Charging", classes={"Charging"}, triggers=[charge.marker_text],
                             sentences=[" ".join(_text(sent).split())], sent_index=mentions.sent_index(sent.start_char),
                             token_i=charge.marker, paragraph=mentions.paragraph[mentions.sent_index(sent.start_char)])
                host.targets.update(suspects)
                events.append(host)
        if host is None:
            continue
        host.charges.add(charge.text)
        _charged_took_part(events, charge, host, sent.doc)
        if not charge.charging or host.type == "Charging" and host.token_i == charge.marker:
            continue
        # "detained on charges of X": the detained were charged with X
        charging = next((e for e in events if e.type == "Charging" and (e.token_i == charge.marker or e.token_i in charge.tokens)), None)
        if charging is None and host.type == "Charging":
            continue
        if charging is None:
            charging = Event(type="Charging", classes={"Charging"}, triggers=[charge.marker_text],
                             sentences=list(host.sentences), sent_index=host.sent_index, token_i=charge.marker,
                             paragraph=host.paragraph, modality=host.modality, shift=host.shift)
            events.append(charging)
        if not charging.targets:
            charging.targets.update(host.targets)
            charging.count = charging.count or host.count
            charging.head_count = charging.head_count or host.head_count
            charging.unnamed = charging.unnamed or host.unnamed
        if not charging.agents and host.type != "Sentencing":
            charging.agents.update(host.agents)  # not the court that sentenced: it did not bring the charge
        if not charging.dates:
            charging.dates += host.dates
        charging.charges.add(charge.text)
    events.sort(key=lambda e: e.token_i)
    return events


def _same_charges(events: list[Event], doc) -> None:
    """ "sentenced Y on the same charge": the charges of the latest event told before that names any."""
    for e in events:
        tok = doc[e.token_i]
        if e.type != "Charging" or e.charges or not any(c.dep_ == "amod" and c.lower_ == "same" for c in tok.children):
            continue
        before = [p for p in events if p.token_i < e.token_i and p.charges and p.type in _LEGAL]
        if before:
            e.charges |= max(before, key=lambda p: p.token_i).charges


def find_events(doc, entities, article, mentions: EventMentions | None = None) -> list[Event]:
    """The article's events (merged), each with entity roles, place, date, charges, penalties
    (``mentions``: the article's referents, when the caller shares them with the tie reader)."""
    mentions = mentions if mentions is not None else EventMentions(doc, entities)
    ref = getattr(article, "date", None)
    dateline = find_dateline(mentions.text)
    if ref is None and dateline is not None and dateline.date is not None and dateline.date.datatype == XSD.date:
        ref = dateline.date.toPython()
    found: list[Event] = []
    update = None  # (paragraph, day) of an update stamp
    for si, sent in enumerate(mentions.sents):
        m = _UPDATE.match(_text(sent))
        if m:  # "August 15, 2019 Update: X was released on August 9": its paragraph is read from the update's day
            stamp = normalise_date(m.group("date"), None)
            if stamp is not None and stamp.datatype == XSD.date:
                update = (mentions.paragraph[si], stamp.toPython())
        here = update[1] if update is not None and update[0] == mentions.paragraph[si] else ref
        found.extend(_sentence_events(mentions, sent, si, here, dateline.end if dateline is not None else -1))
    _same_charges(found, doc)
    election_cues(mentions, found)
    protest_organisers(mentions, found)
    including_after(found, mentions)
    count_groups(found, mentions)
    plural_targets(found)
    members_named_after(found, mentions)
    protesters_held(found, mentions)
    one_of_the_protesters(found, mentions)
    found = told_before(found)
    inherit_context(found, mentions, ref)
    one_verdict_date(found)
    place_of_setting(found, mentions)
    merged = merge_mentions(found)
    same_kind_date(merged, mentions)  # after merging: a date it takes must not keep two mentions apart
    place_of_setting(merged, mentions, after_merge=True)
    place_lead_and_votes(merged, mentions, dateline, doc)  # after merging: a place stated later wins
    place_bulletin_items(merged, mentions)
    for ev in merged:
        narrowed = narrow_places(ev.places, mentions.text)
        if len(narrowed) < len(ev.places):
            ev.places.clear()
            ev.places.update(narrowed)
        if ev.type in TARGETED:
            ev.agents.discard_all(ev.targets)
            for body in [t for t in ev.targets if t.kind == "org"]:
                ev.targets.pop(id(body), None)  # "an employee of X was arrested": people are held, not bodies
        for ag in [a for a in ev.agents if is_outlet(a)]:
            ev.agents.pop(id(ag), None)  # "MANAGUA (Reuters) - Police detained ...": the agency only reports it
        if ev.type == "Election":
            ev.participants.update(ev.winners)
    return [e for e in merged if e.targets or e.agents or e.participants or e.winners or e.count
            or e.dates or e.places]


# ---------------------------------------------------------------- triples
def _charge_iri(text: str) -> URIRef:
    return URIRef(f"{ID_BASE}charge/{slug(text)}")


def event_iri(article_key: str, n: int) -> URIRef:
    """The IRI of the ``n``-th event (from 1) of the article with content hash ``article_key``."""
    return URIRef(f"{ID_BASE}event/{article_key}-{n}")


def is_written(ev) -> bool:
    """Whether an event read from the text is written to the graph as an ``ng:Event``.

    An ``ng:Event`` happened, is pending or was planned (graph contract). A demand
    ("Amnesty called for the release of X", "called for early elections") is none
    of these and is not written; reading it still keeps it from passing for a real
    release. A call for protests is: a rally called is a rally planned.

    >>> is_written(Event(type="Release", modality="CalledFor")), is_written(Event(type="Protest", modality="CalledFor"))
    (False, True)
    """
    return ev.modality != "CalledFor" or ev.type == "Protest"


def extract_events(doc, entities, article, events=None) -> list[tuple]:
    """RDF triples of the events of ``article`` (parsed into ``doc``, entities from ``find_entities``;
    ``events``: its events when :func:`find_events` has already read them).

    Example:
        >>> from newsgraph.loaders.read.article import Article
        >>> from newsgraph.loaders.extract.entities import find_entities
        >>> from newsgraph.loaders.extract.nlp import load_nlp
        >>> art = Article(text="Aibek Toktomushev was charged with organizing mass riots.")
        >>> doc = load_nlp()(art.full_text)
        >>> sorted(str(o) for s, p, o in extract_events(doc, find_entities(doc), art) if p == RDFS.label)
        ['organizing mass riots']
    """
    triples: list[tuple] = []
    src = URIRef(article.iri)
    key = article.key  # a hash of the text: computed once, not per event
    found = find_events(doc, entities, article) if events is None else events
    for n, ev in enumerate((ev for ev in found if is_written(ev)), 1):
        node = event_iri(key, n)
        classes = {c for c in ev.classes if c != ev.type and NG[c] != NG[ev.type]}
        classes = {c for c in classes if c in _subclasses_of(ev.type)} or {ev.type}
        triples += [(node, RDF.type, NG[c]) for c in sorted(classes)]
        triples.append((node, PROV.wasDerivedFrom, src))
        triples += [(node, NG.evidence, Literal(s)) for s in ev.sentences]
        triples += [(node, NG.trigger, Literal(t)) for t in ev.triggers]
        for attr, prop in (("targets", NG.hasTarget), ("agents", NG.hasAgent),
                           ("participants", NG.hasParticipant), ("winners", NG.winner), ("places", NG.place)):
            triples += [(node, prop, entity_iri(e.kind, e.label)) for e in getattr(ev, attr)]
        if ev.dates:
            triples.append((node, NG.date, ev.dates[0]))
        if ev.modality:
            triples.append((node, NG.modality, NG[ev.modality]))
        if ev.count and ev.type in TARGETED:
            triples.append((node, NG.targetCount, Literal(ev.count, datatype=XSD.nonNegativeInteger)))
        for pen in ev.penalties[:1]:
            triples.append((node, NG.penalty, Literal(pen.text)))
            if pen.days is not None:
                triples.append((node, NG.penaltyDays, Literal(pen.days, datatype=XSD.integer)))
            if pen.amount is not None and re.fullmatch(r"\d+(?:\.\d+)?", pen.amount):
                triples.append((node, NG.penaltyAmount, Literal(pen.amount, datatype=XSD.decimal)))
                triples.append((node, NG.penaltyCurrency, Literal(pen.currency)))
        for text in sorted(ev.charges):
            charge = _charge_iri(text)
            triples += [(charge, RDF.type, NG.Charge), (charge, RDFS.label, Literal(text)), (node, NG.charge, charge)]
            triples += [(entity_iri(t.kind, t.label), NG.chargedWith, charge) for t in ev.targets if t.kind == "person"]
    return list(dict.fromkeys(triples))


@lru_cache(maxsize=None)
def _subclasses_of(top: str) -> frozenset[str]:
    """Names of the classes under the contract class ``top`` (itself included)."""
    return frozenset(str(c).rsplit("#", 1)[-1] for c in subclasses(NG[top]))
