"""The hostile-input census: how many test cases feed bad input to each area.

In: pytest items carrying `@pytest.mark.hostile("<area>")`.  Out: a count per area, for
`bench/bench_hostile.py` (a table in `make bench`) and `test_hostile_counts.py` (each
area at least its number in `hostile_counts.toml`, so the count can only grow).
This module is also a pytest plugin (`-p hostile`): it refuses a marker without a known
area, and writes the counts as JSON to $BRIEFING_HOSTILE_CENSUS after collection.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest

AREAS = ("subscribers", "smtp", "serve", "articles")
CENSUS_ENV = "BRIEFING_HOSTILE_CENSUS"
TESTS = Path(__file__).resolve().parent
FLOORS = TESTS / "hostile_counts.toml"


def area_of(item: pytest.Item) -> str | None:
    """The area of a hostile case (the marker nearest the test), or None for another test."""
    marker = item.get_closest_marker("hostile")
    if marker is None:
        return None
    if len(marker.args) != 1 or marker.kwargs or marker.args[0] not in AREAS:
        raise pytest.UsageError(f"{item.nodeid}: write @pytest.mark.hostile(AREA) with one "
                                f"AREA among {', '.join(AREAS)} (got {marker.args or marker.kwargs})")
    return str(marker.args[0])


def count(items: Iterable[pytest.Item]) -> dict[str, int]:
    """Hostile cases per area (each parametrized case counts once)."""
    counts = dict.fromkeys(AREAS, 0)
    for item in items:
        if (area := area_of(item)) is not None:
            counts[area] += 1
    return counts


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a hostile marker with a misspelt or missing area before anything runs."""
    count(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    target = os.environ.get(CENSUS_ENV)
    if target:
        Path(target).write_text(json.dumps(count(session.items)), encoding="utf-8")


def census(*paths: Path) -> dict[str, int]:
    """Collect (never run) the tests under `paths` and count the hostile cases per area."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "census.json"
        env = {**os.environ, CENSUS_ENV: str(out),
               "PYTHONPATH": os.pathsep.join(filter(None, (str(TESTS), os.environ.get("PYTHONPATH"))))}
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "hostile",
             "-p", "no:cacheprovider", *map(str, paths or (TESTS,))],
            cwd=TESTS.parent, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
            raise RuntimeError("test collection failed: " + " | ".join(tail))
        counts: dict[str, int] = json.loads(out.read_text(encoding="utf-8"))
    return counts


def floors() -> dict[str, int]:
    """The recorded fewest cases per area (tests/hostile_counts.toml)."""
    import tomllib

    with FLOORS.open("rb") as handle:
        return {area: int(n) for area, n in tomllib.load(handle).items()}
