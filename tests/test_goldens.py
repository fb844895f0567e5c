"""Every article of every set of tests/corpus/manifest.toml against its golden facts
(tests/goldens/<set>/<article>.json).

One test per article and, inside it, one failure per field that changed, named by article
and field ("blind3/004_x: lead_official: ..."), a list field as the items that went and
came.  After a deliberate change, read the diff and run `make update-goldens`
(BRIEFING_UPDATE_GOLDENS=1), then commit the rewritten files.  Per-set averages are
`make bench` figures (bench/bench_extract.py, bench/bench_real.py), not tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from goldens import GOLDENS, changes, facts_of, field_changes, golden_path, without_quotes, write
from support import corpus
from support.corpus import CorpusSet, stem

UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDENS") == "1"
CASES = [(s, path) for s in corpus.sets() if s.goldens
         for path in corpus.articles(s.articles)]  # type: ignore[arg-type]


@pytest.mark.parametrize("corpus_set, article", CASES,
                         ids=[f"{s.name}/{stem(p)}" for s, p in CASES])
def test_article_matches_its_golden(corpus_set: CorpusSet, article: Path, subtests) -> None:  # type: ignore[no-untyped-def]
    got = facts_of(corpus_set, article)
    path = golden_path(corpus_set.name, article)
    if UPDATE:
        write(path, got)
    assert path.is_file(), f"no golden {path.relative_to(GOLDENS)}: run `make update-goldens`"
    expected = json.loads(path.read_text(encoding="utf-8"))
    label = f"{corpus_set.name}/{stem(article)}"
    hint = "deliberate? read the diff, then `make update-goldens`"
    if corpus_set.split == "holdout":
        hint = "holdout set: a change here is a measurement; never change a rule to undo it; " + hint
    for field, text in field_changes(expected, got).items():
        with subtests.test(msg=field):
            pytest.fail(f"{label}: {field}: {text}\n({hint})", pytrace=False)


def test_every_golden_has_its_article() -> None:
    present = {golden_path(s.name, path) for s, path in CASES}
    absent = {s.name for s in corpus.sets(present=False) if not s.present}
    stale = [p for p in GOLDENS.glob("*/*.json") if p not in present and p.parent.name not in absent]
    if UPDATE:
        for path in stale:
            path.unlink()
        stale = []
    assert stale == [], f"goldens of no article of a manifest set with goldens: {stale}"


@pytest.mark.parametrize("corpus_set", [s for s in corpus.sets(present=False) if s.external],
                         ids=lambda s: s.name)
def test_an_external_set_is_checked_where_it_is(corpus_set: CorpusSet) -> None:
    # Its articles live outside the repository (the real set: ../shared/real): say so
    # rather than let its goldens drop out of the run unnoticed.
    if not corpus_set.present:
        goldens = len(list((GOLDENS / corpus_set.name).glob("*.json")))
        pytest.skip(f"set {corpus_set.name}: {corpus_set.where} not found: "
                    f"{goldens} goldens not checked")
    assert any(s.name == corpus_set.name for s, _ in CASES)


def test_the_comparison_reports_each_changed_field() -> None:
    lines = changes("set/a", {"kind": "visit", "region": "Hesse", "figures": []},
                    {"kind": "other", "region": "Hesse", "figures": [], "title": "T"})
    assert lines == ['set/a: kind: expected "visit", got "other"',
                     'set/a: title: expected "<absent>", got "T"']


def test_a_list_field_reports_the_items_that_went_and_came() -> None:
    kept, lost, new = {"name": "A B"}, {"name": "C D"}, {"name": "E F"}
    found = field_changes({"counterparts": [kept, lost], "lead_official": {"name": "X", "role": "R"}},
                          {"counterparts": [kept, new], "lead_official": {"name": "X", "role": "S"}})
    assert found == {"counterparts": '2 items expected, 2 got\n  - {"name": "C D"}\n  + {"name": "E F"}',
                     "lead_official": 'changed:\n  role: expected "R", got "S"'}
    assert field_changes({"cities": ["A", "B"]}, {"cities": ["B", "A"]}) == {
        "cities": 'same items, new order: ["B", "A"]'}


def test_long_quotes_of_a_real_article_are_kept_as_digests() -> None:
    text = "The two provinces agreed to exchange students and teachers every year. Short."
    facts = {"agreements": ["The two provinces agreed to exchange students and teachers every year"],
             "role": "Governor", "what": "Short", "other": "A sentence of our own making, long enough."}
    kept = without_quotes(facts, text)
    assert kept["agreements"][0].startswith("quote sha256:") and kept["agreements"][0].endswith(
        "(69 characters)")
    assert (kept["role"], kept["what"], kept["other"]) == ("Governor", "Short", facts["other"])
