"""Settings precedence: defaults < TOML file < BRIEFING_* variables < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import settings
from briefing.errors import SettingsError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_relative_paths_are_relative_to_the_file_not_the_cwd(tmp_path: Path) -> None:
    config = write(tmp_path, 'out_dir = "../elsewhere"\n')
    loaded = settings.load(config, environ={})
    assert loaded.out_dir == (tmp_path / "../elsewhere").resolve()


def test_precedence(tmp_path: Path) -> None:
    config = write(tmp_path, 'mail_backend = "smtp"\nsmtp_port = 2525\n')
    env = {"BRIEFING_SMTP_PORT": "587"}
    loaded = settings.load(config, {"smtp_port": None}, environ=env)
    assert loaded.mail_backend == "smtp"
    assert loaded.smtp_port == 587  # environment beats the file; an unset flag beats nothing
    assert settings.load(config, {"smtp_port": 465}, environ=env).smtp_port == 465


def test_every_invalid_setting_is_reported_at_once(tmp_path: Path) -> None:
    config = write(tmp_path, 'smtp_port = "twenty"\nnot_a_setting = 1\n')
    with pytest.raises(SettingsError) as caught:
        settings.load(config, environ={"BRIEFING_SMTP_RATE": "fast"})
    message = str(caught.value)
    assert "not_a_setting" in message and "smtp_port" in message and "SMTP_RATE" in message


def test_missing_or_broken_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        settings.load(tmp_path / "nope.toml", environ={})
    with pytest.raises(SettingsError, match="not valid TOML"):
        settings.load(write(tmp_path, "this is = = not toml"), environ={})


def test_a_boolean_is_not_a_number(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="smtp_port.*expected int, got True"):
        settings.load(write(tmp_path, "smtp_port = true\n"), environ={})


def test_numbers_out_of_range_are_reported_together(tmp_path: Path) -> None:
    config = write(tmp_path, "smtp_port = 70000\nsmtp_retries = -3\n")
    with pytest.raises(SettingsError) as caught:
        settings.load(config, environ={"BRIEFING_SMTP_TIMEOUT": "0"})
    message = str(caught.value)
    assert "smtp_port" in message and "smtp_retries" in message and "smtp_timeout" in message


def test_paths_from_variables_and_flags_are_relative_to_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path, 'out_dir = "from-file"\n')
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    env = {"BRIEFING_OUTBOX": "mail"}
    loaded = settings.load(config, {"database": "db.sqlite3"}, environ=env)
    assert loaded.out_dir == tmp_path / "from-file"
    assert loaded.outbox == workdir / "mail"
    assert loaded.database == workdir / "db.sqlite3"
    assert loaded.articles == tmp_path / "seeds"  # a default follows the file
