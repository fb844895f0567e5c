"""Count the hostile-input test cases per area (subscribers, smtp, serve, articles).

Collects the test suite (nothing runs: a few seconds) and counts the items marked
`@pytest.mark.hostile("<area>")`, next to the fewest each area may have
(tests/hostile_counts.toml, checked by tests/test_hostile_counts.py).

Run: python bench/bench_hostile.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    counts, floors = hostile.census(), hostile.floors()
    seconds = time.perf_counter() - started
    print("\nhostile-input cases per area (pytest items marked hostile(area); collection only)")
    print(f"| {'area':<12} | {'cases':>5} | {'recorded floor':>14} |")
    print(f"|{'-' * 14}|{'-' * 7}|{'-' * 16}|")
    for area in hostile.AREAS:
        print(f"| {area:<12} | {counts[area]:>5} | {floors.get(area, 0):>14} |")
    print(f"| {'total':<12} | {sum(counts.values()):>5} | {sum(floors.values()):>14} |")
    print(f"(collected in {seconds:.1f} s)")
    below = [a for a in hostile.AREAS if counts[a] < floors.get(a, 0)]
    if below:
        print(f"below the recorded floor: {', '.join(below)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
