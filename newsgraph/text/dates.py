"""Turn a date phrase of a news text into an RDF literal, never guessing a year.

``normalise_date(text, article_date)`` reads absolute phrases ("November 17,
2022", "17 November", "December 2024", "in 2019") and relative ones
("yesterday", "on Thursday", "last week", "in March", "last month", "next
year"). A year missing from the phrase comes from the article date (the most
recent such day or month on or before it, allowing a few days of look-ahead);
without an article date a day falls back to ``xsd:gMonthDay`` and a bare month
or relative phrase to ``None``.

Example:
    >>> from datetime import date
    >>> normalise_date("November 17", date(2022, 11, 22))
    rdflib.term.Literal('2022-11-17', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> str(normalise_date("November 17", None)), str(normalise_date("in March", date(2024, 2, 1)))
    ('--11-17', '2023-03')
    >>> normalise_date("in March", None) is None
    True
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD

__all__ = ["normalise_date", "date_offset", "offsets_in", "days_in", "shift_date", "MONTHS", "MONTH_NAME", "WEEKDAYS",
           "safe_date"]

MONTHS = {name: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}

_LOOKAHEAD = _dt.timedelta(days=7)  # a day this far after the article date still counts as this year
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [  # (regex, what it gives); tried in order, searched anywhere in the phrase
    (re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"), "ymd"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}\s*,?\s+{_YEAR}\b"), "ymd"),
    (re.compile(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)\b"), "ymd"),
    (re.compile(rf"\b{_MON}\s+{_DAY}\b(?!\s*,?\s*\d)"), "md"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?!\w)"), "md"),
    (re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b"), "ym"),
    (re.compile(rf"\b{_MON}(?!\w)"), "m"),
    (re.compile(rf"^(?:in\s+|the\s+year\s+|since\s+|by\s+)?{_YEAR}$"), "y"),
    (re.compile(rf"\b(?:in|of|since|during)\s+{_YEAR}\b"), "y"),
]


@lru_cache(maxsize=4096)  # a pure function of its arguments; an article asks for one phrase many times
def normalise_date(text: str, article_date: _dt.date | None, future: bool = False) -> Literal | None:
    """The ``xsd:date``/``gYearMonth``/``gYear``/``gMonthDay`` literal a date phrase states, or None.

    A phrase without a year names the latest such day on or before the article date, or with
    ``future`` (a planned event: "a rally on June 12", "on Saturday") the first one on or after it.

    Example:
        >>> from datetime import date
        >>> str(normalise_date("on Thursday", date(2024, 5, 20)))   # a Monday
        '2024-05-16'
        >>> str(normalise_date("December 2024", None)), str(normalise_date("in 2019", None))
        ('2024-12', '2019')
        >>> str(normalise_date("on June 12", date(2024, 5, 20), future=True))
        '2024-06-12'
    """
    phrase = " ".join(text.lower().replace("’", "'").split())
    if not phrase:
        return None
    relative = _relative(phrase, article_date, future)
    if relative is not None or _is_relative(phrase):
        return relative
    for regex, kind in _PATTERNS:
        m = regex.search(phrase)
        if not m:
            continue
        got = _absolute(m, kind, phrase, article_date, future)
        if got is not None:
            return got
    return None


def _absolute(m: re.Match, kind: str, phrase: str, ref: _dt.date | None, future: bool = False) -> Literal | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else MONTHS.get(groups.get("mon") or "")
    if kind == "y":
        return Literal(groups["year"], datatype=XSD.gYear)
    if month is None:
        return None
    if groups.get("mon") == "may" and kind == "m" and not re.search(r"\b(?:in|of|since|early|late|mid|last|next)[\s-]+may\b", phrase):
        return None  # the modal verb "may"
    if kind == "ym":
        return Literal(f"{int(groups['year']):04d}-{month:02d}", datatype=XSD.gYearMonth)
    if kind == "m":
        year = _month_year(month, "next" if future else phrase, ref)
        return None if year is None else Literal(f"{year:04d}-{month:02d}", datatype=XSD.gYearMonth)
    day = int(groups["day"])
    if kind == "ymd":
        return _date_literal(int(groups["year"]), month, day)
    if ref is None:
        return Literal(f"--{month:02d}-{day:02d}", datatype=XSD.gMonthDay) if 1 <= day <= 31 else None
    if future:
        for year in (ref.year, ref.year + 1):
            got = safe_date(year, month, day)
            if got is not None and got >= ref:
                return Literal(got.isoformat(), datatype=XSD.date)
    for year in (ref.year + 1, ref.year, ref.year - 1):
        got = safe_date(year, month, day)
        if got is not None and got <= ref + _LOOKAHEAD:
            return Literal(got.isoformat(), datatype=XSD.date)
    return None


def _month_year(month: int, phrase: str, ref: _dt.date | None) -> int | None:
    if ref is None:
        return None
    if re.search(r"\bnext\b", phrase):
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


_REL_WORDS = re.compile(r"\b(?:today|tonight|yesterday|week|month|year|weekend|ago|"
                        + "|".join(WEEKDAYS) + r")\b")


def _is_relative(phrase: str) -> bool:
    return bool(_REL_WORDS.search(phrase)) and not re.search(r"\b\d{4}\b", phrase) and not any(
        re.search(rf"\b{m}\b", phrase) for m in MONTHS if len(m) > 3)


def _relative(phrase: str, ref: _dt.date | None, future: bool = False) -> Literal | None:
    if not _is_relative(phrase) or ref is None:
        return None
    day = None
    if re.search(r"\b(?:today|tonight|this morning|this evening)\b", phrase):
        day = ref
    elif re.search(r"\byesterday\b", phrase):
        day = ref - _dt.timedelta(days=1)
    elif re.search(r"\b(?:last|past|previous) weekend\b", phrase):  # the weekend before the one the date is in
        sunday = ref - _dt.timedelta(days=ref.weekday() + 1)
        return _month_of(sunday - _dt.timedelta(days=1), sunday)
    elif re.search(r"\b(?:last|past|previous) week\b", phrase):
        # no day is stated: the month, when the whole of last week (Monday to Sunday) lies in one
        monday = ref - _dt.timedelta(days=ref.weekday() + 7)
        return _month_of(monday, monday + _dt.timedelta(days=6))
    elif re.search(r"\bthis week\b", phrase) and not future:  # "earlier this week": Monday to the article date
        return _month_of(ref - _dt.timedelta(days=ref.weekday()), ref)
    elif re.search(r"\b(?:the|this) weekend\b", phrase) and not future:  # "at the weekend": the one just past
        sunday = ref - _dt.timedelta(days=(ref.weekday() + 1) % 7)
        return _month_of(sunday - _dt.timedelta(days=1), sunday)
    elif ago := _AGO.search(phrase):  # "two days ago"; "a week ago": that week's month
        n = int(ago.group(1)) if ago.group(1).isdigit() else _COUNTS[ago.group(1)]
        if ago.group(2) == "day":
            day = ref - _dt.timedelta(days=n)
        else:
            mid = ref - _dt.timedelta(days=7 * n)
            return _month_of(mid - _dt.timedelta(days=3), mid + _dt.timedelta(days=3))
    else:
        for name, wd in WEEKDAYS.items():
            if re.search(rf"\b{name}\b", phrase) and (future or re.search(r"\bnext\b", phrase)):
                day = ref + _dt.timedelta(days=(wd - ref.weekday()) % 7 or (7 if re.search(r"\bnext\b", phrase) else 0))
                break
            if re.search(rf"\b{name}\b", phrase):
                day = ref - _dt.timedelta(days=(ref.weekday() - wd) % 7)
                if re.search(r"\blast\b", phrase) and day == ref:
                    day -= _dt.timedelta(days=7)
                break
    if day is not None:
        return Literal(day.isoformat(), datatype=XSD.date)
    if re.search(r"\b(?:last|past|previous) month\b", phrase):
        first = ref.replace(day=1) - _dt.timedelta(days=1)
        return Literal(f"{first.year:04d}-{first.month:02d}", datatype=XSD.gYearMonth)
    if re.search(r"\bnext month\b", phrase):
        nxt = (ref.replace(day=28) + _dt.timedelta(days=5))
        return Literal(f"{nxt.year:04d}-{nxt.month:02d}", datatype=XSD.gYearMonth)
    if re.search(r"\bthis month\b", phrase):
        return Literal(f"{ref.year:04d}-{ref.month:02d}", datatype=XSD.gYearMonth)
    if re.search(r"\b(?:last|past|previous) year\b", phrase):
        return Literal(f"{ref.year - 1:04d}", datatype=XSD.gYear)
    if re.search(r"\bnext year\b", phrase):
        return Literal(f"{ref.year + 1:04d}", datatype=XSD.gYear)
    if re.search(r"\bthis year\b", phrase):
        return Literal(f"{ref.year:04d}", datatype=XSD.gYear)
    return None


def _month_of(first: _dt.date, last: _dt.date) -> Literal | None:
    """The month of a stretch of days that lies within one month, else None."""
    if (first.year, first.month) != (last.year, last.month):
        return None
    return Literal(f"{first.year:04d}-{first.month:02d}", datatype=XSD.gYearMonth)


def safe_date(year: int, month: int, day: int) -> _dt.date | None:
    """The date, or None when there is no such day ("31 February").

    >>> safe_date(2024, 2, 29), safe_date(2023, 2, 29)
    (datetime.date(2024, 2, 29), None)
    """
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _date_literal(year: int, month: int, day: int) -> Literal | None:
    got = safe_date(year, month, day)
    return None if got is None else Literal(got.isoformat(), datatype=XSD.date)


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
_AGO = re.compile(r"\b(\d{1,2}|" + "|".join(_COUNTS) + r")\s+(day|week)s?\s+ago\b")
_OFFSET_BODY = (
    r"(?:(?P<n>\d{1,3}|" + "|".join(_COUNTS) + r")\s+(?P<unit>day|week|month)s?\s+(?P<dir>later|afterwards|after|earlier|before)"
    r"|the\s+(?P<rel>next|following|previous|preceding|same)\s+(?P<unit2>day|week|month)"
    r"|the\s+(?P<rel3>next|following)\s+(?:morning|afternoon|evening|night)"
    r"|(?:later\s+)?that\s+(?P<that>day|morning|afternoon|evening|night)"
    r"|the\s+day\s+(?P<dir2>after|before)"
    r"|(?:(?:more|less)\s+than\s+|about\s+|some\s+|only\s+|just\s+)?(?:a\s+few|several|a\s+couple\s+of|an|\d{1,2}|"
    + "|".join(_COUNTS) + r")?\s*(?P<hours>hours?|minutes?)\s+(?:later|afterwards|after|earlier|before))")
_OFFSET = re.compile("^" + _OFFSET_BODY + "$")
_OFFSET_ANY = re.compile(r"(?<![\w-])" + _OFFSET_BODY + r"(?![\w-])")


def date_offset(text: str) -> tuple[int, str] | None:
    """A date stated as an offset from the event told just before it: (signed count, unit) or None.

    Example:
        >>> date_offset("Two days later"), date_offset("a month later"), date_offset("the previous day")
        ((2, 'day'), (1, 'month'), (-1, 'day'))
        >>> date_offset("the same day"), date_offset("two days"), date_offset("last month")
        ((0, 'day'), None, None)
        >>> date_offset("Some five hours later"), date_offset("hours later"), date_offset("five hours")
        ((0, 'day'), (0, 'day'), None)
    """
    m = _OFFSET.match(" ".join(text.lower().split()))
    return _offset(m) if m else None


def offsets_in(text: str) -> list[tuple[int, int, tuple[int, str]]]:
    """(start, end, offset) of every offset phrase :func:`date_offset` reads inside a longer text, for the
    phrases the named-entity model misses or cuts ("The following day, ...", "fined her two days later").

    Example:
        >>> offsets_in("The following day, a court fined her. She was freed later that night.")
        [(0, 17, (1, 'day')), (52, 68, (0, 'day'))]
    """
    return [(m.start(), m.end(), _offset(m)) for m in _OFFSET_ANY.finditer(text.lower())]


MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
              r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
"""A month's name as written in running text, capitalized, whole or cut ("January", "Jan", "Sept"), no group."""
_DAY_IN_TEXT = re.compile(rf"(?<![\w-])(?:{MONTH_NAME}\.?\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?"
                          rf"|[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME}(?:,?\s+(?:19|20)\d\d)?)(?![\w-])")


def days_in(text: str) -> list[tuple[int, int]]:
    """(start, end) of every day written with its month name in a text ("January 6, 2021", "6 May"), for the
    dates the named-entity model leaves out.

    Example:
        >>> text = "He was held in the early hours of January 6, 2021, and freed on 8 Jan."
        >>> [text[a:b] for a, b in days_in(text)]
        ['January 6, 2021', '8 Jan']
    """
    return [(m.start(), m.end()) for m in _DAY_IN_TEXT.finditer(text)]


def _offset(m: re.Match) -> tuple[int, str]:
    if m.group("that") or m.group("hours"):
        return 0, "day"  # "later that night", "three hours later": the same day
    if m.group("rel3"):
        return 1, "day"  # "the next morning"
    if m.group("n"):
        n = int(m.group("n")) if m.group("n").isdigit() else _COUNTS[m.group("n")]
        return (-n if m.group("dir") in ("earlier", "before") else n), m.group("unit")
    if m.group("rel"):
        sign = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[m.group("rel")]
        return sign, m.group("unit2")
    return (1 if m.group("dir2") == "after" else -1), "day"


def shift_date(base: Literal, offset: tuple[int, str]) -> Literal | None:
    """``base`` moved by ``offset`` (from :func:`date_offset`), keeping what the base states: a day moves by
    days, weeks or months; a month (``gYearMonth``) moves only by months. None when it cannot say.

    Example:
        >>> from datetime import date
        >>> str(shift_date(Literal("2022-04-02", datatype=XSD.date), (2, "day")))
        '2022-04-04'
        >>> str(shift_date(Literal("2020-10", datatype=XSD.gYearMonth), (1, "month")))
        '2020-11'
        >>> shift_date(Literal("2020-10", datatype=XSD.gYearMonth), (3, "day")) is None
        True
    """
    n, unit = offset
    text = str(base)
    if base.datatype == XSD.date:
        day = _dt.date.fromisoformat(text)
        if unit in ("day", "week"):
            got = day + _dt.timedelta(days=n * (7 if unit == "week" else 1))
            return Literal(got.isoformat(), datatype=XSD.date)
        y, m = divmod(day.year * 12 + day.month - 1 + n, 12)
        return Literal(f"{y:04d}-{m + 1:02d}", datatype=XSD.gYearMonth)
    if base.datatype == XSD.gYearMonth and unit == "month":
        year, month = int(text[:4]), int(text[5:7])
        y, m = divmod(year * 12 + month - 1 + n, 12)
        return Literal(f"{y:04d}-{m + 1:02d}", datatype=XSD.gYearMonth)
    return None
