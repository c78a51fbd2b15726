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
* "X (known as Y)", "X, formerly known as Y,": one person or body of two names; a name with a nickname
  in quotes ('Anna "Storm" Petrova') is met by its forms without the surname or without the nickname.

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

from newsgraph.text.gazetteer import Gazetteer, gazetteer, ministry_form
from newsgraph.text.names import (ascii_lower, clean, fold, fold_tokens, initials, initials_agree, misspelt,
                                  nickname_forms, similar)
from newsgraph.text.wordsearch import may_match

from .entity_lookup import ORG_NOUNS
from .wordsets import words

__all__ = ["Mention", "Entity", "find_entities", "Gazetteer", "gazetteer", "doc_text", "parsed_from"]

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
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def parsed_from(doc, text: str):
    """``doc``, which was parsed from ``text``: :func:`doc_text` gives that string and need not rebuild it
    (spaCy's tokens keep every character, so ``doc.text == text``)."""
    doc.user_data[_TEXT] = text
    return doc


_TEXT = "newsgraph.text"


def _orth_counts(doc) -> dict[int, int]:
    """How often each token's text (its ``orth`` id) occurs in ``doc``, counted once per doc."""
    counts = doc.user_data.get("newsgraph.orth_counts")
    if counts is None:
        counts = doc.user_data["newsgraph.orth_counts"] = dict(Counter(doc.to_array("ORTH").tolist()))
    return counts


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


_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ud|ul|ibn|bin|bint|abu|abd|ben)-[A-Z]")
_GERUND = re.compile(r"([A-Z][a-z]{3,}ing)\s+(?=[A-Z])")


def _opens_line_or_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t\"'“‘")
    return not before or before[-1] in "\n.!?:"


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


def _trim(doc, start: int, end: int, kind: str, g: Gazetteer, lower_ok: bool = False) -> tuple[int, int, str] | None:
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
    m = re.match(r"(?:[a-z][\w-]*\s+){1,3}(?=[A-Z])", text) if kind in ("org", "place") and not lower_ok else None
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
        m = _GERUND.match(text)
        if m and not g.is_given_name(m.group(1)) and _opens_line_or_sentence(doc_text(doc), start):
            start += m.end()  # "Jailing Anna Petrova ...": a headline's verb, not a first name
            text = text[m.end():]
    words = text.split()
    while len(words) > 1 and words[-1][:1].islower() and (kind in ("person", "place") or words[-1] in _TRAILING) \
            and not _NAME_PARTICLE.match(words[-1]):
        words.pop()  # "Anna Petrova to", "Gomel Branch of": the model took the next word (not "Abdel Fattah el-Sisi")
    text = " ".join(words)
    if text.lower() in g.title_words:
        return None  # "Lawyer" alone
    m = re.search(r"['’]s$", text)
    if m:
        text = text[:m.start()]
        end = start + len(text)
    end = start + len(text)
    if not text or not (text[0].isupper() or lower_ok):
        return None
    return start, end, text


def _spans(doc, g: Gazetteer) -> list[Mention]:
    text = doc_text(doc)
    heads = _headline_ranges(text)

    def weak(s: int) -> bool:
        return any(a <= s < b for a, b in heads)

    raw: list[Mention] = []
    ents = list(doc.ents)  # spaCy builds the spans anew on every access
    ent_spans = [(ent.start_char, ent.end_char, ent.label_) for ent in ents]
    for ent in ents:
        kind = _NER_KIND.get(ent.label_)
        if not kind:
            continue
        if kind == "person" and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" \
                and ent.root.head.i >= ent.end and ent.root.head.text.islower():
            if ent.root.head.text not in ORG_NOUNS:
                continue  # "Kalashnikov rifles": a name used as a modifier of a common noun
            kind = "org"  # "the Free Step party"
        if kind == "person" and len(ent) == 1 and ent[0].is_sent_start and not g.looks_like_surname(ent.text) \
                and _orth_counts(doc)[ent[0].orth] == 1:
            continue  # a lone capitalised word opening a sentence ("Turnout was low")
        end = ent.end_char
        tail = _HYPHEN_TAIL.match(text, end)
        if tail:  # "OVD" + "-Info": a name does not end inside a hyphenated word
            end = tail.end()
        for s, e in _split_glued(text, ent.start_char, end):
            domain = _WEB_DOMAIN.fullmatch(text, s, e)
            raw.append(Mention(s, e, text[s:e], "org" if domain else kind,
                               strong_kind=bool(domain) or (kind == "org" and ent.label_ == "PERSON")))
    for rule, rx in g.patterns:
        for m in (rx.finditer(text) if may_match(rx, text) else ()):  # no scan of a text without its words
            s, e = m.span(rule["group"])
            if rule.get("require") == "gazetteer" and not g.place(m.group(rule["group"])):
                continue
            if rule.get("require") == "gazetteer" and any(
                    label in ("ORG", "PERSON", "FAC", "NORP", "LOC") and es <= s and e <= ee and (es, ee) != (s, e)
                    for es, ee, label in ent_spans):
                continue  # "the Medeu District Court of Almaty", "Rustam Beisenov", "Central Asia": a place name inside a longer name
            if rule.get("require") == "known_tail":
                head = _known_head(m.group(rule["tail_group"]), g)
                if not head:
                    continue
                e = m.start(rule["tail_group"]) + head  # "... of Radio Liberty" + " Anna Petrova": the body ends there
                raw.append(Mention(s, e, text[s:e], rule["kind"], source=rule["id"], strong_kind=True))
                continue
            if rule.get("require") == "given_name" and not g.is_given_name(m.group(rule["group"]).split()[0]):
                continue
            if rule.get("require") == "person_shape" and not _person_shaped(m.group(rule["group"]), g):
                continue
            if rule.get("require") == "known_org" and not g.org(m.group(rule["group"])):
                continue
            if rule.get("require") == "surname" and not _has_surname(m.group(rule["group"]), g):
                continue
            if rule.get("require") == "no_surname" and _has_surname(m.group(rule["group"]), g):
                continue
            if rule.get("require") == "not_place" and (g.place(m.group(rule["group"])) or g.is_demonym(m.group(rule["group"]))):
                continue  # "the Almaty newspaper", "the Kazakh channel": a place or people, not the name
            if rule["kind"] == "org" and "quoted" not in rule["id"] and any(
                    label == "ORG" and es <= s and e <= ee and ee - es > e - s for es, ee, label in ent_spans):
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
    raw.extend(_known_orgs(doc, raw, g, ent_spans))
    raw.extend(_countries(doc, raw, g, ent_spans))
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

    taken = [part for m in taken for part in _split_pair(m, g) for part in _split_name_tail(part, g)]
    out = []
    for m in taken:
        trimmed = _trim(doc, m.start, m.end, m.kind, g, lower_ok=m.source in _LOWER_CASE_RULES)
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
        if _names_nothing(t, g):
            continue  # "Breaking News", "KZT 10bn", "the Uzbek Criminal Code"
        p = _PLATFORM_TAIL.search(t) if m.kind == "org" and m.source != "ner" else None
        if p and p.start() > 0:
            t, e = t[:p.start()], s + p.start()  # "the Steppe YouTube channel": the channel is "Steppe"
        if m.kind == "org" and len(t.split()) == 1 and _POST_AFTER.match(text, e):
            continue  # "Justice Minister Anna Petrova": a post, not the ministry
        kind, strong = m.kind, m.strong_kind
        if kind == "place" and _BODY_PLACE.search(t):
            kind, strong = "org", True  # "the Chinese Embassy", "Baku Pre-Trial Detention Centre": bodies, not places
        own = _POSSESSIVE_OWNER.match(t) if kind == "place" else None
        if own and g.place(own.group(1)):  # "China's Xinjiang Autonomous Region": the region, and China
            out.append(Mention(s, s + len(own.group(1)), own.group(1), "place", "possessive.owner", weak(s)))
            s, t = s + own.end(), t[own.end():]
        if kind == "person" and re.search(r"['’]s\s", t):
            head = re.split(r"['’]s\s", t)[0]  # "CPJ's Europe (and Central Asia program coordinator)": no person
            if g.org(head):
                out.append(Mention(s, s + len(head), head, "org", "gazetteer.org", weak(s), True))
            continue
        k = _KIND_AFTER.match(text, e) if kind == "place" and not _REGION_KIND.search(t) else None
        d = _DISTRICT_AFTER.match(text, e) if kind == "place" and not k and not m.alias else None
        if d:
            m.alias = f"{t} {d.group(1)}"  # "Shevchenkivskyi district": its name with the kind as well
        if k and (k.group().strip().islower() or k.group().strip()[0].isupper()):
            e, t = k.end(), t + " " + k.group().strip()  # "Vitsebsk region", "Shandong province": the region, whole
        if m.source in ("ner", "join.possessive") and kind in ("org", "maybe"):
            read = _read_org_span(doc, s, e, t, kind, g)
            if read is None:
                continue
            owner, (s, e, t, kind) = read
            if owner:
                out.append(Mention(owner[0], owner[1], text[owner[0]:owner[1]], "place", "possessive.owner", weak(s)))
                if all(w in g.org_words for w in t.split()):  # "Tajikistan's Supreme Court": the Supreme Court of Tajikistan
                    out.append(Mention(s, e, t, kind, "possessive.body", weak(s), True,
                                       alias=f"{t} of {text[owner[0]:owner[1]]}"))
                    continue
            strong = strong or kind == "person"
        alias = m.alias
        own = _OWNER_BEFORE.search(text, max(0, s - 40), s) if kind == "org" and not alias else None
        if own and g.place(own.group(1)) and all(w in g.org_words for w in t.split()):
            alias = f"{t} of {own.group(1)}"  # "Tajikistan's" + "Supreme Court"
        out.append(Mention(s, e, t, kind, m.source, weak(s) and m.source not in g.line_rules, strong, alias))
    return out


def _person_shaped(name: str, g: Gazetteer) -> bool:
    """Two or three capitalised words that read as a person's name ("Farid Aliyev", "Omar Nagy"), not as a known
    body, place or outlet ("Radio Azattyq", "Turkmen News")."""
    words = name.split()
    return 2 <= len(words) <= 3 and not g.org(name) and not g.place(name) \
        and not any(w in g.org_words or w in g.media_words or g.is_demonym(w) for w in words) \
        and (g.is_given_name(words[0]) or g.looks_like_surname(words[-1]))


_BODY_PLACE = re.compile(r"\b(?:Embassy|Consulate|Consulate General|(?:Pre-[Tt]rial )?Detention (?:Centre|Center)|Ministry)$")
_DISTRICT_AFTER = re.compile(r"\s+(district)\b(?!\s+(?:[Cc]ourts?|police|[Pp]olice|prosecutor|akimat|administration|office|"
                             r"department|council|election|commission|head|chief)\b)")
_PLATFORM_TAIL = re.compile(r"\s+(?:YouTube|Telegram|Instagram|TikTok|Facebook|Twitter|VK)$")
_POST_AFTER = re.compile(r"\s+(?:Minister|Secretary|Commissioner|Spokesman|Spokeswoman|Spokesperson)\b")
_MONEY = re.compile(r"^(?:[A-Z]{3}\s?)?[$€£¥₽₸]?\s?\d[\d.,]*\s?(?:bn|mn|m|k|billion|million|thousand|trillion)?(?:\s?[A-Z]{3})?$")
_OWNER_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)['’]s\s+$")
_POSSESSIVE_OWNER = re.compile(r"^([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)['’]s\s+(?=[A-Z])")
_ORG_TAIL_ABBREVIATIONS = frozenset({"Col", "Gen", "Lt", "Maj", "Capt", "Sgt", "Cpt", "Adm", "Rep", "Sen", "Gov"})


def _names_nothing(name: str, g: Gazetteer) -> bool:
    """Page furniture, money or a law read as a name ("Screenshots", "RUB 0.95", "the Uzbek Criminal Code")."""
    words = name.split()
    while len(words) > 1 and (g.is_demonym(words[0]) or g.place(words[0])):
        words = words[1:]
    rest = " ".join(words)
    if fold(rest) in g.not_entities or _MONEY.match(rest):
        return True
    return len(words) == 2 and fold(words[0]) in g.not_entities and words[0].isupper() and words[1][:1].isdigit()


def _read_org_span(doc, s: int, e: int, t: str, kind: str, g: Gazetteer):
    """Repair a body's name the model read with something else glued on; ``None`` when it names no body.

    Returns ``(owner, (start, end, text, kind))``: ``owner`` is the span of a place before a possessive
    ("Kazakhstan's" in "Kazakhstan's Steppe Bank", which is "Steppe Bank"), else None. A post
    ("Minister of Internal Affairs") or a demonym before a common noun ("Kyrgyz party") names no body;
    a title before a person's name ("Kazakh President Anna Petrova") makes the rest a person; a trailing
    verb or rank ("... Service Col called") is cut off.
    """
    text = doc_text(doc)
    words = t.split()
    caps = [w for w in words if w[:1].isupper()]
    if len(caps) < len(words) and caps and all(g.is_demonym(w) or _spelt_as_place(w, g) for w in caps) \
            and words[0][:1].isupper():
        return None  # "Kyrgyz party", "Almaty police": a people or a town and a common noun
    owner = None
    p = _POSSESSIVE_OWNER.match(t)
    if p and g.place(p.group(1)) and not g.org(t):
        owner = (s, s + len(p.group(1)))
        s += p.end()
        t = t[p.end():]
        words = t.split()
    lead = 0
    while lead < len(words) - 1 and g.is_demonym(words[lead]):
        lead += 1
    low = [w.lower() for w in words[lead:]]
    if len(low) >= 2 and low[0] in g.one_word_titles and low[1] == "of" and low[0] not in _BODY_TITLES:
        return None  # "Minister of Internal Affairs", "President of Kazakhstan": a post, not a body
    rest = _strip_titles(" ".join(words[lead:]), g)
    if rest != " ".join(words[lead:]) and rest:
        rw = rest.split()
        if 2 <= len(rw) <= 4 and all(_CAP_WORD.match(w) for w in rw) and not any(w in g.org_words for w in rw) \
                and (g.is_given_name(rw[0]) or g.looks_like_surname(rw[-1])):
            return owner, (s + len(t) - len(rest), s + len(t), rest, "person")
    toks = [tok for tok in doc.char_span(s, e, alignment_mode="expand") or ()]
    while len(toks) > 1 and (toks[-1].text in _ORG_TAIL_ABBREVIATIONS or (
            toks[-1].text[:1].islower() and toks[-1].pos_ in ("VERB", "AUX", "ADV", "PRON", "ADP", "CCONJ"))):
        toks.pop()
        if toks[-1].text == ".":
            toks.pop()
    if toks and toks[-1].idx + len(toks[-1].text) < e:
        e = toks[-1].idx + len(toks[-1].text)
        t = text[s:e]
    return owner, (s, e, t, kind)


_BODY_TITLES = words("entities_body_titles")


_QUOTES = "\"“”«»‘’'"
_LOWER_CASE_RULES = frozenset({"org.police_department_of_place.v1", "org.chief_office_lowercase.v1"})
_GLUE = re.compile(r"\s+[-–—]\s+|/(?=[A-Z][\w-]*\.[A-Za-z]{2,}\b)")
_WEB_DOMAIN = re.compile(r"[A-Z][\w-]*\.(?:[A-Za-z]{2,6})")


def _split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A model span that runs over a spaced dash or a slash before a web domain is two names:
    "Steppe News - Anna Petrova" (a dateline's agency and the first name of the story),
    "Ivan Petrov/Steppe.kz" (a photo credit)."""
    out, pos = [], start
    for m in _GLUE.finditer(text, start, min(len(text), end + 40)):
        if m.start() >= end:
            break
        out.append((pos, m.start()))
        pos = m.end()
        d = _WEB_DOMAIN.match(text, pos)
        if d and d.end() > end:  # the model stopped inside the domain ("Ivan Petrov/Steppe" + ".kz")
            end = d.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s]
_HYPHEN_TAIL = re.compile(r"(?:-[A-Z][\w]*)+(?![\w'’-])")
_INITIAL = re.compile(r"^[A-Z][a-z]?\.?$")


def _known_head(tail: str, g: Gazetteer) -> int:
    """The length of the longest known place or body opening a tail after "of" ("Astana",
    "Radio Free Europe/Radio Liberty" in "Radio Free Europe/Radio Liberty Anna Petrova"), else 0."""
    words = tail.split(" ")
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        if g.place(head) or g.org(head):
            return len(head)
    return 0


def _has_surname(name: str, g: Gazetteer) -> bool:
    """Whether the full word of a name with initials ("Anna Sh. Petrova", "Petrov I. Zh.") is surname-shaped."""
    words = [w for w in name.replace(".", ". ").split() if not _INITIAL.match(w)]
    return bool(words) and g.looks_like_surname(words[-1])


_PAIR = re.compile(r"^((?:[A-Z][\w'’-]+\s){1,2}[A-Z][\w'’-]+)\s+and\s+((?:[A-Z][\w'’-]+\s){1,2}[A-Z][\w'’-]+)$")


_SURNAME_PAIR = re.compile(r"^([A-Z][\w'’-]+)(?:,|\s+and)\s+([A-Z][\w'’-]+)$")


def _split_pair(m: Mention, g: Gazetteer) -> list[Mention]:
    """'Anna Petrova and Ivan Sidorov' tagged as one span: two people; so are two surnames
    ('Petrov and Sidorov', 'Petrov, Sidorova')."""
    two = _SURNAME_PAIR.match(m.text) if m.source == "ner" else None
    if two and all(g.looks_like_surname(w) and not g.place(w) and not g.org(w) for w in two.groups()):
        sb = m.start + two.start(2)
        return [Mention(m.start, m.start + len(two.group(1)), two.group(1), "person", "split.pair"),
                Mention(sb, sb + len(two.group(2)), two.group(2), "person", "split.pair")]
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


def _split_name_tail(m: Mention, g: Gazetteer) -> list[Mention]:
    """A body's name the model ran on into a person's ("the Customs Committee of Belarus Anna Petrova", "Interior
    Ministry of Kazakhstan Timur Asanov"): the body ends with its place; the two or three words after it,
    shaped like a person's name, are the person."""
    words = m.text.split()
    if m.kind != "org" or m.source != "ner" or len(words) < 5 or words[-1].endswith("'s"):
        return [m]
    for n in (2, 3):
        head, tail = words[:-n], " ".join(words[-n:])
        if len(head) < 3 or head[-2].lower() not in ("of", "in") and (len(head) < 4 or head[-3].lower() not in ("of", "in")):
            continue
        place = head[-1] if head[-2].lower() in ("of", "in") else " ".join(head[-2:])
        hit = g.place(place)
        if not hit or not (_person_shaped(tail, g) or hit[1].startswith("country:") and all(
                _CAP_WORD.match(w) and w.isalpha() and w not in g.org_words and not g.is_demonym(w) for w in tail.split())):
            continue  # after a country, two capitalised words that name no body are a person's name
        cut = m.text.rindex(tail)
        org = m.text[:cut].rstrip()
        return [Mention(m.start, m.start + len(org), org, "org", m.source, m.weak, m.strong_kind),
                Mention(m.start + cut, m.end, tail, "person", "split.name_tail", m.weak, True)]
    return [m]


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
    """Two or three capitalised words ending in a surname ending (-ov, -uly, -enko ...), or opening with a common
    given name, that the model missed."""
    out = []
    for m in _NAME_SEQ.finditer(doc_text(doc)):
        words = m.group(1).split()
        if any(m.start() < sp.end and sp.start < m.end() and not (
                sp.source == "ner" and sp.kind in ("place", "org", "maybe") and m.start() <= sp.start and sp.end <= m.end()
                and sp.end - sp.start < m.end() - m.start()
                and not g.place(sp.text) and not g.org(sp.text)) for sp in spans):
            continue  # (a given name the model took for a place, "Rustam" + "Beisenov", is re-read)
        if not (g.looks_like_surname(words[-1]) or _given_name_first(m.group(1), g)) \
                or any(w.lower() in {"the", "in", "on", "of", "and", "a"} for w in words):
            continue  # "Nurzhan Amanzholova": a given name the model took for a town, and a surname
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


def _known_orgs(doc, spans: list[Mention], g: Gazetteer, ents: list[tuple[int, int, str]]) -> list[Mention]:
    """Well-known bodies the model missed ('on Facebook'), matched case-sensitively as whole words,
    never inside a longer name of another kind the model read ('Memorial Day', 'Article 19 of the Constitution')."""
    out = []
    for m in g.org_regex.finditer(doc_text(doc)):
        if not any(m.start() < sp.end and sp.start < m.end() and (sp.end - sp.start >= m.end() - m.start() or (
                sp.source != "ner" and not (m.start() <= sp.start and sp.end <= m.end())))
                   for sp in spans) and not any(
                es <= m.start() and m.end() <= ee and ee - es > m.end() - m.start() for es, ee, _label in ents):
            out.append(Mention(m.start(), m.end(), m.group(), "org", "gazetteer.org"))
    return out


def _countries(doc, spans: list[Mention], g: Gazetteer, ents: list[tuple[int, int, str]]) -> list[Mention]:
    """Countries the model missed ("Uzbekistan jails a refugee" opening a headline, "the U.S.-based group"),
    by name, never inside a longer name the model read ("the U.S. State Department")."""
    out = []
    for m in g.country_regex.finditer(doc_text(doc)):
        if not any(m.start() < sp.end and sp.start < m.end() for sp in spans) and not any(
                es <= m.start() and m.end() <= ee and label not in ("GPE", "LOC", "NORP") for es, ee, label in ents):
            out.append(Mention(m.start(), m.end(), m.group(), "place", "gazetteer.country"))
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
    for m in _TRANSLATION.finditer(text):  # "the party Ata-Meken (Fatherland)": its name in English
        inner = m.group(1)
        prev = [sp for sp in spans if sp.kind == "org" and sp.end <= m.start() and not text[sp.end:m.start()].strip()]
        if not prev or g.place(inner) or g.org(inner) or g.is_demonym(inner) or g.is_given_name(inner.split()[0]) \
                or fold(inner) in g.not_entities or inner.lower() in g.title_words:
            continue
        s, e = prev[0].start, prev[0].end
        lead = re.match(r"(?i)the\s+", text[s:e])
        s += lead.end() if lead else 0
        out.append(Mention(s, e, text[s:e], "org", "acronym", strong_kind=True, alias=inner))
        out.append(Mention(m.start(1), m.end(1), inner, "org", "acronym", strong_kind=True, alias=text[s:e]))
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


_TRANSLATION = re.compile(r"\(\s*([A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})\s*\)")
_KNOWN_AS = re.compile(r",?\s+(?:also\s+|better\s+|widely\s+)?known\s+(?:by\s+its\s+(?:\w+\s+)?(?:acronym|initials)\s+|as\s+)"
                       r"(?:the\s+)?([A-Z][A-Z&]{1,9})(?![\w'’-])")


_BODY_BEFORE = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)\s+of\s+(?:the\s+)?$")
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
        before = _BODY_BEFORE.search(text, max(0, m.start - 60), m.start) if m.kind == "org" and m.source == "ner" else None
        if before and g.is_generic(before.group(1)) and not any(o is not m and o.start < m.start and o.end > before.start(1)
                                                                for o in mentions):
            m.start = before.start(1)  # "Main Directorate of the" + "Interior Ministry": a body of a body
            m.text = text[m.start:m.end]
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
            if g.place(tail) or g.org(tail) or _place_pair(tail, g) or any(
                    o is not m and o.kind in ("place", "org") and o.start == start and o.end == stop for o in mentions):
                end = stop
                break
            tail = re.sub(r"\s*\S+$", "", tail)
            tail = re.sub(r"\s+(?:of|for|and|on)$", "", tail)
        if end is None:
            continue
        m.end = end
        m.text = text[m.start:end]


def _org_name_lead(doc, mentions: list[Mention], g: Gazetteer) -> None:
    """An organization's name keeps the capitalized words glued before the part the model found:
    "the banned Bright" + "Steppe movement" (a compound on the name or on its kind noun right after it),
    not a demonym, a known place, another mention or a sentence's first word ("Follow Y on ...")."""
    taken = {i for o in mentions for i in range(o.start, o.end)}
    for m in mentions:
        if m.kind != "org" or m.source == "acronym":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        i = span.start - 1
        while i > 0 and not doc[i].is_sent_start and doc[i].pos_ == "PROPN" and doc[i].dep_ == "compound" \
                and span.start <= doc[i].head.i <= span.end \
                and _CAP_WORD.match(doc[i].text) and doc[i].idx not in taken and not g.is_demonym(doc[i].text) \
                and not g.place(doc[i].text):
            i -= 1
        if i + 1 < span.start:
            m.start = doc[i + 1].idx
            m.text = doc_text(doc)[m.start:m.end]


def _place_pair(tail: str, g: Gazetteer) -> bool:
    """Whether a tail names two known places ("Bishkek and Chui Region", "Almaty and Almaty Region"): a body
    of both keeps both in its name."""
    parts = tail.split(" and ")
    return len(parts) == 2 and all(g.place(p) or g.region(_REGION_KIND.sub("", p)) for p in parts)


def _quoted_short_names(mentions: list[Mention]) -> None:
    """'Foundation for Protection of Freedom of Speech "Free Word"': the long name and the quoted
    short name right after it are one body (each records the other as an alias)."""
    orgs = sorted((m for m in mentions if m.kind == "org"), key=lambda m: m.start)
    for a, b in zip(orgs, orgs[1:]):
        if b.source == "org.quoted_after_long_name.v1" and 0 < b.start - a.end <= 3 and not a.alias:
            a.alias, b.alias = b.text, a.text


# ---------------------------------------------------------------- typing
def _retype(doc, mentions: list[Mention], g: Gazetteer, cues: dict | None = None) -> None:
    """Settle each mention's kind. ``cues``: the cue word (kind or None) read around each span
    ``(start, end)``, kept between calls (it depends on the text only)."""
    text = doc_text(doc)
    for m in mentions:
        if m.kind in ("person", "maybe") and _POSSESSIVE_INSIDE.search(m.text):
            m.kind = "none"  # "CPJ's Europe (program coordinator)": a possessive inside is no person's name
        elif m.kind in KINDS and not m.strong_kind and g.org(m.text) and (
                (len(m.text.split()) >= 2 and not g.place(m.text)) or (m.text.isupper() and len(m.text) > 2)):
            m.kind, m.strong_kind = "org", True  # a known body of two words or more ("Adil Soz") or in capitals
            #                                      ("IRNA", not a town's old name "Irna"), whatever the model said
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
            if g.org(m.text):
                m.kind = "org"  # a known body the model called a title ("Steppe Constitution Initiative")
            elif 2 <= len(words) <= 3 and all(_CAP_WORD.match(w) for w in words) and (
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
        after = text[m.end:m.end + 60]
        cue = cues.get((m.start, m.end), False) if cues is not None else False
        if cue is False:
            before, cue = text[max(0, m.start - 60):m.start], None
            for rule, rx_after, rx_before in g.cues:
                if rule.get("weak"):
                    continue
                if (rx_after and rx_after.search(after)) or (rx_before and rx_before.search(before)):
                    cue = rule["kind"]
                    break
            if cues is not None:
                cues[m.start, m.end] = cue
        toks = fold_tokens(m.text)
        known_place = g.place(m.text)
        if m.kind != "person":
            if fold(m.text) in person_full or (len(toks) == 1 and toks[0] in person_tokens and not known_place):
                m.kind = "person"
                continue
            if cue in (None, "person") and _given_name_first(m.text, g) and not known_place and not g.org(m.text):
                m.kind = "person"  # "Maxim Zorin" tagged as a body: a given name and no word of a body's name
                continue
            if cue == "org" and _given_name_first(m.text, g):
                cue = None  # "the Steppe organization Anna Petrova": a person's name after a body's kind
            if cue and cue != m.kind and not known_place and not g.org(m.text):
                m.kind = cue
                m.strong_kind = True
                continue
            if m.kind == "place" and not known_place and 2 <= len(toks) <= 3 and m.text.split()[-1] in g.media_words:
                m.kind = "org"  # "journalists of Temirkoz Media": no place ends in an outlet's last word
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
            if (cue == "org" and not _given_name_first(m.text, g)) or (2 <= len(words) <= 3 and words[-1] in g.media_words
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


def _given_name_first(name: str, g: Gazetteer) -> bool:
    """Two to four capitalised words opening with a common given name, none a word of a body's or
    outlet's name: "Maxim Zorin", "Aibek Toktogul" (not "Maxim Gorky Foundation", "Anna Times")."""
    words = name.split()
    return 2 <= len(words) <= 4 and g.is_given_name(words[0]) and all(_CAP_WORD.match(w) for w in words) \
        and not any(w in g.org_words or w in g.media_words or w.lower() in g.not_names for w in words[1:]) \
        and not any(g.place(w) and _spelt_as_place(w, g) and not g.looks_like_surname(w) for w in words[1:])


def _coordinated_persons(doc, mentions: list[Mention], g: Gazetteer) -> None:
    """A name joined by "and" or a comma to a person's name, shaped like one (two or three capitalised
    words, no word of a body's name), is a person too: "activists Anna Petrova and Maxim Zorin"."""
    text = doc_text(doc)
    ordered = sorted(mentions, key=lambda m: m.start)
    changed = True
    while changed:
        changed = False
        for a, b in zip(ordered, ordered[1:]):
            if not _COORD.fullmatch(text, a.end, b.start) or {a.kind, b.kind} != {"person", "org"} and \
                    {a.kind, b.kind} != {"person", "place"}:
                continue
            other = b if a.kind == "person" else a
            words = other.text.split()
            if other.strong_kind or other.source != "ner" or not 2 <= len(words) <= 3 \
                    or not all(_CAP_WORD.match(w) for w in words) or any(w in g.org_words or w in g.media_words for w in words) \
                    or g.place(other.text) or g.org(other.text) or len((a if other is b else b).text.split()) < 2:
                continue
            other.kind = "person"
            changed = True


_COORD = re.compile(r",?\s+and\s+|,\s+")


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


def _same_org_name(a: str, b: str, g: Gazetteer) -> bool:
    """Whether two folded names of bodies in one article are one body's: written with and without a space
    ("abzas media", "abzasmedia"), one word misspelt ("tasmin news agency", "tasnim news agency"), or
    the shorter the end of the longer ("revolution court", "tehran islamic revolution court")."""
    ta, tb = a.split(), b.split()
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    if len(ta) == len(tb) >= 2:
        diff = [(x, y) for x, y in zip(ta, tb) if x != y]
        return len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) > 3 and misspelt(*diff[0]) \
            and not any(g.place(w) or fold(w) in g.demonyms for w in diff[0])
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    extra = long_[:len(long_) - len(short)]
    return len(short) >= 2 and long_[-len(short):] == short and extra[-1] not in _FUNCTION_FOLDED \
        and not any(w in g.demonyms or (g.place(w) or ("", ""))[1].startswith("country:") for w in extra)


_FUNCTION_FOLDED = frozenset(fold(w) for w in ("the", "of", "and", "for", "in", "on", "at"))
_REGION_AFTER = re.compile(r"\s+(?:region|oblast|oblys|province)\b")
_REGION_KIND = re.compile(r"\s+(?:[Rr]egion|[Oo]blast|oblys|[Pp]rovince|[Pp]refecture|[Gg]overnorate|[Kk]rai|[Dd]istrict)$")
_KIND_AFTER = re.compile(r"\s+(?:[Rr]egion|[Oo]blast|oblys|[Pp]rovince|[Pp]refecture|[Gg]overnorate|[Kk]rai)(?![\w'’-])"
                         r"(?!\s+(?:[Cc]ourts?|police|[Pp]olice|prosecutor|[Pp]rosecutor|akimat|[Aa]kimat|administration|[Aa]dministration|"
                         r"office|[Oo]ffice|department|[Dd]epartment|council|[Cc]ouncil|election|commission|[Cc]ommission|head|chief|"
                         r"governor|authorities|officials|hospital|branch|[Bb]ranch|[Cc]ommittee|[Ss]ervice)\b)")


def _group(mentions: list[Mention], g: Gazetteer, text: str = "", country: str | None = None) -> list[Entity]:
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
        kind_word = _REGION_KIND.search(m.text)
        if kind_word and not m.alias:
            m.alias = m.text[:kind_word.start()]  # "the West Kazakhstan region" is also "West Kazakhstan"
        if kind_word and not (hit and hit[1].startswith("region:")):  # "Vitsebsk region": the region, not the city
            hit = g.region(m.alias) or g.place(m.alias)
        key = hit[1] if hit else fold(m.text)
        if not hit:
            for k, e in by_key.items():
                if similar(fold(m.text), fold(e.label)) >= 88:
                    key = k
                    break
        e = by_key.get(key)
        if e is None:
            label = hit[0] if hit else m.alias if kind_word and kind_word.group().strip() == "district" else m.text
            e = by_key[key] = Entity("place", label, gazetteer_id=hit[1] if hit else None)  # "Birchwood" (district)
            entities.append(e)
        e.mentions.append(m)

    # organizations: core key (no 'the', demonym/country prefix, trailing 'party'), acronyms
    place_keys = frozenset(fold(m.text) for m in kept if m.kind == "place")
    orgs: dict[str, Entity] = {}
    qualifier: dict[str, str] = {}  # key -> the demonym or country its first mention named ("kazak")
    known_core: dict[str, tuple[str, str]] = {}  # core of a known body's mention -> (its key, its qualifier)
    alias_of: dict[str, str] = {}
    for m in kept:
        if m.kind == "org" and m.alias:
            alias_of[fold(m.text)] = fold(m.alias)
    for m in kept:
        if m.kind != "org":
            continue
        core = _org_core(ministry_form(m.text) or m.text, g, place_keys)  # "Ministry of Internal Affairs": "Interior Ministry"
        known = g.org_in(m.text, country)
        key = fold(known) if known else core
        toks = fold_tokens(m.text)
        qual = " ".join(toks[:len(toks) - len(core.split())]) if not known and toks[-len(core.split()):] == tuple(core.split()) else ""
        if qual and key in orgs and qualifier.get(key) and qualifier[key] != qual:
            key = f"{key}@{qual}"  # "Kazakh Interior Ministry", then "Kyrgyz Interior Ministry": two countries' bodies
        if known:
            known_core.setdefault(core, (key, qual))
        elif key not in orgs and core in known_core and (not qual or known_core[core][1] in ("", qual)):
            key = known_core[core][0]  # "Interior Ministry" after "Kazakh Interior Ministry", a known body
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
        if key not in orgs and len(m.text.split()) > 1:
            same = [k for k in orgs if _same_org_name(key, k, g)]
            if len(same) == 1:  # "Tasmin News Agency" beside "Tasnim News Agency"; "Revolution Court" after "Tehran Islamic Revolution Court"
                key = same[0]
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
        if qual and not qualifier.get(key):
            qualifier[key] = qual
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
            if fold(e.label) == fold(m.text) or fold(m.text) in {fold(f) for f in nickname_forms(e.label)} \
                    or fold(e.label) in {fold(f) for f in nickname_forms(m.text)}:
                match = e  # 'Anna "Storm" Petrova' and "Anna Storm"
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
            wt = fold_tokens(m.text)  # "Kassym-Jomart" alone: the given name, hyphenated, of "Kassym-Jomart Tokayev"
            cands = [e for e in people if len(fold_tokens(e.label)) > len(wt) and fold_tokens(e.label)[:len(wt)] == wt]
            cands = cands or [e for e in people if len(wt) > 1 and len(fold_tokens(e.label)) > len(wt)
                              and fold_tokens(e.label)[-len(wt):] == wt]  # "Al-Masri" alone: "Abdel-Rahman al-Masri"
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
    """Take in given names the model left out: 'Aidos' + 'Roe', 'Anna' '-' 'Maria' + 'Roe'; and the surname after a
    one-word name the model took alone, when it is glued to the next proper noun as a compound: 'Tomas' + 'Reyl'."""
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
        r = _SURNAME_AFTER.match(doc_text(doc), m.end)
        given_alone = r and len(m.text.split()) == 1 and span.end < len(doc) and doc[span.end].pos_ == "PROPN" \
            and doc[span.end - 1].dep_ == "compound" and doc[span.end - 1].head.i == span.end \
            and r.group(1) not in g.org_words and r.group(1).lower() not in g.one_word_titles  # "Tomas" + " Reyl"
        if r and len(m.text.split()) <= 2 and (g.looks_like_surname(r.group(1)) or given_alone) and not g.place(r.group(1)) \
                and not g.org(r.group(1)) and not any(a < r.end() and r.start(1) < b for a, b in taken if (a, b) != (m.start, m.end)):
            m.end = r.end(1)  # "Kassym-Jomart" + " Tokaev" at a sentence's end, which the model left out
            m.text = clean(doc_text(doc)[m.start:m.end])


_POSSESSIVE_INSIDE = re.compile(r"\w['’]s\s+[A-Z]")
_SURNAME_AFTER = re.compile(r" ([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![\w'’-])")


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


def _patronymic_particles(doc, mentions: list[Mention], g: Gazetteer) -> None:
    """A name followed by a separate "son of"/"daughter of" word ("Aibek Toktogul uulu", "Aizada Nurlan kyzy",
    ``gazetteers/patronymic_particles.tsv``) is a person's full name, the particle included."""
    text = doc_text(doc)
    for m in mentions:
        words = m.text.split()
        if m.kind not in ("person", "org", "place", "maybe") or not 1 <= len(words) <= 3 \
                or not all(_CAP_WORD.match(w) for w in words) or g.org(m.text):
            continue
        p = _PARTICLE.match(text, m.end)
        if not p or p.group(1).lower() not in g.patronymic_particles:
            continue
        m.end = p.end(1)
        m.text = text[m.start:m.end]
        m.kind = "person"
        m.strong_kind = True


_PARTICLE = re.compile(r"\s([a-zıöüğş]+\.?)(?![\w'’-])")
_PATRONYMIC_NAME = re.compile(r"(?<![\w'’.-])(?=([A-Z][a-z]{2,})\s([A-Z][a-z]{3,})\s([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![\w'’-]))")


def find_entities(doc) -> list[Entity]:
    """The entities of a parsed article (a spaCy ``Doc``), in order: persons, organizations, places."""
    g = gazetteer()
    mentions = _patronymic_names(doc, _spans(doc, g), g)
    _extend_orgs(doc, mentions, g)
    _quoted_short_names(mentions)
    _given_name_before(doc, mentions, g)
    cues: dict = {}
    _retype(doc, mentions, g, cues)
    _coordinated_persons(doc, mentions, g)
    _extend_persons(doc, mentions, g)
    _patronymic_particles(doc, mentions, g)
    _retype(doc, mentions, g, cues)
    _org_name_lead(doc, mentions, g)
    _vote_kinds(mentions)
    mentions, known_as = _also_known_as(doc, mentions, g)
    mentions = sorted(mentions + _surname_mentions(doc, mentions, g), key=lambda m: m.start)
    mentions = _drop_cut_off(mentions, doc_text(doc))
    entities = _join_known_as(_group(mentions, g, doc_text(doc), _article_country(mentions, g)), known_as)
    _typographic_forms(entities, doc_text(doc))
    return entities


_ALSO_KNOWN_AS = re.compile(r"(?:\s+(?:" + "|".join(sorted(ORG_NOUNS)) + r"))?\s*[,(]\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    words("entities_known_as"), key=len, reverse=True)) + r")\s+(?:the\s+)?[\"“‘]?([A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’.-]*){0,4})")
_SERVICE_OF = re.compile(r"^(.+?)['’]s\s+(?:[A-Z][\w-]*\s+){1,3}[Ss]ervice$")


def _also_known_as(doc, mentions: list[Mention], g: Gazetteer) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """"Anna Petrova (known as Anna Steppe)", "the Steppe party, formerly known as Free Step,": the name after
    "known as" (``entities_known_as`` of ``rules/event_words.jsonl``) is another name of the person or body
    before it. The local name of a broadcaster's language service ("Radio X's Uzbek Service, known locally as
    Radio Y") names the broadcaster. Returns the mentions, with the second name where the model missed it,
    and the (first, second) pairs for :func:`_join_known_as`; acronyms are :func:`_acronyms`' part."""
    text = doc_text(doc)
    out, pairs, retyped = list(mentions), [], {}
    for x in mentions:
        k = _ALSO_KNOWN_AS.match(text, x.end) if x.kind in ("person", "org") else None
        name = k.group(1).rstrip(".") if k else ""
        if not name or (x.kind == "org" and name.replace(".", "").isupper()):
            continue
        s = k.start(1)
        y = next((m for m in out if m.start == s), None)
        if y is None:
            y = Mention(s, s + len(name), name, x.kind, "known_as", x.weak, True)
            out.append(y)
        y.kind, y.strong_kind = x.kind, True
        retyped[fold(y.text)] = x.kind
        service = _SERVICE_OF.match(x.text) if x.kind == "org" else None
        if service and g.org(service.group(1)):
            x.end, x.text = x.start + len(service.group(1)), service.group(1)
        pairs.append((x, y))
    for m in out:  # "Ak Bereke" the model took for a person, named again later: the party still
        if not m.strong_kind and fold(m.text) in retyped:
            m.kind = retyped[fold(m.text)]
    return out, pairs


def _join_known_as(entities: list[Entity], pairs: list[tuple[Mention, Mention]]) -> list[Entity]:
    """Merge the entities of the two names of each "known as" pair (:func:`_also_known_as`)."""
    owner = {id(m): e for e in entities for m in e.mentions}
    for x, y in pairs:
        ex, ey = owner.get(id(x)), owner.get(id(y))
        if ex is None or ey is None or ex is ey or ex.kind != ey.kind:
            continue
        ex.mentions.extend(ey.mentions)
        owner.update((id(m), ex) for m in ey.mentions)
        entities.remove(ey)
        _finish(ex)
    return entities


def _drop_cut_off(mentions: list[Mention], text: str) -> list[Mention]:
    """An excerpt cut off mid-sentence ("... said the head of the Nur"): a one-word name that ends the text
    with no stop after it is a word cut short, unless the article names it elsewhere."""
    end = len(text.rstrip())
    if not mentions or text.rstrip()[-1:] in ".!?\"”’)»":
        return mentions
    last = max(mentions, key=lambda m: m.end)
    if last.end < end or len(last.text.split()) > 1 or last.source != "ner":
        return mentions
    if any(m is not last and fold(last.text) in fold_tokens(m.text) for m in mentions):
        return mentions
    return [m for m in mentions if m is not last]


def _article_country(mentions: list[Mention], g: Gazetteer) -> str | None:
    """The country an article is about (ISO code): the one its known places belong to, when one clearly
    leads (more than half again the next); None when the article names none or several alike."""
    counts: Counter = Counter()
    for m in mentions:
        hit = g.place(m.text) if m.kind == "place" else None
        if hit:
            counts[hit[1].split(":")[1]] += 1
    top = counts.most_common(2)
    if not top or (len(top) > 1 and top[0][1] < 1.5 * top[1][1]):
        return None
    return top[0][0]


def _typographic_forms(entities: list[Entity], text: str) -> None:
    """A name written with a typographic apostrophe ("Magistrates’ Court") keeps that form too, beside the
    straight one the names are cleaned to: both are spellings the article's readers will search for."""
    for e in entities:
        for m in e.mentions:
            raw = text[m.start:m.end]
            if "’" in raw and "'" in m.text:
                curly = m.text.replace("'", "’")
                if curly not in e.names:
                    e.names.append(curly)
