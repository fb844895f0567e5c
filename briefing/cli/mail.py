"""Click commands for subscribers and delivery: `subscribers ...`, `send`, `serve`.

In: command-line arguments and the settings of the main group (`--config`).  Out: calls
into `briefing.delivery` (`subscribers`, `mail`, `serve`), one-line messages and
exit codes (0: all done, 1: some item failed, 2: the command could not run).
Registered in `briefing/cli/main.py` with `main.add_command(...)`.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import system
from ..delivery import mail
from ..delivery import subscribers as store
from ..delivery.subscribers import DELIVERIES, STATUSES
from ..errors import BriefingError
from ..models import AUDIENCES, LANGS, RenderedEdition
from ..settings import Settings
from ..writer import write_text
from .common import check_months, clean_errors, quiet, say, selection_from, settings_from, split_choices

if TYPE_CHECKING:
    from ..pipeline import Imported


@contextlib.contextmanager
def _database(ctx: click.Context) -> Iterator[sqlite3.Connection]:
    with clean_errors():
        conn = store.connect(settings_from(ctx).database)
        try:
            yield conn
        finally:
            conn.close()


# -- subscribers ------------------------------------------------------------------------


@click.group()
def subscribers() -> None:
    """Manage the subscriber list (in the SQLite file of the `database` setting).

    \b
    Example:
      briefing subscribers import seeds/subscribers.csv
    """


@subscribers.command("add")
@click.argument("email")
@click.option("--name", default="", help="Name shown in the greeting.")
@click.option("--lang", "language", type=click.Choice(LANGS), required=True,
              help="Language of the editions this person receives.")
@click.option("--audience", type=click.Choice(AUDIENCES), required=True,
              help="Which edition: diaspora or business.")
@click.option("--delivery", type=click.Choice(DELIVERIES), default="attachment",
              show_default=True, help="PDF attached, or a link to it.")
@click.option("--consent-at", default=None, metavar="ISO-TIME",
              help="When the person agreed (default: now).")
@click.option("--source", default="cli", show_default=True, help="Where the request came from.")
@click.pass_context
def add_cmd(ctx: click.Context, **fields: str) -> None:
    """Add one subscriber; an address already present (in any case) is refused.

    \b
    Example:
      briefing subscribers add lan@example.org --name "Lan" --lang vi --audience diaspora
    """
    with _database(ctx) as conn:
        fields["consent_at"] = fields["consent_at"] or store.now_iso()
        store.add(conn, store.make_subscriber(fields))
    say(f"added {fields['email'].strip()}")


@subscribers.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reactivate", is_flag=True,
              help="Make unsubscribed or bounced addresses active again when their row is "
                   "active (the history keeps the suppression).")
@click.option("--history", "history_file",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also add the changes of a history CSV written by `export --history` "
                   "(rows already kept are skipped).")
@click.pass_context
def import_cmd(ctx: click.Context, csv_file: Path, reactivate: bool,
               history_file: Path | None) -> None:
    """Import a UTF-8 CSV file; each refused line is reported by number, good lines are kept.

    Columns: email,name,language,audience,delivery,consent_at,source,status (email,
    language, audience and consent_at required), as `subscribers export` writes them.
    Known addresses are updated (consent time and source only by a newer consent); an
    unsubscribed or bounced address stays so unless --reactivate.  The summary accounts
    for every line of the file.  With --history, the changes of that file are added to
    the addresses' history after the subscribers are imported.

    \b
    Example:
      briefing subscribers import seeds/subscribers.csv
      briefing subscribers import --reactivate corrected.csv
      briefing subscribers import backup.csv --history backup-history.csv
    """
    with _database(ctx) as conn:
        report = store.import_csv(conn, csv_file, reactivate=reactivate)
        problems = list(report.problems)
        for problem in problems:
            click.echo(f"refused: {problem}", err=True)
        say(report.summary(str(csv_file)))
        if history_file is not None:
            kept = store.import_history(conn, history_file)
            for problem in kept.problems:
                click.echo(f"refused: {problem}", err=True)
            problems += kept.problems
            say(f"{history_file}: {kept.added} change(s) added to the history, "
                f"{kept.already} already kept, {len(kept.problems)} line(s) refused")
    sys.exit(1 if problems else 0)


@subscribers.command("export")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="CSV file to write (default: standard output).")
@click.option("--history", "history_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every kept change (email,changed_at,old_status,new_status,"
                   "reason: status, preferences, consent and their source) to this CSV.")
@click.pass_context
def export_cmd(ctx: click.Context, output: Any, history_file: Path | None) -> None:
    """Write every subscriber as CSV (the import columns plus status), and with --history
    their history as a second CSV that `subscribers import --history` reads back.

    \b
    Example:
      briefing subscribers export -o subscribers-backup.csv
      briefing subscribers export -o backup.csv --history backup-history.csv
    """
    with _database(ctx) as conn:
        count = store.export_csv(conn, output)
        if history_file is not None:
            changes = io.StringIO()
            kept = store.export_history(conn, changes)
            write_text(history_file, changes.getvalue())
    say(f"{count} subscriber(s) exported", err=True)
    if history_file is not None:
        say(f"{kept} change(s) of history written to {history_file}", err=True)


@subscribers.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only this status.")
@click.option("--lang", type=click.Choice(LANGS), help="Only this language.")
@click.option("--audience", type=click.Choice(AUDIENCES), help="Only this audience.")
@click.pass_context
def list_cmd(ctx: click.Context, status: str | None, lang: str | None,
             audience: str | None) -> None:
    """List subscribers, one per line: address, language, audience, delivery, status, name.

    \b
    Example:
      briefing subscribers list --status active --lang fr
    """
    with _database(ctx) as conn:
        rows = store.list_subscribers(conn, status=status, lang=lang, audience=audience)
    for stored in rows:
        s = stored.subscriber
        click.echo(f"{s.email}\t{s.lang}\t{s.audience}\t{s.delivery}\t{s.status}\t{s.name}")


@subscribers.command("remove")
@click.argument("email")
@click.pass_context
def remove_cmd(ctx: click.Context, email: str) -> None:
    """Erase an address with its send, status and sign-up history (a request to be forgotten).

    \b
    Example:
      briefing subscribers remove lan@example.org
    """
    with _database(ctx) as conn:
        store.remove(conn, email)
    say(f"removed {email}")


@subscribers.command("unsubscribe")
@click.argument("email")
@click.pass_context
def unsubscribe_cmd(ctx: click.Context, email: str) -> None:
    """Stop sending to an address, keeping the record so no import re-adds it.

    \b
    Example:
      briefing subscribers unsubscribe lan@example.org
    """
    with _database(ctx) as conn:
        store.unsubscribe(conn, email, reason="cli")
    say(f"unsubscribed {email}")


@subscribers.command("reactivate")
@click.argument("emails", nargs=-1, required=True, metavar="ADDRESS...")
@click.option("--reason", default="cli", show_default=True,
              help="Why, kept in the address's history.")
@click.pass_context
def reactivate_cmd(ctx: click.Context, emails: tuple[str, ...], reason: str) -> None:
    """Undo a suppression (unsubscribed or bounced -> active), keeping the history.

    An unknown address is reported and the others are still reactivated (exit code 1).

    \b
    Example:
      briefing subscribers reactivate lan@example.org --reason "asked again by e-mail"
    """
    failed = False
    with _database(ctx) as conn:
        for email in emails:
            try:
                done = store.reactivate(conn, email, reason)
            except BriefingError as exc:
                click.echo(f"error: {exc}", err=True)
                failed = True
                continue
            say(f"{'reactivated' if done else 'already active:'} {email}")
    sys.exit(1 if failed else 0)


@subscribers.command("history")
@click.argument("email")
@click.pass_context
def history_cmd(ctx: click.Context, email: str) -> None:
    """Show the status changes of an address, oldest first: when, from -> to, why.

    \b
    Example:
      briefing subscribers history lan@example.org
    """
    with _database(ctx) as conn:
        if store.get(conn, email) is None:
            click.echo(f"error: {email}: not in the subscriber list", err=True)
            sys.exit(2)
        changes = store.history(conn, email)
    for change in changes:
        click.echo(f"{change.changed_at}\t{change.old_status or '(new)'} -> {change.new_status}"
                   f"\t{change.reason}")


# -- send -------------------------------------------------------------------------------


def print_delivery(report: mail.DeliveryReport) -> None:
    """The delivery summary: counts, then one line per message that did not go."""
    if report.dry_run:
        for line in report.would_send:
            click.echo(f"would send: {line}")
        say(f"dry run: {len(report.would_send)} message(s) would be sent, "
            f"{report.skipped} already sent")
    else:
        say(f"mail: {report.sent} sent, {report.skipped} already sent, "
            f"{report.failed} failed, {report.deferred} deferred, {report.unknown} unknown")
    for problem in report.problems:
        click.echo(f"mail problem: {problem}", err=True)


def print_imported(imported: Imported) -> None:
    """What importing the sample subscribers did: refused lines, the summary, a note."""
    for problem in imported.refused:
        click.echo(f"refused: {problem}", err=True)
    if imported.summary:
        say(f"subscribers: {imported.summary}")
    if imported.note:
        say(f"note: {imported.note}", err=True)


def deliver_editions(settings: Settings, editions: list[RenderedEdition]) -> mail.DeliveryReport:
    """Import the sample subscribers (settings.subscribers_csv) then deliver, printing both."""
    from .. import pipeline

    options = pipeline.RunOptions.from_settings(settings)
    print_imported(pipeline.import_sample_subscribers(options))
    with system.progress(show=not quiet()) as step:
        report = pipeline.deliver(options, editions, progress=step)
    print_delivery(report)
    return report


@click.command()
@click.option("--month", multiple=True, callback=check_months, metavar="YYYY-MM",
              help="Month to send; repeat for several (default: the latest month in out/).")
@click.option("--lang", callback=split_choices(LANGS), metavar="LIST",
              help="Languages, comma-separated (default: the languages setting).")
@click.option("--audience", callback=split_choices(AUDIENCES), metavar="LIST",
              help="Audiences, comma-separated (default: the audiences setting).")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
@click.option("--test-to", metavar="ADDRESS",
              help="Send the first chosen edition to ADDRESS only, subject prefixed [TEST]; "
                   "the ledger is not touched.")
@click.option("--retry-unknown", is_flag=True,
              help="Resend messages whose outcome was unknown (check first: they may have "
                   "arrived).")
@click.pass_context
def send(ctx: click.Context, month: tuple[str, ...] | None, lang: tuple[str, ...] | None,
         audience: tuple[str, ...] | None, dry_run: bool, test_to: str | None,
         retry_unknown: bool) -> None:
    """Send already-rendered editions to their subscribers, each message once.

    Finds out/YYYY-MM/briefing-YYYY-MM-<audience>-<lang>.pdf (nothing is re-rendered).
    A run that stopped half-way is resumed; running it again sends nothing new.  Over
    SMTP the month must be approved as built (`briefing approve`); --test-to and
    --dry-run work before approval.

    \b
    Example:
      briefing -c seeds/briefing.toml send --month 2025-04 --dry-run
    """
    from .. import pipeline

    with clean_errors():
        settings = settings_from(ctx)
        options = pipeline.DeliveryOptions(dry_run, test_to, retry_unknown)
        with system.progress(show=not quiet()) as step:
            report = pipeline.send(pipeline.RunOptions.from_settings(settings),
                                   selection_from(settings, month, lang, audience), options, progress=step)
    print_delivery(report)
    sys.exit(0 if report.ok else 1)


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: serve_host).")
@click.option("--port", type=int, default=None, help="Port (default: serve_port).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the unsubscribe links (and the PDFs of link subscribers) over HTTP.

    Put it behind the HTTPS address of the `base_url` setting.  Pages: /unsubscribe,
    /preferences (the links in every message), /subscribe and /confirm (sign-up with
    double opt-in); see docs/mail.md.

    \b
    Example:
      briefing -c seeds/briefing.toml serve --port 8080
    """
    from ..delivery.serve import ServeOptions
    from ..delivery.serve import serve as run_server

    with clean_errors():
        # Through the settings, so a port out of range is refused like one in the file.
        run_server(ServeOptions.from_settings(settings_from(ctx, serve_host=host, serve_port=port)))
