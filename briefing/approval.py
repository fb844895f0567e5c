"""Approval: who approved which build of a month, so that only a checked build is mailed.

In: the PDFs of a month in out/YYYY-MM/ and an editor's name.  Out: out/YYYY-MM/approval.json
(the SHA-256 of every PDF of the month, who approved them and when), written atomically;
and `check`, which raises ApprovalError, one line saying what to run, when an edition to
be sent is not approved or its PDF changed since.

Beside the PDFs rather than in the database: the approval describes those files, moves
and is deleted with them, and can be read (or audited) without any tool.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .delivery.subscribers import now_iso
from .errors import BriefingError
from .models import RenderedEdition
from .writer import write_text

FILE_NAME = "approval.json"


class ApprovalError(BriefingError):
    """A month cannot be sent (not approved, or changed since) or cannot be approved."""


@dataclass(frozen=True)
class Approval:
    month: str
    by: str
    at: str  # ISO 8601 UTC
    pdfs: dict[str, str]  # file name -> SHA-256


def path_for(out_dir: Path, month: str) -> Path:
    return Path(out_dir) / month / FILE_NAME


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def approve(out_dir: Path, month: str, by: str, editions: Sequence[RenderedEdition]) -> Approval:
    """Record that `by` approved the PDFs of `editions` (the month's build) as they are now."""
    if not editions:
        raise ApprovalError(f"{month}: no PDF in {Path(out_dir) / month} to approve; "
                            f"run `briefing build --month {month}` first")
    if not by.strip():
        raise ApprovalError("approve: say who approves (--by NAME)")
    approval = Approval(month, by.strip(), now_iso(),
                        {Path(e.path).name: digest(Path(e.path)) for e in editions})
    write_text(path_for(out_dir, month), json.dumps(approval.__dict__, indent=2, ensure_ascii=False) + "\n")
    return approval


def read(out_dir: Path, month: str) -> Approval | None:
    """The month's approval, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads(path_for(out_dir, month).read_text(encoding="utf-8"))
        return Approval(str(data["month"]), str(data["by"]), str(data["at"]),
                        {str(k): str(v) for k, v in data["pdfs"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def changed(approval: Approval, editions: Iterable[RenderedEdition]) -> list[str]:
    """File names of the editions whose PDF is not the one approved."""
    return [Path(e.path).name for e in editions
            if approval.pdfs.get(Path(e.path).name) != digest(Path(e.path))]


def check(out_dir: Path, editions: Sequence[RenderedEdition]) -> None:
    """Raise ApprovalError unless every edition's PDF is the one its month's approval names."""
    for month in sorted({e.month for e in editions}):
        of_month = [e for e in editions if e.month == month]
        approval = read(out_dir, month)
        if approval is None:
            raise ApprovalError(f"{month} is not approved: check it (`briefing review`), then run "
                                f"`briefing approve --month {month}`")
        moved = changed(approval, of_month)
        if moved:
            raise ApprovalError(f"{month}: {moved[0]} changed since {approval.by} approved it at "
                                f"{approval.at}: check it again, then run "
                                f"`briefing approve --month {month}`")


def status(out_dir: Path, month: str, editions: Sequence[RenderedEdition]) -> str:
    """"approved", "changed" (PDFs differ from the approved ones) or "none", for the review page."""
    approval = read(out_dir, month)
    if approval is None:
        return "none"
    return "changed" if changed(approval, editions) or not editions else "approved"
