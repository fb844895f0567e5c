"""Where the package's own data lives: templates, locales, schema.

An installed wheel carries them under briefing/_data (mapped in pyproject.toml); a source
checkout keeps them at the repository root.  Nothing here looks at the current directory.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_DATA = PACKAGE_DIR / "_data"
_REPO = PACKAGE_DIR.parent


def data_dir(name: str) -> Path:
    """Return the folder `name` (templates, locales) from the wheel or the checkout."""
    for base in (_DATA, _REPO):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"{name}/ not found next to the briefing package")


def templates_dir() -> Path:
    return data_dir("templates")


def locales_dir() -> Path:
    return data_dir("locales")


def schema_path() -> Path:
    return PACKAGE_DIR / "schema" / "facts.schema.json"
