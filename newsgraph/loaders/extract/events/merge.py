"""Mentions of one event in one article become one event.

Two mentions merge when they have the same type and compatible finest classes
("detained" and "in pretrial detention"; a shooting and a beating stay apart),
the same modality (alleged counts as asserted), dates that agree on every part
both state, places that are the same or one is the other's country, the same
count and penalty when both state one, and:

* targets in common ("X was detained ... X was arrested"), or a count of people
  that covers everyone named plus one more agreeing detail ("seven activists were
  jailed for 15 days" and "A, B, C and D were jailed for 15 days");
* for events without targets: actors in common, or the same sentence, or one of
  them is a generic mention ("the election", "the charges") next to the other;
* an event told of someone unnamed ("sentenced a blogger to five years") and, in the
  next sentence, the same kind of event of one named person;
* votes: the same kind ("presidential", "parliamentary") when both say.

Mentions merge greedily in text order into the first earlier event they fit.
"""
from __future__ import annotations

from newsgraph.text.agreement import places_agree, same_date
from .context import country_code, is_country
from .roles import TARGETED

__all__ = ["merge_mentions"]


def _place_info(places) -> dict:
    """Place id -> (kind, country code), as :func:`~newsgraph.text.agreement.places_agree` takes them."""
    return {id(p): ("country" if is_country(p) else None, country_code(p)) for p in places}


def _classes_ok(a: object, b: object) -> bool:
    """Finest classes agree, or one is the bare type ("detained" and "in pretrial detention");
    kinds of violence (a shooting, a beating) stay apart unless named in one sentence."""
    fa, fb = a.classes - {a.type}, b.classes - {b.type}
    if a.type == "Violence":
        return fa == fb or a.sent_index == b.sent_index
    return not fa or not fb or bool(fa & fb)


def _linked(a: object, b: object) -> bool:
    if a.type != b.type or not _classes_ok(a, b):
        return False
    if a.modality != b.modality and not {a.modality, b.modality} <= {None, "Alleged"}:
        return False
    if a.dates and b.dates and not same_date(a.dates[0], b.dates[0]) and not (a.weak_date or b.weak_date):
        return False
    if not places_agree(_place_info(a.places), _place_info(b.places)):
        return False
    if a.count and b.count and a.count != b.count:
        return False
    if a.penalties and b.penalties and not _penalties_agree(a.penalties[0], b.penalties[0]):
        return False
    if a.kinds and b.kinds and not a.kinds & b.kinds:
        return False
    ta, tb = set(a.targets.keys()), set(b.targets.keys())
    if (ta & tb) or _one_group(a, b) or _one_group(b, a):
        return True
    if ta and tb:
        return False
    near = min(abs(x - y) for x in {a.sent_index} | a.merged_sents for y in {b.sent_index} | b.merged_sents) <= 1
    if ta or tb:
        # "A court sentenced a blogger to five years on charges of X. [...] the verdict against Y": one sentencing
        # ("Both were found guilty of X" after "sentenced A to ... and B to ...": the same verdict too)
        lone = (a.bare() and tb and (a.charges or a.penalties)) or (b.bare() and ta and (b.charges or b.penalties))
        return (a.generic() or b.generic() or lone and a.type in TARGETED) and near
    oa = set(a.participants.keys()) | set(a.agents.keys()) | set(a.winners.keys())
    ob = set(b.participants.keys()) | set(b.agents.keys()) | set(b.winners.keys())
    if a.type == "Election":
        return True  # one vote per kind (dates, places and kinds agree): candidates differ
    if oa and ob:
        return bool(oa & ob)
    if a.sent_index == b.sent_index:
        return True
    if a.bare() or b.bare():
        return near or (a.generic() or b.generic()) and bool(a.dates and b.dates)
    return bool(a.dates and b.dates and str(a.dates[0]) == str(b.dates[0]) and a.places and b.places)


def _one_group(a: object, b: object) -> bool:
    """ "Seven activists were jailed" and "A, B, C and D were jailed": one event when the count covers
    everyone named and something else agrees (the same count, penalty, date or place)."""
    if not a.count or a.count < 2 or a.type not in TARGETED:
        return False
    if len(set(a.targets.keys()) | set(b.targets.keys())) > a.count or (b.count and b.count > a.count):
        return False
    if not (b.targets or b.count):
        return False
    shared = [p for k, p in a.places.items() if k in b.places and not is_country(p)]  # not "in Russia": a statistic
    return bool(b.count == a.count or (a.penalties and b.penalties) or (
        a.dates and b.dates and str(a.dates[0]) == str(b.dates[0])) or shared)


def _penalties_agree(p, q) -> bool:
    if p.days is not None and q.days is not None:
        return p.days == q.days
    if p.amount is not None and q.amount is not None:
        return p.amount == q.amount
    return (p.days is None) == (q.days is None) and (p.amount is None) == (q.amount is None)


def _absorb(into: object, ev: object) -> None:
    ev.merged_into = into
    into.classes |= ev.classes
    into.paragraphs |= {ev.paragraph} | ev.paragraphs
    into.merged_sents |= {ev.sent_index} | ev.merged_sents
    into.triggers += [t for t in ev.triggers if t not in into.triggers]
    into.sentences += [s for s in ev.sentences if s not in into.sentences]
    for attr in ("targets", "agents", "participants", "winners", "places"):
        getattr(into, attr).update(getattr(ev, attr))
    into.charges |= ev.charges
    if ev.dates and (not into.dates or (into.weak_date and not ev.weak_date) or (
            ev.weak_date == into.weak_date and len(str(ev.dates[0]).strip("-")) > len(str(into.dates[0]).strip("-")))):
        into.dates = [ev.dates[0]]
        into.weak_date = ev.weak_date
    into.penalties += [p for p in ev.penalties if all(p.text != q.text for q in into.penalties)]
    if ev.count and not into.count:
        into.count = ev.count
    if into.modality != ev.modality:
        into.modality = None
    into.national = into.national or ev.national
    into.kinds |= ev.kinds
    if len(into.places) > 1 and any(not is_country(p) for p in into.places):
        for p in list(into.places):
            if is_country(p):
                into.places.pop(id(p), None)


def merge_mentions(events: list) -> list:
    """The events of ``events`` (in text order) with the mentions of one event merged."""
    out: list = []
    for ev in events:
        twin = next((o for o in out if _linked(o, ev)), None)
        if twin is None:
            out.append(ev)
        else:
            _absorb(twin, ev)
    return out
