"""The scorer's host-country and kind fields and its per-article misses (issue 11)."""

from __future__ import annotations

import pytest
from support.evaluate import article_misses, score


@pytest.mark.parametrize("predicted, gold, same", [
    ("KR", "South Korea", True), ("KR", "Republic of Korea", True), ("GB", "United Kingdom", True),
    ("CZ", "Czech Republic", True), ("VN", "Laos", False), (None, "Cuba", False), (None, None, True),
])
def test_host_country_is_compared_by_country_not_spelling(predicted, gold, same) -> None:
    scores = score([({"host_country": predicted}, {"host_country": gold})])
    assert (scores.host_country_accuracy == 1.0) is same


def test_kind_counts_only_sheets_that_have_one() -> None:
    pairs = [({"kind": "visit"}, {"kind": "visit"}), ({"kind": "other"}, {"kind": "visit"}),
             ({"kind": "visit"}, {})]
    assert score(pairs).kind_accuracy == 0.5


def test_a_date_without_year_matches_on_day_and_month() -> None:
    assert score([({"visit_start": "2023-06-19"}, {"visit_start": "--06-19"})]) \
        .visit_start_accuracy == 1.0
    assert score([({"visit_start_partial": "--06-18"}, {"visit_start": "--06-19"})]) \
        .visit_start_accuracy == 0.0


def test_article_misses_name_each_wrong_field() -> None:
    pred = {"kind": "visit", "lead_official": {"name": "Anna Vogt", "role": "Mayor"},
            "visit_start": None, "region": "Hesse", "host_country": "DE",
            "counterparts": [{"name": "Jonas Albrecht"}], "figures": [{"value": 3}]}
    gold = {"kind": "visit", "lead_official": {"name": "Anna Vogt", "role": "Mayor"},
            "visit_start": "--05-05", "region": "Hesse", "host_country": "Germany",
            "counterparts": [{"name": "Jonas Albrecht"}, {"name": "Lea Brandt"}],
            "figures": [{"value": 3, "unit": "firms"}, {"value": 140, "unit": "people"}]}
    rows = article_misses(pred, gold)
    assert [r[0] for r in rows] == ["start", "counterparts", "figures"]
    assert rows[1] == ("counterparts", "missing: Lea Brandt", "extra: -")
    assert rows[2] == ("figures", "140 people", "not found")
