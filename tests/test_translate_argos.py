"""The real Argos path, no download: tiny but structurally real .argosmodel packages are
built in the session (SentencePiece trained on local text, a CTranslate2 Transformer with
random weights), then installed, listed, run, pivoted, cached and removed.  Their output
is gibberish, so the tests look at types, flow, the cache and the checks, not words."""

from __future__ import annotations

import json
import random
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.argos_build import build_argosmodel

from briefing import argos
from briefing.argos import ArgosBackend, install_package, installed_packages, remove_package
from briefing.cli import models as cli_models
from briefing.errors import TranslationError
from briefing.translate import TranslationCache, find_route, translate_passages

WORDS = {
    "en": "the minister met mayor of city province governor trade investment agreement "
          "signed cooperation visit delegation business energy education port chamber of "
          "commerce and industry regional council ambassador president deputy in on with",
    "fr": "le ministre a rencontré maire de la ville province gouverneur commerce "
          "investissement accord signé coopération visite délégation entreprises énergie "
          "éducation port chambre industrie conseil régional ambassadeur président à avec",
    "vi": "bộ trưởng đã gặp thị trưởng thành phố tỉnh thống đốc thương mại đầu tư hiệp định "
          "ký kết hợp tác chuyến thăm đoàn doanh nghiệp năng lượng giáo dục cảng đại sứ",
}


def corpus() -> list[str]:
    """Local text for SentencePiece: sentences drawn from three small word lists."""
    rng = random.Random(0)
    words = [w for text in WORDS.values() for w in text.split()]
    lines = [" ".join(rng.choices(words, k=rng.randint(5, 14))) + "." for _ in range(300)]
    return lines + [f"[{i}] {i * 7}, {i}.5%" for i in range(10)]


@pytest.fixture(scope="session")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """en_fr, en_vi, fr_en and en_de (wrong languages) packages, built once."""
    folder = tmp_path_factory.mktemp("argosmodels")
    lines = corpus()
    return {pair: build_argosmodel(folder / f"translate-{pair}-1_0.argosmodel",
                                   *pair.split("_"), lines, seed=n)
            for n, pair in enumerate(["en_fr", "en_vi", "fr_en", "en_de"])}


@pytest.fixture
def models_dir(tmp_path: Path, archives: dict[str, Path]) -> Path:
    folder = tmp_path / "models"
    for pair in ("en_fr", "en_vi", "fr_en"):
        install_package(archives[pair], folder)
    return folder


def rewritten(archive: Path, target: Path, **changes: object) -> Path:
    """A copy of archive with metadata.json changed (or file contents replaced)."""
    model_bin = changes.pop("model_bin", None)
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("metadata.json"):
                data = json.dumps({**json.loads(data), **changes}).encode()
            if item.filename.endswith("model/model.bin") and isinstance(model_bin, bytes):
                data = model_bin
            out.writestr(item, data)
    return target


def test_install_lays_out_packages_as_argos_does(models_dir: Path) -> None:
    packages = installed_packages(models_dir)
    assert [(p.id, p.version) for p in packages] == [
        ("translate-en_fr", "1.0"), ("translate-en_vi", "1.0"), ("translate-fr_en", "1.0")]
    for package in packages:
        assert (package.path / "metadata.json").is_file()
        assert (package.path / "sentencepiece.model").is_file()
        assert (package.path / "model" / "model.bin").is_file()
    assert sorted(p.name for p in models_dir.iterdir()) == [p.id for p in packages]


def test_argostranslate_package_module_reads_our_folder(models_dir: Path,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var))  # its import creates folders there
    package = pytest.importorskip("argostranslate.package")
    found = package.get_installed_packages(path=[models_dir])
    assert sorted((p.from_code, p.to_code, p.package_version) for p in found) == [
        ("en", "fr", "1.0"), ("en", "vi", "1.0"), ("fr", "en", "1.0")]


def test_backend_translates_a_batch_into_strings(models_dir: Path) -> None:
    backend = ArgosBackend(models_dir)
    assert backend.model_id("en", "fr") == "translate-en_fr 1.0"
    assert backend.model_id("fr", "vi") is None
    out = backend.translate_batch(["The minister met the mayor.", "Trade [0] grew."], "en", "fr")
    assert len(out) == 2 and all(isinstance(text, str) for text in out)
    with pytest.raises(TranslationError, match="no model installed for vi->fr"):
        backend.translate_batch(["x"], "vi", "fr")


class Spy:
    """Wraps the real backend to record each batched call."""

    def __init__(self, backend: ArgosBackend) -> None:
        self.backend = backend
        self.calls: list[tuple[str, str, int]] = []

    def model_id(self, src: str, tgt: str) -> str | None:
        return self.backend.model_id(src, tgt)

    def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        self.calls.append((src, tgt, len(texts)))
        return self.backend.translate_batch(texts, src, tgt)


class Recorder(Spy):
    """The real backend, recording every text it is given."""

    def __init__(self, backend: ArgosBackend) -> None:
        super().__init__(backend)
        self.sent: list[str] = []

    def translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        self.sent += texts
        return super().translate_batch(texts, src, tgt)


def test_names_acronyms_numbers_and_dates_never_reach_the_real_model(models_dir: Path) -> None:
    name = unicodedata.normalize("NFD", "Nguyễn Thị Đoàn")  # SentencePiece would NFKC it
    texts = [f"{name} met the VCCI delegation on 12 March 2024 and signed 3 agreements worth 1,500 "
             "million.", f"The minister {name} visited the port of Lyon."]
    recorder = Recorder(ArgosBackend(models_dir))
    run = translate_passages(texts, "en", ["fr"], recorder, None, [name, "Lyon"])
    sent = " ".join(recorder.sent)
    assert recorder.sent and not any(token in sent for token in
                                     ("Nguy", "VCCI", "2024", "March", "1,500", "Lyon"))
    for passage in run.passages["fr"]:  # machine (names restored) or original: never mangled
        assert name.encode("utf-8") in passage.text.encode("utf-8")
        assert "VCCI" in passage.text or "Lyon" in passage.text


def test_a_name_comes_back_byte_identical_through_the_real_model(tmp_path: Path) -> None:
    # A real package whose decoder is wired to answer "[0] visite [1]." to everything:
    # its output passes the checks, so the passage is shown machine-translated.
    archive = build_argosmodel(tmp_path / "fixed.argosmodel", "en", "fr", corpus(),
                               fixed_output="[0] visite [1].")
    install_package(archive, tmp_path / "models")
    name = unicodedata.normalize("NFD", "Nguyễn Thị Đoàn")
    recorder = Recorder(ArgosBackend(tmp_path / "models"))
    run = translate_passages([f"{name} visited the VCCI."], "en", ["fr"], recorder, None, [name])
    passage = run.passages["fr"][0]
    assert recorder.sent == ["[0] visited the [1]."]
    assert passage.status == "machine" and passage.model == "translate-en_fr 1.0"
    assert passage.text.encode("utf-8") == f"{name} visite VCCI.".encode()


FRENCH = ["Le ministre a rencontré le maire de Lyon le 12 mars 2024.",
          "La délégation a visité le port. Elle a signé 3 accords.",
          "Coopération en éducation."]


def test_pivot_cache_and_checks_with_real_models(models_dir: Path, tmp_path: Path) -> None:
    spy = Spy(ArgosBackend(models_dir))
    route = find_route(spy, "fr", "vi")
    assert route is not None and [(h.src, h.tgt) for h in route] == [("fr", "en"), ("en", "vi")]
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        first = translate_passages(FRENCH, "fr", ["vi", "en", "fr"], spy, cache, ["Lyon"])
    assert [c[:2] for c in spy.calls] == [("fr", "en"), ("en", "vi")]  # one call per pair
    assert spy.calls[0][2] == 4 and first.stats.translated == 4 + spy.calls[1][2]
    for passage in first.passages["vi"]:  # gibberish passes or fails the checks, never shown raw
        assert passage.status in ("machine", "original")
        if passage.status == "machine":
            assert passage.lang == "vi"
            assert passage.model == "translate-fr_en 1.0 + translate-en_vi 1.0"
        else:
            assert passage.text in FRENCH and passage.lang == "fr"
    assert first.passages["fr"][0].status == "source"
    assert [n.model for n in first.notes] == ["translate-fr_en 1.0 + translate-en_vi 1.0",
                                              "translate-fr_en 1.0"]
    spy.calls.clear()
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        again = translate_passages(FRENCH, "fr", ["vi", "en", "fr"], spy, cache, ["Lyon"])
    assert spy.calls == [] and again.stats.translated == 0
    assert again.stats.cache_hits == first.stats.translated
    assert again.passages == first.passages


def test_reinstall_replaces_the_package_atomically(models_dir: Path, archives: dict[str, Path],
                                                   tmp_path: Path) -> None:
    newer = rewritten(archives["en_fr"], tmp_path / "newer.argosmodel", package_version="1.1")
    assert install_package(newer, models_dir).label == "translate-en_fr 1.1"
    assert [p.label for p in installed_packages(models_dir)][0] == "translate-en_fr 1.1"
    assert not [p for p in models_dir.iterdir() if p.name.startswith(".")]


def test_install_replaces_a_package_argostranslate_installed(models_dir: Path,
                                                              archives: dict[str, Path]) -> None:
    (models_dir / "translate-en_fr").rename(models_dir / "translate-en_fr-1_0")  # Argos's name
    install_package(archives["en_fr"], models_dir)
    assert sorted(p.name for p in models_dir.iterdir()) == [
        "translate-en_fr", "translate-en_vi", "translate-fr_en"]


def assert_unchanged(models_dir: Path, before: list[str]) -> None:
    assert sorted(p.name for p in models_dir.iterdir()) == before  # no staging left behind
    assert [p.label for p in installed_packages(models_dir)] == [
        "translate-en_fr 1.0", "translate-en_vi 1.0", "translate-fr_en 1.0"]


def truncated(archive: Path, target: Path) -> Path:
    data = archive.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def flipped(archive: Path, target: Path) -> Path:
    data = bytearray(archive.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(b ^ 0x5A for b in data[middle:middle + 64])
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(("make", "message"), [
    (lambda a, t: truncated(a["en_fr"], t), "not a valid .argosmodel zip"),
    (lambda a, t: flipped(a["en_fr"], t), "corrupt|not a valid"),
    (lambda a, t: rewritten(a["en_fr"], t, model_bin=b"\0" * 100), "model cannot be loaded"),
    (lambda a, t: a["en_de"], r"wrong languages \(en->de\)"),
    (lambda a, t: rewritten(a["en_fr"], t, to_code="en"), "a language to itself"),
    (lambda a, t: rewritten(a["en_fr"], t, from_code=None), "lacks valid from_code"),
    (lambda a, t: t.with_suffix(".missing"), "file not found"),
])
def test_bad_packages_fail_in_one_line_naming_the_file(models_dir: Path, tmp_path: Path,
                                                       archives: dict[str, Path], make,
                                                       message: str) -> None:
    before = sorted(p.name for p in models_dir.iterdir())
    bad = make(archives, tmp_path / "bad.argosmodel")
    with pytest.raises(TranslationError, match=message) as caught:
        install_package(bad, models_dir)
    assert str(bad) in str(caught.value) and "\n" not in str(caught.value)
    assert_unchanged(models_dir, before)


def test_archive_without_one_top_folder_is_refused(models_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "flat.argosmodel"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("metadata.json", "{}")
        zf.writestr("other/x", "y")
    with pytest.raises(TranslationError, match="one folder holding metadata.json"):
        install_package(bad, models_dir)


def test_models_folder_that_cannot_be_written(archives: dict[str, Path], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(TranslationError, match="cannot write the models folder") as caught:
        install_package(archives["en_fr"], blocker / "models")
    assert str(blocker / "models") in str(caught.value)


def test_remove(models_dir: Path) -> None:
    assert remove_package(models_dir, "en-vi").label == "translate-en_vi 1.0"
    assert [p.id for p in installed_packages(models_dir)] == ["translate-en_fr",
                                                             "translate-fr_en"]
    with pytest.raises(TranslationError, match="en_vi: no such package"):
        remove_package(models_dir, "en_vi")


# --- the CLI -----------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli_models.models, list(args), obj={"config": None})
    return result.exit_code, result.output


def test_cli_install_list_remove(tmp_path: Path, archives: dict[str, Path]) -> None:
    folder = str(tmp_path / "models")
    for pair in ("en_vi", "fr_en"):
        code, out = invoke("--models-dir", folder, "install", str(archives[pair]))
        assert code == 0 and "installed translate-" in out
    code, out = invoke("--models-dir", folder, "list")
    assert code == 0
    assert "translate-en_vi 1.0  en -> vi" in out
    assert "fr -> vi: translate-fr_en 1.0 then translate-en_vi 1.0 (pivot)" in out
    assert "vi -> fr: no model" in out
    code, out = invoke("--models-dir", folder, "remove", "translate-en_vi")
    assert (code, out.strip()) == (0, "removed translate-en_vi 1.0")


def test_cli_bad_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip")
    code, out = invoke("--models-dir", str(tmp_path / "m"), "install", str(junk))
    assert code == 2 and out.count("\n") == 1 and str(junk) in out and out.startswith("error:")


def test_only_download_says_it_uses_the_network() -> None:
    helps = {name: " ".join(invoke(name, "--help")[1].split())
             for name in ("list", "install", "remove", "download")}
    assert "USES THE NETWORK" in helps["download"]
    assert all("network" not in text.lower() for name, text in helps.items()
               if name != "download")


def test_download_installs_what_the_index_offers(tmp_path: Path, archives: dict[str, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var))
    package = pytest.importorskip("argostranslate.package")
    settings = pytest.importorskip("argostranslate.settings")
    index = tmp_path / "index.json"
    index.write_text("[]")
    copy = tmp_path / "downloaded.argosmodel"
    shutil.copy(archives["en_vi"], copy)
    offered = package.AvailablePackage({"from_code": "en", "to_code": "vi",
                                        "package_version": "1.0"})
    monkeypatch.setattr(settings, "local_package_index", index)
    monkeypatch.setattr(package, "update_package_index", lambda: None)  # no network in tests
    monkeypatch.setattr(package, "get_available_packages", lambda: [offered])
    monkeypatch.setattr(package.AvailablePackage, "download", lambda self: copy)
    code, out = invoke("--models-dir", str(tmp_path / "m"), "download", "en", "vi")
    assert code == 0 and "installed translate-en_vi 1.0" in out
    assert not copy.exists()
    code, out = invoke("--models-dir", str(tmp_path / "m"), "download", "vi", "fr")
    assert code == 2 and "no vi->fr package" in out


def test_models_dir_comes_from_settings(tmp_path: Path, archives: dict[str, Path],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_MODELS_DIR", str(tmp_path / "from-env"))
    code, _ = invoke("install", str(archives["en_fr"]))
    assert code == 0
    assert [p.id for p in argos.installed_packages(tmp_path / "from-env")] == ["translate-en_fr"]
