"""Time one extraction as if the article were new (used by bench_extract and bench_real).

In: loaded articles.  Out: milliseconds per article (median of several runs, on the wall
clock and on the process's CPU clock, taken around the same runs), and the summary rows
the benches print.  The extractor caches what it derives from text (folded place
phrases, a sentence's dates, patterns built from a name): timing one article again and
again would time those caches, so `forget()` empties them before every run.  The
compiled rules and the gazetteer stay loaded: they are loaded once per process.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

from briefing.extract import dates, extract, people, places
from briefing.models import Article

TEXT_CACHES = (places.fold, places.key, dates._date_mentions, people._own_pattern)


def forget() -> None:
    """Empty the caches of text-derived results (see the module docstring)."""
    for cached in TEXT_CACHES:
        cached.cache_clear()


def article_ms(article: Article, repeats: int) -> tuple[float, float]:
    """(wall ms, CPU ms) to extract `article`: the median of `repeats` fresh runs each."""
    wall, cpu = [], []
    for _ in range(repeats):
        forget()
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        extract(article)
        wall.append((time.perf_counter() - start_wall) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def summary(times: Sequence[tuple[float, float]]) -> list[str]:
    """Markdown rows: median and max per article, on each clock."""
    rows = ["| clock | articles | median ms | max ms |", "|---|---:|---:|---:|"]
    for label, column in (("wall", 0), ("CPU", 1)):
        values = [t[column] for t in times]
        rows.append(f"| {label} | {len(values)} | {statistics.median(values):.1f} | "
                    f"{max(values):.1f} |")
    return rows
