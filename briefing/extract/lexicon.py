"""The extractor's word lists, read once from briefing/data/lexicon/.

In: a list's name ("vn_surnames", "exonyms"...).  Out: its entries: `words(name)` for a
plain-text list (one entry a line, `#` comments), `table(name)` for a TOML mapping
(name = code).  Each file starts with a comment saying what the list is for.

Why data files: a newcomer adds a surname or an exonym without reading a pattern, and
the lists are reviewed as vocabularies, not as code.  Each file is read once (cached).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import regex

from ..errors import InputError

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `name`.txt in file order (blank lines and `#` comments skipped)."""
    path = LEXICON_DIR / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read word list ({exc})") from exc
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@cache
def words(name: str) -> frozenset[str]:
    """The entries of `name`.txt as a set (for membership tests)."""
    return frozenset(entries(name))


def alternation(name: str) -> str:
    """The entries of `name`.txt as a regular-expression alternation, in file order
    (escaped), for a pattern built from a word list."""
    return "|".join(regex.escape(entry) for entry in entries(name))


@cache
def table(name: str) -> dict[str, str]:
    """The mapping in `name`.toml (entry = value), in file order."""
    path = LEXICON_DIR / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read lexicon table ({exc})") from exc
    bad = [key for key, value in data.items() if not isinstance(value, str)]
    if bad:
        raise InputError(f"{path}: {bad[0]} must map to a string")
    return data
