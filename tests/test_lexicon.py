"""The extractor's word lists (briefing/data/lexicon/): each file says what it is for, is
read once, and a broken one is a clear error naming the file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.extract import lexicon, people, places


def _files() -> list[Path]:
    return sorted(lexicon.LEXICON_DIR.iterdir())


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_list_starts_with_a_comment_saying_what_it_is_for(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 20, path.name


@pytest.mark.parametrize("path", [p for p in _files() if p.suffix == ".txt"], ids=lambda p: p.name)
def test_a_word_list_has_no_duplicate_and_no_blank_entry(path: Path) -> None:
    entries = lexicon.entries(path.stem)
    assert entries and len(entries) == len(set(entries)), path.name
    assert all(e == e.strip() and not e.startswith("#") for e in entries)


@pytest.mark.parametrize("path", [p for p in _files() if p.suffix == ".toml" and p.stem != "titles"],
                         ids=lambda p: p.name)
def test_a_table_maps_names_to_iso_codes(path: Path) -> None:
    table = lexicon.table(path.stem)
    assert table and all(code[:2].isupper() for code in table.values()), path.name


def test_the_lists_are_what_the_extractor_uses() -> None:
    assert "nguyen" in people._VN_SURNAMES and "province" in people._ORG_HEADS
    assert places.lookup("Bavaria") is not None and places.lookup("Bavaria").code == "DE-BY"  # exonym
    assert places.nationality("Vietnamese") == "VN" and places.country_of("Czechia") == "CZ"
    assert lexicon.words("vn_surnames") is lexicon.words("vn_surnames")  # read once


def test_the_lexicon_files_are_package_data() -> None:
    # briefing/data/ sits inside the package, so a wheel carries it (pyproject: packages)
    package = Path(lexicon.__file__).resolve().parent.parent
    assert lexicon.LEXICON_DIR.parent.parent == package
    data = tomllib.loads((package.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["briefing"]


def test_a_missing_or_broken_list_is_an_error_naming_the_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    (tmp_path / "bad.toml").write_text('"Kelport" = 3\n', encoding="utf-8")
    (tmp_path / "broken.toml").write_text('"Kelport" = \n', encoding="utf-8")
    try:
        with pytest.raises(InputError, match=r"absent\.txt: cannot read word list"):
            lexicon.entries("absent")
        with pytest.raises(InputError, match=r"bad\.toml: Kelport must map to a string"):
            lexicon.table("bad")
        with pytest.raises(InputError, match=r"broken\.toml: cannot read lexicon table"):
            lexicon.table("broken")
    finally:
        lexicon.entries.cache_clear()
        lexicon.table.cache_clear()
