"""Logic of briefing.translate with the deterministic FakeBackend: placeholders, checks,
sentence splitting, batching, pivot, cache and the notes for the colophon."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from support.fake_backend import FakeBackend

from briefing.models import Passage, TranslationNote
from briefing.translate import (
    PLACEHOLDER,
    MachineTranslator,
    TranslationCache,
    check_output,
    find_route,
    mask,
    open_translator,
    pair_model,
    repeats,
    split_sentences,
    translate_passages,
    unmask,
)

TEXTS = [
    "The delegation met Nguyễn Văn An in Lyon on 12 March 2024. They signed 3 agreements.",
    "Trade reached 5.4 billion USD in May 2024, up 11% on the year.",
    "Mr. Dupont visited the port.",
]
NAMES = ["Nguyễn Văn An", "Lyon", "Dupont"]


def test_mask_replaces_names_dates_and_numbers_in_order() -> None:
    m = mask(TEXTS[0], "en", NAMES)
    assert m.text == "The delegation met [0] in [1] on [2]. They signed [3] agreements."
    assert [t.kind for t in m.tokens] == ["name", "name", "date", "number"]
    assert m.tokens[2].date == dt.date(2024, 3, 12)


def test_names_are_never_sent_to_the_model() -> None:
    backend = FakeBackend()
    translate_passages(TEXTS, "en", ["fr"], backend, protected=NAMES)
    sent = " ".join(text for _, _, texts in backend.calls for text in texts)
    assert not any(name in sent for name in NAMES)
    assert not any(ch.isdigit() for ch in PLACEHOLDER.sub("", sent))


def test_unmask_writes_dates_and_decimals_in_the_target_locale() -> None:
    m = mask(TEXTS[1], "en")
    expected = "Trade reached 5,4 billion USD in mai 2024, up 11% on the year."
    assert unmask(m, m.text, "fr") == expected
    dated = mask("Signed on 12 March 2024 by Lyon.", "en", ["Lyon"])
    assert unmask(dated, dated.text, "vi") == "Signed on 12 tháng 3, 2024 by Lyon."


def test_mask_reads_french_grouping_and_leaves_odd_numbers_verbatim() -> None:
    m = mask("Le 1er mars 2024, 1 500,5 euros ; G7 ; 31 février 2024", "fr")
    assert [t.original for t in m.tokens] == ["1er mars 2024", "1 500,5", "31 février 2024"]
    assert unmask(m, m.text, "en") == "Le March 1, 2024, 1,500.5 euros ; G7 ; 31 février 2024"


def test_passages_come_back_machine_translated_with_the_model_named() -> None:
    run = translate_passages(TEXTS, "en", ["vi", "fr", "en"], FakeBackend(), protected=NAMES)
    fr = run.passages["fr"]
    assert [p.status for p in fr] == ["machine"] * 3
    assert fr[0] == Passage("‹fr› The delegation met Nguyễn Văn An in Lyon on 12 mars 2024. "
                            "‹fr› They signed 3 agreements.", "fr", "machine", "en",
                            "fake-en_fr 1.0", source=TEXTS[0])
    assert [p.status for p in run.passages["en"]] == ["source"] * 3
    assert run.notes == (TranslationNote("en", "vi", "fake-en_vi 1.0", 3),
                         TranslationNote("en", "fr", "fake-en_fr 1.0", 3))


def test_one_batched_call_per_pair_with_every_sentence() -> None:
    backend = FakeBackend()
    run = translate_passages(TEXTS * 2, "en", ["vi", "fr"], backend, protected=NAMES)
    assert [(s, t, len(texts)) for s, t, texts in backend.calls] == [("en", "vi", 4),
                                                                     ("en", "fr", 4)]
    assert run.stats.translated == 8 and run.stats.machine == 12


def test_pivot_through_english_when_no_direct_model() -> None:
    backend = FakeBackend()
    route = find_route(backend, "fr", "vi")
    assert route is not None and [(h.src, h.tgt) for h in route] == [("fr", "en"), ("en", "vi")]
    run = translate_passages(["Le maire a reçu la délégation."], "fr", ["en", "vi"], backend)
    assert [(s, t) for s, t, _ in backend.calls] == [("fr", "en"), ("en", "vi")]  # fr->en once
    assert run.passages["vi"][0].text == "‹vi› ‹en› Le maire a reçu la délégation."
    assert run.passages["vi"][0].model == "fake-fr_en 1.0 + fake-en_vi 1.0"
    assert pair_model(backend, "fr", "vi") == "fake-fr_en 1.0 + fake-en_vi 1.0"


def test_no_model_keeps_the_original_and_says_so() -> None:
    backend = FakeBackend(pairs=[("en", "fr")])
    run = translate_passages(TEXTS, "en", ["vi"], backend)
    assert run.passages["vi"] == tuple(Passage(t, "en", "original", "en") for t in TEXTS)
    assert run.notes == (TranslationNote("en", "vi", None, 3, 3),)
    assert backend.calls == [] and run.stats.kept_original == 3


def test_rerun_translates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with TranslationCache(path) as cache:
        first = translate_passages(TEXTS, "en", ["vi", "fr"], FakeBackend(), cache, NAMES)
    backend = FakeBackend()
    with TranslationCache(path) as cache:
        second = translate_passages(TEXTS, "en", ["vi", "fr"], backend, cache, NAMES)
    assert backend.calls == [] and second.stats.translated == 0
    assert second.stats.cache_hits == first.stats.translated == 8
    assert second.passages == first.passages


def test_a_new_model_version_is_not_served_from_the_old_cache() -> None:
    with TranslationCache(":memory:") as cache:
        translate_passages(TEXTS, "en", ["fr"], FakeBackend(version="1.0"), cache)
        newer = FakeBackend(version="1.1")
        run = translate_passages(TEXTS, "en", ["fr"], newer, cache)
    assert len(newer.calls) == 1 and run.stats.cache_hits == 0


LONG = ("The large delegation from Lyon visited the new container port and the "
        "industrial zone of the province.")


@pytest.mark.parametrize(("text", "transform", "reason"), [
    (TEXTS[0], lambda text, s, t: text.replace("[0]", ""), "lost placeholder"),
    (TEXTS[0], lambda text, s, t: text.replace("[1]", "[0]"), "lost placeholder"),
    (TEXTS[0], lambda text, s, t: text + " and so on and so on and so on", "repeated phrase"),
    (TEXTS[0], lambda text, s, t: "  ", "empty output"),
    (TEXTS[0], lambda text, s, t: "[0] [1] [2] [3]", "empty output"),
    (LONG, lambda text, s, t: text + " " + "abcdefghij" * 30, "absurd length ratio"),
    (LONG, lambda text, s, t: "Ok [0].", "absurd length ratio"),
])
def test_failed_checks_keep_the_source_flagged(text: str, transform, reason: str,
                                               caplog: pytest.LogCaptureFixture) -> None:
    backend = FakeBackend(transform=transform)
    run = translate_passages([text], "en", ["fr"], backend, protected=NAMES)
    assert run.passages["fr"] == (Passage(text, "en", "original", "en"),)
    assert run.notes[0].kept_original == 1 and run.stats.kept_original == 1
    assert reason in caplog.text


def test_check_output_passes_a_faithful_translation() -> None:
    m = mask(TEXTS[0], "en", NAMES)
    assert check_output(m, "La délégation a rencontré [0] à [1] le [2]. Ils ont signé "
                           "[3] accords.") is None


def test_repeats_only_flags_runs() -> None:
    assert repeats("the the the the")
    assert repeats("of the port of the port of the port")
    assert not repeats("the port and the port")


def test_repeated_phrase_already_in_the_source_is_fine() -> None:
    text = "Very very very very big."
    run = translate_passages([text], "en", ["fr"], FakeBackend())
    assert run.passages["fr"][0].status == "machine"


def test_split_sentences_respects_abbreviations_and_initials() -> None:
    text = 'Mr. Dupont arrived. He said: "Yes." Then U.S. officials left! J. Doe stayed. ok'
    assert split_sentences(text) == ["Mr. Dupont arrived.", 'He said: "Yes."',
                                     "Then U.S. officials left!", "J. Doe stayed. ok"]
    assert split_sentences("Họ đã ký [0] thỏa thuận. Đoàn thăm [1].") == [
        "Họ đã ký [0] thỏa thuận.", "Đoàn thăm [1]."]


def test_empty_passages_are_not_sent() -> None:
    backend = FakeBackend()
    run = translate_passages(["", "  "], "en", ["fr"], backend)
    assert backend.calls == [] and [p.status for p in run.passages["fr"]] == ["source"] * 2


def test_machine_translator_accumulates_notes_per_pair() -> None:
    with MachineTranslator(FakeBackend(pairs=[("en", "fr")]), protected=NAMES) as translator:
        fr = translator.passages(TEXTS, "en", "fr")
        vi = translator.passages(TEXTS[:2], "en", "vi")
        translator.passages(TEXTS[2:], "en", "vi")
        same = translator.passages(TEXTS, "en", "en")
    assert [p.status for p in fr] == ["machine"] * 3
    assert [p.status for p in vi] == ["original"] * 2 and same[0].status == "source"
    assert translator.notes() == [TranslationNote("en", "fr", "fake-en_fr 1.0", 3),
                                  TranslationNote("en", "vi", None, 3, 3)]


def test_open_translator_without_models_keeps_everything_original(tmp_path: Path) -> None:
    with open_translator(tmp_path / "no-models", tmp_path / "cache.sqlite3") as translator:
        passages = translator.passages(TEXTS, "en", "vi")
    assert {p.status for p in passages} == {"original"}
    assert translator.notes() == [TranslationNote("en", "vi", None, 3, 3)]


def test_importing_the_translation_code_pulls_in_no_torch_nor_argostranslate() -> None:
    code = ("import sys, briefing.translate, briefing.argos, briefing.cli.models; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'torch', 'stanza', 'spacy', 'argostranslate', 'ctranslate2'}))")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(root)})
    assert out.stdout.strip() == "[]"


def test_acronyms_are_masked_like_names_and_restored_verbatim() -> None:
    m = mask("The VCCI and ASEAN signed MoUs with the EU.", "en")
    assert m.text == "The [0] and [1] signed MoUs with the [2]."
    assert [t.original for t in m.tokens] == ["VCCI", "ASEAN", "EU"]
    assert unmask(m, "Le [0] et l'[1] ont signé avec l'[2].", "fr") == "Le VCCI et l'ASEAN ont signé avec l'EU."


def test_a_decomposed_name_comes_back_byte_identical_through_a_machine_passage() -> None:
    import unicodedata

    name = unicodedata.normalize("NFD", "Nguyễn Thị Đoàn")  # NFKC in a tokenizer would change it
    text = f"{name} met the VCCI on 12 March 2024."
    backend = FakeBackend(pairs=[("en", "fr")])  # FAKE: keeps placeholders, tags the text
    passage = translate_passages([text], "en", ["fr"], backend, protected=[name]).passages["fr"][0]
    assert passage.status == "machine"
    assert name.encode("utf-8") in passage.text.encode("utf-8") and "VCCI" in passage.text
    assert name not in " ".join(t for _, _, texts in backend.calls for t in texts)
