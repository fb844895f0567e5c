"""Visual regression: the cover of one edition, rasterised small and compared with a
committed reference within a tolerance.  After a deliberate change of the layout, run
`make update-snapshots` (BRIEFING_UPDATE_SNAPSHOTS=1) and commit the new PNG."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from render_editions import edition

from briefing import render

REFERENCE = Path(__file__).parent / "snapshots" / "cover-business-vi.png"
DPI = 40
MEAN_TOLERANCE = 1.5  # mean absolute grey-level difference, out of 255
PIXEL_TOLERANCE = 0.01  # share of pixels that may differ by more than a quarter of the range


def cover_png(pdf: Path, stem: Path) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            str(DPI),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-png",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )
    return stem.with_suffix(".png")


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    strong = sum(diff.histogram()[64:]) / (diff.width * diff.height)
    return ImageStat.Stat(diff).mean[0], strong


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_cover_snapshot(tmp_path: Path) -> None:
    result = render.Renderer(tmp_path).render(edition("vi", "business"))
    actual = cover_png(Path(result.path), tmp_path / "cover")
    if os.environ.get("BRIEFING_UPDATE_SNAPSHOTS") == "1":
        REFERENCE.parent.mkdir(exist_ok=True)
        shutil.copyfile(actual, REFERENCE)
    assert REFERENCE.is_file(), f"no reference {REFERENCE}: run `make update-snapshots`"
    with Image.open(REFERENCE) as expected, Image.open(actual) as got:
        assert expected.size == got.size
        mean, strong = difference(expected, got)
    assert mean <= MEAN_TOLERANCE and strong <= PIXEL_TOLERANCE, (
        f"cover differs from {REFERENCE.name} (mean {mean:.2f}, {strong:.2%} of pixels); "
        "if the change is deliberate, run `make update-snapshots`"
    )


def test_snapshot_comparison_notices_a_change() -> None:
    blank = Image.new("L", (100, 100), 255)
    marked = blank.copy()
    marked.paste(0, (10, 10, 40, 40))
    assert difference(blank, blank) == (0.0, 0.0)
    mean, strong = difference(blank, marked)
    assert mean > MEAN_TOLERANCE and strong > PIXEL_TOLERANCE
