"""Localise stage: `Facts` in, `Edition` records out, one per (month, audience, language).

Structured facts go through gettext sentence frames with named placeholders, the
domain glossary and Babel (dates, numbers, country names), never through machine
translation: each item gets a narrative, figure labels and agreement lines written in
the edition's language (briefing/narrative.py), and every edition-level string
(`EditionText`).  The article itself appears only as short quotations (at most three
sentences per item); they are collected across the whole run and handed to a
`Translator` in one batch per language pair; those it cannot translate stay in their
source language with status "original", in a block labelled as such.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from babel.numbers import format_compact_decimal, format_decimal, format_percent

from . import agreement_kinds, figure_kinds, glossary, i18n, narrative
from .i18n import N_, tr
from .models import (
    AUDIENCES,
    Agreement,
    Audience,
    Edition,
    EditionText,
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
    """The sentences of `facts` an edition may quote (for machine translation when a model is in)."""
    texts = [text for audience in AUDIENCES for text in _quoted(facts, audience)]
    return list(dict.fromkeys(texts))


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


def name_key(name: str) -> str:
    """The extractor's key of a person's name (two spellings of one name: one key)."""
    # Imported on use: the extractor's modules compile some 170 patterns at import (a
    # third of a second), which localising and rendering saved facts have no need of.
    from .extract.people import name_key as key

    return key(name)


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


MAX_SECTOR_LABELS = 8  # the most mentioned; a longer row of labels is no longer read
MAX_QUOTES = 3  # sentences of the article quoted per item
# Words quoted per item, all sentences together: a longer sentence is left out rather
# than cut (a trimmed clause ending in "..." misquotes), and the edition stays in its
# own language (issue #12 measures at most 15% of English words per edition).
MAX_QUOTE_WORDS = 32
MAX_SINGLE_QUOTE_WORDS = 36  # an item whose sentences are all longer still gets one


def localise_item(facts: Facts, audience: Audience, lang: Lang, prose: Prose,
                  names: NameBook) -> LocalisedItem:
    """Write one article's facts in `lang` for `audience`: narrative, figures, agreements, quotes."""
    src = facts.language
    background = facts.kind != "visit"
    quoted = _quoted(facts, audience)
    # Every figure is printed: one of unknown kind with the neutral label and a note on
    # where its words are (the quotations below, or the article when they did not fit).
    figures = _ranked(facts.figures, audience)
    lines = tuple(_figure_line(f, lang, quoted) for f in figures)
    agreements = _one_per_action(facts.agreements)
    # The narrative cites only figures of the kinds this audience reads first.
    telling = figure_kinds.first_for(audience)
    known = [(line.value, line.label) for f, line in zip(figures, lines, strict=True)
             if f.kind in telling]
    story = (narrative.background_paragraphs(facts, lang, names.display, agreements) if background else
             narrative.visit_paragraphs(facts, lang, names.display, known, agreements))
    quotes = tuple(prose.get(text, lang, src) for text in quoted)
    return LocalisedItem(
        facts=facts,
        is_background=background,
        heading=_heading(facts, lang, names),
        where_when=_where_when(facts, lang),
        lead_line=_lead_line(facts.lead_official, lang, names),
        people=tuple(p for person in facts.counterparts
                     if (p := narrative.person_phrase(person, lang, names.display))),
        sectors=tuple(label for s in facts.sectors[:MAX_SECTOR_LABELS]
                      if (label := glossary.label("sectors", s, lang))),
        figures=lines,
        narrative=story,
        agreements=tuple(narrative.agreement_line(a, facts, lang, names.display) for a in agreements),
        quotes=quotes,
        quote_label=_quote_label(quotes, lang),
        source_line=_source_line(facts, lang),
        place=_place(facts, lang),
    )


def _one_per_action(statements: Sequence[Statement]) -> tuple[Agreement, ...]:
    """The agreements, the first of each (kind, action) only: one line says it once.

    Each is classified from its text again, as the extractor does: an editor's corrected
    text, or facts read from an older JSON file, get the kind and action of what they say;
    a record whose text names no action keeps the kind and action it carries.
    """
    first: dict[tuple[str, str | None], Agreement] = {}
    for s in statements:
        a = agreement_kinds.classify(s)
        if a.action is None and isinstance(s, Agreement):
            a = s
        if agreement_kinds.records_agreement(a):
            first.setdefault((a.kind, a.action), a)
    return tuple(first.values())


def _quoted(facts: Facts, audience: Audience) -> list[str]:
    """At most three sentences of the article, those of figures without a kind first.

    A figure whose kind is unknown is printed with a neutral label, so its sentence goes
    before the audience's highlights (and the summary of a background item); agreement
    sentences fill what is left.  A figure's sentence a little over the word budget is
    still quoted, alone, rather than a highlight.
    """
    highlights = facts.highlights_business if audience == "business" else facts.highlights_diaspora
    unknown = _unique(f.sentence_text for f in facts.figures if not f.kind)
    said = [narrative.sentence_of(facts, a.sentence, a.text) for a in facts.agreements]
    if facts.kind != "visit":
        others = [*facts.summary, *(s.text for s in highlights)]
    else:
        others = [*(s.text for s in highlights), *said]
    candidates = _unique([*unknown, *others])
    chosen: list[str] = []
    for text in candidates:
        words = sum(len(t.split()) for t in chosen) + len(text.split())
        if len(chosen) < MAX_QUOTES and words <= MAX_QUOTE_WORDS:
            chosen.append(text)
    if unknown and not set(unknown) & set(chosen):
        chosen = _shortest(unknown) or chosen
    return chosen or _shortest(candidates)


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))


def _shortest(texts: Sequence[str]) -> list[str]:
    """The shortest of `texts` alone, if it is not too long to quote: [] otherwise."""
    shortest = min(texts, key=lambda t: len(t.split()), default=None)
    return [shortest] if shortest and len(shortest.split()) <= MAX_SINGLE_QUOTE_WORDS else []


def _ranked(figures: Sequence[Figure], audience: Audience) -> list[Figure]:
    """The figures, those of the kinds this audience reads first at the top (stable)."""
    first = figure_kinds.first_for(audience)
    return sorted(figures, key=lambda f: first.index(f.kind) if f.kind in first else len(first))


def _quote_label(quotes: Sequence[Passage], lang: str) -> str:
    if not quotes:
        return ""
    source = quotes[0].source_lang
    if all(q.status == "source" for q in quotes):
        return tr(lang, "From the article")
    if all(q.status in ("source", "hand") for q in quotes):
        return tr(lang, "From the article (translated by the editors)")
    if any(q.status == "machine" for q in quotes):
        labels = {"en": N_("From the article (machine-translated from English)"),
                  "fr": N_("From the article (machine-translated from French)"),
                  "vi": N_("From the article (machine-translated from Vietnamese)")}
    else:
        labels = {"en": N_("From the article (original English text)"),
                  "fr": N_("From the article (original French text)"),
                  "vi": N_("From the article (original Vietnamese text)")}
    return tr(lang, labels.get(source, N_("From the article (original text)")))


def _place(facts: Facts, lang: str) -> str:
    where = facts.region or (facts.cities[0] if facts.cities else None)
    return glossary.place(where, lang) if where else ""


country_name = narrative.country_name
role_label = narrative.role_label


def _heading(facts: Facts, lang: str, names: NameBook) -> str:
    if facts.kind == "visit":
        place = _place(facts, lang) or country_name(facts.host_country, lang)
        if place:
            return tr(lang, "Visit to %(place)s", place=place)
        return tr(lang, "Official visit")
    person = facts.lead_official
    if facts.kind == "interview" and person and person.name:
        return tr(lang, "Interview with %(name)s", name=names.display(person.name))
    # Not "Background": the section that holds the item is already called so.
    place = _place(facts, lang) or country_name(facts.host_country, lang)
    return tr(lang, "In brief: %(place)s", place=place) if place else tr(lang, "In brief")


def _where_when(facts: Facts, lang: str) -> str:
    place, dates = _place_line(facts, lang), _dates(facts, lang)
    return tr(lang, "%(place)s · %(dates)s", place=place, dates=dates) if place else dates


def _place_line(facts: Facts, lang: str) -> str:
    cities = [glossary.place(c, lang) for c in facts.cities]
    region = glossary.place(facts.region, lang) if facts.region else None
    country = country_name(facts.host_country, lang)
    return ", ".join(dict.fromkeys(p for p in (*cities, region, country) if p))


def _dates(facts: Facts, lang: str) -> str:
    start, end = facts.visit_start, facts.visit_end
    if facts.kind != "visit" or start is None:
        if facts.publication_date:
            return narrative.published(facts.publication_date, lang)
        return tr(lang, "date not stated")
    span = narrative.date_span(start, end or start, lang)
    if facts.date_confidence == "inferred":
        return tr(lang, "%(dates)s (year inferred)", dates=span)
    return span


def _lead_line(person: Person | None, lang: str, names: NameBook) -> str | None:
    if person is None or not person.name:
        return None
    role = role_label(person, lang)
    name = names.display(person.name)
    if role:  # "Anne Martin, préfète": a title after a name is written in lower case
        return tr(lang, "Led by %(name)s, %(role)s", role=narrative.running(role, lang), name=name)
    return tr(lang, "Led by %(name)s", name=name)


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
        number = _compact(figure.value * scale, lang) if scale > 1 else \
            format_decimal(figure.value, locale=lang)
        code = currency.group(1) if currency else ""
        return f"{number} {_CURRENCY_CODES.get(code.lower(), code.upper())}".strip()
    noun = next((glossary.label("units", word, lang) for word in re.findall(r"[a-z]+", unit)
                 if glossary.label("units", word, lang)), None)
    number = format_decimal(figure.value, locale=lang)
    if noun and "%(n)s" in noun:
        return noun % {"n": number}
    return f"{number} {noun}" if noun else number


# Babel picks the plural of the whole number (1e9 is "many" in French), so 1 billion
# prints "1 milliards"; French takes the singular below 2 ("1,5 milliard").
_FR_ONE_SCALE = re.compile(r"^(-?[01](?:,\d+)?\s)(million|milliard|billion|trillion)s\b")


def _compact(value: float, lang: str) -> str:
    """'5,4 tỷ', '1 milliard', '500 000' (French writes thousands in digits, not 'mille')."""
    number = format_compact_decimal(value, format_type="long", locale=lang, fraction_digits=2)
    if lang != "fr":
        return number
    if "mille" in number:
        return format_decimal(value, locale=lang)
    return _FR_ONE_SCALE.sub(r"\1\2", number)


def _figure_line(figure: Figure, lang: str, quoted: Sequence[str]) -> FigureLine:
    if figure.kind is not None:
        return FigureLine(format_figure(figure, lang), narrative.figure_label(figure, lang))
    # The neutral label says nothing of what the number counts: say where the words are.
    note = (tr(lang, "(see the quotation below)") if figure.sentence_text.strip() in quoted
            else tr(lang, "(see the original article)"))
    return FigureLine(format_figure(figure, lang), narrative.figure_label(figure, lang),
                      known=False, note=note)


def _source_line(facts: Facts, lang: str) -> str:
    outlet = facts.outlet or facts.source.rsplit("/", 1)[-1]
    if facts.publication_date:
        # as the edition writes its other dates ("20 tháng 11 năm 2022", not Babel's
        # "20 tháng 11, 2022")
        date = narrative.day(facts.publication_date, lang)
        return tr(lang, "Source: %(outlet)s, %(date)s", outlet=outlet, date=date)
    return tr(lang, "Source: %(outlet)s", outlet=outlet)


def build_edition(month: str, audience: Audience, lang: Lang, items: Sequence[LocalisedItem],
                  edition_date: dt.date, notes: Sequence[TranslationNote] = ()) -> Edition:
    """Assemble one edition: visits in date order, then background items, and its strings."""
    ordered = tuple(sorted(items, key=_order_key))
    relevant = tuple(n for n in notes if n.target_lang == lang)
    text = edition_text(month, audience, lang, edition_date, ordered, relevant)
    return Edition(month, audience, lang, edition_date, ordered, text, relevant)


def edition_text(month: str, audience: Audience, lang: Lang, edition_date: dt.date,
                 items: Sequence[LocalisedItem], notes: Sequence[TranslationNote] = ()
                 ) -> EditionText:
    """Every edition-level string, in one place: the render and mail stages only reuse them."""
    month_label = i18n.month_label(lang, month)
    visits = [item for item in items if not item.is_background]
    opening, closing = tr(lang, "“"), tr(lang, "”")
    return EditionText(
        title=i18n.edition_title(lang, month, audience),
        month_label=month_label,
        month_title=narrative.sentence_start(month_label),
        audience_label=i18n.audience_label(lang, audience),
        language_name=i18n.language_names(lang).get(lang, lang),
        edition_date=narrative.day(edition_date, lang),
        overview=i18n.overview(lang, visits),
        translation_counts=_translation_counts(items, notes, lang),
        page_footer=i18n.page_footer(lang),
        sectors_chart_title=tr(lang, "Sectors of cooperation: number of visits"),
        calendar_title=tr(lang, "The month's visits, day by day"),
        quote_open=opening, quote_close=closing,
    )


def _translation_counts(items: Sequence[LocalisedItem], notes: Sequence[TranslationNote],
                        lang: Lang) -> str:
    """The colophon's count of passages by hand, machine-translated and kept original."""
    passages = [p for item in items for p in item_passages(item) if p.text.strip()]
    counts = {kind: sum(p.status == kind for p in passages) for kind in ("hand", "machine", "original")}
    if not any(counts.values()):
        return ""
    names = i18n.language_names(lang)
    # The models asked, even when none of their output passed the checks.
    models = "; ".join(sorted({n.model for n in notes if n.model}
                              | {p.model for p in passages if p.status == "machine" and p.model}))
    originals = ", ".join(sorted({names.get(p.lang, p.lang) for p in passages if p.status == "original"}))
    hand = i18n.ntr(lang, "%(num)d passage translated by hand", "%(num)d passages translated by hand",
                    counts["hand"], num=counts["hand"])
    machine = i18n.ntr(lang, "%(num)d passage machine-translated", "%(num)d passages machine-translated",
                       counts["machine"], num=counts["machine"])
    original = i18n.ntr(lang, "%(num)d passage kept in the original language",
                        "%(num)d passages kept in the original language",
                        counts["original"], num=counts["original"])
    machine += f" ({models})" if models else ""
    original += f" ({originals})" if originals else ""
    return f"{hand}, {machine}, {original}."


def item_passages(item: LocalisedItem) -> list[Passage]:
    """Every prose passage an item shows: its quotations of the article."""
    return list(item.quotes)


def _order_key(item: LocalisedItem) -> tuple[bool, dt.date, str]:
    facts = item.facts
    day = facts.visit_start or facts.publication_date or dt.date.max
    return item.is_background, day, facts.source

