"""The extractor's test corpus, as listed by tests/corpus/manifest.toml.

In: the manifest (one `[[set]]` table per set: name, articles, gold, origin, split,
external, env, note; its header explains each key).  Out: `CorpusSet` records, the article
files of a set and its (article, gold sheet) pairs.  Everything that reads a set (the
goldens, the rule tests, bench/*.py) goes through here, so that adding a set is one
manifest entry and nobody globs for folder names.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "tests" / "corpus" / "manifest.toml"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
ORIGINS = ("generated", "own", "seed", "real-found", "real-dev")
SPLITS = ("tuning", "holdout")


@dataclass(frozen=True)
class CorpusSet:
    name: str
    origin: str
    split: str
    articles: Path | None  # None: an external set that is not on this machine
    gold: Path | None  # None: no gold sheets (or the set is absent)
    external: bool
    where: str  # the manifest's path, for messages when the set is absent
    note: str
    goldens: bool = True  # each article's facts checked against tests/goldens/<name>/

    @property
    def present(self) -> bool:
        return self.articles is not None


def load(manifest: Path = MANIFEST) -> tuple[CorpusSet, ...]:
    """Every set of the manifest, in its order; ValueError naming the entry if one is wrong."""
    entries = tomllib.loads(manifest.read_text(encoding="utf-8")).get("set", [])
    found = tuple(_entry(e, manifest) for e in entries)
    names = [s.name for s in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"{manifest.name}: set listed twice: {', '.join(twice)}")
    return found


def sets(*, present: bool = True, split: str | None = None) -> tuple[CorpusSet, ...]:
    """The manifest's sets (only those on this machine unless present=False)."""
    return tuple(s for s in load() if (s.present or not present)
                 and (split is None or s.split == split))


def by_name(name: str) -> CorpusSet:
    return next(s for s in load() if s.name == name)


def articles(folder: Path) -> list[Path]:
    """The article files of a folder (gold sheets and READMEs are not articles)."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def stem(article: Path) -> str:
    """'001_lyon.txt' -> '001_lyon': the key shared by an article, its gold sheet and golden."""
    return article.name.split(".")[0]


def gold_pairs(corpus_set: CorpusSet) -> list[tuple[str, Path, dict[str, Any]]]:
    """(article stem, article file, gold sheet) for every article of the set that has a sheet."""
    if corpus_set.articles is None or corpus_set.gold is None:
        return []
    files = {stem(p): p for p in articles(corpus_set.articles)}
    return [(stem(sheet), files[stem(sheet)], json.loads(sheet.read_text(encoding="utf-8")))
            for sheet in sorted(corpus_set.gold.glob("*.facts.json"))]


def _entry(entry: dict[str, Any], manifest: Path) -> CorpusSet:
    name = str(entry.get("name", ""))
    missing = [k for k in ("name", "articles", "origin", "split") if k not in entry]
    if missing:
        raise ValueError(f"{manifest.name}: set {name or '?'}: missing {', '.join(missing)}")
    if entry["origin"] not in ORIGINS or entry["split"] not in SPLITS:
        raise ValueError(f"{manifest.name}: set {name}: origin must be one of {ORIGINS} "
                         f"and split one of {SPLITS}")
    external = bool(entry.get("external", False))
    folder = _external(entry) if external else ROOT / entry["articles"]
    if folder is not None and not folder.is_dir():
        raise ValueError(f"{manifest.name}: set {name}: no folder {entry['articles']}")
    gold_key = entry.get("gold", entry["articles"])
    # An external set keeps its gold sheets beside its articles, wherever those were found.
    gold = None if folder is None or gold_key == "" else (
        folder if external else ROOT / gold_key)
    return CorpusSet(name=name, origin=entry["origin"], split=entry["split"], articles=folder,
                     gold=gold, external=external, where=entry["articles"],
                     note=entry.get("note", ""), goldens=bool(entry.get("goldens", True)))


def _external(entry: dict[str, Any]) -> Path | None:
    """The folder of an external set: its variable, else the path from the main clone or
    from a worktree under wt/ (one level deeper); None when it is not on this machine."""
    env = os.environ.get(entry.get("env", ""), "") if entry.get("env") else ""
    if env:
        return Path(env) if Path(env).is_dir() else None
    candidates = (ROOT / entry["articles"], ROOT.parent / entry["articles"])
    return next((p.resolve() for p in candidates if p.is_dir()), None)
