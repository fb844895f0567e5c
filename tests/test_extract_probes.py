"""Made-up articles of the genre (tests/corpus/probes/) in phrasings the blind sets did not use.

Each is short and names people and places found in no test set: foreign ambassadors in
Vietnamese provinces, Vietnamese ministers in German Länder and Czech or Belgian regions,
'last week' and weekday dates against a header date, two-region trips, Q&A interviews,
lower-case roles and Mr./Mrs./Dr./Prof. before names; the host speaking first, a lead
'together with' an ambassador, a foreign governor whose prefecture is in his title, a
namesake region abroad ('Delta'), organisation words next to names, a Vietnamese official
signing for the visiting side abroad, datelines carrying the date; a delegation from a
'Federal State of X', an interviewee under a speaker label, 'told the X ambassador on
Tuesday', 'will also take it to the state of X', 'Sri Lanka's Western Province'.
"""

from __future__ import annotations

import pytest
from support import corpus
from support.evaluate import score

from briefing.extract import extract
from briefing.extract.people import same_person
from briefing.facts_json import facts_to_json
from briefing.readers import read_article

PROBES = corpus.by_name("probes").articles
assert PROBES is not None

# article: (lead, counterparts named, host country, region, visit start)
EXPECTED = {
    "p01": ('Helga Sommerfeld', ['Đặng Văn Minh'], 'VN', 'Quảng Ngãi', '2025-03-12'),
    "p02": ('Phan Thị Thắng', ['Ulrike Brandner'], 'DE', 'Baden-Württemberg', '2025-04-07'),
    "p03": ('Đào Ngọc Dung', ['Jan Horáček', 'Petra Vondráčková'], 'CZ', 'Moravian-Silesian Region', '2025-05-06'),
    "p04": ('Pieter Van Daele', ['Nguyễn Thị Yến'], 'VN', 'Bà Rịa - Vũng Tàu', '2025-10-14'),
    "p05": ('Karel Hendrickx', [], None, None, None),
    "p06": ('Vũ Quang Minh', ['Reiner Haseloff-Kunz', 'Katja Böhler'], 'DE', 'Saxony-Anhalt', '2025-06-02'),
    "p07": ('Kim Sung-ho', ['Võ Tấn Đức'], 'VN', 'Đồng Nai', '2025-10-15'),
    "p08": ('Marco Della Seta', ['Trần Việt Trường'], 'VN', 'Cần Thơ', '2025-07-08'),
    "p09": ('Nguyễn Mạnh Hùng', ['Sophie Rigaud', 'Julien Abadie'], 'FR', 'Occitanie', '2025-09-15'),
    "p10": ('Takeshi Ogura', ['Đặng Xuân Trường'], 'VN', 'Thái Nguyên', '2025-11-04'),
    "p11": ('Trần Thanh Nam', ['Anne-Marie Lecocq'], 'BE', 'Wallonia', '2025-03-10'),
    "p12": ('Joanna Skoczek-Wiśniak', ['Nguyễn Đức Trung'], 'VN', 'Nghệ An', '2025-08-19'),
    "q01": ('Kees-Anne Verbeek', ['Trương Văn Nam', 'Lê Minh Quân'], 'VN', 'Long An', '2025-06-30'),
    "q02": ('Bùi Thanh Sơn', ['Michele de Pascale', 'Elena Rossini'], 'IT', 'Emilia-Romagna', '2025-05-20'),
    "q03": ('Étienne Ranaivo', [], None, None, None),
    "q04": ('Dương Hoài Nam', ['Rudolf Špoták'], 'CZ', 'Plzeň Region', '2025-03-13'),
    "q05": ('Nathalie Fontanet', ['Nguyễn Văn Phương'], 'VN', 'Thừa Thiên Huế', '2025-06-30'),
    "q06": ('Trần Hồng Minh', ['Jacques Vandermeiren-Claes', 'Annick De Ridder'], 'BE', 'Flanders', '2025-10-06'),
    "q07": ('Shinji Hirai', ['Trần Đức Thắng'], 'VN', 'Hải Dương', '2025-04-03'),
    "q08": ('Nguyễn Sinh Nhật Tân', ['Guido Guidesi', 'Donatella Sciuto'], 'IT', 'Lombardy', '2025-09-22'),
    "r01": ('Olivier Brochet-Lenoir', ['Vương Quốc Tuấn'], 'VN', 'Bắc Ninh', '2025-07-22'),
    "r02": ('Bùi Hoàng Phương', ['Dirk Panter-Wolf', 'Harald Schenk-Berg'], 'DE', 'Saxony', '2025-05-12'),
    "r03": ('Nguyễn Hoàng Long', ['Roberto Marcatoni', 'Giulia Ferraresi'], 'IT', 'Veneto', '2025-04-02'),
    "r04": ('Gábor Tóth-Szabó', ['Nguyễn Văn Khước'], 'VN', 'Vĩnh Phúc', '2025-09-05'),
    "r05": ('Andrew Goldwin', ['Phan Phong Phú', 'Võ Văn Hưng'], 'VN', 'Quảng Bình', '2025-04-02'),
    "r06": ('Vũ Quang Minh', ['Daniel Krüger-Hahn'], 'DE', 'Brandenburg', '2025-02-05'),
    "s01": ('Lee Dal-hee', ['Nguyen Thi Thanh Binh'], 'VN', 'Binh Dinh', '2025-03-04'),
    "s02": ('Nguyễn Trung Kiên', ['Thomas Stelzer-Holm', 'Doris Hummer-Ebner'], 'AT', 'Upper Austria', '2025-11-12'),
    "s03": ('Ito Naoki', ['Nguyễn Việt Oanh'], 'VN', 'Bắc Giang', '2025-06-18'),
    "s04": ('Đỗ Đức Duy', ['Marie-Guite Dufay-Renard', 'Anne Vignot-Clerc'], 'FR',
            'Bourgogne-Franche-Comté', '2025-06-30'),
    "t01": ('Hồ Kỳ Mạnh', ['Florence Verney-Carron-Lyot', 'Jean-Charles Guibert-Roux'], 'FR',
            'Auvergne-Rhône-Alpes', '2025-09-16'),
    "t02": ('Jan Hofmann-Zelený', [], None, None, None),
    "t03": ('Phạm Thị Thanh Trà', ['Seitaro Hattori-Ono'], 'JP', 'Fukuoka', '2025-10-20'),
    "t04": ('Lê Thị Thu Hằng-Mai', ['Eric Beißwenger-Roth'], 'DE', 'Bavaria', '2025-07-03'),
    "u01": ('Trần Văn Thuấn', ['Sonja Optendrenk-Weiß'], 'DE', 'Hesse', '2025-10-08'),
    "u02": ('Olivier Brochet-Lenoir', ['Nguyễn Văn Phương', 'Lê Anh Phương-Thảo'], 'VN',
            'Thừa Thiên Huế', '2025-03-10'),
    "v01": ('Kees van Baar-Smit', ['Đoàn Thị Thanh Lan-Anh'], 'VN', 'Đồng Tháp', '2025-05-15'),
    "v02": ('Dương Hải Hưng', ['Alberto Cirio-Bassi', 'Stefano Corgnati-Valle'], 'IT', 'Piedmont', '2025-06-04'),
    "v03": (None, ['Nguyễn Minh Lâm-Khoa'], 'VN', 'Long An', '2025-03-03'),
    "w01": ('Pieter Claessens-Dewit', ['Lê Thị Hạnh Dung-Vân'], 'VN', 'Tây Ninh', '2025-03-04'),
    "w02": ('Phan Quốc Khánh-Vũ', ['Carmen Ortega-Luján'], 'ES', 'Andalusia', '2025-10-14'),
    "w03": ('Hiroshi Tanabe-Mori', ['Đinh Văn Khoa-Lâm', 'Võ Văn Hưng-Thịnh'], 'VN', 'Quảng Trị',
            '2025-05-20'),
    "w04": ('Sanna Koivula-Rinne', ['Trần Quốc Văn-Tú'], 'VN', 'Hưng Yên', '2025-06-10'),
    "w05": ('Hoàng Minh Sơn-Tùng', ['Marieke Ten Velde-Bos', 'Arjen Kooistra-Mulder'], 'NL',
            'Gelderland', '2025-09-24'),
    "w06": ('Tomáš Vrba-Kolář', ['Nguyễn Thị Bé Mười-Hai', 'Trần Văn Đức-Minh'], 'VN', 'Bến Tre',
            '2025-11-03'),
    "x01": ('Joost Vermeulen-Haak', ['Trương Hải Long-Vĩnh'], 'VN', 'Gia Lai', '2025-04-08'),
    "x02": ('Đoàn Mậu Diệp-Khang', ['Markus Achleitner-Frey', 'Ingrid Pammer-Stolz'], 'AT',
            'Upper Austria', '2025-05-19'),
    "y01": ('Lee Cheol-woo-Han', ['Đỗ Minh Tuấn-Khải'], 'VN', 'Thanh Hóa', '2025-08-27'),
    "y02": ('Nguyễn Văn Phúc-Lâm', ['Hans Meier-Lenz', 'Petra Olschowski-Brandt'], 'DE',
            'Baden-Württemberg', '2025-03-10'),
    "z01": ('Tôn Ngọc Hạnh-Châu', ['Ichiro Yamazaki-Oda'], 'JP', 'Gunma', '2025-07-14'),
    "z02": ('Thomas Gass-Bühler', ['Lữ Quang Ngời-Sáu'], 'VN', 'Vĩnh Long', '2025-02-20'),
    "z03": ('Đỗ Đức Duy-Tâm', ['Gábor Kovács-Lendvai'], 'HU', 'Bács-Kiskun', '2025-10-07'),
    # round 6: the visitors' home city-state is not the host region; an interviewee who
    # mentions a visiting official; the host speaking first with only a weekday; a later
    # stop of a wider trip; a country's region whose name has a namesake abroad
    "za1": ('Brigitte Haslauer-Wendt', ['Lâm Hải Giang-Trí'], 'VN', 'Bình Định', '2025-09-17'),
    "za2": ('Trương Quang Hiển-Đạt', [], None, None, None),
    "za3": ('Ingrid Almqvist-Berg', ['Y Ngọc Blô-Hà'], 'VN', 'Kon Tum', '2025-05-14'),
    "za4": ('Đặng Minh Khuê-Lộc', ['Jürgen Wallenhorst-Pieper'], 'DE', 'Mecklenburg-Vorpommern',
            '2025-07-08'),
    "za5": ('Huỳnh Văn Khải-Tâm', ['Chaminda Rathnayake-Perera'], 'LK', 'Western Province',
            '2025-03-17'),
}


def _facts(stem: str):
    return extract(read_article(PROBES / f"{stem}.txt"))


def test_every_probe_has_expectations() -> None:
    assert sorted(p.stem for p in PROBES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_probe_people(stem: str) -> None:
    facts = _facts(stem)
    lead, counterparts, _, _, _ = EXPECTED[stem]
    if lead is None:  # "a delegation of 40 Korean businesses": nobody leads it by name
        assert facts.lead_official is None
    else:
        assert facts.lead_official is not None and same_person(facts.lead_official.name, lead)
    # seed convention: no counterparts for a non-visit (since issue 11 an interview names the
    # hosts of the visit it discusses)
    met = facts.counterparts if facts.kind == "visit" else ()
    assert sorted(p.name for p in met if p.name) == sorted(counterparts)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_probe_place_and_date(stem: str) -> None:
    facts = _facts(stem)
    _, _, host, region, start = EXPECTED[stem]
    scores = score([(facts_to_json(facts), {"region": region, "visit_start": start})])
    assert (scores.region_accuracy, scores.visit_start_accuracy) == (1.0, 1.0), facts
    # the probes follow the seed convention (no host country for a non-visit); since issue
    # 11 an interview or other news names the country of the visit or event it is about
    assert (facts.host_country if facts.kind == "visit" else None) == host
    assert (facts.visit_start.isoformat() if facts.visit_start else None) == start


def test_interview_lead_is_the_interviewee() -> None:
    facts = _facts("za2")
    assert facts.kind == "interview"
    assert facts.lead_official is not None
    assert facts.lead_official.role == "Ambassador of Vietnam to Austria"
