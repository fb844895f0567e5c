"""The orchestrator: article files in, dated PDF editions out, then mail.

`build()` reads as the list of stages: read, extract (then the editors' corrections),
group by month, localise, render.  A bad article is reported by name and skipped; the
others go on.  `run()` is build, check the approval (real mail only), deliver.
Each step takes a small typed record of the settings it needs (`BuildOptions`,
`RunOptions`, the mail stage's `MailOptions`), made from `Settings` by `from_settings`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import approval, corrections, extract, readers, system, writer
from .delivery import mail, subscribers
from .delivery.mail import DeliveryReport, MailOptions
from .errors import BriefingError
from .localise import NameBook, Translator, build_edition, localise_item, prose_of, translate_prose
from .models import (
    AUDIENCES,
    LANGS,
    Audience,
    BuildReport,
    Edition,
    Facts,
    Lang,
    Problem,
    RenderedEdition,
)
from .settings import Settings

if TYPE_CHECKING:
    from .translate import Backend

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Selection:
    """Which editions to build; None means all that the input has."""

    months: tuple[str, ...] | None = None
    langs: tuple[Lang, ...] = LANGS
    audiences: tuple[Audience, ...] = AUDIENCES


@dataclass(frozen=True)
class EngineOptions:
    """The machine translation engine the settings choose, and how to reach it."""

    engine: str  # argos, libretranslate or none
    models_dir: Path  # Argos packages
    libretranslate_url: str
    libretranslate_key_env: str  # the name of the variable holding the key, not the key
    libretranslate_timeout: float
    libretranslate_retries: int
    libretranslate_rate: float
    libretranslate_batch: int

    @classmethod
    def from_settings(cls, settings: Settings) -> EngineOptions:
        return cls(
            engine=str(settings.translation_engine), models_dir=settings.path("models_dir"),
            libretranslate_url=str(settings.libretranslate_url),
            libretranslate_key_env=str(settings.libretranslate_key_env),
            libretranslate_timeout=float(settings.libretranslate_timeout),
            libretranslate_retries=int(settings.libretranslate_retries),
            libretranslate_rate=float(settings.libretranslate_rate),
            libretranslate_batch=int(settings.libretranslate_batch))


@dataclass(frozen=True)
class BuildOptions:
    """What a build reads from the settings: where articles, corrections and PDFs are, how
    to translate, and the audiences a translations export/import covers."""

    articles: Path  # a folder, or one article file
    corrections_dir: Path
    out_dir: Path
    pdf_variant: str
    translation_cache: Path  # machine translations and the hand translations' store
    engine: EngineOptions
    audiences: tuple[Audience, ...] = AUDIENCES

    @classmethod
    def from_settings(cls, settings: Settings) -> BuildOptions:
        return cls(
            articles=settings.path("articles"), corrections_dir=settings.path("corrections_dir"),
            out_dir=settings.path("out_dir"), pdf_variant=str(settings.pdf_variant),
            translation_cache=settings.path("translation_cache"),
            engine=EngineOptions.from_settings(settings),
            audiences=tuple(settings.audiences))


@dataclass(frozen=True)
class RunOptions:
    """What `run` and `send` read from the settings: the build's, the mail's, and the
    sample subscribers file `run` imports first."""

    build: BuildOptions
    mail: MailOptions
    subscribers_csv: str = ""  # "" : none

    @classmethod
    def from_settings(cls, settings: Settings) -> RunOptions:
        return cls(BuildOptions.from_settings(settings), MailOptions.from_settings(settings),
                   str(settings.subscribers_csv or ""))


def edition_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a rebuild gives the same bytes."""
    moment = system.source_date()
    return moment.date() if moment else dt.date.today()


def article_paths(source: Path) -> list[Path]:
    """The article files of a folder (sorted, so runs are deterministic), or the file itself."""
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise BriefingError(f"{source}: no such file or folder of articles")
    return readers.article_files(source)


def read_and_extract(paths: Iterable[Path], progress: Progress | None = None
                     ) -> tuple[list[Facts], list[Problem]]:
    """Read and extract every article; a failure is a Problem naming the file."""
    facts: list[Facts] = []
    problems: list[Problem] = []
    for path in paths:
        if progress:
            progress(f"extract {path.name}")
        try:
            facts.append(extract.extract(readers.read_article(path)))
        except BriefingError as exc:
            problems.append(Problem(str(path), str(exc).removeprefix(f"{path}: ")))
    return facts, problems


def extract_corrected(paths: Sequence[Path], corrections_dir: Path, progress: Progress | None = None,
                      whole_folder: bool = True) -> tuple[list[corrections.Corrected], list[Problem]]:
    """Read and extract every article, then apply the editors' corrections (after the rules).

    A bad correction file, one whose article changed, or (when `whole_folder`) one whose
    article is gone is a Problem; the article keeps its extracted facts and the run goes on.
    """
    facts, problems = read_and_extract(paths, progress)
    found, bad = corrections.load_folder(corrections_dir)
    problems += bad + (corrections.orphans(found, paths) if whole_folder else [])
    result = []
    for item in facts:
        corrected = corrections.apply(item, _bytes(Path(item.source)), found.get(Path(item.source).name))
        problems += [corrected.problem] if corrected.problem else []
        result.append(corrected)
    return result, problems


def _edited_facts(options: BuildOptions) -> list[Facts]:
    """The facts the editions show: extracted, corrected by the editors, dropped ones left out."""
    source = options.articles
    corrected, _ = extract_corrected(article_paths(source), options.corrections_dir,
                                     whole_folder=source.is_dir())
    return [c.facts for c in corrected if not c.dropped]


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # read a moment ago; gone now: no correction can match it
        return b""


def infer_missing_years(all_facts: Sequence[Facts]) -> list[Facts]:
    """Date visits that give day and month but no year, from the other articles of the run.

    A monthly run gathers recent news, so the year that puts "April 13-16" nearest to the
    run's dated items is the best guess; the date is marked inferred and says why.
    """
    anchors = [d for f in all_facts for d in (f.visit_start, f.publication_date) if d]
    if not anchors:
        return list(all_facts)
    return [_with_inferred_year(f, anchors) if _needs_year(f) else f for f in all_facts]


def _needs_year(facts: Facts) -> bool:
    return facts.kind == "visit" and facts.visit_start is None and bool(facts.visit_start_partial)


def _with_inferred_year(facts: Facts, anchors: Sequence[dt.date]) -> Facts:
    start_md = _month_day(facts.visit_start_partial)
    end_md = _month_day(facts.visit_end_partial) or start_md
    if start_md is None or end_md is None:
        return facts
    candidates = []
    for year in sorted({a.year for a in anchors} | {a.year - 1 for a in anchors}):
        with contextlib.suppress(ValueError):
            start = dt.date(year, *start_md)
            candidates.append((min(abs((start - a).days) for a in anchors), start))
    if not candidates:
        return facts
    start = min(candidates)[1]
    try:
        end = dt.date(start.year + (end_md < start_md), *end_md)
    except ValueError:
        end = start
    note = f"year {start.year} inferred from the dates of the other articles of this run"
    return dataclasses.replace(facts, visit_start=start, visit_end=end,
                               date_confidence="inferred", date_note=note)


def _month_day(partial: str | None) -> tuple[int, int] | None:
    """(month, day) of an ISO "--MM-DD" partial date; anything else gives no year to infer."""
    match = re.fullmatch(r"--(\d{2})-(\d{2})", partial or "")
    return (int(match[1]), int(match[2])) if match else None


def group_by_month(all_facts: Iterable[Facts]) -> tuple[dict[str, list[Facts]], list[str]]:
    """Facts per edition month, and the sources that have no date at all."""
    months: dict[str, list[Facts]] = defaultdict(list)
    undated: list[str] = []
    for facts in all_facts:
        if facts.month:
            months[facts.month].append(facts)
        else:
            undated.append(facts.source)
    return dict(sorted(months.items())), undated


def editions_for(months: dict[str, list[Facts]], selection: Selection, translator: Translator
                 ) -> list[Edition]:
    """Localise every selected (month, audience, language)."""
    chosen = {m: f for m, f in months.items() if selection.months is None or m in selection.months}
    everything = [facts for group in chosen.values() for facts in group]
    # Spellings are grouped across every month read, so one month alone still prints
    # a name with its diacritics when only another month's article wrote them.
    names = NameBook(facts for group in months.values() for facts in group)
    prose = translate_prose(everything, selection.langs, translator, names)
    notes = translator.notes()
    today = edition_date()
    editions = []
    for month, group in chosen.items():
        for audience in selection.audiences:
            for lang in selection.langs:
                items = [localise_item(f, audience, lang, prose, names) for f in group]
                editions.append(build_edition(month, audience, lang, items, today, notes))
    return editions


def build(options: BuildOptions, selection: Selection = Selection(), translator: Translator | None = None,
          progress: Progress | None = None) -> BuildReport:
    """Read, extract, localise and render: the whole job but mail."""
    from . import render  # here, not at the top: importing WeasyPrint loads Pango, which
    # `send` and `approve` never need (and the CLI checks for it before a build)

    render.check_variant(options.pdf_variant)  # a typo must not cost a whole extraction
    system.source_date()  # a bad SOURCE_DATE_EPOCH fails now, before any article is read
    writer.remove_stale(options.out_dir)  # what a killed run left half-written
    source = options.articles
    corrected, problems = extract_corrected(article_paths(source), options.corrections_dir,
                                            progress, whole_folder=source.is_dir())
    facts = [c.facts for c in corrected if not c.dropped]
    months, undated = group_by_month(infer_missing_years(facts))
    missing = [m for m in selection.months or () if m not in months]
    problems += [Problem(m, "no article of that month") for m in missing]
    with _translator(options, facts, translator) as chosen:
        editions = editions_for(months, selection, chosen)
        notes = tuple(chosen.notes())
        extra = _translation_counts(chosen)
        failures: list[str] = getattr(chosen, "failures", list)()
    rendered = render_all(editions, options, progress)
    return BuildReport(tuple(rendered), tuple(problems), tuple(undated), notes, extra,
                       tuple(failures))


def protected_terms(all_facts: Iterable[Facts]) -> list[str]:
    """Names of people, places and organisations: never sent through machine translation."""
    all_facts = list(all_facts)
    names = NameBook(all_facts)  # prose is normalised to these spellings before translation
    terms: set[str] = set()
    for facts in all_facts:
        people = [p for p in (facts.lead_official, *facts.counterparts) if p]
        terms.update(t for p in people for t in (p.name, p.organisation) if t)
        terms.update(names.display(p.name) for p in people if p.name)
        terms.update(t for t in (facts.region, *facts.cities) if t)
    return sorted(terms, key=lambda t: (-len(t), t))


def person_names(all_facts: Sequence[Facts]) -> list[str]:
    """People's names, as the articles and the editions spell them: a hand translation
    must keep them (places have names of their own in each language: Normandie)."""
    names = NameBook(all_facts)
    spelt = [p.name for f in all_facts for p in (f.lead_official, *f.counterparts) if p and p.name]
    return sorted({n for name in spelt for n in (name, names.display(name))}, key=len, reverse=True)


@contextlib.contextmanager
def _translator(options: BuildOptions, facts: Sequence[Facts],
                given: Translator | None) -> Iterator[Translator]:
    """Hand translations first, then the translator given or the engine the settings choose."""
    from .handmade import HandFirst, HandStore

    with HandStore(options.translation_cache) as store:
        if given is not None:
            yield HandFirst(store, given)
            return
        from .translate import MachineTranslator, TranslationCache

        cache = TranslationCache(options.translation_cache)
        with MachineTranslator(engine(options.engine), cache, protected_terms(facts)) as machine:
            yield HandFirst(store, machine)


def engine(options: EngineOptions) -> Backend:
    """The machine translation backend the `translation_engine` setting chooses."""
    if options.engine == "libretranslate":
        from .libretranslate import LibreTranslateBackend

        return LibreTranslateBackend(
            options.libretranslate_url, os.environ.get(options.libretranslate_key_env, ""),
            timeout=options.libretranslate_timeout, retries=options.libretranslate_retries,
            rate=options.libretranslate_rate, batch_size=options.libretranslate_batch)
    if options.engine == "none":
        from .translate import NoBackend

        return NoBackend()
    from .argos import ArgosBackend

    return ArgosBackend(options.models_dir)


def _translation_counts(translator: Translator) -> dict[str, int]:
    stats = getattr(translator, "stats", None)
    by_hand = int(getattr(translator, "hand", 0))
    hand = {"passages by hand": by_hand} if by_hand else {}
    if stats is None:
        return hand
    return hand | {"sentences translated": stats.translated, "translation cache hits": stats.cache_hits,
            "passages machine-translated": stats.machine, "passages kept original": stats.kept_original}


def render_all(editions: Sequence[Edition], options: BuildOptions, progress: Progress | None = None
               ) -> list[RenderedEdition]:
    """Render each edition once; the PDFs land in out/YYYY-MM/."""
    from . import render

    return render.render_editions(editions, options.out_dir, options.pdf_variant,
                                  progress=progress)


# --- translations by hand: the PO round trip --------------------------------------------


@dataclass(frozen=True)
class ExportReport:
    """What `translations export` wrote."""

    path: Path
    entries: int
    filled: int  # accepted hand translations
    suggestions: int  # fuzzy: machine translations, or a hand one whose source changed


@dataclass(frozen=True)
class ImportReport:
    """What `translations import` stored, refused and rebuilt."""

    lang: str
    stored: int  # entries new or changed in the store
    unchanged: int
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    untranslated: int
    fuzzy: int
    build: BuildReport | None  # the editions rebuilt (None: nothing changed, or --no-rebuild)


def export_translations(options: BuildOptions, month: str, lang: Lang, out: Path,
                        translator: Translator | None = None) -> ExportReport:
    """Write one PO file of the passages the month's `lang` editions show untranslated."""
    from . import po
    from .handmade import HandStore
    from .writer import write_bytes

    facts = _edited_facts(options)
    months, _ = group_by_month(infer_missing_years(facts))
    if month not in months:
        raise BriefingError(f"{month}: no article of that month")
    names = NameBook(f for group in months.values() for f in group)
    chosen_editions = Selection((month,), (lang,), options.audiences)
    with _translator(options, facts, translator) as chosen, \
            HandStore(options.translation_cache) as store:
        editions = editions_for(months, chosen_editions, chosen)
        catalog = po.export_catalog(po.shown(editions, names), lang, store, month,
                                    system.source_date())
    write_bytes(out, po.catalog_bytes(catalog))
    messages = [m for m in catalog if m.id]
    return ExportReport(out, len(messages), sum(1 for m in messages if m.string and not m.fuzzy),
                        sum(1 for m in messages if m.fuzzy))


def import_translations(options: BuildOptions, path: Path, rebuild: bool = True,
                        translator: Translator | None = None) -> ImportReport:
    """Check a PO file, store its good entries, rebuild the editions they change."""
    from . import po
    from .handmade import HandStore

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BriefingError(f"{path}: cannot read ({exc.strerror})") from exc
    facts = _edited_facts(options)
    months, _ = group_by_month(infer_missing_years(facts))
    names = NameBook(f for group in months.values() for f in group)
    known = {s.text: s for s in po.sources([f for g in months.values() for f in g], names)}
    checked = po.check_po(data, str(path), known, person_names(facts))
    with HandStore(options.translation_cache) as store:
        changed = store.put_many(checked.good)
    touched = _months_with({e.source for e in changed}, months, names)
    report = None
    if rebuild and touched:
        report = build(options, Selection(tuple(touched), (checked.lang,),  # type: ignore[arg-type]
                                          options.audiences), translator)
    return ImportReport(checked.lang, len(changed), len(checked.good) - len(changed),
                        tuple(map(str, checked.problems)), tuple(map(str, checked.warnings)),
                        checked.untranslated, checked.fuzzy, report)


def _months_with(texts: set[str], months: dict[str, list[Facts]], names: NameBook) -> list[str]:
    """The months whose articles hold one of these passages (as sent to translation)."""
    return [month for month, group in months.items()
            if any(names.normalise(t) in texts for f in group for t in prose_of(f))]
# -- delivery -------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryOptions:
    """How to deliver: for real, as a dry run, or a test to one address."""

    dry_run: bool = False
    test_to: str | None = None
    retry_unknown: bool = False


@dataclass(frozen=True)
class Imported:
    """What importing the sample subscribers did, for `run`'s summary."""

    refused: tuple[Problem, ...] = ()
    summary: str | None = None  # the import's account of every line of the file
    note: str | None = None  # why nothing was imported, when the file is absent


@dataclass(frozen=True)
class RunReport:
    """What `run` did: the build, the import of the sample subscribers, the delivery."""

    build: BuildReport
    imported: Imported = Imported()
    delivery: DeliveryReport | None = None
    refusal: str | None = None  # why nothing was delivered (the build is not approved)


def rendered_editions(out_dir: Path, selection: Selection) -> list[RenderedEdition]:
    """The PDFs already built for the selection (no month chosen: the latest month that has one)."""
    months = selection.months
    if not months:
        found = mail.find_editions(out_dir, (), selection.langs, selection.audiences)
        months = (found[-1].month,) if found else ()
    editions = mail.find_editions(out_dir, months, selection.langs, selection.audiences)
    if not editions:
        raise BriefingError(f"{out_dir}: no rendered edition for "
                            f"{', '.join(months) or 'any month'}; run `briefing build` first")
    return editions


def send(run_options: RunOptions, selection: Selection, options: DeliveryOptions = DeliveryOptions(),
         progress: Progress | None = None) -> DeliveryReport:
    """Deliver editions already built (a test goes to one address, with the first edition only)."""
    editions = rendered_editions(run_options.build.out_dir, selection)
    if options.test_to:
        editions = editions[:1]
    return deliver(run_options, editions, options, progress)


def needs_approval(mail_options: MailOptions, options: DeliveryOptions) -> bool:
    """Only real mail needs an approved build: the file outbox, a dry run and a test do not."""
    return mail_options.mail_backend != "file" and not options.dry_run and options.test_to is None


def deliver(run_options: RunOptions, editions: Sequence[RenderedEdition],
            options: DeliveryOptions = DeliveryOptions(), progress: Progress | None = None
            ) -> DeliveryReport:
    """Check the approval when real mail goes out, then send each edition once."""
    if needs_approval(run_options.mail, options):
        approval.check(run_options.build.out_dir, editions)
    return mail.deliver(editions, run_options.mail, dry_run=options.dry_run, test_to=options.test_to,
                        retry_unknown=options.retry_unknown, progress=progress)


def import_sample_subscribers(run_options: RunOptions) -> Imported:
    """Import the `subscribers_csv` file (for `run`); an absent file is a note, not an error."""
    database = run_options.mail.database
    csv_path = Path(run_options.subscribers_csv)
    if run_options.subscribers_csv and csv_path.is_file():
        conn = subscribers.connect(database)
        try:
            report = subscribers.import_csv(conn, csv_path)
        finally:
            conn.close()
        return Imported(tuple(report.problems), report.summary(str(csv_path)))
    if run_options.subscribers_csv:
        # not an error (the database may already hold everyone), but never a silent skip
        return Imported(note=f"subscribers file {csv_path} not found; delivering to the "
                             f"subscribers already in {database}")
    return Imported()


def run(options: RunOptions, selection: Selection = Selection(), progress: Progress | None = None,
        translator: Translator | None = None) -> RunReport:
    """The whole job: build, check the approval (real mail only), deliver.

    An unapproved build is no exception: the report carries the build (to be reviewed)
    and the refusal, and nothing is mailed.
    """
    built = build(options.build, selection, translator, progress)
    if needs_approval(options.mail, DeliveryOptions()):
        try:
            approval.check(options.build.out_dir, built.editions)
        except approval.ApprovalError as exc:
            return RunReport(built, refusal=str(exc))
    imported = import_sample_subscribers(options)
    delivery = deliver(options, built.editions, progress=progress)
    return RunReport(built, imported, delivery)
