"""The layout the README describes: every module of briefing/ has its row in the stage
table, and test-only code (fakes, the scorer, test servers) stays out of the package."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefing"


def _table_modules() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = readme.split("## How the pieces fit", 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| stage |"))
    rows = list(itertools.takewhile(lambda line: line.startswith("|"), lines[start + 2:]))
    return {m for row in rows for m in re.findall(r"`(briefing/[\w/]+\.py)`", row.split("|")[2])}


def test_every_module_has_its_row_in_the_readme_stage_table() -> None:
    modules = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py")}
    table = _table_modules()
    assert sorted(modules - table) == [], "modules without a row in README's stage table"
    assert sorted(table - modules) == [], "rows of README's stage table naming no module"


def test_no_test_only_code_in_the_installed_package() -> None:
    # Fakes, stubs and the test tooling belong in tests/support/ (a user never runs them).
    test_only = re.compile(r"^(class|def) (Fake|Stub|Dummy|Mock)\w*|^import pytest|^from pytest"
                           r"|^from (tests|support)\b", re.MULTILINE)
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in PACKAGE.rglob("*.py")
             for m in test_only.finditer(p.read_text(encoding="utf-8"))]
    assert found == []
