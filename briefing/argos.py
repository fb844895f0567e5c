"""Argos Translate packages: install, list, remove, and run them with CTranslate2.

In:  a `.argosmodel` file (a zip holding one folder with `metadata.json`, `model/` (a
     CTranslate2 model) and `sentencepiece.model`), or the models folder (setting
     `models_dir`) where such packages are installed, one folder per language pair.
Out: `InstalledPackage` records, and `ArgosBackend`, whose `translate_batch()` runs the
     installed packages on a list of sentences in one batched CTranslate2 call.

Why not `argostranslate.translate`: importing it imports `argostranslate.sbd`, which
imports stanza (and with it torch, gigabytes) and minisbd at module level, and
argostranslate 1.11 lists stanza and spacy as hard dependencies.  Its own
`package.install_from_path()` extracts straight into the packages folder (no check, so a
bad archive is left half-installed) and then imports the translate module too.  The
package format itself is small and stable (documented in argostranslate/package.py), and
the two libraries that do the work, CTranslate2 and SentencePiece, are light, so we read
the layout here and run the model ourselves, with our own sentence splitting
(briefing.translate).  A plain `pip install` of the project therefore never needs
argostranslate; only `briefing models download` uses `argostranslate.package` (which
imports no torch) to reach the Argos package index, when it is installed with
`pip install --no-deps argostranslate`.  Installed folders keep Argos's layout, so
argostranslate itself can read a folder we filled (ARGOS_PACKAGES_DIR).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import zipfile
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import TranslationError
from .models import LANGS

log = logging.getLogger(__name__)

# Same decoding settings as argostranslate.translate.apply_packaged_translation (1.11):
# beam 4 (ARGOS_BEAM_SIZE), one hypothesis, length_penalty 0.2, unknowns copied.
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
PACKAGE_NAME = re.compile(r"^(?:translate-)?([a-z]{2,3})[-_]([a-z]{2,3})$")


@dataclass(frozen=True)
class InstalledPackage:
    """One installed Argos translation package (one language pair)."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""

    @property
    def id(self) -> str:
        """Argos's package name (argospm): translate-en_fr."""
        return f"translate-{self.from_code}_{self.to_code}"

    @property
    def label(self) -> str:
        """'id version', as the colophon and the cache name the model."""
        return f"{self.id} {self.version}".strip()


def installed_packages(models_dir: Path) -> list[InstalledPackage]:
    """Return the packages installed in `models_dir`, sorted by name."""
    if not models_dir.is_dir():
        return []
    found = []
    for folder in sorted(models_dir.iterdir()):
        if folder.name.startswith(".") or not (folder / "metadata.json").is_file():
            continue  # staging folders of an install in progress, stray files
        try:
            found.append(_package_from(folder, _read_metadata(folder / "metadata.json")))
        except TranslationError as exc:
            log.warning("skipping %s", exc)
    return found


def find_package(models_dir: Path, src: str, tgt: str) -> InstalledPackage | None:
    """Return the installed package translating src to tgt, if any."""
    for package in installed_packages(models_dir):
        if (package.from_code, package.to_code) == (src, tgt):
            return package
    return None


def install_package(archive: Path, models_dir: Path,
                    languages: Collection[str] = LANGS) -> InstalledPackage:
    """Check and install a .argosmodel file, replacing an older package for its pair."""
    with _open_archive(archive) as zf:
        top, metadata = _archive_metadata(archive, zf)
        package = _package_from(models_dir / "?", metadata, archive)
        _check_languages(archive, package, languages)
        with _staging_dir(models_dir) as staging:
            zf.extractall(staging)
            _check_layout(archive, staging / top)
            return _move_into_place(staging / top, models_dir, package)


def remove_package(models_dir: Path, name: str) -> InstalledPackage:
    """Remove the package called translate-en_fr (or en_fr, en-fr)."""
    match = PACKAGE_NAME.match(name.strip().lower())
    wanted = match and find_package(models_dir, match.group(1), match.group(2))
    if not wanted:
        raise TranslationError(f"{name}: no such package installed in {models_dir}")
    try:
        with _staging_dir(models_dir) as staging:
            wanted.path.rename(staging / "removed")  # atomic: gone at once, then deleted
    except OSError as exc:
        raise TranslationError(f"{wanted.path}: cannot remove ({exc.strerror})") from exc
    return wanted


def _read_metadata(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TranslationError(f"{path}: unreadable metadata.json ({exc})") from exc
    if not isinstance(data, dict):
        raise TranslationError(f"{path}: metadata.json is not a JSON object")
    return data


def _package_from(folder: Path, metadata: dict[str, Any],
                  source: Path | None = None) -> InstalledPackage:
    where = source or folder
    if metadata.get("type", "translate") != "translate":
        raise TranslationError(f"{where}: not a translation package ({metadata.get('type')})")
    codes = metadata.get("from_code"), metadata.get("to_code")
    if not all(isinstance(code, str) and re.fullmatch(r"[a-z]{2,3}", code) for code in codes):
        raise TranslationError(f"{where}: metadata.json lacks valid from_code/to_code")
    return InstalledPackage(folder, str(codes[0]), str(codes[1]),
                            str(metadata.get("package_version", "")),
                            str(metadata.get("target_prefix", "")))


@contextmanager
def _open_archive(archive: Path) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(archive) as zf:
            bad = zf.testzip()  # reads every member: a truncated or corrupt file fails here
            if bad is not None:
                raise TranslationError(f"{archive}: corrupt .argosmodel (bad CRC in {bad})")
            yield zf
    except FileNotFoundError as exc:
        raise TranslationError(f"{archive}: file not found") from exc
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise TranslationError(f"{archive}: not a valid .argosmodel zip ({exc})") from exc


def _archive_metadata(archive: Path, zf: zipfile.ZipFile) -> tuple[str, dict[str, Any]]:
    names = [PurePosixPath(n) for n in zf.namelist()]
    if any(n.is_absolute() or ".." in n.parts for n in names):
        raise TranslationError(f"{archive}: unsafe paths in the archive")
    tops = {n.parts[0] for n in names if n.parts}
    if len(tops) != 1 or f"{next(iter(tops))}/metadata.json" not in zf.namelist():
        raise TranslationError(f"{archive}: expected one folder holding metadata.json")
    top = next(iter(tops))
    try:
        metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except ValueError as exc:
        raise TranslationError(f"{archive}: metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(metadata, dict):
        raise TranslationError(f"{archive}: metadata.json is not a JSON object")
    return top, metadata


def _check_languages(archive: Path, package: InstalledPackage,
                     languages: Collection[str]) -> None:
    pair = f"{package.from_code}->{package.to_code}"
    if package.from_code == package.to_code:
        raise TranslationError(f"{archive}: package translates {pair}, a language to itself")
    if not {package.from_code, package.to_code} <= set(languages):
        raise TranslationError(
            f"{archive}: package for the wrong languages ({pair}); "
            f"briefing uses {', '.join(sorted(languages))}")


def _check_layout(archive: Path, folder: Path) -> None:
    """Load the tokenizer and the model once, so a broken package is never installed."""
    if not (folder / "sentencepiece.model").is_file():
        raise TranslationError(f"{archive}: no sentencepiece.model (BPE packages unsupported)")
    if not (folder / "model" / "model.bin").is_file():
        raise TranslationError(f"{archive}: no CTranslate2 model/model.bin")
    try:
        load_tokenizer(folder / "sentencepiece.model")
        load_translator(folder / "model")
    except Exception as exc:  # CTranslate2 raises RuntimeError, IndexError, ValueError...
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TranslationError(f"{archive}: model cannot be loaded ({reason})") from exc


@contextmanager
def _staging_dir(models_dir: Path) -> Iterator[Path]:
    """A hidden folder inside models_dir (same filesystem, so renames are atomic)."""
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=models_dir))
    except OSError as exc:
        raise TranslationError(f"{models_dir}: cannot write the models folder "
                               f"({exc.strerror or exc})") from exc
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(folder: Path, models_dir: Path,
                     package: InstalledPackage) -> InstalledPackage:
    target = models_dir / package.id
    older = find_package(models_dir, package.from_code, package.to_code)  # any folder name
    try:
        for n, old in enumerate({p for p in (older and older.path, target) if p and p.exists()}):
            old.rename(folder.parent / f"replaced-{n}")  # deleted with the staging folder
        folder.rename(target)
    except OSError as exc:
        raise TranslationError(f"{target}: cannot install ({exc.strerror})") from exc
    log.info("installed %s in %s", package.label, target)
    return InstalledPackage(target, package.from_code, package.to_code, package.version,
                            package.target_prefix)


def load_tokenizer(path: Path) -> Any:
    """Load a package's sentencepiece.model (one model for both languages, as in Argos)."""
    import sentencepiece

    return sentencepiece.SentencePieceProcessor(model_file=str(path))


def load_translator(path: Path, threads: int = 0) -> Any:
    """Load a package's CTranslate2 model/ folder on the CPU."""
    import ctranslate2

    # Same engine settings as argostranslate's defaults (cpu, 1 inter thread, auto type).
    return ctranslate2.Translator(str(path), device="cpu", inter_threads=1,
                                  intra_threads=threads, compute_type="auto")


def decoding_cap(tokens: Sequence[Sequence[str]]) -> int:
    """Longest output allowed for a batch: a runaway decoder stops here, not at 256."""
    return 2 * max((len(t) for t in tokens), default=0) + 16


class ArgosBackend:
    """Translation backend over the packages installed in a models folder.

    Each text given to translate_batch is one segment (a sentence): briefing.translate
    splits passages itself.  Models are loaded on first use and kept.
    """

    def __init__(self, models_dir: Path, *, beam_size: int = BEAM_SIZE,
                 max_batch_size: int = 32, threads: int = 0) -> None:
        self.models_dir = Path(models_dir)
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.threads = threads
        self._packages = {(p.from_code, p.to_code): p for p in installed_packages(self.models_dir)}
        self._loaded: dict[tuple[str, str], tuple[Any, Any]] = {}

    def model_id(self, src: str, tgt: str) -> str | None:
        """Return 'id version' of the direct model for src->tgt, or None."""
        package = self._packages.get((src, tgt))
        return package.label if package else None

    def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate every segment in one batched CTranslate2 call."""
        if not texts:
            return []
        package = self._packages.get((src, tgt))
        if package is None:
            raise TranslationError(f"no model installed for {src}->{tgt} in {self.models_dir}")
        translator, tokenizer = self._load(package)
        tokens = [tokenizer.encode(text, out_type=str) for text in texts]
        outputs: list[str] = [""] * len(texts)
        # Chunks of similar length, each with its own decoding cap: a runaway hypothesis
        # in a chunk of short sentences stops early instead of at the longest one's cap.
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        size = -(-len(order) // -(-len(order) // self.max_batch_size))  # even chunks: 29+29+...
        for start in range(0, len(order), size):
            chunk = order[start:start + size]
            for i, text in zip(chunk, self._run(translator, tokenizer, package,
                                                [tokens[i] for i in chunk]), strict=True):
                outputs[i] = text
        return outputs

    def _run(self, translator: Any, tokenizer: Any, package: InstalledPackage,
             tokens: list[list[str]]) -> list[str]:
        prefix = [[package.target_prefix]] * len(tokens) if package.target_prefix else None
        results = translator.translate_batch(
            tokens, target_prefix=prefix, beam_size=self.beam_size, num_hypotheses=1,
            length_penalty=LENGTH_PENALTY, replace_unknowns=True,
            max_batch_size=self.max_batch_size, batch_type="examples",
            max_decoding_length=decoding_cap(tokens))
        return [_detokenize(tokenizer, r.hypotheses[0], package.target_prefix) for r in results]

    def _load(self, package: InstalledPackage) -> tuple[Any, Any]:
        key = (package.from_code, package.to_code)
        if key not in self._loaded:
            try:
                self._loaded[key] = (load_translator(package.path / "model", self.threads),
                                     load_tokenizer(package.path / "sentencepiece.model"))
            except (RuntimeError, OSError, ValueError) as exc:
                raise TranslationError(f"{package.path}: model cannot be loaded ({exc})") from exc
        return self._loaded[key]


def _detokenize(tokenizer: Any, pieces: list[str], target_prefix: str) -> str:
    if target_prefix and pieces[:1] == [target_prefix]:
        pieces = pieces[1:]
    return str(tokenizer.decode_pieces(pieces)).strip()
