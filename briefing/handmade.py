"""Translations by hand: the SQLite store and the translator that puts them first.

In:  HandEntry records checked by briefing.po (a source passage, its translation by a
     person, the target language, the article and sentence it came from), and the
     pipeline's machine Translator.
Out: HandStore, a table `hand_translations` in the translation cache file (keyed by the
     sha256 of the source text and the target language), and HandFirst, a Translator
     whose passages are, per passage: the hand translation (status "hand"), else what
     the machine translator gives (checked machine translation, else the original).

Why keyed by the text and not by the article: the same sentence quoted by two articles
is translated once, and a hand translation survives re-extraction as long as its source
sentence is unchanged.  The context (article#sentence) is kept too, so that when a
sentence changes, the next export can offer the old translation as a fuzzy suggestion.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import TranslationError
from .localise import Translator
from .models import Passage, TranslationNote
from .translate import text_hash

_SCHEMA = """CREATE TABLE IF NOT EXISTS hand_translations (
    tgt TEXT NOT NULL, hash TEXT NOT NULL, src TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, context TEXT NOT NULL DEFAULT '', translator TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tgt, hash))"""


@dataclass(frozen=True)
class HandEntry:
    """One passage translated by a person."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    context: str = ""  # "article.txt#3": the article and the passage's number in it
    translator: str = ""  # the PO file's Last-Translator


class HandStore:
    """Hand translations in SQLite (the translation cache file, its own table)."""

    def __init__(self, path: Path | str) -> None:
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path))
            self.db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise TranslationError(f"{path}: cannot open the translation cache ({exc})") from exc

    def get_many(self, texts: Iterable[str], tgt: str) -> dict[str, str]:
        """Return the hand translations into tgt of those texts that have one."""
        found = {}
        for text in texts:
            row = self.db.execute("SELECT target FROM hand_translations WHERE tgt=? AND hash=?",
                                  (tgt, text_hash(text))).fetchone()
            if row:
                found[text] = row[0]
        return found

    def by_context(self, context: str, tgt: str) -> HandEntry | None:
        """The latest hand translation stored for this article#sentence, whatever its source."""
        row = self.db.execute(
            "SELECT source, target, src, context, translator FROM hand_translations "
            "WHERE tgt=? AND context=? ORDER BY rowid DESC LIMIT 1", (tgt, context)).fetchone()
        return HandEntry(row[0], row[1], row[2], tgt, row[3], row[4]) if row else None

    def put_many(self, entries: Sequence[HandEntry]) -> list[HandEntry]:
        """Store the entries in one transaction; return those that changed something."""
        changed = [e for e in entries
                   if self.get_many([e.source], e.tgt_lang).get(e.source) != e.target]
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO hand_translations VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(e.tgt_lang, text_hash(e.source), e.src_lang, e.source, e.target, e.context,
                  e.translator) for e in changed])
        return changed

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM hand_translations").fetchone()[0])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> HandStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class HandFirst:
    """A Translator: hand translations first, the machine translator for the rest."""

    def __init__(self, store: HandStore, machine: Translator) -> None:
        self.store = store
        self.machine = machine
        self.hand = 0  # passages served by hand, for the build summary

    def passages(self, texts: Sequence[str], src: str, tgt: str) -> list[Passage]:
        """One Passage per text: by hand when the store has it, else the machine's."""
        hand = {} if src == tgt else self.store.get_many(texts, tgt)
        self.hand += len(hand)
        rest = [t for t in texts if t not in hand]
        machine = iter(self.machine.passages(rest, src, tgt) if rest else [])
        return [Passage(hand[t], tgt, "hand", src, source=t) if t in hand else next(machine) for t in texts]

    def notes(self) -> list[TranslationNote]:
        return self.machine.notes()

    def __getattr__(self, name: str) -> object:
        # stats, failures(), close(): whatever the machine translator offers
        return getattr(self.machine, name)
