"""Delivery through a real SMTP server (aiosmtpd on 127.0.0.1) with injected faults.

In every case: no subscriber gets a message twice, and none is silently skipped.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from mailtools import (
    MONTH,
    FaultySMTP,
    add_subscribers,
    free_port,
    ledger_statuses,
    mail_options,
    make_settings,
    pdf_bytes,
    write_editions,
)

from briefing import approval
from briefing.delivery import ledger, mail
from briefing.delivery import subscribers as store
from briefing.errors import MailError

REPO = Path(__file__).resolve().parents[1]


def smtp_settings(tmp_path: Path, port: int, **changes: object):
    return make_settings(tmp_path, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=port,
                         **changes)


@pytest.fixture
def setup(tmp_path: Path):
    with FaultySMTP() as server:
        settings = smtp_settings(tmp_path, server.port)
        editions = write_editions(Path(settings.out_dir))
        subs = add_subscribers(settings.database, 2)
        yield server, settings, editions, subs


def test_every_subscriber_gets_their_edition_once_over_one_connection(setup) -> None:
    server, settings, editions, subs = setup
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.failed, report.unknown, report.problems) == (12, 0, 0, ())
    assert server.handler.counts() == {s.email.lower(): 1 for s in subs}
    assert server.handler.connections == 1
    for message in server.handler.received:
        to = message["To"].addresses[0].addr_spec
        audience, lang = to.split(".")[:2]
        stem = f"briefing-{MONTH}-{audience}-{lang}"
        assert message["Content-Language"] == lang
        [attachment] = list(message.iter_attachments())
        assert attachment.get_filename() == f"{stem}.pdf"
        assert attachment.get_content() == pdf_bytes(stem)
        assert message["Message-ID"] == mail.message_id(stem, to.lower(), "example.org")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        greeting = message.get_body(("plain",)).get_content().splitlines()[0]
        assert greeting == {"vi": "Xin chào Reader", "fr": "Bonjour Reader",
                            "en": "Hello Reader"}[lang] + " " + to.split(".")[2][0] + ","
    second = mail.deliver(editions, mail_options(settings))
    assert (second.sent, second.skipped) == (0, 12)
    assert len(server.handler.received) == 12


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize("fault", [
    ("data", "421 4.3.0 try again later"),
    ("rcpt", "451 4.7.1 greylisted, come back later"),
    ("rcpt", "garbage"),  # an unreadable answer before DATA: nothing was delivered
])
def test_temporary_failure_is_retried_with_back_off(setup, fault) -> None:
    server, settings, editions, subs = setup
    target = subs[3].email
    server.handler.faults[target] = [fault, fault]
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.deferred, report.problems) == (12, 0, ())
    assert server.handler.counts()[target] == 1
    assert sum(server.handler.counts().values()) == 12


@pytest.mark.hostile("smtp")
def test_temporary_failure_past_every_retry_is_left_for_the_next_run(setup) -> None:
    server, settings, editions, subs = setup
    target = subs[0].email
    server.handler.faults[target] = [("rcpt", "451 4.7.1 later")] * 3
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.deferred) == (11, 1)
    assert [p.item for p in report.problems] == [f"briefing-{MONTH}-diaspora-vi -> {target}"]
    again = mail.deliver(editions, mail_options(settings))
    assert (again.sent, again.skipped, again.deferred) == (1, 11, 0)
    assert server.handler.counts()[target] == 1


@pytest.mark.hostile("smtp")
def test_permanent_failure_suppresses_the_address(setup) -> None:
    server, settings, editions, subs = setup
    target = subs[5].email
    server.handler.faults[target] = [("rcpt", "550 5.1.1 no such user")]
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.failed) == (11, 1)
    assert "550" in report.problems[0].reason
    conn = store.connect(settings.database)
    assert store.get(conn, target).subscriber.status == "bounced"  # type: ignore[union-attr]
    conn.close()
    assert mail.deliver(editions, mail_options(settings)).sent == 0
    assert target.lower() not in server.handler.counts()


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize("answer", ["drop", "garbage"])
def test_lost_answer_after_data_is_unknown_and_never_resent(setup, answer) -> None:
    server, settings, editions, subs = setup
    target = subs[7].email
    server.handler.faults[target] = [("data", answer)]
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.unknown) == (11, 1)
    assert server.handler.counts()[target] == 1  # the server did get it
    again = mail.deliver(editions, mail_options(settings))
    assert (again.sent, again.unknown, again.skipped) == (0, 1, 11)
    assert "unknown" in again.problems[0].reason
    assert server.handler.counts()[target] == 1
    assert ledger_statuses(settings) == {"sent": 11, "unknown": 1}
    chosen = mail.deliver(editions, mail_options(settings), retry_unknown=True)  # the user's decision
    assert (chosen.sent, chosen.unknown) == (1, 0)
    assert server.handler.counts()[target] == 2


@pytest.mark.hostile("smtp")
def test_server_down_at_start_defers_everything_then_a_later_run_sends(tmp_path: Path) -> None:
    port = free_port()
    settings = smtp_settings(tmp_path, port, smtp_retries=1)
    editions = write_editions(Path(settings.out_dir))
    subs = add_subscribers(settings.database, 1)
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.deferred) == (0, 6)
    assert ledger_statuses(settings) == {"deferred": 6}
    with FaultySMTP(port) as server:
        again = mail.deliver(editions, mail_options(settings))
        assert (again.sent, again.deferred) == (6, 0)
        assert server.handler.counts() == {s.email.lower(): 1 for s in subs}


@pytest.mark.hostile("smtp")
def test_two_runs_at_once_are_refused(setup) -> None:
    server, settings, editions, subs = setup
    with ledger.run_lock(Path(settings.database)), pytest.raises(MailError, match="in progress"):
        mail.deliver(editions, mail_options(settings))
    assert server.handler.received == []


def test_test_send_goes_to_one_address_and_leaves_the_ledger_alone(setup) -> None:
    server, settings, editions, subs = setup
    report = mail.deliver(editions[:1], mail_options(settings), test_to="Editor@Example.org")
    assert report.sent == 1
    [message] = server.handler.received
    assert message["Subject"].startswith("[TEST] ")
    assert message["To"].addresses[0].addr_spec == "Editor@Example.org"
    assert ledger_statuses(settings) == {}
    assert mail.deliver(editions, mail_options(settings)).sent == 12


def test_dry_run_sends_and_records_nothing(setup) -> None:
    server, settings, editions, subs = setup
    report = mail.deliver(editions, mail_options(settings), dry_run=True)
    assert len(report.would_send) == 12 and report.sent == 0
    assert server.handler.received == [] and ledger_statuses(settings) == {}


def _sender(settings_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = "from briefing.cli.main import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "-c", str(settings_path), "send", "--month", MONTH],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize("phase", ["rcpt", "data"])
def test_sender_killed_mid_run_resumes_without_duplicates(tmp_path: Path, phase: str) -> None:
    with FaultySMTP() as server:
        config = tmp_path / "briefing.toml"
        config.write_text(
            f'out_dir = "out"\ndatabase = "out/db.sqlite3"\nmail_backend = "smtp"\n'
            f'smtp_host = "127.0.0.1"\nsmtp_port = {server.port}\nsecret_env = "UNSET_SECRET"\n',
            encoding="utf-8")
        settings = smtp_settings(tmp_path, server.port, secret_env="UNSET_SECRET")
        editions = write_editions(Path(settings.out_dir))
        subs = add_subscribers(settings.database, 3)
        victim = sorted(subs, key=lambda s: (s.audience, s.lang, s.email))[8].email
        server.handler.faults[victim.lower()] = [(phase, "kill")]
        approval.approve(Path(settings.out_dir), MONTH, "test", editions)  # SMTP sends need it
        proc = _sender(config)
        server.handler.kill_pid = proc.pid
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL, err.decode()
        before = sum(server.handler.counts().values())
        assert 0 < before < 18

        report = mail.deliver(editions, mail_options(settings))
        counts = server.handler.counts()
        assert max(counts.values()) == 1  # no duplicate, ever
        if phase == "data":  # accepted by the server, answer never read: unknown
            assert (report.sent, report.unknown) == (18 - before, 1)
            assert report.problems[0].item.endswith(victim)
            assert set(counts) == {s.email.lower() for s in subs}
        else:  # killed before the body was sent: simply resent
            assert (report.sent, report.unknown, report.problems) == (18 - before, 0, ())
            assert set(counts) == {s.email.lower() for s in subs}


def test_smtp_password_comes_only_from_the_named_environment_variable(tmp_path, monkeypatch):
    settings = smtp_settings(tmp_path, 2525, smtp_user="mailer",
                             smtp_password_env="TEST_SMTP_PASSWORD")
    monkeypatch.delenv("TEST_SMTP_PASSWORD", raising=False)
    with pytest.raises(MailError, match=r"\$TEST_SMTP_PASSWORD is empty"):
        mail.make_backend(mail_options(settings))
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "hunter2-secret")
    backend = mail.make_backend(mail_options(settings))
    assert backend.config.password == "hunter2-secret"  # type: ignore[attr-defined]
    assert "hunter2" not in repr(backend.config)  # type: ignore[attr-defined]


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize(("raw", "wire"), [
    (b"a\r\n.b\r\n", b"a\r\n..b\r\n.\r\n"),
    (b".\r\n.\r\n..x", b"..\r\n..\r\n...x\r\n.\r\n"),
    (b"no dot. here", b"no dot. here\r\n.\r\n"),
])
def test_dot_stuffing(raw: bytes, wire: bytes) -> None:
    from briefing.delivery.transport import _dot_stuff

    assert _dot_stuff(raw) == wire


def test_rate_limit_spaces_messages(monkeypatch) -> None:
    from briefing.delivery import transport

    clock = [100.0]
    sleeps: list[float] = []
    monkeypatch.setattr(transport.time, "monotonic", lambda: clock[0])

    def fake_sleep(seconds: float) -> None:  # a fake clock: no real waiting in tests
        sleeps.append(round(seconds, 6))
        clock[0] += seconds

    monkeypatch.setattr(transport.time, "sleep", fake_sleep)
    backend = transport.SmtpBackend(transport.SmtpConfig("127.0.0.1", 1, rate=4.0), "a@example.org")
    for _ in range(3):
        backend._throttle()
        clock[0] += 0.05  # the time one message takes
    assert sleeps == [0.2, 0.2]


# -- a relay's verdict on the message is not a verdict on the subscriber ------------------


def subscriber_statuses(settings) -> dict[str, str]:
    conn = store.connect(settings.database)
    try:
        return {s.subscriber.email.lower(): s.subscriber.status for s in store.list_subscribers(conn)}
    finally:
        conn.close()


def ledger_row(settings, email: str) -> tuple[str, int, str]:
    conn = store.connect(settings.database)
    try:
        row = conn.execute("SELECT status, last_code, last_error FROM ledger WHERE email_key = ?",
                           (email.lower(),)).fetchone()
        return row["status"], row["last_code"], row["last_error"]
    finally:
        conn.close()


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize("answer", ["554 5.7.1 message content rejected by policy",
                                    "552 5.3.4 message size exceeds fixed limit"])
def test_a_message_refused_after_data_fails_the_message_not_the_subscriber(setup, tmp_path,
                                                                            answer) -> None:
    server, settings, editions, subs = setup
    target = subs[4].email
    server.handler.faults[target.lower()] = [("data", answer)]
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.failed) == (11, 1)
    [problem] = report.problems
    assert problem.item.endswith(target) and answer in problem.reason
    assert "address kept" in problem.reason
    assert ledger_row(settings, target) == ("failed", int(answer[:3]), answer)
    assert set(subscriber_statuses(settings).values()) == {"active"}
    # The next edition reaches the same subscriber.
    later = write_editions(Path(settings.out_dir), "2025-04")
    assert mail.deliver(later, mail_options(settings)).sent == 12
    assert server.handler.counts()[target.lower()] == 1


@pytest.mark.hostile("smtp")
def test_the_same_size_refusal_for_several_recipients_stops_the_run_in_one_line(setup) -> None:
    server, settings, editions, subs = setup
    answer = "552 5.3.4 message size exceeds fixed limit"
    for sub in subs:
        server.handler.faults[sub.email.lower()] = [("data", answer)]
    with pytest.raises(MailError) as stopped:
        mail.deliver(editions, mail_options(settings))
    line = str(stopped.value)
    assert "\n" not in line
    assert f"refused {mail.REFUSALS_TO_STOP} messages with the same answer ({answer})" in line
    named = re.search(r"a size limit: (briefing-\S+\.pdf) is (\d+) KB \(the message (\d+) KB\)",
                      line)
    assert named, line
    pdf = Path(settings.out_dir) / MONTH / named[1]
    assert int(named[2]) == round(pdf.stat().st_size / 1000)
    assert int(named[3]) > int(named[2])  # base64 and the text parts
    assert "delivery = link" in line
    assert ledger_statuses(settings) == {"failed": mail.REFUSALS_TO_STOP,
                                         "pending": 12 - mail.REFUSALS_TO_STOP}
    assert set(subscriber_statuses(settings).values()) == {"active"}
    assert server.handler.received == []


@pytest.mark.hostile("smtp")
def test_a_content_refusal_repeated_names_the_content_policy(setup) -> None:
    server, settings, editions, subs = setup
    for sub in subs:
        server.handler.faults[sub.email.lower()] = [("data", "554 5.7.1 spam score too high")]
    with pytest.raises(MailError, match=r"554 5\.7\.1 spam score too high\): the relay's "
                                        r"content policy"):
        mail.deliver(editions, mail_options(settings))
    assert set(subscriber_statuses(settings).values()) == {"active"}


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize("fault", [("rcpt", "550 5.1.1 no such user"),
                                   ("data", "550 5.1.1 mailbox unknown")])
def test_only_a_refused_recipient_or_a_5_1_x_status_suppresses_the_address(setup, fault) -> None:
    server, settings, editions, subs = setup
    target = subs[2].email
    server.handler.faults[target.lower()] = [fault]
    report = mail.deliver(editions, mail_options(settings))
    assert (report.sent, report.failed) == (11, 1)
    assert "address suppressed" in report.problems[0].reason
    statuses = subscriber_statuses(settings)
    assert statuses.pop(target.lower()) == "bounced"
    assert set(statuses.values()) == {"active"}


@pytest.mark.hostile("smtp")
def test_send_stops_on_a_repeated_refusal_with_one_error_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli.main import main

    with FaultySMTP() as server:
        config = tmp_path / "briefing.toml"
        config.write_text(
            f'out_dir = "out"\ndatabase = "out/db.sqlite3"\nmail_backend = "smtp"\n'
            f'smtp_host = "127.0.0.1"\nsmtp_port = {server.port}\nsecret_env = "UNSET_SECRET"\n'
            'smtp_backoff = 0.01\n', encoding="utf-8")
        editions = write_editions(tmp_path / "out")
        subs = add_subscribers(tmp_path / "out" / "db.sqlite3", 2)
        for sub in subs:
            server.handler.faults[sub.email.lower()] = [("data", "552 5.3.4 too big")]
        approval.approve(tmp_path / "out", MONTH, "test", editions)  # SMTP sends need it
        result = CliRunner().invoke(main, ["-c", str(config), "send", "--month", MONTH])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0] == result.output.splitlines()[-1]
    assert errors[0].startswith("error: the relay refused 3 messages with the same answer "
                                "(552 5.3.4 too big): a size limit: briefing-")
