"""Benchmark: extracting a corpus of 250, 500 and 1,000 articles, on one process and on a
pool of one process per core (`briefing extract --jobs`), to show the time grows linearly.

The corpus cycles through the articles of every set of tests/corpus/manifest.toml that
is in the repository (seeds, own cases, generated sets, found real articles),
linked into a temporary folder under new names so that each is read and extracted
afresh.  Prints a markdown table; nothing here asserts.  Wall-clock times depend on what
else the machine runs.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/support: the corpus manifest

from support import corpus  # noqa: E402

from briefing.cli.extract import extract_many  # noqa: E402

SIZES = (250, 500, 1000)


def sources() -> list[Path]:
    return [p for s in corpus.sets() if not s.external
            for p in corpus.articles(s.articles)]  # type: ignore[arg-type]


def linked_corpus(folder: Path, size: int) -> list[str]:
    paths = []
    for i, source in zip(range(size), itertools.cycle(sources())):
        link = folder / f"{i:05d}{source.suffix}"
        link.symlink_to(source)
        paths.append(str(link))
    return paths


def seconds(paths: list[str], jobs: int) -> tuple[float, int]:
    start = time.perf_counter()
    failed = sum(1 for _, facts, _ in extract_many(paths, jobs) if facts is None)
    return time.perf_counter() - start, failed


def main() -> None:
    cores = os.cpu_count() or 1
    print(f"\n## corpus extraction: one process vs {cores} (linear in size?)\n")
    print(f"| articles | 1 process (s) | ms/article | {cores} processes (s) | ms/article | "
          "speed-up | failed |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            paths = linked_corpus(Path(tmp), size)
            serial, failed = seconds(paths, 1)
            pooled, _ = seconds(paths, cores)
        print(f"| {size} | {serial:.1f} | {1000 * serial / size:.1f} | {pooled:.1f} | "
              f"{1000 * pooled / size:.1f} | {serial / pooled:.2f} | {failed} |")


if __name__ == "__main__":
    main()
