"""Corrections: one TOML file per article, applied after the rules, keyed to the article's hash."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import corrections as fixes
from briefing import extract, readers
from briefing.cli.main import main
from briefing.facts_json import validate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_08180a1b8be1fdcd.txt"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    return Path(shutil.copy(SEED, folder / SEED.name))


def write(folder: Path, article: Path, body: str, digest: str | None = None) -> Path:
    path = fixes.file_for(folder, article)
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = digest or fixes.article_hash(article.read_bytes())
    path.write_text(f'article_sha256 = "{digest}"\n{body}', encoding="utf-8")
    return path


def facts_of(article: Path):
    return extract.extract(readers.read_article(article))


def test_a_correction_changes_the_named_fields_and_says_which(tmp_path: Path, article: Path) -> None:
    path = write(tmp_path / "corrections", article, """
[facts]
lead_official = { name = "Nguyễn Văn A", role = "Ambassador", organisation = "" }
visit_start = 2025-04-14
region = "Normandy"
host_country = "fr"
kind = "visit"
sectors = ["trade", "education"]
counterparts = [ { name = "Jane Roe", role = "Mayor" } ]

[[figures]]
index = 0
value = 31

[[agreements]]
index = 0
remove = true
""")
    raw = facts_of(article)
    done = fixes.apply(raw, article.read_bytes(), fixes.load(path))
    facts = done.facts
    assert done.status == "applied" and done.problem is None
    assert facts.lead_official is not None and facts.lead_official.name == "Nguyễn Văn A"
    assert facts.lead_official.organisation is None
    assert (facts.visit_start, facts.visit_end) == (dt.date(2025, 4, 14), dt.date(2025, 4, 14))
    assert facts.date_confidence == "stated" and facts.month == "2025-04"
    assert (facts.region, facts.host_country, facts.sectors) == ("Normandy", "FR", ("trade", "education"))
    assert [p.name for p in facts.counterparts] == ["Jane Roe"]
    assert facts.figures[0].value == 31.0 and facts.figures[1:] == raw.figures[1:]
    assert facts.agreements == raw.agreements[1:]
    assert set(done.fields) == {"lead_official", "visit_start", "region", "host_country", "kind",
                                "sectors", "counterparts", "figures[0].value", "agreements[0]"}


def test_a_correction_of_a_changed_article_is_reported_not_applied(tmp_path: Path, article: Path) -> None:
    path = write(tmp_path / "corrections", article, '[facts]\nregion = "Normandy"\n')
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    raw = facts_of(article)
    done = fixes.apply(raw, article.read_bytes(), fixes.load(path))
    assert done.facts == raw and done.status == "stale"
    assert done.problem is not None and "article changed" in done.problem.reason
    assert done.problem.item == str(path)


@pytest.mark.hostile("articles")
@pytest.mark.parametrize(("body", "message"), [
    ('[facts]\nleader = "X"\n', "facts.leader: unknown field"),
    ('[facts]\nvisit_start = "2025-13-40"\n', "facts.visit_start: expected a date YYYY-MM-DD, got '2025-13-40'"),
    ('[facts]\nvisit_start = "14 April"\n', "facts.visit_start: expected a date"),
    ('[facts]\nhost_country = "Frankreich"\n', "facts.host_country: expected an ISO 3166-1 alpha-2"),
    ('[facts]\nsectors = ["trade", "golf"]\n', "facts.sectors: unknown sector 'golf'"),
    ('[facts]\nkind = "trip"\n', "facts.kind: expected one of visit, interview, other"),
    ('[facts]\nlead_official = { name = "A", rank = "B" }\n', "facts.lead_official: unknown field 'rank'"),
    ('[[figures]]\nindex = 0\ncolour = "red"\n', "figures[0].colour: unknown field"),
    ('[[figures]]\nindex = 0\nvalue = "many"\n', "figures[0].value: expected a number"),
    ('[[agreements]]\nindex = -1\n', "agreements[0].index: expected the item's position"),
    ('drop = "yes"\n', "drop: expected true or false"),
    ('[facts\n', "not valid TOML"),
])
def test_a_bad_correction_is_one_line_naming_file_and_field(tmp_path: Path, article: Path, body: str,
                                                           message: str) -> None:
    path = write(tmp_path / "corrections", article, body)
    with pytest.raises(fixes.CorrectionError) as caught:
        fixes.load(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ") and message in text and "\n" not in text


@pytest.mark.hostile("articles")
def test_a_bad_file_is_reported_and_the_others_still_load(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "corrections"
    write(folder, article, '[facts]\nregion = "Normandy"\n')
    other = tmp_path / "articles" / "other.txt"
    other.write_text("x", encoding="utf-8")
    write(folder, other, '[facts]\nvisit_start = "soon"\n')
    found, problems = fixes.load_folder(folder)
    assert list(found) == [article.name]
    assert [p.item for p in problems] == [str(fixes.file_for(folder, other))]


@pytest.mark.hostile("articles")
def test_a_correction_whose_article_is_gone_is_reported(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "corrections"
    write(folder, article, '[facts]\nregion = "Normandy"\n')
    write(folder, tmp_path / "articles" / "deleted.txt", '[facts]\nregion = "X"\n', digest="0" * 64)
    found, _ = fixes.load_folder(folder)
    [problem] = fixes.orphans(found, [article])
    assert problem.item.endswith("deleted.txt.toml") and "no article 'deleted.txt'" in problem.reason


def test_a_figure_index_beyond_the_list_is_reported_not_applied(tmp_path: Path, article: Path) -> None:
    path = write(tmp_path / "corrections", article, "[[figures]]\nindex = 99\nvalue = 1\n")
    raw = facts_of(article)
    done = fixes.apply(raw, article.read_bytes(), fixes.load(path))
    assert done.facts == raw and done.problem is not None and "figures[99]" in done.problem.reason


def test_saving_refuses_a_stale_version_and_round_trips(tmp_path: Path, article: Path) -> None:
    path = fixes.file_for(tmp_path / "corrections", article)
    data = {"article_sha256": fixes.article_hash(article.read_bytes()), "edited_by": "Lan",
            "facts": {"region": "Normandy <b>", "visit_start": dt.date(2025, 4, 2)}}
    first = fixes.save(path, data, "")
    assert fixes.load(path).facts == {"region": "Normandy <b>", "visit_start": dt.date(2025, 4, 2)}
    with pytest.raises(fixes.StaleSave, match="changed since this page was opened"):
        fixes.save(path, {**data, "drop": True}, "")  # a second tab opened before the first save
    assert fixes.load(path).drop is False
    fixes.save(path, {**data, "drop": True}, first)
    assert fixes.load(path).drop is True
    assert fixes.to_data(fixes.load(path)) == {**data, "drop": True}


@pytest.mark.hostile("serve")
def test_a_save_killed_mid_write_leaves_the_old_correction_whole(tmp_path: Path, article: Path) -> None:
    path = fixes.file_for(tmp_path / "corrections", article)
    digest = fixes.article_hash(article.read_bytes())
    fixes.save(path, {"article_sha256": digest, "facts": {"region": "Old"}}, "")
    before = path.read_bytes()
    # A real process, killed (SIGKILL) while the new file is being written and synced.
    script = f"""
import os, signal
from pathlib import Path
from briefing import corrections
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
path = Path({str(path)!r})
corrections.save(path, {{"article_sha256": {digest!r}, "facts": {{"region": "New"}}}},
                 corrections.version_of(path))
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert leftovers and all(name.startswith(".") for name in leftovers)  # the half-written temp file
    found, problems = fixes.load_folder(path.parent)
    assert problems == [] and found[article.name].facts == {"region": "Old"}


def test_extract_json_shows_the_corrected_facts_and_the_fields(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "corrections"
    write(folder, article, '[facts]\nlead_official = { name = "Trần Thị B" }\n')
    result = CliRunner().invoke(main, ["extract", str(article), "--json", "--corrections", str(folder)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    validate(data)
    assert data["lead_official"]["name"] == "Trần Thị B"
    assert data["corrections"] == {"file": str(fixes.file_for(folder, article)), "status": "applied",
                                   "fields": ["lead_official"], "dropped": False}
    raw = json.loads(CliRunner().invoke(main, ["extract", str(article), "--json", "--raw"]).output)
    assert raw["lead_official"]["name"] == "Đinh Toàn Thắng" and "corrections" not in raw


@pytest.mark.hostile("articles")
def test_extract_reports_a_stale_correction_and_prints_the_extractor_facts(tmp_path: Path,
                                                                           article: Path) -> None:
    folder = tmp_path / "corrections"
    write(folder, article, '[facts]\nlead_official = { name = "Trần Thị B" }\n', digest="a" * 64)
    result = CliRunner().invoke(main, ["extract", str(article), "--json", "--corrections", str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    [failure] = [line for line in lines if line.startswith("failed:")]
    assert "article changed since this correction was written" in failure
    data = json.loads(next(line for line in lines if line.startswith("{")))
    assert data["lead_official"]["name"] == "Đinh Toàn Thắng"
    assert data["corrections"]["status"] == "stale"


def test_the_pipeline_marks_a_dropped_article(tmp_path: Path, article: Path) -> None:
    from briefing import pipeline

    folder = tmp_path / "corrections"
    write(folder, article, "drop = true\n")
    corrected, problems = pipeline.extract_corrected([article], folder)
    assert problems == [] and corrected[0].dropped and corrected[0].fields == ("drop",)


def test_item_fields_follow_the_record_types() -> None:
    import typing

    # A figure's number takes a number; a fixed list of values (Literal) takes one of them.
    assert fixes.item_fields("figures")["value"] == (int, float)
    assert fixes.item_fields("figures")["unit"] == (str,)
    assert "sentence" not in fixes.item_fields("agreements")
    assert fixes._accepts(typing.Literal["agreement", "proposal"]) == (str,)
    assert fixes._literals(typing.Literal["signed", "proposed"] | None) == ("signed", "proposed")
