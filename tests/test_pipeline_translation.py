"""The pipeline with translation: real Argos packages built here, and a named fake backend."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.argos_build import build_argosmodel
from support.fake_backend import FakeBackend
from test_translate_argos import corpus

from briefing import pipeline, settings
from briefing.argos import install_package
from briefing.translate import MachineTranslator, TranslationCache

ROOT = Path(__file__).resolve().parent.parent
JULY = pipeline.Selection(months=("2025-07",), langs=("fr", "vi"), audiences=("business",))


@pytest.fixture
def config(tmp_path: Path) -> settings.Settings:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return settings.load(tmp_path / "seeds" / "briefing.toml", environ={})


def pdf_text(path: str) -> str:
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def edition(report: pipeline.BuildReport, lang: str) -> str:
    return next(e.path for e in report.editions if e.lang == lang)


def test_installed_model_is_used_named_and_cached(config: settings.Settings, tmp_path: Path) -> None:
    archive = build_argosmodel(tmp_path / "en_fr.argosmodel", "en", "fr", corpus(), seed=1)
    install_package(archive, config.path("models_dir"))

    first = pipeline.build(pipeline.BuildOptions.from_settings(config), JULY)
    notes = {(n.source_lang, n.target_lang): n for n in first.translation_notes}
    assert notes[("en", "fr")].model == "translate-en_fr 1.0"
    assert notes[("en", "vi")].model is None and notes[("en", "vi")].passages > 0
    assert first.extra["sentences translated"] > 0
    assert "translate-en_fr 1.0" in pdf_text(edition(first, "fr"))

    again = pipeline.build(pipeline.BuildOptions.from_settings(config), JULY)
    assert again.extra["sentences translated"] == 0
    assert again.extra["translation cache hits"] >= first.extra["sentences translated"]


def test_machine_translated_prose_is_labelled(config: settings.Settings, tmp_path: Path) -> None:
    fake = MachineTranslator(FakeBackend(pairs=[("en", "fr")]), TranslationCache(tmp_path / "c.db"))
    report = pipeline.build(pipeline.BuildOptions.from_settings(config), JULY, translator=fake)
    french = pdf_text(edition(report, "fr"))
    assert "‹fr›" in french  # the fake's visible mark: the prose went through the backend
    assert "traduction automatique" in french.lower()
    vietnamese = pdf_text(edition(report, "vi"))
    assert "‹vi›" not in vietnamese and "nguyên văn tiếng anh" in vietnamese.lower()
