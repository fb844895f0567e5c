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
