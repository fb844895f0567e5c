"""`briefing extract`: article files -> facts, as JSON lines or a short summary.

In: paths of article files (or folders of them), and the editors' corrections (the
`corrections_dir` setting, or --corrections).  Out: on stdout one JSON object per article
in input order (`--json`, see docs/facts.md; a corrected article says which fields were
corrected under "corrections", docs/review.md) or one summary line each; a one-line
message on stderr for each input that cannot be read and each correction that cannot be
applied; exit code 1 if any input failed.  A large batch is extracted over a pool of
processes (`--jobs`); the output stays in input order.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from .. import corrections as fixes
from ..errors import BriefingError, NoArticlesError
from ..extract import extract as extract_facts
from ..facts_json import facts_to_json
from ..models import Facts
from ..readers import article_files, read_article
from .common import clean_errors, settings_from

log = logging.getLogger(__name__)

# Below this many files per process, starting the pool costs more than it saves.
MIN_FILES_PER_JOB = 16
CHUNK = 8  # files handed to a worker at once: fewer round trips, still balanced


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per article.")
@click.option("--corrections", "corrections_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of corrections (default: the corrections_dir setting).")
@click.option("--raw", is_flag=True, help="The extractor's facts, without the corrections.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to extract with (default: one per core; small batches use one).")
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], as_json: bool,
            corrections_dir: Path | None, raw: bool, jobs: int | None) -> None:
    """Extract the key facts of each article (visit, dates, people, sectors, figures).

    A folder stands for the article files in it, sorted by name (not its subfolders);
    a folder without any is an error.  The editors' corrections are applied after the
    rules (docs/review.md); a correction whose article changed is reported, not
    applied.  Inputs that cannot be read are reported on
    stderr; the others are still processed; the exit code is 1 if any input failed.
    A large batch is spread over one process per core (--jobs to choose).

    Example: briefing extract seeds/ --json > facts.jsonl  (-c FILE: its corrections_dir)
    """
    found, problems = ({}, []) if raw else _corrections(ctx, corrections_dir)
    failed = bool(problems)
    for problem in problems:
        click.echo(f"failed: {problem}", err=True)
    # in input order: a folder without articles (an error line) or a file to extract
    items: list[tuple[str, str]] = []
    for given in paths:
        try:
            items += [("file", path) for path in _expand(given)]
        except NoArticlesError as exc:
            items.append(("error", f"error: {exc}"))
    extracted = extract_many([value for kind, value in items if kind == "file"], jobs)
    for kind, value in items:
        if kind == "error":
            click.echo(value, err=True)
            failed = True
            continue
        path, facts, error = next(extracted)
        failed = not _print_facts(path, as_json, found.get(Path(path).name), facts, error) \
            or failed
    if failed:
        raise SystemExit(1)


def extract_many(paths: list[str], jobs: int | None = None,
                 ) -> Iterator[tuple[str, Facts | None, str | None]]:
    """(path, facts, None) or (path, None, one-line error) for each path, in input order;
    over a process pool when the batch is large enough to gain from it."""
    jobs = jobs or os.cpu_count() or 1
    jobs = min(jobs, max(1, len(paths) // MIN_FILES_PER_JOB))
    if jobs == 1:
        yield from map(_extract_or_error, paths)
        return
    # forkserver: forking a process that runs threads (a test server, a logging handler)
    # may deadlock, and Python warns about it
    context = multiprocessing.get_context("forkserver")
    # the server imports this module once (the extractor's rules compiled) and each worker
    # forks from it, instead of every worker importing and compiling them again
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_extract_or_error, paths, chunksize=CHUNK)


def _extract_or_error(path: str) -> tuple[str, Facts | None, str | None]:
    try:
        return path, extract_file(path), None
    except BriefingError as exc:
        return path, None, str(exc)


def _print_facts(path: str, as_json: bool, correction: fixes.Correction | None,
                 facts: Facts | None, error: str | None) -> bool:
    """Print the (corrected) facts of one file; report it and return False when it failed."""
    if facts is None:
        click.echo(error, err=True)
        return False
    try:
        corrected = fixes.apply(facts, Path(path).read_bytes(), correction)
    except (BriefingError, OSError) as exc:
        click.echo(str(exc), err=True)
        return False
    if corrected.problem:
        click.echo(f"failed: {corrected.problem}", err=True)
    if as_json:
        click.echo(json.dumps(corrected_json(corrected, correction), ensure_ascii=False))
    else:
        click.echo(describe(corrected.facts) + (" | dropped by an editor" if corrected.dropped else ""))
    return corrected.problem is None


def _corrections(ctx: click.Context, folder: Path | None
                 ) -> tuple[dict[str, fixes.Correction], list[object]]:
    with clean_errors():
        folder = folder or settings_from(ctx).path("corrections_dir")
    found, problems = fixes.load_folder(folder)
    return found, list(problems)


def corrected_json(corrected: fixes.Corrected, correction: fixes.Correction | None) -> dict[str, object]:
    """The facts' JSON object, with what the correction did when there is one."""
    data = facts_to_json(corrected.facts)
    if correction is not None:
        data["corrections"] = {"file": str(correction.path), "status": corrected.status,
                               "fields": list(corrected.fields), "dropped": corrected.dropped}
    return data


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
