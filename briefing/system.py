"""Checks of the machine the program runs on, and progress display for long work.

WeasyPrint needs Pango (a system library, not a Python package); without it the import
fails with a long OSError.  `check()` turns that into one line that says what to install.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Iterator

from .errors import SettingsError, SystemDependencyError

log = logging.getLogger(__name__)

PANGO_HINT = ("WeasyPrint needs Pango >= 1.44: install it with "
              "`apt-get install libpango-1.0-0 libpangoft2-1.0-0` (Debian/Ubuntu), "
              "`dnf install pango` (Fedora) or `brew install pango` (macOS)")


def check() -> None:
    """Fail with one clear line when WeasyPrint cannot load its system libraries."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        raise SystemDependencyError(f"{PANGO_HINT} ({exc.__class__.__name__}: {exc})") from None


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
