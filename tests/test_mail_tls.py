"""SMTP over STARTTLS and implicit TLS, with login, against a real aiosmtpd server.

Certificates are made in the test session with `openssl` (never committed); the client
always verifies them, trusting the test certificate through `smtp_ca_file`.
"""

from __future__ import annotations

import gc
import logging
import ssl
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner
from mailtools import (
    MONTH,
    FaultHandler,
    FaultySMTP,
    add_subscribers,
    ledger_statuses,
    mail_options,
    make_settings,
    pdf_bytes,
    write_editions,
)

from briefing import approval
from briefing import settings as settings_mod
from briefing.cli.main import main
from briefing.delivery import mail
from briefing.errors import MailError

USER = "mailer"
PASSWORD = "s3cret-Pa55word-xyzzy"
PASSWORD_ENV = "BRIEFING_TEST_SMTP_PASSWORD"


@dataclass(frozen=True)
class Cert:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def _make_cert(folder: Path, name: str, alt_names: str) -> Cert:
    """A self-signed EC certificate (fast to make) valid for `alt_names`."""
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert),
         "-addext", f"subjectAltName={alt_names}",
         "-addext", "keyUsage=critical,digitalSignature,keyCertSign"],
        check=True, capture_output=True)
    return Cert(cert, key)


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Cert]:
    """`good` (for 127.0.0.1), `stranger` (same names, another key), `elsewhere` (other name)."""
    folder = tmp_path_factory.mktemp("certs")
    return {
        "good": _make_cert(folder, "good", "IP:127.0.0.1,DNS:localhost"),
        "stranger": _make_cert(folder, "stranger", "IP:127.0.0.1,DNS:localhost"),
        "elsewhere": _make_cert(folder, "elsewhere", "DNS:mail.example.org"),
    }


class TlsHandler(FaultHandler):
    """Also records, per message, whether it came over TLS and who logged in."""

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[tuple[bool, str | None]] = []
        self.logins: list[tuple[str, str, bool]] = []  # mechanism, user, accepted

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        tls = server.transport.get_extra_info("ssl_object") is not None
        self.sessions.append((tls, session.auth_data))
        return await super().handle_DATA(server, session, envelope)

    def authenticator(self, server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword)
              and server.transport.get_extra_info("ssl_object") is not None
              and (auth_data.login, auth_data.password) == (USER.encode(), PASSWORD.encode()))
        self.logins.append((mechanism, auth_data.login.decode(), ok))
        # handled=False: aiosmtpd then answers 535 itself (the default sends no reply at all).
        return AuthResult(success=ok, handled=False,
                          auth_data=auth_data.login.decode() if ok else None)


def tls_server(security: str, cert: Cert, *, auth: bool = False, **smtp: Any) -> FaultySMTP:
    """A server that speaks `security` (starttls or tls) with `cert`, requiring login if `auth`."""
    handler = TlsHandler()
    if auth:
        # aiosmtpd's auth_require_tls only counts STARTTLS (it would never offer AUTH over
        # implicit TLS), so with `tls` the authenticator alone insists on TLS.
        starttls = security == "starttls"
        smtp.update(authenticator=handler.authenticator, auth_required=starttls,
                    auth_require_tls=starttls)
    if security == "starttls":
        return FaultySMTP(handler=handler, tls_context=cert.server_context(),
                          require_starttls=True, **smtp)
    return FaultySMTP(handler=handler, ssl_context=cert.server_context(), **smtp)


def tls_settings(tmp_path: Path, server: FaultySMTP, security: str, ca: Cert | None,
                 **changes: Any) -> settings_mod.Settings:
    return make_settings(tmp_path, mail_backend="smtp", smtp_host="127.0.0.1",
                         smtp_port=server.port, smtp_security=security,
                         smtp_ca_file=str(ca.cert) if ca else "", **changes)


def assert_delivered(server: FaultySMTP, subs: list[Any], login: str | None) -> None:
    """Each subscriber got their edition once, over TLS, with the PDF intact."""
    handler = server.handler
    assert isinstance(handler, TlsHandler)
    assert handler.counts() == {s.email.lower(): 1 for s in subs}
    assert handler.sessions == [(True, login)] * len(subs)
    for message in handler.received:
        audience, lang = message["To"].addresses[0].addr_spec.split(".")[:2]
        stem = f"briefing-{MONTH}-{audience}-{lang}"
        [attachment] = list(message.iter_attachments())
        assert attachment.get_content() == pdf_bytes(stem)
        assert message["Content-Language"] == lang


def assert_no_socket_left_open(raised: pytest.ExceptionInfo[BaseException]) -> None:
    """The connection of a refused login is closed, not left to the garbage collector."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del raised
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_messages_go_over_verified_tls(tmp_path: Path, certs: dict[str, Cert],
                                       security: str) -> None:
    with tls_server(security, certs["good"]) as server:
        settings = tls_settings(tmp_path, server, security, certs["good"])
        editions = write_editions(Path(settings.out_dir))
        subs = add_subscribers(settings.database, 2)
        report = mail.deliver(editions, mail_options(settings))
        assert (report.sent, report.problems) == (12, ())
        assert_delivered(server, subs, login=None)
        assert mail.deliver(editions, mail_options(settings)).sent == 0


@pytest.mark.parametrize(("security", "mechanism"), [("starttls", "PLAIN"), ("tls", "LOGIN")])
def test_login_over_tls_without_the_password_in_any_log(
        tmp_path: Path, certs: dict[str, Cert], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture, security: str, mechanism: str) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    caplog.set_level(logging.DEBUG)
    other = "LOGIN" if mechanism == "PLAIN" else "PLAIN"
    with tls_server(security, certs["good"], auth=True, auth_exclude_mechanism=[other]) as server:
        settings = tls_settings(tmp_path, server, security, certs["good"], smtp_user=USER,
                                smtp_password_env=PASSWORD_ENV)
        editions = write_editions(Path(settings.out_dir))
        subs = add_subscribers(settings.database, 1)
        report = mail.deliver(editions, mail_options(settings))
        assert (report.sent, report.problems) == (6, ())
        assert_delivered(server, subs, login=USER)
        assert server.handler.logins == [(mechanism, USER, True)]  # type: ignore[attr-defined]
    assert caplog.records  # something was logged, and none of it is the password
    assert PASSWORD not in caplog.text


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_wrong_password_stops_the_run_with_one_line_and_sends_nothing(
        tmp_path: Path, certs: dict[str, Cert], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture, security: str) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "wrong-" + PASSWORD)
    caplog.set_level(logging.DEBUG)
    with tls_server(security, certs["good"], auth=True) as server:
        settings = tls_settings(tmp_path, server, security, certs["good"], smtp_user=USER,
                                smtp_password_env=PASSWORD_ENV)
        editions = write_editions(Path(settings.out_dir))
        subs = add_subscribers(settings.database, 1)
        with pytest.raises(MailError) as refused:
            mail.deliver(editions, mail_options(settings))
        message = str(refused.value)
        assert_no_socket_left_open(refused)
        assert f"127.0.0.1:{server.port}" in message and repr(USER) in message
        assert "535" in message and "\n" not in message
        assert PASSWORD not in message and PASSWORD not in caplog.text
        assert server.handler.received == []
        assert all(not ok for _, _, ok in server.handler.logins)  # type: ignore[attr-defined]
        assert ledger_statuses(settings) == {"pending": 6}  # nothing sent, all still owed

        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)  # fixed: the next run sends everything once
        assert mail.deliver(editions, mail_options(settings)).sent == 6
        assert_delivered(server, subs, login=USER)
        assert ledger_statuses(settings) == {"sent": 6}


@pytest.mark.hostile("smtp")
def test_send_command_reports_a_refused_login_in_one_line(
        tmp_path: Path, certs: dict[str, Cert], monkeypatch: pytest.MonkeyPatch) -> None:
    with tls_server("starttls", certs["good"], auth=True) as server:
        config = tmp_path / "briefing.toml"
        config.write_text(
            f'out_dir = "out"\ndatabase = "out/db.sqlite3"\nmail_backend = "smtp"\n'
            f'smtp_host = "127.0.0.1"\nsmtp_port = {server.port}\nsmtp_security = "starttls"\n'
            f'smtp_ca_file = "{certs["good"].cert}"\nsmtp_user = "{USER}"\n'
            f'smtp_password_env = "{PASSWORD_ENV}"\nsecret_env = "UNSET_SECRET"\n',
            encoding="utf-8")
        approval.approve(tmp_path / "out", MONTH, "test", write_editions(tmp_path / "out"))
        add_subscribers(tmp_path / "out" / "db.sqlite3", 1)
        monkeypatch.setenv(PASSWORD_ENV, "not-" + PASSWORD)
        result = CliRunner().invoke(main, ["-c", str(config), "send", "--month", MONTH])
        assert result.exit_code == 2, result.output
        [line] = result.stderr.splitlines()
        assert line.startswith(f"error: 127.0.0.1:{server.port}: login as 'mailer' refused")
        assert "not-" + PASSWORD not in result.output
        assert server.handler.received == []


@pytest.mark.hostile("smtp")
def test_server_without_starttls_is_refused_before_anything_is_sent(
        tmp_path: Path, certs: dict[str, Cert]) -> None:
    with FaultySMTP(handler=TlsHandler()) as server:  # plain SMTP only
        settings = tls_settings(tmp_path, server, "starttls", certs["good"])
        editions = write_editions(Path(settings.out_dir))
        add_subscribers(settings.database, 1)
        with pytest.raises(MailError, match=rf"127\.0\.0\.1:{server.port}: the server does not "
                                            r"offer STARTTLS"):
            mail.deliver(editions, mail_options(settings))
        assert server.handler.received == []
        assert ledger_statuses(settings) == {"pending": 6}


@pytest.mark.hostile("smtp")
def test_login_is_never_attempted_in_plain_text(tmp_path: Path, certs: dict[str, Cert],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    # The server offers STARTTLS (with AUTH only after it); the client is set to `none`.
    with tls_server("starttls", certs["good"], auth=True) as server:
        settings = tls_settings(tmp_path, server, "none", None, smtp_user=USER,
                                smtp_password_env=PASSWORD_ENV)
        editions = write_editions(Path(settings.out_dir))
        add_subscribers(settings.database, 1)
        with pytest.raises(MailError, match="offers no login .* before TLS: set smtp_security"):
            mail.deliver(editions, mail_options(settings))
        assert server.handler.logins == []  # type: ignore[attr-defined]
        assert server.handler.received == []


@pytest.mark.hostile("smtp")
@pytest.mark.parametrize("security", ["starttls", "tls"])
@pytest.mark.parametrize(("served", "trusted", "why"), [
    ("stranger", "good", "self-signed certificate"),  # signed by nobody the client trusts
    ("elsewhere", "elsewhere", "mismatch"),  # trusted, but for another host name
    ("good", None, "self-signed certificate"),  # the system's trust store does not know it
])
def test_certificate_that_fails_verification_is_a_clear_error(
        tmp_path: Path, certs: dict[str, Cert], security: str, served: str,
        trusted: str | None, why: str) -> None:
    with tls_server(security, certs[served]) as server:
        settings = tls_settings(tmp_path, server, security, certs[trusted] if trusted else None)
        editions = write_editions(Path(settings.out_dir))
        add_subscribers(settings.database, 1)
        with pytest.raises(MailError) as refused:
            mail.deliver(editions, mail_options(settings))
        message = str(refused.value)
        assert message.startswith(f"127.0.0.1:{server.port}: TLS certificate not trusted")
        assert why in message.lower() and "\n" not in message
        assert server.handler.received == []
        assert ledger_statuses(settings) == {"pending": 6}


@pytest.mark.hostile("smtp")
def test_tls_spoken_to_a_plain_port_is_a_configuration_error(
        tmp_path: Path, certs: dict[str, Cert]) -> None:
    with FaultySMTP() as server:
        settings = tls_settings(tmp_path, server, "tls", certs["good"], smtp_timeout=2.0)
        editions = write_editions(Path(settings.out_dir))
        add_subscribers(settings.database, 1)
        with pytest.raises(MailError, match=rf"127\.0\.0\.1:{server.port}: TLS failed"):
            mail.deliver(editions, mail_options(settings))
        assert server.handler.received == []


@pytest.mark.hostile("smtp")
def test_unreadable_ca_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pem"
    settings = make_settings(tmp_path, mail_backend="smtp", smtp_security="starttls",
                             smtp_ca_file=str(missing))
    with pytest.raises(MailError, match=rf"smtp_ca_file {missing}: cannot load"):
        mail.make_backend(mail_options(settings))
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(MailError, match="garbage.pem: cannot load"):
        mail.make_backend(mail_options(settings.replace(smtp_ca_file=str(garbage))))


def test_ca_file_setting_is_relative_to_the_configuration_file(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "briefing.toml"
    config.parent.mkdir()
    config.write_text('smtp_ca_file = "ca.pem"\n', encoding="utf-8")
    assert settings_mod.load(config, environ={}).smtp_ca_file == config.parent / "ca.pem"
    assert settings_mod.load(None, environ={}).smtp_ca_file == ""  # unset: the system's CAs


def test_login_without_tls_is_logged_as_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    handler = TlsHandler()  # offers AUTH in plain text, but its authenticator refuses it
    with FaultySMTP(handler=handler, authenticator=handler.authenticator,
                    auth_require_tls=False) as server:
        settings = tls_settings(tmp_path, server, "none", None, smtp_user=USER,
                                smtp_password_env=PASSWORD_ENV)
        editions = write_editions(Path(settings.out_dir))
        add_subscribers(settings.database, 1)
        with pytest.raises(MailError, match="login as 'mailer' refused"):
            mail.deliver(editions, mail_options(settings))
    assert "logging in as 'mailer' without TLS" in caplog.text
    assert PASSWORD not in caplog.text
    assert handler.received == []


@pytest.mark.hostile("smtp")
def test_password_is_never_sent_in_clear_text_to_a_remote_host() -> None:
    from briefing.delivery.transport import SmtpConfig, check_plain_login

    remote = SmtpConfig(host="mail.example.org", port=25, security="none", user="mailer", password="x")
    with pytest.raises(MailError, match="refusing to send the password for 'mailer' without TLS"):
        check_plain_login(remote)
    check_plain_login(SmtpConfig(host="127.0.0.1", port=25, user="mailer", password="x"))
    check_plain_login(SmtpConfig(host="mail.example.org", port=587, security="starttls", user="mailer"))
