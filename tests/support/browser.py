"""Debian's headless Chromium for the browser tests, driven by Playwright.

Nothing is downloaded: Playwright drives /usr/bin/chromium with the flags that keep it off
the (closed) network.  A test module opts in with `pytestmark = NEEDS_BROWSER` and asks
for the `browser` fixture of tests/conftest.py; without the browser or the playwright
package its tests skip, saying why.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

NEEDS_BROWSER = [
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None,
                       reason="the playwright package is not installed"),
    pytest.mark.skipif(not CHROMIUM.is_file(),
                       reason=f"no {CHROMIUM}: apt-get install chromium (make test does it when run as root)"),
]


@contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium for the length of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
