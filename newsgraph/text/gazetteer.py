"""The gazetteer: known places, well-known organizations, and the word lists the
entity rules consult (demonyms, titles, surname endings, generic organization words),
all loaded once from the data files in ``gazetteers/`` and ``rules/``.

Example:
    >>> g = gazetteer()
    >>> g.place("Nur-Sultan")[0], g.org("OSCE"), g.is_demonym("Kyrgyz")
    ('Astana', 'Organization for Security and Co-operation in Europe', True)
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import metadata

from . import data, names
from .disk_cache import cached_json, source_bytes
from .names import ascii_lower, fold
from .wordsearch import alternation

__all__ = ["Gazetteer", "gazetteer", "ministry_form"]


class Gazetteer:
    """Places and well-known organizations, looked up by folded name."""

    def __init__(self) -> None:
        self._country_regex: re.Pattern | None = None
        self.place_by_key: dict[str, tuple[str, str]] = {k: (name, ident) for k, (name, ident) in _place_index().items()}
        self.org_words = set(data.read_lines("org_words.tsv"))
        self.demonyms = {fold(d) for d in data.demonyms()}
        self.org_by_key: dict[str, str] = {}
        self.org_cands: dict[str, list[tuple[str, str]]] = {}  # folded form -> [(name, country)] of every body
        free_forms = set()
        for name, aliases, country in data.bodies():
            for form in [name, *aliases]:
                self.org_cands.setdefault(fold(form), []).append((name, country))
                if not country or not self.is_generic(form):  # "National Security Committee" needs its country
                    self.org_by_key.setdefault(fold(form), name)
                    free_forms.add(form)
        forms = sorted(free_forms, key=len, reverse=True)
        self.org_regex = re.compile(r"(?<![\w/])" + alternation(forms) + r"(?![\w/])")
        self.title_words = data.titles()
        self.titles = sorted((t.split() for t in data.titles()), key=len, reverse=True)
        self.titles_by_first: dict[str, list[list[str]]] = {}  # first word -> titles, in ``titles`` order
        for t in self.titles:
            self.titles_by_first.setdefault(t[0], []).append(t)
        self.one_word_titles = frozenset(t[0] for t in self.titles if len(t) == 1)
        self.suffixes = data.name_suffixes()
        self.patronymic_endings = tuple(sorted(data.read_lines("patronymic_endings.tsv"), key=len, reverse=True))
        self.org_heads = frozenset(data.read_lines("org_heads.tsv"))
        self.local_body_words = frozenset(fold(w) for w in data.read_lines("local_body_words.tsv"))
        self.media_words = frozenset(data.read_lines("media_words.tsv"))
        self.lead_words = frozenset(data.read_lines("lead_words.tsv"))
        self.not_names = {w.lower() for w in data.read_lines("not_names.tsv")}
        self.given_names = frozenset(fold(w) for w in data.read_lines("given_names.tsv"))
        self.given_name_endings = tuple(data.read_lines("given_name_endings.tsv"))
        self.patronymic_particles = frozenset(w.lower() for w in data.read_lines("patronymic_particles.tsv"))
        self.not_entities = frozenset(fold(w) for w in data.read_lines("not_entities.tsv"))
        self.slogan_words = frozenset(data.read_lines("slogan_words.tsv"))
        self.patterns = [(r, re.compile(r["pattern"])) for r in data.read_jsonl_rules(
            "entity_patterns.jsonl", required=("id", "kind", "group", "pattern"))]
        self.line_rules = frozenset(r["id"] for r, _ in self.patterns if r.get("own_line"))  # not weak in a caption
        self.cues = [(r, re.compile(r["after"]) if "after" in r else None,
                      re.compile(r["before"]) if "before" in r else None)
                     for r in data.read_jsonl_rules("type_cues.jsonl", required=("id", "kind"),
                                                    regex_fields=("after", "before"))]

    @property
    def country_regex(self) -> re.Pattern:
        """Every country's name and alias ("Uzbekistan", "U.S."), as whole words, case-sensitively."""
        if self._country_regex is None:
            forms = sorted({f for name, kind, _c, _g, _p, aliases in data.places() if kind == "country"
                            for f in [name, *aliases.split("|")] if f and f[:1].isupper()}, key=len, reverse=True)
            self._country_regex = re.compile(r"(?<![\w.-])" + alternation(forms) + r"(?!\w|\.\w)")
        return self._country_regex

    def place(self, name: str) -> tuple[str, str] | None:
        """(canonical name, id) of a known place, or None: a place spelt exactly so first ("Fujian" is the
        province, though it folds as the city Fuyang does), else one whose name folds alike. A word in
        capitals of up to five letters is an acronym unless a place is spelt so: "ANI" is no spelling of
        "Anyi".

        Example:
            >>> gazetteer().place("ANI"), gazetteer().place("OSH")[0]
            (None, 'Osh')
        """
        exact = self.place_by_key.get("=" + ascii_lower(name))
        if exact or (name.isupper() and len(name) <= 5):
            return (exact[0], exact[1]) if exact else None
        hit = next(
            (self.place_by_key[k] for k in sorted(names.fold_keys(name), key=len, reverse=True) if k in self.place_by_key), None)
        return (hit[0], hit[1]) if hit else None

    def region(self, name: str) -> tuple[str, str] | None:
        """(canonical name, id) of a known region (province, oblast) of that name, or None:
        "the Akmola region" is the region even where a city had the name.

        Example:
            >>> gazetteer().region("Akmola")[0], gazetteer().place("Akmola")[0]
            ('Aqmola', 'Astana')
        """
        hit = _region_index().get(fold(name))
        return (hit[0], hit[1]) if hit else None

    def org(self, name: str) -> str | None:
        """The canonical name of a known body of that name, or None (a short name several countries'
        bodies share, "National Security Committee", only with :meth:`org_in`)."""
        return self.org_by_key.get(fold(name))

    def org_in(self, name: str, country: str | None) -> str | None:
        """The known body of that name in an article about ``country`` (ISO code, or None when unknown):
        that country's body first, then a body of no country; None when the name is only other
        countries' ("Interior Ministry" in an article about a fourth country).

        Example:
            >>> g = gazetteer()
            >>> g.org_in("National Security Committee", "KG"), g.org_in("National Security Committee", "KZ")
            ('State Committee for National Security of Kyrgyzstan', 'National Security Committee')
        """
        cands = self.org_cands.get(fold(name))
        if not cands:
            return None
        if not self.is_generic(name):
            return self.org(name) or cands[0][0]  # "Kyrgyz Interior Ministry" names its country
        if not country:
            return self.org(name)  # a shared short name in an article of no clear country: no one body
        for want in (country, ""):
            for n, c in cands:
                if c == want:
                    return n
        return None

    def is_generic(self, form: str) -> bool:
        """Whether a body's name is made of generic words only ("National Security Committee", "Interior
        Ministry"): many countries' bodies are called so."""
        words = re.findall(r"[\w'’-]+", form)
        return bool(words) and all(w in self.org_words or w.lower() in _FUNCTION or w in _GENERIC_EXTRA for w in words)

    def is_demonym(self, text: str) -> bool:
        parts = [p for p in re.split(r"[-\s]+", text) if p]
        return bool(parts) and all(fold(p) in self.demonyms for p in parts) or fold(text) in self.demonyms

    def is_patronymic(self, word: str) -> bool:
        """Whether a word has the shape of a patronymic ("Sergeyevna", "Toktogulovich", "Nurlanuly").

        Example:
            >>> gazetteer().is_patronymic("Sergeyevna"), gazetteer().is_patronymic("Petrova")
            (True, False)
        """
        w = ascii_lower(word)
        return word[:1].isupper() and any(w.endswith(e) and len(w) - len(e) >= 3 for e in self.patronymic_endings)

    def is_given_name(self, word: str) -> bool:
        """Whether a word is a common given name of the regions read (``gazetteers/given_names.tsv``),
        any romanisation ("Maxim", "Maksim"), or has the ending of one (``given_name_endings.tsv``: "Nurzhan").

        Example:
            >>> gazetteer().is_given_name("Maxim"), gazetteer().is_given_name("Ministry")
            (True, False)
            >>> gazetteer().is_given_name("Temirzhan"), gazetteer().is_given_name("Uzbek")
            (True, False)
        """
        if not word[:1].isupper():
            return False
        if fold(word) in self.given_names:
            return True
        low = word.lower()
        return low.isalpha() and any(low.endswith(e) and len(low) - len(e) >= 3 for e in self.given_name_endings) \
            and not self.place(word) and not self.is_demonym(word)

    def looks_like_surname(self, word: str) -> bool:
        w = ascii_lower(word).replace(" ", "")
        return len(w) > 4 and any(w.endswith(s) and len(w) - len(s) >= 3 for s in self.suffixes)


_FUNCTION = frozenset({"of", "for", "the", "and", "on", "in"})
_GENERIC_EXTRA = frozenset({"Investigative", "Intelligence", "Constitutional", "Electoral", "Elections", "Internal",
                            "Staff", "Armed", "Forces", "Guard", "Army", "Military", "Penitentiary", "Anti-Corruption",
                            "Financial", "Main", "Directorate", "Ministry", "Prosecutor's", "Procuracy", "Judiciary"})


def _saint_forms(forms: list[str]) -> list[str]:
    """The forms with "Saint" also written "St" and "St." (news writes "St Petersburg", the
    place list "Saint Petersburg"), so the most populous place of the name wins either way.

    >>> _saint_forms(["Saint Petersburg", "Leningrad"])
    ['Saint Petersburg', 'Leningrad', 'St Petersburg', 'St. Petersburg']
    """
    extra = [f"{short} {form[6:]}" for form in forms if form.startswith("Saint ") for short in ("St", "St.")]
    return forms + [f for f in extra if f not in forms]


def _build_place_index() -> dict[str, list]:
    """Folded name form -> [name, id] of the best place of that name (country, then city, then
    region; the most populous)."""
    out: dict[str, list] = {}
    for name, kind, country, gid, pop, aliases in data.places():
        ident = f"{kind}:{country}:{gid or fold(name)}"
        rank = {"country": 3, "city": 2, "region": 1}.get(kind, 0)
        for form in _saint_forms([name, *[a for a in aliases.split("|") if a]]):
            score = [rank, int(pop or 0)]
            for k in (fold(form), "=" + ascii_lower(form)):  # folded, and spelt exactly ("=fujian")
                old = out.get(k)
                if k and k != "=" and (old is None or score > old[2]):
                    out[k] = [name, ident, score]
    return {k: v[:2] for k, v in out.items()}


def _place_index() -> dict[str, list]:
    """:func:`_build_place_index`, kept on disk between runs (:mod:`~newsgraph.text.disk_cache`):
    the key covers the place list, the transliteration rules and the code that folds."""
    try:
        anyascii_version = metadata.version("anyascii")
    except metadata.PackageNotFoundError:
        anyascii_version = "?"
    inputs = [data.file_bytes("gazetteers", "places.tsv"), data.file_bytes("rules", "transliteration.jsonl"),
              source_bytes(names), source_bytes(data), source_bytes(sys.modules[__name__]), anyascii_version.encode()]
    return cached_json("places", inputs, _build_place_index, valid=lambda v: isinstance(v, dict))


@lru_cache(maxsize=1)
def _region_index() -> dict[str, tuple[str, str]]:
    """Folded name form -> (name, id) of the most populous region of that name."""
    out: dict[str, tuple[str, str, int]] = {}
    for name, kind, country, gid, pop, aliases in data.places():
        if kind != "region":
            continue
        for form in [name, *[a for a in aliases.split("|") if a]]:
            k = fold(form)
            if k and (k not in out or int(pop or 0) > out[k][2]):
                out[k] = (name, f"{kind}:{country}:{gid or fold(name)}", int(pop or 0))
    return {k: v[:2] for k, v in out.items()}


_MINISTRY_OF = re.compile(r"^Ministry of (.+?)(\s+of\s+.+)?$")


@lru_cache(maxsize=1)
def _ministry_words() -> dict[str, str]:
    return {row[0]: row[1] for row in data.read_tsv("ministry_names.tsv", 2)}


def ministry_form(name: str) -> str | None:
    """The "X Ministry" form of a "Ministry of X" name, or None.

    Example:
        >>> ministry_form("Ministry of Internal Affairs"), ministry_form("Ministry of Justice of Kazakhstan")
        ('Interior Ministry', 'Justice Ministry of Kazakhstan')
    """
    m = _MINISTRY_OF.match(name.strip())
    if not m:
        return None
    what = _ministry_words().get(m.group(1), m.group(1))
    return f"{what} Ministry{m.group(2) or ''}"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (loaded once)."""
    return Gazetteer()
