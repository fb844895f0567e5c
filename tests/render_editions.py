"""Hand-built Edition records for the render tests (fakes: no extractor, no localiser)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from briefing.localise import edition_text
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
    "vi": {
        "visit": "Chuyến thăm",
        "role": "Đại sứ",
        "source": "Nguồn",
        "sectors": ("Thương mại", "Đầu tư", "Giáo dục"),
        "prose": "Hai bên thảo luận hợp tác thương mại, đầu tư và giáo dục.",
        "figure": "5,4 tỷ USD",
        "what": "Kim ngạch thương mại song phương",
        "quotes": "Trích bài báo (nguyên văn tiếng Anh)",
        "machine": "Trích bài báo (dịch máy từ tiếng Anh)",
        "agreement": "Đề xuất: kết nghĩa",
    },
    "fr": {
        "visit": "Visite",
        "role": "Ambassadeur",
        "source": "Source",
        "sectors": ("Commerce", "Investissement", "Éducation"),
        "prose": "Les deux parties ont évoqué le commerce, l’investissement et l’éducation.",
        "figure": "5,4 milliards USD",
        "what": "Échanges commerciaux bilatéraux",
        "quotes": "Extraits de l’article (texte original en anglais)",
        "machine": "Extraits de l’article (traduction automatique de l’anglais)",
        "agreement": "Proposition : un jumelage",
    },
    "en": {
        "visit": "Visit",
        "role": "Ambassador",
        "source": "Source",
        "sectors": ("Trade", "Investment", "Education"),
        "prose": "Both sides discussed trade, investment and education.",
        "figure": "5.4 billion USD",
        "what": "Bilateral trade",
        "quotes": "From the article",
        "machine": "From the article",
        "agreement": "Proposed: a twinning link",
    },
}
ENGLISH = "The delegation visited the port and met business leaders."


def facts(source: str, start: dt.date, days: int = 2, kind: str = "visit") -> Facts:
    """Return minimal Facts for one article."""
    return Facts(
        source=source,
        kind=kind,
        title=None,
        publication_date=start,  # type: ignore[arg-type]
        visit_start=start,
        visit_end=start + dt.timedelta(days=days),
        date_confidence="stated",
        date_note=None,
        host_country="FR",
        region="Hauts-de-France",
        cities=("Dunkerque",),
        lead_official=Person(LEAD, "Ambassador"),
        counterparts=(),
        sectors=("trade",),
        figures=(),
        agreements=(),
        highlights_business=(),
        highlights_diaspora=(),
        summary=(),
    )


def item(
    lang: str, n: int, day: int = 13, people: int = 3, background: bool = False, **changes: Any
) -> LocalisedItem:
    """Return visit number `n` in `lang`: its narrative in the edition language, plus one
    English sentence quoted as original."""
    words = WORDS[lang]
    start = dt.date(2025, 4, day)
    original = Passage(ENGLISH, "en", "original") if lang != "en" else Passage(ENGLISH, "en")
    machine = Passage(words["prose"], lang, "machine", "en", "tiny-en-x 1.0")
    # Odd visits quote a machine-translated sentence, even ones an original English one.
    quotes, label = ((machine,), words["machine"]) if n % 2 and lang != "en" else \
        ((original,), words["quotes"])
    base = LocalisedItem(
        facts=facts(f"seeds/{n:03d}.txt", start, kind="other" if background else "visit"),
        is_background=background,
        heading=f"{words['visit']} {n} — Dunkerque",
        where_when=f"Dunkerque, Hauts-de-France · {start.isoformat()}",
        lead_line=f"{LEAD}, {words['role']}",
        people=tuple(f"Nguyễn Văn An {i}, {words['role']} (Région {i})" for i in range(people)),
        sectors=words["sectors"][: 1 + n % 3],
        figures=(FigureLine(words["figure"], words["what"]),),
        narrative=(f"{LEAD}: {words['prose']}",),
        agreements=(words["agreement"],),
        quotes=quotes,
        quote_label=label,
        source_line=f"{words['source']}: VNA, {start.isoformat()}",
        place="Dunkerque",
    )
    return replace(base, **changes)


def edition(
    lang: str = "vi", audience: str = "business", visits: int = 3, **item_changes: Any
) -> Edition:
    """Return an April 2025 edition of `visits` visits plus one background item."""
    items = tuple(item(lang, n, day=1 + n % 28, **item_changes) for n in range(visits))
    background = item(lang, 99, background=True)
    notes = (
        (TranslationNote("en", lang, None, 2), TranslationNote("fr", lang, "tiny-fr-x 1.0", 1))
        if lang != "en"
        else ()
    )
    day = dt.date(2025, 5, 2)
    everything = items + (background,)
    return Edition(
        month="2025-04",
        audience=audience,  # type: ignore[arg-type]
        lang=lang,  # type: ignore[arg-type]
        edition_date=day,
        items=everything,
        text=edition_text("2025-04", audience, lang, day, everything, notes),  # type: ignore[arg-type]
        translation_notes=notes,
    )
