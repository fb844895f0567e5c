"""What every `briefing` command shares: clean errors and settings from the root group."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from . import settings as settings_mod
from .errors import BriefingError

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def clean_errors() -> Iterator[None]:
    """Turn the project's errors into `error: <message>` and exit code 2, never a traceback."""
    try:
        yield
    except BriefingError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def fail_cleanly(func: F) -> F:
    """Decorator form of `clean_errors` for click commands."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with clean_errors():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def settings_from(ctx: click.Context, **overrides: Any) -> settings_mod.Settings:
    """Settings from the root group's --config, the BRIEFING_* variables and these flags."""
    obj = ctx.find_root().obj
    config = obj.get("config") if isinstance(obj, dict) else None
    return settings_mod.load(config, overrides)
