"""Gazetteer: countries, nationality adjectives and first/second-level subdivisions.

In: capitalised phrases found in an article.  Out: `Place` records (ISO 3166 country,
subdivision code, level) from pycountry, plus the English exonyms news prose uses
("Normandy" for Normandie, "Bavaria" for Bayern, "Lombardy" for Lombardia).
Everything is built once, lazily, from the data pycountry ships (no network).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from . import lexicon


@dataclass(frozen=True)
class Place:
    country: str  # ISO 3166-1 alpha-2
    name: str  # official name (pycountry)
    code: str | None  # ISO 3166-2 code, None for a country
    level: int  # 0 country, 1 region/province/Land, 2 department/province within a region


# Names used in English news for subdivisions whose ISO name is the local one; other
# names of countries; nationality adjectives (briefing/data/lexicon/*.toml).
EXONYMS: Mapping[str, str] = lexicon.table("exonyms")
COUNTRY_ALIASES: Mapping[str, str] = lexicon.table("country_aliases")
NATIONALITIES: Mapping[str, str] = lexicon.table("nationalities")


@lru_cache(maxsize=1 << 16)  # the same phrases are looked up many times per article
def fold(text: str) -> str:
    """Lower case, no diacritics, đ -> d, hyphens and apostrophes -> spaces (same length)."""
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "-‐–’'":
        return " "
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """Lookup key: folded, single spaces."""
    return " ".join(fold(text).split())


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    places: dict[str, Place] = {}
    for sub in pycountry.subdivisions:
        level = 1 if sub.parent_code is None else 2
        place = Place(sub.country_code, sub.name, sub.code, level)
        # "Catalunya [Cataluña]": each spelling on its own
        names = {sub.name, sub.name.split(" (")[0], sub.name.split(" [")[0]}
        alternative = sub.name.split(" [")[1].rstrip("]") if " [" in sub.name else ""
        if alternative[:1].isupper():  # "Catalunya [Cataluña]"; not the note "[city]"
            names.add(alternative)
        names |= _written_forms(sub.name.split(" [")[0], sub.country_code)
        for name in names:
            current = places.get(key(name))
            if current is None or current.level > level:
                places[key(name)] = place
    for name, code in EXONYMS.items():
        sub = pycountry.subdivisions.get(code=code)
        if sub is not None:
            places[key(name)] = Place(sub.country_code, sub.name, sub.code,
                                      1 if sub.parent_code is None else 2)
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            places[key(name)] = Place(country.alpha_2, name, None, 0)
    for name, code in COUNTRY_ALIASES.items():
        places[key(name)] = Place(code, name, None, 0)
    return places


# Korean provinces are romanised with a suffix ("Gyeongsangnam-do") that news drops
# and translates ("South Gyeongsang"): nam = south, buk = north.
_KR_SUFFIX = ("-do", "-gwangyeoksi", "-teukbyeolsi", "-teukbyeoljachido")


def _written_forms(name: str, country: str) -> set[str]:
    """Other ways news writes an ISO name: 'Valenciana, Comunidad' -> 'Comunidad Valenciana'
    and 'Valenciana'; 'Gyeongsangnam-do' -> 'Gyeongsangnam', 'South Gyeongsang'."""
    forms = set()
    if ", " in name:
        head, tail = name.split(", ", 1)
        forms |= {f"{tail} {head}", head}
    words = name.split()
    if country == "CN" and len(words) > 1:
        forms.add(words[0])  # "Guangxi Zhuangzu Zizhiqu", "Yunnan Sheng": Guangxi, Yunnan
    if words and words[-1] in ("län", "kraj", "oblast'", "kray"):
        forms.add(" ".join(words[:-1]).removesuffix("s"))  # "Skåne län": Skåne
    if country == "RU" and len(words) == 2 and words[1] in ("oblast'", "kray"):
        # "Primorskiy kray" -> "Primorsky Krai"; "Sverdlovskaya oblast'" -> "Sverdlovsk
        # Oblast"; "Kaliningradskaya oblast'" -> "Kaliningrad Oblast"
        stem = words[0]
        kind = "Krai" if words[1] == "kray" else "Oblast"
        for english in {stem.replace("skiy", "sky"), stem.removesuffix("aya"),
                        stem.removesuffix("skaya"), stem.removesuffix("iy"),
                        stem.removesuffix("skiy")}:  # "Krasnodarskiy kray" -> "Krasnodar Krai"
            forms |= {english, f"{english} {kind}"}
    if country == "KR" and name.endswith(_KR_SUFFIX):
        stem = name.rsplit("-", 1)[0]
        forms.add(stem)
        if stem.endswith(("nam", "buk")):
            side = "South" if stem.endswith("nam") else "North"
            forms.add(f"{side} {stem[:-3]}")
    return forms


def lookup(phrase: str) -> Place | None:
    """Return the place called `phrase` (any spelling with or without diacritics)."""
    return _index().get(key(phrase))


def lookup_in(phrase: str, country: str) -> Place | None:
    """The subdivision of `country` called `phrase`, when `lookup` found a namesake
    elsewhere ('Maryland' is a US state and a Liberian county)."""
    return _namesakes().get((key(phrase), country))


@lru_cache(maxsize=1)
def _namesakes() -> dict[tuple[str, str], Place]:
    found: dict[tuple[str, str], Place] = {}
    for sub in pycountry.subdivisions:
        level = 1 if sub.parent_code is None else 2
        name = sub.name.split(" [")[0].split(" (")[0]
        current = found.get((key(name), sub.country_code))
        if current is None or current.level > level:
            found[(key(name), sub.country_code)] = Place(sub.country_code, sub.name, sub.code, level)
    return found


def parent_code(code: str) -> str | None:
    """ISO code of the region a department or province belongs to ('FR-33' -> 'FR-NAQ')."""
    sub = pycountry.subdivisions.get(code=code)
    return getattr(sub, "parent_code", None) if sub is not None else None


def country_of(phrase: str) -> str | None:
    """Return the alpha-2 code if `phrase` names a country."""
    place = lookup(phrase)
    return place.country if place and place.level == 0 else None


def nationality(word: str) -> str | None:
    """Return the alpha-2 code of a nationality adjective ("Vietnamese" -> VN)."""
    return NATIONALITIES.get(word)
