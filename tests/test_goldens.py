"""Every article of every set against its golden facts (tests/goldens/<set>/<article>.json).

One test per article; a failure lists one line per field that changed ("blind3/004_x:
lead_official: expected ..., got ...").  After a deliberate change, read the diff and run
`make update-goldens` (BRIEFING_UPDATE_GOLDENS=1), then commit the rewritten files.
Per-set averages are `make bench` figures, not tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from goldens import GOLDENS, articles, changes, facts_of, golden_path, real_set, sets, without_quotes, write

UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDENS") == "1"
CASES = [(name, path) for name, folder in sets().items() for path in articles(folder)]


@pytest.mark.parametrize("set_name, article", CASES,
                         ids=[f"{n}/{p.name.split('.')[0]}" for n, p in CASES])
def test_article_matches_its_golden(set_name: str, article: Path) -> None:
    got = facts_of(set_name, article)
    path = golden_path(set_name, article)
    if UPDATE:
        write(path, got)
    assert path.is_file(), f"no golden {path.relative_to(GOLDENS)}: run `make update-goldens`"
    expected = json.loads(path.read_text(encoding="utf-8"))
    lines = changes(f"{set_name}/{article.name.split('.')[0]}", expected, got)
    if lines:
        pytest.fail("\n".join(lines) + "\n(deliberate? run `make update-goldens`)", pytrace=False)


def test_every_golden_has_its_article() -> None:
    present = {golden_path(name, path) for name, path in CASES}
    stale = [p for p in GOLDENS.glob("*/*.json") if p not in present
             and not (p.parent.name == "real" and real_set() is None)]
    if UPDATE:
        for path in stale:
            path.unlink()
        stale = []
    assert stale == [], f"goldens without an article: {stale}"


def test_the_real_set_is_checked_where_it_is() -> None:
    # Its articles live outside the repository (../shared/real): say so rather than let
    # its goldens drop out of the run unnoticed.
    if real_set() is None:
        goldens = len(list((GOLDENS / "real").glob("*.json")))
        pytest.skip(f"../shared/real not found (or set BRIEFING_REAL_SET): {goldens} real-set goldens not checked")
    assert any(name == "real" for name, _ in CASES)


def test_the_comparison_reports_each_changed_field() -> None:
    lines = changes("set/a", {"kind": "visit", "region": "Hesse", "figures": []},
                    {"kind": "other", "region": "Hesse", "figures": [], "title": "T"})
    assert lines == ['set/a: kind: expected "visit", got "other"',
                     'set/a: title: expected "<absent>", got "T"']


def test_long_quotes_of_a_real_article_are_kept_as_digests() -> None:
    text = "The two provinces agreed to exchange students and teachers every year. Short."
    facts = {"agreements": ["The two provinces agreed to exchange students and teachers every year"],
             "role": "Governor", "what": "Short", "other": "A sentence of our own making, long enough."}
    kept = without_quotes(facts, text)
    assert kept["agreements"][0].startswith("quote sha256:") and kept["agreements"][0].endswith(
        "(69 characters)")
    assert (kept["role"], kept["what"], kept["other"]) == ("Governor", "Short", facts["other"])
