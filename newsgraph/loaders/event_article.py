"""Article-level passes over the events of one article (see :mod:`newsgraph.loaders.events`).

* :func:`election_cues`: candidates named near an election take part in it
  ("X faces five challengers", "Y came second with 3 percent", "a fourth candidate, Z");
* :func:`count_groups`: "two men were detained ... [next paragraph] his clients, A and B":
  a count of unnamed people is the group of exactly that many named just after;
* :func:`protesters_held`: "Dozens gathered outside the court. Police detained six of them, including X":
  X took part in the protest;
* :func:`inherit_context`: an event with no date or place takes those of the event it
  continues in the sentence before (same paragraph, a shared actor, no "later"), or of a
  fronted "In Bishkek," / "On Sunday," earlier in its paragraph;
* :func:`place_lead_and_votes`: in the dateline's paragraph the dateline city is the place
  (rather than its country); a nationwide vote is held in its country.
"""
from __future__ import annotations

from .dates import normalise_date
from .event_context import country_code, country_of_demonym, is_country
from .event_roles import TARGETED, subjects, words
from .names import fold
from .token_table import token_table

__all__ = ["election_cues", "count_groups", "inherit_context", "place_lead_and_votes", "protesters_held"]

_REJECTED = {"rejected", "barred", "refused", "disqualified", "denied", "withdrew", "withdrawn", "excluded",
             "blocked", "banned"}


def election_cues(mentions, events: list) -> None:
    """Candidates named near an election take part in it ("X faces five challengers", "Y came second")."""
    elections = [e for e in events if e.type == "Election" and e.modality not in ("CalledFor", "Denied")]
    if not elections:
        return
    rivals, results = words("election_rivals"), words("election_results")
    lower, _, pos, _ = token_table(mentions.doc)
    for si, sent in enumerate(mentions.sents):
        if any(low in _REJECTED for low in lower[sent.start:sent.end]):
            continue
        people = []
        for i in range(sent.start, sent.end):
            if pos[i] not in ("VERB", "AUX") and lower[i] not in ("candidate", "candidates", "contender"):
                continue  # neither case below
            t = sent.doc[i]
            hit = False
            if t.pos_ in ("VERB", "AUX"):
                objs = [c for c in t.children if c.dep_ in ("dobj", "attr", "advmod", "npadvmod", "oprd", "acomp")]
                preps = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
                if t.lower_ in words("run_verbs") and any(o.lower_ in rivals for o in objs):
                    hit = True
                elif t.lower_ in words("run_verbs") | words("win_verbs") and any(
                        o.lower_ in results or any(g.lower_ in results for g in o.subtree) for o in objs + preps):
                    hit = True
                if hit:
                    for s in subjects(t)[0]:
                        people += mentions.resolve(s, "participant")[0]
            if t.lower_ in ("candidate", "candidates", "contender") and t.pos_ == "NOUN":
                for c in t.children:
                    if c.dep_ == "appos":
                        people += mentions.resolve(c, "participant")[0]
                if t.dep_ == "appos":
                    people += mentions.resolve(t.head, "participant")[0]
        people = [p for p in people if p.kind == "person"]
        if not people:
            continue
        near = sorted(elections, key=lambda e: (e.sent_index > si, abs(e.sent_index - si)))
        if near and abs(near[0].sent_index - si) <= 8:
            for p in people:
                near[0].participants.add(p)


def count_groups(events: list, mentions) -> None:
    """ "Two men were detained ... [next paragraph] his clients, A and B": a count of unnamed people
    is the group of exactly that many named in the next two sentences."""
    for e in events:
        n = e.head_count or e.count
        protest = e.type == "Protest"
        if e.targets or (protest and e.participants) or not n or n < 2 or not (e.type in TARGETED or protest):
            continue
        for start, _end, people in mentions.groups:
            gap = mentions.sent_index(start) - e.sent_index
            if 0 < gap <= 2 and len(people) == n:
                (e.participants if protest else e.targets).update(people)
                break


def _of_them(tok) -> bool:
    """ "detained six of them", "some of those were beaten": the trigger's target is part of a group named before."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(g.lower_ in ("them", "those") for g in p.children)
               for h in heads for p in h.children)


def protesters_held(events: list, mentions) -> None:
    """ "Dozens gathered outside the court. Police detained six of them, including X": X took part in the protest."""
    for e in events:
        if e.type not in ("Detention", "Violence") or not e.targets or not _of_them(mentions.doc[e.token_i]):
            continue
        for p in events:
            if p.type == "Protest" and p.paragraph == e.paragraph and e.sent_index - 1 <= p.sent_index <= e.sent_index \
                    and p.token_i < e.token_i and (p.unnamed or not p.participants):
                p.participants.update(t for t in e.targets if t.kind == "person")


def _frames(mentions, ref) -> dict[int, tuple]:
    """Sentence index -> (place, date) set by a fronted phrase earlier in its paragraph:
    "In Bishkek, ..." or "On Sunday, ..." frame the sentences that follow it."""
    out, frame, para = {}, (None, None), None
    for si, sent in enumerate(mentions.sents):
        if mentions.paragraph[si] != para:
            frame, para = (None, None), mentions.paragraph[si]
        out[si] = frame
        toks = [t for t in sent if not t.is_space]
        if len(toks) < 4 or toks[0].lower_ not in ("in", "on", "at") or toks[0].head.dep_ != "ROOT":
            continue
        comma = next((t for t in toks[1:8] if t.text == ","), None)
        if comma is None:
            continue
        phrase = sent.doc[toks[1].i:comma.i]
        place = mentions.at(phrase.start_char, phrase.end_char) if toks[0].lower_ != "on" else None
        place = place if place is not None and place.kind == "place" else None
        date = normalise_date(phrase.text, ref) if any(t.ent_type_ == "DATE" for t in phrase) else None
        frame = (place or frame[0], date or frame[1])
    return out


def inherit_context(events: list, mentions, ref=None) -> None:
    """Date and place from the event continued in the sentence before (same paragraph), or from
    a fronted "In Bishkek," / "On Sunday," earlier in the paragraph."""
    by_sent: dict[int, list] = {}
    for e in events:
        by_sent.setdefault(e.sent_index, []).append(e)
    frames = _frames(mentions, ref)
    for e in events:
        if e.bare() or e.shift or (e.dates and e.places) or e.modality in ("Denied", "CalledFor"):
            continue
        place, date = frames.get(e.sent_index, (None, None))
        if place is not None and not e.places:
            e.places.add(place)
        if date is not None and not e.dates:
            e.dates.append(date)
        prev = by_sent.get(e.sent_index - 1, [])
        if not prev or mentions.paragraph[e.sent_index - 1] != e.paragraph:
            continue
        mine = e.actors()
        for p in prev:
            if p.modality in ("CalledFor", "Planned") and p.modality != e.modality:
                continue
            # a shared actor, or an event of unnamed people ("Police detained 14 people") right after
            if not mine & p.actors() and (mine or not e.unnamed):
                continue
            if not e.dates and p.dates:
                e.dates.append(p.dates[0])
            if not e.places and p.places and e.type != "Charging":
                e.places.update(p.places)
            break


def place_lead_and_votes(events: list, mentions, dateline, doc) -> None:
    places = [ent for _, _, ent in mentions.spans if ent.kind == "place"]
    city = None
    country = None
    if dateline is not None:
        city = next((p for p in places if not is_country(p) and fold(dateline.city) in {fold(n) for n in p.names}), None)
        if dateline.country:
            country = next((p for p in places if is_country(p) and fold(p.label) == fold(dateline.country)), None)
        if country is None and city is not None:
            code = country_code(city)
            country = next((p for p in places if is_country(p) and country_code(p) == code), None)
    lead_para = mentions.paragraph[mentions.sent_index(dateline.start)] if dateline is not None else None
    counts: dict[int, int] = {}
    for _, _, ent in mentions.spans:
        if ent.kind == "place" and is_country(ent):
            counts[id(ent)] = counts.get(id(ent), 0) + 1
    main = None
    if counts:
        best = max(counts.values())
        top = [p for p in places if counts.get(id(p)) == best]
        main = top[0] if top else None
    for e in events:
        if e.type == "Election" and e.national:
            if e.places and not any(is_country(p) for p in e.places):
                code = country_code(next(iter(e.places)))
                e.places.clear()
                pick = next((p for p in places if is_country(p) and country_code(p) == code), None)
                if pick is not None:
                    e.places.add(pick)
            elif any(not is_country(p) for p in e.places):
                for p in list(e.places):
                    if not is_country(p):
                        e.places.pop(id(p), None)
            if not e.places:
                tok = doc[e.token_i]
                demo = next((country_of_demonym(c.text, places) for c in tok.children
                             if c.dep_ in ("amod", "compound") and country_of_demonym(c.text, places)), None)
                pick = demo or country or main
                if pick is not None:
                    e.places.add(pick)
            continue
        if lead_para is not None and lead_para in {e.paragraph} | e.paragraphs and city is not None and not e.bare() \
                and e.type != "Charging":
            if not e.places or (len(e.places) == 1 and all(is_country(p) and country_code(p) == country_code(city)
                                                           for p in e.places)):
                e.places.clear()
                e.places.add(city)
