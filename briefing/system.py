"""Checks of the machine the program runs on, and progress display for long work.

WeasyPrint needs Pango (a system library, not a Python package); without it the import
fails with a long OSError.  `check()` turns that into one line that says what to install.
HarfBuzz-Subset is recommended, not required: without it WeasyPrint warns once at import
(a DeprecationWarning) and once more for every font of every PDF.  `check()` says it
once, with the package to install, and quiets WeasyPrint's repeats of the same fact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterator

from .errors import SettingsError, SystemDependencyError

log = logging.getLogger(__name__)

PANGO_HINT = ("WeasyPrint needs Pango >= 1.44: install it with "
              "`apt-get install libpango-1.0-0 libpangoft2-1.0-0` (Debian/Ubuntu), "
              "`dnf install pango` (Fedora) or `brew install pango` (macOS)")


HARFBUZZ_SUBSET_HINT = ("libharfbuzz-subset0 is missing: fonts are subset with fontTools "
                        "instead (slower); install it with `apt-get install libharfbuzz-subset0`")

# WeasyPrint's own words for that same fact, matched by their exact text (tests/conftest.py
# and pyproject.toml filter the first one by this text too).
WEASYPRINT_HARFBUZZ_WARNING = "HarfBuzz-Subset will be required by future versions of WeasyPrint"
WEASYPRINT_FONTTOOLS_LOG = "Using fontTools instead of HarfBuzz-Subset"


def check() -> None:
    """Fail with one clear line when WeasyPrint cannot load its system libraries.

    A missing optional library is logged once per process (see `machine_notes`).
    """
    for note in machine_notes():
        _log_once(note)


def machine_notes() -> tuple[str, ...]:
    """Import WeasyPrint; return one line per recommended system library it lacks.

    Raise SystemDependencyError when a required one (Pango) is missing.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=WEASYPRINT_HARFBUZZ_WARNING,
                                category=DeprecationWarning)
        try:
            import weasyprint  # noqa: F401
        except OSError as exc:
            raise SystemDependencyError(f"{PANGO_HINT} ({exc.__class__.__name__}: {exc})") from None
    from weasyprint.text import ffi

    # WeasyPrint keeps the loaded library (or None) as a module attribute: asking it is the
    # only way to know what it found, whichever file name the platform gave the library.
    if getattr(ffi, "harfbuzz_subset", True) is not None:
        return ()
    _quiet_fonttools_notice()
    return (HARFBUZZ_SUBSET_HINT,)


@functools.cache
def _log_once(note: str) -> None:
    log.warning("%s", note)


def _drop_fonttools_notice(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(WEASYPRINT_FONTTOOLS_LOG)


@functools.cache
def _quiet_fonttools_notice() -> None:
    """Drop WeasyPrint's per-font repeat of the note (88 lines for the seeds' editions)."""
    logging.getLogger("weasyprint").addFilter(_drop_fonttools_notice)


@contextlib.contextmanager
def progress(show: bool = True) -> Iterator[Callable[[str], None]]:
    """Yield a `step(message)` callback: a rich spinner on a terminal, log lines otherwise.

    `show=False` (the CLI's -q) never draws the spinner: the log lines are then filtered out.
    """
    if not show or not sys.stderr.isatty():
        yield lambda message: log.info("%s", message)
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("working…") as status:
        yield lambda message: status.update(message)


def source_date() -> dt.datetime | None:
    """The moment SOURCE_DATE_EPOCH names (reproducible builds), or None when it is unset.

    One parser for every "now" of the program, so a bad value is one clear error rather
    than a traceback in one place and silently ignored in another.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        if not raw.isdigit():
            raise ValueError(raw)
        return dt.datetime.fromtimestamp(int(raw), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise SettingsError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970, got {raw!r}"
                            ) from None
