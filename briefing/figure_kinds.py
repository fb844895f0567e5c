"""What each figure measures: a kind from a controlled vocabulary, its year and its parties.

In: a `Figure` as the figure rules found it (value, unit, the clause and sentence it came
from).  Out: the same figure with `kind` (an id of briefing/data/figure_kinds.toml, or
None when no rule fits), `year` (the year the figure is for, when the clause says "in
2024") and `parties` (ISO country codes of a pair written "Vietnam-France", as the
sentence gives them).  The localise stage prints the kind's label from the glossary, so
a figure reads in the edition's language without its English clause.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from .extract import places
from .extract.rules import rule as named_rule  # this module's own `Rule` is a figure kind
from .models import Figure
from .text import first_cue

DATA = Path(__file__).resolve().parent / "data" / "figure_kinds.toml"
_CURRENCY = named_rule(
    "figure_kinds.currency",
    r"\b(?:USD|EUR|VND|GBP|JPY|KRW|CNY|AUD|CAD|CHF|SGD|THB|CZK|PLN|HUF|"
    r"SEK|DKK|NOK|INR|RON|RMB)\b",
    why="a currency code in a figure's unit: the figure is an amount of money",
    examples=("billion USD", "million EUR"),
    counter_examples=("million students",),
)
# "in 2024", "for 2023", "of 2022": the year a figure is for (a bare "2024" may be a target).
_YEAR = named_rule(
    "figure_kinds.year_of_figure",
    r"\b(?:in|for|of|during|since|in the year)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-–])",
    why="'in 2024', 'for 2023': the year a figure is for",
    examples=("trade in 2024", "the target for 2023"),
    counter_examples=("in 2024-2025", "a 2030 target"),
)
# "Vietnam-France", "Việt Nam–Hungary", "Vietnam - Laos": a pair of countries.
_NAME = r"\p{Lu}[\p{L}\p{M}'’]*(?:\s\p{Lu}[\p{L}\p{M}'’]*){0,2}"
_PAIR = named_rule(
    "figure_kinds.country_pair",
    rf"(?P<a>{_NAME})\s?[-–—/]\s?(?P<b>{_NAME})",
    why="'Vietnam-France', 'Vietnam – Laos': the two parties of a figure between countries",
    examples=("Vietnam-France trade", "Vietnam – Laos trade"),
    counter_examples=("bilateral trade",),
)


SHORT_CLAUSE = 7  # words
# "established in 2005": the year of something else than the figure.
_NOT_ITS_YEAR = named_rule(
    "figure_kinds.not_its_year",
    r"\b(?:established|founded|signed|set up|created|opened|born)\s+\Z",
    why="'established in 2005': a year of something else than the figure",
    examples=("a firm established ", "the agreement signed "),
    counter_examples=("trade ",),
)


@dataclass(frozen=True)
class Rule:
    """One kind and the conditions that give it (see the data file's header)."""

    id: str
    units: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # a second set of cues, one of which must be there too
    money: bool | None = None
    percent: bool | None = None
    parties: bool = False


@functools.cache
def rules(path: Path = DATA) -> tuple[Rule, ...]:
    """The kinds of the data file, in the order they are tried."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(Rule(k["id"], tuple(k.get("units", ())), tuple(k.get("cues", ())),
                      tuple(k.get("also", ())), k.get("money"), k.get("percent"),
                      k.get("parties", False))
                 for k in data["kind"])


@functools.cache
def first_for(audience: str, path: Path = DATA) -> tuple[str, ...]:
    """The kinds an audience reads first, most telling first (the data file's [first])."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(data.get("first", {}).get(audience, ()))


def kinds() -> tuple[str, ...]:
    """Every kind id, for the glossary check and the docs."""
    return tuple(dict.fromkeys(rule.id for rule in rules()))


def classify(figure: Figure) -> Figure:
    """`figure` with its kind, year and parties filled in from its own words."""
    kind = kind_of(figure)
    between = any(rule.parties for rule in rules() if rule.id == kind)
    parties = parties_of(figure.sentence_text or figure.what) if between else ()
    return dataclasses.replace(figure, kind=kind, year=year_of(figure), parties=parties)


def kind_of(figure: Figure) -> str | None:
    """The id of the first kind whose conditions `figure` meets, or None."""
    unit = figure.unit.casefold()
    words = set(regex.findall(r"[\p{L}\d²]+", unit))
    money, percent = bool(_CURRENCY.search(figure.unit)), unit.strip() in ("percent", "%")
    for rule in rules():
        if rule.money is not None and rule.money != money:
            continue
        if rule.percent is not None and rule.percent != percent:
            continue
        if rule.units and not (words & set(rule.units) or unit in rule.units):
            continue
        if rule.cues and not _cued(rule.cues, figure):
            continue
        if rule.also and not _cued(rule.also, figure):
            continue
        return rule.id
    return None


def _cued(cues: Sequence[str], figure: Figure) -> bool:
    # The clause first: a sentence may hold two figures of different kinds; the sentence
    # only for a clause too short to carry its own subject.
    short = len(figure.what.split()) < SHORT_CLAUSE
    texts = (figure.what, figure.sentence_text) if short else (figure.what,)
    return any(first_cue(cues, text) is not None for text in texts)


def year_of(figure: Figure) -> int | None:
    if figure.unit in ("target year",):
        return None
    match = _YEAR.search(figure.what)
    if match is None or _NOT_ITS_YEAR.search(figure.what, 0, match.start()):
        return None
    year = int(match.group("year"))
    return None if year == figure.value else year


def parties_of(text: str) -> tuple[str, ...]:
    """ISO codes of the first pair of countries written with a dash ('Vietnam–France')."""
    for match in _PAIR.finditer(text):
        codes = [places.country_of(_side(match.group("a"), -1)),
                 places.country_of(_side(match.group("b"), 0))]
        if all(codes) and codes[0] != codes[1]:
            return tuple(c for c in codes if c)
    return ()


def _side(name: str, end: int) -> str:
    """The country at one end of a pair's side: 'Bilateral Vietnam' (end -1) -> 'Vietnam',
    'France Decentralised' (end 0) -> 'France'."""
    words = name.split()
    for size in (2, 1):
        part = " ".join(words[-size:] if end else words[:size])
        if len(words) >= size and places.country_of(part):
            return part
    return name
