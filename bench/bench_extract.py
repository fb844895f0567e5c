"""Benchmark: extraction accuracy against the gold sheets and time per article.

Scores (issue 3 targets) on seeds/ with tests/gold/, on the own cases of tests/cases/ and
on the blind set of tests/blind/, then the time to extract one article once loaded (median of
several runs, read excluded).  Prints markdown tables; nothing here asserts.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/support: the scorer

from support.evaluate import TARGETS, Scores, load_gold, score, secondary  # noqa: E402

from briefing.extract import extract  # noqa: E402
from briefing.facts_json import facts_to_json  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.readers import read_article  # noqa: E402


def _blind_sets() -> list[tuple[str, Path, Path]]:
    folders = sorted((ROOT / "tests").glob("blind*"), key=lambda p: int(p.name[5:] or 1))
    return [(f"blind set {f.name[5:] or 1}", f, f) for f in folders]


SETS = (("seeds", ROOT / "seeds", ROOT / "tests" / "gold"),
        ("own cases", ROOT / "tests" / "cases", ROOT / "tests" / "cases"),
        *_blind_sets())
REPEATS = 20


def articles_with_gold(articles: Path, gold: Path) -> list[tuple[Article, dict]]:
    out = []
    for stem, sheet in load_gold(gold).items():
        path = next(p for p in sorted(articles.iterdir())
                    if p.name.startswith(stem) and not p.name.endswith(".json"))
        out.append((read_article(path), sheet))
    return out


def time_ms(article: Article) -> float:
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        extract(article)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def score_row(name: str, scores: Scores) -> str:
    cells = [f"{getattr(scores, key):.2f}" + ("" if getattr(scores, key) >= target else " ✗")
             for key, target in TARGETS.items()]
    return f"| {name} ({scores.articles}) | " + " | ".join(cells) + " |"


def main() -> None:
    loaded = {name: articles_with_gold(a, g) for name, a, g in SETS}
    extract(loaded["seeds"][0][0])  # warm caches (gazetteer, patterns)
    print("\n## extraction accuracy (target in header)\n")
    print("Every set below but the holdout (blind sets 33-35, never tuned on) has been used\n"
          "to tune the rules once scored, so these are upper bounds; each blind set's honest\n"
          "score, taken before any tuning on it, comes from bench_blind_history.py.\n")
    print("| set | " + " | ".join(f"{k} ≥ {v}" for k, v in TARGETS.items()) + " |")
    print("|---" * (len(TARGETS) + 1) + "|")
    extra = {}
    for name, pairs in loaded.items():
        scored = [(facts_to_json(extract(a)), g) for a, g in pairs]
        print(score_row(name, score(scored)))
        extra[name] = secondary(scored)
    print("\n## without a target: city F1, visit start and end right to the year\n")
    print("| set | city_f1 | full_dates |")
    print("|---|---|---|")
    for name, values in extra.items():
        print(f"| {name} | {values['city_f1']:.2f} | {values['full_dates']:.2f} |")
    print("\n## extraction time per article, after load (target < 50 ms)\n")
    print("| article | characters | ms (median) |")
    print("|---|---:|---:|")
    times = []
    for pairs in loaded.values():
        for article, _ in pairs:
            ms = time_ms(article)
            times.append(ms)
            print(f"| {Path(article.source).name} | {len(article.text)} | {ms:.1f} |")
    print(f"| **max** | | **{max(times):.1f}** |")


if __name__ == "__main__":
    main()
