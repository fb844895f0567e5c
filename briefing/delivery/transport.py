"""Mail backends: hand one composed message to the outside world.

In: an `Outgoing` message (edition id, recipient, the message bytes made by the
backend's own `prepare`).  Out: nothing on
success; otherwise one of four exceptions that say what the ledger must record:
`TemporaryFailure` (4xx, or the connection dropped before the server could accept the
message: retry later), `PermanentFailure` (5xx to RCPT TO, or a 5.1.x status: this
address is bad, suppress it), `MessageRefused` (5xx after DATA: the relay refused this
message, for its size or content, which says nothing about the address),
`AmbiguousFailure` (the body was sent but no clear answer came back: the server may have
accepted it, so never resend automatically).

`FileBackend` writes `.eml` files (repeating a delivery rewrites the same file, so it is
idempotent); `SmtpBackend` keeps one SMTP connection open for many messages.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.generator import BytesGenerator
from email.message import Message
from email.policy import Compat32, compat32
from hashlib import sha256
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..errors import MailError
from ..writer import write_bytes

log = logging.getLogger(__name__)

SECURITY = ("none", "starttls", "tls")


@dataclass(frozen=True)
class Outgoing:
    """One message ready to go: which edition, to whom, and its bytes (from `prepare`)."""

    edition: str  # the edition stem, briefing-YYYY-MM-<audience>-<lang>
    recipient: str
    data: bytes
    test: bool = False


class DeliveryFailure(Exception):
    """A message was not (or maybe not) delivered; `code` is the SMTP reply code if any."""

    def __init__(self, reason: str, code: int | None = None) -> None:
        super().__init__(reason)
        self.code = code


class TemporaryFailure(DeliveryFailure):
    """Try again later: the server did not take the message."""


class ConnectFailure(TemporaryFailure):
    """The server cannot be reached at all (nothing else can be sent now)."""


class PermanentFailure(DeliveryFailure):
    """The server refused this recipient for good (5xx to RCPT TO, or a 5.1.x status)."""


class MessageRefused(DeliveryFailure):
    """The server refused this message after reading it (5xx after DATA): its size or
    content, not the address.  `status` is the enhanced status code (RFC 3463) if any."""

    def __init__(self, reason: str, code: int | None = None, status: str = "") -> None:
        super().__init__(reason, code)
        self.status = status


class AmbiguousFailure(DeliveryFailure):
    """The body went out but the answer was lost: the message may have been delivered."""


class Backend(Protocol):
    idempotent: bool

    def prepare(self, message: Message) -> bytes: ...

    def send(self, out: Outgoing, on_data: Callable[[], None]) -> None: ...

    def close(self) -> None: ...


class FileBackend:
    """Write each message as `<outbox>/<edition>/<address>.eml` (the default backend)."""

    idempotent = True

    def __init__(self, outbox: Path) -> None:
        self.outbox = Path(outbox)

    def path_for(self, out: Outgoing) -> Path:
        safe = re.sub(r"[^a-z0-9@._+-]", "_", out.recipient.lower())
        if safe != out.recipient.lower():  # keep two odd addresses from sharing a file
            safe += "-" + sha256(out.recipient.lower().encode()).hexdigest()[:8]
        folder = f"test-{out.edition}" if out.test else out.edition
        return self.outbox / folder / f"{safe}.eml"

    def prepare(self, message: Message) -> bytes:
        return flatten(message, "\n")

    def send(self, out: Outgoing, on_data: Callable[[], None]) -> None:
        on_data()
        try:
            write_bytes(self.path_for(out), out.data)
        except OSError as exc:
            raise TemporaryFailure(f"cannot write to the outbox ({exc.strerror})") from exc

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str = "none"  # none, starttls, tls
    user: str = ""
    password: str = ""
    ca_file: str = ""  # PEM CA(s) trusted for the server's certificate; "": the system's
    timeout: float = 30.0
    rate: float = 0.0  # messages per second at most; 0: no limit
    reuse: bool = True  # one connection for many messages (False only for benchmarks)

    def __repr__(self) -> str:  # never show the password in a log line or traceback
        return f"SmtpConfig(host={self.host!r}, port={self.port}, security={self.security!r})"


def check_plain_login(config: SmtpConfig) -> None:
    """Refuse to send a password in clear text to anything but a relay on this machine."""
    loopback = config.host in ("localhost", "::1") or config.host.startswith("127.")
    if config.user and config.security == "none" and not loopback:
        raise MailError(f"{config.host}:{config.port}: refusing to send the password for "
                        f"{config.user!r} without TLS; set smtp_security to starttls or tls")


def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """Return a client TLS context that verifies the server: with `ca_file`'s CAs, else the system's."""
    try:
        return ssl.create_default_context(cafile=ca_file or None)
    except (OSError, ssl.SSLError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise MailError(f"smtp_ca_file {ca_file}: cannot load the CA certificates ({reason})") from None


def _connect_error(exc: Exception, where: str, user: str) -> Exception:
    """Say what a failed connection means: a configuration error (MailError) or try later."""
    if isinstance(exc, MailError | ConnectFailure):
        return exc
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        reply = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        return MailError(f"{where}: login as {user!r} refused ({exc.smtp_code} "
                         f"{' '.join(reply.split())})")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError(f"{where}: TLS certificate not trusted ({exc.verify_message}); "
                         "check smtp_host, or name the CA in smtp_ca_file")
    if isinstance(exc, ssl.SSLEOFError | ssl.SSLZeroReturnError | ssl.SSLSyscallError):
        return ConnectFailure(f"{where}: connection closed during the TLS handshake ({exc})")
    if isinstance(exc, ssl.SSLError):  # e.g. TLS spoken to a plain port: configuration
        return MailError(f"{where}: TLS failed ({exc.reason or exc}); check smtp_security and smtp_port")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailError(f"{where}: {' '.join(str(exc).split())}")
    if isinstance(exc, OSError | smtplib.SMTPException):
        return ConnectFailure(f"{where}: cannot connect ({exc})")
    return exc


_ENHANCED_RE = re.compile(rb"\s*([245]\.\d{1,3}\.\d{1,3})\b")


def enhanced_status(reply: bytes) -> str:
    """Return the RFC 3463 status that starts a reply's text ("5.3.4"), or ""."""
    found = _ENHANCED_RE.match(reply)
    return found.group(1).decode("ascii") if found else ""


_Part = TypeVar("_Part", bound=Message)
# The attribute of a part marked by `shared`: its flattened bytes per line ending.
_FLATTENED = "_briefing_flattened"


def shared(part: _Part) -> _Part:
    """Mark `part` as the same, unchanged, in many messages: it is flattened only once.

    The PDF part of an edition goes into thousands of messages; folding its headers and
    turning its 90 KB of base64 into bytes again for each one cost a quarter of the
    sender's time.  A marked part must never be modified afterwards.
    """
    setattr(part, _FLATTENED, {})
    return part


class _Generator(BytesGenerator):
    """A BytesGenerator that writes a PDF's base64 body in one piece, and a `shared`
    part's bytes from the first time it was written.

    The stock generator writes a 60 KB attachment as 800 separate lines: over a run of
    10,000 messages that was most of the sender's time.  `_handle_<type>_<subtype>` is
    the generator's own dispatch hook for one content type.
    """

    def flatten(self, msg: Message, unixfrom: bool = False, linesep: str | None = None) -> None:
        cache: dict[tuple[str, int | None], bytes] | None = getattr(msg, _FLATTENED, None)
        if cache is None or unixfrom:
            super().flatten(msg, unixfrom, linesep)
            return
        policy = self.policy or msg.policy
        key = (linesep or policy.linesep, policy.max_line_length)
        if key not in cache:
            buffer = io.BytesIO()
            twin = self.clone(buffer)  # type: ignore[arg-type]  # typeshed: str buffers only
            BytesGenerator.flatten(twin, msg, False, linesep)
            cache[key] = buffer.getvalue()
        self._fp.write(cache[key])  # type: ignore[attr-defined]

    def _handle_application_pdf(self, msg: Message) -> None:
        payload = msg.get_payload()
        if not isinstance(payload, str) or not payload.isascii():
            self._handle_text(msg)  # type: ignore[attr-defined]
            return
        self.write(payload.replace("\n", self._NL))  # type: ignore[attr-defined]


class _RepeatedHeaders(Compat32):
    """compat32, remembering how it folded a header line.

    compat32 builds and encodes a `Header` object for every header of every message;
    most of them (MIME-Version, the text parts' Content-Type, From, the subject...) are
    the same line in all 10,000 messages of a run.  Folding is a pure function of the
    line and the policy's settings, so the bytes are those compat32 gives.
    """

    def fold_binary(self, name: str, value: Any) -> bytes:
        if not isinstance(value, str):  # a Header object folds itself (see mail._subject)
            return super().fold_binary(name, value)
        return _folded(name, value, self.linesep, self.max_line_length, self.cte_type)


@functools.lru_cache(maxsize=512)
def _folded(name: str, value: str, linesep: str, max_line_length: int | None,
            cte_type: str) -> bytes:
    policy = compat32.clone(linesep=linesep, max_line_length=max_line_length, cte_type=cte_type)
    return policy.fold_binary(name, value)


_REPEATED = _RepeatedHeaders()


def flatten(message: Message, linesep: str) -> bytes:
    """Return the message as bytes with the given line ends."""
    # Only the default policy is swapped for its remembering twin; any other is kept.
    policy = _REPEATED if message.policy is compat32 else message.policy
    buffer = io.BytesIO()
    _Generator(buffer, mangle_from_=False, policy=policy.clone(linesep=linesep)).flatten(message)
    return buffer.getvalue()


def _dot_stuff(data: bytes) -> bytes:
    """Double each line-leading dot and add the final dot line (RFC 5321 4.5.2).

    `data` has CRLF line ends throughout (see `flatten`), so a plain replace does what
    smtplib's multi-line regex does, ten times faster on a 90 KB message.
    """
    if data.startswith(b"."):
        data = b"." + data
    data = data.replace(b"\r\n.", b"\r\n..")
    return data + (b"" if data.endswith(b"\r\n") else b"\r\n") + b".\r\n"


class SmtpBackend:
    """Send through one SMTP connection, reopened only when it breaks."""

    idempotent = False

    def __init__(self, config: SmtpConfig, sender: str) -> None:
        if config.security not in SECURITY:
            raise MailError(f"smtp_security {config.security!r}: expected one of {SECURITY}")
        self.config = config
        self.sender = sender
        # Loading the CA bundle takes ~20 ms: once per run, and only when TLS is used.
        self._tls = tls_context(config.ca_file) if config.security != "none" else None
        self._hostname = socket.getfqdn()  # the EHLO name; smtplib would look it up each time
        self._conn: smtplib.SMTP | None = None
        self._last = 0.0

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        where = f"{cfg.host}:{cfg.port}"
        conn: smtplib.SMTP | None = None
        try:
            if cfg.security == "tls":
                conn = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, self._hostname, timeout=cfg.timeout, context=self._tls)
            else:
                conn = smtplib.SMTP(cfg.host, cfg.port, self._hostname, timeout=cfg.timeout)
            self._greet(conn)
            return conn
        except Exception as exc:
            if conn is not None:
                conn.close()  # a refused login or TLS must not leave the socket open
            raise _connect_error(exc, where, cfg.user) from None

    def _greet(self, conn: smtplib.SMTP) -> None:
        """EHLO, then STARTTLS and EHLO again if configured, then the login if any."""
        conn.ehlo()
        if self.config.security == "starttls":
            if not conn.has_extn("starttls"):  # never fall back to plain text
                raise MailError(f"{self.config.host}:{self.config.port}: the server does not "
                                "offer STARTTLS (smtp_security = starttls)")
            conn.starttls(context=self._tls)
            conn.ehlo()
        if self.config.user:
            if self._tls is None:
                check_plain_login(self.config)
                log.warning("%s:%s: logging in as %r without TLS (smtp_security = none)",
                            self.config.host, self.config.port, self.config.user)
            if not conn.has_extn("auth"):
                raise MailError(f"{self.config.host}:{self.config.port}: the server offers no "
                                f"login (AUTH) for {self.config.user!r}"
                                + (" before TLS: set smtp_security" if self._tls is None else ""))
            conn.login(self.config.user, self.config.password)

    def _throttle(self) -> None:
        if self.config.rate > 0:
            wait = self._last + 1.0 / self.config.rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last = time.monotonic()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except OSError:
                pass

    def prepare(self, message: Message) -> bytes:
        """Return the DATA payload: CRLF line ends, dot-stuffed, with the final dot."""
        return _dot_stuff(flatten(message, "\r\n"))

    def send(self, out: Outgoing, on_data: Callable[[], None]) -> None:
        """Send one message; the ledger is told (on_data) just before the body goes out."""
        self._throttle()
        if self._conn is None:
            self._conn = self._connect()
        try:
            self._envelope(self._conn, out.recipient)
            on_data()
            self._conn.send(out.data)
        except DeliveryFailure:
            raise
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            reason = f"connection lost before the message was accepted ({exc})"
            raise TemporaryFailure(reason) from None
        self._finish(out)

    def _envelope(self, conn: smtplib.SMTP, recipient: str) -> None:
        """MAIL, RCPT, DATA: every refusal here means nothing was delivered."""
        code, reply = conn.mail(self.sender)
        if code != 250:
            self._refused(conn, code, reply, f"sender {self.sender}")
        code, reply = conn.rcpt(recipient)
        if code not in (250, 251):
            self._refused(conn, code, reply, f"recipient {recipient}", recipient_fault=True)
        code, reply = conn.docmd("DATA")
        if code != 354:
            self._refused(conn, code, reply, "DATA")

    def _refused(self, conn: smtplib.SMTP, code: int, reply: bytes, what: str,
                 recipient_fault: bool = False) -> None:
        text = f"{code} {reply.decode('utf-8', 'replace')} ({what})"
        if 400 <= code < 500 or code < 0:
            self._reset(conn)
            raise TemporaryFailure(text, code)
        self._reset(conn)
        if recipient_fault:
            raise PermanentFailure(text, code)
        # A refused sender or DATA is the server's or our configuration's problem,
        # not the subscriber's: stop the run rather than suppress everyone.
        raise MailError(f"{self.config.host}:{self.config.port} refused the message: {text}")

    def _reset(self, conn: smtplib.SMTP) -> None:
        try:
            conn.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def _finish(self, out: Outgoing) -> None:
        assert self._conn is not None
        try:
            code, reply = self._conn.getreply()
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise AmbiguousFailure(f"connection lost after the message was sent ({exc})") from None
        text = f"{code} {' '.join(reply.decode('utf-8', 'replace').split())}"
        if not self.config.reuse:
            self.close()
        if code == 250:
            return
        if 400 <= code < 500:
            raise TemporaryFailure(text, code)
        if 500 <= code < 600:
            status = enhanced_status(reply)
            if status.startswith("5.1."):  # bad destination mailbox: the address after all
                raise PermanentFailure(text, code)
            raise MessageRefused(text, code, status)
        self._drop()  # garbage: the server's state is unknown
        raise AmbiguousFailure(f"unreadable answer after the message was sent: {text}", code)

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()
