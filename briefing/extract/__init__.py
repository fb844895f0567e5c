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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core import extract, name_key, same_person

__all__ = ["extract", "name_key", "same_person"]


def __getattr__(name: str) -> Any:
    """Load `core` on first use of its names (PEP 562), not when the package is imported.

    Its modules compile some 170 patterns, a third of a second of CPU, at import; the
    localise and render stages import `places` from here and must not pay for them.
    """
    if name in __all__:
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
