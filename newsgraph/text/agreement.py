"""Whether two reports can be of one event: their dates and their places agree.

One rule for both merges: mentions within an article
(:mod:`newsgraph.loaders.extract.events.merge`) and events across articles
(:mod:`newsgraph.graph.merge_events`).

* Dates agree when every part both state is equal: ``2023-11`` fits
  ``2023-11-16``, ``--11-16`` (no year) fits any year, ``2023-11-16`` does not
  fit ``2023-11-17``.
* Places agree when either side names none, they share one, or one is a
  country and the other is in it (the same ISO country code).

Example:
    >>> same_date("2023-11", "2023-11-16"), same_date("--11-16", "2021-11-16"), same_date("2023-11-16", "2023-11-17")
    (True, True, False)
    >>> places_agree({"osh": ("city", "KG")}, {"kg": ("country", "KG")})
    True
    >>> places_agree({"osh": ("city", "KG")}, {"minsk": ("city", "BY")})
    False
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

__all__ = ["same_date", "places_agree", "date_parts"]

_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@lru_cache(maxsize=65536)
def date_parts(value: str) -> tuple[str | None, str | None, str | None]:
    """``(year, month, day)`` of an ``ng:date`` value, each None where it does not say (remembered:
    the cross-article event merge compares the same dates again and again).

    >>> date_parts("2023-11"), date_parts("--11-16")
    (('2023', '11', None), (None, '11', '16'))
    """
    v = value.strip()[:10]
    if v.startswith("--"):
        return None, v[2:4] or None, v[5:7] or None
    m = _DATE.fullmatch(v)
    return (m.group(1), m.group(2), m.group(3)) if m else (None, None, None)


def same_date(a: str, b: str) -> bool:
    """Whether two ``ng:date`` values (xsd:date, gYearMonth, gYear, gMonthDay) can name the same day."""
    return all(x is None or y is None or x == y for x, y in zip(date_parts(str(a)), date_parts(str(b))))


def places_agree(a: Mapping, b: Mapping) -> bool:
    """Whether two events' places fit: each maps a place key to its ``(kind, country code)``."""
    if not a or not b or a.keys() & b.keys():
        return True
    return any(cp and cp == cq and "country" in (kp, kq) for kp, cp in a.values() for kq, cq in b.values())
