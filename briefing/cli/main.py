"""The `briefing` command: thin click wrappers around the library.

Each command loads settings, calls one library function and turns the project's own
exceptions into a one-line message and an exit code (1: some input failed, 2: the run
could not start).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__, system
from .. import settings as settings_mod
from ..models import AUDIENCES, LANGS, BuildReport
from .common import check_months, fail_cleanly, quiet, say, selection_from, settings_from, split_choices

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("briefing")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--config", "-c", type=click.Path(dir_okay=False, path_type=Path),
              envvar="BRIEFING_CONFIG", help="TOML settings file (default: none, built-in defaults).")
@click.option("-v", "--verbose", count=True, help="More detail (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.pass_context
def main(ctx: click.Context, config: Path | None, verbose: int, quiet: bool) -> None:
    """Turn news of official visits into monthly PDF briefings in vi, fr and en.

    \b
    Example:
      briefing --config seeds/briefing.toml run --month 2025-04 --lang vi,fr
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"config": config, "quiet": quiet}


def selection_options(func: F) -> F:
    """--month, --lang and --audience, shared by build and run."""
    func = click.option("--audience", callback=split_choices(AUDIENCES), metavar="LIST",
                        help="Audiences, comma-separated (default: the audiences setting).")(func)
    func = click.option("--lang", callback=split_choices(LANGS), metavar="LIST",
                        help="Languages, comma-separated (default: the languages setting).")(func)
    return click.option("--month", multiple=True, callback=check_months, metavar="YYYY-MM",
                        help="Month to build; repeat for several (default: every month found).")(func)


def print_report(report: BuildReport) -> None:
    """The build summary: what was written, skipped, missing or failed."""
    written = [e for e in report.editions if not e.skipped]
    say(f"{len(written)} PDF(s) written, {len(report.editions) - len(written)} unchanged")
    for edition in report.editions:
        say(f"  {edition.path}{' (unchanged)' if edition.skipped else ''}")
    for source in report.undated:  # an article left out of every edition: as loud as a failure
        click.echo(f"undated, in no edition: {source}", err=True)
    for note in report.translation_notes:
        if note.model is None and note.passages:
            say(f"no translation model {note.source_lang}->{note.target_lang}: "
                f"{note.passages} passage(s) kept in the original language, labelled", err=True)
    for failure in report.translation_failures:
        say(f"translation engine: {failure}", err=True)
    if report.extra:
        say("translation: " + ", ".join(f"{n} {k}" for k, n in report.extra.items()))
    for problem in report.problems:
        click.echo(f"failed: {problem}", err=True)


def run_build(ctx: click.Context, month: tuple[str, ...] | None, lang: tuple[str, ...] | None,
              audience: tuple[str, ...] | None) -> BuildReport:
    system.check()  # before importing the pipeline, which loads WeasyPrint
    from .. import pipeline

    settings = settings_from(ctx)
    with system.progress(show=not quiet()) as step:
        report = pipeline.build(pipeline.BuildOptions.from_settings(settings),
                                selection_from(settings, month, lang, audience), progress=step)
    print_report(report)
    return report


@main.command()
@selection_options
@click.pass_context
@fail_cleanly
def build(ctx: click.Context, month: tuple[str, ...] | None, lang: tuple[str, ...] | None,
          audience: tuple[str, ...] | None) -> None:
    """Build the PDF editions from the articles, without sending anything.

    Writes out/YYYY-MM/briefing-YYYY-MM-<audience>-<lang>.pdf for each chosen edition.

    \b
    Example:
      briefing -c seeds/briefing.toml build --month 2025-07 --audience business
    """
    report = run_build(ctx, month, lang, audience)
    sys.exit(1 if report.problems else 0)


@main.command()
@selection_options
@click.pass_context
@fail_cleanly
def run(ctx: click.Context, month: tuple[str, ...] | None, lang: tuple[str, ...] | None,
        audience: tuple[str, ...] | None) -> None:
    """Build the chosen editions and hand them to the mail backend.

    The default backend writes .eml files to out/outbox/; each subscriber gets each
    edition once, however often you run this.  Over SMTP the month must have been
    approved as built (`briefing approve`); otherwise nothing is mailed.

    \b
    Example:
      briefing -c seeds/briefing.toml run --lang vi,fr
    """
    system.check()  # before importing the pipeline, which loads WeasyPrint
    from .. import pipeline
    from .mail import print_delivery, print_imported

    settings = settings_from(ctx)
    with system.progress(show=not quiet()) as step:
        report = pipeline.run(pipeline.RunOptions.from_settings(settings),
                              selection_from(settings, month, lang, audience), progress=step)
    print_report(report.build)
    if report.refusal:
        click.echo(f"error: nothing mailed: {report.refusal}", err=True)
        sys.exit(2)
    print_imported(report.imported)
    if report.delivery:
        print_delivery(report.delivery)
    sys.exit(1 if report.build.problems or not (report.delivery and report.delivery.ok) else 0)


@main.command("settings")
@click.pass_context
@fail_cleanly
def show_settings(ctx: click.Context) -> None:
    """Show every setting: its value after the file and BRIEFING_* variables, and its help.

    \b
    Example:
      briefing -c seeds/briefing.toml settings
    """
    loaded = settings_from(ctx)
    width = max(len(s.name) for s in settings_mod.SETTINGS)
    for setting in settings_mod.SETTINGS:
        value = loaded.values[setting.name]
        shown = ",".join(value) if isinstance(value, list) else value
        click.echo(f"{setting.name:<{width}} {shown!s:<40} {setting.help}")


def _add_stage_commands() -> None:
    """Commands of the other stages, each defined in its own module."""
    from .extract import extract
    from .mail import send, serve, subscribers
    from .models import models
    from .review import approve, review
    from .translations import translations

    main.add_command(extract)
    main.add_command(models)
    main.add_command(translations)
    for command in (subscribers, send, serve, approve, review):
        main.add_command(command)


_add_stage_commands()
