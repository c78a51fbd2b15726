"""Charges: the accusation behind a detention, charge or sentence, in the text's words.

A charge is the phrase a marker preposition governs when it hangs from a
marker word (``rules/event_charges.jsonl``): "on charges of X", "on suspicion
of X", "accused him of X", "charged with X", "convicted of X", "jailed for
X-ing", "on extremism charges". The phrase is the object's subtree, cut before
a date ("on the day of the vote", "on May 5" stays only inside quotes), a
relative clause, an apposition or a clause of its own; coordinated charges
("extremism and fraud") are split unless they share one object ("organizing
and leading a criminal group"). A quoted phrase is taken whole.

Example:
    >>> from newsgraph.loaders.extract.nlp import load_nlp
    >>> sent = next(load_nlp()("Police detained Mara Quell on charges of extremism and fraud.").sents)
    >>> [c.text for c in charge_phrases(sent, set())]
    ['extremism', 'fraud']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.errors import RuleError
from newsgraph.text.data import read_jsonl_rules
from ..token_table import token_table
from ..wordsets import words

__all__ = ["Charge", "alleged_acts", "charge_phrases", "charge_rules"]

_TIME_NOUNS = words("charges_time_nouns")
_CUT_DEPS = {"relcl", "appos", "advcl", "parataxis"}
_CUT_TIME = words("charges_cut_time")
_GENERIC = words("charges_generic")
_HARM_NOUNS = words("charges_harm_nouns")
_OFFICE_NOUNS = words("office_nouns")
_OWN_ACTS = words("charges_own_acts")
_OFFENCE_NOUNS = words("charges_offence_nouns")
_QUOTES = {'"', "“", "”", "«", "»", "'", "‘", "’"}


@dataclass
class Charge:
    """One charge phrase of a sentence."""

    text: str
    marker: int            # token index of the marker word ("charges", "accused", "for"'s head)
    tokens: set = field(default_factory=set)   # token indices of the phrase and its marker
    charging: bool = False  # the marker makes it a ng:Charging ("on charges of", "accused of")
    marker_text: str = ""


def content_words() -> frozenset:
    """Nouns of published material ("video", "post"): "jailed for videos about X" names no offence."""
    return words("content_nouns")


@lru_cache(maxsize=1)
def charge_rules() -> tuple[dict, ...]:
    rules = read_jsonl_rules("event_charges.jsonl", required=("id", "prep", "heads", "charging"), regex_fields=())
    for r in rules:
        if not isinstance(r["heads"], list) or not isinstance(r["charging"], bool):
            raise RuleError(f"rules/event_charges.jsonl: {r['id']}: 'heads' must be a list and 'charging' true or false")
    return tuple(rules)


_MARKER_VERBS = frozenset(v for r in charge_rules() for v in r.get("verbs", ()))


def _marker_rule(prep, trigger_is: set, legal_verbs: set):
    head = prep.head
    if head.dep_ == "prep" and prep.dep_ == "conj":  # "guilty of X and of Y"
        head = head.head
    elif prep.dep_ == "conj":  # "suspected of X that ... and of Y": the parser hung the second "of" elsewhere
        first = next((t for t in reversed(list(prep.sent)) if t.i < prep.i and t.lower_ == prep.lower_
                      and t.dep_ == "prep"), None)
        head = first.head if first is not None else head
    for rule in charge_rules():
        if rule.get("verbs"):  # "the charges against him include X": the verb's object, its subject a head
            if prep.lower_ in rule["verbs"] and prep.pos_ == "VERB" and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in rule["heads"] for c in prep.children):
                return rule, prep
            continue
        if rule.get("compound") or rule["prep"] != prep.lower_:
            continue
        heads = set(rule["heads"])
        if head.lower_ in heads or ("<trigger>" in heads and (head.i in trigger_is or head.i in legal_verbs)):
            return rule, head
        if "<trigger>" in heads and head.dep_ == "pobj" and head.head.lower_ == "against" \
                and head.head.head.i in trigger_is:
            return rule, head.head.head  # "opened a case against X for Y"
        # "accused him of X": the preposition hangs from the verb, past its object
        if head.pos_ in ("PRON", "PROPN", "NOUN") and head.dep_ in ("dobj", "nsubjpass") and head.head.lower_ in heads:
            return rule, head.head
    return None, None


def _object(prep):
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp", "dobj", "xcomp")]  # the last two: of a verb marker
    return objs[0] if objs else None


def _conjuncts(tok) -> list:
    out, todo = [], [tok]
    while todo:
        t = todo.pop(0)
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _shared_object(conjuncts) -> bool:
    """'organizing and leading a criminal group': a bare first verb shares the last one's object."""
    return any(c.tag_ in ("VBG", "VB", "NN") and c.pos_ in ("VERB", "NOUN") and not any(
        g.dep_ in ("dobj", "pobj", "prep", "xcomp", "ccomp", "compound", "amod", "det") for g in c.children)
        and c.tag_ != "NN" for c in conjuncts[:-1]) and len(conjuncts) > 1


def _own_subtree(tok) -> list:
    """The token's subtree without the clauses and appositions a charge phrase leaves out anyway."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ not in _CUT_DEPS)
    return out


def _phrase_tokens(tok, drop_conj: bool, stop: frozenset = frozenset()) -> list:
    keep, todo = [], [tok]
    while todo:
        t = todo.pop()
        keep.append(t)
        for c in t.children:
            if c.dep_ in _CUT_DEPS and c.text not in _QUOTES:
                continue
            if c.i in stop:
                continue  # "indicted for an attempt to seize power and arrested for two months": another event
            if drop_conj and t.i == tok.i and c.dep_ in ("conj", "cc", "preconj"):
                continue
            if c.dep_ == "prep" and c.lower_ in ("on", "in", "during", "at", "since", "until", "before", "after") and any(
                    g.ent_type_ in ("DATE", "TIME") or g.lower_ in _CUT_TIME for p in c.children if p.dep_ == "pobj"
                    for g in _own_subtree(p)):
                continue  # "on the day of the vote", "on May 5", "during last year's January events"
            if c.dep_ == "prep" and c.lower_ in ("over", "after", "because", "following", "amid", "despite", "during",
                                                 "since", "before", "while", "when"):
                continue  # "inciting hatred over a report": what it was about, not the offence
            if c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod",):
                continue
            if c.dep_ == "punct" and c.text not in (",",) and c.text not in _QUOTES:
                continue
            todo.append(c)
    keep.sort(key=lambda t: t.i)
    # a contiguous run from the first token
    run = [keep[0]]
    for t in keep[1:]:
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    while run and (run[-1].is_punct or run[-1].lower_ in ("and", "or", "as", "well")):
        run.pop()
    while run and (run[0].is_punct or run[0].lower_ in ("and", "or")):
        run.pop(0)
    return run[:40]


def _quoted(sent, start_i: int) -> list | None:
    """Tokens of a quotation that opens at ``start_i`` (or right after it), if any."""
    toks = [t for t in sent if t.i >= start_i]
    if not toks or toks[0].text not in _QUOTES:
        return None
    out = []
    for t in toks[1:]:
        if t.text in _QUOTES:
            return out or None
        out.append(t)
        if len(out) > 20:
            return None
    doc = sent.doc
    if out and sent.end < len(doc) and doc[sent.end].text in _QUOTES:  # '... and "Y."': the sentence ends
        while out and out[-1].is_punct:                                # before the closing quote
            out.pop()
        return out or None
    return None


def _split(tokens) -> list[list]:
    """A list of offences in one phrase: "abuse of office, embezzlement, and financial mismanagement",
    "X, as well as Y", "participating in X and financing Y" (two gerunds, each with its object), "insulting X and
    membership in Y" (a gerund, then a noun of an offence)."""
    parts, cur = [], []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.text == "," or (t.lower_ == "as" and nxt is not None and nxt.lower_ == "well"):
            if cur:
                parts.append(cur)
            cur = []
            while i < len(tokens) and tokens[i].lower_ in (",", "as", "well", "and", "or"):
                i += 1
            continue
        if t.lower_ in ("and", "or") and nxt is not None and (nxt.lower_.endswith("ing") or nxt.lower_ in _OFFENCE_NOUNS) \
                and cur and cur[0].lower_.endswith("ing") and len(cur) > 1:  # "insulting X and membership in Y"
            parts.append(cur)
            cur = []
            i += 1
            continue
        cur.append(t)
        i += 1
    if cur:
        parts.append(cur)
    return [p[:18] for p in _split_last(parts) if p]


def _split_last(parts: list[list]) -> list[list]:
    """ "A, B and C": in a list of offences the last "and" (between two nouns) ends one too."""
    if len(parts) < 2:
        return parts
    last = parts[-1]
    k = next((j for j in range(1, len(last) - 1) if last[j].lower_ in ("and", "or")
              and last[j - 1].pos_ in ("NOUN", "PROPN") and last[j + 1].pos_ in ("NOUN", "VERB", "PROPN")), None)
    return parts if k is None else parts[:-1] + [last[:k], last[k + 1:]]


def _text(tokens) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    text = text.strip("\"“”«»'‘’ ,.;:")
    text = re.sub(r"\s*[\"“”«»]\s*", " ", text)
    return " ".join(text.split())


def _offence_words() -> frozenset:
    return words("generic_offence_words")


def _trim(tokens) -> list:
    """The offence itself: without a leading "including" or "such as", and past a generic head
    ("the crime of X", "the offence of X": X)."""
    toks = list(tokens)
    while toks and (toks[0].lower_ in ("including", "namely", "notably", "especially") or toks[0].is_punct):
        toks = toks[1:]
    if len(toks) > 1 and toks[0].lower_ == "such" and toks[1].lower_ == "as":
        toks = toks[2:]
    generic = _offence_words()
    for k, t in enumerate(toks[:5]):
        if t.lower_ == "of" and k > 0 and all(x.lower_ in generic or x.lower_ in _GENERIC for x in toks[:k]) \
                and any(x.lower_ in generic for x in toks[:k]) and len(toks) > k + 1:
            return _trim(toks[k + 1:])
    return toks


def _acceptable(tokens, via_for: bool) -> bool:
    if not tokens:
        return False
    words = [t for t in tokens if not t.is_punct]
    if not words or all(t.lower_ in _GENERIC for t in words):
        return False
    if all(t.lower_ in _GENERIC or t.lower_ in _offence_words() or t.lower_ in ("of", "and", "or") for t in words):
        return False  # "an array of criminal offences": names no offence
    first = words[0]
    if via_for:
        own_act = first.tag_ == "PRP$" and len(words) > 1 and words[1].lower_ in _OWN_ACTS  # "for his role in X"
        if first.like_num or first.lower_ in _TIME_NOUNS or (first.pos_ in ("NUM", "PRON", "PROPN", "ADV", "ADP")
                                                            and not own_act):
            return False
        if first.pos_ == "DET" and len(words) > 1 and (words[1].lower_ in _TIME_NOUNS or words[1].like_num):
            return False
        if any(t.lower_ in _TIME_NOUNS and t.i - first.i < 3 for t in words[:3]) and first.tag_ != "VBG":
            return False
        ids = {t.i for t in words}
        root = next((t for t in words if t.head.i not in ids or t.head.i == t.i), first)
        lead = next((t for t in words if t.pos_ != "DET"), first)  # "a post criticizing X" parsed around "X"
        if any(t.pos_ == "NOUN" and t.lower_ in content_words() for t in (root, lead)):
            return False  # "fined for a post criticizing X": what was published, not the offence
        if lead.lower_ in _OFFICE_NOUNS and lead.i == words[-1].i:
            return False  # "detained two candidates for the presidency": the office they sought
    return len(" ".join(t.text for t in words)) > 3


_ARTICLE_SKIP = words("charges_article_skip")
_ARTICLE_STOP = words("charges_article_stop")
_ARTICLE_VERBS = words("charges_article_verbs")
_NUMBERISH = re.compile(r"^\d[\d.\-–]*[a-z]?$")


def _after_code(sent, j: int) -> int:
    """The token index after "of the Criminal Code of the Russian Federation" starting at ``j`` (or ``j``)."""
    doc, end, k = sent.doc, sent.end, j
    while k < end and k - j < 12 and (doc[k].lower_ in _ARTICLE_SKIP or _NUMBERISH.match(doc[k].text)
                                      or (doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper())):
        k += 1
    while k > j and doc[k - 1].lower_ in ("and", "part", "paragraph", "clause", "of", "the"):
        k -= 1  # "Article 159 ... and Article 244": the "and" belongs to the list
    return k


def _bracket(sent, k: int) -> tuple[list, int] | None:
    """(tokens, index after ")") of a bracket opening at ``k``, quotes dropped, or None."""
    doc = sent.doc
    if k >= sent.end or doc[k].text != "(":
        return None
    out = []
    for t in doc[k + 1:min(sent.end, k + 40)]:
        if t.text == ")":
            return [x for x in out if x.text not in _QUOTES], t.i + 1
        out.append(t)
    return None


def _names_no_offence(toks) -> bool:
    words = [t for t in toks if not t.is_punct]
    return not words or words[0].lower_ in ("part", "article", "articles", "paragraph", "clause", "art", "p") \
        or not any(t.is_alpha and t.is_lower for t in words) or any(_NUMBERISH.match(t.text) for t in words[:2])


def _article_charges(sent, trigger_is: set) -> list:
    """Offences named with the article of the code: "charged under Article 356 of the Criminal Code ('treason')",
    "accused under Article 174 of the Criminal Code, which punishes inciting discord",
    "tried under three articles - Article 223 illegal border crossing, Article 159 ..."."""
    if not trigger_is:
        return []
    doc, out = sent.doc, []
    for i in range(sent.start, sent.end - 1):
        t = doc[i]
        if t.lower_ not in ("article", "articles", "art.") or not _NUMBERISH.match(doc[i + 1].text):
            continue
        k = _after_code(sent, i + 2)
        if k + 2 < sent.end and doc[k].text == "," and doc[k + 1].lower_ in ("which", "that") \
                and doc[k + 2].lower_ in _ARTICLE_VERBS:
            k += 3  # "under Article 174 of the Criminal Code, which punishes X"
        got = _bracket(sent, k)
        if got is not None:
            toks = got[0]
        else:
            toks = []
            for x in doc[k:min(sent.end, k + 16)]:
                if x.is_punct and x.text not in _QUOTES or x.lower_ in ("article", "articles") \
                        or (not toks and (x.lower_ in _ARTICLE_STOP or not x.is_lower)):
                    break
                toks.append(x)
            while toks and toks[-1].lower_ in ("and", "or"):
                toks.pop()
        toks = [x for x in toks if x.text not in _QUOTES]
        if toks and not _names_no_offence(toks) and len(toks) <= 25:
            out.append((i, toks))
    return out


def _bracketed_list(sent, toks, k: int | None = None) -> list[list]:
    """The offences listed after one whose article stands in brackets: "X (Part 1 of Article 357), Y (Article
    361), as well as Z (Article 361)": Y and Z. ``k``: where the first bracket opens (past a closing quote)."""
    doc, more = sent.doc, []
    k = toks[-1].i + 1 if k is None else k
    while True:
        got = _bracket(sent, k)
        if got is None or not re.search(r"\b(?:Article|Part|Code)\b", " ".join(t.text for t in got[0])):
            return more
        k = got[1]
        while k < sent.end and doc[k].lower_ in (",", "and", "or", "as", "well"):
            k += 1
        if k == got[1]:
            return more
        nxt = []
        while k < sent.end and doc[k].text not in ("(", ".", ";", ")") and len(nxt) < 20:
            nxt.append(doc[k])
            k += 1
        if not nxt or nxt[-1].i + 1 >= sent.end or doc[nxt[-1].i + 1].text != "(":
            return more
        more.append(nxt)
        k = nxt[-1].i + 1


def charge_phrases(sent, trigger_is: set, legal_verbs: set = frozenset()) -> list[Charge]:
    """The charge phrases of a sentence; ``trigger_is`` are the token indices of its legal triggers."""
    out: list[Charge] = []
    doc = sent.doc
    lower, dep, pos = token_table(doc)[:3]
    for i in range(sent.start, sent.end):
        if not (dep[i] == "prep" or lower[i] in ("of", "with", "for", "charges", "charge") or lower[i] in _MARKER_VERBS):
            continue  # neither a marker preposition nor a charge noun nor a marker verb
        tok = doc[i]
        if tok.dep_ == "prep" or (tok.pos_ == "ADP" and tok.lower_ in ("of", "with", "for")) or (
                tok.lower_ in _MARKER_VERBS and tok.pos_ == "VERB"):
            rule, head = _marker_rule(tok, trigger_is, legal_verbs)
            if rule is None:
                continue
            via_for = rule["prep"] == "for"
            quoted = _quoted(sent, tok.i + 1)
            if quoted:
                phrases = [quoted]
                nxt = quoted[-1].i + 2  # '"X" and "Y"': a list of quoted charges
                if nxt < sent.end and sent.doc[nxt].lower_ == "under":  # '"X" under article 187, and "Y"'
                    nxt = _after_code(sent, nxt + 1)
                    while nxt < sent.end and sent.doc[nxt].text == "," and nxt + 1 < sent.end \
                            and sent.doc[nxt + 1].lower_ in ("and", "or"):
                        nxt += 1
                while nxt + 1 < sent.end and sent.doc[nxt].lower_ in ("and", "or", ","):
                    more = _quoted(sent, nxt + 1)
                    if not more:
                        break
                    phrases.append(more)
                    nxt = more[-1].i + 2
                    if nxt < sent.end and sent.doc[nxt].lower_ == "under":
                        nxt = _after_code(sent, nxt + 1)
                        while nxt < sent.end and sent.doc[nxt].text == "," and nxt + 1 < sent.end \
                                and sent.doc[nxt + 1].lower_ in ("and", "or"):
                            nxt += 1
                # '"X" (Article 342) and Y (Article 243)': the offences listed after it, each with its article
                phrases += _bracketed_list(sent, phrases[-1], phrases[-1][-1].i + 2)
            else:
                obj = _object(tok)
                if obj is None:
                    continue
                if via_for and obj.pos_ not in ("VERB", "NOUN", "PROPN") and obj.tag_ != "VBG":
                    continue
                if rule["prep"] == "into" and (obj.lower_ in _HARM_NOUNS or any(
                        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children)):
                    continue  # "an investigation into the death of X": what happened, not an offence charged
                stop = frozenset(trigger_is) - {head.i}
                conj = [c for c in _conjuncts(obj) if c.i not in stop]
                if len(conj) > 1 and not _shared_object(conj):
                    phrases = [_phrase_tokens(c, drop_conj=True, stop=stop) for c in conj]
                else:
                    phrases = [_phrase_tokens(obj, drop_conj=False, stop=stop)]
                if phrases and phrases[0] and phrases[0][0].i - tok.i > 2:
                    continue  # the object does not start right after the marker: not a charge phrase
                last = phrases[-1][-1].i if phrases and phrases[-1] else None
                if last is not None and last + 2 < sent.end and doc[last + 1].lower_ in ("and", "or") \
                        and doc[last + 2].tag_ == "VBG" and doc[last + 2].dep_ == "conj" and doc[last + 2].head.i == head.i \
                        and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in doc[last + 2].children):
                    phrases.append(_phrase_tokens(doc[last + 2], drop_conj=True, stop=stop))  # "accusing him of X
                    #                                       and aiding Y", the parser hanging "aiding" from "accusing"
                elif last is not None and doc[last].lower_ in _OWN_ACTS and last + 1 < sent.end and doc[last + 1].lower_ == "in" \
                        and phrases[-1][0].tag_ == "PRP$":
                    phrases[-1] = phrases[-1] + _phrase_tokens(doc[last + 1], drop_conj=False)  # "his role" + " in X"
                if phrases and phrases[-1]:
                    phrases += _bracketed_list(sent, phrases[-1])
                phrases = _split_last([part for p in phrases for part in _split(p)])
            phrases = [_trim(p) for p in phrases]
            for toks in phrases:
                if not _acceptable(toks, via_for):
                    continue
                text = _text(toks)
                if text and not any(c.text == text and c.marker == head.i for c in out):
                    span = {t.i for t in toks} | {tok.i}
                    out.append(Charge(text, head.i, span, rule["charging"], f"{head.text} {tok.text}"))
        elif tok.lower_ in ("charges", "charge") and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.i == tok.i - 1 \
                and tok.head.tag_ == "VBG" and tok.head.dep_ == "pcomp" and tok.head.head.lower_ in ("on", "over"):
            g = tok.head  # "on spying charges" parsed as a gerund with its object
            out.append(Charge(g.text, tok.i, {g.i, tok.i}, True, tok.text))
        elif tok.lower_ in ("charges", "charge") and tok.pos_ == "NOUN" and tok.dep_ != "compound":
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i
                    and c.lower_ not in _GENERIC and c.pos_ in ("NOUN", "PROPN", "ADJ")]
            mods = [c for c in mods if c.dep_ == "compound" or c.pos_ == "NOUN" or c.tag_ == "VBG"]  # "spying charges"
            if not mods or any(c.lower_ == "of" for c in tok.children):
                continue
            toks = sorted({g for c in mods for g in c.subtree if g.lower_ not in _GENERIC and not g.is_punct},
                          key=lambda t: t.i)
            text = _text(toks)
            if len(text) > 3:
                out.append(Charge(text, tok.i, {t.i for t in toks} | {tok.i}, True, tok.text))
    for i, toks in _article_charges(sent, trigger_is):
        text = _text(toks)
        if len(text) > 3 and not any(c.text == text for c in out):
            out.append(Charge(text, i, {t.i for t in toks} | {i}, False, doc[i].text))
    return out


def _act_tokens(verb) -> list:
    """The verb and what it governs, without its subject, its adverbs and the verbs coordinated with it."""
    keep, todo = [], [verb]
    while todo:
        t = todo.pop()
        keep.append(t)
        todo.extend(c for c in t.children if c.dep_ not in _CUT_DEPS and c.dep_ not in (
            "nsubj", "nsubjpass", "auxpass", "advmod", "neg", "cc", "conj", "punct", "mark", "ccomp")
            and not (c.dep_ == "aux" and c.lower_ != "to"))
    return sorted(keep, key=lambda t: t.i)


def alleged_acts(sent) -> list[tuple]:
    """Accusations told as acts: "they had allegedly breached the security law and attempted to subvert
    state power" -> (the verb, its subject, ["breached the security law", "attempted to subvert state power"]).
    Only offence verbs (``alleged_act_verbs``) under an alleged-act adverb, with a subject and an object; or
    any verb of the "that" clause of a charge noun (``charge_clause_nouns``): "charges brought in April that X
    faked a university diploma and used it to win a state post"."""
    out = []
    adverbs, verbs, nouns = words("alleged_act_adverbs"), words("alleged_act_verbs"), words("charge_clause_nouns")
    for tok in sent:
        clause = tok.dep_ == "acl" and tok.pos_ == "VERB" and tok.head.lower_ in nouns and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
        if not clause and (tok.lower_ not in adverbs or tok.dep_ != "advmod" or tok.head.lower_ not in verbs):
            continue
        verb = tok if clause else tok.head
        if verb.dep_ == "relcl":
            continue  # "X, who allegedly tried to ...": a description of X, not a charge told here
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        acts = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and (clause or c.lower_ in verbs)
                         and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        texts = []
        for v in acts:
            toks = _act_tokens(v)
            if len(toks) >= 2 and any(t.dep_ in ("dobj", "xcomp", "prep") for t in v.children):
                texts.append(_text(toks))
        if texts:
            out.append((verb, subj, texts))
    return out
