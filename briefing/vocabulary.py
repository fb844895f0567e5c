"""The controlled vocabularies the extractor speaks: sector ids and official-title ids.

In: nothing (module constants) or a piece of English/French/Vietnamese text.
Out: sector ids (``trade``, ``investment``...) and title ids (``ambassador``, ``mayor``...).

The ids are stable keys.  Sector labels live in ``locales/glossary.toml``; official
titles live in one table, ``briefing/data/lexicon/titles.toml`` (forms and vi/fr/en
labels together), read here for the extractor and by ``briefing.glossary`` for the
localiser, so the two classify a role the same way.  ``SECTOR_IDS`` and ``TITLE_IDS``
list every id the extractor can output.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .text import strip_marks

# id -> surface keywords (lower case, matched as whole words; en, fr, vi).  The longest
# keyword wins, so "renewable energy" is renewable_energy, not energy.  The ids are the
# keys of the [sectors] table of locales/glossary.toml.
SECTOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    "trade": ("trade", "export", "exports", "import", "imports", "shipments", "market access",
              "trade fair", "trade fairs", "commerce", "thương mại", "xuất khẩu",
              "échanges commerciaux"),
    "investment": ("investment", "investments", "investor", "investors", "invest", "co-investing",
                   "fdi", "đầu tư", "investissement", "investissements"),
    "economy": ("economy", "economic", "business", "businesses", "enterprises", "kinh tế",
                "doanh nghiệp", "économie", "économique", "entreprises"),
    "smes": ("smes", "sme", "small and medium-sized enterprises", "pme"),
    "education": ("education", "educational", "training", "vocational training", "scholarships",
                  "giáo dục", "đào tạo", "éducation", "formation"),
    "higher_education": ("higher education", "university", "universities", "lecturers",
                         "enseignement supérieur", "đại học"),
    "students": ("students", "student", "student exchanges", "sinh viên", "du học sinh",
                 "étudiants", "étudiant"),
    "research": ("research", "r&d", "researchers", "research and development", "nghiên cứu",
                 "recherche"),
    "culture": ("culture", "cultural", "art exhibitions", "heritage", "culinary", "cuisine",
                "văn hóa", "culturel", "culturelle"),
    "tourism": ("tourism", "tourists", "tourist", "du lịch", "tourisme"),
    "sport": ("sport", "sports", "athletes", "athletics", "cycling", "swimming", "martial arts",
              "thể thao", "sportif", "sportifs"),
    "community": ("vietnamese community", "overseas vietnamese", "diaspora", "community",
                  "communities", "cộng đồng", "kiều bào", "communauté"),
    "consular": ("consular", "visa", "visas", "citizen protection", "lãnh sự", "consulaire"),
    "science_technology": ("science", "scientific", "technology", "technologies", "high-tech",
                           "high technology", "quantum", "technology transfer", "khoa học",
                           "công nghệ", "technologie"),
    "innovation": ("innovation", "đổi mới sáng tạo"),
    "startups": ("startup", "startups", "start-up", "start-ups", "incubator", "incubators",
                 "khởi nghiệp"),
    "digital": ("digital", "digital transformation", "information technology", "automation",
                "software", "chuyển đổi số", "numérique"),
    "ai": ("artificial intelligence", "ai", "trí tuệ nhân tạo", "intelligence artificielle"),
    "semiconductors": ("semiconductor", "semiconductors", "chip", "chips", "bán dẫn",
                       "semi-conducteurs"),
    "energy": ("energy", "energy security", "năng lượng", "énergie", "énergétique"),
    "renewable_energy": ("renewable energy", "renewables", "clean energy", "solar", "wind power",
                         "năng lượng tái tạo", "énergie renouvelable", "énergies renouvelables"),
    "nuclear": ("nuclear", "nuclear power", "nuclear energy", "điện hạt nhân", "nucléaire"),
    "energy_transition": ("energy transition", "electric batteries", "transition énergétique",
                          "chuyển đổi năng lượng"),
    "health": ("health", "health care", "healthcare", "vaccine", "vaccines", "cancer research",
               "biomedical", "medical", "nursing", "y tế", "santé"),
    "pharmaceuticals": ("pharmaceuticals", "pharmaceutical", "dược phẩm", "pharmaceutique"),
    "biotechnology": ("biotechnology", "biotech", "công nghệ sinh học", "biotechnologies"),
    "agriculture": ("agriculture", "agricultural", "farming", "farmers", "rice", "dairy",
                    "nông nghiệp", "agricole"),
    "agrifood": ("agri-food", "food processing", "agroalimentaire", "chế biến thực phẩm"),
    "seafood": ("seafood", "fisheries", "fishing", "aquaculture", "thủy sản", "pêche",
                "produits de la mer"),
    "wine": ("wine", "wines", "vin", "vins", "rượu vang"),
    "logistics": ("logistics", "supply chain", "supply chains", "logistique"),
    "ports": ("port", "ports", "seaport", "port infrastructure", "maritime transport", "maritime",
              "maritime economy", "cảng", "cảng biển", "portuaire"),
    "transport": ("transport", "transportation", "rail", "mobility", "metro", "airports",
                  "aviation", "direct flights", "giao thông", "mobilité"),
    "infrastructure": ("infrastructure", "infrastructures", "hạ tầng", "cơ sở hạ tầng"),
    "urban": ("urban development", "urban management", "smart city", "urban upgrading",
              "phát triển đô thị", "développement urbain"),
    "industry": ("industry", "industrial", "manufacturing", "mechanical engineering", "electronics",
                 "công nghiệp", "industrie"),
    "automotive": ("automotive", "automobiles", "automobile", "ô tô"),
    "aerospace": ("aerospace", "aeronautics", "hàng không vũ trụ", "aéronautique"),
    "textiles": ("textiles", "textile", "garment", "garments", "footwear", "sportswear",
                 "fashion", "dệt may"),
    "environment": ("environment", "environmental", "ecological", "green industry", "green growth",
                    "sustainable development", "môi trường", "environnement"),
    "climate": ("climate", "climate change", "coastal erosion", "saltwater intrusion",
                "carbon neutrality", "net zero", "rising sea levels", "biến đổi khí hậu", "climat",
                "climatique"),
    "defence": ("defence", "defense", "defence-security", "security", "quốc phòng", "an ninh",
                "défense"),
    "diplomacy": ("diplomacy", "diplomatic", "dialogue mechanisms", "ngoại giao", "diplomatie"),
    "decentralised": ("decentralised cooperation", "decentralized cooperation", "twinning",
                      "sister city", "sister-city", "locality-to-locality", "hợp tác địa phương",
                      "coopération décentralisée", "jumelage"),
    "human_resources": ("human resource", "human resources", "workforce", "labour", "labor",
                        "workers", "apprentices", "nguồn nhân lực", "lao động",
                        "ressources humaines"),
    "migration": ("migration", "migration management", "di cư", "migrations"),
    "finance": ("finance", "financial", "banking", "official development assistance", "oda",
                "tài chính", "financier"),
}

SECTOR_IDS: tuple[str, ...] = tuple(SECTOR_KEYWORDS)

# Official titles: one table (briefing/data/lexicon/titles.toml) for the extractor and
# the glossary.  Title id -> the forms an article writes before or after a name.
TITLES_FILE = Path(__file__).resolve().parent / "data" / "lexicon" / "titles.toml"


@dataclass(frozen=True)
class Title:
    id: str
    labels: Mapping[str, str]  # vi, fr, en; fr_f, en_f where a woman's title differs
    forms: tuple[str, ...]  # written before or after a name (lower case)
    role_forms: tuple[str, ...] = ()  # only classify a role already found


@lru_cache(maxsize=1)
def _title_table() -> tuple[dict[str, Title], tuple[str, ...]]:
    """(title id -> Title, unlabelled title words), read once; a broken file is an error."""
    try:
        data = tomllib.loads(TITLES_FILE.read_text(encoding="utf-8"))
        titles = {tid: Title(tid, _labels(entry), tuple(entry["forms"]),
                             tuple(entry.get("role_forms", ())))
                  for tid, entry in data["titles"].items()}
        return titles, tuple(data["unlabelled"])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{TITLES_FILE}: cannot read the title table ({exc!r})") from exc


def _labels(entry: Mapping[str, object]) -> dict[str, str]:
    """vi, fr, en (required) and the feminine forms the title has (fr_f, en_f)."""
    labels = {lang: str(entry[lang]) for lang in ("vi", "fr", "en")}
    return labels | {key: str(entry[key]) for key in ("vi_f", "fr_f", "en_f") if key in entry}


def titles() -> dict[str, Title]:
    """Every official title the briefing knows, by id."""
    return _title_table()[0]


TITLE_KEYWORDS: dict[str, tuple[str, ...]] = {tid: t.forms for tid, t in titles().items()}
TITLE_IDS: tuple[str, ...] = tuple(titles())

# Words that make a title before a name but have no label of their own in the briefing
# (heads of state and government, diplomats' ranks): used to find people, never output.
OTHER_TITLE_WORDS: tuple[str, ...] = _title_table()[1]


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


_WORD = re.compile(r"[^\W_]+(?:[-&][^\W_]+)*")


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


def fold_title(text: str) -> str:
    """Lower case without diacritics (đ -> d): how titles and roles are compared."""
    return strip_marks(text).lower()


@lru_cache(maxsize=1)
def _title_index() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every form and role form, folded, longest first, as one pattern; form -> title id.
    A form stands between non-letters ("Minister-President" is one form, "Vice-Governor"
    holds "governor")."""
    owner = {fold_title(kw): t.id for t in titles().values() for kw in (*t.forms, *t.role_forms)}
    alternatives = "|".join(re.escape(w) for w in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])"), owner


@lru_cache(maxsize=4096)
def title_id(role: str | None) -> str | None:
    """The title id of an official's role as written ("Prefect of X" -> prefect): the form
    that starts earliest, the longest on a tie; None when no form is in it.  The extractor
    and the glossary both classify with this one function."""
    if not role:
        return None
    pattern, owner = _title_index()
    match = pattern.search(fold_title(role))
    return owner[match.group(0)] if match else None


def title_surface_forms() -> list[str]:
    """Every surface form of every title, longest first (for building name patterns)."""
    forms = {kw for kws in TITLE_KEYWORDS.values() for kw in kws} | set(OTHER_TITLE_WORDS)
    return sorted(forms, key=len, reverse=True)


# English labels, used only for the English summary sentence the extractor writes.
SECTOR_LABELS_EN: dict[str, str] = {
    "science_technology": "science and technology", "defence": "defence and security",
    "decentralised": "decentralised cooperation", "ai": "artificial intelligence",
    "smes": "SMEs", "urban": "urban development", "agrifood": "agri-food",
    "human_resources": "human resources", "nuclear": "nuclear power",
}


def english_label(sector_id: str) -> str:
    """Return a plain English label for `sector_id` (for the summary sentence)."""
    return SECTOR_LABELS_EN.get(sector_id, sector_id.replace("_", " "))
