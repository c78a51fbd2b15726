"""The cross-article event pass: one node per real-world event.

Each article graph names its events ``event/<article>-<n>``. After entity
resolution (one IRI per person, organization and place), two events from
different articles are the same event when they agree on everything they state:

* the same contract type (``ng:PretrialDetention`` counts as ``ng:Detention``)
  and the same modality (a planned rally is not the rally held);
* if either names targets, both do and they share at least one, and one more
  thing both state agrees (a date, a place, an agent, a penalty, or a second
  target); otherwise (a vote, a protest) both are dated and placed, and a
  protest's participants or organisers overlap when both name them;
* their dates agree on every part both state ("2023-11" fits "2023-11-16";
  ``--11-16`` fits any year), their places are the same or one is the
  other's country, and counts and penalties do not differ.

The second event's IRI is rewritten to the first (:meth:`Store.rewrite_iris`),
so the node keeps both ``prov:wasDerivedFrom`` and both ``ng:evidence``.
Events are taken in IRI order and each joins the first group it agrees with
entirely; the pass repeats until nothing changes, so it is deterministic and
running it again changes nothing. Two events of one article never merge (the
extractor already merged what it could).

Example:
    >>> from newsgraph.graph.merge_events import same_date
    >>> same_date("2023-11", "2023-11-16"), same_date("--11-16", "2021-11-16"), same_date("2023-11-16", "2023-11-17")
    (True, True, False)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.agreement import date_parts, places_agree, same_date
from ..ontology.terms import event_type, subclasses
from ..ontology import ID_BASE, NG
from ..text.sparql import internal_query

__all__ = ["merge_events", "same_date", "EVENT_QUERY"]

EVENT_QUERY = internal_query("merge_event_facts", event_base=f"{ID_BASE}event/")
_PLACE_NAMES = internal_query("merge_place_names")


@dataclass
class _Event:
    iri: str
    types: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    targets: set = field(default_factory=set)
    others: set = field(default_factory=set)     # agents, participants, winners
    places: set = field(default_factory=set)
    dates: set = field(default_factory=set)
    modality: set = field(default_factory=set)
    counts: set = field(default_factory=set)
    days: set = field(default_factory=set)
    amounts: set = field(default_factory=set)

    def absorb(self, other: _Event) -> None:
        for name in ("types", "articles", "targets", "others", "places", "dates", "modality", "counts", "days", "amounts"):
            getattr(self, name).update(getattr(other, name))


@lru_cache(maxsize=1)
def _top_of() -> dict[str, str]:
    """Event class IRI -> its contract type name (a class outside the seven maps to itself)."""
    out = {}
    for cls in subclasses(NG.Event):
        out[str(cls)] = event_type(cls) or str(cls).rsplit("#", 1)[-1]
    return out


def _country_codes(store) -> dict[str, tuple[str, str | None]]:
    """Place IRI -> (kind, ISO country code) from the gazetteer, for "city in its country"."""
    from ..text.gazetteer import gazetteer
    g = gazetteer()
    out: dict[str, tuple[str, str | None]] = {}
    for place, name in store.query(_PLACE_NAMES):
        hit = g.place(str(name))
        if hit and str(place) not in out:
            kind, code = hit[1].split(":")[:2]
            out[str(place)] = (kind, code or None)
    return out


def _compatible(a: _Event, b: _Event, codes: dict) -> bool:
    # every test below must pass; the cheap ones that most pairs fail (other articles' events name
    # other targets) come first
    if not a.articles.isdisjoint(b.articles) or a.types.isdisjoint(b.types) or a.modality != b.modality:
        return False
    if (a.targets or b.targets) and a.targets.isdisjoint(b.targets):
        return False
    if (a.counts and b.counts and a.counts != b.counts) or (a.days and b.days and a.days != b.days) \
            or (a.amounts and b.amounts and a.amounts != b.amounts):
        return False
    if not all(same_date(x, y) for x in a.dates for y in b.dates):
        return False
    if a.places and b.places and a.places.isdisjoint(b.places) and not places_agree(  # else they agree
            {p: codes.get(p, (None, None)) for p in a.places}, {p: codes.get(p, (None, None)) for p in b.places}):
        return False
    if a.targets or b.targets:
        # one more thing both state must agree: a date, a place, a doer, a penalty, or two shared targets
        return bool((a.dates and b.dates) or (a.places and b.places) or (a.others & b.others)
                    or (a.days & b.days) or (a.amounts & b.amounts) or len(a.targets & b.targets) >= 2)
    if not (a.dates and b.dates and a.places and b.places):
        return False  # a vote or a protest: both must say when and where
    if a.types == {"Election"}:
        return True  # one vote, whichever candidates each article names
    return not (a.others and b.others) or bool(a.others & b.others)


_FIELD_OF = {str(NG.hasTarget): "targets", str(NG.hasAgent): "others", str(NG.hasParticipant): "others",
             str(NG.winner): "others", str(NG.place): "places", str(NG.date): "dates", str(NG.modality): "modality",
             str(NG.targetCount): "counts", str(NG.penaltyDays): "days", str(NG.penaltyAmount): "amounts"}
"""The :class:`_Event` set each predicate of :data:`EVENT_QUERY` adds its object to (besides type and source)."""


def _read_events(store) -> dict[str, _Event]:
    tops = _top_of()
    events: dict[str, _Event] = {}
    rows = store.query(EVENT_QUERY)
    for e, p, o in rows:
        e, p = str(e), str(p)
        ev = events.get(e)
        if ev is None:
            ev = events[e] = _Event(e)
        if p.endswith("#type"):
            if str(o) in tops:
                ev.types.add(tops[str(o)])
        elif p.endswith("wasDerivedFrom"):
            ev.articles.add(str(o))
        elif p in _FIELD_OF:
            getattr(ev, _FIELD_OF[p]).add(str(o))
    return {iri: ev for iri, ev in events.items() if ev.types}


_NO_DAY = "no day"
_DAYS = "days"


def _day_key(dates) -> str:
    """Which groups an event with these dates can join, as far as whole days go: its one full
    date (year, month and day) if it has one, :data:`_NO_DAY` if it has none, :data:`_DAYS` if two
    or more. Two different full dates never agree (:func:`same_date`), so an event whose key is a
    day can only join a group whose key is that day or :data:`_NO_DAY`, and one with two days only
    a group with none."""
    days = {d for d in map(date_parts, dates) if None not in d}
    if not days:
        return _NO_DAY
    return "-".join(days.pop()) if len(days) == 1 else _DAYS


def _groups(events: dict[str, _Event], codes: dict) -> dict[str, str]:
    """One round: old IRI -> representative IRI for every event that joins an earlier group.

    An event that names targets can only join a group that names one of them, and one that names
    none only a group that names none (:func:`_compatible`), so each event is tested against those
    groups alone, found through an index by target (and by day, :func:`_day_key`), in the order the
    groups were made: the same first fit as testing every group, without comparing every pair of
    events in the store. A group's day key only goes from :data:`_NO_DAY` to a day or to
    :data:`_DAYS` as it takes events in, and the index keeps it under every key it has had: a
    group found that can no longer fit is tested and refused, and no group that fits is missed."""
    by_type: dict[frozenset, list[str]] = defaultdict(list)
    for iri in sorted(events):
        by_type[frozenset(events[iri].types)].append(iri)
    mapping: dict[str, str] = {}
    for members in by_type.values():
        groups: list[tuple[str, _Event]] = []
        keys: list[str] = []                                       # each group's day key
        by_target: dict[tuple[str, str], list[int]] = defaultdict(list)  # (target, day key) -> groups
        keys_of: dict[str, set[str]] = defaultdict(set)             # target -> the day keys it is under
        untargeted: list[int] = []                                  # the groups naming no target

        def index(i: int, targets) -> None:
            for t in targets:
                by_target[(t, keys[i])].append(i)
                keys_of[t].add(keys[i])

        for iri in members:
            ev = events[iri]
            when_and_where = bool(ev.dates and ev.places)  # two events naming no target merge only if both say so
            if ev.targets:
                day = _day_key(ev.dates)
                if day == _NO_DAY:  # no full date: a group under any key may fit
                    found = {i for t in ev.targets for k in keys_of.get(t, ()) for i in by_target[(t, k)]}
                else:  # a day fits that day or none; two days fit only none
                    fits = (_NO_DAY,) if day == _DAYS else (_NO_DAY, day)
                    found = {i for t in ev.targets for k in fits for i in by_target.get((t, k), ())}
                candidates = sorted(found)
            else:
                candidates = untargeted if when_and_where else []
            for i in candidates:
                rep, agg = groups[i]
                if _compatible(agg, ev, codes):
                    new_targets = ev.targets - agg.targets
                    agg.absorb(ev)
                    key = _day_key(agg.dates)
                    if key != keys[i]:
                        keys[i] = key
                        index(i, agg.targets)  # also kept under its old key: see the docstring
                    else:
                        index(i, new_targets)
                    mapping[iri] = rep
                    break
            else:
                agg = _Event(iri)
                agg.absorb(ev)
                groups.append((iri, agg))
                keys.append(_day_key(agg.dates))
                index(len(groups) - 1, agg.targets)
                if not agg.targets and when_and_where:
                    untargeted.append(len(groups) - 1)  # without a date and a place it joins nothing
    return mapping


def merge_events(store) -> int:
    """Merge the events that several articles report (see the module docstring).

    Run after entity resolution. Returns how many event IRIs were rewritten into another.
    """
    codes = _country_codes(store)
    total = 0
    for _ in range(10):
        mapping = _groups(_read_events(store), codes)
        if not mapping:
            break
        store.rewrite_iris(mapping)
        total += len(mapping)
    return total
