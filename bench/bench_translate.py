"""Translation throughput at Argos model size: our batched path vs argostranslate's per-text path.

Builds, in a temporary folder, a .argosmodel of Argos's real size (transformer-base: 6+6
layers, d_model 512, FFN 2048, 8 heads, int8, random weights, a 32000-entry vocabulary
over a small SentencePiece model), installs it, and times on the same ~200 sentences:

- ours: briefing.translate.translate_passages -> ArgosBackend, one batched call;
- argostranslate per text: its own `translate()` when `argostranslate.translate` can be
  imported; otherwise (it imports stanza and torch) a faithful emulation of its
  `apply_packaged_translation`: one `translate_batch` call per text, beam 4, one
  hypothesis, length_penalty 0.2, replace_unknowns, max_batch_size 32 tokens;
- a fully cached rerun of ours, which must translate 0 sentences.

Random weights never emit the end token, so every output runs to the decoding cap: both
paths use the same cap rule (2 x longest source + 16 tokens; ours per call, which is the
unfavourable side for batching), where argostranslate would decode up to 256 tokens.

Run: PYTHONPATH=. python bench/bench_translate.py [--sentences 200]
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(_ROOT), str(_ROOT / "tests")]  # tests/support: the Argos package builder

from support.argos_build import ARGOS_SIZE, build_argosmodel  # noqa: E402

from briefing import argos  # noqa: E402
from briefing.translate import TranslationCache, translate_passages  # noqa: E402

T = TypeVar("T")

SUBJECTS = ["The minister", "The delegation", "The governor of the province", "The mayor",
            "The president of the chamber of commerce", "A regional councillor",
            "The ambassador", "The deputy mayor", "Business leaders", "The two sides"]
VERBS = ["met", "visited", "discussed", "signed an agreement with", "welcomed",
         "presented a proposal to", "toured", "held talks with", "praised", "invited"]
OBJECTS = ["the local authorities", "investors in renewable energy", "the new container port",
           "a vocational training school", "partners in the textile sector",
           "the university hospital", "the regional council", "a delegation of farmers",
           "companies working in logistics", "the organisers of the trade fair"]
TAILS = ["to strengthen cooperation in education and health", "during a three-day visit",
         "to promote trade and investment between the two countries",
         "and agreed to meet again next year", "in the presence of the press",
         "to open a direct air route", "as part of the decentralised cooperation programme",
         "and called for closer links between small businesses", ""]


def sentences(count: int, seed: int = 1) -> list[str]:
    """Plausible, distinct English sentences of 8 to 30 words."""
    rng = random.Random(seed)
    made: dict[str, None] = {}
    while len(made) < count:
        parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)]
        made[" ".join(p for p in parts if p) + f" ({rng.randint(1, 99)} participants)."] = None
    return list(made)


def build_model(folder: Path) -> Path:
    """A transformer-base .argosmodel (random weights), installed into folder/models."""
    lines = sentences(2000, seed=7)
    archive = build_argosmodel(folder / "translate-en_fr-1_0.argosmodel", "en", "fr", lines,
                               shape=ARGOS_SIZE, sentencepiece_size=2000)
    argos.install_package(archive, folder / "models")
    return folder / "models"


def argos_per_text(models_dir: Path) -> tuple[str, Callable[[list[str]], list[str]]]:
    """argostranslate's translate(), or its emulation when stanza/torch are missing."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(models_dir)
    try:
        from argostranslate import translate  # imports stanza and torch

        translation = translate.get_translation_from_codes("en", "fr")
        return "argostranslate translate() per text", lambda texts: [
            translation.translate(t) for t in texts]
    except ImportError:
        return "argostranslate per text (emulated: its translate module needs torch)", \
            _emulated(models_dir)


def _emulated(models_dir: Path) -> Callable[[list[str]], list[str]]:
    """apply_packaged_translation of argostranslate 1.11, one text (one sentence) a call."""
    package = argos.find_package(models_dir, "en", "fr")
    assert package is not None
    translator = argos.load_translator(package.path / "model")
    tokenizer = argos.load_tokenizer(package.path / "sentencepiece.model")

    def one(text: str) -> str:
        tokens = [tokenizer.encode(text, out_type=str)]
        result = translator.translate_batch(
            tokens, replace_unknowns=True, max_batch_size=32, batch_type="tokens",
            beam_size=max(1, argos.BEAM_SIZE), num_hypotheses=1,
            length_penalty=argos.LENGTH_PENALTY, return_scores=True,
            max_decoding_length=argos.decoding_cap(tokens))
        return str(tokenizer.decode_pieces(result[0].hypotheses[0]))

    return lambda texts: [one(t) for t in texts]


def timed(func: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> None:
    """Build the model, time the three runs, print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2,
                        help="Alternate the two paths over this many slices of the sentences, "
                             "so both see the same load on a shared machine.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)  # gibberish fails the checks: no warning per line
    texts = sentences(args.sentences)
    slices = [texts[i::args.rounds] for i in range(args.rounds)]
    with tempfile.TemporaryDirectory() as tmp:
        build_time, models_dir = timed(lambda: build_model(Path(tmp)))
        backend = argos.ArgosBackend(models_dir)
        backend.translate_batch(["Warm up."], "en", "fr")  # load the model outside the timing
        label, per_text = argos_per_text(models_dir)
        per_text(["Warm up."])
        ours = theirs = 0.0
        with TranslationCache(Path(tmp) / "cache.sqlite3") as cache:
            translated = 0
            for part in slices:
                seconds, run = timed(partial(translate_passages, part, "en", ["fr"], backend,
                                             cache))
                ours += seconds
                translated += run.stats.translated
                theirs += timed(partial(per_text, part))[0]
            cached, again = timed(lambda: translate_passages(texts, "en", ["fr"], backend, cache))
    print(_table(len(texts), build_time, [
        ("ours: batched, one call per pair and slice", ours, translated),
        (label, theirs, len(texts)),
        ("ours: fully cached rerun", cached, again.stats.translated),
    ]))
    if translated < len(texts):
        print(f"\n(ours sent {translated} sentences: some differ only in a number, which is "
              "masked before translation, so they are translated once)")
    print(f"\nbatched / per-text throughput: {theirs / ours:.1f}x (target >= 3x); cached "
          f"rerun translated {again.stats.translated} sentences "
          f"({again.stats.cache_hits} cache hits)")


def _table(count: int, build_time: float, rows: list[tuple[str, float, int]]) -> str:
    lines = [f"Translation of {count} sentences, transformer-base int8 random weights (built "
             f"in {build_time:.1f} s), {os.cpu_count()} CPU(s)\n",
             "| path | seconds | sentences/s | sentences translated |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {seconds:.2f} | {count / seconds:.1f} | {translated} |"
              for name, seconds, translated in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
