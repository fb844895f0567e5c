"""Pipeline logic on hand-built facts: month assignment and year inference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_facts

from briefing import pipeline, settings
from briefing.errors import RenderError


def undated_visit(**changes):
    fields = {"source": "nodate.txt", "visit_start": None, "visit_end": None,
              "publication_date": None, "date_confidence": "unknown",
              "visit_start_partial": "--04-13", "visit_end_partial": "--04-16"}
    return make_facts(**{**fields, **changes})


def test_missing_year_is_inferred_from_the_run_and_marked() -> None:
    dated = [make_facts(visit_start=dt.date(2025, 2, 5), publication_date=None),
             make_facts(visit_start=dt.date(2025, 7, 15))]
    inferred = pipeline.infer_missing_years([*dated, undated_visit()])[-1]
    assert (inferred.visit_start, inferred.visit_end) == (dt.date(2025, 4, 13), dt.date(2025, 4, 16))
    assert inferred.date_confidence == "inferred"
    assert "2025" in (inferred.date_note or "")
    assert inferred.month == "2025-04"


def test_nearest_year_wins_across_new_year() -> None:
    dated = [make_facts(visit_start=dt.date(2026, 1, 10), publication_date=dt.date(2026, 1, 12))]
    visit = undated_visit(visit_start_partial="--12-28", visit_end_partial="--01-02")
    inferred = pipeline.infer_missing_years([*dated, visit])[-1]
    assert (inferred.visit_start, inferred.visit_end) == (dt.date(2025, 12, 28), dt.date(2026, 1, 2))


def test_without_any_dated_article_the_visit_stays_undated_and_is_reported() -> None:
    facts = pipeline.infer_missing_years([undated_visit()])
    months, undated = pipeline.group_by_month(facts)
    assert months == {} and undated == ["nodate.txt"]


def test_background_item_goes_to_its_publication_month() -> None:
    interview = make_facts(kind="interview", visit_start=None, visit_end=None,
                           publication_date=dt.date(2025, 5, 2))
    months, _ = pipeline.group_by_month([interview])
    assert list(months) == ["2025-05"]


def test_an_unknown_pdf_variant_stops_the_build_before_any_article_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some news.\n", encoding="utf-8")
    config = tmp_path / "briefing.toml"
    config.write_text('articles = "."\npdf_variant = "pdf/zz"\n', encoding="utf-8")
    steps: list[str] = []
    with pytest.raises(RenderError, match="pdf/zz"):
        pipeline.build(pipeline.BuildOptions.from_settings(settings.load(config, environ={})),
                       progress=steps.append)
    assert steps == []


def test_names_are_grouped_across_months_even_when_one_month_is_built() -> None:
    from briefing.localise import KeepOriginal
    from briefing.models import Person

    march = make_facts(source="m.txt", visit_start=dt.date(2025, 3, 6), visit_end=dt.date(2025, 3, 8),
                       lead_official=Person("Dinh Toan Thang", "Ambassador"))
    july = make_facts(source="j.txt")  # spelled with diacritics
    months, _ = pipeline.group_by_month([march, july])
    selection = pipeline.Selection(months=("2025-03",), langs=("vi",), audiences=("business",))
    [edition] = pipeline.editions_for(months, selection, KeepOriginal())
    assert "Đinh Toàn Thắng" in (edition.items[0].lead_line or "")


@pytest.mark.parametrize("partial", ["--04", "--4-13-x", "2025-04-13", ""])
def test_a_partial_date_that_is_not_month_and_day_leaves_the_visit_undated(partial: str) -> None:
    dated = make_facts(visit_start=dt.date(2025, 7, 15))
    facts = pipeline.infer_missing_years([dated, undated_visit(visit_start_partial=partial)])
    assert facts[-1].visit_start is None
