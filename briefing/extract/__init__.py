"""The extract stage: a clean `Article` -> `Facts` (who visited whom, where, when, what was said).

In: an `Article` from `briefing.readers`.  Out: `Facts` (briefing.models).  Pure functions,
no I/O.  The modules, each one kind of mention:
- core: the top `extract()`, the visit's sides, its kind and its dates;
- people: names and titles of officials, and which mentions are the same person;
- places: countries, regions and cities (pycountry plus the gazetteer);
- dates: day, month and range mentions;
- figures: counts and amounts with their unit and kind;
- agreements: what was signed or agreed.
`from briefing.extract import extract` is the stage's entry point (old checkouts are
benchmarked through it too: bench/bench_blind_history.py).
"""

from __future__ import annotations

from .core import extract, name_key, same_person

__all__ = ["extract", "name_key", "same_person"]
