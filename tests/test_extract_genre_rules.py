"""Genre rules found on real articles (issue 11), each with phrasings it must and must not
fire on.  The sentences are made up for the test; none names a real article's people or
places (see test_extract.py, which forbids gold names in the code)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.extract import extract
from briefing.extract.dates import find_visit_dates
from briefing.models import Facts
from briefing.readers import article_from_text


def _article(*sentences: str) -> Facts:
    return extract(article_from_text("Headline\n\n" + " ".join(sentences), "case.txt"))


# --- kind: a visit reported without any date is still a visit -----------------------------

@pytest.mark.parametrize("opening", [
    "On the occasion of a business trip to Laos, the provincial delegation had a courtesy visit "
    "to Bolikhamxay province.",
    "The visit was made at the invitation of Premier Anna Kowalski.",
    "During her reception for the Vietnamese diplomat, Mayor Anna Kowalski praised the ties.",
    "Governor Anna Kowalski received the delegation at the provincial hall.",
])
def test_a_visit_without_dates_is_still_a_visit(opening: str) -> None:
    facts = _article(opening, "The two sides discussed trade and tourism.",
                     "They agreed to exchange students.")
    assert facts.kind == "visit"
    assert facts.visit_start is None and facts.visit_start_partial is None


@pytest.mark.parametrize("opening", [
    "The province's exports of rice rose by 12 percent last year.",
    "A festival of lanterns drew crowds to the old town.",
])
def test_news_without_a_visit_stays_other(opening: str) -> None:
    facts = _article(opening, "Officials expect further growth.", "Farmers welcomed the news.")
    assert facts.kind == "other"


def test_a_virtual_meeting_is_not_a_visit() -> None:
    facts = _article(
        "A delegation from the border city on May 4 held a virtual meeting with authorities "
        "of a neighbouring Chinese city, discussing trade.",
        "Chairman of the city People's Committee Tran Van Binh welcomed the proposals.")
    assert facts.kind == "other"
    assert facts.reason == "a virtual meeting: nobody travelled"


def test_a_meeting_in_person_is_a_visit() -> None:
    facts = _article(
        "A delegation from the border city on May 4 held a meeting with authorities of a "
        "neighbouring Chinese city in Guangxi, discussing trade.",
        "Chairman of the city People's Committee Tran Van Binh led the delegation.")
    assert facts.kind == "visit"


# --- interviews ahead of a visit carry that visit's dates ---------------------------------

def test_an_interview_ahead_of_a_trip_is_an_interview_with_the_trips_dates() -> None:
    facts = _article(
        "Hanoi (VNA) - The Prime Minister's official visit to Hungary from June 26-28 will open "
        "many opportunities, Hungarian Ambassador to Vietnam Anna Kowalski has affirmed.",
        "Talking to the press on the threshold of the trip, the diplomat said it will bring "
        "practical effects.")
    assert facts.kind == "interview"
    assert facts.visit_start_partial == "--06-26"
    assert facts.host_country == "HU"


# --- dates: a dateline, and a host quoted "on <date>" in the opening -----------------------

@pytest.mark.parametrize("sentence, found", [
    ("Matanzas, June 19 (ACN) Authorities in this province and their counterparts signed "
     "a memorandum.", "--06-19"),
    ("The report of June 19 (draft) lists the exports of the province.", None),
])
def test_a_date_in_the_dateline_is_the_day_of_the_event(sentence: str, found: str | None) -> None:
    visit = find_visit_dates([sentence, "The two sides discussed agriculture."], None)
    assert (visit.partial_start if visit else None) == found


@pytest.mark.parametrize("second, found", [
    ("At a working session with a delegation from the consulate, he praised the cooperation.",
     "--11-18"),
    ("He added that rice exports grew strongly in the year.", None),
])
def test_remarks_dated_in_the_opening_date_the_meeting_that_follows(second: str,
                                                                    found: str | None) -> None:
    first = ("The province expects further cooperation in energy and trade, said Chairman of "
             "the provincial People's Committee Tran Van Binh on November 18.")
    visit = find_visit_dates([first, second], None)
    assert (visit.partial_start if visit else None) == found


# --- the host named first: not the lead ---------------------------------------------------

@pytest.mark.parametrize("opening", [
    "Hosting a reception for the Vietnamese ambassador, Deputy Mayor of Westfield Anna Kowalski "
    "emphasised the city's interest in trade.",
    "The visit was made at the invitation of Premier Anna Kowalski.",
    "While receiving the Vietnamese diplomat, Governor Anna Kowalski said the state valued "
    "education ties.",
])
def test_a_host_named_first_is_not_the_lead(opening: str) -> None:
    facts = _article(opening, "Vietnamese Ambassador to Poland Tran Van Binh visited the region "
                              "on May 4.", "The two sides discussed trade.")
    assert facts.lead_official is not None and facts.lead_official.name == "Tran Van Binh"
    assert "Anna Kowalski" in [p.name for p in facts.counterparts]


def test_a_guest_named_after_received_by_is_still_the_lead() -> None:
    facts = _article("Vietnamese Ambassador to Poland Tran Van Binh was received by Mayor "
                     "Anna Kowalski on May 4.", "The two sides discussed trade.")
    assert facts.lead_official is not None and facts.lead_official.name == "Tran Van Binh"


# --- a caption may be the only place naming the visitor ------------------------------------

def test_the_visitor_named_only_in_a_caption_leads() -> None:
    text = ("Headline\n\nVietnamese Ambassador to Poland Tran Van Binh (second, L) and his spouse "
            "with local officials (Photo: VNA)\n\nThe visit was made at the invitation of "
            "Premier Anna Kowalski.\n\nThe two sides discussed mining and education.")
    facts = extract(article_from_text(text, "case.txt"))
    assert facts.lead_official is not None and facts.lead_official.name == "Tran Van Binh"
    assert facts.lead_official.role == "Vietnamese Ambassador to Poland"
    assert [p.name for p in facts.counterparts] == ["Anna Kowalski"]


def test_a_caption_naming_only_a_host_gives_no_lead() -> None:
    text = ("Headline\n\nPremier Anna Kowalski (R) at the meeting (Photo: VNA)\n\n"
            "The province's exports rose last year.\n\nFarmers welcomed the news.")
    assert extract(article_from_text(text, "case.txt")).lead_official is None


# --- a foreign provincial official visiting a Vietnamese province, nobody "leading" --------

@pytest.mark.parametrize("opening, lead", [
    ("A delegation from Cambodia's Kampot province visited the southern province of Long An on "
     "February 9. The delegation includes Governor of Kampot province Sok Chenda.", "Sok Chenda"),
    ("The southern province of Ben Tre and the Lao province of Bolikhamxay agreed to cooperate "
     "during a meeting between their leaders in the Vietnamese locality on January 5. "
     "Secretary of the Party Committee and Governor of Bolikhamxay province Sok Chenda said "
     "the visit aimed to learn from local experience.",
     "Sok Chenda"),
])
def test_the_official_of_the_foreign_province_leads(opening: str, lead: str) -> None:
    facts = _article(opening, "Chairman of the provincial People's Committee Tran Van Binh "
                              "welcomed the guests.")
    assert facts.lead_official is not None and facts.lead_official.name == lead
    assert facts.host_country == "VN"
    assert [p.name for p in facts.counterparts] == ["Tran Van Binh"]


def test_the_host_of_a_vietnamese_delegation_abroad_does_not_lead() -> None:
    facts = _article("A delegation of Long An province visited Kampot province in Cambodia on "
                     "February 9.", "Governor of Kampot province Sok Chenda received the "
                     "delegation and briefed it on the local economy.")
    assert facts.lead_official is None or facts.lead_official.name != "Sok Chenda"
    assert "Sok Chenda" in [p.name for p in facts.counterparts]


# --- names and bodies --------------------------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    ("At a working session with a delegation led by US Consul General Anna K. Kowalski, the "
     "chairman praised the ties.", "Anna K. Kowalski"),
    ("At a working session with a delegation led by US Consul General Anna Kowalski, the "
     "chairman praised the ties.", "Anna Kowalski"),
])
def test_a_middle_initial_stays_in_the_name(sentence: str, name: str) -> None:
    facts = _article("Chairman of the provincial People's Committee Tran Van Binh met the "
                     "guests on May 4.", sentence)
    assert facts.lead_official is not None and facts.lead_official.name == name


def test_a_plural_possessive_inside_a_body_name_does_not_cut_the_role() -> None:
    facts = _article(
        "Governor of Poland's Opole province and Vice President of the Poland-Vietnam Friendship "
        "Parliamentarians’ Group Anna Kowalski held a working session with leaders of the "
        "southern province of Long An on May 4.")
    assert facts.lead_official is not None and facts.lead_official.name == "Anna Kowalski"


# --- lists of visitors and where they are based --------------------------------------------

def test_diplomats_listed_with_their_countries_visit_together() -> None:
    facts = _article(
        "Three Consul Generals based in Ho Chi Minh City (HCMC) – Anna Kowalski (Poland), "
        "Jan Novak (Czech Republic), and Piet Jansen (Netherlands) – visited Ben Tre province "
        "on October 24-25, 2023.",
        "They met Chairman of the provincial People's Committee Tran Van Binh.")
    assert facts.lead_official is not None and facts.lead_official.name == "Anna Kowalski"
    assert [p.name for p in facts.counterparts if p.name] == ["Tran Van Binh"]
    assert facts.region == "Ben Tre"


def test_a_name_before_a_bracketed_word_that_is_no_country_is_not_listed() -> None:
    facts = _article("Two Consul Generals visited Ben Tre province on October 24, 2023 with "
                     "Anna Kowalski (interpreter).", "They met the provincial leaders.")
    assert facts.lead_official is None or facts.lead_official.role != "Consul General of interpreter"


# --- the delegation's own official leads it ------------------------------------------------

def test_the_official_of_the_delegations_home_city_leads() -> None:
    facts = _article(
        "A high-level delegation from the border province of Lang Son's Dong Dang town on "
        "December 21 held talks with authorities of a neighbouring Chinese city.",
        "At the function, mayor of the Chinese city Wang Lei raised some issues.",
        "Chairman of the Dong Dang People's Committee Tran Van Binh welcomed the proposals.")
    assert facts.lead_official is not None and facts.lead_official.name == "Tran Van Binh"


def test_an_official_of_another_town_does_not_lead_the_delegation() -> None:
    facts = _article(
        "A high-level delegation from the border province of Lang Son's Dong Dang town on "
        "December 21 held talks with authorities of a neighbouring Chinese city.",
        "Chairman of the Loc Binh People's Committee Tran Van Binh also spoke.")
    assert facts.lead_official is None or facts.lead_official.name != "Tran Van Binh"


# --- sides abroad: the ambassador who receives a provincial delegation hosts it ------------

def test_the_ambassador_receiving_a_provincial_delegation_abroad_is_on_the_host_side() -> None:
    facts = _article(
        "A delegation of Long An province led by Chairman of the provincial People's Committee "
        "Tran Van Binh paid a working visit to Poland from May 4 to 6, 2025.",
        "Vietnamese Ambassador to Poland Le Thi Hoa received the delegation in Warsaw.",
        "Governor of Opole province Anna Kowalski also met the delegation.")
    names = [p.name for p in facts.counterparts if p.name]
    assert facts.lead_official is not None and facts.lead_official.name == "Tran Van Binh"
    assert "Le Thi Hoa" in names and "Anna Kowalski" in names


@pytest.mark.parametrize("aside", ["who joined the visit", "who accompanied the delegation"])
def test_an_ambassador_who_joins_the_delegation_is_not_a_counterpart(aside: str) -> None:
    facts = _article(
        "A delegation of Long An province led by Chairman of the provincial People's Committee "
        "Tran Van Binh paid a working visit to Poland from May 4 to 6, 2025.",
        f"Vietnamese Ambassador to Poland Le Thi Hoa, {aside}, said trade was growing.",
        "Governor of Opole province Anna Kowalski met the delegation.")
    assert [p.name for p in facts.counterparts if p.name] == ["Anna Kowalski"]


def test_an_interview_names_the_host_of_the_visit_it_discusses() -> None:
    facts = _article(
        "Hanoi (VNA) - The Prime Minister's official visit to Hungary from June 26-28 will open "
        "many opportunities, Hungarian Ambassador to Vietnam Anna Kowalski has affirmed.",
        "Talking to the press ahead of the trip made at the invitation of Hungarian National "
        "Assembly Speaker Jan Novak, the diplomat said it will bring practical effects.")
    assert facts.kind == "interview"
    assert facts.lead_official is not None and facts.lead_official.name == "Anna Kowalski"
    assert [p.name for p in facts.counterparts] == ["Jan Novak"]


# --- figures: counts in words, the unit after the number, a part of a total ----------------

@pytest.mark.parametrize("sentence, values", [
    ("The festival drew some 140 people from 15 regions.", [(140, "people"), (15, "regions")]),
    ("The city sent twelve teachers and three vice governors.",
     [(12, "teachers"), (3, "governors")]),
    ("The school has trained 1,347 students, including 227 from the province.",
     [(1347, "students"), (227, "students")]),
    ("The school has trained 1,347 students since 2002, including 2019.", [(1347, "students")]),
    ("The two sides discussed trade.", []),
])
def test_counts_of_the_genre(sentence: str, values: list) -> None:
    from briefing.extract.figures import find_figures

    assert [(f.value, f.unit) for f in find_figures([sentence])] == values


# --- lists of officials after "including" / "such as" keep every name -----------------------

@pytest.mark.parametrize("sentence", [
    "The ambassador met local leaders, including Governor of Opole province Anna Kowalski, Mayor "
    "of Opole city Jan Novak and President of Silesia region Piet Jansen.",
    "He met officials such as Governor of Opole province Anna Kowalski, Mayor of Opole city Jan "
    "Novak, and President of Silesia region Piet Jansen.",
])
def test_a_list_of_titled_officials_keeps_every_name(sentence: str) -> None:
    from briefing.extract.people import find_people

    assert [f.name for f in find_people([sentence])] == ["Anna Kowalski", "Jan Novak",
                                                         "Piet Jansen"]


# --- a future event the visitor is invited to does not date the visit -----------------------

@pytest.mark.parametrize("sentence, found", [
    ("He handed over a letter inviting him to a friendship dialogue in the city from "
     "December 2-4.", None),
    ("The delegation visited the city from December 2-4 at the invitation of the mayor.",
     "--12-02"),
])
def test_an_invitation_to_a_later_event_is_not_the_visit(sentence: str, found: str | None) -> None:
    visit = find_visit_dates(["The ambassador has recently visited the city.", sentence], None)
    assert (visit.partial_start if visit else None) == found


# --- an embassy's event: its ambassador is the leading official ----------------------------

@pytest.mark.parametrize("opening, lead", [
    ("The Vietnamese Embassy in Poland, with the regional government, held an event named "
     "“Meet Vietnam” on March 7 evening.", "Tran Van Binh"),
    ("Vietnamese associations across Poland held a series of events to celebrate Tet.", None),
])
def test_the_ambassador_speaks_for_the_embassys_event(opening: str, lead: str | None) -> None:
    facts = _article(opening, "Speaking at the event, Ambassador Tran Van Binh said ties were "
                              "at their best.", "Many guests enjoyed the food.")
    assert facts.kind == "other"
    assert (facts.lead_official.name if facts.lead_official else None) == lead


@pytest.mark.parametrize("sentence, names", [
    ("He met Chief Executive at Opole Chamber of Trade & Commerce Jan Novak.", ["Jan Novak"]),
    ("He met the Head of Opole Investment & Trade.", []),
])
def test_bodies_with_an_ampersand(sentence: str,
                                                                names: list[str]) -> None:
    from briefing.extract.people import find_people

    assert [f.name for f in find_people([sentence])] == names


@pytest.mark.parametrize("last, names", [
    ("The PPC Chairman Tran Van Bi", ["Tran Van Binh"]),  # the stored copy stops mid-name
    ("The PPC Chairman Tran Van Bao also spoke.", ["Tran Van Binh", "Tran Van Bao"]),
])
def test_a_name_cut_off_at_the_end_of_the_text_is_the_same_person(last: str,
                                                                  names: list[str]) -> None:
    from briefing.extract.people import find_people

    sentences = ["Chairman of the provincial People's Committee Tran Van Binh met the guests.",
                 "They discussed trade.", last]
    assert [f.name for f in find_people(sentences)] == names


@pytest.mark.parametrize("sentence, values", [
    ("The ambassador met three Vice Governors of the region.", [(3, "vice governors")]),
    ("Three Mayors of the region attended.", [(3, "mayors")]),
    ("Three Consul Generals based in the city visited.", []),  # the named visitors themselves
    ("The three Parties agreed.", []),
])
def test_officials_counted_by_their_title(sentence: str, values: list) -> None:
    from briefing.extract.figures import find_figures

    assert [(f.value, f.unit) for f in find_figures([sentence])] == values


@pytest.mark.parametrize("name, code", [("Krasnodar", "RU-KDA"), ("Altay Krai", "RU-ALT"),
                                        ("Primorsky Krai", "RU-PRI")])
def test_russian_krais_under_their_english_names(name: str, code: str) -> None:
    from briefing.extract import places

    place = places.lookup(name)
    assert place is not None and place.code == code


@pytest.mark.parametrize("name, code", [("Moscow", "RU-MOW"), ("Saint Petersburg", "RU-SPE"),
                                        ("Champassak", "LA-CH"), ("Bangkok", "TH-10"),
                                        ("Ratanakiri", "KH-16"), ("Salavan", "LA-SL")])
def test_capitals_and_provinces_under_their_english_spellings(name: str, code: str) -> None:
    from briefing.extract import places

    place = places.lookup(name)
    assert place is not None and place.code == code


def test_the_city_of_the_embassy_visited_is_the_region() -> None:
    facts = _article("On May 3, Chairman of the provincial People's Committee Tran Van Binh "
                     "and the delegation worked at the Vietnamese Embassy in Moscow.",
                     "He spoke of cooperation with Saint Petersburg city in the coming time.")
    assert facts.region == "Moscow"


@pytest.mark.parametrize("sentence, name, org", [
    ("He also met with Superintendent of the Varnland Naval Academy Anna Kowalski, who spoke.",
     "Anna Kowalski", "Varnland Naval Academy"),
    ("He also met with Rector of Kelport University Tran Van Binh, who spoke.",
     "Tran Van Binh", "Kelport University"),
])
def test_an_institution_word_ends_its_name_before_the_person(sentence: str, name: str,
                                                             org: str) -> None:
    from briefing.extract.people import find_people

    found = find_people([sentence])
    assert [f.name for f in found] == [name]
    assert found[0].roles[0].organisation == org


@pytest.mark.parametrize("sentence, values", [
    ("The mission will select two appropriate sites for the project.", [(2, "sites")]),
    ("It will build on the two previous phases of the programme.", [(2, "phases")]),
    ("Three Vietnamese companies exhibited at the fair.", [(3, "companies")]),
    ("The two neighbouring countries share a long border.", []),  # the two sides
    ("The two supreme courts also cooperate.", []),  # the two sides' own bodies
    ("Success depends on one or two committed individuals.", []),
    ("The two sides agreed to meet again.", []),
])
def test_a_count_in_words_before_an_adjective_and_noun(sentence: str, values: list) -> None:
    from briefing.extract.figures import find_figures

    assert [(f.value, f.unit) for f in find_figures([sentence])] == values


def test_a_long_name_between_comrade_and_a_dash_is_whole_and_leads() -> None:
    from briefing.extract.people import find_people

    sentence = ("The delegation of Varnland province led by comrade Bounmy Sa Khan Tran A Vong – "
                "Member of the Central Committee, Governor of Varnland visited the province.")
    found = find_people([sentence])
    assert [f.name for f in found][:1] == ["Bounmy Sa Khan Tran A Vong"]
    assert found[0].led


def test_a_vietnamese_name_after_comrade_is_still_cut_at_its_surname() -> None:
    from briefing.extract.people import find_people

    found = find_people(["The meeting was attended by comrade Tran Van Binh - Vice Chairman of "
                         "the provincial People's Committee."])
    assert [f.name for f in found] == ["Tran Van Binh"]


@pytest.mark.parametrize("sentences, start", [
    (["Chairman Tran Van Binh received the delegation of Varnland province yesterday.",
      "They discussed trade."], dt.date(2024, 3, 5)),
    (["Yesterday afternoon, Governor Anna Kowalski paid a working visit to the province."],
     dt.date(2024, 3, 5)),
    # a written date dates the visit: "yesterday" is then something else
    (["On March 2, Chairman Tran Van Binh received the delegation of Varnland province.",
      "Yesterday, the delegation visited a factory."], dt.date(2024, 3, 2)),
])
def test_yesterday_counts_from_the_publication_date_when_no_date_is_written(
        sentences: list[str], start: dt.date) -> None:
    visit = find_visit_dates(sentences, dt.date(2024, 3, 6))
    assert visit is not None and visit.start == start


def test_yesterday_before_new_year_is_last_year() -> None:
    visit = find_visit_dates(["Governor Anna Kowalski received the delegation yesterday."],
                             dt.date(2025, 1, 1))
    assert visit is not None and visit.start == dt.date(2024, 12, 31)
