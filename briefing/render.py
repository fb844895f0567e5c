"""Render stage: an `Edition` record in, a PDF file out (`RenderedEdition`).

Jinja2 (autoescape on: article text is untrusted) builds the HTML in the edition's
language; WeasyPrint lays it out.  The template context is built in one place,
`context()`.  Files are written atomically through `writer.write_bytes`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import fontpkg
import jinja2
from markupsafe import Markup
from babel.dates import format_date

from . import i18n, resources
from .models import Edition, RenderedEdition
from .writer import write_bytes

log = logging.getLogger(__name__)


def environment() -> jinja2.Environment:
    """Return the Jinja2 environment shared by every edition."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.templates_dir())),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
    )


def context(edition: Edition) -> dict[str, Any]:
    """Build the whole template context of one edition."""
    visits = [item for item in edition.items if not item.is_background]
    background = [item for item in edition.items if item.is_background]
    return {
        "edition": edition,
        "lang": edition.lang,
        "title": i18n.edition_title(edition.lang, edition.month, edition.audience),
        "month_label": i18n.month_label(edition.lang, edition.month),
        "audience_label": i18n.audience_label(edition.lang, edition.audience),
        "edition_date": format_date(edition.edition_date, "long", locale=edition.lang),
        "visits": visits,
        "background": background,
        "overview": i18n.overview(edition.lang, visits),
        "fonts": fonts(),
        "footer_css": Markup(i18n.footer_css(edition.lang)),
        "original_labels": i18n.original_labels(edition.lang),
        "language_names": i18n.language_names(edition.lang),
    }


def fonts() -> dict[str, str]:
    """file:// URLs of the Vietnamese-complete typeface installed from PyPI."""
    folder = Path(fontpkg.path("Be Vietnam Pro")).parent
    styles = {"regular": "Regular", "bold": "Bold", "italic": "Italic"}
    return {key: (folder / f"BeVietnamPro-{style}.ttf").as_uri() for key, style in styles.items()}


def render_html(edition: Edition, env: jinja2.Environment | None = None) -> str:
    """Return the HTML of one edition."""
    env = env or environment()
    env.install_gettext_translations(i18n.translations(edition.lang), newstyle=True)  # type: ignore[attr-defined]
    return env.get_template("edition.html").render(context(edition))


def render_pdf(edition: Edition, out_dir: Path, variant: str | None = "pdf/ua-1") -> RenderedEdition:
    """Lay out one edition and write out/YYYY-MM/<stem>.pdf atomically."""
    from weasyprint import HTML

    html = render_html(edition)
    base = resources.templates_dir().as_uri() + "/"
    pdf = HTML(string=html, base_url=base).write_pdf(pdf_variant=variant)
    path = out_dir / edition.month / f"{edition.stem}.pdf"
    write_bytes(path, pdf)
    log.info("wrote %s", path)
    return RenderedEdition(edition.month, edition.audience, edition.lang, str(path))
