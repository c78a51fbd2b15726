"""The tie patterns (``rules/tie_patterns.jsonl``): loaded once, each checked against its shape and the
ontology, and the word sets and look-ups the tie reader derives from them.

Example:
    >>> "leader" in tie_words("role")
    True
"""
from __future__ import annotations

from functools import lru_cache

from newsgraph.errors import RuleError
from newsgraph.ontology import NG
from newsgraph.ontology.terms import instances, subproperties
from newsgraph.text.data import read_jsonl_rules

__all__ = ["RULES_FILE", "check_rule", "tie_rules", "tie_words", "tie_properties", "derived", "rule_index"]


RULES_FILE = "rules/tie_patterns.jsonl"



_NEEDS = {"role": ("words", "object", "property"), "verb": ("words", "object", "property", "links"),
          "joint": ("words", "property"), "support": ("words", "governors", "preps", "property"),
          "of_phrase": ("words", "property"), "org_possessor": ("property",), "title_org": ("property",),
          "modifier": ("words", "replace"), "founding": ("words", "property"),
          "org_part": ("words",), "speech": ("words",),
          "group": ("anaphor", "numbers"), "modality": ("words", "modality"),
          "claim": ("words", "preps", "claims", "property"), "relation": ("words", "preps", "property")}



@lru_cache(maxsize=1)
def tie_properties() -> dict[str, str]:
    """Property name -> "person" or "org": every ng:memberOf / ng:linkedTo sub-property of the ontology."""
    out = {}
    for top, kind in ((NG.memberOf, "org"), (NG.linkedTo, "person")):
        for p in subproperties(top):
            out[str(p).rsplit("#", 1)[-1]] = kind
    return out



@lru_cache(maxsize=1)
def _modalities() -> frozenset[str]:
    return frozenset(str(m).rsplit("#", 1)[-1] for m in instances(NG.Modality))



def check_rule(rule: dict) -> dict:
    """Validate one tie pattern (shape, fields, properties, kinds, modality); return it or raise RuleError.

    Example:
        >>> check_rule({"id": "x.v1", "shape": "role", "words": ["boss"], "object": "org", "property": "lawyerOf"})
        Traceback (most recent call last):
        ...
        newsgraph.errors.RuleError: rules/tie_patterns.jsonl: x.v1: lawyerOf ties a person to a person, not a person to a org
    """
    props = tie_properties()
    where = f"{RULES_FILE}: {rule['id']}"
    shape = rule["shape"]
    if shape not in _NEEDS:
        raise RuleError(f"{where}: unknown shape {shape!r}")
    missing = [f for f in _NEEDS[shape] if f not in rule]
    if missing:
        raise RuleError(f"{where}: shape {shape!r} needs field(s) {', '.join(missing)}")
    named = [rule["property"]] if "property" in rule else []
    named += [p for pair in rule.get("replace", {}).items() for p in pair]
    named += [rule["named_property"]] if "named_property" in rule else []
    for p in named:
        if p not in props:
            raise RuleError(f"{where}: {p!r} is not ng:memberOf, ng:linkedTo or a sub-property of them")
    for key, allowed in (("object", ("person", "org")), ("subject", ("person", "org")),
                         ("direction", ("holder", "relatum")), ("tie_subject", ("subject", "object"))):
        if key in rule and rule[key] not in allowed:
            raise RuleError(f"{where}: {key!r} must be one of {', '.join(allowed)}")
    if shape in ("role", "verb"):
        sides = (rule.get("subject", "person"), rule["object"])
        if rule.get("tie_subject", "subject") == "object":
            sides = sides[::-1]
        if sides != ("person", props[rule["property"]]):
            raise RuleError(f"{where}: {rule['property']} ties a person to a {props[rule['property']]}, "
                            f"not a {sides[0]} to a {sides[1]}")
    if "modality" in rule and rule["modality"] not in _modalities():
        raise RuleError(f"{where}: unknown modality {rule['modality']!r}")
    for link in rule.get("links", ()):
        if link not in ("dobj", "agent") and not link.startswith("prep:"):
            raise RuleError(f"{where}: bad link {link!r} (dobj, agent or prep:WORD)")
    return rule



@lru_cache(maxsize=1)
def tie_rules() -> dict[str, tuple[dict, ...]]:
    """The tie patterns of ``rules/tie_patterns.jsonl`` by shape, each checked by :func:`check_rule`.

    Example:
        >>> any(r["id"] == "tie.leader_of.role.v1" for r in tie_rules()["role"])
        True
    """
    by_shape: dict[str, list[dict]] = {s: [] for s in _NEEDS}
    for rule in read_jsonl_rules("tie_patterns.jsonl", required=("id", "shape"), regex_fields=()):
        by_shape[check_rule(rule)["shape"]].append(rule)
    return {k: tuple(v) for k, v in by_shape.items()}



def tie_words(shape: str, field: str = "words") -> frozenset[str]:
    return _words_of(tie_rules(), shape, field)



_DERIVED: dict = {}  # ("words", ...) / ("index",) -> value, for the tie_rules() object in _DERIVED["rules"]



def derived(key: tuple, make):
    """A value computed from the tie rules once, not per article (recomputed if the rules reload)."""
    rules = tie_rules()
    if _DERIVED.get("rules") is not rules:
        _DERIVED.clear()
        _DERIVED["rules"] = rules
    if key not in _DERIVED:
        _DERIVED[key] = make(rules)
    return _DERIVED[key]



def _words_of(rules, shape: str, field: str) -> frozenset[str]:
    return derived(("words", shape, field),
                    lambda rules: frozenset(w.lower() for r in rules[shape] for w in r.get(field, ())))



def rule_index(rules) -> dict:
    """The look-ups :class:`_Finder` needs, built from the rules once."""
    role_words: dict[str, list[dict]] = {}
    for r in rules["role"]:
        for w in r["words"]:
            role_words.setdefault(w.lower(), []).append(r)
    # every lower-case token that can start a role, verb, joint, support or claim reading: a role
    # word or what follows a hyphen in one ("founder" of "co-founder"), a verb, a support or claim word
    cue_words = {k[p:] for k in role_words for p in range(len(k)) if p == 0 or k[p - 1] == "-"}
    for shape in ("verb", "joint"):
        cue_words |= tie_words(shape)
    cue_words |= {w for shape in ("support", "claim", "relation") for r in rules[shape] for w in r["words"]}
    return {"role_words": role_words, "cue_words": frozenset(cue_words),
            "modifiers": [(frozenset(w.lower() for w in r["words"]), r["replace"]) for r in rules["modifier"]],
            "verbs": [(r, frozenset(w.lower() for w in r["words"])) for r in rules["verb"]],
            "joints": [(r, frozenset(w.lower() for w in r["words"])) for r in rules["joint"]]}
