"""Render stage: `Edition` records in, print-quality PDF files out (`RenderedEdition`).

Jinja2 (autoescape on: article text is untrusted) builds the HTML of an edition in its
language from `templates/`; WeasyPrint lays it out.  The template context is built in
one place, `context()`.  A `Renderer` lives for a whole build and keeps what is costly
to make: WeasyPrint's font configuration, the parsed stylesheets and the Jinja2
environments.  It hashes each edition's inputs (facts, translations, templates,
catalogs, render code, options, SOURCE_DATE_EPOCH) and skips a PDF whose hash matches
the manifest `out/render-manifest.json` left by the last build.

Every PDF is tagged (PDF/UA-1 by default, a PDF/A variant by option), carries /Lang and
/Title, embeds subset fonts, and is byte for byte the same for the same inputs.
WeasyPrint only ever sees the project's own assets (`briefing.fetcher`).  Files are
written atomically through `writer.write_bytes`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import weasyprint
from babel.messages.pofile import read_po
from weasyprint.pdf import VARIANTS
from weasyprint.text.fonts import FontConfiguration

from . import __version__, charts, fonts, i18n, narrative, resources, system
from .errors import RenderError
from .fetcher import SRGB_URL, AssetFetcher, static_url
from .models import Edition, LocalisedItem, RenderedEdition, edition_file
from .writer import write_bytes

log = logging.getLogger(__name__)

TEMPLATE = "edition.html"
STYLESHEET = "print.css"
MANIFEST = "render-manifest.json"
DEFAULT_VARIANT = "pdf/ua-1"
# Modules whose code shapes the PDF: a change in them must invalidate the manifest.
_CODE = ("render.py", "charts.py", "fonts.py", "fetcher.py", "i18n.py", "narrative.py")

Progress = Callable[[str], None]


class Renderer:
    """Render editions to PDF, reusing fonts, stylesheets and templates across documents."""

    def __init__(
        self, out_dir: Path, pdf_variant: str = DEFAULT_VARIANT, templates: Path | None = None
    ) -> None:
        check_variant(pdf_variant)
        system.check()  # a missing optional library: said once, not once per font and PDF
        self.out_dir = Path(out_dir)
        self.pdf_variant = pdf_variant
        self.templates = templates or resources.templates_dir()
        self.fetcher = AssetFetcher(self.templates / "static")
        self.font_config = FontConfiguration()
        # Filled by @color-profile rules while the CSS is parsed, read at PDF output.
        self.color_profiles: dict[str, Any] = {}
        self.stylesheets = [
            self._css(string=fonts.font_face_css()),
            self._css(url=static_url(STYLESHEET)),
        ]
        self.options: dict[str, Any] = {"pdf_variant": pdf_variant, "pdf_tags": True}
        if pdf_variant.startswith("pdf/a"):
            # WeasyPrint's own 'srgb' intent leaves its ICC file open (a ResourceWarning);
            # the same profile declared in CSS goes through our fetcher and is closed.
            srgb = f'@color-profile --srgb {{ src: url("{SRGB_URL}"); components: r g b }}'
            self.stylesheets.append(self._css(string=srgb))
            self.options["output_intent"] = "--srgb"
        self.env = environment(self.templates)
        self._fixed_digest = _tree_digest(self.templates) + _code_digest()
        self._checked_langs: set[str] = set()

    def _css(self, **source: str) -> weasyprint.CSS:
        return weasyprint.CSS(
            **source,
            font_config=self.font_config,
            url_fetcher=self.fetcher,
            color_profiles=self.color_profiles,
        )

    def render(self, edition: Edition, force: bool = False) -> RenderedEdition:
        """Write the edition's PDF unless its inputs are unchanged since the last build."""
        path = self.out_dir / edition.month / edition_file(edition.month, edition.audience, edition.lang)
        key = path.relative_to(self.out_dir).as_posix()
        digest = self.input_digest(edition)
        manifest = _read_manifest(self.out_dir / MANIFEST)
        if not force and _up_to_date(path, manifest.get(key), digest):
            log.info("%s: inputs unchanged, PDF kept", key)
            return _rendered(edition, path, skipped=True)
        data = self.pdf_bytes(edition, digest)
        manifest[key] = {"inputs": digest, "sha256": hashlib.sha256(data).hexdigest(),
                         "title": edition.text.title}  # the e-mail subject of `send`
        try:
            write_bytes(path, data)
            write_bytes(self.out_dir / MANIFEST, _dump_manifest(manifest))
        except OSError as exc:
            raise RenderError(f"{key}: cannot write to {self.out_dir} ({exc.strerror})") from exc
        log.info("%s: written (%d bytes)", key, len(data))
        return _rendered(edition, path, skipped=False)

    def render_all(
        self, editions: Iterable[Edition], force: bool = False, progress: Progress | None = None
    ) -> list[RenderedEdition]:
        """Render each (month, audience, language) once, in a stable order."""
        unique = {(e.month, e.audience, e.lang): e for e in editions}
        done = []
        for key in sorted(unique):
            if progress:
                progress(f"render {unique[key].stem}")
            done.append(self.render(unique[key], force))
        return done

    def pdf_bytes(self, edition: Edition, digest: str | None = None) -> bytes:
        """Lay out the edition and return the PDF bytes."""
        identifier = (digest or self.input_digest(edition))[:32].encode()
        try:
            return self.document(edition).write_pdf(  # type: ignore[no-any-return]
                pdf_identifier=identifier, **self.options
            )
        except (ValueError, TypeError, KeyError, AssertionError, OSError) as exc:
            raise RenderError(f"{edition.stem}: PDF output failed ({exc})") from exc

    def document(self, edition: Edition) -> weasyprint.Document:
        """Lay out the edition's pages (a WeasyPrint Document, before PDF output)."""
        source = self.html(edition)
        # A base URL of our own scheme: relative URLs resolve to nothing we would serve.
        html = weasyprint.HTML(string=source, base_url=static_url(""), url_fetcher=self.fetcher)
        try:
            return html.render(
                stylesheets=self.stylesheets,
                font_config=self.font_config,
                color_profiles=self.color_profiles,
                **self.options,
            )
        except (ValueError, TypeError, KeyError, AssertionError, OSError) as exc:
            raise RenderError(f"{edition.stem}: layout failed ({exc})") from exc

    def html(self, edition: Edition) -> str:
        """Return the edition's HTML after checking that its own text has glyphs."""
        self._check_catalog(edition.lang)
        fonts.check_own_text(own_strings(edition))
        # One environment (templates compiled once); the catalog is swapped per edition,
        # so a Renderer renders one edition at a time.
        translations = i18n.translations(edition.lang)
        self.env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        return self.env.get_template(TEMPLATE).render(context(edition))

    def input_digest(self, edition: Edition) -> str:
        """Hash everything the PDF depends on: facts, translations, templates, catalogs."""
        parts = [
            repr(edition),
            _catalog_digest(edition.lang),
            self._fixed_digest,
            self.pdf_variant,
            os.environ.get("SOURCE_DATE_EPOCH", ""),
            __version__,
            weasyprint.__version__,
            fonts.versions(),
        ]
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()

    def _check_catalog(self, lang: str) -> None:
        # Catalog strings are the edition's own text: a missing glyph stops the build.
        if lang in self._checked_langs:
            return
        po = _catalog_files(lang)[0]
        if po.is_file():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang, domain=i18n.DOMAIN)
            fonts.check_own_text(
                (f"{po}: msgid {m.id!r}", _joined(m.string))
                for m in catalog
                if m.id and not m.fuzzy
            )
        self._checked_langs.add(lang)


def check_variant(pdf_variant: str) -> None:
    """Refuse a PDF variant WeasyPrint does not know, before any work is done."""
    if pdf_variant not in VARIANTS or pdf_variant == "debug":
        choices = ", ".join(sorted(v for v in VARIANTS if v != "debug"))
        raise RenderError(f"pdf_variant {pdf_variant!r}: choose one of {choices}")


def render_editions(
    editions: Iterable[Edition],
    out_dir: Path,
    pdf_variant: str = DEFAULT_VARIANT,
    force: bool = False,
    progress: Progress | None = None,
) -> list[RenderedEdition]:
    """Render every edition of a build with one shared Renderer."""
    return Renderer(out_dir, pdf_variant).render_all(editions, force, progress)


def render_pdf(
    edition: Edition, out_dir: Path, variant: str | None = DEFAULT_VARIANT
) -> RenderedEdition:
    """Render one edition, reusing the Renderer of earlier calls with the same options."""
    return _shared_renderer(Path(out_dir), variant or DEFAULT_VARIANT).render(edition)


@functools.cache
def _shared_renderer(out_dir: Path, variant: str) -> Renderer:
    return Renderer(out_dir, variant)


def render_html(edition: Edition) -> str:
    """Return the HTML of one edition (for inspection and tests)."""
    return _shared_renderer(Path("."), DEFAULT_VARIANT).html(edition)


def environment(templates: Path | None = None) -> jinja2.Environment:
    """Return the Jinja2 environment shared by every edition."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates or resources.templates_dir())),
        autoescape=True,  # article text is untrusted: nothing in it may become markup
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def _rendered(edition: Edition, path: Path, skipped: bool) -> RenderedEdition:
    return RenderedEdition(edition.month, edition.audience, edition.lang, str(path), skipped,
                           title=edition.text.title)


# --- context ------------------------------------------------------------------------------


# Below this many visits a month has no contents list and no chart: one or two visits
# follow the cover on the same pages, a contents list would only repeat their headings
# and a chart of one or two bars says nothing; from three on, readers look for one.
CONTENTS_MIN_VISITS = 3


def context(edition: Edition) -> dict[str, Any]:
    """Build, in one place, what the templates may show; every string comes from the Edition."""
    visits = tuple(item for item in edition.items if not item.is_background)
    background = tuple(item for item in edition.items if item.is_background)
    contents = len(visits) >= CONTENTS_MIN_VISITS
    chart, caption = _chart(edition, visits) if contents else (None, "")
    return {
        "edition": edition,
        "text": edition.text,
        "lang": edition.lang,
        "audience": edition.audience,
        "visits": visits,
        "background": background,
        "contents": contents,
        "chart": chart,
        "chart_caption": caption,
        "max_people": narrative.MAX_PEOPLE,
        "footer_css": markupsafe.Markup(i18n.footer_css_of(edition.text.page_footer)),
        "timestamp": _timestamp(edition.edition_date),
        "version": __version__,
        "prose": fonts.printable_prose,
    }


def _chart(
    edition: Edition, visits: Sequence[LocalisedItem]
) -> tuple[markupsafe.Markup | None, str]:
    """Business readers get the sectors across visits; diaspora readers the calendar.

    Sector bars that are all the same length (one visit, say) say nothing: the
    calendar is drawn instead.
    """
    if not visits:
        return None, ""
    if edition.audience == "business":
        bars = charts.count_labels([item.sectors for item in visits])
        if len({bar.value for bar in bars}) > 1:
            title = edition.text.sectors_chart_title
            return markupsafe.Markup(charts.bar_chart_svg(bars, title)), title
    first = i18n.month_date(edition.month)
    days = calendar.monthrange(first.year, first.month)[1]
    spans = [
        span for number, item in enumerate(visits, 1) if (span := _span(item, number, first, days))
    ]
    title = edition.text.calendar_title
    return markupsafe.Markup(charts.timeline_svg(spans, days, title)), title


def _span(item: LocalisedItem, number: int, first: dt.date, days: int) -> charts.Span | None:
    start = item.facts.visit_start or item.facts.publication_date
    if start is None:
        return None
    end = max(item.facts.visit_end or start, start)
    last = first.replace(day=days)
    if end < first or start > last:
        return None
    start_day = 1 if start < first else start.day
    end_day = days if end > last else end.day
    # Numbered like the contents list, so a bar leads to its section.
    return charts.Span(f"{number}. {item.place or item.heading}", start_day, end_day)


def _timestamp(edition_date: dt.date) -> str:
    """The PDF's dates: SOURCE_DATE_EPOCH when set, else the edition date (never 'now')."""
    moment = system.source_date() or dt.datetime.combine(edition_date, dt.time(), dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def own_strings(edition: Edition) -> Iterable[tuple[str, str]]:
    """Yield (what, text) for every string of the edition that is not article prose."""
    for item in edition.items:
        name = item.facts.source
        yield f"{name}: heading", item.heading
        yield f"{name}: place and date", item.where_when
        yield f"{name}: source line", item.source_line
        yield f"{name}: quotations label", item.quote_label
        yield f"{name}: place", item.place
        yield from ((f"{name}: person", line) for line in item.people)
        yield from ((f"{name}: sector", label) for label in item.sectors)
        yield from ((f"{name}: figure", f"{figure.value} {figure.label}") for figure in item.figures)
        yield from ((f"{name}: narrative", paragraph) for paragraph in item.narrative)
        yield from ((f"{name}: agreement", line) for line in item.agreements)
    for note in edition.translation_notes:
        yield f"{edition.stem}: translation model", note.model or ""


def _joined(value: str | tuple[str, ...] | list[str] | None) -> str:
    return "".join(value) if isinstance(value, tuple | list) else value or ""


# --- CSS helper for the per-edition <style> -----------------------------------------------


def css_string(text: str) -> markupsafe.Markup:
    """Quote `text` as a CSS string that can close neither the string nor <style>."""
    return markupsafe.Markup(i18n.css_string(text))


# --- hashes and the manifest --------------------------------------------------------------


def _catalog_files(lang: str) -> tuple[Path, Path]:
    folder = resources.locales_dir() / lang / "LC_MESSAGES"
    return folder / f"{i18n.DOMAIN}.po", folder / f"{i18n.DOMAIN}.mo"


def _catalog_digest(lang: str) -> str:
    digest = hashlib.sha256()
    for path in _catalog_files(lang):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()


def _code_digest() -> str:
    here = Path(__file__).resolve().parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in _CODE)).hexdigest()


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # unreadable: rebuild all; a write will say what is wrong
        return {}
    return data if isinstance(data, dict) else {}


def _dump_manifest(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()


def _up_to_date(path: Path, entry: Any, digest: str) -> bool:
    if not isinstance(entry, dict) or entry.get("inputs") != digest or not path.is_file():
        return False
    return hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256")
