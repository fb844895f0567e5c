"""The narrative and the lines built from sentence frames, fed with awkward facts.

Each frame is exercised in each language with facts an article may well give: no date,
no lead, forty counterparts, only an organisation met, a figure with no kind, an
agreement with no parties, names in scripts other than Latin.  Every result must be
grammatical sentences: no placeholder left, no doubled space, no list of nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from factories import make_facts

from briefing import narrative
from briefing.localise import KeepOriginal, NameBook, localise_item, translate_prose
from briefing.models import Agreement, Facts, Figure, LocalisedItem, Person

LANGS = ["vi", "fr", "en"]
EMPTY_LIST = re.compile(r"(?:\b(?:and|et|và)|,)\s*(?:[.,;:)]|$)|\(\s*\)|:\s*\.")


def localised(facts: Facts, lang: str, audience: str = "business") -> LocalisedItem:
    prose = translate_prose([facts], [lang], KeepOriginal())
    return localise_item(facts, audience, lang, prose, NameBook([facts]))  # type: ignore[arg-type]


def written(item: LocalisedItem) -> list[str]:
    return [*item.narrative, *item.agreements, *(f.label for f in item.figures), item.where_when,
            item.heading]


def assert_well_formed(texts: list[str]) -> None:
    for text in texts:
        assert "%(" not in text and ")s" not in text.replace("(s)", ""), text
        assert "  " not in text and text == text.strip(), repr(text)
        assert not EMPTY_LIST.search(text), text
        assert "None" not in text and "[]" not in text, text


def assert_sentences(paragraphs: tuple[str, ...]) -> None:
    for paragraph in paragraphs:
        assert not paragraph[:1].islower(), paragraph  # a capital, a digit or a caseless script
        assert paragraph.endswith("."), paragraph


AWKWARD = {
    "no date": dict(visit_start=None, visit_end=None, date_confidence="unknown"),
    "no lead": dict(lead_official=None),
    "forty counterparts": dict(counterparts=tuple(Person(f"Person Number{i}", "mayor") for i in range(40))),
    "only an organisation met": dict(counterparts=(Person(None, None, "Normandy Regional Council"),)),
    "no counterparts, no sectors, no figures": dict(counterparts=(), sectors=(), figures=(),
                                                    agreements=()),
    "figure with no kind": dict(figures=(Figure(4, "factors", "four key factors",
                                                "He outlined four key factors.", 2),)),
    "agreement with no parties": dict(agreements=(Agreement("A forum will be held next year", 6,
                                                            kind="planned", action="forum"),)),
    "non-Latin names": dict(lead_official=Person("김영희", "Governor"),
                            counterparts=(Person("Сергей Иванов", "mayor"),
                                          Person("山田太郎", "Vice Governor"),
                                          Person("محمد علي", None, "مجلس المدينة"))),
    "no place": dict(region=None, cities=(), host_country=None),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(AWKWARD))
def test_awkward_visits_still_read_as_sentences(case: str, lang: str) -> None:
    item = localised(replace(make_facts(), **AWKWARD[case]), lang)
    assert item.narrative
    assert_sentences(item.narrative)
    assert_well_formed(written(item))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["interview", "other"])
@pytest.mark.parametrize("case", ["full", "nothing known"])
def test_interviews_and_background_items_read_as_sentences(lang: str, kind: str, case: str) -> None:
    facts = replace(make_facts(), kind=kind, visit_start=None, visit_end=None)
    if case == "nothing known":
        facts = replace(facts, lead_official=None, sectors=(), publication_date=None)
    item = localised(facts, lang)
    assert_sentences(item.narrative)
    assert_well_formed(written(item))


def test_forty_counterparts_are_counted_not_listed() -> None:
    many = tuple(Person(f"Person Number{i}", "mayor") for i in range(40))
    item = localised(replace(make_facts(), counterparts=many), "fr")
    assert "et 35 autres interlocuteurs" in item.narrative[0]
    assert "Person Number5 " not in item.narrative[0]
    assert len(item.people) == 40  # the full list is printed apart


@pytest.mark.parametrize(("lang", "three"), [
    ("fr", "et 3 autres interlocuteurs"),
    ("en", "and 3 other counterparts"),
    ("vi", "và 3 đối tác khác"),
])
def test_fewer_than_three_others_are_named_and_the_count_names_neither_people_nor_bodies(
        lang: str, three: str) -> None:
    met = [Person(f"P{i} Name", None) for i in range(6)] + [Person(None, None, "Airbus"),
                                                            Person(None, None, "Saint-Gobain")]
    named = narrative.people_phrase(met[:7], lang, str, limit=5)  # 2 past the limit: named
    assert named is not None and named.endswith("Airbus") and "P5 Name" in named
    counted = narrative.people_phrase(met, lang, str, limit=5)
    assert counted is not None and counted.endswith(three) and "Airbus" not in counted


def test_a_list_whose_items_hold_and_is_not_joined_with_a_second_and() -> None:
    vi = narrative.join_list(["giáo dục và đào tạo", "giáo dục đại học"], "vi")
    assert vi == "giáo dục và đào tạo cùng giáo dục đại học"
    fr = narrative.join_list(["défense et sécurité", "santé", "éducation et formation"], "fr")
    assert fr == "défense et sécurité, santé ainsi qu’éducation et formation"
    assert narrative.join_list(["y tế", "giáo dục đại học"], "vi") == "y tế và giáo dục đại học"
    assert narrative.join_list(["Caen"], "fr") == "Caen"


def test_the_narrative_of_a_visit_never_doubles_the_vietnamese_and() -> None:
    facts = replace(make_facts(), sectors=("education", "health", "science_technology"))
    text = " ".join(localised(facts, "vi").narrative)
    assert "giáo dục và đào tạo" in text and not re.search(r" và [^,.;]* và ", text), text


def test_an_empty_list_gives_no_sentence() -> None:
    assert narrative.people_phrase([], "fr", str) is None
    assert narrative.people_phrase([Person(None, None, None)], "fr", str) is None
    assert narrative.agreement_sentences([], "vi") == []


@pytest.mark.parametrize(("lang", "start", "end", "expected"), [
    ("vi", dt.date(2025, 4, 13), dt.date(2025, 4, 16), "trong các ngày 13–16 tháng 4 năm 2025"),
    ("fr", dt.date(2025, 4, 13), dt.date(2025, 4, 16), "du 13 au 16 avril 2025"),
    ("en", dt.date(2025, 4, 13), dt.date(2025, 4, 16), "from 13 to 16 April 2025"),
    ("vi", dt.date(2025, 2, 28), dt.date(2025, 3, 2), "từ ngày 28 tháng 2 đến ngày 2 tháng 3 năm 2025"),
    ("fr", dt.date(2025, 2, 28), dt.date(2025, 3, 2), "du 28 février au 2 mars 2025"),
    ("fr", dt.date(2025, 5, 1), dt.date(2025, 5, 1), "le 1er mai 2025"),
    ("vi", dt.date(2025, 5, 1), None, "ngày 1 tháng 5 năm 2025"),
    ("fr", dt.date(2024, 12, 30), dt.date(2025, 1, 2), "du 30 décembre 2024 au 2 janvier 2025"),
])
def test_dates_are_written_as_a_paper_of_the_language_writes_them(lang: str, start: dt.date,
                                                                  end: dt.date | None, expected: str) -> None:
    assert narrative.when_phrase(start, end, lang) == expected


def test_the_date_line_of_a_visit_is_vietnamese_style() -> None:
    facts = replace(make_facts(), visit_start=dt.date(2025, 4, 13), visit_end=dt.date(2025, 4, 16))
    assert localised(facts, "vi").where_when.endswith("ngày 13–16 tháng 4 năm 2025")


@pytest.mark.parametrize(("lang", "expected"), [
    ("vi", "Đại sứ Đinh Toàn Thắng dẫn đầu đoàn công tác"),
    ("fr", "L’ambassadeur Đinh Toàn Thắng a conduit une délégation"),
    ("en", "Đinh Toàn Thắng (ambassador) led a delegation"),
])
def test_titles_stand_where_each_language_puts_them(lang: str, expected: str) -> None:
    assert localised(make_facts(), lang).narrative[0].startswith(expected)


@pytest.mark.parametrize(("role", "gender", "expected"), [
    ("Mayor of Kelport", "female", "la maire Anne Martin"),
    ("Prefect of Varnland", "female", "la préfète Anne Martin"),
    ("Prefect of Varnland", "unknown", "le préfet Anne Martin"),
    ("Ambassador to France", "female", "l’ambassadrice Anne Martin"),
    ("Ambassador to France", "male", "l’ambassadeur Anne Martin"),
    ("Prime Minister of Varnland", "unknown", "le Premier ministre Anne Martin"),
])
def test_a_french_sentence_puts_the_title_and_its_article_before_the_name(
        role: str, gender: str, expected: str) -> None:
    person = Person("Anne Martin", role, None, 1, gender)
    assert narrative.person_phrase(person, "fr", str, in_sentence=True) == expected
    assert narrative.person_phrase(person, "fr", str).startswith("Anne Martin (")  # lists, tables


def test_french_sets_narrow_no_break_spaces_and_guillemets() -> None:
    item = localised(make_facts(), "fr")
    text = " ".join(item.narrative)
    assert "\u202f:" in text and " :" not in text
    assert "Part\u202f" not in text  # nothing but the rule's characters is touched
    from briefing.localise import edition_text

    strings = edition_text("2025-07", "business", "fr", dt.date(2025, 8, 1), (item,))
    assert (strings.quote_open, strings.quote_close) == ("«\u202f", "\u202f»")


@pytest.mark.parametrize(("lang", "expected"), [
    ("vi", "Thị trưởng Marc Lecerf (Fleury-sur-Orne)"),
    ("fr", "le maire Marc Lecerf (Fleury-sur-Orne)"),
    ("en", "Marc Lecerf (mayor, Fleury-sur-Orne)"),
])
def test_people_met_carry_their_title_and_body(lang: str, expected: str) -> None:
    assert expected in localised(make_facts(), lang).narrative[0]


def test_an_organisation_met_alone_is_named_as_written() -> None:
    met = (Person(None, None, "Normandy Regional Council"),)
    assert "với Normandy Regional Council." in localised(replace(make_facts(), counterparts=met), "vi").narrative[0]


def test_a_body_described_in_english_is_left_out_of_the_sentence() -> None:
    long_body = Person("Vanxay Phongsavan", "Party Secretary", "Party Committee and Governor of X province")
    text = localised(replace(make_facts(), counterparts=(long_body,)), "fr").narrative[0]
    assert "le secrétaire du Parti Vanxay Phongsavan." in text and "Governor of" not in text


def test_a_background_item_says_what_it_records_as_signed() -> None:
    signed = Agreement("The two provinces signed a memorandum of understanding", 6, kind="signed",
                       action="mou")
    facts = replace(make_facts(), kind="other", visit_start=None, visit_end=None, agreements=(signed,))
    assert "Les deux parties ont signé un protocole d’accord." in localised(facts, "fr").narrative[0]


@pytest.mark.parametrize(("lang", "section"), [("fr", "Contexte"), ("vi", "Thông tin nền"),
                                               ("en", "Background")])
def test_a_background_item_is_not_headed_like_its_section(lang: str, section: str) -> None:
    item = localised(replace(make_facts(), kind="background"), lang)
    assert item.heading != section and section not in item.heading
    assert item.heading.startswith(("En bref", "Tin vắn", "In brief")), item.heading


@pytest.mark.parametrize(("label", "lang", "inside"), [
    ("Vice Chairman of the People's Committee", "en", "vice chairman of the People's Committee"),
    ("CEO", "en", "CEO"),
    ("Vice-président du Comité populaire", "fr", "vice-président du Comité populaire"),
    ("Phó Chủ tịch", "vi", "Phó Chủ tịch"),
])
def test_a_title_inside_a_sentence_is_written_as_each_language_does(label: str, lang: str,
                                                                     inside: str) -> None:
    assert narrative.running(label, lang) == inside


def test_a_body_with_brackets_is_a_description_and_stays_out_of_brackets() -> None:
    person = Person("Pham Anh Tuan", None, "Provincial People's Committee (PPC)", 1)
    assert narrative.person_phrase(person, "vi", str) == "Pham Anh Tuan"
