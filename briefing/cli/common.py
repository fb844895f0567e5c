"""What every `briefing` command shares: clean errors, -q (`say` prints only when not
quiet), settings from the root group and the parsing of --month and comma-separated
--lang/--audience lists."""

from __future__ import annotations

import contextlib
import functools
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .. import settings as settings_mod
from ..errors import BriefingError

if TYPE_CHECKING:
    from ..pipeline import Selection

F = TypeVar("F", bound=Callable[..., Any])
Callback = Callable[[click.Context, click.Parameter, Any], Any]


@contextlib.contextmanager
def clean_errors() -> Iterator[None]:
    """Turn the project's errors into `error: <message>` and their exit code, never a traceback."""
    try:
        yield
    except BriefingError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)


def quiet() -> bool:
    """Whether the root command was given -q: then only errors are printed."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx else None
    return bool(isinstance(obj, dict) and obj.get("quiet"))


def say(message: str, err: bool = False) -> None:
    """Print what is not an error (a summary, a note, a confirmation); nothing under -q."""
    if not quiet():
        click.echo(message, err=err)


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


def split_choices(allowed: tuple[str, ...]) -> Callback:
    """A click callback for comma-separated choices such as --lang vi,fr (unset: None)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
        unknown = [v for v in chosen if v not in allowed]
        if unknown or not chosen:
            raise click.BadParameter(f"choose among {', '.join(allowed)} (got {value!r})")
        return chosen

    return callback


def check_months(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
                 ) -> tuple[str, ...] | None:
    """A click callback for repeated --month YYYY-MM options (none given: None)."""
    bad = [m for m in value if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", m)]
    if bad:
        raise click.BadParameter(f"expected YYYY-MM, got {', '.join(bad)}")
    return value or None


def selection_from(settings: settings_mod.Settings, month: tuple[str, ...] | None, lang: tuple[str, ...] | None,
                   audience: tuple[str, ...] | None) -> Selection:
    """The editions chosen by the flags (unset: the settings' languages and audiences)."""
    from ..pipeline import Selection

    return Selection(
        months=month,
        langs=lang or tuple(settings.languages),  # type: ignore[arg-type]
        audiences=audience or tuple(settings.audiences),  # type: ignore[arg-type]
    )
