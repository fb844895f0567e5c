import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    # Fixed "now" so editions and their dates are the same on every run.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1754006400")  # 2025-08-01


# Refuse @pytest.mark.hostile without a known area on every run (see tests/hostile.py).
from hostile import pytest_collection_modifyitems  # noqa: E402, F401


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once, at the end, which recommended system library this machine lacks.

    Such a library never fails the suite (pyproject.toml filters WeasyPrint's warning
    about it by its exact text), but the person running the tests should hear of it.
    """
    from briefing import system
    from briefing.errors import SystemDependencyError

    try:
        notes = system.machine_notes()
    except SystemDependencyError as exc:  # the failed tests already say so, at length
        notes = (str(exc),)
    if notes:
        terminalreporter.section("this machine")
        for note in notes:
            terminalreporter.write_line(note)


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium (tests/support/browser.py), one per test module."""
    from support.browser import launched

    with launched() as chromium:
        yield chromium
