"""Open the program's SQLite files, creating them readable by their owner only.

In: the path of a database (the subscribers and send ledger of `settings.database`, or
the translation cache).  Out: an open `sqlite3.Connection`.

The subscriber database holds addresses and the unsubscribe keys; the translation cache
holds article text.  Neither is anyone else's business on a shared machine, so a new
file is created with mode 0600 before SQLite opens it (SQLite gives its -wal and -shm
files the same mode).  An existing file keeps the mode its owner gave it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

PRIVATE = 0o600


def connect(path: Path | str, timeout: float = 5.0) -> sqlite3.Connection:
    """Open `path` (":memory:" too), creating it and its folders first when missing.

    Raises OSError or sqlite3.Error: the caller names the file and what it is for.
    """
    if str(path) != ":memory:":
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE))
    return sqlite3.connect(str(path), timeout=timeout)
