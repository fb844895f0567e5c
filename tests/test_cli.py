"""The command line: help with examples everywhere, one-line errors, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefing.cli import main


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("path", [(), *all_commands(main)], ids=lambda p: " ".join(p) or "briefing")
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_the_pipeline_commands_exist() -> None:
    assert {"run", "build"} <= set(main.commands)


def test_bad_month_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["build", "--month", "2025-13"])
    assert result.exit_code == 2
    assert "expected YYYY-MM" in result.output


def test_unknown_language_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["build", "--lang", "vi,de"])
    assert result.exit_code == 2
    assert "choose among vi, fr, en" in result.output


def test_bad_config_is_one_line_without_traceback(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('languages = ["vi", "xx"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "build"])
    assert result.exit_code == 2
    assert result.output.startswith("error: setting 'languages'")
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
