"""Text helpers shared by the extractor and the glossary: sentence splitting, word tokens,
diacritics, near-repeats, cues.

In: clean article text (paragraphs separated by blank lines).  Out: a list of sentences
(the indices every extracted fact refers to), lower-case word tokens, the text without
diacritics, whether two sentences nearly repeat each other, or where the first of a list
of cue words is.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

import regex

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "gen", "lt", "col", "jr", "sr",
                  "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "dept", "approx", "mt",
                  "m", "mme", "mlle", "ông", "bà", "u.s", "u.k", "jan", "feb", "mar", "apr",
                  "aug", "sep", "sept", "oct", "nov", "dec", "assoc", "asst", "hon", "rev",
                  "rep", "gov", "pres", "amb", "h.e", "s.e"}
_BOUNDARY = regex.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[\p{Lu}\d])")
_WORD = regex.compile(r"[\p{L}\p{M}\d]+")
_MAX_SENTENCE = 1200  # a 'sentence' longer than this is cut (lists, run-on text)


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences, paragraph by paragraph."""
    out: list[str] = []
    for paragraph in regex.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            out.extend(_split_paragraph(paragraph))
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        candidate = paragraph[start:match.start()]
        last = candidate.rsplit(None, 1)[-1].rstrip(".").lower() if candidate.strip() else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        pieces.append(paragraph[start:match.end()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [chunk for piece in pieces if piece for chunk in _cut(piece)]


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= _MAX_SENTENCE:
        return [sentence]
    return [sentence[i:i + _MAX_SENTENCE] for i in range(0, len(sentence), _MAX_SENTENCE)]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of `text`."""
    return [t.lower() for t in _WORD.findall(text)]


def strip_marks(text: str) -> str:
    """`text` without diacritics, case kept: 'Tổng lãnh sự' -> 'Tong lanh su'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def similar(a: str, b: str) -> bool:
    """Whether two sentences or clauses say nearly the same: most of the shorter one's
    word tokens are in the other (how highlights and agreements drop a repeat)."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) > 0.6


def first_cue(cues: Sequence[str], text: str) -> int | None:
    """Where the first of `cues` (lower-case words or phrases, each starting at a word's
    start) is in `text`, compared case-folded; None when none is, or `cues` is empty.
    The offset is in `text` with one space added before it."""
    if not cues:  # (an empty alternation would match anywhere)
        return None
    match = _cue_pattern(tuple(cues)).search(f" {text.casefold()} ")
    return match.start() if match else None


@functools.cache
def _cue_pattern(cues: tuple[str, ...]) -> regex.Pattern[str]:
    # One alternation per cue list, compiled once: its leftmost match is the first cue in
    # the text, and a pattern per cue per clause filled the regex module's cache, whose
    # random evictions then recompiled the extractor's other patterns.
    return regex.compile(r"(?<![\p{L}])(?:" + "|".join(regex.escape(c) for c in cues) + ")")
