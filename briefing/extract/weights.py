"""The extractor's scoring weights, by name: one table of briefing/data/weights.toml each.

In: briefing/data/weights.toml (read once, at first use).  Out: `WEIGHTS`, a frozen
`Weights` with one frozen dataclass per scoring: `dates` (which date is the visit's),
`region` (which place is the visited region), `lead` (who heads the visiting side) and
`highlights` (which sentences an audience reads first).  The data file says what each
weight rewards or penalises; the code reads `WEIGHTS.dates.range`, never a bare number.

Why a data file: the weights are tuned, not designed, and were scattered as literals over
three modules; in one table they can be read, compared and (one day) fitted together.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

DATA = Path(__file__).resolve().parent.parent / "data" / "weights.toml"


@dataclass(frozen=True)
class DateWeights:
    range: float
    visit_sentence: float
    year_written: float
    from_before: float
    visit_word_after: float
    early_sentence: float
    middle_sentence: float
    event: float
    future: float
    ahead_of: float
    recalled: float
    dateline: float
    said_in_opening: float
    earlier_year: float
    said_at_visit: float
    min_score: float
    strong_score: float
    opening_day_min: float
    later_day_min: float


@dataclass(frozen=True)
class RegionWeights:
    labelled: float
    first_level: float
    mention: float
    early: float
    unnamed_country: float


@dataclass(frozen=True)
class LeadWeights:
    led: float
    nationality: float
    early: float
    acted: float
    guest: float
    hosting: float
    member: float
    mention: float
    has_role: float
    position: float
    visited_side: float
    visiting_side: float
    min_score: float
    interview_cue: float
    interview_label: float


@dataclass(frozen=True)
class HighlightWeights:
    word: float
    number: float
    position: float


@dataclass(frozen=True)
class Weights:
    dates: DateWeights
    region: RegionWeights
    lead: LeadWeights
    highlights: HighlightWeights


_T = TypeVar("_T")


def load(path: Path = DATA) -> Weights:
    """Every table of the weights file; a missing, unknown or non-numeric weight is an error
    naming it (a misspelt key must not leave a weight at a silent default)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = {"dates": DateWeights, "region": RegionWeights, "lead": LeadWeights,
              "highlights": HighlightWeights}
    unknown = sorted(set(data) - set(tables))
    if unknown:
        raise ValueError(f"{path}: unknown table(s) {', '.join(unknown)}")
    return Weights(**{name: _table(kind, data.get(name, {}), f"{path} [{name}]")
                      for name, kind in tables.items()})


def _table(kind: type[_T], values: dict[str, Any], where: str) -> _T:
    names = [f.name for f in dataclasses.fields(kind)]  # type: ignore[arg-type]
    missing = [n for n in names if n not in values]
    unknown = sorted(set(values) - set(names))
    if missing or unknown:
        raise ValueError(f"{where}: missing {missing or 'nothing'}, unknown {unknown or 'nothing'}")
    bad = [n for n in names if isinstance(values[n], bool) or not isinstance(values[n], int | float)]
    if bad:
        raise ValueError(f"{where}: not a number: {', '.join(bad)}")
    return kind(**{n: float(values[n]) for n in names})


WEIGHTS = load()
