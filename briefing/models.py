"""Typed, immutable records passed between the stages of the pipeline.

read -> Article; extract -> Facts; localise -> Edition (with LocalisedItem and
Passage); render -> RenderedEdition; mail -> Delivery.  Every stage takes records
and returns records: nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["visit", "interview", "other"]
DateConfidence = Literal["stated", "inferred", "unknown"]
Gender = Literal["unknown", "female", "male"]
Audience = Literal["diaspora", "business"]
Lang = Literal["vi", "fr", "en"]

AUDIENCES: tuple[Audience, ...] = ("diaspora", "business")
LANGS: tuple[Lang, ...] = ("vi", "fr", "en")

# The one place an edition's file name is spelled: out/YYYY-MM/briefing-YYYY-MM-<audience>-<lang>.pdf
EDITION_FILE_RE = re.compile(r"briefing-\d{4}-\d{2}-[a-z]+-[a-z]{2}\.pdf")


def edition_stem(month: str, audience: str, lang: str) -> str:
    """The name of an edition (its PDF without .pdf; also its id in the send ledger)."""
    return f"briefing-{month}-{audience}-{lang}"


def edition_file(month: str, audience: str, lang: str) -> str:
    """The PDF file name of an edition, in out/<month>/."""
    return f"{edition_stem(month, audience, lang)}.pdf"


@dataclass(frozen=True)
class Article:
    """One input file, read and cleaned: NFC text without page clutter."""

    source: str  # the path as the user gave it
    text: str  # clean body text, paragraphs separated by blank lines
    title: str | None = None
    publication_date: dt.date | None = None
    outlet: str | None = None  # "VNA", "Nhân Dân"... where the article says
    language: str = "en"  # detected language of the body (ISO 639-1)
    # photo captions taken out of the body ("X (second, L) meets Y (Photo: VNA)"), credit
    # removed: they may be the only place that names the visiting official
    captions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """Someone met (or leading) in a visit; name is None when only an organisation is named."""

    name: str | None
    role: str | None = None
    organisation: str | None = None
    sentence: int | None = None  # index into Facts.sentences
    gender: Gender = "unknown"  # as the article shows it (briefing/extract/gender.py)


@dataclass(frozen=True)
class Figure:
    """A number the article states: 'over 5.4 billion USD' -> 5.4, 'billion USD'."""

    value: float
    unit: str
    what: str
    sentence_text: str
    sentence: int
    kind: str | None = None  # id of briefing/data/figure_kinds.toml; None: not known
    year: int | None = None  # the year the figure is for ("trade in 2024")
    parties: tuple[str, ...] = ()  # ISO codes of a pair the sentence names ("Vietnam-France")


@dataclass(frozen=True)
class Statement:
    """A sentence-level fact (agreement, highlight) with the sentence it came from."""

    text: str
    sentence: int


@dataclass(frozen=True)
class Agreement(Statement):
    """An agreement, proposal or planned event: what it is, besides the clause it came from.

    kind: signed, agreed, proposed, planned or discussed; action: an id of
    briefing/data/agreement_actions.toml (None when no action of the vocabulary is named);
    sectors: sector ids the clause names.
    """

    kind: str = "discussed"
    action: str | None = None
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facts:
    """Key facts of one article, as the extractor found them (English source prose)."""

    source: str
    kind: Kind
    title: str | None
    publication_date: dt.date | None
    visit_start: dt.date | None
    visit_end: dt.date | None
    date_confidence: DateConfidence
    date_note: str | None
    host_country: str | None  # ISO 3166-1 alpha-2
    region: str | None
    cities: tuple[str, ...]
    lead_official: Person | None
    counterparts: tuple[Person, ...]
    sectors: tuple[str, ...]  # ids of the controlled vocabulary (briefing/vocabulary)
    figures: tuple[Figure, ...]
    agreements: tuple[Statement, ...]
    highlights_business: tuple[Statement, ...]
    highlights_diaspora: tuple[Statement, ...]
    summary: tuple[str, ...]
    sentences: tuple[str, ...] = ()
    language: str = "en"
    outlet: str | None = None
    reason: str | None = None  # why kind is "other", when it is
    # "--MM-DD" when the article gives the visit's day and month but no year can be found
    visit_start_partial: str | None = None
    visit_end_partial: str | None = None
    # (fact name, sentence index) for facts that are not records: visit_start, region...
    evidence: tuple[tuple[str, int], ...] = ()

    @property
    def month(self) -> str | None:
        """The edition month (YYYY-MM) this item belongs to, or None if undated."""
        day = (self.visit_start if self.kind == "visit" else None) or self.publication_date
        return f"{day.year:04d}-{day.month:02d}" if day else None


@dataclass(frozen=True)
class Passage:
    """A piece of prose as shown in one edition language.

    status: "source"  (already in the edition language),
            "hand"    (translated by a person through a PO file: shown as plain text),
            "machine" (machine-translated: labelled in the PDF),
            "original" (no model: kept in its source language, set apart and labelled).
    """

    text: str
    lang: str  # language the text is actually in
    status: Literal["source", "hand", "machine", "original"] = "source"
    source_lang: str = "en"
    model: str | None = None  # model id and version when status == "machine"
    kind: str | None = None  # localised kind of an agreement: "Proposition", "Accord"...
    source: str = ""  # the text translated, when `text` is a translation (hand, machine)

    @property
    def source_text(self) -> str:
        """The passage as written in its source language."""
        return self.source or self.text


@dataclass(frozen=True)
class FigureLine:
    """A figure as printed: the number formatted by Babel, and what it measures."""

    value: str  # "5,4 tỷ USD", "11 %", "8 000"
    label: str  # "Kim ngạch thương mại Việt Nam–Pháp năm 2024", in the edition language
    known: bool = True  # False: the kind is not known, `label` is the neutral one
    note: str = ""  # for a figure of unknown kind: where its words are (quotations, article)


@dataclass(frozen=True)
class LocalisedItem:
    """One visit (or background item) written in the edition language.

    Every string here is built by the localise stage; only `quotes` holds article prose
    (at most three sentences, labelled by `quote_label`).
    """

    facts: Facts
    is_background: bool
    heading: str
    where_when: str
    lead_line: str | None
    people: tuple[str, ...]  # "Name (role)" lines, names untouched
    sectors: tuple[str, ...]  # localised labels
    figures: tuple[FigureLine, ...]
    narrative: tuple[str, ...]  # one or two paragraphs from sentence frames
    agreements: tuple[str, ...]  # "Đề xuất: kết nghĩa (...)": one localised line each
    quotes: tuple[Passage, ...]  # sentences of the article, after the narrative
    quote_label: str  # "Trích bài báo (nguyên văn tiếng Anh)"
    source_line: str
    place: str = ""  # localised region/city, for the cover overview


@dataclass(frozen=True)
class TranslationNote:
    """What the colophon and the build summary say about one language pair."""

    source_lang: str
    target_lang: str
    model: str | None  # "id version" or None when no model was installed
    passages: int  # machine-translated passages, or those kept original when model is None
    kept_original: int = 0  # passages kept in the source language (no model, failed check)


@dataclass(frozen=True)
class EditionText:
    """The edition-level strings, built once by the localise stage; render and mail reuse them."""

    title: str  # also the PDF /Title and the e-mail subject
    month_label: str  # "tháng 4 năm 2025"
    month_title: str  # "Tháng 4 năm 2025"
    audience_label: str
    language_name: str
    edition_date: str  # the edition date, formatted for the language
    overview: str  # "2 visits this month: ..."
    translation_counts: str = ""  # the colophon's count of passages by hand, machine, original
    page_footer: str = "Page %(page)s of %(pages)s"  # placeholders filled by the page counters
    sectors_chart_title: str = ""  # the captions of the two charts a month may get
    calendar_title: str = ""
    quote_open: str = "“"
    quote_close: str = "”"


@dataclass(frozen=True)
class Edition:
    """Everything one PDF needs: one (month, audience, language)."""

    month: str  # YYYY-MM
    audience: Audience
    lang: Lang
    edition_date: dt.date
    items: tuple[LocalisedItem, ...]
    text: EditionText
    translation_notes: tuple[TranslationNote, ...] = ()

    @property
    def stem(self) -> str:
        return edition_stem(self.month, self.audience, self.lang)


@dataclass(frozen=True)
class RenderedEdition:
    """A PDF written to disk."""

    month: str
    audience: Audience
    lang: Lang
    path: str
    skipped: bool = False  # True when inputs were unchanged and the PDF was reused
    title: str = ""  # the edition's title (EditionText.title): the e-mail subject

    @property
    def stem(self) -> str:
        return edition_stem(self.month, self.audience, self.lang)


@dataclass(frozen=True)
class Subscriber:
    """Someone who receives the editions of one audience in one language."""

    email: str
    name: str
    lang: Lang
    audience: Audience
    delivery: Literal["attachment", "link"] = "attachment"
    status: Literal["active", "unsubscribed", "bounced"] = "active"
    consent_at: str | None = None  # ISO 8601 UTC: when the person agreed
    source: str | None = None  # where the subscription came from (CSV file name, "cli"...)


@dataclass(frozen=True)
class Problem:
    """A one-line, user-facing failure about one input item."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(frozen=True)
class BuildReport:
    """What a run produced and what went wrong, for the build summary."""

    editions: tuple[RenderedEdition, ...] = ()
    problems: tuple[Problem, ...] = ()
    undated: tuple[str, ...] = ()
    translation_notes: tuple[TranslationNote, ...] = ()
    extra: dict[str, int] = field(default_factory=dict)
    translation_failures: tuple[str, ...] = ()  # engine down, pair refused: one line each
