"""`briefing review`: the editor's web page between extraction and mail.

In: HTTP requests, the articles, their corrections and the month's PDFs (`ReviewOptions`).
Out: server-rendered pages (vi, fr or en) and, on POST, a correction file written
atomically (`briefing.corrections`), a rebuilt month (`briefing.pipeline`), an approval
(`briefing.approval`).
  GET  /                          the months, with their articles and approval state
  GET  /month/<YYYY-MM>           the month's articles, its six editions, rebuild, approve
  GET  /article/<file name>       the article's sentences beside its facts, each editable;
                                  every fact links to (and highlights) its sentence
  POST /article/<file name>       save the form as the article's correction
  POST /month/<YYYY-MM>/build     rebuild the month's six editions
  POST /month/<YYYY-MM>/approve   approve the month's PDFs as they are
  GET  /pdf/<YYYY-MM>/<file>.pdf  an edition, shown by the browser
Every POST carries the page's CSRF token; a form also carries the version of the
correction it was opened with, so a second tab's stale save is refused, not merged.
Bound to 127.0.0.1 by default, without login; on another address a token is required.
Every page is in the editor's language (chosen on the page, else `--lang`, else the
browser's Accept-Language, else English), the 401 page of a missing token too; dates are
shown and typed year-month-day, with the long form of that language beside each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hmac
import ipaddress
import logging
import os
import re
import secrets
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

import jinja2
from babel.core import negotiate_locale
from babel.dates import format_datetime
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from . import approval, corrections, extract, glossary, i18n, narrative, pipeline, readers, writer
from .corrections import Corrected, Correction, CorrectionError, StaleSave
from .delivery import mail
from .errors import BriefingError
from .i18n import N_
from .models import AUDIENCES, EDITION_FILE_RE, LANGS, Facts, Person, Problem
from .resources import templates_dir
from .settings import Settings
from .vocabulary import SECTOR_KEYWORDS

log = logging.getLogger(__name__)

_MONTH_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_HEADERS = {
    "Cache-Control": "no-store",
    # No script at all, no framing, forms only to this server.
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
NEW_ROWS = 2  # empty counterpart rows offered for additions
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
MIN_TOKEN = 16


class ReviewError(BriefingError):
    """The review server cannot start (for example: a public address without a token)."""


# -- the data behind the pages ------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One article as the page shows it."""

    path: Path
    raw: Facts  # as the extractor found them
    corrected: Corrected
    correction: Correction | None
    version: str  # of the correction file ("" when none)
    problem: Problem | None  # a correction file that cannot be read or applied

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def facts(self) -> Facts:
        return self.corrected.facts


@dataclass(frozen=True)
class ReviewOptions:
    """What the review page reads from the settings: the build's (articles, corrections,
    PDFs, how to rebuild), where to listen, and which variable holds the token."""

    build: pipeline.BuildOptions
    host: str = "127.0.0.1"
    port: int = 8090
    token_env: str = "BRIEFING_REVIEW_TOKEN"

    @classmethod
    def from_settings(cls, settings: Settings) -> ReviewOptions:
        return cls(pipeline.BuildOptions.from_settings(settings), str(settings.review_host),
                   int(settings.review_port), str(settings.review_token_env))


class Workspace:
    """Articles, facts and corrections of one settings file; extraction cached by content."""

    def __init__(self, options: pipeline.BuildOptions) -> None:
        self.options = options
        self.articles = options.articles
        self.corrections_dir = options.corrections_dir
        self.out_dir = options.out_dir
        self.lock = threading.Lock()  # one save or build at a time
        self._cache: dict[tuple[Path, str], Facts] = {}
        self.last_build: dict[str, tuple[Problem, ...]] = {}
        writer.remove_stale(self.corrections_dir)  # what a server killed mid-save left

    def raw_facts(self, path: Path, data: bytes) -> Facts:
        key = (path, corrections.article_hash(data))
        if key not in self._cache:
            self._cache[key] = extract.extract(readers.read_article(path))
        return self._cache[key]

    def entries(self) -> list[Entry]:
        """Every article with its facts after corrections (and the run's inferred years)."""
        paths = pipeline.article_paths(self.articles)
        found, bad = corrections.load_folder(self.corrections_dir)
        broken = {Path(p.item).name.removesuffix(corrections.SUFFIX): p for p in bad}
        entries = []
        for path in paths:
            try:
                data = path.read_bytes()
                raw = self.raw_facts(path, data)
            except (OSError, BriefingError) as exc:
                log.warning("%s: %s", path, exc)
                continue
            fix = found.get(path.name)
            done = corrections.apply(raw, data, fix)
            entries.append(Entry(path, raw, done, fix,
                                 corrections.version_of(corrections.file_for(self.corrections_dir, path)),
                                 done.problem or broken.get(path.name)))
        inferred = pipeline.infer_missing_years([e.facts for e in entries])
        return [dataclasses.replace(e, corrected=dataclasses.replace(e.corrected, facts=f))
                for e, f in zip(entries, inferred, strict=True)]

    def folder_problems(self) -> list[Problem]:
        """Correction files that cannot be read, and those whose article is gone."""
        found, bad = corrections.load_folder(self.corrections_dir)
        present = pipeline.article_paths(self.articles) if self.articles.is_dir() else []
        return bad + (corrections.orphans(found, present) if self.articles.is_dir() else [])

    def entry(self, name: str) -> Entry | None:
        return next((e for e in self.entries() if e.name == name), None)

    def months(self) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries():
            grouped.setdefault(entry.facts.month or "undated", []).append(entry)
        return dict(sorted(grouped.items()))

    def editions(self, month: str) -> list[Any]:
        return mail.find_editions(self.out_dir, (month,))

    def save(self, entry: Entry, form: Mapping[str, str]) -> str:
        """Write the form as the article's correction; return the new version."""
        data = correction_from_form(entry, form)
        with self.lock:
            return corrections.save(corrections.file_for(self.corrections_dir, entry.path), data,
                                    form.get("version", ""))

    def build(self, month: str) -> tuple[Problem, ...]:
        selection = pipeline.Selection(months=(month,), langs=LANGS, audiences=AUDIENCES)
        with self.lock:
            try:
                problems = pipeline.build(self.options, selection).problems
            except BriefingError as exc:  # nothing could be built: say why on the month's page
                problems = (Problem(month, str(exc)),)
        self.last_build[month] = problems
        return problems

    def approve(self, month: str, by: str) -> approval.Approval:
        with self.lock:
            return approval.approve(self.out_dir, month, by, self.editions(month))


# -- the form -> a correction ---------------------------------------------------------------

SIMPLE = ("kind", "visit_start", "visit_end", "host_country", "region", "cities")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _person_key(p: Person | None) -> tuple[str, str, str]:
    return (p.name or "", p.role or "", p.organisation or "") if p else ("", "", "")


def _form_person(form: Mapping[str, str], prefix: str) -> tuple[str, str, str]:
    name, role, org = (_clean(form.get(f"{prefix}{k}", "")) for k in corrections.PERSON_KEYS)
    return name, role, org


def _person_data(key: tuple[str, str, str]) -> dict[str, str]:
    return {k: v for k, v in zip(corrections.PERSON_KEYS, key, strict=True) if v}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def form_values(facts: Facts) -> dict[str, Any]:
    """The value of each field as the form shows it (and as a submitted form is compared)."""
    return {
        "kind": facts.kind, "region": facts.region or "", "host_country": facts.host_country or "",
        "visit_start": facts.visit_start.isoformat() if facts.visit_start else "",
        "visit_end": facts.visit_end.isoformat() if facts.visit_end else "",
        "cities": ", ".join(facts.cities), "sectors": set(facts.sectors),
        "lead_official": _person_key(facts.lead_official),
        "counterparts": [_person_key(p) for p in facts.counterparts],
    }


def _submitted(form: Mapping[str, str], shown: Mapping[str, Any]) -> dict[str, Any]:
    rows = int(form.get("cp-rows", "0") or 0) if form.get("cp-rows", "").isdigit() else 0
    people = [_form_person(form, f"cp-{n}-") for n in range(rows) if not form.get(f"cp-{n}-remove")]
    got: dict[str, Any] = {name: _clean(form.get(name, shown[name])) for name in SIMPLE}
    got["sectors"] = {s for s in SECTOR_KEYWORDS if form.get(f"sector-{s}")}
    got["lead_official"] = _form_person(form, "lead-")
    got["counterparts"] = [p for p in people if p[0] or p[2]]
    return got


def _as_data(name: str, value: Any) -> Any:
    if name == "cities":
        return _split(value)
    if name == "sectors":
        return [s for s in SECTOR_KEYWORDS if s in value]
    if name == "lead_official":
        return _person_data(value)
    if name == "counterparts":
        return [_person_data(p) for p in value]
    return value


def correction_from_form(entry: Entry, form: Mapping[str, str]) -> dict[str, Any]:
    """The article's correction after a submitted form.

    A field the editor left as shown keeps its correction (or none); a field changed back to
    the extractor's value loses it; any other change is recorded.
    """
    kept = entry.correction if entry.correction and entry.corrected.status == "applied" else None
    facts: dict[str, Any] = {k: corrections.to_data_value(v) for k, v in (kept.facts if kept else {}).items()}
    shown, extracted = form_values(entry.facts), form_values(entry.raw)
    for name, value in _submitted(form, shown).items():
        if value == shown[name] or (name.startswith("visit_") and not value):
            continue  # untouched (a date cannot be emptied: the month needs one)
        if value == extracted[name]:
            facts.pop(name, None)
        else:
            facts[name] = _as_data(name, value)
    data: dict[str, Any] = {"article_sha256": corrections.article_hash(entry.path.read_bytes()),
                            "edited_by": _clean(form.get("edited_by", "")) or "review page",
                            "edited_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if form.get("drop"):
        data["drop"] = True
    if facts:
        data["facts"] = facts
    for collection, prefix in (("figures", "fig"), ("agreements", "ag")):
        edits = _item_edits(entry, collection, prefix, form, kept)
        if edits:
            data[collection] = edits
    return data


@dataclass(frozen=True)
class ItemRow:
    """A figure or agreement of the extractor, with the correction's changes, for the form."""

    index: int
    values: dict[str, str]  # as shown
    removed: bool
    sentence: int
    corrected: bool


def item_rows(entry: Entry, collection: str) -> list[ItemRow]:
    """One row per record the extractor found (a removed one stays, ticked, so it can come back)."""
    kept = entry.correction if entry.correction and entry.corrected.status == "applied" else None
    edits = {e.index: e for e in (kept.items if kept else ()) if e.collection == collection}
    fields = corrections.item_fields(collection)
    rows = []
    for n, record in enumerate(getattr(entry.raw, collection)):
        edit = edits.get(n)
        values = {f: _shown((edit.values if edit else {}).get(f, getattr(record, f))) for f in fields}
        rows.append(ItemRow(n, values, bool(edit and edit.remove), record.sentence, edit is not None))
    return rows


def _item_edits(entry: Entry, collection: str, prefix: str, form: Mapping[str, str],
                kept: Correction | None) -> list[dict[str, Any]]:
    fields = corrections.item_fields(collection)
    before = {e.index: e for e in (kept.items if kept else ()) if e.collection == collection}
    records = getattr(entry.raw, collection)
    edits = []
    for row in item_rows(entry, collection):
        values = dict(before[row.index].values) if row.index in before else {}
        for name, kinds in fields.items():
            given = _clean(form.get(f"{prefix}-{row.index}-{name}", row.values[name]))
            if given == row.values[name]:
                continue
            if given == _shown(getattr(records[row.index], name)):
                values.pop(name, None)
            else:
                values[name] = _number(given) if float in kinds else given
        edit = {"index": row.index, **({"remove": True} if form.get(f"{prefix}-{row.index}-remove") else {}),
                **values}
        if len(edit) > 1:
            edits.append(edit)
    return edits


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    if isinstance(value, tuple):  # a figure's parties: "FR, VN", not a Python "('FR', 'VN')"
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def _number(text: str) -> float | str:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text  # refused by the check, with the field's name


# -- pages ---------------------------------------------------------------------------------


@functools.cache
def _env(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir() / "review"),
        autoescape=True, extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(shown=_shown, quote=quote, sectors=list(SECTOR_KEYWORDS),
                       kinds=corrections.KINDS, langs=LANGS, headline=headline,
                       sector_label=lambda sid: glossary.label("sectors", sid, lang) or sid,
                       item_options=lambda collection, name: item_options(collection, name, lang),
                       date_note=lambda note: date_note(note, lang),
                       long_date=lambda value: long_date(value, lang),
                       date_example=DATE_EXAMPLE, day_first=lang in DAY_FIRST,
                       month_label=lambda month: _month_label(month, lang),
                       moment=lambda at: _moment(at, lang))
    return env


_FIELD_LABELS = {"value": N_("Value"), "unit": N_("Unit"), "what": N_("What it measures"),
                 "text": N_("Text"), "kind": N_("Kind"), "action": N_("Action"),
                 "year": N_("Year"), "parties": N_("Countries (ISO codes)")}
# Fields of a figure or agreement whose values are ids of a vocabulary with glossary labels:
# the editor picks a label, the correction keeps the id.
_ITEM_VOCABULARIES = {("figures", "kind"): "figure_kinds"}

# The notes the extractor and the pipeline give on a visit's dates (English, as the facts
# JSON keeps them), and how the page says each; `fill` formats what a note names.
_DATE_NOTES = (
    (re.compile(r"year from the publication date (?P<date>\d{4}-\d{2}-\d{2})"),
     N_("Year taken from the article's publication date (%(date)s).")),
    (re.compile(r"year taken from “(?P<phrase>.*)”"), N_("Year taken from the words “%(phrase)s”.")),
    (re.compile(r"the article gives the day and month of the visit but no year"),
     N_("The article gives the day and month of the visit, but no year.")),
    (re.compile(r"--(?P<partial>\d{2}-\d{2}) is not a date in (?P<year>\d{4})"),
     N_("The day found (month-day %(partial)s) does not exist in %(year)s.")),
    (re.compile(r"no visit date found in the article"), N_("The article gives no date for the visit.")),
    (re.compile(r"year (?P<year>\d{4}) inferred from the dates of the other articles of this run"),
     N_("Year %(year)s inferred from the dates of the other articles.")),
    (re.compile(r"set by an editor"), N_("Dates set by an editor.")),
)
# vi and fr write a date day/month/year (13/4/2025), and the form takes that too; English
# does not: 04/07 is 4 July to some readers and 7 April to others.
_DMY = re.compile(r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY_FIRST = ("vi", "fr")
# A correction the form produced but the checks refuse, said in the page's language; a
# field not listed (only a hand-edited file gets there) keeps the check's English words.
_REFUSALS = (
    (re.compile(r"facts\.host_country"), N_("Country: write its two-letter ISO code, such as FR or DE.")),
    (re.compile(r"facts\.visit_end"), N_("The last day comes before the first day.")),
    (re.compile(r"facts\.(lead_official|counterparts)"), N_("A person needs a name or an organisation.")),
    (re.compile(r"figures\[\d+\]\.(?P<field>value|year)"), N_("%(field)s of a figure: write a number.")),
)
DATE_EXAMPLE = dt.date(2025, 4, 13)  # in the hint: a day above 12 shows which number is the day


def headline(facts: Facts, width: int = 90) -> str:
    """The article's title, or (a text file has none) the start of its first sentence."""
    text = facts.title or (facts.sentences[0] if facts.sentences else "") or Path(facts.source).name
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def _field_labels(lang: str) -> dict[str, str]:
    """Labels of the figure and agreement fields the page knows (others show their name)."""
    return {k: i18n.translations(lang).gettext(v) for k, v in _FIELD_LABELS.items()}


def item_options(collection: str, name: str, lang: str) -> list[tuple[str, str]]:
    """(id, label) of each value a figure's or agreement's field may take; [] for free text."""
    section = _ITEM_VOCABULARIES.get((collection, name))
    if section is None:
        return []
    return sorted(((key, glossary.label(section, key, lang) or key) for key in glossary.load()[section]),
                  key=lambda pair: pair[1].casefold())


def date_note(note: str | None, lang: str) -> str:
    """The extractor's note on the dates, in `lang` (an unknown one: quoted, said to be English)."""
    if not note:
        return ""
    gettext = i18n.translations(lang).gettext
    for pattern, message in _DATE_NOTES:
        found = pattern.fullmatch(note)
        if found:
            values = dict(found.groupdict())
            if "date" in values:
                values["date"] = narrative.day(dt.date.fromisoformat(values["date"]), lang)
            return i18n.typeset(gettext(message) % values, lang)
    return i18n.typeset(gettext("Note of the extractor (in English): %(note)s") % {"note": note}, lang)


def long_date(value: dt.date | None, lang: str) -> str:
    """'13 tháng 4 năm 2025', '13 avril 2025', '13 April 2025'; '' for no date."""
    return narrative.day(value, lang) if value else ""


def form_date(text: str, lang: str) -> str | None:
    """A typed date as ISO text: year-month-day, or in vi and fr day/month/year; None if neither."""
    text = text.strip()
    found = _DMY.fullmatch(text) if lang in DAY_FIRST else None
    try:
        if found:
            return dt.date(int(found["y"]), int(found["m"]), int(found["d"])).isoformat()
        return dt.date.fromisoformat(text).isoformat() if _ISO.fullmatch(text) else None
    except ValueError:  # 31/02/2025
        return None


def with_iso_dates(form: Mapping[str, str], lang: str) -> tuple[dict[str, str], str | None]:
    """The form with its dates as ISO text, and the first date field that is not a date."""
    fixed = dict(form)
    for name in ("visit_start", "visit_end"):
        typed = form.get(name, "").strip()
        if not typed:
            continue
        iso = form_date(typed, lang)
        if iso is None:
            return fixed, name
        fixed[name] = iso
    return fixed, None


def refusal(error: CorrectionError, lang: str) -> str:
    """Why the checks refused the form, in `lang` (the field and what to write)."""
    gettext = i18n.translations(lang).gettext
    for pattern, message in _REFUSALS:
        found = pattern.fullmatch(error.where)
        if found:
            field = found.groupdict().get("field")
            label = gettext(_FIELD_LABELS[field]) if field else ""
            return i18n.typeset(gettext(message) % {"field": label} if field else gettext(message), lang)
    text = str(error)  # "<file>: <field>: <reason>": the file is the server's business
    return text[text.find(error.where):] if error.where and error.where in text else text


def date_error(field: str, typed: str, lang: str) -> str:
    """Why a typed date was refused, in `lang`, with the form to use."""
    gettext = i18n.translations(lang).gettext
    label = gettext("First day") if field == "visit_start" else gettext("Last day")
    message = gettext("“%(typed)s” (%(field)s) is not a date: write it year-month-day, for "
                      "example %(example)s for %(long)s.")
    return i18n.typeset(message % {"typed": typed, "field": label, "example": DATE_EXAMPLE.isoformat(),
                                   "long": long_date(DATE_EXAMPLE, lang)}, lang)


def sentence_of(facts: Facts, text: str | None) -> int | None:
    """The sentence a fact came from when the extractor did not record it: the first holding it."""
    if not text:
        return None
    needle = text.casefold()
    return next((n for n, s in enumerate(facts.sentences) if needle in s.casefold()), None)


def fact_sentences(entry: Entry) -> dict[str, int | None]:
    """Sentence index of each non-record fact of the extractor: its evidence, else its text."""
    raw, found = entry.raw, dict(entry.raw.evidence)
    spots: dict[str, int | None] = {
        "region": found.get("region", sentence_of(raw, raw.region)),
        "visit_start": found.get("visit_start"), "visit_end": found.get("visit_end"),
        "host_country": found.get("host_country"), "kind": found.get("kind"),
        "cities": sentence_of(raw, raw.cities[0]) if raw.cities else None,
    }
    if spots["visit_end"] is None:
        spots["visit_end"] = spots["visit_start"]
    return spots


def person_sentence(facts: Facts, person: Person | None) -> int | None:
    if person is None:
        return None
    return person.sentence if person.sentence is not None else sentence_of(facts, person.name)


def _month_label(month: str, lang: str) -> str:
    """'tháng 4 năm 2025', 'avril 2025', 'April 2025' (a folder name that is no month: as it is)."""
    return i18n.month_label(lang, month) if _MONTH_RE.fullmatch(month) else month


def _moment(at: str, lang: str) -> str:
    """An ISO time of the approval file, as `lang` writes a day and time (UTC)."""
    try:
        when = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return format_datetime(when, "medium", tzinfo=dt.UTC, locale=lang) + " UTC"


def _lang_of(request: Request, default: str | None) -> str:
    """The editor's language: chosen on the page (a cookie then), else `--lang`, else the
    browser's Accept-Language, else English."""
    wanted = request.query_params.get("lang") or request.cookies.get("review_lang") or default
    if wanted in LANGS:
        return str(wanted)
    asked = [part.split(";")[0].strip().replace("-", "_")
             for part in request.headers.get("accept-language", "").split(",")]
    return negotiate_locale([a for a in asked if a], list(LANGS)) or "en"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Pages:
    """The page handlers of one review server: its workspace, language and CSRF token."""

    def __init__(self, options: ReviewOptions, default_lang: str | None) -> None:
        self.space = Workspace(options.build)
        self.default_lang = default_lang
        self.csrf = secrets.token_urlsafe(32)  # in every form; a POST without it is refused

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        lang = _lang_of(request, self.default_lang)
        html = _env(lang).get_template(template).render(
            lang=lang, csrf=self.csrf, path=request.url.path, message=request.query_params.get("msg", ""),
            **context)
        response = HTMLResponse(html, status_code=status, headers=_HEADERS)
        if request.query_params.get("lang") == lang:
            response.set_cookie("review_lang", lang, samesite="strict", httponly=True)
        return response

    async def form_of(self, request: Request) -> dict[str, str]:
        body = (await request.body()).decode("utf-8", "replace")
        return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}

    def forged(self, request: Request, form: Mapping[str, str]) -> bool:
        """A POST without this page's token, or sent by another site's page."""
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return True
        return not hmac.compare_digest(form.get("csrf", ""), self.csrf)

    async def index(self, request: Request) -> Response:
        months = await run_in_threadpool(self.space.months)
        states = {m: approval.status(self.space.out_dir, m, self.space.editions(m)) for m in months
                  if _MONTH_RE.fullmatch(m)}
        return self.page(request, "index.html", months=months, states=states,
                    problems=await run_in_threadpool(self.space.folder_problems))

    async def month_page(self, request: Request) -> Response:
        month = request.path_params["month"]
        if not _MONTH_RE.fullmatch(month):
            return self.page(request, "missing.html", status=404)
        months = await run_in_threadpool(self.space.months)
        editions = self.space.editions(month)
        return self.page(request, "month.html", month=month, entries=months.get(month, []),
                    editions=[Path(e.path).name for e in editions],
                    state=approval.status(self.space.out_dir, month, editions),
                    approved=approval.read(self.space.out_dir, month),
                    problems=self.space.last_build.get(month, ()))

    async def article(self, request: Request) -> Response:
        entry = await run_in_threadpool(self.space.entry, request.path_params["name"])
        if entry is None:
            return self.page(request, "missing.html", status=404)
        return self.article_page(request, entry)

    def article_page(self, request: Request, entry: Entry, status: int = 200, error: str = "") -> Response:
        return self.page(request, "article.html", status=status, entry=entry, facts=entry.facts,
                    raw=entry.raw, spots=fact_sentences(entry), person_sentence=person_sentence,
                    item_fields={c: corrections.item_fields(c) for c in ("figures", "agreements")},
                    item_choices=corrections.item_choices, new_rows=NEW_ROWS, error=error,
                    rows={c: item_rows(entry, c) for c in ("figures", "agreements")},
                    field_labels=_field_labels(_lang_of(request, self.default_lang)))

    async def save(self, request: Request) -> Response:
        form = await self.form_of(request)
        if self.forged(request, form):
            return self.page(request, "forbidden.html", status=403)
        entry = await run_in_threadpool(self.space.entry, request.path_params["name"])
        if entry is None:
            return self.page(request, "missing.html", status=404)
        lang = _lang_of(request, self.default_lang)
        form, bad_date = with_iso_dates(form, lang)
        if bad_date:
            return self.article_page(request, entry, status=400,
                                     error=date_error(bad_date, form[bad_date], lang))
        try:
            await run_in_threadpool(self.space.save, entry, form)
        except StaleSave:
            return self.article_page(request, entry, status=409, error="stale")
        except CorrectionError as exc:
            return self.article_page(request, entry, status=400, error=refusal(exc, lang))
        return RedirectResponse(f"{request.url.path}?msg=saved", status_code=303)

    async def build(self, request: Request) -> Response:
        month = request.path_params["month"]
        form = await self.form_of(request)
        if self.forged(request, form) or not _MONTH_RE.fullmatch(month):
            return self.page(request, "forbidden.html", status=403)
        problems = await run_in_threadpool(self.space.build, month)
        return RedirectResponse(f"/month/{month}?msg={'built-problems' if problems else 'built'}",
                                status_code=303)

    async def approve(self, request: Request) -> Response:
        month = request.path_params["month"]
        form = await self.form_of(request)
        if self.forged(request, form) or not _MONTH_RE.fullmatch(month):
            return self.page(request, "forbidden.html", status=403)
        try:
            await run_in_threadpool(self.space.approve, month, form.get("by", ""))
        except approval.ApprovalError:
            return RedirectResponse(f"/month/{month}?msg=approve-failed", status_code=303)
        return RedirectResponse(f"/month/{month}?msg=approved", status_code=303)

    async def pdf(self, request: Request) -> Response:
        month, name = request.path_params["month"], request.path_params["name"]
        path = self.space.out_dir / month / name
        if not (_MONTH_RE.fullmatch(month) and EDITION_FILE_RE.fullmatch(name) and path.is_file()):
            return self.page(request, "missing.html", status=404)
        return FileResponse(path, media_type="application/pdf",
                            headers={"Content-Disposition": f'inline; filename="{name}"',
                                     "Cache-Control": "no-store"})

    async def stylesheet(self, request: Request) -> Response:
        css = (templates_dir() / "review" / "review.css").read_text(encoding="utf-8")
        return Response(css, media_type="text/css", headers={"Cache-Control": "no-store"})



def create_app(options: ReviewOptions, default_lang: str | None = None, token: str | None = None
               ) -> Starlette:
    """The review application; `token` (required off loopback) guards every page.

    `default_lang`: the page's language until the editor picks one (None: the browser's).
    """
    pages = _Pages(options, default_lang)
    app = Starlette(routes=[
        Route("/", pages.index), Route("/review.css", pages.stylesheet),
        Route("/month/{month}", pages.month_page),
        Route("/month/{month}/build", pages.build, methods=["POST"]),
        Route("/month/{month}/approve", pages.approve, methods=["POST"]),
        Route("/article/{name}", pages.article), Route("/article/{name}", pages.save, methods=["POST"]),
        Route("/pdf/{month}/{name}", pages.pdf),
    ])
    if token:
        app.add_middleware(_TokenGate, token=token, default_lang=default_lang)  # type: ignore[arg-type]
    else:
        # No login on loopback: only this machine's names may reach it, so that a web page
        # cannot rebind its own domain name to 127.0.0.1 and read or post through it.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(LOOPBACK_NAMES))
    return app


class _TokenGate:
    """Every request needs the token: once as ?token=..., then a same-site cookie."""

    def __init__(self, app: Callable[..., Awaitable[None]], token: str, default_lang: str | None = None) -> None:
        self.app, self.token, self.default_lang = app, token, default_lang

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if scope["path"] == "/review.css":  # the same for everyone, and the 401 page needs it
            await self.app(scope, receive, send)
            return
        given = request.query_params.get("token")
        if given is not None and hmac.compare_digest(given, self.token):
            response: Response = RedirectResponse(scope["path"], status_code=303)
            response.set_cookie("review_token", self.token, httponly=True, samesite="strict")
        elif hmac.compare_digest(request.cookies.get("review_token", ""), self.token):
            await self.app(scope, receive, send)
            return
        else:
            lang = _lang_of(request, self.default_lang)
            html = _env(lang).get_template("unauthorized.html").render(
                lang=lang, path=request.url.path, message="", csrf="")
            response = HTMLResponse(html, status_code=401, headers=_HEADERS)
        await response(scope, receive, send)


def start_token(options: ReviewOptions) -> str | None:
    """The token the server needs on its host: none on loopback; off it, refuse to start without one."""
    host = options.host
    token = os.environ.get(options.token_env, "")
    if is_loopback(host):
        return token or None
    if len(token) < MIN_TOKEN:
        raise ReviewError(f"review: refusing to listen on {host} without a token: set "
                          f"${options.token_env} ({MIN_TOKEN}+ characters) or bind to 127.0.0.1")
    return token


def serve(options: ReviewOptions, default_lang: str | None = None,
          started: Callable[[str], None] = lambda url: None) -> None:
    """Run the review page with uvicorn until interrupted; `started` gets its address first."""
    import uvicorn

    token = start_token(options)
    started(f"http://{options.host}:{options.port}/")
    uvicorn.run(create_app(options, default_lang, token), host=options.host, port=options.port,
                log_level="warning", access_log=False)
