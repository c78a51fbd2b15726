"""Remove page furniture (breadcrumbs, "SEE ALSO" links, bylines, ...) from article text.

The line patterns are data: ``rules/furniture.jsonl`` holds one JSON object per line,
``{"id": "furniture.see_also.v1", "pattern": "<regex>", "comment": "...",
"examples": [...], "keep": [...]}``. A pattern must match a *whole* line (after
stripping surrounding spaces), so it cannot cut into a sentence. ``examples`` are
lines the rule must remove and ``keep`` lines it must leave; both are checked when
the file loads. A named group ``author`` or ``date`` in a pattern hands what it
caught to the reader (bylines, "Published:" lines).

Example:
    >>> strip_furniture("SEE ALSO: Other story\\nPolice detained two activists.")
    'Police detained two activists.'
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.errors import RuleError

from newsgraph.text.data import jsonl_objects, rule_text

__all__ = ["FurnitureRule", "load_furniture_rules", "strip_furniture", "split_furniture",
           "FURNITURE_FIELDS"]

#: What a furniture pattern may capture through a named group.
FURNITURE_FIELDS = frozenset({"author", "date"})
_REQUIRED = {"id": str, "pattern": str, "comment": str}
_OPTIONAL = {"examples": list, "keep": list}
_ID = re.compile(r"furniture\.[a-z0-9_]+\.v\d+")
_BULLET_LINE = re.compile(r"\s*[•·▪◦‣*>›»-]\s*.*")


@dataclass(frozen=True)
class FurnitureRule:
    """One line pattern: ``regex`` must match a whole stripped line."""

    id: str
    regex: re.Pattern
    comment: str
    examples: tuple[str, ...] = field(default=())
    keep: tuple[str, ...] = field(default=())

    def matches(self, line: str) -> re.Match | None:
        return self.regex.fullmatch(line.strip())


def _parse_rule(obj, where: str) -> FurnitureRule:
    if not isinstance(obj, dict):
        raise RuleError(f"{where}: expected a JSON object")
    for key, kind in _REQUIRED.items():
        if not isinstance(obj.get(key), kind) or not obj[key]:
            raise RuleError(f"{where}: field {key!r} missing or not a non-empty string")
    unknown = set(obj) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if not _ID.fullmatch(obj["id"]):
        raise RuleError(f"{where}: id {obj['id']!r} is not like 'furniture.<name>.v1'")
    try:
        regex = re.compile(obj["pattern"])
    except re.error as exc:
        raise RuleError(f"{where}: pattern does not compile ({exc})") from None
    if set(regex.groupindex) - FURNITURE_FIELDS:
        raise RuleError(f"{where}: named groups may only be {sorted(FURNITURE_FIELDS)}")
    if regex.fullmatch(""):
        raise RuleError(f"{where}: pattern matches an empty line")
    lists = {}
    for key in _OPTIONAL:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleError(f"{where}: field {key!r} must be a list of strings")
        lists[key] = tuple(value)
    rule = FurnitureRule(obj["id"], regex, obj["comment"], lists["examples"], lists["keep"])
    for line in rule.examples:
        if not rule.matches(line):
            raise RuleError(f"{where}: pattern does not match its example {line!r}")
    for line in rule.keep:
        if rule.matches(line):
            raise RuleError(f"{where}: pattern matches a line it must keep {line!r}")
    return rule


def load_furniture_rules(path: str | os.PathLike | None = None) -> list[FurnitureRule]:
    """Load and validate furniture rules (the packaged ``rules/furniture.jsonl`` by default).

    Raises :class:`RuleError` naming ``file:line`` for a malformed line, a missing
    field, a pattern that does not compile or that fails its own examples.

    Example:
        >>> rules = load_furniture_rules()
        >>> any(r.id == "furniture.see_also.v1" for r in rules)
        True
    """
    if path is None:
        name = "rules/furniture.jsonl"
        text = rule_text("rules", "furniture.jsonl")
    else:
        name = str(path)
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(f"{name}: cannot read rule file ({exc})") from None
    rules: list[FurnitureRule] = []
    seen: set[str] = set()
    for where, obj in jsonl_objects(text, name, comments=False):
        rule = _parse_rule(obj, where)
        if rule.id in seen:
            raise RuleError(f"{where}: duplicate id {rule.id!r}")
        seen.add(rule.id)
        rules.append(rule)
    return rules


@lru_cache(maxsize=1)
def _default_rules() -> tuple[FurnitureRule, ...]:
    return tuple(load_furniture_rules())


def _is_crumb(line: str, rules) -> bool:
    return any(r.matches(line) for r in rules if r.id.startswith("furniture.breadcrumb"))


def split_furniture(text: str, rules=None) -> tuple[str, dict[str, str]]:
    """Remove furniture lines; return the text and what bylines/date lines gave away.

    A breadcrumb trail at the top (bullet lines that open with a "Home" or ">" crumb)
    is dropped whole, except its last crumb, which pages repeat as the headline.
    Blank lines are kept so paragraphs survive.

    Example:
        >>> split_furniture("By Ann Example, Reuters\\nPolice detained two activists.")
        ('Police detained two activists.', {'author': 'Ann Example'})
    """
    rules = _default_rules() if rules is None else rules
    lines = text.split("\n")
    found: dict[str, str] = {}
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip() and _BULLET_LINE.fullmatch(lines[end]):
        end += 1
    crumbs = lines[start:end]
    if len(crumbs) >= 2 and _is_crumb(crumbs[0], rules):
        lines[start:end - 1] = []          # keep the last crumb: it may be the headline
    kept = []
    in_list, listed = False, 0   # inside the link list under a "Related" / "Read also:" heading
    for line in lines:
        if in_list:
            if not line.strip():
                in_list = listed == 0
            elif _LINK_TITLE.fullmatch(line.strip()) and not any(r.matches(line) for r in rules):
                listed += 1
                continue
            else:
                in_list = False
        if line.strip():
            hit = next(((r, m) for r, m in ((r, r.matches(line)) for r in rules) if m), None)
            if hit:
                rule, match = hit
                for key, value in match.groupdict().items():
                    if value and key not in found:
                        found[key] = " ".join(value.split())
                if rule.id in _LIST_HEADINGS:
                    in_list, listed = True, 0
                continue
        kept.append(line)
    return "\n".join(kept), found


#: Rules whose line heads a list of links: the short title lines under it go too.
_LIST_HEADINGS = frozenset({"furniture.link_heading.v1"})
#: A linked headline: capitalised, at most 20 words, no closing sentence punctuation or quote.
_LINK_TITLE = re.compile(r"[•·▪*-]?\s*[A-Z0-9][^\n]{0,160}(?<![.!?:;,\"”'’])(?<=\S)")


def strip_furniture(text: str, rules=None) -> str:
    """Remove page-furniture lines from ``text`` (see :func:`split_furniture`).

    Example:
        >>> strip_furniture("Advertisement\\nBy Tuesday, police had detained 20 people.")
        'By Tuesday, police had detained 20 people.'
    """
    return split_furniture(text, rules)[0]
