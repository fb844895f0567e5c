"""The controlled vocabularies the extractor speaks: sector ids and official-title ids.

In: nothing (module constants) or a piece of English/French/Vietnamese text.
Out: sector ids (``trade``, ``investment``...) and title ids (``ambassador``, ``mayor``...).

The ids are stable keys; their vi/fr/en labels live in ``locales/glossary.toml`` (built by
the localise stage).  ``SECTOR_IDS`` and ``TITLE_IDS`` list every id the extractor can
output, so a test can check that each one has a label in every edition language.
"""

from __future__ import annotations

import re
from functools import lru_cache

# id -> surface keywords (lower case, matched on word boundaries; en, fr, vi).
SECTOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    "trade": ("trade", "export", "exports", "import", "imports", "shipments", "market access",
              "trade fair", "trade fairs", "commerce", "thương mại", "xuất khẩu", "échanges commerciaux"),
    "investment": ("investment", "investments", "investor", "investors", "invest", "co-investing",
                   "fdi", "đầu tư", "investissement", "investissements"),
    "economy": ("economy", "economic", "business", "businesses", "enterprises", "smes",
                "kinh tế", "doanh nghiệp", "économie", "économique", "entreprises"),
    "education": ("education", "educational", "higher education", "students", "student",
                  "university", "universities", "training", "lecturers", "scholarships",
                  "giáo dục", "sinh viên", "đào tạo", "éducation", "étudiants", "formation"),
    "culture": ("culture", "cultural", "art exhibitions", "heritage", "culinary", "cuisine",
                "văn hóa", "culturel", "culturelle"),
    "energy": ("energy", "renewable energy", "clean energy", "energy transition", "nuclear",
               "electric batteries", "năng lượng", "énergie", "énergétique"),
    "health": ("health", "health care", "healthcare", "pharmaceuticals", "pharmaceutical",
               "vaccine", "vaccines", "cancer research", "biomedical", "y tế", "santé"),
    "agriculture": ("agriculture", "agricultural", "agri-food", "dairy", "farming", "wine",
                    "wines", "food processing", "nông nghiệp", "agricole", "agroalimentaire"),
    "fisheries": ("seafood", "fisheries", "fishing", "aquaculture", "thủy sản", "pêche"),
    "logistics": ("logistics", "supply chain", "seaport", "port infrastructure", "maritime transport",
                  "port", "logistique", "cảng"),
    "transport": ("transport", "transportation", "rail", "mobility", "metro", "airports",
                  "aviation", "giao thông", "mobilité"),
    "infrastructure": ("infrastructure", "infrastructures", "urban development", "urban management",
                       "hạ tầng", "cơ sở hạ tầng"),
    "industry": ("industry", "industrial", "manufacturing", "automotive", "automobiles",
                 "aerospace", "textiles", "footwear", "sportswear", "công nghiệp", "industrie"),
    "tourism": ("tourism", "tourists", "tourist", "du lịch", "tourisme"),
    "science_technology": ("science", "scientific", "technology", "technologies", "research",
                           "r&d", "biotechnology", "high-tech", "high technology", "quantum",
                           "technology transfer", "khoa học", "công nghệ", "recherche"),
    "innovation": ("innovation", "startup", "startups", "incubator", "incubators",
                   "đổi mới sáng tạo", "start-up"),
    "digital": ("digital", "digital transformation", "artificial intelligence", "information technology",
                "automation", "software", "chuyển đổi số", "numérique", "intelligence artificielle"),
    "semiconductors": ("semiconductor", "semiconductors", "chip", "chips", "bán dẫn", "semi-conducteurs"),
    "climate": ("climate", "climate change", "coastal erosion", "saltwater intrusion",
                "carbon neutrality", "net zero", "biến đổi khí hậu", "climat", "climatique"),
    "environment": ("environment", "environmental", "ecological", "green industry", "green growth",
                    "sustainable development", "môi trường", "environnement"),
    "sport": ("sport", "sports", "athletes", "athletics", "cycling", "swimming", "martial arts",
              "thể thao", "sportif", "sportifs"),
    "community": ("vietnamese community", "overseas vietnamese", "diaspora", "community",
                  "communities", "cộng đồng", "kiều bào", "communauté"),
    "consular": ("consular", "visa", "visas", "citizen protection", "lãnh sự", "consulaire"),
    "labour": ("human resource", "human resources", "workforce", "labour", "labor", "migration",
               "lao động", "nguồn nhân lực", "main-d'œuvre"),
    "defence_security": ("defence", "defense", "security", "quốc phòng", "an ninh", "défense"),
    "diplomacy": ("diplomacy", "diplomatic", "dialogue mechanisms", "ngoại giao", "diplomatie"),
    "decentralised_cooperation": ("decentralised cooperation", "decentralized cooperation",
                                  "twinning", "sister city", "sister-city", "locality-to-locality",
                                  "hợp tác địa phương", "coopération décentralisée", "jumelage"),
    "finance": ("finance", "financial", "banking", "tài chính", "financier"),
}

SECTOR_IDS: tuple[str, ...] = tuple(SECTOR_KEYWORDS)

# Title id -> surface forms (lower case).  Longest forms are tried first, so
# "vice president" wins over "president".
TITLE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "ambassador": ("ambassador", "ambassadeur", "ambassadrice", "đại sứ"),
    "consul_general": ("consul general", "consul-general", "consul général", "tổng lãnh sự"),
    "consul": ("consul", "lãnh sự"),
    "prefect": ("prefect", "préfet", "préfète"),
    "mayor": ("mayor", "maire", "thị trưởng", "lord mayor", "burgomaster", "bürgermeister",
              "oberbürgermeister", "sindaco"),
    "deputy_mayor": ("deputy mayor", "vice mayor", "vice-mayor", "adjoint au maire",
                     "adjointe au maire", "phó thị trưởng"),
    "governor": ("governor", "gouverneur", "thống đốc", "minister-president", "minister president"),
    "president": ("president", "président", "présidente", "presidente", "chủ tịch nước"),
    "vice_president": ("vice president", "vice-president", "vice-président", "vice-présidente",
                       "deputy president"),
    "chairman": ("chairman", "chairwoman", "chairperson", "chair", "chủ tịch"),
    "vice_chairman": ("vice chairman", "vice-chairman", "vice chairwoman", "deputy chairman",
                      "permanent vice chairman", "phó chủ tịch"),
    "secretary": ("secretary", "party secretary", "general secretary", "bí thư", "tổng bí thư"),
    "minister": ("minister", "ministre", "bộ trưởng"),
    "deputy_minister": ("deputy minister", "vice minister", "thứ trưởng", "ministre délégué"),
    "prime_minister": ("prime minister", "premier ministre", "thủ tướng"),
    "deputy_prime_minister": ("deputy prime minister", "phó thủ tướng"),
    "ceo": ("ceo", "chief executive", "chief executive officer", "pdg"),
    "general_director": ("general director", "director general", "director-general",
                         "managing director", "directeur général", "directrice générale",
                         "tổng giám đốc"),
    "director": ("director", "head", "directeur", "directrice", "giám đốc"),
    "regional_councillor": ("member of the regional council", "regional councillor",
                            "regional councilor", "conseiller régional", "conseillère régionale"),
    "councillor": ("member", "councillor", "councilor", "conseiller", "conseillère",
                   "city councillor"),
    "deputy": ("deputy", "député", "députée", "member of parliament", "mp", "đại biểu quốc hội"),
    "senator": ("senator", "sénateur", "sénatrice"),
    "chancellor": ("chancellor", "chancelier"),
    "rector": ("rector", "recteur", "hiệu trưởng", "dean", "doyen"),
    "attache": ("attaché", "attache", "counsellor", "counselor", "tham tán"),
}

TITLE_IDS: tuple[str, ...] = tuple(TITLE_KEYWORDS)


def _keyword_pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _sector_index() -> tuple[re.Pattern[str], dict[str, str]]:
    owner = {kw: sid for sid, kws in SECTOR_KEYWORDS.items() for kw in kws}
    return _keyword_pattern(list(owner)), owner


@lru_cache(maxsize=1)
def _title_index() -> tuple[re.Pattern[str], dict[str, str]]:
    owner = {kw: tid for tid, kws in TITLE_KEYWORDS.items() for kw in kws}
    return _keyword_pattern(list(owner)), owner


def sector_hits(text: str) -> list[tuple[str, int]]:
    """Return (sector id, character offset) for every sector keyword in `text`."""
    owner, firsts = _sector_ngrams(), _sector_first_words()
    words = [(m.group(0).lower(), m.start()) for m in _WORD.finditer(text)]
    hits: list[tuple[str, int]] = []
    i = 0
    while i < len(words):
        if words[i][0] not in firsts:
            i += 1
            continue
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(w for w, _ in words[i:i + n])
            if phrase in owner:
                hits.append((owner[phrase], words[i][1]))
                i += n - 1
                break
        i += 1
    return hits


_WORD = re.compile(r"[^\W_]+(?:[-&'][^\W_]+)*")


@lru_cache(maxsize=1)
def _sector_first_words() -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in _sector_ngrams())


@lru_cache(maxsize=1)
def _sector_ngrams() -> dict[str, str]:
    """Keyword (as lower-case words joined by spaces) -> sector id."""
    return {" ".join(m.group(0) for m in _WORD.finditer(kw)): sid
            for sid, kws in SECTOR_KEYWORDS.items() for kw in kws}


def sectors_in(text: str) -> list[str]:
    """Return the sector ids mentioned in `text`, in order of first mention."""
    return list(dict.fromkeys(sid for sid, _ in sector_hits(text)))


def title_id(role: str | None) -> str | None:
    """Return the title id of the first title keyword in `role` ("Mayor of X" -> mayor)."""
    if not role:
        return None
    pattern, owner = _title_index()
    match = pattern.search(role)
    return owner[match.group(0).lower()] if match else None


def title_surface_forms() -> list[str]:
    """Every surface form of every title, longest first (for building name patterns)."""
    forms = {kw for kws in TITLE_KEYWORDS.values() for kw in kws}
    return sorted(forms, key=len, reverse=True)


# English labels, used only for the English summary sentence the extractor writes.
SECTOR_LABELS_EN: dict[str, str] = {
    "science_technology": "science and technology",
    "defence_security": "defence and security",
    "decentralised_cooperation": "decentralised cooperation",
    "sport": "sport",
}


def english_label(sector_id: str) -> str:
    """Return a plain English label for `sector_id` (for the summary sentence)."""
    return SECTOR_LABELS_EN.get(sector_id, sector_id.replace("_", " "))
