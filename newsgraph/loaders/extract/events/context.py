"""When and where an event happened, and how the text presents it.

* **Date**: a date phrase of the trigger's own clause ("detained on Thursday",
  "the April 9 rallies"), else one of a clause it depends on ("police on Sunday
  detained two people who staged pickets"); phrases inside a charge (the
  offence's own date) do not count. Relative phrases are read against the
  article date, or the dateline's date when the reader found none.
* **Place**: a named place in an ``in``/``at`` phrase of the trigger's clause
  or of its subject ("a court in Osh"), a place the trigger or its agent is
  named after ("Kazakhstan's election", "a Tashkent court", "the Osh City
  Court"), else one of a clause it depends on. A nationwide vote takes its
  country.
* **Modality**: ``rules/event_modality.jsonl`` ("the planned rally",
  "called for his release", "denied the charges", "allegedly beaten"); an
  imperative in a list of demands is called for.

Example:
    >>> d = find_dateline("OSH, Kyrgyzstan, Nov. 27, 2023 -- Police detained two men.")
    >>> d.city, str(d.date)
    ('Osh', '2023-11-27')
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.errors import RuleError
from newsgraph.text.data import read_jsonl_rules
from newsgraph.text.dates import date_offset, normalise_date, offsets_in, shift_date
from .roles import PLACE_PREPS, TIME_PREPS, governing_verb, is_verbal, words
from newsgraph.text.names import fold
from ..token_table import token_table

__all__ = ["Dateline", "find_dateline", "date_of", "places_of", "modality_of", "is_hypothetical",
           "date_phrases", "NATIONAL_VOTE", "is_negated", "is_outlet", "is_country", "country_code", "country_of_demonym"]

NATIONAL_VOTE = {"presidential", "parliamentary", "general", "national", "legislative", "snap", "early"}
_CAUSE_PREPS = words("context_cause_preps")
_AREA_NOUNS = words("context_area_nouns")
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.\- ]{1,30}[A-Z])(?:\s*,\s*(?P<country>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*))?"
    r"(?:\s*,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?))?"
    r"(?:\s*\((?P<agency>[^)\n]{1,40})\))?\s*(?:--|—|–|-)\s+")
_DATELINE_DOT = re.compile(  # "Almaty. March 11. KazTAG - ...": city, full stop, date, full stop
    r"^\s*(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\.\s+(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.? \d{1,2}(?:,? \d{4})?)\.\s+(?:(?P<agency>[\w.-]{2,20}) (?:--|—|–|-)\s+)?")
_DURING = words("context_during")
_POINT_PREPS = words("context_point_preps")
_MODALITY_KINDS = ("Planned", "Alleged", "Denied", "CalledFor", "Pending")


@dataclass
class Dateline:
    """The dateline opening an article body: ``OSH, Kyrgyzstan, Nov. 27, 2023 --``."""

    city: str
    country: str | None
    date: object | None  # an rdflib Literal (xsd:date or xsd:gMonthDay) or None
    start: int
    end: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of any of the first paragraphs of ``text``, or None.

    Example:
        >>> d = find_dateline("Headline here\\n\\nDUSHANBE, Dec 7 (Reuters) - A court sentenced ...")
        >>> d.city, d.country, str(d.date)
        ('Dushanbe', None, '--12-07')
    """
    pos = 0
    for n, line in enumerate(text.split("\n")):
        if n > 12 or pos > 1500:
            break
        m = _DATELINE.match(line) or _DATELINE_DOT.match(line)
        if m and len(m.group("city").split()) <= 3 and not m.group("city").isdigit():
            date = normalise_date(m.group("date"), None) if m.group("date") else None
            city = " ".join(w.capitalize() for w in m.group("city").split())
            return Dateline(city, m.groupdict().get("country"), date, pos + m.start("city"), pos + m.end())
        pos += len(line) + 1
    return None


# ---------------------------------------------------------------- places
def is_country(ent) -> bool:
    return (ent.gazetteer_id or "").startswith("country:")


def _named_with(ent, text: str, nouns: frozenset) -> bool:
    """Whether the place's name ends in, or is followed in the text by, one of ``nouns``."""
    if fold(ent.label).split()[-1:] and fold(ent.label).split()[-1] in nouns:
        return True
    for m in ent.mentions:
        nxt = re.match(r"\s+([\w-]+)", text[m.end:m.end + 30])
        if nxt and nxt.group(1).lower() in nouns:
            return True
    return False


def is_region(ent, text: str) -> bool:
    """A region, province or oblast: from the gazetteer, else from its name ("the Akmola region")."""
    gid = ent.gazetteer_id or ""
    if gid:
        return gid.startswith("region:")
    return _named_with(ent, text, words("region_nouns"))


def is_subcity(ent, text: str) -> bool:
    """A district, street or square inside a city ("the Auezov district", "Nevsky Prospekt")."""
    gid = ent.gazetteer_id or ""
    return not gid.startswith(("city:", "country:", "region:")) and _named_with(ent, text, words("subcity_nouns"))


def narrow_places(places, text: str) -> list:
    """One settlement over its region or its streets: "in the village of Koktal in the Akmola region"
    is Koktal; "in Almaty ... in the city's Auezov district" is Almaty. Unchanged when none is a settlement.

    Example: with Koktal (no gazetteer entry) and Aqmola (``region:``) it keeps [Koktal].
    """
    places = list(places)
    settled = [p for p in places if not is_country(p) and not is_region(p, text) and not is_subcity(p, text)]
    if not settled:
        return places
    return [p for p in places if is_country(p) or any(p is q for q in settled)]


def country_code(ent) -> str | None:
    parts = (ent.gazetteer_id or "").split(":")
    return parts[1] if len(parts) > 2 and parts[1] else None


def country_of_demonym(word: str, places) -> object | None:
    """The country among ``places`` a demonym points to ("Belarusian" -> Belarus, "Kazakh" -> Kazakhstan)."""
    w = fold(word)
    if len(w) < 4:
        return None
    for ent in places:
        if is_country(ent):
            name = fold(ent.label)
            if name[:4] == w[:4] and (name.startswith(w[:5]) or w.startswith(name[:5])):
                return ent
    return None


def _anchor(tok, stop_at=()):
    """The first verb (or trigger token in ``stop_at``) at or above ``tok``."""
    t = tok
    for _ in range(12):
        if t.i in stop_at or t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "prep"):  # not "including"
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def misparsed_root(tok):
    """The sentence root standing in for a finite verb the parser read as a modifier, or None.

    "In May, a court in Osh jailed local blogger X for ...": the parser can make "court" (or
    "blogger") the root and "jailed" an adjective of the noun after it. A past-tense verb
    right after a noun or a date that is not part of its own noun phrase ("court ... jailed",
    "a court in Taraz on May 15 sentenced", unlike "the detained activist") is the clause's
    verb; its phrases hang from the root.
    """
    if tok.pos_ != "VERB" or tok.dep_ != "amod" or tok.tag_ not in ("VBD", "VBN") or tok.i == tok.sent.start:
        return None
    prev = tok.doc[tok.i - 1]
    root = tok.sent.root
    in_own_phrase = prev.head.i == tok.head.i or prev.i == tok.head.i or tok.head.is_ancestor(prev)
    if prev.ent_type_ == "DATE" or any(c.dep_ == "nsubj" for c in tok.children):
        in_own_phrase = False  # "on May 15 sentenced": a date is no modifier of the noun after it; nor a verb with a subject
    elif prev.pos_ not in ("NOUN", "PROPN"):
        return None
    if in_own_phrase or root.pos_ not in ("NOUN", "PROPN") \
            or any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT",) for t in tok.sent):
        return None
    return root


def clause_of(tok):
    """The verb whose clause the trigger belongs to (itself when it is a verb)."""
    if is_verbal(tok) and tok.pos_ != "NOUN":
        return misparsed_root(tok) or tok
    return governing_verb(tok) or tok


def _ancestors(tok) -> list:
    """Tokens above ``tok``, up to a contrasting coordination: "X, but Y prompting Z" keeps X out of Z's clause."""
    out, t = [], tok
    for _ in range(12):
        if t.head.i == t.i or t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "cc" and c.lower_ in ("but", "yet", "while", "whereas") for c in t.children):
            break
        t = t.head
        out.append(t)
    return out


def clause_verbs(tok) -> set:
    """Token indices of the trigger, its clause verb, and the first verb of a coordination it ends
    ("shot and arrested during the protests": both take the phrase)."""
    verb = clause_of(tok)
    out = {tok.i, verb.i}
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        out.add(verb.head.i)
    return out


def places_of(mentions, sent, tok, trigger_is: set, agents=(), via_agent: bool = True) -> tuple[list, list]:
    """(places of the trigger's own clause, places of a clause it depends on), best first.

    ``via_agent``: also the place of the doer ("a court in Osh", "the Osh City Court").
    """
    verb = clause_of(tok)
    mine = clause_verbs(tok) if via_agent else {tok.i, verb.i} if verb.i == tok.i else {tok.i}
    own, outer = [], []
    above = {a.i for a in _ancestors(verb)} if via_agent else set()
    doc = sent.doc
    lower, dep, _, head = token_table(doc)
    for i in range(sent.start, sent.end):
        d, h = dep[i], head[i]
        if not (d == "pobj" and (lower[h] in PLACE_PREPS or lower[h] == "of") or d in ("poss", "compound", "amod", "nsubj") and (
                h == tok.i or h in trigger_is or d == "nsubj" and h == verb.i) or lower[i] == "where"):
            continue  # none of the three cases below
        t = doc[i]
        if t.dep_ == "pobj" and t.head.lower_ == "on" and t.head.head.lower_ in words("appeal_verbs"):
            continue  # "called on Kazakhstan to release ...": the addressee
        if t.dep_ == "pobj" and t.head.lower_ == "from" and (t.head.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or (
                t.head.i > 0 and doc[t.head.i - 1].pos_ == "NOUN")):
            continue  # "people from GBAO were detained in Russia", "sentenced a worker from X": where they come from
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "of") and t.head.head.dep_ == "pobj" \
                and t.head.head.head.lower_ == "from" and t.head.head.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            continue  # "a lawyer from the X region in Tajikistan": still where she comes from
        if t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS:
            found = [(u, _place_in(mentions, u)) for u in _place_list(t)]
            if not any(e for _, e in found):
                found = [(t, e) for e in _places_named_in(mentions, mentions.at(t.idx, t.idx + len(t)))]
            where = t.head
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in _AREA_NOUNS and t.head.head.dep_ == "pobj":
            found = [(u, _place_in(mentions, u)) for u in _place_list(t)]  # "took to the streets of Osh"
            where = t.head.head.head
        elif t.dep_ in ("poss", "compound", "amod", "nsubj") and (t.head.i == tok.i or t.head.i in trigger_is or (
                t.dep_ == "nsubj" and t.head.i == verb.i)):
            found = [(t, mentions.at(t.idx, t.idx + len(t)))]
            if t.dep_ == "nsubj" and found[0][1] is not None and is_country(found[0][1]):
                continue  # "Turkmenistan releases a journalist": the state did it; where, the text does not say
            where = t
        elif t.lower_ == "where" and t.dep_ == "advmod" and t.head.dep_ == "relcl" and (t.head.i in mine or (
                verb.dep_ == "ccomp" and verb.head.i == t.head.i)):  # "X, where witnesses say police detained ..."
            found = [(t, mentions.at(t.head.head.idx, t.head.head.idx + len(t.head.head)))]
            where = t.head
        else:
            continue
        if not via_agent and where.dep_ == "prep" and where.head.dep_ in ("nsubj", "nsubjpass"):
            continue  # "a court in Osh charged ...": where the doer sits, not where the charge is
        # the noun the place phrase belongs to: its head, or (a parser slip) the noun right before it
        cause = where.head if where.head.pos_ == "NOUN" else doc[where.i - 1] if where.i > sent.start else None
        if where.dep_ == "prep" and cause is not None and cause.pos_ == "NOUN" and cause.dep_ == "pobj" \
                and cause.i not in trigger_is and cause.head.lower_ in _CAUSE_PREPS:
            continue  # "jailed over the unrest in X": where the unrest was, not the court
        for p, e in found:
            if e is None or e.kind != "place":
                continue
            anchor = where if where.i in mine else _anchor(where, stop_at=trigger_is | {tok.i})
            if anchor.i in mine and anchor.i not in (tok.i, verb.i) and where.head.i != anchor.i:
                continue  # "filmed the crowd outside the building in X and was beaten": X places the filming
            if anchor.i in mine or (anchor.pos_ in ("NOUN", "PROPN") and anchor.head.i in mine and (
                    via_agent or not _subject_of(anchor, verb))) or (via_agent and _subject_of(anchor, verb)) or (
                    anchor.i in trigger_is and anchor.dep_ == "pobj" and anchor.head.lower_ in _DURING
                    and anchor.head.head.i in mine) or (anchor.i in trigger_is and anchor.dep_ == "advcl" and any(
                    c.lower_ == "while" for c in anchor.children) and anchor.head.i in mine):
                # "detained at a rally in Osh", "arrested while protesting in Osh": where the rally was
                own.append((is_country(e), abs(p.i - tok.i), e))
            elif anchor.i in above and anchor.pos_ in ("VERB", "AUX"):
                outer.append((is_country(e), abs(p.i - tok.i), e))
    # a place named in the agent ("the Osh City Court", "a Tashkent court")
    for sub in (_subject_nouns(verb) if via_agent else []):
        for c in sub.children:
            if c.dep_ in ("compound", "amod", "poss"):
                e = mentions.at(c.idx, c.idx + len(c))
                if e is not None and e.kind == "place":
                    own.append((is_country(e), abs(c.i - tok.i), e))
                elif c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN") and c.text[:1].isupper() \
                        and not _person_noun(sub):  # "Kyrgyz poet gets ...": a nationality, not where it happened
                    country = country_of_demonym(c.text, _place_entities(mentions))
                    if country is not None:
                        own.append((True, abs(c.i - tok.i) + 50, country))
    for ag in (agents if via_agent else []):
        if ag.kind != "org":
            continue
        label = fold(ag.label)
        for e in _place_entities(mentions):
            name = fold(e.label)
            if name and re.search(rf"\b{re.escape(name)}\b", label) and not is_country(e) \
                    and not is_region(e, mentions.text):  # "the Mangystau Regional Court": its jurisdiction, not a place
                own.append((False, 100, e))
    own.sort(key=lambda x: (x[0], x[1]))
    outer.sort(key=lambda x: (x[0], x[1]))
    return _uniq(e for _, _, e in own), _uniq(e for _, _, e in outer)


def _places_named_in(mentions, org) -> list:
    """The places whose name is part of an organization's ("a picket outside the Aqtau City Court": Aqtau)."""
    if org is None or org.kind != "org":
        return []
    label = fold(org.label)
    return [e for e in _place_entities(mentions) if fold(e.label) and not is_country(e)
            and re.search(rf"\b{re.escape(fold(e.label))}\b", label)][:1]


def _place_list(tok) -> list:
    """The noun of a place phrase and those listed with it ("Almaty and Oral", "cities, including Shymkent")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop(0)
        if any(t.i == x.i for x in out) or len(out) > 6:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                todo.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("including", "of") and (c.lower_ == "including" or t.lower_ in _AREA_NOUNS):
                todo.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "compound" and (t.lower_ in _AREA_NOUNS or t.pos_ == "NOUN"):
                todo.append(c)  # "the capital Nur-Sultan", "at Dushanbe airport"
            elif c.dep_ == "poss" and t.pos_ == "NOUN" and c.pos_ == "PROPN":
                todo.append(c)  # "on Khorog's central square"
    return out


def _place_in(mentions, tok):
    ent = mentions.at(tok.idx, tok.idx + len(tok))
    return ent if ent is not None and ent.kind == "place" else None


def _uniq(ents) -> list:
    out = []
    for e in ents:
        if not any(e is x for x in out):
            out.append(e)
    return out


def _place_entities(mentions) -> tuple:
    """The article's places, each once, in the order of their mentions (listed once per article)."""
    places = _PLACES.get(mentions)
    if places is None:
        places = _PLACES[mentions] = tuple(_uniq(e for _, _, e in mentions.spans if e.kind == "place"))
    return places


_PLACES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _person_noun(tok) -> bool:
    """A noun naming people ("poet", "activists"), not a body ("court")."""
    low = tok.lower_
    return low in words("title_nouns") | words("person_nouns") | words("people_nouns") | words("group_nouns")


def _subject_nouns(verb):
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")] + \
        [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _subject_of(noun, verb) -> bool:
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == verb.i or (
        noun.dep_ == "pobj" and noun.head.dep_ == "agent" and noun.head.head.i == verb.i)


# ---------------------------------------------------------------- dates
def date_phrases(sent, mentions=None) -> list:
    """Date spans of a sentence (spaCy DATE entities), from the ``mentions`` index when given."""
    if mentions is not None:
        return mentions.dates_of.get(sent.start, [])
    return [e for e in sent.ents if e.label_ == "DATE"]


def date_of(sent, tok, ref, trigger_is: set, skip: set, dateline_end: int = -1,
            future: bool = False, mentions=None) -> tuple[object | None, object | None, bool]:
    """(date of the trigger's own clause, date of a clause it depends on, whether that clause only
    reports it: "X said on Monday that ...") as literals or None."""
    verb = clause_of(tok)
    mine = clause_verbs(tok)
    chain = _ancestors(verb)
    above = {a.i: depth for depth, a in enumerate(chain)}
    # "a day before the rallies", "after his release": the trigger is only a reference point in time
    reference = tok.dep_ == "pobj" and tok.head.lower_ in _POINT_PREPS and not is_verbal(tok)
    before_after = _before_after(verb)
    own, outer = [], []
    for span in date_phrases(sent, mentions):
        if any(t.i in skip for t in span) or span.start_char < dateline_end:
            continue
        if span.root.head.lower_ in ("until", "till", "through", "pending") or (
                span.root.dep_ == "pobj" and span.root.head.head.lower_ in ("until", "till")):
            continue  # "in custody until January 16": an end, not when it happened
        if reference and not any(t.i == tok.i or t.head.i == tok.i for t in (span.root,)):
            continue
        if re.fullmatch(r"(?:the\s+)?\d{4}", span.text) and span.root.dep_ in ("compound", "nmod", "amod", "nummod") \
                and span.root.head.pos_ in ("NOUN", "PROPN") and span.root.head.i not in trigger_is \
                and span.root.head.i != tok.i:
            continue  # "Abdel Fattah, a leading figure in the 2011 revolution": the date of the revolution
        lit = normalise_date(span.text, ref, future)
        if lit is None and mentions is not None and span.start in mentions.day_context:
            lit = day_in_month(span.text, normalise_date(mentions.day_context[span.start].text, ref, future))
        if lit is None:
            continue
        if before_after is not None and not (span.root.i == verb.i or verb.is_ancestor(span.root)):
            lit = shift_date(lit, before_after)  # the date of the clause "a day after ..." hangs from
            if lit is not None:
                own.append((200 + abs(span.start - tok.i), lit))
            continue
        anchor = _anchor(span.root, stop_at=trigger_is | {tok.i})
        if anchor.dep_ in ("nsubj", "nsubjpass") and anchor.pos_ in ("NOUN", "PROPN") and anchor.i not in trigger_is \
                and span.root.head.dep_ == "prep" and span.root.head.head.i == anchor.i:
            anchor = anchor.head  # "A court in Osh on Monday jailed ...": the parser hangs the date on the court
        # a noun trigger hanging from the verb the date hangs from ("jailed 22 people on Tuesday ..., with the
        # harshest sentence given to ..."): how near the date is to that verb
        at = verb.i if anchor.i == verb.i != tok.i and not is_verbal(tok) else tok.i
        dist = min(abs(span.start - at), abs(span.end - 1 - at))
        during = anchor.i in trigger_is and anchor.dep_ == "pobj" and anchor.head.lower_ in _DURING \
            and anchor.head.head.i in mine  # "arrested during the protests in January"
        if anchor.i in (tok.i, verb.i):
            own.append((dist, lit))
        elif anchor.i in mine or (anchor.i in trigger_is and anchor.head.i in mine) or during or (
                anchor.dep_ in ("acl", "relcl") and anchor.head.i == tok.i):  # "the rally planned for May 5"
            own.append((dist + 100, lit))
        elif anchor.i in above and anchor.pos_ in ("VERB", "AUX"):
            outer.append((above[anchor.i] * 100 + dist, lit, anchor.lower_ in words("reporting_verbs")))
    own.sort(key=lambda x: x[0])
    outer.sort(key=lambda x: x[0])
    if not own and outer and mentions is not None:
        off = offset_of(mentions, sent, tok)
        if off is not None:  # "detained on May 21 ... ordered him held the next day"; "on Monday, a day after
            got = shift_date(outer[0][1], off)  # police rounded up 20 people": Sunday
            return got, None, False
    return (own[0][1] if own else None), (outer[0][1] if outer else None), bool(outer and outer[0][2])


def day_in_month(ordinal: str, context) -> object | None:
    """The date "the 26th" names, in the month of the date told just before it (a literal or None):
    after "On October 18" it is October 26, of that year when that date has one, else ``--10-26``."""
    from rdflib import Literal
    from rdflib.namespace import XSD
    m = re.match(r"(\d{1,2})", ordinal)
    if context is None or m is None or context.datatype not in (XSD.date, XSD.gMonthDay, XSD.gYearMonth):
        return None
    day, text = int(m.group(1)), str(context)
    if context.datatype == XSD.gMonthDay:
        return Literal(f"{text[:4]}-{day:02d}", datatype=XSD.gMonthDay) if 1 <= day <= 31 else None
    import datetime as _dt
    try:
        got = _dt.date(int(text[:4]), int(text[5:7]), day)
    except ValueError:
        return None
    return Literal(got.isoformat(), datatype=XSD.date)


def _before_after(verb) -> tuple | None:
    """ "(on Monday,) a day after police rounded up ...": the clause of "after" is that long before the clause it
    hangs from (negative offset), of "before" that long after it."""
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in ("after", "before"):
        mark = verb.head  # "died on July 2, two weeks after being wounded": the parser makes "after" a preposition
    elif verb.dep_ not in ("advcl", "conj") or not any(c.dep_ == "mark" and c.lower_ in ("after", "before")
                                                       for c in verb.children):
        return None
    else:
        mark = next(c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before"))
    span = next((c for c in list(verb.children) + list(mark.children) if c.dep_ == "npadvmod"), None)
    if span is None:
        return None
    off = date_offset(" ".join(t.text for t in span.subtree) + " later")
    if off is None:
        return None
    return (-off[0], off[1]) if mark.lower_ == "after" else off


def offset_of(mentions, sent, tok) -> tuple | None:
    """The offset date phrase of the trigger's clause or a clause above it ("Two days later the court ...",
    "... ordered him held the next day"), as :func:`~newsgraph.text.dates.date_offset` reads it, or None."""
    doc = sent.doc
    clause = clause_of(tok)
    found = []
    for span in date_phrases(sent, mentions):
        text = span.text
        if span.end < len(doc) and doc[span.end].lower_ in ("later", "earlier", "afterwards"):
            text += " " + doc[span.end].text
        found.append((span, date_offset(text)))
    for start, end, off in offsets_in(sent.text):  # what the model missed or cut ("The following day, ...")
        if not sent.text[:end].lower().endswith(("before", "after")):  # not "a day before the rallies": a preposition
            found.append((doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand"), off))
    for span, off in found:
        if off is None or span is None:
            continue
        t = span.root
        for _ in range(4):
            if t.i in (clause.i, tok.i) or t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
                break
            t = t.head
        if t.i in (clause.i, tok.i) or t.is_ancestor(clause):
            return off
    return None


def has_shift(sent, tok, ignore: frozenset = frozenset()) -> bool:
    """Whether the trigger's clause moves away in time (past perfect, "later", "earlier", "in 2019");
    ``ignore``: markers not to count ("also" adds to a story rather than leaving it)."""
    verb = clause_of(tok)
    if any(c.lower_ == "had" and c.dep_ == "aux" for c in verb.children):
        return True
    lower, doc = token_table(sent.doc).lower, sent.doc
    return any(lower[i] not in ignore and not _other_relcl(doc[i], tok) and not _other_mark(doc[i], tok)
               for i in _shift_markers(sent))


def _shift_markers(sent) -> list[int]:
    """The tokens of a sentence that are words of ``shift_markers`` (listed once per sentence)."""
    found = sent.doc.user_data.setdefault("newsgraph.shift_markers", {})
    at = found.get((sent.start, sent.end))
    if at is None:
        markers, lower = words("shift_markers"), token_table(sent.doc).lower
        at = found[sent.start, sent.end] = [i for i in range(sent.start, sent.end) if lower[i] in markers]
    return at


def _other_mark(marker, tok) -> bool:
    """Is the marker the "after"/"before" of another clause ("ordered X held, a day after police rounded up ...":
    the "after" shifts the rounding-up, not the order), or the adverb of a verb coordinated after the trigger's
    ("was arrested in May and has been held since": "since" moves the holding, not the arrest)?"""
    if marker.dep_ == "advmod" and marker.head.pos_ in ("VERB", "AUX") and marker.head.dep_ == "conj" \
            and marker.head.i > tok.i and marker.head.head.i == clause_of(tok).i:
        return True
    if marker.dep_ != "mark":
        return False
    clause = marker.head
    return not (clause.i == tok.i or clause.is_ancestor(tok))


def _other_relcl(marker, tok) -> bool:
    """Is the marker inside a relative clause that does not hold the trigger ("X, who was released later")?"""
    t = marker
    for _ in range(6):
        if t.dep_ == "relcl":
            return not (t.i == tok.i or t.is_ancestor(tok))
        if t.head.i == t.i:
            return False
        t = t.head
    return False


# ---------------------------------------------------------------- modality
@lru_cache(maxsize=1)
def _modality_rules() -> tuple[dict, ...]:
    rules = read_jsonl_rules("event_modality.jsonl", required=("id", "modality", "where", "words"), regex_fields=())
    for r in rules:
        if r["modality"] not in _MODALITY_KINDS:
            raise RuleError(f"rules/event_modality.jsonl: {r['id']}: unknown modality {r['modality']!r}")
        if r["where"] not in ("modifier", "aux", "governor"):
            raise RuleError(f"rules/event_modality.jsonl: {r['id']}: 'where' must be modifier, aux or governor")
    return tuple(rules)


def _rule_for(word: str, where: str) -> str | None:
    """The modality of the first rule for ``where`` that lists ``word``, or None."""
    index = _modality_index()
    if index is not None:
        return index.get((where, word))
    for r in _modality_rules():
        if r["where"] == where and word in r["words"]:
            return r["modality"]
    return None


@lru_cache(maxsize=1)
def _modality_index() -> dict[tuple[str, str], str] | None:
    """``(where, word)`` -> the modality of the first rule listing it (None if a rule's words are no list)."""
    out: dict[tuple[str, str], str] = {}
    for r in _modality_rules():
        if not isinstance(r["words"], (list, tuple)):
            return None
        for word in r["words"]:
            out.setdefault((r["where"], word), r["modality"])
    return out


def modality_of(sent, tok) -> str | None:
    """The ng:Modality individual name for the trigger (None: asserted).

    Example:
        >>> from newsgraph.loaders.extract.nlp import load_nlp
        >>> doc = load_nlp()("The party plans to hold a rally in Osh.")
        >>> modality_of(next(doc.sents), doc[6])
        'Planned'
    """
    verb = clause_of(tok)
    for t in {tok.i: tok, verb.i: verb}.values():
        for c in t.children:
            if c.dep_ in ("amod", "advmod", "acl", "relcl", "compound", "npadvmod"):
                got = _rule_for(c.lower_, "modifier")
                if got:
                    return got
            if c.dep_ in ("aux",) and _rule_for(c.lower_, "aux") and (t is tok or _rule_for(c.lower_, "aux") != "CalledFor"):
                return _rule_for(c.lower_, "aux")  # "should release X" is a demand; "should quash the conviction" is not
    if verb.lower_ in ("held", "hold", "holding", "stage", "staged", "organize", "organise") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.dep_ in ("xcomp", "acl", "advcl"):
        return "Planned"  # "the right to hold a rally", "permission to stage a protest"
    if tok.dep_ == "pobj" and tok.head.lower_ in TIME_PREPS and not is_verbal(tok):
        return None  # "riots during the presidential poll": the vote only dates something else
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and (tok.head.lower_ in ("sought", "seek", "seeks", "seeking") or (
            tok.head.dep_ == "xcomp" and tok.head.head.lower_ in ("tried", "attempted", "sought", "try", "tries"))):
        return "CalledFor"  # "the US had tried to secure his release", "sought his arrest": not done
    t, steps = tok, 0
    while t.head.i != t.i and steps < 5:
        prev, t = t, t.head
        steps += 1
        if prev.dep_ in ("relcl", "acl", "advcl", "parataxis", "appos"):
            break  # a clause of its own ("after unrest killed 230", "who was released")
        if prev.dep_ == "conj":
            continue
        if t.lower_ in words("reporting_verbs"):
            break
        got = _rule_for(t.lower_, "governor")
        if got:
            if got == "CalledFor" and t.lower_.startswith("call") and not any(
                    c.dep_ == "prep" and c.lower_ in ("for", "on") for c in t.children) and prev.dep_ != "xcomp":
                continue
            return got
        if prev.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "aux" and _rule_for(c.lower_, "aux") for c in t.children):
            return "Planned"
    first = next((x for x in sent if not x.is_punct and not x.is_space and x.text not in ("-", "•", "*")), None)
    if first is not None and first.tag_ == "VB" and first.dep_ == "ROOT" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
        return "CalledFor"  # a demand in a list: "- release him pending trial"
    return None


_MODALS = words("context_modals")
_PLEAD = words("context_plead")


def is_negated(tok) -> bool:
    """Whether a verbal trigger is denied by the text itself: "has not yet been sentenced", "was never charged",
    "pleaded not guilty" (a plea is no verdict either way)."""
    if tok.pos_ == "ADJ" and tok.head.lower_ in _PLEAD:
        return True
    if tok.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    holders = [tok] + ([tok.head] if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd", "ccomp", "xcomp") else [])
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for t in holders for c in t.children):
        return False  # "the court could not jail him": what it could do, not a report
    return any(c.dep_ == "neg" for t in holders for c in t.children)


def is_outlet(ent) -> bool:
    """A news agency or outlet (``news_outlets`` of ``rules/event_words.jsonl``, or a name ending in a media word
    such as "Times" or "Media"): it reports events and is never the doer of one."""
    if ent.kind != "org":
        return False
    from newsgraph.text.gazetteer import gazetteer
    names = {n.lower() for n in [ent.label, *ent.names]}
    if names & words("news_outlets"):
        return True
    last = ent.label.split()[-1:] if len(ent.label.split()) >= 2 else []
    return bool(last) and last[0] in gazetteer().media_words


def is_hypothetical(tok) -> bool:
    """Whether the trigger sits in a conditional ("if convicted", "unless released")."""
    verb = clause_of(tok)
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("after", "upon") and re.search(
            r"\bfor\s+(?:\S+\s+){1,2}(?:years?|months?)\s*$", tok.doc[max(0, tok.head.i - 5):tok.head.i].text + " "):
        return True  # "barred from public activity for three years after his release": a time yet to come
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in words("risk_nouns"):
        return True  # "faces a real risk of torture"
    for t in (tok, verb):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        if t is verb and t.lower_ in words("risk_verbs") and any(
                c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
                for c in t.children):
            return True  # "he would face torture if sent back"
        if t.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in t.children):
            return True
    return False
