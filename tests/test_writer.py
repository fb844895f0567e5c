"""Atomic writes: a write killed half-way leaves a temporary file, and the next run removes
it (only the writer's own temporary files, only in the output folders, never one that a
live process is still writing)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import writer
from briefing.cli.main import main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_6910fee4f42e6d0d.txt"

# A real write in another process, stopped inside the writer (os.fsync never returns).
_BLOCKED_WRITE = """
import os, sys, time
from pathlib import Path
from briefing import writer
def hang(fd):
    print("writing", flush=True)
    time.sleep(120)
os.fsync = hang
writer.write_bytes(Path(sys.argv[1]), b"%PDF-1.7 half a file")
"""


def start_write(target: Path) -> tuple[subprocess.Popen[str], Path]:
    """Start writing `target` in a child process; return it and its temporary file."""
    child = subprocess.Popen([sys.executable, "-c", _BLOCKED_WRITE, str(target)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    (temp,) = target.parent.glob(f".{target.name}.*.tmp")
    return child, temp


def stop(child: subprocess.Popen[str]) -> None:
    """Kill the writing process, as kill -9 would."""
    child.kill()
    child.wait()
    if child.stdout:
        child.stdout.close()


def age(path: Path, seconds: float = 3600) -> None:
    """Date a file back, as if the run that left it ended an hour ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def killed_write(target: Path) -> Path:
    child, temp = start_write(target)
    stop(child)
    age(temp)
    return temp


@pytest.mark.hostile("articles")
def test_a_live_write_is_kept_and_a_killed_one_removed(tmp_path: Path) -> None:
    target = tmp_path / "out" / "2025-07" / "briefing-2025-07-business-en.pdf"
    child, temp = start_write(target)
    try:
        age(temp)
        assert writer.remove_stale(tmp_path / "out") == []  # still being written
        assert temp.exists()
    finally:
        stop(child)
    decoys = [tmp_path / "out" / name for name in (
        "notes.tmp", ".briefing.pdf.tmp", ".x.pdf.abc.tmp", "2025-07/x.pdf", "2025-07/.keep",
        "a/b/.x.pdf.abcdefgh.tmp",  # deeper than the output folders: not the writer's place
    )]
    for decoy in decoys:
        decoy.parent.mkdir(parents=True, exist_ok=True)
        decoy.write_bytes(b"mine")
        age(decoy)
    assert writer.remove_stale(tmp_path / "out") == [temp]
    assert not temp.exists() and all(d.exists() for d in decoys)
    assert not target.exists()


@pytest.mark.hostile("articles")
def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "subs.csv").write_text(
        "email,name,language,audience,delivery,consent_at,source\n"
        "lan@example.org,Lan,en,business,,2026-01-01,x\n", encoding="utf-8")
    config = tmp_path / "briefing.toml"
    config.write_text('articles = "articles"\nout_dir = "out"\nsubscribers_csv = "subs.csv"\n'
                      'database = "db.sqlite3"\n', encoding="utf-8")
    out = tmp_path / "out"
    left = [killed_write(out / "2025-07" / "briefing-2025-07-business-en.pdf"),
            killed_write(out / "render-manifest.json"),
            killed_write(out / "outbox" / "briefing-2025-07-business-en" / "lan@example.org.eml")]
    result = CliRunner().invoke(main, ["-c", str(config), "run", "--lang", "en",
                                       "--audience", "business"])
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in left)
    assert list(out.rglob("*.tmp")) == []
    assert (out / "2025-07" / "briefing-2025-07-business-en.pdf").read_bytes().startswith(b"%PDF")
