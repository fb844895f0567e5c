"""`briefing translations ...`: the PO round trip of translations by hand.

In:  the settings (articles, translation_cache, out_dir), a month and a language to
     export; a PO file to import.
Out: a PO file written atomically; on import, the good entries stored, every bad entry
     reported on one line naming its file, line and context, and the editions they
     change rebuilt (only those).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..models import LANGS
from .common import check_months, fail_cleanly, say, settings_from


@click.group()
def translations() -> None:
    """Translate by hand, through PO files, the passages machines leave untranslated.

    \b
    Example:
      briefing translations export --month 2025-07 --lang fr -o july-fr.po
      briefing translations import july-fr.po
    """


@translations.command()
@click.option("--month", required=True, multiple=True, callback=check_months, metavar="YYYY-MM",
              help="The month whose editions to translate.")
@click.option("--lang", required=True, type=click.Choice(LANGS), help="The edition language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="PO file to write (default: <out_dir>/translations/YYYY-MM-<lang>.po).")
@click.pass_context
@fail_cleanly
def export(ctx: click.Context, month: tuple[str, ...], lang: str, output: Path | None) -> None:
    """Write a PO file of every passage the month's editions show in another language.

    Machine translations come as fuzzy suggestions, accepted translations filled in.
    Open it in Poedit (or upload it to Weblate), translate, then import it.

    \b
    Example:
      briefing -c seeds/briefing.toml translations export --month 2025-07 --lang vi
    """
    from .. import pipeline, system

    system.check()
    settings = settings_from(ctx)
    for one in month:
        out = output or settings.path("out_dir") / "translations" / f"{one}-{lang}.po"
        report = pipeline.export_translations(pipeline.BuildOptions.from_settings(settings), one,
                                              lang, out)  # type: ignore[arg-type]
        say(f"{report.path}: {report.entries} passage(s), {report.filled} translated by "
                   f"hand, {report.suggestions} fuzzy suggestion(s)")


@translations.command("import")
@click.argument("po_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--rebuild/--no-rebuild", default=True, show_default=True,
              help="Rebuild the editions the new translations change.")
@click.pass_context
@fail_cleanly
def import_(ctx: click.Context, po_file: Path, rebuild: bool) -> None:
    """Check a translated PO file, store its good entries, rebuild what they change.

    Every bad entry is reported by line and left out; the others are imported.  Empty
    and fuzzy entries are never taken as final.

    \b
    Example:
      briefing -c seeds/briefing.toml translations import out/translations/2025-07-vi.po
    """
    from .. import pipeline, system
    from .main import print_report

    system.check()
    report = pipeline.import_translations(pipeline.BuildOptions.from_settings(settings_from(ctx)),
                                          po_file, rebuild)
    for line in report.problems:
        click.echo(f"refused: {line}", err=True)
    for line in report.warnings:
        say(f"warning: {line}", err=True)
    say(f"{po_file}: {report.stored} translation(s) stored for {report.lang}, "
               f"{report.unchanged} unchanged, {len(report.problems)} refused, "
               f"{report.untranslated} empty, {report.fuzzy} fuzzy (not taken)")
    if report.build is not None:
        print_report(report.build)
    sys.exit(1 if report.problems else 0)
