"""Reader: raw files (text, HTML, legacy encodings, junk) -> clean Article."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from support import corpus

from briefing.errors import InputError
from briefing.readers import article_from_text, decode, detect_language, read_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("0*.txt"))
CASES = corpus.by_name("cases").articles
assert CASES is not None
CLUTTER = ("See more", "Comment (0)", "Same tag", "No data", "(Photo:", "Photo: VNA", "Source:",
           "./.", "Same category", "photo 1", "— VNS")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_text_is_clean_nfc(path: Path) -> None:
    article = read_article(path)
    assert article.text == unicodedata.normalize("NFC", article.text)
    for clutter in CLUTTER:
        assert clutter not in article.text, clutter
    assert article.language == "en"
    assert article.source == str(path)


def test_see_more_block_is_dropped() -> None:
    article = read_article(ROOT / "seeds" / "001_a431705df6c6f53b.txt")
    assert "Prime Minister chairs regular government meeting" not in article.text
    assert article.text.rstrip().endswith("a regional hub for innovation and competition.")
    assert article.title == ("Vietnam, France seek to strengthen strategic partnership "
                             "through local cooperation")
    assert article.outlet == "VNA"


def test_a_links_box_inside_the_story_does_not_end_it() -> None:
    story = ("The delegation then travelled to the port city, where it held a working session"
             " with the regional development agency on training and logistics cooperation.")
    text = "\n\n".join([
        "Title of the article", "SGGP", "First paragraph of the story, long enough to be prose for sure.",
        "Second paragraph.", "Related news", "- Some other headline", "- Another headline",
        story, "Last paragraph of the story./.", "See more",
        "A long unrelated teaser paragraph that a site appends below every article it publishes"
        " so that readers keep clicking on more pages of the site.",
    ])
    body = article_from_text(text, "x.txt").text
    assert story in body and "headline" not in body
    assert "teaser" not in body  # after the article's own end: clutter, however long


@pytest.mark.parametrize("line, date", [
    ("By Tuoi Tre News  November 23, 2024, 10:14 GMT+7", dt.date(2024, 11, 23)),
    ("By Thanh Ha | 23 November 2024", dt.date(2024, 11, 23)),
    ("VOV.VN - March 14, 2025", dt.date(2025, 3, 14)),
    ("Cập nhật / Updated: Thứ Năm, 14/11/2024 10:32 (GMT+7)", dt.date(2024, 11, 14)),
])
def test_a_dated_byline_gives_the_publication_date(line: str, date: dt.date) -> None:
    article = article_from_text(f"{line}\n\nThe delegation met provincial leaders on Monday.", "x")
    assert article.publication_date == date and article.text.startswith("The delegation")


def test_photo_by_captions_are_dropped() -> None:
    text = ("The ambassador (L) and the provincial chairman in Da Lat. Photo by VnExpress/Thanh Ha"
            "\n\nThe delegation met provincial leaders on Monday.")
    assert article_from_text(text, "x").text == "The delegation met provincial leaders on Monday."


def test_date_header_at_the_very_top() -> None:
    article = read_article(ROOT / "seeds" / "002_6910fee4f42e6d0d.txt")
    assert article.publication_date == dt.date(2025, 7, 17)
    assert article.text.startswith("Việt Nam is boosting comprehensive cooperation")


def test_body_date_is_day_month_year_and_outlet_kept() -> None:
    article = read_article(ROOT / "seeds" / "003_154c2c7d1d8aac01.txt")
    assert article.publication_date == dt.date(2025, 3, 10)
    assert article.outlet == "Báo Nhân dân"
    assert "Báo Nhân dân" not in article.text
    assert "Mr. Daniel Ballester, Mayor of Valras-Plage, presented" not in article.text  # caption


def test_metadata_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("title: Envoy visits Bavaria\ndate: 2025-05-02\nsource: VNA\n\n"
                    "The ambassador paid a visit to Bavaria.\n\nHe met the minister.\n",
                    encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.publication_date, article.outlet) == (
        "Envoy visits Bavaria", dt.date(2025, 5, 2), "VNA")
    assert article.text.startswith("The ambassador paid a visit")


def test_decomposed_input_becomes_nfc(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    text = "Ambassador Đinh Toàn Thắng visited Hà Nội partners in France and met officials there."
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert read_article(path).text == text


@pytest.mark.parametrize("encoding, text", [
    ("cp1258", "Đại sứ Đinh Toàn Thắng đã thăm vùng Normandie của Pháp và làm việc "
               "với lãnh đạo địa phương."),
    ("cp1252", "L'ambassadeur a rencontré le préfet de région à Béziers, où les élèves étudient."),
    ("utf-16", "Ambassador Đinh Toàn Thắng met the mayor of Béziers during the visit."),
])
def test_legacy_and_utf16_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(_encode(text, encoding))
    assert read_article(path).text == unicodedata.normalize("NFC", text)


def _encode(text: str, encoding: str) -> bytes:
    """Encode like a legacy Windows editor: cp1258 writes tones as combining marks."""
    if encoding != "cp1258":
        return text.encode(encoding)
    out = b""
    for ch in text:
        try:
            out += ch.encode(encoding)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + tones).encode(encoding)
    return out


TONES = "\u0300\u0301\u0303\u0309\u0323"


@pytest.mark.hostile("articles")
def test_undecodable_bytes_fail_clearly() -> None:
    with pytest.raises(InputError, match=r"x\.txt: not UTF-8 .*cp1258"):
        decode(b"Hello \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d world " * 20, "x.txt")


@pytest.mark.hostile("articles")
@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"   \n\n  \t", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"text\x00with\x00nul\x00bytes" * 10, "binary file"),
])
def test_junk_files_fail_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.hostile("articles")
def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        read_article(path)


@pytest.mark.hostile("articles")
def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path)


@pytest.mark.hostile("articles")
def test_html_page_with_scripts_and_navigation() -> None:
    article = read_article(CASES / "103_quang_nam.html")
    assert article.title == "Korean Ambassador pays working visit to Quang Nam"
    assert article.publication_date == dt.date(2025, 5, 10)
    assert article.text.startswith("Korean Ambassador to Vietnam Choi Young-sam paid")
    for junk in ("gtag", "Advertisement", "Politics", "Copyright", "Prime Minister chairs",
                 "By Thu Trang", "<p>"):
        assert junk not in article.text, junk
    assert "\n\n" in article.text  # paragraphs kept


@pytest.mark.hostile("articles")
def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a=1;</script></head><body><div></div></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError, match="HTML page without article text"):
        read_article(path)


@pytest.mark.parametrize("text, lang", [
    ("L'ambassadeur du Vietnam a rencontré le maire et les représentants de la région.", "fr"),
    ("Đại sứ Việt Nam tại Pháp đã có chuyến thăm và làm việc với lãnh đạo của tỉnh.", "vi"),
    ("The ambassador met the mayor and the representatives of the region.", "en"),
])
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_updated_stamp_inside_the_text(tmp_path: Path) -> None:
    path = tmp_path / "stamp.txt"
    path.write_text("The ambassador visited Piedmont on 20 February and met the president.\n\n"
                    "He invited firms to the trade fair. Updated: 22/02/2025 10:30\n",
                    encoding="utf-8")
    article = read_article(path)
    assert article.publication_date == dt.date(2025, 2, 22)
    assert "Updated" not in article.text and article.text.endswith("trade fair.")


def test_html_lead_paragraph_outside_the_body_is_kept(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i} of the body says the delegation discussed trade, "
                   f"education and culture with local partners at length.</p>" for i in range(6))
    page = tmp_path / "lead.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Visit</title></head><body><article>"
        "<h1>Visit</h1><p class='sapo'>Some 250 companies from both sides joined a business "
        "forum held during the visit of the delegation.</p>"
        f"<div class='article__body'>{body}</div></article></body></html>", encoding="utf-8")
    text = read_article(page).text
    assert text.index("Some 250 companies") < text.index("Paragraph 0")
    assert text.count("Some 250 companies") == 1


@pytest.mark.parametrize("stamp, day", [("Wednesday, September 24, 2025 - 10:32", 24),
                                        ("September 19, 2025 - 17:04", 19),
                                        ("Update: September 6, 2025 - 08:12", 6),
                                        ("24 September 2025, 14:05", 24),
                                        ("Thu, September 18, 2025 | 14:30 GMT+7", 18),
                                        ("Saturday, Sep 20, 2025,10:40 (GMT+7)", 20),
                                        ("Mon. 8 Sept. 2025", 8)])
def test_header_stamp_with_a_month_name(tmp_path: Path, stamp: str, day: int) -> None:
    page = tmp_path / "stamp.txt"
    page.write_text(f"A title\n\n{stamp}\n\nThe ambassador visited the province on Tuesday "
                    "and met its leaders to discuss trade and education.\n", encoding="utf-8")
    article = read_article(page)
    assert article.publication_date == dt.date(2025, 9, day)
    assert "2025" not in article.text


@pytest.mark.parametrize("opening, published", [
    ("By Lan Anh | September 20, 2025\n\nThe delegation met the mayor on Monday in the town "
     "hall, where both sides discussed trade.", dt.date(2025, 9, 20)),
    ("Linz, 21 May 2025 – A delegation from the ministry made a working trip to the region "
     "from 19 to 20 May.", dt.date(2025, 5, 21)),
    ("Seville, October 16, 2025 (VNA) – The vice minister paid a working visit to the region "
     "on October 14-15.", dt.date(2025, 10, 16)),
])
def test_dated_bylines_and_datelines(tmp_path: Path, opening: str, published: dt.date) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"A headline about a visit\n\n{opening}\n", encoding="utf-8")
    article = read_article(path)
    assert article.publication_date == published
    assert "2025" not in article.text
