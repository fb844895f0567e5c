"""The hostile-input census can only grow, and it counts what it says it counts."""

from __future__ import annotations

from pathlib import Path

import hostile
import pytest


def test_no_area_has_fewer_hostile_cases_than_recorded() -> None:
    recorded = hostile.floors()
    assert sorted(recorded) == sorted(hostile.AREAS)
    counts = hostile.census()
    short = {area: f"{counts[area]} < {recorded[area]}" for area in hostile.AREAS
             if counts[area] < recorded[area]}
    assert not short, f"hostile cases lost (now < recorded in {hostile.FLOORS.name}): {short}"


def test_the_census_counts_each_marked_case_once_per_area(tmp_path: Path) -> None:
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n"
        "@pytest.mark.hostile('smtp')\n"
        "@pytest.mark.parametrize('n', [1, 2, 3])\n"
        "def test_three(n): pass\n"
        "@pytest.mark.hostile('serve')\n"
        "def test_one(): pass\n"
        "def test_not_hostile(): pass\n", encoding="utf-8")
    assert hostile.census(tmp_path) == {"subscribers": 0, "smtp": 3, "serve": 1, "articles": 0}


@pytest.mark.parametrize("marker", ["hostile('smpt')", "hostile", "hostile('smtp', 'serve')"])
def test_a_marker_without_one_known_area_stops_the_collection(tmp_path: Path, marker: str) -> None:
    (tmp_path / "test_sample.py").write_text(
        f"import pytest\n@pytest.mark.{marker}\ndef test_x(): pass\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="hostile.*AREA among subscribers, smtp, serve, articles"):
        hostile.census(tmp_path)
