"""Sign-up with double opt-in: the subscribe form's fields in, a subscriber out.

In: the fields of the form (address, name, language, edition, delivery) and the client
that sent them.  Out: a pending `SignupRequest` and its signed confirmation token; then,
when the link in the confirmation message is followed, a subscriber (consent time: the
confirmation, source: "subscribe form").  Nothing is sent to an address before it is
confirmed, and nobody is subscribed without a valid signed link.

Limits (a form anyone can post to must not become a way to flood someone's mailbox):
at most PER_ADDRESS_PER_HOUR confirmation messages to one address, and
PER_CLIENT_PER_HOUR requests from one client, in any hour; a link expires after
CONFIRM_HOURS.  Requests are kept in the `signup_requests` table of the database.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import BriefingError
from ..models import Subscriber
from . import subscribers as store

CONFIRM_HOURS = 48
PER_ADDRESS_PER_HOUR = 3
PER_CLIENT_PER_HOUR = 10
SOURCE = "subscribe form"


class TooManyRequests(BriefingError):
    """The address or the client asked for more confirmations than allowed this hour."""


@dataclass(frozen=True)
class SignupRequest:
    """A request waiting for confirmation (`subscriber.consent_at` is still unset)."""

    id: int
    subscriber: Subscriber
    requested_at: str
    confirmed_at: str | None = None


def request(conn: sqlite3.Connection, fields: Mapping[str, str], client: str) -> SignupRequest:
    """Record a sign-up request; raise InputError (bad field) or TooManyRequests."""
    checked = store.make_subscriber({**fields, "consent_at": store.now_iso(), "source": SOURCE})
    _check_limits(conn, checked.email.lower(), client)
    stamp = store.now_iso()
    with conn:
        cursor = conn.execute(
            "INSERT INTO signup_requests (email, email_key, name, language, audience, delivery,"
            " client, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (checked.email, checked.email.lower(), checked.name, checked.lang, checked.audience,
             checked.delivery, client, stamp))
    return _get(conn, int(cursor.lastrowid or 0))  # type: ignore[return-value]


def _check_limits(conn: sqlite3.Connection, email_key: str, client: str) -> None:
    since = (store.now() - dt.timedelta(hours=1)).replace(microsecond=0).isoformat()
    for column, value, limit in (("email_key", email_key, PER_ADDRESS_PER_HOUR),
                                 ("client", client, PER_CLIENT_PER_HOUR)):
        row = conn.execute(f"SELECT COUNT(*) AS n FROM signup_requests WHERE {column} = ?"
                           " AND requested_at > ?", (value, since)).fetchone()
        if row["n"] >= limit:
            raise TooManyRequests(f"more than {limit} sign-up requests in an hour from this {column}")


def token(key: bytes, pending: SignupRequest) -> str:
    """The confirmation token of a request (signed like the unsubscribe tokens)."""
    return store.make_token(key, store.StoredSubscriber(pending.id, pending.subscriber), "confirm")


def check(conn: sqlite3.Connection, keys: Iterable[bytes], raw: str) -> tuple[str, SignupRequest | None]:
    """Return ("valid" | "expired" | "invalid", the request) for a confirmation token."""
    request_id = store.token_id(raw)
    pending = _get(conn, request_id) if request_id is not None else None
    if pending is None or not store.token_matches(tuple(keys), raw,
                                                  pending.subscriber.email.lower(), "confirm"):
        return "invalid", None
    age = store.now() - dt.datetime.fromisoformat(pending.requested_at)
    if pending.confirmed_at is None and age > dt.timedelta(hours=CONFIRM_HOURS):
        return "expired", pending
    return "valid", pending


def confirm(conn: sqlite3.Connection, pending: SignupRequest) -> str:
    """Subscribe the address of a valid request; return "confirmed", or "already" when
    this link was used before or the address is already an active subscriber."""
    if pending.confirmed_at is not None:
        return "already"
    stamp = store.now_iso()
    with conn:
        conn.execute("UPDATE signup_requests SET confirmed_at = ? WHERE id = ?", (stamp, pending.id))
    existing = store.get(conn, pending.subscriber.email)
    if existing is not None and existing.subscriber.status == "active":
        return "already"
    sub = pending.subscriber
    if existing is None:
        store.add(conn, Subscriber(sub.email, sub.name, sub.lang, sub.audience, sub.delivery,
                                   consent_at=stamp, source=SOURCE))
    else:  # unsubscribed or bounced, and now asks again with a confirmed address
        store.set_preferences(conn, sub.email, {"language": sub.lang, "audience": sub.audience,
                                                "delivery": sub.delivery}, SOURCE)
        store.set_status(conn, sub.email, "active", f"{SOURCE}: confirmed again")
    return "confirmed"


def _get(conn: sqlite3.Connection, request_id: int) -> SignupRequest | None:
    row = conn.execute("SELECT * FROM signup_requests WHERE id = ?", (request_id,)).fetchone()
    if row is None:
        return None
    sub = Subscriber(row["email"], row["name"], row["language"], row["audience"], row["delivery"])
    return SignupRequest(row["id"], sub, row["requested_at"], row["confirmed_at"])
