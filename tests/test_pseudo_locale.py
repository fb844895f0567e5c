"""A pseudo-locale: every catalog string is wrapped in [[ ]], so any UI text that does not go
through gettext stands out in the rendered HTML as a bare word."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from babel.dates import get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from factories import make_facts
from lxml import html as lxml_html

from briefing import i18n, render
from briefing.localise import KeepOriginal, NameBook, build_edition, localise_item, translate_prose

POT = Path(__file__).resolve().parent.parent / "locales" / "briefing.pot"


def pseudo_catalog() -> Translations:
    with POT.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(f"[[{form}]]" for form in message.id)
        else:
            message.string = f"[[{message.id}]]"
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=i18n.DOMAIN)


def strings_in(value: object) -> list[str]:
    """Every string reachable from a record: the data, as opposed to the UI."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, (tuple, list)):
        return [s for v in value for s in strings_in(v)]
    return []


@pytest.mark.parametrize("audience", ["business", "diaspora"])
def test_every_ui_string_goes_through_the_catalog(monkeypatch: pytest.MonkeyPatch, audience: str,
                                                  tmp_path: Path) -> None:
    pseudo = pseudo_catalog()
    monkeypatch.setattr(i18n, "translations", lambda lang: pseudo)
    facts = [make_facts(), make_facts(kind="interview", source="b.txt", visit_start=None, visit_end=None)]
    prose = translate_prose(facts, ["en"], KeepOriginal())
    items = [localise_item(f, audience, "en", prose, NameBook(facts)) for f in facts]
    edition = build_edition("2025-07", audience, "en", items, dt.date(2025, 8, 1))
    page = render.Renderer(tmp_path).html(edition)

    tree = lxml_html.fromstring(page)
    for node in tree.xpath("//style | //script"):
        node.drop_tree()
    text = re.sub(r"\[\[.*?\]\]", " ", " ".join(tree.xpath("//text()")), flags=re.S)
    data = " ".join(strings_in(edition)) + " " + " ".join(get_month_names(locale="en").values())
    allowed = {w.lower() for w in re.findall(r"[^\W\d_]+", data)}
    bare = sorted({w for w in re.findall(r"[^\W\d_]{3,}", text) if w.lower() not in allowed})
    assert bare == []


@pytest.mark.parametrize("kind", ["visit", "interview", "other"])
def test_every_sentence_of_the_narrative_is_a_catalog_frame(monkeypatch: pytest.MonkeyPatch,
                                                            kind: str) -> None:
    """A narrative sentence glued from fragments would show text outside [[ ]]."""
    pseudo = pseudo_catalog()
    monkeypatch.setattr(i18n, "translations", lambda lang: pseudo)
    facts = dataclasses.replace(make_facts(), kind=kind)
    prose = translate_prose([facts], ["en"], KeepOriginal())
    item = localise_item(facts, "business", "en", prose, NameBook([facts]))
    assert item.narrative
    for paragraph in item.narrative:
        for sentence in re.split(r"(?<=\]\]) (?=\[\[)", paragraph):
            assert sentence.startswith("[[") and sentence.endswith(".]]"), sentence
    lines = [*item.agreements, item.quote_label, item.where_when]
    assert lines and all(line.startswith("[[") for line in lines), lines
    framed = [f.label for f in facts.figures and item.figures if "(" in f.label or " in " in f.label]
    assert all(label.startswith("[[") for label in framed), framed
