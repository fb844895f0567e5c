"""`briefing extract`: JSON lines valid against the shipped schema, bad inputs reported."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from support import corpus

from briefing.cli.extract import extract
from briefing.facts_json import facts_from_json, facts_to_json, load_schema, validate
from briefing.vocabulary import SECTOR_IDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("0*.txt"))
CASES = [str(p) for p in corpus.articles(corpus.by_name("cases").articles)]  # type: ignore[arg-type]


def _run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(extract, list(args))


def test_json_lines_in_input_order_and_valid() -> None:
    paths = [*reversed(SEEDS), *CASES]
    result = _run(*paths, "--json")
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objects] == paths
    for obj in objects:
        validate(obj)
        assert facts_to_json(facts_from_json(obj)) == obj  # the JSON round-trips


def test_issue_field_names_are_present() -> None:
    obj = json.loads(_run(SEEDS[0], "--json").stdout)
    for name in ("source", "kind", "title", "publication_date", "visit_start", "visit_end",
                 "date_confidence", "host_country", "region", "cities", "lead_official",
                 "counterparts", "sectors", "figures", "agreements_or_proposals", "highlights",
                 "summary"):
        assert name in obj, name
    assert set(obj["highlights"]) == {"business", "diaspora"}
    assert set(obj["figures"][0]) >= {"value", "unit", "what", "sentence"}


@pytest.mark.hostile("articles")
def test_bad_inputs_are_reported_and_others_processed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = _run(str(empty), SEEDS[1], str(binary), str(tmp_path / "missing.txt"), "--json")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(str(empty)) and "empty" in errors[0]
    assert errors[1].startswith(str(binary)) and "binary" in errors[1]
    assert "missing.txt" in errors[2]
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [SEEDS[1]]


def test_folder_expands_to_sorted_articles() -> None:
    result = _run(str(ROOT / "seeds"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(SEEDS) and all(" | " in line for line in lines)
    assert lines[0].startswith(SEEDS[0]) and "visit" in lines[0]
    assert "interview" in lines[-1]


def test_help_ends_with_an_example() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    assert "Example: briefing extract" in result.stdout


def test_schema_knows_every_sector_id() -> None:
    schema = load_schema()
    assert schema["properties"]["sectors"]["items"]["enum"] == list(SECTOR_IDS)


def test_schema_rejects_a_wrong_object() -> None:
    import jsonschema

    obj = json.loads(_run(SEEDS[0], "--json").stdout)
    for bad in ({**obj, "kind": "holiday"}, {**obj, "visit_start": "13/04/2025"},
                {**obj, "sectors": ["not_a_sector"]}, {**obj, "host_country": "France"}):
        with pytest.raises(jsonschema.ValidationError):
            validate(bad)
