"""Controlled vocabulary: every id the extractor outputs has a vi/fr/en label."""

from __future__ import annotations

import re

import pytest

from briefing import glossary
from briefing.vocabulary import SECTOR_IDS, SECTOR_KEYWORDS, TITLE_IDS, sectors_in, title_id


@pytest.mark.parametrize("section, ids", [("sectors", SECTOR_IDS), ("titles", TITLE_IDS)])
def test_every_id_has_three_labels(section: str, ids: tuple[str, ...]) -> None:
    table = glossary.load()[section]  # titles: from the one title table
    for key in ids:
        assert key in table, f"{section}.{key} has no labels"
        assert all(table[key].get(lang, "").strip() for lang in ("vi", "fr", "en")), key


def test_ids_are_unique_snake_case_and_keywords_unambiguous() -> None:
    for key in (*SECTOR_IDS, *TITLE_IDS):
        assert re.fullmatch(r"[a-z][a-z_]*", key), key
    seen: dict[str, str] = {}
    for sector, keywords in SECTOR_KEYWORDS.items():
        for keyword in keywords:
            assert seen.setdefault(keyword, sector) == sector, keyword


@pytest.mark.parametrize("text, expected", [
    ("Talks covered renewable energy, seafood processing and Vietnamese students.",
     ["renewable_energy", "seafood", "students"]),
    ("Cooperation in trade, investment and semiconductors.",
     ["trade", "investment", "semiconductors"]),
    ("Coopération dans l'énergie et le tourisme.", ["energy", "tourism"]),
    ("Hợp tác thương mại và đầu tư.", ["trade", "investment"]),
])
def test_sectors_in(text: str, expected: list[str]) -> None:
    assert sectors_in(text) == expected


@pytest.mark.parametrize("role, expected", [
    ("Prefect of the Hauts-de-France region", "prefect"),
    ("Vice President of the metropolis in charge of training", "vice_president"),
    ("general director of the chamber", "general_director"),
    ("Deputy Mayor of Milan", "deputy_mayor"),
    ("Vietnamese Ambassador to Germany", "ambassador"),
    ("someone", None),
    (None, None),
])
def test_title_id(role: str | None, expected: str | None) -> None:
    assert title_id(role) == expected
