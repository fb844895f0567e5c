"""Facts <-> JSON: the objects `briefing extract --json` prints (docs/facts.md).

In: `Facts` (or a JSON dict).  Out: a JSON-ready dict with the issue's field names
(`agreements_or_proposals`, `highlights`, `summary`...) plus the sentence indices,
`language`, `reason`, `date_note`, and the article's sentences the indices point into;
or `Facts` back from such a dict.  `validate` checks a dict against the shipped schema.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from .models import Agreement, Facts, Figure, Person, Statement
from .resources import schema_path
from .text import split_sentences


def facts_to_json(facts: Facts) -> dict[str, Any]:
    """Return the JSON object for `facts` (valid against facts.schema.json)."""
    return {
        "source": facts.source,
        "kind": facts.kind,
        "title": facts.title,
        "publication_date": _iso(facts.publication_date),
        "visit_start": _iso(facts.visit_start),
        "visit_end": _iso(facts.visit_end),
        "visit_start_partial": facts.visit_start_partial,
        "visit_end_partial": facts.visit_end_partial,
        "date_confidence": facts.date_confidence,
        "date_note": facts.date_note,
        "host_country": facts.host_country,
        "region": facts.region,
        "cities": list(facts.cities),
        "lead_official": _person(facts.lead_official) if facts.lead_official else None,
        "counterparts": [_person(p) for p in facts.counterparts],
        "sectors": list(facts.sectors),
        "figures": [_figure(f) for f in facts.figures],
        "agreements_or_proposals": [s.text for s in facts.agreements],
        "agreements_or_proposals_sentences": [s.sentence for s in facts.agreements],
        "agreements_details": [_agreement(s) for s in facts.agreements],
        "highlights": {"business": [s.text for s in facts.highlights_business],
                       "diaspora": [s.text for s in facts.highlights_diaspora]},
        "highlights_sentences": {"business": [s.sentence for s in facts.highlights_business],
                                 "diaspora": [s.sentence for s in facts.highlights_diaspora]},
        "summary": " ".join(facts.summary),
        "evidence": dict(facts.evidence),
        "language": facts.language,
        "outlet": facts.outlet,
        "reason": facts.reason,
        "sentences": list(facts.sentences),
    }


def facts_from_json(data: dict[str, Any]) -> Facts:
    """Rebuild `Facts` from a dict made by `facts_to_json`."""
    return Facts(
        source=data["source"], kind=data["kind"], title=data.get("title"),
        publication_date=_date(data.get("publication_date")),
        visit_start=_date(data.get("visit_start")), visit_end=_date(data.get("visit_end")),
        date_confidence=data["date_confidence"], date_note=data.get("date_note"),
        host_country=data.get("host_country"), region=data.get("region"),
        cities=tuple(data.get("cities", ())),
        lead_official=_unperson(data["lead_official"]) if data.get("lead_official") else None,
        counterparts=tuple(_unperson(p) for p in data.get("counterparts", ())),
        sectors=tuple(data.get("sectors", ())),
        figures=tuple(_unfigure(f) for f in data.get("figures", ())),
        agreements=_agreements(data),
        highlights_business=_statements(data["highlights"]["business"],
                                        data.get("highlights_sentences", {}).get("business", ())),
        highlights_diaspora=_statements(data["highlights"]["diaspora"],
                                        data.get("highlights_sentences", {}).get("diaspora", ())),
        summary=tuple(split_sentences(data.get("summary") or "")),
        sentences=tuple(data.get("sentences", ())), language=data.get("language", "en"),
        outlet=data.get("outlet"), reason=data.get("reason"),
        visit_start_partial=data.get("visit_start_partial"),
        visit_end_partial=data.get("visit_end_partial"),
        evidence=tuple((k, int(v)) for k, v in (data.get("evidence") or {}).items()),
    )


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package."""
    with schema_path().open(encoding="utf-8") as handle:
        return json.load(handle)


def validate(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError if `data` does not follow the schema."""
    import jsonschema

    jsonschema.validate(data, load_schema(), format_checker=jsonschema.FormatChecker())


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _person(p: Person) -> dict[str, Any]:
    person = {"name": p.name, "role": p.role, "organisation": p.organisation, "sentence": p.sentence}
    # Only when the article shows it: most people's is unknown, and says nothing.
    return person | ({"gender": p.gender} if p.gender != "unknown" else {})


def _unperson(d: dict[str, Any]) -> Person:
    return Person(d.get("name"), d.get("role"), d.get("organisation"), d.get("sentence"),
                  d.get("gender", "unknown"))


def _figure(f: Figure) -> dict[str, Any]:
    return {"value": _number(f.value), "unit": f.unit, "what": f.what, "sentence": f.sentence,
            "sentence_text": f.sentence_text, "kind": f.kind, "year": f.year,
            "parties": list(f.parties)}


def _unfigure(d: dict[str, Any]) -> Figure:
    return Figure(float(d["value"]), d["unit"], d["what"], d.get("sentence_text", ""),
                  d["sentence"], kind=d.get("kind"), year=d.get("year"),
                  parties=tuple(d.get("parties", ())))


def _agreement(s: Statement) -> dict[str, Any]:
    if isinstance(s, Agreement):
        return {"kind": s.kind, "action": s.action, "sectors": list(s.sectors)}
    return {"kind": "discussed", "action": None, "sectors": []}


def _agreements(data: dict[str, Any]) -> tuple[Statement, ...]:
    plain = _statements(data.get("agreements_or_proposals", ()),
                        data.get("agreements_or_proposals_sentences", ()))
    details = data.get("agreements_details") or []
    if len(details) != len(plain):  # an older file: the statements as they were
        return plain
    return tuple(Agreement(s.text, s.sentence, kind=d["kind"], action=d.get("action"),
                           sectors=tuple(d.get("sectors", ()))) for s, d in zip(plain, details, strict=True))


def _statements(texts: Any, indices: Any) -> tuple[Statement, ...]:
    indices = list(indices) or [-1] * len(texts)
    return tuple(Statement(t, i) for t, i in zip(texts, indices, strict=False))
