"""The scoring weights' table: read once, typed, and strict about its keys."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from briefing.extract import weights


def test_every_weight_of_the_data_file_is_read_by_name() -> None:
    data = tomllib.loads(weights.DATA.read_text(encoding="utf-8"))
    loaded = weights.load()
    for table in dataclasses.fields(loaded):
        values = dataclasses.asdict(getattr(loaded, table.name))
        assert values == {k: float(v) for k, v in data[table.name].items()}
    assert weights.WEIGHTS == loaded


def test_each_weight_says_what_it_rewards() -> None:
    lines = [line for line in weights.DATA.read_text(encoding="utf-8").splitlines()
             if "=" in line and not line.startswith("#")]
    assert lines and all("#" in line.split("=", 1)[1] for line in lines)


@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace("range = 3.0", "rnage = 3.0"), "missing \\['range'\\], unknown \\['rnage'\\]"),
    (lambda text: text.replace("labelled = 2.0", 'labelled = "two"'), "not a number: labelled"),
    (lambda text: text + "\n[people]\nled = 1.0\n", "unknown table\\(s\\) people"),
])
def test_a_misspelt_or_missing_weight_is_an_error_naming_it(tmp_path: Path, change, message) -> None:
    path = tmp_path / "weights.toml"
    path.write_text(change(weights.DATA.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        weights.load(path)
