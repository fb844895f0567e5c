"""Nothing to do is not success: an articles folder without an article file is one line
naming the folder and what was looked for, and exit code 1, for extract, build and run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli.main import main
from briefing.readers import ARTICLE_SUFFIXES

SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_6910fee4f42e6d0d.txt"


def empty_folder(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    return tmp_path / "articles"


def only_in_a_subfolder(tmp_path: Path) -> Path:
    (tmp_path / "articles" / "2025").mkdir(parents=True)
    (tmp_path / "articles" / "2025" / "visit.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "articles" / "notes.pdf").write_bytes(b"%PDF-1.4\n")  # not an article suffix
    return tmp_path / "articles"


def invoke(tmp_path: Path, command: str, folder: Path):
    config = tmp_path / "briefing.toml"
    config.write_text(f'articles = "{folder.name}"\nout_dir = "out"\nsubscribers_csv = ""\n'
                      'database = "db.sqlite3"\n', encoding="utf-8")
    args = [str(folder)] if command == "extract" else ["--lang", "en", "--audience", "business"]
    return CliRunner().invoke(main, ["-c", str(config), command, *args])


@pytest.mark.hostile("articles")
@pytest.mark.parametrize("make", [empty_folder, only_in_a_subfolder])
@pytest.mark.parametrize("command", ["extract", "build", "run"])
def test_a_folder_without_article_files_is_one_line_and_exit_1(tmp_path: Path, command: str,
                                                                 make) -> None:
    folder = make(tmp_path)
    result = invoke(tmp_path, command, folder)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ") and str(folder) in lines[0]
    assert all(suffix in lines[0] for suffix in ARTICLE_SUFFIXES)
    if make is only_in_a_subfolder:
        assert "subfolder" in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


@pytest.mark.hostile("articles")
def test_extract_goes_on_past_an_empty_folder(tmp_path: Path) -> None:
    empty = empty_folder(tmp_path)
    (tmp_path / "one.txt").write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["extract", str(empty), str(tmp_path / "one.txt")])
    assert result.exit_code == 1
    assert f"error: {empty}: no article file" in result.output
    assert "one.txt | visit" in result.output
