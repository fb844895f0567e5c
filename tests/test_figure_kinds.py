"""Figure kinds: each rule of briefing/data/figure_kinds.toml against examples of its
phrasings, and phrasings that must give no kind."""

from __future__ import annotations

import pytest

from briefing import figure_kinds, glossary
from briefing.extract.figures import find_figures

# (sentence, unit the figure rules give, kind it must get)
CORPUS = [
    ("Bilateral trade reached over 5.4 billion USD last year.", "billion USD", "trade_turnover"),
    ("Two-way trade hit US$6.8 billion.", "billion USD", "trade_turnover"),
    ("Exports to the region reached 300 million USD.", "million USD", "exports"),
    ("The state aims to lift trade to AUD 15 billion by 2030.", "billion AUD", "trade_target"),
    ("The US has 23 projects worth over 484 million USD in the province.", "million USD", "investment_capital"),
    ("The US has 23 projects worth over 484 million USD in the province.", "projects", "projects"),
    ("Ca Mau provides annual aid worth 1 billion VND to the Lao province.", "billion VND", "aid"),
    ("Trade grew by 11% in 2024.", "percent", "growth_rate"),
    ("Labour costs are 30 per cent lower than in other cities.", "percent", "lower_costs"),
    ("Land rents are 15% higher than in the capital.", "percent", "higher_costs"),
    ("Its exports are 20% higher than last year's.", "percent", "difference"),
    ("About 20 local French businesses attended.", "businesses", "companies"),
    ("Over 8,000 Vietnamese students study in the region.", "students", "students"),
    ("More than 5,000 Vietnamese are living in the province.", "people", "community_members"),
    ("The province has a population of nearly 300,000 people.", "people", "population"),
    ("Nearly 500,000 Russian tourists visited Vietnam.", "tourists", "visitors"),
    ("The two countries mark 50 years of diplomatic relations.", "years", "relations_years"),
    ("The family business has a history of nearly 100 years.", "years", "history_years"),
    ("The firm will build a 350-hectare industrial park.", "hectares", "area"),
    ("The plant will have 600 MW of capacity.", "MW", "capacity"),
    ("The port handles 4 million tonnes a year.", "million tonnes", "volume"),
    ("The city will grant 15 scholarships to Vietnamese students.", "scholarships", "scholarships"),
]
# Phrasings that must get no kind: the label would be a guess.
NEGATIVE = [
    ("The ambassador outlined four key factors.", "factors"),
    ("The ambassador set out nine pillars of the partnership.", "pillars"),
]


@pytest.mark.parametrize(("sentence", "unit", "kind"), CORPUS)
def test_each_rule_gives_its_kind(sentence: str, unit: str, kind: str) -> None:
    kinds = {f.unit: f.kind for f in find_figures([sentence])}
    assert kinds.get(unit) == kind, kinds


@pytest.mark.parametrize(("sentence", "unit"), NEGATIVE)
def test_an_unknown_measure_gets_no_kind(sentence: str, unit: str) -> None:
    kinds = {f.unit: f.kind for f in find_figures([sentence])}
    assert unit in kinds and kinds[unit] is None


def test_year_and_parties_come_from_the_sentence() -> None:
    [figure] = [f for f in find_figures(["Vietnam-France trade in 2024 reached 5.4 billion USD."])
                if f.unit == "billion USD"]
    assert (figure.kind, figure.year, figure.parties) == ("trade_turnover", 2024, ("VN", "FR"))


def test_a_year_of_something_else_is_not_the_figure_s() -> None:
    [figure] = find_figures(["The association, established in 2005, has more than 3,600 members."])
    assert figure.year is None


def test_every_kind_has_a_label_in_each_language() -> None:
    for kind in (*figure_kinds.kinds(), "other"):
        for lang in ("vi", "fr", "en"):
            assert glossary.label("figure_kinds", kind, lang), (kind, lang)
