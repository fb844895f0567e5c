"""Translations by hand and the LibreTranslate engine: three measures, one table.

1. PO round trip of a year of passages: 2,000 generated passages exported to one PO file
   (babel) and imported back (parsed, every entry checked, stored in SQLite), in seconds.
2. LibreTranslate, batched (`q` a list of 32) vs one request per passage, against a real
   LibreTranslate server started locally (tests/ltserver.py; needs `make lt-venv`) over
   tiny Argos packages: the ratio of wall times, twice: with a package wired to answer
   one short sentence (model time small: the HTTP and request overhead shows) and with a
   random-weight one (its gibberish runs to LibreTranslate's decoding cap: model time
   dominates).  LibreTranslate 1.9 translates the texts of a request one after the
   other, so batching saves requests, not model time.  Skipped, saying why, when the
   server is not installed.
3. Rebuild after importing one month's translations: every edition of the seeds built
   first, then one month exported, translated and imported; how many editions the import
   rebuilt, of how many there are.

Run: PYTHONPATH=. python bench/bench_translations.py [--passages 2000]
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from briefing import pipeline, po, settings  # noqa: E402
from briefing.handmade import HandStore  # noqa: E402
from briefing.models import Passage  # noqa: E402

WORDS = ("minister delegation governor province mayor chamber commerce visited signed agreement "
         "cooperation education energy port investment trade university hospital partners "
         "regional council welcomed discussed renewable logistics textile farmers").split()


def passages(count: int) -> list[po.Source]:
    rng = random.Random(7)
    return [po.Source(" ".join(rng.choices(WORDS, k=rng.randint(8, 25))).capitalize()
                      + f" on {rng.randint(1, 28)} March 2025 with {rng.randint(2, 900)} firms.",
                      "en", f"article-{n // 20:03d}.txt#{n % 20 + 1}", f"Article: article-{n // 20:03d}.txt")
            for n in range(count)]


def po_round_trip(count: int, folder: Path) -> tuple[float, float, int]:
    found = passages(count)
    shown = [(s, Passage(s.text, "en", "original", "en")) for s in found]
    with HandStore(folder / "store.sqlite3") as store:
        start = time.perf_counter()
        catalog = po.export_catalog(shown, "fr", store, "2025-03")
        data = po.catalog_bytes(catalog)
        exported = time.perf_counter() - start
        for message in catalog:
            if message.id:
                message.string = "[fr] " + message.id
        filled = po.catalog_bytes(catalog)
        start = time.perf_counter()
        checked = po.check_po(filled, "bench.po", {s.text: s for s in found})
        stored = store.put_many(checked.good)
        imported = time.perf_counter() - start
    assert len(data) > 0 and not checked.problems
    return exported, imported, len(stored)


def lt_ratio(folder: Path, fixed: bool, count: int = 64) -> tuple[float, float, int, int] | str:
    """Time `count` passages through a local LibreTranslate, 32 per request vs one each."""
    import ltserver
    from support.argos_build import build_argosmodel
    from test_translate_argos import corpus

    from briefing.argos import install_package
    from briefing.libretranslate import LibreTranslateBackend

    reason = ltserver.missing_reason()
    if reason:
        return reason
    folder.mkdir(parents=True)
    for n, pair in enumerate(["en_fr", "fr_en"]):
        archive = build_argosmodel(folder / f"{pair}.argosmodel", *pair.split("_"), corpus(), seed=n,
                                   fixed_output="[0] visite [1]." if fixed else None)
        install_package(archive, folder / "packages")
    texts = [p.text.split(" on ")[0] + "." for p in passages(count)]
    with ltserver.running(folder / "packages", folder / "home") as url:
        timings, requests = [], []
        for batch in (32, 1):
            backend = LibreTranslateBackend(url, rate=0, batch_size=batch, timeout=300)
            backend.translate_batch(texts[:1], "en", "fr")  # warm the model up
            backend.requests = 0
            start = time.perf_counter()
            backend.translate_batch(texts, "en", "fr")
            timings.append(time.perf_counter() - start)
            requests.append(backend.requests)
            backend.close()
    return timings[0], timings[1], requests[0], requests[1]


def rebuild_count(folder: Path) -> tuple[str, int, int]:
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    config = settings.load(folder / "seeds" / "briefing.toml", environ={}).replace(
        translation_engine="none")
    everything = pipeline.build(pipeline.BuildOptions.from_settings(config))
    month = everything.editions[0].month
    out = folder / "month.po"
    pipeline.export_translations(pipeline.BuildOptions.from_settings(config), month, "fr", out)
    from babel.messages.pofile import read_po

    with out.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            message.string = "[fr] " + message.id
    out.write_bytes(po.catalog_bytes(catalog))
    report = pipeline.import_translations(pipeline.BuildOptions.from_settings(config), out)
    rebuilt = [e for e in report.build.editions if not e.skipped] if report.build else []
    assert all(e.month == month and e.lang == "fr" for e in rebuilt)
    return month, len(rebuilt), len(everything.editions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=2000)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1754006400")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        exported, imported, stored = po_round_trip(args.passages, Path(tmp))
        rows += [(f"PO export, {args.passages} passages", f"{exported:.2f} s"),
                 (f"PO import (parse, check, store {stored})", f"{imported:.2f} s")]
        for fixed, kind in ((True, "short output"), (False, "gibberish to the cap")):
            lt = lt_ratio(Path(tmp) / f"lt-{fixed}", fixed, 256 if fixed else 64)
            if isinstance(lt, str):
                rows.append(("LibreTranslate batched vs per passage", f"skipped: {lt}"))
                break
            batched, single, n_batched, n_single = lt
            rows += [(f"LibreTranslate, {kind}: batched ({n_batched} requests)", f"{batched:.2f} s"),
                     (f"LibreTranslate, {kind}: per passage ({n_single} requests)", f"{single:.2f} s"),
                     ("  ratio per-passage / batched", f"{single / batched:.1f}x")]
        month, rebuilt, total = rebuild_count(Path(tmp) / "rebuild")
        rows.append((f"editions rebuilt after importing {month} fr", f"{rebuilt} of {total}"))
    width = max(len(name) for name, _ in rows)
    print(f"\n{'translations by hand and LibreTranslate':<{width}}  result")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
