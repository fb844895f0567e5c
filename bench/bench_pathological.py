"""Benchmark: extraction time on pathological text (issue 11, bad input).

Builds, in memory, texts meant to make patterns backtrack or loops go quadratic: a 200 KB
article (a seed article repeated), one line of 10,000 capitalised words, 10,000 numbers in
one paragraph, 200 titled names in one sentence, a list of names only, and a page of
photo captions; then times one extraction of each, next to the time of the seed article
itself.  What to look for: milliseconds per 1,000 characters staying near the seed's
(linear), not growing with the length.  Prints a markdown table; nothing here asserts.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.extract import extract  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.readers import read_article  # noqa: E402

SEED = ROOT / "seeds" / "003_154c2c7d1d8aac01.txt"
_WORDS = ("Nguyen", "Governor", "Mayor", "Tran", "Chairman", "Province", "Lyon", "Hanoi", "Van",
          "Minh", "Anh", "Region", "Council", "People's", "Committee", "Ambassador")
_TITLES = ("Governor of Opole province", "Mayor of Torun city", "Chairman of the Long An "
           "provincial People's Committee", "Vice President of the Silesia region")
_NAMES = ("Tran Van Anh", "Le Thi Hoa", "Pham Minh Duc", "Anna Kowalska", "Jan Novak")


def texts(seed: str) -> dict[str, str]:
    capitalised = " ".join(itertools.islice(itertools.cycle(_WORDS), 10_000))
    titled = ", ".join(f"{t} {n}" for t, n in zip(itertools.cycle(_TITLES),
                                                   itertools.islice(itertools.cycle(_NAMES), 200)))
    return {
        "seed article": seed,
        "200 KB: the seed repeated": "\n\n".join([seed] * (200_000 // len(seed) + 1)),
        "10,000 capitalised words, one line": capitalised + ".",
        "10,000 numbers, one paragraph": ", ".join(str(i) for i in range(10_000)) + ".",
        "200 titled names, one sentence": f"The delegation met {titled} on May 4, 2025.",
        "names only, 2,000 lines": "\n\n".join(itertools.islice(itertools.cycle(_NAMES), 2000)),
        "captions only, 500": "\n\n".join(f"{t} {n} (R) meets the guests (Photo: VNA)" for t, n
                                         in zip(itertools.cycle(_TITLES),
                                                itertools.islice(itertools.cycle(_NAMES), 500))),
    }


def main() -> None:
    seed = read_article(SEED)
    extract(seed)  # warm: gazetteer, patterns
    print("\n## extraction time on pathological text (one run each; linear = ms/1,000 chars "
          "near the seed's)\n")
    print("| text | characters | seconds | ms per 1,000 chars | kind | counterparts |")
    print("|---|---:|---:|---:|---|---:|")
    for name, text in texts(seed.text).items():
        article = Article(source=name, text=text)
        start = time.process_time()
        facts = extract(article)
        seconds = time.process_time() - start
        print(f"| {name} | {len(text):,} | {seconds:.2f} | {1e6 * seconds / len(text):.2f} | "
              f"{facts.kind} | {len(facts.counterparts)} |")


if __name__ == "__main__":
    main()
