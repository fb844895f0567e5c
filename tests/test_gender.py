"""Titles agree with the person: the gender the article shows, and the feminine titles it selects."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from factories import make_facts

from briefing import glossary, narrative
from briefing.extract import extract
from briefing.extract.gender import gender_of
from briefing.localise import KeepOriginal, NameBook, localise_item, translate_prose
from briefing.models import Person
from briefing.readers import article_from_text

ANNE = Person("Anne Martin", "Prefect of the region", None, 0)


@pytest.mark.parametrize(("sentences", "gender"), [
    (["The ambassador met Ms Anne Martin, Prefect of the region."], "female"),
    (["Mrs. Martin welcomed the delegation."], "female"),
    (["Madame Anne Martin, préfète de région, a reçu la délégation."], "female"),
    (["Mme Martin a reçu la délégation."], "female"),
    (["Mr. Anne Martin welcomed the delegation."], "male"),
    (["Anne Martin said she hoped to visit Vietnam soon."], "female"),
    (["Anne Martin added that he would return."], "male"),
    (["Prefect Anne Martin welcomed the delegation."], "unknown"),
])
def test_the_article_shows_the_gender_by_honorific_or_pronoun(sentences: list[str], gender: str) -> None:
    assert gender_of(ANNE, sentences) == gender


@pytest.mark.parametrize("sentence", [
    "Prefect Anne Martin briefed her on the port.",  # "her" is the object: someone else
    "Anne Martin thanked the governor, who said she would visit.",  # a title in between
    "Anne Martin met Claire Dubois, and she praised the talks.",  # another person named
    "Anne Martin welcomed the guests and said that it was clear that she would come.",  # too far
])
def test_a_pronoun_that_may_be_someone_elses_says_nothing(sentence: str) -> None:
    assert gender_of(ANNE, [sentence], ["Claire Dubois"]) == "unknown"


def test_an_honorific_before_another_name_says_nothing_of_this_person() -> None:
    assert gender_of(ANNE, ["Prefect Anne Martin met Ms Claire Dubois."]) == "unknown"


@pytest.mark.parametrize(("person", "gender"), [
    (Person("Nguyễn Thị Lan", "Vice Chairman of the provincial People's Committee"), "female"),
    (Person("Tran Thi Hoa", "Director"), "female"),
    (Person("Nguyễn Văn An", "Chairman"), "male"),
    (Person("Pieter van Dijk", "Mayor"), "unknown"),  # a Dutch "van" is no Vietnamese middle name
    (Person("Lee Soo-min", "Chairwoman of the Provincial Council"), "female"),
    (Person("Claire Dubois", "directrice générale de la CCI"), "female"),
    (Person("Marco Rossi", "Presidente della Regione"), "unknown"),  # Italian, not French
])
def test_a_role_word_or_a_vietnamese_middle_name_shows_the_gender(person: Person, gender: str) -> None:
    assert gender_of(person, []) == gender


def test_conflicting_cues_leave_the_gender_unknown() -> None:
    assert gender_of(ANNE, ["Ms Anne Martin met the press.", "Mr. Martin left."]) == "unknown"


@pytest.mark.parametrize(("lang", "gender", "phrase"), [
    ("fr", "female", "Delphine Wahl (directrice générale, CCI Normandie)"),
    ("fr", "unknown", "Delphine Wahl (directeur général, CCI Normandie)"),
    ("fr", "male", "Delphine Wahl (directeur général, CCI Normandie)"),
    ("vi", "female", "Tổng giám đốc Delphine Wahl (CCI Normandie)"),
    ("en", "female", "Delphine Wahl (general director, CCI Normandie)"),
])
def test_a_womans_title_is_feminine_where_the_language_has_a_form(lang: str, gender: str,
                                                                  phrase: str) -> None:
    person = Person("Delphine Wahl", "general director", "CCI Normandie", 4, gender)  # type: ignore[arg-type]
    assert narrative.person_phrase(person, lang, str) == phrase


@pytest.mark.parametrize(("role", "fr_f", "en"), [
    ("Prefect of the Brittany region", "préfète", "prefect"),
    ("Vietnamese Ambassador to France", "ambassadrice", "ambassador"),
    ("Mayor of Caen", "maire", "mayor"),
    ("Minister of Industry", "ministre", "minister"),
    ("President of the Regional Council", "présidente", "president"),
    ("Vice Chairman of the province", "vice-présidente", "vice chairwoman"),
])
def test_feminine_titles_follow_current_french_usage(role: str, fr_f: str, en: str) -> None:
    woman = Person("Anne Martin", role, None, 0, "female")
    assert narrative.person_phrase(woman, "fr", str) == f"Anne Martin ({fr_f})"
    assert narrative.person_phrase(woman, "en", str) == f"Anne Martin ({en})"


def test_the_feminine_title_reaches_the_lead_line_and_the_narrative() -> None:
    lead = Person("Đinh Thị Lan", "Vietnamese Ambassador to France", None, 1, "female")
    facts = make_facts(lead_official=lead)
    prose = translate_prose([facts], ["fr"], KeepOriginal())
    item = localise_item(facts, "business", "fr", prose, NameBook([facts]))
    assert item.lead_line == "Délégation conduite par Đinh Thị Lan, ambassadrice"
    assert item.narrative[0].startswith("L’ambassadrice Đinh Thị Lan a conduit")


def test_the_extractor_carries_the_gender_to_the_french_edition() -> None:
    text = ("Vietnamese Ambassador to France Dinh Toan Thang paid a working visit to Normandy "
            "from July 15 to 16, 2025.\n\n"
            "He held talks with Ms. Claire Dubois, Director General of the Normandy Chamber of "
            "Commerce and Industry, and with Mayor Paul Leroy of Caen.\n\n"
            "Ms. Dubois said the chamber would send a business delegation to Vietnam.")
    facts = extract(article_from_text(text, "normandy.txt"))
    people = {p.name: p for p in facts.counterparts if p.name}
    assert people["Claire Dubois"].gender == "female"
    assert people["Paul Leroy"].gender == "unknown"
    prose = translate_prose([facts], ["fr"], KeepOriginal())
    phrases = localise_item(facts, "business", "fr", prose, NameBook([facts])).people
    assert any("Claire Dubois (directrice générale" in p for p in phrases), phrases
    assert any(p.startswith("Paul Leroy (maire") for p in phrases), phrases


def test_the_glossary_takes_feminine_forms_and_refuses_other_keys(tmp_path: Path) -> None:
    assert glossary.load()["titles"]["prefect"]["fr_f"] == "Préfète"
    bad = tmp_path / "bad.toml"
    bad.write_text('[sectors]\ntrade = { vi = "a", fr = "b", de_f = "Handel", en = "c" }\n',
                   encoding="utf-8")
    with pytest.raises(glossary.InputError, match=r"sectors.trade"):
        glossary.load(bad)


def test_every_feminine_form_is_a_title_of_its_language() -> None:
    titles = glossary.load()["titles"]
    feminine = {key: labels["fr_f"] for key, labels in titles.items() if "fr_f" in labels}
    assert {"prefect", "ambassador", "general_director", "president"} <= set(feminine)
    assert all(glossary.is_title(label, "fr") for label in feminine.values())
    assert "mayor" not in feminine and "minister" not in feminine  # "la maire", "la ministre"


def test_a_corrected_person_gets_the_gender_the_article_shows() -> None:
    from briefing.corrections import _genders
    facts = make_facts(sentences=("Ms Claire Dubois welcomed the delegation.",))
    corrected = _genders(facts, {"counterparts": (Person("Claire Dubois", "Director"),)})
    assert [p.gender for p in corrected["counterparts"]] == ["female"]
    assert "lead_official" not in corrected
    assert replace(facts, **corrected).counterparts[0].gender == "female"
