"""Gettext catalogs and Babel formatting, always with an explicit locale.

Catalogs are `locales/<lang>/LC_MESSAGES/briefing.po`; `make` compiles them to `.mo`.
When a `.mo` is missing or older than its `.po` (a fresh checkout, a test run), the
`.po` is compiled in memory instead, so a build never shows msgids by accident.
Never `locale.setlocale`: the process locale is shared state and not thread-safe.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Sequence
from typing import Any

from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from . import resources
from .models import LocalisedItem

DOMAIN = "briefing"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """Return the catalog of `lang` (English falls back to the msgids)."""
    folder = resources.locales_dir() / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not po.exists():
        return Translations.load(str(resources.locales_dir()), [lang], DOMAIN)
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def tr(lang: str, message: str, **values: Any) -> str:
    """Translate `message` into `lang`, fill its named placeholders, set its typography."""
    text = translations(lang).gettext(message)
    return typeset(text % values if values else text, lang)


def ntr(lang: str, singular: str, plural: str, n: int, **values: Any) -> str:
    """The plural form of `lang` for the number `n`, filled and typeset like `tr`."""
    text = translations(lang).ngettext(singular, plural, n)
    return typeset(text % values if values else text, lang)


# French sets a narrow no-break space before : ; ! ? and %, and inside guillemets; a colon
# between digits (10:30) or in a scheme (https:) is left alone.
_FR_BEFORE = re.compile(r"(?<=[^\s\d\u202f(\[])\s?(?=[;!?](?:\s|$))|(?<=[^\s\u202f(\[/])\s?(?=:(?:\s|$))")
_FR_PERCENT = re.compile(r"(?<=\d)[ \u00a0]?(?=%)")


def typeset(text: str, lang: str) -> str:
    """Apply the edition language's spacing rules to a finished sentence."""
    if lang != "fr":
        return text
    text = _FR_PERCENT.sub("\u202f", text)
    text = _FR_BEFORE.sub("\u202f", text)
    return text.replace("« ", "«\u202f").replace(" »", "\u202f»")


def month_date(month: str) -> dt.date:
    year, number = month.split("-")
    return dt.date(int(year), int(number), 1)


# Cached: the mail stage asks once per message (10,000 in a run) and Babel's skeleton
# formatting is a large part of composing one; the answer depends on nothing else.
@functools.lru_cache(maxsize=256)
def month_label(lang: str, month: str) -> str:
    """'tháng 4 năm 2025', 'avril 2025', 'April 2025'."""
    return format_skeleton("yMMMM", month_date(month), locale=lang)


def audience_label(lang: str, audience: str) -> str:
    labels = {"diaspora": N_("Vietnamese community edition"), "business": N_("Business edition")}
    return tr(lang, labels[audience])


@functools.lru_cache(maxsize=256)  # per message in mail; the catalogs are cached too
def edition_title(lang: str, month: str, audience: str) -> str:
    """The document title, also the PDF /Title."""
    return tr(lang, "Briefing on official visits, %(month)s: %(audience)s",
                   month=month_label(lang, month), audience=audience_label(lang, audience))


def overview(lang: str, visits: Sequence[LocalisedItem]) -> str:
    """One sentence: how many visits this month and where."""
    places = sorted({item.place for item in visits if item.place})
    count = len(visits)
    if not count:  # one sentence, not "0 visits this month." and then "No visit…"
        return tr(lang, "No visit was reported this month.")  # tr typesets it
    text = translations(lang).ngettext(
        "%(count)d visit this month", "%(count)d visits this month", count) % {"count": count}
    if places:
        text += tr(lang, ": %(places)s", places=", ".join(places))
    return typeset(text + ".", lang)


def N_(message: str) -> str:  # noqa: N802 - the usual name for "mark for extraction only"
    """Mark a string for extraction without translating it now."""
    return message


def language_names(lang: str) -> dict[str, str]:
    """Names of the edition languages, in `lang`."""
    return {code: tr(lang, name) for code, name in
            (("vi", N_("Vietnamese")), ("fr", N_("French")), ("en", N_("English")))}


def original_labels(lang: str) -> dict[str, str]:
    """The label set above prose kept in its source language ("Texte original en anglais")."""
    labels = {"vi": N_("Original text in Vietnamese"), "fr": N_("Original text in French"),
              "en": N_("Original text in English")}
    return {code: tr(lang, text) for code, text in labels.items()}


def page_footer(lang: str) -> str:
    """The "page X of Y" pattern of `lang`, placeholders kept: 'Trang %(page)s / %(pages)s'."""
    return tr(lang, "Page %(page)s of %(pages)s")


def footer_css(lang: str) -> str:
    """CSS `content` value for the localised "page X of Y" footer."""
    return footer_css_of(page_footer(lang))


def footer_css_of(pattern: str) -> str:
    """CSS `content` value for a "page X of Y" pattern with %(page)s and %(pages)s."""
    pieces = re.split(r"(%\(page\)s|%\(pages\)s)", pattern)
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    parts = [counters.get(piece) or css_string(piece) for piece in pieces if piece]
    return " ".join(parts)


def css_string(text: str) -> str:
    """Quote `text` as a CSS string that can close neither the string nor <style>.

    Everything but letters, digits and a little punctuation is a CSS escape: a quote, a
    backslash, a line break or "</style>" in a translation cannot break the stylesheet.
    """
    body = "".join(
        ch if ch.isalnum() or ch in " .,:;·-–—/()'" else f"\\{ord(ch):x} " for ch in str(text)
    )
    return f'"{body}"'
