"""The gettext catalogs: complete, no fuzzy entries, placeholders that match the msgid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from briefing import glossary

LOCALES = Path(__file__).resolve().parent.parent / "locales"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalog(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "briefing.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def template_ids() -> set[str]:
    with (LOCALES / "briefing.pot").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("lang", ["vi", "fr", "en"])
def test_catalog_is_complete_and_not_fuzzy(lang: str) -> None:
    messages = [m for m in catalog(lang) if m.id]
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in messages}
    assert template_ids() <= ids
    assert not catalog(lang).fuzzy
    assert [m.id for m in messages if m.fuzzy] == []
    untranslated = [m.id for m in messages
                    if not (m.string if isinstance(m.string, str) else all(m.string))]
    assert untranslated == []


@pytest.mark.parametrize("lang", ["vi", "fr", "en"])
def test_placeholders_match(lang: str) -> None:
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, (lang, message.id)


def test_glossary_labels_every_section_in_every_language() -> None:
    data = glossary.load()
    for section in ("sectors", "titles", "organisation_types", "units", "places"):
        assert data[section], section
        for key, labels in data[section].items():
            assert all(labels[lang].strip() for lang in ("vi", "fr", "en")), (section, key)


def test_broken_glossary_placeholder_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.toml"
    bad.write_text('[sectors]\ntrade = { vi = "%(x", fr = "b", en = "c" }\n', encoding="utf-8")
    with pytest.raises(glossary.InputError, match=r"glossary.toml: sectors.trade"):
        glossary.load(bad)
