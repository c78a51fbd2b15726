"""Load the rule and gazetteer data files shipped beside the loaders.

Every file is validated when it loads; a malformed line raises
:class:`~newsgraph.errors.RuleError` naming the file and line.

Example:
    >>> rules = read_jsonl_rules("transliteration.jsonl", required=("id", "pattern", "replace"))
    >>> rules[0]["id"]
    'translit.dzh.v1'
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from ..errors import RuleError

__all__ = ["read_jsonl_rules", "read_lines", "read_tsv", "places", "organizations", "bodies", "demonyms",
           "titles", "name_suffixes", "file_bytes", "jsonl_objects", "rule_text"]

_PKG = "newsgraph"
_FOLDER = ("loaders", "extract")
"""Where the rule and gazetteer files are: found from the top package, so that reading one (the
transliteration rules, for a name look-up) does not import the loaders."""


def rule_text(folder: str, name: str) -> str:
    """The text of the packaged file ``FOLDER/NAME`` (``rules`` or ``gazetteers``)."""
    return _text(folder, name)


def jsonl_objects(text: str, source: str, comments: bool = True) -> Iterator[tuple[str, object]]:
    """``(where, value)`` for every non-blank line of a JSON-lines rule text, ``where`` being
    ``SOURCE:LINE``; ``comments``: skip lines starting with ``#``. A line that is not JSON raises
    :class:`RuleError` naming its place.

    Example:
        >>> list(jsonl_objects('{"id": "a"}\\n\\n# note\\n[1]', "x.jsonl"))
        [('x.jsonl:1', {'id': 'a'}), ('x.jsonl:4', [1])]
        >>> list(jsonl_objects("{oops", "x.jsonl"))
        Traceback (most recent call last):
        ...
        newsgraph.errors.RuleError: x.jsonl:1: not valid JSON (Expecting property name enclosed in double quotes)
    """
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or comments and line.lstrip().startswith("#"):
            continue
        where = f"{source}:{n}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(f"{where}: not valid JSON ({exc.msg})") from None
        yield where, value


def _text(folder: str, name: str) -> str:
    try:
        return resources.files(_PKG).joinpath(*_FOLDER, folder, name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{folder}/{name}: cannot read rule file ({exc})") from None


def file_bytes(folder: str, name: str) -> bytes:
    """The raw bytes of ``FOLDER/NAME`` (``rules`` or ``gazetteers``), e.g. for a cache key."""
    try:
        return resources.files(_PKG).joinpath(*_FOLDER, folder, name).read_bytes()
    except OSError as exc:
        raise RuleError(f"{folder}/{name}: cannot read rule file ({exc})") from None


@lru_cache(maxsize=None)
def read_jsonl_rules(name: str, required: tuple[str, ...] = ("id",), regex_fields: tuple[str, ...] = ("pattern",)) -> list[dict]:
    """Rules from ``rules/NAME``: one JSON object per line, each with the ``required`` fields.

    Fields named in ``regex_fields`` must compile as regular expressions; ids must be unique.
    """
    out, ids = [], set()
    for where, obj in jsonl_objects(_text("rules", name), f"rules/{name}"):
        if not isinstance(obj, dict):
            raise RuleError(f"{where}: a rule must be a JSON object")
        missing = [f for f in required if f not in obj]
        if missing:
            raise RuleError(f"{where}: missing field(s) {', '.join(missing)}")
        if obj["id"] in ids:
            raise RuleError(f"{where}: duplicate id {obj['id']!r}")
        ids.add(obj["id"])
        for f in regex_fields:
            if f in obj:
                try:
                    re.compile(obj[f])
                except re.error as exc:
                    raise RuleError(f"{where}: bad regular expression in {f!r} ({exc})") from None
        out.append(obj)
    return out


@lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-empty lines of ``gazetteers/NAME``."""
    return tuple(l.strip() for l in _text("gazetteers", name).splitlines()
                 if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=None)
def read_tsv(name: str, min_fields: int = 1) -> tuple[tuple[str, ...], ...]:
    rows = []
    for n, line in enumerate(_text("gazetteers", name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(line.rstrip("\n").split("\t"))
        if len(fields) < min_fields or not fields[0].strip():
            raise RuleError(f"gazetteers/{name}:{n}: expected at least {min_fields} tab-separated fields")
        rows.append(fields)
    return tuple(rows)


def places():
    """Rows ``(name, kind, country, geonameid, population, aliases)`` of the place gazetteer."""
    return read_tsv("places.tsv", 6)


def organizations():
    return read_tsv("organizations.tsv", 1)


@lru_cache(maxsize=None)
def bodies() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """Every known body ``(name, aliases, country)``: ``organizations.tsv`` (well-known bodies) then
    ``regional_bodies.tsv`` (the regions' bodies, with their country's ISO code)."""
    out = []
    for file in ("organizations.tsv", "regional_bodies.tsv"):
        for row in read_tsv(file, 1):
            aliases = tuple(a for a in (row[1] if len(row) > 1 else "").split("|") if a)
            out.append((row[0], aliases, row[2].strip() if len(row) > 2 else ""))
    return tuple(out)


def demonyms() -> frozenset[str]:
    return frozenset(read_lines("demonyms.tsv"))


def titles() -> frozenset[str]:
    return frozenset(t.lower() for t in read_lines("titles.tsv"))


def name_suffixes() -> tuple[str, ...]:
    return tuple(sorted(set(read_lines("name_suffixes.tsv")), key=len, reverse=True))
