"""Subscribers: a SQLite store of who gets which edition, and how.

In: e-mail addresses with a name, language, audience, delivery preference, consent
timestamp and source (one at a time from the CLI, or a CSV file).  Out: validated
`Subscriber` records, an `ImportReport` that accounts for every line of an imported file,
a CSV export safe to open in a spreadsheet, the history of status and preference changes
(exported and imported as a second CSV), and signed
unsubscribe tokens.

The same database holds the send ledger (see `briefing.delivery.ledger`) and a `meta` table
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

from .. import dbfile, system
from ..errors import InputError, MailError
from ..models import AUDIENCES, LANGS, Problem, Subscriber

log = logging.getLogger(__name__)

COLUMNS = ("email", "name", "language", "audience", "delivery", "consent_at", "source")
REQUIRED_COLUMNS = ("email", "language", "audience", "consent_at")
DELIVERIES = ("attachment", "link")
STATUSES = ("active", "unsubscribed", "bounced")

# Characters refused in names and sources (addresses are ASCII-only anyway), as ranges with
# the reason.  A line break in a header field starts a new header (Bcc injection); the
# others are invisible or reorder the text around them (the "Trojan Source" trick), so a
# name could read one way in a greeting or a listing and hold something else.  Zero-width
# (non-)joiners U+200C/U+200D stay allowed: some scripts need them inside names.
UNSAFE_CHARACTERS: tuple[tuple[str, str, str], ...] = (
    ("\x00", "\x1f", "a line break or control character"),
    ("\x7f", "\x9f", "a control character (U+0085 is a line break to some readers)"),
    ("\u200b", "\u200b", "an invisible zero-width space"),
    ("\u200e", "\u200f", "an invisible direction mark"),
    ("\u2028", "\u2029", "a line break"),
    ("\u202a", "\u202e", "a bidirectional embedding or override"),
    ("\u2060", "\u2064", "an invisible word joiner or operator"),
    ("\u2066", "\u2069", "a bidirectional isolate"),
    ("\ufeff", "\ufeff", "an invisible zero-width no-break space"),
)
_UNSAFE_RE = re.compile("[" + "".join(f"{a}-{b}" for a, b, _ in UNSAFE_CHARACTERS) + "]")

# OWASP's CSV-injection rule: a spreadsheet treats a cell starting with one of these as a
# formula, so the export prefixes such a cell with a single quote (and the import drops it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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
CREATE TABLE IF NOT EXISTS status_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email_key TEXT NOT NULL,
    old_status TEXT,
    new_status TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_history_email ON status_history (email_key);
CREATE TABLE IF NOT EXISTS signup_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    audience TEXT NOT NULL,
    delivery TEXT NOT NULL,
    client TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    confirmed_at TEXT
);
CREATE INDEX IF NOT EXISTS signup_requests_email ON signup_requests (email_key, requested_at);
CREATE INDEX IF NOT EXISTS signup_requests_client ON signup_requests (client, requested_at);
CREATE TABLE IF NOT EXISTS signing_keys (
    fingerprint TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    first_used TEXT NOT NULL
);
"""

# Pragmatic addr-spec: dot-atom local part, a domain of LDH labels with a dot.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL_RE = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}")
# An unsubscribe token: the subscriber id (ASCII digits, no leading zero, at most 18) and
# the first 18 bytes of the HMAC in unpadded base64url (24 characters).
_TOKEN_RE = re.compile(r"([1-9][0-9]{0,17})\.([A-Za-z0-9_-]{24})")


@dataclass(frozen=True)
class StoredSubscriber:
    """A subscriber with the database id its unsubscribe token is bound to."""

    id: int
    subscriber: Subscriber


@dataclass(frozen=True)
class ImportReport:
    """What an import did with each physical line of the file, and why a line was refused.

    `header_lines + blank + added + updated + unchanged + refused_lines == lines`: an
    accepted record is one line; a refused one may cover several (an open quote).
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()
    lines: int = 0
    header_lines: int = 0
    blank: int = 0
    refused_lines: int = 0
    reactivated: int = 0  # among `updated`: suppressions undone by `reactivate=True`
    ignored_columns: tuple[str, ...] = ()  # header names the import does not know

    def summary(self, name: str) -> str:
        """One line that adds up to the file's line count (and names any column ignored)."""
        text = (f"{name}: {self.lines} lines = {self.header_lines} header + {self.blank} blank"
                f" + {self.added} added + {self.updated} updated + {self.unchanged} unchanged"
                f" + {self.refused_lines} refused")
        text += f" ({self.reactivated} reactivated)" if self.reactivated else ""
        return text + (f"; column(s) ignored: {', '.join(self.ignored_columns)}"
                       if self.ignored_columns else "")


@dataclass(frozen=True)
class StatusChange:
    """One change of a subscriber's status, kept when the status changes again."""

    old_status: str | None  # None: the record was created with `new_status`
    new_status: str
    reason: str
    changed_at: str


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
        conn = dbfile.connect(path, timeout=30)  # created readable by its owner only
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
    """Return the unsubscribe HMAC key: from $secret_env, else one generated and stored once.

    The key is kept in the database's list of signing keys, so a token it signs stays
    valid after the key changes (`accepted_keys`).  Where the key came from, and a key
    that differs from the earlier ones, is said once per process.
    """
    from_env = os.environ.get(secret_env, "")
    if from_env:
        key = from_env.encode("utf-8")
    else:
        with conn:
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('unsubscribe_key', ?)",
                (secrets.token_hex(32),),
            )
        row = conn.execute("SELECT value FROM meta WHERE key = 'unsubscribe_key'").fetchone()
        key = str(row["value"]).encode("ascii")
        _say_once(f"${secret_env} is not set: unsubscribe links are signed with the key "
                  f"stored in {_database_file(conn)} (generated once; keep that file private)")
    earlier = [k for k in accepted_keys(conn, key) if k != key]
    if from_env and earlier and not _recorded(conn, key):
        _say_once(f"${secret_env} holds a new unsubscribe key: links signed by the "
                  f"{len(earlier)} earlier key(s) stay valid (kept in {_database_file(conn)})")
    with conn:
        conn.execute("INSERT OR IGNORE INTO signing_keys (fingerprint, key, first_used)"
                     " VALUES (?, ?, ?)", (_fingerprint(key), key.decode("utf-8"), now_iso()))
    return key


def accepted_keys(conn: sqlite3.Connection, current: bytes) -> tuple[bytes, ...]:
    """Return `current`, then every earlier key that may have signed a mailed link."""
    rows = conn.execute("SELECT key FROM signing_keys ORDER BY first_used, fingerprint")
    stored = [str(row["key"]).encode("utf-8") for row in rows]
    # The generated key signed links before keys were listed (and whenever no key is set).
    meta = conn.execute("SELECT value FROM meta WHERE key = 'unsubscribe_key'").fetchone()
    if meta:
        stored.append(str(meta["value"]).encode("ascii"))
    return tuple(dict.fromkeys([current, *stored]))


def _recorded(conn: sqlite3.Connection, key: bytes) -> bool:
    return conn.execute("SELECT 1 FROM signing_keys WHERE fingerprint = ?",
                        (_fingerprint(key),)).fetchone() is not None


def _fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"briefing signing key\0" + key).hexdigest()


def _database_file(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row["file"]) or "the database"


_SAID: set[str] = set()


def _say_once(note: str) -> None:
    """Log a note about the keys once per process (send and serve open the database often)."""
    if note not in _SAID:
        _SAID.add(note)
        log.warning("%s", note)


# -- validation -------------------------------------------------------------------------


def _unsafe(value: str) -> str | None:
    """Say which refused character `value` holds (see UNSAFE_CHARACTERS), or None."""
    match = _UNSAFE_RE.search(value)
    if match is None:
        return None
    char = match.group()
    why = next(w for a, b, w in UNSAFE_CHARACTERS if a <= char <= b)
    return f"{why} (U+{ord(char):04X})"


def normalise_email(raw: str) -> str:
    """Return the address stripped of spaces, or raise InputError saying what is wrong."""
    if unsafe := _unsafe(raw):
        raise InputError(f"{raw!r}: address contains {unsafe}")
    email = raw.strip()
    if not email:
        raise InputError("empty address")
    if not email.isascii():
        raise InputError(f"{email}: non-ASCII addresses are not supported")
    if len(email) > 254 or not _EMAIL_RE.fullmatch(email) or len(email.split("@")[0]) > 64:
        raise InputError(f"{email}: not a valid e-mail address")
    return email


def _clean_text(value: str, what: str, limit: int = 200) -> str:
    if unsafe := _unsafe(value):
        raise InputError(f"{what} contains {unsafe}")
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
        status=cast(Any, _choice(get("status", "active"), "status", STATUSES)),
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


def _insert(conn: sqlite3.Connection, sub: Subscriber, reason: str = "import") -> None:
    conn.execute(
        "INSERT INTO subscribers (email, email_key, name, language, audience, delivery,"
        " status, consent_at, source, status_reason, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sub.email, sub.email.lower(), sub.name, sub.lang, sub.audience, sub.delivery,
         sub.status, sub.consent_at, sub.source, None if sub.status == "active" else reason,
         now_iso()),
    )
    if sub.status != "active":  # an imported suppression keeps where it came from
        _log_status(conn, sub.email.lower(), None, sub.status, reason)


def _upsert(conn: sqlite3.Connection, sub: Subscriber, reason: str, reactivate: bool = False
            ) -> str:
    """Add or update one subscriber: "added", "updated", "reactivated" or "unchanged".

    The profile follows the file; consent time and source only move forward; a status only
    moves towards a suppression, unless `reactivate` asks to undo one for an active row.
    """
    existing = get(conn, sub.email)
    if existing is None:
        _insert(conn, sub, reason)
        return "added"
    old = existing.subscriber
    changed = _update_profile(conn, existing.id, old, sub)
    if old.status == "active" and sub.status != "active":
        _change_status(conn, old.email.lower(), sub.status, reason)
        changed = True
    elif old.status != "active" and sub.status == "active" and reactivate:
        _change_status(conn, old.email.lower(), "active", f"reactivated by {reason}")
        return "reactivated"
    return "updated" if changed else "unchanged"


def _update_profile(conn: sqlite3.Connection, sub_id: int, old: Subscriber, sub: Subscriber
                    ) -> bool:
    newer = _is_newer(sub.consent_at, old.consent_at)
    consent, source = (sub.consent_at, sub.source) if newer else (old.consent_at, old.source)
    new = (sub.email, sub.name, sub.lang, sub.audience, sub.delivery, consent, source)
    if new == (old.email, old.name, old.lang, old.audience, old.delivery, old.consent_at,
               old.source):
        return False
    conn.execute(
        "UPDATE subscribers SET email = ?, name = ?, language = ?, audience = ?, delivery = ?,"
        " consent_at = ?, source = ?, updated_at = ? WHERE id = ?",
        (*new, now_iso(), sub_id),
    )
    return True


def _is_newer(candidate: str | None, current: str | None) -> bool:
    if not candidate:
        return False
    if not current:
        return True
    return dt.datetime.fromisoformat(candidate) > dt.datetime.fromisoformat(current)


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
    """Set a subscriber's status (unsubscribed, bounced), keeping the history; False if unknown."""
    key = email.strip().lower()
    with conn:
        if conn.execute("SELECT 1 FROM subscribers WHERE email_key = ?", (key,)).fetchone() is None:
            return False
        _change_status(conn, key, status, reason)
    return True


def set_preferences(conn: sqlite3.Connection, email: str, choices: Mapping[str, str],
                    source: str) -> list[str]:
    """Change an address's language, audience and delivery from `choices` (the same names
    as the CSV columns); return what changed ("language vi -> fr"), each kept in the
    history with `source`.  Raise InputError for a value outside the allowed ones."""
    stored = get(conn, email)
    if stored is None:
        raise InputError(f"{email}: not in the subscriber list")
    old = stored.subscriber
    new = {"language": _choice(choices.get("language") or old.lang, "language", LANGS),
           "audience": _choice(choices.get("audience") or old.audience, "audience", AUDIENCES),
           "delivery": _choice(choices.get("delivery") or old.delivery, "delivery", DELIVERIES)}
    before = {"language": old.lang, "audience": old.audience, "delivery": old.delivery}
    changes = [f"{name} {before[name]} -> {value}" for name, value in new.items()
               if value != before[name]]
    if changes:
        with conn:
            conn.execute("UPDATE subscribers SET language = ?, audience = ?, delivery = ?,"
                         " updated_at = ? WHERE id = ?",
                         (new["language"], new["audience"], new["delivery"], now_iso(), stored.id))
            # The status stays; the history row says what changed, when and from where.
            _log_status(conn, old.email.lower(), old.status, old.status,
                        f"{source}: {', '.join(changes)}")
    return changes


def _change_status(conn: sqlite3.Connection, key: str, status: str, reason: str) -> None:
    row = conn.execute("SELECT status FROM subscribers WHERE email_key = ?", (key,)).fetchone()
    conn.execute(
        "UPDATE subscribers SET status = ?, status_reason = ?, updated_at = ? WHERE email_key = ?",
        (status, reason, now_iso(), key),
    )
    if row["status"] != status:
        _log_status(conn, key, row["status"], status, reason)


def _log_status(conn: sqlite3.Connection, key: str, old: str | None, new: str, reason: str) -> None:
    conn.execute(
        "INSERT INTO status_history (email_key, old_status, new_status, reason, changed_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (key, old, new, reason, now_iso()),
    )


def history(conn: sqlite3.Connection, email: str) -> list[StatusChange]:
    """Return the status changes of an address, oldest first."""
    rows = conn.execute(
        "SELECT old_status, new_status, reason, changed_at FROM status_history"
        " WHERE email_key = ? ORDER BY id", (email.strip().lower(),))
    return [StatusChange(r["old_status"], r["new_status"], r["reason"], r["changed_at"])
            for r in rows]


def unsubscribe(conn: sqlite3.Connection, email: str, reason: str = "cli") -> None:
    """Mark an address unsubscribed (kept, so a later import cannot re-add it silently)."""
    if not set_status(conn, email, "unsubscribed", reason):
        raise InputError(f"{email}: not in the subscriber list")


def reactivate(conn: sqlite3.Connection, email: str, reason: str = "cli") -> bool:
    """Make a suppressed address active again, keeping the history; False if it was active."""
    stored = get(conn, email)
    if stored is None:
        raise InputError(f"{email.strip()}: not in the subscriber list")
    if stored.subscriber.status == "active":
        return False
    return set_status(conn, email, "active", reason)


def remove(conn: sqlite3.Connection, email: str) -> None:
    """Erase an address, its ledger rows, its history and its sign-up requests (a request
    to be forgotten)."""
    key = email.strip().lower()
    with conn:
        cursor = conn.execute("DELETE FROM subscribers WHERE email_key = ?", (key,))
        conn.execute("DELETE FROM ledger WHERE email_key = ?", (key,))
        conn.execute("DELETE FROM status_history WHERE email_key = ?", (key,))
        # The sign-up requests hold the address, the name and the client's IP address too.
        conn.execute("DELETE FROM signup_requests WHERE email_key = ?", (key,))
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


@dataclass(frozen=True)
class _Record:
    """One CSV record and the physical lines (1-based, inclusive) it was read from."""

    first: int
    last: int
    cells: tuple[str, ...] | None  # None: the CSV reader gave up on these lines
    error: str = ""


def _header(reader: Any, name: str) -> tuple[str, ...]:
    """The lower-cased column names; refuse a missing required column or a repeated one."""
    header = tuple(h.strip().lower() for h in next(reader, []))
    for column in dict.fromkeys(header):
        if column and header.count(column) > 1:
            raise InputError(f"{name}: the header names the column {column!r} twice; "
                             "keep one, so no value is dropped unseen")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{name}: missing column(s) {', '.join(missing)} in the header line")
    return header


def _records(reader: Any) -> Iterator[_Record]:
    """Each record with its line span, so a quote that swallows lines is seen as such."""
    last = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a field larger than the csv module's limit
            if reader.line_num == last:
                return  # no progress: import_csv refuses the lines left unread
            yield _Record(last + 1, reader.line_num, None, f"not readable as CSV ({exc})")
        else:
            yield _Record(last + 1, reader.line_num, tuple(cells))
        last = reader.line_num


def _restore(cell: str) -> str:
    """Undo the export's neutralising quote (see FORMULA_STARTS)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class _Import:
    """The state of one import: counts, refused lines, and the addresses seen so far."""

    def __init__(self, conn: sqlite3.Connection, path: Path, reactivate: bool) -> None:
        self.conn, self.path, self.reactivate = conn, path, reactivate
        self.counts = dict.fromkeys(("added", "updated", "unchanged", "reactivated", "blank",
                                     "refused_lines"), 0)
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}
        self.last_line = 0

    def refuse(self, record: _Record, reason: str) -> None:
        lines = f"{record.first}" if record.first == record.last else f"{record.first}-{record.last}"
        self.problems.append(Problem(f"{self.path}:{lines}", reason))
        self.counts["refused_lines"] += record.last - record.first + 1

    def take(self, record: _Record, header: tuple[str, ...]) -> None:
        """Count one record as blank, refused or stored."""
        self.last_line = record.last
        if record.cells is None:
            self.refuse(record, record.error)
        elif not any(c.strip() for c in record.cells):
            self.counts["blank"] += record.last - record.first + 1
        else:
            try:
                self.store(self.check(record, header), record)
            except InputError as exc:
                self.refuse(record, str(exc))

    def store(self, sub: Subscriber, record: _Record) -> None:
        self.seen[sub.email.lower()] = record.first
        outcome = _upsert(self.conn, sub, f"import of {self.path.name}", self.reactivate)
        if outcome == "reactivated":
            self.counts["reactivated"] += 1
            outcome = "updated"
        self.counts[outcome] += 1

    def check(self, record: _Record, header: tuple[str, ...]) -> Subscriber:
        """Validate one record into a Subscriber, or raise InputError saying why not."""
        cells = record.cells or ()
        if record.last > record.first:
            raise InputError(
                f"a quoted field holds a line break, so lines {record.first}-{record.last} read"
                " as one record (an unterminated quote swallows the lines after it)")
        if len(cells) > len(header):
            raise InputError(f"{len(cells)} fields, but the header names {len(header)}"
                             " (an unquoted comma?)")
        fields = {k: _restore(v) for k, v in zip(header, cells, strict=False) if k}
        sub = make_subscriber({**fields, "source": fields.get("source") or self.path.name})
        if (first := self.seen.get(sub.email.lower())) is not None:
            raise InputError(f"{sub.email}: duplicate of line {first}")
        return sub


def import_csv(conn: sqlite3.Connection, path: Path, *, reactivate: bool = False) -> ImportReport:
    """Import a CSV file; report each refused line by number and import the good ones.

    `reactivate=True` makes an unsubscribed or bounced address active again when its row
    is active (the history keeps the suppression); otherwise a suppression always stays.
    """
    try:
        text = _decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    # newline="": the csv module sees quoted line breaks and counts physical lines itself.
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _header(reader, str(path))
    header_lines = reader.line_num
    state = _Import(conn, path, reactivate)
    state.last_line = header_lines
    lines = sum(1 for _ in io.StringIO(text, newline=""))
    with conn:
        for record in _records(reader):
            state.take(record, header)
    if state.last_line < lines:  # never lose the end of a file silently
        state.refuse(_Record(state.last_line + 1, lines, None), "not read: the CSV reader stopped")
    ignored = tuple(name or f"#{i} (no name)" for i, name in enumerate(header, 1)
                    if name not in (*COLUMNS, "status"))
    return ImportReport(**state.counts, problems=tuple(state.problems), lines=lines,
                        header_lines=header_lines, ignored_columns=ignored)


def export_csv(conn: sqlite3.Connection, out: io.TextIOBase | Any) -> int:
    """Write every subscriber as CSV (import columns plus status); return the count.

    A cell that a spreadsheet would run as a formula is prefixed with a single quote.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*COLUMNS, "status"))
    rows = list_subscribers(conn)
    for stored in rows:
        s = stored.subscriber
        cells = (s.email, s.name, s.lang, s.audience, s.delivery, s.consent_at or "",
                 s.source or "", s.status)
        writer.writerow(tuple(_neutralise(c) for c in cells))
    return len(rows)


HISTORY_COLUMNS = ("email", "changed_at", "old_status", "new_status", "reason")


def export_history(conn: sqlite3.Connection, out: io.TextIOBase | Any) -> int:
    """Write every kept change (status, preferences, consent) as CSV, one row per change,
    grouped by address and oldest first; return the count.  `old_status` is empty for the
    row that created the record.  Cells are neutralised like `export_csv`'s."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    rows = conn.execute(
        "SELECT s.email, h.changed_at, h.old_status, h.new_status, h.reason"
        " FROM status_history h JOIN subscribers s ON s.email_key = h.email_key"
        " ORDER BY h.email_key, h.id").fetchall()
    for row in rows:
        writer.writerow(tuple(_neutralise(row[c] or "") for c in HISTORY_COLUMNS))
    return len(rows)


@dataclass(frozen=True)
class HistoryReport:
    """What `import_history` did: rows added, rows already there, lines refused."""

    added: int
    already: int
    problems: tuple[Problem, ...]


def import_history(conn: sqlite3.Connection, path: Path) -> HistoryReport:
    """Add the changes of a file `export_history` wrote to the addresses in the list.

    A row already kept (same address, time, statuses and reason) is skipped, so importing
    the same file twice adds nothing; a row for an unknown address or with a status or
    time that is not valid is refused by line number, and the others are still added.
    """
    try:
        text = _decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = tuple(h.strip().lower() for h in next(reader, []))
    if header != HISTORY_COLUMNS:
        raise InputError(f"{path}: the header must be {','.join(HISTORY_COLUMNS)}"
                         " (as `subscribers export --history` writes it)")
    added = already = 0
    problems: list[Problem] = []
    with conn:
        for record in _records(reader):
            try:
                row = _history_row(conn, record)
            except InputError as exc:
                problems.append(Problem(f"{path}:{record.first}", str(exc)))
                continue
            if row is None:
                continue  # a blank line
            if conn.execute("SELECT 1 FROM status_history WHERE email_key = ? AND changed_at = ?"
                            " AND old_status IS ? AND new_status = ? AND reason = ?",
                            row).fetchone():
                already += 1
                continue
            conn.execute("INSERT INTO status_history (email_key, changed_at, old_status,"
                         " new_status, reason) VALUES (?, ?, ?, ?, ?)", row)
            added += 1
    return HistoryReport(added, already, tuple(problems))


def _history_row(conn: sqlite3.Connection,
                 record: _Record) -> tuple[str, str, str | None, str, str] | None:
    """One history line checked: (email_key, changed_at, old, new, reason), or None if blank."""
    if record.cells is None:
        raise InputError(record.error)
    cells = [_restore(c) for c in record.cells]
    if not any(c.strip() for c in cells):
        return None
    if len(cells) != len(HISTORY_COLUMNS):
        raise InputError(f"{len(cells)} fields, expected {len(HISTORY_COLUMNS)}")
    email, changed_at, old, new, reason = cells
    key = email.strip().lower()
    if conn.execute("SELECT 1 FROM subscribers WHERE email_key = ?", (key,)).fetchone() is None:
        raise InputError(f"{email.strip()}: not in the subscriber list (import it first)")
    for value in (old, new) if old else (new,):
        if value not in STATUSES:
            raise InputError(f"status {value!r} is not one of {', '.join(STATUSES)}")
    try:
        dt.datetime.fromisoformat(changed_at)
    except ValueError:
        raise InputError(f"changed_at {changed_at!r} is not an ISO 8601 time") from None
    if _UNSAFE_RE.search(reason):
        raise InputError("the reason holds a line break or an invisible character")
    return key, changed_at, old or None, new, reason


# -- signed tokens (unsubscribe, preferences) ------------------------------------------


# What a token is for is signed with it: a preferences link is not an unsubscribe link,
# and a sign-up confirmation (`briefing.delivery.signup`, ids of pending requests) is neither.
PURPOSES = ("unsubscribe", "preferences", "confirm")


def _signature(key: bytes, sub_id: int, email_key: str, purpose: str) -> str:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown token purpose {purpose!r}")
    digest = hmac.new(key, f"{purpose}:{sub_id}:{email_key}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode("ascii")


def make_token(key: bytes, stored: StoredSubscriber, purpose: str = "unsubscribe") -> str:
    """Return a subscriber's token for `purpose` (unsubscribe, preferences): `<id>.<HMAC>`."""
    return f"{stored.id}.{_signature(key, stored.id, stored.subscriber.email.lower(), purpose)}"


def check_token(conn: sqlite3.Connection, keys: bytes | Iterable[bytes], token: str,
                purpose: str = "unsubscribe") -> StoredSubscriber | None:
    """Return the subscriber a token was made for (with any of `keys`, for `purpose`), or
    None if it is forged, altered, made for another purpose or not written canonically
    (`<id>.<24 base64url characters>`, the id in ASCII digits without a leading zero: one
    token per subscriber and purpose, never two spellings).
    """
    sub_id = token_id(token)
    if sub_id is None:
        return None
    row = conn.execute("SELECT * FROM subscribers WHERE id = ?", (sub_id,)).fetchone()
    if row is None or not token_matches(keys, token, row["email_key"], purpose):
        return None
    return StoredSubscriber(row["id"], _row_to_subscriber(row))


def token_id(token: str) -> int | None:
    """The id a canonically written token names, or None."""
    parts = _TOKEN_RE.fullmatch(token)
    return int(parts[1]) if parts else None


def token_matches(keys: bytes | Iterable[bytes], token: str, email_key: str, purpose: str) -> bool:
    """Whether `token` (canonical) was signed with one of `keys` for this id, address and purpose."""
    parts = _TOKEN_RE.fullmatch(token)
    if parts is None:
        return False
    for key in [keys] if isinstance(keys, bytes) else keys:
        expected = _signature(key, int(parts[1]), email_key, purpose)
        if hmac.compare_digest(expected.encode("ascii"), parts[2].encode("ascii")):
            return True
    return False
