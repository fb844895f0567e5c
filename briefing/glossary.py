"""The domain glossary (locales/glossary.toml): ids and place names to vi/fr/en labels.

In: a sector id, an official's role as the article wrote it, a place name.
Out: the label in the edition language.  Labels are curated, never machine-translated.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from . import resources
from .errors import InputError

SECTIONS = ("sectors", "titles", "organisation_types", "units", "places", "figure_kinds",
            "agreement_kinds", "agreement_actions")
LANGS = ("vi", "fr", "en")

# Role keywords (English and French) per title id.  The earliest keyword in the role wins,
# the longest on a tie, so "Vice President in charge of..." is vice_president, not president.
TITLE_KEYWORDS: Mapping[str, tuple[str, ...]] = {
    "deputy_ambassador": ("deputy ambassador", "ambassadeur adjoint"),
    "ambassador": ("ambassador", "ambassadeur", "ambassadrice"),
    "consul_general": ("consul general", "consul-general", "consul général", "consule générale"),
    "consul": ("consul",),
    "prefect": ("prefect", "préfet", "préfète"),
    "governor": ("governor", "gouverneur"),
    "deputy_mayor": ("deputy mayor", "vice mayor", "maire adjoint", "adjoint au maire", "adjointe au maire"),
    "mayor": ("mayor", "maire"),
    "president_cci": ("president of the chamber of commerce", "président de la chambre de commerce",
                      "president of the cci", "président de la cci"),
    "vice_president": ("vice president", "vice-president", "vice-président", "vice-présidente"),
    "regional_councillor": ("regional councillor", "regional councilor", "member of the regional council",
                            "conseiller régional", "conseillère régionale"),
    "council_member": ("council member", "member of the", "councillor", "conseiller", "conseillère"),
    "vice_chairman_peoples_committee": ("vice chairman of the people's committee",
                                        "vice chairwoman of the people's committee"),
    "chairman_peoples_committee": ("chairman of the people's committee",
                                   "chairwoman of the people's committee"),
    "vice_chairman": ("vice chairman", "vice chairwoman", "vice-chairman"),
    "chairman": ("chairman", "chairwoman", "chair of"),
    "party_secretary": ("party secretary", "secretary of the", "party committee secretary"),
    "deputy_minister": ("deputy minister", "vice minister", "vice-ministre"),
    "minister": ("minister", "ministre"),
    "senator": ("senator", "sénateur", "sénatrice"),
    "member_of_parliament": ("member of parliament", "mp ", "député", "députée", "deputy of the national assembly"),
    "ceo": ("ceo", "chief executive"),
    "general_director": ("general director", "director general", "director-general", "directeur général",
                         "directrice générale", "managing director"),
    "director": ("director", "directeur", "directrice"),
    "rector": ("rector", "recteur", "rectrice", "vice-chancellor"),
    "president": ("president", "président", "présidente"),
    "head": ("head of", "head", "chief"),
    "leaders": ("leaders", "leadership", "dirigeants"),
    "representative": ("representative", "représentant", "représentante"),
}

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def strip_marks(text: str) -> str:
    """`text` without diacritics, case kept: 'Đinh Toàn Thắng' -> 'Dinh Toan Thang'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text: str) -> str:
    """Lower-case `text` without diacritics (đ -> d): the key for names and places."""
    return strip_marks(text).lower().strip()


@functools.cache
def load(path: Path | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """Read and check the glossary; a broken entry is an error naming the file and key."""
    path = path or resources.locales_dir() / "glossary.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read glossary ({exc})") from exc
    for section in SECTIONS:
        for key, labels in data.get(section, {}).items():
            _check_entry(path, f"{section}.{key}", labels)
    return data


def _check_entry(path: Path, where: str, labels: object) -> None:
    if not isinstance(labels, dict) or set(labels) != set(LANGS):
        raise InputError(f"{path}: {where} must have exactly vi, fr and en labels")
    shapes = {lang: sorted(_PLACEHOLDER.findall(text)) for lang, text in labels.items()}
    # A "%(" that is not a complete %(name)s placeholder would crash at format time.
    broken = any(text.count("%(") != len(_PLACEHOLDER.findall(text)) for text in labels.values())
    if broken or len({tuple(s) for s in shapes.values()}) > 1:
        raise InputError(f"{path}: {where} has broken or mismatched placeholders")


def label(section: str, key: str, lang: str) -> str | None:
    """Return the `lang` label of `key` in `section`, or None when the glossary lacks it."""
    entry = load().get(section, {}).get(key)
    return entry[lang] if entry else None


def is_title(text: str, lang: str) -> bool:
    """True when `text` is the `lang` label of an official title."""
    return any(labels.get(lang) == text for labels in load().get("titles", {}).values())


def place(name: str, lang: str) -> str:
    """Return the proper form of a place name in `lang`; unknown places stay as written."""
    return label("places", fold(name), lang) or name


def title_id(role: str | None) -> str | None:
    """Return the title id of an official's role as written ("Prefect of X" -> prefect)."""
    if not role:
        return None
    text = f" {fold(role)} "
    best: tuple[int, int, str] | None = None
    for title, keywords in TITLE_KEYWORDS.items():
        for keyword in keywords:
            match = re.search(rf"(?<![a-z]){re.escape(fold(keyword))}(?![a-z])", text)
            if match and (best is None or (match.start(), -len(keyword)) < best[:2]):
                best = (match.start(), -len(keyword), title)
    return best[2] if best else None
