"""The command line: help with examples everywhere, one-line errors, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefing.cli.main import main


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


@pytest.mark.hostile("articles")
def test_bad_articles_are_named_and_the_rest_is_built(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = Path(__file__).resolve().parent.parent / "seeds" / "002_6910fee4f42e6d0d.txt"
    (articles / "good.txt").write_bytes(seed.read_bytes())
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(bytes(range(256)) * 8)
    config = tmp_path / "briefing.toml"
    config.write_text('articles = "articles"\nout_dir = "out"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "build", "--lang", "en",
                                       "--audience", "business"])
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(failed) == 2
    assert any("empty.txt" in line for line in failed) and any("binary.txt" in line for line in failed)
    assert (tmp_path / "out" / "2025-07" / "briefing-2025-07-business-en.pdf").is_file()
    leftovers = [p for p in (tmp_path / "out").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_run_says_when_the_subscribers_file_is_missing(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = Path(__file__).resolve().parent.parent / "seeds" / "002_6910fee4f42e6d0d.txt"
    (articles / "one.txt").write_bytes(seed.read_bytes())
    config = tmp_path / "briefing.toml"
    config.write_text('articles = "articles"\nout_dir = "out"\nsubscribers_csv = "nobody.csv"\n'
                      'database = "briefing.sqlite"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "run", "--lang", "en",
                                       "--audience", "business"])
    assert result.exit_code == 0, result.output
    assert f"subscribers file {tmp_path / 'nobody.csv'} not found" in result.output
    assert "mail: 0 sent" in result.output


@pytest.mark.parametrize("command", ["build", "run", "send"])
def test_every_command_reads_lists_and_months_alike(command: str) -> None:
    for option, value, message in (("--lang", "vi,xx", "choose among vi, fr, en"),
                                   ("--audience", "", "choose among diaspora, business"),
                                   ("--month", "2025-7", "expected YYYY-MM")):
        result = CliRunner().invoke(main, [command, option, value])
        assert result.exit_code == 2 and message in result.output, (option, result.output)


def one_article_config(tmp_path: Path, extra: str) -> Path:
    """A config over one seed article, plus `extra` TOML lines."""
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = Path(__file__).resolve().parent.parent / "seeds" / "002_6910fee4f42e6d0d.txt"
    (articles / "good.txt").write_bytes(seed.read_bytes())
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    config = tmp_path / "briefing.toml"
    config.write_text(f'articles = "articles"\n{extra}\n', encoding="utf-8")  # out_dir: out
    return config


@pytest.mark.parametrize(("setting", "command", "expected"), [
    ("translation_cache", ["build"], "cannot open the translation cache"),
    ("out_dir", ["build"], "cannot write to"),
    ("database", ["subscribers", "list"], "cannot open the subscriber database"),
])
def test_an_unusable_path_is_one_line_naming_it(tmp_path: Path, setting: str,
                                                  command: list[str], expected: str) -> None:
    config = one_article_config(tmp_path, f'{setting} = "a-file/inside"')
    options = ["--lang", "en", "--audience", "business"] if command == ["build"] else []
    result = CliRunner().invoke(main, ["--config", str(config), *command, *options])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ") and expected in result.output
    assert "a-file" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_relative_models_dir_flag_is_relative_to_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "conf" / "briefing.toml"
    config.parent.mkdir()
    config.write_text('models_dir = "from-file"\n', encoding="utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    result = CliRunner().invoke(main, ["-c", str(config), "models", "--models-dir", "mine", "list"])
    assert result.exit_code == 0, result.output
    assert f"0 package(s) in {tmp_path / 'work' / 'mine'}" in result.output
