"""Benchmark: render the six editions (2 audiences x 3 languages) of one month.

Each pass is a fresh Python process, so the cold pass includes interpreter start, imports
(WeasyPrint, fontTools), font configuration and stylesheet parsing.  The warm pass reruns
over the same out/ folder: every edition whose inputs are unchanged must be skipped.
The editions are hand-built (5 visits and a background item each), the same fakes the
render tests use.  Prints a small table; nothing here asserts on time.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VISITS = 5


def child(out_dir: Path) -> None:
    """Render the six editions in this process and print per-PDF timings as JSON."""
    started = time.perf_counter()
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from render_editions import edition

    from briefing.render import Renderer

    renderer = Renderer(out_dir)
    ready = time.perf_counter()
    rows = []
    for lang in ("vi", "fr", "en"):
        for audience in ("business", "diaspora"):
            one = edition(lang, audience, visits=VISITS)
            begin, cpu = time.perf_counter(), time.process_time()
            result = renderer.render(one)
            wall, cpu = time.perf_counter() - begin, time.process_time() - cpu
            rows.append([one.stem, wall, cpu, result.skipped])
    setup = ready - started
    print(json.dumps({"setup": setup, "rows": rows}))


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_pass(out_dir: Path) -> tuple[float, float, dict[str, object]]:
    begin, cpu = time.perf_counter(), _child_cpu()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(out_dir)],
        capture_output=True,
        text=True,
        check=True,
        env={"SOURCE_DATE_EPOCH": "1754006400", "PATH": "/usr/bin:/bin"},
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return time.perf_counter() - begin, _child_cpu() - cpu, report


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cold_total, cold_cpu, cold = run_pass(Path(tmp))
        warm_total, warm_cpu, warm = run_pass(Path(tmp))
    cold_rows = {row[0]: row for row in cold["rows"]}  # type: ignore[attr-defined]
    warm_rows = {row[0]: row for row in warm["rows"]}  # type: ignore[attr-defined]
    print(f"\n## render: six editions of one month ({VISITS} visits each)\n")
    print("| edition | cold wall s | cold CPU s | warm wall s | warm skipped |")
    print("|---|---:|---:|---:|:---:|")
    for stem, row in cold_rows.items():
        again = warm_rows[stem]
        skip = "yes" if again[3] else "no"
        print(f"| {stem} | {row[1]:.2f} | {row[2]:.2f} | {again[1]:.3f} | {skip} |")
    skipped = sum(1 for row in warm_rows.values() if row[3])
    print(f"| imports + Renderer setup | {cold['setup']:.2f} | | {warm['setup']:.2f} | |")
    print(
        f"| **whole process** (cold start) | **{cold_total:.2f}** | **{cold_cpu:.2f}** "
        f"| {warm_total:.2f} | |"
    )
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (the machine is shared)")
    print(f"warm rerun skip rate: {skipped}/{len(warm_rows)} ({skipped / len(warm_rows):.0%})")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]))
    else:
        main()
