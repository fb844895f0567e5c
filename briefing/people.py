"""Kept only so that `briefing.localise` (`from .people import name_key`) still imports.

The people rules live in briefing/extract/people.py.  In: nothing.  Out: the same names.
Remove this file once localise.py imports `briefing.extract.people` directly.
"""

from __future__ import annotations

from .extract.people import name_key, same_person

__all__ = ["name_key", "same_person"]
