"""Machine translation of prose passages, checked, cached and labelled.

In:  source passages (highlights, agreements, the `what` of figures) in one language, the
     edition languages wanted, a Backend (ArgosBackend over installed Argos packages, or
     tests/support/fake_backend.py in logic tests), a TranslationCache, and the protected
     strings (names of people and places) that must never go through the model.
Out: a TranslationRun: for each target language one `Passage` per input, in input order;
     one `TranslationNote` per language pair for the colophon and the build summary; and
     counters (segments translated, cache hits, passages kept original).

Public API:

    class Backend(Protocol):
        def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]
        def model_id(self, src: str, tgt: str) -> str | None   # "id version" or None

    translate_passages(texts: Sequence[str], src: str, targets: Sequence[str],
                       backend: Backend, cache: TranslationCache | None = None,
                       protected: Sequence[str] = ()) -> TranslationRun
    MachineTranslator(backend, cache=None, protected=())      # the pipeline's Translator:
        .passages(texts: Sequence[str], src: str, tgt: str) -> list[Passage]
        .notes() -> list[TranslationNote];  .stats -> TranslationStats;  .close()
    open_translator(models_dir: Path, cache_path: Path | str,
                    protected: Sequence[str] = ()) -> MachineTranslator
    find_route(backend, src, tgt) -> list[Hop] | None        # direct, or pivot through en
    pair_model(backend, src, tgt) -> str | None               # colophon label of a route
    TranslationCache(path: Path | str)                        # SQLite, a context manager

Passage status: "source" (target is the source language), "machine" (translated and
passed the checks; `model` names the model(s) and versions), "original" (no model for the
pair, or the output failed a check: the source text is kept, flagged and logged).

How: names, dates and numbers are replaced by placeholders `[0]`, `[1]`...; each passage
is split into sentences; every sentence of the run goes to the model in ONE batched call
per language pair (fr->vi pivots through en: two calls); sentences already in the cache
are not sent.  The cache holds the raw model output keyed by (model id and version,
source, target, sha256 of the masked sentence), and the checks (every placeholder back
exactly once, no phrase repeated three times, not empty, sane length ratio) run again on
every use, so a rerun translates nothing and keeps the same verdicts.  Placeholders are
restored as the original names and integers; dates and grouped or decimal numbers are
written again by Babel in the target locale ("12 March 2024" -> "12 mars 2024").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from babel.dates import format_date, format_skeleton
from babel.numbers import NumberFormatError, format_decimal, get_group_symbol, parse_decimal

from . import dbfile
from .errors import TranslationError
from .models import Passage, TranslationNote

log = logging.getLogger(__name__)

PIVOT = "en"


class Backend(Protocol):
    """What translate_passages needs from a translation engine."""

    def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate each text (one sentence) from src to tgt, in order."""
        ...

    def model_id(self, src: str, tgt: str) -> str | None:
        """Return 'id version' of the direct model for src->tgt, or None if none."""
        ...


@dataclass(frozen=True)
class Hop:
    """One model call on the way from the source to the target language."""

    src: str
    tgt: str
    model: str


@dataclass
class TranslationStats:
    """Counters for the build summary and the bench (mutable: filled during a run)."""

    translated: int = 0  # sentences sent to a model (each hop counts)
    cache_hits: int = 0  # sentences served from the cache
    machine: int = 0  # passages shown machine-translated
    kept_original: int = 0  # passages kept in the source language (no model, failed check)
    failures: list[str] = field(default_factory=list)  # one line per engine failure


@dataclass(frozen=True)
class TranslationRun:
    """The outcome of translate_passages."""

    passages: dict[str, tuple[Passage, ...]]  # target language -> one Passage per input
    notes: tuple[TranslationNote, ...]  # one per (source, target) pair, target != source
    stats: TranslationStats = field(default_factory=TranslationStats)


def translate_passages(texts: Sequence[str], src: str, targets: Sequence[str],
                       backend: Backend, cache: TranslationCache | None = None,
                       protected: Sequence[str] = ()) -> TranslationRun:
    """Translate every passage into each target language; keep and flag what fails."""
    if cache is None:
        with TranslationCache(":memory:") as memory:
            return translate_passages(texts, src, targets, backend, memory, protected)
    return _translate(_Runner(backend, cache, TranslationStats()), texts, src, targets,
                      protected)


def _translate(runner: _Runner, texts: Sequence[str], src: str, targets: Sequence[str],
               protected: Sequence[str]) -> TranslationRun:
    backend, stats = runner.backend, runner.stats
    masked = [mask(text, src, protected) for text in texts]
    passages: dict[str, tuple[Passage, ...]] = {}
    notes = []
    for tgt in dict.fromkeys(targets):
        if tgt == src:
            passages[tgt] = tuple(Passage(t, src, "source", src) for t in texts)
            continue
        passages[tgt] = _to_target(runner, masked, src, tgt)
        notes.append(_note(backend, src, tgt, passages[tgt]))
    return TranslationRun(passages, tuple(notes), stats)


class MachineTranslator:
    """The pipeline's Translator: passages() per (source, target), notes() for the run.

    Keeps one cache, one backend and one in-run memo across calls, so the en hop of a
    fr->vi pivot is not translated again after fr->en.
    """

    def __init__(self, backend: Backend, cache: TranslationCache | None = None,
                 protected: Sequence[str] = ()) -> None:
        self.backend = backend
        self.cache = cache or TranslationCache(":memory:")
        self.protected = tuple(protected)
        self.stats = TranslationStats()
        self._runner = _Runner(backend, self.cache, self.stats)
        self._notes: dict[tuple[str, str], TranslationNote] = {}

    def passages(self, texts: Sequence[str], src: str, tgt: str) -> list[Passage]:
        """Return one Passage per text, in tgt (status machine) or kept original."""
        run = _translate(self._runner, texts, src, [tgt], self.protected)
        for note in run.notes:
            self._add_note(note)
        return list(run.passages[tgt])

    def notes(self) -> list[TranslationNote]:
        """One note per language pair met so far, sorted."""
        return [self._notes[pair] for pair in sorted(self._notes)]

    def failures(self) -> list[str]:
        """One line per engine failure (server down, pair refused), for the build summary."""
        engine = list(getattr(self.backend, "failures", []))
        return list(dict.fromkeys(engine + self.stats.failures))

    def close(self) -> None:
        self.cache.close()
        close = getattr(self.backend, "close", None)
        if close:
            close()

    def __enter__(self) -> MachineTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _add_note(self, note: TranslationNote) -> None:
        pair = (note.source_lang, note.target_lang)
        old = self._notes.get(pair)
        if old:
            note = TranslationNote(*pair, note.model, old.passages + note.passages,
                                   old.kept_original + note.kept_original)
        self._notes[pair] = note


def open_translator(models_dir: Path, cache_path: Path | str,
                    protected: Sequence[str] = ()) -> MachineTranslator:
    """A MachineTranslator over the Argos packages in models_dir (none installed: fine)."""
    from .argos import ArgosBackend

    return MachineTranslator(ArgosBackend(models_dir), TranslationCache(cache_path), protected)


def find_route(backend: Backend, src: str, tgt: str) -> list[Hop] | None:
    """Return the model hops from src to tgt: direct, else through English, else None."""
    direct = backend.model_id(src, tgt)
    if direct:
        return [Hop(src, tgt, direct)]
    first, second = backend.model_id(src, PIVOT), backend.model_id(PIVOT, tgt)
    if PIVOT not in (src, tgt) and first and second:
        return [Hop(src, PIVOT, first), Hop(PIVOT, tgt, second)]
    return None


def pair_model(backend: Backend, src: str, tgt: str) -> str | None:
    """Return the colophon label of the models used for src->tgt, or None."""
    route = find_route(backend, src, tgt)
    return " + ".join(hop.model for hop in route) if route else None


def _to_target(runner: _Runner, masked: list[Masked], src: str,
               tgt: str) -> tuple[Passage, ...]:
    route = find_route(runner.backend, src, tgt)
    if route is None:
        log.info("no model for %s->%s: %d passages kept in %s", src, tgt, len(masked), src)
        runner.stats.kept_original += sum(1 for m in masked if m.source.strip())
        return tuple(_original(m, src) for m in masked)
    sentences = [split_sentences(m.text) for m in masked]
    try:
        outputs = runner.translate([s for group in sentences for s in group], route)
    except TranslationError as exc:  # a server down mid-run: keep the originals, go on
        log.warning("%s->%s: %s; %d passages kept in %s", src, tgt, exc, len(masked), src)
        runner.stats.failures.append(f"{src}->{tgt}: {exc}")
        runner.stats.kept_original += sum(1 for m in masked if m.source.strip())
        return tuple(_original(m, src) for m in masked)
    label = " + ".join(hop.model for hop in route)
    result, start = [], 0
    for m, group in zip(masked, sentences, strict=True):
        joined = " ".join(outputs[start:start + len(group)])
        start += len(group)
        result.append(_checked(m, joined, src, tgt, label, runner.stats))
    return tuple(result)


def _checked(m: Masked, output: str, src: str, tgt: str, label: str,
             stats: TranslationStats) -> Passage:
    if not m.source.strip():
        return Passage(m.source, tgt, "source", src)
    problem = check_output(m, output)
    if problem:
        log.warning("%s->%s kept original (%s): %.60r", src, tgt, problem, m.source)
        stats.kept_original += 1
        return _original(m, src)
    stats.machine += 1
    return Passage(unmask(m, output, tgt), tgt, "machine", src, label, source=m.source)


def _original(m: Masked, src: str) -> Passage:
    return Passage(m.source, src, "original" if m.source.strip() else "source", src)


def _note(backend: Backend, src: str, tgt: str,
          passages: tuple[Passage, ...]) -> TranslationNote:
    model = pair_model(backend, src, tgt)
    machine = sum(1 for p in passages if p.status == "machine")
    kept = sum(1 for p in passages if p.status == "original")
    return TranslationNote(src, tgt, model, machine if model else kept, kept)


class _Runner:
    """Sends the sentences a cache does not hold to the model, one call per hop."""

    def __init__(self, backend: Backend, cache: TranslationCache, stats: TranslationStats):
        self.backend, self.cache, self.stats = backend, cache, stats
        self.memo: dict[Hop, dict[str, str]] = {}  # a pivot may reuse a direct hop

    def translate(self, sentences: list[str], route: list[Hop]) -> list[str]:
        for hop in route:
            known = self._hop(hop, sorted(set(sentences)))
            sentences = [known[s] for s in sentences]
        return sentences

    def _hop(self, hop: Hop, sentences: list[str]) -> dict[str, str]:
        known = self.memo.setdefault(hop, {})
        wanted = [s for s in sentences if s not in known]
        cached = self.cache.get_many(hop.model, hop.src, hop.tgt, wanted)
        self.stats.cache_hits += len(cached)
        known.update(cached)
        missing = [s for s in wanted if s not in cached]
        if missing:
            log.info("translating %d sentences %s->%s with %s",
                     len(missing), hop.src, hop.tgt, hop.model)
            fresh = dict(zip(missing, self.backend.translate_batch(missing, hop.src, hop.tgt),
                             strict=True))
            self.stats.translated += len(missing)
            self.cache.put_many(hop.model, hop.src, hop.tgt, fresh)
            known.update(fresh)
        return known


# --- the SQLite cache ------------------------------------------------------------------


class TranslationCache:
    """Model outputs keyed by (model 'id version', source, target, sha256 of the input)."""

    def __init__(self, path: Path | str) -> None:
        try:
            self.db = dbfile.connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise TranslationError(f"{path}: cannot open the translation cache ({exc})") from exc
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS translations (model TEXT, src TEXT, "
                            "tgt TEXT, hash TEXT, output TEXT, PRIMARY KEY (model, src, tgt, hash))")
        except sqlite3.Error as exc:
            self.db.close()
            raise TranslationError(f"{path}: cannot open the translation cache ({exc})") from exc

    def get_many(self, model: str, src: str, tgt: str, texts: Iterable[str]) -> dict[str, str]:
        """Return the cached outputs of those texts that are in the cache."""
        found = {}
        for text in texts:
            row = self.db.execute(
                "SELECT output FROM translations WHERE model=? AND src=? AND tgt=? AND hash=?",
                (model, src, tgt, text_hash(text))).fetchone()
            if row:
                found[text] = row[0]
        return found

    def put_many(self, model: str, src: str, tgt: str, outputs: dict[str, str]) -> None:
        """Store model outputs (text -> output)."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                [(model, src, tgt, text_hash(t), out) for t, out in outputs.items()])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- placeholders ------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\[\s*(\d+)\s*\]")  # tolerant of spaces the detokenizer adds

_MONTHS = {
    name: number
    for names in (
        "january february march april may june july august september october november "
        "december",
        "janvier février mars avril mai juin juillet août septembre octobre novembre "
        "décembre",
        "jan feb mar apr may jun jul aug sep oct nov dec",
    )
    for number, name in enumerate(names.split(), start=1)
} | {"sept": 9}
_MONTH = r"(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = (
    ("dmy", rf"(?P<dmy_d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<dmy_m>{_MONTH})\s+(?P<dmy_y>\d{{4}})"),
    ("mdy", rf"(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})"),
    ("my", rf"(?P<my_m>{_MONTH})\s+(?P<my_y>\d{{4}})"),
    ("vi", r"(?:ngày\s+)?(?P<vi_d>\d{1,2})\s+tháng\s+(?P<vi_m>\d{1,2})(?:,|\s+năm)\s+"
           r"(?P<vi_y>\d{4})"),
    ("iso", r"(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})"),
)
# Organisation acronyms (VCCI, ASEAN, EU, CCI): a model would translate or mangle them.
_ACRONYM = r"[A-Z][A-Z0-9&]*[A-Z](?:s\b)?"
_NUMBER = r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?(?:/\d+)*"


@dataclass(frozen=True)
class Token:
    """What one placeholder stands for."""

    original: str
    kind: str  # "name", "date", "month", "number"
    date: dt.date | None = None


@dataclass(frozen=True)
class Masked:
    """A passage with names, dates and numbers replaced by [0], [1]..."""

    source: str
    text: str
    tokens: tuple[Token, ...]
    lang: str


def mask(text: str, lang: str, protected: Sequence[str] = ()) -> Masked:
    """Replace protected strings, dates and numbers by numbered placeholders."""
    names = sorted({p.strip() for p in protected if p.strip()}, key=len, reverse=True)
    parts = [rf"(?P<name>{'|'.join(map(re.escape, names))})"] if names else []
    parts += [rf"(?P<{kind}>{pattern})" for kind, pattern in _DATES]
    parts.append(rf"(?P<acronym>{_ACRONYM})")
    # A plain space groups thousands in French and Vietnamese ("1 500"), not in English.
    number = _NUMBER if lang == "en" else _NUMBER.replace(r"\u202f]", r"\u202f ]", 1)
    parts.append(rf"(?P<number>{number})")
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")
    tokens: list[Token] = []

    def replace(match: re.Match[str]) -> str:
        tokens.append(_token(match))
        return f"[{len(tokens) - 1}]"

    return Masked(text, pattern.sub(replace, text), tuple(tokens), lang)


def _token(match: re.Match[str]) -> Token:
    kind = match.lastgroup or "number"
    if kind in ("name", "number", "acronym"):
        return Token(match.group(), "name" if kind == "acronym" else kind)
    g = {k.split("_")[1]: v for k, v in match.groupdict().items() if v and "_" in k}
    month = _MONTHS.get(g["m"].lower().rstrip("."), 0) if not g["m"].isdigit() else int(g["m"])
    try:
        day = dt.date(int(g["y"]), month, int(g.get("d", 1)))
    except ValueError:
        return Token(match.group(), "number")  # not a real date: restore it verbatim
    return Token(match.group(), "month" if kind == "my" else "date", day)


def unmask(m: Masked, output: str, tgt: str) -> str:
    """Put names back verbatim, and dates and numbers in the target locale."""
    return PLACEHOLDER.sub(lambda g: _render(m.tokens[int(g.group(1))], m.lang, tgt), output)


def _render(token: Token, src: str, tgt: str) -> str:
    if token.date and token.kind == "month":
        return format_skeleton("yMMMM", token.date, locale=tgt)
    if token.date:
        return format_date(token.date, "long", locale=tgt)
    if token.kind == "number" and re.search(r"[.,\u00a0\u202f]", token.original):
        return _number(token.original, src, tgt)
    return token.original


def _number(text: str, src: str, tgt: str) -> str:
    grouped = re.sub(r"[\u00a0\u202f ]", get_group_symbol(src), text)  # "1 500" in fr
    try:
        value = parse_decimal(grouped, locale=src, strict=True)
    except NumberFormatError:
        return text  # ambiguous grouping: better verbatim than wrong
    return format_decimal(value, locale=tgt, decimal_quantization=False)


# --- checks ------------------------------------------------------------------------------


def check_output(m: Masked, output: str) -> str | None:
    """Return why a model output must not be shown, or None when it passes."""
    if not output.strip() or not re.search(r"\w", PLACEHOLDER.sub("", output)):
        return "empty output"
    found = sorted(int(i) for i in PLACEHOLDER.findall(output))
    if found != list(range(len(m.tokens))):
        return "lost placeholder"
    if repeats(output) and not repeats(m.text):
        return "repeated phrase"
    ratio = (len(output) + 10) / (len(m.text) + 10)
    if not 1 / 3 <= ratio <= 3:
        return f"absurd length ratio {ratio:.1f}"
    return None


def repeats(text: str) -> bool:
    """True when a phrase of 2-4 words comes 3 times in a row (a word: 4 times)."""
    words = re.findall(r"\w+|[^\w\s]", text.lower())
    for size in range(1, 5):
        times = 4 if size == 1 else 3
        for i in range(len(words) - size * times + 1):
            chunk = words[i:i + size]
            if all(words[i + k * size:i + (k + 1) * size] == chunk for k in range(1, times)):
                return True
    return False


# --- sentences ---------------------------------------------------------------------------

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jr", "sr", "gen", "col", "lt", "gov", "sen", "rep", "m", "mme", "mm", "e.g",
    "i.e", "u.s", "u.k", "approx", "dept", "est", "fig", "p", "pp", "vol",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"'”»)]*\s+")


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences (Argos models are trained on single sentences)."""
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match):
            sentences.append(text[start:match.end()].strip())
            start = match.end()
    tail = text[start:].strip()
    return [s for s in [*sentences, tail] if s]


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    following = text[match.end():match.end() + 2]
    if not following or not (following[0].isupper() or following[0] in "[\"'“«(" ):
        return False
    before = re.search(r"([\w.]+)[.!?…]*$", text[:match.start() + 1])
    word = before.group(1).lower().rstrip(".") if before else ""
    return word not in _ABBREVIATIONS and not (len(word) == 1 and word.isalpha())


class NoBackend:
    """The `none` engine: no pair has a model, so passages are by hand or original."""

    def model_id(self, src: str, tgt: str) -> str | None:
        return None

    def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        raise TranslationError("machine translation is switched off (translation_engine = none)")
