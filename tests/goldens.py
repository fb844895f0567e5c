"""Golden facts: the full expected output of the extractor for every article of every set.

In: an article file of a set of tests/corpus/manifest.toml.  Out: the facts JSON
`briefing extract --json` prints for it, without the article's own sentences (the input,
not a fact) and with the file name as `source`; for an external set such as the real
development set (other people's writing, kept outside the repository) without the
highlights and the figures' sentences too, which are whole sentences of the article, and
with every other long quote of the article replaced by its digest (`without_quotes`).  `tests/test_goldens.py` compares
each article's facts with tests/goldens/<set>/<article>.json field by field;
`make update-goldens` rewrites them after a deliberate change.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from support.corpus import CorpusSet, stem

from briefing.extract import extract
from briefing.facts_json import facts_to_json
from briefing.readers import read_article

ROOT = Path(__file__).resolve().parent.parent
GOLDENS = ROOT / "tests" / "goldens"
_NOT_FACTS = ("sentences",)
_REAL_TEXT = ("highlights", "highlights_sentences")  # verbatim sentences of the article


def golden_path(set_name: str, article: Path) -> Path:
    return GOLDENS / set_name / f"{stem(article)}.json"


def facts_of(corpus_set: CorpusSet, article: Path) -> dict[str, Any]:
    facts = facts_to_json(extract(read_article(article)))
    # An external set is other people's writing kept outside the repository: its goldens
    # keep the facts, not the article's sentences.
    outside = corpus_set.external
    dropped = _NOT_FACTS + (_REAL_TEXT if outside else ())
    kept = {k: v for k, v in facts.items() if k not in dropped and k != "source"}
    if outside:  # a figure quotes its whole sentence: keep the figure, not the sentence
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
    """One readable entry per field that differs, first line "label: field: ..."."""
    return [f"{label}: {field}: {text}" for field, text in field_changes(expected, got).items()]


def field_changes(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, str]:
    """Field -> what changed in it, for every field that differs (absent fields included)."""
    found = {}
    for field in [*expected, *(k for k in got if k not in expected)]:
        want, have = expected.get(field, "<absent>"), got.get(field, "<absent>")
        if want != have:
            found[field] = _difference(want, have)
    return found


def _difference(want: Any, have: Any) -> str:
    """A list as the items that went and came, a record as the keys that changed: a
    20-item list that lost one item reads as that item, not as two 20-item dumps."""
    if isinstance(want, list) and isinstance(have, list):
        gone = [w for w in want if w not in have]
        came = [h for h in have if h not in want]
        if not gone and not came:
            return f"same items, new order: {_short(have)}"
        return "\n".join([f"{len(want)} items expected, {len(have)} got",
                          *(f"  - {_short(w)}" for w in gone), *(f"  + {_short(h)}" for h in came)])
    if isinstance(want, dict) and isinstance(have, dict):
        keys = [k for k in [*want, *(k for k in have if k not in want)]
                if want.get(k, "<absent>") != have.get(k, "<absent>")]
        return "\n".join(["changed:", *(f"  {k}: expected {_short(want.get(k, '<absent>'))}, "
                                        f"got {_short(have.get(k, '<absent>'))}" for k in keys)])
    return f"expected {_short(want)}, got {_short(have)}"


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"
