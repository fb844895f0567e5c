"""`briefing extract`: article files -> facts, as JSON lines or a short summary.

In: paths of article files (or folders of them).  Out: on stdout one JSON object per
article in input order (`--json`, see docs/facts.md) or one summary line each; a one-line
message on stderr for each input that cannot be read; exit code 1 if any input failed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from .errors import BriefingError, NoArticlesError
from .extract import extract as extract_facts
from .facts_json import facts_to_json
from .models import Facts
from .readers import article_files, read_article

log = logging.getLogger(__name__)

@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per article.")
def extract(paths: tuple[str, ...], as_json: bool) -> None:
    """Extract the key facts of each article (visit, dates, people, sectors, figures).

    A folder stands for the article files in it, sorted by name (not its subfolders);
    a folder without any is an error.  Inputs that cannot be read are reported on
    stderr; the others are still processed; the exit code is 1 if any input failed.

    Example: briefing extract seeds/ --json > facts.jsonl
    """
    failed = False
    for raw in paths:
        try:
            files = _expand(raw)
        except NoArticlesError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        for path in files:
            failed = not _print_facts(path, as_json) or failed
    if failed:
        raise SystemExit(1)


def _print_facts(path: str, as_json: bool) -> bool:
    """Print the facts of one file; report it and return False when it fails."""
    try:
        facts = extract_file(path)
    except BriefingError as exc:
        click.echo(str(exc), err=True)
        return False
    click.echo(json.dumps(facts_to_json(facts), ensure_ascii=False) if as_json else describe(facts))
    return True


def extract_file(path: str) -> Facts:
    """Read and extract one file; unexpected failures become a `BriefingError`."""
    article = read_article(path)
    try:
        return extract_facts(article)
    except Exception as exc:  # a rule tripping on odd text must not stop the batch
        log.exception("extraction failed for %s", path)
        raise BriefingError(f"{path}: extraction failed ({type(exc).__name__}: {exc})") from exc


def _expand(raw: str) -> list[str]:
    """A folder's article files, or the path itself (a missing file is reported by the reader)."""
    path = Path(raw)
    return [str(p) for p in article_files(path)] if path.is_dir() else [raw]


def describe(facts: Facts) -> str:
    """One human-readable line about `facts`."""
    parts = [facts.source, facts.kind]
    if facts.kind == "visit":
        when = facts.visit_start.isoformat() if facts.visit_start else (
            facts.visit_start_partial or "undated")
        where = ", ".join(x for x in (facts.region, facts.host_country) if x) or "place unknown"
        parts += [when, where]
    if facts.lead_official:
        parts.append(f"lead: {facts.lead_official.name}")
    parts.append(f"{len(facts.counterparts)} counterparts, {len(facts.figures)} figures, "
                 f"{len(facts.sectors)} sectors")
    if facts.reason:
        parts.append(facts.reason)
    return " | ".join(parts)
