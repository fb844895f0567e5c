"""Bad input keeps its shape: long words and URLs wrap, long lists and tables split across
pages, crowded months paginate; no box is laid out outside the page's content area."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
import weasyprint
from render_editions import edition, item
from weasyprint.formatting_structure import boxes

from briefing import render
from briefing.models import Edition, Passage

TOLERANCE = 1.0  # CSS px


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> render.Renderer:
    return render.Renderer(tmp_path_factory.mktemp("out"))


def overflows(document: weasyprint.Document) -> list[str]:
    """Describe every text, image or line box that sticks out of its page's content area."""
    found = []
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue  # header and footer live in the margins by design
            for box in child.descendants():
                if not isinstance(box, boxes.TextBox | boxes.LineBox | boxes.ReplacedBox):
                    continue
                start, end = box.position_x, box.position_x + box.margin_width()
                if start < left - TOLERANCE or end > right + TOLERANCE:
                    text = getattr(box, "text", type(box).__name__)
                    found.append(
                        f"page {number}: {text[:40]!r} spans {start:.0f}-{end:.0f}, "
                        f"content area {left:.0f}-{right:.0f}"
                    )
    return found


def page_texts(document: weasyprint.Document) -> list[str]:
    texts = []
    for page in document.pages:
        parts = [box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox)]
        texts.append(unicodedata.normalize("NFC", " ".join(parts)))
    return texts


def with_prose(base: Edition, text: str) -> Edition:
    items = tuple(replace(i, quotes=(Passage(text, base.lang),)) for i in base.items)
    return replace(base, items=items)


def test_the_overflow_check_can_fail() -> None:
    html = '<p style="overflow-wrap: normal; width: 50mm">' + "x" * 400 + "</p>"
    assert overflows(weasyprint.HTML(string=html).render())


def test_long_words_and_urls_wrap(renderer: render.Renderer) -> None:
    word = "Kinh" * 150
    url = "https://example.org/" + "/".join(["segment-without-spaces"] * 20) + "?q=" + "9" * 80
    long_one = with_prose(edition("fr", visits=2), f"{word} {url}")
    long_one = replace(
        long_one,
        items=tuple(
            replace(
                i,
                heading=i.heading + " " + "Dunkerque" * 20,
                people=(url,),
                source_line=f"Source : {url}",
            )
            for i in long_one.items
        ),
    )
    document = renderer.document(long_one)
    assert overflows(document) == []
    assert url[:30] in " ".join(page_texts(document))


@pytest.mark.parametrize("audience", ["business", "diaspora"])
def test_forty_counterparts_split_across_pages(renderer: render.Renderer, audience: str) -> None:
    crowded = edition("vi", audience, visits=1, people=40)
    document = renderer.document(crowded)
    assert overflows(document) == []
    text = " ".join(page_texts(document))
    assert "Nguyễn Văn An 0," in text and "Nguyễn Văn An 39," in text


def test_a_visit_with_nobody_named(renderer: render.Renderer) -> None:
    lonely = edition(
        "en", "business", visits=1, people=0, lead_line=None, figures=(), sectors=(), agreements=()
    )
    document = renderer.document(lonely)
    assert overflows(document) == []
    assert "Officials and companies met" not in " ".join(page_texts(document))


def test_a_month_with_twenty_five_visits(renderer: render.Renderer) -> None:
    busy = edition("fr", "diaspora", visits=25)
    document = renderer.document(busy)
    assert overflows(document) == []
    texts = page_texts(document)
    assert len(texts) > 10
    assert "Visite 24 — Dunkerque" in " ".join(texts)
    assert f"Page {len(texts)} sur {len(texts)}" in texts[-1]


def test_many_figures_make_a_table_that_splits(renderer: render.Renderer) -> None:
    figures = item("en", 1).figures * 60
    tall = replace(edition("en", "business", visits=1), items=(item("en", 1, figures=figures),))
    document = renderer.document(tall)
    assert overflows(document) == []
    tables = [page for page in page_texts(document) if "5.4 billion USD" in page]
    assert len(tables) >= 2  # the table continued on the next page


def test_rtl_and_emoji_prose_stay_inside_the_page(renderer: render.Renderer) -> None:
    text = ("שלום עולם " * 40) + ("مرحبا بكم في فرنسا " * 30) + ("😀🎉 " * 50)
    document = renderer.document(with_prose(edition("en", visits=1), text))
    assert overflows(document) == []
