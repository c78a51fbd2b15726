"""Who an event happened to, who did it and who took part, read from the dependency parse.

:func:`role_heads` finds, for one trigger token, the tokens that fill each role:
the passive subject or the object of "detain"/"sentence" is the target, a
``by`` phrase or an organization as active subject the agent, the subject of
"rallied"/"took part in" a participant, the subject of "won the election" the
winner. :class:`Mentions` turns those tokens into the article's entities:

* names, with their coordinated and apposed companions ("his clients, A and B");
* pronouns: ``he``/``him``/``his`` is the person named last (not the subject
  of the pronoun's own verb), ``they``/``them``/``both``/"the two men"/"the
  activists" the group of people named together last, within a few sentences;
* relative pronouns: the noun they hang from, or the person named just before
  ``who``; "one of many activists who" is the subject of the copula;
* "its officers", "officers of the X", "X officers": the organization X, or
  the organization that reports what its officers did;
* "the blogger": the person last introduced as "blogger Jane Roe";
* counts of unnamed people ("57 individuals", "at least 14 people").

Example:
    >>> from newsgraph.loaders.extract.nlp import load_nlp
    >>> from newsgraph.loaders.extract.entities import find_entities
    >>> doc = load_nlp()("Ivan Sokolov and Pavel Orlov spoke to reporters. Police detained them on Monday.")
    >>> m = Mentions(doc, find_entities(doc))
    >>> verb = next(t for t in doc if t.text == "detained")
    >>> sorted(e.label for h in role_heads(verb, {"event": "Detention"})["target"] for e in m.resolve(h, "target")[0])
    ['Ivan Sokolov', 'Pavel Orlov']
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..coref import gender_of, pronoun_gender
from ..wordsets import words
from ..entities import doc_text
from .penalties import NUMBERS, currency_code
from newsgraph.text.dates import WEEKDAYS, date_offset
from ..entity_lookup import (ORG_NOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS, REFLEXIVE_PRONOUNS, RELATIVE_PRONOUNS, char_spans,
                            entity_at)

__all__ = ["Mentions", "role_heads", "words", "subjects", "is_passive", "governing_verb", "NUMBERS",
           "TARGETED", "number_of"]


TARGETED = frozenset({"Detention", "Charging", "Sentencing", "Release", "Violence"})
_SINGULAR = PERSON_PRONOUNS | REFLEXIVE_PRONOUNS
_DEFINITE = words("roles_definite")
_QUANT_OF = words("roles_quant_of")  # "all of them" is the whole group
_TARGET_SUBJ_VERBS = words("roles_target_subj_verbs")
_GIVER_VERBS = words("roles_giver_verbs")
_TIME_PREPS = words("roles_time_preps")
_APPEAL_VERBS = words("roles_appeal_verbs")
_SUSPECT_NOUNS = words("roles_suspect_nouns")
ATTEMPT_VERBS = words("roles_attempt_verbs")
_PLACING_VERBS = words("roles_placing_verbs")
_PLACE_PREPS = words("roles_place_preps")
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
        if v.dep_ == "pcomp" and v.tag_ in ("VBG", "VBN") and v.head.dep_ == "prep" and v.head.lower_ in _TIME_PREPS \
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
                g.lower_ in ("along", "together") for g in c.head.children if g.i == c.i - 1) or c.head.lower_ in ("along", "together")):
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


def _among(subj) -> list:
    """ "Among those jailed was X", "X was among those detained": the copula's other side."""
    out = []
    for s in subj:
        if s.dep_ == "pobj" and s.head.lower_ == "among" and s.head.head.pos_ == "AUX":
            cop = s.head.head
            out += [c for c in cop.children if c.dep_ in ("nsubj", "attr", "nsubjpass") and c.i != s.i]
    return out


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


def _verb_roles(tok, etype, targeted, subj_role, roles):
    subj, passive = subjects(tok)
    subj = _among(subj) or subj
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
    elif targeted and not objs and subj_role != "target" and tok.tag_ in ("VBD", "VBN") and subj \
            and not _children(tok, "xcomp") and all(
            s.lower_ in words("people_nouns") or s.lower_ in words("group_nouns") or s.pos_ == "PROPN"
            for s in subj) and not any(s.lower_ in words("agent_nouns") | words("authority_nouns") for s in subj):
        roles["target"] += subj  # "Two men detained last week ..." parsed as active: a reduced relative
        #                          (not "X tried to flee": a verb with its own "to" clause is no relative)
    else:
        roles[subj_role] += subj
        if targeted:
            roles["target"] += objs + (_second_object(tok) if objs else [])
            if not objs:  # "ordered him held": the subject of an object clause
                roles["target"] += [c for x in _children(tok, "ccomp", "xcomp") for c in _children(x, "nsubj")
                                    if x.tag_ == "VBN"]
        elif etype == "Protest" and objs and subj_role == "participant":
            pass
    roles["companion"] += _along_with(tok)
    return roles


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
        if not passive and placed and word in _PLACING_VERBS and attached_by in _PLACE_PREPS:
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
        elif passive or word in _TARGET_SUBJ_VERBS or tok.dep_ in ("pobj",) and attached_by in _PLACE_PREPS:
            roles["target"] += subj
            roles["agent_any"] += _by_agents(verb)
        elif recipients and word not in words("reporting_verbs"):  # not "confirmed the verdict to AFP"
            roles["target"] += recipients
            roles["agent"] += subj
        elif tok.dep_ in ("dobj", "attr", "oprd") and (subj_role == "target" or word in _DISPUTE_VERBS):
            roles["target"] += subj  # "X denies the charges"
        roles["companion"] += _along_with(verb)
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
        elif word in words("run_verbs") and not passive and not (verb.dep_ == "xcomp" and verb.head.lower_ in ATTEMPT_VERBS):
            roles["participant"] += subj  # not "had tried to run in the elections, but was struck from the list"
    return roles


def _permit_holders(noun) -> list:
    """Who was given or denied "the right"/"permission" (``noun``): "refused the party permission", "X was denied the right"."""
    gov = noun.head
    if noun.dep_ != "dobj" or gov.pos_ not in ("VERB", "AUX"):
        return []
    out = [c for c in gov.children if c.dep_ in ("dobj", "dative") and c.i != noun.i]
    out += [c for c in noun.children if c.dep_ in ("compound", "poss") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return out or _children(gov, "nsubjpass")


#: Between two names of one list: a comma or "and", then at most four lowercase title words
#: ("X, human rights defender Y and blogger Z").
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|&)\s*")
_GROUP_GAP = re.compile(r"\s*(?:,|,?\s*and|&)\s*(?:[a-z][a-z'-]*\s+){0,4}")
_NOT_TITLE = words("roles_not_title")


#: What follows a closing quote when its speaker is named: ', X said', ' X told Reuters', ', said X'.
_SAID_AFTER = re.compile(r"\s*,?\s*(?:(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|told|added|wrote|recalled|explained)\b"
                         r"|(?:said|says|added|told|wrote)\s+(?:[\w'’.-]+\s+){0,4}?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")


def _unnamed_person_before(pron, mentions) -> bool:
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
            ent = mentions.at(*_name_span(x))
            return ent is not None and ent.kind == "person"

        if t.dep_ in ("appos", "attr") or t.head.pos_ == "PROPN" or any(
                c.dep_ in ("appos", "compound", "flat") and c.pos_ == "PROPN" and person(c) for c in t.children):
            continue  # "Jane Roe, a lawyer, said her ...", "X is a lawyer": named
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and person(nxt):
            continue  # "a blogger Jane Roe"
        return True
    return False


# ---------------------------------------------------------------- mentions
def _name_span(tok) -> tuple[int, int]:
    toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat") and c.i < tok.i]
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


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


_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
_DAY_ORDINAL = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$")


class Mentions:
    """The article's entity mentions, looked up by character offsets, with references resolved."""

    def __init__(self, doc, entities):
        self.doc = doc
        self.text = doc_text(doc)  # built once: spaCy rebuilds it on every access
        self.spans = char_spans(entities)
        self.starts = [s for s, _, _ in self.spans]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.paragraph = self._paragraphs()
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
        self.groups = self._groups(_LIST_GAP)
        self.titled_groups = self._groups(_GROUP_GAP)  # for "they": lists with title words between names

    # -- basic lookups
    def at(self, start: int, end: int):
        """The entity with a mention overlapping [start, end), or None."""
        return entity_at(self.spans, self.starts, start, end)

    def sent_index(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def _paragraphs(self) -> list[int]:
        out, para, prev_end = [], 0, 0
        text = self.text
        for s in self.sents:
            if "\n" in text[prev_end:s.start_char] or "\n" in text[max(0, s.start_char - 1):s.start_char]:
                para += 1
            out.append(para)
            prev_end = s.end_char
        return out

    def _groups(self, gap) -> list[tuple[int, int, tuple]]:
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
    def last_group(self, pos: int, max_back: int = 3) -> tuple:
        """The persons of the last group named before ``pos``, within ``max_back`` sentences."""
        floor = self.sent_starts[max(0, self.sent_index(pos) - max_back)]
        best = ()
        for s, e, people in sorted(self.groups + self.titled_groups, key=lambda g: (g[1], len(g[2]))):
            if e <= pos and s >= floor:
                best = people
        return best

    def group_at(self, pos: int) -> tuple:
        """The persons of the run of names ("A, B and C") that covers ``pos``."""
        for s, e, people in self.groups:
            if s <= pos < e:
                return people
        return ()

    def _stray_conjuncts(self, tok) -> list:
        """"detained A in X and B in Y": B hangs from the place X; it shares A's role."""
        out = []
        for t in tok.sent:
            if t.i > tok.i and t.dep_ == "conj" and t.head.i > tok.i:
                head_ent = self.at(t.head.idx, t.head.idx + len(t.head))
                ent = self.at(*_name_span(t))
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

    def last_person(self, pos: int, max_back: int = 2, exclude=(), sex: str | None = None):
        """The person named last before ``pos`` (within ``max_back`` sentences), of the pronoun's sex if known."""
        return self._last(pos, max_back, lambda s, e, ent: e <= pos and ent.kind == "person" and not any(
            ent is x for x in exclude) and gender_of(ent.label) in (None, sex or gender_of(ent.label)))

    def salient_person(self, pos: int, sex: str, exclude=()):
        """The person named most often so far, if named in the last five sentences: the article's subject."""
        floor = self.sent_starts[max(0, self.sent_index(pos) - 5)]
        far = self.sent_starts[max(0, self.sent_index(pos) - 40)]  # the article so far, within reason
        counts: dict[int, list] = {}
        recent = set()
        for s, e, ent in self.spans[bisect_right(self.starts, far - 1):]:
            if e > pos:
                break
            if ent.kind == "person" and gender_of(ent.label) in (None, sex) and not any(ent is x for x in exclude):
                counts.setdefault(id(ent), [0, ent])[0] += 1
                if s >= floor:
                    recent.add(id(ent))
        ranked = sorted((v for k, v in counts.items() if k in recent), key=lambda v: -v[0])
        return ranked[0][1] if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]) else None

    def last_org(self, pos: int, max_back: int = 2):
        return self._last(pos, max_back, lambda s, e, ent: e <= pos and ent.kind == "org")

    def person_titled(self, title: str, pos: int, max_back: int = 6):
        """The person last introduced with ``title`` right before a mention ("blogger Jane Roe")."""
        text = self.text
        return self._last(pos, max_back, lambda s, e, ent: ent.kind == "person" and e <= pos and (re.search(
            rf"\b{re.escape(title)}s?\W+(?:\w+\W+)?$", text[max(0, s - 40):s].lower()) or re.match(
            rf",\s*(?:\d{{1,3}},\s*)?(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(title)}\b", text[e:e + 60].lower())))
        # "blogger Jane Roe", or "Jane Roe, 38, an activist of ..." 

    def org_titled(self, noun: str, pos: int, max_back: int = 8):
        """The organization named last whose name has ``noun`` or is followed by it ("the Erkin Kadam party")."""
        text = self.text
        org = self._last(pos, max_back, lambda s, e, ent: ent.kind == "org" and e <= pos and (
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
                got = self._antecedent(t, role)
                add(got)
                noun = t.head.head
                if not got and noun.pos_ in ("NOUN", "NUM") and count is None:
                    count = self.resolve(noun, role)[1]  # "two people who staged pickets"
            elif low in ("who", "whom") and t.tag_ == "WP":  # a relative clause the parser hung elsewhere
                person = self.last_person(t.idx, max_back=0)
                if person is not None and t.idx - max(m.end for m in person.mentions if m.end <= t.idx) < 80:
                    add([person])
            elif low in PLURAL_PRONOUNS and t.pos_ == "PRON":
                add(self.last_group(t.idx))
            elif low in _SINGULAR and t.pos_ == "PRON":
                if _unnamed_person_before(t, self):
                    continue  # "handed a Tajik opposition supporter to Dushanbe, where he was sentenced"
                sex = pronoun_gender(low)
                exclude = self._clause_subjects(t) + self.quote_speakers(t.idx)
                person = self.last_person(t.idx, exclude=exclude, sex=sex)
                add([person or self.salient_person(t.idx, sex, exclude)])
            elif low in ("its",) or (low == "it" and role in ("agent", "agent_any")):
                add([self._reporting_org(t) or self.last_org(t.idx)])
            elif t.pos_ in ("PROPN", "PRON", "NOUN", "NUM", "DET", "ADJ", "X", "VERB"):
                ent = self.at(*_name_span(t)) if t.pos_ in ("PROPN", "X", "VERB", "ADJ") or t.tag_ == "NNP" else \
                    self.at(t.idx, t.idx + len(t))
                if ent is None and t.pos_ == "NOUN" and low in ORG_NOUNS:
                    ent = self.at(*_name_span(t))  # "the ruling Amanat party"
                    ent = ent if ent is not None and ent.kind == "org" else None
                if ent is not None:
                    add([ent])
                    if ent.kind == "person" and role in ("target", "participant", "holder"):
                        add(self.group_at(t.idx))
                        add(self._stray_conjuncts(t))
                    continue
                if t.pos_ == "NOUN" and role in ("target", "participant") and not any(
                        c.dep_ in ("det", "nummod", "poss") for c in t.children) and (
                        low in words("people_nouns") | words("group_nouns") | words("title_nouns")):
                    named = self._named_after(t)  # "activists Jane Roe and John Doe were put into custody"
                    if named is not None:
                        at = next((m.start for m in named.mentions if m.start >= t.idx + len(t)), None)
                        add([named] + [p for p in (self.group_at(at) if at is not None else ()) if p.kind == "person"])
                        continue
                got, n = self._common_noun(t, role)
                if not got and n is None and t.pos_ == "NOUN" and low in words("title_nouns"):
                    got = [self._named_after(t)]  # "activist Jane Roe" where the parser lost the name
                add(got)
                if n is not None and count is None:
                    count = n
        return [e for e in found if e.kind in ("person", "org")], count

    def _named_after(self, tok):
        """The person whose name starts right after a title word ("activist| Jane Roe")."""
        end = tok.idx + len(tok)
        k = bisect_right(self.starts, end + 2) - 1
        if k >= 0:
            s, e, ent = self.spans[k]
            if end <= s <= end + 2 and ent.kind == "person":
                return ent
        return None

    def _clause_subjects(self, pron) -> list:
        if pron.dep_ == "nsubj" and pron.head.pos_ == "ADJ" and pron.head.dep_ in ("ccomp", "oprd", "xcomp", "acomp"):
            pron = pron.head  # "Judge X found him guilty": him is not the judge
            verb = pron.head
        elif pron.dep_ not in ("dobj", "pobj", "dative", "poss"):
            return []
        else:
            verb = pron.head if pron.dep_ != "pobj" else pron.head.head
        out = []
        for s in _children(verb, "nsubj"):
            ent = self.at(*_name_span(s))
            if ent is not None and ent.kind == "person":
                out.append(ent)
        return out

    def _antecedent(self, rel, role) -> list:
        noun = rel.head.head
        ent = self.at(*_name_span(noun))
        if rel.lower_ in ("who", "whom", "whose"):
            if ent is not None and ent.kind == "person":
                run = next(((gs, ge, people) for gs, ge, people in self.groups if gs <= noun.idx < ge), None)
                verb = rel.head
                singular = verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and (c.lower_ in ("is", "was", "has")
                                                     or c.tag_ == "VBZ") for c in verb.children)
                if run is not None and run[2][-1] is ent and not singular and re.search(r"\band\b", self.text[run[0]:run[1]]):
                    return list(run[2])  # "A, B and C, who have been indicted": all three
                return [ent]
            if noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.head.lower_ == "one" and \
                    noun.head.head.dep_ == "attr":
                return [e for s in _children(noun.head.head.head, "nsubj") for e in self.resolve(s, role)[0]]
            if _among([noun]):  # "X was among the protesters who gathered"
                return [e for s in _among([noun]) for e in self.resolve(s, role)[0]]
            if noun.pos_ in ("PROPN",) or ent is not None or (
                    noun.pos_ == "NOUN" and noun.lower_ not in words("people_nouns") | words("group_nouns")):
                person = self.last_person(rel.idx, max_back=0)  # "who" names a person, not "the region"
                if person is not None and rel.idx - max(m.end for m in person.mentions if m.end <= rel.idx) < 100:
                    return [person]
            if noun.pos_ == "NOUN":
                return self.resolve(noun, role)[0]
            return []
        if ent is not None:
            return [ent]
        return self.resolve(noun, role)[0] if noun.pos_ in ("NOUN", "NUM") else []

    def _reporting_org(self, tok):
        """The organization that is the subject of the reporting verb above ``tok`` ("X said its officers ...")."""
        t = tok
        for _ in range(8):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.lower_ in words("reporting_verbs") or (t.pos_ == "VERB" and _children(t, "ccomp")):
                for s in _children(t, "nsubj"):
                    ent = self.at(*_name_span(s))
                    if ent is not None and ent.kind == "org":
                        return ent
        return None

    def _common_noun(self, t, role) -> tuple[list, int | None]:
        low = t.lower_
        dets = {c.lower_ for c in t.children if c.dep_ in ("det", "predet")}
        nums = [number_of(c) for c in t.children if c.dep_ == "nummod"]
        nums = [n for n in nums if n is not None]
        if role in ("agent", "agent_any") and low in words("agent_nouns"):
            for c in t.children:  # "its officers", "GKNB officers", "officers of the GKNB"
                if c.dep_ == "poss":
                    if c.lower_ in ("its", "their"):
                        return [self._reporting_org(t) or self.last_org(t.idx)], None
                    ent = self.at(*_name_span(c))
                    return ([ent] if ent is not None and ent.kind == "org" else []), None
                if c.dep_ == "compound":
                    ent = self.at(c.idx, c.idx + len(c))
                    if ent is not None and ent.kind == "org":
                        return [ent], None
                if c.dep_ == "prep" and c.lower_ == "of":
                    ents = [self.at(*_name_span(g)) for g in _children(c, "pobj")]
                    return [e for e in ents if e is not None and e.kind == "org"], None
            return [], None
        poss = [c for c in t.children if c.dep_ == "poss" and c.lower_ in ("its", "his", "her", "their")]
        if low in words("group_nouns") and dets & _DEFINITE and self.last_group(t.idx):
            return list(self.last_group(t.idx)), None  # "the group": the people named together last
        if low in ORG_NOUNS and t.pos_ == "NOUN" and ("the" in dets or poss) and not nums:
            org = self.org_titled(low, t.idx)  # "the party", "his party": the party named last
            return ([org] if org is not None else []), None
        if dets & _DEFINITE or low == "both":
            if low in words("group_nouns") or (t.pos_ == "NUM" and "the" in dets) or low == "both":
                return list(self.last_group(t.idx)), None
            if t.pos_ == "NOUN" and low in ("man", "woman") and "the" in dets and not nums:
                person = self.salient_person(t.idx, "male" if low == "man" else "female")  # "the young man": the one
                return ([person] if person else []), None                          # the article is about
            if t.pos_ == "NOUN" and t.tag_ == "NN" and "the" in dets | {"this"} and not nums:
                for title in sorted(words("title_nouns"), key=len, reverse=True):
                    if low == title.split()[-1]:
                        person = self.person_titled(title, t.idx)
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
