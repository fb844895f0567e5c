"""The corpus manifest (tests/corpus/manifest.toml): every set listed once, where it says,
with an origin and a split; nothing under tests/corpus/ left out of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import corpus
from support.corpus import ROOT


def test_every_folder_of_the_corpus_is_a_set_of_the_manifest() -> None:
    listed = {s.articles for s in corpus.sets()} | {s.gold for s in corpus.sets()}
    folders = {p for p in (ROOT / "tests" / "corpus").iterdir() if p.is_dir()}
    assert sorted(p.name for p in folders - listed) == []


def test_every_set_in_the_repository_has_articles_and_each_gold_sheet_its_article() -> None:
    for corpus_set in corpus.sets():
        assert corpus_set.articles is not None
        files = corpus.articles(corpus_set.articles)
        assert files, f"set {corpus_set.name}: no article in {corpus_set.where}"
        if corpus_set.gold is not None:
            stems = {corpus.stem(p) for p in files}
            orphans = [p.name for p in corpus_set.gold.glob("*.facts.json")
                       if corpus.stem(p) not in stems]
            assert orphans == [], f"set {corpus_set.name}: gold sheets without an article"


def test_the_holdout_sets_are_never_tuning_sets() -> None:
    splits = {s.name: s.split for s in corpus.sets(present=False)}
    assert splits["real_found"] == "holdout" and splits["real"] == "tuning"
    assert {s.origin for s in corpus.sets(present=False)} == set(corpus.ORIGINS)


@pytest.mark.parametrize("entry, message", [
    ('name = "x"\narticles = "seeds"\norigin = "found on a bus"\nsplit = "tuning"',
     "set x: origin must be one of"),
    ('name = "x"\narticles = "seeds"\norigin = "own"', "set x: missing split"),
    ('name = "x"\narticles = "tests/nowhere"\norigin = "own"\nsplit = "tuning"',
     "set x: no folder tests/nowhere"),
    ('name = "seeds"\narticles = "seeds"\norigin = "seed"\nsplit = "tuning"\n[[set]]\n'
     'name = "seeds"\narticles = "seeds"\norigin = "seed"\nsplit = "tuning"', "listed twice: seeds"),
])
def test_a_wrong_entry_is_one_line_naming_its_set(tmp_path: Path, entry: str, message: str) -> None:
    manifest = tmp_path / "manifest.toml"
    manifest.write_text("[[set]]\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        corpus.load(manifest)
    assert "\n" not in str(error.value)


def test_an_absent_external_set_is_listed_but_not_present(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = tmp_path / "manifest.toml"
    manifest.write_text('[[set]]\nname = "far"\narticles = "../no/such/folder"\norigin = "real-dev"\n'
                        'split = "tuning"\nexternal = true\nenv = "BRIEFING_TEST_FAR"\n', encoding="utf-8")
    monkeypatch.delenv("BRIEFING_TEST_FAR", raising=False)
    (far,) = corpus.load(manifest)
    assert not far.present and far.gold is None and far.where == "../no/such/folder"
    monkeypatch.setenv("BRIEFING_TEST_FAR", str(tmp_path))
    (far,) = corpus.load(manifest)
    assert far.articles == tmp_path and far.gold == tmp_path


def test_a_set_can_go_without_goldens(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.toml"
    manifest.write_text('[[set]]\nname = "a"\narticles = "seeds"\norigin = "seed"\nsplit = "tuning"\n'
                        '[[set]]\nname = "b"\narticles = "seeds"\norigin = "seed"\nsplit = "tuning"\n'
                        'goldens = false\n', encoding="utf-8")
    assert [s.goldens for s in corpus.load(manifest)] == [True, False]
