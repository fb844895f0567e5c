"""Approval gates real mail: `send` and `run` over SMTP (a real aiosmtpd server) refuse a
month that is not approved or whose PDFs changed since; the file outbox and --test-to do not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mailtools import MONTH, FaultySMTP, add_subscribers, write_editions

from briefing import approval
from briefing.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


def config(tmp_path: Path, port: int, backend: str = "smtp") -> Path:
    path = tmp_path / "briefing.toml"
    path.write_text(
        f'articles = "articles"\nout_dir = "out"\ndatabase = "out/db.sqlite3"\noutbox = "out/outbox"\n'
        f'subscribers_csv = ""\nsecret_env = "UNSET_SECRET"\nmail_backend = "{backend}"\n'
        f'smtp_host = "127.0.0.1"\nsmtp_port = {port}\nsmtp_retries = 0\n', encoding="utf-8")
    return path


def cli(cfg: Path, *args: str):
    return CliRunner().invoke(main, ["-c", str(cfg), *args])


@pytest.fixture
def smtp(tmp_path: Path):
    with FaultySMTP() as server:
        cfg = config(tmp_path, server.port)
        write_editions(tmp_path / "out")
        add_subscribers(tmp_path / "out" / "db.sqlite3", 1)
        yield server, cfg


@pytest.mark.hostile("smtp")
def test_send_refuses_a_month_not_approved_with_one_line(smtp) -> None:
    server, cfg = smtp
    result = cli(cfg, "send", "--month", MONTH)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: {MONTH} is not approved: check it (`briefing review`), then run "
        f"`briefing approve --month {MONTH}`"]
    assert server.handler.received == []


def test_an_approved_month_is_sent_and_the_approval_says_who_and_what(smtp, tmp_path: Path) -> None:
    server, cfg = smtp
    approved = cli(cfg, "approve", "--month", MONTH, "--by", "Lan Nguyễn")
    assert approved.exit_code == 0, approved.output
    assert approved.output.startswith(f"approved {MONTH}: 6 PDF(s), by Lan Nguyễn at ")
    record = json.loads((tmp_path / "out" / MONTH / "approval.json").read_text(encoding="utf-8"))
    pdf = tmp_path / "out" / MONTH / f"briefing-{MONTH}-business-fr.pdf"
    assert record["by"] == "Lan Nguyễn" and record["pdfs"][pdf.name] == approval.digest(pdf)
    sent = cli(cfg, "send", "--month", MONTH)
    assert sent.exit_code == 0, sent.output
    assert "mail: 6 sent" in sent.output and len(server.handler.received) == 6


@pytest.mark.hostile("smtp")
def test_a_pdf_changed_after_approval_is_refused(smtp, tmp_path: Path) -> None:
    server, cfg = smtp
    assert cli(cfg, "approve", "--month", MONTH, "--by", "Lan").exit_code == 0
    pdf = tmp_path / "out" / MONTH / f"briefing-{MONTH}-diaspora-vi.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% rebuilt\n")
    result = cli(cfg, "send", "--month", MONTH)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert f"error: {MONTH}: {pdf.name} changed since Lan approved it" in result.output
    assert f"run `briefing approve --month {MONTH}`" in result.output
    assert server.handler.received == []


def test_a_test_send_and_a_dry_run_need_no_approval(smtp) -> None:
    server, cfg = smtp
    dry = cli(cfg, "send", "--month", MONTH, "--dry-run")
    assert dry.exit_code == 0 and "6 message(s) would be sent" in dry.output
    test = cli(cfg, "send", "--month", MONTH, "--test-to", "editor@example.org")
    assert test.exit_code == 0, test.output
    [message] = server.handler.received
    assert message["Subject"].startswith("[TEST]") and message["To"] == "editor@example.org"


def test_the_file_outbox_needs_no_approval(tmp_path: Path) -> None:
    cfg = config(tmp_path, 2525, backend="file")
    write_editions(tmp_path / "out")
    add_subscribers(tmp_path / "out" / "db.sqlite3", 1)
    result = cli(cfg, "send", "--month", MONTH)
    assert result.exit_code == 0 and "mail: 6 sent" in result.output


@pytest.mark.hostile("smtp")
def test_approving_a_month_without_pdfs_says_to_build_first(tmp_path: Path) -> None:
    result = cli(config(tmp_path, 2525), "approve", "--month", "2024-01")
    assert result.exit_code == 2
    assert result.output.strip() == (f"error: 2024-01: no PDF in {tmp_path / 'out' / '2024-01'} to "
                                     "approve; run `briefing build --month 2024-01` first")


def test_run_over_smtp_builds_then_mails_only_once_approved(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(ROOT / "seeds" / "003_154c2c7d1d8aac01.txt", articles)
    with FaultySMTP() as server:
        cfg = config(tmp_path, server.port)
        conn_db = tmp_path / "out" / "db.sqlite3"
        conn_db.parent.mkdir(parents=True)
        add_subscribers(conn_db, 1)
        args = ("run", "--lang", "en", "--audience", "business")
        first = cli(cfg, *args)
        assert first.exit_code == 2, first.output
        assert "1 PDF(s) written" in first.output
        assert "error: nothing mailed: " in first.output and "is not approved" in first.output
        assert server.handler.received == []
        month = next(p.name for p in (tmp_path / "out").iterdir() if p.name[:2] == "20")
        assert cli(cfg, "approve", "--month", month, "--by", "Lan").exit_code == 0
        second = cli(cfg, *args)
        assert second.exit_code == 0, second.output
        assert "0 PDF(s) written, 1 unchanged" in second.output and "mail: 1 sent" in second.output
        [message] = server.handler.received
        assert message["To"] == "Reader 0 <business.en.0@example.org>"
