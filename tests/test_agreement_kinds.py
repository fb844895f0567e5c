"""Agreement kinds and actions: each against examples of its phrasings, and clauses that
record no agreement."""

from __future__ import annotations

import pytest

from briefing import agreement_kinds, glossary
from briefing.models import Statement

CORPUS = [
    ("Both sides signed a memorandum of understanding on port cooperation", "signed", "mou"),
    ("The two provinces signed a Letter of Intent on cooperation", "signed", "mou"),
    ("The mayor expressed interest in establishing a sister city relationship", "proposed", "twinning"),
    ("Both sides exchanged views on a sister-city relationship", "discussed", "twinning"),
    ("He proposed establishing representative offices in the region", "proposed", "representative_office"),
    ("They agreed to organise a trade fair in Hanoi next year", "agreed", "trade_fair"),
    ("The 13th Decentralised Cooperation Conference will be held in 2026", "planned", "forum"),
    ("Champasak will offer two scholarships to Quang Binh students", "planned", "scholarships"),
    ("The airline plans to open a direct flight between the two cities", "planned", "direct_flight"),
    ("He invited leaders of the region to visit Vietnam with a business delegation", "proposed",
     "delegation_exchange"),
    ("He called on French businesses to increase investment in Vietnam", "proposed",
     "investment_project"),
    ("Thang proposed cultural exchange and a food festival in Lyon", "proposed", "cultural_event"),
    ("The province pledged to continue assistance for the Lao side", "agreed", "support"),
]
# Clauses that record no agreement: no action of the vocabulary, or only talk of ties.
NEGATIVE = [
    "He detailed Vietnam's vision for cooperation",
    "The ambassador outlined four key proposals",
    "Both sides praised the good results so far",
]


@pytest.mark.parametrize(("text", "kind", "action"), CORPUS)
def test_each_clause_gets_its_kind_and_action(text: str, kind: str, action: str) -> None:
    agreement = agreement_kinds.classify(Statement(text, 0))
    assert agreement is not None
    assert (agreement.kind, agreement.action) == (kind, action)


@pytest.mark.parametrize("text", NEGATIVE)
def test_a_clause_that_records_no_agreement_is_dropped(text: str) -> None:
    assert not agreement_kinds.records_agreement(agreement_kinds.classify(Statement(text, 0)))


def test_sectors_are_read_from_the_clause() -> None:
    agreement = agreement_kinds.classify(Statement("They agreed to train students in nursing and health care", 0))
    assert agreement is not None and "health" in agreement.sectors


def test_every_kind_and_action_has_a_label_in_each_language() -> None:
    for section, ids in (("agreement_kinds", agreement_kinds.KINDS),
                         ("agreement_actions", agreement_kinds.actions())):
        for key in ids:
            for lang in ("vi", "fr", "en"):
                assert glossary.label(section, key, lang), (section, key, lang)
