"""Settings: declared once, each with its default and a line of help.

Precedence: defaults < the TOML file < BRIEFING_* environment variables < command-line
flags (a flag left unset never overrides the file).  Relative paths in the TOML file are
taken relative to the file's own folder, so a run never depends on the current
directory.  Secrets are never read from the file: only the *name* of the environment
variable that holds them is configured.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    is_path: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("articles", "seeds", "Folder (or file) of article files to read", True),
    Setting("out_dir", "out", "Where dated editions are written", True),
    Setting("subscribers_csv", "seeds/subscribers.csv", "Sample subscribers imported by run", True),
    Setting("database", "out/briefing.sqlite3", "SQLite file: subscribers and send ledger", True),
    Setting("languages", ["vi", "fr", "en"], "Edition languages"),
    Setting("audiences", ["diaspora", "business"], "Edition audiences"),
    Setting("mail_backend", "file", "file (write .eml files) or smtp"),
    Setting("outbox", "out/outbox", "Folder of .eml files for the file backend", True),
    Setting("mail_from", "briefing@example.org", "From address of the messages"),
    Setting("smtp_host", "localhost", "SMTP server host"),
    Setting("smtp_port", 25, "SMTP server port"),
    Setting("smtp_security", "none", "none, starttls or tls"),
    Setting("smtp_user", "", "SMTP login (empty: no login)"),
    Setting("smtp_password_env", "BRIEFING_SMTP_PASSWORD", "Environment variable with the SMTP password"),
    Setting("smtp_ca_file", "", "PEM file of the CA(s) trusted for the SMTP server's certificate "
            "(empty: the system's trust store)", True),
    Setting("smtp_rate", 0.0, "Messages per second at most (0: no limit)"),
    Setting("base_url", "https://briefing.example.org", "Public URL of `briefing serve`"),
    Setting("secret_env", "BRIEFING_SECRET", "Environment variable with the unsubscribe HMAC key"),
    Setting("smtp_timeout", 30.0, "Seconds to wait for the SMTP server before giving up"),
    Setting("smtp_retries", 3, "Retries of a temporary SMTP failure within one run"),
    Setting("smtp_backoff", 2.0, "Seconds before the first retry (doubled each time)"),
    Setting("serve_host", "127.0.0.1", "Address `briefing serve` listens on"),
    Setting("serve_port", 8080, "Port `briefing serve` listens on"),
    Setting("models_dir", "out/models", "Where Argos translation packages are installed", True),
    Setting("translation_cache", "out/translations.sqlite3",
            "SQLite translation cache; also holds the translations by hand", True),
    Setting("translation_engine", "argos", "Machine translation: argos (installed packages), "
            "libretranslate (a server) or none (hand translations and originals only)"),
    Setting("libretranslate_url", "http://127.0.0.1:5000", "URL of the LibreTranslate server"),
    Setting("libretranslate_key_env", "BRIEFING_LIBRETRANSLATE_KEY",
            "Environment variable with the LibreTranslate API key (unset: no key)"),
    Setting("libretranslate_timeout", 30.0, "Seconds to wait for one LibreTranslate request"),
    Setting("libretranslate_retries", 3, "Retries of a LibreTranslate request on 429/5xx or timeout"),
    Setting("libretranslate_rate", 2.0, "LibreTranslate requests per second at most (0: no limit)"),
    Setting("libretranslate_batch", 32, "Sentences per LibreTranslate request"),
    Setting("pdf_variant", "pdf/ua-1", "WeasyPrint PDF variant: pdf/ua-1, pdf/a-3u..."),
    Setting("corrections_dir", "corrections", "Folder of the editors' corrections, one TOML file "
            "per article (docs/review.md)", True),
    Setting("review_host", "127.0.0.1", "Address `briefing review` listens on (not loopback: "
            "a token is required)"),
    Setting("review_port", 8090, "Port `briefing review` listens on"),
    Setting("review_token_env", "BRIEFING_REVIEW_TOKEN", "Environment variable with the token "
            "`briefing review` asks for when bound to a non-loopback address"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def path(self, name: str) -> Path:
        return Path(self.values[name])

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, values={**self.values, **changes})


def load(config: Path | None = None, overrides: Mapping[str, Any] | None = None,
         environ: Mapping[str, str] | None = None) -> Settings:
    """Merge defaults, the TOML file, BRIEFING_* variables and flags; report all errors."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    errors: list[str] = []
    if config is not None:
        values.update(_read_toml(config, errors))
    given = {**_from_env(environ, errors), **{k: v for k, v in (overrides or {}).items() if v is not None}}
    values.update(given)
    for setting in SETTINGS:
        _check(setting, values, errors)
    if errors:
        raise SettingsError("; ".join(errors))
    # The file's paths (and the defaults it leaves) are relative to the file; a path typed
    # in a variable or a flag is relative to where the user typed it.
    base = config.parent if config else Path.cwd()
    for setting in SETTINGS:
        if setting.is_path and values[setting.name] != "":  # "": not set
            root = Path.cwd() if setting.name in given else base
            values[setting.name] = (root / Path(values[setting.name]).expanduser()).resolve()
    return Settings(values)


def _read_toml(path: Path, errors: list[str]) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        errors.append(f"{path}: configuration file not found")
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        errors.append(f"{path}: not valid TOML ({exc})")
        return {}
    unknown = sorted(set(data) - set(_BY_NAME))
    errors.extend(f"{path}: unknown setting {name!r}" for name in unknown)
    return {k: v for k, v in data.items() if k in _BY_NAME}


def _from_env(environ: Mapping[str, str], errors: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(f"BRIEFING_{setting.name.upper()}")
        if raw is None:
            continue
        if isinstance(setting.default, list):
            found[setting.name] = [part.strip() for part in raw.split(",") if part.strip()]
        elif isinstance(setting.default, bool | int | float) and not isinstance(setting.default, bool):
            try:
                found[setting.name] = type(setting.default)(raw)
            except ValueError:
                errors.append(f"BRIEFING_{setting.name.upper()}: expected a number, got {raw!r}")
        else:
            found[setting.name] = raw
    return found


def _check(setting: Setting, values: dict[str, Any], errors: list[str]) -> None:
    value = values[setting.name]
    expected = type(setting.default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        values[setting.name] = value = float(value)
    # bool is a subclass of int, but `smtp_port = true` is a mistake, not port 1.
    if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
        errors.append(f"setting {setting.name!r}: expected {expected.__name__}, got {value!r}")
    elif setting.name in _CHOICES:
        allowed = _CHOICES[setting.name]
        chosen = value if isinstance(value, list) else [value]
        bad = [v for v in chosen if v not in allowed]
        if bad or not chosen:
            errors.append(f"setting {setting.name!r}: {bad or value!r} not among {', '.join(allowed)}")
    elif setting.name in _RANGES:
        low, high = _RANGES[setting.name]
        if not low <= value <= high:
            errors.append(f"setting {setting.name!r}: {value!r} not between {low} and {high}")


_CHOICES: dict[str, tuple[str, ...]] = {
    "languages": ("vi", "fr", "en"),
    "audiences": ("diaspora", "business"),
    "mail_backend": ("file", "smtp"),
    "smtp_security": ("none", "starttls", "tls"),
    "translation_engine": ("argos", "libretranslate", "none"),
}

# Numbers outside these bounds would fail later, mid-run, with a less clear message.
_RANGES: dict[str, tuple[float, float]] = {
    "smtp_port": (1, 65535),
    "serve_port": (1, 65535),
    "review_port": (1, 65535),
    "smtp_rate": (0, float("inf")),
    "smtp_timeout": (0.1, float("inf")),
    "smtp_retries": (0, 100),
    "smtp_backoff": (0, float("inf")),
    "libretranslate_timeout": (0.1, float("inf")),
    "libretranslate_retries": (0, 20),
    "libretranslate_rate": (0, float("inf")),
    "libretranslate_batch": (1, 1000),
}
