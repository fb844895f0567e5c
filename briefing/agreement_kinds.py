"""What an agreement, proposal or planned event is: its kind, its action, its sectors.

In: a `Statement` found by briefing/extract/agreements.py (a clause and its sentence index).
Out: an `Agreement` (a Statement with `kind`, `action` and `sectors`); `action` is None
when the clause names no action of the controlled vocabulary
(briefing/data/agreement_actions.toml).  `records_agreement` says whether a clause
records anything: one that does not gets no line in an edition (a line labelled
"agreement" would say nothing), but stays in the facts, as extracted.
The localise stage prints the kind and action from the glossary, in the edition language.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from pathlib import Path

from .models import Agreement, Statement
from .text import first_cue
from .vocabulary import sectors_in

DATA = Path(__file__).resolve().parent / "data" / "agreement_actions.toml"
KINDS = ("signed", "agreed", "proposed", "planned", "discussed")


Cues = tuple[str, ...]


@functools.cache
def _data(path: Path = DATA) -> tuple[dict[str, Cues], tuple[tuple[str, Cues], ...], frozenset[str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    kinds = {kind: tuple(cues) for kind, cues in data["kinds"].items()}
    actions = tuple((a["id"], tuple(a["cues"])) for a in data["action"])
    return kinds, actions, frozenset(data.get("generic", ()))


def actions() -> tuple[str, ...]:
    """Every action id, for the glossary check and the docs."""
    return tuple(action for action, _ in _data()[1])


def kind_of(text: str) -> str:
    """signed, agreed, proposed or planned: the kind whose cue comes first; else discussed."""
    found = [(at, kind) for kind, cues in _data()[0].items() if (at := first_cue(cues, text)) is not None]
    return min(found)[1] if found else "discussed"


def action_of(text: str) -> str | None:
    """The first action of the vocabulary the clause names, or None."""
    return next((action for action, cues in _data()[1] if first_cue(cues, text) is not None), None)


def classify(statement: Statement) -> Agreement:
    """`statement` with what it is: its kind, action (None: not in the vocabulary), sectors."""
    return Agreement(statement.text, statement.sentence, kind=kind_of(statement.text),
                     action=action_of(statement.text), sectors=tuple(sectors_in(statement.text)))


def classify_all(statements: Sequence[Statement]) -> list[Statement]:
    """Every statement, classified (see `classify`)."""
    return [classify(s) for s in statements]


def records_agreement(agreement: Agreement) -> bool:
    """False for a clause with no action, or one that only discussed a generic one."""
    if agreement.action is None:
        return False
    return not (agreement.kind == "discussed" and agreement.action in _data()[2])
