"""Hand-built Edition records for the render tests (no extractor, no localiser involved)."""

from __future__ import annotations

import datetime as dt

from briefing.models import (
    Edition,
    Facts,
    FigureLine,
    LocalisedItem,
    Passage,
    Person,
    TranslationNote,
)

LEAD = "Đinh Toàn Thắng"

WORDS = {
    "vi": {"visit": "Chuyến thăm", "met": "gặp", "role": "Đại sứ", "source": "Nguồn"},
    "fr": {"visit": "Visite", "met": "a rencontré", "role": "Ambassadeur", "source": "Source"},
    "en": {"visit": "Visit", "met": "met", "role": "Ambassador", "source": "Source"},
}


def facts(source: str, start: dt.date | None, end: dt.date | None,
          kind: str = "visit") -> Facts:
    """Return minimal Facts for one article."""
    return Facts(
        source=source, kind=kind, title=None, publication_date=start, visit_start=start,  # type: ignore[arg-type]
        visit_end=end, date_confidence="stated", date_note=None, host_country="FR",
        region="Hauts-de-France", cities=("Dunkerque",), lead_official=Person(LEAD, "Ambassador"),
        counterparts=(), sectors=("trade",), figures=(), agreements=(), highlights_business=(),
        highlights_diaspora=(), summary=(),
    )


def item(lang: str, n: int, *, day: int = 13, people: int = 3, prose: str | None = None,
         status: str = "source", background: bool = False, where: str | None = None,
         month: tuple[int, int] = (2025, 4)) -> LocalisedItem:
    """Return one localised visit (or background item) in `lang`."""
    words = WORDS[lang]
    start = dt.date(month[0], month[1], min(day, 28))
    end = start + dt.timedelta(days=2)
    text = prose or f"{words['visit']} {n}: hợp tác thương mại, đầu tư và giáo dục."
    plang = "en" if status == "original" else lang
    passage = Passage(text, plang, status, "en", "opus-mt-en-x 1.0" if status == "machine" else None)
    return LocalisedItem(
        facts=facts(f"seeds/{n:03d}.txt", start, end, "other" if background else "visit"),
        is_background=background,
        heading=f"{words['visit']} {n} — {where or 'Dunkerque'}",
        where_when=f"{where or 'Dunkerque, Hauts-de-France'} · {start.isoformat()}",
        lead_line=f"{LEAD}, {words['role']}",
        people=tuple(f"Nguyễn Văn An {i}, {words['role']} (Région {i})" for i in range(people)),
        sectors=("Thương mại", "Đầu tư", "Giáo dục") if lang == "vi" else ("Commerce", "Investissement"),
        figures=(FigureLine("5,4 tỷ USD" if lang == "vi" else "5,4 milliards USD",
                            Passage("investissements" if lang != "vi" else "vốn đầu tư", lang)),),
        highlights=(passage,),
        agreements=(Passage(f"{words['met']} — MoU", lang),),
        source_line=f"{words['source']}: VNA, 2025-04-{min(day, 28):02d}",
        summary=(passage,),
    )


def edition(lang: str = "vi", audience: str = "business", items: int = 3,
            **item_kwargs: object) -> Edition:
    """Return an edition of `items` visits plus one background item."""
    visits = tuple(item(lang, n, day=1 + n, **item_kwargs) for n in range(items))  # type: ignore[arg-type]
    background = item(lang, 99, background=True)
    return Edition(
        month="2025-04", audience=audience, lang=lang,  # type: ignore[arg-type]
        edition_date=dt.date(2025, 5, 2), items=visits + (background,),
        translation_notes=(TranslationNote("en", lang, None, 2),) if lang != "en" else (),
    )
