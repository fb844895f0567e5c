"""`briefing serve`: the small web endpoint behind the links in the messages.

In: HTTP requests, `ServeOptions` (from the settings).  Out: pages and database updates.
  GET  /unsubscribe/<token>   a confirmation page with a button, in the subscriber's
                              language (a mail client that prefetches links unsubscribes
                              nobody);
  POST /unsubscribe/<token>   unsubscribes; with the body `List-Unsubscribe=One-Click`
                              (RFC 8058) it answers without a page;
  GET  /preferences/<token>   a form, in the subscriber's language: language, edition
                              (audience), attachment or link; a link to unsubscribe;
  POST /preferences/<token>   saves the form (GET never changes anything);
  GET  /subscribe             the subscribe form, in the browser's language;
  POST /subscribe             records the request and mails a confirmation link
                              (`briefing.delivery.signup`: double opt-in, limits per hour);
  GET  /confirm/<token>       a page with a button; POST subscribes (once);
  GET  /editions/<YYYY-MM>/<file>.pdf   the PDF, for subscribers who chose a link.
Preferences tokens are signed for that purpose: an unsubscribe token does not open them.
A forged or altered token gets a 400 page and changes nothing; a token signed by an
earlier key (before `BRIEFING_SECRET` changed) is still accepted.  A request body over
MAX_BODY bytes is refused with 413 before it is read into memory (`BodyLimit`).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from babel.core import negotiate_locale
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import i18n, resources
from ..errors import InputError, MailError
from ..models import AUDIENCES, LANGS
from ..settings import Settings
from . import signup
from . import subscribers as store
from .mail import MailOptions, jinja_env, public_url, send_confirmation
from .transport import DeliveryFailure

log = logging.getLogger(__name__)

_PDF_RE = re.compile(r"briefing-\d{4}-\d{2}-[a-z]+-[a-z]{2}\.pdf")
_MONTH_RE = re.compile(r"\d{4}-\d{2}")
# The largest request body read: the one-click POST is 26 bytes and the page's form
# posts nothing; a few kilobytes leave room for forms, not for filling the memory.
MAX_BODY = 4096
_ONE_CLICK = "List-Unsubscribe=One-Click"
# The same field sent as multipart/form-data, as some mail providers do.
_ONE_CLICK_MULTIPART = re.compile(
    r'name="?List-Unsubscribe"?[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n[ \t]*One-Click[ \t]*(?:\r?\n|$)')


def _style_hash() -> str:
    """The CSP hash of the pages' one inline <style> (templates/mail/_style.html): the
    policy allows that exact style and still nothing else (no script, no other file)."""
    text = (resources.templates_dir() / "mail" / "_style.html").read_text(encoding="utf-8")
    found = re.search(r"<style>(.*?)</style>", text, re.S)
    body = found[1] if found else ""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": f"default-src 'none'; style-src {_style_hash()}; form-action 'self'",
    "X-Robots-Tag": "noindex",
}


def _page(lang: str, state: str, email: str = "", action: str = "", status: int = 200
          ) -> HTMLResponse:
    html = jinja_env(lang).get_template("unsubscribe.html").render(
        lang=lang, state=state, email=email, action=action)
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def is_one_click(body: bytes) -> bool:
    """Whether a POST body is RFC 8058's `List-Unsubscribe=One-Click`, whatever its encoding
    (form-urlencoded, text/plain, multipart/form-data): the Content-Type is not trusted."""
    text = body.decode("utf-8", "replace").strip()
    if text == _ONE_CLICK or parse_qs(text).get("List-Unsubscribe") == ["One-Click"]:
        return True
    return _ONE_CLICK_MULTIPART.search(text) is not None


class BodyLimit:
    """ASGI middleware: refuse a request body over `limit` bytes with 413, reading at most
    `limit` bytes of it (Content-Length is checked first; a chunked body is counted).

    The body is read here and handed to the application whole, so no handler can read
    more than `limit` bytes into memory; what the client sends beyond it is never read.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared(scope) > self.limit:
            await _too_large(self.limit, scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _too_large(self.limit, scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)

    @staticmethod
    def _declared(scope: Scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-length":
                return int(value) if value.isdigit() else 0
        return 0


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body already read, then waits for a disconnect."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _too_large(limit: int, scope: Scope, receive: Receive, send: Send) -> None:
    # Connection: close, so the server drops the rest of the body instead of reading it.
    response = PlainTextResponse(f"request body larger than {limit} bytes\n",
                                 status_code=413, headers={"Connection": "close"})
    await response(scope, receive, send)


def _preferences_page(lang: str, state: str, stored: store.StoredSubscriber | None = None,
                      action: str = "", unsubscribe: str = "", status: int = 200) -> HTMLResponse:
    """The preferences page: the form (state form, saved, refused), or a one-line state."""
    sub = stored.subscriber if stored else None
    current = {"language": sub.lang, "audience": sub.audience, "delivery": sub.delivery} \
        if sub else {}
    html = jinja_env(lang).get_template("preferences.html").render(
        lang=lang, state=state, email=sub.email if sub else "", action=action,
        unsubscribe=unsubscribe, current=current, **_choices(lang))
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def _choices(lang: str) -> dict[str, Any]:
    """The form's options: languages named in themselves (a reader looks for the one they
    can read), editions and deliveries in `lang`."""
    return {"languages": [(code, _menu_label(i18n.language_names(code)[code])) for code in LANGS],
            "audiences": [(code, i18n.audience_label(lang, code)) for code in AUDIENCES],
            "deliveries": [("attachment", i18n.tr(lang, "The PDF attached to the message")),
                           ("link", i18n.tr(lang, "A link to the PDF"))]}


def _menu_label(name: str) -> str:
    """A language name as a menu item: CLDR writes "tiếng Việt", "français" in running
    text; alone in a menu it starts with a capital ("Tiếng Việt", "Français").  Only the
    first letter changes (str.capitalize would make "Tiếng việt")."""
    return name[:1].upper() + name[1:]


def _signup_page(lang: str, state: str, email: str = "", action: str = "", status: int = 200
                 ) -> HTMLResponse:
    html = jinja_env(lang).get_template("subscribe.html").render(
        lang=lang, state=state, email=email, action=action, **_choices(lang))
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def _visitor_lang(request: Request) -> str:
    """Pick vi, fr or en from Accept-Language (for pages with no known subscriber)."""
    wanted = [part.split(";")[0].strip().replace("-", "_")
              for part in request.headers.get("accept-language", "").split(",")]
    return negotiate_locale([w for w in wanted if w], list(LANGS)) or "en"


class _Store:
    """The subscriber database behind the endpoint: a short connection per request, so
    a send run (WAL) and the endpoint never hold each other up."""

    def __init__(self, database: Path, secret_env: str) -> None:
        self.database = database
        with contextlib.closing(store.connect(database)) as conn:
            self.key = store.signing_key(conn, secret_env)

    def lookup(self, token: str, purpose: str = "unsubscribe") -> store.StoredSubscriber | None:
        """The subscriber a token was signed for, or None for a forged or altered token.

        Any key that ever signed a message is accepted (read at each request: a send run
        may start using a new key while the server runs), so no mailed link stops working.
        """
        with contextlib.closing(store.connect(self.database)) as conn:
            return store.check_token(conn, store.accepted_keys(conn, self.key), token, purpose)

    def request_signup(self, fields: dict[str, str], client: str) -> tuple[signup.SignupRequest, str]:
        """Record a sign-up request; return it and its confirmation token."""
        with contextlib.closing(store.connect(self.database)) as conn:
            pending = signup.request(conn, fields, client)
        return pending, signup.token(self.key, pending)

    def check_signup(self, token: str) -> tuple[str, signup.SignupRequest | None]:
        with contextlib.closing(store.connect(self.database)) as conn:
            return signup.check(conn, store.accepted_keys(conn, self.key), token)

    def confirm(self, pending: signup.SignupRequest) -> str:
        with contextlib.closing(store.connect(self.database)) as conn:
            outcome = signup.confirm(conn, pending)
        log.info("sign-up of %s: %s", pending.subscriber.email, outcome)
        return outcome

    def unsubscribe_path(self, stored: store.StoredSubscriber) -> str:
        return f"/unsubscribe/{store.make_token(self.key, stored)}"

    def change(self, stored: store.StoredSubscriber, choices: dict[str, str]
               ) -> store.StoredSubscriber:
        """Save new preferences (InputError for a value not offered); return the record."""
        with contextlib.closing(store.connect(self.database)) as conn:
            changes = store.set_preferences(conn, stored.subscriber.email, choices,
                                            "preferences page")
            if changes:
                log.info("preferences of %s: %s", stored.subscriber.email, ", ".join(changes))
            return store.get(conn, stored.subscriber.email) or stored

    def leave(self, stored: store.StoredSubscriber) -> None:
        """Unsubscribe an active subscriber (an unsubscribed or bounced one stays so)."""
        if stored.subscriber.status != "active":
            return
        with contextlib.closing(store.connect(self.database)) as conn:
            store.set_status(conn, stored.subscriber.email, "unsubscribed", "link")
        log.info("unsubscribed %s by link", stored.subscriber.email)


@dataclass(frozen=True)
class ServeOptions:
    """What `briefing serve` reads from the settings: the mail stage's (database, key,
    base URL, how to mail a confirmation), where the PDFs are, and where to listen."""

    mail: MailOptions
    out_dir: Path
    host: str = "127.0.0.1"
    port: int = 8080

    @classmethod
    def from_settings(cls, settings: Settings) -> ServeOptions:
        return cls(MailOptions.from_settings(settings), settings.path("out_dir"),
                   str(settings.serve_host), int(settings.serve_port))


def create_app(options: ServeOptions) -> Starlette:
    """Return the ASGI application for these options."""
    db = _Store(options.mail.database, options.mail.secret_env)
    lookup, leave = db.lookup, db.leave
    out_dir = options.out_dir

    async def confirm(request: Request) -> Response:
        stored = await run_in_threadpool(lookup, request.path_params["token"])
        if stored is None:
            return _page(_visitor_lang(request), "invalid", status=400)
        sub = stored.subscriber
        state = "confirm" if sub.status == "active" else "done"
        return _page(sub.lang, state, sub.email, action=request.url.path)

    async def unsubscribe(request: Request) -> Response:
        stored = await run_in_threadpool(lookup, request.path_params["token"])
        one_click = is_one_click(await request.body())  # at most MAX_BODY bytes
        if stored is None:
            if one_click:
                return PlainTextResponse("invalid unsubscribe token\n", status_code=400)
            return _page(_visitor_lang(request), "invalid", status=400)
        await run_in_threadpool(leave, stored)
        if one_click:
            return PlainTextResponse("unsubscribed\n", headers=_HEADERS)
        return _page(stored.subscriber.lang, "done", stored.subscriber.email)

    async def preferences(request: Request) -> Response:
        stored = await run_in_threadpool(lookup, request.path_params["token"], "preferences")
        if stored is None:
            return _preferences_page(_visitor_lang(request), "invalid", status=400)
        state = "form" if stored.subscriber.status == "active" else "inactive"
        return _preferences_page(stored.subscriber.lang, state, stored, request.url.path,
                                 db.unsubscribe_path(stored))

    async def save_preferences(request: Request) -> Response:
        stored = await run_in_threadpool(lookup, request.path_params["token"], "preferences")
        if stored is None:
            return _preferences_page(_visitor_lang(request), "invalid", status=400)
        if stored.subscriber.status != "active":
            return _preferences_page(stored.subscriber.lang, "inactive", stored)
        fields = parse_qs((await request.body()).decode("utf-8", "replace"))
        choices = {name: values[-1] for name, values in fields.items()
                   if name in ("language", "audience", "delivery")}
        try:
            stored = await run_in_threadpool(db.change, stored, choices)
        except InputError:
            return _preferences_page(stored.subscriber.lang, "refused", stored, request.url.path,
                                     db.unsubscribe_path(stored), status=400)
        return _preferences_page(stored.subscriber.lang, "saved", stored, request.url.path,
                                 db.unsubscribe_path(stored))

    async def subscribe_form(request: Request) -> Response:
        return _signup_page(_visitor_lang(request), "form")

    async def subscribe(request: Request) -> Response:
        lang = _visitor_lang(request)
        fields = {name: values[-1] for name, values in
                  parse_qs((await request.body()).decode("utf-8", "replace")).items()
                  if name in ("email", "name", "language", "audience", "delivery")}
        client = request.client.host if request.client else "unknown"
        try:
            pending, token = await run_in_threadpool(db.request_signup, fields, client)
        except signup.TooManyRequests:
            return _signup_page(lang, "limited", status=429)
        except InputError:
            return _signup_page(lang, "refused", status=400)
        url = public_url(options.mail, f"confirm/{token}")
        try:
            await run_in_threadpool(send_confirmation, options.mail, pending.subscriber, url,
                                    signup.CONFIRM_HOURS)
        except (DeliveryFailure, MailError) as exc:
            log.warning("confirmation to %s not sent: %s", pending.subscriber.email, exc)
            return _signup_page(lang, "unavailable", status=503)
        return _signup_page(pending.subscriber.lang, "sent", pending.subscriber.email)

    async def checked_signup(request: Request) -> signup.SignupRequest | Response:
        """The request a confirmation link names, or the page that refuses the link."""
        state, pending = await run_in_threadpool(db.check_signup, request.path_params["token"])
        if pending is None:
            return _signup_page(_visitor_lang(request), "invalid", status=400)
        if state == "expired":
            return _signup_page(pending.subscriber.lang, "expired", status=410)
        return pending

    async def confirm_page(request: Request) -> Response:
        pending = await checked_signup(request)
        if isinstance(pending, Response):
            return pending
        shown = "confirm" if pending.confirmed_at is None else "already"
        return _signup_page(pending.subscriber.lang, shown, pending.subscriber.email,
                            action=request.url.path)

    async def confirm_signup(request: Request) -> Response:
        pending = await checked_signup(request)
        if isinstance(pending, Response):
            return pending
        outcome = await run_in_threadpool(db.confirm, pending)
        return _signup_page(pending.subscriber.lang, outcome, pending.subscriber.email)

    async def edition(request: Request) -> Response:
        month, name = request.path_params["month"], request.path_params["name"]
        path = out_dir / month / name
        if not (_MONTH_RE.fullmatch(month) and _PDF_RE.fullmatch(name) and path.is_file()):
            return PlainTextResponse("not found\n", status_code=404)
        return FileResponse(path, media_type="application/pdf")

    return Starlette(middleware=[Middleware(BodyLimit, limit=MAX_BODY)], routes=[
        Route("/unsubscribe/{token}", confirm, methods=["GET"]),
        Route("/unsubscribe/{token}", unsubscribe, methods=["POST"]),
        Route("/preferences/{token}", preferences, methods=["GET"]),
        Route("/preferences/{token}", save_preferences, methods=["POST"]),
        Route("/subscribe", subscribe_form, methods=["GET"]),
        Route("/subscribe", subscribe, methods=["POST"]),
        Route("/confirm/{token}", confirm_page, methods=["GET"]),
        Route("/confirm/{token}", confirm_signup, methods=["POST"]),
        Route("/editions/{month}/{name}", edition, methods=["GET"]),
    ])


def serve(options: ServeOptions) -> None:
    """Run the endpoint with uvicorn until interrupted."""
    import uvicorn

    # No access log: every request path carries an unsubscribe token.  Under -q (root
    # logger at ERROR) uvicorn's start-up lines are not printed either.
    level = "error" if logging.getLogger().getEffectiveLevel() >= logging.ERROR else "info"
    uvicorn.run(create_app(options), host=options.host, port=options.port, log_level=level, access_log=False)
