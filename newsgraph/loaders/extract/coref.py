"""What coreference needs to know about a name and a pronoun, shared by events and ties.

One gender-by-name table (``gazetteers/gender_suffixes.tsv``), one reading of it
(:func:`gender_of`), and the gender of each personal pronoun (:data:`PRONOUN_GENDER`):
the event roles and the ties both use these to keep "she" from standing for a man.

Example:
    >>> gender_of("Anna Petrova"), gender_of("Ivan Sokolov"), gender_of("Aigerim Nurlanqyzy"), gender_of("Jane Roe")
    ('female', 'male', 'female', None)
    >>> pronoun_agrees("her", "Ivan Sokolov"), pronoun_agrees("her", "Jane Roe"), pronoun_agrees("they", "Ivan Sokolov")
    (False, True, True)
"""
from __future__ import annotations

from functools import lru_cache

from newsgraph.errors import RuleError
from newsgraph.text.data import read_tsv
from newsgraph.text.names import ascii_lower

from .entity_lookup import PERSON_PRONOUNS, REFLEXIVE_PRONOUNS

__all__ = ["gender_of", "pronoun_gender", "pronoun_agrees", "PRONOUN_GENDER"]

PRONOUN_GENDER = {w: ("female" if w.startswith("her") or w == "she" else "male")
                  for w in PERSON_PRONOUNS | REFLEXIVE_PRONOUNS}
"""Personal pronoun -> the gender it refers to (he/him/his/himself male, she/her/hers/herself female)."""

_MIN_STEM = 3  # letters left before the ending: "Ilov" is no "-ov" surname
_MIN_NAME = 5


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, str], ...]:
    """(ending, gender) of gazetteers/gender_suffixes.tsv, longest endings first."""
    rows = []
    for gender, ending, *_ in read_tsv("gender_suffixes.tsv", 2):
        gender, ending = gender.strip(), ending.strip().lower()
        if gender not in ("female", "male") or not ending.isascii() or not ending.isalpha():
            raise RuleError(f"gazetteers/gender_suffixes.tsv: bad row {gender!r} {ending!r} "
                            "(want female|male, TAB, an ASCII ending)")
        rows.append((ending, gender))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=4096)
def gender_of(name: str) -> str | None:
    """``"female"`` or ``"male"`` when the last word of a person's name has a gendered ending, else None."""
    last = (ascii_lower(name).split() or [""])[-1]
    if len(last) < _MIN_NAME:
        return None
    for ending, gender in _endings():
        if last.endswith(ending) and len(last) - len(ending) >= _MIN_STEM:
            return gender
    return None


def pronoun_gender(word: str) -> str | None:
    """The gender a personal pronoun refers to, or None (plural, relative, not a pronoun)."""
    return PRONOUN_GENDER.get(word.lower())


def pronoun_agrees(word: str, name: str) -> bool:
    """Can pronoun ``word`` stand for the person called ``name``? Only a name of the other gender says no."""
    want = pronoun_gender(word)
    got = gender_of(name) if want else None
    return want is None or got is None or got == want
