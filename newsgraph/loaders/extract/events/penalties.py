"""Penalties of a sentence as the text states them, with days and fine amounts for sorting.

"15 days of administrative arrest", "five years in prison", "a three-year
suspended sentence", "life in prison", "fine of 50,000 soms" ("fined X 30,000
roubles" reads as a fine). Terms count years × 365, months × 30, weeks × 7
days (``ng:penaltyDays``); fines give ``ng:penaltyAmount`` and the ISO 4217
code of their currency (``rules/event_currencies.jsonl``) as ``ng:penaltyCurrency``.

Example:
    >>> [(p.text, p.days) for p in find_penalties("sentenced to 15 days of administrative arrest")]
    [('15 days of administrative arrest', 15)]
    >>> [(p.text, p.amount, p.currency) for p in find_penalties("fined him 30,000 roubles")]
    [('fine of 30,000 roubles', '30000', 'RUB')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.text.data import read_jsonl_rules

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "sixty": 60}
"""Number words up to sixty (penalties, counts of people)."""

__all__ = ["Penalty", "find_penalties", "currency_code", "NUMBERS"]

_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_TERM = re.compile(
    rf"\b(?:(?P<low>{_NUM})\s*(?:to|-|–|and)\s*)?(?P<n>{_NUM})(?P<half> and a half)?[- ](?P<unit>day|week|month|year)s?(?: and (?P<n2>{_NUM}) (?P<unit2>day|week|month)s?)?(?![- ]old)(?:[- ]long)?"
    r"(?P<rest> (?:suspended |prison |jail |custodial |restricted freedom |probation(?:ary)? )?(?:sentence|term)"
    r"| (?:in|of) (?:prison|jail|administrative arrest|arrest|a penal colony|a prison colony|(?:a )?(?:strict|general|maximum)[- ]security (?:penal |prison )?colony|imprisonment|house arrest|restricted freedom|correctional labou?r|forced labou?r|probation)"
    r"| behind bars| of community service)?", re.I)
_UNIT = re.compile(r"day|week|month|year|life", re.I)
_LIFE = re.compile(r"\blife (?:in prison|imprisonment|sentence|in jail|behind bars)\b", re.I)


@dataclass
class Penalty:
    """One penalty phrase: its wording, days (terms), amount and currency (fines), offsets in the text."""

    text: str
    days: int | None
    amount: str | None
    currency: str | None
    start: int
    end: int


@lru_cache(maxsize=1)
def _currencies() -> tuple[tuple[str, str], ...]:
    rules = read_jsonl_rules("event_currencies.jsonl", required=("id", "code", "words"), regex_fields=())
    pairs = [(w.lower(), r["code"]) for r in rules for w in r["words"]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def currency_code(word: str) -> str | None:
    """The ISO 4217 code of a currency word ("soms" -> "KGS"), or None.

    >>> currency_code("Tenges"), currency_code("Belarusian rubles"), currency_code("shells")
    ('KZT', 'BYN', None)
    """
    w = " ".join(word.lower().split())
    return next((code for form, code in _currencies() if form == w), None)


@lru_cache(maxsize=1)
def _amount_re() -> re.Pattern:
    forms = "|".join(re.escape(f) for f, _ in _currencies() if f not in ("$", "€"))
    return re.compile(rf"(?P<pre>[$€])?(?P<amount>\d{{1,3}}(?:[,\s]\d{{3}})+|\d+(?:\.\d+)?)(?: (?P<mult>thousand|million))?"
                      rf"(?: (?P<cur>{forms}))?\b", re.I)


def _fines(text: str) -> list[Penalty]:
    out = []
    for m in re.finditer(r"\b(?:fine[sd]?|fining|pay)\b", text, re.I):
        window_end = min(len(text), m.end() + 120)  # "fined X, editor of the Y newspaper, 145,840 tenge"
        for a in _amount_re().finditer(text, m.end(), window_end):
            cur = a.group("cur") or a.group("pre")
            if not cur:
                continue
            amount = re.sub(r"[,\s]", "", a.group("amount"))
            mult = {"thousand": 1000, "million": 1_000_000}.get((a.group("mult") or "").lower(), 1)
            if mult != 1:
                amount = str(int(float(amount) * mult))
            shown = f"{a.group('amount')} {a.group('mult') + ' ' if a.group('mult') else ''}{cur}".replace("$ ", "$")
            out.append(Penalty(f"fine of {shown}", None, amount, currency_code(cur) or cur, m.start(), a.end()))
            break
    return out


def _number(word: str) -> float:
    """A count as written: "3", "2.5" or a number word of :data:`NUMBERS` ("three")."""
    word = word.lower()
    return float(word) if re.fullmatch(r"[\d.]+", word) else NUMBERS[word]


def find_penalties(text: str, offset: int = 0) -> list[Penalty]:
    """The penalties stated in ``text`` (character offsets shifted by ``offset``), in text order."""
    out = _fines(text)
    maybe = _UNIT.search(text) is not None  # every term names its unit ("years") or is "life ..."
    for m in (_TERM.finditer(text) if maybe else ()):
        before = text[max(0, m.start() - 14):m.start()].lower()
        if m.group("low") and re.search(r"\bbetween\s+$", before):
            before = text[max(0, m.start() - 22):m.start() - len("between ")].lower()  # "to between 12 and 18 years"
        if re.search(r"\b(?:after|before|within|in|since|over|past|last|first|next)\s+$", before):
            continue  # "after two weeks in custody": a time, not a penalty
        if not m.group("rest") and not re.search(r"\b(?:to|for|serve|serving|served|of|gets?|got|received?|given|handed|an?|faces?|up to|term,|sentence,)\s+$", before):
            continue  # "the longest term, eight years," names the term; "term," and "sentence," open an apposition
        if re.search(r"\bup to\s+$", before):
            continue  # "faces up to seven years": a maximum, not a penalty
        num = _number(m.group("n")) + (0.5 if m.group("half") else 0)
        days = int(round(num * _UNIT_DAYS[m.group("unit").lower()]))
        if m.group("n2"):  # "four years and two months"
            days += int(round(_number(m.group("n2")) * _UNIT_DAYS[m.group("unit2").lower()]))
        start = m.start()
        if m.group("low") and text[max(0, start - 8):start].lower() == "between ":
            start -= 8
        out.append(Penalty(text[start:m.end()], days, None, None, start, m.end()))
    for m in (_LIFE.finditer(text) if maybe else ()):
        out.append(Penalty(m.group(0), None, None, None, m.start(), m.end()))
    out.sort(key=lambda p: p.start)
    return [Penalty(p.text, p.days, p.amount, p.currency, p.start + offset, p.end + offset) for p in out]
