"""Find the events of one article (detentions, charges, sentences, releases,
protests, elections, violence) and their roles, as RDF triples.

Triggers are data (``rules/event_triggers.jsonl``: a word or phrase, its
allowed parts of speech, the contract type and the finest class). For each
trigger the dependency parse of its sentence gives the roles: the passive
subject or the object of "detain"/"sentence"/... is the target (coordinated
and listed names included), a ``by`` phrase or an organization as active
subject the agent, the subject of "rallied"/"took part in" a participant.
Role fillers are the article's entities, found by character offsets; a
pronoun is read as the nearest preceding person. Place, date, charge
("on charges of X", "accused of X"), penalty ("to 15 days") and modality
("planned", "alleged") come from the same sentence. Events of one type with
the same targets are merged within the article.

Example:
    >>> from newsgraph.loaders.article import Article
    >>> from newsgraph.loaders.entities import find_entities
    >>> from newsgraph.loaders.nlp import load_nlp
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

from ..errors import RuleError
from ..ontology import ID_BASE, NG, event_classes
from .data import read_jsonl_rules
from .dates import normalise_date
from .iris import entity_iri
from .names import slug

__all__ = ["extract_events", "trigger_rules", "Event", "find_events"]

_TOP = ("Detention", "Charging", "Sentencing", "Release", "Protest", "Election", "Violence")
_TARGETED = {"Detention", "Charging", "Sentencing", "Release", "Violence"}
_PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their"}
_RELATIVE = {"who", "whom", "which", "that"}
_AGENT_VERBS = {"organise", "organised", "organize", "organized", "call", "called", "lead", "led",
                "hold", "held", "stage", "staged", "announce", "announced", "plan", "planned"}
_WIN = {"win", "won", "wins", "winning"}
_RUN = {"run", "ran", "stand", "stood", "contest", "contested", "participate", "participated",
        "compete", "competed", "running", "standing", "took", "take", "join", "joined", "attend",
        "attended", "part"}
_MODALITY = [  # (regex on the words near the trigger, individual)
    (re.compile(r"\b(?:call(?:s|ed|ing)? for|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing))\b"), "CalledFor"),
    (re.compile(r"\b(?:plan(?:s|ned|ning)?|will|would|intend(?:s|ed)?|to be held|upcoming|scheduled)\b"), "Planned"),
    (re.compile(r"\b(?:denie[sd]|deny|denying|rejected|rejects)\b"), "Denied"),
    (re.compile(r"\b(?:alleged(?:ly)?|reportedly|claim(?:s|ed)?)\b"), "Alleged"),
]
_CHARGE_MARKERS = [("on", "charges", "of"), ("on", "charge", "of"), ("charged", "with"),
                   ("on", "suspicion", "of"), ("accused", "of"), ("suspected", "of"),
                   ("convicted", "of"), ("guilty", "of"), ("accusing", "him", "of"),
                   ("accusing", "her", "of"), ("accusing", "them", "of"), ("for",), ("with",), ("of",)]
_SPLIT_HEADS = {("with",): {"charged", "charge", "charges", "charging"},  # "charged X with Y"
                ("of",): {"accused", "accuse", "accuses", "accusing", "suspected", "convicted", "guilty"}}
_TIME_WORDS = {"days", "day", "weeks", "months", "years", "year", "hours", "time", "life", "now", "example", "instance"}
_TAKES_IN = {"part", "participating", "participation", "involvement", "involved", "engaging"}
_CHARGE_STOP = {"over", "after", "in", "which", "who", "because", "since", "while", "and", "but",
                "following", "during", "when", "before", "at", "to", "under"}
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30}
_PENALTY = re.compile(
    r"\b(?P<n>\d+|" + "|".join(_NUM) + r")[- ](?P<unit>day|month|year)s?"
    r"(?:[- ]long)?(?: suspended sentence| (?:in|of) (?:prison|jail|administrative arrest|arrest|a penal colony|custody)"
    r"| prison (?:term|sentence)| jail (?:term|sentence)| sentence)?", re.I)
_DAYS_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,5}?\s+for\s+(?P<pen>(?P<n>\d+|" + "|".join(_NUM) + r")[- ]days?)\b", re.I)
_AMOUNT = re.compile(r"\b(?P<amount>\d{1,3}(?:,\d{3})+|\d+) (?P<cur>soms?|tenges?|rubles?|roubles?|somoni|sums?|"
                     r"dollars|euros|manats?|lari|hryvnias?|(?:Belarusian )?rubles)\b", re.I)
_FINE = re.compile(r"\bfine(?:d)?(?: of)? (?P<amount>\d[\d,.]*) (?P<cur>[a-z]+)", re.I)


# ---------------------------------------------------------------- rules
@lru_cache(maxsize=1)
def trigger_rules() -> tuple[dict, ...]:
    """The trigger rules, validated: known event type and class, class under its type.

    Example:
        >>> any(r["id"] == "detention.detain.v1" for r in trigger_rules())
        True
    """
    rules = read_jsonl_rules("event_triggers.jsonl", required=("id", "event", "lemma", "class"), regex_fields=())
    known = event_classes()
    for rule in rules:
        for key in ("event", "class"):
            if rule[key] not in NG or NG[rule[key]] not in known:
                raise RuleError(f"rules/event_triggers.jsonl: {rule['id']}: unknown event class {rule[key]!r}")
        if rule["event"] not in _TOP:
            raise RuleError(f"rules/event_triggers.jsonl: {rule['id']}: 'event' must be one of {', '.join(_TOP)}")
        if rule.get("subject", "target") not in ("target", "agent", "participant"):
            raise RuleError(f"rules/event_triggers.jsonl: {rule['id']}: bad 'subject' {rule['subject']!r}")
    return tuple(rules)


def _inflections(word: str) -> set[str]:
    out = {word, word + "s", word + "es"}
    stem = word[:-1] if word.endswith("e") else word
    out |= {stem + "ed", stem + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        out |= {word[:-1] + "ied", word[:-1] + "ies"}
    return out


@lru_cache(maxsize=1)
def _index() -> tuple[dict, list]:
    single: dict[str, list[dict]] = {}
    multi: list[tuple[tuple[str, ...], dict]] = []
    for rule in trigger_rules():
        words = rule["lemma"].lower().split()
        if len(words) > 1:
            for form in rule.get("forms") or [" ".join(words[:-1] + [w]) for w in _inflections(words[-1])]:
                multi.append((tuple(form.lower().split()), rule))
            continue
        for form in rule.get("forms") or _inflections(words[0]):
            single.setdefault(form.lower(), []).append(rule)
    multi.sort(key=lambda x: -len(x[0]))
    return single, multi


def _pos_ok(tok, rule) -> bool:
    allowed = rule.get("pos")
    if not allowed:
        return True
    if rule.get("lower") and tok.text != tok.text.lower():
        return False
    pos = tok.pos_
    if "VERB" in allowed and (pos in ("VERB", "AUX") or tok.tag_.startswith("VB") or (pos == "ADJ" and tok.text.endswith("ed"))):
        return True
    return pos in allowed or (pos == "PROPN" and "NOUN" in allowed and tok.text.islower())


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
    sent_index: int = 0
    token_i: int = 0


class _Entities:
    """Entity lookup by character offsets."""

    def __init__(self, entities):
        self.spans = sorted((m.start, m.end, e) for e in entities for m in e.mentions)

    def at(self, start: int, end: int):
        for s, e, ent in self.spans:
            if s < end and start < e:
                return ent
            if s >= end:
                break
        return None

    def last_person_before(self, pos: int, floor: int):
        best = None
        for s, e, ent in self.spans:
            if e > pos:
                break
            if s >= floor and ent.kind == "person":
                best = ent
        return best

    def in_range(self, start: int, end: int):
        return [(s, ent) for s, e, ent in self.spans if s >= start and e <= end]


def _name_span(tok) -> tuple[int, int]:
    toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat", "nmod") and c.i < tok.i
                     or (c.dep_ == "compound" and c.pos_ == "PROPN")]
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _expand(tok) -> list:
    """The token, its conjuncts and appositions, and "including X" (recursively)."""
    out, todo, seen = [], [tok], set()
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append(t)
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                todo.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("including", "among"):
                todo.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ == "of" and t.pos_ in ("NUM", "PRON", "NOUN") and t.lower_ in (
                    "all", "some", "two", "three", "four", "five", "six", "seven", "several", "members", "one"):
                todo.extend(g for g in c.children if g.dep_ == "pobj")
    return out


class _Ctx:
    def __init__(self, doc, entities):
        self.doc = doc
        self.ents = _Entities(entities)
        self.sents = list(doc.sents)

    def resolve(self, tok, sent_start: int):
        """Entities named by this role head: conjuncts and appositions included."""
        found = []
        for t in _expand(tok):
            ent = None
            if t.lower_ in _RELATIVE and t.head.dep_ == "relcl":
                ent = self.ents.at(*_name_span(t.head.head))
            elif t.lower_ in ("they", "them", "their") and t.pos_ == "PRON":
                for ent in self.subject_group(t, sent_start):
                    if ent not in found:
                        found.append(ent)
                continue
            elif t.lower_ in _PRONOUNS and t.pos_ == "PRON":
                prev = sent_start
                for s in self.sents:
                    if s.start_char < sent_start:
                        prev = s.start_char
                ent = self.ents.last_person_before(t.idx, prev)
            else:
                ent = self.ents.at(*_name_span(t))
            if ent is not None and ent not in found:
                found.append(ent)
        return found


    def subject_group(self, pron, sent_start: int):
        """Persons a plural pronoun stands for: the coordinated subject of its sentence or the one before."""
        sents = [s for s in self.sents if s.start_char <= sent_start][-2:]
        for sent in reversed(sents):
            for tok in sent:
                if tok.dep_ in ("nsubj", "nsubjpass") and tok is not pron and tok.i < pron.i:
                    group = [self.ents.at(*_name_span(t)) for t in _expand(tok)]
                    people = [e for e in group if e is not None and e.kind == "person"]
                    if len(group) > 1 and people:
                        return people
        return []

    def subtree_persons(self, head):
        """Persons named anywhere in a role head's phrase (lists, appositions), not in its modifiers."""
        out, todo = [], [head]
        while todo:
            t = todo.pop()
            ent = self.ents.at(t.idx, t.idx + len(t))
            if ent is not None and ent.kind == "person" and ent not in out:
                out.append(ent)
            for c in t.children:
                if c.dep_ in ("relcl", "acl", "poss", "advcl", "ccomp") or (
                        c.dep_ == "prep" and c.lower_ not in ("including", "among")):
                    continue
                todo.append(c)
        return out


def _children(tok, *deps):
    return [c for c in tok.children if c.dep_ in deps]


def _subjects(verb):
    """Subject heads of a verb, inherited from the verb it is coordinated with or modifies."""
    v = verb
    for _ in range(4):
        subj = _children(v, "nsubj", "nsubjpass", "csubj")
        if subj:
            return subj, any(s.dep_ == "nsubjpass" for s in subj)
        if v.dep_ == "conj" or v.dep_ == "xcomp":
            v = v.head
            continue
        if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [v.head], True
        break
    return [], False


def _is_passive(verb) -> bool:
    if _children(verb, "auxpass", "nsubjpass"):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj") and not _children(verb, "nsubj")


def _by_agents(tok):
    out = []
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(_children(c, "pobj"))
    return out


def _gov_verb(tok):
    """The verb a noun or adjective trigger hangs from ("took part in a rally" -> took)."""
    t = tok
    for _ in range(5):
        if t.dep_ in ("ROOT",) or t.head is t:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _roles(ctx: _Ctx, tok, rule, sent) -> dict:
    """Role heads (tokens) of a trigger, by role."""
    roles = {"target": [], "agent": [], "participant": [], "winner": [], "agent_any": []}
    etype = rule["event"]
    verbal = _pos_ok(tok, {"pos": ["VERB"]}) and tok.pos_ != "NOUN"
    subj_role = rule.get("subject") or ("participant" if etype in ("Protest", "Election") else "agent")
    if etype == "Sentencing" and tok.lower_ == "guilty":
        roles["target"] += _children(tok, "nsubj", "nsubjpass")
        if tok.head.lower_ in ("found", "find", "finds", "declared"):
            tok, verbal = tok.head, True
    if verbal and tok.pos_ != "ADJ" or (verbal and tok.tag_ == "VBN"):
        subj, passive = _subjects(tok)
        passive = passive or _is_passive(tok)
        roles["agent_any"] += _by_agents(tok)
        objs = _children(tok, "dobj", "dative")
        if passive:
            roles["target" if etype in _TARGETED or subj_role == "target" else "participant"] += subj
        else:
            roles[subj_role] += subj
            if etype in _TARGETED:
                roles["target"] += objs
        return roles
    # nouns and adjectives
    roles["agent_any"] += _by_agents(tok)
    for c in tok.children:
        if c.dep_ == "poss":
            roles["target" if etype in _TARGETED else "participant"].append(c)
        if c.dep_ == "prep" and c.lower_ in ("of", "against", "for") and etype in _TARGETED | {"Election"}:
            roles["target" if etype in _TARGETED else "participant"] += _children(c, "pobj")
    if etype == "Violence" and tok.pos_ == "ADJ":
        roles["target"] += [tok.head] if tok.dep_ == "amod" else _subjects(tok.head)[0]
    verb = _gov_verb(tok)
    if verb is None:
        return roles
    subj, passive = _subjects(verb)
    word = verb.lower_
    if etype in _TARGETED:
        if passive or _is_passive(verb):
            roles["target"] += subj
            roles["agent_any"] += _by_agents(verb)
        else:
            dative = _children(verb, "dative") + [g for c in _children(verb, "prep") if c.lower_ == "to" for g in _children(c, "pobj")
                                                  if g.pos_ in ("PROPN", "PRON", "NOUN") and g is not tok and not tok.is_ancestor(g)]
            if dative:
                roles["target"] += dative
                roles["agent"] += subj
            elif tok.dep_ in ("dobj", "pobj", "attr", "oprd", "conj") or rule.get("subject") == "target":
                roles["target"] += subj
    elif etype == "Protest":
        if passive or _is_passive(verb):
            roles["agent_any"] += _by_agents(verb)
        elif word in _AGENT_VERBS:
            roles["agent"] += subj
        else:
            roles["participant"] += subj
    elif etype == "Election":
        if word in _WIN:
            roles["winner"] += subj
            roles["participant"] += subj
        elif word in _RUN:
            roles["participant"] += subj
    return roles


def _multi_match(toks, k, multi, used):
    """(end, rule) of the longest multiword trigger starting at toks[k], or None."""
    text = ""
    for end in range(k + 1, min(len(toks), k + 6) + 1):
        if end - 1 in used:
            return None
        text = (text + toks[end - 1].text_with_ws).lower()
        words = tuple(text.replace("-", " - ").split())
        for form, rule in multi:
            if form == words or tuple(" ".join(form).replace("-", " - ").split()) == words:
                return end, rule
    return None


def _charge_phrases(sent) -> list[tuple[int, str, range]]:
    """(token index of the marker, charge text, token span) for each charge phrase of a sentence."""
    toks = list(sent)
    out = []
    for i in range(len(toks)):
        for marker in _CHARGE_MARKERS:
            n = len(marker)
            if tuple(t.lower_ for t in toks[i:i + n]) != marker:
                continue
            rest = toks[i + n:]
            if marker in _SPLIT_HEADS and (not {toks[i].head.lower_, toks[i].head.head.lower_} & _SPLIT_HEADS[marker] or i > 0 and toks[i - 1].lower_ in _SPLIT_HEADS[marker]):
                continue
            if marker == ("for",) and not (rest and (rest[0].tag_ == "VBG" or rest[0].lower_ in ('"', "“")
                                                     or (rest[0].pos_ == "NOUN" and rest[0].lower_ not in _TIME_WORDS))):
                continue
            words, quoted = [], False
            for j, t in enumerate(rest):
                if t.text in ('"', "“", "”", "«", "»") or t.text == "'" and j == 0:
                    if words or quoted:
                        if quoted:
                            break
                    quoted = True
                    continue
                if not quoted and (t.is_punct or (t.lower_ in _CHARGE_STOP and words and t.lower_ != "to"
                                                  and not (t.lower_ == "in" and words[-1].lower() in _TAKES_IN))):
                    break
                if not quoted and t.lower_ == "to" and words and words[-1] not in ("planning", "attempting", "trying", "calls", "call", "conspiracy"):
                    break
                if quoted and t.text in (".", ";"):
                    break
                words.append(t.text)
                if len(words) >= 12:
                    break
            text = " ".join(words).strip()
            text = re.sub(r"\s+([,.;:'’])", r"\1", text)
            if text and len(text) > 3 and not re.match(r"^(?:the|a|an|his|her|their|its)$", text.lower()):
                out.append((toks[i].i, text, range(toks[i].i + n, toks[i].i + n + j + 1)))
            break
    return out


def _penalties(text: str) -> list[tuple[str, int | None, tuple | None]]:
    out = []
    for m in _FINE.finditer(text):
        out.append((f"fine of {m.group('amount')} {m.group('cur')}", None, (m.group("amount"), m.group("cur"))))
    if not out:
        for m in _AMOUNT.finditer(text):
            out.append((m.group(0), None, (m.group("amount"), m.group("cur"))))
    for m in _PENALTY.finditer(text):
        n = m.group("n").lower()
        num = int(n) if n.isdigit() else _NUM[n]
        unit = m.group("unit").lower()
        days = num if unit == "day" else num * 365 if unit == "year" else num * 30
        out.append((m.group(0), days if unit == "day" else None, None))
    return out


def _modality(sent, tok) -> str | None:
    lo, hi = max(sent.start, tok.i - 6), min(sent.end, tok.i + 3)
    window = " ".join(t.lower_ for t in tok.doc[lo:hi])
    for regex, name in _MODALITY:
        if regex.search(window):
            return name
    return None


def _place_of(ctx: _Ctx, sent, tok):
    """The place attached by "in"/"at" nearest the trigger: in its phrase first, a country last."""
    best, best_rank = None, None
    root = tok.head if tok.dep_ in ("dobj", "pobj", "nsubjpass", "amod", "compound") else tok
    for t in sent:
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near", "outside"):
            for u in _expand(t):
                ent = ctx.ents.at(*_name_span(u))
                if ent is None or ent.kind != "place":
                    continue
                country = (ent.gazetteer_id or "").startswith("country:")
                rank = (not root.is_ancestor(u), country, abs(u.i - tok.i))
                if best_rank is None or rank < best_rank:
                    best, best_rank = ent, rank
    return best


def _date_of(sent, tok, ref):
    best, best_d = None, None
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        lit = normalise_date(ent.text, ref)
        if lit is None:
            continue
        d = min(abs(ent.start - tok.i), abs(ent.end - 1 - tok.i))
        if best_d is None or d < best_d:
            best, best_d = lit, d
    return best


def find_events(doc, entities, article) -> list[Event]:
    """The article's events (merged), each with entity roles, place, date, charges, penalties."""
    ctx = _Ctx(doc, entities)
    single, multi = _index()
    ref = getattr(article, "date", None)
    found: list[Event] = []
    for si, sent in enumerate(ctx.sents):
        toks = list(sent)
        used = set()
        hits = []
        for k in range(len(toks)):
            span = _multi_match(toks, k, multi, used)
            if span is not None:
                end, rule = span
                hits.append((toks[end - 1], rule, "".join(x.text_with_ws for x in toks[k:end]).strip()))
                used |= set(range(k, end))
        charges = _charge_phrases(sent)
        in_charge = {i for _, _, span in charges for i in span}
        for k, t in enumerate(toks):
            if k in used or t.i in in_charge:
                continue
            for rule in single.get(t.lower_, ()):
                if _pos_ok(t, rule):
                    hits.append((t, rule, t.text))
                    break
        charges = [(pos, text) for pos, text, _ in charges]
        pens = _penalties(sent.text)
        sent_events = []
        for tok, rule, trig in sorted(hits, key=lambda h: h[0].i):
            roles = _roles(ctx, tok, rule, sent)
            ev = Event(type=rule["event"], classes={rule["class"]}, triggers=[trig], sentences=[sent.text.strip()],
                       sent_index=si, token_i=tok.i)
            for role, heads in roles.items():
                for h in heads:
                    extra = ctx.subtree_persons(h) if role == "target" else []
                    for ent in ctx.resolve(h, sent.start_char) + extra:
                        if role == "agent_any":
                            ev.agents.add(ent) if ent.kind != "place" else None
                        elif role == "agent":
                            if ent.kind == "org":
                                ev.agents.add(ent)
                        elif role in ("target", "participant", "winner") and ent.kind in ("person", "org"):
                            getattr(ev, role + "s").add(ent)
            if ev.type in _TARGETED:
                ev.agents.discard_all(ev.targets)
            days = _DAYS_AFTER.match(doc.text, tok.idx + len(tok), min(sent.end_char, tok.idx + len(tok) + 80))
            if ev.type == "Detention" and days:
                ev.type, ev.classes = "Sentencing", {"Sentencing"}
                n = days.group("n").lower()
                ev.penalties.append((days.group("pen"), int(n) if n.isdigit() else _NUM.get(n), None))
            place = _place_of(ctx, sent, tok)
            if place is not None:
                ev.places.add(place)
            date = _date_of(sent, tok, ref)
            if date is not None:
                ev.dates.append(date)
            ev.modality = _modality(sent, tok)
            sent_events.append(ev)
        _attach_charges(sent_events, charges)
        for pen in pens:
            sentencing = [e for e in sent_events if e.type == "Sentencing"]
            if sentencing:
                sentencing[0].penalties.append(pen)
        found.extend(sent_events)
    return _merge(found)


def _attach_charges(events: list[Event], charges) -> None:
    legal = [e for e in events if e.type in ("Detention", "Charging", "Sentencing")]
    for pos, text in charges:
        before = [e for e in legal if e.token_i <= pos]
        after = [e for e in legal if e.token_i > pos]
        pick = max(before, key=lambda e: e.token_i) if before else (min(after, key=lambda e: e.token_i) if after else None)
        if pick is not None:
            pick.charges.add(text)


def _key(ents: _EntSet) -> frozenset:
    return frozenset(ents.keys())


def _merge(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for ev in events:
        twin = None
        for other in out:
            if other.type != ev.type:
                continue
            same_targets = _key(other.targets) == _key(ev.targets)
            if ev.type not in _TARGETED:
                same_targets = same_targets and _key(other.participants) == _key(ev.participants)
            if same_targets and (other.sent_index == ev.sent_index or (ev.targets and ev.type in _TARGETED)):
                twin = other
                break
        if twin is None:
            out.append(ev)
            continue
        twin.classes |= ev.classes
        twin.triggers += [t for t in ev.triggers if t not in twin.triggers]
        twin.sentences += [s for s in ev.sentences if s not in twin.sentences]
        for attr in ("agents", "participants", "winners", "charges"):
            getattr(twin, attr).update(getattr(ev, attr))
        if not twin.places:
            twin.places.update(ev.places)
        if not twin.dates:
            twin.dates += ev.dates
        twin.penalties += [p for p in ev.penalties if p not in twin.penalties]
        twin.modality = twin.modality if twin.modality == ev.modality else None
    return out


def _charge_iri(text: str) -> URIRef:
    return URIRef(f"{ID_BASE}charge/{slug(text)}")


def extract_events(doc, entities, article) -> list[tuple]:
    """RDF triples of the events of ``article`` (parsed into ``doc``, entities from ``find_entities``).

    Example:
        >>> from newsgraph.loaders.article import Article
        >>> from newsgraph.loaders.entities import find_entities
        >>> from newsgraph.loaders.nlp import load_nlp
        >>> art = Article(text="Aibek Toktomushev was charged with organizing mass riots.")
        >>> doc = load_nlp()(art.full_text)
        >>> sorted(str(o) for s, p, o in extract_events(doc, find_entities(doc), art) if p == RDFS.label)
        ['organizing mass riots']
    """
    triples: list[tuple] = []
    src = URIRef(article.iri)
    for n, ev in enumerate(find_events(doc, entities, article), 1):
        node = URIRef(f"{ID_BASE}event/{article.key}-{n}")
        classes = {c for c in ev.classes if c != ev.type} or {ev.type}
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
        for text, days, fine in ev.penalties[:1]:
            triples.append((node, NG.penalty, Literal(text)))
            if days is not None:
                triples.append((node, NG.penaltyDays, Literal(days, datatype=XSD.integer)))
            if fine is not None:
                amount = fine[0].replace(",", "")
                if re.fullmatch(r"\d+(?:\.\d+)?", amount):
                    triples.append((node, NG.penaltyAmount, Literal(amount, datatype=XSD.decimal)))
                triples.append((node, NG.penaltyCurrency, Literal(fine[1])))
        for text in sorted(ev.charges):
            charge = _charge_iri(text)
            triples += [(charge, RDF.type, NG.Charge), (charge, RDFS.label, Literal(text)), (node, NG.charge, charge)]
            triples += [(entity_iri(t.kind, t.label), NG.chargedWith, charge) for t in ev.targets if t.kind == "person"]
    return list(dict.fromkeys(triples))
