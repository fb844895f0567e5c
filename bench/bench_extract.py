"""Benchmark: extraction accuracy against the gold sheets and time per article.

Scores (issue 3 targets) on every set of tests/corpus/manifest.toml that has gold sheets
and is not real (seeds, own cases, the generated sets), one row per set with its origin
and split, then the time to extract one article once loaded (median of several runs, read
excluded, the text caches emptied before each run: bench/timing.py): median and max per
article, and the slowest.  The real sets are bench_real.py's, against issue 11's targets.
Prints markdown tables; nothing here asserts.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/support: the scorer

import timing  # noqa: E402  (bench/timing.py)
from support import corpus  # noqa: E402
from support.evaluate import TARGETS, Scores, score, secondary  # noqa: E402

from briefing.extract import extract  # noqa: E402
from briefing.facts_json import facts_to_json  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.readers import read_article  # noqa: E402

REAL_ORIGINS = ("real-dev", "real-found")  # bench_real.py's, against their own targets
SETS = tuple(s for s in corpus.sets() if s.gold is not None and s.origin not in REAL_ORIGINS)
REPEATS = 9
SLOWEST = 10


def articles_with_gold(corpus_set: corpus.CorpusSet) -> list[tuple[Article, dict]]:
    return [(read_article(path), sheet) for _, path, sheet in corpus.gold_pairs(corpus_set)]


def score_row(corpus_set: corpus.CorpusSet, scores: Scores) -> str:
    cells = [f"{getattr(scores, key):.2f}" + ("" if getattr(scores, key) >= target else " ✗")
             for key, target in TARGETS.items()]
    return (f"| {corpus_set.name} ({scores.articles}) | {corpus_set.origin} | {corpus_set.split} | "
            + " | ".join(cells) + " |")


def main() -> None:
    loaded = {s: articles_with_gold(s) for s in SETS}
    extract(next(iter(loaded.values()))[0][0])  # warm caches (gazetteer, patterns)
    print("\n## extraction accuracy per set of tests/corpus/manifest.toml (target in header)\n")
    print("Split `tuning`: the rules were tuned on the set once it had been scored, so its\n"
          "score is an upper bound (a generated set's honest score, taken before any tuning on\n"
          "it, comes from bench_blind_history.py); `holdout`: never tuned on.\n")
    print("| set | origin | split | " + " | ".join(f"{k} ≥ {v}" for k, v in TARGETS.items()) + " |")
    print("|---" * (len(TARGETS) + 3) + "|")
    extra = {}
    for corpus_set, pairs in loaded.items():
        scored = [(facts_to_json(extract(a)), g) for a, g in pairs]
        print(score_row(corpus_set, score(scored)))
        extra[corpus_set.name] = secondary(scored)
    print("\n## without a target: city F1, visit start and end right to the year\n")
    print("| set | city_f1 | full_dates |")
    print("|---|---|---|")
    for name, values in extra.items():
        print(f"| {name} | {values['city_f1']:.2f} | {values['full_dates']:.2f} |")
    print("\n## extraction time per article, after load (target < 50 ms)\n")
    print(f"Median of {REPEATS} runs per article, the extractor's text caches emptied before\n"
          "each (bench/timing.py); wall time depends on what else the machine runs, CPU\n"
          "time much less so.\n")
    timed = [(article, *timing.article_ms(article, REPEATS))
             for pairs in loaded.values() for article, _ in pairs]
    print("\n".join(timing.summary([(wall, cpu) for _, wall, cpu in timed])))
    print(f"\nThe {SLOWEST} slowest (CPU):\n")
    print("| article | characters | wall ms | CPU ms |")
    print("|---|---:|---:|---:|")
    for article, wall, cpu in sorted(timed, key=lambda t: -t[2])[:SLOWEST]:
        print(f"| {Path(article.source).name} | {len(article.text)} | {wall:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
