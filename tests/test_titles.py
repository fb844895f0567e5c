"""One official-title table for the extractor and the glossary (briefing/data/lexicon/titles.toml).

Every title the extractor can recognise classifies to an id that has vi, fr and en labels
in the glossary, and the localiser reads the same id from the same role.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from briefing import glossary, vocabulary
from briefing.errors import InputError
from briefing.extract import people

ROOT = Path(__file__).resolve().parent.parent


def _all_forms() -> list[tuple[str, str]]:
    return [(t.id, form) for t in vocabulary.titles().values() for form in (*t.forms, *t.role_forms)]


@pytest.mark.parametrize(("title", "form"), _all_forms())
def test_every_form_is_its_title_in_extractor_and_glossary(title: str, form: str) -> None:
    # as written in a role, capitalised or not, with a place after it
    for role in (form, form.title(), f"{form.capitalize()} of Varnland"):
        assert vocabulary.title_id(role) == title, role
        assert glossary.title_id(role) == title, role
    assert all(glossary.label("titles", title, lang) for lang in glossary.LANGS)


def test_every_title_word_the_extractor_searches_for_has_labels_or_is_declared_unlabelled() -> None:
    unlabelled = set(vocabulary.OTHER_TITLE_WORDS)
    for form in vocabulary.title_surface_forms():
        if form in unlabelled:
            continue
        title = vocabulary.title_id(form)
        assert title is not None and all(glossary.label("titles", title, lang) for lang in glossary.LANGS), form


@pytest.mark.parametrize(("role", "expected"), [
    ("Minister-President of Saxony", "governor"),
    ("Minister President of Lower Saxony", "governor"),
    ("Vice President in charge of training", "vice_president"),
    ("Chairman of the People's Committee of Varnland province", "chairman_peoples_committee"),
    ("Bộ trưởng Ngoại giao", "minister"),
    ("Bo truong Ngoai giao", "minister"),  # diacritics folded
    ("Lord Mayor of Kelport", "mayor"),
    ("Vice-Governor of Varnland", "governor"),
    # a head of government is not a minister, a head of state not a committee chairman
    ("Prime Minister of Varnland", "prime_minister"),
    ("Deputy Prime Minister", "deputy_prime_minister"),
    ("Thủ tướng", "prime_minister"),
    ("Chủ tịch nước", "state_president"),
    ("Secretary-General of the Association", "secretary_general"),
    ("Counsellor of the Embassy", "counsellor"),
    ("Varnland Lieutenant Governor", "lieutenant_governor"),
    ("Superintendent of the Varnland Naval Academy", "superintendent"),
    ("Speaker of the Varnland Assembly", "speaker"),
    ("Chief Minister of Varnland", "chief_minister"),
    ("Chargé d'affaires of the Embassy", "charge_daffaires"),
])
def test_extractor_and_glossary_classify_a_role_alike(role: str, expected: str) -> None:
    assert vocabulary.title_id(role) == glossary.title_id(role) == expected


def test_the_extractor_finds_a_person_by_a_title_of_the_table() -> None:
    found = people.find_people(["Minister-President of Varnland Anna Weber met the delegation."])
    assert [f.name for f in found] == ["Anna Weber"]
    role = found[0].roles[0].text
    assert vocabulary.title_id(role) == "governor"
    assert glossary.label("titles", "governor", "fr") == "Gouverneur"


def test_no_form_belongs_to_two_titles() -> None:
    owner: dict[str, str] = {}
    for title, form in _all_forms():
        key = vocabulary.fold_title(form)
        assert owner.setdefault(key, title) == title, f"{form!r}: {owner[key]} and {title}"


def test_the_glossary_file_keeps_no_title_table_of_its_own() -> None:
    data = tomllib.loads((ROOT / "locales" / "glossary.toml").read_text(encoding="utf-8"))
    assert "titles" not in data


def test_a_second_title_table_in_a_glossary_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.toml"
    bad.write_text('[titles]\nmayor = { vi = "a", fr = "b", en = "c" }\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"glossary.toml: \[titles\] belongs in"):
        glossary.load(bad)
