"""Benchmark: extraction accuracy on real articles of the genre (issue 11).

The real sets are those of tests/corpus/manifest.toml with origin real-dev or real-found.
Reads the development set of real news articles and their hand-made gold sheets from
../shared/real/ (never copied into this repository: other people's writing), extracts
every article, and prints per field the pooled score against the issue's targets, then
per article the misses (field, expected, got), then the time per article.  The rules were
tuned on this set, so its scores are upper bounds for articles the extractor has not seen.
Then the same for the second development set, tests/real_dev/ (real articles found later
and golded for tuning: upper bounds too), and for the found set, tests/real_found/: real articles of the
genre gathered and golded after that tuning and never tuned on, the honest estimate.
Nothing here asserts.  Set BRIEFING_REAL_SET to read the development set from another folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/support: the scorer

import timing  # noqa: E402  (bench/timing.py: the text caches emptied before each run)
from support import corpus  # noqa: E402
from support.evaluate import REAL_TARGETS, article_misses, score  # noqa: E402

from briefing.extract import extract  # noqa: E402
from briefing.facts_json import facts_to_json  # noqa: E402
from briefing.readers import read_article  # noqa: E402

REPEATS = 5


def main() -> None:
    real = corpus.sets(present=False)
    for corpus_set in (s for s in real if s.origin == "real-dev"):
        _dev_set(corpus_set)
    for corpus_set in (s for s in real if s.origin == "real-found" and s.split == "tuning"):
        _found_set(corpus_set, "second development set: tuned on",
                   "Real articles found later and golded for tuning: upper bounds too.")
    for corpus_set in (s for s in real if s.origin == "real-found" and s.split == "holdout"):
        # holdout: must never be tuned on (its README.md)
        _found_set(corpus_set, "found set: never tuned on",
                   "Real articles golded after the rules were tuned: an honest estimate for "
                   "unseen text.")


def _dev_set(corpus_set: corpus.CorpusSet) -> None:
    if not corpus_set.present:
        print(f"\n## real articles: set {corpus_set.name} not found at {corpus_set.where} "
              "(skipped; or set BRIEFING_REAL_SET)\n")
        return
    articles = [(stem, read_article(path), gold) for stem, path, gold in corpus.gold_pairs(corpus_set)]
    extract(articles[0][1])  # warm caches (gazetteer, patterns)
    pairs = [(stem, facts_to_json(extract(a)), gold) for stem, a, gold in articles]
    scores = score([(pred, gold) for _, pred, gold in pairs])
    print(f"\n## real articles ({scores.articles}, {corpus_set.articles}): score per field\n")
    print("The rules are tuned on this set: these are upper bounds for unseen articles.\n")
    _score_table(scores)
    print("\n## real articles: misses per article\n")
    _misses_table(pairs)
    print("\n## real articles: extraction time per article, after load (target < 50 ms)\n")
    print("Wall time depends on what else the machine runs; CPU time much less so.\n")
    timed = [timing.article_ms(article, REPEATS) for _, article, _ in articles]
    print("\n".join(timing.summary(timed)))
    print()


def _found_set(corpus_set: corpus.CorpusSet, label: str, caption: str) -> None:
    """A set of the repository scored, its misses listed (on the holdout a miss is a
    measurement, not a to-do)."""
    pairs = [(stem, facts_to_json(extract(read_article(path))), gold)
             for stem, path, gold in corpus.gold_pairs(corpus_set)]
    scores = score([(pred, gold) for _, pred, gold in pairs])
    print(f"\n## {label} ({scores.articles}, {corpus_set.where}): score per field\n")
    print(caption + "\n")
    _score_table(scores)
    print(f"\n## {label}: misses per article\n")
    _misses_table(pairs)
    print()


def _score_table(scores) -> None:  # type: ignore[no-untyped-def]
    print("| field | score | target |")
    print("|---|---:|---:|")
    for key, target in REAL_TARGETS.items():
        value = getattr(scores, key)
        print(f"| {key} | {value:.2f}{'' if value >= target else ' ✗'} | {target} |")


def _misses_table(pairs) -> None:  # type: ignore[no-untyped-def]
    print("| article | field | expected | got |")
    print("|---|---|---|---|")
    for stem, pred, gold in pairs:
        for field, want, got in article_misses(pred, gold):
            print(f"| {stem[:2]} | {field} | {want} | {got} |")


if __name__ == "__main__":
    main()
