"""Hostile articles for `briefing extract` (issue 11): only a list of names, 200 titled
names, every sentence a photo caption.  Each gives a JSON object or a one-line error
naming the file, and the other inputs of the batch are still processed, in order, whether
on one process or a pool."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli.extract import extract
from briefing.facts_json import validate

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_08180a1b8be1fdcd.txt"
_SURNAMES = ("Tran", "Le", "Pham", "Vo", "Dang")
_GIVEN = ("Van Anh", "Thi Hoa", "Minh Duc", "Quoc Bao", "Thanh Son", "Hong Nhung")
_WESTERN = ("Anna Kowalska", "Jan Novak", "Piet Jansen", "Marta Nowicka", "Karel Horak")
_TITLES = ("Governor of Opole province", "Mayor of Torun city", "Chairman of the Long An "
           "provincial People's Committee", "Vice President of the Silesia region",
           "Vietnamese Ambassador to Poland", "Director of the Trade Office")


def _names(n: int) -> list[str]:
    vietnamese = (f"{s} {g}" for s, g in itertools.product(_SURNAMES, _GIVEN))
    return list(itertools.islice(itertools.cycle([*vietnamese, *_WESTERN]), n))


def _names_only() -> str:
    return "\n\n".join(_names(60)) + "\n"


def _titled_200() -> str:
    people = [f"{t} {n}" for t, n in zip(itertools.cycle(_TITLES), _names(200), strict=False)]
    return ("Delegation list\n\nThe delegation met " + ", ".join(people[:-1]) + " and "
            + people[-1] + " on May 4, 2025.\n")


def _captions_only() -> str:
    return "\n\n".join(f"{t} {n} (R) meets the guests (Photo: VNA)"
                       for t, n in zip(_TITLES, _names(6), strict=True)) + "\n"


def _write(folder: Path) -> list[Path]:
    files = {"a_names_only.txt": _names_only(), "b_titled_200.txt": _titled_200(),
             "c_captions_only.txt": _captions_only()}
    paths = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.mark.hostile("articles")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_hostile_article_gives_json_or_one_line_and_the_rest_goes_on(tmp_path: Path,
                                                                          jobs: str) -> None:
    hostile = _write(tmp_path)
    # enough copies of the seed for the pool to be used with two jobs
    batch = [str(p) for p in hostile] + [str(SEED)] * 40
    result = CliRunner().invoke(extract, [*batch, "--json", "--jobs", jobs])
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    sources = [o["source"] for o in objects]
    for obj in objects:
        validate(obj)
    # every input is accounted for exactly once: an object or one error line naming it
    for path in hostile:
        named = [e for e in errors if str(path) in e]
        assert (str(path) in sources) != bool(named), (path, errors)
        assert len(named) <= 1
    assert sources.count(str(SEED)) == 40 and sources[-1] == str(SEED)
    assert all(len(e.splitlines()) == 1 for e in errors)
    assert result.exit_code == (1 if errors else 0)


@pytest.mark.hostile("articles")
def test_an_article_of_captions_only_is_a_one_line_error(tmp_path: Path) -> None:
    path = _write(tmp_path)[2]
    result = CliRunner().invoke(extract, [str(path), str(SEED), "--json"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{path}: no article text left after removing page clutter"
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(SEED)]


@pytest.mark.hostile("articles")
@pytest.mark.parametrize("make, most", [(_names_only, 0), (_titled_200, 200)])
def test_lists_of_names_are_not_a_visit_with_a_lead(tmp_path: Path, make, most: int) -> None:
    path = tmp_path / "list.txt"
    path.write_text(make(), encoding="utf-8")
    result = CliRunner().invoke(extract, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert len(facts["counterparts"]) <= most
    if most == 0:  # bare names, no title and no verb: nobody met, nobody leads
        assert facts["kind"] == "other" and facts["lead_official"] is None
