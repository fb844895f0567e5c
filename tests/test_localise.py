"""Localising facts: agreement kinds, figures and people lines in each language."""

from __future__ import annotations

import pytest
from factories import make_facts

from briefing.localise import KeepOriginal, NameBook, agreement_kind, localise_item, translate_prose
from briefing.models import Statement


@pytest.mark.parametrize(("text", "kind"), [
    ("The two sides signed a memorandum of understanding on port logistics.", "agreement"),
    ("The ambassador proposed a regional day to promote local specialties.", "proposal"),
    ("The 13th decentralised cooperation conference will be held in 2026.", "event"),
    ("Both sides exchanged views on climate change in the delta.", "discussion"),
])
def test_agreement_kind_is_read_from_its_verbs(text: str, kind: str) -> None:
    assert agreement_kind(text) == kind


@pytest.mark.parametrize(("lang", "label"), [("fr", "Proposition"), ("vi", "Đề xuất"), ("en", "Proposal")])
def test_agreement_lines_carry_a_localised_kind(lang: str, label: str) -> None:
    facts = make_facts(agreements=(Statement("The mayor proposed a twinning agreement study.", 3),),
                       highlights_business=(), highlights_diaspora=())
    prose = translate_prose([facts], [lang], KeepOriginal())
    item = localise_item(facts, "business", lang, prose, NameBook([facts]))
    [agreement] = item.agreements
    assert agreement.kind == label
    assert agreement.text.startswith("The mayor proposed")  # the prose itself is untouched


def test_an_agreement_from_a_highlighted_sentence_is_shown_once() -> None:
    facts = make_facts(agreements=(Statement("Both sides agreed to hold a forum", 7),
                                   Statement("The mayor proposed a twinning study.", 8)),
                       highlights_business=(Statement("In the port, both sides agreed to hold a forum.", 7),))
    prose = translate_prose([facts], ["en"], KeepOriginal())
    item = localise_item(facts, "business", "en", prose, NameBook([facts]))
    assert [a.text for a in item.agreements] == ["The mayor proposed a twinning study."]
