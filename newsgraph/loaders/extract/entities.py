"""Find the persons, organizations and places of one article.

A statistical NER (spaCy) proposes spans; rules kept as data repair its known
faults on news about repression:

* titles glued to names ("Lawyer Jane Roe" → "Jane Roe"), a leading "the";
* split names ("Anna-Maria" + "Roe") and "'s" compounds ("Radio X's Minsk Service");
* surnames typed as places or organizations (morphology, the person's full
  name elsewhere in the article, cue words), demonyms ("Belarusian") dropped;
* headline lines typed as organizations (kept only when confirmed by the body);
* acronym definitions ("State Security Committee (KGB)") give long form + alias;
* quoted names after a kind of body (the party “Free Nation”), "the city of X", a dateline city in
  capitals ("ALMATY, Kazakhstan --"); a quoted slogan ("Free Jane Roe") is no person.

* names with initials ("Anna Sh. Petrova", "A. Ye. Petrova", "Petrov I. Zh.") join the full name;
  a body keeps its place or parent ("Supreme Court" + " of Tajikistan") and a demonym before a
  generic name ("Tajik" + " State Committee ..."); outlets are typed by a kind noun ("the newspaper X"),
  a name word ("... Times") or a web domain ("Vlast.kz"); "the Akmola region" is the region.
* a given name before a patronymic joins the name even at a sentence start ("Anna Sergeyevna Petrova");
  a surname the model typed as a body, after a given name, is a person ("editor Leyla Qasimova");
  "X, known as the ACR" gives an acronym; "the Bureau" is the one body named with that word;
  a model span cut at a hyphen is taken whole ("OVD" + "-Info"); courts of two towns stay two bodies.

Mentions are then grouped into entities: a surname alone joins the full name
of the same article, acronyms join their long form, places meet the gazetteer.

Example:
    >>> from newsgraph.loaders.extract.nlp import load_nlp
    >>> ents = find_entities(load_nlp()("Police detained activist Anna Petrova in Minsk. Petrova denied it."))
    >>> [(e.kind, e.label, sorted(e.names)) for e in ents]
    [('person', 'Anna Petrova', ['Anna Petrova', 'Petrova']), ('place', 'Minsk', ['Minsk'])]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsgraph.text.gazetteer import Gazetteer, gazetteer
from newsgraph.text.names import ascii_lower, clean, fold, fold_tokens, initials, initials_agree, similar

from .entity_lookup import ORG_NOUNS
from .wordsets import words

__all__ = ["Mention", "Entity", "find_entities", "Gazetteer", "gazetteer", "doc_text"]

KINDS = ("person", "org", "place")
_NER_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
             "WORK_OF_ART": "maybe", "PRODUCT": "maybe"}
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z]*(?:[/&.-]?[A-Z][A-Za-z]*)*)\s*\)")
_TRAILING = words("entities_trailing")
_CAP_WORD = re.compile(r"^[A-Z][\w'’.-]*$")


@dataclass
class Mention:
    """One span of text naming an entity."""

    start: int
    end: int
    text: str
    kind: str
    source: str = "ner"
    weak: bool = False          # from a headline-like line: needs confirmation
    strong_kind: bool = False   # kind fixed by a rule; typing repairs leave it alone
    alias: str | None = None    # an extra name form (acronym, "Y of X")


@dataclass
class Entity:
    """An entity of one article: its kind, canonical label, every name form, its mentions."""

    kind: str
    label: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gazetteer_id: str | None = None

    @property
    def key(self) -> str:
        return self.gazetteer_id or fold(self.label)

    def names_seen(self) -> list[str]:
        """Every form its mentions use, acronyms and long forms included."""
        return [m.text for m in self.mentions] + [m.alias for m in self.mentions if m.alias]


# ---------------------------------------------------------------- spans
def doc_text(doc) -> str:
    """``doc.text``, built once per doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("newsgraph.text")
    if text is None:
        text = doc.user_data["newsgraph.text"] = doc.text
    return text


def _headline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that read as headlines: Title Case, no final stop."""
    out, pos = [], 0
    for line in text.split("\n"):
        s = line.strip()
        words = re.findall(r"[A-Za-z][\w'’-]*", s)
        if s.startswith(("•", "|", ">")) or s.endswith(("•", "|", ">")):
            out.append((pos, pos + len(line)))
        elif words and len(words) >= 3 and not s.endswith((".", "?", ":", ";", ",", "\"", "”")):
            caps = sum(1 for w in words if w[0].isupper())
            if caps / len(words) >= 0.6:
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _strip_titles(text: str, g: Gazetteer) -> str:
    words = text.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        low = [w.lower().strip(",") for w in words]
        for t in g.titles_by_first.get(low[0], ()):  # the titles that can match: same first word
            if len(t) < len(words) and low[:len(t)] == t:
                words = words[len(t):]
                changed = True
                break
    return " ".join(words)


def _trim(doc, start: int, end: int, kind: str, g: Gazetteer) -> tuple[int, int, str] | None:
    """Clean a raw span: one line, no leading 'the' or title, no trailing possessive."""
    text = doc_text(doc)[start:end]
    if "\n" in text.strip():
        first = text.strip().split("\n")[0]
        end = start + text.index(first) + len(first)
        text = doc_text(doc)[start:end]
    lead = len(text) - len(text.lstrip(" \"'“”«»‘’(•*-"))
    start += lead
    text = doc_text(doc)[start:end].rstrip(" \"'“”«»‘’),.;:")
    end = start + len(text)
    m = re.match(r"(?i)the\s+", text)
    if m:
        start += m.end()
        text = text[m.end():]
    m = re.match(r"(?:[a-z][\w-]*\s+){1,3}(?=[A-Z])", text) if kind in ("org", "place") else None
    if m:  # "the unregistered Democratic Party": an adjective the model took in
        start += m.end()
        text = text[m.end():]
    m = re.match(r"([A-Z][a-z]+)\s+(?=[A-Z])", text)
    if m and m.group(1) in g.lead_words:  # "Without Free Hands ...": the sentence's first word
        start += m.end()
        text = text[m.end():]
    if kind == "person" or kind == "maybe":
        stripped = _strip_titles(text, g)
        start += len(text) - len(stripped)
        text = stripped
    words = text.split()
    while len(words) > 1 and words[-1][:1].islower() and (kind in ("person", "place") or words[-1] in _TRAILING):
        words.pop()  # "Anna Petrova to", "Gomel Branch of": the model took the next word
    text = " ".join(words)
    if text.lower() in g.title_words:
        return None  # "Lawyer" alone
    m = re.search(r"['’]s$", text)
    if m:
        text = text[:m.start()]
        end = start + len(text)
    end = start + len(text)
    if not text or not text[0].isupper():
        return None
    return start, end, text


def _spans(doc, g: Gazetteer) -> list[Mention]:
    text = doc_text(doc)
    heads = _headline_ranges(text)

    def weak(s: int) -> bool:
        return any(a <= s < b for a, b in heads)

    raw: list[Mention] = []
    for ent in doc.ents:
        kind = _NER_KIND.get(ent.label_)
        if not kind:
            continue
        if kind == "person" and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" \
                and ent.root.head.i >= ent.end and ent.root.head.text.islower():
            if ent.root.head.text not in ORG_NOUNS:
                continue  # "Kalashnikov rifles": a name used as a modifier of a common noun
            kind = "org"  # "the Free Step party"
        if kind == "person" and len(ent) == 1 and ent[0].is_sent_start and not g.looks_like_surname(ent.text) \
                and sum(1 for t in doc if t.text == ent.text) == 1:
            continue  # a lone capitalised word opening a sentence ("Turnout was low")
        end = ent.end_char
        tail = _HYPHEN_TAIL.match(text, end)
        if tail:  # "OVD" + "-Info": a name does not end inside a hyphenated word
            end = tail.end()
        raw.append(Mention(ent.start_char, end, text[ent.start_char:end], kind,
                           strong_kind=kind == "org" and ent.label_ == "PERSON"))
    for rule, rx in g.patterns:
        for m in rx.finditer(text):
            s, e = m.span(rule["group"])
            if rule.get("require") == "gazetteer" and not g.place(m.group(rule["group"])):
                continue
            if rule.get("require") == "gazetteer" and any(
                    ent.label_ in ("ORG", "PERSON", "FAC", "NORP", "LOC") and ent.start_char <= s and e <= ent.end_char
                    and (ent.start_char, ent.end_char) != (s, e)
                    for ent in doc.ents):
                continue  # "the Medeu District Court of Almaty", "Rustam Beisenov", "Central Asia": a place name inside a longer name
            if rule.get("require") == "surname" and not _has_surname(m.group(rule["group"]), g):
                continue
            if rule.get("require") == "no_surname" and _has_surname(m.group(rule["group"]), g):
                continue
            if rule.get("require") == "not_place" and (g.place(m.group(rule["group"])) or g.is_demonym(m.group(rule["group"]))):
                continue  # "the Almaty newspaper", "the Kazakh channel": a place or people, not the name
            if rule["kind"] == "org" and "quoted" not in rule["id"] and any(ent.label_ == "ORG" and ent.start_char <= s and e <= ent.end_char
                                             and ent.end_char - ent.start_char > e - s for ent in doc.ents):
                continue  # the model already read a longer body's name ("State Committee for ...")
            name = m.group(rule["group"]).title() if rule.get("case") == "title" else m.group(rule["group"])
            raw.append(Mention(s, e, name, rule["kind"], source=rule["id"], strong_kind=True))
    for i, m in enumerate(raw):  # 'Foundation for ... Speech "Free Word': the quoted name is read on its own
        q = re.search(r"\s[\"“«]", m.text) if m.source == "ner" and m.kind == "org" else None
        if q and q.start() > 3:
            raw[i] = Mention(m.start, m.start + q.start(), m.text[:q.start()], m.kind, m.source, m.weak, m.strong_kind)
    for i, m in enumerate(raw):  # "Democratic Choice of Kazakhstan (DVK": the model took in half of a bracket
        b = re.search(r"\s*\([^)]*$", m.text) if m.source == "ner" else None
        if b and b.start() > 3:
            raw[i] = Mention(m.start, m.start + b.start(), m.text[:b.start()], m.kind, m.source, m.weak, m.strong_kind)
    raw.extend(_acronyms(doc, raw, g))
    raw.extend(_known_orgs(doc, raw, g))
    raw.extend(_name_shaped(doc, raw, g))

    # prefer rule and acronym spans over overlapping NER spans, then longer spans
    raw.sort(key=lambda m: (m.source == "ner", -(m.end - m.start), m.start))
    taken: list[Mention] = []
    for m in raw:
        if any(m.start < t.end and t.start < m.end for t in taken):
            continue
        taken.append(m)
    taken.sort(key=lambda m: m.start)
    taken = _join_adjacent(doc, taken)

    taken = [part for m in taken for part in _split_pair(m, g)]
    out = []
    for m in taken:
        trimmed = _trim(doc, m.start, m.end, m.kind, g)
        if not trimmed:
            continue
        s, e, t = trimmed
        t = m.text if m.text.lower() == t.lower() else t  # a rule's own spelling ("ALMATY" -> "Almaty")
        t = clean(t) if not t.endswith("!") else t
        if not t or g.is_demonym(t) or len(t) < 2:
            continue
        last = t.split()[-1].lower().strip("'’")
        if last in g.not_names and m.source == "ner":
            continue
        if m.kind in ("person", "maybe") and t.split()[0] in g.slogan_words and doc_text(doc)[:s].rstrip()[-1:] in _QUOTES \
                and not set(t.split()[1:]) & g.org_words:
            continue  # a slogan on a placard: "Free Jane Roe"
        out.append(Mention(s, e, t, m.kind, m.source, weak(s), m.strong_kind, m.alias))
    return out


_QUOTES = "\"“”«»‘’'"
_HYPHEN_TAIL = re.compile(r"(?:-[A-Z][\w]*)+(?![\w'’-])")
_INITIAL = re.compile(r"^[A-Z][a-z]?\.?$")


def _has_surname(name: str, g: Gazetteer) -> bool:
    """Whether the full word of a name with initials ("Anna Sh. Petrova", "Petrov I. Zh.") is surname-shaped."""
    words = [w for w in name.replace(".", ". ").split() if not _INITIAL.match(w)]
    return bool(words) and g.looks_like_surname(words[-1])


_PAIR = re.compile(r"^((?:[A-Z][\w'’-]+\s){1,2}[A-Z][\w'’-]+)\s+and\s+((?:[A-Z][\w'’-]+\s){1,2}[A-Z][\w'’-]+)$")


def _split_pair(m: Mention, g: Gazetteer) -> list[Mention]:
    """'Anna Petrova and Ivan Sidorov' tagged as one span: two people."""
    hit = _PAIR.match(m.text) if m.source == "ner" else None
    if not hit or g.org(m.text):
        return [m]
    a, b = hit.group(1), hit.group(2)
    if not (g.looks_like_surname(a.split()[-1]) or g.looks_like_surname(b.split()[-1])):
        return [m]
    if any(w in g.org_words for w in (a + " " + b).split()):
        return [m]
    sb = m.start + hit.start(2)
    return [Mention(m.start, m.start + len(a), a, "person", "split.pair"),
            Mention(sb, sb + len(b), b, "person", "split.pair")]


def _join_adjacent(doc, spans: list[Mention]) -> list[Mention]:
    """Join 'Anna-Maria' + 'Roe' (person + adjacent capitalised word) and "X's" + "Y" organizations."""
    text = doc_text(doc)
    out: list[Mention] = []
    for m in spans:
        if out:
            p = out[-1]
            gap = text[p.end:m.start]
            joined = text[p.start:m.end]
            if p.kind == "org" and re.fullmatch(r" (?:in|of|for|on) ", gap) and gazetteer().org(re.sub(r"(?i)^the\s+", "", joined)):
                out[-1] = Mention(p.start, m.end, joined, "org", "join.known_org")  # "... Co-operation" + "in Europe"
                continue
            if p.kind == "person" and gap == " " and len(m.text.split()) == 1 and _CAP_WORD.match(m.text) \
                    and m.source == "ner":
                out[-1] = Mention(p.start, m.end, text[p.start:m.end], "person", p.source)
                continue
            if p.kind in ("org", "place") and re.fullmatch(r"['’]s ", text[p.end - 2:p.end] + gap) is None \
                    and re.fullmatch(r"['’]s ", gap) and m.kind in ("org", "place") and m.source == "ner" \
                    and not gazetteer().place(m.text):
                out[-1] = Mention(p.start, m.end, text[p.start:m.end], "org", "join.possessive")
                out.append(Mention(p.start, p.end, p.text, p.kind, p.source))  # the owner stays a mention
                continue
            if p.kind == "org" and re.search(r"['’]s$", p.text) and gap == " " and m.kind in ("org", "place") \
                    and m.source == "ner" and not gazetteer().place(m.text):
                owner = re.sub(r"['’]s$", "", p.text)
                out[-1] = Mention(p.start, m.end, text[p.start:m.end], "org", "join.possessive")
                out.append(Mention(p.start, p.start + len(owner), owner, "org", p.source))
                continue
        out.append(m)
    for i, m in enumerate(out):
        if m.kind == "org" and re.search(r"['’]s$", m.text):
            nxt = re.match(r" (office|service|bureau|press service)\b", text[m.end:])
            if nxt:
                out[i] = Mention(m.start, m.end + nxt.end(), text[m.start:m.end + nxt.end()], "org", m.source)
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    return out


_NAME_SEQ = re.compile(r"(?<![\w'’-])((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s){1,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w'’-])")


def _name_shaped(doc, spans: list[Mention], g: Gazetteer) -> list[Mention]:
    """Two or three capitalised words ending in a surname ending (-ov, -uly, -enko ...) the model missed."""
    out = []
    for m in _NAME_SEQ.finditer(doc_text(doc)):
        words = m.group(1).split()
        if any(m.start() < sp.end and sp.start < m.end() and not (
                sp.source == "ner" and sp.kind in ("place", "org", "maybe") and m.start() <= sp.start and sp.end <= m.end()
                and sp.end - sp.start < m.end() - m.start()
                and not g.place(sp.text) and not g.org(sp.text)) for sp in spans):
            continue  # (a given name the model took for a place, "Rustam" + "Beisenov", is re-read)
        if not g.looks_like_surname(words[-1]) or any(w.lower() in {"the", "in", "on", "of", "and", "a"} for w in words):
            continue
        if any(w.lower() in g.one_word_titles or fold(w) in g.demonyms or g.place(w) or g.org(w) for w in words):
            continue
        out.append(Mention(m.start(1), m.end(1), m.group(1), "person", "shape.surname"))
    return out


def _surname_mentions(doc, mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """Bare surnames of people named in full elsewhere in the article, where the model missed them."""
    surnames = {m.text.split()[-1] for m in mentions if m.kind == "person" and len(m.text.split()) >= 2}
    surnames = {w for w in surnames if len(w) > 3 and w[0].isupper()}
    if not surnames:
        return []
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(surnames)) + r")(?![\w-])")
    out = []
    for m in rx.finditer(doc_text(doc)):
        if not any(m.start() < sp.end and sp.start < m.end() for sp in mentions):
            out.append(Mention(m.start(), m.end(), m.group(1), "person", "surname.repeat"))
    return out


def _known_orgs(doc, spans: list[Mention], g: Gazetteer) -> list[Mention]:
    """Well-known bodies the model missed ('on Facebook'), matched case-sensitively as whole words,
    never inside a longer name of another kind the model read ('Memorial Day', 'Article 19 of the Constitution')."""
    out = []
    for m in g.org_regex.finditer(doc_text(doc)):
        if not any(m.start() < sp.end and sp.start < m.end() and (sp.source != "ner" or sp.end - sp.start >= m.end() - m.start())
                   for sp in spans) and not any(
                ent.start_char <= m.start() and m.end() <= ent.end_char and ent.end_char - ent.start_char > m.end() - m.start()
                for ent in doc.ents):
            out.append(Mention(m.start(), m.end(), m.group(), "org", "gazetteer.org"))
    return out


def _acronyms(doc, spans: list[Mention], g: Gazetteer) -> list[Mention]:
    """Long forms defined by a following '(ACRONYM)': 'Organization for ... Europe (OSCE)'."""
    text, out = doc_text(doc), []
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        letters = re.sub(r"[^A-Za-z]", "", acr).upper()
        if len(letters) < 2 or len(letters) > 10:
            continue
        before = text[max(0, m.start() - 200):m.start()]
        before = re.split(r"[\n.;:!?]", before)[-1]
        words = list(re.finditer(r"[\w'’-]+", before))
        best = None
        for i in range(len(words) - 1, -1, -1):
            cand = before[words[i].start():].strip()
            if not words[i].group()[0].isupper():
                continue
            if initials(cand) == letters or initials(cand).replace("-", "") == letters:
                best = (words[i].start(), cand)
                break
            if len(initials(cand)) > len(letters) + 1:
                break
        offset = m.start() - len(before)
        if best:
            s = offset + best[0]
            e = s + len(best[1])
        else:  # a transliterated acronym (KNB for "National Security Committee"): an organization right before it
            prev = [sp for sp in spans if sp.kind == "org" and sp.end <= m.start()
                    and not text[sp.end:m.start()].strip()]
            if not prev:
                continue
            s, e = prev[0].start, prev[0].end
            lead = re.match(r"(?i)the\s+", text[s:e])
            s += lead.end() if lead else 0
            best = (s - offset, text[s:e])
        kinds = [sp.kind for sp in spans if sp.start < e and s < sp.end and sp.source == "ner"]
        known_place = g.place(best[1]) and not g.org(best[1])
        kind = "place" if known_place and (not kinds or all(k == "place" for k in kinds)
                                           or re.search(r"\b(?:Region|Oblast|Prefecture|Province|Okrug)$", best[1])) else "org"
        out.append(Mention(s, e, best[1], kind, "acronym", strong_kind=True, alias=acr))
        out.append(Mention(m.start(1), m.end(1), acr, kind, "acronym", strong_kind=True, alias=best[1]))
    for sp in spans:  # "the State Committee for National Security, known as the GKNB,"
        k = _KNOWN_AS.match(text, sp.end) if sp.kind == "org" else None
        if not k:
            continue
        s, e = sp.start, sp.end
        lead = re.match(r"(?i)the\s+", text[s:e])
        s += lead.end() if lead else 0
        long_form, acr = text[s:e], k.group(1)
        out.append(Mention(s, e, long_form, "org", "acronym", strong_kind=True, alias=acr))
        out.append(Mention(k.start(1), k.end(1), acr, "org", "acronym", strong_kind=True, alias=long_form))
    return out


_KNOWN_AS = re.compile(r",?\s+(?:also\s+|better\s+|widely\s+)?known\s+(?:by\s+its\s+(?:\w+\s+)?(?:acronym|initials)\s+|as\s+)"
                       r"(?:the\s+)?([A-Z][A-Z&]{1,9})(?![\w'’-])")


_OF_TAIL = re.compile(r"\s+(of|in)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:(?:of|for|and|on)\s+)?[A-Z][\w'’.-]*)*)")
_IN_HEADS = frozenset({"Consulate", "General", "Embassy", "Mission"})
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.\s")


def _extend_orgs(doc, mentions: list[Mention], g: Gazetteer) -> None:
    """A body named with its place or parent keeps it: "Supreme Court" + " of Tajikistan",
    "Tajik" + " State Committee for National Security" (a generic name after a demonym),
    "Shymkent Department" + " of the National Security Committee", "Consulate General" + " in Almaty".

    The tail must be a known place or body, or a place or organization mention right there;
    only names ending in a word of ``gazetteers/org_heads.tsv`` take one ("in" only for missions).
    """
    text = doc_text(doc)
    for m in mentions:
        words = m.text.split()
        lead = re.search(r"(?<![\w'’-])([A-Z][a-z]+)\s$", text[max(0, m.start - 30):m.start])
        if m.kind == "org" and words and words[0] in g.org_words and lead and g.is_demonym(lead.group(1)):
            old = m.text
            m.start -= len(lead.group(0))  # "Tajik" + "State Committee for National Security": whose body it is
            m.text = text[m.start:m.end]
            for o in mentions:  # its acronym names the longer form now
                if o.source == "acronym" and o.alias == old and o is not m:
                    o.alias = m.text
            words = m.text.split()
        if m.kind != "org" or m.source == "acronym" or not words or words[-1] not in g.org_heads:
            continue
        t = _OF_TAIL.match(text, m.end)
        if not t or (t.group(1) == "in" and words[-1] not in _IN_HEADS):
            continue
        tail = _SENTENCE_END.split(t.group(2))[0]  # "... Court of Bishkek. Judge X": the sentence ends
        tail, start, end = tail.rstrip("."), t.start(2), None
        while tail:  # "of Almaty on Monday": the longest head of the tail that names a place or body
            stop = start + len(tail)
            if g.place(tail) or g.org(tail) or any(o is not m and o.kind in ("place", "org") and o.start == start
                                                   and o.end == stop for o in mentions):
                end = stop
                break
            tail = re.sub(r"\s*\S+$", "", tail)
            tail = re.sub(r"\s+(?:of|for|and|on)$", "", tail)
        if end is None:
            continue
        m.end = end
        m.text = text[m.start:end]


def _quoted_short_names(mentions: list[Mention]) -> None:
    """'Foundation for Protection of Freedom of Speech "Free Word"': the long name and the quoted
    short name right after it are one body (each records the other as an alias)."""
    orgs = sorted((m for m in mentions if m.kind == "org"), key=lambda m: m.start)
    for a, b in zip(orgs, orgs[1:]):
        if b.source == "org.quoted_after_long_name.v1" and 0 < b.start - a.end <= 3 and not a.alias:
            a.alias, b.alias = b.text, a.text


# ---------------------------------------------------------------- typing
def _retype(doc, mentions: list[Mention], g: Gazetteer) -> None:
    text = doc_text(doc)
    person_tokens: set[str] = set()
    person_full: set[str] = set()
    strong_orgs = {fold(m.text) for m in mentions if m.kind == "org" and m.strong_kind}
    for m in mentions:
        if m.kind == "person" and not m.weak and len(m.text.split()) >= 2 and fold(m.text) not in strong_orgs:
            person_full.add(fold(m.text))
            person_tokens.update(fold_tokens(m.text))
    place_texts = {fold(m.text) for m in mentions if m.kind == "place" and m.source == "ner"}
    org_tokens = {t for m in mentions if m.kind == "org" and not m.weak and len(m.text.split()) >= 2
                  for t, w in zip(fold_tokens(m.text), m.text.split()) if w not in g.org_words}
    for m in mentions:
        if m.kind == "maybe":
            words = m.text.split()
            if 2 <= len(words) <= 3 and all(_CAP_WORD.match(w) for w in words) and (
                    any(t in person_tokens for t in fold_tokens(m.text)) or _said_after(text[m.end:m.end + 30], g)
                    or (g.looks_like_surname(words[-1]) and not any(w in g.org_words for w in words))):
                m.kind = "person"
            elif len(words) == 1:
                continue  # decided below, once the article's bodies are typed
            else:
                m.kind = "none"
            continue
        if m.strong_kind or m.kind not in KINDS:
            continue
        after, before = text[m.end:m.end + 60], text[max(0, m.start - 60):m.start]
        cue = None
        for rule, rx_after, rx_before in g.cues:
            if rule.get("weak"):
                continue
            if (rx_after and rx_after.search(after)) or (rx_before and rx_before.search(before)):
                cue = rule["kind"]
                break
        toks = fold_tokens(m.text)
        known_place = g.place(m.text)
        if m.kind != "person":
            if fold(m.text) in person_full or (len(toks) == 1 and toks[0] in person_tokens and not known_place):
                m.kind = "person"
                continue
            if cue and cue != m.kind and not known_place and not g.org(m.text):
                m.kind = cue
                m.strong_kind = True
                continue
            if known_place and m.kind == "org" and len(toks) <= 3 and not cue:
                m.kind = "place"
                continue
            if m.kind == "place" and not known_place and g.org(m.text):
                m.kind = "org"  # "Yabloko's Moscow branch": a well-known body, no place
                continue
            if not known_place and not g.org(m.text) and not m.text.isupper() and 1 <= len(toks) <= 3 \
                    and all(_CAP_WORD.match(w) for w in m.text.split()) and g.looks_like_surname(m.text.split()[-1]) \
                    and (len(toks) > 1 or m.kind == "place" or _said_after(after, g)):
                m.kind = "person"
        else:
            words = m.text.split()
            if cue == "org" or (2 <= len(words) <= 3 and words[-1] in g.media_words
                                and not g.looks_like_surname(words[-1])):
                m.kind = "org"  # "told Steppe Chronicle": a name ending in Times, Chronicle, Inform is an outlet
                m.strong_kind = True
            elif known_place and len(toks) == 1 and (fold(m.text) in place_texts or (
                    toks[0] not in person_tokens and not g.looks_like_surname(m.text))):
                m.kind = "place"  # "a picket outside Akorda": a known place no person here is called
            elif g.org(m.text):
                m.kind = "org"  # a well-known body the model read as a person ("Adil Soz said")
            elif len(toks) == 1 and toks[0] in org_tokens and toks[0] not in person_tokens and not known_place:
                m.kind = "org"  # "Free Hands" named in full elsewhere: "Hands" alone is the body
    org_tokens = {t for m in mentions if m.kind == "org" and not m.weak and len(m.text.split()) >= 2
                  for t, w in zip(fold_tokens(m.text), m.text.split()) if w not in g.org_words}
    org_full = {fold(m.text) for m in mentions if m.kind == "org"}
    person_tokens = {t for m in mentions if m.kind == "person" and len(m.text.split()) >= 2
                     and fold(m.text) not in org_full for t in fold_tokens(m.text)}
    for m in mentions:
        if m.kind == "maybe":  # one capitalised word the model called a title or product
            m.kind = "org" if (fold(m.text) in org_tokens and fold(m.text) not in person_tokens) or g.org(m.text) \
                or fold(m.text) in org_full else "none"


def _vote_kinds(mentions: list[Mention]) -> None:
    """A name typed by a rule or cue somewhere ("the Free Step party") has that kind everywhere in the article."""
    votes: dict[str, Counter] = {}
    for m in mentions:
        if m.strong_kind and m.kind in KINDS:
            votes.setdefault(fold(m.text), Counter())[m.kind] += 1
    for m in mentions:
        v = votes.get(fold(m.text))
        if v and not m.strong_kind and m.kind in KINDS:
            m.kind = v.most_common(1)[0][0]


def _said_after(after: str, g: Gazetteer) -> bool:
    for rule, rx_after, _ in g.cues:
        if rule.get("weak") and rx_after and rx_after.search(after):
            return True
    return False


# ---------------------------------------------------------------- grouping
def _org_core(name: str, g: Gazetteer, places: frozenset[str] = frozenset()) -> str:
    head = re.match(r"^(.+?\b(\w+))\s+(?:of|in)\s+(?:the\s+)?([A-Z][^,;]*)$", name)
    if head and head.group(2) in g.org_heads and (g.place(head.group(3)) or fold(head.group(3)) in places):
        name = head.group(1)  # "Medeu District Court of Almaty" is "Medeu District Court" of the article
    toks = list(fold_tokens(name))
    if len(name.split()) > 1 and not any(w[:1].isupper() for w in name.split()[1:]):
        return " ".join(toks)  # "Pavlodar city police department": the town is the name
    while len(toks) > 1 and (toks[0] in g.demonyms or (
            (g.place(toks[0]) or any(similar(toks[0], p) >= 85 for p in places)) and toks[1] not in g.local_body_words)):
        toks = toks[1:]  # "Kazakh Foreign Ministry" is the "Foreign Ministry"; "Naryn City Court" stays itself
    if len(toks) > 1 and toks[-1] in _PARTY:
        toks = toks[:-1]
    return " ".join(toks)


_PARTY = frozenset({"party", fold("party")})
_REGION_AFTER = re.compile(r"\s+(?:region|oblast|oblys|province)\b")


def _group(mentions: list[Mention], g: Gazetteer, text: str = "") -> list[Entity]:
    strong = [m for m in mentions if not m.weak]
    confirmed = {fold(m.text) for m in strong} | {t for m in strong for t in fold_tokens(m.text)}
    kept = [m for m in mentions if not m.weak or fold(m.text) in confirmed
            or (m.kind == "place" and g.place(m.text)) or (m.kind == "org" and g.org(m.text))]
    entities: list[Entity] = []

    # places: by gazetteer identity, else folded name (fuzzy within the article)
    by_key: dict[str, Entity] = {}
    for m in kept:
        if m.kind != "place":
            continue
        hit = g.place(m.text)
        if text and _REGION_AFTER.match(text, m.end):
            hit = g.region(m.text) or hit  # "the Akmola region", not the city once called Akmola
        key = hit[1] if hit else fold(m.text)
        if not hit:
            for k, e in by_key.items():
                if similar(fold(m.text), fold(e.label)) >= 88:
                    key = k
                    break
        e = by_key.get(key)
        if e is None:
            e = by_key[key] = Entity("place", hit[0] if hit else m.text, gazetteer_id=hit[1] if hit else None)
            entities.append(e)
        e.mentions.append(m)

    # organizations: core key (no 'the', demonym/country prefix, trailing 'party'), acronyms
    place_keys = frozenset(fold(m.text) for m in kept if m.kind == "place")
    orgs: dict[str, Entity] = {}
    alias_of: dict[str, str] = {}
    for m in kept:
        if m.kind == "org" and m.alias:
            alias_of[fold(m.text)] = fold(m.alias)
    for m in kept:
        if m.kind != "org":
            continue
        core = _org_core(m.text, g, place_keys)
        known = g.org(m.text)
        key = fold(known) if known else core
        if key not in orgs and fold(m.text) in alias_of:
            other = alias_of[fold(m.text)]
            for k, e in orgs.items():
                if any(fold(n) == other for n in e.names_seen()):
                    key = k
                    break
        if key not in orgs:
            acr = m.text.replace(".", "") if m.text.replace(".", "").isupper() else None
            for k, e in orgs.items():
                if acr and any(initials(n) == acr for n in e.names_seen()):
                    key = k
                    break
                if not acr and len(m.text.split()) > 1 and any(
                        n.replace(".", "").isupper() and initials(m.text) == n.replace(".", "") for n in e.names_seen()):
                    key = k
                    break
        if key not in orgs and len(m.text.split()) == 1 and m.text not in g.org_words:
            for k, e in orgs.items():  # "Abarona" after "Human Rights Center Abarona"
                if any(len(n.split()) > 1 and (m.text in re.split(r"[\s-]+", n) or m.text in n.split())
                       for n in e.names_seen()):
                    key = k
                    break
        elif key not in orgs and len(m.text.split()) == 1 and re.search(r"\b[Tt]he\s+$", text[max(0, m.start - 5):m.start]):
            heads = [k for k, e in orgs.items()  # "the Bureau" after the one "... Bureau for Human Rights ..."
                     if any(len(n.split()) > 1 and m.text in n.split() for n in e.names_seen())]
            if len(heads) == 1:
                key = heads[0]
            elif len(heads) > 1:
                continue  # "the Court" among two named courts: which one, the text does not say
        e = orgs.get(key)
        if e is None:
            e = orgs[key] = Entity("org", known or m.text)
            entities.append(e)
        e.mentions.append(m)

    # persons: full names by folded key (fuzzy), single words join a full name
    people: list[Entity] = []
    singles: list[Mention] = []
    for m in kept:
        if m.kind != "person":
            continue
        if len(m.text.split()) < 2:
            singles.append(m)
            continue
        toks = fold_tokens(m.text)
        match = None
        for e in people:
            et = fold_tokens(e.label)
            if fold(e.label) == fold(m.text):
                match = e
                break
            if initials_agree(m.text, e.label) or initials_agree(e.label, m.text):
                match = e  # "A. Ye. Petrova" and "Anna Yegorovna Petrova"
                break
            if len(et) >= 2 and et[0] == toks[0] and similar(et[-1], toks[-1]) >= 80:
                match = e
                break
            if len(toks) > len(et) and toks[-len(et):] == et or len(et) > len(toks) and et[-len(toks):] == toks:
                match = e
                break
        if match is None:
            match = Entity("person", m.text)
            people.append(match)
            entities.append(match)
        match.mentions.append(m)
    for m in singles:
        w = fold(m.text)
        cands = [e for e in people if len(fold_tokens(e.label)) > 1 and fold_tokens(e.label)[-1] == w]
        if not cands:
            cands = [e for e in people if len(fold_tokens(e.label)) > 1 and fold_tokens(e.label)[0] == w]
        if not cands:
            cands = [e for e in people if any(similar(t, w) >= 88 for t in fold_tokens(e.label)[1:])] if len(w) > 5 else []
        if not cands:
            cands = [e for e in people if fold(e.label) == w]
        if cands:
            cands[0].mentions.append(m)  # the first introduced wins an ambiguous surname
        else:
            e = Entity("person", m.text)
            people.append(e)
            entities.append(e)
            e.mentions.append(m)

    for e in entities:
        _finish(e)
    entities.sort(key=lambda e: (KINDS.index(e.kind), min(m.start for m in e.mentions)))
    return entities


def _finish(e: Entity) -> None:
    forms = Counter(m.text for m in e.mentions)
    for m in e.mentions:
        if m.alias:
            forms[m.alias] += 0
    if e.kind == "person":
        full = [f for f in forms if len(f.split()) >= 2] or list(forms)
        e.label = max(full, key=lambda f: (not _initialled(f), len(fold_tokens(f)), forms[f], -_first(e, f)))
    elif e.kind == "org" and gazetteer().org(e.label) != e.label:
        # the first long form seen: articles introduce a body by its full name
        longs = [f for f in forms if not f.replace(".", "").replace("/", "").isupper()] or list(forms)
        e.label = min(longs, key=lambda f: (_first(e, f), -len(f)))
    names = [e.label] if e.label else []
    for f in sorted(forms, key=lambda f: _first(e, f)):
        if f not in names:
            names.append(f)
    e.names = names


def _initialled(name: str) -> bool:
    """Whether a name is written with initials only for its given names ("A. Ye. Petrova", "Petrov I. Zh.")."""
    words = name.replace(".", ". ").split()
    return sum(1 for w in words if len(w.rstrip(".")) > 2) == 1 and len(words) > 1


def _first(e: Entity, form: str) -> int:
    pos = [m.start for m in e.mentions if m.text == form or m.alias == form]
    return min(pos) if pos else 10**9


def _extend_persons(doc, mentions: list[Mention], g: Gazetteer) -> None:
    """Take in given names the model left out: 'Aidos' + 'Roe', 'Anna' '-' 'Maria' + 'Roe'."""
    taken = [(m.start, m.end) for m in mentions]
    for m in mentions:
        if m.kind != "person":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        i = span.start
        while i > 0:
            t = doc[i - 1]
            if t.text == "-" and not t.whitespace_ and i > 1 and not doc[i - 2].whitespace_ and doc[i - 2].text[:1].isupper():
                i -= 2
                continue
            if t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() \
                    and (not t.is_sent_start or (i == span.start and _patronymic_first(m.text, g))) \
                    and t.text.lower() not in g.one_word_titles and fold(t.text) not in g.demonyms \
                    and t.text not in g.org_words \
                    and not _spelt_as_place(t.text, g) and not any(a <= t.idx < b for a, b in taken if (a, b) != (m.start, m.end)) \
                    and (t.whitespace_ or doc[i].text == "-"):
                i -= 1
                continue
            break
        if i < span.start and len(doc[i:span.end].text.split()) <= 4:
            m.start = doc[i].idx
            m.text = clean(doc_text(doc)[m.start:m.end])


def _spelt_as_place(word: str, g: Gazetteer) -> bool:
    """Whether a word is spelt as a known place's name, not only folded alike: "Leyla" folds as "Lille"
    does, but a given name is not the city."""
    hit = g.place(word)
    return bool(hit) and ascii_lower(hit[0]) == ascii_lower(word)


def _patronymic_first(name: str, g: Gazetteer) -> bool:
    """Whether a name of two or more words opens with a patronymic ("Sergeyevna Petrova"): its given
    name, the word before it, belongs to it even at the start of a sentence."""
    words = name.split()
    return len(words) >= 2 and g.is_patronymic(words[0])


def _given_name_before(doc, mentions: list[Mention], g: Gazetteer) -> None:
    """A surname-shaped word the model typed as a body or place, right after a capitalised given name
    that is no title, place or body: "video editor Leyla Huseynova" is a person, named in full."""
    text = doc_text(doc)
    taken = [(m.start, m.end) for m in mentions]
    for m in mentions:
        words = m.text.split()
        if m.kind not in ("org", "place") or m.strong_kind or len(words) != 1 or m.source != "ner" \
                or not g.looks_like_surname(m.text) or g.place(m.text) or g.org(m.text):
            continue
        before = _GIVEN_BEFORE.search(text, max(0, m.start - 30), m.start)
        if not before:
            continue
        given = before.group(1)
        if given.lower() in g.title_words or given in g.org_words or g.is_demonym(given) or _spelt_as_place(given, g) \
                or g.org(given) or given in g.lead_words or any(a < before.end() and before.start(1) < b for a, b in taken):
            continue
        m.start = before.start(1)
        m.text = text[m.start:m.end]
        m.kind = "person"


_GIVEN_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]{2,})\s$")


def _patronymic_names(doc, mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """A three-word name whose middle word is a patronymic, read whole where the model split it
    ("Bolat" + "Serikuly Iskakov", "Judge Bolat Serikuly" + "Iskakov"): the parts become one person.

    Example: in "Judge Asel Muratovna Bekova ruled", "Asel Muratovna Bekova" is one person.
    """
    text = doc_text(doc)
    out = list(mentions)
    for m in _PATRONYMIC_NAME.finditer(text):  # overlapping: "Judge Bolat Serikuly Iskakov" is tried from "Bolat"
        given, middle, last = m.group(1), m.group(2), m.group(3)
        if not g.is_patronymic(middle) or given.lower() in g.title_words or given in g.lead_words \
                or _spelt_as_place(given, g) or _spelt_as_place(last, g) or last.lower() in g.not_names \
                or last.lower() in g.title_words or g.org(last) or g.org(given):
            continue
        s, e = m.start(1), m.end(3)
        parts = [x for x in out if x.start < e and s < x.end]
        if not any(x.kind == "person" for x in parts) or any(
                x.start < s or x.end > e or (x.kind != "person" and (x.strong_kind or x.source != "ner"))
                for x in parts):
            continue
        out = [x for x in out if x not in parts]
        out.append(Mention(s, e, text[s:e], "person", parts[0].source, any(x.weak for x in parts)))
    return sorted(out, key=lambda x: x.start)


_PATRONYMIC_NAME = re.compile(r"(?<![\w'’.-])(?=([A-Z][a-z]{2,})\s([A-Z][a-z]{3,})\s([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![\w'’-]))")


def find_entities(doc) -> list[Entity]:
    """The entities of a parsed article (a spaCy ``Doc``), in order: persons, organizations, places."""
    g = gazetteer()
    mentions = _patronymic_names(doc, _spans(doc, g), g)
    _extend_orgs(doc, mentions, g)
    _quoted_short_names(mentions)
    _given_name_before(doc, mentions, g)
    _retype(doc, mentions, g)
    _extend_persons(doc, mentions, g)
    _retype(doc, mentions, g)
    _vote_kinds(mentions)
    mentions = sorted(mentions + _surname_mentions(doc, mentions, g), key=lambda m: m.start)
    return _group(mentions, g, doc_text(doc))
