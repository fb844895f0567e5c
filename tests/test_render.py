"""Render stage: real PDFs from hand-built editions, opened and read back with pypdf."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from render_editions import LEAD, edition

from briefing import render
from briefing.errors import RenderError
from briefing.localise import build_edition


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> render.Renderer:
    return render.Renderer(tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def pdfs(renderer: render.Renderer) -> dict[tuple[str, str], Path]:
    done = renderer.render_all(
        edition(lang, audience)
        for lang in ("vi", "fr", "en")
        for audience in ("business", "diaspora")
    )
    return {(r.lang, r.audience): Path(r.path) for r in done}


def text_of(path: Path | bytes) -> str:
    reader = PdfReader(BytesIO(path) if isinstance(path, bytes) else path)
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_each_edition_is_written_once_under_its_month(pdfs: dict[tuple[str, str], Path]) -> None:
    assert len(pdfs) == 6
    assert pdfs[("vi", "business")].name == "briefing-2025-04-business-vi.pdf"
    assert pdfs[("vi", "business")].parent.name == "2025-04"


@pytest.mark.parametrize(
    ("lang", "month", "title"),
    [
        ("vi", "tháng 4 năm 2025", "Bản tin các chuyến thăm chính thức"),
        ("fr", "avril 2025", "Bulletin des visites officielles"),
        ("en", "April 2025", "Briefing on official visits"),
    ],
)
def test_lang_title_and_month(
    pdfs: dict[tuple[str, str], Path], lang: str, month: str, title: str
) -> None:
    reader = PdfReader(pdfs[(lang, "diaspora")])
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata is not None and reader.metadata.title.startswith(title)
    assert month in reader.metadata.title
    assert month in text_of(pdfs[(lang, "diaspora")])


def test_vietnamese_name_extracts_intact(pdfs: dict[tuple[str, str], Path]) -> None:
    text = text_of(pdfs[("vi", "business")])
    assert LEAD in text and unicodedata.is_normalized("NFC", LEAD)


def test_pages_cover_contents_visits_background_colophon(pdfs: dict[tuple[str, str], Path]) -> None:
    reader = PdfReader(pdfs[("fr", "business")])
    pages = [squeeze(page.extract_text()) for page in reader.pages]
    assert len(pages) >= 3
    assert "Bulletin des visites officielles" in pages[0] and "Page 1" not in pages[0]
    # the contents and the first visit follow the overview on the cover: no near-empty page
    assert "Sommaire" in pages[0] and "Visite 0 — Dunkerque" in pages[0]
    assert "Page 2 sur" in pages[1]  # the localised footer, with the page count
    assert f"Page {len(pages)} sur {len(pages)}" in pages[-1]
    assert "Contexte" in " ".join(pages)
    assert "À propos de ce bulletin" in pages[-1]


def test_audiences_order_their_blocks_differently(pdfs: dict[tuple[str, str], Path]) -> None:
    business = squeeze(text_of(pdfs[("en", "business")]))
    diaspora = squeeze(text_of(pdfs[("en", "diaspora")]))
    first = business.index("Visit 0 — Dunkerque Dunkerque")
    assert business.index("Key figures", first) < business.index("Agreements and next steps", first)
    first = diaspora.index("Visit 0 — Dunkerque Dunkerque")
    assert diaspora.index("Upcoming events", first) < diaspora.index("In figures", first)
    assert "Businesses and investors" in business and "Businesses and investors" not in diaspora


def test_machine_and_original_passages_are_labelled(pdfs: dict[tuple[str, str], Path]) -> None:
    vi = text_of(pdfs[("vi", "diaspora")]).upper()
    fr = text_of(pdfs[("fr", "diaspora")]).upper()
    assert "NGUYÊN VĂN TIẾNG ANH" in vi and "TEXTE ORIGINAL EN ANGLAIS" in fr
    assert "DỊCH MÁY" in vi
    assert "TRADUCTION AUTOMATIQUE" in fr


def test_colophon_names_the_model_and_the_missing_pair(pdfs: dict[tuple[str, str], Path]) -> None:
    text = squeeze(text_of(pdfs[("fr", "business")]))
    assert "tiny-fr-x 1.0" in text
    assert "anglais" in text.split("À propos de ce bulletin")[-1]


def test_chart_is_drawn_with_localised_labels(pdfs: dict[tuple[str, str], Path]) -> None:
    assert "Secteurs de coopération" in text_of(pdfs[("fr", "business")])
    assert "Các chuyến thăm trong tháng" in text_of(pdfs[("vi", "diaspora")])


@pytest.mark.parametrize("visits", [1, 2])
def test_a_month_of_few_visits_has_no_contents_and_no_chart(visits: int) -> None:
    html = render.Renderer(Path("unused")).html(edition("fr", "business", visits=visits))
    assert "Sommaire" not in html and "<svg" not in html


def test_flat_sector_bars_give_way_to_the_calendar() -> None:
    same = edition("fr", "business", visits=3, sectors=("Commerce",))
    html = render.Renderer(Path("unused")).html(same)
    assert "Les visites du mois, jour par jour" in html
    assert "Secteurs de coopération" not in html


def test_fonts_are_embedded_and_subset(pdfs: dict[tuple[str, str], Path]) -> None:
    reader = PdfReader(pdfs[("vi", "business")])
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = descriptor
    assert fonts and any("Be-Vietnam-Pro" in name for name in fonts)
    for name, descriptor in fonts.items():
        assert name.lstrip("/")[6] == "+", name  # ABCDEF+Name marks a subset
        embedded = descriptor["/FontFile2"].get_object().get_data()
        assert 1000 < len(embedded) < 60_000, name  # the full faces are 130 KB or more


def test_pdf_is_tagged_for_accessibility(pdfs: dict[tuple[str, str], Path]) -> None:
    root = PdfReader(pdfs[("en", "business")]).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_same_inputs_give_the_same_bytes(renderer: render.Renderer) -> None:
    one = renderer.pdf_bytes(edition("vi", "business"))
    again = render.Renderer(renderer.out_dir).pdf_bytes(edition("vi", "business"))
    assert one == again


def test_same_bytes_from_another_process(renderer: render.Renderer, tmp_path: Path) -> None:
    # Another interpreter with another hash seed: no set or dict order may leak into the PDF.
    script = (
        "import sys; from render_editions import edition; from briefing import render; "
        "sys.stdout.buffer.write(render.Renderer(sys.argv[1]).pdf_bytes(edition('fr', 'diaspora')))"
    )
    root = Path(__file__).resolve().parent
    env = {
        **os.environ,
        "PYTHONHASHSEED": "12345",
        "PYTHONPATH": os.pathsep.join([str(root.parent), str(root)]),
    }
    child = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True, check=True
    )
    assert child.stdout == renderer.pdf_bytes(edition("fr", "diaspora"))


def test_source_date_epoch_sets_the_pdf_dates(
    renderer: render.Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    reader = PdfReader(BytesIO(renderer.pdf_bytes(edition("en", "business"))))
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == "D:20231114221320Z"


def test_unchanged_inputs_are_skipped_and_changes_rerender(tmp_path: Path) -> None:
    editions = [edition("en", "business"), edition("en", "diaspora")]
    first = render.Renderer(tmp_path).render_all(editions)
    assert [r.skipped for r in first] == [False, False]
    warm = render.Renderer(tmp_path).render_all(editions)
    assert [r.skipped for r in warm] == [True, True]
    changed = replace(editions[0], items=editions[0].items[:1])
    again = render.Renderer(tmp_path).render_all([changed, editions[1]])
    assert [r.skipped for r in again] == [False, True]
    manifest = json.loads((tmp_path / render.MANIFEST).read_text())
    assert set(manifest) == {
        "2025-04/briefing-2025-04-business-en.pdf",
        "2025-04/briefing-2025-04-diaspora-en.pdf",
    }


def test_a_damaged_pdf_is_rendered_again(tmp_path: Path) -> None:
    one = edition("en", "business")
    path = Path(render.Renderer(tmp_path).render(one).path)
    path.write_bytes(b"%PDF-1.7 truncated")
    again = render.Renderer(tmp_path).render(one)
    assert not again.skipped and PdfReader(path).pages


def test_duplicates_render_once(tmp_path: Path) -> None:
    done = render.Renderer(tmp_path).render_all([edition("en"), edition("en")])
    assert len(done) == 1


def test_no_temporary_files_are_left(pdfs: dict[tuple[str, str], Path]) -> None:
    folder = pdfs[("en", "business")].parent
    assert not [p.name for p in folder.parent.rglob(".*")]


def test_pdf_a_variant_by_option(tmp_path: Path) -> None:
    data = render.Renderer(tmp_path, pdf_variant="pdf/a-3u").pdf_bytes(edition("fr"))
    root = PdfReader(BytesIO(data)).trailer["/Root"]
    metadata = root["/Metadata"].get_object().get_data()
    assert b"pdfaid" in metadata and root["/Lang"] == "fr"
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"


def test_unknown_variant_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="pdf_variant 'pdf/z'"):
        render.Renderer(tmp_path, pdf_variant="pdf/z")


def test_edition_without_visits_still_renders(renderer: render.Renderer) -> None:
    empty = build_edition("2025-04", "diaspora", "fr", (), edition("fr").edition_date)
    text = squeeze(text_of(renderer.pdf_bytes(empty)))
    # One sentence says it, once: not "0 visite ce mois-ci." and then "Aucune visite…".
    assert text.count("Aucune visite n’a été rapportée ce mois-ci.") == 1
    assert "0 visite" not in text


def test_contents_gives_the_page_of_each_visit(pdfs: dict[tuple[str, str], Path]) -> None:
    pages = [squeeze(page.extract_text()) for page in PdfReader(pdfs[("fr", "business")]).pages]
    for heading in ("Visite 0 — Dunkerque", "Visite 2 — Dunkerque"):
        # the contents list is on the cover (page 1): there the heading appears once more
        number = next(n for n, text in enumerate(pages, 1) if text.count(heading) > (n == 1))
        assert f"{heading} {number}" in pages[0].split("Sommaire", 1)[1]


def test_render_only_arranges_the_strings_the_edition_carries() -> None:
    base = edition("fr", "business", visits=3)
    strings = replace(base.text, title="Titre posé", overview="Aperçu posé",
                      page_footer="Feuille %(page)s", sectors_chart_title="Graphique posé",
                      calendar_title="Calendrier posé")
    html = render.Renderer(Path("unused")).html(replace(base, text=strings))
    assert "<title>Titre posé</title>" in html and "Aperçu posé" in html
    assert "Feuille" in html and ("Graphique posé" in html or "Calendrier posé" in html)
