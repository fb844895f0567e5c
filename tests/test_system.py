"""The start-up check for WeasyPrint's system libraries."""

from __future__ import annotations

import builtins
from typing import Any

import pytest
from click.testing import CliRunner

from briefing import system
from briefing.cli import main


def without_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': No such file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_missing_pango_is_one_line_that_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    without_pango(monkeypatch)
    with pytest.raises(system.SystemDependencyError, match="apt-get install libpango-1.0-0"):
        system.check()


def test_cli_reports_missing_pango_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    without_pango(monkeypatch)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.output.startswith("error: WeasyPrint needs Pango")
    assert len(result.output.strip().splitlines()) == 1
