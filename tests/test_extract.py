"""Extractor: Article -> Facts, measured against gold sheets and checked rule by rule."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from support import corpus
from support.evaluate import TARGETS, score, secondary

from briefing.extract import extract, name_key, same_person
from briefing.extract.agreements import MAX_CHARS, find_agreements
from briefing.extract.dates import find_visit_dates
from briefing.extract.figures import find_figures
from briefing.extract.people import find_people
from briefing.facts_json import facts_to_json
from briefing.models import Article, Facts
from briefing.readers import article_from_text, read_article
from briefing.text import tokens

ROOT = Path(__file__).resolve().parent.parent
CASES = corpus.by_name("cases").articles
assert CASES is not None


def _facts(path: Path) -> Facts:
    return extract(read_article(path))


def _pairs(set_name: str) -> list[tuple[dict, dict]]:
    """(facts, gold sheet) for every article of a set of tests/corpus/manifest.toml."""
    return [(facts_to_json(_facts(path)), sheet)
            for _, path, sheet in corpus.gold_pairs(corpus.by_name(set_name))]


# Per-set scores against the targets are `make bench` figures (bench/bench_extract.py);
# each article's full facts are checked by tests/test_goldens.py.


@pytest.mark.parametrize("predicted, gold, same", [
    ("Brittany", "Bretagne", True), ("Bretagne", "Brittany", True),
    ("South Moravia", "South Moravian Region", True), ("Tuscany", "Toscana", True),
    ("Dunkirk", "Dunkerque", True), ("Brittany", "Normandie", False),
    ("Lower Saxony", "Saxony", False), ("Dunkirk", "Lyon", False), (None, "Bretagne", False),
])
def test_region_scoring_treats_exonyms_as_one_region(predicted, gold, same) -> None:
    pred = {"region": predicted}
    assert (score([(pred, {"region": gold})]).region_accuracy == 1.0) is same


def test_scoring_can_fail() -> None:
    pred, gold = _pairs("seeds")[0]
    wrong = {**pred, "counterparts": [], "lead_official": {"name": "Someone Else"},
             "visit_start": "2025-01-01", "region": "Bretagne", "figures": []}
    scores = score([(wrong, gold)])
    assert set(scores.misses()) == set(TARGETS)


def test_secondary_measures_can_fail() -> None:
    gold = {"cities": ["Lyon", "Grenoble"], "visit_start": "2025-06-09", "visit_end": "2025-06-11"}
    right = {"cities": ["Grenoble", "Lyon"], "visit_start": "2025-06-09", "visit_end": "2025-06-11"}
    wrong = {"cities": ["Paris"], "visit_start": None, "visit_start_partial": "--06-09",
             "visit_end": "2025-06-11"}
    assert secondary([(right, gold)]) == {"city_f1": 1.0, "full_dates": 1.0}
    assert secondary([(wrong, gold)]) == {"city_f1": 0.0, "full_dates": 0.0}


def test_visit_with_day_and_month_only() -> None:
    facts = _facts(ROOT / "seeds" / "000_08180a1b8be1fdcd.txt")
    assert facts.kind == "visit" and facts.visit_start is None
    assert (facts.visit_start_partial, facts.visit_end_partial) == ("--04-13", "--04-16")
    assert facts.date_confidence == "unknown" and facts.date_note
    assert facts.host_country == "FR" and facts.region == "Hauts-de-France"
    assert facts.lead_official and facts.lead_official.name == "Đinh Toàn Thắng"


def test_year_inferred_from_context() -> None:
    facts = _facts(ROOT / "seeds" / "001_a431705df6c6f53b.txt")
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 2, 5), dt.date(2025, 2, 6))
    assert facts.date_confidence == "inferred" and "2025" in (facts.date_note or "")


def test_year_from_header_is_stated() -> None:
    facts = _facts(ROOT / "seeds" / "002_6910fee4f42e6d0d.txt")
    assert facts.visit_start == dt.date(2025, 7, 15) and facts.date_confidence == "stated"
    assert facts.month == "2025-07"


def test_interview_has_no_visit() -> None:
    facts = _facts(ROOT / "seeds" / "004_7aec31635130a0e6.txt")
    assert facts.kind == "interview"
    assert (facts.visit_start, facts.visit_end, facts.region) == (None,) * 3
    # the real set's convention (issue 11): the country of the visit the interview discusses
    # ("ahead of the French President's state visit to Vietnam")
    assert facts.host_country == "VN"
    assert facts.counterparts == () and facts.lead_official is not None
    assert {(f.value, f.unit) for f in facts.figures} >= {(5.4, "billion USD"), (11, "percent")}


def test_no_date_at_all() -> None:
    facts = _facts(CASES / "104_can_tho_undated.txt")
    assert facts.kind == "visit" and facts.visit_start is None and facts.visit_start_partial is None
    assert facts.date_confidence == "unknown" and facts.month is None
    assert facts.host_country == "VN"


def test_korean_ambassador_in_a_vietnamese_province() -> None:
    facts = _facts(CASES / "103_quang_nam.html")
    assert facts.host_country == "VN" and facts.region == "Quang Nam"
    assert facts.lead_official and facts.lead_official.name == "Choi Young-sam"
    assert [p.name for p in facts.counterparts] == ["Le Van Dung", "Nguyen Thi Hoa"]


def test_a_place_word_inside_a_longer_name_is_no_region() -> None:
    # "Delta" and "North" are also subdivisions of countries the article never names
    text = ("Jean Morel, president of a French Regional Council, and his delegation worked with"
            " leaders of Mekong Delta province Vĩnh Long on Monday, January 13, 2025.\n\n"
            "Nguyễn Văn Bình, chairman of the Vĩnh Long People's Committee, showed the guests"
            " the North Sea Port project and the Delta Centre.")
    facts = extract(article_from_text(text, "delta.txt"))
    assert (facts.host_country, facts.region) == ("VN", "Vĩnh Long")


def test_job_title_words_and_firms_are_not_names() -> None:
    text = ("A Hai Phong delegation visited Belgium's Flanders region on Nov. 17-19, 2025.\n\n"
            "At the port, Chief Commercial Officer Annelies De Smet briefed the delegation. "
            "The delegation also worked with Flanders Investment & Trade (FIT).")
    facts = extract(article_from_text(text, "flanders.txt"))
    assert [p.name for p in facts.counterparts if p.name] == ["Annelies De Smet"]
    assert facts.region == "Flanders"


@pytest.mark.parametrize("sentence, name, role", [
    ("The delegation was received by Ms. Ana María De la Cruz Ruiz, Regional Minister for"
     " Industry of the regional government.", "Ana María De la Cruz Ruiz", "Regional Minister for Industry"),
    ("The delegation met with Ms. Claire Dubois-Roy, Ontario's Minister of Trade.",
     "Claire Dubois-Roy", "Ontario's Minister of Trade"),
    ("Provincial leaders received Netherlands Ambassador to Vietnam Joost de Vries.",
     "Joost de Vries", "Netherlands Ambassador to Vietnam"),
    ("At the plant, the company's vice president Park Min-ji showed the line.", "Park Min-ji",
     "vice president"),
    ("They met Minister for Higher Education Moira MacKenzie MSP in Edinburgh.", "Moira MacKenzie",
     "Minister for Higher Education"),
    ("They met Vice Chairman of the Yunnan regional government Li Wenbo, who said so.", "Li Wenbo",
     "Vice Chairman of the Yunnan regional government"),
    ("They worked with the Department of Trade, whose director Giàng A Páo briefed them.",
     "Giàng A Páo", "director"),
    ("They met Vice President of the Liguria Region Anna Ferri and Councillor for Ports Luca"
     " Bassi.", "Anna Ferri", "Vice President of the Liguria Region"),
    ("Claire Roux, the council's Vice President in charge of trade, said so.", "Claire Roux",
     "council's Vice President"),
    ("A delegation led by Chairman of the provincial People's Committee Thai Van Long held talks.",
     "Thai Van Long", "Chairman of the provincial People's Committee"),
    ("They met Speaker of the Osaka Prefectural Assembly Ueda Jiro.", "Ueda Jiro", "Speaker"),
    ("They worked with a shipping firm whose chairman, Trần Văn Bình, proposed a venture.",
     "Trần Văn Bình", "chairman"),
    ("They toured the cooperative. Its director Loïc Le Bihan said it would import shrimp.",
     "Loïc Le Bihan", "director"),
    ("Also attending were Director of the Hanoi Department of Culture Lê Thị Lan and French"
     " Ambassador to Vietnam Paul Martin.", "Lê Thị Lan", "Director of the Hanoi Department"),
    ("The ambassador and Head of the Vietnamese Mission to the European Union Vũ Minh Hà said so.",
     "Vũ Minh Hà", "Head of the Vietnamese Mission to the European Union"),
    ("Receiving them, King's Commissioner in Utrecht Hans de Boer said so.", "Hans de Boer",
     "Commissioner in Utrecht"),
    ("They met the chamber's head of international affairs, Anna Weber.", "Anna Weber",
     "head of international affairs"),
    ("There, Vice President in charge of economic development Paul Roche introduced the park.",
     "Paul Roche", "Vice President"),
    ("They were received by Secretary General of the prefecture Anne Morel.", "Anne Morel",
     "Secretary General of the prefecture"),
    ("They met Marta Puig i Soler, Deputy Mayor of Girona, at the city hall.",
     "Marta Puig i Soler", "Deputy Mayor of Girona"),
    ("There, Vice Governor of Aichi Prefecture Kenta Nagano said so.", "Kenta Nagano",
     "Vice Governor of Aichi Prefecture"),
    ("Norwegian Ambassador to Việt Nam Ingrid Berg led a delegation on a working visit.",
     "Ingrid Berg", "Norwegian Ambassador to Việt Nam"),
    ("Leaders received Governor of the Republic of Korea (RoK)'s Jeollanam-do province Bae"
     " Min-ho in Ha Long city.", "Bae Min-ho", "Governor of the Republic of Korea"),
    ("Vietnamese Ambassador to Belgium Phùng Văn Hải led an embassy delegation to Namur.",
     "Phùng Văn Hải", "Vietnamese Ambassador to Belgium"),
    ("Director of the HCMC Department of Industry and Trade Lê Văn Hải, a member of the"
     " delegation, said so.", "Lê Văn Hải", "member of the delegation"),
])
def test_people_written_in_other_ways(sentence: str, name: str, role: str) -> None:
    found = {f.name: f for f in find_people([sentence])}
    assert name in found, list(found)
    assert any(r.text.startswith(role) for r in found[name].roles), found[name].roles


def test_who_accompanied_the_visitor_is_on_the_visiting_side() -> None:
    sentence = ("The consul general and Ito Ken, senior representative of the agency's office in"
                " Vietnam, who accompanied him, visited the board.")
    assert [f.member for f in find_people([sentence])] == [True]
    sentence = "Accompanying Governor Park were Director of the Bureau of Trade Kim Min-ho."
    assert [f.member for f in find_people([sentence])] == [True]
    sentence = ("Director of the Department of Foreign Affairs Lê Thị Hoa accompanied the Japanese"
                " delegation on a tour of the port.")
    assert [f.member for f in find_people([sentence])] == [False]
    sentence = "Accompanying the ambassador were Sato Rin, Counsellor at the Japanese Embassy."
    found = find_people([sentence])
    assert [(f.member, f.nationality) for f in found] == [(True, "JP")]


@pytest.mark.parametrize("text, city", [
    ("They went on a tour of the region, stopping in Lyon, Annecy and Clermont-Ferrand.",
     "Clermont-Ferrand"),
    ("They visited the port and met Deputy Mayor of La Rochelle Paul Morin there.", "La Rochelle"),
])
def test_cities_in_lists_and_with_articles(text: str, city: str) -> None:
    lead = ("Vietnamese Ambassador to France Tran Van Binh led a delegation on a working visit to"
            " France on May 3, 2025.\n\n")
    facts = extract(article_from_text(lead + text, "x.txt"))
    assert city in facts.cities, facts.cities


def test_a_regional_minister_visiting_vietnam_comes_from_his_region() -> None:
    text = ("Hanoi and the German state of Saxony will step up cooperation under an agreement"
            " reached on February 26, 2025.\n\nChairman of the Hanoi People's Committee Tran Van"
            " Nam received Saxony's State Minister for Economic Affairs Paul Weber, who was on a"
            " working visit to Hanoi.")
    facts = extract(article_from_text(text, "x.txt"))
    assert (facts.host_country, facts.region) == ("VN", "Hanoi")


def test_quoted_outsiders_are_not_counterparts() -> None:
    text = ("The Korean Ambassador to Vietnam Kim Min-su paid a working visit to Bac Ninh"
            " province on May 5, 2025.\n\nChairman of the provincial People's Committee Vuong"
            " Quoc Tuan received him.\n\nThe two sides discussed trade.\n\nThey also discussed"
            " labour.\n\nYamada Ken, general director of a Fukuoka-based logistics"
            " firm, said that firms were moving in.\n\nLee Jun, head of a trade office,"
            " who was not part of the delegation, said so.\n\nDeputy Governor Som Chai"
            " accompanied the guests to the border gate.")
    facts = extract(article_from_text(text, "x.txt"))
    assert [p.name for p in facts.counterparts if p.name] == ["Vuong Quoc Tuan", "Som Chai"]
    quoted = text + "\n\nAnna Berg, head of a consultancy office, told VOV that it was good."
    facts = extract(article_from_text(quoted, "x.txt"))
    assert "Anna Berg" not in [p.name for p in facts.counterparts]


def test_bodies_named_after_a_place_are_not_people() -> None:
    sentence = "The delegation held talks with Investissement Ontario and with Invest Bavaria."
    assert [f.name for f in find_people([sentence])] == []
    sentence = "At a session with Confindustria Nord, the association of businesses, they spoke."
    assert [f.name for f in find_people([sentence])] == []
    sentence = "They held a working session with Phú Tài Mỹ Wood Corporation."
    assert [f.name for f in find_people([sentence])] == []
    sentence = "In Toulouse, the delegation worked with Université Paul Sabatier."
    assert [f.name for f in find_people([sentence])] == []
    sentence = ("They met Aki Mori, chairman of the Japan-Vietnam Friendship Parliamentarians'"
                " League of the prefectural assembly.")
    assert [f.name for f in find_people([sentence])] == ["Aki Mori"]


def test_french_article_is_read_with_french_rules() -> None:
    facts = _facts(CASES / "106_fr_language.txt")
    assert facts.language == "fr" and facts.kind == "visit"
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 11, 12), dt.date(2025, 11, 14))
    assert facts.lead_official and same_person(facts.lead_official.name, "Đinh Toàn Thắng")
    assert {f.value for f in facts.figures} >= {1500, 12}


def test_names_keep_their_diacritics_and_group() -> None:
    assert same_person("Đinh Toàn Thắng", "Dinh Toan Thang")
    assert same_person("Mr. François Xavier Lauch", "Francois-Xavier Lauch")
    assert not same_person("Dinh Toan Thang", "Dinh Toan Thanh")
    assert not same_person(None, "Dinh Toan Thang")
    assert name_key("Đinh Toàn Thắng") == "dinh toan thang"
    names = {p.name for f in map(_facts, sorted((ROOT / "seeds").glob("0*.txt")))
             for p in f.counterparts}
    assert {"Robert Ménard", "Christian Debève", "Anne-Marie Jean"} <= names


@pytest.mark.parametrize("sentence, value, unit", [
    ("Bilateral trade reached over 5.4 billion USD last year.", 5.4, "billion USD"),
    ("Over 8,000 Vietnamese students study in the region.", 8000, "students"),
    ("Trade recorded an impressive 11% increase.", 11, "percent"),
    ("Labour costs are 30 per cent lower than elsewhere.", 30, "percent"),
    ("The firm invested US$120 million in the plant.", 120, "million USD"),
    ("The two countries mark the 30th Anniversary of diplomatic ties.", 30, "anniversary"),
    ("The country aims for carbon neutrality by 2050.", 2050, "target year"),
    ("He outlined four key proposals to the partners.", 4, "proposals"),
    ("Plus de 1 500 étudiants vietnamiens étudient dans la région.", 1500, "étudiants"),
    ("The province has a workforce of nearly two million people.", 2, "million people"),
    ("Prague committed CZK 12 million for a clean water project.", 12, "million CZK"),
    ("He briefed them on the planned 350-hectare industrial park.", 350, "hectares"),
    ("The delegation wrapped up a six-day working trip.", 6, "days"),
    ("Some 400 Long An students are studying there.", 400, "students"),
    ("The plan targets 6,000 MW of offshore wind capacity.", 6000, "MW"),
    ("Tourists to the region reached nearly 500,000 last year.", 500000, "tourists"),
    ("Investment reached US$1.2bn last year.", 1.2, "billion USD"),
    ("The region pledged €3.5m for the plan.", 3.5, "million EUR"),
    ("Exports rose 15pc year on year.", 15, "percent"),
    ("A dozen companies joined the mission.", 12, "companies"),
    ("About two-thirds of that money has gone into manufacturing.", 0.667, "share"),
    ("Almost one in five trainees in the prefecture comes from Vietnam.", 0.2, "share"),
    ("The firm plans a 5,000-square-meter assembly plant.", 5000, "square meters"),
    ("Of all arrivals, Italians accounted for some 25,000.", 25000, "italians"),
])
def test_figures(sentence: str, value: float, unit: str) -> None:
    figures = find_figures([sentence])
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]
    assert figures[0].sentence == 0 and figures[0].sentence_text == sentence


@pytest.mark.parametrize("sentence, figures", [
    ("The 13th Decentralised Cooperation Conference opens next year.", []),
    ("La 13e édition du forum se tiendra en France.", []),
    ("The two sides agreed to hold the 8th session of the joint committee.", []),
    ("The region is the country's fourth largest trading partner in the bloc.", []),
    ("The province ranked 5th among 63 localities for investment.", [(63, "localities")]),
    ("The 4th Annual Trade Forum drew 300 companies.", [(300, "companies")]),
    ("Labour costs are 30 per cent lower than in other major cities.", [(30, "percent")]),
])
def test_editions_ordinals_and_ranks_are_not_figures(sentence: str, figures: list) -> None:
    assert [(f.value, f.unit) for f in find_figures([sentence])] == figures


@pytest.mark.parametrize("sentence", [
    "The delegation visited the region from April 13-16.",
    "In 2024 the two sides met twice in Paris and once in Hanoi.",
    "The metro Line 1 opened on December 22.",
    "Exports rose in the second half of the year.",
])
def test_dates_and_names_are_not_figures(sentence: str) -> None:
    assert find_figures([sentence]) == []


@pytest.mark.parametrize("sentence, published, start, end", [
    ("The delegation paid a working visit to the region from April 13-16, 2025.", None,
     dt.date(2025, 4, 13), dt.date(2025, 4, 16)),
    ("During a July 15-16 visit to Normandy, the ambassador met officials.",
     dt.date(2025, 7, 17), dt.date(2025, 7, 15), dt.date(2025, 7, 16)),
    ("During the two-day visit from February 5-6, the delegation held talks.",
     dt.date(2025, 2, 10), dt.date(2025, 2, 5), dt.date(2025, 2, 6)),
    ("The delegation visited Lyon from 28 April to 2 May 2025.", None,
     dt.date(2025, 4, 28), dt.date(2025, 5, 2)),
    ("L'ambassadeur a effectué une visite du 5 au 7 mars 2025 en Bretagne.", None,
     dt.date(2025, 3, 5), dt.date(2025, 3, 7)),
    ("The December 29-30 visit ended the year.", dt.date(2026, 1, 3),
     dt.date(2025, 12, 29), dt.date(2025, 12, 30)),
    ("The vice governor told provincial leaders on April 10 that ties were good. On April 11,"
     " the delegation visited a port.", dt.date(2025, 4, 12), dt.date(2025, 4, 10),
     dt.date(2025, 4, 11)),
    ("The consul held talks with provincial leaders in the city on November 21, the first day"
     " of a two-day working trip.", dt.date(2024, 11, 23), dt.date(2024, 11, 21),
     dt.date(2024, 11, 21)),
    ("The delegation paid a working visit to the region on the 12th and 13th.",
     dt.date(2024, 6, 14), dt.date(2024, 6, 12), dt.date(2024, 6, 13)),
])
def test_visit_dates(sentence: str, published: dt.date | None, start: dt.date,
                     end: dt.date) -> None:
    found = find_visit_dates([sentence], published)
    assert found is not None and (found.start, found.end) == (start, end)


def test_event_date_is_not_the_visit() -> None:
    sentences = ["The ambassador visited the region to meet local leaders.",
                 "They agreed to promote the upcoming Tech Summit on May 27."]
    assert find_visit_dates(sentences, None) is None


ALL_ARTICLES = [p for name in ("seeds", "cases", "blind", "blind2", "blind3", "probes")
                for p in corpus.articles(corpus.by_name(name).articles)]  # type: ignore[arg-type]


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: f"{p.parent.name}-{p.name[:3]}")
def test_every_fact_cites_its_sentence(path: Path) -> None:
    facts = _facts(path)
    for person in (facts.lead_official, *facts.counterparts):
        if person and person.name:
            cited = facts.sentences[person.sentence]
            assert any(part in cited for part in person.name.split()), person
    for figure in facts.figures:
        assert facts.sentences[figure.sentence] == figure.sentence_text
    for statement in (*facts.highlights_business, *facts.highlights_diaspora):
        assert statement.text in facts.sentences[statement.sentence]
    for statement in facts.agreements:  # a trimmed clause: every word from its sentence
        assert set(tokens(statement.text)) <= set(tokens(facts.sentences[statement.sentence]))
    for name, index in facts.evidence:
        assert 0 <= index < len(facts.sentences), name


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: f"{p.parent.name}-{p.name[:3]}")
def test_highlights_and_summary(path: Path) -> None:
    facts = _facts(path)
    for highlights in (facts.highlights_business, facts.highlights_diaspora):
        assert len(highlights) <= 3
        assert len({h.sentence for h in highlights}) == len(highlights)
    assert len(facts.summary) == 2 and all(s.strip() for s in facts.summary)
    if facts.lead_official and facts.lead_official.name:
        assert facts.lead_official.name in facts.summary[0]


@pytest.mark.parametrize("text", [
    "One line only.",
    "x",
    "12345 67890",
    "Đại sứ Việt Nam tại Pháp Đinh Toàn Thắng đã có chuyến thăm và làm việc tại vùng Normandie "
    "từ ngày 15-16/7/2025. Trong chuyến thăm, Đại sứ đã gặp lãnh đạo địa phương "
    "và 20 doanh nghiệp.",
    "word " * 5000,
    "Mr. Mr. Mr. , , , Ambassador, Mayor of of of the the, led by by 13th 4 %",
    "The visit was cut off mid-sente",
])
def test_odd_articles_never_crash(text: str) -> None:
    article = article_from_text(text, "odd.txt")
    facts = extract(article)
    data = facts_to_json(facts)
    assert data["kind"] in ("visit", "interview", "other")
    if data["kind"] == "other":
        assert data["reason"]


def test_vietnamese_article_gets_dates_and_language() -> None:
    text = ("Đại sứ Việt Nam tại Pháp Đinh Toàn Thắng đã có chuyến thăm và làm việc tại vùng "
            "Normandie từ ngày 15-16/7/2025.\n\n"
            "Đại sứ đã gặp lãnh đạo địa phương và 20 doanh nghiệp.")
    facts = extract(article_from_text(text, "vi.txt"))
    assert facts.language == "vi" and facts.host_country == "FR"
    assert facts.lead_official and facts.lead_official.name == "Đinh Toàn Thắng"
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 7, 15), dt.date(2025, 7, 16))
    assert 20 in {f.value for f in facts.figures}


def test_empty_article_is_other_with_reason() -> None:
    facts = extract(Article(source="e.txt", text=""))
    assert facts.kind == "other" and facts.reason


SEED_NAMES = ("Gaume", "Doublet", "Pitollet", "Maurice Georges", "Heimburger", "Debève",
              "Anne-Marie", "Wahl", "Laudat", "Lecerf", "Ménard", "Menard", "Ballester", "Lauch",
              "Thắng", "Toan Thang", "Dunkerque", "Strasbourg", "Fleury", "Valras", "Béziers",
              "Beziers", "Ouistreham", "Decathlon", "EuraTechnologies", "Nord France Invest",
              "CCI Normandie", "Alsace-Eurométropole", "Barba", "BioValley", "Macron")
# People, organisations and towns of the blind set (tests/corpus/blind): regions such as Bavaria
# are gazetteer entries (places.EXONYMS, pycountry), so they are not listed here.
BLIND_NAMES = ("Durand-Rocher", "Le Goff", "Kerhervé", "Tanguy", "Ifremer", "Piriou", "Rennes",
               "Brest", "Lindauer", "Wegener", "Keller", "Bayern International", "Kessler",
               "Mittelfranken", "Nürnberg", "Nuremberg", "Munich", "Văn Hiếu", "Nhơn Trạch",
               "Ferretti", "Bianchi", "Marchetti", "Assolombarda", "Fiera Milano", "Brescia",
               "Minh Hạnh", "Hồng Sơn", "Bích Ngọc", "Văn Thành", "Rolland", "Văn Phong",
               "Minh Tuấn", "Ji-hoon", "Samsung", "Daesung", "Mérieux", "Garnier", "Péron",
               "Chantiers", "Minh Đức", "Saint-Nazaire", "Nantes", "Verdier", "Montel", "Fontaine",
               "BioPôle", "CEA-Leti", "Lan Anh", "Grenoble", "Lyon", "Hartwig", "Albers",
               "Infineon", "Đức Long", "Duc Long", "Dresden", "Leipzig", "Castagnet", "Lafitte",
               "Darrieux", "Bouyer", "CIVB", "Bordeaux", "La Rochelle", "Lào Cai", "Paola")


# ... and of the second blind set (tests/corpus/blind2); its regions and provinces are gazetteer
# entries.  Short town names that are English words ('Nice', 'Essen') are left out.
BLIND2_NAMES = ("Ferrand", "Vallet", "Bertolazzi", "Lambertini", "Auzias", "Oberhausen",
                "Bassac", "Văn Phước", "Van Phuoc", "Thu Hằng", "Văn Hiệp", "Brehmer",
                "Le Gall", "Berthier", "Hữu Thành", "Ngọc Hùng", "Anh Thư", "Saint-Hilaire",
                "Sung-hoon", "Quý Dũng", "Bonnard", "Quốc Thịnh", "Garibaldi", "Takahashi",
                "Minh Khoa", "Hồng Quảng", "Mai Lan", "Angimex", "Kitoku", "Choose Paris",
                "Duisport", "NRW.Global", "SYTRAL", "Sophia Antipolis", "Toulon",
                "Var Technologies", "INSA", "VUFO", "CCIFV", "UGVF", "Villeurbanne", "Duisburg",
                "Dusseldorf", "Düsseldorf", "Long Xuyên", "Long Xuyen", "Hoa Lư", "Tràng An",
                "Saint-Ouen", "Cosmetic Valley", "Tam Giang")


# ... and of the third blind set (tests/corpus/blind3); its regions and provinces are gazetteer
# entries (the Czech and Polish exonyms in places.EXONYMS cover whole countries).
BLIND3_NAMES = ("Minh Khôi", "Le Guennec", "Kerjean", "Morvan", "Armor Marée", "Lorient",
                "Althaus", "Petersen-Harms", "Carstens", "Behrendt", "Deutsche Messe", "Hanover",
                "Văn Lực", "Martelli", "Bellandi", "Cresti", "Opificio", "CNA Toscana", "Florence",
                "Siena", "Mercadier", "Minh Tâm", "Bích Liên", "Hội An", "Tam Kỳ", "Wisniewski",
                "Duc Hieu", "Thu Trang", "Hồng Nhung", "Lambotte", "Mahieu", "Closset", "AWEX",
                "Meuse Biologics", "Liège", "Namur", "Berthollet", "Seo Vần", "Văn Páo", "Sa Pa",
                "Mai Hương", "Novotný", "Dvořáková", "Kratochvíl", "Masaryk", "Brno", "Morimoto",
                "Hùng Khánh", "Quốc Bảo", "VSIP", "Thuận An", "Jin-woo", "Hữu Phước", "Anh Tuấn",
                "CRTC", "Nha Trang", "Cam Ranh", "Ngọc Lan", "Quang Hòa", "Darrigade", "Ducasse",
                "Sciences Agro", "BNIC", "Cognac", "Val de Garonne")


# ... and of the fourth blind set (tests/corpus/blind4), measured before round 5 then fixed.
BLIND4_NAMES = ('Chauvière', 'Leberre', 'Bonino', 'Rostagno', 'Morvan', 'Bakker', 'Rigoulet',
                'Bormann', 'Ballarin', 'Marchisio', 'Trung Kien', 'Văn Lâm', 'Baudry',
                'Hồ Văn Sang', 'Guérineau', 'Verbeek', 'Puigvert', 'Julien Morel', 'Belhadj',
                'Wendler', 'Thanh Bình', 'Minh Thu', 'Marieke de Vries', 'Brendel',
                'Thanh Phong', 'Hoàng Yến', 'Văn Phúc', 'Đình Khôi', 'Núria Casals', 'Ménager',
                'Perrault', 'Ferrando', 'Jae-hoon', 'Phan Thị Hoa', 'Pieter van Dijk', 'Rajesh',
                'Lemarchand', 'Valpreda', 'Kerhervé', 'Rückert', 'Công Nam', 'Quốc Bảo',
                'Minh Quang', 'Xavier Roca', 'Lan Hương', 'Quốc Hưng', 'Minh Khang',
                'Thanh Tùng', 'Agrocampus', "Chantiers de l'Atlantique", 'Fira de Barcelona',
                'Supercomputing', 'Fraunhofer', 'Greenport', 'Italdesign', 'Pier01',
                'Politecnico di Torino', 'Solutions&co', 'Station F', 'Végépolys', 'World Horti',
                'Mobilités', 'Châu Văn Liêm', 'Long Thành', 'Nhơn Trạch', 'Saint-Nazaire',
                'Angers', 'Delft', 'Westland', 'Leipzig', 'Dresden', 'Barcelona', 'Rotterdam',
                'The Hague', 'Hà Tĩnh', 'Đồng Nai', 'Thái Nguyên', 'Cần Thơ', 'Đà Nẵng',
                'Chungcheong', 'Silicon Saxony')


# ... and of the fifth blind set (tests/corpus/blind5), measured before round 6 then fixed; its
# regions (Apulia, Styria, Thuringia...) are gazetteer exonyms and not listed.
BLIND5_NAMES = ('Magalhães', 'Anne-Laure Besson', 'Lo Russo', 'Bùi Thị Hạnh', 'Petrachi',
                'Dinh Van Tuan', 'Carriero', 'Ha Quang Trung', 'van der Meulen', 'Henrike Sauer',
                'Sá Ferreira', 'Lamotte', 'Ho Ky Son', 'Minh Châu', 'Hollmann', 'Teixeira Lobo',
                'Pichler', 'Katrin Albrecht', 'Kazuhiro Morita', 'Favre-Rochat', 'Le Minh Chien',
                'Le Quang Vinh', 'Lâm Quốc Huy', 'Fernandes Costa', 'Rauchenberger', 'Quérard',
                'Đắc Thành', 'De Palma', 'Olivier Chauvin', 'Phạm Hoàng Nam', 'Phạm Văn Lực',
                'Xuân Dương', 'Delachaux', 'Pierre-Yves Lambotte', 'Thorburn', 'Vieira de Castro',
                'Kröger', 'Sylvie Marchand', 'Weigelt', 'Diệu Linh', 'Quang Vịnh', 'Mastrangelo',
                'Võ Minh Quân', 'Phan Đức Thịnh', 'Vũ Đức Thịnh', 'Hubmann', 'Bao Loc', 'Bari',
                'Braga', 'Chartres', 'Confindustria', 'Da Lat', 'Dalat', 'Leixões',
                'Viana do Castelo', 'Erfurt', 'Hưng Nguyên', 'Hạ Long', 'Hải Phòng',
                'Iberian Nanotechnology', 'Jena', 'Lam Dong', 'Lecce', 'Leoben', 'Loire Pharma',
                'Lạch Huyện', 'Matosinhos', 'Montanuniversitaet', 'Mur Automotive', 'Nghệ An',
                'Orléans', 'Southern Adriatic', 'Porto', 'Quảng Ninh', 'Saale Optronics',
                'Saigon Hi-Tech', 'Taranto', 'ThAFF', 'Minho', 'Vinh University', 'Vân Đồn',
                'Norte', 'Bremen', 'Graz', 'Gifu')


def test_no_rule_names_a_seed_person_or_place() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "briefing").rglob("*.py")
                     if p.name not in ("glossary.py", "localise.py"))
    found = [name for name in SEED_NAMES + BLIND_NAMES + BLIND2_NAMES + BLIND3_NAMES
             + BLIND4_NAMES + BLIND5_NAMES
             if re.search(re.escape(name), code, re.IGNORECASE)]
    assert found == []


def _sheets() -> list[Path]:
    """Every gold sheet: the repository's, and the real development set's when present."""
    return [sheet for s in corpus.sets() if s.gold is not None
            for sheet in sorted(s.gold.glob("*.facts.json"))]


def test_no_rule_names_a_person_of_any_gold_sheet() -> None:
    people = {p["name"] for sheet in _sheets()
              for p in [*json.loads(sheet.read_text(encoding="utf-8"))["counterparts"],
                        json.loads(sheet.read_text(encoding="utf-8"))["lead_official"] or {}]
              if p.get("name")}
    # the two excluded modules quote the issue's own example name in their docstrings
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "briefing").rglob("*.py")
                     if p.name not in ("glossary.py", "localise.py"))
    assert len(people) > 100
    assert [name for name in sorted(people) if name in code] == []


def test_organisations_met_without_a_named_person() -> None:
    facts = _facts(ROOT / "seeds" / "000_08180a1b8be1fdcd.txt")
    unnamed = {(p.role, p.organisation) for p in facts.counterparts if p.name is None}
    assert ("leaders", "Decathlon") in unnamed
    assert (None, "European Centre for Innovative Textiles (CETI)") in unnamed
    named_orgs = {p.organisation for p in facts.counterparts if p.name}
    assert not {org for _, org in unnamed} & named_orgs


@pytest.mark.parametrize("sentence, values", [
    ("Some 90 firms from the region work with Vietnam and about 12 of them have plants there.",
     [(90, "firms"), (12, "firms")]),
    ("About 900 students study in the region, including about 300 in the capital.",
     [(900, "students"), (300, "students")]),
])
def test_elliptic_counts_take_the_previous_noun(sentence: str, values: list) -> None:
    assert [(f.value, f.unit) for f in find_figures([sentence])] == values


def _visit(*sentences: str) -> Facts:
    return extract(article_from_text("Visit\n\n" + " ".join(sentences), "case.txt"))


def test_home_province_of_a_delegation_is_not_the_visited_region() -> None:
    facts = _visit(
        "A delegation of Quảng Trị province led by Chairman of the provincial People's "
        "Committee Lê Quang Vinh paid a working visit to Hesse, Germany, on March 3-5, 2025.",
        "Receiving the delegation, Jonas Albrecht, Minister of Economic Affairs of Hesse, said "
        "Quảng Trị province could become a partner.",
        "Quảng Trị province has many industrial parks.")
    assert (facts.host_country, facts.region) == ("DE", "Hesse")
    assert facts.lead_official and facts.lead_official.name == "Lê Quang Vinh"
    assert facts.lead_official.role == "Chairman of the Quảng Trị provincial People's Committee"
    assert [p.name for p in facts.counterparts if p.name] == ["Jonas Albrecht"]


def test_prefect_named_after_a_long_role_and_region_with_two_particles() -> None:
    facts = _visit(
        "Prefect of the Provence-Alpes-Côte d'Azur region and the Var department Inès Carrel "
        "received a delegation from Đà Nẵng led by Phan Văn Hòa, Vice Chairman of the municipal "
        "People's Committee, on May 6, 2025.",
        "The delegation also met Paul Rivière, Vice President of the Centre-Val de Loire "
        "Regional Council.")
    names = [p.name for p in facts.counterparts if p.name]
    assert "Inès Carrel" in names and "Paul Rivière" in names
    assert facts.lead_official and facts.lead_official.name == "Phan Văn Hòa"


def test_lower_case_title_and_stacked_titles() -> None:
    facts = _visit(
        "A delegation of the Vietnamese Embassy in Italy led by Minister Counsellor Trần Thu Hà "
        "paid a working visit to Piedmont on April 2-3, 2025.",
        "In Turin, the delegation visited the Polytechnic, where its deputy rector Marco Gallo "
        "presented research programmes.")
    lead = facts.lead_official
    assert lead and lead.name == "Trần Thu Hà"
    assert lead.role == "Minister Counsellor of the Vietnamese Embassy in Italy"
    assert ("Marco Gallo", "deputy rector") in {(p.name, p.role) for p in facts.counterparts}


@pytest.mark.parametrize("sentence, items", [
    ("He also said that the region would organise a trade fair in the autumn.",
     ["The region would organise a trade fair in the autumn"]),
    ("She proposed a joint forum in Hanoi next year and suggested that the agency share data "
     "on suppliers.",
     ["She proposed a joint forum in Hanoi next year",
      "She suggested that the agency share data on suppliers"]),
    ("Lucie Marin, President of the Chamber, said 60 firms are interested, and proposed a "
     "business matching session in spring.",
     ["Lucie Marin proposed a business matching session in spring"]),
    ('"The Free Trade Agreement opens a new chapter for us," she said.', []),
    ("Speaking at the forum, the minister called on investors to back renewable energy, "
     "which " + "grows fast and " * 30 + "ends here.",
     ["The minister called on investors to back renewable energy"]),
])
def test_agreements_are_crisp_clauses(sentence: str, items: list[str]) -> None:
    found = [s.text for s in find_agreements([sentence])]
    assert found == items
    assert all(len(item) <= MAX_CHARS for item in found)


def test_towns_the_delegation_went_to() -> None:
    facts = _visit(
        "Toulouse (VNA) – A delegation of the Vietnamese Embassy in France led by Ambassador "
        "Hoàng Văn Nam paid a working visit to Occitania on June 3-4, 2025.",
        "Receiving the delegation in Montpellier, Claire Vidal, President of the Occitania "
        "Regional Council, said the region valued its ties with Vietnam.",
        "The delegation then travelled to Albi, where it toured a school.",
        "She proposed a business forum in Da Nang next year.")
    assert list(facts.cities) == ["Montpellier", "Albi"]


def test_a_planned_delegation_is_not_the_home_of_the_visitors() -> None:
    facts = _visit(
        "Vietnamese Ambassador to France Hoàng Văn Nam paid a working visit to Brittany on "
        "June 3-4, 2025.",
        "Receiving him, Claire Vidal, Vice President of the regional council, said local "
        "chambers will lead a delegation of Brittany firms to Vietnam next year.")
    assert (facts.host_country, facts.region) == ("FR", "Brittany")


# Patterns found on the second blind set, checked on made-up articles of the genre.

def test_visitors_home_region_after_a_country_possessive_is_not_the_host_region() -> None:
    facts = _visit(
        "A delegation of Germany's Hesse state, led by Ms. Anna Vogt, State Secretary for "
        "Economic Affairs, is on a working visit to Quảng Ninh from May 5 to 7, 2025.",
        "Receiving the delegation, Vice Chairman of the Quảng Ninh People's Committee "
        "Đỗ Văn Tâm said Hesse firms were welcome in the province.")
    assert (facts.host_country, facts.region) == ("VN", "Quảng Ninh")
    assert facts.lead_official and facts.lead_official.name == "Anna Vogt"


def test_a_region_labelled_after_its_acronym() -> None:
    facts = _visit(
        "From 3 to 5 June 2025, Consul General of Vietnam in Strasbourg Hoàng Văn Nam led a "
        "delegation to the Bourgogne-Franche-Comté (BFC) region.",
        "He also met the Vietnamese community of the Doubs department.",
        "In Besançon, he met Ms. Claire Vidal, Vice President of the Regional Council.")
    assert facts.region == "Bourgogne-Franche-Comté"
    assert facts.lead_official is not None
    assert (facts.lead_official.name, facts.lead_official.role) == (
        "Hoàng Văn Nam", "Consul General of Vietnam in Strasbourg")


@pytest.mark.parametrize("sentence, name", [
    ("Minister of Industry and Trade Đỗ Đức Duy paid a working visit to Bavaria "
     "on May 5, 2025.", "Đỗ Đức Duy"),
    ("The province received Korean Ambassador to Vietnam Kim Min-jae in Bắc Giang on "
     "May 5, 2025.", "Kim Min-jae"),
    ("The delegation met Vice President of the Vietnam Chamber of Commerce and Industry "
     "(VCCI) Hoàng Quang Minh on May 5, 2025.", "Hoàng Quang Minh"),
])
def test_title_of_an_organisation_then_the_name(sentence: str, name: str) -> None:
    from briefing.extract.people import find_people
    assert name in [f.name for f in find_people([sentence])]


def test_led_by_after_a_comma_is_not_an_apposition() -> None:
    from briefing.extract.people import find_people
    found = find_people([
        "A delegation of the central province of Thừa Thiên Huế, led by Vice Chairman of the "
        "provincial People's Committee Mai Văn Sơn, visited Normandy on May 5, 2025."])
    assert [f.name for f in found] == ["Mai Văn Sơn"]


def test_vice_president_of_a_host_body_is_a_counterpart() -> None:
    facts = _visit(
        "NINH THUẬN — A delegation from France's Brittany region led by Mr. Paul Morel, "
        "President of the Regional Council, visited Ninh Thuận province on May 6, 2025.",
        "The delegation met Vice President of the Việt Nam Union of Friendship "
        "Organisations (VUFO) Nguyễn Văn Bình.")
    assert [p.name for p in facts.counterparts if p.name] == ["Nguyễn Văn Bình"]
    assert facts.region == "Ninh Thuận"


def test_lead_role_from_the_body_whose_delegation_it_leads() -> None:
    facts = _visit(
        "A delegation of the Vietnamese National Assembly (NA) led by its Vice Chairman "
        "Đỗ Văn Tâm paid an official visit to Bavaria from May 5 to 7, 2025.")
    assert facts.lead_official is not None
    assert facts.lead_official.role == "Vice Chairman of the Vietnamese National Assembly"


def test_a_dated_community_event_without_a_visit_is_background() -> None:
    facts = extract(article_from_text(
        "Vietnamese in Germany celebrate Tết\n\nMonday, 03/02/2025 09:12\n\n"
        "Vietnamese associations across Germany held Tết celebrations over the past week.\n\n"
        "In Berlin, about 1,200 people gathered on February 1 for calligraphy and folk games.\n\n"
        "Ambassador Vũ Quang Minh attended and extended New Year greetings to the community.\n\n"
        "In Leipzig, a spring festival held at the pagoda on January 26 welcomed about 800 "
        "people.", "tet.txt"))
    assert facts.kind != "visit" and facts.visit_start is None


def test_towns_where_meetings_took_place() -> None:
    facts = _visit(
        "Minister of Industry and Trade Đỗ Đức Duy paid a working visit to Bavaria on May 5 "
        "and 6, 2025, meeting Minister-President Paul Weber in Augsburg.",
        "Receiving him in Regensburg city, Ms. Anna Vogt, Mayor, said the city valued Vietnam.",
        "He also visited a research centre in Erlangen and met the Vietnamese community in "
        "Bavaria and in Southeast Asia.",
        "The delegation then visited Passau city.")
    assert list(facts.cities) == ["Augsburg", "Regensburg", "Erlangen", "Passau"]
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 5, 5), dt.date(2025, 5, 6))


def test_weekday_dates_are_anchored_to_the_publication_date() -> None:
    facts = extract(article_from_text(
        "Ambassador visits province\n\nUpdated: 14/05/2025 10:20\n\n"
        "HÀ NỘI — Korean Ambassador to Việt Nam Kim Min-jae on Tuesday paid a working visit "
        "to the northern province of Thái Bình, where he met Chairman of the provincial "
        "People's Committee Ngô Văn Hải.", "weekday.txt"))
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 5, 13), dt.date(2025, 5, 13))
    assert facts.region == "Thái Bình"


def test_last_week_and_later_days_of_the_trip() -> None:
    facts = extract(article_from_text(
        "title: Ambassador visits region\ndate: 2025-10-13\n\n"
        "Vietnamese Ambassador to Belgium Trần Văn Lâm paid a working visit to Flanders "
        "last week.\n\nOn Tuesday, the ambassador met Flemish Minister Jan Peeters-Dirk in "
        "Ghent.\n\nOn Thursday, the delegation visited a port.", "week.txt"))
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 10, 7), dt.date(2025, 10, 9))


def test_the_following_day_ends_a_one_day_date() -> None:
    facts = _visit(
        "Deputy Minister Trần Văn Lâm started a working trip to Bavaria in Regensburg on June 9, 2025.",
        "The following day, the delegation travelled to Augsburg to meet local firms.",
        "Bavaria will host a trade fair next month.")
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 6, 9), dt.date(2025, 6, 10))


def test_days_of_a_two_region_trip_make_one_range() -> None:
    facts = _visit("Minister Trần Văn Lâm visited Hesse on May 5 and Thuringia on May 7, 2025.")
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 5, 5), dt.date(2025, 5, 7))


def test_towns_namesakes_ports_and_partner_towns() -> None:
    facts = _visit(
        "Deputy Minister Trần Văn Lâm paid a working visit to Lower Saxony on May 5, 2025.",
        "The following day, the delegation travelled to Hanover, capital of Lower Saxony.",
        "At the Port of Emden Logistics, managers presented the terminal.",
        "The minister proposed a partnership with the Vietnamese port city of Quy Nhơn.")
    assert list(facts.cities) == ["Hanover", "Emden"]  # Hanover is also a Jamaican parish


def test_a_town_named_like_its_province() -> None:
    facts = _visit(
        "A delegation of France's Savoie department visited Yên Bái province on May 5, 2025.",
        "Receiving the guests in Yên Bái city, Vice Chairman of the provincial People's "
        "Committee Nguyễn Văn Lâm said tourism grew.",
        "At a meeting in Nghĩa Lộ Town on May 6, the delegation discussed tea.")
    assert list(facts.cities) == ["Yên Bái", "Nghĩa Lộ"]


def test_consul_general_having_a_working_session_leads() -> None:
    facts = extract(article_from_text(
        "Consul General works with Saxony\n\nMonday, 17/11/2025 - 09:15\n\n"
        "On Thursday, Consul General of Vietnam in Berlin Nguyễn Hữu Tráng had a working "
        "session with State Secretary of the Saxon Ministry of Economics Paul Weber in "
        "Chemnitz.\n\nWeber said the state hosts about 20,000 people of Vietnamese origin.",
        "consul.txt"))
    assert facts.kind == "visit" and facts.visit_start == dt.date(2025, 11, 13)
    assert facts.lead_official and facts.lead_official.name == "Nguyễn Hữu Tráng"
    assert [p.name for p in facts.counterparts if p.name] == ["Paul Weber"]


def test_a_body_written_before_the_title_is_part_of_the_role() -> None:
    from briefing.extract.people import find_people
    found = find_people(["National Assembly Vice Chairwoman Nguyễn Thị Thanh paid a working "
                         "visit to Saxony on October 7 and 8, 2025."])
    assert [(f.name, f.roles[0].text) for f in found] == [
        ("Nguyễn Thị Thanh", "National Assembly Vice Chairwoman")]


def test_the_guest_of_a_passive_reception_leads() -> None:
    facts = extract(article_from_text(
        "Deputy minister works with Piedmont\n\n10/04/2025 21:15\n\n"
        "Turin (VNA) – Deputy Minister of Foreign Affairs Nguyễn Minh Hằng was received by "
        "President of the Piedmont Region Paolo Conti in Turin on April 8 as part of her "
        "working trip to Italy from April 7 to 10.\n\n"
        "Conti said the region accounts for about 9% of Italy's exports.\n\n"
        "Hằng also held talks with Marco Riva, Regional Minister for Economic Development.",
        "passive.txt"))
    assert facts.lead_official and facts.lead_official.name == "Nguyễn Minh Hằng"
    assert [p.name for p in facts.counterparts if p.name] == ["Paolo Conti", "Marco Riva"]
    assert (facts.host_country, facts.region, list(facts.cities)) == ("IT", "Piedmont", ["Turin"])


def test_province_delegation_in_a_foreign_province() -> None:
    facts = extract(article_from_text(
        "Provinces boost cooperation\n\nThursday, 04/09/2025 - 14:20\n\n"
        "Suwon (VNA) – A working delegation of Hà Nam province, headed by Secretary of the "
        "provincial Party Committee Lê Văn An, paid a visit to the Republic of Korea's "
        "Gyeonggi province from August 31 to September 3.\n\n"
        "The delegation had talks with Gyeonggi Governor Park Min-ho, who said over 200 "
        "Gyeonggi firms are operating in Vietnam.", "provinces.txt"))
    assert facts.lead_official is not None
    assert (facts.lead_official.name, facts.lead_official.role) == (
        "Lê Văn An", "Secretary of the Hà Nam provincial Party Committee")
    assert [(p.name, p.role) for p in facts.counterparts] == [("Park Min-ho", "Gyeonggi Governor")]
    assert (facts.host_country, facts.region) == ("KR", "Gyeonggi")


@pytest.mark.parametrize("region, code", [("Upper Austria", "AT-4"), ("Catalonia", "ES-CT"),
                                          ("Cataluña", "ES-CT"), ("Wallonia", "BE-WAL")])
def test_english_and_alternative_names_of_regions(region: str, code: str) -> None:
    from briefing.extract import places
    place = places.lookup(region)
    assert place is not None and place.code == code


def test_the_region_in_the_visitors_title_is_their_home() -> None:
    facts = extract(article_from_text(
        "Hà Nội, Japan's Saga to strengthen cooperation\n\n06/11/2025 20:00\n\n"
        "HÀ NỘI — Secretary of the Hà Nội Party Committee Bùi Thị Minh Châu on November 5 "
        "received Governor of Saga Prefecture Yamaguchi Yoshinori, who is on a visit to "
        "Việt Nam.\n\nChâu said Hà Nội values its friendship with Saga.", "home.txt"))
    assert facts.lead_official and facts.lead_official.name == "Yamaguchi Yoshinori"
    assert (facts.host_country, facts.region) == ("VN", "Hà Nội")
    assert facts.visit_start == facts.visit_end == dt.date(2025, 11, 5)


def test_the_town_a_delegation_comes_from_is_not_visited() -> None:
    facts = extract(article_from_text(
        "City leader receives French mayor\n\nUpdated: 05/03/2025 19:45\n\n"
        "HCM CITY — Vice Chairman of the HCM City People's Committee Bùi Văn Minh on Monday "
        "received a delegation from the French city of Annecy led by its Mayor Paul Girard.",
        "origin.txt"))
    assert facts.lead_official is not None
    assert facts.lead_official.role == "Mayor of the French city of Annecy"
    assert facts.cities == () and facts.region == "HCM City"
    assert facts.visit_start == dt.date(2025, 3, 3)


@pytest.mark.parametrize("sentence, name, role", [
    ("The chairwoman hosted a reception for Belgian Ambassador to Vietnam Jan van der Berg "
     "on August 20.", "Jan van der Berg", "Belgian Ambassador to Vietnam"),
    ("Deputy Minister of Labour, Invalids and Social Affairs Nguyễn Bá Minh held talks in "
     "Munich on October 2.", "Nguyễn Bá Minh",
     "Deputy Minister of Labour, Invalids and Social Affairs"),
    ("He met Ms. Anna Vogt, State Minister for Economic Affairs, Industry, Climate Action and "
     "Energy. They signed a deal.", "Anna Vogt",
     "State Minister for Economic Affairs, Industry, Climate Action and Energy"),
])
def test_names_with_particles_and_titles_listing_fields(sentence: str, name: str,
                                                        role: str) -> None:
    from briefing.extract.people import find_people
    roles = {f.name: [r.text for r in f.roles] for f in find_people([sentence])}
    assert role in roles[name]


def test_a_french_region_delegation_received_in_a_province() -> None:
    facts = extract(article_from_text(
        "Province, French region discuss agriculture\n\nWednesday, 02/04/2025 - 18:10\n\n"
        "Mr. Trần Hồng Sơn, Chairman of the Lâm Đồng provincial People's Committee, on March "
        "31 received a delegation of the French region of Occitania led by Ms. Claire Vidal, "
        "its Vice President in charge of international cooperation.\n\n"
        "Vidal said the region would send experts to help develop a dairy value chain.",
        "region.txt"))
    assert facts.lead_official is not None
    assert (facts.lead_official.name, facts.lead_official.role) == (
        "Claire Vidal", "Vice President of Occitania in charge of international cooperation")
    assert (facts.host_country, facts.region) == ("VN", "Lâm Đồng")
    assert [p.name for p in facts.counterparts] == ["Trần Hồng Sơn"]


def test_a_rank_before_the_title_is_kept() -> None:
    facts = _visit(
        "Chairman of the Quảng Nam provincial People's Committee Lê Văn Dũng on July 9, 2025 "
        "received a delegation of the Republic of Korea's Jeju province led by its Vice "
        "Governor Kim Min-jae.")
    assert facts.lead_official is not None
    assert (facts.lead_official.name, facts.lead_official.role) == (
        "Kim Min-jae", "Vice Governor of the Republic of Korea's Jeju province")
    assert (facts.host_country, facts.region) == ("VN", "Quảng Nam")


def test_courtesy_call_and_a_delegation_of_a_ministry() -> None:
    call = _visit("CẦN THƠ — French Senator Paul Morel paid a courtesy call on Secretary of the "
                  "Cần Thơ municipal Party Committee Đỗ Văn Bình on December 11, 2025.")
    assert call.kind == "visit" and call.visit_start == dt.date(2025, 12, 11)
    assert call.lead_official and call.lead_official.name == "Paul Morel"
    ministry = _visit(
        "Prefect of the Brittany region Claire Vidal on October 17, 2025 received a delegation "
        "of Vietnam's Ministry of Agriculture and Environment led by Deputy Minister Phùng "
        "Văn Tiến.")
    assert ministry.lead_official is not None and ministry.lead_official.role == (
        "Deputy Minister of Vietnam's Ministry of Agriculture and Environment")
    assert [p.name for p in ministry.counterparts] == ["Claire Vidal"]


@pytest.mark.parametrize("sentence, value, unit", [
    ("The city plans an industrial zone of nearly 1,850ha near the port.", 1850, "ha"),
    ("The plant will add 120MW of capacity.", 120, "MW"),
    ("More than 90 of its engineers were trained abroad.", 90, "engineers"),
    ("It hosts many Vietnamese nurses, who number about 4,300.", 4300, "nurses"),
    ("The delegation, which included two other deputies, arrived.", 2, "deputies"),
    ("They will hold at least two trade fairs a year.", 2, "fairs"),
])
def test_figures_in_more_phrasings(sentence: str, value: float, unit: str) -> None:
    figures = [(f.value, f.unit) for f in find_figures([sentence])]
    assert (value, unit) in figures
