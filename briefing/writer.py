"""Write files atomically: a temporary file in the same folder, then a rename.

A crash never leaves a half-written PDF or e-mail behind: readers see the old file
or the new one, never a mix.  A write killed half-way (kill -9, power loss) leaves its
temporary file `.<name>.<8 random characters>.tmp`; `remove_stale` deletes such files
in the output folders at the start of the next run.  The writer holds an exclusive lock
on its temporary file while writing, so a live write (another run) is never removed.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

# mkstemp's names: the prefix and suffix given below around 8 of [a-z0-9_].
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
# Between mkstemp and flock a new temporary file is briefly unlocked: spare young ones.
_GRACE_SECONDS = 10


def write_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released when the process dies
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text to `path` atomically."""
    return write_bytes(path, text.encode("utf-8"))


def remove_stale(folder: Path) -> list[Path]:
    """Delete the temporary files of killed writes in `folder` and its subfolders (one level)."""
    if not folder.is_dir():
        return []
    candidates = [*folder.glob(".*.tmp"), *folder.glob("*/.*.tmp")]
    removed = [p for p in sorted(candidates) if _TEMP_NAME.fullmatch(p.name) and _remove_if_dead(p)]
    for path in removed:
        log.info("removed %s, left by an interrupted write", path)
    return removed


def _remove_if_dead(path: Path) -> bool:
    """Remove `path` if no live process holds its lock (and it is not brand new)."""
    try:
        if not path.is_file() or path.stat().st_mtime > time.time() - _GRACE_SECONDS:
            return False
        with path.open("rb") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # a write in progress
            path.unlink()
    except OSError as exc:
        log.warning("cannot remove %s, left by an interrupted write (%s)", path, exc.strerror)
        return False
    return True
