"""The start-up check for WeasyPrint's system libraries, and SOURCE_DATE_EPOCH."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing import system
from briefing.cli.main import main


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


def test_source_date_epoch_is_read_once_the_same_way_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import pipeline
    from briefing.delivery import subscribers

    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 1700000000\n")
    assert pipeline.edition_date() == dt.date(2023, 11, 14)
    assert subscribers.now() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert system.source_date() is None


@pytest.mark.parametrize("command", [["subscribers", "add", "a@example.org", "--lang", "vi",
                                      "--audience", "diaspora"], ["build"]])
def test_a_bad_source_date_epoch_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             command: list[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    config = tmp_path / "briefing.toml"
    config.write_text('articles = "."\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["-c", str(config), *command])
    assert result.exit_code == 2, result.output
    assert result.output == "error: SOURCE_DATE_EPOCH: expected whole seconds since 1970, got 'yesterday'\n"
