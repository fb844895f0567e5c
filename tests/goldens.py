"""Golden facts: the full expected output of the extractor for every article of every set.

In: an article file.  Out: the facts JSON `briefing extract --json` prints for it, without
the article's own sentences (the input, not a fact) and with the file name as `source`;
for the real set (other people's writing, kept outside the repository) without the
highlights and the figures' sentences too, which are whole sentences of the article, and
with every other long quote of the article replaced by its digest (`without_quotes`).  `tests/test_goldens.py` compares
each article's facts with its file in tests/goldens/<set>/ field by field;
`make update-goldens` rewrites them after a deliberate change.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from briefing.extract import extract
from briefing.facts_json import facts_to_json
from briefing.readers import read_article

ROOT = Path(__file__).resolve().parent.parent
GOLDENS = ROOT / "tests" / "goldens"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_NOT_FACTS = ("sentences",)
_REAL_TEXT = ("highlights", "highlights_sentences")  # verbatim sentences of the article


def real_set() -> Path | None:
    """../shared/real from the main clone (a worktree under wt/ sits one level deeper), or
    BRIEFING_REAL_SET; None when the development set is not on this machine."""
    env = os.environ.get("BRIEFING_REAL_SET")
    candidates = [Path(env)] if env else [ROOT.parent / "shared" / "real",
                                          ROOT.parent.parent / "shared" / "real"]
    return next((p for p in candidates if p.is_dir()), None)


def sets() -> dict[str, Path]:
    """Set name -> folder of its articles (the real set only when present)."""
    found = {"seeds": ROOT / "seeds", "cases": ROOT / "tests" / "cases"}
    blind = sorted((p for p in (ROOT / "tests").glob("blind*") if p.is_dir()),
                   key=lambda p: int(p.name[5:] or 1))
    found.update({p.name: p for p in blind})
    real = real_set()
    if real is not None:
        found["real"] = real
    return found


def articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def golden_path(set_name: str, article: Path) -> Path:
    return GOLDENS / set_name / f"{article.name.split('.')[0]}.json"


def facts_of(set_name: str, article: Path) -> dict[str, Any]:
    facts = facts_to_json(extract(read_article(article)))
    real = set_name == "real"
    dropped = _NOT_FACTS + (_REAL_TEXT if real else ())
    kept = {k: v for k, v in facts.items() if k not in dropped and k != "source"}
    if real:  # a figure quotes its whole sentence: keep the figure, not the sentence
        kept["figures"] = [{k: v for k, v in f.items() if k != "sentence_text"}
                           for f in kept["figures"]]
        kept = without_quotes(kept, article.read_text(encoding="utf-8", errors="replace"))
    return {"source": article.name, **kept}


QUOTE_CHARS = 40  # a longer string found word for word in a real article is a quote of it


def without_quotes(value: Any, text: str) -> Any:
    """`value` with every string that quotes `text` at length (an agreement clause, a
    summary sentence, a figure's context) replaced by its digest: a change still shows as
    a changed field, and the repository keeps no passage of other people's writing."""
    if isinstance(value, str):
        if len(value) >= QUOTE_CHARS and value in text:
            digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]
            return f"quote sha256:{digest} ({len(value)} characters)"
        return value
    if isinstance(value, list):
        return [without_quotes(v, text) for v in value]
    if isinstance(value, dict):
        return {k: without_quotes(v, text) for k, v in value.items()}
    return value


def write(path: Path, facts: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(facts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def changes(label: str, expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """One readable line per field that differs."""
    lines = []
    for field in [*expected, *(k for k in got if k not in expected)]:
        want, have = expected.get(field, "<absent>"), got.get(field, "<absent>")
        if want != have:
            lines.append(f"{label}: {field}: expected {_short(want)}, got {_short(have)}")
    return lines


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"
