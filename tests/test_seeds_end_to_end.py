"""The whole pipeline over seeds/: the editions a user gets from `make run`."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from briefing import pipeline, render, settings
from briefing.localise import KeepOriginal

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to in with for on is was are were by from that this as at an will has have "
    "their its which be been also".split())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("run")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    return work


@pytest.fixture(scope="module")
def config(workdir: Path) -> settings.Settings:
    return settings.load(workdir / "seeds" / "briefing.toml", environ={})


@pytest.fixture(scope="module")
def report(config: settings.Settings) -> pipeline.BuildReport:
    return pipeline.build(pipeline.BuildOptions.from_settings(config))


def all_facts(config: settings.Settings) -> list:
    facts, _ = pipeline.read_and_extract(pipeline.article_paths(config.path("articles")))
    return pipeline.infer_missing_years(facts)


def visit_months(config: settings.Settings) -> set[str]:
    facts = all_facts(config)
    return {f.month for f in facts if f.kind == "visit" and f.month}


def test_six_pdfs_for_every_month_with_a_visit(report: pipeline.BuildReport,
                                               config: settings.Settings) -> None:
    months = visit_months(config)
    assert months, "the seeds have visits"
    for month in months:
        names = sorted(p.name for p in (config.path("out_dir") / month).glob("*.pdf"))
        assert names == sorted(f"briefing-{month}-{a}-{lang}.pdf"
                               for a in ("diaspora", "business") for lang in ("vi", "fr", "en"))
    assert not report.problems


def test_undated_items_are_reported_not_lost(report: pipeline.BuildReport,
                                             config: settings.Settings) -> None:
    facts = all_facts(config)
    undated = {f.source for f in facts if f.month is None}
    assert set(report.undated) == undated


def pdf_text(path: Path) -> str:
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def test_vietnamese_pdf_has_diacritics_intact(report: pipeline.BuildReport) -> None:
    vi = [Path(e.path) for e in report.editions if e.lang == "vi"]
    text = "\n".join(pdf_text(p) for p in vi)
    assert "Đinh Toàn Thắng" in text
    assert "Dinh Toan Thang" not in text


def english_density(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return sum(w in ENGLISH_FUNCTION_WORDS for w in words) / max(len(words), 1)


def unlabelled_text(page: str, lang: str) -> str:
    """The document's text minus the blocks marked as being in another language."""
    tree = lxml_html.fromstring(page)
    for node in tree.xpath("//style | //script | //*[@lang and @lang != $lang]", lang=lang):
        node.drop_tree()
    return tree.text_content()


@pytest.mark.parametrize("lang", ["vi", "fr"])
def test_no_unlabelled_english_without_a_model(config: settings.Settings, lang: str) -> None:
    months, _ = pipeline.group_by_month(all_facts(config))
    selection = pipeline.Selection(langs=(lang,))
    editions = pipeline.editions_for(months, selection, KeepOriginal())
    for edition in editions:
        page = render.render_html(edition)
        assert english_density(unlabelled_text(page, lang)) < 0.02, edition.stem
        # and the check can fail: the labelled blocks themselves are English
        quoted = " ".join(n.text_content() for n in lxml_html.fromstring(page).xpath(
            "//*[@lang and @lang != $lang]", lang=lang))
        assert english_density(quoted) > 0.1, edition.stem
