"""Command line: the `briefing` group (minimal; the lead's version replaces it)."""

from __future__ import annotations

import click

from .cli_extract import extract


@click.group()
def main() -> None:
    """Turn news of official visits into monthly multilingual PDF briefings.

    Example: briefing extract seeds/ --json
    """


main.add_command(extract)
