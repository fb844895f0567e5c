"""Localise stage: `Facts` in, `Edition` records out, one per (month, audience, language).

Structured facts go through gettext sentence frames with named placeholders, the
domain glossary and Babel (dates, numbers, country names), never through machine
translation.  The remaining prose (highlights, agreements, the `what` of figures,
summaries) is collected across the whole run and handed to a `Translator` in one batch
per language pair; passages it cannot translate stay in their source language with
status "original", which the PDF sets apart and labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from . import glossary
from .i18n import N_, tr
from .models import (
    Audience,
    Edition,
    Facts,
    Figure,
    FigureLine,
    Lang,
    LocalisedItem,
    Passage,
    Person,
    Statement,
    TranslationNote,
)
from .people import name_key


class Translator(Protocol):
    """Turns source prose into passages of a target language (see briefing.translate)."""

    def passages(self, texts: Sequence[str], src: str, tgt: str) -> list[Passage]: ...

    def notes(self) -> list[TranslationNote]: ...


class KeepOriginal:
    """The translator used when no model is installed: prose stays as written, labelled."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], int] = {}

    def passages(self, texts: Sequence[str], src: str, tgt: str) -> list[Passage]:
        if src == tgt:
            return [Passage(text, tgt, "source", src) for text in texts]
        self._counts[(src, tgt)] = self._counts.get((src, tgt), 0) + len(texts)
        return [Passage(text, src, "original", src) for text in texts]

    def notes(self) -> list[TranslationNote]:
        return [TranslationNote(s, t, None, n) for (s, t), n in sorted(self._counts.items())]


ProseKey = tuple[str, str]  # (target language, source text)


@dataclass(frozen=True)
class Prose:
    """Every prose passage of a run, already in each edition language."""

    table: Mapping[ProseKey, Passage]

    def get(self, text: str, lang: str, src: str) -> Passage:
        return self.table.get((lang, text)) or Passage(text, src, "original", src)


def prose_of(facts: Facts) -> list[str]:
    """All sentences of `facts` that need translation rather than a sentence frame."""
    statements = (*facts.highlights_business, *facts.highlights_diaspora, *facts.agreements)
    texts = [s.text for s in statements] + [f.what for f in facts.figures] + list(facts.summary)
    return [text for text in dict.fromkeys(texts) if text.strip()]


def translate_prose(all_facts: Sequence[Facts], langs: Iterable[str], translator: Translator,
                    names: NameBook | None = None) -> Prose:
    """Translate the prose of the whole run: one batch per (source, target) pair.

    Names are first written in their diacritic form, so every edition spells a person
    the same way in prose and in the lists.
    """
    names = names or NameBook(all_facts)
    by_source: dict[str, list[str]] = {}
    for facts in all_facts:
        by_source.setdefault(facts.language, []).extend(prose_of(facts))
    table: dict[ProseKey, Passage] = {}
    for src, texts in sorted(by_source.items()):
        unique = list(dict.fromkeys(texts))
        normalised = list(dict.fromkeys(names.normalise(t) for t in unique))
        for lang in langs:
            done = dict(zip(normalised, translator.passages(normalised, src, lang), strict=True))
            for text in unique:
                table[(lang, text)] = done[names.normalise(text)]
    return Prose(table)


class NameBook:
    """One spelling per person: 'Dinh Toan Thang' and 'Đinh Toàn Thắng' print as the latter."""

    def __init__(self, all_facts: Iterable[Facts]) -> None:
        best: dict[str, str] = {}
        for facts in all_facts:
            people = [facts.lead_official, *facts.counterparts]
            for person in people:
                if person and person.name:
                    key = name_key(person.name)
                    best[key] = max(best.get(key, person.name), person.name, key=_diacritic_score)
        self._best = best

    def display(self, name: str) -> str:
        return self._best.get(name_key(name), name)

    def normalise(self, text: str) -> str:
        """Write every undotted spelling of a known name in `text` in its diacritic form.

        'Dinh Toan Thang' and the short 'Thang' (the given name, as articles use it)
        become 'Đinh Toàn Thắng' and 'Thắng'.
        """
        for plain, proper in self._pairs:
            text = re.sub(rf"(?<!\w){re.escape(plain)}(?!\w)", proper, text)
        return text

    @functools.cached_property
    def _pairs(self) -> list[tuple[str, str]]:
        pairs = {}
        for proper in self._best.values():
            plain = glossary.strip_marks(proper)
            if plain != proper:
                pairs[plain] = proper
                last_plain, last_proper = plain.split()[-1], proper.split()[-1]
                if len(plain.split()) > 1 and last_plain != last_proper and len(last_plain) > 2:
                    pairs.setdefault(last_plain, last_proper)
        # Longest first, so the full name is replaced before its last word.
        return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def _diacritic_score(name: str) -> tuple[int, str]:
    return sum(1 for c in name if ord(c) > 127), name


def localise_item(facts: Facts, audience: Audience, lang: Lang, prose: Prose,
                  names: NameBook) -> LocalisedItem:
    """Render one article's facts in `lang` for `audience`."""
    src = facts.language
    highlights = facts.highlights_business if audience == "business" else facts.highlights_diaspora
    background = facts.kind != "visit"
    return LocalisedItem(
        facts=facts,
        is_background=background,
        heading=_heading(facts, lang, names),
        where_when=_where_when(facts, lang),
        lead_line=_lead_line(facts.lead_official, lang, names),
        people=tuple(_person_line(p, lang, names) for p in facts.counterparts),
        sectors=tuple(label for s in facts.sectors if (label := glossary.label("sectors", s, lang))),
        figures=tuple(_figure_line(f, lang, prose, src) for f in facts.figures),
        highlights=tuple(prose.get(s.text, lang, src) for s in _texts(highlights)),
        agreements=tuple(_agreement(s.text, lang, prose, src) for s in _texts(facts.agreements)
                         if not _already_shown(s, highlights)),
        source_line=_source_line(facts, lang),
        summary=tuple(prose.get(text, lang, src) for text in facts.summary if text.strip()),
        place=_place(facts, lang),
    )


# What an agreement line is, read from its verbs; the label is a catalog string, so the
# reader knows "signed" from "proposed" even when the sentence itself stays in English.
_KINDS = (
    ("agreement", re.compile(r"\b(sign(?:ed|ing)?|agreed|agreement|memorand(?:um|a)|MoUs?|"
                             r"letter of intent|accord|convention)\b", re.IGNORECASE)),
    ("proposal", re.compile(r"\b(propos(?:ed|al|es)|suggest(?:ed|s)?|call(?:ed|s)? (?:for|on)|"
                            r"invit(?:ed|es)|urg(?:ed|es)|recommend(?:ed|s)?|encourag(?:ed|es))\b",
                            re.IGNORECASE)),
    ("event", re.compile(r"\b(will be held|set to take place|upcoming|scheduled|next year|"
                         r"conference|summit|forum|fair|festival|expected to)\b", re.IGNORECASE)),
)
KIND_LABELS = {"agreement": N_("Agreement"), "proposal": N_("Proposal"),
               "event": N_("Planned event"), "discussion": N_("Discussed")}


def agreement_kind(text: str) -> str:
    """agreement, proposal, event or discussion: the kind whose word comes first in the text.

    "proposed a twinning agreement" is a proposal, "agreed on the proposal" an agreement.
    """
    found = [(match.start(), kind) for kind, pattern in _KINDS if (match := pattern.search(text))]
    return min(found)[1] if found else "discussion"


def _already_shown(statement: Statement, highlights: Sequence[Statement]) -> bool:
    # An agreement cut from a sentence the audience's highlights already quote is shown once.
    return any(h.sentence == statement.sentence or h.text == statement.text for h in highlights)


def _agreement(text: str, lang: str, prose: Prose, src: str) -> Passage:
    passage = prose.get(text, lang, src)
    return dataclasses.replace(passage, kind=tr(lang, KIND_LABELS[agreement_kind(text)]))


def _texts(statements: Sequence[Statement]) -> list[Statement]:
    return [s for s in statements if s.text.strip()]


def _place(facts: Facts, lang: str) -> str:
    where = facts.region or (facts.cities[0] if facts.cities else None)
    return glossary.place(where, lang) if where else ""


def country_name(code: str | None, lang: str) -> str | None:
    """The country's name in `lang` from Babel (CLDR), or None."""
    if not code:
        return None
    return Locale.parse(lang).territories.get(code.upper())


def _heading(facts: Facts, lang: str, names: NameBook) -> str:
    if facts.kind == "visit":
        place = _place(facts, lang) or country_name(facts.host_country, lang)
        if place:
            return tr(lang, "Visit to %(place)s", place=place)
        return tr(lang, "Official visit")
    person = facts.lead_official
    if facts.kind == "interview" and person and person.name:
        return tr(lang, "Interview with %(name)s", name=names.display(person.name))
    return tr(lang, "Background")


def _where_when(facts: Facts, lang: str) -> str:
    parts = [p for p in (_place_line(facts, lang), _dates(facts, lang)) if p]
    return " · ".join(parts)


def _place_line(facts: Facts, lang: str) -> str:
    cities = [glossary.place(c, lang) for c in facts.cities]
    region = glossary.place(facts.region, lang) if facts.region else None
    country = country_name(facts.host_country, lang)
    return ", ".join(dict.fromkeys(p for p in (*cities, region, country) if p))


def _dates(facts: Facts, lang: str) -> str:
    start, end = facts.visit_start, facts.visit_end
    if facts.kind != "visit" or start is None:
        if facts.publication_date:
            return tr(lang, "published %(date)s",
                           date=format_date(facts.publication_date, "long", locale=lang))
        return tr(lang, "date not stated")
    text = _interval(start, end or start, lang)
    if facts.date_confidence == "inferred":
        text += " " + tr(lang, "(year inferred)")
    return text


def _interval(start: dt.date, end: dt.date, lang: str) -> str:
    if start == end:
        return format_skeleton("yMMMMd", start, locale=lang)
    return format_interval(start, end, "yMMMMd", locale=lang)


def role_label(person: Person, lang: str) -> str | None:
    """The official title in `lang` from the glossary; None when the role is not a known title."""
    title = glossary.title_id(person.role)
    return glossary.label("titles", title, lang) if title else None


def _lead_line(person: Person | None, lang: str, names: NameBook) -> str | None:
    if person is None or not person.name:
        return None
    role = role_label(person, lang)
    name = names.display(person.name)
    if role:
        return tr(lang, "Led by %(name)s, %(role)s", role=role, name=name)
    return tr(lang, "Led by %(name)s", name=name)


def _person_line(person: Person, lang: str, names: NameBook) -> str:
    # The organisation is a proper name and is printed as the article spells it.
    role = role_label(person, lang)
    parts = [names.display(person.name) if person.name else None, role, person.organisation]
    return ", ".join(dict.fromkeys(p for p in parts if p))


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CURRENCY = re.compile(r"\b(USD|EUR|VND|GBP|JPY|KRW|CNY|dollars?|euros?)\b", re.IGNORECASE)
_CURRENCY_CODES = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR"}


def format_figure(figure: Figure, lang: str) -> str:
    """Format the number and unit of a figure for `lang` with Babel."""
    unit = figure.unit.lower()
    if "percent" in unit or "per cent" in unit or unit.strip() == "%":
        return format_percent(figure.value / 100, locale=lang, decimal_quantization=False)
    if "year" in unit and float(figure.value).is_integer() and 1900 <= figure.value <= 2200:
        return str(int(figure.value))
    scale = next((v for k, v in _SCALES.items() if k in unit), 1.0)
    currency = _CURRENCY.search(figure.unit)
    if scale > 1 or currency:
        number = format_compact_decimal(figure.value * scale, format_type="long", locale=lang,
                                        fraction_digits=2) if scale > 1 else format_decimal(figure.value, locale=lang)
        code = currency.group(1) if currency else ""
        return f"{number} {_CURRENCY_CODES.get(code.lower(), code.upper())}".strip()
    noun = next((glossary.label("units", word, lang) for word in re.findall(r"[a-z]+", unit)
                 if glossary.label("units", word, lang)), None)
    number = format_decimal(figure.value, locale=lang)
    if noun and "%(n)s" in noun:
        return noun % {"n": number}
    return f"{number} {noun}" if noun else number


def _figure_line(figure: Figure, lang: str, prose: Prose, src: str) -> FigureLine:
    return FigureLine(format_figure(figure, lang), prose.get(figure.what, lang, src))


def _source_line(facts: Facts, lang: str) -> str:
    outlet = facts.outlet or facts.source.rsplit("/", 1)[-1]
    if facts.publication_date:
        date = format_date(facts.publication_date, "long", locale=lang)
        return tr(lang, "Source: %(outlet)s, %(date)s", outlet=outlet, date=date)
    return tr(lang, "Source: %(outlet)s", outlet=outlet)


def build_edition(month: str, audience: Audience, lang: Lang, items: Sequence[LocalisedItem],
                  edition_date: dt.date, notes: Sequence[TranslationNote] = ()) -> Edition:
    """Assemble one edition: visits in date order, then background items."""
    ordered = sorted(items, key=_order_key)
    relevant = tuple(n for n in notes if n.target_lang == lang)
    return Edition(month, audience, lang, edition_date, tuple(ordered), relevant)


def item_passages(item: LocalisedItem) -> list[Passage]:
    """Every prose passage an item shows (highlights, agreements, figures, summaries)."""
    return [*item.highlights, *item.agreements, *(f.what for f in item.figures), *item.summary]


def edition_passages(edition: Edition) -> list[Passage]:
    """Every prose passage an edition shows."""
    return [p for item in edition.items for p in item_passages(item)]


def passage_counts(edition: Edition) -> dict[str, int]:
    """How many passages of the edition are by hand, machine-translated, kept original."""
    statuses = [p.status for p in edition_passages(edition) if p.text.strip()]
    return {kind: statuses.count(kind) for kind in ("hand", "machine", "original")}


def _order_key(item: LocalisedItem) -> tuple[bool, dt.date, str]:
    facts = item.facts
    day = facts.visit_start or facts.publication_date or dt.date.max
    return item.is_background, day, facts.source

