"""LibreTranslate client: a translation Backend over a LibreTranslate server's HTTP API.

In:  the server's URL, an API key (read by the caller from the environment variable the
     settings name, never from the settings file), timeouts, retries and a rate limit.
Out: LibreTranslateBackend, with the Backend methods of briefing.translate:
     model_id(src, tgt) from GET /languages, translate_batch(texts, src, tgt) through
     POST /translate with `q` as a list (one request per batch of `batch_size` texts).

The checks on the output (placeholders back, no runaway repetition, sane length) are
those of briefing.translate, shared with the Argos path.  Here only the protocol is
checked: a JSON body, one string per text sent.  Anything else raises TranslationError
naming the server, and briefing.translate keeps the originals (labelled) and reports one
line; nothing that failed is cached.  A server that cannot be reached when the run asks
for its languages offers no pair: the run goes on, one line in `failures` says why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from .errors import TranslationError

log = logging.getLogger(__name__)

RETRY_STATUS = {429, 500, 502, 503, 504}


class LibreTranslateBackend:
    """Translation backend over a LibreTranslate server (one language pair per call)."""

    def __init__(self, url: str, api_key: str = "", *, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 1.0, rate: float = 0.0, batch_size: int = 32,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.retries, self.backoff, self.batch_size = retries, backoff, max(1, batch_size)
        self.interval = 1 / rate if rate > 0 else 0.0  # seconds between two requests
        self.sleep = sleep
        self.client = httpx.Client(base_url=self.url, timeout=httpx.Timeout(timeout),
                                   transport=transport, follow_redirects=False)
        self.failures: list[str] = []
        self.requests = 0  # for the bench: how many POSTs a run needed
        self._last = 0.0
        self._pairs: set[tuple[str, str]] | None = None

    def model_id(self, src: str, tgt: str) -> str | None:
        """'LibreTranslate <host>' when the server offers src->tgt, else None."""
        if (src, tgt) not in self._languages():
            return None
        return f"LibreTranslate {self.client.base_url.host}:{self.client.base_url.port or ''}".rstrip(":")

    def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate every text, batch_size texts per request."""
        out: list[str] = []
        try:
            for start in range(0, len(texts), self.batch_size):
                out += self._translate(texts[start:start + self.batch_size], src, tgt)
        except TranslationError:
            # Ask this server nothing more in this run: a server that failed after its
            # retries would cost every later batch the same timeouts.
            self._pairs = set()
            raise
        return out

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> LibreTranslateBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        body = {"q": texts, "source": src, "target": tgt, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        data = self._json(self._request("POST", "/translate", json=body))
        got = data.get("translatedText") if isinstance(data, dict) else None
        if not isinstance(got, list) or not all(isinstance(t, str) for t in got):
            raise TranslationError(f"{self.url}: no list of translations in the answer "
                                   f"({_excerpt(data)})")
        if len(got) != len(texts):
            raise TranslationError(f"{self.url}: sent {len(texts)} texts, got {len(got)} "
                                   "translations back")
        return got

    def _languages(self) -> set[tuple[str, str]]:
        if self._pairs is None:
            try:
                data = self._json(self._request("GET", "/languages"))
                self._pairs = {(lang["code"], tgt) for lang in data for tgt in lang["targets"]
                               if lang["code"] != tgt}
            except (TranslationError, TypeError, KeyError) as exc:
                reason = exc if isinstance(exc, TranslationError) else f"{self.url}: bad /languages"
                self.failures.append(f"LibreTranslate unavailable: {reason}")
                log.warning("LibreTranslate unavailable: %s", reason)
                self._pairs = set()
        return self._pairs

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One call, retried with back-off on 429/5xx, timeouts and refused connections."""
        for attempt in range(self.retries + 1):
            self._wait_turn()
            try:
                response = self.client.request(method, path, **kwargs)
            except httpx.HTTPError as exc:  # refused, timed out, reset
                problem = f"{type(exc).__name__}: {exc}".rstrip(": ")
            else:
                if response.status_code not in RETRY_STATUS:
                    return _ok(self.url, response)
                problem = f"HTTP {response.status_code}"
            if attempt < self.retries:
                self.sleep(self.backoff * 2 ** attempt)
        raise TranslationError(f"{self.url}: {problem} (after {self.retries + 1} attempts)")

    def _wait_turn(self) -> None:
        wait = self._last + self.interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = time.monotonic()
        self.requests += 1

    def _json(self, response: httpx.Response) -> Any:
        if not response.content.strip():
            raise TranslationError(f"{self.url}: empty answer to {response.request.url.path}")
        try:
            return response.json()
        except ValueError:
            kind = response.headers.get("content-type", "?").split(";")[0]
            raise TranslationError(f"{self.url}: answer is not JSON ({kind}: "
                                   f"{_excerpt(response.text)})") from None


def _ok(url: str, response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        try:
            reason = response.json().get("error", "")
        except (ValueError, AttributeError):
            reason = _excerpt(response.text)
        raise TranslationError(f"{url}: HTTP {response.status_code} {reason}".rstrip())
    return response


def _excerpt(data: object) -> str:
    text = " ".join(str(data).split())
    return text[:60] + ("..." if len(text) > 60 else "")
