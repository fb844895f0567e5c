"""Localising facts: figure labels, agreement lines and quotations in each language."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from factories import make_facts

from briefing.localise import KeepOriginal, NameBook, build_edition, localise_item, translate_prose
from briefing.models import Agreement, Facts, Figure, LocalisedItem, Statement
from briefing.render import Renderer


def localised(facts: Facts, lang: str, audience: str = "business") -> LocalisedItem:
    prose = translate_prose([facts], [lang], KeepOriginal())
    return localise_item(facts, audience, lang, prose, NameBook([facts]))  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "label"), [
    ("vi", "Kim ngạch thương mại Việt Nam–Pháp năm 2024"),
    ("fr", "Échanges commerciaux Viêt Nam–France en 2024"),
    ("en", "Trade turnover (Vietnam–France) in 2024"),
])
def test_a_figure_prints_its_kind_parties_and_year_in_the_edition_language(lang: str, label: str) -> None:
    first = localised(make_facts(), lang).figures[0]
    assert first.label == label
    assert first.known


@pytest.mark.parametrize(("lang", "neutral"), [("vi", "Số liệu khác"), ("fr", "Autre donnée"),
                                               ("en", "Other figure")])
def test_a_figure_without_kind_has_a_neutral_label_and_its_sentence_quoted(lang: str, neutral: str) -> None:
    odd = Figure(4, "factors", "four key factors", "The ambassador outlined four key factors.", 2)
    item = localised(make_facts(figures=(odd,)), lang)
    assert [(f.label, f.known) for f in item.figures] == [(neutral, False)]
    assert item.quotes[0].text == "The ambassador outlined four key factors."


@pytest.mark.parametrize(("lang", "line"), [
    ("vi", "Đề xuất: hoạt động giao lưu văn hóa"),
    ("fr", "Proposition\u202f: des manifestations culturelles"),
    ("en", "Proposed: cultural events"),
])
def test_an_agreement_prints_as_a_localised_line(lang: str, line: str) -> None:
    assert localised(make_facts(), lang).agreements == (line,)


def test_an_agreement_line_names_its_sectors_and_parties() -> None:
    sentence = "Mayor Marc Lecerf proposed a twinning with a Vietnamese locality for sport."
    facts = make_facts(sentences=("s",) * 6 + (sentence,),
                       agreements=(Agreement(sentence, 6, kind="proposed", action="twinning",
                                             sectors=("sport",)),))
    [line] = localised(facts, "vi").agreements
    assert line == ("Đề xuất: thiết lập quan hệ kết nghĩa trong lĩnh vực hợp tác địa phương và "
                    "thể thao (Thị trưởng Marc Lecerf)")


def test_a_statement_that_records_no_agreement_prints_no_line() -> None:
    facts = make_facts(agreements=(Statement("He detailed the vision", 3),))
    assert localised(facts, "fr").agreements == ()


@pytest.mark.parametrize("lang", ["vi", "fr", "en"])
def test_no_agreement_line_is_a_trimmed_clause(lang: str) -> None:
    cut = Agreement("The ambassador proposed initiatives such as establishing offices and…", 6,
                    kind="proposed", action="representative_office")
    [line] = localised(make_facts(agreements=(cut,)), lang).agreements
    assert "…" not in line and "..." not in line


def test_quotations_are_at_most_three_sentences_after_the_narrative() -> None:
    many = tuple(Statement(f"Sentence number {n} about the port.", n) for n in range(6))
    item = localised(make_facts(highlights_business=many), "vi")
    assert 1 <= len(item.quotes) <= 3
    assert item.quote_label == "Trích bài báo (nguyên văn tiếng Anh)"
    assert all(q.status == "original" and q.lang == "en" for q in item.quotes)


def test_french_quotations_are_labelled_in_french() -> None:
    assert localised(make_facts(), "fr").quote_label == "Extraits de l’article (texte original en anglais)"


def test_english_edition_quotes_the_article_as_source() -> None:
    item = localised(make_facts(), "en")
    assert item.quote_label == "From the article"
    assert all(q.status == "source" for q in item.quotes)


def test_business_figures_lead_with_trade_and_diaspora_with_students() -> None:
    assert localised(make_facts(), "en", "business").figures[0].label.startswith("Trade turnover")
    assert localised(make_facts(), "en", "diaspora").figures[0].label == "Students"


def test_a_background_item_has_a_narrative_and_no_visit_sentence() -> None:
    facts = replace(make_facts(), kind="interview", visit_start=None, visit_end=None)
    item = localised(facts, "fr")
    assert item.is_background
    assert "entretien" in item.narrative[0]
    assert "délégation" not in " ".join(item.narrative)


def test_a_party_inside_brackets_takes_its_title_after_a_comma_in_french() -> None:
    sentence = "Mayor Marc Lecerf proposed a twinning with a Vietnamese locality."
    facts = make_facts(sentences=("s",) * 6 + (sentence,),
                       agreements=(Agreement(sentence, 6, kind="proposed", action="twinning"),))
    assert localised(facts, "fr").agreements == (
        "Proposition\u202f: un jumelage – coopération décentralisée (Marc Lecerf, maire)",)


def test_the_narrative_does_not_repeat_a_unit_as_its_label() -> None:
    company = Figure(20, "businesses", "about 20 French businesses", "About 20 French businesses came.",
                     2, kind="companies")
    text = " ".join(localised(make_facts(figures=(company,)), "vi").narrative)
    assert "20 doanh nghiệp." in text and "(doanh nghiệp)" not in text


def test_an_item_whose_sentences_are_all_long_still_quotes_the_shortest() -> None:
    long_ones = tuple(Statement(" ".join(["word"] * n) + ".", n) for n in (45, 36, 60))
    item = localised(make_facts(highlights_business=long_ones, agreements=()), "fr")
    assert [len(q.text.split()) for q in item.quotes] == [36]


def _unknown(n: int, words: int = 8) -> Figure:
    """A figure no kind fits, in a sentence of `words` words."""
    sentence = " ".join([f"Delegates listed {n} pillars"] + ["more"] * (words - 5) + ["today."])
    return Figure(n, "pillars", f"{n} pillars", sentence, n)


@pytest.mark.parametrize(("lang", "neutral", "quoted_note", "article_note"), [
    ("vi", "Số liệu khác", "(xem trích dẫn bên dưới)", "(xem bài báo gốc)"),
    ("fr", "Autre donnée", "(voir la citation ci-dessous)", "(voir l’article d’origine)"),
    ("en", "Other figure", "(see the quotation below)", "(see the original article)"),
])
def test_every_figure_of_unknown_kind_is_printed_even_past_the_quotation_budget(
        lang: str, neutral: str, quoted_note: str, article_note: str) -> None:
    odd = tuple(_unknown(n, words=12) for n in (3, 4, 5, 6))  # 48 words: not all fit
    item = localised(make_facts(figures=odd), lang)
    assert [(f.value, f.label) for f in item.figures] == [(str(n), neutral) for n in (3, 4, 5, 6)]
    quoted = {q.text for q in item.quotes}
    for figure, line in zip(odd, item.figures, strict=True):
        assert line.note == (quoted_note if figure.sentence_text in quoted else article_note)
    assert {line.note for line in item.figures} == {quoted_note, article_note}


def test_the_sentences_of_figures_of_unknown_kind_come_before_the_highlights() -> None:
    odd = (_unknown(3), _unknown(4))
    item = localised(make_facts(figures=odd), "fr")
    assert [q.text for q in item.quotes][:2] == [f.sentence_text for f in odd]
    assert all(line.note == "(voir la citation ci-dessous)" for line in item.figures)


def test_a_figure_sentence_a_little_over_the_budget_is_quoted_alone() -> None:
    long_one = _unknown(7, words=34)
    item = localised(make_facts(figures=(long_one,)), "vi")
    assert [q.text for q in item.quotes] == [long_one.sentence_text]


def test_a_figure_of_known_kind_carries_no_note() -> None:
    assert all(line.known and not line.note for line in localised(make_facts(), "fr").figures)


def test_a_background_item_prints_its_figures_of_unknown_kind_too() -> None:
    facts = replace(make_facts(figures=(_unknown(6, words=70),)), kind="interview")
    [line] = localised(facts, "en").figures
    assert (line.value, line.label, line.note) == ("6", "Other figure", "(see the original article)")


@pytest.mark.skipif(not Path("/usr/bin/pdftotext").exists(), reason="needs pdftotext (poppler-utils)")
def test_the_pdf_prints_every_figure_of_unknown_kind_with_its_note(tmp_path: Path) -> None:
    odd = tuple(_unknown(n, words=12) for n in (3, 4, 5, 6))
    item = localised(make_facts(figures=odd), "fr")
    edition = build_edition("2025-07", "business", "fr", [item], dt.date(2025, 8, 1))
    [done] = Renderer(tmp_path).render_all([edition])
    text = subprocess.run(["pdftotext", "-layout", done.path, "-"], capture_output=True, text=True,
                          check=True).stdout
    rows = [line.split() for line in text.splitlines() if "Autre donnée" in line]
    assert sorted(row[0] for row in rows) == ["3", "4", "5", "6"]
    assert sum("citation ci-dessous" in " ".join(row) for row in rows) == 2
    assert sum("l’article d’origine" in " ".join(row) for row in rows) == 2
    assert "Delegates listed 3 pillars" in text  # the first sentences, in the quotations


@pytest.mark.parametrize(("value", "unit", "lang", "text"), [
    (1, "billion VND", "fr", "1 milliard VND"),  # Babel alone says "1 milliards"
    (1.5, "billion USD", "fr", "1,5 milliard USD"),
    (2, "billion USD", "fr", "2 milliards USD"),
    (500, "thousand USD", "fr", "500\u202f000 USD"),  # not "500 mille USD"
    (5.4, "billion USD", "vi", "5,4 tỷ USD"),
])
def test_amounts_read_as_each_language_writes_them(value: float, unit: str, lang: str, text: str) -> None:
    from briefing.localise import format_figure
    assert format_figure(Figure(value, unit, "", "", 0), lang) == text


@pytest.mark.parametrize(("lang", "line"), [
    ("vi", "Nguồn: VNS, 17 tháng 7 năm 2025"),
    ("fr", "Source\u202f: VNS, 17 juillet 2025"),
    ("en", "Source: VNS, 17 July 2025"),
])
def test_the_source_line_dates_the_article_as_the_edition_writes_dates(lang: str, line: str) -> None:
    assert localised(make_facts(), lang).source_line == line


def test_the_french_narrative_names_the_delegation_not_an_ambiguous_elle() -> None:
    text = " ".join(localised(make_facts(), "fr").narrative)
    assert "La délégation s’est entretenue avec le directeur général Delphine Wahl" in text
    assert "Elle " not in text
