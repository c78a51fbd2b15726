"""Article-level passes over the events of one article (see :mod:`newsgraph.loaders.extract.events.find`).

* :func:`election_cues`: candidates named near an election take part in it
  ("X faces five challengers", "Y came second with 3 percent", "a fourth candidate, Z");
* :func:`count_groups`: "two men were detained ... [next paragraph] his clients, A and B":
  a count of unnamed people is the group of exactly that many named just after;
* :func:`members_named_after`: "A court ordered 11 people held ... Among them are A, B and C": their names;
* :func:`protesters_held`: "Dozens gathered outside the court. Police detained six of them, including X",
  "police detained him at a picket": X took part in the protest;
* :func:`inherit_context`: an event with no date or place takes those of the event it
  continues in the sentence before (same paragraph, a shared actor, no "later"), or of a
  fronted "In Bishkek," / "On Sunday," earlier in its paragraph, or of a bulletin's section
  heading ("1. Almaty: ..."); "Two days later" counts from the event told before; a sentencing
  with no date right after a dated one ("A court on Tuesday jailed 22. [¶] The court found X guilty")
  is the same verdict's;
* :func:`place_lead_and_votes`: in the dateline's paragraph the dateline city is the place
  (rather than its country); a nationwide vote is held in its country.
"""
from __future__ import annotations

import re

from newsgraph.text.dates import normalise_date, shift_date
from .context import country_code, country_of_demonym, is_country, offset_of
from .roles import ATTEMPT_VERBS, TARGETED, subjects, words
from newsgraph.text.names import fold
from ..token_table import token_table

__all__ = ["told_before", "one_of_the_protesters", "election_cues", "count_groups", "including_after", "place_of_setting", "plural_targets", "protest_organisers", "inherit_context", "members_named_after", "one_verdict_date", "same_kind_date",
           "place_lead_and_votes", "protesters_held"]

_REJECTED = words("article_rejected")


def election_cues(mentions, events: list) -> None:
    """Candidates named near an election take part in it ("X faces five challengers", "Y came second")."""
    elections = [e for e in events if e.type == "Election" and e.modality not in ("CalledFor", "Denied")]
    if not elections:
        return
    rivals, results = words("election_rivals"), words("election_results")
    lower, _, pos, _ = token_table(mentions.doc)
    trigger_at = {e.token_i for e in elections}
    for si, sent in enumerate(mentions.sents):
        if any(low in _REJECTED for low in lower[sent.start:sent.end]):
            continue
        people = []
        for i in range(sent.start, sent.end):
            if pos[i] not in ("VERB", "AUX") and lower[i] not in ("candidate", "candidates", "contender") \
                    and lower[i] not in rivals:
                continue  # none of the cases below
            t = sent.doc[i]
            hit = False
            if t.pos_ in ("VERB", "AUX"):
                objs = [c for c in t.children if c.dep_ in ("dobj", "attr", "advmod", "npadvmod", "oprd", "acomp")]
                preps = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
                if t.lower_ in words("run_verbs") and any(o.lower_ in rivals for o in objs):
                    hit = True
                elif t.lower_ in words("run_verbs") | words("win_verbs") | words("score_verbs") and any(
                        o.lower_ in results or any(g.lower_ in results for g in o.subtree) for o in objs + preps):
                    hit = True
                if hit:
                    for s in subjects(t)[0]:
                        people += mentions.resolve(s, "participant")[0]
            if t.pos_ in ("VERB", "AUX") and t.lower_ in words("run_verbs") and not any(
                    c.dep_ == "neg" for c in t.children) and not (  # not "had tried to run", "wanted to run"
                    t.dep_ == "xcomp" and t.head.tag_ in ("VBD", "VBN") and t.head.lower_ in ATTEMPT_VERBS):
                for c in t.children:  # "seeking to run against X in November elections"
                    if c.dep_ == "prep" and c.lower_ in ("in", "for") and any(
                            g.i in trigger_at for g in c.children if g.dep_ == "pobj"):
                        subj = [next((c for c in x.head.children if c.dep_ == "nsubj"), x) if x.dep_ == "attr" else x
                                for x in subjects(t)[0]]  # "A and B are politicians seeking to run ..."
                        people += [p for x in subj for p in mentions.resolve(x, "participant")[0]]
                        for a in t.children:
                            if a.dep_ == "prep" and a.lower_ == "against":
                                people += [p for g in a.children if g.dep_ == "pobj"
                                           for p in mentions.resolve(g, "participant")[0]]
            if t.lower_ in ("candidate", "candidates", "contender") and t.pos_ == "NOUN":
                for c in t.children:
                    if c.dep_ == "appos":
                        people += mentions.resolve(c, "participant")[0]
                if t.dep_ == "appos":
                    people += mentions.resolve(t.head, "participant")[0]
                if t.dep_ in ("compound", "nmod") and t.head.pos_ == "PROPN":
                    people += mentions.resolve(t.head, "participant")[0]  # "independent candidates A and B"
                named = mentions.named_after(t)
                if named is not None:
                    at = next((m.start for m in named.mentions if m.start >= t.idx), None)
                    people += [named] + list(mentions.group_at(at) if at is not None else ())
                up = t
                for _ in range(5):  # "X, one of the organisers and an independent candidate"
                    if up.head.i == up.i or not (up.dep_ in ("conj", "appos") or up.dep_ == "pobj" and up.head.lower_ == "of"
                                                 and up.head.head.lower_ == "one"):
                        break
                    up = up.head.head if up.dep_ == "pobj" else up.head
                    ent = mentions.at(up.idx, up.idx + len(up))
                    if ent is not None and ent.kind == "person":
                        people.append(ent)
                        break
            if t.lower_ in rivals and t.pos_ == "NOUN" and any(
                    c.dep_ == "prep" and c.lower_ in ("in", "for") and any(g.i in trigger_at for g in c.subtree)
                    for c in t.children):  # "X's main rival in the presidential election, Y"
                for c in t.children:
                    if c.dep_ in ("appos", "poss"):
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


def _org_or_person_between(mentions, start: int, end: int) -> list:
    out = []
    for s, e, ent in mentions.spans:
        if s >= start and e <= end and ent.kind in ("org", "person") and not any(ent is x for x in out):
            out.append(ent)
    return out


def protest_organisers(mentions, events: list) -> None:
    """Who organised a protest, read from constructions the parse often breaks:

    * "The rally was announced by the A and B parties, the C Movement and ...": every body (or person)
      named in the "by" phrase of the passive organising verb;
    * "X, one of the organisers of the protest, ...", "the rally's organiser X": X.
    """
    doc = mentions.doc
    organise = words("organise_verbs") | words("announce_verbs")
    for e in events:
        if e.type != "Protest" or e.modality == "CalledFor":
            continue
        tok = doc[e.token_i]
        verb = tok.head
        if tok.dep_ == "nsubjpass" and verb.lower_ in organise:
            by = next((c for c in verb.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"), None)
            if by is not None:
                end = max(t.idx + len(t) for t in verb.sent if t.i > by.i and not (t.is_punct and t.text in (";", ".")))
                for ent in _org_or_person_between(mentions, by.idx, end):
                    e.agents.add(ent)
        # "X, one of the organisers of the protest": the organiser noun, then the person it stands beside
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in words("organiser_nouns"):
            noun = tok.head.head
            holder = noun
            if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in ("one", "some", "two", "three"):
                holder = noun.head.head
            for anchor in [holder.head] if holder.dep_ in ("appos", "conj") else [a for a in holder.children if a.dep_ == "appos"]:
                ent = mentions.at(anchor.idx, anchor.idx + len(anchor))
                if ent is not None and ent.kind in ("person", "org"):
                    e.agents.add(ent)


def plural_targets(events: list) -> None:
    """'Agents detained A and B. Both are suspected of X': a plural reference ("both", "they", "the two
    contenders") that names no one stands for the persons of the latest event told in the three sentences
    before that has two or more of them (exactly as many, when the reference counts them)."""
    for e in events:
        if e.plural_ref is None or e.targets or e.unnamed and e.count and e.count != e.plural_ref:
            continue
        counted = [p for p in events if p is not e and p.token_i < e.token_i and e.sent_index - 3 <= p.sent_index
                   and p.type in TARGETED and p.count == e.plural_ref and p.targets and e.plural_ref
                   and p.modality not in ("CalledFor", "Planned")]
        if counted:  # "five more people were detained, including A and B ... all five were later released"
            e.targets.update(t for t in max(counted, key=lambda p: p.token_i).targets if t.kind == "person")
            continue
        back = 8 if e.plural_ref and e.plural_ref >= 3 or e.held_ref else 3  # "the three" reaches further than "they"
        before = [p for p in events if p is not e and e.sent_index - back <= p.sent_index <= e.sent_index
                  and p.token_i < e.token_i and p.type in TARGETED and p.modality not in ("CalledFor", "Planned")
                  and (p.type == "Detention" or not e.held_ref)]  # "the arrested politicians said they ..."
        latest: list = []  # the last persons targeted, one event after another ("A was arrested. B was arrested
        for p in sorted(before, key=lambda x: -x.token_i):  # later. They accused the two ..."): for a counted reference
            people = [t for t in p.targets if t.kind == "person"]
            if len(people) >= 2 and (not e.plural_ref or len(people) == e.plural_ref):
                e.targets.update(people)
                break
            latest += [t for t in people if not any(t is x for x in latest)]
        else:
            if e.plural_ref and len(latest) >= e.plural_ref:
                e.targets.update(latest[:e.plural_ref])


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


_INCLUDE_VERBS = words("article_include_verbs")
_THEM = words("article_them")


def _named_members(sent, mentions) -> list:
    """The persons a sentence names as members of a group told before: "Among them are A, B and C",
    "Among those held was A", "They include A and B"."""
    anchor = None
    lower, doc = token_table(sent.doc).lower, sent.doc
    for i in range(sent.start, sent.end):
        if lower[i] != "among" and lower[i] not in _INCLUDE_VERBS and lower[i] not in ("are", "were"):
            continue  # none of the four shapes below: no Token object built
        t = doc[i]
        if t.lower_ == "among" and t.dep_ == "prep" and t.head.pos_ in ("AUX", "VERB") and any(
                c.dep_ == "pobj" and (c.lower_ in _THEM or c.lower_ in words("people_nouns") | words("group_nouns"))
                for c in t.children):
            anchor = t.head
        elif t.lower_ in _INCLUDE_VERBS and t.pos_ == "VERB" and t.dep_ == "ROOT" and any(
                c.dep_ == "nsubj" and (c.lower_ in _THEM or c.lower_ in words("people_nouns")) for c in t.children):
            anchor = t
        elif t.pos_ == "AUX" and t.lower_ in ("are", "were") and t.dep_ == "ROOT" and any(
                c.dep_ == "nsubj" and any(g.lower_ in words("held_nouns") for g in c.children if g.dep_ in ("amod", "acl"))
                for c in t.children):
            anchor = t  # "the detained journalists are A, B and C"
        elif t.lower_ in _INCLUDE_VERBS and t.pos_ == "VERB" and t.dep_ == "ROOT" and any(
                c.dep_ == "auxpass" and c.lower_ in ("are", "were") for c in t.children) and any(
                c.dep_ == "prep" and c.lower_ in ("in", "among") for c in t.children):
            anchor = t  # "Also included in the exchange are A, B and C"
        if anchor is not None:
            break
    if anchor is None or anchor.dep_ != "ROOT":
        return []
    return mentions.persons_between(sent.start_char, sent.end_char)


_ONE_OF = re.compile(r"\b(?:one|another|two|three|some|several)\s+of\s+(?:the|those)\s+(?:[\w-]+\s+)?(?P<noun>[\w-]+)\s*,",
                     re.I)


def _included_in(sent, people, events: list, si: int, mentions) -> bool:
    """ "Dozens of prisoners were freed in an exchange ... Also included in the exchange are A and B": A and B
    are targets of the event told nearest the same noun ("exchange") in the three sentences before."""
    root = sent.root
    if root.lower_ not in _INCLUDE_VERBS:
        return False
    noun = next((g for c in root.children if c.dep_ == "prep" and c.lower_ in ("in", "among")
                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    if noun is None:
        return False
    best = None
    for e in events:
        if not (si - 3 <= e.sent_index < si and e.type in TARGETED and e.modality not in ("CalledFor", "Planned")):
            continue
        same = [t.i for t in mentions.sents[e.sent_index] if t.lower_ == noun.lower_]
        if same:
            gap = min(abs(i - e.token_i) for i in same)
            if best is None or (e.sent_index, -gap) > (best[0].sent_index, -best[1]):
                best = (e, gap)
    if best is None:
        return False
    best[0].targets.update(people)
    return True


def _one_of_the_held(sent, mentions, nouns: str = "held_nouns") -> list:
    """The person a sentence names as one of the detained ("One of the detainees, the journalist X, was ..."),
    or one of the people of another word set of ``rules/event_words.jsonl`` ("One of the protesters, X, said")."""
    text = mentions.text[sent.start_char:sent.end_char]
    m = _ONE_OF.search(text)
    if m is None or m.group("noun").lower() not in words(nouns):
        return []
    start = sent.start_char + m.end()
    people = mentions.persons_between(start, min(sent.end_char, start + 60))
    return people[:1]


def including_after(events: list, mentions) -> None:
    """"three journalists were detained on smuggling charges, including the director X and the editor Y": the
    persons after "including" (or "among them") later in the sentence of a counted, unnamed target."""
    doc = mentions.doc
    for si, sent in enumerate(mentions.sents):
        mine = [e for e in events if e.sent_index == si and e.type in TARGETED and e.unnamed and not e.targets
                and e.modality not in ("CalledFor", "Planned")]
        if not mine:
            continue
        first = min(e.token_i for e in mine)
        cue = next((t for t in sent if t.i > first and (t.lower_ == "including" or t.lower_ == "among" and t.i + 1 < len(doc)
                                                       and doc[t.i + 1].lower_ in _THEM)), None)
        if cue is None:
            continue
        people = mentions.persons_between(cue.idx, sent.end_char)
        for e in mine:
            e.targets.update(people)


def members_named_after(events: list, mentions) -> None:
    """ "A court ordered 11 opponents held in pretrial detention. ... Among them are A, B and C": A, B and C
    are targets of the latest event of unnamed people in the two sentences before."""
    for si, sent in enumerate(mentions.sents):
        one = _one_of_the_held(sent, mentions)
        held = [e for e in events if e.sent_index < si and e.type == "Detention" and (e.unnamed or e.count)
                and e.modality not in ("CalledFor", "Planned")]
        if one and held:  # "One of the detainees, X, was released": X was detained with them
            max(held, key=lambda e: e.token_i).targets.update(one)
        people = _named_members(sent, mentions)
        if not people:
            continue
        if _included_in(sent, people, events, si, mentions):
            continue
        before = [e for e in events if si - 2 <= e.sent_index < si and e.type in TARGETED and e.unnamed
                  and e.paragraph >= mentions.paragraph[si] - 1 and e.modality not in ("CalledFor", "Planned")]
        # "Six journalists were detained ... [¶ ...] the detained journalists are A, B and C"
        counted = [e for e in events if si - 3 <= e.sent_index < si and e.type in TARGETED and e.unnamed
                   and e.count and e.count >= len(people) and e.paragraph >= mentions.paragraph[si] - 2
                   and e.modality not in ("CalledFor", "Planned")]
        groups = [before, counted] if before else [counted]
        if before and counted:  # "... the other journalists were later detained": the counted group is them too
            host = max(before, key=lambda e: e.token_i)
            counted[:] = [e for e in counted if e.type == host.type or e.sent_index == host.sent_index]
        for before in groups:
            if not before:
                continue
            host = max(before, key=lambda e: e.token_i)
            for e in before:  # "ordered 11 held ..., a day after police rounded up 20": among both
                if e is host or e.type == host.type and e.sent_index == host.sent_index:
                    e.targets.update(people)
            for e in events:  # "detained ... on smuggling charges": the charged are the same people
                if e.sent_index == host.sent_index and e.type in TARGETED and not e.targets and e.modality not in (
                        "CalledFor", "Planned") and (e.unnamed or e.type == "Charging" and host.count):
                    # "Six journalists were detained ..., with courts ordering their detention on X charges"
                    e.targets.update(people)


def _of_them(tok) -> bool:
    """ "detained six of them", "some of those were beaten": the trigger's target is part of a group named before."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(g.lower_ in ("them", "those") for g in p.children)
               for h in heads for p in h.children)


def _protesters_taken(tok) -> bool:
    """Whether the trigger's target noun names protesters ("detained eight prominent protesters")."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(h.lower_ in words("protester_nouns") for h in heads)


def one_of_the_protesters(events: list, mentions, window: int = 8) -> None:
    """ "One of the protesters, X, told reporters ...": X took part in the protest told last (at most ``window``
    sentences before, or in that sentence)."""
    for si, sent in enumerate(mentions.sents):
        people = _one_of_the_held(sent, mentions, "protester_nouns")
        protests = [p for p in events if p.type == "Protest" and si - window <= p.sent_index <= si
                    and p.modality not in ("CalledFor", "Planned", "Denied")]
        if people and protests:
            max(protests, key=lambda p: p.token_i).participants.update(people)


def protesters_held(events: list, mentions) -> None:
    """ "Dozens gathered outside the court. Police detained six of them, including X": X took part in the protest;
    "police detained him at a one-person picket": so did he."""
    doc = mentions.doc
    for e in events:
        if e.type != "Detention" or not e.targets:
            continue
        for p in events:
            if p.type != "Protest" or p.sent_index != e.sent_index or p.participants:
                continue
            t = doc[p.token_i]
            if t.dep_ == "pobj" and t.head.lower_ in ("at", "during") and t.head.head.i == e.token_i:
                p.participants.update(x for x in e.targets if x.kind == "person")
    for e in events:  # "police swept up eight prominent protesters. These included X and Y": X and Y protested
        if e.type != "Detention" or not e.targets or not _protesters_taken(mentions.doc[e.token_i]):
            continue
        protests = [p for p in events if p.type == "Protest" and p.modality not in ("CalledFor", "Denied")
                    and abs(p.sent_index - e.sent_index) <= 10]
        if protests:
            near = min(protests, key=lambda p: (p.sent_index > e.sent_index, abs(p.sent_index - e.sent_index)))
            near.participants.update(t for t in e.targets if t.kind == "person")
    for e in events:
        if e.type not in ("Detention", "Violence") or not e.targets or not _of_them(mentions.doc[e.token_i]):
            continue
        for p in events:
            if p.type == "Protest" and p.paragraph == e.paragraph and e.sent_index - 1 <= p.sent_index <= e.sent_index \
                    and p.token_i < e.token_i and (p.unnamed or not p.participants):
                p.participants.update(t for t in e.targets if t.kind == "person")


_HEADING = re.compile(r"^\s*(?P<num>\d{1,2}[.)]\s*|[-•*]\s*)?(?P<head>[^:\n]{2,60}):")


def _section_places(mentions) -> dict[int, object]:
    """Paragraph index -> the place of a section heading line ("1. Almaty: arrests after the rally"), or None
    for a heading naming no place ("5. Pressure on journalists"): a bulletin's section places its items."""
    spans: dict[int, list] = {}
    for si, sent in enumerate(mentions.sents):
        spans.setdefault(mentions.paragraph[si], []).append(sent)
    out = {}
    for para, sents in spans.items():
        text = mentions.text[sents[0].start_char:sents[-1].end_char]
        if len(text) > 120 or "\n" in text.strip() or re.search(r"[.!?][\"”'»]?$", text.rstrip()):
            continue
        m = _HEADING.match(text)
        if m is None and not re.match(r"^\s*\d{1,2}[.)]\s+[A-Z]", text):
            continue
        place = None
        if m is not None:
            start = sents[0].start_char + m.start("head")
            ent = mentions.at(start, sents[0].start_char + m.end("head"))
            head = m.group("head").strip()
            place = ent if ent is not None and ent.kind == "place" and any(
                n in head and len(head) - len(n) <= 12 for n in ent.names) else None  # "1. Almaty region:", not
            #   a photo caption "A courtroom in Alexandria in March [File: ...]" that happens to hold a colon
            if place is not None and not m.group("num") and (para == min(spans) or is_country(place)):
                continue  # "Kyrgyzstan: activist must not be extradited": a headline, not a section
        out[para] = place
    return out


def _frames(mentions, ref) -> dict[int, tuple]:
    """Sentence index -> (place, date) set by a fronted phrase earlier in its paragraph:
    "In Bishkek, ...", "On Sunday, ...", "14 July, ..." or "Late on Tuesday, ..." frame the sentences that follow it."""
    out, frame, para, section = {}, (None, None), None, None
    headings = _section_places(mentions)
    for si, sent in enumerate(mentions.sents):
        if mentions.paragraph[si] != para:
            frame, para = (None, None), mentions.paragraph[si]
            if para in headings:
                section = headings[para]
        out[si] = (frame[0] or section, frame[1])
        toks = []  # the first eight tokens that are not space: all that is looked at, mostly
        for t in sent:
            if not t.is_space:
                toks.append(t)
                if len(toks) == 8:
                    break
        comma = next((t for t in toks[1:8] if t.text == ","), None) if len(toks) >= 4 else None
        if comma is None:
            continue
        if comma.i - toks[0].i > len(toks):  # space tokens before the comma: the slice below reads further
            toks = [t for t in sent if not t.is_space]
        bare_date = all(t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("late", "early", "on", "at", "in", "by")
                        for t in toks[:comma.i - toks[0].i]) and any(t.ent_type_ == "DATE" for t in toks[:comma.i - toks[0].i])
        if not bare_date and (toks[0].lower_ not in ("in", "on", "at") or toks[0].head.dep_ != "ROOT"):
            continue  # neither "In Bishkek, ..." nor a date before a comma ("14 July, ...", "Late on Tuesday, ...")
        phrase = sent.doc[toks[1].i:comma.i] if toks[0].lower_ in ("in", "on", "at") else sent.doc[toks[0].i:comma.i]
        place = mentions.at(phrase.start_char, phrase.end_char) if toks[0].lower_ in ("in", "at") else None
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
    _offset_dates(events, mentions)
    _anchored_dates(events, mentions)
    for e in events:
        place, date = frames.get(e.sent_index, (None, None))
        if place is not None and not e.places and (not e.bare() or e.dates) and e.modality != "CalledFor" \
                and e.type != "Election":
            e.places.add(place)  # a framed place holds whenever the event happened
        if e.bare() or e.shift or (e.dates and e.places) or e.modality in ("Denied", "CalledFor"):
            continue
        if place is not None and not e.places:
            e.places.add(place)
        if date is not None and not e.dates:
            e.dates.append(date)
        prev = by_sent.get(e.sent_index - 1, [])
        told = next((k for k in (e.sent_index - 1, e.sent_index - 2) if by_sent.get(k)), None)
        if e.type == "Sentencing" and not e.dates and told is not None and mentions.paragraph[told] >= e.paragraph - 1:
            same = [p for p in by_sent[told] if p.type == "Sentencing" and p.dates and not p.weak_date and not p.shift
                    and p.modality == e.modality]
            if same:  # "A court on Tuesday jailed 22 people. [¶] The court found X guilty ...": the same verdict
                e.dates.append(same[0].dates[0])
        if not prev or mentions.paragraph[e.sent_index - 1] != e.paragraph:
            continue
        mine = e.actors()
        continued = [p for p in prev if not (p.modality in ("CalledFor", "Planned") and p.modality != e.modality)
                     # a shared actor, or an event of unnamed people ("Police detained 14 people") right after
                     and (mine & p.actors() or (not mine and e.unnamed))]
        if continued and not e.dates and continued[0].dates:
            e.dates.append(continued[0].dates[0])
        # the place from the first of them that has one ("charged with X, and a court in Y sentenced him")
        placed = next((p for p in continued if p.places), None)
        if placed is not None and not e.places and e.type != "Charging" and not _other_places(mentions, placed):
            e.places.update(placed.places)


def told_before(events: list, window: int = 3) -> list:
    """A mention that names nobody and stands for an event already told ("The X District Court pronounced the
    ruling on May 10" after "a court sentenced Y to six years") takes the targets of the latest event of its type
    named at most ``window`` sentences before, so that the two merge (its date and court go with it); with none
    such, or across a shift in time ("had earlier ..."), it is dropped."""
    out = []
    for e in events:
        if e.refers_back and not e.targets:
            before = [o for o in out if o.type == e.type and o.targets and o.token_i < e.token_i
                      and e.sent_index - o.sent_index <= window]
            if not before or e.shift:
                continue
            e.targets.update(max(before, key=lambda o: o.token_i).targets)
        out.append(e)
    return out


def one_verdict_date(events: list) -> None:
    """A sentencing with no date, told after the article's only dated verdict ("Thirteen people were jailed on
    June 4 ... [¶] Sixteen were given suspended terms ... X received the longest term"), was handed down that
    day: an article whose dated sentencings all share one date reports one verdict. Not across a shift in time
    ("had been sentenced in 2019") nor more than twelve sentences on."""
    dated = [e for e in events if e.type == "Sentencing" and e.dates and not e.weak_date and not e.shift
             and e.modality is None]
    if not dated or len({str(e.dates[0]) for e in dated}) != 1:
        return
    first = min(dated, key=lambda e: e.token_i)
    for e in events:
        if e.type == "Sentencing" and not e.dates and not e.shift and e.modality is None \
                and first.token_i < e.token_i and e.sent_index - first.sent_index <= 12:
            e.dates.append(first.dates[0])


def _merged(ev):
    for _ in range(20):
        if getattr(ev, "merged_into", None) is None:
            return ev
        ev = ev.merged_into
    return ev


def place_of_setting(events: list, mentions, after_merge: bool = False) -> None:
    """An event with no place that happened in, during or amid another ("238 people were killed in the riots",
    "detained during the protests") happened where that one did. Before merging the setting is noted; after,
    the place comes from the event the setting's mention was merged into."""
    if after_merge:
        for e in events:
            host = _merged(e.setting) if e.setting is not None else None
            if not e.places and host is not None and host is not e and host.places:
                e.places.update(host.places)
        return
    doc = mentions.doc
    at = {e.token_i: e for e in events}
    for e in events:
        if e.places or e.modality == "CalledFor":
            continue
        tok = doc[e.token_i]
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "during", "amid", "at"):
                continue
            for g in c.children:
                host = at.get(g.i)
                if g.dep_ == "pobj" and host is not None and host is not e:
                    e.setting = host
                    if host.places:
                        e.places.update(host.places)


def same_kind_date(events: list, mentions, window: int = 8) -> None:
    """An event with no date of its own, told a few sentences after a dated event of its type ("were detained
    on Sunday ... [¶] Shortly before the rally began, police swept up eight protesters"), continues its story:
    it takes that date. Not across a shift in time, nor from a planned, called-for or reported-only event."""
    for e in sorted(events, key=lambda x: x.token_i):
        if e.dates or e.bare() or e.shift and not e.soft_shift or e.modality is not None:
            continue
        before = [p for p in events if p.type == e.type and p.dates and p.token_i < e.token_i and not p.weak_date
                  and (not p.shift or p.soft_shift) and p.modality is None and e.sent_index - p.sent_index <= window]
        if before:
            e.dates.append(max(before, key=lambda p: p.token_i).dates[0])
            continue
        # "Agents detained X and Y. [...] X and Y were detained on May 28": the date told just after
        after = [p for p in events if p.type == e.type and p.dates and p.token_i > e.token_i and not p.weak_date
                 and not p.shift and p.modality is None and p.sent_index - e.sent_index <= 3
                 and p.paragraph <= mentions.paragraph[e.sent_index] + 1]
        if after:
            e.dates.append(min(after, key=lambda p: p.token_i).dates[0])


def _other_places(mentions, ev) -> bool:
    """Whether the sentence of ``ev`` names a town besides the event's own ("began in X and spread to Y"):
    what follows it may have happened in either."""
    sent = mentions.sents[ev.sent_index]
    own = {id(p) for p in ev.places}
    return any(ent.kind == "place" and id(ent) not in own and not is_country(ent)
               for s, _, ent in mentions.spans if sent.start_char <= s < sent.end_char)


def _offset_dates(events: list, mentions) -> None:
    """ "X was detained on 2 April. Two days later a court placed him in custody": the date counts from
    the latest dated event told before it (this paragraph or the one before)."""
    for e in sorted(events, key=lambda x: x.token_i):
        if e.dates or e.modality in ("CalledFor", "Planned"):
            continue
        off = offset_of(mentions, mentions.sents[e.sent_index], mentions.doc[e.token_i])
        if off is None:
            continue
        before = [p for p in events if p.token_i < e.token_i and p.dates and not p.weak_date
                  and e.paragraph - 1 <= p.paragraph <= e.paragraph and p.sent_index < e.sent_index
                  and p.modality not in ("CalledFor", "Planned")]
        if not before:
            continue
        got = shift_date(max(before, key=lambda p: p.token_i).dates[0], off)
        if got is not None:
            e.dates.append(got)


_ANCHOR_SHIFT = {"day": 0, "night": 0, "morning": 0, "evening": 0, "eve": -1}


def _anchored_dates(events: list, mentions) -> None:
    """ "A picket on the day of the verdict", "detained on the eve of the vote": the date of the event of that
    kind the article dates (the nearest one told before, else after), the day before for "the eve"."""
    by_token = {e.token_i: e for e in events}
    for e in events:
        if e.dates or e.modality in ("CalledFor", "Planned"):
            continue
        for t in mentions.sents[e.sent_index]:
            anchor = by_token.get(t.i)
            if anchor is None or anchor is e or t.dep_ != "pobj" or t.head.lower_ != "of" \
                    or t.head.head.lower_ not in _ANCHOR_SHIFT or t.head.head.head.lower_ not in ("on", "during"):
                continue
            dated = [p for p in events if p.type == anchor.type and p.dates and not p.weak_date and p is not e
                     and p.modality not in ("CalledFor", "Planned")]
            if not dated:
                continue
            best = min(dated, key=lambda p: (p.token_i > e.token_i, abs(p.token_i - e.token_i)))
            got = shift_date(best.dates[0], (_ANCHOR_SHIFT[t.head.head.lower_], "day"))
            if got is not None:
                e.dates.append(got)
                if not anchor.dates:
                    anchor.dates.append(best.dates[0])  # "the verdict" itself: the one dated
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


def place_bulletin_items(events: list, mentions) -> None:
    """An event with no place of its own, in a numbered bulletin item headed by a town, happened there:
    in "3. Taraz. On 4 May blogger Jane Roe was fined." the fine is placed in Taraz. The heading is read by
    the entity rule ``place.bulletin_heading`` of ``rules/entity_patterns.jsonl``.
    """
    from newsgraph.text.gazetteer import gazetteer
    heads: dict[int, object] = {}
    for rule, rx in gazetteer().patterns:
        if not rule["id"].startswith("place.bulletin_heading."):
            continue
        for m in rx.finditer(mentions.text):
            ent = mentions.at(m.start(rule["group"]), m.end(rule["group"]))
            if ent is not None and ent.kind == "place":
                heads[mentions.paragraph[mentions.sent_index(m.start(rule["group"]))]] = ent
    if not heads:
        return
    for e in events:
        if e.places or e.type == "Election":
            continue
        found = {id(heads[p]): heads[p] for p in {e.paragraph} | e.paragraphs if p in heads}
        if len(found) == 1:
            e.places.add(next(iter(found.values())))
