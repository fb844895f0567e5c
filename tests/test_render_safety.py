"""Safe to render: hostile article text is printed, never fetched, read or executed;
a glyph missing from the edition's own text stops the build."""

from __future__ import annotations

import logging
import socket
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfReader
from render_editions import edition, item

from briefing import fonts, i18n, render
from briefing.errors import RenderError
from briefing.fetcher import AssetFetcher, RefusedURL, font_url, static_url
from briefing.models import Edition, Passage


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> render.Renderer:
    return render.Renderer(tmp_path_factory.mktemp("out"))


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP port on 127.0.0.1 that records whether anybody connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def connected(server: socket.socket) -> bool:
    try:
        client, _ = server.accept()
    except BlockingIOError:
        return False
    client.close()
    return True


def text_of(data: bytes) -> str:
    pages = PdfReader(BytesIO(data)).pages
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in pages))


def hostile(lang: str, text: str) -> Edition:
    visit = item(lang, 1, quotes=(Passage(text, lang),), heading="Visite 1")
    return replace(edition(lang, visits=0), items=(visit,))


@pytest.mark.hostile("articles")
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/a.png",
        "data:text/css,body{color:red}",
        "/etc/passwd",
        "../../etc/passwd",
        "briefing:static/../../../../etc/passwd",
        "briefing:font/../../etc/passwd/400/normal",
        "briefing:font/dejavu-sans/400/normal",
        "briefing:other",
    ],
)
def test_fetcher_refuses_everything_but_our_assets(url: str) -> None:
    fetcher = AssetFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url] and fetcher.served == []


def test_fetcher_serves_our_stylesheet_and_fonts() -> None:
    fetcher = AssetFetcher()
    css = fetcher.fetch(static_url(render.STYLESHEET))
    assert css.content_type == "text/css" and b"@page" in css.read()
    assert (
        fetcher.fetch(font_url("Be Vietnam Pro", 700, "normal")).read()[:4] == b"\x00\x01\x00\x00"
    )


@pytest.mark.hostile("articles")
def test_markup_in_article_text_is_printed_not_fetched(
    renderer: render.Renderer, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    smuggled = (
        f'<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
        f'<img src="http://127.0.0.1:{port}/p.png"> <script>alert(1)</script>'
    )
    served_before = len(renderer.fetcher.served)
    data = renderer.pdf_bytes(hostile("en", smuggled))
    text = " ".join(text_of(data).split())
    assert '<img src="file:///etc/passwd">' in text and "<script>alert(1)</script>" in text
    assert "root:x:0:0" not in text
    assert not connected(listener)
    assert renderer.fetcher.refused == []  # escaped markup never even became a URL
    assert all(url.startswith("briefing:") for url in renderer.fetcher.served[served_before:])


@pytest.mark.hostile("articles")
def test_fetcher_blocks_raw_html_with_external_resources(listener: socket.socket) -> None:
    """If markup ever reached WeasyPrint unescaped, the fetcher would still refuse it."""
    port = listener.getsockname()[1]
    fetcher = AssetFetcher()
    html = (
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
        f'<img src="file:///etc/passwd"><img src="http://127.0.0.1:{port}/i.png">'
        '<p style="background: url(file:///etc/hostname)">x</p>'
    )
    weasyprint.HTML(string=html, base_url=static_url(""), url_fetcher=fetcher).write_pdf()
    assert not connected(listener)
    assert fetcher.served == []
    assert set(fetcher.refused) == {
        f"http://127.0.0.1:{port}/x.css",
        "file:///etc/passwd",
        f"http://127.0.0.1:{port}/i.png",
        "file:///etc/hostname",
    }


@pytest.mark.hostile("articles")
def test_template_syntax_in_article_text_is_printed_literally(renderer: render.Renderer) -> None:
    text = "Budget {{ 7*7 }} {% if true %}yes{% endif %} {# note #} ${x} %(name)s"
    printed = " ".join(text_of(renderer.pdf_bytes(hostile("fr", text))).split())
    assert text in printed and "49" not in printed


def test_missing_glyph_in_own_text_fails_the_build(renderer: render.Renderer) -> None:
    bad = replace(edition("vi", visits=1), items=(item("vi", 1, people=0, heading="Visit ☃ 1"),))
    with pytest.raises(RenderError, match=r"seeds/001.txt: heading: no glyph .* U\+2603"):
        renderer.pdf_bytes(bad)


def test_vietnamese_and_french_letters_all_have_glyphs() -> None:
    letters = (
        "ĂÂĐÊÔƠƯăâđêôơư"
        "ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ"
        "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
        "ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸàâæçéèêëîïôœùûüÿ«»€’–—…"
    )
    fonts.check_own_text([("letters", letters)])  # raises if one is missing


def test_catalog_strings_are_checked_for_glyphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = tmp_path / "vi" / "LC_MESSAGES" / "briefing.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Contents"\nmsgstr "Mục lục ☃"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(render.resources, "locales_dir", lambda: tmp_path)
    with pytest.raises(RenderError, match=r"briefing.po: msgid 'Contents': no glyph"):
        render.Renderer(tmp_path / "out").html(edition("vi"))


@pytest.mark.hostile("articles")
def test_emoji_and_rtl_in_prose_fall_back_to_a_font(
    renderer: render.Renderer, caplog: pytest.LogCaptureFixture
) -> None:
    text = "Rencontre 😀 avec la communauté — שלום עולם — مرحبا بكم"
    with caplog.at_level(logging.WARNING, logger="briefing.fonts"):
        printed = " ".join(text_of(renderer.pdf_bytes(hostile("fr", text))).split())
    assert "😀" in printed and "Rencontre" in printed
    assert caplog.records == []


@pytest.mark.hostile("articles")
def test_character_no_font_has_is_replaced_visibly_with_a_warning(
    renderer: render.Renderer, caplog: pytest.LogCaptureFixture
) -> None:
    assert fonts.missing("🧿", fonts.any_coverage()) == ["🧿"]
    with caplog.at_level(logging.WARNING, logger="briefing.fonts"):
        printed = text_of(renderer.pdf_bytes(hostile("fr", "Un porte-bonheur 🧿 offert")))
    assert "[U+1F9FF]" in printed
    assert any(
        "seeds/001.txt" in r.getMessage() and "U+1F9FF" in r.getMessage() for r in caplog.records
    )


@pytest.mark.hostile("articles")
def test_running_title_cannot_break_out_of_its_css_string() -> None:
    quoted = str(render.css_string('Bản tin "x" </style><script>\\ \n'))
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not any(ch in inner for ch in '"<>\n') and "Bản tin" in inner
    assert "\\22 " in inner and "\\3c " in inner and "\\a " in inner


@pytest.mark.hostile("articles")
def test_a_translated_page_footer_cannot_break_out_of_its_css_string(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(i18n, "tr", lambda lang, message: 'P. "%(page)s"\n</style>%(pages)s')
    css = i18n.footer_css("fr")
    assert css.startswith('"P. \\22 " counter(page) "\\22 \\a \\3c /style\\3e " counter(pages)')
    assert "\n" not in css and "<" not in css


def test_installing_dejavu_sans_changes_the_render_hash(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    dejavu = tmp_path / "DejaVuSans.ttf"
    monkeypatch.setattr(fonts, "DEJAVU_PATHS", (dejavu,))
    without = fonts.versions()
    dejavu.write_bytes(b"a font file")
    assert fonts.versions() != without
