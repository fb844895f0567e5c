"""Gazetteer: countries, nationality adjectives and first/second-level subdivisions.

In: capitalised phrases found in an article.  Out: `Place` records (ISO 3166 country,
subdivision code, level) from pycountry, plus the English exonyms news prose uses
("Normandy" for Normandie, "Bavaria" for Bayern, "Lombardy" for Lombardia).
Everything is built once, lazily, from the data pycountry ships (no network).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry


@dataclass(frozen=True)
class Place:
    country: str  # ISO 3166-1 alpha-2
    name: str  # official name (pycountry)
    code: str | None  # ISO 3166-2 code, None for a country
    level: int  # 0 country, 1 region/province/Land, 2 department/province within a region


# Names used in English news for subdivisions whose ISO name is the local one.
EXONYMS: dict[str, str] = {
    "Normandy": "FR-NOR", "Brittany": "FR-BRE", "Burgundy-Franche-Comté": "FR-BFC",
    "Burgundy-Franche-Comte": "FR-BFC", "Corsica": "FR-20R", "Grand Est": "FR-GES",
    "Provence-Alpes-Côte d'Azur": "FR-PAC", "Provence-Alpes-Cote d'Azur": "FR-PAC",
    "Provence": "FR-PAC", "Pays de la Loire": "FR-PDL", "Centre-Val de Loire": "FR-CVL",
    "Ile-de-France": "FR-IDF", "Paris region": "FR-IDF", "New Aquitaine": "FR-NAQ",
    "Auvergne-Rhône-Alpes": "FR-ARA", "Occitania": "FR-OCC", "Reunion": "FR-974",
    "Bavaria": "DE-BY", "Lower Saxony": "DE-NI", "North Rhine-Westphalia": "DE-NW",
    "Rhineland-Palatinate": "DE-RP", "Saxony": "DE-SN", "Saxony-Anhalt": "DE-ST",
    "Thuringia": "DE-TH", "Hesse": "DE-HE", "Mecklenburg-Western Pomerania": "DE-MV",
    "Mecklenburg-Vorpommern": "DE-MV", "Lombardy": "IT-25", "Piedmont": "IT-21",
    "Tuscany": "IT-52", "Sicily": "IT-82", "Sardinia": "IT-88", "Apulia": "IT-75",
    "Aosta Valley": "IT-23", "Friuli-Venezia Giulia": "IT-36", "Trentino-South Tyrol": "IT-32",
    "Hanoi": "VN-HN", "Ha Noi": "VN-HN", "Ho Chi Minh City": "VN-SG", "HCM City": "VN-SG",
    "Da Nang": "VN-DN", "Danang": "VN-DN", "Hai Phong": "VN-HP", "Haiphong": "VN-HP",
    "Can Tho": "VN-CT", "Thua Thien Hue": "VN-26", "Thua Thien-Hue": "VN-26", "Hue": "VN-26",
    "Ba Ria-Vung Tau": "VN-43", "Ba Ria - Vung Tau": "VN-43",
    "Upper Austria": "AT-4", "Lower Austria": "AT-3", "Styria": "AT-6", "Carinthia": "AT-2",
    "Tyrol": "AT-7", "Vienna": "AT-9", "Geneva": "CH-GE", "Zurich": "CH-ZH",
    "Wallonia": "BE-WAL", "Flanders": "BE-VLG", "Catalonia": "ES-CT", "Andalusia": "ES-AN",
    "Basque Country": "ES-PV", "North Holland": "NL-NH", "South Holland": "NL-ZH",
    "Seoul": "KR-11", "Busan": "KR-26", "Incheon": "KR-28", "Gyeonggi": "KR-41",
    "Central Bohemian Region": "CZ-20", "Central Bohemia": "CZ-20",
    "South Bohemian Region": "CZ-31", "South Bohemia": "CZ-31", "Plzeň Region": "CZ-32",
    "Karlovy Vary Region": "CZ-41", "Ústí nad Labem Region": "CZ-42", "Liberec Region": "CZ-51",
    "Hradec Králové Region": "CZ-52", "Pardubice Region": "CZ-53", "Vysočina Region": "CZ-63",
    "Vysočina": "CZ-63", "South Moravian Region": "CZ-64", "South Moravia": "CZ-64",
    "Olomouc Region": "CZ-71", "Zlín Region": "CZ-72", "Moravian-Silesian Region": "CZ-80",
    "Moravia-Silesia": "CZ-80", "Lesser Poland": "PL-12", "Greater Poland": "PL-30",
    "Lower Silesia": "PL-02", "Silesia": "PL-24", "Pomerania": "PL-22", "Masovia": "PL-14",
    "Brussels-Capital Region": "BE-BRU", "Walloon Region": "BE-WAL", "Flemish Region": "BE-VLG",
    "Jeju": "KR-49", "Daegu": "KR-27", "Gwangju": "KR-29", "Daejeon": "KR-30", "Ulsan": "KR-31",
    "North Brabant": "NL-NB", "Friesland": "NL-FR", "Valencian Community": "ES-VC",
    "Castile and León": "ES-CL", "Castile and Leon": "ES-CL", "Castile-La Mancha": "ES-CM",
    "Balearic Islands": "ES-IB", "Canary Islands": "ES-CN", "Navarre": "ES-NC",
    "Lisbon": "PT-11", "Azores": "PT-20", "Madeira": "PT-30", "East Flanders": "BE-VOV",
    "West Flanders": "BE-VWV", "Flemish Brabant": "BE-VBR", "Walloon Brabant": "BE-WBR",
    "Jeonbuk": "KR-45", "Jeonnam": "KR-46", "Gyeongbuk": "KR-47", "Gyeongnam": "KR-48",
    "Chungbuk": "KR-43", "Chungnam": "KR-44", "Inner Mongolia": "CN-NM", "Tibet": "CN-XZ",
    "Vientiane": "LA-VT", "Luang Prabang": "LA-LP", "Savannakhet": "LA-SV", "Khammouane": "LA-KH",
    "Oudomxay": "LA-OU", "Bokeo": "LA-BK", "Xieng Khouang": "LA-XI", "Houaphanh": "LA-HO",
    "Luang Namtha": "LA-LM", "Xayaboury": "LA-XA", "Sayaboury": "LA-XA", "Attapeu": "LA-AT",
    "Sekong": "LA-XE", "Phongsaly": "LA-PH", "Bolikhamxay": "LA-BL", "Champasak": "LA-CH",
    "Siem Reap": "KH-17", "Battambang": "KH-2", "Kampong Cham": "KH-3", "Sihanoukville": "KH-18",
    "Svay Rieng": "KH-20", "Takeo": "KH-21", "Kandal": "KH-8", "Koh Kong": "KH-9",
}

COUNTRY_ALIASES: dict[str, str] = {
    "Vietnam": "VN", "Viet Nam": "VN", "Việt Nam": "VN", "South Korea": "KR", "Korea": "KR",
    "Republic of Korea": "KR", "RoK": "KR", "North Korea": "KP", "UK": "GB", "Britain": "GB",
    "Great Britain": "GB", "US": "US", "USA": "US", "United States": "US", "Laos": "LA",
    "Russia": "RU", "Czech Republic": "CZ", "Czechia": "CZ", "the Netherlands": "NL",
    "Holland": "NL", "Taiwan": "TW", "Turkey": "TR", "Türkiye": "TR", "Iran": "IR", "Syria": "SY",
    "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Brunei": "BN",
    "Allemagne": "DE", "Italie": "IT", "Corée": "KR", "Đức": "DE", "Pháp": "FR", "Ý": "IT",
    "Hàn Quốc": "KR", "Nhật Bản": "JP", "Trung Quốc": "CN",
}

NATIONALITIES: dict[str, str] = {
    "Vietnamese": "VN", "French": "FR", "German": "DE", "Italian": "IT", "Korean": "KR",
    "South Korean": "KR", "Japanese": "JP", "Chinese": "CN", "British": "GB", "American": "US",
    "Spanish": "ES", "Belgian": "BE", "Swiss": "CH", "Dutch": "NL", "Australian": "AU",
    "Canadian": "CA", "Indian": "IN", "Thai": "TH", "Lao": "LA", "Laotian": "LA",
    "Cambodian": "KH", "Singaporean": "SG", "Indonesian": "ID", "Malaysian": "MY",
    "Philippine": "PH", "Russian": "RU", "Polish": "PL", "Czech": "CZ", "Hungarian": "HU",
    "Austrian": "AT", "Portuguese": "PT", "Swedish": "SE", "Danish": "DK", "Norwegian": "NO",
    "Finnish": "FI", "Luxembourg": "LU", "Irish": "IE", "Greek": "GR", "Cuban": "CU",
    "Français": "FR", "Française": "FR", "Vietnamien": "VN", "Vietnamienne": "VN",
}


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
