"""Fonts of the editions: which faces are declared, and which characters they can print.

In: the strings an edition will show.
Out: ``@font-face`` CSS (served through ``briefing.fetcher``), a RenderError for a character
of the edition's own text that the main typeface lacks, and article prose with characters
that no installed font has replaced visibly (logged with the article's name).

The main typeface is Be Vietnam Pro (PyPI package ``fontpkg-be-vietnam-pro``): complete
Vietnamese and French.  Article prose may hold anything (emoji, Hebrew, Arabic), so it can
fall back to Noto Sans (``fontpkg-noto-sans``) and to DejaVu Sans when the system has it.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont

from .errors import RenderError
from .fetcher import font_url

log = logging.getLogger(__name__)

MAIN = "Be Vietnam Pro"
FALLBACK = "Noto Sans"
MAIN_FACES: tuple[tuple[int, str], ...] = (
    (400, "normal"),
    (400, "italic"),
    (600, "normal"),
    (700, "normal"),
)
# Where Debian, Fedora and Arch put DejaVu Sans; it is optional, Noto comes from PyPI.
DEJAVU_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)


def font_face_css() -> str:
    """Return the @font-face rules of the main and fallback typefaces."""
    rules = [_face(MAIN, weight, style) for weight, style in MAIN_FACES]
    rules.append(_face(FALLBACK, 400, "normal"))
    return "\n".join(rules)


def versions() -> str:
    """Return the versions of the typefaces, for the render stage's input hash.

    The system's DejaVu Sans counts too: installing it changes how article prose with
    rare characters prints, so PDFs built without it must not be kept.
    """
    dejavu = next((str(path) for path in DEJAVU_PATHS if path.is_file()), "no DejaVu Sans")
    return ",".join([*(f"{name} {fontpkg.family(name).version}" for name in (MAIN, FALLBACK)),
                     dejavu])


def _face(family: str, weight: int, style: str) -> str:
    return (
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
        f"font-style: {style}; src: url('{font_url(family, weight, style)}'); }}"
    )


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@functools.cache
def main_coverage() -> frozenset[int]:
    """Return the code points every face of the main typeface has."""
    maps = [_cmap(fontpkg.path(MAIN, weight, style)) for weight, style in MAIN_FACES]
    return frozenset.intersection(*maps)


@functools.cache
def any_coverage() -> frozenset[int]:
    """Return the code points that the main or a fallback typeface has."""
    paths = [fontpkg.path(FALLBACK, 400, "normal", nearest=True)]
    paths += [path for path in DEJAVU_PATHS if path.is_file()][:1]
    return main_coverage().union(*(_cmap(path) for path in paths))


def _needs_glyph(char: str) -> bool:
    # Spaces, controls, joiners and variation selectors are shaped away, never drawn.
    category = unicodedata.category(char)
    if category[0] in "ZC":
        return False
    return not (0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF)


def missing(text: str, coverage: frozenset[int]) -> list[str]:
    """Return the characters of `text` that need a glyph and are not in `coverage`."""
    return sorted({ch for ch in text if _needs_glyph(ch) and ord(ch) not in coverage})


def check_own_text(strings: Iterable[tuple[str, str]]) -> None:
    """Raise RenderError for the first (what, text) whose text the main typeface cannot print."""
    coverage = main_coverage()
    for what, text in strings:
        lacking = missing(text, coverage)
        if lacking:
            codes = ", ".join(f"U+{ord(ch):04X}" for ch in lacking)
            raise RenderError(f"{what}: no glyph in {MAIN} for {codes} in {text[:80]!r}")


def printable_prose(text: str, article: str) -> str:
    """Replace characters no installed font has with a visible [U+XXXX], warning once."""
    lacking = missing(text, any_coverage())
    if not lacking:
        return text
    log.warning(
        "%s: no font has %s; shown as code points",
        article,
        ", ".join(f"U+{ord(ch):04X}" for ch in lacking),
    )
    return "".join(f"[U+{ord(ch):04X}]" if ch in lacking else ch for ch in text)
