"""Subscribers: a SQLite store of who gets which edition, and how.

In: e-mail addresses with a name, language, audience, delivery preference, consent
timestamp and source (one at a time from the CLI, or a CSV file).  Out: validated
`Subscriber` records, a CSV export, and signed unsubscribe tokens.

The same database holds the send ledger (see `briefing.ledger`) and a `meta` table
with the generated unsubscribe key when no key is given in the environment.
Addresses are unique regardless of case: `email_key` is the lower-cased address.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import hmac
import io
import logging
import os
import re
import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from . import system
from .errors import InputError, MailError
from .models import AUDIENCES, LANGS, Problem, Subscriber

log = logging.getLogger(__name__)

COLUMNS = ("email", "name", "language", "audience", "delivery", "consent_at", "source")
REQUIRED_COLUMNS = ("email", "language", "audience", "consent_at")
DELIVERIES = ("attachment", "link")
STATUSES = ("active", "unsubscribed", "bounced")

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscribers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL CHECK (language IN ('vi', 'fr', 'en')),
    audience TEXT NOT NULL CHECK (audience IN ('diaspora', 'business')),
    delivery TEXT NOT NULL DEFAULT 'attachment' CHECK (delivery IN ('attachment', 'link')),
    status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'unsubscribed', 'bounced')),
    consent_at TEXT,
    source TEXT,
    status_reason TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger (
    edition TEXT NOT NULL,
    email_key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('pending', 'sending', 'sent', 'deferred', 'failed', 'unknown')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_code INTEGER,
    last_error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (edition, email_key)
);
CREATE INDEX IF NOT EXISTS ledger_status ON ledger (status);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Pragmatic addr-spec: dot-atom local part, a domain of LDH labels with a dot.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL_RE = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True)
class StoredSubscriber:
    """A subscriber with the database id its unsubscribe token is bound to."""

    id: int
    subscriber: Subscriber


@dataclass(frozen=True)
class ImportReport:
    """What an import did: counts, and one problem per refused CSV line."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()


def now() -> dt.datetime:
    """Return "now" in UTC, from SOURCE_DATE_EPOCH when it is set (reproducible runs)."""
    return system.source_date() or dt.datetime.now(dt.UTC)


def now_iso() -> str:
    """Return `now()` as ISO 8601 to the second."""
    return now().replace(microsecond=0).isoformat()


# -- database ---------------------------------------------------------------------------


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the subscribers and ledger database."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30)
    except (OSError, sqlite3.Error) as exc:
        raise MailError(f"{path}: cannot open the subscriber database ({exc})") from exc
    try:
        conn.row_factory = sqlite3.Row
        # WAL lets `briefing serve` unsubscribe people while a send is running.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(SCHEMA)
    except sqlite3.DatabaseError as exc:
        conn.close()  # not left for the garbage collector (a ResourceWarning in tests)
        raise MailError(f"{path}: cannot open the subscriber database ({exc})") from exc
    return conn


def signing_key(conn: sqlite3.Connection, secret_env: str) -> bytes:
    """Return the unsubscribe HMAC key: from $secret_env, else one generated and stored once."""
    from_env = os.environ.get(secret_env, "")
    if from_env:
        return from_env.encode("utf-8")
    with conn:
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('unsubscribe_key', ?)",
            (secrets.token_hex(32),),
        )
    row = conn.execute("SELECT value FROM meta WHERE key = 'unsubscribe_key'").fetchone()
    return str(row["value"]).encode("ascii")


# -- validation -------------------------------------------------------------------------


def normalise_email(raw: str) -> str:
    """Return the address stripped of spaces, or raise InputError saying what is wrong."""
    if _CONTROL_RE.search(raw):
        raise InputError(f"{raw!r}: address contains a line break or control character")
    email = raw.strip()
    if not email:
        raise InputError("empty address")
    if not email.isascii():
        raise InputError(f"{email}: non-ASCII addresses are not supported")
    if len(email) > 254 or not _EMAIL_RE.fullmatch(email) or len(email.split("@")[0]) > 64:
        raise InputError(f"{email}: not a valid e-mail address")
    return email


def _clean_text(value: str, what: str, limit: int = 200) -> str:
    if _CONTROL_RE.search(value):
        raise InputError(f"{what} contains a line break or control character")
    value = value.strip()
    if len(value) > limit:
        raise InputError(f"{what} is longer than {limit} characters")
    return value


def _choice(value: str, what: str, allowed: Iterable[str]) -> str:
    value = value.strip().lower()
    allowed = tuple(allowed)
    if value not in allowed:
        raise InputError(f"unknown {what} {value!r} (expected one of: {', '.join(allowed)})")
    return value


def _timestamp(value: str) -> str:
    value = value.strip()
    if not value:
        raise InputError("consent_at is empty: record when the person agreed")
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"consent_at {value!r} is not an ISO 8601 date or time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def make_subscriber(fields: Mapping[str, str | None]) -> Subscriber:
    """Validate one row (CSV or CLI) into a Subscriber; raise InputError on the first fault."""
    def get(name: str, default: str = "") -> str:
        return fields.get(name) or default

    return Subscriber(
        email=normalise_email(get("email")),
        name=_clean_text(get("name"), "name"),
        lang=cast(Any, _choice(get("language"), "language", LANGS)),
        audience=cast(Any, _choice(get("audience"), "audience", AUDIENCES)),
        delivery=cast(Any, _choice(get("delivery", "attachment"), "delivery", DELIVERIES)),
        consent_at=_timestamp(get("consent_at")),
        source=_clean_text(get("source"), "source") or None,
    )


# -- store ------------------------------------------------------------------------------


def _row_to_subscriber(row: sqlite3.Row) -> Subscriber:
    return Subscriber(
        email=row["email"], name=row["name"], lang=row["language"], audience=row["audience"],
        delivery=row["delivery"], status=row["status"], consent_at=row["consent_at"],
        source=row["source"],
    )


def get(conn: sqlite3.Connection, email: str) -> StoredSubscriber | None:
    """Return the subscriber with this address (any case), or None."""
    row = conn.execute(
        "SELECT * FROM subscribers WHERE email_key = ?", (email.strip().lower(),)
    ).fetchone()
    return StoredSubscriber(row["id"], _row_to_subscriber(row)) if row else None


def add(conn: sqlite3.Connection, subscriber: Subscriber) -> None:
    """Insert a new subscriber; refuse an address already present in any case."""
    existing = get(conn, subscriber.email)
    if existing:
        raise InputError(
            f"{subscriber.email}: already in the list as {existing.subscriber.email}"
            f" ({existing.subscriber.status})"
        )
    with conn:
        _insert(conn, subscriber)


def _insert(conn: sqlite3.Connection, sub: Subscriber) -> None:
    conn.execute(
        "INSERT INTO subscribers (email, email_key, name, language, audience, delivery,"
        " consent_at, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sub.email, sub.email.lower(), sub.name, sub.lang, sub.audience, sub.delivery,
         sub.consent_at, sub.source, now_iso()),
    )


def _upsert(conn: sqlite3.Connection, sub: Subscriber) -> str:
    """Add or update one subscriber; never change the status (an unsubscribe stays)."""
    existing = get(conn, sub.email)
    if existing is None:
        _insert(conn, sub)
        return "added"
    old = existing.subscriber
    if (old.email, old.name, old.lang, old.audience, old.delivery) == (
        sub.email, sub.name, sub.lang, sub.audience, sub.delivery
    ):
        return "unchanged"
    conn.execute(
        "UPDATE subscribers SET email = ?, name = ?, language = ?, audience = ?, delivery = ?,"
        " updated_at = ? WHERE id = ?",
        (sub.email, sub.name, sub.lang, sub.audience, sub.delivery, now_iso(), existing.id),
    )
    return "updated"


def list_subscribers(
    conn: sqlite3.Connection, *, status: str | None = None, lang: str | None = None,
    audience: str | None = None,
) -> list[StoredSubscriber]:
    """Return subscribers sorted by address, optionally filtered."""
    clauses, params = [], []
    for column, value in (("status", status), ("language", lang), ("audience", audience)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(f"SELECT * FROM subscribers{where} ORDER BY email_key", params)
    return [StoredSubscriber(row["id"], _row_to_subscriber(row)) for row in rows]


def set_status(conn: sqlite3.Connection, email: str, status: str, reason: str) -> bool:
    """Set a subscriber's status (unsubscribed, bounced); return False if unknown."""
    with conn:
        cursor = conn.execute(
            "UPDATE subscribers SET status = ?, status_reason = ?, updated_at = ?"
            " WHERE email_key = ?",
            (status, reason, now_iso(), email.strip().lower()),
        )
    return cursor.rowcount > 0


def unsubscribe(conn: sqlite3.Connection, email: str, reason: str = "cli") -> None:
    """Mark an address unsubscribed (kept, so a later import cannot re-add it silently)."""
    if not set_status(conn, email, "unsubscribed", reason):
        raise InputError(f"{email}: not in the subscriber list")


def remove(conn: sqlite3.Connection, email: str) -> None:
    """Erase an address and its ledger rows (a request to be forgotten)."""
    key = email.strip().lower()
    with conn:
        cursor = conn.execute("DELETE FROM subscribers WHERE email_key = ?", (key,))
        conn.execute("DELETE FROM ledger WHERE email_key = ?", (key,))
    if cursor.rowcount == 0:
        raise InputError(f"{email}: not in the subscriber list")


# -- CSV --------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name}: not UTF-8 (line {line}, byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def _rows(text: str, name: str) -> Iterator[tuple[int, dict[str, str | None]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{name}: missing column(s) {', '.join(missing)} in the header line")
    reader.fieldnames = header
    line = 2
    try:
        for row in reader:
            yield line, {k: v for k, v in row.items() if isinstance(k, str)}
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{name}:{reader.line_num}: not readable as CSV ({exc})") from None


def import_csv(conn: sqlite3.Connection, path: Path) -> ImportReport:
    """Import a CSV file; report each bad line by number and import the good ones."""
    try:
        text = _decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    with conn:
        for line, fields in _rows(text, str(path)):
            if not any((v or "").strip() for v in fields.values()):
                continue  # a blank line is not an error
            try:
                sub = make_subscriber({**fields, "source": fields.get("source") or path.name})
            except InputError as exc:
                problems.append(Problem(f"{path}:{line}", str(exc)))
                continue
            key = sub.email.lower()
            if key in seen:
                reason = f"{sub.email}: duplicate of line {seen[key]}"
                problems.append(Problem(f"{path}:{line}", reason))
                continue
            seen[key] = line
            counts[_upsert(conn, sub)] += 1
    for problem in problems:
        log.warning("%s", problem)
    return ImportReport(**counts, problems=tuple(problems))


def export_csv(conn: sqlite3.Connection, out: io.TextIOBase | Any) -> int:
    """Write every subscriber as CSV (import columns plus status); return the count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*COLUMNS, "status"))
    rows = list_subscribers(conn)
    for stored in rows:
        s = stored.subscriber
        writer.writerow((s.email, s.name, s.lang, s.audience, s.delivery, s.consent_at or "",
                         s.source or "", s.status))
    return len(rows)


# -- unsubscribe tokens -----------------------------------------------------------------


def _signature(key: bytes, sub_id: int, email_key: str) -> str:
    digest = hmac.new(key, f"unsubscribe:{sub_id}:{email_key}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode("ascii")


def make_token(key: bytes, stored: StoredSubscriber) -> str:
    """Return the unsubscribe token for a stored subscriber: `<id>.<HMAC>`."""
    return f"{stored.id}.{_signature(key, stored.id, stored.subscriber.email.lower())}"


def check_token(conn: sqlite3.Connection, key: bytes, token: str) -> StoredSubscriber | None:
    """Return the subscriber a token was made for, or None if it is forged or altered."""
    sub_id, _, signature = token.partition(".")
    if not sub_id.isdigit() or len(sub_id) > 18 or not signature:
        return None
    row = conn.execute("SELECT * FROM subscribers WHERE id = ?", (int(sub_id),)).fetchone()
    if row is None:
        return None
    expected = _signature(key, row["id"], row["email_key"])
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        return None
    return StoredSubscriber(row["id"], _row_to_subscriber(row))
