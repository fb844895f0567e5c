"""`-q` prints only errors: no summary, no progress display, no notes; errors still show.

The build is run on a pseudo-terminal too, where the progress spinner would be drawn.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli.main import main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_6910fee4f42e6d0d.txt"
HEADER = "email,name,language,audience,delivery,consent_at,source\n"


def project(tmp_path: Path, csv_body: str = "") -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_bytes(SEED.read_bytes())
    (articles / "empty.txt").write_bytes(b"")  # one failure, so there is an error to show
    (tmp_path / "subs.csv").write_text(HEADER + csv_body, encoding="utf-8")
    config = tmp_path / "briefing.toml"
    config.write_text('articles = "articles"\nout_dir = "out"\nsubscribers_csv = "subs.csv"\n'
                      'database = "db.sqlite3"\n', encoding="utf-8")
    return config


def on_a_terminal(args: list[str], cwd: Path) -> str:
    """Run `briefing ARGS` with stdout and stderr on a pseudo-terminal; return what it shows."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "briefing", *args], cwd=cwd,
                             stdout=follower, stderr=follower, stdin=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONWARNINGS": "error", "TERM": "xterm"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    child.wait(timeout=300)
    os.close(leader)
    return shown.decode("utf-8", "replace")


@pytest.mark.hostile("articles")
def test_quiet_run_shows_only_the_errors_even_on_a_terminal(tmp_path: Path) -> None:
    config = project(tmp_path, "lan@example.org,Lan,en,business,,2026-01-01,x\n"
                               "bad-address,B,en,business,,2026-01-01,x\n")
    shown = on_a_terminal(["-q", "-c", str(config), "run", "--lang", "en",
                           "--audience", "business"], tmp_path)
    lines = [line for line in shown.replace("\r", "\n").splitlines() if line.strip()]
    assert len(lines) == 2, shown
    assert lines[0].startswith("refused: ") or lines[1].startswith("refused: "), shown
    assert any(line.startswith("failed: ") and "empty.txt" in line for line in lines), shown
    assert "\x1b" not in shown  # no spinner, no colours
    assert list((tmp_path / "out" / "outbox").rglob("*.eml"))  # the work was still done
    again = CliRunner().invoke(main, ["-q", "-c", str(config), "send", "--month", "2025-07",
                                      "--lang", "en", "--audience", "business"])
    assert (again.exit_code, again.output) == (0, "")  # "mail: 0 sent, 1 already sent" not shown


@pytest.mark.hostile("subscribers")
def test_quiet_subscriber_commands_print_only_errors(tmp_path: Path) -> None:
    config = project(tmp_path, "lan@example.org,Lan,en,business,,2026-01-01,x\n"
                               "bad-address,B,en,business,,2026-01-01,x\n")
    runner = CliRunner()

    def quiet(*args: str):
        return runner.invoke(main, ["-q", "-c", str(config), "subscribers", *args])

    imported = quiet("import", str(tmp_path / "subs.csv"))
    assert imported.exit_code == 1
    assert imported.output.splitlines() == [f"refused: {tmp_path / 'subs.csv'}:3: "
                                            "bad-address: not a valid e-mail address"]
    for args in (("add", "jo@example.org", "--lang", "fr", "--audience", "diaspora"),
                 ("unsubscribe", "jo@example.org"), ("reactivate", "jo@example.org"),
                 ("export", "-o", str(tmp_path / "backup.csv")), ("remove", "jo@example.org")):
        result = quiet(*args)
        assert (result.exit_code, result.output) == (0, ""), args
    missing = quiet("remove", "jo@example.org")
    assert missing.exit_code == 2 and missing.output.startswith("error: ")
    listing = quiet("list")  # what was asked for is not chatter
    assert listing.output.startswith("lan@example.org\t")


@pytest.mark.hostile("articles")
def test_quiet_build_prints_only_the_failed_article(tmp_path: Path) -> None:
    config = project(tmp_path)
    result = CliRunner().invoke(main, ["-q", "-c", str(config), "build", "--lang", "en",
                                       "--audience", "business"])
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1 and result.output.startswith("failed: ")
