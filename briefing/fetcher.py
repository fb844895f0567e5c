"""The only URL fetcher WeasyPrint gets: it serves the project's own assets and nothing else.

In: a URL WeasyPrint wants (a stylesheet, an image, a font).
Out: the bytes of one of our own files, or a refusal.

Assets are named with our own scheme, never with paths: ``briefing:static/<file>`` is a
file under ``templates/static/`` (found through ``briefing.resources``) and
``briefing:font/<family>/<weight>/<style>`` is a font file of an installed ``fontpkg``
family; ``briefing:icc/srgb`` is the sRGB colour profile WeasyPrint ships (PDF/A needs
it).  Anything else (``file://``, ``http(s)://``, ``data:``, a relative path, a path that
climbs out of ``static/``) is refused before any byte is read, so markup smuggled
into article text can neither read the disk nor reach the network.
"""

from __future__ import annotations

import logging
import mimetypes
from importlib.resources import files
from pathlib import Path

import fontpkg
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import resources

log = logging.getLogger(__name__)

SCHEME = "briefing:"
SRGB_URL = "briefing:icc/srgb"
FONT_FAMILIES = ("be-vietnam-pro", "noto-sans")


class RefusedURL(ValueError):
    """A URL outside the project's own assets; WeasyPrint logs it and draws nothing."""


def static_url(name: str) -> str:
    """Return the URL of a file under templates/static/."""
    return f"{SCHEME}static/{name}"


def font_url(family: str, weight: int, style: str) -> str:
    """Return the URL of one face of an installed fontpkg family."""
    return f"{SCHEME}font/{fontpkg.slugify(family)}/{weight}/{style}"


class AssetFetcher(URLFetcher):
    """Serve `briefing:` assets; refuse and record every other URL."""

    def __init__(self, static_dir: Path | None = None) -> None:
        super().__init__(allowed_protocols=())
        self.static_dir = (static_dir or resources.templates_dir() / "static").resolve()
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Return the asset named by `url` or raise RefusedURL."""
        path = self._resolve(url)
        if path is None:
            self.refused.append(url)
            log.warning("refused to fetch %s: not one of the project's own assets", url[:200])
            raise RefusedURL(f"not a project asset: {url[:200]}")
        self.served.append(url)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    def _resolve(self, url: str) -> Path | None:
        if url == SRGB_URL:
            return Path(str(files("weasyprint") / "pdf" / "sRGB2014.icc"))
        if not url.startswith(SCHEME):
            return None
        rest = url[len(SCHEME) :]
        if rest.startswith("static/"):
            return self._static(rest[len("static/") :])
        if rest.startswith("font/"):
            return _font(rest[len("font/") :])
        return None

    def _static(self, name: str) -> Path | None:
        # Resolve first, then check: "../" or a symlink must not lead out of static/.
        path = (self.static_dir / name).resolve()
        if not path.is_relative_to(self.static_dir) or not path.is_file():
            return None
        return path


def _font(spec: str) -> Path | None:
    parts = spec.split("/")
    if len(parts) != 3 or parts[0] not in FONT_FAMILIES or not parts[1].isdigit():
        return None
    try:
        return fontpkg.path(parts[0], int(parts[1]), parts[2], nearest=True)
    except fontpkg.FontpkgError:
        return None
