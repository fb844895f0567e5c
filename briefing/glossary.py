"""The domain glossary (locales/glossary.toml): ids and place names to vi/fr/en labels.

Official titles are the exception: their labels and the forms that recognise them are one
table, briefing/data/lexicon/titles.toml (through briefing.vocabulary), shared with the
extractor; `title_id` is the extractor's own classifier, re-exported.

In: a sector id, an official's role as the article wrote it, a place name.
Out: the label in the edition language.  Labels are curated, never machine-translated.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from . import resources
from .errors import InputError
from .text import strip_marks
from .vocabulary import title_id, titles

__all__ = ["fold", "is_title", "label", "load", "place", "strip_marks", "title_id"]

SECTIONS = ("sectors", "titles", "organisation_types", "units", "places", "figure_kinds",
            "agreement_kinds", "agreement_actions")
LANGS = ("vi", "fr", "en")
FEMININE = {lang: f"{lang}_f" for lang in LANGS}  # a title's feminine form, when it differs

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


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
    if "titles" in data:
        raise InputError(f"{path}: [titles] belongs in briefing/data/lexicon/titles.toml, "
                         "the one title table of the extractor and the glossary")
    # Official titles: labels from the table the extractor recognises them by
    data["titles"] = {t.id: dict(t.labels) for t in titles().values()}
    for section in SECTIONS:
        for key, labels in data.get(section, {}).items():
            _check_entry(path, f"{section}.{key}", labels)
    return data


def _check_entry(path: Path, where: str, labels: object) -> None:
    if not isinstance(labels, dict) or not set(LANGS) <= set(labels) <= set(LANGS) | set(FEMININE.values()):
        raise InputError(f"{path}: {where} must have exactly vi, fr and en labels "
                         f"(and optional feminine forms {', '.join(FEMININE.values())})")
    shapes = {lang: sorted(_PLACEHOLDER.findall(text)) for lang, text in labels.items()}
    # A "%(" that is not a complete %(name)s placeholder would crash at format time.
    broken = any(text.count("%(") != len(_PLACEHOLDER.findall(text)) for text in labels.values())
    if broken or len({tuple(s) for s in shapes.values()}) > 1:
        raise InputError(f"{path}: {where} has broken or mismatched placeholders")


def label(section: str, key: str, lang: str) -> str | None:
    """Return the `lang` label of `key` in `section`, or None when the glossary lacks it."""
    entry = load().get(section, {}).get(key)
    return entry[lang] if entry else None


def title_label(title: str, lang: str, gender: str = "unknown") -> str | None:
    """The `lang` label of an official title, in its feminine form for a woman when the
    title table gives one (`fr_f`: "Préfète"); None when the title is not known."""
    entry = load().get("titles", {}).get(title)
    if not entry:
        return None
    return entry.get(FEMININE[lang], entry[lang]) if gender == "female" else entry[lang]


def is_feminine_title(text: str, lang: str) -> bool:
    """True when `text` (any case) is the feminine form of a title that has one ('préfète')."""
    return text.casefold() in _title_forms(lang)[1]


def is_title(text: str, lang: str) -> bool:
    """True when `text` is the `lang` label of an official title (either form)."""
    return text in _title_forms(lang)[0]


# Asked for every title a sentence prints (narrative.running, french_article): the sets
# are built once per language rather than scanning the title table on each call.
@functools.cache
def _title_forms(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(every `lang` label of a title, either form; the feminine forms, case-folded)."""
    entries = load().get("titles", {}).values()
    labels = frozenset(text for entry in entries
                       for text in (entry.get(lang), entry.get(FEMININE[lang])) if text is not None)
    feminine = frozenset((entry.get(FEMININE[lang]) or "").casefold() for entry in entries)
    return labels, feminine


def place(name: str, lang: str) -> str:
    """Return the proper form of a place name in `lang`; unknown places stay as written."""
    return label("places", fold(name), lang) or name
