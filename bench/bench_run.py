"""Benchmark: `briefing run` over seeds/ for all months, cold (empty out/) and warm (rerun).

Each run is a fresh process, so "cold" includes interpreter start, imports and font
loading.  Prints a small table; nothing here asserts on time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(config: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "briefing", "--config", str(config), "-q", "run"],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"briefing run failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "seeds", work / "seeds")
        config = work / "seeds" / "briefing.toml"
        cold, _ = run_once(config)
        pdfs = len(list((work / "out").glob("20*/*.pdf")))
        warm, _ = run_once(config)
    print("\n## briefing run (all months of seeds/)\n")
    print("| run | seconds | PDFs |")
    print("|---|---:|---:|")
    print(f"| cold (empty out/) | {cold:.2f} | {pdfs} |")
    print(f"| warm (rerun) | {warm:.2f} | {pdfs} |")
    print(f"| warm / cold | {warm / cold:.2f} | |")


if __name__ == "__main__":
    main()
