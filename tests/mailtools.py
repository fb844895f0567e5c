"""Real parts for the mail tests: small PDFs, a subscriber database, an SMTP server.

`FaultySMTP` is a real aiosmtpd server on 127.0.0.1 whose handler can be told to answer
a given recipient with a temporary or permanent error, garbage, or a dropped connection,
or to SIGKILL the sending process when a message arrives.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import functools
import os
import signal
import socket
import ssl
import threading
from collections import Counter, defaultdict
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from briefing import settings as settings_mod
from briefing.delivery import subscribers as store
from briefing.delivery.mail import MailOptions
from briefing.models import AUDIENCES, LANGS, RenderedEdition, Subscriber

MONTH = "2025-03"
SECRET_ENV = "BRIEFING_TEST_SECRET_NOT_SET"


def mail_options(settings: settings_mod.Settings) -> MailOptions:
    """The mail stage's options of these settings (what `send` hands it)."""
    return MailOptions.from_settings(settings)


@functools.cache
def pdf_bytes(stem: str) -> bytes:
    """A small real PDF, different for every edition (rendered once per test session)."""
    from weasyprint import HTML

    html = f"<html lang='en'><title>{stem}</title><h1>{stem}</h1><p>Đinh Toàn Thắng</p></html>"
    return HTML(string=html).write_pdf()


def write_editions(out_dir: Path, month: str = MONTH) -> list[RenderedEdition]:
    """Write the six PDFs of a month where `briefing send` looks for them."""
    editions = []
    for audience in AUDIENCES:
        for lang in LANGS:
            stem = f"briefing-{month}-{audience}-{lang}"
            path = out_dir / month / f"{stem}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf_bytes(stem))
            editions.append(RenderedEdition(month, audience, lang, str(path)))
    return editions


def make_settings(tmp: Path, **changes: Any) -> settings_mod.Settings:
    values: dict[str, Any] = {
        "out_dir": str(tmp / "out"), "database": str(tmp / "out" / "db.sqlite3"),
        "outbox": str(tmp / "out" / "outbox"), "secret_env": SECRET_ENV,
        "smtp_backoff": 0.01, "smtp_retries": 2, "smtp_timeout": 5.0,
    }
    return settings_mod.load(None, {**values, **changes}, environ={})


def add_subscribers(database: Path | str, count_per_edition: int = 2,
                    delivery: str = "attachment") -> list[Subscriber]:
    """Add `count_per_edition` subscribers for each (audience, language)."""
    conn = store.connect(database)
    added = []
    try:
        for audience in AUDIENCES:
            for lang in LANGS:
                for n in range(count_per_edition):
                    sub = store.make_subscriber({
                        "email": f"{audience}.{lang}.{n}@example.org", "name": f"Reader {n}",
                        "language": lang, "audience": audience, "delivery": delivery,
                        "consent_at": "2026-01-01T00:00:00Z"})
                    store.add(conn, sub)
                    added.append(sub)
    finally:
        conn.close()
    return added


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FaultHandler:
    """aiosmtpd handler: stores messages; `faults[address]` lists answers to give first.

    A fault is (phase, answer) with phase "rcpt" or "data"; answer is an SMTP reply line,
    "garbage", "drop" (close the connection without a reply), or "kill" (SIGKILL
    `kill_pid`; at "data" the message is stored first, as a server that accepted it would).
    """

    def __init__(self) -> None:
        self.received: list[EmailMessage] = []
        self.faults: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.connections = 0
        self.kill_pid: int | None = None
        self.lock = threading.Lock()

    def _fault(self, address: str, phase: str) -> str | None:
        with self.lock:
            pending = self.faults.get(address.lower())
            if pending and pending[0][0] == phase:
                return pending.pop(0)[1]
        return None

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: Any) -> str:
        answer = self._fault(address, "rcpt")
        if answer == "kill":
            os.kill(self.kill_pid or 0, signal.SIGKILL)
            await asyncio.sleep(0.2)
            return "451 4.3.0 sender gone"
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = self._fault(envelope.rcpt_tos[0], "data")
        if answer and answer[0].isdigit():
            return answer
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(message)  # type: ignore[arg-type]
        if answer == "kill":
            os.kill(self.kill_pid or 0, signal.SIGKILL)
            await asyncio.sleep(0.2)
        if answer == "drop":
            server.transport.close()
        if answer == "garbage":
            return "hello there, this is not SMTP"
        return "250 2.0.0 queued"

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(str(m["To"].addresses[0].addr_spec).lower() for m in self.received)


class FaultySMTP:
    """Start and stop a real aiosmtpd server on 127.0.0.1 (use as a context manager).

    `ssl_context` makes it speak implicit TLS; other keywords go to aiosmtpd's `SMTP`
    (`tls_context`, `require_starttls`, `authenticator`, `auth_required`...).
    """

    def __init__(self, port: int | None = None, handler: FaultHandler | None = None,
                 ssl_context: ssl.SSLContext | None = None, **smtp: Any) -> None:
        self.handler = handler or FaultHandler()
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                     ssl_context=ssl_context, **smtp)

    def __enter__(self) -> FaultySMTP:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def ledger_statuses(settings: settings_mod.Settings) -> dict[str, int]:
    """Count of ledger rows per status (pending, sent, bounced, unknown...)."""
    conn = store.connect(settings.database)
    try:
        rows = conn.execute("SELECT status, COUNT(*) AS n FROM ledger GROUP BY status")
        return {row["status"]: row["n"] for row in rows}
    finally:
        conn.close()
