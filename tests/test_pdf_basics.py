"""PDFs rendered from hand-built facts, opened and read back with pypdf."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from factories import make_facts
from pypdf import PdfReader

from briefing import render
from briefing.localise import KeepOriginal, NameBook, build_edition, localise_item, translate_prose
from briefing.models import Person

MOJIBAKE = ("Ã", "Â", "Ä‘", "á»", "\ufffd")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    facts = [make_facts(),
             make_facts(source="b.txt", lead_official=Person("Dinh Toan Thang", "Ambassador"))]
    translator = KeepOriginal()
    prose = translate_prose(facts, ["vi", "fr", "en"], translator)
    names = NameBook(facts)
    paths = {}
    for lang in ("vi", "fr", "en"):
        items = [localise_item(f, "diaspora", lang, prose, names) for f in facts]
        edition = build_edition("2025-07", "diaspora", lang, items, dt.date(2025, 8, 1), translator.notes())
        paths[lang] = Path(render.render_pdf(edition, out).path)
    return paths


def text_of(path: Path) -> str:
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def test_file_is_named_by_month_audience_and_language(pdfs: dict[str, Path]) -> None:
    assert pdfs["vi"].name == "briefing-2025-07-diaspora-vi.pdf"
    assert pdfs["vi"].parent.name == "2025-07"


def test_vietnamese_edition_names_the_month_in_vietnamese(pdfs: dict[str, Path]) -> None:
    text = text_of(pdfs["vi"])
    assert "tháng 7 năm 2025" in text
    assert "July" not in text


def test_french_edition_names_the_month_in_french(pdfs: dict[str, Path]) -> None:
    assert "juillet 2025" in text_of(pdfs["fr"])


def test_vietnamese_name_extracts_intact_and_spellings_are_grouped(pdfs: dict[str, Path]) -> None:
    text = text_of(pdfs["vi"])
    assert "Đinh Toàn Thắng" in text
    assert "Dinh Toan Thang" not in text  # the same person prints in the diacritic form


@pytest.mark.parametrize("lang", ["vi", "fr", "en"])
def test_no_mojibake(pdfs: dict[str, Path], lang: str) -> None:
    text = text_of(pdfs[lang])
    assert not [m for m in MOJIBAKE if m in text]


@pytest.mark.parametrize(("lang", "title_start"), [
    ("vi", "Bản tin các chuyến thăm chính thức"),
    ("fr", "Bulletin des visites officielles"),
    ("en", "Briefing on official visits"),
])
def test_lang_and_title_metadata(pdfs: dict[str, Path], lang: str, title_start: str) -> None:
    reader = PdfReader(pdfs[lang])
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata is not None and reader.metadata.title.startswith(title_start)


def test_untranslated_prose_is_labelled_in_the_edition_language(pdfs: dict[str, Path]) -> None:
    assert "Nguyên văn tiếng Anh".upper() in text_of(pdfs["vi"]).upper()
    assert "Texte original en anglais".upper() in text_of(pdfs["fr"]).upper()


@pytest.mark.parametrize(("lang", "expected"), [("fr", "13e édition"), ("vi", "lần thứ 13"), ("en", "edition 13")])
def test_ordinal_units_read_naturally(lang: str, expected: str) -> None:
    from briefing.localise import format_figure
    from briefing.models import Figure

    assert format_figure(Figure(13, "edition", "conference", "The 13th conference.", 0), lang) == expected
