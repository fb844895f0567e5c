"""Mail: rendered editions in, one message per subscriber per edition out.

In: `RenderedEdition` records (PDFs on disk) and `MailOptions` (the mail settings, a
typed record made once by `MailOptions.from_settings`).  Out: a `DeliveryReport` (counts and one
`Problem` per message that did not go).  Subscribers and the send ledger live in
`options.database`; messages leave through the backend named by `options.mail_backend`
(`file`: .eml files in `options.outbox`; `smtp`).

Each message is written in the subscriber's language (gettext catalogs in
`locales/*/LC_MESSAGES/briefing.po`), carries the PDF (or a link to it), a Message-ID
derived from edition and subscriber, and RFC 8058 one-click unsubscribe headers with an
HMAC-signed token.  The ledger row of a message is written before it is sent, so a run
that stops half-way resumes where it stopped and never sends anything twice.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import json
import logging
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any

import jinja2

from .. import i18n, writer
from ..errors import MailError
from ..models import AUDIENCES, LANGS, Problem, RenderedEdition, Subscriber, edition_file
from ..resources import templates_dir
from ..settings import Settings
from . import ledger
from . import subscribers as store
from .transport import (
    AmbiguousFailure,
    Backend,
    ConnectFailure,
    FileBackend,
    MessageRefused,
    Outgoing,
    PermanentFailure,
    SmtpBackend,
    SmtpConfig,
    TemporaryFailure,
    shared,
)

log = logging.getLogger(__name__)

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")

# The same refusal of a message (5xx after DATA, same code and status) for this many
# recipients in one run stops the run: the relay's limit or policy, not the subscribers,
# is the cause, and every further message would be refused the same way.  Three, not
# one: a single refusal can be about one message (a name the content filter dislikes).
REFUSALS_TO_STOP = 3


@dataclass(frozen=True)
class MailOptions:
    """What the mail stage reads from the settings (same names), typed once."""

    database: Path
    secret_env: str
    mail_backend: str
    outbox: Path
    mail_from: str
    base_url: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    smtp_user: str
    smtp_password_env: str
    smtp_ca_file: str
    smtp_timeout: float
    smtp_rate: float
    smtp_retries: int
    smtp_backoff: float

    @classmethod
    def from_settings(cls, settings: Settings) -> MailOptions:
        """The mail options of `settings`: the one place the mail stage meets them."""
        v = settings.values
        return cls(
            database=Path(v["database"]), secret_env=str(v["secret_env"]),
            mail_backend=str(v["mail_backend"]), outbox=Path(v["outbox"]),
            mail_from=str(v["mail_from"]), base_url=str(v["base_url"]),
            smtp_host=str(v["smtp_host"]), smtp_port=int(v["smtp_port"]),
            smtp_security=str(v["smtp_security"]), smtp_user=str(v["smtp_user"]),
            smtp_password_env=str(v["smtp_password_env"]), smtp_ca_file=str(v["smtp_ca_file"]),
            smtp_timeout=float(v["smtp_timeout"]), smtp_rate=float(v["smtp_rate"]),
            smtp_retries=int(v["smtp_retries"]), smtp_backoff=float(v["smtp_backoff"]))


@dataclass(frozen=True)
class DeliveryReport:
    """What a send run did.  `would_send` lists "edition -> address" on a dry run."""

    sent: int = 0
    skipped: int = 0  # already sent (or refused for good) by an earlier run
    failed: int = 0  # refused for good in this run (the address, or the message itself)
    deferred: int = 0  # temporary failures still owed after every retry: the next run sends
    unknown: int = 0  # maybe delivered: never resent automatically (see --retry-unknown)
    would_send: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not (self.failed or self.deferred or self.unknown or self.problems)


# -- language ---------------------------------------------------------------------------


@functools.cache
def jinja_env(lang: str) -> jinja2.Environment:
    """Return a Jinja2 environment for templates/mail with `lang`'s translations installed."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir() / "mail"),
        autoescape=jinja2.select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


# -- composing --------------------------------------------------------------------------


def edition_id(edition: RenderedEdition) -> str:
    return edition.stem


def _domain(options: MailOptions) -> str:
    return options.mail_from.rpartition("@")[2].strip(" >") or "localhost"


def message_id(edition: str, email_key: str, domain: str) -> str:
    """Return the Message-ID of one (edition, subscriber): the same on every run."""
    digest = hashlib.sha256(f"{edition}\0{email_key}".encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"  # short: a folded Message-ID trips some parsers


def public_url(options: MailOptions, path: str) -> str:
    """The address of `path` (no leading slash) under the public `base_url` of `briefing serve`."""
    return f"{options.base_url.rstrip('/')}/{path}"


def edition_link(options: MailOptions, edition: RenderedEdition) -> str:
    return public_url(options, f"editions/{edition.month}/{Path(edition.path).name}")


def unsubscribe_url(options: MailOptions, token: str) -> str:
    return public_url(options, f"unsubscribe/{token}")


def preferences_url(options: MailOptions, token: str) -> str:
    return public_url(options, f"preferences/{token}")


def compose(edition: RenderedEdition, subscriber: Subscriber, options: MailOptions, *,
            token: str, pdf: bytes | None, test: bool = False,
            preferences_token: str = "") -> Message:
    """Build one message: localised text and HTML, the PDF or a link, unsubscribe headers.

    Built with the email package's compat32 classes: the `EmailMessage` API parses every
    header it is given and made composing five times slower than sending (10,000
    messages in a run), and it folds a long mailto URI into an RFC 2047 word.
    """
    stem, key = edition_id(edition), subscriber.email.lower()
    _refuse_control(subscriber)
    # The title the localise stage wrote for the edition (carried by the render, or kept in
    # the render manifest); rebuilt only for a PDF that came with neither.
    subject = edition.title or i18n.edition_title(edition.lang, edition.month, edition.audience)
    link = edition_link(options, edition) if subscriber.delivery == "link" or pdf is None else ""
    context = {
        "lang": edition.lang, "name": subscriber.name, "subject": subject, "link": link,
        "month": i18n.month_label(edition.lang, edition.month), "filename": Path(edition.path).name,
        "unsubscribe_url": unsubscribe_url(options, token),
        # No token (a test send): no preferences link rather than one that cannot work.
        "preferences_url": preferences_url(options, preferences_token) if preferences_token else "",
    }
    seed = hashlib.sha256(f"{stem}\0{key}".encode()).hexdigest()[:24]
    msg = body = MIMEMultipart("alternative", boundary=f"=={seed}.alt==")
    env = jinja_env(edition.lang)
    body.attach(_text(env.get_template("message.txt").render(context), "plain"))
    body.attach(_text(env.get_template("message.html").render(context), "html"))
    if not link and pdf is not None:
        del body["MIME-Version"]  # only the top level carries it
        msg = MIMEMultipart("mixed", boundary=f"=={seed}.mix==")
        msg.attach(body)
        msg.attach(_attachment(Path(edition.path).name, pdf))
    _add_headers(msg, edition, subscriber, options, token=token,
                 subject=f"[TEST] {subject}" if test else subject, test=test)
    return msg


def _add_headers(msg: Message, edition: RenderedEdition, subscriber: Subscriber,
                 options: MailOptions, *, token: str, subject: str, test: bool) -> None:
    """Address, date, a Message-ID stable across runs (a test gets a fresh one) and the
    one-click unsubscribe headers (RFC 8058)."""
    msg["Subject"] = _subject(subject)  # type: ignore[assignment]  # compat32 takes a Header
    _address_headers(msg, subscriber, options)
    msg["Message-ID"] = (email.utils.make_msgid(domain=_domain(options)) if test else
                         message_id(edition_id(edition), subscriber.email.lower(), _domain(options)))
    mailto = f"mailto:{_bare_address(options)}?subject=unsubscribe%20{token}"
    msg["List-Unsubscribe"] = f"<{unsubscribe_url(options, token)}>, <{mailto}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Content-Language"] = edition.lang


def _refuse_control(subscriber: Subscriber) -> None:
    """Refuse an address or name that would inject a header line."""
    if _CONTROL_RE.search(subscriber.email + subscriber.name):
        raise MailError(f"{subscriber.email!r}: line break or control character in a header")


def _address_headers(msg: Message, subscriber: Subscriber, options: MailOptions) -> None:
    """From, To and Date: the same lines in a delivery and in a sign-up confirmation."""
    msg["From"] = _from_header(options.mail_from)
    msg["To"] = email.utils.formataddr((subscriber.name, subscriber.email), "utf-8")
    msg["Date"] = email.utils.format_datetime(store.now())


def send_confirmation(options: MailOptions, subscriber: Subscriber, url: str, hours: int) -> None:
    """Send the sign-up confirmation message (double opt-in) with its link; raise the
    backend's DeliveryFailure when it cannot go."""
    _refuse_control(subscriber)
    env = jinja_env(subscriber.lang)
    body = env.get_template("confirm.txt").render(
        name=subscriber.name, email=subscriber.email, confirm_url=url, hours=hours)
    msg = MIMEText(body, "plain", "utf-8")
    msg["Subject"] = _subject(i18n.tr(subscriber.lang, "Confirm your subscription to the briefing"))  # type: ignore[assignment]
    _address_headers(msg, subscriber, options)
    msg["Message-ID"] = email.utils.make_msgid(domain=_domain(options))
    msg["Content-Language"] = subscriber.lang
    backend = make_backend(options)
    try:
        backend.send(Outgoing("confirm", subscriber.email, backend.prepare(msg)), lambda: None)
    finally:
        backend.close()


def _text(text: str, subtype: str) -> MIMEText:
    part = MIMEText(text, subtype, "utf-8")
    del part["MIME-Version"]  # only the top level carries it
    return part


class _FoldedOnce(Header):
    """A Header that folds itself once per line ending, then reuses the result.

    Encoding a UTF-8 subject weighs every character twice (quoted-printable against
    base64); the subject is the same for every subscriber of an edition.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text, "utf-8", header_name="Subject")
        self._folded: dict[tuple[str, int | None, str], str] = {}

    def encode(self, splitchars: str = ";, \t", maxlinelen: int | None = None,
               linesep: str = "\n") -> str:
        key = (splitchars, maxlinelen, linesep)
        if key not in self._folded:
            self._folded[key] = super().encode(splitchars, maxlinelen, linesep)
        return self._folded[key]


@functools.lru_cache(maxsize=64)
def _subject(text: str) -> Header:
    return _FoldedOnce(text)


@functools.lru_cache(maxsize=16)
def _attachment(name: str, pdf: bytes) -> MIMEApplication:
    """The PDF part, encoded once per edition and shared by every message (never modified)."""
    part = MIMEApplication(pdf, "pdf")
    del part["MIME-Version"]  # only the top level carries it
    # Plain ASCII needs no RFC 2231 encoding at all, so every mail client shows it right.
    part.add_header("Content-Disposition", "attachment", filename=_ascii_filename(name))
    return shared(part)


@functools.lru_cache(maxsize=16)  # the same setting for every message of a run
def _from_header(mail_from: str) -> str:
    name, address = email.utils.parseaddr(mail_from)
    return email.utils.formataddr((name, address), "utf-8")


def _bare_address(options: MailOptions) -> str:
    return _address_of(options.mail_from)


@functools.lru_cache(maxsize=16)  # parsed once per run, not once per message
def _address_of(mail_from: str) -> str:
    return email.utils.parseaddr(mail_from)[1]


def _ascii_filename(name: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return safe if safe.lower().endswith(".pdf") else f"{safe}.pdf"


# -- finding editions -------------------------------------------------------------------


def find_editions(out_dir: Path, months: Sequence[str] = (), langs: Sequence[str] = LANGS,
                  audiences: Sequence[str] = AUDIENCES) -> list[RenderedEdition]:
    """Return the PDFs already rendered in out_dir/YYYY-MM/ (all months if none given)."""
    out_dir = Path(out_dir)
    if not months:
        months = sorted(p.name for p in out_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]")
                        if p.is_dir())
    found: list[RenderedEdition] = []
    titles = _manifest_titles(out_dir)
    for month in months:
        for audience in audiences:
            for lang in langs:
                path = out_dir / month / edition_file(month, audience, lang)
                if path.is_file():
                    title = titles.get(path.relative_to(out_dir).as_posix(), "")
                    found.append(RenderedEdition(month, audience, lang, str(path),  # type: ignore[arg-type]
                                                 title=title))
    return found


def _manifest_titles(out_dir: Path) -> dict[str, str]:
    """Each PDF's title as the render stage recorded it in its manifest (none: empty)."""
    try:
        data = json.loads((out_dir / "render-manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: entry["title"] for key, entry in data.items()
            if isinstance(entry, dict) and isinstance(entry.get("title"), str)}


# -- delivering -------------------------------------------------------------------------


def make_backend(options: MailOptions) -> Backend:
    """Return the backend named by the mail_backend setting."""
    if options.mail_backend == "file":
        writer.remove_stale(options.outbox)  # .eml files a killed run left half-written
        return FileBackend(options.outbox)
    if options.mail_backend == "smtp":
        password = ""
        if options.smtp_user:
            password = os.environ.get(options.smtp_password_env, "")
            if not password:
                raise MailError(f"smtp_user is set but ${options.smtp_password_env} is empty:"
                                " put the SMTP password in that environment variable")
        config = SmtpConfig(
            host=options.smtp_host, port=options.smtp_port,
            security=options.smtp_security, user=options.smtp_user, password=password,
            ca_file=options.smtp_ca_file,
            timeout=options.smtp_timeout, rate=options.smtp_rate,
        )
        return SmtpBackend(config, sender=_bare_address(options))
    raise MailError(f"mail_backend {options.mail_backend!r}: expected file or smtp")


@dataclass
class _Run:
    """Mutable tallies of one run (kept private; the result is a frozen DeliveryReport)."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0
    deferred: int = 0
    unknown: int = 0
    problems: list[Problem] = field(default_factory=list)
    refusals: Counter[tuple[int | None, str]] = field(default_factory=Counter)

    def report(self, **extra: Any) -> DeliveryReport:
        return DeliveryReport(self.sent, self.skipped, self.failed, self.deferred, self.unknown,
                              problems=tuple(self.problems), **extra)


@dataclass(frozen=True)
class _Job:
    edition: RenderedEdition
    stored: store.StoredSubscriber

    @property
    def key(self) -> str:
        return self.stored.subscriber.email.lower()


def deliver(editions: Sequence[RenderedEdition], options: MailOptions, *, dry_run: bool = False,
            test_to: str | None = None, retry_unknown: bool = False,
            backend: Backend | None = None,
            progress: Callable[[str], None] | None = None) -> DeliveryReport:
    """Send each edition to its active subscribers exactly once; return what happened."""
    editions = sorted(editions, key=edition_id)
    pdfs, problems = _read_pdfs(editions)
    editions = [e for e in editions if edition_id(e) in pdfs]
    conn = store.connect(options.database)
    try:
        key = store.signing_key(conn, options.secret_env)
        if test_to is not None:
            return _send_test(editions, pdfs, options, key, test_to, problems, backend)
        if dry_run:
            return _dry_run(conn, editions, problems)
        with ledger.run_lock(options.database):
            backend = backend or make_backend(options)
            try:
                run = _Run(problems=problems)
                _send_all(conn, backend, editions, pdfs, options, key, run, retry_unknown,
                          progress or (lambda message: None))
                return run.report()
            finally:
                backend.close()
    finally:
        conn.close()


def _read_pdfs(editions: Sequence[RenderedEdition]) -> tuple[dict[str, bytes], list[Problem]]:
    pdfs: dict[str, bytes] = {}
    problems: list[Problem] = []
    for edition in editions:
        try:
            pdfs[edition_id(edition)] = Path(edition.path).read_bytes()
        except OSError as exc:
            problems.append(Problem(edition.path, f"cannot read the PDF ({exc.strerror})"))
    return pdfs, problems


def _audience(conn: sqlite3.Connection, edition: RenderedEdition) -> list[store.StoredSubscriber]:
    return store.list_subscribers(conn, status="active", lang=edition.lang,
                                  audience=edition.audience)


def _dry_run(conn: sqlite3.Connection, editions: Sequence[RenderedEdition],
             problems: list[Problem]) -> DeliveryReport:
    would: list[str] = []
    skipped = 0
    for edition in editions:
        stem = edition_id(edition)
        known = ledger.statuses(conn, stem)
        for stored in _audience(conn, edition):
            status = known.get(stored.subscriber.email.lower())
            if status in (None, *ledger.OWED):
                would.append(f"{stem} -> {stored.subscriber.email}")
            else:
                skipped += 1
    return DeliveryReport(skipped=skipped, would_send=tuple(would), problems=tuple(problems),
                          dry_run=True)


def _send_test(editions: Sequence[RenderedEdition], pdfs: dict[str, bytes], options: MailOptions,
               key: bytes, test_to: str, problems: list[Problem],
               backend: Backend | None) -> DeliveryReport:
    """Send each edition once to `test_to`, with a [TEST] subject, leaving the ledger alone."""
    address = store.normalise_email(test_to)
    backend = backend or make_backend(options)
    run = _Run(problems=problems)
    try:
        for edition in editions:
            stem = edition_id(edition)
            who = Subscriber(address, "", edition.lang, edition.audience)
            msg = compose(edition, who, options, token="test", pdf=pdfs[stem], test=True)
            try:
                backend.send(Outgoing(stem, address, backend.prepare(msg), test=True),
                             lambda: None)
                run.sent += 1
            except (TemporaryFailure, PermanentFailure, MessageRefused, AmbiguousFailure) as exc:
                run.failed += 1
                run.problems.append(Problem(f"{stem} -> {address}", str(exc)))
    finally:
        backend.close()
    return run.report()


def _send_all(conn: sqlite3.Connection, backend: Backend, editions: Sequence[RenderedEdition],
              pdfs: dict[str, bytes], options: MailOptions, key: bytes, run: _Run,
              retry_unknown: bool, progress: Callable[[str], None]) -> None:
    ledger.recover(conn, idempotent=backend.idempotent)
    if retry_unknown:
        ledger.reopen_unknown(conn, [edition_id(e) for e in editions])
    queue = _plan(conn, editions, options, run)
    attempts = options.smtp_retries + 1
    for attempt in range(attempts):
        queue = _send_pass(conn, backend, queue, pdfs, options, key, run, progress)
        if not queue:
            return
        if attempt + 1 < attempts:
            pause = options.smtp_backoff * 2**attempt
            log.info("%d message(s) deferred: retrying in %.1f s", len(queue), pause)
            time.sleep(pause)
    for job in queue:
        ledger.mark(conn, edition_id(job.edition), job.key, "deferred",
                    error="temporary failure after every retry")
        run.deferred += 1
        run.problems.append(Problem(f"{edition_id(job.edition)} -> {job.stored.subscriber.email}",
                                    "temporary failure after every retry: the next run sends it"))


def _plan(conn: sqlite3.Connection, editions: Sequence[RenderedEdition], options: MailOptions,
          run: _Run) -> list[_Job]:
    """Write a pending ledger row for every message owed; return those still to send."""
    jobs = [_Job(e, s) for e in editions for s in _audience(conn, e)]
    domain = _domain(options)
    ledger.plan(conn, ((edition_id(j.edition), j.key, message_id(edition_id(j.edition), j.key,
                                                                   domain)) for j in jobs))
    known = {edition_id(e): ledger.statuses(conn, edition_id(e)) for e in editions}
    queue: list[_Job] = []
    for job in jobs:
        status = known[edition_id(job.edition)].get(job.key)
        if status in ledger.OWED:
            queue.append(job)
        elif status == "unknown":
            run.unknown += 1
            run.problems.append(Problem(
                f"{edition_id(job.edition)} -> {job.stored.subscriber.email}",
                "outcome unknown (connection lost after sending): not resent; check, then "
                "use --retry-unknown"))
        else:
            run.skipped += 1
    return queue


def _send_pass(conn: sqlite3.Connection, backend: Backend, queue: list[_Job],
               pdfs: dict[str, bytes], options: MailOptions, key: bytes, run: _Run,
               progress: Callable[[str], None]) -> list[_Job]:
    """Try every job once; return those that failed temporarily."""
    def prepare(job: _Job) -> Outgoing:
        sub = job.stored.subscriber
        pdf = pdfs[edition_id(job.edition)] if sub.delivery == "attachment" else None
        msg = compose(job.edition, sub, options, token=store.make_token(key, job.stored), pdf=pdf,
                      preferences_token=store.make_token(key, job.stored, "preferences"))
        return Outgoing(edition_id(job.edition), sub.email, backend.prepare(msg))

    retry: list[_Job] = []
    for index, job in enumerate(queue):
        if index % 100 == 0:
            progress(f"mail {index + 1}/{len(queue)}: {edition_id(job.edition)}")
        try:
            if not _send_one(conn, backend, job, prepare, run):
                retry.append(job)
        except ConnectFailure:
            retry.extend(queue[index:])  # the server is unreachable: keep the rest for later
            break
    return retry


def _send_one(conn: sqlite3.Connection, backend: Backend, job: _Job,
              prepare: Callable[[_Job], Outgoing], run: _Run) -> bool:
    """Send one message and record the outcome; return False on a temporary failure."""
    stem, sub = edition_id(job.edition), job.stored.subscriber
    item = f"{stem} -> {sub.email}"
    try:
        out = prepare(job)
    except MailError as exc:  # kept owed: fixing the record lets the next run send it
        ledger.mark(conn, stem, job.key, "deferred", error=str(exc), attempt=True)
        _problem(run, item, str(exc), "failed")
        return True
    try:
        backend.send(out, _marker(conn, stem, job.key))
    except ConnectFailure as exc:
        ledger.mark(conn, stem, job.key, "deferred", error=str(exc), attempt=True)
        log.warning("%s: %s", item, exc)
        raise
    except TemporaryFailure as exc:
        ledger.mark(conn, stem, job.key, "deferred", code=exc.code, error=str(exc), attempt=True)
        log.warning("%s: deferred: %s", item, exc)
        return False
    except PermanentFailure as exc:
        ledger.mark(conn, stem, job.key, "failed", code=exc.code, error=str(exc), attempt=True)
        store.set_status(conn, sub.email, "bounced", str(exc))
        _problem(run, item, f"refused for good, address suppressed: {exc}", "failed")
        return True
    except MessageRefused as exc:  # the message, not the address: the subscriber stays
        ledger.mark(conn, stem, job.key, "failed", code=exc.code, error=str(exc), attempt=True)
        _problem(run, item, f"message refused by the relay (address kept): {exc}", "failed")
        _stop_if_repeated(run, exc, job, out)
        return True
    except AmbiguousFailure as exc:
        ledger.mark(conn, stem, job.key, "unknown", code=exc.code, error=str(exc), attempt=True)
        _problem(run, item, f"outcome unknown, not resent: {exc}", "unknown")
        return True
    ledger.mark(conn, stem, job.key, "sent", code=250, attempt=True)
    run.sent += 1
    log.debug("%s: sent", item)
    return True


def _stop_if_repeated(run: _Run, exc: MessageRefused, job: _Job, out: Outgoing) -> None:
    """Stop the run when the relay gave the same refusal for REFUSALS_TO_STOP messages."""
    answer = (exc.code, exc.status or str(exc))
    run.refusals[answer] += 1
    if run.refusals[answer] < REFUSALS_TO_STOP:
        return
    raise MailError(f"the relay refused {REFUSALS_TO_STOP} messages with the same answer "
                    f"({exc}): {_refusal_advice(exc, job, out)}; stopped, the rest is still owed")


def _refusal_advice(exc: MessageRefused, job: _Job, out: Outgoing) -> str:
    """Say why a relay refuses messages, and what the operator can change."""
    pdf = Path(job.edition.path)
    if exc.code == 552 or exc.status in ("5.3.4", "5.2.3"):
        sizes = f"{pdf.name} is {_size(pdf.stat().st_size)} (the message {_size(len(out.data))})"
        if job.stored.subscriber.delivery == "link":
            return f"a size limit, even without attachment: the message is {_size(len(out.data))}"
        return (f"a size limit: {sizes}; raise the relay's limit, or send a link instead of "
                "the attachment (delivery = link: the delivery column of the subscribers CSV, "
                "or `briefing subscribers add ADDRESS --delivery link`)")
    if exc.code == 554 or exc.status.startswith(("5.7.", "5.6.")):
        return ("the relay's content policy; check a message with `briefing send --test-to "
                "ADDRESS` and the relay's logs")
    return "the relay's own reason, above"


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} KB"


def _marker(conn: sqlite3.Connection, stem: str, key: str) -> Callable[[], None]:
    return lambda: ledger.mark(conn, stem, key, "sending")


def _problem(run: _Run, item: str, reason: str, counter: str) -> None:
    setattr(run, counter, getattr(run, counter) + 1)
    run.problems.append(Problem(item, reason))
    log.warning("%s: %s", item, reason)
