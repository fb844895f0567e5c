"""Checks of the machine the program runs on, and progress display for long work.

WeasyPrint needs Pango (a system library, not a Python package); without it the import
fails with a long OSError.  `check()` turns that into one line that says what to install.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator

from .errors import SystemDependencyError

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
def progress() -> Iterator[Callable[[str], None]]:
    """Yield a `step(message)` callback: a rich spinner on a terminal, log lines otherwise."""
    if not sys.stderr.isatty():
        yield lambda message: log.info("%s", message)
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("working…") as status:
        yield lambda message: status.update(message)
