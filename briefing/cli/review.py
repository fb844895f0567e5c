"""Click commands of the review step: `approve` (a month's build) and `review` (the web page).

In: command-line arguments and the settings of the main group.  Out: calls into
`briefing.approval` and `briefing.review`, one-line messages and exit codes (0: done,
2: the command could not run).  Registered in `briefing/cli/main.py`.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from .. import approval
from ..delivery import mail
from .common import check_months, fail_cleanly, say, settings_from


@click.command()
@click.option("--month", required=True, multiple=True, callback=check_months, metavar="YYYY-MM",
              help="Month whose built PDFs you approve; repeat for several.")
@click.option("--by", "by", default=None, metavar="NAME",
              help="Who approves (default: the login name).")
@click.pass_context
@fail_cleanly
def approve(ctx: click.Context, month: tuple[str, ...], by: str | None) -> None:
    """Approve a month's PDFs as they are now, so that `send` and `run` may mail them.

    Records the SHA-256 of each PDF of out/YYYY-MM/ in out/YYYY-MM/approval.json; if a
    PDF changes afterwards (a rebuild after a correction), approve again.

    \b
    Example:
      briefing -c seeds/briefing.toml approve --month 2025-04 --by "Lan Nguyen"
    """
    out_dir = Path(settings_from(ctx).out_dir)
    who = by or getpass.getuser()
    for one in month:
        done = approval.approve(out_dir, one, who, mail.find_editions(out_dir, (one,)))
        say(f"approved {one}: {len(done.pdfs)} PDF(s), by {done.by} at {done.at}")


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: review_host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: review_port).")
@click.option("--lang", type=click.Choice(("vi", "fr", "en")), default=None,
              help="Language of the page (default: the browser's, else English; the editor "
                   "can switch on the page).")
@click.pass_context
@fail_cleanly
def review(ctx: click.Context, host: str | None, port: int | None, lang: str | None) -> None:
    """Serve the review page: check each fact against its sentence, correct, rebuild, approve.

    Bound to 127.0.0.1 by default, without login.  On any other address the page asks
    for the token in the environment variable named by review_token_env, and the server
    refuses to start without one.

    \b
    Example:
      briefing -c seeds/briefing.toml review --port 8090
    """
    from ..review import ReviewOptions, serve

    serve(ReviewOptions.from_settings(settings_from(ctx, review_host=host, review_port=port)), default_lang=lang,
          started=lambda url: say(f"review page on {url} (Ctrl+C stops it)"))
