"""Who an event happened to, who did it and who took part, read from the dependency parse.

:func:`role_heads` finds, for one trigger token, the tokens that fill each role:
the passive subject or the object of "detain"/"sentence" is the target, a
``by`` phrase or an organization as active subject the agent, the subject of
"rallied"/"took part in" a participant, the subject of "won the election" the
winner. :class:`EventMentions` turns those tokens into the article's entities, with the
resolver of :mod:`~newsgraph.loaders.extract.coref`:

* names, with their coordinated and apposed companions ("his clients, A and B");
* pronouns, relative pronouns, "the blogger", "the party", "its officers": the
  readings of :class:`~newsgraph.loaders.extract.coref.Referents`, shared with the ties;
* counts of unnamed people ("57 individuals", "at least 14 people").

Example:
    >>> from newsgraph.loaders.extract.nlp import load_nlp
    >>> from newsgraph.loaders.extract.entities import find_entities
    >>> doc = load_nlp()("Ivan Sokolov and Pavel Orlov spoke to reporters. Police detained them on Monday.")
    >>> m = EventMentions(doc, find_entities(doc))
    >>> verb = next(t for t in doc if t.text == "detained")
    >>> sorted(e.label for h in role_heads(verb, {"event": "Detention"})["target"] for e in m.resolve(h, "target")[0])
    ['Ivan Sokolov', 'Pavel Orlov']
"""
from __future__ import annotations

import re

from newsgraph.text.dates import WEEKDAYS, date_offset, days_in

from ..coref import (PERSON_PRONOUNS, PLURAL_PRONOUNS, REFLEXIVE_PRONOUNS, RELATIVE_PRONOUNS, Referents, among_others,
                     gender_nouns, name_span)
from ..entity_lookup import ORG_NOUNS
from ..wordsets import words
from .penalties import NUMBERS, currency_code

__all__ = ["EventMentions", "role_heads", "words", "subjects", "is_passive", "governing_verb", "NUMBERS",
           "TARGETED", "number_of", "TIME_PREPS", "PLACE_PREPS"]


TARGETED = frozenset({"Detention", "Charging", "Sentencing", "Release", "Violence"})
_SINGULAR = PERSON_PRONOUNS | REFLEXIVE_PRONOUNS
_DEFINITE = words("roles_definite")
_QUANT_OF = words("roles_quant_of")  # "all of them" is the whole group
_TARGET_SUBJ_VERBS = words("roles_target_subj_verbs")
_GIVER_VERBS = words("roles_giver_verbs")
TIME_PREPS = words("time_preps")
_APPEAL_VERBS = words("roles_appeal_verbs")
_SUSPECT_NOUNS = words("roles_suspect_nouns")
ATTEMPT_VERBS = words("roles_attempt_verbs")
_PLACING_VERBS = words("roles_placing_verbs")
PLACE_PREPS = words("place_preps")
_HOLD_VERBS = words("roles_hold_verbs")
_PERMITS = words("roles_permits")
_DISPUTE_VERBS = words("roles_dispute_verbs")




def number_of(tok) -> int | None:
    """The integer a number token states ("57", "1,300", "seven"), or None."""
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text)


# ---------------------------------------------------------------- parse helpers
def _children(tok, *deps):
    return [c for c in tok.children if c.dep_ in deps]


def subjects(verb):
    """Subject heads of a verb and whether they are passive subjects.

    Inherited from the verb it is coordinated with, controlled by ("ordered to pay",
    "after being beaten"), or the noun a participle modifies ("people detained").
    """
    v = verb
    for _ in range(5):
        subj = _children(v, "nsubj", "nsubjpass", "csubj")
        if subj:
            return subj, any(s.dep_ == "nsubjpass" for s in subj)
        if v.dep_ == "xcomp" and v.head.lower_ in _APPEAL_VERBS:
            callee = [g for c in _children(v.head, "prep") if c.lower_ in ("on", "upon") for g in _children(c, "pobj")]
            return callee or _children(v.head, "dobj"), False  # "X called on the authorities to release Y": not X
        if v.dep_ == "xcomp" and _children(v.head, "dobj") and v.head.lower_ not in ("tried", "try", "trying"):
            return _children(v.head, "dobj"), True  # "ordered X to pay": X
        if v.dep_ in ("conj", "xcomp") or (v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN")):
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.tag_ in ("VBG", "VBN") and v.head.dep_ == "prep" and v.head.lower_ in TIME_PREPS \
                and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head.head  # "X was fined after being found guilty": X
            continue
        if v.dep_ in ("acl", "relcl", "amod") and v.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return [_named_by_apposition(v.head)], v.tag_ != "VBG"  # "people detained": passive; "videos accusing X": active
        break
    return [], False


def _named_by_apposition(noun):
    """The name a common noun stands beside: "X, a defender and lawyer from Y convicted in May": X (the noun
    is "lawyer", coordinated with "defender", an apposition of X); else the noun itself."""
    t = noun
    for _ in range(3):
        if t.pos_ != "NOUN" or t.dep_ not in ("appos", "conj"):
            break
        if t.dep_ == "appos" and t.head.pos_ == "PROPN":
            return t.head
        t = t.head
    return noun


def is_passive(verb) -> bool:
    if _children(verb, "auxpass", "nsubjpass"):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "conj", "advcl", "oprd", "xcomp") \
        and not _children(verb, "nsubj")


def _by_agents(tok):
    out = []
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(_children(c, "pobj"))
    return out


def _along_with(tok):
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("alongside", "with") and (c.lower_ == "alongside" or any(
                g.lower_ in ("along", "together") for g in [*c.head.children, *c.children] if g.i == c.i - 1)
                or c.head.lower_ in ("along", "together")):
            out.extend(_children(c, "pobj"))
        if c.dep_ == "prep" and c.lower_ == "including":  # "detained six of them, including X"
            out.extend(_children(c, "pobj"))
        if c.pos_ == "PROPN" and c.dep_ in ("dep", "appos", "npadvmod", "conj") and any(
                g.dep_ == "prep" and g.lower_ == "among" and any(p.lower_ in ("them", "those", "these") for p in g.children)
                for g in c.children):
            out.append(c)  # "Dozens gathered, among them X and Y"
        if c.dep_ in ("prep", "advmod") and c.lower_ in ("along", "together"):
            for g in _children(c, "prep"):
                if g.lower_ == "with":
                    out.extend(_children(g, "pobj"))
    return out


def _negated(verb) -> bool:
    """ "did not win", "failed to win", "lost": the subject did not win."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in ("failed", "fail", "fails", "tried", "hoped", "sought", "wanted")


def governing_verb(tok):
    """The verb a noun or adjective trigger hangs from ("took part in a rally" -> took), or None.

    Climbs only through object, preposition and modifier links, never out of a
    relative clause or into another noun's modifiers.
    """
    t = tok
    for _ in range(5):
        if t.head.i == t.i:
            return None
        if t.dep_ not in ("dobj", "pobj", "prep", "attr", "oprd", "compound", "amod", "nsubj", "nsubjpass",
                          "conj", "dative", "npadvmod", "appos", "pcomp", "acomp", "advmod"):
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def is_verbal(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or (
        tok.pos_ == "ADJ" and tok.text.endswith("ed") and tok.dep_ not in ("amod", "compound"))


# ---------------------------------------------------------------- role heads
def role_heads(tok, rule) -> dict[str, list]:
    """Role -> head tokens for one trigger token and its rule (``event``, optional ``subject``).

    Roles: ``target``, ``agent`` (organizations only), ``agent_any`` (a ``by`` phrase:
    any actor), ``participant``, ``winner``, ``companion`` ("detained along with X": X shares
    the role of the subject), ``holder`` ("X held a picket": people take part, organizations organise).
    """
    roles: dict[str, list] = {"target": [], "agent": [], "agent_any": [], "participant": [], "winner": [],
                              "companion": [], "holder": []}
    etype = rule["event"]
    targeted = etype in TARGETED
    subj_role = rule.get("subject") or ("participant" if etype in ("Protest", "Election") else "agent")
    if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd", "ccomp", "amod", "xcomp") and tok.head.lower_ in (
            "found", "find", "finds", "declared", "pleaded", "pled", "ruled"):
        verb = tok.head  # "found X guilty", "X was found guilty", "found dead"
        subj, passive = subjects(verb)
        objs = _children(verb, "dobj") or _children(tok, "nsubj")
        if tok.dep_ == "amod" and tok.head.pos_ in ("PROPN", "NOUN", "PRON"):
            objs = [tok.head]
            verb = tok.head.head
            subj, passive = subjects(verb)
        roles["target"] += objs if objs and not passive else subj
        if not passive and objs:
            roles["agent"] += subj
        roles["agent_any"] += _by_agents(verb)
        roles["companion"] += _along_with(verb) + _along_with(tok) + _subject_companions(subj, roles)
        return roles
    if tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        roles["target" if targeted else "participant"].append(tok.head)   # "the dead protester"
        if tok.head.dep_ == "dobj" and tok.head.head.lower_ in ("found", "find", "finds"):
            roles["agent"] += subjects(tok.head.head)[0]  # "the court found X, 48, guilty"
        return roles
    if tok.pos_ == "ADJ" and etype == "Violence":
        if tok.dep_ == "oprd" and _children(tok.head, "dobj"):
            roles["target"] += _children(tok.head, "dobj")  # "leaving 238 people dead"
        elif tok.dep_ in ("acomp", "oprd"):
            roles["target"] += subjects(tok.head)[0]
        return roles
    if is_verbal(tok) and tok.pos_ != "NOUN":
        return _verb_roles(tok, etype, targeted, subj_role, roles)
    return _noun_roles(tok, etype, targeted, subj_role, roles)


def _second_object(verb) -> list:
    """ "sentenced X to 15 days and Y to 10 days": the parser hangs Y on the first penalty as its
    conjunct; a name coordinated inside a "to" phrase is a second object of the verb."""
    out = []
    for prep in _children(verb, "prep"):
        if prep.lower_ != "to":
            continue
        for t in prep.subtree:
            if t.dep_ == "conj" and t.pos_ == "PROPN" and t.head.pos_ == "NOUN" and t.head.i != t.i \
                    and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children if c.i > t.i):
                out.append(t)
    return out


def _gapped_targets(verb) -> list:
    """ "A got six years, B five" / "jailed A for seven years, B for four": the verb left out of a
    second clause of a list of penalties. The parser hangs B on the verb as an adverbial noun
    after a comma; it is another target when a number follows it, bare or in a preposition."""
    out = []
    doc = verb.doc
    for t in _children(verb, "npadvmod"):
        if t.pos_ != "PROPN" or t.left_edge.i == 0 or doc[t.left_edge.i - 1].text != ",":
            continue
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if any(c.dep_ == "nummod" and c.i > t.i for c in t.children) or (
                after is not None and after.dep_ == "prep" and after.head == verb
                and any(x.pos_ == "NUM" for x in after.subtree)):
            out.append(t)
    return out


def _verb_roles(tok, etype, targeted, subj_role, roles):
    subj, passive = subjects(tok)
    subj = among_others(subj) or subj
    passive = passive or is_passive(tok)
    roles["agent_any"] += _by_agents(tok)
    objs = _children(tok, "dobj", "dative")
    if tok.lower_ in words("win_verbs") and etype == "Election":
        if not _negated(tok):
            roles["winner"] += subj
        roles["participant"] += subj
        return roles
    if passive:
        roles["target" if targeted or subj_role == "target" else "participant"] += subj
        if targeted and subj:
            roles["target"] += _gapped_targets(tok)
    elif targeted and not objs and subj_role != "target" and tok.tag_ in ("VBD", "VBN") and subj \
            and not _children(tok, "xcomp") and all(
            s.lower_ in words("people_nouns") or s.lower_ in words("group_nouns") or s.pos_ == "PROPN"
            for s in subj) and not any(s.lower_ in words("agent_nouns") | words("authority_nouns") for s in subj):
        roles["target"] += subj  # "Two men detained last week ..." parsed as active: a reduced relative
        #                          (not "X tried to flee": a verb with its own "to" clause is no relative)
    else:
        roles[subj_role] += subj
        if targeted:
            roles["target"] += objs + (_second_object(tok) + _gapped_targets(tok) if objs else [])
            if not objs:  # "ordered him held": the subject of an object clause
                roles["target"] += [c for x in _children(tok, "ccomp", "xcomp") for c in _children(x, "nsubj")
                                    if x.tag_ == "VBN"]
        elif etype == "Protest" and objs and subj_role == "participant":
            pass
    roles["companion"] += _along_with(tok) + _subject_companions(subj, roles)
    return roles


def _subject_companions(subj, roles):
    """ "X, along with Y and Z, was sentenced": the companions of a subject that holds the event's own role."""
    return [c for s in subj if s in roles["target"] or s in roles["participant"] for c in _along_with(s)]


def _noun_roles(tok, etype, targeted, subj_role, roles):
    roles["agent_any"] += _by_agents(tok)
    role_of_own = "target" if targeted else "participant"
    for c in tok.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("GPE", "LOC", "DATE", "TIME"):
            roles["agent" if etype == "Protest" and c.pos_ == "PROPN" else role_of_own].append(c)
        elif c.dep_ == "prep" and c.lower_ in ("of", "against", "for") and (targeted or etype == "Election"):
            if c.lower_ == "for" and etype in ("Detention", "Sentencing") and not any(
                    g.pos_ in ("PROPN", "PRON") for g in _children(c, "pobj")):
                continue
            roles[role_of_own] += [g for g in _children(c, "pobj") if g.pos_ in ("PROPN", "PRON", "NOUN", "NUM")]
        elif c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
            subj = [s for s in _children(c, "nsubj") if s.lower_ not in RELATIVE_PRONOUNS]
            if c.lower_ in _HOLD_VERBS:
                roles["holder"] += subj
            elif c.lower_ in words("organise_verbs"):
                roles["agent"] += subj
                roles["agent_any"] += _by_agents(c)
            elif c.lower_ in words("run_verbs") and not targeted:
                roles["participant"] += subj
            elif targeted and c.lower_ in _DISPUTE_VERBS:
                roles["target"] += subj  # "a charge he has denied", "the sentence she is serving"
    if etype == "Charging" and not any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children):
        # "a case for 'X' against Y": the parser may hang "against Y" on the offence
        roles["target"] += [g for d in tok.subtree if d.dep_ == "prep" and d.lower_ == "against" and d.i > tok.i
                            for g in _children(d, "pobj") if g.pos_ in ("PROPN", "PRON")][:3]
    verb = governing_verb(tok)
    if verb is None:
        return roles
    subj, passive = subjects(verb)
    passive = passive or is_passive(verb)
    word = verb.lower_
    attached_by = tok.head.lower_ if tok.dep_ == "pobj" else None
    if targeted:
        recipients = _children(verb, "dative") + [g for c in _children(verb, "prep") if c.lower_ in ("to", "on", "upon")
                                                  for g in _children(c, "pobj") if g.pos_ in ("PROPN", "PRON", "NOUN", "NUM")
                                                  and g.i != tok.i and not tok.is_ancestor(g)]
        if attached_by in ("for", "during", "over", "despite", "until", "against", "without") or (
                attached_by in ("after", "before", "since", "following") and (roles["target"] or tok.lower_ in (
                    "release", "arrest", "detention") or not passive and word not in _TARGET_SUBJ_VERBS)):
            return roles  # "detained for failing to pay a fine", "after his release": not this event's roles
        placed = [c for c in _children(verb, "dobj") if not tok.is_ancestor(c) and c.i != tok.i]
        if not passive and placed and word in _PLACING_VERBS and attached_by in PLACE_PREPS:
            roles["target"] += placed  # "the court placed him in custody", "sent X to pretrial detention"
            roles["agent"] += subj
            roles["companion"] += _along_with(verb)
            return roles
        if word in _GIVER_VERBS and not passive:
            if tok.dep_ != "dobj":  # "gave X five years": X is the object
                recipients += [c for c in _children(verb, "dobj") if not tok.is_ancestor(c) and c.i != tok.i]
            t = tok  # "handed 15 days of administrative arrest to X": "to X" may hang on the penalty phrase
            while t.i != verb.i and t.head.i != t.i:
                recipients += [g for c in _children(t, "prep") if c.lower_ == "to" for g in _children(c, "pobj")
                               if g.pos_ in ("PROPN", "PRON")]
                t = t.head
            roles["target"] += recipients
            roles["agent"] += subj
        elif etype == "Charging" and attached_by == "on" and tok.lower_ in ("charge", "charges", "accusation", "accusations"):
            objs = [c for c in _children(verb, "dobj") if c.i != tok.i]  # "detained X on charges of", "wants him
            roles["target"] += objs if objs and not passive else subj    # extradited on charges of": X, him
        elif etype == "Charging" and attached_by in ("in", "at", "into") and tok.head.head.lower_ not in _SUSPECT_NOUNS:
            pass  # "questioned as a witness in a criminal case": not the one charged
        elif passive or word in _TARGET_SUBJ_VERBS or tok.dep_ in ("pobj",) and attached_by in PLACE_PREPS:
            roles["target"] += subj
            roles["agent_any"] += _by_agents(verb)
        elif recipients and word not in words("reporting_verbs"):  # not "confirmed the verdict to AFP"
            roles["target"] += recipients
            roles["agent"] += subj
        elif tok.dep_ in ("dobj", "attr", "oprd") and (subj_role == "target" or word in _DISPUTE_VERBS):
            roles["target"] += subj  # "X denies the charges"
        roles["companion"] += _along_with(verb) + _subject_companions(subj, roles)
    elif etype == "Protest":
        if attached_by in ("during", "after", "before", "since", "over", "against", "ahead", "amid", "following"):
            return roles
        if word in _HOLD_VERBS and verb.dep_ == "acl" and verb.head.lower_ in _PERMITS:
            roles["agent"] += _permit_holders(verb.head)  # "denied the party the right to hold a rally"
        elif passive:
            roles["agent_any"] += _by_agents(verb)
        elif word in _HOLD_VERBS:
            roles["holder"] += subj  # "the group held a picket": its people took part; "the party held a rally": it organised
        elif word in words("organise_verbs"):
            roles["agent"] += subj
            roles["agent_any"] += [s for s in subj if s.pos_ in ("PROPN", "PRON")]
        elif word in words("run_verbs") or attached_by in ("in", "at") or (
                attached_by == "on" and word in ("went", "go", "goes", "going", "gone")):  # "went on hunger strike"
            roles["participant"] += subj
    elif etype == "Election":
        if word in words("win_verbs"):
            if not _negated(verb):
                roles["winner"] += subj
            roles["participant"] += subj
        elif tok.head.lower_ == "of" and tok.head.head.lower_ in ("winner", "victor"):
            roles["winner"] += subj
            roles["participant"] += subj
        elif word in words("lose_verbs") and tok.dep_ == "dobj":  # "X lost the mayoral vote to Y": Y won
            won = [g for c in _children(verb, "prep") if c.lower_ == "to" for g in _children(c, "pobj")]
            roles["winner"] += won
            roles["participant"] += subj + won
        elif word in words("run_verbs") and not passive and not (verb.dep_ == "xcomp" and verb.head.lower_ in ATTEMPT_VERBS) \
                and not any(c.dep_ == "neg" for c in verb.children):
            roles["participant"] += subj  # not "had tried to run in the elections, but was struck from the list",
            # nor "could not take part in the elections"
    return roles


def _permit_holders(noun) -> list:
    """Who was given or denied "the right"/"permission" (``noun``): "refused the party permission", "X was denied the right"."""
    gov = noun.head
    if noun.dep_ != "dobj" or gov.pos_ not in ("VERB", "AUX"):
        return []
    out = [c for c in gov.children if c.dep_ in ("dobj", "dative") and c.i != noun.i]
    out += [c for c in noun.children if c.dep_ in ("compound", "poss") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return out or _children(gov, "nsubjpass")


def expand(tok) -> list:
    """The token with its conjuncts and appositions, "including X", and "all of X" (recursively)."""
    out, todo, seen = [], [tok], set()
    while todo:
        t = todo.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append(t)
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.pos_ == "NOUN" and nxt is not None and nxt.lower_ == "from" and nxt.dep_ == "prep" and not any(
                c.dep_ == "appos" for c in t.children):
            # "another worker from Zhanaozen, Jane Roe,": the parser hangs the name on the place
            todo.extend(a for g in nxt.children if g.dep_ == "pobj" for a in g.children
                        if a.dep_ == "appos" and a.pos_ == "PROPN")
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                todo.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("including", "among"):
                todo.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ == "of" and t.lower_ in _QUANT_OF:
                todo.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ == "of" and t.lower_ == "one":
                # "One of those detained, Jane Roe, ...": the parser hangs the name inside the "of" phrase
                todo.extend(g for g in c.subtree if g.pos_ == "PROPN" and (
                    g.dep_ == "appos" or g.dep_ == "pobj" and g.head.i == c.i))  # or "those detained X" read as one noun
    return out


def _is_currency(word: str) -> bool:
    return currency_code(word) is not None


_DAY_ORDINAL = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$")


class EventMentions(Referents):
    """An article's referents (:class:`~newsgraph.loaders.extract.coref.Referents`) with what the event
    reader needs on top: the date phrases of each sentence, and the entities (and count of unnamed
    people) a role head stands for."""

    def __init__(self, doc, entities):
        super().__init__(doc, entities)
        self.dates_of: dict[int, list] = {}  # sentence start token -> its DATE spans ("Wednesday morning", a TIME, too)
        self.day_context: dict[int, object] = {}  # "on the 26th": its token -> the date span that gives its month
        last_date = None
        for ent in doc.ents:
            if ent.label_ == "DATE" or ent.label_ == "TIME" and (any(t.lower_ in WEEKDAYS for t in ent)
                                                                or date_offset(ent.text) is not None):  # "hours later"
                self.dates_of.setdefault(ent.sent.start, []).append(ent)
                last_date = ent
            elif ent.label_ == "ORDINAL" and last_date is not None and _DAY_ORDINAL.match(ent.text) \
                    and ent.start >= 2 and doc[ent.start - 1].lower_ == "the" and doc[ent.start - 2].lower_ in ("on", "by") \
                    and ent.start_char - last_date.end_char < 400:
                self.dates_of.setdefault(ent.sent.start, []).append(ent)  # "On May 3 ... On the 5th, ..."
                self.day_context[ent.start] = last_date
        named = [(e.start_char, e.end_char) for e in doc.ents]
        for start, end in days_in(doc.text):  # "in the early hours of January 6, 2021": a day the model left out
            span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
            if span is not None and not any(a < end and start < b for a, b in named):
                self.dates_of.setdefault(span.sent.start, []).append(span)

    def resolve(self, head, role: str) -> tuple[list, int | None]:
        """(entities, count of unnamed people) that a role head stands for."""
        found, count = [], None

        def add(ents):
            for ent in ents:
                if ent is not None and not any(ent is x for x in found):
                    found.append(ent)

        for t in expand(head):
            low = t.lower_
            if low in RELATIVE_PRONOUNS and t.pos_ in ("PRON", "DET") and t.head.dep_ in ("relcl", "acl"):
                got = self.relative_refs(t, lambda x: self.resolve(x, role)[0])
                add(got)
                noun = t.head.head
                if not got and noun.pos_ in ("NOUN", "NUM") and count is None:
                    count = self.resolve(noun, role)[1]  # "two people who staged pickets"
            elif low in ("who", "whom") and t.tag_ == "WP":  # a relative clause the parser hung elsewhere
                add([self.person_before(t)])
            elif low in PLURAL_PRONOUNS and t.pos_ == "PRON":
                add(self.group_before(t))
            elif low in _SINGULAR and t.pos_ == "PRON":
                add([self.person_for(t)])
            elif low in ("its",) or (low == "it" and role in ("agent", "agent_any")):
                add([self.org_for(t)])
            elif t.pos_ in ("PROPN", "PRON", "NOUN", "NUM", "DET", "ADJ", "X", "VERB"):
                ent = self.at(*name_span(t)) if t.pos_ in ("PROPN", "X", "VERB", "ADJ") or t.tag_ == "NNP" else \
                    self.at(t.idx, t.idx + len(t))
                if ent is None and t.pos_ == "NOUN" and low in ORG_NOUNS:
                    ent = self.at(*name_span(t))  # "the ruling Amanat party"
                    ent = ent if ent is not None and ent.kind == "org" else None
                if ent is not None:
                    add([ent])
                    if ent.kind == "person" and role in ("target", "participant", "holder"):
                        add(self.group_at(t.idx))
                        add(self.stray_conjuncts(t))
                    continue
                if t.pos_ == "NOUN" and role in ("target", "participant") and not any(
                        c.dep_ in ("det", "nummod", "poss") for c in t.children) and (
                        low in words("people_nouns") | words("group_nouns") | words("title_nouns")):
                    named = self.named_after(t)  # "activists Jane Roe and John Doe were put into custody"
                    if named is not None:
                        at = next((m.start for m in named.mentions if m.start >= t.idx + len(t)), None)
                        add([named] + [p for p in (self.group_at(at) if at is not None else ()) if p.kind == "person"])
                        continue
                got, n = self._common_noun(t, role)
                if not got and n is None and t.pos_ == "NOUN" and low in words("title_nouns"):
                    got = [self.named_after(t)]  # "activist Jane Roe" where the parser lost the name
                add(got)
                if n is not None and count is None:
                    count = n
        return [e for e in found if e.kind in ("person", "org")], count

    def _common_noun(self, t, role) -> tuple[list, int | None]:
        low = t.lower_
        dets = {c.lower_ for c in t.children if c.dep_ in ("det", "predet")}
        nums = [number_of(c) for c in t.children if c.dep_ == "nummod"]
        nums = [n for n in nums if n is not None]
        if role in ("agent", "agent_any") and low in words("agent_nouns"):
            for c in t.children:  # "its officers", "GKNB officers", "officers of the GKNB"
                if c.dep_ == "poss":
                    if c.lower_ in ("its", "their"):
                        return [self.org_for(c)], None
                    ent = self.at(*name_span(c))
                    return ([ent] if ent is not None and ent.kind == "org" else []), None
                if c.dep_ == "compound":
                    ent = self.at(c.idx, c.idx + len(c))
                    if ent is not None and ent.kind == "org":
                        return [ent], None
                if c.dep_ == "prep" and c.lower_ == "of":
                    ents = [self.at(*name_span(g)) for g in _children(c, "pobj")]
                    return [e for e in ents if e is not None and e.kind == "org"], None
            return [], None
        poss = [c for c in t.children if c.dep_ == "poss" and c.lower_ in ("its", "his", "her", "their")]
        if low in words("group_nouns") and dets & _DEFINITE:
            group = self.group_before(t)  # "the group": the people named together last
            if group:
                return group, None
        if low in ORG_NOUNS and t.pos_ == "NOUN" and ("the" in dets or poss) and not nums:
            org = self.org_called(t)  # "the party", "his party": the party named last
            return ([org] if org is not None else []), None
        if poss and t.pos_ == "NOUN" and t.tag_ == "NN" and low in gender_nouns() and not nums:
            person = self.titled_person(t)  # "her husband": the one introduced as "her husband X" (or "X, her husband")
            if person is not None:
                return [person], None
        if dets & _DEFINITE or low == "both":
            if low in words("group_nouns") or (t.pos_ == "NUM" and "the" in dets) or low == "both":
                return self.group_before(t), None
            if t.pos_ == "NOUN" and low in ("man", "woman") and "the" in dets and not nums:
                person = self.salient_person(t.idx, "male" if low == "man" else "female")  # "the young man": the one
                return ([person] if person else []), None                          # the article is about
            if t.pos_ == "NOUN" and t.tag_ == "NN" and "the" in dets | {"this"} and not nums:
                if any(low == title.split()[-1] for title in words("title_nouns")):
                    person = self.titled_person(t)  # "the blogger": the one introduced as "blogger X"
                    return ([person] if person else []), None
            return [], None
        if t.pos_ == "NUM" and not dets:
            n = number_of(t)
            if n is not None and (any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children) or t.dep_ in ("nsubj", "nsubjpass", "dobj")):
                return [], n
        if low in words("people_nouns"):
            return [], (nums[0] if nums else 0)  # 0: some unnamed people ("several activists")
        if role == "target" and nums and t.tag_ == "NNS" and t.pos_ == "NOUN" and not dets and nums[0] <= 1000 \
                and low not in words("unit_nouns") and not _is_currency(low):
            return [], nums[0]  # "detained two pre-candidates": people counted, whatever the noun
        return [], None
