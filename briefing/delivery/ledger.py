"""The send ledger: one row per (edition, subscriber), written before the message leaves.

In: the database opened by `briefing.delivery.subscribers.connect`, edition ids and subscriber
addresses.  Out: which messages are still owed, and a durable record of every outcome.

States: pending (planned) -> sending (the message body is on the wire) -> sent; or
deferred (temporary failure, retried by the next run), failed (permanent: the address
was refused and is suppressed, or the relay refused the message itself), unknown (the
connection died after the body was sent: the server may have
accepted it, so it is never resent automatically).  A run that crashes leaves rows in
`sending`; the next run turns them into `unknown` (or back into `pending` when the
backend can safely repeat a delivery, as the file backend can).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import MailError
from .subscribers import now_iso

log = logging.getLogger(__name__)

OWED = ("pending", "deferred")


def recover(conn: sqlite3.Connection, *, idempotent: bool) -> int:
    """Settle rows a crashed run left in `sending`; return how many there were."""
    new_status = "pending" if idempotent else "unknown"
    with conn:
        cursor = conn.execute(
            "UPDATE ledger SET status = ?, last_error = 'interrupted while sending',"
            " updated_at = ? WHERE status = 'sending'",
            (new_status, now_iso()),
        )
    if cursor.rowcount:
        log.warning("%d message(s) were in flight when a run stopped: marked %s",
                    cursor.rowcount, new_status)
    return cursor.rowcount


def plan(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str]]) -> None:
    """Record (edition, email_key, message_id) as pending unless already in the ledger."""
    stamp = now_iso()
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO ledger (edition, email_key, message_id, status, updated_at)"
            " VALUES (?, ?, ?, 'pending', ?)",
            ((edition, key, mid, stamp) for edition, key, mid in rows),
        )


def statuses(conn: sqlite3.Connection, edition: str) -> dict[str, str]:
    """Return {email_key: status} of every message of one edition in the ledger: one
    query per edition, not one per subscriber."""
    rows = conn.execute("SELECT email_key, status FROM ledger WHERE edition = ?", (edition,))
    return {str(row["email_key"]): str(row["status"]) for row in rows}


def mark(conn: sqlite3.Connection, edition: str, email_key: str, status: str, *,
         code: int | None = None, error: str | None = None, attempt: bool = False) -> None:
    """Record the new status of one message and commit at once (a crash loses nothing)."""
    with conn:
        conn.execute(
            "UPDATE ledger SET status = ?, last_code = COALESCE(?, last_code),"
            " last_error = ?, attempts = attempts + ?, updated_at = ?"
            " WHERE edition = ? AND email_key = ?",
            (status, code, error, int(attempt), now_iso(), edition, email_key),
        )


def reopen_unknown(conn: sqlite3.Connection, editions: Iterable[str]) -> int:
    """Put `unknown` rows of these editions back to pending (an explicit user decision)."""
    with conn:
        cursor = conn.executemany(
            "UPDATE ledger SET status = 'pending', updated_at = ?"
            " WHERE edition = ? AND status = 'unknown'",
            ((now_iso(), edition) for edition in editions),
        )
    return cursor.rowcount


def counts(conn: sqlite3.Connection, edition: str) -> dict[str, int]:
    """Return {status: number of rows} for one edition."""
    rows = conn.execute(
        "SELECT status, COUNT(*) AS n FROM ledger WHERE edition = ? GROUP BY status", (edition,)
    )
    return {row["status"]: row["n"] for row in rows}


@contextlib.contextmanager
def run_lock(database: Path) -> Iterator[None]:
    """Hold an exclusive lock for one send run; refuse a second concurrent run.

    An OS lock (flock) rather than a row in the database: it vanishes with the process,
    so a run killed with SIGKILL never leaves a stale lock behind.
    """
    path = Path(f"{database}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MailError(f"{database}: another send run is in progress") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)
