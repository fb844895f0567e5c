"""Benchmark: how much of each edition is English, read back from the PDF's own text.

Builds every edition of the seed months, and of the months of the real articles in
../shared/real/ (read in place, never copied), with no translation model (prose kept in
English, labelled), then reads each PDF with pdftotext and prints per edition:

  english   share of words that sit on English lines, labelled or not;
  outside   the same share, leaving out the lines of labelled original-text blocks;
  pages     the PDF's page count.

An English line has at least 4 words, at least 15% of them English function words
(bench/data/english_function_words.txt).  A line belongs to a labelled block when its
text is part of a passage the edition keeps in its source language (status "original")
or is such a block's label.  Targets per vi/fr edition (issue #12): english <= 0.15,
outside <= 0.02.  Nothing here asserts; it prints tables.

    python bench/bench_language.py [FOLDER]   # FOLDER: keep the PDFs there to look at
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/real from the main checkout, ../../shared/real from a worktree under wt/.
REAL_CANDIDATES = (ROOT.parent / "shared" / "real", ROOT.parent.parent / "shared" / "real")
WORDS_FILE = Path(__file__).resolve().parent / "data" / "english_function_words.txt"
MIN_WORDS, MIN_SHARE = 4, 0.15

sys.path.insert(0, str(ROOT))

from briefing import i18n, pipeline  # noqa: E402
from briefing.localise import KeepOriginal  # noqa: E402
from briefing.models import Edition, Passage  # noqa: E402
from briefing.render import Renderer  # noqa: E402


def function_words() -> frozenset[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _squash(text: str) -> str:
    """The words of `text`, lower case, one space apart: quotation marks, spacing and
    punctuation the layout adds around a quoted sentence do not matter."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _words(line: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", line) if any(c.isalpha() for c in w)]


def is_english(words: list[str], known: frozenset[str]) -> bool:
    if len(words) < MIN_WORDS:
        return False
    hits = sum(1 for w in words if w.casefold() in known)
    return hits / len(words) >= MIN_SHARE


def original_texts(value: object) -> Iterator[str]:
    """Every passage of the edition kept in its source language, wherever it sits."""
    if isinstance(value, Passage):
        if value.status == "original":
            yield _squash(value.text)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "facts":
                yield from original_texts(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for element in value:
            yield from original_texts(element)


def measure(pdf: Path, edition: Edition, known: frozenset[str]) -> tuple[float, float, int]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    originals = list(original_texts(edition))
    labels = {_squash(label) for label in i18n.original_labels(edition.lang).values()}
    labels |= {_squash(i18n.tr(edition.lang, "Original text, not translated"))}
    total = english = outside = 0
    for line in text.splitlines():
        words = _words(line)
        total += len(words)
        if not is_english(words, known):
            continue
        english += len(words)
        squashed = _squash(line)
        labelled = squashed in labels or any(f" {squashed} " in f" {o} " for o in originals)
        outside += 0 if labelled else len(words)
    pages = text.count("\f")
    return english / max(total, 1), outside / max(total, 1), pages


def build(articles: list[Path], out_dir: Path) -> list[tuple[Edition, Path]]:
    facts, problems = pipeline.read_and_extract(articles)
    for problem in problems:
        print(f"skipped: {problem}", file=sys.stderr)
    months, _undated = pipeline.group_by_month(pipeline.infer_missing_years(facts))
    editions = pipeline.editions_for(months, pipeline.Selection(), KeepOriginal())
    renderer = Renderer(out_dir)
    return [(e, Path(renderer.render(e, force=True).path)) for e in editions]


def table(title: str, rows: Iterable[tuple[Edition, Path]], known: frozenset[str]) -> None:
    print(f"\n## language: {title}\n")
    print("| edition | english | outside labelled blocks | pages | target met |")
    print("|---|---:|---:|---:|:---:|")
    for edition, pdf in sorted(rows, key=lambda r: r[0].stem):
        english, outside, pages = measure(pdf, edition, known)
        target = "" if edition.lang == "en" else \
            ("yes" if english <= 0.15 and outside <= 0.02 else "no")
        print(f"| {edition.stem} | {english:.2f} | {outside:.3f} | {pages} | {target} |")


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1754006400")
    known = function_words()
    sets = [("seeds/", pipeline.article_paths(ROOT / "seeds"))]
    real = next((p for p in REAL_CANDIDATES if p.is_dir()), None)
    if real:
        # The folder's README is no article: only the .txt copies are.
        sets.append((f"real articles ({real})", sorted(real.glob("*.txt"))))
    else:
        print("\n(real articles not found at ../shared/real: skipped)")
    keep = Path(sys.argv[1]) if len(sys.argv) > 1 else None  # a folder to keep the PDFs in
    for number, (title, paths) in enumerate(sets):
        with tempfile.TemporaryDirectory() as tmp:
            out = keep / str(number) if keep else Path(tmp)
            table(title, build(paths, out), known)


if __name__ == "__main__":
    main()
