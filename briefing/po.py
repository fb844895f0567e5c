"""Translations by hand through PO files: the catalog written for translators, and the
checks on the catalog they send back.

In:  the facts of one month and, per passage, what the editions show today (a Passage:
     by hand, machine-translated or kept original); on the way back, the bytes of a PO
     file and the passages the articles hold now.
Out: a babel Catalog (one message per passage: msgctxt "article#n", a comment for the
     translator with the visit and the facts around it, a machine translation as a
     `#, fuzzy` suggestion, a hand translation filled in), and an ImportCheck: the
     HandEntry records that passed every check, one Problem per bad entry (naming its
     line and context), and counts of entries left for later (empty, fuzzy).

Written and read with babel.messages.pofile, so the file opens in Poedit and goes
through Weblate unchanged.  The checks are those a reviewer would make: the header's
Language is an edition language, every name, acronym, number and date of the source is
still there (found by briefing.translate.mask, the same masking the machines get),
every format placeholder is kept, the source still exists.  HTML in a translation is
allowed but reported: the templates escape it, so it is shown as text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .errors import InputError
from .handmade import HandEntry, HandStore
from .localise import NameBook, item_passages, prose_of
from .models import LANGS, Edition, Facts, Passage
from .translate import mask

_FORMAT = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|\[\d+\]")  # placeholders a translator must keep
_HTML = re.compile(r"</?[A-Za-z][^<>]*>")


@dataclass(frozen=True)
class Source:
    """One passage as the editions of a month show it, with what a translator needs."""

    text: str  # the passage as sent to translation (names in their diacritic spelling)
    src_lang: str
    context: str  # "article.txt#3": the article file and the passage's number in it
    comment: str  # the visit and the facts around the passage


@dataclass(frozen=True)
class Problem:
    """One entry of a PO file that was not imported, and why."""

    where: str  # "file.po:42"
    context: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.context or 'header'}: {self.message}"


@dataclass(frozen=True)
class ImportCheck:
    """What a PO file holds once checked."""

    lang: str
    good: tuple[HandEntry, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]  # imported, but worth a look (HTML shown as text)
    untranslated: int
    fuzzy: int


# --- export ------------------------------------------------------------------------------


def sources(all_facts: Sequence[Facts], names: NameBook) -> list[Source]:
    """Every prose passage of these facts, in article order, with its context."""
    found: dict[str, Source] = {}
    for facts in sorted(all_facts, key=lambda f: f.source):
        for n, text in enumerate(prose_of(facts), start=1):
            key = names.normalise(text)
            found.setdefault(key, Source(key, facts.language, _context(facts, n),
                                         _comment(facts, text)))
    return list(found.values())


def shown(editions: Sequence[Edition], names: NameBook) -> list[tuple[Source, Passage]]:
    """The passages these editions show other than in their language (or by hand), once
    each, in article order: what a translator is asked to translate."""
    found: dict[str, tuple[Source, Passage]] = {}
    for edition in editions:
        for item in edition.items:
            raw = {names.normalise(t): (n, t) for n, t in enumerate(prose_of(item.facts), 1)}
            for passage in item_passages(item):
                text = passage.source_text
                if passage.status == "source" or not text.strip() or text in found:
                    continue
                n, written = raw.get(text, (0, text))
                source = Source(text, item.facts.language, _context(item.facts, n),
                                _comment(item.facts, written))
                found[text] = (source, passage)
    return sorted(found.values(), key=lambda pair: _order(pair[0].context))


def _context(facts: Facts, n: int) -> str:
    return f"{Path(facts.source).name}#{n}"


def _order(context: str) -> tuple[str, int]:
    article, _, n = context.rpartition("#")
    return article, int(n)


def _comment(facts: Facts, text: str) -> str:
    lead = facts.lead_official
    who = ", ".join(p for p in (lead.name, lead.role, lead.organisation) if p) if lead else ""
    where = ", ".join(p for p in (*facts.cities, facts.region or "") if p)
    when = " to ".join(str(d) for d in dict.fromkeys((facts.visit_start, facts.visit_end)) if d)
    lines = [f"Article: {Path(facts.source).name}"
             + (f" ({facts.outlet}, {facts.publication_date})" if facts.outlet else ""),
             f"{facts.kind.capitalize()}: " + " · ".join(p for p in (who, where, when) if p),
             f"Shown as: {_role(facts, text)}"]
    return "\n".join(line for line in lines if not line.endswith(": "))


def _role(facts: Facts, text: str) -> str:
    figures = [f"figure ({f.value:g} {f.unit})".replace(" )", ")") for f in facts.figures
               if f.what == text]
    roles = (["highlight"] if any(s.text == text for s in (*facts.highlights_business,
                                                            *facts.highlights_diaspora)) else [])
    roles += ["agreement"] if any(s.text == text for s in facts.agreements) else []
    roles += figures + (["summary"] if text in facts.summary else [])
    return ", ".join(roles) or "passage"


def export_catalog(passages: Sequence[tuple[Source, Passage]], lang: str, store: HandStore,
                   month: str, now: dt.datetime | None = None) -> Catalog:
    """One message per passage: empty, a fuzzy suggestion, or filled in by hand."""
    catalog = Catalog(locale=lang, project="briefing passages", version=month,
                      creation_date=now, revision_date=now,
                      copyright_holder="briefing authors", fuzzy=False,
                      header_comment=f"# Passages of the {month} briefings to translate into {lang}.\n"
                                     "# Fill in msgstr; remove the fuzzy flag of a suggestion you accept.")
    for source, passage in passages:
        if source.src_lang != lang and passage.status != "source":
            catalog[source.text] = _message(source, passage, lang, store)
    return catalog


def _message(source: Source, passage: Passage, lang: str, store: HandStore) -> Message:
    string, flags, previous = "", set(), None
    old = store.by_context(source.context, lang) if passage.status != "hand" else None
    if passage.status == "hand":
        string = passage.text
    elif old and old.source != source.text:  # its sentence changed: the person's work first
        string, flags, previous = old.target, {"fuzzy"}, old.source
    elif passage.status == "machine":
        string, flags = passage.text, {"fuzzy"}
    suggested = passage.status == "machine" and string == passage.text
    note = source.comment + (f"\nMachine suggestion: {passage.model}" if suggested else "")
    return Message(source.text, string, context=source.context, flags=flags,
                   auto_comments=note.splitlines(), previous_id=previous or ())


def catalog_bytes(catalog: Catalog) -> bytes:
    """The catalog as a PO file (UTF-8), entries in passage order."""
    out = io.BytesIO()
    # No wrapping at all: babel (2.18) wraps a long `#| msgid` previous source like a
    # comment, leaving continuation lines without quotes that Poedit and polib reject.
    write_po(out, catalog, width=1_000_000, omit_header=False, include_previous=True)
    return out.getvalue()


# --- import ------------------------------------------------------------------------------


def check_po(data: bytes, name: str, known: Mapping[str, Source],
             protected: Sequence[str] = ()) -> ImportCheck:
    """Check every entry of a PO file against the passages the articles hold now."""
    lang = _language(data, name)
    catalog, bad_lines = _parse(data, name)
    good, problems, warnings = [], [], []
    untranslated = fuzzy = 0
    translator = catalog.last_translator or ""
    translator = "" if translator.startswith("FULL NAME") else translator  # babel's blank
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue  # the header; plural entries (we never write them)
        source_text: str = message.id
        where, context = f"{name}:{message.lineno}", message.context or ""
        string = message.string if isinstance(message.string, str) else ""
        if not string.strip():
            untranslated += 1
            continue
        if message.fuzzy:
            fuzzy += 1
            continue
        problem = _entry_problem(source_text, string, known.get(source_text), lang, protected)
        problem = problem or ("not valid text in the file's encoding" if "\ufffd" in string
                              and message.lineno in bad_lines else None)
        if problem:
            problems.append(Problem(where, context, problem))
            continue
        source = known[source_text]
        if _HTML.search(string) and not _HTML.search(source_text):
            warnings.append(Problem(where, context, "contains HTML markup; it is shown as text"))
        good.append(HandEntry(source_text, string.strip(), source.src_lang, lang,
                              source.context, translator))
    return ImportCheck(lang, tuple(good), tuple(problems), tuple(warnings), untranslated, fuzzy)


def _language(data: bytes, name: str) -> str:
    header = data.split(b"\n\n", 1)[0] if data.lstrip().startswith((b"msgid \"\"", b"#")) else b""
    match = re.search(rb'"Language: *([^"\\]*)\\n"', header)
    if not header or not re.search(rb'msgid ""\s*\n\s*msgstr ""', header):
        raise InputError(f"{name}: no PO header (msgid \"\" with Language and Content-Type)")
    if not match:
        raise InputError(f"{name}: the header has no Language line")
    lang = match.group(1).decode("ascii", "replace").strip().replace("-", "_").split("_")[0]
    if lang not in LANGS:
        raise InputError(f"{name}: Language {lang!r} is not an edition language "
                         f"({', '.join(LANGS)})")
    return lang


def _parse(data: bytes, name: str) -> tuple[Catalog, set[int]]:
    """Parse with babel; bytes invalid in the declared charset become U+FFFD, their
    lines noted, so one badly saved entry does not lose the others."""
    match = re.search(rb"charset=([\w.-]+)", data.split(b"\n\n", 1)[0])
    if not match:
        raise InputError(f"{name}: the header declares no charset (Content-Type)")
    charset = match.group(1).decode("ascii")
    try:
        text = data.decode(charset, errors="replace")
    except LookupError:
        raise InputError(f"{name}: unknown charset {charset!r} in the header") from None
    bad = {n for n, line in enumerate(data.split(b"\n"), start=1) if not _decodes(line, charset)}
    fixed = re.sub(r"charset=[\w.-]+", "charset=UTF-8", text, count=1).encode("utf-8")
    try:
        catalog = read_po(io.BytesIO(fixed), abort_invalid=True)
    except Exception as exc:  # babel's PoFileError, and the odd ValueError on a bad header
        raise InputError(f"{name}: not a readable PO file ({exc})") from exc
    return catalog, _entries_with(catalog, bad)


def _decodes(line: bytes, charset: str) -> bool:
    try:
        line.decode(charset)
    except UnicodeDecodeError:
        return False
    return True


def _entries_with(catalog: Catalog, bad_lines: set[int]) -> set[int]:
    """Line numbers of the messages whose text spans a line with undecodable bytes."""
    starts = sorted(m.lineno for m in catalog if m.id and m.lineno)
    hit = set()
    for start, end in zip(starts, [*starts[1:], 10**9], strict=True):
        if any(start - 2 <= line < end for line in bad_lines):
            hit.add(start)
    return hit


def _entry_problem(source_text: str, string: str, source: Source | None, lang: str,
                   protected: Sequence[str]) -> str | None:
    if source is None:
        return "this source passage no longer exists in the articles"
    if source.src_lang == lang:
        return f"the passage is already in {lang}"
    missing = sorted(set(_FORMAT.findall(source_text)) - set(_FORMAT.findall(string)))
    if missing:
        return f"placeholder {', '.join(missing)} dropped"
    return _lost_token(source_text, string, source.src_lang, protected)


def _lost_token(source_text: str, string: str, src: str, protected: Sequence[str]) -> str | None:
    """The first name, acronym, number or date of the source missing from the translation."""
    for token in mask(source_text, src, protected).tokens:
        if token.kind == "name" and token.original not in string:
            return f"name {token.original!r} changed or dropped"
        if token.date:
            wanted = [token.date.year] + ([token.date.day] if token.kind == "date" else [])
            if not all(_has_number(string, str(w)) for w in wanted):
                return f"date {token.original!r} dropped"
        elif token.kind == "number" and not _has_number(string, re.sub(r"\D", "", token.original)):
            return f"number {token.original!r} changed or dropped"
    return None


def _has_number(text: str, digits: str) -> bool:
    """True when text writes these digits, grouped or not ("1,500", "1 500", "1500")."""
    pattern = r"[.,\u00a0\u202f ]?".join(digits)
    return re.search(rf"(?<![\d.,]){pattern}(?!\d|[.,]\d)", text) is not None
