"""`briefing models ...`: manage the Argos translation packages in the models folder.

In:  the settings (models_dir, languages) and a .argosmodel file or a package name.
Out: packages installed, listed or removed through briefing.argos; `download` is the one
     command of the whole program that uses the network (the Argos package index).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from .. import argos
from .. import settings as settings_mod
from ..errors import TranslationError
from ..translate import find_route
from .common import fail_cleanly, say, settings_from


def _settings(ctx: click.Context) -> settings_mod.Settings:
    """Settings from the main group's --config, the environment and --models-dir."""
    models_dir = ctx.ensure_object(dict).get("models_dir")
    return settings_from(ctx, models_dir=str(models_dir) if models_dir else None)


@click.group()
@click.option("--models-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of installed packages (default: the models_dir setting).")
@click.pass_context
def models(ctx: click.Context, models_dir: Path | None) -> None:
    """Install, list and remove Argos translation models (.argosmodel packages).

    Without a model for a language pair, prose stays in its source language, labelled.
    Only `models download` uses the network.

    \b
    Example:
      briefing models install translate-en_vi-1_9.argosmodel
    """
    ctx.ensure_object(dict)["models_dir"] = models_dir


@models.command("list")
@click.pass_context
@fail_cleanly
def list_(ctx: click.Context) -> None:
    """List installed packages, then how each pair of edition languages is covered.

    \b
    Example:
      briefing models list
    """
    loaded = _settings(ctx)
    folder = loaded.path("models_dir")
    packages = argos.installed_packages(folder)
    click.echo(f"{len(packages)} package(s) in {folder}")
    for package in packages:
        click.echo(f"  {package.label}  {package.from_code} -> {package.to_code}")
    backend = argos.ArgosBackend(folder)
    for src in loaded.languages:
        for tgt in loaded.languages:
            if src != tgt:
                click.echo(f"{src} -> {tgt}: {_coverage(backend, src, tgt)}")


def _coverage(backend: argos.ArgosBackend, src: str, tgt: str) -> str:
    route = find_route(backend, src, tgt)
    if route is None:
        return "no model (prose kept in the original language, labelled)"
    return " then ".join(hop.model for hop in route) + (" (pivot)" if len(route) > 1 else "")


@models.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@fail_cleanly
def install(ctx: click.Context, file: Path) -> None:
    """Check a .argosmodel file and install it (replacing an older one for its pair).

    Nothing is half-installed: the package is unpacked and loaded aside, then moved in.

    \b
    Example:
      briefing models install ~/Downloads/translate-en_fr-1_9.argosmodel
    """
    loaded = _settings(ctx)
    package = argos.install_package(file, loaded.path("models_dir"), loaded.languages)
    say(f"installed {package.label} ({package.from_code} -> {package.to_code}) in {package.path}")


@models.command()
@click.argument("package")
@click.pass_context
@fail_cleanly
def remove(ctx: click.Context, package: str) -> None:
    """Remove an installed package by name (translate-en_fr, en_fr or en-fr).

    \b
    Example:
      briefing models remove translate-en_fr
    """
    removed = argos.remove_package(_settings(ctx).path("models_dir"), package)
    say(f"removed {removed.label}")


@models.command()
@click.argument("src")
@click.argument("tgt")
@click.pass_context
@fail_cleanly
def download(ctx: click.Context, src: str, tgt: str) -> None:
    """Download SRC->TGT from the Argos package index and install it.  USES THE NETWORK.

    This is the only briefing command that touches the network.  It needs
    argostranslate's package module (`pip install --no-deps argostranslate`, no torch).

    \b
    Example:
      briefing models download en vi
    """
    loaded = _settings(ctx)
    archive = fetch_from_index(src, tgt, loaded.path("models_dir"))
    try:
        package = argos.install_package(archive, loaded.path("models_dir"), loaded.languages)
    finally:
        archive.unlink(missing_ok=True)
    say(f"installed {package.label} in {package.path}")


def fetch_from_index(src: str, tgt: str, models_dir: Path) -> Path:
    """Download the index and the src->tgt package with argostranslate.package."""
    # argostranslate reads its settings when first imported: point it at our folder.
    os.environ.setdefault("ARGOS_PACKAGES_DIR", str(models_dir))
    try:
        from argostranslate import package as argos_package
        from argostranslate import settings as argos_settings
    except ImportError as exc:
        raise TranslationError("models download needs argostranslate's package module: "
                               "pip install --no-deps argostranslate") from exc
    argos_package.update_package_index()  # logs and returns on a network error
    if not Path(argos_settings.local_package_index).exists():
        raise TranslationError(f"cannot reach the Argos package index "
                               f"({argos_settings.remote_package_index})")
    wanted = [p for p in argos_package.get_available_packages()
              if (p.from_code, p.to_code) == (src, tgt)]
    if not wanted:
        raise TranslationError(f"the Argos package index has no {src}->{tgt} package")
    try:
        return Path(wanted[0].download())
    except Exception as exc:  # argostranslate raises bare Exception on a failed download
        raise TranslationError(f"download of {src}->{tgt} failed ({exc})") from exc
