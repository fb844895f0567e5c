"""Hand-built records for tests of the stages after extraction (fakes, named as such)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from briefing.models import Agreement, Facts, Figure, Person, Statement


def make_facts(**changes: Any) -> Facts:
    """A plausible visit, as the extractor would return it; override any field."""
    facts = Facts(
        source="seeds/visit.txt",
        kind="visit",
        title="Ambassador visits Normandy",
        publication_date=dt.date(2025, 7, 17),
        visit_start=dt.date(2025, 7, 15),
        visit_end=dt.date(2025, 7, 16),
        date_confidence="stated",
        date_note=None,
        host_country="FR",
        region="Normandy",
        cities=("Caen",),
        lead_official=Person("Đinh Toàn Thắng", "Vietnamese Ambassador to France", None, 1),
        counterparts=(
            Person("Delphine Wahl", "general director", "CCI Normandie", 4),
            Person("Marc Lecerf", "Mayor of Fleury-sur-Orne", "Fleury-sur-Orne", 9),
        ),
        sectors=("trade", "investment", "sport", "nuclear"),
        figures=(Figure(5.4, "billion USD", "bilateral trade in 2024",
                        "Bilateral trade reached over 5.4 billion USD.", 3,
                        kind="trade_turnover", year=2024, parties=("VN", "FR")),
                 Figure(8000, "students", "Vietnamese students in the region",
                        "Over 8,000 Vietnamese students study there.", 5, kind="students")),
        agreements=(Agreement("The ambassador proposed a regional day in Vietnam.", 6,
                              kind="proposed", action="cultural_event"),),
        highlights_business=(Statement("The region has a strong port and nuclear industry.", 7),),
        highlights_diaspora=(Statement("Vietnamese athletes will train in the region.", 9),),
        summary=("The ambassador visited the region.", "Both sides discussed cooperation."),
        sentences=("s0",) * 10,
        outlet="VNS",
    )
    return replace(facts, **changes)
